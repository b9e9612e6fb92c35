#!/bin/sh
# run --gexf on a shipped scenario, checked with xmllint (libxml2-utils):
#   - the file is well-formed XML, a GEXF 1.3 dynamic graph with one node
#     per agent, one edge per arc of the graph, spells and attvalues;
#   - the incident's agent (events.tsv) heard at the incident's minute and
#     its first spreading spell starts there;
#   - one reply edge per answered complainant (summary.json);
#   - a --gexf that cannot be written is an error naming it, and leaves
#     nothing behind (no run directory, no temporary); a link in the way is
#     replaced, never written through; --gexf with --runs is a usage error.
# The GEXF 1.3 XSD is not shipped by any Debian package on this machine,
# so the structure is checked by XPath rather than by schema validation.
# Usage: CRISIM=./crisim tests/gexf.sh
set -u
CRISIM=${CRISIM:-./crisim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "gexf.sh: $*" >&2; fail=1; }

if ! command -v xmllint > /dev/null; then
	echo "gexf.sh: xmllint missing (Debian: libxml2-utils; make deps)" >&2
	exit 1
fi

x() { xmllint --xpath "$1" "$tmp/run.gexf" 2>/dev/null; }
G='*[local-name()'
"$CRISIM" run scenarios/default.json --set network.nodes=3000 -q \
	-o "$tmp/run" --gexf "$tmp/run.gexf" || no "run --gexf failed"
xmllint --noout "$tmp/run.gexf" || no "not well-formed XML"

[ "$(x "count(/$G='gexf'][@version='1.3']/$G='graph'][@mode='dynamic'][@timeformat='double'])")" = 1 ] ||
	no "expected a GEXF 1.3 dynamic graph"
nodes=$(x "count(//$G='node'])")
[ "$nodes" = 3000 ] || no "expected 3000 nodes, found $nodes"
arcs=$("$CRISIM" graph scenarios/default.json --set network.nodes=3000 2>/dev/null |
	awk -F'\t' '$1 == "arcs" { print $2 }')
edges=$(x "count(//$G='edge'][not(@kind)])")
[ -n "$arcs" ] && [ "$edges" = "$arcs" ] || no "expected $arcs arc edges, found $edges"
spells=$(x "count(//$G='node']/$G='spells']/$G='spell'])")
[ "$spells" -gt 0 ] 2>/dev/null || no "expected node spells, found $spells"
att=$(x "count(//$G='attvalue'][@for='attitude'][@start][@end])")
[ "$att" -ge "$nodes" ] 2>/dev/null || no "expected an attitude spell per node at least, found $att"

# The incident's agent and minute, from events.tsv (tick minutes actor event).
set -- $(awk -F'\t' '$4 == "incident" { print $2, $3; exit }' "$tmp/run/events.tsv")
minute=${1:-}; agent=${2:-}
[ -n "$agent" ] || no "no incident in events.tsv"
node="//$G='node'][@id='$agent']"
heard=$(x "string($node//$G='attvalue'][@for='heard']/@value)")
first=$(x "string($node/$G='spells']/$G='spell'][1]/@start)")
[ "$heard" = "$minute" ] || no "agent $agent: heard at '$heard', events.tsv says minute $minute"
[ "$first" = "$minute" ] || no "agent $agent: first spell at '$first', events.tsv says minute $minute"
# No node's first spell starts before it heard.
early=$(x "count(//$G='node'][$G='spells']][number($G='spells']/$G='spell'][1]/@start) < number(.//$G='attvalue'][@for='heard']/@value)])")
[ "$early" = 0 ] || no "$early nodes spread before they heard"

# One reply edge per complainant the brand answered.
answered=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(round(s["answered_share"]*s["complainants"]))' \
	"$tmp/run/summary.json")
replies=$(x "count(//$G='edge'][@kind='reply'])")
[ "$replies" = "$answered" ] || no "expected $answered reply edges, found $replies"
[ "$replies" -gt 0 ] 2>/dev/null || no "expected replies in the default scenario"

# Failures: a directory that does not exist, a directory as the name.
"$CRISIM" run scenarios/default.json --set network.nodes=300 -q \
	-o "$tmp/bad" --gexf "$tmp/nowhere/x.gexf" 2> "$tmp/err"
rc=$?
[ "$rc" = 1 ] || no "unwritable --gexf: exit $rc, expected 1"
grep -q "nowhere" "$tmp/err" || no "unwritable --gexf: message does not name it: $(cat "$tmp/err")"
[ ! -e "$tmp/bad" ] || no "unwritable --gexf: the run directory was written anyway"
"$CRISIM" run scenarios/default.json --set network.nodes=300 -q \
	-o "$tmp/bad" --gexf "$tmp/" 2> "$tmp/err"
rc=$?
[ "$rc" = 2 ] || no "--gexf DIR/: exit $rc, expected 2"
grep -q "expected a file name" "$tmp/err" || no "--gexf DIR/: $(cat "$tmp/err")"
"$CRISIM" run scenarios/default.json --runs 2 --gexf "$tmp/r.gexf" 2> "$tmp/err"
rc=$?
[ "$rc" = 2 ] || no "--gexf with --runs: exit $rc, expected 2"
ls -a "$tmp" | grep -q '\.tmp' && no "a temporary file was left: $(ls -a "$tmp")"

# A link in the way is replaced by the file, its target untouched.
echo keep > "$tmp/target"
ln -s "$tmp/target" "$tmp/link.gexf"
"$CRISIM" run scenarios/default.json --set network.nodes=300 -q \
	-o "$tmp/l" --gexf "$tmp/link.gexf" || no "--gexf over a link failed"
[ "$(cat "$tmp/target")" = keep ] || no "--gexf wrote through a link"
[ -L "$tmp/link.gexf" ] && no "--gexf left the link in place"

# String ids: nodes and edges by name, a long name whole.
long=$(printf 'n%.0s' $(seq 1 100))
printf 'source target\n%s bob\nbob cat\ncat %s\n%s dan\ndan bob\n' "$long" "$long" "$long" > "$tmp/names.txt"
printf '{"seed": 1, "ticks": 20, "network": {"file": "%s"}, "population": {"media": 0, "influencer_share": 0}, "events": [{"tick": 1, "type": "incident", "target": "customer"}]}\n' \
	"$tmp/names.txt" > "$tmp/names.json"
"$CRISIM" run "$tmp/names.json" -q -o "$tmp/nm" --gexf "$tmp/nm.gexf" || no "run on string ids failed"
[ "$(xmllint --xpath "count(//$G='node'][@id='$long'])" "$tmp/nm.gexf")" = 1 ] || no "a long name is not a node id"
[ "$(xmllint --xpath "count(//$G='edge'][not(@kind)][@source='$long'][@target='bob'])" "$tmp/nm.gexf")" = 1 ] ||
	no "the arc from the long name to bob is missing"

# The same run, the same bytes.
"$CRISIM" run scenarios/default.json --set network.nodes=3000 -q \
	-o "$tmp/run2" --gexf "$tmp/run2.gexf" || no "second run failed"
cmp -s "$tmp/run.gexf" "$tmp/run2.gexf" || no "two exports of one run differ"

[ "$fail" = 0 ] && echo "gexf.sh: ok ($nodes nodes, $edges arcs, $spells spells, $replies replies)"
exit "$fail"
