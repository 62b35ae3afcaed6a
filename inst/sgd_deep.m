function R = sgd_deep (X, Y, eta, iters, W0, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{R} =} sgd_deep (@var{X}, @var{Y}, @var{eta}, @var{iters}, @var{W0})
% @deftypefnx {} {@var{R} =} sgd_deep (@dots{}, @var{name}, @var{value}, @dots{})
% Mini-batch stochastic gradient descent (or momentum, Adam) on a deep linear network
% @code{W = W1*W2*...*WL} from the data: @var{X} is n-by-d (one sample per row; double,
% single or uint8, used without a double copy of the whole set: uint8 and single data
% are transposed once in their own class), @var{Y} n-by-p.  Step t
% takes a batch of b rows (Xb, Yb) and the gradient of
% @c formula
% @example
% 1/(2b) * norm (Yb + s*Z - Xb*W, "fro")^2,
% @end example
% Z fresh standard normal label noise (option @qcode{"label_noise"}, s, default 0);
% the factor gradients follow by eq. 11's chain rule.  With b = n and s = 0 this is
% @code{gd_deep} on the data's moments (@code{second_moments (X, Y)}).
%
% Options: @qcode{"batch"}, b (default n, the full batch); @qcode{"replacement"}
% (default false: each epoch of @code{floor (n/b)} steps visits a fresh random
% permutation of the rows in batches of b distinct rows, the last @code{mod (n, b)} rows
% of each permutation left out; true: every batch is b rows drawn uniformly with
% replacement); @qcode{"seed"} (default 0, an integer in [0, 2^53]).  The batches and the
% noise of step t depend on the seed and t alone (xoshiro256** seeded by splitmix64, in
% the C core), so a seeded run is reproducible and independent of how it is split into
% calls; the streams are not those of Octave's @code{rand}/@code{randn}.  With b = n and
% no replacement the rows are used in their order.
% Every other option is one of @code{gd_deep}'s (the update rules @qcode{"method"}
% @qcode{"gd"}, @qcode{"momentum"}, @qcode{"adam"} and their parameters, the records, the
% stopping rules, checkpoints, Ctrl-C with @code{lindyn_last} and continuation from a
% result, bit for bit: the batches of step t depend on t alone), with @qcode{"test"}
% held-out data @code{@{X_test, Y_test@}}: @code{test_loss} is their excess loss
% @code{1/2 tr((W - Wt*)' Sx_test (W - Wt*))} and @code{test_loss_plain} the plain
% @code{norm (Y_test - X_test*W, "fro")^2 / (2*n_test)}.  The sharpness records are
% those of the full data's loss.
%
% @var{R} has the fields of @code{gd_deep}: @code{loss} (and @code{excess_loss}) is the
% full data's excess loss @code{1/2 tr((W - W*)' Sx (W - W*))}, from its moments
% (@code{second_moments (X, Y)}, which reads uint8 and single data in place).  A run
% stops (warning @code{lindyn:gd:diverged}) when a batch loss is not finite or exceeds
% 1e12 times the larger full-data loss at W0 and at W = 0 (plus the noise's share,
% @code{p*s^2/2}).
%
% Errors: @code{lindyn:sgd_deep:X}, @code{:Y}, @code{:eta}, @code{:iters}, @code{:W0},
% @code{:batch}, @code{:seed}, @code{:replacement}, @code{:label_noise},
% @code{:option} and one per option name.
%
% Example: batches of 10 from 200 samples, two layers:
% @c runnable
% @example
% @group
% X = randn (200, 5);  Y = X * diag ([3 2 1 0.5 0.1]) + 0.1 * randn (200, 5);
% W0 = random_init ([5 5 5], 1e-3, 'seed', 1);
% R = sgd_deep (X, Y, 0.05, 2000, W0, 'batch', 10, 'seed', 1);
% semilogx (R.t + 1, R.sv')
% @end group
% @end example
% @seealso{gd_deep, second_moments, gd_completion}
% @end deftypefn

  if (nargin < 5)
    ld_usage ('sgd_deep');
  end
  fn = 'sgd_deep';
  if (isa (X, 'uint8') || isa (X, 'single') || isa (X, 'double'))
    if (~ isreal (X) || issparse (X) || ndims (X) ~= 2)
      error ('lindyn:sgd_deep:X', 'sgd_deep: X must be a real full 2-D matrix');
    end
    if (~ isa (X, 'uint8') && ~ all (isfinite (X(:))))
      error ('lindyn:sgd_deep:X', 'sgd_deep: X must not contain NaN or Inf');
    end
  else
    X = ld_matrix (fn, 'X', X, 'finite');
  end
  [n, d] = size (X);
  if (n < 1)
    error ('lindyn:sgd_deep:X', 'sgd_deep: X must have at least one row');
  end
  Y = ld_matrix (fn, 'Y', Y, 'finite', 'rows', n);
  p = size (Y, 2);
  eta = ld_matrix (fn, 'eta', eta, 'vector', 'nonempty', 'finite', 'positive');
  iters = ld_matrix (fn, 'iters', iters, 'scalar', 'integer', 'nonnegative');

  % the options of the objective; the rest go to the driver
  own = {'batch', 'seed', 'replacement', 'label_noise'};
  b = n;  seed = 0;  rep = false;  s = 0;  rest = {};
  if (mod (numel (varargin), 2) ~= 0)
    error ('lindyn:sgd_deep:option', 'sgd_deep: options must come in name-value pairs');
  end
  for k = 1:2:numel (varargin)
    name = varargin{k};  val = varargin{k+1};
    if (ischar (name) && any (strcmpi (name, own)))
      switch (lower (name))
        case 'batch'
          b = ld_matrix (fn, 'batch', val, 'scalar', 'integer', 'positive');
          if (b > n)
            error ('lindyn:sgd_deep:batch', 'sgd_deep: batch must be at most n = %d', n);
          end
        case 'seed'
          seed = ld_matrix (fn, 'seed', val, 'scalar', 'integer', 'nonnegative');
          if (seed > 2^53)
            error ('lindyn:sgd_deep:seed', 'sgd_deep: seed must be at most 2^53');
          end
        case 'replacement'
          rep = ld_logical (fn, 'replacement', val);
        case 'label_noise'
          s = ld_matrix (fn, 'label_noise', val, 'scalar', 'finite', 'nonnegative');
      end
    else
      rest(end+1:end+2) = {name, val};
    end
  end

  % the full data's moments (second_moments reads uint8 and single X in place)
  [Sx, Sxy] = second_moments (X, Y);
  yy = sum (Y(:) .^ 2) / n;
  Wstar = ld_wstar (Sx, Sxy);
  prob.objective = 'batch';
  % uint8 and single data go in transposed (a copy in their own class, 1/8 or 1/2 of a
  % double copy), so that a sample's values are contiguous for the batch gathers
  tr = ~ isa (X, 'double');
  if (tr), X = X.';  end
  prob.data = struct ('X', X, 'Y', Y, 'Sx', Sx, 'Wstar', Wstar, 'batch', b, ...
                      'replacement', double (rep), 'noise', s, 'seed', seed, ...
                      'transposed', double (tr));
  prob.d = d;  prob.p = p;
  % the full-data loss 1/(2n) ||Y - X W||^2 from the moments, plus the noise's p s^2 / 2
  prob.crit = @(W) max (0, 0.5 * sum (sum (W .* (Sx * W))) - sum (sum (W .* Sxy)) + 0.5 * yy) ...
                   + 0.5 * p * s ^ 2;
  dims = reshape (cellfun (@(w) size (w, 2), ld_first_chain (fn, W0)), 1, []);   % W0 may be a column cell
  prob.cost = 4 * b * d * p + 6 * sum ([d, dims(1:end-1)] .* dims) * p;
  prob.test = @(val) ld_test_data (fn, val, d, p);
  prob.alias = 'excess_loss';
  prob.advice = @() ld_stepsize_problem ('moments', Sx, Sxy);
  prob.own = own;
  prob.given = varargin;
  R = ld_run_driver (fn, prob, eta, iters, W0, rest);
end

function T = ld_test_data (fn, val, d, p)
  % held-out data {X_test, Y_test}: their moments give the held-out excess loss and,
  % with tr(Y_test' Y_test)/n_test, the plain held-out loss
  id = sprintf ('lindyn:%s:test', fn);
  if (~ (iscell (val) && numel (val) == 2))
    error (id, '%s: test must be a cell {X_test, Y_test} of held-out data', fn);
  end
  Xt = val{1};
  if (~ (isa (Xt, 'uint8') || isa (Xt, 'single')))
    Xt = ld_matrix (fn, 'test', Xt, 'finite');
  end
  if (size (Xt, 2) ~= d || size (Xt, 1) < 1)
    error (id, '%s: test{1} (X_test) must have %d columns and at least one row', fn, d);
  end
  Yt = ld_matrix (fn, 'test', val{2}, 'finite', 'rows', size (Xt, 1), 'cols', p);
  [St, Sty] = second_moments (Xt, Yt);
  Wt = ld_wstar (St, Sty);
  T.evals = struct ('objective', 'moments', 'data', struct ('Sx', St, 'Sxy', Sty, 'Wstar', Wt));
  T.const = sum (Yt(:) .^ 2) / size (Yt, 1) / 2 - sum (sum (Wt .* Sty)) / 2;
end

%!test
%! % a column cell of factors is the same start as a row cell (it once made the chunk
%! % size a matrix: a fuzzer finding)
%! X = [-1.452 -0.5814];  Y = [1.22 0.3819];  W1 = [0.0054 -0.0011 0.0086; -0.0143 -0.0141 0.0045];
%! W2 = [-0.0072 -0.0059; -0.0087 -0.0019; 0.0010 0.0050];
%! Rc = sgd_deep (X, Y, 0.2394, 5, {W1; W2}, 'batch', 1, 'seed', 45, 'label_noise', 0.1);
%! Rr = sgd_deep (X, Y, 0.2394, 5, {W1, W2}, 'batch', 1, 'seed', 45, 'label_noise', 0.1);
%! assert (isequal (Rc.factors, Rr.factors));
%!test
%! % b = n without noise is gd_deep on the data's moments, iterate for iterate
%! randn ('state', 7);
%! X = randn (40, 4);  Y = randn (40, 3);  [Sx, Sxy] = second_moments (X, Y);
%! W0 = {randn(4, 3) / 3, randn(3, 2) / 3, randn(2, 3) / 3};
%! R = sgd_deep (X, Y, 0.1, 60, W0, 'record', 0:60, 'snapshots', true);
%! S = gd_deep (Sx, Sxy, 0.1, 60, W0, 'record', 0:60, 'snapshots', true);
%! % X'(XW - Y)/n and Sx W - Sxy differ by rounding only (~1e-16 relative per step)
%! for t = 1:61
%!   assert (norm (R.snapshots(:,:,t) - S.snapshots(:,:,t), 'fro') ...
%!           <= 1e-12 * norm (S.snapshots(:,:,t), 'fro'));
%! end
%! assert (R.excess_loss, S.excess_loss, 1e-12 * S.excess_loss(1));
%! % uint8 and single data give the same run as their double values
%! Xi = uint8 (randi ([0 255], 40, 4));  W0 = {randn(4, 2) / 300, randn(2, 3) / 3};
%! Ri = sgd_deep (Xi, Y, 1e-5, 20, W0, 'batch', 8, 'seed', 2, 'record', 20);
%! Rd = sgd_deep (double (Xi), Y, 1e-5, 20, W0, 'batch', 8, 'seed', 2, 'record', 20);
%! Rs = sgd_deep (single (Xi), Y, 1e-5, 20, W0, 'batch', 8, 'seed', 2, 'record', 20);
%! % the transposed layout multiplies in another order: equal to rounding
%! for l = 1:2
%!   assert (norm (Ri.factors{l} - Rd.factors{l}, 'fro') <= 1e-12 * norm (Rd.factors{l}, 'fro'));
%! end
%! assert (Rs.factors, Ri.factors, 0);

%!test
%! % one epoch without replacement, b | n: the batch gradients (step t's gradient at a
%! % fixed W0 is W0 - W1 of one step with eta = 1, L = 1, taken at t0 = t) average to
%! % the full gradient Sx W0 - Sxy
%! randn ('state', 9);
%! n = 24;  d = 4;  p = 2;  b = 6;  X = randn (n, d);  Y = randn (n, p);
%! [Sx, Sxy] = second_moments (X, Y);  W0 = randn (d, p);  Ws = Sx \ Sxy;
%! g = zeros (d, p);
%! spec = struct ('objective', 'batch', 'data', struct ('X', X, 'Y', Y, 'Sx', Sx, 'Wstar', Ws, ...
%!                'batch', b, 'replacement', 0, 'noise', 0, 'seed', 5, 'transposed', 0), ...
%!                'method', 'gd', 'hyper', struct (), 'eta', 1, 'iters', 1);
%! for t = 4:7                      % epoch 1 (steps 4..7 of n/b = 4 per epoch)
%!   spec.t0 = t;
%!   C = __lindyn_run__ (spec, struct ('factors', {{W0}}));
%!   g = g + (W0 - C.factors{1}) / 4;
%! end
%! % W0 - W1 carries the rounding of W0 (eps |W0|) and of the sums (~1e-16)
%! assert (norm (g - (Sx * W0 - Sxy), 'fro') <= 1e-13 * max (norm (W0, 'fro'), 1));

%!test
%! % the batches of an epoch partition the rows: with X = I, Y = 1:n and W0 = 0, a step
%! % sets w_i to y_i / b exactly on its batch's rows and leaves the others
%! n = 12;  b = 3;  y = (1:n)';
%! R = sgd_deep (eye (n), y, 1, 8, {zeros(n, 1)}, 'batch', b, 'seed', 4, ...
%!               'record', 0:8, 'snapshots', true);
%! seen = false (n, 1);
%! for t = 1:4
%!   hit = R.snapshots(:,:,t+1) ~= R.snapshots(:,:,t);
%!   assert (nnz (hit), b);  assert (~ any (seen & hit));  seen = seen | hit;
%! end
%! assert (all (seen));  assert (R.snapshots(:,:,5), y / b, 1e-15);
%! % the next epoch is another permutation (of 12! / ... : with seed 4 it differs)
%! order = @(k) find (R.snapshots(:,:,k+1) ~= R.snapshots(:,:,k))';
%! assert (~ isequal ([order(1) order(2) order(3) order(4)], [order(5) order(6) order(7) order(8)]));

%!test
%! % with replacement: draws are uniform (chi-square over 500 batches of 8 from 10 rows)
%! % and a batch may repeat a row; the counts are read off one step at W0 = 0, eta = 1
%! n = 10;  b = 8;  X = eye (n);  Y = ones (n, 1);  Ws = ones (n, 1);
%! counts = zeros (n, 1);  dup = 0;
%! spec = struct ('objective', 'batch', 'data', struct ('X', X, 'Y', Y, 'Sx', X, 'Wstar', Ws, ...
%!                'batch', b, 'replacement', 1, 'noise', 0, 'seed', 11, 'transposed', 0), ...
%!                'method', 'gd', 'hyper', struct (), 'eta', 1, 'iters', 1);
%! for t = 0:499
%!   spec.t0 = t;
%!   C = __lindyn_run__ (spec, struct ('factors', {{zeros(n, 1)}}));
%!   c = round (b * C.factors{1});  counts = counts + c;  dup = dup + any (c > 1);
%! end
%! assert (sum (counts), 500 * b);
%! e = 500 * b / n;  chi2 = sum ((counts - e) .^ 2 / e);
%! % 9 degrees of freedom: P(chi2 > 40) < 1e-5
%! assert (chi2 < 40);
%! % P(8 distinct of 10) = 10!/(2! 10^8) = 0.018: duplicates in most batches
%! assert (dup > 400);

%!test
%! % seeded runs repeat exactly; another seed gives another run; noise 0 is plain SGD;
%! % a run split by t0 into two calls is the run in one call
%! randn ('state', 2);
%! X = randn (30, 3);  Y = randn (30, 2);  W0 = {randn(3, 2) / 3, randn(2, 2) / 3};
%! A = sgd_deep (X, Y, 0.05, 100, W0, 'batch', 7, 'seed', 3, 'label_noise', 0.2);
%! B = sgd_deep (X, Y, 0.05, 100, W0, 'batch', 7, 'seed', 3, 'label_noise', 0.2);
%! C = sgd_deep (X, Y, 0.05, 100, W0, 'batch', 7, 'seed', 4, 'label_noise', 0.2);
%! % every field but the date of the call (the clock may tick between the two calls)
%! assert (isequaln (rmfield (A, 'date'), rmfield (B, 'date')));
%! assert (~ isequal (A.factors, C.factors));
%! P = sgd_deep (X, Y, 0.05, 100, W0, 'batch', 7, 'seed', 3);
%! Q = sgd_deep (X, Y, 0.05, 100, W0, 'batch', 7, 'seed', 3, 'label_noise', 0);
%! assert (isequaln (rmfield (P, {'options', 'date'}), rmfield (Q, {'options', 'date'})));
%! % Adam with label noise, continued from a result after 37 steps: the run in one call
%! o = {'batch', 7, 'seed', 3, 'label_noise', 0.2, 'method', 'adam'};
%! C1 = sgd_deep (X, Y, 0.05, 37, W0, o{:});
%! C2 = sgd_deep (X, Y, 0.05, 63, C1, o{:});
%! C3 = sgd_deep (X, Y, 0.05, 100, W0, o{:});
%! assert (isequal (C2.factors, C3.factors));  assert (isequal (C2.state, C3.state));
%! assert (C2.iters, 100);  assert (C2.t(end), 100);

%!test
%! % label noise from an unbalanced global minimizer W1 = c A, W2 = B / c (G = 0):
%! % gradient descent does not move, label-noise GD lowers the trace of the Hessian of f
%! % and the imbalance ||W1'W1 - W2W2'||_F.  At G = 0 (L = 2)
%! %   tr Hess f = tr(Sx) ||W2||_F^2 + p tr(W1' Sx W1),
%! % since f is quadratic along every coordinate with curvature Sx_ii ||W2(j,:)||^2 (W1)
%! % and (W1' Sx W1)_ii (W2); checked here by central second differences, exact for a
%! % quadratic up to rounding.
%! randn ('state', 8);
%! n = 50;  d = 3;  p = 2;  X = randn (n, d);  A = randn (d, 2);  B = randn (2, p);
%! Y = X * (A * B);  [Sx, Sxy] = second_moments (X, Y);  c = 3;  W0 = {c * A, B / c};
%! trH = @(W) trace (Sx) * norm (W{2}, 'fro')^2 + p * trace (W{1}' * Sx * W{1});
%! imb = @(W) norm (W{1}' * W{1} - W{2} * W{2}', 'fro');
%! f = @(v) norm (Y - X * reshape (v(1:6), 3, 2) * reshape (v(7:10), 2, 2), 'fro')^2 / (2 * n);
%! v = [W0{1}(:); W0{2}(:)];  h = 1e-3;  fd = 0;
%! for i = 1:10
%!   e = zeros (10, 1);  e(i) = h;  fd = fd + (f (v + e) - 2 * f (v) + f (v - e)) / h^2;
%! end
%! % f(v) ~ 1e-30 and f(v +- e) ~ 1e-6: rounding of the differences ~1e-10 relative
%! assert (fd, trH (W0), 1e-6 * trH (W0));
%! eta = 0.5 / (max (eig (Sx)) * (norm (W0{1})^2 + norm (W0{2})^2));
%! G = sgd_deep (X, Y, eta, 2000, W0, 'record', 2000);
%! assert (norm (G.factors{1} - W0{1}, 'fro') <= 1e-12 * norm (W0{1}, 'fro'));
%! assert (norm (G.factors{2} - W0{2}, 'fro') <= 1e-12 * norm (W0{2}, 'fro'));
%! for seed = 1:3
%!   N = sgd_deep (X, Y, eta, 20000, W0, 'record', 20000, 'label_noise', 1, 'seed', seed);
%!   % measured: both fall by 1.7-1.9% for seeds 1..4 (the spread across seeds ~0.1%)
%!   assert (trH (N.factors) < 0.99 * trH (W0));
%!   assert (imb (N.factors) < 0.99 * imb (W0));
%! end

%!error <Invalid call> sgd_deep (1, 1, 0.1, 10)
%!error id=lindyn:sgd_deep:X sgd_deep ([NaN 1], 1, 0.1, 10, {[1; 1]})
%!error id=lindyn:sgd_deep:X sgd_deep ({1}, 1, 0.1, 10, {1})
%!error id=lindyn:sgd_deep:X sgd_deep (zeros (0, 2), zeros (0, 1), 0.1, 10, {[1; 1]})
%!error id=lindyn:sgd_deep:Y sgd_deep (ones (3, 2), ones (2, 1), 0.1, 10, {[1; 1]})
%!error id=lindyn:sgd_deep:batch sgd_deep (ones (3, 1), ones (3, 1), 0.1, 10, {1}, 'batch', 4)
%!error id=lindyn:sgd_deep:batch sgd_deep (ones (3, 1), ones (3, 1), 0.1, 10, {1}, 'batch', 0)
%!error id=lindyn:sgd_deep:seed sgd_deep (ones (3, 1), ones (3, 1), 0.1, 10, {1}, 'seed', -1)
%!error id=lindyn:sgd_deep:seed sgd_deep (ones (3, 1), ones (3, 1), 0.1, 10, {1}, 'seed', 2^54)
%!error id=lindyn:sgd_deep:label_noise sgd_deep (ones (3, 1), ones (3, 1), 0.1, 10, {1}, 'label_noise', -1)
%!error id=lindyn:sgd_deep:replacement sgd_deep (ones (3, 1), ones (3, 1), 0.1, 10, {1}, 'replacement', 'yes')
%!error id=lindyn:sgd_deep:W0 sgd_deep (ones (3, 1), ones (3, 1), 0.1, 10, {[1 1]})
%!error id=lindyn:sgd_deep:option sgd_deep (ones (3, 1), ones (3, 1), 0.1, 10, {1}, 'bogus', 1)
%!error id=lindyn:sgd_deep:option sgd_deep (ones (3, 1), ones (3, 1), 0.1, 10, {1}, 'batch')

%!demo
%! % mini-batches of 10 and the full batch learn the same modes one at a time
%! randn ('state', 1);
%! X = randn (500, 4);  Y = X * diag ([2 1 0.5 0.25]) + 0.05 * randn (500, 4);
%! W0 = random_init ([4 4 4], 1e-3, 'seed', 1);
%! R = sgd_deep (X, Y, 0.02, 4000, W0, 'batch', 10, 'seed', 1);
%! F = sgd_deep (X, Y, 0.02, 4000, W0);
%! semilogx (R.t + 1, R.sv', '-', F.t + 1, F.sv', '--');
%! xlabel ('iteration + 1');  ylabel ('singular values (solid: b = 10, dashed: b = n)');
