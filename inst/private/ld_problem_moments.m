function prob = ld_problem_moments (fn, Sx, Sxy, R)
% -*- texinfo -*-
% @deftypefn {} {@var{prob} =} ld_problem_moments (@var{fn}, @var{Sx}, @var{Sxy}, @var{R})
% The least squares of section 2 through its (validated) second moments, as the
% problem description @code{ld_run_driver} takes for the public function @var{fn}
% (@code{gd_deep}, @code{gd_linear}): objective @qcode{"moments"} with W* =
% @code{ld_wstar (Sx, Sxy)}, divergence size @code{norm (Sx*W - Sxy, "fro")^2},
% held-out moments @code{@{Sx_test, Sxy_test@}} or @code{@{Sx_test, Sxy_test,
% trace(Syy_test)@}} for option @qcode{"test"}, and the step-size advice of the
% divergence warning.  @var{R}: Sx's Cholesky factor from @code{ld_moments_check}, or [].
% @end deftypefn

  d = size (Sx, 1);  p = size (Sxy, 2);
  prob.objective = 'moments';
  if (nargin < 4), R = [];  end
  prob.data = struct ('Sx', Sx, 'Sxy', Sxy, 'Wstar', ld_wstar (Sx, Sxy, R));
  prob.d = d;  prob.p = p;
  prob.crit = @(W) norm (Sx * W - Sxy, 'fro')^2;
  prob.cost = @ld_moments_flops;
  prob.test = @(val) ld_test_moments (fn, val, d, p);
  prob.alias = 'excess_loss';
  prob.advice = @() ld_stepsize_problem ('moments', Sx, Sxy);
  prob.own = {};
end

function f = ld_moments_flops (w)
  % flops of one step of the C core with widths w = [d, r1, ..., p]: the 3L - 2 products
  % of its cheapest order (the suffix products, the residual Sx*E - Sxy, formed as
  % (Sx*W1)*(W2...WL) when r1 < p, and per factor l < L the left chain and the update)
  L = numel (w) - 1;  d = w(1);  p = w(end);
  mnk = 0;
  for l = L-2:-1:1
    mnk = mnk + w(l+1) * p * w(l+2);
  end
  if (L == 1)
    mnk = mnk + d * p * d;
  elseif (w(2) < p)
    mnk = mnk + d * w(2) * d + d * p * w(2);
  else
    mnk = mnk + d * p * w(2) + d * p * d;
  end
  for l = 1:L-1
    mnk = mnk + 2 * w(l) * w(l+1) * p;
  end
  f = 2 * mnk;
end

function T = ld_test_moments (fn, val, d, p)
  % {Sx_test, Sxy_test} or {Sx_test, Sxy_test, tr(Syy_test)}: validated, with W*_test
  id = sprintf ('lindyn:%s:test', fn);
  if (~ iscell (val) || ~ any (numel (val) == [2 3]))
    error (id, ['%s: test must be a cell {Sx_test, Sxy_test} or {Sx_test, Sxy_test, ', ...
                'trace(Syy_test)} of held-out second moments (see second_moments)'], fn);
  end
  Sx = ld_matrix (fn, 'test', val{1}, 'finite', 'rows', d, 'cols', d);
  if (norm (Sx - Sx', 'fro') > 1e-10 * norm (Sx, 'fro'))
    error (id, '%s: test{1} (Sx_test) must be symmetric', fn);
  end
  Sx = (Sx + Sx') / 2;
  Sxy = ld_matrix (fn, 'test', val{2}, 'finite', 'rows', d, 'cols', p);
  Wstar = ld_wstar (Sx, Sxy);
  T.evals = struct ('objective', 'moments', 'data', struct ('Sx', Sx, 'Sxy', Sxy, 'Wstar', Wstar));
  T.const = [];
  if (numel (val) == 3)
    % the plain loss is the excess loss plus the minimum, tr(Syy)/2 - tr(W*' Sxy)/2
    c = ld_matrix (fn, 'test', val{3}, 'finite', 'scalar', 'nonnegative');
    T.const = c / 2 - sum (sum (Wstar .* Sxy)) / 2;
  end
end
