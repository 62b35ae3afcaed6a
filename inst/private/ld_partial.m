function R = ld_partial (s)
% -*- texinfo -*-
% @deftypefn {} {@var{R} =} ld_partial (@var{s})
% The result of an interrupted run, from the state @var{s} its driver left after its
% last finished chunk.  @var{s} has fields @code{kind} (@qcode{"run"} for
% @code{ld_run_driver}, @qcode{"flow"} for @code{flow_deep}, @qcode{"result"} when
% @code{s.R} is already a result) and the caller's variables.  Every recorded field
% holds the records taken so far; @code{interrupted} is true.
% @end deftypefn

  if (strcmp (s.kind, 'flow'))
    % flow_deep: the pieces of the state at the requested times reached so far
    Y = [s.pieces{:}];
    n = size (Y, 2);
    factors = cell (1, n);
    d = s.sizes{1}(1);  p = s.sizes{end}(2);
    W = zeros (d, p, n);
    for k = 1:n
      factors{k} = ld_unpack (Y(:,k), s.sizes, s.off);
      M = factors{k}{1};
      for l = 2:numel (factors{k})
        M = M * factors{k}{l};
      end
      W(:,:,k) = M;
    end
    R = struct ('t', s.ts(:)', 'W', W, 'factors', {factors}, 't_reached', s.tnow, ...
                'factors_reached', {s.F}, 'interrupted', true);
    return;
  end
  if (strcmp (s.kind, 'result'))
    R = s.R;
    for k = 1:numel (R)
      R(k).interrupted = true;
    end
    return;
  end
  % the trajectory driver (ld_run_driver): the records taken so far
  R = ld_run_result (s, true);
end

function F = ld_unpack (y, sizes, off)
  F = cell (1, numel (sizes));
  for l = 1:numel (sizes)
    F{l} = reshape (y(off(l)+1:off(l+1)), sizes{l});
  end
end
