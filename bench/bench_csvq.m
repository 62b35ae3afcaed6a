function s = bench_csvq (s)
% bench_csvq -- a string as a CSV field: quoted when it holds a comma, quote or newline.
  s = strrep (s, sprintf ('\n'), ' ');
  if (any (s == ',') || any (s == '"'))
    s = ['"', strrep(s, '"', '""'), '"'];
  end
end
