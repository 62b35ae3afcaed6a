function R = ld_gd_driver (fn, Sx, Sxy, eta, iters, W0, opts, t_offset)
% -*- texinfo -*-
% @deftypefn {} {@var{R} =} ld_gd_driver (@var{fn}, @var{Sx}, @var{Sxy}, @var{eta}, @var{iters}, @var{W0}, @var{opts})
% The common engine of @code{gd_linear} and @code{gd_deep}: validates the options in
% the cell @var{opts} (name/value pairs) for the public function @var{fn}, then runs
% the C core (@code{__lindyn_gd__}) in chunks of about 0.2 s so that Ctrl-C works between
% them, showing progress when asked or when the run is predicted to be long.
% @var{Sx}, @var{Sxy}, @var{eta} (K step sizes), @var{iters} are already validated;
% @var{W0} is a cell of factors, or a cell of K such cells (validated here).  With K > 1
% the K trajectories run together (in parallel in the C core) and @var{R} is a 1-by-K
% struct array.  @var{t_offset} (default 0) is added to the recorded iteration indices,
% @code{iters} and @code{diverged_at}, for a run that continues an earlier one.
% The state after every chunk goes to @code{ld_last}, so that after Ctrl-C
% @code{lindyn_last ()} returns the work done (@code{interrupted} true).
% @end deftypefn

  if (nargin < 8)
    t_offset = 0;
  end
  d = size (Sx, 1);  p = size (Sxy, 2);  K = numel (eta);  eta = eta(:)';
  W0 = ld_starts (fn, W0, K, d, p);
  L = numel (W0{1});

  % options
  rec = [];  rec_raw = [];  nsv = min ([d, p, 10]);  nuclear = true;  target = [];  path = [];
  snapshots = false;  verbose = [];  balance = false;  sharp = false;
  init_info = [];                       % description of the start (ld_run_info)
  test = [];                            % held-out moments (option "test", ld_test_loss)
  ckpt = '';  ckpt_every = 60;          % option "checkpoint": the state saved every N s
  if (mod (numel (opts), 2) ~= 0)
    error (sprintf ('lindyn:%s:option', fn), ...
           '%s: options must come in name/value pairs', fn);
  end
  for k = 1:2:numel (opts)
    name = opts{k};  val = opts{k+1};
    if (~ ischar (name))
      error (sprintf ('lindyn:%s:option', fn), '%s: option names must be strings', fn);
    end
    switch (lower (name))
      case 'record'
        rec_raw = {val};                  % validated below, once its size is checked
      case 'sv'
        nsv = ld_matrix (fn, 'sv', val, 'scalar', 'integer', 'nonnegative');
        nsv = min (nsv, min (d, p));       % W has min (d, p) singular values
      case 'nuclear'
        nuclear = ld_flag (fn, 'nuclear', val);
      case 'target'
        target = ld_matrix (fn, 'target', val, 'finite', 'rows', d, 'cols', p);
      case 'path'
        path = ld_matrix (fn, 'path', val, 'finite', 'ndims3', 'rows', d, 'cols', p);
      case 'snapshots'
        snapshots = ld_flag (fn, 'snapshots', val);
      case 'verbose'
        verbose = ld_flag (fn, 'verbose', val);
      case 'balance'
        balance = ld_flag (fn, 'balance', val);
      case 'sharpness'
        sharp = ld_flag (fn, 'sharpness', val);
      case 'test'
        test = ld_test_moments (fn, val, d, p);
      case 'checkpoint'
        if (~ (ischar (val) && isrow (val)))
          error (sprintf ('lindyn:%s:checkpoint', fn), ...
                 '%s: checkpoint must be a file name (a string)', fn);
        end
        ckpt = val;
      case 'checkpoint_every'
        ckpt_every = ld_matrix (fn, 'checkpoint_every', val, 'scalar', 'finite', 'nonnegative');
      case 'init_info'
        if (~ (isstruct (val) && isscalar (val)))
          error (sprintf ('lindyn:%s:init_info', fn), ...
                 '%s: init_info must be a scalar struct (e.g. the second output of random_init)', fn);
        end
        init_info = val;
      otherwise
        error (sprintf ('lindyn:%s:option', fn), '%s: unknown option "%s"', fn, name);
    end
  end
  % Memory first: everything stored per record (K trajectories of excess_loss, fro2,
  % nuclear, nsv singular values, the path errors and a d-by-p snapshot), the factors
  % of every trajectory (twice: the running ones and the next chunk's), and the record
  % list itself, expanded and checked (about 3 copies); plus one chunk's output from the
  % C core (at most 64 MB, see maxrec).  A lazy range such as 0:1e9 is
  % sized from numel, before anything expands it.
  np = size (path, 3) * ~ isempty (path) + ~ isempty (target);
  nfac = sum (cellfun (@numel, W0{1}));
  ntest = 0;
  if (~ isempty (test))
    ntest = 1 + test.plain;
  end
  per_rec = K * (2 + nuclear + nsv + np + d * p * snapshots + (L - 1) * balance + sharp + ntest);
  if (~ isempty (rec_raw))
    nr = numel (rec_raw{1});
    if (isnumeric (rec_raw{1}) || islogical (rec_raw{1}))
      ld_memory_check (fn, 'record', need (nr, per_rec, 3, K * (2 * nfac + d * p) + d * p * np), ...
                       sprintf ('%d records of %d values', nr, per_rec));
    end
    rec = ld_matrix (fn, 'record', rec_raw{1}, 'vector', 'integer', 'nonnegative');
    if (any (rec > iters))
      error (sprintf ('lindyn:%s:record', fn), ...
             '%s: record indices must lie in [0, iters] (iters = %d)', fn, iters);
    end
    rec = unique (rec(:)');
  end
  if (isempty (rec))
    rec = ld_default_record (iters);
    what = 'snapshots';
    if (~ snapshots)
      what = 'eta';                     % K trajectories
    end
    ld_memory_check (fn, what, need (numel (rec), per_rec, 1, K * (2 * nfac + d * p) + d * p * np), ...
                     sprintf ('%d records of %d values, %d trajectories', numel (rec), ...
                              per_rec, K));
  end
  K_path = size (path, 3) * ~ isempty (path);
  P = path;
  if (~ isempty (target))
    P = cat (3, path, target);
    if (isempty (path)), P = target;  end
  end

  Wstar = ld_wstar (Sx, Sxy);                      % once per run
  rmax = zeros (1, K);
  for k = 1:K
    r0 = norm (Sx * ld_prod (W0{k}) - Sxy, 'fro')^2;
    rmax(k) = 1e12 * max (r0, norm (Sxy, 'fro')^2);
  end
  rmax(rmax == 0) = Inf;

  n = numel (rec);
  % One cell per stored quantity, one element per trajectory: c{k}(idx) = v fills an
  % array in place, where a field of a struct array, R(k).f(idx) = v, copies all of it.
  ex = cell (1, K);  fr = ex;  nu = ex;  sv = ex;  pe = ex;  sn = ex;  ba = ex;  sh = ex;
  tl = ex;  tp = ex;
  for k = 1:K
    ex{k} = zeros (1, n);  fr{k} = zeros (1, n);  nu{k} = zeros (nuclear * 1, n);
    sv{k} = zeros (nsv, n);  pe{k} = zeros (np, n);  sn{k} = zeros (d, p, n * snapshots);
    ba{k} = zeros ((L - 1) * balance, n);  sh{k} = zeros (sharp * 1, n);
    tl{k} = zeros (~ isempty (test), n);                   % held-out loss at every record
    tp{k} = zeros (~ isempty (test) && test.plain, n);
  end
  % at most 64 MB of records per chunk, so the C core's output never doubles the store
  maxrec = max (2, floor (2^23 / max (per_rec, 1)));
  taken = zeros (1, K);                 % records stored per trajectory
  active = true (1, K);  diverged_at = NaN (1, K);  performed = zeros (1, K);

  % first chunk: about 2e7 flops (a few ms); later ones are sized from the measured rate
  dims = [d, cellfun(@(w) size (w, 2), W0{1})];
  flops = K * 2 * (d * d * p + 3 * sum (dims(1:end-1) .* dims(2:end)) * p);
  chunk = max (1, min ([iters, 1000, round(2e7 / max (flops, 1))]));
  W = W0;  t0 = 0;  j = 1;  done = (iters == 0 && n == 0);
  tstart = tic ();
  prog = ld_progress ('init', fn, verbose, iters, 'iterations');
  % ---- Ctrl-C keeps the work: the state after each chunk goes to lindyn_last ----
  last_token = ld_last ('begin');
  last_guard = onCleanup (@() ld_last ('close', last_token));
  ckpt_last = 0;
  while (~ done)
    c = min (chunk, iters - t0);
    if (balance || sharp)
      % balancedness and sharpness are measured on the factors, which the core returns at
      % the end of a call: end every chunk at the next record (one call per record, ~0.1 ms
      % each), so the step loop itself is untouched
      nxt = find (rec > t0, 1);
      if (~ isempty (nxt))
        c = min (c, rec(nxt) - t0);
      end
      Wbefore = W;
    end
    jn = j;
    while (jn <= n && rec(jn) <= t0 + c)
      jn = jn + 1;
    end
    if (jn - j > maxrec)                % end the chunk at the last record it can hold
      jn = j + maxrec;
      c = rec(jn - 1) - t0;
    end
    at = rec(j:jn-1) - t0;
    act = find (active);
    tc = tic ();
    if (sharp && numel (act) > 1)
      % short chunks: one call per trajectory avoids the batched core's thread start-up,
      % which costs more than such a chunk's steps
      Cs = cell (1, numel (act));
      for i = 1:numel (act)
        Cs{i} = __lindyn_gd__ (Sx, Sxy, Wstar, eta(act(i)), W(act(i)), c, at, ...
                               rmax(act(i)), nsv, nuclear, P, snapshots || ~ isempty (test));
      end
      C = [Cs{:}];
    else
      C = __lindyn_gd__ (Sx, Sxy, Wstar, eta(act), W(act), c, at, rmax(act), nsv, ...
                         nuclear, P, snapshots || ~ isempty (test));
    end
    dt = toc (tc);
    for i = 1:numel (act)
      k = act(i);
      W{k} = C(i).factors;
      m = numel (C(i).fro2);  idx = taken(k)+1:taken(k)+m;
      ex{k}(idx) = C(i).excess_loss;  fr{k}(idx) = C(i).fro2;
      if (nuclear), nu{k}(idx) = C(i).nuclear;  end
      sv{k}(:,idx) = C(i).sv;  pe{k}(:,idx) = C(i).path_err;
      if (snapshots), sn{k}(:,:,idx) = C(i).snapshots;  end
      if (~ isempty (test))
        [tl{k}(idx), tpk] = ld_test_loss (test, C(i).snapshots);
        if (test.plain), tp{k}(idx) = tpk;  end
      end
      if (balance)
        for q = idx
          if (rec(q) == t0)              % the record at 0: the start
            ba{k}(:,q) = ld_balance (W0{k});
          else                           % the record at the end of this chunk
            ba{k}(:,q) = ld_balance (C(i).factors);
          end
        end
      end
      if (sharp)
        % records of this chunk lie at offset 0 (only at t0 = 0) or at its end
        for q = 1:m
          if (at(q) == 0)
            sh{k}(idx(q)) = ld_sharp (Sx, Sxy, Wbefore{k});
          else
            sh{k}(idx(q)) = ld_sharp (Sx, Sxy, W{k});
          end
        end
      end
      taken(k) = taken(k) + m;
      if (C(i).diverged)
        active(k) = false;
        diverged_at(k) = t0 + C(i).diverged_at;
        performed(k) = diverged_at(k) + 1;
      else
        performed(k) = t0 + c;
      end
    end
    j = jn;
    t0 = t0 + c;
    % the record store by name (cells of arrays: no copy is made here)
    store = struct ('excess_loss', {ex}, 'fro2', {fr}, 'nuclear', {nu}, 'sv', {sv}, ...
                    'perr', {pe}, 'snaps', {sn});
    if (balance), store.balance = ba;  end
    if (sharp), store.sharpness = sh;  end
    if (~ isempty (test))
      store.test_loss = tl;
      if (test.plain), store.test_loss_plain = tp;  end
    end
    state = struct ('kind', 'gd', 'fn', fn, 'store', store, ...
             'taken', taken, 'rec', rec, 'W', {W}, 'performed', performed, ...
             'diverged_at', diverged_at, 'eta', eta, 'nuclear', nuclear, ...
             'K_path', K_path, 'has_target', ~ isempty (target), 'snapshots', snapshots, ...
             'opts', {opts}, 'W0', {W0}, 'init_info', init_info, 't_offset', t_offset);
    ld_last ('update', last_token, state);
    if (~ isempty (ckpt) && t0 < iters && toc (tstart) - ckpt_last >= ckpt_every)
      ld_checkpoint (fn, ckpt, ld_partial (state));  % a run that must survive a crash
      ckpt_last = toc (tstart);
    end
    done = t0 >= iters || ~ any (active);
    % next chunk: about 0.2 s of work, so that Ctrl-C is honoured between chunks
    rate = c / max (dt, 1e-6);
    chunk = max (1, min ([round(0.2 * rate), 10 * c, 1e7]));
    if (~ done)                         % progress (ld_progress: tty line or every 5 s)
      prog = ld_progress (prog, t0, toc (tstart));
    end
  end
  ld_progress (prog, 'end', max (performed), toc (tstart));

  out = cell (1, K);
  for k = 1:K
    keep = 1:taken(k);
    S = struct ();
    S.t = rec(keep);
    S.excess_loss = ex{k}(keep);
    S.fro2 = fr{k}(keep);
    if (nuclear), S.nuclear = nu{k}(keep);  else, S.nuclear = [];  end
    S.sv = sv{k}(:,keep);
    if (K_path > 0), S.path_err = pe{k}(1:K_path,keep);  end
    if (~ isempty (target)), S.err = pe{k}(end,keep);  end
    if (snapshots), S.snapshots = sn{k}(:,:,keep);  sn{k} = [];  end
    if (balance), S.balance = ba{k}(:,keep);  end
    if (sharp), S.sharpness = sh{k}(keep);  end
    if (~ isempty (test))
      S.test_loss = tl{k}(keep);
      if (test.plain), S.test_loss_plain = tp{k}(keep);  end
    end
    S.W = ld_prod (W{k});
    S.factors = W{k};
    S.diverged = ~ isnan (diverged_at(k));
    S.diverged_at = diverged_at(k);
    S.iters = performed(k);
    S.eta = eta(k);
    out{k} = S;
  end
  R = [out{:}];
  R = ld_run_info (R, fn, opts, W0, init_info);   % how the run was made
  for k = 1:K                                     % a continued run counts on
    R(k).t = R(k).t + t_offset;
    R(k).iters = R(k).iters + t_offset;
    R(k).diverged_at = R(k).diverged_at + t_offset;
    R(k).interrupted = false;
    if (K_path > 0)                               % for relative distances
      R(k).path_norm = reshape (sqrt (sum (sum (path.^2, 1), 2)), 1, []);
    end
  end
  ld_last ('finish', last_token, R);
  if (~ isempty (ckpt))
    ld_checkpoint (fn, ckpt, R);
  end
  bad = find ([R.diverged]);
  if (~ isempty (bad))
    if (K == 1)
      where = '';
    else
      where = sprintf ('trajectory %d of %d, ', bad(1), K);
      if (numel (bad) > 1)
        where = sprintf ('%d of %d trajectories (the first: %d), ', numel (bad), K, bad(1));
      end
    end
    widths = cellfun (@(w) size (w, 2), W0{1}(1:end-1));
    warning ('lindyn:gd:diverged', '%s: %s%s', fn, where, ...
             ld_divergence_message (Sx, Sxy, eta(bad(1)), L, widths, diverged_at(bad(1))));
  end
end

function b = need (nrec, per_rec, copies, fixed)
  % Bytes for nrec records of per_rec doubles (stored, plus one chunk of at most 64 MB),
  % copies doubles more per record (the list itself) and fixed doubles more.
  % The store counts twice: the state kept for lindyn_last after each chunk shares it,
  % so the next chunk's writes copy it once.
  store = 8 * nrec * per_rec;
  b = 2 * store + min (store, 2^26) + 8 * (copies * nrec + fixed);
end

function Wstar = ld_wstar (Sx, Sxy)
  % W* = pinv(Sx)*Sxy with pinv's default tolerance.  When Sx is well conditioned
  % (cond(Sx) < 1/(1e3 d eps), so that tolerance drops no eigenvalue and pinv is the
  % inverse) two triangular solves with the Cholesky factor do it in d^3/3 flops;
  % otherwise one symmetric eigendecomposition in the C core, ld_min_norm_ls, the W*
  % of every other function (still several times cheaper than pinv's SVD).
  d = size (Sx, 1);
  [R, fail] = chol (Sx);
  if (d > 0 && ~ fail && rcond (R)^2 > 1e3 * d * eps)
    Wstar = R \ (R' \ Sxy);
    return;
  end
  Wstar = __lindyn_min_norm_ls__ (Sx, Sxy);
end

function b = ld_balance (W)
  % norm (Wl'*Wl - W(l+1)*W(l+1)', 'fro') for l = 1..L-1 (conserved by the flow, eq. 12)
  b = zeros (numel (W) - 1, 1);
  for l = 1:numel (W) - 1
    b(l) = norm (W{l}' * W{l} - W{l+1} * W{l+1}', 'fro');
  end
end

function v = ld_flag (fn, name, v)
  if (~ ((islogical (v) || isnumeric (v)) && isscalar (v) && isreal (v) && ~ isnan (v)))
    error (sprintf ('lindyn:%s:%s', fn, name), '%s: %s must be a logical scalar', fn, name);
  end
  v = logical (v);
end

function msg = ld_divergence_message (Sx, Sxy, eta, L, widths, t)
  msg = sprintf ('gradient descent diverged at iteration %d with eta = %g; ', t, eta);
  if (L == 1)
    msg = [msg, sprintf('the largest stable step is 2/lambda_max(Sx) = %g', ...
                        2 / max (eig (Sx)))];
    return;
  end
  try
    [~, eta_max, rep] = stepsize_check (Sx, Sxy, [], 'depth', L, 'widths', widths);
  catch
    msg = [msg, 'try a smaller eta (stepsize_check gives the stability bound)'];
    return;
  end
  msg = [msg, sprintf(['it can settle at the balanced minimum it heads to only for ', ...
                       'eta < %g (2/sharpness there, stepsize_check)'], eta_max)];
  if (L == 2 && ~ isnan (rep.cor3))
    msg = [msg, sprintf('; Cor. 3 of the paper asks for eta < %g for mode-by-mode learning', ...
                        rep.cor3)];
  end
end

function lam = ld_sharp (Sx, Sxy, W)
  % top Hessian eigenvalue at the factors W (NaN when they have no entries or are not
  % finite): Lanczos in the C core, as in sharpness.m
  if (sum (cellfun (@numel, W)) == 0 || ~ all (cellfun (@(w) all (isfinite (w(:))), W)))
    lam = NaN;
    return;
  end
  n = sum (cellfun (@numel, W));
  lam = __lindyn_sharpness__ (Sx, Sxy, W, 1, 1e-10, min (n, 300), 1);
end

% ---- held-out loss (option "test") ------------------------------------------------
function T = ld_test_moments (fn, val, d, p)
  % {Sx_test, Sxy_test} or {Sx_test, Sxy_test, tr(Syy_test)}: validated, with W*_test
  id = sprintf ('lindyn:%s:test', fn);
  if (~ iscell (val) || ~ any (numel (val) == [2 3]))
    error (id, ['%s: test must be a cell {Sx_test, Sxy_test} or {Sx_test, Sxy_test, ', ...
                'trace(Syy_test)} of held-out second moments (see second_moments)'], fn);
  end
  T.Sx = ld_matrix (fn, 'test', val{1}, 'finite', 'rows', d, 'cols', d);
  if (norm (T.Sx - T.Sx', 'fro') > 1e-10 * norm (T.Sx, 'fro'))
    error (id, '%s: test{1} (Sx_test) must be symmetric', fn);
  end
  T.Sx = (T.Sx + T.Sx') / 2;
  T.Sxy = ld_matrix (fn, 'test', val{2}, 'finite', 'rows', d, 'cols', p);
  T.plain = numel (val) == 3;
  T.c = 0;
  if (T.plain)
    T.c = ld_matrix (fn, 'test', val{3}, 'finite', 'scalar', 'nonnegative') / 2;
  end
  T.Wstar = ld_wstar (T.Sx, T.Sxy);
  T.SxWstar = T.Sx * T.Wstar;
end

function [ex, plain] = ld_test_loss (T, snaps)
  % at each snapshot W: 1/2 tr((W - W*t)' Sx_t (W - W*t)) and, with the constant,
  % 1/2 tr(W' Sx_t W) - tr(W' Sxy_t) + tr(Syy_t)/2; one product for the whole chunk
  [d, p, m] = size (snaps);
  ex = zeros (1, m);  plain = zeros (1, m);
  if (m == 0), return;  end
  W = reshape (snaps, d, p * m);
  SW = T.Sx * W;                                  % the one d-by-d-by-pm product
  D = W - repmat (T.Wstar, 1, m);
  ex = 0.5 * sum (reshape (sum (D .* (SW - repmat (T.SxWstar, 1, m)), 1), p, m), 1);
  if (T.plain)
    plain = sum (reshape (sum (0.5 * W .* SW - W .* repmat (T.Sxy, 1, m), 1), p, m), 1) + T.c;
  end
end

% ---- option "checkpoint" -------------------------------------------------------------
function ld_checkpoint (fn, file, R)
  % R into file (MATLAB v7 format, variable R), written to a temporary name first and
  % then renamed, so that a crash while saving leaves the previous checkpoint intact
  tmp = [file '.part'];
  try
    save (tmp, 'R', '-v7');
    [ok, msg] = movefile (tmp, file, 'f');
  catch err
    ok = false;  msg = err.message;
  end
  if (~ ok)
    error (sprintf ('lindyn:%s:checkpoint', fn), '%s: cannot write checkpoint %s: %s', ...
           fn, file, msg);
  end
end
