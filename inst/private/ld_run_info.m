function R = ld_run_info (R, fn, opts, W0, init_info)
% -*- texinfo -*-
% @deftypefn {} {@var{R} =} ld_run_info (@var{R}, @var{fn}, @var{opts}, @var{W0}, @var{init_info})
% Record in each element of the result struct (array) @var{R} of @var{fn} how the run
% was made, so that a saved result can say it:
% @table @code
% @item made_by
% the public function (@qcode{"gd_deep"}, @qcode{"gd_linear"});
% @item options
% the name/value pairs as given (a 1-by-2m cell); numeric values with more than 100
% elements (a @qcode{"path"} stack, test moments) are replaced by a description such as
% @qcode{"[784x10x5 double]"}, so that the record stays small;
% @item depth, widths
% L and @code{[d, r1, @dots{}, r(L-1), p]};
% @item init_info
% the description of the start: the struct given with option @qcode{"init_info"} (e.g.
% the second output of @code{random_init}: scheme, scale, per_factor, seed, dims), else
% @code{struct ("source", "given", "fro", [norm of each factor])};
% @item version, date
% lindyn's version and the date and time of the call (ISO 8601, local time).
% @end table
% @var{W0} is the cell of starts (one cell of factors per trajectory).
% @end deftypefn

  kept = opts;
  for k = 2:2:numel (kept)
    v = kept{k};
    if (isnumeric (v) && numel (v) > 100)
      kept{k} = sprintf ('[%s %s]', ld_size_string (size (v)), class (v));
    elseif (iscell (v) && numel (v) > 0 && any (cellfun (@(c) isnumeric (c) && numel (c) > 100, v)))
      kept{k} = sprintf ('{%s cell}', ld_size_string (size (v)));
    end
  end
  if (exist ('OCTAVE_VERSION', 'builtin'))
    when = strftime ('%Y-%m-%dT%H:%M:%S', localtime (time ()));   % datestr costs 0.5 ms
  else
    when = datestr (now (), 'yyyy-mm-ddTHH:MM:SS');
  end
  ver = ld_version ();
  for k = 1:numel (R)
    w = W0{min (k, numel (W0))};
    R(k).made_by = fn;
    R(k).options = kept(:)';
    R(k).depth = numel (w);
    R(k).widths = [size(w{1}, 1), cellfun(@(f) size (f, 2), w)];
    if (isempty (init_info))
      R(k).init_info = struct ('source', 'given', 'fro', cellfun (@(f) norm (f, 'fro'), w));
    else
      R(k).init_info = init_info;
    end
    R(k).version = ver;
    R(k).date = when;
  end
end

function s = ld_size_string (sz)
  s = sprintf ('%dx', sz);
  s = s(1:end-1);
end
