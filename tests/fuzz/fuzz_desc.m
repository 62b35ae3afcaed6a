function s = fuzz_desc (v)
% s = fuzz_desc (v) -- a short, readable description of a value (or a cell of arguments
% when v is a cell), for the fuzzer's reports: small arrays in full, large ones by class,
% size and special values.

  if (iscell (v))
    parts = cell (1, numel (v));
    for j = 1:numel (v)
      parts{j} = fuzz_desc (v{j});
    end
    s = ['{' strjoin(parts, ', ') '}'];
    if (~ isequal (size (v), [1 numel(v)]) && ~ isempty (v))
      s = sprintf ('cell %s %s', size_str (v), s);
    end
    return;
  end
  sz = size_str (v);
  if (isa (v, 'function_handle'))
    s = func2str (v);
  elseif (isstruct (v))
    f = fieldnames (v);
    s = sprintf ('struct %s {%s}', sz, strjoin (f', ','));
  elseif (ischar (v))
    if (rows (v) <= 1 && numel (v) <= 40)
      s = ['''' strrep(v, char(0), '\0') ''''];
    else
      s = sprintf ('char %s', sz);
    end
  elseif (isnumeric (v) || islogical (v))
    c = class (v);
    if (issparse (v))
      c = ['sparse ' c];
    end
    if (~ isreal (v))
      c = ['complex ' c];
    end
    if (numel (v) <= 6 && ndims (v) == 2)
      x = full (v);
      if (isinteger (x))
        x = double (x);
      end
      s = sprintf ('%s %s', c, mat2str (x, 4));
    else
      if (issparse (v))
        x = double (nonzeros (v));         % never full (): sparse (1e9, 1) is 8 GB full
      elseif (numel (v) > 1e7)
        x = double ([v(1); v(2); v(end)]);  % a lazy range (0:1e9): never expand it
      else
        x = double (v(:));
      end
      flags = '';
      if (any (isnan (x)))
        flags = [flags ' NaN'];
      end
      if (any (isinf (x)))
        flags = [flags ' Inf'];
      end
      if (isempty (x))
        s = sprintf ('%s %s', c, sz);
      else
        s = sprintf ('%s %s max|.|=%.3g%s', c, sz, max (abs (x(isfinite (x)))), flags);
      end
    end
  else
    s = sprintf ('%s %s', class (v), sz);
  end
end

function s = size_str (v)
  s = sprintf ('%dx', size (v));
  s = s(1:end-1);
end
