% test_sweep_slurm.m -- sweep's "slurm" backend on a real one-node SLURM cluster.
%
% tests/slurm/cluster.sh starts munged, slurmctld and slurmd on this machine (a generated
% slurm.conf, everything in a temporary folder, MaxArraySize 4 so that arrays are split)
% and stops them afterwards, also when the test fails.  A 12-point grid goes out as 6
% array tasks of 2 points in two jobs; one task is cancelled (scancel) while it runs its
% second point; the missing point is resubmitted; the collected table and trajectories
% must equal the serial backend's bit for bit.  Every wait is bounded and generous (a
% loaded machine), and no outcome depends on speed: the point to be cancelled waits for a
% gate file that the test creates only after the cancellation.  Run by `make
% check-slurm`; skipped when SLURM's or MUNGE's programs are absent.

%!testif ; system ('PATH="$PATH:/usr/sbin" command -v munged slurmctld slurmd sbatch >/dev/null 2>&1') == 0
%! here = fullfile (fileparts (fileparts (which ('sweep'))), 'tests', 'slurm');
%! harness = fullfile (here, 'cluster.sh');
%! D = tempname ('/tmp', 'lindyn-slurm.');
%! F = tempname ('/tmp', 'lindyn-sweep.');
%! old_conf = getenv ('SLURM_CONF');
%! setenv ('SLURM_TEST_MAX_ARRAY', '4');
%! [st, out] = system (sprintf ('bash %s start %s 2>&1', harness, D));
%! stop = onCleanup (@() system (sprintf (['bash %s stop %s; rm -rf %s; ', ...
%!                                         'true'], harness, D, F)));
%! assert (st == 0, 'the SLURM test cluster did not start: %s', out);
%! setenv ('SLURM_CONF', fullfile (D, 'slurm.conf'));
%! conf = onCleanup (@() setenv ('SLURM_CONF', old_conf));
%! say = @(varargin) fprintf ('  slurm test: %s\n', sprintf (varargin{:}));
%! % ---- the sweep: 3 steps x 2 seeds x depths 2, 3 (depth fastest, so no task's two
%! % points run together); point 4 waits for the gate while it runs
%! rng (3);  A = randn (6);  Sx = A * A' / 6 + eye (6);  Sx = Sx / max (eig (Sx));
%! Sxy = Sx * randn (6, 4) / 3;
%! grid = struct ('eta', [0.02 0.05 0.1], 'seed', [1 2], 'depth', [2 3], 'scale', 1e-2);
%! gate = [F '.gate'];
%! eg = 0.02;  Wg = random_init ([6 4 4 4], 1e-2, 'seed', 2);    % the start of point 4
%! wait_cmd = ['[ %d = 0 ] || for i in $(seq 1 6000); do [ -e %s ] && break; ', ...
%!             'sleep 0.1; done'];
%! fun = @(Sx, Sxy, eta, iters, W0, varargin) gd_deep (Sx, Sxy, eta, iters + 0 * ...
%!         system (sprintf (wait_cmd, isequal (eta, eg) && isequal (W0, Wg), gate)), ...
%!         W0, varargin{:});
%! args = {Sx, Sxy, [], 400, [], 'record', 0:20:400};
%! [T0, info] = sweep (fun, args, grid, 'backend', 'slurm', 'folder', F, 'chunk', 2, ...
%!                     'keep', true);
%! assert (numel (info.jobs), 2);                   % 6 tasks, MaxArraySize 4: 4 + 2
%! assert ([info.jobs.ntasks], [4 2]);
%! assert (numel (T0.point), 12);
%! say ('submitted 12 points as 6 array tasks of 2 points: jobs %d (tasks 0-3) and %d (tasks 0-1), MaxArraySize 4', ...
%!      info.jobs.job);
%! % ---- cancel the task of points 3 and 4 while it runs point 4
%! marker = fullfile (F, 'points', 'p000004.run');
%! t0 = tic ();
%! while (~ exist (marker, 'file') && toc (t0) < 600), pause (0.2);  end
%! assert (exist (marker, 'file') == 2, 'point 4 never started');
%! job = regexp (fileread (marker), 'job=([^\n]*)', 'tokens', 'once'){1};
%! assert (job, sprintf ('%d_1', info.jobs(1).job));
%! assert (exist (fullfile (F, 'points', 'p000003.mat'), 'file') == 2);   % its first point
%! S = sweep_status (F);
%! assert (S.status{4}, 'running');
%! [st, out] = system (sprintf ('scancel %s 2>&1', job));
%! assert (st == 0, 'scancel failed: %s', out);
%! say ('cancelled array task %s (points 3, 4) with scancel while point 4 was running; point 3 was done', job);
%! t0 = tic ();
%! while (toc (t0) < 600)
%!   S = sweep_status (F);
%!   if (isempty (S.queued) && isempty (S.running)), break;  end
%!   pause (0.5);
%! end
%! assert (S.missing, 4);
%! assert (S.done, [1:3, 5:12]);
%! log4 = fileread (fullfile (F, 'slurm', sprintf ('sub-001-%d_1.out', info.jobs(1).job)));
%! assert (! isempty (strfind (log4, 'CANCELLED')));
%! say ('after the other tasks: %d done, point %d missing (its task log: "%s")', ...
%!      numel (S.done), S.missing, strtrim (regexp (log4, '\*\*\*[^\n]*CANCELLED[^\n]*', 'match', 'once')));
%! % ---- resubmit: only point 4 runs again
%! fclose (fopen (gate, 'w'));
%! [T1, info1] = sweep (fun, args, grid, 'backend', 'slurm', 'folder', F, 'chunk', 2, ...
%!                      'keep', true, 'resume', true, 'wait', true, 'timeout', 600);
%! assert (info1.ran, 4);
%! assert ([info1.jobs.ntasks], 1);
%! assert (isempty (info1.stopped));
%! say ('resubmitted the points not done (point 4) as job %d; it ran', info1.jobs.job);
%! % ---- collect and compare with the serial backend
%! [T, runs] = sweep_collect (F);
%! assert (all (strcmp (T.status, 'done')));
%! assert (isequal (T1.final_loss, T.final_loss));
%! assert (all (strcmp ({runs.backend}, 'slurm')));
%! assert ([runs.blas_threads] <= 1 & [runs.omp_threads] <= 1);   % one CPU per task
%! say ('collected 12 points from %s', F);
%! Ts = sweep (fun, args, grid, 'keep', true);
%! names = setdiff (fieldnames (Ts), {'wall', 'R'});
%! for j = 1:numel (names)
%!   assert (isequaln (T.(names{j}), Ts.(names{j})), 'column %s differs', names{j});
%! end
%! for k = 1:12
%!   assert (isequaln (rmfield (T.R{k}, 'date'), rmfield (Ts.R{k}, 'date')), ...
%!           'trajectory %d differs', k);
%! end
%! say ('identical to the serial backend, bit for bit: %d columns x 12 rows, 12 trajectories', ...
%!      numel (names));

%!test
%! % the harness skips (exit 77, with the reason) when a program is missing
%! here = fullfile (fileparts (fileparts (which ('sweep'))), 'tests', 'slurm');
%! [st, out] = system (sprintf ('PATH=/nonexistent /bin/bash %s start %s 2>&1', ...
%!                              fullfile (here, 'cluster.sh'), tempname ()));
%! assert (st, 77);
%! assert (! isempty (regexp (out, 'skipped: \w+ not found', 'once')));
