function rec = ld_default_record (iters)
% -*- texinfo -*-
% @deftypefn {} {@var{rec} =} ld_default_record (@var{iters})
% The default record list of a run of @var{iters} steps: about 200 distinct log-spaced
% indices from 0 to @var{iters} (all of them when @var{iters} < 200).  Rounding merges
% the early ones, so more points are asked for until 200 distinct remain.
% @end deftypefn
  m = 199;
  rec = unique ([0, round(logspace (0, log10 (max (iters, 1)), m)), iters]);
  while (numel (rec) < min (200, iters + 1) && m < 4000)
    m = 2 * m;
    cand = unique ([0, round(logspace (0, log10 (max (iters, 1)), m)), iters]);
    rec = cand(unique (round (linspace (1, numel (cand), min (200, numel (cand))))));
  end
  rec = rec(rec <= iters);
end

