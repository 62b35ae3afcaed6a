% test_gd_modes.m -- two-layer GD from Thm. 1's aligned start (eq. 22, corrected) and
% the linear autoencoder (Appendix A).

%!test
%! % co-diagonal Sx, Sxy (epsilon = 0), d = 6, p = 4, r = 5: the modes diag(U'*W1*W2*V)
%! % follow w <- w (1 + eta (sigma - lambda w))^2 and the rest stays at rounding level
%! [U, ~] = qr (randn (6));  [V, ~] = qr (randn (4));
%! sigma = [0.9 0.6 0.3 0.1];  lambda = [1 0.8 0.7 0.5 0.3 0.2];
%! Sx = U * diag (lambda) * U';  Sx = (Sx + Sx') / 2;
%! Sxy = U(:,1:4) * diag (sigma) * V';
%! [W0, info] = aligned_init (Sx, Sxy, 5, [3 4 5 6]);
%! eta = 0.4;  T = 300;
%! R = gd_deep (Sx, Sxy, eta, T, W0, 'record', 0:T, 'snapshots', true);
%! w = info.w0;  s = info.sigma;  lam = info.lambda(1:4);
%! worst = 0;  off = 0;
%! for t = 0:T
%!   M = info.U' * R.snapshots(:,:,t+1) * info.V;
%!   worst = max (worst, max (abs (diag (M) - w)));
%!   Dg = zeros (6, 4);  Dg(1:4,1:4) = diag (diag (M));
%!   off = max (off, norm (M - Dg, 'fro'));
%!   w = w .* (1 + eta * (s - lam .* w)).^2;
%! end
%! % modes are <= max(sigma/lambda) = 1; rounding of 300 steps stays below 1e-13
%! assert (worst <= 1e-13);
%! assert (off <= 1e-13);
%! % the run went through the transitions: all modes near sigma/lambda at the end
%! assert (diag (info.U' * R.W * info.V), s ./ lam, 1e-6);
%! % the printed first-order recursion w + eta w (sigma - lambda w) is not what GD does
%! w1 = info.w0;
%! for t = 1:T, w1 = w1 + eta * w1 .* (s - lam .* w1);  end
%! wt = info.w0;
%! for t = 1:30, wt = wt .* (1 + eta * (s - lam .* wt)).^2;  end
%! w1 = info.w0;
%! for t = 1:30, w1 = w1 + eta * w1 .* (s - lam .* w1);  end
%! assert (max (abs (wt - w1)) > 1e-3);

%!shared Sx, Sxy, P, E, d, r
%! n = 400;  d = 6;  r = 3;
%! [Q, ~] = qr (randn (d));
%! X = randn (n, d) * diag (sqrt ([4 2 1 0.3 0.2 0.1])) * Q';
%! [Sx, Sxy] = second_moments (X, X);          % autoencoder: Y = X
%! [E, D] = eig (Sx);  [~, o] = sort (diag (D), 'descend');  E = E(:, o);
%! P = E(:,1:r) * E(:,1:r)';                   % projector on the top-r components

%!test
%! % W1(0) = W2(0)' = U_r diag(exp(-delta)) Q (Q orthogonal; W1 W1' commutes with Sx):
%! % the factors stay transposes of each other and W1 W2 converges to the PCA projector
%! [Qr, ~] = qr (randn (r));
%! W1 = E(:,1:r) * diag (exp (-[3 4 5])) * Qr;
%! eta = 0.2 / max (eig (Sx));
%! R = gd_deep (Sx, Sxy, eta, 2000, {W1, W1'});
%! % transposes up to rounding (1e-13 relative is ~500 eps after 2000 steps)
%! assert (norm (R.factors{1} - R.factors{2}', 'fro') <= 1e-13 * norm (R.factors{1}, 'fro'));
%! % contraction (1 - eta (lambda_3 - lambda_4))^t, far below 1e-12 after 2000 steps
%! assert (norm (R.W - P, 'fro') <= 1e-12);
%! assert (R.excess_loss(end), 0.5 * trace ((P - eye (d))' * Sx * (P - eye (d))), 1e-12);

%!test
%! % Appendix A's "W1(0) = W2(0)' keeps W1 = W2'" needs W1 W1' to commute with Sx:
%! % from a generic tied start, one step of eq. 5 (plain Octave) already breaks the
%! % symmetry, since grad_{W1} - grad_{W2}' = (Sx W - W Sx) W1.  The product still
%! % converges to the PCA projector.
%! W1 = random_init ([d r], 1e-2, 'seed', 5);  W1 = W1{1};
%! eta = 0.2 / max (eig (Sx));
%! A = randn (d, r);  G = Sx * (A * A') - Sx;
%! assert (norm ((A - eta * G * A) - (A' - eta * A' * G)', 'fro') > 1e-3);
%! R = gd_deep (Sx, Sxy, eta, 4000, {W1, W1'});
%! assert (norm (R.factors{1} - R.factors{2}', 'fro') > 1e-8);
%! % contraction (1 - eta (lambda_3 - lambda_4))^t after the escape: below 1e-7
%! assert (norm (R.W - P, 'fro') <= 1e-7);
