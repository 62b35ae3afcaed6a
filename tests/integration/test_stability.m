% test_stability.m -- the stability bound of stepsize_check against gradient descent:
% on Sx = diag (100, 1, 1), Sxy = [0 0; 1 0; 0 .5] and on 100 random non-isotropic
% problems, no run below the bound diverges, and every run that converges ends with
% sharpness <= 2/eta.
% Measured numbers are printed (see README, doc/theory.md).

%!test
%! % Sx = diag ([100 1 1]), Sxy = [0 0; 1 0; 0 .5]: bound 0.02 at L = 2 and 3 (the
%! % direction e1 in W1 has curvature 100 at the balanced minimum); Cor. 3 says 0.5
%! Sx = diag ([100 1 1]);  Sxy = [0 0; 1 0; 0 .5];
%! warning ('off', 'lindyn:gd:diverged', 'local');
%! for L = 2:3
%!   dims = [3, 3 * ones(1, L - 1), 2];
%!   [~, eb] = stepsize_check (Sx, Sxy, [], 'depth', L, 'widths', dims(2:end-1));
%!   assert (eb, 0.02, 1e-12);
%!   etas = [0.5 0.9 0.99 1.05 1.5 2 2.5 3 12.5] * eb;
%!   W0 = random_init (dims, 1e-4, 'seed', 1);
%!   R = gd_deep (Sx, Sxy, etas, 20000, repmat ({W0}, 1, numel (etas)), 'sv', 0, ...
%!                'nuclear', false, 'verbose', false);
%!   div = [R.diverged];
%!   assert (! any (div(etas < eb)));
%!   assert (div(end));                   % eta = 0.25, the step of the issue
%!   conv = false (size (R));
%!   for i = 1:numel (R)
%!     conv(i) = ! R(i).diverged && R(i).excess_loss(end) < 1e-20;
%!     if (conv(i))
%!       lam = sharpness (Sx, Sxy, R(i).factors);
%!       % a converged run sits where the linearised step does not expand
%!       assert (lam <= 2 / etas(i) * (1 + 1e-6));
%!       printf ('    L = %d, eta = %.4f: converged, sharpness %.2f, 2/eta %.2f\n', L, ...
%!               etas(i), lam, 2 / etas(i));
%!     else
%!       printf ('    L = %d, eta = %.4f: diverged %d\n', L, etas(i), R(i).diverged);
%!     end
%!   end
%!   printf ('    L = %d: smallest diverging step tried %.3f = %.2f x the bound %.3f\n', L, ...
%!           min (etas(div)), min (etas(div)) / eb, eb);
%! end

%!test
%! % 100 random problems, d = 3, p = 2, widths 3, L = 2 and 3 alternating: Sx with
%! % eigenvalues log-uniform in [0.3, 30] in a random basis, W* with singular values in
%! % [0.5, 2], Sxy = Sx W*; steps [0.5 0.95 1.5 3 6] x the bound, 6000 iterations
%! randn ('state', 14);  rand ('state', 14);
%! warning ('off', 'lindyn:gd:diverged', 'local');
%! mult = [0.5 0.95 1.5 3 6];
%! ndiv = zeros (size (mult));  nconv = zeros (size (mult));  ratio = [];  excess = 0;
%! for trial = 1:100
%!   L = 2 + mod (trial, 2);  dims = [3, 3 * ones(1, L - 1), 2];
%!   [Q, ~] = qr (randn (3));  Sx = Q * diag (10 .^ (rand (3, 1) * 2 - 0.52)) * Q';
%!   Sx = (Sx + Sx') / 2;
%!   [U, ~] = qr (randn (3));  [V, ~] = qr (randn (2));
%!   Ws = U(:,1:2) * diag (0.5 + 1.5 * rand (2, 1)) * V';  Sxy = Sx * Ws;
%!   [~, eb] = stepsize_check (Sx, Sxy, [], 'depth', L, 'widths', dims(2:end-1));
%!   etas = mult * eb;
%!   W0 = random_init (dims, 1e-3, 'seed', trial);
%!   R = gd_deep (Sx, Sxy, etas, 6000, repmat ({W0}, 1, numel (etas)), 'sv', 0, ...
%!                'nuclear', false, 'verbose', false, 'record', 6000);
%!   for i = 1:numel (R)
%!     if (R(i).diverged)
%!       ndiv(i) = ndiv(i) + 1;
%!       % the bound is never above a step at which gradient descent diverges
%!       assert (etas(i) > eb);
%!     elseif (R(i).excess_loss(end) < 1e-16)
%!       nconv(i) = nconv(i) + 1;
%!       lam = sharpness (Sx, Sxy, R(i).factors);
%!       ratio(end+1) = lam * etas(i) / 2;
%!       % converged: sharpness <= 2/eta (1e-6: the Lanczos tolerance is 1e-10 and the
%!       % run's distance to the limit adds ~sqrt(1e-16) relative at most)
%!       assert (lam <= 2 / etas(i) * (1 + 1e-6));
%!     end
%!   end
%! end
%! printf ('    steps (x bound):   %s\n', sprintf ('%6.2f', mult));
%! printf ('    diverged (of 100): %s\n', sprintf ('%6d', ndiv));
%! printf ('    converged:         %s\n', sprintf ('%6d', nconv));
%! printf ('    converged runs: sharpness * eta / 2 in [%.3f, %.3f]\n', min (ratio), max (ratio));
%! assert (ndiv(1:2), [0 0]);
%! % most runs below the bound converge within 6000 steps (else the check is empty)
%! assert (nconv(1) >= 80);
