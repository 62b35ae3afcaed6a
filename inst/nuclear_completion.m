function [W, info] = nuclear_completion (M, mask, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{W} =} nuclear_completion (@var{M}, @var{mask})
% @deftypefnx {} {[@var{W}, @var{info}] =} nuclear_completion (@var{M}, @var{mask}, @var{name}, @var{value}, @dots{})
% The minimum-nuclear-norm completion of the entries of @var{M} where the logical
% @var{mask} is true:
% @c formula
% @example
% W = argmin norm_* (W)  subject to  W(mask) = M(mask),
% @end example
% the convex baseline of matrix completion (Candes & Recht 2009) against which deep
% factorizations are compared (@code{gd_completion}).
%
% Method: ADMM (Boyd et al. 2011, section 5) on the splitting X = Z with X in the affine
% set @{X(mask) = M(mask)@} and Z carrying the nuclear norm; with the scaled dual U:
% @c formula
% @example
% X <- Z - U, then X(mask) = M(mask)       (projection onto the affine set)
% Z <- svt (X + U, 1/rho)                  (singular-value soft thresholding)
% U <- U + X - Z
% @end example
% rho adapted by residual balancing (doubled or halved when the primal and dual
% residuals differ by more than a factor 10; start @code{rho = 10 / norm (M(mask))}, or
% option @qcode{"rho"}).  The iteration stops when the primal residual
% @code{norm (X - Z, "fro")} and the dual residual @code{rho * norm (Z - Zprev, "fro")}
% are both at most @qcode{"tol"} (default 1e-9) times @code{norm (M(mask))}, or after
% @qcode{"maxit"} (default 20000) iterations (then @code{info.converged} is false and
% warning @code{lindyn:nuclear_completion:maxit} is issued).  @var{W} is the feasible
% iterate X (it matches @var{M} on the mask exactly); its nuclear norm exceeds the
% minimum by at most about the stopping tolerance.  One SVD of the n1-by-n2 iterate per
% iteration.
%
% @var{info} has fields @code{iters}, @code{primal}, @code{dual} (the final residuals,
% relative to @code{norm (M(mask))}), @code{converged}, @code{rho} and @code{nuclear}
% (the nuclear norm of @var{W}).
%
% Errors: @code{lindyn:nuclear_completion:M}, @code{:mask}, @code{:tol}, @code{:maxit},
% @code{:rho}, @code{:option}.
%
% Example: a rank-1 matrix from 60% of its entries is recovered exactly:
% @c runnable
% @example
% @group
% rand ("state", 1);  M = (1:8)' * (8:-1:1);  mask = rand (8) < 0.6;
% W = nuclear_completion (M, mask);
% norm (W - M, "fro") / norm (M, "fro")
% @end group
% @end example
% @seealso{gd_completion, effective_rank}
% @end deftypefn

  if (nargin < 2)
    ld_usage ('nuclear_completion');
  end
  fn = 'nuclear_completion';
  M = ld_matrix (fn, 'M', M, 'finite', 'nonempty');
  if (~ (islogical (mask) && isequal (size (mask), size (M))))
    error ('lindyn:nuclear_completion:mask', ...
           'nuclear_completion: mask must be a logical %d-by-%d matrix', size (M, 1), size (M, 2));
  end
  mask = full (mask);
  o = ld_name_value (fn, struct ('tol', 1e-9, 'maxit', 20000, 'rho', []), varargin);
  tol = ld_matrix (fn, 'tol', o.tol, 'scalar', 'finite', 'positive');
  maxit = ld_matrix (fn, 'maxit', o.maxit, 'scalar', 'integer', 'positive');
  scale = norm (M(mask));
  info = struct ('iters', 0, 'primal', 0, 'dual', 0, 'converged', true, 'rho', NaN, 'nuclear', 0);
  if (scale == 0)
    W = zeros (size (M));
    return;
  end
  if (isempty (o.rho))
    rho = 10 / scale;
  else
    rho = ld_matrix (fn, 'rho', o.rho, 'scalar', 'finite', 'positive');
  end

  Z = zeros (size (M));  U = Z;  Mo = M(mask);
  converged = false;  it = 0;
  while (it < maxit)
    it = it + 1;
    X = Z - U;  X(mask) = Mo;
    Zp = Z;
    [Us, S, V] = svd (X + U, 'econ');
    s = max (diag (S) - 1 / rho, 0);  k = nnz (s);
    Z = Us(:,1:k) * diag (s(1:k)) * V(:,1:k)';
    U = U + X - Z;
    rp = norm (X - Z, 'fro') / scale;  rd = rho * norm (Z - Zp, 'fro') / scale;
    if (rp <= tol && rd <= tol)
      converged = true;
      break;
    end
    if (rp > 10 * rd)
      rho = 2 * rho;  U = U / 2;
    elseif (rd > 10 * rp)
      rho = rho / 2;  U = U * 2;
    end
  end
  W = Z - U;  W(mask) = Mo;
  if (~ converged)
    warning ('lindyn:nuclear_completion:maxit', ...
             'nuclear_completion: no convergence in %d iterations (residuals %.2g, %.2g)', ...
             maxit, rp, rd);
  end
  info = struct ('iters', it, 'primal', rp, 'dual', rd, 'converged', converged, 'rho', rho, ...
                 'nuclear', sum (svd (W)));
