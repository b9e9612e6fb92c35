#!/usr/bin/env bash
# validate.sh — crisim against published results (README.md, "Validation").
#
#   scripts/validate.sh [--fast] [--no-plots] [--threads T] [DIR]
#
# Runs every scenario in scenarios/validation/ as an ensemble of the crisim
# binary ($CRISIM, default ./crisim), compares the outcome with the published
# value, prints the table and writes it to DIR/validation.tsv (default
# out/validation), with the ensembles under DIR/runs/ and, unless --no-plots
# or gnuplot is missing, validation-*.png drawn by scripts/validation-*.gp.
# Exit status: 0 when every PASS/FAIL row passes, 1 when a row fails, 2 on
# bad usage.  Rows marked INFO (diagnostics) or CALIB (empirical calibration
# targets, which the defaults may miss by design) never fail the run.
#
# --fast is the subset `make test` runs (tests/test_validation.c): generated
# graphs shrink from N = 1e5 to 2e4 and ensembles to a few dozen runs.  The
# reference tolerances are for N = 1e5; the fluctuations and finite-size
# corrections of a rumour's or a giant component's final fraction scale as
# N^-1/2 (Pittel 1990; percolation away from T_c), so in --fast those
# tolerances are multiplied by sqrt(1e5 / 2e4) = 2.24.  Tolerances of
# ensemble means with no published tolerance are 3 standard errors of the
# mean (binomial for shares), computed from the ensemble itself.
set -euo pipefail
here=$PWD

usage() { echo "usage: scripts/validate.sh [--fast] [--no-plots] [--threads T] [DIR]"; }
fast=0 plots=1 threads=() out=out/validation
while [ $# -gt 0 ]; do
	case $1 in
	--fast) fast=1 ;;
	--no-plots) plots=0 ;;
	--threads) [ $# -ge 2 ] || { usage >&2; exit 2; }; threads=(--threads "$2"); shift ;;
	-h|--help) usage; exit 0 ;;
	-*) echo "validate.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
	*) out=$1 ;;
	esac
	shift
done
# Paths given by the caller are relative to the caller's directory; the
# scenarios and scripts are found relative to this script.
# ($CRISIM without a slash is looked up in PATH; unset, the repository's.)
case $out in /*) ;; *) out=$here/$out ;; esac
cd "$(dirname "$0")/.."
crisim=${CRISIM:-}
if [ -z "$crisim" ]; then   # a source tree, an installed tree, or PATH
	for c in $PWD/crisim $PWD/../../bin/crisim "$(command -v crisim || true)"; do
		[ -n "$c" ] && [ -x "$c" ] && { crisim=$c; break; }
	done
	crisim=${crisim:-$PWD/crisim}
fi
case $crisim in /*) ;; */*) crisim=$here/$crisim ;; *) crisim=$(command -v "$crisim" || echo "$crisim") ;; esac
[ -x "$crisim" ] || { echo "validate.sh: $crisim: no crisim binary (run make)" >&2; exit 2; }
vd=scenarios/validation
mkdir -p "$out/runs"
tsv=$out/validation.tsv
start=$(date +%s)

# Ensemble sizes (full / fast) and the graph size of generated networks.
if [ $fast = 1 ]; then
	nset=(--set network.nodes=20000); nfull=100000; nused=20000
	R_MT=30 R_ER=60 R_SUB=200 R_PL=100 R_FB=100 R_RUM=40 R_CAL=10 R_SWEEP=0 R_TIM=40
else
	nset=(); nfull=100000; nused=100000
	R_MT=100 R_ER=200 R_SUB=400 R_PL=200 R_FB=400 R_RUM=100 R_CAL=50 R_SWEEP=100 R_TIM=100
fi
scale=$(awk -v a=$nfull -v b=$nused 'BEGIN { printf "%.4f", sqrt(a / b) }')

# Shared awk functions: t quantile, column lookup, Wilson interval.
AWKLIB='
# t(0.975, nu) by the Cornish-Fisher expansion (error < 1e-3 for nu >= 3).
function tq(nu,   z) {
	z = 1.959963985
	if (nu < 1) return 0
	return z + (z^3 + z) / (4 * nu) + (5 * z^5 + 16 * z^3 + 3 * z) / (96 * nu^2) \
	         + (3 * z^7 + 19 * z^5 + 17 * z^3 - 15 * z) / (384 * nu^3)
}
# Wilson score interval of k successes in n at 95 %.
function wlo(k, n,   p, z, c, h) { if (n == 0) return 0; z = 1.959964; p = k / n
	c = (p + z * z / (2 * n)) / (1 + z * z / n); h = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n); return c - h }
function whi(k, n,   p, z, c, h) { if (n == 0) return 1; z = 1.959964; p = k / n
	c = (p + z * z / (2 * n)) / (1 + z * z / n); h = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n); return c + h }
'

