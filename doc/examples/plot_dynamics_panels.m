% plot_dynamics_panels.m -- the five panels of plot_dynamics at the default figure size.
%
% Two layers (aligned start, delta = 5) against one layer on Sx = diag (2, 1, 1),
% Sxy = diag (0.1, 0.01, 0.001): trace norm, excess loss, singular values with the
% plateaus of Thm. 2 and the transitions T_i = delta/(eta*sigma_i), the relative
% distances to the spectral path, and a held-out loss (here on Sx_test = I).
% Writes doc/figures/plot_dynamics.png.
%
%   octave-cli -q doc/examples/plot_dynamics_panels.m [PNG file]

top = fileparts (fileparts (fileparts (mfilename ('fullpath'))));
if (exist (fullfile (top, 'src'), 'dir') && ~ exist ('gd_deep', 'file'))
  addpath (fullfile (top, 'src'), fullfile (top, 'inst'));
end
out = fullfile (top, 'doc', 'figures', 'plot_dynamics.png');
if (exist ('OCTAVE_VERSION', 'builtin'))
  a = argv ();
  if (numel (a) >= 1), out = a{1};  end
  graphics_toolkit ('gnuplot');
end
Sx = diag ([2 1 1]);  Sxy = diag ([1e-1 1e-2 1e-3]);  eta = 1;  delta = 5;
P = spectral_path (Sx, Sxy, 1:3);
R2 = gd_deep (Sx, Sxy, eta, 50000, aligned_init (Sx, Sxy, 3, delta), 'path', P, ...
              'test', {eye(3), Sxy});
R1 = gd_linear (Sx, Sxy, 0.02, 50000, 'path', P, 'test', {eye(3), Sxy});
f = figure ('visible', 'off');
panels = {'nuclear', 'excess_loss', 'sv', 'path_err', 'test_loss'};
ax = plot_dynamics (R2, 'panels', panels, 'sigma', diag (Sxy), 'lambda', [2 1 1], ...
                    'delta', delta, 'eta', eta, 'label', 'L = 2');
plot_dynamics (R1, 'panels', panels, 'axes', ax, 'label', 'L = 1');
print (f, out, '-dpng');
close (f);
fprintf ('wrote %s\n', out);
