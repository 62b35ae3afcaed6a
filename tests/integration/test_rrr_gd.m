% test_rrr_gd.m -- two-layer gradient descent from a small initialization visits
% spectral_path's points, not reduced-rank regression's (doc/findings.md, "Cor. 2 is
% fragile"; Cor. 2 holds only when the orders of sigma_i and sigma_i^2/lambda_i agree).
%
% The iteration here is eq. 5 written out as a plain Octave loop (simultaneous update):
%   G = Sx W1 W2 - Sxy,  W1 <- W1 - eta G W2',  W2 <- W2 - eta W1' G.

%!shared Sx, Sxy, Q, P
%! randn ('seed', 3);
%! [Q, ~] = qr (randn (4));  [P, ~] = qr (randn (4));
%! Sx = Q * diag ([4 1 1 1]) * Q';  Sxy = Q * diag ([.9 .5 .2 .05]) * P';

%!function D = gd_distances (Sx, Sxy, W1, W2, eta, T, targets)
%!  % distances ||W1 W2 - targets(:,:,j)||_F after each of T steps of eq. 5
%!  D = zeros (T, size (targets, 3));
%!  for t = 1:T
%!    G = Sx * W1 * W2 - Sxy;
%!    [W1, W2] = deal (W1 - eta * G * W2', W2 - eta * W1' * G);
%!    for j = 1:size (targets, 3)
%!      D(t,j) = norm (W1 * W2 - targets(:,:,j), 'fro');
%!    end
%!  end
%!endfunction

%!test
%! % the counter-example: lambda = (4,1,1,1), sigma = (.9,.5,.2,.05) in a random basis
%! [Wsp, info] = spectral_path (Sx, Sxy, 1:4);
%! assert (info.coincides, [false true true true]);
%! W1 = 1e-6 * randn (4);  W2 = 1e-6 * randn (4);     % small, generic (not aligned)
%! D = gd_distances (Sx, Sxy, W1, W2, 0.05, 3000, cat (3, Wsp(:,:,1), info.rrr(:,:,1), Wsp(:,:,3)));
%! % rank-1 plateau: GD comes within 1e-3 of u1 (sigma1/lambda1) v1' (4.3e-4 observed; the
%! % residual is mode 1's convergence error meeting mode 2's growth, O(init^2 e^{2 eta sigma2 t}))
%! assert (min (D(:,1)) < 1e-3);
%! % ... and never closer to the rank-1 regression solution than the size of the mode it
%! % skipped: ||W - .5 u2 v2'|| >= sigma1/lambda1 = .225 once mode 1 is learned, and
%! % ||.5 u2 v2'|| = .5 before (0.2250 observed)
%! assert (min (D(:,2)) > 0.22);
%! % after 3000 steps modes 1-3 are learned and mode 4 (sigma = .05, phase transition near
%! % delta / (eta sigma) ~ 5500 steps) is not: W sits on the rank-3 spectral point
%! % (2.1e-8 observed; mode 4 is still ~ 1e-12 e^{2 eta sigma4 t})
%! assert (D(end,3) < 1e-6);

%!test
%! % when the orders agree (here Sx = 2 I), the spectral path is the rrr path and GD
%! % visits the rank-1 regression solution
%! Sx2 = 2 * eye (4);
%! [Wsp, info] = spectral_path (Sx2, Sxy, 1);
%! assert (info.coincides);
%! W1 = 1e-6 * randn (4);  W2 = 1e-6 * randn (4);
%! D = gd_distances (Sx2, Sxy, W1, W2, 0.05, 1500, info.rrr(:,:,1));
%! assert (min (D) < 1e-3);

%!test
%! % the linear model (L = 1) from zero does not pass near either rank-1 point: it learns
%! % all modes at once (eq. 21)
%! [Wsp, info] = spectral_path (Sx, Sxy, 1);
%! W = zeros (4);  dmin = Inf;
%! for t = 1:3000
%!   W = W - 0.05 * (Sx * W - Sxy);
%!   dmin = min (dmin, norm (W - Wsp, 'fro'));
%! end
%! assert (dmin > 0.1);     % 0.136 observed

%!test
%! % one-hot classification data (Delta_xy ~ 3%, mode orders agree): GD's first plateau
%! % is near spectral_path's rank-1 point, while rrr's rank-1 point is O(1) away from
%! % anything GD visits before it has learned almost everything
%! rand ('seed', 7);  randn ('seed', 7);
%! n = 3000;  d = 25;  p = 4;
%! labels = randi (p, n, 1);
%! Y = double (labels == 1:p);
%! X = randn (n, d) * diag (linspace (2, .2, d)) + 1.5 * Y * randn (p, d);
%! [S, Sy] = second_moments (X, Y);
%! [Wsp, info] = spectral_path (S, Sy, 1:p);
%! assert (all (info.order_agrees));
%! W1 = 1e-8 * randn (d, p);  W2 = 1e-8 * randn (p, p);
%! eta = 0.02;                                   % < 1 / norm (S) = 0.048
%! rel = @(W, R) norm (W - R, 'fro') / norm (R, 'fro');
%! dsp = Inf;  drr = Inf;
%! for t = 1:3000
%!   G = S * W1 * W2 - Sy;
%!   [W1, W2] = deal (W1 - eta * G * W2', W2 - eta * W1' * G);
%!   if (mod (t, 5) == 0)
%!     dsp = min (dsp, rel (W1 * W2, Wsp(:,:,1)));
%!     drr = min (drr, rel (W1 * W2, info.rrr(:,:,1)));
%!   end
%! end
%! assert (dsp < 0.15);     % 0.092 observed (the O(epsilon) defect of the spectral point)
%! assert (drr > 0.5);      % 0.98 observed
