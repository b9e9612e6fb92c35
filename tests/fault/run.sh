#!/usr/bin/env bash
# Fault injection on output writing (issue 13, item 17).
#
# For a single run, an ensemble, a comparison and a sweep, libfault.so makes
# the k-th file operation fail as a full disk would, for every k the
# command performs.  Into a directory that already holds a user's earlier
# outputs, each faulty command must either succeed or exit 1, and then:
#   - every output file is either the user's earlier file, untouched, or
#     the complete new file (never half-written, never a mix); runs.sqlite,
#     written in place one transaction at a time, passes SQLite's
#     integrity check;
#   - no temporary file is left behind;
#   - the same command again (with --resume when a checkpoint was left)
#     completes and gives files byte-identical to an uninterrupted run.
# Usage: tests/fault/run.sh [CRISIM]   (default ./crisim)
set -euo pipefail
cd "$(dirname "$0")/../.."
crisim=$(realpath "${1:-${CRISIM:-./crisim}}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
${CC:-cc} -shared -fPIC -O1 -Wall -Wextra -Werror -o "$tmp/libfault.so" \
	tests/fault/libfault.c -ldl

small=(scenarios/default.json --set network.nodes=500 -q)
cases=(
	"run"
	"run --runs 3 --threads 2"
	"compare --strategies none,plan --runs 2"
	"sweep --grid responder.capacity=1,5 --runs 2"
)

# Fingerprint a file as the comparison sees it: manifests without the wall
# time and the command line, which legitimately differ.
fp() {
	case $1 in
	*manifest.json) sed -E -e 's/"wall_seconds": [^,]*/"wall_seconds": X/' \
		-e 's/^( *"command": )\[.*\],$/\1X,/' "$1" | md5sum | cut -d' ' -f1 ;;
	*.sqlite) sqlite3 "$1" "select * from variants; select * from runs order by
		variant, run; select * from manifest where key not in ('command',
		'manifest.json') order by key" | md5sum | cut -d' ' -f1 ;;
	*) md5sum < "$1" | cut -d' ' -f1 ;;
	esac
}
# Every regular, non-dot output file under $1 (relative), checkpoint aside.
files() { (cd "$1" && find . -type f ! -name '.*' ! -path './checkpoint/*' | LC_ALL=C sort); }

fail=0 total=0
for c in "${cases[@]}"; do
	read -r -a cmd <<< "$c"
	ref=$tmp/ref old=$tmp/old
	rm -rf "$ref" "$old"
	"$crisim" "${cmd[@]}" "${small[@]}" -o "$ref" > /dev/null
	"$crisim" "${cmd[@]}" "${small[@]}" --seed 99 -o "$old" > /dev/null
	FAULT_AT=0 FAULT_COUNT=$tmp/count LD_PRELOAD=$tmp/libfault.so \
		"$crisim" "${cmd[@]}" "${small[@]}" -o "$tmp/count-dir" > /dev/null
	n=$(cat "$tmp/count")
	rm -rf "$tmp/count-dir"
	for ((k = 1; k <= n; k++)); do
		total=$((total + 1)) bad=0
		d=$tmp/d
		rm -rf "$d"
		cp -r "$old" "$d"
		rc=0
		FAULT_AT=$k LD_PRELOAD=$tmp/libfault.so \
			"$crisim" "${cmd[@]}" "${small[@]}" -o "$d" > /dev/null 2> "$tmp/err" || rc=$?
		what="$c, fault at operation $k of $n"
		if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
			echo "FAIL $what: exit $rc: $(cat "$tmp/err")"; fail=$((fail + 1)); continue
		fi
		while read -r f; do
			[ -f "$d/$f" ] || { [ -f "$old/$f" ] && echo "FAIL $what: $f deleted" && bad=1; continue; }
			# the run store is written in place, one transaction at a
			# time: consistent whatever it holds (store.h)
			case $f in *.sqlite)
				[ "$(sqlite3 "$d/$f" 'pragma integrity_check')" = ok ] ||
					{ echo "FAIL $what: $f is not consistent"; bad=1; }
				continue ;;
			esac
			h=$(fp "$d/$f")
			if [ "$h" != "$(fp "$ref/$f")" ] && { [ ! -f "$old/$f" ] || [ "$h" != "$(fp "$old/$f")" ]; }; then
				echo "FAIL $what: $f is neither the user's old file nor the new one"
				bad=1
			fi
		done < <(files "$ref")
		if find "$d" -name '.*.tmp*' | grep -q .; then
			echo "FAIL $what: temporary files left: $(find "$d" -name '.*.tmp*')"
			bad=1
		fi
		if [ "$rc" = 0 ]; then fail=$((fail + bad)); continue; fi
		again=()
		[ -d "$d/checkpoint" ] && again=(--resume "$d")
		if ! "$crisim" "${cmd[@]}" "${small[@]}" -o "$d" "${again[@]}" > /dev/null 2> "$tmp/err"; then
			echo "FAIL $what: the rerun failed: $(cat "$tmp/err")"; fail=$((fail + 1)); continue
		fi
		while read -r f; do
			if [ ! -f "$d/$f" ] || [ "$(fp "$d/$f")" != "$(fp "$ref/$f")" ]; then
				echo "FAIL $what: after the rerun, $f differs from an uninterrupted run"
				bad=1
			fi
		done < <(files "$ref")
		fail=$((fail + bad))
	done
	echo "fault injection: $c: $n operations, each failed once"
done
echo "fault injection: $((total - fail)) passed, $fail failed"  # one per fault point
[ "$fail" = 0 ]
