# fit.gp — a fit at a glance: the observed cumulative fraction (points; for
# a cascade summary, the median over cascades with their interquartile
# range as bars) against the simulated ones at the fitted point (the fitted
# quantity bold, the other thin: distinct posters' onsets and all posts),
# on a log time axis, and below it the residual (fitted - observed), from
# fit-curve.tsv (crisim fit FILE --target DATA ...).
#
#   gnuplot -e "indir='out/fit'; outfile='out/fit/fit.png'; fmt='png'" fit.gp
# (`crisim fit` and `crisim plot DIR` do this for PNG and SVG.)

if (!exists("indir")) indir = "."
if (!exists("fmt")) fmt = "png"
if (!exists("outfile")) outfile = indir . "/fit." . fmt

if (fmt eq "svg") {
    set terminal svg size 1400,1100 dynamic enhanced font "Sans,16" background rgb "white"
} else {
    set terminal pngcairo size 1400,1100 enhanced font "Sans,16"
}
set output outfile

f = indir . "/fit-curve.tsv"
set datafile separator "\t"
set datafile commentschars "#"
set datafile missing "NaN"

what = system(sprintf("sed -n 's/^# fitted: \\([a-z]*\\).*/\\1/p' '%s' | head -n 1", f))
loss = system(sprintf("sed -n 's/.*\"loss\": \\([^,]*\\),.*/\\1/p' '%s/fit.json' 2>/dev/null | head -n 1", indir))
target = system(sprintf("sed -n 's/.*\"target\": \"\\(.*\\)\",.*/\\1/p' '%s/fit.json' 2>/dev/null | head -n 1", indir))
other = what eq "posts" ? "posters" : "posts"
# A summary's quartiles; an event list (one cascade) has none.
band = system(sprintf("awk -F'\t' '!/^#/ && $3 != \"NaN\" && $3 != \"observed_q25\" {n++} END {print n + 0}' '%s'", f)) + 0

set logscale x 10
set grid lc rgb "#dddddd"
set border lw 1.5
set xtics ("10 min" 10, "1 h" 60, "6 h" 360, "1 d" 1440, "7 d" 10080, "30 d" 43200)
set mxtics 10

hmax = system(sprintf("awk -F'\t' '!/^#/ && $1 != \"minutes\" {m = $1} END {print m}' '%s'", f)) + 0
set xrange [7 : hmax * 1.3]
name = system(sprintf("basename '%s' | sed 's/[_^{}@&~]/\\\\&/g'", target))
set multiplot layout 2,1 title sprintf("crisim fit — %s\n{/=16 fitted: %s; rms loss %.4f}", name, what, loss + 0) font "Sans,20"
set lmargin at screen 0.10
set rmargin at screen 0.95

set size 1, 0.62
set origin 0, 0.33
set title "Cumulative share of what was counted by the horizon"
set ylabel "fraction"
set yrange [0:1.05]
set key right bottom noenhanced box opaque
set format x ""
bandplot = band ? "f using 1:3:4 with filledcurves lc rgb '#888888' fs transparent solid 0.25 title 'observed, interquartile range of the cascades', " : ""
plot @bandplot \
     f using 1:2 with linespoints pt 7 ps 1.5 lw 2 lc rgb "black" title "observed", \
     f using 1:(column(what)) with lines lw 4 lc rgb "#c0392b" title sprintf("simulated %s (fitted)", what), \
     f using 1:(column(other)) with lines lw 2 dt 2 lc rgb "#2874a6" title sprintf("simulated %s", other)

set size 1, 0.30
set origin 0, 0.02
set title "Residual (fitted - observed)"
set ylabel "fraction"
set autoscale y
set format x
set xlabel "time since the original post"
unset key
plot f using 1:8 with linespoints pt 7 lw 2 lc rgb "#c0392b", 0 with lines lc rgb "black" dt 3

unset multiplot
