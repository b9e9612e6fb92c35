#!/usr/bin/env bash
# readme-keys.sh — regenerate README.md's reference tables (scenario keys,
# series columns, summary fields) from `crisim keys TABLE --markdown`, the
# output tests/test_docs.c checks README against.  Each table is found by
# its header line and replaced whole.  Usage: scripts/readme-keys.sh [CRISIM]
set -euo pipefail
cd "$(dirname "$0")/.."
crisim=${1:-./crisim}
for t in scenario series summary; do
	"$crisim" keys "$t" --markdown > "build/keys-$t.md"
done
python3 - <<'PY'
import re
path = "README.md"
text = open(path).read().split("\n")
for t in ("scenario", "series", "summary"):
    new = open(f"build/keys-{t}.md").read().rstrip("\n").split("\n")
    head = new[0]
    i = text.index(head)          # the table's header row
    j = i
    while j < len(text) and text[j].startswith("|"):
        j += 1
    text[i:j] = new
open(path + ".tmp", "w").write("\n".join(text))
PY
mv README.md.tmp README.md
