function S = demo_norms (outdir, varargin)
% -*- texinfo -*-
% @deftypefn  {} {} demo_norms ()
% @deftypefnx {} {} demo_norms (@var{outdir})
% @deftypefnx {} {@var{S} =} demo_norms (@var{outdir}, @var{name}, @var{value}, @dots{})
% Razin & Cohen (NeurIPS 2020)'s 2-by-2 completion, where the implicit regularization of
% deep matrix factorization is not a norm: observed @code{W12 = W21 = 1}, @code{W22 = 0},
% @code{W11} unobserved.  From a small start with positive determinant
% (@code{W_l(0) = alpha*I}), gradient descent keeps det W > 0, so as the loss falls
% (@code{W22 -> 0}) @code{W11 >= 1/W22} must grow: @code{|W11|} and every norm grow
% without bound while @code{sigma2/sigma1 -> 0} (the rank falls to 1); the
% minimum-nuclear-norm completion (@code{nuclear_completion}) has @code{W11 = 0}.
%
% Runs @code{gd_completion} (loss one half of the mean over the 3 observed entries) for
% depths 2 and 3 from @code{alpha*I} (option @qcode{'alpha'}, default 0.3) with step
% @qcode{'eta'} (default 0.05) for @qcode{'iters'} iterations (default 1e6), recording
% the end-to-end W at about 200 log-spaced iterations.  Prints, per depth, |W11|,
% @code{norm (W, "fro")}, the nuclear norm and @code{sigma2/sigma1} at the first record
% where the loss is at most 1e-2, 1e-3, 1e-4 (or that the run did not get there), and the
% nuclear-norm minimum.  Plots |W11|, the Frobenius and nuclear norms and sigma2/sigma1
% against the loss (markers, one per record: with a fixed step the sharpness grows with
% |W11| and the loss spikes briefly when it crosses 2/eta, e.g. near iteration 1.1e5 for
% depth 3 with the defaults, then falls again).
%
% With @var{outdir} (created if needed) writes @file{norms.png} and @file{norms.csv}
% (columns depth, iteration, loss, abs_W11, fro, nuclear, sigma1, sigma2_over_sigma1).
% @var{S} has fields @code{depths}, @code{runs} (the @code{gd_completion} results),
% @code{table} (one row per depth and loss level: depth, level, iteration, |W11|,
% Frobenius norm, nuclear norm, sigma2/sigma1; NaN where the level was not reached) and
% @code{nuclear_min} (the nuclear-norm completion).  Option @qcode{'plot'} (default
% true).
%
% Example:
% @c runnable
% @example
% @group
% S = demo_norms ('', 'iters', 1e5, 'plot', false);
% S.table
% @end group
% @end example
% @seealso{gd_completion, nuclear_completion, effective_rank, demo_completion}
% @end deftypefn

  if (nargin < 1)
    outdir = '';
  end
  if (mod (numel (varargin), 2) ~= 0)
    ld_usage ('demo_norms');
  end
  fn = 'demo_norms';
  ld_outdir (fn, outdir);
  o = struct ('alpha', 0.3, 'eta', 0.05, 'iters', 1e6, 'depths', [2 3], 'plot', true);
  [o, given] = ld_name_value (fn, o, varargin);
  for k = 1:numel (given)
    name = given{k};
    switch (name)
      case {'alpha', 'eta'}
        o.(name) = ld_matrix (fn, name, o.(name), 'scalar', 'finite', 'positive');
      case 'iters'
        o.(name) = ld_matrix (fn, name, o.(name), 'scalar', 'integer', 'positive');
      case 'depths'
        o.(name) = ld_matrix (fn, name, o.(name), 'vector', 'nonempty', 'integer', 'positive');
      case 'plot'
        o.(name) = ld_logical (fn, name, o.(name));
    end
  end

  M = [0 1; 1 0];  mask = logical ([0 1; 1 1]);
  levels = [1e-2 1e-3 1e-4];
  S = struct ('depths', o.depths, 'levels', levels, 'alpha', o.alpha, 'eta', o.eta);
  S.table = zeros (0, 7);  S.runs = {};
  csv = zeros (0, 8);
  fprintf ('Razin & Cohen 2x2 completion: W12 = W21 = 1, W22 = 0 observed; start alpha I, alpha = %g, eta = %g\n', ...
           o.alpha, o.eta);
  for L = o.depths(:)'
    R = gd_completion (M, mask, o.eta, o.iters, repmat ({o.alpha * eye(2)}, 1, L), ...
                       'snapshots', true, 'sv', 2, 'verbose', false);
    w11 = abs (reshape (R.snapshots(1,1,:), 1, []));
    fro = sqrt (R.fro2);  ratio = R.sv(2,:) ./ R.sv(1,:);
    S.runs{end+1} = R;
    csv = [csv; L * ones(numel (R.t), 1), R.t(:), R.loss(:), w11(:), fro(:), R.nuclear(:), ...
           R.sv(1,:)', ratio(:)];
    for lev = levels
      i = find (R.loss <= lev, 1);
      if (isempty (i))
        row = [L, lev, NaN(1, 5)];
        fprintf ('  L = %d: loss %.0e not reached in %d iterations (final loss %.3g, |W11| = %.4g)\n', ...
                 L, lev, R.iters, R.loss(end), w11(end));
      else
        row = [L, lev, R.t(i), w11(i), fro(i), R.nuclear(i), ratio(i)];
        fprintf ('  L = %d: loss <= %.0e at iteration %d: |W11| = %.4g, ||W||_F = %.4g, ||W||_* = %.4g, sigma2/sigma1 = %.3g\n', ...
                 L, lev, R.t(i), w11(i), fro(i), R.nuclear(i), ratio(i));
      end
      S.table(end+1,:) = row;
    end
  end
  S.nuclear_min = nuclear_completion (M, mask);
  fprintf ('  nuclear-norm minimum: W11 = %.3g, ||W||_* = %.4g\n', S.nuclear_min(1, 1), ...
           sum (svd (S.nuclear_min)));

  if (o.plot)
    draw (S, csv);
  end
  if (~ isempty (outdir))
    ld_outdir (fn, outdir, true);
    ld_write_csv (fullfile (outdir, 'norms.csv'), {'depth', 'iteration', 'loss', 'abs_W11', ...
                  'fro', 'nuclear', 'sigma1', 'sigma2_over_sigma1'}, csv);
    if (o.plot)
      print (gcf (), '-dpng', '-r80', fullfile (outdir, 'norms.png'));
    end
  end
  if (nargout == 0)
    clear S;
  end
end

function draw (S, csv)
  fig = gcf ();
  clf (fig);
  set (fig, 'position', [50 50 1100 450]);
  style = {'.', 'o', 'x', '+'};
  ax1 = subplot (1, 2, 1);  ax2 = subplot (1, 2, 2);
  for k = 1:numel (S.depths)
    q = csv(:,1) == S.depths(k) & csv(:,3) > 0;
    loglog (ax1, csv(q,3), csv(q,4), ['b' style{1 + mod(k-1, 4)}], ...
            csv(q,3), csv(q,5), ['r' style{1 + mod(k-1, 4)}], ...
            csv(q,3), csv(q,6), ['k' style{1 + mod(k-1, 4)}]);
    hold (ax1, 'on');
    loglog (ax2, csv(q,3), max (csv(q,8), 1e-17), ['b' style{1 + mod(k-1, 4)}]);
    hold (ax2, 'on');
  end
  set (ax1, 'xdir', 'reverse');  set (ax2, 'xdir', 'reverse');
  xlabel (ax1, 'loss (decreasing to the right)');  xlabel (ax2, 'loss (decreasing to the right)');
  title (ax1, sprintf ('|W_{11}| (blue), ||W||_F (red), ||W||_* (black); depths %s (., o)', ...
                       num2str (S.depths)));
  title (ax2, '\sigma_2 / \sigma_1 (floored at 1e-17, the rounding level)');
  hold (ax1, 'off');  hold (ax2, 'off');
end

%!test
%! % a short run: the loss falls while |W11| and the norms grow and sigma2/sigma1 falls;
%! % the records are those of gd_completion (recomputed from the snapshots)
%! S = demo_norms ('', 'iters', 20000, 'plot', false);
%! for k = 1:2
%!   R = S.runs{k};
%!   assert (R.loss(end) < 1e-2 * R.loss(1));
%!   W = R.snapshots(:,:,end);
%!   assert (abs (W(1, 1)) > 3);
%!   s = svd (W);  assert (s(2) / s(1) < 1e-2);
%!   % det W keeps the sign of det W(0) = alpha^(2L) > 0 (det W = prod det W_l, and no
%!   % factor's determinant crosses 0), but it falls towards 0 as the rank falls: at
%!   % depth 2 it reaches the rounding level of W after 20000 steps, where its computed
%!   % sign is that of rounding errors (it differs between BLAS builds).  W11 W22 - W12 W21
%!   % with entries formed by a product of L factors carries an error up to about
%!   % L eps ||W||_F^2, so the claim testable in floating point is: at every record det W
%!   % is positive or within that rounding level of 0, and it is resolved and positive at
%!   % the start.
%!   D = R.snapshots;
%!   d = squeeze (D(1,1,:) .* D(2,2,:) - D(1,2,:) .* D(2,1,:));
%!   tol = 4 * S.depths(k) * eps * squeeze (sum (sum (D .^ 2, 1), 2));
%!   assert (all (d > -tol));
%!   assert (d(1) > 1e3 * tol(1));
%!   assert (R.loss(end), 0.5 * mean ((W([2 3 4]) - [1 1 0]) .^ 2), 1e-12);
%! end
%! assert (abs (S.nuclear_min(1, 1)) < 1e-6);
%!error id=lindyn:demo_norms:outdir demo_norms (1)
%!error id=lindyn:demo_norms:eta demo_norms ('', 'eta', -1)
