function s = bench_num (x)
% bench_num -- a number as a CSV field (empty for NaN).
  if (isempty (x) || isnan (x))
    s = '';
  elseif (x == round (x) && abs (x) < 1e15)
    s = sprintf ('%d', x);
  else
    s = sprintf ('%.6g', x);
  end
end
