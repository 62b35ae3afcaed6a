function bench_fused ()
% bench_fused -- the moments objective's fused gradient-descent step against the runner's
% generic path (the factor gradients, then the update rule), through __lindyn_run__:
% method "gd" (fused) against "momentum" with beta = 0 (the same iterates through the
% generic path) and beta = 0.9; microseconds per iteration, best of 3, and the largest
% relative difference of the final factors between the two paths, for d = r = p = 20
% (1e5 iterations) and d = 784, r = p = 10 (1000 iterations), L = 2 and 3.
%
%   run_bench ('--fused')
  cases = {[20 20 20 1e5], [784 10 10 1000]};
  for c = 1:numel (cases)
    d = cases{c}(1);  r = cases{c}(2);  p = cases{c}(3);  it = cases{c}(4);
    randn ('state', 1);
    A = randn (d);  Sx = eye (d) + A * A' / d;  Sx = Sx / max (eig (Sx));
    Sxy = Sx * randn (d, p) / 3;  Ws = Sx \ Sxy;
    spec = struct ('objective', 'moments', 'data', struct ('Sx', Sx, 'Sxy', Sxy, 'Wstar', Ws), ...
                   'method', 'gd', 'hyper', struct (), 'eta', 0.01, 'iters', it, 'at', zeros (1, 0));
    sm0 = setfield (setfield (spec, 'method', 'momentum'), 'hyper', struct ('beta', 0));
    sm9 = setfield (sm0, 'hyper', struct ('beta', 0.9));
    for L = [2 3]
      w = [d, repmat(r, 1, L - 1), p];  W0 = cell (1, L);
      for l = 1:L, W0{l} = randn (w(l), w(l+1)) / sqrt (w(l)) / 3;  end
      st = struct ('factors', {W0});
      tg = Inf;  t0 = Inf;  t9 = Inf;
      for rep = 1:3
        tic;  G = __lindyn_run__ (spec, st);  tg = min (tg, toc);
        tic;  M = __lindyn_run__ (sm0, st);  t0 = min (t0, toc);
        tic;  __lindyn_run__ (sm9, st);  t9 = min (t9, toc);
      end
      dif = max (cellfun (@(a, b) norm (a - b, 'fro') / norm (b, 'fro'), M.factors, G.factors));
      printf (['d=%d r=%d p=%d L=%d: fused gd %.2f us/it, generic (momentum, beta 0) %.2f ', ...
               '(x%.2f), momentum 0.9 %.2f; rel. diff %.1e\n'], d, r, p, L, 1e6 * tg / it, ...
              1e6 * t0 / it, t0 / tg, 1e6 * t9 / it, dif);
    end
  end
end
