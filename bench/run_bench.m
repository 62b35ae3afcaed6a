function varargout = run_bench (varargin)
% run_bench -- lindyn's benchmarks, side by side in one Octave process.
%
%   make bench                       full run, writes bench/results.csv
%   make bench BENCH_QUICK=1         quick check of the harness (< 1.5 min), writes
%                                    bench/results-quick.csv
%   run_bench (['quick'], [OUTFILE.csv])  the same from Octave, with bench/ on the path
%   run_bench ('--ab', BASE)         A/B: every gradient-descent row of the moments path
%                                    through the build of git revision BASE and this tree
%                                    (bench_ab.m; make bench-ab)
%   run_bench ('--table', CSV [, DOC])  the documentation's performance table from CSV
%                                    (bench_table.m; make bench-table)
%   [Sx, Sxy, W0, eta] = run_bench ('--problem', L, d, p, r, seed)  the benchmark's
%                                    problem (private/bench_problem.m)
%   run_bench ('--fused')            the fused gradient-descent step against the runner's
%                                    generic path (bench_fused.m)
%   run_bench ('--profile-case', NAME, ITERS)  one engine or second-moments case, for
%                                    bench/profile.sh
%   run_bench ('--family', NAME [, CASES] [, 'quick'])  one case family alone (gd,
%                                    recording, closed, memory, sweep, protocol) after the
%                                    machine's header, rows printed, no CSV; for gd, CASES
%                                    (rows [L d p r]) replaces its list of shapes
%   run_bench ('--mem-child', FN, ITERS), run_bench ('--sm-child', CLASS, WHICH, N)
%                                    the child processes of the memory rows
%
% The run: the machine (CPU, cores, OpenBLAS, lindyn's kernel, load) and its limits
% (bench_limits.m) head the output and the CSV; then the case families in order, each
% a file bench_<family>.m that prints its rows as it goes: gd (every shape, the default
% recording against the lean run, the fixed cost at d = 2000), recording, closed,
% memory, sweep, engine, moments, protocol (a published sharpness protocol against
% PyTorch); then the targets (bench_targets.m).  The
% timing method, the columns and the sections are described in bench/README.md.
% Helpers shared by the families (timing, calibration, the problem, the plain loop,
% flops and roofline, CSV) are in bench/private/.

  top = fileparts (fileparts (mfilename ('fullpath')));
  addpath (fullfile (top, 'src'));
  addpath (fullfile (top, 'inst'));
  more off;
  only = '';  cases = [];
  if (nargin >= 1 && strcmp (varargin{1}, '--family'))
    only = varargin{2};
    isnum = cellfun (@isnumeric, varargin);
    if (any (isnum)), cases = varargin{find (isnum, 1)};  end
    varargin = varargin(~ isnum);
  elseif (nargin >= 1 && strncmp (varargin{1}, '--', 2))
    a = varargin(2:end);
    switch (varargin{1})
      case '--ab',           bench_ab (top, a{:});
      case '--table',        bench_table (a{:});
      case '--problem',      [varargout{1:4}] = bench_problem (a{:});
      case '--fused',        bench_fused ();
      case '--mem-child',    bench_memory ('--child', a{:});
      case '--sm-child',     bench_moments ('--child', a{:});
      case '--profile-case'
        if (strncmp (a{1}, 'moments-', 8))
          bench_moments ('--profile-case', a{1}(9:end), a{2});
        else
          bench_engine ('--profile-case', a{:});
        end
      otherwise
        error ('run_bench: unknown mode %s', varargin{1});
    end
    return;
  end

  % ---- settings
  quick = any (strcmpi (varargin, 'quick'));
  env = getenv ('BENCH_QUICK');
  if (~ isempty (env) && ~ any (strcmp (env, {'0', 'no', 'false'})))
    quick = true;
  end
  outfile = varargin(~ cellfun (@isempty, regexp (varargin, '\.csv$')));
  cfg = struct ('top', top, 'quick', quick, 'ncores', nproc (), ...
                'have', @(f) exist (f) == 2 || exist (f) == 3, 'NA', 'n/a (function not available)');
  % large gd shapes (d >= 512): repetitions, and the iterations of their lean and default
  % runs at least; the fixed cost's 100-iteration call is timed when it takes at most
  % fixed_direct s (else estimated); the protocol's sharpness tolerance (bench_protocol)
  cfg.reps_big = 3;  cfg.big_iters = 10;  cfg.fixed_direct = 10;  cfg.sharp_tol = 1e-6;
  if (quick)
    cfg.target = 0.02;  cfg.reps = 3;  cfg.ngemm = 1000;  cfg.sweep_iters = 300;
    cfg.mem_iters = [1e3, 1e5];  cfg.rec_iters = 1e4;  cfg.closed_tmax = 1e4;  nmnist = 5000;
    cfg.outfile = fullfile (top, 'bench', 'results-quick.csv');
  else
    cfg.target = 0.3;  cfg.reps = 5;  cfg.ngemm = 2000;  cfg.sweep_iters = 1e4;
    cfg.mem_iters = [1e3, 1e6];  cfg.rec_iters = 1e5;  cfg.closed_tmax = 1e5;  nmnist = 60000;
    cfg.outfile = fullfile (top, 'bench', 'results.csv');
  end
  if (~ isempty (outfile)), cfg.outfile = outfile{end};  end
  if (~ isempty (cases)), cfg.gd_cases = cases;  end

  % ---- the machine
  tstart = tic ();
  cpu = cpu_info ();
  [~, oskernel] = system ('uname -sr 2>/dev/null');
  bdir = tempname ();  mkdir (bdir);
  blas = {'not OpenBLAS (or not found)', -1, ''};
  if (bench_mex (top, bdir, 'bench_blasinfo', '', '-ldl'))
    addpath (bdir);
    [blas{1:3}] = bench_blasinfo ();
    if (isempty (blas{1})), blas{1} = 'not OpenBLAS (or not found)';  end
  end
  cfg.have_stream = bench_mex (top, bdir, 'bench_stream', '-O3 -march=native -fopenmp') ...
                    || bench_mex (top, bdir, 'bench_stream');
  addpath (bdir);
  kernel = 'unknown';
  if (exist ('__lindyn_config__') == 3), kernel = __lindyn_config__ ();  end
  [~, gitrev] = system (sprintf ('cd "%s" && git rev-parse --short HEAD 2>/dev/null', top));
  [~, utc] = system ('date -u "+%Y-%m-%d %H:%M"');
  obt = getenv ('OPENBLAS_NUM_THREADS');
  header = {sprintf('lindyn benchmark (%s mode), %s UTC, commit %s', ...
                    bench_ifelse (quick, 'quick', 'full'), strtrim (utc), strtrim (gitrev)), ...
            sprintf('CPU: %s, %d cores (nproc); OS kernel %s', cpu, cfg.ncores, strtrim (oskernel)), ...
            sprintf('BLAS: %s; threads %d; core %s', strtrim (blas{1}), blas{2}, blas{3}), ...
            sprintf('Octave %s; OPENBLAS_NUM_THREADS=%s; load average at start: %s', OCTAVE_VERSION, ...
                    bench_ifelse (isempty (obt), 'unset', obt), strtrim (fileread ('/proc/loadavg'))), ...
            sprintf('lindyn small-product kernel: %s (LINDYN_KERNEL=%s)', kernel, ...
                    bench_ifelse (isempty (getenv ('LINDYN_KERNEL')), 'unset', getenv ('LINDYN_KERNEL'))), ...
            sprintf('timing: median of %d runs of ~%.2g s each', cfg.reps, cfg.target)};
  cfg.lim = bench_limits (cfg);
  header = [header, cfg.lim.header];
  cfg.PS = bench_peers ('start', top, cfg.ncores);
  header{end+1} = sprintf ('peers: %s', cfg.PS.note);
  printf ('%s\n', header{:});
  printf ('\n');

  % ---- the case families, in order
  tbl = bench_limits (cfg, cfg.lim, {});
  if (~ isempty (only))                % one family alone
    feval (['bench_' only], cfg, tbl);
    bench_peers ('stop', cfg.PS);
    rmpath (bdir);
    return;
  end
  [tbl, R.gd] = bench_gd (cfg, tbl);
  [tbl, R.recov] = bench_recording (cfg, tbl);
  [tbl, R.closed] = bench_closed (cfg, tbl);
  [tbl, R.memd] = bench_memory (cfg, tbl);
  [tbl, R.sweep] = bench_sweep (cfg, tbl);
  [tbl, R.proto] = bench_protocol (cfg, tbl);
  [cfg.X, cfg.Y, cfg.msrc] = bench_mnist (top, nmnist);
  [tbl, R.eng] = bench_engine (cfg, tbl);
  [tbl, R.smr] = bench_moments (cfg, tbl);
  cfg = rmfield (cfg, {'X', 'Y'});
  tbl = bench_targets (cfg, R, tbl);
  bench_peers ('stop', cfg.PS);
  rmpath (bdir);

  % ---- the CSV
  header{end+1} = sprintf ('load average at the end: %s; wall time of the run %.1f min', ...
                           strtrim (fileread ('/proc/loadavg')), toc (tstart) / 60);
  bench_csv_write (cfg.outfile, header, tbl);
  printf ('\n%s\nwrote %s\n', header{end}, cfg.outfile);
end

function s = cpu_info ()
% the CPU model, its family / model / stepping numbers and the vector extensions the
% kernels choose between, from /proc/cpuinfo (and whether it runs under a hypervisor)
  txt = fileread ('/proc/cpuinfo');
  get = @(key) regexp (txt, ['(?m)^' key '\s*:\s*([^\n]*)'], 'tokens', 'once');
  s = 'unknown';
  tok = get ('model name');
  if (~ isempty (tok)), s = strtrim (tok{1});  end
  f = get ('cpu family');  m = get ('model');  st = get ('stepping');
  if (~ isempty (f) && ~ isempty (m))
    s = sprintf ('%s (family %s model %s', s, strtrim (f{1}), strtrim (m{1}));
    if (~ isempty (st)), s = sprintf ('%s stepping %s', s, strtrim (st{1}));  end
    s = [s ')'];
  end
  fl = get ('flags');
  if (~ isempty (fl))
    flags = strsplit (strtrim (fl{1}));
    ext = {'avx512f', 'avx2', 'fma'};
    have = ext(ismember (ext, flags));
    if (isempty (have)), have = {'no AVX2'};  end
    s = sprintf ('%s, %s', s, strjoin (have, ' '));
    if (any (strcmp (flags, 'hypervisor'))), s = [s, ', virtual machine'];  end
  end
end
