# compare.gp — strategies overlaid: median and 50 % / 90 % bands over runs
# of negative posts and of mean attitude, from DIR/STRATEGY/ensemble.tsv of
# `crisim compare`; the incident and the first strategy's key moments of
# run 0 (DIR/STRATEGY/run-0/events.tsv) are marked.  A strategy without
# finished runs (an interrupted comparison) is left out and named in the
# title; each strategy keeps its colour.
#
#   gnuplot -e "indir='out/cmp'; outfile='out/cmp/compare.png'; fmt='png'" compare.gp

if (!exists("indir")) indir = "."
if (!exists("fmt")) fmt = "png"
if (!exists("outfile")) outfile = indir . "/compare." . fmt

if (fmt eq "svg") {
    set terminal svg size 1400,1100 dynamic enhanced font "Sans,16" background rgb "white"
} else {
    set terminal pngcairo size 1400,1100 enhanced font "Sans,16"
}
set output outfile

cmp = indir . "/compare.tsv"
set datafile separator "\t"
set datafile commentschars "#"
set key top right opaque box font ",13"
set grid lc rgb "#dddddd"
set border lw 1.5
set autoscale xfix

all = system(sprintf("awk -F'\t' '!/^#/ && $1 == \"damage\" {print $3}' '%s'", cmp))
name = system(sprintf("sed -n 's/^# scenario: //p' '%s' | head -n 1", cmp))
runs = system(sprintf("sed -n 's/^# runs: //p' '%s' | head -n 1", cmp))
palette = "#c0392b #2471a3 #27ae60 #8e44ad #e67e22 #7f8c8d"
# rows of DIR/S/ensemble.tsv after its header: 0 when S has no finished run
rows(s) = int(system(sprintf("awk '!/^#/ {n++} END {print (n > 1 ? n - 1 : 0)}' '%s/%s/ensemble.tsv'", indir, s)))
strats = ""
colours = ""
missing = ""
do for [i = 1:words(all)] {
    if (rows(word(all, i)) > 0) {
        strats = strats . " " . word(all, i)
        colours = colours . " " . word(palette, (i - 1) % words(palette) + 1)
    } else {
        missing = missing . " " . word(all, i)
    }
}
ns = words(strats)
if (ns == 0) {
    print sprintf("compare.gp: %s: no strategy has a finished run", indir)
    exit status 1
}
h(m) = m / 60.0
ens(i) = sprintf("%s/%s/ensemble.tsv", indir, word(strats, i))
ev = sprintf("%s/%s/run-0/events.tsv", indir, word(strats, ns))
have_ev = int(system(sprintf("test -r '%s' && echo 1 || echo 0", ev)))

title = sprintf("crisim — %s: strategies compared over %s paired runs (median, 50%% and 90%% bands)", name, runs)
if (words(missing) > 0) {
    title = title . "\nno finished run yet:" . missing
}
set multiplot layout 2,1 title title font "Sans,19"
set lmargin 12
set rmargin 4

do for [panel = 1:2] {
    m = panel == 1 ? "posts_neg" : "mean_attitude"
    if (panel == 1) {
        set title "Negative posts per tick"
        set ylabel "posts / tick"
        set format x ""
        unset xlabel
    } else {
        set title "Mean attitude toward the brand"
        set ylabel "attitude, -1 to 1"
        set xlabel "time since start (hours)"
        set format x "%g"
    }
    set autoscale y   # stats skips points outside a fixed yrange
    stats ens(1) using (column(m . "_q95")) name "Y" nooutput
    ytop = Y_max
    stats ens(1) using (column(m . "_q05")) name "Y" nooutput
    ybot = Y_min
    do for [i = 2:ns] {
        stats ens(i) using (column(m . "_q95")) name "Y" nooutput
        ytop = Y_max > ytop ? Y_max : ytop
        stats ens(i) using (column(m . "_q05")) name "Y" nooutput
        ybot = Y_min < ybot ? Y_min : ybot
    }
    pad = (ytop - ybot) * 0.08 + 1e-9
    set yrange [ybot - (panel == 2 ? pad : 0) : ytop + pad]
    marks = have_ev ? sprintf(", '%s' using (h($2)):(%g):(0):(%g) with vectors nohead lc rgb '#999999' dt 2 notitle", ev, ybot - pad, ytop - ybot + 2 * pad) : ""
    labs = (have_ev && panel == 1) ? sprintf(", '< grep -v -e gaffe -e escalation %s' using (h($2)):(%g):4 with labels rotate by 90 right offset 0.7,0 font ',11' tc rgb '#555555' notitle", ev, ytop) : ""
    # macros are expanded before a loop runs, so the command is built and eval'd
    eval "plot for [i = 1:ns] ens(i) using (h(column('minutes'))):(column(m . '_q05')):(column(m . '_q95')) with filledcurves lc rgb word(colours, i) fs transparent solid 0.12 notitle, " . \
         "for [i = 1:ns] ens(i) using (h(column('minutes'))):(column(m . '_q25')):(column(m . '_q75')) with filledcurves lc rgb word(colours, i) fs transparent solid 0.30 notitle, " . \
         "for [i = 1:ns] ens(i) using (h(column('minutes'))):(column(m . '_q50')) with lines lw 3 lc rgb word(colours, i) title word(strats, i)" . marks . labs
}
unset multiplot
