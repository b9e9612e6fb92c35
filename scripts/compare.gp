# compare.gp — strategies overlaid: median (solid), mean (dashed) and
# 50 % / 90 % bands over runs of negative posts and of mean attitude, from
# DIR/STRATEGY/ensemble.tsv of `crisim compare`.  Outcomes are often
# bimodal (most runs fizzle, some become major outbreaks), which a median
# hides: the mean is drawn beside it, and each strategy's key entry gives
# the share of its runs with a major outbreak (reach_share >= 0.5 in
# DIR/STRATEGY/runs.tsv: the story reached half the agents).  The key
# moments of the story on the board's right-hand side (DIR/board.tsv,
# DIR/STRATEGY/story/events.tsv) are dashed lines, numbered as on
# board.png.  A strategy without finished runs (an interrupted comparison)
# is left out and named in the title; each strategy keeps its colour.
#
#   gnuplot -e "indir='out/cmp'; outfile='out/cmp/compare.png'; fmt='png'" compare.gp

if (!exists("indir")) indir = "."
if (!exists("fmt")) fmt = "png"
if (!exists("outfile")) outfile = indir . "/compare." . fmt

if (fmt eq "svg") {
    set terminal svg size 1600,1150 dynamic enhanced font "Sans,16" background rgb "white"
} else {
    set terminal pngcairo size 1600,1150 enhanced font "Sans,16"
}
set output outfile

cmp = indir . "/compare.tsv"
set datafile separator "\t"
set datafile commentschars "#"
set key at screen 0.675, screen 0.86 left top font ",16" samplen 2.5 noenhanced reverse Left
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
# the share of a strategy's finished runs with a major outbreak
major(s) = real(system(sprintf("awk -F'\t' '!/^#/ && $1 == \"run\" {for (i = 1; i <= NF; i++) if ($i == \"reach_share\") c = i; next} !/^#/ && c {n++; m += ($c >= 0.5)} END {printf \"%%g\", n ? 100 * m / n : 0}' '%s/%s/runs.tsv'", indir, s)))
board = sprintf("%s/board.tsv", indir)
right = system(sprintf("awk -F'\t' '$1 == \"right\" {print $2; exit}' '%s' 2>/dev/null", board))
bestrun = system(sprintf("awk -F'\t' '$1 == \"run\" {print $2; exit}' '%s' 2>/dev/null", board))
ev = sprintf("%s/%s/story/events.tsv", indir, right)
have_ev = strlen(right) > 0 && int(system(sprintf("test -r '%s' && echo 1 || echo 0", ev)))
stats ens(1) using "minutes" name "TT" nooutput
xmax = h(TT_max)
gap = xmax * 0.035
# key moments, numbered in order (as on board.png); a marker takes the
# lowest level whose previous marker is at least `gap` hours earlier
keyev = sprintf("< awk -F'\t' -v d=%g '!/^#/ && $1 != \"tick\" && $4 != \"gaffe\" && $4 != \"reply\" {h = $2 / 60; n++; for (l = 0; (l in last) && h - last[l] < d; l++); last[l] = h; print h \"\t\" l \"\t\" n}' '%s'", gap, ev)
nlev = have_ev ? int(system(keyev[3:] . " | awk -F'\t' 'BEGIN {m = 0} $2 + 1 > m {m = $2 + 1} END {print m}'")) : 0

title = sprintf("crisim — %s: strategies compared over %s paired runs", name, runs)
if (have_ev) {
    title = title . sprintf("\n{/=16 dashed: the key moments of %s's story (run %s), numbered as on board.png}", right, bestrun)
}
if (words(missing) > 0) {
    title = title . "\nno finished run yet:" . missing
}
set multiplot layout 2,1 title title font "Sans,20" enhanced
set lmargin at screen 0.08
set rmargin at screen 0.66

do for [panel = 1:2] {
    m = panel == 1 ? "posts_neg" : "mean_attitude"
    if (panel == 1) {
        set title "Negative posts per tick"
        set ylabel "posts / tick"
        set format x ""
        unset xlabel
        set key
    } else {
        set title "Mean attitude toward the brand"
        set ylabel "attitude, -1 to 1"
        set format x "%g h"
        unset key
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
    # panel 1: room above the bands for the numbered markers
    top = ytop + pad + (panel == 1 ? nlev * 0.09 * (ytop - ybot) : 0)
    lev(l) = ytop + pad + (l + 0.5) * 0.09 * (ytop - ybot)
    set yrange [ybot - (panel == 2 ? pad : 0) : top]
    marks = have_ev ? sprintf(", keyev using 1:(%g):(0):(%g) with vectors nohead lc rgb '#999999' dt 2 notitle", ybot - pad, top - ybot + pad) : ""
    labs = (have_ev && panel == 1) ? ", keyev using 1:(lev($2)):(sprintf('%d', $3)) with labels boxed font ',16' tc rgb '#555555' notitle" : ""
    # the key by strategy: its share of major outbreaks, then its median,
    # mean and bands (bands before lines of the same strategy)
    cmd = "plot "
    do for [i = 1:ns] {
        si = word(strats, i)
        cmd = cmd . sprintf("keyentry with lines lc rgb 'white' title '%s: major outbreak in %.0f%% of runs', ", si, major(si)) . \
            sprintf("ens(%d) using (h(column('minutes'))):(column(m . '_q05')):(column(m . '_q95')) with filledcurves lc rgb word(colours, %d) fs transparent solid 0.12 title '  90%% of runs', ", i, i) . \
            sprintf("ens(%d) using (h(column('minutes'))):(column(m . '_q25')):(column(m . '_q75')) with filledcurves lc rgb word(colours, %d) fs transparent solid 0.30 title '  50%% of runs', ", i, i) . \
            sprintf("ens(%d) using (h(column('minutes'))):(column(m . '_q50')) with lines lw 3 lc rgb word(colours, %d) title '  median', ", i, i) . \
            sprintf("ens(%d) using (h(column('minutes'))):(column(m . '_mean')) with lines lw 2 dt 2 lc rgb word(colours, %d) title '  mean', ", i, i)
    }
    eval cmd . "NaN notitle" . marks . labs
}
unset multiplot
