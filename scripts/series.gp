# series.gp — one run's story, readable from the back of a room (1600
# pixels wide, no text under 16 points): posts per tick by tone with the
# brand's replies (blue impulses) and gaffes (red triangles); who has heard
# of the story; mean attitude (left axis) and the share with a negative
# attitude (right axis), scaled to the curves so that nothing is clipped.
# The time axis, in hours, zooms on the story (until negative volume has
# stayed under 5 % of its peak, times 2.5).  The key moments (incident,
# detection, escalation, statements, media pick-ups) are numbered markers
# stacked so that no two overlap, with dashed leader lines through every
# panel and a numbered list at the bottom.
#
#   gnuplot -e "indir='out/demo'; outfile='out/demo/series.png'; fmt='png'" series.gp
# (`crisim plot DIR` does this for PNG and SVG.)

if (!exists("indir")) indir = "."
if (!exists("fmt")) fmt = "png"
if (!exists("outfile")) outfile = indir . "/series." . fmt

if (fmt eq "svg") {
    set terminal svg size 1600,1300 dynamic enhanced font "Sans,16" background rgb "white"
} else {
    set terminal pngcairo size 1600,1300 enhanced font "Sans,16"
}
set output outfile

series = indir . "/series.tsv"
events = indir . "/events.tsv"
set datafile separator "\t"
set datafile commentschars "#"
set grid lc rgb "#dddddd"
set border lw 1.5
set style line 1 lc rgb "#c0392b" lw 3     # negative
set style line 2 lc rgb "#7f8c8d" lw 3     # neutral
set style line 3 lc rgb "#27ae60" lw 3     # positive
set style line 4 lc rgb "#2c3e50" lw 3
set style line 5 lc rgb "#8e44ad" lw 3
set style line 6 lc rgb "#2471a3" lw 2     # replies

name = system(sprintf("sed -n 's/^# scenario: //p' '%s' | head -n 1", series))
have_ev = int(system(sprintf("test -r '%s' && echo 1 || echo 0", events)))
h(m) = m / 60.0

stats series using "posts_neg" name "NEG" nooutput
stats series using "posts_neu" name "NEU" nooutput
stats series using "posts_pos" name "POS" nooutput
stats series using "replies" name "REP" nooutput
stats series using "aware" name "AW" nooutput
stats series using "spreading" name "SP" nooutput
stats series using "minutes" name "T" nooutput
pmax = NEG_max > NEU_max ? NEG_max : NEU_max
pmax = POS_max > pmax ? POS_max : pmax
pmax = REP_max > pmax ? REP_max : pmax
pmax = pmax > 0 ? pmax : 1
aware_max = AW_max > 0 ? 1.1 * AW_max : 1
# the zoom on the story
if (NEG_max > 0) {
    stats series using (column("posts_neg") >= 0.05 * NEG_max ? column("minutes") : 1/0) name "E" nooutput
    xend = 2.5 * E_max + 60
} else {
    xend = T_max
}
xmax = h(xend < T_max ? xend : T_max)
xmax = xmax > 0 ? xmax : 1
stats series using "mean_attitude" name "ATT" nooutput
stats series using "neg_share" name "NS" nooutput
apad = (ATT_max - ATT_min) * 0.1 > 0.005 ? (ATT_max - ATT_min) * 0.1 : 0.005
spad = (NS_max - NS_min) * 0.1 > 0.005 ? (NS_max - NS_min) * 0.1 : 0.005

# key moments: every event but gaffes (from the series) and replies, up to
# the end of the zoom, at most maxev; a marker takes the lowest level whose
# previous marker is at least `gap` hours (its width) earlier
maxev = 12
gap = xmax * 0.022
keyev = sprintf("< awk -F'\t' -v d=%g -v x=%g -v m=%d '!/^#/ && $1 != \"tick\" && $4 != \"gaffe\" && $4 != \"reply\" && $2 / 60 <= x && n < m {h = $2 / 60; n++; for (l = 0; (l in last) && h - last[l] < d; l++); last[l] = h; t = $4 \": \" $5; if (length(t) > 58) t = substr(t, 1, 56) \"...\"; printf \"%%g\\t%%d\\t%%d\\t%%s\\t%%.1f h\\n\", h, l, n, t, h}' '%s'", gap, xmax, maxev, events)
nkey = have_ev ? int(system(sprintf("awk -F'\t' -v x=%g '!/^#/ && $1 != \"tick\" && $4 != \"gaffe\" && $4 != \"reply\" && $2 / 60 <= x' '%s' | wc -l", xmax, events))) : 0
nlev = nkey > 0 ? int(system(keyev[3:] . " | awk -F'\t' 'BEGIN {m = 0} $2 + 1 > m {m = $2 + 1} END {print m}'")) : 0
lev(l) = pmax * (1.08 + 0.12 * l)
ymax = lev(nlev) + pmax * 0.02
nothing = "< true"
ev = nkey > 0 ? keyev : nothing

