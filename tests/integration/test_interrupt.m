% test_interrupt.m -- Ctrl-C during a long lindyn call returns control promptly and
% leaves the session working.
%
% A child octave-cli is started in interactive mode (-i) with its commands on a pipe,
% as a user at the prompt would type them.  The test starts a long call, sends the
% child SIGINT (what Ctrl-C does), then types a marker command and measures how long
% the marker takes to appear in the child's output.  The long calls would run for
% hours in one MEX call; chunked, each MEX call is about 0.2 s of work, so on an idle
% machine control comes back in 0.1-0.3 s (printed).  The assertion allows 20 s, so
% that a machine loaded many times over still passes while an unchunked call (hours)
% fails: pass/fail does not depend on the machine's speed or load.  The same session then repeats a short call done before the interrupt and must
% get the identical result (no corrupted state: persistent data, half-written
% buffers, a stuck OpenMP team).  A MEX call cannot be interrupted, so this checks that
% long runs are done in short MEX calls from the .m wrapper.
%
% gd_deep is the long call to interrupt; where it does not exist yet, its test
% prints a visible SKIP.  A second_moments loop always runs, so the harness is tested.

%!shared top
%! top = fileparts (fileparts (fileparts (mfilename ('fullpath'))));

%!function c = child_start (top)
%!  c.log = [tempname() '.log'];
%!  cmd = sprintf (['exec env OPENBLAS_NUM_THREADS=1 %s -q -i --no-line-editing ' ...
%!                  '--no-gui --no-window-system -f > %s 2>&1'], ...
%!                 fullfile (OCTAVE_HOME (), 'bin', 'octave-cli'), c.log);
%!  [c.in, out, c.pid] = popen2 ('sh', {'-c', cmd});
%!  fclose (out);                  % the child writes to c.log, not to the pipe
%!  child_send (c, sprintf ('more off; addpath (''%s''); addpath (''%s'');', ...
%!                          fullfile (top, 'src'), fullfile (top, 'inst')));
%!  child_wait (c, child_send (c, ''), 20);
%!endfunction

%!function marker = child_send (c, command)
%!  % Sends command followed by a disp of a fresh marker; returns the marker.
%!  persistent count
%!  if (isempty (count))
%!    count = 0;
%!  end
%!  count = count + 1;
%!  marker = sprintf ('MARK%dKRAM', count);
%!  fputs (c.in, sprintf ('%s\ndisp (''%s'')\n', command, marker));
%!  fflush (c.in);
%!endfunction

%!function [dt, txt] = child_wait (c, marker, limit)
%!  % Seconds until marker appears in the child's output (Inf after limit seconds).
%!  t = tic ();
%!  dt = Inf;
%!  txt = '';
%!  while (toc (t) < limit)
%!    if (exist (c.log, 'file'))
%!      txt = fileread (c.log);
%!      if (! isempty (strfind (txt, marker)))
%!        dt = toc (t);
%!        return;
%!      end
%!    end
%!    pause (0.02);
%!  end
%!endfunction

%!function child_stop (c)
%!  fputs (c.in, "exit (0)\n");
%!  fflush (c.in);
%!  fclose (c.in);
%!  t = tic ();
%!  while (waitpid (c.pid, WNOHANG) != c.pid)
%!    if (toc (t) > 10)
%!      kill (c.pid, 9);
%!      waitpid (c.pid);
%!      break;
%!    end
%!    pause (0.05);
%!  end
%!  unlink (c.log);
%!endfunction

