function w = ld_mode_flow_depth (sigma, lambda, w0, t, L)
% -*- texinfo -*-
% @deftypefn {} {@var{w} =} ld_mode_flow_depth (@var{sigma}, @var{lambda}, @var{w0}, @var{t}, @var{L})
% The flow @code{dw/dt = L w^(2-2/L) (sigma - lambda w)} of the aligned modes of a
% depth-L linear network, for L = 1 or L >= 3 (L = 2 is the C core's eq. 16), at the
% times @var{t} (a row): @var{w} is m-by-@code{numel (t)} for the m-by-1 columns
% @var{sigma}, @var{lambda}, @var{w0} (validated by the caller).
%
% L = 1: @code{w = w0 e^(-lambda t) + (sigma/lambda)(1 - e^(-lambda t))}
% (@code{w0 + sigma t} for lambda = 0).  L >= 3: sigma = 0 gives
% @code{w = w0 (1 + (2L-2) lambda t w0^((2L-2)/L))^(-L/(2L-2))}; lambda = 0 gives
% @code{w = w0 (1 - (L-2) sigma t w0^((L-2)/L))^(-L/(L-2))} up to the blow-up time
% (Inf after it); otherwise t(w) is known in closed form (@code{ld_mode_depth_phi})
% and inverted by Newton's method on @code{zeta = log (y/(1-y))}, @code{y = w/w*},
% @code{w* = sigma/lambda}, below the plateau (t is concave in zeta there, so the
% iterates increase monotonically to the root from @code{zeta(w0)}) and on
% @code{zeta = log (y - 1)} above it (t is convex in -zeta: after the first step the
% iterates decrease monotonically), until the step is below @code{4 eps |zeta|}.
% @end deftypefn

  m = numel (sigma);  nt = numel (t);
  w = zeros (m, nt);
  T = repmat (t(:)', m, 1);
  S = repmat (sigma(:), 1, nt);  La = repmat (lambda(:), 1, nt);  W0 = repmat (w0(:), 1, nt);
  if (L == 1)
    e = exp (-La .* T);
    w = W0 .* e - (S ./ La) .* expm1 (-La .* T);
    k = La == 0;
    w(k) = W0(k) + S(k) .* T(k);
    return;
  end
  w = W0;                                    % t = 0, w0 = 0, sigma = lambda = 0
  live = T > 0 & W0 > 0;
  % sigma = 0: the modes decay algebraically
  k = live & S == 0 & La > 0;
  c = (2 * L - 2) / L;
  w(k) = W0(k) .* (1 + (2 * L - 2) * La(k) .* T(k) .* W0(k) .^ c) .^ (-1 / c);
  % lambda = 0: growth that blows up at t = w0^(-(L-2)/L) / ((L-2) sigma)
  k = live & S > 0 & La == 0;
  c = (L - 2) / L;
  base = 1 - (L - 2) * S(k) .* T(k) .* W0(k) .^ c;
  v = W0(k) .* max (base, 0) .^ (-1 / c);
  v(base <= 0) = Inf;
  w(k) = v;
  % the general case
  k = find (live & S > 0 & La > 0);
  if (isempty (k))
    return;
  end
  s = S(k);  l = La(k);  v0 = W0(k);  tt = T(k);
  ws = s ./ l;
  y0 = v0 ./ ws;
  target = s .* tt .* ws .^ ((L - 2) / L);   % phi(b) - phi(b0) to be reached
  out = v0;
  up = y0 < 1;  dn = y0 > 1;                  % y0 == 1: the plateau, out = w0
  if (any (up))
    z0 = log (y0(up)) - log1p (-y0(up));
    out(up) = ws(up) .* solve (z0, target(up), L, +1);
  end
  if (any (dn))
    z0 = log (y0(dn) - 1);
    out(dn) = ws(dn) .* solve (z0, target(dn), L, -1);
  end
  w(k) = out;
end

function y = solve (z0, target, L, side)
  % Newton on zeta for phi(b(zeta)) - phi(b0) = target; y = w/w* at the root.
  [y, q] = yq (z0, side);
  phi0 = ld_mode_depth_phi (y .^ (1 / L), q, L, side);
  z = z0;
  todo = true (size (z));
  for it = 1:200
    [y, q] = yq (z(todo), side);
    b = y .^ (1 / L);
    g = ld_mode_depth_phi (b, q, L, side) - phi0(todo) - target(todo);
    if (side > 0)
      dg = b .^ (2 - L) / L;
    else
      dg = -b .^ (2 - 2 * L) / L;
    end
    step = -g ./ dg;
    zn = min (max (z(todo) + step, -700), 700);   % beyond: w = w* to rounding
    small = abs (zn - z(todo)) <= 4 * eps * max (1, abs (zn)) | ~ isfinite (step);
    z(todo) = zn;
    idx = find (todo);
    todo(idx(small)) = false;
    if (~ any (todo))
      break;
    end
  end
  y = yq (z, side);
end

function [y, q] = yq (z, side)
  if (side > 0)
    y = 1 ./ (1 + exp (-z));  q = 1 ./ (1 + exp (z));     % q = 1 - y
  else
    q = exp (z);  y = 1 + q;                                % q = y - 1
  end
end
