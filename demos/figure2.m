% figure2.m -- Figure 2 of Gidel, Bach and Lacoste-Julien (2019): trace norm and
% reconstruction error of the linear autoencoder trained by gradient descent (L = 1, 2).
% With lindyn loaded (pkg load lindyn), run it from any folder:  run ('figure2.m')
% It writes figure2.png and figure2.csv into ./figures; see help demo_figure2 for the
% options.
outdir = fullfile (pwd (), 'figures');
S = demo_figure2 (outdir);
fprintf ('Figure 2: %s\n', fullfile (outdir, 'figure2.png'));
