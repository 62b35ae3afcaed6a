function [t, u] = bench_tictoc (f, n)
% bench_tictoc -- wall and CPU seconds (cputime: the process, all threads) of one call
% f(n).
  u = cputime ();  t0 = tic ();  f (n);  t = toc (t0);  u = cputime () - u;
end
