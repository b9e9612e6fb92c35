#include "exercise_view.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brand.h"
#include "model.h"
#include "population.h"
#include "script.h"

/* One line of at most `width` columns (UTF-8 characters counted once,
 * cut between characters). */
static void line(FILE *f, int width, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void line(FILE *f, int width, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	int cols = 0;
	size_t k = 0;
	for (; buf[k]; k++) {
		if (((unsigned char)buf[k] & 0xC0) != 0x80 && ++cols > width)
			break;
		if (buf[k] == '\n' || buf[k] == '\t')
			buf[k] = ' ';
	}
	buf[k] = '\0';
	fprintf(f, "%s\n", buf);
}

static void clock_text(double minutes, char *buf, size_t len)
{
	unsigned m = (unsigned)floor(minutes);
	snprintf(buf, len, "%uh%02u", m / 60, m % 60);
}

/* A row of the volume chart: one character per tick, ' ' for none, then
 * nine levels up to `max`. */
static void spark(const struct series *sr, uint32_t from, uint32_t to, int col,
                  double max, char *buf)
{
	static const char level[] = ".:-=+*#%@";
	size_t n = 0;
	for (uint32_t t = from; t < to; t++) {
		double v = sr->v[(size_t)t * SERIES_NCOL + (size_t)col];
		int k = v <= 0 || max <= 0 ? -1
		      : (int)ceil(9.0 * v / max) - 1;
		buf[n++] = k < 0 ? ' ' : level[k > 8 ? 8 : k];
	}
	buf[n] = '\0';
}

/* An open mention for the list: its author, the oldest noticed mention's
 * post tick and topic. */
struct open {
	uint32_t agent, posted, topic;
	double loud;
};

static int by_loudness(const void *pa, const void *pb)
{
	const struct open *a = pa, *b = pb;
	if (a->loud != b->loud)
		return a->loud > b->loud ? -1 : 1;
	return (a->agent > b->agent) - (a->agent < b->agent);
}

static int by_author_then_age(const void *pa, const void *pb)
{
	const struct open *a = pa, *b = pb;
	if (a->agent != b->agent)
		return (a->agent > b->agent) - (a->agent < b->agent);
	if (a->posted != b->posted)
		return (a->posted > b->posted) - (a->posted < b->posted);
	return (a->topic > b->topic) - (a->topic < b->topic);
}

/* The open mentions, one per author (its oldest stands for it), loudest
 * first; *n of them.  O(q log q) for q queued mentions. */
static struct open *open_mentions(const struct model_ctx *c, size_t *n)
{
	const struct brand *b = c->brand;
	*n = 0;
	if (!b || b->n == 0)
		return NULL;
	struct open *v = malloc(b->n * sizeof *v);
	if (!v)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < b->n; i++) {
		const struct pending *m = &b->heap[i];
		if (script_open(c, m->agent))
			v[k++] = (struct open){ m->agent, m->posted, m->topic, 0.0 };
	}
	qsort(v, k, sizeof *v, by_author_then_age);
	for (size_t i = 0; i < k; i++)
		if (*n == 0 || v[*n - 1].agent != v[i].agent) {
			v[*n] = v[i];
			v[*n].loud = script_loudness(c, v[i].agent);
			(*n)++;
		}
	qsort(v, *n, sizeof *v, by_loudness);
	return v;
}

int exercise_view_row(const struct model_ctx *c, size_t row, uint32_t *agent)
{
	size_t n;
	struct open *v = open_mentions(c, &n);
	int ok = v && row >= 1 && row <= n;
	if (ok)
		*agent = v[row - 1].agent;
	free(v);
	return ok;
}

void exercise_help(FILE *f)
{
	fputs("commands (any unique prefix, any case; Enter goes on):\n"
	      "  reply RULE TYPE [REF]  RULE loudest|largest_audience|oldest|AGENT|#ROW;\n"
	      "                         TYPE thanks|regret|corrective|info|private, by +;\n"
	      "                         REF a key message id or a Q&A topic\n"
	      "  holding                the holding statement\n"
	      "  statement S            official statement, S deny|diminish|rebuild\n"
	      "  action K [S]           K statement S|recall|corrective_action\n"
	      "  capacity N             replies per tick from now on\n"
	      "  wait                   do nothing until the next pause\n"
	      "  finish                 play to the end without pausing\n"
	      "  quit                   stop; crisim exercise --resume DIR goes on\n",
	      f);
}

