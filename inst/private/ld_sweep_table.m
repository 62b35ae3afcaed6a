function T = ld_sweep_table (plan, summaries, status, Rs)
% -*- texinfo -*-
% @deftypefn {} {@var{T} =} ld_sweep_table (@var{plan}, @var{summaries}, @var{status}, @var{Rs})
% The table of a sweep: a struct with one field per column, each a column of N values
% (numbers, or a cell of strings), in point order.  @var{summaries} is a cell of N row
% structs (@code{ld_sweep_execute}; empty for a point without a result), @var{status}
% a cell of N strings, @var{Rs} a cell of N results (used when @code{plan.keep}).
%
% Columns: @code{point} (1..N), @code{name} (e.g. @qcode{"eta=0.01 seed=3"}), one per
% axis, then @code{eta_recommended} and @code{eta} with @qcode{"eta"},
% @qcode{"recommended"}, then @code{status}, @code{final_loss}, @code{best_loss},
% @code{final_test_loss}, @code{best_test_loss}, @code{best_test_t}, @code{diverged_at},
% @code{stopped_by}, @code{iterations}, @code{wall}, @code{error}, and @code{R} when the
% results are kept.  An axis column holds its values when they are all real scalars
% (numbers) or all strings or short numeric vectors (strings, e.g. @qcode{"[50 50]"});
% otherwise (starts, data, cells) the position of the value in the axis, 1, 2, ...
% @end deftypefn

  n = plan.n;
  T = struct ();
  T.point = (1:n)';
  labels = repmat ({''}, n, 1);
  cols = cell (1, numel (plan.axes));
  for a = 1:numel (plan.axes)
    [cols{a}, text] = ld_axis_column (plan.axes(a).values);
    ix = plan.idx(:, a);
    lab = strcat (plan.axes(a).name, '=', text(ix));
    labels = strcat (labels, {' '}, lab(:));
  end
  T.name = strtrim (labels);
  for a = 1:numel (plan.axes)
    col = cols{a};
    T.(plan.axes(a).name) = reshape (col(plan.idx(:, a)), [], 1);
  end
  if (strcmp (plan.eta_mode, 'recommended'))
    T.eta_recommended = plan.recommended;
    T.eta = plan.eta;
  end
  T.status = reshape (status, [], 1);
  empty = ld_sweep_summary (struct ());
  empty.stopped_by = '';  empty.wall = NaN;  empty.error = '';
  num = {'final_loss', 'best_loss', 'final_test_loss', 'best_test_loss', 'best_test_t', ...
         'diverged_at'};
  for f = num
    T.(f{1}) = NaN (n, 1);
  end
  T.stopped_by = repmat ({''}, n, 1);
  T.iterations = NaN (n, 1);
  T.wall = NaN (n, 1);
  T.error = repmat ({''}, n, 1);
  for k = 1:n
    r = summaries{k};
    if (isempty (r))
      r = empty;
    end
    for f = num
      T.(f{1})(k) = r.(f{1});
    end
    T.stopped_by{k} = r.stopped_by;
    T.iterations(k) = r.iters;
    T.wall(k) = r.wall;
    T.error{k} = r.error;
  end
  if (plan.keep)
    T.R = reshape (Rs, [], 1);
  end
end

function [col, text] = ld_axis_column (values)
  % the column of an axis (values, or positions) and the text of each value for names
  m = numel (values);
  scalar = all (cellfun (@(v) (isnumeric (v) || islogical (v)) && isscalar (v) && isreal (v), values));
  str = all (cellfun (@(v) ischar (v) && (isrow (v) || isempty (v)), values));
  short = all (cellfun (@(v) (isnumeric (v) || ischar (v)) && isreal (v) ...
                            && (isempty (v) || isvector (v)) && numel (v) <= 16, values));
  if (scalar)
    col = cellfun (@double, values);
    text = arrayfun (@(x) sprintf ('%.17g', x), col, 'UniformOutput', false);
    text = cellfun (@(s, x) ld_short (s, x), text, num2cell (col), 'UniformOutput', false);
  elseif (str || short)
    text = cellfun (@ld_text, values, 'UniformOutput', false);
    col = text;
  else
    col = 1:m;
    text = arrayfun (@(x) sprintf ('#%d', x), col, 'UniformOutput', false);
  end
  col = reshape (col, 1, []);
  text = reshape (text, 1, []);
end

function s = ld_short (s, x)
  % the shortest of %g and %.17g that reads back as x
  g = sprintf ('%g', x);
  if (str2double (g) == x)
    s = g;
  end
end

function s = ld_text (v)
  if (ischar (v))
    s = v;
  elseif (isscalar (v))
    s = ld_short (sprintf ('%.17g', double (v)), double (v));
  else
    parts = arrayfun (@(x) ld_short (sprintf ('%.17g', double (x)), double (x)), v, ...
                      'UniformOutput', false);
    s = ['[' strjoin(reshape (parts, 1, []), ' ') ']'];
  end
end
