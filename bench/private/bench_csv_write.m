function bench_csv_write (file, header, tbl)
% bench_csv_write -- the results CSV: the header lines (each prefixed "# "), the column
% titles, one line per row of tbl (a cell of bench_row structs); numbers with 6
% significant digits (empty for NaN), text quoted when it holds a comma or a quote.
  cols = fieldnames (bench_row ());
  fid = fopen (file, 'w');
  if (fid < 0)
    error ('bench_csv_write: cannot write %s', file);
  end
  for k = 1:numel (header)
    fprintf (fid, '# %s\n', header{k});
  end
  fprintf (fid, '%s\n', strjoin (cols', ','));
  for k = 1:numel (tbl)
    r = tbl{k};
    f = cell (1, numel (cols));
    for j = 1:numel (cols)
      v = r.(cols{j});
      if (ischar (v))
        f{j} = quote (v);
      else
        f{j} = num (v);
      end
    end
    fprintf (fid, '%s\n', strjoin (f, ','));
  end
  fclose (fid);
end

function s = num (x)
  if (isempty (x) || isnan (x))
    s = '';
  elseif (x == round (x) && abs (x) < 1e15)
    s = sprintf ('%d', x);
  else
    s = sprintf ('%.6g', x);
  end
end

function s = quote (s)
  s = strrep (s, sprintf ('\n'), ' ');
  if (any (s == ',') || any (s == '"'))
    s = ['"', strrep(s, '"', '""'), '"'];
  end
end
