# board.gp — the trainer board: one page, two stories side by side, made
# to be read from the back of a room (1600 pixels wide, no text under 16
# points).  The pair and the run come from DIR/board.tsv of `crisim
# compare` (by default the first two strategies after the baseline, and
# the run whose baseline damage is closest to the baseline's median: a
# typical incident, not run 0 by accident); the stories are
# DIR/STRATEGY/story/ (the same graph, population and incident).  Each
# column: posts per tick by tone with the brand's replies (blue impulses)
# and its gaffes (red triangles), then mean attitude (left axis) and the
# share with a negative attitude (right axis), both scaled to every curve
# of the two stories so that nothing is clipped; the key moments
# (incident, detection, escalation, statements, media pick-ups) are
# numbered markers, stacked so that no two overlap, with dashed leader
# lines down to the time axis and a numbered list under the charts.
#
#   gnuplot -e "indir='out/cmp'; outfile='out/cmp/board.png'; fmt='png'" board.gp

if (!exists("indir")) indir = "."
if (!exists("fmt")) fmt = "png"
if (!exists("outfile")) outfile = indir . "/board." . fmt

if (fmt eq "svg") {
    set terminal svg size 1600,1200 dynamic enhanced font "Sans,16" background rgb "white"
} else {
    set terminal pngcairo size 1600,1200 enhanced font "Sans,16"
}
set output outfile

cmp = indir . "/compare.tsv"
bf = indir . "/board.tsv"
set datafile separator "\t"
set datafile commentschars "#"
name = system(sprintf("sed -n 's/^# scenario: //p' '%s' | head -n 1", cmp))
runs = system(sprintf("sed -n 's/^# runs: //p' '%s' | head -n 1", cmp))
bv(k) = system(sprintf("awk -F'\t' '$1 == \"%s\" {print $2; exit}' '%s' 2>/dev/null", k, bf))
pick(i) = i == 1 ? bv("left") : bv("right")
story(i) = sprintf("%s/%s/story", indir, pick(i))

# An interrupted comparison writes no board.tsv and no stories: say so.
have = int(system(sprintf("test -r '%s' && test -r '%s/series.tsv' && test -r '%s/series.tsv' && echo 1 || echo 0", bf, story(1), story(2))))
if (!have) {
    unset border
    unset tics
    set label 1 sprintf("crisim trainer board — %s\n\nno stories in %s:\nthe comparison was interrupted; finish it with --resume", name, indir) at graph 0.5, 0.5 center font ",24" noenhanced
    plot [0:1] [0:1] NaN notitle
    exit
}
val(i, k) = real(system(sprintf("sed -n 's/^ *\"%s\": *\\([-0-9.e+]*\\).*/\\1/p' '%s/summary.json' | head -n 1", k, story(i))))
fr(i) = system(sprintf("sed -n 's/^ *\"first_response\": *\\([^,]*\\).*/\\1/p' '%s/summary.json' | head -n 1", story(i)))
h(m) = m / 60.0
tm = real(system(sprintf("awk -F'\t' '!/^#/ && $1 == 1 {print $2; exit}' '%s/series.tsv'", story(1))))

set grid lc rgb "#e5e5e5"
set border lw 1.5
set style line 1 lc rgb "#c0392b" lw 3
set style line 2 lc rgb "#7f8c8d" lw 2
set style line 3 lc rgb "#27ae60" lw 3
set style line 4 lc rgb "#2471a3" lw 2
set style line 5 lc rgb "#8e44ad" lw 3

