#!/usr/bin/env bash
# tests/check_all.sh MAKE TARGET... -- run each check target, keep going past failures,
# and close with one line "lindyn: N passed, N failed" summing the per-target counts
# (CHECK_LABEL replaces "lindyn", e.g. for the run under Debian 13's Octave).
#
# Every check target ends its output with a line "<label>: N passed, N failed"; a target
# that exits non-zero counts as (at least) one failure even if it printed no such line.
# Exit status: 0 only if every target passed.
set -u
label=${CHECK_LABEL:-lindyn}
make_cmd=$1; shift
pass=0; fail=0; bad=()
for t in "$@"; do
  echo "=================== $t"
  log=$(mktemp)
  $make_cmd --no-print-directory "$t" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  line=$(grep -E ': [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  rm -f "$log"
  p=0; f=0
  if [ -n "$line" ]; then
    p=$(printf '%s' "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1/')
    f=$(printf '%s' "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\2/')
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  [ "$rc" -ne 0 ] && bad+=("$t")
  pass=$((pass + p)); fail=$((fail + f))
  echo "=================== $t: exit $rc, $p passed, $f failed"
done
[ ${#bad[@]} -gt 0 ] && echo "failing targets: ${bad[*]}"
echo "$label: $pass passed, $fail failed"
[ ${#bad[@]} -eq 0 ] && [ "$fail" -eq 0 ]
