function S = demo_depth (outdir, varargin)
% -*- texinfo -*-
% @deftypefn  {} {} demo_depth ()
% @deftypefnx {} {} demo_depth (@var{outdir})
% @deftypefnx {} {@var{S} =} demo_depth (@var{outdir}, @var{name}, @var{value}, @dots{})
% The modes of Figure 1's problem for depths L = 1, 2, 3, 4 side by side, and how
% sharp each transition is against depth ("depth sharpens incremental learning",
% Gissin, Shalev-Shwartz and Daniely 2019).
%
% Problem: @code{Sx = I_3}, @code{Sxy = diag (1e-1, 1e-2, 1e-3)}, so
% @code{sigma = (0.1, 0.01, 0.001)}, @code{lambda = 1}, plateaus @code{w* = sigma}.
% Every depth starts from the same end-to-end modes @code{w0} (default 1e-6): the
% balanced aligned start of @code{aligned_init} with widths 3 and each factor at
% @code{w0^(1/L)} (L = 1: @code{W(0) = w0 I}).  Curves: the closed forms
% @code{mode_flow (@dots{}, "depth", L)} (the flow @code{dw/dt = L w^(2-2/L)(sigma - w)});
% markers: the singular values of discrete gradient descent (@code{gd_deep}, step
% eta: 0.1 for L <= 2 and 1 for L >= 3 by default) at time @code{t = eta*k}, on a
% common log time axis.
%
% Table (printed, and @file{depth_widths.csv}): for each depth and mode the exact
% times @code{t10}, @code{t50}, @code{t90} at which the flow reaches 10%, 50%, 90% of
% its plateau (closed-form t(w), @code{phase_times} for t50) and the relative width
% @code{(t90 - t10)/t50}; also, for L >= 3, the leading term
% @code{w0^(-(L-2)/L)/((L-2) sigma)} of t50.  For L = 1 the width does not depend on
% w0 (@code{log 81 / log 2 = 6.34} for @code{w0 = 0}); for L = 2 it falls like
% @code{log 81 / log (sigma/w0)}; for L >= 3 like @code{(w0/sigma)^((L-2)/L)}, a power of
% w0: at a given small w0, the deeper network's transitions are sharper.
%
% With @var{outdir} (a folder, created if needed) the demo writes @file{depth.png},
% @file{depth_modes.csv} (t, then the modes of each depth), @file{depth_gd.csv}
% (the gradient-descent markers) and @file{depth_widths.csv}; without it (or with
% @code{''}) nothing is written.
%
% Options (name, value): @qcode{'w0'} (default 1e-6), @qcode{'depths'} (default
% @code{1:4}), @qcode{'eta'} (a scalar, or one step per depth; default 0.1 for L <= 2,
% 1 for L >= 3, where the flow is slow), @qcode{'points'} (time-grid size, default
% 600), @qcode{'gd'} (run gradient descent, default true), @qcode{'plot'} (default
% true).
%
% @var{S} holds the plotted numbers: @code{t}, @code{depths}, @code{modes} (a cell, one
% 3-by-numel(t) array per depth), @code{gd} (per depth: iterations @code{k}, times,
% singular values @code{sv}, and @code{maxdev}, the largest
% @code{|GD - flow at eta k| / sigma_i} over its records), and @code{widths}
% (a table as a struct of columns @code{L}, @code{sigma}, @code{t10}, @code{t50},
% @code{t90}, @code{width}, @code{t_lead}).
%
% Example:
% @c runnable
% @example
% @group
% S = demo_depth (tempdir ());        % writes depth.png and three CSV files
% reshape (S.widths.width, 3, [])     % rows: modes, columns: L = 1..4
% @end group
% @end example
% @seealso{mode_flow, mode_gd, phase_times, aligned_init, gd_deep, demo_figure1}
% @end deftypefn

  if (nargin < 1)
    outdir = '';
  end
  if (mod (numel (varargin), 2) ~= 0)
    ld_usage ('demo_depth');
  end
  fn = 'demo_depth';
  ld_outdir (fn, outdir);
  o = struct ('w0', 1e-6, 'depths', 1:4, 'eta', [], 'points', 600, 'gd', true, 'plot', true);
  [o, given] = ld_name_value (fn, o, varargin);
  for k = 1:numel (given)
    name = given{k};
    v = o.(name);
    switch (name)
      case 'w0'
        v = ld_matrix (fn, name, v, 'scalar', 'finite', 'positive');
        if (v >= 1e-3)
          error ('lindyn:demo_depth:w0', 'demo_depth: w0 must be below the smallest plateau 1e-3');
        end
      case 'depths'
        v = ld_matrix (fn, name, v, 'vector', 'nonempty', 'integer', 'positive');
        if (any (v > 8))
          error ('lindyn:demo_depth:depths', 'demo_depth: depths must lie in 1..8');
        end
        v = unique (v(:)');
      case 'eta'
        v = ld_matrix (fn, name, v, 'vector', 'nonempty', 'finite', 'positive');
        if (any (v > 1.5))
          error ('lindyn:demo_depth:eta', 'demo_depth: eta must be at most 1.5 (stable for every depth here)');
        end
      case 'points'
        v = ld_matrix (fn, name, v, 'scalar', 'integer', 'positive');
        if (v < 10)
          error ('lindyn:demo_depth:points', 'demo_depth: points must be at least 10');
        end
      case {'gd', 'plot'}
        v = ld_logical (fn, name, v);
    end
    o.(name) = v;
  end
  if (isempty (o.eta))
    o.eta = 0.1 + 0.9 * (o.depths >= 3);
  elseif (isscalar (o.eta))
    o.eta = o.eta * ones (size (o.depths));
  elseif (numel (o.eta) ~= numel (o.depths))
    error ('lindyn:demo_depth:eta', 'demo_depth: eta must be a scalar or have one entry per depth');
  end

  sigma = [1e-1; 1e-2; 1e-3];
  lambda = ones (3, 1);
  Sx = eye (3);  Sxy = diag (sigma);
  w0 = o.w0;  nL = numel (o.depths);
  % the widths table: exact crossing times of 10%, 50%, 90% of each plateau
  tab = struct ('L', [], 'sigma', [], 't10', [], 't50', [], 't90', [], 'width', [], 't_lead', []);
  tlast = 0;
  for L = o.depths
    P = phase_times (sigma, lambda, w0 * ones (3, 1), 'depth', L);
    t10 = ld_mode_time_depth (sigma, lambda, w0 * ones (3, 1), 0.1 * sigma, L);
    t90 = ld_mode_time_depth (sigma, lambda, w0 * ones (3, 1), 0.9 * sigma, L);
    tab.L = [tab.L; L * ones(3, 1)];
    tab.sigma = [tab.sigma; sigma];
    tab.t10 = [tab.t10; t10];  tab.t50 = [tab.t50; P.flow_half];  tab.t90 = [tab.t90; t90];
    tab.width = [tab.width; (t90 - t10) ./ P.flow_half];
    tab.t_lead = [tab.t_lead; P.flow];
    tlast = max (tlast, max (t90));
  end
  S.sigma = sigma';
  S.w0 = w0;
  S.depths = o.depths;
  S.widths = tab;
  tmax = 10 ^ ceil (log10 (3 * tlast));
  S.t = logspace (-2, log10 (tmax), o.points);
  S.modes = cell (1, nL);
  for j = 1:nL
    S.modes{j} = mode_flow (sigma, lambda, w0, S.t, 'depth', o.depths(j));
  end

  % gradient descent from the deep aligned start, recorded at log-spaced iterations
  S.gd = {};
  if (o.gd)
    S.gd = cell (1, nL);
    for j = 1:nL
      L = o.depths(j);
      last = max (tab.t90(tab.L == L));
      eta = o.eta(j);
      kmax = ceil (1.5 * last / eta);
      k = unique ([0, round(logspace (0, log10 (kmax), 40))]);
      W0 = aligned_init (Sx, Sxy, 3 * ones (1, L - 1), -log (w0) / L);
      R = gd_deep (Sx, Sxy, eta, kmax, W0, 'record', k, 'sv', 3, 'nuclear', false, ...
                   'verbose', false);
      g.L = L;
      g.eta = eta;
      g.k = double (R.t(:)');
      g.t = eta * g.k;
      g.sv = R.sv;
      wf = mode_flow (sigma, lambda, w0, g.t, 'depth', L);
      g.maxdev = max (max (abs (sort (g.sv, 1, 'descend') - sort (wf, 1, 'descend')), [], 2) ./ sigma);
      S.gd{j} = g;
    end
  end

  % summary
  fprintf ('demo_depth: Sx = I, Sxy = diag(1e-1, 1e-2, 1e-3), every depth from w0 = %g\n', w0);
  fprintf ('  relative width (t90 - t10)/t50 of each transition (exact flow):\n');
  fprintf ('  %4s %8s %12s %12s %12s %10s %12s\n', 'L', 'sigma', 't10', 't50', 't90', 'width', 't_lead');
  for i = 1:numel (tab.L)
    fprintf ('  %4d %8.3g %12.5g %12.5g %12.5g %10.4g %12.5g\n', tab.L(i), tab.sigma(i), ...
             tab.t10(i), tab.t50(i), tab.t90(i), tab.width(i), tab.t_lead(i));
  end
  if (o.gd)
    for j = 1:nL
      fprintf ('  L = %d: gradient descent (eta = %g, %d iterations) vs the flow at eta*k: max |dw|/sigma = %.3g\n', ...
               S.gd{j}.L, S.gd{j}.eta, S.gd{j}.k(end), S.gd{j}.maxdev);
    end
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

function draw (S)
  fig = gcf ();
  clf (fig);
  set (fig, 'position', [50 50 1200 800]);
  nL = numel (S.depths);
  cols = ceil (nL / 2);  rows = ceil (nL / cols);
  modecol = [0 0.45 0.74; 0.85 0.33 0.1; 0.47 0.67 0.19];
  xr = [S.t(1), S.t(end)];
  for j = 1:nL
    L = S.depths(j);
    ax = subplot (rows, cols, j);
    hold (ax, 'on');
    for i = 1:3
      h = plot (ax, S.t, S.modes{j}(i, :), 'color', modecol(i, :), 'linewidth', 1.5);
      set (h, 'displayname', sprintf ('w_%d, \\sigma_%d = %g', i, i, S.sigma(i)));
      plot (ax, xr, S.sigma(i) * [1 1], ':', 'color', [0.4 0.4 0.4], 'handlevisibility', 'off');
    end
    if (~ isempty (S.gd))
      g = S.gd{j};
      keep = g.t >= S.t(1);
      h = plot (ax, g.t(keep), g.sv(:, keep)', 'o', 'color', [0.1 0.1 0.1], 'markersize', 3);
      set (h(1), 'displayname', sprintf ('GD, \\eta = %g (t = \\eta k)', g.eta));
      set (h(2:end), 'handlevisibility', 'off');
    end
    set (ax, 'xscale', 'log', 'yscale', 'log');
    xlim (ax, xr);
    ylim (ax, [S.w0 / 3, 0.3]);
    xlabel (ax, 't');
    ylabel (ax, 'modes w_i (singular values of W)');
    w = S.widths.width(S.widths.L == L);
    title (ax, sprintf ('L = %d: (t_{90} - t_{10})/t_{50} = %.3g, %.3g, %.3g', L, w));
    legend (ax, 'show');
    if (L == 1)
      legend (ax, 'location', 'southeast');     % the curves fill the upper left
    else
      legend (ax, 'location', 'northwest');
    end
    box (ax, 'on');
  end
  note = sprintf (['\\Sigma_x = I, \\Sigma_{yx} = diag(10^{-1}, 10^{-2}, 10^{-3}); every depth ', ...
                   'from end-to-end modes w_0 = %g (balanced aligned factors); curves: ', ...
                   'dw/dt = L w^{2-2/L}(\\sigma - w) in closed form, markers: gradient descent'], S.w0);
  annotation (fig, 'textbox', [0 0.955 1 0.04], 'string', note, 'edgecolor', 'none', ...
              'horizontalalignment', 'center', 'fontsize', 9);
end

function write_outputs (S, outdir, png)
  ld_outdir ('demo_depth', outdir, true);
  head = {'t'};
  cols = S.t(:);
  for j = 1:numel (S.depths)
    for i = 1:3
      head{end+1} = sprintf ('L%d_mode%d', S.depths(j), i);
    end
    cols = [cols, S.modes{j}'];
  end
  ld_write_csv (fullfile (outdir, 'depth_modes.csv'), head, cols);
  if (~ isempty (S.gd))
    G = zeros (0, 6);
    for j = 1:numel (S.gd)
      g = S.gd{j};
      G = [G; g.L * ones(numel (g.k), 1), g.k(:), g.t(:), g.sv'];
    end
    ld_write_csv (fullfile (outdir, 'depth_gd.csv'), ...
                  {'L', 'iteration', 't', 'sv1', 'sv2', 'sv3'}, G);
  end
  w = S.widths;
  ld_write_csv (fullfile (outdir, 'depth_widths.csv'), ...
                {'L', 'sigma', 'w0', 't10', 't50', 't90', 'width', 't_lead'}, ...
                [w.L, w.sigma, S.w0 * ones(size (w.L)), w.t10, w.t50, w.t90, w.width, w.t_lead]);
  if (png)
    print (gcf (), '-dpng', '-r80', fullfile (outdir, 'depth.png'));
  end
end

%!test
%! % the table against independent computations: L = 1 and L = 2 in closed form by
%! % hand, L = 3, 4 by quadgk of dt/dw = 1/(L w^(2-2/L) (sigma - w)); the curves by
%! % the same integral up to their values at the grid times
%! S = demo_depth ('', 'plot', false, 'gd', false, 'w0', 1e-5, 'points', 40);
%! W = S.widths;  s = W.sigma;  w0 = 1e-5;
%! k = W.L == 1;
%! tt = @(x) log ((s(k) - w0) ./ (s(k) - x * s(k)));
%! assert (W.t10(k), tt (0.1), 1e-14);  assert (W.t90(k), tt (0.9), 1e-14);
%! k = W.L == 2;
%! tt = @(x) (log (x * s(k) / w0) - log1p (-x) + log1p (-w0 ./ s(k))) ./ (2 * s(k));
%! assert (W.t10(k), tt (0.1), 1e-12 * tt (0.1));  assert (W.t50(k), tt (0.5), 1e-12 * tt (0.5));
%! for L = [3 4]
%!   for i = find (W.L == L)'
%!     f = @(u) 1 ./ (L * u .^ (2 - 2 / L) .* (s(i) - u));
%!     q = quadgk (f, w0, 0.9 * s(i), 'RelTol', 1e-12, 'AbsTol', 0, 'MaxIntervalCount', 1e4);
%!     % quadgk at RelTol 1e-12 on a smooth integrand: ~1e-12; the closed form ~1e-14
%!     assert (W.t90(i), q, 1e-10 * q);
%!   end
%! end
%! assert (W.width, (W.t90 - W.t10) ./ W.t50, 1e-15);
%! % the curves: t(w) by quadgk at the grid points where a mode is in its transition
%! for j = 1:numel (S.depths)
%!   L = S.depths(j);
%!   for i = 1:3
%!     w = S.modes{j}(i, :);
%!     pick = find (w > 0.05 * s(i) & w < 0.95 * s(i));
%!     for q = pick(1:max (1, floor (numel (pick) / 3)):end)
%!       f = @(u) 1 ./ (L * u .^ (2 - 2 / L) .* (s(i) - u));
%!       tq = quadgk (f, w0, w(q), 'RelTol', 1e-12, 'AbsTol', 0, 'MaxIntervalCount', 1e4);
%!       % dt/dw at the 5%-95% points is moderate: the time error bounds the w error
%!       assert (tq, S.t(q), 1e-9 * S.t(q));
%!     end
%!   end
%! end
%! % depth sharpens: at this w0 every transition is narrower at L = 4 than at L = 2
%! assert (all (W.width(W.L == 4) < W.width(W.L == 2)));

%!test
%! % the CSV files hold the returned numbers; GD markers follow the flow
%! d = tempname ();
%! S = demo_depth (d, 'plot', false, 'w0', 1e-4, 'depths', [2 3], 'points', 30, 'eta', 0.5);
%! C = dlmread (fullfile (d, 'depth_modes.csv'), ',', 1, 0);
%! assert (C(:, 1)', S.t);  assert (C(:, 5:7)', S.modes{2});
%! G = dlmread (fullfile (d, 'depth_widths.csv'), ',', 1, 0);
%! assert (G(:, 7), S.widths.width);
%! D = dlmread (fullfile (d, 'depth_gd.csv'), ',', 1, 0);
%! assert (D(D(:,1) == 3, 4:6)', S.gd{2}.sv);
%! % GD at eta = 0.5 tracks the flow at t = eta k to a few percent of each plateau
%! assert (S.gd{1}.maxdev < 0.1 && S.gd{2}.maxdev < 0.1);
%! confirm_recursive_rmdir (false, 'local');  rmdir (d, 's');

%!error <Invalid call> demo_depth ('', 'w0')
%!error id=lindyn:demo_depth:outdir demo_depth (3)
%!error id=lindyn:demo_depth:option demo_depth ('', 'w', 3)
%!error id=lindyn:demo_depth:w0 demo_depth ('', 'w0', 0.01)
%!error id=lindyn:demo_depth:w0 demo_depth ('', 'w0', -1)
%!error id=lindyn:demo_depth:depths demo_depth ('', 'depths', [1 9])
%!error id=lindyn:demo_depth:depths demo_depth ('', 'depths', 0)
%!error id=lindyn:demo_depth:eta demo_depth ('', 'eta', 2)
%!error id=lindyn:demo_depth:eta demo_depth ('', 'eta', [0.1 0.1])
%!error id=lindyn:demo_depth:points demo_depth ('', 'points', 3)
%!error id=lindyn:demo_depth:gd demo_depth ('', 'gd', 'yes')

%!demo
%! % the modes of Figure 1's problem at depths 1 to 4, on screen
%! demo_depth ();
