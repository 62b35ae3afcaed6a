function varargout = run_bench (varargin)
% run_bench -- lindyn's benchmarks (issue 7), side by side in one Octave process.
%
%   make bench                       full run (a few minutes), writes bench/results.csv
%   make bench BENCH_QUICK=1         quick check of the harness (< 1 min), writes
%                                    bench/results-quick.csv
%   run_bench (['quick'], [OUTFILE])  the same from Octave, with bench/ on the path
%   run_bench ('--mem-child', FN, ITERS)  the child process of the peak-memory rows
%   [Sx, Sxy, W0, eta] = run_bench ('--problem', L, d, p, r, seed)  the benchmark's
%                                    problem (bench_problem below), e.g. for profile.sh
%   run_bench ('--engine')           the trajectory engine's moments objective against
%                                    ld_gd_run (bench_engine below)
%
% One file: the helpers (the plain loop of eq. 5, the flop count, timing, the table and
% CSV writers) are local functions at the end.  bench_blasinfo.c (OpenBLAS's
% configuration, compiled at run time) and profile.sh / profile_gd.c are the only other
% files of bench/.
%
% For every case, in the same process and on the same Sx, Sxy and initialization:
%   A      the plain Octave loop of eq. 5 (bench_plain_gd below), the code a user would
%          otherwise write; the package's result is checked against it (rel_diff);
%   B      the arithmetic limit: flops of one iteration (bench_flops below) divided by
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
%   gflops      achieved GFLOP/s (flops of bench_flops per iteration)
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
  more off;
  if (nargin >= 1 && strcmp (varargin{1}, '--mem-child'))
    mem_child (varargin{2}, varargin{3});
    return;
  elseif (nargin >= 1 && strcmp (varargin{1}, '--problem'))
    [varargout{1:4}] = bench_problem (varargin{2:end});
    return;
  elseif (nargin >= 1 && strcmp (varargin{1}, '--engine'))
    bench_engine ();
    return;
  end

  % ------------------------------------------------------------------ settings
  args = varargin;
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
  tbl{end+1} = bench_row ('section', 'bound', 'case', 'dgemm rate', ...
                          'size', sprintf ('n=%d', ngemm), 'impl', 'dgemm', 'iterations', 1, ...
                          'seconds', median (tg), 'us_per_iter', median (tg) * 1e6, ...
                          'gflops', gemm_rate, 'frac_dgemm', 1, 'status', 'ok', ...
                          'note', 'Octave A*B on n-by-n random matrices: the rate of baseline B');
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
      tbl{end+1} = bench_row ('section', 'gd', 'case', cs, 'size', sz, 'impl', im(j).name, ...
                              'iterations', im(j).n, 'seconds', tmed(j), ...
                              'us_per_iter', 1e6 * sj, 'ratio', ratio, 'ref', ref, ...
                              'gflops', fl / sj / 1e9, 'frac_dgemm', fl / sj / 1e9 / rate, ...
                              'rel_diff', e, 'status', bench_check (e), 'note', note, ...
                              'overhead_ms', 1e3 * cmed(j));
      tbl{end}.cpu_us_per_iter = 1e6 * su(j);
      if (~ strcmp (im(j).name, 'pkg+rec'))
        tbl{end}.ratio_cpu = g.uA / su(j);
      end
      bench_print (tbl{end});
      if (strcmp (im(j).name, 'A'))
        sB = fl / (rate * 1e9);
        tbl{end+1} = bench_row ('section', 'gd', 'case', cs, 'size', sz, 'impl', 'B', ...
                                'us_per_iter', 1e6 * sB, 'ratio', g.sA / sB, 'ref', 'A', ...
                                'gflops', rate, 'frac_dgemm', 1, 'status', 'ok', ...
                                'note', sprintf ('%.4g flop/iteration at the dgemm rate measured beside this case (n=%d)', fl, ncase));
        bench_print (tbl{end});
      end
    end
    if (~ have_core)
      tbl{end+1} = bench_row ('section', 'gd', 'case', cs, 'size', sz, 'impl', 'core', ...
                              'ref', 'A', 'status', 'n/a', 'note', [NA ': __lindyn_gd__']);
      bench_print (tbl{end});
    end
    if (~ have (fn))
      for nmj = {'pkg', 'pkg+rec'}
        tbl{end+1} = bench_row ('section', 'gd', 'case', cs, 'size', sz, 'impl', nmj{1}, ...
                                'ref', 'A', 'status', 'n/a', 'note', [NA ': ' fn]);
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
      tbl{end+1} = bench_row ('section', 'gd', 'case', cs, 'size', sz, 'impl', 'pkg', ...
                              'iterations', rec_iters, 'seconds', median (t0s), ...
                              'us_per_iter', 1e6 * median (t0s) / rec_iters, 'status', 'ok', ...
                              'note', [fn ', no recording']);
      bench_print (tbl{end});
      tbl{end+1} = bench_row ('section', 'gd', 'case', cs, 'size', sz, 'impl', 'pkg+rec', ...
                              'iterations', rec_iters, 'seconds', median (t1s), ...
                              'us_per_iter', 1e6 * median (t1s) / rec_iters, ...
                              'ratio', median (t0s) / median (t1s), 'ref', 'pkg', ...
                              'status', 'ok', ...
                              'note', sprintf ('%s, 200 records with nuclear norms: +%.1f%%', fn, 100 * over));
      bench_print (tbl{end});
    else
      tbl{end+1} = bench_row ('section', 'gd', 'case', cs, 'size', sz, 'impl', 'pkg+rec', ...
                              'iterations', rec_iters, 'ref', 'pkg', 'status', 'n/a', ...
                              'note', [NA ': ' fn]);
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
      tbl{end+1} = bench_row ('section', 'closed', 'case', 'iterate', 'size', sz, ...
                              'impl', 'gd_linear', 'iterations', tmax, 'seconds', tI, ...
                              'us_per_iter', 1e6 * tI / tmax, 'ratio', 1, 'ref', 'gd_linear', ...
                              'status', 'ok', 'note', '200 snapshots');
    else
      tbl{end+1} = bench_row ('section', 'closed', 'case', 'iterate', 'size', sz, ...
                              'impl', 'gd_linear', 'iterations', tmax, 'status', 'n/a', ...
                              'note', [NA ': gd_linear']);
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
      tbl{end+1} = bench_row ('section', 'closed', 'case', 'gd_linear_closed', 'size', sz, ...
                              'impl', 'gd_linear_closed', 'iterations', nc, 'seconds', tc, ...
                              'us_per_iter', 1e6 * tc / nc, 'ratio', cl.ratio_gd, ...
                              'ref', 'gd_linear', 'rel_diff', e, ...
                              'status', bench_check (e, 1e-9), ...
                              'note', 'per call (200 time points); rel_diff vs the snapshots');
    else
      tbl{end+1} = bench_row ('section', 'closed', 'case', 'gd_linear_closed', 'size', sz, ...
                              'impl', 'gd_linear_closed', 'ref', 'gd_linear', 'status', 'n/a', ...
                              'note', [NA ': gd_linear_closed']);
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
      tbl{end+1} = bench_row ('section', 'closed', 'case', 'flow_linear', 'size', sz, ...
                              'impl', 'flow_linear', 'iterations', nf, 'seconds', tf, ...
                              'us_per_iter', 1e6 * tf / nf, 'ratio', cl.ratio_flow, ...
                              'ref', 'gd_linear', 'rel_diff', e, 'status', 'ok', ...
                              'note', 'per call, times eta*t; rel_diff: flow vs GD at the last time (not expected 0)');
    else
      tbl{end+1} = bench_row ('section', 'closed', 'case', 'flow_linear', 'size', sz, ...
                              'impl', 'flow_linear', 'ref', 'gd_linear', 'status', 'n/a', ...
                              'note', [NA ': flow_linear']);
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
      tbl{end+1} = bench_row ('section', 'memory', 'case', 'peak memory', 'size', sz, ...
                              'impl', fn, 'status', 'n/a', 'note', [NA ': ' fn]);
      bench_print (tbl{end});
      continue;
    end
    mb = NaN (1, 2);
    for k = 1:2
      cmd = sprintf (['"%s" --no-gui --no-window-system -q --eval "addpath (''%s''); ' ...
                      'run_bench (''--mem-child'', ''%s'', %d)" 2>/dev/null'], octave_exe, ...
                     fullfile (top, 'bench'), fn, mem_iters(k));
      [st, txt] = system (cmd);
      kb = regexp (txt, 'VMHWM_KB (\d+)', 'tokens', 'once');
      sec = regexp (txt, 'SECONDS ([\d.]+)', 'tokens', 'once');
      if (st == 0 && ~ isempty (kb))
        mb(k) = str2double (kb{1}) / 1024;
        tbl{end+1} = bench_row ('section', 'memory', 'case', 'peak memory', 'size', sz, ...
                                'impl', fn, 'iterations', mem_iters(k), ...
                                'seconds', str2double (sec{1}), ...
                                'us_per_iter', 1e6 * str2double (sec{1}) / mem_iters(k), ...
                                'mem_mb', mb(k), 'status', 'ok', ...
                                'note', 'VmHWM of a child octave-cli, default recording');
      else
        tbl{end+1} = bench_row ('section', 'memory', 'case', 'peak memory', 'size', sz, ...
                                'impl', fn, 'iterations', mem_iters(k), 'status', 'failed', ...
                                'note', strtrim (txt));
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
    tbl{end+1} = bench_row ('section', 'sweep', 'case', 'eta vector', 'size', sz, ...
                            'impl', 'gd_deep', 'status', 'n/a', 'note', sweep_note);
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
    tbl{end+1} = bench_row ('section', 'sweep', 'case', 'eta vector', 'size', sz, ...
                            'impl', 'K separate calls', 'iterations', nS, 'seconds', tS, ...
                            'us_per_iter', 1e6 * tS / (K * nS), 'ratio', 1, ...
                            'ref', 'K separate calls', 'status', 'ok', ...
                            'note', sprintf ('%d calls of gd_deep, %d iterations each; us_per_iter per trajectory-iteration; CPU %.3f s', K, nS, median (cpus(:,1))));
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
      tbl{end+1} = bench_row ('section', 'sweep', 'case', 'eta vector', 'size', sz, ...
                              'impl', 'one call, eta vector', 'iterations', nS, 'seconds', tV, ...
                              'us_per_iter', 1e6 * tV / (K * nS), 'ratio', sweep_ratio, ...
                              'ref', 'K separate calls', 'rel_diff', e, ...
                              'status', bench_check (e), ...
                              'note', sprintf ('rel_diff: against the separate calls; CPU %.3f s (CPU-time ratio %.3g)', median (cpus(:,2)), median (cpus(:,1)) / median (cpus(:,2))));
    else
      tbl{end+1} = bench_row ('section', 'sweep', 'case', 'eta vector', 'size', sz, ...
                              'impl', 'one call, eta vector', 'ref', 'K separate calls', ...
                              'status', 'n/a', 'note', sweep_note);
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
    tbl{end+1} = bench_row ('section', 'target', 'case', t{1}, 'ratio', v, 'status', status, ...
                            'note', vs);
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
end

