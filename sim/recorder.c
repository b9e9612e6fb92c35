/* recorder — the per-agent history of one run (recorder.h). */
#include "recorder.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int recorder_init(struct recorder *r, uint32_t n, const float *attitude,
                  const uint8_t *role, float fan)
{
	memset(r, 0, sizeof *r);
	r->n_agents = n;
	r->cut[0] = 0.0f;
	r->cut[1] = fan;
	r->initial = malloc((n ? n : 1) * sizeof *r->initial);
	r->last = malloc((n ? n : 1) * sizeof *r->last);
	r->role = malloc(n ? n : 1);
	if (!r->initial || !r->last || !r->role) {
		recorder_free(r);
		return -1;
	}
	if (n) {
		memcpy(r->initial, attitude, n * sizeof *attitude);
		memcpy(r->last, attitude, n * sizeof *attitude);
		memcpy(r->role, role, n);
	}
	return 0;
}

void recorder_free(struct recorder *r)
{
	free(r->role);
	free(r->initial);
	free(r->last);
	free(r->v);
	memset(r, 0, sizeof *r);
}

static void append(struct recorder *r, uint32_t agent, enum rec_kind kind,
                   float value)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 1024;
		struct rec_change *v = realloc(r->v, cap * sizeof *v);
		if (!v) {
			r->oom = 1;
			return;
		}
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n++] = (struct rec_change){ r->tick, agent, value, (uint8_t)kind };
}

void recorder_state(struct recorder *r, uint32_t agent, unsigned state)
{
	append(r, agent, REC_STATE, (float)state);
}

/* Which side of cut c the value x is on: tone_of's comparisons (x < 0
 * negative, x > fan positive). */
static int above(float x, int c, float cut)
{
	return c == 0 ? x >= cut : x > cut;
}

void recorder_attitude(struct recorder *r, uint32_t agent, float x)
{
	float was = r->last[agent];
	int crosses = above(was, 0, r->cut[0]) != above(x, 0, r->cut[0]) ||
	              above(was, 1, r->cut[1]) != above(x, 1, r->cut[1]);
	if (!crosses && fabsf(x - was) < RECORDER_ATTITUDE_STEP)
		return;
	r->last[agent] = x;
	append(r, agent, REC_ATTITUDE, x);
}

void recorder_reply(struct recorder *r, uint32_t agent)
{
	append(r, agent, REC_REPLY, 0.0f);
}
