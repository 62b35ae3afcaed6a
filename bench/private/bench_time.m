function [n, tmed, out, times] = bench_time (f, target, reps, n0)
% bench_time -- median wall time of f(n), with n chosen so that one call takes ~target s.
%
%   [n, tmed, out, times] = bench_time (f, target, reps, n0)
%
% f(n) runs n iterations (or n repeats) and returns its result.  Starting from n0
% (default 1), n grows until a call takes at least target/5 s, then is scaled so that
% a call takes about target s; the call is then timed reps times.  tmed is the median
% of the reps times (vector times), out the result of the last call.

  if (nargin < 4)
    n0 = 1;
  end
  n = max (1, round (n0));
  while (true)
    t0 = tic ();  out = f (n);  t = toc (t0);
    if (t >= target / 5 || n >= 1e9)
      break;
    end
    n = n * min (100, max (2, ceil (target / 5 / max (t, 1e-6))));
  end
  n = max (1, round (n * target / max (t, 1e-9)));
  times = zeros (reps, 1);
  for k = 1:reps
    t0 = tic ();  out = f (n);  times(k) = toc (t0);
  end
  tmed = median (times);
end