function r = bench_row (varargin)
% bench_row -- one row of the benchmark table (columns documented at the top) from
% name, value pairs; a column not given is NaN (numbers) or '' (text).
  r = struct ('section', '', 'case', '', 'size', '', 'impl', '', 'iterations', NaN, ...
              'seconds', NaN, 'us_per_iter', NaN, 'ratio', NaN, 'ref', '', 'gflops', NaN, ...
              'frac_dgemm', NaN, 'rel_diff', NaN, 'mem_mb', NaN, 'overhead_ms', NaN, ...
              'cpu_us_per_iter', NaN, 'ratio_cpu', NaN, 'status', '', 'note', '');
  for k = 1:2:numel (varargin)
    if (~ isfield (r, varargin{k}))
      error ('bench_row: no column %s', varargin{k});
    end
    r.(varargin{k}) = varargin{k + 1};
  end
end

function bench_print (r, head)
% bench_print -- print one row of the benchmark table (and the column titles first when
% head is true).
  if (nargin > 1 && head)
    printf ('%-16s %-24s %-18s %9s %8s %10s %8s %9s %8s %7s %9s %7s %s\n', 'case', 'size', ...
            'impl', 'iters', 'seconds', 'us/iter', 'ovh_ms', 'ratio', 'GFLOP/s', '%dgemm', ...
            'rel_diff', 'mem_MB', 'status / note');
  end
  printf ('%-16s %-24s %-18s %9s %8s %10s %8s %9s %8s %7s %9s %7s %s%s\n', r.case, r.size, ...
          r.impl, print_field (r.iterations, '%d'), print_field (r.seconds, '%.3f'), ...
          print_field (r.us_per_iter, '%.3g'), print_field (r.overhead_ms, '%.3g'), ...
          print_field (r.ratio, '%.3g'), print_field (r.gflops, '%.3g'), ...
          print_field (100 * r.frac_dgemm, '%.1f'), print_field (r.rel_diff, '%.1e'), ...
          print_field (r.mem_mb, '%.1f'), print_status (r.status), print_note (r));
  fflush (stdout);
