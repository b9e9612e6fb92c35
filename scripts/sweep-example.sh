#!/usr/bin/env bash
# sweep-example.sh — a parameter sweep as a plain shell loop, with
# `crisim run --summary` printing one TSV line of outcomes per run.
# Run from a fresh clone after `make`:
#
#   scripts/sweep-example.sh > capacity.tsv
#
# It varies the brand's reply capacity (responder.capacity, replies per
# tick) under the "plan" strategy on a small version of the default
# scenario, 5 runs per value (--run K picks run index K: the same graph,
# population and incident for every value), and prints a table with the
# capacity as its first column.  `crisim sweep` does the same in one call
# (see README.md, "Ensembles, comparisons and sweeps").
set -euo pipefail
cd "$(dirname "$0")/.."
crisim=${CRISIM:-}
if [ -z "$crisim" ]; then   # a source tree, an installed tree, or PATH
	for c in ./crisim ../../bin/crisim "$(command -v crisim || true)"; do
		[ -n "$c" ] && [ -x "$c" ] && { crisim=$c; break; }
	done
	crisim=${crisim:-./crisim}
fi
scn=(scenarios/default.json --set network.nodes=3000 --set responder.strategy=plan)

printf 'capacity\t'
"$crisim" run "${scn[@]}" --summary-header
for d in 1 5 10 20; do
	for k in 0 1 2 3 4; do
		printf '%s\t' "$d"
		"$crisim" run "${scn[@]}" --set responder.capacity="$d" --run "$k" --summary
	done
done
