function bench_ab (top, base, varargin)
% bench_ab -- A/B: every gradient-descent row of the moments path through two builds in
% one Octave process: "old", the MEX files and .m functions of git revision base (default
% main), and "new", this tree.
%
%   run_bench ('--ab', BASE)          (make bench-ab BENCH_BASE=<rev>)
%   run_bench ('--ab', BASE, NEWDIR)  "new" is the built tree NEWDIR (its src/ and inst/;
%                                     e.g. a scratch copy with a change to measure)
%
% The old build: `git archive` of BASE unpacked into a folder under tempdir named after
% the commit, its MEX files built there by its own src/Makefile (kept, and reused by the
% next run for the same commit).  The two builds take turns on the path (rmpath /
% addpath of their src/ and inst/; each .m function then runs its own private helpers
% and MEX files), with an untimed warm-up call after every switch.
%
% Rows: the gd cases of bench_gd (every shape, L = 1, 2, 3; "core": the gateway alone,
% __lindyn_gd__ where the build has it, else __lindyn_run__; "pkg": gd_linear / gd_deep
% with one record; "pkg+rec": 200 records), the recording rows of bench_recording and the
% sweep rows of bench_sweep, on the same problems (bench_problem, the same seeds).  Per
% row the iteration count is calibrated on the new build (~0.3 s of CPU time of growing
% part; quick: 0.05 s); then reps times (7; quick 3) both builds run in turn, the order alternating
% (old first in odd repetitions, new first in even ones), each at n and, for per-iteration
% rows, at 0 iterations (the fixed cost).  Per build: the median and the min-max over the
% repetitions of the per-iteration time ((time at n - time at 0) / n; whole-call rows:
% time at n / n; "pkg+rec" is a whole-call row at pkg's n, as in make bench, where
% recording is a cost per record), the same from CPU time, the fixed cost; new/old of
% the medians, and a verdict on each of CPU and wall time: "ok" within 5% or faster, else
% "SLOWER" by how much; "(ranges overlap)" when the min-max ranges of the two builds
% overlap (the load of a shared machine moves the times more than the difference).  rel_diff: the two builds' final factors after the
% same iterations.  Written to bench/results-ab.csv (quick: results-ab-quick.csv).
%
% BENCH_AB_TIMING=0 skips the timed rows.  Then, unless BENCH_AB_CALLGRIND=0, the
% load-independent comparison: a child octave-cli
% under valgrind --tool=callgrind (instrumentation switched on and the counters zeroed
% and dumped around each call by client requests, bench_cg.c) runs, through both builds
% (OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = 1), the gateway alone ("core") at each gd
% shape and for the K = 32 sweep at n1 and n2 iterations, giving instructions per
% iteration ((Ir(n2) - Ir(n1)) / (n2 - n1)) and per call (the rest), and the public
% function ("pkg") at iters = 0, its fixed cost per call (beyond it, a run costs the
% core's instructions per iteration and a cost per chunk of the .m driver, whose chunks
% are sized by wall time and so not load-independent); new/old, and the rows that differ
% by more than 5%.  The dump files stay in the folder it names, for
% callgrind_annotate.  Under valgrind the CPU shows no AVX-512: both builds count their
% AVX2 kernels.
%
%   run_bench ('--ab', '--callgrind-child', OLDDIR, NEWDIR, OUT)   that child
  if (nargin >= 2 && strcmp (base, '--callgrind-child'))
    cg_child (top, varargin{:});
    return;
  end
  if (nargin < 2 || isempty (base)), base = 'main';  end
  newdir = top;
  if (nargin >= 3 && ~ isempty (varargin{1})), newdir = varargin{1};  end
  more off;
  env = getenv ('BENCH_QUICK');
  quick = ~ isempty (env) && ~ any (strcmp (env, {'0', 'no', 'false'}));
  target = bench_ifelse (quick, 0.05, 0.3);  reps = bench_ifelse (quick, 3, 7);
  A = build_base (top, base);
  B = struct ('name', 'new', 'dirs', {{fullfile(newdir, 'src'), fullfile(newdir, 'inst')}}, ...
              'rev', tree_rev (newdir));
  builds = {A, B};
  for b = 1:2
    use (builds, b);
    builds{b}.caps = caps ();
  end
  [~, load0] = system ('cat /proc/loadavg');
  header = {sprintf('lindyn A/B (%s mode): old = %s (%s), new = %s (%s)', ...
                    bench_ifelse (quick, 'quick', 'full'), base, A.rev, newdir, B.rev), ...
            sprintf('CPU: %s, %d cores; Octave %s; OPENBLAS_NUM_THREADS=%s', cpu_name (), nproc (), ...
                    OCTAVE_VERSION, bench_ifelse (isempty (getenv ('OPENBLAS_NUM_THREADS')), 'unset', getenv ('OPENBLAS_NUM_THREADS'))), ...
            sprintf('core rows: old %s, new %s; pkg rows without records: %s', builds{1}.caps.core, ...
                    builds{2}.caps.core, bench_ifelse (isempty (builds{2}.caps.erank), ...
                    'as the old build', '"effective_rank", false on the new build (the old one has no such records)')), ...
            sprintf(['timing: %d repetitions per row, old and new in turn (order alternating), ~%.2g s ', ...
                     'of CPU each; verdicts on CPU time (what a single-threaded row uses; the ', ...
                     'load of other jobs stretches wall times) and on wall time; load average at start: %s'], ...
                    reps, target, strtrim (load0))};
  printf ('%s\n', header{:});
  print_head ();

  rows = ab_rows (quick);
  if (is_off ('BENCH_AB_TIMING'))
    rows = rows([]);
  end
  res = struct ('row', {}, 'n', {}, 'x', {}, 'u', {}, 'c', {}, 'e', {});
  for i = 1:numel (rows)
    r = rows(i);
    n = r.n;
    if (strcmp (r.kind, 'iter'))
      use (builds, 2);
      f = @(k) r.run (builds{2}.caps, k);
      n = bench_calibrate (@(k) cpu_of (f, k), target, 1);
    elseif (isnan (n))                  % pkg+rec: the iterations of the row before (pkg)
      n = res(end).n;
    end
    x = NaN (reps, 2);  u = x;  c = x;
    for k = 1:reps
      order = bench_ifelse (mod (k, 2) == 1, [1 2], [2 1]);
      for b = order
        use (builds, b);
        f = @(m) r.run (builds{b}.caps, m);
        f (0);                                      % warm-up after the switch
        t0 = 0;  u0 = 0;
        if (strcmp (r.kind, 'iter'))
          [t0, u0] = bench_tictoc (f, 0);
        end
        [tn, un] = bench_tictoc (f, n);
        x(k,b) = (tn - t0) / n;  u(k,b) = (un - u0) / n;  c(k,b) = t0;
      end
    end
    out = cell (1, 2);
    for b = 1:2
      use (builds, b);
      out{b} = final (r.run (builds{b}.caps, min (n, r.ncheck)));
    end
    e = bench_reldiff (out{2}, out{1});
    res(end+1) = struct ('row', r, 'n', n, 'x', x, 'u', u, 'c', c, 'e', e);
    print_row (res(end));
  end
  [~, load1] = system ('cat /proc/loadavg');
  header{end+1} = sprintf ('load average at the end: %s', strtrim (load1));
  printf ('%s\n', header{end});
  use (builds, 2);
  if (~ isempty (res))
    summary (res);
    out = fullfile (newdir, 'bench', bench_ifelse (quick, 'results-ab-quick.csv', 'results-ab.csv'));
    write_csv (out, header, res);
    printf ('wrote %s\n', out);
  end
  if (~ is_off ('BENCH_AB_CALLGRIND'))
    callgrind (top, A, newdir, quick);
  end
