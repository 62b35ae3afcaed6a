function M = lazy_rich (snapshots, Sx)
% -*- texinfo -*-
% @deftypefn  {} {@var{M} =} lazy_rich (@var{snapshots})
% @deftypefnx {} {@var{M} =} lazy_rich (@var{snapshots}, @var{Sx})
% Lazy or rich: how far the neural tangent kernel and the factors of a linear network
% have moved from the start, at each of a sequence of records.
%
% @var{snapshots} is a cell @code{@{F0, F1, @dots{}@}} of factor snapshots of one run, each
% a cell @code{@{W1, @dots{}, WL@}} of the same sizes (Wl is r(l-1)-by-r(l), r0 = d,
% rL = p, end-to-end @code{W = W1*...*WL}); the first is the start.  @var{Sx} is the
% input second moment @code{X'*X/n} (d-by-d, symmetric positive semi-definite; default
% @code{eye (d)}, whitened inputs).  @var{M} has fields, one column per snapshot:
% @table @code
% @item kernel_distance
% @code{1 - <K0, Kt> / (norm (K0, "fro") * norm (Kt, "fro"))}, the kernel distance of Fort
% et al. (2020): 0 while the kernel keeps its direction
% (lazy, kernel regime), up to 1 when it turns (rich, feature learning);
% NaN where a kernel is zero;
% @item kernel_norm
% @code{norm (Kt, "fro") / n};
% @item factor_change
% L-by-n, @code{norm (Wl(t) - Wl(0), "fro") / norm (Wl(0), "fro")} (Inf where the
% start is zero and the factor is not, NaN where both are zero);
% @item param_change
% the same for all factors together, @code{|theta(t) - theta(0)| / |theta(0)|} with
% theta the vector of every factor entry (the measure of lazy training of Chizat,
% Oyallon and Bach 2019: small when the parameters hardly move).  With unbalanced
% layers the small layer can change by a large factor while theta hardly moves.
% @end table
%
% The kernel.  The network's outputs on the n inputs (the rows of X) are @code{X*W}
% (n-by-p); their linearisation in the factors maps the increments
% @code{(dW1, @dots{}, dWL)} to @code{X*dW}, @code{dW = sum_l P_l*dWl*S_l}, with
% @code{P_l = W1*...*W(l-1)} (d-by-r(l-1), @code{P_1 = I}) and
% @code{S_l = W(l+1)*...*WL} (@code{S_L = I}); for L = 2,
% @code{dW = dW1*W2 + W1*dW2}.  The NTK is the Gram matrix of that map, np-by-np,
% @code{K = J*J'} with J its Jacobian (outputs stacked column by column); its adjoint
% gives @code{K(E) = sum_l X*P_l*P_l'*X'*E*S_l'*S_l}, that is
% @c formula
% @example
% K = sum_l kron (S_l'*S_l, X*P_l*P_l'*X'),
% @end example
% for L = 2 @code{kron (W2'*W2, X*X') + kron (I_p, X*W1*W1'*X')}.  The data enter its
% inner products only through @code{Sx}:
% @code{<K, K~> = n^2 sum_(l,m) norm (S_l*S~_m', "fro")^2 * norm (P_l'*Sx*P~_m, "fro")^2},
% so no n-by-n matrix is formed (@code{kron (S'*S, I_d) + kron (I_p, P*P')}, summed over
% l, is the kernel of the map on d-by-p end-to-end increments, the case Sx = I).
% Cost per snapshot for L = 2: about @code{2*d^2*r + 4*(d + p)*r^2} flops
% (@code{4*(d + p)*r^2} for Sx = I).  The kernel and its distance depend only on
% @code{P_l*P_l'} and @code{S_l'*S_l}, so they are the same for any orthogonal gauge of
% the hidden layers (as in the factors @code{flow_balanced} returns); the factor change
% is not.
%
% Errors: @code{lindyn:lazy_rich:snapshots}, @code{:Sx}.
%
% Example: a large lambda (lazy) and lambda = 0 (rich) from the same product scale
% @c runnable
% @example
% @group
% Sxy = diag ([1 0.5 0.2]);  t = [0 1 3 10 30];
% for lambda = [20 0]
%   W0 = random_init ([3 3 3], 1e-3, 'lambda', lambda, 'seed', 1);
%   [~, F] = flow_balanced (Sxy, t, W0);
%   M = lazy_rich (F);
%   printf ('lambda %2d: kernel distance at t = 30: %.3g\n', lambda, M.kernel_distance(end));
% end
% @end group
% @end example
% @seealso{flow_balanced, random_init, gd_deep, flow_deep}
% @end deftypefn

  fn = 'lazy_rich';
  if (nargin < 1 || nargin > 2)
    ld_usage (fn);
  end
  [Ws, d, p, widths] = check_snapshots (fn, snapshots);
  L = numel (widths) - 1;
  n = numel (Ws);
  if (nargin < 2 || isempty (Sx))
    Sx = [];
  else
    Sx = ld_matrix (fn, 'Sx', Sx, 'finite', 'square', 'rows', d);
    if (norm (Sx - Sx', 'fro') > 1e-12 * norm (Sx, 'fro'))
      error ('lindyn:lazy_rich:Sx', 'lazy_rich: Sx must be symmetric');
    end
    if (isequal (Sx, eye (d)))
      Sx = [];
    end
  end
  if (isempty (Sx))
    sx2 = d;
  else
    sx2 = norm (Sx, 'fro')^2;
  end

  M = struct ('kernel_distance', zeros (1, n), 'kernel_norm', zeros (1, n), ...
              'factor_change', zeros (L, n), 'param_change', zeros (1, n));
  [P0, S0] = chain (Ws{1});
  SP0 = times_sx (Sx, P0);
  k00 = kernel_inner (P0, S0, SP0, P0, S0, p, sx2);
  for j = 1:n
    [Pt, St] = chain (Ws{j});
    SPt = times_sx (Sx, Pt);
    ktt = kernel_inner (Pt, St, SPt, Pt, St, p, sx2);
    k0t = kernel_inner (P0, S0, SP0, Pt, St, p, sx2, SPt);
    M.kernel_norm(j) = sqrt (max (ktt, 0));
    den = sqrt (max (k00, 0) * max (ktt, 0));
    if (den > 0)
      M.kernel_distance(j) = max (0, 1 - k0t / den);
    else
      M.kernel_distance(j) = NaN;
    end
    a = zeros (1, L);  b = zeros (1, L);
    for l = 1:L
      a(l) = norm (Ws{j}{l} - Ws{1}{l}, 'fro');
      b(l) = norm (Ws{1}{l}, 'fro');
    end
    M.factor_change(:, j) = a ./ b;        % Inf for b = 0 < a, NaN for a = b = 0
    M.param_change(j) = norm (a) / norm (b);
  end
end

function [Ws, d, p, widths] = check_snapshots (fn, snapshots)
  id = 'lindyn:lazy_rich:snapshots';
  if (~ iscell (snapshots) || isempty (snapshots))
    error (id, 'lazy_rich: snapshots must be a nonempty cell of factor cells {W1, ..., WL}');
  end
  Ws = snapshots(:)';
  for j = 1:numel (Ws)
    F = Ws{j};
    if (~ iscell (F) || isempty (F))
      error (id, 'lazy_rich: snapshots{%d} must be a nonempty cell {W1, ..., WL}', j);
    end
    F = F(:)';
    for l = 1:numel (F)
      F{l} = ld_matrix (fn, 'snapshots', F{l}, 'finite');
    end
    w = [cellfun(@(A) size (A, 1), F), size(F{end}, 2)];
    if (any (cellfun (@(A) size (A, 2), F(1:end-1)) ~= w(2:end-1)))
      error (id, 'lazy_rich: the factors of snapshots{%d} do not chain (sizes %s)', ...
             j, strjoin (cellfun (@(A) sprintf ('%dx%d', size (A)), F, ...
                                  'UniformOutput', false), ', '));
    end
    if (j == 1)
      widths = w;
    elseif (~ isequal (w, widths))
      error (id, 'lazy_rich: snapshots{%d} has widths [%s], snapshots{1} [%s]', ...
             j, num2str (w), num2str (widths));
    end
    Ws{j} = F;
  end
  d = widths(1);  p = widths(end);
end

function [P, S] = chain (W)
  % P{l} = W1*...*W(l-1) and S{l} = W(l+1)*...*WL; [] stands for the identity (l = 1, L)
  L = numel (W);
  P = cell (1, L);  S = cell (1, L);
  for l = 2:L
    if (l == 2)
      P{l} = W{1};
    else
      P{l} = P{l-1} * W{l-1};
    end
  end
  for l = L-1:-1:1
    if (l == L - 1)
      S{l} = W{L};
    else
      S{l} = W{l+1} * S{l+1};
    end
  end
end

function SP = times_sx (Sx, P)
  SP = P;
  if (~ isempty (Sx))
    for l = 2:numel (P)
      SP{l} = Sx * P{l};
    end
  end
end

function v = kernel_inner (Pa, Sa, SPa, Pb, Sb, p, sx2, SPb)
  % <K_a, K_b> / n^2 = sum_(l,m) |S_l^a S_m^b'|^2 |P_l^a' Sx P_m^b|^2, [] = identity
  if (nargin < 8)
    SPb = SPa;
  end
  L = numel (Pa);
  v = 0;
  for l = 1:L
    for m = 1:L
      % |S_l^a S_m^b'|_F^2
      if (isempty (Sa{l}) && isempty (Sb{m}))
        a = p;
      elseif (isempty (Sa{l}))
        a = fro2 (Sb{m});
      elseif (isempty (Sb{m}))
        a = fro2 (Sa{l});
      else
        a = fro2 (Sa{l} * Sb{m}');
      end
      % |P_l^a' Sx P_m^b|_F^2
      if (isempty (Pa{l}) && isempty (Pb{m}))
        b = sx2;
      elseif (isempty (Pa{l}))
        b = fro2 (SPb{m});
      elseif (isempty (Pb{m}))
        b = fro2 (SPa{l});
      else
        b = fro2 (SPa{l}' * Pb{m});
      end
      v = v + a * b;
    end
  end
end

function v = fro2 (A)
  % the squared Frobenius norm (sumsq is Octave's only)
  v = sum (A(:) .^ 2);
end

%!function K = ntk_kron (X, W)
%! % the NTK from the explicit Jacobian: vec (X*P*dWl*S) = kron (S', X*P) * vec (dWl)
%! L = numel (W);  d = size (W{1}, 1);  p = size (W{end}, 2);
%! J = [];
%! for l = 1:L
%!   P = eye (d);  for k = 1:l-1, P = P * W{k};  end
%!   S = eye (p);  for k = L:-1:l+1, S = W{k} * S;  end
%!   J = [J, kron(S', X * P)];
%! end
%! K = J * J';

%!function K = ntk_fd (X, W, h)
%! % the NTK from central differences of theta -> vec (X*W1*...*WL)
%! th = cellfun (@(A) A(:), W, 'UniformOutput', false);  th = vertcat (th{:});
%! sz = cellfun (@size, W, 'UniformOutput', false);
%! f = @(th) reshape (X * prod_of (th, sz), [], 1);
%! J = zeros (numel (f (th)), numel (th));
%! for k = 1:numel (th)
%!   e = zeros (size (th));  e(k) = h;
%!   J(:, k) = (f (th + e) - f (th - e)) / (2 * h);
%! end
%! K = J * J';

%!function W = prod_of (th, sz)
%! W = 1;  o = 0;
%! for l = 1:numel (sz)
%!   n = prod (sz{l});  W = W * reshape (th(o+1:o+n), sz{l});  o = o + n;
%! end

%!function dist = kdist (K0, Kt)
%! dist = 1 - sum (K0(:) .* Kt(:)) / (norm (K0, 'fro') * norm (Kt, 'fro'));

%!test
%! % against the Gram matrix of the explicit Kronecker Jacobian on n samples, L = 1..4,
%! % unequal widths, Sx = X'*X/n (n < d too: Sx singular)
%! for L = 1:4
%!   for n = [3 9]
%!     widths = [4, 3 + (1:L-1), 2];  d = widths(1);
%!     X = randn (n, d);  Sx = X' * X / n;
%!     snaps = cell (1, 3);
%!     for j = 1:3
%!       snaps{j} = arrayfun (@(l) randn (widths(l), widths(l+1)), 1:L, 'UniformOutput', false);
%!     end
%!     M = lazy_rich (snaps, Sx);
%!     K0 = ntk_kron (X, snaps{1});
%!     for j = 1:3
%!       Kt = ntk_kron (X, snaps{j});
%!       % rounding only: both are sums of O(1) products; 1e-12 absolute on a distance
%!       assert (M.kernel_distance(j), kdist (K0, Kt), 1e-12);
%!       assert (M.kernel_norm(j), norm (Kt, 'fro') / n, 1e-12 * norm (Kt, 'fro') / n);
%!       for l = 1:L
%!         assert (M.factor_change(l, j), ...
%!                 norm (snaps{j}{l} - snaps{1}{l}, 'fro') / norm (snaps{1}{l}, 'fro'), 1e-15);
%!       end
%!       th0 = cellfun (@(A) A(:), snaps{1}, 'UniformOutput', false);  th0 = vertcat (th0{:});
%!       tht = cellfun (@(A) A(:), snaps{j}, 'UniformOutput', false);  tht = vertcat (tht{:});
%!       assert (M.param_change(j), norm (tht - th0) / norm (th0), 1e-15);
%!     end
%!     assert (M.kernel_distance(1), 0, 1e-14);
%!     if (L == 1)
%!       assert (M.kernel_distance, [0 0 0], 1e-14);     % the linear model's kernel is fixed
%!     end
%!   end
%! end

%!test
%! % against finite differences of the network's outputs (L = 3, h = 1e-5: the map is
%! % cubic, so the O(h^2) truncation is ~1e-10 relative; 1e-8 on the distance)
%! X = randn (5, 3);  W = {randn(3, 2), randn(2, 4), randn(4, 2)};
%! V = cellfun (@(A) A + 0.3 * randn (size (A)), W, 'UniformOutput', false);
%! M = lazy_rich ({W, V}, X' * X / 5);
%! assert (M.kernel_distance(2), kdist (ntk_fd (X, W, 1e-5), ntk_fd (X, V, 1e-5)), 1e-8);
%! % Sx omitted = whitened inputs: the kernel of dW on d-by-p increments (X = I, n = d)
%! M = lazy_rich ({W, V});
%! assert (M.kernel_distance(2), kdist (ntk_kron (eye (3), W), ntk_kron (eye (3), V)), 1e-12);
%! assert (lazy_rich ({W, V}, eye (3)), M);

%!test
%! % gauge invariance of the kernel: hidden layers rotated by orthogonal O
%! W = {randn(4, 3), randn(3, 2)};  V = {randn(4, 3), randn(3, 2)};
%! [O, ~] = qr (randn (3));
%! a = lazy_rich ({W, V});  b = lazy_rich ({W, {V{1} * O, O' * V{2}}});
%! assert (b.kernel_distance, a.kernel_distance, 1e-14);
%! % zero start: distance NaN, factor change Inf; scaling the factors does not move it
%! M = lazy_rich ({{zeros(2), zeros(2)}, {eye(2), eye(2)}});
%! assert (isnan (M.kernel_distance(2)));  assert (M.factor_change(:, 2), [Inf; Inf]);
%! M = lazy_rich ({W, {2 * W{1}, 2 * W{2}}});
%! assert (M.kernel_distance(2), 0, 1e-14);  assert (M.factor_change(:, 2), [1; 1], 1e-15);

%!error <Invalid call> lazy_rich ()
%!error id=lindyn:lazy_rich:snapshots lazy_rich ({})
%!error id=lindyn:lazy_rich:snapshots lazy_rich (eye (2))
%!error id=lindyn:lazy_rich:snapshots lazy_rich ({eye(2), eye(2)})
%!error id=lindyn:lazy_rich:snapshots lazy_rich ({{eye(2), ones(3)}})
%!error id=lindyn:lazy_rich:snapshots lazy_rich ({{eye(2)}, {eye(3)}})
%!error id=lindyn:lazy_rich:snapshots lazy_rich ({{eye(2), [1 NaN; 0 1]}})
%!error id=lindyn:lazy_rich:snapshots lazy_rich ({{eye(2), {1}}})
%!error id=lindyn:lazy_rich:Sx lazy_rich ({{eye(2), eye(2)}}, eye (3))
%!error id=lindyn:lazy_rich:Sx lazy_rich ({{eye(2), eye(2)}}, [1 1; 0 1])
%!error id=lindyn:lazy_rich:Sx lazy_rich ({{eye(2), eye(2)}}, [1 Inf; Inf 1])

%!demo
%! % the kernel distance along the flow, from lazy (large |lambda|) to rich (lambda = 0)
%! Sxy = diag ([1 0.5 0.2]);  t = logspace (-2, 2, 60);
%! lambdas = [-20 -2 0 2 20];  D = zeros (numel (lambdas), numel (t));
%! for i = 1:numel (lambdas)
%!   W0 = random_init ([3 3 3], 1e-3, 'lambda', lambdas(i), 'seed', 1);
%!   [~, F] = flow_balanced (Sxy, t, W0);
%!   M = lazy_rich ([{W0}, F]);  D(i, :) = M.kernel_distance(2:end);
%! end
%! semilogx (t, D);  xlabel ('t');  ylabel ('kernel distance from the start');
%! legend (arrayfun (@(l) sprintf ('\\lambda = %g', l), lambdas, 'UniformOutput', false));
