#include "debrief.h"
#include "debrief_story.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "stats.h"
#include "svg.h"

#define NF SUMMARY_NFIELD

static const char *const who[DEBRIEF_N] = { "you", "the plan", "the web guy",
                                            "silence" };
const char *const debrief_who_short[DEBRIEF_N] = { "you", "plan", "web guy",
                                                   "silence" };

/* ---- helpers ---- */

static bool is_share(int k)
{
	return k == SUM_reach_share || k == SUM_final_neg_share ||
	       k == SUM_answered_share;
}

/* An outcome's value for the tables: shares in %, attitude with three
 * decimals, counts and minutes rounded. */
static void value_text(char *buf, size_t len, int k, double v)
{
	if (isnan(v))
		snprintf(buf, len, "&ndash;");
	else if (is_share(k))
		snprintf(buf, len, "%.1f%%", 100 * v);
	else if (k == SUM_final_attitude)
		snprintf(buf, len, "%.3f", v == 0 ? 0 : v);
	else
		snprintf(buf, len, "%.0f", fabs(v) < 0.5 ? 0 : v);
}

/* A difference: signed, shares in percentage points (`unit` adds " pt"),
 * without a "-0" for what rounds to zero. */
static void diff_text(char *buf, size_t len, int k, double v, bool unit)
{
	double scale = is_share(k) ? 100 : 1;
	double r = scale * v;
	/* counts and minutes: a decimal below 10, so that a small interval
	 * does not round to a zero bound */
	int dec = is_share(k) ? 1 : k == SUM_final_attitude ? 3 : fabs(r) < 9.95 ? 1 : 0;
	double half = 0.5 * pow(10, -dec);
	if (isnan(v))
		snprintf(buf, len, "&ndash;");
	else if (fabs(r) < half)
		snprintf(buf, len, "0%s", unit && is_share(k) ? " pt" : "");
	else
		snprintf(buf, len, "%+.*f%s", dec, r, unit && is_share(k) ? " pt" : "");
}

/* ---- the paired statistics ---- */

/* Outcome k of the paired runs: trainee minus response s, over the runs
 * where both finished and neither is NaN; d receives the differences. */
static void paired(const struct debrief_input *in, int k, int s, double *d,
                   double *tmp, size_t *nd, struct stats_desc *out)
{
	size_t n = 0;
	for (size_t r = 0; r < in->runs; r++) {
		size_t i0 = r * DEBRIEF_N, is = r * DEBRIEF_N + (size_t)s;
		if (!in->done[i0] || !in->done[is])
			continue;
		double a = in->sum[i0 * NF + (size_t)k], b = in->sum[is * NF + (size_t)k];
		if (isnan(a) || isnan(b))
			continue;
		d[n++] = a - b;
	}
	*nd = n;
	stats_describe(d, 1, n, tmp, out);
}

/* Share of the n paired differences d that are worse for the trainee than
 * own (direction dir: -1 lower is better), ties counted half: where the
 * exercise's run sits in the distribution, 0.5 for a typical run. */
static double standing(const double *d, size_t n, double own, int dir)
{
	if (!n || isnan(own) || !dir)
		return NAN;
	double worse = 0;
	for (size_t i = 0; i < n; i++)
		worse += d[i] == own ? 0.5 : (dir < 0 ? d[i] > own : d[i] < own);
	return worse / (double)n;
}

/* Outcome k of response s in the exercise's own run. */
static double own_value(const struct debrief_input *in, int s, int k)
{
	return in->own[s]->summary.v[k];
}

/* -1: better for the trainee, +1 worse, 0 neither (direction dir). */
static int sign_better(double d, int dir)
{
	if (isnan(d) || d == 0 || !dir)
		return 0;
	return (d < 0) == (dir < 0) ? -1 : 1;
}

/* ---- page parts ---- */

