/* adhoc — the improvising "web guy" (models/README.md, "adhoc").
 *
 * He is not monitoring: he notices the crisis only when the mentions he
 * sees in an hour pass responder.adhoc.notice_volume.  From then on he
 * answers the loudest or most recent mention first, one by one (no
 * stakeholder map, no holding statement, no official statement), in
 * improvised words: each reply keeps to the previous line only with
 * probability adhoc.consistency, goes wrong with probability
 * responder.gaffe_prob, and otherwise does what its types do: the types
 * (thanking, regret, corrective action; else asking for information) are
 * drawn from the mix Einwiller & Steilen (2015) observed, and a corrective
 * offer is made in public (Herhausen et al. 2019: it fuels the complaint).
 */
#include <math.h>
#include <stdlib.h>

#include "brand.h"

struct adhoc {
	struct brand b;
	int noticed;
};

/* Loudest or most recent first: a mention's key is its posting time in
 * minutes, advanced by adhoc.loudness minutes per doubling of the author's
 * followers, so a big account's complaint jumps the queue the way it jumps
 * out of a notification feed (replies favour high-follower accounts:
 * Gunarathne, Rui & Seidmann 2018). */
static double loudest_recent(const struct model_ctx *c, uint32_t agent,
                             uint32_t posted)
{
	double followers = graph_out_degree(c->g, agent);
	return posted * c->scn->tick_minutes +
	       c->scn->responder.adhoc.loudness * log2(1.0 + followers);
}

static int adhoc_init(struct model_ctx *c)
{
	struct adhoc *a = calloc(1, sizeof *a);
	if (!a || brand_init(&a->b, c)) {
		free(a);
		return -1;
	}
	c->resp_state = a;
	c->brand = &a->b;
	return 0;
}

static void adhoc_free(struct model_ctx *c)
{
	struct adhoc *a = c->resp_state;
	if (a)
		brand_free(&a->b);
	free(a);
	c->resp_state = NULL;
}

static void adhoc_act(struct model_ctx *c)
{
	const struct responder_spec *r = &c->scn->responder;
	struct adhoc *a = c->resp_state;
	if (r->capacity == 0)
		return;  /* no one at the keyboard: nothing seen, nothing said */
	brand_begin_tick(&a->b, c);
	brand_listen(c, &a->b, loudest_recent);
	if (!a->noticed && (double)a->b.volume >= r->adhoc.notice_volume) {
		a->noticed = 1;
		c->tc->escalation = 1;
		if (event_log_add(c->log, c->tick, c->pop->brand, "escalation",
		                  "the web guy notices: %.0f mentions in the last hour",
		                  (double)a->b.volume))
			c->oom = 1;
	}
	/* He is not monitoring: he looks at the page every check_minutes and
	 * then works through what he finds, as many replies as his capacity
	 * allows for the time since his last look. */
	uint32_t every = model_ticks(c->scn, r->adhoc.check_minutes, 1);
	if (c->tick % every != 0)
		return;
	uint64_t budget = (uint64_t)r->capacity * every;
	a->b.budget = budget > UINT32_MAX ? UINT32_MAX : (uint32_t)budget;
	struct pending m;
	while (a->noticed && a->b.budget > 0 && brand_pop(&a->b, &m)) {
		/* One draw after another (the order of an initializer's
		 * expressions is not sequenced). */
		struct reply rp = { .gaffe_prob = r->gaffe_prob };
		rp.consistent = gsl_rng_uniform(c->resp_rng) < r->adhoc.consistency;
		/* The reply-type mix of Einwiller & Steilen (2015): shares
		 * overlap, so each type is its own draw.  A reply of none of
		 * them asks for information (their most frequent type), which
		 * does nothing for the complainant: it needs no draw.  He
		 * offers compensation where the complaint is, in public. */
		rp.thanks = gsl_rng_uniform(c->resp_rng) < r->adhoc.thanks;
		rp.regret = gsl_rng_uniform(c->resp_rng) < r->adhoc.regret;
		rp.corrective = gsl_rng_uniform(c->resp_rng) < r->adhoc.corrective;
		brand_reply(c, &a->b, &m, &rp);
	}
}

const struct responder_strategy responder_adhoc = {
	.name = "adhoc",
	.summary = "the improvising web guy: late, most recent first, inconsistent, gaffe-prone",
	.listens = 1,
	.init = adhoc_init,
	.free = adhoc_free,
	.act = adhoc_act,
};