end

%!test
%! % exact recovery: a random rank-2 30-by-30 matrix from 60% of its entries (well above
%! % the ~ 2 r n log n / n^2 sampling threshold of Candes & Recht); the minimum nuclear
%! % norm is never above the target's (the target is feasible)
%! randn ('state', 1);  rand ('state', 1);
%! M = randn (30, 2) * randn (2, 30);  mask = rand (30) < 0.6;
%! [W, info] = nuclear_completion (M, mask);
%! assert (info.converged);
%! assert (norm (W - M, 'fro') <= 1e-5 * norm (M, 'fro'));
%! assert (W(mask), M(mask), 0);
%! % W's nuclear norm exceeds the minimum by about the stopping tolerance at most
%! assert (info.nuclear <= sum (svd (M)) * (1 + 1e-6));

%!test
%! % too few entries (10%): no recovery, and the nuclear norm is below the target's
%! randn ('state', 2);  rand ('state', 2);
%! M = randn (30, 2) * randn (2, 30);  mask = rand (30) < 0.1;
%! % (underdetermined cases converge slowly: a looser tolerance keeps the test short)
%! [W, info] = nuclear_completion (M, mask, 'tol', 1e-5);
%! assert (info.converged);
%! assert (info.nuclear <= sum (svd (M)) * (1 + 1e-4));
%! assert (norm (W - M, 'fro') > 0.1 * norm (M, 'fro'));
%! assert (W(mask), M(mask), 0);

%!test
%! % one unobserved entry of a 3-by-3: the nuclear norm is convex in it, and fminbnd
%! % finds its minimum independently
%! M = [1 2 3; 2 4 6; 3 6 0];  mask = true (3);  mask(3, 3) = false;
%! W = nuclear_completion (M, mask);
%! nn = @(v) sum (svd ([1 2 3; 2 4 6; 3 6 v]));
%! [x, best] = fminbnd (nn, -50, 50, optimset ('TolX', 1e-10));
%! % the minimum is flat to second order only where the norm is smooth: compare values,
%! % and the entry to the square root of the tolerance
%! assert (sum (svd (W)) <= best + 1e-7);
%! assert (abs (W(3, 3) - x) <= 1e-3 * max (1, abs (x)));

%!error <Invalid call> nuclear_completion (1)
%!error id=lindyn:nuclear_completion:mask nuclear_completion (ones (2), true (3))
%!error id=lindyn:nuclear_completion:mask nuclear_completion (ones (2), ones (2))
%!error id=lindyn:nuclear_completion:M nuclear_completion ([NaN 1], [true true])
%!error id=lindyn:nuclear_completion:tol nuclear_completion (1, true, 'tol', 0)
%!error id=lindyn:nuclear_completion:maxit nuclear_completion (1, true, 'maxit', 1.5)
%!error id=lindyn:nuclear_completion:option nuclear_completion (1, true, 'bogus', 1)
%!warning id=lindyn:nuclear_completion:maxit nuclear_completion (magic (4), magic (4) > 8, 'maxit', 2);

%!demo
%! % recovery error against the fraction observed, rank 2, 30-by-30
%! randn ('state', 1);  rand ('state', 1);
%! M = randn (30, 2) * randn (2, 30);  f = 0.1:0.1:0.8;  e = zeros (size (f));
%! for k = 1:numel (f)
%!   W = nuclear_completion (M, rand (30) < f(k));  e(k) = norm (W - M, 'fro') / norm (M, 'fro');
%! end
%! semilogy (f, e, 'o-');  xlabel ('fraction observed');  ylabel ('relative error');
