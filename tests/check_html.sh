#!/usr/bin/env bash
# tests/check_html.sh SITE INDEX -- open every page of the documentation site in headless
# Chromium and fail on a page that does not render, a broken link or image, or a function
# of INDEX without a page.
#
# Needs Debian's chromium (tools/quickstart.sh installs it).  One browser run loads a
# harness page that opens each page of SITE in turn in an iframe (file:// pages may read
# each other under --allow-file-access-from-files), waits for it, and checks: the page
# rendered (it is the page asked for, has an <h1> and text), every <img> decoded (a
# non-zero natural width), every link to a local file reaches a file that loads, and
# every #fragment names an element of its target page.  Links to other sites are
# counted, not followed (the machines reach no other site).  The browser runs with the
# flags that work without a network and with a fresh profile folder.
# Prints one line per page and closes with "html check: N passed, N failed" (one check
# per page, plus one per INDEX function without a page); exits non-zero on any failure.
set -u
if [ "${1:-}" = --self-test ]; then
  # the check itself finds what it is for: a site with one good page, one with a broken
  # image, link and anchor, one that does not render, and an INDEX function without a page
  d=$(mktemp -d)
  printf '<html><body><h1>A</h1><p>a page with enough text to count as rendered</p><a href="b.html#x">b</a><img src="ok.png"></body></html>' > "$d/a.html"
  printf '<html><body><h1>B</h1><p id="x">a page with enough text to count as rendered</p><img src="gone.png"><a href="gone.html">x</a><a href="a.html#gone">y</a></body></html>' > "$d/b.html"
  printf '<html><body></body></html>' > "$d/c.html"
  printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82' > "$d/ok.png"
  printf 'x >> test site\nTopic\n a b gone_fn\n' > "$d/INDEX"
  out=$(bash "$0" "$d" "$d/INDEX")
  rm -rf "$d"
  want='FAIL gone_fn: listed in INDEX, no page gone_fn.html
ok   a.html
FAIL b.html: broken image gone.png; broken link gone.html; broken anchor a.html#gone
FAIL c.html: the page did not render (no page, no <h1> or no text)'
  got=$(printf '%s\n' "$out" | grep -E '^(ok|FAIL) ')
  if [ "$got" = "$want" ]; then
    echo "check_html self-test: finds the broken image, link, anchor, page and INDEX entry"
    echo "html check self-test: 1 passed, 0 failed"; exit 0
  fi
  printf 'check_html self-test: expected\n%s\ngot\n%s\n' "$want" "$out"
  echo "html check self-test: 0 passed, 1 failed"; exit 1
fi
site=$(cd "$1" && pwd)
index=$2
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
fail=0; pass=0
if [ -z "$browser" ]; then
  echo "check_html: chromium not found (apt-get install chromium)"
  echo "html check: 0 passed, 1 failed"
  exit 1
fi

# every function INDEX lists has a page
missing=()
for f in $(awk 'NR > 1 && /^[ \t]/ { for (i = 1; i <= NF; i++) print $i }' "$index"); do
  [ -f "$site/$f.html" ] || missing+=("$f")
done
for f in "${missing[@]}"; do echo "FAIL $f: listed in INDEX, no page $f.html"; fail=$((fail + 1)); done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pages=$(cd "$site" && ls -1 *.html | sed "s|^|file://$site/|" | awk '{ printf "%s\"%s\"", (NR > 1 ? "," : ""), $0 }')
cat > "$work/harness.html" <<EOF
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>running</title></head><body>
<pre id="log"></pre>
<script>
const pages = [$pages];
const texts = new Map();
function get (url) {
  if (texts.has (url)) return Promise.resolve (texts.get (url));
  return new Promise ((resolve) => {
    const r = new XMLHttpRequest ();
    const done = (t) => { texts.set (url, t); resolve (t); };
    r.onload = () => done ((r.status === 0 || r.status === 200) && r.responseText.length ? r.responseText : null);
    r.onerror = () => done (null);
    try { r.open ('GET', url); r.send (); } catch (e) { done (null); }
  });
}
function frame (url) {
  return new Promise ((resolve) => {
    const f = document.createElement ('iframe');
    f.style.width = '1200px';  f.style.height = '900px';
    let settled = false;
    const finish = () => { if (! settled) { settled = true; resolve (f); } };
    f.onload = finish;
    setTimeout (finish, 20000);
    f.src = url;
    document.body.appendChild (f);
  });
}
async function check (url) {
  const bad = [];
  let external = 0;
  const f = await frame (url);
  let doc = null;
  try { doc = f.contentDocument; } catch (e) { bad.push ('cannot read the page: ' + e); }
  if (! doc || ! doc.body || doc.URL !== url || doc.body.innerText.trim ().length < 40
      || ! doc.querySelector ('h1'))
    bad.push ('the page did not render (no page, no <h1> or no text)');
  else {
    for (const img of Array.from (doc.images)) {
      if (! img.complete)
        await new Promise ((r) => { img.onload = img.onerror = r; setTimeout (r, 10000); });
      if (! img.naturalWidth) bad.push ('broken image ' + img.getAttribute ('src'));
    }
    for (const a of Array.from (doc.querySelectorAll ('a[href]'))) {
      const href = a.getAttribute ('href');
      let u;
      try { u = new URL (href, doc.URL); } catch (e) { bad.push ('malformed link ' + href); continue; }
      if (u.protocol !== 'file:') { external++; continue; }
      const base = u.href.split ('#')[0];
      const text = base === url ? doc.documentElement.outerHTML : await get (base);
      if (text === null) { bad.push ('broken link ' + href); continue; }
      if (u.hash.length > 1) {
        const id = decodeURIComponent (u.hash.slice (1));
        const d = new DOMParser ().parseFromString (text, 'text/html');
        if (! d.getElementById (id) && ! d.getElementsByName (id).length)
          bad.push ('broken anchor ' + href);
      }
    }
  }
  f.remove ();
  const name = url.slice (url.lastIndexOf ('/') + 1);
  return (bad.length ? 'FAIL ' : 'ok   ') + name + (bad.length ? ': ' + bad.join ('; ') : '')
         + (external ? '  (' + external + ' links to other sites, not followed)' : '');
}
(async () => {
  const out = [];
  for (const p of pages) out.push (await check (p));
  document.getElementById ('log').textContent = out.join ('\n') + '\nHARNESS DONE';
  document.title = 'done';
})();
</script>
</body></html>
EOF

"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --allow-file-access-from-files \
  --virtual-time-budget=600000 --dump-dom "file://$work/harness.html" \
  > "$work/dom.html" 2> "$work/browser.log"
rc=$?
log=$(sed -n '/<pre id="log">/,/HARNESS DONE/p' "$work/dom.html" | sed 's/<pre id="log">//' \
      | sed 's/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g')
if ! printf '%s\n' "$log" | grep -q 'HARNESS DONE'; then
  echo "check_html: the browser did not finish the harness (exit $rc)"
  tail -n 20 "$work/browser.log"
  fail=$((fail + 1))
fi
while IFS= read -r line; do
  case "$line" in
    "ok   "*) pass=$((pass + 1)); echo "$line" ;;
    FAIL*) fail=$((fail + 1)); echo "$line" ;;
  esac
done <<< "$log"
npages=$(ls -1 "$site"/*.html | wc -l)
echo "html check: $npages pages, $(grep -c . <<< "$(awk 'NR > 1 && /^[ \t]/' "$index")") INDEX lines"
echo "html check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
