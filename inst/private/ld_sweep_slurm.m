function varargout = ld_sweep_slurm (op, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{cfg} =} ld_sweep_slurm (@qcode{"check"})
% @deftypefnx {} {[@var{ok}, @var{ids}, @var{states}] =} ld_sweep_slurm (@qcode{"live"})
% @deftypefnx {} {@var{jobs} =} ld_sweep_slurm (@qcode{"submit"}, @var{F}, @var{plan}, @var{tasks}, @var{o})
% @deftypefnx {} {@var{jobs} =} ld_sweep_slurm (@qcode{"jobs"}, @var{F})
% The SLURM side of @code{sweep}, through the commands @command{scontrol},
% @command{squeue} and @command{sbatch} (in the environment of this Octave:
% @env{SLURM_CONF} chooses the cluster).
%
% @qcode{"check"}: that a cluster answers here (@code{scontrol show config}, after
% checking that a slurm.conf exists: @env{SLURM_CONF}, @file{/etc/slurm},
% @file{/run/slurm/conf}); error @code{lindyn:sweep:slurm} saying why when not.  @var{cfg}.max_array is its
% MaxArraySize (array task indices run from 0 to MaxArraySize - 1).
%
% @qcode{"live"}: the array tasks SLURM still knows as pending or running
% (@code{squeue -h -r}): ids @qcode{"job_task"} and their states; @var{ok} false when
% squeue fails (no cluster here).
%
% @qcode{"submit"}: the points of each element of the cell @var{tasks} as one array task
% (submission s: @file{slurm/sub-s.tasks} lists them, one line per task;
% @file{slurm/sub-s.sh} is the batch script, @file{slurm/sub-s.m} what it runs in
% @command{octave-cli}); arrays of more tasks than MaxArraySize are split into several
% @code{sbatch --array} calls.  @var{jobs} (a struct array: sub, job, offset, ntasks,
% also appended to @file{slurm/jobs.txt}) says which job runs which tasks.  Options of
% @var{o}: cpus (per task; OMP_NUM_THREADS and OpenBLAS's threads follow it), together
% (as in @code{sweep}), sbatch
% (a cell of further sbatch arguments), setup (shell lines run before Octave),
% octave (the Octave binary), path (folders added to Octave's path in the task).
%
% @qcode{"jobs"}: the submissions recorded in @file{slurm/jobs.txt}.
% @end deftypefn

  switch (op)
    case 'check'
      varargout{1} = ld_check ();
    case 'live'
      [varargout{1:3}] = ld_live ();
    case 'submit'
      varargout{1} = ld_submit (varargin{:});
    case 'jobs'
      varargout{1} = ld_jobs (varargin{1});
  end
end

function cfg = ld_check ()
  [st, ~] = system ('command -v sbatch >/dev/null 2>&1 && command -v squeue >/dev/null 2>&1');
  if (st ~= 0)
    error ('lindyn:sweep:slurm', ['sweep: backend "slurm" needs SLURM''s commands ', ...
           '(sbatch, squeue, scontrol), which are not on the PATH here']);
  end
  % a missing configuration file makes scontrol retry for a minute: say so at once
  conf = getenv ('SLURM_CONF');
  if (isempty (conf))
    known = {'/etc/slurm/slurm.conf', '/etc/slurm-llnl/slurm.conf', '/run/slurm/conf/slurm.conf'};
    if (~ any (cellfun (@(f) exist (f, 'file') == 2, known)))
      error ('lindyn:sweep:slurm', ['sweep: no SLURM cluster is configured here (no ', ...
             'slurm.conf in /etc/slurm or /run/slurm/conf, and SLURM_CONF is not set)']);
    end
  elseif (exist (conf, 'file') ~= 2)
    error ('lindyn:sweep:slurm', 'sweep: no SLURM cluster: SLURM_CONF names %s, which does not exist', conf);
  end
  [st, txt] = system ('scontrol show config 2>&1');
  if (st ~= 0)
    error ('lindyn:sweep:slurm', ['sweep: no SLURM cluster answers here ', ...
           '(scontrol show config: %s)'], strtrim (txt));
  end
  tok = regexp (txt, 'MaxArraySize\s*=\s*(\d+)', 'tokens', 'once');
  cfg.max_array = 1001;                           % SLURM's default
  if (~ isempty (tok))
    cfg.max_array = str2double (tok{1});
  end
  if (cfg.max_array < 1)
    error ('lindyn:sweep:slurm', 'sweep: this cluster has job arrays switched off (MaxArraySize = 0)');
  end
end

function [ok, ids, states] = ld_live ()
  ids = {};  states = {};
  [st, txt] = system ('squeue -h -r -o ''%i|%T'' 2>/dev/null');
  ok = st == 0;
  if (~ ok)
    return;
  end
  lines = strsplit (strtrim (txt), char (10));
  for k = 1:numel (lines)
    parts = strsplit (strtrim (lines{k}), '|');
    if (numel (parts) == 2)
      ids{end+1} = parts{1};
      states{end+1} = parts{2};
    end
  end
end

function jobs = ld_jobs (F)
  jobs = struct ('sub', {}, 'job', {}, 'offset', {}, 'ntasks', {});
  file = fullfile (ld_sweep_path (F, 'slurm'), 'jobs.txt');
  if (~ exist (file, 'file'))
    return;
  end
  v = sscanf (fileread (file), '%f');
  v = reshape (v(1:4 * floor (numel (v) / 4)), 4, []);
  for k = 1:size (v, 2)
    jobs(end+1) = struct ('sub', v(1, k), 'job', v(2, k), 'offset', v(3, k), 'ntasks', v(4, k));
  end
end

function jobs = ld_submit (F, plan, tasks, o)
  cfg = ld_check ();
  sdir = ld_sweep_path (F, 'slurm');
  if (~ exist (sdir, 'dir'))
    mkdir (sdir);
  end
  old = ld_jobs (F);
  s = 1;
  if (~ isempty (old))
    s = max ([old.sub]) + 1;
  end
  stem = fullfile (sdir, sprintf ('sub-%03d', s));
  % the task list: line t holds the points of array task t - 1 (counted over all pieces)
  fid = fopen ([stem '.tasks'], 'w');
  if (fid < 0)
    error ('lindyn:sweep:folder', 'sweep: cannot write %s.tasks', stem);
  end
  for t = 1:numel (tasks)
    fprintf (fid, '%s\n', sprintf ('%d ', tasks{t}));
  end
  fclose (fid);
  % what each task runs in Octave
  q = @(s) ['''' strrep(s, '''', '''''') ''''];
  lines = {'% a task of a lindyn sweep: the points of its line of the task list', ...
           'sigterm_dumps_octave_core (false);', 'crash_dumps_octave_core (false);'};
  for k = 1:numel (o.path)
    lines{end+1} = sprintf ('addpath (%s);', q (o.path{k}));
  end
  lines = [lines, {sprintf('tasks = strsplit (fileread (%s), char (10));', q ([stem '.tasks'])), ...
                   'pts = sscanf (tasks{str2double(getenv(''LINDYN_SWEEP_TASK''))}, ''%d'')'';', ...
                   'n = str2double (getenv (''SLURM_CPUS_PER_TASK''));', ...
                   'if (isnan (n)), n = 1;  end', ...
                   sprintf('sweep_run (%s, pts, ''threads'', n, ''backend'', ''slurm'', ''together'', %d);', ...
                           q (F), o.together)}];
  ld_text ([stem '.m'], lines);
  % the batch script: threads pinned to the task's CPUs before Octave (and its OpenMP
  % runtime and OpenBLAS) starts
  sh = @(s) ['''' strrep(s, '''', '''\''''') ''''];
  lines = {'#!/bin/bash', '# a task of a lindyn sweep (written by sweep; argument: the offset of this array)', ...
           'export OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1}', ...
           'export OPENBLAS_NUM_THREADS=$OMP_NUM_THREADS', ...
           'export LINDYN_PROGRESS=lines', ...
           'export LINDYN_SWEEP_TASK=$(( $1 + SLURM_ARRAY_TASK_ID + 1 ))'};
  if (~ isempty (o.setup))
    lines{end+1} = o.setup;
  end
  lines{end+1} = sprintf ('exec %s --no-gui --no-window-system -q %s', o.octave, sh ([stem '.m']));
  ld_text ([stem '.sh'], lines);
  % the submissions, at most MaxArraySize tasks each
  m = cfg.max_array;
  extra = strjoin (cellfun (sh, o.sbatch, 'UniformOutput', false), ' ');
  jobs = struct ('sub', {}, 'job', {}, 'offset', {}, 'ntasks', {});
  for off = 0:m:numel (tasks) - 1
    cnt = min (m, numel (tasks) - off);
    cmd = sprintf (['sbatch --parsable --array=0-%d --job-name=lindyn-sweep ', ...
                    '--output=%s --chdir=%s --cpus-per-task=%d %s %s %d 2>&1'], ...
                   cnt - 1, sh ([stem '-%A_%a.out']), sh (sdir), o.cpus, extra, ...
                   sh ([stem '.sh']), off);
    [st, txt] = system (cmd);
    job = sscanf (txt, '%d', 1);
    if (st ~= 0 || isempty (job))
      error ('lindyn:sweep:slurm', 'sweep: sbatch failed (%s): %s', cmd, strtrim (txt));
    end
    jobs(end+1) = struct ('sub', s, 'job', job, 'offset', off, 'ntasks', cnt);
    fid = fopen (fullfile (sdir, 'jobs.txt'), 'a');
    fprintf (fid, '%d %d %d %d\n', s, job, off, cnt);
    fclose (fid);
  end
end

function ld_text (file, lines)
  fid = fopen (file, 'w');
  if (fid < 0)
    error ('lindyn:sweep:folder', 'sweep: cannot write %s', file);
  end
  fprintf (fid, '%s\n', lines{:});
  fclose (fid);
end
