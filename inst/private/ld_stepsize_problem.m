function P = ld_stepsize_problem (kind, a, b, n1, n2)
% -*- texinfo -*-
% @deftypefn  {} {@var{P} =} ld_stepsize_problem (@qcode{"moments"}, @var{Sx}, @var{Sxy})
% @deftypefnx {} {@var{P} =} ld_stepsize_problem (@qcode{"completion"}, @var{M}, @var{mask})
% @deftypefnx {} {@var{P} =} ld_stepsize_problem (@qcode{"sensing"}, @var{A}, @var{y}, @var{n1}, @var{n2})
% The problem description that @code{ld_stepsize_advice} works on (arguments already
% validated): the loss's end-to-end gradient @code{P.grad (W)}, its Hessian-vector
% products in the factors @code{P.hvp (F, V)} (exact), and effective second moments
% @code{P.Sx}, @code{P.Sxy} that give the modes and the path: the moments themselves;
% for completion (@code{l = 1/(2|Omega|) sum_Omega (W - M)^2}) @code{Sx = I/(n1*n2)}, the
% mean of the observed loss over the masks, and @code{Sxy = -grad l(0) = P_Omega (M)/|Omega|}
% (so @code{W* = n1*n2/|Omega| P_Omega (M)}, the estimate of the target that spectral
% initialisation takes); for sensing (@code{l = 1/(2m) |A vec(W) - y|^2})
% @code{Sx = norm (A, "fro")^2/(m*n1*n2) I} (isotropic measurements) and
% @code{Sxy = -grad l(0) = reshape (A'*y/m, n1, n2)}.  Also @code{Q}, @code{Qt},
% @code{mu} (eigenvectors and eigenvalues of Sx) and @code{Wstar} (pinv (Sx) * Sxy,
% eigenvalues at or below d*eps*max treated as zero, as @code{rrr} does).
% @end deftypefn

  P.kind = kind;
  switch (kind)
    case 'moments'
      Sx = a;  Sxy = b;
      P.Sx = Sx;  P.Sxy = Sxy;
      P.grad = @(W) Sx * W - Sxy;
      P.hvp = @(F, V) __lindyn_hessvec__ (Sx, Sxy, F, V);
      [Q, D] = eig (Sx);
      mu = max (diag (D), 0);
    case 'completion'
      M = a;  mask = b;
      M(~ mask) = 0;
      [n1, n2] = size (M);
      nobs = nnz (mask);
      P.Sx = eye (n1) / (n1 * n2);
      P.Sxy = M / nobs;
      P.grad = @(W) (W - M) .* mask / nobs;
      P.hvp = @(F, V) ld_chain_hvp (F, V, P.grad, @(dW) dW .* mask / nobs);
      Q = eye (n1);  mu = ones (n1, 1) / (n1 * n2);
    case 'sensing'
      A = a;  y = b;
      m = size (A, 1);
      c = norm (A, 'fro') ^ 2 / (m * n1 * n2);
      P.Sx = c * eye (n1);
      P.Sxy = reshape (A' * y / m, n1, n2);
      P.grad = @(W) reshape (A' * (A * W(:) - y) / m, n1, n2);
      P.hvp = @(F, V) ld_chain_hvp (F, V, P.grad, @(dW) reshape (A' * (A * dW(:)) / m, n1, n2));
      Q = eye (n1);  mu = c * ones (n1, 1);
  end
  P.Q = Q;  P.Qt = Q';  P.mu = mu;
  d = numel (mu);
  inv = zeros (d, 1);
  keep = mu > d * eps * max ([mu; 0]);
  inv(keep) = 1 ./ mu(keep);
  P.Wstar = Q * (inv .* (Q' * P.Sxy));
  G = P.Sxy' * P.Wstar;
  if (~ (all (isfinite (P.Wstar(:))) && all (isfinite (G(:))) && all (isfinite (P.Sxy(:)))))
    error ('lindyn:stepsize_check:overflow', ...
           'stepsize_check: the problem overflows in double precision (rescale the data)');
  end
end

function HV = ld_chain_hvp (F, V, grad, hess)
  % the Hessian of l(W1*...*WL) applied to V (eq. 11 differentiated along V):
  % (H V)_l = P_l' (dG S_l' + G dS_l') + dP_l' G S_l', P_l = W1..W(l-1), S_l = W(l+1)..WL,
  % dW = sum_l P_l V_l S_l, G = grad l(W), dG = hess l(W)[dW]
  L = numel (F);
  n1 = size (F{1}, 1);  n2 = size (F{L}, 2);
  Pre = cell (1, L);  Suf = cell (1, L);
  Pre{1} = eye (n1);
  for l = 2:L
    Pre{l} = Pre{l-1} * F{l-1};
  end
  Suf{L} = eye (n2);
  for l = L-1:-1:1
    Suf{l} = F{l+1} * Suf{l+1};
  end
  W = Pre{L} * F{L};
  G = grad (W);
  dW = zeros (size (W));
  for l = 1:L
    dW = dW + Pre{l} * V{l} * Suf{l};
  end
  dG = hess (dW);
  dPre = cell (1, L);  dSuf = cell (1, L);
  dPre{1} = zeros (n1, n1);
  for l = 2:L
    dPre{l} = dPre{l-1} * F{l-1} + Pre{l-1} * V{l-1};
  end
  dSuf{L} = zeros (n2, n2);
  for l = L-1:-1:1
    dSuf{l} = V{l+1} * Suf{l+1} + F{l+1} * dSuf{l+1};
  end
  HV = cell (1, L);
  for l = 1:L
    HV{l} = Pre{l}' * (dG * Suf{l}' + G * dSuf{l}') + dPre{l}' * (G * Suf{l}');
  end
end