check_done=1
# ens NAME FILE RUNS [crisim options]: one ensemble into $out/runs/NAME.
ens() {
	local name=$1 file=$2 runs=$3; shift 3
	# Every validation starts afresh: the checkpoint of an interrupted
	# earlier validation would make crisim refuse the directory.
	rm -rf "$out/runs/$name/checkpoint"
	"$crisim" run "$file" --runs "$runs" -o "$out/runs/$name" --quiet "${threads[@]}" "$@"
	# A cascade still running at the last tick would bias every size down
	# (the crisis rule's stories may outlast the day: check_done=0).
	[ "$check_done" = 1 ] || return 0
	awk -F'\t' '!/^#/ { if ($1 == "tick") { for (i = 1; i <= NF; i++) if ($i == "spreading_mean") c = i; next } last = $c }
		END { exit (c && last + 0 > 0) }' "$out/runs/$name/ensemble.tsv" ||
		{ echo "validate.sh: $name: agents still spreading at the last tick; raise ticks" >&2; exit 1; }
}

# stats RUNS.TSV COLUMN [MIN_REACH_SHARE] [one_minus]: over the runs whose
# reach_share exceeds MIN (all runs without it) print
#   n mean sd ci_half n_all max_reach_share
# skipping NaN values.  one_minus reports 1 - value.
stats() {
	awk -F'\t' -v col="$2" -v lo="${3:--1}" -v om="${4:-}" "$AWKLIB"'
	!/^#/ && $1 == "run" { for (i = 1; i <= NF; i++) h[$i] = i; next }
	!/^#/ { all++; r = $h["reach_share"] + 0; if (r > mx) mx = r
		if (r <= lo || $h[col] == "NaN") next
		x = $h[col] + 0; if (om != "") x = 1 - x; n++; s += x; ss += x * x }
	END { m = n ? s / n : 0; sd = n > 1 ? sqrt((ss - s * s / n) / (n - 1)) : 0
		if (sd != sd) sd = 0
		printf "%d %.6f %.6f %.6f %d %.6f\n", n, m, sd, (n > 1 ? tq(n - 1) * sd / sqrt(n) : 0), all, mx }' "$1"
}

# graph_info SCENARIO [options]: "T_c <k> nodes" of the realised graph, and
# its arcs into $out/runs/EDGES for the configuration-model prediction.
graph_info() {
	local file=$1 edges=$2; shift 2
	"$crisim" graph "$file" "$@" -o "$edges" |
		awk -F'\t' '{ v[$1] = $2 } END { print v["sir_threshold"], v["mean_degree"], v["nodes"] }'
}

# cm_size EDGES NODES T...: configuration-model final size of a major
# outbreak for each T (Newman 2002): u = G1(1 - T + T u) by iteration from
# u = 0 (the smallest root), S = 1 - G0(1 - T + T u), with the degree
# distribution p_k of the realised graph (isolated agents included).
cm_size() {
	local edges=$1 nodes=$2; shift 2
	awk -v nodes="$nodes" -v Ts="$*" '
	!/^#/ { d[$1]++ }
	END {
		for (i in d) { h[d[i]]++; seen++ }
		if (nodes > seen) h[0] += nodes - seen
		z = 0; for (k in h) z += k * h[k] / nodes
		nt = split(Ts, t, " ")
		for (j = 1; j <= nt; j++) {
			T = t[j]; u = 0
			for (it = 0; it < 100000; it++) {
				x = 1 - T + T * u; g = 0
				for (k in h) if (k > 0) g += k * h[k] / (nodes * z) * x ^ (k - 1)
				if (g - u < 1e-10 && u - g < 1e-10) { u = g; break }
				u = g
			}
			x = 1 - T + T * u; g = 0
			for (k in h) g += h[k] / nodes * x ^ k
			printf "%.6f\n", 1 - g
		}
	}' "$edges"
}

# er_size c: the root of S = 1 - exp(-c S) (0 for c <= 1), by iteration from 1.
er_size() {
	awk -v c="$1" 'BEGIN { s = 1; for (i = 0; i < 100000; i++) { n = 1 - exp(-c * s); if (n - s < 1e-13 && s - n < 1e-13) break; s = n }
		printf "%.6f\n", s < 1e-6 ? 0 : s }'
}

# row ID RESULT SOURCE EXPECTED MEASURED CI TOL N STATUS NOTE
printf 'id\tresult\tsource\texpected\tmeasured\tci95\ttolerance\truns\tstatus\tnote\n' > "$tsv.tmp"
row() { local IFS=$'\t'; printf '%s\n' "$*" >> "$tsv.tmp"; }
# judge MEAN EXPECTED TOL: PASS when |mean - expected| <= tol.
judge() { awk -v m="$1" -v e="$2" -v t="$3" 'BEGIN { d = m - e; print ((d <= t && -d <= t) ? "PASS" : "FAIL") }'; }
f4() { awk -v x="$1" 'BEGIN { printf "%.4f", x }'; }
f6() { awk -v x="$1" 'BEGIN { printf "%.6f", x }'; }

