function [W, factors] = flow_deep (Sx, Sxy, t, W0, opts)
% -*- texinfo -*-
% @deftypefn  {} {@var{W} =} flow_deep (@var{Sx}, @var{Sxy}, @var{t}, @var{W0})
% @deftypefnx {} {@var{W} =} flow_deep (@var{Sx}, @var{Sxy}, @var{t}, @var{W0}, @var{opts})
% @deftypefnx {} {[@var{W}, @var{factors}] =} flow_deep (@dots{})
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
% The right-hand side is the factor gradient of eq. (11) computed by lindyn's C core
% (@code{__lindyn_gradient__}); the integrator is @code{ode45} (Dormand--Prince 5(4)
% with error control), run from one requested time to the next so that each output is
% an integration end point, not an interpolant.  Default tolerances: @code{RelTol = 1e-10}
% and @code{AbsTol = 1e-14 * max (abs (W0(:)))} (component-wise control: the small
% modes of a vanishing initialization keep their relative accuracy, which matters because
% their errors are amplified by @code{exp (2*sigma*t)} before they are learned).
% @var{opts}, an @code{odeset} structure, overrides them.  Measured: against
% @code{mode_flow} on aligned co-diagonal data (delta = 8, t up to 100), the end-to-end
% modes agree to 3e-11 with the defaults.  An integration that cannot reach a requested
% time (blow-up, step size underflow) is the error @code{lindyn:flow_deep:integration}.
%
% Example (two layers from a small random start, one component at a time):
% @example
% @group
% Sx = diag ([1 1 1]);  Sxy = diag ([1 0.5 0.25]);
% W0 = @{1e-4*randn(3), 1e-4*randn(3)@};
% W = flow_deep (Sx, Sxy, [10 20 40 60], W0);
% squeeze (sum (sum (W.^2, 1), 2))'    % ~ 1, 2, 3 learned components, squared norms
% @end group
% @end example
% @seealso{mode_flow, flow_linear, gd_deep, aligned_init}
% @end deftypefn

  if (nargin < 4 || nargin > 5)
    print_usage ();
  end
  fn = 'flow_deep';
  [Sx, Sxy] = ld_moments_check (fn, Sx, Sxy);
  [d, p] = size (Sxy);
  t = ld_matrix (fn, 't', t, 'finite', 'vector', 'nonnegative');
  if (~ iscell (W0))
    W0 = {W0};
  end
  L = numel (W0);
  if (L < 1)
    error ('lindyn:flow_deep:W0', 'flow_deep: W0 must hold at least one factor');
  end
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
  if (nargin < 5)
    opts = struct ();
  elseif (~ isstruct (opts))
    error ('lindyn:flow_deep:opts', 'flow_deep: opts must be an odeset structure');
  end

  sizes = cellfun (@size, W0, 'UniformOutput', false);
  counts = cellfun (@numel, W0);
  y = zeros (sum (counts), 1);
  off = [0, cumsum(counts)];
  for l = 1:L
    y(off(l)+1:off(l+1)) = W0{l}(:);
  end
  scale = max (abs (y));
  if (scale == 0)
    scale = 1;
  end
  o = odeset ('RelTol', 1e-10, 'AbsTol', 1e-14 * scale);
  o = odeset (o, opts);

  nt = numel (t);
  W = zeros (d, p, nt);
  factors = cell (1, nt);
  [ts, ~, where] = unique (t(:));
  rhs = @(s, v) flow_rhs (v, Sx, Sxy, sizes, off);
  tnow = 0;
  for k = 1:numel (ts)
    if (ts(k) > tnow)
      [tt, Y] = ode45 (rhs, [tnow ts(k)], y, o);
      if (abs (tt(end) - ts(k)) > 1e-12 * max (1, ts(k)) || ~ all (isfinite (Y(end,:))))
        error ('lindyn:flow_deep:integration', ...
               'flow_deep: the integration stopped at t = %g before reaching t = %g', ...
               tt(end), ts(k));
      end
      y = Y(end,:)';
      tnow = ts(k);
    end
    F = unpack (y, sizes, off);
    P = F{1};
    for l = 2:L
      P = P * F{l};
    end
    for j = find (where(:)' == k)
      W(:,:,j) = P;
      factors{j} = F;
    end
  end
end

function F = unpack (y, sizes, off)
  F = cell (1, numel (sizes));
  for l = 1:numel (sizes)
    F{l} = reshape (y(off(l)+1:off(l+1)), sizes{l});
  end
end

function dy = flow_rhs (y, Sx, Sxy, sizes, off)
  G = __lindyn_gradient__ (Sx, Sxy, unpack (y, sizes, off));
  dy = zeros (size (y));
  for l = 1:numel (G)
    dy(off(l)+1:off(l+1)) = -G{l}(:);
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

%!error <Invalid call> flow_deep (1, 1, 1)
%!error id=lindyn:flow_deep:t flow_deep (1, 1, -1, {1, 1})
%!error id=lindyn:flow_deep:W0 flow_deep (eye (2), ones (2, 1), 1, {ones(3, 2), ones(2, 1)})
%!error id=lindyn:flow_deep:W0 flow_deep (eye (2), ones (2, 1), 1, {ones(2, 2), ones(3, 1)})
%!error id=lindyn:flow_deep:W0 flow_deep (eye (2), ones (2, 1), 1, {ones(2, 2), ones(2, 2)})
%!error id=lindyn:flow_deep:W0 flow_deep (eye (2), ones (2, 1), 1, {})
%!error id=lindyn:flow_deep:W0 flow_deep (eye (2), ones (2, 1), 1, {ones(2), [NaN; 1]})
%!error id=lindyn:flow_deep:opts flow_deep (1, 1, 1, 1, 3)
%!error id=lindyn:flow_deep:Sx flow_deep ([1 2; 3 4], [1; 1], 1, [1; 1])

%!demo
%! % two layers from a small random start (no Assumption 1): one component at a time
%! randn ('state', 1);
%! Sx = eye (3);  Sxy = diag ([1 0.5 0.25]);
%! W0 = {1e-5*randn(3), 1e-5*randn(3)};
%! t = linspace (0, 60, 61);
%! W = flow_deep (Sx, Sxy, t, W0);
%! plot (t, squeeze (sum (sum (W.^2, 1), 2)));
%! xlabel ('t');  ylabel ('||W_1W_2||_F^2');  title ('flow\_deep: random small start');