end

function u = cpu_of (f, n)
% CPU seconds of f(n): the calibration, steadier than wall time on a loaded machine
  [~, u] = bench_tictoc (f, n);
end

function off = is_off (name)
  v = getenv (name);
  off = any (strcmp (v, {'0', 'no', 'false'}));
end

% ---------------------------------------------------------------------- the builds
function A = build_base (top, base)
% the old build: base's tree from git archive, its MEX files built by its src/Makefile,
% in tempdir/lindyn-ab-<commit> (reused when its stamp file is there)
  [st, sha] = system (sprintf ('git -C "%s" rev-parse --verify "%s^{commit}" 2>&1', top, base));
  sha = strtrim (sha);
  if (st ~= 0)
    error ('bench_ab: %s is not a revision of %s: %s', base, top, sha);
  end
  dir = fullfile (tempdir (), ['lindyn-ab-' sha]);
  stamp = fullfile (dir, 'src', 'bench-ab-built');
  if (~ exist (stamp, 'file'))
    printf ('bench_ab: building %s (%s) in %s ...\n', base, sha(1:10), dir);
    fflush (stdout);
    system (sprintf ('rm -rf "%s"', dir));
    mkdir (dir);
    mk = fullfile (OCTAVE_HOME (), 'bin', 'mkoctfile');
    [st, txt] = system (sprintf (['git -C "%s" archive "%s" | tar -x -C "%s" && ', ...
                                  'make -C "%s/src" -j%d MKOCTFILE="%s" 2>&1'], ...
                                 top, sha, dir, dir, nproc (), mk));
    if (st ~= 0)
      error ('bench_ab: the build of %s failed:\n%s', base, txt);
    end
    fclose (fopen (stamp, 'w'));
  end
  A = struct ('name', 'old', 'dirs', {{fullfile(dir, 'src'), fullfile(dir, 'inst')}}, ...
              'rev', sha(1:10));
