% test_matlab_safe.m -- no Octave-only builtin on the call paths of lindyn's functions.
%
% The public functions (inst/*.m, demos/*.m) and their private helpers (inst/private/)
% are written to run under MATLAB too: outside the %! blocks (Octave's test syntax) no
% Octave-only function or syntax may appear unless it sits in a branch guarded by
% `if (exist ('OCTAVE_VERSION', 'builtin'))` (or the else branch of its negation).
% Wrong call shapes go through inst/private/ld_usage.m, the one guarded print_usage.
% test_package.m checks the syntax of the public files; this checks the functions and
% the private files as well.

%!function bad = scan (file)
%!  % names an Octave-only call or syntax outside a guarded branch; returns 'line: what'
%!  only = {'print_usage', 'puts', 'fputs', 'fdisp', 'printf', 'columns', 'rows', ...
%!          'lookup', 'is_function_handle', 'isargout', 'nthargout', 'confirm_recursive_rmdir', ...
%!          'graphics_toolkit', 'argv', 'nproc', 'index', 'rindex', 'ostrsplit', 'substr', ...
%!          'merge', 'ifelse', 'postpad', 'prepad', 'OCTAVE_HOME', 'OCTAVE_VERSION', ...
%!          'fflush', 'stdout', 'stderr', 'program_name', 'mfilename_fullpath', ...
%!          'unwind_protect', 'end_try_catch', 'endfunction', 'endif', 'endfor', ...
%!          'endwhile', 'endswitch', 'evalc', 'inputname', 'numfields', 'vec', 'octave_core_file_name'};
%!  syntax = {'\+\+', '\+=', '-=', '\*=', '/=', '!', '#', '"'};
%!  all = fileread (file);
%!  txt = strsplit (all, "\n");
%!  % names the file assigns are its variables (e.g. rows = d), not calls
%!  assigned = cellfun (@(w) ! isempty (regexp (all, ['(?<![.\w])' w '\s*=[^=]'], 'once')), only);
%!  words = ['(?<![.\w])(' strjoin(only(! assigned), '|') ')\>'];
%!  syn = strjoin (syntax, '|');
%!  bad = {};  stack = {};
%!  for j = 1:numel (txt)
%!    line = txt{j};
%!    if (strncmp (line, '%!', 2)), continue;  end
%!    c = regexprep (line, '''[^''\n]*''', '''S''');     % strings: keep the quotes
%!    local = ! isempty (regexp (regexprep (line, '%.*$', ''), ...
%!                               '(warning|confirm_recursive_rmdir)\s*\([^%]*''local''', 'once'));
%!    c = regexprep (c, '%.*$', '');                      % comments
%!    c = regexprep (c, '\.\.\..*$', '');                 % continuation comments
%!    if (isempty (strtrim (c))), continue;  end
%!    isguard = ! isempty (regexp (c, '^\s*if\s*\(?\s*(~\s*)?exist\s*\(\s*''S''', 'once')) ...
%!              && ! isempty (strfind (line, 'OCTAVE_VERSION'));
%!    negated = ! isempty (regexp (c, '^\s*if\s*\(?\s*~', 'once'));
%!    octave_ok = any (strcmp (stack, 'octave'));
%!    if (! octave_ok && ! isguard)
%!      w = regexp (c, words, 'tokens');
%!      for i = 1:numel (w)
%!        bad{end+1} = sprintf ('%d: %s', j, w{i}{1});
%!      end
%!      w = regexp (c, syn, 'match');
%!      for i = 1:numel (w)
%!        bad{end+1} = sprintf ('%d: %s', j, w{i});
%!      end
%!      if (local)
%!        bad{end+1} = sprintf ('%d: ''local'' (warning/confirm_recursive_rmdir option)', j);
%!      end
%!    end
%!    % block structure: openers push, "end" pops, else/elseif flip a guard
%!    nopen = numel (regexp (c, '(^|[;,])\s*(if|for|while|switch|try|parfor|function)\>'));
%!    nclose = numel (regexp (c, '(^|[;,])\s*end\s*(?=$|[;,])'));
%!    if (isguard)
%!      kind = 'octave';
%!      if (negated), kind = 'matlab';  end
%!      stack{end+1} = kind;  nopen = nopen - 1;
%!    end
%!    if (! isempty (regexp (c, '^\s*else(if)?\>', 'once')) && ! isempty (stack))
%!      if (strcmp (stack{end}, 'octave')), stack{end} = 'matlab';
%!      elseif (strcmp (stack{end}, 'matlab')), stack{end} = 'octave';  end
%!    end
%!    for k = 1:nopen, stack{end+1} = 'block';  end
%!    for k = 1:nclose
%!      if (! isempty (stack)), stack(end) = [];  end
%!    end
%!  end
%!endfunction

%!test
%! top = fileparts (fileparts (fileparts (mfilename ('fullpath'))));
%! l = [dir(fullfile (top, 'inst', '*.m')); dir(fullfile (top, 'inst', 'private', '*.m')); ...
%!      dir(fullfile (top, 'demos', '*.m'))];
%! found = {};
%! for k = 1:numel (l)
%!   f = fullfile (l(k).folder, l(k).name);
%!   b = scan (f);
%!   found = [found, cellfun(@(s) [l(k).name ':' s], b, 'UniformOutput', false)];
%! end
%! if (! isempty (found)), printf ('  %s\n', found{:});  end
%! assert (isempty (found), 'Octave-only, unguarded: %s', strjoin (found, '; '));

%!test
%! % the scanner finds what it looks for, and accepts a guarded use
%! f = [tempname() '.m'];
%! c = onCleanup (@() delete (f));
%! fid = fopen (f, 'w');
%! fprintf (fid, "function y = probe (x)\n  if (nargin < 1)\n    print_usage ();\n  end\n");
%! fprintf (fid, "  if (exist ('OCTAVE_VERSION', 'builtin'))\n    fflush (stdout);\n  else\n");
%! fprintf (fid, "    drawnow;\n  end\n  y = x;  y += 1;\n  printf ('%%d', y);\n");
%! fprintf (fid, "  warning ('off', 'a:b', 'local');\n  if (~ exist ('OCTAVE_VERSION', 'builtin'))\n");
%! fprintf (fid, "    z = 1;\n  else\n    puts ('x');\n  end\nend\n");
%! fclose (fid);
%! assert (scan (f), {'3: print_usage', '10: +=', '11: printf', ...
%!                    '12: ''local'' (warning/confirm_recursive_rmdir option)'});

%!test
%! % wrong call shapes: Octave's own error under Octave (the fuzzer expects its id) ...
%! try
%!   gd_deep (1);
%!   error ('no error');
%! catch err
%!   assert (err.identifier, 'Octave:invalid-fun-call');
%!   assert (strncmp (err.message, 'Invalid call to gd_deep', 23));
%! end
%! % ... and under MATLAB (ld_usage with its Octave branch switched off) an error with a
%! % lindyn id and the @deftypefn lines, Texinfo removed
%! top = fileparts (fileparts (fileparts (mfilename ('fullpath'))));
%! code = fileread (fullfile (top, 'inst', 'private', 'ld_usage.m'));
%! code = strrep (code, 'exist (''OCTAVE_VERSION'', ''builtin'')', 'false');
%! code = strrep (code, 'function ld_usage (fn)', 'function ld_usage_matlab (fn)');
%! d = tempname ();  mkdir (d);
%! c = onCleanup (@() confirm_recursive_rmdir (false) + rmdir (d, 's'));
%! fid = fopen (fullfile (d, 'ld_usage_matlab.m'), 'w');  fputs (fid, code);  fclose (fid);
%! addpath (d);  c2 = onCleanup (@() rmpath (d));
%! try
%!   ld_usage_matlab ('gd_deep');
%!   error ('no error');
%! catch err
%!   assert (err.identifier, 'lindyn:gd_deep:usage');
%!   assert (strncmp (err.message, 'Invalid call to gd_deep.  Correct usage is:', 43));
%!   assert (! isempty (strfind (err.message, 'R = gd_deep (Sx, Sxy, eta, iters, W0)')));
%!   assert (! isempty (strfind (err.message, 'R = gd_deep (..., name, value, ...)')));
%!   assert (isempty (strfind (err.message, '@')));
%! end
