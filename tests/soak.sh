#!/usr/bin/env bash
# Kill-and-resume soak (issue 13, item 18): a sweep is started, killed at
# random moments with SIGTERM or SIGKILL, and resumed until it finishes; its
# files must then be byte-identical to an uninterrupted run's.  `make soak`.
# (SIGTERM, handled as SIGINT is: a script's background jobs ignore SIGINT.)
#
# Usage: tests/soak.sh [CYCLES] (default 30; the RANDOM seed is SOAK_SEED,
# default 1, so a failing sequence can be replayed).
set -euo pipefail
cd "$(dirname "$0")/.."
crisim=$(realpath "${CRISIM:-./crisim}")
cycles=${1:-30}
RANDOM=${SOAK_SEED:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

job=(sweep scenarios/default.json --set network.nodes=10000 -q
     --grid responder.capacity=1,3,10 --strategies adhoc,plan --runs 400 --threads 2)
start=$(date +%s.%N)
"$crisim" "${job[@]}" -o "$tmp/ref" > /dev/null
full=$(echo "$(date +%s.%N) - $start" | bc)

fp() {
	(cd "$1" && find . -type f ! -name '.*' ! -path './checkpoint/*' | LC_ALL=C sort |
	while read -r f; do
		case $f in
		*manifest.json) sed -E -e 's/"wall_seconds": [^,]*/"wall_seconds": X/' \
			-e '/"command": \[/,/\]/c\  "command": X' "$f" | md5sum | sed "s|-|$f|" ;;
		*runs.sqlite) sqlite3 "$f" 'select * from variants order by variant' \
			'select * from runs order by variant, run' | md5sum | sed "s|-|$f|" ;;
		*) md5sum "$f" ;;
		esac
	done)
}

d=$tmp/d kills=0 ints=0 done=0
for ((c = 1; c <= cycles; c++)); do
	resume=()
	[ -d "$d/checkpoint" ] && resume=(--resume "$d")
	"$crisim" "${job[@]}" -o "$d" "${resume[@]}" > /dev/null 2>> "$tmp/log" &
	pid=$!
	# a random moment within the first third of the uninterrupted run's
	# duration: most cycles are interrupted before they could finish
	sleep "$(echo "scale=3; $full * ($RANDOM % 1000) / 3000" | bc)"
	if ((RANDOM % 3 == 0)); then sig=KILL; kills=$((kills + 1)); else sig=TERM; ints=$((ints + 1)); fi
	kill -s "$sig" "$pid" 2> /dev/null || true
	rc=0
	wait "$pid" 2> /dev/null || rc=$?
	case $rc in
	0) done=1; break ;;
	130|137|143) ;;  # interrupted; 143: TERM before the handler (graph building)
	*) echo "soak: cycle $c: exit $rc after SIG$sig"; cat "$tmp/log"; exit 1 ;;
	esac
done
if [ "$done" = 0 ]; then
	resume=()
	[ -d "$d/checkpoint" ] && resume=(--resume "$d")
	"$crisim" "${job[@]}" -o "$d" "${resume[@]}" > /dev/null
fi
if ! diff <(fp "$tmp/ref") <(fp "$d"); then
	echo "soak: FAIL: resumed files differ from the uninterrupted run"
	exit 1
fi
echo "soak: $c cycles ($ints SIGTERM, $kills SIGKILL) over a ${full}s sweep; byte-identical"