end

function s = tree_rev (top)
  [st, s] = system (sprintf ('git -C "%s" rev-parse --short=10 HEAD 2>/dev/null', top));
  s = strtrim (s);
  if (st ~= 0)
    s = 'not a git tree';
    return;
  end
  [~, d] = system (sprintf ('git -C "%s" status --porcelain --untracked-files=no -- src inst', top));
  if (~ isempty (strtrim (d)))
    s = [s, ' with uncommitted changes in src/ or inst/'];
  end
end

function use (builds, b)
% put build b's src/ and inst/ on the path instead of the other's
  p = strsplit (path (), pathsep ());
  o = builds{3 - b}.dirs;
  for k = 1:numel (o)
    if (any (strcmp (p, o{k}))), rmpath (o{k});  end
  end
  addpath (builds{b}.dirs{:});
end

function c = caps ()
% what the build on the path offers: its fused-gradient gateway and gd_deep's options
  c.core = bench_ifelse (exist ('__lindyn_gd__') == 3, '__lindyn_gd__', '__lindyn_run__');
  c.erank = {};
  try
    gd_deep (1, 1, 0.1, 0, {1, 1}, 'effective_rank', false, 'verbose', false);
    c.erank = {'effective_rank', false};
  catch
  end
end

function s = cpu_name ()
  tok = regexp (fileread ('/proc/cpuinfo'), 'model name\s*:\s*([^\n]*)', 'tokens', 'once');
  s = 'unknown';
  if (~ isempty (tok)), s = strtrim (tok{1});  end
end

