% test_kernel.m -- every variant of the small-product kernel (src/core/ld_small.c: the
% baseline, AVX2+FMA, AVX-512F; the best the CPU has runs by default) gives gradient
% descent of eq. 5 to rounding.  LINDYN_KERNEL=generic|avx2|avx512 asks for one (granted
% when the CPU has it, else the best below it); it is read once, when a MEX file is
% loaded, so a child octave-cli is started per variant with the variable set.  Each runs
% gd_deep at d = 8 and d = 20 (every product through the kernel; L = 2 through its whole
% step, L = 3 product by product) and its result is compared here with a plain Octave
% loop.  (tests/c runs the C tests with each variant.)

%!test
%! randn ('state', 11);
%! eta = 0.05;  iters = 300;
%! P = {};
%! for d = [8 20]
%!   A = randn (d);  Sx = eye (d) + A * A' / d;  Sx = Sx / max (eig (Sx));
%!   p = 6 + (d == 8) * 2;
%!   Sxy = Sx * randn (d, p) / 3;
%!   % L = 2 square (d = r = p = 8) or with r < p, and L = 3 with a width of 13
%!   % (remainder blocks)
%!   W0 = {{randn(d, 9 - (d == 8)) / 6, randn(9 - (d == 8), p) / 6}, ...
%!         {randn(d, 5) / 6, randn(5, p) / 6}, ...
%!         {randn(d, 13) / 6, randn(13, 5) / 6, randn(5, p) / 6}};
%!   P{end+1} = struct ('Sx', Sx, 'Sxy', Sxy, 'W0', {W0});
%! end
%! in = [tempname() '.mat'];  script = [tempname() '.m'];
%! save ('-binary', in, 'P', 'eta', 'iters');
%! for kern = {'generic', 'avx2', 'avx512'}
%!   out = [tempname() '.mat'];
%!   fid = fopen (script, 'w');
%!   fprintf (fid, 'addpath (''%s''); addpath (''%s'');\n', ...
%!            fileparts (which ('__lindyn_run__')), fileparts (which ('gd_deep')));
%!   fprintf (fid, 'load (''%s'');\n', in);
%!   fprintf (fid, 'F = cell (size (P));\n');
%!   fprintf (fid, 'for i = 1:numel (P), F{i} = cellfun (@(w) gd_deep (P{i}.Sx, P{i}.Sxy, eta, iters, w).factors, P{i}.W0, ''UniformOutput'', false); end\n');
%!   fprintf (fid, 'k = lindyn (); save (''-binary'', ''%s'', ''F'', ''k'');\n', out);
%!   fclose (fid);
%!   cmd = sprintf ('env LINDYN_KERNEL=%s OPENBLAS_NUM_THREADS=1 %s -q -f --no-gui %s 2>&1', ...
%!                  kern{1}, fullfile (OCTAVE_HOME (), 'bin', 'octave-cli'), script);
%!   [status, text] = system (cmd);
%!   assert (status, 0, text);
%!   S = load (out);  unlink (out);
%!   % the variant asked for runs, or one below it when the CPU lacks it
%!   order = {'none', 'generic', 'avx2', 'avx512'};
%!   assert (find (strcmp (S.k.kernel, order)) <= find (strcmp (kern{1}, order)));
%!   for i = 1:numel (P)
%!     Sx = P{i}.Sx;  Sxy = P{i}.Sxy;  d = rows (Sx);  p = columns (Sxy);
%!     for j = 1:numel (P{i}.W0)
%!       W = P{i}.W0{j};  L = numel (W);
%!       for t = 1:iters                     % eq. 5, all factors at the old iterate
%!         E = W{1};  for l = 2:L, E = E * W{l};  end
%!         G = Sx * E - Sxy;  V = W;
%!         for l = 1:L
%!           Pl = eye (d);  for q = 1:l-1, Pl = Pl * V{q};  end
%!           Q = eye (p);  for q = L:-1:l+1, Q = V{q} * Q;  end
%!           W{l} = V{l} - eta * Pl' * G * Q';
%!         end
%!       end
%!       % factors O(0.1-1), sums of <= 20 terms, 300 contracting steps: rounding ~1e-15;
%!       % a wrong product in the kernel is off by O(1)
%!       for l = 1:L
%!         assert (S.F{i}{j}{l}, W{l}, 1e-12 * max (1, norm (W{l}, 'fro')));
%!       end
%!     end
%!   end
%! end
%! unlink (in);  unlink (script);
