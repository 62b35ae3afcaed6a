function s = bench_ifelse (c, a, b)
% bench_ifelse -- a if c is true, else b.
  if (c), s = a;  else, s = b;  end
end
