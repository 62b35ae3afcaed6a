% test_memory.m -- a request larger than the memory a process may take is refused at once
% with lindyn:<function>:memory, and the session goes on.
%
% A child octave-cli runs under `ulimit -v 2000000` (2 GB of address space, the fuzzer's
% limit) with calls that once took the machine down: gd_linear with the record list 0:1e9 (tens of GB;
% it used to run for minutes, grow to 24 GB and be killed by the OOM killer) and gd_deep
% with snapshots at d = p = 1500 (200 records of 18 MB: 3.6 GB, more than the
% limit but less than the RAM of most machines, so only the limit refuses it: it used to
% end in Octave:bad-alloc).  Other requests between the limit and physical memory (mode
% trajectories, closed-form weights, reduced-rank stacks) must be refused the same way;
% requests well below the limit must still run.  Each call prints its outcome; the
% child must finish and exit normally.

%!function out = run_limited (top, code)
%!  % Runs code in a child octave-cli under ulimit -v 2000000; returns its output.
%!  f = [tempname() '.m'];
%!  fid = fopen (f, 'w');
%!  fprintf (fid, 'addpath (''%s''); addpath (''%s'');\n%s\ndisp (''CHILD-ALIVE'');\n', ...
%!           fullfile (top, 'src'), fullfile (top, 'inst'), code);
%!  fclose (fid);
%!  cmd = sprintf (['ulimit -v 2000000 && OPENBLAS_NUM_THREADS=1 %s -q -f --no-gui ' ...
%!                  '--no-window-system %s 2>&1'], ...
%!                 fullfile (OCTAVE_HOME (), 'bin', 'octave-cli'), f);
%!  [status, out] = system (cmd);
%!  unlink (f);
%!  assert (status, 0, sprintf ('child exited with %d:\n%s', status, out));
%!  assert (! isempty (strfind (out, 'CHILD-ALIVE')), out);
%!endfunction

%!function code = try_call (label, call)
%!  % Code that runs call and prints "label: ok" or "label: <error identifier>".
%!  code = sprintf (['try\n  %s;\n  disp (''%s: ok'');\ncatch e\n' ...
%!                   '  printf (''%s: %%s\\n'', e.identifier);\nend\n'], call, label, label);
%!endfunction

%!function id = outcome (out, label)
%!  tok = regexp (out, [label ': (\S+)'], 'tokens', 'once');
%!  assert (! isempty (tok), sprintf ('no outcome for %s in:\n%s', label, out));
%!  id = tok{1};
%!endfunction

%!shared top, linux
%! top = fileparts (fileparts (fileparts (mfilename ('fullpath'))));
%! % the limit is read from /proc/self/limits: elsewhere only MemAvailable-like rules apply
%! linux = exist ('/proc/self/limits', 'file') == 2;
%! if (! linux)
%!   printf ('SKIP: no /proc/self/limits, so no address-space limit to test against\n');
%! end

%!test
%! if (! linux), return; end
%! % the two calls of the issue, then a short run in the same session
%! code = [try_call('record', 'gd_linear (eye (2), ones (2, 1), 0.1, 1e9, "record", 0:1e9)'), ...
%!         try_call('snapshots', ['d = 1500; gd_deep (eye (d), eye (d), 0.1, 1000, ' ...
%!                               '{zeros(d), zeros(d)}, "snapshots", true, "record", 0:5:995)']), ...
%!         try_call('after', 'R = gd_linear (eye (2), ones (2, 1), 0.1, 10); assert (R.iters, 10)')];
%! out = run_limited (top, code);
%! assert (outcome (out, 'record'), 'lindyn:gd_linear:memory');
%! assert (outcome (out, 'snapshots'), 'lindyn:gd_deep:memory');
%! assert (outcome (out, 'after'), 'ok');

%!test
%! if (! linux), return; end
%! % requests between the 2 GB limit and the RAM (2.4 to 16 GB) are refused too
%! code = [try_call('mode_flow', 'mode_flow (1, 1, 1e-3, 0:1e8)'), ...
%!         try_call('mode_gd', 'mode_gd (1, 1, 1e-3, 0.1, 0:1e8)'), ...
%!         try_call('bounds', 'mode_gd_bounds (1, 1, 1e-3, 0.1, 0:1e8)'), ...
%!         try_call('closed', 'gd_linear_closed (eye (10), ones (10), 0.1, 0:3e6)'), ...
%!         try_call('flow_linear', 'flow_linear (eye (10), ones (10), 0:3e6)'), ...
%!         try_call('rrr', 'rrr (eye (100), ones (100), 0:3e4)'), ...
%!         try_call('random_init', 'random_init ([2e4 2e4], 1)'), ...
%!         try_call('gateway', '__lindyn_modes__ (ones (1e3, 1), ones (1e3, 1), ones (1e3, 1), 1:3e5)'), ...
%!         try_call('after', 'w = mode_flow (1, 1, 1e-3, [0 1]); assert (size (w), [1 2])')];
%! out = run_limited (top, code);
%! assert (outcome (out, 'mode_flow'), 'lindyn:mode_flow:memory');
%! assert (outcome (out, 'mode_gd'), 'lindyn:mode_gd:memory');
%! assert (outcome (out, 'bounds'), 'lindyn:mode_gd_bounds:memory');
%! assert (outcome (out, 'closed'), 'lindyn:gd_linear_closed:memory');
%! assert (outcome (out, 'flow_linear'), 'lindyn:flow_linear:memory');
%! assert (outcome (out, 'rrr'), 'lindyn:rrr:memory');
%! assert (outcome (out, 'random_init'), 'lindyn:random_init:memory');
%! assert (outcome (out, 'gateway'), 'lindyn:__lindyn_modes__:memory');
%! assert (outcome (out, 'after'), 'ok');

%!test
%! if (! linux), return; end
%! % below the limit the same paths still run: 1e5 records, 300 snapshots of 100-by-100
%! % (24 MB, so the check runs), and 3e7 mode values (an estimate of 720 MB, a third of
%! % the limit)
%! code = [try_call('record', ['R = gd_linear (eye (2), ones (2, 1), 0.1, 1e5, "record", 0:1e5); ' ...
%!                            'assert (numel (R.fro2), 1e5 + 1)']), ...
%!         try_call('snapshots', ['d = 100; R = gd_deep (eye (d), eye (d), 0.1, 299, ' ...
%!                               '{zeros(d), zeros(d)}, "record", 0:299, "snapshots", true); ' ...
%!                               'assert (size (R.snapshots, 3), 300)']), ...
%!         try_call('mode_flow', 'w = mode_flow (1, 1, 1e-3, 0:3e7); assert (numel (w), 3e7 + 1)')];
%! out = run_limited (top, code);
%! assert (outcome (out, 'record'), 'ok');
%! assert (outcome (out, 'snapshots'), 'ok');
%! assert (outcome (out, 'mode_flow'), 'ok');
