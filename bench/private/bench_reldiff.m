function e = bench_reldiff (F, G)
% bench_reldiff -- largest relative Frobenius difference between two cells of factors
% (or two matrices): max_l ||F{l} - G{l}||_F / ||G{l}||_F; NaN when the shapes differ.
  if (~ iscell (F)), F = {F};  end
  if (~ iscell (G)), G = {G};  end
  if (numel (F) ~= numel (G))
    e = NaN;
    return;
  end
  e = 0;
  for l = 1:numel (G)
    if (~ isequal (size (F{l}), size (G{l})))
      e = NaN;
      return;
    end
    e = max (e, norm (F{l} - G{l}, 'fro') / max (norm (G{l}, 'fro'), realmin));
  end
end
