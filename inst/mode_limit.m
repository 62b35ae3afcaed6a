function w = mode_limit (sigma, lambda, t, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{w} =} mode_limit (@var{sigma}, @var{lambda}, @var{t})
% @deftypefnx {} {@var{w} =} mode_limit (@dots{}, @qcode{"depth"}, @var{L})
% The vanishing-initialization limit of the modes in rescaled time: Thm. 2, eq. (18),
% @tex
% $$\lim_{\delta\to\infty} w_i(\delta t) = {\sigma_i \over \lambda_i}\,1\{t > T_i\}
%   + {\sigma_i \over \lambda_i + \sigma_i}\,1\{t = T_i\},\qquad T_i = 1/\sigma_i,$$
% @end tex
% @ifnottex
% @code{w_i(delta*t) -> (sigma_i/lambda_i) [t > T_i] + sigma_i/(lambda_i + sigma_i) [t == T_i]},
% @code{T_i = 1/sigma_i},
% @end ifnottex
% where @code{w_i} is the flow of eq. (16) (@pxref{mode_flow}) started at
% @code{w_i(0) = exp (-2*delta)}, each factor at @code{exp (-delta)}.
% @emph{Erratum:} Thm. 2 as printed assumes @code{w_i(0) = exp (-delta)}, which would put
% the step at @code{t = 1/(2 sigma_i)}; @code{exp (-2*delta)} is the convention of Thm. 1
% and of the proof of Cor. 3, and the one for which the step is at @code{1/sigma_i}
% (the tests below show @code{mode_flow} converging to this limit).
%
% @var{sigma}, @var{lambda}: nonnegative scalars or vectors of one length m, with
% @code{lambda > 0} wherever @code{sigma > 0}; modes with @code{sigma = 0} have limit 0
% (@code{T_i = Inf}).  @var{t}: a vector of nonnegative rescaled times.  @var{w} is
% m-by-@code{numel (@var{t})}.
%
% Depth (option @qcode{"depth"}, integer L >= 2, default 2): for the depth-L modes
% of @code{mode_flow (@dots{}, "depth", L)} from @code{w_i(0) = exp (-L*delta)} (each factor
% at @code{exp (-delta)}), L >= 3, the time scale is @code{exp ((L-2)*delta)} instead of
% delta:
% @code{w_i(exp ((L-2)*delta)*t) -> (sigma_i/lambda_i) ([t > T_i] + beta_L [t == T_i])},
% @code{T_i = 1/((L-2)*sigma_i)}.  At @code{t = T_i} the exact time is
% @code{w0^(-(L-2)/L)/((L-2) sigma)}, and t(w) (see @code{mode_flow}) gives
% @code{L b^(2-L) = (L-2) G(b)} in the limit, @code{b = (w/w*)^(1/L)},
% @code{G(b) = L int_0^b v/(1 - v^L) dv}: @code{beta_L = b^L} depends on L alone
% (beta_3 = 0.908222, beta_4 = 0.694817, beta_5 = 0.539692; computed by
% @code{fzero} here, and checked against @code{mode_flow} at growing delta in the
% tests).  As delta grows, w at a fixed rescaled t is resolved only as well as
% @code{t*exp ((L-2)*delta)} is in floating point (to @code{eps*exp ((L-2)*delta)}
% absolute, against a transition O(1/sigma) wide).
%
% Example:
% @c runnable
% @example
% @group
% mode_limit ([1 0.5], [1 1], [0.5 1 1.5 2 3])
% % ->  0   0.5000   1.0000   1.0000   1.0000
% %      0        0        0   0.3333   0.5000     (second row: T = 2)
% mode_limit ([1 0.5], [1 1], [0.5 1 1.5 2 3], "depth", 3)   % steps at 1 and 2, 0.9082 and 0.4541 there
% @end group
% @end example
% @seealso{norm_limit, mode_flow, phase_times}
% @end deftypefn

  if (nargin < 3)
    ld_usage ('mode_limit');
  end
  [sigma, lambda] = ld_mode_args ('mode_limit', sigma, lambda);
  L = ld_depth ('mode_limit', varargin, 2);
  t = ld_matrix ('mode_limit', 't', t, 'vector', 'nonnegative');
  if (any (isnan (t)))
    error ('lindyn:mode_limit:t', 'mode_limit: t must not contain NaN');
  end
  bad = find (sigma > 0 & lambda == 0, 1);
  if (~ isempty (bad))
    error ('lindyn:mode_limit:lambda', ...
           'mode_limit: lambda(%d) must be positive where sigma > 0 (the plateau is sigma/lambda)', bad);
  end
  t = t(:)';
  T = 1 ./ sigma;                      % Inf for sigma = 0
  plateau = zeros (size (sigma));
  mid = zeros (size (sigma));
  k = sigma > 0;
  plateau(k) = sigma(k) ./ lambda(k);
  if (L == 2)
    mid(k) = sigma(k) ./ (lambda(k) + sigma(k));
  else
    T = T / (L - 2);
    mid(k) = plateau(k) * ld_beta (L);
  end
  w = plateau .* (t > T) + mid .* (t == T);
