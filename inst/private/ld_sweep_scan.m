function st = ld_sweep_scan (F, plan)
% -*- texinfo -*-
% @deftypefn {} {@var{st} =} ld_sweep_scan (@var{F}, @var{plan})
% The state of every point of the sweep in folder @var{F}, from its files alone (one
% listing of @file{points/}) and, when it was submitted to SLURM, from @command{squeue}:
% @table @qcode
% @item done
% its result file exists;
% @item running
% a process runs it: its marker names a SLURM array task that squeue still lists, or
% another process of this host that is alive, or a process of another host (which cannot
% be asked; it counts as running);
% @item queued
% an array task that squeue lists as pending or running holds it and has not started it;
% @item failed
% its run raised an error (@file{points/p*.failed.mat}), and it is not queued again;
% @item missing
% none of these: never run, or its process was killed or cancelled.
% @end table
% @var{st} has fields @code{status} (N-by-1 cell), @code{squeue} (false when squeue
% could not be asked although the sweep was submitted: markers of SLURM tasks then
% count as running) and @code{jobs} (@code{ld_sweep_slurm ("jobs")}).
% @end deftypefn

  n = plan.n;
  done = false (n, 1);  failed = done;  marked = done;  queued = done;
  l = dir (ld_sweep_path (F, 'points'));
  names = {l.name};
  tok = regexp (names, '^p(\d+)(\.failed\.mat|\.mat|\.run)$', 'tokens', 'once');
  for j = 1:numel (tok)
    t = tok{j};
    if (isempty (t)), continue;  end
    k = str2double (t{1});
    if (~ (k >= 1 && k <= n)), continue;  end
    switch (t{2})
      case '.mat'
        done(k) = true;
      case '.failed.mat'
        failed(k) = true;
      case '.run'
        marked(k) = true;
    end
  end
  jobs = ld_sweep_slurm ('jobs', F);
  ok = true;  live = {};
  if (~ isempty (jobs))
    [ok, live, states] = ld_sweep_slurm ('live');
    % tasks SLURM still holds: their points are queued until a marker says otherwise
    for j = 1:numel (live)
      parts = sscanf (strrep (live{j}, '_', ' '), '%d');
      if (numel (parts) ~= 2 || any (strcmp (states{j}, {'COMPLETED', 'CANCELLED', 'FAILED', ...
                                                         'TIMEOUT', 'OUT_OF_MEMORY', 'NODE_FAIL'})))
        continue;
      end
      b = find ([jobs.job] == parts(1), 1);
      if (isempty (b)), continue;  end
      pts = ld_task_points (F, jobs(b).sub, jobs(b).offset + parts(2) + 1);
      pts = pts(pts >= 1 & pts <= n);
      queued(pts) = true;
    end
  end
  running = false (n, 1);
  [host, pid] = ld_sweep_host ();
  for k = reshape (find (marked & ~ done), 1, [])
    m = ld_marker (ld_sweep_path (F, 'run', k, n));
    if (~ isempty (m.job))
      running(k) = ~ ok || any (strcmp (live, m.job));
    elseif (strcmp (m.host, host) && ~ isnan (m.pid))
      % this very process is not running a point while it asks (a marker of its own is
      % left from a run stopped with Ctrl-C)
      running(k) = m.pid ~= pid && ld_alive (m.pid);
    else
      running(k) = ~ isempty (m.host);
    end
  end
  status = repmat ({'missing'}, n, 1);
  status(failed) = {'failed'};
  status(queued) = {'queued'};
  status(running) = {'running'};
  status(done) = {'done'};
  st = struct ('status', {status}, 'squeue', ok, 'jobs', jobs);
end

function pts = ld_task_points (F, sub, line)
  % the points of line `line` of the task list of submission `sub` (read once per call)
  persistent cache
  file = fullfile (ld_sweep_path (F, 'slurm'), sprintf ('sub-%03d.tasks', sub));
  if (~ isstruct (cache) || ~ strcmp (cache.file, file))
    cache = struct ('file', file, 'lines', {{}});
    if (exist (file, 'file'))
      cache.lines = strsplit (fileread (file), char (10));
    end
  end
  pts = [];
  if (line >= 1 && line <= numel (cache.lines))
    pts = sscanf (cache.lines{line}, '%d')';
  end
end

function m = ld_marker (file)
  m = struct ('host', '', 'pid', NaN, 'job', '');
  try
    txt = fileread (file);
  catch
    return;                                       % removed meanwhile
  end
  h = regexp (txt, 'host=([^\n]*)', 'tokens', 'once');
  p = regexp (txt, 'pid=(\d+)', 'tokens', 'once');
  j = regexp (txt, 'job=([^\n]*)', 'tokens', 'once');
  if (~ isempty (h)), m.host = strtrim (h{1});  end
  if (~ isempty (p)), m.pid = str2double (p{1});  end
  if (~ isempty (j)), m.job = strtrim (j{1});  end
end

function tf = ld_alive (pid)
  % whether process pid of this host exists (signal 0 only asks)
  if (exist ('OCTAVE_VERSION', 'builtin'))
    tf = kill (pid, 0) == 0;
  else
    tf = system (sprintf ('kill -0 %d 2>/dev/null', pid)) == 0;
  end
end
