function W0 = ld_starts (fn, W0, K, d, p)
% -*- texinfo -*-
% @deftypefn {} {@var{W0} =} ld_starts (@var{fn}, @var{W0}, @var{K}, @var{d}, @var{p})
% The starts of K trajectories, validated for the public function @var{fn}: @var{W0} is
% one chain of factors @{W1, @dots{}, WL@} (shared by all K; a bare matrix is one
% factor) or a cell of K such chains with the same widths.  Returns a 1-by-K cell of
% row cells of double factors, W1 with @var{d} rows and WL with @var{p} columns; errors
% @code{lindyn:@var{fn}:W0}.  Used by the drivers of gd_deep/gd_linear and of the
% trajectory engine.
% @end deftypefn

  if (iscell (W0) && ~ isempty (W0) && iscell (W0{1}))
    if (numel (W0) ~= K)
      error (sprintf ('lindyn:%s:W0', fn), ...
             '%s: W0 must hold one cell of factors per step size (%d), got %d', fn, K, numel (W0));
    end
    W0 = cellfun (@(w) ld_factors (fn, w, d, p), W0(:)', 'UniformOutput', false);
    widths = cellfun (@(w) [cellfun(@(f) size (f, 2), w)], W0, 'UniformOutput', false);
    if (~ all (cellfun (@(w) isequal (w, widths{1}), widths)))
      error (sprintf ('lindyn:%s:W0', fn), '%s: every start in W0 must have the same widths', fn);
    end
  else
    W0 = repmat ({ld_factors(fn, W0, d, p)}, 1, K);
  end
end

function W = ld_factors (fn, W, d, p)
  id = sprintf ('lindyn:%s:W0', fn);
  if (isnumeric (W) && ~ iscell (W))
    W = {W};
  end
  if (~ iscell (W) || isempty (W) || ~ isvector (W))
    error (id, '%s: W0 must be a cell vector of matrices {W1, ..., WL}', fn);
  end
  for l = 1:numel (W)
    if (isnumeric (W{l}) && ndims (W{l}) > 2)
      error (id, '%s: W0{%d} must be a matrix (got a %s array)', fn, l, ...
             strjoin (arrayfun (@num2str, size (W{l}), 'UniformOutput', false), 'x'));
    end
    W{l} = ld_matrix (fn, 'W0', W{l}, 'finite');
    rows = d;
    if (l > 1), rows = size (W{l-1}, 2);  end
    if (size (W{l}, 1) ~= rows)
      error (id, '%s: W0{%d} must have %d rows (got %d)', fn, l, rows, size (W{l}, 1));
    end
  end
  if (size (W{end}, 2) ~= p)
    error (id, '%s: W0{%d} must have %d columns (got %d)', fn, numel (W), p, size (W{end}, 2));
  end
  W = W(:)';
end

