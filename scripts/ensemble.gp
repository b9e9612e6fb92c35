# ensemble.gp — an ensemble at a glance: for each key metric the median
# over runs (line) with the 50 % band (q25-q75, dark) and the 90 % band
# (q05-q95, light), from ensemble.tsv (crisim run FILE --runs N).
#
#   gnuplot -e "indir='out/ens'; outfile='out/ens/ensemble.png'; fmt='png'" ensemble.gp
# (`crisim plot DIR` does this for PNG and SVG.)

if (!exists("indir")) indir = "."
if (!exists("fmt")) fmt = "png"
if (!exists("outfile")) outfile = indir . "/ensemble." . fmt

if (fmt eq "svg") {
    set terminal svg size 1400,1200 dynamic enhanced font "Sans,16" background rgb "white"
} else {
    set terminal pngcairo size 1400,1200 enhanced font "Sans,16"
}
set output outfile

f = indir . "/ensemble.tsv"
set datafile separator "\t"
set datafile commentschars "#"
set key top right opaque box font ",13"
set autoscale xfix
set grid lc rgb "#dddddd"
set border lw 1.5
set style fill transparent solid 0.25 noborder

name = system(sprintf("sed -n 's/^# scenario: //p' '%s' | head -n 1", f))
runs = system(sprintf("sed -n 's/^# runs: //p' '%s' | head -n 1", f))
h(m) = m / 60.0

# band(metric, colour, title): 90 % band, 50 % band, median
band(m, c, t) = sprintf("f using (h(column('minutes'))):'%s_q05':'%s_q95' with filledcurves lc rgb '%s' fs transparent solid 0.18 title '%s 90%% of runs', " . \
                        "f using (h(column('minutes'))):'%s_q25':'%s_q75' with filledcurves lc rgb '%s' fs transparent solid 0.35 title '%s 50%% of runs', " . \
                        "f using (h(column('minutes'))):'%s_q50' with lines lw 3 lc rgb '%s' title '%s median'", \
                        m, m, c, t, m, m, c, t, m, c, t)

set multiplot layout 3,1 title sprintf("crisim — %s: %s runs (median, 50%% and 90%% bands)", name, runs) font "Sans,20"
set lmargin 12
set rmargin 4

set title "Negative posts per tick"
set ylabel "posts / tick"
set format x ""
p = band("posts_neg", "#c0392b", "negative posts")
plot @p

set title "Who has heard of the story"
set ylabel "agents"
p = band("aware", "#2c3e50", "aware")
plot @p

set title "Attitude toward the brand"
set ylabel "attitude / share"
set xlabel "time since start (hours)"
set format x "%g"
p = band("mean_attitude", "#8e44ad", "mean attitude") . ", " . band("neg_share", "#e67e22", "share < 0")
set key bottom right
plot @p
unset multiplot
