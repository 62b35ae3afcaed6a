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
% @qcode{'sv'}, @qcode{'fro2'} (squared Frobenius norm) and @qcode{'err'} (distance to
% the target).  Default @code{@{'nuclear', 'excess_loss', 'sv'@}}.
% @item @qcode{'axes'}
% Axes handles to draw into (one per panel), keeping what is there.  Default: new
% panels side by side in the current figure.
% @item @qcode{'label'}, @qcode{'color'}, @qcode{'style'}
% Legend entry, colour (a name or an RGB triple) and line style (e.g. @qcode{'-'},
% @qcode{'--'}, @qcode{'o'}) of this trajectory.
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
              'normalize', 1, 'xscale', 'log');
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
        known = {'nuclear', 'excess_loss', 'sv', 'fro2', 'err'};
        if (~ iscellstr (v) || isempty (v) || ~ all (ismember (v, known)))
          error ('lindyn:plot_dynamics:panels', ...
                 'plot_dynamics: panels must be a cell array of names from nuclear, excess_loss, sv, fro2, err');
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
      case {'sigma', 'lambda', 'transitions'}
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
    clf ();
    ax = zeros (1, np);
    for k = 1:np
      ax(k) = subplot (1, np, k);
    end
  else
    ax = o.axes(:)';
  end

  for k = 1:np
    name = panels{k};
    y = double (R.(name));
    if (strcmp (name, 'sv'))
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
    logy = any (strcmp (name, {'excess_loss', 'err', 'sv'}));
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
    end
    if (logy)
      y(y <= 0) = NaN;
    end
    a = ax(k);
    hold (a, 'on');
    h = plot (a, t(show), y(show, :), o.style);
    set (h, 'tag', 'lindyn:data');
    if (~ isempty (o.color))
      set (h, 'color', o.color);
    end
    if (~ isempty (o.label))
      set (h(1), 'displayname', o.label);
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
    xlabel (a, o.xlabel);
    ylabel (a, ylab);
    box (a, 'on');
  end
  if (~ isempty (o.label))
    legend (ax(1), 'show');
    legend (ax(1), 'location', 'northwest');
  end
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
