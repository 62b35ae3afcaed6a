function rf = bench_roof (L, d, p, r, lim, nthreads)
% bench_roof -- the roofline limit of one iteration of eq. 5 at widths d, r, ..., r, p:
% max(flops / rate, bytes / bandwidth) on nthreads (1: one core's rates, else all
% cores'), with the bandwidth interpolated (in log size) at the working set.
%
%   rf = bench_roof (L, d, p, r, lim, nthreads)
%
% flops: bench_flops.  Bytes (rf.bytes): the compulsory traffic of one iteration, Sx and
% Sxy read once, every factor read once and written once; working set (rf.ws): Sx, Sxy
% and the factors.  rf.t in seconds, rf.fl the flops, rf.note says which bound binds.
  w = [d, r * ones(1, L - 1), p];
  nw = sum (w(1:end-1) .* w(2:end));
  rf.fl = bench_flops (L, d, p, r);
  rf.bytes = 8 * (d * d + d * p + 2 * nw);
  rf.ws = 8 * (d * d + d * p + nw);
  if (nthreads == 1)
    rate = lim.rate1;  bw = lim.bw1;
  else
    rate = lim.rateN;  bw = lim.bwN;
  end
  b = bw_at (rf.ws, lim.bw_sizes, bw);
  tf = rf.fl / (rate * 1e9);  tb = rf.bytes / (b * 1e9);
  if (isnan (tb)), tb = 0;  end
  rf.t = max (tf, tb);
  rf.note = sprintf (['roofline: max(%.4g flop / %.4g GFLOP/s, %.4g bytes (Sx, Sxy, W read, ', ...
                      'W written) / %.3g GB/s at the %s working set, %d threads) = %s bound'], ...
                     rf.fl, rate, rf.bytes, b, bench_bytes (rf.ws), nthreads, ...
                     bench_ifelse (tf >= tb, 'compute', 'memory'));
end

function b = bw_at (ws, sizes, bw)
% the bandwidth at working set ws, interpolated linearly in log size between the
% measured sizes (the ends beyond them)
  ok = ~ isnan (bw);
  if (~ any (ok))
    b = NaN;  return;
  end
  x = log (sizes(ok));  y = bw(ok);
  b = interp1 (x, y, min (max (log (ws), x(1)), x(end)));
end
