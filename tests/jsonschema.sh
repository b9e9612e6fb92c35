#!/bin/sh
# The JSON Schema of scenario files (crisim keys --json-schema) against a
# validator of its own (python3-jsonschema, Debian; make deps installs it):
#   - the schema is a valid draft 2020-12 schema and names every key of the
#     key table (crisim keys) at its path;
#   - every shipped scenario, and its resolved form (crisim validate), is
#     valid;
#   - scenarios with an unknown key, an out-of-range value, a wrong enum
#     name, a missing required key ... are not, and the loader refuses
#     each of them too (exit 2), so schema and loader agree both ways.
# Usage: CRISIM=./crisim tests/jsonschema.sh
set -u
CRISIM=${CRISIM:-./crisim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# The Debian package's interpreter first; any python3 with jsonschema >= 4
# (draft 2020-12) will do.
py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import jsonschema; jsonschema.Draft202012Validator' \
	    2>/dev/null; then
		py=$p
		break
	fi
done
if [ -z "$py" ]; then
	echo "jsonschema.sh: no python3 with jsonschema (Debian: python3-jsonschema; make deps)" >&2
	exit 1
fi

"$CRISIM" keys --json-schema > "$tmp/schema.json" || {
	echo "jsonschema.sh: crisim keys --json-schema failed" >&2; exit 1; }
"$CRISIM" keys > "$tmp/keys.tsv" || exit 1

# The option's misuses are usage errors.
for args in "keys series --json-schema" "keys --json-schema --markdown"; do
	# shellcheck disable=SC2086
	"$CRISIM" $args > /dev/null 2>&1
	rc=$?
	if [ "$rc" != 2 ]; then
		echo "FAIL: crisim $args: exit $rc, expected 2" >&2
		fail=1
	fi
done

# Shipped scenarios and their resolved forms.
mkdir "$tmp/good" "$tmp/bad"
n=0
for f in scenarios/*.json scenarios/validation/*.json; do
	n=$((n + 1))
	cp "$f" "$tmp/good/$n-$(basename "$f")"
	if ! "$CRISIM" validate "$f" > "$tmp/good/$n-resolved-$(basename "$f")"; then
		echo "FAIL: crisim validate $f" >&2
		fail=1
	fi
done

# The invalid variants of scenarios/default.json, one mistake each.
"$py" - scenarios/default.json "$tmp/bad" <<'EOF' || fail=1
import copy, json, sys
base = json.load(open(sys.argv[1]))
def variant(name, edit):
    s = copy.deepcopy(base)
    edit(s)
    with open(f"{sys.argv[2]}/{name}.json", "w") as f:
        json.dump(s, f)
def setp(path, v):
    def edit(s):
        o = s
        for k in path[:-1]:
            o = o.setdefault(k, {}) if isinstance(k, str) else o[k]
        o[path[-1]] = v
    return edit
variant("unknown-top", setp(["colour"], "red"))
variant("unknown-nested", setp(["network", "nodez"], 100))
variant("unknown-plan", setp(["responder", "plan", "golden_hour"], 30))
variant("unknown-event", lambda s: s.__setitem__("events", [{"tick": 0, "when": 3}]))
variant("unknown-topic-key", lambda s: s.__setitem__("events", [{"tick": 0, "topics": [{"topic": "a", "w": 1}]}]))
variant("range-prob", setp(["spread", "p"], 1.5))
variant("range-nodes", setp(["network", "nodes"], 1))
variant("range-open", setp(["tick_minutes"], 0))
variant("range-negative", setp(["responder", "capacity"], -1))
variant("not-integer", setp(["ticks"], 2.5))
variant("odd-k", lambda s: s.__setitem__("network", {"model": "watts_strogatz", "nodes": 100, "k": 5}))
variant("bad-enum", setp(["network", "model"], "small_world"))
variant("bad-type", setp(["network", "directed"], "yes"))
variant("bad-name", setp(["responder", "strategy"], "ad hoc"))
variant("bad-schema-ref", setp(["$schema"], 12))
variant("missing-tick", lambda s: s.__setitem__("events", [{"type": "incident"}]))
variant("agent-missing", lambda s: s.__setitem__("events", [{"tick": 0, "target": "agent"}]))
variant("agent-extra", lambda s: s.__setitem__("events", [{"tick": 0, "agent": 3}]))
variant("weight-zero", lambda s: s.__setitem__("events", [{"tick": 0, "topics": [{"topic": "a", "weight": 0}]}]))
variant("too-many-levels", setp(["responder", "plan", "escalation"], [{"volume": v} for v in range(9)]))
variant("control-char", setp(["name"], "a\u0001b"))
EOF
# And one valid file that carries "$schema".
"$py" - scenarios/default.json "$tmp/good/with-schema.json" <<'EOF' || fail=1
import json, sys
s = json.load(open(sys.argv[1]))
s = {"$schema": "./crisim.schema.json", **s}
json.dump(s, open(sys.argv[2], "w"))
EOF

for f in "$tmp"/good/*.json; do
	if ! "$CRISIM" validate "$f" > /dev/null; then
		echo "FAIL: the loader refuses $f" >&2
		fail=1
	fi
done
nbad=0
for f in "$tmp"/bad/*.json; do
	nbad=$((nbad + 1))
	"$CRISIM" validate "$f" > /dev/null 2>&1
	rc=$?
	if [ "$rc" != 2 ]; then
		echo "FAIL: the loader accepts $(basename "$f") (exit $rc)" >&2
		fail=1
	fi
done

"$py" - "$tmp/schema.json" "$tmp/keys.tsv" "$tmp/good" "$tmp/bad" <<'EOF' || fail=1
import glob, json, os, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
V = jsonschema.Draft202012Validator
V.check_schema(schema)
v = V(schema)
bad = 0
# Every key of the table at its path: a.b -> properties, a[] -> items.
for line in open(sys.argv[2]).read().splitlines()[1:]:
    path = line.split("\t")[0]
    node = schema
    for part in path.split("."):
        arr = part.endswith("[]")
        node = node.get("properties", {}).get(part[:-2] if arr else part)
        if node is None:
            break
        if arr:
            node = node.get("items")
    if node is None or "description" not in node:
        print(f"FAIL: key {path} is not in the schema", file=sys.stderr)
        bad = 1
good = sorted(glob.glob(sys.argv[3] + "/*.json"))
for f in good:
    errs = list(v.iter_errors(json.load(open(f))))
    if errs:
        print(f"FAIL: {os.path.basename(f)} does not validate: {errs[0].message}",
              file=sys.stderr)
        bad = 1
rejected = sorted(glob.glob(sys.argv[4] + "/*.json"))
for f in rejected:
    if v.is_valid(json.load(open(f))):
        print(f"FAIL: {os.path.basename(f)} validates but must not", file=sys.stderr)
        bad = 1
if len(good) < 20 or len(rejected) < 20:
    print(f"FAIL: too few cases ({len(good)} valid, {len(rejected)} invalid)",
          file=sys.stderr)
    bad = 1
if not bad:
    print(f"jsonschema.sh: {len(good)} valid files validate, "
          f"{len(rejected)} invalid ones do not")
sys.exit(bad)
EOF

[ "$fail" = 0 ] && echo "jsonschema.sh: ok ($nbad invalid variants, loader agrees)"
exit "$fail"
