function T = phase_times (sigma, lambda, w0, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{T} =} phase_times (@var{sigma}, @var{lambda}, @var{w0})
% @deftypefnx {} {@var{T} =} phase_times (@var{sigma}, @var{lambda}, @var{w0}, @var{eta})
% @deftypefnx {} {@var{T} =} phase_times (@dots{}, @qcode{"depth"}, @var{L})
% The phase-transition times of the modes: when each component is learned by the
% two-layer flow (Thm. 1, 2) or by gradient descent (eq. 25, Cor. 3).
%
% From any start, random or aligned, @code{[sigma, lambda, w0] = mode_start (Sx, Sxy, W0)}
% gives the modes and the effective start of each (exact for aligned balanced starts;
% derived for small random ones, see @code{mode_start}).
% @var{sigma}, @var{lambda}, @var{w0} are nonnegative scalars or vectors of one length m
% (as in @code{mode_flow}); @var{eta}, if given, the step size.  @var{T} is a struct of
% m-by-1 columns:
% @table @code
% @item delta
% @code{-log (w0)/2}: the initialization scale, @code{w0 = exp (-2*delta)} (each factor
% at @code{exp (-delta)}).
% @item rescaled
% @code{1 ./ sigma}: where Thm. 2 puts the step in rescaled time @code{t/delta} (eq. 18).
% @item flow
% @code{delta ./ sigma}: the approximate transition time of the flow (Saxe et al.'s
% @code{T_i}, eq. 17, as Thm. 2 rescales it).
% @item level
% @code{sigma ./ (2*lambda)}: half of the plateau @code{sigma/lambda}.
% @item flow_half
% the exact time at which the flow of eq. (16) reaches @code{level}:
% @code{log ((sigma - lambda*w0) ./ (lambda*w0)) ./ (2*sigma)} (0 if @code{w0 >= level}).
% @item gd
% (with @var{eta}) @code{delta ./ (eta*sigma)}: eq. (25)'s transition iteration
% @code{T_i = 1/(eta*sigma_i)} in the same rescaling.
% @item gd_half
% (with @var{eta}) the first iteration at which the exact discrete recursion
% (@pxref{mode_gd}) reaches @code{level}, found by the C core in O(gd_half) steps per mode.
% @end table
% Depth (option @qcode{"depth"}, integer L >= 1, default 2): the modes of
% @code{mode_flow (@dots{}, "depth", L)} and @code{mode_gd (@dots{}, "depth", L)}.  Then
% @code{delta = -log (w0)/L} (each factor at @code{exp (-delta)}); for L >= 3
% @code{rescaled = 1 ./ ((L-2)*sigma)}, the step in units of @code{exp ((L-2)*delta)}
% (@code{mode_limit}), @code{flow = w0.^(-(L-2)/L) ./ ((L-2)*sigma)}
% @code{= exp ((L-2)*delta) ./ ((L-2)*sigma)}, the small-w0 transition time (the leading
% term of t(w) as w0 -> 0), and @code{gd = flow/eta}; @code{flow_half} is the exact
% closed-form time t(level) of the depth-L flow and @code{gd_half} the first iteration
% of the depth-L recursion at the level.  For L = 1 (the linear model, no transition)
% @code{delta}, @code{rescaled}, @code{flow} and @code{gd} are NaN.
%
% Modes with @code{sigma = 0} are never learned: their times are @code{Inf}, as are
% those of modes that never reach their level (@code{lambda = 0}, or gradient descent
% that does not get there within @code{4*flow_half/eta + 1000} iterations).
%
% Example:
% @c runnable
% @example
% @group
% T = phase_times ([1 0.5 0.25], [1 0.5 0.25], exp (-2*10), 0.01);
% [T.gd, T.gd_half]        % eq. 25 against the exact recursion, in iterations
% T3 = phase_times ([1 0.5 0.25], [1 0.5 0.25], exp (-3*4), "depth", 3);
% T3.flow_half ./ T3.flow   % -> 0.984: exp (4)/sigma is the time scale of the transitions
% @end group
% @end example
% With @var{eta}, a search longer than one chunk (1e7 iterations) is kept for
% @code{lindyn_last}: after Ctrl-C, @code{R = lindyn_last ()} is @var{T} with
% @code{gd_half} NaN for the modes that had not crossed yet, @code{iterations_done} and
% @code{interrupted} true.
% @seealso{mode_start, mode_flow, mode_gd, mode_limit, stepsize_check}
% @end deftypefn

  if (nargin < 3)
    ld_usage ('phase_times');
  end
  [sigma, lambda, w0] = ld_mode_args ('phase_times', sigma, lambda, w0);
  ld_memory_check ('phase_times', 'sigma', 8 * 16 * numel (sigma), ...
                   sprintf ('10 times for each of %d modes', numel (sigma)));
  have_eta = ~ isempty (varargin) && ~ ischar (varargin{1});
  if (have_eta)
    eta = varargin{1};
    varargin = varargin(2:end);
  end
  L = ld_depth ('phase_times', varargin, 1);
  pos = sigma > 0;
  T.delta = -log (w0) / L;
  T.rescaled = Inf (size (sigma));
  T.flow = Inf (size (sigma));
  if (L == 2)
    T.rescaled(pos) = 1 ./ sigma(pos);
    T.flow(pos) = T.delta(pos) ./ sigma(pos);
  elseif (L >= 3)
    T.rescaled(pos) = 1 ./ ((L - 2) * sigma(pos));
    T.flow(pos) = w0(pos) .^ (-(L - 2) / L) ./ ((L - 2) * sigma(pos));
  else
    T.delta(:) = NaN;  T.rescaled(:) = NaN;  T.flow(:) = NaN;
  end
  T.level = Inf (size (sigma));
  T.level(pos) = sigma(pos) ./ (2 * lambda(pos));     % Inf when lambda = 0
  T.flow_half = Inf (size (sigma));
  k = pos & lambda > 0 & (w0 > 0 | L == 1);
  if (L == 2)
    T.flow_half(k) = max (0, log ((sigma(k) - lambda(k) .* w0(k)) ./ (lambda(k) .* w0(k))) ...
                          ./ (2 * sigma(k)));
  else
    T.flow_half(k) = ld_mode_time_depth (sigma(k), lambda(k), w0(k), T.level(k), L);
  end
  T.flow_half(k & w0 >= T.level) = 0;
  if (have_eta)
    eta = ld_matrix ('phase_times', 'eta', eta, 'finite', 'scalar', 'positive');
    T.gd = Inf (size (sigma));
    T.gd(pos) = T.flow(pos) / eta;
    if (L == 2)
      T.gd(pos) = T.delta(pos) ./ (eta * sigma(pos));    % as before, to the bit
    elseif (L == 1)
      T.gd(:) = NaN;
    end
    T.gd_half = Inf (size (sigma));
    if (any (k))
      cap = min (2^53, ceil (4 * max (T.flow_half(k)) / eta + 1000));
      % The recursion runs in C, in chunks of 1e7 iterations (about 0.1 s) so that
      % Ctrl-C works between them: a small eta needs 1e9 iterations and more.  After an
      % unfinished chunk the modes restart from their values at its end.
      s = sigma(k);  l = lambda(k);  w = w0(k);  level = T.level(k);
      first = -ones (size (s));
      todo = true (size (s));
      done = 0;
      token = [];               % a long run (more than one chunk) is kept for lindyn_last
      while (any (todo) && done < cap)
        c = min (1e7, cap - done);
        idx = find (todo);
        f = __lindyn_mode_gd_crossing__ (s(idx), l(idx), w(idx), eta, level(idx), c, L);
        hit = f(:) >= 0;
        first(idx(hit)) = done + f(hit);
        todo(idx(hit)) = false;
        idx = find (todo);
        if (~ isempty (idx))
          w(idx) = __lindyn_modes__ (s(idx), l(idx), w(idx), c, eta, L);
        end
        done = done + c;
        if (any (todo) && done < cap)
          if (isempty (token))
            token = ld_last ('begin');
            guard = onCleanup (@() ld_last ('close', token));
          end
          part = first;  part(part < 0) = NaN;      % not crossed yet
          P = T;  P.gd_half(k) = part;  P.iterations_done = done;  P.made_by = 'phase_times';
          P.interrupted = false;
          ld_last ('update', token, struct ('kind', 'result', 'R', P));
        end
      end
      first(first < 0) = Inf;
      T.gd_half(k) = first;
      if (~ isempty (token))
        P = T;  P.iterations_done = done;  P.made_by = 'phase_times';  P.interrupted = false;
        ld_last ('finish', token, P);
      end
    end
  end
