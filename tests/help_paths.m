function bad = help_paths (names, root)
% bad = help_paths (names, root) -- files named in help texts that an installed package lacks.
%
% For each function in the cell NAMES, reads its help text (get_help_text) and collects
% every path it names under one of the source tree's top-level folders (doc/, tests/,
% src/, demos/, inst/, bench/, tools/, matlab/) and every bare *.md file.  A path counts
% as present when it exists below ROOT, the installed package folder (pkg install copies
% inst/ and the demos to its top and doc/ to ROOT/doc; tests/, src/ and the rest are not
% installed).  Returns a cell of 'function: path' strings, empty when all are present.
% Used by tests/install_test.m (on the installed tree) and
% tests/integration/test_help_paths.m (on a tree laid out as pkg installs it).

  bad = {};
  pat = '(?<![\w/.-])((?:doc|tests|src|demos|inst|bench|tools|matlab)/[\w./-]*|[\w-]+\.md)';
  for k = 1:numel (names)
    txt = get_help_text (names{k});
    hits = regexp (txt, pat, 'tokens');
    for j = 1:numel (hits)
      p = regexprep (hits{j}{1}, '[.]$', '');           % a sentence's full stop
      if (isempty (dir (fullfile (root, p))))
        bad{end+1} = sprintf ('%s: %s', names{k}, p);
      end
    end
  end
  bad = unique (bad);
  if (isempty (bad))
    bad = cell (1, 0);
  end
end
