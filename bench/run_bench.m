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
%   run_bench ('--table', CSV [, README])  the README's performance table from CSV
%                                    (markdown on stdout; README rewritten between its
%                                    bench-table markers), for make bench-table
%   run_bench ('--profile-case', NAME, ITERS)  one engine / second-moments case, for
%                                    bench/profile.sh
%   run_bench ('--sm-child', CLASS, WHICH, N)  the child process of the memory rows of
%                                    second_moments
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
  elseif (nargin >= 1 && strcmp (varargin{1}, '--profile-case'))
    bench_profile_case (top, varargin{2:end});
    return;
  elseif (nargin >= 1 && strcmp (varargin{1}, '--table'))
    bench_table (varargin{2:end});
    return;
  elseif (nargin >= 1 && strcmp (varargin{1}, '--sm-child'))
    sm_child (varargin{2:4});
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
  end
  % the streaming-bandwidth MEX (OpenMP), compiled beside it
  mk = fullfile (OCTAVE_HOME (), 'bin', 'mkoctfile');
  [st_stream, txt] = system (sprintf (['cd "%s" && CFLAGS="-O3 -march=native -fopenmp" ', ...
                                       'LDFLAGS="-fopenmp" "%s" --mex -o bench_stream.mex "%s" 2>&1'], ...
                                      bdir, mk, fullfile (top, 'bench', 'bench_stream.c')));
  if (st_stream ~= 0)
    [st_stream, txt] = system (sprintf ('cd "%s" && "%s" --mex -o bench_stream.mex "%s" 2>&1', ...
                                        bdir, mk, fullfile (top, 'bench', 'bench_stream.c')));
  end
  addpath (bdir);
  kernel = 'unknown';
  if (exist ('__lindyn_config__') == 3)
    kernel = __lindyn_config__ ();
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
            sprintf('lindyn small-product kernel: %s', kernel), ...
            sprintf('timing: median of %d runs of ~%.2g s each', reps, target)};

  % ------------------------------------------------------------------ machine limits
  % the dgemm rate (n = ngemm, A*B) on one OpenBLAS thread and on all cores, and the
  % streaming bandwidth (bench_stream.c) at working sets of 64 KB .. 1 GB on 1 and
  % ncores threads: the roofline limit of each case is max(flops / rate, bytes /
  % bandwidth at its working set), on ncores threads
  lim = bench_limits (ngemm, reps, ncores, quick, st_stream == 0);
  header{end+1} = sprintf ('limits: dgemm n=%d %.4g GFLOP/s (1 thread), %.4g GFLOP/s (%d threads)', ...
                           ngemm, lim.rate1, lim.rateN, ncores);
  header{end+1} = sprintf ('limits: stream GB/s at %s bytes: 1 thread %s; %d threads %s', ...
                           strjoin (arrayfun (@bench_bytes, lim.bw_sizes, 'UniformOutput', false), '/'), ...
                           strjoin (arrayfun (@(x) sprintf ('%.3g', x), lim.bw1, 'UniformOutput', false), '/'), ...
                           ncores, strjoin (arrayfun (@(x) sprintf ('%.3g', x), lim.bwN_raw, 'UniformOutput', false), '/'));
  % the peers (NumPy, PyTorch) in a Python server started once
  PS = bench_peer_start (top, ncores);
  header{end+1} = sprintf ('peers: %s', PS.note);
  printf ('%s\n', header{:});
  printf ('\n');

  % ------------------------------------------------------------------ dgemm rate (B)
  tg = lim.tgN;
  gemm_rate = lim.rateN;                          % GFLOP/s, ncores threads
  ncase = min (ngemm, 1000);           % per-case dgemm size (rate measured beside each case)
  Ag = randn (ncase);  Bg = randn (ncase);
  tbl = {};
  tbl{end+1} = bench_row ('section', 'bound', 'case', 'dgemm rate', ...
                          'size', sprintf ('n=%d', ngemm), 'impl', 'dgemm', 'iterations', 1, ...
                          'seconds', median (tg), 'us_per_iter', median (tg) * 1e6, ...
                          'gflops', gemm_rate, 'frac_dgemm', 1, 'status', 'ok', ...
                          'note', sprintf ('Octave A*B on n-by-n random matrices, %d threads: the rate of baseline B and of the roofline', ncores));
  bench_print (tbl{end}, true);
  tbl{end+1} = bench_row ('section', 'bound', 'case', 'dgemm rate 1 thread', ...
                          'size', sprintf ('n=%d', ngemm), 'impl', 'dgemm', 'iterations', 1, ...
                          'seconds', median (lim.tg1), 'us_per_iter', median (lim.tg1) * 1e6, ...
                          'gflops', lim.rate1, 'frac_dgemm', lim.rate1 / gemm_rate, 'status', 'ok', ...
                          'note', 'one OpenBLAS thread (__lindyn_config__ ("blas_threads", 1)): the rate of the one-core targets');
  bench_print (tbl{end});
  for k = 1:numel (lim.bw_sizes)
    for nt = [1, ncores]
      bwv = bench_ifelse (nt == 1, lim.bw1(k), lim.bwN_raw(k));
      tbl{end+1} = bench_row ('section', 'bound', 'case', sprintf ('stream %d thr', nt), ...
                              'size', bench_bytes (lim.bw_sizes(k)), 'impl', 'stream', ...
                              'bytes', lim.bw_sizes(k), 'gflops', bwv, 'status', bench_ifelse (isnan (bwv), 'n/a', 'ok'), ...
                              'note', sprintf ('GB/s (gflops column): y = s*x + y passes over a working set of this size (bench_stream.c)%s', ...
                                               bench_ifelse (nt > 1, sprintf ('; the limit uses max(this, 1 thread) = %.3g', lim.bwN(k)), '')));
      bench_print (tbl{end});
    end
  end

  % ------------------------------------------------------------------ GD cases
  % Per case: A, core, pkg and the peers are calibrated separately (iterations so that
  % the part of a call that grows with iters takes ~target s), then timed interleaved
  % (A, core, pkg, pkg+rec, numpy, torch, torch1, each also at iters = 0 for the fixed
  % per-call cost), reps times, so that a load change on the shared machine hits all of
  % them.  Per-iteration cost = (median time at n - median time at 0) / n; the fixed cost
  % is reported as overhead_ms.  The peers time themselves inside Python.
  cases = [1 8 8 8; 1 20 20 20; 1 64 64 64; 1 256 256 256; 1 784 10 784; ...
           2 8 8 8; 2 20 20 20; 2 64 64 64; 2 256 256 256; 2 784 10 784; 2 784 10 100; ...
           3 64 64 64];
  if (quick)                       % the harness check: sizes up to 64 only
    cases = cases(cases(:,2) <= 64, :);
  end
  gd = [];
  peer_names = {'numpy', 'torch', 'torch1'};
  peer_notes = {sprintf('NumPy %s, %d OpenBLAS threads, the same loop', PS.numpy, ncores), ...
                sprintf('PyTorch %s autograd, float64, %d threads', PS.torch, ncores), ...
                sprintf('PyTorch %s autograd, float64, 1 thread', PS.torch)};
  for c = 1:size (cases, 1)
    L = cases(c,1);  d = cases(c,2);  p = cases(c,3);  r = cases(c,4);
    [Sx, Sxy, W0, eta] = bench_problem (L, d, p, r, c);
    fl = bench_flops (L, d, p, r);
    [by, ws] = bench_bytes_gd (L, d, p, r);
    rf = bench_roof (fl, by, ws, lim, ncores);
    if (L == 1)
      sz = sprintf ('d=%d p=%d', d, p);  fn = 'gd_linear';
    else
      sz = sprintf ('d=%d p=%d r=%d', d, p, r);  fn = 'gd_deep';
    end
    cs = sprintf ('L=%d', L);
    g = struct ('L', L, 'd', d, 'p', p, 'r', r, 'sA', NaN, 'sC', NaN, 'sP', NaN, 'sR', NaN, ...
                'cP', NaN, 'fl', fl, 'diff', NaN, 'uA', NaN, 'uC', NaN, 'uP', NaN, 'rate', NaN, ...
                'noisyP', false, 'sT', NaN, 'roof', rf.t, 'sNP', NaN, 'sT2', NaN, 'sT1', NaN);

    % the implementations: name, timer t(n) -> [seconds, cpu seconds], calibrated n
    im = struct ('name', {}, 'f', {}, 't', {}, 'n', {}, 'note', {});
    fA = @(n) bench_plain_gd (Sx, Sxy, eta, n, W0);
    tA = @(n) bench_tictoc (fA, n);
    im(end+1) = struct ('name', 'A', 'f', fA, 't', tA, 'n', bench_calibrate (tA, target, 1), ...
                        'note', 'plain Octave loop of eq. 5');
    nA = im(1).n;
    if (have_core)
      Wstar = pinv (Sx) * Sxy;
      fC = @(n) __lindyn_gd__ (Sx, Sxy, Wstar, eta, W0, n, zeros (1, 0), Inf, 0, false, ...
                               [], false);
      tC = @(n) bench_tictoc (fC, n);
      im(end+1) = struct ('name', 'core', 'f', fC, 't', tC, 'n', bench_calibrate (tC, target, nA), ...
                          'note', '__lindyn_gd__ directly');
    end
    if (have (fn))
      fP = @(n) bench_call (fn, Sx, Sxy, eta, n, W0, 'record', n, 'nuclear', false, ...
                            'sv', 0, 'verbose', false);
      tP = @(n) bench_tictoc (fP, n);
      nP = bench_calibrate (tP, target, nA);
      im(end+1) = struct ('name', 'pkg', 'f', fP, 't', tP, 'n', nP, 'note', [fn ', no recording']);
      fR = @(n) bench_call (fn, Sx, Sxy, eta, n, W0, 'record', round (linspace (0, n, 200)), ...
                            'verbose', false);
      im(end+1) = struct ('name', 'pkg+rec', 'f', fR, 't', @(n) bench_tictoc (fR, n), 'n', nP, ...
                          'note', sprintf ('%s, %d records with nuclear norm and sv', fn, ...
                                           numel (unique (round (linspace (0, nP, 200))))));
    end
    key = sprintf ('gd%d', c);
    if (PS.ok && bench_peer_setup (PS, key, 'gd', struct ('Sx', Sx, 'Sxy', Sxy), W0, eta, ...
                                   struct ('threads', ncores)))
      for q = 1:numel (peer_names)
        tq = @(n) bench_peer_time (PS, key, peer_names{q}, n);
        im(end+1) = struct ('name', peer_names{q}, 'f', @(n) bench_peer_run (PS, key, peer_names{q}, n, W0), ...
                            't', tq, 'n', bench_calibrate (tq, target, nA), 'note', peer_notes{q});
      end
    end
    tn = zeros (reps, numel (im));  t0s = zeros (reps, numel (im));
    un = tn;  u0s = t0s;               % CPU time of the process (all threads)
    tgc = zeros (reps, 1);
    for k = 1:reps
      tt = tic ();  Cg = Ag * Bg;  tgc(k) = toc (tt);   % the dgemm rate, beside the case
      for j = 1:numel (im)
        if (~ strcmp (im(j).name, 'pkg+rec'))   % its fixed cost is pkg's (saves a slow call)
          [t0s(k,j), u0s(k,j)] = im(j).t (0);
        end
        [tn(k,j), un(k,j)] = im(j).t (im(j).n);
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
    if (any (strcmp (nm, 'numpy'))),  g.sNP = s(strcmp (nm, 'numpy'));  end
    if (any (strcmp (nm, 'torch'))),  g.sT2 = s(strcmp (nm, 'torch'));  end
    if (any (strcmp (nm, 'torch1'))), g.sT1 = s(strcmp (nm, 'torch1'));  end

    % the check: same iterations (A's) from the same start
    WA = fA (nA);
    for j = 1:numel (im)
      switch (im(j).name)
        case 'A'
          e = NaN;  ratio = 1;  ref = 'A';  note = im(j).note;  sj = s(j);
        case {'core', 'numpy', 'torch', 'torch1'}
          out = im(j).f (nA);
          if (isstruct (out)), out = out.factors;  end
          e = bench_reldiff (out, WA);
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
                              'frac_dgemm1', fl / sj / 1e9 / lim.rate1, 'bytes', by, ...
                              'roof_us', 1e6 * rf.t, 'frac_roof', rf.t / sj, ...
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
        tbl{end+1} = bench_row ('section', 'gd', 'case', cs, 'size', sz, 'impl', 'roof', ...
                                'us_per_iter', 1e6 * rf.t, 'ratio', g.sA / rf.t, 'ref', 'A', ...
                                'bytes', by, 'roof_us', 1e6 * rf.t, 'frac_roof', 1, 'status', 'ok', ...
                                'note', rf.note);
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
    if (~ PS.ok)
      tbl{end+1} = bench_row ('section', 'gd', 'case', cs, 'size', sz, 'impl', 'peers', ...
                              'status', 'n/a', 'note', ['skipped: ' PS.note]);
      bench_print (tbl{end});
    end
    bench_peer_drop (PS, key);
    gd = [gd, g];
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
  sweep_ratio = NaN;  sweep_note = '';  sweep_frac = NaN;
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
                              'gflops', K * nS * bench_flops (2, 20, 20, 20) / tV / 1e9, ...
                              'frac_dgemm', K * nS * bench_flops (2, 20, 20, 20) / tV / 1e9 / lim.rateN, ...
                              'status', bench_check (e), ...
                              'note', sprintf ('rel_diff: against the separate calls; CPU %.3f s (CPU-time ratio %.3g); gflops: aggregate over the K trajectories (whole call), frac_dgemm: of the %d-thread dgemm rate', median (cpus(:,2)), median (cpus(:,1)) / median (cpus(:,2)), ncores));
      sweep_frac = tbl{end}.frac_dgemm;
    else
      tbl{end+1} = bench_row ('section', 'sweep', 'case', 'eta vector', 'size', sz, ...
                              'impl', 'one call, eta vector', 'ref', 'K separate calls', ...
                              'status', 'n/a', 'note', sweep_note);
    end
    bench_print (tbl{end});
  end

  % ------------------------------------------------------------------ engine rows
  % The engine's objectives and update rules against a plain Octave loop of the same
  % update (A) and PyTorch (autograd, float64; all cores and one thread): mini-batch SGD
  % on the MNIST shape, completion, sensing, and gd_deep's "momentum" and "adam".
  [Xm, Ym, msrc] = bench_mnist (top, bench_ifelse (quick, 5000, 60000));
  eng = struct ();
  E = bench_engine_cases (Xm, Ym, msrc, quick);
  for c = 1:numel (E)
    ec = E(c);
    if (~ have (ec.fn))
      tbl{end+1} = bench_row ('section', 'engine', 'case', ec.name, 'size', ec.size, ...
                              'impl', 'pkg', 'status', 'n/a', 'note', [NA ': ' ec.fn]);
      bench_print (tbl{end});
      eng.(ec.key) = struct ('sA', NaN, 'sP', NaN, 'sT2', NaN, 'sT1', NaN);
      continue;
    end
    im = struct ('name', {}, 'f', {}, 't', {}, 'n', {}, 'note', {});
    im(end+1) = struct ('name', 'A', 'f', ec.fA, 't', @(n) bench_tictoc (ec.fA, n), 'n', 1, 'note', ec.noteA);
    im(end+1) = struct ('name', 'pkg', 'f', ec.fP, 't', @(n) bench_tictoc (ec.fP, n), 'n', 1, 'note', ec.noteP);
    key = ['eng_' ec.key];
    if (PS.ok && bench_peer_setup (PS, key, ec.kind, ec.data, ec.W0, ec.eta, ec.extra))
      for q = 2:3
        im(end+1) = struct ('name', peer_names{q}, ...
                            'f', @(n) bench_peer_run (PS, key, peer_names{q}, n, ec.W0), ...
                            't', @(n) bench_peer_time (PS, key, peer_names{q}, n), 'n', 1, ...
                            'note', peer_notes{q});
      end
    end
    [s, tmed, cmed, im] = bench_run_impls (im, reps, target);
    nm = {im.name};
    res = struct ('sA', s(1), 'sP', s(2), 'sT2', NaN, 'sT1', NaN);
    if (any (strcmp (nm, 'torch'))),  res.sT2 = s(strcmp (nm, 'torch'));  end
    if (any (strcmp (nm, 'torch1'))), res.sT1 = s(strcmp (nm, 'torch1'));  end
    eng.(ec.key) = res;
    WA = [];
    if (ec.check)
      WA = im(1).f (im(1).n);
    end
    for j = 1:numel (im)
      e = NaN;
      if (ec.check && j > 1)
        out = im(j).f (im(1).n);
        if (isstruct (out)), out = out.factors;  end
        e = bench_reldiff (out, WA);
      end
      tbl{end+1} = bench_row ('section', 'engine', 'case', ec.name, 'size', ec.size, ...
                              'impl', im(j).name, 'iterations', im(j).n, 'seconds', tmed(j), ...
                              'us_per_iter', 1e6 * s(j), 'ratio', s(1) / s(j), 'ref', 'A', ...
                              'rel_diff', e, 'status', bench_check (e, ec.tol), ...
                              'overhead_ms', 1e3 * cmed(j), 'note', im(j).note);
      bench_print (tbl{end});
    end
    if (~ PS.ok)
      tbl{end+1} = bench_row ('section', 'engine', 'case', ec.name, 'size', ec.size, ...
                              'impl', 'torch', 'status', 'n/a', 'note', ['skipped: ' PS.note]);
      bench_print (tbl{end});
    end
    bench_peer_drop (PS, key);
    if (isfield (ec, 'fcheck') && ~ isempty (ec.fcheck))   % SGD: the full-batch limit
      [e, e2, note] = ec.fcheck (PS);
      tbl{end+1} = bench_row ('section', 'engine', 'case', [ec.name ' full-batch check'], ...
                              'size', ec.size, 'impl', 'pkg', 'rel_diff', e, ...
                              'status', bench_check (e, ec.tol), 'ref', 'A', 'note', note);
      bench_print (tbl{end});
      if (~ isnan (e2))
        tbl{end+1} = bench_row ('section', 'engine', 'case', [ec.name ' full-batch check'], ...
                                'size', ec.size, 'impl', 'torch', 'rel_diff', e2, ...
                                'status', bench_check (e2, ec.tol), 'ref', 'A', 'note', note);
        bench_print (tbl{end});
      end
    end
  end

  % ------------------------------------------------------------------ second moments
  % second_moments (X, Y) against X'*X/n, X'*Y/n on the MNIST shape (60000 x 784, p = 10
  % one-hot Y; 10000 rows in quick mode), X double, single and uint8 (uint8: double (X)
  % first, as Octave has no integer matrix product); one call each, interleaved, and the
  % peak extra memory of each in a child octave-cli (VmHWM after the call minus VmRSS
  % before it, with the peak reset before the call)
  smr = struct ('cls', {}, 'ratio', {}, 'mem', {}, 'copy', {});
  nsm = size (Xm, 1);
  Xd = double (Xm);
  Sx0 = Xd' * Xd / nsm;  Sxy0 = Xd' * Ym / nsm;          % the reference, in double
  for cl = {'double', 'single', 'uint8'}
    cls = cl{1};
    sz = sprintf ('%dx%d %s, p=%d', nsm, size (Xm, 2), cls, size (Ym, 2));
    if (~ have ('second_moments'))
      tbl{end+1} = bench_row ('section', 'moments', 'case', 'second_moments', 'size', sz, ...
                              'impl', 'second_moments', 'status', 'n/a', 'note', [NA ': second_moments']);
      bench_print (tbl{end});
      continue;
    end
    switch (cls)
      case 'double', Xc = Xd;
      case 'single', Xc = single (Xd);
      case 'uint8',  Xc = Xm;
    end
    fS = @() second_moments (Xc, Ym);
    fR = @() bench_ref_moments (Xc, Ym);
    fS ();  fR ();                                   % warm-up
    tt = zeros (reps, 2);
    for k = 1:reps
      t0 = tic ();  [S1, S2] = fS ();  tt(k,1) = toc (t0);
      t0 = tic ();  [R1, R2] = fR ();  tt(k,2) = toc (t0);
    end
    eS = max (norm (S1 - Sx0, 'fro') / norm (Sx0, 'fro'), norm (S2 - Sxy0, 'fro') / norm (Sxy0, 'fro'));
    eR = max (norm (double (R1) - Sx0, 'fro') / norm (Sx0, 'fro'), norm (double (R2) - Sxy0, 'fro') / norm (Sxy0, 'fro'));
    memS = bench_sm_child (octave_exe, top, cls, 'second_moments', nsm);
    memR = bench_sm_child (octave_exe, top, cls, 'reference', nsm);
    copy = nsm * size (Xm, 2) * 8 / 2^20;
    tS = median (tt(:,1));  tR = median (tt(:,2));
    tol = bench_ifelse (strcmp (cls, 'single'), 1e-6, 1e-12);   % single: X's rounding is the input's
    tbl{end+1} = bench_row ('section', 'moments', 'case', 'reference', 'size', sz, ...
                            'impl', bench_ifelse (strcmp (cls, 'uint8'), 'double(X); X''*X/n, X''*Y/n', 'X''*X/n, X''*Y/n'), ...
                            'iterations', 1, 'seconds', tR, 'us_per_iter', 1e6 * tR, 'ratio', 1, ...
                            'ref', 'reference', 'rel_diff', eR, 'mem_mb', memR, ...
                            'status', bench_ifelse (strcmp (cls, 'single'), 'ok', bench_check (eR, tol)), ...
                            'note', sprintf ('X from %s; mem_mb: peak extra memory of the call (one copy of X in double: %.0f MB)%s', ...
                                             msrc, copy, bench_ifelse (strcmp (cls, 'single'), '; computed in single', '')));
    bench_print (tbl{end});
    tbl{end+1} = bench_row ('section', 'moments', 'case', 'second_moments', 'size', sz, ...
                            'impl', 'second_moments', 'iterations', 1, 'seconds', tS, ...
                            'us_per_iter', 1e6 * tS, 'ratio', tR / tS, 'ref', 'reference', ...
                            'rel_diff', eS, 'mem_mb', memS, 'status', bench_check (eS, tol), ...
                            'note', sprintf ('rel_diff against X''*X/n, X''*Y/n in double; mem_mb: peak extra memory (one copy of X in double: %.0f MB)', copy));
    bench_print (tbl{end});
    smr(end+1) = struct ('cls', cls, 'ratio', tR / tS, 'mem', memS, 'copy', copy);
  end
  clear Xd Xc Sx0 Sxy0;

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
    t = T{k};  v = t{2};  tlim = t{3};
    if (any (strcmp (t{4}, {'x', 'frac'})))
      met = v >= tlim;
    else
      met = v <= tlim;
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


  % ------------------------------------------------------------------ targets of issue 16
  % {statement, measured value, limit, kind ('x' at least, 'frac' at least, 'mb' below),
  %  note}; NaN: not measured in this run
  T16 = {};
  pick2 = @(d, p, r) gd(find ([gd.L] == 2 & [gd.d] == d & [gd.p] == p & [gd.r] == r, 1));
  for sh = {[784 10 784], [784 10 100]}
    q = sh{1};  g = pick2 (q(1), q(2), q(3));
    lbl = sprintf('L=2 d=%d r=%d p=%d', q(1), q(3), q(2));
    if (isempty (g))
      T16{end+1} = {[lbl ': >= 60% of the roofline limit'], NaN, 0.6, 'frac', 'not run in quick mode'};
      T16{end+1} = {[lbl ': >= 1.5x faster than PyTorch and NumPy'], NaN, 1.5, 'x', 'not run in quick mode'};
    else
      T16{end+1} = {[lbl ': >= 60% of the roofline limit'], g.roof / g.sT, 0.6, 'frac', ...
                    sprintf('lindyn %.4g us, roofline %.4g us', 1e6 * g.sT, 1e6 * g.roof)};
      [v, w] = min ([g.sT2, g.sNP] / g.sT);
      T16{end+1} = {[lbl ': >= 1.5x faster than PyTorch and NumPy'], v, 1.5, 'x', ...
                    sprintf('slower peer: %s; NumPy %.4g us, PyTorch %.4g us, lindyn %.4g us', ...
                             bench_ifelse(w == 1, 'PyTorch', 'NumPy'), 1e6 * g.sNP, 1e6 * g.sT2, 1e6 * g.sT)};
    end
  end
  for q = [20 0.8; 8 0.5]'
    g = pick2 (q(1), q(1), q(1));
    T16{end+1} = {sprintf('L=2 d=%d: >= %d%% of one core''s dgemm rate', q(1), round(100 * q(2))), ...
                  g.fl / g.sT / 1e9 / lim.rate1, q(2), 'frac', ...
                  sprintf('%.3g GFLOP/s of %.4g (one thread)', g.fl / g.sT / 1e9, lim.rate1)};
  end
  % every gd case: faster than NumPy and PyTorch (all cores), never slower than A
  vs_peer = min ([[gd.sT2]; [gd.sNP]], [], 1) ./ [gd.sT];
  [v, w] = min (vs_peer);
  T16{end+1} = {'every gd case: faster than NumPy and PyTorch at the same thread count', v, 1, 'x', ...
                sprintf('smallest ratio at L=%d d=%d p=%d r=%d', gd(w).L, gd(w).d, gd(w).p, gd(w).r)};
  [v, w] = min ([gd.sA] ./ [gd.sT]);
  T16{end+1} = {'every gd case: never slower than the Octave loop', v, 1, 'x', ...
                sprintf('smallest ratio at L=%d d=%d p=%d r=%d', gd(w).L, gd(w).d, gd(w).p, gd(w).r)};
  T16{end+1} = {sprintf('K=%d sweep d=20: >= 75%% of the %d-thread dgemm rate in aggregate', K, ncores), ...
                sweep_frac, 0.75, 'frac', sweep_note};
  for m = smr
    T16{end+1} = {sprintf('second_moments %s X: >= 1.5x faster than X''*X/n, X''*Y/n', m.cls), ...
                  m.ratio, 1.5, 'x', ''};
  end
  if (~ isempty (smr))
    [v, w] = max ([smr.mem]);
    T16{end+1} = {'second_moments: peak extra memory below one copy of X in double', v, smr(1).copy, 'mb', ...
                  sprintf('largest: %s X; one copy of X in double: %.0f MB', smr(w).cls, smr(1).copy)};
  end
  for kk = {{'sgd', 'mini-batch SGD (b=128, MNIST shape, L=2)'}, {'completion', 'completion (100x100, 2000 observed, L=3)'}}
    k2 = kk{1};
    if (isfield (eng, k2{1}))
      x = eng.(k2{1});
    else
      x = struct ('sA', NaN, 'sP', NaN, 'sT2', NaN, 'sT1', NaN);
    end
    T16{end+1} = {[k2{2} ': >= 3x the plain Octave loop'], x.sA / x.sP, 3, 'x', ''};
    T16{end+1} = {[k2{2} ': faster than PyTorch'], x.sT2 / x.sP, 1, 'x', ...
                  sprintf('PyTorch %d threads %.4g us, 1 thread %.4g us, lindyn %.4g us', ncores, 1e6 * x.sT2, 1e6 * x.sT1, 1e6 * x.sP)};
  end
  o = NaN;
  if (~ isempty (recov)), o = max ([recov.over]);  end
  T16{end+1} = {'no regression: recording 200 points with nuclear norms (issue 7: <= 10%)', o, 0.10, 'over', ...
                'the larger of L=1 and L=2'};
  mm = NaN;
  if (~ isempty (memd)), mm = max ([memd.mb]);  end
  T16{end+1} = {'no regression: memory independent of iters (issue 7: within 5 MB)', mm, 5, 'mb', ''};
  T16{end+1} = {'no regression: Ctrl-C latency', NaN, NaN, 'x', ...
                'not timed here: tests/integration/test_interrupt.m checks it'};
  [n16met, n16not] = bench_targets_print ('issue 16', T16, NA);
  for k = 1:numel (T16)
    t = T16{k};
    tbl{end+1} = bench_row ('section', 'target16', 'case', t{1}, 'ratio', t{2}, ...
                            'status', bench_target_status (t), 'note', [bench_target_value(t), '; ', t{5}]);
  end

  bench_peer_stop (PS);
  rmpath (bdir);

  % ------------------------------------------------------------------ CSV
  fid = fopen (outfile, 'w');
  for k = 1:numel (header)
    fprintf (fid, '# %s\n', header{k});
  end
  fprintf (fid, 'section,case,size,impl,iterations,seconds,us_per_iter,ratio,ref,gflops,frac_dgemm,frac_dgemm1,bytes,roof_us,frac_roof,rel_diff,mem_mb,overhead_ms,cpu_us_per_iter,ratio_cpu,status,note\n');
  for k = 1:numel (tbl)
    r = tbl{k};
    fprintf (fid, '%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n', r.section, bench_csvq (r.case), ...
             bench_csvq (r.size), bench_csvq (r.impl), bench_num (r.iterations), bench_num (r.seconds), ...
             bench_num (r.us_per_iter), bench_num (r.ratio), bench_csvq (r.ref), bench_num (r.gflops), ...
             bench_num (r.frac_dgemm), bench_num (r.frac_dgemm1), bench_num (r.bytes), ...
             bench_num (r.roof_us), bench_num (r.frac_roof), bench_num (r.rel_diff), bench_num (r.mem_mb), ...
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
              'frac_dgemm', NaN, 'frac_dgemm1', NaN, 'bytes', NaN, 'roof_us', NaN, ...
              'frac_roof', NaN, 'rel_diff', NaN, 'mem_mb', NaN, 'overhead_ms', NaN, ...
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
    printf ('%-16s %-24s %-18s %9s %8s %10s %8s %9s %8s %7s %6s %9s %7s %s\n', 'case', 'size', ...
            'impl', 'iters', 'seconds', 'us/iter', 'ovh_ms', 'ratio', 'GFLOP/s', '%dgemm', ...
            '%roof', 'rel_diff', 'mem_MB', 'status / note');
  end
  printf ('%-16s %-24s %-18s %9s %8s %10s %8s %9s %8s %7s %6s %9s %7s %s%s\n', r.case, r.size, ...
          r.impl, print_field (r.iterations, '%d'), print_field (r.seconds, '%.3f'), ...
          print_field (r.us_per_iter, '%.3g'), print_field (r.overhead_ms, '%.3g'), ...
          print_field (r.ratio, '%.3g'), print_field (r.gflops, '%.3g'), ...
          print_field (100 * r.frac_dgemm, '%.1f'), print_field (100 * r.frac_roof, '%.0f'), ...
          print_field (r.rel_diff, '%.1e'), ...
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

function lim = bench_limits (ngemm, reps, ncores, quick, have_stream)
% bench_limits -- the machine's limits, measured in this run: the dgemm rate (A*B on two
% ngemm-by-ngemm random matrices, median of reps) with one OpenBLAS thread (rate1) and
% with ncores (rateN), set through __lindyn_config__ ("blas_threads", n) and restored;
% the streaming bandwidth (bench_stream: GB/s of y = s*x + y) at working sets of 64 KB
% to 1 GB (bw_sizes) on 1 (bw1) and ncores (bwN) threads.
  lim = struct ('rate1', NaN, 'rateN', NaN, 'tg1', NaN, 'tgN', NaN, ...
                'bw_sizes', 2 .^ (16:2:30), 'bw1', [], 'bwN', [], 'bwN_raw', []);
  Ag = randn (ngemm);  Bg = randn (ngemm);
  prev = 0;
  have_set = exist ('__lindyn_config__') == 3;
  for nt = [1, ncores]
    if (have_set)
      try
        q = __lindyn_config__ ('blas_threads', nt);
        if (nt == 1), prev = q;  end
      catch
        have_set = false;
      end
    end
    Cg = Ag * Bg;                                 % warm-up (threads, pages)
    tg = zeros (reps, 1);
    for k = 1:reps
      t0 = tic ();  Cg = Ag * Bg;  tg(k) = toc (t0);
    end
    if (nt == 1)
      lim.tg1 = tg;  lim.rate1 = 2 * ngemm^3 / median (tg) / 1e9;
    else
      lim.tgN = tg;  lim.rateN = 2 * ngemm^3 / median (tg) / 1e9;
    end
  end
  if (have_set && prev > 0)
    __lindyn_config__ ('blas_threads', prev);
  end
  if (~ have_set)                  % no setter: both rates are OpenBLAS's default threads
    lim.rate1 = NaN;
  end
  if (have_stream)
    secs = bench_ifelse (quick, 0.02, 0.1);
    lim.bw1 = bench_stream (lim.bw_sizes, 1, secs);
    lim.bwN_raw = bench_stream (lim.bw_sizes, ncores, secs);
    % ncores threads can always run as one: where waking the second thread costs more
    % than the pass (small sets, or a busy shared machine) the one-thread rate is the limit
    lim.bwN = max (lim.bwN_raw, lim.bw1);
  else
    lim.bw1 = NaN (size (lim.bw_sizes));  lim.bwN = lim.bw1;  lim.bwN_raw = lim.bw1;
  end
end

function s = bench_bytes (b)
% bench_bytes -- a byte count as text: 64K, 4M, 1G.
  if (b >= 2^30)
    s = sprintf ('%gG', b / 2^30);
  elseif (b >= 2^20)
    s = sprintf ('%gM', b / 2^20);
  else
    s = sprintf ('%gK', b / 2^10);
  end
end

function [by, ws] = bench_bytes_gd (L, d, p, r)
% bench_bytes_gd -- compulsory traffic of one iteration of eq. 5 (by: Sx and Sxy read
% once, every factor read once and written once) and the working set (ws: Sx, Sxy and
% the factors), in bytes.
  w = [d, r * ones(1, L - 1), p];
  nw = sum (w(1:end-1) .* w(2:end));
  by = 8 * (d * d + d * p + 2 * nw);
  ws = 8 * (d * d + d * p + nw);
end

function rf = bench_roof (fl, by, ws, lim, nthreads)
% bench_roof -- the roofline limit max(flops / rate, bytes / bandwidth) of a case, on
% nthreads (1: one core's rates, else all cores'), with the bandwidth interpolated (in
% log size) at the working set ws; rf.t in seconds, rf.note says which bound binds.
  if (nthreads == 1)
    rate = lim.rate1;  bw = lim.bw1;
  else
    rate = lim.rateN;  bw = lim.bwN;
  end
  b = bench_bw_at (ws, lim.bw_sizes, bw);
  tf = fl / (rate * 1e9);  tb = by / (b * 1e9);
  if (isnan (tb)), tb = 0;  end
  rf.t = max (tf, tb);
  rf.note = sprintf (['roofline: max(%.4g flop / %.4g GFLOP/s, %.4g bytes (Sx, Sxy, W read, ', ...
                      'W written) / %.3g GB/s at the %s working set, %d threads) = %s bound'], ...
                     fl, rate, by, b, bench_bytes (ws), nthreads, bench_ifelse (tf >= tb, 'compute', 'memory'));
end

function b = bench_bw_at (ws, sizes, bw)
% bench_bw_at -- bandwidth at working set ws, interpolated linearly in log size between
% the measured sizes (the ends beyond them).
  ok = ~ isnan (bw);
  if (~ any (ok))
    b = NaN;  return;
  end
  x = log (sizes(ok));  y = bw(ok);
  b = interp1 (x, y, min (max (log (ws), x(1)), x(end)));
end

function [t, u] = bench_tictoc (f, n)
% bench_tictoc -- wall and CPU seconds of one call f(n).
  u = cputime ();  t0 = tic ();  f (n);  t = toc (t0);  u = cputime () - u;
end

% ---------------------------------------------------------------------- peers (Python)
function PS = bench_peer_start (top, ncores)
% bench_peer_start -- start bench/peers.py under /usr/bin/python3 (once per run), with
% OPENBLAS_NUM_THREADS = ncores for NumPy; PS.ok false with PS.note saying why when
% Python, NumPy or PyTorch is missing.
  PS = struct ('ok', false, 'note', '', 'in', -1, 'out', -1, 'pid', -1, 'dir', '', ...
               'numpy', '', 'torch', '');
  py = '/usr/bin/python3';
  if (~ exist (py, 'file'))
    PS.note = 'skipped: /usr/bin/python3 not found';  return;
  end
  old = getenv ('OPENBLAS_NUM_THREADS');
  setenv ('OPENBLAS_NUM_THREADS', sprintf ('%d', ncores));
  try
    [PS.in, PS.out, PS.pid] = popen2 (py, {fullfile(top, 'bench', 'peers.py')});
  catch err
    PS.note = ['skipped: ' err.message];
  end
  if (isempty (old)), unsetenv ('OPENBLAS_NUM_THREADS');  else, setenv ('OPENBLAS_NUM_THREADS', old);  end
  if (PS.pid < 0)
    if (isempty (PS.note)), PS.note = 'skipped: could not start python3';  end
    return;
  end
  r = bench_peer_send (PS, struct ('op', 'hello'));
  if (~ isstruct (r) || isfield (r, 'error'))
    PS.note = 'skipped: bench/peers.py did not answer';  return;
  end
  if (isempty (r.numpy))
    PS.note = 'skipped: python3-numpy not installed';  return;
  end
  if (isempty (r.torch))
    PS.note = 'skipped: python3-torch not installed';  return;
  end
  PS.numpy = r.numpy;  PS.torch = r.torch;
  PS.dir = tempname ();  mkdir (PS.dir);
  PS.ok = true;
  PS.note = sprintf ('NumPy %s and PyTorch %s (/usr/bin/python3, bench/peers.py)', r.numpy, r.torch);
end

function r = bench_peer_send (PS, msg, timeout)
% bench_peer_send -- one request to the Python server, its JSON reply as a struct
% (struct with field error on a timeout).
  if (nargin < 3), timeout = 600;  end
  fputs (PS.in, [jsonencode(msg), "\n"]);
  fflush (PS.in);
  t0 = tic ();
  while (true)
    s = fgetl (PS.out);
    if (ischar (s))
      break;
    end
    if (toc (t0) > timeout)
      r = struct ('error', 'timeout');  return;
    end
    fclear (PS.out);
    pause (0.002);
  end
  r = jsondecode (s);
end

function ok = bench_peer_setup (PS, key, kind, data, W0, eta, extra)
% bench_peer_setup -- write a problem's matrices (data: struct of name -> matrix; uint8
% matrices as .u8) and the start W0 to PS.dir and load them in the server under key.
  msg = struct ('op', 'setup', 'key', key, 'kind', kind, 'dir', PS.dir, 'eta', eta);
  fns = fieldnames (data);
  for k = 1:numel (fns)
    v = data.(fns{k});
    if (isa (v, 'uint8'))
      fid = fopen (fullfile (PS.dir, [fns{k} '.u8']), 'w');  fwrite (fid, v, 'uint8');  fclose (fid);
      msg.([fns{k} 'class']) = 'uint8';
    else
      fid = fopen (fullfile (PS.dir, [fns{k} '.bin']), 'w');  fwrite (fid, double (v), 'double');  fclose (fid);
    end
    msg.(fns{k}) = size (v);
  end
  shapes = cell (1, numel (W0));
  for l = 1:numel (W0)
    fid = fopen (fullfile (PS.dir, sprintf ('W0_%d.bin', l)), 'w');  fwrite (fid, W0{l}, 'double');  fclose (fid);
    shapes{l} = size (W0{l});
  end
  msg.W0 = shapes;
  ex = fieldnames (extra);
  for k = 1:numel (ex)
    msg.(ex{k}) = extra.(ex{k});
  end
  r = bench_peer_send (PS, msg);
  ok = isstruct (r) && ~ isfield (r, 'error');
  if (~ ok)
    printf ('peers: setup of %s failed: %s\n', key, r.error);
  end
