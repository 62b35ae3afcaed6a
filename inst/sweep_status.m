function S = sweep_status (F)
% -*- texinfo -*-
% @deftypefn  {} {} sweep_status (@var{F})
% @deftypefnx {} {@var{S} =} sweep_status (@var{F})
% How far the sweep in folder @var{F} is: which points are done, running, queued,
% failed or missing.
%
% The state comes from the folder's files and, for a sweep submitted to SLURM, from
% @command{squeue}:
% @table @code
% @item done
% its result is in the folder;
% @item running
% a process runs it now (a SLURM array task squeue still lists, or a live process of
% this machine; a process of another machine without SLURM cannot be asked and counts
% as running);
% @item queued
% an array task that squeue lists holds it and has not started it;
% @item failed
% its run raised an error (the message is in @code{sweep_collect}'s table);
% @item missing
% never run, or its process was killed or cancelled before it finished.
% @end table
% @code{sweep (@dots{}, "resume", true)} (or @code{sweep (F)}) runs the failed and missing
% points again, and only those.
%
% Without an output, prints one line, e.g.
% @qcode{"sweep in /scratch/s1: 12 points: 9 done, 1 running, 0 queued, 0 failed,
% 2 missing (5, 11)"}.  @var{S} has fields @code{folder}, @code{points} (N),
% @code{status} (N-by-1 cell of the strings above), @code{done}, @code{running},
% @code{queued}, @code{failed}, @code{missing} (the point numbers of each state),
% @code{jobs} (the SLURM submissions: submission, job id, first task, number of tasks)
% and @code{squeue} (false when the sweep was submitted but squeue could not be asked:
% its running tasks then count as running).
%
% Errors: @code{lindyn:sweep_status:folder}.
%
% Example:
% @c runnable
% @example
% @group
% F = tempname ();
% grid = struct ('eta', [0.05 0.1], 'iters', [100 200], 'scale', 1e-3);
% sweep (@@gd_deep, @{eye(3), diag([1 0.5 0.2])@}, grid, 'folder', F);
% delete (fullfile (F, 'points', 'p000003.mat'));     % as if point 3 had been lost
% sweep_status (F)
% S = sweep_status (F);  S.missing                     % 3
% confirm_recursive_rmdir (false);  rmdir (F, 's');
% @end group
% @end example
% @seealso{sweep, sweep_collect, sweep_run}
% @end deftypefn

  if (nargin < 1)
    ld_usage ('sweep_status');
  end
  plan = ld_sweep_load ('sweep_status', F);
  st = ld_sweep_scan (F, plan);
  S = struct ('folder', F, 'points', plan.n, 'status', {st.status});
  states = {'done', 'running', 'queued', 'failed', 'missing'};
  for j = 1:numel (states)
    S.(states{j}) = reshape (find (strcmp (st.status, states{j})), 1, []);
  end
  S.jobs = st.jobs;
  S.squeue = st.squeue;
  if (nargout == 0)
    parts = cellfun (@(s) sprintf ('%d %s', numel (S.(s)), s), states, 'UniformOutput', false);
    line = sprintf ('sweep in %s: %d points: %s', F, plan.n, strjoin (parts, ', '));
    if (~ isempty (S.missing) || ~ isempty (S.failed))
      line = sprintf ('%s (not done: %s)', line, ld_ranges (sort ([S.failed, S.missing])));
    end
    if (~ S.squeue)
      line = [line, '; squeue did not answer: SLURM tasks count as running'];
    end
    fprintf ('%s\n', line);
    clear S;
  end
end

function s = ld_ranges (v)
  % 1 2 3 7 9 10 -> '1-3, 7, 9-10' (at most 20 pieces)
  parts = {};
  j = 1;
  while (j <= numel (v))
    k = j;
    while (k < numel (v) && v(k + 1) == v(k) + 1)
      k = k + 1;
    end
    if (k > j)
      parts{end+1} = sprintf ('%d-%d', v(j), v(k));
    else
      parts{end+1} = sprintf ('%d', v(j));
    end
    j = k + 1;
  end
  if (numel (parts) > 20)
    parts = [parts(1:20), {'...'}];
  end
  s = strjoin (parts, ', ');
end

%!test
%! % states from the files: done, failed, missing, and a marker of a live process
%! F = tempname ();
%! c = onCleanup (@() confirm_recursive_rmdir (false) + rmdir (F, 's'));
%! grid = struct ('eta', [0.05 0.1 -1 0.2], 'scale', 1e-3);
%! warning ('off', 'lindyn:sweep:failed', 'local');
%! sweep (@gd_deep, {eye(2), eye(2), [], 50}, grid, 'folder', F);
%! delete (fullfile (F, 'points', 'p000004.mat'));
%! % a marker of another live process of this machine (the one that started Octave)
%! fid = fopen (fullfile (F, 'points', 'p000002.run'), 'w');
%! fprintf (fid, 'host=%s\npid=%d\njob=\n', gethostname (), getppid ());  fclose (fid);
%! S = sweep_status (F);
%! assert (S.status, {'done'; 'done'; 'failed'; 'missing'});
%! % the marker of a live process does not hide a result; without it, it is running
%! delete (fullfile (F, 'points', 'p000002.mat'));
%! S = sweep_status (F);
%! assert (S.running, 2);  assert (S.failed, 3);  assert (S.missing, 4);
%! % the marker of a process that is gone, or of this one (left by Ctrl-C): missing
%! for pid = [2^22 + 7, getpid()]
%!   fid = fopen (fullfile (F, 'points', 'p000002.run'), 'w');
%!   fprintf (fid, 'host=%s\npid=%d\njob=\n', gethostname (), pid);  fclose (fid);
%!   S = sweep_status (F);
%!   assert (S.missing, [2 4]);
%! end
%! txt = evalc ('sweep_status (F)');
%! assert (! isempty (strfind (txt, '4 points: 1 done, 0 running, 0 queued, 1 failed, 2 missing (not done: 2-4)')));

%!error <Invalid call> sweep_status ()
%!error id=lindyn:sweep_status:folder sweep_status (tempname ())