% ---------------------------------------------------------------------- the rows
function rows = ab_rows (quick)
% every gradient-descent row of the moments path in make bench: section, case, size,
% impl, kind ('iter': per iteration net of the fixed cost, n calibrated; 'whole': whole
% calls of n iterations, NaN: the n of the row before), run (caps, n) and the iterations
% of the final check
  rows = struct ('section', {}, 'case', {}, 'size', {}, 'impl', {}, 'kind', {}, 'n', {}, ...
                 'run', {}, 'ncheck', {}, 'fl', {});
  cases = [1 8 8 8; 1 20 20 20; 1 64 64 64; 1 256 256 256; 1 784 10 784; ...
           2 8 8 8; 2 20 20 20; 2 64 64 64; 2 256 256 256; 2 784 10 784; 2 784 10 100; ...
           3 64 64 64];
  for c = 1:size (cases, 1)                         % the seeds of bench_gd: the case index
    L = cases(c,1);  d = cases(c,2);  p = cases(c,3);  r = cases(c,4);
    if (quick && d > 64), continue;  end
    [Sx, Sxy, W0, eta] = bench_problem (L, d, p, r, c);
    Wstar = pinv (Sx) * Sxy;
    fn = bench_ifelse (L == 1, 'gd_linear', 'gd_deep');
    sz = bench_ifelse (L == 1, sprintf ('d=%d p=%d', d, p), sprintf ('d=%d p=%d r=%d', d, p, r));
    cs = sprintf ('L=%d', L);
    fl = bench_flops (L, d, p, r);
    nchk = max (1, round (2e7 / fl));
    rows(end+1) = row ('gd', cs, sz, 'core', 'iter', NaN, ...
                       @(cp, n) core (cp, Sx, Sxy, Wstar, eta, W0, n), nchk, fl);
    rows(end+1) = row ('gd', cs, sz, 'pkg', 'iter', NaN, ...
                       @(cp, n) bench_call (fn, Sx, Sxy, eta, n, W0, 'record', n, 'nuclear', false, ...
                                            'sv', 0, cp.erank{:}, 'verbose', false), nchk, fl);
    rows(end+1) = row ('gd', cs, sz, 'pkg+rec', 'whole', NaN, ...
                       @(cp, n) bench_call (fn, Sx, Sxy, eta, n, W0, 'record', ...
                                            round (linspace (0, n, 200)), 'verbose', false), nchk, fl);
  end
  rec_iters = bench_ifelse (quick, 1e4, 1e5);
  for L = [2 1]                                     % the seeds of bench_recording
    [Sx, Sxy, W0, eta] = bench_problem (L, 20, 20, 20, 100 + L);
    fn = bench_ifelse (L == 1, 'gd_linear', 'gd_deep');
    cs = sprintf ('L=%d recording', L);
    rows(end+1) = row ('gd', cs, 'd=p=r=20', 'pkg', 'whole', rec_iters, ...
                       @(cp, n) bench_call (fn, Sx, Sxy, eta, n, W0, 'record', n, 'nuclear', false, ...
                                            'sv', 0, cp.erank{:}, 'verbose', false), 1000, ...
                       bench_flops (L, 20, 20, 20));
    rows(end+1) = row ('gd', cs, 'd=p=r=20', 'pkg+rec', 'whole', rec_iters, ...
                       @(cp, n) bench_call (fn, Sx, Sxy, eta, n, W0, 'record', ...
                                            round (linspace (0, n, 200)), 'verbose', false), 1000, ...
                       bench_flops (L, 20, 20, 20));
  end
  K = 32;                                           % the sweep of bench_sweep
  [Sx, Sxy, W0] = bench_problem (2, 20, 20, 20, 300);
  etas = linspace (0.02, 0.08, K);
  nS = bench_ifelse (quick, 300, 1e4);
  sz = sprintf ('L=2 d=p=r=20 K=%d', K);
  Wstar = pinv (Sx) * Sxy;
  rows(end+1) = row ('sweep', 'eta vector', sz, 'core', 'iter', NaN, ...
                     @(cp, n) core (cp, Sx, Sxy, Wstar, etas, W0, n), 300, K * bench_flops (2, 20, 20, 20));
  rows(end+1) = row ('sweep', 'eta vector', sz, 'K separate calls', 'whole', nS, ...
                     @(cp, n) separate (cp, Sx, Sxy, etas, n, W0), 300, K * bench_flops (2, 20, 20, 20));
  rows(end+1) = row ('sweep', 'eta vector', sz, 'one call, eta vector', 'whole', nS, ...
                     @(cp, n) gd_deep (Sx, Sxy, etas, n, W0, 'record', n, 'nuclear', false, ...
                                       'sv', 0, cp.erank{:}, 'verbose', false), 300, ...
                     K * bench_flops (2, 20, 20, 20));
end

function r = row (section, cs, sz, impl, kind, n, run, ncheck, fl)
  r = struct ('section', section, 'case', cs, 'size', sz, 'impl', impl, 'kind', kind, ...
              'n', n, 'run', run, 'ncheck', ncheck, 'fl', fl);
end

function R = core (cp, Sx, Sxy, Wstar, eta, W0, n)
% the gateway alone, no records: the build's __lindyn_gd__ (positional), else
% __lindyn_run__ (a struct spec, bench_core)
  if (strcmp (cp.core, '__lindyn_gd__'))
    R = __lindyn_gd__ (Sx, Sxy, Wstar, eta, W0, n, zeros (1, 0), Inf, 0, false, [], false);
  else
    R = bench_core (Sx, Sxy, Wstar, eta, W0, n);
  end
end

function W = separate (cp, Sx, Sxy, etas, n, W0)
% one gd_deep call per step size; the end-to-end matrices, d-by-p-by-K
  W = zeros (size (Sxy, 1), size (Sxy, 2), numel (etas));
  for k = 1:numel (etas)
    R = gd_deep (Sx, Sxy, etas(k), n, W0, 'record', n, 'nuclear', false, 'sv', 0, cp.erank{:}, ...
                 'verbose', false);
    W(:,:,k) = R.W;
  end
