function w = mode_flow (sigma, lambda, w0, t, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{w} =} mode_flow (@var{sigma}, @var{lambda}, @var{w0}, @var{t})
% @deftypefnx {} {@var{w} =} mode_flow (@dots{}, @qcode{"depth"}, @var{L})
% The end-to-end modes of the two-layer gradient flow in closed form: Thm. 1, eq. (16),
% the solution of @code{dw/dt = 2 w (sigma - lambda w)}, @code{w(0) = w0}:
% @tex
% $$w(t) = {\sigma w_0 \over (\sigma - \lambda w_0) e^{-2\sigma t} + \lambda w_0}
%   \ (\sigma > 0),\qquad w(t) = {w_0 \over 1 + 2\lambda w_0 t}\ (\sigma = 0).$$
% @end tex
% @ifnottex
% @c formula
% @example
% w(t) = sigma*w0 / ((sigma - lambda*w0)*exp (-2*sigma*t) + lambda*w0)   (sigma > 0)
% w(t) = w0 / (1 + 2*lambda*w0*t)                                        (sigma = 0)
% @end example
% @end ifnottex
% and @code{w(t) = w0} for @code{sigma = lambda = 0}.
%
% Under Assumption 1 with eps = 0 and Thm. 1's aligned, balanced initialization
% (@code{W1(0) = U S1 Q}, @code{W2(0) = inv (Q) S2 V'}, modes @code{w0 = exp (-2*delta)}),
% the product @code{W1*W2} is @code{U*diag (w(t))*V'}, where @var{sigma} are the
% singular values of @var{Sxy} and @code{lambda(i) = U(:,i)'*Sx*U(:,i)}.
% @emph{Erratum:} eq. (16) as printed has @code{exp (-delta)} in the denominator of the
% @code{sigma = 0} branch; with @code{w0 = exp (-2*delta)} the solution of the ODE is the
% one above (checked against an ODE solver in this file's tests).
%
% From any start, random or aligned, @code{[sigma, lambda, w0] = mode_start (Sx, Sxy, W0)}
% gives the modes and the effective start of each (exact for aligned balanced starts;
% derived for small random ones, see @code{mode_start}).
% @var{sigma}, @var{lambda}, @var{w0}: nonnegative scalars or vectors of one length m
% (scalars are expanded); @var{t}: a vector of nonnegative times.  @var{w} is
% m-by-@code{numel (@var{t})}.  The C core evaluates
% @code{1/w = exp (-2*sigma*t)/w0 + (lambda/sigma)*(1 - exp (-2*sigma*t))}, a sum of
% two nonnegative terms (no cancellation, no @code{exp (2*sigma*t)} to overflow), taking
% logarithms when @code{exp (-2*sigma*t)} underflows: t may be huge and @var{w0} tiny.
%
% Depth (option @qcode{"depth"}, an integer L >= 1, default 2): the aligned modes of
% a depth-L network, @code{W1 = U diag(a) Q1'}, @code{Wl = Q(l-1) diag(a) Ql'},
% @code{WL = Q(L-1) diag(a) V'} (@code{aligned_init} with a vector of widths), keep that
% form under the flow, and @code{w = a^L} solves
% @tex
% $$\dot w = L\,w^{2-2/L}(\sigma - \lambda w)$$
% @end tex
% @ifnottex
% @code{dw/dt = L w^(2-2/L) (sigma - lambda w)}
% @end ifnottex
% (Arora, Cohen and Hazan 2018; L = 2 is the equation above, L = 1 the linear model,
% @code{w0 e^(-lambda t) + (sigma/lambda)(1 - e^(-lambda t))}).  For L >= 3 the
% time to reach w is known in closed form: with @code{w* = sigma/lambda},
% @code{b = (w/w*)^(1/L)},
% @code{sigma t (w*)^((L-2)/L) = phi(b) - phi(b0)},
% @code{phi(b) = -b^(2-L)/(L-2) - (1/L) sum_k om_k^2 log (1 - b conj (om_k))} over the
% L-th roots of unity @code{om_k} (partial fractions of @code{1/(v^(L-1)(1 - v^L))}),
% and w(t) is its inverse, found by Newton's method on @code{log (y/(1-y))},
% @code{y = w/w*} (below the plateau t is concave in that variable, so the iterates
% rise monotonically to the root; above it, on @code{log (y-1)}), to about 1e-14
% relative (checked against @code{ode45} and @code{flow_deep} in the tests).
% @code{sigma = 0} gives @code{w0 (1 + (2L-2) lambda t w0^((2L-2)/L))^(-L/(2L-2))},
% @code{lambda = 0} a blow-up at @code{t = w0^(-(L-2)/L)/((L-2) sigma)} (Inf after it).
% From @code{w0 = exp (-L*delta)} (each factor at @code{exp (-delta)}) a mode is learned
% near @code{t = exp ((L-2)*delta)/((L-2)*sigma)} for L >= 3: still proportional to
% 1/sigma, but on the time scale @code{exp ((L-2)*delta)} instead of delta
% (@code{phase_times}, @code{mode_limit}).  L = 2 is computed exactly as without the
% option.
%
% Example (the time of the jump grows like @code{delta/sigma}):
% @c runnable
% @example
% @group
% delta = 20;  t = [5 10 20 40];
% mode_flow ([1 0.5], [1 1], exp (-2*delta), t)
% mode_flow ([1 0.5], [1 1], exp (-3*4), [40 80 120], "depth", 3)  % jumps near e^4/sigma = 55, 109
% @end group
% @end example
% @seealso{mode_start, mode_gd, mode_limit, phase_times, flow_deep, flow_linear}
% @end deftypefn

  if (nargin < 4)
    ld_usage ('mode_flow');
  end
  [sigma, lambda, w0] = ld_mode_args ('mode_flow', sigma, lambda, w0);
  if (isnumeric (t))               % w is numel (sigma)-by-numel (t): sized before t expands
    ld_memory_check ('mode_flow', 't', 8 * numel (t) * (numel (sigma) + 2), ...
                     sprintf ('%d modes at %d times', numel (sigma), numel (t)));
  end
  t = ld_matrix ('mode_flow', 't', t, 'finite', 'vector', 'nonnegative');
  L = ld_depth ('mode_flow', varargin, 1);
  if (L == 2)
    w = __lindyn_modes__ (sigma, lambda, w0, t);
  else
    w = ld_mode_flow_depth (sigma, lambda, w0, t(:)', L);
  end
end

%!test
%! % against ode45 on dw/dt = 2 w (sigma - lambda w), all three branches
%! sigma = [1 0.3 2 0 0];  lambda = [2 0.1 0.5 0.7 0];  w0 = [1e-3 5 0.01 0.4 0.2];
%! t = [0 0.5 1.7 4];
%! w = mode_flow (sigma, lambda, w0, t);
%! opt = odeset ('RelTol', 1e-12, 'AbsTol', 1e-14);
%! for i = 1:5
%!   [~, y] = ode45 (@(s, v) 2 * v * (sigma(i) - lambda(i) * v), t, w0(i), opt);
%!   % ode45 at RelTol 1e-12 is accurate to ~1e-11 relative over these spans
%!   assert (w(i,:), y(:)', 1e-10 * max (abs (y)));
%! end

%!test
%! % the paper's form of eq. 16 with w0 = exp (-2 delta), moderate range
%! delta = 3;  s = [0.9 0.4];  l = [1.3 0.2];  t = linspace (0, 10, 7);
%! w = mode_flow (s, l, exp (-2 * delta), t);
%! E = exp (2 * s(:) * t - 2 * delta);
%! ref = s(:) .* E ./ (l(:) .* (E - exp (-2 * delta)) + s(:));
%! assert (w, ref, 1e-14);

%!test
%! % tiny w0 and huge t: no overflow; the limit sigma/lambda and the step at delta/sigma
%! delta = 300;  w0 = exp (-2 * delta);
%! w = mode_flow (1, 4, w0, [1e9 0.9 * delta 1.1 * delta]);
%! assert (w(1), 0.25, eps);
%! % at 0.9 delta and 1.1 delta: 1/w = exp (+-60) + 4 (1 - exp (-2 t)), exp (-2 t) < 1e-234
%! assert (w(2:3), 1 ./ (exp ([60 -60]) + 4), 2 * eps * (1 ./ (exp ([60 -60]) + 4)));
%! assert (mode_flow (0.5, 0, 1e-200, 500), 1e-200 * exp (500), 1e-12 * 1e-200 * exp (500));

%!test
%! % scalar expansion, w0 = 0 and t = 0
%! w = mode_flow ([1 2 3], 1, [0.1 0 0.2], [0 1]);
%! assert (size (w), [3 2]);
%! assert (w(:,1), [0.1; 0; 0.2]);  assert (w(2,2), 0);
%! assert (size (mode_flow ([], 1, 1, 1:3)), [0 3]);

%!test
%! % depth L = 3, 4 against ode45 on dw/dt = L w^(2-2/L) (sigma - lambda w):
%! % growth from below the plateau, decay from above it, sigma = 0, lambda = 0
%! sigma = [1 0.3 2 0 0.5];  lambda = [2 0.1 0.5 0.7 0];  w0 = [1e-3 5 0.01 0.4 0.02];
%! t = [0 0.5 1.7 4];
%! opt = odeset ('RelTol', 1e-12, 'AbsTol', 1e-16);
%! for L = [3 4]
%!   w = mode_flow (sigma, lambda, w0, t, 'depth', L);
%!   for i = 1:5
%!     [~, y] = ode45 (@(s, v) L * v^(2-2/L) * (sigma(i) - lambda(i) * v), t, w0(i), opt);
%!     % ode45 at RelTol 1e-12 is good to ~1e-11 here; the closed form to ~1e-14
%!     assert (w(i,:), y(:)', 1e-10 * abs (y(:)'));
%!   end
%! end
%! % L = 1, the linear model: against flow_linear (its eigendecomposition in C) for
%! % lambda > 0, and w0 + sigma t for lambda = 0
%! w = mode_flow (sigma, lambda, w0, t, 'depth', 1);
%! for i = 1:4
%!   assert (w(i,:), squeeze (flow_linear (lambda(i), sigma(i), t, w0(i)))', 1e-14);
%! end
%! assert (w(5,:), w0(5) + sigma(5) * t, 1e-15);
%! % L = 2 through the option is the same computation, to the bit
%! assert (isequal (mode_flow (sigma, lambda, w0, t, 'depth', 2), mode_flow (sigma, lambda, w0, t)));

%!test
%! % depth 3: huge times reach the plateau, w0 = 0 stays, lambda = 0 blows up at
%! % t = w0^(-1/3)/sigma, and the small-w0 transition time w0^(-(L-2)/L)/((L-2) sigma)
%! w = mode_flow ([1 1 1], [4 4 0], [1e-9 0 1e-3], [1e6 5], 'depth', 3);
%! assert (w(1,1), 0.25, eps);  assert (w(2,:), [0 0]);
%! assert (w(3,2), 1e-3 * (1 - 5 * 0.1)^-3, 1e-14);  assert (w(3,1), Inf);
%! for L = [3 4]
%!   w0 = 1e-12;  T = w0^(-(L-2)/L) / (L-2);
%!   w = mode_flow (1, 1, w0, [0.95 1.05] * T, 'depth', L);
%!   assert (w(1) < 0.05 && w(2) > 0.95);
%! end

%!error id=lindyn:mode_flow:depth mode_flow (1, 1, 1, 1, 'depth', 0)
%!error id=lindyn:mode_flow:depth mode_flow (1, 1, 1, 1, 'depth', 2.5)
%!error id=lindyn:mode_flow:depth mode_flow (1, 1, 1, 1, 'depth', [2 3])
%!error id=lindyn:mode_flow:option mode_flow (1, 1, 1, 1, 'deep', 3)
%!error id=lindyn:mode_flow:option mode_flow (1, 1, 1, 1, 'depth')
%!error <Invalid call> mode_flow (1, 1, 1)
%!error id=lindyn:mode_flow:sigma mode_flow (-1, 1, 1, 1)
%!error id=lindyn:mode_flow:lambda mode_flow (1, NaN, 1, 1)
%!error id=lindyn:mode_flow:w0 mode_flow (1, 1, -0.1, 1)
%!error id=lindyn:mode_flow:size mode_flow ([1 2], [1 2 3], 1, 1)
%!error id=lindyn:mode_flow:t mode_flow (1, 1, 0.1, -1)
%!error id=lindyn:mode_flow:t mode_flow (1, 1, 0.1, ones (2))
%!error id=lindyn:mode_flow:sigma mode_flow ({1}, 1, 0.1, 1)

%!demo
%! % Thm. 1: each mode jumps near t = delta / sigma (sigma = lambda: plateau at 1)
%! sigma = [1 0.5 0.25];  delta = 10;  t = linspace (0, 60, 400);
%! plot (t, mode_flow (sigma, sigma, exp (-2 * delta), t));
%! xlabel ('t');  ylabel ('w_i(t)');  title ('mode\_flow, eq. 16');
%! legend ('\sigma = 1', '\sigma = 0.5', '\sigma = 0.25', 'location', 'southeast');

%!error id=lindyn:mode_flow:memory mode_flow (1, 1, 1e-3, 0:1e12)
%!error <t asks for .* GB of memory \(1000 modes at 1000000001 times\)> mode_flow (ones (1000, 1), 1, 1e-3, 0:1e9)
