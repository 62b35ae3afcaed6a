function [n, c] = bench_calibrate (f, target, n0)
% bench_calibrate -- iterations n for which the part of f(n) that grows with n takes
% about target seconds.
%
%   [n, c] = bench_calibrate (f, target, n0)
%
% f(n) runs n iterations; c is the time of f(0) (the fixed per-call cost, the smaller of
% two calls after a warm-up call).  Starting from n0, n grows until f(n) - c takes at
% least a fifth of the aim, then is scaled to the aim.  The aim is target, raised to c
% (at most 10 target) when the fixed cost is larger, so that the per-iteration cost is
% not lost in the noise of the fixed cost.
  f (0);
  c = Inf;
  for k = 1:2
    t0 = tic ();  f (0);  c = min (c, toc (t0));
  end
  aim = min (max (target, c), 10 * target);
  n = max (1, round (n0));
  while (true)
    t0 = tic ();  f (n);  t = toc (t0) - c;
    if (t >= aim / 5 || n >= 1e9)
      break;
    end
    n = n * min (100, max (2, ceil (aim / 5 / max (t, 1e-6))));
  end
  n = max (1, round (n * aim / t));
end
