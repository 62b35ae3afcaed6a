% test_help_paths.m -- every file a help text points at is in the installed package.
%
% pkg install puts inst/ (and the demos) at the top of the package folder and doc/ in
% its doc/ subfolder; tests/, src/, README.md and the rest stay in the source tree.  A
% help text that sends the reader to tests/integration/foo.m or to MATH.md points at a
% file the user of the installed package does not have.  This builds the tree as pkg
% lays it out and checks every path named in every public help text against it;
% tests/install_test.m runs the same check on the real installed tree.

%!test
%! top = fileparts (fileparts (fileparts (mfilename ('fullpath'))));
%! addpath (fullfile (top, 'tests'));
%! l = [dir(fullfile (top, 'inst', '*.m')); dir(fullfile (top, 'demos', '*.m'))];
%! names = cellfun (@(n) n(1:end-2), {l.name}, 'UniformOutput', false);
%! root = tempname ();  mkdir (root);
%! c = onCleanup (@() confirm_recursive_rmdir (false) + rmdir (root, 's'));
%! for k = 1:numel (l)
%!   fclose (fopen (fullfile (root, l(k).name), 'w'));
%! end
%! if (exist (fullfile (top, 'doc'), 'dir'))
%!   copyfile (fullfile (top, 'doc'), fullfile (root, 'doc'));
%! end
%! bad = help_paths (names, root);
%! assert (bad, cell (1, 0), sprintf ('help points at files that are not installed: %s', ...
%!                                   strjoin (bad, '; ')));

%!test
%! % the check itself finds such a path (a help text naming MATH.md and tests/)
%! top = fileparts (fileparts (fileparts (mfilename ('fullpath'))));
%! addpath (fullfile (top, 'tests'));
%! d = tempname ();  mkdir (d);  mkdir (fullfile (d, 'doc'));
%! c = onCleanup (@() confirm_recursive_rmdir (false) + rmdir (d, 's'));
%! fid = fopen (fullfile (d, 'lindyn_help_probe.m'), 'w');
%! fprintf (fid, ['function lindyn_help_probe ()\n%% -*- texinfo -*-\n%% See MATH.md, ', ...
%!                'doc/theory.md and tests/integration/test_x.m.\nend\n']);
%! fclose (fid);
%! fclose (fopen (fullfile (d, 'doc', 'theory.md'), 'w'));
%! addpath (d);  c2 = onCleanup (@() rmpath (d));
%! bad = help_paths ({'lindyn_help_probe'}, d);
%! assert (bad, {'lindyn_help_probe: MATH.md', 'lindyn_help_probe: tests/integration/test_x.m'});

%!test
%! % tests/file_mentions.m, which tests/install_test.m runs on every installed file: a
%! % file naming a note that is not shipped, a source file that is not, and a Markdown
%! % link out of doc/ to a shipped file and to one that is not
%! top = fileparts (fileparts (fileparts (mfilename ('fullpath'))));
%! addpath (fullfile (top, 'tests'));
%! d = tempname ();  mkdir (d);
%! c = onCleanup (@() confirm_recursive_rmdir (false) + rmdir (d, 's'));
%! f1 = fullfile (d, 'a.m');  f2 = fullfile (d, 'b.md');
%! fid = fopen (f1, 'w');
%! fprintf (fid, '%%! %% the MATH.md counter-example (HACKING.md), see tests/integration/test_x.m and inst/a.m\n');
%! fclose (fid);
%! fid = fopen (f2, 'w');
%! fprintf (fid, 'See [the map](../HACKING.md), [gone](../bench/gone.md), [figures](figures/a.png).\n');
%! fclose (fid);
%! known = {'inst/a.m', 'HACKING.md', 'doc/figures/a.png', 'tests/integration/test_y.m'};
%! bad = file_mentions ({f1, f2}, {'a.m', 'doc/b.md'}, known);
%! assert (bad, {'a.m: MATH.md', 'a.m: tests/integration/test_x.m', 'doc/b.md: ../bench/gone.md'});
