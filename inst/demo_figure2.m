function S = demo_figure2 (outdir, varargin)
% -*- texinfo -*-
% @deftypefn  {} {} demo_figure2 ()
% @deftypefnx {} {} demo_figure2 (@var{outdir})
% @deftypefnx {} {@var{S} =} demo_figure2 (@var{outdir}, @var{name}, @var{value}, @dots{})
% Reproduce Figure 2 of Gidel, Bach and Lacoste-Julien (2019): trace norm and
% reconstruction error of the linear autoencoder trained by gradient descent, for the
% linear model (L = 1) and the two-layer network (L = 2).
%
% Data (section 4.2): @code{[X, B, D] = autoencoder_data (1000, 20, 5, 'seed', seed)},
% i.e. d = p = 20, n = 1000, r = 5, @code{B_kl ~ U[0, 1]},
% @code{z ~ N(0, diag (4, 2, 1, 1/2, 1/4))}, noise @code{1e-3 N(0, I)}; the targets are
% Y = X, so @code{Sxy = Sx} and @code{sigma_i = lambda_i} are the eigenvalues of Sx:
% five large ones (the signal) and fifteen near 1e-6 (the noise).
%
% Dynamics: discrete gradient descent (eq. 5) with step size
% @code{eta = 1/(10 sigma_1)} (Cor. 3 asks @code{eta < 1/(2 sigma_1)}; its eigengap
% conditions hold too, see @code{stepsize_check}).  L = 2: @code{gd_deep} from
% @code{aligned_init (Sx, Sxy, 20, delta)} (hidden width 20, each factor's modes at
% @code{exp(-delta)}, so the product starts at @code{exp(-2 delta) I}); L = 1:
% @code{gd_linear} from the same product.  Default @code{delta = 12}; the run lasts
% @code{3 T_5} iterations, where @code{T_i = delta/(eta sigma_i)} (eq. 25) are the
% predicted phase-transition iterations (dashed lines; dotted: the plateau levels
% 1, 2, @dots{}, 5 of Thm. 2 for the autoencoder, where @code{sigma_i/lambda_i = 1}).
%
% Reconstruction error.  Eq. 28 as printed, @code{||W - B D B'||}, compares the map W
% with a covariance and is not what the figure can show; the demo plots the relative
% reconstruction error of the data,
% @code{||X - X W||_F^2 / ||X||_F^2 = (f(W) - f^*) / f(0)},
% computed from the recorded excess loss (for the autoencoder @code{W^* = I}, so
% @code{f^* = 0} and @code{f(0) = trace (Sx) / 2}).  It is also returned as
% @code{S.err_L1}, @code{S.err_L2}.  Along the run the L = 2 error is the larger one: it
% learns mode i about @code{delta/(eta sigma_i)} iterations after the linear model.  At
% the end both are at the noise floor (the variance of the noise directions, which
% neither model has learned), the linear model very slightly below it, as it has begun
% to fit the noise (by a relative 3e-4 with the defaults); the summary prints both.
%
% With @var{outdir} the demo writes @file{figure2.png} and @file{figure2.csv}
% (iteration, trace norms and errors of L = 1 and L = 2); without it nothing is written.
% It prints the eigenvalues, eta, the predicted transitions, the L = 2 trace norm at the
% mid-points between them, and the ``no plateau'' measure of the L = 1 curve.
%
% The L = 1 curve has no plateaus in this sense: while its trace norm is between 1.5
% and 4.5, every doubling of the iteration count raises it by at least 0.1
% (@code{S.min_rise_L1} is the smallest such rise); the L = 2 staircase fails that test
% (@code{S.min_rise_L2} is near 0 on its plateaus).
%
% Options (name, value): @qcode{'delta'} (default 12), @qcode{'seed'} (default 1),
% @qcode{'eta'} (default @code{1/(10 sigma_1)}), @qcode{'iters'} (default
% @code{ceil (3 T_5)}), @qcode{'records'} (number of log-spaced records, default 300),
% @qcode{'plot'} (default true).
%
% @var{S} holds: @code{sigma} (eigenvalues of Sx), @code{eta}, @code{delta},
% @code{eta_ok}, @code{eta_max} (from @code{stepsize_check}), @code{T} (predicted
% transitions, eq. 25, from @code{phase_times}), @code{T_half} (the iterations at which
% the exact mode recursion is half-way), @code{t} (recorded iterations),
% @code{nuclear_L1}, @code{nuclear_L2}, @code{err_L1}, @code{err_L2}, @code{t_mid}
% and @code{plateaus} (the L = 2 trace norm at the geometric mid-points
% @code{sqrt (T_k T_(k+1))}, k = 1..4, and at the last iteration), @code{crossings_L1},
% @code{crossings_L2} (first iterations where the trace norms exceed 0.5, 1.5, @dots{},
% 4.5), @code{min_rise_L1}, @code{min_rise_L2}, @code{noise_floor} (the error of the
% projector on the top five eigenvectors: the share of the noise eigenvalues in
% @code{trace (Sx)}), and the trajectories @code{R1}, @code{R2}.
%
% Example:
% @c runnable
% @example
% @group
% S = demo_figure2 (tempdir ());     % writes figure2.png and figure2.csv
% S.plateaus                         % close to 1 2 3 4 5
% @end group
% @end example
% @seealso{autoencoder_data, gd_deep, gd_linear, aligned_init, phase_times, stepsize_check, plot_dynamics, demo_figure1}
% @end deftypefn

  if (nargin < 1)
    outdir = '';
  end
  if (mod (numel (varargin), 2) ~= 0)
    ld_usage ('demo_figure2');
  end
  fn = 'demo_figure2';
  ld_outdir (fn, outdir);
  o = struct ('delta', 12, 'seed', 1, 'eta', [], 'iters', [], 'records', 300, 'plot', true);
  [o, given] = ld_name_value (fn, o, varargin);
  for k = 1:numel (given)
    name = given{k};
    v = o.(name);
    switch (name)
      case {'delta', 'eta'}
        v = ld_matrix (fn, name, v, 'scalar', 'finite', 'positive');
      case 'seed'
        v = ld_matrix (fn, name, v, 'scalar', 'integer', 'nonnegative');
      case {'iters', 'records'}
        v = ld_matrix (fn, name, v, 'scalar', 'integer', 'positive');
      case 'plot'
        v = ld_logical (fn, name, v);
    end
    o.(name) = v;
  end

  n = 1000;  d = 20;  r = 5;
  X = autoencoder_data (n, d, r, 'seed', o.seed);
  [Sx, Sxy] = second_moments (X, X);
  sigma = sort (eig (Sx), 'descend')';
  eta = o.eta;
  if (isempty (eta))
    eta = 1 / (10 * sigma(1));
  end
  delta = o.delta;
  pt = phase_times (sigma(1:r), sigma(1:r), exp (-2 * delta), eta);
  T = pt.gd';                     % eq. 25: delta/(eta sigma_i)
  [eta_ok, eta_max] = stepsize_check (sigma, eta);
  iters = o.iters;
  if (isempty (iters))
    iters = ceil (3 * T(r));
  end
  t_mid = [sqrt(T(1:r-1) .* T(2:r)), iters];
  t_mid(t_mid > iters) = iters;
  t_mid = round (t_mid);
  rec = unique ([0, round(logspace (0, log10 (iters), o.records)), t_mid, iters]);

  W0 = aligned_init (Sx, Sxy, d, delta);
  R2 = gd_deep (Sx, Sxy, eta, iters, W0, 'record', rec, 'sv', r);
  R1 = gd_linear (Sx, Sxy, eta, iters, 'init', W0{1} * W0{2}, 'record', rec, 'sv', r);
  f0 = trace (Sx) / 2;            % f(0) - f^*: the loss of W = 0 (W^* = I, f^* = 0)

  S = struct ('sigma', sigma, 'eta', eta, 'delta', delta, 'seed', o.seed, 'T', T, ...
              'T_half', pt.gd_half', 'eta_ok', eta_ok, 'eta_max', eta_max, 'iters', iters);
  S.t = double (R2.t(:)');
  S.nuclear_L1 = R1.nuclear(:)';
  S.nuclear_L2 = R2.nuclear(:)';
  S.err_L1 = R1.excess_loss(:)' / f0;
  S.err_L2 = R2.excess_loss(:)' / f0;
  S.t_mid = t_mid;
  [~, at] = ismember (t_mid, S.t);
  S.plateaus = S.nuclear_L2(at);
  levels = (1:r) - 0.5;
  S.crossings_L1 = crossings (S.t, S.nuclear_L1, levels);
  S.crossings_L2 = crossings (S.t, S.nuclear_L2, levels);
  S.min_rise_L1 = min_rise (S.t, S.nuclear_L1, 1.5, r - 0.5);
  S.min_rise_L2 = min_rise (S.t, S.nuclear_L2, 1.5, r - 0.5);
  S.R1 = R1;
  S.R2 = R2;

  fprintf ('Figure 2: linear autoencoder, n = %d, d = p = %d, r = %d, seed %d\n', n, d, r, o.seed);
  fprintf ('  eigenvalues of Sx: %s... (noise floor %.2g)\n', sprintf ('%.4g ', sigma(1:r)), sigma(r+1));
  fprintf ('  eta = %.4g = 1/(%.3g sigma_1), delta = %g, %d iterations\n', eta, 1 / (eta * sigma(1)), delta, iters);
  if (eta_ok)
    fprintf ('  Cor. 3 step-size conditions hold (eta < eta_max = %.4g)\n', eta_max);
  else
    fprintf ('  Cor. 3 step-size conditions FAIL: eta >= eta_max = %.4g\n', eta_max);
  end
  fprintf ('  predicted transitions T_i = delta/(eta sigma_i): %s\n', sprintf ('%.0f ', T));
  fprintf ('  exact half-way iterations of the mode recursion: %s\n', sprintf ('%d ', S.T_half));
  fprintf ('  L=2 trace norm at mid-points %s: %s\n', sprintf ('%d ', t_mid), sprintf ('%.4f ', S.plateaus));
  fprintf ('  trace norm crosses 0.5, 1.5, ..., 4.5 at  L=1: %s\n', sprintf ('%d ', S.crossings_L1));
  fprintf ('                                           L=2: %s\n', sprintf ('%d ', S.crossings_L2));
  fprintf ('  smallest rise of the trace norm over a doubling of t (between 1.5 and 4.5): L=1 %.3f, L=2 %.3f\n', ...
           S.min_rise_L1, S.min_rise_L2);
  S.noise_floor = sum (sigma(r+1:end)) / sum (sigma);
  if (max (S.err_L1(end), S.err_L2(end)) > 1.01 * S.noise_floor)
    why = 'not both at the noise floor yet: L=2 learns mode i about delta/(eta sigma_i) iterations after L=1';
  elseif (S.err_L2(end) < S.err_L1(end))
    why = 'both at the noise floor, L=2 lower';
  else
    why = 'both at the noise floor; L=1 slightly lower: it has started to fit the noise directions';
  end
  fprintf ('  final relative reconstruction error ||X - XW||^2/||X||^2: L=1 %.6g, L=2 %.6g, noise floor %.6g\n    (%s)\n', ...
           S.err_L1(end), S.err_L2(end), S.noise_floor, why);

  if (o.plot)
    draw (S, R1, R2, r);
  end
  if (~ isempty (outdir))
    ld_outdir (fn, outdir, true);
    ld_write_csv (fullfile (outdir, 'figure2.csv'), ...
                  {'iteration', 'L1_trace_norm', 'L2_trace_norm', 'L1_rel_recon_error', 'L2_rel_recon_error'}, ...
                  [S.t(:), S.nuclear_L1(:), S.nuclear_L2(:), S.err_L1(:), S.err_L2(:)]);
    if (o.plot)
      print (gcf (), '-dpng', '-r80', fullfile (outdir, 'figure2.png'));
    end
  end
  if (nargout == 0)
    clear S;
  end
end

function c = crossings (t, y, levels)
  % first recorded iteration at which y reaches each level (NaN if never)
  c = NaN (size (levels));
  for k = 1:numel (levels)
    i = find (y >= levels(k), 1);
    if (~ isempty (i))
      c(k) = t(i);
    end
  end
end

function m = min_rise (t, y, lo, hi)
  % smallest rise of y over a doubling of t, among windows [t_i, 2 t_i] with
  % y(t_i) >= lo and y(2 t_i) <= hi (y interpolated linearly in log t)
  m = Inf;
  keep = t > 0;
  lt = log (t(keep));
  y = y(keep);
  for i = 1:numel (lt)
    if (lt(i) + log (2) > lt(end))
      break;
    end
    y2 = interp1 (lt, y, lt(i) + log (2));
    if (y(i) >= lo && y2 <= hi)
      m = min (m, y2 - y(i));
    end
  end
end

function draw (S, R1, R2, r)
  fig = gcf ();
  clf (fig);
  set (fig, 'position', [50 50 1100 480]);
  panels = {'nuclear', 'excess_loss'};
  f0 = R1.excess_loss(1) / S.err_L1(1);
  ax = plot_dynamics (R1, 'panels', panels, 'label', 'L = 1 (linear model)', ...
                      'color', [0.85 0.33 0.1], 'normalize', f0);
  plot_dynamics (R2, 'panels', panels, 'axes', ax, 'label', 'L = 2 (two layers)', ...
                 'color', [0 0.45 0.74], 'normalize', f0, 'sigma', S.sigma(1:r), ...
                 'lambda', S.sigma(1:r), 'delta', S.delta, 'eta', S.eta);
  set (ax(1), 'position', [0.07 0.11 0.39 0.74]);
  set (ax(2), 'position', [0.58 0.11 0.39 0.74]);
  ylabel (ax(1), 'trace norm ||W||_*');
  ylabel (ax(2), 'reconstruction error ||X - XW||_F^2 / ||X||_F^2');
  title (ax(1), 'trace norm (dotted: plateaus 1..5, dashed: T_i = \delta/(\eta\sigma_i))');
  title (ax(2), 'relative reconstruction error');
  legend (ax(2), 'show');
  legend (ax(2), 'location', 'southwest');
  note = sprintf (['linear autoencoder: n = 1000, d = p = 20, r = 5 (seed %d); ' ...
                   '\\eta = 1/(%.3g \\sigma_1), aligned init. W_1(0)W_2(0) = W(0) = e^{-2\\delta}I, \\delta = %g'], ...
                  S.seed, 1 / (S.eta * S.sigma(1)), S.delta);
  annotation (fig, 'textbox', [0 0.93 1 0.06], 'string', note, 'edgecolor', 'none', ...
              'horizontalalignment', 'center', 'fontsize', 9);
end

%!test
%! % Against independent computations on the modes of Sx (the autoencoder is aligned:
%! % U = V = eigenvectors of Sx, lambda = sigma): L = 1 from eq. 21,
%! % w_t = 1 - (1 - eta sigma)^t (1 - w0); L = 2 from the exact mode recursion
%! % w <- w (1 + eta (sigma - sigma w))^2 (corrected eq. 22).  W is symmetric PSD in both
%! % cases, so the trace norm is sum(w) and the relative error sum(sigma (1-w)^2)/sum(sigma).
%! % Tolerances: 1e-9 on the trace norm (rounding of 3000 matrix steps; the modes stay
%! % decoupled to ~1e-13); 2e-8 on the errors, which go through W* = pinv(Sx)*Sxy, exact
%! % only to cond(Sx)*eps = 3.5e7 * 2.2e-16 ~ 8e-9 here.
%! S = demo_figure2 ('', 'plot', false, 'delta', 5, 'iters', 3000, 'records', 40);
%! X = autoencoder_data (1000, 20, 5, 'seed', 1);
%! sigma = sort (eig (X' * X / 1000), 'descend');
%! assert (S.sigma', sigma, 1e-12 * sigma(1));
%! eta = 1 / (10 * sigma(1));  w0 = exp (-10);
%! w2 = w0 * ones (20, 1);  k = 0;
%! for j = 1:numel (S.t)
%!   while (k < S.t(j))
%!     w2 = w2 .* (1 + eta * (sigma - sigma .* w2)) .^ 2;  k = k + 1;
%!   end
%!   w1 = 1 - (1 - eta * sigma) .^ S.t(j) * (1 - w0);
%!   assert (S.nuclear_L1(j), sum (w1), 1e-9 * 20);
%!   assert (S.nuclear_L2(j), sum (w2), 1e-9 * 20);
%!   assert (S.err_L1(j), sum (sigma .* (1 - w1) .^ 2) / sum (sigma), 2e-8);
%!   assert (S.err_L2(j), sum (sigma .* (1 - w2) .^ 2) / sum (sigma), 2e-8);
%! end
%! assert (S.T, 5 ./ (eta * sigma(1:5)'), 1e-9);
%! % the default step size meets Cor. 3's three conditions, as the help says
%! s = sigma(1:19);  s1 = sigma(2:20);
%! assert (eta < 1 / (2 * sigma(1)));
%! assert (all (eta < 2 * (s - s1) ./ s .^ 2) && all (eta < (s - s1) ./ (2 * s1 .^ 2)));
%! assert (S.eta_ok);
%! % the exact half-way iterations: the first t at which the recursion above reaches 1/2
%! w = w0 * ones (5, 1);  half = zeros (5, 1);  k = 0;
%! while (any (half == 0))
%!   w = w .* (1 + eta * (sigma(1:5) - sigma(1:5) .* w)) .^ 2;  k = k + 1;
%!   half(half == 0 & w >= 0.5) = k;
%! end
%! assert (S.T_half, half');

%!test
%! % the CSV file holds the returned numbers
%! d = tempname ();
%! S = demo_figure2 (d, 'plot', false, 'delta', 4, 'iters', 500, 'records', 30);
%! C = dlmread (fullfile (d, 'figure2.csv'), ',', 1, 0);
%! assert (C, [S.t; S.nuclear_L1; S.nuclear_L2; S.err_L1; S.err_L2]');
%! confirm_recursive_rmdir (false, 'local');  rmdir (d, 's');

%!error <Invalid call> demo_figure2 ('', 'delta')
%!error id=lindyn:demo_figure2:outdir demo_figure2 (1)
%!error id=lindyn:demo_figure2:option demo_figure2 ('', 'deltas', 3)
%!error id=lindyn:demo_figure2:delta demo_figure2 ('', 'delta', -1)
%!error id=lindyn:demo_figure2:seed demo_figure2 ('', 'seed', 0.5)
%!error id=lindyn:demo_figure2:iters demo_figure2 ('', 'iters', 0)
%!error id=lindyn:demo_figure2:plot demo_figure2 ('', 'plot', {})

%!demo
%! % Figure 2 of the paper, on screen (pass a folder to also write PNG and CSV)
%! demo_figure2 ();

%!demo
%! % Another draw of the data, and a smaller initialization: sharper steps
%! S = demo_figure2 ('', 'seed', 2, 'delta', 20);
%! S.plateaus
