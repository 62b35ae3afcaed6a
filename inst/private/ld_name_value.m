function [opts, given] = ld_name_value (fn, opts, args, more)
% -*- texinfo -*-
% @deftypefn  {} {@var{opts} =} ld_name_value (@var{fn}, @var{defaults}, @var{args})
% @deftypefnx {} {[@var{opts}, @var{given}] =} ld_name_value (@dots{})
% Parse the name-value pairs @var{args} (a cell array) of the public function @var{fn}.
%
% @var{defaults} is a struct whose field names are the accepted option names; the values
% given in @var{args} replace them (names are matched case-insensitively; the last of
% repeated names wins).  The values are not checked here: each function validates its own
% options, for instance those named in @var{given}, the field names that @var{args} set
% (each once, in the order of their first appearance).  An odd number of arguments, a
% name that is not a string, or an unknown name raises @code{lindyn:@var{fn}:option},
% whose message lists the known names (those of @var{defaults} and the cell @var{more},
% options the caller has taken out of @var{args} already).
% @end deftypefn

  id = sprintf ('lindyn:%s:option', fn);
  if (mod (numel (args), 2) ~= 0)
    error (id, '%s: options must come in name-value pairs', fn);
  end
  names = fieldnames (opts);
  if (nargin < 4), more = {};  end
  given = {};
  for k = 1:2:numel (args)
    name = args{k};
    if (~ (ischar (name) && (isrow (name) || isempty (name))))
      error (id, '%s: option name %d must be a string', fn, (k + 1) / 2);
    end
    hit = find (strcmpi (name, names), 1);
    if (isempty (hit))
      error (id, '%s: unknown option "%s" (known: %s)', fn, name, ...
             strjoin (sort ([names', more(:)']), ', '));
    end
    opts.(names{hit}) = args{k + 1};
    if (~ any (strcmp (given, names{hit})))
      given{end+1} = names{hit};
    end
  end
end
