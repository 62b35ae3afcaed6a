function [tbl, fx] = bench_fixed (cfg, tbl, cs, sz, fD, sP, reps)
% bench_fixed -- the fixed cost of a call before its first step (rows: section "gd",
% case CS " fixed cost"): fD(n), the public function with its default recording (no
% "record" option), at iters = 0 against 100 iterations, timed in turn reps times
% (medians).  When 100 iterations would take more than cfg.fixed_direct seconds (from
% sP, the lean run's seconds per iteration), the 100-iteration call is not timed but
% estimated as the iters = 0 call plus 100 sP (at most the real call, whose records cost
% more: the target against it is the stricter).  fx: t0, t100, timed, limit
% (0.1 s + 5% of t100).
  n = 100;
  est = n * sP;
  timed = est <= cfg.fixed_direct;
  t0 = NaN (reps, 1);  t1 = NaN (reps, 1);
  for k = 1:reps                       % in turn, so that load changes hit both
    a = tic ();  fD (0);  t0(k) = toc (a);
    if (timed)
      a = tic ();  fD (n);  t1(k) = toc (a);
    end
  end
  fx.t0 = median (t0);
  if (timed)
    fx.t100 = median (t1);
    how = sprintf ('timed, median of %d', reps);
  else
    fx.t100 = fx.t0 + est;
    how = sprintf (['estimated as the iters = 0 call + 100 x %.3g s (the lean run''s time per ', ...
                    'iteration, measured above): a timed call would take ~%.0f s'], sP, fx.t100);
  end
  fx.timed = timed;
  fx.limit = 0.1 + 0.05 * fx.t100;
  c = [cs ' fixed cost'];
  tbl = bench_add (tbl, 'section', 'gd', 'case', c, 'size', sz, 'impl', 'pkg+def', ...
                   'iterations', 0, 'seconds', fx.t0, 'overhead_ms', 1e3 * fx.t0, 'status', 'ok', ...
                   'note', sprintf ('the default call at iters = 0 (median of %d, in turn with the 100-iteration call): %s', ...
                                    reps, sprintf ('%.3g s against 0.1 s + 5%% of the 100-iteration call = %.3g s', fx.t0, fx.limit)));
  tbl = bench_add (tbl, 'section', 'gd', 'case', c, 'size', sz, 'impl', 'pkg+def', ...
                   'iterations', n, 'seconds', fx.t100, 'status', 'ok', ...
                   'note', sprintf ('the default call at 100 iterations: %s', how));
end
