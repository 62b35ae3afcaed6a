function S = demo_completion (outdir, varargin)
% -*- texinfo -*-
% @deftypefn  {} {} demo_completion ()
% @deftypefnx {} {} demo_completion (@var{outdir})
% @deftypefnx {} {@var{S} =} demo_completion (@var{outdir}, @var{name}, @var{value}, @dots{})
% Arora, Cohen, Hu & Luo (NeurIPS 2019)'s matrix-completion experiment: a random n-by-n
% target of rank r (default 100-by-100, rank 5: @code{M = U*V'} with Gaussian U, V,
% scaled to @code{norm (M, "fro") = n}, seed @qcode{'seed'}), observed on a uniformly
% random set of entries of each size in @qcode{'counts'} (default 1000:1000:5000), is
% completed by gradient descent on deep matrix factorizations of depths
% @qcode{'depths'} (default 1:4; n-by-n factors) from the small balanced start
% @code{W_l(0) = alpha*I}, with @code{alpha = start^(1/L)} so that every depth starts
% from the same end-to-end @code{W(0) = start*I} (@qcode{'start'}, default 1e-6; option
% @qcode{'alpha'} sets one alpha for all depths instead), and by the minimum nuclear
% norm (@code{nuclear_completion}, tolerance 1e-6, at most 3000 iterations).  The paper's
% finding is that depth >= 3 recovers the target from fewer entries than depth 2 and
% than the nuclear-norm minimum; this demo reports what lindyn measures.
%
% Gradient descent (@code{gd_completion}, loss one half of the mean squared error over the
% observed entries) takes the step @code{eta = |Omega| / (L sigma_1^(2 - 2/L))}, half the
% stability limit at the target (sigma_1 its largest singular value), and runs until a
% stopping rule ends it rather than a fixed number of steps: first until its loss has
% fallen to half its start (it has left the initial plateau, whose length grows like
% @code{start^-(1 - 2/L)}: from @code{W(0) = 1e-6*I}, 4e4 to 1.2e5 iterations at depth 4
% against a few thousand at depth 3), then, continuing the same run, until the loss is
% below 1e-10 times its start (@qcode{"stop_loss"}), in all at most @qcode{'iters'}
% (default 2e5) iterations.  A run still on its plateau at the budget is not measured:
% the table says so and the figure shows no point for it.  (A rule on the loss's
% relative change would stop deep runs on the later plateaus between the modes, where
% the loss also stays flat.)  A per-factor alpha = 1e-3 for every depth (the paper's
% scale) would make the depth-4 plateau far longer still.
%
% Prints, for each count, the relative error on all entries
% @code{norm (W - M, "fro") / norm (M, "fro")} and the effective rank (Roy & Vetterli
% 2007) per depth and for the nuclear norm.  With @var{outdir} writes
% @file{completion.png} and @file{completion.csv} (columns count, depth (0: nuclear
% norm), rel_error, effective_rank, iterations, loss, plateau (the iteration at which
% the loss first fell to half its start; NaN when it did not, and then rel_error and
% effective_rank are NaN too)).  @var{S}.table holds the same rows.
% Options @qcode{'n'}, @qcode{'rank'}, @qcode{'plot'} (default true).
%
% Example (a small case):
% @c runnable
% @example
% @group
% S = demo_completion ('', 'n', 20, 'rank', 2, 'counts', [120 200], 'depths', [2 3], ...
%                      'iters', 20000, 'plot', false);
% S.table
% @end group
% @end example
% @seealso{gd_completion, nuclear_completion, effective_rank, demo_norms}
% @end deftypefn

  if (nargin < 1)
    outdir = '';
  end
  if (mod (numel (varargin), 2) ~= 0)
    ld_usage ('demo_completion');
  end
  fn = 'demo_completion';
  ld_outdir (fn, outdir);
  o = struct ('n', 100, 'rank', 5, 'counts', 1000:1000:5000, 'depths', 1:4, ...
              'alpha', [], 'start', 1e-6, 'iters', 2e5, 'seed', 1, 'plot', true);
  [o, given] = ld_name_value (fn, o, varargin);
  for k = 1:numel (given)
    name = given{k};
    switch (name)
      case {'n', 'rank', 'iters'}
        o.(name) = ld_matrix (fn, name, o.(name), 'scalar', 'integer', 'positive');
      case {'counts', 'depths'}
        o.(name) = ld_matrix (fn, name, o.(name), 'vector', 'nonempty', 'integer', 'positive');
      case {'alpha', 'start'}
        if (~ (strcmp (name, 'alpha') && isempty (o.(name))))
          o.(name) = ld_matrix (fn, name, o.(name), 'scalar', 'finite', 'positive');
        end
      case 'seed'
        o.(name) = ld_matrix (fn, name, o.(name), 'scalar', 'integer', 'nonnegative');
      case 'plot'
        o.(name) = ld_logical (fn, name, o.(name));
    end
  end
  n = o.n;
  if (o.rank > n || any (o.counts > n * n))
    error ('lindyn:demo_completion:counts', 'demo_completion: rank must be <= n and counts <= n^2');
  end
  randn ('state', o.seed);  rand ('state', o.seed);
  M = randn (n, o.rank) * randn (o.rank, n);
  M = M * (n / norm (M, 'fro'));
  s1 = norm (M);
  perm = randperm (n * n);
  S = struct ('M', M, 'counts', o.counts, 'depths', o.depths, 'alpha', o.alpha, 'start', o.start);
  S.table = zeros (0, 7);
  if (isempty (o.alpha))
    how = sprintf ('W_l(0) = start^(1/L) I, start = %g', o.start);
  else
    how = sprintf ('W_l(0) = alpha I, alpha = %g', o.alpha);
  end
  fprintf ('matrix completion: %d x %d, rank %d, ||M||_F = %d, sigma_1 = %.4g; %s\n', ...
           n, n, o.rank, n, s1, how);
  wstate = warning ('off', 'lindyn:nuclear_completion:maxit');
  restore_warning = onCleanup (@() warning (wstate));
  for c = o.counts(:)'
    mask = false (n);  mask(perm(1:c)) = true;   % nested: the sets grow with the count
    for L = o.depths(:)'
      eta = c / (L * s1 ^ (2 - 2 / L));
      a = o.alpha;
      if (isempty (a)), a = o.start ^ (1 / L);  end
      W = repmat ({a * eye(n)}, 1, L);
      E0 = a ^ L * eye (n);
      loss0 = 0.5 * mean ((E0(mask) - M(mask)) .^ 2);
      % leave the initial plateau (the loss at half its start), then converge or stall
      o1 = {'sv', 0, 'nuclear', false, 'effective_rank', false, 'verbose', false};
      R = gd_completion (M, mask, eta, o.iters, W, 'record', 0:1000:o.iters, ...
                         'stop_loss', 0.5 * loss0, o1{:});
      left = strcmp (R.stopped_by, 'loss');
      plateau = NaN;
      if (left)
        plateau = R.iters;
        rest = o.iters - R.iters;
        % the same run on (gd has no state; the completion loss no step index), now
        % with the other rules: a fresh call from the factors reached
        R = gd_completion (M, mask, eta, rest, R.factors, 'record', 0:1000:rest, ...
                           'stop_loss', 1e-10 * loss0, o1{:});
        R.iters = R.iters + plateau;
      end
      E = R.W;
      row = [c, L, norm(E - M, 'fro') / norm(M, 'fro'), effective_rank(E), R.iters, ...
             R.loss(end), plateau];
      if (~ left)
        row(3:4) = NaN;
      end
      S.table(end+1,:) = row;
      if (left)
        fprintf (['  %5d entries, depth %d: relative error %.3g, effective rank %.3f ', ...
                  '(%d iterations, left the plateau at %d, loss %.2g)\n'], ...
                 row(1), row(2), row(3), row(4), row(5), row(7), row(6));
      else
        fprintf ('  %5d entries, depth %d: still on its initial plateau after %d iterations (not measured)\n', ...
                 row(1), row(2), row(5));
      end
    end
    [Wn, info] = nuclear_completion (M, mask, 'tol', 1e-6, 'maxit', 3000);
    row = [c, 0, norm(Wn - M, 'fro') / norm(M, 'fro'), effective_rank(Wn), info.iters, 0, NaN];
    S.table(end+1,:) = row;
    fprintf ('  %5d entries, nuclear norm: relative error %.3g, effective rank %.3f (%d ADMM iterations%s)\n', ...
             c, row(3), row(4), info.iters, ifelse_str (info.converged, '', ', not converged'));
  end

  if (o.plot)
    draw (S);
  end
  if (~ isempty (outdir))
    ld_outdir (fn, outdir, true);
    ld_write_csv (fullfile (outdir, 'completion.csv'), {'count', 'depth', 'rel_error', ...
                  'effective_rank', 'iterations', 'loss', 'plateau'}, S.table);
    if (o.plot)
      print (gcf (), '-dpng', '-r80', fullfile (outdir, 'completion.png'));
    end
  end
  if (nargout == 0)
    clear S;
  end
end

function s = ifelse_str (c, a, b)
  if (c), s = a;  else, s = b;  end
end

function draw (S)
  fig = gcf ();
  clf (fig);
  set (fig, 'position', [50 50 1100 450]);
  T = S.table;  ds = [S.depths(:)', 0];
  col = lines (numel (ds));
  mk = {'o', 's', 'd', '^', 'v', 'p'};
  ax1 = subplot (1, 2, 1);  ax2 = subplot (1, 2, 2);
  hold (ax1, 'on');  hold (ax2, 'on');
  for k = 1:numel (ds)
    q = T(:,2) == ds(k);
    y = T(q,3);  y(y < 1e-16) = 1e-16;     % an exact zero on the log axis; NaN: not measured
    if (ds(k) == 0)
      name = 'minimum nuclear norm';  st = '--';  c = [0 0 0];  m = 'x';
    else
      name = sprintf ('depth %d', ds(k));  st = '-';  c = col(k,:);  m = mk{min (k, 6)};
    end
    h = plot (ax1, T(q,1), y, [st m], 'color', c, 'linewidth', 1.5, 'markersize', 7);
    set (h, 'displayname', name);
    plot (ax2, T(q,1), T(q,4), [st m], 'color', c, 'linewidth', 1.5, 'markersize', 7);
  end
  set (ax1, 'yscale', 'log');
  xlabel (ax1, 'observed entries');  ylabel (ax1, 'relative error, all entries');
  xlabel (ax2, 'observed entries');  ylabel (ax2, 'effective rank');
  legend (ax1, 'show');  legend (ax1, 'location', 'southwest');
  note = '';
  if (any (isnan (T(:,3)))), note = ' (no point: still on its plateau, not measured)';  end
  title (ax1, sprintf ('%d x %d, rank %d target%s', size (S.M, 1), size (S.M, 2), rank (S.M), ...
                       note));
  title (ax2, 'effective rank of the completion');
  box (ax1, 'on');  grid (ax1, 'on');  box (ax2, 'on');  grid (ax2, 'on');
  hold (ax1, 'off');  hold (ax2, 'off');
end

%!test
%! % a small case: the table's errors and effective ranks are those of independent runs
%! S = demo_completion ('', 'n', 12, 'rank', 1, 'counts', 60, 'depths', [1 3], ...
%!                      'iters', 4000, 'alpha', 1e-2, 'plot', false);
%! assert (size (S.table), [3 7]);
%! % depth 1 (GD on W itself): unobserved entries keep their start, observed ones match M
%! assert (S.table(1, 3) > 0.3);
%! % depth 3 from a small start recovers a rank-1 12 x 12 from 60 entries (measured 1e-6)
%! assert (S.table(2, 3) < 1e-3);  assert (abs (S.table(2, 4) - 1) < 1e-2);
%!test
%! % the plateau rule: a budget too short to leave the initial plateau gives no
%! % measurement (NaN); a longer one leaves it at the first record (every 1000 steps) where
%! % the loss is half its start, as a single run with those records says
%! o = {'n', 12, 'rank', 1, 'counts', 60, 'depths', 4, 'start', 1e-5, 'plot', false};
%! S = demo_completion ('', o{:}, 'iters', 3000);
%! assert (isnan (S.table(1, [3 4 7])));  assert (S.table(1, 5), 3000);
%! S = demo_completion ('', o{:}, 'iters', 30000);
%! randn ('state', 1);  rand ('state', 1);
%! M = randn (12, 1) * randn (1, 12);  M = M * (12 / norm (M, 'fro'));
%! perm = randperm (144);  mask = false (12);  mask(perm(1:60)) = true;
%! eta = 60 / (4 * norm (M) ^ 1.5);
%! R = gd_completion (M, mask, eta, 30000, repmat ({1e-5 ^ 0.25 * eye(12)}, 1, 4), ...
%!                    'record', 0:1000:30000, 'verbose', false);
%! j = find (R.loss <= 0.5 * R.loss(1), 1);
%! assert (S.table(1, 7), R.t(j));
%! assert (S.table(1, 3) < 1e-2);
%!error id=lindyn:demo_completion:outdir demo_completion (1)
%!error id=lindyn:demo_completion:counts demo_completion ('', 'n', 5, 'counts', 30)
