/* plan — the structured crisis-communication plan (models/README.md,
 * "plan").
 *
 * Monitoring (the shared listening), escalation by the volume of mentions
 * seen in the last hour: monitor (0) → respond (1) → crisis mode (2).
 * Replies go out at every level, ranked by the stakeholder map:
 * followers^gamma × negativity × stakeholder weight, each complainant
 * answered once.  In respond mode a holding statement goes out within the
 * golden hour.  Replies
 * keep to the key messages (always consistent); a share qa_coverage of
 * questions is covered by the prepared Q&A (gaffe probability
 * qa_gaffe_prob), the rest get improvised words (responder.gaffe_prob).  In
 * crisis mode an official statement follows with the SCCT strategy of the
 * scenario: it works when at least as strong as the crisis type calls for
 * and backfires when weaker (Coombs 2007).  With stealing_thunder the
 * official statement goes out at the incident itself (Arpan &
 * Roskos-Ewoldsen 2005).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "brand.h"

struct plan {
	struct brand b;
	uint32_t holding_at, official_at;  /* scheduled ticks; POP_NEVER */
	int holding_done, official_done;
};

static double stakeholder_priority(const struct model_ctx *c, uint32_t j,
                                   uint32_t posted)
{
	(void)posted;
	const struct responder_spec *r = &c->scn->responder;
	const struct population *pop = c->pop;
	double w = pop->role[j] == ROLE_INFLUENCER ? r->plan.weight_influencer
	         : pop->role[j] == ROLE_MEDIA ? r->plan.weight_media : 1.0;
	double reach = pow(1.0 + graph_out_degree(c->g, j), r->plan.priority_gamma);
	double negativity = 1.0 - pop->attitude[j];  /* in [0, 2] */
	return reach * negativity * w;
}

static int plan_init(struct model_ctx *c)
{
	struct plan *p = calloc(1, sizeof *p);
	if (!p || brand_init(&p->b, c)) {
		free(p);
		return -1;
	}
	p->holding_at = p->official_at = POP_NEVER;
	c->resp_state = p;
	c->brand = &p->b;
	return 0;
}

static void plan_free(struct model_ctx *c)
{
	struct plan *p = c->resp_state;
	if (p)
		brand_free(&p->b);
	free(p);
	c->resp_state = NULL;
}

static uint32_t after_minutes(const struct model_ctx *c, double minutes)
{
	return c->tick + model_ticks(c->scn, minutes, 0);
}

static void escalate(struct model_ctx *c, uint32_t level, const char *what)
{
	c->tc->escalation = level;
	if (event_log_add(c->log, c->tick, c->pop->brand, "escalation", "%s", what))
		c->oom = 1;
}

/* SCCT: the response a crisis calls for is its cluster, one level up with
 * a crisis history; a response at least that strong fits. */
static void official_statement(struct model_ctx *c, struct plan *p)
{
	const struct responder_spec *r = &c->scn->responder;
	const struct event_spec *e = model_crisis(c);
	int needed = e ? (int)e->crisis + (e->history ? 1 : 0) : 0;
	if (needed > SCCT_REBUILD)
		needed = SCCT_REBUILD;
	int fits = (int)r->plan.statement >= needed;
	char detail[96];
	snprintf(detail, sizeof detail, "%s statement in a%s %s crisis %s",
	         spec_scct_name(r->plan.statement),
	         e && e->crisis == CRISIS_ACCIDENTAL ? "n" : "",
	         e ? spec_crisis_name(e->crisis) : "victim",
	         fits ? "fits" : "is too weak and backfires");
	p->official_done = 1;
	if (fits) {
		brand_message(&p->b, c, 1);
		c->framed = 1;
		brand_statement(c, &p->b, TONE_POS, 0, 1, "statement", detail);
	} else {
		/* Seen as evasive: credibility falls as after three
		 * inconsistent messages, and the statement itself angers. */
		for (int k = 0; k < 3; k++)
			brand_message(&p->b, c, 0);
		brand_statement(c, &p->b, TONE_NEG, 1, 0, "statement", detail);
	}
}

static void plan_act(struct model_ctx *c)
{
	const struct responder_spec *r = &c->scn->responder;
	struct plan *p = c->resp_state;
	if (r->capacity == 0)
		return;  /* no team: the plan stays on paper */
	brand_begin_tick(&p->b, c);

	/* Stealing thunder: the brand knows its incident before the public
	 * does and discloses in the tick before it breaks (in tick 0 when the
	 * incident is at tick 0, after its first post). */
	const struct scenario *s = c->scn;
	if (r->plan.stealing_thunder && !p->official_done && s->n_events > 0 &&
	    c->tick + 1 >= s->events[0].tick && p->b.budget > 0) {
		escalate(c, 2, "stealing thunder: the brand discloses first");
		brand_message(&p->b, c, 1);  /* self-disclosure is credible */
		official_statement(c, p);
	}

	brand_listen(c, &p->b, stakeholder_priority);
	double vol = (double)p->b.volume;
	uint32_t level = c->tc->escalation;
	if (level < 1 && vol >= r->plan.respond_volume) {
		escalate(c, 1, "respond mode: holding statement prepared");
		p->holding_at = after_minutes(c, r->plan.holding_delay);
		level = 1;
	}
	if (level < 2 && vol >= r->plan.crisis_volume) {
		escalate(c, 2, "crisis mode: official statement prepared");
		if (!p->official_done)
			p->official_at = after_minutes(c, r->plan.statement_delay);
	}

	if (!p->holding_done && !p->official_done && c->tick >= p->holding_at &&
	    p->b.budget > 0) {
		p->holding_done = 1;
		brand_message(&p->b, c, 1);
		brand_statement(c, &p->b, TONE_NEU, 0, 1, "holding statement",
		                "we know, we are looking into it, updates follow");
	}
	if (!p->official_done && c->tick >= p->official_at && p->b.budget > 0)
		official_statement(c, p);

	struct pending m;
	/* Customer service goes on at every level: monitoring means
	 * answering what is seen, not waiting for a crisis. */
	while (p->b.budget > 0 && brand_pop(&p->b, &m)) {
		if (c->pop->flags[m.agent] & POP_F_REPLIED)
			continue;  /* one answer per person: the line does not change */
		int covered = gsl_rng_uniform(c->resp_rng) < r->plan.qa_coverage;
		struct reply rp = {
			.gaffe_prob = covered ? r->plan.qa_gaffe_prob : r->gaffe_prob,
			.consistent = 1,
		};
		brand_reply(c, &p->b, &m, &rp);
	}
}

const struct responder_strategy responder_plan = {
	.name = "plan",
	.summary = "crisis-communication plan: monitoring, stakeholder map, key messages, Q&A, holding and SCCT statements",
	.listens = 1,
	.init = plan_init,
	.free = plan_free,
	.act = plan_act,
};
