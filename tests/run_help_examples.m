% run_help_examples.m -- run the @example blocks of the help texts that are marked runnable.
%
% Usage (from the top of the tree, after building src/):
%   octave-cli --no-gui -q tests/run_help_examples.m [NAME ...]
% With no arguments: every public function inst/*.m.  An example is runnable when the
% help text has the line "@c runnable" (a Texinfo comment: `help` does not show it)
% right before its @example.  Each runnable example runs in a clean workspace (a
% function of its own), in a temporary folder, with the same random streams every time,
% figures off-screen (gnuplot), and fails on any error.  Examples that are not marked
% (formulas set as @example, examples that need data sets not shipped here) are listed.
% Prints "help examples: N passed, N failed"; exits non-zero on any failure.

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

top = fileparts (fileparts (mfilename ('fullpath')));
addpath (fullfile (top, 'src'));
addpath (fullfile (top, 'inst'));
warning ('off', 'Octave:gnuplot-graphics');
graphics_toolkit ('gnuplot');
set (0, 'defaultfigurevisible', 'off');
more off;

names = argv ();
if (isempty (names))
  l = dir (fullfile (top, 'inst', '*.m'));
  names = cellfun (@(f) f(1:end-2), {l.name}, 'UniformOutput', false);
end
tmp = tempname ();
mkdir (tmp);
here = pwd ();
npass = 0;  nfail = 0;  nskip = 0;  bad = {};  skipped = {};
t0 = tic ();
for k = 1:numel (names)
  txt = get_help_text (names{k});
  [tok, starts] = regexp (txt, '@example[^\n]*\n(.*?)@end example', 'tokens', 'start');
  for j = 1:numel (tok)
    before = txt(1:starts(j) - 1);
    runnable = ~ isempty (regexp (before, '@c runnable\s*$', 'once'));
    label = sprintf ('%s (example %d)', names{k}, j);
    if (~ runnable)
      nskip = nskip + 1;  skipped{end+1} = label;
      continue;
    end
    code = ld_example_code (tok{j}{1});
    rand ('state', 42);  randn ('state', 42);
    cd (tmp);
    t1 = tic ();
    try
      ld_example_run (code);
      npass = npass + 1;
      fprintf ('%-40s ok    (%.1f s)\n', label, toc (t1));
    catch err
      nfail = nfail + 1;  bad{end+1} = label;
      fprintf ('%-40s FAILED: %s\n', label, err.message);
    end
    cd (here);
    close all;
  end
end
confirm_recursive_rmdir (false);
rmdir (tmp, 's');
fprintf ('\n%d examples not marked runnable:\n', nskip);
fprintf ('  %s\n', skipped{:});
if (~ isempty (bad))
  fprintf ('failing examples:\n');  fprintf ('  %s\n', bad{:});
end
fprintf ('help examples (%.0f s): %d passed, %d failed\n', toc (t0), npass, nfail);
exit (nfail > 0);