static const char css[] =
	"body{font-family:'DejaVu Sans',Verdana,sans-serif;font-size:22px;"
	"line-height:1.4;color:#000;background:#fff;margin:24px 40px;max-width:1560px}"
	"h1{font-size:40px;margin:0 0 8px}h2{font-size:32px;margin:36px 0 12px;"
	"border-bottom:3px solid #000}p.meta{color:#333}"
	"table{border-collapse:collapse;font-size:22px;margin:8px 0}"
	"th,td{border:1px solid #555;padding:6px 10px;text-align:right;vertical-align:top}"
	"td{white-space:nowrap}td.l{white-space:normal}"
	"th{background:#e8e8e8}td.l,th.l{text-align:left}"
	"td.good{background:#d9f0d9}td.bad{background:#f6d5d5}"
	"svg{width:100%;height:auto;display:block}"
	"svg text{font-family:'DejaVu Sans',Verdana,sans-serif;fill:#000}"
	".axis{font-size:22px}.lane{font-size:24px;font-weight:bold}"
	".num{font-size:22px;font-weight:bold;fill:#fff}"
	".grid{stroke:#ccc;stroke-width:1}.frame{fill:none;stroke:#000;stroke-width:2}"
	".zero{stroke:#000;stroke-width:3}"
	".s0{fill:none;stroke:#000;stroke-width:5}"
	".s1{fill:none;stroke:#1f5fbf;stroke-width:4}"
	".s2{fill:none;stroke:#d95f02;stroke-width:4;stroke-dasharray:14 7}"
	".s3{fill:none;stroke:#777;stroke-width:4;stroke-dasharray:4 6}"
	".m0{fill:#000}.m1{fill:#1f5fbf}.m2{fill:#d95f02}.mstory{fill:#7a1f7a}"
	".dec{stroke:#000;stroke-width:1.5;stroke-dasharray:6 6}"
	".bar{fill:#9aa9c0;stroke:#333;stroke-width:1}.own{fill:#000}"
	".ownline{stroke:#000;stroke-width:4;stroke-dasharray:10 5}"
	".ci{stroke:#1f5fbf;stroke-width:6}"
	"@media print{body{font-size:11pt;margin:0;max-width:none}"
	"h1{font-size:20pt}h2{font-size:15pt}"
	"table{font-size:9pt}th,td{padding:2px 4px;white-space:normal}section{break-inside:avoid}"
	"td.good,td.bad,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

static void header(FILE *f, const struct debrief_input *in)
{
	const struct scenario *s = in->s;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<title>Debrief: ", f);
	xml_escape(f, s->name);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<header id=\"top\">\n"
	        "<h1>Debrief: ", css);
	xml_escape(f, s->name);
	fputs("</h1>\n<p class=\"meta\">Exercise ", f);
	xml_escape(f, in->exercise);
	fprintf(f, " &middot; seed %llu, run %llu &middot; %u ticks of %g minutes "
	        "&middot; %zu paired runs 0&ndash;%zu (the same random numbers for "
	        "every response%s) &middot; ", (unsigned long long)s->seed,
	        (unsigned long long)in->run, s->ticks, s->tick_minutes, in->runs,
	        in->runs - 1, in->run < in->runs ? "; your run is one of them" : "");
	xml_escape(f, in->replay);
	fputs("</p>\n</header>\n", f);
}

/* A histogram of the paired differences d[0..n) of damage, the zero line,
 * the mean with its CI and the exercise's own difference, in one row of
 * the SVG at y. */
