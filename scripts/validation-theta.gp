# validation-theta.gp — Maki-Thompson rumour with complete mixing: the
# distribution over runs of the final ignorant fraction theta, with
# Sudbury's limit 0.203188 (theta = exp(-2(1-theta))).
#
#   gnuplot -e "dir='out/validation'" scripts/validation-theta.gp
if (!exists("dir")) dir = "out/validation"
f = dir . "/theta.tsv"
if (system("test -f '" . f . "'; echo $?") ne "0") exit
set terminal pngcairo size 900,650 enhanced font "Sans,14"
if (!exists("outfile")) outfile = dir . "/validation-theta.png"
set output outfile
stats f u 1 nooutput
w = (STATS_max - STATS_min) / 15.0
if (w <= 0) w = 0.001
bin(x) = w * floor(x / w) + w / 2
set style fill solid 0.5 border lc rgb "#1f4e79"
set grid lc rgb "#dddddd"
set xlabel "final ignorant fraction {/Symbol q}"
set ylabel "runs"
set title sprintf("Maki-Thompson, well mixed: %d runs, mean %.5f, sd %.5f", STATS_records, STATS_mean, STATS_stddev)
set arrow 1 from 0.203188, graph 0 to 0.203188, graph 1 nohead lw 2.5 lc rgb "#c0392b"
set label 1 "Sudbury 1985: 0.203188" at 0.203188, graph 0.95 offset 1,0 tc rgb "#c0392b"
plot f u (bin($1)):(1.0) smooth freq w boxes lc rgb "#5b9bd5" notitle
