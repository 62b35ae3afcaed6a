function [W0, t_offset] = ld_continue (fn, R)
% -*- texinfo -*-
% @deftypefn {} {[@var{W0}, @var{t_offset}] =} ld_continue (@var{fn}, @var{R})
% The start and the iteration count of a run that continues the result @var{R} (a
% struct or a 1-by-K struct array of a sweep): @var{W0} is @code{R.factors} (a cell
% of K cells for a sweep), @var{t_offset} the iterations @var{R} performed.  The
% members of a sweep must have performed the same number of iterations.
% @end deftypefn

  off = [R.iters];
  if (~ (isnumeric (off) && isreal (off) && numel (off) == numel (R) && all (off >= 0) ...
         && all (off == round (off))) || any (off ~= off(1)) ...
      || ~ all (cellfun (@iscell, {R.factors})))
    error (sprintf ('lindyn:%s:W0', fn), ...
           ['%s: a result to continue from must have factors and the same iters in every ', ...
            'member (a diverged member stopped early)'], fn);
  end
  t_offset = off(1);
  if (numel (R) == 1)
    W0 = R.factors;
  else
    W0 = {R.factors};
  end
end
