#!/usr/bin/env bash
# MPI tests (make test-mpi): the MPI build of crisim ($CRISIM) on 1 and 2
# ranks must write byte-identical files (the manifest up to wall_seconds),
# for ensembles, comparisons and sweeps, and an interrupted 2-rank sweep or
# comparison resumed on 2 ranks must equal the uninterrupted one.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "$(dirname "${CRISIM:-build/mpi/crisim}")" && pwd)/$(basename "${CRISIM:-build/mpi/crisim}")
mpirun=(mpirun --oversubscribe)
[ "$(id -u)" = 0 ] && mpirun+=(--allow-run-as-root)
work=$(mktemp -d /tmp/crisim-mpi-XXXXXX)
trap 'rm -rf "$work"' EXIT
scn=("$root/scenarios/default.json" --set network.nodes=2000 --set ticks=60 -q)
fails=0

# The variants and runs of a run store, in key order.
rows() {
	sqlite3 "$1" 'select * from variants order by variant' \
		'select * from runs order by variant, run'
}

# same_tree A B: every file equal; manifest.json equal but for wall_seconds,
# runs.sqlite equal in its rows.
same_tree() {
	local a=$1 b=$2 f
	while IFS= read -r f; do
		if [ "$(basename "$f")" = manifest.json ]; then
			cmp -s <(grep -v wall_seconds "$a/$f") <(grep -v wall_seconds "$b/$f") ||
				{ echo "FAIL: $f differs"; return 1; }
		elif [ "$(basename "$f")" = runs.sqlite ]; then
			# its manifest table holds the wall time: compare the rows
			cmp -s <(rows "$a/$f") <(rows "$b/$f") ||
				{ echo "FAIL: $f differs"; return 1; }
		else
			cmp -s "$a/$f" "$b/$f" || { echo "FAIL: $f differs"; return 1; }
		fi
	done < <(cd "$a" && find . -type f | sort)
	[ "$(cd "$a" && find . -type f | sort)" = "$(cd "$b" && find . -type f | sort)" ] ||
		{ echo "FAIL: different file lists"; return 1; }
}

# check NAME ARGS...: run on 1 rank and on 2 ranks in twin directories.
check() {
	local name=$1; shift
	for n in 1 2; do
		mkdir -p "$work/$name-$n"
		(cd "$work/$name-$n" && "${mpirun[@]}" -n "$n" "$bin" "$@" -o out >/dev/null)
	done
	if same_tree "$work/$name-1/out" "$work/$name-2/out"; then
		echo "ok: $name (1 rank = 2 ranks)"
	else
		fails=$((fails + 1))
	fi
}

check ensemble run "${scn[@]}" --runs 9 --threads 2
check compare compare "${scn[@]}" --strategies none,none --runs 5 --threads 1
check sweep sweep "${scn[@]}" --grid spread.p=0.05,0.15,0.3 --runs 4 --threads 2

# interrupted on 2 ranks, resumed on 2 ranks = uninterrupted on 1
mkdir -p "$work/resume"
cd "$work/resume"
set +e
"${mpirun[@]}" -n 2 "$bin" sweep "${scn[@]}" --grid spread.p=0.05,0.15,0.3 --runs 4 \
	--threads 1 --stop-after 2 -o out >/dev/null 2>&1
rc=$?
set -e
if [ "$rc" != 130 ]; then
	echo "FAIL: interrupted sweep exited $rc, not 130"; fails=$((fails + 1))
fi
"${mpirun[@]}" -n 2 "$bin" sweep "${scn[@]}" --grid spread.p=0.05,0.15,0.3 --runs 4 \
	--threads 1 --resume out >/dev/null
if cmp -s out/sweep.tsv "$work/sweep-1/out/sweep.tsv"; then
	echo "ok: sweep interrupted and resumed on 2 ranks"
else
	echo "FAIL: resumed sweep.tsv differs"; fails=$((fails + 1))
fi

# a comparison interrupted and resumed on 2 ranks = uninterrupted on 1 (every
# file but the manifests, whose commands differ; the run store by its rows)
mkdir -p "$work/resume-compare"
cd "$work/resume-compare"
set +e
"${mpirun[@]}" -n 2 "$bin" compare "${scn[@]}" --strategies none,none --runs 5 --threads 1 \
	--stop-after 2 -o out >/dev/null 2>&1
rc=$?
set -e
if [ "$rc" != 130 ]; then
	echo "FAIL: interrupted comparison exited $rc, not 130"; fails=$((fails + 1))
fi
"${mpirun[@]}" -n 2 "$bin" compare "${scn[@]}" --strategies none,none --runs 5 --threads 1 \
	--resume out >/dev/null
if diff -r -x manifest.json -x runs.sqlite out "$work/compare-1/out" >/dev/null &&
	cmp -s <(rows out/runs.sqlite) <(rows "$work/compare-1/out/runs.sqlite"); then
	echo "ok: comparison interrupted and resumed on 2 ranks"
else
	echo "FAIL: resumed comparison differs"; fails=$((fails + 1))
fi

[ "$fails" = 0 ] && echo "MPI tests: all passed" || { echo "MPI tests: $fails failed"; exit 1; }
