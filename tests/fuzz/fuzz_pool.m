function P = fuzz_pool ()
% P = fuzz_pool () -- a small, dimension-consistent random problem for the fuzzer.
%
% Purely random argument lists rarely get past a function's first check.  The pool is
% one coherent instance of the paper's setting (data X, Y; moments Sx, Sxy; weights of
% a linear and of a deep network; a step size, iteration counts, record indices, times,
% ranks, spectra), drawn from Octave's random stream, so that "plausible" argument lists
% (fuzz_case) and the valid example calls of fuzz_calls have matching sizes.
% P.values holds every field in a cell for random picking.

  P.n = fuzz_int (1, 12);
  P.d = fuzz_int (1, 4);
  P.p = fuzz_int (1, 3);
  P.r = fuzz_int (1, min(P.d, P.p));
  P.h = fuzz_int (1, 3);                       % hidden width of a deep network
  P.depth = fuzz_int (2, 4);                  % number of layers
  P.X = randn (P.n, P.d);
  P.Y = P.X * randn (P.d, P.p) + 0.1 * randn (P.n, P.p);
  A = randn (P.d, P.d + 2);
  P.Sx = A * A' / (P.d + 2) + 0.1 * eye (P.d);
  P.Sx = (P.Sx + P.Sx') / 2;
  P.Sxy = randn (P.d, P.p);
  P.W = 1e-3 * randn (P.d, P.p);            % linear model d-by-p
  P.W1 = 1e-2 * randn (P.d, P.h);
  P.W2 = 1e-2 * randn (P.h, P.p);
  P.Ws = cell (1, P.depth);                 % deep network, layer by layer
  dims = [P.d, P.h * ones(1, P.depth - 1), P.p];
  for l = 1:P.depth
    P.Ws{l} = 1e-2 * randn (dims(l), dims(l + 1));
  end
  P.eta = 0.5 / max (eig (P.Sx));
  P.iters = fuzz_int (1, 30);
  P.record = sort ([0, fuzz_int(1, P.iters, 1, 2), P.iters]);
  P.record = P.record([true, diff(P.record) > 0]);     % increasing, 0 and iters included
  P.times = [0, sort(5 * rand(1, 3))];
  P.t = 5 * rand ();
  P.sigma = sort (rand (P.d, 1), 'descend') + 0.1;
  P.lambda = sort (rand (P.d, 1), 'descend') + 0.1;
  P.init = 1e-3;
  P.k = fuzz_int (1, P.d);
  P.classes = fuzz_int (2, 5);
  P.labels = fuzz_int (0, P.classes - 1, P.n, 1);
  P.seed = fuzz_int (100);
  P.values = {P.n, P.d, P.p, P.r, P.h, P.depth, P.X, P.Y, P.Sx, P.Sxy, P.W, P.W1, P.W2, ...
              P.Ws, P.eta, P.iters, P.record, P.times, P.t, P.sigma, P.lambda, P.init, ...
              P.k, P.labels, true, false, 'verbose', P.seed};
end
