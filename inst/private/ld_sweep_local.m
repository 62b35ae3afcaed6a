function stop = ld_sweep_local (F, todo, o)
% -*- texinfo -*-
% @deftypefn {} {@var{stop} =} ld_sweep_local (@var{F}, @var{todo}, @var{o})
% Run the points @var{todo} of the sweep in folder @var{F} on all cores, through
% @code{parcellfun} of Octave's @code{parallel} package: chunks of @var{o}.chunk points,
% each run by @code{sweep_run} in one of @var{o}.workers worker processes.
%
% The package (4.x) starts its workers as fresh Octave sessions, which inherit this
% process's environment and then stay for later calls.  So OMP_NUM_THREADS and
% OPENBLAS_NUM_THREADS are 1 while workers start (OpenMP and OpenBLAS read them when
% they start, and threaded OpenBLAS and libgomp are known to misbehave when a worker
% is forked from a threaded parent instead: OpenBLAS issues 240 and 294, GCC bug 60035),
% and every chunk sets both counts to 1 again in its worker (@code{sweep_run}'s
% @qcode{"threads"}: a worker started earlier by another call may have other counts).
% The caller's warning state goes with every chunk.  Results go to the folder,
% point by point, so a worker that dies loses only the point it was running.
%
% @var{stop} is empty when every chunk returned, else why the workers stopped (a worker
% killed, or an error of @code{sweep_run} itself); the workers of an interrupted call
% are then ended (@code{parcellfun_set_nproc (0)}), so no point keeps running unseen.
% @end deftypefn

  stop = '';
  if (exist ('OCTAVE_VERSION', 'builtin'))
    try
      pkg ('load', 'parallel');
    catch
      error ('lindyn:sweep:local', ['sweep: backend "local" needs Octave''s parallel ', ...
             'package (Debian: apt-get install octave-parallel; else pkg install -forge parallel)']);
    end
    nw = o.workers;
    if (isempty (nw))
      nw = nproc ();
    end
    chunks = ld_chunks (todo, o.chunk);
    names = {'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS'};
    old = cellfun (@getenv, names, 'UniformOutput', false);
    restore = onCleanup (@() ld_setenv (names, old));
    ld_setenv (names, {'1', '1'});
    ws = warning ();
    run = @(pts) sweep_run (F, pts, 'threads', 1, 'warnings', ws, 'backend', 'local', ...
                            'together', o.together);
    try
      r = parcellfun (min (nw, numel (chunks)), run, chunks, 'UniformOutput', false, ...
                      'ErrorHandler', @(e, varargin) e.message);
      bad = r(cellfun ('ischar', r));
      if (~ isempty (bad))
        stop = bad{1};
      end
    catch err
      stop = err.message;
      try
        parcellfun_set_nproc (0);
      catch
      end
    end
  else
    error ('lindyn:sweep:local', 'sweep: backend "local" runs on Octave''s parallel package');
  end
end

function chunks = ld_chunks (todo, chunk)
  todo = reshape (todo, 1, []);
  chunks = cell (1, ceil (numel (todo) / chunk));
  for t = 1:numel (chunks)
    chunks{t} = todo((t - 1) * chunk + 1:min (t * chunk, numel (todo)));
  end
end

function ld_setenv (names, values)
  for k = 1:numel (names)
    if (isempty (values{k}))
      unsetenv (names{k});
    else
      setenv (names{k}, values{k});
    end
  end
end