static void diff_row(FILE *f, double y, const char *label, const double *d, size_t n,
                     const struct stats_desc *st, double own)
{
	double lo = own, hi = own;
	for (size_t i = 0; i < n; i++) {
		lo = d[i] < lo || isnan(lo) ? d[i] : lo;
		hi = d[i] > hi || isnan(hi) ? d[i] : hi;
	}
	/* whole numbers (damage is a count) get bins of a whole width centred
	 * on them, so that a bar stands over its value */
	bool whole = true;
	for (size_t i = 0; i < n; i++)
		whole = whole && d[i] == floor(d[i]);
	enum { BINS = 32 };
	double width = fmax(hi - lo, 1) / (BINS - 2);
	if (whole)
		width = ceil(width);
	double start = whole ? lo - width / 2 : lo;
	lo = fmin(start, 0);
	hi = fmax(hi + (whole ? width / 2 : 0), 0);
	svg_nice_range(&lo, &hi, 8);
	struct svg_frame fr = { 300, y + 40, DEBRIEF_W - 330, 150, lo, hi, 0, 1 };
	double count[BINS] = { 0 }, top = 1;
	for (size_t i = 0; i < n; i++) {
		int b = (int)floor((d[i] - start) / width);
		b = b < 0 ? 0 : b >= BINS ? BINS - 1 : b;
		count[b]++;
		top = fmax(top, count[b]);
	}
	fr.y1 = top * 1.15;
	fprintf(f, "<text class=\"lane\" x=\"10\" y=\"%.1f\">", y + 120);
	xml_escape(f, label);
	fputs("</text>\n", f);
	for (int b = 0; b < BINS; b++)
		if (count[b] > 0)
			fprintf(f, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			        "height=\"%.1f\"/>\n", svg_px(&fr, start + b * width),
			        svg_py(&fr, count[b]), svg_px(&fr, width) - svg_px(&fr, 0),
			        svg_py(&fr, 0) - svg_py(&fr, count[b]));
	svg_axes(f, &fr, NULL, NULL, 1);
	fprintf(f, "<line class=\"zero\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
	        svg_px(&fr, 0), fr.y, svg_px(&fr, 0), fr.y + fr.h);
	/* at the two ends, which are on either side of the zero line */
	fprintf(f, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\">&#8592; you did "
	        "better</text>\n<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" "
	        "text-anchor=\"end\">you did worse &#8594;</text>\n", fr.x, fr.y - 14,
	        fr.x + fr.w, fr.y - 14);
	if (!isnan(st->ci_lo))
		fprintf(f, "<line class=\"ci\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		        "y2=\"%.1f\"/>\n", svg_px(&fr, st->ci_lo), fr.y + 20,
		        svg_px(&fr, st->ci_hi), fr.y + 20);
	if (!isnan(own)) {
		double px = svg_px(&fr, own);
		/* a dashed line through the bars, the arrow under the tick
		 * labels */
		double b = fr.y + fr.h;
		fprintf(f, "<line class=\"ownline\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		        "y2=\"%.1f\"/>\n<polygon class=\"own\" points=\"%.1f,%.1f %.1f,%.1f "
		        "%.1f,%.1f\"/>\n<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" "
		        "text-anchor=\"middle\">your run</text>\n", px, fr.y, px, b, px, b + 38,
		        px - 14, b + 62, px + 14, b + 62, px, b + 88);
	}
}

/* One sentence: skill or luck against response s on damage. */
static void verdict_line(FILE *f, int s, double mine, double theirs,
                         const struct stats_desc *st, size_t runs)
{
	double own = mine - theirs;
	int here = sign_better(own, -1);
	int mean = !isnan(st->ci_hi) && st->ci_hi < 0 ? -1 :
	           !isnan(st->ci_lo) && st->ci_lo > 0 ? 1 : 0;
	char o[32], m[32], lo[32], hi[32];
	snprintf(o, sizeof o, "%+.0f", own);
	snprintf(m, sizeof m, "%+.0f", st->mean);
	snprintf(lo, sizeof lo, "%+.0f", st->ci_lo);
	snprintf(hi, sizeof hi, "%+.0f", st->ci_hi);
	fprintf(f, "<li><b>Against %s: ", who[s]);
	if (here < 0 && mean < 0)
		fputs("skill.</b> ", f);
	else if (here < 0)
		fputs("luck.</b> ", f);
	else if (mean < 0)
		fputs("bad luck.</b> ", f);
	else if (mean > 0)
		fprintf(f, "%s did better.</b> ", who[s]);
	else
		fputs("no clear difference.</b> ", f);
	fprintf(f, "Your run: damage %.0f for you, %.0f for %s, a difference of %s. "
	        "Over %zu paired runs: %s on average (95%% CI %s to %s); ", mine, theirs,
	        who[s], isnan(own) ? "&ndash;" : o, runs, isnan(st->mean) ? "&ndash;" : m,
	        isnan(st->ci_lo) ? "&ndash;" : lo, isnan(st->ci_hi) ? "&ndash;" : hi);
	if (mean < 0)
		fputs("on the same incidents your decisions cause less damage on "
		      "average: not the dice.", f);
	else if (mean > 0)
		fprintf(f, "on the same incidents %s's response causes less damage.", who[s]);
	else
		fputs("the paired runs cannot tell the two responses apart.", f);
	fputs("</li>\n", f);
}

