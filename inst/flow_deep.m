function [W, factors, stats] = flow_deep (Sx, Sxy, t, W0, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{W} =} flow_deep (@var{Sx}, @var{Sxy}, @var{t}, @var{W0})
% @deftypefnx {} {@var{W} =} flow_deep (@dots{}, @var{name}, @var{value}, @dots{})
% @deftypefnx {} {[@var{W}, @var{factors}, @var{stats}] =} flow_deep (@dots{})
% The gradient flow of a deep linear network, eq. (12), integrated numerically:
% @tex
% $$\dot W_l = -\nabla_{W_l} f = W_{1:l-1}^\top(\Sigma_{xy} - \Sigma_x W)W_{l+1:L}^\top,
%   \qquad W = W_1 W_2 \cdots W_L,$$
% @end tex
% @ifnottex
% @code{dWl/dt = W_(1:l-1)' * (Sxy - Sx*W) * W_(l+1:L)'}, @code{W = W1*W2*...*WL},
% @end ifnottex
% for any depth L, any widths and any initialization: no Assumption 1, no aligned
% start.  This is how to check Thm. 1's perturbation claim when eps > 0, or how far
% the closed forms (@code{mode_flow}, @code{flow_linear}) are from the flow when their
% hypotheses fail.
%
% @var{W0} is a cell @code{@{W1, @dots{}, WL@}} (@code{W1} d-by-r1, @dots{}, @code{WL}
% r(L-1)-by-p) or a d-by-p matrix (L = 1, the linear model).  @var{t} is a vector of
% nonnegative times, in any order.  @var{W} is d-by-p-by-@code{numel (@var{t})}, the
% end-to-end matrices; @var{factors} a 1-by-@code{numel (@var{t})} cell of the factor
% cells.
%
% The integration runs in lindyn's C core: the Dormand--Prince 5(4) pair with adaptive
% steps (as in @code{ode45}), clipped to land exactly on every requested time, with the
% factor gradients of eq. (11) as right-hand side.  Error control is per component,
% @code{|err_i| <= AbsTol + RelTol*max (|y_i|, |y_new_i|)} over all factor entries, so
% the small modes of a vanishing initialization keep their relative accuracy (their
% errors are amplified by @code{exp (2*sigma*t)} before they are learned).  Options:
% @table @asis
% @item @qcode{"RelTol"}
% default @code{1e-10};
% @item @qcode{"AbsTol"}
% default @code{1e-14 * max (abs (W0(:)))} (1e-14 if W0 is zero);
% @item @qcode{"MaxSteps"}
% default @code{1e6} steps in all;
% @item @qcode{"verbose"}
% true prints the time reached, the elapsed time and an estimate of the time left
% between pieces (on a terminal one line rewritten in place, otherwise a line at most
% every 5 s); false prints nothing; by default (empty) progress is shown for
% integrations predicted to take more than 5 s, once 0.5 s have passed.  The estimate
% assumes the time reached grows at its measured average rate, which the adaptive
% steps make only a guide.
% @end table
% After Ctrl-C, @code{R = lindyn_last ()} holds what was integrated up to the last
% finished piece: a struct with fields @code{t} (the requested times reached, sorted),
% @code{W} and @code{factors} at those times, @code{t_reached} and
% @code{factors_reached} (the state where the integration stopped, from which
% @code{flow_deep (Sx, Sxy, t - t_reached, factors_reached)} continues), and
% @code{interrupted} (true).
% @var{stats} has fields @code{steps}, @code{rejected}, @code{evals} (gradient
% evaluations) and @code{calls} (the core is called in pieces of about 0.2 s each, so a
% long integration can be interrupted with Ctrl-C; each piece continues with the state,
% time and step size of the previous one).  An integration that cannot reach a
% requested time (blow-up, step size underflow, MaxSteps) is the error
% @code{lindyn:flow_deep:integration}.
%
% Measured (d = 5, p = 4, L = 2, aligned start with delta = 8, t up to 100, against
% @code{mode_flow}): 4e-11 in 3 ms with the defaults, where @code{ode45} with the
% same right-hand side and tolerances needed 1.6 s for 3e-11; so the C integrator is
% the default, and the tests check it against @code{ode45}.
%
% Example (two layers from a small random start, one component at a time):
% @c runnable
% @example
% @group
% Sx = diag ([1 1 1]);  Sxy = diag ([1 0.5 0.25]);
% W0 = @{1e-4*randn(3), 1e-4*randn(3)@};
% W = flow_deep (Sx, Sxy, [10 20 40 60], W0);
% squeeze (sum (sum (W.^2, 1), 2))'
% % -> about 0.8, 1.2, 1.29, 1.3125: the modes 1, 0.5, 0.25 arrive one after
% %    the other (1 + 0.25 + 0.0625 = 1.3125 once all three are learned)
% @end group
% @end example
% @seealso{mode_flow, flow_linear, gd_deep, aligned_init}
% @end deftypefn

  if (nargin < 4 || mod (nargin, 2) ~= 0)
    ld_usage ('flow_deep');
  end
  fn = 'flow_deep';
  [Sx, Sxy] = ld_moments_check (fn, Sx, Sxy);
  [d, p] = size (Sxy);
  if (~ iscell (W0))
    W0 = {W0};
  end
  L = numel (W0);
  if (L < 1 || ~ isvector (W0))
    error ('lindyn:flow_deep:W0', 'flow_deep: W0 must be a cell vector of at least one factor');
  end
  W0 = W0(:)';                   % a column cell {W1; W2} is accepted like a row
  rows = d;
  for l = 1:L
    W0{l} = ld_matrix (fn, 'W0', W0{l}, 'finite');
    if (size (W0{l}, 1) ~= rows)
      error ('lindyn:flow_deep:W0', 'flow_deep: W0{%d} must have %d rows (got %d)', ...
             l, rows, size (W0{l}, 1));
    end
    rows = size (W0{l}, 2);
  end
  if (rows ~= p)
    error ('lindyn:flow_deep:W0', 'flow_deep: W0{%d} must have %d columns (p), got %d', ...
           L, p, rows);
  end
  % The output: W (d-by-p) and the factors at each time, the state at each distinct
  % time twice (its store and the C core's output), sized before t expands.
  if (isnumeric (t))
    nstate = sum (cellfun (@numel, W0));
    ld_memory_check (fn, 't', 8 * numel (t) * (d * p + 3 * nstate + 16 * L + 4), ...
                     sprintf ('%d-by-%d weights and %d factor entries at %d times', d, p, ...
                              nstate, numel (t)));
  end
  t = ld_matrix (fn, 't', t, 'finite', 'vector', 'nonnegative');
  scale = max (cellfun (@(M) max ([0; abs(M(:))]), W0));
  if (scale == 0)
    scale = 1;
  end
  o = ld_name_value (fn, struct ('RelTol', 1e-10, 'AbsTol', 1e-14 * scale, ...
                                  'MaxSteps', 1e6, 'verbose', []), varargin);
  rtol = ld_matrix (fn, 'RelTol', o.RelTol, 'finite', 'scalar', 'positive');
  atol = ld_matrix (fn, 'AbsTol', o.AbsTol, 'finite', 'scalar', 'nonnegative');
  max_steps = ld_matrix (fn, 'MaxSteps', o.MaxSteps, 'scalar', 'integer', 'nonnegative');
  verbose = [];
  if (~ isempty (o.verbose))
    verbose = ld_logical (fn, 'verbose', o.verbose);
  end

  sizes = cellfun (@size, W0, 'UniformOutput', false);
  off = [0, cumsum(cellfun (@numel, W0))];
  [ts, ~, where] = unique (t(:));
  % The C core is called in pieces of at most `budget` steps, sized to take about 0.2 s
  % each, so that Ctrl-C works between them; each piece continues from the state, time
  % and step size where the previous one stopped.
  Y = zeros (off(end), numel (ts));
  done = 0;  tnow = 0;  h = 0;  taken = 0;  budget = 1000;  F = W0;
  stats = struct ('steps', 0, 'rejected', 0, 'evals', 0, 'calls', 0);
  % progress and Ctrl-C: the pieces integrated so far go to lindyn_last after each call
  tall = tic ();
  prog = ld_progress ('init', fn, verbose, max ([0; ts]), 't');
  pieces = {};
  last_token = ld_last ('begin');
  last_guard = onCleanup (@() ld_last ('close', last_token));
  while (done < numel (ts))
    if (taken >= max_steps)
      error ('lindyn:flow_deep:integration', ...
             'flow_deep: MaxSteps (%d) steps taken, the integration stopped at t = %g', ...
             max_steps, tnow);
    end
    b = min (budget, max_steps - taken);
    t0 = tic ();
    try
      [Yc, st, yend] = __lindyn_flow_deep__ (Sx, Sxy, F, ts(done+1:end) - tnow, rtol, ...
                                             atol, b, h);
    catch err
      if (strcmp (err.identifier, 'lindyn:__lindyn_flow_deep__:integration'))
        error ('lindyn:flow_deep:integration', 'flow_deep: %s', ...
               regexprep (err.message, '^.*?: ', ''));
      end
      rethrow (err);
    end
    el = toc (t0);
    k = st(6);
    Y(:,done+1:done+k) = Yc(:,1:k);
    done = done + k;
    taken = taken + st(1) + st(2);
    tnow = tnow + st(4);
    h = st(5);
    F = unpack (yend, sizes, off);
    stats.steps = stats.steps + st(1);
    stats.rejected = stats.rejected + st(2);
    stats.evals = stats.evals + st(3);
    stats.calls = stats.calls + 1;
    if (el > 0)
      budget = max (100, min (1e6, round (b * 0.2 / el)));
    end
    pieces{end+1} = Yc(:,1:k);
    ld_last ('update', last_token, struct ('kind', 'flow', 'pieces', {pieces}, ...
             'ts', ts(1:done), 'sizes', {sizes}, 'off', off, 'tnow', tnow, 'F', {F}));
    if (done < numel (ts))
      prog = ld_progress (prog, tnow, toc (tall));
    end
  end
  ld_progress (prog, 'end', tnow, toc (tall));
  F_end = F;
  nt = numel (t);
  W = zeros (d, p, nt);
  factors = cell (1, nt);
  for k = 1:numel (ts)
    F = unpack (Y(:,k), sizes, off);
    P = F{1};
    for l = 2:L
      P = P * F{l};
    end
    for j = find (where(:)' == k)
      W(:,:,j) = P;
      factors{j} = F;
    end
  end
  ld_last ('finish', last_token, struct ('t', t(:)', 'W', W, 'factors', {factors}, ...
           't_reached', tnow, 'factors_reached', {F_end}, ...
           'interrupted', false));
end

function F = unpack (y, sizes, off)
  F = cell (1, numel (sizes));
  for l = 1:numel (sizes)
    F{l} = reshape (y(off(l)+1:off(l+1)), sizes{l});
  end
end

%!test
%! % L = 1: the linear flow, against flow_linear (eq. 9, itself checked against expm)
%! randn ('state', 11);
%! A = randn (4);  Sx = A * A' / 4;  Sxy = randn (4, 2);  W0 = randn (4, 2);
%! t = [2 0 0.5];
%! W = flow_deep (Sx, Sxy, t, W0);
%! ref = flow_linear (Sx, Sxy, t, W0);
%! % RelTol 1e-10 per step, over a span of a few time constants: ~1e-9 relative
%! assert (W, ref, 1e-8 * max (abs (ref(:))));

%!test
%! % L = 2, aligned co-diagonal start (built by hand): the end-to-end modes follow eq. 16
%! randn ('state', 12);
%! [U, ~] = qr (randn (4));  [V, ~] = qr (randn (3));
%! sigma = [1 0.5 0.2];  lambda = [1.5 0.4 0.3];
%! Sx = U * diag ([lambda 0.9]) * U';  Sxy = U(:,1:3) * diag (sigma) * V';
%! delta = 6;  W0 = {U(:,1:3) * exp(-delta), exp(-delta) * V'};
%! t = [5 15 30 60];
%! [W, F] = flow_deep (Sx, Sxy, t, W0);
%! w = mode_flow (sigma, lambda, exp (-2 * delta), t);
%! for k = 1:numel (t)
%!   M = U(:,1:3)' * W(:,:,k) * V;
%!   % modes are O(1); RelTol 1e-10 with error growth through the transitions: 1e-8
%!   assert (diag (M), w(:,k), 1e-8);
%!   assert (norm (M - diag (diag (M))), 0, 1e-8);
%!   assert (F{k}{1} * F{k}{2}, W(:,:,k), 1e-15);
%! end

%!test
%! % L = 3, random widths: at t = 0 the product of W0; the loss never increases
%! randn ('state', 13);
%! A = randn (3);  Sx = A * A';  Sxy = randn (3, 2);
%! W0 = {0.3*randn(3, 5), 0.3*randn(5, 4), 0.3*randn(4, 2)};
%! t = [0 0.1 0.5 1 3];
%! W = flow_deep (Sx, Sxy, t, W0);
%! assert (W(:,:,1), W0{1} * W0{2} * W0{3}, 1e-15);
%! Ws = Sx \ Sxy;  f = zeros (1, 5);
%! for k = 1:5, E = W(:,:,k) - Ws;  f(k) = trace (E' * Sx * E) / 2; end
%! assert (all (diff (f) <= 1e-12));

%!test
%! % L = 3, random widths: against ode45 on the same equations (the gradient of eq. 11
%! % from __lindyn_gradient__), an independent integrator
%! randn ('state', 13);
%! A = randn (3);  Sx = A * A';  Sxy = randn (3, 2);
%! W0 = {0.3*randn(3, 5), 0.3*randn(5, 4), 0.3*randn(4, 2)};
%! t = [0.5 3];
%! [W, F, st] = flow_deep (Sx, Sxy, t, W0);
%! sz = cellfun (@size, W0, 'UniformOutput', false);  n = cumsum ([0 cellfun(@numel, W0)]);
%! unpack = @(y) {reshape(y(n(1)+1:n(2)), sz{1}), reshape(y(n(2)+1:n(3)), sz{2}), ...
%!                reshape(y(n(3)+1:n(4)), sz{3})};
%! rhs = @(s, y) -cell2mat (cellfun (@(g) g(:), __lindyn_gradient__ (Sx, Sxy, unpack (y)), ...
%!                                   'UniformOutput', false)');
%! y0 = cell2mat (cellfun (@(M) M(:), W0, 'UniformOutput', false)');
%! [~, Y] = ode45 (rhs, [0 t], y0, odeset ('RelTol', 1e-9, 'AbsTol', 1e-12));
%! for k = 1:2
%!   G = unpack (Y(k+1,:)');
%!   % ode45 at RelTol 1e-9 (measured agreement 1.6e-11; 1e-11 takes 3x longer)
%!   assert (W(:,:,k), G{1} * G{2} * G{3}, 1e-8);
%!   assert (F{k}{2}, G{2}, 1e-8);
%! end
%! assert (st.steps > 0 && st.evals >= 6 * st.steps);

%!test
%! % W0 as a column cell gives the same flow as a row cell
%! Sx = eye (2);  Sxy = [1 0; 0 0.5];  W0 = {1e-2 * eye(2), 1e-2 * eye(2)};
%! assert (flow_deep (Sx, Sxy, [0 1], W0'), flow_deep (Sx, Sxy, [0 1], W0));

%!error id=lindyn:flow_deep:W0 flow_deep (eye (2), eye (2), 1, cell (2, 2))
%!error <Invalid call> flow_deep (1, 1, 1)
%!error id=lindyn:flow_deep:t flow_deep (1, 1, -1, {1, 1})
%!error id=lindyn:flow_deep:W0 flow_deep (eye (2), ones (2, 1), 1, {ones(3, 2), ones(2, 1)})
%!error id=lindyn:flow_deep:W0 flow_deep (eye (2), ones (2, 1), 1, {ones(2, 2), ones(3, 1)})
%!error id=lindyn:flow_deep:W0 flow_deep (eye (2), ones (2, 1), 1, {ones(2, 2), ones(2, 2)})
%!error id=lindyn:flow_deep:W0 flow_deep (eye (2), ones (2, 1), 1, {})
%!error id=lindyn:flow_deep:W0 flow_deep (eye (2), ones (2, 1), 1, {ones(2), [NaN; 1]})
%!error id=lindyn:flow_deep:option flow_deep (1, 1, 1, 1, 3, 4)
%!error id=lindyn:flow_deep:option flow_deep (1, 1, 1, 1, 'Tol', 4)
%!error id=lindyn:flow_deep:RelTol flow_deep (1, 1, 1, 1, 'RelTol', 0)
%!error id=lindyn:flow_deep:MaxSteps flow_deep (1, 1, 1, 1, 'MaxSteps', 1.5)
%!error <Invalid call> flow_deep (1, 1, 1, 1, 'RelTol')
%!error id=lindyn:flow_deep:integration flow_deep (1, 1, 100, 1, 'MaxSteps', 3)

%!test
%! % in pieces: MaxSteps large, but a continuation through many calls gives the same
%! % answer as one call (same steps, same state, to rounding of the time offsets)
%! Sx = [2 0.5; 0.5 1];  Sxy = [1 0; 0 0.3];  W0 = {1e-3*eye(2), 1e-3*eye(2)};
%! [W1, ~, s1] = flow_deep (Sx, Sxy, [5 30], W0);
%! % force tiny pieces through the gateway directly: 10 steps per call
%! F = W0;  tnow = 0;  h = 0;  done = 0;  ts = [5 30];  Y = [];
%! while (done < 2)
%!   [Yc, st, y] = __lindyn_flow_deep__ (Sx, Sxy, F, ts(done+1:end) - tnow, 1e-10, 1e-17, 10, h);
%!   Y = [Y, Yc(:,1:st(6))];  done = done + st(6);  tnow = tnow + st(4);  h = st(5);
%!   F = {reshape(y(1:4), 2, 2), reshape(y(5:8), 2, 2)};
%! end
%! for k = 1:2
%!   assert (reshape (Y(1:4,k), 2, 2) * reshape (Y(5:8,k), 2, 2), W1(:,:,k), 1e-9);
%! end
%! assert (s1.calls >= 1 && s1.steps > 10);
%!error id=lindyn:flow_deep:Sx flow_deep ([1 2; 3 4], [1; 1], 1, [1; 1])

%!test
%! % "verbose": progress lines name the time reached; false prints nothing; the run is
%! % kept for lindyn_last
%! Sx = eye (3);  Sxy = diag ([1 0.5 0.25]);  W0 = {1e-4 * eye(3), 1e-4 * eye(3)};
%! old = getenv ('LINDYN_PROGRESS');
%! c = onCleanup (@() setenv ('LINDYN_PROGRESS', old));
%! setenv ('LINDYN_PROGRESS', 'lines');
%! out = evalc ("W = flow_deep (Sx, Sxy, [10 60], W0, 'verbose', true, 'RelTol', 1e-12);");
%! assert (! isempty (strfind (out, 'flow_deep: done, t = 60')));
%! out = evalc ("W = flow_deep (Sx, Sxy, [10 60], W0, 'verbose', false);");
%! assert (isempty (out));
%! R = lindyn_last ();
%! assert (R.t, [10 60]);  assert (R.W, W, 0);  assert (R.interrupted, false);
%! assert (R.t_reached, 60);
%!error id=lindyn:flow_deep:verbose flow_deep (1, 1, 1, {1}, 'verbose', 'yes')

%!demo
%! % two layers from a small random start (no Assumption 1): one component at a time
%! randn ('state', 1);
%! Sx = eye (3);  Sxy = diag ([1 0.5 0.25]);
%! W0 = {1e-5*randn(3), 1e-5*randn(3)};
%! t = linspace (0, 60, 61);
%! W = flow_deep (Sx, Sxy, t, W0);
%! plot (t, squeeze (sum (sum (W.^2, 1), 2)));
%! xlabel ('t');  ylabel ('||W_1W_2||_F^2');  title ('flow\_deep: random small start');

%!error id=lindyn:flow_deep:memory flow_deep (1, 1, 0:1e12, {0.1, 0.1})
%!error <t asks for .* GB of memory> flow_deep (1, 1, 0:1e12, 0.1)
