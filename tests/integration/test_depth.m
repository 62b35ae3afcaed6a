% test_depth.m -- deep aligned modes (L = 3, 4): matrix gradient descent and the matrix
% flow from aligned_init's deep start against the scalar mode dynamics.

%!test
%! % co-diagonal Sx, Sxy (epsilon = 0), d = 5, p = 4, random orthogonal Q's: the modes
%! % diag(U'*W*V) of gd_deep follow w <- w (1 + eta w^((L-2)/L) (sigma - lambda w))^L
%! % (mode_gd "depth") through every transition, and nothing else moves
%! [U, ~] = qr (randn (5));  [V, ~] = qr (randn (4));
%! sigma = [0.9 0.6 0.3 0.1];  lambda = [1 0.8 0.7 0.5 0.3];
%! Sx = U * diag (lambda) * U';  Sx = (Sx + Sx') / 2;
%! Sxy = U(:,1:4) * diag (sigma) * V';
%! for L = [3 4]
%!   widths = 4 + (1:L-1);
%!   Q = arrayfun (@(r) orth (randn (r)), widths, 'UniformOutput', false);
%!   % delta = 1 for all modes: diag(U'*W*V) carries an absolute rounding of ~eps times
%!   % the largest mode, so a mode far below the others could not be resolved to 1e-13
%!   % of itself (with w0 down to exp(-8) for L = 4 that floor alone was 1e-13)
%!   [W0, info] = aligned_init (Sx, Sxy, widths, 1, Q);
%!   eta = 0.4;  T = 3000;
%!   R = gd_deep (Sx, Sxy, eta, T, W0, 'record', 0:10:T, 'snapshots', true);
%!   w = mode_gd (info.sigma, info.lambda(1:4), info.w0, eta, 0:10:T, 'depth', L);
%!   worst = 0;  off = 0;
%!   for k = 1:numel (R.t)
%!     M = info.U' * R.snapshots(:,:,k) * info.V;
%!     worst = max (worst, max (abs (diag (M) - w(:,k)) ./ w(:,k)));
%!     Dg = zeros (5, 4);  Dg(1:4,1:4) = diag (diag (M));
%!     off = max (off, norm (M - Dg, 'fro'));
%!   end
%!   printf ('L = %d: matrix GD vs mode_gd, max relative difference %.2e\n', L, worst);
%!   % 3000 steps, each of relative rounding ~1e-16 in each factor; the map expands
%!   % relative errors only mildly (by < 10 over a transition): asserted 1e-13
%!   assert (worst <= 1e-13);
%!   assert (off <= 1e-13);
%!   % the run learned the first three modes (the fourth is still rising)
%!   assert (w(1:3,end), info.sigma(1:3) ./ info.lambda(1:3), 1e-6);
%! end

%!test
%! % the matrix flow (flow_deep, RelTol 1e-12) from the deep start against the closed
%! % form mode_flow ("depth") and against t(w): phase_times' exact crossing time
%! [U, ~] = qr (randn (4));  [V, ~] = qr (randn (3));
%! sigma = [1 0.5 0.25];  lambda = [1.2 0.9 0.6 0.4];
%! Sx = U * diag (lambda) * U';  Sx = (Sx + Sx') / 2;  Sxy = U(:,1:3) * diag (sigma) * V';
%! for L = [3 4]
%!   widths = repmat (3, 1, L - 1) + (0:L-2);
%!   Q = arrayfun (@(r) orth (randn (r)), widths, 'UniformOutput', false);
%!   [W0, info] = aligned_init (Sx, Sxy, widths, 2, Q);
%!   lam = info.lambda(1:3);
%!   t = [0.5 1 2 4 8 16 32 64 128];
%!   W = flow_deep (Sx, Sxy, t, W0, 'RelTol', 1e-12);
%!   w = mode_flow (info.sigma, lam, info.w0, t, 'depth', L);
%!   worst = 0;
%!   for k = 1:numel (t)
%!     worst = max (worst, max (abs (diag (info.U' * W(:,:,k) * info.V) - w(:,k)) ./ w(:,k)));
%!   end
%!   printf ('L = %d: flow_deep vs mode_flow, max relative difference %.2e\n', L, worst);
%!   % flow_deep at RelTol 1e-12 is good to ~1e-11 relative per component here
%!   assert (worst <= 1e-9);
%!   % t(w): the time at which the flow reaches half its plateau, then the flow there
%!   P = phase_times (info.sigma, lam, info.w0, 'depth', L);
%!   Wh = flow_deep (Sx, Sxy, P.flow_half', W0, 'RelTol', 1e-12);
%!   hw = zeros (3, 1);
%!   for i = 1:3
%!     M = info.U' * Wh(:,:,i) * info.V;  hw(i) = M(i,i);
%!   end
%!   printf ('L = %d: flow_deep at t(w*/2): max |w/(w*/2) - 1| = %.2e\n', L, ...
%!           max (abs (hw ./ P.level - 1)));
%!   assert (hw, P.level, 1e-9 * P.level);
%! end

%!test
%! % balancedness: Wl'Wl - W(l+1)W(l+1)' changes in one GD step by exactly
%! % eta^2 (Gl'Gl - G(l+1)G(l+1)') (the first-order terms cancel), for L = 3, widths
%! % unequal, a random unbalanced start and a non-isotropic Sx
%! A = randn (5);  Sx = A * A' / 5 + eye (5) / 2;  Sxy = randn (5, 3);
%! W = {randn(5, 4) / 2, randn(4, 6) / 2, randn(6, 3) / 2};  eta = 0.05;
%! R = gd_deep (Sx, Sxy, eta, 1, W, 'record', [0 1], 'nuclear', false, 'sv', 0);
%! E = W{1} * W{2} * W{3};  G = Sx * E - Sxy;
%! grad = {G * (W{2} * W{3})', W{1}' * G * W{3}', (W{1} * W{2})' * G};
%! Wn = R.factors;
%! for l = 1:2
%!   D0 = W{l}' * W{l} - W{l+1} * W{l+1}';
%!   D1 = Wn{l}' * Wn{l} - Wn{l+1} * Wn{l+1}';
%!   pred = eta^2 * (grad{l}' * grad{l} - grad{l+1} * grad{l+1}');
%!   err = norm (D1 - D0 - pred, 'fro') / norm (pred, 'fro');
%!   printf ('balancedness step identity, pair %d: relative error %.2e\n', l, err);
%!   % the change is ~eta^2 ||G||^2 ~ 1e-2; rounding of the O(1) terms ~1e-15
%!   assert (err < 1e-12);
%! end
%! % the "balance" record of gd_deep is the Frobenius norm of D at each record
%! R = gd_deep (Sx, Sxy, eta, 20, W, 'record', [0 5 20], 'balance', true);
%! Wp = W;  ref = zeros (2, 3);  k = 1;
%! for t = 0:20
%!   if (any (t == [0 5 20]))
%!     for l = 1:2
%!       ref(l,k) = norm (Wp{l}' * Wp{l} - Wp{l+1} * Wp{l+1}', 'fro');
%!     end
%!     k = k + 1;
%!   end
%!   E = Wp{1} * Wp{2} * Wp{3};  G = Sx * E - Sxy;
%!   Wp = {Wp{1} - eta * G * (Wp{2} * Wp{3})', Wp{2} - eta * Wp{1}' * G * Wp{3}', ...
%!         Wp{3} - eta * (Wp{1} * Wp{2})' * G};
%! end
%! assert (R.balance, ref, 1e-12 * max (ref(:)));

%!test
%! % conservation under the flow: flow_deep keeps Wl'Wl - W(l+1)W(l+1)' at its start
%! % value to its tolerance, L = 4, unbalanced random start
%! A = randn (4);  Sx = A * A' / 4 + eye (4) / 2;  Sxy = randn (4, 3);
%! W0 = {randn(4, 3) / 2, randn(3, 5) / 2, randn(5, 2) / 2, randn(2, 3) / 2};
%! [~, F] = flow_deep (Sx, Sxy, [1 5 20], W0, 'RelTol', 1e-12);
%! worst = 0;
%! for k = 1:3
%!   for l = 1:3
%!     D0 = W0{l}' * W0{l} - W0{l+1} * W0{l+1}';
%!     D = F{k}{l}' * F{k}{l} - F{k}{l+1} * F{k}{l+1}';
%!     worst = max (worst, norm (D - D0, 'fro') / norm (D0, 'fro'));
%!   end
%! end
%! printf ('balancedness under flow_deep: max relative drift %.2e\n', worst);
%! % each factor entry is integrated to ~1e-11 relative; the drift is of that order
%! assert (worst < 1e-8);
