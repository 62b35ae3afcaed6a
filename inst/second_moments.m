function [Sx, Sxy] = second_moments (X, Y)
% -*- texinfo -*-
% @deftypefn  {} {[@var{Sx}, @var{Sxy}] =} second_moments (@var{X}, @var{Y})
% @deftypefnx {} {@var{Sx} =} second_moments (@var{X})
% Second moments of a regression data set: @code{Sx = X'*X/n}, @code{Sxy = X'*Y/n}.
%
% @var{X} is n-by-d (one sample per row), @var{Y} is n-by-p.  The least-squares
% objective of the paper, @code{f(W) = norm (Y - X*W, "fro")^2 / (2*n)}, depends on the
% data only through these two matrices (section 2), so every other lindyn function
% takes @var{Sx} and @var{Sxy} rather than the data.
%
% The computation is done in lindyn's C core: @var{Sx} by one symmetric rank-n update
% (BLAS @code{dsyrk}) and returned exactly symmetric; @var{Sxy} by one matrix product.
% Nothing of size n-by-n is formed, so n may be far larger than d.
%
% Input classes: single and integer inputs are converted to double.  A sparse @var{X}
% or @var{Y} is handled with Octave's sparse products (no full copy of the data is
% made) and gives full, exactly symmetric results.  Logical, char, complex and
% non-finite inputs are refused, as are @var{X} and @var{Y} with different numbers of
% rows (errors @code{lindyn:second_moments:X}, @code{lindyn:second_moments:Y}).
% Moments too large for memory give @code{lindyn:second_moments:memory} (or, from the
% C core, @code{lindyn:__lindyn_second_moments__:memory}).
% Data up to 1e150 in magnitude give accurate moments; moments that overflow are an
% error (@code{lindyn:second_moments:overflow}), columns whose squares underflow a
% warning (@code{lindyn:second_moments:underflow}).
% With n = 0 rows both moments are zero.
%
% Example:
% @c runnable
% @example
% @group
% X = randn (1000, 20);  Y = X * randn (20, 3) + 0.1 * randn (1000, 3);
% [Sx, Sxy] = second_moments (X, Y);
% Wstar = Sx \ Sxy;        % least-squares solution from the moments alone
% @end group
% @end example
% @seealso{gd_linear, gd_deep, rrr}
% @end deftypefn

  if (nargin < 1 || nargin > 2)
    ld_usage ('second_moments');
  end
  if (nargin < 2)
    Y = zeros (size (X, 1), 0);
  end
  X = ld_matrix ('second_moments', 'X', X, 'finite', 'sparse');
  Y = ld_matrix ('second_moments', 'Y', Y, 'finite', 'sparse');
  if (size (Y, 1) ~= size (X, 1))
    error ('lindyn:second_moments:Y', ...
           'second_moments: Y must have as many rows as X (%d), got %d', ...
           size (X, 1), size (Y, 1));
  end
  [n, d] = size (X);
  p = size (Y, 2);
  % Sx and Sxy, a full copy of each product, and (sparse X) the triplets of X and Y
  ld_memory_check ('second_moments', 'X', 8 * (2 * d * d + 2 * d * p) ...
                   + 40 * issparse (X) * nnz (X) + 40 * issparse (Y) * nnz (Y), ...
                   sprintf ('Sx (%d-by-%d) and Sxy (%d-by-%d)', d, d, d, p));
  try
    if (issparse (X) || issparse (Y))
      % Rows of X that are all zero add nothing to X'*X or X'*Y, so the products are
      % taken over the rows that hold a nonzero only: X' of a sparse X with 1e9 rows
      % would cost 8 GB of column pointers, whatever its number of nonzeros.
      Sx = zeros (d);
      Sxy = zeros (d, p);
      [i, j, v] = find (X);
      [nz_rows, ~, ri] = unique (i);
      m = numel (nz_rows);
      Xc = sparse (ri, j, v, m, d);
      Sx = full (Xc' * Xc);
      Sx = (Sx + Sx') / (2 * max (n, 1));
      if (p > 0)
        if (issparse (Y))
          [iy, jy, vy] = find (Y);
          [keep, loc] = ismember (iy, nz_rows);
          Yc = sparse (loc(keep), jy(keep), vy(keep), m, p);
        else
          Yc = Y(nz_rows, :);
        end
        Sxy = full (Xc' * Yc) / max (n, 1);
      end
    else
      [Sx, Sxy] = __lindyn_second_moments__ (X, Y);
    end
    % Within |X|, |Y| <= 1e150 the moments are finite and accurate; beyond, say so.
    if (~ (all (isfinite (Sx(:))) && all (isfinite (Sxy(:)))))
      error ('lindyn:second_moments:overflow', ...
             ['second_moments: X''*X/n or X''*Y/n overflows (max |X| = %g, max |Y| = %g); ' ...
              'rescale X and Y'], full (max (abs (X(:)))), full (max (abs (Y(:)))));
    end
    if (n > 0 && d > 0 && any (full (max (abs (X), [], 1)) > 0 & diag (Sx)' < realmin))
      warning ('lindyn:second_moments:underflow', ...
               ['second_moments: X''*X/n underflows for some columns of X (max |X| = %g); ' ...
                'Sx has lost its accuracy: rescale X'], full (max (abs (X(:)))));
    end
  catch err
    if (strcmp (err.identifier, 'Octave:bad-alloc'))
      error ('lindyn:second_moments:memory', ...
             'second_moments: out of memory for Sx (%d-by-%d) and Sxy (%d-by-%d)', d, d, d, p);
    end
    rethrow (err);
  end
end

%!test
%! X = randn (200, 7);  Y = randn (200, 3);
%! [Sx, Sxy] = second_moments (X, Y);
%! assert (Sx, X' * X / 200, 1e-13);
%! assert (Sxy, X' * Y / 200, 1e-13);
%! assert (isequal (Sx, Sx'));

%!test
%! % n much larger than d: nothing of size n x n; agreement with an explicit sum
%! n = 200000;  X = rand (n, 5);  Y = rand (n, 2);
%! [Sx, Sxy] = second_moments (X, Y);
%! Sx_ref = zeros (5);  Sxy_ref = zeros (5, 2);
%! for b = 1:10000:n
%!   rows = b:min (n, b + 9999);
%!   Sx_ref = Sx_ref + X(rows,:)' * X(rows,:);
%!   Sxy_ref = Sxy_ref + X(rows,:)' * Y(rows,:);
%! end
%! assert (Sx, Sx_ref / n, 1e-12 * norm (Sx_ref / n));
%! assert (Sxy, Sxy_ref / n, 1e-12 * norm (Sxy_ref / n));

%!test
%! % sparse, single and integer inputs
%! X = sprandn (300, 6, 0.2);  Y = sprandn (300, 2, 0.3);
%! [Sx, Sxy] = second_moments (X, Y);
%! assert (issparse (Sx) || issparse (Sxy), false);
%! assert (Sx, full (X' * X) / 300, 1e-14);
%! assert (Sxy, full (X' * Y) / 300, 1e-14);
%! assert (isequal (Sx, Sx'));
%! Xs = single (rand (10, 3));
%! assert (second_moments (Xs), double (Xs)' * double (Xs) / 10, 1e-14);
%! Xi = int8 ([1 2; 3 4; 5 6]);
%! assert (second_moments (Xi), [35 44; 44 56] / 3, 1e-14);

%!test
%! % one output; Y defaults to no columns; n = 0 gives zeros
%! X = randn (20, 4);
%! assert (second_moments (X), X' * X / 20, 1e-14);
%! [Sx, Sxy] = second_moments (zeros (0, 3), zeros (0, 2));
%! assert (Sx, zeros (3));  assert (Sxy, zeros (3, 2));

%!test
%! % huge but cheap: a sparse X of 1e9 rows is never expanded
%! X = sparse (1e9, 1);  X(7) = 2;
%! assert (second_moments (X), 4e-9, 1e-24);
%! Y = sparse (1e9, 2);  Y(7, 2) = 3;  Y(8, 1) = 1;
%! [Sx, Sxy] = second_moments (X, Y);
%! assert (Sxy, [0 6e-9], 1e-24);
%! [Sx, Sxy] = second_moments (X, zeros (1e9, 0));
%! assert (size (Sxy), [1 0]);

%!error id=lindyn:second_moments:overflow second_moments ([1e160; 1])
%!error id=lindyn:second_moments:overflow second_moments ([1e200; 1], [1e200; 1]);
%!warning id=lindyn:second_moments:underflow second_moments ([1e-170, 1; 0, 1]);

%!error <Invalid call> second_moments ()
%!error <called with too many inputs> second_moments (1, 2, 3)
%!error id=lindyn:second_moments:Y second_moments (ones (3, 2), ones (4, 1))
%!error id=lindyn:second_moments:X second_moments ([1 NaN; 2 3], [1; 2])
%!error id=lindyn:second_moments:Y second_moments ([1 2; 2 3], [1; Inf])
%!error id=lindyn:second_moments:X second_moments ([1 2] + 1i, 1)
%!error id=lindyn:second_moments:X second_moments ('ab', [1 2])
%!error id=lindyn:second_moments:X second_moments ({1}, 1)
%!error id=lindyn:second_moments:X second_moments (true (2), [1; 2])
%!error id=lindyn:second_moments:X second_moments (struct ('a', 1), 1)
%!error id=lindyn:second_moments:X second_moments (ones (2, 2, 2), 1)
%!error id=lindyn:second_moments:X second_moments (sparse ([1e9 5], [1 1], [NaN 1]))
%!error id=lindyn:second_moments:memory second_moments (sparse (1, 1e6, 1))

%!error <X asks for .* GB of memory> second_moments (sparse (10, 1e7))
