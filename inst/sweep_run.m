function res = sweep_run (F, points, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{res} =} sweep_run (@var{F}, @var{points})
% @deftypefnx {} {@var{res} =} sweep_run (@var{F}, @var{points}, @var{name}, @var{value}, @dots{})
% Run some points of the sweep stored in folder @var{F}, in this Octave: what the
% workers of @code{sweep}'s @qcode{"local"} backend and its SLURM array tasks run.  Any
% machine that sees @var{F} can run points this way, by hand or from another scheduler.
%
% @var{points} are point numbers (rows of the sweep's table).  Points already done are
% skipped (the result of a point does not depend on who runs it).  Each point is marked
% as running while it runs and its result (or the error it raised) is written
% atomically to its own file, as @code{sweep} describes; @code{sweep_status} and
% @code{sweep_collect} read them.
%
% Options: @qcode{"threads"}, n sets OpenBLAS's and OpenMP's thread counts to n (at
% most the number of CPUs) while the points run (@code{__lindyn_config__}; default: left
% as they are);
% @qcode{"warnings"}, a warning state (the output of @code{warning ()}) applied while
% they run, e.g. that of the Octave that started the sweep; @qcode{"backend"}, a
% label recorded with each result (default @qcode{"manual"}); @qcode{"together"}
% (default true: points that differ only in step and start run as one call, as in
% @code{sweep}).
%
% @var{res} has fields @code{done} and @code{failed} (the points run now, by outcome)
% and @code{skipped} (already done).
%
% Errors: @code{lindyn:sweep_run:folder}, @code{:points}, @code{:threads},
% @code{:warnings}, @code{:backend}, @code{:together}, @code{:option}.
%
% Example: a sweep recorded in a folder, one of its points run by hand:
% @c runnable
% @example
% @group
% F = tempname ();
% Sx = eye (3);  Sxy = diag ([1 0.5 0.2]);
% grid = struct ('eta', [0.05 0.1], 'seed', [1 2], 'scale', 1e-3);
% T = sweep (@@gd_deep, @{Sx, Sxy, [], 500@}, grid, 'folder', F);
% delete (fullfile (F, 'points', 'p000002.mat'));    % as if point 2 had been lost
% sweep_run (F, 2);
% sweep_status (F)
% confirm_recursive_rmdir (false);  rmdir (F, 's');
% @end group
% @end example
% @seealso{sweep, sweep_status, sweep_collect}
% @end deftypefn

  if (nargin < 2)
    ld_usage ('sweep_run');
  end
  fn = 'sweep_run';
  plan = ld_sweep_load (fn, F);
  points = ld_matrix (fn, 'points', points, 'integer', 'positive');
  points = reshape (points, 1, []);
  if (any (points > plan.n))
    error ('lindyn:sweep_run:points', 'sweep_run: points must lie in 1..%d', plan.n);
  end
  [o, given] = ld_name_value (fn, struct ('threads', [], 'warnings', [], 'backend', 'manual', ...
                                          'together', true), varargin);
  together = ld_logical (fn, 'together', o.together);
  if (~ (ischar (o.backend) && isrow (o.backend)))
    error ('lindyn:sweep_run:backend', 'sweep_run: backend must be a string (a label)');
  end
  if (any (strcmp (given, 'threads')) && ~ isempty (o.threads))
    n = ld_matrix (fn, 'threads', o.threads, 'scalar', 'integer', 'positive');
    if (exist ('OCTAVE_VERSION', 'builtin'))
      cores = nproc ();
    else
      cores = feature ('numcores');
    end
    if (n > cores)
      % more threads than cores never helps, and OpenBLAS asked for many threads in a
      % process with little address space can spin for ever
      error ('lindyn:sweep_run:threads', ...
             'sweep_run: threads must be at most the number of CPUs here (%d)', cores);
    end
    b0 = __lindyn_config__ ('blas_threads', n);
    o0 = __lindyn_config__ ('omp_threads', n);
    restore_threads = onCleanup (@() ld_threads (b0, o0));
  end
  if (any (strcmp (given, 'warnings')) && ~ isempty (o.warnings))
    w = o.warnings;
    if (~ (isstruct (w) && all (isfield (w, {'identifier', 'state'}))))
      error ('lindyn:sweep_run:warnings', ...
             'sweep_run: warnings must be a warning state, as warning () returns it');
    end
    w0 = warning ();
    restore_warnings = onCleanup (@() ld_warnings (w0));
    ld_warnings (w);
  end
  pdir = ld_sweep_path (F, 'points');
  if (~ exist (pdir, 'dir'))
    mkdir (pdir);
  end
  done = false (size (points));
  for j = 1:numel (points)
    done(j) = exist (ld_sweep_path (F, 'done', points(j), plan.n), 'file') == 2;
  end
  todo = unique (points(~ done), 'stable');
  res = struct ('done', [], 'failed', [], 'skipped', unique (points(done)));
  if (isempty (todo))
    return;
  end
  out = ld_sweep_execute (plan, todo, F, struct ('backend', o.backend, 'together', together));
  ok = cellfun ('isempty', {out.rows.error});
  res.done = todo(ok);
  res.failed = todo(~ ok);
end

function ld_warnings (w)
  % make the warning state exactly w: also the identifiers set here but not in w (they
  % take w's state for "all"), which warning (w) alone would leave as they are
  cur = warning ();
  a = find (strcmp ({w.identifier}, 'all'), 1);
  if (~ isempty (a))
    extra = setdiff ({cur.identifier}, {w.identifier});
    for k = 1:numel (extra)
      warning (w(a).state, extra{k});
    end
  end
  warning (w);
end

function ld_threads (b0, o0)
  % restore the thread counts found (0: that library is absent, nothing to restore)
  if (b0 > 0), __lindyn_config__ ('blas_threads', b0);  end
  if (o0 > 0), __lindyn_config__ ('omp_threads', o0);  end
end

%!shared F, grid, Sx, Sxy
%! Sx = eye (3);  Sxy = diag ([1 0.5 0.2]);
%! grid = struct ('eta', [0.05 0.1], 'seed', [1 2], 'scale', 1e-3);
%! F = tempname ();
%! sweep (@gd_deep, {Sx, Sxy, [], 300}, grid, 'folder', F);

%!test
%! % a point run again by hand gives the same row, bit for bit; a done point is skipped
%! T0 = sweep_collect (F);
%! delete (fullfile (F, 'points', 'p000003.mat'));
%! r = sweep_run (F, [3 4]);
%! assert (r.done, 3);  assert (r.skipped, 4);  assert (isempty (r.failed));
%! T1 = sweep_collect (F);
%! assert (rmfield (T1, 'wall'), rmfield (T0, 'wall'));
%! % against gd_deep called directly with the point's start
%! R = gd_deep (Sx, Sxy, 0.1, 300, random_init ([3 3 3], 1e-3, 'seed', 1));
%! assert (T1.final_loss(3), R.excess_loss(end));

%!test
%! % threads and warnings are restored afterwards
%! [~, b0, ~, o0] = __lindyn_config__ ();
%! s0 = warning ('query', 'lindyn:gd:diverged');
%! ws = warning ();  ws(end+1) = struct ('identifier', 'lindyn:gd:diverged', 'state', 'off');
%! delete (fullfile (F, 'points', 'p000001.mat'));
%! sweep_run (F, 1, 'threads', 1, 'warnings', ws, 'backend', 'test');
%! [~, b1, ~, o1] = __lindyn_config__ ();
%! assert ([b1 o1], [b0 o0]);
%! s1 = warning ('query', 'lindyn:gd:diverged');
%! assert (s1.state, s0.state);
%! S = load (fullfile (F, 'points', 'p000001.mat'));
%! assert (S.meta.backend, 'test');
%! assert (S.meta.blas_threads <= 1 && S.meta.omp_threads <= 1);

%!error <Invalid call> sweep_run (1)
%!error id=lindyn:sweep_run:folder sweep_run (tempname (), 1)
%!error id=lindyn:sweep_run:folder sweep_run (1, 1)
%!error id=lindyn:sweep_run:threads sweep_run (F, 1, 'threads', 1e5)
%!error id=lindyn:sweep_run:points sweep_run (F, 5)
%!error id=lindyn:sweep_run:points sweep_run (F, 1.5)
%!error id=lindyn:sweep_run:warnings sweep_run (F, 1, 'warnings', 3)
%!error id=lindyn:sweep_run:backend sweep_run (F, 1, 'backend', 3)
%!error id=lindyn:sweep_run:option sweep_run (F, 1, 'colour')
%!error id=lindyn:sweep_run:together sweep_run (F, 1, 'together', 'yes')

%!test
%! confirm_recursive_rmdir (false);  rmdir (F, 's');
