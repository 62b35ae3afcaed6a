function R = ref_diagonal_gd (X, y, u0, v0, eta, iters, varargin)
% R = ref_diagonal_gd (X, y, u0, v0, eta, iters, name, value, ...) -- the reference loop
% for gradient descent on a diagonal linear network, in plain Octave, for tests.
%
% Model w = u.^D - v.^D (depth D, default 2), loss f = 1/(2b) ||X_B w - y_B||^2 over
% the rows B of the step (all n rows for gradient descent, b = n).  One step, with
% r = X_B w - y_B and g = X_B' r / b (the gradient of f in w):
%   u <- u - eta * D * u.^(D-1) .* g,    v <- v + eta * D * v.^(D-1) .* g
% (both from the same g, the iterate before the step).  u0, v0: d-vectors or scalars.
% Options: 'depth' D (integer >= 1); 'batches', an iters-by-b matrix of row indices,
% row k the rows of step k (stochastic gradient descent with the caller's draws);
% 'record', the iteration indices at which to record (default [0 iters]).
% R has fields w, u, v (the last iterate), t (the recorded indices), loss (the full
% loss 1/(2n) ||X w - y||^2 at each record), l1, l2 (norms of w), diverged (true when
% an iterate became non-finite; the loop stops there and later records are NaN).

  o = struct ('depth', 2, 'batches', [], 'record', [0 iters]);
  for k = 1:2:numel (varargin)
    o.(varargin{k}) = varargin{k + 1};
  end
  D = o.depth;
  [n, d] = size (X);
  y = y(:);
  u = u0(:) .* ones (d, 1);  v = v0(:) .* ones (d, 1);
  rec = o.record(:)';
  R.t = rec;
  R.loss = NaN (size (rec));  R.l1 = R.loss;  R.l2 = R.loss;
  R.diverged = false;
  for k = 0:iters
    w = u .^ D - v .^ D;
    hit = find (rec == k);
    if (~ isempty (hit))
      R.loss(hit) = sumsq (X * w - y) / (2 * n);
      R.l1(hit) = norm (w, 1);
      R.l2(hit) = norm (w);
    end
    if (k == iters)
      break;
    end
    if (isempty (o.batches))
      Xb = X;  yb = y;
    else
      Xb = X(o.batches(k + 1, :), :);  yb = y(o.batches(k + 1, :));
    end
    g = Xb' * (Xb * w - yb) / size (Xb, 1);
    un = u - eta * D * u .^ (D - 1) .* g;
    vn = v + eta * D * v .^ (D - 1) .* g;
    if (~ all (isfinite ([un; vn])))
      R.diverged = true;
      break;
    end
    u = un;  v = vn;
  end
  R.u = u;  R.v = v;  R.w = u .^ D - v .^ D;
end
