% sweep_steps.m -- CPU time per gradient-descent step of gd_deep for two-layer networks
% of a few shapes, one trajectory alone and 16 trajectories in one call (as the 16 seeds
% of one array task of a sweep run), on one thread: the numbers behind the cost of a
% large sweep in doc/sweeps.md.  Run from the top of the built tree:
%   octave-cli -q doc/examples/sweep_steps.m
% CPU time (cputime) rather than wall time: on a loaded machine the wall clock also
% counts the time other processes run; an array task on a cluster has its core alone.
addpath (fullfile (pwd, 'inst'));  addpath (fullfile (pwd, 'src'));
function s = ld_time (t)
  if (t < 120)
    s = sprintf ('%.0f s', t);
  elseif (t < 7200)
    s = sprintf ('%.0f min', t / 60);
  elseif (t < 2 * 86400)
    s = sprintf ('%.1f h', t / 3600);
  else
    s = sprintf ('%.1f days', t / 86400);
  end
end
printf ('load average: %s', fileread ('/proc/loadavg'));
printf ('CPU: %s\n', strtrim (regexp (fileread ('/proc/cpuinfo'), 'model name\s*:\s*([^\n]*)', 'tokens', 'once'){1}));
__lindyn_config__ ('omp_threads', 1);  __lindyn_config__ ('blas_threads', 1);
shapes = [5 5 5; 20 20 20; 50 50 50; 100 100 100];
printf ('two-layer gd_deep, one thread: CPU microseconds per step (best of 5)\n');
alone = zeros (1, size (shapes, 1));
printf ('%-16s %10s %22s\n', '[d h p]', 'alone', '16 together, per run');
for s = 1:size (shapes, 1)
  d = shapes(s, 1);  h = shapes(s, 2);  p = shapes(s, 3);
  rng (1);
  X = randn (500, d);  Y = X * randn (d, p) / sqrt (d) + 0.1 * randn (500, p);
  [Sx, Sxy] = second_moments (X, Y);
  eta = 0.5 / max (eig (Sx));
  % calls of about 0.5 s of CPU each, so that a call's fixed cost (checks, records,
  % the first chunk) is negligible next to its steps
  c0 = cputime ();
  gd_deep (Sx, Sxy, eta, 1000, random_init ([d h p], 1e-2, 'seed', 1), 'record', [0 1000], 'verbose', false);
  iters = max (1000, round (0.5 / max (cputime () - c0, 1e-3) * 1000));
  starts = arrayfun (@(k) random_init ([d h p], 1e-2, 'seed', k), 1:16, 'UniformOutput', false);
  one = Inf;  many = Inf;
  for r = 1:5
    c0 = cputime ();
    gd_deep (Sx, Sxy, eta, iters, starts{1}, 'record', [0 iters], 'verbose', false);
    one = min (one, (cputime () - c0) / iters);
    k = max (round (iters / 16), 100);
    c0 = cputime ();
    gd_deep (Sx, Sxy, repmat (eta, 1, 16), k, starts, 'record', [0 k], 'verbose', false);
    many = min (many, (cputime () - c0) / (16 * k));
  end
  printf ('%-16s %10.3f %22.3f\n', mat2str ([d h p]), 1e6 * one, 1e6 * many);
  alone(s) = one;
end
% the fixed cost of an array task: start octave-cli, find lindyn, read the sweep, run a
% point that is done already (wall seconds, best of 3)
F = tempname ();
sweep (@gd_deep, {eye(2), eye(2), 0.1, 1, {eye(2), eye(2)}}, struct ('iters', 1), 'folder', F);
cmd = sprintf (['octave-cli -q --no-gui --eval "addpath (''%s''); addpath (''%s''); ', ...
                'sweep_run (''%s'', 1);" >/dev/null 2>&1'], fullfile (pwd, 'inst'), ...
               fullfile (pwd, 'src'), F);
start = Inf;
for r = 1:3
  t0 = tic ();  system (cmd);  start = min (start, toc (t0));
end
confirm_recursive_rmdir (false);  rmdir (F, 's');
% Kunin et al.'s grid: 17 x 17 x 16 = 4624 runs of 1e6 steps, chunks of 16 runs (289
% array tasks), one CPU per task, nodes of `cores` cores like this machine
runs = 4624;  steps = 1e6;  chunk = 16;  cores = nproc ();
tasks = ceil (runs / chunk);
printf ('array task start: %.2f s; %d tasks of %d runs; nodes of %d cores\n', start, tasks, chunk, cores);
printf ('%-16s %10s %12s %12s %12s %12s\n', '[d h p]', 'run (s)', 'CPU hours', '1 node', ...
        '10 nodes', '100 nodes');
for s = 1:size (shapes, 1)
  task = chunk * steps * alone(s) + start;
  wall = arrayfun (@(nodes) ceil (tasks / (nodes * cores)) * task, [1 10 100]);
  printf ('%-16s %10.2f %12.2f %12s %12s %12s\n', mat2str (shapes(s, :)), steps * alone(s), ...
          runs * steps * alone(s) / 3600, ld_time (wall(1)), ld_time (wall(2)), ld_time (wall(3)));
end
