function bench_print (r, head)
% bench_print -- print one row of the benchmark table (and the column titles first when
% head is true).
  if (nargin > 1 && head)
    printf ('%-16s %-24s %-18s %9s %8s %10s %8s %9s %8s %7s %9s %7s %s\n', 'case', 'size', ...
            'impl', 'iters', 'seconds', 'us/iter', 'ovh_ms', 'ratio', 'GFLOP/s', '%dgemm', ...
            'rel_diff', 'mem_MB', 'status / note');
  end
  printf ('%-16s %-24s %-18s %9s %8s %10s %8s %9s %8s %7s %9s %7s %s%s\n', r.case, r.size, ...
          r.impl, f (r.iterations, '%d'), f (r.seconds, '%.3f'), f (r.us_per_iter, '%.3g'), ...
          f (r.overhead_ms, '%.3g'), ...
          f (r.ratio, '%.3g'), f (r.gflops, '%.3g'), f (100 * r.frac_dgemm, '%.1f'), ...
          f (r.rel_diff, '%.1e'), f (r.mem_mb, '%.1f'), stat (r.status), note (r));
  fflush (stdout);
end

function s = f (x, fmt)
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

function s = stat (st)
  if (any (strcmp (st, {'ok', 'n/a'})))
    s = '';
  else
    s = [st, ': '];
  end
end
