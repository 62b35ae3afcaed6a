% mnist_heldout.m -- early stopping along the path of two-layer gradient descent on MNIST.
%
% Two-layer linear network (784-10-10) trained by gradient descent on 2000 MNIST
% training images (pixels/255, one-hot labels) from a small random start, with the
% loss on the 10000 test images recorded along the trajectory (gd_deep option "test").
% The training set is small on purpose: with n = 2000 and d = 784 least squares
% overfits, and the held-out loss has a minimum along the path.  The best stopping
% point is marked with the number of modes learned by then (singular values of W
% above 0.01; the start's are about 1e-10).  Writes doc/figures/mnist_heldout.png; about 30 s on a 2-core machine.
%
%   octave-cli -q doc/examples/mnist_heldout.m [MNIST folder] [PNG file]
%
% (from the top of the source tree after building it, or with the package loaded.)

args = {};
if (exist ('argv', 'builtin') || exist ('argv'))
  args = argv ();
end
top = fileparts (fileparts (fileparts (mfilename ('fullpath'))));
if (exist (fullfile (top, 'src'), 'dir') && ~ exist ('gd_deep', 'file'))
  addpath (fullfile (top, 'src'), fullfile (top, 'inst'));
end
mnist = fullfile (top, 'data', 'mnist');
out = fullfile (top, 'doc', 'figures', 'mnist_heldout.png');
if (numel (args) >= 1), mnist = args{1};  end
if (numel (args) >= 2), out = args{2};  end

n = 2000;                                        % training images used
X = read_idx (fullfile (mnist, 'train-images-idx3-ubyte'), 'flatten', true, 'count', n);
y = read_idx (fullfile (mnist, 'train-labels-idx1-ubyte'), 'count', n);
Xt = read_idx (fullfile (mnist, 't10k-images-idx3-ubyte'), 'flatten', true);
yt = read_idx (fullfile (mnist, 't10k-labels-idx1-ubyte'));
X = double (X) / 255;  Y = onehot (y);
Xt = double (Xt) / 255;  Yt = onehot (yt);
[Sx, Sxy] = second_moments (X, Y);               % training moments
[St, Sty] = second_moments (Xt, Yt);             % held-out moments
c = trace (Yt' * Yt) / size (Yt, 1);             % tr(Syy_test): the plain loss too

[W0, info] = random_init ([784 10 10], 1e-5, 'seed', 1);
eta = 0.9 / max (eig (Sx));
tic;
R = gd_deep (Sx, Sxy, eta, 6000, W0, 'test', {St, Sty, c}, ...
             'init_info', info, 'verbose', false);
el = toc;
[best, i] = min (R.test_loss);
k = sum (R.sv(:, i) > 0.01);                    % modes learned at the best stop
fprintf ('gd_deep: %d iterations in %.1f s\n', R.iters, el);
fprintf ('held-out excess loss: %.4f at t = 0, best %.4f at t = %d, %.4f at the end (t = %d)\n', ...
         R.test_loss(1), best, R.t(i), R.test_loss(end), R.t(end));
fprintf ('held-out plain loss at the best t: %.4f (end: %.4f)\n', R.test_loss_plain(i), ...
         R.test_loss_plain(end));
fprintf ('modes learned at the best t (singular values of W above 0.01): %d of %d\n', ...
         k, size (R.sv, 1));

if (exist ('OCTAVE_VERSION', 'builtin'))
  graphics_toolkit ('gnuplot');
end
h = figure ('visible', 'off', 'position', [100 100 800 560]);
subplot (2, 1, 1);
semilogx (R.t + 1, R.sv', 'linewidth', 1);
hold on;  plot ([R.t(i) R.t(i)] + 1, ylim (), 'k--');  hold off;
ylabel ('singular values of W');
title (sprintf ('two-layer GD on 2000 MNIST images: modes learned one at a time'));
subplot (2, 1, 2);
semilogx (R.t + 1, R.test_loss, 'b-', 'linewidth', 1.5, R.t + 1, R.excess_loss, 'r-', ...
          'linewidth', 1);
hold on;
plot (R.t(i) + 1, best, 'ko', 'markersize', 8, 'markerfacecolor', 'k');
text (R.t(i) + 1, best, sprintf ('  best stop: t = %d, %d modes learned', R.t(i), k), ...
      'verticalalignment', 'top');
hold off;
xlabel ('iteration + 1');  ylabel ('excess loss');
legend ('held-out (10000 test images)', 'training (2000 images)', 'location', 'southwest');
print (h, out, '-dpng', '-r100');
close (h);
fprintf ('wrote %s\n', out);
