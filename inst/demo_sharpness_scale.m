function S = demo_sharpness_scale (outdir, varargin)
% -*- texinfo -*-
% @deftypefn  {} {} demo_sharpness_scale ()
% @deftypefnx {} {} demo_sharpness_scale (@var{outdir})
% @deftypefnx {} {@var{S} =} demo_sharpness_scale (@var{outdir}, @var{name}, @var{value}, @dots{})
% Marion & Chizat (NeurIPS 2024, "Deep linear networks for regression are implicitly
% regularized towards flat minima")'s linear experiment: the sharpness of a deep linear
% network before and after gradient descent, against the scale of its Gaussian start,
% for five step sizes, and how often gradient descent diverges.
%
% Their protocol (PierreMarion23/implicit-reg-sharpness, @file{run_experiment.py},
% @file{utils.py}, @file{mlp.py}): n = 50 samples, d = 5, @code{X = randn (n, d)},
% @code{y = X*w_true + noise} (w_true and the noise standard normal), the least-squares
% @code{w* = pinv (X'*X)*X'*y}, and X, y rescaled so that @code{norm (w*) = 1} (y and w*
% divided by the old norm of w*).  The network has L = 10 layers, nine 5-by-5 and a
% 1-by-5 one in their convention (@code{yhat = W_L*...*W_1*x}); in lindyn's,
% @code{W = W1*...*WL} with W1, ..., W9 5-by-5 and W10 5-by-1 (the transposes, which have
% the same Gaussian law).  Every factor's entries are @code{scale*randn} for the ten
% scales @code{linspace (0.25, 0.6, 10)}; steps 0.005, 0.02, 0.07, 0.1 and 0.2 run for
% 40000, 10000, 4000, 4000 and 2000 iterations, with 20, 20, 20, 20 and 80 repetitions
% (option @qcode{"reps"}: here 2 by default, @qcode{"reps", "paper"} for theirs), the
% sharpness recorded every 5 steps as their code computes it (@code{gd_deep}'s
% @qcode{"sharpness"} record, inside the C loop; only its last value enters the figure,
% as in their code; @qcode{"every", 0} records it at the start and the end only, the same
% figure).  Their whole protocol takes about 1.5 minutes on a 2-core machine.
%
% Units: their loss is @code{mean ((yhat - y).^2)}, twice lindyn's
% @code{1/(2n) norm (X*w - y)^2}.  Gradient descent with their step eta on their loss is
% @code{gd_deep} with step @code{2*eta} on lindyn's, and their sharpness (the top
% eigenvalue of their loss's Hessian) is twice lindyn's.  The demo runs lindyn with
% @code{2*eta} and reports and plots everything in their units: the steps
% @code{eta}, the sharpness @code{2*sharpness_lindyn}, the stability line @code{2/eta}, and
% their bounds on the sharpness of the minimisers reached, @code{2*L*w*'*S*w*} below and
% @code{8*L*lambda_max (S)} above (@code{S = X'*X/n}; the upper bound holds for the
% minimisers gradient flow reaches from the starts of their theorem, the lower for every
% minimiser).  Their sharpness is 20 power iterations (the largest eigenvalue in
% magnitude); lindyn's is Lanczos to 1e-10 (the largest eigenvalue).  A run diverges in
% lindyn when its loss exceeds 1e12 times the larger of its loss at the start and at
% W = 0 (theirs: when the parameters become NaN); the probability of divergence is the
% fraction of runs that did, per step and scale.
%
% Top: the sharpness at the start (every run) and after training (the runs that did not
% diverge, steps below 0.09 as in their figure; the others are in the CSV file and in
% @var{S}) against the scale, mean and range over the repetitions, with the lines
% @code{2/eta} and the two bounds.  Bottom: the probability of divergence against the
% scale.
%
% Prints the table per step and scale (sharpness at the start, after training, the
% fraction of runs diverged, the fraction of finished runs whose final sharpness lies in
% [lower bound, min (2/eta, upper bound)] up to 1%) and the wall time.  With
% @var{outdir} writes @file{sharpness_scale.png} and @file{sharpness_scale.csv} (one row
% per run: step (theirs), iterations, repetition, scale, sharpness at the start and
% after training (theirs, NaN when diverged), final loss (theirs), diverged).
%
% Options: @qcode{"reps"} (a number, or @qcode{"paper"}: 20, 20, 20, 20, 80),
% @qcode{"scales"}, @qcode{"steps"} and @qcode{"iters"} (theirs by default, as above),
% @qcode{"every"} (the sharpness record's spacing, default 5; 0: the start and the end
% only), @qcode{"seed"} (default 0),
% @qcode{"plot"} (default true).
%
% @var{S} has fields @code{X}, @code{y}, @code{wstar}, @code{lower}, @code{upper} (the
% bounds, their units), @code{runs} (the CSV's columns), @code{starts} and @code{finals}
% (the factors of each run at the start and at the end, in lindyn's convention),
% @code{seconds} (wall time of the runs).
%
% Example (one repetition, three scales, two short steps):
% @c runnable
% @example
% @group
% S = demo_sharpness_scale ('', 'reps', 1, 'scales', [0.25 0.4 0.55], ...
%                           'steps', [0.02 0.07], 'iters', [2000 1000], 'every', 0, ...
%                           'plot', false);
% S.runs(:, [1 4 5 6 8])   % step, scale, sharpness at start and end, diverged
% @end group
% @end example
% @seealso{gd_deep, sharpness, stepsize_check, demo_stability}
% @end deftypefn

  if (nargin < 1)
    outdir = '';
  end
  if (mod (numel (varargin), 2) ~= 0)
    ld_usage ('demo_sharpness_scale');
  end
  fn = 'demo_sharpness_scale';
  ld_outdir (fn, outdir);
  o = struct ('reps', 2, 'scales', linspace (0.25, 0.6, 10), ...
              'steps', [0.005 0.02 0.07 0.1 0.2], 'iters', [40000 10000 4000 4000 2000], ...
              'every', 5, 'seed', 0, 'plot', true);
  [o, given] = ld_name_value (fn, o, varargin);
  for k = 1:numel (given)
    name = given{k};
    v = o.(name);
    switch (name)
      case 'reps'
        if (ischar (v) && strcmp (v, 'paper'))
          v = 'paper';
        else
          v = ld_matrix (fn, name, v, 'scalar', 'integer', 'positive');
          if (v > 1000)
            error ('lindyn:demo_sharpness_scale:reps', 'demo_sharpness_scale: reps must be at most 1000');
          end
        end
      case 'scales'
        v = ld_matrix (fn, name, v, 'vector', 'nonempty', 'finite', 'positive');
        if (any (v > 10))
          error ('lindyn:demo_sharpness_scale:scales', 'demo_sharpness_scale: scales must be at most 10');
        end
        v = v(:)';
      case 'steps'
        v = ld_matrix (fn, name, v, 'vector', 'nonempty', 'finite', 'positive');
        v = v(:)';
      case 'iters'
        v = ld_matrix (fn, name, v, 'vector', 'nonempty', 'integer', 'positive');
        if (any (v > 1e7))
          error ('lindyn:demo_sharpness_scale:iters', 'demo_sharpness_scale: iters must be at most 1e7');
        end
        v = v(:)';
      case 'every'
        v = ld_matrix (fn, name, v, 'scalar', 'integer', 'nonnegative');
      case 'seed'
        v = ld_matrix (fn, name, v, 'scalar', 'integer', 'nonnegative');
      case 'plot'
        v = ld_logical (fn, name, v);
    end
    o.(name) = v;
  end
  if (numel (o.iters) ~= numel (o.steps))
    error ('lindyn:demo_sharpness_scale:iters', ...
           'demo_sharpness_scale: iters must have one entry per step (%d)', numel (o.steps));
  end
  if (ischar (o.reps))
    reps = 20 * ones (size (o.steps));
    reps(o.steps == 0.2) = 80;
  else
    reps = o.reps * ones (size (o.steps));
  end

  n = 50;  d = 5;  L = 10;
  [X, y, wstar] = problem (o.seed, n, d);
  [Sx, Sxy] = second_moments (X, y);
  S = struct ('X', X, 'y', y, 'wstar', wstar, 'L', L, 'scales', o.scales, 'steps', o.steps);
  S.lower = 2 * L * (wstar' * Sx * wstar);
  S.upper = 8 * L * max (eig (Sx));
  fprintf (['Sharpness against the scale of the start (Marion & Chizat): n = %d, d = %d, L = %d; ', ...
            'bounds (their units) %.4g <= sharpness <= %.4g\n'], n, d, L, S.lower, S.upper);
  state = warning ('off', 'lindyn:gd:diverged');   % divergence is counted, not warned of
  restore = onCleanup (@() warning (state));

  % every (scale, repetition) of a step size in one call: K trajectories, one start each
  S.runs = zeros (0, 8);  S.starts = {};  S.finals = {};
  clock = tic ();
  for i = 1:numel (o.steps)
    eta = o.steps(i);  T = o.iters(i);
    ns = numel (o.scales);  K = ns * reps(i);
    starts = cell (1, K);  sc = zeros (1, K);  rp = zeros (1, K);
    for r = 1:reps(i)
      for j = 1:ns
        q = (r - 1) * ns + j;
        starts{q} = gaussian_start (o.seed, i, r, j, d, L, o.scales(j));
        sc(q) = o.scales(j);  rp(q) = r;
      end
    end
    if (o.every > 0)
      rec = unique ([0:o.every:T, T]);
    else
      rec = [0 T];
    end
    R = gd_deep (Sx, Sxy, 2 * eta * ones (1, K), T, starts, 'record', rec, 'sharpness', true, ...
                 'sv', 0, 'nuclear', false, 'effective_rank', false, 'verbose', false);
    for q = 1:K
      s_end = NaN;  loss_end = NaN;
      if (~ R(q).diverged)
        s_end = 2 * R(q).sharpness(end);
        loss_end = 2 * plain_loss (X, y, R(q).W);
      end
      S.runs(end+1,:) = [eta, T, rp(q), sc(q), 2 * R(q).sharpness(1), s_end, loss_end, ...
                         R(q).diverged];
      S.starts{end+1} = starts{q};  S.finals{end+1} = R(q).factors;
    end
    fprintf ('  step %g: %d runs of %d iterations (%.1f s so far)\n', eta, K, T, toc (clock));
  end
  S.seconds = toc (clock);
  report (S, o);
  if (o.plot)
    draw (S);
  end
  if (~ isempty (outdir))
    ld_outdir (fn, outdir, true);
    ld_write_csv (fullfile (outdir, 'sharpness_scale.csv'), ...
                  {'step', 'iterations', 'repetition', 'scale', 'sharpness_start', ...
                   'sharpness_end', 'loss_end', 'diverged'}, S.runs);
    if (o.plot)
      print (gcf (), '-dpng', '-r80', fullfile (outdir, 'sharpness_scale.png'));
    end
  end
  if (nargout == 0)
    clear S;
  end
end

function [X, y, wstar] = problem (seed, n, d)
  % their generate_data (noise 1), from the seed (the caller's stream is restored)
  old = rng ();
  rng (seed + 3000);
  restore = onCleanup (@() rng (old));
  X = randn (n, d);
  wtrue = randn (d, 1);
  y = X * wtrue + randn (n, 1);
  wstar = pinv (X' * X) * X' * y;
  c = norm (wstar);
  wstar = wstar / c;  y = y / c;
end

function W = gaussian_start (seed, i, r, j, d, L, scale)
  % nine d-by-d factors and a d-by-1 one, entries scale * randn, a stream per (step,
  % repetition, scale) so that any subset of the protocol draws the same starts
  old = rng ();
  rng (seed + 1e4 * i + 100 * r + j);
  restore = onCleanup (@() rng (old));
  W = cell (1, L);
  for l = 1:L - 1
    W{l} = scale * randn (d, d);
  end
  W{L} = scale * randn (d, 1);
end

function f = plain_loss (X, y, w)
  f = sum ((X * w - y) .^ 2) / (2 * size (X, 1));
end

function report (S, o)
  M = S.runs;
  fmin = mean ((S.X * S.wstar - S.y) .^ 2);        % their loss at its minimum
  fprintf (['  step    scale   sharpness: start      end (mean [min, max])        diverged   ', ...
            'end in [lower, min(2/eta, upper)]   excess loss at the end (mean)\n']);
  for eta = o.steps
    for sc = o.scales
      T = M(M(:,1) == eta & abs (M(:,4) - sc) < 1e-12, :);
      ok = T(:,8) == 0;
      line = sprintf ('  %-6g  %.3f   %9.4g', eta, sc, mean (T(:,5)));
      if (any (ok))
        e = T(ok,6);
        inside = e >= S.lower * 0.99 & e <= min (2 / eta, S.upper) * 1.01;
        line = [line, sprintf('   %9.4g [%.4g, %.4g]   %4.2f       %d of %d          %.2g', ...
                              mean (e), min (e), max (e), mean (~ ok), sum (inside), numel (e), ...
                              mean (T(ok,7)) - fmin)];
      else
        line = [line, sprintf('   %9s                          %4.2f', '-', 1)];
      end
      fprintf ('%s\n', line);
    end
  end
  fin = M(:,8) == 0;
  e = M(fin,6);  lim = min (2 ./ M(fin,1), S.upper);
  fprintf ('  finished runs whose final sharpness lies in [%.4g, min(2/eta, %.4g)] (1%%): %d of %d\n', ...
           S.lower, S.upper, sum (e >= 0.99 * S.lower & e <= 1.01 * lim), sum (fin));
  fprintf ('  wall time of the runs: %.1f s\n', S.seconds);
end

function draw (S)
  fig = gcf ();
  clf (fig);
  set (fig, 'position', [50 50 800 900]);
  M = S.runs;
  % a "flare"-like palette, light to dark, one colour per step
  pal = [0.929 0.608 0.447; 0.890 0.427 0.404; 0.776 0.294 0.443; 0.573 0.216 0.459; ...
         0.369 0.161 0.400];
  steps = unique (M(:,1))';  sc = unique (M(:,4))';
  xl = [min(sc) - 0.01, max(sc) + 0.01];

  ax = subplot (2, 1, 1);
  hold (ax, 'on');
  [m, lo, hi] = stats (M(:,5), M(:,4), sc);
  h = plot (ax, sc, m, '-', 'color', [0.2 0.4 0.7], 'linewidth', 2);
  set (h, 'displayname', 'initialization');
  bars (ax, sc, lo, hi, [0.2 0.4 0.7]);
  for k = 1:numel (steps)
    c = pal(min (k, 5), :);
    if (steps(k) < 0.09)
      sel = M(:,1) == steps(k) & M(:,8) == 0;
      [m, lo, hi] = stats (M(sel,6), M(sel,4), sc);
      h = plot (ax, sc, m, '-o', 'color', c, 'linewidth', 1.5, 'markerfacecolor', c);
      set (h, 'displayname', sprintf ('after training, l. rate %g', steps(k)));
      bars (ax, sc, lo, hi, c);
    end
    plot (ax, xl, 2 / steps(k) * [1 1], '--', 'color', c, 'handlevisibility', 'off');
    text (ax, xl(1) + 0.005, 2 / steps(k) * 1.15, sprintf ('2/\\eta = %.3g', 2 / steps(k)), ...
          'color', c, 'fontsize', 8);
  end
  h = plot (ax, xl, S.lower * [1 1], ':', 'color', 'k', 'linewidth', 1.5);
  set (h, 'displayname', sprintf ('2L w*''S w* = %.3g and 8L \\lambda_{max}(S) = %.3g', ...
                                  S.lower, S.upper));
  plot (ax, xl, S.upper * [1 1], ':', 'color', 'k', 'linewidth', 1.5, 'handlevisibility', 'off');
  set (ax, 'yscale', 'log');
  xlim (ax, xl);  ylim (ax, [0.1, 3e4]);
  xlabel (ax, 'scale of initialization');
  ylabel (ax, 'sharpness (their units: 2 x lindyn''s)');
  title (ax, sprintf (['deep linear regression, L = %d, d = 5, n = 50; dashed: 2/\\eta per ', ...
                       'step, dotted: the bounds'], S.L));
  legend (ax, 'show');  legend (ax, 'location', 'southeast');
  box (ax, 'on');  grid (ax, 'on');

  ax = subplot (2, 1, 2);
  hold (ax, 'on');
  for k = 1:numel (steps)
    c = pal(min (k, 5), :);
    sel = M(:,1) == steps(k);
    p = arrayfun (@(s) mean (M(sel & abs (M(:,4) - s) < 1e-12, 8)), sc);
    h = plot (ax, sc, p, '-o', 'color', c, 'linewidth', 1.5, 'markerfacecolor', c);
    set (h, 'displayname', sprintf ('l. rate %g', steps(k)));
  end
  xlim (ax, xl);  ylim (ax, [-0.02 1.02]);
  xlabel (ax, 'scale of initialization');  ylabel (ax, 'probability of divergence');
  legend (ax, 'show');  legend (ax, 'location', 'northwest');
  box (ax, 'on');  grid (ax, 'on');
end

function [m, lo, hi] = stats (v, x, xs)
  m = NaN (size (xs));  lo = m;  hi = m;
  for j = 1:numel (xs)
    w = v(abs (x - xs(j)) < 1e-12 & ~ isnan (v));
    if (~ isempty (w))
      m(j) = mean (w);  lo(j) = min (w);  hi(j) = max (w);
    end
  end
end

function bars (ax, x, lo, hi, c)
  for j = find (hi > lo)
    plot (ax, x(j) * [1 1], [lo(j) hi(j)], '-', 'color', c, 'handlevisibility', 'off');
  end
end

%!function [f, G] = their_loss (X, y, W)
%!  % their loss mean ((yhat - y).^2) and its gradient in every factor, in lindyn's
%!  % convention (W = W1*...*WL, yhat = X*W), by the chain rule in plain products
%!  L = numel (W);  n = size (X, 1);
%!  P = cell (1, L + 1);  P{1} = eye (size (X, 2));
%!  for l = 1:L, P{l+1} = P{l} * W{l};  end
%!  r = X * P{L+1} - y;  f = mean (r .^ 2);
%!  E = 2 * X' * r / n;  G = cell (1, L);  Q = eye (size (W{L}, 2));
%!  for l = L:-1:1
%!    G{l} = P{l}' * E * Q';  Q = W{l} * Q;
%!  end
%!endfunction

%!test
%! % the translation of units: their gradient descent (their loss, their step, a plain
%! % loop) is gd_deep with twice the step; their loss at the end is twice lindyn's
%! S = demo_sharpness_scale ('', 'reps', 1, 'scales', 0.3, 'steps', 0.02, 'iters', 50, ...
%!                           'every', 0, 'plot', false);
%! W = S.starts{1};
%! for k = 1:50
%!   [~, G] = their_loss (S.X, S.y, W);
%!   W = cellfun (@(w, g) w - 0.02 * g, W, G, 'UniformOutput', false);
%! end
%! % 50 steps through ten 5-by-5 products: rounding ~1e-14 relative
%! for l = 1:10
%!   assert (S.finals{1}{l}, W{l}, 1e-11 * max (1, norm (W{l}, 'fro')));
%! end
%! assert (S.runs(1, 7), their_loss (S.X, S.y, W), 1e-12);
%! % their data: |w*| = 1 after the rescaling, w* the least-squares solution
%! assert (norm (S.wstar), 1, 1e-14);
%! assert (S.wstar, S.X \ S.y, 1e-10);

%!test
%! % the sharpness (their units) against the Hessian of their loss by central differences
%! % of its gradient, at the start and at the end of a short run (230 parameters; the
%! % gradient is a polynomial of degree 19 in the step: h = 1e-5 leaves ~1e-8 relative)
%! S = demo_sharpness_scale ('', 'reps', 1, 'scales', 0.35, 'steps', 0.02, 'iters', 200, ...
%!                           'every', 0, 'plot', false);
%! for which = 1:2
%!   if (which == 1), W = S.starts{1};  s = S.runs(1, 5);  else, W = S.finals{1};  s = S.runs(1, 6);  end
%!   sz = cellfun (@numel, W);  off = [0 cumsum(sz)];  N = off(end);
%!   vec = @(G) cell2mat (cellfun (@(g) g(:), G(:), 'UniformOutput', false));
%!   unvec = @(v) arrayfun (@(l) reshape (v(off(l)+1:off(l+1)), size (W{l})), 1:10, 'UniformOutput', false);
%!   th = vec (W);  h = 1e-5;  H = zeros (N);
%!   for j = 1:N
%!     e = zeros (N, 1);  e(j) = h;
%!     [~, Gp] = their_loss (S.X, S.y, unvec (th + e));  [~, Gm] = their_loss (S.X, S.y, unvec (th - e));
%!     H(:,j) = (vec (Gp) - vec (Gm)) / (2 * h);
%!   end
%!   assert (s, max (eig ((H + H') / 2)), 1e-6 * s);
%! end

%!test
%! % the figure's claims on a small case: the sharpness at the start grows with the scale,
%! % and a finished run at a small step ends between the bounds and below 2/eta
%! S = demo_sharpness_scale ('', 'reps', 1, 'scales', [0.25 0.35 0.45], 'steps', 0.02, ...
%!                           'iters', 10000, 'every', 0, 'plot', false);
%! assert (all (diff (S.runs(:,5)) > 0));
%! fin = S.runs(:,8) == 0;  assert (any (fin));
%! e = S.runs(fin, 6);
%! assert (all (e >= 0.99 * S.lower & e <= min (2 / 0.02, S.upper)));

%!error <Invalid call> demo_sharpness_scale ('', 'reps')
%!error id=lindyn:demo_sharpness_scale:outdir demo_sharpness_scale (3)
%!error id=lindyn:demo_sharpness_scale:option demo_sharpness_scale ('', 'rep', 3)
%!error id=lindyn:demo_sharpness_scale:reps demo_sharpness_scale ('', 'reps', 'all')
%!error id=lindyn:demo_sharpness_scale:scales demo_sharpness_scale ('', 'scales', -1)
%!error id=lindyn:demo_sharpness_scale:steps demo_sharpness_scale ('', 'steps', 0)
%!error id=lindyn:demo_sharpness_scale:iters demo_sharpness_scale ('', 'iters', [1 2])
%!error id=lindyn:demo_sharpness_scale:every demo_sharpness_scale ('', 'every', -5)
%!error id=lindyn:demo_sharpness_scale:plot demo_sharpness_scale ('', 'plot', 'no')

%!demo
%! % the figure on screen with one repetition (pass a folder to also write PNG and CSV;
%! % "reps", "paper" for their whole protocol)
%! demo_sharpness_scale ('', 'reps', 1);
