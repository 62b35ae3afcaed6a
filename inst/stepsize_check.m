function [ok, eta_max, report] = stepsize_check (sigma, eta)
% -*- texinfo -*-
% @deftypefn  {} {[@var{ok}, @var{eta_max}, @var{report}] =} stepsize_check (@var{sigma}, @var{eta})
% @deftypefnx {} {[@var{ok}, @var{eta_max}, @var{report}] =} stepsize_check (@var{sigma})
% The step-size conditions of Cor. 3 for two-layer gradient descent.
%
% @var{sigma} holds the singular values of @var{Sxy} (e.g. @code{svd (Sxy)}; any order,
% zeros allowed: r_xy is the number of positive ones).  Cor. 3 asks for
% @example
% (1)  eta < 1/(2 sigma_1),
% (2)  eta < 2 (sigma_i - sigma_@{i+1@}) / sigma_i^2          for 1 <= i < r_xy,
% (3)  eta < (sigma_i - sigma_@{i+1@}) / (2 sigma_@{i+1@}^2)    for 1 <= i < r_xy,
% @end example
% under which the modes are learned one after the other at iterations
% @code{T_i = delta/(eta sigma_i)} (eq. 25, 26).  @var{eta_max} is the largest admissible
% step (the minimum of all bounds; a strict inequality, so @var{ok} is
% @code{eta < eta_max}), and @var{report} a struct with fields @code{bound1} (scalar),
% @code{bound2}, @code{bound3} (vectors over i), @code{binding} (1, 2 or 3: which
% condition gives @var{eta_max}) and @code{index} (the i at which it binds; 1 for
% condition 1).  Equal singular values give a zero bound: the paper assumes distinct ones.
%
% Condition (2) never binds: it follows from (1) and (3).  If
% @code{sigma_@{i+1@} >= sigma_i/2}, bound (3) at i is at most bound (2) at i; otherwise
% the gap exceeds @code{sigma_i/2}, so bound (2) exceeds @code{1/sigma_i >= 1/sigma_1},
% twice bound (1).  It is reported for completeness.
% When @var{eta} is omitted, @var{ok} is true when any positive step is admissible.
%
% Errors: @code{lindyn:stepsize_check:sigma}, @code{lindyn:stepsize_check:eta}.
%
% Example:
% @example
% @group
% [ok, eta_max, rep] = stepsize_check ([1 0.5 0.1], 0.1)
% % ok = 1, eta_max = 0.5 (1/(2 sigma_1)), rep.binding = 1
% @end group
% @end example
% @seealso{gd_deep, aligned_init}
% @end deftypefn

  if (nargin < 1 || nargin > 2)
    ld_usage ('stepsize_check');
  end
  sigma = ld_matrix ('stepsize_check', 'sigma', sigma, 'vector', 'finite', 'nonnegative', ...
                     'nonempty');
  s = sort (sigma(:), 'descend');
  s = s(s > 0);
  if (isempty (s))
    error ('lindyn:stepsize_check:sigma', ...
           'stepsize_check: sigma must have a positive entry (Sxy = 0 learns nothing)');
  end
  gap = s(1:end-1) - s(2:end);
  report.bound1 = 1 / (2 * s(1));
  report.bound2 = 2 * gap ./ s(1:end-1).^2;
  report.bound3 = gap ./ (2 * s(2:end).^2);
  [b2, i2] = min ([report.bound2; Inf]);
  [b3, i3] = min ([report.bound3; Inf]);
  [eta_max, which] = min ([report.bound1, b2, b3]);
  report.binding = which;
  where = [1, i2, i3];
  report.index = where(which);
  if (nargin > 1)
    eta = ld_matrix ('stepsize_check', 'eta', eta, 'scalar', 'finite', 'positive');
    ok = eta < eta_max;
  else
    ok = eta_max > 0;
  end
end

%!test
%! % condition 1 binds: well-separated values
%! [ok, e, r] = stepsize_check ([1 0.5 0.1], 0.1);
%! assert (ok);  assert (e, 0.5, eps);  assert (r.binding, 1);  assert (r.index, 1);
%! assert (r.bound2, [2 * 0.5 / 1; 2 * 0.4 / 0.25], -4 * eps);
%! assert (r.bound3, [0.5 / 0.5; 0.4 / 0.02], -4 * eps);

%!test
%! % condition 3 binds at the close pair: sigma = [1 0.9 0.1]:
%! % bound1 = 0.5, bound2 = [0.2; 3.95], bound3 = [0.1/1.62; 0.8/0.02]
%! [ok, e, r] = stepsize_check ([0.1 1 0.9], 0.07);   % any order
%! assert (r.binding, 3);  assert (r.index, 1);  assert (e, 0.1 / 1.62, 1e-15);
%! assert (ok, false);
%! [~, e, r] = stepsize_check ([4 1 0.9]);   % binds at i = 2: 0.1/(2*0.81)
%! assert ([r.binding, r.index], [3 2]);  assert (e, 0.1 / 1.62, 1e-15);

%!test
%! % condition 2 never binds: it is implied by conditions 1 and 3.  If
%! % sigma_{i+1} >= sigma_i/2 then bound3(i) <= bound2(i); otherwise the gap exceeds
%! % sigma_i/2 and bound2(i) > 1/sigma_i > bound1.  Checked on random spectra:
%! for trial = 1:500
%!   s = sort (rand (1, randi ([2 8])) .^ (1 + 3 * rand ()), 'descend');
%!   [~, e, r] = stepsize_check (s);
%!   assert (r.binding != 2);
%!   assert (all (r.bound2 > min (r.bound1, r.bound3)));
%!   assert (e, min ([r.bound1; r.bound2; r.bound3]));
%! end

%!test
%! % zeros do not count (r_xy = 1 here); equal values give a zero bound
%! [ok, e, r] = stepsize_check ([0 2 0]);  assert (ok);  assert (e, 0.25);
%! assert (isempty (r.bound2));
%! [ok, e] = stepsize_check ([1 1]);  assert (ok, false);  assert (e, 0);

%!error <Invalid call> stepsize_check ()
%!error id=lindyn:stepsize_check:sigma stepsize_check ([-1 2])
%!error id=lindyn:stepsize_check:sigma stepsize_check ([0 0])
%!error id=lindyn:stepsize_check:sigma stepsize_check (ones (2))
%!error id=lindyn:stepsize_check:eta stepsize_check (1, -2)
%!error id=lindyn:stepsize_check:eta stepsize_check (1, [1 2])
