function R = gd_diagonal (X, y, eta, iters, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{R} =} gd_diagonal (@var{X}, @var{y}, @var{eta}, @var{iters})
% @deftypefnx {} {@var{R} =} gd_diagonal (@dots{}, @var{name}, @var{value}, @dots{})
% Gradient descent (or SGD, momentum, Adam) on a diagonal linear network: the predictor
% is @code{w = u.^D - v.^D} (depth D, option @qcode{"depth"}, default 2), trained on
% @c formula
% @example
% 1/(2n) * norm (X*w - y)^2
% @end example
% for the data @var{X} (n-by-d, one sample per row) and @var{y} (n values)
% (Woodworth et al. 2020; Azulay et al. 2021; Pesme et al. 2021; Even et al. 2023).
% With @code{g = X_B'*(X_B*w - y_B)/b} the gradient in w on step t's batch B of b rows,
% one step is
% @c formula
% @example
% u <- u - eta * D * u.^(D-1) .* g,    v <- v + eta * D * v.^(D-1) .* g
% @end example
% (both from the same g).  From @code{u0 = v0 = alpha} (w0 = 0) and for an
% underdetermined regression (n < d), gradient flow at D = 2 ends at the interpolator
% minimising a hyperbolic-entropy potential of scale alpha (@code{diagonal_limit}): the
% minimum-norm interpolator for large alpha, the minimum-l1 one as alpha -> 0.
%
% The start: option @qcode{"alpha"} (default 0.1; a vector of K values starts K
% trajectories), or @qcode{"init"}: @code{@{u0, v0@}} (positive d-vectors or scalars,
% Azulay et al.'s "shape"), a cell of K such pairs, or a result @var{R0} of an earlier
% run to continue (e.g. @code{lindyn_last ()} after Ctrl-C; the same depth, batch and
% seed continue the run bit for bit, with @code{t} and @code{iters} counting from its
% start).  A vector @var{eta} of K step sizes runs K trajectories in one call (in
% parallel), from one start or from K.
%
% Options of the diagonal network: @qcode{"depth"} (an integer D >= 1; D = 1 is the
% linear model w = u - v); @qcode{"batch"}, b (default n: gradient descent), with
% @qcode{"replacement"} and @qcode{"seed"} as in @code{sgd_deep} (the same row draws:
% each epoch of @code{floor (n/b)} steps visits a fresh permutation of the rows, or b
% uniform draws per step with replacement; they depend on the seed and the step alone);
% @qcode{"target"}, a d-vector w*: @code{R.err} records @code{norm (w - w*)};
% @qcode{"support_tol"} (default 1e-3): @code{R.support} counts the entries with
% @code{abs (w_i) > support_tol * max (abs (w))}; @qcode{"test"}, held-out data
% @code{@{X_test, y_test@}}: @code{R.test_loss} is @code{1/(2 n_test) norm (X_test*w -
% y_test)^2}.  Every other option is the engine's, as in @code{gd_deep}:
% @qcode{"method"} (@qcode{"gd"}, @qcode{"momentum"}, @qcode{"adam"} and their
% parameters), @qcode{"record"}, @qcode{"sharpness"}, @qcode{"snapshots"},
% @qcode{"path"} (a d-by-1-by-P stack, or d-by-P, of predictors), @qcode{"stop_loss"},
% @qcode{"stop_change"}, @qcode{"stop_window"}, @qcode{"patience"},
% @qcode{"checkpoint"}, @qcode{"checkpoint_every"}, @qcode{"verbose"},
% @qcode{"init_info"}, and Ctrl-C with @code{lindyn_last}.
%
% @var{R} has the engine's fields (see @code{gd_deep}) for the end-to-end predictor
% @code{W = w} (d-by-1): @code{loss} (the full data's loss above), @code{fro2}
% (@code{norm (w)^2}), @code{nuclear} and @code{sv} (@code{norm (w)}), @code{erank}
% (1, or 0 for w = 0), @code{err}, @code{path_err}, @code{snapshots} (of w),
% @code{sharpness} (the largest eigenvalue of the full loss's Hessian in the 2d
% parameters (u, v), the curvature of the map (u, v) -> w included; the stable steps are
% @code{eta < 2/sharpness}), @code{balance} (0-by-n), @code{test_loss}; the network's own
% records @code{l1} (@code{norm (w, 1)}), @code{l2} (@code{norm (w)}) and
% @code{support}; and @code{u}, @code{v}, @code{w} at the end.  @code{R.factors} is
% @code{@{[u, v]@}}, the one factor the engine trains; @code{R.depth} is D.  A run stops
% (warning @code{lindyn:gd:diverged}) when a batch loss is not finite or exceeds 1e12
% times the larger full loss at the start and at w = 0; the curvature at
% @code{u0 = v0 = alpha} is about @code{2 D^2 alpha^(2D-2) lambda_max (X'*X/n)}, so the
% step must shrink like @code{1/alpha^(2D-2)} for large alpha.
%
% Errors: @code{lindyn:gd_diagonal:X}, @code{:y}, @code{:eta}, @code{:iters},
% @code{:depth}, @code{:alpha}, @code{:init}, @code{:batch}, @code{:seed},
% @code{:replacement}, @code{:target}, @code{:support_tol}, @code{:path}, @code{:test},
% @code{:option} and one per engine option.
%
% Example: a 3-sparse target from 20 samples in 60 dimensions, recovered from a small
% start:
% @c runnable
% @example
% @group
% randn ('state', 1);
% X = randn (20, 60);  wstar = zeros (60, 1);  wstar([3 17 40]) = [1 -2 1.5];
% y = X * wstar;
% R = gd_diagonal (X, y, 0.05, 5000, 'alpha', 1e-3, 'target', wstar);
% printf ('loss %.1e, |w - w*| = %.2g, |w|_1 = %.3f, support %d\n', ...
%         R.loss(end), R.err(end), R.l1(end), R.support(end));
% semilogy (R.t, R.err)
% @end group
% @end example
% @seealso{diagonal_limit, sgd_deep, gd_deep, demo_diagonal}
% @end deftypefn

  if (nargin < 4)
    ld_usage ('gd_diagonal');
  end
  fn = 'gd_diagonal';
  X = ld_matrix (fn, 'X', X, 'finite', 'nonempty');
  [n, d] = size (X);
  y = ld_matrix (fn, 'y', y, 'finite', 'vector');
  if (numel (y) ~= n)
    error ('lindyn:gd_diagonal:y', 'gd_diagonal: y must have %d entries (the rows of X), got %d', ...
           n, numel (y));
  end
  y = y(:);
  eta = ld_matrix (fn, 'eta', eta, 'vector', 'nonempty', 'finite', 'positive');
  iters = ld_matrix (fn, 'iters', iters, 'scalar', 'integer', 'nonnegative');

  % the network's options; the rest go to the driver
  own = {'depth', 'alpha', 'init', 'batch', 'seed', 'replacement', 'target', 'support_tol', ...
         'path', 'snapshots', 'sv', 'nuclear', 'effective_rank'};
  if (mod (numel (varargin), 2) ~= 0)
    error ('lindyn:gd_diagonal:option', 'gd_diagonal: options must come in name-value pairs');
  end
  o = struct ('depth', 2, 'alpha', [], 'init', [], 'batch', n, 'seed', 0, 'replacement', false, ...
              'target', [], 'support_tol', 1e-3, 'path', [], 'snapshots', false, 'sv', 1, ...
              'nuclear', true, 'effective_rank', true);
  rest = {};  kept = {};
  for k = 1:2:numel (varargin)
    name = varargin{k};
    if (ischar (name) && any (strcmpi (name, own)))
      o.(lower (name)) = varargin{k+1};
    else
      rest(end+1:end+2) = varargin(k:k+1);
    end
    if (~ (ischar (name) && any (strcmpi (name, {'alpha', 'init'}))))
      kept(end+1:end+2) = varargin(k:k+1);    % the options recorded (starts: init_info)
    end
  end
  D = ld_matrix (fn, 'depth', o.depth, 'scalar', 'integer', 'positive');
  if (D > 64)
    error ('lindyn:gd_diagonal:depth', 'gd_diagonal: depth must be at most 64');
  end
  b = ld_matrix (fn, 'batch', o.batch, 'scalar', 'integer', 'positive');
  if (b > n)
    error ('lindyn:gd_diagonal:batch', 'gd_diagonal: batch must be at most n = %d', n);
  end
  seed = ld_matrix (fn, 'seed', o.seed, 'scalar', 'integer', 'nonnegative');
  if (seed > 2^53)
    error ('lindyn:gd_diagonal:seed', 'gd_diagonal: seed must be at most 2^53');
  end
  rep = ld_logical (fn, 'replacement', o.replacement);
  target = zeros (0, 1);
  if (~ isempty (o.target))
    target = ld_matrix (fn, 'target', o.target, 'finite', 'vector');
    if (numel (target) ~= d)
      error ('lindyn:gd_diagonal:target', 'gd_diagonal: target must have %d entries', d);
    end
    target = target(:);
  end
  tol = ld_matrix (fn, 'support_tol', o.support_tol, 'scalar', 'finite', 'nonnegative');
  path = [];
  if (~ isempty (o.path))
    path = ld_matrix (fn, 'path', o.path, 'finite', 'ndims3');
    if (ndims (path) == 2)
      path = reshape (path, size (path, 1), 1, size (path, 2));
    end
    if (size (path, 1) ~= d || size (path, 2) ~= 1)
      error ('lindyn:gd_diagonal:path', ...
             'gd_diagonal: path must be a d-by-1-by-P stack (or d-by-P) of predictors, d = %d', d);
    end
  end
  snap = ld_logical (fn, 'snapshots', o.snapshots);
  nsv = min (ld_matrix (fn, 'sv', o.sv, 'scalar', 'integer', 'nonnegative'), 1);
  nuclear = ld_logical (fn, 'nuclear', o.nuclear);
  erank = ld_logical (fn, 'effective_rank', o.effective_rank);

  % the starts: chains {[u0, v0]}, or a result to continue
  [W0, alphas, K] = ld_diagonal_starts (fn, o, d, D, numel (eta));
  if (numel (eta) == 1 && K > 1)
    eta = repmat (eta, 1, K);
  end

  data = struct ('X', X, 'y', y, 'target', target, 'depth', D, 'batch', b, ...
                 'replacement', double (rep), 'seed', seed, 'tol', tol);
  prob.objective = 'diagonal';
  prob.data = data;
  prob.d = d;  prob.p = 2;
  prob.crit = @(E) sum ((X * (E(:,1) .^ D - E(:,2) .^ D) - y) .^ 2) / (2 * n);
  prob.cost = 4 * b * d + 10 * d;
  prob.test = @(val) ld_test_data (fn, val, d, D);
  prob.alias = '';
  prob.advice = @() ld_advice (X, D);
  prob.own = own;
  prob.measures = {'l1', 'l2', 'err', 'support'};
  cfg = struct ('D', D, 'has_target', ~ isempty (target), 'path', path, 'snap', snap, ...
                'nsv', nsv, 'nuclear', nuclear, 'erank', erank, 'alphas', alphas, ...
                'init_info', any (strcmpi ('init_info', rest(1:2:end))));
  cfg.kept = ld_kept (kept);
  prob.result = @(R) ld_present (R, cfg);
  % the driver records the chain [u, v]: its own norms are replaced by w's (ld_present)
  snap_uv = snap || ~ isempty (path);
  rest = [rest, {'sv', 0, 'nuclear', false, 'effective_rank', false, 'snapshots', snap_uv}];
  R = ld_run_driver (fn, prob, eta, iters, W0, rest);
end

function [W0, alphas, K] = ld_diagonal_starts (fn, o, d, D, Ke)
  % the starts of K trajectories as the driver takes them, and the alpha of each (NaN
  % for a given start)
  id = 'lindyn:gd_diagonal:init';
  if (~ isempty (o.init) && ~ isempty (o.alpha))
    error (id, 'gd_diagonal: give the start either as "alpha" or as "init", not both');
  end
  alphas = [];
  if (isstruct (o.init))
    R0 = o.init;
    if (~ (isfield (R0, 'made_by') && isfield (R0, 'factors') && isfield (R0, 'depth') ...
           && all (strcmp ({R0.made_by}, fn))))
      error (id, 'gd_diagonal: a result to continue from must be one of gd_diagonal');
    end
    if (any ([R0.depth] ~= D))
      error (id, 'gd_diagonal: the result was of depth %d; continue it with "depth", %d', ...
             R0(1).depth, R0(1).depth);
    end
    W0 = R0;  K = max (numel (R0), Ke);
    alphas = NaN (1, K);
    return;
  end
  if (isempty (o.init))
    a = 0.1;
    if (~ isempty (o.alpha))
      a = ld_matrix (fn, 'alpha', o.alpha, 'vector', 'finite', 'positive');
    end
    pairs = arrayfun (@(x) {x, x}, a(:)', 'UniformOutput', false);
    alphas = a(:)';
  elseif (iscell (o.init) && numel (o.init) == 2 && ~ iscell (o.init{1}))
    pairs = {o.init};
  elseif (iscell (o.init) && ~ isempty (o.init) && all (cellfun (@iscell, o.init(:)')))
    pairs = o.init(:)';
  else
    error (id, ['gd_diagonal: init must be {u0, v0}, a cell of such pairs or a result ', ...
                'of gd_diagonal']);
  end
  K = numel (pairs);
  if (K > 1 && Ke > 1 && K ~= Ke)
    error (id, 'gd_diagonal: %d starts need 1 or %d step sizes, got %d', K, K, Ke);
  end
  if (isempty (alphas)), alphas = NaN (1, K);  end
  W0 = cell (1, K);
  for k = 1:K
    pr = pairs{k};
    if (~ (iscell (pr) && numel (pr) == 2))
      error (id, 'gd_diagonal: init{%d} must be a pair {u0, v0}', k);
    end
    u0 = ld_start (fn, pr{1}, d, 'u0');  v0 = ld_start (fn, pr{2}, d, 'v0');
    W0{k} = {[u0, v0]};
  end
  if (K == 1)
    W0 = W0{1};
  end
  K = max (K, Ke);
end

function x = ld_start (fn, x, d, what)
  x = ld_matrix (fn, 'init', x, 'finite', 'vector', 'positive');
  if (numel (x) == 1)
    x = repmat (x, d, 1);
  elseif (numel (x) ~= d)
    error ('lindyn:gd_diagonal:init', 'gd_diagonal: %s must be a scalar or have %d entries', what, d);
  end
  x = x(:);
end

function T = ld_test_data (fn, val, d, D)
  % held-out data {X_test, y_test}: their loss 1/(2 n_test) |X_test w - y_test|^2
  id = sprintf ('lindyn:%s:test', fn);
  if (~ (iscell (val) && numel (val) == 2))
    error (id, '%s: test must be a cell {X_test, y_test} of held-out data', fn);
  end
  Xt = ld_matrix (fn, 'test', val{1}, 'finite');
  if (size (Xt, 2) ~= d || size (Xt, 1) < 1)
    error (id, '%s: test{1} (X_test) must have %d columns and at least one row', fn, d);
  end
  yt = ld_matrix (fn, 'test', val{2}, 'finite', 'vector');
  if (numel (yt) ~= size (Xt, 1))
    error (id, '%s: test{2} (y_test) must have %d entries', fn, size (Xt, 1));
  end
  data = struct ('X', Xt, 'y', yt(:), 'target', zeros (0, 1), 'depth', D, 'batch', size (Xt, 1), ...
                 'replacement', 0, 'seed', 0, 'tol', 0);
  T.evals = struct ('objective', 'diagonal', 'data', data);
  T.const = [];
  T.size = numel (Xt) + numel (yt);
end

function s = ld_advice (X, D)
  % the divergence warning's advice (called only when a run diverged): the curvature at
  % the start, 2 D^2 alpha^(2D-2) lambda_max, and the sharpness records
  lmax = norm (X) ^ 2 / size (X, 1);
  s = sprintf (['near u = v = alpha the stable steps are eta < 1/(D^2 alpha^(2D-2) ', ...
                'lambda_max (X''*X/n)), lambda_max = %.3g here (D = %d); option ', ...
                '"sharpness" records the curvature (stable: eta < 2/sharpness) along the run'], ...
               lmax, D);
end

function kept = ld_kept (kept)
  % the options as given, big numeric values replaced by their size (as ld_run_info)
  for k = 2:2:numel (kept)
    v = kept{k};
    if (isnumeric (v) && numel (v) > 100)
      kept{k} = sprintf ('[%s %s]', strjoin (arrayfun (@num2str, size (v), ...
                                                         'UniformOutput', false), 'x'), class (v));
    elseif (iscell (v) && numel (v) > 0 && any (cellfun (@(c) isnumeric (c) && numel (c) > 100, v)))
      kept{k} = sprintf ('{%s cell}', strjoin (arrayfun (@num2str, size (v), ...
                                                          'UniformOutput', false), 'x'));
    end
  end
  kept = kept(:)';
end

function R = ld_present (R, c)
  % the result for the predictor w = u.^D - v.^D: W = w, the engine's norms of w, the
  % snapshots and path distances of w, and u, v, w
  for k = 1:numel (R)
    F = R(k).factors{1};
    u = F(:,1);  v = F(:,2);  w = u .^ c.D - v .^ c.D;
    R(k).W = w;  R(k).u = u;  R(k).v = v;  R(k).w = w;
    l2 = R(k).l2;
    R(k).fro2 = l2 .^ 2;
    R(k).nuclear = [];  R(k).erank = [];
    if (c.nuclear), R(k).nuclear = l2;  end
    if (c.erank), R(k).erank = double (l2 > 0);  end
    R(k).sv = repmat (l2, c.nsv, 1);
    if (isfield (R, 'snapshots'))
      S = R(k).snapshots;
      if (isempty (S)), S = zeros (size (F, 1), 2, 0);  end
      Ws = S(:,1,:) .^ c.D - S(:,2,:) .^ c.D;
      if (~ isempty (c.path))
        P = size (c.path, 3);
        R(k).path_err = zeros (P, size (Ws, 3));
        for j = 1:P
          R(k).path_err(j,:) = reshape (sqrt (sum ((Ws - c.path(:,:,j)) .^ 2, 1)), 1, []);
        end
        R(k).path_norm = reshape (sqrt (sum (c.path .^ 2, 1)), 1, []);
      end
      R(k).snapshots = Ws;
    end
    R(k).depth = c.D;
    R(k).options = c.kept;
    if (~ c.init_info && ~ isnan (c.alphas(min (k, numel (c.alphas)))))
      R(k).init_info = struct ('source', 'alpha', 'alpha', c.alphas(min (k, numel (c.alphas))));
    end
  end
  drop = {};
  if (~ c.has_target), drop{end+1} = 'err';  end
  if (~ c.snap && isfield (R, 'snapshots')), drop{end+1} = 'snapshots';  end
  R = rmfield (R, drop);
  % the engine's order, the network's records after the engine's, u, v, w after W
  names = fieldnames (R);
  first = {'t', 'loss', 'test_loss', 'fro2', 'nuclear', 'erank', 'sv', 'err', 'path_err', ...
           'path_norm', 'snapshots', 'balance', 'sharpness', 'l1', 'l2', 'support', 'W', ...
           'u', 'v', 'w', 'factors'};
  first = first(ismember (first, names));
  R = orderfields (R, [first, setdiff(names, first, 'stable')']);
end

%!function [u, v, L] = plain_loop (X, y, u, v, eta, iters, D)
%!  % gradient descent on w = u.^D - v.^D, loss 1/(2n)|Xw - y|^2, in plain Octave
%!  n = size (X, 1);  L = zeros (1, iters + 1);
%!  for k = 0:iters
%!    w = u .^ D - v .^ D;  r = X * w - y;  L(k+1) = r' * r / (2 * n);
%!    if (k == iters), break;  end
%!    g = X' * r / n;
%!    un = u - eta * D * u .^ (D - 1) .* g;  v = v + eta * D * v .^ (D - 1) .* g;  u = un;
%!  end
%!endfunction

%!shared X, y, ws
%! randn ('state', 3);  rand ('state', 3);
%! X = randn (8, 12);  ws = zeros (12, 1);  ws([2 7]) = [1 -0.5];  y = X * ws;

%!test
%! % against the plain loop, depths 2 and 3, from alpha and from an unequal start: 300
%! % steps of O(1) sums, rounding ~1e-15 relative per step, far below 1e-12
%! for D = [2 3]
%!   u0 = 0.3 + rand (12, 1) / 2;  v0 = 0.3 + rand (12, 1) / 2;
%!   R = gd_diagonal (X, y, 0.02, 300, 'depth', D, 'init', {u0, v0}, 'record', 0:300);
%!   [u, v, L] = plain_loop (X, y, u0, v0, 0.02, 300, D);
%!   assert (R.u, u, 1e-12 * norm (u));  assert (R.v, v, 1e-12 * norm (v));
%!   assert (R.W, u .^ D - v .^ D, 1e-12);  assert (R.w, R.W);
%!   assert (R.factors, {[R.u, R.v]});  assert (R.depth, D);
%!   assert (R.loss, L, 1e-12 * max (L));
%!   assert (R.l1(end), norm (R.w, 1), 1e-13);  assert (R.l2(end), norm (R.w), 1e-13);
%!   assert (R.fro2, R.l2 .^ 2, 1e-13);  assert (R.sv, R.l2);  assert (R.nuclear, R.l2);
%! end

%!test
%! % alpha sweep in one call equals the single runs; the target error and the support
%! R = gd_diagonal (X, y, 0.05, 200, 'alpha', [0.5 0.05], 'target', ws, 'support_tol', 0.1);
%! A = gd_diagonal (X, y, 0.05, 200, 'alpha', 0.05, 'target', ws, 'support_tol', 0.1);
%! assert (size (R), [1 2]);  assert (R(2).w, A.w);  assert (R(2).err, A.err);
%! assert (R(1).init_info, struct ('source', 'alpha', 'alpha', 0.5));
%! assert (A.err(end), norm (A.w - ws), 1e-13);
%! assert (A.support(end), sum (abs (A.w) > 0.1 * max (abs (A.w))));
%! assert (isfield (gd_diagonal (X, y, 0.05, 5), 'err'), false);

%!test
%! % continuation: 120 + 80 steps are the 200 steps, bit for bit, momentum's state too;
%! % held-out loss by its formula
%! Xt = randn (5, 12);  yt = Xt * ws;
%! o = {'method', 'momentum', 'alpha', 0.2, 'test', {Xt, yt}};
%! R = gd_diagonal (X, y, 0.02, 200, o{:});
%! R1 = gd_diagonal (X, y, 0.02, 120, o{:});
%! R2 = gd_diagonal (X, y, 0.02, 80, 'init', R1, 'method', 'momentum', 'test', {Xt, yt});
%! assert (isequal (R2.factors, R.factors));  assert (R2.iters, 200);
%! assert (R.test_loss(end), sum ((Xt * R.w - yt) .^ 2) / 10, 1e-14);

%!test
%! % the sharpness: the Hessian of the loss in (u, v) by central differences of the
%! % gradient (O(h^2) truncation, eps/h rounding: ~1e-9 relative)
%! D = 3;  n = 8;
%! R = gd_diagonal (X, y, 0.01, 10, 'depth', D, 'alpha', 0.7, 'sharpness', true, 'record', 10);
%! grad = @(z) [D * z(1:12) .^ (D-1) .* (X' * (X * (z(1:12) .^ D - z(13:24) .^ D) - y) / n); ...
%!              -D * z(13:24) .^ (D-1) .* (X' * (X * (z(1:12) .^ D - z(13:24) .^ D) - y) / n)];
%! z = [R.u; R.v];  h = 1e-5;  H = zeros (24);
%! for j = 1:24
%!   e = zeros (24, 1);  e(j) = h;  H(:,j) = (grad (z + e) - grad (z - e)) / (2 * h);
%! end
%! assert (R.sharpness, max (eig ((H + H') / 2)), 1e-7 * R.sharpness);

%!warning <near u = v = alpha the stable steps are> gd_diagonal ([1 0; 0 1; 1 1], [1; 2; 3], 5, 100, 'alpha', 1);
%!error id=lindyn:gd_diagonal:X gd_diagonal ({1}, 1, 0.1, 10)
%!error id=lindyn:gd_diagonal:y gd_diagonal (ones (3, 2), ones (2, 1), 0.1, 10)
%!error id=lindyn:gd_diagonal:eta gd_diagonal (ones (3, 2), ones (3, 1), -1, 10)
%!error id=lindyn:gd_diagonal:iters gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 1.5)
%!error id=lindyn:gd_diagonal:depth gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'depth', 0)
%!error id=lindyn:gd_diagonal:depth gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'depth', 65)
%!error id=lindyn:gd_diagonal:alpha gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'alpha', 0)
%!error id=lindyn:gd_diagonal:init gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'init', {1, -1})
%!error id=lindyn:gd_diagonal:init gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'init', {1, ones(3, 1)})
%!error id=lindyn:gd_diagonal:init gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'init', {1, 1}, 'alpha', 1)
%!error id=lindyn:gd_diagonal:init gd_diagonal (ones (3, 2), ones (3, 1), [0.1 0.2 0.3], 10, 'alpha', [1 2])
%!error id=lindyn:gd_diagonal:init gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'init', struct ('a', 1))
%!error id=lindyn:gd_diagonal:init gd_diagonal (1, 1, 0.1, 10, 'init', gd_deep (1, 1, 0.1, 2, {1}))
%!error id=lindyn:gd_diagonal:batch gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'batch', 4)
%!error id=lindyn:gd_diagonal:seed gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'seed', -1)
%!error id=lindyn:gd_diagonal:replacement gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'replacement', 'x')
%!error id=lindyn:gd_diagonal:target gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'target', [1 2 3])
%!error id=lindyn:gd_diagonal:support_tol gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'support_tol', -1)
%!error id=lindyn:gd_diagonal:path gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'path', ones (3, 1))
%!error id=lindyn:gd_diagonal:test gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'test', {ones(2, 3), ones(2, 1)})
%!error id=lindyn:gd_diagonal:option gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'bogus', 1)
%!error id=lindyn:gd_diagonal:option gd_diagonal (ones (3, 2), ones (3, 1), 0.1, 10, 'depth')
%!error <Invalid call> gd_diagonal (1, 1, 0.1)
