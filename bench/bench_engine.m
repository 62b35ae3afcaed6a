% bench_engine.m -- the trajectory engine's moments objective against ld_gd_run (the fused
% gradient-descent path of gd_deep): microseconds per iteration and the largest relative
% difference of the final factors, for d = r = p = 20 (1e5 iterations) and d = 784,
% r = p = 10 (1000 iterations), L = 2 and 3, best of 3.
%
%   octave-cli -q bench/bench_engine.m        (from the top of a built tree)

top = fileparts (fileparts (mfilename ('fullpath')));
addpath (fullfile (top, 'src'));
cases = {[20 20 20 1e5], [784 10 10 1000]};
for c = 1:numel (cases)
  d = cases{c}(1);  r = cases{c}(2);  p = cases{c}(3);  it = cases{c}(4);
  randn ('state', 1);
  A = randn (d);  Sx = eye (d) + A * A' / d;  Sx = Sx / max (eig (Sx));
  Sxy = Sx * randn (d, p) / 3;  Ws = Sx \ Sxy;
  for L = [2 3]
    w = [d, repmat(r, 1, L - 1), p];  W0 = cell (1, L);
    for l = 1:L, W0{l} = randn (w(l), w(l+1)) / sqrt (w(l)) / 3;  end
    tg = Inf;  te = Inf;  tm = Inf;
    for rep = 1:3
      tic;  G = __lindyn_gd__ (Sx, Sxy, Ws, 0.01, W0, it, [], Inf, 0, false, [], false);  tg = min (tg, toc);
      tic;  E = __lindyn_run__ ('moments', {Sx, Sxy, Ws}, [], 'gd', [], 0.01, {W0}, {}, 0, it, [], Inf, 0, [0 0 0], []);  te = min (te, toc);
      tic;  M = __lindyn_run__ ('moments', {Sx, Sxy, Ws}, [], 'momentum', 0.9, 0.01, {W0}, {}, 0, it, [], Inf, 0, [0 0 0], []);  tm = min (tm, toc);
    end
    dif = max (cellfun (@(a, b) norm (a - b, 'fro') / norm (b, 'fro'), E.factors, G.factors));
    printf ('d=%d r=%d p=%d L=%d: ld_gd_run %.2f us/it, engine gd %.2f (x%.2f), engine momentum %.2f; rel. diff %.1e\n', ...
            d, r, p, L, 1e6 * tg / it, 1e6 * te / it, te / tg, 1e6 * tm / it, dif);
  end
end
