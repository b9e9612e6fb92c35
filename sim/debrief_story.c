#include "debrief_story.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "svg.h"

/* "h:mm" of a minute count since the start. */
void debrief_clock(char *buf, size_t len, double minute)
{
	long m = lround(minute);
	snprintf(buf, len, "%ld:%02ld", m / 60, labs(m % 60));
}

/* ---- the timeline ---- */

static const char *const lane_name[LANES] = { "story", "you", "plan" };
static const char *const lane_cls[LANES] = { "mstory", "m0", "m1" };

/* Who an event picks, in words: "a customer", "3 influencers", "the
 * largest outlet", "agent 17". */
static void target_text(char *buf, size_t len, const struct event_spec *e)
{
	static const char *const role[] = {
		[TGT_RANDOM] = "account", [TGT_CUSTOMER] = "customer",
		[TGT_INFLUENCER] = "influencer", [TGT_MEDIA] = "outlet",
	};
	if (e->target == TGT_AGENT)
		snprintf(buf, len, "agent %llu", (unsigned long long)e->agent);
	else if (e->rank == 1)
		snprintf(buf, len, "the largest %s", role[e->target]);
	else if (e->rank > 1)
		snprintf(buf, len, "the %s of rank %u by followers", role[e->target], e->rank);
	else if (e->count > 1)
		snprintf(buf, len, "%u %ss", e->count, role[e->target]);
	else
		snprintf(buf, len, "%s %s", e->target == TGT_INFLUENCER ? "an" :
		         e->target == TGT_RANDOM ? "a random" : "a", role[e->target]);
}

/* What a scenario event says, from the scenario itself. */
static void event_text(char *buf, size_t len, const struct scenario *s,
                       const struct event_spec *e)
{
	char topics[96] = "", who[64];
	size_t at = 0;
	for (uint32_t k = 0; k < e->n_topics && at < sizeof topics; k++)
		if (e->topics[k].topic != 0)   /* "general" says nothing */
			at += (size_t)snprintf(topics + at, sizeof topics - at, "%s%s",
			                       at ? ", " : "", s->topics[e->topics[k].topic]);
	const char *sep = *topics ? ": " : "";
	target_text(who, sizeof who, e);
	switch (e->kind) {
	case EV_INCIDENT:
		snprintf(buf, len, "incident (%s crisis) at %s%s%s",
		         spec_crisis_name(e->crisis), who, sep, topics);
		break;
	case EV_INQUIRY:
		snprintf(buf, len, "inquiry: a journalist of %s asks%s%s and waits %.0f "
		         "minutes", who, *topics ? " about " : "", topics, e->deadline);
		break;
	case EV_BRAND_ACTION:
		if (e->action == ACTION_STATEMENT)
			snprintf(buf, len, "brand action: a %s statement",
			         spec_scct_name(e->strategy));
		else
			snprintf(buf, len, "brand action: %s", spec_brand_action_name(e->action));
		break;
	case EV_MEDIA_REPORT:
		snprintf(buf, len, "media report (%s) by %s", spec_report_tone_name(e->tone), who);
		break;
	case EV_REVELATION:
		snprintf(buf, len, "revelation: the crisis is now %s%s%s",
		         spec_crisis_name(e->crisis), sep, topics);
		break;
	default:
		snprintf(buf, len, "amplify: %s shares the story", who);
	}
}

/* The plan's actions in its event log: what the responder did, not what
 * the timeline or the public did. */
static bool plan_action(const char *kind)
{
	static const char *const kinds[] = { "statement", "holding statement",
	                                     "escalation", "inquiry answered", "gaffe" };
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return true;
	return false;
}

static int mark_cmp(const void *a, const void *b)
{
	const struct debrief_mark *x = a, *y = b;
	if (x->minute != y->minute)
		return x->minute < y->minute ? -1 : 1;
	return x->lane - y->lane;
}

