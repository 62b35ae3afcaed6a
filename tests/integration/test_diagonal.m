% Diagonal linear networks, w = u.^D - v.^D: diagonal_limit (the exact limit of the
% D = 2 gradient flow) against the minimum-l1 interpolator (glpk), the minimum-norm one
% (pinv) and a plain loop of gradient descent (ref_diagonal_gd, the reference loop);
% and the reference loop itself against finite differences of the loss.

%!shared X, y, wstar, n, d
%! % a recoverable sparse target: 3 nonzeros, 20 Gaussian measurements in 60 dimensions
%! randn ('state', 3);
%! n = 20;  d = 60;
%! X = randn (n, d);  wstar = zeros (d, 1);  wstar([3 17 40]) = [1.2 -2 0.7];
%! y = X * wstar;

%!test
%! % alpha sweep: large alpha -> pinv (X) * y, small alpha -> the minimum-l1 interpolator
%! [zl, ~, status] = glpk (ones (2 * d, 1), [X, -X], y, zeros (2 * d, 1), [], ...
%!                         repmat ('S', n, 1), repmat ('C', 2 * d, 1), 1);
%! assert (status, 0);
%! wl1 = zl(1:d) - zl(d+1:end);
%! w2 = pinv (X) * y;
%! alphas = [100 10 1 0.1 1e-2 1e-3 1e-4 1e-6 1e-8 1e-16];
%! e1 = zeros (size (alphas));  e2 = e1;  rec = e1;  l1 = e1;
%! for k = 1:numel (alphas)
%!   [w, info] = diagonal_limit (X, y, alphas(k), alphas(k));
%!   assert (norm (X * w - y) <= 1e-10 * norm (y));
%!   e1(k) = norm (w - wl1) / norm (wl1);  e2(k) = norm (w - w2) / norm (w2);
%!   rec(k) = norm (w - wstar);  l1(k) = norm (w, 1);
%!   printf (['alpha %7.0e: |w - w*| %.3e  |w|_1 %.6f  |w - w_l1|/|w_l1| %.3e  ', ...
%!            '|w - w_l2|/|w_l2| %.3e  (%d Newton iterations)\n'], ...
%!           alphas(k), rec(k), l1(k), e1(k), e2(k), info.iters);
%! end
%! printf ('min-l1 (glpk): |w|_1 = %.6f, |w - w*| = %.1e;  min-l2: |w|_1 = %.6f\n', ...
%!         norm (wl1, 1), norm (wl1 - wstar), norm (w2, 1));
%! % the l1 interpolator recovers the target (n = 20 >> 3 log (60/3))
%! assert (norm (wl1 - wstar) <= 1e-10);
%! % large alpha: Q_alpha (w) = |w|^2/(4 alpha^2) (1 + O((w/alpha^2)^2)), so the gap to
%! % the minimum-norm interpolator falls like alpha^-4 (measured 4e-3, 4e-7, 4e-11)
%! assert (e2(1) <= 1e-9);
%! assert (e2(2) / e2(1) > 1e3);
%! % small alpha: the gap to the l1 interpolator closes, monotonically over the sweep,
%! % to the rounding of the Newton solution (|w| ~ 2, residual tolerance 1e-12)
%! assert (all (diff (e1(3:end)) < 0));
%! assert (e1(end) <= 1e-12);
%! % ... and |w|_1 decreases from the min-norm interpolator's to the minimum
%! assert (all (diff (l1) <= 1e-12));
%! assert (l1(end), norm (wl1, 1), 1e-11);

%!test
%! % gradient descent on (u, v) with a small step ends O(eta) from the flow's limit: the
%! % distance halves when eta does (the plain loop, n = 10, d = 30, run to loss < 1e-12:
%! % what is left of the convergence, ~sqrt (loss) / sigma_min (X), is far below the
%! % O(eta) gap ~1e-3)
%! randn ('state', 5);
%! Xs = randn (10, 30);  ws = zeros (30, 1);  ws([3 17 25]) = [1.2 -2 0.7];  ys = Xs * ws;
%! lmax = max (eig (Xs' * Xs / 10));
%! alphas = [1 0.1 0.01];  spans = [300 700 1800];   % iterations times c, to convergence
%! for k = 1:3
%!   alpha = alphas(k);
%!   wl = diagonal_limit (Xs, ys, alpha, alpha);
%!   dist = zeros (1, 2);
%!   for j = 1:2
%!     c = 0.1 / j;
%!     R = ref_diagonal_gd (Xs, ys, alpha, alpha, c / lmax, round (spans(k) / c));
%!     assert (R.loss(end) < 1e-12);
%!     dist(j) = norm (R.w - wl);
%!   end
%!   printf ('alpha %g: |w_GD - w_inf| = %.3e (eta = 0.1/lmax), %.3e (0.05/lmax), ratio %.3f\n', ...
%!           alpha, dist(1), dist(2), dist(1) / dist(2));
%!   % first order in eta: the ratio is 2 up to the O(eta^2) term
%!   assert (dist(1) / dist(2), 2, 0.2);
%!   assert (dist(2) <= 0.01 * norm (wl));
%! end

%!test
%! % the reference loop's step against finite differences of the loss, depths 1..4,
%! % unequal u0, v0; and a batch of all rows is full gradient descent
%! Xs = randn (6, 5);  ys = randn (6, 1);
%! u = 0.5 + rand (5, 1);  v = 0.5 + rand (5, 1);
%! for D = 1:4
%!   f = @(u, v) sumsq (Xs * (u .^ D - v .^ D) - ys) / 12;
%!   R = ref_diagonal_gd (Xs, ys, u, v, 1, 1, 'depth', D);
%!   gu = -(R.u - u);  gv = -(R.v - v);            % eta = 1: minus the gradients
%!   h = 1e-6;
%!   for i = 1:5
%!     e = zeros (5, 1);  e(i) = h;
%!     % central differences: O(h^2) truncation, 1e-12 / h rounding: ~1e-8
%!     assert (gu(i), (f (u + e, v) - f (u - e, v)) / (2 * h), 1e-7);
%!     assert (gv(i), (f (u, v + e) - f (u, v - e)) / (2 * h), 1e-7);
%!   end
%! end
%! A = ref_diagonal_gd (Xs, ys, u, v, 0.01, 50, 'depth', 3);
%! B = ref_diagonal_gd (Xs, ys, u, v, 0.01, 50, 'depth', 3, 'batches', repmat (1:6, 50, 1));
%! assert (B.w, A.w, 1e-15);
%! % depth 1 is gradient descent on the linear model with step 2 eta
%! A = ref_diagonal_gd (Xs, ys, u, v, 0.01, 40, 'depth', 1, 'record', [0 20 40]);
%! w = u - v;
%! for k = 1:40
%!   w = w - 0.02 * Xs' * (Xs * w - ys) / 6;
%! end
%! assert (A.w, w, 1e-14);
%! assert (A.loss(3), sumsq (Xs * w - ys) / 12, 1e-14);
