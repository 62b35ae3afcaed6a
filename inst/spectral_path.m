function [W, info] = spectral_path (Sx, Sxy, k, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{W} =} spectral_path (@var{Sx}, @var{Sxy}, @var{k})
% @deftypefnx {} {@var{W} =} spectral_path (@dots{}, @var{name}, @var{value}, @dots{})
% @deftypefnx {} {[@var{W}, @var{info}] =} spectral_path (@dots{})
% The matrices two-layer gradient descent visits from a small initialization.
%
% Under Assumption 1 (eq. 13, with U, V, sigma_i and lambda_i = u_i' Sx u_i from
% @code{assumption1}), the product W1*W2 of a two-layer linear network started near zero
% learns the modes one at a time, in decreasing order of sigma_i, each mode converging to
% sigma_i / lambda_i (Thm. 1, eq. 16; Thm. 2; Thm. 3 for gradient descent).  Between the
% k-th and the (k+1)-th phase transition it is close to
%
% @c formula
% @example
% W_k = U(:,1:k) * diag (sigma(1:k) ./ lambda(1:k)) * V(:,1:k)'.
% @end example
%
% @noindent
% @code{spectral_path} returns these matrices for a scalar or a vector @var{k} of ranks
% (d-by-p-by-@code{numel (k)}); ranks above r_xy, the rank of @var{Sxy}, give W_(r_xy):
% the modes with sigma_i = 0 are never learned.
%
% @strong{Relation to reduced-rank regression.}  Corollary 2 of the paper identifies
% W_k with the minimum-norm rank-k regression solution @code{rrr (Sx, Sxy, k)}.  That
% holds when B = 0 and the top k modes by sigma_i are also the top k by
% sigma_i^2 / lambda_i (the order rrr follows), e.g. when Sx is proportional to the
% identity or for the linear autoencoder (lambda_i = sigma_i).  Otherwise the two paths
% differ: with lambda = (4,1,1,1) and sigma = (.9,.5,.2,.05), gradient descent first
% learns mode 1 while the rank-1 regression solution is mode 2.  With B nonzero the two
% differ even where the orders agree, because W* = pinv(Sx)*Sxy draws on directions of
% small variance: on MNIST (raw pixels, one-hot labels, Delta_xy = 3e-2) the relative
% distance is 1.00 for every k, and two-layer gradient descent from a small start passes
% within 4% of W_1 while staying at relative distance 1.00 from the rank-1 regression solution
% (measured on the MNIST training set, 60000 images, by the tests of the source tree).  @var{info} reports this for each k:
% @table @code
% @item coincides
% logical, @code{distance <= rtol}.
% @item distance
% @code{norm (W_k - W_rrr, "fro") / norm (W_rrr, "fro")} (absolute when W_rrr = 0).
% @item order_agrees
% logical, the top k modes by sigma_i and by sigma_i^2/lambda_i are the same set (the
% condition of Cor. 2 when B = 0; with a nonzero B the paths also differ by O(epsilon)).
% @item rrr
% the stack @code{rrr (Sx, Sxy, k)}.
% @item sigma, lambda, epsilon_thin, rank_xy
% from @code{assumption1} (thin U, O(d^2 p) work): the r_xy positive singular values,
% their lambda_i, and the 2-norm of the thin B.
% @end table
%
% Cost: @var{W} needs only the thin decomposition, O(d^2 p) operations; @var{info} also
% calls @code{rrr}, whose eigendecomposition of @var{Sx} costs O(d^3).
%
% Options: @qcode{"tol"} (relative tolerance of the rank and ties of @var{Sxy}, as in
% @code{assumption1}; default @code{max (d, p) * eps}) and @qcode{"rtol"} (threshold of
% @code{info.coincides}, default 1e-8).  A positive sigma_i with lambda_i = 0 (impossible
% for moments of data, where range (Sxy) lies in range (Sx)) is an error.
%
% Example:
% @c runnable
% @example
% @group
% Sx = diag ([4 1 1 1]);  Sxy = diag ([.9 .5 .2 .05]);
% [W, info] = spectral_path (Sx, Sxy, 1:4);
% [W(1,1,1), info.rrr(2,2,1)]   % rank 1: GD's mode 1, the regression's mode 2
%   @result{} ans =
%          0.2250   0.5000
% info.coincides
%   @result{} ans =
%          0  1  1  1
% @end group
% @end example
% @seealso{rrr, assumption1, assumption_deltas}
% @end deftypefn

  if (nargin < 3)
    ld_usage ('spectral_path');
  end
  fn = 'spectral_path';
  [Sx, Sxy] = ld_moments_check (fn, Sx, Sxy);
  [d, p] = size (Sxy);
  if (isnumeric (k))               % W (and info.rrr) d-by-p-by-numel (k), before k expands
    ld_memory_check (fn, 'k', 8 * numel (k) * (d * p * (1 + (nargout > 1)) + 8), ...
                     sprintf ('%d-by-%d weights for %d ranks', d, p, numel (k)));
  end
  k = ld_matrix (fn, 'k', k, 'vector', 'integer', 'nonnegative');
  opts = ld_name_value (fn, struct ('tol', max (d, p) * eps, 'rtol', 1e-8), varargin);
  tol = ld_matrix (fn, 'tol', opts.tol, 'scalar', 'finite', 'nonnegative');
  rtol = ld_matrix (fn, 'rtol', opts.rtol, 'scalar', 'finite', 'nonnegative');

  [U, V, sigma, lambda, B, epsilon, r] = __lindyn_assumption1__ (Sx, Sxy, tol, false);
  sigma = sigma(1:r);
  lambda = lambda(1:r);
  if (any (lambda <= 0))
    i = find (lambda <= 0, 1);
    error ('lindyn:spectral_path:Sx', ...
           ['spectral_path: Sx must not vanish on the singular vectors of Sxy ', ...
            '(u_%d'' * Sx * u_%d = %g with sigma_%d = %g)'], i, i, lambda(i), i, sigma(i));
  end
  K = numel (k);
  W = zeros (d, p, K);
  for j = 1:K
    kk = min (k(j), r);
    W(:,:,j) = U(:,1:kk) * diag (sigma(1:kk) ./ lambda(1:kk), 0) * V(:,1:kk)';
  end
  if (nargout > 1)
    Wr = __lindyn_rrr__ (Sx, Sxy, k, d * eps);
    distance = zeros (1, K);
    order_agrees = true (1, K);
    [~, by_rrr] = sort (sigma.^2 ./ lambda, 'descend');
    for j = 1:K
      nr = norm (Wr(:,:,j), 'fro');
      distance(j) = norm (W(:,:,j) - Wr(:,:,j), 'fro') / max (nr, (nr == 0));
      kk = min (k(j), r);
      order_agrees(j) = isempty (setxor (1:kk, by_rrr(1:kk)));
    end
    info = struct ('coincides', distance <= rtol, 'distance', distance, ...
                   'order_agrees', order_agrees, 'rrr', Wr, 'sigma', sigma, ...
                   'lambda', lambda, 'epsilon_thin', epsilon(2), 'rank_xy', r);
  end
