% run_figures.m -- the package's main job: reproduce the paper's Figures 1, 2 and Table 1,
% the depth figure (demo_depth), the stability demo (sharpness along gradient descent,
% the mode map's orbits) and the engine's reproductions (deep matrix completion, Razin &
% Cohen's 2x2, SGD on MNIST), the lazy-to-rich sweep of lambda-balanced starts and the
% implicit bias of diagonal networks (initialisation scale, step and batch sizes) and
% the sharpness of deep linear regression against the scale of its start.
%
%   octave-cli --no-gui -q tools/run_figures.m [OUTDIR]
%
% Runs each demo that exists (demo_figure1, demo_figure2, demo_table1, demo_depth,
% demo_stability, demo_completion, demo_norms, demo_sgd_mnist, demo_lazy_rich, demo_diagonal,
% demo_sharpness_scale) with the built tree on the path, writing PNG and CSV files into
% OUTDIR (default: figures/).
% Exits non-zero if any demo fails.

top = fileparts (fileparts (mfilename ('fullpath')));
addpath (fullfile (top, 'src'));
addpath (fullfile (top, 'inst'));
more off;
args = argv ();
if (isempty (args))
  outdir = fullfile (top, 'figures');
else
  outdir = args{1};
end
if (~ exist (outdir, 'dir'))
  mkdir (outdir);
end
warning ('off', 'Octave:gnuplot-graphics');
graphics_toolkit ('gnuplot');
set (0, 'defaultfigurevisible', 'off');

jobs = {'demo_figure1', {outdir}; ...
        'demo_figure2', {outdir}; ...
        'demo_table1',  {fullfile(top, 'data'), outdir}; ...
        'demo_depth',   {outdir}; ...
        'demo_stability', {outdir}; ...
        'demo_completion', {outdir}; ...
        'demo_norms', {outdir}; ...
        'demo_sgd_mnist', {fullfile(top, 'data'), outdir}; ...
        'demo_lazy_rich', {outdir}; ...
        'demo_diagonal', {outdir}; ...
        'demo_sharpness_scale', {outdir}};
failed = 0;  ran = 0;
for k = 1:rows (jobs)
  name = jobs{k, 1};
  if (~ exist (name, 'file'))
    fprintf ('== %s: not part of this version yet\n', name);
    continue;
  end
  fprintf ('== %s\n', name);
  t0 = tic ();
  try
    feval (name, jobs{k, 2}{:});
    ran = ran + 1;
    fprintf ('== %s done in %.1f s\n', name, toc (t0));
  catch err
    failed = failed + 1;
    fprintf (2, '== %s FAILED: %s\n', name, err.message);
  end
end
if (ran == 0 && failed == 0)
  % Before the demos exist: a short run of the built package.
  X = randn (1000, 20);  Y = X * randn (20, 3);
  [Sx, Sxy] = second_moments (X, Y);
  fprintf ('second_moments: ||Sx - X''X/n||_F = %.2e, ||Sxy - X''Y/n||_F = %.2e\n', ...
           norm (Sx - X' * X / 1000, 'fro'), norm (Sxy - X' * Y / 1000, 'fro'));
end
fprintf ('outputs in %s\n', outdir);
exit (failed > 0);
