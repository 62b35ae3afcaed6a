function x = ld_matrix (fn, name, x, varargin)
% -*- texinfo -*-
% @deftypefn {} {@var{x} =} ld_matrix (@var{fn}, @var{name}, @var{x}, @var{check}, @dots{})
% Validate the argument @var{x} named @var{name} of the public function @var{fn}.
%
% Every lindyn function funnels its numeric arguments through here, so the rules are
% the same everywhere: @var{x} must be a real numeric array (double, single or an
% integer class; logical, char, cell, struct, complex and function handles are refused);
% non-double classes are converted to double; sparse input is refused unless
% @qcode{"sparse"} is among the checks.  Errors have identifier
% @code{lindyn:@var{fn}:@var{name}} and name the argument.
%
% Checks (strings, some followed by a value): @qcode{"finite"}, @qcode{"nonempty"},
% @qcode{"scalar"}, @qcode{"vector"}, @qcode{"square"}, @qcode{"integer"},
% @qcode{"positive"}, @qcode{"nonnegative"}, @qcode{"rows"} @var{m},
% @qcode{"cols"} @var{n}, @qcode{"sparse"} (allow sparse), @qcode{"ndims3"} (allow
% 3-D arrays).
% @end deftypefn

  % Checking a huge argument needs memory of its own (a lazy range such as 0:1e9 is
  % expanded, and round or isfinite of it make more copies): about 17 bytes an entry.
  if ((isnumeric (x) || islogical (x)) && numel (x) > 2^20)
    nx = numel (x);
    if (issparse (x))
      nx = nnz (x);
    end
    ld_memory_check (fn, name, 17 * nx, sprintf ('to check its %d entries', nx));
  end
  % Fast path for the common case, a real, full, double, 2-D array (every statement costs
  % microseconds in the interpreter, and this runs for every argument of every call).
  if (isa (x, 'double') && ~ issparse (x) && isreal (x) && ndims (x) == 2)
    v = x(:);
  else
    [x, v] = ld_matrix_class (fn, name, x, varargin);
  end
  k = 1;
  while (k <= numel (varargin))
    c = varargin{k};
    switch (c)
      case 'finite'
        if (~ all (isfinite (v)))
          error (ld_id (fn, name), '%s: %s must not contain NaN or Inf', fn, name);
        end
      case 'nonempty'
        if (isempty (x))
          error (ld_id (fn, name), '%s: %s must not be empty', fn, name);
        end
      case 'scalar'
        if (numel (x) ~= 1)
          error (ld_id (fn, name), '%s: %s must be a scalar (got %s)', fn, name, ld_size_str (x));
        end
      case 'vector'
        if (~ (isvector (x) || isempty (x)) || ndims (x) > 2)
          error (ld_id (fn, name), '%s: %s must be a vector (got %s)', fn, name, ld_size_str (x));
        end
      case 'square'
        if (size (x, 1) ~= size (x, 2))
          error (ld_id (fn, name), '%s: %s must be square (got %s)', fn, name, ld_size_str (x));
        end
      case 'integer'
        if (~ all (isfinite (v)))
          % Inf is no count: say so before "integer" (round (Inf) == Inf)
          error (ld_id (fn, name), '%s: %s must be finite (got %s)', fn, name, ...
                 ld_nonfinite_str (v));
        end
        if (any (v ~= round (v)))
          error (ld_id (fn, name), '%s: %s must hold integer values', fn, name);
        end
      case 'positive'
        if (any (~ (v > 0)))
          error (ld_id (fn, name), '%s: %s must be positive', fn, name);
        end
      case 'nonnegative'
        if (any (~ (v >= 0)))
          error (ld_id (fn, name), '%s: %s must be nonnegative', fn, name);
        end
      case 'rows'
        k = k + 1;
        if (size (x, 1) ~= varargin{k})
          error (ld_id (fn, name), '%s: %s must have %d rows (got %s)', fn, name, varargin{k}, ld_size_str (x));
        end
      case 'cols'
        k = k + 1;
        if (size (x, 2) ~= varargin{k})
          error (ld_id (fn, name), '%s: %s must have %d columns (got %s)', fn, name, varargin{k}, ld_size_str (x));
        end
      case {'sparse', 'ndims3'}
        % handled above
      otherwise
        error ('lindyn:ld_matrix:check', 'ld_matrix: unknown check "%s"', c);
    end
    k = k + 1;
  end
end

function [x, v] = ld_matrix_class (fn, name, x, checks)
  % The class, sparsity and dimension rules for anything but a full real double matrix.
  id = ld_id (fn, name);
  allow_sparse = any (strcmp (checks, 'sparse'));
  allow_3d = any (strcmp (checks, 'ndims3'));
  if (~ isnumeric (x) || islogical (x))
    error (id, '%s: %s must be a numeric array (got %s)', fn, name, class (x));
  end
  if (~ isreal (x))
    error (id, '%s: %s must be real (got a complex array)', fn, name);
  end
  if (issparse (x) && ~ allow_sparse)
    error (id, '%s: %s must be a full (non-sparse) array', fn, name);
  end
  if (ndims (x) > 2 && ~ allow_3d)
    error (id, '%s: %s must be a 2-D matrix (got %d dimensions)', fn, name, ndims (x));
  end
  if (ndims (x) > 3)
    error (id, '%s: %s must have at most 3 dimensions', fn, name);
  end
  if (~ isa (x, 'double'))
    x = double (x);
  end
  % The values to check, without expanding a sparse x (sparse (1e9, 1) is cheap, but
  % isfinite or ~ of it are not): its nonzeros, and one 0 if it has any implicit zero.
  if (issparse (x))
    v = nonzeros (x);
    if (nnz (x) < numel (x))
      v(end + 1) = 0;
    end
  else
    v = x(:);
  end
end

function id = ld_id (fn, name)
  id = sprintf ('lindyn:%s:%s', fn, name);
end

function s = ld_size_str (x)
  s = sprintf ('%dx', size (x));
  s = s(1:end-1);
end

function s = ld_nonfinite_str (v)
  % the first entry that is not finite, as Octave prints it (NaN, Inf or -Inf)
  s = sprintf ('%g', v(find (~ isfinite (v), 1)));
  if (numel (v) > 1)
    s = [s, ' among its entries'];
  end
end
