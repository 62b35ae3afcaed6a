function bad = file_mentions (files, rels, known)
% bad = file_mentions (files, rels, known) -- files named in FILES that are not in KNOWN.
%
% FILES is a cell of files to read, RELS their paths as they sit in the source tree
% ('spectral_path.m' is inst/spectral_path.m, 'doc/theory.md'), KNOWN a cell of the
% paths the package ships (the release tarball's files, relative to its top folder, and
% the installed files).  Collects every path a file names under one of the tree's
% top-level folders (doc/, tests/, src/, demos/, inst/, bench/, tools/, matlab/, also
% behind ../ as a Markdown link writes it) and every bare *.md name, and returns
% 'file: path' for each that names no shipped file or folder (a bare name: no shipped
% file of that name).  Used by tests/install_test.m on the installed package, so that
% no installed file sends its reader to a file the package does not have (such as a
% note kept outside the repository).

  pat = '(?<![\w/.-])((?:\.\./)*(?:doc|tests|src|demos|inst|bench|tools|matlab)/[\w./*-]*|[\w-]+\.md)';
  base = regexprep (known, '^.*/', '');              % the file names alone
  bad = {};
  for k = 1:numel (files)
    txt = fileread (files{k});
    hits = regexp (txt, pat, 'tokens');
    here = fileparts (rels{k});
    for j = 1:numel (hits)
      p = regexprep (hits{j}{1}, '[.]+$', '');          % a sentence's full stop
      if (isempty (p))
        continue;
      end
      if (~ any (p == '/'))
        ok = any (strcmp (base, p));
      else
        cands = {ld_norm(p), ld_norm([here '/' p])};
        ok = false;
        for c = cands
          q = regexprep (c{1}, '/$', '');
          if (any (strcmp (known, q)) || any (strncmp (known, [q '/'], numel (q) + 1)) ...
              || (any (q == '*') && any (~ cellfun (@isempty, regexp (known, ...
                    ['^' strrep(regexptranslate('escape', q), '\*', '[^/]*') '$'], 'once')))))
            ok = true;
          end
        end
      end
      if (~ ok)
        bad{end+1} = sprintf ('%s: %s', rels{k}, p);
      end
    end
  end
  bad = unique (bad);
  if (isempty (bad))
    bad = cell (1, 0);
  end
end

function p = ld_norm (p)
  % a/b/../c -> a/c, ./a -> a
  parts = strsplit (p, '/');
  keep = {};
  for k = 1:numel (parts)
    if (strcmp (parts{k}, '..'))
      if (~ isempty (keep))
        keep(end) = [];
      else
        keep{end+1} = '..';
      end
    elseif (~ any (strcmp (parts{k}, {'.', ''})))
      keep{end+1} = parts{k};
    end
  end
  p = strjoin (keep, '/');
  if (numel (p) > 0 && p(end) ~= '/' && ~ isempty (parts) && isempty (parts{end}))
    p = [p '/'];
  end
end
