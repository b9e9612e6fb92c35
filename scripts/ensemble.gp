# ensemble.gp — an ensemble at a glance: for each key metric the median
# over runs (line), the mean (dashed: far from the median when outcomes are
# bimodal, most runs fizzling and a few becoming major outbreaks), the 50 %
# band (q25-q75, dark) and the 90 % band (q05-q95, light), from
# ensemble.tsv (crisim run FILE --runs N); the title gives the share of
# runs with a major outbreak (reach_share >= 0.5 in runs.tsv: the story
# reached half the agents).
#
#   gnuplot -e "indir='out/ens'; outfile='out/ens/ensemble.png'; fmt='png'" ensemble.gp
# (`crisim plot DIR` does this for PNG and SVG.)

if (!exists("indir")) indir = "."
if (!exists("fmt")) fmt = "png"
if (!exists("outfile")) outfile = indir . "/ensemble." . fmt

if (fmt eq "svg") {
    set terminal svg size 1600,1200 dynamic enhanced font "Sans,16" background rgb "white"
} else {
    set terminal pngcairo size 1600,1200 enhanced font "Sans,16"
}
set output outfile

f = indir . "/ensemble.tsv"
set datafile separator "\t"
set datafile commentschars "#"
set key at screen 0.77, graph 1 left top font ",16" samplen 2 noenhanced reverse Left
set autoscale xfix
set grid lc rgb "#dddddd"
set border lw 1.5
set style fill transparent solid 0.25 noborder

name = system(sprintf("sed -n 's/^# scenario: //p' '%s' | head -n 1", f))
runs = system(sprintf("sed -n 's/^# runs: //p' '%s' | head -n 1", f))
h(m) = m / 60.0
major = system(sprintf("awk -F'\t' '!/^#/ && $1 == \"run\" {for (i = 1; i <= NF; i++) if ($i == \"reach_share\") c = i; next} !/^#/ && c {n++; m += ($c >= 0.5)} END {printf \"%%.0f%%%% of the %%d runs\", n ? 100 * m / n : 0, n}' '%s/runs.tsv' 2>/dev/null", indir))

# band(metric, colour, title, axes): 90 % band, 50 % band, median, mean
band(m, c, t, ax) = sprintf("f using (h(column('minutes'))):'%s_q05':'%s_q95' axes %s with filledcurves lc rgb '%s' fs transparent solid 0.18 title '%s 90%% of runs', " . \
                        "f using (h(column('minutes'))):'%s_q25':'%s_q75' axes %s with filledcurves lc rgb '%s' fs transparent solid 0.35 title '%s 50%% of runs', " . \
                        "f using (h(column('minutes'))):'%s_q50' axes %s with lines lw 3 lc rgb '%s' title '%s median', " . \
                        "f using (h(column('minutes'))):'%s_mean' axes %s with lines lw 2 dt 2 lc rgb '%s' title '%s mean'", \
                        m, m, ax, c, t, m, m, ax, c, t, m, ax, c, t, m, ax, c, t)

set multiplot layout 3,1 title sprintf("crisim — %s: %s runs (median, mean, 50%% and 90%% bands)\n{/=16 a major outbreak (the story reached half the agents) in %s}", name, runs, major) font "Sans,20"
set lmargin at screen 0.08
set rmargin at screen 0.68

set title "Negative posts per tick"
set ylabel "posts / tick"
set format x ""
p = band("posts_neg", "#c0392b", "negative posts", "x1y1")
plot @p

set title "Who has heard of the story"
set ylabel "agents"
p = band("aware", "#2c3e50", "aware", "x1y1")
plot @p

set title "Attitude toward the brand"
set ylabel "mean attitude" tc rgb "#8e44ad"
set y2label "share with attitude < 0" tc rgb "#e67e22"
set ytics nomirror
set y2tics
set format x "%g h"
p = band("mean_attitude", "#8e44ad", "mean attitude", "x1y1") . ", " . band("neg_share", "#e67e22", "share < 0 (right)", "x1y2")
plot @p
unset multiplot
