#include "brand.h"

#include <math.h>
#include <stdio.h>

#include "exposure.h"
#include "grow.h"

int brand_init(struct brand *b, const struct model_ctx *c)
{
	const struct scenario *s = c->scn;
	*b = (struct brand){ .credibility = s->responder.reputation,
	                     .first_seen = POP_NEVER };
	b->delay = model_ticks(s, s->responder.detection_delay, 0);
	b->w = model_ticks(s, 60.0, 1);
	b->ring = calloc(b->w, sizeof *b->ring);
	return b->ring ? 0 : -1;
}

void brand_free(struct brand *b)
{
	free(b->heap);
	free(b->ring);
	*b = (struct brand){ 0 };
}

void brand_begin_tick(struct brand *b, const struct model_ctx *c)
{
	b->budget = c->scn->responder.capacity;
}

static int before(const struct pending *x, const struct pending *y)
{
	if (x->tier != y->tier)
		return x->tier > y->tier;
	return x->key > y->key || (x->key == y->key && x->seq < y->seq);
}

static int heap_push(struct brand *b, struct pending e)
{
	struct pending *h = grow(b->heap, &b->cap, b->n, sizeof *h, 256);
	if (!h)
		return -1;
	b->heap = h;
	size_t i = b->n++;
	while (i > 0 && before(&e, &b->heap[(i - 1) / 2])) {
		b->heap[i] = b->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	b->heap[i] = e;
	return 0;
}

int brand_pop(struct brand *b, struct pending *m)
{
	if (b->n == 0)
		return 0;
	*m = b->heap[0];
	brand_remove(b, 0);
	return 1;
}

void brand_listen(struct model_ctx *c, struct brand *b, brand_priority prio)
{
	brand_listen_tiered(c, b, prio, NULL);
}

void brand_listen_tiered(struct model_ctx *c, struct brand *b,
                         brand_priority prio, brand_tier tier)
{
	const struct mention_log *m = c->mentions;
	uint32_t noticed = 0;
	while (b->cursor < m->n && c->tick - m->v[b->cursor].tick >= b->delay) {
		uint32_t agent = m->v[b->cursor].agent;
		uint32_t topic = m->v[b->cursor].topic;
		uint32_t posted = m->v[b->cursor++].tick;
		if (gsl_rng_uniform(c->resp_rng) >= c->scn->responder.coverage)
			continue;
		noticed++;
		uint64_t seq = b->seq++;
		if (heap_push(b, (struct pending){ tier ? tier(c, agent) : 0.0,
		                                   prio(c, agent, posted), seq,
		                                   agent, posted, topic }))
			c->oom = 1;
		if (b->first_seen == POP_NEVER) {
			b->first_seen = c->tick;
			if (event_log_add(c->log, c->tick, agent, "detection",
			                  "the brand sees its first mention, by %s %u",
			                  population_role_name(c->pop->role[agent]), agent))
				c->oom = 1;
		}
	}
	uint32_t slot = c->tick % b->w;
	b->volume -= b->ring[slot];
	b->ring[slot] = noticed;
	b->volume += noticed;
	b->noticed += noticed;
}

void brand_message(struct brand *b, const struct model_ctx *c, int consistent)
{
	const struct responder_spec *r = &c->scn->responder;
	if (consistent)
		b->credibility += r->cred_gain * (1.0 - b->credibility);
	else
		b->credibility -= r->cred_loss * b->credibility;
}

void brand_reply(struct model_ctx *c, struct brand *b, const struct pending *m,
                 const struct reply *rp)
{
	const struct responder_spec *r = &c->scn->responder;
	struct population *pop = c->pop;
	uint32_t j = m->agent;
	double vis = c->scn->spread.visibility;
	float cb = (float)b->credibility;
	b->budget--;
	c->tc->replies++;
	if (c->tally) {
		if (rp->prepared)
			c->tally->qa_replies++;
		else
			c->tally->improvised++;
	}
	if (model_reply_latency(c, c->tick - m->posted))
		c->oom = 1;
	if (pop->rec)
		recorder_reply(pop->rec, j);
	if (!(pop->flags[j] & POP_F_REPLIED)) {
		pop->flags[j] |= POP_F_REPLIED;
		c->answered++;
	}

	if (gsl_rng_uniform(c->resp_rng) < rp->gaffe_prob) {
		/* A gaffe: the target is angrier and spreads again, and its
		 * followers see the bad reply as fresh outrage, as angry as the
		 * target now is and as credible as the target is to them. */
		brand_message(b, c, 0);
		c->tc->gaffes++;
		population_set_arousal(pop, j, pop->arousal[j] + 0.5f * (1.0f - pop->arousal[j]));
		population_set_attitude(pop, j, pop->attitude[j] -
		                        (float)r->reply_effect * (1.0f + pop->attitude[j]));
		model_activate(c, j);
		exposure_renew(c);
		struct post p = { .author = pop->brand, .tone = TONE_NEG,
		                  .credibility = exposure_credibility(c, j),
		                  .arousal = pop->arousal[j], .contagious = 1,
		                  .from_brand = 1 };
		uint32_t seen = exposure_followers(c, c->resp_rng, j, &p, vis, NULL);
		if (event_log_add(c->log, c->tick, j, "gaffe",
		                  "reply to %s %u goes wrong, seen by %u of its %u followers",
		                  population_role_name(pop->role[j]), j, seen,
		                  graph_out_degree(c->g, j)))
			c->oom = 1;
		return;
	}
	brand_message(b, c, rp->consistent);
	int satisfies = rp->thanks || rp->corrective;
	if (!satisfies) {
		/* Regret alone: an empathic reply calms the complainant, which
		 * slows its posting and the contagion of its posts (Herhausen et
		 * al. 2019), but does not satisfy it (Einwiller & Steilen 2015).
		 * Asking for information or explaining: no effect on the
		 * complainant (Einwiller & Steilen 2015).  Either way the thread
		 * is public: its followers see a neutral brand post. */
		if (rp->regret)
			population_set_arousal(pop, j, pop->arousal[j] *
			                       (1.0f - (float)r->reply_effect * cb));
		struct post p = { .author = pop->brand, .tone = TONE_NEU,
		                  .credibility = cb, .from_brand = 1 };
		exposure_followers(c, c->resp_rng, j, &p, vis, NULL);
		return;
	}
	/* A compensation offered in public shows the complaint again, as a
	 * reason to complain too (Herhausen et al. 2019): a share
	 * compensation_fuel of the thread's viewers see the complaint, as
	 * angry as it was, contagious.  In a private channel nobody does. */
	struct post again = { .author = j, .tone = TONE_NEG,
	                      .credibility = exposure_credibility(c, j),
	                      .arousal = pop->arousal[j], .contagious = 1 };
	/* A good reply: the complainant warms up and calms down, in
	 * proportion to the brand's credibility, and may stop spreading. */
	double q = 1.0 - rp->shortfall;  /* the words' quality; 1 = full */
	float rho = (float)(r->reply_effect * q);
	population_set_attitude(pop, j, pop->attitude[j] +
	                        rho * cb * (1.0f - pop->attitude[j]));
	population_set_arousal(pop, j, pop->arousal[j] * (1.0f - rho * cb));
	if (pop->state[j] == AW_SPREADING &&
	    gsl_rng_uniform(c->resp_rng) < r->satisfaction * q * cb)
		population_set_state(pop, j, AW_DONE);
	struct post p = { .author = pop->brand, .tone = TONE_POS,
	                  .credibility = cb, .from_brand = 1 };
	exposure_followers(c, c->resp_rng, j, &p, vis, NULL);
	if (rp->corrective && !rp->private_channel && r->compensation_fuel > 0)
		exposure_followers(c, c->resp_rng, j, &again,
		                   vis * r->compensation_fuel, NULL);
}

void brand_statement(struct model_ctx *c, struct brand *b, enum tone tone,
                     int contagious, int frames, const char *kind,
                     const char *detail)
{
	struct population *pop = c->pop;
	b->budget--;
	c->tc->statements++;
	struct post p = { .author = pop->brand, .tone = tone,
	                  .credibility = (float)b->credibility,
	                  .arousal = tone == TONE_NEG ? 1.0f : 0.0f,
	                  .contagious = (uint8_t)contagious, .from_brand = 1,
	                  .frames = (uint8_t)frames };
	uint32_t seen = exposure_followers(c, c->resp_rng, pop->brand, &p, 1.0, NULL);
	for (uint32_t k = 0; k < pop->n_role[ROLE_MEDIA]; k++) {
		uint32_t m = pop->members[ROLE_MEDIA][k];
		if (pop->flags[m] & POP_F_REPORTED)
			seen += exposure_followers(c, c->resp_rng, m, &p, 1.0, NULL);
	}
	if (event_log_add(c->log, c->tick, pop->brand, kind, "%s; seen by %u",
	                  detail, seen))
		c->oom = 1;
}

int brand_scct_statement(struct model_ctx *c, struct brand *b,
                         enum scct_strategy st, const char *kind,
                         const char *prefix)
{
	const struct event_spec *e = model_crisis(c);
	int needed = e ? (int)e->crisis + (e->history ? 1 : 0) : 0;
	if (needed > SCCT_REBUILD)
		needed = SCCT_REBUILD;
	int fits = (int)st >= needed;
	char detail[128];
	snprintf(detail, sizeof detail, "%s%s statement in a%s %s crisis %s",
	         prefix, spec_scct_name(st),
	         e && e->crisis == CRISIS_ACCIDENTAL ? "n" : "",
	         e ? spec_crisis_name(e->crisis) : "victim",
	         fits ? "fits" : "is too weak and backfires");
	b->budget++;  /* brand_statement takes one: the statement is outside
	                 the tick's capacity */
	if (fits) {
		brand_message(b, c, 1);
		c->framed = 1;
		brand_statement(c, b, TONE_POS, 0, 1, kind, detail);
	} else {
		for (int k = 0; k < 3; k++)
			brand_message(b, c, 0);
		brand_statement(c, b, TONE_NEG, 1, 0, kind, detail);
	}
	return fits;
}

int brand_action(struct model_ctx *c, struct brand *b, enum brand_action a,
                 enum scct_strategy st)
{
	int extra = a == ACTION_RECALL ? 2 : a == ACTION_CORRECTIVE ? 1 : 0;
	if (a != ACTION_STATEMENT)
		st = SCCT_REBUILD;
	for (int k = 0; k < extra; k++)
		brand_message(b, c, 1);
	char prefix[64];
	snprintf(prefix, sizeof prefix, "%s: ", spec_brand_action_name(a));
	return brand_scct_statement(c, b, st, "brand action", prefix);
}

void brand_remove(struct brand *b, size_t i)
{
	struct pending last = b->heap[--b->n];
	if (i == b->n)
		return;
	/* Up while it beats its parent, else down while a child beats it. */
	while (i > 0 && before(&last, &b->heap[(i - 1) / 2])) {
		b->heap[i] = b->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	for (;;) {
		size_t l = 2 * i + 1, best = i;
		const struct pending *cur = &last;
		if (l < b->n && before(&b->heap[l], cur)) {
			best = l;
			cur = &b->heap[l];
		}
		if (l + 1 < b->n && before(&b->heap[l + 1], cur))
			best = l + 1;
		if (best == i)
			break;
		b->heap[i] = b->heap[best];
		i = best;
	}
	b->heap[i] = last;
}
