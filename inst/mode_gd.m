function w = mode_gd (sigma, lambda, w0, eta, t, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{w} =} mode_gd (@var{sigma}, @var{lambda}, @var{w0}, @var{eta}, @var{t})
% @deftypefnx {} {@var{w} =} mode_gd (@dots{}, @qcode{"depth"}, @var{L})
% The end-to-end modes of two-layer gradient descent: the exact recursion of eq. (22),
% @tex
% $$w_{t+1} = w_t\,\bigl(1 + \eta(\sigma - \lambda w_t)\bigr)^2,\qquad w_0 = w0,$$
% @end tex
% @ifnottex
% @code{w(t+1) = w(t) * (1 + eta*(sigma - lambda*w(t)))^2},
% @end ifnottex
% evaluated at the iteration counts @var{t}.
%
% Under Assumption 1 with eps = 0 and Thm. 1's aligned, balanced initialization, the
% factors after t steps of gradient descent (eq. 5) are @code{W1 = U diag (sqrt (w)) Q},
% @code{W2 = inv (Q) diag (sqrt (w)) V'}, with w given by this recursion.
% @emph{Erratum:} eq. (22) as printed, @code{w + eta*w*(sigma - lambda*w)}, is only the
% first-order part of this recursion; it is not what gradient descent does (the matrix
% iteration matches the squared form to rounding error; see doc/theory.md of the
% package).
%
% From any start, random or aligned, @code{[sigma, lambda, w0] = mode_start (Sx, Sxy, W0)}
% gives the modes and the effective start of each (exact for aligned balanced starts;
% derived for small random ones, see @code{mode_start}).
% @var{sigma}, @var{lambda}, @var{w0}: nonnegative scalars or vectors of one length m;
% @var{eta} a positive scalar; @var{t} a vector of nonnegative integers (any order,
% repeats allowed, up to 2^53).  @var{w} is m-by-@code{numel (@var{t})}.
%
% Depth (option @qcode{"depth"}, an integer L >= 1, default 2): from the depth-L
% aligned start of @code{aligned_init} (a vector of widths), gradient descent keeps every
% factor of the form @code{Q(l-1) diag(a) Ql'}, each mode of each factor follows
% @code{a <- a (1 + eta a^(L-2) (sigma - lambda a^L))} (its gradient is
% @code{a^(L-1) (lambda a^L - sigma)}), and the end-to-end modes @code{w = a^L} follow
% @tex
% $$w_{t+1} = w_t\,\bigl(1 + \eta\,w_t^{(L-2)/L}(\sigma - \lambda w_t)\bigr)^L$$
% @end tex
% @ifnottex
% @code{w(t+1) = w(t) * (1 + eta*w(t)^((L-2)/L)*(sigma - lambda*w(t)))^L}
% @end ifnottex
% (L = 2: the recursion above; L = 1: @code{w + eta*(sigma - lambda*w)}, the linear
% model).  The C core iterates a (integer powers, as matrix GD forms them) and returns
% @code{a^L}; matrix gradient descent (@code{gd_deep}) from @code{aligned_init} matches
% it to 1e-13 relative for L = 3, 4 (checked by lindyn's integration tests).  L = 2 is
% computed exactly as without the option.
%
% Cost: the C core iterates each mode once, up to @code{max (t)}, keeping only the
% requested points: O(max t) per mode at most, nothing stored in between.  It stops
% earlier, without changing a bit of the result, once the floating-point sequence is
% periodic (typically a fixed point a few hundred iterations after the mode is learned,
% found by Brent's cycle detection): any later iterate is then read off the cycle.  So
% @code{t = 1e12} is cheap for converging modes; a chaotic mode (large @var{eta}) costs
% max(t) steps.
%
% Example:
% @c runnable
% @example
% @group
% w = mode_gd (1, 2, 1e-6, 0.1, [0 50 100 1e12])   % -> 1e-6 ... 0.5
% w = mode_gd (1, 2, 1e-6, 0.1, [0 500 1000 1e12], "depth", 3)
% @end group
% @end example
% A run longer than one chunk (1e7 iterations) is kept for @code{lindyn_last}: after
% Ctrl-C, @code{R = lindyn_last ()} has the times done so far (@code{R.t}, @code{R.w}),
% the iterations performed (@code{R.iterations_done}) and the modes there
% (@code{R.w_now}), with @code{R.interrupted} true.
% @seealso{mode_start, mode_flow, mode_gd_bounds, phase_times, gd_deep, aligned_init}
% @end deftypefn

  if (nargin < 5)
    ld_usage ('mode_gd');
  end
  [sigma, lambda, w0] = ld_mode_args ('mode_gd', sigma, lambda, w0);
  eta = ld_matrix ('mode_gd', 'eta', eta, 'finite', 'scalar', 'positive');
  if (isnumeric (t))               % w, and one chunk's output, before t expands
    ld_memory_check ('mode_gd', 't', 8 * numel (t) * (2 * numel (sigma) + 4), ...
                     sprintf ('%d modes at %d times', numel (sigma), numel (t)));
  end
  t = ld_matrix ('mode_gd', 't', t, 'vector', 'nonnegative', 'integer');
  if (any (t > 2^53))
    error ('lindyn:mode_gd:t', 'mode_gd: t must not exceed 2^53');
  end
  L = ld_depth ('mode_gd', varargin, 1);
  % The recursion runs in C in chunks of 1e7 iterations (about 0.1 s), so that Ctrl-C
  % works between them (a small eta converges slowly and t may be 1e12).  Each chunk
  % starts from the modes at the end of the previous one; once they repeat with a
  % period of at most 64 (a fixed point, a 2-cycle, ...), the remaining times are
  % filled in without iterating.
  w = zeros (numel (sigma), numel (t));
  v = w0(:);
  done = 0;
  left = 1:numel (t);
  chunk = 1e7;
  maxper = 64;
  token = [];                   % a long run (more than one chunk) is kept for lindyn_last
  while (~ isempty (left))
    in = left(t(left) <= done + chunk);
    if (numel (in) == numel (left))
      w(:, in) = __lindyn_modes__ (sigma, lambda, v, t(in) - done, eta, L);
      break;
    end
    res = __lindyn_modes__ (sigma, lambda, v, [t(in) - done, chunk + (0:maxper)], eta, L);
    w(:, in) = res(:, 1:numel (in));
    left = setdiff (left, in);
    e = res(:, numel (in)+1:end);           % the modes at done + chunk + (0:maxper)
    done = done + chunk;
    per = 0;
    for q = 1:maxper
      if (isequaln (e(:,1), e(:,1+q)))
        per = q;
        break;
      end
    end
    if (per > 0)
      w(:, left) = e(:, 1 + mod (t(left) - done, per));
      break;
    end
    v = e(:,1);
    if (isempty (token))
      token = ld_last ('begin');
      guard = onCleanup (@() ld_last ('close', token));
    end
    got = setdiff (1:numel (t), left);
    ld_last ('update', token, struct ('kind', 'result', 'R', struct ('t', t(got), ...
             'w', w(:, got), 'iterations_done', done, 'w_now', v, 'made_by', 'mode_gd', ...
             'interrupted', false)));
  end
  if (~ isempty (token))
    ld_last ('finish', token, struct ('t', t, 'w', w, 'iterations_done', max ([t(:); 0]), ...
             'w_now', w(:, end), 'made_by', 'mode_gd', 'interrupted', false));
  end
end

%!test
%! % a run of several chunks is kept for lindyn_last (interrupted: test_interrupt.m)
%! t = [0 5 2.5e7];
%! w = mode_gd (1, 1, 1e-30, 1e-9, t);
%! R = lindyn_last ();
%! assert (R.made_by, 'mode_gd');  assert (R.interrupted, false);
%! assert (R.t, t);  assert (isequal (R.w, w));

%!test
%! % against the step-by-step recursion, unsorted t with repeats: equal to the bit
%! sigma = [1 0.5 0.2 0];  lambda = [1 2 0.3 0.5];  w0 = [1e-6 0.7 1e-3 0.5];  eta = 0.3;
%! t = [300 3 0 3 150 299];
%! w = mode_gd (sigma, lambda, w0, eta, t);
%! v = w0(:);  ref = zeros (4, 301);  ref(:,1) = v;
%! for k = 1:300
%!   g = 1 + eta * (sigma(:) - lambda(:) .* v);  v = v .* g .* g;  ref(:,k+1) = v;
%! end
%! assert (isequal (w, ref(:,t+1)));

%!test
%! % t = 1e12: the converged value, reached exactly by the cycle shortcut
%! w = mode_gd ([1 0.3], [2 0.3], 1e-8, 0.2, [1e12 2e4]);
%! assert (w(:,1), w(:,2));
%! % the floating-point fixed point: rounding of ~eps per step against a contraction
%! % 1 - 2 eta sigma (0.88 for the second mode) leaves it within ~eps/(2 eta sigma)
%! assert (w(:,1), [0.5; 1], 16 * eps);

%!test
%! % a 2-cycle (eta sigma = 1.1 > 1: the fixed point sigma/lambda is unstable)
%! w = mode_gd (1, 1, 0.3, 1.1, [1e6 1e6+1 2001 2000]);
%! assert (w(1), w(4));  assert (w(2), w(3));  assert (abs (w(1) - w(2)) > 0.1);

%!test
%! % depth 3 and 4 against plain loops on the factor value a; L = 1 is the linear model
%! sigma = [1 0.5 0];  lambda = [1 2 0.5];  w0 = [1e-6 0.7 0.5];  eta = 0.3;  t = [200 0 7];
%! for L = [3 4]
%!   w = mode_gd (sigma, lambda, w0, eta, t, 'depth', L);
%!   a = w0(:) .^ (1 / L);  ref = zeros (3, 201);  ref(:,1) = a .^ L;
%!   for k = 1:200
%!     a = a .* (1 + eta * a .^ (L - 2) .* (sigma(:) - lambda(:) .* a .^ L));  ref(:,k+1) = a .^ L;
%!   end
%!   % the same operations up to the rounding of w0^(1/L) and of the powers
%!   assert (w, ref(:,t+1), 1e-13 * abs (ref(:,t+1)));
%! end
%! w = mode_gd (1, 2, 0, 0.1, 0:2, 'depth', 1);
%! assert (w, [0, 0.1, 0.1 + 0.1 * (1 - 0.2)], eps);
%! assert (isequal (mode_gd (sigma, lambda, w0, eta, t, 'depth', 2), mode_gd (sigma, lambda, w0, eta, t)));

%!test
%! % depth 3, t = 1e12: the fixed point sigma/lambda through the cycle shortcut
%! w = mode_gd ([1 0.3], [2 0.3], 1e-6, 0.2, [1e12 3e4], 'depth', 3);
%! assert (w(:,1), w(:,2));  assert (w(:,1), [0.5; 1], 16 * eps);

%!error id=lindyn:mode_gd:depth mode_gd (1, 1, 0.1, 0.1, 1, 'depth', 0)
%!error id=lindyn:mode_gd:depth mode_gd (1, 1, 0.1, 0.1, 1, 'depth', 1001)
%!error id=lindyn:mode_gd:option mode_gd (1, 1, 0.1, 0.1, 1, 'Depth')
%!error <Invalid call> mode_gd (1, 1, 1, 1)
%!error id=lindyn:mode_gd:eta mode_gd (1, 1, 0.1, 0, 1)
%!error id=lindyn:mode_gd:eta mode_gd (1, 1, 0.1, [1 2], 1)
%!error id=lindyn:mode_gd:t mode_gd (1, 1, 0.1, 0.1, 1.5)
%!error id=lindyn:mode_gd:t mode_gd (1, 1, 0.1, 0.1, -2)
%!error id=lindyn:mode_gd:t mode_gd (1, 1, 0.1, 0.1, 2^54)
%!error <^mode_gd: t must be finite \(got Inf\)$> mode_gd (1, 1, 0.1, 0.1, Inf)
%!error <^mode_gd: t must be finite \(got Inf among its entries\)$> mode_gd (1, 1, 0.1, 0.1, [1 Inf])
%!error <^mode_gd: t must hold integer values$> mode_gd (1, 1, 0.1, 0.1, [1 2.5])
%!error id=lindyn:mode_gd:sigma mode_gd (-1, 1, 0.1, 0.1, 1)
%!error id=lindyn:mode_gd:size mode_gd ([1 2], 1, [1 2 3], 0.1, 1)

%!demo
%! % the discrete modes follow the flow at time eta*t, up to O(eta) in the jump times
%! sigma = [1 0.5 0.25];  delta = 8;  eta = 0.05;  t = 0:1500;
%! plot (t, mode_gd (sigma, sigma, exp (-2 * delta), eta, t), '-', ...
%!       t, mode_flow (sigma, sigma, exp (-2 * delta), eta * t), ':');
%! xlabel ('iteration t');  ylabel ('w_i^{(t)}');  title ('mode\_gd (solid) vs mode\_flow (dotted)');

%!error id=lindyn:mode_gd:memory mode_gd (1, 1, 1e-3, 0.1, 0:1e12)
