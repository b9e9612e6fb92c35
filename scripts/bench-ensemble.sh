#!/usr/bin/env bash
# bench-ensemble.sh — the ensemble figures of `make bench`:
#   1. wall time of an ensemble of 1000 runs of scenarios/default.json
#      (10^4 agents, 288 ticks) on 2 threads, target < 10 s;
#   2. speed-up of 2 threads over 1 on the same ensemble, target >= 1.8.
# Each figure is the best of REPS (default 5) repetitions, to damp noise
# from other work on the machine.  The binary is $CRISIM (default ./crisim).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CRISIM:-}
if [ -z "$bin" ]; then   # a source tree, an installed tree, or PATH
	for c in ./crisim ../../bin/crisim "$(command -v crisim || true)"; do
		[ -n "$c" ] && [ -x "$c" ] && { bin=$c; break; }
	done
	bin=${bin:-./crisim}
fi
runs=${RUNS:-1000}
reps=${REPS:-5}
scn=scenarios/default.json
work=$(mktemp -d /tmp/crisim-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

best() {  # best wall seconds of $reps runs with $1 threads
	local t=$1 b="" s e d
	for _ in $(seq "$reps"); do
		s=$(date +%s.%N)
		"$bin" run "$scn" --runs "$runs" --threads "$t" -q -o "$work/t$t"
		e=$(date +%s.%N)
		d=$(awk -v s="$s" -v e="$e" 'BEGIN { print e - s }')
		b=$(awk -v d="$d" -v b="$b" 'BEGIN { print (b == "" || d < b) ? d : b }')
	done
	echo "$b"
}

t1=$(best 1)
t2=$(best 2)
cmp -s "$work/t1/ensemble.tsv" "$work/t2/ensemble.tsv" ||
	{ echo "bench-ensemble: 1 and 2 threads differ!" >&2; exit 1; }
speedup=$(awk -v a="$t1" -v b="$t2" 'BEGIN { print a / b }')
verdict() { awk -v x="$1" -v op="$2" -v y="$3" \
	'BEGIN { ok = op == "<" ? x < y : x >= y; print ok ? "ok" : "MISSED" }'; }
printf "ensemble %d runs x 10^4 agents, 1 thread:   %6.2f s\n" "$runs" "$t1"
printf "ensemble %d runs x 10^4 agents, 2 threads:  %6.2f s   (target < 10 s: %s)\n" \
	"$runs" "$t2" "$(verdict "$t2" "<" 10)"
printf "speed-up 2 threads over 1:                  %6.2f x   (target >= 1.8 x: %s)\n" \
	"$speedup" "$(verdict "$speedup" ">=" 1.8)"
[ "$(verdict "$t2" "<" 10)" = ok ] && [ "$(verdict "$speedup" ">=" 1.8)" = ok ]
