# compare-diff.gp — the paired differences of `crisim compare` as bars:
# for each outcome with a direction (see README.md, "Ensembles, comparisons and sweeps"), each
# strategy minus the first, in % of the first strategy's mean, with the 95 %
# paired-t interval as error bars.  Bars are green where the difference is
# an improvement (lower damage, higher attitude, ...), red where worse.
#
#   gnuplot -e "indir='out/cmp'; outfile='out/cmp/compare-diff.png'; fmt='png'" compare-diff.gp

if (!exists("indir")) indir = "."
if (!exists("fmt")) fmt = "png"
if (!exists("outfile")) outfile = indir . "/compare-diff." . fmt

if (fmt eq "svg") {
    set terminal svg size 1600,950 dynamic enhanced font "Sans,16" background rgb "white"
} else {
    set terminal pngcairo size 1600,950 enhanced font "Sans,16"
}
set output outfile

cmp = indir . "/compare.tsv"
set datafile separator "\t"
strats = system(sprintf("awk -F'\t' '!/^#/ && $1 == \"damage\" {print $3}' '%s'", cmp))
ns = words(strats)
base = word(strats, 1)
runs = system(sprintf("sed -n 's/^# runs: //p' '%s' | head -n 1", cmp))
# rows: outcome, better, strategy, rel_diff, rel_ci_lo, rel_ci_hi (finite only)
rows(s) = sprintf("< awk -F'\t' '!/^#/ && $2 != \"better\" && $2 != \"-\" && $3 == \"%s\" && $16 != \"NaN\" {print $1\"\t\"$2\"\t\"$16\"\t\"$17\"\t\"$18}' '%s'", s, cmp)

set title sprintf("Paired differences vs %s over %s runs: mean and 95%% CI (paired t), %% of %s's mean", base, runs, base) font "Sans,18"
set ylabel "difference, % of baseline mean"
set grid ytics lc rgb "#dddddd"
set border lw 1.5
set xtics rotate by -30 left font ",16" nomirror noenhanced
set key top left opaque box font ",16" noenhanced
set style fill solid 0.75 noborder
set boxwidth 0.8 / (ns > 1 ? ns - 1 : 1)
set xzeroaxis lw 2 lc rgb "#333333"
set bars 2
width = 0.8 / (ns > 1 ? ns - 1 : 1)
off(i) = (i - 2 - (ns - 2) / 2.0) * width
# Outcomes whose baseline mean is 0 (e.g. gaffes of a silent brand) have no
# relative difference and are left out; compare.tsv has their absolute ones.
# improvement: sign of the difference agrees with the direction of better
good(b, d) = (b eq "lower" && d < 0) || (b eq "higher" && d > 0)
shade(i) = i == 2 ? 0 : 0.25 * (i - 2)
# An interrupted comparison may have no pair yet: say so instead of failing.
npairs = int(system(sprintf("awk -F'\t' '!/^#/ && $10 != \"-\" && $10 != \"vs\" && $16 != \"NaN\"' '%s' | wc -l", cmp)))
if (ns < 2 || npairs == 0) {
    unset xtics
    unset ytics
    unset xzeroaxis
    set label 1 "no paired differences yet: no strategy after the baseline has finished runs" at graph 0.5, 0.5 center font ",20"
    plot [0:1][0:1] NaN notitle
} else {
    plot for [i = 2:ns] rows(word(strats, i)) using ($0 + off(i)):3:(good(strcol(2), $3) ? 0x27ae60 : 0xc0392b) with boxes lc rgb variable notitle, \
         for [i = 2:ns] rows(word(strats, i)) using ($0 + off(i)):3:4:5 with yerrorbars lc rgb "#222222" lw 2 pt 7 ps 0.6 title sprintf("%s - %s", word(strats, i), base), \
         for [i = 2:ns] rows(word(strats, i)) using ($0 + off(i)):($3 >= 0 ? $3 : 0):(word(strats, i)) with labels offset 0,0.8 font ",16" noenhanced notitle, \
         rows(word(strats, 2)) using 0:(1/0):xtic(1) notitle
}