static int verdict(FILE *f, const struct debrief_input *in, double *d, double *tmp)
{
	fputs("<section id=\"verdict\">\n<h2>Skill or luck?</h2>\n", f);
	fputs("<p>Damage is the number of negative posts over the whole run (lower "
	      "is better); the differences are <i>you minus the other response</i> "
	      "on the same incident and the same random numbers, so a negative "
	      "difference means you did better.</p>\n<ul>\n", f);
	static const int vs[] = { DEBRIEF_PLAN, DEBRIEF_ADHOC };
	struct stats_desc st[2];
	double own[2];
	size_t nd[2];
	double *keep = malloc((2 * in->runs + 1) * sizeof *keep);
	if (!keep)
		return -1;
	for (int j = 0; j < 2; j++) {
		paired(in, SUM_damage, vs[j], d, tmp, &nd[j], &st[j]);
		memcpy(keep + (size_t)j * in->runs, d, nd[j] * sizeof *d);
		double mine = own_value(in, DEBRIEF_TRAINEE, SUM_damage);
		double theirs = own_value(in, vs[j], SUM_damage);
		own[j] = mine - theirs;
		verdict_line(f, vs[j], mine, theirs, &st[j], nd[j]);
	}
	fputs("</ul>\n<p>The bars: how often each difference of damage came up in "
	      "the paired runs; the blue line: the 95% confidence interval of the "
	      "mean difference; the dashed line and the arrow: your run.</p>\n", f);
	fprintf(f, "<svg viewBox=\"0 0 %.0f 600\" role=\"img\" aria-label=\"paired "
	        "differences of damage\">\n", DEBRIEF_W);
	diff_row(f, 0, "you \xe2\x88\x92 plan", keep, nd[0], &st[0], own[0]);
	diff_row(f, 300, "you \xe2\x88\x92 web guy", keep + in->runs, nd[1], &st[1], own[1]);
	fputs("</svg>\n</section>\n", f);
	free(keep);
	return 0;
}

static void scenario_text(FILE *f, const struct scenario *s)
{
	if (!s->description || !*s->description)
		return;
	fputs("<section id=\"scenario\">\n<h2>The scenario</h2>\n<p class=\"desc\">", f);
	xml_escape(f, s->description);
	fputs("</p>\n</section>\n", f);
}

/* ---- the outcome table ---- */

static const int key_outcomes[] = {
	SUM_damage, SUM_peak_negative, SUM_reach_share, SUM_final_attitude,
	SUM_final_neg_share, SUM_duration_minutes, SUM_complainants,
	SUM_answered_share, SUM_gaffes, SUM_first_response_minutes,
	SUM_reply_minutes, SUM_replies, SUM_statements,
};