/* Every mark of the timeline, sorted by time (qsort is not stable, lanes
 * and the texts' own order break ties: see the index `seq`). */
struct debrief_mark *debrief_marks(const struct debrief_input *in, size_t *n)
{
	const struct scenario *s = in->s;
	const struct event_log *pl = &in->own[DEBRIEF_PLAN]->log;
	const struct event_log *yl = &in->own[DEBRIEF_TRAINEE]->log;
	size_t cap = s->n_events + in->n_dec + pl->n + yl->n + 1, k = 0;
	struct debrief_mark *m = malloc(cap * sizeof *m);
	if (!m)
		return NULL;
	for (size_t i = 0; i < s->n_events; i++) {
		m[k].minute = s->events[i].tick * s->tick_minutes;
		m[k].lane = LANE_STORY;
		event_text(m[k].text, sizeof m[k].text, s, &s->events[i]);
		k++;
	}
	/* the media's reports in the trainee's run: what the trainee's
	 * decisions led to (an unanswered inquiry becomes one) */
	for (size_t j = 0; j < yl->n; j++) {
		if (strcmp(yl->v[j].kind, "media pick-up") != 0)
			continue;
		m[k].minute = yl->v[j].tick * s->tick_minutes;
		m[k].lane = LANE_STORY;
		snprintf(m[k].text, sizeof m[k].text, "in your run: %s", yl->v[j].detail);
		k++;
	}
	size_t from = 0;
	for (size_t i = 0; i < in->n_dec; i++) {
		m[k].minute = in->dec[i].minute;
		m[k].lane = LANE_YOU;
		snprintf(m[k].text, sizeof m[k].text, "%s", in->dec[i].text);
		/* what the replay logged of it, in file order: when it was
		 * carried out and to whom, or why it was skipped */
		char head[48];
		int hl = snprintf(head, sizeof head, "minute %g: ", in->dec[i].minute);
		for (size_t j = from; j < yl->n; j++) {
			const struct event *e = &yl->v[j];
			if (strncmp(e->kind, "decision", 8) != 0 ||
			    strncmp(e->detail, head, (size_t)hl) != 0)
				continue;
			m[k].minute = e->tick * s->tick_minutes;
			snprintf(m[k].text, sizeof m[k].text, "%s%s", e->detail + hl,
			         strcmp(e->kind, "decision") ? " (skipped)" : "");
			from = j + 1;
			break;
		}
		size_t at = strlen(m[k].text);
		if (m[k].minute >= s->ticks * s->tick_minutes)
			snprintf(m[k].text + at, sizeof m[k].text - at, " (after the end of "
			         "the run: not carried out)");
		k++;
	}
	for (size_t i = 0; i < pl->n; i++) {
		if (!plan_action(pl->v[i].kind))
			continue;
		m[k].minute = pl->v[i].tick * s->tick_minutes;
		m[k].lane = LANE_PLAN;
		snprintf(m[k].text, sizeof m[k].text, "%s: %s", pl->v[i].kind,
		         pl->v[i].detail);
		k++;
	}
	/* ties: a stable order by (minute, lane, position) */
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 && mark_cmp(&m[j - 1], &m[j]) > 0; j--) {
			struct debrief_mark t = m[j];
			m[j] = m[j - 1];
			m[j - 1] = t;
		}
	*n = k;
	return m;
}

static double hours_total(const struct scenario *s)
{
	return s->ticks * s->tick_minutes / 60.0;
}

/* Replies of a run per `bucket` minutes as bars at the bottom of a lane
 * (bottom y, at most `tall` high for `top` replies). */
