function R = ld_run_driver (fn, prob, eta, iters, W0, opts)
% -*- texinfo -*-
% @deftypefn {} {@var{R} =} ld_run_driver (@var{fn}, @var{prob}, @var{eta}, @var{iters}, @var{W0}, @var{opts})
% The one driver of every trajectory function (@code{gd_deep}, @code{gd_linear},
% @code{sgd_deep}, @code{gd_completion}, @code{gd_sensing}): validates the run's options
% @var{opts} (name/value pairs, the one table below) and the starts @var{W0} (a chain
% @{W1, @dots{}, WL@}, a cell of K chains, or a result to continue), then runs the C
% core's one runner (@code{__lindyn_run__}) in chunks of about 0.2 s so that Ctrl-C
% works between them, with progress, records, held-out losses, stopping rules,
% @code{lindyn_last} and checkpoints, for K step sizes @var{eta} at once.
%
% @var{prob} describes the public function's objective:
% @table @code
% @item objective, data
% the C objective's name and its named data (a struct);
% @item d, p
% the end-to-end size;
% @item crit
% a function of the end-to-end W giving the divergence size the C objective tests
% (a run diverges above 1e12 times its largest value at W0 and at W = 0);
% @item cost
% flops per step (a number, or a function of the widths [d, r1, ..., p] of the
% factors), to size the first chunk and the default records;
% @item test
% a function of the value of option @qcode{"test"} returning a struct with fields
% @code{evals} (the held-out evaluations: a struct array with fields objective and
% data), @code{const} (a constant added to the first held-out loss for
% @code{test_loss_plain}, or [] for none) and @code{size} (the doubles it holds);
% @item alias
% a second name for the recorded loss (@qcode{"excess_loss"} for the moments) or '';
% @item advice
% a function returning the problem for the divergence warning's step-size advice
% (@code{ld_stepsize_problem}), called only when a run diverged;
% @item own
% the names of the function's own options, for the list of known options;
% @item given
% (optional) every name/value pair the user gave, the function's own ones included, for
% the result's @code{options} (default @var{opts});
% @item measures
% (optional) the names of the C objective's own recorded measures, in the order of its
% table: each becomes a field of the result (1-by-n);
% @item result
% (optional) a function applied to the result struct (array) of every run, finished,
% checkpointed or interrupted (@code{lindyn_last}), e.g. to present the end-to-end
% predictor of a parametrisation (@code{gd_diagonal}: W = [u, v] gives w).
% @end table
% @end deftypefn

  d = prob.d;  p = prob.p;
  K = numel (eta);  eta = eta(:)';
  if (~ isfield (prob, 'measures')), prob.measures = {};  end
  if (~ isfield (prob, 'given')), prob.given = opts;  end
  nown = numel (prob.measures);

  % ---- the one option table --------------------------------------------------------
  o = struct ('method', 'gd', 'beta', 0.9, 'beta1', 0.9, 'beta2', 0.999, 'epsilon', 1e-8, ...
              'record', [], 'sv', min ([d, p, 10]), 'nuclear', true, 'effective_rank', true, ...
              'target', [], 'path', [], 'snapshots', false, 'balance', false, ...
              'sharpness', false, 'sharpness_tol', 1e-10, 'test', [], 'verbose', [], ...
              'checkpoint', '', ...
              'checkpoint_every', 60, 'init_info', [], 'stop_loss', [], 'stop_change', [], ...
              'stop_window', 10, 'patience', []);
  [o, given] = ld_name_value (fn, o, opts, prob.own);
  method = o.method;
  if (~ (ischar (method) && any (strcmp (method, {'gd', 'momentum', 'adam'}))))
    error (sprintf ('lindyn:%s:method', fn), '%s: method must be "gd", "momentum" or "adam"', fn);
  end
  switch (method)
    case 'gd'
      hyper = struct ();
    case 'momentum'
      hyper = struct ('beta', ld_unit (fn, 'beta', o.beta));
    case 'adam'
      hyper = struct ('beta1', ld_unit (fn, 'beta1', o.beta1), 'beta2', ld_unit (fn, 'beta2', o.beta2), ...
                      'epsilon', ld_matrix (fn, 'epsilon', o.epsilon, 'scalar', 'finite', 'nonnegative'));
  end
  nsv = min (ld_matrix (fn, 'sv', o.sv, 'scalar', 'integer', 'nonnegative'), min (d, p));
  nuclear = ld_logical (fn, 'nuclear', o.nuclear);
  erank = ld_logical (fn, 'effective_rank', o.effective_rank);
  snapshots = ld_logical (fn, 'snapshots', o.snapshots);
  balance = ld_logical (fn, 'balance', o.balance);
  sharp = ld_logical (fn, 'sharpness', o.sharpness);
  sharp_tol = ld_matrix (fn, 'sharpness_tol', o.sharpness_tol, 'scalar', 'finite', 'positive');
  verbose = o.verbose;
  if (~ isempty (verbose)), verbose = ld_logical (fn, 'verbose', verbose);  end
  target = [];  path = [];
  if (~ isempty (o.target))
    target = ld_matrix (fn, 'target', o.target, 'finite', 'rows', d, 'cols', p);
  end
  if (~ isempty (o.path))
    path = ld_matrix (fn, 'path', o.path, 'finite', 'ndims3', 'rows', d, 'cols', p);
  end
  test = [];
  if (~ isempty (o.test))
    test = prob.test (o.test);
  end
  ckpt = o.checkpoint;
  if (~ (ischar (ckpt) && (isrow (ckpt) || isempty (ckpt))))
    error (sprintf ('lindyn:%s:checkpoint', fn), '%s: checkpoint must be a file name (a string)', fn);
  end
  ckpt_every = ld_matrix (fn, 'checkpoint_every', o.checkpoint_every, 'scalar', 'finite', 'nonnegative');
  init_info = o.init_info;
  if (~ isempty (init_info) && ~ (isstruct (init_info) && isscalar (init_info)))
    error (sprintf ('lindyn:%s:init_info', fn), ...
           '%s: init_info must be a scalar struct (e.g. the second output of random_init)', fn);
  end
  stop = struct ('loss', NaN, 'change', NaN, 'window', 0, 'patience', 0);
  if (~ isempty (o.stop_loss))
    stop.loss = ld_matrix (fn, 'stop_loss', o.stop_loss, 'scalar', 'finite', 'nonnegative');
  end
  if (~ isempty (o.stop_change))
    stop.change = ld_matrix (fn, 'stop_change', o.stop_change, 'scalar', 'finite', 'nonnegative');
    stop.window = ld_matrix (fn, 'stop_window', o.stop_window, 'scalar', 'integer', 'positive');
    if (stop.window > 1e6)
      error (sprintf ('lindyn:%s:stop_window', fn), '%s: stop_window must be at most 1e6', fn);
    end
  elseif (any (strcmp (given, 'stop_window')))
    error (sprintf ('lindyn:%s:stop_window', fn), ...
           '%s: stop_window sets the window of "stop_change", which is not given', fn);
  end
  if (~ isempty (o.patience))
    stop.patience = ld_matrix (fn, 'patience', o.patience, 'scalar', 'integer', 'positive');
    if (isempty (test))
      error (sprintf ('lindyn:%s:patience', fn), ...
             '%s: patience counts records without improvement of the held-out loss: give "test"', fn);
    end
  end

  % ---- the starts: chains, or a result to continue --------------------------------
  t_offset = 0;  cont = [];
  if (isstruct (W0) && isfield (W0, 'factors') && isfield (W0, 'iters'))
    [W0, t_offset, cont] = ld_continue (fn, W0, K, method);
  end
  W0 = ld_starts (fn, W0, K, d, p);
  L = numel (W0{1});
  widths = [d, cellfun(@(w) size (w, 2), W0{1})];
  if (isa (prob.cost, 'function_handle')), prob.cost = prob.cost (widths);  end

  % ---- records, and the memory they take (a lazy range such as 0:1e9 is sized from
  % numel, before anything expands it) ------------------------------------------------
  K_path = size (path, 3) * ~ isempty (path);
  P = path;
  if (~ isempty (target))
    P = cat (3, path, target);
    if (isempty (path)), P = target;  end
  end
  np = size (P, 3) * ~ isempty (P);
  ntest = 0;
  if (~ isempty (test)), ntest = numel (test.evals);  end
  nfac = sum (cellfun (@numel, W0{1}));
  per_rec = K * (5 + ntest + nsv + np + d * p * snapshots + (L - 1) * balance + sharp + nown);
  fixed = K * (3 * nfac + d * p) + d * p * np;
  if (~ isempty (o.record))
    nr = numel (o.record);
    if (isnumeric (o.record) || islogical (o.record))
      ld_memory_check (fn, 'record', ld_need (nr, per_rec, 3, fixed), ...
                       sprintf ('%d records of %d values', nr, per_rec));
    end
    rec = ld_matrix (fn, 'record', o.record, 'vector', 'integer', 'nonnegative');
    if (any (rec > iters))
      error (sprintf ('lindyn:%s:record', fn), ...
             '%s: record indices must lie in [0, iters] (iters = %d)', fn, iters);
    end
    rec = unique (rec(:)');
  else
    % as many records as are cheap next to the run (ld_default_record): the singular
    % values (one SVD of d-by-p per record) are left out by default when even 20 records
    % of them would cost more than a twentieth of the run
    [rec, svd_ok] = ld_default_record (iters, ld_record_cost (prob.cost, d, p, ntest, sharp, nfac));
    if (~ svd_ok)
      if (~ any (strcmp (given, 'nuclear'))), nuclear = false;  end
      if (~ any (strcmp (given, 'effective_rank'))), erank = false;  end
      if (~ any (strcmp (given, 'sv'))), nsv = 0;  end
    end
    what = 'snapshots';
    if (~ snapshots), what = 'eta';  end
    ld_memory_check (fn, what, ld_need (numel (rec), per_rec, 1, fixed), ...
                     sprintf ('%d records of %d values, %d trajectories', numel (rec), per_rec, K));
  end
  n = numel (rec);

  % ---- the divergence thresholds (kept by a continued run) --------------------------
  if (isempty (cont))
    c0 = prob.crit (zeros (d, p));
    thr = zeros (1, K);
    for k = 1:K
      thr(k) = 1e12 * max (prob.crit (ld_prod (W0{k})), c0);
    end
    thr(thr == 0 | isnan (thr)) = Inf;
    U = repmat ({{}}, 1, K);  S = repmat ({[]}, 1, K);  V = repmat ({[]}, 1, K);
  else
    thr = cont.threshold;  U = cont.update;  S = cont.stop;  V = cont.sharp;
    % a continued run with other stopping rules (or none) starts their state afresh; one
    % without sharpness records, or another start size, its warm start
    nstop = 3 + stop.window * ~ isnan (stop.change);
    for k = 1:K
      if (numel (S{k}) ~= nstop), S{k} = [];  end
      if (~ sharp || numel (V{k}) ~= nfac), V{k} = [];  end
    end
  end

  % ---- the run ----------------------------------------------------------------------
  spec = struct ('objective', prob.objective, 'data', prob.data, 'method', method, ...
                 'hyper', hyper, 'eta', eta, 't0', t_offset, 'iters', 0, 'at', [], ...
                 'threshold', thr, ...
                 'measure', struct ('nsv', nsv, 'nuclear', nuclear, 'erank', erank, ...
                                    'snapshots', snapshots, 'balance', balance, 'path', P, ...
                                    'sharpness', sharp, 'sharpness_tol', sharp_tol, ...
                                    'sharpness_maxit', max (1, min (nfac, 300))), ...
                 'stop', stop);
  if (ntest > 0)
    spec.measure.test = test.evals;
  end
  st = struct ('kind', 'run', 'fn', fn, 'opts', {prob.given}, 'W0', {W0}, 'init_info', init_info, ...
               't_offset', t_offset, 'rec', rec, 'eta', eta, 'method', method, ...
               'alias', prob.alias, 'K_path', K_path, 'has_target', ~ isempty (target), ...
               'path', path, 'snapshots', snapshots, 'balance', balance, 'sharp', sharp, ...
               'nuclear', nuclear, 'erank', erank, 'ntest', ntest, 'test_const', [], ...
               'threshold', thr, 'measures', {prob.measures});
  if (isfield (prob, 'result')), st.result = prob.result;  end
  if (ntest > 0), st.test_const = test.const;  end
  st.taken = zeros (1, K);  st.done = zeros (1, K);  st.diverged = false (1, K);
  st.stopped_by = zeros (1, K);
  st.W = W0;  st.U = U;  st.S = S;  st.V = V;
  % one cell per stored quantity, one element per trajectory: c{k}(idx) = v fills an
  % array in place, where a field of a struct array copies all of it
  names = {'loss', 'test', 'fro2', 'nuclear', 'erank', 'sv', 'path_err', 'snapshots', ...
           'balance', 'sharpness', 'own'};
  rows = [1, ntest, 1, nuclear, erank, nsv, np, 0, (L - 1) * balance, sharp, nown];
  for i = 1:numel (names)
    st.store.(names{i}) = cell (1, K);
    for k = 1:K
      if (strcmp (names{i}, 'snapshots'))
        st.store.snapshots{k} = zeros (d, p, n * snapshots);
      else
        st.store.(names{i}){k} = zeros (rows(i), n);
      end
    end
  end

  % at most 64 MB of records per chunk, so the C core's output never doubles the store
  maxrec = max (2, floor (2^23 / max (per_rec, 1)));
  % chunks of about 0.2 s of work, and of at least 8 steps: a call has a fixed cost (the
  % factors copied in and out, its scratch touched afresh), which one step of 0.6 s at
  % d = 2000 does not hide (80 ms, 12% of the step)
  minchunk = 8;
  chunk = max (minchunk, min ([iters, 1000, round(2e7 / max (prob.cost * K, 1))]));
  t0 = 0;  j = 1;  done = (iters == 0 && n == 0);
  active = true (1, K);
  tstart = tic ();
  prog = ld_progress ('init', fn, verbose, iters, 'iterations');
  last_token = ld_last ('begin');
  last_guard = onCleanup (@() ld_close (fn, last_token));
  ckpt_last = 0;
  while (~ done)
    c = min (chunk, iters - t0);
    jn = j;
    while (jn <= n && rec(jn) <= t0 + c)
      jn = jn + 1;
    end
    if (jn - j > maxrec)                % end the chunk at the last record it can hold
      jn = j + maxrec;
      c = rec(jn - 1) - t0;
    end
    act = find (active);
    spec.eta = eta(act);  spec.threshold = thr(act);
    spec.t0 = t_offset + t0;  spec.iters = c;  spec.at = rec(j:jn-1) - t0;
    state = struct ('factors', st.W(act), 'update', st.U(act), 'stop', st.S(act), ...
                    'sharp', st.V(act));
    tc = tic ();
    C = __lindyn_run__ (spec, state);
    dt = toc (tc);
    for i = 1:numel (act)
      k = act(i);
      st.W{k} = C(i).factors;  st.U{k} = C(i).update;  st.S{k} = C(i).stop;
      st.V{k} = C(i).sharp;
      m = numel (C(i).fro2);  idx = st.taken(k)+1:st.taken(k)+m;
      for f = {'loss', 'test', 'fro2', 'nuclear', 'erank', 'sv', 'path_err', 'balance', ...
               'own', 'sharpness'}
        if (~ isempty (st.store.(f{1}){k}))
          st.store.(f{1}){k}(:,idx) = C(i).(f{1});
        end
      end
      if (snapshots), st.store.snapshots{k}(:,:,idx) = C(i).snapshots;  end
      st.taken(k) = st.taken(k) + m;
      st.done(k) = t0 + C(i).done;
      if (C(i).diverged || C(i).stopped_by > 0)
        active(k) = false;
        st.diverged(k) = C(i).diverged;
        st.stopped_by(k) = C(i).stopped_by;
      end
    end
    j = jn;
    t0 = t0 + c;
    ld_last ('update', last_token, st);
    if (~ isempty (ckpt) && t0 < iters && toc (tstart) - ckpt_last >= ckpt_every)
      ld_checkpoint (fn, ckpt, ld_run_result (st, true));   % a run that must survive a crash
      ckpt_last = toc (tstart);
    end
    done = t0 >= iters || ~ any (active);
    % next chunk: about 0.2 s of work, so that Ctrl-C is honoured between chunks
    rate = c / max (dt, 1e-6);
    chunk = max (minchunk, min ([round(0.2 * rate), 10 * c, 1e7]));
    if (~ done)                         % progress (ld_progress: tty line or every 5 s)
      prog = ld_progress (prog, t0, toc (tstart));
    end
  end
  ld_progress (prog, 'end', max (st.done), toc (tstart));

  R = ld_run_result (st, false);
  ld_last ('finish', last_token, R);
  if (~ isempty (ckpt))
    ld_checkpoint (fn, ckpt, R);
  end
  bad = find ([R.diverged]);
  if (~ isempty (bad))
    where = '';
    if (K > 1)
      where = sprintf ('trajectory %d of %d, ', bad(1), K);
      if (numel (bad) > 1)
        where = sprintf ('%d of %d trajectories (the first: %d), ', numel (bad), K, bad(1));
      end
    end
    k = bad(1);
    msg = sprintf ('%s: %s%s diverged at iteration %d with eta = %g', fn, where, ...
                   ld_method_name (method), R(k).diverged_at, eta(k));
    advice = ld_divergence_advice (prob.advice (), eta(k), W0{k}, iters, method);
    if (~ isempty (advice))
      msg = [msg, '; ', advice];
    end
    warning ('lindyn:gd:diverged', '%s', msg);
  end
end

function s = ld_method_name (method)
  switch (method)
    case 'gd', s = 'gradient descent';
    case 'momentum', s = 'momentum';
    otherwise, s = 'Adam';
  end
end

function ld_close (fn, token)
  % the run's cleanup, whether it ended normally or not: after Ctrl-C (or an error) the
  % work of the last finished chunk is kept, and the user is told where
  R = ld_last ('close', token);
  if (~ isempty (R))
    fprintf ('%s: interrupted after %d iterations; R = lindyn_last () returns the work done\n', ...
             fn, max ([R.iters]));
  end
end

function cost = ld_record_cost (step_flops, d, p, ntest, sharp, n)
  % seconds per step and per record (with and without the SVD), from flop counts at
  % rates and per-call overheads typical of the machines lindyn runs on (products 2e10
  % flop/s, an SVD of values only 2.5e9, LAPACK's rate at d = 64; 0.2 us per step, 20 us
  % per record): a model, so that the default records are the same on every machine and
  % every run
  mn = min (d, p);  mx = max (d, p);
  % one loss: a d-by-d-by-p product (2 d^2 p flops or less), counted twice: with the
  % norms and the excess over W* a record at d = 784, p = 10 costs two steps of L = 1
  loss = 4 * d * d * p;
  cheap = (1 + ntest) * loss + 2 * d * p + sharp * 40 * step_flops;
  cost.step = step_flops / 2e10 + 2e-7;
  cost.cheap = cheap / 2e10 + 2e-5;
  cost.full = cost.cheap + 4 * mx * mn^2 / 2.5e9;
  if (n == 0), cost.full = cost.cheap;  end
end

function b = ld_need (nrec, per_rec, copies, fixed)
  % Bytes for nrec records of per_rec doubles (stored, plus one chunk of at most 64 MB),
  % copies doubles more per record (the list itself) and fixed doubles more.  The store
  % counts twice: the state kept for lindyn_last after each chunk shares it, so the next
  % chunk's writes copy it once.
  store = 8 * nrec * per_rec;
  b = 2 * store + min (store, 2^26) + 8 * (copies * nrec + fixed);
end

function v = ld_unit (fn, name, v)
  v = ld_matrix (fn, name, v, 'scalar', 'finite', 'nonnegative');
  if (~ (v < 1))
    error (sprintf ('lindyn:%s:%s', fn, name), '%s: %s must lie in [0, 1)', fn, name);
  end
end

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
