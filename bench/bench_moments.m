function [tbl, smr] = bench_moments (cfg, tbl, which, n)
% bench_moments -- second_moments (X, Y) against X'*X/n, X'*Y/n (rows: section
% "moments") on the MNIST shape (cfg.X, cfg.Y: 60000 x 784, 5000 rows in quick mode,
% p = 10 one-hot Y), X double, single and uint8 (uint8: double (X) first, as Octave has
% no integer matrix product; single: computed in single, as Octave does); one call each,
% in turn, reps times (ratio = reference time / second_moments time), rel_diff against
% the double reference, and mem_mb the peak extra memory of each call in a child
% octave-cli (VmHWM after the call minus VmRSS before it, the peak reset before the
% call), to compare with one copy of X in double.  smr(k): cls, ratio, mem, copy (MB).
%
%   bench_moments ('--child', CLASS, WHICH, N)   the child: loads the first N rows as
%                                   CLASS, resets the peak resident set
%                                   (/proc/self/clear_refs), runs second_moments
%                                   (WHICH 'second_moments') or the reference, prints
%                                   "EXTRA_KB <VmHWM after - VmRSS before>"
%   bench_moments ('--profile-case', CLASS, CALLS)   CALLS calls of second_moments on the
%                                   60000 MNIST rows as CLASS, for bench/profile.sh
  if (ischar (cfg))
    if (strcmp (cfg, '--child'))
      child (tbl, which, n);
    else
      profile_case (tbl, which);
    end
    return;
  end
  smr = struct ('cls', {}, 'ratio', {}, 'mem', {}, 'copy', {});
  Xm = cfg.X;  Ym = cfg.Y;
  nsm = size (Xm, 1);
  Xd = double (Xm);
  Sx0 = Xd' * Xd / nsm;  Sxy0 = Xd' * Ym / nsm;          % the reference, in double
  for cl = {'double', 'single', 'uint8'}
    cls = cl{1};
    sz = sprintf ('%dx%d %s, p=%d', nsm, size (Xm, 2), cls, size (Ym, 2));
    if (~ cfg.have ('second_moments'))
      tbl = bench_add (tbl, 'section', 'moments', 'case', 'second_moments', 'size', sz, ...
                       'impl', 'second_moments', 'status', 'n/a', 'note', [cfg.NA ': second_moments']);
      continue;
    end
    switch (cls)
      case 'double', Xc = Xd;
      case 'single', Xc = single (Xd);
      case 'uint8',  Xc = Xm;
    end
    fS = @() second_moments (Xc, Ym);
    fR = @() reference (Xc, Ym);
    fS ();  fR ();                                   % warm-up
    tt = zeros (cfg.reps, 2);
    for k = 1:cfg.reps
      t0 = tic ();  [S1, S2] = fS ();  tt(k,1) = toc (t0);
      t0 = tic ();  [R1, R2] = fR ();  tt(k,2) = toc (t0);
    end
    eS = max (norm (S1 - Sx0, 'fro') / norm (Sx0, 'fro'), norm (S2 - Sxy0, 'fro') / norm (Sxy0, 'fro'));
    eR = max (norm (double (R1) - Sx0, 'fro') / norm (Sx0, 'fro'), norm (double (R2) - Sxy0, 'fro') / norm (Sxy0, 'fro'));
    memS = child_mb (cfg.top, cls, 'second_moments', nsm);
    memR = child_mb (cfg.top, cls, 'reference', nsm);
    copy = nsm * size (Xm, 2) * 8 / 2^20;
    tS = median (tt(:,1));  tR = median (tt(:,2));
    tol = bench_ifelse (strcmp (cls, 'single'), 1e-6, 1e-12);   % single: X's rounding is the input's
    tbl = bench_add (tbl, 'section', 'moments', 'case', 'reference', 'size', sz, ...
                     'impl', bench_ifelse (strcmp (cls, 'uint8'), 'double(X); X''*X/n, X''*Y/n', 'X''*X/n, X''*Y/n'), ...
                     'iterations', 1, 'seconds', tR, 'us_per_iter', 1e6 * tR, 'ratio', 1, ...
                     'ref', 'reference', 'rel_diff', eR, 'mem_mb', memR, ...
                     'status', bench_ifelse (strcmp (cls, 'single'), 'ok', bench_check (eR, tol)), ...
                     'note', sprintf ('X from %s; mem_mb: peak extra memory of the call (one copy of X in double: %.0f MB)%s', ...
                                      cfg.msrc, copy, bench_ifelse (strcmp (cls, 'single'), '; computed in single', '')));
    tbl = bench_add (tbl, 'section', 'moments', 'case', 'second_moments', 'size', sz, ...
                     'impl', 'second_moments', 'iterations', 1, 'seconds', tS, ...
                     'us_per_iter', 1e6 * tS, 'ratio', tR / tS, 'ref', 'reference', ...
                     'rel_diff', eS, 'mem_mb', memS, 'status', bench_check (eS, tol), ...
                     'note', sprintf ('rel_diff against X''*X/n, X''*Y/n in double; mem_mb: peak extra memory (one copy of X in double: %.0f MB)', copy));
    smr(end+1) = struct ('cls', cls, 'ratio', tR / tS, 'mem', memS, 'copy', copy);
  end
end

function [Sx, Sxy] = reference (X, Y)
% what a user writes: X'*X/n, X'*Y/n (integers: double (X) first)
  if (isinteger (X))
    X = double (X);
  end
  n = size (X, 1);
  Sx = X' * X / n;
  Sxy = X' * Y / n;
end

function mb = child_mb (top, cls, which, n)
% peak extra memory (MB) of one call in a child octave-cli; NaN when the child fails
  [st, txt] = bench_child (top, sprintf ('run_bench (''--sm-child'', ''%s'', ''%s'', %d)', ...
                                         cls, which, n));
  kb = regexp (txt, 'EXTRA_KB (\d+)', 'tokens', 'once');
  if (st == 0 && ~ isempty (kb))
    mb = str2double (kb{1}) / 1024;
  else
    mb = NaN;
  end
end

function child (cls, which, n)
  if (ischar (n)), n = str2double (n);  end
  top = fileparts (fileparts (mfilename ('fullpath')));
  [X, Y] = bench_mnist (top, n);
  switch (cls)
    case 'double', X = double (X);
    case 'single', X = single (X);
  end
  before = bench_status_kb ('VmRSS');
  fid = fopen ('/proc/self/clear_refs', 'w');
  if (fid >= 0), fputs (fid, '5');  fclose (fid);  end
  if (strcmp (which, 'second_moments'))
    [Sx, Sxy] = second_moments (X, Y);
  else
    [Sx, Sxy] = reference (X, Y);
  end
  after = bench_status_kb ('VmHWM');
  printf ('EXTRA_KB %d\n', max (0, after - before));
end

function profile_case (cls, calls)
  if (ischar (calls)), calls = str2double (calls);  end
  top = fileparts (fileparts (mfilename ('fullpath')));
  [X, Y, src] = bench_mnist (top, 60000);
  if (~ strcmp (cls, 'uint8')), X = cast (X, cls);  end
  t0 = tic ();
  for k = 1:calls
    [Sx, Sxy] = second_moments (X, Y);
  end
  printf ('moments-%s: %d calls of second_moments on %s (%s), %.3f s per call\n', cls, calls, ...
          src, cls, toc (t0) / calls);
end
