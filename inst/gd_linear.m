function R = gd_linear (Sx, Sxy, eta, iters, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{R} =} gd_linear (@var{Sx}, @var{Sxy}, @var{eta}, @var{iters})
% @deftypefnx {} {@var{R} =} gd_linear (@dots{}, @qcode{"init"}, @var{W0}, @dots{})
% @deftypefnx {} {@var{R} =} gd_linear (@dots{}, @qcode{"init"}, @var{R0}, @dots{})
% Discrete gradient descent on the linear model (L = 1): @code{W <- W - eta*(Sx*W - Sxy)}.
%
% The iteration of eq. 5 for one layer, whose closed form is eq. 21,
% @code{W_t = W* + (I - eta*Sx)^t (W0 - W*)}; it is stable iff
% @code{0 < eta < 2/lambda_max(Sx)}.  @var{Sx} (d-by-d) and @var{Sxy} (d-by-p) are the
% second moments of the data (@code{second_moments}); the start is @var{W0} (option
% @qcode{"init"}, d-by-p, default zeros).  A vector @var{eta} of K step sizes runs K
% trajectories in one call (in parallel; @var{R} is then a 1-by-K struct array), from
% the same start or from a d-by-p-by-K stack of starts.  All other options and every field of the
% result @var{R} are those of @code{gd_deep} (recording of the excess loss, norms,
% singular values, @qcode{"target"}, @qcode{"path"}, @qcode{"snapshots"},
% @qcode{"sharpness"} (here always @code{lambda_max(Sx)}), @qcode{"verbose"},
% @qcode{"test"} (held-out loss), @qcode{"init_info"}, divergence detection, the record
% of how the run was made, and @qcode{"method"} @qcode{"momentum"} or @qcode{"adam"} with
% their options); @code{R.factors} is @code{@{W@}} (and @qcode{"balance"} gives a 0-by-n
% field: one factor has no layer pairs).
% @qcode{"init"} may also be a result @var{R0} of an earlier run (e.g.
% @code{lindyn_last ()} after Ctrl-C): the run continues from @code{R0.W}, with
% @code{t} and @code{iters} counting from the start of the first run.
%
% Errors: @code{lindyn:gd_linear:Sx}, @code{:Sxy}, @code{:eta}, @code{:iters},
% @code{:W0}, @code{:option} and one per option name.
%
% Example:
% @c runnable
% @example
% @group
% X = randn (500, 5);  Y = X * randn (5, 2);
% [Sx, Sxy] = second_moments (X, Y);
% R = gd_linear (Sx, Sxy, 1 / max (eig (Sx)), 2000);
% semilogy (R.t, R.excess_loss)
% @end group
% @end example
% @seealso{gd_deep, second_moments, stepsize_check}
% @end deftypefn

  if (nargin < 4)
    ld_usage ('gd_linear');
  end
  [Sx, Sxy] = ld_moments_check ('gd_linear', Sx, Sxy);
  eta = ld_matrix ('gd_linear', 'eta', eta, 'vector', 'nonempty', 'finite', 'positive');
  iters = ld_matrix ('gd_linear', 'iters', iters, 'scalar', 'integer', 'nonnegative');
  % the start: option "init", a matrix, a d-by-p-by-K stack or a result to continue
  W0 = {zeros(size (Sxy))};
  opts = varargin;
  k = find (strcmpi ('init', opts(1:2:end)), 1, 'last');
  if (~ isempty (k))
    k = 2 * k - 1;
    if (k + 1 > numel (opts))
      error ('lindyn:gd_linear:option', 'gd_linear: options must come in name-value pairs');
    end
    W0 = opts{k+1};
    opts(k:k+1) = [];
    if (~ (isstruct (W0) && isfield (W0, 'factors')))
      W0 = ld_matrix ('gd_linear', 'W0', W0, 'finite', 'ndims3', ...
                      'rows', size (Sx, 1), 'cols', size (Sxy, 2));
      if (size (W0, 3) > 1)
        if (size (W0, 3) ~= numel (eta))
          error ('lindyn:gd_linear:W0', ...
                 'gd_linear: a stack of starts needs one per step size (%d), got %d', ...
                 numel (eta), size (W0, 3));
        end
        W0 = arrayfun (@(q) {W0(:,:,q)}, 1:size (W0, 3), 'UniformOutput', false);
      else
        W0 = {W0};
      end
    end
  end
  prob = ld_problem_moments ('gd_linear', Sx, Sxy);
  prob.own = {'init'};
  R = ld_run_driver ('gd_linear', prob, eta, iters, W0, opts);