end

function s = print_field (x, fmt)
  if (isempty (x) || isnan (x))
    s = '-';
  else
    s = sprintf (fmt, x);
  end
end

function s = print_note (r)
  s = r.note;
  if (~ isnan (r.ratio_cpu))
    s = sprintf ('[cpu: %.3g us, ratio %.3g] %s', r.cpu_us_per_iter, r.ratio_cpu, s);
  end
end

function s = print_status (st)
  if (any (strcmp (st, {'ok', 'n/a'})))
    s = '';
  else
    s = [st, ': '];
  end
end

function [Sx, Sxy, W0, eta] = bench_problem (L, d, p, r, seed)
% bench_problem -- a reproducible least-squares problem and initialization for the bench.
%
%   [Sx, Sxy, W0, eta] = bench_problem (L, d, p, r, seed)
%
% Sx = A'A/n (n = 2d + 10 Gaussian samples, scaled to lambda_max = 1, condition number
% ~ 30), Sxy = Sx * Wt with Wt = randn (d, p) / sqrt (d) (so W* = Wt, singular values
% O(1)), W0 = {W1, ..., WL} Gaussian with every width r and entries of size
% 0.1/sqrt(width) (a small, non-aligned start), eta = 0.1 for L = 1 (lambda_max eta =
% 0.1, stable) and 0.05 for L >= 2 (well below the Cor. 3 bound for these W*).

  randn ('state', seed);
  n = 2 * d + 10;
  A = randn (n, d);
  Sx = A' * A / n;
  Sx = (Sx + Sx') / 2;
  Sx = Sx / max (eig (Sx));
  Wt = randn (d, p) / sqrt (d);
  Sxy = Sx * Wt;
  widths = [d, r * ones(1, L - 1), p];
  W0 = cell (1, L);
  for l = 1:L
    W0{l} = 0.1 * randn (widths(l), widths(l+1)) / sqrt (widths(l));
  end
  if (L == 1)
    eta = 0.1;
  else
    eta = 0.05;
  end
end

function W = bench_plain_gd (Sx, Sxy, eta, iters, W)
% bench_plain_gd -- baseline A of the benchmark: the plain Octave loop of eq. 5.
%
%   W = bench_plain_gd (Sx, Sxy, eta, iters, {W1, ..., WL})    (L = 1, 2 or 3)
%
% The obvious vectorized code a user would write, one matrix expression per factor,
% every factor updated from the same iterate (simultaneous update).  Used to time and to check the C core.

  switch (numel (W))
    case 1
      W1 = W{1};
      for t = 1:iters
        G = Sx * W1 - Sxy;
        W1 = W1 - eta * G;
      end
      W = {W1};
    case 2
      W1 = W{1};  W2 = W{2};
      for t = 1:iters
        G = Sx * (W1 * W2) - Sxy;
        W1n = W1 - eta * G * W2';
        W2 = W2 - eta * W1' * G;
        W1 = W1n;
      end
      W = {W1, W2};
    case 3
      W1 = W{1};  W2 = W{2};  W3 = W{3};
      for t = 1:iters
        G = Sx * (W1 * W2 * W3) - Sxy;
        W1n = W1 - eta * G * (W2 * W3)';
        W2n = W2 - eta * W1' * G * W3';
        W3 = W3 - eta * (W1 * W2)' * G;
        W1 = W1n;  W2 = W2n;
      end
      W = {W1, W2, W3};
    otherwise
      error ('bench_plain_gd: L = %d not supported (1, 2 or 3)', numel (W));
  end
end

function f = bench_flops (L, d, p, r)
% bench_flops -- floating-point operations of one iteration of eq. 5 (baseline B).
%
%   f = bench_flops (L, d, p, r)
%
% Counts 2mnk for every m-by-k by k-by-n product of the cheapest product order, the one
% of lindyn's C core (3L - 2 products, src/core/ld_gradient.c): the suffix products
% W_l...W_L, the residual Sx*W - Sxy (as (Sx*W1)*(W2...WL) when r < p), and per factor
% l < L the left chain W_l'*A_l and the fused update A_l*S_{l+1}'.  Element-wise work
% (O(dp) per iteration) is left out.  Widths: d, r, ..., r, p.

  w = [d, r * ones(1, L - 1), p];
  mnk = 0;
  for l = L-2:-1:1               % suffix products S_{l+1} = W_{l+1} S_{l+2}, 1-based
    mnk = mnk + w(l+1) * p * w(l+2);
  end
  if (L == 1)
    mnk = mnk + d * p * d;
  elseif (w(2) < p)
    mnk = mnk + d * w(2) * d + d * p * w(2);
  else
    mnk = mnk + d * p * w(2) + d * p * d;
  end
  for l = 1:L-1
    mnk = mnk + 2 * w(l) * w(l+1) * p;
  end
  f = 2 * mnk;
end

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

function out = bench_repeat (n, f)
% bench_repeat -- call f () n times, return the last result (to time fast calls).
  for k = 1:n
    out = f ();
  end
end

function R = bench_call (fn, Sx, Sxy, eta, iters, W0, varargin)
% bench_call -- call the public GD function fn ('gd_linear' or 'gd_deep') the same way
% for both: W0 is a cell of factors ({W} for gd_linear, passed as option "init").
  if (strcmp (fn, 'gd_linear'))
    R = gd_linear (Sx, Sxy, eta, iters, 'init', W0{1}, varargin{:});
  else
    R = gd_deep (Sx, Sxy, eta, iters, W0, varargin{:});
  end
end

function s = bench_check (e, tol)
% bench_check -- 'ok' when the relative difference e is at most tol (default 1e-10),
% 'MISMATCH' otherwise, 'ok' when e is NaN (nothing compared).  The package and the plain loop do the same
% products in possibly different orders: after N contracting steps they agree to a few
% hundred ulps (1e-13 seen), far below 1e-10; an actual bug shows as O(1).
  if (nargin < 2), tol = 1e-10;  end
  if (isnan (e))
    s = 'ok';
  elseif (e <= tol)
    s = 'ok';
  else
    s = 'MISMATCH';
  end
end

function e = bench_reldiff (F, G)
% bench_reldiff -- largest relative Frobenius difference between two cells of factors
% (or two matrices): max_l ||F{l} - G{l}||_F / ||G{l}||_F.
  if (~ iscell (F)), F = {F};  end
  if (~ iscell (G)), G = {G};  end
  if (numel (F) ~= numel (G))
    e = NaN;
    return;
  end
  e = 0;
  for l = 1:numel (G)
    if (~ isequal (size (F{l}), size (G{l})))
      e = NaN;
      return;
    end
    e = max (e, norm (F{l} - G{l}, 'fro') / max (norm (G{l}, 'fro'), realmin));
  end
end

function W = bench_sweep_separate (Sx, Sxy, etas, iters, W0)
% bench_sweep_separate -- one gd_deep call per step size: the end-to-end matrices,
% d-by-p-by-numel (etas).
  W = zeros (size (Sxy, 1), size (Sxy, 2), numel (etas));
  for k = 1:numel (etas)
    R = gd_deep (Sx, Sxy, etas(k), iters, W0, 'record', iters, 'nuclear', false, 'sv', 0, ...
                 'verbose', false);
    W(:,:,k) = R.W;
  end
end

function W = bench_sweep_results (R, K)
% bench_sweep_results -- the K end-to-end matrices of a sweep result as d-by-p-by-K, for
% the result layouts a sweep may use (struct array, cell, or W stacked on dimension 3);
% [] when the layout is not recognised.
  W = [];
  if (isstruct (R) && numel (R) == K && isfield (R, 'W'))
    W = cat (3, R.W);
  elseif (iscell (R) && numel (R) == K && isstruct (R{1}) && isfield (R{1}, 'W'))
    W = cat (3, cellfun (@(x) x.W, R, 'UniformOutput', false){:});
  elseif (isstruct (R) && numel (R) == 1 && isfield (R, 'W'))
    if (iscell (R.W) && numel (R.W) == K)
      W = cat (3, R.W{:});
    elseif (size (R.W, 3) == K)
      W = R.W;
    end
  end
end

function s = bench_fmt (v, kind)
% bench_fmt -- a target's measured value as text: kind 'x' (ratio), 'frac' (fraction of
% the dgemm rate), 'over' (relative overhead) or 'mb' (megabytes).
  switch (kind)
    case 'x',    s = sprintf ('%.3gx', v);
    case 'frac', s = sprintf ('%.1f%% of dgemm', 100 * v);
    case 'over', s = sprintf ('%+.1f%%', 100 * v);
    case 'mb',   s = sprintf ('%.2f MB', v);
    otherwise,   s = sprintf ('%g', v);
  end