static void ci_cell(FILE *f, int k, const struct stats_desc *st)
{
	char m[48], lo[48], hi[48];
	diff_text(m, sizeof m, k, st->mean, true);
	diff_text(lo, sizeof lo, k, st->ci_lo, false);
	diff_text(hi, sizeof hi, k, st->ci_hi, false);
	int dir = stats_better[k];
	const char *cls = !dir || isnan(st->ci_lo) ? "" :
	                  sign_better(st->ci_hi, dir) < 0 && sign_better(st->ci_lo, dir) < 0 ?
	                  " class=\"good\"" :
	                  sign_better(st->ci_hi, dir) > 0 && sign_better(st->ci_lo, dir) > 0 ?
	                  " class=\"bad\"" : "";
	fprintf(f, "<td%s>%s<br>[%s, %s]</td>", cls, m, lo, hi);
}

static void outcomes(FILE *f, const struct debrief_input *in, double *d, double *tmp)
{
	fprintf(f, "<section id=\"outcomes\">\n<h2>Outcomes</h2>\n<p>Your run, then "
	        "%zu paired runs: the mean of your response and the mean difference "
	        "<i>you minus the other</i> with its 95%% confidence interval (paired "
	        "t). Green: you did better beyond doubt; red: worse. "
	        "&ldquo;Your run ranks&rdquo;: the share of the paired runs in which "
	        "you fared worse against the plan than in your own (50%%: a typical "
	        "run; near 100%%: your run was unusually lucky or well played).</p>\n",
	        in->runs);
	fputs("<table>\n<tr><th class=\"l\" rowspan=\"2\">outcome</th>"
	      "<th rowspan=\"2\">better</th><th colspan=\"4\">your run</th>"
	      "<th colspan=\"4\">paired runs</th></tr>\n<tr>", f);
	for (int s = 0; s < DEBRIEF_N; s++)
		fprintf(f, "<th>%s</th>", debrief_who_short[s]);
	fputs("<th>you (mean)</th><th>you &minus; plan</th><th>you &minus; web guy"
	      "</th><th>your run ranks</th></tr>\n", f);
	for (size_t j = 0; j < sizeof key_outcomes / sizeof *key_outcomes; j++) {
		int k = key_outcomes[j];
		char v[48];
		fprintf(f, "<tr><td class=\"l\">%s</td><td>%s</td>", summary_field_name[k],
		        stats_better_word(stats_better[k]));
		for (int s = 0; s < DEBRIEF_N; s++) {
			value_text(v, sizeof v, k, own_value(in, s, k));
			fprintf(f, "<td>%s</td>", v);
		}
		/* the trainee's own mean over the paired runs */
		size_t n = 0;
		for (size_t r = 0; r < in->runs; r++)
			if (in->done[r * DEBRIEF_N])
				d[n++] = in->sum[r * DEBRIEF_N * NF + (size_t)k];
		struct stats_desc mine, vp, va;
		stats_describe(d, 1, n, tmp, &mine);
		value_text(v, sizeof v, k, mine.mean);
		fprintf(f, "<td>%s</td>", v);
		size_t np, na;
		paired(in, k, DEBRIEF_ADHOC, d, tmp, &na, &va);
		/* last, so that d holds the differences to the plan */
		paired(in, k, DEBRIEF_PLAN, d, tmp, &np, &vp);
		ci_cell(f, k, &vp);
		ci_cell(f, k, &va);
		double own = own_value(in, DEBRIEF_TRAINEE, k) - own_value(in, DEBRIEF_PLAN, k);
		double pos = standing(d, np, own, stats_better[k]);
		if (isnan(pos))
			fputs("<td>&ndash;</td>", f);
		else
			fprintf(f, "<td>%.0f%%</td>", 100 * pos);
		fputs("</tr>\n", f);
	}
	fputs("</table>\n<p>Every outcome, with the web guy and silence too: "
	      "compare.tsv and compare.json beside this page (differences there are "
	      "the other response minus yours, &ldquo;script&rdquo;).</p>\n"
	      "</section>\n", f);
}

/* ---- what the plan did at each decision ---- */