end

%!test
%! % "method", "momentum" against a plain loop of v <- beta v + g, W <- W - eta v
%! A = randn (4);  Sx = A * A' / 4 + eye (4) / 2;  Sxy = randn (4, 2);  eta = 0.1;
%! R = gd_linear (Sx, Sxy, eta, 80, 'method', 'momentum', 'beta', 0.5, 'record', 80);
%! W = zeros (4, 2);  V = W;
%! for t = 1:80, V = 0.5 * V + (Sx * W - Sxy);  W = W - eta * V;  end
%! % 80 contracting steps: rounding ~1e-15 relative
%! assert (norm (R.W - W, 'fro') <= 1e-12 * norm (W, 'fro'));

%!test
%! % against eq. 21 evaluated with an eigendecomposition of Sx
%! A = randn (5);  Sx = A * A' / 5;  Sxy = randn (5, 3);  W0 = randn (5, 3);
%! eta = 1 / max (eig (Sx));
%! R = gd_linear (Sx, Sxy, eta, 300, 'init', W0, 'snapshots', true, 'record', [0 17 300]);
%! [Q, D] = eig (Sx);  lam = diag (D);  Ws = pinv (Sx) * Sxy;
%! for k = 1:3
%!   t = R.t(k);
%!   Wt = Ws + Q * diag ((1 - eta * lam).^t) * Q' * (W0 - Ws);
%!   % both are O(1) and contracting: 1e-12 relative covers the eigenvector rounding
%!   assert (R.snapshots(:,:,k), Wt, 1e-12 * norm (Wt, 'fro'));
%! end
%! assert (R.factors, {R.W});

