function m = fuzz_max_number (v)
% m = fuzz_max_number (v) -- the largest finite magnitude of a number anywhere in v
% (numeric and logical arrays, inside cells and struct fields; 0 if none).  The fuzzer
% uses it to tell a list that asks for a lot (an iteration count of 1e9, a time of
% 1e150) -- which may legitimately run long -- from one that should be quick.
  m = 0;
  if (iscell (v))
    for j = 1:numel (v)
      m = max (m, fuzz_max_number (v{j}));
    end
  elseif (isstruct (v))
    c = struct2cell (v);
    m = fuzz_max_number (c(:)');
  elseif ((isnumeric (v) || islogical (v)) && ~ isempty (v))
    if (issparse (v))
      x = abs (double (nonzeros (v)));
    else
      x = abs (double (v(:)));
    end
    x = x(isfinite (x));
    if (~ isempty (x))
      m = max (x);
    end
  end
end
