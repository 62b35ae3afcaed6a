function [T, info] = sweep (fun, args, grid, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{T} =} sweep (@var{fun}, @var{args}, @var{grid})
% @deftypefnx {} {@var{T} =} sweep (@var{fun}, @var{args}, @var{grid}, @var{name}, @var{value}, @dots{})
% @deftypefnx {} {@var{T} =} sweep (@var{F}, @var{name}, @var{value}, @dots{})
% @deftypefnx {} {[@var{T}, @var{info}] =} sweep (@dots{})
% SWEEP_HELP
% @end deftypefn

  if (nargin < 1)
    ld_usage ('sweep');
  end
  fn = 'sweep';
  if (ischar (fun))
    % sweep (F, ...): the sweep stored in folder F, its points not done
    F = fun;
    rest = {};
    if (nargin > 1), rest = [{args}, {grid}, varargin];  rest = rest(1:nargin - 1);  end
    o = ld_options (rest);
    o.folder = F;  o.resume = true;
    plan = ld_sweep_load (fn, F);
    stored = true;
  else
    if (nargin < 3)
      ld_usage ('sweep');
    end
    if (~ isa (fun, 'function_handle'))
      error ('lindyn:sweep:fun', 'sweep: fun must be a function handle, e.g. @gd_deep');
    end
    o = ld_options (varargin);
    plan = ld_sweep_plan (fun, args, grid, o.points, o.eta, o.keep);
    stored = false;
  end
  ld_reserved (plan);
  backend = o.backend;
  if (strcmp (backend, 'slurm'))
    if (isempty (o.folder))
      error ('lindyn:sweep:folder', ['sweep: backend "slurm" needs a folder that the ', ...
             'cluster''s nodes see ("folder", F)']);
    end
    ld_sweep_slurm ('check');
  end

  % ---- the folder: new, or the same sweep again ----
  F = o.folder;
  temporary = false;
  if (isempty (F) && strcmp (backend, 'local'))
    F = tempname ();
    temporary = true;
  end
  if (~ isempty (F))
    F = ld_absolute (F);
    planfile = ld_sweep_path (F, 'plan');
    if (~ stored && exist (planfile, 'file'))
      old = ld_sweep_load (fn, F);
      if (~ o.resume)
        error ('lindyn:sweep:folder', ['sweep: %s holds a sweep already: pass ', ...
               '"resume", true to run its points that are not done, or choose another folder'], F);
      end
      why = ld_difference (old, plan);
      if (~ isempty (why))
        error ('lindyn:sweep:folder', 'sweep: %s holds a different sweep (%s)', F, why);
      end
      if (old.keep ~= plan.keep)
        warning ('lindyn:sweep:keep', 'sweep: the sweep in %s was made with "keep", %d; kept as it was', ...
                 F, old.keep);
      end
      plan = old;
    elseif (~ stored)
      if (~ exist (F, 'dir'))
        [ok, msg] = mkdir (F);
        if (~ ok)
          error ('lindyn:sweep:folder', 'sweep: cannot make folder %s: %s', F, msg);
        end
      end
      mkdir (ld_sweep_path (F, 'points'));
      ld_sweep_write (planfile, struct ('plan', plan));
    end
  end

  % ---- the points to run ----
  t0 = tic ();
  status = repmat ({'missing'}, plan.n, 1);
  if (~ isempty (F))
    st = ld_sweep_scan (F, plan);
    status = st.status;
  end
  todo = reshape (find (strcmp (status, 'missing') | strcmp (status, 'failed')), 1, []);
  info = struct ('folder', F, 'backend', backend, 'points', plan.n, 'ran', todo, ...
                 'skipped', reshape (find (~ ismember (status, {'missing', 'failed'})), 1, []), ...
                 'jobs', [], 'stopped', '', 'seconds', NaN, 'runs', []);
  chunk = o.chunk;
  if (isempty (chunk)), chunk = 1;  end
  o.chunk = chunk;
  rows = {};  Rs = {};
  switch (backend)
    case 'serial'
      ld_sweep_progress ('init', o.verbose, 'sweep');
      ctx = struct ('backend', 'serial', 'together', o.together, ...
                    'progress', @(d, n) ld_sweep_progress (d, n));
      if (~ isempty (todo))
        out = ld_sweep_execute (plan, todo, F, ctx);
        if (isempty (F))
          rows = cell (plan.n, 1);  Rs = cell (plan.n, 1);
          rows(todo) = num2cell (out.rows);
          Rs(todo) = out.R;
          status(todo) = {'done'};
          status(todo(~ cellfun ('isempty', {out.rows.error}))) = {'failed'};
          info.runs = out.meta;
        end
      end
    case 'local'
      if (~ isempty (todo))
        info.stopped = ld_sweep_local (F, todo, o);
      end
    case 'slurm'
      if (~ isempty (todo))
        tasks = cell (1, ceil (numel (todo) / chunk));
        for t = 1:numel (tasks)
          tasks{t} = todo((t - 1) * chunk + 1:min (t * chunk, numel (todo)));
        end
        o.path = [ld_paths(plan), o.path];
        info.jobs = ld_sweep_slurm ('submit', F, plan, tasks, o);
        if (o.wait)
          info.stopped = ld_wait (F, plan, todo, o.timeout);
        end
      end
  end
  info.seconds = toc (t0);

  % ---- the table ----
  if (isempty (F))
    T = ld_sweep_table (plan, rows, status, Rs);
  else
    [T, runs] = sweep_collect (F);
    info.runs = runs;
  end
  if (temporary)
    if (all (strcmp (T.status, 'done') | strcmp (T.status, 'failed')))
      ld_remove_folder (F);
      info.folder = '';
    end
  end
  ld_report (T, info, strcmp (backend, 'slurm') && ~ o.wait);
