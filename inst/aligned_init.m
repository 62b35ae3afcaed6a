function [W0, info] = aligned_init (Sx, Sxy, r, delta, Q)
% -*- texinfo -*-
% @deftypefn  {} {@var{W0} =} aligned_init (@var{Sx}, @var{Sxy}, @var{r}, @var{delta})
% @deftypefnx {} {@var{W0} =} aligned_init (@var{Sx}, @var{Sxy}, @var{r}, @var{delta}, @var{Q})
% @deftypefnx {} {[@var{W0}, @var{info}] =} aligned_init (@dots{})
% Thm. 1's aligned initialization of a two-layer network, @code{W0 = @{W1, W2@}}, or of a
% deep one, @code{W0 = @{W1, @dots{}, WL@}}, when @var{r} is a vector of L-1 widths.
%
% With @code{Sxy = U*S*V'} (full SVD, U d-by-d, V p-by-p), returns
% @code{W1 = U*S1*Q} (d-by-@var{r}) and @code{W2 = inv(Q)*S2*V'} (@var{r}-by-p), where
% S1 and S2 are diagonal with entries @code{exp(-delta_i)} for
% @code{i <= m = min (d, r, p)} and zero beyond (those directions are fixed points of
% gradient descent).  The end-to-end modes start at @code{w_i(0) = exp(-2*delta_i)}:
% @code{W1*W2 = U*diag(w(0))*V'} (the convention of Thm. 1 and of the proof of Cor. 3;
% see the erratum to Thm. 2 in doc/theory.md of the package).  @var{delta} is a scalar or a vector of m
% values; @var{Q} (@var{r}-by-@var{r}, invertible, default @code{eye (r)}) mixes the
% hidden units without changing W1*W2; an orthogonal Q keeps the factors balanced
% (@code{W1'*W1 == W2*W2'}).
%
% Any depth: @var{r} @code{= [r1, @dots{}, r(L-1)]} gives L factors,
% @code{W1 = U*S1*Q1} (d-by-r1), @code{Wl = inv(Q(l-1))*Sl*Ql} (r(l-1)-by-rl),
% @code{WL = inv(Q(L-1))*SL*V'}, every Sl diagonal with @code{exp(-delta_i)} for
% @code{i <= m = min (d, r1, @dots{}, r(L-1), p)}, so that
% @code{W1*...*WL = U*diag(exp(-L*delta))*V'} (@code{info.w0 = exp(-L*delta)}).
% @var{Q} is then a cell of L-1 invertible matrices (Ql rl-by-rl, default identities);
% orthogonal ones keep the factors balanced, @code{Wl'*Wl == W(l+1)*W(l+1)'}.  Under
% eps = 0, gradient descent and the gradient flow keep every factor of this form and
% the modes follow @code{mode_gd (@dots{}, "depth", L)} and
% @code{mode_flow (@dots{}, "depth", L)}.  An empty @var{r} gives L = 1, @code{@{U*S1*V'@}}
% with modes @code{exp(-delta)}.  A scalar @var{r} is the two-layer call above.
%
% The columns of U beyond the rank of @var{Sxy} are not fixed by the SVD; they are
% chosen as eigenvectors of @var{Sx} restricted to that complement, so that when @var{Sx}
% and @var{Sxy} are co-diagonal (Assumption 1 with epsilon = 0) @code{U'*Sx*U} is
% diagonal.  @var{info} has fields @code{U}, @code{V}, @code{sigma} (singular values of
% @var{Sxy}), @code{lambda} (@code{diag (U'*Sx*U)}) and @code{w0} (m initial modes).
% Under epsilon = 0, gradient descent from this start keeps the modes decoupled and
% each follows @code{w <- w*(1 + eta*(sigma - lambda*w))^2} (eq. 22, corrected).
%
% Errors: @code{lindyn:aligned_init:Sx}, @code{:Sxy}, @code{:r}, @code{:delta}, @code{:Q},
% and @code{:memory} for a width @var{r} whose factors would not fit in memory.
%
% Example:
% @c runnable
% @example
% @group
% Sx = diag ([4 2 1]);  Sxy = diag ([1 0.5 0.1]);
% W0 = aligned_init (Sx, Sxy, 3, 5);     % modes start at exp(-10)
% R = gd_deep (Sx, Sxy, 0.1, 2000, W0);
% W3 = aligned_init (Sx, Sxy, [4 3], 3); % three factors, modes start at exp(-9)
% @end group
% @end example
% @seealso{gd_deep, random_init, stepsize_check, mode_gd, mode_flow}
% @end deftypefn

  if (nargin < 4 || nargin > 5)
    ld_usage ('aligned_init');
  end
  [Sx, Sxy] = ld_moments_check ('aligned_init', Sx, Sxy);
  if (isnumeric (r) && isempty (r))
    r = zeros (1, 0);                  % L = 1
  else
    r = ld_matrix ('aligned_init', 'r', r, 'vector', 'integer', 'positive');
  end
  r = r(:)';
  L = numel (r) + 1;
  [d, p] = size (Sxy);
  m = min ([d, r, p]);
  delta = ld_matrix ('aligned_init', 'delta', delta, 'vector', 'finite', 'nonempty');
  if (numel (delta) ~= 1 && numel (delta) ~= m)
    error ('lindyn:aligned_init:delta', ...
           'aligned_init: delta must be a scalar or have min (d, r, p) = %d entries', m);
  end
  if (nargin < 5)
    Q = cell (1, L - 1);     % identities, made below where a huge r is caught
  else
    if (L == 2 && ~ iscell (Q))
      Q = {Q};
    end
    if (~ iscell (Q) || numel (Q) ~= L - 1)
      error ('lindyn:aligned_init:Q', ...
             'aligned_init: Q must be a cell of %d matrices, one per width', L - 1);
    end
    for l = 1:L-1
      Q{l} = ld_matrix ('aligned_init', 'Q', Q{l}, 'finite', 'rows', r(l), 'cols', r(l));
      if (rcond (Q{l}) < 1e-12)
        error ('lindyn:aligned_init:Q', 'aligned_init: Q must be invertible (rcond %g)', ...
               rcond (Q{l}));
      end
    end
  end

  % Q (and its factorization), S1, S2 and the two products, sized before any is made
  rr = [d, r(:)', p];
  ld_memory_check ('aligned_init', 'r', 8 * (3 * sum (rr(1:end-1) .* rr(2:end)) + 2 * sum (r(:) .^ 2)), ...
                   sprintf ('factors of widths r = %s', mat2str (r(:)')));
  [U, S, V] = svd (Sxy);
  sigma = diag (S(1:min (d, p), 1:min (d, p)));   % diag of a vector S would build a matrix
  k = sum (sigma > max (d, p) * eps * max ([sigma; 0]));
  if (k < d)
    % complete U by the eigenvectors of Sx on the complement of range(Sxy)
    Uc = U(:, k+1:d);
    C = Uc' * Sx * Uc;
    [E, D] = eig ((C + C') / 2);
    [~, order] = sort (diag (D), 'descend');
    U(:, k+1:d) = Uc * E(:, order);
  end
  e = exp (-delta(:));
  if (numel (e) == 1), e = repmat (e, m, 1);  end
  dims = [d, r, p];
  W0 = cell (1, L);
  try
    for l = 1:L
      Sl = zeros (dims(l), dims(l+1));  Sl(1:m, 1:m) = diag (e);
      if (l < L && isempty (Q{l}))
        Q{l} = eye (r(l));
      end
      if (l > 1)
        Sl = Q{l-1} \ Sl;
      end
      if (l == 1)
        Sl = U * Sl;
      end
      if (l < L)
        Sl = Sl * Q{l};
      else
        Sl = Sl * V';
      end
      W0{l} = Sl;
    end
  catch err
    if (strcmp (err.identifier, 'Octave:bad-alloc'))
      error ('lindyn:aligned_init:memory', 'aligned_init: factors of widths r = %s do not fit in memory', ...
             mat2str (r));
    end
    rethrow (err);
  end
  if (nargout > 1)
    info = struct ('U', U, 'V', V, 'sigma', sigma, 'lambda', diag (U' * Sx * U), ...
                   'w0', e.^L);
  end
end

%!test
%! % end-to-end modes exp(-2 delta), balanced factors, U and V from the SVD of Sxy
%! A = randn (5);  Sx = A * A';  Sxy = randn (5, 3);
%! [W0, info] = aligned_init (Sx, Sxy, 4, [1 2 3]);
%! [U, S, V] = svd (Sxy);
%! assert (size (W0{1}), [5 4]);  assert (size (W0{2}), [4 3]);
%! assert (W0{1} * W0{2}, U(:,1:3) * diag (exp (-2 * [1 2 3])) * V', 1e-14);
%! assert (W0{1}' * W0{1}, W0{2} * W0{2}', 1e-15);
%! assert (info.w0, exp (-2 * [1; 2; 3]), 1e-16);
%! assert (info.sigma, diag (S), 1e-14);
%! assert (info.U' * info.U, eye (5), 1e-14);

%!test
%! % an invertible Q leaves W1*W2 unchanged; orthogonal Q keeps balance
%! Sx = eye (3);  Sxy = diag ([3 2 1]);
%! W0 = aligned_init (Sx, Sxy, 3, 2);
%! Q = [2 1 0; 0 1 0; 1 0 3];
%! Wq = aligned_init (Sx, Sxy, 3, 2, Q);
%! assert (Wq{1} * Wq{2}, W0{1} * W0{2}, 1e-15);
%! [Qo, ~] = qr (randn (3));  Wo = aligned_init (Sx, Sxy, 3, 2, Qo);
%! assert (Wo{1}' * Wo{1}, Wo{2} * Wo{2}', 1e-15);

%!test
%! % rank-deficient Sxy: U is completed by eigenvectors of Sx, so a co-diagonal Sx
%! % gives a diagonal U'*Sx*U (epsilon = 0)
%! [U, ~] = qr (randn (5));  [V, ~] = qr (randn (3));
%! Sxy = U(:,1:3) * diag ([2 1 0]) * V';
%! Sx = U * diag ([5 4 3 2 1]) * U';
%! [~, info] = aligned_init (Sx, Sxy, 2, 1);
%! B = info.U' * Sx * info.U;
%! assert (norm (B - diag (diag (B)), 'fro') < 1e-13);
%! assert (sort (info.lambda), (1:5)', 1e-13);

%!test
%! % p = 1 and d = 1: Sxy a column or a row (diag of a vector S is a matrix)
%! [W0, info] = aligned_init ([2 0; 0 1], [3; 0], 1, 1);
%! assert (W0{1} * W0{2}, [exp(-2); 0], 1e-15);  assert (info.sigma, 3);
%! [W0, info] = aligned_init (2, [0 4], 2, 1);
%! assert (W0{1} * W0{2}, [0 exp(-2)], 1e-15);  assert (info.sigma, 4);

%!error id=lindyn:aligned_init:memory aligned_init (eye (2), eye (2), 1e300, 1)
%!error <r asks for .* GB of memory \(factors of widths r = 1000000000000\), more than> aligned_init (eye (2), eye (2), 1e12, 1)
%!test
%! % depth 3 and 4: balanced factors of the stated form, end-to-end modes exp(-L delta),
%! % widths narrower and wider than d and p; orthogonal Q's keep the balance
%! A = randn (5);  Sx = A * A';  Sxy = randn (5, 3);  [U, S, V] = svd (Sxy);
%! [W0, info] = aligned_init (Sx, Sxy, [4 2], [1 2]);
%! assert (cellfun (@size, W0, 'UniformOutput', false), {[5 4], [4 2], [2 3]});
%! assert (W0{1} * W0{2} * W0{3}, U(:,1:2) * diag (exp (-3 * [1 2])) * V(:,1:2)', 1e-15);
%! assert (info.w0, exp (-3 * [1; 2]), 1e-17);
%! [Q1, ~] = qr (randn (6));  [Q2, ~] = qr (randn (7));  [Q3, ~] = qr (randn (4));
%! W0 = aligned_init (Sx, Sxy, [6 7 4], 0.5, {Q1, Q2, Q3});
%! P = W0{1} * W0{2} * W0{3} * W0{4};
%! assert (P, U(:,1:3) * exp (-2) * V', 1e-15);
%! for l = 1:3
%!   assert (W0{l}' * W0{l}, W0{l+1} * W0{l+1}', 1e-15);
%! end
%! % a scalar width is the two-layer call; [] is L = 1
%! assert (aligned_init (Sx, Sxy, 3, 2, eye (3)), aligned_init (Sx, Sxy, 3, 2, {eye(3)}));
%! W1 = aligned_init (Sx, Sxy, [], 2);
%! assert (numel (W1), 1);  assert (W1{1}, U(:,1:3) * exp (-2) * V', 1e-15);

%!error id=lindyn:aligned_init:Q aligned_init (eye (2), eye (2), [2 2], 1, eye (2))
%!error id=lindyn:aligned_init:Q aligned_init (eye (2), eye (2), [2 2], 1, {eye(2), eye(3)})
%!error id=lindyn:aligned_init:Q aligned_init (eye (2), eye (2), [2 2], 1, {eye(2), zeros(2)})
%!error id=lindyn:aligned_init:r aligned_init (eye (2), eye (2), [2 0], 1)
%!error id=lindyn:aligned_init:r aligned_init (eye (2), eye (2), ones (2), 1)
%!error id=lindyn:aligned_init:delta aligned_init (eye (3), eye (3), [3 2], [1 2 3])

%!error <Invalid call> aligned_init (1, 1, 1)
%!error id=lindyn:aligned_init:r aligned_init (1, 1, 0, 1)
%!error id=lindyn:aligned_init:r aligned_init (1, 1, 1.5, 1)
%!error id=lindyn:aligned_init:delta aligned_init (eye (2), eye (2), 2, [1 2 3])
%!error id=lindyn:aligned_init:delta aligned_init (1, 1, 1, NaN)
%!error id=lindyn:aligned_init:Q aligned_init (eye (2), eye (2), 2, 1, zeros (2))
%!error id=lindyn:aligned_init:Q aligned_init (eye (2), eye (2), 2, 1, eye (3))
%!error id=lindyn:aligned_init:Sxy aligned_init (eye (2), ones (3, 1), 2, 1)

%!demo
%! % modes learned one after the other, at iterations ~ delta / (eta sigma_i) (eq. 25)
%! Sx = eye (3);  Sxy = diag ([1 0.5 0.25]);  eta = 0.05;  delta = 5;
%! R = gd_deep (Sx, Sxy, eta, 4000, aligned_init (Sx, Sxy, 3, delta), 'sv', 3);
%! semilogx (R.t + 1, R.sv');  hold on;
%! T = delta ./ (eta * [1 0.5 0.25]);
%! plot ([T; T], [0 1], 'k--');  hold off;
%! xlabel ('iteration + 1');  ylabel ('singular values of W_1 W_2');
