function s = bench_fmt (v, kind)
% bench_fmt -- a target's measured value as text: kind 'x' (ratio), 'frac' (fraction of
% the dgemm rate), 'over' (relative overhead) or 'mb' (megabytes).
  switch (kind)
    case 'x',    s = sprintf ('%.3gx', v);
    case 'frac', s = sprintf ('%.1f%% of dgemm', 100 * v);
    case 'over', s = sprintf ('%+.1f%%', 100 * v);
    case 'mb',   s = sprintf ('%.2f MB', v);
    otherwise,   s = sprintf ('%g', v);
  end
end
