function A = ld_stepsize_advice (P, W0, T, L, widths, k)
% -*- texinfo -*-
% @deftypefn  {} {@var{A} =} ld_stepsize_advice (@var{P}, @var{W0}, @var{T})
% @deftypefnx {} {@var{A} =} ld_stepsize_advice (@var{P}, @{@}, Inf, @var{L}, @var{widths}, @var{k})
% Step-size advice for a run of @var{T} iterations (Inf: to convergence) of gradient
% descent from the factors @var{W0} = @{W1, @dots{}, WL@}: the step to use and the
% supremum of the steps that stay stable at the start and along the path the run takes.
%
% @var{P} describes the problem: @code{P = ld_stepsize_problem ("moments", Sx, Sxy)},
% @code{("completion", M, mask)} or @code{("sensing", A, y, n1, n2)} (see there).  For
% a trajectory function's divergence warning, call
% @code{A = ld_stepsize_advice (ld_stepsize_problem ("moments", Sx, Sxy), W0, iters)}
% and quote @code{A.recommended} (and @code{A.supremum}, which a diverged step exceeds).
%
% Without a start (@var{W0} = @{@}: depth @var{L}, @var{widths}), only the minimum is
% looked at.  @var{k} (optional, default the widths and the attainable rank) is the rank
% of the minimum, the rank-k reduced-rank regression solution of the effective moments.
%
% @var{A} has fields @code{recommended} (@code{supremum/2}: a step to use),
% @code{supremum} (the largest step eta with @code{eta * lambda <= 2} at the start and at
% the point the run reaches after @var{T} steps of eta), @code{binding} (@qcode{"start"}
% or @qcode{"path"}), @code{start} (@code{2/sharpness_start}), @code{path}
% (@code{2/sharpness_path}), @code{sharpness_start}, @code{sharpness_path} (at the point
% reached with the supremum), @code{W_path} (that end-to-end point), @code{iters}
% (@var{T}), @code{sigma}, @code{lambda}, @code{w0} (the modes and their effective
% starts, @code{mode_start}).  The path is predicted, not run: each mode i is learned
% as the balanced mode of depth L from its effective start (@code{mode_flow}), and in
% the output direction v_i the fit proceeds as the linear model's flow with time
% @code{beta_i(tau) = int_0^tau L s_i(t)^(2(L-1)/L) dt} (s_i the mode's singular
% value), @code{W(tau) v_i = Q (1 - exp (-mu beta_i)) Q' W* v_i} in the eigenbasis
% @code{Sx = Q diag (mu) Q'}; its sharpness is that of the balanced factors of W(tau)
% (Lanczos on exact Hessian-vector products).  doc/theory.md of the package has the
% derivation and the checks against gradient descent.
% @end deftypefn

  if (~ isempty (W0))
    L = numel (W0);
    widths = cellfun (@(w) size (w, 2), W0(1:end-1));
  end
  A = struct ('recommended', NaN, 'supremum', NaN, 'binding', 'minimum', 'start', Inf, ...
              'path', Inf, 'minimum', Inf, 'sharpness_start', NaN, ...
              'sharpness_path', NaN, 'sharpness_min', 0, 'W_path', [], 'W_min', [], ...
              'rank', 0, 'iters', T, 'sigma', [], 'lambda', [], 'w0', []);
  % the minimum: rank-k reduced-rank regression (eq. 4) of the effective moments,
  % W* V_k V_k' with V_k the top eigenvectors of Sxy' W* (Sxy' pinv (Sx) Sxy)
  Gf = P.Sxy' * P.Wstar;  Gf = (Gf + Gf') / 2;
  ld_finite (Gf);
  [Vf, Df] = eig (Gf);
  [ev, order] = sort (max (diag (Df), 0), 'descend');
  Vf = Vf(:, order);  sv = sqrt (ev);
  attainable = 0;
  if (~ isempty (sv) && sv(1) > 0)
    attainable = sum (sv > max (size (P.Wstar)) * eps * sv(1));
  end
  kmax = min ([attainable, widths]);
  if (nargin < 6 || isempty (k))
    k = kmax;
  end
  A.rank = k;
  if (k >= attainable)
    A.W_min = P.Wstar;
  else
    A.W_min = P.Wstar * Vf(:, 1:k) * Vf(:, 1:k)';
  end
  if (k > 0 && any (A.W_min(:)))
    A.sharpness_min = max (0, ld_top_eig (P, ld_balanced (A.W_min, L), 1e-12));
  elseif (L == 1)
    A.sharpness_min = max (0, ld_top_eig (P, {zeros(size (P.Wstar))}, 1e-12));
  end
  if (A.sharpness_min > 0)
    A.minimum = 2 / A.sharpness_min;
  end
  if (isempty (W0))
    A.supremum = A.minimum;
    A.recommended = A.supremum / 2;
    return;
  end
  % the start: its sharpness, computed on the factors as given
  A.sharpness_start = max (0, ld_top_eig (P, W0));
  if (A.sharpness_start > 0)
    A.start = 2 / A.sharpness_start;
  end
  % the modes of the (effective) moments and their starts
  % the unknowns of mode_start's blow-up flow: u'*W1, the middle factors, WL*v
  if (L >= 3 && sum (cellfun (@numel, W0(2:end-1))) + widths(1) + widths(end) > 2e5)
    % the blow-up ODE of mode_start would cost seconds here: an upper bound on the
    % start of every mode (product of the factors' norms), which makes the modes learned
    % earlier and the advice more cautious
    [sigma, lambda, ~, info] = ld_mode_start (P.Sx, P.Sxy, cellfun (@(w) zeros (size (w)), ...
                                                                    W0, 'UniformOutput', false), 1e-4);
    w0 = prod (cellfun (@(w) norm (w), W0)) * ones (size (sigma));
  else
    [sigma, lambda, w0, info] = ld_mode_start (P.Sx, P.Sxy, W0, 1e-4);
  end
  A.sigma = sigma;  A.lambda = lambda;  A.w0 = w0;
  km = min ([numel(sigma), widths, k]);
  M = struct ('L', L, 'k', km, 'Wmin', A.W_min, 'sigma', sigma, 'lambda', lambda, 'w0', w0, ...
              'C', P.Qt * (P.Wstar * info.V(:, 1:km)), 'V', info.V(:, 1:km), ...
              'wide', any (widths > k));
  Smin = max (A.sharpness_start, A.sharpness_min);
  if (isinf (T) || Smin == 0)
    eta = 2 / Smin;               % no horizon: the path ends at the minimum
    A.sharpness_path = A.sharpness_min;  A.W_path = A.W_min;
  else
    % f(x) = log (eta S(eta T) / 2), x = log eta, grows with x (S grows along the path):
    % its root by false position (Illinois) in a bracket [lo, hi], f(lo) <= 0 < f(hi), to
    % 2% in eta or 1% in f (the advice halves eta anyway)
    hi = min (A.start, 2 / Smin * 1e6);
    lo = 2 / Smin;
    [fh, Sh, Wh] = ld_f (P, M, A.sharpness_start, hi, T);
    if (fh <= 0)
      eta = hi;  A.sharpness_path = Sh;  A.W_path = Wh;
    else
      [fl, Sl, Wl] = ld_f (P, M, A.sharpness_start, lo, T);
      while (fl > 0 && lo > realmin)
        hi = lo;  fh = fl;        % the path predicted sharper than the minimum
        lo = lo / 2;
        [fl, Sl, Wl] = ld_f (P, M, A.sharpness_start, lo, T);
      end
      side = 0;  flo = fl;            % fl may be halved (Illinois); flo is f(lo)
      while (hi / lo > 1.02 && flo < -0.01)
        x = log (lo) + (log (hi) - log (lo)) * fl / (fl - fh);
        x = min (max (x, log (lo) + 0.01 * log (hi / lo)), log (hi) - 0.01 * log (hi / lo));
        [fx, Sx1, Wx] = ld_f (P, M, A.sharpness_start, exp (x), T);
        if (fx <= 0)
          lo = exp (x);  fl = fx;  flo = fx;  Sl = Sx1;  Wl = Wx;
          if (side == -1), fh = fh / 2;  end
          side = -1;
        else
          hi = exp (x);  fh = fx;
          if (side == 1), fl = fl / 2;  end
          side = 1;
        end
      end
      eta = lo;  A.sharpness_path = Sl;  A.W_path = Wl;
    end
  end
  if (~ isfinite (eta))
    eta = Inf;
  end
  A.supremum = eta;
  if (A.sharpness_path > 0)
    A.path = 2 / A.sharpness_path;
  end
  A.binding = 'start';
  if (A.path < A.start)
    A.binding = 'path';
  end
  A.recommended = A.supremum / 2;
end

function [f, S, W] = ld_f (P, M, lam0, eta, T)
  % log (eta S(eta T) / 2) with S the larger of the start's and the path's sharpness
  [S, W] = ld_path_sharpness (P, M, eta * T);
  f = log (eta * max (lam0, S) / 2);
end

function [lam, Wp] = ld_path_sharpness (P, M, tau)
  % the sharpness of the balanced factors of the point predicted at flow time tau
  L = M.L;  d = size (P.Wstar, 1);
  Wp = zeros (size (P.Wstar));
  if (isinf (tau))
    Wp = M.Wmin;
  elseif (tau > 0 && M.k > 0)
    N = 200;
    t = [0, tau * logspace(-6, 0, N)];
    k = M.k;  C = M.C;
    if (L == 1)
      beta = tau * ones (1, k);
    else
      w = mode_flow (M.sigma(1:k), M.lambda(1:k), M.w0(1:k), t, 'depth', L);
      % the balanced preconditioner in direction v_i: L s^(2(L-1)/L), s the larger of
      % the mode's value and the column's norm (which grows past the mode's plateau as
      % the slow directions are fitted); trapezoid in t, all modes at once
      beta = zeros (1, k);  r0 = [];
      for j = 1:N
        s = max (w(:, j+1)', sqrt (sum (((1 - exp (-P.mu * beta)) .* C) .^ 2, 1)));
        r1 = L * s .^ ((2 * L - 2) / L);
        if (j == 1), r0 = r1;  end
        beta = beta + (t(j+1) - t(j)) * (r0 + r1) / 2;
        r0 = r1;
      end
    end
    Wp = P.Q * ((1 - exp (-P.mu * beta)) .* C) * M.V';
  end
  if (~ any (Wp(:)))
    lam = 0;
    return;
  end
  F = ld_balanced (Wp, L);
  lam = ld_top_eig (P, F);
  if (L == 2 && M.wide)
    % hidden units that carry nothing add the eigenvalues +-sigma_1 of the gradient
    lam = max (lam, norm (P.grad (Wp)));
  end
  lam = max (lam, 0);
  if (d == 0), lam = 0;  end
end

function F = ld_balanced (W, L)
  % balanced factors of W of width rank (W): U s^(1/L), s^(1/L), ..., s^(1/L) V'
  [U, S, V] = svd (W, 'econ');
  s = diag (S);
  k = sum (s > max (size (W)) * eps (max ([s; 0])));
  c = s(1:k) .^ (1 / L);
  F = cell (1, L);
  if (L == 1)
    F{1} = W;
    return;
  end
  F{1} = U(:, 1:k) .* c';
  for l = 2:L-1
    F{l} = diag (c);
  end
  F{L} = c .* V(:, 1:k)';
end

function lam = ld_top_eig (P, F, tol)
  % the largest eigenvalue of the loss's Hessian in the factor entries of F
  n = sum (cellfun (@numel, F));
  if (n == 0)
    lam = 0;
    return;
  end
  if (nargin < 3)
    tol = 1e-4;
  end
  if (strcmp (P.kind, 'moments') && n <= 2e5)
    % sharpness's C core (the moments are checked already); a Ritz residual of 1e-4 of
    % the value gives the eigenvalue to that or better, plenty for a step size (the
    % minimum's bound, reported as before, to 1e-12)
    ld_finite ([F{1}(:); F{end}(:)]);
    lam = __lindyn_sharpness__ (P.Sx, P.Sxy, F, 1, tol, min (n, 300), 1);
    ld_finite (lam);
    return;
  end
  % plain Lanczos (three vectors: memory 3n) on the exact Hessian-vector products; the
  % largest Ritz value is accepted at a residual of tol times it
  sz = cellfun (@size, F, 'UniformOutput', false);
  off = [0, cumsum(cellfun (@numel, F))];
  rand_state = randn ('state');
  randn ('state', 1);
  v = randn (n, 1);
  randn ('state', rand_state);
  v = v / norm (v);
  vold = zeros (n, 1);
  al = zeros (1, 0);  be = zeros (1, 0);  b = 0;  lam = 0;
  V = cell (size (F));
  for it = 1:min (n, 150)
    for l = 1:numel (F)
      V{l} = reshape (v(off(l)+1:off(l+1)), sz{l});
    end
    HV = P.hvp (F, V);
    w = zeros (n, 1);
    for l = 1:numel (F)
      w(off(l)+1:off(l+1)) = HV{l}(:);
    end
    ld_finite (w);
    a = w' * v;
    w = w - a * v - b * vold;
    b = norm (w);
    al(end+1) = a;  be(end+1) = b;
    Tm = diag (al) + diag (be(1:end-1), 1) + diag (be(1:end-1), -1);
    [Z, D] = eig (Tm);
    [lam, j] = max (diag (D));
    if (b * abs (Z(end, j)) <= tol * abs (lam) || b == 0)
      return;
    end
    vold = v;
    v = w / b;
  end
end

function ld_finite (x)
  % the products of huge data overflow: say so instead of failing further on
  if (~ all (isfinite (x(:))))
    error ('lindyn:stepsize_check:overflow', ...
           'stepsize_check: the problem overflows in double precision (rescale the data)');
  end
end
