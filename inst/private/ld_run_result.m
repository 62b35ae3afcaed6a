function R = ld_run_result (st, interrupted)
% -*- texinfo -*-
% @deftypefn {} {@var{R} =} ld_run_result (@var{st}, @var{interrupted})
% The result struct (1-by-K) of a trajectory function from the state @var{st} of its
% driver (@code{ld_run_driver}) after its last finished chunk: at the end of a run, and
% for @code{lindyn_last} and checkpoints of an interrupted one (@var{interrupted} true).
% Every trajectory function returns these fields, in this order:
% @code{t, loss, [excess_loss], test_loss, [test_loss_plain], fro2, nuclear, erank, sv,
% [err], [path_err, path_norm], [snapshots], [balance], [sharpness], [the objective's own
% measures], W, factors, state,
% method, eta, iters, diverged, diverged_at, stopped_by, interrupted, made_by, options,
% depth, widths, init_info, version, date} (bracketed fields only when asked for).
% @end deftypefn

  K = numel (st.W);
  why = {'iters', 'loss', 'change', 'patience'};
  out = cell (1, K);
  for k = 1:K
    keep = 1:st.taken(k);
    s = st.store;
    Q = struct ();
    Q.t = st.rec(keep) + st.t_offset;
    Q.loss = s.loss{k}(keep);
    if (~ isempty (st.alias)), Q.(st.alias) = Q.loss;  end
    if (st.ntest > 0)
      Q.test_loss = s.test{k}(1,keep);
      if (~ isempty (st.test_const))
        Q.test_loss_plain = Q.test_loss + st.test_const;
      end
    else
      Q.test_loss = [];
    end
    Q.fro2 = s.fro2{k}(keep);
    Q.nuclear = [];  Q.erank = [];
    if (st.nuclear), Q.nuclear = s.nuclear{k}(keep);  end
    if (st.erank), Q.erank = s.erank{k}(keep);  end
    Q.sv = s.sv{k}(:,keep);
    if (st.has_target), Q.err = s.path_err{k}(end,keep);  end
    if (st.K_path > 0)
      Q.path_err = s.path_err{k}(1:st.K_path,keep);
      Q.path_norm = reshape (sqrt (sum (sum (st.path.^2, 1), 2)), 1, []);
    end
    if (st.snapshots), Q.snapshots = s.snapshots{k}(:,:,keep);  end
    if (st.balance), Q.balance = s.balance{k}(:,keep);  end
    if (st.sharp), Q.sharpness = s.sharpness{k}(keep);  end
    for i = 1:numel (st.measures)          % the objective's own measures
      Q.(st.measures{i}) = s.own{k}(i,keep);
    end
    Q.W = ld_prod (st.W{k});
    Q.factors = st.W{k};
    Q.state = struct ('update', {st.U{k}}, 'threshold', st.threshold(k), 'stop', st.S{k}, ...
                      'sharp', st.V{k});
    Q.method = st.method;
    Q.eta = st.eta(k);
    Q.iters = st.done(k) + st.t_offset;
    Q.diverged = st.diverged(k);
    Q.diverged_at = NaN;
    if (Q.diverged)
      Q.diverged_at = Q.iters;
      Q.stopped_by = 'diverged';
    else
      Q.stopped_by = why{st.stopped_by(k) + 1};
    end
    Q.interrupted = interrupted;
    out{k} = Q;
  end
  R = [out{:}];
  R = ld_run_info (R, st.fn, st.opts, st.W0, st.init_info);
  if (isfield (st, 'result'))         % the front door's presentation (prob.result)
    R = st.result (R);
  end
end
