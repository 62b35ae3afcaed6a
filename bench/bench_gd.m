function [tbl, gd] = bench_gd (cfg, tbl)
% bench_gd -- gradient descent on the moments (eq. 5) at every shape (rows: section
% "gd"): L = 1 and 2 at d = p = r in {8, 20, 64, 256} and d = r = 784, p = 10, L = 2 at
% d = 784, r = 100, p = 10, L = 3 at d = 64, and the large shapes L = 2 at d = p = r in
% {512, 1000, 2000} and d = r = 2000, p = 10 (quick: sizes up to 64).  Per case, on the
% same Sx, Sxy and start:
%   A        the plain Octave loop of eq. 5 (bench_plain_gd), the code a user would
%            otherwise write; every other result is checked against it (rel_diff);
%   B        the flops of one iteration (bench_flops) at the dgemm rate measured beside
%            the case;
%   roof     the roofline limit (bench_roof);
%   core     the C core alone through its gateway __lindyn_run__ (bench_core);
%   pkg      the public function (gd_linear for L = 1, gd_deep for L >= 2) with one
%            record, at the end, without singular values (the lean run);
%   pkg+def  the same call without the option "record" (the default recording, which
%            follows from what a record costs), at pkg's iterations: its whole-call time
%            against pkg's is what the default records cost;
%   pkg+rec  the same with 200 records including nuclear norms and singular values (not
%            at the large shapes, where 200 singular value decompositions of a d-by-p
%            product would cost more than the run);
%   numpy, torch, torch1  the peers (bench_peers).
% Each implementation is calibrated on its own (iterations such that the part of a call
% that grows with iters takes ~cfg.target s), then all are timed interleaved
% (bench_interleave), each also at iters = 0 for the fixed per-call cost.  At the large
% shapes (d >= 512) pkg and pkg+def run at least cfg.big_iters iterations (the default
% records of a run of one or two iterations, at least its start and its end, are not a
% fair measure of recording) and the repetitions are cfg.reps_big.  At d = 2000 the fixed
% cost of a call before its first step (bench_fixed): the default call at iters = 0
% against a 100-iteration call.
% gd(c) holds the case's per-iteration seconds: sA, sC (core), sP (pkg), sR, sNP, sT2
% (torch), sT1, the CPU-time ones uA, uC, uP, the flops fl, the roofline time roof, the
% dgemm rate beside it, noisyP (pkg's fixed cost drowns its growing part), rec (the
% default recording's whole-call overhead over pkg, nP its iterations, nrec its records)
% and fix (bench_fixed's result, empty elsewhere).
  lim = cfg.lim;  PS = cfg.PS;  ncores = cfg.ncores;
  cases = [1 8 8 8; 1 20 20 20; 1 64 64 64; 1 256 256 256; 1 784 10 784; ...
           2 8 8 8; 2 20 20 20; 2 64 64 64; 2 256 256 256; 2 784 10 784; 2 784 10 100; ...
           3 64 64 64; ...
           2 512 512 512; 2 1000 1000 1000; 2 2000 2000 2000; 2 2000 10 2000];
  if (isfield (cfg, 'gd_cases'))   % run_bench ('--family', 'gd', CASES)
    cases = cfg.gd_cases;
  elseif (cfg.quick)               % the harness check: sizes up to 64 only
    cases = cases(cases(:,2) <= 64, :);
  end
  ncase = min (cfg.ngemm, 1000);   % per-case dgemm size (rate measured beside each case)
  Ag = randn (ncase);  Bg = randn (ncase);
  have_core = exist ('__lindyn_run__') == 3;
  peer_names = {'numpy', 'torch', 'torch1'};
  peer_notes = {sprintf('NumPy %s, %d OpenBLAS threads, the same loop', PS.numpy, ncores), ...
                sprintf('PyTorch %s autograd, float64, %d threads', PS.torch, ncores), ...
                sprintf('PyTorch %s autograd, float64, 1 thread', PS.torch)};
  gd = [];
  for c = 1:size (cases, 1)
    L = cases(c,1);  d = cases(c,2);  p = cases(c,3);  r = cases(c,4);
    [Sx, Sxy, W0, eta] = bench_problem (L, d, p, r, c);
    rf = bench_roof (L, d, p, r, lim, ncores);
    fl = rf.fl;
    if (L == 1)
      sz = sprintf ('d=%d p=%d', d, p);  fn = 'gd_linear';
    else
      sz = sprintf ('d=%d p=%d r=%d', d, p, r);  fn = 'gd_deep';
    end
    cs = sprintf ('L=%d', L);
    g = struct ('L', L, 'd', d, 'p', p, 'r', r, 'sA', NaN, 'sC', NaN, 'sP', NaN, 'sR', NaN, ...
                'cP', NaN, 'fl', fl, 'diff', NaN, 'uA', NaN, 'uC', NaN, 'uP', NaN, 'rate', NaN, ...
                'noisyP', false, 'sT', NaN, 'roof', rf.t, 'sNP', NaN, 'sT2', NaN, 'sT1', NaN, ...
                'rec', NaN, 'nP', NaN, 'nrec', NaN, 'fix', []);
    big = d >= 512;
    reps = bench_ifelse (big, cfg.reps_big, cfg.reps);

    % the implementations: name, run f(n), timer t(n) -> [wall, cpu], calibrated n
    im = struct ('name', {}, 'f', {}, 't', {}, 'n', {}, 'zero', {}, 'note', {});
    fA = @(n) bench_plain_gd (Sx, Sxy, eta, n, W0);
    tA = @(n) bench_tictoc (fA, n);
    im(end+1) = impl ('A', fA, bench_calibrate (tA, cfg.target, 1), 'plain Octave loop of eq. 5');
    nA = im(1).n;
    if (have_core)
      if (big)
        Wstar = Sx \ Sxy;             % Sx is positive definite here (2d + 10 samples)
      else
        Wstar = pinv (Sx) * Sxy;
      end
      fC = @(n) bench_core (Sx, Sxy, Wstar, eta, W0, n);
      im(end+1) = impl ('core', fC, bench_calibrate (@(n) bench_tictoc (fC, n), cfg.target, nA), ...
                        '__lindyn_run__ directly (moments, gd: the fused step)');
    end
    if (cfg.have (fn))
      fP = @(n) bench_call (fn, Sx, Sxy, eta, n, W0, 'record', n, 'nuclear', false, ...
                            'sv', 0, 'effective_rank', false, 'verbose', false);
      nP = bench_calibrate (@(n) bench_tictoc (fP, n), cfg.target, nA);
      if (big)
        nP = max (nP, cfg.big_iters);
      end
      im(end+1) = impl ('pkg', fP, nP, [fn ', no recording']);
      jP0 = numel (im);
      fD = @(n) bench_lastrec (bench_call (fn, Sx, Sxy, eta, n, W0, 'verbose', false));
      im(end+1) = impl ('pkg+def', fD, nP, [fn ', the default recording (no "record" option)']);
      if (~ big)
        fR = @(n) bench_call (fn, Sx, Sxy, eta, n, W0, 'record', round (linspace (0, n, 200)), ...
                              'verbose', false);
        % its fixed cost is pkg's (saves a slow call)
        im(end+1) = impl ('pkg+rec', fR, nP, sprintf ('%s, %d records with nuclear norm and sv', fn, ...
                                                     numel (unique (round (linspace (0, nP, 200))))));
        im(end).zero = jP0;
      end
    end
    key = sprintf ('gd%d', c);
    if (PS.ok && bench_peers ('setup', PS, key, 'gd', struct ('Sx', Sx, 'Sxy', Sxy), W0, eta, ...
                              struct ('threads', ncores)))
      for q = 1:numel (peer_names)
        tq = @(n) bench_peers ('time', PS, key, peer_names{q}, n);
        im(end+1) = impl (peer_names{q}, @(n) bench_peers ('run', PS, key, peer_names{q}, n, W0), ...
                          bench_calibrate (tq, cfg.target, nA), peer_notes{q});
        im(end).t = tq;
      end
    end
    T = bench_interleave (im, reps, @() gemm_time (Ag, Bg));
    s = T.s;  su = T.su;  tmed = T.tmed;  cmed = T.cmed;
    rate = 2 * ncase^3 / median (T.beside) / 1e9;
    g.rate = rate;
    % the part that grows with iters must not be lost in the fixed cost's noise
    noisy = median (T.tn - T.t0, 1) < 0.5 * cmed;
    nm = {im.name};
    g.sA = s(1);  g.uA = su(1);
    if (any (strcmp (nm, 'core')))
      g.sC = s(strcmp (nm, 'core'));  g.uC = su(strcmp (nm, 'core'));
    end
    jP = find (strcmp (nm, 'pkg'));  jR = find (strcmp (nm, 'pkg+rec'));
    jD = find (strcmp (nm, 'pkg+def'));
    if (~ isempty (jP))
      g.sP = s(jP);  g.cP = cmed(jP);  g.uP = su(jP);  g.noisyP = noisy(jP);
      if (~ isempty (jR)), g.sR = s(jR);  end
      g.rec = tmed(jD) / tmed(jP) - 1;  g.nP = im(jP).n;
      lr = bench_lastrec ();
      g.nrec = lr(1);
      recnote = sprintf ('%d records, %s singular values', lr(1), bench_ifelse (lr(2), 'with', 'without'));
    end
    if (any (strcmp (nm, 'numpy'))),  g.sNP = s(strcmp (nm, 'numpy'));  end
    if (any (strcmp (nm, 'torch'))),  g.sT2 = s(strcmp (nm, 'torch'));  end
    if (any (strcmp (nm, 'torch1'))), g.sT1 = s(strcmp (nm, 'torch1'));  end

    % the check: the same iterations (A's) from the same start
    WA = fA (nA);
    for j = 1:numel (im)
      e = NaN;  ratio = g.sA / s(j);  ref = 'A';  note = im(j).note;  sj = s(j);
      switch (im(j).name)
        case {'core', 'numpy', 'torch', 'torch1'}
          out = im(j).f (nA);
          if (isstruct (out)), out = out.factors;  end
          e = bench_reldiff (out, WA);
        case 'pkg'
          out = im(j).f (nA);  e = bench_reldiff (out.factors, WA);  g.diff = e;
          if (noisy(j))
            note = sprintf (['%s; per-iteration UNRELIABLE: the fixed cost (%.0f ms) exceeds ', ...
                             'twice the part that grows with iters'], note, 1e3 * cmed(j));
          end
        case 'pkg+rec'
          ratio = tmed(jP) / tmed(jR);  ref = 'pkg (same iters)';
          note = sprintf ('%s; recording +%.0f%% at %d iterations', im(j).note, ...
                          100 * (tmed(jR) / tmed(jP) - 1), im(j).n);
        case 'pkg+def'
          ratio = tmed(jP) / tmed(jD);  ref = 'pkg (same iters)';
          note = sprintf ('%s: %s; recording %+.1f%% of the lean run at %d iterations (whole calls)', ...
                          im(j).note, recnote, 100 * g.rec, im(j).n);
      end
      row = bench_row ('section', 'gd', 'case', cs, 'size', sz, 'impl', im(j).name, ...
                       'iterations', im(j).n, 'seconds', tmed(j), ...
                       'us_per_iter', 1e6 * sj, 'ratio', ratio, 'ref', ref, ...
                       'gflops', fl / sj / 1e9, 'frac_dgemm', fl / sj / 1e9 / rate, ...
                       'frac_dgemm1', fl / sj / 1e9 / lim.rate1, 'bytes', rf.bytes, ...
                       'roof_us', 1e6 * rf.t, 'frac_roof', rf.t / sj, ...
                       'rel_diff', e, 'status', bench_check (e), 'note', note, ...
                       'overhead_ms', 1e3 * cmed(j), 'cpu_us_per_iter', 1e6 * su(j));
      if (~ any (strcmp (im(j).name, {'pkg+rec', 'pkg+def'})))
        row.ratio_cpu = g.uA / su(j);
      end
      tbl = bench_add (tbl, row);
      if (strcmp (im(j).name, 'A'))
        sB = fl / (rate * 1e9);
        tbl = bench_add (tbl, 'section', 'gd', 'case', cs, 'size', sz, 'impl', 'B', ...
                         'us_per_iter', 1e6 * sB, 'ratio', g.sA / sB, 'ref', 'A', ...
                         'gflops', rate, 'frac_dgemm', 1, 'status', 'ok', ...
                         'note', sprintf ('%.4g flop/iteration at the dgemm rate measured beside this case (n=%d)', fl, ncase));
        tbl = bench_add (tbl, 'section', 'gd', 'case', cs, 'size', sz, 'impl', 'roof', ...
                         'us_per_iter', 1e6 * rf.t, 'ratio', g.sA / rf.t, 'ref', 'A', ...
                         'bytes', rf.bytes, 'roof_us', 1e6 * rf.t, 'frac_roof', 1, 'status', 'ok', ...
                         'note', rf.note);
      end
    end
    if (~ have_core)
      tbl = bench_add (tbl, 'section', 'gd', 'case', cs, 'size', sz, 'impl', 'core', ...
                       'ref', 'A', 'status', 'n/a', 'note', [cfg.NA ': __lindyn_run__']);
    end
    if (big && cfg.have (fn))
      tbl = bench_add (tbl, 'section', 'gd', 'case', cs, 'size', sz, 'impl', 'pkg+rec', ...
                       'ref', 'pkg (same iters)', 'status', 'n/a', ...
                       'note', 'not run at d >= 512: 200 singular value decompositions of the d-by-p product would cost more than the run');
    end
    if (d == 2000 && cfg.have (fn))
      [tbl, g.fix] = bench_fixed (cfg, tbl, cs, sz, fD, g.sP, reps);
    end
    if (~ cfg.have (fn))
      for nmj = {'pkg', 'pkg+def', 'pkg+rec'}
        tbl = bench_add (tbl, 'section', 'gd', 'case', cs, 'size', sz, 'impl', nmj{1}, ...
                         'ref', 'A', 'status', 'n/a', 'note', [cfg.NA ': ' fn]);
      end
    end
    if (~ PS.ok)
      tbl = bench_add (tbl, 'section', 'gd', 'case', cs, 'size', sz, 'impl', 'peers', ...
                       'status', 'n/a', 'note', ['skipped: ' PS.note]);
    end
    bench_peers ('drop', PS, key);
    gd = [gd, g];
  end
end

function s = impl (name, f, n, note)
% one implementation of a case: its run f(n), its timer (wall and CPU seconds of f(n))
  s = struct ('name', name, 'f', f, 't', @(k) bench_tictoc (f, k), 'n', n, 'zero', 0, ...
              'note', note);
end

function t = gemm_time (A, B)
  t0 = tic ();  C = A * B;  t = toc (t0);
end
