# sensitivity.gp — bar plot of sensitivity.tsv from `crisim sensitivity`.
#   One outcome (damage when the table has it, else its first outcome), one
#   panel per series (each strategy, then the paired difference), one group
#   of bars per factor:
#     Sobol' design: S1 and ST with their 95 % bootstrap intervals;
#     Morris design: mu* and sigma (sigma is the spread of the elementary
#     effects, not an interval: sigma well above mu* marks a factor that
#     acts through interactions or non-linearly).
#
#   gnuplot -e "indir='out/sa'; outfile='out/sa/sensitivity.png'; fmt='png'" sensitivity.gp

if (!exists("indir")) indir = "."
if (!exists("fmt")) fmt = "png"
if (!exists("outfile")) outfile = indir . "/sensitivity." . fmt

f = indir . "/sensitivity.tsv"
set datafile separator "\t"
set datafile commentschars "#"
morris = int(system(sprintf("awk -F'\t' '!/^#/ {print ($4 == \"mu\") ? 1 : 0; exit}' '%s'", f)))
o = system(sprintf("awk -F'\t' '!/^#/ && NR > 1 && $1 != \"outcome\" {if ($1 == \"damage\") d = 1; if (!first) first = $1} END {print d ? \"damage\" : first}' '%s'", f))
series = system(sprintf("awk -F'\t' '!/^#/ && $1 == \"%s\" && !seen[$2]++ {print $2}' '%s'", o, f))
ns = words(series)
src = system(sprintf("sed -n 's/^# from: \\([^ ]*\\) (\\([^;]*\\);.*/\\1, \\2/p' '%s' | head -n 1", f))
if (ns < 1) {
    print sprintf("sensitivity.gp: %s: no rows to plot", f)
    exit status 1
}

h = 420 * ns + 160
if (fmt eq "svg") {
    set terminal svg size 1600,h dynamic enhanced font "Sans,16" background rgb "white"
} else {
    set terminal pngcairo size 1600,h enhanced font "Sans,16"
}
set output outfile
set border lw 1.5
set grid ytics lc rgb "#dddddd"
set style data histogram
set style fill solid 0.85 border rgb "#333333"
set boxwidth 0.9
set key top right opaque box font ",16" noenhanced
set xtics font ",16" noenhanced nomirror
set ytics font ",16"
set xzeroaxis lt -1 lw 1.5
# rows of series s: factor, then the table's columns 4.. (S1 S1_lo S1_hi ST
# ST_lo ST_hi, or mu mu_star sigma)
rows(s) = sprintf("< awk -F'\t' -v OFS='\t' '!/^#/ && $1 == \"%s\" && $2 == \"%s\" {print $3, $4, $5, $6, $7, $8, $9}' '%s'", o, s, f)

if (morris) {
    title = sprintf("crisim — Morris screening of %s: mu* (mean |elementary effect|) and sigma per factor\n%s", o, src)
} else {
    title = sprintf("crisim — Sobol' indices of %s: first order S1 and total ST per factor, 95%% bootstrap intervals\n%s", o, src)
}
set multiplot layout ns, 1 title title font "Sans,20" noenhanced
# finite values of series s (a series without variance has NaN indices)
finite(s) = int(system(sprintf("awk -F'\t' '!/^#/ && $1 == \"%s\" && $2 == \"%s\" && $4 != \"NaN\" && $4 != \"\"' '%s' | wc -l", o, s, f)))
do for [i = 1:ns] {
    s = word(series, i)
    set title sprintf("%s: %s", s, o) font ",18" noenhanced
    if (finite(s) == 0) {
        # nothing to draw: say why instead of an empty axis
        set label 1 "no variance in this series: its indices are undefined (NaN)" at graph 0.5, 0.5 center font ",18"
        set xrange [0:1]
        set yrange [0:1]
        unset xtics
        unset key
        plot -1 notitle
        unset label 1
        set key top right opaque box font ",16" noenhanced
        set xtics font ",16" noenhanced nomirror
        set autoscale x
        continue
    }
    if (morris) {
        set style histogram clustered gap 1.5
        set ylabel sprintf("effect on %s", o) noenhanced
        set yrange [0:*]
        plot rows(s) using 3:xtic(1) lc rgb "#2471a3" title "mu*", \
             '' using 4 lc rgb "#aed6f1" title "sigma"
    } else {
        set style histogram errorbars gap 1.5 lw 2.5
        set ylabel "share of the variance"
        set yrange [*:*]
        set auto y
        plot rows(s) using 2:3:4:xtic(1) lc rgb "#c0392b" title "S1 (first order)", \
             '' using 5:6:7 lc rgb "#f5b7b1" title "ST (total)"
    }
}
unset multiplot
