function r = effective_rank (A)
% -*- texinfo -*-
% @deftypefn {} {@var{r} =} effective_rank (@var{A})
% The effective rank of a matrix (Roy & Vetterli, EUSIPCO 2007): with the singular values
% @code{s} of @var{A} and @code{q = s / sum (s)},
% @c formula
% @example
% r = exp (- sum over q > 0 of q log q),
% @end example
% the exponential of the entropy of the normalized singular values.  It lies between 1
% and @code{rank (A)}, equals k when A has k equal non-zero singular values, and varies
% continuously with A; 0 for a zero (or empty) matrix.  A vector @var{A} (of length > 1)
% is read as the singular values themselves, which must be non-negative (a non-zero
% matrix with one row or column has effective rank 1).  The
% trajectory functions record it along the run (@code{gd_completion}, @code{gd_sensing},
% field @code{erank}).  Error: @code{lindyn:effective_rank:A}.
%
% Example:
% @c runnable
% @example
% @group
% effective_rank (diag ([1 1 1 0]))      % three equal singular values
%   @result{} ans = 3.0000
% effective_rank (diag ([1 1e-3]))       % close to 1
%   @result{} ans = 1.0079
% @end group
% @end example
% @seealso{gd_completion, nuclear_completion, svd}
% @end deftypefn

  if (nargin ~= 1)
    ld_usage ('effective_rank');
  end
  A = ld_matrix ('effective_rank', 'A', A, 'finite');
  if (isempty (A))
    r = 0;
    return;
  end
  if (isvector (A) && min (size (A)) == 1 && numel (A) > 1)
    if (any (A < 0))
      error ('lindyn:effective_rank:A', ...
             'effective_rank: a vector of singular values must be non-negative');
    end
    s = A(:);
  else
    try
      s = svd (A);
    catch err
      error ('lindyn:effective_rank:A', 'effective_rank: svd failed on A: %s', err.message);
    end
  end
  tot = sum (s);
  if (~ (tot > 0))
    r = 0;
    return;
  end
  q = s(s > 0) / tot;
  r = exp (-sum (q .* log (q)));
end

%!assert (effective_rank (eye (4)), 4, 1e-12)
%!assert (effective_rank (diag ([2 2 0])), 2, 1e-12)
%!assert (effective_rank (zeros (3)), 0)
%!assert (effective_rank ([]), 0)
%!assert (effective_rank (zeros (0, 3)), 0)
%!assert (effective_rank (5), 1)
%!test
%! % scale invariance, and between 1 and the rank; the vector form agrees with the matrix
%! A = randn (6, 3) * randn (3, 5);
%! r = effective_rank (A);
%! assert (effective_rank (7 * A), r, 1e-12);
%! assert (r >= 1 && r <= 3 + 1e-12);
%! assert (effective_rank (svd (A)), r, 1e-12);
%! % two singular values (1, t): the entropy of (1, t) / (1 + t), by hand
%! t = 0.3;  q = [1 t] / (1 + t);
%! assert (effective_rank (diag ([1 t])), exp (-sum (q .* log (q))), 1e-14);
%!error <Invalid call> effective_rank ()
%!error id=lindyn:effective_rank:A effective_rank ([-1 2])
%!error id=lindyn:effective_rank:A effective_rank ({1})
%!error id=lindyn:effective_rank:A effective_rank (NaN)
%!demo
%! % the effective rank falls smoothly as a singular value shrinks (the rank jumps)
%! t = logspace (-4, 0, 50);
%! semilogx (t, arrayfun (@(x) effective_rank (diag ([1 x])), t));
%! xlabel ('second singular value');  ylabel ('effective rank');
