% fuzz_run.m -- fuzz every MEX gateway and public function of lindyn; exit non-zero on
% any crash, hang or error without a "lindyn:" identifier.
%
%   octave-cli -q tests/fuzz/fuzz_run.m [--budget=S] [--seed=N|random] [--timeout=S]
%       [--batch=S] [--only=NAME,NAME] [--kind=gateway|function|plot|demo] [--mem=KB]
%       [--soak] [--replay=TARGET:K[,K...]] [--mexdir=DIR --sanitize=1] [--jobs=N|auto]
%
% Targets: every src/__lindyn_*__.mex (users can call gateways directly) and every
% inst/*.m (demo_* among them), discovered when the run starts.  The time budget (default
% 150 s, --soak: 1800 s) bounds the whole run: before each target, what is left of it
% is split over the targets still to run with weight 1 for gateways and functions,
% 0.25 for plotting functions, 0.1 for demos (at least half of a target's share of the
% whole budget, so the run may exceed the budget by up to a half when calls overrun).  For each target the argument lists
% 1, 2, 3, ... of fuzz_case (random, plausible, valid and mutated-valid lists; see
% there) are run in batches (--batch seconds, default 10) inside a child octave-cli
% (fuzz_child.m) with a virtual-memory limit (--mem, default 2 GB, so a huge allocation
% fails inside Octave instead of waking the OOM killer) and its folder, HOME and TMPDIR
% in a throw-away folder.  The child's exit status and signal are checked; a call that
% makes no progress for --timeout seconds (default 8) is killed: a failure, unless the
% list asks for a lot (a number above 1e4, like 1e9 iterations, or a nonzero one below
% 1e-6, like a step size of 1e-8; such calls are cut after 2 s) or the target is a demo
% (calls cut after 3 s), which are listed as notes.  When a batch dies, the last list
% it started is replayed alone, and if that does not reproduce, the batch is bisected
% to the shortest failing run ending there.
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
% --jobs=N runs N processes side by side, each with every N-th target and the whole
% budget (so N times the argument lists in the same time, on N cores); --jobs=auto is
% 2 on a machine with 2 cores or more.
%
% Prints a table of argument lists tried per target and their outcomes, then
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
              'jobs', 1, 'shard', '');
soak = false;
for a = argv ()'
  s = a{1};
  if (strcmp (s, '--soak'))
    soak = true;
    opt.budget = 1800;
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
  limit = opt.timeout;
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
    if (sz ~= last_size)
      last_size = sz;
      last_change = tic ();
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
      end
    elseif (toc (last_change) > limit || toc (t0) > deadline + opt.timeout + 60)
      kill (pid, 9);
      [~, status] = waitpid (pid);
      r.how = sprintf ('timeout (no progress for %g s)', limit);
      r.timeout = true;
      break;
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
function s = reproduce (octave_bin, here, top, tmproot, info, seed, first, k, opt)
  r = run_child (octave_bin, here, top, tmproot, info.name, seed, sprintf ('%d', k), 1e9, opt);
  if (~ r.ok)
    s = sprintf ('reproduces alone (%s): %s', r.how, case_desc (info, seed, k));
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
  common = sprintf ('--budget=%g --seed=%d --timeout=%g --batch=%g --mem=%d --sanitize=%d', ...
                    opt.budget, opt.seed, opt.timeout, opt.batch, opt.mem, opt.sanitize);
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
fprintf ('fuzz: seed %d, budget %g s over %d targets, timeout %g s per call, memory %d KB%s\n', ...
         opt.seed, opt.budget, numel (targets), opt.timeout, opt.mem, ...
         merge (opt.sanitize, ', ASan+UBSan', ''));
fprintf ('%-32s %-8s %7s %7s %7s %6s %5s %5s %6s %6s\n', 'target', 'kind', 'lists', 'ok', ...
         'lindyn', 'usage', 'bad', 'died', 'slow', 'time');
t_all = tic ();
max_shown = 4;                   % failures described (and reproduced) per target
total = 0;
failures = {};
notes = {};
for j = 1:numel (targets)
  info = targets{j};
  c = struct ('lists', 0, 'ok', 0, 'lindyn', 0, 'usage', 0, 'bad', 0, 'died', 0, ...
              'slow', 0, 'time', 0, 'bad_shown', 0);
  next = 1;
  % what is left of the budget, shared among the targets still to run: a target that
  % overran (a slow call, a replay) shortens the others instead of the whole run
  % (but never less than half of its fair share, so the last targets are not starved)
  share_j = max ([1.5, (opt.budget - toc (t_all)) * w(j) / sum(w(j:end)), ...
                  0.5 * opt.budget * w(j) / sum(w)]);
  while (c.time < share_j || c.lists == 0)
    deadline = max (0.5, min (opt.batch, share_j - c.time - 0.4));   % 0.4 s: start-up
    first = next;
    o = opt;
    if (strcmp (info.kind, 'demo'))
      o.timeout = min (opt.timeout, 3);   % a demo call that gets going is long anyway
    end
    r = run_child (octave_bin, here, top, tmproot, info.name, opt.seed, ...
                   sprintf ('%d:%d', first, first + 1e7), deadline, o);
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
        case 'slow'
          % counted below; slow calls are reported, not failures
        case 'count'
          v = str2double (f(2:end));
          c.slow = c.slow + v(6);
      end
    end
    for what = {'ok', 'lindyn', 'usage', 'bad'}
      c.(what{1}) = c.(what{1}) + sum (strcmp (r.outcome, what{1}));
    end
    if (isempty (r.started))
      next = first;
      if (r.ok)
        break;                          % the child started no list: nothing more to learn
      end
    else
      next = max (r.started) + 1;
    end
    c.lists = c.lists + (next - first);
    if (~ r.ok && r.timeout && (strcmp (info.kind, 'demo') || asks_much (info, opt.seed, next - 1)))
      % A call that asks for a lot (1e9 iterations, say) may take long: noted, not failed.
      % Demos reproduce the paper's figures: any call that gets past their checks is long.
      notes{end + 1} = sprintf ('%s:%d killed, %s (a long request): %s', ...
                                info.name, next - 1, r.how, case_desc (info, opt.seed, next - 1));
      c.slow = c.slow + 1;
    elseif (~ r.ok)
      c.died = c.died + 1;
      k = next - 1;
      if (c.died <= max_shown)
        t_rep = tic ();
        how = reproduce (octave_bin, here, top, tmproot, info, opt.seed, first, k, opt);
        c.time = c.time + toc (t_rep);
        failures{end + 1} = sprintf ('%s:%d child octave-cli died (%s); %s\n      log: %s', ...
                                     info.name, k, r.how, how, strrep (r.log, "\n", "\n      "));
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
  fprintf ('%-32s %-8s %7d %7d %7d %6d %5d %5d %6d %5.0fs\n', info.name, info.kind, c.lists, ...
           c.ok, c.lindyn, c.usage, c.bad, c.died, c.slow, c.time);
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
fprintf ('fuzz: %d argument lists in %.0f s (seed %d)%s\n', total, toc (t_all), opt.seed, ...
         merge (opt.sanitize, ' under ASan + UBSan', ''));
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
