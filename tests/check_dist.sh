#!/usr/bin/env bash
# tests/check_dist.sh NAME VERSION -- what makes lindyn findable and citable, checked.
#
# After make dist (which writes NAME-VERSION.tar.gz and NAME.yaml beside it):
#   - NAME.yaml, the gnu-octave/packages index entry: yamllint with the index's rules
#     (tests/index-entry.yamllint), and tests/check_index_entry.py (the index's keys in
#     their order, this release's data; with its self-test of broken entries);
#   - the AppStream metainfo: appstreamcli validate (Debian's appstream);
#   - CITATION.cff: yamllint, and the Citation File Format 1.2.0 schema through the npm
#     package cffjs (pinned, installed once into data/npm/; skipped with a note where npm
#     is not installed: Debian packages no CFF validator).
# Prints "dist checks: N passed, N failed"; exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."
name=$1; version=$2
py=python3; [ -x /usr/bin/python3 ] && py=/usr/bin/python3
pass=0; fail=0
run() {   # run LABEL COMMAND...: one check
  local label=$1; shift
  local out; out=$("$@" 2>&1); local rc=$?
  [ -n "$out" ] && printf '%s\n' "$out" | sed "s/^/  /"
  if [ $rc -eq 0 ]; then pass=$((pass + 1)); echo "ok    $label"
  else fail=$((fail + 1)); echo "FAIL  $label (exit $rc)"; fi
}
run "yamllint $name.yaml (the index's rules)" yamllint -f parsable -c tests/index-entry.yamllint "$name.yaml"
run "$name.yaml against the index's schema and this release" \
  $py tests/check_index_entry.py --self-test "$name.yaml" "$name-$version.tar.gz" DESCRIPTION
for m in *.metainfo.xml; do
  run "appstreamcli validate $m" appstreamcli validate --no-net --pedantic "$m"
done
run "yamllint CITATION.cff" yamllint -f parsable -d '{extends: default, rules: {line-length: {max: 120}, document-start: disable}}' CITATION.cff
if command -v npm >/dev/null && command -v node >/dev/null; then
  cache=data/npm
  if [ ! -d "$cache/node_modules/cffjs" ]; then
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-audit --no-fund --silent cffjs@0.0.2 >/dev/null 2>&1 \
      || echo "check_dist: npm install cffjs failed"
  fi
  if [ -d "$cache/node_modules/cffjs" ]; then
    printf '%s\n' "import { validateCFFFile } from 'cffjs';" \
      "try { validateCFFFile (process.argv[2]); console.log ('CITATION.cff: valid CFF 1.2.0'); }" \
      "catch (e) { console.log (String (e.message)); process.exit (1); }" > "$cache/validate.mjs"
    run "CITATION.cff against the CFF 1.2.0 schema (cffjs)" node "$cache/validate.mjs" CITATION.cff
  else
    fail=$((fail + 1)); echo "FAIL  CITATION.cff: the validator could not be installed"
  fi
else
  echo "note  CITATION.cff: no npm here, so its schema is not checked (yamllint only)"
fi
echo "dist checks: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