end

%!test
%! % the step of eq. 18
%! w = mode_limit ([1 0.5 0], [2 0.5 1], [0 0.5 1 2 3 Inf]);
%! assert (w, [0 0 1/3 0.5 0.5 0.5; 0 0 0 0.5 1 1; 0 0 0 0 0 0]);

%!test
%! % mode_flow (delta t) converges to the limit as delta grows (w0 = exp (-2 delta)),
%! % with the error at fixed t ~= T decaying like exp (-2 delta |1 - sigma t|)
%! sigma = [1 0.4];  lambda = [1.5 0.3];  t = [0.5 0.8 1.25 2 3 4];   % T = 1, 2.5
%! deltas = [5 10 20 40];  err = zeros (size (deltas));
%! for k = 1:numel (deltas)
%!   d = deltas(k);
%!   err(k) = max (max (abs (mode_flow (sigma, lambda, exp (-2 * d), d * t) ...
%!                          - mode_limit (sigma, lambda, t))));
%! end
%! % nearest point to a step: |1 - sigma t| = 0.2, so err ~ exp (-0.4 delta)
%! assert (all (diff (err) < 0));
%! assert (err(end) < 10 * exp (-0.4 * 40));
%! % at t = T exactly: sigma/(lambda + sigma) in the limit
%! % (there 1/w = 1 + (lambda/sigma) (1 - exp (-2 delta)) exactly)
%! v = mode_flow (1, 1.5, exp (-80), 40 * 1);
%! assert (v, 1 / (1 + 1.5 * (1 - exp (-80))), 1e-15);
%! assert (abs (v - 1 / 2.5) < 1e-30);

%!test
%! % depth 3, 4: mode_flow at exp((L-2) delta) t converges to the limit as delta grows,
%! % also at t = T, where the value is beta_L sigma/lambda
%! sigma = [1 0.4];  lambda = [1.5 0.3];
%! for L = [3 4]
%!   for i = 1:2
%!     T = 1 / ((L - 2) * sigma(i));  t = [0.7 1 1.4] * T;  ws = sigma(i) / lambda(i);
%!     lim = mode_limit (sigma(i), lambda(i), t, 'depth', L);
%!     assert (lim([1 3]), [0 ws]);
%!     err = zeros (1, 3);  dl = [3 5 7];
%!     for j = 1:3
%!       v = mode_flow (sigma(i), lambda(i), exp (-L * dl(j)), exp ((L - 2) * dl(j)) * t, ...
%!                      'depth', L);
%!       err(j) = max (abs (v - lim));
%!     end
%!     % at t = T the error is ~ G(b0) ~ exp(-2 delta); away from it it decays faster
%!     assert (all (diff (err) < 0));  assert (err(end) < 20 * ws * exp (-2 * dl(end)));
%!   end
%! end
%! assert (mode_limit (1, 1, 1, 'depth', 2), mode_limit (1, 1, 1));

%!error id=lindyn:mode_limit:depth mode_limit (1, 1, 1, 'depth', 1)
%!error id=lindyn:mode_limit:option mode_limit (1, 1, 1, 'dept', 3)
%!error <Invalid call> mode_limit (1, 1)
%!error id=lindyn:mode_limit:lambda mode_limit (1, 0, 1)
%!error id=lindyn:mode_limit:sigma mode_limit (-1, 1, 1)
%!error id=lindyn:mode_limit:t mode_limit (1, 1, -1)
%!error id=lindyn:mode_limit:t mode_limit (1, 1, NaN)
%!error id=lindyn:mode_limit:size mode_limit ([1 2], [1 2 3], 1)

%!demo
%! % eq. 16 in rescaled time approaches the step of eq. 18 as delta grows
%! t = linspace (0, 3, 600);
%! plot (t, mode_limit (1, 1, t), 'k');  hold on;
%! for delta = [3 10 30]
%!   plot (t, mode_flow (1, 1, exp (-2 * delta), delta * t));
%! end
%! hold off;
%! xlabel ('rescaled time t');  ylabel ('w(\delta t)');  title ('Thm. 2: delta = 3, 10, 30 and the limit');

function beta = ld_beta (L)
  % beta_L = b^L where L b^(2-L) = (L-2) G(b), G(b) = L int_0^b v/(1 - v^L) dv
  G = @(b) L * (ld_mode_depth_phi (b, 1 - b .^ L, L, 1) + b .^ (2 - L) / (L - 2));
  b = fzero (@(b) L * b .^ (2 - L) - (L - 2) * G (b), [1e-3, 1 - 1e-12], ...
             optimset ('TolX', eps));
  beta = b ^ L;
end