end

function [t, u] = bench_peer_time (PS, key, peer, n)
% bench_peer_time -- seconds of n iterations of peer on problem key, timed in Python.
  r = bench_peer_send (PS, struct ('op', 'time', 'key', key, 'peer', peer, 'n', n));
  u = NaN;
  if (isfield (r, 'error'))
    t = NaN;
  else
    t = r.seconds;
  end
end

function W = bench_peer_run (PS, key, peer, n, W0)
% bench_peer_run -- the factors after n iterations of peer on problem key (for rel_diff).
  pre = fullfile (PS.dir, 'out');
  r = bench_peer_send (PS, struct ('op', 'run', 'key', key, 'peer', peer, 'n', n, 'out', pre));
  W = {};
  if (isfield (r, 'error'))
    return;
  end
  W = cell (1, r.L);
  for l = 1:r.L
    fid = fopen (sprintf ('%s%d.bin', pre, l), 'r');  W{l} = fread (fid, Inf, 'double');  fclose (fid);
    if (l <= numel (W0) && numel (W{l}) == numel (W0{l}))
      W{l} = reshape (W{l}, size (W0{l}));
    end
  end
end

function bench_peer_drop (PS, key)
  if (PS.ok)
    bench_peer_send (PS, struct ('op', 'drop', 'key', key));
  end