static void reply_strip(FILE *f, const struct svg_frame *fr, const struct series *sr,
                        double bucket, double top, double bottom, double tall)
{
	double n = 0, start = 0;
	for (uint32_t t = 0; t <= sr->rows; t++) {
		const double *row = t < sr->rows ? sr->v + (size_t)t * SERIES_NCOL : NULL;
		if (!row || row[COL_minutes] >= start + bucket) {
			if (n > 0 && start / 60 < fr->x1) {
				double h = fmax(5, tall * n / top);   /* one reply stays visible */
				fprintf(f, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" "
				        "width=\"%.1f\" height=\"%.1f\"/>\n", svg_px(fr, start / 60),
				        bottom - h, fmax(1, svg_px(fr, fmin(fr->x1, (start + bucket) / 60)) -
				                            svg_px(fr, start / 60)), h);
			}
			if (!row)
				break;
			start = floor(row[COL_minutes] / bucket) * bucket;
			n = 0;
		}
		n += row[COL_replies];
	}
}

/* The largest number of replies of a run in one bucket. */
static double reply_peak(const struct series *sr, double bucket)
{
	double best = 0, n = 0, start = 0;
	for (uint32_t t = 0; t < sr->rows; t++) {
		const double *row = sr->v + (size_t)t * SERIES_NCOL;
		if (row[COL_minutes] >= start + bucket) {
			start = floor(row[COL_minutes] / bucket) * bucket;
			n = 0;
		}
		n += row[COL_replies];
		best = fmax(best, n);
	}
	return best;
}

/* Numbered circles in three lanes; a circle too close to the one before
 * it in its row moves to the next row (three rows per lane), so numbers
 * do not cover each other. */
