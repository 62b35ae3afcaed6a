function W = gd_linear_closed (Sx, Sxy, eta, t, W0)
% -*- texinfo -*-
% @deftypefn  {} {@var{W} =} gd_linear_closed (@var{Sx}, @var{Sxy}, @var{eta}, @var{t})
% @deftypefnx {} {@var{W} =} gd_linear_closed (@var{Sx}, @var{Sxy}, @var{eta}, @var{t}, @var{W0})
% Gradient descent on the linear model (L = 1) in closed form, eq. (21):
% @tex
% $$W_t = W^* + (I - \eta\Sigma_x)^t (W_0 - W^*),\qquad W^* = \Sigma_x^{\dagger}\Sigma_{xy},$$
% @end tex
% @ifnottex
% @code{W_t = W* + (eye (d) - eta*Sx)^t * (W0 - W*)}, with @code{W* = pinv (Sx) * Sxy},
% @end ifnottex
% the iterate after @var{t} steps of @code{W <- W - eta*(Sx*W - Sxy)} from @var{W0}
% (default zeros).
%
% @var{t} is a vector of nonnegative integer iteration counts, in any order, up to
% 2^53 (1e12 costs the same as 1: nothing is iterated).  @var{W} is
% d-by-p-by-@code{numel (@var{t})}.  The C core takes one symmetric eigendecomposition of
% @var{Sx} (LAPACK @code{dsyevd}) and raises each eigenvalue factor to the power t as
% @code{exp (t * log1p (-eta*lambda))}, with the sign of @code{(1 - eta*lambda)^t} when
% @code{eta*lambda > 1}: this keeps full accuracy when @code{eta*lambda} is tiny and t
% huge, where forming @code{1 - eta*lambda} first would not.
%
% Singular @var{Sx} as in @code{flow_linear} (null-space components of @var{W0} never
% move; warning @code{lindyn:gd_linear_closed:range} if @var{Sxy} leaves the range of
% @var{Sx}).  Gradient descent is stable iff @code{0 < eta < 2/max(eig(Sx))}; larger
% steps are evaluated all the same (the iterates grow, possibly to Inf) with the warning
% @code{lindyn:gd_linear_closed:unstable}.
%
% Example:
% @c runnable
% @example
% @group
% Sx = [2 1; 1 2];  Sxy = [1; 0];
% W = gd_linear_closed (Sx, Sxy, 0.3, [0 1 10 1e12]);
% squeeze (W)'            % the last column is Sx \ Sxy
% @end group
% @end example
% @seealso{flow_linear, gd_linear, mode_gd, stepsize_check}
% @end deftypefn

  if (nargin < 4 || nargin > 5)
    ld_usage ('gd_linear_closed');
  end
  fn = 'gd_linear_closed';
  [Sx, Sxy] = ld_moments_check (fn, Sx, Sxy);
  [d, p] = size (Sxy);
  eta = ld_matrix (fn, 'eta', eta, 'finite', 'scalar', 'positive');
  if (isnumeric (t))               % W is d-by-p-by-numel (t): sized before t expands
    ld_memory_check (fn, 't', 8 * numel (t) * (d * p + 2), ...
                     sprintf ('%d-by-%d weights at %d times', d, p, numel (t)));
  end
  t = ld_matrix (fn, 't', t, 'finite', 'vector', 'nonnegative', 'integer');
  if (any (t > 2^53))
    error ('lindyn:gd_linear_closed:t', 'gd_linear_closed: t must not exceed 2^53');
  end
  if (nargin < 5)
    W0 = zeros (d, p);
  end
  W0 = ld_matrix (fn, 'W0', W0, 'finite', 'rows', d, 'cols', p);
  [W, null_sxy, lambda_max] = __lindyn_linear_closed__ (Sx, Sxy, W0, t, eta);
  if (null_sxy > 1e-6 * norm (Sxy, 'fro'))
    warning ('lindyn:gd_linear_closed:range', ...
             ['gd_linear_closed: Sxy has a part of norm %g outside the range of Sx; ', ...
              'eq. (21) drops it, so W is not what gradient descent computes'], null_sxy);
  end
  if (eta * lambda_max >= 2)
    warning ('lindyn:gd_linear_closed:unstable', ...
             'gd_linear_closed: eta = %g >= 2/lambda_max(Sx) = %g: gradient descent diverges', ...
             eta, 2 / lambda_max);
  end
end

