# series.gp — one run's story on three panels: posts per tick by tone,
# who has heard of the story, and attitude toward the brand.  Events
# (incident, detection, statements, gaffes, media pick-ups) are marked on
# every panel as dashed vertical lines, named on the last one.
#
#   gnuplot -e "indir='out/demo'; outfile='out/demo/series.png'; fmt='png'" series.gp
# (`crisim plot DIR` does this for PNG and SVG.)

if (!exists("indir")) indir = "."
if (!exists("fmt")) fmt = "png"
if (!exists("outfile")) outfile = indir . "/series." . fmt

if (fmt eq "svg") {
    set terminal svg size 1400,1050 dynamic enhanced font "Sans,16" background rgb "white"
} else {
    set terminal pngcairo size 1400,1050 enhanced font "Sans,16"
}
set output outfile

series = indir . "/series.tsv"
events = indir . "/events.tsv"
set datafile separator "\t"
set datafile commentschars "#"
set key top right opaque box
set grid lc rgb "#dddddd"
set border lw 1.5
set style line 1 lc rgb "#c0392b" lw 3     # negative
set style line 2 lc rgb "#7f8c8d" lw 3     # neutral
set style line 3 lc rgb "#27ae60" lw 3     # positive
set style line 4 lc rgb "#2c3e50" lw 3
set style line 5 lc rgb "#8e44ad" lw 3
set style line 9 lc rgb "#e67e22" lw 1.5 dt 2

name = system(sprintf("sed -n 's/^# scenario: //p' '%s' | head -n 1", series))
n_events = int(system(sprintf("grep -v '^#' '%s' 2>/dev/null | tail -n +2 | wc -l", events)))
hours(m) = m / 60.0

# ymax of a panel, so the event lines span it.
stats series using "posts_neg" name "NEG" nooutput
stats series using "posts_neu" name "NEU" nooutput
stats series using "posts_pos" name "POS" nooutput
stats series using "aware" name "AW" nooutput
posts_max = NEG_max > NEU_max ? NEG_max : NEU_max
posts_max = POS_max > posts_max ? POS_max : posts_max
posts_max = posts_max > 0 ? 1.1 * posts_max : 1
aware_max = AW_max > 0 ? 1.1 * AW_max : 1

# Key events (everything but gaffes) as dashed lines, named on the top
# panel at staggered heights; gaffes as red triangles on the time axis.
key(x) = strcol(4) eq "gaffe" ? NaN : x
gaffe(x) = strcol(4) eq "gaffe" ? x : NaN
marks(lo, hi) = n_events > 0 ? \
    sprintf(", '%s' using (key(hours($2))):(%g):(0):(%g) with vectors nohead ls 9 notitle", events, lo, hi - lo) : ""
labels(hi) = n_events > 0 ? \
    sprintf(", '%s' using (key(hours($2))):(%g * (0.97 - 0.22 * (int($0) %% 3))):4 with labels rotate by 90 right offset -0.6,0 font 'Sans,11' tc rgb '#a04000' notitle", events, hi) : ""
gaffes(y) = n_events > 0 ? \
    sprintf(", '%s' using (gaffe(hours($2))):(%g) with points pt 9 ps 1.6 lc rgb '#c0392b' title 'gaffe'", events, y) : ""

set multiplot layout 3,1 title sprintf("crisim — %s", name) font "Sans,20"
set lmargin 12
set rmargin 12

set title "Posts per tick by tone, and the brand's replies"
set ylabel "posts / tick"
set yrange [0:posts_max]
set format x ""
m = marks(0, posts_max) . labels(posts_max) . gaffes(posts_max * 0.03)
plot series using (hours(column("minutes"))):"posts_neg" with steps ls 1 title "negative", \
     ""     using (hours(column("minutes"))):"posts_neu" with steps ls 2 title "neutral", \
     ""     using (hours(column("minutes"))):"posts_pos" with steps ls 3 title "positive", \
     ""     using (hours(column("minutes"))):"replies" with impulses lc rgb "#2471a3" lw 2 title "brand replies" @m

set title "Who has heard of the story"
set ylabel "agents"
set yrange [0:aware_max]
m = marks(0, aware_max)
plot series using (hours(column("minutes"))):"aware" with lines ls 4 title "aware (cumulative)", \
     ""     using (hours(column("minutes"))):"spreading" with lines ls 1 title "spreading now" @m

set title "Attitude toward the brand"
set ylabel "mean attitude [-1, 1]"
set y2label "share with attitude < 0"
set ytics nomirror
set y2tics
set xlabel "time since start (hours)"
set format x "%g"
set autoscale y
set autoscale y2
set offsets 0, 0, graph 0.1, graph 0.1
stats series using "mean_attitude" name "ATT" nooutput
m = marks(ATT_min - 0.1 * (ATT_max - ATT_min + 0.01), ATT_max + 0.1 * (ATT_max - ATT_min + 0.01))
plot series using (hours(column("minutes"))):"mean_attitude" with lines ls 5 title "mean attitude", \
     ""     using (hours(column("minutes"))):"neg_share" axes x1y2 with lines ls 1 dt 3 title "share < 0 (right axis)" @m
unset multiplot
