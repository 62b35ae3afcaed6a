% test_gd_loop.m -- gd_deep and gd_linear against a plain Octave loop of eq. 5.

%!function W = plain_gd (Sx, Sxy, eta, iters, W)
%!  % eq. 5 written out: every factor from the same iterate, gradients of eq. 11
%!  L = numel (W);  d = size (Sx, 1);  p = size (Sxy, 2);
%!  for t = 1:iters
%!    pre = cell (1, L);  pre{1} = eye (d);
%!    for l = 2:L, pre{l} = pre{l-1} * W{l-1};  end
%!    suf = cell (1, L);  suf{L} = eye (p);
%!    for l = L-1:-1:1, suf{l} = W{l+1} * suf{l+1};  end
%!    G = Sx * (pre{L} * W{L}) - Sxy;
%!    for l = 1:L, W{l} = W{l} - eta * pre{l}' * G * suf{l}';  end
%!  end
%!endfunction

%!function [Sx, Sxy] = problem (d, p, seed)
%!  % well-conditioned moments (eigenvalues in [0.1, 1]) and W* = O(1), seeded
%!  rng (seed);
%!  [Q, ~] = qr (randn (d));
%!  Sx = Q * diag (0.1 + 0.9 * rand (d, 1)) * Q';  Sx = (Sx + Sx') / 2;
%!  Sxy = Sx * randn (d, p) / sqrt (d);
%!endfunction

%!test
%! % L = 1..4, d, p and widths in 1..40, including r < min(d,p) and r > max(d,p);
%! % 500 iterations.  The C core multiplies in a different order (fused updates,
%! % (Sx W1) W2 when r1 < p), so the two agree up to rounding, which the contracting
%! % dynamics does not amplify: 1e-12 relative is ~5000 eps.  The problems are seeded:
%! % a trajectory that lingers near a saddle amplifies rounding like any perturbation.
%! % For L = 4 behind a width-3 bottleneck, about 1 random problem in 4 gives 1e-10..5e-4,
%! % and then two plain Octave loops that differ only in the association of W1*W2*W3*W4
%! % differ by as much (checked: 4.4e-4 between the two loops, 4.8e-4 C vs loop).  The
%! % seeded cases below do not linger.
%! cases = {[1 1], [7 3], [12 5 9], [4 1 6], [3 40 2], [20 8 30 5], [6 2 2 6], ...
%!          [10 3 25 3 10], [40 40 40], [5 9 1 9 4], [1 30 1], [15 40 12 35 8]};
%! worst = 0;
%! for c = 1:numel (cases)
%!   r = cases{c};  L = numel (r) - 1;  d = r(1);  p = r(end);
%!   [Sx, Sxy] = problem (d, p, c);
%!   W0 = random_init (r, 0.5, 'seed', c);
%!   eta = 0.5 / max (1, L);
%!   R = gd_deep (Sx, Sxy, eta, 500, W0, 'record', [0 500]);
%!   assert (R.diverged, false);
%!   W = plain_gd (Sx, Sxy, eta, 500, W0);
%!   for l = 1:L
%!     rel = norm (R.factors{l} - W{l}, 'fro') / norm (W{l}, 'fro');
%!     worst = max (worst, rel);
%!     assert (rel <= 1e-12, sprintf ('case %d factor %d: %g', c, l, rel));
%!   end
%! end
%! printf ("  worst relative difference %.2g\n", worst);
%! % the runs moved: the factors are far from their start
%! assert (norm (R.factors{1} - W0{1}, 'fro') > 0.01);

%!test
%! % L = 1 through gd_linear with a start: same as the loop
%! [Sx, Sxy] = problem (9, 4, 20);  W0 = randn (9, 4);
%! R = gd_linear (Sx, Sxy, 1.5, 500, 'init', W0);
%! W = plain_gd (Sx, Sxy, 1.5, 500, {W0});
%! assert (norm (R.W - W{1}, 'fro') / norm (W{1}, 'fro') <= 1e-12);

%!test
%! % the chunked driver gives the same trajectory as one long call, and the records
%! % straddle the chunk boundaries without gaps or repeats
%! [Sx, Sxy] = problem (5, 3, 21);  W0 = random_init ([5 4 3], 0.1, 'seed', 3);
%! R = gd_deep (Sx, Sxy, 0.3, 3000, W0, 'record', 0:3000);
%! assert (R.t, 0:3000);
%! spec = struct ('objective', 'moments', 'data', struct ('Sx', Sx, 'Sxy', Sxy, ...
%!                'Wstar', pinv (Sx) * Sxy), 'method', 'gd', 'hyper', struct (), 'eta', 0.3, ...
%!                'iters', 3000, 'at', 0:3000);
%! S = __lindyn_run__ (spec, struct ('factors', {W0}));
%! assert (R.fro2, S.fro2, 0);
%! % W* here is pinv(Sx)*Sxy, in gd_deep it comes from a Cholesky solve: equal to
%! % rounding, which moves the excess loss by ~eps relative to its starting value
%! assert (R.excess_loss, S.loss, 1e-14 * R.excess_loss(1));
%! assert (R.factors, S.factors, 0);
