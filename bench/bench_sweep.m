function [tbl, sw] = bench_sweep (cfg, tbl)
% bench_sweep -- a sweep over step sizes (rows: section "sweep"): gd_deep with eta a
% vector of K = 32 step sizes (one call) against 32 calls, cfg.sweep_iters iterations
% each (1e4: a typical experiment, where the per-call cost of the .m driver is part of
% what a sweep saves), L = 2, d = p = r = 20, timed in turn reps times.  The one-call row
% carries the aggregate GFLOP/s (K trajectories x iterations x bench_flops over the whole
% call) and its share of the all-core dgemm rate.  sw: K, ratio (separate / one call),
% frac (of the dgemm rate), note.
  K = 32;
  sw = struct ('K', K, 'ratio', NaN, 'frac', NaN, 'note', '');
  [Sx, Sxy, W0] = bench_problem (2, 20, 20, 20, 300);
  etas = linspace (0.02, 0.08, K);
  sz = sprintf ('L=2 d=p=r=20 K=%d', K);
  if (~ cfg.have ('gd_deep'))
    sw.note = [cfg.NA ': gd_deep'];
    tbl = bench_add (tbl, 'section', 'sweep', 'case', 'eta vector', 'size', sz, ...
                     'impl', 'gd_deep', 'status', 'n/a', 'note', sw.note);
    return;
  end
  supported = false;
  try
    gd_deep (Sx, Sxy, etas(1:2), 3, W0, 'record', 3, 'verbose', false);
    supported = true;
  catch err
    sw.note = sprintf ('not supported (gd_deep with a vector eta: %s)', err.message);
  end
  nS = cfg.sweep_iters;
  opts = {'record', nS, 'nuclear', false, 'sv', 0, 'effective_rank', false, 'verbose', false};
  times = zeros (cfg.reps, 2);  cpus = zeros (cfg.reps, 2);
  for k = 1:cfg.reps                   % in turn: separate calls, then one call
    u = cputime ();  t0 = tic ();  WS = separate (Sx, Sxy, etas, nS, W0, opts);
    times(k,1) = toc (t0);  cpus(k,1) = cputime () - u;
    if (supported)
      u = cputime ();  t0 = tic ();  RV = gd_deep (Sx, Sxy, etas, nS, W0, opts{:});
      times(k,2) = toc (t0);  cpus(k,2) = cputime () - u;
    end
  end
  tS = median (times(:,1));
  tbl = bench_add (tbl, 'section', 'sweep', 'case', 'eta vector', 'size', sz, ...
                   'impl', 'K separate calls', 'iterations', nS, 'seconds', tS, ...
                   'us_per_iter', 1e6 * tS / (K * nS), 'ratio', 1, ...
                   'ref', 'K separate calls', 'status', 'ok', ...
                   'note', sprintf ('%d calls of gd_deep, %d iterations each; us_per_iter per trajectory-iteration; CPU %.3f s', K, nS, median (cpus(:,1))));
  if (~ supported)
    tbl = bench_add (tbl, 'section', 'sweep', 'case', 'eta vector', 'size', sz, ...
                     'impl', 'one call, eta vector', 'ref', 'K separate calls', ...
                     'status', 'n/a', 'note', sw.note);
    return;
  end
  tV = median (times(:,2));
  sw.ratio = tS / tV;
  e = 0;
  for k = 1:K
    e = max (e, norm (RV(k).W - WS(:,:,k), 'fro') / norm (WS(:,:,k), 'fro'));
  end
  gf = K * nS * bench_flops (2, 20, 20, 20) / tV / 1e9;
  sw.frac = gf / cfg.lim.rateN;
  tbl = bench_add (tbl, 'section', 'sweep', 'case', 'eta vector', 'size', sz, ...
                   'impl', 'one call, eta vector', 'iterations', nS, 'seconds', tV, ...
                   'us_per_iter', 1e6 * tV / (K * nS), 'ratio', sw.ratio, ...
                   'ref', 'K separate calls', 'rel_diff', e, 'gflops', gf, 'frac_dgemm', sw.frac, ...
                   'status', bench_check (e), ...
                   'note', sprintf ('rel_diff: against the separate calls; CPU %.3f s (CPU-time ratio %.3g); gflops: aggregate over the K trajectories (whole call), frac_dgemm: of the %d-thread dgemm rate', median (cpus(:,2)), median (cpus(:,1)) / median (cpus(:,2)), cfg.ncores));
end

function W = separate (Sx, Sxy, etas, iters, W0, opts)
% one gd_deep call per step size: the end-to-end matrices, d-by-p-by-numel (etas)
  W = zeros (size (Sxy, 1), size (Sxy, 2), numel (etas));
  for k = 1:numel (etas)
    R = gd_deep (Sx, Sxy, etas(k), iters, W0, opts{:});
    W(:,:,k) = R.W;
  end
end
