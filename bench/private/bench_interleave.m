function T = bench_interleave (im, reps, beside)
% bench_interleave -- time implementations in turn, reps times, so that a change of the
% shared machine's load hits all of them alike.
%
%   T = bench_interleave (im, reps [, beside])
%
% im(j).t(n) returns [wall, cpu] seconds of n iterations of implementation j; each
% repetition times every im(j) at 0 iterations (the fixed per-call cost) and at im(j).n.
% im(j).zero, when the field is there and neither 0 nor j, is another implementation
% whose time at 0 stands for j's (the same call with more records: one slow call saved).  beside(), when given, runs at the start of each
% repetition and returns a number (e.g. a dgemm's time, measured beside the case).
% T.tn, T.t0 (wall), T.un, T.u0 (CPU) are reps-by-numel(im), T.beside reps-by-1.
% T.s is the per-iteration wall cost, the median over the repeats of the paired
% difference (time at n - time at 0) / n (where that is not positive, the noise is larger
% than the growing part: the median time at n / n); T.su the same from CPU time (NaN
% where not positive); T.tmed, T.cmed the median times at n and at 0.
  nim = numel (im);
  T.tn = zeros (reps, nim);  T.t0 = zeros (reps, nim);
  T.un = T.tn;  T.u0 = T.t0;  T.beside = NaN (reps, 1);
  zero = 1:nim;
  if (isfield (im, 'zero'))
    zero = [im.zero];
    zero(zero == 0) = find (zero == 0);
  end
  for k = 1:reps
    if (nargin > 2)
      T.beside(k) = beside ();
    end
    for j = 1:nim
      if (zero(j) == j)
        [T.t0(k,j), T.u0(k,j)] = im(j).t (0);
      end
      [T.tn(k,j), T.un(k,j)] = im(j).t (im(j).n);
    end
  end
  T.t0 = T.t0(:,zero);  T.u0 = T.u0(:,zero);
  n = [im.n];
  T.tmed = median (T.tn, 1);  T.cmed = median (T.t0, 1);
  T.s = median (T.tn - T.t0, 1) ./ n;
  bad = T.s <= 0;
  T.s(bad) = T.tmed(bad) ./ n(bad);
  T.su = median (T.un - T.u0, 1) ./ n;
  T.su(T.su <= 0) = NaN;
end
