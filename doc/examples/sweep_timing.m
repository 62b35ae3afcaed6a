% sweep_timing.m -- the sweep of a new user (5 steps x 4 seeds x depths 2 and 3, d = 50,
% 2000 iterations of gd_deep on a random Gaussian regression problem, Sx from n = 500
% samples) as one call of sweep, timed serial / in-process / local against the loops a
% user writes by hand.  Run from the top of the built tree:
%   octave-cli -q doc/examples/sweep_timing.m [repetitions]
% Prints one line per variant (best of the repetitions: wall seconds, and CPU seconds of
% this Octave process, which do not count the worker processes of pararrayfun and of the
% local backend) and checks that every variant gives the same final losses, bit for bit.
addpath (fullfile (pwd, 'inst'));  addpath (fullfile (pwd, 'src'));
args = argv ();
reps = 3;
if (~ isempty (args)), reps = str2double (args{1});  end
pkg load parallel
rng (1);
n = 500;  d = 50;  p = 50;  iters = 2000;
X = randn (n, d);  Y = X * randn (d, p) / sqrt (d) + 0.1 * randn (n, p);
[Sx, Sxy] = second_moments (X, Y);
etas = [0.01 0.02 0.05 0.1 0.15];                 % below 2/sharpness at both depths
seeds = 1:4;  depths = [2 3];  scale = 1e-2;
warning ('off', 'lindyn:gd:diverged');
grid = struct ('depth', depths, 'eta', etas, 'seed', seeds, 'scale', scale);
args = {Sx, Sxy, [], iters, [], 'verbose', false};
variants = {'loops', 'eta vector', 'pararrayfun', 'sweep serial', 'sweep in-process', 'sweep local'};
best = Inf (1, numel (variants));  cpu = Inf (1, numel (variants));
final = cell (1, numel (variants));
for r = 1:reps
  for v = 1:numel (variants)
    t0 = tic ();  c0 = cputime ();
    switch (variants{v})
      case 'loops'                 % what a user writes by hand, one run at a time
        f = [];
        for L = depths
          for eta = etas
            for s = seeds
              W0 = random_init ([d, repmat(min (d, p), 1, L - 1), p], scale, 'seed', s);
              R = gd_deep (Sx, Sxy, eta, iters, W0, 'verbose', false);
              f(end+1) = R.excess_loss(end);
            end
          end
        end
      case 'eta vector'            % one call per depth: 20 trajectories side by side
        f = [];
        for L = depths
          [E, S] = ndgrid (etas, seeds);  E = E';  S = S';
          W0 = arrayfun (@(s) random_init ([d, repmat(min (d, p), 1, L - 1), p], scale, ...
                                           'seed', s), S(:)', 'UniformOutput', false);
          R = gd_deep (Sx, Sxy, E(:)', iters, W0, 'verbose', false);
          f = [f, arrayfun(@(x) x.excess_loss(end), R)];
        end
      case 'pararrayfun'           % the parallel package by hand, 2 processes
        [S, E, Ls] = ndgrid (seeds, etas, depths);
        job = @(L, eta, s) getfield (gd_deep (Sx, Sxy, eta, iters, ...
                 random_init ([d, repmat(min (d, p), 1, L - 1), p], scale, 'seed', s), ...
                 'verbose', false), 'excess_loss')(end);
        f = pararrayfun (nproc (), job, Ls(:)', E(:)', S(:)');
      case 'sweep serial'
        T = sweep (@gd_deep, args, grid, 'together', false);
        f = T.final_loss';
      case 'sweep in-process'
        T = sweep (@gd_deep, args, grid);
        f = T.final_loss';
      case 'sweep local'
        T = sweep (@gd_deep, args, grid, 'backend', 'local');
        f = T.final_loss';
    end
    best(v) = min (best(v), toc (t0));
    cpu(v) = min (cpu(v), cputime () - c0);
    final{v} = f;
  end
end
[~, ~, ~, omp] = __lindyn_config__ ();
load = fileread ('/proc/loadavg');
printf ('new user''s sweep: 40 points (5 eta x 4 seeds x depths 2, 3), d = p = 50, %d iterations; best of %d; load %s', ...
        iters, reps, load);
for v = 1:numel (variants)
  same = {'DIFFERENT final losses', 'same final losses as the loops'};
  printf ('  %-18s %7.2f s wall %7.2f s CPU   %s\n', variants{v}, best(v), cpu(v), ...
          same{1 + isequal (final{v}, final{1})});
end
