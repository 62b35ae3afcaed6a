function varargout = bench_peers (op, varargin)
% bench_peers -- the peers (NumPy, PyTorch): the Octave side of bench/peers.py, a Python
% server started once per run; each peer times itself inside Python.
%
%   PS = bench_peers ('start', top, ncores)   start peers.py under /usr/bin/python3 with
%                                   OPENBLAS_NUM_THREADS = ncores (NumPy); PS.ok false
%                                   with PS.note saying why when Python, NumPy or PyTorch
%                                   is missing
%   ok = bench_peers ('setup', PS, key, kind, data, W0, eta, extra)  write a problem's
%                                   matrices (data: struct of name -> matrix; uint8 as
%                                   .u8) and the start W0 to PS.dir, load them under key
%   [t, u] = bench_peers ('time', PS, key, peer, n)   wall seconds of n iterations of
%                                   peer (numpy, torch, torch1), timed in Python (u: NaN)
%   W = bench_peers ('run', PS, key, peer, n, W0)   the factors after n iterations
%   [t, runs] = bench_peers ('protocol', PS, X, y, starts, steps, iters, opts)  Marion &
%                                   Chizat's sharpness protocol in PyTorch (peers.py, op
%                                   "protocol"): starts a cell of starts (lindyn's
%                                   convention), steps (their loss's) and iters one per
%                                   start; opts: every, power, threads, seed, exact; t the
%                                   wall seconds of all runs timed in Python, runs the
%                                   per-run columns (loss, sharpness, sharpness20, iters,
%                                   diverged, estimates, exact)
%   bench_peers ('drop', PS, key);  bench_peers ('stop', PS)
  switch (op)
    case 'start', varargout{1} = start (varargin{:});
    case 'setup', varargout{1} = setup (varargin{:});
    case 'time',  [varargout{1:2}] = peer_time (varargin{:});
    case 'run',   varargout{1} = peer_run (varargin{:});
    case 'protocol', [varargout{1:2}] = protocol (varargin{:});
    case 'drop'
      PS = varargin{1};
      if (PS.ok)
        send (PS, struct ('op', 'drop', 'key', varargin{2}));
      end
    case 'stop',  stop (varargin{:});
    otherwise,    error ('bench_peers: unknown op %s', op);
  end
end

function PS = start (top, ncores)
  PS = struct ('ok', false, 'note', '', 'in', -1, 'out', -1, 'pid', -1, 'dir', '', ...
               'numpy', '', 'torch', '');
  py = '/usr/bin/python3';
  if (~ exist (py, 'file'))
    PS.note = 'skipped: /usr/bin/python3 not found';  return;
  end
  old = getenv ('OPENBLAS_NUM_THREADS');
  setenv ('OPENBLAS_NUM_THREADS', sprintf ('%d', ncores));
  try
    [PS.in, PS.out, PS.pid] = popen2 (py, {fullfile(top, 'bench', 'peers.py')});
  catch err
    PS.note = ['skipped: ' err.message];
  end
  if (isempty (old)), unsetenv ('OPENBLAS_NUM_THREADS');  else, setenv ('OPENBLAS_NUM_THREADS', old);  end
  if (PS.pid < 0)
    if (isempty (PS.note)), PS.note = 'skipped: could not start python3';  end
    return;
  end
  r = send (PS, struct ('op', 'hello'));
  if (~ isstruct (r) || isfield (r, 'error'))
    PS.note = 'skipped: bench/peers.py did not answer';  return;
  end
  if (isempty (r.numpy))
    PS.note = 'skipped: python3-numpy not installed';  return;
  end
  if (isempty (r.torch))
    PS.note = 'skipped: python3-torch not installed';  return;
  end
  PS.numpy = r.numpy;  PS.torch = r.torch;
  PS.dir = tempname ();  mkdir (PS.dir);
  PS.ok = true;
  PS.note = sprintf ('NumPy %s and PyTorch %s (/usr/bin/python3, bench/peers.py)', r.numpy, r.torch);
end

function r = send (PS, msg, timeout)
% one request, its JSON reply as a struct (a struct with field error on a timeout)
  if (nargin < 3), timeout = 600;  end
  fputs (PS.in, [jsonencode(msg), "\n"]);
  fflush (PS.in);
  t0 = tic ();
  while (true)
    s = fgetl (PS.out);
    if (ischar (s))
      break;
    end
    if (toc (t0) > timeout)
      r = struct ('error', 'timeout');  return;
    end
    fclear (PS.out);
    pause (0.002);
  end
  r = jsondecode (s);
end

function ok = setup (PS, key, kind, data, W0, eta, extra)
  msg = struct ('op', 'setup', 'key', key, 'kind', kind, 'dir', PS.dir, 'eta', eta);
  fns = fieldnames (data);
  for k = 1:numel (fns)
    v = data.(fns{k});
    if (isa (v, 'uint8'))
      fid = fopen (fullfile (PS.dir, [fns{k} '.u8']), 'w');  fwrite (fid, v, 'uint8');  fclose (fid);
      msg.([fns{k} 'class']) = 'uint8';
    else
      fid = fopen (fullfile (PS.dir, [fns{k} '.bin']), 'w');  fwrite (fid, double (v), 'double');  fclose (fid);
    end
    msg.(fns{k}) = size (v);
  end
  shapes = cell (1, numel (W0));
  for l = 1:numel (W0)
    fid = fopen (fullfile (PS.dir, sprintf ('W0_%d.bin', l)), 'w');  fwrite (fid, W0{l}, 'double');  fclose (fid);
    shapes{l} = size (W0{l});
  end
  msg.W0 = shapes;
  ex = fieldnames (extra);
  for k = 1:numel (ex)
    msg.(ex{k}) = extra.(ex{k});
  end
  r = send (PS, msg);
  ok = isstruct (r) && ~ isfield (r, 'error');
  if (~ ok)
    printf ('peers: setup of %s failed: %s\n', key, r.error);
  end
end

function [t, u] = peer_time (PS, key, peer, n)
  r = send (PS, struct ('op', 'time', 'key', key, 'peer', peer, 'n', n));
  u = NaN;
  if (isfield (r, 'error'))
    t = NaN;
  else
    t = r.seconds;
  end
end

function W = peer_run (PS, key, peer, n, W0)
  pre = fullfile (PS.dir, 'out');
  r = send (PS, struct ('op', 'run', 'key', key, 'peer', peer, 'n', n, 'out', pre));
  W = {};
  if (isfield (r, 'error'))
    return;
  end
  W = cell (1, r.L);
  for l = 1:r.L
    fid = fopen (sprintf ('%s%d.bin', pre, l), 'r');  W{l} = fread (fid, Inf, 'double');  fclose (fid);
    if (l <= numel (W0) && numel (W{l}) == numel (W0{l}))
      W{l} = reshape (W{l}, size (W0{l}));
    end
  end
end

function [t, runs] = protocol (PS, X, y, starts, steps, iters, o)
  t = NaN;  runs = struct ();
  if (~ PS.ok)
    return;
  end
  msg = struct ('op', 'protocol', 'dir', PS.dir, 'X', size (X), 'y', size (y), ...
                'L', numel (starts{1}), 'steps', steps(:)', 'iters', iters(:)', ...
                'every', o.every, 'power', o.power, 'threads', o.threads, 'seed', o.seed, ...
                'exact', o.exact);
  put (PS, 'X', X);  put (PS, 'y', y);
  for k = 1:numel (starts)
    f = cellfun (@(w) w(:), starts{k}, 'UniformOutput', false);
    put (PS, sprintf ('start_%d', k), vertcat (f{:}));
  end
  r = send (PS, msg, 3600);
  if (isfield (r, 'error'))
    printf ('peers: the protocol failed: %s\n', r.error);
    return;
  end
  t = r.seconds;  runs = r.runs;
end

function put (PS, name, v)
  fid = fopen (fullfile (PS.dir, [name '.bin']), 'w');  fwrite (fid, double (v), 'double');  fclose (fid);
end

function stop (PS)
  if (PS.pid > 0)
    try
      fputs (PS.in, [jsonencode(struct ('op', 'quit')), "\n"]);  fflush (PS.in);
      fclose (PS.in);  fclose (PS.out);
      waitpid (PS.pid);
    catch
    end
  end
  if (~ isempty (PS.dir) && exist (PS.dir, 'dir'))
    confirm_recursive_rmdir (false, 'local');
    rmdir (PS.dir, 's');
  end
end
