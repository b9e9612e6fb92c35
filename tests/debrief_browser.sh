#!/bin/sh
# debrief_browser.sh — debrief.html as a browser shows it: an exercise
# played from piped commands (crisim exercise) is debriefed, and headless Chromium renders the page at 1600x1200 (the
# screenshot must be a 1600-pixel-wide PNG) and dumps the DOM after
# rendering, which must hold every section, the inline charts and the
# outcome table.  Skipped with a message when Chromium is missing (make
# deps installs it).  DEBRIEF_SHOT=FILE.png keeps the screenshot, to look
# at it.
set -eu
CRISIM=${CRISIM:-./crisim}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "debrief_browser.sh: SKIPPED: chromium is not installed (make deps installs it)"
	exit 0
fi
tmp=$(mktemp -d /tmp/crisim-browser-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "debrief_browser.sh: FAIL: $*" >&2; exit 1; }

# The exercise, played as a trainer would script it: journalists-call on
# 2000 agents for 12 hours, three decisions typed at the pauses.
printf 'reply loudest regret\n\n\nholding\n\n\n\n\nstatement rebuild\nfinish\n' |
	"$CRISIM" exercise scenarios/journalists-call.json --set network.nodes=2000 \
		--set ticks=144 -o "$tmp/ex" > "$tmp/exercise.log" 2>&1 ||
	{ cat "$tmp/exercise.log" >&2; fail "crisim exercise failed"; }
"$CRISIM" debrief "$tmp/ex" --runs 20 -q > /dev/null || fail "crisim debrief failed"
page="$tmp/ex/debrief/debrief.html"

run_browser() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--user-data-dir="$tmp/profile" --window-size=1600,1200 "$@" "file://$page" \
		2> "$tmp/browser.log"
}
run_browser --screenshot="$tmp/shot.png" > /dev/null || {
	cat "$tmp/browser.log" >&2
	fail "chromium could not render $page"
}
[ -s "$tmp/shot.png" ] || fail "no screenshot"
# PNG signature, then the IHDR width (big-endian, bytes 16..19)
sig=$(od -An -tx1 -N8 "$tmp/shot.png" | tr -d ' \n')
[ "$sig" = 89504e470d0a1a0a ] || fail "the screenshot is not a PNG"
width=$(od -An -tu1 -j16 -N4 "$tmp/shot.png" |
	awk '{ print ((($1 * 256 + $2) * 256 + $3) * 256 + $4) }')
[ "$width" = 1600 ] || fail "screenshot width $width, expected 1600"
if [ -n "${DEBRIEF_SHOT:-}" ]; then
	cp "$tmp/shot.png" "$DEBRIEF_SHOT"
fi

run_browser --dump-dom > "$tmp/dom.html" || fail "chromium could not dump the DOM"
for id in verdict scenario timeline volume attitude outcomes decisions; do
	grep -q "id=\"$id\"" "$tmp/dom.html" || fail "section $id missing after rendering"
done
svgs=$(grep -o '<svg' "$tmp/dom.html" | wc -l)
[ "$svgs" -ge 4 ] || fail "$svgs inline SVG charts, expected 4 (verdict, timeline, volume, attitude)"
grep -q '<td class="l">damage</td>' "$tmp/dom.html" || fail "no outcome table"
grep -q 'reply loudest regret' "$tmp/dom.html" || fail "the decisions are not shown"
grep -q 'byte for byte' "$tmp/dom.html" || fail "the replay does not reproduce the exercise"
if grep -q -e '<script' -e 'src="http' -e 'href="http' "$tmp/dom.html"; then
	fail "the page is not self-contained"
fi
echo "debrief_browser.sh: ok (rendered 1600x1200, $svgs charts, every section present)"
