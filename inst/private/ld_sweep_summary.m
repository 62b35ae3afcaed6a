function row = ld_sweep_summary (R)
% -*- texinfo -*-
% @deftypefn {} {@var{row} =} ld_sweep_summary (@var{R})
% The summary scalars of one run @var{R} of a trajectory function, for a row of a
% sweep's table: @code{final_loss}, @code{best_loss} (last and smallest recorded training
% loss), @code{final_test_loss}, @code{best_test_loss}, @code{best_test_t} (the same for
% the held-out loss of option @qcode{"test"}, and the iteration of its smallest value;
% NaN without it), @code{diverged_at} (NaN when the run did not diverge),
% @code{stopped_by} (a string) and @code{iters}.
%
% This is the one place where a sweep reads a result, by field name: every lindyn
% trajectory function returns the one result struct (loss, test_loss, stopped_by, ...);
% a function of the user's that returns fewer fields gets NaN for the missing numbers,
% and for a missing @code{stopped_by} @qcode{"diverged"} for a diverged run,
% @qcode{"interrupted"} for one stopped by Ctrl-C and @qcode{"iters"} otherwise.  Smallest values ignore NaN; the first of equal
% smallest values counts.
% @end deftypefn

  loss = ld_field (R, {'loss'});
  test = ld_field (R, {'test_loss'});
  t = ld_field (R, {'t'});
  row.final_loss = ld_last (loss);
  row.best_loss = ld_min (loss);
  row.final_test_loss = ld_last (test);
  [row.best_test_loss, i] = ld_min (test);
  row.best_test_t = NaN;
  if (~ isnan (i) && numel (t) >= i)
    row.best_test_t = double (t(i));
  end
  row.diverged_at = NaN;
  if (isfield (R, 'diverged_at') && isscalar (R.diverged_at))
    row.diverged_at = double (R.diverged_at);
  end
  if (isfield (R, 'stopped_by') && ischar (R.stopped_by))
    row.stopped_by = R.stopped_by;
  elseif (isfield (R, 'diverged') && isequal (R.diverged, true))
    row.stopped_by = 'diverged';
  elseif (isfield (R, 'interrupted') && isequal (R.interrupted, true))
    row.stopped_by = 'interrupted';
  else
    row.stopped_by = 'iters';
  end
  row.iters = NaN;
  if (isfield (R, 'iters') && isscalar (R.iters))
    row.iters = double (R.iters);
  end
end

function v = ld_field (R, names)
  % the first of the named fields R has, as a row of doubles ([] when none)
  v = [];
  for k = 1:numel (names)
    if (isfield (R, names{k}) && isnumeric (R.(names{k})))
      v = double (reshape (R.(names{k}), 1, []));
      return;
    end
  end
end

function x = ld_last (v)
  x = NaN;
  if (~ isempty (v)), x = v(end);  end
end

function [x, i] = ld_min (v)
  x = NaN;  i = NaN;
  if (~ isempty (v) && any (~ isnan (v)))
    [x, i] = min (v);                 % min ignores NaN and returns the first smallest
  end
end
