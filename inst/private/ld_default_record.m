function [rec, svd_ok] = ld_default_record (iters, cost)
% -*- texinfo -*-
% @deftypefn  {} {@var{rec} =} ld_default_record (@var{iters})
% @deftypefnx {} {[@var{rec}, @var{svd_ok}] =} ld_default_record (@var{iters}, @var{cost})
% The default record list of a run of @var{iters} steps: about 200 distinct log-spaced
% indices from 0 to @var{iters} (all of them when @var{iters} < 200).  Rounding merges
% the early ones, so more points are asked for until 200 distinct remain.
%
% With @var{cost} (seconds, estimated from flop counts: fields @code{step}, one step;
% @code{full}, one record with the singular values; @code{cheap}, one without), the
% default follows from what a record costs: the records may take 5% of the run or 0.02 s,
% whichever is more.  When 200 records with singular values fit, that is the default;
% else as many as fit (at least 20, log-spaced); else the singular-value measures are
% left out (@var{svd_ok} false: no SVD per record) and as many cheap records as fit, at
% least the start and the end.
% @end deftypefn

  svd_ok = true;
  m = 200;
  if (nargin > 1)
    allowed = max (0.05 * iters * cost.step, 0.02);
    want = min (200, iters + 1);
    if (want * cost.full > allowed)
      m = floor (allowed / cost.full);
      if (m < min (20, want))
        svd_ok = false;
        m = max (2, min (200, floor (allowed / cost.cheap)));
      end
    end
  end
  rec = ld_log_points (iters, m);
end

function rec = ld_log_points (iters, m)
  % about m distinct log-spaced indices in [0, iters], both ends included
  if (m <= 2 || iters <= 1)
    rec = unique ([0, iters]);
    return;
  end
  k = m - 1;
  rec = unique ([0, round(logspace (0, log10 (max (iters, 1)), k)), iters]);
  while (numel (rec) < min (m, iters + 1) && k < 20 * m)
    k = 2 * k;
    cand = unique ([0, round(logspace (0, log10 (max (iters, 1)), k)), iters]);
    rec = cand(unique (round (linspace (1, numel (cand), min (m, numel (cand))))));
  end
  rec = rec(rec <= iters);
end
