function [lambda, V, info] = sharpness (Sx, Sxy, W, k, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{lambda} =} sharpness (@var{Sx}, @var{Sxy}, @var{W})
% @deftypefnx {} {@var{lambda} =} sharpness (@var{Sx}, @var{Sxy}, @var{W}, @var{k})
% @deftypefnx {} {[@var{lambda}, @var{V}, @var{info}] =} sharpness (@dots{}, @var{name}, @var{value}, @dots{})
% The largest eigenvalues of the Hessian of the deep linear loss in all factor entries.
%
% The loss is @code{f = 1/2 tr(W'*Sx*W) - tr(W'*Sxy)} (eq. 2 up to a constant) with
% @code{W = W1*...*WL}; @var{W} is the cell @code{@{W1, @dots{}, WL@}} (a matrix means
% L = 1).  @var{lambda} holds the @var{k} (default 1) algebraically largest eigenvalues of
% its Hessian, largest first: @code{lambda(1)} is the sharpness.  Gradient descent with
% step @var{eta} can settle at a minimum only if its sharpness is at most @code{2/eta}
% (a larger curvature makes the linearised step @code{x <- (I - eta H) x} expand).
%
% The Hessian is never formed: Hessian-vector products are the derivative of eq. 11 in a
% direction @code{(V1, @dots{}, VL)}, exactly: with @code{P_l = W1*...*W(l-1)},
% @code{S_l = W(l+1)*...*WL}, @code{G = Sx*W - Sxy} and @code{dW = sum_l P_l*Vl*S_l},
% @c formula
% @example
% (H V)_l = P_l' * (Sx*dW*S_l' + G*dS_l') + dP_l' * G * S_l'
% @end example
% where @code{dP_l} and @code{dS_l} are the derivatives of the prefix and suffix products
% (built by the recursions @code{dP_(l+1) = dP_l*Wl + P_l*Vl},
% @code{dS_(l-1) = Vl*S_l + Wl*dS_l}): about 8L products per Hessian-vector product.
% For L = 1 the Hessian is @code{kron (eye (p), Sx)}; at @code{G = 0} the second term
% vanishes and the Hessian is positive semidefinite.
% The eigenvalues come from Lanczos (C core) with full reorthogonalization (the basis is
% kept orthonormal to rounding; memory n*maxit for n factor entries, fine at the modest
% sizes of these problems) from a seeded pseudo-random start; a Ritz pair is accepted when
% its residual @code{norm (H*y - theta*y)} is at most @code{tol} times the largest Ritz
% value in magnitude, which also bounds the distance of @code{theta} to an eigenvalue.
% For @var{k} > 1, copies of a multiple eigenvalue (which one Krylov space cannot see) are
% found by further runs orthogonal to the converged vectors.
%
% Options: @qcode{"tol"} (default 1e-10), @qcode{"maxit"} (Lanczos steps per run,
% default @code{min (n, 300)}), @qcode{"seed"} (start vector, default 1).
% @var{V} is a 1-by-@var{k} cell of eigenvectors, each a cell shaped like @var{W}
% (unit norm over all entries, mutually orthogonal).  @var{info} has fields
% @code{hvp} (Hessian-vector products used), @code{residual} (largest relative Ritz
% residual) and @code{converged}; when a run stops at @qcode{"maxit"} before meeting
% @qcode{"tol"} the warning @code{lindyn:sharpness:maxit} is issued.
%
% Errors: @code{lindyn:sharpness:Sx}, @code{:Sxy}, @code{:W}, @code{:k}, @code{:tol},
% @code{:maxit}, @code{:seed}, @code{:option}.
%
% Example:
% @c runnable
% @example
% @group
% Sx = diag ([100 1 1]);  Sxy = [0 0; 1 0; 0 .5];
% s = sqrt (0.5);  W = @{[0 0; 1 0; 0 s], diag([1 s])@};   % the balanced minimum
% lambda = sharpness (Sx, Sxy, W, 3)
% % 100 and 50 = lambda_max(Sx) * (squared singular values of W2), 2 = 2 sigma_1
% @end group
% @end example
% @seealso{stepsize_check, gd_deep, gd_linear}
% @end deftypefn

  if (nargin < 3 || (nargin > 4 && mod (numel (varargin), 2) ~= 0))
    ld_usage ('sharpness');
  end
  [Sx, Sxy] = ld_moments_check ('sharpness', Sx, Sxy);
  d = size (Sx, 1);  p = size (Sxy, 2);
  W = ld_chain ('sharpness', W, d, p);
  n = sum (cellfun (@numel, W));
  if (n == 0)
    error ('lindyn:sharpness:W', 'sharpness: the factors W have no entries');
  end
  if (nargin < 4 || isempty (k))
    k = 1;
  end
  k = ld_matrix ('sharpness', 'k', k, 'scalar', 'integer', 'positive');
  if (k > n)
    error ('lindyn:sharpness:k', 'sharpness: k must be at most the number of factor entries (%d)', n);
  end
  [o, given] = ld_name_value ('sharpness', struct ('tol', 1e-10, 'maxit', [], 'seed', 1), ...
                              varargin);
  tol = o.tol;  maxit = min (n, 300);  seed = o.seed;
  for j = 1:numel (given)
    val = o.(given{j});
    switch (given{j})
      case 'tol'
        tol = ld_matrix ('sharpness', 'tol', val, 'scalar', 'finite', 'positive');
      case 'maxit'
        maxit = ld_matrix ('sharpness', 'maxit', val, 'scalar', 'integer', 'positive');
        maxit = min (maxit, n);
      case 'seed'
        seed = ld_matrix ('sharpness', 'seed', val, 'scalar', 'integer', 'nonnegative');
    end
  end
  try
    if (nargout > 1)
      [lambda, Y, inf3] = __lindyn_sharpness__ (Sx, Sxy, W, k, tol, maxit, seed);
    else
      [lambda, ~, inf3] = __lindyn_sharpness__ (Sx, Sxy, W, k, tol, maxit, seed);
    end
  catch err
    if (strcmp (err.identifier, 'Octave:bad-alloc') ...
        || strcmp (err.identifier, 'lindyn:__lindyn_sharpness__:memory'))
      error ('lindyn:sharpness:memory', ...
             'sharpness: out of memory (n = %d entries, maxit = %d: try a smaller maxit)', ...
             n, maxit);
    end
    rethrow (err);
  end
  info = struct ('hvp', inf3(1), 'residual', inf3(2), 'converged', inf3(3) ~= 0);
  if (~ info.converged)
    warning ('lindyn:sharpness:maxit', ...
             'sharpness: Lanczos stopped at maxit = %d with relative residual %g > tol = %g', ...
             maxit, info.residual, tol);
  end
  if (nargout > 1)
    V = cell (1, k);
    sz = cellfun (@numel, W);  off = [0, cumsum(sz)];
    for j = 1:k
      V{j} = cell (size (W));
      for l = 1:numel (W)
        V{j}{l} = reshape (Y(off(l)+1:off(l+1), j), size (W{l}));
      end
    end
  end
