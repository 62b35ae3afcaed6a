function [Sx, Sxy, R] = ld_moments_check (fn, Sx, Sxy)
% -*- texinfo -*-
% @deftypefn {} {[@var{Sx}, @var{Sxy}, @var{R}] =} ld_moments_check (@var{fn}, @var{Sx}, @var{Sxy})
% Validate a pair of second moments for the public function @var{fn}.
%
% @var{Sx} must be a real, finite, square d-by-d matrix, symmetric up to
% @code{1e-10 * norm (Sx, "fro")} and positive semidefinite up to a relative
% tolerance of @code{1e-8} (checked with one Cholesky factorization: of Sx itself, whose
% factor @var{R} is returned when it exists, for @code{ld_wstar}; else of
% @code{Sx + tau*I}, and @var{R} is []); it is returned exactly symmetrized.  @var{Sxy} must be a real,
% finite d-by-p matrix.  Errors: @code{lindyn:@var{fn}:Sx}, @code{lindyn:@var{fn}:Sxy};
% a non-square or non-symmetric @var{Sx} (typically a data matrix passed where the
% moments belong) gets a message that names @code{second_moments}.
% @end deftypefn

  if (isnumeric (Sx) && ndims (Sx) == 2 && size (Sx, 1) ~= size (Sx, 2))
    % a data matrix (n-by-d samples) where the moments belong: say how to get them
    error (sprintf ('lindyn:%s:Sx', fn), ...
           ['%s: Sx must be square, the d-by-d second moment X''*X/n (got %dx%d); ', ...
            'for data X (n-by-d) and Y (n-by-p) pass [Sx, Sxy] = second_moments (X, Y)'], ...
           fn, size (Sx, 1), size (Sx, 2));
  end
  Sx = ld_matrix (fn, 'Sx', Sx, 'finite', 'square');
  d = size (Sx, 1);
  if (nargin > 2)
    Sxy = ld_matrix (fn, 'Sxy', Sxy, 'finite', 'rows', d);
  end
  R = [];
  scale = max (abs (Sx(:)));
  if (isempty (scale) || scale == 0)
    return;
  end
  D = Sx - Sx';
  asym = 0;
  if (any (D(:)))                      % the norms only when Sx is not exactly symmetric
    asym = norm (D, 'fro');
  end
  if (asym > 0 && asym > 1e-10 * norm (Sx, 'fro'))
    error (sprintf ('lindyn:%s:Sx', fn), ...
           ['%s: Sx must be symmetric (norm (Sx - Sx'', "fro") = %g); for data X, Y ', ...
            'pass [Sx, Sxy] = second_moments (X, Y)'], fn, asym);
  end
  if (asym > 0)
    Sx = Sx - D / 2;                   % (Sx + Sx') / 2
  end
  % positive definite: the factor serves W* too (one factorization per call)
  [R, p] = chol (Sx);
  if (p == 0)
    return;
  end
  R = [];
  tau = 1e-8 * scale;
  [~, p] = chol (Sx + tau * eye (d));
  if (p ~= 0)
    error (sprintf ('lindyn:%s:Sx', fn), ...
           '%s: Sx must be positive semidefinite (it has an eigenvalue below -%g)', fn, tau);
  end
end
