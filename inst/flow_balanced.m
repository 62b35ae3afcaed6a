function [W, factors, info] = flow_balanced (Sxy, t, W0)
% -*- texinfo -*-
% @deftypefn  {} {@var{W} =} flow_balanced (@var{Sxy}, @var{t}, @var{W0})
% @deftypefnx {} {[@var{W}, @var{factors}, @var{info}] =} flow_balanced (@dots{})
% The two-layer gradient flow (eq. 12, L = 2) in closed form from any balanced start,
% for whitened inputs (@code{Sx = I}; Fukumizu 1998).  No alignment is needed.
%
% With @code{W0 = @{W1, W2@}} (W1 d-by-r, W2 r-by-p) balanced,
% @code{W1'*W1 == W2*W2'}, the flow keeps the balance and @code{Q = [W1; W2']}
% ((d+p)-by-r) follows @code{dQ/dt = F*Q - Q*(Q'*Q)/2} with
% @code{F = [0, Sxy; Sxy', 0]}, so @code{P = Q*Q'} solves the Riccati equation
% @tex
% $$\dot P = FP + PF - P^2,\qquad
%   P(t) = e^{Ft}Q_0\Bigl(I + Q_0^\top\Bigl(\int_0^t e^{2Fs}\,ds\Bigr)Q_0\Bigr)^{-1}Q_0^\top e^{Ft},$$
% @end tex
% @ifnottex
% @example
% dP/dt = F*P + P*F - P^2,
% P(t) = e^(F t) Q0 inv (I + Q0' (int_0^t e^(2 F s) ds) Q0) Q0' e^(F t),
% @end example
% @end ifnottex
% whose top-right d-by-p block is @code{W1*W2(t)}.  (The gradient of
% @code{f = 1/2 tr(W'W) - tr(W'Sxy)} gives @code{dW1/dt = Sxy*W2' - W1*(W2*W2')},
% @code{dW2'/dt = Sxy'*W1 - W2'*(W1'*W1)}, and balance turns both into
% @code{- Q*(Q'*Q)/2}.)  F's eigenvectors come from the full SVD @code{Sxy = U*S*V'}:
% @code{[u_i; +-v_i]/sqrt(2)} with eigenvalues @code{+-sigma_i}, and
% @code{[u_j; 0]}, @code{[0; v_j]} on its null space, where @code{int_0^t e^(2 mu s) ds}
% is @code{t}.
%
% @var{t}: a vector of nonnegative times (any order).  @var{W} is
% d-by-p-by-@code{numel (t)}.  P is evaluated by the semigroup property, in steps
% with @code{max |mu| * h <= 8} (so no exponential exceeds e^8 and the Cholesky-like
% factor of the r-by-r matrix above is formed from the QR factorization of
% @code{[sqrt(Phi)*C; I]} without loss), each step exactly the formula above applied to
% the previous P; cost O(max (t) * sigma_1 / 8) small QR factorizations (refused,
% @code{lindyn:flow_balanced:t}, beyond 1e7 of them, @code{max (t) * sigma_1 > 8e7}).
%
% Only P is determined: W1 and W2 themselves are fixed by the flow, but from P one
% gets them only up to an r-by-r orthogonal gauge, @code{W1*O}, @code{O'*W2}.
% @var{factors} is a 1-by-@code{numel (t)} cell of balanced factor pairs
% @code{@{W1, W2@}} with @code{[W1; W2']*[W1; W2']' = P(t)}: @code{W1*W2},
% @code{W1*W1'}, @code{W2'*W2} and the singular values of W1, W2 are those of the flow,
% the factors only up to that gauge (which may change with t).
% @var{info} has fields @code{imbalance}, the relative imbalance of the start
% @code{norm (W1'*W1 - W2*W2', "fro") / (norm (W1, "fro")^2 + norm (W2, "fro")^2)}
% (0 for a zero start), and @code{steps}.
%
% A start whose imbalance exceeds 1e-10 is refused (@code{lindyn:flow_balanced:W0}):
% then P does not solve the Riccati equation above (use @code{flow_deep}).  Inputs
% that are not whitened are the caller's to rule out: the formula is for @code{Sx = I}
% (for other Sx use @code{flow_deep}).
%
% Checked against @code{flow_deep} from random balanced starts (d, p, r unequal, r below
% and above the rank of Sxy) in the tests below.  A random balanced start: take
% orthonormal columns A (d-by-k), B (p-by-k), O (r-by-k), k <= min (d, p, r), and
% positive s; then @code{W1 = A*diag(s)*O'}, @code{W2 = O*diag(s)*B'} is balanced
% (@code{W1'*W1 = O*diag(s.^2)*O' = W2*W2'}), and every balanced pair has this form.
%
% Errors: @code{lindyn:flow_balanced:Sxy}, @code{:t}, @code{:W0}.
%
% Example:
% @example
% @group
% Sxy = [1 0; 0 0.5; 0 0];
% O = orth (randn (4, 2));  A = orth (randn (3, 2));  B = orth (randn (2));
% W0 = @{A * 1e-3 * O', O * 1e-3 * B'@};       % balanced, not aligned with Sxy
% W = flow_balanced (Sxy, [0 10 40], W0);
% W(:,:,end)                                 % -> Sxy
% @end group
% @end example
% @seealso{flow_deep, mode_flow, flow_linear, aligned_init}
% @end deftypefn

  if (nargin ~= 3)
    ld_usage ('flow_balanced');
  end
  fn = 'flow_balanced';
  Sxy = ld_matrix (fn, 'Sxy', Sxy, 'finite');
  [d, p] = size (Sxy);
  t = ld_matrix (fn, 't', t, 'finite', 'vector', 'nonnegative');
  if (~ (iscell (W0) && numel (W0) == 2))
    error ('lindyn:flow_balanced:W0', 'flow_balanced: W0 must be a cell {W1, W2}');
  end
  W1 = ld_matrix (fn, 'W0', W0{1}, 'finite');
  W2 = ld_matrix (fn, 'W0', W0{2}, 'finite');
  r = size (W1, 2);
  if (size (W1, 1) ~= d || ~ isequal (size (W2), [r, p]))
    error ('lindyn:flow_balanced:W0', ...
           'flow_balanced: W0{1} must be %d-by-r and W0{2} r-by-%d (got %dx%d and %dx%d)', ...
           d, p, size (W1, 1), size (W1, 2), size (W2, 1), size (W2, 2));
  end
  scale = norm (W1, 'fro')^2 + norm (W2, 'fro')^2;
  imb = 0;
  if (scale > 0)
    imb = norm (W1' * W1 - W2 * W2', 'fro') / scale;
  end
  if (~ (imb <= 1e-10))
    error ('lindyn:flow_balanced:W0', ...
           ['flow_balanced: W0 is not balanced: norm (W1''*W1 - W2*W2'', "fro") is %.3g ', ...
            'of norm (W1, "fro")^2 + norm (W2, "fro")^2 (at most 1e-10 is accepted; ', ...
            'flow_deep integrates any start)'], imb);
  end

  % eigendecomposition F = E diag(mu) E'
  [U, S, V] = svd (Sxy);
  k = min (d, p);
  sigma = diag (S(1:k, 1:k));
  s2 = sqrt (2);
  E = [U(:,1:k) / s2, U(:,1:k) / s2, U(:,k+1:d), zeros(d, p - k); ...
       V(:,1:k) / s2, -V(:,1:k) / s2, zeros(p, d - k), V(:,k+1:p)];
  mu = [sigma; -sigma; zeros(d - k + p - k, 1)];
  C = E' * [W1; W2'];                     % Q in F's eigenbasis, (d+p)-by-r
  nt = numel (t);
  W = zeros (d, p, nt);
  factors = cell (1, nt);
  [ts, order] = sort (t(:)');
  hmax = 8 / max ([abs(mu); 0]);          % Inf when Sxy = 0
  if (max (t) / hmax > 1e7)
    error ('lindyn:flow_balanced:t', ...
           ['flow_balanced: max (t) * sigma_1 = %g needs more than 1e7 steps of the ', ...
            'closed form (each h <= 8/sigma_1)'], max (t) * 8 / hmax);
  end
  tau = 0;  steps = 0;
  for j = 1:nt
    if (ts(j) > tau && r > 0)
      n = max (1, ceil ((ts(j) - tau) / hmax));
      h = (ts(j) - tau) / n;
      D = exp (mu * h);
      phi = h * ones (size (mu));
      nz = mu ~= 0;
      phi(nz) = expm1 (2 * mu(nz) * h) ./ (2 * mu(nz));
      for q = 1:n
        [~, R] = qr ([sqrt(phi) .* C; eye(r)], 0);   % R'*R = I + C'*diag(phi)*C
        C = (D .* C) / R;
      end
      steps = steps + n;
      tau = ts(j);
    end
    Z = E * C;
    F1 = Z(1:d, :);  F2 = Z(d+1:end, :)';
    W(:,:,order(j)) = F1 * F2;
    factors{order(j)} = {F1, F2};
  end
  info = struct ('imbalance', imb, 'steps', steps);
end

%!shared Sxy, d, p
%! d = 5;  p = 4;
%! [U, ~] = qr (randn (d));  [V, ~] = qr (randn (p));
%! Sxy = U(:,1:3) * diag ([1.5 0.7 0.2]) * V(:,1:3)';      % rank 3 < min (d, p)

%!test
%! % against flow_deep from random balanced starts: r = 2 (below rank Sxy) and r = 6
%! % (above it), small and O(1) scales, t from 0 to past every transition
%! t = [0 0.3 1 3 10 30];
%! for r = [2 6]
%!   for scale = [1e-4 0.8]
%!     k = min ([d, p, r]);
%!     A = orth (randn (d, k));  B = orth (randn (p, k));  O = orth (randn (r, k));
%!     s = scale * (1 + rand (k, 1));
%!     W0 = {A * diag(s) * O', O * diag(s) * B'};
%!     [W, F, info] = flow_balanced (Sxy, t, W0);
%!     [Wr, Fr] = flow_deep (eye (d), Sxy, t, W0, 'RelTol', 1e-12);
%!     err = max (abs (W(:) - Wr(:))) / max (abs (Wr(:)));
%!     printf ('r = %d, scale %g: max |W - flow_deep| / max |W| = %.2e (%d steps)\n', ...
%!             r, scale, err, info.steps);
%!     % flow_deep at RelTol 1e-12 is good to ~1e-11 relative; the closed form to ~1e-14
%!     assert (err <= 1e-9);
%!     % what the closed form determines: W1 W1', W2' W2 (the factors up to a gauge)
%!     for j = 2:numel (t)
%!       G1 = F{j}{1} * F{j}{1}';  H1 = Fr{j}{1} * Fr{j}{1}';
%!       G2 = F{j}{2}' * F{j}{2};  H2 = Fr{j}{2}' * Fr{j}{2};
%!       assert (G1, H1, 1e-9 * max (abs (H1(:))));
%!       assert (G2, H2, 1e-9 * max (abs (H2(:))));
%!       assert (F{j}{1}' * F{j}{1}, F{j}{2} * F{j}{2}', 1e-12 * norm (G1, 'fro'));
%!     end
%!   end
%! end

%!test
%! % the aligned special case is eq. 16: modes sigma w0 / ((sigma - w0) e^(-2 sigma t) + w0)
%! W0 = aligned_init (eye (d), Sxy, 3, 4);
%! [~, info] = aligned_init (eye (d), Sxy, 3, 4);
%! t = [2 7 40 5000];
%! W = flow_balanced (Sxy, t, W0);
%! w = mode_flow (info.sigma(1:3), 1, info.w0, t);
%! for j = 1:numel (t)
%!   M = info.U' * W(:,:,j) * info.V;
%!   assert (diag (M(1:3,1:3)), w(:,j), 1e-12 * max (w(:,j)));
%! end
%! % t = 0, unsorted and repeated times, a zero start, a zero Sxy
%! W = flow_balanced (Sxy, [3 0 3], W0);
%! assert (W(:,:,2), W0{1} * W0{2}, 1e-15);  assert (W(:,:,1), W(:,:,3));
%! assert (flow_balanced (Sxy, [0 5], {zeros(d, 2), zeros(2, p)}), zeros (d, p, 2));
%! W = flow_balanced (zeros (d, p), 10, W0);
%! % Sxy = 0: dP/dt = -P^2, P = P0 (I + P0 t)^-1
%! Q0 = [W0{1}; W0{2}'];  P = Q0 * ((eye (3) + 10 * (Q0' * Q0)) \ Q0');
%! assert (W, P(1:d, d+1:end), 1e-14);

%!error <Invalid call> flow_balanced (1, 1)
%!error id=lindyn:flow_balanced:W0 flow_balanced (eye (2), 1, {[1 0; 0 1], [2 0; 0 1]})
%!error id=lindyn:flow_balanced:W0 flow_balanced (eye (2), 1, {eye(2)})
%!error id=lindyn:flow_balanced:W0 flow_balanced (eye (2), 1, {eye(2), eye(3)})
%!error id=lindyn:flow_balanced:W0 flow_balanced (eye (2), 1, {eye(2), NaN(2)})
%!error id=lindyn:flow_balanced:W0 flow_balanced (eye (2), 1, eye (2))
%!error id=lindyn:flow_balanced:t flow_balanced (eye (2), -1, {eye(2), eye(2)})
%!error id=lindyn:flow_balanced:t flow_balanced (eye (2), ones (2), {eye(2), eye(2)})
%!error id=lindyn:flow_balanced:t flow_balanced (1e300, 1, {1, 1})
%!error id=lindyn:flow_balanced:Sxy flow_balanced ([1 Inf], 1, {1, [1 0]})
%!error id=lindyn:flow_balanced:Sxy flow_balanced ({1}, 1, {1, 1})

%!demo
%! % a random balanced start, not aligned with Sxy: the modes are still learned one at
%! % a time (the singular values of W1 W2 against t)
%! Sxy = diag ([1 0.5 0.25]);  O = orth (randn (3));  s = 1e-4;
%! A = orth (randn (3));  B = orth (randn (3));
%! W0 = {A * s * O', O * s * B'};
%! t = linspace (0, 50, 200);  W = flow_balanced (Sxy, t, W0);
%! sv = zeros (3, numel (t));
%! for j = 1:numel (t), sv(:,j) = svd (W(:,:,j));  end
%! plot (t, sv);  xlabel ('t');  ylabel ('singular values of W_1W_2');
%! title ('flow\_balanced from a random balanced start');
