function [X, Y, src] = bench_mnist (top, n)
% bench_mnist -- the first n MNIST training images as uint8 rows (n-by-784) and their
% one-hot labels (n-by-10), read with the package's read_idx from data/mnist when the
% files are there; else uint8 random data of that shape with ~19% nonzeros (MNIST's
% share) and random labels.  src says which.
  f1 = fullfile (top, 'data', 'mnist', 'train-images-idx3-ubyte');
  f2 = fullfile (top, 'data', 'mnist', 'train-labels-idx1-ubyte');
  if (exist (f1, 'file') && exist (f2, 'file') && exist ('read_idx') == 2)
    X = read_idx (f1, 'flatten', true);
    lab = read_idx (f2);
    X = X(1:min (n, end), :);  lab = double (lab(1:size (X, 1)));
    src = sprintf ('MNIST (data/mnist, first %d training images)', size (X, 1));
  else
    rand ('state', 16);
    X = zeros (n, 784, 'uint8');
    for j = 1:784                               % column by column: no n-by-784 double
      v = rand (n, 1);
      X(:,j) = uint8 (255 * rand (n, 1) .* (v < 0.19));
    end
    lab = floor (10 * rand (n, 1));
    src = sprintf ('random uint8 data of the MNIST shape (%d x 784, 19%% nonzeros; data/mnist not found)', n);
  end
  Y = double (bsxfun (@eq, lab(:), 0:9));
end
