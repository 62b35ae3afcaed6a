function ld_usage (fn)
% -*- texinfo -*-
% @deftypefn {} {} ld_usage (@var{fn})
% Raise the "wrong call shape" error of the public function @var{fn}, under Octave and
% MATLAB alike.
%
% Under Octave this is @code{print_usage (@var{fn})}: error @code{Octave:invalid-fun-call},
% "Invalid call to @var{fn}.  Correct usage is: @dots{}" with the @code{@@deftypefn} lines
% of its help.  MATLAB has no @code{print_usage}; there the same message is built from
% the @code{@@deftypefn} lines of @var{fn}'s file and raised with identifier
% @code{lindyn:@var{fn}:usage}.  Every public function calls this instead of
% @code{print_usage} (tests/integration/test_matlab_safe.m of the source tree checks it).
% @end deftypefn

  if (exist ('OCTAVE_VERSION', 'builtin'))
    print_usage (fn);
  end
  error (sprintf ('lindyn:%s:usage', fn), '%s', ld_usage_message (fn));
end

function msg = ld_usage_message (fn)
  % "Invalid call to fn.  Correct usage is:" and the @deftypefn lines, Texinfo removed
  lines = {};
  try
    txt = fileread (which (fn));
    hits = regexp (txt, '%\s*@deftypefnx?\s*\{[^}]*\}\s*([^\n]*)', 'tokens');
    for k = 1:numel (hits)
      s = hits{k}{1};
      s = regexprep (s, '@(var|code|qcode|samp)\{([^}]*)\}', '$2');
      s = strrep (s, '@dots{}', '...');
      s = strrep (s, '@{', '{');  s = strrep (s, '@}', '}');
      s = regexprep (s, '^\{\}\s*', '');
      s = regexprep (s, '^\{([^}]*)\}\s*', '$1 ');
      lines{end+1} = ['    ' strtrim(s)];
    end
  catch
  end
  msg = sprintf ('Invalid call to %s.  Correct usage is:\n%s', fn, strjoin (lines, sprintf ('\n')));
end