# ---- common scales of the two stories
sA = story(1) . "/series.tsv"
sB = story(2) . "/series.tsv"
stats sA using "posts_neg" name "A" nooutput
stats sB using "posts_neg" name "B" nooutput
stats sA using "replies" name "RA" nooutput
stats sB using "replies" name "RB" nooutput
pmax = A_max > B_max ? A_max : B_max
pmax = RA_max > pmax ? RA_max : pmax
pmax = RB_max > pmax ? RB_max : pmax
pmax = pmax > 0 ? pmax : 1
# zoom on the story: until negative volume has stayed under 5 % of its
# peak, times 2.5 (the whole run if that is longer)
stats sA using "minutes" name "T" nooutput
stats sA using (column("posts_neg") >= 0.05 * A_max ? column("minutes") : 1/0) name "EA" nooutput
stats sB using (column("posts_neg") >= 0.05 * B_max ? column("minutes") : 1/0) name "EB" nooutput
xend = 2.5 * (EA_max > EB_max ? EA_max : EB_max) + 60
xmax = h(xend < T_max ? xend : T_max)
# attitude (left axis) and share below 0 (right axis): every value of both
# stories inside, with 10 % of the span (at least 0.01) either side
stats sA using "mean_attitude" name "MA" nooutput
stats sB using "mean_attitude" name "MB" nooutput
stats sA using "neg_share" name "NA" nooutput
stats sB using "neg_share" name "NB" nooutput
alo = MA_min < MB_min ? MA_min : MB_min
ahi = MA_max > MB_max ? MA_max : MB_max
apad = (ahi - alo) * 0.1 > 0.01 ? (ahi - alo) * 0.1 : 0.01
slo = NA_min < NB_min ? NA_min : NB_min
shi = NA_max > NB_max ? NA_max : NB_max
spad = (shi - slo) * 0.1 > 0.01 ? (shi - slo) * 0.1 : 0.01

# ---- key moments: every event but gaffes (drawn from the series) and
# replies, up to the end of the zoom, at most `maxev` listed per story.
# Each marker takes the lowest level whose previous marker is at least
# `gap` hours (a marker's width) earlier, so markers never overlap.
maxev = 9
gap = xmax * 0.045
keyev(i) = sprintf("< awk -F'\t' -v d=%g -v x=%g -v m=%d '!/^#/ && $1 != \"tick\" && $4 != \"gaffe\" && $4 != \"reply\" && $2 / 60 <= x && n < m {h = $2 / 60; n++; for (l = 0; (l in last) && h - last[l] < d; l++); last[l] = h; t = $4 \": \" $5; if (length(t) > 58) t = substr(t, 1, 56) \"...\"; printf \"%%g\\t%%d\\t%%d\\t%%s\\t%%.1f h\\n\", h, l, n, t, h}' '%s/events.tsv'", gap, xmax, maxev, story(i))
nkey(i) = int(system(sprintf("awk -F'\t' -v x=%g '!/^#/ && $1 != \"tick\" && $4 != \"gaffe\" && $4 != \"reply\" && $2 / 60 <= x' '%s/events.tsv' | wc -l", xmax, story(i))))
levels(i) = int(system(keyev(i)[3:] . " | awk -F'\t' 'BEGIN {m = 0} $2 + 1 > m {m = $2 + 1} END {print m}'"))
nlev = levels(1) > levels(2) ? levels(1) : levels(2)
# the markers sit above the curves: level l at pmax * (1.08 + 0.13 l)
lev(l) = pmax * (1.08 + 0.13 * l)
ymax = lev(nlev) + pmax * 0.02

