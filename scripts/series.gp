# series.gp — one run's story on three panels: posts per hour by tone,
# audience reached, and attitude toward the brand.  Event ticks (incident,
# detection, statements, gaffes, media pick-ups) are marked on every panel.
#
#   gnuplot -e "indir='out/demo'; outfile='out/demo/series.png'; fmt='png'" series.gp
# (crisim plot DIR does this for PNG and SVG.)

if (!exists("indir")) indir = "."
if (!exists("fmt")) fmt = "png"
if (!exists("outfile")) outfile = indir . "/series." . fmt

if (fmt eq "svg") {
    set terminal svg size 1400,1000 dynamic enhanced font "Sans,16" background rgb "white"
} else {
    set terminal pngcairo size 1400,1000 enhanced font "Sans,16"
}
set output outfile

series = indir . "/series.tsv"
events = indir . "/events.tsv"
set datafile separator "\t"
set datafile commentschars "#"
set key autotitle columnheader
set key top right opaque box
set grid lc rgb "#dddddd"
set border lw 1.5
set style line 1 lc rgb "#c0392b" lw 3     # negative
set style line 2 lc rgb "#7f8c8d" lw 3     # neutral
set style line 3 lc rgb "#27ae60" lw 3     # positive
set style line 4 lc rgb "#2c3e50" lw 3
set style line 5 lc rgb "#8e44ad" lw 3
set style line 9 lc rgb "#e67e22" lw 1.5 dt 2

# The scenario name from the first comment line.
name = system(sprintf("sed -n 's/^# scenario: //p' '%s' | head -n 1", series))
hours(m) = m / 60.0

# Event markers: vertical dashed lines with the event's name.
set multiplot layout 3,1 title sprintf("crisim — %s", name) font "Sans,20"
set lmargin 12
set rmargin 4

set title "Posts per tick by tone"
set ylabel "posts / tick"
unset xlabel
set format x ""
plot series using (hours($2)):"posts_neg" with steps ls 1 title "negative", \
     ""     using (hours($2)):"posts_neu" with steps ls 2 title "neutral", \
     ""     using (hours($2)):"posts_pos" with steps ls 3 title "positive", \
     events using (hours($2)):(0):(0):(GPVAL_Y_MAX) with vectors nohead ls 9 title "events"

set title "Who has heard of the story"
set ylabel "agents"
plot series using (hours($2)):"aware" with lines ls 4 title "aware (cumulative)", \
     ""     using (hours($2)):"spreading" with lines ls 1 title "spreading now", \
     events using (hours($2)):(0):(0):(GPVAL_Y_MAX) with vectors nohead ls 9 notitle

set title "Attitude toward the brand"
set ylabel "mean attitude / share"
set xlabel "time since start (hours)"
set format x "%g"
set yrange [-1:1]
plot series using (hours($2)):"mean_attitude" with lines ls 5 title "mean attitude [-1, 1]", \
     ""     using (hours($2)):"neg_share" with lines ls 1 dt 3 title "share with attitude < 0", \
     events using (hours($2)):(-1):(0):(2) with vectors nohead ls 9 notitle, \
     events using (hours($2)):(0.9):4 with labels rotate by 90 right offset 0.6,0 font "Sans,11" notitle
unset multiplot
