function [m, s] = fuzz_max_number (v)
% [m, s] = fuzz_max_number (v) -- the largest finite magnitude m of a number anywhere in
% v (numeric and logical arrays, inside cells and struct fields; 0 if none) and the
% smallest nonzero one s (Inf if none).  The fuzzer uses them to tell a list that asks
% for a lot (an iteration count of 1e9, a time of 1e150, a step size of 1e-8 that needs
% 1e8 iterations) -- which may legitimately run long -- from one that should be quick.
  m = 0;
  s = Inf;
  if (iscell (v))
    for j = 1:numel (v)
      [mj, sj] = fuzz_max_number (v{j});
      m = max (m, mj);
      s = min (s, sj);
    end
  elseif (isstruct (v))
    c = struct2cell (v);
    [m, s] = fuzz_max_number (c(:)');
  elseif ((isnumeric (v) || islogical (v)) && ~ isempty (v))
    if (issparse (v))
      x = abs (double (nonzeros (v)));
    elseif (numel (v) > 1e7)
      x = abs (double ([v(1); v(2); v(end)]));   % a lazy range (0:1e9): never expand it
    else
      x = abs (double (v(:)));
    end
    x = x(isfinite (x));
    if (~ isempty (x))
      m = max (x);
    end
    x = x(x > 0);
    if (~ isempty (x))
      s = min (x);
    end
  end
end
