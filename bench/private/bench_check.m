function s = bench_check (e, tol)
% bench_check -- 'ok' when the relative difference e is at most tol (default 1e-10) or
% NaN (nothing compared), 'MISMATCH' otherwise.  The package and the plain loop do the
% same products in possibly different orders: after N contracting steps they agree to a
% few hundred ulps (1e-13 seen), far below 1e-10; an actual bug shows as O(1).
  if (nargin < 2), tol = 1e-10;  end
  if (isnan (e) || e <= tol)
    s = 'ok';
  else
    s = 'MISMATCH';
  end
end
