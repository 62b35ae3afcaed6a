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
% The computation is done in lindyn's C core in one pass over @var{X}: blocks of 256
% rows are read once, converted from @var{X}'s class while they are in cache, and both
% @var{Sx} (a symmetric rank-256 update, only its upper triangle computed, returned
% exactly symmetric) and @var{Sxy} are summed from the same block.  The blocks are shared
% among the OpenMP threads (all cores by default, @env{OMP_NUM_THREADS} to change;
% statically, so the result does not depend on timing).  Nothing of size n-by-n is
% formed, so n may be far larger than d.
%
% Input classes: a full @var{X} or @var{Y} of class double, single or any integer class
% is read in place, never converted as a whole: the extra memory is the two moments plus,
% per thread, its own copy of them and a few d-by-256 blocks (about 25 MB for d = 784
% on two threads), far below one double copy of @var{X}.  Where it is exact the
% arithmetic is done in single precision at twice the rate: a block whose entries are
% whole numbers with max|x|^2 * 256 <= 2^24 (uint8 and int8 images always, whole-number
% doubles and singles when small enough) is multiplied in float, where then every
% product and partial sum is exact, and summed in double; columns that are all zero in
% a block (the borders of images) are skipped.  Integer data whose sums stay below 2^53
% therefore give exactly @code{double (X)' * double (X) / n} and
% @code{double (X)' * double (Y) / n}, to the bit; other data agree with those products
% to rounding (the order of the sums differs).  A sparse @var{X}
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
% A = uint8 (randi ([0 255], 500, 16));   % e.g. pixels: read in place, exact
% isequal (second_moments (A), double (A)' * double (A) / 500)
%   @result{} ans = 1
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
  if (issparse (X) || issparse (Y))
    X = ld_matrix ('second_moments', 'X', X, 'finite', 'sparse');
    Y = ld_matrix ('second_moments', 'Y', Y, 'finite', 'sparse');
  else
    % Full arrays go to the C core as they are, whatever their numeric class: it
    % converts them block by block and checks that they are finite.
    full_class_check ('X', X);
    full_class_check ('Y', Y);
  end
  if (size (Y, 1) ~= size (X, 1))
    error ('lindyn:second_moments:Y', ...
           'second_moments: Y must have as many rows as X (%d), got %d', ...
           size (X, 1), size (Y, 1));
  end
  [n, d] = size (X);
  p = size (Y, 2);
  if (issparse (X) || issparse (Y))
    % Sx and Sxy, a full copy of each product, and the triplets of X and Y
    ld_memory_check ('second_moments', 'X', 8 * (2 * d * d + 2 * d * p) ...
                     + 40 * issparse (X) * nnz (X) + 40 * issparse (Y) * nnz (Y), ...
                     sprintf ('Sx (%d-by-%d) and Sxy (%d-by-%d)', d, d, d, p));
  else
    % Sx and Sxy, and per thread its own sums and a block of 256 rows in double and
    % float; a lazy range (0:1e9)' becomes an array of doubles on its way to C.
    nt = 1;
    if (exist ('OCTAVE_VERSION', 'builtin'))
      nt = nproc ();
    end
    ld_memory_check ('second_moments', 'X', 8 * (d * d + d * p) ...
                     + 8 * nt * (3 * d * d + 2 * d * p + 384 * (d + p) + 3 * d) ...
                     + 8 * numel (X) * isa (X, 'double') + 8 * numel (Y) * isa (Y, 'double'), ...
                     sprintf ('Sx (%d-by-%d) and Sxy (%d-by-%d)', d, d, d, p));
  end
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
      try
        [Sx, Sxy] = __lindyn_second_moments__ (X, Y);
      catch err
        % the core's finiteness check, reported under this function's name
        for arg = {'X', 'Y'}
          if (strcmp (err.identifier, ['lindyn:__lindyn_second_moments__:' arg{1}]))
            % the message names this function and the argument, not the gateway, and
            % says where the first non-finite entry is
            if (strcmp (arg{1}, 'X'))
              A = X;
            else
              A = Y;
            end
            [i, j] = find (~ isfinite (A), 1);
            if (isempty (i))
              msg = regexprep (err.message, '^__lindyn_second_moments__: ', '');
              error (['lindyn:second_moments:' arg{1}], 'second_moments: %s', msg);
            end
            error (['lindyn:second_moments:' arg{1}], ...
                   'second_moments: %s must not contain NaN or Inf (%s(%d,%d) = %g)', ...
                   arg{1}, arg{1}, i, j, double (A(i, j)));
          end
        end
        rethrow (err);
      end
    end
    % Within |X|, |Y| <= 1e150 the moments are finite and accurate; beyond, say so.
    if (~ (all (isfinite (Sx(:))) && all (isfinite (Sxy(:)))))
      error ('lindyn:second_moments:overflow', ...
             ['second_moments: X''*X/n or X''*Y/n overflows (max |X| = %g, max |Y| = %g); ' ...
              'rescale X and Y'], double (full (max (abs (X(:))))), ...
             double (full (max (abs (Y(:))))));
    end
    % Only the columns whose moment is below realmin are looked at again, one at a
    % time (image data have many all-zero columns: no copy of them all at once).
    under = false;
    for j = find (diag (Sx)' < realmin)
      if (any (X(:, j)))
        under = true;
        break;
      end
    end
    if (under)
      warning ('lindyn:second_moments:underflow', ...
               ['second_moments: X''*X/n underflows for some columns of X (max |X| = %g); ' ...
                'Sx has lost its accuracy: rescale X'], double (full (max (abs (X(:))))));
    end
  catch err
    if (strcmp (err.identifier, 'Octave:bad-alloc'))
      error ('lindyn:second_moments:memory', ...
             'second_moments: out of memory for Sx (%d-by-%d) and Sxy (%d-by-%d)', d, d, d, p);
    end
    rethrow (err);
  end
end

function full_class_check (name, x)
  % The class rules of ld_matrix for a full argument, without converting it: a real,
  % 2-D array of class double, single or an integer class.
  id = ['lindyn:second_moments:' name];
  if (~ isnumeric (x) || islogical (x))
    error (id, 'second_moments: %s must be a numeric array (got %s)', name, class (x));
  end
  if (~ isreal (x))
    error (id, 'second_moments: %s must be real (got a complex array)', name);
  end
  if (ndims (x) > 2)
    error (id, 'second_moments: %s must be a 2-D matrix (got %d dimensions)', name, ndims (x));
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
%! % whole-number data of any class: bit-identical to Octave's products in double, whose
%! % sums are exact here (below 2^53), for sparse-ish and dense uint8 images, all-zero
%! % columns, n a multiple of the 256-row block or not, below one block, one row
%! for n = [1000 1024 1 100 257]
%!   A = uint8 (floor (256 * rand (n, 40)));
%!   A(rand (n, 40) < 0.8) = 0;  A(:, [1 7 40]) = 0;
%!   Y = double (rand (n, 10) < 0.1);
%!   [Sx, Sxy] = second_moments (A, Y);
%!   Ad = double (A);
%!   assert (isequal (Sx, Ad' * Ad / n) && isequal (Sxy, Ad' * Y / n), true);
%!   assert (isequal (Sx, Sx'), true);
%! end
%! A = uint8 (255 * ones (600, 5));                   % the largest products
%! assert (isequal (second_moments (A), double (A)' * double (A) / 600), true);
%! for c = {'int8', 'int16', 'uint16', 'int32', 'single', 'double'}
%!   X = cast (floor (200 * rand (300, 9)) - 100 * ~strncmp (c{1}, 'u', 1), c{1});
%!   Y = cast (floor (5 * rand (300, 2)), c{1});
%!   [Sx, Sxy] = second_moments (X, Y);
%!   Xd = double (X);  Yd = double (Y);
%!   assert (isequal (Sx, Xd' * Xd / 300) && isequal (Sxy, Xd' * Yd / 300), true, c{1});
%! end

%!test
%! % real data: single and double, dense and with zero columns, d = 1, p = 0; each entry
%! % is a sum of n products of numbers below 1 in magnitude, rounded at most n eps apart
%! % between two orders of summation
%! n = 1500;  X = rand (n, 30) - 0.5;  X(rand (n, 30) < 0.7) = 0;  X(:, 3) = 0;
%! Y = randn (n, 4);
%! [Sx, Sxy] = second_moments (X, Y);
%! assert (Sx, X' * X / n, n * eps);
%! assert (Sxy, X' * Y / n, 4 * n * eps);
%! assert (isequal (Sx, Sx'), true);
%! Xs = single (X);  Xq = double (Xs);
%! [Sx, Sxy] = second_moments (Xs, single (Y));
%! assert (Sx, Xq' * Xq / n, n * eps);
%! assert (Sxy, Xq' * double (single (Y)) / n, 4 * n * eps);
%! x = randn (700, 1);
%! assert (second_moments (x), x' * x / 700, 700 * eps * (x' * x / 700));
%! [Sx, Sxy] = second_moments (X, zeros (n, 0));
%! assert (size (Sxy), [30 0]);
%! assert (Sx, X' * X / n, n * eps);
%! assert (second_moments (single (2)), 4);

%!test
%! % MNIST, as the package reads it: uint8 pixels, bit-identical to double (X)
%! dir = getenv ('LINDYN_MNIST');
%! if (isempty (dir))
%!   dir = fullfile (fileparts (fileparts (mfilename ('fullpath'))), 'data', 'mnist');
%! end
%! f = fullfile (dir, 'train-images-idx3-ubyte');
%! if (~ exist (f, 'file'))
%!   fprintf ('SKIPPED second_moments MNIST test: MNIST not found in %s\n', dir);
%! else
%!   A = read_idx (f, 'count', 3000, 'flatten', true);
%!   Ad = double (A);
%!   assert (isequal (second_moments (A), Ad' * Ad / 3000), true);
%!   [Sx, Sxy] = second_moments (Ad / 255, Ad(:, 300:309));
%!   assert (Sx, (Ad / 255)' * (Ad / 255) / 3000, 3000 * eps);
%!   assert (Sxy, (Ad / 255)' * Ad(:, 300:309) / 3000, 3000 * 255 * eps);
%! end

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
%!error <^second_moments: X must not contain NaN or Inf \(X\(1,2\) = NaN\)$> second_moments ([1 NaN; 2 3], [1; 2])
%!error <^second_moments: Y must not contain NaN or Inf \(Y\(2,1\) = -Inf\)$> second_moments ([1 2; 2 3], [1; -Inf])
%!error <^second_moments: X must not contain NaN or Inf \(X\(2,1\) = Inf\)$> second_moments (single ([1 2; Inf 3]))
%!error id=lindyn:second_moments:Y second_moments ([1 2; 2 3], [1; Inf])
%!error id=lindyn:second_moments:X second_moments (single ([1 NaN; 2 3]), [1; 2])
%!error id=lindyn:second_moments:Y second_moments (uint8 ([1 2; 2 3]), single ([1; -Inf]))
%!error id=lindyn:second_moments:X second_moments (single ([1 2] + 1i), 1)
%!error id=lindyn:second_moments:Y second_moments (ones (2), true (2, 1))
%!error id=lindyn:second_moments:X second_moments ([1 2] + 1i, 1)
%!error id=lindyn:second_moments:X second_moments ('ab', [1 2])
%!error id=lindyn:second_moments:X second_moments ({1}, 1)
%!error id=lindyn:second_moments:X second_moments (true (2), [1; 2])
%!error id=lindyn:second_moments:X second_moments (struct ('a', 1), 1)
%!error id=lindyn:second_moments:X second_moments (ones (2, 2, 2), 1)
%!error id=lindyn:second_moments:X second_moments (sparse ([1e9 5], [1 1], [NaN 1]))
%!error id=lindyn:second_moments:memory second_moments (sparse (1, 1e6, 1))

%!error <X asks for .* GB of memory> second_moments (sparse (10, 1e7))
