function ld_write_csv (file, header, data)
% -*- texinfo -*-
% @deftypefn {} {} ld_write_csv (@var{file}, @var{header}, @var{data})
% Write the numeric matrix @var{data} to the CSV file @var{file}, under one header
% line made of the column names in the cell array @var{header}.
%
% Numbers are written with 17 significant digits (enough to read back every double
% exactly); NaN and Inf are written as @code{NaN}, @code{Inf}, @code{-Inf}.  The demos
% use it to save the numbers behind each figure (their tests read the files back:
% private functions cannot hold tests of their own).  Errors:
% @code{lindyn:ld_write_csv:header} (not one name per column),
% @code{lindyn:ld_write_csv:file} (cannot open @var{file}).
% @end deftypefn

  if (~ iscellstr (header) || numel (header) ~= size (data, 2))
    error ('lindyn:ld_write_csv:header', ...
           'ld_write_csv: header must be a cell array with one name per column (%d)', size (data, 2));
  end
  [fid, msg] = fopen (file, 'w');
  if (fid < 0)
    error ('lindyn:ld_write_csv:file', 'ld_write_csv: cannot open %s: %s', file, msg);
  end
  fprintf (fid, '%s\n', strjoin (header, ','));
  if (~ isempty (data))
    fmt = [repmat('%.17g,', 1, size (data, 2) - 1), '%.17g\n'];
    fprintf (fid, fmt, double (data)');
  end
  fclose (fid);
end
