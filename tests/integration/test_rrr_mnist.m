% test_rrr_mnist.m -- on the real MNIST (one-hot labels, raw pixels), two-layer gradient
% descent from a small initialization passes near spectral_path's rank-1 point, and
% nowhere near the rank-1 reduced-rank regression solution (Cor. 2 does not describe the
% path on real data; see the caveat in spectral_path's help).
%
% Needs the IDX files of MNIST in data/mnist/ at the top of the tree (bash
% tools/get_mnist.sh puts them there) or in the folder named by the environment
% variable LINDYN_MNIST.  Without them the test prints a visible SKIPPED line and checks
% nothing else.

%!test
%! top = fileparts (fileparts (fileparts (mfilename ('fullpath'))));
%! dir = getenv ('LINDYN_MNIST');
%! if (isempty (dir))
%!   dir = fullfile (top, 'data', 'mnist');
%! end
%! f = fullfile (dir, 'train-images-idx3-ubyte');
%! if (~ exist (f, 'file'))
%!   fprintf ('SKIPPED test_rrr_mnist: MNIST not found in %s (run: bash tools/get_mnist.sh)\n', dir);
%!   return;
%! end
%! X = read_idx (f);
%! y = read_idx (fullfile (dir, 'train-labels-idx1-ubyte'));
%! X = reshape (double (X), size (X, 1), []) / 255;
%! Y = double (y(:) == 0:9);
%! [Sx, Sxy] = second_moments (X, Y);
%! [Wsp, info] = spectral_path (Sx, Sxy, 1);
%! % the rank-1 points differ: rrr's has Frobenius norm 7.7 (pinv (Sx) amplifies the
%! % pixels of small variance), the spectral one 0.05 (the top singular pair of Sxy)
%! assert (~ info.coincides);
%! assert (norm (info.rrr, 'fro') > 50 * norm (Wsp, 'fro'));
%! randn ('seed', 1);
%! W0 = {1e-6 * randn(784, 10), 1e-6 * randn(10, 10)};
%! eta = 0.9 / max (eig (Sx));
%! R = gd_deep (Sx, Sxy, eta, 600, W0, 'path', cat (3, Wsp, info.rrr), ...
%!              'record', 0:10:600, 'nuclear', false, 'sv', 0, 'verbose', false);
%! rel = R.path_err ./ [norm(Wsp, 'fro'); norm(info.rrr, 'fro')];
%! % 0.036 observed at t = 320 (the rest is the O(epsilon) defect of Assumption 1 on MNIST,
%! % Delta_xy = 3e-2, and the start of the second mode)
%! assert (min (rel(1,:)) < 0.1);
%! % 1.000 observed at every record: GD's W is tiny next to rrr's rank-1 solution
%! assert (min (rel(2,:)) > 0.9);