void debrief_timeline(FILE *f, const struct debrief_input *in, const struct debrief_mark *m,
                     size_t n)
{
	const double R = 18, ROW = 40, LANE = 180, TOP = 20, BUCKET = 15;
	/* up to an hour after the last mark: the crisis, not the quiet
	 * hours after it, gets the width */
	double end = n ? ceil(m[n - 1].minute / 60 + 1) : 1;
	struct svg_frame fr = { 180, TOP, DEBRIEF_W - 210, LANES * LANE, 0,
	                        fmin(hours_total(in->s), end), 0, 1 };
	double height = TOP + LANES * LANE + 80;
	fputs("<section id=\"timeline\">\n<h2>The story, your decisions and the "
	      "plan&rsquo;s actions</h2>\n", f);
	fprintf(f, "<p>The first %.0f hours of your run (nothing is marked after "
	        "them). Each number is explained in the list below; the plan&rsquo;s "
	        "actions are those of its own run on the same incident. Grey bars: "
	        "replies sent per %.0f minutes (the tallest: %.0f).</p>\n", fr.x1, BUCKET,
	        fmax(reply_peak(&in->own[DEBRIEF_TRAINEE]->series, BUCKET),
	             reply_peak(&in->own[DEBRIEF_PLAN]->series, BUCKET)));
	fprintf(f, "<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"timeline\">\n",
	        DEBRIEF_W, height);
	svg_axes(f, &fr, "hours since the start", NULL, 0);
	for (int l = 0; l < LANES; l++) {
		double y = TOP + l * LANE;
		if (l)
			fprintf(f, "<line class=\"frame\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			        "y2=\"%.1f\"/>\n", fr.x, y, fr.x + fr.w, y);
		fprintf(f, "<text class=\"lane\" x=\"10\" y=\"%.1f\">%s</text>\n",
		        y + 60, lane_name[l]);
		if (l != LANE_STORY)
			fprintf(f, "<text class=\"axis\" x=\"10\" y=\"%.1f\">replies</text>\n",
			        y + LANE - 12);
	}
	double top = fmax(1, fmax(reply_peak(&in->own[DEBRIEF_TRAINEE]->series, BUCKET),
	                          reply_peak(&in->own[DEBRIEF_PLAN]->series, BUCKET)));
	reply_strip(f, &fr, &in->own[DEBRIEF_TRAINEE]->series, BUCKET, top,
	            TOP + (LANE_YOU + 1) * LANE, 40);
	reply_strip(f, &fr, &in->own[DEBRIEF_PLAN]->series, BUCKET, top,
	            TOP + (LANE_PLAN + 1) * LANE, 40);
	double last[LANES][3];
	for (int l = 0; l < LANES; l++)
		for (int r = 0; r < 3; r++)
			last[l][r] = -1e9;
	for (size_t i = 0; i < n; i++) {
		if (m[i].minute / 60 > fr.x1)   /* after the end: listed only */
			continue;
		double x = svg_px(&fr, m[i].minute / 60);
		int l = m[i].lane, row = 0;
		for (int r = 0; r < 3; r++)
			if (x - last[l][r] >= 2 * R + 4) {
				row = r;
				break;
			} else if (last[l][r] < last[l][row]) {
				row = r;
			}
		last[l][row] = x;
		double y = TOP + l * LANE + 30 + row * ROW;
		fprintf(f, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.0f\"/>"
		        "<text class=\"num\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">"
		        "%zu</text>\n", lane_cls[l], x, y, R, x, y + 8, i + 1);
	}
	fputs("</svg>\n<table class=\"legend\">\n<tr><th>#</th><th>time</th>"
	      "<th class=\"l\">who</th><th class=\"l\">what</th></tr>\n", f);
	for (size_t i = 0; i < n; i++) {
		char t[32];
		debrief_clock(t, sizeof t, m[i].minute);
		fprintf(f, "<tr><td>%zu</td><td>%s</td><td class=\"l\">%s</td>"
		        "<td class=\"l\">", i + 1, t, lane_name[m[i].lane]);
		xml_escape(f, m[i].text);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n</section>\n", f);
}

/* ---- the curves ---- */

/* Column col of a run per hour: the sum over the hour's ticks (sum) or
 * the value at the last tick of the hour; x the hour's middle or end. */
static size_t hourly(const struct series *sr, int col, bool sum,
                     double *x, double *y, size_t cap)
{
	size_t n = 0;
	for (uint32_t t = 0; t < sr->rows; t++) {
		const double *row = sr->v + (size_t)t * SERIES_NCOL;
		size_t h = (size_t)floor(row[COL_minutes] / 60.0);
		if (h >= cap)
			break;
		while (n <= h) {
			x[n] = (double)n + (sum ? 0.5 : 1.0);
			y[n++] = sum ? 0 : NAN;
		}
		y[h] = sum ? y[h] + row[col] : row[col];
	}
	return n;
}

static void legend(FILE *f, double x, double y)
{
	for (int s = 0; s < DEBRIEF_N; s++) {
		double lx = x + s * 260;
		fprintf(f, "<line class=\"s%d\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		        "y2=\"%.1f\"/><text class=\"axis\" x=\"%.1f\" y=\"%.1f\">%s</text>\n",
		        s, lx, y, lx + 60, y, lx + 70, y + 8, debrief_who_short[s]);
	}
}

/* The decisions as dashed verticals with their timeline numbers.  The
 * numbers of decisions at the same minute share one label ("4,5"); a label
 * that would run into the one before it goes one row lower, so labels
 * never overlap (22 px type: about 13 px a character). */
static void decision_lines(FILE *f, const struct svg_frame *fr,
                           const struct debrief_mark *m, size_t n)
{
	enum { ROWS = 4, CHAR_PX = 13, GAP_PX = 10 };
	double right[ROWS];
	for (int r = 0; r < ROWS; r++)
		right[r] = -1e9;
	/* the lines first, so that no line crosses a label */
	for (size_t i = 0; i < n; i++)
		if (m[i].lane == LANE_YOU && m[i].minute / 60 <= fr->x1) {
			double x = svg_px(fr, m[i].minute / 60);
			fprintf(f, "<line class=\"dec\" x1=\"%.1f\" y1=\"%.1f\" "
			        "x2=\"%.1f\" y2=\"%.1f\"/>\n", x, fr->y, x, fr->y + fr->h);
		}
	for (size_t i = 0; i < n;) {
		if (m[i].lane != LANE_YOU || m[i].minute / 60 > fr->x1) {
			i++;
			continue;
		}
		double x = svg_px(fr, m[i].minute / 60);
		char label[128];
		size_t used = (size_t)snprintf(label, sizeof label, "%zu", i + 1);
		size_t j = i + 1;
		for (; j < n && m[j].minute == m[i].minute; j++)
			if (m[j].lane == LANE_YOU && used < sizeof label)
				used += (size_t)snprintf(label + used, sizeof label - used,
				                         ",%zu", j + 1);
		double half = (double)strlen(label) * CHAR_PX / 2;
		int row = 0;
		while (row + 1 < ROWS && x - half < right[row] + GAP_PX)
			row++;
		right[row] = x + half;
		double base = fr->y + 24 + 26 * row;
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"24\" "
		        "fill=\"#fff\"/><text class=\"axis\" x=\"%.1f\" y=\"%.1f\" "
		        "text-anchor=\"middle\">%s</text>\n", x - half - 3, base - 19,
		        2 * half + 6, x, base, label);
		i = j;
	}
}

