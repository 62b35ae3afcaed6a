% run_bench.m -- lindyn's benchmarks (issue 7), side by side in one Octave process.
%
%   make bench                       full run (a few minutes), writes bench/results.csv
%   make bench BENCH_QUICK=1         quick check of the harness (< 1 min), writes
%                                    bench/results-quick.csv
%   octave-cli --no-gui -q bench/run_bench.m [quick] [OUTFILE]
%
% For every case, in the same process and on the same Sx, Sxy and initialization:
%   A      the plain Octave loop of eq. 5 (bench/bench_plain_gd.m), the code a user would
%          otherwise write; the package's result is checked against it (rel_diff);
%   B      the arithmetic limit: flops of one iteration (bench/bench_flops.m) divided by
%          the dgemm rate measured at the start of the run on a large square product;
%   core   the C core through its gateway __lindyn_gd__ (no recording, no .m driver);
%   pkg    the public function (gd_linear for L = 1, gd_deep for L >= 2) without
%          recording (one record, at the end, no SVD), and "pkg+rec" with 200 records
%          including nuclear norms and the top singular values.
% Then gd_linear_closed and flow_linear at 200 time points against iterating, peak memory
% of 1e3 vs 1e6 iterations (child processes), eta sweeps, and the targets of issue 7.
% Iteration counts are chosen so that one timing takes ~0.3 s (0.02 s in quick mode);
% each timing is the median of 5 runs (3 in quick mode).  A function that is not in
% this tree gives "n/a (function not available)" rows.
%
% Columns of the CSV (lines starting with # are the machine header):
%   section     gd | bound | closed | memory | sweep | target
%   case        what is measured (e.g. "L=2", or the target's statement)
%   size        d, p, r (r = width of the hidden factors)
%   impl        A | B | core | pkg | pkg+rec | the function timed
%   iterations  iterations per timed call (repeats for closed forms)
%   seconds     median wall time of one timed call
%   us_per_iter microseconds per iteration: for gd rows the part that grows with iters,
%               median over the repeats of (time at n - time at 0) / n (per call for
%               closed forms)
%   ratio       ref's time per iteration / this row's (speed-up over ref); for memory
%               rows the peak difference in MB; for targets the measured value
%   ref         what ratio compares with
%   gflops      achieved GFLOP/s (flops of bench_flops.m per iteration)
%   frac_dgemm  gflops / the dgemm rate (baseline B), measured beside each case (an
%               n=1000 product timed in the same interleaved loop) so that the load of
%               the shared machine hits both alike
%   rel_diff    max over factors of ||F - F_A||_F / ||F_A||_F against baseline A (same
%               iterations, same start), or closed form vs iterating
%   mem_mb      peak resident memory (VmHWM) of a child process
%   cpu_us_per_iter, ratio_cpu  the same as us_per_iter and ratio from the CPU time of
%               the process (cputime, all threads) instead of wall time: steadier on a
%               shared, oversubscribed machine for single-threaded work; inflated where
%               OpenBLAS threads spin
%   overhead_ms fixed cost of one call (median time of a call with iters = 0): argument
%               checks, W* = pinv(Sx)*Sxy, setting up the records
%   status      ok | n/a | met | NOT MET
%   note        details

top = fileparts (fileparts (mfilename ('fullpath')));
addpath (fullfile (top, 'src'));
addpath (fullfile (top, 'inst'));
addpath (fullfile (top, 'bench'));
more off;

% ------------------------------------------------------------------ settings
args = argv ();
quick = any (strcmpi (args, 'quick'));
env = getenv ('BENCH_QUICK');
if (~ isempty (env) && ~ any (strcmp (env, {'0', 'no', 'false'})))
  quick = true;
end
outfile = '';
for k = 1:numel (args)
  if (~ strcmpi (args{k}, 'quick') && ~ isempty (strfind (args{k}, '.csv')))
    outfile = args{k};
  end
end
if (quick)
  target = 0.02;  reps = 3;  ngemm = 1000;  sweep_iters = 300;
  mem_iters = [1e3, 1e5];  rec_iters = 1e4;  closed_tmax = 1e4;
  if (isempty (outfile)), outfile = fullfile (top, 'bench', 'results-quick.csv');  end
else
  target = 0.3;  reps = 5;  ngemm = 2000;  sweep_iters = 1e4;
  mem_iters = [1e3, 1e6];  rec_iters = 1e5;  closed_tmax = 1e5;
  if (isempty (outfile)), outfile = fullfile (top, 'bench', 'results.csv');  end
end
have_core = exist ('__lindyn_gd__') == 3;
have = @(f) exist (f) == 2 || exist (f) == 3;
NA = 'n/a (function not available)';

% ------------------------------------------------------------------ machine
cpuinfo = fileread ('/proc/cpuinfo');
tok = regexp (cpuinfo, 'model name\s*:\s*([^\n]*)', 'tokens', 'once');
cpu = 'unknown';
if (~ isempty (tok)), cpu = strtrim (tok{1});  end
ncores = nproc ();
blas_cfg = '';  blas_threads = -1;  blas_core = '';
bdir = tempname ();  mkdir (bdir);
[st, txt] = system (sprintf ('cd "%s" && "%s" --mex -o bench_blasinfo.mex "%s" -ldl 2>&1', ...
                             bdir, fullfile (OCTAVE_HOME (), 'bin', 'mkoctfile'), ...
                             fullfile (top, 'bench', 'bench_blasinfo.c')));
if (st == 0)
  addpath (bdir);
  [blas_cfg, blas_threads, blas_core] = bench_blasinfo ();
  rmpath (bdir);
end
if (isempty (blas_cfg))
  blas_cfg = 'not OpenBLAS (or not found)';
end
[~, gitrev] = system (sprintf ('cd "%s" && git rev-parse --short HEAD 2>/dev/null', top));
[~, loadavg] = system ('cat /proc/loadavg');
[~, utc] = system ('date -u "+%Y-%m-%d %H:%M"');
header = {sprintf('lindyn benchmark (%s mode), %s UTC, commit %s', ...
                  bench_ifelse (quick, 'quick', 'full'), strtrim (utc), strtrim (gitrev)), ...
          sprintf('CPU: %s, %d cores (nproc)', cpu, ncores), ...
          sprintf('BLAS: %s; threads %d; core %s', strtrim (blas_cfg), blas_threads, blas_core), ...
          sprintf('Octave %s; OPENBLAS_NUM_THREADS=%s; load average at start: %s', OCTAVE_VERSION, ...
                  bench_ifelse (isempty (getenv ('OPENBLAS_NUM_THREADS')), 'unset', getenv ('OPENBLAS_NUM_THREADS')), strtrim (loadavg)), ...
          sprintf('timing: median of %d runs of ~%.2g s each', reps, target)};
printf ('%s\n', header{:});
printf ('\n');

% ------------------------------------------------------------------ dgemm rate (B)
Ag = randn (ngemm);  Bg = randn (ngemm);
Cg = Ag * Bg;                                   % warm-up (threads, pages)
tg = zeros (reps, 1);
for k = 1:reps
  t0 = tic ();  Cg = Ag * Bg;  tg(k) = toc (t0);
end
gemm_rate = 2 * ngemm^3 / median (tg) / 1e9;   % GFLOP/s
ncase = min (ngemm, 1000);           % per-case dgemm size (rate measured beside each case)
Ag = randn (ncase);  Bg = randn (ncase);
tbl = {};
tbl{end+1} = bench_row ('bound', 'dgemm rate', sprintf ('n=%d', ngemm), 'dgemm', 1, ...
                         median (tg), median (tg) * 1e6, NaN, '', gemm_rate, 1, NaN, NaN, ...
                         'ok', 'Octave A*B on n-by-n random matrices: the rate of baseline B', NaN);
bench_print (tbl{end}, true);

% ------------------------------------------------------------------ GD cases
% Per case: A, core, pkg are calibrated separately (iterations so that the part of a
% call that grows with iters takes ~target s), then timed interleaved (A, core, pkg,
% pkg+rec, each also at iters = 0 for the fixed per-call cost), reps times, so that a
% load change on the shared machine hits all of them.  Per-iteration cost = (median
% time at n - median time at 0) / n; the fixed cost is reported as overhead_ms.
cases = [1 8 8 8; 1 20 20 20; 1 64 64 64; 1 256 256 256; 1 784 10 784; ...
         2 8 8 8; 2 20 20 20; 2 64 64 64; 2 256 256 256; 2 784 10 784; ...
         3 64 64 64];
if (quick)                       % the harness check: sizes up to 64 only
  cases = cases(cases(:,2) <= 64, :);
end
gd = struct ('L', {}, 'd', {}, 'p', {}, 'r', {}, 'sA', {}, 'sC', {}, 'sP', {}, 'sR', {}, ...
             'cP', {}, 'fl', {}, 'diff', {}, 'uA', {}, 'uC', {}, 'uP', {}, 'rate', {}, ...
             'noisyP', {}, 'sT', {});
for c = 1:size (cases, 1)
  L = cases(c,1);  d = cases(c,2);  p = cases(c,3);  r = cases(c,4);
  [Sx, Sxy, W0, eta] = bench_problem (L, d, p, r, c);
  fl = bench_flops (L, d, p, r);
  if (L == 1)
    sz = sprintf ('d=%d p=%d', d, p);  fn = 'gd_linear';
  else
    sz = sprintf ('d=%d p=%d r=%d', d, p, r);  fn = 'gd_deep';
  end
  cs = sprintf ('L=%d', L);
  g = struct ('L', L, 'd', d, 'p', p, 'r', r, 'sA', NaN, 'sC', NaN, 'sP', NaN, 'sR', NaN, ...
              'cP', NaN, 'fl', fl, 'diff', NaN, 'uA', NaN, 'uC', NaN, 'uP', NaN, 'rate', NaN, ...
              'noisyP', false, 'sT', NaN);

  % the implementations: name, f(n), calibrated n
  im = struct ('name', {}, 'f', {}, 'n', {}, 'note', {});
  fA = @(n) bench_plain_gd (Sx, Sxy, eta, n, W0);
  im(end+1) = struct ('name', 'A', 'f', fA, 'n', bench_calibrate (fA, target, 1), ...
                      'note', 'plain Octave loop of eq. 5');
  nA = im(1).n;
  if (have_core)
    Wstar = pinv (Sx) * Sxy;
    fC = @(n) __lindyn_gd__ (Sx, Sxy, Wstar, eta, W0, n, zeros (1, 0), Inf, 0, false, ...
                             [], false);
    im(end+1) = struct ('name', 'core', 'f', fC, 'n', bench_calibrate (fC, target, nA), ...
                        'note', '__lindyn_gd__ directly');
  end
  if (have (fn))
    fP = @(n) bench_call (fn, Sx, Sxy, eta, n, W0, 'record', n, 'nuclear', false, ...
                          'sv', 0, 'verbose', false);
    nP = bench_calibrate (fP, target, nA);
    im(end+1) = struct ('name', 'pkg', 'f', fP, 'n', nP, 'note', [fn ', no recording']);
    fR = @(n) bench_call (fn, Sx, Sxy, eta, n, W0, 'record', round (linspace (0, n, 200)), ...
                          'verbose', false);
    im(end+1) = struct ('name', 'pkg+rec', 'f', fR, 'n', nP, ...
                        'note', sprintf ('%s, %d records with nuclear norm and sv', fn, ...
                                         numel (unique (round (linspace (0, nP, 200))))));
  end
  tn = zeros (reps, numel (im));  t0s = zeros (reps, numel (im));
  un = tn;  u0s = t0s;               % CPU time of the process (all threads)
  tgc = zeros (reps, 1);
  for k = 1:reps
    tt = tic ();  Cg = Ag * Bg;  tgc(k) = toc (tt);   % the dgemm rate, beside the case
    for j = 1:numel (im)
      if (~ strcmp (im(j).name, 'pkg+rec'))   % its fixed cost is pkg's (saves a slow call)
        u = cputime ();  tt = tic ();  im(j).f (0);  t0s(k,j) = toc (tt);  u0s(k,j) = cputime () - u;
      end
      u = cputime ();  tt = tic ();  im(j).f (im(j).n);  tn(k,j) = toc (tt);  un(k,j) = cputime () - u;
    end
  end
  jP = find (strcmp ({im.name}, 'pkg'));  jR = find (strcmp ({im.name}, 'pkg+rec'));
  t0s(:,jR) = t0s(:,jP);  u0s(:,jR) = u0s(:,jP);
  tmed = median (tn, 1);  cmed = median (t0s, 1);
  s = median (tn - t0s, 1) ./ [im.n];  % paired: a call at n minus the call at 0 before it
  bad = s <= 0;                      % noise larger than the growing part: no subtraction
  s(bad) = tmed(bad) ./ [im.n](bad);
  su = median (un - u0s, 1) ./ [im.n];
  rate = 2 * ncase^3 / median (tgc) / 1e9;
  g.rate = rate;
  % the part that grows with iters must not be lost in the fixed cost's noise
  noisy = median (tn - t0s, 1) < 0.5 * cmed;
  su(su <= 0) = NaN;
  g.uA = su(1);
  nm = {im.name};
  g.sA = s(1);
  if (any (strcmp (nm, 'core')))
    g.sC = s(strcmp (nm, 'core'));  g.uC = su(strcmp (nm, 'core'));
  end
  if (any (strcmp (nm, 'pkg')))
    g.sP = s(strcmp (nm, 'pkg'));  g.cP = cmed(strcmp (nm, 'pkg'));  g.uP = su(strcmp (nm, 'pkg'));
    g.noisyP = noisy(strcmp (nm, 'pkg'));
    jP = find (strcmp (nm, 'pkg'));  jR = find (strcmp (nm, 'pkg+rec'));
    g.sR = s(jR);
  end

  % the check: same iterations (A's) from the same start
  WA = fA (nA);
  for j = 1:numel (im)
    switch (im(j).name)
      case 'A'
        e = NaN;  ratio = 1;  ref = 'A';  note = im(j).note;  sj = s(j);
      case 'core'
        out = im(j).f (nA);  e = bench_reldiff (out.factors, WA);
        ratio = g.sA / s(j);  ref = 'A';  note = im(j).note;  sj = s(j);
      case 'pkg'
        out = im(j).f (nA);  e = bench_reldiff (out.factors, WA);  g.diff = e;
        ratio = g.sA / s(j);  ref = 'A';  note = im(j).note;  sj = s(j);
        if (noisy(j))
          note = sprintf (['%s; per-iteration UNRELIABLE: the fixed cost (%.0f ms) exceeds ', ...
                           'twice the part that grows with iters'], note, 1e3 * cmed(j));
        end
      case 'pkg+rec'
        e = NaN;  sj = g.sR;  ratio = tmed(jP) / tmed(jR);  ref = 'pkg (same iters)';
        note = sprintf ('%s; recording +%.0f%% at %d iterations', im(j).note, ...
                        100 * (tmed(jR) / tmed(jP) - 1), im(j).n);
    end
    tbl{end+1} = bench_row ('gd', cs, sz, im(j).name, im(j).n, tmed(j), 1e6 * sj, ratio, ...
                            ref, fl / sj / 1e9, fl / sj / 1e9 / rate, e, NaN, ...
                            bench_check (e), note, 1e3 * cmed(j));
    tbl{end}.cpu_us_per_iter = 1e6 * su(j);
    if (~ strcmp (im(j).name, 'pkg+rec'))
      tbl{end}.ratio_cpu = g.uA / su(j);
    end
    bench_print (tbl{end});
    if (strcmp (im(j).name, 'A'))
      sB = fl / (rate * 1e9);
      tbl{end+1} = bench_row ('gd', cs, sz, 'B', NaN, NaN, 1e6 * sB, g.sA / sB, 'A', ...
                              rate, 1, NaN, NaN, 'ok', ...
                              sprintf ('%.4g flop/iteration at the dgemm rate measured beside this case (n=%d)', fl, ncase), NaN);
      bench_print (tbl{end});
    end
  end
  if (~ have_core)
    tbl{end+1} = bench_row ('gd', cs, sz, 'core', NaN, NaN, NaN, NaN, 'A', NaN, NaN, NaN, ...
                            NaN, 'n/a', [NA ': __lindyn_gd__'], NaN);
    bench_print (tbl{end});
  end
  if (~ have (fn))
    for nmj = {'pkg', 'pkg+rec'}
      tbl{end+1} = bench_row ('gd', cs, sz, nmj{1}, NaN, NaN, NaN, NaN, 'A', NaN, NaN, NaN, ...
                              NaN, 'n/a', [NA ': ' fn], NaN);
      bench_print (tbl{end});
    end
  end
  gd(end+1) = g;
end

% ------------------------------------------------------------------ recording overhead
% issue 7: 200 records (with nuclear norms) on a rec_iters-iteration run at d = 20
recov = struct ('L', {}, 'over', {});
for L = [2 1]
  [Sx, Sxy, W0, eta] = bench_problem (L, 20, 20, 20, 100 + L);
  fn = bench_ifelse (L == 1, 'gd_linear', 'gd_deep');
  cs = sprintf ('L=%d recording', L);  sz = 'd=p=r=20';
  if (have (fn))
    t0s = zeros (reps, 1);  t1s = zeros (reps, 1);
    recs = round (linspace (0, rec_iters, 200));
    for k = 1:reps                    % interleaved, so that load changes hit both
      t0 = tic ();
      bench_call (fn, Sx, Sxy, eta, rec_iters, W0, 'record', rec_iters, 'nuclear', false, ...
                  'sv', 0, 'verbose', false);
      t0s(k) = toc (t0);
      t0 = tic ();
      bench_call (fn, Sx, Sxy, eta, rec_iters, W0, 'record', recs, 'verbose', false);
      t1s(k) = toc (t0);
    end
    over = median (t1s) / median (t0s) - 1;
    recov(end+1) = struct ('L', L, 'over', over);
    tbl{end+1} = bench_row ('gd', cs, sz, 'pkg', rec_iters, median (t0s), ...
                             1e6 * median (t0s) / rec_iters, NaN, '', NaN, NaN, NaN, NaN, ...
                             'ok', [fn ', no recording'], NaN);
    bench_print (tbl{end});
    tbl{end+1} = bench_row ('gd', cs, sz, 'pkg+rec', rec_iters, median (t1s), ...
                             1e6 * median (t1s) / rec_iters, median (t0s) / median (t1s), ...
                             'pkg', NaN, NaN, NaN, NaN, 'ok', ...
                             sprintf ('%s, 200 records with nuclear norms: +%.1f%%', fn, 100 * over), NaN);
    bench_print (tbl{end});
  else
    tbl{end+1} = bench_row ('gd', cs, sz, 'pkg+rec', rec_iters, NaN, NaN, NaN, 'pkg', NaN, ...
                             NaN, NaN, NaN, 'n/a', [NA ': ' fn], NaN);
    bench_print (tbl{end});
  end
end

% ------------------------------------------------------------------ closed forms
% gd_linear_closed / flow_linear at 200 time points up to closed_tmax (d = 20; the
% d = 256 case, for scale, up to closed_tmax/50), against
% iterating (gd_linear with 200 snapshots at the same iterations)
closed = struct ('d', {}, 'ratio_gd', {}, 'ratio_flow', {});
dts = [20, 256; closed_tmax, closed_tmax / 50];
if (quick)
  dts = dts(:,1);
end
for dt = dts
  d = dt(1);  tmax = dt(2);
  [Sx, Sxy, W0, eta] = bench_problem (1, d, d, d, 200 + d);
  tt = unique (max (1, round ((1:200) * (tmax / 200))));
  sz = sprintf ('d=p=%d, %d t up to %g', d, numel (tt), tmax);
  cl = struct ('d', d, 'ratio_gd', NaN, 'ratio_flow', NaN);
  tI = NaN;
  if (have ('gd_linear'))
    fI = @(n) bench_call ('gd_linear', Sx, Sxy, eta, tmax, W0, 'record', tt, ...
                          'snapshots', true, 'nuclear', false, 'sv', 0, 'verbose', false);
    times = zeros (reps, 1);
    for k = 1:reps
      t0 = tic ();  RI = fI (1);  times(k) = toc (t0);
    end
    tI = median (times);
    tbl{end+1} = bench_row ('closed', 'iterate', sz, 'gd_linear', tmax, tI, ...
                             1e6 * tI / tmax, 1, 'gd_linear', NaN, NaN, NaN, NaN, ...
                             'ok', '200 snapshots', NaN);
  else
    tbl{end+1} = bench_row ('closed', 'iterate', sz, 'gd_linear', tmax, NaN, NaN, ...
                             NaN, '', NaN, NaN, NaN, NaN, 'n/a', [NA ': gd_linear'], NaN);
  end
  bench_print (tbl{end});
  if (have ('gd_linear_closed'))
    [nc, tc, Wc] = bench_time (@(n) bench_repeat (n, @() gd_linear_closed (Sx, Sxy, eta, tt, W0{1})), ...
                               target, reps);
    e = NaN;
    if (~ isnan (tI))
      e = bench_reldiff (Wc(:,:,end), RI.snapshots(:,:,end));
      for k = 1:numel (tt)
        e = max (e, norm (Wc(:,:,k) - RI.snapshots(:,:,k), 'fro') / norm (RI.snapshots(:,:,k), 'fro'));
      end
      cl.ratio_gd = tI / (tc / nc);
    end
    tbl{end+1} = bench_row ('closed', 'gd_linear_closed', sz, 'gd_linear_closed', nc, tc, ...
                             1e6 * tc / nc, cl.ratio_gd, 'gd_linear', NaN, NaN, e, NaN, ...
                             bench_check (e, 1e-9), 'per call (200 time points); rel_diff vs the snapshots', NaN);
  else
    tbl{end+1} = bench_row ('closed', 'gd_linear_closed', sz, 'gd_linear_closed', NaN, NaN, ...
                             NaN, NaN, 'gd_linear', NaN, NaN, NaN, NaN, 'n/a', [NA ': gd_linear_closed'], NaN);
  end
  bench_print (tbl{end});
  if (have ('flow_linear'))
    [nf, tf, Wf] = bench_time (@(n) bench_repeat (n, @() flow_linear (Sx, Sxy, eta * tt, W0{1})), ...
                               target, reps);
    e = NaN;
    if (~ isnan (tI))
      e = norm (Wf(:,:,end) - RI.snapshots(:,:,end), 'fro') / norm (RI.snapshots(:,:,end), 'fro');
      cl.ratio_flow = tI / (tf / nf);
    end
    tbl{end+1} = bench_row ('closed', 'flow_linear', sz, 'flow_linear', nf, tf, 1e6 * tf / nf, ...
                             cl.ratio_flow, 'gd_linear', NaN, NaN, e, NaN, 'ok', ...
                             'per call, times eta*t; rel_diff: flow vs GD at the last time (not expected 0)', NaN);
  else
    tbl{end+1} = bench_row ('closed', 'flow_linear', sz, 'flow_linear', NaN, NaN, NaN, NaN, ...
                             'gd_linear', NaN, NaN, NaN, NaN, 'n/a', [NA ': flow_linear'], NaN);
  end
  bench_print (tbl{end});
  closed(end+1) = cl;
end

% ------------------------------------------------------------------ peak memory
% VmHWM of a child octave-cli for mem_iters(1) and mem_iters(2) iterations
octave_exe = fullfile (OCTAVE_HOME (), 'bin', 'octave-cli');
if (~ exist (octave_exe, 'file'))
  octave_exe = 'octave-cli';
end
memd = struct ('fn', {}, 'mb', {});
for fnc = {'gd_deep', 'gd_linear'}
  fn = fnc{1};
  sz = bench_ifelse (strcmp (fn, 'gd_deep'), 'L=2 d=p=r=20', 'L=1 d=p=20');
  if (~ have (fn))
    tbl{end+1} = bench_row ('memory', 'peak memory', sz, fn, NaN, NaN, NaN, NaN, '', NaN, ...
                             NaN, NaN, NaN, 'n/a', [NA ': ' fn], NaN);
    bench_print (tbl{end});
    continue;
  end
  mb = NaN (1, 2);
  for k = 1:2
    cmd = sprintf ('"%s" --no-gui --no-window-system -q "%s" %s %d 2>/dev/null', octave_exe, ...
                   fullfile (top, 'bench', 'bench_mem_child.m'), fn, mem_iters(k));
    [st, txt] = system (cmd);
    kb = regexp (txt, 'VMHWM_KB (\d+)', 'tokens', 'once');
    sec = regexp (txt, 'SECONDS ([\d.]+)', 'tokens', 'once');
    if (st == 0 && ~ isempty (kb))
      mb(k) = str2double (kb{1}) / 1024;
      tbl{end+1} = bench_row ('memory', 'peak memory', sz, fn, mem_iters(k), ...
                               str2double (sec{1}), 1e6 * str2double (sec{1}) / mem_iters(k), ...
                               NaN, '', NaN, NaN, NaN, mb(k), 'ok', ...
                               'VmHWM of a child octave-cli, default recording', NaN);
    else
      tbl{end+1} = bench_row ('memory', 'peak memory', sz, fn, mem_iters(k), NaN, NaN, NaN, ...
                               '', NaN, NaN, NaN, NaN, 'failed', strtrim (txt), NaN);
    end
    bench_print (tbl{end});
  end
  memd(end+1) = struct ('fn', fn, 'mb', mb(2) - mb(1));
end

% ------------------------------------------------------------------ sweeps
% eta as a vector of K = 32 step sizes (one call) vs 32 separate calls of sweep_iters
% iterations each (1e4: a typical experiment, where the per-call cost of the .m driver
% is part of what a sweep saves), L = 2, d = 20
K = 32;
sweep_ratio = NaN;  sweep_note = '';
[Sx, Sxy, W0, eta] = bench_problem (2, 20, 20, 20, 300);
etas = linspace (0.02, 0.08, K);
sz = sprintf ('L=2 d=p=r=20 K=%d', K);
if (~ have ('gd_deep'))
  sweep_note = [NA ': gd_deep'];
  tbl{end+1} = bench_row ('sweep', 'eta vector', sz, 'gd_deep', NaN, NaN, NaN, NaN, '', ...
                           NaN, NaN, NaN, NaN, 'n/a', sweep_note, NaN);
  bench_print (tbl{end});
else
  supported = false;
  try
    Rt = gd_deep (Sx, Sxy, etas(1:2), 3, W0, 'record', 3, 'verbose', false);
    supported = true;
  catch err
    sweep_note = sprintf ('not supported (gd_deep with a vector eta: %s)', err.message);
  end
  fS = @(n) bench_sweep_separate (Sx, Sxy, etas, n, W0);
  nS = sweep_iters;
  fV = @(n) gd_deep (Sx, Sxy, etas, n, W0, 'record', n, 'nuclear', false, 'sv', 0, ...
                     'verbose', false);
  times = zeros (reps, 2);  cpus = zeros (reps, 2);
  for k = 1:reps                     % interleaved: separate calls, then one call
    u = cputime ();  t0 = tic ();  WS = fS (nS);  times(k,1) = toc (t0);  cpus(k,1) = cputime () - u;
    if (supported)
      u = cputime ();  t0 = tic ();  RV = fV (nS);  times(k,2) = toc (t0);  cpus(k,2) = cputime () - u;
    end
  end
  tS = median (times(:,1));
  tbl{end+1} = bench_row ('sweep', 'eta vector', sz, 'K separate calls', nS, tS, ...
                           1e6 * tS / (K * nS), 1, 'K separate calls', NaN, NaN, NaN, NaN, 'ok', ...
                           sprintf ('%d calls of gd_deep, %d iterations each; us_per_iter per trajectory-iteration; CPU %.3f s', K, nS, median (cpus(:,1))), NaN);
  bench_print (tbl{end});
  if (supported)
    tV = median (times(:,2));
    sweep_ratio = tS / tV;
    WV = bench_sweep_results (RV, K);
    e = NaN;
    if (~ isempty (WV))
      e = 0;
      for k = 1:K
        e = max (e, norm (WV(:,:,k) - WS(:,:,k), 'fro') / norm (WS(:,:,k), 'fro'));
      end
    end
    tbl{end+1} = bench_row ('sweep', 'eta vector', sz, 'one call, eta vector', nS, tV, ...
                             1e6 * tV / (K * nS), sweep_ratio, 'K separate calls', NaN, NaN, ...
                             e, NaN, bench_check (e), sprintf ('rel_diff: against the separate calls; CPU %.3f s (CPU-time ratio %.3g)', ...
                                                               median (cpus(:,2)), median (cpus(:,1)) / median (cpus(:,2))), NaN);
  else
    tbl{end+1} = bench_row ('sweep', 'eta vector', sz, 'one call, eta vector', NaN, NaN, ...
                             NaN, NaN, 'K separate calls', NaN, NaN, NaN, NaN, 'n/a', sweep_note, NaN);
  end
  bench_print (tbl{end});
end

% ------------------------------------------------------------------ targets of issue 7
% {statement, measured value (public function), limit, kind, same value for the core alone}
T = {};
for k = 1:numel (gd)             % pkg per iteration, or the core's where pkg's is noise
  gd(k).sT = gd(k).sP;
  if (gd(k).noisyP), gd(k).sT = gd(k).sC;  end
end
fb = ' (pkg fixed cost dominates here: value of the core through the same gateway)';
pick = @(L, d) gd(find ([gd.L] == L & [gd.d] == d, 1));
for spec = {{2, 20, 10}, {1, 20, 10}, {1, 8, 20}, {2, 8, 20}}
  s = spec{1};  g = pick (s{1}, s{2});
  T{end+1} = {[sprintf('L=%d d=%d: pkg >= %dx faster per iteration than A', s{1}, s{2}, s{3}), ...
               bench_ifelse(g.noisyP, fb, '')], g.sA / g.sT, s{3}, 'x', g.sA / g.sC, '', g.uA / g.uP};
end
for g = gd
  if (g.d >= 256)
    T{end+1} = {[sprintf('L=%d d=%d p=%d: pkg >= 90%% of the dgemm-bound rate (B)', g.L, g.d, g.p), ...
                 bench_ifelse(g.noisyP, fb, '')], g.fl / g.sT / 1e9 / g.rate, 0.9, 'frac', ...
                g.fl / g.sC / 1e9 / g.rate};
  end
end
if (quick)
  T{end+1} = {'d >= 256: pkg >= 90% of the dgemm-bound rate (B)', NaN, 0.9, 'frac', NaN, ...
              'not run in quick mode'};
end
[rmin, imin] = min ([gd.sA] ./ [gd.sT]);
[cmin, jmin] = min ([gd.sA] ./ [gd.sC]);
where = '';
if (~ isnan (rmin))
  where = sprintf (', at L=%d d=%d', gd(imin).L, gd(imin).d);
elseif (~ isnan (cmin))
  where = sprintf (', core at L=%d d=%d', gd(jmin).L, gd(jmin).d);
end
T{end+1} = {sprintf('pkg never slower than A (min ratio over sizes%s)', where), rmin, 1, 'x', cmin};
for L = [2 1]
  o = NaN;
  if (~ isempty (recov) && any ([recov.L] == L)), o = recov([recov.L] == L).over;  end
  T{end+1} = {sprintf('L=%d d=20: 200 records (nuclear norms) add <= 10%% to %g iterations', L, rec_iters), ...
              o, 0.10, 'over', NaN};
end
cg = NaN;
if (~ isempty (closed)), cg = closed([closed.d] == 20).ratio_gd;  end
T{end+1} = {sprintf('gd_linear_closed, 200 t up to %g, d=20: >= 100x faster than iterating', closed_tmax), ...
            cg, 100, 'x', NaN};
for m = memd
  T{end+1} = {sprintf('%s peak memory %g vs %g iterations: within 5 MB', m.fn, mem_iters), ...
              m.mb, 5, 'mb', NaN};
end
if (isempty (memd))
  T{end+1} = {sprintf('peak memory %g vs %g iterations: within 5 MB', mem_iters), NaN, 5, 'mb', NaN};
end
T{end+1} = {sprintf('eta sweep K=%d d=20: >= 2x the iterations/s of K separate calls', K), ...
            sweep_ratio, 2, 'x', NaN, sweep_note};

printf ('\n== targets of issue 7 ==\n');
nmet = 0;  nnot = 0;
for k = 1:numel (T)
  t = T{k};  v = t{2};  lim = t{3};
  if (any (strcmp (t{4}, {'x', 'frac'})))
    met = v >= lim;
  else
    met = v <= lim;
  end
  vs = bench_fmt (v, t{4});
  if (~ isnan (t{5}))
    vs = sprintf ('%s (core alone: %s)', vs, bench_fmt (t{5}, t{4}));
  end
  if (numel (t) > 6 && ~ isnan (t{7}))
    vs = sprintf ('%s [by CPU time: %s]', vs, bench_fmt (t{7}, t{4}));
  end
  if (isnan (v))
    status = 'n/a';
    if (numel (t) > 5 && ~ isempty (t{6}))
      vs = t{6};
    elseif (isnan (t{5}))
      vs = NA;
    else
      vs = sprintf ('%s; core alone: %s', NA, bench_fmt (t{5}, t{4}));
    end
  elseif (met)
    status = 'met';  nmet = nmet + 1;
  else
    status = 'NOT MET';  nnot = nnot + 1;
  end
  printf ('  %-8s %-78s %s\n', status, t{1}, vs);
  tbl{end+1} = bench_row ('target', t{1}, '', '', NaN, NaN, NaN, v, '', NaN, NaN, NaN, NaN, ...
                          status, vs, NaN);
end
printf ('targets: %d met, %d not met, %d n/a\n', nmet, nnot, numel (T) - nmet - nnot);

% ------------------------------------------------------------------ CSV
fid = fopen (outfile, 'w');
for k = 1:numel (header)
  fprintf (fid, '# %s\n', header{k});
end
fprintf (fid, 'section,case,size,impl,iterations,seconds,us_per_iter,ratio,ref,gflops,frac_dgemm,rel_diff,mem_mb,overhead_ms,cpu_us_per_iter,ratio_cpu,status,note\n');
for k = 1:numel (tbl)
  r = tbl{k};
  fprintf (fid, '%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n', r.section, bench_csvq (r.case), ...
           bench_csvq (r.size), bench_csvq (r.impl), bench_num (r.iterations), bench_num (r.seconds), ...
           bench_num (r.us_per_iter), bench_num (r.ratio), bench_csvq (r.ref), bench_num (r.gflops), ...
           bench_num (r.frac_dgemm), bench_num (r.rel_diff), bench_num (r.mem_mb), ...
           bench_num (r.overhead_ms), bench_num (r.cpu_us_per_iter), bench_num (r.ratio_cpu), ...
           bench_csvq (r.status), bench_csvq (r.note));
end
fclose (fid);
printf ('\nwrote %s\n', outfile);