# ---- A1: Maki-Thompson, complete mixing ------------------------------------
ens mt-well-mixed $vd/mt-well-mixed.json $R_MT "${nset[@]}"
read -r n m sd h all mx < <(stats $out/runs/mt-well-mixed/runs.tsv reach_share -1 one_minus)
tol=$(f4 "$(awk -v s=$scale 'BEGIN { print 0.005 * s }')")
row A1-theta "Maki-Thompson well mixed: final ignorant fraction theta" "Sudbury 1985" 0.203188 \
	"$(f6 $m)" "$(f6 $h)" "$tol" "$n" "$(judge $m 0.203188 $tol)" "N=$nused; per-run sd $(f4 $sd)"
awk -F'\t' '!/^#/ && $1 == "run" { for (i = 1; i <= NF; i++) if ($i == "reach_share") c = i; next }
	!/^#/ { printf "%.6f\n", 1 - $c }' $out/runs/mt-well-mixed/runs.tsv > "$out/theta.tsv.tmp"
mv "$out/theta.tsv.tmp" "$out/theta.tsv"

# ---- B3: independent cascade on Erdos-Renyi --------------------------------
tol=$(f4 "$(awk -v s=$scale 'BEGIN { print 0.01 * s }')")
for zt in "4 0.5 0.796812" "3 0.5 0.582812" "10 0.15 0.582812"; do
	read -r z T S <<< "$zt"
	name=cascade-er-z$z-T$T
	ens $name $vd/$name.json $R_ER "${nset[@]}"
	read -r n m sd h all mx < <(stats $out/runs/$name/runs.tsv reach_share 0.01)
	# The same formula at the realised mean degree of the graph separates
	# the graph's sampling noise (sd sqrt(2z/N)) from the dynamics.
	zr=$("$crisim" graph $vd/$name.json "${nset[@]}" | awk -F'\t' '$1 == "mean_degree" { print $2 }')
	Sr=$(er_size "$(awk -v z=$zr -v t=$T 'BEGIN { print z * t }')")
	row B3-size-z$z-T$T "Cascade on ER z=$z T=$T: major-outbreak size S=1-exp(-zTS)" "Newman 2002" $S \
		"$(f6 $m)" "$(f6 $h)" "$tol" "$n" "$(judge $m $S $tol)" "N=$nused; $n of $all runs major (>1% of N); S at realised <k>=$zr: $Sr"
	# The share of runs that are major estimates the same S (info only:
	# 3 binomial standard errors).
	ptol=$(awk -v s=$S -v n=$all 'BEGIN { printf "%.4f", 3 * sqrt(s * (1 - s) / n) }')
	p=$(awk -v k=$n -v a=$all 'BEGIN { printf "%.4f", k / a }')
	pci=$(awk -v k=$n -v a=$all "$AWKLIB"'BEGIN { printf "[%.3f,%.3f]", wlo(k, a), whi(k, a) }')
	row B3-prob-z$z-T$T "Cascade on ER z=$z T=$T: share of runs that are major (=S)" "Newman 2002" $S \
		"$p" "$pci" "$ptol" "$all" "$(judge $p $S $ptol)" "binomial tolerance, 3 SE"
done

# The final-size curve for the figure: S against zT for three z, which
# theory puts on one curve S = 1 - exp(-zT S) (full runs only).
if [ $R_SWEEP -gt 0 ]; then
	printf 'z\tT\tzT\truns\tmajors\tshare\tshare_lo\tshare_hi\tsize\tsize_ci\ttheory\n' > "$out/sweep-er.tsv.tmp"
	for z in 3 4 10; do
		for c in 0.5 0.8 1.2 1.5 2 3 4; do
			T=$(awk -v c=$c -v z=$z 'BEGIN { printf "%.6g", c / z }')
			awk -v t=$T 'BEGIN { exit !(t > 1) }' && continue
			ens er-z$z-c$c $vd/cascade-er-z4-T0.5.json $R_SWEEP --set network.mean_degree=$z --set spread.p=$T
			read -r n m sd h all mx < <(stats $out/runs/er-z$z-c$c/runs.tsv reach_share 0.01)
			awk -v z=$z -v T=$T -v c=$c -v a=$all -v k=$n -v m=$m -v h=$h -v s=$(er_size $c) "$AWKLIB"'BEGIN {
				printf "%s\t%s\t%s\t%d\t%d\t%.4f\t%.4f\t%.4f\t%s\t%s\t%s\n", z, T, c, a, k, k / a, wlo(k, a), whi(k, a),
					k ? sprintf("%.6f", m) : "NaN", k ? sprintf("%.6f", h) : "NaN", s }' >> "$out/sweep-er.tsv.tmp"
		done
	done
	mv "$out/sweep-er.tsv.tmp" "$out/sweep-er.tsv"
	for i in $(seq 0 250); do c=$(awk -v i=$i 'BEGIN { print i / 50 }'); printf '%s\t%s\n' $c $(er_size $c); done > "$out/er-theory.tsv.tmp"
	mv "$out/er-theory.tsv.tmp" "$out/er-theory.tsv"
