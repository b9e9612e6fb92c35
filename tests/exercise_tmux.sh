#!/usr/bin/env bash
# exercise_tmux.sh — crisim exercise as a person plays it: in a detached
# tmux session of 80x24 (a terminal: the dashboard is redrawn, not piped),
# keys are typed with send-keys and the screen read with capture-pane.
# Checks that the dashboard shows the clock and the open mentions, fits 80
# columns and 24 lines, that a typo is a one-line error changing nothing,
# and that quit leaves exactly the decisions typed in decisions.tsv.  Run
# by make test; skipped with a message when tmux is missing (make deps
# installs it).  The last screens are kept in build/exercise-tmux/ to look
# at.
set -euo pipefail
cd "$(dirname "$0")/.."
crisim=$(realpath "${CRISIM:-./crisim}")
if ! command -v tmux >/dev/null 2>&1; then
	echo "exercise_tmux.sh: SKIPPED: tmux is missing (make deps installs it)"
	exit 0
fi
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"          # a server of our own, never the user's
keep=build/exercise-tmux
mkdir -p "$keep"
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
t() { tmux -S "$sock" "$@"; }

fail() {
	echo "exercise_tmux.sh: FAIL: $*" >&2
	t capture-pane -p -t ex >&2 || true
	exit 1
}

# Wait (up to 20 s) until the screen shows $1; the screen into $keep/$2.
screen=0
wait_for() {
	for _ in $(seq 200); do
		if t capture-pane -p -t ex > "$tmp/pane" 2>/dev/null &&
		   grep -qF -- "$1" "$tmp/pane"; then
			screen=$((screen + 1))
			cp "$tmp/pane" "$keep/screen-$screen.txt"
			return 0
		fi
		sleep 0.1
	done
	fail "the screen never showed '$1'"
}

# Every line of the last screen at most 80 columns, at most 24 lines.
fits() {
	local long lines
	long=$(awk 'length($0) > 80' "$tmp/pane" | head -1)
	[ -z "$long" ] || fail "a line wider than 80 columns: $long"
	lines=$(wc -l < "$tmp/pane")
	[ "$lines" -le 24 ] || fail "$lines lines on a 24-line screen"
}

t -f /dev/null new-session -d -s ex -x 80 -y 24 \
	"'$crisim' exercise scenarios/journalists-call.json -o '$tmp/ex'; echo EXIT=\$?; sleep 60"

wait_for "(minute 0) of 24h00"
fits
grep -q "^commands: reply" "$tmp/pane" || fail "no command line at minute 0"
t send-keys -t ex "capacity 3" Enter
wait_for "ok: capacity 3"
t send-keys -t ex "" Enter
wait_for "(minute 30)"
t send-keys -t ex "" Enter
wait_for "(minute 60)"
fits
grep -q "1 open mention, loudest first" "$tmp/pane" || fail "no open mention at minute 60"
grep -qE "^ +1 +3209 customer +9 contamination" "$tmp/pane" ||
	fail "the complainant is not listed at minute 60"
grep -q "0h30 incident" "$tmp/pane" || fail "the incident is not among the events"
t send-keys -t ex "holdx" Enter
wait_for "error: holdx: unknown command"
fits
t send-keys -t ex "REP loud thanks+reg" Enter
wait_for "ok: reply loudest thanks+regret"
fits
t send-keys -t ex "quit" Enter
wait_for "EXIT=0"
grep -q "crisim exercise --resume" "$tmp/pane" || fail "quit does not say how to resume"

printf 'minute\taction\twhat\thow\tref\n0\tcapacity\t3\n60\treply\tloudest\tthanks+regret\n' > "$tmp/want"
cmp "$tmp/want" "$tmp/ex/decisions.tsv" || fail "decisions.tsv: $(cat "$tmp/ex/decisions.tsv")"
echo "exercise_tmux.sh: ok ($screen screens, kept in $keep/)"
