# sweep.gp — outcomes against the swept parameters, from sweep.tsv of
# `crisim sweep`.
#   One axis: damage, reach, peak negative volume and final attitude
#     against the parameter, one colour per strategy: a numeric axis as
#     lines with the 95 % CI as a band; an axis of names or booleans
#     (responder.strategy, responder.plan.statement, ...) as one tick per
#     value, in sweep order, with the mean and its 95 % CI as error bars,
#     the strategies side by side.
#   Two axes: heatmaps of mean damage and mean final attitude over the two
#     axes, one row of heatmaps per strategy, on one colour scale.
#   A sampling design (a `# design:` line): one scatter panel per factor.
#   Three axes: heatmaps of mean damage over the first two, one per value
#     of the third (columns) and strategy (rows), on one colour scale; at
#     most 12 of them.  More axes, or more heatmaps, are an error saying
#     so (sweep fewer axes at a time, or plot slices of sweep.tsv).
#
#   gnuplot -e "indir='out/sw'; outfile='out/sw/sweep.png'; fmt='png'" sweep.gp

if (!exists("indir")) indir = "."
if (!exists("fmt")) fmt = "png"
if (!exists("outfile")) outfile = indir . "/sweep." . fmt

f = indir . "/sweep.tsv"
set datafile separator "\t"
set datafile commentschars "#"
axes = system(sprintf("sed -n 's/^# axes: *//p' '%s' | head -n 1", f))
na = words(axes)
name = system(sprintf("sed -n 's/^# scenario: //p' '%s' | head -n 1", f))
runs = system(sprintf("sed -n 's/^# runs: //p' '%s' | head -n 1", f))
scol = na + 2
strats = system(sprintf("awk -F'\t' '!/^#/ && $1 != \"point\" && !seen[$%d]++ {print $%d}' '%s'", scol, scol, f))
ns = words(strats)
# values of axis k, in sweep order
nvals(k) = int(system(sprintf("awk -F'\t' '!/^#/ && $1 != \"point\" && !seen[$%d]++' '%s' | wc -l", k + 1, f)))
n3 = na >= 3 ? nvals(3) : 1
design = system(sprintf("sed -n 's/^# design: *//p' '%s' | head -n 1", f))

# A sampling design (sweep --design, --design-file) has no grid: its points
# are scattered over the factors' box.  One panel per factor (at most 8):
# mean damage of each point against the factor's value, one colour per
# strategy, the 95 % CI as error bars.  The other factors vary too, so a
# panel shows the factor's trend with the others' spread around it; the
# sensitivity plot (crisim sensitivity) is the quantitative answer.
if (design ne "") {
    if (na > 8) {
        print sprintf("sweep.gp: %s: a design over %d factors; the sweep plot draws at most 8 (crisim sensitivity ranks them all)", f, na)
        exit status 1
    }
    nc = na <= 2 ? na : na <= 4 ? 2 : na <= 6 ? 3 : 4
    nr = int((na + nc - 1) / nc)
    if (fmt eq "svg") {
        set terminal svg size 1600,(520 * nr + 140) dynamic enhanced font "Sans,16" background rgb "white"
    } else {
        set terminal pngcairo size 1600,(520 * nr + 140) enhanced font "Sans,16"
    }
    set output outfile
    set grid lc rgb "#dddddd"
    set border lw 1.5
    colours = "#c0392b #2471a3 #27ae60 #8e44ad #e67e22 #7f8c8d"
    pts(s) = sprintf("< awk -F'\t' '!/^#/ && ($1 == \"point\" || $%d == \"%s\")' '%s'", scol, s, f)
    set multiplot layout nr, nc title sprintf("crisim — %s: design %s, %s runs per point (mean damage and 95%% CI at each point)", name, design, runs) font "Sans,20" noenhanced
    set key top left opaque box font ",16" noenhanced
    set ylabel "negative posts, total"
    set bars 1
    do for [k = 1:na] {
        set xlabel word(axes, k) noenhanced
        set title word(axes, k) noenhanced
        plot for [i = 1:ns] pts(word(strats, i)) using (column(k + 1)):(column("damage_mean")):(column("damage_ci_lo")):(column("damage_ci_hi")) with yerrorbars lw 2 pt 7 ps 1.5 lc rgb word(colours, i) title word(strats, i)
    }
    unset multiplot
    exit
}

if (na < 1 || na > 3 || (na == 3 && ns * n3 > 12)) {
    print sprintf("sweep.gp: %s: %d axes (%s) and %d strategies: the sweep plot draws one, two or three axes and at most 12 heatmaps; sweep fewer axes at a time, or plot slices of sweep.tsv", f, na, axes, ns)
    exit status 1
}

if (fmt eq "svg") {
    set terminal svg size 1600,(na == 1 ? 1100 : 560 * (ns > 1 ? ns : 1) + 140) dynamic enhanced font "Sans,16" background rgb "white"
} else {
    set terminal pngcairo size 1600,(na == 1 ? 1100 : 560 * (ns > 1 ? ns : 1) + 140) enhanced font "Sans,16"
}
set output outfile
set grid lc rgb "#dddddd"
set border lw 1.5
colours = "#c0392b #2471a3 #27ae60 #8e44ad #e67e22 #7f8c8d"
outcomes = "damage reach peak_negative final_attitude"
titles = "'negative posts, total' 'agents who heard of the story' 'largest negative posts per tick' 'mean attitude at the end'"

