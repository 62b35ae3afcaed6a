function tbl = bench_add (tbl, varargin)
% bench_add -- append one row (bench_row's name, value pairs, or a row struct) to the
% cell tbl of rows and print it.
  if (numel (varargin) == 1 && isstruct (varargin{1}))
    r = varargin{1};
  else
    r = bench_row (varargin{:});
  end
  tbl{end+1} = r;
  bench_print (r);
end
