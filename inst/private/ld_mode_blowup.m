function [w0, H] = ld_mode_blowup (W, u, v, H, reltol)
% -*- texinfo -*-
% @deftypefn {} {[@var{w0}, @var{H}] =} ld_mode_blowup (@var{W}, @var{u}, @var{v}, @var{H}, @var{reltol})
% The effective start of the mode (u, v) of a depth L >= 3 chain W = @{W1, @dots{}, WL@}
% (@code{mode_start}): the blow-up time t* of the multilinear flow
% @code{dWl/dt = f_(l-1) g_l'} (sigma = 1) after the hidden directions @var{H}@{l@} of the
% modes learned before it are projected out, @code{w0 = ((L-2) t*)^(-L/(L-2))}; @var{H}
% comes back with this mode's directions added.  ode45 at relative tolerance
% @var{reltol}.
% @end deftypefn

  % depth L >= 3: the effective start of mode (u, v) from the blow-up time of the pure
  % multilinear flow dWl/dt = f_(l-1) g_l' (sigma = 1), after projecting out the hidden
  % directions H{l} (orthonormal columns) of the modes learned before it
  L = numel (W);
  for l = 1:L-1
    if (~ isempty (H{l}))
      W{l} = W{l} - (W{l} * H{l}) * H{l}';
      W{l+1} = W{l+1} - H{l} * (H{l}' * W{l+1});
    end
  end
  % W1 enters the flow only through u'*W1 (dW1 = u g_1' keeps W1 - u u' W1 fixed) and
  % WL only through WL*v: the flow of the chain {u'*W1, W2, ..., WL*v} from 1 to 1 is the
  % same, with d*r1 + r(L-1)*p fewer unknowns
  W{1} = u' * W{1};  W{L} = W{L} * v;  u = 1;  v = 1;
  nrm = cellfun (@(A) norm (A), W);
  if (any (nrm == 0))
    w0 = 0;                                    % a zero factor: the mode never grows
    return;
  end
  c = prod (nrm) ^ (1 / L);                    % homogeneity: W -> W/c, t -> t c^(L-2)
  W = cellfun (@(A) A / c, W, 'UniformOutput', false);
  sz = cellfun (@size, W, 'UniformOutput', false);
  off = [0, cumsum(cellfun (@numel, W))];
  x0 = cell2mat (cellfun (@(A) A(:), W(:), 'UniformOutput', false));
  big = 1e6;
  opt = odeset ('RelTol', reltol, 'AbsTol', 1e-4 * reltol, ...
                'Events', @(t, x) ld_event (x, u, v, sz, off, big));
  state = warning ('off', 'all');              % ode45 reports the stop at the event
  guard = onCleanup (@() warning (state));
  f = ld_fg (x0, u, v, sz, off);
  if (~ (norm (f{L+1}) > 0))
    w0 = 0;                                    % the chain maps u to 0: no growth
    return;
  end
  [t, x] = ode45 (@(t, x) ld_flow (x, u, v, sz, off), [0, 1e12], x0, opt);
  [f, g] = ld_fg (x(end, :)', u, v, sz, off);
  w1 = f{L+1}' * v;
  if (~ (w1 >= big / 2))
    w0 = 0;                                    % no blow-up within the horizon
    return;
  end
  ts = (t(end) + w1 ^ (-(L - 2) / L) / (L - 2)) * c ^ (-(L - 2));
  w0 = ((L - 2) * ts) ^ (-L / (L - 2));
  for l = 1:L-1
    h = f{l+1} / norm (f{l+1});
    if (isempty (H{l}))
      H{l} = h;
    else
      h = h - H{l} * (H{l}' * h);
      if (norm (h) > 1e-12)
        H{l} = [H{l}, h / norm(h)];
      end
    end
  end
end

function [f, g] = ld_fg (x, u, v, sz, off)
  % forward f_l = Wl'*...*W1'*u and backward g_l = W(l+1)*...*WL*v
  L = numel (sz);
  f = cell (1, L + 1);  g = cell (1, L + 1);
  f{1} = u;  g{L+1} = v;
  for l = 1:L
    f{l+1} = reshape (x(off(l)+1:off(l+1)), sz{l})' * f{l};
  end
  for l = L:-1:1
    g{l} = reshape (x(off(l)+1:off(l+1)), sz{l}) * g{l+1};
  end
end

function dx = ld_flow (x, u, v, sz, off)
  [f, g] = ld_fg (x, u, v, sz, off);
  dx = zeros (size (x));
  for l = 1:numel (sz)
    D = f{l} * g{l+1}';
    dx(off(l)+1:off(l+1)) = D(:);
  end
end

function [val, term, dir] = ld_event (x, u, v, sz, off, big)
  f = ld_fg (x, u, v, sz, off);
  val = f{end}' * v - big;  term = 1;  dir = 1;
end
