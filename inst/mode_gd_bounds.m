function [lo, hi] = mode_gd_bounds (sigma, lambda, w0, eta, t, varargin)
% -*- texinfo -*-
% @deftypefn  {} {[@var{lo}, @var{hi}] =} mode_gd_bounds (@var{sigma}, @var{lambda}, @var{w0}, @var{eta}, @var{t})
% @deftypefnx {} {[@var{lo}, @var{hi}] =} mode_gd_bounds (@dots{}, @var{form})
% @deftypefnx {} {[@var{lo}, @var{hi}] =} mode_gd_bounds (@dots{}, @qcode{"depth"}, 2)
% Thm. 3, eq. (23): lower and upper bounds on the gradient-descent modes
% @code{w(t+1) = w(t)*(1 + eta*(sigma - lambda*w(t)))^2} (@pxref{mode_gd}), as
% corrected, or as printed in the paper.
%
% With @code{a = eta*sigma} and @code{e(t) = 1/w(t) - lambda/sigma}, the recursion gives
% exactly @code{e(0)*(1 - 2a)^t <= e(t) <= e(0)*(1 + a)^(-2t)}, that is
% @c formula
% @example
% sigma*w0 / ((sigma - lambda*w0)*R_lo + lambda*w0) <= w(t)
%        <= sigma*w0 / ((sigma - lambda*w0)*R_hi + lambda*w0)
% @end example
% with, by @var{form}:
% @table @asis
% @item @qcode{"exact"} (default)
% @code{R_lo = (1 + a)^(-2t)}, @code{R_hi = (1 - 2a)^t}; valid for
% @code{0 <= w0 <= sigma/lambda} and @code{2*eta*sigma < 1}.
% @item @qcode{"exponential"}
% @code{R_lo = exp ((-2a + a^2) t)}, @code{R_hi = exp ((-2a - 4a^2) t)} (the form of
% eq. 23, with the corrected upper exponent); valid for @code{0 <= w0 <= sigma/lambda}
% and @code{2*eta*sigma <= 0.68} (where @code{log (1 - 2a) >= -2a - 4a^2}).
% @item @qcode{"printed"}
% Eq. (23) exactly as printed: numerator @code{w0} instead of @code{sigma*w0},
% @code{R_lo = exp ((-2a + 4a^2) t)}, @code{R_hi = exp ((-2a - a^2) t)}, under the
% paper's conditions @code{0 < w0 < 1}, @code{2*eta*sigma < 1}.  @emph{Errata:} the
% numerator is wrong unless @code{sigma = 1} (at t = 0 the bounds are @code{w0/sigma});
% the upper exponent @code{-2a - a^2} is false near convergence, where @code{e(t)}
% decays like @code{(1 - 2a)^t}: the printed upper bound is violated (this file's tests
% show a case; the integration tests count the violations on random modes).
% @end table
% Modes with @code{sigma = 0 < lambda} (i > rank(Sxy)): @code{hi = w0/(1 + 2*eta*lambda*w0*t)}
% (printed: @code{1 + eta*lambda*w0*t}, valid but looser) and
% @code{lo = 1/(1/w0 + t*c*(2 - c*w0)/(1 - c*w0)^2)} with @code{c = eta*lambda}
% (lindyn's; the paper gives none, and the printed form returns 0), valid for
% @code{eta*lambda*w0 < 1}.  Modes with @code{sigma = lambda = 0} are constant.
%
% @var{sigma}, @var{lambda}, @var{w0}: nonnegative scalars or vectors of one length m;
% @var{eta} a positive scalar; @var{t} a vector of nonnegative times.  @var{lo} and
% @var{hi} are m-by-@code{numel (@var{t})}.  A mode outside the domain of the chosen
% form is an error (@code{lindyn:mode_gd_bounds:w0} or @code{lindyn:mode_gd_bounds:eta})
% naming the mode and the violated condition.
%
% Depth: the bounds are those of Thm. 3, derived for two layers; option
% @qcode{"depth"} accepts only L = 2 (@code{lindyn:mode_gd_bounds:depth} otherwise).
% For other depths the exact recursion @code{mode_gd (@dots{}, "depth", L)} is cheap
% and needs no bounds.
%
% Example:
% @c runnable
% @example
% @group
% t = 0:20:200;
% w = mode_gd (1, 1, 1e-4, 0.1, t);
% [lo, hi] = mode_gd_bounds (1, 1, 1e-4, 0.1, t);
% all (lo <= w & w <= hi)
%   @result{} ans = 1
% @end group
% @end example
% @seealso{mode_gd, mode_flow, stepsize_check, phase_times}
% @end deftypefn

  if (nargin < 5)
    ld_usage ('mode_gd_bounds');
  end
  fn = 'mode_gd_bounds';
  form = 'exact';
  forms = {'exact', 'exponential', 'printed'};
  if (mod (numel (varargin), 2) == 1)
    form = varargin{1};
    varargin = varargin(2:end);
  end
  if (ld_depth (fn, varargin, 1) ~= 2)
    error ('lindyn:mode_gd_bounds:depth', ...
           ['mode_gd_bounds: Thm. 3''s bounds hold for depth 2 only; for depth L use ', ...
            'the exact recursion mode_gd (..., "depth", L)']);
  end
  if (~ ischar (form) || ~ any (strcmpi (form, forms)))
    error ('lindyn:mode_gd_bounds:form', ...
           'mode_gd_bounds: form must be "exact", "exponential" or "printed"');
  end
  code = find (strcmpi (form, forms));
  [sigma, lambda, w0] = ld_mode_args (fn, sigma, lambda, w0);
  eta = ld_matrix (fn, 'eta', eta, 'finite', 'scalar', 'positive');
  if (isnumeric (t))               % lo and hi, numel (sigma)-by-numel (t) each
    ld_memory_check (fn, 't', 8 * numel (t) * (2 * numel (sigma) + 2), ...
                     sprintf ('2 bounds for %d modes at %d times', numel (sigma), numel (t)));
  end
  t = ld_matrix (fn, 't', t, 'finite', 'vector', 'nonnegative');

  % the domain of each form, checked mode by mode with a message naming the condition
  pos = sigma > 0;
  if (code == 3)
    bad = find (pos & ~ (w0 > 0 & w0 < 1), 1);
    cond = '0 < w0 < 1 (the paper''s condition)';
  else
    bad = find (pos & ~ (lambda .* w0 <= sigma), 1);
    cond = 'w0 <= sigma/lambda';
  end
  if (isempty (bad))
    bad = find (~ pos & lambda > 0 & ~ (eta * lambda .* w0 < 1), 1);
    cond = 'eta*lambda*w0 < 1 when sigma = 0';
  end
  if (~ isempty (bad))
    error ('lindyn:mode_gd_bounds:w0', ...
           'mode_gd_bounds: mode %d (sigma = %g, lambda = %g, w0 = %g) violates %s', ...
           bad, sigma(bad), lambda(bad), w0(bad), cond);
  end
  if (code == 2)
    ok = 2 * eta * sigma <= 0.68;
    need = '<= 0.68';
  else
    ok = 2 * eta * sigma < 1;
    need = '< 1';
  end
  bad = find (pos & ~ ok, 1);
  if (~ isempty (bad))
    error ('lindyn:mode_gd_bounds:eta', ...
           'mode_gd_bounds: mode %d: 2*eta*sigma = %g, the "%s" bounds need 2*eta*sigma %s', ...
           bad, 2 * eta * sigma(bad), forms{code}, need);
  end
  [lo, hi] = __lindyn_mode_gd_bounds__ (sigma, lambda, w0, eta, t, code);
end

%!test
%! % "exact" and "exponential" hold on 3000 random modes over 1e4 iterations.  Only
%! % eta*sigma, eta*lambda and w0 matter, so eta = 1 with random sigma, lambda covers all.
%! rand ('state', 5);
%! m = 3000;  eta = 1;
%! sigma = 0.49 * rand (m, 1) .^ 2 + 1e-4;         % 2 eta sigma < 0.98
%! lambda = sigma .* (0.05 + 3 * rand (m, 1));
%! w0 = (sigma ./ lambda) .* 10 .^ (-6 * rand (m, 1));
%! t = unique (round (logspace (0, 4, 120)));  t = [0 t];
%! w = mode_gd (sigma, lambda, w0, eta, t);
%! [lo, hi] = mode_gd_bounds (sigma, lambda, w0, eta, t, 'exact');
%! % w is the floating-point recursion: relative rounding <= ~1e-12 after 1e4 steps
%! assert (all (lo(:) <= w(:) * (1 + 1e-12)) && all (w(:) <= hi(:) * (1 + 1e-12)));
%! k = 2 * eta * sigma <= 0.68;
%! [lo, hi] = mode_gd_bounds (sigma(k), lambda(k), w0(k), eta, t, 'exponential');
%! assert (all (all (lo <= w(k,:) * (1 + 1e-12))) && all (all (w(k,:) <= hi * (1 + 1e-12))));

%!test
%! % Erratum, upper exponent: with sigma = 1 (so the numerator erratum plays no role),
%! % eq. 23 as printed claims w_t <= 1/((1 - w0) exp ((-2a - a^2) t) + w0); near
%! % convergence e_t = 1/w_t - 1 decays like (1 - 2a)^t, faster, and w_t passes the
%! % printed upper bound.  The corrected bound (1 - 2a)^t holds.
%! t = 0:60;  w0 = 0.01;  eta = 0.3;
%! w = mode_gd (1, 1, w0, eta, t);
%! [~, hi_printed] = mode_gd_bounds (1, 1, w0, eta, t, 'printed');
%! [lo, hi] = mode_gd_bounds (1, 1, w0, eta, t, 'exact');
%! assert (max (w - hi_printed) > 1e-4);              % violated, far above rounding
%! assert (all (lo <= w * (1 + 1e-14) & w <= hi * (1 + 1e-14)));

%!test
%! % the values of each form for sigma > 0, t > 0, from the formulas above written out
%! sigma = [0.5; 1.5];  lambda = [0.2; 2];  w0 = [0.1; 0.3];  eta = 0.1;  t = [1 7 40];
%! a = eta * sigma;
%! f = @(num, R) num ./ ((sigma - lambda .* w0) .* R + lambda .* w0);
%! ref = {f(sigma .* w0, (1 + a) .^ (-2 * t)), f(sigma .* w0, (1 - 2 * a) .^ t), ...
%!        f(sigma .* w0, exp ((-2 * a + a .^ 2) * t)), ...
%!        f(sigma .* w0, exp ((-2 * a - 4 * a .^ 2) * t)), ...
%!        f(w0, exp ((-2 * a + 4 * a .^ 2) * t)), f(w0, exp ((-2 * a - a .^ 2) * t))};
%! forms = {'exact', 'exponential', 'printed'};
%! for k = 1:3
%!   [lo, hi] = mode_gd_bounds (sigma, lambda, w0, eta, t, forms{k});
%!   % the same closed form rearranged (and powers through logarithms): a few eps relative
%!   assert (lo, ref{2 * k - 1}, 1e-14 * ref{2 * k - 1});
%!   assert (hi, ref{2 * k}, 1e-14 * ref{2 * k});
%! end

%!test
%! % Erratum, numerator: at t = 0 the printed bounds are w0/sigma, not w0
%! [lo, hi] = mode_gd_bounds (0.5, 0.2, 0.1, 0.1, 0, 'printed');
%! assert ([lo hi], [0.2 0.2], 1e-15);
%! [lo, hi] = mode_gd_bounds (0.5, 0.2, 0.1, 0.1, 0);
%! assert ([lo hi], [0.1 0.1], 1e-15);

%!test
%! % sigma = 0 < lambda: the corrected upper bound holds and is tight; printed is looser
%! t = 0:10:2000;  w = mode_gd (0, 3, 0.2, 0.1, t);
%! [lo, hi] = mode_gd_bounds (0, 3, 0.2, 0.1, t);
%! [lo_p, hi_p] = mode_gd_bounds (0, 3, 0.2, 0.1, t, 'printed');
%! assert (all (lo <= w * (1 + 1e-13) & w <= hi * (1 + 1e-13)));
%! assert (hi(end) / w(end) < 1.01 && all (hi <= hi_p) && all (lo_p == 0));
%! [lo, hi] = mode_gd_bounds (0, 0, 0.3, 0.1, [0 5]);
%! assert ([lo hi], 0.3 * ones (1, 4));

%!error <Invalid call> mode_gd_bounds (1, 1, 0.1, 0.1)
%!error id=lindyn:mode_gd_bounds:form mode_gd_bounds (1, 1, 0.1, 0.1, 1, 'other')
%!error id=lindyn:mode_gd_bounds:form mode_gd_bounds (1, 1, 0.1, 0.1, 1, 3)
%!error <violates w0 <= sigma/lambda> mode_gd_bounds ([1 1], 2, [0.1 0.6], 0.1, 1)
%!error <mode 2> mode_gd_bounds ([1 1], 2, [0.1 0.6], 0.1, 1)
%!error id=lindyn:mode_gd_bounds:w0 mode_gd_bounds (1, 0.5, 1.5, 0.1, 1, 'printed')
%!error id=lindyn:mode_gd_bounds:w0 mode_gd_bounds (0, 3, 4, 0.1, 1)
%!error id=lindyn:mode_gd_bounds:eta mode_gd_bounds (1, 2, 0.1, 0.5, 1)
%!error <need 2\*eta\*sigma <= 0.68> mode_gd_bounds (1, 2, 0.1, 0.35, 1, 'exponential')
%!error id=lindyn:mode_gd_bounds:eta mode_gd_bounds (1, 2, 0.1, -0.1, 1)
%!error id=lindyn:mode_gd_bounds:t mode_gd_bounds (1, 2, 0.1, 0.1, -1)
%!error id=lindyn:mode_gd_bounds:sigma mode_gd_bounds (-1, 2, 0.1, 0.1, 1)

%!test
%! % "depth", 2 is the default
%! [lo, hi] = mode_gd_bounds (1, 1, 1e-4, 0.1, 0:10:50, 'depth', 2);
%! [lo2, hi2] = mode_gd_bounds (1, 1, 1e-4, 0.1, 0:10:50);
%! assert (isequal (lo, lo2) && isequal (hi, hi2));
%! [lo, hi] = mode_gd_bounds (1, 1, 1e-4, 0.1, 0:10:50, 'printed', 'depth', 2);
%! [lo2, hi2] = mode_gd_bounds (1, 1, 1e-4, 0.1, 0:10:50, 'printed');
%! assert (isequal (lo, lo2) && isequal (hi, hi2));

%!error id=lindyn:mode_gd_bounds:depth mode_gd_bounds (1, 1, 1e-4, 0.1, 1, 'depth', 3)
%!error id=lindyn:mode_gd_bounds:depth mode_gd_bounds (1, 1, 1e-4, 0.1, 1, 'exact', 'depth', 1)
%!error id=lindyn:mode_gd_bounds:option mode_gd_bounds (1, 1, 1e-4, 0.1, 1, 'exact', 'deep', 2)

%!demo
%! % the corrected bounds sandwich the discrete mode; the printed upper bound does not
%! t = 0:80;  w0 = 1e-3;  eta = 0.25;
%! w = mode_gd (1, 1, w0, eta, t);
%! [lo, hi] = mode_gd_bounds (1, 1, w0, eta, t);
%! [~, hp] = mode_gd_bounds (1, 1, w0, eta, t, 'printed');
%! semilogy (t, 1 ./ w - 1, 'k', t, 1 ./ hi - 1, 'b--', t, 1 ./ lo - 1, 'b:', t, 1 ./ hp - 1, 'r');
%! legend ('e_t = 1/w_t - 1', 'from hi (exact)', 'from lo (exact)', 'from hi (printed)');
%! xlabel ('iteration t');  title ('Thm. 3: the printed upper bound fails near convergence');

%!error id=lindyn:mode_gd_bounds:memory mode_gd_bounds (1, 1, 1e-3, 0.1, 0:1e12)
