# validation-size.gp — independent cascade on Erdos-Renyi graphs: the final
# size of major outbreaks (filled) and the share of runs that are major
# (open) against zT for z = 3, 4, 10, with the theory S = 1 - exp(-zT S)
# (Newman 2002), which puts both on one curve.  Data: scripts/validate.sh.
#
#   gnuplot -e "dir='out/validation'" scripts/validation-size.gp
if (!exists("dir")) dir = "out/validation"
f = dir . "/sweep-er.tsv"
if (system("test -f '" . f . "'; echo $?") ne "0") exit
set terminal pngcairo size 1000,700 enhanced font "Sans,14"
if (!exists("outfile")) outfile = dir . "/validation-size.png"
set output outfile
set datafile separator "\t"
set key top left box opaque
set grid lc rgb "#dddddd"
set xlabel "z T (mean degree x transmissibility)"
set ylabel "fraction of N"
set xrange [0:4.2]
set yrange [-0.02:1.02]
set title "Independent cascade on ER, N = 10^5: final size vs theory (Newman 2002)"
plot dir . "/er-theory.tsv" u 1:2 w l lw 2.5 lc rgb "black" t "S = 1 - exp(-zTS)", \
     for [z in "3 4 10"] f u (column("z") == z+0 ? column("zT") : NaN):"size":"size_ci" w yerrorbars pt 7 ps 1.3 t "size of majors, z=".z, \
     for [z in "3 4 10"] f u (column("z") == z+0 ? column("zT") : NaN):"share":"share_lo":"share_hi" w yerrorbars pt 6 ps 1.3 t "share of runs major, z=".z
