% test_sweep_local.m -- sweep's "local" backend (Octave's parallel package) against the
% serial one: a worker killed in the middle of a point, the sweep resumed, the table and
% the trajectories then equal to the serial backend's bit for bit; one thread per worker;
% the session's warning state in the workers.  No outcome depends on speed: the point
% whose worker is killed waits for a gate file the test creates only after the kill, and
% every wait is bounded (generously, for a loaded machine).  Skipped without the
% parallel package (Debian: octave-parallel).

%!testif ; ! isempty (pkg ('list', 'parallel'))
%! rng (5);  A = randn (6);  Sx = A * A' / 6 + eye (6);  Sx = Sx / max (eig (Sx));
%! Sxy = Sx * randn (6, 4) / 3;
%! F = tempname ();
%! gate = [F '.gate'];
%! c = onCleanup (@() system (sprintf ('rm -rf %s %s %s.killer', F, gate, F)));
%! grid = struct ('eta', [0.02 0.05 0.1], 'seed', [1 2], 'depth', [2 3], 'scale', 1e-2);
%! eg = 0.02;  Wg = random_init ([6 4 4 4], 1e-2, 'seed', 2);    % the start of point 4
%! wait_cmd = ['[ %d = 0 ] || for i in $(seq 1 6000); do [ -e %s ] && break; ', ...
%!             'sleep 0.1; done'];
%! fun = @(Sx, Sxy, eta, iters, W0, varargin) gd_deep (Sx, Sxy, eta, iters + 0 * ...
%!         system (sprintf (wait_cmd, isequal (eta, eg) && isequal (W0, Wg), gate)), ...
%!         W0, varargin{:});
%! args = {Sx, Sxy, [], 400, [], 'record', 0:20:400};
%! % the killer: once point 4 runs (its marker names the worker), SIGKILL that worker and
%! % the processes it started (the gate's shell holds the worker's connection open)
%! marker = fullfile (F, 'points', 'p000004.run');
%! killer = sprintf (['tree () { local kids; kids=$(cat /proc/$1/task/*/children 2>/dev/null); ', ...
%!                    'kill -KILL $1; for c in $kids; do tree $c; done; }; ', ...
%!                    'for i in $(seq 1 6000); do [ -e %s ] && break; sleep 0.1; done; ', ...
%!                    'pid=$(sed -n "s/^pid=//p" %s); tree $pid && echo $pid > %s.killer'], ...
%!                   marker, marker, F);
%! system (['(' killer ') >/dev/null 2>&1 &']);
%! lastwarn ('');
%! [T1, info1] = sweep (fun, args, grid, 'backend', 'local', 'folder', F, 'keep', true);
%! [~, id] = lastwarn ();
%! assert (id, 'lindyn:sweep:incomplete');
%! assert (exist ([F '.killer'], 'file') == 2);       % the worker of point 4 was killed
%! assert (T1.status{4}, 'missing');
%! assert (all (ismember (T1.status, {'done', 'missing'})));
%! assert (! isempty (info1.stopped));
%! printf ('  local test: a worker killed while it ran point 4; %d of 12 points done (%s)\n', ...
%!         sum (strcmp (T1.status, 'done')), info1.stopped);
%! % resume: only the points not done run
%! fclose (fopen (gate, 'w'));
%! [T2, info2] = sweep (fun, args, grid, 'backend', 'local', 'folder', F, 'keep', true, ...
%!                      'resume', true);
%! assert (info2.ran, find (! strcmp (T1.status, 'done'))');
%! assert (all (strcmp (T2.status, 'done')));
%! assert (all ([info2.runs.blas_threads] <= 1 & [info2.runs.omp_threads] <= 1));
%! assert (all (strcmp ({info2.runs.backend}, 'local')));
%! % the serial backend: the same table and the same trajectories, bit for bit
%! Ts = sweep (fun, args, grid, 'keep', true);
%! names = setdiff (fieldnames (Ts), {'wall', 'R'});
%! for j = 1:numel (names)
%!   assert (isequaln (T2.(names{j}), Ts.(names{j})), 'column %s differs', names{j});
%! end
%! for k = 1:12
%!   assert (isequaln (rmfield (T2.R{k}, 'date'), rmfield (Ts.R{k}, 'date')), ...
%!           'trajectory %d differs', k);
%! end
%! printf ('  local test: resumed (points %s), then identical to the serial backend\n', ...
%!         num2str (info2.ran));

%!testif ; ! isempty (pkg ('list', 'parallel'))
%! % the warning state of the session reaches the workers: a diverging point warns
%! % there only when the session lets it (a warning switched off is not issued)
%! Sx = eye (2);  Sxy = eye (2);
%! grid = struct ('eta', [0.1 5], 'scale', 1e-2);
%! warning ('off', 'lindyn:gd:diverged', 'local');
%! [T, info] = sweep (@gd_deep, {Sx, Sxy, [], 100}, grid, 'backend', 'local');
%! assert (T.stopped_by, {'iters'; 'diverged'});
%! assert ({info.runs.warning_id}, {'', ''});
%! assert (isempty (info.folder));                    % the temporary folder is gone
%! warning ('on', 'lindyn:gd:diverged');
%! [T, info] = sweep (@gd_deep, {Sx, Sxy, [], 100}, grid, 'backend', 'local');
%! assert ({info.runs.warning_id}, {'', 'lindyn:gd:diverged'});
%! % an error in a worker lands on its point; the other points are kept
%! grid.eta = [0.1 -1];
%! warning ('off', 'lindyn:sweep:failed', 'local');
%! T = sweep (@gd_deep, {Sx, Sxy, [], 100}, grid, 'backend', 'local');
%! assert (T.status, {'done'; 'failed'});
%! assert (! isempty (strfind (T.error{2}, 'gd_deep: eta')));
%! assert (isfinite (T.final_loss(1)));
