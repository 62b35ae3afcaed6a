function [T, info] = sweep (fun, args, grid, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{T} =} sweep (@var{fun}, @var{args}, @var{grid})
% @deftypefnx {} {@var{T} =} sweep (@var{fun}, @var{args}, @var{grid}, @var{name}, @var{value}, @dots{})
% @deftypefnx {} {@var{T} =} sweep (@var{F}, @var{name}, @var{value}, @dots{})
% @deftypefnx {} {[@var{T}, @var{info}] =} sweep (@dots{})
% Run a trajectory function over a grid of run parameters and get one table back: each
% point's parameters and summary (final and best losses, where the held-out loss was
% best, divergence, why it stopped, iterations, time, error), run in this process, on
% all cores of this machine, or as a SLURM job array, resumable after an interruption.
%
% @strong{The call.}  @var{fun} is a trajectory function (@code{@@gd_deep},
% @code{@@gd_linear}, @code{@@sgd_deep}, @code{@@gd_completion}, @code{@@gd_sensing}, or
% an anonymous function of the same parameters around one).  @var{args} holds its
% positional arguments, then any of its options, as in @code{fun (args@{:@})}; an
% argument that the grid supplies may be @code{[]} (or left out at the end).  @var{grid}
% is a struct whose fields are the axes, each a vector (a point per element) or a cell (a
% point per cell); the points are the Cartesian product of the axes, in the order of
% nested loops written in field order (the first field outermost, the last varying
% fastest).  Option @qcode{"points"} (a struct array, one element per point) lists the
% points instead (@var{grid} is then @code{[]}).  An axis is:
% @table @asis
% @item a positional argument of @var{fun}, by its name in @var{fun}'s help
% @code{eta}, @code{iters}, @code{W0} (a cell of starts), or the data (@code{Sx},
% @code{Sxy}, @code{X}, @code{Y}, @code{M}, @code{mask}, @code{A}, @code{y});
% @item a start drawn by @code{random_init}
% @code{scale} (needed whenever a start is drawn), @code{seed} (default 0), @code{depth},
% @code{widths} (the inner widths: a number for every layer or a vector; default: those
% of a W0 in @var{args}, else @code{min (d, p)}), @code{scheme}, @code{lambda} (an option
% of @code{random_init}, used when this lindyn's @code{random_init} has it).  A start is
% drawn when one of these is an axis or when @var{args} holds no W0:
% @code{random_init ([d, widths, p], scale, "seed", seed, "scheme", scheme)}, with d and p
% from the data; @code{gd_linear} gets it as its option @qcode{"init"};
% @item @code{seed}
% is also given to a function that has a @qcode{"seed"} option (@code{sgd_deep}: its
% batches), so a point's seed names all of its randomness;
% @item @code{eta_factor}
% with option @qcode{"eta"}, @qcode{"recommended"}: the step is @code{eta_factor} times
% the step that @code{stepsize_check} recommends for the point's problem, start and
% number of iterations (the field @code{recommended} of its third output, with its
% options @qcode{"init"} and @qcode{"iters"}), computed once per distinct combination;
% an error says so when this lindyn's @code{stepsize_check} does not give that field;
% @item any other name
% an option of @var{fun}: @code{method}, @code{beta}, @code{batch}, @code{test} (a cell
% of held-out sets), @code{record}, @dots{}
% @end table
%
% @strong{The table.}  @var{T} is a struct with one field per column, each a column of
% one value per point, in grid order: @code{point} (1..N), @code{name} (e.g.
% @qcode{"eta=0.1 seed=3"}), one column per axis (numbers; strings for strings and short
% vectors such as widths; the position in the axis for starts and data), with
% @qcode{"eta"}, @qcode{"recommended"} also @code{eta_recommended} and @code{eta}, then
% @code{status} (@qcode{"done"}, @qcode{"failed"}, or, for a sweep not finished,
% @qcode{"running"}, @qcode{"queued"}, @qcode{"missing"}), @code{final_loss},
% @code{best_loss} (the training loss: last and smallest recorded), @code{final_test_loss},
% @code{best_test_loss}, @code{best_test_t} (the held-out loss of option @qcode{"test"}
% and the iteration where it was smallest; NaN without it), @code{diverged_at} (NaN when
% the run did not diverge), @code{stopped_by}, @code{iterations}, @code{wall} (seconds;
% a call of several trajectories shares its time evenly) and @code{error} (the message
% of a point that failed).  With @qcode{"keep"}, true @code{T.R} holds every point's full
% result.  With a folder, the table is also written to @file{F/sweep.csv}.
% @var{info} says what this call did: @code{folder}, @code{backend}, @code{points},
% @code{ran} and @code{skipped} (point numbers), @code{jobs} (SLURM submissions),
% @code{stopped} (why workers stopped, if they did), @code{seconds} and @code{runs} (per
% point: backend, host, process, the number of trajectories of its call, threads, the
% last warning its call issued; see @code{sweep_collect}).
%
% A point that raises an error gets its message in @code{error} and the others go on
% (warning @code{lindyn:sweep:failed}); when every point run fails, the error
% @code{lindyn:sweep:failed} lists the distinct messages, and a folder keeps every result
% written before.
%
% @strong{Backends} (option @qcode{"backend"}).
% @table @asis
% @item @qcode{"serial"} (default)
% in this process.  Points that agree in everything but the step and the start run as
% one call with a vector of steps and a cell of starts (the trajectory engine runs them
% side by side, OpenMP over trajectories); each trajectory is exactly the one it would
% be alone (lindyn's tests check it bit for bit).  @qcode{"together"}, false runs every
% point alone (in every backend: on one thread, many small trajectories in one call cost
% more than the same runs alone; see doc/sweeps.md).
% @item @qcode{"local"}
% on all cores of this machine, through @code{parcellfun} of Octave's @code{parallel}
% package (Debian: @code{octave-parallel}): @qcode{"workers"} processes (default
% @code{nproc ()}), each running chunks of @qcode{"chunk"} points (default 1) with
% OpenBLAS and OpenMP on one thread (OMP_NUM_THREADS and OPENBLAS_NUM_THREADS are 1 when
% the workers start, and every chunk sets both counts to 1 again) and with the calling
% Octave's warning state.  The results go to a folder point by point (a temporary one,
% removed at the end, when no @qcode{"folder"} is given), so a worker that dies loses
% only the point it was running: the call returns the table so far with warning
% @code{lindyn:sweep:incomplete}, and the same call with @qcode{"resume"}, true runs
% the rest.
% @item @qcode{"slurm"}
% as a SLURM job array: needs @qcode{"folder"}, on a file system that the cluster's nodes
% see.  Each array task runs @qcode{"chunk"} points (default 1) in @command{octave-cli}
% (option @qcode{"octave"}), with @qcode{"cpus"} CPUs (default 1; OMP_NUM_THREADS and
% OpenBLAS's threads are set to them before Octave starts); @qcode{"sbatch"} adds
% arguments (a cell, e.g. @code{@{"--time=02:00:00", "--partition=short"@}}),
% @qcode{"setup"} shell lines run first (e.g. @qcode{"module load octave"}),
% @qcode{"path"} folders to add to Octave's path (lindyn's own and that of a @var{fun}
% of yours are added).  Arrays of more tasks than the cluster's MaxArraySize
% (@code{scontrol show config}) are split into several @code{sbatch --array} calls.  The
% call returns once the jobs are submitted (the table then shows the points
% @qcode{"queued"}); @qcode{"wait"}, true waits for them (at most @qcode{"timeout"}
% seconds) and returns the collected table.  @code{sweep_status (F)} says how far it
% is, @code{sweep_collect (F)} merges the folder into the table, and the same call with
% @qcode{"resume"}, true (or @code{sweep (F, "backend", "slurm")}) submits the points
% that are neither done, running nor queued: missing ones (a task cancelled, a node
% lost, a time limit) and failed ones.  Without a cluster, an error says so
% (@code{lindyn:sweep:slurm}); nothing is submitted.
% @end table
%
% @strong{The folder} (option @qcode{"folder"}, any backend): @file{sweep.mat} holds the
% sweep (function, arguments, points), @file{points/p000007.mat} the result of point 7
% (or @file{p000007.failed.mat} its error), each written to a temporary name and renamed,
% so a file is complete or absent; @file{points/p000007.run} marks it running (host,
% process, SLURM task); @file{slurm/} holds the batch scripts, task lists and logs.  A
% folder that holds a sweep is refused unless @qcode{"resume"} is true, and then only for
% the same sweep; @code{sweep (F)} continues the sweep stored in @var{F} without
% repeating the call, and @code{sweep_run (F, points)} runs chosen points on any machine
% that sees @var{F}.
%
% @strong{Reproducible points.}  A point's start and seeds come from its parameters
% alone, never from a random stream shared with other points, and a run's result does not
% depend on which backend ran it, how many threads it had or which points ran with it:
% lindyn's tests compare the serial, local and SLURM backends' tables and trajectories
% bit for bit.
%
% @strong{A sweep at scale.}  Kunin et al. (NeurIPS 2024) run 17 scales x 17
% imbalances x 16 seeds = 4,624 runs of a two-layer network, 10^6 steps each.  As one
% call: @code{grid = struct ("scale", logspace (-3, 1, 17), "lambda", lambdas,
% "seed", 1:16)}, @code{sweep (@@gd_deep, @{Sx, Sxy, eta, 1e6@}, grid, "backend",
% "slurm", "folder", F, "chunk", 16, "together", false)}.  With the seed fastest and a
% chunk of 16, each array task holds the 16 seeds of one (scale, imbalance) cell: 289
% tasks, one @code{sbatch --array=0-288} (under the default MaxArraySize of 1001;
% @qcode{"chunk"}, 1 would make 4,624 tasks in five arrays).  Measured with
% doc/examples/sweep_steps.m (one thread, CPU time, a 2-core AMD EPYC): a step costs
% 0.63 us at widths [5 5 5], 2.2 us at [20 20 20], 24 us at [50 50 50], 167 us at
% [100 100 100], and starting a task 0.4 s.  At [20 20 20] the grid is 2.8 CPU hours:
% about 86 min on one 2-core node, 9 min on 10 and 71 s on 100 (two waves of tasks of
% 35 s); at [50 50 50], 30 CPU hours: 15.2 h, 95 min and 13 min.  On one CPU per task,
% 16 small trajectories in one call cost more than the same runs one by one (1.41
% against 0.63 us per step at [5 5 5]), hence @qcode{"together"}, false there.
% doc/sweeps.md works the example through.
%
% Errors: @code{lindyn:sweep:fun}, @code{:args}, @code{:grid}, @code{:points},
% @code{:eta}, @code{:recommended}, @code{:lambda}, @code{:W0}, @code{:depth},
% @code{:widths}, @code{:backend}, @code{:folder}, @code{:local}, @code{:slurm},
% @code{:failed}, @code{:option} and one per option name.
%
% Example: 3 steps x 2 seeds of a two-layer network from small random starts, in this
% process (the six points run as one call of six trajectories):
% @c runnable
% @example
% @group
% Sx = diag ([1 0.5 0.2]);  Sxy = diag ([1 0.4 0.1]);
% grid = struct ('eta', [0.1 0.5 1], 'seed', [1 2], 'scale', 1e-3);
% T = sweep (@@gd_deep, @{Sx, Sxy, [], 2000@}, grid);
% [T.eta, T.seed, T.final_loss, T.iterations]
% @end group
% @end example
%
% The same grid over depths 2 and 3 on all cores, kept in a folder (an interrupted
% sweep is continued by the same call with @qcode{"resume"}, true):
% @c runnable
% @example
% @group
% Sx = diag ([1 0.5 0.2]);  Sxy = diag ([1 0.4 0.1]);
% grid = struct ('eta', [0.1 0.5 1], 'seed', [1 2], 'scale', 1e-3, 'depth', [2 3]);
% F = tempname ();
% T = sweep (@@gd_deep, @{Sx, Sxy, [], 2000@}, grid, 'backend', 'local', 'folder', F);
% sweep_status (F)                           % 12 points done
% @end group
% @end example
%
% and on a SLURM cluster, 4 points per array task:
% @c runnable (needs a SLURM cluster)
% @example
% @group
% Sx = diag ([1 0.5 0.2]);  Sxy = diag ([1 0.4 0.1]);
% grid = struct ('eta', [0.1 0.5 1], 'seed', [1 2], 'scale', 1e-3, 'depth', [2 3]);
% sweep (@@gd_deep, @{Sx, Sxy, [], 2000@}, grid, 'backend', 'slurm', ...
%        'folder', '/scratch/me/run2', 'chunk', 4, 'sbatch', @{'--time=00:10:00'@});
% sweep_status ('/scratch/me/run2')          % later: done / running / queued / ...
% T = sweep_collect ('/scratch/me/run2');
% @end group
% @end example
% @seealso{sweep_status, sweep_collect, sweep_run, gd_deep, random_init, stepsize_check}
% @end deftypefn

  if (nargin < 1)
    ld_usage ('sweep');
  end
  fn = 'sweep';
  if (ischar (fun))
    % sweep (F, ...): the sweep stored in folder F, its points not done
    F = fun;
    if (~ exist (ld_sweep_path (F, 'plan'), 'file') && nargin >= 3 && iscell (args))
      error ('lindyn:sweep:fun', ['sweep: fun must be a function handle (e.g. @gd_deep); ', ...
             'a string names the folder of a stored sweep, and %s holds none'], F);
    end
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
  p = {fileparts(which ('sweep')), fileparts(which ('__lindyn_config__'))};
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
      where = sprintf (' (every result and error is kept in %s)', info.folder);
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

%!shared Sx, Sxy
%! Sx = diag ([1 0.5 0.2]);  Sxy = diag ([1 0.4 0.1]);

%!test
%! % points in grid order (the last axis fastest), each the run made by hand
%! grid = struct ('eta', [0.1 0.5], 'seed', [1 2], 'scale', 1e-3);
%! [T, info] = sweep (@gd_deep, {Sx, Sxy, [], 300}, grid);
%! assert (T.point, (1:4)');
%! assert ([T.eta, T.seed], [0.1 1; 0.1 2; 0.5 1; 0.5 2]);
%! assert (T.name{3}, 'eta=0.5 seed=1 scale=0.001');
%! R = gd_deep (Sx, Sxy, 0.5, 300, random_init ([3 3 3], 1e-3, 'seed', 1));
%! assert (T.final_loss(3), R.excess_loss(end));
%! assert (T.best_loss(3), min (R.excess_loss));
%! assert (T.stopped_by, repmat ({'iters'}, 4, 1));
%! assert (T.iterations, repmat (300, 4, 1));
%! assert (all (isnan (T.diverged_at)) && all (isnan (T.final_test_loss)));
%! assert (all (T.wall >= 0));
%! assert (T.error, repmat ({''}, 4, 1));
%! assert (info.ran, 1:4);  assert (isempty (info.folder));
%! assert (fieldnames (T)', {'point', 'name', 'eta', 'seed', 'scale', 'status', ...
%!         'final_loss', 'best_loss', 'final_test_loss', 'best_test_loss', 'best_test_t', ...
%!         'diverged_at', 'stopped_by', 'iterations', 'wall', 'error'});

%!test
%! % option axes, positional axes, a start from args, and a grid of one point
%! W0 = random_init ([3 2 3], 1e-2, 'seed', 4);
%! T = sweep (@gd_deep, {Sx, Sxy, 0.2, [], W0}, struct ('iters', [10 20], 'method', {{'gd', 'adam'}}), ...
%!            'keep', true);
%! assert (T.method, {'gd'; 'adam'; 'gd'; 'adam'});
%! R = gd_deep (Sx, Sxy, 0.2, 20, W0, 'method', 'adam');
%! assert (T.R{4}.factors, R.factors);
%! T = sweep (@gd_deep, {Sx, Sxy, 0.2, 10, W0}, struct ());
%! assert (T.point, 1);  assert (T.status, {'done'});

%!test
%! % no cluster here (SLURM_CONF names no file; no SLURM commands on the PATH): refused
%! % at once, nothing written or submitted
%! old = {getenv('SLURM_CONF'), getenv('PATH')};
%! c = onCleanup (@() cellfun (@setenv, {'SLURM_CONF', 'PATH'}, old));
%! F = tempname ();
%! for k = 1:2
%!   if (k == 1)
%!     setenv ('SLURM_CONF', '/nonexistent/slurm.conf');
%!   else
%!     setenv ('PATH', '/nonexistent');
%!   end
%!   try
%!     sweep (@gd_deep, {Sx, Sxy, [], 10}, struct ('eta', 0.1, 'scale', 1), 'backend', 'slurm', ...
%!            'folder', F);
%!     error ('no error');
%!   catch err
%!     assert (err.identifier, 'lindyn:sweep:slurm');
%!     assert (! isempty (strfind (err.message, 'SLURM')));
%!   end
%!   assert (! exist (F, 'dir'));
%! end

%!error <Invalid call> sweep ()
%!error <Invalid call> sweep (@gd_deep, {})
%!error id=lindyn:sweep:fun sweep ('gd_deep', {}, struct ())
%!error id=lindyn:sweep:fun sweep (1, {}, struct ())
%!error id=lindyn:sweep:args sweep (@gd_deep, 1, struct ('eta', 1))
%!error id=lindyn:sweep:args sweep (@gd_deep, {eye(2), eye(2)}, struct ('eta', 1, 'scale', 1))
%!error id=lindyn:sweep:args sweep (@gd_deep, {eye(2), eye(2), 1, 10, [], 3}, struct ('scale', 1))
%!error id=lindyn:sweep:grid sweep (@gd_deep, {eye(2), eye(2), 1, 10}, 3)
%!error id=lindyn:sweep:grid sweep (@gd_deep, {eye(2), eye(2), 1, 10}, struct ('eta', []))
%!error id=lindyn:sweep:grid sweep (@gd_deep, {eye(2), eye(2), 1, 10}, struct ('seed', 1))
%!error id=lindyn:sweep:grid sweep (@gd_deep, {eye(2), eye(2), 1, 10, {eye(2)}}, struct ('seed', 1))
%!error id=lindyn:sweep:grid sweep (@gd_deep, {eye(2), eye(2), 1, 10}, struct ('scale', 1, 'status', 1))
%!error id=lindyn:sweep:grid sweep (@gd_deep, {eye(2), eye(2), 1, 10}, struct ('scale', 1, 'W0', {{{eye(2)}}}))
%!error id=lindyn:sweep:points sweep (@gd_deep, {eye(2), eye(2), 1, 10}, struct ('scale', 1), 'points', struct ('eta', 1))
%!error id=lindyn:sweep:points sweep (@gd_deep, {eye(2), eye(2), 1, 10}, [], 'points', 3)
%!error id=lindyn:sweep:eta sweep (@gd_deep, {eye(2), eye(2), [], 10}, struct ('scale', 1, 'eta_factor', 1))
%!error id=lindyn:sweep:eta sweep (@gd_deep, {eye(2), eye(2), 1, 10}, struct ('scale', 1), 'eta', 'recommended')
%!error id=lindyn:sweep:eta sweep (@gd_deep, {eye(2), eye(2), [], 10}, struct ('scale', 1), 'eta', 'advised')
%!error id=lindyn:sweep:eta sweep (@(Sx, Sxy, eta, iters, W0) 1, {eye(2), eye(2), [], 10, {eye(2)}}, struct ('scale', 1), 'eta', 'recommended')
%!error id=lindyn:sweep:backend sweep (@gd_deep, {eye(2), eye(2), 1, 10}, struct ('scale', 1), 'backend', 'mpi')
%!error id=lindyn:sweep:folder sweep (@gd_deep, {eye(2), eye(2), 1, 10}, struct ('scale', 1), 'backend', 'slurm')
%!error id=lindyn:sweep:folder sweep (@gd_deep, {eye(2), eye(2), 1, 10}, struct ('scale', 1), 'folder', 3)
%!error id=lindyn:sweep:folder sweep (tempname ())
%!error id=lindyn:sweep:option sweep (@gd_deep, {eye(2), eye(2), 1, 10}, struct ('scale', 1), 'colour', 1)
%!error id=lindyn:sweep:chunk sweep (@gd_deep, {eye(2), eye(2), 1, 10}, struct ('scale', 1), 'chunk', 0)
%!error id=lindyn:sweep:cpus sweep (@gd_deep, {eye(2), eye(2), 1, 10}, struct ('scale', 1), 'cpus', 1e6)
%!error id=lindyn:sweep:sbatch sweep (@gd_deep, {eye(2), eye(2), 1, 10}, struct ('scale', 1), 'sbatch', 3)
%!error id=lindyn:sweep:W0 sweep (@gd_sensing, {eye(4), ones(4, 1), 0.1, 10}, struct ('scale', 1))
%!error id=lindyn:sweep:failed sweep (@gd_deep, {eye(2), eye(2), [], 10}, struct ('eta', [-1 -2], 'scale', 1))