set multiplot title sprintf("crisim trainer board — %s: the same incident, two responses", name) font ",26" noenhanced
set label 1 sprintf("run %s of %s — why this run: %s", bv("run"), runs, bv("why")) at screen 0.5, 0.925 center font ",18" noenhanced
do for [i = 1:2] {
    s = story(i)
    x0 = (i - 1) * 0.5
    set border 31 lw 1.5
    set tics
    set grid xtics ytics lc rgb "#e5e5e5"
    # ---- the column's head: the strategy and its outcomes in this run
    set label 2 pick(i) at screen x0 + 0.25, 0.885 center font "Sans:Bold,22" noenhanced
    set label 3 sprintf("damage %.0f negative posts · reach %.0f %% of agents", val(i, "damage"), 100 * val(i, "reach_share")) at screen x0 + 0.25, 0.855 center font ",17" noenhanced
    set label 4 sprintf("peak %.0f posts/tick · first response %s", val(i, "peak_negative"), \
        fr(i) eq "null" ? "never" : sprintf("%.0f min after the incident", real(fr(i)) * tm)) at screen x0 + 0.25, 0.832 center font ",17" noenhanced
    set label 5 sprintf("%.0f replies · %.0f gaffes · final attitude %+.3f", val(i, "replies"), val(i, "gaffes"), val(i, "final_attitude")) at screen x0 + 0.25, 0.809 center font ",17" noenhanced
    # ---- posts panel
    set origin x0, 0.47
    set size 0.5, 0.33
    set lmargin 10
    set rmargin 9
    set tmargin 3.5
    set bmargin 0.5
    set ylabel "posts / tick"
    set xrange [0:xmax]
    set yrange [0:ymax]
    set format x ""
    unset xlabel
    set key outside top center horizontal maxrows 2 font ",16" samplen 2 width 1
    ev = keyev(i)
    plot s . "/series.tsv" using (h(column("minutes"))):"posts_neg" with steps ls 1 title "negative", \
         ""               using (h(column("minutes"))):"posts_neu" with steps ls 2 title "neutral", \
         ""               using (h(column("minutes"))):"posts_pos" with steps ls 3 title "positive", \
         ""               using (h(column("minutes"))):"replies" with impulses ls 4 title "brand replies", \
         ""               using (h(column("minutes"))):(column("gaffes") > 0 ? pmax * 0.03 : NaN) with points pt 9 ps 2 lc rgb "#c0392b" title "gaffe", \
         ev using 1:(0):(0):(lev($2)) with vectors nohead lc rgb "#e67e22" dt 2 lw 1.5 notitle, \
         ev using 1:(lev($2)):(sprintf("%d", $3)) with labels boxed font ",16" tc rgb "#7e3a00" notitle
    unset label 1
    unset label 2
    unset label 3
    unset label 4
    unset label 5
    # ---- attitude panel
    set origin x0, 0.23
    set size 0.5, 0.24
    set tmargin 0.5
    set bmargin 2
    set ylabel "mean attitude" tc rgb "#8e44ad"
    set y2label "share < 0 (dotted)" tc rgb "#c0392b"
    set format x "%g h"
    set yrange [alo - apad : ahi + apad]
    set y2range [slo - spad : shi + spad]
    set ytics nomirror
    set y2tics
    # no key to hide a curve: each axis is named in its curve's colour
    unset key
    plot s . "/series.tsv" using (h(column("minutes"))):"mean_attitude" with lines ls 5 title "mean attitude", \
         ""               using (h(column("minutes"))):"neg_share" axes x1y2 with lines ls 1 dt 3 title "share with attitude < 0 (right)", \
         ev using 1:(alo - apad):(0):(ahi - alo + 2 * apad) with vectors nohead lc rgb "#e67e22" dt 2 lw 1.5 notitle
    unset y2tics
    unset y2label
    set ylabel tc default
    set ytics mirror
    # ---- the numbered key moments
    set origin x0, 0.0
    set size 0.5, 0.22
    set lmargin 3
    set rmargin 1
    set tmargin 0.3
    set bmargin 0.3
    unset border
    unset tics
    unset grid
    unset xlabel
    unset ylabel
    unset key
    more = nkey(i) - maxev
    set xrange [0:1]
    set yrange [-(maxev + 1.2) : -0.3]
    if (more > 0) {
        set label 9 sprintf("+ %d more key moments in %s/story/events.tsv", more, pick(i)) at 0.02, -(maxev + 0.6) font ",16" tc rgb "#555555" noenhanced
    }
    plot ev using (0.02):(-$3):(sprintf("%d", $3)) with labels boxed font ",16" tc rgb "#7e3a00", \
         ev using (0.06):(-$3):(strcol(5) . "  " . strcol(4)) with labels left font ",16" noenhanced
    unset label 9
}
unset multiplot
