function bench_print (r, head)
% bench_print -- print one row of the benchmark table; bench_print ([], true) prints the
% column titles.
  if (nargin > 1 && head)
    printf ('%-16s %-24s %-18s %9s %8s %10s %8s %9s %8s %7s %6s %9s %7s %s\n', 'case', 'size', ...
            'impl', 'iters', 'seconds', 'us/iter', 'ovh_ms', 'ratio', 'GFLOP/s', '%dgemm', ...
            '%roof', 'rel_diff', 'mem_MB', 'status / note');
  end
  if (isempty (r))
    return;
  end
  printf ('%-16s %-24s %-18s %9s %8s %10s %8s %9s %8s %7s %6s %9s %7s %s%s\n', r.case, r.size, ...
          r.impl, field (r.iterations, '%d'), field (r.seconds, '%.3f'), ...
          field (r.us_per_iter, '%.3g'), field (r.overhead_ms, '%.3g'), ...
          field (r.ratio, '%.3g'), field (r.gflops, '%.3g'), ...
          field (100 * r.frac_dgemm, '%.1f'), field (100 * r.frac_roof, '%.0f'), ...
          field (r.rel_diff, '%.1e'), field (r.mem_mb, '%.1f'), status (r.status), note (r));
  fflush (stdout);
end

function s = field (x, fmt)
  if (isempty (x) || isnan (x))
    s = '-';
  else
    s = sprintf (fmt, x);
  end
end

function s = note (r)
  s = r.note;
  if (~ isnan (r.ratio_cpu))
    s = sprintf ('[cpu: %.3g us, ratio %.3g] %s', r.cpu_us_per_iter, r.ratio_cpu, s);
  end
end

function s = status (st)
  if (any (strcmp (st, {'ok', 'n/a'})))
    s = '';
  else
    s = [st, ': '];
  end
end