end

function W = ld_chain (fn, W, d, p)
  id = sprintf ('lindyn:%s:W', fn);
  if (isnumeric (W) && ~ iscell (W))
    W = {W};
  end
  if (~ iscell (W) || isempty (W) || ~ isvector (W))
    error (id, '%s: W must be a cell vector of matrices {W1, ..., WL}', fn);
  end
  for l = 1:numel (W)
    W{l} = ld_matrix (fn, 'W', W{l}, 'finite');
    rows = d;
    if (l > 1), rows = size (W{l-1}, 2);  end
    if (size (W{l}, 1) ~= rows)
      error (id, '%s: W{%d} must have %d rows (got %d)', fn, l, rows, size (W{l}, 1));
    end
  end
  if (size (W{end}, 2) ~= p)
    error (id, '%s: W{%d} must have %d columns (got %d)', fn, numel (W), p, size (W{end}, 2));
  end
  W = W(:)';
end

%!function H = hess_cs (Sx, Sxy, W)
%! % the Hessian entry by entry: complex-step derivatives of eq. 11 written out in plain
%! % Octave (non-conjugate transposes), exact to rounding since the gradient is a
%! % polynomial in the entries (no cancellation: step 1e-30)
%! L = numel (W);  sz = cellfun (@numel, W);  off = [0, cumsum(sz)];  n = off(end);
%! H = zeros (n);
%! for j = 1:n
%!   Wc = W;  l = find (j > off, 1, 'last');
%!   Wc{l}(j - off(l)) = Wc{l}(j - off(l)) + 1i * 1e-30;
%!   M = eye (size (Sx, 1));  for q = 1:L, M = M * Wc{q};  end
%!   R = Sx * M - Sxy;  g = [];
%!   for q = 1:L
%!     Pre = eye (size (Sx, 1));  for t = 1:q-1, Pre = Pre * Wc{t};  end
%!     Suf = eye (size (Sxy, 2));  for t = L:-1:q+1, Suf = Wc{t} * Suf;  end
%!     Gq = Pre.' * R * Suf.';  g = [g; Gq(:)];
%!   end
%!   H(:,j) = imag (g) / 1e-30;
%! end
%! H = (H + H') / 2;

%!test
%! % against eig of the Hessian formed entry by entry, L = 1, 2, 3, widths below and above
%! % d and p; Lanczos' residual tolerance 1e-12 bounds each eigenvalue's error, eig's
%! % error is ~n eps ||H||: 1e-10 relative leaves room for both
%! randn ('state', 11);
%! for L = 1:3
%!   worst = 0;  worst_v = 0;
%!   for trial = 1:3
%!     d = 3 + trial;  p = 2 + mod (trial, 2);  r = [d, randi([1 6], 1, L - 1), p];
%!     A = randn (d);  Sx = A * A' / d;  Sxy = randn (d, p);
%!     W = arrayfun (@(l) randn (r(l), r(l+1)) / 2, 1:L, 'UniformOutput', false);
%!     e = sort (eig (hess_cs (Sx, Sxy, W)), 'descend');
%!     k = min (3, numel (e));
%!     [lam, V, info] = sharpness (Sx, Sxy, W, k, 'tol', 1e-12);
%!     assert (info.converged);
%!     assert (lam, e(1:k), 1e-10 * max (abs (e)));
%!     worst = max (worst, max (abs (lam - e(1:k))) / max (abs (e)));
%!     % eigenvectors: H v = lambda v for the assembled H
%!     H = hess_cs (Sx, Sxy, W);
%!     for j = 1:k
%!       v = cellfun (@(x) x(:), V{j}, 'UniformOutput', false);  v = vertcat (v{:});
%!       assert (norm (H * v - lam(j) * v), 0, 1e-9 * max (abs (e)));
%!       worst_v = max (worst_v, norm (H * v - lam(j) * v) / max (abs (e)));
%!     end
%!   end
%!   printf ('    L = %d: top-3 eigenvalues vs eig, max rel. diff %.1e; ||Hv - lambda v|| %.1e\n', ...
%!           L, worst, worst_v);
%! end

%!test
%! % L = 1: kron (eye (p), Sx), the top eigenvalue p times (found by the locked runs)
%! Sx = diag ([4 1 0.5]);
%! assert (sharpness (Sx, ones (3, 2), zeros (3, 2), 3), [4; 4; 1], 1e-12);
%! % the example of the help text: at the balanced minimum the directions e1*u' in W1
%! % (outside the span of Sxy) have curvature lambda_max(Sx) * |W2' u|^2 = 100, 50; the
%! % first mode's direction 2 sigma_1 = 2
%! Sx = diag ([100 1 1]);  Sxy = [0 0; 1 0; 0 .5];  s = sqrt (0.5);
%! W = {[0 0; 1 0; 0 s], diag([1 s])};
%! lam = sharpness (Sx, Sxy, W, 3);
%! e = sort (eig (hess_cs (Sx, Sxy, W)), 'descend');
%! assert (lam, e(1:3), 1e-12 * e(1));
%! assert (lam, [100; 50; 2], 1e-12);

%!test
%! % deterministic: the same seed gives the same numbers; another seed agrees to tol
%! randn ('state', 2);  W = {randn(4, 3), randn(3, 2)};  Sx = eye (4) + 0.1;  Sxy = randn (4, 2);
%! a = sharpness (Sx, Sxy, W, 2);  b = sharpness (Sx, Sxy, W, 2);  c = sharpness (Sx, Sxy, W, 2, 'seed', 9);
%! assert (isequal (a, b));  assert (c, a, 1e-9 * abs (a(1)));

%!warning <maxit> sharpness (diag ([3 2 1]), ones (3, 1), {randn(3, 3), randn(3, 1)}, 1, 'maxit', 2);

%!error <Invalid call> sharpness (1, 1)
%!error id=lindyn:sharpness:Sx sharpness ([1 2; 3 4], [1; 1], {[1; 1]})
%!error id=lindyn:sharpness:Sxy sharpness (eye (2), 'ab', {[1; 1]})
%!error id=lindyn:sharpness:W sharpness (eye (2), [1; 1], {})
%!error id=lindyn:sharpness:W sharpness (eye (2), [1; 1], {ones(2, 2), ones(3, 1)})
%!error id=lindyn:sharpness:W sharpness (eye (2), [1; 1], {ones(2, 2)})
%!error id=lindyn:sharpness:W sharpness (eye (2), [1; 1], {[NaN; 1]})
%!error id=lindyn:sharpness:W sharpness (eye (2), [1; 1], {zeros(2, 0), zeros(0, 1)})
%!error id=lindyn:sharpness:k sharpness (eye (2), [1; 1], {[1; 1]}, 3)
%!error id=lindyn:sharpness:k sharpness (eye (2), [1; 1], {[1; 1]}, 0.5)
%!error id=lindyn:sharpness:tol sharpness (eye (2), [1; 1], {[1; 1]}, 1, 'tol', 0)
%!error id=lindyn:sharpness:maxit sharpness (eye (2), [1; 1], {[1; 1]}, 1, 'maxit', 0)
%!error id=lindyn:sharpness:seed sharpness (eye (2), [1; 1], {[1; 1]}, 1, 'seed', -1)
%!error id=lindyn:sharpness:option sharpness (eye (2), [1; 1], {[1; 1]}, 1, 'bogus', 1)

%!demo
%! % sharpness along gradient descent where Sx is far from the identity
%! Sx = diag ([100 1 1]);  Sxy = [0 0; 1 0; 0 .5];
%! R = gd_deep (Sx, Sxy, 0.005, 3000, random_init ([3 3 2], 1e-4, 'seed', 1));
%! printf ('sharpness at the end: %g (2/eta = %g)\n', sharpness (Sx, Sxy, R.factors), 2 / 0.005);
