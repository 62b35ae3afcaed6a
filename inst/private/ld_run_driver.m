function R = ld_run_driver (fn, objective, data, par, eta, iters, W0, d, p, opts, crit, cost)
% -*- texinfo -*-
% @deftypefn {} {@var{R} =} ld_run_driver (@var{fn}, @var{objective}, @var{data}, @var{par}, @var{eta}, @var{iters}, @var{W0}, @var{d}, @var{p}, @var{opts}, @var{crit}, @var{cost})
% The common driver of the trajectory engine (@code{__lindyn_run__}) for the public
% function @var{fn}: validates @var{W0} (a chain of factors, or a cell of K chains) and the
% options in the cell @var{opts} (@qcode{"method"}, @qcode{"beta"}, @qcode{"beta1"},
% @qcode{"beta2"}, @qcode{"epsilon"}, @qcode{"record"}, @qcode{"sv"}, @qcode{"nuclear"},
% @qcode{"effective_rank"}, @qcode{"target"}, @qcode{"path"}, @qcode{"snapshots"},
% @qcode{"verbose"}), then runs the objective @var{objective} with data @var{data},
% @var{par} in chunks of about 0.2 s (Ctrl-C works between them).  @var{crit} is a
% function of the end-to-end W giving the objective's divergence size: a run stops when
% it exceeds 1e12 times its largest value at W0 and W = 0.  @var{cost}: flops per step,
% to size the first chunk.  @var{eta}, @var{iters}, @var{data} are already validated.
% @end deftypefn

  K = numel (eta);  eta = eta(:)';
  W0 = ld_starts (fn, W0, K, d, p);
  L = numel (W0{1});

  o = struct ('method', 'gd', 'beta', 0.9, 'beta1', 0.9, 'beta2', 0.999, 'epsilon', 1e-8, ...
              'record', [], 'sv', min ([d, p, 10]), 'nuclear', true, ...
              'effective_rank', true, 'target', [], 'path', [], 'snapshots', false, ...
              'verbose', []);
  o = ld_name_value (fn, o, opts);
  if (~ (ischar (o.method) && any (strcmp (o.method, {'gd', 'momentum', 'adam'}))))
    error (sprintf ('lindyn:%s:method', fn), ...
           '%s: method must be "gd", "momentum" or "adam"', fn);
  end
  switch (o.method)
    case 'gd'
      hyper = [];
    case 'momentum'
      hyper = ld_unit (fn, 'beta', o.beta);
    case 'adam'
      hyper = [ld_unit(fn, 'beta1', o.beta1), ld_unit(fn, 'beta2', o.beta2), ...
               ld_matrix(fn, 'epsilon', o.epsilon, 'scalar', 'finite', 'nonnegative')];
  end
  rec = o.record;
  if (~ isempty (rec))
    rec = ld_matrix (fn, 'record', rec, 'vector', 'integer', 'nonnegative');
    if (any (rec > iters))
      error (sprintf ('lindyn:%s:record', fn), ...
             '%s: record indices must lie in [0, iters] (iters = %d)', fn, iters);
    end
    rec = unique (rec(:)');
  else
    rec = ld_default_record (iters);
  end
  nsv = min (ld_matrix (fn, 'sv', o.sv, 'scalar', 'integer', 'nonnegative'), min (d, p));
  nuclear = ld_logical (fn, 'nuclear', o.nuclear);
  erank = ld_logical (fn, 'effective_rank', o.effective_rank);
  snapshots = ld_logical (fn, 'snapshots', o.snapshots);
  verbose = o.verbose;
  if (~ isempty (verbose)), verbose = ld_logical (fn, 'verbose', verbose);  end
  target = [];  path = [];
  if (~ isempty (o.target))
    target = ld_matrix (fn, 'target', o.target, 'finite', 'rows', d, 'cols', p);
  end
  if (~ isempty (o.path))
    path = ld_matrix (fn, 'path', o.path, 'finite', 'ndims3', 'rows', d, 'cols', p);
  end
  K_path = size (path, 3) * ~ isempty (path);
  P = path;
  if (~ isempty (target))
    P = cat (3, path, target);
    if (isempty (path)), P = target;  end
  end

  cmax = zeros (1, K);
  c0 = crit (zeros (d, p));
  for k = 1:K
    cmax(k) = 1e12 * max (crit (ld_prod (W0{k})), c0);
  end
  cmax(cmax == 0) = Inf;

  n = numel (rec);
  np = size (P, 3) * ~ isempty (P);
  one = struct ('loss', zeros (1, n), 'fro2', zeros (1, n), 'nuclear', zeros (nuclear * 1, n), ...
                'erank', zeros (erank * 1, n), 'sv', zeros (nsv, n), 'perr', zeros (np, n), ...
                'snaps', zeros (d, p, n * snapshots));
  Rk = repmat (one, 1, K);
  taken = zeros (1, K);  active = true (1, K);  diverged_at = NaN (1, K);  performed = zeros (1, K);
  W = W0;  S = repmat ({{}}, 1, K);  fresh = true;
  chunk = max (1, min ([iters, 1000, round(2e7 / max (cost * K, 1))]));
  t0 = 0;  j = 1;  done = (iters == 0 && n == 0);
  tstart = tic ();  shown = false;
  flags = double ([nuclear, erank, snapshots]);
  while (~ done)
    c = min (chunk, iters - t0);
    jn = j;
    while (jn <= n && rec(jn) <= t0 + c)
      jn = jn + 1;
    end
    at = rec(j:jn-1) - t0;
    act = find (active);
    Sa = {};
    if (~ fresh), Sa = S(act);  end
    tc = tic ();
    C = __lindyn_run__ (objective, data, par, o.method, hyper, eta(act), W(act), Sa, t0, c, ...
                        at, cmax(act), nsv, flags, P);
    dt = toc (tc);
    fresh = false;
    for i = 1:numel (act)
      k = act(i);
      W{k} = C(i).factors;  S{k} = C(i).state;
      m = numel (C(i).fro2);  idx = taken(k)+1:taken(k)+m;
      Rk(k).loss(idx) = C(i).loss;  Rk(k).fro2(idx) = C(i).fro2;
      if (nuclear), Rk(k).nuclear(idx) = C(i).nuclear;  end
      if (erank), Rk(k).erank(idx) = C(i).erank;  end
      Rk(k).sv(:,idx) = C(i).sv;  Rk(k).perr(:,idx) = C(i).path_err;
      if (snapshots), Rk(k).snaps(:,:,idx) = C(i).snapshots;  end
      taken(k) = taken(k) + m;
      if (C(i).diverged)
        active(k) = false;
        diverged_at(k) = t0 + C(i).diverged_at;
        performed(k) = diverged_at(k);
      else
        performed(k) = t0 + c;
      end
    end
    j = jn;
    t0 = t0 + c;
    done = t0 >= iters || ~ any (active);
    rate = c / max (dt, 1e-6);
    chunk = max (1, min ([round(0.2 * rate), 10 * c, 1e7]));
    if (~ done && (isequal (verbose, true) || (isempty (verbose) && toc (tstart) > 0.5 ...
                                               && toc (tstart) + (iters - t0) / rate > 5)))
      fprintf ('%s: %d/%d iterations (%.0f%%), %.3g it/s, ETA %.1f s\n', fn, t0, ...
               iters, 100 * t0 / iters, rate * numel (act), (iters - t0) / rate);
      if (exist ('OCTAVE_VERSION', 'builtin'))
        fflush (stdout);
      end
      shown = true;
    end
  end
  if (shown)
    fprintf ('%s: done, %d iterations in %.1f s\n', fn, max (performed), toc (tstart));
  end

  out = cell (1, K);
  for k = 1:K
    keep = 1:taken(k);
    Q = struct ();
    Q.t = rec(keep);
    Q.loss = Rk(k).loss(keep);
    Q.fro2 = Rk(k).fro2(keep);
    if (nuclear), Q.nuclear = Rk(k).nuclear(keep);  else, Q.nuclear = [];  end
    if (erank), Q.erank = Rk(k).erank(keep);  else, Q.erank = [];  end
    Q.sv = Rk(k).sv(:,keep);
    if (K_path > 0), Q.path_err = Rk(k).perr(1:K_path,keep);  end
    if (~ isempty (target)), Q.err = Rk(k).perr(end,keep);  end
    if (snapshots), Q.snapshots = Rk(k).snaps(:,:,keep);  end
    Q.W = ld_prod (W{k});
    Q.factors = W{k};
    Q.state = S{k};
    Q.diverged = ~ isnan (diverged_at(k));
    Q.diverged_at = diverged_at(k);
    Q.iters = performed(k);
    Q.eta = eta(k);
    Q.method = o.method;
    out{k} = Q;
  end
  R = [out{:}];
  bad = find ([R.diverged]);
  if (~ isempty (bad))
    warning ('lindyn:gd:diverged', ...
             '%s: %d of %d trajectories diverged (the first at iteration %d with eta = %g, method "%s"); try a smaller eta', ...
             fn, numel (bad), K, diverged_at(bad(1)), eta(bad(1)), o.method);
  end
end

function v = ld_unit (fn, name, v)
  v = ld_matrix (fn, name, v, 'scalar', 'finite', 'nonnegative');
  if (~ (v < 1))
    error (sprintf ('lindyn:%s:%s', fn, name), '%s: %s must lie in [0, 1)', fn, name);
  end
end

