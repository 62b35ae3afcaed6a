function calls = fuzz_huge (name, P)
% calls = fuzz_huge (name, P) -- "huge but plausible" calls of lindyn's functions.
%
% Each entry is {args, nout}: a call that is valid in every respect but its size, which
% asks for more memory than the fuzzer's child may take (its ulimit -v, 2 GB): long
% record lists, snapshots at large d, many times or ranks, long sweeps, readers whose
% file announces (and, as a sparse file, has) a huge size.  Sizes are either far beyond
% any machine (tens of GB to TB) or between the limit and a typical RAM (3 to 8 GB), so
% that only the limit refuses them.  Every such call must be refused at once with
% lindyn:<function>:memory: an Octave:bad-alloc, a kill by the OOM killer or a long run
% is a failure.  The arguments themselves stay cheap: long lists are lazy ranges (0:1e9
% costs nothing until expanded) or at most a few MB; the gateways get expanded lists
% (MEX arguments are always expanded) of at most 8 MB.  fuzz_case uses these for every
% 16th list of a target that has an entry.

  big = 1500;                                   % snapshots of 1500-by-1500: 18 MB each
  % (200 records: 3.6 GB; the default records follow from their cost, and a few
  % snapshots of a long run at d = 1500 fit)
  two = {P.W1, P.W2};
  w0 = P.init * ones (P.d, 1);
  switch (name)
    case 'gd_linear'
      calls = {{{P.Sx, P.Sxy, P.eta, 1e9, 'record', 0:1e9}, 1}, ...
               {{P.Sx, P.Sxy, P.eta, 1e8, 'record', 0:1e8}, 1}, ...
               {{P.Sx, P.Sxy, P.eta * ones(1, 1e6), 1000}, 1}, ...
               {{eye(big), eye(big), 0.1, 1000, 'snapshots', true, 'record', 0:5:995}, 1}};
    case 'gd_deep'
      calls = {{{P.Sx, P.Sxy, P.eta, 1e9, two, 'record', 0:1e9}, 1}, ...
               {{eye(big), eye(big), 0.1, 1000, {zeros(big), zeros(big)}, ...
                 'snapshots', true, 'record', 0:5:995}, 1}, ...
               {{P.Sx, P.Sxy, P.eta, 1e6, P.Ws, 'record', 0:1e6, 'snapshots', true, ...
                 'path', zeros(P.d, P.p, 500)}, 1}, ...
               {{P.Sx, P.Sxy, P.eta * ones(1, 1e6), 1000, two, 'snapshots', true}, 1}};
    case 'flow_deep'
      calls = {{{P.Sx, P.Sxy, 0:1e-8:10, two}, 1}, {{P.Sx, P.Sxy, 0:1e9, P.W}, 2}, ...
               {{eye(100), eye(100), 0:1e5, {zeros(100), zeros(100)}}, 1}};
    case 'flow_linear'
      calls = {{{P.Sx, P.Sxy, 0:1e9}, 1}, {{eye(100), eye(100), 0:5e5}, 1}};
    case 'gd_linear_closed'
      calls = {{{P.Sx, P.Sxy, P.eta, 0:1e9}, 1}, {{eye(100), eye(100), 0.1, 0:5e5}, 1}};
    case 'mode_flow'
      calls = {{{P.sigma, P.lambda, P.init, 0:1e9}, 1}, {{1, 1, 1e-3, 0:2e8}, 1}, ...
               {{ones(1e3, 1), 1, 1e-3, 0:1e6}, 1}};
    case 'mode_gd'
      calls = {{{P.sigma, P.lambda, P.init, 0.1, 0:1e9}, 1}, {{1, 1, 1e-3, 0.1, 0:1e8}, 1}};
    case 'mode_gd_bounds'
      calls = {{{P.sigma, P.lambda, P.init, 0.1, 0:1e9}, 2}, ...
               {{1, 1, 1e-3, 0.1, 0:1e8, 'exponential'}, 2}};
    case 'phase_times'
      calls = {{{1:1e9, 1, 1e-3}, 1}, {{1:2e8, 1, 1e-3, 0.1}, 1}};
    case 'rrr'
      calls = {{{P.Sx, P.Sxy, 0:1e9}, 1}, {{eye(50), ones(50), 1:1e6}, 2}};
    case 'spectral_path'
      calls = {{{P.Sx, P.Sxy, 0:1e9}, 2}, {{eye(50), ones(50), 1:1e6}, 1}};
    case 'onehot'
      calls = {{{1:1e5}, 1}, {{P.labels, 0:1e9}, 1}};
    case 'second_moments'
      calls = {{{sparse(10, 1e6)}, 1}, {{randn(10, 2e4)}, 1}, {{sparse(P.n, 1e5), sparse(P.n, 1e5)}, 2}};
    case 'autoencoder_data'
      calls = {{{1e6, 1e4, 10}, 3}, {{1e5, 1e3, 10}, 1}, {{10, 10, 1e9}, 1}};
    case 'aligned_init'
      calls = {{{P.Sx, P.Sxy, 1e5, 1}, 1}, {{P.Sx, P.Sxy, 2e4, 1}, 2}};
    case 'random_init'
      calls = {{{[1e5 1e5], 1}, 1}, {{[P.d 1e9 P.p], 1e-3}, 1}, ...
               {{[2e4 2e4], 1, 'scheme', 'orthogonal'}, 1}};
    case 'read_idx'
      calls = {{{sparse_idx(1e6, 1e6)}, 1}, {{sparse_idx(3e4, 3e4), 'flatten', true}, 1}};
    case 'read_cifar10'
      calls = {{{sparse_file('huge.bin', 3073 * 1e7)}, 2}, ...
               {{sparse_file('big.bin', 3073 * 1e6)}, 2}};
    case '__lindyn_run__'
      Wstar = pinv (P.Sx) * P.Sxy;
      big = struct ('objective', 'moments', 'data', struct ('Sx', eye (100), 'Sxy', eye (100), ...
                    'Wstar', eye (100)), 'method', 'gd', 'hyper', struct (), 'eta', 0.1, ...
                    'iters', 1e6, 'at', 0:1e6, 'measure', struct ('snapshots', true));
      many = struct ('objective', 'moments', 'data', struct ('Sx', P.Sx, 'Sxy', P.Sxy, ...
                     'Wstar', Wstar), 'method', 'gd', 'hyper', struct (), 'eta', P.eta, ...
                     'iters', 1e6, 'at', 0:1e6, 'measure', struct ('nsv', 1e9, 'path', ...
                     zeros (P.d, P.p, 1e3)));
      calls = {{{big, struct('factors', {{zeros(100), zeros(100)}})}, 1}, ...
               {{many, struct('factors', {two})}, 1}};
    case '__lindyn_modes__'
      calls = {{{ones(1e3, 1), ones(1e3, 1), ones(1e3, 1), 1:1e6}, 1}, ...
               {{ones(1e3, 1), ones(1e3, 1), 1e-3 * ones(1e3, 1), 1:1e6, 0.1}, 1}};
    case '__lindyn_linear_closed__'
      calls = {{{eye(100), eye(100), zeros(100), 0:1e6, []}, 3}, ...
               {{eye(100), eye(100), zeros(100), 0:1e6, 0.1}, 1}};
    case '__lindyn_rrr__'
      calls = {{{eye(100), eye(100), 1:1e5, 1e-12}, 4}};
    case '__lindyn_flow_deep__'
      calls = {{{eye(100), eye(100), {zeros(100)}, 1:1e5, 1e-8, 1e-12, 1e5, 0}, 3}};
    case '__lindyn_mode_gd_bounds__'
      calls = {{{ones(1e3, 1), ones(1e3, 1), 1e-3 * ones(1e3, 1), 0.1, 1:1e6, 1}, 2}};
    case '__lindyn_second_moments__'
      calls = {{{zeros(0, 3e4), zeros(0, 3e4)}, 2}};
    otherwise
      calls = {};
  end
  calls = calls(~ cellfun (@isempty, calls));
end

function file = sparse_idx (n, m)
% An IDX file of n m-byte items, as a sparse file: its size is what its header says.
  file = 'huge.idx';
  fid = fopen (file, 'w');
  if (fid < 0)
    return;
  end
  fwrite (fid, [0 0 8 2], 'uint8');
  fwrite (fid, [n m], 'uint32', 0, 'ieee-be');
  fclose (fid);
  sparse_file (file, 12 + n * m);
end

function file = sparse_file (file, bytes)
% Extends (or makes) file to bytes bytes without writing them (truncate (1); where it is
% missing the file stays short, and the call is refused for its size instead).
  if (~ exist (file, 'file'))
    fclose (fopen (file, 'w'));
  end
  system (sprintf ('truncate -s %d %s 2> /dev/null', bytes, file));
end