fi

name=cascade-er-subcritical
ens $name $vd/$name.json $R_SUB "${nset[@]}"
read -r n m sd h all mx < <(stats $out/runs/$name/runs.tsv reach_share 0.01)
row B3-none-below-Tc "Cascade on ER z=4 T=0.2<T_c=0.25: no major outbreak" "Newman 2002" 0 \
	"$n" "max share $(f4 $mx)" 0 "$all" "$([ "$n" = 0 ] && echo PASS || echo FAIL)" "majors counted (>1% of N)"
read -r n m sd h all mx < <(stats $out/runs/$name/runs.tsv reach)
tol=$(awk -v s=$sd -v n=$n 'BEGIN { printf "%.4f", 3 * s / sqrt(n) }')
row B3-mean-below-Tc "Cascade on ER z=4 T=0.2: mean outbreak size 1+zT/(1-zT)" "Newman 2002" 5 \
	"$(f4 $m)" "$(f4 $h)" "$tol" "$n" "$(judge $m 5 $tol)" "tolerance 3 SE of the mean"

# ---- B3/B4: threshold on a power-law configuration model and ego-Facebook --
# sweep NAME FILE RUNS MULTIPLIERS: runs at T = m T_c; writes
# $out/sweep-NAME.tsv (T, T/T_c, runs, majors, share and its Wilson CI,
# mean size of majors and its CI, mean reach share, configuration-model S).
sweep() {
	local name=$1 file=$2 runs=$3 mults=$4; shift 4
	read -r tc kmean nodes < <(graph_info "$file" "$out/runs/$name-edges.txt" "$@")
	local Ts="" mlt
	for mlt in $mults; do Ts="$Ts $(awk -v a=$mlt -v t=$tc 'BEGIN { printf "%.8g", a * t }')"; done
	local cm=($(cm_size "$out/runs/$name-edges.txt" "$nodes" $Ts))
	printf '# %s: T_c=%s <k>=%s nodes=%s runs=%s\nT\tT_over_Tc\truns\tmajors\tshare\tshare_lo\tshare_hi\tsize\tsize_ci\tmean_reach_share\tmean_reach\tmean_reach_ci\tcm_size\n' \
		"$name" "$tc" "$kmean" "$nodes" "$runs" > "$out/sweep-$name.tsv.tmp"
	local i=0 T
	for T in $Ts; do
		mlt=$(echo $mults | cut -d' ' -f$((i + 1)))
		ens $name-x$mlt "$file" "$runs" "$@" --set spread.p=$T
		local r=$out/runs/$name-x$mlt/runs.tsv
		read -r n m sd h all mx < <(stats $r reach_share 0.01)
		read -r n2 m2 sd2 h2 all2 mx2 < <(stats $r reach_share)
		read -r n3 m3 sd3 h3 all3 mx3 < <(stats $r reach)
		awk -v T=$T -v x=$mlt -v a=$all -v k=$n -v m=$m -v h=$h -v mr=$m2 -v r=$m3 -v rh=$h3 -v s=${cm[$i]} "$AWKLIB"'BEGIN {
			printf "%s\t%s\t%d\t%d\t%.4f\t%.4f\t%.4f\t%s\t%s\t%.6f\t%.4f\t%.4f\t%.6f\n", T, x, a, k, k / a, wlo(k, a), whi(k, a),
				k ? sprintf("%.6f", m) : "NaN", k ? sprintf("%.6f", h) : "NaN", mr, r, rh, s }' \
			>> "$out/sweep-$name.tsv.tmp"
		i=$((i + 1))
	done
	mv "$out/sweep-$name.tsv.tmp" "$out/sweep-$name.tsv"
	echo "$tc $kmean $nodes" > "$out/sweep-$name.info.tmp"
	mv "$out/sweep-$name.info.tmp" "$out/sweep-$name.info"
}
# sweep_at NAME MULT COLUMN: a column of the sweep row at T = MULT T_c.
sweep_at() { awk -F'\t' -v x=$2 -v c=$3 '!/^#/ && $1 != "T" && $2 == x { print $c }' "$out/sweep-$1.tsv"; }

if [ $fast = 1 ]; then mults="0.5 3"; else mults="0.25 0.5 0.75 1 1.25 1.5 2 3 4 6 10"; fi
sweep powerlaw $vd/cascade-powerlaw-threshold.json $R_PL "$mults" "${nset[@]}"
read -r tc kmean nodes < "$out/sweep-powerlaw.info"
majors=$(sweep_at powerlaw 0.5 4); runs=$(sweep_at powerlaw 0.5 3)
row B4-pl-none-half "Power-law CM (T_c=$(f4 $tc)): no major outbreak at 0.5 T_c" "Newman 2002; Pastor-Satorras & Vespignani 2001" 0 \
	"$majors" "-" 0 "$runs" "$([ "$majors" = 0 ] && echo PASS || echo FAIL)" "N=$nodes; <k>=$kmean"
