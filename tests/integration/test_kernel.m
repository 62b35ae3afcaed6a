% test_kernel.m -- the baseline variant of the small-product kernel (src/core/ld_small.c),
% which the AVX2+FMA variant replaces on most x86-64 machines, gives gradient descent of
% eq. 5 to rounding.  LINDYN_KERNEL=generic selects it; it is read once, when a MEX file
% is loaded, so a child octave-cli is started with the variable set.  It runs gd_deep at
% d = 20 (every product through the kernel) and its result is compared here with a
% plain Octave loop.  (tests/c runs the C tests with both variants.)

%!test
%! randn ('state', 11);
%! d = 20;  p = 6;  eta = 0.05;  iters = 300;
%! A = randn (d);  Sx = eye (d) + A * A' / d;  Sx = Sx / max (eig (Sx));
%! Sxy = Sx * randn (d, p) / 3;
%! % L = 2 (NN, NT, TN products) and L = 3 with a width of 13 (remainder blocks)
%! W0 = {{randn(d, 9) / 6, randn(9, p) / 6}, ...
%!       {randn(d, 13) / 6, randn(13, 5) / 6, randn(5, p) / 6}};
%! in = [tempname() '.mat'];  out = [tempname() '.mat'];  script = [tempname() '.m'];
%! save ('-binary', in, 'Sx', 'Sxy', 'W0', 'eta', 'iters');
%! fid = fopen (script, 'w');
%! fprintf (fid, 'addpath (''%s''); addpath (''%s'');\n', ...
%!          fileparts (which ('__lindyn_gd__')), fileparts (which ('gd_deep')));
%! fprintf (fid, 'load (''%s'');\n', in);
%! fprintf (fid, 'F = cellfun (@(w) gd_deep (Sx, Sxy, eta, iters, w).factors, W0, ''UniformOutput'', false);\n');
%! fprintf (fid, 'save (''-binary'', ''%s'', ''F'');\n', out);
%! fclose (fid);
%! cmd = sprintf ('env LINDYN_KERNEL=generic OPENBLAS_NUM_THREADS=1 %s -q -f --no-gui %s 2>&1', ...
%!                fullfile (OCTAVE_HOME (), 'bin', 'octave-cli'), script);
%! [status, text] = system (cmd);
%! unlink (in);  unlink (script);
%! assert (status, 0, text);
%! S = load (out);  unlink (out);
%! for j = 1:2
%!   W = W0{j};  L = numel (W);
%!   for t = 1:iters                     % eq. 5, all factors at the old iterate
%!     E = W{1};  for l = 2:L, E = E * W{l};  end
%!     G = Sx * E - Sxy;  V = W;
%!     for l = 1:L
%!       P = eye (d);  for q = 1:l-1, P = P * V{q};  end
%!       Q = eye (p);  for q = L:-1:l+1, Q = V{q} * Q;  end
%!       W{l} = V{l} - eta * P' * G * Q';
%!     end
%!   end
%!   % factors O(0.1-1), sums of <= 20 terms, 300 contracting steps: rounding ~1e-15;
%!   % a wrong product in the kernel is off by O(1)
%!   for l = 1:L
%!     assert (S.F{j}{l}, W{l}, 1e-12 * max (1, norm (W{l}, 'fro')));
%!   end
%! end
