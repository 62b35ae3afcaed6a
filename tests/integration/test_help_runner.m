% test_help_runner.m -- tests/run_help_examples.m finds what it is for.
%
% A probe function with a formula, a runnable example, an example marked neither, one
% that needs a data folder that is not there, one that fails, one that shows its output
% (octave-doctest's), and two %!demo blocks (one failing) is run through the runner in a child octave-cli: the runner must run what is
% runnable, skip what needs missing data, count the formula, report the unmarked
% example, the failing example and the failing demo by file and block number, and exit
% non-zero.

%!test
%! top = fileparts (fileparts (fileparts (mfilename ('fullpath'))));
%! d = tempname ();  mkdir (d);
%! c = onCleanup (@() confirm_recursive_rmdir (false) + rmdir (d, 's'));
%! fid = fopen (fullfile (d, 'lindyn_runner_probe.m'), 'w');
%! fprintf (fid, '%s\n', 'function lindyn_runner_probe ()', '% -*- texinfo -*-', ...
%!          '% @c formula', '% @example', '% x = y', '% @end example', ...
%!          '% @c runnable', '% @example', '% a = 1 + 1;', '% @end example', ...
%!          '% @example', '% b = 2;', '% @end example', ...
%!          '% @c runnable (needs data/lindyn-no-such-folder)', '% @example', ...
%!          '% error (''not run'');', '% @end example', ...
%!          '% @c runnable', '% @example', '% error (''example broken'');', '% @end example', ...
%!          '% @c runnable', '% @example', '% 1 + 1', '%   @result{} ans = 2', '% @end example', ...
%!          'end', '%!demo', '%! plot (1:3);', '%!demo', '%! error (''demo broken'');');
%! fclose (fid);
%! cmd = sprintf ('"%s" --no-gui -q "%s" --path "%s" lindyn_runner_probe 2>&1', ...
%!                fullfile (OCTAVE_HOME, 'bin', 'octave-cli'), ...
%!                fullfile (top, 'tests', 'run_help_examples.m'), d);
%! [st, out] = system (cmd);
%! assert (st ~= 0, out);
%! probe = fullfile (d, 'lindyn_runner_probe.m');
%! assert (! isempty (strfind (out, [probe ' example 2                 ok'])) ...
%!         || ! isempty (regexp (out, 'example 2\s+ok', 'once')), out);
%! assert (! isempty (regexp (out, 'example 3\s+FAILED: neither', 'once')), out);
%! assert (! isempty (regexp (out, 'example 4\s+skipped: no data/lindyn-no-such-folder', 'once')), out);
%! assert (! isempty (regexp (out, 'example 5\s+FAILED: example broken', 'once')), out);
%! assert (! isempty (regexp (out, 'example 6\s+\(octave-doctest compares its output\)', 'once')), out);
%! assert (! isempty (regexp (out, 'demo 1\s+ok', 'once')), out);
%! assert (! isempty (regexp (out, 'demo 2\s+FAILED: demo broken', 'once')), out);
%! assert (! isempty (strfind (out, ['help examples: 2 run (1 passed, 1 failed), 1 marked ', ...
%!                                   'neither runnable nor formula (failures), 1 checked by ', ...
%!                                   'octave-doctest, 1 formulas (not run), 1 skipped'])), out);
%! assert (! isempty (strfind (out, 'demos: 2 run (1 passed, 1 failed)')), out);
%! assert (! isempty (strfind (out, 'help examples and demos')), out);
%! assert (! isempty (regexp (out, 'help examples and demos \(\d+ s\): 2 passed, 3 failed', 'once')), out);
