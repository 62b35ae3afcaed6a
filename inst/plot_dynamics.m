function ax = plot_dynamics (R, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{ax} =} plot_dynamics (@var{R})
% @deftypefnx {} {@var{ax} =} plot_dynamics (@var{R}, @var{name}, @var{value}, @dots{})
% Plot a gradient-descent trajectory: trace norm, excess loss, singular values.
%
% @var{R} is the trajectory struct returned by @code{gd_linear} or @code{gd_deep}
% (fields @code{t}, the recorded iteration indices, and @code{nuclear},
% @code{excess_loss}, @code{fro2}, @code{sv}, @code{err}, @code{diverged},
% @code{diverged_at}).  One panel is drawn per quantity, against iterations on a log
% axis (the record at t = 0 is left out there); excess loss, error and singular values
% get a log y axis.  @var{ax} holds the axes, one per panel, so a second call with
% @qcode{'axes', ax} overlays another trajectory, as in Figure 2 of Gidel, Bach and
% Lacoste-Julien (2019) where the linear model (L = 1) and the two-layer network
% (L = 2) share the panels.
%
% The theory is drawn when the spectrum is given: with @qcode{'sigma'} (the singular
% values of Sxy) and @qcode{'lambda'} (@code{lambda_i = u_i'*Sx*u_i}; default 1), the
% plateau levels of Thm. 2 and Cor. 1 (eqs. 18 and 19) are drawn as dotted horizontal
% lines: the partial sums of @code{sigma_i/lambda_i} on the trace-norm panel, of
% @code{(sigma_i/lambda_i)^2} on the squared-norm panel, and the levels
% @code{sigma_i/lambda_i} on the singular-value panel.  With also @qcode{'delta'} and
% @qcode{'eta'} (initial end-to-end modes @code{exp(-2*delta)}, step size eta), the
% predicted phase-transition iterations @code{T_i = delta/(eta*sigma_i)} (eq. 25) are
% drawn as dashed vertical lines on every panel; @qcode{'transitions'} gives them
% directly instead (for instance the exact half-way times of @code{phase_times}).
%
% Options (name, value):
% @table @asis
% @item @qcode{'panels'}
% Cell array of quantities, from @qcode{'nuclear'} (trace norm), @qcode{'excess_loss'},
% @qcode{'sv'}, @qcode{'fro2'} (squared Frobenius norm), @qcode{'err'} (distance to
% the target), @qcode{'path_err'} (distances to the points of a @qcode{"path"},
% relative: @code{norm (W - P_k, "fro") / norm (P_k, "fro")}, with the norms from
% @code{R.path_norm} or option @qcode{'path_norm'}; each curve is numbered at its
% closest approach) and @qcode{'test_loss'} (the held-out excess loss of option
% @qcode{"test"}).  Default @code{@{'nuclear', 'excess_loss', 'sv'@}}.  The panels
% are laid out on a grid (one row for one or two panels, two rows for three to six)
% with margins that keep the labels clear at the default figure size; with three or
% five panels the legend goes into the empty cell.
% @item @qcode{'axes'}
% Axes handles to draw into (one per panel), keeping what is there.  Default: as
% @code{plot} does, the current axes when the caller has set them up (@code{subplot},
% @code{axes}): one panel is drawn into them (cleared first unless @code{hold} is on),
% several share their place, the rest of the figure untouched; in a figure without
% axes, or over the panels of an earlier call, new panels fill the figure.
% @item @qcode{'label'}, @qcode{'color'}, @qcode{'style'}
% Legend entry (one per trajectory, also when it draws several lines), colour (a name
% or an RGB triple; default: the next colour of the axes' colour order, one per
% trajectory, so that overlaid runs are told apart) and line style (e.g. @qcode{'-'},
% @qcode{'--'}, @qcode{'o'}) of this trajectory.
% @item @qcode{'path_norm'}
% The norms @code{norm (P_k, "fro")} for the @qcode{'path_err'} panel (default
% @code{R.path_norm}, which @code{gd_deep} records).
% @item @qcode{'sigma'}, @qcode{'lambda'}, @qcode{'delta'}, @qcode{'eta'}, @qcode{'transitions'}
% The theory marks described above.
% @item @qcode{'tscale'}
% Plot against @code{tscale * t} instead of t (for example @code{eta/delta}, the
% rescaled time of Thm. 2); the transitions are scaled alike.  Default 1.
% @item @qcode{'xlabel'}
% Label of the time axis (default @qcode{'iteration t'}).
% @item @qcode{'normalize'}
% Divide the excess loss by this positive number (for a relative error).  Default 1.
% @item @qcode{'xscale'}
% @qcode{'log'} (default) or @qcode{'linear'}.
% @end table
%
% The lines drawn carry tags (@qcode{'lindyn:data'}, @qcode{'lindyn:plateau'},
% @qcode{'lindyn:transition'}, @qcode{'lindyn:diverged'}) so that they can be found
% with @code{findall}.  A diverged run is marked with a vertical line at
% @code{R.diverged_at}.
%
% Example:
% @c runnable
% @example
% @group
% Sx = eye (3);  Sxy = diag ([1e-1 1e-2 1e-3]);  eta = 1;  delta = 5;
% R = gd_deep (Sx, Sxy, eta, 50000, aligned_init (Sx, Sxy, 3, delta));
% ax = plot_dynamics (R, 'panels', @{'fro2', 'sv'@}, 'sigma', diag (Sxy), ...
%                     'delta', delta, 'eta', eta, 'label', 'L = 2');
% @end group
% @end example
% @seealso{gd_deep, gd_linear, phase_times, demo_figure2}
% @end deftypefn

  if (nargin < 1 || mod (nargin, 2) ~= 1)
    ld_usage ('plot_dynamics');
  end
  if (~ isstruct (R) || ~ isscalar (R) || ~ isfield (R, 't'))
    error ('lindyn:plot_dynamics:R', ...
           'plot_dynamics: R must be a trajectory struct (from gd_linear or gd_deep) with a field t');
  end
  o = struct ('panels', {{'nuclear', 'excess_loss', 'sv'}}, 'axes', [], 'label', '', ...
              'color', [], 'style', '-', 'sigma', [], 'lambda', [], 'delta', [], ...
              'eta', [], 'transitions', [], 'tscale', 1, 'xlabel', 'iteration t', ...
              'normalize', 1, 'xscale', 'log', 'path_norm', []);
  fn = 'plot_dynamics';
  [o, given] = ld_name_value (fn, o, varargin);
  for k = 1:numel (given)
    name = given{k};
    v = o.(name);
    switch (name)
      case 'panels'
        if (ischar (v))
          v = {v};
        end
        known = {'nuclear', 'excess_loss', 'sv', 'fro2', 'err', 'path_err', 'test_loss'};
        if (~ iscellstr (v) || isempty (v) || ~ all (ismember (v, known)))
          error ('lindyn:plot_dynamics:panels', ...
                 'plot_dynamics: panels must be a cell array of names from nuclear, excess_loss, sv, fro2, err, path_err, test_loss');
        end
      case 'axes'
        if (isempty (v) || ~ all (ishghandle (v(:))) || ...
            ~ all (strcmp (get (v(:), 'type'), 'axes')))
          error ('lindyn:plot_dynamics:axes', 'plot_dynamics: axes must hold axes handles');
        end
      case {'label', 'style', 'xlabel'}
        if (~ ischar (v))
          error (sprintf ('lindyn:plot_dynamics:%s', name), 'plot_dynamics: %s must be a string', name);
        end
      case 'color'
        % checked by the graphics system when used
      case {'sigma', 'lambda', 'transitions', 'path_norm'}
        v = ld_matrix (fn, name, v, 'vector', 'finite', 'nonnegative');
        v = v(:)';
      case {'delta', 'eta', 'tscale', 'normalize'}
        v = ld_matrix (fn, name, v, 'scalar', 'finite', 'positive');
      case 'xscale'
        if (~ ischar (v) || ~ any (strcmp (v, {'log', 'linear'})))
          error ('lindyn:plot_dynamics:xscale', 'plot_dynamics: xscale must be ''log'' or ''linear''');
        end
    end
    o.(name) = v;
  end
  panels = o.panels;
  np = numel (panels);
  if (~ isempty (o.axes) && numel (o.axes) ~= np)
    error ('lindyn:plot_dynamics:axes', ...
           'plot_dynamics: axes must hold one handle per panel (%d), got %d', np, numel (o.axes));
  end
  for k = 1:np
    if (~ isfield (R, panels{k}) || isempty (R.(panels{k})))
      error ('lindyn:plot_dynamics:R', 'plot_dynamics: R has no field %s to plot', panels{k});
    end
  end

  % Theory: plateau levels (Thm. 2, Cor. 1) and transition iterations (eq. 25).
  sigma = o.sigma;
  lambda = o.lambda;
  if (isempty (lambda))
    lambda = ones (size (sigma));
  elseif (isempty (sigma))
    error ('lindyn:plot_dynamics:sigma', 'plot_dynamics: lambda needs sigma');
  elseif (isscalar (lambda))
    lambda = lambda * ones (size (sigma));
  elseif (numel (lambda) ~= numel (sigma))
    error ('lindyn:plot_dynamics:lambda', ...
           'plot_dynamics: lambda must have as many entries as sigma (%d)', numel (sigma));
  end
  keep = sigma > 0 & lambda > 0;
  sigma = sigma(keep);
  lambda = lambda(keep);
  T = o.transitions;
  if (isempty (T) && ~ isempty (sigma) && ~ isempty (o.delta) && ~ isempty (o.eta))
    T = o.delta ./ (o.eta * sigma);
  end
  T = o.tscale * T;

  t = o.tscale * double (R.t(:));
  if (strcmp (o.xscale, 'log'))
    show = t > 0;
  else
    show = true (size (t));
  end
  if (isempty (o.axes))
    % As plot () does, draw where the caller has set up axes (subplot, axes): the
    % panels then share the current axes' place (one panel: those axes themselves).
    % A figure without axes, or holding panels of an earlier call, gets the full layout.
    fig = gcf ();
    cur = get (fig, 'currentaxes');
    nrun = 1;
    if (~ isempty (cur) && ishghandle (cur) && ~ strcmp (get (cur, 'tag'), 'lindyn:panel'))
      if (np == 1)
        ax = cur;
        if (~ ishold (ax))
          cla (ax, 'reset');
        end
        spare = [];
      else
        units = get (cur, 'units');
        set (cur, 'units', 'normalized');
        place = get (cur, 'position');
        set (cur, 'units', units);
        delete (cur);
        [ax, spare] = ld_layout (np, place);
      end
    else
      clf ();
      [ax, spare] = ld_layout (np);
      set (ax, 'tag', 'lindyn:panel');
    end
  else
    ax = o.axes(:)';
    u = get (ax(1), 'userdata');
    spare = [];  nrun = 1;
    if (isstruct (u) && isfield (u, 'nrun'))
      nrun = u.nrun + 1;  spare = u.spare;
    end
  end
  % one colour per run (the axes' colour order, in the order the runs were drawn)
  color = o.color;
  if (isempty (color))
    co = get (ax(1), 'colororder');
    color = co(mod (nrun - 1, size (co, 1)) + 1, :);
  end

  for k = 1:np
    name = panels{k};
    y = double (R.(name));
    if (any (strcmp (name, {'sv', 'path_err'})))
      if (size (y, 1) ~= numel (t) && size (y, 2) == numel (t))
        y = y';
      end
    else
      y = y(:);
    end
    if (size (y, 1) ~= numel (t))
      error ('lindyn:plot_dynamics:R', ...
             'plot_dynamics: R.%s has %d records but R.t has %d', name, size (y, 1), numel (t));
    end
    logy = any (strcmp (name, {'excess_loss', 'err', 'sv', 'path_err', 'test_loss'}));
    switch (name)
      case 'nuclear'
        ylab = 'trace norm ||W||_*';
        levels = cumsum (sigma ./ lambda);
      case 'fro2'
        ylab = 'squared norm ||W||_F^2';
        levels = cumsum ((sigma ./ lambda) .^ 2);
      case 'sv'
        ylab = 'singular values of W';
        levels = sigma ./ lambda;
      case 'excess_loss'
        y = y / o.normalize;
        if (o.normalize == 1)
          ylab = 'excess loss f(W) - f^*';
        else
          ylab = 'relative excess loss';
        end
        levels = [];
      case 'err'
        ylab = 'error ||W - M||_F';
        levels = [];
      case 'path_err'
        pn = o.path_norm;
        if (isempty (pn) && isfield (R, 'path_norm'))
          pn = R.path_norm;
        end
        if (isempty (pn))
          ylab = 'distance ||W - P_k||_F';
        else
          if (numel (pn) ~= size (y, 2))
            error ('lindyn:plot_dynamics:path_norm', ...
                   'plot_dynamics: path_norm must have one entry per path point (%d)', size (y, 2));
          end
          pn = double (pn(:)');
          pn(pn == 0) = 1;                % a zero point: the absolute distance
          y = y ./ repmat (pn, size (y, 1), 1);
          ylab = '||W - P_k|| / ||P_k||';
        end
        levels = [];
      case 'test_loss'
        ylab = 'held-out excess loss';
        levels = [];
    end
    if (logy)
      y(y <= 0) = NaN;
    end
    a = ax(k);
    hold (a, 'on');
    h = plot (a, t(show), y(show, :), o.style);
    set (h, 'tag', 'lindyn:data', 'color', color);
    if (~ isempty (o.label))
      set (h(1), 'displayname', o.label);
    end
    if (strcmp (name, 'path_err'))
      % name each path point at the closest approach
      for j = 1:size (y, 2)
        yy = y(show, j);  tt = t(show);
        [m, i] = min (yy);
        if (isfinite (m))
          ht = text (tt(i), m, sprintf ('%d', j), 'parent', a, 'color', color, ...
                     'verticalalignment', 'top', 'horizontalalignment', 'center', 'fontsize', 8);
          set (ht, 'tag', 'lindyn:path_label');
        end
      end
    end
    if (strcmp (o.style, '-') || strcmp (o.style, '--'))
      set (h, 'linewidth', 1.5);
    end
    xr = [min(t(show)), max(t(show))];
    for j = 1:numel (levels)
      hl = plot (a, xr, levels(j) * [1 1], ':', 'color', [0.4 0.4 0.4]);
      set (hl, 'tag', 'lindyn:plateau', 'handlevisibility', 'off');
    end
    if (~ isempty (T))
      yl = finite_range (y(show, :), levels, logy);
      for j = 1:numel (T)
        hv = plot (a, T(j) * [1 1], yl, '--', 'color', [0.6 0.6 0.6]);
        set (hv, 'tag', 'lindyn:transition', 'handlevisibility', 'off');
      end
    end
    if (isfield (R, 'diverged') && ~ isempty (R.diverged) && R.diverged && isfield (R, 'diverged_at'))
      yl = finite_range (y(show, :), levels, logy);
      hd = plot (a, o.tscale * R.diverged_at * [1 1], yl, 'r-');
      set (hd, 'tag', 'lindyn:diverged', 'handlevisibility', 'off');
    end
    set (a, 'xscale', o.xscale);
    if (logy)
      set (a, 'yscale', 'log');
    end
    % Limits that show the data, the plateau levels and any earlier overlay.
    yl = finite_range (y(show, :), levels, logy);
    if (logy)
      yl = [max(yl(1), yl(2) * 1e-16) / 2, yl(2) * 2];
    else
      yl = yl + [-0.05 0.05] * max (diff (yl), eps);
    end
    if (~ isempty (o.axes))
      old = get (a, 'userdata');
      if (isstruct (old) && isfield (old, 'xr'))
        xr = [min(xr(1), old.xr(1)), max(xr(2), old.xr(2))];
        yl = [min(yl(1), old.yl(1)), max(yl(2), old.yl(2))];
      end
    end
    set (a, 'userdata', struct ('xr', xr, 'yl', yl));
    if (xr(2) > xr(1))
      xlim (a, xr);
    end
    ylim (a, yl);
    if (logy)
      ld_log_ticks (a, yl);
    end
    xlabel (a, o.xlabel, 'fontsize', 9);
    ylabel (a, ylab, 'fontsize', 9);
    box (a, 'on');
  end
  u = get (ax(1), 'userdata');
  u.nrun = nrun;  u.spare = spare;
  set (ax(1), 'userdata', u);
  if (~ isempty (o.label))
    if (~ isempty (spare) && ishghandle (spare))
      % the empty cell of the grid holds the legend, clear of the data: one invisible
      % line per run carries its colour and label there
      hold (spare, 'on');
      hs = plot (spare, NaN, NaN, o.style, 'color', color, 'displayname', o.label);
      if (strcmp (o.style, '-') || strcmp (o.style, '--')), set (hs, 'linewidth', 1.5);  end
      set (hs, 'tag', 'lindyn:legend_entry');
      hh = flipud (findobj (spare, 'tag', 'lindyn:legend_entry'));
      names = get (hh, 'displayname');
      if (~ iscell (names)), names = {names};  end
      lg = legend (spare, hh, names);
      set (lg, 'location', 'west', 'fontsize', 9);
    else
      % one entry per run: the first line of each labelled run
      hh = flipud (findobj (ax(1), 'tag', 'lindyn:data'));
      names = get (hh, 'displayname');
      if (~ iscell (names)), names = {names};  end
      keep = ~ cellfun (@isempty, names);
      legend (ax(1), hh(keep), names(keep), 'location', 'northwest');
    end
  end
end

function [ax, spare] = ld_layout (np, box)
  % np panels on a grid (1x1, 1x2, 2x2, 2x3, ...) with margins wide enough for the
  % tick labels and axis labels at the default figure size; spare is the position of an
  % unused cell (for the legend), empty when the grid is full.  With box (the position
  % of the caller's axes, whose own margins are already outside it), the grid fills
  % box, with room for labels only between its cells.
  if (np <= 2)
    rows = 1;  cols = np;
  else
    cols = ceil (np / 2);  rows = 2;
    if (np > 6), cols = 3;  rows = ceil (np / 3);  end
  end
  w = 1 / cols;  h = 1 / rows;
  % margins in figure units: room for tick labels and an axis label at 9 points
  left = 0.125;  right = 0.02;  bottom = 0.095;  top = 0.03;
  if (rows == 1), bottom = 0.12;  top = 0.05;  end
  if (cols == 1), left = 0.13;  end
  m = [left, right, bottom, top];
  if (nargin < 2)
    box = [];
  end
  ax = zeros (1, np);
  for k = 1:np
    r = ceil (k / cols);  c = k - (r - 1) * cols;
    ax(k) = axes ('position', ld_cell (box, rows, cols, r, c, m), 'fontsize', 9);
  end
  spare = [];
  if (rows * cols > np)
    k = np + 1;  r = ceil (k / cols);  c = k - (r - 1) * cols;
    spare = axes ('position', ld_cell (box, rows, cols, r, c, m), 'visible', 'off', ...
                  'fontsize', 9);
    set (spare, 'tag', 'lindyn:legend_cell');
  end
end

function pos = ld_cell (box, rows, cols, r, c, m)
  % the position of cell (r, c) of the grid, margins m = [left right bottom top]
  if (isempty (box))
    w = 1 / cols;  h = 1 / rows;
    pos = [(c - 1) * w + m(1), (rows - r) * h + m(3), w - m(1) - m(2), h - m(3) - m(4)];
  else
    % the caller's box already excludes the outer margins; between cells, the same
    % room for the labels of the next cell
    w = (box(3) + m(1) + m(2)) / cols;  h = (box(4) + m(3) + m(4)) / rows;
    pos = [box(1) + (c - 1) * w, box(2) + (rows - r) * h, ...
           max(w - m(1) - m(2), 0.02), max(h - m(3) - m(4), 0.02)];
  end
end

function ld_log_ticks (a, yl)
  % at most about five labelled decades on a log axis (a tall range in a short panel
  % otherwise writes its tick labels on top of each other)
  lo = floor (log10 (yl(1)));  hi = ceil (log10 (yl(2)));
  if (~ (isfinite (lo) && isfinite (hi)) || hi - lo <= 5)
    return;
  end
  step = ceil ((hi - lo) / 5);
  set (a, 'ytick', 10 .^ (hi:-step:lo));
end

function yl = finite_range (y, levels, logy)
  % A vertical extent covering the finite data and the plateau levels.
  v = [y(:); levels(:)];
  v = v(isfinite (v));
  if (logy)
    v = v(v > 0);
  end
  if (isempty (v))
    yl = [0 1] + logy;
  elseif (min (v) == max (v))
    yl = min (v) * [0.5 2] + (min (v) == 0) * [0 1];
  else
    yl = [min(v), max(v)];
  end
end

%!shared R, sigma, lambda, eta, delta
%! % A two-layer trajectory computed by a plain loop of eq. 5 from Thm. 1's aligned
%! % initialization (W1 = W2 = exp(-delta) I) on a diagonal problem.
%! sigma = [1 0.2];  lambda = [2 1];  eta = 0.1;  delta = 4;
%! Sx = diag (lambda);  Sxy = diag (sigma);  Wstar = Sx \ Sxy;
%! W1 = exp (-delta) * eye (2);  W2 = W1;
%! rec = unique ([0, round(logspace (0, 4, 60))]);
%! R = struct ('t', rec, 'excess_loss', [], 'fro2', [], 'nuclear', [], 'sv', [], ...
%!             'diverged', false, 'diverged_at', []);
%! for it = 0:rec(end)
%!   if (any (rec == it))
%!     W = W1 * W2;  E = W - Wstar;
%!     R.excess_loss(end+1) = trace (E' * Sx * E) / 2;
%!     R.fro2(end+1) = norm (W, 'fro') ^ 2;
%!     s = svd (W);
%!     R.nuclear(end+1) = sum (s);  R.sv(:, end+1) = s;
%!   end
%!   G = Sx * W1 * W2 - Sxy;
%!   [W1, W2] = deal (W1 - eta * G * W2', W2 - eta * W1' * G);
%! end

%!test
%! % data lines hold the recorded values (t = 0 dropped on the log axis); the theory
%! % lines sit at the partial sums of sigma/lambda and at T_i = delta/(eta*sigma_i)
%! f = figure ('visible', 'off');
%! ax = plot_dynamics (R, 'sigma', sigma, 'lambda', lambda, 'delta', delta, 'eta', eta);
%! assert (numel (ax), 3);
%! h = findobj (ax(1), 'tag', 'lindyn:data');
%! assert (get (h, 'xdata'), R.t(2:end), 0);
%! assert (get (h, 'ydata'), R.nuclear(2:end), 0);
%! hp = findall (ax(1), 'tag', 'lindyn:plateau');
%! levels = sort (cellfun (@(y) y(1), get (hp, 'ydata')));
%! assert (levels, [0.5; 0.7], 1e-15);
%! ht = findall (ax(2), 'tag', 'lindyn:transition');
%! T = sort (cellfun (@(x) x(1), get (ht, 'xdata')));
%! assert (T, delta ./ (eta * [1; 0.2]), 1e-12);
%! hs = findobj (ax(3), 'tag', 'lindyn:data');
%! assert (numel (hs), 2);
%! assert (get (ax(2), 'yscale'), 'log');  assert (get (ax(1), 'xscale'), 'log');
%! % the trajectory reaches the predicted plateaus (tolerance: distance left after
%! % 1e4 iterations, (1+eta*sigma_2)^(-2 t) decay, is far below 1e-3)
%! assert (R.nuclear(end), 0.7, 1e-3);
%! close (f);

%!test
%! % overlay into given axes, scaled time, normalized loss, explicit transitions
%! f = figure ('visible', 'off');
%! ax = plot_dynamics (R, 'panels', {'fro2', 'excess_loss'}, 'label', 'a');
%! ax2 = plot_dynamics (R, 'panels', {'fro2', 'excess_loss'}, 'axes', ax, ...
%!                      'tscale', eta / delta, 'normalize', 4, 'transitions', [10 20], ...
%!                      'style', 'o', 'color', 'r', 'xscale', 'log');
%! assert (ax2, ax);
%! h = findobj (ax(2), 'tag', 'lindyn:data');
%! assert (numel (h), 2);
%! x = get (h, 'xdata');  y = get (h, 'ydata');
%! k = find (cellfun (@(v) v(1), x) < 1);      % the scaled one
%! assert (x{k}, R.t(2:end) * eta / delta, 1e-15);
%! assert (y{k}, R.excess_loss(2:end) / 4, 1e-15);
%! ht = findall (ax(1), 'tag', 'lindyn:transition');
%! assert (sort (cellfun (@(v) v(1), get (ht, 'xdata'))), [10; 20] * eta / delta, 1e-15);
%! close (f);

%!test
%! % a diverged run is marked; linear x axis keeps t = 0
%! f = figure ('visible', 'off');
%! Rd = R;  Rd.diverged = true;  Rd.diverged_at = 500;
%! ax = plot_dynamics (Rd, 'panels', {'nuclear'}, 'xscale', 'linear');
%! hd = findall (ax, 'tag', 'lindyn:diverged');
%! assert (get (hd, 'xdata'), [500 500]);
%! assert (numel (get (findobj (ax, 'tag', 'lindyn:data'), 'xdata')), numel (R.t));
%! % the distance to a target, on a log y axis; zeros are not drawn there
%! % (the record at t = 0 is left out: y(k) is the record at R.t(k+1))
%! Rd.err = sqrt (2 * R.excess_loss);  Rd.err(2) = 0;
%! ax = plot_dynamics (Rd, 'panels', {'err'});
%! y = get (findobj (ax, 'tag', 'lindyn:data'), 'ydata');
%! assert (isnan (y(1)));  assert (y(2:end), Rd.err(3:end), 0);
%! assert (get (ax, 'yscale'), 'log');
%! close (f);

%!test
%! % the default layout keeps room for the labels (at least 0.1 of the figure left of
%! % and 0.09 below every panel, no panel inside another's label area), one colour
%! % per run, one legend entry per run (in the spare cell of the grid)
%! f = figure ('visible', 'off');
%! R2 = R;  R2.nuclear = R.nuclear * 1.1;  R2.sv = R.sv * 1.1;
%! ax = plot_dynamics (R, 'label', 'first');
%! plot_dynamics (R2, 'axes', ax, 'label', 'second');
%! pos = cell2mat (get (ax(:), 'position'));
%! assert (all (pos(:,1) >= 0.1) && all (pos(:,2) >= 0.09));
%! assert (all (pos(:,1) + pos(:,3) <= 1) && all (pos(:,2) + pos(:,4) <= 1));
%! for i = 1:3
%!   for j = 1:3
%!     if (i == j), continue;  end
%!     % panel j's rectangle widened by its label margins must not meet panel i
%!     a = pos(i,:);  b = pos(j,:) + [-0.1 -0.09 0.1 0.09];
%!     apart = a(1) >= b(1) + b(3) || b(1) >= a(1) + a(3) || a(2) >= b(2) + b(4) ...
%!             || b(2) >= a(2) + a(4);
%!     assert (apart, sprintf ('panel %d sits in the label margin of panel %d', i, j));
%!   end
%! end
%! h = findobj (ax(3), 'tag', 'lindyn:data');       % 2 singular values per run
%! c = cell2mat (get (h, 'color'));
%! assert (size (unique (c, 'rows'), 1), 2);
%! lg = findall (f, 'tag', 'legend');
%! assert (numel (lg), 1);
%! str = get (lg, 'string');
%! assert (sort (str(:)'), {'first', 'second'});
%! close (f);

%!test
%! % path_err: relative distances ||W - P_k|| / ||P_k||, with R.path_norm from gd_deep;
%! % test_loss: the held-out excess loss
%! Sx = diag ([2 1]);  Sxy = diag ([1 0.1]);  P = spectral_path (Sx, Sxy, 1:2);
%! G = gd_deep (Sx, Sxy, 0.1, 3000, {1e-3 * eye(2), 1e-3 * eye(2)}, 'path', P, ...
%!              'test', {eye(2), Sxy});
%! assert (G.path_norm, [norm(P(:,:,1), 'fro'), norm(P(:,:,2), 'fro')], 1e-15);
%! f = figure ('visible', 'off');
%! ax = plot_dynamics (G, 'panels', {'path_err', 'test_loss'}, 'label', 'L = 2');
%! h = findobj (ax(1), 'tag', 'lindyn:data');
%! y = get (h, 'ydata');  if (! iscell (y)), y = {y};  end
%! rel = G.path_err(:, G.t > 0) ./ G.path_norm(:);
%! got = sortrows (cell2mat (y(:)));
%! assert (got, sortrows (rel), 1e-15);
%! assert (numel (findobj (ax(1), 'tag', 'lindyn:path_label')), 2);
%! h = findobj (ax(2), 'tag', 'lindyn:data');
%! assert (get (h, 'ydata'), G.test_loss(G.t > 0), 0);
%! assert (get (ax(2), 'yscale'), 'log');
%! close (f);
%!error id=lindyn:plot_dynamics:path_norm plot_dynamics (struct ('t', 1:3, 'path_err', ones (2, 3)), 'panels', {'path_err'}, 'path_norm', [1 2 3])

%!test
%! % after subplot, the panels go where the caller's axes are (as plot does), and the
%! % rest of the figure is kept; without axes, or over a former layout, the full figure
%! f = figure ('visible', 'off');
%! h1 = subplot (2, 1, 1);  plot (h1, 1:3, 'tag', 'mine');
%! h2 = subplot (2, 1, 2);  box2 = get (h2, 'position');
%! ax = plot_dynamics (R, 'panels', {'nuclear'});
%! assert (ax, h2);                        % one panel: the current axes themselves
%! assert (ishghandle (h1));  assert (numel (findobj (h1, 'tag', 'mine')), 1);
%! assert (get (findobj (ax, 'tag', 'lindyn:data'), 'ydata'), R.nuclear(2:end), 0);
%! assert (get (ax, 'position'), box2, 1e-12);
%! h3 = subplot (2, 1, 2);  box3 = get (h3, 'position');   % the same axes again
%! ax = plot_dynamics (R, 'panels', {'nuclear', 'excess_loss'});
%! assert (ishghandle (h1));  assert (~ ishghandle (h3));
%! pos = cell2mat (get (ax(:), 'position'));
%! % both panels inside the lower subplot's box, side by side
%! assert (all (pos(:,1) >= box3(1) - 1e-12) && all (pos(:,2) >= box3(2) - 1e-12));
%! assert (all (pos(:,1) + pos(:,3) <= box3(1) + box3(3) + 1e-12));
%! assert (all (pos(:,2) + pos(:,4) <= box3(2) + box3(4) + 1e-12));
%! assert (pos(1,1) + pos(1,3) < pos(2,1));
%! % a second call without 'axes' over plot_dynamics' own layout lays out the figure anew
%! clf (f);  ax1 = plot_dynamics (R);  ax = plot_dynamics (R);
%! assert (numel (ax), 3);  assert (~ any (ishghandle (ax1)));
%! assert (numel (findall (f, 'type', 'axes', 'tag', 'lindyn:panel')), 3);
%! % hold on keeps what the caller drew in the current axes
%! clf (f);  h = axes ();  plot (h, 1:3, 'tag', 'mine');  hold (h, 'on');
%! plot_dynamics (R, 'panels', {'fro2'});
%! assert (numel (findobj (h, 'tag', 'mine')), 1);
%! assert (numel (findobj (h, 'tag', 'lindyn:data')), 1);
%! close (f);

%!error <Invalid call> plot_dynamics ()
%!error <Invalid call> plot_dynamics (struct ('t', 1), 'panels')
%!error id=lindyn:plot_dynamics:R plot_dynamics (1)
%!error id=lindyn:plot_dynamics:R plot_dynamics (struct ('x', 1))
%!error id=lindyn:plot_dynamics:R plot_dynamics (struct ('t', 1:3), 'panels', {'err'})
%!error id=lindyn:plot_dynamics:R plot_dynamics (struct ('t', 1:3, 'nuclear', 1:2), 'panels', {'nuclear'})
%!error id=lindyn:plot_dynamics:panels plot_dynamics (R, 'panels', {'loss'})
%!error id=lindyn:plot_dynamics:sigma plot_dynamics (R, 'sigma', [1 -1])
%!error id=lindyn:plot_dynamics:lambda plot_dynamics (R, 'sigma', [1 2], 'lambda', [1 2 3])
%!error id=lindyn:plot_dynamics:eta plot_dynamics (R, 'eta', 0)
%!error id=lindyn:plot_dynamics:xscale plot_dynamics (R, 'xscale', 'loglog')
%!error id=lindyn:plot_dynamics:axes plot_dynamics (R, 'axes', -5)
%!error id=lindyn:plot_dynamics:option plot_dynamics (R, 'colour', 'r')

%!demo
%! % A two-layer staircase from a plain loop of eq. 5 (gd_deep computes the same, faster)
%! sigma = [1 0.3 0.1];  eta = 0.2;  delta = 6;
%! Sx = eye (3);  Sxy = diag (sigma);
%! W1 = exp (-delta) * eye (3);  W2 = W1;
%! rec = unique ([0, round(logspace (0, 3.5, 80))]);
%! R = struct ('t', rec, 'nuclear', [], 'excess_loss', [], 'sv', []);
%! for it = 0:rec(end)
%!   if (any (rec == it))
%!     W = W1 * W2;  s = svd (W);
%!     R.nuclear(end+1) = sum (s);  R.sv(:, end+1) = s;
%!     R.excess_loss(end+1) = norm (W - Sxy, 'fro') ^ 2 / 2;
%!   end
%!   G = W1 * W2 - Sxy;
%!   [W1, W2] = deal (W1 - eta * G * W2', W2 - eta * W1' * G);
%! end
%! plot_dynamics (R, 'sigma', sigma, 'delta', delta, 'eta', eta, 'label', 'L = 2');
