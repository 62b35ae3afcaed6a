function [tbl, closed] = bench_closed (cfg, tbl)
% bench_closed -- the closed forms against iterating (rows: section "closed"):
% gd_linear_closed and flow_linear at 200 time points up to cfg.closed_tmax (d = 20; the
% d = 256 case, for scale, up to closed_tmax/50; not in quick mode) against gd_linear
% iterating with 200 snapshots at the same iterations.  closed(k).ratio_gd and
% .ratio_flow: the time of iterating over the closed form's time per call.
  closed = struct ('d', {}, 'ratio_gd', {}, 'ratio_flow', {});
  dts = [20, 256; cfg.closed_tmax, cfg.closed_tmax / 50];
  if (cfg.quick)
    dts = dts(:,1);
  end
  NA = cfg.NA;
  for dt = dts
    d = dt(1);  tmax = dt(2);
    [Sx, Sxy, W0, eta] = bench_problem (1, d, d, d, 200 + d);
    tt = unique (max (1, round ((1:200) * (tmax / 200))));
    sz = sprintf ('d=p=%d, %d t up to %g', d, numel (tt), tmax);
    cl = struct ('d', d, 'ratio_gd', NaN, 'ratio_flow', NaN);
    tI = NaN;
    if (cfg.have ('gd_linear'))
      times = zeros (cfg.reps, 1);
      for k = 1:cfg.reps
        t0 = tic ();
        RI = gd_linear (Sx, Sxy, eta, tmax, 'init', W0{1}, 'record', tt, 'snapshots', true, ...
                        'nuclear', false, 'sv', 0, 'effective_rank', false, 'verbose', false);
        times(k) = toc (t0);
      end
      tI = median (times);
      tbl = bench_add (tbl, 'section', 'closed', 'case', 'iterate', 'size', sz, ...
                       'impl', 'gd_linear', 'iterations', tmax, 'seconds', tI, ...
                       'us_per_iter', 1e6 * tI / tmax, 'ratio', 1, 'ref', 'gd_linear', ...
                       'status', 'ok', 'note', '200 snapshots');
    else
      tbl = bench_add (tbl, 'section', 'closed', 'case', 'iterate', 'size', sz, ...
                       'impl', 'gd_linear', 'iterations', tmax, 'status', 'n/a', ...
                       'note', [NA ': gd_linear']);
    end
    if (cfg.have ('gd_linear_closed'))
      [nc, tc, Wc] = bench_time (@(n) bench_repeat (n, @() gd_linear_closed (Sx, Sxy, eta, tt, W0{1})), ...
                                 cfg.target, cfg.reps);
      e = NaN;
      if (~ isnan (tI))
        e = 0;
        for k = 1:numel (tt)
          e = max (e, norm (Wc(:,:,k) - RI.snapshots(:,:,k), 'fro') / norm (RI.snapshots(:,:,k), 'fro'));
        end
        cl.ratio_gd = tI / (tc / nc);
      end
      tbl = bench_add (tbl, 'section', 'closed', 'case', 'gd_linear_closed', 'size', sz, ...
                       'impl', 'gd_linear_closed', 'iterations', nc, 'seconds', tc, ...
                       'us_per_iter', 1e6 * tc / nc, 'ratio', cl.ratio_gd, ...
                       'ref', 'gd_linear', 'rel_diff', e, 'status', bench_check (e, 1e-9), ...
                       'note', 'per call (200 time points); rel_diff vs the snapshots');
    else
      tbl = bench_add (tbl, 'section', 'closed', 'case', 'gd_linear_closed', 'size', sz, ...
                       'impl', 'gd_linear_closed', 'ref', 'gd_linear', 'status', 'n/a', ...
                       'note', [NA ': gd_linear_closed']);
    end
    if (cfg.have ('flow_linear'))
      [nf, tf, Wf] = bench_time (@(n) bench_repeat (n, @() flow_linear (Sx, Sxy, eta * tt, W0{1})), ...
                                 cfg.target, cfg.reps);
      e = NaN;
      if (~ isnan (tI))
        e = norm (Wf(:,:,end) - RI.snapshots(:,:,end), 'fro') / norm (RI.snapshots(:,:,end), 'fro');
        cl.ratio_flow = tI / (tf / nf);
      end
      tbl = bench_add (tbl, 'section', 'closed', 'case', 'flow_linear', 'size', sz, ...
                       'impl', 'flow_linear', 'iterations', nf, 'seconds', tf, ...
                       'us_per_iter', 1e6 * tf / nf, 'ratio', cl.ratio_flow, ...
                       'ref', 'gd_linear', 'rel_diff', e, 'status', 'ok', ...
                       'note', 'per call, times eta*t; rel_diff: flow vs GD at the last time (not expected 0)');
    else
      tbl = bench_add (tbl, 'section', 'closed', 'case', 'flow_linear', 'size', sz, ...
                       'impl', 'flow_linear', 'ref', 'gd_linear', 'status', 'n/a', ...
                       'note', [NA ': flow_linear']);
    end
    closed(end+1) = cl;
  end
end