end

function ld_remove_folder (F)
  if (exist ('OCTAVE_VERSION', 'builtin'))
    confirm = confirm_recursive_rmdir (false);
    rmdir (F, 's');
    confirm_recursive_rmdir (confirm);
  else
    rmdir (F, 's');
  end
end

function o = ld_options (args)
  fn = 'sweep';
  defaults = struct ('backend', 'serial', 'folder', '', 'resume', false, 'keep', false, ...
                     'points', [], 'eta', [], 'together', true, 'workers', [], 'chunk', [], ...
                     'cpus', 1, 'sbatch', {{}}, 'setup', '', 'octave', 'octave-cli', ...
                     'path', {{}}, 'wait', false, 'timeout', Inf, 'verbose', []);
  o = ld_name_value (fn, defaults, args);
  if (~ (ischar (o.backend) && any (strcmp (o.backend, {'serial', 'local', 'slurm'}))))
    error ('lindyn:sweep:backend', 'sweep: backend must be "serial", "local" or "slurm"');
  end
  if (~ (ischar (o.folder) && (isrow (o.folder) || isempty (o.folder))))
    error ('lindyn:sweep:folder', 'sweep: folder must be a string (a path)');
  end
  o.resume = ld_logical (fn, 'resume', o.resume);
  o.keep = ld_logical (fn, 'keep', o.keep);
  o.together = ld_logical (fn, 'together', o.together);
  o.wait = ld_logical (fn, 'wait', o.wait);
  if (~ isempty (o.verbose)), o.verbose = ld_logical (fn, 'verbose', o.verbose);  end
  if (~ isempty (o.workers))
    o.workers = ld_matrix (fn, 'workers', o.workers, 'scalar', 'integer', 'positive');
  end
  if (~ isempty (o.chunk))
    o.chunk = ld_matrix (fn, 'chunk', o.chunk, 'scalar', 'integer', 'positive');
  end
  o.cpus = ld_matrix (fn, 'cpus', o.cpus, 'scalar', 'integer', 'positive');
  if (o.cpus > 1024)
    error ('lindyn:sweep:cpus', 'sweep: cpus must be at most 1024');
  end
  o.timeout = ld_matrix (fn, 'timeout', o.timeout, 'scalar', 'nonnegative');
  if (ischar (o.sbatch)), o.sbatch = {o.sbatch};  end
  if (~ iscellstr (o.sbatch))
    error ('lindyn:sweep:sbatch', 'sweep: sbatch must be a cell of sbatch arguments');
  end
  if (ischar (o.path)), o.path = {o.path};  end
  if (~ iscellstr (o.path))
    error ('lindyn:sweep:path', 'sweep: path must be a cell of folders');
  end
  o.path = reshape (o.path, 1, []);
  if (~ (ischar (o.setup) && (isrow (o.setup) || isempty (o.setup))))
    error ('lindyn:sweep:setup', 'sweep: setup must be a string (shell commands)');
  end
  if (~ (ischar (o.octave) && isrow (o.octave)))
    error ('lindyn:sweep:octave', 'sweep: octave must be a string (the Octave binary)');
  end
end

