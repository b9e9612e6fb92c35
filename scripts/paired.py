#!/usr/bin/env python3
"""paired.py A/runs.tsv B/runs.tsv [FIELD] — mean of A - B in FIELD (default
damage) over the runs both ensembles share by run index (common random
numbers), with its 95 % paired t interval.  Prints: mean lo hi n.
Used by scripts/break-even.sh and for the README's paired figures."""
import math
import sys

# t(0.975, df) for small df; the normal quantile beyond the table.
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447,
        7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228, 14: 2.145, 19: 2.093,
        24: 2.064, 29: 2.045, 39: 2.023, 49: 2.010, 59: 2.001, 99: 1.984}


def t975(df):
    if df in T975:
        return T975[df]
    above = [k for k in T975 if k >= df]
    return T975[min(above)] if above else 1.96


def read(path, field):
    rows = {}
    with open(path) as f:
        lines = [l for l in f if not l.startswith("#")]
    head = lines[0].rstrip("\n").split("\t")
    i, j = head.index("run"), head.index(field)
    for l in lines[1:]:
        v = l.rstrip("\n").split("\t")
        rows[v[i]] = float(v[j])
    return rows


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: paired.py A/runs.tsv B/runs.tsv [FIELD]")
    field = sys.argv[3] if len(sys.argv) == 4 else "damage"
    a, b = read(sys.argv[1], field), read(sys.argv[2], field)
    d = [a[k] - b[k] for k in a if k in b
         and not math.isnan(a[k]) and not math.isnan(b[k])]
    n = len(d)
    if n < 2:
        sys.exit("paired.py: fewer than two paired runs")
    m = sum(d) / n
    sd = math.sqrt(sum((x - m) ** 2 for x in d) / (n - 1))
    h = t975(n - 1) * sd / math.sqrt(n)
    print(f"{m:.1f} {m - h:.1f} {m + h:.1f} {n}")


main()