end

function s = bench_num (x)
% bench_num -- a number as a CSV field (empty for NaN).
  if (isempty (x) || isnan (x))
    s = '';
  elseif (x == round (x) && abs (x) < 1e15)
    s = sprintf ('%d', x);
  else
    s = sprintf ('%.6g', x);
  end
end

function s = bench_csvq (s)
% bench_csvq -- a string as a CSV field: quoted when it holds a comma, quote or newline.
  s = strrep (s, sprintf ('\n'), ' ');
  if (any (s == ',') || any (s == '"'))
    s = ['"', strrep(s, '"', '""'), '"'];
  end
end

function s = bench_ifelse (c, a, b)
% bench_ifelse -- a if c is true, else b.
  if (c), s = a;  else, s = b;  end
end

function mem_child (fn, iters)
% mem_child -- the child process of the peak-memory rows: runs fn (gd_deep: L = 2,
% d = p = r = 20; gd_linear: d = p = 20) for iters iterations with the default recording
% (about 200 records, nuclear norms), then prints "VMHWM_KB <peak resident set size of
% this process in kB>" (VmHWM of /proc/self/status), "SECONDS <run time>" and
% "RECORDS <count>".  A separate process per run, so the peaks do not mix.
  if (ischar (iters))
    iters = str2double (iters);
  end
  if (strcmp (fn, 'gd_deep'))
    [Sx, Sxy, W0, eta] = bench_problem (2, 20, 20, 20, 1);
    t0 = tic ();
    R = gd_deep (Sx, Sxy, eta, iters, W0, 'verbose', false);
  else
    [Sx, Sxy, W0, eta] = bench_problem (1, 20, 20, 20, 1);
    t0 = tic ();
    R = gd_linear (Sx, Sxy, eta, iters, 'init', W0{1}, 'verbose', false);
  end
  secs = toc (t0);
  s = fileread ('/proc/self/status');
  tok = regexp (s, 'VmHWM:\s*(\d+)\s*kB', 'tokens', 'once');
  printf ('VMHWM_KB %s\nSECONDS %.6f\nRECORDS %d\n', tok{1}, secs, numel (R.t));
