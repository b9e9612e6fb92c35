#include "series.h"

#include "grow.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const series_col_name[SERIES_NCOL] = {
#define X(id, doc) #id,
	SERIES_COLUMNS(X)
#undef X
};

const char *const series_col_doc[SERIES_NCOL] = {
#define X(id, doc) doc,
	SERIES_COLUMNS(X)
#undef X
};

const char *const summary_field_name[SUMMARY_NFIELD] = {
#define X(id, doc) #id,
	SUMMARY_FIELDS(X)
#undef X
};

const char *const summary_field_doc[SUMMARY_NFIELD] = {
#define X(id, doc) doc,
	SUMMARY_FIELDS(X)
#undef X
};

int series_init(struct series *s, uint32_t ticks)
{
	s->rows = 0;
	s->cap = ticks;
	s->v = calloc((size_t)ticks * SERIES_NCOL, sizeof *s->v);
	return s->v ? 0 : -1;
}

double *series_row(struct series *s, uint32_t tick)
{
	if (tick >= s->cap || tick != s->rows)
		return NULL;
	s->rows++;
	assert(s->rows <= s->cap);
	return s->v + (size_t)tick * SERIES_NCOL;
}

void series_free(struct series *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

int event_log_add(struct event_log *log, uint32_t tick, uint32_t actor,
                  const char *kind, const char *fmt, ...)
{
	struct event *v = grow(log->v, &log->cap, log->n, sizeof *v, 32);
	if (!v)
		return -1;
	log->v = v;
	assert(log->n < log->cap);
	struct event *e = &log->v[log->n++];
	e->tick = tick;
	e->actor = actor;
	snprintf(e->kind, sizeof e->kind, "%s", kind);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->detail, sizeof e->detail, fmt, ap);
	va_end(ap);
	return 0;
}

void event_log_free(struct event_log *log)
{
	free(log->v);
	memset(log, 0, sizeof *log);
}

static double at(const struct series *s, uint32_t t, enum series_col c)
{
	return s->v[(size_t)t * SERIES_NCOL + c];
}

void series_summarize(const struct series *s, uint32_t incident_tick,
                      uint32_t n, struct summary *out)
{
	double *v = out->v;
	for (int k = 0; k < SUMMARY_NFIELD; k++)
		v[k] = 0.0;
	v[SUM_first_response] = NAN;

	uint32_t first_neg = UINT32_MAX, peak_t = 0;
	double peak = 0.0;
	for (uint32_t t = 0; t < s->rows; t++) {
		double neg = at(s, t, COL_posts_neg);
		if (neg > 0 && first_neg == UINT32_MAX)
			first_neg = t;
		if (neg > peak) {
			peak = neg;
			peak_t = t;
		}
		v[SUM_damage] += neg;
		v[SUM_replies] += at(s, t, COL_replies);
		v[SUM_gaffes] += at(s, t, COL_gaffes);
		v[SUM_statements] += at(s, t, COL_statements);
		if (isnan(v[SUM_first_response]) &&
		    at(s, t, COL_replies) + at(s, t, COL_statements) > 0)
			v[SUM_first_response] = (double)t - (double)incident_tick;
	}
	v[SUM_peak_negative] = peak;
	v[SUM_peak_tick] = peak_t;

	/* Duration: from the first negative post to the last tick at which the
	 * negative volume was still at or above 10 % of its peak, plus one. */
	if (first_neg != UINT32_MAX) {
		uint32_t last = first_neg;
		for (uint32_t t = first_neg; t < s->rows; t++)
			if (at(s, t, COL_posts_neg) >= 0.1 * peak)
				last = t;
		v[SUM_duration] = last - first_neg + 1;
	}
	if (s->rows > 0) {
		uint32_t t = s->rows - 1;
		v[SUM_reach] = at(s, t, COL_aware);
		v[SUM_reach_share] = n ? at(s, t, COL_aware) / n : 0.0;
		v[SUM_final_attitude] = at(s, t, COL_mean_attitude);
		v[SUM_final_neg_share] = at(s, t, COL_neg_share);
	}
}
