#!/usr/bin/env bash
# calibrate.sh — the crisis rule's response times fitted to real cascades
# (models/README.md, "Calibration to real cascades"): `crisim fit` of
#   D1  scenarios/validation/timing-seismic.json to the SEISMIC retweet
#       cascade (distinct posters' onsets; 7 days), five parameters: the
#       kernel's theta and s0, the story's attention half-life and the
#       day/night cycle's amplitude and peak hour;
#   D2  scenarios/validation/timing-twitter15.json to the median curve of
#       each Twitter15 label (all posts; 30 days), four parameters: theta,
#       s0, the half-life and spread.fatigue, which sets how often an
#       account posts again (cascades of every hour of the day are pooled
#       in a label's median, so no cycle).
# Starts: SEISMIC's theta = 0.23 and s0 = 5 min, the crisis rule's default
# half-life of 60 min, the middle of the box for the cycle, and fatigue 10
# min: Twitter15 has 1.03-1.06 events per account (an account rarely posts
# twice), which the default 240 min (about 1.9 posts per poster) is far
# from; from 240 the simplex ends in a worse minimum (loss 0.055 against
# 0.012 on `false`) that fits the posts by reposting, every poster within
# the first hour.  Writes
# DIR/NAME/{fit.json,fit.tsv,fit-curve.tsv,fit.png} and DIR/calibration.tsv
# (one row per fit: the fitted values, the rms loss and the fitted curve's
# error at 10 min, 1 h, 6 h, 24 h and 7 days) and prints that table.
#
#   scripts/calibrate.sh [DIR]       (default out/calibrate; make calibrate)
# RUNS (default 40) and EVALS (default 200) set --runs and --max-evals.
set -euo pipefail
here=$PWD
out=${1:-out/calibrate}
case $out in /*) ;; *) out=$here/$out ;; esac
cd "$(dirname "$0")/.."
crisim=${CRISIM:-$PWD/crisim}
case $crisim in /*) ;; *) crisim=$here/$crisim ;; esac
runs=${RUNS:-40} evals=${EVALS:-200}
mkdir -p "$out"
start=$(date +%s)

kernel=(--param spread.timing.theta=0.02:10:0.23 --param spread.timing.s0=0.1:240:5
        --param spread.half_life=0.5:2000:60)
"$crisim" fit scenarios/validation/timing-seismic.json -q \
	--target scenarios/data/seismic_tweet_127001313513967616.tsv "${kernel[@]}" \
	--param spread.timing.diurnal=0.01:0.99 --param spread.timing.peak_hour=0.01:23.99 \
	--runs "$runs" --max-evals "$evals" -o "$out/seismic"
for label in false true unverified non-rumor; do
	"$crisim" fit scenarios/validation/timing-twitter15.json -q \
		--target scenarios/data/twitter15_cascades_summary.tsv --label $label \
		"${kernel[@]}" --param spread.fatigue=1:2000:10 \
		--runs "$runs" --max-evals "$evals" -o "$out/twitter15-$label"
done

# One row per fit from its fit.json (flat enough for sed).
printf 'fit\tquantity\tparameters\tloss\tevaluations\tstopped\terr_10min\terr_1h\terr_6h\terr_24h\terr_7d\n' > "$out/calibration.tsv.tmp"
for d in seismic twitter15-false twitter15-true twitter15-unverified twitter15-non-rumor; do
	j=$out/$d/fit.json
	params=$(sed -n 's/^    "\([^"]*\)": {"value": \([^,]*\),.*/\1=\2/p' "$j" |
		awk -F= '{ printf "%s%s=%.4g", (NR > 1 ? " " : ""), $1, $2 }')
	get() { sed -n "s/^  \"$1\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$j"; }
	errs=$(sed -n 's/^  "error_at_minutes": {\(.*\)},$/\1/p' "$j" |
		awk -v RS=', ' -F': ' '{ gsub(/"/, "", $1); e[$1] = $2 }
			END { n = split("10 60 360 1440 10080", t, " ")
				for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? "\t" : ""), (t[i] in e ? sprintf("%+.3f", e[t[i]]) : "-") }')
	printf '%s\t%s\t%s\t%.4f\t%s\t%s\t%s\n' "$d" "$(get quantity)" "$params" "$(get loss)" \
		"$(get evaluations)" "$(get stopped)" "$errs" >> "$out/calibration.tsv.tmp"
done
mv "$out/calibration.tsv.tmp" "$out/calibration.tsv"
column -t -s $'\t' "$out/calibration.tsv"
echo "calibration: $out/calibration.tsv, plots $out/*/fit.png; $(( $(date +%s) - start )) s"
