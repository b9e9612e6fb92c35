/* script — decision replay (models/README.md, "script").
 *
 * Per tick: the shared listening queues what the brand notices (as for
 * adhoc and plan); then every decision of responder.script.decisions whose
 * minute has come (the first tick starting at or after it) is carried out
 * in file order with the shared mechanics of brand.c: a reply to the open
 * mention its rule picks, a holding or SCCT statement, a brand action, a
 * new capacity, or nothing.  Each is logged as a "decision" event.  A
 * reply finding no capacity left in its tick waits for the next tick, and
 * the decisions after it wait behind it; under capacity 0 a reply is
 * skipped.  A reply finding no open mention is skipped (logged).
 *
 * The decisions are read through c->scn on every tick, so an exercise
 * (sim/exercise.c) may append to them between ticks.
 */
#include "script.h"

#include <stdio.h>
#include <stdlib.h>

#include "brand.h"

struct script {
	struct brand b;
	size_t next;        /* the next decision to carry out */
	uint32_t capacity;  /* replies per tick */
	uint32_t used;      /* replies this tick */
};

double script_loudness(const struct model_ctx *c, uint32_t j)
{
	return (1.0 + graph_out_degree(c->g, j)) * (1.0 - c->pop->attitude[j]);
}

uint32_t script_capacity(const struct model_ctx *c)
{
	const struct script *p = c->resp_state;
	return p->capacity;
}

int script_open(const struct model_ctx *c, uint32_t j)
{
	return !(c->pop->flags[j] & POP_F_REPLIED);
}

/* The queue keeps noticing order; the rules choose from it. */
static double noticed_order(const struct model_ctx *c, uint32_t agent,
                            uint32_t posted)
{
	(void)c, (void)agent, (void)posted;
	return 0.0;
}

static int script_init(struct model_ctx *c)
{
	struct script *p = calloc(1, sizeof *p);
	if (!p || brand_init(&p->b, c)) {
		free(p);
		return -1;
	}
	p->capacity = c->scn->responder.capacity;
	c->resp_state = p;
	c->brand = &p->b;
	return 0;
}

static void script_free(struct model_ctx *c)
{
	struct script *p = c->resp_state;
	if (p)
		brand_free(&p->b);
	free(p);
	c->resp_state = NULL;
}

/* Whether queued mention x goes before y under the rule. */
static int better(const struct model_ctx *c, enum reply_rule rule,
                  const struct pending *x, const struct pending *y)
{
	double kx, ky;
	switch (rule) {
	case RULE_LOUDEST:
		kx = script_loudness(c, x->agent);
		ky = script_loudness(c, y->agent);
		break;
	case RULE_LARGEST_AUDIENCE:
		kx = graph_out_degree(c->g, x->agent);
		ky = graph_out_degree(c->g, y->agent);
		break;
	default:   /* oldest, and an agent's oldest mention */
		kx = -(double)x->posted;
		ky = -(double)y->posted;
		break;
	}
	return kx > ky || (kx == ky && x->seq < y->seq);
}

/* The index in the queue of the open mention decision d picks, or -1. */
static long pick(const struct model_ctx *c, const struct brand *b,
                 const struct decision *d)
{
	long best = -1;
	for (size_t i = 0; i < b->n; i++) {
		const struct pending *m = &b->heap[i];
		if (!script_open(c, m->agent) ||
		    (d->rule == RULE_AGENT && m->agent != d->agent))
			continue;
		if (best < 0 || better(c, d->rule, m, &b->heap[best]))
			best = (long)i;
	}
	return best;
}

static void log_decision(struct model_ctx *c, const struct decision *d,
                         uint32_t agent, const char *kind, const char *what)
{
	if (event_log_add(c->log, c->tick, agent, kind, "minute %g: %s",
	                  d->minute, what))
		c->oom = 1;
}

/* A reply as decision d says: its types, and with REF a key message (on
 * the brand's line) or the prepared Q&A answer (when it is the mention's
 * topic; to another question it is improvised words).  Without REF the
 * words are improvised and on the line only when the plan has no key
 * messages (the plan's convention, models/plan.c). */