end

%!test
%! % a search of several chunks is kept for lindyn_last (interrupted: test_interrupt.m)
%! T = phase_times ([1 0.5], [1 2], 1e-4, 3e-7);
%! R = lindyn_last ();
%! assert (R.made_by, 'phase_times');  assert (R.interrupted, false);
%! assert (R.gd_half, T.gd_half);  assert (R.iterations_done >= 2e7);

%!test
%! % flow_half is where mode_flow reaches half its plateau
%! sigma = [1 0.5 0.2];  lambda = [2 0.5 0.1];  w0 = exp (-2 * [5 10 12]);
%! T = phase_times (sigma, lambda, w0);
%! w = mode_flow (sigma, lambda, w0, 0);
%! for i = 1:3
%!   % w has slope sigma w (1 - lambda w / sigma) ~ sigma / 4 there: tolerance ~ eps
%!   assert (mode_flow (sigma(i), lambda(i), w0(i), T.flow_half(i)), sigma(i) / (2 * lambda(i)), ...
%!           1e-13 * sigma(i) / lambda(i));
%! end
%! assert (T.delta, [5; 10; 12], 1e-14);
%! assert (T.rescaled, 1 ./ sigma(:), 1e-15);
%! assert (T.flow, [5; 10; 12] ./ sigma(:), 1e-13);
%! % delta/sigma is the exact time up to (log (sigma/lambda) + log (1 - lambda w0/sigma))/(2 sigma)
%! s = sigma(:);  l = lambda(:);
%! assert (T.flow_half - T.flow, (log (s ./ l) + log1p (-l .* w0(:) ./ s)) ./ (2 * s), 1e-12);