%!function check_interrupt (top, setup, short_call, long_call)
%!  % setup; r0 = short_call; long_call (must run for > 3 s); Ctrl-C after 1.5 s;
%!  % control back within 20 s (0.1-0.3 s idle); the short call again gives exactly r0.
%!  c = child_start (top);
%!  unwind_protect
%!    [dt, txt] = child_wait (c, child_send (c, [setup '; r0 = ' short_call ';']), 60);
%!    assert (isfinite (dt), ['setup failed: ' txt(max (1, end-400):end)]);
%!    started = child_send (c, ['t_long = tic (); ' long_call '; ' ...
%!                              'fprintf (''long call finished after %g s\n'', toc (t_long));']);
%!    pause (1.5);
%!    [~, txt] = child_wait (c, started, 0);
%!    assert (isempty (strfind (txt, 'long call finished')), ...
%!            'the long call ended within 1.5 s: make it longer');
%!    kill (c.pid, SIG ().INT);
%!    back = child_send (c, 'disp (''back at the prompt'');');
%!    [dt, txt] = child_wait (c, back, 30);
%!    assert (isempty (strfind (txt, 'long call finished')), 'the long call was not interrupted');
%!    assert (dt < 20, sprintf ('control came back %.2f s after Ctrl-C (limit 20 s)', dt));
%!    fprintf ('test_interrupt: prompt back %.2f s after Ctrl-C during %s\n', dt, ...
%!             long_call(1:min (end, 44)));
%!    [dt, txt] = child_wait (c, child_send (c, ['r1 = ' short_call '; ' ...
%!                         'printf (''same result: %d\n'', isequaln (r0, r1));']), 60);
%!    assert (isfinite (dt) && ! isempty (strfind (txt, 'same result: 1')), ...
%!            ['the session is not the same after the interrupt: ' txt(max (1, end-400):end)]);
%!  unwind_protect_cleanup
%!    child_stop (c);
%!  end_unwind_protect
%!endfunction

%!test
%! % the harness itself: a long loop of short MEX calls through second_moments
%! check_interrupt (top, 'X = randn (2000, 40); Y = randn (2000, 3);', ...
%!                  'second_moments (X, Y)', ...
%!                  't = tic (); while (toc (t) < 60), second_moments (X, Y); end');

%!test
%! if (! exist ('gd_deep', 'file'))
%!   fprintf ('SKIP test_interrupt: gd_deep does not exist in this tree yet\n');
%!   return;
%! end
%! % a three-layer network, 1e9 iterations (hours); the short call repeats 100 of them
%! check_interrupt (top, ['randn (''state'', 1); X = randn (200, 20); ' ...
%!                        'Y = X * randn (20, 10); [Sx, Sxy] = second_moments (X, Y); ' ...
%!                        'W0 = {1e-2 * randn(20, 15), 1e-2 * randn(15, 15), 1e-2 * randn(15, 10)};'], ...
%!                  'rmfield (gd_deep (Sx, Sxy, 0.01, 100, W0), ''date'')', ...
%!                  'gd_deep (Sx, Sxy, 0.01, 1e9, W0, ''verbose'', false)');

%!test
%! % phase_times with a tiny step runs the GD recursion for 1e11 iterations
%! if (! exist ('phase_times', 'file'))
%!   fprintf ('SKIP test_interrupt: phase_times does not exist in this tree yet\n');
%!   return;
%! end
%! check_interrupt (top, 'sigma = [1 0.5]; lambda = [1 2];', ...
%!                  'phase_times (sigma, lambda, 1e-4, 0.1)', ...
%!                  'phase_times (sigma, lambda, 1e-4, 1e-11)');

%!test
%! % mode_gd with a tiny step converges slowly: 1e12 iterations of the exact recursion
%! if (! exist ('mode_gd', 'file'))
%!   fprintf ('SKIP test_interrupt: mode_gd does not exist in this tree yet\n');
%!   return;
%! end
%! check_interrupt (top, 'sigma = [1 0.5]; lambda = [1 2];', ...
%!                  'mode_gd (sigma, lambda, 1e-4, 0.1, [0 10 1e12])', ...
%!                  'mode_gd (sigma, lambda, 1e-4, 1e-12, [0 10 1e12])');

