% test_skinny.m -- gradient descent of eq. 5 on skinny chains (a width <= 32 next to widths
% above 64, e.g. 784 inputs, 100 hidden, 10 classes), whose products go through the
% skinny kernels of src/core/ld_skinny.c and the fused pass over W1 of ld_gradient.c,
% against a plain Octave loop of eq. 5; and the same with the baseline variant
% (LINDYN_KERNEL=generic, read once when a MEX file is loaded: a child octave-cli).
%
% Tolerance: every entry of a step's products is a sum of at most d = 200 terms, which
% the kernels add in another order than BLAS: a relative difference of order d eps
% (~4e-14) at worst per step, typically sqrt(d) eps.  At these step sizes (eta below
% 1/(2 lambda_max) of the step map) a difference is not amplified beyond a small factor in
% 50 steps; 1e-12 leaves room for that and still fails on any wrong entry of a product.

%!function W = plain_gd (Sx, Sxy, eta, iters, W)
%!  L = numel (W);  d = rows (Sx);  p = columns (Sxy);
%!  for t = 1:iters                     % eq. 5, all factors at the old iterate
%!    E = W{1};  for l = 2:L, E = E * W{l};  end
%!    G = Sx * E - Sxy;  V = W;
%!    for l = 1:L
%!      P = eye (d);  for q = 1:l-1, P = P * V{q};  end
%!      Q = eye (p);  for q = L:-1:l+1, Q = V{q} * Q;  end
%!      W{l} = V{l} - eta * P' * G * Q';
%!    end
%!  end
%!endfunction

%!function [Sx, Sxy] = problem (d, p, seed)
%!  randn ('state', seed);
%!  X = randn (3 * d, d) .* (1 + (1:d) / d);  Y = X * randn (d, p) / sqrt (d) + 0.1 * randn (3 * d, p);
%!  Sx = X' * X / (3 * d);  Sxy = X' * Y / (3 * d);
%!  s = max (eig (Sx));  Sx = Sx / s;  Sxy = Sxy / s;
%!endfunction

%!function e = rel (A, B)
%!  e = max (cellfun (@(a, b) norm (a - b, 'fro') / norm (b, 'fro'), A, B));
%!endfunction

%!test
%! % d = 200, r = 70, p = 7 (784-100-10-like): every product skinny, W1 updated by the fused pass
%! [Sx, Sxy] = problem (200, 7, 1);
%! randn ('state', 2);  W0 = {randn(200, 70) / 20, randn(70, 7) / 20};
%! R = gd_deep (Sx, Sxy, 0.2, 50, W0);
%! assert (rel (R.factors, plain_gd (Sx, Sxy, 0.2, 50, W0)) <= 1e-12);

%!test
%! % d = r = 100, p = 1 (a single output: n = 1 in every product)
%! [Sx, Sxy] = problem (100, 1, 3);
%! randn ('state', 4);  W0 = {randn(100, 100) / 20, randn(100, 1) / 20};
%! R = gd_deep (Sx, Sxy, 0.2, 50, W0);
%! assert (rel (R.factors, plain_gd (Sx, Sxy, 0.2, 50, W0)) <= 1e-12);

%!test
%! % L = 3, widths 150-90-70-5: the fused pass on two factors, odd sizes; records on
%! [Sx, Sxy] = problem (150, 5, 5);
%! randn ('state', 6);  W0 = {randn(150, 90) / 20, randn(90, 70) / 10, randn(70, 5) / 10};
%! R = gd_deep (Sx, Sxy, 0.2, 50, W0, 'record', [0 25 50]);
%! W = plain_gd (Sx, Sxy, 0.2, 50, W0);
%! assert (rel (R.factors, W) <= 1e-12);
%! assert (norm (R.W - W{1} * W{2} * W{3}, 'fro') <= 1e-12 * norm (R.W, 'fro'));

%!test
%! % the baseline variant of the skinny kernels, in a child process
%! [Sx, Sxy] = problem (130, 10, 7);
%! randn ('state', 8);  W0 = {randn(130, 67) / 20, randn(67, 10) / 20};  eta = 0.2;  iters = 50;
%! in = [tempname() '.mat'];  out = [tempname() '.mat'];  script = [tempname() '.m'];
%! save ('-binary', in, 'Sx', 'Sxy', 'W0', 'eta', 'iters');
%! fid = fopen (script, 'w');
%! fprintf (fid, 'addpath (''%s''); addpath (''%s'');\n', ...
%!          fileparts (which ('__lindyn_run__')), fileparts (which ('gd_deep')));
%! fprintf (fid, 'load (''%s'');\n', in);
%! fprintf (fid, 'F = gd_deep (Sx, Sxy, eta, iters, W0).factors;\n');
%! fprintf (fid, 'save (''-binary'', ''%s'', ''F'');\n', out);
%! fclose (fid);
%! cmd = sprintf ('env LINDYN_KERNEL=generic OPENBLAS_NUM_THREADS=1 %s -q -f --no-gui %s 2>&1', ...
%!                fullfile (OCTAVE_HOME (), 'bin', 'octave-cli'), script);
%! [status, text] = system (cmd);
%! unlink (in);  unlink (script);
%! assert (status, 0, text);
%! S = load (out);  unlink (out);
%! assert (rel (S.F, plain_gd (Sx, Sxy, eta, iters, W0)) <= 1e-12);
