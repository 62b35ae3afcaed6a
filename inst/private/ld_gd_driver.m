function R = ld_gd_driver (fn, Sx, Sxy, eta, iters, W0, opts)
% -*- texinfo -*-
% @deftypefn {} {@var{R} =} ld_gd_driver (@var{fn}, @var{Sx}, @var{Sxy}, @var{eta}, @var{iters}, @var{W0}, @var{opts})
% The common engine of @code{gd_linear} and @code{gd_deep}: validates the options in
% the cell @var{opts} (name/value pairs) for the public function @var{fn}, then runs
% the C core (@code{__lindyn_gd__}) in chunks of about 0.2 s so that Ctrl-C works between
% them, showing progress when asked or when the run is predicted to be long.
% @var{Sx}, @var{Sxy}, @var{eta}, @var{iters} are already validated; @var{W0} is a cell
% of factors (validated here).
% @end deftypefn

  d = size (Sx, 1);  p = size (Sxy, 2);
  W0 = ld_factors (fn, W0, d, p);
  L = numel (W0);

  % options
  rec = [];  nsv = min ([d, p, 10]);  nuclear = true;  target = [];  path = [];
  snapshots = false;  verbose = [];
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
        rec = ld_matrix (fn, 'record', val, 'vector', 'integer', 'nonnegative');
        if (any (rec > iters))
          error (sprintf ('lindyn:%s:record', fn), ...
                 '%s: record indices must lie in [0, iters] (iters = %d)', fn, iters);
        end
        rec = unique (rec(:)');
      case 'sv'
        nsv = ld_matrix (fn, 'sv', val, 'scalar', 'integer', 'nonnegative');
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
      otherwise
        error (sprintf ('lindyn:%s:option', fn), '%s: unknown option "%s"', fn, name);
    end
  end
  if (isempty (rec))
    rec = unique ([0, round(logspace (0, log10 (max (iters, 1)), 199)), iters]);
    rec = rec(rec <= iters);
  end
  K = size (path, 3) * ~ isempty (path);
  P = path;
  if (~ isempty (target))
    P = cat (3, path, target);
    if (isempty (path)), P = target;  end
  end

  Wstar = pinv (Sx) * Sxy;                         % once per run
  r0 = norm (Sx * ld_prod (W0) - Sxy, 'fro')^2;
  rmax = 1e12 * max (r0, norm (Sxy, 'fro')^2);
  if (rmax == 0), rmax = Inf;  end

  n = numel (rec);
  R = struct ('t', rec, 'excess_loss', zeros (1, n), 'fro2', zeros (1, n), ...
              'nuclear', zeros (nuclear * 1, n), 'sv', zeros (nsv, n));
  perr = zeros (size (P, 3) * ~ isempty (P), n);
  snaps = zeros (d, p, n * snapshots);

  % first chunk: about 2e7 flops (a few ms); later ones are sized from the measured rate
  dims = [d, cellfun(@(w) size (w, 2), W0)];
  flops = 2 * (d * d * p + 3 * sum (dims(1:end-1) .* dims(2:end)) * p);
  chunk = max (1, min ([iters, 1000, round(2e7 / max (flops, 1))]));
  W = W0;  t0 = 0;  j = 1;  done = false;
  diverged = false;  diverged_at = NaN;  tstart = tic ();  shown = false;
  while (~ done)
    c = min (chunk, iters - t0);
    jn = j;
    while (jn <= n && rec(jn) <= t0 + c)
      jn = jn + 1;
    end
    at = rec(j:jn-1) - t0;
    tc = tic ();
    C = __lindyn_gd__ (Sx, Sxy, Wstar, eta, W, c, at, rmax, nsv, nuclear, P, snapshots);
    dt = toc (tc);
    W = C.factors;
    m = numel (C.fro2);  idx = j:j+m-1;
    R.excess_loss(idx) = C.excess_loss;  R.fro2(idx) = C.fro2;
    if (nuclear), R.nuclear(idx) = C.nuclear;  end
    R.sv(:,idx) = C.sv;  perr(:,idx) = C.path_err;
    if (snapshots), snaps(:,:,idx) = C.snapshots;  end
    j = j + m;
    if (C.diverged)
      diverged = true;  diverged_at = t0 + C.diverged_at;  t0 = t0 + C.diverged_at + 1;
      break;
    end
    t0 = t0 + c;
    done = t0 >= iters;
    % next chunk: about 0.2 s of work, so that Ctrl-C is honoured between chunks
    rate = c / max (dt, 1e-6);
    chunk = max (1, min ([round(0.2 * rate), 10 * c, 1e7]));
    if (~ done && (isequal (verbose, true) || (isempty (verbose) && toc (tstart) > 0.5 ...
                                               && toc (tstart) + (iters - t0) / rate > 5)))
      fprintf ('%s: %d/%d iterations (%.0f%%), %.3g it/s, ETA %.1f s\n', fn, t0, ...
               iters, 100 * t0 / iters, rate, (iters - t0) / rate);
      fflush (stdout);  shown = true;
    end
  end
  if (shown)
    fprintf ('%s: done, %d iterations in %.1f s\n', fn, t0, toc (tstart));
  end

  keep = 1:j-1;
  R.t = rec(keep);  R.excess_loss = R.excess_loss(keep);  R.fro2 = R.fro2(keep);
  if (nuclear), R.nuclear = R.nuclear(keep);  else, R.nuclear = [];  end
  R.sv = R.sv(:,keep);
  if (K > 0), R.path_err = perr(1:K,keep);  end
  if (~ isempty (target)), R.err = perr(end,keep);  end
  if (snapshots), R.snapshots = snaps(:,:,keep);  end
  R.W = ld_prod (W);
  R.factors = W;
  R.diverged = diverged;
  R.diverged_at = diverged_at;
  R.iters = t0;
  if (diverged)
    warning ('lindyn:gd:diverged', '%s: %s', fn, ld_divergence_message (Sx, Sxy, eta, L, diverged_at));
  end
end

function W = ld_factors (fn, W, d, p)
  id = sprintf ('lindyn:%s:W0', fn);
  if (isnumeric (W) && ~ iscell (W))
    W = {W};
  end
  if (~ iscell (W) || isempty (W) || ~ isvector (W))
    error (id, '%s: W0 must be a cell vector of matrices {W1, ..., WL}', fn);
  end
  for l = 1:numel (W)
    W{l} = ld_matrix (fn, 'W0', W{l}, 'finite');
    rows = d;
    if (l > 1), rows = size (W{l-1}, 2);  end
    if (size (W{l}, 1) ~= rows)
      error (id, '%s: W0{%d} must have %d rows (got %d)', fn, l, rows, size (W{l}, 1));
    end
  end
  if (size (W{end}, 2) ~= p)
    error (id, '%s: W0{%d} must have %d columns (got %d)', fn, numel (W), p, size (W{end}, 2));
  end
  W = W(:)';
end

function M = ld_prod (W)
  M = W{1};
  for l = 2:numel (W)
    M = M * W{l};
  end
end

function v = ld_flag (fn, name, v)
  if (~ ((islogical (v) || isnumeric (v)) && isscalar (v) && isreal (v) && ~ isnan (v)))
    error (sprintf ('lindyn:%s:%s', fn, name), '%s: %s must be a logical scalar', fn, name);
  end
  v = logical (v);
end

function msg = ld_divergence_message (Sx, Sxy, eta, L, t)
  msg = sprintf ('gradient descent diverged at iteration %d with eta = %g; ', t, eta);
  if (L == 1)
    msg = [msg, sprintf('the largest stable step is 2/lambda_max(Sx) = %g', ...
                        2 / max (eig (Sx)))];
  elseif (L == 2)
    [~, eta_max] = stepsize_check (svd (Sxy), eta);
    msg = [msg, sprintf('Cor. 3 of the paper asks for eta < %g (stepsize_check)', eta_max)];
  else
    msg = [msg, sprintf('no step-size bound is known for depth L = %d; try a smaller eta', L)];
  end
end
