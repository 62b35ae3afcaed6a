% run_bench.m -- lindyn's gradient-descent benchmarks (make bench; not part of make check).
%
% Runs in one process, side by side: the C core (gd_deep / gd_linear) against
%   baseline A: the plain Octave loop of eq. 5 from the same Sx, Sxy and start (checked
%               to give the same iterate), and
%   baseline B: the arithmetic limit, flops of one iteration / the dgemm rate measured
%               here on a 1024x1024 product.
% Every timing is the median of several repetitions.  Prints a table and writes
% bench/results.csv (case, d, p, r, L, K, iterations, seconds per iteration, ratio).

top = fileparts (fileparts (mfilename ('fullpath')));
addpath (fullfile (top, 'src'));  addpath (fullfile (top, 'inst'));
more off;
reps = 5;

% baseline B: dgemm rate on a large square product
N = 1024;  A = randn (N);  B = randn (N);
t = zeros (1, 3);
for k = 1:3, tic; C = A * B; t(k) = toc; end
gflops = 2 * N^3 / median (t) / 1e9;
printf ('dgemm %dx%d: %.1f GFLOP/s (baseline B)\n\n', N, N, gflops);

function t = plain_loop (Sx, Sxy, eta, iters, W)
  % baseline A: eq. 5 written as a user would, all factors from the same iterate
  L = numel (W);
  tic;
  if (L == 1)
    W = W{1};
    for k = 1:iters
      W = W - eta * (Sx * W - Sxy);
    end
  elseif (L == 2)
    W1 = W{1};  W2 = W{2};
    for k = 1:iters
      G = Sx * (W1 * W2) - Sxy;
      W1n = W1 - eta * G * W2';
      W2 = W2 - eta * W1' * G;
      W1 = W1n;
    end
  else
    W1 = W{1};  W2 = W{2};  W3 = W{3};
    for k = 1:iters
      G = Sx * (W1 * W2 * W3) - Sxy;
      W1n = W1 - eta * G * (W2 * W3)';
      W2n = W2 - eta * W1' * G * W3';
      W3 = W3 - eta * (W1 * W2)' * G;
      W1 = W1n;  W2 = W2n;
    end
  end
  t = toc;
end

cases = {  % L, d, p, r, iterations for C, iterations for the loop
  1, 8, 8, 8, 1e5, 2e4;     2, 8, 8, 8, 1e5, 2e4;
  1, 20, 20, 20, 1e5, 1e4;  2, 20, 20, 20, 1e5, 1e4;
  1, 64, 64, 64, 2e4, 2e3;  2, 64, 64, 64, 1e4, 2e3;  3, 64, 64, 64, 5e3, 1e3;
  1, 256, 256, 256, 500, 100;  2, 256, 256, 256, 150, 50;
  1, 784, 10, 784, 1000, 100;  2, 784, 10, 784, 150, 50};
rows = {};
printf ('%-28s %12s %12s %8s %10s %8s %10s\n', 'case', 'C us/it', 'loop us/it', 'ratio', ...
        'GFLOP/s', 'of B', 'setup s');
