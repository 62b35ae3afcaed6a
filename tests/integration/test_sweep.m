% test_sweep.m -- sweep's serial backend against the trajectory functions called directly.
%
% Every point of a sweep must be exactly the run a user would make by hand: the same
% start (random_init with the point's seed), the same options, the same result bit for
% bit, whether it ran alone or together with the points that differ from it only in step
% and start (one multi-trajectory call).  The local and SLURM backends are compared
% with this one in test_sweep_local.m and tests/slurm/test_sweep_slurm.m.

%!shared Sx, Sxy, X, Y
%! rng (11);
%! X = randn (200, 6);  Y = X * randn (6, 4) / 3 + 0.05 * randn (200, 4);
%! [Sx, Sxy] = second_moments (X, Y);

%!function assert_same_run (R, S)
%!  % a run of a sweep equals a direct call, every field but the date of the call
%!  if (isfield (R, 'date')), R = rmfield (R, 'date');  S = rmfield (S, 'date');  end
%!  assert (isequaln (R, S));
%!endfunction

%!test
%! % gd_deep: 3 steps (one diverging) x 2 seeds x depths 2, 3; together (two calls of
%! % 6 trajectories) and alone, each point against gd_deep itself
%! warning ('off', 'lindyn:gd:diverged', 'local');
%! grid = struct ('depth', [2 3], 'eta', [0.05 0.2 9], 'seed', [1 2], 'scale', 1e-2);
%! args = {Sx, Sxy, [], 300, [], 'record', 0:30:300, 'test', {Sx, Sxy}};
%! [T, info] = sweep (@gd_deep, args, grid, 'keep', true);
%! [T1, info1] = sweep (@gd_deep, args, grid, 'keep', true, 'together', false);
%! assert ([info.runs.together], repmat (6, 1, 12));
%! assert ([info1.runs.together], ones (1, 12));
%! k = 0;
%! for L = [2 3]
%!   for eta = [0.05 0.2 9]
%!     for seed = [1 2]
%!       k = k + 1;
%!       W0 = random_init ([6, repmat(4, 1, L - 1), 4], 1e-2, 'seed', seed);
%!       R = gd_deep (Sx, Sxy, eta, 300, W0, 'record', 0:30:300, 'test', {Sx, Sxy});
%!       assert_same_run (T.R{k}, R);
%!       assert_same_run (T1.R{k}, R);
%!       assert ([T.depth(k), T.eta(k), T.seed(k)], [L, eta, seed]);
%!       % the summary columns, from the result
%!       assert (T.final_loss(k), R.excess_loss(end));
%!       assert (T.best_loss(k), min (R.excess_loss));
%!       [m, i] = min (R.test_loss);
%!       assert ([T.best_test_loss(k), T.best_test_t(k)], [m, R.t(i)]);
%!       assert (T.iterations(k), R.iters);
%!       assert (isequaln (T.diverged_at(k), R.diverged_at));
%!     end
%!   end
%! end
%! assert (T.stopped_by(T.eta == 9), repmat ({'diverged'}, 4, 1));
%! assert (all (T.diverged_at(T.eta == 9) < 300));
%! assert (T.name{1}, 'depth=2 eta=0.05 seed=1 scale=0.01');
%! assert (all (strcmp (T.status, 'done')));
%! assert (isequaln (rmfield (T, {'wall', 'R'}), rmfield (T1, {'wall', 'R'})));

%!test
%! % gd_linear (its start is option "init": a d-by-p-by-K stack together), gd_completion
%! % and sgd_deep (whose seed axis seeds both the start and the batches)
%! grid = struct ('eta', [0.1 0.3], 'seed', [1 2], 'scale', 0.5);
%! T = sweep (@gd_linear, {Sx, Sxy, [], 100}, grid, 'keep', true);
%! k = 0;
%! for eta = [0.1 0.3]
%!   for seed = [1 2]
%!     k = k + 1;
%!     W0 = random_init ([6 4], 0.5, 'seed', seed);
%!     assert_same_run (T.R{k}, gd_linear (Sx, Sxy, eta, 100, 'init', W0{1}));
%!   end
%! end
%! M = randn (5, 2) * randn (2, 5);  mask = rand (5) < 0.7;
%! grid = struct ('eta', [0.2 0.5], 'seed', [3 4], 'depth', 3, 'scale', 1e-2);
%! [T, info] = sweep (@gd_completion, {M, mask, [], 200}, grid, 'keep', true);
%! assert ([info.runs.together], repmat (4, 1, 4));
%! k = 0;
%! for eta = [0.2 0.5]
%!   for seed = [3 4]
%!     k = k + 1;
%!     R = gd_completion (M, mask, eta, 200, random_init ([5 5 5 5], 1e-2, 'seed', seed));
%!     assert_same_run (T.R{k}, R);
%!     assert (T.final_loss(k), R.loss(end));        % gd_completion records "loss"
%!   end
%! end
%! grid = struct ('seed', [5 6], 'batch', [20 200], 'scale', 1e-2);
%! [T, info] = sweep (@sgd_deep, {X, Y, 0.05, 150}, grid, 'keep', true);
%! assert ([info.runs.together], ones (1, 4));       % different seeds: different batches
%! k = 0;
%! for seed = [5 6]
%!   for b = [20 200]
%!     k = k + 1;
%!     R = sgd_deep (X, Y, 0.05, 150, random_init ([6 4 4], 1e-2, 'seed', seed), ...
%!                   'seed', seed, 'batch', b);
%!     assert_same_run (T.R{k}, R);
%!   end
%! end

%!test
%! % starts given as an axis, explicit points, and widths as strings in the table
%! W1 = random_init ([6 3 4], 1e-2, 'seed', 7);  W2 = random_init ([6 5 4], 1e-2, 'seed', 8);
%! T = sweep (@gd_deep, {Sx, Sxy, 0.1, 50}, struct ('W0', {{W1, W2}}), 'keep', true);
%! assert (T.W0, [1; 2]);
%! assert_same_run (T.R{2}, gd_deep (Sx, Sxy, 0.1, 50, W2));
%! pts = struct ('eta', {0.1, 0.2}, 'widths', {[3 5], 8}, 'depth', {3, 2}, 'scale', 1e-3);
%! T = sweep (@gd_deep, {Sx, Sxy, [], 40}, [], 'points', pts, 'keep', true);
%! assert (T.widths, {'[3 5]'; '8'});
%! assert_same_run (T.R{1}, gd_deep (Sx, Sxy, 0.1, 40, random_init ([6 3 5 4], 1e-3, 'seed', 0)));
%! assert_same_run (T.R{2}, gd_deep (Sx, Sxy, 0.2, 40, random_init ([6 8 4], 1e-3, 'seed', 0)));

%!test
%! % eta = factor x the step stepsize_check recommends for the point's start and run
%! % length; a clear error while stepsize_check does not give that field
%! W0 = random_init ([6 4 4], 1e-3, 'seed', 1);
%! [~, ~, rep] = stepsize_check (Sx, Sxy, [], 'init', W0, 'iters', 100);
%! grid = struct ('eta_factor', [0.5 1], 'seed', 1, 'scale', 1e-3);
%! if (isfield (rep, 'recommended'))
%!   T = sweep (@gd_deep, {Sx, Sxy, [], 100}, grid, 'eta', 'recommended', 'keep', true);
%!   assert (T.eta, [0.5; 1] * rep.recommended);
%!   assert (T.eta_recommended, [1; 1] * rep.recommended);
%!   assert_same_run (T.R{1}, gd_deep (Sx, Sxy, 0.5 * rep.recommended, 100, W0));
%!   % gd_completion: the advice's completion form, once per start (two seeds, two calls)
%!   M = randn (5, 2) * randn (2, 5);  mask = rand (5) < 0.7;
%!   T = sweep (@gd_completion, {M, mask, [], 50}, struct ('seed', [1 2], 'scale', 1e-2), ...
%!              'eta', 'recommended');
%!   for k = 1:2
%!     [~, ~, r] = stepsize_check ('completion', M, mask, [], 'init', ...
%!                                 random_init ([5 5 5], 1e-2, 'seed', k), 'iters', 50);
%!     assert (T.eta(k), r.recommended);
%!   end
%! else
%!   try
%!     sweep (@gd_deep, {Sx, Sxy, [], 100}, grid, 'eta', 'recommended');
%!     error ('no error');
%!   catch err
%!     assert (err.identifier, 'lindyn:sweep:recommended');
%!     assert (! isempty (strfind (err.message, 'recommended')));
%!   end
%! end

%!test
%! % the folder: resumed, only the points not done run again; a different sweep refused
%! F = tempname ();
%! c = onCleanup (@() confirm_recursive_rmdir (false) + rmdir (F, 's'));
%! grid = struct ('eta', [0.05 0.1 0.2], 'scale', 1e-2);
%! T0 = sweep (@gd_deep, {Sx, Sxy, [], 100}, grid, 'folder', F, 'keep', true);
%! delete (fullfile (F, 'points', 'p000002.mat'));
%! [T1, info] = sweep (@gd_deep, {Sx, Sxy, [], 100}, grid, 'folder', F, 'resume', true, 'keep', true);
%! assert (info.ran, 2);  assert (info.skipped, [1 3]);
%! assert (isequaln (rmfield (T1, {'wall', 'R'}), rmfield (T0, {'wall', 'R'})));
%! assert_same_run (T1.R{2}, T0.R{2});
%! [T2, info] = sweep (F);                            % nothing left to run
%! assert (isempty (info.ran));
%! assert (T2.final_loss, T0.final_loss);
%! try
%!   sweep (@gd_deep, {Sx, Sxy, [], 101}, grid, 'folder', F, 'resume', true);
%!   error ('no error');
%! catch err
%!   assert (err.identifier, 'lindyn:sweep:folder');
%!   assert (! isempty (strfind (err.message, 'different sweep (args differ)')));
%! end

%!test
%! % failures: each on its own point, the rest kept; all failing says why
%! F = tempname ();
%! c = onCleanup (@() confirm_recursive_rmdir (false) + rmdir (F, 's'));
%! grid = struct ('eta', [0.1 -1 0.2], 'scale', 1e-2);
%! lastwarn ('');                                    % (the warning is printed)
%! T = sweep (@gd_deep, {Sx, Sxy, [], 50}, grid, 'folder', F);
%! [msg, id] = lastwarn ();
%! assert (id, 'lindyn:sweep:failed');
%! assert (T.status, {'done'; 'failed'; 'done'});
%! assert (! isempty (strfind (T.error{2}, 'eta')));
%! assert (isnan (T.final_loss(2)));
%! G = tempname ();
%! c2 = onCleanup (@() confirm_recursive_rmdir (false) + rmdir (G, 's'));
%! try
%!   sweep (@gd_deep, {Sx, Sxy, [], 50, [], 'no_such_option', 1}, grid, 'folder', G);
%!   error ('no error');
%! catch err
%!   assert (err.identifier, 'lindyn:sweep:failed');
%!   assert (! isempty (strfind (err.message, 'all 3 points failed')));
%!   assert (! isempty (strfind (err.message, 'no_such_option')));
%! end
%! % the folder keeps what the points left: their errors, in the table
%! T = sweep_collect (G);
%! assert (T.status, repmat ({'failed'}, 3, 1));
%! assert (! isempty (strfind (T.error{1}, 'no_such_option')));
%! assert (! isempty (strfind (T.error{2}, 'eta must be positive')));
