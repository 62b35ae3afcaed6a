function [tbl, eng] = bench_engine (cfg, tbl, iters)
% bench_engine -- the engine's objectives and update rules (rows: section "engine"), each
% against A, a plain Octave loop of the same update, and PyTorch (all cores and one
% thread): sgd_deep (mini-batches b = 128, L = 2, d = r = 784, p = 10, on MNIST or data of
% its shape, cfg.X / cfg.Y), gd_completion (100 x 100 rank 5, 2000 observed, L = 3),
% gd_sensing (30 x 30 rank 2, 500 Gaussian measurements, L = 2) and gd_deep's "momentum"
% and "adam" (d = r = p = 64, and d = r = 784, p = 10 except in quick mode).  The
% mini-batch rows cannot agree iterate by iterate (lindyn's generator is not Octave's or
% PyTorch's): they are checked in the full-batch limit (row "full-batch check").
% eng.<case>: per-iteration seconds sA, sP, sT2 (torch), sT1 (torch1).
%
%   bench_engine ('--profile-case', NAME, ITERS)   run one case's public call (its
%                                   problem as make bench builds it) for ITERS
%                                   iterations, for bench/profile.sh
  if (ischar (cfg))
    profile_case (tbl, iters);
    return;
  end
  PS = cfg.PS;
  peer_names = {'torch', 'torch1'};
  peer_notes = {sprintf('PyTorch %s autograd, float64, %d threads', PS.torch, cfg.ncores), ...
                sprintf('PyTorch %s autograd, float64, 1 thread', PS.torch)};
  eng = struct ();
  E = engine_cases (cfg.X, cfg.Y, cfg.msrc, cfg.quick);
  for c = 1:numel (E)
    ec = E(c);
    if (~ cfg.have (ec.fn))
      tbl = bench_add (tbl, 'section', 'engine', 'case', ec.name, 'size', ec.size, ...
                       'impl', 'pkg', 'status', 'n/a', 'note', [cfg.NA ': ' ec.fn]);
      eng.(ec.key) = struct ('sA', NaN, 'sP', NaN, 'sT2', NaN, 'sT1', NaN);
      continue;
    end
    im = struct ('name', {'A', 'pkg'}, 'f', {ec.fA, ec.fP}, 't', {[], []}, 'n', {1, 1}, ...
                 'note', {ec.noteA, ec.noteP});
    im(1).t = @(n) bench_tictoc (ec.fA, n);
    im(2).t = @(n) bench_tictoc (ec.fP, n);
    key = ['eng_' ec.key];
    if (PS.ok && bench_peers ('setup', PS, key, ec.kind, ec.data, ec.W0, ec.eta, ec.extra))
      for q = 1:2
        im(end+1) = struct ('name', peer_names{q}, ...
                            'f', @(n) bench_peers ('run', PS, key, peer_names{q}, n, ec.W0), ...
                            't', @(n) bench_peers ('time', PS, key, peer_names{q}, n), 'n', 1, ...
                            'note', peer_notes{q});
      end
    end
    for j = 1:numel (im)
      im(j).n = bench_calibrate (im(j).t, cfg.target, bench_ifelse (j == 1, 1, im(1).n));
    end
    T = bench_interleave (im, cfg.reps);
    s = T.s;
    nm = {im.name};
    res = struct ('sA', s(1), 'sP', s(2), 'sT2', NaN, 'sT1', NaN);
    if (any (strcmp (nm, 'torch'))),  res.sT2 = s(strcmp (nm, 'torch'));  end
    if (any (strcmp (nm, 'torch1'))), res.sT1 = s(strcmp (nm, 'torch1'));  end
    eng.(ec.key) = res;
    WA = [];
    if (ec.check)
      WA = im(1).f (im(1).n);
    end
    for j = 1:numel (im)
      e = NaN;
      if (ec.check && j > 1)
        out = im(j).f (im(1).n);
        if (isstruct (out)), out = out.factors;  end
        e = bench_reldiff (out, WA);
      end
      tbl = bench_add (tbl, 'section', 'engine', 'case', ec.name, 'size', ec.size, ...
                       'impl', im(j).name, 'iterations', im(j).n, 'seconds', T.tmed(j), ...
                       'us_per_iter', 1e6 * s(j), 'ratio', s(1) / s(j), 'ref', 'A', ...
                       'rel_diff', e, 'status', bench_check (e, ec.tol), ...
                       'overhead_ms', 1e3 * T.cmed(j), 'note', im(j).note);
    end
    if (~ PS.ok)
      tbl = bench_add (tbl, 'section', 'engine', 'case', ec.name, 'size', ec.size, ...
                       'impl', 'torch', 'status', 'n/a', 'note', ['skipped: ' PS.note]);
    end
    bench_peers ('drop', PS, key);
    if (~ isempty (ec.fcheck))          % SGD: the full-batch limit
      [e, e2, note] = ec.fcheck (PS);
      tbl = bench_add (tbl, 'section', 'engine', 'case', [ec.name ' full-batch check'], ...
                       'size', ec.size, 'impl', 'pkg', 'rel_diff', e, ...
                       'status', bench_check (e, ec.tol), 'ref', 'A', 'note', note);
      if (~ isnan (e2))
        tbl = bench_add (tbl, 'section', 'engine', 'case', [ec.name ' full-batch check'], ...
                         'size', ec.size, 'impl', 'torch', 'rel_diff', e2, ...
                         'status', bench_check (e2, ec.tol), 'ref', 'A', 'note', note);
      end
    end
  end
