function R = bench_core (Sx, Sxy, Wstar, eta, W0, iters)
% bench_core -- the C core alone: iters steps of plain gradient descent on the moments
% (eq. 5) from the factors W0 = {W1, ..., WL} through the gateway __lindyn_run__ (the
% moments objective's fused step), no records, no divergence threshold; R.factors are
% the final factors.  eta may be a vector (K trajectories from the same start).
  spec = struct ('objective', 'moments', ...
                 'data', struct ('Sx', Sx, 'Sxy', Sxy, 'Wstar', Wstar), ...
                 'method', 'gd', 'hyper', struct (), 'eta', eta, 'iters', iters, ...
                 'at', zeros (1, 0));
  R = __lindyn_run__ (spec, struct ('factors', repmat ({W0}, 1, numel (eta))));
end