set multiplot title sprintf("crisim — %s", name) font ",24" noenhanced
set lmargin at screen 0.08
set rmargin at screen 0.92
set xrange [0:xmax]

# ---- posts
set origin 0, 0.57
set size 1, 0.37
set tmargin 2.5
set bmargin 0.5
set ylabel "posts per tick, by tone"
set yrange [0:ymax]
set format x ""
set key outside top center horizontal maxrows 1 font ",16" samplen 2 width 2
plot series using (h(column("minutes"))):"posts_neg" with steps ls 1 title "negative", \
     ""     using (h(column("minutes"))):"posts_neu" with steps ls 2 title "neutral", \
     ""     using (h(column("minutes"))):"posts_pos" with steps ls 3 title "positive", \
     ""     using (h(column("minutes"))):"replies" with impulses ls 6 title "brand replies", \
     ""     using (h(column("minutes"))):(column("gaffes") > 0 ? pmax * 0.03 : NaN) with points pt 9 ps 2 lc rgb "#c0392b" title "gaffe", \
     ev using 1:(0):(0):(lev($2)) with vectors nohead lc rgb "#e67e22" dt 2 lw 1.5 notitle, \
     ev using 1:(lev($2)):(sprintf("%d", $3)) with labels boxed font ",16" tc rgb "#7e3a00" notitle

# ---- who heard: aware on the left axis, spreading now on the right,
# each axis named in its curve's colour (no key to hide a curve)
set origin 0, 0.40
set size 1, 0.17
set tmargin 1.5
set title "Who has heard of the story" font ",18" offset 0, -0.4
set ylabel "aware (total)" tc rgb "#2c3e50"
set y2label "spreading now" tc rgb "#c0392b"
set ytics nomirror
set y2tics
set yrange [0:aware_max]
set y2range [0:(SP_max > 0 ? 1.1 * SP_max : 1)]
unset key
plot series using (h(column("minutes"))):"aware" with lines ls 4 notitle, \
     ""     using (h(column("minutes"))):"spreading" axes x1y2 with lines ls 1 notitle, \
     ev using 1:(0):(0):(aware_max) with vectors nohead lc rgb "#e67e22" dt 2 lw 1.5 notitle

# ---- attitude
set origin 0, 0.19
set size 1, 0.21
set bmargin 2
set title "Attitude toward the brand" font ",18" offset 0, -0.4
set ylabel "mean attitude" tc rgb "#8e44ad"
set y2label "share < 0 (dotted)" tc rgb "#c0392b"
set ytics nomirror
set y2tics
set format x "%g h"
set yrange [ATT_min - apad : ATT_max + apad]
set y2range [NS_min - spad : NS_max + spad]
unset key   # each axis is named in its curve's colour: no key to hide a curve
plot series using (h(column("minutes"))):"mean_attitude" with lines ls 5 notitle, \
     ""     using (h(column("minutes"))):"neg_share" axes x1y2 with lines ls 1 dt 3 notitle, \
     ev using 1:(ATT_min - apad):(0):(ATT_max - ATT_min + 2 * apad) with vectors nohead lc rgb "#e67e22" dt 2 lw 1.5 notitle

# ---- the numbered key moments, in two columns of six
set origin 0, 0
set size 1, 0.16
set lmargin at screen 0.03
set rmargin at screen 0.99
set tmargin 0.3
set bmargin 0.3
unset title
unset border
unset tics
unset grid
unset ylabel
unset y2label
set xrange [0:2]
set yrange [-6.6:-0.4]
more = nkey - maxev
if (more > 0) {
    set label 9 sprintf("+ %d more key moments in events.tsv", more) at 1.02, -6.4 font ",16" tc rgb "#555555"
}
col(n) = n > 6 ? 1.0 : 0.0
row(n) = n > 6 ? n - 6 : n
plot ev using (col($3) + 0.01):(-row($3)):(sprintf("%d", $3)) with labels boxed font ",16" tc rgb "#7e3a00" notitle, \
     ev using (col($3) + 0.04):(-row($3)):(strcol(5) . "  " . strcol(4)) with labels left font ",16" noenhanced notitle
unset multiplot
