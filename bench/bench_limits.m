function out = bench_limits (cfg, lim, tbl)
% bench_limits -- the machine's limits.
%
%   lim = bench_limits (cfg)             measure them (printed in the run's header)
%   tbl = bench_limits (cfg, lim, tbl)   their rows (section "bound") appended to tbl
%
% Measured in this run: the dgemm rate (A*B on two
% ngemm-by-ngemm random matrices, median of reps) with one OpenBLAS thread (rate1) and
% with all cores (rateN), set through __lindyn_config__ ("blas_threads", n) and restored;
% the streaming bandwidth (bench_stream.c: GB/s of y = s*x + y) at working sets of 64 KB
% to 1 GB (bw_sizes) on 1 (bw1) and all (bwN) threads.  The roofline limit of a case is
% max(flops / rate, bytes / bandwidth at its working set) (bench_roof).
  if (nargin > 1)
    out = rows (cfg, lim, tbl);
    return;
  end
  ngemm = cfg.ngemm;  ncores = cfg.ncores;
  lim = struct ('rate1', NaN, 'rateN', NaN, 'tg1', NaN, 'tgN', NaN, ...
                'bw_sizes', 2 .^ (16:2:30), 'bw1', [], 'bwN', [], 'bwN_raw', []);
  Ag = randn (ngemm);  Bg = randn (ngemm);
  prev = 0;
  have_set = exist ('__lindyn_config__') == 3;
  for nt = [1, ncores]
    if (have_set)
      try
        q = __lindyn_config__ ('blas_threads', nt);
        if (nt == 1), prev = q;  end
      catch
        have_set = false;
      end
    end
    Cg = Ag * Bg;                                 % warm-up (threads, pages)
    tg = zeros (cfg.reps, 1);
    for k = 1:cfg.reps
      t0 = tic ();  Cg = Ag * Bg;  tg(k) = toc (t0);
    end
    if (nt == 1)
      lim.tg1 = tg;  lim.rate1 = 2 * ngemm^3 / median (tg) / 1e9;
    else
      lim.tgN = tg;  lim.rateN = 2 * ngemm^3 / median (tg) / 1e9;
    end
  end
  if (have_set && prev > 0)
    __lindyn_config__ ('blas_threads', prev);
  end
  if (~ have_set)                  % no setter: both rates are OpenBLAS's default threads
    lim.rate1 = NaN;
  end
  if (cfg.have_stream)
    secs = bench_ifelse (cfg.quick, 0.02, 0.1);
    lim.bw1 = bench_stream (lim.bw_sizes, 1, secs);
    lim.bwN_raw = bench_stream (lim.bw_sizes, ncores, secs);
    % ncores threads can always run as one: where waking the second thread costs more
    % than the pass (small sets, or a busy shared machine) the one-thread rate is the limit
    lim.bwN = max (lim.bwN_raw, lim.bw1);
  else
    lim.bw1 = NaN (size (lim.bw_sizes));  lim.bwN = lim.bw1;  lim.bwN_raw = lim.bw1;
  end
  out = lim;
  out.header = {sprintf('limits: dgemm n=%d %.4g GFLOP/s (1 thread), %.4g GFLOP/s (%d threads)', ...
                        ngemm, lim.rate1, lim.rateN, ncores), ...
                sprintf('limits: stream GB/s at %s bytes: 1 thread %s; %d threads %s', ...
                        strjoin (arrayfun (@bench_bytes, lim.bw_sizes, 'UniformOutput', false), '/'), ...
                        strjoin (arrayfun (@(x) sprintf ('%.3g', x), lim.bw1, 'UniformOutput', false), '/'), ...
                        ncores, strjoin (arrayfun (@(x) sprintf ('%.3g', x), lim.bwN_raw, 'UniformOutput', false), '/'))};
end

function tbl = rows (cfg, lim, tbl)
  ncores = cfg.ncores;
  r = bench_row ('section', 'bound', 'case', 'dgemm rate', ...
                 'size', sprintf ('n=%d', cfg.ngemm), 'impl', 'dgemm', 'iterations', 1, ...
                 'seconds', median (lim.tgN), 'us_per_iter', median (lim.tgN) * 1e6, ...
                 'gflops', lim.rateN, 'frac_dgemm', 1, 'status', 'ok', ...
                 'note', sprintf ('Octave A*B on n-by-n random matrices, %d threads: the rate of baseline B and of the roofline', ncores));
  bench_print (r, true);
  tbl{end+1} = r;
  tbl = bench_add (tbl, 'section', 'bound', 'case', 'dgemm rate 1 thread', ...
                   'size', sprintf ('n=%d', cfg.ngemm), 'impl', 'dgemm', 'iterations', 1, ...
                   'seconds', median (lim.tg1), 'us_per_iter', median (lim.tg1) * 1e6, ...
                   'gflops', lim.rate1, 'frac_dgemm', lim.rate1 / lim.rateN, 'status', 'ok', ...
                   'note', 'one OpenBLAS thread (__lindyn_config__ ("blas_threads", 1)): the rate of the one-core targets');
  for k = 1:numel (lim.bw_sizes)
    for nt = [1, ncores]
      bwv = bench_ifelse (nt == 1, lim.bw1(k), lim.bwN_raw(k));
      tbl = bench_add (tbl, 'section', 'bound', 'case', sprintf ('stream %d thr', nt), ...
                       'size', bench_bytes (lim.bw_sizes(k)), 'impl', 'stream', ...
                       'bytes', lim.bw_sizes(k), 'gflops', bwv, 'status', bench_ifelse (isnan (bwv), 'n/a', 'ok'), ...
                       'note', sprintf ('GB/s (gflops column): y = s*x + y passes over a working set of this size (bench_stream.c)%s', ...
                                        bench_ifelse (nt > 1, sprintf ('; the limit uses max(this, 1 thread) = %.3g', lim.bwN(k)), '')));
    end
  end
end
