% test_gd_diagonal.m -- gd_diagonal (diagonal linear networks on the engine) against the
% plain Octave loop ref_diagonal_gd: gradient descent at depths 2..4, SGD fed with the
% rows the engine drew (exported by __lindyn_batch_rows__, the C function every
% stochastic objective draws its rows with), with and without replacement; gradient
% descent with a small step against the flow's exact limit (diagonal_limit): the
% distance falls linearly with eta; the sharpness records against the Hessian at the
% start written out and against finite differences of the gradient.

%!shared X, y, wstar, n, d
%! randn ('state', 5);
%! n = 10;  d = 30;
%! X = randn (n, d);  wstar = zeros (d, 1);  wstar([3 17 25]) = [1.2 -2 0.7];
%! y = X * wstar;

%!test
%! % gradient descent, depths 2, 3, 4, equal and unequal starts: iterates and records to
%! % 1e-12 (2000 steps of sums of O(1) terms: rounding ~1e-15 per step; the loss is
%! % compared against its largest value, its small values being sums that cancel)
%! for D = 2:4
%!   for shape = 1:2
%!     if (shape == 1)
%!       u0 = 0.1;  v0 = 0.1;  o = {'alpha', 0.1};
%!     else
%!       u0 = 0.05 + rand (d, 1) / 5;  v0 = 0.05 + rand (d, 1) / 5;  o = {'init', {u0, v0}};
%!     end
%!     rec = 0:100:2000;
%!     R = gd_diagonal (X, y, 0.01, 2000, 'depth', D, o{:}, 'record', rec);
%!     A = ref_diagonal_gd (X, y, u0, v0, 0.01, 2000, 'depth', D, 'record', rec);
%!     assert (! A.diverged);
%!     assert (norm (R.w - A.w) <= 1e-12 * norm (A.w));
%!     assert (norm ([R.u - A.u; R.v - A.v]) <= 1e-12 * norm ([A.u; A.v]));
%!     assert (R.loss, A.loss, 1e-12 * max (A.loss));
%!     assert (R.l1, A.l1, 1e-12 * max (A.l1));  assert (R.l2, A.l2, 1e-12 * max (A.l2));
%!   end
%! end

%!test
%! % SGD: the loop fed with the rows the engine drew, step by step (batches of 3 of 10,
%! % without replacement: 3 steps an epoch, row 10 of each permutation unused; with
%! % replacement), depths 2 and 3; a run split into two calls is the run in one
%! iters = 600;
%! for rep = [false true]
%!   for D = [2 3]
%!     R = gd_diagonal (X, y, 0.01, iters, 'depth', D, 'alpha', 0.2, 'batch', 3, ...
%!                      'replacement', rep, 'seed', 11, 'record', [0 iters]);
%!     B = __lindyn_batch_rows__ (n, 3, rep, 11, 0:iters-1)';
%!     A = ref_diagonal_gd (X, y, 0.2, 0.2, 0.01, iters, 'depth', D, 'batches', B, ...
%!                          'record', [0 iters]);
%!     assert (norm (R.w - A.w) <= 1e-12 * norm (A.w));
%!     assert (R.loss, A.loss, 1e-12 * max (A.loss));
%!     R1 = gd_diagonal (X, y, 0.01, 250, 'depth', D, 'alpha', 0.2, 'batch', 3, ...
%!                       'replacement', rep, 'seed', 11);
%!     R2 = gd_diagonal (X, y, 0.01, iters - 250, 'depth', D, 'init', R1, 'batch', 3, ...
%!                       'replacement', rep, 'seed', 11);
%!     assert (isequal (R2.factors, R.factors));
%!   end
%! end
%! % the rows: without replacement each epoch visits 9 distinct rows of a permutation
%! B = __lindyn_batch_rows__ (n, 3, false, 11, 0:299);
%! for e = 0:99
%!   assert (numel (unique (B(:, 3*e+1:3*e+3))), 9);
%! end
%! % another seed, other rows (and another endpoint)
%! S = gd_diagonal (X, y, 0.01, iters, 'alpha', 0.2, 'batch', 3, 'seed', 12);
%! assert (norm (S.w - gd_diagonal (X, y, 0.01, iters, 'alpha', 0.2, 'batch', 3, 'seed', 11).w) > 1e-6);

%!test
%! % gradient descent with a small step ends O(eta) from the flow's limit (D = 2): the
%! % distance halves when eta does (run to loss < 1e-13: the convergence's remainder,
%! % ~sqrt (loss) / sigma_min (X), is far below the O(eta) gap)
%! lmax = max (eig (X' * X / n));
%! for alpha = [1 0.1]
%!   wl = diagonal_limit (X, y, alpha, alpha);
%!   dist = zeros (1, 3);
%!   c = [0.1 0.05 0.025];
%!   for j = 1:3
%!     iters = round (150 / c(j) * (1 + 2 * (alpha < 1)));
%!     R = gd_diagonal (X, y, c(j) / lmax, iters, 'alpha', alpha, 'record', iters, ...
%!                      'stop_loss', 1e-13);
%!     assert (R.loss(end) < 1e-12);
%!     dist(j) = norm (R.w - wl);
%!   end
%!   printf ('alpha %g: |w_GD - w_inf| = %.3e, %.3e, %.3e for eta = (0.1, 0.05, 0.025)/lmax; ratios %.3f %.3f\n', ...
%!           alpha, dist, dist(1) / dist(2), dist(2) / dist(3));
%!   % first order in eta: each halving halves the distance, up to the O(eta^2) term
%!   assert (dist(1) / dist(2), 2, 0.2);  assert (dist(2) / dist(3), 2, 0.1);
%! end

%!test
%! % the sharpness records: at the start u0 = v0 = alpha the Hessian in (u, v) is
%! % 4 alpha^2 [Sx, -Sx; -Sx, Sx] + 2 diag ([g; -g]) (D = 2, g = -X'y/n), whose top
%! % eigenvalue is computed here by eig; later records against central differences of the
%! % gradient (the loop's formula)
%! alpha = 0.8;  Sx = X' * X / n;  g = -X' * y / n;
%! H0 = 4 * alpha ^ 2 * [Sx, -Sx; -Sx, Sx] + 2 * diag ([g; -g]);
%! R = gd_diagonal (X, y, 0.01, 40, 'alpha', alpha, 'sharpness', true, 'record', [0 40]);
%! assert (R.sharpness(1), max (eig (H0)), 1e-12 * max (eig (H0)));
%! grad = @(z) [2 * z(1:d) .* (X' * (X * (z(1:d) .^ 2 - z(d+1:end) .^ 2) - y) / n); ...
%!              -2 * z(d+1:end) .* (X' * (X * (z(1:d) .^ 2 - z(d+1:end) .^ 2) - y) / n)];
%! z = [R.u; R.v];  h = 1e-6;  H = zeros (2 * d);
%! for j = 1:2 * d
%!   e = zeros (2 * d, 1);  e(j) = h;  H(:,j) = (grad (z + e) - grad (z - e)) / (2 * h);
%! end
%! % the gradient is cubic in z: central differences err by O(h^2), rounding eps/h ~ 1e-10
%! assert (R.sharpness(2), max (eig ((H + H') / 2)), 1e-8 * R.sharpness(2));
