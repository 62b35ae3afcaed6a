function [W0, t_offset, cont] = ld_continue (fn, R, K, method)
% -*- texinfo -*-
% @deftypefn {} {[@var{W0}, @var{t_offset}, @var{cont}] =} ld_continue (@var{fn}, @var{R}, @var{K}, @var{method})
% The start of a run that continues the result @var{R} of a trajectory function (a
% struct, or the 1-by-K struct array of a sweep): @var{W0} is @code{R.factors} (a cell
% of K cells for a sweep), @var{t_offset} the iterations @var{R} performed, and
% @var{cont} what the run carries on with: its update rule's state (@code{update}, a
% cell per trajectory), its divergence thresholds (@code{threshold}), its stopping
% rules' state (@code{stop}) and its sharpness records' warm start (@code{sharp}), or []
% for a result without them.  The members of a sweep
% must have performed the same number of iterations; a result of momentum or Adam
% continues only with the same @var{method}.  @var{K} step sizes need @var{K} members or
% one.  Errors @code{lindyn:@var{fn}:W0}.
% @end deftypefn

  id = sprintf ('lindyn:%s:W0', fn);
  off = [R.iters];
  if (~ (isnumeric (off) && isreal (off) && numel (off) == numel (R) && all (off >= 0) ...
         && all (off == round (off))) || any (off ~= off(1)) ...
      || ~ all (cellfun (@iscell, {R.factors})))
    error (id, ['%s: a result to continue from must have factors and the same iters in every ', ...
                'member (a diverged or stopped member ended early)'], fn);
  end
  if (numel (R) ~= K && numel (R) ~= 1)
    error (id, '%s: a result of %d trajectories continues with 1 or %d step sizes, got %d', ...
           fn, numel (R), numel (R), K);
  end
  t_offset = off(1);
  if (numel (R) == 1)
    W0 = R.factors;
  else
    W0 = {R.factors};
  end
  cont = [];
  if (~ (isfield (R, 'state') && isfield (R, 'method')))
    return;
  end
  idx = ones (1, K);
  if (numel (R) == K), idx = 1:K;  end
  upd = cell (1, K);  thr = zeros (1, K);  stop = cell (1, K);  sharp = cell (1, K);
  for k = 1:K
    q = R(idx(k));
    if (~ (isstruct (q.state) && all (isfield (q.state, {'update', 'threshold', 'stop', 'sharp'}))))
      cont = [];
      return;
    end
    if (~ isempty (q.state.update) && ~ strcmp (q.method, method))
      error (id, ['%s: a run of method "%s" continues with the same method (its state ', ...
                  'belongs to it), got "%s"'], fn, q.method, method);
    end
    upd{k} = q.state.update;  thr(k) = q.state.threshold;  stop{k} = q.state.stop;
    sharp{k} = q.state.sharp;
  end
  cont = struct ('update', {upd}, 'threshold', thr, 'stop', {stop}, 'sharp', {sharp});
end
