function W = bench_sweep_separate (Sx, Sxy, etas, iters, W0)
% bench_sweep_separate -- one gd_deep call per step size: the end-to-end matrices,
% d-by-p-by-numel (etas).
  W = zeros (size (Sxy, 1), size (Sxy, 2), numel (etas));
  for k = 1:numel (etas)
    R = gd_deep (Sx, Sxy, etas(k), iters, W0, 'record', iters, 'nuclear', false, 'sv', 0, ...
                 'verbose', false);
    W(:,:,k) = R.W;
  end
end
