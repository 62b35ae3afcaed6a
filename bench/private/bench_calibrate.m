function [n, c] = bench_calibrate (f, target, n0)
% bench_calibrate -- iterations n for which the part of a call that grows with n takes
% about target seconds.
%
%   [n, c] = bench_calibrate (t, target, n0)
%
% t(n) runs n iterations and returns their wall time in seconds (bench_tictoc around an
% Octave call, or the time a peer measured inside Python); c is the time at n = 0 (the
% fixed per-call cost, the smaller of two calls after a warm-up call).  Starting from n0,
% n grows until t(n) - c takes at least a fifth of the aim, then is scaled to the aim.
% The aim is target, raised to c (at most 10 target) when the fixed cost is larger, so
% that the per-iteration cost is not lost in the noise of the fixed cost.
  f (0);
  c = Inf;
  for k = 1:2
    c = min (c, f (0));
  end
  aim = min (max (target, c), 10 * target);
  n = max (1, round (n0));
  while (true)
    t = f (n) - c;
    if (isnan (t) || t >= aim / 5 || n >= 1e9)
      break;
    end
    n = n * min (100, max (2, ceil (aim / 5 / max (t, 1e-6))));
  end
  if (isnan (t)), t = aim;  end
  n = max (1, round (n * aim / max (t, 1e-9)));
end