end

function F = final (R)
% what the builds are compared on: the factors of one run, the end-to-end matrices of
% several
  if (isstruct (R) && numel (R) > 1)           % a sweep: the K end-to-end matrices
    F = {[]};
    for k = 1:numel (R)
      E = R(k).factors{1};
      for l = 2:numel (R(k).factors), E = E * R(k).factors{l};  end
      F{1} = [F{1}, E];
    end
  elseif (isstruct (R))
    F = R.factors;
  else
    F = {R(:,:)};
  end
end

% ---------------------------------------------------------------------- the report
function v = verdict (q, w)
% the verdict on wall (w = 'wall') or CPU time (w = 'cpu')
  x = q.(w);
  v = bench_ifelse (x.ratio <= 1.05, 'ok', sprintf ('SLOWER by %.0f%%', 100 * (x.ratio - 1)));
  if (x.overlap)
    v = [v, ' (ranges overlap)'];
  end
end

function q = stats (s)
% per build the medians and ranges of the wall (s.x) and CPU (s.u) times per iteration,
% new/old of the medians, and whether the ranges overlap
  for w = {'wall', 'cpu'}
    t = bench_ifelse (strcmp (w{1}, 'wall'), s.x, s.u);
    x.med = median (t, 1);  x.lo = min (t, [], 1);  x.hi = max (t, [], 1);
    x.ratio = x.med(2) / x.med(1);
    x.overlap = x.lo(2) <= x.hi(1) && x.lo(1) <= x.hi(2);
    q.(w{1}) = x;
  end
  q.ovh = 1e3 * median (s.c, 1);
end

function print_head ()
  printf ('\n%-9s %-7s %-16s %-20s %8s | %-36s | %-36s | %s\n', '', '', '', '', '', ...
          'wall us/iter: old, new (min-max)', 'CPU us/iter: old, new (min-max)', '');
  printf ('%-9s %-7s %-16s %-20s %8s | %-28s %7s | %-28s %7s | %8s  %s\n', 'section', 'case', ...
          'size', 'impl', 'iters', 'old / new', 'new/old', 'old / new', 'new/old', 'rel_diff', ...
          'verdict: CPU; wall');
end

function print_row (s)
  q = stats (s);
  r = s.row;
  rng = @(x, b) sprintf ('%.4g (%.3g-%.3g)', 1e6 * x.med(b), 1e6 * x.lo(b), 1e6 * x.hi(b));
  printf ('%-9s %-7s %-16s %-20s %8d | %-28s %7.3f | %-28s %7.3f | %8.1e  %s; %s\n', r.section, ...
          strrep (r.case, ' recording', '-rec'), r.size, [r.impl, bench_ifelse(strcmp (r.kind, 'whole'), ' (whole)', '')], ...
          s.n, [rng(q.wall, 1) ' / ' rng(q.wall, 2)], q.wall.ratio, ...
          [rng(q.cpu, 1) ' / ' rng(q.cpu, 2)], q.cpu.ratio, s.e, verdict (q, 'cpu'), verdict (q, 'wall'));
  fflush (stdout);
end

function summary (res)
  for w = {'cpu', 'wall'}
    slow = {};
    for i = 1:numel (res)
      q = stats (res(i));
      if (q.(w{1}).ratio > 1.05)
        r = res(i).row;
        slow{end+1} = sprintf ('%s %s %s %.3f%s', r.case, r.size, r.impl, q.(w{1}).ratio, ...
                               bench_ifelse (q.(w{1}).overlap, ' (ranges overlap)', ''));
      end
    end
    printf ('\n%s time: rows within 5%% or faster: %d of %d', bench_ifelse (strcmp (w{1}, 'cpu'), 'CPU', 'wall'), ...
            numel (res) - numel (slow), numel (res));
    if (~ isempty (slow))
      printf ('; slower by more than 5%%:\n  %s', strjoin (slow, sprintf ('\n  ')));
    end
  end
  printf ('\n');
end

