% install_test.m -- install a release tarball into a throw-away prefix and test it there.
%
%   octave-cli --no-gui -q tests/install_test.m lindyn-X.Y.Z.tar.gz
%
% Points pkg's prefix and package lists at a temporary folder (nothing outside it is
% touched, even as root), runs `pkg install -local`, `pkg load lindyn`, checks that the
% functions now come from the installed copy, runs every test of the installed files
% (the .m files and the -tst files pkg extracted from the MEX sources), counting the
% failures itself because `pkg test` sets no exit status, then uninstalls.
% Prints "install test: N passed, N failed" and exits non-zero on any failure.

args = argv ();
if (numel (args) ~= 1)
  fprintf (2, 'usage: octave-cli tests/install_test.m lindyn-X.Y.Z.tar.gz\n');
  exit (2);
end
tarball = make_absolute_filename (args{1});
more off;
warning ('off', 'Octave:gnuplot-graphics');
graphics_toolkit ('gnuplot');
set (0, 'defaultfigurevisible', 'off');
tmp = tempname ();
mkdir (tmp);
cleanup = onCleanup (@() confirm_recursive_rmdir (false) + rmdir (tmp, 's'));
pkg ('prefix', fullfile (tmp, 'share'), fullfile (tmp, 'lib'));
pkg ('local_list', fullfile (tmp, 'octave_packages'));
pkg ('global_list', fullfile (tmp, 'octave_global_packages'));

nfail = 0;  npass = 0;
t0 = tic ();
pkg ('install', '-local', tarball);
fprintf ('installed %s in %.0f s\n', tarball, toc (t0));
pkg ('load', 'lindyn');
info = pkg ('list', 'lindyn');
info = info{1};
where = which ('second_moments');
if (isempty (strfind (where, tmp)))
  fprintf ('!! second_moments resolves to %s, not to the installed copy\n', where);
  nfail = nfail + 1;
end
help_text = evalc ('help second_moments');
if (isempty (strfind (help_text, 'Second moments of a regression data set')))
  fprintf ('!! help second_moments did not show the Texinfo help\n');
  nfail = nfail + 1;
end
[Sx, Sxy] = second_moments (rand (1000, 20), rand (1000, 3));
if (~ isequal (size (Sx), [20 20]) || ~ isequal (size (Sxy), [20 3]))
  fprintf ('!! second_moments returned the wrong sizes\n');
  nfail = nfail + 1;
end

files = {};
% the MEX files and their -tst files live in an architecture subfolder of archprefix
dirs = {info.dir, info.archprefix};
sub = dir (fullfile (info.archprefix, '*-api-*'));
for k = 1:numel (sub)
  dirs{end+1} = fullfile (info.archprefix, sub(k).name);
end
for d = unique (dirs)
  for pat = {'*.m', '*-tst'}
    l = dir (fullfile (d{1}, pat{1}));
    files = [files, cellfun(@(f) fullfile (d{1}, f), {l.name}, 'UniformOutput', false)];
  end
end
for k = 1:numel (files)
  % The same random streams for every run: a test that fails does so every time,
  % so CI's verdict never depends on the draw (the tests state their tolerances for
  % generic data; seeding only makes a rare unlucky draw reproducible).
  rand ('state', 42);  randn ('state', 42);
  [n, nmax] = test (files{k}, 'quiet', stdout);
  npass = npass + n;
  nfail = nfail + (nmax - n);
end
fprintf ('ran the tests of %d installed files\n', numel (files));
% every file a help text names is in the installed tree (tests/help_paths.m)
addpath (fileparts (mfilename ('fullpath')));
l = dir (fullfile (info.dir, '*.m'));
bad = help_paths (cellfun (@(n) n(1:end-2), {l.name}, 'UniformOutput', false), info.dir);
if (~ isempty (bad))
  fprintf ('!! help names a file that is not installed: %s\n', bad{:});
  nfail = nfail + 1;
else
  npass = npass + 1;
end
% no installed file names a file the package does not ship: every path an installed
% file (function, -tst file, document) names is in the release tarball or in the
% installed tree, or is one the build writes (tests/file_mentions.m)
[st, listing] = system (sprintf ('tar -tzf "%s"', tarball));
shipped = regexprep (strsplit (strtrim (listing), "\n"), '^[^/]*/', '');
made = {'src/*.mex', 'doc/html', 'bench/results.csv', 'lindyn.yaml'};   % written by make
mfiles = {};  rels = {};
for d = unique (dirs)
  for pat = {'*.m', '*-tst'}
    l = dir (fullfile (d{1}, pat{1}));
    mfiles = [mfiles, cellfun(@(f) fullfile (d{1}, f), {l.name}, 'UniformOutput', false)];
    rels = [rels, {l.name}];
  end
end
l = dir (fullfile (info.dir, 'doc', '*.md'));
mfiles = [mfiles, cellfun(@(f) fullfile (info.dir, 'doc', f), {l.name}, 'UniformOutput', false)];
rels = [rels, cellfun(@(f) ['doc/' f], {l.name}, 'UniformOutput', false)];
bad = file_mentions (mfiles, rels, [shipped, made, rels]);
if (st ~= 0 || isempty (shipped))
  fprintf ('!! could not list %s\n', tarball);
  nfail = nfail + 1;
elseif (~ isempty (bad))
  fprintf ('!! an installed file names a file the package does not ship: %s\n', bad{:});
  nfail = nfail + 1;
else
  fprintf ('the %d installed files name only files the package ships\n', numel (mfiles));
  npass = npass + 1;
end
if (isempty (strfind (evalc ('help lindyn'), 'Functions by topic')))
  fprintf ('!! help lindyn shows no overview\n');
  nfail = nfail + 1;
else
  npass = npass + 1;
end
if (~ any (cellfun (@(f) ~ isempty (strfind (f, '__lindyn_second_moments__')), files)))
  fprintf ('!! the tests of the MEX sources (-tst files) were not installed\n');
  nfail = nfail + 1;
end
pkg ('unload', 'lindyn');
pkg ('uninstall', '-local', 'lindyn');
if (exist (info.dir, 'dir'))
  fprintf ('!! uninstall left %s behind\n', info.dir);
  nfail = nfail + 1;
end
fprintf ('install test (%.0f s): %d passed, %d failed\n', toc (t0), npass, nfail);
exit (nfail > 0);
