function r = bench_row (varargin)
% bench_row -- one row of the benchmark table from name, value pairs; a column not given
% is NaN (numbers) or '' (text).  The columns are those of results.csv (bench/README.md).
  r = struct ('section', '', 'case', '', 'size', '', 'impl', '', 'iterations', NaN, ...
              'seconds', NaN, 'us_per_iter', NaN, 'ratio', NaN, 'ref', '', 'gflops', NaN, ...
              'frac_dgemm', NaN, 'frac_dgemm1', NaN, 'bytes', NaN, 'roof_us', NaN, ...
              'frac_roof', NaN, 'rel_diff', NaN, 'mem_mb', NaN, 'overhead_ms', NaN, ...
              'cpu_us_per_iter', NaN, 'ratio_cpu', NaN, 'status', '', 'note', '');
  for k = 1:2:numel (varargin)
    if (~ isfield (r, varargin{k}))
      error ('bench_row: no column %s', varargin{k});
    end
    r.(varargin{k}) = varargin{k + 1};
  end
end
