function ld_sweep_csv (file, T)
% -*- texinfo -*-
% @deftypefn {} {} ld_sweep_csv (@var{file}, @var{T})
% Write the table @var{T} of a sweep (a struct of columns, see @code{ld_sweep_table}) to
% the CSV file @var{file}, atomically (a temporary file renamed over it), one header
% line of column names then one line per point.  Numbers are written with 17
% significant digits (every double reads back exactly), NaN and Inf as @code{NaN},
% @code{Inf}, @code{-Inf}; strings in double quotes, a double quote inside doubled
% (RFC 4180); line breaks in strings (error messages) become spaces.  The column
% @code{R} (the results) is left out.  Error @code{lindyn:sweep:folder} when the file
% cannot be written.
% @end deftypefn

  names = fieldnames (T)';
  names = names(~ strcmp (names, 'R'));
  n = numel (T.point);
  q = char (34);                                  % the double quote
  cells = cell (n, numel (names));
  for j = 1:numel (names)
    col = T.(names{j});
    if (iscell (col))
      for k = 1:n
        s = regexprep (col{k}, '[\r\n]+', ' ');
        cells{k, j} = [q, strrep(s, q, [q q]), q];
      end
    else
      for k = 1:n
        cells{k, j} = sprintf ('%.17g', col(k));
      end
    end
  end
  [host, pid] = ld_sweep_host ();
  tmp = sprintf ('%s.tmp.%s.%d', file, host, pid);
  [fid, msg] = fopen (tmp, 'w');
  if (fid < 0)
    error ('lindyn:sweep:folder', 'sweep: cannot write %s: %s', file, msg);
  end
  fprintf (fid, '%s\n', strjoin (names, ','));
  for k = 1:n
    fprintf (fid, '%s\n', strjoin (cells(k, :), ','));
  end
  fclose (fid);
  if (exist ('OCTAVE_VERSION', 'builtin'))
    [err, msg] = rename (tmp, file);
    if (err ~= 0)
      delete (tmp);
      error ('lindyn:sweep:folder', 'sweep: cannot write %s: %s', file, msg);
    end
  else
    movefile (tmp, file, 'f');
  end
end
