function [W, info] = rrr (Sx, Sxy, k, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{W} =} rrr (@var{Sx}, @var{Sxy}, @var{k})
% @deftypefnx {} {@var{W} =} rrr (@dots{}, "tol", @var{tol})
% @deftypefnx {} {[@var{W}, @var{info}] =} rrr (@dots{})
% Minimum-norm reduced-rank regression: the rank-@var{k} solutions of eq. 4.
%
% For the least-squares loss @code{f(W) = norm (Y - X*W, "fro")^2 / (2*n)}, given through
% its second moments @var{Sx} = X'X/n (d-by-d) and @var{Sxy} = X'Y/n (d-by-p), returns
% the minimum Frobenius-norm minimizer of f over the matrices of rank at most @var{k}
% (Reinsel & Velu, 1998, Thm. 2.2 with Gamma = I; Corollary 2 of the paper):
%
% @c formula
% @example
% W^@{k,*@} = W* * V_k * V_k',   W* = pinv (Sx) * Sxy,
% @end example
%
% @noindent
% where the columns of V_k are the top @var{k} right singular vectors of the fitted
% values @code{X*W*}, i.e. the top eigenvectors of @code{Sxy' * pinv (Sx) * Sxy}.  The
% excess loss of the rank-k solution is @code{sum (s(k+1:end).^2) / 2}, where s are the
% singular values of @code{X*W*/sqrt(n)}.  Note that the order of the components is that
% of @code{s_i^2 = sigma_i^2 / lambda_i} under Assumption 1 with epsilon = 0, which need
% not be the order in which gradient descent learns them; and when epsilon > 0, W* and
% hence every W^@{k,*@} also draw on directions of small variance that gradient descent
% from a small initialization reaches last (on MNIST, rrr's rank-1 solution has 150 times
% the norm of the rank-1 point gradient descent passes by): see @code{spectral_path}.
%
% @var{k} may be a scalar or a vector of ranks (nonnegative integers); @var{W} is then
% d-by-p-by-@code{numel (@var{k})}, @code{W(:,:,j)} being the rank-@code{k(j)} solution.
% Rank 0 gives zeros.  A rank at or above the attainable rank (the rank of the fitted
% values, @code{info.rank}, at most @code{min (d, p)}) gives the unconstrained
% minimum-norm solution @code{pinv (Sx) * Sxy}.
%
% Rank-deficient @var{Sx}: the pseudo-inverse treats eigenvalues of @var{Sx} at or below
% @code{@var{tol} * max (eig (Sx))} as zero; the default @var{tol} is @code{d * eps}, the
% tolerance @code{pinv} uses.  The result is then the minimum-norm solution: its columns
% lie in the range of @var{Sx}.  Singular values of the fitted values at or below
% @code{max (d, p) * eps * s(1)} count as zero when the attainable rank is computed.
%
% Ties: when @code{s(k) == s(k+1)} the rank-k minimizer is not unique (any
% k-dimensional subspace of the tied singular space gives the same loss); @code{rrr}
% returns the one built from the singular vectors LAPACK chooses, and flags such
% ranks in @code{info.tie} (gap at most @code{sqrt (eps) * s(1)}, where the result is
% also ill-conditioned).
%
% The optional @var{info} has fields @code{s} (the min (d,p) singular values of the
% fitted values @code{X*W*/sqrt(n)}, descending), @code{loss} (the excess loss
% @code{f(W^k) - min f} for each k), @code{rank} (attainable rank), @code{rank_x}
% (numerical rank of @var{Sx}), @code{tie} (logical, per k) and @code{tol}.
%
% The computation is in lindyn's C core: one symmetric eigendecomposition of @var{Sx}
% (LAPACK @code{dsyevd}) and one SVD of the whitened p-column matrix (@code{dgesvd}).
% The eigendecomposition dominates, O(d^3): about 0.2 s for MNIST's d = 784 and 20 s for
% d = 3072 on one core (five times faster than @code{pinv} and @code{svd} in Octave).
%
% Example:
% @c runnable
% @example
% @group
% X = randn (500, 8);  Y = X * randn (8, 5) + randn (500, 5);
% [Sx, Sxy] = second_moments (X, Y);
% [W, info] = rrr (Sx, Sxy, 0:5);   % 8-by-5-by-6: ranks 0 to 5
% info.loss                          % non-increasing, 0 at full rank
% @end group
% @end example
% @seealso{spectral_path, assumption1, second_moments, pinv}
% @end deftypefn

  if (nargin < 3)
    ld_usage ('rrr');
  end
  fn = 'rrr';
  [Sx, Sxy] = ld_moments_check (fn, Sx, Sxy);
  d = size (Sx, 1);
  if (isnumeric (k))               % W is d-by-p-by-numel (k): sized before k expands
    ld_memory_check (fn, 'k', 8 * numel (k) * (d * size (Sxy, 2) + 4), ...
                     sprintf ('%d-by-%d weights for %d ranks', d, size (Sxy, 2), numel (k)));
  end
  k = ld_matrix (fn, 'k', k, 'vector', 'integer', 'nonnegative');
  opts = ld_name_value (fn, struct ('tol', d * eps), varargin);
  tol = ld_matrix (fn, 'tol', opts.tol, 'scalar', 'finite', 'nonnegative');

  [W, s, rank_x, rank_fit] = __lindyn_rrr__ (Sx, Sxy, k, tol);
  if (nargout > 1)
    kk = min (k(:)', rank_fit);
    tail = flipud (cumsum (flipud ([s(:).^2; 0])));   % tail(j) = sum (s(j:end).^2)
    gap = s(1:end-1) - s(2:end);
    tie = false (1, numel (k));
    for j = 1:numel (k)
      if (k(j) >= 1 && k(j) < rank_fit)
        tie(j) = gap(k(j)) <= sqrt (eps) * s(1);
      end
    end
    info = struct ('s', s, 'loss', tail(kk + 1)' / 2, 'rank', rank_fit, ...
                   'rank_x', rank_x, 'tie', tie, 'tol', tol);
  end
end

%!shared X, Y, Sx, Sxy, n, d, p
%! rand ('seed', 1);  randn ('seed', 1);
%! n = 300;  d = 7;  p = 5;
%! X = randn (n, d) * diag (1:d);  Y = X * randn (d, p) + randn (n, p);
%! [Sx, Sxy] = second_moments (X, Y);

%!test
%! % against the truncated SVD of the fitted values X W*, computed from the data
%! Wstar = X \ Y;                      % least squares by QR, not through the moments
%! [~, ~, V] = svd (X * Wstar);
%! W = rrr (Sx, Sxy, 0:p);
%! assert (size (W), [d p p+1]);
%! for k = 0:p
%!   ref = Wstar * V(:,1:k) * V(:,1:k)';
%!   % distinct singular values (gaps ~ 10% of s_1): both routes are backward stable and
%!   % agree to ~cond(Sx) * eps relative; 1e-9 leaves a wide margin
%!   assert (W(:,:,k+1), ref, 1e-9 * norm (Wstar, 'fro'));
%! end

%!test
%! % full rank is pinv (Sx) * Sxy; the rank of the result is k
%! W = rrr (Sx, Sxy, 1:p);
%! assert (W(:,:,p), pinv (Sx) * Sxy, 1e-12 * norm (pinv (Sx) * Sxy, 'fro'));
%! for k = 1:p
%!   assert (rank (W(:,:,k)), k);
%! end

%!test
%! % Sx = I: the truncated SVD of Sxy (Eckart-Young)
%! S = randn (6, 4);  [U, D, V] = svd (S);
%! W = rrr (eye (6), S, 1:4);
%! for k = 1:4
%!   assert (W(:,:,k), U(:,1:k) * D(1:k,1:k) * V(:,1:k)', 1e-13);
%! end

%!test
%! % the loss from the data is non-increasing in k, info.loss is its excess, and no
%! % rank-k matrix (random, or a perturbation of the optimal factors) does better
%! f = @(W) norm (Y - X * W, 'fro')^2 / (2 * n);
%! [W, info] = rrr (Sx, Sxy, 0:p);
%! loss = arrayfun (@(j) f (W(:,:,j)), 1:p+1);
%! assert (all (diff (loss) <= 1e-12 * loss(1)));
%! % f(W) - min f from the data, by the least-squares solution
%! assert (info.loss, loss - f (X \ Y), 1e-10 * loss(1));
%! for k = 1:p-1
%!   [Uk, Dk, Vk] = svds (W(:,:,k+1), k);
%!   A = Uk * sqrt (Dk);  B = sqrt (Dk) * Vk';
%!   for trial = 1:50
%!     assert (f (randn (d, k) * randn (k, p)) > loss(k+1));
%!     h = 1e-3 * trial / 50;
%!     assert (f ((A + h * randn (d, k)) * (B + h * randn (k, p))) >= loss(k+1));
%!   end
%! end

%!test
%! % rank-deficient Sx (n < d): pseudo-inverse, columns in range(Sx); ranks above the
%! % attainable rank give the minimum-norm least-squares solution
%! Xs = randn (3, 6);  Ys = randn (3, 4);
%! [Sx3, Sxy3] = second_moments (Xs, Ys);
%! [W, info] = rrr (Sx3, Sxy3, [1 2 3 4 10]);
%! assert ([info.rank_x, info.rank], [3 3]);
%! assert (W(:,:,3), pinv (Xs) * Ys, 1e-10 * norm (pinv (Xs) * Ys, 'fro'));
%! assert (W(:,:,4), W(:,:,3));  assert (W(:,:,5), W(:,:,3));
%! assert (norm (W(:,:,2) - orth (Xs') * orth (Xs')' * W(:,:,2), 'fro') < 1e-12);
%! assert (info.loss(3:5), [0 0 0]);
%! assert (info.s(4), 0);

%!test
%! % ties: s_1 = s_2 is flagged, the result is still an optimal rank-1 matrix
%! [W, info] = rrr (eye (3), diag ([2 2 1]), 1:3);
%! assert (info.tie, [true false false]);
%! assert (rank (W(:,:,1)), 1);
%! assert (info.loss, [2.5 0.5 0], 1e-14);
%! assert (0.5 * norm (W(:,:,1) - diag ([2 2 1]), 'fro')^2, 2.5, 1e-14);

%!test
%! % tolerance of the pseudo-inverse: a tiny eigenvalue is dropped only with a larger tol
%! S = diag ([1 1e-12]);  Sy = [1; 1e-12];
%! assert (rrr (S, Sy, 1), [1; 1], 1e-6);
%! assert (rrr (S, Sy, 1, 'tol', 1e-9), [1; 0]);
%! [~, info] = rrr (S, Sy, 1, 'TOL', 1e-9);
%! assert (info.rank_x, 1);

%!test
%! % integer and single inputs are converted; k may be a column; empty problems
%! assert (rrr (int8 ([2 0; 0 1]), single ([1 0; 0 3]), [1; 2]), cat (3, [0 0; 0 3], [0.5 0; 0 3]), 1e-6);
%! assert (size (rrr (eye (3), zeros (3, 0), 1)), [3 0]);
%! assert (size (rrr (eye (2), ones (2), [])), [2 2 0]);

%!error <Invalid call> rrr (1, 1)
%!error id=lindyn:rrr:Sx rrr ([1 2; 3 4], [1; 1], 1)
%!error id=lindyn:rrr:Sx rrr ([1 0; 0 -1], [1; 1], 1)
%!error id=lindyn:rrr:Sx rrr ({1}, 1, 1)
%!error id=lindyn:rrr:Sxy rrr (eye (2), [1; NaN], 1)
%!error id=lindyn:rrr:Sxy rrr (eye (2), ones (3, 1), 1)
%!error id=lindyn:rrr:k rrr (eye (2), ones (2, 1), -1)
%!error id=lindyn:rrr:k rrr (eye (2), ones (2, 1), 1.5)
%!error id=lindyn:rrr:k rrr (eye (2), ones (2, 1), ones (2))
%!error id=lindyn:rrr:k rrr (eye (2), ones (2, 1), Inf)
%!error id=lindyn:rrr:k rrr (eye (2), ones (2, 1), true)
%!error id=lindyn:rrr:tol rrr (eye (2), ones (2, 1), 1, 'tol', -1)
%!error id=lindyn:rrr:tol rrr (eye (2), ones (2, 1), 1, 'tol', [1 2])
%!error id=lindyn:rrr:option rrr (eye (2), ones (2, 1), 1, 'tol')
%!error id=lindyn:rrr:option rrr (eye (2), ones (2, 1), 1, 'foo', 1)
%!error id=lindyn:rrr:option rrr (eye (2), ones (2, 1), 1, 3, 1)

%!demo
%! % The loss of reduced-rank regression as the rank grows
%! X = randn (500, 8);  Y = X * randn (8, 5) * diag ([3 2 1 .5 .1]) + randn (500, 5);
%! [Sx, Sxy] = second_moments (X, Y);
%! [W, info] = rrr (Sx, Sxy, 0:5);
%! bar (0:5, info.loss);  xlabel ('rank k');  ylabel ('f(W^{k,*}) - min f');
%! title ('reduced-rank regression: excess loss against the rank');

%!error id=lindyn:rrr:memory rrr (eye (2), ones (2), 0:1e12)
