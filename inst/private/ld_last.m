function out = ld_last (action, token, value)
% -*- texinfo -*-
% @deftypefn {} {@var{out} =} ld_last (@var{action}, @var{token}, @var{value})
% The store behind @code{lindyn_last}: the result of the most recent long run, kept
% even when the run was interrupted (Ctrl-C) or stopped by an error.
%
% @code{token = ld_last ("begin")} opens a run (older unfinished runs are forgotten);
% @code{ld_last ("update", token, state)} keeps @var{state}, a struct that
% @code{ld_partial} turns into a result (the driver calls it after every chunk);
% @code{ld_last ("finish", token, R)} keeps the complete result @var{R};
% @code{ld_last ("close", token)}, called by the run's onCleanup whether it ended
% normally or not, builds the partial result (with @code{interrupted} true) from the
% last state when no complete result came, and returns that partial result (empty when
% the run finished or nothing was done); @code{R = ld_last ("get")} returns the kept
% result (empty when none).
% @end deftypefn

  persistent last count
  if (isempty (count))
    count = 0;
    last = struct ('token', 0, 'state', [], 'result', []);
  end
  out = [];
  switch (action)
    case 'begin'
      count = count + 1;
      last = struct ('token', count, 'state', [], 'result', []);
      out = count;
    case 'update'
      if (token == last.token)
        last.state = value;
      end
    case 'finish'
      if (token == last.token)
        last.result = value;
        last.state = [];
      end
    case 'close'
      if (token == last.token && isempty (last.result) && ~ isempty (last.state))
        try
          last.result = ld_partial (last.state);
        catch
          last.result = [];             % never let a cleanup raise
        end
        last.state = [];
        out = last.result;
      end
    case 'get'
      out = last.result;
  end
end
