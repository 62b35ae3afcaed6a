function [Sx, Sxy, W0, eta] = bench_problem (L, d, p, r, seed)
% bench_problem -- a reproducible least-squares problem and start for the benchmark.
%
%   [Sx, Sxy, W0, eta] = bench_problem (L, d, p, r, seed)
%
% Sx = A'A/n (n = 2d + 10 Gaussian samples, scaled to lambda_max = 1, condition number
% ~ 30), Sxy = Sx * Wt with Wt = randn (d, p) / sqrt (d) (so W* = Wt, singular values
% O(1)), W0 = {W1, ..., WL} Gaussian with every width r and entries of size
% 0.1/sqrt(width) (a small, non-aligned start), eta = 0.1 for L = 1 (lambda_max eta =
% 0.1, stable) and 0.05 for L >= 2 (well below the Cor. 3 bound for these W*).

  randn ('state', seed);
  n = 2 * d + 10;
  A = randn (n, d);
  Sx = A' * A / n;
  Sx = (Sx + Sx') / 2;
  Sx = Sx / max (eig (Sx));
  Wt = randn (d, p) / sqrt (d);
  Sxy = Sx * Wt;
  widths = [d, r * ones(1, L - 1), p];
  W0 = cell (1, L);
  for l = 1:L
    W0{l} = 0.1 * randn (widths(l), widths(l+1)) / sqrt (widths(l));
  end
  if (L == 1)
    eta = 0.1;
  else
    eta = 0.05;
  end
end
