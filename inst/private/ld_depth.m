function L = ld_depth (fn, args, Lmin)
% -*- texinfo -*-
% @deftypefn {} {@var{L} =} ld_depth (@var{fn}, @var{args}, @var{Lmin})
% The option @qcode{"depth"} of the mode functions of lindyn: parses the name-value
% pairs @var{args} (a cell; only @qcode{"depth"} is known) for the public function
% @var{fn} and returns the depth L (default 2), an integer in [@var{Lmin}, 1000].
% Errors: @code{lindyn:@var{fn}:option} (see @code{ld_name_value}) and
% @code{lindyn:@var{fn}:depth}.
% @end deftypefn

  opts = ld_name_value (fn, struct ('depth', 2), args);
  L = opts.depth;
  if (~ (isnumeric (L) && isreal (L) && isscalar (L) && L == fix (L) && L >= Lmin ...
         && L <= 1000))
    error (sprintf ('lindyn:%s:depth', fn), ...
           '%s: depth must be an integer from %d to 1000', fn, Lmin);
  end
  L = double (L);
end
