#!/usr/bin/env bash
# install.sh — `make install` into a staging DESTDIR puts every file where
# the GNU directory variables say, and `make uninstall` with the same
# variables takes back exactly that: nothing is left behind.  Run by
# `make test` (MAKE is the make running it; its variables, such as
# SANITIZE, come through MAKEFLAGS).
set -euo pipefail
cd "$(dirname "$0")/.."
make=${MAKE:-make}
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
fail() { echo "install.sh: $*" >&2; exit 1; }

$make --no-print-directory -s install DESTDIR="$D" prefix=/usr >/dev/null
for f in usr/bin/crisim usr/share/man/man1/crisim.1 \
         usr/share/bash-completion/completions/crisim \
         usr/share/doc/crisim/README.md usr/share/doc/crisim/README.models.md \
         usr/share/doc/crisim/LICENSE usr/share/crisim/scripts/series.gp \
         usr/share/crisim/scenarios/default.json \
         usr/share/crisim/scenarios/data/facebook_combined.txt; do
	[ -f "$D/$f" ] || fail "make install did not put $f"
done
[ -x "$D/usr/bin/crisim" ] || fail "usr/bin/crisim is not executable"
"$D/usr/bin/crisim" --version >/dev/null || fail "the installed crisim does not run"

$make --no-print-directory -s uninstall DESTDIR="$D" prefix=/usr >/dev/null
left=$(cd "$D" && find . -mindepth 1 | LC_ALL=C sort)
[ -z "$left" ] || fail "make uninstall left behind: $(echo $left)"

# A directory that held something else before install stays, with it.
mkdir -p "$D/usr/bin" && touch "$D/usr/bin/other"
$make --no-print-directory -s install DESTDIR="$D" prefix=/usr >/dev/null
$make --no-print-directory -s uninstall DESTDIR="$D" prefix=/usr >/dev/null
left=$(cd "$D" && find . -mindepth 1 | LC_ALL=C sort | tr '\n' ' ')
[ "$left" = "./usr ./usr/bin ./usr/bin/other " ] || fail "left: $left (want only usr/bin/other)"
echo "install.sh: install and uninstall leave nothing behind"
