% fuzz_child.m -- one batch of the fuzzer, run by fuzz_run.m in a child octave-cli.
%
%   octave-cli -f -q fuzz_child.m TOP TARGET SEED CASES DEADLINE OUTDIR [MEXDIR]
%
% Calls TARGET with the argument lists CASES ("a:b" or "a,b,c") of fuzz_case, each in
% try/catch, until DEADLINE seconds have passed.  Before each call it appends the case
% number to OUTDIR/progress (flushed), so when this process dies -- a crash, or the
% parent's watchdog killing a call that hangs -- the parent knows which list did it.
% Writes OUTDIR/result: one "bad" line per error without an acceptable identifier, one
% "slow" line per call over 2 s, "id" lines counting the identifiers seen, a "count"
% line and "done"; exits 0.  Runs with the current folder, HOME and TMPDIR in a
% throw-away folder (set by the parent), so files a function writes land there.
%
% Acceptable errors: an identifier starting with "lindyn:", or Octave's
% "Octave:invalid-fun-call" raised for the call shape itself (print_usage's "Invalid
% call to ...", "called with too many inputs/outputs").  Anything else is reported.

args = argv ();
top = args{1};
target = args{2};
seed = str2double (args{3});
spec = args{4};
deadline = str2double (args{5});
outdir = args{6};
mexdir = fullfile (top, 'src');
if (numel (args) > 6)
  mexdir = args{7};              % MEX files built elsewhere (e.g. with ASan)
end
addpath (mexdir);
addpath (fullfile (top, 'inst'));
addpath (fullfile (top, 'tests', 'fuzz'));
warning ('off', 'Octave:shadowed-function');
addpath (fullfile (top, 'tests', 'fuzz', 'stubs'));   % a fast print_usage (see there)
more off;
warning ('off', 'all');
graphics_toolkit ('gnuplot');
set (0, 'defaultfigurevisible', 'off');
here = pwd ();

if (any (spec == ':'))
  ab = str2double (strsplit (spec, ':'));
  cases = ab(1):ab(2);
else
  cases = str2double (strsplit (spec, ','));
end

info = fuzz_target_info (target, which (target));
plotting = any (strcmp (info.kind, {'plot', 'demo'}));

progress = fopen (fullfile (outdir, 'progress'), 'a');
result = fopen (fullfile (outdir, 'result'), 'w');
counts = struct ('ok', 0, 'lindyn', 0, 'usage', 0, 'bad', 0, 'slow', 0);
ids = containers.Map ();
t0 = tic ();
last = cases(1) - 1;
for k = cases
  if (toc (t0) > deadline)
    break;
  end
  fprintf (progress, '%d', k);
  try
    [call_args, nout, mode] = fuzz_case (info, seed, k);
  catch gen_err
    fprintf (result, 'generator %d %s\n', k, strrep (gen_err.message, "\n", ' '));
    fflush (result);
    fprintf (progress, ' bad\n');
    counts.bad = counts.bad + 1;
    last = k;
    continue;
  end
  [big, small] = fuzz_max_number (call_args);
  if (big > 1e4 || small < 1e-6)
    fprintf (progress, ' *');             % asks for a lot: the parent allows it 2 s
  else
    fprintf (progress, ' ');
  end
  fflush (progress);
  t1 = tic ();
  try
    if (nout == 0)
      feval (target, call_args{:});
    else
      out = cell (1, nout);
      [out{:}] = feval (target, call_args{:});
    end
    what = 'ok';
  catch err
    id = err.identifier;
    msg = strtok (err.message, "\n");
    if (strncmp (id, 'lindyn:', 7))
      what = 'lindyn';
    elseif (strcmp (id, 'Octave:invalid-fun-call') ...
            && (strncmp (msg, 'Invalid call to', 15) ...
                || ~ isempty (regexp (msg, 'called with too many (inputs|outputs)', 'once'))))
      what = 'usage';
    else
      what = 'bad';
      fprintf (result, 'bad %d %d %s\t%s\n', k, nout, id, msg(1:min (end, 300)));
      fflush (result);
    end
    if (~ strcmp (what, 'bad'))
      if (isKey (ids, id))
        ids(id) = ids(id) + 1;
      else
        ids(id) = 1;
      end
    end
  end
  dt = toc (t1);
  fprintf (progress, '%s\n', what);       % "k outcome": the outcome survives a later crash
  counts.(what) = counts.(what) + 1;
  if (dt > 2)
    counts.slow = counts.slow + 1;
    fprintf (result, 'slow %d %.1f\n', k, dt);
  end
  if (~ strcmp (pwd (), here))
    cd (here);
  end
  if (plotting && ~ isempty (get (0, 'children')))
    close all;
  end
  clear out call_args;
  last = k;
end
keys_ = keys (ids);
for j = 1:numel (keys_)
  fprintf (result, 'id %d %s\n', ids(keys_{j}), keys_{j});
end
fprintf (result, 'count %d %d %d %d %d %d\n', numel (cases(cases <= last)), counts.ok, ...
         counts.lindyn, counts.usage, counts.bad, counts.slow);
fprintf (result, 'cpu %.3f\n', cputime ());   % this child's CPU seconds, start-up included
fprintf (result, 'done %d\n', last);
fclose (result);
fclose (progress);
exit (0);
