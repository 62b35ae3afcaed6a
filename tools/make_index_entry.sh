#!/usr/bin/env bash
# tools/make_index_entry.sh TARBALL [OUT] -- the release's entry for the gnu-octave/packages
# index (packages/<name>.yaml there), from DESCRIPTION and the release tarball.
#
# make dist runs it after building the tarball and writes <name>.yaml beside it: the
# index's keys in the index's order (layout, permalink, description, icon, links,
# maintainers, versions with id, date, sha256, url, depends), every string in double
# quotes, lines within 80 characters.  The tarball's URL follows the pattern of a GitHub
# release of the repository named by DESCRIPTION's Url:
#   <Url>/releases/download/v<version>/<name>-<version>.tar.gz
# tests/check_index_entry.py checks the result (the index's schema, and that the entry
# matches DESCRIPTION and the tarball); make check-dist runs it with yamllint.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tarball=$1
desc="$top/DESCRIPTION"
field() { sed -n "s/^$1: *//p" "$desc" | head -n 1; }
name=$(field Name); version=$(field Version); date=$(field Date); url=$(field Url)
url=${url%/}
out=${2:-$(dirname "$tarball")/$name.yaml}
sha=$(sha256sum "$tarball" | cut -d ' ' -f 1)
maint=$(field Maintainer)
mname=$(printf '%s' "$maint" | sed -E 's/ *<.*//')
mcontact=$(printf '%s' "$maint" | sed -nE 's/.*<(.*)>.*/\1/p')
license=GPL-3.0-or-later
# the description: DESCRIPTION's Description, folded to lines of at most 78 characters
text=$(awk '/^Description:/ { sub (/^Description: */, ""); d = 1; print; next }
            d && /^[ \t]/ { print; next } { d = 0 }' "$desc" | tr '\n' ' ' | tr -s ' ')
# the dependencies: DESCRIPTION's Depends, one per line, and pkg (as every entry has)
deps=$(field Depends | tr ',' '\n' | sed 's/^ *//; s/ *$//' | grep -v '^$')
{
  echo '---'
  echo 'layout: "package"'
  echo "permalink: \"$name/\""
  echo 'description: >-'
  printf '%s\n' "$text" | fold -s -w 78 | sed 's/ *$//; s/^/  /'
  echo 'icon: ""'
  echo 'links:'
  echo '- icon: "far fa-copyright"'
  echo "  label: \"$license\""
  echo "  url: \"$url/blob/main/COPYING\""
  echo '- icon: "fas fa-rss"'
  echo '  label: "news"'
  echo "  url: \"$url/blob/main/NEWS\""
  echo '- icon: "fas fa-code-branch"'
  echo '  label: "repository"'
  echo "  url: \"$url/\""
  echo '- icon: "fas fa-book"'
  echo '  label: "package documentation"'
  echo "  url: \"$url/blob/main/README.md\""
  echo '- icon: "fas fa-bug"'
  echo '  label: "report a problem"'
  echo "  url: \"$url/issues\""
  echo 'maintainers:'
  echo "- name: \"$mname\""
  echo "  contact: \"$mcontact\""
  echo 'versions:'
  echo "- id: \"$version\""
  echo "  date: \"$date\""
  echo "  sha256: \"$sha\""
  echo "  url: \"$url/releases/download/v$version/$name-$version.tar.gz\""
  echo '  depends:'
  printf '%s\n' "$deps" | sed 's/.*/  - "&"/'
  echo '  - "pkg"'
  echo '---'
} > "$out"
echo "make_index_entry: $out ($name $version, sha256 $sha)"