void exercise_view(FILE *f, const struct view *v)
{
	const struct scenario *s = v->s;
	const struct model_ctx *c = engine_ctx(v->e);
	const struct population *p = c->pop;
	const struct series *sr = &v->res->series;
	const struct event_log *log = &v->res->log;
	int w = v->width < 80 ? 80 : v->width, h = v->height < 24 ? 24 : v->height;
	uint32_t now = engine_tick(v->e);
	double minute = now * s->tick_minutes;
	char clk[32], total[32];
	clock_text(minute, clk, sizeof clk);
	clock_text(s->ticks * s->tick_minutes, total, sizeof total);

	/* 1-2: the clock and the public. */
	line(f, w, "crisim exercise: %s   %s (minute %g) of %s   tick %u/%u",
	     s->name, clk, minute, total, now, s->ticks);
	double n = p->n;
	line(f, w, "heard %.1f%% (%llu of %u)  attitude %+.3f  negative %.1f%%  "
	     "anger %.2f",
	     100.0 * (double)(p->n - p->count[AW_UNAWARE]) / n,
	     (unsigned long long)(p->n - p->count[AW_UNAWARE]), p->n,
	     p->attitude_sum / n, 100.0 * (double)p->negative / n,
	     p->arousal_sum / n);

	/* 3-6: posts per tick over the last hours, one character a tick. */
	uint32_t span = (uint32_t)(w - 14);
	uint32_t from = sr->rows > span ? sr->rows - span : 0;
	double max = 0, sum[3] = { 0, 0, 0 };
	const int cols[3] = { COL_posts_neg, COL_posts_neu, COL_posts_pos };
	for (uint32_t t = from; t < sr->rows; t++)
		for (int k = 0; k < 3; k++) {
			double x = sr->v[(size_t)t * SERIES_NCOL + (size_t)cols[k]];
			sum[k] += x;
			if (x > max)
				max = x;
		}
	char since[32];
	clock_text(from * s->tick_minutes, since, sizeof since);
	line(f, w, "posts per %g-minute tick since %s (@ = %.0f, the most in "
	     "a tick):", s->tick_minutes, since, max);
	static const char *const tone[3] = { "neg", "neu", "pos" };
	char bar[1024];
	for (int k = 0; k < 3; k++) {
		spark(sr, from, sr->rows, cols[k], max, bar);
		line(f, w, "%s %6.0f |%s", tone[k], sum[k], bar);
	}

	/* 7: the media. */
	uint32_t reported = 0;
	for (uint32_t k = 0; k < p->n_role[ROLE_MEDIA]; k++)
		reported += (p->flags[p->members[ROLE_MEDIA][k]] & POP_F_REPORTED) != 0;
	char inq[256] = "";
	size_t used = 0, ni = engine_inquiries(v->e);
	for (size_t k = 0; k < ni && used < sizeof inq; k++) {
		uint32_t outlet, due, topic;
		engine_inquiry(v->e, k, &outlet, &due, &topic);
		clock_text((due + 1) * s->tick_minutes, clk, sizeof clk);
		used += (size_t)snprintf(inq + used, sizeof inq - used,
		                         "%s outlet %u asks about %s, answer before %s",
		                         k ? ";" : "; waiting:", outlet, s->topics[topic],
		                         clk);
	}
	line(f, w, "media: %u of %u outlets reported%s", reported,
	     p->n_role[ROLE_MEDIA], inq);

	/* 8-: the team and the open mentions. */
	size_t n_open = 0;
	struct open *o = open_mentions(c, &n_open);
	line(f, w, "team: %u replies/tick, credibility %.2f; %zu open mention%s, "
	     "loudest first:",
	     script_capacity(c), c->brand ? c->brand->credibility : 0.0, n_open,
	     n_open == 1 ? "" : "s");
	/* Eleven lines and the prompt's are fixed; the two lists share the
	 * rest. */
	int rows = h - 12;
	int show_m = rows / 2, show_e = rows - show_m;
	line(f, w, "  #    agent %-10s %9s %-15s %8s %s", "role", "followers",
	     "topic", "attitude", "waiting");
	for (int k = 0; k < show_m; k++) {
		if ((size_t)k >= n_open) {
			line(f, w, "%s", k == 0 ? "  (none)" : "");
			continue;
		}
		if (k == show_m - 1 && n_open > (size_t)show_m) {
			line(f, w, "  ... and %zu more", n_open - (size_t)k);
			continue;
		}
		const struct open *m = &o[k];
		line(f, w, "%3d %8u %-10s %9u %-15.15s %+8.2f %4.0f min", k + 1,
		     m->agent,
		     population_role_name(p->role[m->agent]),
		     graph_out_degree(c->g, m->agent), s->topics[m->topic],
		     p->attitude[m->agent], (now - m->posted) * s->tick_minutes);
	}
	free(o);

	/* What happened since the last pause, and what was decided now. */
	const struct decision_list *dl = &s->responder.script.decisions;
	size_t n_new = log->n - v->log_from, n_q = dl->n - v->queued_from;
	line(f, w, "since the last pause (%zu event%s), and decided now:", n_new,
	     n_new == 1 ? "" : "s");
	size_t room = (size_t)show_e - 1;
	size_t shown_q = n_q < room ? n_q : room;
	size_t shown_e = n_new < room - shown_q ? n_new : room - shown_q;
	for (size_t k = 0; k < room; k++) {
		if (k < shown_e) {
			/* The latest events; the first line says how many are
			 * left out. */
			const struct event *ev = &log->v[log->n - shown_e + k];
			if (k == 0 && n_new > shown_e) {
				line(f, w, "  ... %zu earlier", n_new - shown_e + 1);
				continue;
			}
			clock_text(ev->tick * s->tick_minutes, clk, sizeof clk);
			line(f, w, "  %s %-16s %s", clk, ev->kind, ev->detail);
		} else if (k < shown_e + shown_q) {
			char words[256];
			const struct decision *d = &dl->v[dl->n - shown_q + (k - shown_e)];
			spec_decision_text(d, s, ' ', words, sizeof words);
			line(f, w, "  now   decided          %s", words);
		} else {
			line(f, w, "%s", "");
		}
	}
	line(f, w, "%s", v->message ? v->message : "");
	line(f, w, "commands: reply, holding, statement, action, capacity, wait, "
	     "finish, quit, help");
}