end

function bench_peer_stop (PS)
  if (PS.pid > 0)
    try
      fputs (PS.in, [jsonencode(struct ('op', 'quit')), "\n"]);  fflush (PS.in);
      fclose (PS.in);  fclose (PS.out);
      waitpid (PS.pid);
    catch
    end
  end
  if (~ isempty (PS.dir) && exist (PS.dir, 'dir'))
    confirm_recursive_rmdir (false, 'local');
    rmdir (PS.dir, 's');
  end
end

% ---------------------------------------------------------------------- engine cases
function [X, Y, src] = bench_mnist (top, n)
% bench_mnist -- the first n MNIST training images as uint8 rows (n-by-784) and their
% one-hot labels (n-by-10), read with the package's read_idx from data/mnist when the
% files are there; else uint8 random data of that shape with ~19% nonzeros (MNIST's
% share) and random labels.  src says which.
  f1 = fullfile (top, 'data', 'mnist', 'train-images-idx3-ubyte');
  f2 = fullfile (top, 'data', 'mnist', 'train-labels-idx1-ubyte');
  if (exist (f1, 'file') && exist (f2, 'file') && exist ('read_idx') == 2)
    X = read_idx (f1, 'flatten', true);
    lab = read_idx (f2);
    X = X(1:min (n, end), :);  lab = double (lab(1:size (X, 1)));
    src = sprintf ('MNIST (data/mnist, first %d training images)', size (X, 1));
  else
    rand ('state', 16);
    X = zeros (n, 784, 'uint8');
    for j = 1:784                               % column by column: no n-by-784 double
      v = rand (n, 1);
      X(:,j) = uint8 (255 * rand (n, 1) .* (v < 0.19));
    end
    lab = floor (10 * rand (n, 1));
    src = sprintf ('random uint8 data of the MNIST shape (%d x 784, 19%% nonzeros; data/mnist not found)', n);
  end
  Y = double (bsxfun (@eq, lab(:), 0:9));
