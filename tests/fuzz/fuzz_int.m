function r = fuzz_int (a, b, m, n)
% r = fuzz_int (n) or fuzz_int (lo, hi) or fuzz_int (lo, hi, m, n) -- random integers
% in 1..n or lo..hi from rand (): randi's argument checks cost a quarter of a
% millisecond per call, more than half of the fuzzer's time.
  if (nargin == 1)
    r = 1 + floor (rand () * a);
  elseif (nargin == 2)
    r = a + floor (rand () * (b - a + 1));
  else
    r = a + floor (rand (m, n) * (b - a + 1));
  end
end
