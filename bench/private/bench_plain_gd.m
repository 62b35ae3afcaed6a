function W = bench_plain_gd (Sx, Sxy, eta, iters, W)
% bench_plain_gd -- baseline A: the plain Octave loop of eq. 5.
%
%   W = bench_plain_gd (Sx, Sxy, eta, iters, {W1, ..., WL})    (L = 1, 2 or 3)
%
% The obvious vectorized code a user would write, one matrix expression per factor,
% every factor updated from the same iterate (simultaneous update).  Used to time and
% to check the C core.

  switch (numel (W))
    case 1
      W1 = W{1};
      for t = 1:iters
        G = Sx * W1 - Sxy;
        W1 = W1 - eta * G;
      end
      W = {W1};
    case 2
      W1 = W{1};  W2 = W{2};
      for t = 1:iters
        G = Sx * (W1 * W2) - Sxy;
        W1n = W1 - eta * G * W2';
        W2 = W2 - eta * W1' * G;
        W1 = W1n;
      end
      W = {W1, W2};
    case 3
      W1 = W{1};  W2 = W{2};  W3 = W{3};
      for t = 1:iters
        G = Sx * (W1 * W2 * W3) - Sxy;
        W1n = W1 - eta * G * (W2 * W3)';
        W2n = W2 - eta * W1' * G * W3';
        W3 = W3 - eta * (W1 * W2)' * G;
        W1 = W1n;  W2 = W2n;
      end
      W = {W1, W2, W3};
    otherwise
      error ('bench_plain_gd: L = %d not supported (1, 2 or 3)', numel (W));
  end
end
