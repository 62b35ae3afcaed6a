% test_closed_linear.m -- the closed forms of the linear model (eq. 9, 21) against the
% simulated dynamics: gd_linear_closed vs gd_linear (the C gradient-descent core), and
% flow_linear vs flow_deep with one layer (Dormand-Prince on eq. 12) and vs expm, all with full
% and singular Sx.  Measured agreement is printed (see doc/theory.md).

%!test
%! % eq. 21 vs gd_linear, full-rank and rank-deficient Sx from data
%! randn ('state', 21);
%! for rk = [8 3]
%!   X = randn (60, rk) * randn (rk, 8);  Y = X * randn (8, 3) + 0.1 * randn (60, 3);
%!   [Sx, Sxy] = second_moments (X, Y);
%!   W0 = 0.1 * randn (8, 3);  eta = 1.8 / max (eig (Sx));
%!   t = [0 1 10 100 1000];
%!   R = gd_linear (Sx, Sxy, eta, 1000, 'init', W0, 'record', t, 'snapshots', true, ...
%!                  'verbose', false);
%!   W = gd_linear_closed (Sx, Sxy, eta, t, W0);
%!   err = max (abs (W(:) - R.snapshots(:))) / max (abs (R.snapshots(:)));
%!   printf ('    gd_linear_closed vs gd_linear (rank %d of 8): max rel. diff %.1e\n', rk, err);
%!   % iterating 1000 times accumulates ~1000 eps relative at most (contraction)
%!   assert (err < 1e-12);
%! end

%!test
%! % eq. 9 vs flow_deep with L = 1 and vs expm (pinv for the singular case)
%! randn ('state', 22);
%! for rk = [5 2]
%!   X = randn (40, rk) * randn (rk, 5);  Y = randn (40, 2);
%!   [Sx, Sxy] = second_moments (X, Y);
%!   Sxy = Sx * pinv (Sx) * Sxy;     % exactly in range(Sx), so eq. 9 is the flow
%!   W0 = randn (5, 2);  t = [0.5 2 8];
%!   W = flow_linear (Sx, Sxy, t, W0);
%!   Wf = flow_deep (Sx, Sxy, t, {W0});
%!   Ws = pinv (Sx) * Sxy;  e1 = 0;
%!   for k = 1:3
%!     ref = Ws + expm (-t(k) * Sx) * (W0 - Ws);
%!     e1 = max (e1, max (max (abs (W(:,:,k) - ref))));
%!   end
%!   e2 = max (abs (W(:) - Wf(:)));
%!   printf ('    flow_linear (rank %d of 5): vs expm %.1e, vs flow_deep %.1e\n', rk, e1, e2);
%!   assert (e1 < 1e-10 * max (1, max (abs (Ws(:)))));   % eps * cond(Sx) * |W*|
%!   assert (e2 < 1e-7 * max (abs (W(:))));              % flow_deep at RelTol 1e-10
%! end