%!test
%! % against the plain loop of W <- W - eta (Sx W - Sxy), unsorted t with a repeat
%! randn ('state', 3);
%! A = randn (5);  Sx = A * A' / 5;  Sxy = randn (5, 2);  W0 = randn (5, 2);
%! eta = 1.5 / max (eig (Sx));       % some factors 1 - eta*lambda are negative
%! t = [30 0 7 30 1];
%! W = gd_linear_closed (Sx, Sxy, eta, t, W0);
%! V = W0;  ref = zeros (5, 2, 31);  ref(:,:,1) = V;
%! for k = 1:30
%!   V = V - eta * (Sx * V - Sxy);  ref(:,:,k+1) = V;
%! end
%! % entries of W* are ~ cond(Sx) ~ 1e2..1e3; 30 steps of a contraction: ~ 30 eps * |W*|
%! assert (W, ref(:,:,t+1), 1e-11 * max (abs (ref(:))));

%!test
%! % t = 1e12 without iterating: against (1 - x)^t by its logarithm's series, x tiny
%! x = 2^-43;  t = 2^40;
%! W = gd_linear_closed (x, 0, 1, [t 1e12], 1);
%! assert (W(1), exp (-t * (x + x^2 / 2 + x^3 / 3)), 4 * eps);
%! % and a well-conditioned problem is converged to W* = Sx \ Sxy at t = 1e12
%! Sx = [2 1; 1 2];  Sxy = [1 2; 3 4];
%! W = gd_linear_closed (Sx, Sxy, 0.1, 1e12, ones (2));
%! assert (W, Sx \ Sxy, 1e-14);

%!test
%! % singular Sx (rank 2 of 4): agrees with iterating; null-space part of W0 fixed
%! randn ('state', 4);
%! B = randn (4, 2);  Sx = B * B';  Sxy = Sx * randn (4, 3);  W0 = randn (4, 3);
%! eta = 1 / max (eig (Sx));
%! V = W0;
%! for k = 1:200, V = V - eta * (Sx * V - Sxy); end
%! W = gd_linear_closed (Sx, Sxy, eta, 200, W0);
%! assert (W, V, 1e-12 * max (abs (V(:))));
%! N = null (Sx);
%! assert (N' * W, N' * W0, 1e-13);

%!warning <diverges> gd_linear_closed (1, 1, 2.5, 3);
%!warning <outside the range> gd_linear_closed ([1 0; 0 0], [1; 1], 0.5, 3);
%!test
%! warning ('off', 'lindyn:gd_linear_closed:unstable', 'local');
%! % (1 - 3)^t through exp (t * log (2)) with the sign of t: a few ulps
%! assert (gd_linear_closed (1, 0, 3, [1 2 3], 1)(:)', [-2 4 -8], 8 * eps * 8);

%!error <Invalid call> gd_linear_closed (1, 1, 0.1)
%!error id=lindyn:gd_linear_closed:eta gd_linear_closed (1, 1, 0, 1)
%!error id=lindyn:gd_linear_closed:eta gd_linear_closed (1, 1, [0.1 0.2], 1)
%!error id=lindyn:gd_linear_closed:t gd_linear_closed (1, 1, 0.1, 1.5)
%!error id=lindyn:gd_linear_closed:t gd_linear_closed (1, 1, 0.1, -1)
%!error id=lindyn:gd_linear_closed:t gd_linear_closed (1, 1, 0.1, 2^54)
%!error id=lindyn:gd_linear_closed:Sx gd_linear_closed ([1 2; 0 1], [1; 1], 0.1, 1)
%!error id=lindyn:gd_linear_closed:Sxy gd_linear_closed (1, [1; 1], 0.1, 1)
%!error id=lindyn:gd_linear_closed:W0 gd_linear_closed (1, 1, 0.1, 1, [1 2])

%!demo
%! % eq. 21 at log-spaced iterations: all components rise together
%! Sx = eye (3);  Sxy = diag ([1e-1 1e-2 1e-3]);  eta = 0.5;
%! t = unique (round (logspace (0, 5, 200)));
%! W = gd_linear_closed (Sx, Sxy, eta, t, exp (-10) * eye (3));
%! semilogx (t, squeeze (sum (sum (W.^2, 1), 2)));
%! xlabel ('iteration t');  ylabel ('||W_t||_F^2');  title ('gd\_linear\_closed');

%!error id=lindyn:gd_linear_closed:memory gd_linear_closed (eye (2), ones (2), 0.1, 0:1e12)
