function [tbl, pr] = bench_protocol (cfg, tbl)
% bench_protocol -- a published protocol end to end (rows: section "protocol"): Marion &
% Chizat's linear experiment on the sharpness reached by gradient descent (NeurIPS 2024,
% PierreMarion23/implicit-reg-sharpness: run_experiment.py, utils.py, mlp.py).
%
% Their protocol: n = 50, d = 5, X = randn (n, d), y = X*w_true + noise (w_true and the
% noise standard normal), w* = pinv (X'*X)*X'*y, y and w* divided by norm (w*); a network
% of L = 10 layers (nine 5-by-5 and a 1-by-5 in their convention yhat = W_L*...*W_1*x;
% in lindyn's, W = W1*...*WL with W10 5-by-1, the transposes, of the same Gaussian law),
% every entry scale*randn for the 10 scales linspace (0.25, 0.6, 10); steps 0.005, 0.02,
% 0.07, 0.1, 0.2 on their loss mean ((yhat - y).^2) for 40000, 10000, 4000, 4000 and 2000
% steps, with 20, 20, 20, 20 and 80 repetitions; the sharpness every 5 steps by 20 power
% iterations on Hessian-vector products.  Their loss is twice lindyn's
% 1/(2n) norm (X*w - y)^2: gradient descent with their step eta is gd_deep with 2*eta,
% and their sharpness is twice lindyn's (the values below are in their units).
%
% The reduced protocol (every scale and step, one repetition, 1/20 of the steps; quick
% mode 1/200): lindyn, five gd_deep calls (one per step, the 10 scales as an eta vector
% and a cell of starts: the trajectories run side by side on the OpenMP threads), with
% "record", 0:5:T, "sharpness", true and "sharpness_tol" cfg.sharp_tol; PyTorch (float64,
% bench/peers.py op "protocol") on 1 and on 2 threads, the sharpness at the same
% iterates by their power iteration (double-backward Hessian-vector products).  Both stop
% a run at lindyn's divergence rule.  Timed in turn: lindyn, PyTorch 1 thread, lindyn,
% PyTorch 2 threads, lindyn (lindyn's time: the median of its three).  Checked: the same
% runs diverge, at the same iteration; for the others the final loss (from each side's own
% final factors) and the final sharpness (lindyn's Lanczos against the power iteration,
% both against the top eigenvalue of the full Hessian, computed by PyTorch after the
% timing).
%
% The full protocol (full mode only): every repetition and every step, five gd_deep calls
% of 200, 200, 200, 200 and 800 trajectories, timed once.
%
% pr: tL, tT1, tT2 (seconds), ratio (best PyTorch / lindyn), ok (the check), full (the
% full protocol's seconds), nfull (its steps and sharpness records), note.
  n = 50;  d = 5;  L = 10;
  steps = [0.005 0.02 0.07 0.1 0.2];
  iters = [40000 10000 4000 4000 2000];
  reps = [20 20 20 20 80];
  scales = linspace (0.25, 0.6, 10);
  every = 5;  power = 20;  tol = cfg.sharp_tol;
  frac = bench_ifelse (cfg.quick, 200, 20);
  T = iters / frac;
  pr = struct ('tL', NaN, 'tT1', NaN, 'tT2', NaN, 'ratio', NaN, 'ok', false, ...
               'full', NaN, 'nfull', [NaN NaN], 'note', '');
  sz = sprintf ('n=%d d=%d L=%d, %d scales x %d steps', n, d, L, numel (scales), numel (steps));
  if (~ cfg.have ('gd_deep'))
    pr.note = [cfg.NA ': gd_deep'];
    tbl = bench_add (tbl, 'section', 'protocol', 'case', 'reduced protocol', 'size', sz, ...
                     'impl', 'gd_deep', 'status', 'n/a', 'note', pr.note);
    return;
  end
  [X, y] = mc_data (n, d, 2024);
  Sx = X' * X / n;  Sxy = X' * y / n;
  starts = cell (1, numel (steps));
  for i = 1:numel (steps)
    starts{i} = cell (1, numel (scales));
    for j = 1:numel (scales)
      starts{i}{j} = mc_start (i, 1, j, d, L, scales(j));
    end
  end
  ws = warning ('off', 'lindyn:gd:diverged');    % divergence is counted, not warned of
  restore = onCleanup (@() warning (ws));

  % ---- the reduced protocol: lindyn and PyTorch in turn
  pt = {};  tl = NaN (1, 3);  tp = [NaN NaN];
  lin = [];
  for k = 1:3
    t0 = tic ();
    lin = run_lindyn (X, y, Sx, Sxy, steps, T, starts, every, tol);
    tl(k) = toc (t0);
    if (k < 3 && cfg.PS.ok)
      ex = (k == 1);                  % the full Hessian once, after the timing
      o = struct ('every', every, 'power', power, 'threads', k, 'seed', 1, 'exact', ex);
      [tp(k), pt{k}] = bench_peers ('protocol', cfg.PS, X, y, [starts{:}], ...
                                    repelem (steps, numel (scales)), ...
                                    repelem (T, numel (scales)), o);
    end
  end
  pr.tL = median (tl);  pr.tT1 = tp(1);  pr.tT2 = tp(2);
  % the runs whose end depends on rounding: lindyn again from starts changed by 1e-13
  % (relative, entry by entry), untimed
  pert = run_lindyn (X, y, Sx, Sxy, steps, T, perturb (starts, 1e-13), every, tol);
  nsteps = sum ([lin.iters]);  nrec = sum ([lin.nrec]);
  what = sprintf ('%d runs of 1/%d of their steps (%s), %d steps and %d sharpness records done', ...
                  numel (lin), frac, num2str (T), nsteps, nrec);
  tbl = bench_add (tbl, 'section', 'protocol', 'case', 'reduced protocol', 'size', sz, ...
                   'impl', 'lindyn', 'iterations', nsteps, 'seconds', pr.tL, ...
                   'us_per_iter', 1e6 * pr.tL / nsteps, 'ratio', 1, 'ref', 'lindyn', ...
                   'status', 'ok', ...
                   'note', sprintf (['gd_deep, one call per step (the scales as an eta vector), ', ...
                                     '"record", 0:%d:T, "sharpness", true, "sharpness_tol", %g; %s; ', ...
                                     'median of 3 (%.3g, %.3g, %.3g s)'], every, tol, what, tl));
  if (~ cfg.PS.ok)
    pr.note = cfg.PS.note;
    tbl = bench_add (tbl, 'section', 'protocol', 'case', 'reduced protocol', 'size', sz, ...
                     'impl', 'torch', 'status', 'n/a', 'note', ['skipped: ' cfg.PS.note]);
  else
    [pr.ok, chk] = check (lin, pert, pt{1}, pt{2}, tol);
    for k = 1:2
      r = pt{k};
      if (isempty (fieldnames (r)))
        continue;
      end
      tbl = bench_add (tbl, 'section', 'protocol', 'case', 'reduced protocol', 'size', sz, ...
                       'impl', bench_ifelse (k == 1, 'torch1', 'torch'), ...
                       'iterations', sum (r.iters), 'seconds', tp(k), ...
                       'us_per_iter', 1e6 * tp(k) / sum (r.iters), ...
                       'ratio', tp(k) / pr.tL, 'ref', 'lindyn (speed-up of lindyn)', ...
                       'rel_diff', chk.rel(k), 'status', bench_ifelse (chk.ok(k), 'ok', 'MISMATCH'), ...
                       'note', sprintf (['PyTorch %s, float64, %d thread%s, double-backward ', ...
                                         'Hessian-vector products, %d power steps every %d steps ', ...
                                         '(%d estimates); %s'], cfg.PS.torch, k, ...
                                        bench_ifelse (k == 1, '', 's'), power, every, ...
                                        sum (r.estimates), chk.note{k}));
    end
    pr.ratio = min (tp) / pr.tL;
    pr.note = sprintf ('lindyn %.3g s, PyTorch %.3g s (1 thread), %.3g s (2 threads)', ...
                       pr.tL, tp(1), tp(2));
    if (~ pr.ok)
      pr.note = [pr.note, '; the check FAILED: ', strjoin(chk.note, '; ')];
    end
  end

  % ---- the full protocol, lindyn only (full mode)
  if (cfg.quick)
    return;
  end
  fs = cell (1, numel (steps));
  for i = 1:numel (steps)
    fs{i} = cell (1, numel (scales) * reps(i));
    for r = 1:reps(i)
      for j = 1:numel (scales)
        fs{i}{(r - 1) * numel (scales) + j} = mc_start (i, r, j, d, L, scales(j));
      end
    end
  end
  t0 = tic ();
  full = run_lindyn (X, y, Sx, Sxy, steps, iters, fs, every, tol);
  pr.full = toc (t0);
  pr.nfull = [sum([full.iters]), sum([full.nrec])];
  ndiv = sum ([full.diverged]);
  tbl = bench_add (tbl, 'section', 'protocol', 'case', 'full protocol', 'size', sz, ...
                   'impl', 'lindyn', 'iterations', pr.nfull(1), 'seconds', pr.full, ...
                   'us_per_iter', 1e6 * pr.full / pr.nfull(1), 'status', 'ok', ...
                   'note', sprintf (['every repetition (%s) and all steps (%s): %d runs, %d steps and ', ...
                                     '%d sharpness records done, %d runs diverged; five gd_deep calls ', ...
                                     '(eta vectors of %s trajectories), timed once'], ...
                                    num2str (reps), num2str (iters), numel (full), pr.nfull(1), ...
                                    pr.nfull(2), ndiv, num2str (reps * numel (scales))));
end

function res = run_lindyn (X, y, Sx, Sxy, steps, T, starts, every, tol)
% one gd_deep call per step, the starts of that step as a vector of trajectories; per
% run: final loss and sharpness in their units (from lindyn's final W, and 2 x lindyn's
% last sharpness record), iterations, divergence, records
  res = struct ('loss', {}, 'sharpness', {}, 'iters', {}, 'diverged', {}, 'nrec', {});
  for i = 1:numel (steps)
    K = numel (starts{i});
    R = gd_deep (Sx, Sxy, 2 * steps(i) * ones (1, K), T(i), starts{i}, ...
                 'record', 0:every:T(i), 'sharpness', true, 'sharpness_tol', tol, ...
                 'sv', 0, 'nuclear', false, 'effective_rank', false, 'verbose', false);
    for k = 1:K
      s = NaN;
      if (~ isempty (R(k).sharpness))
        s = 2 * R(k).sharpness(end);
      end
      res(end+1) = struct ('loss', mean ((X * R(k).W - y) .^ 2), 'sharpness', s, ...
                           'iters', R(k).iters, 'diverged', R(k).diverged, ...
                           'nrec', numel (R(k).t));
    end
  end
end

function [ok, c] = check (lin, pert, p1, p2, tol)
% lindyn against each PyTorch run (on 1 and 2 threads the same computation).  First the
% runs whose end depends on rounding are set aside: those whose final loss moves by more
% than 1e-8 (relative), or whose divergence or length changes, when every entry of the
% start is changed by 1e-13 (relative; pert, lindyn from those starts).  A run that
% amplifies a change of its start by g per step amplifies the rounding differences of
% two implementations (about 1e-16 per step) by at most g^T / (g - 1) 1e-16, below the
% start's g^T 1e-13 unless g < 1.001: the runs kept do not amplify rounding beyond 1e-8.
% The set-aside runs (in practice the largest step's, oscillating at the edge of
% stability without diverging) are counted, not compared.  Of the others: the same
% runs diverge, at the same iteration; at the others the final loss agrees to 1e-8
% (measured ~1e-13: the same arithmetic in another order); lindyn's final sharpness is the top
% eigenvalue of the full Hessian (PyTorch's, after the timing) to 10 tol + 1e-10
% (Lanczos's residual bound); the power iteration's estimate agrees with lindyn's to 1e-3
% where the top eigenvalue is at least twice every other eigenvalue in magnitude: its
% 19th product leaves a relative error of about (c2/c1)^2 2^-36 = 1.5e-11 (c2/c1)^2, c1
% and c2 the random start's components along the top two eigenvectors, so above 1e-3
% only when |c1/c2| < 1.2e-4, a chance of about 1e-4 per run.  Elsewhere 20 power steps
% do not converge (a second eigenvalue close to the top one) or converge to the most
% negative eigenvalue's magnitude (a run still near the saddle at W = 0), which is not
% the sharpness: those runs are counted, not compared.
  ok = true;  c.ok = [false false];  c.rel = [NaN NaN];  c.note = {'', ''};
  P = {p1, p2};
  for k = 1:2
    p = P{k};
    if (isempty (fieldnames (p)))
      c.note{k} = 'no result';  ok = false;
      continue;
    end
    if (k == 2 && isfield (p1, 'exact'))
      p.exact = p1.exact;  p.exact_2 = p1.exact_2;  p.exact_min = p1.exact_min;
    elseif (~ isfield (p, 'exact'))
      p.exact = NaN (size (p.loss));  p.exact_2 = p.exact;  p.exact_min = p.exact;
    end
    sens = abs ([pert.loss] - [lin.loss]) > 1e-8 * abs ([lin.loss]) | ...
           [pert.diverged] ~= [lin.diverged] | [pert.iters] ~= [lin.iters];
    keep = ~ sens;
    dl = [lin.diverged];  dp = logical (p.diverged(:)');
    fin = ~ dl & ~ dp & keep;
    itl = [lin.iters];  itp = p.iters(:)';
    el = abs ([lin.loss] - p.loss(:)') ./ abs (p.loss(:)');
    sl = [lin.sharpness];  sp = p.sharpness(:)';
    lossmax = max ([0, el(fin)]);
    ex = p.exact(:)';  ex2 = p.exact_2(:)';  exm = p.exact_min(:)';
    elz = max ([0, abs(sl(fin) - ex(fin)) ./ abs(ex(fin))]);
    dom = fin & ex >= 2 * max (abs (ex2), abs (exm));
    lossrec = max ([0, el(sens & ~ dl & ~ dp)]);
    es = abs (sl - sp) ./ abs (sl);
    smax = max ([0, es(dom)]);
    other = max ([0, es(fin & ~ dom)]);
    neg = sum (fin & abs (exm) > ex);
    c.ok(k) = isequal (dl(keep), dp(keep)) && isequal (itl(keep), itp(keep)) && lossmax <= 1e-8 && ...
              elz <= 10 * tol + 1e-10 && smax <= 1e-3;
    c.rel(k) = max (lossmax, smax);
    same = ' (NOT the same runs)';
    if (isequal (dl(keep), dp(keep)))
      same = bench_ifelse (isequal (itl(keep), itp(keep)), ', at the same iteration', ', NOT at the same iteration');
    end
    c.note{k} = sprintf (['%d runs set aside, whose end depends on rounding (final loss ', ...
                          'rel. diff. up to %.2g there); of the %d others %d diverged in both%s; ', ...
                          'at the %d others: final loss ', ...
                          'rel. diff. %.2g; lindyn''s sharpness against the full Hessian''s top ', ...
                          'eigenvalue %.2g; the power iteration against lindyn %.2g at the %d runs ', ...
                          'whose top eigenvalue is at least twice every other in magnitude, up to ', ...
                          '%.2g at the %d others (%d of them with a negative eigenvalue larger in ', ...
                          'magnitude, which the power iteration finds instead)'], ...
                         sum (sens), lossrec, sum (keep), sum (dl & dp & keep), same, sum (fin), ...
                         lossmax, elz, smax, ...
                         sum (dom), other, sum (fin & ~ dom), neg);
    ok = ok && c.ok(k);
  end
end

function S = perturb (S, rel)
% every factor entry of every start times (1 + rel*randn), from a fixed seed
  randn ('state', 99);
  for i = 1:numel (S)
    for j = 1:numel (S{i})
      for l = 1:numel (S{i}{j})
        S{i}{j}{l} = S{i}{j}{l} .* (1 + rel * randn (size (S{i}{j}{l})));
      end
    end
  end
end

function [X, y] = mc_data (n, d, seed)
% their generate_data with noise variance 1: y and w* = pinv (X'*X)*X'*y divided by
% norm (w*)
  randn ('state', seed);
  X = randn (n, d);
  wtrue = randn (d, 1);
  y = X * wtrue + randn (n, 1);
  wstar = pinv (X' * X) * X' * y;
  y = y / norm (wstar);
end

function W = mc_start (i, r, j, d, L, scale)
% the start of step i, repetition r, scale j (a stream of its own, so the reduced
% protocol's starts are the full protocol's first repetition): nine d-by-d factors and a
% d-by-1 one, entries scale*randn
  randn ('state', 1e5 * i + 100 * r + j);
  W = cell (1, L);
  for l = 1:L - 1
    W{l} = scale * randn (d, d);
  end
  W{L} = scale * randn (d, 1);
end
