function A = assumption1 (Sx, Sxy, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{A} =} assumption1 (@var{Sx}, @var{Sxy})
% @deftypefnx {} {@var{A} =} assumption1 (@dots{}, "tol", @var{tol}, "full", @var{full})
% The joint decomposition of Assumption 1 (eq. 13) and the size of its defect.
%
% Assumption 1 of the paper asks for orthogonal U (d-by-d) and V (p-by-p) with
%
% @c formula
% @example
% Sx = U * (Dx + B) * U',    Sxy = U * Dxy * V',    norm (B) <= epsilon,
% @end example
%
% @noindent
% Dx and Dxy diagonal.  U and V come from the singular value decomposition of
% @var{Sxy} = X'Y/n; @code{lambda_i = U(:,i)' * Sx * U(:,i)} are the diagonal entries of
% Dx and B is the off-diagonal part of @code{U' * Sx * U}.  B = 0 (epsilon = 0) exactly
% when Sx and Sxy*Sxy' commute, e.g. for the linear autoencoder (Y = X, eq. 14) or when
% Sx is proportional to the identity.
%
% @strong{Choice of U.}  The singular vectors of @var{Sxy} fix U only up to rotations
% within each group of equal singular values, and leave the columns beyond the rank
% r_xy of @var{Sxy} (those with sigma_i = 0, including the completion of the thin U to
% d-by-d) free.  In each such block @code{assumption1} takes the eigenvectors of @var{Sx}
% restricted to the span of the block (eigenvalues descending), and rotates the matching
% columns of V alike for tied positive singular values, so that @code{Sxy = U*Dxy*V'}
% still holds.  This makes the diagonal blocks of B vanish, and since the blocks of B
% that couple different groups do not depend on these rotations, it gives the smallest
% @code{norm (B, "fro")} any admissible U can give.  Singular values at or below
% @code{@var{tol} * sigma_1} count as zero and consecutive ones closer than that count
% as tied; the default @var{tol} is @code{max (d, p) * eps}.
%
% Fields of the struct @var{A} (m = min (d, p)):
% @table @code
% @item U, V
% orthogonal, d-by-d and p-by-p.
% @item sigma
% the m singular values of @var{Sxy}, descending.
% @item lambda
% the d diagonal entries of @code{U' * Sx * U} (@code{lambda(i)} pairs with
% @code{sigma(i)} for i <= m).
% @item Dx, Dxy, B
% @code{diag (lambda)} (d-by-d), the d-by-p diagonal matrix of the sigma, and the
% off-diagonal part of @code{U' * Sx * U} (d-by-d, zero diagonal, symmetric).
% @item epsilon
% @code{norm (B)}, the 2-norm of eq. 13, for the full U.
% @item U_thin, B_thin, epsilon_thin
% the same for the thin U = @code{U(:,1:m)}: B_thin = @code{B(1:m,1:m)}, the
% off-diagonal part of @code{U_thin' * Sx * U_thin}, and its 2-norm.
% @item rank_xy, tol
% the numerical rank of @var{Sxy} and the tolerance used.
% @end table
%
% Cost: the full decomposition takes O(d^3) operations (an eigendecomposition of
% @var{Sx} on the complement, the product @code{U' * Sx * U} and the 2-norm of B), about a
% minute for d = 3072 on one core.  With @qcode{"full"}, false only the thin fields are
% computed, in O(d^2 m) when @var{Sxy} has full rank m: then @code{U}, @code{Dx}, @code{B}
% are empty, @code{epsilon} is NaN and @code{lambda} has the m entries of the thin U
% (the thin fields are the same either way).
%
% The decomposition is computed in lindyn's C core (LAPACK @code{dgesvd} for
% @var{Sxy}, @code{dsyevd} for the free blocks and for the norms of B).
%
% Example:
% @c runnable
% @example
% @group
% X = randn (1000, 6) * diag ([3 2 2 1 1 .5]);  Y = X(:, 1:2) + 0.1 * randn (1000, 2);
% [Sx, Sxy] = second_moments (X, Y);
% A = assumption1 (Sx, Sxy);
% norm (Sx - A.U * (A.Dx + A.B) * A.U')            % about 1e-14
% A.epsilon_thin / norm (Sx)                        % about 1e-3: nearly co-diagonal
% @end group
% @end example
% @seealso{assumption_deltas, spectral_path, rrr, second_moments}
% @end deftypefn

  if (nargin < 2)
    ld_usage ('assumption1');
  end
  fn = 'assumption1';
  [Sx, Sxy] = ld_moments_check (fn, Sx, Sxy);
  [d, p] = size (Sxy);
  opts = ld_name_value (fn, struct ('tol', max (d, p) * eps, 'full', true), varargin);
  tol = ld_matrix (fn, 'tol', opts.tol, 'scalar', 'finite', 'nonnegative');
  full = opts.full;
  if (~ ((islogical (full) || isnumeric (full)) && isscalar (full) && isreal (full) ...
         && ~ isnan (full)))
    error ('lindyn:assumption1:full', 'assumption1: full must be a logical scalar');
  end
  full = logical (full);

  [U, V, sigma, lambda, B, epsilon, rank_xy] = __lindyn_assumption1__ (Sx, Sxy, tol, full);
  m = min (d, p);
  Dxy = zeros (d, p);
  Dxy(1:m, 1:m) = diag (sigma);
  A = struct ('U', U, 'V', V, 'sigma', sigma, 'lambda', lambda, 'Dx', diag (lambda), ...
              'Dxy', Dxy, 'B', B, 'epsilon', epsilon(1), 'U_thin', U(:, 1:m), ...
              'B_thin', B(1:m, 1:m), 'epsilon_thin', epsilon(2), 'rank_xy', rank_xy, ...
              'tol', tol);
  if (~ full)
    A.U = [];  A.Dx = [];  A.B = [];
  end
end

%!test
%! % random moments: reconstruction of Sx and Sxy to rounding error, orthogonality,
%! % epsilon and sigma against Octave's norm and svd
%! X = randn (200, 6);  Y = randn (200, 3);
%! [Sx, Sxy] = second_moments (X, Y);
%! A = assumption1 (Sx, Sxy);
%! % entries of the moments are O(1): identities hold to a few hundred eps
%! assert (A.U * (A.Dx + A.B) * A.U', Sx, 1e-13);
%! assert (A.U * A.Dxy * A.V', Sxy, 1e-13);
%! assert (A.U' * A.U, eye (6), 1e-13);  assert (A.V' * A.V, eye (3), 1e-13);
%! assert (A.sigma, svd (Sxy), 1e-13);
%! assert (A.lambda, diag (A.U' * Sx * A.U), 1e-13);
%! assert (A.epsilon, norm (A.B), 1e-13);
%! assert (A.epsilon_thin, norm (A.U_thin' * Sx * A.U_thin - diag (A.lambda(1:3))), 1e-13);
%! assert (A.rank_xy, 3);
%! assert (A.epsilon > 1e-3);     % random moments do not commute

%!test
%! % the completion minimizes norm (B, 'fro'): no other orthonormal completion does better
%! X = randn (100, 5);  Y = randn (100, 2);
%! [Sx, Sxy] = second_moments (X, Y);
%! A = assumption1 (Sx, Sxy);
%! for trial = 1:20
%!   [Q, ~] = qr (randn (3));
%!   U = [A.U(:,1:2), A.U(:,3:5) * Q];
%!   M = U' * Sx * U;
%!   assert (norm (M - diag (diag (M)), 'fro') >= norm (A.B, 'fro') - 1e-14);
%! end
%! assert (A.B(3:5,3:5), zeros (3), 1e-14);

%!test
%! % co-diagonal Sx, Sxy (built from one orthogonal Q): B = 0, lambda read off
%! [Q, ~] = qr (randn (5));  [P, ~] = qr (randn (3));
%! Sx = Q * diag ([2 1 3 .5 .25]) * Q';  Sxy = Q(:,1:3) * diag ([3 2 1]) * P';
%! A = assumption1 (Sx, Sxy);
%! assert (A.epsilon < 1e-13);  assert (A.epsilon_thin < 1e-13);
%! assert (A.lambda, [2; 1; 3; .5; .25], 1e-13);
%! assert (A.sigma, [3; 2; 1], 1e-13);

%!test
%! % linear autoencoder (Y = X): B = 0 and lambda = sigma (eq. 14), even with a repeated
%! % eigenvalue (tied singular values are rotated to diagonalize Sx)
%! X = randn (400, 4) * diag ([2 1 1 .5]);
%! [Sx, Sxy] = second_moments (X, X);
%! A = assumption1 (Sx, Sxy);
%! assert (A.epsilon < 1e-13 * norm (Sx));
%! assert (A.lambda, A.sigma, 1e-13);
%! [Q, ~] = qr (randn (4));
%! S = Q * diag ([2 2 1 1]) * Q';
%! A = assumption1 (S, S);
%! assert (A.epsilon < 1e-13);  assert (A.lambda, [2; 2; 1; 1], 1e-13);

%!test
%! % a tie of positive singular values is rotated to the eigenvectors of Sx on its span
%! [Q, ~] = qr (randn (4));
%! Sx = Q * diag ([1 3 2 4]) * Q';  Sxy = Q(:,1:2) * diag ([1 1]);
%! A = assumption1 (Sx, Sxy);
%! assert (A.epsilon < 1e-13);  assert (A.lambda, [3; 1; 4; 2], 1e-13);
%! assert (A.U * A.Dxy * A.V', Sxy, 1e-14);

%!test
%! % p > d, rank-deficient Sxy, Sxy = 0, and no outputs at all
%! Sx = [2 1; 1 2];
%! A = assumption1 (Sx, [1 2 3; 2 4 6]);
%! assert (size (A.U), [2 2]);  assert (size (A.V), [3 3]);  assert (A.rank_xy, 1);
%! assert (A.U * A.Dxy * A.V', [1 2 3; 2 4 6], 1e-14);
%! A = assumption1 (Sx, zeros (2, 1));
%! assert (A.rank_xy, 0);  assert (A.lambda, [3; 1], 1e-14);  assert (A.epsilon, 0, 1e-15);
%! A = assumption1 (Sx, zeros (2, 0));
%! assert (size (A.U_thin), [2 0]);  assert (A.epsilon_thin, 0);  assert (A.lambda, [3; 1], 1e-14);

%!test
%! % tol: near-tied singular values are treated as tied only with a larger tol
%! Sx = [2 1; 1 2];  Sxy = diag ([1, 1 - 1e-9]);
%! assert (assumption1 (Sx, Sxy).epsilon > 0.5);
%! A = assumption1 (Sx, Sxy, 'tol', 1e-6);
%! assert (A.epsilon < 1e-8);  assert (A.tol, 1e-6);

%!test
%! % "full", false: the same thin fields, without the d x d work
%! X = randn (200, 9);  Y = randn (200, 3);
%! [Sx, Sxy] = second_moments (X, Y);
%! A = assumption1 (Sx, Sxy);
%! T = assumption1 (Sx, Sxy, 'full', false);
%! assert (T.U_thin, A.U_thin);  assert (T.B_thin, A.B_thin, 1e-15);
%! assert (T.epsilon_thin, A.epsilon_thin, 1e-15);  assert (T.lambda, A.lambda(1:3), 1e-15);
%! assert (T.V, A.V);  assert (T.sigma, A.sigma);  assert (T.Dxy, A.Dxy);
%! assert (isempty (T.U) && isempty (T.B) && isempty (T.Dx) && isnan (T.epsilon));
%! % rank-deficient Sxy: the thin U's last column comes from the completion, as in full
%! T = assumption1 (Sx, Sxy(:, [1 2 2]), 'full', 0);
%! A = assumption1 (Sx, Sxy(:, [1 2 2]));
%! assert (T.rank_xy, 2);  assert (T.U_thin, A.U_thin);  assert (T.B_thin, A.B_thin, 1e-15);

%!error <Invalid call> assumption1 (1)
%!error id=lindyn:assumption1:Sx assumption1 ([1 2; 3 4], [1; 1])
%!error id=lindyn:assumption1:Sx assumption1 (-eye (2), [1; 1])
%!error id=lindyn:assumption1:Sx assumption1 ('ab', [1; 1])
%!error id=lindyn:assumption1:Sxy assumption1 (eye (2), [1; Inf])
%!error id=lindyn:assumption1:Sxy assumption1 (eye (2), ones (3, 1))
%!error id=lindyn:assumption1:Sxy assumption1 (eye (2), {1})
%!error id=lindyn:assumption1:tol assumption1 (eye (2), [1; 1], 'tol', NaN)
%!error id=lindyn:assumption1:tol assumption1 (eye (2), [1; 1], 'tol', -1)
%!error id=lindyn:assumption1:option assumption1 (eye (2), [1; 1], 'tolerance', 1)
%!error id=lindyn:assumption1:full assumption1 (eye (2), [1; 1], 'full', 'yes')
%!error id=lindyn:assumption1:full assumption1 (eye (2), [1; 1], 'full', [1 1])

%!demo
%! % How far from co-diagonal are the moments of a small classification problem?
%! n = 2000;  d = 20;  labels = randi (4, n, 1);
%! X = randn (n, d) + 2 * double (labels == 1:4) * randn (4, d);
%! Y = double (labels == 1:4);                       % one-hot
%! [Sx, Sxy] = second_moments (X, Y);
%! A = assumption1 (Sx, Sxy);
%! printf ('epsilon (thin U) = %.3g, epsilon (full U) = %.3g, norm (Sx) = %.3g\n', ...
%!         A.epsilon_thin, A.epsilon, norm (Sx));
%! imagesc (abs (A.B));  axis square;  colorbar;
%! title ('|B|: off-diagonal part of U'' Sx U (eq. 13)');
