% run_doctest.m -- the help examples that show their output, checked by octave-doctest.
%
% Usage (from the top of the tree, after building src/):
%   octave-cli --no-gui -q tests/run_doctest.m [DIR]
% Runs octave-doctest (Debian package octave-doctest) on inst/ (or DIR), as the
% gnu-octave/packages CI runs `doctest (dir)` on every package: every @example block
% whose output is written with @result{} or @print{} is run and its output compared.
% Blocks without shown output are not doctest's (it skips them); tests/run_help_examples.m
% runs those.  Figures are off-screen; the random streams are seeded.
% Prints "doctest: N passed, N failed" and exits non-zero on any failure, or when
% octave-doctest is not installed or finds no test at all.

top = fileparts (fileparts (mfilename ('fullpath')));
args = argv ();
target = fullfile (top, 'inst');
if (~ isempty (args))
  target = make_absolute_filename (args{1});
end
addpath (fullfile (top, 'src'));
addpath (fullfile (top, 'inst'));
warning ('off', 'Octave:gnuplot-graphics');
graphics_toolkit ('gnuplot');
set (0, 'defaultfigurevisible', 'off');
more off;
try
  pkg ('load', 'doctest');
catch err
  fprintf ('octave-doctest is not installed (apt-get install octave-doctest): %s\n', err.message);
  fprintf ('doctest: 0 passed, 1 failed\n');
  exit (1);
end
rand ('state', 42);  randn ('state', 42);
here = pwd ();
tmp = tempname ();  mkdir (tmp);  cd (tmp);
[npass, ntests, summary] = doctest (target);
cd (here);
confirm_recursive_rmdir (false);
rmdir (tmp, 's');
nfail = ntests - npass;
fprintf (['\ndoctest: %d of %d targets without tests, %d with extraction errors, ', ...
          '%d examples\n'], summary.num_targets_without_tests, summary.num_targets, ...
         summary.num_targets_with_extraction_errors, ntests);
if (summary.num_targets_with_extraction_errors > 0)
  nfail = nfail + summary.num_targets_with_extraction_errors;
end
if (ntests == 0)
  fprintf ('doctest found no example to run\n');
  nfail = nfail + 1;
end
fprintf ('doctest: %d passed, %d failed\n', npass, nfail);
exit (nfail > 0);
