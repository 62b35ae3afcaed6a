% test_engine.m -- the one trajectory engine: every trajectory function with every update
% rule and every option (the whole matrix), one result struct, one divergence convention,
% sweeps equal to single runs, continuation bit for bit, checkpoints, stopping rules, and
% the documented effect of each numeric option checked quantitatively.

%!function P = problems ()
%!  % one small problem per trajectory function: the positional arguments before W0, a
%!  % two-layer start, a held-out "test" value and a "target"
%!  randn ('state', 11);  rand ('state', 11);
%!  d = 5;  p = 3;  n = 40;
%!  X = randn (n, d);  Y = X * randn (d, p) / 2 + 0.1 * randn (n, p);
%!  Xt = randn (30, d);  Yt = Xt * randn (d, p) / 2;
%!  [Sx, Sxy] = second_moments (X, Y);  [St, Sty] = second_moments (Xt, Yt);
%!  M = randn (6, 2) * randn (2, 4) / 2;  mask = rand (6, 4) < 0.6;
%!  A = randn (25, 12);  At = randn (10, 12);  Wt = randn (4, 1) * randn (1, 3);
%!  W2 = {randn(d, 4) / 4, randn(4, p) / 4};
%!  P = struct ('fn', {'gd_deep', 'gd_linear', 'sgd_deep', 'gd_completion', 'gd_sensing'}, ...
%!              'args', {{Sx, Sxy}, {Sx, Sxy}, {X, Y}, {M, mask}, {A, A * Wt(:)}}, ...
%!              'W0', {W2, {randn(d, p) / 4}, W2, {randn(6, 3) / 3, randn(3, 4) / 3}, ...
%!                     {randn(4, 2) / 3, randn(2, 3) / 3}}, ...
%!              'test', {{St, Sty}, {St, Sty, 1}, {Xt, Yt}, ~ mask, {At, At * Wt(:)}}, ...
%!              'target', {zeros(d, p), zeros(d, p), zeros(d, p), M, Wt}, ...
%!              'eta', {0.05, 0.1, 0.05, 0.3, 0.02});
%!  % gd_diagonal: 12 samples in 9 dimensions, start {u0, v0}, a 2-sparse target; its
%!  % end-to-end W is the predictor w (9-by-1)
%!  Xd = randn (12, 9);  wd = zeros (9, 1);  wd([2 6]) = [1 -1];  Xdt = randn (6, 9);
%!  P(6) = struct ('fn', 'gd_diagonal', 'args', {{Xd, Xd * wd}}, ...
%!                 'W0', {{0.3 + rand(9, 1) / 3, 0.3 + rand(9, 1) / 3}}, ...
%!                 'test', {{Xdt, Xdt * wd}}, 'target', wd, 'eta', 0.05);
%!endfunction

%!function R = call (P, eta, iters, W0, varargin)
%!  % one call of P's function; gd_linear and gd_diagonal take their start as option "init"
%!  f = str2func (P.fn);
%!  if (strcmp (P.fn, 'gd_diagonal'))
%!    R = f (P.args{:}, eta, iters, 'init', W0, varargin{:});
%!  elseif (strcmp (P.fn, 'gd_linear'))
%!    if (iscell (W0) && iscell (W0{1})), W0 = cat (3, W0{1}{1}, W0{2}{1});
%!    elseif (iscell (W0)), W0 = W0{1};  end
%!    R = f (P.args{:}, eta, iters, 'init', W0, varargin{:});
%!  else
%!    R = f (P.args{:}, eta, iters, W0, varargin{:});
%!  end
%!endfunction

%!function F = unvec (v, sz)
%!  F = cell (1, numel (sz));  o = 0;
%!  for l = 1:numel (sz)
%!    F{l} = reshape (v(o+1:o+prod (sz{l})), sz{l});  o = o + prod (sz{l});
%!  end
%!endfunction

%!function l = loss_of (Q, F)
%!  % the recorded loss of each function at the factors F, from its data
%!  W = F{1};  for k = 2:numel (F), W = W * F{k};  end
%!  switch (Q.fn)
%!    case {'gd_deep', 'gd_linear'}
%!      l = 0.5 * sum (sum (W .* (Q.args{1} * W))) - sum (sum (W .* Q.args{2}));
%!    case 'sgd_deep'
%!      l = norm (Q.args{2} - Q.args{1} * W, 'fro')^2 / (2 * rows (Q.args{1}));
%!    case 'gd_completion'
%!      M = Q.args{1};  m = Q.args{2};  l = 0.5 * mean ((W(m) - M(m)) .^ 2);
%!    case 'gd_sensing'
%!      l = 0.5 * mean ((Q.args{1} * W(:) - Q.args{2}) .^ 2);
%!    case 'gd_diagonal'                  % the chain is [u, v]; depth 2
%!      X = Q.args{1};  l = sum ((X * (W(:,1) .^ 2 - W(:,2) .^ 2) - Q.args{2}) .^ 2) / (2 * rows (X));
%!  end
%!endfunction