end

function E = engine_cases (X, Y, msrc, quick, only)
% the cases: per case the public function (fP), the plain Octave loop of the same update
% (fA), the peers' problem (kind, data, extra) and whether the results are compared after
% the same iterations (check).  With only (a case key), the SGD case is built only when
% only is 'sgd'.
  if (nargin < 5), only = '';  end
  E = struct ('key', {}, 'name', {}, 'size', {}, 'fn', {}, 'fA', {}, 'fP', {}, 'noteA', {}, ...
              'noteP', {}, 'kind', {}, 'data', {}, 'W0', {}, 'eta', {}, 'extra', {}, ...
              'check', {}, 'tol', {}, 'fcheck', {});
  rec = @(n) {'record', n, 'nuclear', false, 'sv', 0, 'effective_rank', false, 'verbose', false};
  % mini-batch SGD, b = 128, L = 2, d = r = 784, p = 10
  [n, d] = size (X);  p = size (Y, 2);  r = 784;  b = 128;
  if (~ isempty (only) && ~ strcmp (only, 'sgd'))
    X = X(1:2,:);  Y = Y(1:2,:);  n = 2;  b = 1;
  end
  Xd = double (X);
  Sx = Xd' * Xd / n;
  eta = 0.1 / max (eig ((Sx + Sx') / 2));
  randn ('state', 21);
  W0 = {0.1 * randn(d, r) / sqrt(d), 0.1 * randn(r, p) / sqrt(r)};
  nchk = min (2000, n);
  E(end+1) = struct ('key', 'sgd', 'name', 'sgd_deep b=128', 'size', sprintf ('n=%d d=%d r=%d p=%d L=2', n, d, r, p), ...
                     'fn', 'sgd_deep', 'fA', @(k) plain_sgd (Xd, Y, eta, k, W0, b), ...
                     'fP', @(k) sgd_deep (X, Y, eta, k, W0, 'batch', b, 'seed', 1, rec(k){:}), ...
                     'noteA', 'plain Octave loop, X converted to double once, a randperm per epoch, Xb = X(rows,:)', ...
                     'noteP', sprintf ('sgd_deep on uint8 X, b=%d, no recording; X: %s', b, msrc), ...
                     'kind', 'sgd', 'data', struct ('X', X, 'Y', Y), 'W0', {W0}, 'eta', eta, ...
                     'extra', struct ('b', b, 'threads', nproc ()), 'check', false, 'tol', 1e-10, ...
                     'fcheck', @(PS) sgd_check (PS, X(1:nchk,:), Y(1:nchk,:), eta, W0));
  clear Xd Sx;
  % completion: 100 x 100 rank 5, 2000 observed entries, L = 3 with 100 x 100 factors
  randn ('state', 22);  rand ('state', 22);
  M = randn (100, 5) * randn (5, 100);  M = M * (100 / norm (M, 'fro'));
  idx = sort (randperm (1e4, 2000))';  mask = false (100);  mask(idx) = true;
  W0c = {1e-2 * eye(100) + 1e-3 * randn(100), 1e-2 * eye(100) + 1e-3 * randn(100), 1e-2 * eye(100) + 1e-3 * randn(100)};
  etac = 2;
  [ri, ci] = ind2sub ([100 100], idx);
  E(end+1) = struct ('key', 'completion', 'name', 'gd_completion', 'size', '100x100 rank 5, 2000 observed, L=3', ...
                     'fn', 'gd_completion', 'fA', @(k) plain_completion (M(idx), idx, etac, k, W0c), ...
                     'fP', @(k) gd_completion (M, mask, etac, k, W0c, rec(k){:}), ...
                     'noteA', 'plain Octave loop: G = zeros; G(idx) = (W(idx) - M(idx))/m; chain rule', ...
                     'noteP', 'gd_completion, no recording', 'kind', 'completion', ...
                     'data', struct ('rows', ri - 1, 'cols', ci - 1, 'vals', M(idx)), 'W0', {W0c}, ...
                     'eta', etac, 'extra', struct ('threads', nproc ()), 'check', true, 'tol', 1e-9, 'fcheck', []);
  % sensing: 30 x 30 rank 2, 500 Gaussian measurements, L = 2
  randn ('state', 23);
  Wt = randn (30, 2) * randn (2, 30) / 6;
  A = randn (500, 900);  y = A * Wt(:);
  W0s = {1e-2 * eye(30) + 1e-3 * randn(30), 1e-2 * eye(30) + 1e-3 * randn(30)};
  etas = 0.05;
  E(end+1) = struct ('key', 'sensing', 'name', 'gd_sensing', 'size', '30x30 rank 2, 500 measurements, L=2', ...
                     'fn', 'gd_sensing', 'fA', @(k) plain_sensing (A, y, etas, k, W0s), ...
                     'fP', @(k) gd_sensing (A, y, etas, k, W0s, rec(k){:}), ...
                     'noteA', 'plain Octave loop: G = reshape (A''*(A*W(:) - y)/m, 30, 30); chain rule', ...
                     'noteP', 'gd_sensing, no recording', 'kind', 'sensing', 'data', struct ('A', A, 'y', y), ...
                     'W0', {W0s}, 'eta', etas, 'extra', struct ('threads', nproc ()), 'check', true, ...
                     'tol', 1e-9, 'fcheck', []);
  % gd_deep "momentum" and "adam" at d = r = p = 64 and d = r = 784, p = 10
  shapes = [64 64 64; 784 10 784];
  for sh = 1:size (shapes, 1)
    d = shapes(sh,1);  p = shapes(sh,2);  r = shapes(sh,3);
    [Sx, Sxy, W0g] = bench_problem (2, d, p, r, 40 + sh);
    for mth = {'momentum', 'adam'}
      m = mth{1};
      hp = struct ('method', m, 'beta', 0.9, 'beta1', 0.9, 'beta2', 0.999, 'eps', 1e-8, 'threads', nproc ());
      et = bench_ifelse (strcmp (m, 'adam'), 1e-3, 5e-3);
      E(end+1) = struct ('key', sprintf ('%s%d', m, d), 'name', ['gd_deep ' m], ...
                         'size', sprintf ('d=%d p=%d r=%d L=2', d, p, r), 'fn', 'gd_deep', ...
                         'fA', @(k) plain_method (Sx, Sxy, et, k, W0g, hp), ...
                         'fP', @(k) gd_deep (Sx, Sxy, et, k, W0g, 'method', m, rec(k){:}), ...
                         'noteA', sprintf ('plain Octave loop of PyTorch''s %s update', m), ...
                         'noteP', sprintf ('gd_deep "method" "%s", no recording', m), 'kind', 'gd', ...
                         'data', struct ('Sx', Sx, 'Sxy', Sxy), 'W0', {W0g}, 'eta', et, 'extra', hp, ...
                         'check', true, 'tol', 1e-9, 'fcheck', []);
    end
  end
  if (quick)                        % the harness check: the small shapes only
    E = E(~ strcmp ({E.key}, 'momentum784') & ~ strcmp ({E.key}, 'adam784'));
  end
end

function [e, e2, note] = sgd_check (PS, X, Y, eta, W0)
% the full-batch limit of the SGD rows: sgd_deep with b = n (rows in order) against the
% plain loop with b = n (and the PyTorch loop), 5 steps
  n = size (X, 1);  it = 5;
  WA = plain_sgd (double (X), Y, eta, it, W0, n);
  R = sgd_deep (X, Y, eta, it, W0, 'batch', n, 'record', it, 'nuclear', false, 'sv', 0, ...
                'effective_rank', false, 'verbose', false);
  e = bench_reldiff (R.factors, WA);
  e2 = NaN;
  if (PS.ok && bench_peers ('setup', PS, 'sgdchk', 'sgd', struct ('X', X, 'Y', Y), W0, eta, ...
                            struct ('b', n, 'threads', nproc ())))
    e2 = bench_reldiff (bench_peers ('run', PS, 'sgdchk', 'torch', it, W0), WA);
    bench_peers ('drop', PS, 'sgdchk');
  end
  note = sprintf ('b = n = %d (the first rows, in order), %d steps: against the plain loop (the mini-batch rows draw different batches: lindyn''s generator is not Octave''s)', n, it);
end

function W = plain_sgd (X, Y, eta, iters, W, b)
% mini-batch SGD on 1/(2b)||Yb - Xb W1 W2||^2, a fresh randperm per epoch of floor(n/b)
% steps; b = n uses the rows in order
  n = size (X, 1);  steps = floor (n / b);
  W1 = W{1};  W2 = W{2};
  perm = 1:n;
  for t = 1:iters
    k = mod (t - 1, steps);
    if (b == n)
      Xb = X;  Yb = Y;
    else
      if (k == 0), perm = randperm (n);  end
      rows = perm(k*b+1:(k+1)*b);
      Xb = X(rows,:);  Yb = Y(rows,:);
    end
    G = Xb' * (Xb * (W1 * W2) - Yb) / b;
    W1n = W1 - eta * G * W2';
    W2 = W2 - eta * W1' * G;
    W1 = W1n;
  end
  W = {W1, W2};
end

function W = plain_completion (vals, idx, eta, iters, W)
% GD on 1/(2m) sum over observed entries of (W1 W2 W3 - M)^2
  W1 = W{1};  W2 = W{2};  W3 = W{3};
  m = numel (idx);  G = zeros (size (W1, 1), size (W3, 2));
  for t = 1:iters
    P = W1 * W2;  S = W2 * W3;  E = P * W3;
    G(idx) = (E(idx) - vals) / m;
    W1n = W1 - eta * G * S';
    W2n = W2 - eta * W1' * G * W3';
    W3 = W3 - eta * P' * G;
    W1 = W1n;  W2 = W2n;
  end
  W = {W1, W2, W3};
end

function W = plain_sensing (A, y, eta, iters, W)
% GD on 1/(2m)||A vec(W1 W2) - y||^2
  W1 = W{1};  W2 = W{2};  m = numel (y);
  [n1, n2] = deal (size (W1, 1), size (W2, 2));
  for t = 1:iters
    E = W1 * W2;
    G = reshape (A' * (A * E(:) - y) / m, n1, n2);
    W1n = W1 - eta * G * W2';
    W2 = W2 - eta * W1' * G;
    W1 = W1n;
  end
  W = {W1, W2};
end

function W = plain_method (Sx, Sxy, eta, iters, W, hp)
% eq. 5's gradients with PyTorch's SGD momentum (v = beta v + g, W = W - eta v) or Adam
% (bias-corrected moments) update, L = 2
  W1 = W{1};  W2 = W{2};
  V1 = zeros (size (W1));  V2 = zeros (size (W2));  Q1 = V1;  Q2 = V2;
  for t = 1:iters
    G = Sx * (W1 * W2) - Sxy;
    g1 = G * W2';  g2 = W1' * G;
    if (strcmp (hp.method, 'momentum'))
      V1 = hp.beta * V1 + g1;  V2 = hp.beta * V2 + g2;
      W1 = W1 - eta * V1;  W2 = W2 - eta * V2;
    else
      V1 = hp.beta1 * V1 + (1 - hp.beta1) * g1;  V2 = hp.beta1 * V2 + (1 - hp.beta1) * g2;
      Q1 = hp.beta2 * Q1 + (1 - hp.beta2) * g1 .^ 2;  Q2 = hp.beta2 * Q2 + (1 - hp.beta2) * g2 .^ 2;
      c1 = 1 - hp.beta1 ^ t;  c2 = 1 - hp.beta2 ^ t;
      W1 = W1 - eta * (V1 / c1) ./ (sqrt (Q1 / c2) + hp.eps);
      W2 = W2 - eta * (V2 / c1) ./ (sqrt (Q2 / c2) + hp.eps);
    end
  end
  W = {W1, W2};
end

function profile_case (name, iters)
% one engine case of the benchmark (its problem as make bench builds it) for iters
% iterations, for bench/profile.sh
  if (ischar (iters)), iters = str2double (iters);  end
  top = fileparts (fileparts (mfilename ('fullpath')));
  if (strcmp (name, 'sgd'))
    [X, Y, src] = bench_mnist (top, 60000);
  else                              % the other cases do not use the data
    [X, Y, src] = deal (zeros (2, 784, 'uint8'), [1 0; 0 1] * ones (2, 10) / 10, 'none');
  end
  E = engine_cases (X, Y, src, false, name);
  k = find (strcmp ({E.key}, name), 1);
  if (isempty (k))
    error ('bench_engine: no case %s (one of: %s)', name, strjoin ({E.key}, ', '));
  end
  t0 = tic ();
  E(k).fP (iters);
  printf ('%s (%s): %d iterations of %s, %.4g s (fixed cost included)\n', name, E(k).size, ...
          iters, E(k).fn, toc (t0));
end