for c = 1:size (cases, 1)
  [L, d, p, r, itc, itp] = cases{c, :};
  Q = orth (randn (d));
  Sx = Q * diag (linspace (0.1, 1, d)) * Q';  Sx = (Sx + Sx') / 2;
  Sxy = Sx * randn (d, p) / sqrt (d);
  W0 = random_init ([d, r * ones(1, L - 1), p], 0.01, 'scheme', 'orthogonal', 'seed', c);
  eta = 0.3 / L;
  % per-iteration cost of the core: runs of itc and 2 itc iterations, differenced, so
  % the once-per-run setup (validation, W* from eig(Sx): O(d^3)) is reported apart
  tc = zeros (1, reps);  tp = zeros (1, reps);  ts = zeros (1, reps);
  for k = 1:reps
    tic;
    gd_deep (Sx, Sxy, eta, itc, W0, 'record', itc, 'nuclear', false, 'sv', 0, 'verbose', false);
    t1 = toc;
    tic;
    gd_deep (Sx, Sxy, eta, 2 * itc, W0, 'record', 2 * itc, 'nuclear', false, 'sv', 0, 'verbose', false);
    t2 = toc;
    tc(k) = max (t2 - t1, 0) / itc;
    ts(k) = max (t1 - tc(k) * itc, 0);
    tp(k) = plain_loop (Sx, Sxy, eta, itp, W0) / itp;
  end
  % same result as the loop (on a short run), so the two compute the same thing
  R = gd_deep (Sx, Sxy, eta, 20, W0, 'record', 20, 'nuclear', false, 'sv', 0);
  V = W0;
  for k = 1:20
    E = V{1};  for l = 2:L, E = E * V{l};  end
    G = Sx * E - Sxy;  Vn = V;
    for l = 1:L
      P = eye (d);  for j = 1:l-1, P = P * V{j};  end
      S = eye (p);  for j = L:-1:l+1, S = V{j} * S;  end
      Vn{l} = V{l} - eta * P' * G * S';
    end
    V = Vn;
  end
  E = V{1};  for l = 2:L, E = E * V{l};  end
  assert (norm (R.W - E, 'fro') <= 1e-10 * norm (E, 'fro'));
  % flop count of one iteration of the 3L-2 products (exact for the square cases)
  if (L == 1)
    flops = 2 * d * d * p;
  else
    flops = 2 * (d * d * p + (3 * L - 3) * d * r * p);
  end
  rate = flops / median (tc) / 1e9;
  name = sprintf ('L=%d d=%d p=%d r=%d', L, d, p, r);
  printf ('%-28s %12.3g %12.3g %8.1f %10.2f %7.0f%% %10.3f\n', name, 1e6 * median (tc), ...
          1e6 * median (tp), median (tp) / median (tc), rate, 100 * rate / gflops, median (ts));
  rows(end+1, :) = {sprintf('gd L=%d', L), d, p, r, L, 1, itc, median(tc), median(tp) / median(tc)};
end

% recording: 200 log-spaced records with nuclear norms on a 1e5-iteration run, d = 20
d = 20;  Q = orth (randn (d));
Sx = Q * diag (linspace (0.1, 1, d)) * Q';  Sx = (Sx + Sx') / 2;  Sxy = Sx * randn (d) / sqrt (d);
W0 = random_init ([d d d], 0.01, 'scheme', 'orthogonal', 'seed', 1);  it = 1e5;
t0 = zeros (1, reps);  t1 = zeros (1, reps);
for k = 1:reps
  tic; gd_deep (Sx, Sxy, 0.15, it, W0, 'record', it, 'nuclear', false, 'sv', 0, 'verbose', false); t0(k) = toc;
  tic; R = gd_deep (Sx, Sxy, 0.15, it, W0, 'verbose', false); t1(k) = toc;
end
printf ('\nrecording %d points with nuclear norms, d = 20, 1e5 iterations: %.3f s vs %.3f s (+%.1f%%)\n', ...
        numel (R.t), median (t1), median (t0), 100 * (median (t1) / median (t0) - 1));
rows(end+1, :) = {'record 200', d, d, d, 2, 1, it, median(t1) / it, median(t1) / median(t0)};

% sweeps: K = 32 step sizes in one call against 32 calls
K = 32;  eta = linspace (0.05, 0.3, K);  it = 5000;
ts = zeros (1, 3);  tk = zeros (1, 3);
for k = 1:3
  tic; gd_deep (Sx, Sxy, eta, it, W0, 'record', it, 'nuclear', false, 'sv', 0); ts(k) = toc;
  tic;
  for j = 1:K, gd_deep (Sx, Sxy, eta(j), it, W0, 'record', it, 'nuclear', false, 'sv', 0); end
  tk(k) = toc;
end
printf ('sweep K = %d, d = 20: %.3g it/s in one call, %.3g it/s in %d calls (x%.2f)\n', K, ...
        K * it / median (ts), K * it / median (tk), K, median (tk) / median (ts));
rows(end+1, :) = {'sweep K=32', d, d, d, 2, K, it, median(ts) / (K * it), median(tk) / median(ts)};

% peak memory does not depend on iters: the core keeps no history
f = fullfile (top, 'bench', 'results.csv');
fid = fopen (f, 'w');
fprintf (fid, 'case,d,p,r,L,K,iterations,seconds_per_iteration,ratio\n');
for k = 1:size (rows, 1)
  fprintf (fid, '%s,%d,%d,%d,%d,%d,%d,%.6g,%.4g\n', rows{k, :});
end
fclose (fid);
printf ('\nwrote %s\n', f);
