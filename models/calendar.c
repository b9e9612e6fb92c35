#include "calendar.h"

#include <assert.h>
#include <stdlib.h>

int calendar_init(struct calendar *q, uint32_t ticks)
{
	*q = (struct calendar){ .ticks = ticks };
	q->b = calloc(ticks ? ticks : 1, sizeof *q->b);
	return q->b ? 0 : -1;
}

void calendar_free(struct calendar *q)
{
	if (q->b)
		for (uint32_t t = 0; t < q->ticks; t++)
			free(q->b[t].v);
	free(q->b);
	*q = (struct calendar){ 0 };
}

int calendar_push(struct calendar *q, uint64_t tick, uint32_t agent)
{
	if (tick >= q->ticks) {
		q->dropped++;
		return 0;
	}
	assert(tick >= q->taken);  /* not into a bucket already taken */
	struct calendar_bucket *b = &q->b[tick];
	if (b->n == b->cap) {
		uint32_t cap = b->cap ? 2 * b->cap : 4;
		uint32_t *v = cap > b->cap ? realloc(b->v, (size_t)cap * sizeof *v)
		                           : NULL;
		if (!v)
			return -1;
		b->v = v;
		b->cap = cap;
	}
	b->v[b->n++] = agent;
	q->pending++;
	return 1;
}

const uint32_t *calendar_take(struct calendar *q, uint32_t tick, uint32_t *n)
{
	assert(tick >= q->taken && tick < q->ticks);
	/* Release the bucket taken last and any skipped since: a skipped
	 * tick's entries are never taken (no longer pending). */
	for (uint32_t t = q->taken > 0 ? q->taken - 1 : 0; t < tick; t++) {
		struct calendar_bucket *old = &q->b[t];
		if (t >= q->taken)
			q->pending -= old->n;
		free(old->v);
		*old = (struct calendar_bucket){ 0 };
	}
	q->taken = tick + 1;
	struct calendar_bucket *b = &q->b[tick];
	q->pending -= b->n;
	*n = b->n;
	return b->v;
}
