function [tbl, recov] = bench_recording (cfg, tbl)
% bench_recording -- what recording costs (rows: section "gd", case "L=k recording"):
% gd_deep (L = 2) and gd_linear (L = 1) at d = p = r = 20 for cfg.rec_iters iterations
% without records (one at the end, no singular values) and with 200 records including
% nuclear norms, timed in turn reps times.  recov(k).over is the relative overhead.
  recov = struct ('L', {}, 'over', {});
  for L = [2 1]
    [Sx, Sxy, W0, eta] = bench_problem (L, 20, 20, 20, 100 + L);
    fn = bench_ifelse (L == 1, 'gd_linear', 'gd_deep');
    cs = sprintf ('L=%d recording', L);  sz = 'd=p=r=20';
    n = cfg.rec_iters;
    if (~ cfg.have (fn))
      tbl = bench_add (tbl, 'section', 'gd', 'case', cs, 'size', sz, 'impl', 'pkg+rec', ...
                       'iterations', n, 'ref', 'pkg', 'status', 'n/a', 'note', [cfg.NA ': ' fn]);
      continue;
    end
    recs = round (linspace (0, n, 200));
    t0s = zeros (cfg.reps, 1);  t1s = zeros (cfg.reps, 1);
    for k = 1:cfg.reps                  % in turn, so that load changes hit both
      t0 = tic ();
      bench_call (fn, Sx, Sxy, eta, n, W0, 'record', n, 'nuclear', false, 'sv', 0, ...
                  'effective_rank', false, 'verbose', false);
      t0s(k) = toc (t0);
      t0 = tic ();
      bench_call (fn, Sx, Sxy, eta, n, W0, 'record', recs, 'verbose', false);
      t1s(k) = toc (t0);
    end
    over = median (t1s) / median (t0s) - 1;
    recov(end+1) = struct ('L', L, 'over', over);
    tbl = bench_add (tbl, 'section', 'gd', 'case', cs, 'size', sz, 'impl', 'pkg', ...
                     'iterations', n, 'seconds', median (t0s), ...
                     'us_per_iter', 1e6 * median (t0s) / n, 'status', 'ok', ...
                     'note', [fn ', no recording']);
    tbl = bench_add (tbl, 'section', 'gd', 'case', cs, 'size', sz, 'impl', 'pkg+rec', ...
                     'iterations', n, 'seconds', median (t1s), ...
                     'us_per_iter', 1e6 * median (t1s) / n, ...
                     'ratio', median (t0s) / median (t1s), 'ref', 'pkg', 'status', 'ok', ...
                     'note', sprintf ('%s, 200 records with nuclear norms: +%.1f%%', fn, 100 * over));
  end
end
