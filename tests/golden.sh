#!/usr/bin/env bash
# golden.sh — fingerprints of every output crisim writes for the shipped
# scenarios: a single run of each, an ensemble, a comparison and sweeps.
# Used around refactors that must not change behaviour: run it before and
# after and diff the two listings (they must be identical).
#
#   tests/golden.sh > before.txt; ...; tests/golden.sh > after.txt
#   diff before.txt after.txt
#
# wall_seconds and the command line (one line; it holds the temporary directory)
# are blanked from manifest.json; everything else is compared byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
crisim=${CRISIM:-./crisim}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

sum() {   # print "md5  relative path" for every file under $1
	(cd "$1" && find . -type f ! -path './checkpoint/*' | LC_ALL=C sort | while read -r f; do
		case $f in
		*manifest.json) sed -E -e 's/"wall_seconds": [^,]*/"wall_seconds": X/' \
			-e 's/^( *"command": )\[.*\],$/\1X,/' "$f" | md5sum | sed "s|-|$f|" ;;
		*runs.sqlite) sqlite3 "$f" 'select * from variants order by variant' \
			'select * from runs order by variant, run' | md5sum | sed "s|-|$f|" ;;
		*) md5sum "$f" ;;
		esac
	done)
}

for s in scenarios/*.json scenarios/validation/*.json; do
	n=$(basename "$s" .json)
	d=$(basename "$(dirname "$s")")
	"$crisim" run "$s" -q -o "$out/run-$d-$n"
	echo "== run $s"; sum "$out/run-$d-$n"
done
for s in scenarios/*.json; do
	n=$(basename "$s" .json)
	"$crisim" run "$s" --summary --summary-header --run 3 | md5sum | sed "s|-|summary $n|"
done
"$crisim" run scenarios/default.json -q --runs 6 --threads 2 -o "$out/ens"
echo "== ensemble"; sum "$out/ens"
"$crisim" compare scenarios/default.json -q --strategies none,adhoc,plan --runs 6 -o "$out/cmp" > "$out/cmp.stdout"
echo "== compare"; sum "$out/cmp"; md5sum < "$out/cmp.stdout"
"$crisim" compare scenarios/service-rant.json -q --strategies adhoc,plan --runs 4 --format json -o "$out/cmp2" > "$out/cmp2.stdout"
echo "== compare json"; sum "$out/cmp2"; md5sum < "$out/cmp2.stdout"
"$crisim" sweep scenarios/default.json -q --grid responder.capacity=1,5 --grid network.nodes=2000:4000:2000 \
	--strategies adhoc,plan --runs 3 -o "$out/sw"
echo "== sweep"; sum "$out/sw"
printf '{"responder.gaffe_prob": [0, 0.2], "network.nodes": "2000:3000:1000"}' > "$out/grid.json"
"$crisim" sweep scenarios/default.json -q --grid-file "$out/grid.json" --runs 2 -o "$out/sw2"
echo "== sweep grid-file"; sum "$out/sw2"
"$crisim" run scenarios/default.json -q --runs 5 --stop-after 2 -o "$out/res" || true
"$crisim" run scenarios/default.json -q --runs 5 --resume "$out/res"
echo "== resume"; sum "$out/res"
"$crisim" graph scenarios/default.json | md5sum | sed 's|-|graph stats|'
"$crisim" validate scenarios/default.json | md5sum | sed 's|-|validate|'
"$crisim" keys --markdown | md5sum | sed 's|-|keys|'
