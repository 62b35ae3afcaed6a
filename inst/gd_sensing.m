function R = gd_sensing (A, y, eta, iters, W0, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{R} =} gd_sensing (@var{A}, @var{y}, @var{eta}, @var{iters}, @var{W0})
% @deftypefnx {} {@var{R} =} gd_sensing (@dots{}, @var{name}, @var{value}, @dots{})
% Gradient descent (or momentum, Adam) on deep matrix factorization for matrix sensing
% (Arora, Cohen, Hu & Luo, NeurIPS 2019; Razin & Cohen, NeurIPS 2020): the m measurements
% @code{y(i) = <A_i, W> = A(i,:) * W(:)} of an n1-by-n2 matrix, with @var{A} m-by-(n1*n2)
% (row i is the column-major @code{vec} of the measurement matrix A_i), are fitted by
% @code{W = W1*W2*...*WL} under the loss
% @c formula
% @example
% l(W) = 1/(2m) * sum_i (A(i,:) * W(:) - y(i))^2,
% @end example
% the normalisation of @code{gd_completion} (rows of the identity select entries: then
% the two agree).  The end-to-end gradient is @code{reshape (A' * (A * W(:) - y) / m, n1,
% n2)}; the factor gradients follow by eq. 11's chain rule.  n1 and n2 are the rows of
% @code{W0@{1@}} and the columns of @code{W0@{end@}}.  Step sizes translate as for
% @code{gd_completion} (a loss c times this one: @code{eta = c * eta'}).
%
% Options and the fields of @var{R} are those of @code{gd_deep} (every option, every
% method, the stopping rules, checkpoints and continuation), with @qcode{"target"} (no
% default here: the field @code{err} is present when it is given) and @qcode{"test"}, held-out
% measurements @code{@{A_test, y_test@}} whose loss is @code{test_loss}. 
%
% Errors: @code{lindyn:gd_sensing:A}, @code{:y}, @code{:eta}, @code{:iters}, @code{:W0},
% @code{:option} and one per option name.
%
% Example: a rank-1 4-by-4 matrix from 12 Gaussian measurements:
% @c runnable
% @example
% @group
% Wt = [1; 2; 0; -1] * [1 0 1 1] / 3;  A = randn (12, 16);  y = A * Wt(:);
% W0 = @{1e-2 * eye(4), 1e-2 * eye(4)@};
% R = gd_sensing (A, y, 0.05, 5000, W0, 'target', Wt);
% [R.loss(end), R.err(end)]
% @end group
% @end example
% @seealso{gd_completion, effective_rank, gd_deep}
% @end deftypefn

  if (nargin < 5)
    ld_usage ('gd_sensing');
  end
  fn = 'gd_sensing';
  A = ld_matrix (fn, 'A', A, 'finite', 'nonempty');
  m = size (A, 1);
  y = ld_matrix (fn, 'y', y, 'finite', 'vector', 'nonempty');
  if (numel (y) ~= m)
    error ('lindyn:gd_sensing:y', 'gd_sensing: y must have one entry per row of A (%d)', m);
  end
  eta = ld_matrix (fn, 'eta', eta, 'vector', 'nonempty', 'finite', 'positive');
  iters = ld_matrix (fn, 'iters', iters, 'scalar', 'integer', 'nonnegative');
  W1 = ld_first_chain (fn, W0);
  n1 = size (W1{1}, 1);  n2 = size (W1{end}, 2);
  if (n1 * n2 ~= size (A, 2))
    error ('lindyn:gd_sensing:A', ...
           'gd_sensing: A must have n1*n2 = %d columns for a %d-by-%d W (got %d)', ...
           n1 * n2, n1, n2, size (A, 2));
  end
  y = y(:);
  prob.objective = 'sensing';
  prob.data = struct ('A', A, 'y', y);
  prob.d = n1;  prob.p = n2;
  prob.crit = @(W) 0.5 * mean ((A * W(:) - y) .^ 2);
  prob.cost = 4 * m * n1 * n2 + 6 * n1 * n2 * max (n1, n2);
  prob.test = @(val) ld_test_sensing (fn, val, n1 * n2);
  prob.alias = '';
  prob.advice = @() ld_stepsize_problem ('sensing', A, y, n1, n2);
  prob.own = {};
  R = ld_run_driver (fn, prob, eta, iters, W0, varargin);
end

function T = ld_test_sensing (fn, val, q)
  % held-out measurements {A_test, y_test}: the loss on them
  id = sprintf ('lindyn:%s:test', fn);
  if (~ (iscell (val) && numel (val) == 2))
    error (id, '%s: test must be a cell {A_test, y_test} of held-out measurements', fn);
  end
  At = ld_matrix (fn, 'test', val{1}, 'finite', 'nonempty', 'cols', q);
  yt = ld_matrix (fn, 'test', val{2}, 'finite', 'vector');
  if (numel (yt) ~= size (At, 1))
    error (id, '%s: test{2} (y_test) must have one entry per row of test{1} (%d)', fn, size (At, 1));
  end
  T.evals = struct ('objective', 'sensing', 'data', struct ('A', At, 'y', yt(:)));
  T.const = [];
end


%!test
%! % against a plain Octave loop, L = 3, random shapes
%! randn ('state', 4);
%! n1 = 5;  n2 = 4;  m = 15;  A = randn (m, n1 * n2);  y = randn (m, 1);
%! W0 = {randn(n1, 3) / 2, randn(3, 6) / 2, randn(6, n2) / 2};  eta = 0.05;
%! R = gd_sensing (A, y, eta, 100, W0, 'record', [0 100]);
%! W = W0;
%! for t = 1:100
%!   E = W{1} * W{2} * W{3};  G = reshape (A' * (A * E(:) - y) / m, n1, n2);
%!   W = {W{1} - eta * G * (W{2} * W{3})', W{2} - eta * W{1}' * G * W{3}', ...
%!        W{3} - eta * (W{1} * W{2})' * G};
%! end
%! % 100 steps of O(1) products: rounding differences ~1e-15 relative
%! for l = 1:3, assert (norm (R.factors{l} - W{l}, 'fro') <= 1e-12 * norm (W{l}, 'fro'));  end
%! E = W{1} * W{2} * W{3};
%! assert (R.loss(end), 0.5 * mean ((A * E(:) - y) .^ 2), 1e-12 * R.loss(1));

%!test
%! % rows of the identity (the observed entries) make sensing completion
%! randn ('state', 5);  rand ('state', 5);
%! M = randn (6, 5);  mask = rand (6, 5) < 0.5;  I = eye (30);  A = I(find (mask), :);
%! W0 = {randn(6, 4) / 3, randn(4, 5) / 3};
%! R = gd_sensing (A, M(mask), 0.5, 200, W0, 'record', 200, 'method', 'adam');
%! S = gd_completion (M, mask, 0.5, 200, W0, 'record', 200, 'method', 'adam');
%! for l = 1:2
%!   assert (norm (R.factors{l} - S.factors{l}, 'fro') <= 1e-12 * norm (S.factors{l}, 'fro'));
%! end
%! % the loss near convergence is a mean of squared residuals e = W - M ~ 1e-5 whose
%! % entries carry the rounding of W (~1e-15, entries of order 1, other summation orders
%! % in the two objectives): |dloss| <= sqrt (2 loss) max |de|, bounded with 1e-13
%! assert (R.loss, S.loss, 1e-13 * sqrt (2 * S.loss));

%!error <Invalid call> gd_sensing (1, 1, 0.1, 10)
%!error id=lindyn:gd_sensing:A gd_sensing (ones (2, 3), [1; 1], 0.1, 10, {1})
%!error id=lindyn:gd_sensing:y gd_sensing (ones (2, 1), 1, 0.1, 10, {1})
%!error id=lindyn:gd_sensing:A gd_sensing ([], 1, 0.1, 10, {1})
%!error id=lindyn:gd_sensing:W0 gd_sensing (1, 1, 0.1, 10, 'x')
%!error id=lindyn:gd_sensing:eta gd_sensing (1, 1, 0, 10, {1})
%!error id=lindyn:gd_sensing:option gd_sensing (1, 1, 0.1, 10, {1}, 'bogus', 1)

%!demo
%! % depth 2 from a small start: a rank-1 8-by-8 matrix from 32 Gaussian measurements
%! randn ('state', 2);
%! Wt = randn (8, 1) * randn (1, 8) / 3;  A = randn (32, 64) / 8;  y = A * Wt(:);
%! R = gd_sensing (A, y, 2, 20000, {1e-3 * eye(8), 1e-3 * eye(8)}, 'target', Wt);
%! loglog (R.t + 1, R.loss, R.t + 1, R.err / norm (Wt, 'fro'));
%! legend ('loss', 'relative error');  xlabel ('iteration + 1');
