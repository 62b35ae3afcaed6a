% table1.m -- Table 1 of Gidel, Bach and Lacoste-Julien (2019): how far MNIST and other
% classification data are from Assumption 1 (Delta_xy) and from Sigma_x = I (Delta_x).
% With lindyn loaded (pkg load lindyn), run it from a folder that holds data/mnist/
% (bash tools/get_mnist.sh fetches it):  run ('table1.m')
% It prints the table and writes table1.txt and table1.csv into ./figures; see
% help demo_table1.
outdir = fullfile (pwd (), 'figures');
T = demo_table1 (fullfile (pwd (), 'data'), outdir);
fprintf ('Table 1: %s\n', fullfile (outdir, 'table1.txt'));
