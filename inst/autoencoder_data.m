function [X, B, D] = autoencoder_data (n, d, r, varargin)
% -*- texinfo -*-
% @deftypefn  {} {[@var{X}, @var{B}, @var{D}] =} autoencoder_data (@var{n}, @var{d}, @var{r})
% @deftypefnx {} {[@var{X}, @var{B}, @var{D}] =} autoencoder_data (@dots{}, @var{name}, @var{value})
% Synthetic data of the linear-autoencoder experiment (section 4.2, Figure 2).
%
% The recipe of Gidel, Bach and Lacoste-Julien (2019), section 4.2: a fixed matrix
% @var{B} (d-by-r) with entries drawn from U[0, 1]; then n samples
% @code{x_i = B*z_i + eps_i}, @code{z_i ~ N(0, D)}, @code{eps_i ~ noise * N(0, I_d)}.
% @var{X} is n-by-d with @code{x_i'} as row i.  The paper uses n = 1000, d = 20,
% r = 5, @code{D = diag (4, 2, 1, 1/2, 1/4)} and noise = 1e-3; the autoencoder regresses
% Y = X on X, so @code{[Sx, Sxy] = second_moments (X, X)} has Sxy = Sx.
%
% Options (name, value):
% @table @asis
% @item @qcode{'seed'}, @var{s}
% Nonnegative integer seed (default 1).  The same (n, d, r, options) always give the
% same data; the state of @code{rand} and @code{randn} is saved and restored, so calling
% this function does not disturb other random draws.
% @item @qcode{'D'}, @var{v}
% The r variances of z (a vector of r positive numbers, or an r-by-r diagonal matrix).
% Default: @code{4 * 2.^-(0:r-1)}, which is the paper's @code{(4, 2, 1, 1/2, 1/4)} for
% r = 5.
% @item @qcode{'noise'}, @var{s}
% Standard deviation of the noise (default 1e-3; 0 gives exactly rank-r data).
% @end table
%
% Outputs: @var{X} (n-by-d), @var{B} (d-by-r), @var{D} (r-by-r diagonal).  The
% draws are made in this order: B (with @code{rand}), then Z (n-by-r, @code{randn}), then
% the noise (n-by-d, @code{randn}).
%
% Example:
% @c runnable
% @example
% @group
% [X, B, D] = autoencoder_data (1000, 20, 5, 'seed', 1);
% [Sx, Sxy] = second_moments (X, X);
% sort (eig (Sx), 'descend')(1:6)'   % five large eigenvalues, then ~1e-6
% @end group
% @end example
% @seealso{demo_figure2, second_moments, gd_deep, aligned_init}
% @end deftypefn

  if (nargin < 3 || mod (nargin, 2) ~= 1)
    ld_usage ('autoencoder_data');
  end
  n = ld_matrix ('autoencoder_data', 'n', n, 'scalar', 'integer', 'nonnegative');
  d = ld_matrix ('autoencoder_data', 'd', d, 'scalar', 'integer', 'positive');
  r = ld_matrix ('autoencoder_data', 'r', r, 'scalar', 'integer', 'positive');
  % D = [] stands for the default 4 * 2 .^ -(0:r-1), made below (r may be huge)
  [o, given] = ld_name_value ('autoencoder_data', struct ('seed', 1, 'D', [], 'noise', 1e-3), ...
                              varargin);
  seed = o.seed;  D = o.D;  noise = o.noise;
  for k = 1:numel (given)
    v = o.(given{k});
    switch (given{k})
      case 'seed'
        seed = ld_matrix ('autoencoder_data', 'seed', v, 'scalar', 'integer', 'nonnegative');
      case 'D'
        D = ld_matrix ('autoencoder_data', 'D', v, 'finite', 'nonnegative');
        if (isvector (D) && numel (D) == r)
          D = D(:)';
        elseif (isequal (size (D), [r r]) && isequal (D, diag (diag (D))))
          D = diag (D)';
        else
          error ('lindyn:autoencoder_data:D', ...
                 'autoencoder_data: D must be a vector of r = %d variances or an r-by-r diagonal matrix', r);
        end
        if (any (D <= 0))
          error ('lindyn:autoencoder_data:D', 'autoencoder_data: D must be positive');
        end
      case 'noise'
        noise = ld_matrix ('autoencoder_data', 'noise', v, 'scalar', 'finite', 'nonnegative');
    end
  end
  % B, Z (and the scaled copy), E, X = Z*B' + E (and its sum), before drawing any of them
  ld_memory_check ('autoencoder_data', 'n', 8 * (d * r + 2 * n * r + 3 * n * d + r), ...
                   sprintf ('data of n = %d, d = %d, r = %d', n, d, r));
  old_rand = rand ('state');
  old_randn = randn ('state');
  rand ('state', seed);
  randn ('state', seed);
  try
    B = rand (d, r);
    if (isempty (D))
      D = 4 * 2 .^ -(0:r-1);
    end
    Z = randn (n, r) .* sqrt (D);
    E = noise * randn (n, d);
  catch err
    rand ('state', old_rand);
    randn ('state', old_randn);
    if (strcmp (err.identifier, 'Octave:bad-alloc'))
      error ('lindyn:autoencoder_data:memory', ...
             'autoencoder_data: data of n = %g, d = %g, r = %g do not fit in memory', n, d, r);
    end
    rethrow (err);
  end
  rand ('state', old_rand);
  randn ('state', old_randn);
  X = Z * B' + E;
  D = diag (D);
end

%!test
%! % reproducible, independent of the global generator, and restores it
%! rand ('state', 7);  randn ('state', 7);
%! a = rand ();  b = randn ();
%! rand ('state', 7);  randn ('state', 7);
%! [X1, B1, D1] = autoencoder_data (50, 6, 2, 'seed', 3);
%! assert (rand (), a);  assert (randn (), b);
%! [X2, B2] = autoencoder_data (50, 6, 2, 'seed', 3);
%! assert (isequal (X1, X2) && isequal (B1, B2));
%! X3 = autoencoder_data (50, 6, 2, 'seed', 4);
%! assert (~ isequal (X1, X3));
%! assert (D1, diag ([4 2]));

%!test
%! % the recipe: B in [0,1]; without noise X = Z*B' exactly, Z recovered by least squares
%! [X, B, D] = autoencoder_data (20000, 20, 5, 'noise', 0, 'seed', 2);
%! assert (size (X), [20000 20]);  assert (size (B), [20 5]);
%! assert (all (B(:) >= 0 & B(:) <= 1));
%! assert (rank (X), 5);
%! Z = X / B';
%! assert (X, Z * B', 1e-10 * norm (X, 'fro'));
%! % the sample covariance of z is D: each variance within 5 standard errors,
%! % the standard error of a sample variance being v*sqrt(2/n) = 1% of v here
%! v = var (Z, 1);
%! assert (v, diag (D)', 5 * diag (D)' * sqrt (2 / 20000));
%! assert (diag (D)', [4 2 1 1/2 1/4]);

%!test
%! % the noise level: residual of the projection on range(B) has std 1e-3 per entry,
%! % within 5 standard errors (std of the sample std ~ s/sqrt(2N), N = n*(d-r))
%! [X, B] = autoencoder_data (2000, 20, 5, 'seed', 5);
%! [Q, ~] = qr (B, 0);
%! E = X - (X * Q) * Q';
%! s = sqrt (sum (E(:) .^ 2) / (2000 * 15));
%! assert (s, 1e-3, 5 * 1e-3 / sqrt (2 * 2000 * 15));
%! % custom variances and noise
%! [X, B, D] = autoencoder_data (10, 4, 3, 'D', [1 1 1], 'noise', 0.5);
%! assert (D, eye (3));
%! [X, B, D] = autoencoder_data (10, 4, 2, 'D', diag ([3 1]));
%! assert (D, diag ([3 1]));  assert (size (autoencoder_data (0, 4, 2)), [0 4]);

%!error id=lindyn:autoencoder_data:memory autoencoder_data (5, 1, 1e300)
%!error id=lindyn:autoencoder_data:memory autoencoder_data (8, 4e150, 2)
%!error <Invalid call> autoencoder_data (10, 5)
%!error <Invalid call> autoencoder_data (10, 5, 2, 'seed')
%!error id=lindyn:autoencoder_data:n autoencoder_data (-1, 5, 2)
%!error id=lindyn:autoencoder_data:d autoencoder_data (10, 0, 2)
%!error id=lindyn:autoencoder_data:r autoencoder_data (10, 5, 2.5)
%!error id=lindyn:autoencoder_data:seed autoencoder_data (10, 5, 2, 'seed', -1)
%!error id=lindyn:autoencoder_data:D autoencoder_data (10, 5, 2, 'D', [1 2 3])
%!error id=lindyn:autoencoder_data:D autoencoder_data (10, 5, 2, 'D', [1 0])
%!error id=lindyn:autoencoder_data:noise autoencoder_data (10, 5, 2, 'noise', -1)
%!error id=lindyn:autoencoder_data:option autoencoder_data (10, 5, 2, 'sigma', 1)

%!demo
%! % The data of Figure 2: five large eigenvalues of Sx, then the noise floor 1e-6
%! [X, B, D] = autoencoder_data (1000, 20, 5);
%! [Sx, Sxy] = second_moments (X, X);
%! lambda = sort (eig (Sx), 'descend');
%! semilogy (lambda, 'o');  xlabel ('i');  ylabel ('eigenvalue of \Sigma_x');
%! title ('autoencoder\_data (1000, 20, 5)');

%!error <n asks for .* GB of memory> autoencoder_data (1e9, 1e3, 10)
