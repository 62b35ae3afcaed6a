function S = demo_lazy_rich (outdir, varargin)
% -*- texinfo -*-
% @deftypefn  {} {} demo_lazy_rich ()
% @deftypefnx {} {} demo_lazy_rich (@var{outdir})
% @deftypefnx {} {@var{S} =} demo_lazy_rich (@var{outdir}, @var{name}, @var{value}, @dots{})
% From lazy to rich: a two-layer network started lambda-balanced,
% @code{W2*W2' - W1'*W1 = lambda*I}, at one product scale, for lambda from -100 to 100
% (Dominé, Anguita, Proca, Braun, Kunin, Mediano, Saxe, ICLR 2025).
%
% Problem (whitened inputs, @code{Sx = I}): d = 4 inputs, p = 3 outputs, r = 3 hidden
% units, @code{Sxy = U*diag (2, 1, 0.5)*V'} with random orthonormal U (4-by-3), V
% (3-by-3); every start is @code{random_init ([4 3 3], scale, "lambda", lambda,
% "seed", seed)}: the same product @code{W1*W2} (scale 1e-3 by default, a Gaussian
% draw) split differently between the layers.  Curves: the exact flow
% (@code{flow_balanced}); markers: gradient descent (@code{gd_deep}) with step
% @code{eta = min (0.02, 0.05/hypot (sigma_1, lambda/2))} plotted at
% @code{t = eta*k}.
%
% Top row, in the format of Dominé et al.'s figures (one panel per lambda, time on a log
% axis): the modes, i.e. the singular values of @code{W1*W2(t)}, for three lambdas
% (default -20, 0, 20).  lambda = 0 is rich: the modes are learned one at a time,
% on sigmoids at times @code{~ log (sigma_i/scale)/(2 sigma_i)}; lambda = 20 is lazy:
% all at once, exponentially, at rate @code{~ lambda}, like the linear model.
% Bottom row: the kernel distance @code{1 - <K0, Kt>/(|K0| |Kt|)} of the neural
% tangent kernel against t (@code{lazy_rich} on the flow's factors), the distance at
% the end against lambda (symmetric-log axis; closed form for the 4-3-3 network and,
% dashed, for a square 3-3-3 one with @code{Sxy = U*diag (2, 1, 0.5)*V'}, U and V
% square, @code{det (Sxy)} of the sign of @code{det (W1*W2(0))}; markers:
% @code{gd_deep}'s final factors), and the
% relative change of each factor at the end, @code{|Wl(T) - Wl(0)|/|Wl(0)|}, from
% gradient descent (the flow fixes the factors only up to a gauge).
%
% What it shows (defaults): the kernel distance at T falls from 0.14 at lambda = 0 to
% 2.6e-8 at lambda = +-100 for the square network, symmetrically in lambda.  For
% d = 4 > r = 3 it falls from 0.22 to 2.6e-8 only for lambda > 0 (1.8e-3 at
% lambda = -100): with lambda < 0 the large layer is W1, whose column
% space (3 of the 4 input directions) must turn towards that of Sxy through the small
% W2, so learning slows down (at lambda = -100 the loss is not yet at its minimum at
% T) and the kernel keeps moving.  (The sign condition on the square network: a
% balanced square network keeps the sign of @code{det (W1)} and of @code{det (W2)},
% since a balanced mode of the wrong sign, @code{a = -b}, decays to the saddle at 0
% and stays on the line @code{a + b = 0}; from a start with @code{det (W1*W2)} of the
% sign opposite to @code{det (Sxy)} the exact flow at lambda = 0 never learns the last
% mode, and a computed one leaves the saddle only through rounding errors.  Any
% lambda ~= 0 breaks the symmetry: the mode turns after a delay that grows as
% lambda -> 0.)
%
% With @var{outdir} (a folder, created if needed) the demo writes @file{lazy_rich.png},
% @file{lazy_rich_curves.csv} (t, then for each shown lambda the three modes and the
% kernel distance), @file{lazy_rich_sweep.csv} (lambda, the final kernel distance of
% both shapes, the final loss) and @file{lazy_rich_gd.csv} (per simulated lambda: eta,
% iterations, final kernel distance, factor changes, largest deviation of the modes from
% the flow); without it (or with @code{''}) nothing is written.
%
% Options (name, value): @qcode{'lambdas'} (the sweep, default
% @code{[-logspace(2, -5, 22), 0, logspace(-5, 2, 22)]}), @qcode{'show'} (the three
% lambdas of the top row, default @code{[-20 0 20]}), @qcode{'gd_lambdas'} (default
% @code{[-100 -20 -2 -0.5 0 0.5 2 20 100]}, @code{[]} to skip gradient descent; the
% shown lambdas are simulated too), @qcode{'scale'} (product scale, default 1e-3),
% @qcode{'tmax'} (T, default 50), @qcode{'points'} (time-grid size, default 150),
% @qcode{'eta'} (the largest step, default 0.02), @qcode{'seed'} (default 1),
% @qcode{'plot'} (default true).
%
% @var{S} holds the plotted numbers: @code{t}, @code{Sxy}, @code{Sxy_square} (the
% square network's), @code{sigma}, @code{show},
% @code{modes} (a cell, 3-by-numel(t) per shown lambda), @code{kernel_distance}
% (numel(show)-by-numel(t)), @code{lambdas}, @code{kd_end}, @code{kd_end_square},
% @code{loss_end} (one per lambda of the sweep), and @code{gd}, a struct array (one per
% simulated lambda) with @code{lambda}, @code{eta}, @code{k}, @code{t}, @code{sv},
% @code{kd_end}, @code{factor_change}, @code{maxdev} (largest |GD - flow| over the
% records, relative to sigma_1).
%
% Example:
% @c runnable
% @example
% @group
% S = demo_lazy_rich ('', 'plot', false, 'gd_lambdas', [], 'show', [-5 0 5], ...
%                     'lambdas', [-10 -1 0 1 10], 'points', 40);
% [S.lambdas; S.kd_end]                   % largest at lambda = 0
% @end group
% @end example
% @seealso{flow_balanced, lazy_rich, random_init, gd_deep, demo_figure1}
% @end deftypefn

  if (nargin < 1)
    outdir = '';
  end
  if (mod (numel (varargin), 2) ~= 0)
    ld_usage ('demo_lazy_rich');
  end
  fn = 'demo_lazy_rich';
  ld_outdir (fn, outdir);
  o = struct ('lambdas', [-logspace(2, -5, 22), 0, logspace(-5, 2, 22)], ...
              'show', [-20 0 20], 'gd_lambdas', [-100 -20 -2 -0.5 0 0.5 2 20 100], ...
              'scale', 1e-3, 'tmax', 50, 'points', 150, 'eta', 0.02, 'seed', 1, ...
              'plot', true);
  [o, given] = ld_name_value (fn, o, varargin);
  for k = 1:numel (given)
    name = given{k};
    v = o.(name);
    switch (name)
      case {'lambdas', 'gd_lambdas'}
        if (~ (strcmp (name, 'gd_lambdas') && isempty (v)))
          v = ld_matrix (fn, name, v, 'vector', 'nonempty', 'finite');
          if (any (abs (v) > 1e3))
            error (sprintf ('lindyn:%s:%s', fn, name), '%s: %s must lie in [-1000, 1000]', fn, name);
          end
          v = unique (v(:)');
        end
      case 'show'
        v = ld_matrix (fn, name, v, 'vector', 'finite');
        if (numel (v) ~= 3 || any (abs (v) > 1e3))
          error ('lindyn:demo_lazy_rich:show', ...
                 'demo_lazy_rich: show must be three lambdas in [-1000, 1000]');
        end
        v = v(:)';
      case 'scale'
        v = ld_matrix (fn, name, v, 'scalar', 'finite', 'positive');
        if (v > 1)
          error ('lindyn:demo_lazy_rich:scale', 'demo_lazy_rich: scale must be at most 1');
        end
      case 'tmax'
        v = ld_matrix (fn, name, v, 'scalar', 'finite', 'positive');
        if (v > 1e3)
          error ('lindyn:demo_lazy_rich:tmax', 'demo_lazy_rich: tmax must be at most 1000');
        end
      case 'eta'
        v = ld_matrix (fn, name, v, 'scalar', 'finite', 'positive');
        if (v > 0.1)
          error ('lindyn:demo_lazy_rich:eta', 'demo_lazy_rich: eta must be at most 0.1');
        end
      case 'points'
        v = ld_matrix (fn, name, v, 'scalar', 'integer', 'positive');
        if (v < 10 || v > 1e4)
          error ('lindyn:demo_lazy_rich:points', 'demo_lazy_rich: points must lie in 10..10000');
        end
      case 'seed'
        v = ld_matrix (fn, name, v, 'scalar', 'integer', 'nonnegative');
      case 'plot'
        v = ld_logical (fn, name, v);
    end
    o.(name) = v;
  end

  sigma = [2; 1; 0.5];
  d = 4;  r = 3;  p = 3;
  M0 = random_init ([3 3 3], o.scale, 'seed', o.seed);
  [Sxy, Sxy_sq] = problem (o.seed, d, p, sigma, det (M0{1} * M0{2}));
  t = [0, logspace(log10 (o.tmax) - 4, log10 (o.tmax), o.points - 1)];
  S = struct ('t', t, 'Sxy', Sxy, 'Sxy_square', Sxy_sq, 'sigma', sigma', 'scale', o.scale, ...
              'seed', o.seed, 'show', o.show, 'lambdas', o.lambdas);
  start = @(lambda, dims) random_init (dims, o.scale, 'lambda', lambda, 'seed', o.seed);

  % the flow for the shown lambdas: modes and kernel distance along t
  ns = numel (o.show);
  S.modes = cell (1, ns);
  S.kernel_distance = zeros (ns, numel (t));
  for i = 1:ns
    [W, F] = flow_balanced (Sxy, t, start (o.show(i), [d r p]));
    S.modes{i} = singular_values (W);
    M = lazy_rich (F);
    S.kernel_distance(i, :) = M.kernel_distance;
  end

  % the sweep: the kernel distance at T, for the 4-3-3 network and a square 3-3-3 one
  nl = numel (o.lambdas);
  S.kd_end = zeros (1, nl);  S.kd_end_square = zeros (1, nl);  S.loss_end = zeros (1, nl);
  for i = 1:nl
    W0 = start (o.lambdas(i), [d r p]);
    [W, F] = flow_balanced (Sxy, o.tmax, W0);
    M = lazy_rich ({W0, F{1}});
    S.kd_end(i) = M.kernel_distance(2);
    S.loss_end(i) = norm (W - Sxy, 'fro') ^ 2 / 2;
    W0 = start (o.lambdas(i), [3 3 3]);
    [~, F] = flow_balanced (Sxy_sq, o.tmax, W0);
    M = lazy_rich ({W0, F{1}});
    S.kd_end_square(i) = M.kernel_distance(2);
  end

  % gradient descent: markers on the curves and at the end of the sweep
  S.gd = struct ('lambda', {}, 'eta', {}, 'k', {}, 't', {}, 'sv', {}, 'kd_end', {}, ...
                 'factor_change', {}, 'param_change', {}, 'maxdev', {});
  if (~ isempty (o.gd_lambdas))
    lg = unique ([o.gd_lambdas, o.show]);
    for i = 1:numel (lg)
      lambda = lg(i);
      eta = min (o.eta, 0.05 / hypot (sigma(1), lambda / 2));
      kmax = ceil (o.tmax / eta);
      rec = unique ([0, round(logspace (0, log10 (kmax), 30)), kmax]);
      W0 = start (lambda, [d r p]);
      R = gd_deep (eye (d), Sxy, eta, kmax, W0, 'record', rec, 'sv', 3, 'nuclear', false);
      g.lambda = lambda;
      g.eta = eta;
      g.k = double (R.t(:)');
      g.t = eta * g.k;
      g.sv = orient_sv (R.sv, numel (g.k));
      M = lazy_rich ({W0, R.factors});
      g.kd_end = M.kernel_distance(2);
      g.factor_change = M.factor_change(:, 2);
      g.param_change = M.param_change(2);
      Wf = flow_balanced (Sxy, g.t, W0);
      g.maxdev = max (max (abs (singular_values (Wf) - g.sv))) / sigma(1);
      S.gd(end+1) = g;
    end
  end

  fprintf ('From lazy to rich: d = %d, r = %d, p = %d, sigma = (%s), product scale %g, T = %g\n', ...
           d, r, p, sprintf ('%g ', sigma), o.scale, o.tmax);
  fprintf ('  kernel distance at T (4-3-3 | 3-3-3):\n');
  for i = 1:nl
    fprintf ('    lambda = %9.4g: %.3e | %.3e   loss %.2e\n', o.lambdas(i), S.kd_end(i), ...
             S.kd_end_square(i), S.loss_end(i));
  end
  for i = 1:numel (S.gd)
    g = S.gd(i);
    fprintf (['  GD lambda = %6.4g, eta = %.3g, %d iterations: kernel distance %.3e, ', ...
              'change %.3g (W1) %.3g (W2) %.3g (all), max |GD - flow| / sigma_1 = %.1e\n'], ...
             g.lambda, g.eta, g.k(end), g.kd_end, g.factor_change(1), g.factor_change(2), ...
             g.param_change, g.maxdev);
  end

  if (o.plot)
    draw (S);
  end
  if (~ isempty (outdir))
    write_outputs (S, outdir, o.plot);
  end
  if (nargout == 0)
    clear S;
  end
end

function [Sxy, Sxy_sq] = problem (seed, d, p, sigma, det0)
  % Sxy = U diag(sigma) V' with orthonormal U, V drawn from the seed (the caller's
  % random stream is restored); the square one with the sign of det0, the determinant
  % of its start's product
  old = rng ();
  rng (seed + 1000);
  restore = onCleanup (@() rng (old));
  [U, ~] = qr (randn (d, p), 0);
  [V, ~] = qr (randn (p));
  Sxy = U * diag (sigma) * V';
  [U, ~] = qr (randn (p));
  if (det (U) * det (V) * det0 < 0)
    U(:, end) = -U(:, end);
  end
  Sxy_sq = U * diag (sigma) * V';
end

function sv = singular_values (W)
  n = size (W, 3);
  sv = zeros (min (size (W, 1), size (W, 2)), n);
  for j = 1:n
    sv(:, j) = svd (W(:, :, j));
  end
end

function sv = orient_sv (sv, n)
  if (size (sv, 2) ~= n && size (sv, 1) == n)
    sv = sv';
  end
end

function x = symlog (lambda, lambda0)
  % the lambda axis: sign (lambda) * log10 (1 + |lambda|/lambda0)
  x = sign (lambda) .* log10 (1 + abs (lambda) / lambda0);
end

function draw (S)
  fig = gcf ();
  clf (fig);
  set (fig, 'position', [50 50 1200 720]);
  % Dominé et al.'s colour-blind palette (orange, blue, green, pink)
  col = [0.839 0.361 0; 0 0.443 0.698; 0 0.620 0.451; 0.8 0.471 0.651];
  t = S.t;  keep = t > 0;  xr = [min(t(keep)), t(end)];
  for i = 1:numel (S.show)
    ax = subplot (2, 3, i);
    hold (ax, 'on');
    for m = 1:3
      h = plot (ax, t(keep), S.modes{i}(m, keep), '-', 'color', col(m, :), 'linewidth', 2);
      set (h, 'displayname', sprintf ('mode %d, \\sigma = %g', m, S.sigma(m)));
      plot (ax, xr, S.sigma(m) * [1 1], ':', 'color', [0.5 0.5 0.5], 'handlevisibility', 'off');
    end
    g = find ([S.gd.lambda] == S.show(i), 1);
    if (~ isempty (g))
      gd = S.gd(g);  kk = gd.t > 0;
      h = plot (ax, gd.t(kk), gd.sv(:, kk)', 'ko', 'markersize', 4);
      set (h(1), 'displayname', sprintf ('gradient descent, \\eta = %.3g', gd.eta));
      set (h(2:end), 'handlevisibility', 'off');
    end
    set (ax, 'xscale', 'log');
    xlim (ax, xr);  ylim (ax, [0, 1.1 * max(S.sigma)]);
    xlabel (ax, 't');  ylabel (ax, 'modes: singular values of W_1W_2(t)');
    title (ax, sprintf ('\\lambda = %g', S.show(i)));
    if (i == 2)
      legend (ax, 'show');  legend (ax, 'location', 'northwest');
    end
    box (ax, 'on');
  end

  ax = subplot (2, 3, 4);
  hold (ax, 'on');
  lcol = [0.8 0.471 0.651; 0 0 0; 0.898 0.612 0];      % pink, black, yellow
  for i = 1:numel (S.show)
    h = plot (ax, t(keep), max (S.kernel_distance(i, keep), 1e-16), '-', ...
              'color', lcol(i, :), 'linewidth', 2);
    set (h, 'displayname', sprintf ('\\lambda = %g', S.show(i)));
  end
  set (ax, 'xscale', 'log', 'yscale', 'log');
  xlim (ax, xr);  ylim (ax, [1e-8 1]);
  xlabel (ax, 't');  ylabel (ax, 'kernel distance 1 - <K_0,K_t>/(|K_0||K_t|)');
  title (ax, 'NTK distance from the start (flow)');
  legend (ax, 'show');  legend (ax, 'location', 'southeast');
  box (ax, 'on');

  lambda0 = S.scale / 10;                 % the symmetric-log axis is linear below
  sl = @(v) symlog (v, lambda0);
  ticks = [-100 -1 -1e-2 0 1e-2 1 100];
  labels = arrayfun (@(v) sprintf ('%g', v), ticks, 'UniformOutput', false);
  xl = sl ([-100 100]) * 1.03;
  ax = subplot (2, 3, 5);
  hold (ax, 'on');
  x = sl (S.lambdas);
  h = plot (ax, x, max (S.kd_end, 1e-16), '-', 'color', col(2, :), 'linewidth', 2);
  set (h, 'displayname', 'flow, d = 4, p = r = 3');
  h = plot (ax, x, max (S.kd_end_square, 1e-16), '--', 'color', col(1, :), 'linewidth', 1.5);
  set (h, 'displayname', 'flow, d = p = r = 3');
  if (~ isempty (S.gd))
    h = plot (ax, sl ([S.gd.lambda]), max ([S.gd.kd_end], 1e-16), 'ko', 'markersize', 6);
    set (h, 'displayname', 'gradient descent, d = 4');
  end
  set (ax, 'yscale', 'log', 'xtick', sl (ticks), 'xticklabel', labels);
  xlim (ax, xl);  ylim (ax, [1e-10 1]);
  xlabel (ax, '\lambda (symmetric log axis)');  ylabel (ax, 'kernel distance at T');
  title (ax, sprintf ('lazy (|\\lambda| large) to rich (\\lambda = 0), T = %g', t(end)));
  legend (ax, 'show');  legend (ax, 'location', 'south');
  box (ax, 'on');

  ax = subplot (2, 3, 6);
  hold (ax, 'on');
  if (~ isempty (S.gd))
    fc = [S.gd.factor_change];
    x = sl ([S.gd.lambda]);
    h = plot (ax, x, fc(1, :), 'o-', 'color', col(1, :), 'linewidth', 1.5);
    set (h, 'displayname', 'W_1: |W_1(T) - W_1(0)| / |W_1(0)|');
    h = plot (ax, x, fc(2, :), 's-', 'color', col(2, :), 'linewidth', 1.5);
    set (h, 'displayname', 'W_2');
    h = plot (ax, x, [S.gd.param_change], 'kd-', 'linewidth', 1.5);
    set (h, 'displayname', 'all factors, |\theta(T) - \theta(0)| / |\theta(0)|');
    legend (ax, 'show');  legend (ax, 'location', 'north');
  end
  set (ax, 'yscale', 'log', 'xtick', sl (ticks), 'xticklabel', labels);
  xlim (ax, xl);  ylim (ax, [1e-4 1e6]);
  xlabel (ax, '\lambda (symmetric log axis)');  ylabel (ax, 'relative change at T (GD)');
  title (ax, 'how far the factors moved');
  box (ax, 'on');
  note = sprintf (['two layers, S_x = I, \\Sigma_{xy} = U diag(2, 1, 0.5) V^T; starts ' ...
                   'W_2W_2^T - W_1^TW_1 = \\lambda I with one product W_1W_2(0) of scale %g; ' ...
                   'curves: exact flow, markers: gradient descent at t = \\eta k'], S.scale);
  annotation (fig, 'textbox', [0 0.955 1 0.04], 'string', note, 'edgecolor', 'none', ...
              'horizontalalignment', 'center', 'fontsize', 9);
end

function write_outputs (S, outdir, png)
  ld_outdir ('demo_lazy_rich', outdir, true);
  head = {'t'};
  cols = S.t(:);
  for i = 1:numel (S.show)
    for m = 1:3
      head{end+1} = sprintf ('mode%d_lambda%g', m, S.show(i));
    end
    head{end+1} = sprintf ('kernel_distance_lambda%g', S.show(i));
    cols = [cols, S.modes{i}', S.kernel_distance(i, :)'];
  end
  ld_write_csv (fullfile (outdir, 'lazy_rich_curves.csv'), head, cols);
  ld_write_csv (fullfile (outdir, 'lazy_rich_sweep.csv'), ...
                {'lambda', 'kernel_distance_433', 'kernel_distance_333', 'loss_433'}, ...
                [S.lambdas(:), S.kd_end(:), S.kd_end_square(:), S.loss_end(:)]);
  if (~ isempty (S.gd))
    fc = [S.gd.factor_change];
    k = arrayfun (@(g) g.k(end), S.gd);
    ld_write_csv (fullfile (outdir, 'lazy_rich_gd.csv'), ...
                  {'lambda', 'eta', 'iterations', 'kernel_distance', 'change_W1', ...
                   'change_W2', 'maxdev'}, ...
                  [[S.gd.lambda]', [S.gd.eta]', k(:), [S.gd.kd_end]', fc', [S.gd.maxdev]']);
  end
  if (png)
    print (gcf (), '-dpng', '-r80', fullfile (outdir, 'lazy_rich.png'));
  end
end

%!test
%! % the curves against flow_deep (an ODE solver on the factors, independent of the
%! % closed form): modes and kernel distance at a few times, for lambda = -5, 0, 5
%! S = demo_lazy_rich ('', 'plot', false, 'gd_lambdas', [], 'show', [-5 0 5], ...
%!                     'lambdas', [-5 0 5], 'points', 12, 'tmax', 20);
%! d = 4;  r = 3;  p = 3;
%! for i = 1:3
%!   W0 = random_init ([d r p], S.scale, 'lambda', S.show(i), 'seed', S.seed);
%!   [W, F] = flow_deep (eye (d), S.Sxy, S.t, W0, 'RelTol', 1e-12);
%!   for j = 1:numel (S.t)
%!     % RelTol 1e-12 over the run: ~1e-10 relative to sigma_1 = 2
%!     assert (S.modes{i}(:, j), svd (W(:,:,j)), 1e-8);
%!   end
%!   M = lazy_rich (F);
%!   % the distance is a difference of O(1) inner products: ~1e-10 absolute
%!   assert (S.kernel_distance(i, :), M.kernel_distance, 1e-8);
%!   assert (S.kd_end(i), M.kernel_distance(end), 1e-8);
%!   assert (S.loss_end(i), norm (W(:,:,end) - S.Sxy, 'fro') ^ 2 / 2, 1e-8);
%!   W0 = random_init ([3 3 3], S.scale, 'lambda', S.show(i), 'seed', S.seed);
%!   [~, F] = flow_deep (eye (3), S.Sxy_square, S.t(end), W0, 'RelTol', 1e-12);
%!   M = lazy_rich ({W0, F{1}});
%!   assert (S.kd_end_square(i), M.kernel_distance(2), 1e-8);
%! end
%! assert (det (S.Sxy_square) * det (W0{1} * W0{2}) > 0);
%! % the square network: lazy at |lambda| = 5, rich at 0; d = 4 > r: lazy only for lambda > 0
%! assert (S.kd_end_square(2) > 10 * max (S.kd_end_square([1 3])));
%! assert (S.kd_end(2) > 10 * S.kd_end(3));
%! assert (S.kd_end(1) > 10 * S.kd_end(3));

%!test
%! % gradient descent markers against a plain Octave loop of eq. 5 (lambda = 3, a short
%! % run); the CSV files hold the returned numbers
%! dr = tempname ();
%! S = demo_lazy_rich (dr, 'plot', false, 'gd_lambdas', 3, 'show', [-3 0 3], ...
%!                     'lambdas', [-3 0 3], 'points', 10, 'tmax', 2);
%! g = S.gd([S.gd.lambda] == 3);
%! W0 = random_init ([4 3 3], S.scale, 'lambda', 3, 'seed', S.seed);
%! W1 = W0{1};  W2 = W0{2};
%! for k = 1:g.k(end)
%!   G = W1 * W2 - S.Sxy;
%!   [W1, W2] = deal (W1 - g.eta * G * W2', W2 - g.eta * W1' * G);
%! end
%! assert (g.sv(:, end), svd (W1 * W2), 1e-12);
%! M = lazy_rich ({W0, {W1, W2}});
%! assert (g.kd_end, M.kernel_distance(2), 1e-10);
%! assert (g.factor_change, M.factor_change(:, 2), 1e-10);
%! % GD with a small step follows the flow: O(eta) apart
%! assert (g.maxdev < 0.05);
%! C = dlmread (fullfile (dr, 'lazy_rich_sweep.csv'), ',', 1, 0);
%! assert (C, [S.lambdas(:), S.kd_end(:), S.kd_end_square(:), S.loss_end(:)]);
%! C = dlmread (fullfile (dr, 'lazy_rich_curves.csv'), ',', 1, 0);
%! assert (C(:, 1)', S.t);  assert (C(:, 2:4)', S.modes{1});  assert (C(:, 5)', S.kernel_distance(1, :));
%! C = dlmread (fullfile (dr, 'lazy_rich_gd.csv'), ',', 1, 0);
%! assert (C(:, 1)', [S.gd.lambda]);  assert (C(:, 4)', [S.gd.kd_end]);
%! confirm_recursive_rmdir (false, 'local');  rmdir (dr, 's');

%!error <Invalid call> demo_lazy_rich ('', 'show')
%!error id=lindyn:demo_lazy_rich:outdir demo_lazy_rich (3)
%!error id=lindyn:demo_lazy_rich:option demo_lazy_rich ('', 'lambda', 3)
%!error id=lindyn:demo_lazy_rich:show demo_lazy_rich ('', 'show', [1 2])
%!error id=lindyn:demo_lazy_rich:lambdas demo_lazy_rich ('', 'lambdas', [1 NaN])
%!error id=lindyn:demo_lazy_rich:lambdas demo_lazy_rich ('', 'lambdas', 1e4)
%!error id=lindyn:demo_lazy_rich:gd_lambdas demo_lazy_rich ('', 'gd_lambdas', {1})
%!error id=lindyn:demo_lazy_rich:scale demo_lazy_rich ('', 'scale', 0)
%!error id=lindyn:demo_lazy_rich:tmax demo_lazy_rich ('', 'tmax', 1e6)
%!error id=lindyn:demo_lazy_rich:eta demo_lazy_rich ('', 'eta', 1)
%!error id=lindyn:demo_lazy_rich:points demo_lazy_rich ('', 'points', 3)
%!error id=lindyn:demo_lazy_rich:seed demo_lazy_rich ('', 'seed', -1)
%!error id=lindyn:demo_lazy_rich:plot demo_lazy_rich ('', 'plot', 'no')

%!demo
%! % the lazy-to-rich figure on screen (pass a folder to also write PNG and CSV)
%! demo_lazy_rich ();
