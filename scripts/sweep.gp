# sweep.gp — outcomes against the swept parameters, from sweep.tsv of
# `crisim sweep`.  One axis: damage, reach, peak negative volume and final
# attitude against the parameter, one line per strategy with its 95 % CI
# band.  Two or more axes: heatmaps of mean damage and mean final attitude
# over the first two axes for the first strategy (further axes: every value
# of them falls on the same cell, the last one drawn wins — sweep two axes
# at a time for heatmaps).
#
#   gnuplot -e "indir='out/sw'; outfile='out/sw/sweep.png'; fmt='png'" sweep.gp

if (!exists("indir")) indir = "."
if (!exists("fmt")) fmt = "png"
if (!exists("outfile")) outfile = indir . "/sweep." . fmt

if (fmt eq "svg") {
    set terminal svg size 1400,1000 dynamic enhanced font "Sans,16" background rgb "white"
} else {
    set terminal pngcairo size 1400,1000 enhanced font "Sans,16"
}
set output outfile

f = indir . "/sweep.tsv"
set datafile separator "\t"
set datafile commentschars "#"
set grid lc rgb "#dddddd"
set border lw 1.5
axes = system(sprintf("sed -n 's/^# axes: *//p' '%s' | head -n 1", f))
na = words(axes)
name = system(sprintf("sed -n 's/^# scenario: //p' '%s' | head -n 1", f))
runs = system(sprintf("sed -n 's/^# runs: //p' '%s' | head -n 1", f))
scol = na + 2
strats = system(sprintf("awk -F'\t' '!/^#/ && $1 != \"point\" && !seen[$%d]++ {print $%d}' '%s'", scol, scol, f))
ns = words(strats)
colours = "#c0392b #2471a3 #27ae60 #8e44ad #e67e22 #7f8c8d"
rows(s) = sprintf("< awk -F'\t' '!/^#/ && ($1 == \"point\" || $%d == \"%s\")' '%s'", scol, s, f)

outcomes = "damage reach peak_negative final_attitude"
titles = "'negative posts, total' 'agents who heard of the story' 'largest negative posts per tick' 'mean attitude at the end'"

if (na == 1) {
    set multiplot layout 2,2 title sprintf("crisim — %s: sweep of %s, %s runs per point (mean and 95%% CI)", name, word(axes, 1), runs) font "Sans,19" noenhanced
    set key top left opaque box font ",13" noenhanced
    set xlabel word(axes, 1) noenhanced
    do for [k = 1:4] {
        o = word(outcomes, k)
        set title o noenhanced
        set ylabel word(titles, k)
        eval "plot for [i = 1:ns] rows(word(strats, i)) using 2:(column(o . '_ci_lo')):(column(o . '_ci_hi')) with filledcurves lc rgb word(colours, i) fs transparent solid 0.25 notitle, " . \
             "for [i = 1:ns] rows(word(strats, i)) using 2:(column(o . '_mean')) with linespoints lw 3 pt 7 lc rgb word(colours, i) title word(strats, i)"
    }
    unset multiplot
} else {
    s1 = word(strats, 1)
    # cells(o): x index, y index, mean of o, x value, y value — indices in
    # order of appearance, so any values (numbers or names) make a grid
    cells(o) = sprintf("< awk -F'\t' '!/^#/ && $1 == \"point\" {for (i = 1; i <= NF; i++) if ($i == \"%s_mean\") c = i; next} !/^#/ && $%d == \"%s\" {if (!($2 in X)) X[$2] = nx++; if (!($3 in Y)) Y[$3] = ny++; print X[$2] \"\\t\" Y[$3] \"\\t\" $c \"\\t\" $2 \"\\t\" $3}' '%s'", o, scol, s1, f)
    set multiplot layout 1,2 title sprintf("crisim — %s, strategy %s, %s runs per point\n%s x %s (mean)", name, s1, runs, word(axes, 1), word(axes, 2)) font "Sans,18" noenhanced
    set xlabel word(axes, 1) noenhanced
    set ylabel word(axes, 2) noenhanced
    unset key
    unset grid
    set tics out nomirror
    do for [k = 1:2] {
        o = k == 1 ? "damage" : "final_attitude"
        set title sprintf("%s (mean)", o) noenhanced
        if (k == 1) {
            set palette defined (0 "#fff5eb", 0.5 "#fd8d3c", 1 "#7f2704")
        } else {
            set palette defined (0 "#7f2704", 0.5 "#fdd0a2", 1 "#238b45")
        }
        c = cells(o)
        plot c using 1:2:3 with image, \
             c using 1:2:xtic(4):ytic(5) with points ps 0 notitle, \
             c using 1:2:(sprintf(abs($3) >= 100 ? "%.0f" : "%.3g", $3)) with labels font ",12" notitle
    }
    unset multiplot
}
