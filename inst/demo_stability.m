function S = demo_stability (outdir, varargin)
% -*- texinfo -*-
% @deftypefn  {} {} demo_stability ()
% @deftypefnx {} {} demo_stability (@var{outdir})
% @deftypefnx {} {@var{S} =} demo_stability (@var{outdir}, @var{name}, @var{value}, @dots{})
% Sharpness along gradient descent for several step sizes, and the orbits of the
% discrete mode map against @code{eta*sigma}: where gradient descent on a deep linear
% network stops settling, oscillates, period-doubles and diverges.
%
% @strong{Sharpness against iteration.}  Problem: @code{Sx = diag ([100 1 1])},
% @code{Sxy = [0 0; 1 0; 0 .5]}, start @code{random_init ([3 3 2], 1e-4, "seed", 1)}
% (L = 2; option @qcode{"depth"}).  @code{gd_deep} with option @qcode{"sharpness"}
% records the largest Hessian eigenvalue (@code{sharpness}) every few iterations, for
% each step size; @code{2/eta} is drawn dashed.  @code{stepsize_check} puts the bound at
% 0.02: the balanced minimum has sharpness 100, from the direction e1 in W1 (variance
% 100, no correlation with the outputs).  What it shows (default settings): the
% sharpness grows from 1.0 to 100 while the first mode is learned (progressive
% sharpening, Cohen et al. 2021); below the bound it stays at 100.  Above it
% (@code{eta} = 0.025, 0.035) the sharpness overshoots 2/eta for some tens of
% iterations, the loss rises (the catapult), and gradient descent then settles at a
% flatter, unbalanced minimum with sharpness just below @code{2/eta} (78.1 for 80, 56.8
% for 57.1).  At @code{eta} = 0.035 it happens twice: after the first catapult the
% iterates approach a minimum of sharpness 58.2 > 2/eta, the loss falls to about 1e-17
% and then grows again geometrically (factor @code{|1 - eta*58.2|} = 1.04 per step) until
% a second catapult at iteration ~1400 takes them to sharpness 56.8.  This is a settling
% at the edge of stability, not the sustained oscillation at
% @code{2/eta} that Cohen et al. report for non-linear networks.  The printed table
% gives the measured numbers.
%
% @strong{The mode map.}  For L = 2, a mode of the aligned start evolves exactly by
% @code{w <- w (1 + eta (sigma - lambda w))^2} (eq. 22 corrected, @code{mode_gd}).  With
% @code{x = lambda w/sigma} and @code{a = eta sigma} it is
% @code{x <- g(x) = x (1 + a (1 - x))^2}, with @code{g'(x) = (1 + a(1-x)) (1 + a - 3 a x)}.
% The diagram shows the long-run orbit of x from @code{x0 = 1e-3} for each a.
% Analytically: @code{g'(1) = 1 - 2a}, so for @code{a <= 1/2} the map is increasing on
% [0, 1] and the mode grows monotonically to @code{sigma/lambda} (Cor. 3's condition
% (1)); for @code{1/2 < a < 1} it converges with oscillation; at @code{a = 1}
% (@code{|g'(1)| = 1}: the stability bound, sharpness @code{2 sigma} = @code{2/eta}) the
% fixed point gives way to a period-2 orbit.  The period doublings that follow are
% computed (Newton on @code{g^p(x) = x} and bisection on the orbit's multiplier
% @code{= -1}): 2 -> 4 at @code{a = 1.2360679775} (which is @code{sqrt (5) - 1} to the
% digits computed), 4 -> 8 at 1.2880318, 8 -> 16 at 1.2992279, 16 -> 32 at 1.3016289
% (gap ratios 4.64 and 4.66, Feigenbaum's 4.669), so chaos from about 1.3023.  Divergence:
% the other fixed point is @code{x2 = 1 + 2/a} (where the factor is -1), repelling, and
% every point above it escapes; the local maximum of g is
% @code{g((1+a)/(3a)) = 4 (1+a)^3/(27 a)}, and @code{4 (1+a)^3 - 27 (a+2) =
% (a - 2) (2a + 5)^2}, so [0, x2] maps into itself exactly when @code{a <= 2}: the mode
% stays bounded for @code{eta sigma <= 2} and escapes beyond (a boundary crisis).
%
% With @var{outdir} (a folder, created if needed) the demo writes
% @file{stability.png}, @file{stability_sharpness.csv} (iteration, then for each step
% size the sharpness and the excess loss), @file{stability_bifurcation.csv} (a, x: the
% kept orbit points, NaN after divergence) and @file{stability_thresholds.csv}.
%
% Options (name, value): @qcode{'etas'} (default @code{[0.01 0.019 0.025 0.035]}),
% @qcode{'iters'} (default 3000), @qcode{'every'} (record spacing, default 5),
% @qcode{'depth'} (default 2), @qcode{'points'} (values of a, default 1100),
% @qcode{'plot'} (default true).
%
% @var{S} has fields @code{etas}, @code{bound} (stepsize_check's), @code{t},
% @code{sharpness} and @code{excess} (one row per step size), @code{summary} (a struct
% array: final and largest sharpness, iteration of the largest, loss increases, whether
% it converged), @code{a}, @code{orbit} (points-by-kept), @code{thresholds} (a struct:
% @code{monotone}, @code{period2}, @code{period4}, @code{period8}, @code{period16},
% @code{period32}, @code{chaos}, @code{diverge}).
%
% Example:
% @c runnable
% @example
% @group
% S = demo_stability (tempdir ());    % stability.png and three CSV files
% S.thresholds.period4                % 1.2360679775 = sqrt(5) - 1
% @end group
% @end example
% @seealso{sharpness, stepsize_check, gd_deep, mode_gd, demo_figure1}
% @end deftypefn

  if (nargin < 1)
    outdir = '';
  end
  if (mod (numel (varargin), 2) ~= 0)
    ld_usage ('demo_stability');
  end
  fn = 'demo_stability';
  ld_outdir (fn, outdir);
  o = struct ('etas', [0.01 0.019 0.025 0.035], 'iters', 3000, 'every', 5, 'depth', 2, ...
              'points', 1100, 'plot', true);
  [o, given] = ld_name_value (fn, o, varargin);
  for k = 1:numel (given)
    name = given{k};
    v = o.(name);
    switch (name)
      case 'etas'
        v = ld_matrix (fn, name, v, 'vector', 'nonempty', 'finite', 'positive');
        v = v(:)';
      case {'iters', 'every', 'depth'}
        v = ld_matrix (fn, name, v, 'scalar', 'integer', 'positive');
      case 'points'
        v = ld_matrix (fn, name, v, 'scalar', 'integer', 'positive');
        if (v < 10)
          error ('lindyn:demo_stability:points', 'demo_stability: points must be at least 10');
        end
      case 'plot'
        v = ld_logical (fn, name, v);
    end
    o.(name) = v;
  end

  % ---- sharpness along gradient descent --------------------------------------------
  Sx = diag ([100 1 1]);  Sxy = [0 0; 1 0; 0 .5];
  L = o.depth;  dims = [3, 3 * ones(1, L - 1), 2];
  [~, bound] = stepsize_check (Sx, Sxy, [], 'depth', L, 'widths', dims(2:end-1));
  W0 = random_init (dims, 1e-4, 'seed', 1);
  rec = 0:o.every:o.iters;
  if (rec(end) ~= o.iters)
    rec(end+1) = o.iters;
  end
  ne = numel (o.etas);
  S = struct ('etas', o.etas, 'bound', bound, 'depth', L, 't', rec);
  S.sharpness = NaN (ne, numel (rec));
  S.excess = NaN (ne, numel (rec));
  summ = struct ('eta', {}, 'final', {}, 'largest', {}, 'at', {}, 'increases', {}, ...
                 'converged', {}, 'diverged', {});
  old = warning ('off', 'lindyn:gd:diverged');
  restore = onCleanup (@() warning (old));
  for i = 1:ne
    R = gd_deep (Sx, Sxy, o.etas(i), o.iters, W0, 'record', rec, 'sharpness', true, ...
                 'sv', 0, 'nuclear', false, 'verbose', false);
    m = numel (R.t);
    S.sharpness(i, 1:m) = R.sharpness;
    S.excess(i, 1:m) = R.excess_loss;
    [big, at] = max (R.sharpness);
    summ(i).eta = o.etas(i);
    summ(i).final = R.sharpness(end);
    summ(i).largest = big;
    summ(i).at = R.t(at);
    summ(i).increases = sum (diff (R.excess_loss) > 0);
    summ(i).diverged = R.diverged;
    summ(i).converged = ~ R.diverged && R.excess_loss(end) < 1e-20;
  end
  S.summary = summ;

  % ---- the mode map x <- x (1 + a (1 - x))^2 ------------------------------------------
  a = linspace (0, 2.1, o.points);
  keep = 64;  transient = 3000;
  S.a = a;
  S.orbit = NaN (numel (a), keep);
  x = 1e-3 * ones (size (a));            % all values of a at once
  for n = 1:transient + keep
    x = x .* (1 + a .* (1 - x)).^2;
    x(~ isfinite (x) | x > 1e6) = Inf;   % escaped: stays escaped
    if (n > transient)
      S.orbit(:, n - transient) = x(:);
    end
  end
  S.orbit(~ isfinite (S.orbit)) = NaN;
  S.thresholds = mode_map_thresholds ();

  % ---- summary ---------------------------------------------------------------------
  fprintf ('Stability: Sx = diag(100,1,1), Sxy = [0 0; 1 0; 0 .5], L = %d, random_init 1e-4\n', L);
  fprintf ('  stepsize_check: eta < %.4g (2/sharpness at the balanced minimum)\n', bound);
  fprintf ('    eta    2/eta  sharpness: final  largest (at it.)  loss increases  outcome\n');
  for i = 1:ne
    s = summ(i);
    if (s.diverged)
      what = 'diverged';
    elseif (s.converged)
      what = 'converged';
    else
      what = 'not converged';
    end
    fprintf ('  %6.4f  %6.2f  %15.2f  %7.2f (%5d)  %14d  %s\n', s.eta, 2 / s.eta, s.final, ...
             s.largest, s.at, s.increases, what);
  end
  th = S.thresholds;
  fprintf ('  mode map x <- x(1 + a(1-x))^2, a = eta*sigma: monotone for a <= %g, oscillating to a = %g,\n', ...
           th.monotone, th.period2);
  fprintf ('    period 4 at %.10f, 8 at %.7f, 16 at %.7f, 32 at %.7f, chaos from ~%.4f, divergence above %g\n', ...
           th.period4, th.period8, th.period16, th.period32, th.chaos, th.diverge);

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

function th = mode_map_thresholds ()
  % analytic: monotone up to 1/2, period 2 from 1, bounded up to 2; numerical: the
  % period doublings, by Newton on g^p(x) = x continued in a and bisection on the
  % multiplier prod g'(x_i) = -1
  th.monotone = 0.5;
  th.period2 = 1;
  th.diverge = 2;
  a = 1.001;  x = attractor (a);
  names = {'period4', 'period8', 'period16', 'period32'};
  found = [1, zeros(1, 4)];
  for q = 1:4
    p = 2 ^ q;
    [x, mu] = orbit (a, p, x);
    step = 2e-3 / 4 ^ (q - 1);           % the windows shrink ~4.7 times per doubling
    while (mu > -1)
      a = a + step;
      [x, mu] = orbit (a, p, x);
    end
    lo = a - step;  hi = a;
    for it = 1:50
      mid = (lo + hi) / 2;
      [~, mu] = orbit (mid, p, x);
      if (mu > -1), lo = mid;  else, hi = mid;  end
    end
    found(q + 1) = (lo + hi) / 2;
    th.(names{q}) = found(q + 1);
    % restart inside the next window, from the attracting orbit
    a = found(q + 1) + 0.1 * (found(q + 1) - found(q));
    x = attractor (a);
  end
  % Feigenbaum: the gaps shrink by delta = 4.669..., so they sum to the last gap / (delta - 1)
  th.chaos = found(end) + (found(end) - found(end-1)) / (4.669201609 - 1);
end

function x = attractor (a)
  x = 0.3;
  for n = 1:20000
    x = x * (1 + a * (1 - x))^2;
  end
end

function [x, mu] = orbit (a, p, x)
  for it = 1:100
    y = x;  d = 1;
    for i = 1:p
      d = d * (1 + a * (1 - y)) * (1 + a - 3 * a * y);
      y = y * (1 + a * (1 - y))^2;
    end
    dx = (y - x) / (d - 1);
    x = x - dx;
    if (abs (dx) < 1e-15)
      break;
    end
  end
  y = x;  mu = 1;
  for i = 1:p
    mu = mu * (1 + a * (1 - y)) * (1 + a - 3 * a * y);
    y = y * (1 + a * (1 - y))^2;
  end
end

function draw (S)
  fig = gcf ();
  clf (fig);
  set (fig, 'position', [50 50 1150 820]);
  ne = numel (S.etas);
  col = [0 0.45 0.74; 0.47 0.67 0.19; 0.85 0.33 0.1; 0.49 0.18 0.56; 0.3 0.3 0.3];
  col = col(1 + mod (0:ne-1, size (col, 1)), :);
  ax = subplot (2, 2, 1);
  hold (ax, 'on');
  for i = 1:ne
    h = plot (ax, S.t, S.sharpness(i, :), 'color', col(i, :), 'linewidth', 1.5);
    set (h, 'displayname', sprintf ('\\eta = %g', S.etas(i)));
    plot (ax, S.t([1 end]), 2 / S.etas(i) * [1 1], '--', 'color', col(i, :), ...
          'handlevisibility', 'off');
  end
  xlabel (ax, 'iteration');
  ylabel (ax, 'sharpness (largest Hessian eigenvalue)');
  title (ax, sprintf ('sharpness along GD, L = %d (dashed: 2/\\eta; balanced-minimum bound \\eta < %g)', ...
                      S.depth, S.bound));
  top = max (S.sharpness(isfinite (S.sharpness)));
  inv = 2 ./ S.etas;
  top = min (max ([top, inv(inv < 2 * top)]), 4 * max (inv));
  ylim (ax, [0, 1.1 * top]);
  legend (ax, 'show');  legend (ax, 'location', 'northeast');  box (ax, 'on');

  ax = subplot (2, 2, 2);
  hold (ax, 'on');
  for i = 1:ne
    e = S.excess(i, :);
    e(e <= 0) = NaN;
    h = plot (ax, S.t, log10 (e), 'color', col(i, :), 'linewidth', 1.5);
    set (h, 'displayname', sprintf ('\\eta = %g', S.etas(i)));
  end
  ylim (ax, [-32, 1]);
  xlabel (ax, 'iteration');
  ylabel (ax, 'log_{10} excess loss');
  title (ax, 'loss: non-monotone above the bound (the catapult), then converged');
  legend (ax, 'show');  legend (ax, 'location', 'southwest');  box (ax, 'on');

  th = S.thresholds;
  for panel = 1:2
    ax = subplot (2, 2, 2 + panel);
    hold (ax, 'on');
    A = repmat (S.a(:), 1, size (S.orbit, 2));
    if (panel == 1)
      sel = true (size (S.a));
      xl = [0, 2.1];
    else
      sel = S.a >= 0.9 & S.a <= 1.4;
      xl = [0.9, 1.4];
    end
    As = A(sel, :);  Xs = S.orbit(sel, :);
    plot (ax, As(:), Xs(:), '.', 'color', [0 0.2 0.5], 'markersize', 1);
    lines = [th.monotone, th.period2, th.period4, th.period8, th.chaos, th.diverge];
    if (panel == 1)
      labels = {'1/2', '1', '', '', '', '2'};
    else
      labels = {'', '1', 'sqrt(5)-1', '', 'chaos', ''};
    end
    for q = 1:numel (lines)
      if (lines(q) >= xl(1) && lines(q) <= xl(2))
        plot (ax, lines(q) * [1 1], [0 3.2], ':', 'color', [0.7 0.1 0.1]);
        if (~ isempty (labels{q}))
          text (ax, lines(q), 3.05, [' ', labels{q}], 'color', [0.7 0.1 0.1], 'fontsize', 9);
        end
      end
    end
    xlim (ax, xl);  ylim (ax, [0 3.2]);
    xlabel (ax, 'a = \eta \sigma');
    ylabel (ax, 'long-run x = \lambda w / \sigma');
    if (panel == 1)
      title (ax, 'mode map x <- x (1 + a(1-x))^2: monotone, oscillating, period 2, ..., escape at a = 2');
    else
      title (ax, 'period doubling: 2 at a = 1, 4 at sqrt(5) - 1, 8 at 1.2880, chaos from about 1.302');
    end
    box (ax, 'on');
  end
end

function write_outputs (S, outdir, png)
  ld_outdir ('demo_stability', outdir, true);
  head = {'iteration'};
  cols = S.t(:);
  for i = 1:numel (S.etas)
    head = [head, {sprintf('sharpness_eta%g', S.etas(i)), sprintf('excess_eta%g', S.etas(i))}];
    cols = [cols, S.sharpness(i, :)', S.excess(i, :)'];
  end
  ld_write_csv (fullfile (outdir, 'stability_sharpness.csv'), head, cols);
  A = repmat (S.a(:), 1, size (S.orbit, 2))';
  X = S.orbit';
  ld_write_csv (fullfile (outdir, 'stability_bifurcation.csv'), {'a', 'x'}, [A(:), X(:)]);
  th = S.thresholds;
  names = {'monotone', 'period2', 'period4', 'period8', 'period16', 'period32', 'chaos', 'diverge'};
  vals = cellfun (@(n) th.(n), names);
  ld_write_csv (fullfile (outdir, 'stability_thresholds.csv'), names, vals);
  if (png)
    print (gcf (), '-dpng', '-r80', fullfile (outdir, 'stability.png'));
  end
end

%!test
%! % the thresholds of the mode map against independent computations: the period-2
%! % orbit at a = 1.1 by plain iteration (g(g(x)) = x, g(x) ~= x), the
%! % period-doubling value sqrt(5) - 1, and the escape: bounded at a = 1.99 for 2e4
%! % steps from several starts in (0, 1 + 2/a), diverging at a = 2.05
%! S = demo_stability ('', 'plot', false, 'etas', 0.01, 'iters', 30, 'points', 40);
%! th = S.thresholds;
%! assert (th.period4, sqrt (5) - 1, 1e-9);
%! assert (th.period8 > th.period4 && th.period16 > th.period8 && th.period32 > th.period16);
%! r = (th.period8 - th.period4) / (th.period16 - th.period8);
%! assert (abs (r - 4.669) < 0.1);        % Feigenbaum's constant, two doublings in
%! g = @(x, a) x .* (1 + a * (1 - x)).^2;
%! a = 1.1;  x = 0.3;
%! for n = 1:2e4, x = g (x, a);  end      % the attracting 2-cycle, by plain iteration
%! assert (abs (g (g (x, a), a) - x) < 1e-12 && abs (g (x, a) - x) > 0.1);
%! for x0 = [1e-3 0.5 1.5 1.9]
%!   x = x0;  for n = 1:2e4, x = g (x, 1.99);  end
%!   assert (x <= 1 + 2 / 1.99);
%! end
%! x = 1e-3;  n = 0;
%! while (x < 1e6 && n < 1e5), x = g (x, 2.05);  n = n + 1;  end
%! assert (x >= 1e6);
%! % below a = 1/2 the diagram's orbit sits at the fixed point 1
%! assert (all (abs (S.orbit(S.a > 0.05 & S.a <= 0.5, :)(:) - 1) < 1e-9));

%!test
%! % gradient descent: converged runs end with sharpness <= 2/eta; below the bound the
%! % sharpness ends at the balanced minimum's 100 (which eig of the 15 x 15 Hessian by
%! % complex steps gives independently in sharpness.m's tests)
%! S = demo_stability ('', 'plot', false, 'etas', [0.015 0.03], 'iters', 2500, ...
%!                     'every', 50, 'points', 20);
%! assert (S.bound, 0.02, 1e-12);
%! for i = 1:2
%!   s = S.summary(i);
%!   assert (s.converged);
%!   assert (s.final <= 2 / s.eta * (1 + 1e-6));
%! end
%! assert (S.summary(1).final, 100, 0.05);
%! assert (S.summary(2).final < 0.9 * 100);        % flatter than the balanced minimum

%!test
%! % the CSV files hold the returned numbers
%! d = tempname ();
%! S = demo_stability (d, 'plot', false, 'etas', [0.01 0.03], 'iters', 40, 'every', 10, ...
%!                     'points', 12);
%! C = dlmread (fullfile (d, 'stability_sharpness.csv'), ',', 1, 0);
%! assert (C(:, 1)', S.t);
%! assert (C(:, 2:5)', [S.sharpness(1, :); S.excess(1, :); S.sharpness(2, :); S.excess(2, :)]);
%! B = dlmread (fullfile (d, 'stability_bifurcation.csv'), ',', 1, 0);
%! assert (rows (B), numel (S.orbit));
%! T = dlmread (fullfile (d, 'stability_thresholds.csv'), ',', 1, 0);
%! assert (T(3), S.thresholds.period4);
%! confirm_recursive_rmdir (false, 'local');
%! rmdir (d, 's');

%!error <Invalid call> demo_stability ('', 'etas')
%!error id=lindyn:demo_stability:outdir demo_stability (3)
%!error id=lindyn:demo_stability:etas demo_stability ('', 'etas', -1)
%!error id=lindyn:demo_stability:iters demo_stability ('', 'iters', 0)
%!error id=lindyn:demo_stability:every demo_stability ('', 'every', 1.5)
%!error id=lindyn:demo_stability:depth demo_stability ('', 'depth', 0)
%!error id=lindyn:demo_stability:points demo_stability ('', 'points', 3)
%!error id=lindyn:demo_stability:plot demo_stability ('', 'plot', 'yes')
%!error id=lindyn:demo_stability:option demo_stability ('', 'bogus', 1)

%!demo
%! demo_stability ();