static double replies_between(const struct series *sr, double a, double b)
{
	double n = 0;
	for (uint32_t t = 0; t < sr->rows; t++) {
		const double *row = sr->v + (size_t)t * SERIES_NCOL;
		if (row[COL_minutes] >= a && row[COL_minutes] < b)
			n += row[COL_replies];
	}
	return n;
}

static void decisions(FILE *f, const struct debrief_input *in, const struct debrief_mark *m,
                      size_t n)
{
	fprintf(f, "<section id=\"decisions\">\n<h2>At each of your decisions, what "
	        "the plan did</h2>\n<p>The plan&rsquo;s actions within %.0f minutes "
	        "either side of each decision, in its run on the same incident, and "
	        "the replies each side sent in that window.</p>\n", in->window);
	if (!in->n_dec) {
		fputs("<p><b>You made no decision</b>: the brand only listened.</p>\n"
		      "</section>\n", f);
		return;
	}
	fputs("<table>\n<tr><th>#</th><th>time</th><th class=\"l\">you</th>"
	      "<th class=\"l\">the plan, around that time</th><th>your replies</th>"
	      "<th>plan&rsquo;s replies</th></tr>\n", f);
	for (size_t i = 0; i < n; i++) {
		if (m[i].lane != LANE_YOU)
			continue;
		char t[32];
		debrief_clock(t, sizeof t, m[i].minute);
		double a = m[i].minute - in->window, b = m[i].minute + in->window;
		fprintf(f, "<tr><td>%zu</td><td>%s</td><td class=\"l\">", i + 1, t);
		xml_escape(f, m[i].text);
		fputs("</td><td class=\"l\">", f);
		int any = 0;
		for (size_t j = 0; j < n; j++) {
			if (m[j].lane != LANE_PLAN || m[j].minute < a || m[j].minute > b)
				continue;
			debrief_clock(t, sizeof t, m[j].minute);
			fprintf(f, "%s%s (#%zu) ", any++ ? "<br>" : "", t, j + 1);
			xml_escape(f, m[j].text);
		}
		if (!any)
			fputs("no statement, escalation or answer", f);
		fprintf(f, "</td><td>%.0f</td><td>%.0f</td></tr>\n",
		        replies_between(&in->own[DEBRIEF_TRAINEE]->series, a, b),
		        replies_between(&in->own[DEBRIEF_PLAN]->series, a, b));
	}
	fputs("</table>\n</section>\n", f);
}

static void footer(FILE *f)
{
	fputs("<footer>\n<p class=\"meta\">Made by crisim " CRISIM_VERSION " (crisim "
	      "debrief). The files beside this page: compare.tsv, compare.json, "
	      "STRATEGY/runs.tsv and STRATEGY/exercise/ (the run shown here, as a "
	      "single run: series.tsv, events.tsv).</p>\n</footer>\n</body>\n</html>\n", f);
}

enum status debrief_write(const char *dir, const struct debrief_input *in,
                          char *err, size_t errlen)
{
	size_t n = 0;
	struct debrief_mark *m = debrief_marks(in, &n);
	double *d = malloc((in->runs + 1) * sizeof *d);
	double *tmp = malloc((in->runs + 1) * sizeof *tmp);
	struct out_file o = { 0 };
	enum status st = ST_NOMEM;
	if (!m || !d || !tmp) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if ((st = output_open(&o, dir, "debrief.html", err, errlen)))
		goto out;
	header(o.f, in);
	if (verdict(o.f, in, d, tmp) != 0)
		goto oom;
	scenario_text(o.f, in->s);
	debrief_timeline(o.f, in, m, n);
	if (debrief_curves(o.f, in, m, n) != 0)
		goto oom;
	outcomes(o.f, in, d, tmp);
	decisions(o.f, in, m, n);
	footer(o.f);
	st = output_commit(&o, err, errlen);
	goto out;
oom:
	output_abort(&o);
	snprintf(err, errlen, "out of memory");
	st = ST_NOMEM;
out:
	free(m);
	free(d);
	free(tmp);
	return st;
}