%!test
%! % Ctrl-C keeps the work: R = ... is not assigned by an interrupted call, but
%! % lindyn_last () returns the run up to its last finished chunk (interrupted = true),
%! % and continuing from it gives exactly the iterates of one uninterrupted run.
%! c = child_start (top);
%! unwind_protect
%!   setup = ['randn (''state'', 1); X = randn (200, 20); Y = X * randn (20, 10); ' ...
%!            '[Sx, Sxy] = second_moments (X, Y); ' ...
%!            'W0 = {1e-2 * randn(20, 15), 1e-2 * randn(15, 15), 1e-2 * randn(15, 10)};'];
%!   [dt, txt] = child_wait (c, child_send (c, setup), 60);
%!   assert (isfinite (dt), ['setup failed: ' txt(max (1, end-400):end)]);
%!   child_send (c, 'R = gd_deep (Sx, Sxy, 0.01, 1e9, W0, ''verbose'', false);');
%!   pause (2);
%!   kill (c.pid, SIG ().INT);
%!   check = ['printf (''assigned: %d\n'', exist (''R'', ''var'')); P = lindyn_last (); ' ...
%!            'printf (''interrupted: %d, iters: %d, records: %d\n'', P.interrupted, P.iters, ' ...
%!            'numel (P.t) == numel (P.excess_loss) && P.t(end) <= P.iters && P.t(1) == 0); ' ...
%!            'C = gd_deep (Sx, Sxy, 0.01, 100, P, ''record'', [0 100]); ' ...
%!            'U = gd_deep (Sx, Sxy, 0.01, P.iters + 100, W0, ''record'', P.iters + 100); ' ...
%!            'printf (''continued exactly: %d, t: %d\n'', isequal (C.factors, U.factors), ' ...
%!            'isequal (C.t, P.iters + [0 100]));'];
%!   [dt, txt] = child_wait (c, child_send (c, check), 60);
%!   assert (isfinite (dt), ['no answer: ' txt(max (1, end-600):end)]);
%!   assert (! isempty (strfind (txt, 'assigned: 0')), 'R was assigned: the run was not interrupted?');
%!   tok = regexp (txt, 'interrupted: (\d), iters: (\d+), records: (\d)', 'tokens', 'once');
%!   assert (! isempty (tok), txt(max (1, end-600):end));
%!   assert (tok{1}, '1');  assert (str2double (tok{2}) > 0);  assert (tok{3}, '1');
%!   assert (! isempty (strfind (txt, 'continued exactly: 1, t: 1')), txt(max (1, end-600):end));
%!   % the session says where the work is
%!   assert (! isempty (strfind (txt, 'R = lindyn_last () returns the work done')), ...
%!           txt(max (1, end-600):end));
%!   fprintf ('test_interrupt: lindyn_last kept %s iterations after Ctrl-C\n', tok{2});
%! unwind_protect_cleanup
%!   child_stop (c);
%! end_unwind_protect

%!test
%! % the same for every trajectory function and update rule: sgd_deep with Adam and label
%! % noise, interrupted, continues exactly (the batches, the noise and Adam's moments
%! % included) from lindyn_last ()
%! c = child_start (top);
%! unwind_protect
%!   setup = ['randn (''state'', 2); X = randn (300, 20); Y = X * randn (20, 5); ' ...
%!            'W0 = {1e-2 * randn(20, 10), 1e-2 * randn(10, 5)}; ' ...
%!            'o = {''batch'', 16, ''seed'', 3, ''label_noise'', 0.1, ''method'', ''adam'', ''verbose'', false};'];
%!   [dt, txt] = child_wait (c, child_send (c, setup), 60);
%!   assert (isfinite (dt), ['setup failed: ' txt(max (1, end-400):end)]);
%!   child_send (c, 'R = sgd_deep (X, Y, 1e-3, 1e9, W0, o{:});');
%!   pause (2);
%!   kill (c.pid, SIG ().INT);
%!   check = ['printf (''assigned: %d\n'', exist (''R'', ''var'')); P = lindyn_last (); ' ...
%!            'printf (''interrupted: %d, iters: %d\n'', P.interrupted, P.iters); ' ...
%!            'C = sgd_deep (X, Y, 1e-3, 100, P, o{:}, ''record'', [0 100]); ' ...
%!            'U = sgd_deep (X, Y, 1e-3, P.iters + 100, W0, o{:}, ''record'', P.iters + 100); ' ...
%!            'printf (''continued exactly: %d\n'', isequal (C.factors, U.factors) && isequal (C.state, U.state));'];
%!   [dt, txt] = child_wait (c, child_send (c, check), 60);
%!   assert (isfinite (dt), ['no answer: ' txt(max (1, end-600):end)]);
%!   assert (! isempty (strfind (txt, 'assigned: 0')), 'R was assigned: the run was not interrupted?');
%!   tok = regexp (txt, 'interrupted: (\d), iters: (\d+)', 'tokens', 'once');
%!   assert (! isempty (tok), txt(max (1, end-600):end));
%!   assert (tok{1}, '1');  assert (str2double (tok{2}) > 0);
%!   assert (! isempty (strfind (txt, 'continued exactly: 1')), txt(max (1, end-600):end));
%! unwind_protect_cleanup
%!   child_stop (c);
%! end_unwind_protect

