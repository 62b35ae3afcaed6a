function out = ld_sweep_execute (plan, pts, F, ctx)
% -*- texinfo -*-
% @deftypefn {} {@var{out} =} ld_sweep_execute (@var{plan}, @var{pts}, @var{F}, @var{ctx})
% Run the points @var{pts} of a sweep in this process and return their rows.
%
% With @var{ctx}.together true, points whose calls agree in everything but the step
% and the start (the same @code{gkey} of @code{ld_sweep_call} and starts of the same
% sizes) run in one call of the trajectory function with a vector of steps and a cell of
% starts (at most 64 at a time): the engine runs the trajectories side by side (OpenMP
% over trajectories), each exactly as it runs alone (lindyn's tests check it bit for
% bit).  When such a call fails, its points run one by one, so each error lands on its
% own point.  Every point's summary (@code{ld_sweep_summary}) gets @code{wall} (the
% seconds of its call, shared evenly inside a call) and @code{error} (empty, or the
% message of the error it raised).
%
% With a folder @var{F} (else empty), each point is marked as running
% (@file{points/p*.run}: host, process, SLURM job) before its call and its result is
% written atomically after it, @file{points/p*.mat} (variables @code{row}, @code{meta}
% and, when @code{plan.keep}, @code{R}) or @file{points/p*.failed.mat}; the marker is then
% removed.  @var{ctx}: @code{backend} (recorded in the meta data), @code{together},
% @code{progress} (a function of the numbers of points done and in all, or empty).
% @var{out} has fields @code{rows} (struct array, one per point of @var{pts}),
% @code{R} (cell; the results when @code{plan.keep}) and @code{meta} (struct array:
% backend, host, pid, together (the number of trajectories of the call), call_wall,
% warning and warning_id (the last warning the call issued; a warning switched off is
% not issued), blas_threads, omp_threads, finished, version).
% @end deftypefn

  np = numel (pts);
  calls = cell (1, np);
  failed = cell (1, np);
  for i = 1:np
    try
      calls{i} = ld_sweep_call (plan, pts(i));
    catch err
      failed{i} = err.message;
    end
  end
  groups = ld_groups (plan, calls, failed, ctx.together);
  rows = cell (1, np);  metas = cell (1, np);  Rs = cell (1, np);
  [host, pid] = ld_sweep_host ();
  base = struct ('backend', ctx.backend, 'host', host, 'pid', pid, 'together', 1, ...
                 'call_wall', NaN, 'warning', '', 'warning_id', '', 'blas_threads', NaN, ...
                 'omp_threads', NaN, 'finished', '', 'version', ld_version ());
  try
    [~, base.blas_threads, ~, base.omp_threads] = __lindyn_config__ ();
  catch
  end
  done = 0;
  for g = 1:numel (groups)
    members = groups{g};
    if (~ isempty (F))
      for i = members
        ld_marker (F, plan, pts(i), host, pid);
      end
      % markers of a call stopped by an error or Ctrl-C go with it (a finished point's
      % marker is removed by ld_store already)
      unmark = onCleanup (@() ld_unmark (F, plan, pts(members)));
    end
    if (numel (members) == 1 && ~ isempty (failed{members}))
      res = {ld_failed_row(failed{members})};  Rg = {[]};  wall = 0;  w = {'', ''};
    else
      [res, Rg, wall, w] = ld_run_group (plan, calls(members));
      if (numel (members) > 1 && isempty (res))
        % the call of the group failed: each point alone, so that errors are its own
        res = cell (1, numel (members));  Rg = res;
        for j = 1:numel (members)
          [r1, R1, wall1, w1] = ld_run_group (plan, calls(members(j)));
          res(j) = r1;  Rg(j) = R1;
          metas{members(j)} = ld_meta (base, 1, wall1, w1);
        end
      end
    end
    for j = 1:numel (members)
      i = members(j);
      if (isempty (metas{i}))
        metas{i} = ld_meta (base, numel (members), wall, w);
      end
      rows{i} = res{j};
      if (plan.keep)
        Rs{i} = Rg{j};
      end
      if (~ isempty (F))
        ld_store (F, plan, pts(i), rows{i}, metas{i}, Rg{j});
      end
    end
    done = done + numel (members);
    if (isfield (ctx, 'progress') && ~ isempty (ctx.progress))
      ctx.progress (done, np);
    end
  end
  out = struct ('rows', {[rows{:}]}, 'R', {Rs}, 'meta', {[metas{:}]});
end

