/* threshold — fractional-threshold adoption (Granovetter, Am. J. Sociol.
 * 83, 1420, 1978; Watts, PNAS 99, 5766, 2002).
 *
 * Agent j adopts once the share of its followees (in-neighbours: the agents
 * whose posts j sees) that have adopted reaches spread.phi:
 *     hits_j / k_in(j) >= phi.
 * Adoption is permanent.  An adopter posts once, in the tick after it
 * adopted (the tick of the incident for a seed), and each of its followers
 * counts one more adopted followee.  As in Watts's model the update is
 * monotone, so the final set does not depend on the order of updates and
 * is the one Watts's synchronous dynamics reaches; the ticks only date it.
 *
 * States.  unaware = never saw an adopter's post; AW_AWARE = saw one or
 * more but is below its threshold; AW_SPREADING = adopted, posts this tick;
 * AW_DONE = adopted and posted.  So `done` (+ `spreading`) counts adopters
 * and `aware` counts everyone who heard.  An agent is only tested when one
 * of its followees posts, so even with phi = 0 it needs one adopting
 * followee (the story must reach it); an agent without followees never
 * adopts unless seeded.  Incidents adopt their agent whatever its
 * threshold; seeding an agent that already adopted does nothing.
 *
 * Exact comparison.  phi is taken to 9 decimal places as the fraction
 * num / 10^9 (num = round(phi 10^9)), and the test hits / k >= num / 10^9
 * is done in integers: need_j = ceil(num k / 10^9), adopt iff hits_j >=
 * need_j.  So phi = 0.5 and two of four followees adopt, exactly; "two of
 * three" needs phi <= 0.666666666.  num k < 10^9 2^32 < 2^63: no overflow.
 *
 * Memory and time.  hits and need are uint32_t per agent: 8 bytes per agent,
 * 31 with the population and the graph's offsets (23, population.h), within
 * the budget of 32.  need comes from the in-degrees, counted in init by one
 * pass over the out-adjacency, O(n + arcs) once per run: the graph stores
 * no in-edges (graph.h), and a transpose would cost 4 bytes per arc for
 * their number alone.  After that the work follows activity: O(out-degree)
 * per adopter.
 */
#include "model.h"

#define PHI_DEN 1000000000u  /* phi's resolution: 10^-9 */

struct threshold {
	uint32_t *hits;  /* followees that adopted */
	uint32_t *need;  /* hits needed: ceil(phi k_in) */
};

static void threshold_free(struct model_ctx *c)
{
	struct threshold *t = c->spread_state;
	if (t) {
		free(t->hits);
		free(t->need);
	}
	free(t);
	c->spread_state = NULL;
}

static int threshold_init(struct model_ctx *c)
{
	const struct graph *g = c->g;
	struct threshold *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	c->spread_state = t;
	t->hits = calloc(g->n ? g->n : 1, sizeof *t->hits);
	t->need = calloc(g->n ? g->n : 1, sizeof *t->need);
	if (!t->hits || !t->need) {
		threshold_free(c);
		return -1;
	}
	for (uint64_t e = 0; e < g->arcs; e++)
		t->need[g->adj[e]]++;          /* in-degree first */
	uint64_t num = (uint64_t)llround(c->scn->spread.phi * PHI_DEN);
	for (uint32_t j = 0; j < g->n; j++)
		t->need[j] = (uint32_t)((num * t->need[j] + PHI_DEN - 1) / PHI_DEN);
	return 0;
}

static void threshold_seed(struct model_ctx *c, uint32_t agent,
                           const struct event_spec *e)
{
	(void)e;
	if (c->pop->state[agent] != AW_DONE)
		model_activate(c, agent);
}

static void threshold_step(struct model_ctx *c, const uint32_t *active,
                           uint32_t n)
{
	const struct graph *g = c->g;
	struct population *pop = c->pop;
	struct threshold *t = c->spread_state;

	for (uint32_t a = 0; a < n; a++) {
		uint32_t i = active[a];
		if (pop->state[i] != AW_SPREADING)
			continue;  /* stopped by the responder */
		model_post(c, i, TONE_NEG);
		population_set_state(pop, i, AW_DONE);
		const uint32_t *fol = graph_out(g, i);
		uint32_t d = graph_out_degree(g, i);
		for (uint32_t k = 0; k < d; k++) {
			uint32_t j = fol[k];
			uint8_t s = pop->state[j];
			if (s == AW_SPREADING || s == AW_DONE)
				continue;  /* adopted already */
			t->hits[j]++;
			model_make_aware(c, j);
			if (t->hits[j] >= t->need[j])
				model_activate(c, j);
		}
	}
}

const struct spread_rule spread_threshold = {
	.name = "threshold",
	.summary = "fractional threshold (Granovetter/Watts): adopt once a share "
	           "spread.phi of followees has adopted; adopters post once",
	.init = threshold_init,
	.free = threshold_free,
	.seed = threshold_seed,
	.step = threshold_step,
};