function write_csv (file, header, res)
  fid = fopen (file, 'w');
  fprintf (fid, '# %s\n', header{:});
  fprintf (fid, ['section,case,size,impl,kind,iterations,old_us,old_min,old_max,new_us,new_min,new_max,ratio,', ...
                 'old_cpu_us,old_cpu_min,old_cpu_max,new_cpu_us,new_cpu_min,new_cpu_max,cpu_ratio,', ...
                 'old_ovh_ms,new_ovh_ms,rel_diff,verdict_cpu,verdict_wall\n']);
  for i = 1:numel (res)
    q = stats (res(i));  r = res(i).row;
    v = @(x) [1e6 * x.med(1), 1e6 * x.lo(1), 1e6 * x.hi(1), 1e6 * x.med(2), 1e6 * x.lo(2), 1e6 * x.hi(2), x.ratio];
    fprintf (fid, '%s,"%s","%s","%s",%s,%d,%s,%s,%.6g,%.6g,%.3g,"%s","%s"\n', r.section, r.case, r.size, ...
             r.impl, r.kind, res(i).n, strjoin (arrayfun (@(x) sprintf ('%.6g', x), v (q.wall), 'UniformOutput', false), ','), ...
             strjoin (arrayfun (@(x) sprintf ('%.6g', x), v (q.cpu), 'UniformOutput', false), ','), ...
             q.ovh(1), q.ovh(2), res(i).e, verdict (q, 'cpu'), verdict (q, 'wall'));
  end
  fclose (fid);
end

% ---------------------------------------------------------------------- callgrind
function callgrind (top, A, newdir, quick)
% the child under valgrind, then the instruction counts of its dumps
  printf ('\n== instruction counts (valgrind --tool=callgrind; OPENBLAS_NUM_THREADS=1, OMP_NUM_THREADS=1) ==\n');
  if (system ('command -v valgrind >/dev/null 2>&1') ~= 0)
    printf ('valgrind not found: skipped\n');
    return;
  end
  out = tempname (tempdir (), 'lindyn-ab-cg-');
  mkdir (out);
  if (~ bench_mex (top, out, 'bench_cg'))
    printf ('bench/bench_cg.c did not build (valgrind/callgrind.h missing?): skipped\n');
    return;
  end
  exe = fullfile (OCTAVE_HOME (), 'bin', 'octave-cli');
  cmd = sprintf (['cd "%s" && OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 BENCH_QUICK=%d ', ...
                  'valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="%s/cg.out" ', ...
                  '"%s" --no-gui --no-window-system -q --eval "addpath (''%s''); addpath (''%s''); ', ...
                  'run_bench (''--ab'', ''--callgrind-child'', ''%s'', ''%s'', ''%s'')" > "%s/child.log" 2>&1'], ...
                 out, quick, out, exe, fullfile (top, 'bench'), out, fileparts (A.dirs{1}), newdir, out, out);
  t0 = tic ();
  st = system (cmd);
  printf ('(the child ran %.0f s under valgrind; dumps and log in %s)\n', toc (t0), out);
  if (st ~= 0)
    printf ('the child failed (status %d); see %s/child.log\n', st, out);
  end
  cases = cg_read (out);
  if (isempty (cases))
    printf ('no dumps found\n');
    return;
  end
  printf ('%-10s %-18s %-5s %12s %12s %12s %8s %12s %12s %8s\n', 'case', 'size', 'impl', 'n1/n2', ...
          'old Ir/iter', 'new Ir/iter', 'new/old', 'old Ir/call', 'new Ir/call', 'new/old');
  diff = {};
  for i = 1:numel (cases)
    c = cases(i);
    printf ('%-10s %-18s %-5s %12s %12.0f %12.0f %8.3f %12.0f %12.0f %8.3f\n', c.case, c.size, c.impl, ...
            sprintf ('%d/%d', c.n1, c.n2), c.iter(1), c.iter(2), c.iter(2) / c.iter(1), ...
            c.fixed(1), c.fixed(2), c.fixed(2) / c.fixed(1));
    if (abs (c.iter(2) / c.iter(1) - 1) > 0.05)
      diff{end+1} = sprintf ('%s %s %s per iteration %.3f', c.case, c.size, c.impl, c.iter(2) / c.iter(1));
    end
    if (abs (c.fixed(2) / c.fixed(1) - 1) > 0.05)
      diff{end+1} = sprintf ('%s %s %s per call %.3f', c.case, c.size, c.impl, c.fixed(2) / c.fixed(1));
    end
  end
  if (isempty (diff))
    printf ('no row differs by more than 5%% in instructions\n');
  else
    printf ('differ by more than 5%% in instructions:\n  %s\n', strjoin (diff, sprintf ('\n  ')));
  end