exp_s=$(awk -v t=$tc -v k=$kmean 'BEGIN { printf "%.4f", 1 + 0.5 * t * k / (1 - 0.5) }')
read -r n m sd h all mx < <(stats $out/runs/powerlaw-x0.5/runs.tsv reach)
tol=$(awk -v s=$sd -v n=$n 'BEGIN { printf "%.4f", 3 * s / sqrt(n) }')
row B4-pl-mean-half "Power-law CM: mean outbreak size at 0.5 T_c, 1+T<k>/(1-T/T_c)" "Newman 2002" $exp_s \
	"$(f4 $m)" "$(f4 $h)" "$tol" "$n" "$(judge $m $exp_s $tol)" "tolerance 3 SE of the mean"
S=$(sweep_at powerlaw 3 13); m=$(sweep_at powerlaw 3 8); h=$(sweep_at powerlaw 3 9)
k=$(sweep_at powerlaw 3 4); runs=$(sweep_at powerlaw 3 3)
tol=$(f4 "$(awk -v s=$scale 'BEGIN { print 0.01 * s }')")
row B4-pl-size-3Tc "Power-law CM: major-outbreak size at 3 T_c vs CM prediction" "Newman 2002" "$S" \
	"$m" "$h" "$tol" "$k" "$(judge $m $S $tol)" "$k of $runs runs major"
p=$(sweep_at powerlaw 3 5)
ptol=$(awk -v s=$S -v n=$runs 'BEGIN { printf "%.4f", 3 * sqrt(s * (1 - s) / n) }')
row B4-pl-prob-3Tc "Power-law CM: share of major outbreaks at 3 T_c (=S)" "Newman 2002" "$S" \
	"$p" "[$(sweep_at powerlaw 3 6),$(sweep_at powerlaw 3 7)]" "$ptol" "$runs" "$(judge $p $S $ptol)" "binomial tolerance, 3 SE"

sweep facebook $vd/cascade-facebook-threshold.json $R_FB "$mults"
read -r tc kmean nodes < "$out/sweep-facebook.info"
majors=$(sweep_at facebook 0.5 4); runs=$(sweep_at facebook 0.5 3)
row B4-fb-none-half "ego-Facebook (CM T_c=$(f4 $tc)): no major outbreak at 0.5 T_c" "Newman 2002; REFERENCE B4" 0 \
	"$majors" "[$(sweep_at facebook 0.5 6),$(sweep_at facebook 0.5 7)]" 0 "$runs" "$([ "$majors" = 0 ] && echo PASS || echo FAIL)" "major = >1% of N = 40 agents"
p=$(sweep_at facebook 3 5); lo=$(sweep_at facebook 3 6); hi_half=$(sweep_at facebook 0.5 7)
row B4-fb-liftoff-3Tc "ego-Facebook: clear share of major outbreaks at 3 T_c" "Newman 2002; REFERENCE B4" ">$hi_half" \
	"$p" "[$lo,$(sweep_at facebook 3 7)]" "Wilson lo > Wilson hi at 0.5 T_c" "$(sweep_at facebook 3 3)" \
	"$(awk -v a=$lo -v b=$hi_half 'BEGIN { print ((a > b) ? "PASS" : "FAIL") }')" "lift-off between 0.5 and 3 T_c"
S=$(sweep_at facebook 3 13); m=$(sweep_at facebook 3 8); h=$(sweep_at facebook 3 9)
row B4-fb-size-3Tc "ego-Facebook: major-outbreak size at 3 T_c vs CM (clustering)" "Newman 2002" "$S" \
	"$m" "$h" "-" "$(sweep_at facebook 3 4)" INFO "clustering 0.61 shrinks outbreaks: measured/CM = $(awk -v a=$m -v b=$S 'BEGIN { printf "%.2f", a / b }')"
read -r n m sd h all mx < <(stats $out/runs/facebook-x0.5/runs.tsv reach)
exp_s=$(awk -v t=$tc -v k=$kmean 'BEGIN { printf "%.4f", 1 + t * k }')
row B4-fb-mean-half "ego-Facebook: mean outbreak size at 0.5 T_c vs CM 1+T_c<k>" "Newman 2002" "$exp_s" \
	"$(f4 $m)" "$(f4 $h)" "-" "$n" INFO "CM (tree-like) value; near the seed clustering has little effect"

