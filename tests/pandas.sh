#!/bin/sh
# The README's pandas one-liner for runs.sqlite, run as it is written (its
# line, with DIR replaced) on a real comparison: it must print one row per
# strategy whose mean damage equals sqlite3's.  Skipped, saying so, when no
# python3 has pandas (Debian: python3-pandas; make deps installs it).
# Usage: CRISIM=./crisim tests/pandas.sh
set -u
CRISIM=${CRISIM:-./crisim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "pandas.sh: $*" >&2; fail=1; }

# The Debian package's interpreter first (a python3 earlier in PATH may
# lack pandas); the one-liner says python3, so that name is put first.
py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import pandas' 2>/dev/null; then
		py=$(command -v "$p")
		break
	fi
done
if [ -z "$py" ]; then
	echo "pandas.sh: skipped: no python3 with pandas (Debian: python3-pandas; make deps)"
	exit 0
fi
mkdir "$tmp/bin" && ln -s "$py" "$tmp/bin/python3"

line=$(grep '^python3 -c "import sqlite3, pandas as pd;' README.md)
[ "$(printf '%s\n' "$line" | wc -l)" = 1 ] && [ -n "$line" ] ||
	{ echo "pandas.sh: README.md: expected one pandas one-liner" >&2; exit 1; }

"$CRISIM" compare scenarios/default.json --set network.nodes=1000 --set ticks=60 \
	--strategies adhoc,plan --runs 4 -q -o "$tmp/c" > /dev/null || no "compare failed"
cmd=$(printf '%s\n' "$line" | sed "s|DIR/runs.sqlite|$tmp/c/runs.sqlite|")
PATH="$tmp/bin:$PATH" sh -c "$cmd" > "$tmp/pandas.txt" 2> "$tmp/err" ||
	no "the one-liner failed: $(cat "$tmp/err")"
sqlite3 "$tmp/c/runs.sqlite" 'select strategy, avg(damage) from runs join variants
	using (variant) group by strategy' | tr '|' ' ' > "$tmp/sqlite.txt"

# pandas prints a header "strategy damage", then "INDEX STRATEGY VALUE".
head -n 1 "$tmp/pandas.txt" | grep -q 'strategy *damage' ||
	no "expected a header 'strategy damage', got: $(head -n 1 "$tmp/pandas.txt")"
awk 'NR > 1 { print $2, $3 }' "$tmp/pandas.txt" > "$tmp/got.txt"
[ "$(wc -l < "$tmp/got.txt")" = 2 ] || no "expected 2 rows (adhoc, plan), got: $(cat "$tmp/pandas.txt")"
# pandas shows 6 decimals at most: equal to 1e-6 relative.
awk 'NR == FNR { want[$1] = $2; next }
	!($1 in want) { print "no strategy " $1 " in sqlite3"; bad = 1; next }
	{ d = $2 - want[$1]; if (d < 0) d = -d; if (d > 1e-6 * (want[$1] < 0 ? -want[$1] : want[$1]) + 1e-6) { print $1 ": pandas " $2 ", sqlite3 " want[$1]; bad = 1 } }
	END { exit bad }' "$tmp/sqlite.txt" "$tmp/got.txt" > "$tmp/diff" ||
	no "pandas and sqlite3 differ: $(cat "$tmp/diff")"

[ "$fail" = 0 ] && echo "pandas.sh: ok ($(tr '\n' ' ' < "$tmp/got.txt"))"
exit "$fail"
