function W = bench_sweep_results (R, K)
% bench_sweep_results -- the K end-to-end matrices of a sweep result as d-by-p-by-K, for
% the result layouts a sweep may use (struct array, cell, or W stacked on dimension 3);
% [] when the layout is not recognised.
  W = [];
  if (isstruct (R) && numel (R) == K && isfield (R, 'W'))
    W = cat (3, R.W);
  elseif (iscell (R) && numel (R) == K && isstruct (R{1}) && isfield (R{1}, 'W'))
    W = cat (3, cellfun (@(x) x.W, R, 'UniformOutput', false){:});
  elseif (isstruct (R) && numel (R) == 1 && isfield (R, 'W'))
    if (iscell (R.W) && numel (R.W) == K)
      W = cat (3, R.W{:});
    elseif (size (R.W, 3) == K)
      W = R.W;
    end
  end
end
