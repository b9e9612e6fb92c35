# board.gp — the trainer board: one page, two stories side by side.  The
# first and the last strategy of a `crisim compare` directory, run 0 of
# each (DIR/STRATEGY/run-0: the same graph, population and incident), with
# posts per tick by tone and attitude over time; the key moments (incident,
# detection, statements, media pick-ups, the peak) are annotated and the
# outcomes of both runs are printed under their titles.
#
#   gnuplot -e "indir='out/cmp'; outfile='out/cmp/board.png'; fmt='png'" board.gp

if (!exists("indir")) indir = "."
if (!exists("fmt")) fmt = "png"
if (!exists("outfile")) outfile = indir . "/board." . fmt

if (fmt eq "svg") {
    set terminal svg size 1800,1100 dynamic enhanced font "Sans,16" background rgb "white"
} else {
    set terminal pngcairo size 1800,1100 enhanced font "Sans,16"
}
set output outfile

cmp = indir . "/compare.tsv"
set datafile separator "\t"
set datafile commentschars "#"
strats = system(sprintf("awk -F'\t' '!/^#/ && $1 == \"damage\" {print $3}' '%s'", cmp))
ns = words(strats)
name = system(sprintf("sed -n 's/^# scenario: //p' '%s' | head -n 1", cmp))
pick(i) = i == 1 ? word(strats, 1) : word(strats, ns)
run0(i) = sprintf("%s/%s/run-0", indir, pick(i))
val(i, k) = real(system(sprintf("sed -n 's/^ *\"%s\": *\\([-0-9.e+]*\\).*/\\1/p' '%s/summary.json' | head -n 1", k, run0(i))))
fr(i) = system(sprintf("sed -n 's/^ *\"first_response\": *\\([^,]*\\).*/\\1/p' '%s/summary.json' | head -n 1", run0(i)))
h(m) = m / 60.0

# An interrupted comparison writes no run-0 stories: say so on the page.
have = int(system(sprintf("test -r '%s/series.tsv' && test -r '%s/series.tsv' && echo 1 || echo 0", run0(1), run0(2))))
if (!have) {
    unset border
    unset tics
    set label 1 sprintf("crisim trainer board — %s\n\nno run-0 stories in %s:\nthe comparison was interrupted; finish it with --resume", name, indir) at graph 0.5, 0.5 center font ",24" noenhanced
    plot [0:1] [0:1] NaN notitle
    exit
}
tm = real(system(sprintf("awk -F'\t' '!/^#/ && $1 == 1 {print $2; exit}' '%s/series.tsv'", run0(1))))

set grid lc rgb "#e5e5e5"
set border lw 1.5
set key top right opaque box font ",13"
set style line 1 lc rgb "#c0392b" lw 3
set style line 2 lc rgb "#7f8c8d" lw 2
set style line 3 lc rgb "#27ae60" lw 3
set style line 5 lc rgb "#8e44ad" lw 3

# common y range for the posts so the stories compare at a glance
stats run0(1) . "/series.tsv" using "posts_neg" name "A" nooutput
stats run0(2) . "/series.tsv" using "posts_neg" name "B" nooutput
ymax = 1.25 * (A_max > B_max ? A_max : B_max) + 1
# zoom on the story: until negative volume has stayed under 5 % of its
# peak, times 2.5 (the whole run if that is longer)
stats run0(1) . "/series.tsv" using "minutes" name "T" nooutput
stats run0(1) . "/series.tsv" using (column("posts_neg") >= 0.05 * A_max ? column("minutes") : 1/0) name "EA" nooutput
stats run0(2) . "/series.tsv" using (column("posts_neg") >= 0.05 * B_max ? column("minutes") : 1/0) name "EB" nooutput
xend = 2.5 * (EA_max > EB_max ? EA_max : EB_max) + 60
xmax = h(xend < T_max ? xend : T_max)
keep = "< grep -v -e gaffe -e escalation -e reply "

set multiplot title sprintf("crisim trainer board — %s: the same incident, two responses (run 0)", name) font "Sans,24"
do for [i = 1:2] {
    s = run0(i)
    ev = s . "/events.tsv"
    x0 = (i - 1) * 0.5
    # ---- posts panel
    set origin x0, 0.40
    set size 0.5, 0.52
    set lmargin 10
    set rmargin 3
    set title sprintf("%s\n{/*0.75 damage %.0f posts, reach %.0f agents, peak %.0f posts/tick,}\n{/*0.75 first response %s, final attitude %+.3f}", \
        pick(i), val(i, "damage"), val(i, "reach"), val(i, "peak_negative"), \
        fr(i) eq "null" ? "never" : fr(i) . " ticks after the incident", val(i, "final_attitude")) font ",20"
    set ylabel "posts / tick"
    set xrange [0:xmax]
    set yrange [0:ymax]
    set format x ""
    unset xlabel
    pk = val(i, "peak_tick")
    pm = val(i, "peak_negative")
    set label 1 sprintf("peak: %.0f", pm) at h(pk * tm), pm point pt 7 ps 1.5 lc rgb "#c0392b" offset 1,0.6 font ",14"
    plot s . "/series.tsv" using (h(column("minutes"))):"posts_neg" with steps ls 1 title "negative", \
         ""               using (h(column("minutes"))):"posts_neu" with steps ls 2 title "neutral", \
         ""               using (h(column("minutes"))):"posts_pos" with steps ls 3 title "positive", \
         keep . ev using (h($2)):(0):(0):(ymax) with vectors nohead lc rgb "#e67e22" dt 2 notitle, \
         keep . ev using (h($2)):(ymax * 0.97):4 with labels rotate by 90 right offset 0.8,0 font ",13" tc rgb "#a04000" noenhanced notitle
    unset label 1
    # ---- attitude panel
    set origin x0, 0.02
    set size 0.5, 0.40
    unset title
    set ylabel "attitude / share"
    set xlabel "time since start (hours)"
    set format x "%g"
    set yrange [-0.2:0.8]
    plot s . "/series.tsv" using (h(column("minutes"))):"mean_attitude" with lines ls 5 title "mean attitude", \
         ""               using (h(column("minutes"))):"neg_share" with lines ls 1 dt 3 title "share with attitude < 0", \
         keep . ev using (h($2)):(-0.2):(0):(1.0) with vectors nohead lc rgb "#e67e22" dt 2 notitle
}
unset multiplot
