% test_package.m -- package-level checks: INDEX, help texts, MATLAB-compatible syntax.
%
% Every public function (inst/*.m) must be listed in INDEX, carry Texinfo
% help, and be written in syntax MATLAB also accepts (the %! blocks are Octave's and are
% exempt).  These are the promises of the README; this file makes them checkable.

%!shared top, public
%! top = fileparts (fileparts (fileparts (mfilename ('fullpath'))));
%! l = dir (fullfile (top, 'inst', '*.m'));
%! public = cellfun (@(n) n(1:end-2), {l.name}, 'UniformOutput', false);

%!test
%! % INDEX lists every public function, and nothing that does not exist
%! txt = fileread (fullfile (top, 'INDEX'));
%! lines = strsplit (txt, "\n");
%! listed = {};
%! for k = 2:numel (lines)
%!   if (! isempty (lines{k}) && any (lines{k}(1) == " \t"))
%!     listed = [listed, strsplit(strtrim (lines{k}))];
%!   end
%! end
%! listed = listed(! cellfun (@isempty, listed));
%! missing = setdiff (public, listed);
%! assert (missing, cell (1, 0), 'functions missing from INDEX');
%! stale = setdiff (listed, public);
%! assert (stale, cell (1, 0), 'INDEX names functions that do not exist');

%!test
%! % Texinfo help with an example and a see-also line in every public function
%! for k = 1:numel (public)
%!   [txt, fmt] = get_help_text (public{k});
%!   assert (fmt, 'texinfo', [public{k} ': help is not Texinfo']);
%!   assert (! isempty (strfind (txt, '@example')), [public{k} ': no @example']);
%!   assert (! isempty (strfind (txt, '@seealso')), [public{k} ': no @seealso']);
%! end

%!test
%! % MATLAB-compatible syntax outside the %! blocks
%! bad = {'^\s*#', '\<endfunction\>', '\<endif\>', '\<endfor\>', '\<endwhile\>', ...
%!        '\<endswitch\>', '\<end_try_catch\>', '\<end_unwind_protect\>', '\<unwind_protect\>', ...
%!        '\+\+', '\+=', '-=', '\*=', '!', '^\s*printf\s*\(', '"'};
%! for k = 1:numel (public)
%!   f = which (public{k});
%!   code = strsplit (fileread (f), "\n");
%!   code = code(! strncmp (code, '%!', 2));
%!   for j = 1:numel (code)
%!     c = regexprep (code{j}, '''[^'']*''', '''''');   % drop single-quoted strings
%!     c = regexprep (c, '%.*$', '');                    % drop % comments
%!     for b = 1:numel (bad)
%!       if (! isempty (regexp (c, bad{b}, 'once')))
%!         error ('%s:%d is not MATLAB syntax (%s): %s', public{k}, j, bad{b}, code{j});
%!       end
%!     end
%!   end
%! end

%!test
%! % DESCRIPTION and the version configure uses agree
%! desc = fileread (fullfile (top, 'DESCRIPTION'));
%! v = regexp (desc, 'Version:\s*(\S+)', 'tokens', 'once');
%! assert (! isempty (v));
%! assert (! isempty (regexp (v{1}, '^\d+\.\d+\.\d+$', 'once')));
%! assert (! isempty (regexp (desc, 'Depends:\s*octave \(>= 7', 'once')));
%! % what the package measures: the spectral path, which is not the reduced-rank path
%! % in general (the release once claimed GD learns the rrr solutions one after the other)
%! assert (! isempty (strfind (desc, 'spectral path')));
%! assert (isempty (strfind (desc, 'learns the reduced-rank regression')));
%! assert (isempty (strfind (desc, 'solutions of rank 1, 2, 3')));

%!test
%! % demos/ holds only short scripts that call the figure functions of inst/ (no copy,
%! % no link), each in MATLAB-compatible syntax
%! l = dir (fullfile (top, 'demos'));
%! l = l(! ismember ({l.name}, {'.', '..'}));
%! assert (numel (l) > 0);
%! for k = 1:numel (l)
%!   f = fullfile (top, 'demos', l(k).name);
%!   assert (! l(k).isdir, [f ': demos/ holds scripts only']);
%!   assert (regexp (l(k).name, '^[a-z0-9]+\.m$', 'once') == 1, [f ': not a script name']);
%!   code = fileread (f);
%!   assert (isempty (regexp (code, '^\s*function\>', 'once', 'lineanchors')), [f ': a function']);
%!   called = regexp (code, '\<(demo_[a-z0-9]+)\s*\(', 'tokens');
%!   assert (! isempty (called), [f ': calls no demo_* function']);
%!   for c = called
%!     assert (exist (fullfile (top, 'inst', [c{1}{1} '.m']), 'file') == 2, [f ': ' c{1}{1}]);
%!   end
%!   assert (isempty (strfind (code, '"')) && isempty (regexp (code, '^\s*#', 'once', 'lineanchors')));
%! end
