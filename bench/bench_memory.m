function [tbl, memd] = bench_memory (cfg, tbl, iters)
% bench_memory -- peak memory against the number of iterations (rows: section "memory"):
% VmHWM of a child octave-cli running gd_deep (L = 2, d = p = r = 20) or gd_linear
% (d = p = 20) for cfg.mem_iters(1) and cfg.mem_iters(2) iterations with the default
% recording (about 200 records, nuclear norms).  memd(k).mb: the difference in MB.
%
%   bench_memory ('--child', FN, ITERS)   the child: runs FN, prints "VMHWM_KB <peak
%                                   resident set of this process in kB>", "SECONDS <run
%                                   time>" and "RECORDS <count>" (run_bench ('--mem-child',
%                                   FN, ITERS) calls it)
  if (ischar (cfg))
    child (tbl, iters);
    return;
  end
  memd = struct ('fn', {}, 'mb', {});
  for fnc = {'gd_deep', 'gd_linear'}
    fn = fnc{1};
    sz = bench_ifelse (strcmp (fn, 'gd_deep'), 'L=2 d=p=r=20', 'L=1 d=p=20');
    if (~ cfg.have (fn))
      tbl = bench_add (tbl, 'section', 'memory', 'case', 'peak memory', 'size', sz, ...
                       'impl', fn, 'status', 'n/a', 'note', [cfg.NA ': ' fn]);
      continue;
    end
    mb = NaN (1, 2);
    for k = 1:2
      [st, txt] = bench_child (cfg.top, sprintf ('run_bench (''--mem-child'', ''%s'', %d)', ...
                                                 fn, cfg.mem_iters(k)));
      kb = regexp (txt, 'VMHWM_KB (\d+)', 'tokens', 'once');
      sec = regexp (txt, 'SECONDS ([\d.]+)', 'tokens', 'once');
      if (st == 0 && ~ isempty (kb))
        mb(k) = str2double (kb{1}) / 1024;
        tbl = bench_add (tbl, 'section', 'memory', 'case', 'peak memory', 'size', sz, ...
                         'impl', fn, 'iterations', cfg.mem_iters(k), ...
                         'seconds', str2double (sec{1}), ...
                         'us_per_iter', 1e6 * str2double (sec{1}) / cfg.mem_iters(k), ...
                         'mem_mb', mb(k), 'status', 'ok', ...
                         'note', 'VmHWM of a child octave-cli, default recording');
      else
        tbl = bench_add (tbl, 'section', 'memory', 'case', 'peak memory', 'size', sz, ...
                         'impl', fn, 'iterations', cfg.mem_iters(k), 'status', 'failed', ...
                         'note', strtrim (txt));
      end
    end
    memd(end+1) = struct ('fn', fn, 'mb', mb(2) - mb(1));
  end
end

function child (fn, iters)
  if (ischar (iters))
    iters = str2double (iters);
  end
  if (strcmp (fn, 'gd_deep'))
    [Sx, Sxy, W0, eta] = bench_problem (2, 20, 20, 20, 1);
    t0 = tic ();
    R = gd_deep (Sx, Sxy, eta, iters, W0, 'verbose', false);
  else
    [Sx, Sxy, W0, eta] = bench_problem (1, 20, 20, 20, 1);
    t0 = tic ();
    R = gd_linear (Sx, Sxy, eta, iters, 'init', W0{1}, 'verbose', false);
  end
  secs = toc (t0);
  printf ('VMHWM_KB %d\nSECONDS %.6f\nRECORDS %d\n', bench_status_kb ('VmHWM'), secs, numel (R.t));
end
