function [hdr, R] = bench_csv_read (f)
% bench_csv_read -- the # header lines (cell of strings) and the rows (struct array,
% numeric columns as numbers, NaN where empty) of a results CSV.
  lines = strsplit (fileread (f), "\n");
  hdr = {};  cols = {};
  num = {'iterations', 'seconds', 'us_per_iter', 'ratio', 'gflops', 'frac_dgemm', 'frac_dgemm1', ...
         'bytes', 'roof_us', 'frac_roof', 'rel_diff', 'mem_mb', 'overhead_ms', 'cpu_us_per_iter', 'ratio_cpu'};
  rows = {};
  for k = 1:numel (lines)
    ln = lines{k};
    if (isempty (ln)), continue;  end
    if (ln(1) == '#')
      hdr{end+1} = strtrim (ln(2:end));
    elseif (isempty (cols))
      cols = strsplit (ln, ',');
    else
      rows{end+1} = split_line (ln);
    end
  end
  R = repmat (cell2struct (cell (numel (cols), 1), cols, 1), 1, numel (rows));
  for k = 1:numel (rows)
    v = rows{k};
    for j = 1:numel (cols)
      x = '';
      if (j <= numel (v)), x = v{j};  end
      if (any (strcmp (cols{j}, num)))
        if (isempty (x)), x = NaN;  else, x = str2double (x);  end
      end
      R(k).(cols{j}) = x;
    end
  end
end

function f = split_line (ln)
% the fields of one CSV line (double-quoted fields may hold commas and doubled quotes)
  f = {};  cur = '';  q = false;  k = 1;
  while (k <= numel (ln))
    ch = ln(k);
    if (q)
      if (ch == '"' && k < numel (ln) && ln(k+1) == '"')
        cur(end+1) = '"';  k = k + 1;
      elseif (ch == '"')
        q = false;
      else
        cur(end+1) = ch;
      end
    elseif (ch == '"')
      q = true;
    elseif (ch == ',')
      f{end+1} = cur;  cur = '';
    else
      cur(end+1) = ch;
    end
    k = k + 1;
  end
  f{end+1} = cur;
end
