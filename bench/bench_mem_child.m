% bench_mem_child.m -- child process of run_bench.m: peak memory of one long run.
%
%   octave-cli --no-gui -q bench/bench_mem_child.m FUNCTION ITERS
%
% Runs FUNCTION (gd_deep: L = 2, d = p = r = 20; gd_linear: d = p = 20) for ITERS
% iterations with the default recording (about 200 records, nuclear norms), then prints
% "VMHWM_KB <peak resident set size of this process in kB>" (VmHWM of /proc/self/status)
% and "SECONDS <run time>".  A separate process per run, so the peaks do not mix.

top = fileparts (fileparts (mfilename ('fullpath')));
addpath (fullfile (top, 'src'));
addpath (fullfile (top, 'inst'));
addpath (fullfile (top, 'bench'));
args = argv ();
fn = args{1};
iters = str2double (args{2});
if (strcmp (fn, 'gd_deep'))
  [Sx, Sxy, W0, eta] = bench_problem (2, 20, 20, 20, 1);
  t0 = tic ();
  R = gd_deep (Sx, Sxy, eta, iters, W0, 'verbose', false);
else
  [Sx, Sxy, W0, eta] = bench_problem (1, 20, 20, 20, 1);
  t0 = tic ();
  R = gd_linear (Sx, Sxy, eta, iters, 'init', W0{1}, 'verbose', false);
end
secs = toc (t0);
s = fileread ('/proc/self/status');
tok = regexp (s, 'VmHWM:\s*(\d+)\s*kB', 'tokens', 'once');
printf ('VMHWM_KB %s\nSECONDS %.6f\nRECORDS %d\n', tok{1}, secs, numel (R.t));
