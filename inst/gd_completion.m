function R = gd_completion (M, mask, eta, iters, W0, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{R} =} gd_completion (@var{M}, @var{mask}, @var{eta}, @var{iters}, @var{W0})
% @deftypefnx {} {@var{R} =} gd_completion (@dots{}, @var{name}, @var{value}, @dots{})
% Gradient descent (or momentum, Adam) on deep matrix factorization for matrix
% completion (Arora, Cohen, Hu & Luo, NeurIPS 2019; Razin & Cohen, NeurIPS 2020):
% @code{W = W1*W2*...*WL} fits the entries of @var{M} (n1-by-n2) where the logical
% @var{mask} is true, with the loss
% @example
% l(W) = 1/(2 |Omega|) * sum over observed (i,j) of (W(i,j) - M(i,j))^2,
% @end example
% one half of the mean squared error over the |Omega| = @code{nnz (mask)} observed
% entries.  Its end-to-end gradient is @code{(W - M) .* mask / nnz (mask)}, and the factor
% gradients follow by eq. 11's chain rule,
% @code{grad_Wl = W_@{1:l-1@}' * grad l(W) * W_@{l+1:L@}'}.  The observed entries are
% visited one by one: a step never forms W, only its observed entries (dot products of
% the rows of W1 with the columns of W2*...*WL), and the gradients of the first and last
% factors are sparse products, so L = 2 costs 3 |Omega| r multiply-adds per step and
% each further factor three dense products; a sparse @var{mask} is never expanded.
%
% Step sizes: a paper whose loss is c times this one takes steps eta' that are
% @code{eta = c * eta'} here: c = |Omega| for the sum @code{1/2 sum (W - M)^2} over the
% observed entries, c = 2 for the mean squared error @code{mean ((W - M)^2)} (PyTorch's
% @code{MSELoss}).  Arora et al. 2019 and Razin & Cohen 2020 state their step sizes for
% their own losses; convert them with this rule.
%
% @var{W0} = @{W1, @dots{}, WL@} is the start (W1 n1-by-r1, ..., WL r(L-1)-by-n2), e.g.
% @code{random_init} or a small balanced start.  @var{eta} may be a vector (a sweep, as in
% @code{gd_deep}, and @var{W0} may then be a cell of starts).  Options: @qcode{"method"}
% @qcode{"gd"} (default), @qcode{"momentum"} (heavy ball as PyTorch's SGD momentum,
% @code{v <- beta v + g}, @code{W <- W - eta v}; @qcode{"beta"}, default 0.9) or
% @qcode{"adam"} (PyTorch's Adam with bias correction; @qcode{"beta1"} 0.9,
% @qcode{"beta2"} 0.999, @qcode{"epsilon"} 1e-8); @qcode{"target"} (default @var{M}: the
% error on all entries is measured against it, so pass the full ground truth as @var{M}
% when it is known); @qcode{"record"}, @qcode{"sv"}, @qcode{"nuclear"},
% @qcode{"effective_rank"}, @qcode{"path"}, @qcode{"snapshots"}, @qcode{"verbose"} as in
% @code{gd_deep}; @qcode{"threads"} (1, the default, or 2: the step's products on two
% OpenMP threads, which pays only when no other process competes for the cores).
%
% @var{R} has fields @code{t}, @code{loss} (l(W) above), @code{err}
% (@code{norm (W - target, "fro")}), @code{fro2}, @code{nuclear}, @code{erank} (the
% effective rank, see @code{effective_rank}), @code{sv}, @code{W}, @code{factors},
% @code{state} (the update rule's state: velocities or Adam moments), @code{diverged},
% @code{diverged_at}, @code{iters}, @code{eta}, @code{method}.  A run stops (with warning
% @code{lindyn:gd:diverged}) when the loss is not finite or exceeds 1e12 times its
% larger value at W0 and at W = 0.
%
% Errors: @code{lindyn:gd_completion:M}, @code{:mask}, @code{:eta}, @code{:iters},
% @code{:W0}, @code{:option} and one per option name.
%
% Example: a rank-1 5-by-5 matrix from 15 of its entries, depth 3, small start:
% @example
% @group
% M = (1:5)' * (5:-1:1) / 10;  mask = false (5);  mask([1:13 20 25]) = true;
% W0 = @{1e-2 * eye(5), 1e-2 * eye(5), 1e-2 * eye(5)@};
% R = gd_completion (M, mask, 0.5, 20000, W0);
% [R.loss(end), R.err(end), R.erank(end)]
% @end group
% @end example
% @seealso{gd_sensing, nuclear_completion, effective_rank, gd_deep, sgd_deep}
% @end deftypefn

  if (nargin < 5)
    ld_usage ('gd_completion');
  end
  fn = 'gd_completion';
  M = ld_matrix (fn, 'M', M, 'finite', 'nonempty');
  [n1, n2] = size (M);
  if (~ (islogical (mask) && isequal (size (mask), [n1, n2])))
    error ('lindyn:gd_completion:mask', ...
           'gd_completion: mask must be a logical %d-by-%d matrix', n1, n2);
  end
  idx = find (mask(:));
  if (isempty (idx))
    error ('lindyn:gd_completion:mask', 'gd_completion: mask must observe at least one entry');
  end
  eta = ld_matrix (fn, 'eta', eta, 'vector', 'nonempty', 'finite', 'positive');
  iters = ld_matrix (fn, 'iters', iters, 'scalar', 'integer', 'nonnegative');
  vals = M(idx);
  opts = varargin;
  par = [];
  k = find (strcmpi ('threads', opts(1:2:end)), 1, 'last');
  if (~ isempty (k))
    if (2 * k > numel (opts))
      error ('lindyn:gd_completion:threads', 'gd_completion: option "threads" needs a value');
    end
    par = opts{2 * k};
    if (~ (isnumeric (par) && isscalar (par) && isreal (par) && (par == 1 || par == 2)))
      error ('lindyn:gd_completion:threads', 'gd_completion: threads must be 1 or 2');
    end
    par = double (par);
    opts(2 * k - 1:2 * k) = [];
  end
  if (~ any (strcmpi ('target', opts(1:2:end))))
    opts = [opts, {'target', M}];
  end
  crit = @(W) 0.5 * mean ((W(idx) - vals) .^ 2);
  cost = 4 * numel (idx) + 6 * n1 * n2 * max (n1, n2);
  R = ld_run_driver (fn, 'completion', {full(idx(:)) - 1, full(vals(:))}, par, eta, iters, ...
                     W0, n1, n2, opts, crit, cost);
end

%!shared M, mask
%! randn ('state', 3);  rand ('state', 3);
%! M = randn (7, 2) * randn (2, 6) / 2;  mask = rand (7, 6) < 0.6;

%!test
%! % against a plain Octave loop of the same update, L = 3, random widths
%! W0 = {randn(7, 4) / 3, randn(4, 5) / 3, randn(5, 6) / 3};  eta = 0.3;
%! R = gd_completion (M, mask, eta, 150, W0, 'record', [0 150]);
%! W = W0;  n = nnz (mask);
%! for t = 1:150
%!   E = W{1} * W{2} * W{3};  G = (E - M) .* mask / n;
%!   W = {W{1} - eta * G * (W{2} * W{3})', W{2} - eta * W{1}' * G * W{3}', ...
%!        W{3} - eta * (W{1} * W{2})' * G};
%! end
%! % 150 steps of O(1) products: rounding differences ~1e-15 relative
%! for l = 1:3, assert (norm (R.factors{l} - W{l}, 'fro') <= 1e-12 * norm (W{l}, 'fro'));  end
%! E = W{1} * W{2} * W{3};
%! assert (R.loss(end), 0.5 * mean ((E(mask) - M(mask)) .^ 2), 1e-12 * R.loss(1));
%! assert (R.err(end), norm (E - M, 'fro'), 1e-12 * norm (M, 'fro'));
%! s = svd (E);  q = s / sum (s);
%! assert (R.erank(end), exp (-sum (q .* log (q))), 1e-12);

%!test
%! % a full mask is gd_deep with Sx = I/N, Sxy = M/N, N = n1 n2 (the loss is
%! % 1/(2N) ||W - M||_F^2 = 1/2 tr(W' Sx W) - tr(W' Sxy) + const)
%! W0 = {randn(7, 3) / 3, randn(3, 6) / 3};  N = numel (M);
%! R = gd_completion (M, true (7, 6), 2, 300, W0, 'record', 300);
%! S = gd_deep (eye (7) / N, M / N, 2, 300, W0, 'record', 300);
%! for l = 1:2
%!   assert (norm (R.factors{l} - S.factors{l}, 'fro') <= 1e-12 * norm (S.factors{l}, 'fro'));
%! end

%!test
%! % momentum and Adam against plain loops, L = 2
%! W0 = {randn(7, 5) / 3, randn(5, 6) / 3};  eta = 0.1;  n = nnz (mask);
%! for method = {'momentum', 'adam'}
%!   R = gd_completion (M, mask, eta, 100, W0, 'method', method{1}, 'beta', 0.8, ...
%!                      'beta1', 0.85, 'beta2', 0.99, 'epsilon', 1e-6, 'record', 100);
%!   W = W0;  V = {0 * W0{1}, 0 * W0{2}};  U = V;
%!   for t = 1:100
%!     G = (W{1} * W{2} - M) .* mask / n;  g = {G * W{2}', W{1}' * G};
%!     for l = 1:2
%!       if (strcmp (method{1}, 'momentum'))
%!         V{l} = 0.8 * V{l} + g{l};  W{l} = W{l} - eta * V{l};
%!       else
%!         V{l} = 0.85 * V{l} + 0.15 * g{l};  U{l} = 0.99 * U{l} + 0.01 * g{l} .^ 2;
%!         W{l} = W{l} - eta / (1 - 0.85 ^ t) * V{l} ./ (sqrt (U{l}) / sqrt (1 - 0.99 ^ t) + 1e-6);
%!       end
%!     end
%!   end
%!   % 100 steps: rounding differences ~1e-15 relative (Adam's elementwise division
%!   % amplifies them by at most the ratio of its denominators, O(1) here)
%!   for l = 1:2, assert (norm (R.factors{l} - W{l}, 'fro') <= 1e-12 * norm (W{l}, 'fro'));  end
%! end

%!test
%! % a sweep over step sizes equals separate runs; the update state is returned
%! W0 = {randn(7, 3) / 3, randn(3, 6) / 3};
%! R = gd_completion (M, mask, [0.1 0.3], 50, W0, 'method', 'momentum');
%! S = gd_completion (M, mask, 0.3, 50, W0, 'method', 'momentum');
%! assert (R(2), S);  assert (size (S.state), [1 2]);

%!test
%! % two threads: the same iterates (every entry computed by the same operations); a
%! % 100 x 100 case, large enough for the threaded step
%! randn ('state', 4);  rand ('state', 4);
%! A = randn (100, 5) * randn (5, 100);  Q = rand (100) < 0.2;
%! W0 = {randn(100) / 30, randn(100) / 30, randn(100) / 30};
%! R1 = gd_completion (A, Q, 0.5, 20, W0, 'record', 20);
%! R2 = gd_completion (A, Q, 0.5, 20, W0, 'record', 20, 'threads', 2);
%! for l = 1:3
%!   assert (norm (R1.factors{l} - R2.factors{l}, 'fro') <= 1e-14 * norm (R1.factors{l}, 'fro'));
%! end

%!error <Invalid call> gd_completion (1, true, 0.1, 10)
%!error id=lindyn:gd_completion:threads gd_completion (1, true, 0.1, 10, {1}, 'threads', 3)
%!error id=lindyn:gd_completion:threads gd_completion (1, true, 0.1, 10, {1}, 'threads')
%!error id=lindyn:gd_completion:mask gd_completion (1, 1, 0.1, 10, {1})
%!error id=lindyn:gd_completion:mask gd_completion (1, false, 0.1, 10, {1})
%!error id=lindyn:gd_completion:mask gd_completion (ones (2), true (2, 1), 0.1, 10, {1})
%!error id=lindyn:gd_completion:M gd_completion (NaN, true, 0.1, 10, {1})
%!error id=lindyn:gd_completion:eta gd_completion (1, true, -1, 10, {1})
%!error id=lindyn:gd_completion:iters gd_completion (1, true, 0.1, -1, {1})
%!error id=lindyn:gd_completion:W0 gd_completion (1, true, 0.1, 10, {[1 1]})
%!error id=lindyn:gd_completion:method gd_completion (1, true, 0.1, 10, {1}, 'method', 'sgd')
%!error id=lindyn:gd_completion:beta gd_completion (1, true, 0.1, 10, {1}, 'method', 'momentum', 'beta', 1)
%!error id=lindyn:gd_completion:option gd_completion (1, true, 0.1, 10, {1}, 'bogus', 1)

%!demo
%! % depth 3 from a small start completes a rank-2 20-by-20 matrix from half its entries
%! randn ('state', 1);  rand ('state', 1);
%! M = randn (20, 2) * randn (2, 20) / 4;  mask = rand (20) < 0.5;
%! W0 = {1e-2 * eye(20), 1e-2 * eye(20), 1e-2 * eye(20)};
%! R = gd_completion (M, mask, 5, 20000, W0);
%! semilogx (R.t + 1, R.err / norm (M, 'fro'), R.t + 1, R.erank / 20);
%! legend ('relative error, all entries', 'effective rank / 20');  xlabel ('iteration + 1');