end

function cg_child (top, olddir, newdir, out)
% runs under callgrind: each case through both builds at n1 and n2 iterations, the
% counters zeroed before and dumped after each call (dump name: build|case|size|impl|n)
  builds = {struct('dirs', {{fullfile(olddir, 'src'), fullfile(olddir, 'inst')}}), ...
            struct('dirs', {{fullfile(newdir, 'src'), fullfile(newdir, 'inst')}})};
  for b = 1:2
    use (builds, b);
    builds{b}.caps = caps ();
  end
  env = getenv ('BENCH_QUICK');
  quick = ~ isempty (env) && ~ any (strcmp (env, {'0', 'no', 'false'}));
  rows = ab_rows (quick);
  keep = false (1, numel (rows));
  for i = 1:numel (rows)                 % the gateway alone (core) and the public function
    keep(i) = strcmp (rows(i).kind, 'iter') && any (strcmp (rows(i).impl, {'core', 'pkg'}));
  end
  rows = rows(keep);
  bench_cg ('start');
  for i = 1:numel (rows)
    r = rows(i);
    if (strcmp (r.impl, 'pkg'))
      % the public function's fixed cost (iters = 0): its per-iteration part is the
      % core's plus a cost per chunk of the driver, whose chunks are sized by wall time
      n = 0;
    else
      dn = min (20000, max (5, round (3e7 / r.fl)));
      n1 = max (2, round (dn / 10));  n = [n1, n1 + dn];
    end
    for b = 1:2
      use (builds, b);
      r.run (builds{b}.caps, n(1));                 % warm-up after the switch
      for j = 1:numel (n)
        bench_cg ('zero');
        r.run (builds{b}.caps, n(j));
        bench_cg ('dump', sprintf ('%d|%s|%s|%s|%d', b, r.case, r.size, r.impl, n(j)));
      end
    end
    printf ('%s %s %s: n = %s\n', r.case, r.size, r.impl, mat2str (n));
    fflush (stdout);
  end
  bench_cg ('stop');
end

function cases = cg_read (out)
% the dumps of the child: per case the instructions per iteration and per call of each
% build
  f = dir (fullfile (out, 'cg.out.*'));           % cg.out.1, cg.out.2, ...: in dump order
  [~, o] = sort (cellfun (@(x) str2double (regexprep (x, '.*\.', '')), {f.name}));
  f = f(o);
  D = struct ('b', {}, 'key', {}, 'n', {}, 'ir', {});
  for k = 1:numel (f)
    txt = fileread (fullfile (out, f(k).name));
    nm = regexp (txt, 'desc: Trigger: Client Request: (\S[^\n]*)', 'tokens', 'once');
    ir = regexp (txt, '\n(?:summary|totals):\s*(\d+)', 'tokens', 'once');
    if (isempty (nm) || isempty (ir)), continue;  end
    p = strsplit (nm{1}, '|');
    if (numel (p) ~= 5), continue;  end
    D(end+1) = struct ('b', str2double (p{1}), 'key', strjoin (p(2:4), '|'), ...
                       'n', str2double (p{5}), 'ir', str2double (ir{1}));
  end
  cases = struct ('case', {}, 'size', {}, 'impl', {}, 'n1', {}, 'n2', {}, 'iter', {}, 'fixed', {});
  [~, first] = unique ({D.key}, 'first');
  for key = {D(sort (first)).key}
    m = strcmp ({D.key}, key{1});
    n = unique ([D(m).n]);
    it = NaN (1, 2);  fx = it;
    for b = 1:2
      i1 = find (m & [D.b] == b & [D.n] == n(1), 1);  i2 = find (m & [D.b] == b & [D.n] == n(end), 1);
      if (isempty (i1) || isempty (i2)), continue;  end
      if (numel (n) == 1)                % one call: its count
        fx(b) = D(i1).ir;
      else
        it(b) = (D(i2).ir - D(i1).ir) / (n(2) - n(1));
        fx(b) = D(i1).ir - n(1) * it(b);
      end
    end
    p = strsplit (key{1}, '|');
    cases(end+1) = struct ('case', p{1}, 'size', p{2}, 'impl', p{3}, 'n1', n(1), 'n2', n(end), ...
                           'iter', it, 'fixed', fx);
  end
end