end

function [s, tmed, cmed, im] = bench_run_impls (im, reps, target)
% bench_run_impls -- calibrate each implementation (im(j).t(n): wall seconds of n
% iterations), then time them interleaved reps times at their n and at 0; s is the
% per-iteration cost (paired difference, medians), tmed the median time at n, cmed at 0.
  for j = 1:numel (im)
    im(j).n = bench_calibrate (im(j).t, target, bench_ifelse (j == 1, 1, im(1).n));
  end
  tn = zeros (reps, numel (im));  t0s = tn;
  for k = 1:reps
    for j = 1:numel (im)
      t0s(k,j) = im(j).t (0);
      tn(k,j) = im(j).t (im(j).n);
    end
  end
  tmed = median (tn, 1);  cmed = median (t0s, 1);
  s = median (tn - t0s, 1) ./ [im.n];
  bad = s <= 0;
  s(bad) = tmed(bad) ./ [im.n](bad);
end

function E = bench_engine_cases (X, Y, msrc, quick, only)
% bench_engine_cases -- the engine rows: per case the public function (fP), the plain
% Octave loop of the same update (fA), the peers' problem (kind, data, extra) and
% whether the results are compared after the same iterations (check).  With only (a
% case key), the SGD case is built only when only is 'sgd'.
  if (nargin < 5), only = '';  end
  E = struct ('key', {}, 'name', {}, 'size', {}, 'fn', {}, 'fA', {}, 'fP', {}, 'noteA', {}, ...
              'noteP', {}, 'kind', {}, 'data', {}, 'W0', {}, 'eta', {}, 'extra', {}, ...
              'check', {}, 'tol', {}, 'fcheck', {});
  rec = @(n) {'record', n, 'nuclear', false, 'sv', 0, 'verbose', false};
  % mini-batch SGD, b = 128, L = 2, d = r = 784, p = 10
  [n, d] = size (X);  p = size (Y, 2);  r = 784;  b = 128;
  if (~ isempty (only) && ~ strcmp (only, 'sgd'))
    X = X(1:2,:);  Y = Y(1:2,:);  n = 2;  b = 1;
  end
  Xd = double (X);
  Sx = Xd' * Xd / n;
  eta = 0.1 / max (eig ((Sx + Sx') / 2));
  randn ('state', 21);
  W0 = {0.1 * randn(d, r) / sqrt(d), 0.1 * randn(r, p) / sqrt(r)};
  fA = @(k) bench_plain_sgd (Xd, Y, eta, k, W0, b);
  fP = @(k) sgd_deep (X, Y, eta, k, W0, 'batch', b, 'seed', 1, 'effective_rank', false, rec(k){:});
  nchk = 2000;
  E(end+1) = struct ('key', 'sgd', 'name', 'sgd_deep b=128', 'size', sprintf ('n=%d d=%d r=%d p=%d L=2', n, d, r, p), ...
                     'fn', 'sgd_deep', 'fA', fA, 'fP', fP, ...
                     'noteA', 'plain Octave loop, X converted to double once, a randperm per epoch, Xb = X(rows,:)', ...
                     'noteP', sprintf ('sgd_deep on uint8 X, b=%d, no recording; X: %s', b, msrc), ...
                     'kind', 'sgd', 'data', struct ('X', X, 'Y', Y), 'W0', {W0}, 'eta', eta, ...
                     'extra', struct ('b', b, 'threads', nproc ()), 'check', false, 'tol', 1e-10, ...
                     'fcheck', @(PS) bench_sgd_check (PS, X(1:min(nchk, n),:), Y(1:min(nchk, n),:), eta, W0));
  clear Xd Sx;
  % completion: 100 x 100 rank 5, 2000 observed entries, L = 3 with 100 x 100 factors
  randn ('state', 22);  rand ('state', 22);
  M = randn (100, 5) * randn (5, 100);  M = M * (100 / norm (M, 'fro'));
  idx = sort (randperm (1e4, 2000))';  mask = false (100);  mask(idx) = true;
  W0c = {1e-2 * eye(100) + 1e-3 * randn(100), 1e-2 * eye(100) + 1e-3 * randn(100), 1e-2 * eye(100) + 1e-3 * randn(100)};
  etac = 2;
  [ri, ci] = ind2sub ([100 100], idx);
  E(end+1) = struct ('key', 'completion', 'name', 'gd_completion', 'size', '100x100 rank 5, 2000 observed, L=3', ...
                     'fn', 'gd_completion', 'fA', @(k) bench_plain_completion (M(idx), idx, etac, k, W0c), ...
                     'fP', @(k) gd_completion (M, mask, etac, k, W0c, 'effective_rank', false, rec(k){:}), ...
                     'noteA', 'plain Octave loop: G = zeros; G(idx) = (W(idx) - M(idx))/m; chain rule', ...
                     'noteP', 'gd_completion, no recording', 'kind', 'completion', ...
                     'data', struct ('rows', ri - 1, 'cols', ci - 1, 'vals', M(idx)), 'W0', {W0c}, ...
                     'eta', etac, 'extra', struct ('threads', nproc ()), 'check', true, 'tol', 1e-9, 'fcheck', []);
  % sensing: 30 x 30 rank 2, 500 Gaussian measurements, L = 2
  randn ('state', 23);
  Wt = randn (30, 2) * randn (2, 30) / 6;
  A = randn (500, 900);  y = A * Wt(:);
  W0s = {1e-2 * eye(30) + 1e-3 * randn(30), 1e-2 * eye(30) + 1e-3 * randn(30)};
  etas = 0.05;
  E(end+1) = struct ('key', 'sensing', 'name', 'gd_sensing', 'size', '30x30 rank 2, 500 measurements, L=2', ...
                     'fn', 'gd_sensing', 'fA', @(k) bench_plain_sensing (A, y, etas, k, W0s), ...
                     'fP', @(k) gd_sensing (A, y, etas, k, W0s, 'effective_rank', false, rec(k){:}), ...
                     'noteA', 'plain Octave loop: G = reshape (A''*(A*W(:) - y)/m, 30, 30); chain rule', ...
                     'noteP', 'gd_sensing, no recording', 'kind', 'sensing', 'data', struct ('A', A, 'y', y), ...
                     'W0', {W0s}, 'eta', etas, 'extra', struct ('threads', nproc ()), 'check', true, ...
                     'tol', 1e-9, 'fcheck', []);
  % gd_deep "momentum" and "adam" at d = r = p = 64 and d = r = 784, p = 10
  shapes = [64 64 64; 784 10 784];
  for sh = 1:size (shapes, 1)
    d = shapes(sh,1);  p = shapes(sh,2);  r = shapes(sh,3);
    [Sx, Sxy, W0g] = bench_problem (2, d, p, r, 40 + sh);
    for mth = {'momentum', 'adam'}
      m = mth{1};
      hp = struct ('method', m, 'beta', 0.9, 'beta1', 0.9, 'beta2', 0.999, 'eps', 1e-8, 'threads', nproc ());
      et = bench_ifelse (strcmp (m, 'adam'), 1e-3, 5e-3);
      E(end+1) = struct ('key', sprintf ('%s%d', m, d), 'name', ['gd_deep ' m], ...
                         'size', sprintf ('d=%d p=%d r=%d L=2', d, p, r), 'fn', 'gd_deep', ...
                         'fA', @(k) bench_plain_method (Sx, Sxy, et, k, W0g, hp), ...
                         'fP', @(k) gd_deep (Sx, Sxy, et, k, W0g, 'method', m, rec(k){:}), ...
                         'noteA', sprintf ('plain Octave loop of PyTorch''s %s update', m), ...
                         'noteP', sprintf ('gd_deep "method" "%s", no recording', m), 'kind', 'gd', ...
                         'data', struct ('Sx', Sx, 'Sxy', Sxy), 'W0', {W0g}, 'eta', et, 'extra', hp, ...
                         'check', true, 'tol', 1e-9, 'fcheck', []);
    end
  end
  if (quick)                        % the harness check: the small shapes only
    E = E(~ strcmp ({E.key}, 'momentum784') & ~ strcmp ({E.key}, 'adam784'));
  end
end

function [e, e2, note] = bench_sgd_check (PS, X, Y, eta, W0)
% bench_sgd_check -- the full-batch limit of the SGD rows: sgd_deep with b = n (rows in
% order) against the plain loop with b = n (and the PyTorch loop), 5 steps.
  n = size (X, 1);  it = 5;
  WA = bench_plain_sgd (double (X), Y, eta, it, W0, n);
  R = sgd_deep (X, Y, eta, it, W0, 'batch', n, 'record', it, 'nuclear', false, 'sv', 0, ...
                'effective_rank', false, 'verbose', false);
  e = bench_reldiff (R.factors, WA);
  e2 = NaN;
  if (PS.ok && bench_peer_setup (PS, 'sgdchk', 'sgd', struct ('X', X, 'Y', Y), W0, eta, ...
                                 struct ('b', n, 'threads', nproc ())))
    e2 = bench_reldiff (bench_peer_run (PS, 'sgdchk', 'torch', it, W0), WA);
    bench_peer_drop (PS, 'sgdchk');
  end
  note = sprintf ('b = n = %d (the first rows, in order), %d steps: against the plain loop (the mini-batch rows draw different batches: lindyn''s generator is not Octave''s)', n, it);
end

function W = bench_plain_sgd (X, Y, eta, iters, W, b)
% bench_plain_sgd -- mini-batch SGD on 1/(2b)||Yb - Xb W1 W2||^2, a fresh randperm per
% epoch of floor(n/b) steps; b = n uses the rows in order.
  n = size (X, 1);  steps = floor (n / b);
  W1 = W{1};  W2 = W{2};
  perm = 1:n;
  for t = 1:iters
    k = mod (t - 1, steps);
    if (b == n)
      Xb = X;  Yb = Y;
    else
      if (k == 0), perm = randperm (n);  end
      rows = perm(k*b+1:(k+1)*b);
      Xb = X(rows,:);  Yb = Y(rows,:);
    end
    G = Xb' * (Xb * (W1 * W2) - Yb) / b;
    W1n = W1 - eta * G * W2';
    W2 = W2 - eta * W1' * G;
    W1 = W1n;
  end
  W = {W1, W2};
end

function W = bench_plain_completion (vals, idx, eta, iters, W)
% bench_plain_completion -- GD on 1/(2m) sum over observed entries of (W1 W2 W3 - M)^2.
  W1 = W{1};  W2 = W{2};  W3 = W{3};
  m = numel (idx);  G = zeros (size (W1, 1), size (W3, 2));
  for t = 1:iters
    P = W1 * W2;  S = W2 * W3;  E = P * W3;
    G(idx) = (E(idx) - vals) / m;
    W1n = W1 - eta * G * S';
    W2n = W2 - eta * W1' * G * W3';
    W3 = W3 - eta * P' * G;
    W1 = W1n;  W2 = W2n;
  end
  W = {W1, W2, W3};
end

function W = bench_plain_sensing (A, y, eta, iters, W)
% bench_plain_sensing -- GD on 1/(2m)||A vec(W1 W2) - y||^2.
  W1 = W{1};  W2 = W{2};  m = numel (y);
  [n1, n2] = deal (size (W1, 1), size (W2, 2));
  for t = 1:iters
    E = W1 * W2;
    G = reshape (A' * (A * E(:) - y) / m, n1, n2);
    W1n = W1 - eta * G * W2';
    W2 = W2 - eta * W1' * G;
    W1 = W1n;
  end
  W = {W1, W2};
end

function W = bench_plain_method (Sx, Sxy, eta, iters, W, hp)
% bench_plain_method -- eq. 5's gradients with PyTorch's SGD momentum (v = beta v + g,
% W = W - eta v) or Adam (bias-corrected moments) update, L = 2.
  W1 = W{1};  W2 = W{2};
  V1 = zeros (size (W1));  V2 = zeros (size (W2));  Q1 = V1;  Q2 = V2;
  for t = 1:iters
    G = Sx * (W1 * W2) - Sxy;
    g1 = G * W2';  g2 = W1' * G;
    if (strcmp (hp.method, 'momentum'))
      V1 = hp.beta * V1 + g1;  V2 = hp.beta * V2 + g2;
      W1 = W1 - eta * V1;  W2 = W2 - eta * V2;
    else
      V1 = hp.beta1 * V1 + (1 - hp.beta1) * g1;  V2 = hp.beta1 * V2 + (1 - hp.beta1) * g2;
      Q1 = hp.beta2 * Q1 + (1 - hp.beta2) * g1 .^ 2;  Q2 = hp.beta2 * Q2 + (1 - hp.beta2) * g2 .^ 2;
      c1 = 1 - hp.beta1 ^ t;  c2 = 1 - hp.beta2 ^ t;
      W1 = W1 - eta * (V1 / c1) ./ (sqrt (Q1 / c2) + hp.eps);
      W2 = W2 - eta * (V2 / c1) ./ (sqrt (Q2 / c2) + hp.eps);
    end
  end
  W = {W1, W2};
end

% ---------------------------------------------------------------------- second moments
function [Sx, Sxy] = bench_ref_moments (X, Y)
% bench_ref_moments -- what a user writes: X'*X/n, X'*Y/n (uint8: double (X) first).
  if (isinteger (X))
    X = double (X);
  end
  n = size (X, 1);
  Sx = X' * X / n;
  Sxy = X' * Y / n;
end

function mb = bench_sm_child (octave_exe, top, cls, which, n)
% bench_sm_child -- peak extra memory (MB) of one second-moments call in a child
% octave-cli (run_bench ('--sm-child', ...)); NaN when the child fails.
  cmd = sprintf (['"%s" --no-gui --no-window-system -q --eval "addpath (''%s''); ' ...
                  'run_bench (''--sm-child'', ''%s'', ''%s'', %d)" 2>/dev/null'], octave_exe, ...
                 fullfile (top, 'bench'), cls, which, n);
  [st, txt] = system (cmd);
  kb = regexp (txt, 'EXTRA_KB (\d+)', 'tokens', 'once');
  if (st == 0 && ~ isempty (kb))
    mb = str2double (kb{1}) / 1024;
  else
    mb = NaN;
  end
end

function sm_child (cls, which, n)
% sm_child -- the child process of the second-moments memory rows: loads X (class cls),
% resets the peak resident set (/proc/self/clear_refs), runs second_moments or the
% reference, and prints "EXTRA_KB <VmHWM after - VmRSS before>".
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
    [Sx, Sxy] = bench_ref_moments (X, Y);
  end
  after = bench_status_kb ('VmHWM');
  printf ('EXTRA_KB %d\n', max (0, after - before));
end

function kb = bench_status_kb (field)
  s = fileread ('/proc/self/status');
  tok = regexp (s, [field ':\s*(\d+)\s*kB'], 'tokens', 'once');
  kb = str2double (tok{1});
end

function st = bench_target_status (t)
% bench_target_status -- 'met', 'NOT MET' or 'n/a' for a target {statement, value,
% limit, kind, note}: kinds 'x' and 'frac' are met at or above the limit, 'mb' and
% 'over' below it.
  v = t{2};  lim = t{3};
  if (isnan (v) || isnan (lim))
    st = 'n/a';
  elseif (any (strcmp (t{4}, {'x', 'frac'})))
    st = bench_ifelse (v >= lim, 'met', 'NOT MET');
  elseif (strcmp (t{4}, 'mb'))
    st = bench_ifelse (v < lim, 'met', 'NOT MET');
  else
    st = bench_ifelse (v <= lim, 'met', 'NOT MET');
  end
end

function s = bench_target_value (t)
% bench_target_value -- a target's value as text, with its ratio to the limit.
  if (isnan (t{2}))
    s = 'n/a';
  elseif (strcmp (t{4}, 'frac'))
    s = sprintf ('%.1f%% (target %.0f%%: %.2f of it)', 100 * t{2}, 100 * t{3}, t{2} / t{3});
  elseif (strcmp (t{4}, 'mb'))
    s = sprintf ('%.1f MB (limit %.0f MB)', t{2}, t{3});
  elseif (strcmp (t{4}, 'over'))
    s = sprintf ('%+.1f%% (limit %+.0f%%)', 100 * t{2}, 100 * t{3});
  else
    s = sprintf ('%.3gx (target %.3gx: %.2f of it)', t{2}, t{3}, t{2} / t{3});
  end
end

function [nmet, nnot] = bench_targets_print (title, T, NA)
% bench_targets_print -- one line per target: status, statement, value (and note).
  printf ('\n== targets of %s ==\n', title);
  nmet = 0;  nnot = 0;
  for k = 1:numel (T)
    t = T{k};
    st = bench_target_status (t);
    nmet = nmet + strcmp (st, 'met');  nnot = nnot + strcmp (st, 'NOT MET');
    note = t{5};
    printf ('  %-8s %-78s %s%s\n', st, t{1}, bench_target_value (t), ...
            bench_ifelse (isempty (note), '', ['  [' note ']']));
  end
  printf ('targets of %s: %d met, %d not met, %d n/a\n', title, nmet, nnot, numel (T) - nmet - nnot);
end

% ---------------------------------------------------------------------- README table
function bench_table (csvfile, readme)
% bench_table -- the README's performance table from a results CSV: prints it (markdown)
% and, when readme is given, rewrites the text between the lines
% "<!-- bench-table begin -->" and "<!-- bench-table end -->" of that file.
  [hdr, R] = bench_read_csv (csvfile);
  hv = @(pat) bench_header_field (hdr, pat);
  out = {};
  out{end+1} = sprintf ('Generated by `make bench-table` from `%s` (%s).', ...
                        bench_relpath (csvfile), strtrim (regexprep (hv ('^lindyn benchmark'), '^lindyn benchmark \((\w+) mode\),', '$1 run,')));
  out{end+1} = sprintf ('CPU: %s. BLAS: %s. lindyn''s small-product kernel: %s.', ...
                        regexprep (hv ('^CPU: '), '^CPU: ', ''), regexprep (hv ('^BLAS: '), '^BLAS: ', ''), ...
                        regexprep (hv ('^lindyn small-product kernel: '), '^lindyn small-product kernel: ', ''));
  out{end+1} = sprintf ('%s. Machine %s: %s. %s.', regexprep (hv ('^Octave'), ';.*', ''), ...
                        'load', regexprep (hv ('load average'), '.*load average at start: (\S+ \S+ \S+).*', '$1'), ...
                        strjoin (hdr(~ cellfun (@isempty, regexp (hdr, '^limits: '))), '; '));
  out{end+1} = '';
  out{end+1} = 'Eq. 5 (gradient descent on the moments), µs per iteration, medians; the roofline limit is max(flops / dgemm rate, bytes / stream bandwidth at the working set), both cores; bytes: Sx, Sxy and every factor read once, every factor written once.';
  out{end+1} = '';
  out{end+1} = '| case | Octave loop | lindyn | NumPy | PyTorch | PyTorch 1 thr | roofline | lindyn % of roofline | lindyn GFLOP/s |';
  out{end+1} = '|---|---|---|---|---|---|---|---|---|';
  sel = strcmp ({R.section}, 'gd') & cellfun (@isempty, regexp ({R.case}, 'recording'));
  keys = unique_stable (strcat ({R(sel).case}, '|', {R(sel).size}));
  for k = 1:numel (keys)
    parts = strsplit (keys{k}, '|');
    m = sel & strcmp ({R.case}, parts{1}) & strcmp ({R.size}, parts{2});
    g = @(impl, col) bench_pick (R, m, impl, col);
    out{end+1} = sprintf ('| %s, %s | %s | %s | %s | %s | %s | %s | %s | %s |', parts{1}, parts{2}, ...
                          bench_t (g ('A', 'us_per_iter')), bench_t (g ('pkg', 'us_per_iter')), ...
                          bench_t (g ('numpy', 'us_per_iter')), bench_t (g ('torch', 'us_per_iter')), ...
                          bench_t (g ('torch1', 'us_per_iter')), bench_t (g ('roof', 'us_per_iter')), ...
                          bench_pct (g ('pkg', 'frac_roof')), bench_t (g ('pkg', 'gflops')));
  end
  sel = strcmp ({R.section}, 'engine') & cellfun (@isempty, regexp ({R.case}, 'check'));
  if (any (sel))
    out{end+1} = '';
    out{end+1} = 'The engine (objectives and update rules), µs per iteration, medians; the Octave loop is the same update written plainly.';
    out{end+1} = '';
    out{end+1} = '| case | Octave loop | lindyn | PyTorch | PyTorch 1 thr | lindyn vs loop | lindyn vs PyTorch |';
    out{end+1} = '|---|---|---|---|---|---|---|';
    keys = unique_stable (strcat ({R(sel).case}, '|', {R(sel).size}));
    for k = 1:numel (keys)
      parts = strsplit (keys{k}, '|');
      m = sel & strcmp ({R.case}, parts{1}) & strcmp ({R.size}, parts{2});
      g = @(impl, col) bench_pick (R, m, impl, col);
      out{end+1} = sprintf ('| %s, %s | %s | %s | %s | %s | %s | %s |', parts{1}, parts{2}, ...
                            bench_t (g ('A', 'us_per_iter')), bench_t (g ('pkg', 'us_per_iter')), ...
                            bench_t (g ('torch', 'us_per_iter')), bench_t (g ('torch1', 'us_per_iter')), ...
                            bench_x (g ('pkg', 'ratio')), bench_x (g ('torch', 'us_per_iter') / g ('pkg', 'us_per_iter')));
    end
  end
  sel = strcmp ({R.section}, 'moments');
  if (any (sel))
    out{end+1} = '';
    out{end+1} = '`second_moments (X, Y)` against `X''*X/n, X''*Y/n` (uint8: `double (X)` first), seconds per call and peak extra memory (MB) of the call in a child process:';
    out{end+1} = '';
    out{end+1} = '| X | X''*X/n, X''*Y/n | second_moments | speed-up | memory: reference | memory: second_moments |';
    out{end+1} = '|---|---|---|---|---|---|';
    szs = unique_stable ({R(sel).size});
    for k = 1:numel (szs)
      m = sel & strcmp ({R.size}, szs{k});
      iref = find (m & strcmp ({R.case}, 'reference'), 1);  ism = find (m & strcmp ({R.case}, 'second_moments'), 1);
      if (isempty (iref) || isempty (ism)), continue;  end
      out{end+1} = sprintf ('| %s | %.3g s | %.3g s | %s | %.0f | %.0f |', szs{k}, R(iref).seconds, ...
                            R(ism).seconds, bench_x (R(ism).ratio), R(iref).mem_mb, R(ism).mem_mb);
    end
  end
  sel = find (strcmp ({R.section}, 'target16'));
  if (~ isempty (sel))
    out{end+1} = '';
    out{end+1} = 'Targets of issue 16 in this run:';
    out{end+1} = '';
    for k = sel
      out{end+1} = sprintf ('- **%s** — %s: %s', R(k).status, R(k).case, R(k).note);
    end
  end
  printf ('%s\n', out{:});
  if (nargin > 1 && ~ isempty (readme))
    txt = fileread (readme);
    b = '<!-- bench-table begin -->';  e = '<!-- bench-table end -->';
    i1 = strfind (txt, b);  i2 = strfind (txt, e);
    if (isempty (i1) || isempty (i2) || i2(1) < i1(1))
      error ('bench_table: %s has no %s ... %s markers', readme, b, e);
    end
    txt = [txt(1:i1(1) + numel (b) - 1), "\n", strjoin(out, "\n"), "\n", txt(i2(1):end)];
    fid = fopen (readme, 'w');  fputs (fid, txt);  fclose (fid);
    printf ('rewrote the table of %s\n', readme);
  end
end

function s = bench_relpath (f)
  [~, n, e] = fileparts (f);
  s = ['bench/' n e];
end

function v = bench_pick (R, m, impl, col)
  i = find (m & strcmp ({R.impl}, impl), 1);
  if (isempty (i))
    v = NaN;
  else
    v = R(i).(col);
  end
end

function s = bench_t (v)
  if (isnan (v)), s = '–';  else, s = sprintf ('%.3g', v);  end
end

function s = bench_pct (v)
  if (isnan (v)), s = '–';  else, s = sprintf ('%.0f%%', 100 * v);  end
end

function s = bench_x (v)
  if (isnan (v)), s = '–';  else, s = sprintf ('%.2g×', v);  end
end

function u = unique_stable (c)
  [~, i] = unique (c);
  u = c(sort (i));
end

function s = bench_header_field (hdr, pat)
  i = find (~ cellfun (@isempty, regexp (hdr, pat)), 1);
  if (isempty (i)), s = '';  else, s = hdr{i};  end
end

function [hdr, R] = bench_read_csv (f)
% bench_read_csv -- the # header lines and the rows (struct array, numeric columns as
% numbers) of a results CSV.
  lines = strsplit (fileread (f), "\n");
  hdr = {};  cols = {};  R = struct ([]);
  num = {'iterations', 'seconds', 'us_per_iter', 'ratio', 'gflops', 'frac_dgemm', 'frac_dgemm1', ...
         'bytes', 'roof_us', 'frac_roof', 'rel_diff', 'mem_mb', 'overhead_ms', 'cpu_us_per_iter', 'ratio_cpu'};
  rows = {};
  for k = 1:numel (lines)
    ln = lines{k};
    if (isempty (ln)), continue;  end
    if (ln(1) == '#')
      hdr{end+1} = strtrim (ln(2:end));
    elseif (isempty (cols))
      cols = strsplit (ln, ',');
    else
      rows{end+1} = bench_csv_split (ln);
    end
  end
  R = repmat (cell2struct (cell (numel (cols), 1), cols, 1), 1, numel (rows));
  for k = 1:numel (rows)
    v = rows{k};
    for j = 1:numel (cols)
      x = '';
      if (j <= numel (v)), x = v{j};  end
      if (any (strcmp (cols{j}, num)))
        if (isempty (x)), x = NaN;  else, x = str2double (x);  end
      end
      R(k).(cols{j}) = x;
    end
  end
end

function f = bench_csv_split (ln)
% bench_csv_split -- the fields of one CSV line (double-quoted fields may hold commas
% and doubled quotes).
  f = {};  cur = '';  q = false;  k = 1;
  while (k <= numel (ln))
    ch = ln(k);
    if (q)
      if (ch == '"' && k < numel (ln) && ln(k+1) == '"')
        cur(end+1) = '"';  k = k + 1;
      elseif (ch == '"')
        q = false;
      else
        cur(end+1) = ch;
      end
    elseif (ch == '"')
      q = true;
    elseif (ch == ',')
      f{end+1} = cur;  cur = '';
    else
      cur(end+1) = ch;
    end
    k = k + 1;
  end
  f{end+1} = cur;
end

function bench_profile_case (top, name, iters)
% bench_profile_case -- run one engine or second-moments case of the benchmark (its
% problem as make bench builds it) for iters iterations (calls, for moments-*), for
% bench/profile.sh.
  if (ischar (iters)), iters = str2double (iters);  end
  if (strcmp (name, 'sgd') || strncmp (name, 'moments-', 8))
    [X, Y, src] = bench_mnist (top, 60000);
  else                              % the other cases do not use the data
    [X, Y, src] = deal (zeros (2, 784, 'uint8'), [1 0; 0 1] * ones (2, 10) / 10, 'none');
  end
  if (strncmp (name, 'moments-', 8))
    cls = name(9:end);
    if (~ strcmp (cls, 'uint8')), X = cast (X, cls);  end
    t0 = tic ();
    for k = 1:iters
      [Sx, Sxy] = second_moments (X, Y);
    end
    printf ('%s: %d calls of second_moments on %s (%s), %.3f s per call\n', name, iters, src, cls, toc (t0) / iters);
    return;
  end
  E = bench_engine_cases (X, Y, src, false, name);
  k = find (strcmp ({E.key}, name), 1);
  if (isempty (k))
    error ('run_bench: no case %s (one of: %s)', name, strjoin ({E.key}, ', '));
  end
  t0 = tic ();
  E(k).fP (iters);
  printf ('%s (%s): %d iterations of %s, %.4g s (fixed cost included)\n', name, E(k).size, iters, E(k).fn, toc (t0));
end
