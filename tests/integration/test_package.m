% test_package.m -- package-level checks: INDEX, help texts, MATLAB-compatible syntax.
%
% Every public function (inst/*.m and demos/*.m) must be listed in INDEX, carry Texinfo
% help, and be written in syntax MATLAB also accepts (the %! blocks are Octave's and are
% exempt).  These are the promises of the README; this file makes them checkable.

%!shared top, public
%! top = fileparts (fileparts (fileparts (mfilename ('fullpath'))));
%! l = [dir(fullfile (top, 'inst', '*.m')); dir(fullfile (top, 'demos', '*.m'))];
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