static struct reply reply_of(const struct model_ctx *c,
                             const struct decision *d, uint32_t topic)
{
	const struct responder_spec *r = &c->scn->responder;
	struct reply rp = { .gaffe_prob = r->gaffe_prob, .typed = 1,
	                    .consistent = r->plan.n_messages == 0 };
	if (d->ref_kind == REF_MESSAGE)
		rp.consistent = 1;
	else if (d->ref_kind == REF_QA && d->ref == topic)
		rp = plan_reply(r, topic, 0);
	rp.typed = 1;
	rp.thanks = (d->types & REPLY_THANKS) != 0;
	rp.regret = (d->types & REPLY_REGRET) != 0;
	rp.corrective = (d->types & REPLY_CORRECTIVE) != 0;
	rp.argue = (d->types & REPLY_INFO) != 0;
	return rp;
}

/* Carry out decision d; 0 when it must wait for the next tick. */
static int carry_out(struct model_ctx *c, struct script *p,
                     const struct decision *d)
{
	char what[256], words[160];
	const struct scenario *s = c->scn;
	spec_decision_text(d, s, ' ', words, sizeof words);
	switch (d->kind) {
	case DEC_REPLY: {
		if (p->capacity == 0) {
			snprintf(what, sizeof what, "%s: capacity 0", words);
			log_decision(c, d, c->pop->brand, "decision skipped", what);
			return 1;
		}
		if (p->b.budget == 0)
			return 0;
		long i = pick(c, &p->b, d);
		if (i < 0) {
			snprintf(what, sizeof what, "%s: no open mention%s",
			         words, d->rule == RULE_AGENT ? " by that agent" : "");
			log_decision(c, d, c->pop->brand, "decision skipped", what);
			return 1;
		}
		struct pending m = p->b.heap[i];
		brand_remove(&p->b, (size_t)i);
		snprintf(what, sizeof what, "%s to %s %u (%u followers, %s, "
		         "%g min)", words,
		         population_role_name(c->pop->role[m.agent]), m.agent,
		         graph_out_degree(c->g, m.agent), s->topics[m.topic],
		         (c->tick - m.posted) * s->tick_minutes);
		log_decision(c, d, m.agent, "decision", what);
		struct reply rp = reply_of(c, d, m.topic);
		brand_reply(c, &p->b, &m, &rp);
		p->used++;
		return 1;
	}
	case DEC_HOLDING:
		log_decision(c, d, c->pop->brand, "decision", words);
		brand_message(&p->b, c, 1);
		p->b.budget++;  /* statements are outside the reply capacity */
		brand_statement(c, &p->b, TONE_NEU, 0, 1, "holding statement",
		                "we know, we are looking into it, updates follow");
		return 1;
	case DEC_STATEMENT:
		log_decision(c, d, c->pop->brand, "decision", words);
		if (c->tally && c->tally->statement_tick == UINT32_MAX)
			c->tally->statement_tick = c->tick;
		brand_scct_statement(c, &p->b, d->strategy, "statement", "");
		return 1;
	case DEC_ACTION:
		log_decision(c, d, c->pop->brand, "decision", words);
		brand_action(c, &p->b, d->action, d->strategy);
		return 1;
	case DEC_CAPACITY:
		log_decision(c, d, c->pop->brand, "decision", words);
		p->capacity = d->capacity;
		p->b.budget = p->used >= p->capacity ? 0 : p->capacity - p->used;
		return 1;
	case DEC_WAIT:
	case DEC_COUNT:
		break;
	}
	log_decision(c, d, c->pop->brand, "decision", words);
	return 1;
}

static void script_act(struct model_ctx *c)
{
	const struct scenario *s = c->scn;
	const struct decision_list *l = &s->responder.script.decisions;
	struct script *p = c->resp_state;
	brand_listen(c, &p->b, noticed_order);
	p->b.budget = p->capacity;
	p->used = 0;
	/* The tick starting at minute t·tick_minutes carries out what falls
	 * at or before it (a relative 1e-9 of a tick forgives the rounding of
	 * minutes written in decimal). */
	double start = c->tick * s->tick_minutes + 1e-9 * s->tick_minutes;
	while (p->next < l->n && l->v[p->next].minute <= start &&
	       carry_out(c, p, &l->v[p->next]))
		p->next++;
}

const struct responder_strategy responder_script = {
	.name = "script",
	.summary = "decision replay: does what responder.script.file says, when it says",
	.listens = 1,
	.init = script_init,
	.free = script_free,
	.act = script_act,
};
