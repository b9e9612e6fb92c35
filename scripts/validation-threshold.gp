# validation-threshold.gp — the outbreak threshold T_c = <k>/(<k^2>-<k>)
# (Newman 2002) on a power-law configuration model and on ego-Facebook:
# size of major outbreaks (> 1% of N) and share of runs that are major
# against T/T_c, with the configuration-model prediction from each graph's
# degree sequence.  Data: scripts/validate.sh (sweep-powerlaw.tsv,
# sweep-facebook.tsv).
#
#   gnuplot -e "dir='out/validation'" scripts/validation-threshold.gp
if (!exists("dir")) dir = "out/validation"
if (system("test -f '" . dir . "/sweep-facebook.tsv'; echo $?") ne "0") exit
set terminal pngcairo size 1400,620 enhanced font "Sans,14"
if (!exists("outfile")) outfile = dir . "/validation-threshold.png"
set output outfile
set datafile separator "\t"
set datafile commentschars "#"
set key top left box opaque font ",12"
set grid lc rgb "#dddddd"
set logscale x
set xrange [0.2:12]
set yrange [-0.02:1]
set xlabel "T / T_c"
set ylabel "fraction"
set arrow 1 from 1, graph 0 to 1, graph 1 nohead dt 2 lc rgb "gray40"
set multiplot layout 1,2
do for [g in "powerlaw facebook"] {
    f = dir . "/sweep-" . g . ".tsv"
    hdr = system("sed -n 's/^# //p' '" . f . "' | head -n 1")
    set title (g eq "powerlaw" ? "power-law configuration model" : "ego-Facebook (clustering 0.61)") . "\n{/*0.8 " . hdr . "}"
    plot f u "T_over_Tc":"cm_size" w lp lw 2 pt 0 lc rgb "black" t "configuration model S", \
         f u "T_over_Tc":"size":"size_ci" w yerrorbars pt 7 ps 1.3 lc rgb "#c0392b" t "size of majors", \
         f u "T_over_Tc":"share":"share_lo":"share_hi" w yerrorbars pt 6 ps 1.3 lc rgb "#2471a3" t "share of runs major", \
         f u "T_over_Tc":"mean_reach_share" w lp pt 2 lc rgb "#27ae60" t "mean reach share (all runs)"
}
unset multiplot
