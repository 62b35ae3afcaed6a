% run_help_examples.m -- run every @example of the help texts and every %!demo block.
%
% Usage (from the top of the tree, after building src/):
%   octave-cli --no-gui -q tests/run_help_examples.m [--examples | --demos] [--path DIR] [NAME ...]
% With no NAME: every public function inst/*.m (found by scanning, so new files are
% picked up).  --path DIR puts DIR first on the path (for the runner's own test).  Each @example of a help text is one of:
%   - runnable: the line "@c runnable" (a Texinfo comment: `help` does not show it) right
%     before the @example.  It runs here, unless it shows its output with @result{} or
%     @print{}: such a block is octave-doctest's (tests/run_doctest.m runs it and compares
%     the output), and is counted here as such.  "@c runnable (needs data/mnist)" names
%     a data folder under the top of the tree: without it the example is skipped and
%     listed (as the MNIST tests skip), with it the example runs with data/ visible;
%     "@c runnable (needs a SLURM cluster)" runs where sinfo answers, else is skipped
%     and listed (make check-slurm tests that backend on a cluster it starts itself);
%   - a formula: "@c formula" right before the @example (math set as code, never run);
%   - anything else is a failure: every example either runs or says it is a formula.
% Every %!demo block of the same files runs too (as `demo NAME N` would, in a workspace
% of its own), headless: gnuplot toolkit, figures invisible, printed nowhere, closed
% after each block.  Everything runs in a temporary folder with the same random streams
% every time; a failure is reported by file and block number with the error.
% Prints the counts and closes with "help examples and demos: N passed, N failed";
% exits non-zero on any failure.

1;

function code = ld_example_code (block)
  % the Texinfo of one @example block as Octave code: @group lines and @result{} output
  % lines dropped, @{ @} @@ unescaped
  lines = strsplit (block, "\n");
  keep = cellfun (@(l) isempty (regexp (l, '^\s*@(end\s+)?group\s*$', 'once')) ...
                       && isempty (strfind (l, '@result{}')), lines);
  code = strjoin (lines(keep), "\n");
  code = strrep (strrep (strrep (code, '@{', '{'), '@}', '}'), '@@', '@');
end

function ld_example_run (ld_example_code_)
  % runs the code in this function's workspace, which holds nothing else
  evalc (ld_example_code_);
end

function ld_example_reset (tmp)
  % the state every example and demo starts from
  rand ('state', 42);  randn ('state', 42);
  cd (tmp);
  close all;
end

top = fileparts (fileparts (mfilename ('fullpath')));
addpath (fullfile (top, 'src'));
addpath (fullfile (top, 'inst'));
warning ('off', 'Octave:gnuplot-graphics');
graphics_toolkit ('gnuplot');
set (0, 'defaultfigurevisible', 'off');
more off;

args = argv ();
do_examples = true;  do_demos = true;
if (~ isempty (args) && strcmp (args{1}, '--examples'))
  do_demos = false;  args(1) = [];
elseif (~ isempty (args) && strcmp (args{1}, '--demos'))
  do_examples = false;  args(1) = [];
end
if (numel (args) >= 2 && strcmp (args{1}, '--path'))
  addpath (make_absolute_filename (args{2}));
  args(1:2) = [];
end
names = args;
if (isempty (names))
  l = dir (fullfile (top, 'inst', '*.m'));
  names = cellfun (@(f) f(1:end-2), {l.name}, 'UniformOutput', false);
end
tmp = tempname ();
mkdir (tmp);
setenv ('TMPDIR', tmp);              % what an example writes with tempdir () goes here
if (exist (fullfile (top, 'data'), 'dir'))
  % examples and demos that read data/mnist find it as they would from the top of the tree
  symlink (fullfile (top, 'data'), fullfile (tmp, 'data'));
end
here = pwd ();
ex = struct ('pass', 0, 'fail', 0, 'unmarked', 0, 'formula', 0, 'doctest', 0, 'skip', 0);
dm = struct ('pass', 0, 'fail', 0);
bad = {};  skipped = {};
t0 = tic ();
for k = 1:numel (names)
  file = which (names{k});
  if (strncmp (file, [top filesep], numel (top) + 1))
    file = file(numel (top) + 2:end);                % inst/foo.m
  end
  txt = '';
  if (do_examples)
    txt = get_help_text (names{k});
  end
  [tok, starts] = regexp (txt, '@example[^\n]*\n(.*?)@end example', 'tokens', 'start');
  for j = 1:numel (tok)
    before = txt(1:starts(j) - 1);
    mark = regexp (before, '@c (runnable|formula)([^\n]*)\n\s*$', 'tokens', 'once');
    label = sprintf ('%s example %d', file, j);
    if (isempty (mark))
      ex.unmarked = ex.unmarked + 1;
      bad{end+1} = sprintf ('%s: neither "@c runnable" nor "@c formula"', label);
      fprintf ('%-44s FAILED: neither "@c runnable" nor "@c formula" before it\n', label);
      continue;
    elseif (strcmp (mark{1}, 'formula'))
      ex.formula = ex.formula + 1;
      continue;
    elseif (~ isempty (regexp (tok{j}{1}, '@(result|print)\{\}', 'once')))
      ex.doctest = ex.doctest + 1;
      fprintf ('%-44s (octave-doctest compares its output)\n', label);
      continue;
    end
    need = regexp (mark{2}, '\(needs ([^)]*)\)', 'tokens', 'once');
    if (~ isempty (need) && strcmp (need{1}, 'a SLURM cluster'))
      if (system ('sinfo -h > /dev/null 2>&1') ~= 0)
        ex.skip = ex.skip + 1;
        skipped{end+1} = sprintf ('%s (no SLURM cluster)', label);
        fprintf ('%-44s skipped: no SLURM cluster\n', label);
        continue;
      end
    elseif (~ isempty (need) && ~ exist (fullfile (top, need{1}), 'dir'))
      ex.skip = ex.skip + 1;
      skipped{end+1} = sprintf ('%s (no %s)', label, need{1});
      fprintf ('%-44s skipped: no %s\n', label, need{1});
      continue;
    end
    code = ld_example_code (tok{j}{1});
    ld_example_reset (tmp);
    t1 = tic ();
    try
      ld_example_run (code);
      ex.pass = ex.pass + 1;
      fprintf ('%-44s ok    (%.1f s)\n', label, toc (t1));
    catch err
      ex.fail = ex.fail + 1;  bad{end+1} = sprintf ('%s: %s', label, err.message);
      fprintf ('%-44s FAILED: %s\n', label, err.message);
    end
    cd (here);
    close all;
  end
  if (~ do_demos)
    continue;
  end
  [code, idx] = test (names{k}, 'grabdemo');
  for j = 1:numel (idx) - 1
    label = sprintf ('%s demo %d', file, j);
    block = code(idx(j):idx(j+1)-1);
    ld_example_reset (tmp);
    t1 = tic ();
    try
      % as demo () runs a block: a function of its own, so no variable leaks in or out
      eval (sprintf ('function __lindyn_demo__ ()\n%s\nend', block));
      evalc ('__lindyn_demo__ ()');
      dm.pass = dm.pass + 1;
      fprintf ('%-44s ok    (%.1f s)\n', label, toc (t1));
    catch err
      dm.fail = dm.fail + 1;  bad{end+1} = sprintf ('%s: %s', label, err.message);
      fprintf ('%-44s FAILED: %s\n', label, err.message);
    end
    clear __lindyn_demo__;
    cd (here);
    close all;
  end
end
confirm_recursive_rmdir (false);
if (exist (fullfile (tmp, 'data')))
  delete (fullfile (tmp, 'data'));
end
rmdir (tmp, 's');
fprintf ('\n');
if (do_examples)
  fprintf (['help examples: %d run (%d passed, %d failed), %d marked neither runnable nor ', ...
            'formula (failures), %d checked by octave-doctest, %d formulas (not run), ', ...
            '%d skipped (data missing)\n'], ex.pass + ex.fail, ex.pass, ex.fail, ex.unmarked, ...
           ex.doctest, ex.formula, ex.skip);
  if (~ isempty (skipped))
    fprintf ('  skipped: %s\n', skipped{:});
  end
end
if (do_demos)
  fprintf ('demos: %d run (%d passed, %d failed)\n', dm.pass + dm.fail, dm.pass, dm.fail);
end
if (~ isempty (bad))
  fprintf ('failing:\n');  fprintf ('  %s\n', bad{:});
end
fprintf ('help examples and demos (%.0f s): %d passed, %d failed\n', toc (t0), ...
         ex.pass + dm.pass, ex.fail + ex.unmarked + dm.fail);
exit ((ex.fail + ex.unmarked + dm.fail) > 0);