# ---- A2: rumour on scale-free vs homogeneous graphs -----------------------
ens rumour-sf $vd/rumour-graph-scalefree.json $R_RUM "${nset[@]}"
ens rumour-er $vd/rumour-graph-homogeneous.json $R_RUM "${nset[@]}"
read -r n1 m1 sd1 h1 a1 x1 < <(stats $out/runs/rumour-sf/runs.tsv reach_share)
read -r n2 m2 sd2 h2 a2 x2 < <(stats $out/runs/rumour-er/runs.tsv reach_share)
read -r d dh st < <(awk -v m1=$m1 -v s1=$sd1 -v n1=$n1 -v m2=$m2 -v s2=$sd2 -v n2=$n2 "$AWKLIB"'BEGIN {
	v1 = s1 * s1 / n1; v2 = s2 * s2 / n2; se = sqrt(v1 + v2)
	nu = (v1 + v2)^2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))   # Welch
	d = m1 - m2; h = tq(nu) * se
	printf "%.4f %.4f %s\n", d, h, (d < 0 && d + h < 0) ? "PASS" : "FAIL" }')
row A2-sf-smaller "Rumour on graph: scale-free (BA) minus homogeneous (ER) final reach, <k>=6" "Moreno, Nekovee & Pacheco 2004" "<0" \
	"$d" "$dh" "95% Welch CI excludes 0" "$n1+$n2" "$st" "reach BA $(f4 $m1), ER $(f4 $m2); N=$nused"

# ---- C10/C12: responder calibration (empirical targets) -------------------
cal=$vd/responder-adhoc-calibration.json
check_done=0
ens calib-adhoc $cal $R_CAL
# Einwiller & Steilen coded complaint threads on brand pages (everyday
# complaints, not a viral crisis): 47 % never answered, first reply median
# 46 min, mean 8 h 24 min (504 min).  In the same frame: per complaint
# thread (every mention; each reply answers one), pooled over the runs,
# on 7-day runs (ticks 2016) so that late replies are not cut off.
ens calib-adhoc-week $cal $R_CAL --set ticks=2016
# pooled: unanswered = sum(threads x share) / sum(threads); mean = sum over
# answered threads; the median is that of the run medians weighted by
# their answered threads (the runs' outcomes carry no per-thread list).
# Prints: runs threads unanswered mean median.
pooled_threads() {
	awk -F'\t' '!/^#/ && $1 == "run" { for (i = 1; i <= NF; i++) h[$i] = i; next }
	!/^#/ { t = $h["threads"]; u = $h["thread_unanswered_share"]; if (t == "NaN" || t + 0 == 0) next
		n++; T += t; U += t * u; a = t * (1 - u)
		if (a > 0) { A += a; M += a * $h["thread_reply_mean_minutes"]; k++; med[k] = $h["reply_minutes"] + 0; w[k] = a } }
	END { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (med[j] < med[i]) { x = med[i]; med[i] = med[j]; med[j] = x; x = w[i]; w[i] = w[j]; w[j] = x }
		c = 0; m = "NaN"; for (i = 1; i <= k; i++) { c += w[i]; if (c >= A / 2) { m = med[i]; break } }
		printf "%d %d %.6f %.6f %s\n", n, T, (T ? U / T : 0), (A ? M / A : 0), m }' "$1"
}
read -r nr thr una mean med < <(pooled_threads $out/runs/calib-adhoc-week/runs.tsv)
row C10-unanswered "adhoc defaults, 7 days: share of complaint threads never answered (pooled)" "Einwiller & Steilen 2015" 0.47 \
	"$(f4 $una)" "-" 0.014 "$nr" "$(judge $una 0.47 0.014 | sed 's/PASS/CALIB-MATCH/; s/FAIL/CALIB-DIFF/')" "$thr threads over $nr runs; per thread, not per complainant"
row C10-reply-minutes "adhoc defaults, 7 days: median minutes from a complaint thread to its first reply" "Einwiller & Steilen 2015" 46 \
	"$(f4 $med)" "-" 5 "$nr" "$(judge $med 46 5 | sed 's/PASS/CALIB-MATCH/; s/FAIL/CALIB-DIFF/')" "median of run medians weighted by answered threads"
row C10-reply-mean "adhoc defaults, 7 days: mean minutes from a complaint thread to its first reply (pooled)" "Einwiller & Steilen 2015" 504 \
	"$(f4 $mean)" "-" 50 "$nr" "$(judge $mean 504 50 | sed 's/PASS/CALIB-MATCH/; s/FAIL/CALIB-DIFF/')" "8 h 24 min; tolerance 10 % (ours: the paper gives no spread)"
# Context: the same web guy against the clock of real cascades (issue 11):
# the calibration scenario with the timing preset fitted to the Twitter15
# false rumours (scenarios/false-rumour-twitter-clock.json: power_law,
# theta 0.31, s0 4.8 min, half-life 144 min, fatigue 14 min), 7 days.
ens calib-adhoc-week-clock $cal $R_CAL --set ticks=2016 --set spread.timing.kernel=power_law \
	--set spread.timing.theta=0.31 --set spread.timing.s0=4.8 --set spread.half_life=144 \
	--set spread.fatigue=14
