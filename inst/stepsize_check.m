function [ok, eta_max, report] = stepsize_check (varargin)
% -*- texinfo -*-
% @deftypefn  {} {[@var{ok}, @var{eta_max}, @var{report}] =} stepsize_check (@var{Sx}, @var{Sxy})
% @deftypefnx {} {[@var{ok}, @var{eta_max}, @var{report}] =} stepsize_check (@var{Sx}, @var{Sxy}, @var{eta}, @var{name}, @var{value}, @dots{})
% @deftypefnx {} {[@var{ok}, @var{eta_max}, @var{report}] =} stepsize_check (@var{Sx}, @var{Sxy}, @var{eta}, @qcode{"init"}, @var{W0}, @qcode{"iters"}, @var{T})
% @deftypefnx {} {[@var{ok}, @var{eta_max}, @var{report}] =} stepsize_check (@qcode{"completion"}, @var{M}, @var{mask}, @var{eta}, @qcode{"init"}, @var{W0}, @dots{})
% @deftypefnx {} {[@var{ok}, @var{eta_max}, @var{report}] =} stepsize_check (@qcode{"sensing"}, @var{A}, @var{y}, @var{eta}, @qcode{"init"}, @var{W0}, @dots{})
% @deftypefnx {} {[@var{ok}, @var{eta_max}, @var{report}] =} stepsize_check (@var{sigma}, @var{eta})
% @deftypefnx {} {[@var{ok}, @var{eta_max}, @var{report}] =} stepsize_check (@var{sigma})
% Step sizes for gradient descent on a deep linear network: a step to use for a run of
% T iterations from a given start (@code{@var{report}.recommended}), the supremum of the
% stable steps (@var{eta_max}), the stability bound at the minimum, and the conditions of
% Cor. 3.
%
% Gradient descent with step @var{eta} is stable where the largest eigenvalue of the
% Hessian of the loss in the factor entries (its sharpness, @code{sharpness}) is at most
% @code{2/eta}: beyond it the linearised iteration @code{x <- (I - eta H) x} expands
% along the top eigenvector.  Three places are looked at:
% @table @asis
% @item the start (option @qcode{"init"}, @var{W0} = @{W1, @dots{}, WL@})
% its sharpness, computed by Lanczos on exact Hessian-vector products.  A small random
% start is not flat: for L = 2 its sharpness is about @code{lambda_max(Sx) *
% norm (W2)^2}, and pixel data have a large lambda_max(Sx) (the mean); on 500 pixel
% columns with a 500-wide hidden layer, @code{2/sharpness} at the start is 8 times
% smaller than the bound at the minimum, and gradient descent diverges between them;
% @item the path (options @qcode{"init"} and @qcode{"iters"} T)
% the point a run of T steps with step eta reaches, predicted from the modes and their
% effective starts (@code{mode_start}) and the balanced end-to-end flow up to time
% @code{eta*T}; its sharpness grows with eta*T (progressive sharpening) and stays below
% that of the minimum, which a run of T steps may never approach (on digit images the
% bound there is 1.2 to 2.8 times too small for runs of 10^3 and 10^4 steps, and 80 to
% 12000 times on MNIST subsets);
% @item the minimum (@code{report.stability})
% the minimum a small start heads to: the rank @code{k = min (widths, attainable rank)}
% reduced-rank regression solution @code{rrr (Sx, Sxy, k)} (eq. 4), balanced:
% with its SVD @code{U*diag(s)*V'}, @code{W1 = U*diag(s.^(1/L))*Q1'},
% @code{Wl = Q(l-1)*diag(s.^(1/L))*Ql'}, @code{WL = Q(L-1)*diag(s.^(1/L))*V'}.  At a
% two-layer balanced minimum the mode directions have curvature @code{2 sigma_i}
% (whitened input), but a direction of Sx outside the span of U adds
% @code{lambda(Sx) * s_j^(2(L-1)/L)}: with @code{Sx = diag ([100 1 1])} and
% @code{Sxy = [0 0; 1 0; 0 .5]} the bound is 0.02 while Cor. 3 allows 0.5.  With Sx not a
% multiple of I unbalanced factorizations can be flatter, and a step somewhat above the
% bound may still converge, to such a minimum, at the edge of stability
% (@code{demo_stability}; on the example above, L = 2, up to 0.040).
% @end table
% @var{eta_max} is the largest eta that is stable at the start and at the point its own
% run of T steps reaches (the root of @code{eta * S(eta*T) = 2}, S the predicted
% sharpness; without @qcode{"iters"} the path ends at the minimum; without
% @qcode{"init"} only the minimum is looked at).  It is a supremum, not a step to use:
% for L = 1, @code{eta = 2/lambda_max(Sx)} oscillates forever.  The step to use is
% @code{report.recommended = eta_max/2} (L = 1: @code{1/lambda_max(Sx)}; whitened L = 2
% at the minimum: Cor. 3's @code{1/(2 sigma_1)}); the factor 2 covers the error of the
% prediction (within 0.97 to 1.34 of the measured sharpness on digit data) and the
% catapult regime.  Measured on digit data and MNIST subsets for L = 1, 2, 3, the
% recommended step converged and was within a factor 2.5 of the largest converging step
% of the grid 2^k (doc/theory.md of the package).  @var{ok} is @code{eta < eta_max}.
%
% Options: @qcode{"init"} @var{W0} (its depth and widths are used), @qcode{"iters"} T
% (a nonnegative integer or Inf, the default; needs @qcode{"init"}), @qcode{"depth"} L
% (default 2), @qcode{"widths"} r1..r(L-1) (default @code{min (d, p)} each), @qcode{"rank"}
% k (the rank of the minimum; default as above).
% @var{report} has fields @code{supremum} (= @var{eta_max}), @code{recommended},
% @code{binding} (the field that gives @var{eta_max}: @qcode{"start"}, @qcode{"path"} or
% @qcode{"stability"}), @code{start}, @code{path}, @code{stability} (the three bounds
% @code{2/sharpness}; NaN where not looked at), @code{sharpness} (at the minimum),
% @code{sharpness_start}, @code{sharpness_path} (at the point reached with
% @var{eta_max}), @code{iters}, @code{rank}, @code{depth}, @code{widths}, @code{W} (the
% minimum), @code{factors} (its balanced factors at the given widths), @code{W_path}
% (the predicted end-to-end point), @code{sigma}, @code{lambda}, @code{w0} (the modes and
% their starts, @code{mode_start}), @code{imbalance} (max over l of
% @code{norm (Wl'*Wl - W(l+1)*W(l+1)', "fro")} of the start, NaN without
% @qcode{"init"}), @code{cor3} (Cor. 3's bound for the singular values of @var{Sxy} when
% L = 2, else NaN; singular values equal to rounding count as tied, bound 0) and
% @code{cor3_report} (the struct of the sigma form).  Cor. 3's conditions are
% sufficient conditions for the monotone, mode-by-mode learning of eq. 25-26 under
% Assumption 1 with epsilon = 0, not stability bounds: they never give @var{eta_max}.
%
% @strong{Completion and sensing} (the losses of @code{gd_completion} and
% @code{gd_sensing}; @qcode{"init"} is required, @qcode{"iters"} and @qcode{"rank"} as
% above): the same outputs (no @code{factors}, @code{imbalance}, @code{cor3}; a field
% @code{kind}).  The sharpness is that of the actual loss; the path and the minimum come
% from the target's scale estimated from the data as spectral initialisation does
% (@code{n1*n2/|Omega|} times the observed entries, or @code{A'*y/m} reshaped), learned
% mode by mode as a deep factorization learns them.  @var{mask} is logical or 0/1 (full
% or sparse); the entries of @var{M} that are not observed are ignored (NaN allowed).
%
% @strong{Singular-value form} (Cor. 3, unchanged): @var{sigma} holds the singular values
% of @var{Sxy} (e.g. @code{svd (Sxy)}; any order, zeros allowed: r_xy is the number of
% positive ones).  Cor. 3 asks for
% @c formula
% @example
% (1)  eta < 1/(2 sigma_1),
% (2)  eta < 2 (sigma_i - sigma_@{i+1@}) / sigma_i^2          for 1 <= i < r_xy,
% (3)  eta < (sigma_i - sigma_@{i+1@}) / (2 sigma_@{i+1@}^2)    for 1 <= i < r_xy,
% @end example
% under which the modes are learned one after the other at iterations
% @code{T_i = delta/(eta sigma_i)} (eq. 25, 26).  @var{eta_max} is the largest admissible
% step (the minimum of all bounds; a strict inequality, so @var{ok} is
% @code{eta < eta_max}), and @var{report} a struct with fields @code{bound1} (scalar),
% @code{bound2}, @code{bound3} (vectors over i), @code{binding} (1, 2 or 3: which
% condition gives @var{eta_max}) and @code{index} (the i at which it binds; 1 for
% condition 1).  Equal singular values give a zero bound: the paper assumes distinct ones.
% Condition (2) never binds: it follows from (1) and (3).  If
% @code{sigma_@{i+1@} >= sigma_i/2}, bound (3) at i is at most bound (2) at i; otherwise
% the gap exceeds @code{sigma_i/2}, so bound (2) exceeds @code{1/sigma_i >= 1/sigma_1},
% twice bound (1).  It is reported for completeness.
% When @var{eta} is omitted, @var{ok} is true when any positive step is admissible.
%
% The two forms are told apart by the arguments: a matrix (not a vector) first argument,
% or three or more arguments, select the moments form; a one-dimensional problem
% (d = 1) in that form needs the third argument (@code{stepsize_check (Sx, Sxy, [])}).
%
% Errors: @code{lindyn:stepsize_check:sigma}, @code{:eta}, @code{:Sx}, @code{:Sxy},
% @code{:depth}, @code{:widths}, @code{:init}, @code{:iters}, @code{:rank}, @code{:kind},
% @code{:M}, @code{:mask}, @code{:A}, @code{:y}, @code{:overflow}, @code{:option}.
%
% Example:
% @c runnable
% @example
% @group
% [ok, eta_max, rep] = stepsize_check ([1 0.5 0.1], 0.1)
% % ok = 1, eta_max = 0.5 (1/(2 sigma_1)), rep.binding = 1
% Sx = diag ([100 1 1]);  Sxy = [0 0; 1 0; 0 .5];
% [ok, eta_max, rep] = stepsize_check (Sx, Sxy, 0.25)
% % ok = 0, eta_max = 0.02 (sharpness 100), rep.cor3 = 0.5, rep.binding = "stability"
% [~, eta3] = stepsize_check (Sx, Sxy, [], 'depth', 3)    % 2/sharpness at L = 3
% % a step to use for 500 steps of a two-layer network from a small random start
% W0 = random_init ([3 3 2], 1e-4, 'seed', 1);
% [~, eta_max, rep] = stepsize_check (Sx, Sxy, [], 'init', W0, 'iters', 500);
% rep.recommended, rep.binding
% R = gd_deep (Sx, Sxy, rep.recommended, 500, W0);  R.diverged    % 0
% @end group
% @end example
% @seealso{sharpness, mode_start, gd_deep, gd_completion, gd_sensing, aligned_init, rrr}
% @end deftypefn

  if (nargin < 1)
    ld_usage ('stepsize_check');
  end
  a1 = varargin{1};
  if (ischar (a1))
    if (~ any (strcmp (a1, {'completion', 'sensing'})))
      error ('lindyn:stepsize_check:kind', ...
             'stepsize_check: the first argument must be Sx, sigma, "completion" or "sensing" (got "%s")', a1);
    end
    if (nargin < 3 || (nargin > 4 && mod (nargin - 4, 2) ~= 0))
      ld_usage ('stepsize_check');
    end
    [ok, eta_max, report] = ld_data_form (varargin{:});
    return;
  end
  moments = nargin >= 3 || (nargin == 2 && isnumeric (a1) && ~ isvector (a1) ...
                            && ~ isempty (a1));
  if (moments)
    if (nargin > 3 && mod (nargin - 3, 2) ~= 0)
      ld_usage ('stepsize_check');
    end
    [ok, eta_max, report] = ld_moments_form (varargin{:});
  else
    if (nargin > 2)
      ld_usage ('stepsize_check');
    end
    [ok, eta_max, report] = ld_sigma_form (varargin{:});
  end
end

function [ok, eta_max, report] = ld_sigma_form (sigma, eta, tie)
  sigma = ld_matrix ('stepsize_check', 'sigma', sigma, 'vector', 'finite', 'nonnegative', ...
                     'nonempty');
  s = sort (sigma(:), 'descend');
  s = s(s > 0);
  if (isempty (s))
    error ('lindyn:stepsize_check:sigma', ...
           'stepsize_check: sigma must have a positive entry (Sxy = 0 learns nothing)');
  end
  gap = s(1:end-1) - s(2:end);
  if (nargin > 2)
    gap(gap <= tie * s(1)) = 0;     % singular values equal up to rounding are tied
  end
  report.bound1 = 1 / (2 * s(1));
  report.bound2 = 2 * gap ./ s(1:end-1).^2;
  report.bound3 = gap ./ (2 * s(2:end).^2);
  [b2, i2] = min ([report.bound2; Inf]);
  [b3, i3] = min ([report.bound3; Inf]);
  [eta_max, which] = min ([report.bound1, b2, b3]);
  report.binding = which;
  where = [1, i2, i3];
  report.index = where(which);
  if (nargin > 1 && ~ isempty (eta))
    eta = ld_matrix ('stepsize_check', 'eta', eta, 'scalar', 'finite', 'positive');
    ok = eta < eta_max;
  else
    ok = eta_max > 0;
  end
end

function T = ld_iters (fn, val)
  % a number of iterations: a nonnegative integer, or Inf (to convergence)
  T = ld_matrix (fn, 'iters', val, 'scalar', 'nonnegative');
  if (isnan (T) || (isfinite (T) && T ~= round (T)))
    error (sprintf ('lindyn:%s:iters', fn), ...
           '%s: iters must be a nonnegative integer or Inf (got %g)', fn, T);
  end
end

function W0 = ld_init (fn, W0, d, p)
  if (isnumeric (W0) && ~ iscell (W0)), W0 = {W0};  end
  if (~ iscell (W0) || isempty (W0) || ~ isvector (W0) ...
      || ~ all (cellfun (@(w) isnumeric (w) && isreal (w) && ismatrix (w), W0)))
    error (sprintf ('lindyn:%s:init', fn), ...
           '%s: init must be a cell vector of real matrices {W1, ..., WL}', fn);
  end
  W0 = cellfun (@(w) double (full (w)), W0(:)', 'UniformOutput', false);
  rows = [cellfun(@(w) size (w, 1), W0), p];  cols = [d, cellfun(@(w) size (w, 2), W0)];
  if (~ isequal (rows, cols) || ~ all (cellfun (@(w) all (isfinite (w(:))), W0)))
    error (sprintf ('lindyn:%s:init', fn), ...
           '%s: init must be finite factors of a %d-by-%d chain', fn, d, p);
  end
end

function [ok, eta_max, report] = ld_moments_form (Sx, Sxy, eta, varargin)
  fn = 'stepsize_check';
  [Sx, Sxy] = ld_moments_check (fn, Sx, Sxy);
  d = size (Sx, 1);  p = size (Sxy, 2);
  if (nargin < 3)
    eta = [];
  end
  if (~ isempty (eta))
    eta = ld_matrix (fn, 'eta', eta, 'scalar', 'finite', 'positive');
  end
  [o, given] = ld_name_value (fn, struct ('depth', [], 'widths', [], 'init', [], ...
                                          'rank', [], 'iters', Inf), varargin);
  L = 2;  widths = [];  W0 = {};  k = [];  T = Inf;
  if (any (strcmp (given, 'init')))
    W0 = ld_init (fn, o.init, d, p);
    L = numel (W0);  widths = cellfun (@(w) size (w, 2), W0(1:end-1));
  end
  for j = 1:numel (given)
    val = o.(given{j});
    switch (given{j})
      case 'depth'
        L2 = ld_matrix (fn, 'depth', val, 'scalar', 'integer', 'positive');
        if (~ isempty (W0) && L2 ~= L)
          error ('lindyn:stepsize_check:depth', ...
                 'stepsize_check: depth (%d) differs from that of init (%d)', L2, L);
        end
        L = L2;
      case 'rank'
        k = ld_matrix (fn, 'rank', val, 'scalar', 'integer', 'nonnegative');
      case 'iters'
        T = ld_iters (fn, val);
    end
  end
  if (isfinite (T) && isempty (W0))
    error ('lindyn:stepsize_check:iters', ...
           'stepsize_check: iters needs init (the path of a run depends on its start)');
  end
  if (any (strcmp (given, 'widths')))
    widths = ld_matrix (fn, 'widths', o.widths, 'integer', 'nonnegative');
    if (numel (widths) ~= L - 1 || (L > 2 && ~ isvector (widths)))
      error ('lindyn:stepsize_check:widths', ...
             'stepsize_check: widths must have depth - 1 = %d entries', L - 1);
    end
    if (~ isempty (W0) && ~ isequal (widths(:)', cellfun (@(w) size (w, 2), W0(1:end-1))))
      error ('lindyn:stepsize_check:widths', 'stepsize_check: widths differ from those of init');
    end
    widths = widths(:)';
  end
  if (isempty (widths) && L > 1)
    widths = repmat (min (d, p), 1, L - 1);
  end
  widths = reshape (widths, 1, []);
  % the memory it takes: the moments' eigenvectors, the minimum and its factors, three
  % Lanczos vectors of the start's size
  n0 = sum (cellfun (@numel, W0));
  ld_memory_check (fn, 'Sx', 8 * (3 * d * d + 6 * d * p + d * sum (widths) + 4 * n0 + 1e6), ...
                   sprintf ('a %d-by-%d problem', d, p));
  P = ld_stepsize_problem ('moments', Sx, Sxy);
  kmax = ld_kmax (P, widths);
  if (~ isempty (k) && k > kmax)
    error ('lindyn:stepsize_check:rank', ...
           'stepsize_check: rank must be at most %d (widths and attainable rank)', kmax);
  end
  A = ld_stepsize_advice (P, W0, T, L, widths, k);
  % the minimum's balanced factors at the given widths (as before: the Q's are the
  % identity's first columns)
  W = A.W_min;  k = A.rank;
  [U, S, V] = svd (W, 'econ');
  s = diag (S);  s = s(1:k);  U = U(:,1:k);  V = V(:,1:k);
  c = s .^ (1 / L);
  F = cell (1, L);
  dims = [d, widths, p];
  if (L == 1)
    F{1} = W;
  else
    for l = 1:L
      if (l == 1), left = U;  else, left = eye (dims(l), k);  end
      if (l == L), right = V;  else, right = eye (dims(l+1), k);  end
      F{l} = left * diag (c) * right';
    end
  end
  report = ld_report (A, W0, T, L, widths, F);
  if (L == 2 && any (svd (Sxy) > 0))
    [~, report.cor3, report.cor3_report] = ld_sigma_form (svd (Sxy), [], max (d, p) * 8 * eps);
  end
  eta_max = report.supremum;
  if (isempty (eta))
    ok = eta_max > 0;
  else
    ok = eta < eta_max;
  end
end

function kmax = ld_kmax (P, widths)
  % the largest rank of a minimum: the widths and the attainable rank
  Gf = P.Sxy' * P.Wstar;
  sv = sqrt (max (eig ((Gf + Gf') / 2), 0));
  r = 0;
  if (~ isempty (sv) && max (sv) > 0)
    r = sum (sv > max (size (P.Wstar)) * eps * max (sv));
  end
  kmax = min ([r, widths]);
end

function report = ld_report (A, W0, T, L, widths, F)
  % the report of the moments and data forms from the advice A
  binding = 'stability';
  if (~ isempty (W0))
    binding = A.binding;
    if (strcmp (binding, 'path') && isinf (T))
      binding = 'stability';        % without a horizon the path ends at the minimum
    end
  end
  if (isempty (W0))
    sup = A.minimum;  path = NaN;  start = NaN;
  else
    sup = A.supremum;  path = A.path;  start = A.start;
  end
  report = struct ('supremum', sup, 'recommended', sup / 2, 'binding', binding, ...
                   'start', start, 'path', path, 'stability', A.minimum, ...
                   'sharpness', A.sharpness_min, 'sharpness_start', A.sharpness_start, ...
                   'sharpness_path', A.sharpness_path, 'iters', T, 'rank', A.rank, ...
                   'depth', L, 'widths', widths, 'W', A.W_min, 'factors', {F}, ...
                   'W_path', A.W_path, 'sigma', A.sigma, 'lambda', A.lambda, 'w0', A.w0, ...
                   'imbalance', NaN, 'cor3', NaN, 'cor3_report', []);
  if (~ isempty (W0))
    imb = 0;
    for l = 1:L-1
      imb = max (imb, norm (W0{l}' * W0{l} - W0{l+1} * W0{l+1}', 'fro'));
    end
    report.imbalance = imb;
  end
end

function [ok, eta_max, report] = ld_data_form (kind, a, b, eta, varargin)
  % stepsize_check ("completion", M, mask, eta, ...), ("sensing", A, y, eta, ...)
  fn = 'stepsize_check';
  if (nargin < 4)
    eta = [];
  end
  if (~ isempty (eta))
    eta = ld_matrix (fn, 'eta', eta, 'scalar', 'finite', 'positive');
  end
  [o, given] = ld_name_value (fn, struct ('init', [], 'iters', Inf, 'rank', []), varargin);
  if (~ any (strcmp (given, 'init')))
    error ('lindyn:stepsize_check:init', ...
           'stepsize_check: the %s form needs "init", the start {W1, ..., WL}', kind);
  end
  T = Inf;  k = [];
  if (any (strcmp (given, 'iters')))
    T = ld_iters (fn, o.iters);
  end
  if (any (strcmp (given, 'rank')))
    k = ld_matrix (fn, 'rank', o.rank, 'scalar', 'integer', 'nonnegative');
  end
  if (strcmp (kind, 'completion'))
    M = ld_matrix (fn, 'M', a, 'nonempty');
    [n1, n2] = size (M);
    if (~ ((islogical (b) || isnumeric (b)) && isequal (size (b), [n1, n2])))
      error ('lindyn:stepsize_check:mask', ...
             'stepsize_check: mask must be a %d-by-%d logical (or 0/1) matrix', n1, n2);
    end
    if (~ islogical (b))
      b = full (double (b));
      if (~ all (b(:) == 0 | b(:) == 1))
        error ('lindyn:stepsize_check:mask', 'stepsize_check: mask must hold 0 and 1 only');
      end
    end
    mask = full (logical (b));
    if (~ any (mask(:)))
      error ('lindyn:stepsize_check:mask', 'stepsize_check: mask must observe at least one entry');
    end
    bad = find (mask & ~ isfinite (M), 1);
    if (~ isempty (bad))
      [i, j] = ind2sub ([n1, n2], bad);
      error ('lindyn:stepsize_check:M', ...
             'stepsize_check: the observed entries of M must be finite (M(%d,%d) = %g)', ...
             i, j, M(i, j));
    end
    W0 = ld_init (fn, o.init, n1, n2);
    ld_memory_check (fn, 'M', 8 * (12 * n1 * n1 + 12 * n1 * n2 + 12 * n2 * n2), ...
                     sprintf ('a %d-by-%d completion problem', n1, n2));
    P = ld_stepsize_problem ('completion', M, mask);
  else
    Am = ld_matrix (fn, 'A', a, 'finite', 'nonempty');
    y = ld_matrix (fn, 'y', b, 'finite', 'vector', 'nonempty');
    if (numel (y) ~= size (Am, 1))
      error ('lindyn:stepsize_check:y', ...
             'stepsize_check: y must have one entry per row of A (%d)', size (Am, 1));
    end
    W0 = o.init;
    if (isnumeric (W0) && ~ iscell (W0)), W0 = {W0};  end
    if (~ iscell (W0) || isempty (W0) || ~ isnumeric (W0{1}) || ~ isnumeric (W0{end}))
      error ('lindyn:stepsize_check:init', ...
             'stepsize_check: init must be a cell vector of real matrices {W1, ..., WL}');
    end
    n1 = size (W0{1}, 1);  n2 = size (W0{end}, 2);
    if (n1 * n2 ~= size (Am, 2))
      error ('lindyn:stepsize_check:A', ...
             'stepsize_check: A must have n1*n2 = %d columns for a %d-by-%d W (got %d)', ...
             n1 * n2, n1, n2, size (Am, 2));
    end
    W0 = ld_init (fn, W0, n1, n2);
    ld_memory_check (fn, 'A', 8 * (3 * numel (Am) + 12 * n1 * n1 + 12 * n1 * n2 + 12 * n2 * n2), ...
                     sprintf ('a %d-by-%d sensing problem', n1, n2));
    P = ld_stepsize_problem ('sensing', Am, y(:), n1, n2);
  end
  L = numel (W0);  widths = cellfun (@(w) size (w, 2), W0(1:end-1));
  kmax = ld_kmax (P, widths);
  if (~ isempty (k) && k > kmax)
    error ('lindyn:stepsize_check:rank', ...
           'stepsize_check: rank must be at most %d (widths and attainable rank)', kmax);
  end
  A = ld_stepsize_advice (P, W0, T, L, widths, k);
  report = ld_report (A, W0, T, L, widths, {});
  report = rmfield (report, {'factors', 'imbalance', 'cor3', 'cor3_report'});
  report.kind = kind;
  eta_max = report.supremum;
  if (isempty (eta))
    ok = eta_max > 0;
  else
    ok = eta < eta_max;
  end
end

%!test
%! % condition 1 binds: well-separated values
%! [ok, e, r] = stepsize_check ([1 0.5 0.1], 0.1);
%! assert (ok);  assert (e, 0.5, eps);  assert (r.binding, 1);  assert (r.index, 1);
%! assert (r.bound2, [2 * 0.5 / 1; 2 * 0.4 / 0.25], -4 * eps);
%! assert (r.bound3, [0.5 / 0.5; 0.4 / 0.02], -4 * eps);

%!test
%! % condition 3 binds at the close pair: sigma = [1 0.9 0.1]:
%! % bound1 = 0.5, bound2 = [0.2; 3.95], bound3 = [0.1/1.62; 0.8/0.02]
%! [ok, e, r] = stepsize_check ([0.1 1 0.9], 0.07);   % any order
%! assert (r.binding, 3);  assert (r.index, 1);  assert (e, 0.1 / 1.62, 1e-15);
%! assert (ok, false);
%! [~, e, r] = stepsize_check ([4 1 0.9]);   % binds at i = 2: 0.1/(2*0.81)
%! assert ([r.binding, r.index], [3 2]);  assert (e, 0.1 / 1.62, 1e-15);

%!test
%! % condition 2 never binds: it is implied by conditions 1 and 3.  If
%! % sigma_{i+1} >= sigma_i/2 then bound3(i) <= bound2(i); otherwise the gap exceeds
%! % sigma_i/2 and bound2(i) > 1/sigma_i > bound1.  Checked on random spectra:
%! for trial = 1:500
%!   s = sort (rand (1, randi ([2 8])) .^ (1 + 3 * rand ()), 'descend');
%!   [~, e, r] = stepsize_check (s);
%!   assert (r.binding != 2);
%!   assert (all (r.bound2 > min (r.bound1, r.bound3)));
%!   assert (e, min ([r.bound1; r.bound2; r.bound3]));
%! end

%!test
%! % zeros do not count (r_xy = 1 here); equal values give a zero bound
%! [ok, e, r] = stepsize_check ([0 2 0]);  assert (ok);  assert (e, 0.25);
%! assert (isempty (r.bound2));
%! [ok, e] = stepsize_check ([1 1]);  assert (ok, false);  assert (e, 0);

%!function H = hess_cs (Sx, Sxy, W)
%! % the Hessian entry by entry by complex-step derivatives of eq. 11 in plain Octave
%! L = numel (W);  sz = cellfun (@numel, W);  off = [0, cumsum(sz)];  n = off(end);
%! H = zeros (n);
%! for j = 1:n
%!   Wc = W;  l = find (j > off, 1, 'last');
%!   Wc{l}(j - off(l)) = Wc{l}(j - off(l)) + 1i * 1e-30;
%!   M = eye (size (Sx, 1));  for q = 1:L, M = M * Wc{q};  end
%!   R = Sx * M - Sxy;  g = [];
%!   for q = 1:L
%!     Pre = eye (size (Sx, 1));  for t = 1:q-1, Pre = Pre * Wc{t};  end
%!     Suf = eye (size (Sxy, 2));  for t = L:-1:q+1, Suf = Wc{t} * Suf;  end
%!     Gq = Pre.' * R * Suf.';  g = [g; Gq(:)];
%!   end
%!   H(:,j) = imag (g) / 1e-30;
%! end
%! H = (H + H') / 2;

%!test
%! % an input direction outside U (Sx = diag (100, 1, 1)): at the balanced minimum (s = [1 .5]) the direction e1 in
%! % W1 has curvature lambda_max(Sx) s_1^(2(L-1)/L) = 100 at every depth, so 2/100
%! Sx = diag ([100 1 1]);  Sxy = [0 0; 1 0; 0 .5];
%! [ok, e, r] = stepsize_check (Sx, Sxy, 0.25);
%! assert (ok, false);  assert (e, 0.02, 1e-12);  assert (r.binding, 'stability');
%! assert (r.cor3, 0.5, eps);  assert (r.rank, 2);  assert (r.W, Sxy, 1e-15);
%! for L = 1:3
%!   [ok, e, r] = stepsize_check (Sx, Sxy, 0.019, 'depth', L);
%!   assert (ok);  assert (e, 0.02, 1e-12);
%!   % the factors are balanced, multiply to W*, and their Hessian's top eigenvalue by
%!   % eig of the complex-step Hessian is the sharpness used
%!   F = r.factors;  M = F{1};  for l = 2:L, M = M * F{l};  end
%!   assert (M, Sxy, 1e-14);
%!   for l = 1:L-1, assert (F{l}' * F{l}, F{l+1} * F{l+1}', 1e-14);  end
%!   assert (2 / e, max (eig (hess_cs (Sx, Sxy, F))), 1e-10 * 100);
%! end

%!test
%! % whitened input, d = p = r: the Hessian at the balanced two-layer minimum has
%! % eigenvalues s_i + s_j and 0 (2x2 blocks [s_j sqrt(s_i s_j); sqrt(s_i s_j) s_i]), so
%! % the bound is 2/(2 sigma_1) = 1/sigma_1, twice Cor. 3's 1/(2 sigma_1)
%! [ok, e, r] = stepsize_check (eye (3), diag ([2 1 0.2]));
%! % binding names the bound that gives eta_max (Cor. 3's smaller 0.25 is reported
%! % beside it: a sufficient condition for mode-by-mode learning, not a stability bound)
%! assert (e, 0.5, 1e-12);  assert (r.cor3, 0.25, eps);  assert (r.binding, 'stability');
%! assert (r.(r.binding), e);  assert (r.recommended, e / 2);
%! % d > p: input directions outside U with Sx eigenvalue 5 add curvature 5 s_1 = 10
%! [~, e] = stepsize_check (blkdiag (eye (2), 5), [2 0; 0 1; 0 0]);
%! assert (e, 2 / 10, 1e-12);

%!test
%! % widths below the rank: the rank-1 reduced-rank solution (G ~= 0 there), checked
%! % against eig of the complex-step Hessian at the balanced rank-1 factors
%! randn ('state', 4);  A = randn (4);  Sx = A * A' / 4 + 0.1 * eye (4);  Sxy = randn (4, 3);
%! [~, e, r] = stepsize_check (Sx, Sxy, [], 'depth', 3, 'widths', [1 2]);
%! assert (r.rank, 1);  assert (r.W, rrr (Sx, Sxy, 1), 1e-12);
%! assert (2 / e, max (eig (hess_cs (Sx, Sxy, r.factors))), 1e-10 * (2 / e));
%! % init: depth and widths from the start, its imbalance reported
%! W0 = random_init ([4 2 3], 1e-2, 'seed', 3);
%! [~, e2, r2] = stepsize_check (Sx, Sxy, [], 'init', W0);
%! assert ([r2.depth, r2.widths, r2.rank], [2 2 2]);
%! assert (r2.imbalance, norm (W0{1}' * W0{1} - W0{2} * W0{2}', 'fro'), 1e-15);
%! [~, e3] = stepsize_check (Sx, Sxy, [], 'rank', 2);
%! assert (e3, e2, 1e-12 * e2);

%!test
%! % a one-dimensional problem needs the third argument; Sxy = 0: W = 0, Hessian 0 for
%! % L >= 3, and lambda(Sx) for L = 1
%! [~, e] = stepsize_check (4, 2, []);  assert (e, 2 / (2 * 2), 1e-12);
%! [~, e] = stepsize_check (4, 2);  assert (e, 1 / 8);   % the sigma form: 1/(2 sigma_1)
%! [ok, e] = stepsize_check (eye (2), zeros (2, 1), [], 'depth', 3);
%! assert (ok);  assert (e, Inf);
%! [~, e] = stepsize_check (diag ([2 1]), zeros (2, 1), [], 'depth', 1);  assert (e, 1);

%!test
%! % tied singular values: Cor. 3's bound is 0 exactly (svd's rounding gives gaps of
%! % 1e-16, counted as ties), and eta_max is the stability bound
%! [Q, ~] = qr (randn (4));  [R, ~] = qr (randn (3));
%! Sxy = Q(:, 1:3) * diag ([2 2 1]) * R';
%! [~, e, r] = stepsize_check (eye (4), Sxy, []);
%! assert (r.cor3, 0);  assert (r.cor3_report.bound3(1), 0);
%! assert (r.binding, 'stability');  assert (e, r.stability);  assert (e, 1 / 2, 1e-12);  % 1/sigma_1

%!test
%! % with a start: the start's sharpness is computed (against eig of the complex-step
%! % Hessian), the start binds when it is the sharper, eta_max = min (start, path)
%! randn ('state', 3);
%! X = round (min (255, max (0, 128 + 50 * randn (200, 6))));  Y = randn (200, 2);
%! [Sx, Sxy] = second_moments (X, Y);
%! W0 = random_init ([6 5 2], 1e-3, 'seed', 2);
%! [ok, e, r] = stepsize_check (Sx, Sxy, [], 'init', W0, 'iters', 200);
%! lam0 = max (eig (hess_cs (Sx, Sxy, W0)));
%! assert (r.sharpness_start, lam0, 1e-4 * lam0);       % Lanczos accepted at 1e-6
%! assert (r.binding, 'start');  assert (e, r.start);  assert (e, 2 / r.sharpness_start);
%! assert (r.supremum, e);  assert (r.recommended, e / 2);
%! assert (e <= r.path);  assert (r.iters, 200);
%! % no horizon: the path ends at the minimum, whose bound is the old one
%! [~, e2, r2] = stepsize_check (Sx, Sxy, [], 'init', W0);
%! assert (r2.path, r2.stability);  assert (e2, min (r2.start, r2.stability));
%! assert (r2.iters, Inf);
%! [~, e3] = stepsize_check (Sx, Sxy, [], 'init', W0, 'iters', Inf);  assert (e3, e2);

%!test
%! % L = 1: the Hessian is I (x) Sx: supremum 2/lambda_max, recommended 1/lambda_max
%! Sx = diag ([4 1 0.5]);  Sxy = [1 0; 0 1; 1 1];
%! [~, e, r] = stepsize_check (Sx, Sxy, [], 'init', {zeros(3, 2)}, 'iters', 100);
%! assert (e, 0.5, 1e-6);  assert (r.recommended, 0.25, 1e-6);

%!error <Invalid call> stepsize_check ()
%!error <Invalid call> stepsize_check (eye (2), [1; 1], [], 'depth')
%!error id=lindyn:stepsize_check:Sx stepsize_check ([1 2; 3 4], [1; 1], [])
%!error id=lindyn:stepsize_check:Sxy stepsize_check (eye (2), [1 1 1], [])
%!error id=lindyn:stepsize_check:eta stepsize_check (eye (2), [1; 1], -1)
%!error id=lindyn:stepsize_check:depth stepsize_check (eye (2), [1; 1], [], 'depth', 0)
%!error id=lindyn:stepsize_check:depth stepsize_check (eye (2), [1; 1], [], 'init', {[1; 1], 1}, 'depth', 3)
%!error id=lindyn:stepsize_check:widths stepsize_check (eye (2), [1; 1], [], 'depth', 3, 'widths', 2)
%!error id=lindyn:stepsize_check:widths stepsize_check (eye (2), [1; 1], [], 'widths', -1)
%!error id=lindyn:stepsize_check:widths stepsize_check (eye (2), [1; 1], [], 'init', {[1; 1], 1}, 'widths', 2)
%!error id=lindyn:stepsize_check:init stepsize_check (eye (2), [1; 1], [], 'init', 'ab')
%!error id=lindyn:stepsize_check:init stepsize_check (eye (2), [1; 1], [], 'init', {ones(2), ones(3, 1)})
%!error id=lindyn:stepsize_check:init stepsize_check (eye (2), [1; 1], [], 'init', {[NaN; 1], 1})
%!error id=lindyn:stepsize_check:rank stepsize_check (eye (2), [1; 1], [], 'rank', 2)
%!error id=lindyn:stepsize_check:rank stepsize_check (eye (2), [1; 1], [], 'rank', 0.5)
%!error id=lindyn:stepsize_check:option stepsize_check (eye (2), [1; 1], [], 'bogus', 1)
%!error id=lindyn:stepsize_check:sigma stepsize_check ([-1 2])
%!error id=lindyn:stepsize_check:sigma stepsize_check ([0 0])
%!error id=lindyn:stepsize_check:sigma stepsize_check (ones (2))
%!error id=lindyn:stepsize_check:eta stepsize_check (1, -2)
%!error id=lindyn:stepsize_check:eta stepsize_check (1, [1 2])
%!error id=lindyn:stepsize_check:iters stepsize_check (eye (2), [1; 1], [], 'iters', 10)
%!error id=lindyn:stepsize_check:iters stepsize_check (eye (2), [1; 1], [], 'init', {[1; 1], 1}, 'iters', 1.5)
%!error id=lindyn:stepsize_check:iters stepsize_check (eye (2), [1; 1], [], 'init', {[1; 1], 1}, 'iters', -1)
%!error id=lindyn:stepsize_check:iters stepsize_check (eye (2), [1; 1], [], 'init', {[1; 1], 1}, 'iters', NaN)
%!error id=lindyn:stepsize_check:kind stepsize_check ('completions', ones (2), true (2), [])
%!error id=lindyn:stepsize_check:init stepsize_check ('completion', ones (2), true (2), [])
%!error id=lindyn:stepsize_check:mask stepsize_check ('completion', ones (2), true (3), [], 'init', {ones(2, 1), ones(1, 2)})
%!error id=lindyn:stepsize_check:mask stepsize_check ('completion', ones (2), [1 2; 0 1], [], 'init', {ones(2, 1), ones(1, 2)})
%!error id=lindyn:stepsize_check:mask stepsize_check ('completion', ones (2), false (2), [], 'init', {ones(2, 1), ones(1, 2)})
%!error <M\(2,1\) = NaN> stepsize_check ('completion', [1 2; NaN 1], true (2), [], 'init', {ones(2, 1), ones(1, 2)})
%!error id=lindyn:stepsize_check:init stepsize_check ('completion', ones (2), true (2), [], 'init', {ones(3, 1), ones(1, 2)})
%!error id=lindyn:stepsize_check:A stepsize_check ('sensing', ones (3, 5), ones (3, 1), [], 'init', {ones(2, 1), ones(1, 2)})
%!error id=lindyn:stepsize_check:y stepsize_check ('sensing', ones (3, 4), ones (2, 1), [], 'init', {ones(2, 1), ones(1, 2)})
%!error id=lindyn:stepsize_check:eta stepsize_check ('sensing', ones (3, 4), ones (3, 1), -1, 'init', {ones(2, 1), ones(1, 2)})
%!error id=lindyn:stepsize_check:overflow stepsize_check ('completion', [1e300; 1], true (2, 1), [], 'init', {[1; 1], 1})

%!demo
%! % the step to use for a two-layer run of 2000 steps from a small random start, and
%! % what gradient descent does at it and at the supremum
%! randn ('state', 1);  X = randn (500, 8) * diag (linspace (2, 0.2, 8));
%! Y = X * randn (8, 3) + 0.1 * randn (500, 3);  [Sx, Sxy] = second_moments (X, Y);
%! W0 = random_init ([8 16 3], 1e-4, 'seed', 1);
%! [ok, eta_max, rep] = stepsize_check (Sx, Sxy, [], 'init', W0, 'iters', 2000);
%! printf ('recommended %.4g, supremum %.4g (binding: %s), bound at the minimum %.4g\n', ...
%!         rep.recommended, eta_max, rep.binding, rep.stability);
%! R = gd_deep (Sx, Sxy, [rep.recommended, eta_max], 2000, W0);
%! semilogy (R(1).t, R(1).excess_loss, R(2).t, R(2).excess_loss);
%! legend ('recommended', 'supremum');  xlabel ('iteration');  ylabel ('excess loss');
