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
#define X(id, better, doc) #id,
	SUMMARY_FIELDS(X)
#undef X
};

const char *const summary_field_doc[SUMMARY_NFIELD] = {
#define X(id, better, doc) doc,
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