%!test
%! % gd_diagonal (SGD with momentum): lindyn_last () returns the run in gd_diagonal's form
%! % (W = w = u.^D - v.^D), and continuing from it gives exactly the iterates of one
%! % uninterrupted run (rows, momentum's state included)
%! c = child_start (top);
%! unwind_protect
%!   setup = ['randn (''state'', 3); X = randn (30, 60); y = X(:,1:3) * [1; -2; 1]; ' ...
%!            'o = {''batch'', 5, ''seed'', 2, ''method'', ''momentum'', ''depth'', 3, ' ...
%!            '''alpha'', 0.3, ''verbose'', false};'];
%!   [dt, txt] = child_wait (c, child_send (c, setup), 60);
%!   assert (isfinite (dt), ['setup failed: ' txt(max (1, end-400):end)]);
%!   child_send (c, 'R = gd_diagonal (X, y, 1e-4, 1e9, o{:});');
%!   pause (2);
%!   kill (c.pid, SIG ().INT);
%!   check = ['printf (''assigned: %d\n'', exist (''R'', ''var'')); P = lindyn_last (); ' ...
%!            'printf (''interrupted: %d, iters: %d, form: %d\n'', P.interrupted, P.iters, ' ...
%!            'isequal (P.W, P.u .^ 3 - P.v .^ 3) && isequal (P.factors, {[P.u, P.v]})); ' ...
%!            'o2 = o;  o2(end-3:end-2) = []; ' ...
%!            'C = gd_diagonal (X, y, 1e-4, 100, o2{:}, ''init'', P, ''record'', [0 100]); ' ...
%!            'U = gd_diagonal (X, y, 1e-4, P.iters + 100, o{:}, ''record'', P.iters + 100); ' ...
%!            'printf (''continued exactly: %d\n'', isequal (C.factors, U.factors) && isequal (C.state, U.state));'];
%!   [dt, txt] = child_wait (c, child_send (c, check), 60);
%!   assert (isfinite (dt), ['no answer: ' txt(max (1, end-600):end)]);
%!   assert (! isempty (strfind (txt, 'assigned: 0')), 'R was assigned: the run was not interrupted?');
%!   tok = regexp (txt, 'interrupted: (\d), iters: (\d+), form: (\d)', 'tokens', 'once');
%!   assert (! isempty (tok), txt(max (1, end-600):end));
%!   assert (tok{1}, '1');  assert (str2double (tok{2}) > 0);  assert (tok{3}, '1');
%!   assert (! isempty (strfind (txt, 'continued exactly: 1')), txt(max (1, end-600):end));
%! unwind_protect_cleanup
%!   child_stop (c);
%! end_unwind_protect

%!test
%! % flow_deep: after Ctrl-C lindyn_last () holds the times reached and the state where
%! % the integration stopped, from which it continues
%! c = child_start (top);
%! unwind_protect
%!   setup = ['randn (''state'', 2); A = randn (30); Sx = A * A'' / 30 + eye (30); ' ...
%!            'Sxy = randn (30, 10); W0 = {1e-3 * randn(30, 20), 1e-3 * randn(20, 10)};'];
%!   [dt, txt] = child_wait (c, child_send (c, setup), 60);
%!   assert (isfinite (dt), ['setup failed: ' txt(max (1, end-400):end)]);
%!   child_send (c, ['W = flow_deep (Sx, Sxy, [0 1e-3 logspace(-2, 9, 400)], W0, ' ...
%!                   '''MaxSteps'', 1e12, ''RelTol'', 1e-13, ''verbose'', false);']);
%!   pause (2);
%!   kill (c.pid, SIG ().INT);
%!   check = ['printf (''assigned: %d\n'', exist (''W'', ''var'')); P = lindyn_last (); ' ...
%!            'printf (''flow interrupted: %d, reached %d times, ok: %d\n'', P.interrupted, ' ...
%!            'numel (P.t), size (P.W, 3) == numel (P.t) && P.t_reached >= P.t(end) ' ...
%!            '&& norm (P.factors{end}{1} * P.factors{end}{2} - P.W(:,:,end), ''fro'') == 0);'];
%!   [dt, txt] = child_wait (c, child_send (c, check), 60);
%!   assert (isfinite (dt), ['no answer: ' txt(max (1, end-600):end)]);
%!   assert (! isempty (strfind (txt, 'assigned: 0')), txt(max (1, end-600):end));
%!   tok = regexp (txt, 'flow interrupted: (\d), reached (\d+) times, ok: (\d)', 'tokens', 'once');
%!   assert (! isempty (tok), txt(max (1, end-600):end));
%!   assert (tok{1}, '1');  assert (str2double (tok{2}) >= 1);  assert (tok{3}, '1');
%!   fprintf ('test_interrupt: flow_deep kept %s of 402 times after Ctrl-C\n', tok{2});
%! unwind_protect_cleanup
%!   child_stop (c);
%! end_unwind_protect

%!test
%! % "checkpoint": a run killed outright (SIGKILL, as a crash or an out-of-memory kill)
%! % leaves its last checkpoint, from which the run continues exactly
%! c = child_start (top);
%! prob = [tempname() '.mat'];  ck = [tempname() '.mat'];
%! unwind_protect
%!   setup = ['randn (''state'', 1); X = randn (200, 20); Y = X * randn (20, 10); ' ...
%!            '[Sx, Sxy] = second_moments (X, Y); ' ...
%!            'W0 = {1e-2 * randn(20, 15), 1e-2 * randn(15, 15), 1e-2 * randn(15, 10)}; ' ...
%!            'save (''-binary'', ''' prob ''', ''Sx'', ''Sxy'', ''W0'');'];
%!   [dt, txt] = child_wait (c, child_send (c, setup), 60);
%!   assert (isfinite (dt), ['setup failed: ' txt(max (1, end-400):end)]);
%!   child_send (c, ['R = gd_deep (Sx, Sxy, 0.01, 1e9, W0, ''verbose'', false, ' ...
%!                   '''checkpoint'', ''' ck ''', ''checkpoint_every'', 0.3);']);
%!   t = tic ();
%!   while (! exist (ck, 'file') && toc (t) < 20)
%!     pause (0.1);
%!   end
%!   pause (1);
%!   kill (c.pid, 9);
%!   waitpid (c.pid);
%!   assert (exist (ck, 'file') == 2, 'no checkpoint was written');
%!   S = load (ck);  D = load (prob);
%!   assert (S.R.interrupted, true);
%!   assert (S.R.iters > 0);
%!   C = gd_deep (D.Sx, D.Sxy, 0.01, 100, S.R, 'record', [0 100]);
%!   U = gd_deep (D.Sx, D.Sxy, 0.01, S.R.iters + 100, D.W0, 'record', S.R.iters + 100);
%!   assert (isequal (C.factors, U.factors));
%!   fprintf ('test_interrupt: the checkpoint after SIGKILL held %d iterations\n', S.R.iters);
%! unwind_protect_cleanup
%!   if (waitpid (c.pid, WNOHANG) == 0)
%!     child_stop (c);
%!   else
%!     fclose (c.in);  unlink (c.log);
%!   end
%!   if (exist (ck, 'file')), delete (ck);  end
%!   if (exist (prob, 'file')), delete (prob);  end
%!   if (exist ([ck '.part'], 'file')), delete ([ck '.part']);  end
%! end_unwind_protect

%!test
%! % mode_gd: after Ctrl-C lindyn_last () has the times done and the modes reached
%! c = child_start (top);
%! unwind_protect
%!   child_send (c, 'w = mode_gd ([1 0.5], [1 2], 1e-4, 1e-12, [0 10 1e12]);');
%!   pause (2);
%!   kill (c.pid, SIG ().INT);
%!   check = ['P = lindyn_last (); printf (''mode_gd kept: %d %d %d\n'', P.interrupted, ' ...
%!            'P.iterations_done >= 1e7, isequal (P.t, [0 10]) && size (P.w, 2) == 2);'];
%!   [dt, txt] = child_wait (c, child_send (c, check), 60);
%!   assert (isfinite (dt), ['no answer: ' txt(max (1, end-600):end)]);
%!   assert (! isempty (strfind (txt, 'mode_gd kept: 1 1 1')), txt(max (1, end-600):end));
%! unwind_protect_cleanup
%!   child_stop (c);
%! end_unwind_protect
