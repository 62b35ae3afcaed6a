function out = bench_repeat (n, f)
% bench_repeat -- call f () n times, return the last result (to time fast calls).
  for k = 1:n
    out = f ();
  end
end
