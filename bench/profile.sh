#!/bin/sh
# profile.sh -- where the time of one benchmark case goes (to explain a target that is
# not met, or a row that got slower).
#
#   bench/profile.sh [L d p r iters [nrec]]        default: 2 20 20 20 200000 0
#   bench/profile.sh CASE [iters]                   a case of make bench by name
#   bench/profile.sh --octave 'STATEMENT'           Octave's profiler on one statement
#
# CASE: the gd cases skinny (L = 2, d = r = 784, p = 10), skinny100 (d = 784, r = 100,
# p = 10), d8, d20, d64, d256 (L = 2, d = r = p) run the first form; the engine and
# second-moments cases sgd, completion, sensing, momentum64, adam64, momentum784,
# adam784, moments-double, moments-single, moments-uint8 run the public function in
# octave-cli (run_bench ('--profile-case', CASE, iters), the problem of make bench) under
# perf record (cpu-clock samples by shared object and symbol: the MEX files, OpenBLAS,
# liboctinterp) and then under Octave's profiler.
#
# The first form builds bench/profile_gd.c against src/liblindyn_core.a (run `make`
# first) and runs the C core alone (ld_run: the moments objective, plain gradient
# descent, its fused step):
#   1. plain run: time per iteration;
#   2. perf stat (hardware counters when the machine has them, else task-clock), and
#      perf record/report (cpu-clock sampling) when perf works here;
#   3. valgrind --tool=callgrind on iters/CG_DIV iterations (CG_DIV, default 50),
#      collecting inside ld_run only (no set-up, no loader), with the top functions
#      by self cost (exclusive) and by inclusive cost.
# OPENBLAS_NUM_THREADS is passed through (unset: OpenBLAS's default, as in make bench).
# The second form runs STATEMENT in octave-cli with the built tree and bench/ on the
# path under `profile on` and prints the top functions (for .m-level costs such as the
# fixed per-call cost of gd_deep), e.g.
#   bench/profile.sh --octave '[Sx,Sxy,W0,eta] = run_bench ("--problem",2,784,10,784,1); for k=1:5, gd_deep (Sx,Sxy,eta,0,W0); end'
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
MKOCTFILE=${MKOCTFILE:-mkoctfile}
OCTAVE=${OCTAVE:-octave-cli}

if [ "$1" = "--octave" ]; then
  stmt=$2
  "$OCTAVE" --no-gui --no-window-system -q --eval "
    addpath ('$top/src'); addpath ('$top/inst'); addpath ('$top/bench'); more off;
    $stmt;
    profile clear; profile on; $stmt; profile off;
    T = profile ('info');
    printf ('Octave profile of: %s\n', '$(printf '%s' "$stmt" | sed "s/'/''/g")');
    profshow (T, 25);
    " 2>&1 | grep -v 'ignoring const execution_exception'
  exit 0
fi

case "$1" in
  skinny)    set -- 2 784 10 784 "${2:-2000}" ;;
  skinny100) set -- 2 784 10 100 "${2:-10000}" ;;
  d8)        set -- 2 8 8 8 "${2:-2000000}" ;;
  d20)       set -- 2 20 20 20 "${2:-200000}" ;;
  d64)       set -- 2 64 64 64 "${2:-20000}" ;;
  d256)      set -- 2 256 256 256 "${2:-500}" ;;
  sgd|completion|sensing|momentum64|adam64|momentum784|adam784|moments-double|moments-single|moments-uint8)
    cs=$1
    case "$cs" in
      sgd) it=${2:-2000} ;; completion) it=${2:-5000} ;; sensing) it=${2:-20000} ;;
      momentum64|adam64) it=${2:-20000} ;; momentum784|adam784) it=${2:-1000} ;; *) it=${2:-3} ;;
    esac
    stmt="run_bench ('--profile-case', '$cs', $it)"
    echo "== machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "== 1. perf record of: $stmt (set-up included)"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    if command -v perf >/dev/null 2>&1 && perf record -q -e cpu-clock -o "$tmp/perf.data" \
         "$OCTAVE" --no-gui --no-window-system -q --eval \
         "addpath ('$top/bench'); $stmt" >/dev/null 2>&1; then
      perf report -i "$tmp/perf.data" --stdio --sort dso,symbol 2>/dev/null \
        | grep -v '^#' | grep -v '^$' | head -30
    else
      echo "(perf record does not work here)"
    fi
    echo "== 2. Octave profiler"
    exec "$0" --octave "$stmt"
    ;;
esac
L=${1:-2}; d=${2:-20}; p=${3:-20}; r=${4:-20}; iters=${5:-200000}; nrec=${6:-0}
CG_DIV=${CG_DIV:-50}
[ -f "$top/src/liblindyn_core.a" ] || { echo "profile.sh: run make first (no src/liblindyn_core.a)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CC=$("$MKOCTFILE" -p CC)
BLAS=$("$MKOCTFILE" -p BLAS_LIBS)
LAPACK=$("$MKOCTFILE" -p LAPACK_LIBS)
$CC -O2 -g -std=gnu99 -fopenmp -I"$top/src/core" -o "$tmp/profile_gd" "$top/bench/profile_gd.c" \
    "$top/src/liblindyn_core.a" $LAPACK $BLAS -lm

echo "== machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-unset}"
echo "== 1. plain run"
"$tmp/profile_gd" "$L" "$d" "$p" "$r" "$iters" "$nrec"

echo "== 2. perf"
if command -v perf >/dev/null 2>&1 && perf stat -e task-clock true >/dev/null 2>&1; then
  if perf stat -e instructions true 2>&1 | grep -q 'not supported'; then
    echo "(no hardware counters on this machine: software events only)"
    perf stat -e task-clock,context-switches,cpu-migrations,page-faults \
      "$tmp/profile_gd" "$L" "$d" "$p" "$r" "$iters" "$nrec" 2>&1 | grep -v '^$'
  else
    perf stat -e task-clock,cycles,instructions,cache-misses,branch-misses \
      "$tmp/profile_gd" "$L" "$d" "$p" "$r" "$iters" "$nrec" 2>&1 | grep -v '^$'
  fi
  if perf record -q -e cpu-clock -o "$tmp/perf.data" \
       "$tmp/profile_gd" "$L" "$d" "$p" "$r" "$iters" "$nrec" >/dev/null 2>&1; then
    echo "-- perf report (cpu-clock samples, top 20 symbols)"
    perf report -i "$tmp/perf.data" --stdio --sort symbol 2>/dev/null \
      | grep -v '^#' | grep -v '^$' | head -20
  else
    echo "(perf record does not work here)"
  fi
else
  echo "(perf not available)"
fi

echo "== 3. callgrind ($((iters / CG_DIV)) iterations)"
if command -v valgrind >/dev/null 2>&1; then
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" --toggle-collect=ld_run \
    "$tmp/profile_gd" "$L" "$d" "$p" "$r" $((iters / CG_DIV)) "$nrec" 2>&1 \
    | grep -E 'profile_gd:|Collected' || true
  echo "-- top functions, self cost (instructions)"
  callgrind_annotate --auto=no --inclusive=no "$tmp/cg.out" 2>/dev/null \
    | sed -n '/^Ir/,$p' | grep -v '^$' | head -22
  echo "-- top functions, inclusive cost"
  callgrind_annotate --auto=no --inclusive=yes "$tmp/cg.out" 2>/dev/null \
    | sed -n '/^Ir/,$p' | grep -v '^$' | head -22
else
  echo "(valgrind not available)"
fi
