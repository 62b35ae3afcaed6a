function R = gd_deep (Sx, Sxy, eta, iters, W0, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{R} =} gd_deep (@var{Sx}, @var{Sxy}, @var{eta}, @var{iters}, @var{W0})
% @deftypefnx {} {@var{R} =} gd_deep (@dots{}, @var{name}, @var{value}, @dots{})
% Discrete gradient descent (eq. 5) on a deep linear network @code{W = W1*W2*...*WL}.
%
% Minimizes @code{f = norm (Y - X*W, "fro")^2 / (2*n)} through its second moments
% @var{Sx} = X'X/n (d-by-d) and @var{Sxy} = X'Y/n (d-by-p) (see @code{second_moments}).
% @var{W0} = @{W1, @dots{}, WL@} is the initialization (L >= 1): W1 is d-by-r1, Wl is
% r(l-1)-by-rl, WL is r(L-1)-by-p, with any widths (narrower or wider than d and p).
%
% Sweeps: when @var{eta} is a vector of K step sizes, the K trajectories run together in
% one call of the C core (in parallel over OpenMP threads) and @var{R} is a 1-by-K
% struct array, @code{R(k)} the run with @code{eta(k)}.  @var{W0} may then also be a
% cell of K initializations @code{@{@{W1, @dots{}@}, @{W1, @dots{}@}, @dots{}@}} (same
% widths), one per trajectory.
% Every factor is updated from the same iterate (simultaneous update):
% @code{Wl <- Wl - eta * W_@{1:l-1@}' * (Sx*W - Sxy) * W_@{l+1:L@}'} (eq. 11).
% The iterations run in lindyn's C core (3L-2 matrix products per iteration, nothing
% allocated in the loop), called in chunks of about 0.2 s so Ctrl-C works between them.
%
% The trajectory is recorded at the iterations of option @qcode{"record"} (default:
% about 200 log-spaced indices from 0 to @var{iters}, always including both).  @var{R} is
% a struct with fields
% @table @code
% @item t
% the recorded iteration indices (1-by-n);
% @item excess_loss
% @code{f(W) - min f = 1/2 tr((W - W*)' Sx (W - W*))}, @code{W* = pinv(Sx)*Sxy}
% (exact for moments that come from data, where range(Sxy) lies in range(Sx));
% @item fro2, nuclear
% @code{norm (W, "fro")^2} and the nuclear (trace) norm of the end-to-end W;
% @item sv
% the top singular values of W (option @qcode{"sv"}, default min(d, p, 10), at most
% min(d, p)), one column per record;
% @item err
% @code{norm (W - M, "fro")} when a @qcode{"target"} M is given;
% @item path_err
% K-by-n, @code{norm (W - P(:,:,k), "fro")} for a @qcode{"path"} stack P (d-by-p-by-K),
% e.g. @code{rrr (Sx, Sxy, 1:K)};
% @item snapshots
% d-by-p-by-n, the end-to-end W at each record (option @qcode{"snapshots"}, true);
% @item W, factors
% the final end-to-end matrix and the final factors (a cell);
% @item diverged, diverged_at, iters
% whether the run stopped on divergence, the iteration at which it was detected
% (NaN otherwise) and the number of iterations performed;
% @item eta
% the step size of the run.
% @end table
% Update rule: option @qcode{"method"}, @qcode{"gd"} (default, the fused path above),
% @qcode{"momentum"} (heavy ball as PyTorch's SGD momentum: @code{V <- beta*V + G},
% @code{W <- W - eta*V} per factor, V = 0 at the start; @qcode{"beta"}, default 0.9) or
% @qcode{"adam"} (PyTorch's Adam with bias correction: @qcode{"beta1"} 0.9,
% @qcode{"beta2"} 0.999, @qcode{"epsilon"} 1e-8).  These two run on lindyn's trajectory
% engine (as @code{gd_completion}, @code{sgd_deep}) with the same options and fields; a
% diverging run stops at the diverged iterate.
%
% Recording costs one SVD per record (for the nuclear norm and singular values; option
% @qcode{"nuclear"}, false and @qcode{"sv"}, 0 skip it) and never grows with @var{iters}.
%
% Divergence: when @code{norm (Sx*W - Sxy, "fro")} becomes non-finite or exceeds 1e6
% times the larger of its values at W0 and at W = 0, the run stops, @code{diverged} is
% true and warning @code{lindyn:gd:diverged} gives the largest stable step size
% (@code{2/lambda_max(Sx)} for L = 1, the bound of Cor. 3 for L = 2, see
% @code{stepsize_check}).  Option @qcode{"verbose"}, true prints iterations per second and
% the remaining time between chunks (done by default for runs predicted to take more
% than 5 s, once 0.5 s have passed; @qcode{"verbose"}, false silences it).
%
% Errors: @code{lindyn:gd_deep:Sx}, @code{:Sxy}, @code{:eta}, @code{:iters}, @code{:W0},
% @code{:option} and one per option name.
%
% Example: a two-layer network learns the modes one at a time (a staircase in the
% nuclear norm), starting from Thm. 1's aligned initialization:
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
    print_usage ();
  end
  [Sx, Sxy] = ld_moments_check ('gd_deep', Sx, Sxy);
  eta = ld_matrix ('gd_deep', 'eta', eta, 'vector', 'nonempty', 'finite', 'positive');
  iters = ld_matrix ('gd_deep', 'iters', iters, 'scalar', 'integer', 'nonnegative');
  [R, opts] = ld_moments_method ('gd_deep', Sx, Sxy, eta, iters, W0, varargin);
  if (isempty (R))
    R = ld_gd_driver ('gd_deep', Sx, Sxy, eta, iters, W0, opts);
  end
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
%! assert (R.snapshots(:,:,end), R.W, 0);

%!test
%! % "path": distances to every slice of a stack, at every record (issue 5)
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
%!   assert (R(k), S);
%! end
%! assert (R(3).t(end) <= R(3).diverged_at);
%! assert (R(3).iters, R(3).diverged_at + 1);
%! % one start shared by every step size
%! R = gd_deep (Sx, Sxy, [0.1 0.2], 100, W0{1});
%! S = gd_deep (Sx, Sxy, 0.2, 100, W0{1});
%! assert (R(2), S);
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
%! % divergence: stops, warns with the Cor. 3 bound for L = 2
%! warning ('off', 'lindyn:gd:diverged', 'local');
%! R = gd_deep (eye (2), diag ([1 0.5]), 3, 500, {eye(2) / 2, eye(2) / 2});
%! assert (R.diverged, true);  assert (R.diverged_at < 50);
%! assert (R.t(end) <= R.diverged_at);
%!warning <Cor. 3 of the paper asks for eta < 0.5> gd_deep (eye (2), diag ([1 0.5]), 3, 500, {eye(2) / 2, eye(2) / 2});
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
%! assert (gd_deep (Sx, Sxy, eta, 50, W0, 'method', 'gd', 'beta', 0.5), gd_deep (Sx, Sxy, eta, 50, W0));

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
%!error id=lindyn:gd_deep:Sxy gd_deep (eye (2), [1; 1; 1], 0.1, 10, {[1; 1]})
%!error id=lindyn:gd_deep:option gd_deep (1, 1, 0.1, 10, {1}, 'bogus', 1)
%!error id=lindyn:gd_deep:option gd_deep (1, 1, 0.1, 10, {1}, 'record')
%!error id=lindyn:gd_deep:record gd_deep (1, 1, 0.1, 10, {1}, 'record', 11)
%!error id=lindyn:gd_deep:path gd_deep (eye (2), [1; 1], 0.1, 10, {[1; 1]}, 'path', ones (3, 1))
%!error id=lindyn:gd_deep:target gd_deep (eye (2), [1; 1], 0.1, 10, {[1; 1]}, 'target', 1)
%!error id=lindyn:gd_deep:verbose gd_deep (1, 1, 0.1, 10, {1}, 'verbose', 'yes')

%!demo
%! % Two layers learn the modes one at a time; one layer learns them all at once.
%! Sx = eye (3);  Sxy = diag ([1 0.3 0.1]);  eta = 0.05;  iters = 3000;
%! R2 = gd_deep (Sx, Sxy, eta, iters, aligned_init (Sx, Sxy, 3, 6));
%! R1 = gd_linear (Sx, Sxy, eta, iters);
%! semilogx (R2.t + 1, R2.nuclear, R1.t + 1, R1.nuclear);
%! xlabel ('iteration + 1');  ylabel ('nuclear norm of W');
%! legend ('L = 2 (staircase)', 'L = 1 (smooth)', 'location', 'northwest');
