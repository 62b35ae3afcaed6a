function Wstar = ld_wstar (Sx, Sxy, R)
% -*- texinfo -*-
% @deftypefn  {} {@var{Wstar} =} ld_wstar (@var{Sx}, @var{Sxy})
% @deftypefnx {} {@var{Wstar} =} ld_wstar (@var{Sx}, @var{Sxy}, @var{R})
% W* = pinv(Sx)*Sxy, the minimum-norm minimiser of the least squares, the reference of
% every recorded excess loss (one rule for every function and update rule).  When Sx is
% well conditioned (cond(Sx) < 1/(1e3 d eps), so that pinv's default tolerance drops no
% eigenvalue and pinv is the inverse) two triangular solves with the Cholesky factor do
% it in d^3/3 flops; otherwise one symmetric eigendecomposition in the C core
% (@code{ld_min_norm_ls}, the pinv rule of every other function), still several times
% cheaper than pinv's SVD.  @var{R}, when given and not empty, is Sx's Cholesky factor
% (from @code{ld_moments_check}): it is not factored again.
% @end deftypefn

  d = size (Sx, 1);  p = size (Sxy, 2);
  if (d == 0 || p == 0)
    Wstar = zeros (d, p);
    return;
  end
  fail = false;
  if (nargin < 3 || isempty (R))
    [R, fail] = chol (Sx);
  end
  if (~ fail && rcond (R)^2 > 1e3 * d * eps)
    Wstar = R \ (R' \ Sxy);
    return;
  end
  Wstar = __lindyn_min_norm_ls__ (Sx, Sxy);
end