%!test
%! % gd_half: the first iteration of the exact recursion at or above the level
%! sigma = [1 0.5 0.25];  w0 = exp (-2 * 10);  eta = 0.01;
%! T = phase_times (sigma, sigma, w0, eta);
%! for i = 1:3
%!   w = mode_gd (sigma(i), sigma(i), w0, eta, T.gd_half(i) - [1 0]);
%!   assert (w(1) < 0.5 && w(2) >= 0.5);
%! end
%! % eq. 25 (delta / (eta sigma)) within a few percent for delta = 10, eta sigma <= 0.01
%! assert (abs (T.gd_half ./ T.gd - 1) < 0.03);

%!test
%! % degenerate modes: sigma = 0, lambda = 0, w0 at or above the level
%! T = phase_times ([0 1 1 1], [1 0 1 1], [0.1 0.1 0.6 0], 0.1);
%! assert (T.flow_half, [Inf; Inf; 0; Inf]);
%! assert (T.gd_half, [Inf; Inf; 0; Inf]);
%! assert (T.rescaled(1), Inf);  assert (T.gd(1), Inf);

%!test
%! % depth 3 and 4: flow_half is where mode_flow ("depth") reaches the level; gd_half the
%! % first iterate of mode_gd ("depth") at it; flow -> the small-w0 transition time
%! sigma = [1 0.5];  lambda = [2 0.5];  w0 = 1e-6;  eta = 0.05;
%! for L = [3 4]
%!   T = phase_times (sigma, lambda, w0, eta, 'depth', L);
%!   for i = 1:2
%!     assert (mode_flow (sigma(i), lambda(i), w0, T.flow_half(i), 'depth', L), T.level(i), ...
%!             1e-12 * T.level(i));
%!     w = mode_gd (sigma(i), lambda(i), w0, eta, T.gd_half(i) - [1 0], 'depth', L);
%!     assert (w(1) < T.level(i) && w(2) >= T.level(i));
%!   end
%!   assert (T.delta, -log (w0) / L * [1; 1], 1e-14);
%!   assert (T.flow, w0^(-(L-2)/L) ./ ((L-2) * sigma(:)), 1e-12 * T.flow);
%!   % the exact time differs from the leading term by the w0-free part of t(w) at the
%!   % level, (sigma/lambda)^(-(L-2)/L)/sigma times an O(1) number (here below 1)
%!   assert (abs (T.flow_half - T.flow) < (lambda(:) ./ sigma(:)) .^ ((L-2)/L) ./ sigma(:));
%!   assert (abs (T.gd_half * eta ./ T.flow_half - 1) < 0.05);
%! end
%! % L = 1: t(level) = log 2 / lambda; L = 2 through the option: as without it
%! T = phase_times (1, 2, 0, 0.01, 'depth', 1);
%! assert (T.flow_half, log (2) / 2, 1e-15);  assert (isnan (T.delta));
%! assert (abs (T.gd_half * 0.01 - log (2) / 2) < 0.01);
%! assert (isequal (phase_times (sigma, lambda, w0, eta, 'depth', 2), phase_times (sigma, lambda, w0, eta)));

%!error id=lindyn:phase_times:depth phase_times (1, 1, 0.1, 'depth', 0)
%!error id=lindyn:phase_times:depth phase_times (1, 1, 0.1, 0.1, 'depth', 'x')
%!error id=lindyn:phase_times:option phase_times (1, 1, 0.1, 0.1, 'L', 3)
%!error <Invalid call> phase_times (1, 1)
%!error id=lindyn:phase_times:eta phase_times (1, 1, 0.1, 0)
%!error id=lindyn:phase_times:w0 phase_times (1, 1, -0.1)
%!error id=lindyn:phase_times:size phase_times ([1 2], [1 2 3], 0.1)

%!demo
%! % when GD learns each mode: eq. 25 against the exact recursion
%! sigma = [1 0.5 0.25 0.125];  delta = 10;  eta = 0.02;
%! T = phase_times (sigma, sigma, exp (-2 * delta), eta);
%! t = 0:ceil (1.2 * max (T.gd_half));
%! plot (t, mode_gd (sigma, sigma, exp (-2 * delta), eta, t));  hold on;
%! plot ([T.gd T.gd]', [0 1.05]' * ones (1, 4), 'k:');  hold off;
%! xlabel ('iteration');  title ('mode\_gd and eq. 25''s T_i = \delta/(\eta\sigma_i) (dotted)');

%!error id=lindyn:phase_times:memory phase_times (1, 1, 1:1e12)