%!test
%! % d = 100, p = 10: above the small-product kernel's 64, the BLAS branch of the step
%! % (no downloaded data needed); against a plain loop of eq. 5 with L = 1
%! d = 100;  A = randn (d) / sqrt (d);
%! Sx = eye (d) / 2 + (A + A') / 40;              % eigenvalues in about (0.4, 0.6)
%! Sxy = randn (d, 10) / 3;  W0 = randn (d, 10) / 3;
%! R = gd_linear (Sx, Sxy, 1, 50, 'init', W0, 'record', [0 50]);
%! W = W0;
%! for t = 1:50
%!   W = W - (Sx * W - Sxy);
%! end
%! % a contraction (|1 - eta lambda| <= 0.6), entries O(1), sums of 100 terms: ~1e-15
%! assert (R.W, W, 1e-12);

%!test
%! % divergence names the advice, 1/lambda_max(Sx) (stable up to 2/lambda_max(Sx))
%! warning ('off', 'lindyn:gd:diverged', 'local');
%! R = gd_linear (diag ([1 4]), [1; 1], 0.51, 1000);
%! assert (R.diverged, true);
%! % (1 - 0.51*4) = -1.04: the residual grows 1.04^t past 1e6 x its start near t = 350
%! assert (R.diverged_at > 300 && R.diverged_at < 400);

%!warning <advises eta = 0.25 for this start .* every step up to 0.5 is> gd_linear (diag ([1 4]), [1; 1], 0.51, 1000);
%!warning id=lindyn:gd:diverged gd_linear (diag ([1 4]), [1; 1], 0.51, 1000);
%!test
%! % the excess loss uses W* = pinv(Sx)*Sxy: well-conditioned (Cholesky solves) and
%! % singular (eigendecomposition) Sx both match pinv
%! A = randn (6);  Sx = eye (6) + A * A' / 6;  Sxy = randn (6, 2);
%! R = gd_linear (Sx, Sxy, 0.01, 0);
%! Ws = pinv (Sx) * Sxy;  ref = 0.5 * trace (Ws' * Sx * Ws);
%! % W* from two different backward-stable methods: a few eps times cond(Sx) apart
%! assert (R.excess_loss, ref, 1e-12 * ref);
%! X = randn (3, 6);  Sx = X' * X / 3;  Sxy = X' * randn (3, 2) / 3;
%! R = gd_linear (Sx, Sxy, 0.01, 0);
%! Ws = pinv (Sx) * Sxy;  ref = 0.5 * trace (Ws' * Sx * Ws);
%! assert (R.excess_loss, ref, 1e-12 * ref);

%!test
%! % a sweep over step sizes and starts equals separate runs
%! Sx = diag ([1 0.5 0.2]);  Sxy = [1 0; 0 1; 1 1];  W0 = randn (3, 2, 3);
%! R = gd_linear (Sx, Sxy, [0.5 1 1.5], 200, 'init', W0);
%! for k = 1:3
%!   S = gd_linear (Sx, Sxy, 0.5 * k, 200, 'init', W0(:,:,k));
%!   assert (rmfield (R(k), 'date'), rmfield (S, 'date'));   % the clock may tick between
%! end
%!test
%! % "sharpness" for L = 1: the Hessian is kron (eye (p), Sx) at every iterate
%! Sx = [2 1; 1 3];  R = gd_linear (Sx, [1 0; 0 1], 0.1, 50, 'record', [0 10 50], 'sharpness', true);
%! assert (R.sharpness, max (eig (Sx)) * [1 1 1], 1e-12);

%!error id=lindyn:gd_linear:W0 gd_linear (1, 1, [0.1 0.2], 10, 'init', ones (1, 1, 3))
%!error <Invalid call> gd_linear (1, 1, 0.1)
%!error id=lindyn:gd_linear:eta gd_linear (1, 1, 0, 10)
%!error id=lindyn:gd_linear:iters gd_linear (1, 1, 0.1, -1)
%!error id=lindyn:gd_linear:W0 gd_linear (eye (2), [1; 1], 0.1, 10, 'init', [1 1])
%!error id=lindyn:gd_linear:Sx gd_linear ({1}, 1, 0.1, 10)
%!error id=lindyn:gd_linear:option gd_linear (1, 1, 0.1, 10, 'nope', 1)
%!error id=lindyn:gd_linear:balance gd_linear (1, 1, 0.1, 10, 'balance', 'yes')

%!test
%! % "balance" with one factor: no layer pairs, one column per record
%! R = gd_linear (eye (2), eye (2), 0.1, 10, 'balance', true, 'record', [0 5 10]);
%! assert (size (R.balance), [0 3]);

%!demo
%! % The linear model learns every component at once (compare gd_deep's demo).
%! Sx = eye (3);  Sxy = diag ([1 0.3 0.1]);
%! R = gd_linear (Sx, Sxy, 0.05, 3000);
%! semilogx (R.t + 1, R.nuclear);  xlabel ('iteration + 1');  ylabel ('nuclear norm');

%!error id=lindyn:gd_linear:memory gd_linear (eye (2), ones (2, 1), 0.1, 1e12, 'record', 0:1e12)
%!error <record asks for .* GB of memory> gd_linear (eye (2), ones (2, 1), 0.1, 1e12, 'record', 0:1e12)
%!error id=lindyn:gd_linear:memory gd_linear (eye (2), ones (2, 1), 1e-3:1e-3:1e9, 10)
%!test
%! % a long record list that fits still runs: every record, against the plain loop
%! R = gd_linear (1, 1, 0.5, 5000, 'record', 0:5000);
%! assert (R.t, 0:5000);
%! w = 0;  ref = zeros (1, 5001);
%! for k = 1:5001, ref(k) = (w - 1)^2 / 2;  w = w - 0.5 * (w - 1);  end
%! assert (R.excess_loss, ref, 1e-15)   % exact arithmetic up to rounding of 0.5*(w-1)
