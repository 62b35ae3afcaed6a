function R = gd_deep (Sx, Sxy, eta, iters, W0, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{R} =} gd_deep (@var{Sx}, @var{Sxy}, @var{eta}, @var{iters}, @var{W0})
% @deftypefnx {} {@var{R} =} gd_deep (@var{Sx}, @var{Sxy}, @var{eta}, @var{iters}, @var{R0})
% @deftypefnx {} {@var{R} =} gd_deep (@dots{}, @var{name}, @var{value}, @dots{})
% Discrete gradient descent (eq. 5) on a deep linear network @code{W = W1*W2*...*WL}.
%
% Minimizes @code{f = norm (Y - X*W, "fro")^2 / (2*n)} through its second moments
% @var{Sx} = X'X/n (d-by-d) and @var{Sxy} = X'Y/n (d-by-p) (see @code{second_moments}).
% @var{W0} = @{W1, @dots{}, WL@} is the initialization (L >= 1): W1 is d-by-r1, Wl is
% r(l-1)-by-rl, WL is r(L-1)-by-p, with any widths (narrower or wider than d and p).
%
% Continuing a run: with a result @var{R0} of gd_deep in place of @var{W0} (for
% instance @code{R0 = lindyn_last ()} after Ctrl-C, see @code{lindyn_last}), the run
% starts from @code{R0.factors} and performs @var{iters} more iterations; the iterates
% are exactly those of one uninterrupted run, and @code{t}, @code{iters} and
% @code{diverged_at} count from the start of the first run.
%
% Sweeps: when @var{eta} is a vector of K step sizes, the K trajectories run together in
% one call of the C core (in parallel over OpenMP threads) and @var{R} is a 1-by-K
% struct array, @code{R(k)} the run with @code{eta(k)}.  @var{W0} may then also be a
% cell of K initializations @code{@{@{W1, @dots{}@}, @{W1, @dots{}@}, @dots{}@}} (same
% widths), one per trajectory.
% Every factor is updated from the same iterate (simultaneous update):
% @code{Wl <- Wl - eta * W_@{1:l-1@}' * (Sx*W - Sxy) * W_@{l+1:L@}'} (eq. 11).
% The iterations run in lindyn's C core (3L-2 matrix products per iteration, nothing
% allocated in the loop), called in chunks of about 0.2 s (and at least 8 iterations)
% so Ctrl-C works between them.
%
% The trajectory is recorded at the iterations of option @qcode{"record"} (default: up
% to about 200 log-spaced indices from 0 to @var{iters}, always including both, as many
% as cost little next to the run: see below).  @var{R} is
% a struct with the fields every lindyn trajectory function returns (@code{gd_linear},
% @code{sgd_deep}, @code{gd_completion}, @code{gd_sensing} too):
% @table @code
% @item t
% the recorded iteration indices (1-by-n);
% @item loss, excess_loss
% the recorded loss, here the excess loss
% @code{f(W) - min f = 1/2 tr((W - W*)' Sx (W - W*))}, @code{W* = pinv(Sx)*Sxy}
% (exact for moments that come from data, where range(Sxy) lies in range(Sx));
% @code{excess_loss} is the same numbers under the paper's name;
% @item test_loss, test_loss_plain
% the loss on held-out data at each record (option @qcode{"test"},
% @code{@{Sx_test, Sxy_test@}}, the @code{second_moments} of the held-out X and Y; [] without
% it): the excess loss @code{1/2 tr((W - Wt*)' Sx_test (W - Wt*))},
% @code{Wt* = pinv(Sx_test)*Sxy_test}, and, when the constant is given as a third element
% (@code{@{Sx_test, Sxy_test, trace(Syy_test)@}}, @code{Syy_test = Y_test'*Y_test/n_test}),
% the plain loss @code{norm (Y_test - X_test*W, "fro")^2 / (2*n_test)};
% @item fro2, nuclear, erank
% @code{norm (W, "fro")^2}, the nuclear (trace) norm and the effective rank
% @code{exp (-sum (q .* log (q)))}, @code{q = s/sum(s)} of the singular values s (Roy and
% Vetterli 2007) of the end-to-end W (options @qcode{"nuclear"}, @qcode{"effective_rank"});
% @item sv
% the top singular values of W (option @qcode{"sv"}, default min(d, p, 10), at most
% min(d, p)), one column per record;
% @item err
% @code{norm (W - M, "fro")} when a @qcode{"target"} M is given;
% @item path_err, path_norm
% K-by-n, @code{norm (W - P(:,:,k), "fro")} for a @qcode{"path"} stack P (d-by-p-by-K),
% and the norms @code{norm (P(:,:,k), "fro")} (1-by-K) for relative distances.  The
% points two-layer gradient descent visits are @code{spectral_path (Sx, Sxy, 1:K)}; the
% reduced-rank regression path @code{rrr (Sx, Sxy, 1:K)} meets them only in special
% cases (Sx proportional to I, the autoencoder), and on MNIST it is far from them;
% @item snapshots
% d-by-p-by-n, the end-to-end W at each record (option @qcode{"snapshots"}, true);
% @item balance
% (L-1)-by-n, @code{norm (Wl'*Wl - W(l+1)*W(l+1)', "fro")} for l = 1, @dots{}, L-1
% (option @qcode{"balance"}, true).  The gradient flow conserves these matrices
% (eq. 12: their derivative is @code{-Wl'*Gl - Gl'*Wl + G(l+1)*W(l+1)' + W(l+1)*G(l+1)'},
% which vanishes for @code{Gl = W_@{1:l-1@}'*(Sx*W - Sxy)*W_@{l+1:L@}'}); one step of
% gradient descent changes them by exactly @code{eta^2*(Gl'*Gl - G(l+1)*G(l+1)')}
% (lindyn's integration tests check both);
% @item sharpness
% 1-by-n, the largest eigenvalue of the Hessian of the loss in all factor entries at each
% record (option @qcode{"sharpness"}, true; @code{sharpness} computes the same at one
% point).  Gradient descent can settle only where it is at most @code{2/eta}.  Computed
% in the C core at the records, without leaving the loop, by Lanczos on exact
% Hessian-vector products warm-started from the previous record's top eigenvector (a few
% products when the path moves little); option @qcode{"sharpness_tol"} (default 1e-10) is
% Lanczos's relative residual tolerance: the value is within that tolerance times the
% sharpness of the true one, and usually far closer (@code{help sharpness});
% @item W, factors, state
% the final end-to-end matrix, the final factors (a cell), and what a continued run
% carries on with: the update rule's state (@code{state.update}: velocities, Adam's
% moments), the divergence threshold and the stopping rules' state;
% @item method, eta
% the update rule and the step size of the run;
% @item iters, diverged, diverged_at, stopped_by, interrupted
% the number of iterations performed (the factors are the iterate after them), whether
% the run stopped on divergence, the iteration at which it did (NaN otherwise), what
% ended the run (@qcode{"iters"}: all of them, @qcode{"diverged"}, or a stopping rule:
% @qcode{"loss"}, @qcode{"change"}, @qcode{"patience"}), and whether it was cut short
% by Ctrl-C (see @code{lindyn_last});
% @item made_by, options, depth, widths, init_info, version, date
% how the run was made: the function, the name/value pairs as given (numeric values of
% more than 100 elements replaced by their size, e.g. @qcode{"[784x10x5 double]"}), L,
% the widths @code{[d, r1, @dots{}, p]}, the description of the start (option
% @qcode{"init_info"}, e.g. the second output of @code{random_init}; otherwise the
% Frobenius norms of the given factors), lindyn's version and the date of the call.
% A saved @var{R} (@code{save}, binary or @code{-v7}) keeps all of it.
% @end table
% Update rule: option @qcode{"method"}, @qcode{"gd"} (default; the moments' fused step:
% 3L-2 products, nothing stored), @qcode{"momentum"} (heavy ball as PyTorch's SGD
% momentum: @code{V <- beta*V + G}, @code{W <- W - eta*V} per factor, V = 0 at the start;
% @qcode{"beta"}, default 0.9; @qcode{"beta"}, 0 is gradient descent, iterate for
% iterate) or @qcode{"adam"} (PyTorch's Adam with bias correction: @qcode{"beta1"} 0.9,
% @qcode{"beta2"} 0.999, @qcode{"epsilon"} 1e-8).  Every option works with every method.
%
% Stopping rules, checked at every record (a run ends at the record where one first
% holds, with the factors of that iterate; in a sweep each trajectory stops on its own):
% @qcode{"stop_loss"}, tol: the recorded loss is at most tol; @qcode{"stop_change"}, tol
% with @qcode{"stop_window"}, w (default 10): the relative change of the recorded loss over
% the last w records, @code{abs (l(j) - l(j-w)) / abs (l(j-w))}, is at most tol;
% @qcode{"patience"}, k: the held-out loss (option @qcode{"test"}) has not improved on its
% best for k records.
%
% Recording costs one SVD per record (for the nuclear norm, the effective rank and the
% singular values; options @qcode{"nuclear"}, false, @qcode{"effective_rank"}, false and
% @qcode{"sv"}, 0 skip it) and never grows with @var{iters}; what is recorded never
% changes the iterates.  Without @qcode{"record"}, the records follow from their cost:
% they take at most a twentieth of the run's time (estimated from flop counts of a step, a
% loss and an SVD at the widths of W0, the same on every machine) or 0.02 s, whichever is
% more: 200 when that allows, fewer when a record is expensive next to a step, and without
% the singular-value measures when even 20 records with them would not fit (unless those
% options are given).
%
% Divergence: a run stops at the first iterate whose @code{norm (Sx*W - Sxy, "fro")^2} is
% not finite or exceeds 1e12 times the larger of its values at W0 and at W = 0: then
% @code{diverged} is true, @code{diverged_at} and @code{iters} are that iterate's index,
% @code{factors} are that iterate (the step from it is not taken) and the records are
% those of the iterates before it, the same for every method, alone and in a sweep.
% Warning @code{lindyn:gd:diverged} gives step-size advice from the run itself, which the
% failed step did not meet: @code{stepsize_check (Sx, Sxy, [], "init", W0, "iters",
% iters)}'s recommended step, stable at the start and along the path a run of that length
% takes (for L = 1, @code{1/lambda_max(Sx)}); when the step was already below its
% supremum (or the method is momentum or Adam, which the advice does not cover) it says
% so and proposes a smaller step.  Option @qcode{"verbose"}, true prints iterations per
% second and the remaining time between chunks (done by default for runs predicted to
% take more than 5 s, once 0.5 s have passed; @qcode{"verbose"}, false silences it).  On
% a terminal it is one line rewritten in place; in a log file or pipe one line at most
% every 5 s.  The rate and the time left are measured from the end of the first chunk
% on (the first includes the warm-up).  The environment variable
% @env{LINDYN_PROGRESS} = @qcode{"tty"} or @qcode{"lines"} overrides the choice.
%
% Checkpoints: option @qcode{"checkpoint"}, @var{file} saves the run (the result as
% @code{lindyn_last} would return it, variable @code{R}, MATLAB v7 format) every
% @qcode{"checkpoint_every"} seconds (default 60; 0 saves after every chunk) and the
% complete result at the end; after a crash, @code{S = load (file)} and
% @code{gd_deep (Sx, Sxy, eta, more_iters, S.R)} continue exactly where it was saved
% (momentum's and Adam's state included).
%
% Errors: @code{lindyn:gd_deep:Sx}, @code{:Sxy}, @code{:eta}, @code{:iters}, @code{:W0},
% @code{:option} (whose message lists the known options) and one per option name.  Data
% where the moments belong (a non-square @var{Sx}) gets a message naming
% @code{second_moments}; a bare matrix as @var{W0} is refused (write @code{@{W0@}} for
% one layer, or build the factors with @code{random_init} or @code{aligned_init}).
%
% Example: a two-layer network learns the modes one at a time (a staircase in the
% nuclear norm), starting from Thm. 1's aligned initialization:
% @c runnable
% @example
% @group
% Sx = eye (3);  Sxy = diag ([1 0.3 0.1]);
% W0 = aligned_init (Sx, Sxy, 3, 6);
% R = gd_deep (Sx, Sxy, 0.05, 3000, W0);
% semilogx (R.t + 1, R.nuclear)
% @end group
% @end example
% @seealso{gd_linear, aligned_init, random_init, stepsize_check, second_moments}
% @end deftypefn

  if (nargin < 5)
    ld_usage ('gd_deep');
  end
  [Sx, Sxy, Rx] = ld_moments_check ('gd_deep', Sx, Sxy);
  eta = ld_matrix ('gd_deep', 'eta', eta, 'vector', 'nonempty', 'finite', 'positive');
  iters = ld_matrix ('gd_deep', 'iters', iters, 'scalar', 'integer', 'nonnegative');
  if (~ iscell (W0) && ~ (isstruct (W0) && isfield (W0, 'factors')))
    % a bare matrix would silently run a one-layer model
    error ('lindyn:gd_deep:W0', ...
           ['gd_deep: W0 must be a cell of factors {W1, ..., WL} (got a %s %dx%d); ', ...
            'for one layer pass {W0} (or use gd_linear), for a deep network ', ...
            'random_init or aligned_init make the factors'], class (W0), size (W0, 1), size (W0, 2));
  end
  R = ld_run_driver ('gd_deep', ld_problem_moments ('gd_deep', Sx, Sxy, Rx), eta, iters, W0, ...
                     varargin);
end

%!shared Sx, Sxy
%! A = randn (6);  Sx = eye (6) + A * A' / 6;  Sx = Sx / max (eig (Sx));
%! Sxy = Sx * randn (6, 4) / 3;   % well conditioned, W* = O(1)

%!test
%! % against a plain Octave loop of eq. 5, L = 3 (the full sweep is in tests/integration)
%! W0 = {randn(6, 5) / 3, randn(5, 2) / 3, randn(2, 4) / 3};  eta = 0.02;
%! R = gd_deep (Sx, Sxy, eta, 200, W0, 'record', [0 200]);
%! W = W0;
%! for t = 1:200
%!   E = W{1} * W{2} * W{3};  G = Sx * E - Sxy;
%!   W = {W{1} - eta * G * (W{2} * W{3})', W{2} - eta * W{1}' * G * W{3}', ...
%!        W{3} - eta * (W{1} * W{2})' * G};
%! end
%! % 200 steps of contracting dynamics: rounding stays ~1e-14 relative
%! for l = 1:3, assert (R.factors{l}, W{l}, 1e-12 * norm (W{l}, 'fro'));  end
%! assert (R.t, [0 200]);  assert (R.W, W{1} * W{2} * W{3}, 1e-12);

%!function W = plain_loop (Sx, Sxy, eta, iters, W)
%!  % eq. 5 for any depth: W_l -= eta (W_1..W_{l-1})' G (W_{l+1}..W_L)', all at the old iterate
%!  L = numel (W);  d = rows (Sx);  p = columns (Sxy);
%!  for t = 1:iters
%!    pre = cell (1, L);  suf = cell (1, L);
%!    pre{1} = eye (d);
%!    for l = 2:L, pre{l} = pre{l-1} * W{l-1};  end
%!    suf{L} = eye (p);
%!    for l = L-1:-1:1, suf{l} = W{l+1} * suf{l+1};  end
%!    G = Sx * (pre{L} * W{L}) - Sxy;
%!    for l = 1:L, W{l} = W{l} - eta * pre{l}' * G * suf{l}';  end
%!  end
%!endfunction

%!test
%! % L = 4 and 5 against the plain loop, random widths with a bottleneck narrower than
%! % d = 6 and p = 4 and one wider
%! for L = 4:5
%!   inner = [randi([1 3]), randi([7 9]), randi(9, 1, L - 3)];
%!   h = [6, inner(randperm (L - 1)), 4];          % the bottleneck anywhere inside
%!   % factors of spectral norm about 1.2: the product moves, nothing diverges
%!   W0 = arrayfun (@(l) 1.2 * randn (h(l), h(l + 1)) / (sqrt (h(l)) + sqrt (h(l + 1))), ...
%!                  1:L, 'UniformOutput', false);
%!   R = gd_deep (Sx, Sxy, 0.05, 150, W0, 'record', [0 150]);
%!   W = plain_loop (Sx, Sxy, 0.05, 150, W0);
%!   % 150 steps of contracting dynamics, factors O(1): rounding ~1e-14 relative
%!   for l = 1:L
%!     assert (size (R.factors{l}), [h(l) h(l + 1)]);
%!     assert (R.factors{l}, W{l}, 1e-12 * max (1, norm (W{l}, 'fro')));
%!   end
%!   E = W{1};  for l = 2:L, E = E * W{l};  end
%!   assert (R.W, E, 1e-12 * max (1, norm (E, 'fro')));
%! end

%!test
%! % d = 100 and a width of 70, both above the small-product kernel's 64: the BLAS
%! % branch of every product of the step (no downloaded data needed)
%! d = 100;  p = 10;  A = randn (d) / sqrt (d);
%! S = eye (d) / 2 + (A + A') / 40;              % eigenvalues in about (0.4, 0.6)
%! B = randn (d, p) / 30;                       % W* = inv(S)*B, of norm about 1
%! W0 = {randn(d, 70) * 0.3 / sqrt(d), randn(70, p) * 0.3 / sqrt(70)};
%! R = gd_deep (S, B, 0.3, 40, W0, 'record', [0 40]);
%! W = plain_loop (S, B, 0.3, 40, W0);
%! % entries O(0.1), sums of <= 100 terms, 40 contracting steps: rounding ~1e-15
%! for l = 1:2, assert (R.factors{l}, W{l}, 1e-12);  end
%! assert (R.W, W{1} * W{2}, 1e-12);

%!test
%! % recorded norms equal the snapshot norms; record indices 0 and iters present
%! R = gd_deep (Sx, Sxy, 0.02, 1000, {randn(6, 3) / 4, randn(3, 4) / 4}, ...
%!              'snapshots', true, 'sv', 2, 'target', zeros (6, 4));
%! assert (R.t(1), 0);  assert (R.t(end), 1000);  assert (numel (R.t), 200);
%! assert (all (diff (R.t) > 0));
%! Ws = pinv (Sx) * Sxy;
%! for k = [1 37 numel(R.t)]
%!   E = R.snapshots(:,:,k);  s = svd (E);
%!   assert (R.fro2(k), norm (E, 'fro')^2, 1e-12 * R.fro2(k));
%!   assert (R.nuclear(k), sum (s), 1e-12 * sum (s));
%!   assert (R.sv(:,k), s(1:2), 1e-12 * s(1));
%!   assert (R.err(k), norm (E, 'fro'), 1e-12 * norm (E, 'fro'));
%!   assert (R.excess_loss(k), 0.5 * trace ((E - Ws)' * Sx * (E - Ws)), 1e-10 * R.excess_loss(1));
%! end
%! % the last snapshot and R.W are the same product W1*W2, possibly formed by different
%! % code (kernel vs dgemm, FMA or not by optimisation level): each entry is a 3-term sum,
%! % within 3 eps |W1| |W2| of the exact one
%! F = R.factors;
%! assert (R.snapshots(:,:,end), R.W, 6 * eps * norm (F{1}) * norm (F{2}));

%!test
%! % "path": distances to every slice of a stack, at every record
%! Ws = pinv (Sx) * Sxy;  P = cat (3, zeros (6, 4), Ws, 2 * Ws);
%! R = gd_deep (Sx, Sxy, 0.05, 500, {randn(6, 5) / 4, randn(5, 4) / 4}, 'path', P, ...
%!              'snapshots', true, 'record', [0 10 100 500]);
%! assert (size (R.path_err), [3 4]);
%! for k = 1:4
%!   for j = 1:3
%!     ref = norm (R.snapshots(:,:,k) - P(:,:,j), 'fro');
%!     assert (R.path_err(j,k), ref, 1e-12 * max (1, ref));
%!   end
%! end
%! % a d-by-p matrix is a stack of one
%! R1 = gd_deep (Sx, Sxy, 0.05, 10, {Ws}, 'path', Ws);  assert (size (R1.path_err, 1), 1);

%!test
%! % a sweep over step sizes and starts equals separate runs; a diverging member stops
%! % alone and is named in the warning
%! W0 = {{randn(6, 3) / 4, randn(3, 4) / 4}, {randn(6, 3) / 4, randn(3, 4) / 4}, ...
%!       {randn(6, 3) / 4, randn(3, 4) / 4}};
%! eta = [0.05 0.2 8];
%! warning ('off', 'lindyn:gd:diverged', 'local');
%! R = gd_deep (Sx, Sxy, eta, 3000, W0, 'snapshots', true);
%! assert (size (R), [1 3]);
%! assert ([R.diverged], [false false true]);
%! for k = 1:2
%!   S = gd_deep (Sx, Sxy, eta(k), 3000, W0{k}, 'snapshots', true);
%!   assert (rmfield (R(k), 'date'), rmfield (S, 'date'));   % the clock may tick between
%! end
%! % the diverged iterate is returned, not stepped from; records end before it
%! assert (R(3).t(end) < R(3).diverged_at);
%! assert (R(3).iters, R(3).diverged_at);  assert (R(3).stopped_by, 'diverged');
%! % one start shared by every step size
%! R = gd_deep (Sx, Sxy, [0.1 0.2], 100, W0{1});
%! S = gd_deep (Sx, Sxy, 0.2, 100, W0{1});
%! assert (rmfield (R(2), 'date'), rmfield (S, 'date'));
%!warning <trajectory 2 of 2> gd_deep (Sx, Sxy, [0.1 9], 100, {zeros(6, 4)});

%!test
%! % "verbose" prints iterations per second and the remaining time between chunks;
%! % nothing is printed by default for a short run
%! out = evalc ("gd_deep (Sx, Sxy, 0.01, 2000, {zeros(6, 4)}, 'verbose', true);");
%! assert (! isempty (strfind (out, 'it/s')));  assert (! isempty (strfind (out, 'ETA')));
%! out = evalc ("gd_deep (Sx, Sxy, 0.01, 2000, {zeros(6, 4)});");
%! assert (isempty (out));
%! out = evalc ("gd_deep (Sx, Sxy, 0.01, 2000, {zeros(6, 4)}, 'nuclear', false, 'sv', 0);");
%! assert (isempty (out));

%!test
%! % progress: on a terminal one line rewritten in place (\r, one newline at the end);
%! % elsewhere at most one line per 5 s of the run (the bound uses the run's own
%! % measured length, so it holds on any machine); nothing with "verbose", false
%! old = getenv ('LINDYN_PROGRESS');
%! c = onCleanup (@() setenv ('LINDYN_PROGRESS', old));
%! setenv ('LINDYN_PROGRESS', 'tty');
%! out = evalc ("gd_deep (Sx, Sxy, 0.01, 3e5, {zeros(6, 4)}, 'verbose', true);");
%! assert (any (out == "\r"));  assert (sum (out == "\n"), 1);
%! assert (! isempty (strfind (out, 'done, 300000 iterations')));
%! setenv ('LINDYN_PROGRESS', 'lines');
%! t = tic ();
%! out = evalc ("gd_deep (Sx, Sxy, 0.01, 3e5, {zeros(6, 4)}, 'verbose', true);");
%! el = toc (t);
%! assert (! any (out == "\r"));
%! lines = sum (out == "\n");
%! assert (lines >= 2);                           % the first chunk's line and "done"
%! assert (lines <= 2 + floor (el / 5));
%! setenv ('LINDYN_PROGRESS', 'tty');
%! out = evalc ("gd_deep (Sx, Sxy, 0.01, 3e5, {zeros(6, 4)}, 'verbose', false);");
%! assert (isempty (out));

%!test
%! % divergence: stops, warns with step-size advice from the run (stepsize_check's)
%! warning ('off', 'lindyn:gd:diverged', 'local');
%! R = gd_deep (eye (2), diag ([1 0.5]), 3, 500, {eye(2) / 2, eye(2) / 2});
%! assert (R.diverged, true);  assert (R.diverged_at < 50);
%! assert (R.t(end) < R.diverged_at);
%!warning <advises eta = 0.5 for this start \(stable at the start and along the path of 500 iterations; every step up to 1 is\)> gd_deep (eye (2), diag ([1 0.5]), 3, 500, {eye(2) / 2, eye(2) / 2});
%!warning id=lindyn:gd:diverged gd_deep (eye (2), diag ([1 0.5]), 3, 500, {eye(2) / 2, eye(2) / 2});

%!test
%! % "sv" beyond min (d, p) records all min (d, p) singular values (no huge allocation)
%! R = gd_deep (eye (3), ones (3, 2), 0.1, 5, {zeros(3, 2)}, 'sv', 1e150);
%! assert (size (R.sv), [2 numel(R.t)]);

%!test
%! % "method": momentum and Adam against plain loops of PyTorch's updates, L = 2;
%! % "method", "gd" is the default path
%! W0 = {randn(6, 3) / 3, randn(3, 4) / 3};  eta = 0.05;
%! for method = {'momentum', 'adam'}
%!   R = gd_deep (Sx, Sxy, eta, 120, W0, 'method', method{1}, 'beta', 0.7, 'record', [0 120]);
%!   W = W0;  V = {0 * W0{1}, 0 * W0{2}};  U = V;
%!   for t = 1:120
%!     G = Sx * (W{1} * W{2}) - Sxy;  g = {G * W{2}', W{1}' * G};
%!     for l = 1:2
%!       if (strcmp (method{1}, 'momentum'))
%!         V{l} = 0.7 * V{l} + g{l};  W{l} = W{l} - eta * V{l};
%!       else
%!         V{l} = 0.9 * V{l} + 0.1 * g{l};  U{l} = 0.999 * U{l} + 0.001 * g{l} .^ 2;
%!         W{l} = W{l} - eta / (1 - 0.9 ^ t) * V{l} ./ (sqrt (U{l}) / sqrt (1 - 0.999 ^ t) + 1e-8);
%!       end
%!     end
%!   end
%!   % 120 steps of O(1) products: rounding differences ~1e-15 relative
%!   for l = 1:2, assert (norm (R.factors{l} - W{l}, 'fro') <= 1e-12 * norm (W{l}, 'fro'));  end
%!   S = gd_deep (Sx, Sxy, eta, 120, W0, 'record', [0 120]);
%!   assert (fieldnames (R), fieldnames (S));
%! end
%! % "beta" means nothing to gd: the same run (only the options as given differ)
%! strip = @(R) rmfield (R, {'options', 'date'});
%! assert (strip (gd_deep (Sx, Sxy, eta, 50, W0, 'method', 'gd', 'beta', 0.5)), ...
%!         strip (gd_deep (Sx, Sxy, eta, 50, W0)));
%!test
%! % R remembers how it was made, and save/load (binary and MATLAB v7) keep all of it
%! [W0, info] = random_init ([6 3 4], 1e-2, 'seed', 5, 'scheme', 'orthogonal');
%! R = gd_deep (Sx, Sxy, 0.02, 300, W0, 'sv', 2, 'init_info', info, 'path', zeros (6, 4, 30));
%! assert (R.made_by, 'gd_deep');
%! assert (R.options(1:4), {'sv', 2, 'init_info', info});
%! assert (R.options{5}, 'path');  assert (R.options{6}, '[6x4x30 double]');  % 720 > 100
%! assert (R.depth, 2);  assert (R.widths, [6 3 4]);  assert (R.eta, 0.02);
%! assert (R.init_info.seed, 5);  assert (R.init_info.scale, 1e-2);
%! assert (R.init_info.scheme, 'orthogonal');  assert (R.init_info.dims, [6 3 4]);
%! assert (R.version, lindyn ().version);
%! assert (abs (datenum (R.date, 'yyyy-mm-ddTHH:MM:SS') - now ()) < 1);   % today
%! % the seed reproduces the start
%! assert (random_init (info.dims, info.scale, 'seed', info.seed, 'scheme', info.scheme), W0);
%! f = [tempname() '.mat'];
%! c = onCleanup (@() delete (f));
%! for fmt = {'-binary', '-v7'}
%!   save (fmt{1}, f, 'R');
%!   S = load (f);
%!   assert (S.R, R);
%! end
%! % without init_info: the start is described by the norms of its factors
%! R = gd_deep (Sx, Sxy, 0.02, 10, W0);
%! assert (R.init_info.source, 'given');
%! assert (R.init_info.fro, [norm(W0{1}, 'fro'), norm(W0{2}, 'fro')], 0);
%!test
%! % continuing a result gives exactly the iterates of one uninterrupted run
%! W0 = {randn(6, 5) / 4, randn(5, 3) / 4, randn(3, 4) / 4};
%! R = gd_deep (Sx, Sxy, 0.03, 1000, W0, 'record', [0 400 1000], 'snapshots', true);
%! R1 = gd_deep (Sx, Sxy, 0.03, 400, W0, 'record', [0 400]);
%! R2 = gd_deep (Sx, Sxy, 0.03, 600, R1, 'record', [0 600], 'snapshots', true);
%! assert (isequal (R2.factors, R.factors));       % bit for bit
%! assert (R2.t, [400 1000]);  assert (R2.iters, 1000);
%! assert (isequal (R2.snapshots, R.snapshots(:,:,2:3)));
%! assert (isequal (R2.W, R.W));
%! assert (R2.excess_loss(end), R.excess_loss(end), 0);
%! assert (R2.interrupted, false);
%! % a sweep continues member by member
%! Rs = gd_deep (Sx, Sxy, [0.03 0.01], 400, W0);
%! Rs2 = gd_deep (Sx, Sxy, [0.03 0.01], 600, Rs);
%! assert (isequal (Rs2(1).factors, R.factors));
%! % gd_linear: the same through "init"
%! L = gd_linear (Sx, Sxy, 0.5, 300, 'init', zeros (6, 4));
%! L1 = gd_linear (Sx, Sxy, 0.5, 120);
%! L2 = gd_linear (Sx, Sxy, 0.5, 180, 'init', L1);
%! assert (isequal (L2.W, L.W));  assert (L2.iters, 300);  assert (L2.t(end), 300);
%!test
%! % held-out loss: against a direct computation from the snapshots and from the data
%! Xt = randn (300, 6);  Yt = Xt * randn (6, 4) / 3 + 0.1 * randn (300, 4);
%! [St, Sty] = second_moments (Xt, Yt);  c = trace (Yt' * Yt) / 300;
%! R = gd_deep (Sx, Sxy, 0.05, 500, {randn(6, 3) / 4, randn(3, 4) / 4}, ...
%!              'test', {St, Sty, c}, 'snapshots', true, 'record', [0 7 100 500]);
%! Wt = pinv (St) * Sty;
%! for k = 1:4
%!   W = R.snapshots(:,:,k);
%!   ex = 0.5 * trace ((W - Wt)' * St * (W - Wt));
%!   f = norm (Yt - Xt * W, 'fro')^2 / 600;
%!   % sums of O(1) terms in another order: 1e-12 relative
%!   assert (R.test_loss(k), ex, 1e-12 * max (1, ex));
%!   assert (R.test_loss_plain(k), f, 1e-12 * f);
%! end
%! % the excess loss on the training moments is the same formula
%! R = gd_deep (Sx, Sxy, 0.05, 500, {randn(6, 3) / 4, randn(3, 4) / 4}, 'test', {Sx, Sxy});
%! assert (R.test_loss, R.excess_loss, 1e-12 * max (R.excess_loss));
%! assert (! isfield (R, 'test_loss_plain'));
%! assert (R.options{2}, {Sx, Sxy});       % 36 and 24 elements: kept as given
%!error id=lindyn:gd_deep:test gd_deep (eye (2), [1; 1], 0.1, 10, {[1; 1]}, 'test', eye (2))
%!error id=lindyn:gd_deep:test gd_deep (eye (2), [1; 1], 0.1, 10, {[1; 1]}, 'test', {eye(3), [1; 1]})
%!error id=lindyn:gd_deep:test gd_deep (eye (2), [1; 1], 0.1, 10, {[1; 1]}, 'test', {eye(2), [1 1]})
%!error id=lindyn:gd_deep:test gd_deep (eye (2), [1; 1], 0.1, 10, {[1; 1]}, 'test', {[1 2; 0 1], [1; 1]})
%!error id=lindyn:gd_deep:test gd_deep (eye (2), [1; 1], 0.1, 10, {[1; 1]}, 'test', {eye(2), [1; 1], -1})
%!test
%! % checkpoints: the file holds the complete result at the end (saved with the
%! % MATLAB v7 format; the crash case is in tests/integration/test_interrupt.m)
%! f = [tempname() '.mat'];
%! c = onCleanup (@() delete (f));
%! R = gd_deep (Sx, Sxy, 0.02, 20000, {randn(6, 3) / 4, randn(3, 4) / 4}, ...
%!              'checkpoint', f, 'checkpoint_every', 0);
%! S = load (f);
%! assert (S.R, R);
%!error id=lindyn:gd_deep:checkpoint gd_deep (1, 1, 0.1, 10, {1}, 'checkpoint', 3)
%!error id=lindyn:gd_deep:checkpoint gd_deep (1, 1, 0.1, 10, {1}, 'checkpoint', fullfile (tempname (), 'no', 'dir.mat'))
%!error id=lindyn:gd_deep:checkpoint_every gd_deep (1, 1, 0.1, 10, {1}, 'checkpoint_every', -1)
%!error id=lindyn:gd_deep:init_info gd_deep (1, 1, 0.1, 10, {1}, 'init_info', 3)
%!test
%! % "sharpness": the recorded values are those of sharpness () at the factors reached
%! % by separate runs of t steps (the same Lanczos tolerance 1e-10: they agree to 1e-9);
%! % the other records do not change, and K trajectories record each their own
%! Sx = diag ([100 1 1]);  Sxy = [0 0; 1 0; 0 .5];
%! W0 = random_init ([3 3 2], 1e-4, 'seed', 1);  rec = [0 1 7 300 1500];
%! R = gd_deep (Sx, Sxy, 0.015, 1500, W0, 'record', rec, 'sharpness', true);
%! R0 = gd_deep (Sx, Sxy, 0.015, 1500, W0, 'record', rec);
%! assert (isequal (R.excess_loss, R0.excess_loss) && isequal (R.factors, R0.factors));
%! assert (! isfield (R0, 'sharpness'));
%! for j = 1:numel (rec)
%!   Rj = gd_deep (Sx, Sxy, 0.015, rec(j), W0, 'record', rec(j));
%!   assert (R.sharpness(j), sharpness (Sx, Sxy, Rj.factors), 1e-9 * R.sharpness(j));
%! end
%! % at the end: the balanced minimum's 100, below 2/eta = 133
%! assert (R.sharpness(end), 100, 0.01);
%! RK = gd_deep (Sx, Sxy, [0.015 0.005], 1500, W0, 'record', rec, 'sharpness', true);
%! assert (RK(1).sharpness, R.sharpness, 1e-9 * 100);
%! assert (RK(2).sharpness(end), sharpness (Sx, Sxy, RK(2).factors), 1e-9 * 100);
%! % a diverging trajectory records until it stops
%! warning ('off', 'lindyn:gd:diverged', 'local');
%! Rd = gd_deep (Sx, Sxy, 0.25, 1500, W0, 'record', 0:1500, 'sharpness', true);
%! assert (numel (Rd.sharpness), numel (Rd.t));  assert (Rd.diverged);

%!warning <every step up to 0.02 is> gd_deep (diag ([100 1 1]), [0 0; 1 0; 0 .5], 0.25, 500, random_init ([3 3 2], 1e-4, 'seed', 1));
%!warning <advises eta = 0.046> gd_deep (diag ([100 1 1]), [0 0; 1 0; 0 .5], 0.25, 500, random_init ([3 3 3 2], 1e-4, 'seed', 1));
%!error <Invalid call> gd_deep (1, 1, 0.1, 10)
%!error id=lindyn:gd_deep:method gd_deep (1, 1, 0.1, 10, {1}, 'method', 'sgd')
%!error id=lindyn:gd_deep:beta gd_deep (1, 1, 0.1, 10, {1}, 'method', 'momentum', 'beta', -1)
%!error id=lindyn:gd_deep:eta gd_deep (1, 1, -0.1, 10, {1})
%!error id=lindyn:gd_deep:eta gd_deep (1, 1, [0.1 0.2; 0.1 0.2], 10, {1})
%!error id=lindyn:gd_deep:eta gd_deep (1, 1, [], 10, {1})
%!error id=lindyn:gd_deep:W0 gd_deep (1, 1, [0.1 0.2], 10, {{1}, {1}, {1}})
%!error id=lindyn:gd_deep:W0 gd_deep (1, 1, [0.1 0.2], 10, {{1}, {2, 0.5}})
%!error id=lindyn:gd_deep:iters gd_deep (1, 1, 0.1, 1.5, {1})
%!error id=lindyn:gd_deep:W0 gd_deep (eye (2), [1; 1], 0.1, 10, {ones(2, 2), ones(3, 1)})
%!error id=lindyn:gd_deep:W0 gd_deep (eye (2), [1; 1], 0.1, 10, {ones(2, 2)})
%!error id=lindyn:gd_deep:W0 gd_deep (eye (2), [1; 1], 0.1, 10, {})
%!error id=lindyn:gd_deep:W0 gd_deep (eye (2), [1; 1], 0.1, 10, {[NaN; 1]})
%!error id=lindyn:gd_deep:Sx gd_deep ([1 2; 3 4], [1; 1], 0.1, 10, {[1; 1]})
%!error <second_moments \(X, Y\)> gd_deep (randn (200, 5), randn (200, 2), 0.1, 10, {zeros(5, 2)})
%!error <second_moments> gd_deep ([1 2; 3 4], [1; 1], 0.1, 10, {[1; 1]})
%!error <pass \{W0\}.*random_init> gd_deep (eye (2), [1; 1], 0.1, 10, [1; 1])
%!error id=lindyn:gd_deep:W0 gd_deep (eye (2), [1; 1], 0.1, 10, [1; 1])
%!test
%! % gd_linear keeps taking a plain matrix start; {W0} in gd_deep is the same run
%! R1 = gd_linear (eye (2), [1; 1], 0.1, 10, 'init', [1; 0]);
%! R2 = gd_deep (eye (2), [1; 1], 0.1, 10, {[1; 0]});
%! assert (R1.W, R2.W, 1e-15);
%!error id=lindyn:gd_deep:Sxy gd_deep (eye (2), [1; 1; 1], 0.1, 10, {[1; 1]})
%!error id=lindyn:gd_deep:option gd_deep (1, 1, 0.1, 10, {1}, 'bogus', 1)
%!error id=lindyn:gd_deep:option gd_deep (1, 1, 0.1, 10, {1}, 'record')
%!error id=lindyn:gd_deep:record gd_deep (1, 1, 0.1, 10, {1}, 'record', 11)
%!error id=lindyn:gd_deep:path gd_deep (eye (2), [1; 1], 0.1, 10, {[1; 1]}, 'path', ones (3, 1))
%!error id=lindyn:gd_deep:target gd_deep (eye (2), [1; 1], 0.1, 10, {[1; 1]}, 'target', 1)
%!error id=lindyn:gd_deep:verbose gd_deep (1, 1, 0.1, 10, {1}, 'verbose', 'yes')
%!error id=lindyn:gd_deep:balance gd_deep (1, 1, 0.1, 10, {1, 1}, 'balance', [1 1])

%!test
%! % "balance": stays 0 from a balanced aligned start up to rounding and O(eta^2)
%! % terms; equals the norms of the start at record 0; one row per layer pair; a sweep
%! % of two step sizes gives each its own
%! Sx = eye (3);  Sxy = diag ([1 0.5 0.2]);
%! W0 = {randn(3, 4), randn(4, 2), randn(2, 3)};
%! R = gd_deep (Sx, Sxy, [0.01 0.02], 50, W0, 'record', [0 1 7 50], 'balance', true);
%! for l = 1:2
%!   assert (R(1).balance(l,1), norm (W0{l}' * W0{l} - W0{l+1} * W0{l+1}', 'fro'), 1e-13);
%! end
%! assert (size (R(2).balance), [2 4]);
%! assert (R(1).balance(:,1), R(2).balance(:,1));
%! S = gd_deep (Sx, Sxy, 0.02, 50, W0, 'record', [0 1 7 50], 'balance', true);
%! assert (S.balance, R(2).balance, 1e-12);
%! R = gd_deep (Sx, Sxy, 0.05, 100, aligned_init (Sx, Sxy, [3 3], 2), 'balance', true);
%! assert (max (R.balance(:)) < 1e-14);
%! assert (isfield (gd_deep (Sx, Sxy, 0.05, 3, W0), 'balance'), false);
%!error id=lindyn:gd_deep:sharpness gd_deep (1, 1, 0.1, 10, {1}, 'sharpness', 'yes')

%!demo
%! % Two layers learn the modes one at a time; one layer learns them all at once.
%! Sx = eye (3);  Sxy = diag ([1 0.3 0.1]);  eta = 0.05;  iters = 3000;
%! R2 = gd_deep (Sx, Sxy, eta, iters, aligned_init (Sx, Sxy, 3, 6));
%! R1 = gd_linear (Sx, Sxy, eta, iters);
%! semilogx (R2.t + 1, R2.nuclear, R1.t + 1, R1.nuclear);
%! xlabel ('iteration + 1');  ylabel ('nuclear norm of W');
%! legend ('L = 2 (staircase)', 'L = 1 (smooth)', 'location', 'northwest');

%!error id=lindyn:gd_deep:memory gd_deep (eye (2), ones (2), 0.1, 1e12, {zeros(2), zeros(2)}, 'record', 0:1e12)
%!error <record asks for .* GB of memory \(10000001 records of 90015 values\)> gd_deep (eye (300), eye (300), 0.1, 1e7, {zeros(300), zeros(300)}, 'record', 0:1e7, 'snapshots', true)
%!error id=lindyn:gd_deep:memory gd_deep (eye (2), ones (2), 0.1, 1e6, {zeros(2), zeros(2)}, 'record', 0:1e6, 'snapshots', true, 'path', zeros (2, 2, 1e6))
