function W = flow_linear (Sx, Sxy, t, W0)
% -*- texinfo -*-
% @deftypefn  {} {@var{W} =} flow_linear (@var{Sx}, @var{Sxy}, @var{t})
% @deftypefnx {} {@var{W} =} flow_linear (@var{Sx}, @var{Sxy}, @var{t}, @var{W0})
% The gradient flow of the linear model (L = 1) in closed form: Prop. 1, eq. (9),
% @tex
% $$W(t) = W^* + e^{-t\Sigma_x}(W_0 - W^*),\qquad W^* = \Sigma_x^{\dagger}\Sigma_{xy}.$$
% @end tex
% @ifnottex
% @code{W(t) = W* + expm (-t*Sx) * (W0 - W*)}, with @code{W* = pinv (Sx) * Sxy}.
% @end ifnottex
%
% @var{Sx} (d-by-d, symmetric positive semidefinite) and @var{Sxy} (d-by-p) are the
% second moments of the data (@pxref{second_moments}); @var{t} is a vector of
% nonnegative times; @var{W0} (d-by-p, default zeros) the initial point.  @var{W} is
% d-by-p-by-@code{numel (@var{t})}, @code{W(:,:,k)} the flow at @code{t(k)}.
%
% The C core computes one symmetric eigendecomposition of @var{Sx} (LAPACK
% @code{dsyevd}) and then costs one d-by-d by d-by-p product per time, however large the
% times: @code{W(t) = Q*(diag (f)*Q'*W0 + diag ((1 - f)./lambda)*Q'*Sxy)} with
% @code{f = exp (-t*lambda)} and @code{1 - f} from @code{expm1}, so no large @code{W*}
% is formed and cancelled when @var{Sx} is ill-conditioned.  A singular @var{Sx} is handled as in eq. (9): eigenvalues below
% @code{d*eps*max(eig(Sx))} count as zero, and the components of @var{W0} along them
% never move.  Eq. (9) is the flow only if the columns of @var{Sxy} lie in the range of
% @var{Sx} (always true for moments of data); otherwise the part outside is dropped and
% the warning @code{lindyn:flow_linear:range} is issued.
%
% Example: with a small initialization every component is learned at once, at its own
% exponential rate (no phases, unlike @code{mode_flow}):
% @c runnable
% @example
% @group
% Sx = diag ([1 0.5 0.1]);  Sxy = diag ([1 0.5 0.1]);
% W = flow_linear (Sx, Sxy, [1 10 100], 1e-3 * eye (3));
% squeeze (W(1,1,:))'      % 1 - (1 - 1e-3) * exp (-t)
% @end group
% @end example
% @seealso{gd_linear_closed, mode_flow, flow_deep, second_moments}
% @end deftypefn

  if (nargin < 3 || nargin > 4)
    ld_usage ('flow_linear');
  end
  [Sx, Sxy] = ld_moments_check ('flow_linear', Sx, Sxy);
  [d, p] = size (Sxy);
  if (isnumeric (t))               % W is d-by-p-by-numel (t): sized before t expands
    ld_memory_check ('flow_linear', 't', 8 * numel (t) * (d * p + 2), ...
                     sprintf ('%d-by-%d weights at %d times', d, p, numel (t)));
  end
  t = ld_matrix ('flow_linear', 't', t, 'finite', 'vector', 'nonnegative');
  if (nargin < 4)
    W0 = zeros (d, p);
  end
  W0 = ld_matrix ('flow_linear', 'W0', W0, 'finite', 'rows', d, 'cols', p);
  [W, null_sxy] = __lindyn_linear_closed__ (Sx, Sxy, W0, t, []);
  if (null_sxy > 1e-6 * norm (Sxy, 'fro'))
    warning ('lindyn:flow_linear:range', ...
             ['flow_linear: Sxy has a part of norm %g outside the range of Sx; ', ...
              'eq. (9) drops it, so W is not the gradient flow of these moments'], null_sxy);
  end
end

%!test
%! % against expm, at several times; W(0) = W0
%! randn ('state', 1);
%! A = randn (6);  Sx = A * A' / 6;  Sxy = randn (6, 3);  W0 = randn (6, 3);
%! t = [0 0.3 2 7];
%! W = flow_linear (Sx, Sxy, t, W0);
%! assert (size (W), [6 3 4]);
%! Ws = Sx \ Sxy;
%! for k = 1:4
%!   ref = Ws + expm (-t(k) * Sx) * (W0 - Ws);
%!   % W* has norm ~ cond(Sx) ~ 1e3: relative accuracy eps * cond
%!   assert (W(:,:,k), ref, 1e-11 * norm (Ws, 'fro'));
%! end
%! assert (W(:,:,1), W0, 1e-12 * norm (Ws, 'fro'));

%!test
%! % singular Sx from data (rank 3 of 6): pinv solution, null-space part of W0 fixed
%! randn ('state', 2);
%! X = randn (40, 3) * randn (3, 6);  Y = randn (40, 2);
%! [Sx, Sxy] = second_moments (X, Y);
%! W0 = randn (6, 2);
%! W = flow_linear (Sx, Sxy, [0.5 1e8], W0);
%! ref = pinv (Sx) * Sxy + expm (-0.5 * Sx) * (W0 - pinv (Sx) * Sxy);
%! assert (W(:,:,1), ref, 1e-10);
%! N = null (Sx);  P = N * N';
%! assert (P * W(:,:,2), P * W0, 1e-10);                 % never moves
%! assert ((eye (6) - P) * W(:,:,2), pinv (Sx) * Sxy, 1e-9);   % the rest converges

%!test
%! % W0 defaults to zeros; t in any orientation; scalar problem
%! W = flow_linear (2, 4, [1; 2]);
%! assert (squeeze (W)', 2 * (1 - exp (-2 * [1 2])), 1e-15);
%! assert (size (flow_linear (eye (2), ones (2, 1), [])), [2 1 0]);

%!warning <outside the range of Sx> flow_linear ([1 0; 0 0], [1; 1], 1);

%!error <Invalid call> flow_linear (1, 1)
%!error id=lindyn:flow_linear:Sx flow_linear ([1 2; 3 4], [1; 1], 1)
%!error id=lindyn:flow_linear:Sx flow_linear ([1 0; 0 -1], [1; 1], 1)
%!error id=lindyn:flow_linear:Sxy flow_linear (eye (2), [1; 1; 1], 1)
%!error id=lindyn:flow_linear:t flow_linear (1, 1, -1)
%!error id=lindyn:flow_linear:t flow_linear (1, 1, NaN)
%!error id=lindyn:flow_linear:t flow_linear (1, 1, ones (2))
%!error id=lindyn:flow_linear:W0 flow_linear (eye (2), [1; 1], 1, [1 1])
%!error id=lindyn:flow_linear:W0 flow_linear (1, 1, 1, 'a')

%!demo
%! % L = 1: every component is learned at once, each at its own rate (Prop. 1)
%! sigma = [1e-1 1e-2 1e-3];  Sx = eye (3);  Sxy = diag (sigma);  delta = 10;
%! t = logspace (0, 4.5, 300);
%! W = flow_linear (Sx, Sxy, t, exp (-delta) * eye (3));
%! semilogx (t, squeeze (sum (sum (W.^2, 1), 2)));
%! xlabel ('t');  ylabel ('||W(t)||_F^2');  title ('flow\_linear: no phases');

%!error id=lindyn:flow_linear:memory flow_linear (eye (2), ones (2), 0:1e12)