if (na == 1) {
    # numeric: every value of the axis is a number
    numeric = int(system(sprintf("awk -F'\t' '!/^#/ && $1 != \"point\" && $2 !~ /^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$/ {bad = 1} END {print bad ? 0 : 1}' '%s'", f)))
    # rows of strategy s: the x (value, or its index in sweep order) first
    rows(s) = sprintf("< awk -F'\t' '!/^#/ && $1 == \"point\" {print \"x\\t\" $0; next} !/^#/ {if (!($2 in X)) X[$2] = n++; if ($%d == \"%s\") print (%d ? $2 : X[$2]) \"\\t\" $0}' '%s'", scol, s, numeric, f)
    nv = nvals(1)
    ticks = sprintf("< awk -F'\t' '!/^#/ && $1 != \"point\" && !seen[$2]++ {print n++ \"\\t\" $2}' '%s'", f)
    width = ns > 1 ? 0.6 / ns : 0
    off(i) = numeric ? 0 : (i - (ns + 1) / 2.0) * width
    set multiplot layout 2,2 title sprintf("crisim — %s: sweep of %s, %s runs per point (mean and 95%% CI)", name, word(axes, 1), runs) font "Sans,20" noenhanced
    set key top left opaque box font ",16" noenhanced
    set xlabel word(axes, 1) noenhanced
    if (!numeric) {
        set xrange [-0.5 : nv - 0.5]
        set xtics 1 font ",16" noenhanced
        set bars 2
    }
    do for [k = 1:4] {
        o = word(outcomes, k)
        set title o noenhanced
        set ylabel word(titles, k)
        if (numeric) {
            eval "plot for [i = 1:ns] rows(word(strats, i)) using 1:(column(o . '_ci_lo')):(column(o . '_ci_hi')) with filledcurves lc rgb word(colours, i) fs transparent solid 0.25 title word(strats, i) . ' 95% CI', " . \
                 "for [i = 1:ns] rows(word(strats, i)) using 1:(column(o . '_mean')) with linespoints lw 3 pt 7 ps 1.5 lc rgb word(colours, i) title word(strats, i)"
        } else {
            eval "plot for [i = 1:ns] rows(word(strats, i)) using ($1 + off(i)):(column(o . '_mean')):(column(o . '_ci_lo')):(column(o . '_ci_hi')) with yerrorbars lw 3 pt 7 ps 1.8 lc rgb word(colours, i) title word(strats, i), " . \
                 "ticks using 1:(NaN):xtic(2) notitle"
        }
    }
    unset multiplot
    exit
}

# cells(o, s, v3): x index, y index, mean of o, x value, y value of strategy
# s (and, with three axes, value v3 of the third); the indices follow the
# order of appearance in the whole file, so every panel has the same grid
cells(o, s, v3) = sprintf("< awk -F'\t' -v s='%s' -v v3='%s' '!/^#/ && $1 == \"point\" {for (i = 1; i <= NF; i++) if ($i == \"%s_mean\") c = i; next} !/^#/ {if (!($2 in X)) X[$2] = nx++; if (!($3 in Y)) Y[$3] = ny++; if ($%d == s && (%d < 3 || $4 == v3)) print X[$2] \"\\t\" Y[$3] \"\\t\" $c \"\\t\" $2 \"\\t\" $3}' '%s'", s, v3, o, scol, na, f)
# the colour scale of o over the whole file
crange(o) = system(sprintf("awk -F'\t' '!/^#/ && $1 == \"point\" {for (i = 1; i <= NF; i++) if ($i == \"%s_mean\") c = i; next} !/^#/ && $c != \"NaN\" {if (!n++ || $c < lo) lo = $c; if (n == 1 || $c > hi) hi = $c} END {if (!n) {lo = 0; hi = 1} if (hi == lo) hi = lo + 1; print lo, hi}' '%s'", o, f))
v3s = na == 3 ? system(sprintf("awk -F'\t' '!/^#/ && $1 != \"point\" && !seen[$4]++ {print $4}' '%s'", f)) : "-"
nk = na == 3 ? 1 : 2
ncol = na == 3 ? n3 : 2
set multiplot layout ns, ncol title sprintf("crisim — %s, %s runs per point: %s x %s (mean)%s", name, runs, word(axes, 1), word(axes, 2), na == 3 ? sprintf(", one heatmap per %s", word(axes, 3)) : "") font "Sans,20" noenhanced
set xlabel word(axes, 1) noenhanced
set ylabel word(axes, 2) noenhanced
unset key
unset grid
set tics out nomirror font ",16"
set colorbox
do for [i = 1:ns] {
    si = word(strats, i)
    do for [j = 1:ncol] {
        o = (na == 3 || j == 1) ? "damage" : "final_attitude"
        v3 = word(v3s, na == 3 ? j : 1)
        if (na == 3) {
            set title sprintf("%s: damage (mean), %s = %s", si, word(axes, 3), v3) noenhanced
        } else {
            set title sprintf("%s: %s (mean)", si, o) noenhanced
        }
        if (o eq "damage") {
            set palette defined (0 "#fff5eb", 0.5 "#fd8d3c", 1 "#7f2704")
        } else {
            set palette defined (0 "#7f2704", 0.5 "#fdd0a2", 1 "#238b45")
        }
        cr = crange(o)
        set cbrange [real(word(cr, 1)) : real(word(cr, 2))]
        c = cells(o, si, v3)
        plot c using 1:2:3 with image, \
             c using 1:2:xtic(4):ytic(5) with points ps 0 notitle, \
             c using 1:2:(sprintf(abs($3) >= 100 ? "%.0f" : "%.3g", $3)) with labels font ",16" notitle
    }
}
unset multiplot