int debrief_curves(FILE *f, const struct debrief_input *in, const struct debrief_mark *m,
                  size_t n)
{
	size_t cap = (size_t)ceil(hours_total(in->s)) + 2;
	double *x = malloc(DEBRIEF_N * cap * sizeof *x);
	double *y = malloc(DEBRIEF_N * cap * sizeof *y);
	size_t len[DEBRIEF_N];
	if (!x || !y) {
		free(x);
		free(y);
		return -1;
	}
	static const struct { int col; bool sum; const char *id, *title, *ylabel; } plot[] = {
		{ COL_posts_neg, true, "volume", "Negative posts per hour",
		  "negative posts in the hour" },
		{ COL_mean_attitude, false, "attitude", "Mean attitude toward the brand",
		  "mean attitude (-1 hostile .. +1 favourable), at the end of each hour" },
	};
	fputs("<section id=\"curves\">\n", f);
	for (size_t p = 0; p < 2; p++) {
		double lo = INFINITY, hi = -INFINITY;
		for (int s = 0; s < DEBRIEF_N; s++) {
			len[s] = hourly(&in->own[s]->series, plot[p].col,
			                plot[p].sum, x + (size_t)s * cap, y + (size_t)s * cap, cap);
			for (size_t i = 0; i < len[s]; i++)
				if (!isnan(y[(size_t)s * cap + i])) {
					lo = fmin(lo, y[(size_t)s * cap + i]);
					hi = fmax(hi, y[(size_t)s * cap + i]);
				}
		}
		if (plot[p].sum)
			lo = 0;
		/* room above the highest curve for the decision numbers */
		hi += (hi - lo) * 0.12;
		svg_nice_range(&lo, &hi, 5);
		struct svg_frame fr = { 120, 60, DEBRIEF_W - 150, 420, 0, hours_total(in->s), lo, hi };
		fprintf(f, "<h2 id=\"%s\">%s</h2>\n<svg viewBox=\"0 0 %.0f 640\" "
		        "role=\"img\" aria-label=\"%s\">\n", plot[p].id, plot[p].title, DEBRIEF_W,
		        plot[p].title);
		svg_axes(f, &fr, "hours since the start", plot[p].ylabel, 1);
		decision_lines(f, &fr, m, n);
		for (int s = DEBRIEF_N - 1; s >= 0; s--) {
			char cls[16];
			snprintf(cls, sizeof cls, "s%d", s);
			svg_polyline(f, &fr, x + (size_t)s * cap, y + (size_t)s * cap, len[s], cls);
		}
		legend(f, 120, 610);
		fputs("</svg>\n", f);
	}
	fputs("<p>Dashed verticals: your decisions, numbered as on the timeline.</p>\n"
	      "</section>\n", f);
	free(x);
	free(y);
	return 0;
}