end

function bench_engine ()
  % the trajectory engine's moments objective against ld_gd_run (the fused
  % gradient-descent path of gd_deep): microseconds per iteration and the largest relative
  % difference of the final factors, for d = r = p = 20 (1e5 iterations) and d = 784,
  % r = p = 10 (1000 iterations), L = 2 and 3, best of 3.

  cases = {[20 20 20 1e5], [784 10 10 1000]};
  for c = 1:numel (cases)
    d = cases{c}(1);  r = cases{c}(2);  p = cases{c}(3);  it = cases{c}(4);
    randn ('state', 1);
    A = randn (d);  Sx = eye (d) + A * A' / d;  Sx = Sx / max (eig (Sx));
    Sxy = Sx * randn (d, p) / 3;  Ws = Sx \ Sxy;
    for L = [2 3]
      w = [d, repmat(r, 1, L - 1), p];  W0 = cell (1, L);
      for l = 1:L, W0{l} = randn (w(l), w(l+1)) / sqrt (w(l)) / 3;  end
      tg = Inf;  te = Inf;  tm = Inf;
      for rep = 1:3
        tic;  G = __lindyn_gd__ (Sx, Sxy, Ws, 0.01, W0, it, [], Inf, 0, false, [], false);  tg = min (tg, toc);
        tic;  E = __lindyn_run__ ('moments', {Sx, Sxy, Ws}, [], 'gd', [], 0.01, {W0}, {}, 0, it, [], Inf, 0, [0 0 0], []);  te = min (te, toc);
        tic;  M = __lindyn_run__ ('moments', {Sx, Sxy, Ws}, [], 'momentum', 0.9, 0.01, {W0}, {}, 0, it, [], Inf, 0, [0 0 0], []);  tm = min (tm, toc);
      end
      dif = max (cellfun (@(a, b) norm (a - b, 'fro') / norm (b, 'fro'), E.factors, G.factors));
      fprintf ('d=%d r=%d p=%d L=%d: ld_gd_run %.2f us/it, engine gd %.2f (x%.2f), engine momentum %.2f; rel. diff %.1e\n', ...
              d, r, p, L, 1e6 * tg / it, 1e6 * te / it, te / tg, 1e6 * tm / it, dif);
    end
  end
end
