#!/usr/bin/env python3
"""break-even.py [--runs N] [--step S] [--max P] [--crisim PATH] [NAME...]

The break-even map of models/README.md (section 7): for each shipped crisis
scenario (all of scenarios/*.json but quiet-day, or the NAMEs given), the
gaffe probability p* at which the web guy's mean damage equals that of
silence and of the plan.  At every p of the grid 0, S, 2S, ... P (default
0 to 0.06 in steps of 0.01) it runs N runs (default 40) of adhoc and of
plan with responder.gaffe_prob = p, and N of none, as ensembles paired by
run index (common random numbers), and takes the paired differences
adhoc - none and adhoc - plan of damage with their 95 % paired t intervals
(scripts/paired.py).  p* is the linear interpolation of the first crossing
of the mean difference from below 0 to above it; the bracket is the
crossing of the interval's upper end (left) and of its lower end (right):
"-" when that end is already at or above 0 at p = 0, ">P" when it never
crosses on the grid; p* "never" when the web guy is no better even at
p = 0.  Writes a
markdown table on stdout and every point to build/break-even.tsv.  Not
part of make test.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
sys.path.insert(0, here)


def paired(a, b):
    out = subprocess.run([sys.executable, os.path.join(here, "paired.py"), a, b],
                         check=True, capture_output=True, text=True).stdout
    m, lo, hi, _ = out.split()
    return float(m), float(lo), float(hi)


def ensemble(crisim, scn, runs, out, sets):
    cmd = [crisim, "run", scn, "--runs", str(runs), "-q", "-o", out]
    for s in sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(out, "runs.tsv")


def crossing(ps, ys):
    """First p where y goes from < 0 to >= 0, interpolated; None if y[0]
    is already >= 0 ("-"), inf if it never crosses."""
    if ys[0] >= 0:
        return None
    for k in range(1, len(ps)):
        if ys[k] >= 0:
            return ps[k - 1] + (ps[k] - ps[k - 1]) * (-ys[k - 1]) / (ys[k] - ys[k - 1])
    return float("inf")


def fmt(x, top):
    if x is None:
        return "—"
    if x == float("inf"):
        return ">%g" % top
    return "%.3f" % x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--step", type=float, default=0.01)
    ap.add_argument("--max", type=float, default=0.06)
    ap.add_argument("--crisim", default=os.path.join(root, "crisim"))
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    names = a.names or sorted(f[:-5] for f in os.listdir(os.path.join(root, "scenarios"))
                              if f.endswith(".json") and f != "quiet-day.json")
    n = int(round(a.max / a.step))
    ps = [round(k * a.step, 10) for k in range(n + 1)]
    os.makedirs(os.path.join(root, "build"), exist_ok=True)
    tsv = open(os.path.join(root, "build", "break-even.tsv"), "w")
    tsv.write("scenario\tgaffe_prob\tvs\tmean\tlo\thi\n")
    print("| scenario | `p*` vs silence | `p*` vs plan | adhoc − none at p = 0 | adhoc − plan at p = 0 | time |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            t0 = time.time()
            scn = os.path.join(root, "scenarios", name + ".json")
            none = ensemble(a.crisim, scn, a.runs, os.path.join(tmp, "none"),
                            ["responder.strategy=none"])
            res = {"none": [], "plan": []}
            for p in ps:
                g = "responder.gaffe_prob=%g" % p
                ad = ensemble(a.crisim, scn, a.runs, os.path.join(tmp, "adhoc-%g" % p),
                              ["responder.strategy=adhoc", g])
                pl = ensemble(a.crisim, scn, a.runs, os.path.join(tmp, "plan-%g" % p),
                              ["responder.strategy=plan", g])
                for vs, other in (("none", none), ("plan", pl)):
                    d = paired(ad, other)
                    res[vs].append(d)
                    tsv.write("%s\t%g\t%s\t%.1f\t%.1f\t%.1f\n" % ((name, p, vs) + d))
            cells = []
            for vs in ("none", "plan"):
                ms = [d[0] for d in res[vs]]
                lo = [d[1] for d in res[vs]]
                hi = [d[2] for d in res[vs]]
                star = crossing(ps, ms)
                cells.append("never" if star is None else "%s [%s, %s]" % (
                    fmt(star, a.max), fmt(crossing(ps, hi), a.max), fmt(crossing(ps, lo), a.max)))
            at0 = ["%.0f [%.0f, %.0f]" % res[vs][0] for vs in ("none", "plan")]
            print("| `%s` | %s | %s | %s | %s | %.1f s |" % (name, cells[0], cells[1],
                  at0[0].replace("-", "−"), at0[1].replace("-", "−"), time.time() - t0),
                  flush=True)
    tsv.close()


main()
