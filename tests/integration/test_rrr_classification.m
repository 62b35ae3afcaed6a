% test_rrr_classification.m -- rrr, spectral_path, assumption1 and assumption_deltas together,
% on data built like Table 1's (one-hot labels of clustered inputs) and on an autoencoder.

%!shared X, Y, Sx, Sxy, n, f
%! rand ('seed', 7);  randn ('seed', 7);
%! n = 3000;  d = 25;  p = 4;
%! labels = randi (p, n, 1);
%! Y = double (labels == 1:p);                               % one-hot
%! X = randn (n, d) * diag (linspace (2, .2, d)) + 1.5 * Y * randn (p, d);
%! [Sx, Sxy] = second_moments (X, Y);
%! f = @(W) norm (Y - X * W, 'fro')^2 / (2 * n);             % the loss, from the data

%!test
%! % rrr is the best rank-k matrix, so it never loses to the spectral path's rank-k point,
%! % and info.distance is what it says
%! [Wsp, info] = spectral_path (Sx, Sxy, 1:4);
%! Wr = rrr (Sx, Sxy, 1:4);
%! assert (info.rrr, Wr);
%! for k = 1:4
%!   assert (rank (Wsp(:,:,k)), k);
%!   % equality up to rounding when the paths coincide; losses ~ 0.3: 1e-12 margin
%!   assert (f (Wr(:,:,k)) <= f (Wsp(:,:,k)) + 1e-12);
%!   assert (info.distance(k), norm (Wsp(:,:,k) - Wr(:,:,k), 'fro') / norm (Wr(:,:,k), 'fro'), 1e-12);
%! end
%! A = assumption1 (Sx, Sxy);
%! dxy = assumption_deltas (Sx, Sxy);
%! assert (dxy, norm (A.B_thin, 'fro') / norm (Sx, 'fro'), 1e-14);
%! assert (dxy > 1e-4 && dxy < 0.1);        % one-hot data: nearly, not exactly, co-diagonal
%! % the mode orders agree here, yet the points differ by O(1), not O(Delta_xy): rrr's
%! % W* = inv(Sx) Sxy leans on the small-variance directions of Sx through the coupling
%! % blocks of B, which the spectral path ignores (0.83 to 1.03 observed; see test_rrr_gd)
%! assert (all (info.order_agrees));
%! assert (all (info.distance > 0.5) && ~ any (info.coincides));

%!test
%! % the Table 1 measures do not see the scale of the data, nor the order of the samples
%! [Sx2, Sxy2] = second_moments (255 * X(end:-1:1, :), Y(end:-1:1, :));
%! [a, b] = assumption_deltas (Sx, Sxy);
%! [a2, b2] = assumption_deltas (Sx2, Sxy2);
%! assert ([a2 b2], [a b], 1e-10);
%! % a "whitened" problem (Sx = I exactly) has Delta_xy = Delta_x = 0
%! Xw = X / chol (Sx);                 % Xw' * Xw / n = I
%! [Sxw, Sxyw] = second_moments (Xw, Y);
%! [a, b] = assumption_deltas (Sxw, Sxyw);
%! assert ([a b] < 1e-12);
%! % ... and then both paths are the truncated SVD of Sxy (Eckart-Young)
%! [W, info] = spectral_path (Sxw, Sxyw, 1:3);
%! [U, S, V] = svd (Sxyw);
%! for k = 1:3
%!   assert (W(:,:,k), U(:,1:k) * S(1:k,1:k) * V(:,1:k)', 1e-10);
%! end
%! assert (all (info.coincides));

%!test
%! % autoencoder (Y = X): spectral path = rrr = projector on the top-k principal
%! % directions (eig of Sx, by Octave), and Delta_xy = 0 (eq. 14)
%! Z = X(1:500, 1:8);
%! [S, Sy] = second_moments (Z, Z);
%! [E, L] = eig (S);  [~, o] = sort (diag (L), 'descend');  E = E(:, o);
%! [W, info] = spectral_path (S, Sy, 1:8);
%! Wr = rrr (S, Sy, 1:8);
%! for k = 1:8
%!   % eigenvector subspaces of well-separated eigenvalues: agreement ~ eps * cond
%!   assert (W(:,:,k), E(:,1:k) * E(:,1:k)', 1e-10);
%!   assert (Wr(:,:,k), E(:,1:k) * E(:,1:k)', 1e-10);
%! end
%! assert (all (info.coincides));
%! assert (assumption_deltas (S, Sy) < 1e-14);