read -r cnr cthr cuna cmean cmed < <(pooled_threads $out/runs/calib-adhoc-week-clock/runs.tsv)
row C10-clock-unanswered "adhoc, 7 days on the Twitter15 clock: share of complaint threads never answered (pooled)" "(context for C10)" 0.47 \
	"$(f4 $cuna)" "-" "-" "$cnr" INFO "$cthr threads over $cnr runs; the timing preset of false-rumour-twitter-clock"
row C10-clock-reply-minutes "adhoc, 7 days on the Twitter15 clock: median minutes to a thread's first reply" "(context for C10)" 46 \
	"$(f4 $cmed)" "-" "-" "$cnr" INFO "median of run medians weighted by answered threads"
row C10-clock-reply-mean "adhoc, 7 days on the Twitter15 clock: mean minutes to a thread's first reply (pooled)" "(context for C10)" 504 \
	"$(f4 $cmean)" "-" "-" "$cnr" INFO "the brand's clock (check_minutes 65) unchanged; only the crowd's timing differs"
# Context: the same quantities per complainant on the 1-day runs, as the
# C10 rows measured them before (a person counts as answered after any
# reply; mean of per-run shares and medians).
read -r n m sd h all mx < <(stats $out/runs/calib-adhoc/runs.tsv answered_share -1 one_minus)
row C10-complainants-1day "adhoc defaults, 1 day: share of complainants never answered (mean of runs)" "(context for C10)" "-" \
	"$(f4 $m)" "$(f4 $h)" "-" "$n" INFO "per complainant, 1-day runs: not the paper's frame"
read -r n m sd h all mx < <(stats $out/runs/calib-adhoc/runs.tsv reply_minutes)
row C10-reply-minutes-1day "adhoc defaults, 1 day: median reply minutes (mean of run medians)" "(context for C10)" "-" \
	"$(f4 $m)" "$(f4 $h)" "-" "$n" INFO "$((all - n)) of $all runs never replied; check_minutes was calibrated on this"
col() { awk -F'\t' -v c="$2" '!/^#/ && $1 == "run" { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } !/^#/ { print $k }' "$1"; }
nan=$(col $out/runs/calib-adhoc/runs.tsv first_response | grep -c NaN || true)
read -r med nn < <(col $out/runs/calib-adhoc/runs.tsv first_response | grep -v NaN | sort -g |
	awk -v tm=5 '{ a[++n] = $1 } END { if (!n) { print "NaN 0"; exit } m = n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2; print m * tm, n }')
row C10-first-reply-crisis "adhoc: median minutes from the incident to the brand's first reply" "(context for C10)" "-" \
	"$med" "-" "-" "$nn" INFO "per crisis, not per complaint; $nan runs never replied"
# Whom the web guy answers, by audience: answered_audience = mean followers
# of the complainants answered / mean followers of all complainants, per
# run.  Gunarathne et al. found replies favour high-follower accounts: the
# direction holds when the 95 % CI of the mean lies above 1.
read -r n m sd h all mx < <(stats $out/runs/calib-adhoc/runs.tsv answered_audience)
st=$(awk -v m=$m -v h=$h 'BEGIN { print (m - h > 1) ? "CALIB-MATCH" : "CALIB-DIFF" }')
row C12-followers "adhoc defaults: followers of answered complainants / of all complainants" "Gunarathne et al. 2018" ">1" \
	"$(f4 $m)" "$(f4 $h)" "95% CI above 1" "$n" "$st" "answered_audience per run; $((all - n)) of $all runs never replied"