function ld_reserved (plan)
  % axis names that would hide a column of the table
  cols = {'point', 'name', 'status', 'eta_recommended', 'final_loss', 'best_loss', ...
          'final_test_loss', 'best_test_loss', 'best_test_t', 'diverged_at', 'stopped_by', ...
          'iterations', 'wall', 'error', 'R'};
  if (strcmp (plan.eta_mode, 'recommended')), cols{end+1} = 'eta';  end
  bad = intersect ({plan.axes.name}, cols);
  if (~ isempty (bad))
    error ('lindyn:sweep:grid', 'sweep: grid axis %s is the name of a column of the table', bad{1});
  end
end

function F = ld_absolute (F)
  % the folder as an absolute path (array tasks start elsewhere)
  if (~ (numel (F) >= 1 && (F(1) == '/' || F(1) == '\' || (numel (F) >= 2 && F(2) == ':'))))
    F = fullfile (pwd (), F);
  end
end

function why = ld_difference (a, b)
  % what differs between two plans ('' when they make the same points)
  why = '';
  if (~ strcmp (a.sig.label, b.sig.label))
    why = sprintf ('fun %s, not %s', a.sig.label, b.sig.label);
  elseif (~ isequal (ld_captured (a.fun), ld_captured (b.fun)))
    why = 'the values captured by fun differ';
  elseif (~ isequal ({a.axes.name}, {b.axes.name}))
    why = sprintf ('axes %s, not %s', strjoin ({a.axes.name}, ', '), strjoin ({b.axes.name}, ', '));
  elseif (~ isequal ({a.axes.values}, {b.axes.values}) || ~ isequal (a.idx, b.idx))
    why = 'the values of the axes differ';
  elseif (~ isequal (a.pos, b.pos) || ~ isequal (a.opts, b.opts))
    why = 'args differ';
  elseif (~ isequal (a.eta_mode, b.eta_mode) || ~ isequaln (a.eta, b.eta))
    why = 'the steps differ';
  end
end

function w = ld_captured (f)
  % the variables an anonymous function captured (none for a named one)
  w = [];
  s = functions (f);
  if (isfield (s, 'workspace'))
    w = s.workspace;
  end
end

function p = ld_paths (plan)
  % the folders an array task needs on its path: lindyn's functions, its gateways, and
  % the file of fun (a function of the user's)
  p = {fileparts(which ('sweep')), fileparts(which ('__lindyn_gd__'))};
  f = which (plan.sig.label);
  if (plan.sig.label(1) ~= '@' && ~ isempty (f) && exist (f, 'file'))
    p{end+1} = fileparts (f);
  end
  p = unique (p(~ cellfun ('isempty', p)), 'stable');
end

function why = ld_wait (F, plan, todo, timeout)
  % until no point of todo is queued or running (or timeout seconds have passed)
  why = '';
  t0 = tic ();
  pause_s = 1;
  while (true)
    st = ld_sweep_scan (F, plan);
    busy = ismember (st.status(todo), {'queued', 'running'});
    if (~ any (busy))
      return;
    end
    if (toc (t0) > timeout)
      why = sprintf ('timed out after %g s with %d points queued or running', timeout, sum (busy));
      return;
    end
    pause (pause_s);
    pause_s = min (2 * pause_s, 10);
  end
end

function ld_report (T, info, submitted)
  % the failures of the points run now, and the points left undone
  ran = info.ran;
  if (isempty (ran) || submitted)
    return;
  end
  failed = ran(strcmp (T.status(ran), 'failed'));
  undone = ran(~ ismember (T.status(ran), {'done', 'failed'}));
  if (~ isempty (failed))
    msgs = T.error(failed);
    [u, first, which] = unique (msgs);
    parts = cell (1, numel (u));
    for j = 1:numel (u)
      k = failed(find (which == j, 1));
      parts{j} = sprintf ('%d point(s), e.g. point %d (%s): %s', sum (which == j), k, ...
                          T.name{k}, u{j});
    end
    text = strjoin (parts, '; ');
    where = '';
    if (~ isempty (info.folder))
      where = sprintf (' (the points done are in %s)', info.folder);
    end
    if (numel (failed) == numel (ran))
      error ('lindyn:sweep:failed', 'sweep: all %d points failed%s: %s', numel (ran), where, text);
    end
    warning ('lindyn:sweep:failed', 'sweep: %d of %d points failed: %s', numel (failed), ...
             numel (ran), text);
  end
  if (~ isempty (undone))
    why = '';
    if (~ isempty (info.stopped)), why = [': ' info.stopped];  end
    warning ('lindyn:sweep:incomplete', ['sweep: %d of %d points are not done%s; ', ...
             'sweep (..., "resume", true) or sweep ("%s") runs them'], numel (undone), ...
             numel (ran), why, info.folder);
  end
end
