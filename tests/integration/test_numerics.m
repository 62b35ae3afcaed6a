% test_numerics.m -- numerical robustness: ill-conditioned Sx, rank-deficient
% Sxy, d or p = 1, rank or width r = 1, and data scaled by 1e+150 / 1e-150 give finite,
% correct results (or a clear error or warning), for every function that exists.
%
% Each block compares against an independent computation: exact arithmetic (powers of
% two, small integers), a plain Octave loop of the same iteration, a different
% algorithm (eigen- rather than iteration-based), or an invariance of the mathematics
% (GD on (s*Sx, s*Sxy) with step eta/s has exactly the iterates of GD on (Sx, Sxy) with
% step eta; the flow at time t/s likewise; rrr and spectral_path do not change).
% Scalings are by powers of two close to 1e+-150 (2^+-498), so that the scaled problem
% is the same problem in floating point and the invariances hold to rounding level;
% one block per function also uses 1e+-150 itself.  A function missing from the tree
% prints a visible SKIP.

%!function skip = missing (name)
%!  skip = ! exist (name, 'file');
%!  if (skip)
%!    fprintf ('SKIP test_numerics: %s does not exist in this tree yet\n', name);
%!  end
%!endfunction

%!function [Sx, Sxy] = problem (d, p, cond_x, rank_xy)
%!  % Sx with eigenvalues logspace (0, -log10 (cond_x)), Sxy of rank rank_xy.
%!  [Q, ~] = qr (randn (d));
%!  Sx = Q * diag (logspace (0, -log10 (cond_x), d)) * Q';
%!  Sx = (Sx + Sx') / 2;
%!  Sxy = randn (d, rank_xy) * randn (rank_xy, p);
%!  Sxy = Sxy / norm (Sxy);
%!endfunction

%!function e = relerr (a, b)
%!  e = norm (a(:) - b(:)) / max (norm (b(:)), realmin);
%!endfunction

%% ---- second_moments --------------------------------------------------------------

%!test
%! % exact: integer data, n a power of two, scalings by 2^+-498 (about 1e+-150)
%! X = randi ([-9 9], 64, 5);  Y = randi ([-9 9], 64, 2);
%! [Sx, Sxy] = second_moments (X, Y);
%! assert (isequal (Sx, X' * X / 64) && isequal (Sxy, X' * Y / 64));
%! for k = [-498, 498]
%!   s = 2^k;
%!   [Sx2, Sxy2] = second_moments (s * X, s * Y);
%!   assert (isequal (Sx2, s^2 * Sx) && isequal (Sxy2, s^2 * Sxy));
%!   [Sx3, Sxy3] = second_moments (sparse (s * X), s * Y);
%!   assert (isequal (Sx3, Sx2) && isequal (Sxy3, Sxy2));
%! end

%!test
%! % 1e+-150 itself: relative error of a few ulps per entry (sums of 50 products)
%! X = randn (50, 4);  Y = randn (50, 3);
%! [Sx, Sxy] = second_moments (X, Y);
%! for s = [1e-150, 1e150]
%!   [Sx2, Sxy2] = second_moments (s * X, s * Y);
%!   assert (all (isfinite ([Sx2(:); Sxy2(:)])));
%!   % entrywise bound of a dot product of length n: n * eps * (|x|'|y|)
%!   assert (abs (Sx2 / s^2 - Sx) <= 2 * 50 * eps * abs (X)' * abs (X) / 50);
%!   assert (abs (Sxy2 / s^2 - Sxy) <= 2 * 50 * eps * abs (X)' * abs (Y) / 50);
%! end

%!test
%! % ill-conditioned and rank-deficient X: exactly symmetric, PSD to rounding level,
%! % each entry within the dot-product error bound of X'*X/n
%! n = 200;  d = 6;
%! [U, ~] = qr (randn (n, d), 0);  [V, ~] = qr (randn (d));
%! X = U * diag (logspace (0, -12, d)) * V';
%! X(:, end) = X(:, 1);                                  % a repeated column: rank d - 1
%! Sx = second_moments (X);
%! assert (isequal (Sx, Sx'));
%! assert (abs (Sx - X' * X / n) <= 2 * n * eps * abs (X)' * abs (X) / n);
%! assert (min (eig (Sx)) >= -d * eps * norm (Sx));

%!test
%! % d = 1, p = 1, n = 1: the moments are x^2 and x*y exactly
%! [Sx, Sxy] = second_moments (3, -2);
%! assert ([Sx, Sxy], [9, -6]);

%!error id=lindyn:second_moments:overflow second_moments (1e160 * ones (4, 2))
%!warning id=lindyn:second_moments:underflow second_moments (1e-160 * ones (4, 2));

%% ---- gd_linear ---------------------------------------------------------------------

%!test
%! % d = p = 1: W_t = w* + (1 - eta*sx)^t (w0 - w*) (eq. 21), in closed form
%! if (missing ('gd_linear')), return; end
%! sx = 0.7;  sxy = 0.3;  eta = 0.5;  w0 = -1;
%! R = gd_linear (sx, sxy, eta, 40, 'init', w0);
%! ws = sxy / sx;
%! assert (R.W, ws + (1 - eta * sx)^40 * (w0 - ws), 1e-14);

%!test
%! % ill-conditioned Sx (cond 1e12), rank-deficient Sxy: the iteration against its
%! % closed form gd_linear_closed (an eigendecomposition, not an iteration), and against
%! % the scaled problems; the error of T steps of a contraction is about T * eps * |W|
%! if (missing ('gd_linear')), return; end
%! randn ('state', 1);
%! [Sx, Sxy] = problem (6, 3, 1e12, 1);
%! eta = 1 / max (eig (Sx));  T = 300;
%! R = gd_linear (Sx, Sxy, eta, T);
%! assert (all (isfinite (R.W(:))));
%! W = zeros (6, 3);
%! for t = 1:T
%!   W = W - eta * (Sx * W - Sxy);
%! end
%! assert (relerr (R.W, W) < 1e-12);
%! if (! missing ('gd_linear_closed'))
%!   Wc = gd_linear_closed (Sx, Sxy, eta, T);
%!   assert (relerr (Wc, W) < 1e-10);
%! end
%! for s = [2^-498, 2^498, 1e-150, 1e150]
%!   Rs = gd_linear (s * Sx, s * Sxy, eta / s, T);
%!   assert (all (isfinite (Rs.W(:))));
%!   assert (relerr (Rs.W, R.W) < 1e-12);
%! end

%% ---- gd_deep -----------------------------------------------------------------------

%!test
%! % d = p = 1, width r = 1, L = 2: the factors against a plain loop of eq. 5
%! if (missing ('gd_deep')), return; end
%! sx = 1.3;  sxy = 0.8;  eta = 0.1;  a = 0.01;  b = 0.02;
%! R = gd_deep (sx, sxy, eta, 200, {a, b});
%! for t = 1:200
%!   g = sx * a * b - sxy;
%!   [a, b] = deal (a - eta * g * b, b - eta * a * g);
%! end
%! assert (R.factors{1}, a, 1e-13);  assert (R.factors{2}, b, 1e-13);

%!test
%! % rank-deficient Sxy (rank 1), ill-conditioned Sx, 3 layers: against a plain loop,
%! % and the scaled problems (s*Sx, s*Sxy, eta/s) give the same factors
%! if (missing ('gd_deep')), return; end
%! randn ('state', 2);
%! [Sx, Sxy] = problem (4, 3, 1e10, 1);
%! W0 = {0.1 * randn(4, 2), 0.1 * randn(2, 2), 0.1 * randn(2, 3)};
%! eta = 0.05;  T = 200;
%! R = gd_deep (Sx, Sxy, eta, T, W0);
%! W = W0;
%! for t = 1:T
%!   E = Sx * (W{1} * W{2} * W{3}) - Sxy;
%!   G = {E * (W{2} * W{3})', W{1}' * E * W{3}', (W{1} * W{2})' * E};
%!   W = cellfun (@(w, g) w - eta * g, W, G, 'UniformOutput', false);
%! end
%! for l = 1:3
%!   assert (relerr (R.factors{l}, W{l}) < 1e-11);
%! end
%! for s = [2^-498, 2^498, 1e-150, 1e150]
%!   Rs = gd_deep (s * Sx, s * Sxy, eta / s, T, W0);
%!   assert (all (isfinite (Rs.W(:))));
%!   assert (relerr (Rs.W, R.W) < 1e-11);
%! end

%% ---- closed forms ----------------------------------------------------------------

%!test
%! % flow_linear at times t/s on (s*Sx, s*Sxy) is the flow at t; ill-conditioned Sx
%! if (missing ('flow_linear')), return; end
%! randn ('state', 3);
%! [Sx, Sxy] = problem (5, 2, 1e12, 1);
%! t = [0 0.5 3 100];
%! W = flow_linear (Sx, Sxy, t);
%! assert (all (isfinite (W(:))));
%! % at t = 0 the flow is at its start (zeros); at large t along the top eigenvector it
%! % has converged: an independent check through the eigendecomposition (eq. 9)
%! [Q, L] = eig (Sx);  l = diag (L);
%! Wref = Q * diag (-expm1 (-l * t(3)) ./ l) * Q' * Sxy;      % no cancellation
%! assert (relerr (W(:,:,3), Wref) < 1e-10);
%! for s = [2^-498, 2^498]
%!   Ws = flow_linear (s * Sx, s * Sxy, t / s);
%!   assert (relerr (Ws, W) < 1e-12);
%! end

%!test
%! % mode_flow and mode_gd with sigma, lambda scaled by s and t by 1/s (eta by 1/s)
%! if (missing ('mode_flow')), return; end
%! sigma = [1 0.5 0.1];  lambda = [1 2 0.5];  w0 = 1e-4;  t = [0 1 10 50];
%! w = mode_flow (sigma, lambda, w0, t);
%! for s = [2^-498, 2^498]
%!   assert (relerr (mode_flow (s * sigma, s * lambda, w0, t / s), w) < 1e-12);
%! end
%! if (! missing ('mode_gd'))
%!   w = mode_gd (sigma, lambda, w0, 0.1, 0:10:100);
%!   for s = [2^-498, 2^498]
%!     assert (relerr (mode_gd (s * sigma, s * lambda, w0, 0.1 / s, 0:10:100), w) < 1e-12);
%!   end
%! end

%% ---- reduced-rank regression and Assumption 1 --------------------------------------

%!test
%! % rrr: against the classical formula W_k = W* V_k V_k', V_k the top eigenvectors of
%! % Sxy' Sx^-1 Sxy; ill-conditioned Sx; r = 1 and p = 1; scale invariance
%! if (missing ('rrr')), return; end
%! randn ('state', 4);
%! [Sx, Sxy] = problem (5, 3, 1e8, 3);
%! Ws = Sx \ Sxy;
%! [V, E] = eig (Sxy' * Ws);  [~, i] = sort (diag (E), 'descend');  V = V(:, i);
%! W1 = rrr (Sx, Sxy, 1);
%! % the error of W* itself is about cond (Sx) * eps = 1e-8 relative
%! assert (relerr (W1, Ws * V(:,1) * V(:,1)') < 1e-6);
%! for s = [2^-498, 2^498, 1e-150, 1e150]
%!   assert (relerr (rrr (s * Sx, s * Sxy, 1), W1) < 1e-6);
%! end
%! assert (relerr (rrr (Sx, Sxy(:, 1), 1), Ws(:, 1)) < 1e-6);      % p = 1: rank 1 is all

%!test
%! % rank-deficient Sxy: every rank at or above rank (Sxy) gives the least-squares W*
%! if (missing ('rrr')), return; end
%! randn ('state', 5);
%! [Sx, Sxy] = problem (4, 3, 1e3, 1);
%! W = rrr (Sx, Sxy, 1:3);
%! for k = 1:3
%!   assert (relerr (W(:,:,k), Sx \ Sxy) < 1e-10);
%! end

%!test
%! % spectral_path and assumption1 on a co-diagonal problem, scaled by 2^+-498
%! if (missing ('spectral_path')), return; end
%! Sx = diag ([4 1 1 1]);  Sxy = diag ([.9 .5 .2 .05]);
%! W = spectral_path (Sx, Sxy, 1:4);
%! assert (W(:,:,4), diag ([.9/4 .5 .2 .05]), 1e-14);
%! for s = [2^-498, 2^498]
%!   assert (relerr (spectral_path (s * Sx, s * Sxy, 1:4), W) < 1e-13);
%! end
%! if (! missing ('assumption1'))
%!   A = assumption1 (2^498 * Sx, 2^498 * Sxy);
%!   assert (A.epsilon_thin, 0, 1e-13 * 2^498);
%! end

%!test
%! % assumption_deltas: invariant under scaling X or Y by a nonzero number (its help)
%! if (missing ('assumption_deltas')), return; end
%! randn ('state', 6);
%! [Sx, Sxy] = problem (5, 3, 1e6, 2);
%! [dxy, dx] = assumption_deltas (Sx, Sxy);
%! for s = [1e-150, 1e150]
%!   [dxy2, dx2] = assumption_deltas (s * Sx, s * Sxy);
%!   assert ([dxy2, dx2], [dxy, dx], 1e-10);
%! end
