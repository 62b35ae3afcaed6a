function R = gd_completion (M, mask, eta, iters, W0, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{R} =} gd_completion (@var{M}, @var{mask}, @var{eta}, @var{iters}, @var{W0})
% @deftypefnx {} {@var{R} =} gd_completion (@var{M}, @var{eta}, @var{iters}, @var{W0})
% @deftypefnx {} {@var{R} =} gd_completion (@dots{}, @var{name}, @var{value}, @dots{})
% Gradient descent (or momentum, Adam) on deep matrix factorization for matrix
% completion (Arora, Cohen, Hu & Luo, NeurIPS 2019; Razin & Cohen, NeurIPS 2020):
% @code{W = W1*W2*...*WL} fits the entries of @var{M} (n1-by-n2) where @var{mask} is
% true, with the loss
% @c formula
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
% The data as it is usually stored: @var{mask} may be logical, double 0/1 or sparse;
% NaN in @var{M} marks an entry that is not observed, and then @var{mask} may be
% omitted (or []): the observed entries are those that are not NaN.  What is observed
% must be finite (the error names the first entry that is not).
%
% Step sizes: a paper whose loss is c times this one takes steps eta' that are
% @code{eta = c * eta'} here: c = |Omega| for the sum @code{1/2 sum (W - M)^2} over the
% observed entries, c = 2 for the mean squared error @code{mean ((W - M)^2)} (PyTorch's
% @code{MSELoss}).  Arora et al. 2019 and Razin & Cohen 2020 state their step sizes for
% their own losses; convert them with this rule.
%
% @var{W0} = @{W1, @dots{}, WL@} is the start (W1 n1-by-r1, ..., WL r(L-1)-by-n2), e.g.
% @code{random_init} or a small balanced start.  @var{eta} may be a vector (a sweep, as in
% @code{gd_deep}, and @var{W0} may then be a cell of starts, or a result to continue).
% Options: every option of @code{gd_deep} (@qcode{"method"} @qcode{"gd"},
% @qcode{"momentum"} or @qcode{"adam"} and their parameters, @qcode{"record"},
% @qcode{"sv"}, @qcode{"nuclear"}, @qcode{"effective_rank"}, @qcode{"path"},
% @qcode{"snapshots"}, @qcode{"balance"}, @qcode{"verbose"}, @qcode{"checkpoint"},
% @qcode{"init_info"}, the stopping rules @qcode{"stop_loss"}, @qcode{"stop_change"},
% @qcode{"stop_window"}, @qcode{"patience"}), with @qcode{"target"} (default @var{M} when it
% has no NaN: the error on all entries is measured against it, so pass the full ground
% truth as @var{M} when it is known) and @qcode{"test"}, a held-out mask (the same forms as
% @var{mask}) whose entries of @var{M} give the held-out loss @code{test_loss}, l(W) on them;
% and @qcode{"threads"} (1, the default, or 2: the step's products on two OpenMP threads,
% which pays only when no other process competes for the cores).
%
% @var{R} has the fields of @code{gd_deep}'s result (see there), with @code{loss} the
% l(W) above and @code{err} @code{norm (W - target, "fro")}.  A run stops (with warning
% @code{lindyn:gd:diverged}) when the loss is not finite or exceeds 1e12 times its
% larger value at W0 and at W = 0.
%
% Errors: @code{lindyn:gd_completion:M}, @code{:mask}, @code{:eta}, @code{:iters},
% @code{:W0}, @code{:option} and one per option name.
%
% Example: a rank-1 5-by-5 matrix from 15 of its entries (the others NaN), depth 3,
% small start:
% @c runnable
% @example
% @group
% M = (1:5)' * (5:-1:1) / 10;  M(setdiff (1:25, [1:13 20 25])) = NaN;
% W0 = @{1e-2 * eye(5), 1e-2 * eye(5), 1e-2 * eye(5)@};
% R = gd_completion (M, 0.5, 20000, W0);
% [R.loss(end), R.erank(end)]
% @end group
% @end example
% @seealso{gd_sensing, nuclear_completion, effective_rank, gd_deep, sgd_deep}
% @end deftypefn

  if (nargin < 4)
    ld_usage ('gd_completion');
  end
  fn = 'gd_completion';
  opts = varargin;
  if (iscell (iters) || (isstruct (iters) && isfield (iters, 'factors')))
    % gd_completion (M, eta, iters, W0, ...): the NaN of M mark what is not observed
    if (nargin >= 5), opts = [{W0}, opts];  end
    W0 = iters;  iters = eta;  eta = mask;  mask = [];
  elseif (nargin < 5)
    ld_usage ('gd_completion');
  end
  M = ld_matrix (fn, 'M', M, 'nonempty');          % NaN allowed: not observed
  [n1, n2] = size (M);
  idx = ld_observed (fn, 'mask', mask, M);
  eta = ld_matrix (fn, 'eta', eta, 'vector', 'nonempty', 'finite', 'positive');
  iters = ld_matrix (fn, 'iters', iters, 'scalar', 'integer', 'nonnegative');
  vals = M(idx);
  threads = 1;
  k = find (strcmpi ('threads', opts(1:2:end)), 1, 'last');
  if (~ isempty (k))
    if (2 * k > numel (opts))
      error ('lindyn:gd_completion:threads', 'gd_completion: option "threads" needs a value');
    end
    threads = opts{2 * k};
    if (~ (isnumeric (threads) && isscalar (threads) && isreal (threads) ...
           && (threads == 1 || threads == 2)))
      error ('lindyn:gd_completion:threads', 'gd_completion: threads must be 1 or 2');
    end
    threads = double (threads);
    opts(2 * k - 1:2 * k) = [];
  end
  if (~ any (strcmpi ('target', opts(1:2:end))) && all (isfinite (M(:))))
    opts = [opts, {'target', M}];
  end
  prob.objective = 'completion';
  prob.data = struct ('idx', full (idx(:)) - 1, 'vals', full (vals(:)), 'threads', threads);
  prob.d = n1;  prob.p = n2;
  prob.crit = @(W) 0.5 * mean ((W(idx) - vals) .^ 2);
  prob.cost = 4 * numel (idx) + 6 * n1 * n2 * max (n1, n2);
  prob.test = @(val) ld_test_mask (fn, val, M);
  prob.alias = '';
  prob.advice = @() ld_stepsize_problem ('completion', ld_zeros_at (M, idx), ld_mask_at (M, idx));
  prob.own = {'threads'};
  R = ld_run_driver (fn, prob, eta, iters, W0, opts);
end

function idx = ld_observed (fn, name, mask, M)
  % the linear indices of the observed entries of M: where mask (logical, double 0/1 or
  % sparse) is true, or where M is not NaN when mask is []; they must be finite
  id = sprintf ('lindyn:%s:%s', fn, name);
  [n1, n2] = size (M);
  if (isempty (mask) && isnumeric (mask))
    idx = find (~ isnan (M(:)));
  else
    if (~ ((islogical (mask) || (isnumeric (mask) && isreal (mask))) ...
           && isequal (size (mask), [n1, n2])))
      error (id, '%s: %s must be a logical, 0/1 or sparse %d-by-%d matrix', fn, name, n1, n2);
    end
    [i, j, v] = find (mask);
    if (~ islogical (mask) && ~ all (v == 1))
      error (id, '%s: %s must hold only 0 and 1', fn, name);
    end
    idx = sort (i(:) + (j(:) - 1) * n1);
  end
  if (isempty (idx))
    error (id, '%s: %s must observe at least one entry', fn, name);
  end
  bad = find (~ isfinite (M(idx)), 1);
  if (~ isempty (bad))
    [bi, bj] = ind2sub ([n1, n2], idx(bad));
    error (sprintf ('lindyn:%s:M', fn), ...
           '%s: M(%d,%d) = %g is observed (%s true there): observed entries must be finite', ...
           fn, bi, bj, M(idx(bad)), name);
  end
end

function Z = ld_zeros_at (M, idx)
  % M with its unobserved entries (NaN allowed there) set to 0
  Z = zeros (size (M));  Z(idx) = M(idx);
end

function mask = ld_mask_at (M, idx)
  mask = false (size (M));  mask(idx) = true;
end

function T = ld_test_mask (fn, val, M)
  % a held-out mask: l(W) on those entries of M
  idx = ld_observed (fn, 'test', val, M);
  T.evals = struct ('objective', 'completion', 'data', ...
                    struct ('idx', full (idx(:)) - 1, 'vals', full (M(idx)), 'threads', 1));
  T.const = [];
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
%! assert (rmfield (R(2), 'date'), rmfield (S, 'date'));  assert (size (S.state.update), [1 2]);

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
%!error id=lindyn:gd_completion:mask gd_completion (1, 2, 0.1, 10, {1})
%!error id=lindyn:gd_completion:mask gd_completion (1, false, 0.1, 10, {1})
%!error id=lindyn:gd_completion:mask gd_completion (ones (2), true (2, 1), 0.1, 10, {1})
%!error id=lindyn:gd_completion:M gd_completion (NaN, true, 0.1, 10, {1})
%!error <M\(1,2\) = NaN is observed> gd_completion ([1 NaN; 2 3], true (2), 0.1, 10, {[1; 1], [1 1]})
%!error id=lindyn:gd_completion:mask gd_completion ([1 2; 3 4], [1 0; 2 1], 0.1, 10, {[1; 1], [1 1]})
%!error id=lindyn:gd_completion:mask gd_completion ([NaN NaN], 0.1, 10, {1, [1 1]})
%!test
%! % the data as it is stored: NaN for what is not observed (mask omitted or []), a
%! % double 0/1 or a sparse mask: the same run as the logical mask
%! Mn = M;  Mn(~ mask) = NaN;  W0 = {randn(7, 3) / 3, randn(3, 6) / 3};
%! R = gd_completion (M, mask, 0.3, 40, W0, 'record', 40);
%! for args = {{Mn, 0.3, 40, W0}, {Mn, [], 0.3, 40, W0}, {M, double(mask), 0.3, 40, W0}, ...
%!             {M, sparse(mask), 0.3, 40, W0}, {Mn, sparse(double (mask)), 0.3, 40, W0}}
%!   S = gd_completion (args{1}{:}, 'record', 40);
%!   assert (S.factors, R.factors);  assert (S.loss, R.loss);
%! end
%! assert (! isfield (gd_completion (Mn, 0.3, 4, W0), 'err'));   % no NaN-free target
%!test
%! % a held-out mask: the loss on those entries at every record, against a direct
%! % computation from the snapshots
%! W0 = {randn(7, 3) / 3, randn(3, 6) / 3};
%! R = gd_completion (M, mask, 0.3, 60, W0, 'record', [0 20 60], 'test', ~ mask, 'snapshots', true);
%! for k = 1:3
%!   E = R.snapshots(:,:,k);
%!   % means of O(1) squares: rounding ~1e-16 relative
%!   assert (R.test_loss(k), 0.5 * mean ((E(~ mask) - M(~ mask)) .^ 2), 1e-13 * R.test_loss(k));
%! end
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
