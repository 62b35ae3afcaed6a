function [w, info] = diagonal_limit (X, y, u0, v0, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{w} =} diagonal_limit (@var{X}, @var{y}, @var{u0}, @var{v0})
% @deftypefnx {} {@var{w} =} diagonal_limit (@dots{}, @var{name}, @var{value}, @dots{})
% @deftypefnx {} {[@var{w}, @var{info}] =} diagonal_limit (@dots{})
% The exact limit of gradient flow on a depth-2 diagonal linear network,
% @code{w = u.*u - v.*v}, for the least-squares loss @code{1/(2n) norm (X*w - y)^2} of
% an underdetermined regression, from @code{u(0) = u0}, @code{v(0) = v0} (Woodworth et
% al. 2020, Azulay et al. 2021).
%
% The flow is @code{du/dt = -2 u.*g}, @code{dv/dt = 2 v.*g}, @code{g = X'*(X*w - y)/n},
% so each coordinate keeps
% @c formula
% @example
% w(t) = u0.^2 .* exp (z) - v0.^2 .* exp (-z),   z = -4 int_0^t g = X'*mu(t),
% @end example
% with z in the row space of X.  At the interpolating limit @code{X*w = y}, mu is the
% minimiser of the smooth convex dual
% @c formula
% @example
% psi (mu) = sum (u0.^2 .* exp (z) + v0.^2 .* exp (-z)) - y'*mu,   z = X'*mu,
% @end example
% (@code{grad psi = X*w - y}, Hessian @code{X*diag (u0.^2.*exp (z) + v0.^2.*exp (-z))*X'},
% positive definite for X of full row rank), and @var{w} is the minimiser of the
% potential @code{Q (w) = sum_i phi_i (w_i)} over @code{X*w = y},
% @code{phi_i (w) = w*asinh (w/c_i) - sqrt (w^2 + c_i^2) + c_i - rho_i*w},
% @code{c_i = 2*u0_i*v0_i}, @code{rho_i = log (u0_i/v0_i)} (KKT: @code{phi_i' (w_i) = z_i}).
% For @code{u0 = v0 = alpha}: @code{w = 2 alpha^2 sinh (X'*mu)} and
% @code{Q = alpha^2 sum q (w/alpha^2)}, @code{q (s) = 2 - sqrt (4 + s^2) + s asinh (s/2)}:
% the minimum-norm interpolator as alpha -> infinity (@code{q (s) ~ s^2/4}: the gap
% falls like @code{alpha^-4}), the minimum-l1 one as alpha -> 0
% (@code{Q ~ log (1/alpha^2) |w|_1}; the potential's gap closes only like
% @code{1/log (1/alpha)}, but where the l1 interpolator is a unique vertex, as for a
% recoverable sparse target, the minimiser approaches it about linearly in alpha:
% lindyn's measurements are in doc/theory.md).
%
% mu is found by Newton's method with an Armijo backtracking line search
% (sufficient decrease 1/4, halving; no step changes a z_i by more than 20), from
% mu = 0.  w is evaluated as @code{2 exp (m) sinh (z + rho)}, @code{m = log (u0.*v0)},
% in the log domain and without cancellation (u0 may be as small as 1e-300 or as large
% as 1e100).  It stops when @code{max |X*w - y| <= tol * max (|X|*|w| + |y|)}, the
% residual against the size of the terms it sums (option @qcode{"tol"}, default 1e-12;
% rounding alone leaves about 1e-16 of that), or after @qcode{"maxiter"} iterations
% (default 500), or when the line search makes no progress; @code{info.converged} says
% which, and a warning @code{lindyn:diagonal_limit:converge} is issued when the
% tolerance was not met.
%
% X may have dependent rows when @code{X*w = y} is still solvable: then the rows are
% replaced by an orthonormal basis of their span (from the SVD, rank with tolerance
% @code{max (n, d) * eps * norm (X)}), which changes neither the flow's limit nor the
% set of interpolators.  An @var{y} outside the range of X (relative residual of the
% least-squares fit above 1e-8) cannot be interpolated: the flow then converges to a
% minimiser of the loss that this formula does not describe, and the call is refused
% (@code{lindyn:diagonal_limit:y}).
%
% Inputs: @var{X} n-by-d, @var{y} an n-vector, @var{u0}, @var{v0} positive (scalars or
% d-vectors).  @var{w} is a d-by-1 column.  @var{info} has fields @code{mu} (with
% @code{z = X'*mu}; for dependent rows, in the coordinates of the orthonormal basis of X
% divided by @code{max (abs (X(:)))}), @code{z}, @code{iters}, @code{residual}
% (@code{max |X*w - y|}), @code{scale} (the bound's right-hand side divided by tol),
% @code{converged}, @code{rank}.
%
% Errors: @code{lindyn:diagonal_limit:X}, @code{:y}, @code{:u0}, @code{:v0}, @code{:tol},
% @code{:maxiter}, @code{:option}, @code{:memory}.
%
% Example: a 3-sparse target, 20 measurements in 60 dimensions; small alpha recovers it
% @c runnable
% @example
% @group
% randn ('state', 1);
% X = randn (20, 60);  wstar = zeros (60, 1);  wstar(1:3) = [1 -2 1.5];
% y = X * wstar;
% for alpha = [1 1e-1 1e-3]
%   w = diagonal_limit (X, y, alpha, alpha);
%   printf ('alpha = %g: |w - wstar| = %.3g, |w|_1 = %.4g\n', alpha, norm (w - wstar), norm (w, 1));
% end
% @end group
% @end example
% @seealso{lazy_rich, gd_deep}
% @end deftypefn

  fn = 'diagonal_limit';
  if (nargin < 4 || mod (numel (varargin), 2) ~= 0)
    ld_usage (fn);
  end
  X = ld_matrix (fn, 'X', X, 'finite', 'nonempty');
  [n, d] = size (X);
  y = ld_matrix (fn, 'y', y, 'finite', 'vector');
  if (numel (y) ~= n)
    error ('lindyn:diagonal_limit:y', 'diagonal_limit: y must have %d entries (the rows of X), got %d', ...
           n, numel (y));
  end
  y = y(:);
  u0 = positive_vector (fn, 'u0', u0, d);
  v0 = positive_vector (fn, 'v0', v0, d);
  [o, given] = ld_name_value (fn, struct ('tol', 1e-12, 'maxiter', 500), varargin);
  for k = 1:numel (given)
    switch (given{k})
      case 'tol'
        o.tol = ld_matrix (fn, 'tol', o.tol, 'scalar', 'finite', 'positive');
      case 'maxiter'
        o.maxiter = ld_matrix (fn, 'maxiter', o.maxiter, 'scalar', 'integer', 'nonnegative');
    end
  end
  % the SVD of X (n-by-d, U of n^2 and V of n*d doubles) and the n-by-n Hessian
  ld_memory_check (fn, 'X', 8 * (3 * n * n + 3 * n * d + 10 * d), ...
                   sprintf ('Newton on %d dual variables in %d dimensions', n, d));

  % X and y scaled together (the same interpolators and limit; no overflow in the
  % Hessian whatever the units); rank of X; dependent rows are replaced by an
  % orthonormal basis of their span
  sx = max (abs (X(:)));
  if (sx > 0)
    X = X / sx;  y = y / sx;
  end
  if (~ all (isfinite (y)))
    error ('lindyn:diagonal_limit:y', ...
           'diagonal_limit: y / max |X| overflows: no interpolator is representable');
  end
  s = svd (X);
  rk = sum (s > max (n, d) * eps * max ([s; 0]));
  reduced = rk < n;
  if (reduced)
    [Ux, Sx, Vx] = svd (X, 'econ');
    Ux = Ux(:, 1:rk);
    res = norm (y - Ux * (Ux' * y));
    if (res > 1e-8 * norm (y))
      error ('lindyn:diagonal_limit:y', ...
             ['diagonal_limit: X*w = y has no solution (X has rank %d < %d rows and the ', ...
              'least-squares residual of y is %.3g of norm (y)): gradient flow then does ', ...
              'not interpolate and this limit does not apply'], rk, n, res / norm (y));
    end
    X = Sx(1:rk, 1:rk) * Vx(:, 1:rk)';
    y = Ux' * y;
    n = rk;
  end

  % u0.^2 e^z - v0.^2 e^-z = 2 e^m sinh (z + rho), m = log (u0 v0), rho = log (u0/v0)
  m = log (u0) + log (v0);  rho = log (u0) - log (v0);
  absX = abs (X);
  mu = zeros (n, 1);
  [psi, w, c, g] = dual (X, y, m, rho, mu);
  if (~ all (isfinite ([w; c])))
    error ('lindyn:diagonal_limit:u0', ...
           'diagonal_limit: the start u0.^2 - v0.^2 (or u0.^2 + v0.^2) overflows');
  end
  iters = 0;  converged = false;  stalled = false;
  while (true)
    scale = max ([absX * abs(w) + abs(y); 0]);
    if (max ([abs(g); 0]) <= o.tol * scale)
      converged = true;
      break;
    end
    if (iters >= o.maxiter || stalled)
      break;
    end
    iters = iters + 1;
    % Newton direction from the eigendecomposition of the Hessian, its eigenvalues
    % floored at eps times the largest (tiny u0, v0 make it numerically singular: the
    % coordinates far from the support have c ~ u0 v0)
    H = X * (c .* X');
    if (~ all (isfinite (H(:))))
      break;                            % c overflows: reported as not converged
    end
    [Vh, ev] = eig ((H + H') / 2, 'vector');
    ev = max (ev, eps * max (ev));
    dir = -(Vh * ((Vh' * g) ./ ev));
    slope = g' * dir;                   % < 0
    % no step changes any z by more than 20 (e^20): far from the solution (tiny u0, v0)
    % the full Newton step would overflow every exponential
    step = min (1, 20 / max (abs (X' * dir)));
    % Armijo on psi while its decrease is resolved in floating point; below that (the
    % last steps), on the residual norm
    local = -slope * step <= 1e-10 * (sum (c) + abs (y' * mu));
    stalled = true;
    for k = 1:80
      mut = mu + step * dir;
      [psit, wt, ct, gt] = dual (X, y, m, rho, mut);
      if (local)
        ok = all (isfinite (gt)) && norm (gt) < norm (g);
      else
        ok = isfinite (psit) && psit <= psi + 0.25 * step * slope;
      end
      if (ok)
        stalled = false;
        break;
      end
      step = step / 2;
    end
    if (~ stalled)
      mu = mut;  psi = psit;  w = wt;  c = ct;  g = gt;
    end
  end
  % back to the units of X and y (z = X'*mu does not change)
  z = X' * mu;
  if (sx > 0)
    g = g * sx;  scale = scale * sx;
    if (~ reduced)
      mu = mu / sx;
    end
  end
  res = max ([abs(g); 0]);
  if (~ converged)
    warning ('lindyn:diagonal_limit:converge', ...
             ['diagonal_limit: max |X*w - y| = %.3g after %d Newton iterations, above ', ...
              'tol * %.3g (tol = %g)'], res, iters, scale, o.tol);
  end
  info = struct ('mu', mu, 'z', z, 'iters', iters, 'residual', res, ...
                 'scale', scale, 'converged', converged, 'rank', rk);
end

function [psi, w, c, g] = dual (X, y, m, rho, mu)
  % psi (mu) = sum (a e^z + b e^-z) - y'mu and its gradient X w - y, with
  % w = a e^z - b e^-z = e^(m + |s|) sign (s) (1 - e^(-2|s|)), s = z + rho, and
  % c = a e^z + b e^-z = e^(m + |s|) (1 + e^(-2|s|)): no cancellation, no overflow
  % before the result itself overflows
  s = X' * mu + rho;
  e = exp (m + abs (s));
  w = sign (s) .* e .* -expm1 (-2 * abs (s));
  c = e .* (1 + exp (-2 * abs (s)));
  psi = sum (c) - y' * mu;
  g = X * w - y;
end

function x = positive_vector (fn, name, x, d)
  x = ld_matrix (fn, name, x, 'finite', 'positive', 'vector', 'nonempty');
  if (isscalar (x))
    x = x * ones (d, 1);
  elseif (numel (x) ~= d)
    error (sprintf ('lindyn:%s:%s', fn, name), '%s: %s must be a scalar or a vector of %d entries (got %d)', ...
           fn, name, d, numel (x));
  end
  x = x(:);
end

%!shared X, y, wstar, n, d
%! n = 20;  d = 60;
%! X = randn (n, d);  wstar = zeros (d, 1);  wstar([3 17 40]) = [1.2 -2 0.7];
%! y = X * wstar;

%!test
%! % interpolates to 1e-10 (relative to |y|) for every scale, equal and unequal starts
%! for alpha = [1e-30 1e-8 1e-3 0.1 1 10 1e3]
%!   [w, info] = diagonal_limit (X, y, alpha, alpha);
%!   assert (info.converged);
%!   assert (norm (X * w - y) <= 1e-10 * norm (y));
%!   % the form of the limit: w = 2 alpha^2 sinh (X' mu)
%!   assert (w, 2 * alpha ^ 2 * sinh (X' * info.mu), 1e-12 * max (abs (w)));
%! end
%! u0 = 0.5 + rand (d, 1);  v0 = 0.1 + rand (d, 1);
%! [w, info] = diagonal_limit (X, y, u0, v0);
%! assert (norm (X * w - y) <= 1e-10 * norm (y));
%! assert (w, u0 .^ 2 .* exp (info.z) - v0 .^ 2 .* exp (-info.z), 1e-12 * max (abs (w)));
%! printf ('Newton iterations: %d (unequal u0, v0)\n', info.iters);

%!test
%! % an independent minimisation: sqp on the primal, min Q (w) s.t. X w = y, with
%! % Q's gradient and Hessian written out (small size: n = 4, d = 9)
%! Xs = randn (4, 9);  ys = randn (4, 1);
%! for trial = 1:3
%!   if (trial == 1)
%!     u0 = 0.3 * ones (9, 1);  v0 = u0;
%!   else
%!     u0 = 0.2 + rand (9, 1);  v0 = 0.2 + rand (9, 1);
%!   end
%!   c = 2 * u0 .* v0;  rho = log (u0 ./ v0);
%!   Q = @(w) sum (w .* asinh (w ./ c) - sqrt (w .^ 2 + c .^ 2) + c - rho .* w);
%!   dQ = @(w) asinh (w ./ c) - rho;
%!   d2Q = @(w) diag (1 ./ sqrt (w .^ 2 + c .^ 2));
%!   w0 = pinv (Xs) * ys;
%!   [wq, ~, status] = sqp (w0, {Q, dQ, d2Q}, {@(w) Xs * w - ys, @(w) Xs}, [], [], [], 200, 1e-14);
%!   assert (any (status == [101 104]));    % converged, or the step fell below tolerance
%!   % Newton's method on the primal in the null space of Xs (plain loop)
%!   N = null (Xs);  wn = w0;
%!   for k = 1:60
%!     wn = wn - N * ((N' * d2Q (wn) * N) \ (N' * dQ (wn)));
%!   end
%!   w = diagonal_limit (Xs, ys, u0, v0);
%!   printf ('trial %d: |w - sqp| / |w| = %.2e, |w - primal Newton| / |w| = %.2e\n', ...
%!           trial, norm (w - wq) / norm (w), norm (w - wn) / norm (w));
%!   % sqp ends either converged (~1e-15) or on a step below its tolerance (status 104),
%!   % up to ~1e-9 from the KKT point; the primal Newton iteration converges quadratically
%!   assert (norm (w - wq) <= 1e-7 * norm (w));
%!   assert (norm (w - wn) <= 1e-12 * norm (w));
%!   % and it is the flow's limit from u0, v0: u0.^2 e^z - v0.^2 e^-z with z in range (X')
%!   z = dQ (w);
%!   assert (norm (z - Xs' * (Xs' \ z)) <= 1e-10 * norm (z));
%! end

%!test
%! % dependent rows: an exact duplicate row changes nothing; an inconsistent y is refused
%! w = diagonal_limit (X, y, 0.1, 0.1);
%! [w2, info] = diagonal_limit ([X; X(5, :)], [y; y(5)], 0.1, 0.1);
%! assert (info.rank, n);
%! assert (w2, w, 1e-10 * norm (w));
%! fail ('diagonal_limit ([X; X(5, :)], [y; y(5) + 1], 0.1, 0.1)', 'no solution');
%! % n > d, X of full column rank, y = X w*: the only interpolator
%! Xt = randn (8, 3);  wt = [1; -1; 2];
%! assert (diagonal_limit (Xt, Xt * wt, 0.5, 0.5), wt, 1e-10);
%! % not converged within maxiter: info says so (and a warning, tested below)
%! warning ('off', 'lindyn:diagonal_limit:converge', 'local');
%! [~, info] = diagonal_limit (X, y, 1e-3, 1e-3, 'maxiter', 1);
%! assert (~ info.converged);  assert (info.iters, 1);

%!test
%! % units: X and y scaled together leave the limit unchanged, also at 1e200 (the
%! % Hessian would overflow unscaled); mu scales back, z = X'*mu does not change
%! [w, info] = diagonal_limit (X, y, 0.1, 0.1);
%! [w2, info2] = diagonal_limit (1e200 * X, 1e200 * y, 0.1, 0.1);
%! assert (w2, w, 1e-12 * norm (w));
%! assert (info2.z, info.z, 1e-12 * norm (info.z));
%! assert (1e200 * info2.mu, info.mu, 1e-12 * norm (info.mu));
%! assert (info.z, X' * info.mu, 1e-12 * norm (info.z));
%! % X = 0, y = 0: the flow never moves
%! assert (diagonal_limit (zeros (2, 3), [0; 0], [1 2 3], 1), [0; 3; 8], 1e-14);

%!error id=lindyn:diagonal_limit:u0 diagonal_limit ([1 2], 1, 1e200, 1)
%!error id=lindyn:diagonal_limit:y diagonal_limit ([1e-300 0], 1e10, 1, 1)
%!warning id=lindyn:diagonal_limit:converge diagonal_limit (randn (3, 5), randn (3, 1), 1e-3, 1e-3, 'maxiter', 1);

%!error <Invalid call> diagonal_limit (1, 1, 1)
%!error <Invalid call> diagonal_limit (1, 1, 1, 1, 'tol')
%!error id=lindyn:diagonal_limit:X diagonal_limit ([], [], 1, 1)
%!error id=lindyn:diagonal_limit:X diagonal_limit ([1 NaN], 1, 1, 1)
%!error id=lindyn:diagonal_limit:X diagonal_limit ({1}, 1, 1, 1)
%!error id=lindyn:diagonal_limit:y diagonal_limit ([1 2], [1 2], 1, 1)
%!error id=lindyn:diagonal_limit:y diagonal_limit ([1 2; 2 4], [1; 1], 1, 1)
%!error id=lindyn:diagonal_limit:y diagonal_limit ([1 2], Inf, 1, 1)
%!error id=lindyn:diagonal_limit:u0 diagonal_limit ([1 2], 1, 0, 1)
%!error id=lindyn:diagonal_limit:u0 diagonal_limit ([1 2], 1, [1 2 3], 1)
%!error id=lindyn:diagonal_limit:v0 diagonal_limit ([1 2], 1, 1, -1)
%!error id=lindyn:diagonal_limit:v0 diagonal_limit ([1 2], 1, 1, [])
%!error id=lindyn:diagonal_limit:tol diagonal_limit ([1 2], 1, 1, 1, 'tol', 0)
%!error id=lindyn:diagonal_limit:maxiter diagonal_limit ([1 2], 1, 1, 1, 'maxiter', 1.5)
%!error id=lindyn:diagonal_limit:option diagonal_limit ([1 2], 1, 1, 1, 'bogus', 1)

%!demo
%! % the limit's distance to a sparse target against the initialisation scale alpha
%! X = randn (20, 60);  wstar = zeros (60, 1);  wstar([3 17 40]) = [1.2 -2 0.7];
%! y = X * wstar;  alphas = logspace (-6, 1, 30);  err = zeros (size (alphas));
%! for k = 1:numel (alphas)
%!   err(k) = norm (diagonal_limit (X, y, alphas(k), alphas(k)) - wstar);
%! end
%! loglog (alphas, err, 'o-');  xlabel ('\alpha');  ylabel ('|w_\infty - w^*|');
