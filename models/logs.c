/* logs — the growable lists of a run (logs.h). */
#include "logs.h"

#include <assert.h>
#include <stdlib.h>

#include "grow.h"

int agent_list_push(struct agent_list *l, uint32_t id)
{
	uint32_t *v = grow(l->v, &l->cap, l->n, sizeof *v, 1024);
	if (!v)
		return -1;
	l->v = v;
	assert(l->n < l->cap);
	l->v[l->n++] = id;
	return 0;
}

void agent_list_free(struct agent_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
	l->cap = 0;
}

int agent_list_distinct(const struct agent_list *l, uint32_t n)
{
	uint8_t *seen = calloc((size_t)n / 8 + 1, 1);
	int ok = 1;
	if (!seen)
		return 1;
	for (uint32_t k = 0; k < l->n && ok; k++) {
		uint32_t id = l->v[k];
		uint8_t bit = (uint8_t)(1u << (id & 7));
		if (id >= n || (seen[id >> 3] & bit))
			ok = 0;
		else
			seen[id >> 3] |= bit;
	}
	free(seen);
	return ok;
}

int mention_log_push(struct mention_log *m, uint32_t tick, uint32_t agent,
                     uint32_t topic)
{
	struct mention *v = grow(m->v, &m->cap, m->n, sizeof *v, 256);
	if (!v)
		return -1;
	m->v = v;
	assert(m->n < m->cap);
	m->v[m->n++] = (struct mention){ tick, agent, topic };
	return 0;
}

void mention_log_free(struct mention_log *m)
{
	free(m->v);
	m->v = NULL;
	m->n = m->cap = 0;
}

int latency_log_push(struct latency_log *l, uint32_t ticks)
{
	uint32_t *v = grow(l->v, &l->cap, l->n, sizeof *v, 256);
	if (!v)
		return -1;
	l->v = v;
	assert(l->n < l->cap);
	l->v[l->n++] = ticks;
	return 0;
}

void latency_log_free(struct latency_log *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
