function S = demo_diagonal (outdir, varargin)
% -*- texinfo -*-
% @deftypefn  {} {} demo_diagonal ()
% @deftypefnx {} {} demo_diagonal (@var{outdir})
% @deftypefnx {} {@var{S} =} demo_diagonal (@var{outdir}, @var{name}, @var{value}, @dots{})
% The implicit bias of diagonal linear networks, @code{w = u.*u - v.*v}, on a sparse
% regression with fewer samples than dimensions: the scale of the start (Woodworth et
% al. 2020), and the step size and the batch size (Even, Pesme, Gunasekar, Flammarion,
% NeurIPS 2023).
%
% Problem: n = 40 Gaussian samples in d = 100 dimensions (@code{X = randn (n, d)}), a
% 5-sparse target w* (entries of size 0.5 to 1.5, random signs), @code{y = X*w*}; loss
% @code{1/(2n) norm (X*w - y)^2}; start @code{u0 = v0 = alpha} (w0 = 0).  Every
% interpolator solves @code{X*w = y}; the minimum-norm one is @code{pinv (X)*y}, the
% minimum-l1 one (here w* itself: 40 samples recover 5 entries) comes from a linear
% program (Octave's @code{glpk}).
%
% Top row: the recovery error @code{norm (w - w*)} and @code{norm (w, 1)} of the
% endpoint against alpha, from 10 down to 1e-4: the exact limit of gradient flow
% (@code{diagonal_limit}) as a curve, gradient descent's endpoints (@code{gd_diagonal},
% step @code{0.2/sharpness}, the larger of the sharpness at the start and at the limit,
% run until the loss is below 1e-12 or for at most @qcode{"iters"} steps) as markers,
% and the two interpolators as the ends: alpha large gives the minimum-norm one, alpha
% -> 0 the minimum-l1 one.
%
% Bottom row, at alpha = 0.1 (option @qcode{"alpha"}): the endpoint's recovery error
% relative to the flow's, @code{norm (w_eta - w*) / norm (w_flow - w*)} (below 1: closer
% to the sparse target), against the step size as a fraction of the divergence threshold
% eta_max (the largest step of a fine grid with which 2000 steps do not diverge,
% measured for each method and data), for gradient descent (b = n) and SGD with
% batches of 1 and 10, on the centered data above and on uncentered data
% (@code{X + 1}); and against the batch size at two fixed steps.  SGD points are the
% mean over @qcode{"seeds"} seeds (bars: smallest and largest); a run whose loss did
% not reach 1e-10 is drawn hollow; a run that collapsed to w = 0 (the oscillations drove
% u and v to 0: the loss stays at its start) is counted and left out of the mean.
%
% Even et al. state (abstract): large steps consistently benefit SGD for sparse
% regression, while they can hinder the recovery of sparse solutions for GD, the effects
% being magnified just below the divergence threshold.  What lindyn measures with the
% defaults is printed and written to @file{diagonal_steps.csv}; doc/theory.md quotes it.
%
% With @var{outdir} (a folder, created if needed) the demo writes @file{diagonal.png},
% @file{diagonal_alpha.csv} (alpha, the limit's recovery error, l1 norm and distances to
% the two interpolators), @file{diagonal_gd.csv} (per gradient-descent alpha: eta,
% iterations, final loss, recovery error, l1 norm, distance to the limit),
% @file{diagonal_steps.csv} and @file{diagonal_batch.csv} (one row per run: data
% (0 centered, 1 uncentered), batch, eta, eta/eta_max, seed, recovery error, relative
% error, l1 norm, final loss, iterations, collapsed); without it (or with @code{''})
% nothing is written.
%
% Options (name, value): @qcode{"alphas"} (the limit curve, default
% @code{logspace (1, -4, 26)}), @qcode{"gd_alphas"} (default
% @code{[10 1 0.1 1e-2 1e-3 1e-4]}, @code{[]} to skip), @qcode{"alpha"} (the bottom
% row, default 0.1), @qcode{"fractions"} (steps as fractions of eta_max, default
% @code{[0.05 0.2 0.4 0.6 0.8 0.9 0.95]}, @code{[]} to skip the bottom row),
% @qcode{"batches"} (default 1, 2, 5, 10, 20 and n), @qcode{"seeds"} (default 3),
% @qcode{"iters"} (the most steps of a run, default 1e6), @qcode{"n"}, @qcode{"d"},
% @qcode{"k"} (default 40, 100, 5), @qcode{"seed"} (the problem's, default 1),
% @qcode{"plot"} (default true).
%
% @var{S} holds the plotted numbers: @code{X}, @code{y}, @code{wstar}, @code{w_l1},
% @code{w_l2}, @code{alphas}, @code{limit} (a struct with fields @code{err}, @code{l1},
% @code{to_l1}, @code{to_l2}, one per alpha), @code{gd} (a struct array per
% gradient-descent alpha: @code{alpha}, @code{eta}, @code{iters}, @code{loss},
% @code{err}, @code{l1}, @code{to_limit}), @code{eta_max} (a struct array per data and
% batch: @code{data}, @code{batch}, @code{eta_max}), @code{steps} and @code{batch}
% (matrices with the columns of the CSV files).
%
% Example (a small problem, a few seconds):
% @c runnable
% @example
% @group
% S = demo_diagonal ('', 'plot', false, 'n', 15, 'd', 30, 'k', 2, ...
%                    'alphas', [1 0.1 0.01], 'gd_alphas', 0.01, 'fractions', []);
% [S.alphas; S.limit.err]        % recovery error falls with alpha
% @end group
% @end example
% @seealso{gd_diagonal, diagonal_limit, demo_lazy_rich}
% @end deftypefn

  if (nargin < 1)
    outdir = '';
  end
  if (mod (numel (varargin), 2) ~= 0)
    ld_usage ('demo_diagonal');
  end
  fn = 'demo_diagonal';
  ld_outdir (fn, outdir);
  o = struct ('alphas', logspace (1, -4, 26), 'gd_alphas', [10 1 0.1 1e-2 1e-3 1e-4], ...
              'alpha', 0.1, 'fractions', [0.05 0.2 0.4 0.6 0.8 0.9 0.95], ...
              'batches', [], 'seeds', 3, 'iters', 1e6, 'n', 40, 'd', 100, ...
              'k', 5, 'seed', 1, 'plot', true);
  [o, given] = ld_name_value (fn, o, varargin);
  for j = 1:numel (given)
    name = given{j};
    v = o.(name);
    switch (name)
      case {'alphas', 'gd_alphas'}
        if (~ (strcmp (name, 'gd_alphas') && isempty (v)))
          v = ld_matrix (fn, name, v, 'vector', 'nonempty', 'finite', 'positive');
          if (any (v > 1e3 | v < 1e-8))
            error (sprintf ('lindyn:%s:%s', fn, name), '%s: %s must lie in [1e-8, 1e3]', fn, name);
          end
          v = sort (unique (v(:)'), 'descend');
        end
      case 'alpha'
        v = ld_matrix (fn, name, v, 'scalar', 'finite', 'positive');
        if (v > 10 || v < 1e-4)
          error ('lindyn:demo_diagonal:alpha', 'demo_diagonal: alpha must lie in [1e-4, 10]');
        end
      case 'fractions'
        if (~ isempty (v))
          v = ld_matrix (fn, name, v, 'vector', 'finite', 'positive');
          if (any (v >= 1))
            error ('lindyn:demo_diagonal:fractions', 'demo_diagonal: fractions must lie in (0, 1)');
          end
          v = v(:)';
        end
      case 'batches'
        v = ld_matrix (fn, name, v, 'vector', 'nonempty', 'integer', 'positive');
        v = unique (v(:)');
      case {'seeds', 'n', 'd', 'k'}
        v = ld_matrix (fn, name, v, 'scalar', 'integer', 'positive');
        if (v > 1e4)
          error (sprintf ('lindyn:%s:%s', fn, name), '%s: %s must be at most 1e4', fn, name);
        end
      case 'iters'
        v = ld_matrix (fn, name, v, 'scalar', 'integer', 'positive');
        if (v > 1e9)
          error ('lindyn:demo_diagonal:iters', 'demo_diagonal: iters must be at most 1e9');
        end
      case 'seed'
        v = ld_matrix (fn, name, v, 'scalar', 'integer', 'nonnegative');
      case 'plot'
        v = ld_logical (fn, name, v);
    end
    o.(name) = v;
  end
  if (~ (o.k <= o.d && o.n < o.d))
    error ('lindyn:demo_diagonal:n', 'demo_diagonal: need k <= d and n < d (got n = %d, d = %d, k = %d)', ...
           o.n, o.d, o.k);
  end
  if (isempty (o.batches))
    b = [1 2 5 10 20];
    o.batches = [b(b < o.n), o.n];
  elseif (any (o.batches > o.n))
    error ('lindyn:demo_diagonal:batches', 'demo_diagonal: batches must be at most n = %d', o.n);
  end

  state = warning ('off', 'lindyn:gd:diverged');   % divergence is measured, not warned of
  restore = onCleanup (@() warning (state));
  clock = tic ();
  [X, wstar] = problem (o.seed, o.n, o.d, o.k);
  y = X * wstar;
  S = struct ('X', X, 'y', y, 'wstar', wstar, 'alpha', o.alpha, 'seed', o.seed);
  S.w_l1 = l1_interpolator (X, y);
  S.w_l2 = pinv (X) * y;
  fprintf ('Diagonal networks: n = %d, d = %d, %d-sparse w*, |w*|_1 = %.4f\n', o.n, o.d, o.k, ...
           norm (wstar, 1));
  fprintf ('  minimum-l1 interpolator: |w - w*| = %.2e, |w|_1 = %.4f\n', norm (S.w_l1 - wstar), ...
           norm (S.w_l1, 1));
  fprintf ('  minimum-l2 interpolator: |w - w*| = %.4f, |w|_1 = %.4f\n', norm (S.w_l2 - wstar), ...
           norm (S.w_l2, 1));

  % the flow's limits along alpha
  S.alphas = o.alphas;
  na = numel (o.alphas);
  S.limit = struct ('err', zeros (1, na), 'l1', zeros (1, na), 'to_l1', zeros (1, na), ...
                    'to_l2', zeros (1, na));
  for j = 1:na
    w = diagonal_limit (X, y, o.alphas(j), o.alphas(j));
    S.limit.err(j) = norm (w - wstar);
    S.limit.l1(j) = norm (w, 1);
    S.limit.to_l1(j) = norm (w - S.w_l1);
    S.limit.to_l2(j) = norm (w - S.w_l2);
  end

  % gradient descent's endpoints
  S.gd = struct ('alpha', {}, 'eta', {}, 'iters', {}, 'loss', {}, 'err', {}, 'l1', {}, ...
                 'to_limit', {});
  for j = 1:numel (o.gd_alphas)
    a = o.gd_alphas(j);
    [wl, info] = diagonal_limit (X, y, a, a);
    % the sharpness at the start and at the limit (u = a e^(z/2), v = a e^(-z/2))
    s0 = gd_diagonal (X, y, 1, 0, 'alpha', a, 'sharpness', true, 'record', 0, 'verbose', false);
    ul = a * exp (info.z / 2);  vl = a * exp (-info.z / 2);
    s1 = gd_diagonal (X, y, 1, 0, 'init', {ul, vl}, 'sharpness', true, 'record', 0, ...
                      'verbose', false);
    eta = 0.2 / max (s0.sharpness, s1.sharpness);
    R = gd_diagonal (X, y, eta, o.iters, 'alpha', a, 'record', 0:1000:o.iters, ...
                     'stop_loss', 1e-12, 'target', wstar, 'verbose', false);
    g = struct ('alpha', a, 'eta', eta, 'iters', R.iters, 'loss', R.loss(end), ...
                'err', R.err(end), 'l1', R.l1(end), 'to_limit', norm (R.w - wl));
    S.gd(end+1) = g;
  end
  fprintf ('  alpha       limit: |w - w*|   |w|_1    | GD: eta      iters     loss      |w - w*|   |w|_1    |w_GD - w_inf|\n');
  for j = 1:na
    a = o.alphas(j);
    line = sprintf ('  %9.3g   %10.3e  %8.4f', a, S.limit.err(j), S.limit.l1(j));
    q = find (abs ([S.gd.alpha] - a) <= 1e-12 * a, 1);
    if (~ isempty (q))
      g = S.gd(q);
      line = [line, sprintf('  | %9.3g %9d %9.1e %10.3e %8.4f %10.2e', g.eta, g.iters, g.loss, ...
                            g.err, g.l1, g.to_limit)];
    end
    fprintf ('%s\n', line);
  end

  fprintf ('  (limits and gradient descent: %.1f s)\n', toc (clock));
  clock = tic ();

  % the step size and the batch size at alpha = o.alpha
  S.eta_max = struct ('data', {}, 'batch', {}, 'eta_max', {});
  S.steps = zeros (0, 11);  S.batch = zeros (0, 11);
  if (~ isempty (o.fractions))
    datas = {X, X + 1};
    for c = 1:2
      Xc = datas{c};  yc = Xc * wstar;
      wl = diagonal_limit (Xc, yc, o.alpha, o.alpha);
      e0 = norm (wl - wstar);
      for b = unique ([o.n, min(10, o.n), 1])
        em = eta_max (Xc, yc, o.alpha, b);
        S.eta_max(end+1) = struct ('data', c - 1, 'batch', b, 'eta_max', em);
        S.steps = [S.steps; runs(Xc, yc, wstar, o, b, o.fractions * em, o.fractions, e0, ...
                                 c - 1, b < o.n)];
      end
      if (c == 1)                        % the batch sizes, centered data
        em1 = S.eta_max([S.eta_max.batch] == 1 & [S.eta_max.data] == 0).eta_max;
        for b = o.batches
          S.batch = [S.batch; runs(Xc, yc, wstar, o, b, [0.3 0.8] * em1, [0.3 0.8], e0, 0, ...
                                   b < o.n)];
        end
      end
    end
    report (S, o);
    fprintf ('  (step and batch sizes: %.1f s)\n', toc (clock));
  end

  if (o.plot)
    draw (S, o);
  end
  if (~ isempty (outdir))
    write_outputs (S, outdir, o.plot);
  end
  if (nargout == 0)
    clear S;
  end
end

function [X, wstar] = problem (seed, n, d, k)
  % Gaussian X and a k-sparse target from the seed (the caller's stream is restored)
  old = rng ();
  rng (seed + 2000);
  restore = onCleanup (@() rng (old));
  X = randn (n, d);
  wstar = zeros (d, 1);
  idx = randperm (d, k);
  wstar(idx) = sign (randn (k, 1)) .* (0.5 + rand (k, 1));
end

function w = l1_interpolator (X, y)
  % min |w|_1 subject to X w = y, as the linear program over w = p - q, p, q >= 0
  [n, d] = size (X);
  c = ones (2 * d, 1);  A = [X, -X];  lb = zeros (2 * d, 1);
  if (exist ('OCTAVE_VERSION', 'builtin'))
    [z, ~, status] = glpk (c, A, y, lb, [], repmat ('S', n, 1), repmat ('C', 2 * d, 1), 1);
    if (status ~= 0)
      error ('lindyn:demo_diagonal:glpk', 'demo_diagonal: glpk failed (status %d)', status);
    end
  else
    z = linprog (c, [], [], A, y, lb, []);
  end
  w = z(1:d) - z(d+1:end);
end

function em = eta_max (X, y, alpha, b)
  % the divergence threshold: on a log grid of factor 1.1, the smallest step with which
  % 2000 steps from u = v = alpha diverge; then on a grid of factor 1.01 below it, the
  % step below the smallest one with which 10000 steps diverge (each grid in one call)
  lmax = norm (X) ^ 2 / size (X, 1);
  etas = exp (log (1e-3) : log (1.1) : log (30)) / lmax;
  j = first_diverged (X, y, alpha, b, etas, 2000);
  fine = etas(max (j - 2, 1)) * 1.01 .^ (0:ceil (log (etas(j) / etas(max (j - 2, 1))) / log (1.01)));
  q = first_diverged (X, y, alpha, b, fine, 10000);
  em = fine(max (q - 1, 1));
end

function j = first_diverged (X, y, alpha, b, etas, iters)
  R = gd_diagonal (X, y, etas, iters, 'alpha', alpha, 'batch', b, 'seed', 1, ...
                   'record', iters, 'sv', 0, 'nuclear', false, 'effective_rank', false, ...
                   'verbose', false);
  j = find ([R.diverged], 1);
  if (isempty (j)), j = numel (etas);  end
end

function M = runs (X, y, wstar, o, b, etas, fr, e0, data, stochastic)
  % one row per step and seed: data, batch, eta, fraction, seed, error, relative error,
  % l1, loss, iterations, failed (0, 1: collapsed to w = 0, 2: diverged); the steps of a
  % seed in one call
  ns = 1 + (o.seeds - 1) * stochastic;
  K = numel (etas);
  M = zeros (ns * K, 11);
  loss0 = sum (y .^ 2) / (2 * size (X, 1));
  it = min (o.iters, 2e5);
  for s = 1:ns
    R = gd_diagonal (X, y, etas, it, 'alpha', o.alpha, 'batch', b, 'seed', s, ...
                     'record', 0:500:it, 'stop_loss', 1e-12, 'target', wstar, ...
                     'sv', 0, 'nuclear', false, 'effective_rank', false, 'verbose', false);
    for k = 1:K
      r = R(k);
      failed = 0;
      if (norm (r.w, Inf) < 1e-6 * norm (wstar, Inf) && r.loss(end) > 0.5 * loss0)
        failed = 1;
      elseif (r.diverged)
        failed = 2;
      end
      M((s - 1) * K + k, :) = [data, b, etas(k), fr(k), s, r.err(end), r.err(end) / e0, ...
                               r.l1(end), r.loss(end), r.iters, failed];
    end
  end
end

function report (S, o)
  fprintf ('  alpha = %g: divergence thresholds eta_max:\n', o.alpha);
  for q = 1:numel (S.eta_max)
    e = S.eta_max(q);
    fprintf ('    %s data, batch %d: eta_max = %.4g\n', name_of (e.data), e.batch, e.eta_max);
  end
  fprintf ('  endpoint |w - w*| / |w_flow - w*| against eta/eta_max (mean over seeds; [min, max]; collapsed runs):\n');
  show_table (S.steps, 'data', 'batch');
  fprintf ('  against the batch size at eta = f * eta_max (centered data, batch 1):\n');
  show_table (S.batch, 'f', 'batch');
end

function s = name_of (c)
  if (c == 0), s = 'centered';  else, s = 'uncentered';  end
end

function show_table (M, first, second)
  if (strcmp (first, 'data'))
    keys = unique (M(:, [1 2]), 'rows');
  else
    keys = unique (M(:, [4 2]), 'rows');
  end
  for q = 1:size (keys, 1)
    if (strcmp (first, 'data'))
      rowsel = M(:,1) == keys(q,1) & M(:,2) == keys(q,2);
      lab = sprintf ('%-10s b = %2d', name_of (keys(q,1)), keys(q,2));
      xs = unique (M(rowsel, 4))';  col = 4;
    else
      rowsel = M(:,4) == keys(q,1) & M(:,2) == keys(q,2);
      lab = sprintf ('f = %.2f  b = %2d', keys(q,1), keys(q,2));
      xs = keys(q,1);  col = 4;
    end
    line = sprintf ('    %s:', lab);
    for x = xs
      m = M(rowsel & M(:,col) == x, :);
      ok = m(:,11) == 0;
      nc = sum (m(:,11) == 1);  nd = sum (m(:,11) == 2);
      mark = '';
      if (any (m(ok, 9) > 1e-10)), mark = '*';  end
      if (any (ok))
        line = [line, sprintf(' %.2f: %.3f [%.3f %.3f]%s', x, mean (m(ok,7)), min (m(ok,7)), ...
                              max (m(ok,7)), mark)];
      end
      if (nc > 0), line = [line, sprintf(' (%d collapsed)', nc)];  end
      if (nd > 0), line = [line, sprintf(' (%d diverged)', nd)];  end
    end
    fprintf ('%s\n', line);
  end
  fprintf ('    (* a run whose loss did not reach 1e-10)\n');
end

function draw (S, o)
  fig = gcf ();
  clf (fig);
  stepped = ~ isempty (S.steps);
  if (stepped)
    set (fig, 'position', [50 50 1500 820]);
    nr = 2;
  else
    set (fig, 'position', [50 50 1500 420]);
    nr = 1;
  end
  blue = [0 0.447 0.741];  red = [0.85 0.325 0.098];  green = [0.466 0.674 0.188];
  grey = [0.45 0.45 0.45];
  a = S.alphas;  xl = [min(a) / 1.5, max(a) * 1.5];
  e2 = norm (S.w_l2 - S.wstar);  e1 = norm (S.w_l1 - S.wstar);
  if (~ isempty (S.gd))
    ga = [S.gd.alpha];  done = [S.gd.loss] <= 1e-12;
  end

  ax = subplot (nr, 3, 1);
  hold (ax, 'on');
  floor_ = 1e-6;
  h = plot (ax, a, max (S.limit.err, floor_), '-', 'color', blue, 'linewidth', 2);
  set (h, 'displayname', 'exact limit of gradient flow');
  if (~ isempty (S.gd))
    gd_markers (ax, ga, max ([S.gd.err], floor_), done, red);
  end
  h = plot (ax, xl, e2 * [1 1], '--', 'color', grey, 'linewidth', 1.5);
  set (h, 'displayname', sprintf ('minimum-l_2 interpolator (%.3f)', e2));
  h = plot (ax, NaN, NaN, 'w');
  set (h, 'displayname', sprintf ('minimum-l_1 interpolator: error %.0e (= w^*)', e1));
  set (ax, 'xscale', 'log', 'yscale', 'log', 'xdir', 'reverse');
  xlim (ax, xl);  ylim (ax, [floor_, 10]);
  xlabel (ax, 'initialisation scale \alpha (u_0 = v_0 = \alpha)');
  ylabel (ax, 'recovery error |w_\infty - w^*|_2');
  title (ax, 'kernel regime (large \alpha) to sparse recovery (\alpha \rightarrow 0)');
  legend (ax, 'show');  legend (ax, 'location', 'southwest');
  box (ax, 'on');  grid (ax, 'on');

  ax = subplot (nr, 3, 2);
  hold (ax, 'on');
  h = plot (ax, a, S.limit.l1, '-', 'color', blue, 'linewidth', 2);
  set (h, 'displayname', 'exact limit of gradient flow');
  if (~ isempty (S.gd))
    gd_markers (ax, ga, [S.gd.l1], done, red);
  end
  h = plot (ax, xl, norm (S.w_l2, 1) * [1 1], '--', 'color', grey, 'linewidth', 1.5);
  set (h, 'displayname', '|w|_1 of the minimum-l_2 interpolator');
  h = plot (ax, xl, norm (S.w_l1, 1) * [1 1], ':', 'color', 'k', 'linewidth', 1.5);
  set (h, 'displayname', 'minimum |w|_1 (= |w^*|_1)');
  set (ax, 'xscale', 'log', 'xdir', 'reverse');
  xlim (ax, xl);
  span = norm (S.w_l2, 1) - norm (S.w_l1, 1);
  ylim (ax, [norm(S.w_l1, 1) - 0.08 * span, norm(S.w_l2, 1) + 0.08 * span]);
  xlabel (ax, 'initialisation scale \alpha');  ylabel (ax, '|w_\infty|_1');
  title (ax, sprintf ('n = %d samples, d = %d, %d-sparse target w^*', size (S.X, 1), ...
                      size (S.X, 2), nnz (S.wstar)));
  legend (ax, 'show');  legend (ax, 'location', 'east');
  box (ax, 'on');  grid (ax, 'on');

  ax = subplot (nr, 3, 3);
  hold (ax, 'on');
  if (~ isempty (S.gd))
    gd_markers (ax, ga, [S.gd.to_limit], done, red);
    plot (ax, ga, [S.gd.to_limit], '-', 'color', red);
  end
  set (ax, 'xscale', 'log', 'yscale', 'log', 'xdir', 'reverse');
  xlim (ax, xl);
  xlabel (ax, 'initialisation scale \alpha');
  ylabel (ax, '|w_{GD} - w_\infty|_2');
  title (ax, 'distance of gradient descent''s endpoint to the flow''s limit');
  legend (ax, 'off');
  box (ax, 'on');  grid (ax, 'on');
  if (~ stepped)
    return;
  end

  cols = {red, green, blue};  marks = {'o', 's', 'd'};
  for c = 0:1
    ax = subplot (2, 3, 4 + c);
    hold (ax, 'on');
    M = S.steps(S.steps(:,1) == c, :);
    bs = sort (unique (M(:,2))', 'descend');
    for j = 1:numel (bs)
      [x, m, lo, hi, full] = summary (M(M(:,2) == bs(j), :));
      if (bs(j) == size (S.X, 1)), lab = 'GD';  else, lab = sprintf ('SGD, b = %d', bs(j));  end
      h = plot (ax, x, m, '-', 'color', cols{j}, 'linewidth', 1.5, 'marker', marks{j}, ...
                'markerfacecolor', cols{j}, 'markersize', 6);
      set (h, 'displayname', lab);
      for q = find (hi > lo)
        plot (ax, x(q) * [1 1], [lo(q) hi(q)], '-', 'color', cols{j}, 'handlevisibility', 'off');
      end
      if (any (~ full))
        plot (ax, x(~ full), m(~ full), marks{j}, 'color', cols{j}, 'markerfacecolor', 'w', ...
              'markersize', 8, 'linewidth', 1.5, 'handlevisibility', 'off');
      end
    end
    plot (ax, [0 1], [1 1], ':', 'color', 'k', 'handlevisibility', 'off');
    set (ax, 'yscale', 'log');
    xlim (ax, [0 1]);  ylim (ax, [1e-4 10]);
    xlabel (ax, 'step size \eta / \eta_{max} (\eta_{max}: divergence threshold)');
    ylabel (ax, '|w_\eta - w^*| / |w_{flow} - w^*|');
    if (c == 0)
      title (ax, sprintf ('step size, \\alpha = %g, X Gaussian (hollow: loss > 1e-10)', S.alpha));
    else
      title (ax, sprintf ('step size, \\alpha = %g, uncentered X + 1', S.alpha));
    end
    legend (ax, 'show');  legend (ax, 'location', 'southwest');
    box (ax, 'on');  grid (ax, 'on');
  end

  ax = subplot (2, 3, 6);
  hold (ax, 'on');
  M = S.batch;
  fs = unique (M(:,4))';
  fcol = {blue, red};
  for j = 1:numel (fs)
    T = M(M(:,4) == fs(j), :);
    bb = unique (T(:,2))';
    m = zeros (size (bb));  lo = m;  hi = m;
    for q = 1:numel (bb)
      v = T(T(:,2) == bb(q) & T(:,11) == 0, 7);
      if (isempty (v)), v = NaN;  end
      m(q) = mean (v);  lo(q) = min (v);  hi(q) = max (v);
    end
    h = plot (ax, bb, m, '-o', 'color', fcol{j}, 'linewidth', 1.5, 'markerfacecolor', fcol{j});
    set (h, 'displayname', sprintf ('\\eta = %.2g \\eta_{max}(b = 1) = %.3g', fs(j), T(1,3)));
    for q = find (hi > lo)
      plot (ax, bb(q) * [1 1], [lo(q) hi(q)], '-', 'color', fcol{j}, 'handlevisibility', 'off');
    end
  end
  plot (ax, [0.8 1.25 * max(M(:,2))], [1 1], ':', 'color', 'k', 'handlevisibility', 'off');
  set (ax, 'xscale', 'log', 'yscale', 'log');
  xlim (ax, [0.8, 1.25 * max(M(:,2))]);
  xlabel (ax, 'batch size b (b = n: gradient descent)');
  ylabel (ax, '|w - w^*| / |w_{flow} - w^*|');
  title (ax, sprintf ('batch size at a fixed step, \\alpha = %g, X Gaussian', S.alpha));
  legend (ax, 'show');  legend (ax, 'location', 'southeast');
  box (ax, 'on');  grid (ax, 'on');
end

function gd_markers (ax, x, y, done, c)
  % gradient descent's endpoints: filled when the loss reached 1e-12, hollow otherwise
  h = plot (ax, x(done), y(done), 'o', 'color', c, 'markerfacecolor', c, 'markersize', 7);
  set (h, 'displayname', 'gradient descent, \eta = 0.2 / sharpness');
  if (any (~ done))
    h = plot (ax, x(~ done), y(~ done), 'o', 'color', c, 'markerfacecolor', 'none', ...
              'markersize', 7, 'linewidth', 1.5);
    set (h, 'displayname', 'the same, stopped at the budget (loss > 1e-12)');
  end
end

function [x, m, lo, hi, full] = summary (M)
  % per fraction: mean, min and max of the relative error over the runs that did not
  % collapse, and whether every one of them reached the loss 1e-10
  x = unique (M(:,4))';
  m = NaN (size (x));  lo = m;  hi = m;  full = true (size (x));
  for q = 1:numel (x)
    T = M(M(:,4) == x(q) & M(:,11) == 0, :);
    if (isempty (T)), continue;  end
    m(q) = mean (T(:,7));  lo(q) = min (T(:,7));  hi(q) = max (T(:,7));
    full(q) = all (T(:,9) <= 1e-10);
  end
end

function write_outputs (S, outdir, png)
  ld_outdir ('demo_diagonal', outdir, true);
  ld_write_csv (fullfile (outdir, 'diagonal_alpha.csv'), ...
                {'alpha', 'limit_error', 'limit_l1', 'limit_to_l1', 'limit_to_l2'}, ...
                [S.alphas(:), S.limit.err(:), S.limit.l1(:), S.limit.to_l1(:), S.limit.to_l2(:)]);
  if (~ isempty (S.gd))
    ld_write_csv (fullfile (outdir, 'diagonal_gd.csv'), ...
                  {'alpha', 'eta', 'iterations', 'loss', 'error', 'l1', 'to_limit'}, ...
                  [[S.gd.alpha]', [S.gd.eta]', [S.gd.iters]', [S.gd.loss]', [S.gd.err]', ...
                   [S.gd.l1]', [S.gd.to_limit]']);
  end
  head = {'uncentered', 'batch', 'eta', 'fraction', 'seed', 'error', 'relative_error', 'l1', ...
          'loss', 'iterations', 'collapsed'};
  if (~ isempty (S.steps))
    ld_write_csv (fullfile (outdir, 'diagonal_steps.csv'), head, S.steps);
    ld_write_csv (fullfile (outdir, 'diagonal_batch.csv'), head, S.batch);
  end
  if (png)
    print (gcf (), '-dpng', '-r80', fullfile (outdir, 'diagonal.png'));
  end
end

%!test
%! % a small case: the limits interpolate and move from the minimum-norm interpolator to
%! % the minimum-l1 one; the gradient-descent marker is a plain Octave loop of the same
%! % steps; the CSV files hold the returned numbers
%! dr = tempname ();
%! S = demo_diagonal (dr, 'plot', false, 'n', 12, 'd', 30, 'k', 2, 'alphas', [10 0.1 1e-4], ...
%!                    'gd_alphas', 0.1, 'fractions', [0.3 0.8], 'batches', [1 12], 'seeds', 2, ...
%!                    'iters', 20000);
%! assert (S.w_l1, S.wstar, 1e-8);                      % 12 samples recover 2 entries
%! assert (S.limit.to_l2(1) / norm (S.w_l2) < 1e-6);    % alpha = 10: minimum norm
%! assert (S.limit.to_l1(3) / norm (S.w_l1) < 2e-2);    % alpha = 1e-4: near the minimum l1
%! assert (S.limit.l1(1) > S.limit.l1(2) && S.limit.l1(2) > S.limit.l1(3));
%! g = S.gd(1);  u = 0.1 * ones (30, 1);  v = u;  X = S.X;  y = S.y;
%! for k = 1:g.iters
%!   gr = X' * (X * (u .^ 2 - v .^ 2) - y) / 12;
%!   un = u - 2 * g.eta * u .* gr;  v = v + 2 * g.eta * v .* gr;  u = un;
%! end
%! % up to 2e4 steps of O(1) sums: rounding ~1e-12
%! assert (g.err, norm (u .^ 2 - v .^ 2 - S.wstar), 1e-10);
%! assert (g.l1, norm (u .^ 2 - v .^ 2, 1), 1e-10);
%! % a row of the step table is the run it names
%! r = S.steps(end, :);
%! Xr = X;  if (r(1) == 1), Xr = X + 1;  end
%! R = gd_diagonal (Xr, Xr * S.wstar, r(3), 2e4, 'alpha', 0.1, 'batch', r(2), 'seed', r(5), ...
%!                  'record', 0:500:2e4, 'stop_loss', 1e-12, 'target', S.wstar, 'verbose', false);
%! if (r(11) ~= 2)
%!   assert (r(6), R.err(end), 1e-14);  assert (r(10), R.iters);
%! end
%! C = dlmread (fullfile (dr, 'diagonal_alpha.csv'), ',', 1, 0);
%! assert (C, [S.alphas(:), S.limit.err(:), S.limit.l1(:), S.limit.to_l1(:), S.limit.to_l2(:)]);
%! C = dlmread (fullfile (dr, 'diagonal_steps.csv'), ',', 1, 0);
%! assert (C, S.steps);
%! C = dlmread (fullfile (dr, 'diagonal_batch.csv'), ',', 1, 0);
%! assert (C, S.batch);
%! confirm_recursive_rmdir (false, 'local');  rmdir (dr, 's');

%!error <Invalid call> demo_diagonal ('', 'alpha')
%!error id=lindyn:demo_diagonal:outdir demo_diagonal (3)
%!error id=lindyn:demo_diagonal:option demo_diagonal ('', 'alfa', 3)
%!error id=lindyn:demo_diagonal:alphas demo_diagonal ('', 'alphas', [1 -1])
%!error id=lindyn:demo_diagonal:gd_alphas demo_diagonal ('', 'gd_alphas', 1e4)
%!error id=lindyn:demo_diagonal:alpha demo_diagonal ('', 'alpha', 100)
%!error id=lindyn:demo_diagonal:fractions demo_diagonal ('', 'fractions', [0.5 1])
%!error id=lindyn:demo_diagonal:batches demo_diagonal ('', 'batches', 0)
%!error id=lindyn:demo_diagonal:batches demo_diagonal ('', 'batches', [1 41], 'fractions', 0.5)
%!error id=lindyn:demo_diagonal:batches demo_diagonal ('', 'n', 10, 'batches', 11, 'fractions', 0.5)
%!error id=lindyn:demo_diagonal:n demo_diagonal ('', 'n', 100, 'd', 50)
%!error id=lindyn:demo_diagonal:seeds demo_diagonal ('', 'seeds', 0)
%!error id=lindyn:demo_diagonal:iters demo_diagonal ('', 'iters', 1e10)
%!error id=lindyn:demo_diagonal:plot demo_diagonal ('', 'plot', 'no')

%!demo
%! % the figure on screen (pass a folder to also write PNG and CSV)
%! demo_diagonal ();
