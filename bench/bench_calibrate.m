function [n, c] = bench_calibrate (f, target, n0)
% bench_calibrate -- iterations n for which the part of f(n) that grows with n takes
% about target seconds.
%
%   [n, c] = bench_calibrate (f, target, n0)
%
% f(n) runs n iterations; c is the time of f(0) (the fixed per-call cost, measured after
% one warm-up call).  Starting from n0, n grows until f(n) - c takes at least target/5 s,
% then is scaled to target.
  f (0);
  t0 = tic ();  f (0);  c = toc (t0);
  n = max (1, round (n0));
  while (true)
    t0 = tic ();  f (n);  t = toc (t0) - c;
    if (t >= target / 5 || n >= 1e9)
      break;
    end
    n = n * min (100, max (2, ceil (target / 5 / max (t, 1e-6))));
  end
  n = max (1, round (n * target / t));
end