%!function unlink_if (f)
%!  if (exist (f, 'file')), delete (f);  end
%!endfunction

%!test
%! % the matrix: every function x every method x every option.  Each run records, with
%! % every measure, a held-out loss, a target, a path, balance, snapshots, init_info and a
%! % checkpoint; the fields are the one result struct; a continued run equals one run bit
%! % for bit (update state included); the checkpoint and lindyn_last hold the result; a
%! % two-member sweep equals the two runs alone.
%! P = problems ();
%! fields = {'t', 'loss', 'test_loss', 'fro2', 'nuclear', 'erank', 'sv', 'err', 'path_err', ...
%!           'path_norm', 'snapshots', 'balance', 'W', 'factors', 'state', 'method', 'eta', ...
%!           'iters', 'diverged', 'diverged_at', 'stopped_by', 'interrupted', 'made_by', ...
%!           'options', 'depth', 'widths', 'init_info', 'version', 'date'};
%! f = [tempname() '.mat'];  c = onCleanup (@() unlink_if (f));
%! for i = 1:numel (P)
%!   Q = P(i);  [d, p] = size (Q.target);
%!   for method = {'gd', 'momentum', 'adam'}
%!     o = {'method', method{1}, 'beta', 0.5, 'record', [0 3 10 30], 'sv', 2, ...
%!          'test', Q.test, 'target', Q.target, 'path', cat(3, Q.target, 2 * Q.target), ...
%!          'balance', true, 'snapshots', true, 'init_info', struct('k', i), ...
%!          'checkpoint', f, 'checkpoint_every', 0, 'verbose', false};
%!     R = call (Q, Q.eta, 30, Q.W0, o{:});
%!     missing = setdiff (fields, fieldnames (R));
%!     assert (isempty (missing), sprintf ('%s %s: no field %s', Q.fn, method{1}, strjoin (missing)));
%!     assert (R.t, [0 3 10 30]);  assert (R.method, method{1});  assert (R.made_by, Q.fn);
%!     assert (size (R.sv), [min(2, min (d, p)) 4]);  assert (size (R.path_err), [2 4]);
%!     assert (size (R.balance), [numel(R.factors) - 1, 4]);
%!     assert (size (R.snapshots), [d p 4]);  assert (numel (R.test_loss), 4);
%!     assert (R.stopped_by, 'iters');  assert (R.iters, 30);  assert (! R.interrupted);
%!     assert (R.init_info.k, i);
%!     % the records of the last snapshot: loss, target error, path distances
%!     E = R.snapshots(:,:,end);
%!     assert (R.err(end), norm (E - Q.target, 'fro'), 1e-12 * max (1, R.err(end)));
%!     assert (R.path_err(2,end), norm (E - 2 * Q.target, 'fro'), 1e-12 * max (1, R.err(end)));
%!     assert (R.fro2(end), norm (E, 'fro')^2, 1e-12 * max (1, R.fro2(end)));
%!     S = load (f);  assert (S.R, R);
%!     assert (lindyn_last (), R);
%!     % continuation: 12 + 18 steps are the 30 steps, update state and all
%!     R1 = call (Q, Q.eta, 12, Q.W0, o{:}, 'record', [0 12]);
%!     R2 = call (Q, Q.eta, 18, R1, o{:}, 'record', [0 18]);
%!     assert (isequal (R2.factors, R.factors), sprintf ('%s %s: continuation', Q.fn, method{1}));
%!     assert (isequal (R2.state, R.state));  assert (R2.iters, 30);
%!     assert (R2.t, [12 30]);  assert (R2.loss(2), R.loss(4), 0);
%!     assert (R2.test_loss(2), R.test_loss(4), 0);
%!     % a sweep of two step sizes and two starts equals the runs alone
%!     W0b = cellfun (@(w) 0.5 * w, Q.W0, 'UniformOutput', false);
%!     K = call (Q, [Q.eta, Q.eta / 2], 30, {Q.W0, W0b}, o{1:end-4});
%!     A = call (Q, Q.eta, 30, Q.W0, o{1:end-4});  B = call (Q, Q.eta / 2, 30, W0b, o{1:end-4});
%!     strip = @(R) rmfield (R, 'date');
%!     assert (strip (K(1)), strip (A));  assert (strip (K(2)), strip (B));
%!   end
%!   % sharpness, for every objective: the records against the top eigenvalue of the
%!   % Hessian of the recorded loss in all factor entries, by central second differences
%!   % of that loss written here from the data (independent of the C core)
%!   R = call (Q, Q.eta, 20, Q.W0, 'sharpness', true, 'record', [0 7 20], 'snapshots', true);
%!   assert (size (R.sharpness), [1 3]);
%!   F = R.factors;  sz = cellfun (@size, F, 'UniformOutput', false);
%!   v = cell2mat (cellfun (@(w) w(:), F(:), 'UniformOutput', false));
%!   fl = @(v) loss_of (Q, unvec (v, sz));
%!   n = numel (v);  H = zeros (n);  h = 1e-4;
%!   for a = 1:n
%!     for b = a:n
%!       ea = zeros (n, 1);  ea(a) = h;  eb = zeros (n, 1);  eb(b) = h;
%!       H(a,b) = (fl (v + ea + eb) - fl (v + ea - eb) - fl (v - ea + eb) + fl (v - ea - eb)) / (4 * h^2);
%!       H(b,a) = H(a,b);
%!     end
%!   end
%!   % truncation h^2 |f''''| ~ 1e-8 and rounding eps |f| / h^2 ~ 1e-8 per entry: the top
%!   % eigenvalue agrees to ~1e-6 relative
%!   assert (R.sharpness(end), max (eig (H)), 1e-5 * max (1, max (eig (H))));
%! end

%!test
%! % the same run gives the same answer: momentum with beta = 0 is gradient descent
%! % (the generic chain against the fused step), iterates to rounding, the same iters,
%! % diverged_at and records, converging and diverging; alone and in a sweep
%! warning ('off', 'lindyn:gd:diverged', 'local');
%! R = gd_deep (4, 1, 1, 100, {0.1});
%! M = gd_deep (4, 1, 1, 100, {0.1}, 'method', 'momentum', 'beta', 0);
%! assert (R.iters, 14);  assert (R.diverged_at, 14);  assert (R.stopped_by, 'diverged');
%! assert ([M.iters M.diverged_at], [R.iters R.diverged_at]);
%! % w_t = 0.25 (1 - (-3)^t) + 0.1 (-3)^t: iterate 14, not stepped from
%! assert (R.W, 0.25 - 0.15 * 3^14, 1e-15 * 3^14);  assert (M.W, R.W, 1e-15 * abs (R.W));
%! assert (R.t, M.t);  assert (R.loss, M.loss, 1e-15 * max (R.loss));
%! P = problems ();  Q = P(1);
%! for eta = [0.05, 40]
%!   G = gd_deep (Q.args{:}, eta, 300, Q.W0, 'record', 0:300);
%!   H = gd_deep (Q.args{:}, eta, 300, Q.W0, 'record', 0:300, 'method', 'momentum', 'beta', 0);
%!   for l = 1:2
%!     assert (norm (G.factors{l} - H.factors{l}, 'fro') <= 1e-14 * norm (G.factors{l}, 'fro'));
%!   end
%!   assert ([G.iters G.diverged G.diverged_at], [H.iters H.diverged H.diverged_at]);
%!   assert (G.t, H.t);  assert (G.loss, H.loss, 1e-14 * max (G.loss));
%!   % in a sweep with other step sizes, record for record
%!   S = gd_deep (Q.args{:}, [0.01 eta 60], 300, Q.W0, 'record', 0:300);
%!   assert (rmfield (S(2), 'date'), rmfield (G, 'date'));
%! end

%!test
%! % stopping rules: each ends the run at the first record where it holds, with that
%! % iterate's factors; in a sweep each trajectory stops on its own
%! P = problems ();  Q = P(1);
%! U = gd_deep (Q.args{:}, 0.05, 3000, Q.W0, 'record', 0:20:3000, 'test', Q.test);
%! tol = U.loss(40);  j = find (U.loss <= tol, 1);
%! R = gd_deep (Q.args{:}, 0.05, 3000, Q.W0, 'record', 0:20:3000, 'stop_loss', tol);
%! assert (R.stopped_by, 'loss');  assert (R.iters, U.t(j));  assert (R.loss, U.loss(1:j));
%! C = gd_deep (Q.args{:}, 0.05, U.t(j), Q.W0, 'record', 0:20:U.t(j));
%! assert (isequal (R.factors, C.factors));
%! rel = abs (U.loss(6:end) - U.loss(1:end-5)) ./ abs (U.loss(1:end-5));
%! j = find (rel <= 1e-2, 1) + 5;
%! R = gd_deep (Q.args{:}, 0.05, 3000, Q.W0, 'record', 0:20:3000, 'stop_change', 1e-2, ...
%!              'stop_window', 5);
%! assert (R.stopped_by, 'change');  assert (R.iters, U.t(j));
%! best = Inf;  since = 0;
%! for j = 1:numel (U.test_loss)
%!   if (U.test_loss(j) < best), best = U.test_loss(j);  since = 0;  else, since = since + 1;  end
%!   if (since >= 3), break;  end
%! end
%! R = gd_deep (Q.args{:}, 0.05, 3000, Q.W0, 'record', 0:20:3000, 'test', Q.test, 'patience', 3);
%! if (since >= 3)
%!   assert (R.stopped_by, 'patience');  assert (R.iters, U.t(j));
%! else
%!   assert (R.stopped_by, 'iters');
%! end
%! % a sweep: the larger step reaches the tolerance first and stops alone
%! S = gd_deep (Q.args{:}, [0.05 0.02], 3000, Q.W0, 'record', 0:20:3000, 'stop_loss', tol);
%! assert (S(1).iters, gd_deep (Q.args{:}, 0.05, 3000, Q.W0, 'record', 0:20:3000, ...
%!                               'stop_loss', tol).iters);
%! assert (S(2).iters > S(1).iters);
%! % the other functions stop the same way
%! for i = 3:6
%!   Q = P(i);
%!   U = call (Q, Q.eta, 400, Q.W0, 'record', 0:10:400);
%!   tol = U.loss(20);
%!   R = call (Q, Q.eta, 400, Q.W0, 'record', 0:10:400, 'stop_loss', tol);
%!   assert (R.stopped_by, 'loss');  assert (R.loss(end) <= tol);  assert (all (R.loss(1:end-1) > tol));
%! end

%!error id=lindyn:gd_deep:patience gd_deep (1, 1, 0.1, 10, {1}, 'patience', 3)
%!error id=lindyn:gd_deep:stop_window gd_deep (1, 1, 0.1, 10, {1}, 'stop_window', 3)
%!error id=lindyn:gd_deep:stop_loss gd_deep (1, 1, 0.1, 10, {1}, 'stop_loss', -1)
%!error id=lindyn:sgd_deep:W0 sgd_deep (ones (4, 1), ones (4, 1), 0.1, 10, {ones(1, 1, 2)})
%!error <W0\{2\} must be a matrix \(got a 1x1x2 array\)> gd_deep (1, 1, 0.1, 10, {1, ones(1, 1, 2)})
%!error <unknown option "bogus" \(known: .*batch.*stop_loss> sgd_deep (ones (4, 1), ones (4, 1), 0.1, 10, {1}, 'bogus', 1)

%!test
%! % a result of momentum continues only with momentum
%! R = gd_deep (eye (2), eye (2), 0.1, 5, {eye(2), eye(2)}, 'method', 'momentum');
%! try
%!   gd_deep (eye (2), eye (2), 0.1, 5, R, 'method', 'adam');
%!   error ('no error');
%! catch err
%!   assert (err.identifier, 'lindyn:gd_deep:W0');
%!   assert (! isempty (strfind (err.message, 'same method')));
%! end

%!test
%! % each numeric option's documented effect, measured: an option ignored or mis-scaled
%! % fails here
%! randn ('state', 4);
%! n = 30;  X = randn (n, 3);  B = randn (3, 2);  Y = X * B;
%! % label noise s: at the interpolating minimiser the clean gradient is 0, so one step of
%! % eta moves W by eta X'(s Z)/n (the chain rule makes it linear in s); the same seed draws
%! % the same Z, so noise 2s moves it exactly twice as far
%! W0 = {B};
%! a = sgd_deep (X, Y, 0.1, 1, W0, 'label_noise', 0.3, 'seed', 5);
%! b = sgd_deep (X, Y, 0.1, 1, W0, 'label_noise', 0.6, 'seed', 5);
%! z = sgd_deep (X, Y, 0.1, 1, W0, 'label_noise', 0, 'seed', 5);
%! assert (norm (z.W - B, 'fro') <= 1e-14);
%! assert (b.W - B, 2 * (a.W - B), 1e-14);  assert (norm (a.W - B, 'fro') > 1e-3);
%! % batch size b: with X = I one step of eta = 1 from 0 sets exactly b entries
%! for bs = [1 4 12]
%!   R = sgd_deep (eye (12), (1:12)', 1, 1, {zeros(12, 1)}, 'batch', bs, 'seed', 2);
%!   assert (nnz (R.W), bs);
%! end
%! % momentum beta: two steps from a point with gradient g give W - eta g - eta (beta g +
%! % g'), g' the gradient at the first step; for L = 1 and Sx = I this is exact
%! g = @(W) W - [1; 2];
%! for beta = [0 0.3 0.9]
%!   R = gd_linear (eye (2), [1; 2], 0.1, 2, 'init', [0; 0], 'method', 'momentum', 'beta', beta);
%!   W1 = [0; 0] - 0.1 * g ([0; 0]);  ref = W1 - 0.1 * (beta * g ([0; 0]) + g (W1));
%!   assert (R.W, ref, 1e-15);
%! end
%! % Adam's epsilon: one step from W0 moves each entry by eta g / (|g| + epsilon) exactly
%! for ep = [1e-8 0.5 2]
%!   R = gd_linear (eye (2), [1; 2], 0.1, 1, 'init', [0; 0], 'method', 'adam', 'epsilon', ep);
%!   gg = g ([0; 0]);  assert (R.W, -0.1 * gg ./ (abs (gg) + ep), 1e-15);
%! end
%! % the stopping tolerances: checked in their own test above (a rule ignored would run all
%! % iterations, one mis-scaled would stop at another record)

%!test
%! % completion's held-out mask, sensing's held-out measurements and the diagonal
%! % networks' held-out samples: the held-out loss of the final W against a direct
%! % computation
%! P = problems ();
%! Q = P(4);  R = call (Q, Q.eta, 50, Q.W0, 'test', Q.test);  E = R.W;  M = Q.args{1};
%! assert (R.test_loss(end), 0.5 * mean ((E(Q.test) - M(Q.test)) .^ 2), 1e-13 * R.test_loss(end));
%! Q = P(5);  R = call (Q, Q.eta, 50, Q.W0, 'test', Q.test);  E = R.W;
%! assert (R.test_loss(end), 0.5 * mean ((Q.test{1} * E(:) - Q.test{2}) .^ 2), ...
%!         1e-13 * R.test_loss(end));
%! Q = P(3);  R = call (Q, Q.eta, 50, Q.W0, 'test', Q.test);  E = R.W;
%! Xt = Q.test{1};  Yt = Q.test{2};
%! assert (R.test_loss_plain(end), norm (Yt - Xt * E, 'fro')^2 / (2 * rows (Xt)), ...
%!         1e-12 * R.test_loss_plain(end));
%! Q = P(6);  R = call (Q, Q.eta, 50, Q.W0, 'test', Q.test);  E = R.W;
%! assert (R.test_loss(end), norm (Q.test{2} - Q.test{1} * E)^2 / (2 * rows (Q.test{1})), ...
%!         1e-13 * R.test_loss(end));

%!test
%! % a continued run may change its stopping rules (their state starts afresh) and its
%! % records; the result says every option given, the function's own ones included
%! P = problems ();  Q = P(3);
%! o = {'batch', 8, 'seed', 2, 'record', [0 20]};
%! R1 = sgd_deep (Q.args{:}, 0.05, 20, Q.W0, o{:}, 'stop_change', 1e-9, 'stop_window', 2);
%! assert (R1.options(1:4), {'batch', 8, 'seed', 2});
%! R2 = sgd_deep (Q.args{:}, 0.05, 20, R1, o{:}, 'sharpness', true);
%! R3 = sgd_deep (Q.args{:}, 0.05, 40, Q.W0, o{:}, 'record', [0 40]);
%! assert (isequal (R2.factors, R3.factors));  assert (R2.stopped_by, 'iters');
%! Q = P(1);
%! R4 = gd_linear (Q.args{1:2}, 0.1, 5, 'init', gd_linear (Q.args{1:2}, 0.1, 5));
%! assert (R4.options{2}, '[a result after 5 iterations]');
