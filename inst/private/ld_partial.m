function R = ld_partial (s)
% -*- texinfo -*-
% @deftypefn {} {@var{R} =} ld_partial (@var{s})
% The result of an interrupted run, from the state @var{s} its driver left after its
% last finished chunk.  @var{s} has fields @code{kind} (@qcode{"gd"} for
% @code{ld_gd_driver}, @qcode{"flow"} for @code{flow_deep}, @qcode{"result"} when
% @code{s.R} is already a result) and the caller's variables.  Every recorded field holds the records taken so far;
% @code{interrupted} is true.
% @end deftypefn

  if (strcmp (s.kind, 'flow'))
    % flow_deep: the pieces of the state at the requested times reached so far
    Y = [s.pieces{:}];
    n = size (Y, 2);
    factors = cell (1, n);
    d = s.sizes{1}(1);  p = s.sizes{end}(2);
    W = zeros (d, p, n);
    for k = 1:n
      factors{k} = ld_unpack (Y(:,k), s.sizes, s.off);
      M = factors{k}{1};
      for l = 2:numel (factors{k})
        M = M * factors{k}{l};
      end
      W(:,:,k) = M;
    end
    R = struct ('t', s.ts(:)', 'W', W, 'factors', {factors}, 't_reached', s.tnow, ...
                'factors_reached', {s.F}, 'interrupted', true);
    return;
  end
  if (strcmp (s.kind, 'result'))
    R = s.R;
    for k = 1:numel (R)
      R(k).interrupted = true;
    end
    return;
  end
  % the gd driver: its record store (s.store.<name>{k}, one array per trajectory) is
  % preallocated with one column (last dimension) per record index; keep the first
  % taken(k) of them, under the public names
  K = numel (s.W);
  out = cell (1, K);
  for k = 1:K
    keep = 1:s.taken(k);
    S = struct ();
    S.t = s.rec(keep) + s.t_offset;
    for f = fieldnames (s.store)'
      name = f{1};
      v = s.store.(name){k};
      nd = max (2, ndims (v));
      if (size (v, nd) == numel (s.rec))
        idx = repmat ({':'}, 1, nd);  idx{nd} = keep;
        v = v(idx{:});
      end
      switch (name)
        case 'perr'
          if (s.K_path > 0), S.path_err = v(1:s.K_path,:);  end
          if (s.has_target), S.err = v(end,:);  end
        case 'snaps'
          if (s.snapshots), S.snapshots = v;  end
        case 'nuclear'
          if (s.nuclear), S.nuclear = v;  else, S.nuclear = [];  end
        otherwise
          S.(name) = v;
      end
    end
    M = s.W{k}{1};
    for l = 2:numel (s.W{k})
      M = M * s.W{k}{l};
    end
    S.W = M;
    S.factors = s.W{k};
    S.diverged = ~ isnan (s.diverged_at(k));
    S.diverged_at = s.diverged_at(k) + s.t_offset;
    S.iters = s.performed(k) + s.t_offset;
    S.eta = s.eta(k);
    out{k} = S;
  end
  R = [out{:}];
  R = ld_run_info (R, s.fn, s.opts, s.W0, s.init_info);
  for k = 1:numel (R)
    R(k).interrupted = true;
  end
end

function F = ld_unpack (y, sizes, off)
  F = cell (1, numel (sizes));
  for l = 1:numel (sizes)
    F{l} = reshape (y(off(l)+1:off(l+1)), sizes{l});
  end
end
