% figure1.m -- Figure 1 of Gidel, Bach and Lacoste-Julien (2019): the squared norm of the
% linear model and of the two-layer network against rescaled time (Prop. 1, Thm. 1).
% With lindyn loaded (pkg load lindyn), run it from any folder:  run ('figure1.m')
% It writes figure1.png, figure1.csv and figure1_gd.csv into ./figures; see
% help demo_figure1 for the options.
outdir = fullfile (pwd (), 'figures');
S = demo_figure1 (outdir);
fprintf ('Figure 1: %s\n', fullfile (outdir, 'figure1.png'));
