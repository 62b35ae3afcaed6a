function calls = fuzz_calls (name, P)
% calls = fuzz_calls (name, P) -- valid example calls of lindyn's functions, for the fuzzer.
%
% Each entry is {args, nout}: a call that must succeed, built from the random problem P
% of fuzz_pool so that sizes agree.  fuzz_case mutates one thing in such a call, which
% reaches the checks and code behind the first argument test far more often than a
% purely random list.  Functions without an entry are fuzzed with random and
% "plausible" lists only; add an entry when you add a function.  Entries for functions
% that do not exist in the tree are simply never used.  The calls follow the functions'
% documented signatures (see their help); keep them cheap (milliseconds).

  two = {P.W1, P.W2};                         % a two-layer network
  Wstar = pinv (P.Sx) * P.Sxy;
  w0 = P.init * ones (P.d, 1);
  k = min ([P.d, P.h, P.p]);                  % a balanced two-layer start
  bal = {1e-2 * eye(P.d, k) * eye(k, P.h), 1e-2 * eye(P.h, k) * eye(k, P.p)};
  switch (name)
    % ---- data --------------------------------------------------------------------
    case 'second_moments'
      calls = {{{P.X, P.Y}, 2}, {{P.X}, 1}, {{sparse(P.X), P.Y}, 2}, ...
               {{single(P.X), int16(round(P.Y))}, 2}};
    case '__lindyn_second_moments__'
      calls = {{{P.X, P.Y}, 2}, {{P.X, zeros(P.n, 0)}, 1}};
    case 'onehot'
      calls = {{{P.labels}, 2}, {{P.labels, 0:P.classes-1}, 1}};
    case 'autoencoder_data'
      calls = {{{P.n, P.d, P.r}, 3}, {{P.n, P.d, P.r, 'seed', 2}, 1}, ...
               {{P.n, P.d, P.r, 'noise', 0.01}, 1}};
    case 'read_idx'
      file = write_idx (P);
      calls = {{{file}, 1}, {{file, 'flatten', true}, 1}, {{file, 'count', 1}, 1}};
    % ---- gradient descent ----------------------------------------------------------
    case 'gd_linear'
      calls = {{{P.Sx, P.Sxy, P.eta, P.iters}, 1}, ...
               {{P.Sx, P.Sxy, P.eta, P.iters, 'init', P.W}, 1}, ...
               {{P.Sx, P.Sxy, P.eta, P.iters, 'record', P.record}, 1}};
    case 'gd_deep'
      calls = {{{P.Sx, P.Sxy, P.eta, P.iters, two}, 1}, ...
               {{P.Sx, P.Sxy, P.eta, P.iters, P.Ws, 'record', P.record}, 1}, ...
               {{P.Sx, P.Sxy, P.eta, P.iters, two, 'sv', 1, 'nuclear', false, ...
                 'snapshots', true}, 1}, ...
               {{P.Sx, P.Sxy, P.eta, P.iters, two, 'target', P.W, ...
                 'path', zeros(P.d, P.p, 2)}, 1}, ...
               {{P.Sx, P.Sxy, P.eta, P.iters, two, 'record', P.record, 'balance', true}, 1}, ...
               {{P.Sx, P.Sxy, P.eta, P.iters, two, 'record', P.record, 'sharpness', true}, 1}, ...
               {{P.Sx, P.Sxy, P.eta, P.iters, two, 'test', {P.Sx, P.Sxy, 1}, ...
                 'init_info', struct('seed', 1)}, 1}};
    case 'lindyn'
      calls = {{{}, 1}};
    case 'lindyn_last'
      calls = {{{}, 1}};
    case '__lindyn_config__'
      calls = {{{}, 2}};
    case 'gd_completion'
      mask = true (P.n, P.d);  mask(1) = false;
      if (numel (mask) == 1), mask(1) = true;  end
      cw = {1e-2 * randn(P.n, P.h), 1e-2 * randn(P.h, P.d)};
      calls = {{{P.X, mask, 0.1, P.iters, cw}, 1}, ...
               {{P.X, mask, [0.1 0.2], P.iters, cw, 'method', 'adam', 'record', P.record}, 1}, ...
               {{P.X, mask, 0.1, P.iters, {P.X}, 'method', 'momentum', 'beta', 0.5, ...
                 'effective_rank', false, 'target', []}, 1}};
    case 'gd_sensing'
      calls = {{{randn(P.n, P.d * P.p), randn(P.n, 1), 0.01, P.iters, {P.W1, P.W2}}, 1}, ...
               {{randn(P.n, P.d * P.p), randn(P.n, 1), 0.01, P.iters, {P.W}, ...
                 'method', 'momentum', 'target', P.W}, 1}};
    case 'sgd_deep'
      calls = {{{P.X, P.Y, P.eta, P.iters, two}, 1}, ...
               {{P.X, P.Y, P.eta, P.iters, two, 'batch', fuzz_int(1, P.n), 'seed', P.seed, ...
                 'label_noise', 0.1}, 1}, ...
               {{uint8(abs(round(10 * P.X))), P.Y, 1e-4, P.iters, {P.W}, 'batch', 1, ...
                 'replacement', true, 'method', 'adam'}, 1}};
    case 'nuclear_completion'
      mask = true (P.n, P.d);  mask(1) = false;
      if (numel (mask) == 1), mask(1) = true;  end
      calls = {{{P.X, mask, 'tol', 1e-4, 'maxit', 200}, 2}, {{P.X, true(P.n, P.d)}, 1}};
    case 'effective_rank'
      calls = {{{P.X}, 1}, {{P.sigma}, 1}};
    case '__lindyn_run__'
      mom = struct ('Sx', P.Sx, 'Sxy', P.Sxy, 'Wstar', Wstar);
      spec = struct ('objective', 'moments', 'data', mom, 'method', 'gd', 'hyper', struct (), ...
                     'eta', P.eta, 'iters', P.iters, 'at', P.record, 'measure', ...
                     struct ('nsv', 1, 'nuclear', true, 'erank', true, 'balance', true));
      adam = struct ('objective', 'batch', 'data', struct ('X', P.X, 'Y', P.Y, 'Sx', P.Sx, ...
                     'Wstar', Wstar, 'batch', 1, 'replacement', 1, 'noise', 0.1, 'seed', P.seed, ...
                     'transposed', 0), 'method', 'adam', 'hyper', struct ('beta1', 0.9, ...
                     'beta2', 0.999, 'epsilon', 1e-8), 'eta', [P.eta P.eta / 2], 't0', 3, ...
                     'iters', P.iters, 'at', P.record, 'threshold', 1e12, 'measure', ...
                     struct ('snapshots', true, 'path', zeros (P.d, P.p, 2), 'test', ...
                     struct ('objective', 'moments', 'data', mom)), ...
                     'stop', struct ('change', 1e-3, 'window', 3, 'patience', 2));
      comp = struct ('objective', 'completion', 'data', struct ('idx', (0:P.d*P.p-1)', ...
                     'vals', P.Sxy(:), 'threads', 1), 'method', 'momentum', 'hyper', ...
                     struct ('beta', 0.9), 'eta', 0.1, 'iters', P.iters, ...
                     'stop', struct ('loss', 1e-3));
      calls = {{{spec, struct('factors', {two})}, 1}, ...
               {{adam, struct('factors', {two, two})}, 1}, ...
               {{comp, struct('factors', {{P.W}})}, 1}};
    case '__lindyn_min_norm_ls__'
      calls = {{{P.Sx, P.Sxy}, 1}, {{zeros(P.d), P.Sxy}, 1}};
    case '__lindyn_gradient__'
      calls = {{{P.Sx, P.Sxy, two}, 3}, {{P.Sx, P.Sxy, P.Ws, Wstar}, 3}};
    case 'aligned_init'
      calls = {{{P.Sx, P.Sxy, P.h, 5}, 1}, {{P.Sx, P.Sxy, P.h, 5, eye(P.h)}, 2}, ...
               {{P.Sx, P.Sxy, [P.h P.h], 2, {eye(P.h), eye(P.h)}}, 2}};
    case 'random_init'
      calls = {{{[P.d P.h P.p], 1e-3}, 1}, {{[P.d P.h P.p], 1e-3, 'seed', 1}, 1}, ...
               {{[P.d P.h P.h P.p], 1e-2, 'scheme', 'orthogonal', 'per_factor', true}, 1}, ...
               {{[P.d P.h P.p], 1e-3, 'lambda', 0}, 2}, ...
               {{[P.d min(P.h, P.p) P.p], 1e-2, 'lambda', 3, 'seed', 2}, 1}};
    % ---- sweeps (serial and in memory only: the fuzzer never starts workers or jobs) ----
    case 'sweep'
      calls = {{{@gd_deep, {P.Sx, P.Sxy, [], P.iters, two}, struct('eta', [P.eta, P.eta / 2])}, 1}, ...
               {{@gd_linear, {P.Sx, P.Sxy, P.eta, []}, struct('iters', [1 P.iters])}, 2}, ...
               {{@gd_deep, {P.Sx, P.Sxy, [], P.iters}, struct('eta', P.eta, 'seed', [1 2], ...
                 'scale', 1e-2), 'together', false}, 1}};
    case 'sweep_status'
      calls = {{{sweep_folder(P)}, 1}};
    case 'sweep_collect'
      calls = {{{sweep_folder(P)}, 1}, {{sweep_folder(P), 'csv', false, 'keep', false}, 2}};
    case 'sweep_run'
      calls = {{{sweep_folder(P), 1}, 1}, {{sweep_folder(P), [1 2], 'threads', 1}, 1}};
    case 'stepsize_check'
      As = [eye(P.d * P.p); ones(1, P.d * P.p)];
      calls = {{{P.sigma, 0.1}, 3}, {{P.sigma}, 2}, {{P.Sx, P.Sxy, 0.1, 'depth', 3}, 3}, ...
               {{P.Sx, P.Sxy, 0.1, 'init', two, 'iters', 100}, 3}, ...
               {{'completion', P.Sxy, true(P.d, P.p), [], 'init', two, 'iters', 50}, 3}, ...
               {{'sensing', As, As * P.Sxy(:), 0.1, 'init', two}, 3}};
    case 'sharpness'
      calls = {{{P.Sx, P.Sxy, two}, 1}, {{P.Sx, P.Sxy, P.Ws, 1, 'tol', 1e-8, 'seed', 2}, 3}};
    case '__lindyn_sharpness__'
      calls = {{{P.Sx, P.Sxy, two, 1, 1e-10, 50, 1}, 3}, ...
               {{P.Sx, P.Sxy, two, 1, 1e-10, 50, 1, [P.W1(:); P.W2(:)]}, 3}};
    case '__lindyn_hessvec__'
      calls = {{{P.Sx, P.Sxy, two, two}, 1}};
    % ---- closed forms ----------------------------------------------------------------
    case 'flow_linear'
      calls = {{{P.Sx, P.Sxy, P.times}, 1}, {{P.Sx, P.Sxy, P.times, P.W}, 1}};
    case 'gd_linear_closed'
      calls = {{{P.Sx, P.Sxy, P.eta, P.record}, 1}, {{P.Sx, P.Sxy, P.eta, P.record, P.W}, 1}};
    case '__lindyn_linear_closed__'
      calls = {{{P.Sx, P.Sxy, P.W, P.times, []}, 3}, {{P.Sx, P.Sxy, P.W, P.record, P.eta}, 3}};
    case 'flow_deep'
      calls = {{{P.Sx, P.Sxy, P.times, two}, 1}, {{P.Sx, P.Sxy, P.t, P.W}, 2}, ...
               {{P.Sx, P.Sxy, P.times, P.Ws, 'RelTol', 1e-6, 'MaxSteps', 1e4}, 3}};
    case '__lindyn_flow_deep__'
      calls = {{{P.Sx, P.Sxy, two, sort(P.times), 1e-8, 1e-12, 1e5, 0}, 3}, ...
               {{P.Sx, P.Sxy, {P.W}, P.t, 1e-6, 0, 100, 0.01}, 2}};
    case 'mode_flow'
      calls = {{{P.sigma, P.lambda, P.init, P.times}, 1}, ...
               {{P.sigma, P.lambda, P.init, P.times, 'depth', fuzz_int(1, 5)}, 1}};
    case 'mode_gd'
      calls = {{{P.sigma, P.lambda, P.init, 0.1, P.record}, 1}, ...
               {{P.sigma, P.lambda, P.init, 0.1, P.record, 'depth', fuzz_int(1, 5)}, 1}};
    case 'flow_balanced'
      calls = {{{P.Sxy, P.times, {P.W1 * 0, P.W2 * 0}}, 1}, ...
               {{P.Sxy, P.times, bal}, 3}, ...
               {{P.Sxy, P.times, random_init([P.d min(P.h, P.d) P.p], 1e-2, 'lambda', -0.5)}, 3}};
    case 'lazy_rich'
      calls = {{{{two, {2 * P.W1, P.W2}}}, 1}, {{{P.Ws, P.Ws, P.Ws}, P.Sx}, 1}};
    case 'diagonal_limit'
      m = min (P.n, P.d);  Xd = P.X(1:m, :);
      calls = {{{Xd, Xd * randn(P.d, 1), 0.5, 0.5}, 1}, ...
               {{Xd, Xd * randn(P.d, 1), 0.1 * ones(P.d, 1), 0.2, 'tol', 1e-10, 'maxiter', 50}, 2}};
    case 'gd_diagonal'
      calls = {{{P.X, P.X * randn(P.d, 1), 0.01, P.iters}, 1}, ...
               {{P.X, P.X(:,1), [0.01 0.005], P.iters, 'alpha', 0.5, 'depth', 3, ...
                 'batch', fuzz_int(1, P.n), 'seed', P.seed, 'target', ones(P.d, 1), ...
                 'method', 'momentum', 'sharpness', true}, 1}};
    case '__lindyn_batch_rows__'
      calls = {{{P.n, fuzz_int(1, P.n), false, P.seed, 0:P.iters}, 1}, ...
               {{P.n, 1, true, 0, P.iters}, 1}};
    case '__lindyn_objective__'
      spec = struct ('objective', 'diagonal', 'data', struct ('X', P.X, 'y', P.X(:,1), ...
                     'target', zeros(0, 1), 'depth', 2, 'batch', P.n, 'replacement', 0, ...
                     'seed', 0, 'tol', 0.1));
      calls = {{{spec, ones(P.d, 2)}, 1}, {{spec, ones(P.d, 2), ones(P.d, 2, 2)}, 1}};
    case 'demo_diagonal'
      calls = {{{'', 'plot', false, 'n', 6, 'd', 12, 'k', 1, 'alphas', [1 0.1], ...
                 'gd_alphas', [], 'fractions', []}, 1}};
    case 'demo_sharpness_scale'
      calls = {{{'', 'plot', false, 'reps', 1, 'scales', 0.3, 'steps', 0.02, 'iters', 20, ...
                 'every', 5}, 1}};
    case 'demo_lazy_rich'
      calls = {{{'', 'plot', false, 'gd_lambdas', [], 'lambdas', [-1 0 1], 'points', 10, ...
                 'tmax', 2}, 1}};
    case '__lindyn_modes__'
      calls = {{{P.sigma, P.lambda, w0, P.times}, 1}, {{P.sigma, P.lambda, w0, P.record, 0.1}, 1}, ...
               {{P.sigma, P.lambda, w0, P.record, 0.1, fuzz_int(1, 5)}, 1}};
    case 'mode_gd_bounds'
      calls = {{{P.sigma, P.lambda, P.init, 0.1, P.record}, 2}, ...
               {{P.sigma, P.lambda, P.init, 0.1, P.record, 'exponential'}, 2}, ...
               {{P.sigma, P.lambda, P.init, 0.1, P.record, 'printed'}, 2}};
    case '__lindyn_mode_gd_bounds__'
      calls = {{{P.sigma, P.lambda, w0, 0.1, P.record, fuzz_int(1, 3)}, 2}};
    case 'mode_limit'
      calls = {{{P.sigma, P.lambda, P.times}, 1}, {{P.sigma, P.lambda, P.times, 'depth', 3}, 1}};
    case 'norm_limit'
      calls = {{{P.sigma, P.lambda, P.times}, 1}, {{P.sigma, P.lambda, P.times, 'depth', 4}, 1}};
    case 'phase_times'
      calls = {{{P.sigma, P.lambda, P.init}, 1}, {{P.sigma, P.lambda, P.init, 0.01}, 1}, ...
               {{P.sigma, P.lambda, P.init, 0.01, 'depth', fuzz_int(1, 4)}, 1}};
    case 'mode_start'
      calls = {{{P.Sx, P.Sxy, two}, 3}, {{P.Sx, P.Sxy, P.Ws}, 4}};
    case '__lindyn_mode_gd_crossing__'
      calls = {{{P.sigma, P.lambda, w0, 0.1, P.sigma ./ (2 * P.lambda), 1000}, 1}};
    % ---- regression and Assumption 1 -------------------------------------------------
    case 'rrr'
      calls = {{{P.Sx, P.Sxy, P.r}, 1}, {{P.Sx, P.Sxy, 0:P.p}, 2}, ...
               {{P.Sx, P.Sxy, P.r, 'tol', 1e-8}, 1}};
    case '__lindyn_rrr__'
      calls = {{{P.Sx, P.Sxy, 0:P.r, 1e-12}, 4}};
    case 'spectral_path'
      calls = {{{P.Sx, P.Sxy, 1:P.r}, 2}};
    case 'assumption1'
      calls = {{{P.Sx, P.Sxy}, 1}, {{P.Sx, P.Sxy, 'tol', 1e-10}, 1}};
    case '__lindyn_assumption1__'
      calls = {{{P.Sx, P.Sxy, 1e-10}, 7}};
    case 'assumption_deltas'
      calls = {{{P.Sx, P.Sxy}, 3}, {{P.Sx, P.Sxy, 'U', 'full'}, 2}};
    % ---- plots -------------------------------------------------------------------------
    case 'plot_dynamics'
      calls = {};
      if (exist ('gd_linear', 'file'))
        R = gd_linear (P.Sx, P.Sxy, P.eta, 20);
        calls = {{{R}, 1}, {{R, 'panels', {'fro2', 'sv'}}, 1}, ...
                 {{R, 'sigma', P.sigma, 'delta', 3, 'eta', P.eta}, 1}};
      end
    otherwise
      calls = {};
  end
end

function file = write_idx (P)
% A tiny IDX file (uint8, N-by-2-by-2) in the current folder, a throw-away one when the
% fuzzer runs.
  file = 'fuzz.idx';
  fid = fopen (file, 'w');
  if (fid < 0)
    return;
  end
  fwrite (fid, [0 0 8 3], 'uint8');
  fwrite (fid, [P.n 2 2], 'uint32', 0, 'ieee-be');
  fwrite (fid, mod (1:4*P.n, 256), 'uint8');
  fclose (fid);
end

function F = sweep_folder (P)
% A two-point sweep folder in the current folder (a throw-away one when the fuzzer runs),
% made once per process.
  F = fullfile (pwd (), 'fuzz_sweep');
  if (~ exist (fullfile (F, 'sweep.mat'), 'file'))
    sweep (@gd_deep, {P.Sx, P.Sxy, [], 3, {P.W1, P.W2}}, struct ('eta', [P.eta, P.eta / 2]), ...
           'folder', F);
  end
end
