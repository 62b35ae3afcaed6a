function s = norm_limit (sigma, lambda, t, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{s} =} norm_limit (@var{sigma}, @var{lambda}, @var{t})
% @deftypefnx {} {@var{s} =} norm_limit (@dots{}, @qcode{"depth"}, @var{L})
% The vanishing-initialization limit of @code{norm (W1*W2, "fro")^2} in rescaled time:
% Cor. 1, eq. (19),
% @tex
% $$\|W_1(\delta t)W_2(\delta t)\|_F^2 \to \sum_i {\sigma_i^2\over\lambda_i^2}\,1\{t > T_i\}
%   + {\sigma_i^2 \over (\lambda_i+\sigma_i)^2}\,1\{t = T_i\},\qquad T_i = 1/\sigma_i.$$
% @end tex
% @ifnottex
% @code{sum_i (sigma_i/lambda_i)^2 [t > T_i] + (sigma_i/(lambda_i + sigma_i))^2 [t == T_i]},
% @code{T_i = 1/sigma_i}.
% @end ifnottex
% The singular values of @code{W1*W2} are the modes (Thm. 1), so this is the sum of the
% squares of @code{mode_limit (@var{sigma}, @var{lambda}, @var{t})} (same arguments and
% conventions, including the @code{w(0) = exp (-2*delta)} erratum of Thm. 2).  The paper
% writes the squared "l2" norm; it is the Frobenius norm of the product.  @var{s} is
% 1-by-@code{numel (@var{t})}.  For the linear autoencoder (@code{lambda = sigma}) it is
% a staircase with integer steps (Fig. 1).  Option @qcode{"depth"}, L >= 3: the limit
% in units of @code{exp ((L-2)*delta)}, with steps at @code{1/((L-2)*sigma_i)}
% (@pxref{mode_limit}).
%
% Example:
% @c runnable
% @example
% @group
% norm_limit ([1e-1 1e-2 1e-3], [1e-1 1e-2 1e-3], [5 50 500 5000])
%   @result{} ans =
%          0   1   2   3
% norm_limit ([1e-1 1e-2 1e-3], [1e-1 1e-2 1e-3], [2 20 200 2000], "depth", 4)
%   @result{} ans =
%          0   1   2   3
% @end group
% @end example
% @seealso{mode_limit, mode_flow, flow_deep}
% @end deftypefn

  if (nargin < 3)
    ld_usage ('norm_limit');
  end
  try
    w = mode_limit (sigma, lambda, t, varargin{:});
  catch err
    % report the error under this function's name
    id = strrep (err.identifier, 'lindyn:mode_limit:', 'lindyn:norm_limit:');
    error (id, '%s', strrep (err.message, 'mode_limit:', 'norm_limit:'));
  end
  s = sum (w .^ 2, 1);
end

%!test
%! % against a direct sum over modes, including the value at t = T
%! sigma = [1 0.5 0.2];  lambda = [2 0.5 0.1];  t = [0.5 1 1.5 2 4 5 6];
%! s = norm_limit (sigma, lambda, t);
%! ref = zeros (size (t));
%! for i = 1:3
%!   ref = ref + (sigma(i) / lambda(i))^2 * (t > 1 / sigma(i)) ...
%!             + (sigma(i) / (lambda(i) + sigma(i)))^2 * (t == 1 / sigma(i));
%! end
%! assert (s, ref, 1e-15);
%! assert (norm_limit ([0.1 0.01 0.001], [0.1 0.01 0.001], [5 50 500 5000]), 0:3);

%!test
%! % one mode, several t: one value per t (the sum runs over modes, not over t)
%! assert (norm_limit (1, 1, [0.5 2 3]), [0 1 1]);
%! % T = 1/sigma = 2: 0 before, (sigma/(lambda+sigma))^2 at, (sigma/lambda)^2 after;
%! % always 1-by-numel (t)
%! assert (norm_limit (0.5, 2, [1 2 4]'), [0, (0.5 / 2.5)^2, (0.5 / 2)^2], 1e-15);

%!test
%! % Cor. 1: the norm of the closed-form product approaches the limit as delta grows
%! sigma = [1 0.3];  lambda = [0.8 0.5];  t = [0.5 2 5];
%! e = @(d) max (abs (sum (mode_flow (sigma, lambda, exp (-2 * d), d * t) .^ 2, 1) ...
%!                    - norm_limit (sigma, lambda, t)));
%! assert (e (40) < e (10) && e (10) < e (5) && e (40) < 1e-3);

%!test
%! % depth 3: steps at 1/sigma_i (L - 2 = 1), integer staircase for lambda = sigma
%! assert (norm_limit ([0.1 0.01 0.001], [0.1 0.01 0.001], [5 50 500 5000], 'depth', 3), 0:3);
%! s = norm_limit ([1 0.5], [2 1], [0.25 0.75 1.5], 'depth', 4);    % T = 0.5, 1
%! assert (s, [0, 0.25, 0.5]);

%!error id=lindyn:norm_limit:depth norm_limit (1, 1, 1, 'depth', 0)
%!error <Invalid call> norm_limit (1, 1)
%!error id=lindyn:norm_limit:lambda norm_limit (1, 0, 1)
%!error id=lindyn:norm_limit:t norm_limit (1, 1, -1)
%!error id=lindyn:norm_limit:sigma norm_limit ('a', 1, 1)

%!demo
%! % Fig. 1 (L = 2): the limit staircase and the closed form at finite delta
%! sigma = [1e-1 1e-2 1e-3];  t = logspace (0, 4, 400);
%! semilogx (t, norm_limit (sigma, sigma, t), 'k', ...
%!           t, sum (mode_flow (sigma, sigma, exp (-2 * 20), 20 * t) .^ 2, 1), 'b');
%! xlabel ('rescaled time t');  ylabel ('||W_1W_2(\delta t)||_F^2');
%! legend ('\delta \to \infty (eq. 19)', '\delta = 20', 'location', 'northwest');
