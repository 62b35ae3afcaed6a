function S = demo_figure1 (outdir, varargin)
% -*- texinfo -*-
% @deftypefn  {} {} demo_figure1 ()
% @deftypefnx {} {} demo_figure1 (@var{outdir})
% @deftypefnx {} {@var{S} =} demo_figure1 (@var{outdir}, @var{name}, @var{value}, @dots{})
% Reproduce Figure 1 of Gidel, Bach and Lacoste-Julien (2019): the squared norm of the
% linear model and of the two-layer network against rescaled time.
%
% Problem: @code{Sx = I_3}, @code{Sxy = diag (1e-1, 1e-2, 1e-3)} (the paper's
% Sigma_yx), so @code{sigma = (0.1, 0.01, 0.001)}, @code{lambda = 1}.
%
% Initialization (the convention of Thm. 1 and of the proof of Cor. 3, not the
% figure's caption): each factor starts at @code{W1(0) = W2(0) = exp(-delta) I}, so the
% product starts at @code{W1(0) W2(0) = exp(-2 delta) I}; the linear model starts from
% the same end-to-end matrix, @code{W(0) = exp(-2 delta) I}.  The caption's
% ``@code{W(0) = W1(0)W2(0) = exp(-delta) I}'' would put the steps at
% @code{t = 1/(2 sigma_i)}; with the convention used here they are at
% @code{t = 1/sigma_i} = 10, 100, 1000, as the paper's text (Thm. 2) says.
%
% Top row: the closed forms, against rescaled time t (the iterate is taken at
% time @code{delta*t}) on a log axis, for several delta: @code{||W(delta t)||_F^2}
% (L = 1, Prop. 1, eq. 9, by @code{flow_linear}) and @code{||W1 W2(delta t)||_F^2}
% (L = 2, Thm. 1, eq. 16, by @code{mode_flow}: the modes are the singular values of
% the product).  The delta -> infinity limits are drawn dashed: the step function of
% Cor. 1 (eq. 19, @code{norm_limit}) for L = 2, the constant @code{sum sigma_i^2}
% for L = 1.  Bottom row: the three modes (singular values) for one delta, on a log
% scale, where the steps of the two smaller modes are visible.  Markers: discrete
% gradient descent (@code{gd_linear}, @code{gd_deep} from @code{aligned_init}) with
% step size eta, plotted at rescaled time @code{t = eta*k/delta} after k iterations
% (up to t = 1e4, past the last step).
%
% The L = 2 plateaus are @code{0.01}, @code{0.0101}, @code{0.010101}: on the linear
% scale of the paper's figure only the first step is visible; the bottom row shows all
% three.
%
% With @var{outdir} (a folder, created if needed) the demo writes
% @file{figure1.png}, @file{figure1.csv} (the curves: t, then for each delta the L = 1
% and L = 2 squared norms, then the limit and the modes) and @file{figure1_gd.csv}
% (the simulated markers); without it (or with @code{''}) nothing is written.
% It prints the plateau levels and step times measured on the curve of the largest
% delta and the agreement of the simulation with the closed forms.
%
% Options (name, value): @qcode{'deltas'} (default @code{[5 20 100]}),
% @qcode{'points'} (time-grid size, default 1500), @qcode{'tmax'} (last rescaled time,
% default @code{10^4.5}), @qcode{'gd_delta'} (the delta of the simulated markers,
% default 5; @code{[]} to skip the simulation), @qcode{'eta'} (its step size, default
% 0.1), @qcode{'plot'} (default true).
%
% @var{S} holds every plotted number: @code{t}, @code{deltas}, @code{fro2_L1} and
% @code{fro2_L2} (one row per delta), @code{limit_L2}, @code{modes_L1},
% @code{modes_L2} (3 rows, for @code{gd_delta}, or the first delta without it),
% @code{gd} (the simulated records), @code{plateaus} (measured at the geometric
% mid-points between the steps and at @code{tmax}), @code{plateaus_expected},
% @code{steps} (where the L = 2 curve of the largest delta crosses
% @code{P(k-1) + sigma_k^2/4}, i.e. where mode k is half learned), @code{steps_flow}
% (the exact half-way times of eq. 16 from @code{phase_times}, rescaled) and
% @code{steps_limit} (1/sigma).
%
% Example:
% @c runnable
% @example
% @group
% S = demo_figure1 (tempdir ());      % writes figure1.png, figure1.csv, figure1_gd.csv
% S.plateaus                          % 0.01  0.0101  0.010101
% @end group
% @end example
% @seealso{demo_figure2, mode_flow, flow_linear, norm_limit, phase_times, gd_deep, aligned_init, plot_dynamics}
% @end deftypefn

  if (nargin < 1)
    outdir = '';
  end
  if (mod (numel (varargin), 2) ~= 0)
    ld_usage ('demo_figure1');
  end
  fn = 'demo_figure1';
  ld_outdir (fn, outdir);
  o = struct ('deltas', [5 20 100], 'points', 1500, 'tmax', 10^4.5, 'gd_delta', 5, ...
              'eta', 0.1, 'plot', true);
  [o, given] = ld_name_value (fn, o, varargin);
  for k = 1:numel (given)
    name = given{k};
    v = o.(name);
    switch (name)
      case 'deltas'
        v = ld_matrix (fn, name, v, 'vector', 'nonempty', 'finite', 'positive');
        v = sort (v(:)');
      case 'points'
        v = ld_matrix (fn, name, v, 'scalar', 'integer', 'positive');
        if (v < 10)
          error ('lindyn:demo_figure1:points', 'demo_figure1: points must be at least 10');
        end
      case {'tmax', 'eta'}
        v = ld_matrix (fn, name, v, 'scalar', 'finite', 'positive');
      case 'gd_delta'
        if (~ isempty (v))
          v = ld_matrix (fn, name, v, 'scalar', 'finite', 'positive');
        end
      case 'plot'
        v = ld_logical (fn, name, v);
    end
    o.(name) = v;
  end

  sigma = [1e-1; 1e-2; 1e-3];
  lambda = [1; 1; 1];
  Sx = eye (3);
  Sxy = diag (sigma);
  nd = numel (o.deltas);
  t = logspace (-3, log10 (o.tmax), o.points);
  S = struct ('sigma', sigma', 't', t, 'deltas', o.deltas);

  % Closed forms at time delta*t.
  S.fro2_L1 = zeros (nd, numel (t));
  S.fro2_L2 = zeros (nd, numel (t));
  for j = 1:nd
    delta = o.deltas(j);
    W = flow_linear (Sx, Sxy, delta * t, exp (-2 * delta) * eye (3));
    S.fro2_L1(j, :) = reshape (sum (sum (W .^ 2, 1), 2), 1, []);
    w = mode_flow (sigma, lambda, exp (-2 * delta), delta * t);
    S.fro2_L2(j, :) = sum (w .^ 2, 1);
  end
  S.limit_L1 = sum (sigma .^ 2) * ones (size (t));
  S.limit_L2 = reshape (norm_limit (sigma, lambda, t), 1, []);
  mdelta = o.gd_delta;
  if (isempty (mdelta))
    mdelta = o.deltas(1);
  end
  S.modes_delta = mdelta;
  W = flow_linear (Sx, Sxy, mdelta * t, exp (-2 * mdelta) * eye (3));
  S.modes_L1 = [reshape(W(1,1,:), 1, []); reshape(W(2,2,:), 1, []); reshape(W(3,3,:), 1, [])];
  S.modes_L2 = mode_flow (sigma, lambda, exp (-2 * mdelta), mdelta * t);

  % Plateaus and steps on the curve of the largest delta.
  big = S.fro2_L2(end, :);
  delta = o.deltas(end);
  P = cumsum (sigma .^ 2)';
  S.plateaus_expected = P;
  tmid = [sqrt(10 * 100), sqrt(100 * 1000), o.tmax];
  S.plateau_times = tmid;
  S.plateaus = interp1 (log (t), big, log (tmid), 'linear', NaN);
  S.steps = NaN (1, 3);
  below = [0, P(1:2)];
  for k = 1:3
    level = below(k) + sigma(k) ^ 2 / 4;
    i = find (big >= level, 1);
    if (~ isempty (i) && i > 1)
      % linear interpolation in log t between the two grid points around the crossing
      a = (level - big(i-1)) / (big(i) - big(i-1));
      S.steps(k) = exp (log (t(i-1)) + a * (log (t(i)) - log (t(i-1))));
    end
  end
  pt = phase_times (sigma, lambda, exp (-2 * delta));
  S.steps_flow = pt.flow_half' / delta;
  S.steps_limit = 1 ./ sigma';
  S.grid_step = log (t(2) / t(1));

  % Discrete gradient descent at rescaled time eta*k/delta.
  S.gd = [];
  if (~ isempty (o.gd_delta))
    gdelta = o.gd_delta;
    kmax = ceil (min (o.tmax, 1e4) * gdelta / o.eta);     % past the last step, t = 1000
    rec = unique ([0, round(logspace (0, log10 (kmax), 45)), kmax]);
    W0 = aligned_init (Sx, Sxy, 3, gdelta);
    R2 = gd_deep (Sx, Sxy, o.eta, kmax, W0, 'record', rec, 'sv', 3);
    R1 = gd_linear (Sx, Sxy, o.eta, kmax, 'init', W0{1} * W0{2}, 'record', rec, 'sv', 3);
    g.delta = gdelta;
    g.eta = o.eta;
    g.k = double (R2.t(:)');
    g.t = o.eta * g.k / gdelta;
    g.fro2_L1 = R1.fro2(:)';
    g.fro2_L2 = R2.fro2(:)';
    g.sv_L1 = orient_sv (R1.sv, numel (g.k));
    g.sv_L2 = orient_sv (R2.sv, numel (g.k));
    g.R1 = R1;
    g.R2 = R2;
    % the continuous flow at the same rescaled times, to measure the agreement
    wf = mode_flow (sigma, lambda, exp (-2 * gdelta), o.eta * g.k);
    Wf = flow_linear (Sx, Sxy, o.eta * g.k, exp (-2 * gdelta) * eye (3));
    g.flow_L2 = sum (wf .^ 2, 1);
    g.flow_L1 = reshape (sum (sum (Wf .^ 2, 1), 2), 1, []);
    g.maxdev_L1 = max (abs (g.fro2_L1 - g.flow_L1)) / sum (sigma .^ 2);
    g.maxdev_L2 = max (abs (g.fro2_L2 - g.flow_L2)) / sum (sigma .^ 2);
    S.gd = g;
  end

  % Summary.
  fprintf ('Figure 1: Sx = I, Sigma_yx = diag(1e-1, 1e-2, 1e-3); W1(0) = W2(0) = e^-delta I\n');
  fprintf ('  L=2 plateaus at delta = %g (t = %s):\n', delta, sprintf ('%.4g ', tmid));
  for k = 1:3
    fprintf ('    measured %.7g   expected %.7g   rel. diff %.1e\n', S.plateaus(k), P(k), ...
             abs (S.plateaus(k) - P(k)) / P(k));
  end
  fprintf ('  L=2 steps (mode k half learned) at delta = %g: t = %s\n', delta, sprintf ('%.4g ', S.steps));
  fprintf ('    eq. 16 half-way times t = %s; delta -> inf limit 1/sigma = %s\n', ...
           sprintf ('%.4g ', S.steps_flow), sprintf ('%g ', S.steps_limit));
  if (~ isempty (S.gd))
    fprintf ('  simulation (eta = %g, delta = %g, %d iterations): max |GD - flow| / sum sigma^2 = %.2e (L=1), %.2e (L=2)\n', ...
             S.gd.eta, S.gd.delta, S.gd.k(end), S.gd.maxdev_L1, S.gd.maxdev_L2);
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

function sv = orient_sv (sv, n)
  % singular values as modes-by-records
  if (size (sv, 2) ~= n && size (sv, 1) == n)
    sv = sv';
  end
end

function draw (S)
  fig = gcf ();
  clf (fig);
  set (fig, 'position', [50 50 1100 800]);
  nd = numel (S.deltas);
  % from light to dark blue as delta grows
  shades = [0.55 0.75 1] - linspace (0, 1, nd)' * [0.55 0.6 0.5];
  modecol = [0 0.45 0.74; 0.85 0.33 0.1; 0.47 0.67 0.19];
  xr = [S.t(1), S.t(end)];
  titles = {'L = 1 (linear model): ||W(\delta t)||_F^2', ...
            'L = 2 (two layers): ||W_1W_2(\delta t)||_F^2'};
  for L = 1:2
    ax = subplot (2, 2, L);
    hold (ax, 'on');
    curves = S.(sprintf ('fro2_L%d', L));
    lab = cell (1, nd);
    for j = 1:nd
      h = semilogx (ax, S.t, curves(j, :), 'color', shades(j, :), 'linewidth', 1.5);
      set (h, 'displayname', sprintf ('\\delta = %g', S.deltas(j)));
    end
    lim = S.(sprintf ('limit_L%d', L));
    h = plot (ax, S.t, lim, 'k--', 'linewidth', 1);
    set (h, 'displayname', '\delta \rightarrow \infty');
    if (~ isempty (S.gd))
      h = plot (ax, S.gd.t(S.gd.t > 0), S.gd.(sprintf ('fro2_L%d', L))(S.gd.t > 0), 'o', ...
                'color', [0.85 0.1 0.1], 'markersize', 4);
      set (h, 'displayname', sprintf ('GD, \\eta = %g, \\delta = %g', S.gd.eta, S.gd.delta));
    end
    set (ax, 'xscale', 'log');
    xlim (ax, xr);
    ylim (ax, [0 0.0112]);
    xlabel (ax, 'rescaled time t');
    ylabel (ax, 'squared norm');
    title (ax, titles{L});
    legend (ax, 'show');
    legend (ax, 'location', 'southeast');
    box (ax, 'on');
  end
  for L = 1:2
    ax = subplot (2, 2, 2 + L);
    hold (ax, 'on');
    m = S.(sprintf ('modes_L%d', L));
    for i = 1:3
      h = plot (ax, S.t, m(i, :), 'color', modecol(i, :), 'linewidth', 1.5);
      set (h, 'displayname', sprintf ('w_%d, \\sigma_%d = %g', i, i, S.sigma(i)));
      plot (ax, xr, S.sigma(i) * [1 1], ':', 'color', [0.4 0.4 0.4], 'handlevisibility', 'off');
      if (L == 2)
        plot (ax, (1 / S.sigma(i)) * [1 1], [1e-6 0.2], '--', 'color', [0.6 0.6 0.6], ...
              'handlevisibility', 'off');
      end
    end
    if (~ isempty (S.gd))
      sv = S.gd.(sprintf ('sv_L%d', L));
      keep = S.gd.t > 0;
      h = plot (ax, S.gd.t(keep), sv(:, keep)', 'o', 'color', [0.85 0.1 0.1], 'markersize', 4);
      set (h(1), 'displayname', 'GD singular values');
      set (h(2:end), 'handlevisibility', 'off');
    end
    set (ax, 'xscale', 'log', 'yscale', 'log');
    xlim (ax, xr);
    ylim (ax, [exp(-2 * S.modes_delta) / 3, 0.3]);
    xlabel (ax, 'rescaled time t');
    ylabel (ax, 'modes (singular values)');
    if (L == 1)
      title (ax, sprintf ('L = 1: modes for \\delta = %g, all learned at once (dotted: \\sigma_i)', ...
                          S.modes_delta));
    else
      title (ax, sprintf ('L = 2: modes for \\delta = %g, one at a time (dashed: t = 1/\\sigma_i)', ...
                          S.modes_delta));
    end
    legend (ax, 'show');
    legend (ax, 'location', 'northwest');
    box (ax, 'on');
  end
  note = ['\Sigma_x = I, \Sigma_{yx} = diag(10^{-1}, 10^{-2}, 10^{-3});  ' ...
          'W_1(0) = W_2(0) = e^{-\delta}I, so W_1W_2(0) = W(0) = e^{-2\delta}I;  ' ...
          'curves: closed forms (eqs. 9, 16), markers: gradient descent at t = \eta k/\delta'];
  annotation (fig, 'textbox', [0 0.955 1 0.04], 'string', note, 'edgecolor', 'none', ...
              'horizontalalignment', 'center', 'fontsize', 9);
end

function write_outputs (S, outdir, png)
  ld_outdir ('demo_figure1', outdir, true);
  head = {'t'};
  cols = S.t(:);
  for j = 1:numel (S.deltas)
    head = [head, {sprintf('L1_fro2_delta%g', S.deltas(j)), sprintf('L2_fro2_delta%g', S.deltas(j))}];
    cols = [cols, S.fro2_L1(j, :)', S.fro2_L2(j, :)'];
  end
  head = [head, {'L1_limit', 'L2_limit'}];
  cols = [cols, S.limit_L1(:), S.limit_L2(:)];
  for L = 1:2
    for i = 1:3
      head{end+1} = sprintf ('L%d_mode%d_delta%g', L, i, S.modes_delta);
    end
    cols = [cols, S.(sprintf ('modes_L%d', L))'];
  end
  ld_write_csv (fullfile (outdir, 'figure1.csv'), head, cols);
  if (~ isempty (S.gd))
    g = S.gd;
    ld_write_csv (fullfile (outdir, 'figure1_gd.csv'), ...
                  {'iteration', 't', 'L1_fro2', 'L2_fro2', 'L1_sv1', 'L1_sv2', 'L1_sv3', ...
                   'L2_sv1', 'L2_sv2', 'L2_sv3', 'L1_fro2_flow', 'L2_fro2_flow'}, ...
                  [g.k(:), g.t(:), g.fro2_L1(:), g.fro2_L2(:), g.sv_L1', g.sv_L2', ...
                   g.flow_L1(:), g.flow_L2(:)]);
  end
  if (png)
    print (gcf (), '-dpng', '-r80', fullfile (outdir, 'figure1.png'));
  end
end

%!test
%! % The plotted curves against independent computations: L = 1 from the scalar
%! % solution of eq. 9 per mode (Sx = I: w_i = sigma_i + exp(-s)(w0 - sigma_i)); L = 2
%! % from an ODE solution of dw/ds = 2 w (sigma - w) (eq. 12 on the modes), at s = delta*t.
%! % Tolerance: ode45 with RelTol 1e-10 gives ~1e-9 relative; we allow 1e-7.
%! S = demo_figure1 ('', 'plot', false, 'gd_delta', [], 'points', 60, 'deltas', [3 8], 'tmax', 3000);
%! sigma = [0.1; 0.01; 0.001];
%! for j = 1:2
%!   delta = S.deltas(j);  w0 = exp (-2 * delta);
%!   s = delta * S.t;
%!   W1 = sigma + exp (-s) .* (w0 - sigma);
%!   assert (S.fro2_L1(j, :), sum (W1 .^ 2, 1), 1e-14);
%!   opts = odeset ('RelTol', 1e-10, 'AbsTol', 1e-30);
%!   for i = 1:3
%!     [~, w] = ode45 (@(x, w) 2 * w * (sigma(i) - w), [0, s], w0, opts);
%!     ref(i, :) = w(2:end)';
%!   end
%!   assert (S.fro2_L2(j, :), sum (ref .^ 2, 1), 1e-7 * sum (sigma .^ 2));
%! end
%! % the delta -> infinity limit (Cor. 1): steps at 1/sigma_i
%! expect = (S.t > 10) * 1e-2 + (S.t > 100) * 1e-4 + (S.t > 1000) * 1e-6;
%! assert (S.limit_L2, expect, 1e-16);     % rounding of the sums of squares ~ 1e-18

%!test
%! % the CSV files hold the returned numbers (17 digits: exact round trip)
%! d = tempname ();
%! S = demo_figure1 (d, 'plot', false, 'points', 50, 'deltas', [4 9], 'tmax', 20, ...
%!                   'gd_delta', 4, 'eta', 0.5);
%! C = dlmread (fullfile (d, 'figure1.csv'), ',', 1, 0);
%! assert (C(:, 1)', S.t);
%! assert (C(:, 2:5)', [S.fro2_L1(1, :); S.fro2_L2(1, :); S.fro2_L1(2, :); S.fro2_L2(2, :)]);
%! assert (C(:, 7)', S.limit_L2);
%! assert (C(:, 11:13)', S.modes_L2);
%! head = strtrim (fgetl (fopen (fullfile (d, 'figure1.csv'))));  fclose ('all');
%! assert (strncmp (head, 't,L1_fro2_delta4,L2_fro2_delta4', 31));
%! G = dlmread (fullfile (d, 'figure1_gd.csv'), ',', 1, 0);
%! assert (G(:, 1)', S.gd.k);
%! assert (G(:, 4)', S.gd.fro2_L2);
%! % simulated markers: eq. 5 from W1 = W2 = exp(-4) I, plain loop, 160 iterations
%! W1 = exp (-4) * eye (3);  W2 = W1;  Sxy = diag ([0.1 0.01 0.001]);
%! for k = 1:S.gd.k(end)
%!   G2 = W1 * W2 - Sxy;
%!   [W1, W2] = deal (W1 - 0.5 * G2 * W2', W2 - 0.5 * W1' * G2);
%! end
%! assert (S.gd.fro2_L2(end), norm (W1 * W2, 'fro') ^ 2, 1e-12 * S.gd.fro2_L2(end));
%! confirm_recursive_rmdir (false, 'local');  rmdir (d, 's');

%!error <Invalid call> demo_figure1 ('', 'deltas')
%!error id=lindyn:demo_figure1:outdir demo_figure1 (3)
%!error id=lindyn:demo_figure1:option demo_figure1 ('', 'delta', 3)
%!error id=lindyn:demo_figure1:deltas demo_figure1 ('', 'deltas', [1 -1])
%!error id=lindyn:demo_figure1:points demo_figure1 ('', 'points', 3)
%!error id=lindyn:demo_figure1:eta demo_figure1 ('', 'eta', 0)
%!error id=lindyn:demo_figure1:plot demo_figure1 ('', 'plot', 'no')

%!demo
%! % Figure 1 of the paper, on screen (pass a folder to also write PNG and CSV)
%! demo_figure1 ();

%!demo
%! % Closer to the limit: a larger delta steepens the steps towards t = 1/sigma_i
%! S = demo_figure1 ('', 'deltas', [10 50 300], 'gd_delta', []);
%! S.steps ./ S.steps_limit