# ---- D: the crisis rule's clock against real cascades (timing) ------------
# The time profile of a scenario as `crisim fit` measures it: one
# evaluation at the scenario's own spread.timing.theta (a --param whose
# start is the file's value), so fit-curve.tsv holds the observed and the
# simulated cumulative fractions at 10 min ... 30 days.  Tolerances come
# from the spread of the real cascades, never from the fit: the
# interquartile range of the Twitter15 cascades' own fractions.
# at_min CURVE MINUTES COLUMN: a column of fit-curve.tsv at a time.
at_min() { awk -F'\t' -v t=$2 -v c=$3 '!/^#/ && $1 != "minutes" && $1 == t { print $c }' "$1"; }
# t15_iqr MINUTES HORIZON: q25 q75 of cum_MINUTES / cum_HORIZON over all
# 1490 Twitter15 cascades with an event by HORIZON (type-7 quantiles).
t15_iqr() {
	awk -F'\t' -v t=$1 -v h=$2 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["cum_" h "min"] > 0 { print $c["cum_" t "min"] / $c["cum_" h "min"] }' \
		scenarios/data/twitter15_cascades_summary.tsv | sort -g |
	awk '{ v[++n] = $1 } function q(p,   x, k) { x = 1 + (n - 1) * p; k = int(x); return v[k] + (x - k) * (v[k + 1] - v[k]) }
		END { printf "%.4f %.4f\n", q(0.25), q(0.75) }'
}
# curve NAME SCENARIO TARGET LABEL|- [--set ...]: fit-curve.tsv of one
# evaluation.
curve() {
	local name=$1 file=$2 target=$3 label=$4; shift 4
	local th lab=()
	[ "$label" = - ] || lab=(--label "$label")
	th=$("$crisim" validate "$file" "$@" | awk -F'\t' '/"theta":/ { gsub(/[^0-9.eE+-]/, "", $NF); print $NF }')
	rm -rf "$out/runs/$name"
	"$crisim" fit "$file" -q --target "$target" "${lab[@]}" --param "spread.timing.theta=0.001:100:$th" \
		--runs $R_TIM --max-evals 1 -o "$out/runs/$name" "$@" >/dev/null
	echo "$out/runs/$name/fit-curve.tsv"
}
# D1: the SEISMIC cascade, the fitted validation scenario (make calibrate
# fits it; its file holds the fitted values).  A calibration target: the
# tolerance is half the Twitter15 interquartile range at that time (one
# real cascade lies within it of the middle of the others).
c=$(curve timing-seismic $vd/timing-seismic.json scenarios/data/seismic_tweet_127001313513967616.tsv -)
for tm in "60 1h" "360 6h" "1440 24h"; do
	read -r t lbl <<< "$tm"
	read -r q1 q3 < <(t15_iqr $t 10080)
	o=$(at_min $c $t 2) m=$(at_min $c $t 5)
	tol=$(awk -v a=$q1 -v b=$q3 'BEGIN { printf "%.4f", (b - a) / 2 }')
	row D1-seismic-$lbl "timing-seismic: share of distinct posters by $lbl vs the SEISMIC cascade's reshares" "Zhao et al. 2015 (SEISMIC data)" \
		"$(f4 $o)" "$(f4 $m)" "-" "$tol" $R_TIM "$(judge $m $o $tol | sed 's/PASS/CALIB-MATCH/; s/FAIL/CALIB-DIFF/')" \
		"pooled runs, normalised at 7 days; tolerance half the Twitter15 IQR [$q1,$q3]"
done
# D2: the shipped crisis with the calibrated timing preset
# (false-rumour-twitter-clock: 7 days, its own responder, the preset fitted
# to the Twitter15 false rumours by make calibrate): the median over runs of its share
# of posts by 1 h and by 24 h must lie in the interquartile range of the
# Twitter15 cascades of its kind (false rumours; all posts, normalised at 7
# days), as issue 11 asks of a calibrated default.
c=$(curve false-rumour-twitter-clock scenarios/false-rumour-twitter-clock.json \
	scenarios/data/twitter15_cascades_summary.tsv false)
for tm in "60 first-hour" "1440 first-day"; do
	read -r t lbl <<< "$tm"
	q1=$(at_min $c $t 3) q3=$(at_min $c $t 4) m=$(at_min $c $t 6)
	row D2-twitter-clock-$lbl "false-rumour-twitter-clock: median share of posts in the $lbl within the Twitter15 false-rumour IQR" "Ma, Gao & Wong 2017 (Twitter15)" \
		"[$(f4 $q1),$(f4 $q3)]" "$(f4 $m)" "-" "IQR of 368 cascades" $R_TIM \
		"$(awk -v m=$m -v a=$q1 -v b=$q3 'BEGIN { print (m >= a && m <= b) ? "PASS" : "FAIL" }')" \
		"median over runs of posts by $t min / by 7 days; Twitter15 median $(f4 $(at_min $c $t 2))"
done

mv "$tsv.tmp" "$tsv"
secs=$(( $(date +%s) - start ))

# ---- table and plots --------------------------------------------------------
awk -F'\t' 'NR == 1 { next }
	{ printf "%-26s %-10s %-12s %-22s %-12s %s\n      %s — %s%s\n", $1, $9, $4, $5 " ± " $6, "tol " $7, "n=" $8, $2, $3, ($10 != "" ? "; " $10 : "") }' "$tsv"
plot_fails=0
if [ $plots = 1 ]; then
	if command -v gnuplot > /dev/null; then
		# Each plot is drawn to a temporary name and renamed when done.
		for g in scripts/validation-*.gp; do
			png=$out/$(basename "$g" .gp).png
			if gnuplot -e "dir='$out'; outfile='$png.tmp'" "$g"; then
				# (a script with no data for this run draws nothing)
				if [ -e "$png.tmp" ]; then mv "$png.tmp" "$png"; fi
			else
				rm -f "$png.tmp"
				echo "validate.sh: $g failed" >&2
				plot_fails=$((plot_fails + 1))
			fi
		done
		[ $fast = 1 ] || echo "plots: $out/validation-*.png"
	else
		echo "validate.sh: gnuplot not found; no plots" >&2
	fi
fi
fails=$(awk -F'\t' 'NR > 1 && $9 == "FAIL"' "$tsv" | wc -l)
echo "validation: $(awk -F'\t' 'NR > 1 && $9 == "PASS"' "$tsv" | wc -l) PASS, $fails FAIL; $tsv; ${secs} s"
[ "$fails" = 0 ] && [ "$plot_fails" = 0 ]