end

%!test
%! % the counter-example of the help text: the paths differ at k = 1 only
%! Sx = diag ([4 1 1 1]);  Sxy = diag ([.9 .5 .2 .05]);
%! [W, info] = spectral_path (Sx, Sxy, 1:4);
%! assert (W(:,:,1), diag ([.225 0 0 0]), 1e-15);
%! assert (W(:,:,4), diag ([.225 .5 .2 .05]), 1e-15);
%! assert (info.rrr(:,:,1), diag ([0 .5 0 0]), 1e-15);
%! assert (info.coincides, [false true true true]);
%! assert (info.order_agrees, [false true true true]);
%! assert (info.distance(1), norm ([.225 .5]) / .5, 1e-14);
%! assert (info.distance(2:4) < 1e-14);

%!test
%! % the same counter-example in a random orthogonal basis: W is U diag(sigma/lambda) V'
%! [Q, ~] = qr (randn (4));  [P, ~] = qr (randn (4));
%! Sx = Q * diag ([4 1 1 1]) * Q';  Sxy = Q * diag ([.9 .5 .2 .05]) * P';
%! [W, info] = spectral_path (Sx, Sxy, [1 2]);
%! assert (W(:,:,1), .225 * Q(:,1) * P(:,1)', 1e-13);
%! assert (info.coincides, [false true]);
%! assert (info.rrr(:,:,1), .5 * Q(:,2) * P(:,2)', 1e-13);

%!test
%! % equal to rrr for an autoencoder and when Sx is proportional to I
%! X = randn (300, 5) * diag ([5 4 3 2 1]);
%! [Sx, Sxy] = second_moments (X, X);
%! [W, info] = spectral_path (Sx, Sxy, 0:5);
%! assert (all (info.coincides));
%! assert (W, rrr (Sx, Sxy, 0:5), 1e-10);
%! for k = 1:5   % autoencoder: W_k is the projector on the top k principal directions
%!   assert (trace (W(:,:,k+1)), k, 1e-10);
%! end
%! S = randn (6, 3);
%! [W, info] = spectral_path (2.5 * eye (6), S, 1:3);
%! assert (all (info.coincides) && all (info.order_agrees));
%! assert (W, rrr (2.5 * eye (6), S, 1:3), 1e-13);

%!test
%! % ranks above rank (Sxy) stay at the last learned mode; k = 0 is zero
%! Sx = diag ([2 1 1]);  Sxy = [1 0; 0 0; 0 0];
%! [W, info] = spectral_path (Sx, Sxy, [0 1 2 7]);
%! assert (W(:,:,1), zeros (3, 2));
%! assert (W(:,:,2), [.5 0; 0 0; 0 0], 1e-15);
%! assert (W(:,:,4), W(:,:,2));
%! assert (info.rank_xy, 1);  assert (all (info.coincides));

%!test
%! % a non-commuting pair: distance of order epsilon even where the orders agree
%! Sx = [1 .1; .1 2];  Sxy = [1 0; 0 .1];
%! [~, info] = spectral_path (Sx, Sxy, 1, 'rtol', 0.5);
%! assert (info.epsilon_thin > 0.05);
%! assert (info.order_agrees);
%! assert (info.distance > 1e-3 && info.coincides);

%!error <Invalid call> spectral_path (1, 1)
%!error id=lindyn:spectral_path:Sx spectral_path ([1 2; 3 4], [1; 1], 1)
%!error id=lindyn:spectral_path:Sx spectral_path ([1 0; 0 0], [0; 1], 1)
%!error id=lindyn:spectral_path:Sxy spectral_path (eye (2), [1 NaN], 1)
%!error id=lindyn:spectral_path:k spectral_path (eye (2), [1; 1], -2)
%!error id=lindyn:spectral_path:rtol spectral_path (eye (2), [1; 1], 1, 'rtol', -1)
%!error id=lindyn:spectral_path:tol spectral_path (eye (2), [1; 1], 1, 'tol', 'a')
%!error id=lindyn:spectral_path:option spectral_path (eye (2), [1; 1], 1, 'rtol')

%!demo
%! % Where gradient descent goes (sigma order) and where reduced-rank regression goes
%! Sx = diag ([4 1 1 1]);  Sxy = diag ([.9 .5 .2 .05]);
%! [W, info] = spectral_path (Sx, Sxy, 1:4);
%! printf ('k = %d: ||W_k - W_rrr|| / ||W_rrr|| = %.3g, coincide = %d\n', ...
%!         [1:4; info.distance; info.coincides]);
%! bar ([squeeze(sum (sum (W.^2, 1), 2)), squeeze(sum (sum (info.rrr.^2, 1), 2))]);
%! legend ('spectral path (GD)', 'reduced-rank regression');
%! xlabel ('rank k');  ylabel ('||W_k||_F^2');

%!error id=lindyn:spectral_path:memory spectral_path (eye (2), ones (2), 0:1e12)
