% lambda-balanced two-layer starts (random_init's "lambda"): flow_balanced's closed form
% against flow_deep (the ODE of eq. 12) for d < p and d > p, r below and above the rank
% of Sxy, lambda of both signs and large; the NTK distance along the closed form
% against the one along flow_deep; gradient descent with a small step against the flow.

%!test
%! % the closed form against flow_deep (RelTol 1e-12), relative to max |W|; printed per
%! % lambda as the largest error over the shapes, ranks, scales and times
%! t = [0 0.2 1 3 10 40];
%! shapes = {[3 2 6], [3 3 6], [6 2 3], [6 3 3]};   % [d r p]: rank Sxy = 2, r = 2 and 3
%! for lambda = [-2 -0.5 0.5 2]
%!   worst = 0;
%!   for s = 1:numel (shapes)
%!     dr = shapes{s};  d = dr(1);  p = dr(3);
%!     [U, ~] = qr (randn (d));  [V, ~] = qr (randn (p));
%!     Sxy = U(:, 1:2) * diag ([1.3 0.4]) * V(:, 1:2)';
%!     for scale = [1e-4 0.3]
%!       W0 = random_init (dr, scale, 'lambda', lambda);
%!       W = flow_balanced (Sxy, t, W0);
%!       Wr = flow_deep (eye (d), Sxy, t, W0, 'RelTol', 1e-12, 'AbsTol', 1e-16);
%!       worst = max (worst, max (abs (W(:) - Wr(:))) / max (abs (Wr(:))));
%!     end
%!   end
%!   printf ('lambda = %4.1f: max |flow_balanced - flow_deep| / max |W| = %.2e\n', lambda, worst);
%!   % flow_deep at RelTol 1e-12 carries ~1e-11; the closed form ~1e-13
%!   assert (worst <= 1e-8);
%! end

%!test
%! % large |lambda| (lazy): many steps of the semigroup, still within 1e-8 of flow_deep;
%! % W converges to Sxy (r >= rank)
%! d = 4;  p = 3;
%! Sxy = [1 0 0; 0 0.5 0; 0 0 0.25; 0 0 0];
%! for lambda = [-300 300]
%!   W0 = random_init ([d 3 p], 1e-2, 'lambda', lambda, 'seed', 2);
%!   [W, ~, info] = flow_balanced (Sxy, [0.01 0.1 2], W0);
%!   Wr = flow_deep (eye (d), Sxy, [0.01 0.1 2], W0, 'RelTol', 1e-12);
%!   err = max (abs (W(:) - Wr(:))) / max (abs (Wr(:)));
%!   printf ('lambda = %g: %d steps, max |flow_balanced - flow_deep| / max |W| = %.2e\n', ...
%!           lambda, info.steps, err);
%!   assert (err <= 1e-8);
%! end

%!test
%! % the kernel distance along the closed form equals the one along flow_deep (the NTK
%! % depends only on W1 W1' and W2' W2, which the closed form fixes)
%! d = 3;  p = 5;
%! Sxy = randn (d, p) / 2;
%! t = [0 0.5 2 8 30];
%! for lambda = [-1 0 1]
%!   W0 = random_init ([d 3 p], 1e-3, 'lambda', lambda, 'seed', 3);
%!   [~, F] = flow_balanced (Sxy, t, W0);
%!   [~, Fr] = flow_deep (eye (d), Sxy, t, W0, 'RelTol', 1e-12);
%!   a = lazy_rich (F);  b = lazy_rich (Fr);
%!   assert (a.kernel_distance, b.kernel_distance, 1e-8);
%!   assert (a.kernel_norm, b.kernel_norm, 1e-8 * max (b.kernel_norm));
%! end

%!test
%! % gradient descent with a small step follows the flow (O(eta)): max deviation over the
%! % run halves with eta
%! d = 4;  p = 2;
%! Sxy = [1 0; 0 0.3; 0 0; 0 0];
%! W0 = random_init ([d 2 p], 1e-2, 'lambda', -1, 'seed', 4);
%! T = 20;  dev = zeros (1, 2);
%! for j = 1:2
%!   eta = 0.02 / j;
%!   k = 0:50:round (T / eta);
%!   R = gd_deep (eye (d), Sxy, eta, k(end), W0, 'record', k, 'snapshots', true);
%!   W = flow_balanced (Sxy, eta * k, W0);
%!   dev(j) = max (abs (R.snapshots(:) - W(:)));
%! end
%! printf ('max |GD - flow| = %.3e (eta = 0.02), %.3e (0.01)\n', dev);
%! assert (dev(1) / dev(2), 2, 0.25);

%!test
%! % a square network at lambda = 0 keeps the sign of det (W1) and det (W2): from a start
%! % with det (W1*W2) of the sign opposite to det (Sxy) the smallest mode decays to the
%! % saddle and stays (loss sigma_3^2/2), while lambda = 1e-6 lets it through
%! W0 = random_init ([3 3 3], 1e-3, 'lambda', 0, 'seed', 1);
%! Sxy = diag ([2 1 -0.5 * sign(det (W0{1} * W0{2}))]);
%! t = [20 40];
%! W = flow_balanced (Sxy, t, W0);
%! Wr = flow_deep (eye (3), Sxy, t, W0, 'RelTol', 1e-12);
%! loss = @(W) norm (W - Sxy, 'fro') ^ 2 / 2;
%! printf ('lambda = 0, det of the wrong sign: loss %.6f, %.6f (flow_deep %.6f, %.6f)\n', ...
%!         loss (W(:,:,1)), loss (W(:,:,2)), loss (Wr(:,:,1)), loss (Wr(:,:,2)));
%! assert ([loss(W(:,:,2)), loss(Wr(:,:,2))], [0.125 0.125], 1e-6);
%! W = flow_balanced (Sxy, t, random_init ([3 3 3], 1e-3, 'lambda', 1e-6, 'seed', 1));
%! printf ('lambda = 1e-6: loss %.3e, %.3e\n', loss (W(:,:,1)), loss (W(:,:,2)));
%! assert (loss (W(:,:,2)) < 1e-20);
