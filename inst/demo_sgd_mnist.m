function S = demo_sgd_mnist (datadir, outdir, varargin)
% -*- texinfo -*-
% @deftypefn  {} {} demo_sgd_mnist ()
% @deftypefnx {} {} demo_sgd_mnist (@var{datadir})
% @deftypefnx {} {} demo_sgd_mnist (@var{datadir}, @var{outdir})
% @deftypefnx {} {@var{S} =} demo_sgd_mnist (@var{datadir}, @var{outdir}, @var{name}, @var{value}, @dots{})
% Mini-batch SGD on MNIST next to full-batch gradient descent: a two-layer linear network
% @code{W = W1*W2} (784-by-h-by-10, h = 10) regresses the one-hot labels (times 255)
% on the raw uint8 pixels of the 60000 training images (@file{mnist/} under
% @var{datadir}, default @file{data}; the source tree's script get_mnist.sh fetches them),
% from a small Gaussian start (@code{random_init}, scale @qcode{'init'}, default 1e-3,
% seed 1).  @code{sgd_deep} runs for each batch size in @qcode{'batches'} (default
% @code{[16 128 1024]}, no replacement, seed 1) and @code{gd_deep} on the data's moments
% for the full batch, all with step @qcode{'eta'} (default 2e-6, about a fifth of the
% stability limit at the end of the run) for @qcode{'iters'} iterations (default 5000).
% The singular values of W are learned one at a time in both: the demo prints, for each
% run, the iteration at which each of the top @qcode{'modes'} (default 5) singular values
% first reaches half of its final full-batch value, and the final singular values'
% largest relative difference from the full-batch run.
%
% With @var{outdir} writes @file{sgd_mnist.png} (the singular values against the
% iteration, one panel per run) and @file{sgd_mnist.csv} (columns batch (0: full batch),
% iteration, excess_loss, sv1 ... sv10).  @var{S} has fields @code{batches},
% @code{runs}, @code{half} (runs-by-modes half-way iterations) and @code{final_diff}.
% Without the data it prints where to get them and returns @code{S.found = false}.
% Options @qcode{'maxn'} (use the first maxn images, default all), @qcode{'plot'}
% (default true).
%
% Example (a short run on 5000 images):
% @c runnable (needs data/mnist)
% @example
% @group
% S = demo_sgd_mnist ('data', '', 'maxn', 5000, 'iters', 1000, 'plot', false);
% S.half
% @end group
% @end example
% @seealso{sgd_deep, gd_deep, read_idx, onehot, demo_table1}
% @end deftypefn

  if (nargin < 1)
    datadir = 'data';
  end
  if (nargin < 2)
    outdir = '';
  end
  if (mod (numel (varargin), 2) ~= 0)
    ld_usage ('demo_sgd_mnist');
  end
  fn = 'demo_sgd_mnist';
  if (~ ischar (datadir))
    error ('lindyn:demo_sgd_mnist:datadir', 'demo_sgd_mnist: datadir must be a folder name (a string)');
  end
  ld_outdir (fn, outdir);
  o = struct ('batches', [16 128 1024], 'eta', 2e-6, 'iters', 5000, 'init', 1e-3, ...
              'hidden', 10, 'modes', 5, 'maxn', Inf, 'plot', true);
  [o, given] = ld_name_value (fn, o, varargin);
  for k = 1:numel (given)
    name = given{k};
    switch (name)
      case 'batches'
        o.(name) = ld_matrix (fn, name, o.(name), 'vector', 'nonempty', 'integer', 'positive');
      case {'eta', 'init'}
        o.(name) = ld_matrix (fn, name, o.(name), 'scalar', 'finite', 'positive');
      case {'iters', 'hidden', 'modes'}
        o.(name) = ld_matrix (fn, name, o.(name), 'scalar', 'integer', 'positive');
      case 'maxn'
        o.(name) = ld_matrix (fn, name, o.(name), 'scalar', 'positive');
      case 'plot'
        o.(name) = ld_logical (fn, name, o.(name));
    end
  end
  S = struct ('found', false, 'batches', o.batches);
  files = {fullfile(datadir, 'mnist', 'train-images-idx3-ubyte'), ...
           fullfile(datadir, 'mnist', 'train-labels-idx1-ubyte')};
  for k = 1:2
    if (~ exist (files{k}, 'file') && exist ([files{k} '.gz'], 'file'))
      files{k} = [files{k} '.gz'];
    end
  end
  if (~ all (cellfun (@(f) exist (f, 'file') == 2, files)))
    fprintf ('demo_sgd_mnist: MNIST not found under %s (bash tools/get_mnist.sh %s)\n', ...
             datadir, fullfile (datadir, 'mnist'));
    if (nargout == 0), clear S;  end
    return;
  end
  S.found = true;
  opts = {};
  if (isfinite (o.maxn)), opts = {'count', o.maxn};  end
  X = read_idx (files{1}, 'flatten', true, opts{:});     % uint8, used as is
  labels = read_idx (files{2}, opts{:});
  Y = 255 * onehot (labels(:), 0:9);
  n = size (X, 1);
  if (any (o.batches > n))
    error ('lindyn:demo_sgd_mnist:batches', 'demo_sgd_mnist: batches must be at most n = %d', n);
  end
  W0 = random_init ([784 o.hidden 10], o.init, 'seed', 1);
  rec = unique (round ([0, logspace(0, log10 (o.iters), 150)]));
  fprintf ('SGD on MNIST: n = %d, W = W1 W2 (784-%d-10), eta = %g, %d iterations, init %g\n', ...
           n, o.hidden, o.eta, o.iters, o.init);
  % the full batch: gd_deep on the moments, accumulated over blocks of rows
  Sx = zeros (784);  Sxy = zeros (784, 10);
  for i0 = 1:5000:n
    r = i0:min (n, i0 + 4999);  Xb = double (X(r,:));
    Sx = Sx + Xb' * Xb;  Sxy = Sxy + Xb' * Y(r,:);
  end
  Sx = (Sx + Sx') / (2 * n);  Sxy = Sxy / n;
  t0 = tic ();
  F = gd_deep (Sx, Sxy, o.eta, o.iters, W0, 'record', rec, 'verbose', false);
  fprintf ('  full batch (gd_deep): %.1f s\n', toc (t0));
  runs = cell (1, numel (o.batches));
  for k = 1:numel (o.batches)
    t0 = tic ();
    runs{k} = sgd_deep (X, Y, o.eta, o.iters, W0, 'batch', o.batches(k), 'seed', 1, ...
                        'record', rec, 'verbose', false);
    fprintf ('  batch %d (sgd_deep): %.1f s\n', o.batches(k), toc (t0));
  end
  all_runs = [runs, {F}];
  m = min (o.modes, 10);
  target = F.sv(1:m, end);
  S.half = NaN (numel (all_runs), m);
  S.final_diff = zeros (1, numel (all_runs));
  for k = 1:numel (all_runs)
    R = all_runs{k};
    for i = 1:m
      j = find (R.sv(i,:) >= target(i) / 2, 1);
      if (~ isempty (j)), S.half(k, i) = R.t(j);  end
    end
    S.final_diff(k) = max (abs (R.sv(1:m, end) - target) ./ target);
    if (k <= numel (o.batches)), lab = sprintf ('batch %5d', o.batches(k));  else, lab = 'full batch ';  end
    fprintf ('  %s: top %d singular values half-learned at iterations %s; final values within %.2g of full batch\n', ...
             lab, m, sprintf ('%d ', S.half(k,:)), S.final_diff(k));
  end
  S.runs = all_runs;
  if (o.plot)
    draw (o, all_runs);
  end
  if (~ isempty (outdir))
    ld_outdir (fn, outdir, true);
    csv = zeros (0, 13);
    bs = [o.batches(:)', 0];
    for k = 1:numel (all_runs)
      R = all_runs{k};
      csv = [csv; bs(k) * ones(numel (R.t), 1), R.t(:), R.excess_loss(:), R.sv'];
    end
    ld_write_csv (fullfile (outdir, 'sgd_mnist.csv'), [{'batch', 'iteration', 'excess_loss'}, ...
                  arrayfun(@(i) sprintf ('sv%d', i), 1:10, 'UniformOutput', false)], csv);
    if (o.plot)
      print (gcf (), '-dpng', '-r80', fullfile (outdir, 'sgd_mnist.png'));
    end
  end
  if (nargout == 0)
    clear S;
  end
end

function draw (o, runs)
  fig = gcf ();
  clf (fig);
  set (fig, 'position', [50 50 1200 400]);
  K = numel (runs);
  for k = 1:K
    ax = subplot (1, K, k);
    R = runs{k};
    semilogx (ax, R.t + 1, R.sv');
    if (k < K), title (ax, sprintf ('SGD, batch %d', o.batches(k)));  else, title (ax, 'full-batch GD');  end
    xlabel (ax, 'iteration + 1');
    if (k == 1), ylabel (ax, 'singular values of W_1 W_2');  end
    ylim (ax, [0, 1.1 * max(runs{end}.sv(:))]);
  end
end

%!test
%! % without the data: a message, found = false, no error
%! S = demo_sgd_mnist (tempname (), '', 'plot', false);
%! assert (S.found, false);
%!error id=lindyn:demo_sgd_mnist:datadir demo_sgd_mnist (1)
%!error id=lindyn:demo_sgd_mnist:eta demo_sgd_mnist ('data', '', 'eta', 0)
