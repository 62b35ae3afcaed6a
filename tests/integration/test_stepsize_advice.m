% test_stepsize_advice.m -- stepsize_check's advice against gradient descent runs:
% the recommended step converges, the supremum is where the predicted path stops being
% stable, no diverging step is called ok, and the sharpness of the predicted point is
% that of the point gradient descent reaches.

%!function [conv, div] = settled (R)
%! % converged within the run: no divergence, the loss below its start, and no rise
%! % above 1% between the records of its last tenth
%! div = R.diverged;
%! if (isfield (R, 'excess_loss')), l = R.excess_loss;  else, l = R.loss;  end
%! conv = false;
%! if (~ div)
%!   q = l(end-10:end);
%!   conv = l(end) < l(1) && all (diff (q) <= 0.01 * q(1:end-1));
%! end

%!function H = hess_chain (W, grad)
%! % the Hessian of l(W1*...*WL) in all factor entries by complex-step derivatives of
%! % the factor gradients (eq. 11) written out here: exact to rounding (polynomial)
%! L = numel (W);  sz = cellfun (@numel, W);  off = [0, cumsum(sz)];  n = off(end);
%! H = zeros (n);
%! for j = 1:n
%!   Wc = W;  l = find (j > off, 1, 'last');
%!   Wc{l}(j - off(l)) = Wc{l}(j - off(l)) + 1i * 1e-30;
%!   E = Wc{1};  for q = 2:L, E = E * Wc{q};  end
%!   G = grad (E);  g = [];
%!   for q = 1:L
%!     Pre = eye (size (E, 1));  for t = 1:q-1, Pre = Pre * Wc{t};  end
%!     Suf = eye (size (E, 2));  for t = L:-1:q+1, Suf = Wc{t} * Suf;  end
%!     Gq = Pre.' * G * Suf.';  g = [g; Gq(:)];
%!   end
%!   H(:, j) = imag (g) / 1e-30;
%! end
%! H = (H + H') / 2;

%!shared Sx, Sxy
%! % inputs of decaying variance and a mean (as pixels have), a linear target with noise
%! randn ('state', 11);
%! n = 400;  X = 0.5 + randn (n, 10) * diag (logspace (0, -1.5, 10));
%! Y = X * randn (10, 3) / 3 + 0.1 * randn (n, 3);
%! [Sx, Sxy] = second_moments (X, Y);

%!test
%! % L = 2 and 3 from small random starts, T = 600: the recommended step converges
%! % (settled), the largest settled step on the grid 2^k is at most 4 times it, and
%! % gradient descent at the supremum ends at a sharpness within a factor 1.5 of the
%! % predicted one (measured: 0.9 to 1.2 on these runs and on digit data, doc/theory.md)
%! T = 600;
%! for L = 2:3
%!   W0 = random_init ([10, 12 * ones(1, L-1), 3], 1e-3, 'seed', L);
%!   [~, sup, rep] = stepsize_check (Sx, Sxy, [], 'init', W0, 'iters', T);
%!   grid = 2 .^ (-6:1);
%!   rec = unique (round ([0, T/2, 0.9*T:T/100:T]));
%!   R = gd_deep (Sx, Sxy, [grid, rep.recommended, sup], T, W0, 'record', rec, ...
%!                'nuclear', false, 'sv', 0, 'verbose', false);
%!   conv = arrayfun (@settled, R);
%!   assert (conv(end-1));                       % the recommended step
%!   big = max (grid(conv(1:numel (grid))));
%!   assert (big >= rep.recommended / 2 && big <= 4 * rep.recommended);
%!   if (~ R(end).diverged)
%!     got = sharpness (Sx, Sxy, R(end).factors);
%!     assert (got / rep.sharpness_path > 1 / 1.5 && got / rep.sharpness_path < 1.5);
%!   end
%! end

%!test
%! % a start sharper than anything on the path (pixel-like inputs, noise targets, a wide
%! % hidden layer): the start binds; every step that diverges within 200 iterations is
%! % refused, and the recommended one runs
%! randn ('state', 5);
%! X = round (min (255, max (0, 128 + 50 * randn (600, 40))));  Y = randn (600, 4);
%! [Sx2, Sxy2] = second_moments (X, Y);
%! W0 = random_init ([40 40 4], 1e-3, 'seed', 1);
%! [~, sup, rep] = stepsize_check (Sx2, Sxy2, [], 'init', W0, 'iters', 200);
%! assert (rep.binding, 'start');
%! etas = sup * 2 .^ (-1:4);
%! R = gd_deep (Sx2, Sxy2, [etas, rep.recommended], 200, W0, 'verbose', false);
%! warning ('off', 'lindyn:gd:diverged', 'local');
%! for j = 1:numel (etas)
%!   if (R(j).diverged)
%!     assert (~ stepsize_check (Sx2, Sxy2, etas(j), 'init', W0, 'iters', 200));
%!   end
%! end
%! assert (any ([R.diverged]));  assert (~ R(end).diverged);
%! % the old bound, at the minimum, is far above the start's: it would have said ok
%! assert (rep.stability > sup);

%!test
%! % completion: the start's sharpness against the complex-step Hessian of the observed
%! % loss; the recommended step converges; diverging steps are refused
%! randn ('state', 2);  rand ('state', 2);
%! M = randn (7, 2) * randn (2, 6);  mask = rand (7, 6) < 0.6;  nobs = nnz (mask);
%! grad = @(W) (W - M) .* mask / nobs;
%! for L = 2:3
%!   W0 = random_init ([7, 7 * ones(1, L-1), 6], 0.05, 'seed', L);
%!   [~, sup, rep] = stepsize_check ('completion', M, mask, [], 'init', W0, 'iters', 3000);
%!   lam0 = max (eig (hess_chain (W0, grad)));
%!   assert (rep.sharpness_start, lam0, 1e-3 * lam0);   % plain Lanczos at 1e-4
%!   assert (rep.kind, 'completion');
%!   rec = unique (round ([0, 1500, 2700:30:3000]));
%!   R = gd_completion (M, mask, [rep.recommended, 16 * sup], 3000, W0, 'record', rec, ...
%!                      'verbose', false);
%!   assert (settled (R(1)));
%!   if (R(2).diverged)
%!     assert (~ stepsize_check ('completion', M, mask, 16 * sup, 'init', W0, 'iters', 3000));
%!   end
%! end
%! % NaN may stand in the entries that are not observed
%! M2 = M;  M2(~ mask) = NaN;
%! [~, e1] = stepsize_check ('completion', M, mask, [], 'init', W0);
%! [~, e2] = stepsize_check ('completion', M2, double (mask), [], 'init', W0);
%! assert (e2, e1);

%!test
%! % sensing: the same checks with Gaussian measurements of a rank-1 matrix
%! randn ('state', 4);
%! Wt = randn (5, 1) * randn (1, 4);  A = randn (30, 20);  y = A * Wt(:);
%! grad = @(W) reshape (A' * (A * W(:) - y) / 30, 5, 4);
%! W0 = random_init ([5 5 4], 0.01, 'seed', 1);
%! [~, sup, rep] = stepsize_check ('sensing', A, y, [], 'init', W0, 'iters', 2000);
%! lam0 = max (eig (hess_chain (W0, grad)));
%! assert (rep.sharpness_start, lam0, 1e-3 * lam0);
%! rec = unique (round ([0, 1000, 1800:20:2000]));
%! R = gd_sensing (A, y, rep.recommended, 2000, W0, 'record', rec, 'verbose', false);
%! assert (settled (R));
