function v = ld_logical (fn, name, v)
% -*- texinfo -*-
% @deftypefn {} {@var{v} =} ld_logical (@var{fn}, @var{name}, @var{v})
% Validate the true-or-false option @var{name} of the function @var{fn}: a logical or
% numeric scalar, returned as a logical.  Error: @code{lindyn:@var{fn}:@var{name}}.
% @end deftypefn

  if (~ (isscalar (v) && (islogical (v) || (isnumeric (v) && isreal (v) && ~ isnan (v)))))
    error (sprintf ('lindyn:%s:%s', fn, name), '%s: %s must be true or false', fn, name);
  end
  v = logical (v);
end
