% run_octave_tests.m -- run the %! blocks of lindyn's files and exit with the failure count.
%
% Usage (from the top of the tree, after building src/):
%   octave-cli --no-gui -q tests/run_octave_tests.m [DIR|FILE ...]
% With no arguments: inst/, inst/private/, the gateways src/mex/__lindyn_*__.c and
% tests/integration/.  Every public function (inst/*.m) must have at least one test: a
% file without any counts as a failure.  Prints per-file results and a closing line
% "octave tests: N passed, N failed"; exits non-zero on any failure.

top = fileparts (fileparts (mfilename ('fullpath')));
addpath (fullfile (top, 'src'));
addpath (fullfile (top, 'inst'));
addpath (fullfile (top, 'tests', 'integration'));
warning ('off', 'Octave:gnuplot-graphics');
graphics_toolkit ('gnuplot');
set (0, 'defaultfigurevisible', 'off');
more off;

args = argv ();
if (isempty (args))
  args = {'inst', 'inst/private', 'src/mex', 'tests/integration'};
  args = args(cellfun (@(a) exist (fullfile (top, a), 'dir') == 7, args));
end
files = {};
for k = 1:numel (args)
  a = args{k};
  if (a(1) ~= filesep)
    a = fullfile (top, a);
  end
  if (exist (a, 'dir'))
    pats = {'*.m'};
    if (numel (a) >= 3 && strcmp (a(end-2:end), 'mex'))
      pats = {'__lindyn_*__.c'};
    end
    for pat = pats
      l = dir (fullfile (a, pat{1}));
      files = [files, cellfun(@(f) fullfile (a, f), {l.name}, 'UniformOutput', false)];
    end
  elseif (exist (a, 'file'))
    files{end+1} = a;
  else
    fprintf (2, 'run_octave_tests: no such file or folder: %s\n', a);
    exit (2);
  end
end

npass = 0;  nfail = 0;  bad = {};
t0 = tic ();
for k = 1:numel (files)
  f = files{k};
  [~, name, ext] = fileparts (f);
  public = strcmp (ext, '.m') && isempty (strfind (f, [filesep 'private' filesep])) ...
           && isempty (strfind (f, [filesep 'tests' filesep]));
  t1 = tic ();
  % The same random streams for every run: a test that fails does so every time,
  % so CI's verdict never depends on the draw (the tests state their tolerances for
  % generic data; seeding only makes a rare unlucky draw reproducible).
  rand ('state', 42);  randn ('state', 42);
  [n, nmax] = test (f, 'quiet', stdout);
  dt = toc (t1);
  if (nmax == 0 && public)
    fprintf ('!! %s has no tests\n', f);
    nfail = nfail + 1;  bad{end+1} = f;
    continue;
  end
  npass = npass + n;
  nfail = nfail + (nmax - n);
  if (n < nmax)
    bad{end+1} = f;
  end
  fprintf ('%-40s %3d of %3d  (%.1f s)\n', [name ext], n, nmax, dt);
end
fprintf ('\n');
if (~ isempty (bad))
  fprintf ('failing files:\n');  fprintf ('  %s\n', bad{:});
end
fprintf ('octave tests (%.0f s): %d passed, %d failed\n', toc (t0), npass, nfail);
exit (nfail > 0);
