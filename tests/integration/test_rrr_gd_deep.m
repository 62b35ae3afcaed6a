% test_rrr_gd_deep.m -- gd_deep's "path" option against rrr and spectral_path: two-layer
% gradient descent from a small initialization comes close to spectral_path's rank-1 point
% and not to rrr's where the two differ (doc/findings.md, "Cor. 2 is fragile").
% The same experiment with a plain loop of eq. 5 is in test_rrr_gd.m.

%!shared Sx, Sxy, Wsp, info, P
%! randn ('seed', 3);
%! [Q, ~] = qr (randn (4));  [V, ~] = qr (randn (4));
%! Sx = Q * diag ([4 1 1 1]) * Q';  Sxy = Q * diag ([.9 .5 .2 .05]) * V';
%! [Wsp, info] = spectral_path (Sx, Sxy, 1:4);
%! P = cat (3, Wsp(:,:,1), info.rrr(:,:,1), Wsp(:,:,3));

%!test
%! % small generic initialization
%! randn ('seed', 4);
%! W0 = {1e-8 * randn(4), 1e-8 * randn(4)};
%! R = gd_deep (Sx, Sxy, 0.05, 3000, W0, 'path', P, 'record', 0:5:3000, ...
%!              'nuclear', false, 'sv', 0);
%! assert (size (R.path_err), [3 601]);
%! % rank-1 plateau within 1e-3 of u1 (sigma1/lambda1) v1' (1.3e-4 observed; the gap
%! % shrinks with the initialization); never within .22 of the rank-1 regression solution
%! % .5 u2 v2', which is .225 = sigma1/lambda1 away once mode 1 is learned (test_rrr_gd.m)
%! assert (min (R.path_err(1,:)) < 1e-3);
%! assert (min (R.path_err(2,:)) > 0.22);
%! % after 3000 steps W sits on the rank-3 spectral point (mode 4 not learned yet;
%! % 2.9e-10 observed)
%! assert (R.path_err(3,end) < 1e-6);
%! % the same run by a plain loop of eq. 5: gd_deep's final W agrees to rounding
%! W1 = W0{1};  W2 = W0{2};
%! for t = 1:3000
%!   G = Sx * W1 * W2 - Sxy;
%!   [W1, W2] = deal (W1 - 0.05 * G * W2', W2 - 0.05 * W1' * G);
%! end
%! assert (R.W, W1 * W2, 1e-10);

%!test
%! % Thm. 1's aligned initialization (modes start at exp(-2 delta) = exp(-24)): the modes
%! % are decoupled (epsilon = 0) and mode 1 plateaus at sigma1/lambda1 first (4.8e-4
%! % observed; mode 2 has grown from exp(-24) by then), the rank-3 plateau
%! % later (3.7e-7 at its closest)
%! W0 = aligned_init (Sx, Sxy, 4, 12);
%! R = gd_deep (Sx, Sxy, 0.05, 3000, W0, 'path', P, 'record', 0:5:3000, ...
%!              'nuclear', false, 'sv', 0);
%! assert (min (R.path_err(1,:)) < 1e-3);
%! assert (min (R.path_err(2,:)) > 0.22);
%! assert (min (R.path_err(3,:)) < 1e-5);
