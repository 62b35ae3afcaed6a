function [W, factors, info] = flow_balanced (Sxy, t, W0)
% -*- texinfo -*-
% @deftypefn  {} {@var{W} =} flow_balanced (@var{Sxy}, @var{t}, @var{W0})
% @deftypefnx {} {[@var{W}, @var{factors}, @var{info}] =} flow_balanced (@dots{})
% The two-layer gradient flow (eq. 12, L = 2) in closed form from any balanced or
% lambda-balanced start, for whitened inputs (@code{Sx = I}; Fukumizu 1998, and
% Dominé et al. 2025 for lambda ~= 0).  No alignment is needed.
%
% With @code{W0 = @{W1, W2@}} (W1 d-by-r, W2 r-by-p) lambda-balanced,
% @code{W2*W2' - W1'*W1 == lambda*I} (lambda = 0: balanced), the flow keeps the
% balance and @code{Q = [W1; W2']} ((d+p)-by-r) follows
% @code{dQ/dt = F*Q - Q*(Q'*Q)/2} with
% @code{F = [-lambda/2*I_d, Sxy; Sxy', lambda/2*I_p]}, so @code{P = Q*Q'} solves the
% Riccati equation
% @tex
% $$\dot P = FP + PF - P^2,\qquad
%   P(t) = e^{Ft}Q_0\Bigl(I + Q_0^\top\Bigl(\int_0^t e^{2Fs}\,ds\Bigr)Q_0\Bigr)^{-1}Q_0^\top e^{Ft},$$
% @end tex
% @ifnottex
% @c formula
% @example
% dP/dt = F*P + P*F - P^2,
% P(t) = e^(F t) Q0 inv (I + Q0' (int_0^t e^(2 F s) ds) Q0) Q0' e^(F t),
% @end example
% @end ifnottex
% whose top-right d-by-p block is @code{W1*W2(t)}.  (The gradient of
% @code{f = 1/2 tr(W'W) - tr(W'Sxy)} gives @code{dW1/dt = Sxy*W2' - W1*(W2*W2')},
% @code{dW2'/dt = Sxy'*W1 - W2'*(W1'*W1)}; with
% @code{W1'*W1 = (Q'*Q - lambda*I)/2} and @code{W2*W2' = (Q'*Q + lambda*I)/2} both
% become the rows of @code{F*Q - Q*(Q'*Q)/2}.)  lambda is read from the start,
% @code{trace (W2*W2' - W1'*W1)/r} (and returned in @code{info.lambda}).  F is
% symmetric; its eigenvectors come from the full SVD @code{Sxy = U*S*V'}: on
% @code{(u_i, v_i)} the block @code{[-lambda/2, s_i; s_i, lambda/2]} has eigenvalues
% @code{+-hypot (s_i, lambda/2)}, eigenvectors @code{[sin a_i; cos a_i]},
% @code{[cos a_i; -sin a_i]}, @code{a_i = atan2 (s_i, lambda/2)/2} (for lambda = 0,
% @code{[u_i; +-v_i]/sqrt(2)}), and the remaining @code{[u_j; 0]}, @code{[0; v_j]}
% have eigenvalues @code{-lambda/2}, @code{lambda/2}; in that basis
% @code{int_0^t e^(2 mu s) ds} is diagonal, @code{expm1 (2 mu t)/(2 mu)} (t where
% mu = 0).
%
% @var{t}: a vector of nonnegative times (any order).  @var{W} is
% d-by-p-by-@code{numel (t)}.  P is evaluated by the semigroup property, in steps
% with @code{max |mu| * h <= 8} (so no exponential exceeds e^8, nothing overflows at any
% t, and the Cholesky-like factor of the r-by-r matrix above is formed from the QR
% factorization of @code{[sqrt(Phi)*C; I]} without loss; that matrix has full column
% rank, so no start or Sxy makes the formula singular), each step exactly the formula
% above applied to the previous P; cost O(max (t) * max |mu| / 8) small QR
% factorizations, @code{max |mu| = hypot (sigma_1, lambda/2)} (refused,
% @code{lindyn:flow_balanced:t}, beyond 1e7 of them, @code{max (t) * max |mu| > 8e7}).
%
% Only P is determined: W1 and W2 themselves are fixed by the flow, but from P one
% gets them only up to an r-by-r orthogonal gauge, @code{W1*O}, @code{O'*W2}.
% @var{factors} is a 1-by-@code{numel (t)} cell of lambda-balanced factor pairs
% @code{@{W1, W2@}} with @code{[W1; W2']*[W1; W2']' = P(t)}: @code{W1*W2},
% @code{W1*W1'}, @code{W2'*W2} and the singular values of W1, W2 are those of the flow
% (so is the neural tangent kernel, which @code{lazy_rich} measures), the factors only
% up to that gauge (which may change with t).
% @var{info} has fields @code{imbalance}, the relative imbalance of the start
% @code{norm (W2*W2' - W1'*W1 - lambda*I, "fro") / (norm (W1, "fro")^2 +
% norm (W2, "fro")^2)} (0 for a zero start), @code{lambda} and @code{steps}.  A
% @code{lambda*I} part within the balance tolerance below (|lambda| sqrt(r) at most
% 1e-10 of the scale) counts as lambda = 0.
%
% A start whose imbalance exceeds 1e-10 is refused (@code{lindyn:flow_balanced:W0}):
% then P does not solve the Riccati equation above (use @code{flow_deep}).  Inputs
% that are not whitened are the caller's to rule out: the formula is for @code{Sx = I}
% (for other Sx use @code{flow_deep}).
%
% Checked against @code{flow_deep} from random balanced and lambda-balanced starts (d,
% p, r unequal, r below and above the rank of Sxy) in the tests below.  A random
% balanced start: take orthonormal columns A (d-by-k), B (p-by-k), O (r-by-k),
% k <= min (d, p, r), and positive s; then @code{W1 = A*diag(s)*O'},
% @code{W2 = O*diag(s)*B'} is balanced (@code{W1'*W1 = O*diag(s.^2)*O' = W2*W2'}), and
% every balanced pair has this form.  @code{random_init ([d r p], scale, "lambda",
% lambda)} draws lambda-balanced ones.
%
% Errors: @code{lindyn:flow_balanced:Sxy}, @code{:t}, @code{:W0}.
%
% Example:
% @c runnable
% @example
% @group
% Sxy = [1 0; 0 0.5; 0 0];
% O = orth (randn (4, 2));  A = orth (randn (3, 2));  B = orth (randn (2));
% W0 = @{A * 1e-3 * O', O * 1e-3 * B'@};       % balanced, not aligned with Sxy
% W = flow_balanced (Sxy, [0 10 40], W0);
% W(:,:,end)                                 % -> Sxy
% @end group
% @end example
%
% A lambda-balanced start (lambda = 4: lazy, both modes learned at once):
% @c runnable
% @example
% @group
% Sxy = [1 0; 0 0.5; 0 0];
% W0 = random_init ([3 2 2], 1e-3, 'lambda', 4, 'seed', 1);
% [W, ~, info] = flow_balanced (Sxy, [0 2 10], W0);
% info.lambda                                % 4
% W(:,:,end)                                 % -> Sxy
% @end group
% @end example
% @seealso{flow_deep, mode_flow, flow_linear, aligned_init, random_init, lazy_rich}
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
  % lambda from the start: W2*W2' - W1'*W1 = lambda*I.  A lambda*I part within the
  % tolerance of the balance itself counts as lambda = 0 (the balanced case).
  scale = norm (W1, 'fro')^2 + norm (W2, 'fro')^2;
  G = W2 * W2' - W1' * W1;
  lambda = 0;
  if (r > 0)
    lambda = trace (G) / r;
  end
  if (~ (abs (lambda) * sqrt (r) > 1e-10 * scale))
    lambda = 0;
  end
  imb = 0;
  if (scale > 0)
    imb = norm (G - lambda * eye (r), 'fro') / scale;
  end
  if (~ (imb <= 1e-10))
    error ('lindyn:flow_balanced:W0', ...
           ['flow_balanced: W0 is not lambda-balanced: norm (W2*W2'' - W1''*W1 - lambda*I, ', ...
            '"fro") with lambda = trace/r = %g is %.3g of norm (W1, "fro")^2 + ', ...
            'norm (W2, "fro")^2 (at most 1e-10 is accepted; flow_deep integrates any start)'], ...
           lambda, imb);
  end
  if (lambda ~= 0 && ~ isfinite (lambda))
    error ('lindyn:flow_balanced:W0', 'flow_balanced: lambda of W0 is not finite');
  end

  % eigendecomposition F = E diag(mu) E', from the full SVD of Sxy
  [U, S, V] = svd (Sxy);
  k = min (d, p);
  sigma = diag (S(1:k, 1:k));
  if (lambda == 0)
    s2 = sqrt (2);
    E = [U(:,1:k) / s2, U(:,1:k) / s2, U(:,k+1:d), zeros(d, p - k); ...
         V(:,1:k) / s2, -V(:,1:k) / s2, zeros(p, d - k), V(:,k+1:p)];
    mu = [sigma; -sigma; zeros(d - k + p - k, 1)];
  else
    % the 2-by-2 block [-lambda/2, s; s, lambda/2] on (u_i, v_i) is m*[-cos b, sin b;
    % sin b, cos b], m = hypot (s, lambda/2), b = atan2 (s, lambda/2): eigenvectors
    % [sin a; cos a] (+m) and [cos a; -sin a] (-m) with a = b/2, without cancellation
    m = hypot (sigma, lambda / 2);
    a = atan2 (sigma, lambda / 2) / 2;
    sa = sin (a)';  ca = cos (a)';
    E = [U(:,1:k) .* sa, U(:,1:k) .* ca, U(:,k+1:d), zeros(d, p - k); ...
         V(:,1:k) .* ca, -V(:,1:k) .* sa, zeros(p, d - k), V(:,k+1:p)];
    mu = [m; -m; -lambda / 2 * ones(d - k, 1); lambda / 2 * ones(p - k, 1)];
  end
  C = E' * [W1; W2'];                     % Q in F's eigenbasis, (d+p)-by-r
  nt = numel (t);
  W = zeros (d, p, nt);
  factors = cell (1, nt);
  [ts, order] = sort (t(:)');
  hmax = 8 / max ([abs(mu); 0]);          % Inf when Sxy = 0 and lambda = 0
  if (max ([t(:); 0]) / hmax > 1e7)
    error ('lindyn:flow_balanced:t', ...
           ['flow_balanced: max (t) * max |eig (F)| = %g needs more than 1e7 steps of the ', ...
            'closed form (each h <= 8/max |eig (F)|, max |eig (F)| = hypot (sigma_1, lambda/2))'], ...
           max (t) * 8 / hmax);
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
  info = struct ('imbalance', imb, 'lambda', lambda, 'steps', steps);
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

%!test
%! % lambda-balanced starts (random_init's) against flow_deep: d ~= p, r below and above
%! % the rank of Sxy, lambda of both signs, t past every transition
%! t = [0 0.3 1 3 10 30];
%! for lambda = [-2 -0.5 0.5 2]
%!   for r = [2 4]                          % rank Sxy = 3; r <= min (d, p) = 4
%!     for scale = [1e-3 0.5]
%!       W0 = random_init ([d r p], scale, 'lambda', lambda);
%!       [W, F, info] = flow_balanced (Sxy, t, W0);
%!       assert (info.lambda, lambda, 1e-12 * abs (lambda));
%!       [Wr, Fr] = flow_deep (eye (d), Sxy, t, W0, 'RelTol', 1e-12);
%!       err = max (abs (W(:) - Wr(:))) / max (abs (Wr(:)));
%!       printf ('lambda %4.1f, r = %d, scale %g: max |W - flow_deep| / max |W| = %.2e\n', ...
%!               lambda, r, scale, err);
%!       % flow_deep at RelTol 1e-12 is good to ~1e-11 relative; the closed form to ~1e-13
%!       assert (err <= 1e-9);
%!       for j = 2:numel (t)
%!         G1 = F{j}{1} * F{j}{1}';  H1 = Fr{j}{1} * Fr{j}{1}';
%!         G2 = F{j}{2}' * F{j}{2};  H2 = Fr{j}{2}' * Fr{j}{2};
%!         assert (G1, H1, 1e-9 * max (abs ([H1(:); H2(:)])));
%!         assert (G2, H2, 1e-9 * max (abs ([H1(:); H2(:)])));
%!         % the returned factors keep the balance W2 W2' - W1' W1 = lambda I
%!         assert (F{j}{2} * F{j}{2}' - F{j}{1}' * F{j}{1}, lambda * eye (r), ...
%!                 1e-12 * (norm (G1, 'fro') + norm (G2, 'fro')));
%!       end
%!     end
%!   end
%! end

%!test
%! % the printed formula itself, by expm (no eigenvectors): int_0^t e^(2Fs) ds is the
%! % top-right block of expm (t * [2F, I; 0, 0]); lambda = 0 (the balanced case, the same
%! % code as before lambda was added) and lambda ~= 0, at times where nothing overflows
%! for lambda = [0 -1.5 0.7]
%!   W0 = random_init ([d 3 p], 0.3, 'lambda', lambda, 'seed', 4);
%!   Q0 = [W0{1}; W0{2}'];  n = d + p;
%!   F = [-lambda / 2 * eye(d), Sxy; Sxy', lambda / 2 * eye(p)];
%!   [W, ~, info] = flow_balanced (Sxy, [0.7 3], W0);
%!   assert (info.lambda, lambda, 1e-12);
%!   for j = 1:2
%!     tj = [0.7 3](j);
%!     M = expm (tj * [2 * F, eye(n); zeros(n, 2 * n)]);
%!     Z = expm (F * tj) * Q0;
%!     P = Z * ((eye (3) + Q0' * M(1:n, n+1:end) * Q0) \ Z');
%!     % expm's accuracy here ~1e-14 relative to e^(2 mu t) ~ 1e3
%!     assert (W(:,:,j), P(1:d, d+1:end), 1e-11 * max (abs (P(:))));
%!   end
%! end
%! % a lambda*I part below the tolerance counts as lambda = 0
%! W0 = random_init ([d 3 p], 0.3, 'lambda', 0, 'seed', 4);
%! W0b = {W0{1}, W0{2} * (1 + 1e-13)};
%! [W, ~, info] = flow_balanced (Sxy, [1 9], W0);
%! [Wb, ~, infob] = flow_balanced (Sxy, [1 9], W0b);
%! assert ([info.lambda, infob.lambda], [0 0]);
%! assert (Wb, W, 1e-12 * max (abs (W(:))));
%! % large lambda: the flow is that of the linear model at rate ~lambda on one side;
%! % against flow_deep, lambda = 40, t up to 5 (150 steps of h <= 8/20)
%! W0 = random_init ([d 4 p], 1e-2, 'lambda', 40, 'seed', 6);
%! [W, ~, info] = flow_balanced (Sxy, [0.05 0.5 5], W0);
%! Wr = flow_deep (eye (d), Sxy, [0.05 0.5 5], W0, 'RelTol', 1e-12);
%! assert (W, Wr, 1e-9 * max (abs (Wr(:))));
%! % lambda < 0 and r = d > p: the hidden directions past p carry sqrt (-lambda) in W1
%! W0 = random_init ([d d p], 0.1, 'lambda', -1, 'seed', 7);
%! W = flow_balanced (Sxy, [2 20], W0);
%! Wr = flow_deep (eye (d), Sxy, [2 20], W0, 'RelTol', 1e-12);
%! assert (W, Wr, 1e-9 * max (abs (Wr(:))));

%!error <Invalid call> flow_balanced (1, 1)
%!error id=lindyn:flow_balanced:W0 flow_balanced (eye (2), 1, {[1 0; 0 1], [2 0; 0 1]})
%!error id=lindyn:flow_balanced:W0 flow_balanced (eye (2), 1, {[1 0; 0 1], [2 0; 0 2.0001]})
%!error id=lindyn:flow_balanced:t flow_balanced (eye (2), 1e8, {[1 0; 0 1], 3 * eye(2)})
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
