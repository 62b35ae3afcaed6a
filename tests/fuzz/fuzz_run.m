% fuzz_run.m -- fuzz every MEX gateway and public function of lindyn; exit non-zero on
% any crash, hang or error without a "lindyn:" identifier.
%
%   octave-cli -q tests/fuzz/fuzz_run.m --lists=N [--seed=S] [--cap=S] [--gencheck=G]
%   octave-cli -q tests/fuzz/fuzz_run.m [--budget=S | --soak[=S]] [--seed=S|random]
%   common: [--timeout=S] [--retimeout=S] [--batch=S] [--only=NAME,NAME]
%       [--kind=gateway|function|plot|demo] [--mem=KB] [--mexdir=DIR --sanitize=1]
%       [--jobs=N|auto] [--replay=TARGET:K[,K...]]
%
% Targets: every src/__lindyn_*__.mex (users can call gateways directly) and every
% inst/*.m (demo_* among them), discovered (in name order) when the run starts.  Each target
% gets the argument lists 1, 2, 3, ... of fuzz_case (random, plausible, valid and
% mutated-valid lists, each a function of (seed, target, number) alone; see there).
%
% --lists=N (what `make check-fuzz` uses): a fixed number of lists per target, the same
% on every machine: N for gateways and functions, N/10 for plotting functions and N/100
% for demos (at least 1; fuzz_lists_planned below), run in batches of a fixed number of
% lists per child.  --cap (default 1200 s) is a wall-clock safety net for the whole run,
% not a budget: a target cut short by it is marked FAIL in the table, counts as a
% failure and is named in the summary.  --gencheck=G first generates (without running)
% lists 1..G of every target for seeds S+1 and S+2: a generator error there or during the
% run is reported as a GENERATOR BUG of tests/fuzz, not as a finding in the target.
%
% --budget=S (default 150 s; --soak: 1800 s, --soak=S: S s; what `make fuzz-soak`
% uses): time-based.
% Before each target, what is left of the budget is split over the targets still to run
% with weight 1 for gateways and functions, 0.25 for plotting functions, 0.1 for demos
% (at least half of a target's share of the whole budget, so the run may exceed the
% budget by up to a half when calls overrun); lists run in batches of --batch seconds
% (default 10).  How many lists a target gets then depends on the machine.
%
% Each batch runs inside a child octave-cli (fuzz_child.m) with a virtual-memory limit
% (--mem, default 2 GB, so a huge allocation fails inside Octave instead of waking the
% OOM killer) and its folder, HOME and TMPDIR in a throw-away folder.  The child's exit
% status and signal are checked.  A call that makes no progress (does not return) for
% --timeout seconds (default 8) of CPU time is killed (the wall clock, 5 times as long plus
% 30 s, only catches a child that waits without computing; start-up gets 30 s), and then:
%   - a list that asks for a lot (a number above 1e4, like 1e9 iterations or a gateway
%     asked directly for 1.6e10 iterations, or a nonzero one below 1e-6, like a step size
%     of 1e-8) is cut after 2 s and noted: a legitimately long request;
%   - a demo call is cut after 3 s and noted: demos reproduce the paper's figures;
%   - any other list is replayed alone in a fresh child with --retimeout seconds
%     (default 4 x --timeout): if it finishes there it is a note (slow only beside its
%     batch or under load), if it hangs there too it is a failure.
% So a slow call fails only when it reproduces alone.  When a batch dies otherwise (a
% crash, an exit), the last list it started is replayed alone, and if that does not
% reproduce, the batch is bisected to the shortest failing run ending there; a death
% that reproduces neither alone nor with its batch (a kill from outside) is a note.
%
% Errors must carry an identifier starting with "lindyn:".  The one exception is
% Octave's own "Octave:invalid-fun-call" for a wrong call shape (print_usage, "called
% with too many inputs/outputs"), which Octave raises before or instead of the function's
% checks.  Every case is reproducible from (seed, target, number):
%   octave-cli -q tests/fuzz/fuzz_run.m --seed=1 --replay=second_moments:123
% prints the argument list and runs it in a child.
%
% --mexdir=DIR takes the gateways from DIR instead of src/; with --sanitize=1 the child
% runs with AddressSanitizer and UBSan preloaded (for MEX files built with
% -fsanitize=address,undefined, see `make check-sanitize-mex`), so an out-of-bounds access
% that does not crash still kills the child with a report.  ASan reserves terabytes of
% address space, so there the memory limit is ASan's allocator's (2 GB), not ulimit.
%
% --jobs=N runs N processes side by side, each with every N-th target (always the same
% ones) and the whole budget or cap (so on N cores, in N times less time with --lists);
% --jobs=auto is 2 on a machine with 2 cores or more.
%
% Prints a table of argument lists tried per target and their outcomes (time: wall
% clock, replays included; cpu: the children's CPU seconds, start-up included, about
% what the target takes on an idle machine), then
% "fuzz: N passed, N failed" (argument lists without a failure, failures); exits 1 on
% any failure.

top = fileparts (fileparts (fileparts (mfilename ('fullpath'))));
here = fileparts (mfilename ('fullpath'));
addpath (fullfile (top, 'src'));
addpath (fullfile (top, 'inst'));
addpath (here);
more off;
warning ('off', 'all');

opt = struct ('budget', 150, 'seed', 1, 'timeout', 8, 'batch', 10, 'only', '', ...
              'mem', 2000000, 'replay', '', 'kind', '', 'mexdir', '', 'sanitize', 0, ...
              'jobs', 1, 'shard', '', 'lists', 0, 'cap', 1200, 'gencheck', 0, ...
              'retimeout', 0);
soak = false;
for a = argv ()'
  s = a{1};
  if (strcmp (s, '--soak') || strncmp (s, '--soak=', 7))
    soak = true;                   % time-based: --soak=S is --budget=S, --soak 1800 s
    opt.budget = 1800;
    if (numel (s) > 7)
      opt.budget = str2double (s(8:end));
    end
    continue;
  end
  tok = regexp (s, '^--(\w+)=(.*)$', 'tokens', 'once');
  if (isempty (tok) || ~ isfield (opt, tok{1}))
    fprintf (2, 'fuzz_run: unknown argument %s\n', s);
    exit (2);
  end
  if (ischar (opt.(tok{1})))
    opt.(tok{1}) = tok{2};
  elseif (strcmp (tok{1}, 'jobs') && strcmp (tok{2}, 'auto'))
    opt.jobs = min (2, nproc ());
  elseif (strcmp (tok{1}, 'seed') && strcmp (tok{2}, 'random'))
    opt.seed = mod (floor (now () * 86400), 100000);
  else
    opt.(tok{1}) = str2double (tok{2});
  end
end
if (opt.retimeout <= 0)
  opt.retimeout = 4 * opt.timeout;   % a call replayed alone after a timeout
end
octave_bin = getenv ('OCTAVE');
if (isempty (octave_bin))
  octave_bin = fullfile (OCTAVE_HOME (), 'bin', 'octave-cli');
  if (~ exist (octave_bin, 'file'))
    octave_bin = 'octave-cli';
  end
end

mexdir = fullfile (top, 'src');
if (~ isempty (opt.mexdir))
  mexdir = make_absolute_filename (opt.mexdir);
end
opt.env = 'OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1';
opt.ulimit = sprintf ('ulimit -v %d && ', opt.mem);
if (opt.sanitize)
  [~, asan] = system ('gcc -print-file-name=libasan.so');
  [~, ubsan] = system ('gcc -print-file-name=libubsan.so');
  opt.env = sprintf (['%s LD_PRELOAD=''%s %s'' ASAN_OPTIONS=detect_leaks=0:' ...
                      'allocator_may_return_null=1:max_allocation_size_mb=2048 ' ...
                      'UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1'], ...
                     opt.env, strtrim (asan), strtrim (ubsan));
  opt.ulimit = '';
end
opt.mexdir = mexdir;

tmproot = tempname ();
mkdir (tmproot);
confirm_recursive_rmdir (false);
cleanup = onCleanup (@() rmdir (tmproot, 's'));
cd (tmproot);                    % fuzz_case may write small files (e.g. IDX examples)

% ---- the targets -------------------------------------------------------------------
targets = {};
l = dir (fullfile (mexdir, '__lindyn_*__.mex'));
for j = 1:numel (l)
  [~, name] = fileparts (l(j).name);
  targets{end + 1} = fuzz_target_info (name, fullfile (mexdir, l(j).name));
end
folders = {'inst'};
for f = folders
  l = dir (fullfile (top, f{1}, '*.m'));
  for j = 1:numel (l)
    [~, name] = fileparts (l(j).name);
    targets{end + 1} = fuzz_target_info (name, fullfile (top, f{1}, l(j).name));
  end
end
if (~ isempty (opt.only))
  keep = cellfun (@(t) any (strcmp (t.name, strsplit (opt.only, ','))), targets);
  targets = targets(keep);
end
if (~ isempty (opt.kind))
  targets = targets(cellfun (@(t) strcmp (t.kind, opt.kind), targets));
end
if (isempty (targets))
  fprintf (2, 'fuzz_run: no targets (is src/ built?)\n');
  exit (2);
end

% ---- one child run -----------------------------------------------------------------
function r = run_child (octave_bin, here, top, tmproot, target, seed, spec, deadline, opt)
  outdir = tempname (tmproot);
  work = fullfile (outdir, 'work');
  mkdir (outdir);
  mkdir (work);
  q = @(s) ['''' strrep(s, '''', '''\''''') ''''];
  cmd = sprintf (['cd %s && %sexec env HOME=%s TMPDIR=%s %s %s -f -q --no-gui ' ...
                  '--no-window-system %s %s %s %d %s %g %s %s < /dev/null > %s 2>&1'], ...
                 q(work), opt.ulimit, q(work), q(work), opt.env, q(octave_bin), ...
                 q(fullfile (here, 'fuzz_child.m')), q(top), target, seed, spec, ...
                 deadline, q(outdir), q(opt.mexdir), q(fullfile (outdir, 'log')));
  progress = fullfile (outdir, 'progress');
  t0 = tic ();
  pid = system (cmd, false, 'async');
  last_size = -1;
  last_change = tic ();
  cpu_change = 0;
  limit = max (opt.timeout, 30);      % start-up, before the first list
  r.how = '';
  r.timeout = false;
  while (true)
    [p, status] = waitpid (pid, WNOHANG);
    if (p == pid)
      break;
    end
    [st, err] = stat (progress);
    sz = 0;
    if (err == 0)
      sz = st.size;
    end
    cpu = child_cpu (pid);
    if (sz ~= last_size)
      last_size = sz;
      last_change = tic ();
      cpu_change = cpu;
      % a list that asks for a lot (marked "*" by the child) gets 2 s, not the full timeout
      limit = opt.timeout;
      if (sz > 0)
        fid = fopen (progress, 'r');
        fseek (fid, -min (sz, 2), SEEK_END);
        tail = fread (fid, [1 2], 'char=>char');
        fclose (fid);
        if (any (tail == '*'))
          limit = min (opt.timeout, 2);
        end
      else
        limit = max (opt.timeout, 30);
      end
    else
      % No progress is measured in the child's CPU seconds, so that a loaded machine
      % does not turn a slow call into a hang; the wall clock (5 times as long, plus
      % 30 s) only catches a child that waits without computing.
      how = '';
      if (isnan (cpu) && toc (last_change) > limit)
        how = sprintf ('%g s', limit);
      elseif (cpu - cpu_change > limit)
        how = sprintf ('%g s of CPU time', limit);
      elseif (toc (last_change) > 5 * limit + 30)
        how = sprintf ('%g s of wall-clock time', 5 * limit + 30);
      elseif (toc (t0) > deadline + 5 * limit + 60)
        how = 'its deadline';
      end
      if (~ isempty (how))
        kill (pid, 9);
        [~, status] = waitpid (pid);
        r.how = sprintf ('timeout (no progress for %s)', how);
        r.timeout = true;
        break;
      end
    end
    pause (0.05);
  end
  r.elapsed = toc (t0);
  r.started = [];
  r.outcome = {};
  if (exist (progress, 'file'))
    lines = strsplit (strtrim (fileread (progress)), "\n");
    lines = lines(~ cellfun (@isempty, lines));
    tok = regexp (lines, '^(\d+)\s*\*?(\w*)', 'tokens', 'once');
    tok = tok(~ cellfun (@isempty, tok));
    r.started = cellfun (@(t) str2double (t{1}), tok);
    r.outcome = cellfun (@(t) t{2}, tok, 'UniformOutput', false);
  end
  r.lines = {};
  if (exist (fullfile (outdir, 'result'), 'file'))
    r.lines = strsplit (strtrim (fileread (fullfile (outdir, 'result'))), "\n");
  end
  done = any (strncmp (r.lines, 'done ', 5));
  if (isempty (r.how))
    if (WIFSIGNALED (status))
      r.how = sprintf ('killed by signal %d', WTERMSIG (status));
    elseif (WIFEXITED (status) && WEXITSTATUS (status) ~= 0)
      r.how = sprintf ('exit status %d', WEXITSTATUS (status));
    elseif (~ done)
      r.how = 'exited without finishing';
    end
  end
  r.ok = isempty (r.how) && done;
  r.log = '';
  if (~ r.ok && exist (fullfile (outdir, 'log'), 'file'))
    txt = strtrim (fileread (fullfile (outdir, 'log')));
    at = regexp (txt, '(==\d+==ERROR|runtime error|fatal:)', 'once');
    if (~ isempty (at))            % a sanitizer's or Octave's report: its first lines
      r.log = txt(at:min (end, at + 900));
    else
      r.log = txt(max (1, end - 600):end);
    end
  end
  r.files = numel (dir (work)) - 2;
  rmdir (outdir, 's');
end

% How many argument lists --lists=N plans for a target of this kind, and (n = 0) how
% many one child runs in a row.  Plotting functions (a figure per call) and demos (the
% paper's figures: any call that passes their checks runs until it is cut) take far
% longer per list than gateways and functions.
function n = fuzz_lists_planned (kind, lists)
  frac = struct ('gateway', 1, 'function', 1, 'plot', 0.1, 'demo', 0.01);
  batch = struct ('gateway', 400, 'function', 200, 'plot', 20, 'demo', 5);
  if (lists == 0)
    n = batch.(kind);
  else
    n = max (1, round (lists * frac.(kind)));
  end
end

% The generator alone: lists 1..n of every target for each seed, without running them.
% An error here is a bug of tests/fuzz/, caught without the cost of the calls.
function [failures, count] = gencheck (targets, seeds, n)
  failures = {};
  count = 0;
  for j = 1:numel (targets)
    shown = 0;
    for seed = seeds
      for k = 1:n
        try
          fuzz_case (targets{j}, seed, k);
        catch err
          shown = shown + 1;
          if (shown <= 2)
            failures{end + 1} = sprintf (['%s:%d (seed %d) GENERATOR BUG in tests/fuzz ' ...
                                          '(fuzz_case): %s'], targets{j}.name, k, seed, ...
                                         err.message);
          end
        end
        count = count + 1;
      end
    end
    if (shown > 2)
      failures{end + 1} = sprintf ('%s: %d more generator errors', targets{j}.name, shown - 2);
    end
  end
  % lists that once failed in the generator (target, seed, number), kept as regressions
  known = {'second_moments', 1, 1797; 'assumption1', 27182, 36};
  names = cellfun (@(t) t.name, targets, 'UniformOutput', false);
  for i = 1:rows (known)
    j = find (strcmp (names, known{i, 1}));
    if (isempty (j))
      continue;
    end
    try
      fuzz_case (targets{j}, known{i, 2}, known{i, 3});
    catch err
      failures{end + 1} = sprintf ('%s:%d (seed %d) GENERATOR BUG in tests/fuzz (fuzz_case), again: %s', ...
                                   known{i, 1}, known{i, 3}, known{i, 2}, err.message);
    end
    count = count + 1;
  end
end

% CPU seconds (user + system) used so far by process pid, NaN where /proc has no stat.
function t = child_cpu (pid)
  t = NaN;
  fid = fopen (sprintf ('/proc/%d/stat', pid), 'r');
  if (fid < 0)
    return;
  end
  line = fgetl (fid);
  fclose (fid);
  if (~ ischar (line))
    return;
  end
  % after "pid (comm) ": state ppid pgrp session tty_nr tpgid flags minflt cminflt
  % majflt cmajflt utime stime (fields 3..15 of proc(5)), in clock ticks of 1/100 s
  f = sscanf (line(find (line == ')', 1, 'last') + 2:end), '%*s %f %f %f %f %f %f %f %f %f %f %f %f', 12);
  if (numel (f) == 12)
    t = (f(11) + f(12)) / 100;
  end
end

function s = case_desc (info, seed, k)
  try
    [args, nout, mode] = fuzz_case (info, seed, k);
    s = sprintf ('[%d outputs] = %s %s  (%s)', nout, info.name, fuzz_desc (args), mode);
  catch err
    s = ['(cannot regenerate: ' err.message ')'];
  end
end

% Does list k hold a number above 1e4 in magnitude (an iteration count, a time, a size)
% or a nonzero one below 1e-6 (a step size that needs 1e8 iterations)?
function big = asks_much (info, seed, k)
  try
    args = fuzz_case (info, seed, k);
    [m, s] = fuzz_max_number (args);
    big = m > 1e4 || s < 1e-6;
  catch
    big = false;
  end
end

% A batch died at case k: the list alone, or the shortest run [a..k] that still dies.
% reproduced is false when neither the list alone nor its batch again dies.
function [s, reproduced] = reproduce (octave_bin, here, top, tmproot, info, seed, first, k, opt)
  reproduced = true;
  r = run_child (octave_bin, here, top, tmproot, info.name, seed, sprintf ('%d', k), 1e9, opt);
  if (~ r.ok)
    s = sprintf ('reproduces alone (%s): %s', r.how, case_desc (info, seed, k));
    return;
  end
  if (first < k)
    r = run_child (octave_bin, here, top, tmproot, info.name, seed, ...
                   sprintf ('%d:%d', first, k), 1e9, opt);
  end
  if (r.ok)
    reproduced = false;
    s = sprintf ('did not reproduce, alone or with lists %d..%d before it: %s', first, k, ...
                 case_desc (info, seed, k));
    return;
  end
  lo = first;  hi = k;                  % [lo..k] dies, [hi..k] does not
  t0 = tic ();
  while (hi - lo > 1 && toc (t0) < 3 * opt.batch)
    mid = floor ((lo + hi) / 2);
    r = run_child (octave_bin, here, top, tmproot, info.name, seed, ...
                   sprintf ('%d:%d', mid, k), 1e9, opt);
    if (r.ok)
      hi = mid;
    else
      lo = mid;
    end
  end
  s = sprintf ('needs the run of lists %d..%d before it; last list: %s', lo, k, ...
               case_desc (info, seed, k));
end

% ---- replay mode -------------------------------------------------------------------
if (~ isempty (opt.replay))
  tok = strsplit (opt.replay, ':');
  j = find (cellfun (@(t) strcmp (t.name, tok{1}), targets));
  if (isempty (j))
    fprintf (2, 'fuzz_run: no target %s\n', tok{1});
    exit (2);
  end
  info = targets{j};
  ks = str2double (strsplit (tok{2}, ','));
  for k = ks
    fprintf ('%s:%d  %s\n', info.name, k, case_desc (info, opt.seed, k));
  end
  r = run_child (octave_bin, here, top, tmproot, info.name, opt.seed, tok{2}, 1e9, opt);
  fprintf ('%s\n', r.lines{:});
  if (~ r.ok)
    fprintf ('child died: %s\n%s\n', r.how, r.log);
  end
  exit (~ r.ok);
end

% ---- the run -----------------------------------------------------------------------
% --jobs=N: N - 1 more fuzz_run processes take every N-th target (--shard=k/N), this one
% the first share; their tables follow this one's and the closing line adds them up.
helpers = [];
helper_logs = {};
if (~ isempty (opt.shard))
  kn = str2double (strsplit (opt.shard, '/'));
  targets = targets(kn(1):kn(2):end);
elseif (opt.jobs > 1)
  qs = @(s) ['''' strrep(s, '''', '''\''''') ''''];
  common = sprintf (['--budget=%g --seed=%d --timeout=%g --batch=%g --mem=%d --sanitize=%d ' ...
                     '--lists=%d --cap=%g --gencheck=%d --retimeout=%g'], ...
                    opt.budget, opt.seed, opt.timeout, opt.batch, opt.mem, opt.sanitize, ...
                    opt.lists, opt.cap, opt.gencheck, opt.retimeout);
  for f = {'only', 'kind'}
    if (~ isempty (opt.(f{1})))
      common = [common, sprintf(' --%s=%s', f{1}, qs(opt.(f{1})))];
    end
  end
  common = [common, ' --mexdir=', qs(opt.mexdir)];
  for k = 2:opt.jobs
    helper_logs{end + 1} = fullfile (tmproot, sprintf ('shard%d.log', k));
    helpers(end + 1) = system (sprintf ('exec %s --no-gui --no-window-system -q %s %s --shard=%d/%d > %s 2>&1', ...
                                        qs(octave_bin), qs(fullfile (here, 'fuzz_run.m')), ...
                                        common, k, opt.jobs, qs(helper_logs{end})), false, 'async');
  end
  targets = targets(1:opt.jobs:end);
end
weights = struct ('gateway', 1, 'function', 1, 'plot', 0.25, 'demo', 0.1);
w = cellfun (@(t) weights.(t.kind), targets);
snapshot = @() sort ([cellfun(@(f) {dir(fullfile (top, f, '*')).name}, ...
                      {'.', 'inst', 'src', 'tests', 'demos'}, 'UniformOutput', false){:}]);
before = snapshot ();
if (opt.lists > 0)
  fprintf ('fuzz: seed %d, %d lists per gateway or function (fewer for plots and demos) over %d targets, cap %g s,\n      timeout %g s per call (%g s when replayed alone), memory %d KB%s\n', ...
           opt.seed, opt.lists, numel (targets), opt.cap, opt.timeout, opt.retimeout, ...
           opt.mem, merge (opt.sanitize, ', ASan+UBSan', ''));
else
  fprintf ('fuzz: seed %d, budget %g s over %d targets, timeout %g s per call, memory %d KB%s\n', ...
           opt.seed, opt.budget, numel (targets), opt.timeout, opt.mem, ...
           merge (opt.sanitize, ', ASan+UBSan', ''));
end
t_all = tic ();
max_shown = 4;                   % failures described (and reproduced) per target
total = 0;
failures = {};
notes = {};
capped = {};
cpu_all = 0;
if (opt.gencheck > 0)
  cpu0 = cputime ();
  % seeds S + 1 and S + 2: the run itself generates seed S's lists
  [gen_failures, gen_lists] = gencheck (targets, opt.seed + [1 2], opt.gencheck);
  fprintf (['fuzz: generator self-check: lists 1..%d of each target for seeds %d and %d ' ...
            'generated in %.0f s (%.0f s CPU), %d generator errors\n'], opt.gencheck, ...
           opt.seed + 1, opt.seed + 2, toc (t_all), cputime () - cpu0, numel (gen_failures));
  failures = [failures, gen_failures];
end
fprintf ('%-32s %-8s %7s %7s %7s %6s %5s %5s %6s %6s %6s\n', 'target', 'kind', 'lists', 'ok', ...
         'lindyn', 'usage', 'bad', 'died', 'slow', 'time', 'cpu');
for j = 1:numel (targets)
  info = targets{j};
  c = struct ('lists', 0, 'ok', 0, 'lindyn', 0, 'usage', 0, 'bad', 0, 'died', 0, ...
              'slow', 0, 'time', 0, 'cpu', 0, 'bad_shown', 0);
  next = 1;
  o = opt;
  if (strcmp (info.kind, 'demo'))
    o.timeout = min (opt.timeout, 3);   % a demo call that gets going is long anyway
  end
  if (opt.lists > 0)
    % a fixed number of lists, in batches of a fixed number (a batch ends early only
    % when its child dies): the same lists on every machine, whatever its speed
    planned = fuzz_lists_planned (info.kind, opt.lists);
    share_j = Inf;
  else
    % what is left of the budget, shared among the targets still to run: a target that
    % overran (a slow call, a replay) shortens the others instead of the whole run
    % (but never less than half of its fair share, so the last targets are not starved)
    planned = Inf;
    share_j = max ([1.5, (opt.budget - toc (t_all)) * w(j) / sum(w(j:end)), ...
                    0.5 * opt.budget * w(j) / sum(w)]);
  end
  while (next <= planned && (c.time < share_j || c.lists == 0))
    first = next;
    if (opt.lists > 0)
      left = opt.cap - toc (t_all);
      if (left <= 0)
        break;
      end
      last = min (planned, first + fuzz_lists_planned (info.kind, 0) - 1);
      deadline = left;
    else
      last = first + 1e7;
      deadline = max (0.5, min (opt.batch, share_j - c.time - 0.4));   % 0.4 s: start-up
    end
    r = run_child (octave_bin, here, top, tmproot, info.name, opt.seed, ...
                   sprintf ('%d:%d', first, last), deadline, o);
    c.time = c.time + r.elapsed;
    if (~ isempty (getenv ("FUZZ_DEBUG")))
      fprintf ("  batch %d.. %.1f s, %d started\n", first, r.elapsed, numel (r.started));
    end
    for line = r.lines
      f = strsplit (line{1}, ' ');
      switch (f{1})
        case 'bad'
          k = str2double (f{2});
          [~, rest] = strtok (line{1}(5:end));
          [~, rest] = strtok (rest);
          c.bad_shown = c.bad_shown + 1;
          if (c.bad_shown <= max_shown)
            failures{end + 1} = sprintf ('%s:%d error without a lindyn: identifier: %s\n      %s', ...
                                         info.name, k, strtrim (rest), case_desc (info, opt.seed, k));
          end
        case 'generator'
          % the fuzzer's own generator failed: a bug in tests/fuzz/, not in the target
          k = str2double (f{2});
          [~, rest] = strtok (line{1}(11:end));
          failures{end + 1} = sprintf (['%s:%d GENERATOR BUG in tests/fuzz (fuzz_case), ' ...
                                        'not a finding in %s: %s'], info.name, k, ...
                                       info.name, strtrim (rest));
        case 'slow'
          % counted below; slow calls are reported, not failures
        case 'count'
          v = str2double (f(2:end));
          c.slow = c.slow + v(6);
        case 'cpu'
          c.cpu = c.cpu + str2double (f{2});
      end
    end
    for what = {'ok', 'lindyn', 'usage', 'bad'}
      c.(what{1}) = c.(what{1}) + sum (strcmp (r.outcome, what{1}));
    end
    if (isempty (r.started))
      next = first;
      if (~ r.ok)
        c.died = c.died + 1;
        failures{end + 1} = sprintf ('%s: a child octave-cli did not start list %d (%s)\n      log: %s', ...
                                     info.name, first, r.how, strrep (r.log, "\n", "\n      "));
      end
      break;                            % the child started no list: nothing more to learn
    else
      next = max (r.started) + 1;
    end
    c.lists = c.lists + (next - first);
    k = next - 1;
    if (~ r.ok && r.timeout && (strcmp (info.kind, 'demo') || asks_much (info, opt.seed, k)))
      % A call that asks for a lot (1e9 iterations, say) may take long: noted, not failed.
      % Demos reproduce the paper's figures: any call that gets past their checks is long.
      notes{end + 1} = sprintf ('%s:%d cut, %s (a long request): %s', ...
                                info.name, k, r.how, case_desc (info, opt.seed, k));
      c.slow = c.slow + 1;
    elseif (~ r.ok && r.timeout)
      % A quick-looking call that made no progress: a finding only if it hangs alone too,
      % in a fresh child with a longer timeout; slow only beside its batch or under load,
      % it is a note.
      t_rep = tic ();
      o2 = o;
      o2.timeout = opt.retimeout;
      r2 = run_child (octave_bin, here, top, tmproot, info.name, opt.seed, ...
                      sprintf ('%d', k), 1e9, o2);
      c.time = c.time + toc (t_rep);
      if (r2.ok)
        notes{end + 1} = sprintf ('%s:%d cut, %s, but finished alone in %.1f s (slow under load): %s', ...
                                  info.name, k, r.how, r2.elapsed, case_desc (info, opt.seed, k));
        c.slow = c.slow + 1;
      else
        c.died = c.died + 1;
        failures{end + 1} = sprintf ('%s:%d no progress (%s), and alone: %s: %s\n      log: %s', ...
                                     info.name, k, r.how, r2.how, case_desc (info, opt.seed, k), ...
                                     strrep (r2.log, "\n", "\n      "));
      end
    elseif (~ r.ok)
      c.died = c.died + 1;
      if (c.died <= max_shown)
        t_rep = tic ();
        [how, again] = reproduce (octave_bin, here, top, tmproot, info, opt.seed, first, k, opt);
        c.time = c.time + toc (t_rep);
        msg = sprintf ('%s:%d child octave-cli died (%s); %s\n      log: %s', ...
                       info.name, k, r.how, how, strrep (r.log, "\n", "\n      "));
        if (again)
          failures{end + 1} = msg;
        else
          notes{end + 1} = ['NOT REPRODUCED, so not counted: ' msg];   % e.g. killed from outside
          c.died = c.died - 1;
        end
      else
        failures{end + 1} = sprintf ('%s:%d child octave-cli died (%s)', info.name, k, r.how);
      end
      if (isempty (r.started))
        break;                      % the child cannot even start: no point going on
      end
    end
  end
  if (c.bad > max_shown)
    failures{end + 1} = sprintf ('%s: %d more errors without a lindyn: identifier', info.name, ...
                                 c.bad - max_shown);
  end
  mark = '';
  if (opt.lists > 0 && c.lists < planned && toc (t_all) >= opt.cap)
    % coverage never shrinks silently: a target cut short by the cap fails
    mark = sprintf ('  FAIL: %d of %d lists (wall-clock cap)', c.lists, planned);
    capped{end + 1} = info.name;
    failures{end + 1} = sprintf (['%s: only %d of its %d argument lists ran before the ' ...
                                  'wall-clock cap of %g s'], info.name, c.lists, planned, opt.cap);
  elseif (opt.lists > 0 && c.lists < planned)
    mark = sprintf ('  FAIL: %d of %d lists (a child did not start)', c.lists, planned);
  end
  fprintf ('%-32s %-8s %7d %7d %7d %6d %5d %5d %6d %5.0fs %5.1fs%s\n', info.name, info.kind, ...
           c.lists, c.ok, c.lindyn, c.usage, c.bad, c.died, c.slow, c.time, c.cpu, mark);
  cpu_all = cpu_all + c.cpu;
  fflush (stdout);
  total = total + c.lists;
end
after = snapshot ();
if (~ isequal (before, after))
  failures{end + 1} = sprintf ('files appeared in or vanished from the source tree: %s', ...
                               strjoin (setxor (before, after), ' '));
end
fprintf ('\n');
if (~ isempty (notes))
  fprintf ('notes (not failures):\n');
  fprintf ('  %s\n', notes{:});
end
if (~ isempty (failures))
  fprintf ('failures (replay one with: octave-cli -q tests/fuzz/fuzz_run.m --seed=%d --replay=TARGET:N):\n', ...
           opt.seed);
  fprintf ('  %s\n', failures{:});
end
if (~ isempty (capped))
  fprintf (['fuzz: WALL-CLOCK CAP of %g s HIT: %d target(s) ran fewer argument lists than ' ...
            'planned and FAIL: %s\n'], opt.cap, numel (capped), strjoin (capped, ' '));
end
fprintf ('fuzz: %d argument lists in %.0f s, %.0f s CPU in the children (seed %d)%s\n', ...
         total, toc (t_all), cpu_all, opt.seed, merge (opt.sanitize, ' under ASan + UBSan', ''));
% the closing line every check target prints (tests/check_all.sh adds them up)
npass = max (0, total - numel (failures));
nfail = numel (failures);
fprintf ('fuzz: %d passed, %d failed\n', npass, nfail);
for k = 1:numel (helpers)
  [~, status] = waitpid (helpers(k));
  txt = fileread (helper_logs{k});
  txt = regexprep (txt, '[^\n]*ignoring const execution_exception[^\n]*\n?', '');
  fprintf ('\n---- shard %d of %d\n%s\n', k + 1, opt.jobs, strtrim (txt));
  tok = regexp (txt, 'fuzz: (\d+) passed, (\d+) failed', 'tokens');
  if (isempty (tok))
    nfail = nfail + 1;                 % the shard itself died
  else
    npass = npass + str2double (tok{end}{1});
    nfail = nfail + str2double (tok{end}{2});
  end
  if (~ (WIFEXITED (status) && WEXITSTATUS (status) == 0) && isempty (tok))
    fprintf ('!! shard %d of %d ended abnormally\n', k + 1, opt.jobs);
  end
end
if (~ isempty (helpers))
  fprintf ('\nfuzz (%d jobs, %.0f s): %d passed, %d failed\n', opt.jobs, toc (t_all), npass, nfail);
end
exit (nfail > 0);
