function s = bench_bytes (b)
% bench_bytes -- a byte count as text: 64K, 4M, 1G.
  if (b >= 2^30)
    s = sprintf ('%gG', b / 2^30);
  elseif (b >= 2^20)
    s = sprintf ('%gM', b / 2^20);
  else
    s = sprintf ('%gK', b / 2^10);
  end
end
