% make_html.m -- lindyn's documentation site, from the help texts, INDEX and the Markdown pages.
%
%   octave-cli --no-gui -q tools/make_html.m [OUTDIR]      (make html; default doc/html)
%
% Writes into OUTDIR:
%   index.html        the package, its documents, and the functions by topic as INDEX
%                     orders them (each with the first sentence of its help)
%   <function>.html   one page per public function (inst/*.m, found by scanning): its
%                     Texinfo help as HTML (Octave's __makeinfo__, i.e. makeinfo from
%                     Debian's texinfo), the examples as they stand, @seealso as links,
%                     and each %!demo block with its code, its output and the PNG of
%                     every figure it draws (gnuplot, off-screen)
%   <page>.html       doc/*.md (theory, reproductions, findings, benchmarks, robustness,
%                     developing, ...), README.md, HACKING.md and bench/README.md through
%                     cmark-gfm (Debian's cmark-gfm), links to .md files and to
%                     inst/<function>.m rewritten to the pages, `function` names linked
%   figures/          doc/figures/*.png and the demos' figures
% pkg-octave-doc's package_texi2html, which the Octave world uses for package sites,
% is not packaged by Debian 12 or 13 (and the machines reach no other registry), so the
% site uses the same two steps it uses, Octave's own Texinfo-to-HTML and a page per
% function.  The demos of a function run again only when its file is newer than the
% figures made from it (OUTDIR/.demo-cache).  A demo that fails is shown as failing on
% its page and listed at the end (tests/run_help_examples.m counts it as a failure).

top = fileparts (fileparts (mfilename ('fullpath')));
addpath (fullfile (top, 'src'));
addpath (fullfile (top, 'inst'));
more off;
warning ('off', 'Octave:gnuplot-graphics');
graphics_toolkit ('gnuplot');
set (0, 'defaultfigurevisible', 'off');
args = argv ();
if (isempty (args))
  out = fullfile (top, 'doc', 'html');
else
  out = make_absolute_filename (args{1});
end
t0 = tic ();

1;

function s = ld_esc (s)
  s = strrep (strrep (strrep (s, '&', '&amp;'), '<', '&lt;'), '>', '&gt;');
end

function ld_write (file, txt)
  fid = fopen (file, 'w');
  if (fid < 0)
    error ('make_html: cannot write %s', file);
  end
  fwrite (fid, txt);
  fclose (fid);
end

function f = ld_desc_field (desc, name)
  % one field of DESCRIPTION (continuation lines start with a space)
  tok = regexp (desc, ['(?m)^' name ':\s*(.*?)\n(?=\S|$)'], 'tokens', 'once');
  f = '';
  if (~ isempty (tok))
    f = regexprep (strtrim (tok{1}), '\s+', ' ');
  end
end

function html = ld_page (title, nav, body)
  html = sprintf (['<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n', ...
                   '<meta name="viewport" content="width=device-width,initial-scale=1">\n', ...
                   '<title>%s</title>\n<link rel="stylesheet" href="style.css">\n</head>\n', ...
                   '<body>\n<nav>%s</nav>\n<main>\n%s\n</main>\n</body>\n</html>\n'], ...
                  ld_esc (title), nav, body);
end

function s = ld_slug (txt)
  % GitHub's heading anchors: lower case, tags and punctuation dropped, spaces to -
  s = lower (regexprep (txt, '<[^>]*>', ''));
  s = regexprep (s, '&[a-z]+;|&#\d+;', '');
  s = regexprep (s, '[^\w\- ]', '');
  s = strrep (s, ' ', '-');
end

function html = ld_heading_ids (html)
  % ids on h1-h4 (cmark-gfm writes none), so that #section links resolve
  [tok, s, e] = regexp (html, '<h([1-4])>(.*?)</h\1>', 'tokens', 'start', 'end');
  seen = {};
  for k = numel (tok):-1:1
    id = ld_slug (tok{k}{2});
    n = sum (strcmp (seen, id));  seen{end+1} = id;
    html = [html(1:s(k)-1), sprintf('<h%s id="%s">%s</h%s>', tok{k}{1}, id, tok{k}{2}, ...
            tok{k}{1}), html(e(k)+1:end)];
  end
end

function html = ld_link_code (html, public)
  % `name` of a public function, where it is not already inside a link, to its page
  parts = regexp (html, '(<a\s.*?</a>)', 'split');
  links = regexp (html, '(<a\s.*?</a>)', 'match');
  for k = 1:numel (parts)
    parts{k} = regexprep (parts{k}, ['<code>(' strjoin(public, '|') ')</code>'], ...
                          '<a href="$1.html"><code>$1</code></a>');
  end
  html = parts{1};
  for k = 1:numel (links)
    html = [html, links{k}, parts{k+1}];
  end
end

function [html, failed] = ld_demos (name, figdir, tmp)
  % every %!demo block of NAME: code, output, and a PNG of each figure it draws
  html = '';  failed = {};
  [code, idx] = test (name, 'grabdemo');
  if (isempty (idx) || numel (idx) < 2)
    return;
  end
  html = '<h2 id="demos">Demos</h2>';
  here = pwd ();
  for j = 1:numel (idx) - 1
    block = code(idx(j):idx(j+1)-1);
    close all;
    rand ('state', 42);  randn ('state', 42);
    cd (tmp);
    txt = '';  msg = '';
    w = warning ('off', 'all');          % a demo's warnings are not the site's output
    try
      eval (sprintf ('function __lindyn_demo__ ()\n%s\nend', block));
      txt = evalc ('__lindyn_demo__ ()');
    catch err
      msg = err.message;
      failed{end+1} = sprintf ('%s demo %d: %s', name, j, msg);
    end
    clear __lindyn_demo__;
    cd (here);
    html = [html, sprintf('<h3 id="demo-%d">Demo %d</h3>\n<pre class="code">%s</pre>\n', ...
                          j, j, ld_esc (strtrim (regexprep (block, '(?m)^ ', ''))))];
    if (~ isempty (strtrim (txt)))
      html = [html, sprintf('<pre class="output">%s</pre>\n', ld_esc (strtrim (txt)))];
    end
    if (~ isempty (msg))
      html = [html, sprintf('<p class="failed">This demo failed: %s</p>\n', ld_esc (msg))];
    end
    figs = sort (get (0, 'children'));
    for f = 1:numel (figs)
      png = sprintf ('%s-demo%d-%d.png', name, j, f);
      try
        print (figs(f), fullfile (figdir, png), '-dpng', '-S720,540');
        html = [html, sprintf('<p><img src="figures/%s" alt="%s, demo %d, figure %d" width="720" height="540"></p>\n', ...
                              png, name, j, f)];
      catch err
        failed{end+1} = sprintf ('%s demo %d figure %d: %s', name, j, f, err.message);
      end
    end
    warning (w);
    close all;
  end
end

% ------------------------------------------------------------------ what the site holds
desc = fileread (fullfile (top, 'DESCRIPTION'));
pkgname = ld_desc_field (desc, 'Name');
version = ld_desc_field (desc, 'Version');
ptitle = ld_desc_field (desc, 'Title');
l = dir (fullfile (top, 'inst', '*.m'));
public = cellfun (@(f) f(1:end-2), {l.name}, 'UniformOutput', false);
% INDEX: a line without leading space is a category, indented lines list functions
lines = strsplit (fileread (fullfile (top, 'INDEX')), "\n");
cats = {};  catfns = {};
for k = 2:numel (lines)
  ln = lines{k};
  if (isempty (strtrim (ln)))
    continue;
  elseif (any (ln(1) == " \t"))
    if (isempty (cats))
      cats{1} = 'Functions';  catfns{1} = {};
    end
    catfns{end} = [catfns{end}, strsplit(strtrim (ln))];
  else
    cats{end+1} = strtrim (ln);  catfns{end+1} = {};
  end
end
unlisted = setdiff (public, [catfns{:}]);
if (~ isempty (unlisted))
  cats{end+1} = 'Not in INDEX';  catfns{end+1} = unlisted;
end
% Markdown pages: source -> page name
md = {'README.md', 'readme'; 'HACKING.md', 'hacking'; 'bench/README.md', 'bench-method'};
l = dir (fullfile (top, 'doc', '*.md'));
for k = 1:numel (l)
  md(end+1, :) = {['doc/' l(k).name], l(k).name(1:end-3)};
end
md = md(cellfun (@(f) exist (fullfile (top, f), 'file') == 2, md(:,1)), :);
% the documents the index page lists first, in this order, when they exist
docs = {'reproductions', 'What the paper shows, reproduced (figures and tables)'; ...
        'findings', 'What we found along the way: errata, the spectral path, step sizes'; ...
        'theory', 'The theory: the paper''s formulas as implemented, with the corrections'; ...
        'guide', 'A guided tour: usage, held-out loss, plots'; ...
        'benchmarks', 'Benchmarks: speed against plain loops, NumPy and PyTorch'; ...
        'robustness', 'Robustness: fuzzing, sanitizers, memory and Ctrl-C'; ...
        'developing', 'Developing: building, the check targets, dependencies'; ...
        'hacking', 'The contributor''s map (HACKING.md)'; ...
        'bench-method', 'How the benchmarks measure (bench/README.md)'; ...
        'readme', 'The README'};

if (~ exist (out, 'dir'))
  mkdir (out);
end
figdir = fullfile (out, 'figures');
cache = fullfile (out, '.demo-cache');
if (~ exist (figdir, 'dir'))
  mkdir (figdir);
end
if (~ exist (cache, 'dir'))
  mkdir (cache);
end
l = dir (fullfile (top, 'doc', 'figures', '*.png'));
for k = 1:numel (l)
  copyfile (fullfile (top, 'doc', 'figures', l(k).name), figdir);
end

nav = ['<a href="index.html">' pkgname ' ' version '</a> &middot; <a href="index.html#functions">functions</a>'];
for k = 1:rows (docs)
  if (any (strcmp (md(:,2), docs{k,1})) && k <= 7)
    nav = [nav, sprintf(' &middot; <a href="%s.html">%s</a>', docs{k,1}, docs{k,1})];
  end
end

css = [':root { --fg: #1b1f23; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; }\n', ...
       'body { margin: 0; font: 16px/1.5 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--fg); }\n', ...
       'nav { padding: .6em 1.2em; border-bottom: 1px solid var(--line); background: #f6f8fa; }\n', ...
       'nav a { color: var(--accent); text-decoration: none; }\n', ...
       'main { max-width: 62em; margin: 0 auto; padding: 1em 1.2em 3em; }\n', ...
       'a { color: var(--accent); }\n', ...
       'pre, code { font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 0.92em; }\n', ...
       'pre { background: #f6f8fa; padding: .7em 1em; overflow-x: auto; border-radius: 4px; }\n', ...
       'pre.output { background: #fff; border: 1px solid var(--line); }\n', ...
       'table { border-collapse: collapse; margin: 1em 0; }\n', ...
       'th, td { border: 1px solid var(--line); padding: .25em .6em; vertical-align: top; }\n', ...
       'img { max-width: 100%; height: auto; }\n', ...
       'dl.fns dt { font-weight: bold; margin-top: .4em; }\n', ...
       'dl.fns dd { margin-left: 1.5em; color: var(--muted); }\n', ...
       'p.failed { color: #b00020; font-weight: bold; }\n', ...
       'a.copiable-anchor { visibility: hidden; text-decoration: none; }\n', ...
       'span:hover a.copiable-anchor { visibility: visible; }\n', ...
       'div.example { margin-left: 1.5em; }\n'];
ld_write (fullfile (out, 'style.css'), strrep (css, '\n', "\n"));

% ------------------------------------------------------------------ one page per function
tmp = tempname ();  mkdir (tmp);
setenv ('TMPDIR', tmp);              % what a demo writes with tempdir () goes here
if (exist (fullfile (top, 'data'), 'dir'))
  symlink (fullfile (top, 'data'), fullfile (tmp, 'data'));
end
summary = struct ();
failed = {};
ndemo = 0;
for k = 1:numel (public)
  name = public{k};
  [txt, fmt] = get_help_text (name);
  summary.(name) = get_first_help_sentence (name, 240);
  if (strcmp (fmt, 'texinfo'))
    % doctest's and the runner's markers are Texinfo comments: makeinfo drops them
    [h, status] = __makeinfo__ (txt, 'html');
    if (status ~= 0)
      failed{end+1} = sprintf ('%s: makeinfo failed', name);
    end
    body = regexp (h, '<body[^>]*>(.*)</body>', 'tokens', 'once');
    body = strrep (body{1}, '<span class="category">: </span>', '');
  else
    body = ['<pre>' ld_esc(txt) '</pre>'];
  end
  % See also: a, b, c.  ->  links to the pages of lindyn's functions
  sa = regexp (body, '<strong>See also:</strong>([^<]*)', 'tokens', 'once');
  if (~ isempty (sa))
    names = strtrim (strsplit (regexprep (sa{1}, '\.\s*$', ''), ','));
    linked = cell (size (names));
    for j = 1:numel (names)
      if (any (strcmp (public, names{j})))
        linked{j} = sprintf ('<a href="%s.html"><code>%s</code></a>', names{j}, names{j});
      else
        linked{j} = sprintf ('<code>%s</code>', names{j});
      end
    end
    body = strrep (body, ['<strong>See also:</strong>' sa{1}], ...
                   ['<strong>See also:</strong> ' strjoin(linked, ', ') '.']);
  end
  src = fullfile (top, 'inst', [name '.m']);
  frag = fullfile (cache, [name '.html']);
  s = dir (src);  c = dir (frag);
  if (~ isempty (c) && c.datenum >= s.datenum)
    demos = fileread (frag);
    bad = regexp (demos, '<p class="failed">This demo failed: ([^<]*)</p>', 'tokens');
    failed = [failed, cellfun(@(b) sprintf ('%s (cached): %s', name, b{1}), bad, 'UniformOutput', false)];
  else
    [demos, bad] = ld_demos (name, figdir, tmp);
    failed = [failed, bad];
    if (isempty (bad))
      ld_write (frag, demos);
    end
  end
  ndemo = ndemo + numel (strfind (demos, '<h3 id="demo-'));
  where = '';
  for c = 1:numel (cats)
    if (any (strcmp (catfns{c}, name)))
      where = sprintf ('<p class="topic">Topic: <a href="index.html#%s">%s</a></p>\n', ...
                       ld_slug (cats{c}), ld_esc (cats{c}));
    end
  end
  page = sprintf ('<h1>%s</h1>\n%s%s\n%s', name, where, body, demos);
  ld_write (fullfile (out, [name '.html']), ld_page ([name ' — ' pkgname], nav, page));
end
confirm_recursive_rmdir (false);
if (exist (fullfile (tmp, 'data')))
  delete (fullfile (tmp, 'data'));
end
rmdir (tmp, 's');

% ------------------------------------------------------------------ the Markdown pages
for k = 1:rows (md)
  srcfile = fullfile (top, md{k,1});
  [status, h] = system (sprintf ('cmark-gfm --unsafe -e table -e autolink -e strikethrough "%s"', srcfile));
  if (status ~= 0)
    error ('make_html: cmark-gfm failed on %s (apt-get install cmark-gfm)', md{k,1});
  end
  srcdir = fileparts (md{k,1});
  % links: a.md -> its page, doc/figures/x.png -> figures/x.png, inst/f.m -> f.html
  [tok, s, e] = regexp (h, '(href|src)="([^"#:]+)(#[^"]*)?"', 'tokens', 'start', 'end');
  for j = numel (tok):-1:1
    target = tok{j}{2};
    p = strrep (fullfile (srcdir, target), '\', '/');
    parts = strsplit (p, '/');  keep = {};
    for q = 1:numel (parts)
      if (strcmp (parts{q}, '..') && ~ isempty (keep))
        keep(end) = [];
      elseif (~ any (strcmp (parts{q}, {'.', ''})))
        keep{end+1} = parts{q};
      end
    end
    p = strjoin (keep, '/');
    new = target;
    hit = find (strcmp (md(:,1), p));
    if (~ isempty (hit))
      new = [md{hit,2} '.html'];
    elseif (strncmp (p, 'doc/figures/', 12))
      new = ['figures/' p(13:end)];
    elseif (~ isempty (regexp (p, '^inst/\w+\.m$', 'once')) && any (strcmp (public, p(6:end-2))))
      new = [p(6:end-2) '.html'];
    end
    frag = '';
    if (numel (tok{j}) > 2)
      frag = tok{j}{3};
    end
    h = [h(1:s(j)-1), sprintf('%s="%s%s"', tok{j}{1}, new, frag), h(e(j)+1:end)];
  end
  h = ld_link_code (ld_heading_ids (h), public);
  t = regexp (h, '<h1[^>]*>(.*?)</h1>', 'tokens', 'once');
  if (isempty (t))
    t = {md{k,2}};
  end
  ld_write (fullfile (out, [md{k,2} '.html']), ...
            ld_page ([regexprep(t{1}, '<[^>]*>', '') ' — ' pkgname], nav, h));
end

% ------------------------------------------------------------------ the index page
b = sprintf ('<h1>%s %s</h1>\n<p><strong>%s.</strong> %s</p>\n', pkgname, version, ...
             ld_esc (ptitle), ld_esc (ld_desc_field (desc, 'Description')));
b = [b, sprintf('<pre class="code">pkg install %s-%s.tar.gz\npkg load %s\nhelp %s</pre>\n', ...
                pkgname, version, pkgname, pkgname)];
b = [b, "<h2 id=\"documents\">Documents</h2>\n<ul>\n"];
for k = 1:rows (docs)
  if (any (strcmp (md(:,2), docs{k,1})))
    b = [b, sprintf('<li><a href="%s.html">%s</a></li>\n', docs{k,1}, ld_esc (docs{k,2}))];
  end
end
others = setdiff (md(:,2), docs(:,1));
for k = 1:numel (others)
  b = [b, sprintf('<li><a href="%s.html">%s</a></li>\n', others{k}, others{k})];
end
b = [b, "</ul>\n<h2 id=\"functions\">Functions by topic</h2>\n"];
for c = 1:numel (cats)
  b = [b, sprintf('<h3 id="%s">%s</h3>\n<dl class="fns">\n', ld_slug (cats{c}), ld_esc (cats{c}))];
  for j = 1:numel (catfns{c})
    f = catfns{c}{j};
    s = '';
    if (isfield (summary, f))
      s = summary.(f);
    end
    b = [b, sprintf('<dt><a href="%s.html"><code>%s</code></a></dt><dd>%s</dd>\n', f, f, ld_esc (s))];
  end
  b = [b, "</dl>\n"];
end
ld_write (fullfile (out, 'index.html'), ld_page ([pkgname ' ' version ' — ' ptitle], nav, b));

fprintf ('make_html: %d function pages (%d demos), %d documents, index by %d topics in %s (%.0f s)\n', ...
         numel (public), ndemo, rows (md), numel (cats), out, toc (t0));
if (~ isempty (failed))
  fprintf ('make_html: shown as failing on their pages:\n');
  fprintf ('  %s\n', failed{:});
end
