#!/usr/bin/env bash
# tools/check_debian13.sh -- lindyn's install test and Octave tests under Debian 13's Octave.
#
#   bash tools/check_debian13.sh        (as root, or with sudo; on Debian 12 or later)
#
# Debian 12 ships Octave 7.3, Debian 13 (trixie) Octave 9.4.  A fresh Debian 12 machine
# cannot install Octave 9 from its own archive, and containers need an engine that such a
# machine does not run, so the second Octave comes from a Debian 13 root made with
# debootstrap from Debian's own mirror (the only network such a machine needs).  The
# root, with Octave and the build tools installed, is kept in LINDYN_DEBIAN13_ROOT
# (default /var/cache/lindyn/debian13) and reused while its package list is unchanged,
# so a second run skips the download.  Each run copies the tree (the files git knows
# and data/) into the root, builds it there with Octave 9's mkoctfile and GCC 14, and
# runs `make check-c check-octave check-help check-doctest check-install` through
# tests/check_all.sh (LINDYN_DEBIAN13_TARGETS chooses others).
# Closes with "debian13: N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
root=${LINDYN_DEBIAN13_ROOT:-/var/cache/lindyn/debian13}
suite=trixie
# octave-parallel: the "local" backend of sweep (its help example and tests)
pkgs="octave octave-dev octave-doctest octave-parallel libopenblas0 autoconf automake make gcc gnuplot-nox ghostscript fonts-freefont-otf"
targets=${LINDYN_DEBIAN13_TARGETS:-"check-c check-octave check-help check-doctest check-install"}
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
t0=$(date +%s)

if ! [ -f "$root/.lindyn-packages" ] || [ "$(cat "$root/.lindyn-packages")" != "$pkgs" ]; then
  if ! command -v debootstrap >/dev/null; then
    echo "debian13: installing debootstrap"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  fi
  tmp="$root.new"
  $sudo umount "$tmp/proc" 2>/dev/null || true     # left mounted by an interrupted run
  $sudo umount "$root/proc" 2>/dev/null || true
  $sudo rm -rf "$tmp"
  $sudo mkdir -p "$(dirname "$root")"
  echo "debian13: debootstrap $suite into $tmp"
  $sudo debootstrap --variant=minbase "$suite" "$tmp" >"$top/debian13-debootstrap.log" 2>&1 \
    || { tail -n 20 "$top/debian13-debootstrap.log"; echo "debian13: debootstrap failed"; exit 1; }
  rm -f "$top/debian13-debootstrap.log"
  $sudo cp /etc/resolv.conf "$tmp/etc/resolv.conf"
  $sudo mount -t proc proc "$tmp/proc"
  trap '$sudo umount "$tmp/proc" 2>/dev/null || true' EXIT
  echo "debian13: installing $pkgs"
  $sudo chroot "$tmp" /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends $pkgs >/dev/null && apt-get clean"
  $sudo umount "$tmp/proc"
  trap - EXIT
  echo "$pkgs" | $sudo tee "$tmp/.lindyn-packages" >/dev/null
  $sudo rm -rf "$root"
  $sudo mv "$tmp" "$root"
  echo "debian13: root ready in $(( $(date +%s) - t0 )) s"
fi

# the tree as it is now (tracked and new files, not build products), and the data
work="$root/root/lindyn"
$sudo rm -rf "$work"
$sudo mkdir -p "$work"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git -C "$top" ls-files -z --cached --others --exclude-standard | grep -zv '^data\(/\|$\)' \
    | (cd "$top" && tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | $sudo tar -xf - -C "$work"
else
  (cd "$top" && tar --exclude=./data -cf - .) | $sudo tar -xf - -C "$work"
  $sudo sh -c "cd '$work' && { [ ! -f Makefile ] || make -s distclean >/dev/null 2>&1 || true; }"
fi
if [ -d "$top/data" ]; then
  $sudo mkdir -p "$work/data"
  (cd "$top" && tar -chf - data) | $sudo tar -xf - -C "$work"
fi

$sudo umount "$root/proc" 2>/dev/null || true
$sudo mount -t proc proc "$root/proc"
trap '$sudo umount "$root/proc" 2>/dev/null || true' EXIT
echo "debian13: $($sudo chroot "$root" octave-cli --version | head -n 1), building"
set +e
$sudo chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
  CHECK_LABEL=debian13 /bin/bash -c "cd /root/lindyn && ./bootstrap >/dev/null 2>&1 \
    && ./configure -q && make -s >/dev/null \
    && bash tests/check_all.sh make $targets"
rc=$?
set -e
echo "debian13: $(( $(date +%s) - t0 )) s in all"
exit $rc