function groups = ld_groups (plan, calls, failed, together)
  % lists of indices into calls: points that can run in one call, in order of appearance
  np = numel (calls);
  if (~ (together && plan.sig.vector_eta))
    groups = num2cell (1:np);
    return;
  end
  keys = cell (1, np);
  for i = 1:np
    c = calls{i};
    if (~ isempty (failed{i}) || ~ (isnumeric (c.eta) && isscalar (c.eta)) ...
        || ~ (isempty (c.start) || ld_is_chain (c.start) ...
              || (isnumeric (c.start) && ismatrix (c.start))))
      keys{i} = sprintf ('#%d', i);               % runs alone
    else
      keys{i} = [sprintf('%d,', c.gkey), '|', ld_shape(c.start)];
    end
  end
  [~, first, which] = unique (keys);
  [~, order] = sort (first);                      % groups in order of first appearance
  groups = {};
  for u = reshape (order, 1, [])
    members = find (which == u);
    members = reshape (members, 1, []);
    for s = 1:64:numel (members)
      groups{end+1} = members(s:min (s + 63, numel (members)));
    end
  end
  % first appearance of the group (unique may return the last index: take the first)
  starts = cellfun (@(m) m(1), groups);
  [~, o] = sort (starts);
  groups = groups(o);
end

function tf = ld_is_chain (W)
  tf = iscell (W) && ~ isempty (W) && all (cellfun (@(w) isnumeric (w) && ismatrix (w), W));
end

function s = ld_shape (W)
  % the sizes of a start, as a string (starts run together only when they agree)
  if (iscell (W))
    s = sprintf ('%dx%d,', cell2mat (cellfun (@size, W(:)', 'UniformOutput', false)));
  else
    s = sprintf ('%dx%d', size (W, 1), size (W, 2));
  end
end

function [res, Rg, wall, w] = ld_run_group (plan, calls)
  % one call for the points of calls; res = {} when it failed for a group
  K = numel (calls);
  sig = plan.sig;
  c = calls{1};
  pos = c.pos;  opts = c.opts;
  if (K > 1)
    pos{sig.eta} = cellfun (@(x) x.eta, calls);
    starts = cellfun (@(x) x.start, calls, 'UniformOutput', false);
    if (~ isempty (c.start))
      if (~ isempty (sig.start_option))
        at = find (strcmpi (opts(1:2:end), sig.start_option), 1, 'last');
        opts{2 * at} = cat (3, starts{:});
      else
        pos{sig.start} = starts;
      end
    end
  end
  if (exist ('OCTAVE_VERSION', 'builtin'))
    lastwarn ('', '');
  else
    lastwarn ('');
  end
  t0 = tic ();
  try
    R = plan.fun (pos{:}, opts{:});
    wall = toc (t0);
    if (~ isstruct (R) || numel (R) ~= K)
      error ('lindyn:sweep:fun', 'sweep: fun returned %s, not %d result struct(s)', ...
             class (R), K);
    end
    res = cell (1, K);  Rg = cell (1, K);
    for j = 1:K
      res{j} = ld_sweep_summary (R(j));
      res{j}.wall = wall / K;
      res{j}.error = '';
      Rg{j} = R(j);
    end
  catch err
    wall = toc (t0);
    if (K > 1)
      res = {};  Rg = {};
    else
      res = {ld_failed_row(err.message)};  Rg = {[]};
      res{1}.wall = wall;
    end
  end
  [msg, id] = lastwarn ();
  w = {msg, id};
end

function row = ld_failed_row (msg)
  row = ld_sweep_summary (struct ());
  row.stopped_by = '';
  row.wall = 0;
  row.error = msg;
end

function m = ld_meta (base, K, wall, w)
  m = base;
  m.together = K;
  m.call_wall = wall;
  m.warning = w{1};
  m.warning_id = w{2};
  m.finished = datestr (now (), 'yyyy-mm-dd HH:MM:SS');
end

function ld_marker (F, plan, k, host, pid)
  % the marker of a running point: who runs it (host, process, SLURM job and task)
  job = getenv ('SLURM_ARRAY_JOB_ID');
  if (~ isempty (job))
    job = [job '_' getenv('SLURM_ARRAY_TASK_ID')];
  else
    job = getenv ('SLURM_JOB_ID');
  end
  file = ld_sweep_path (F, 'run', k, plan.n);
  fid = fopen (file, 'w');
  if (fid < 0)
    error ('lindyn:sweep:folder', 'sweep: cannot write %s', file);
  end
  fprintf (fid, 'host=%s\npid=%d\njob=%s\n', host, pid, job);
  fclose (fid);
end

function ld_store (F, plan, k, row, meta, R)
  % the result of point k, atomically; its marker and any earlier failure removed
  S = struct ('row', row, 'meta', meta);
  if (isempty (row.error))
    if (plan.keep)
      S.R = R;
    end
    ld_sweep_write (ld_sweep_path (F, 'done', k, plan.n), S);
    ld_remove (ld_sweep_path (F, 'failed', k, plan.n));
  else
    ld_sweep_write (ld_sweep_path (F, 'failed', k, plan.n), S);
  end
  ld_remove (ld_sweep_path (F, 'run', k, plan.n));
end

function ld_unmark (F, plan, pts)
  for k = pts
    ld_remove (ld_sweep_path (F, 'run', k, plan.n));
  end
end

function ld_remove (file)
  if (exist (file, 'file'))
    delete (file);
  end
end
