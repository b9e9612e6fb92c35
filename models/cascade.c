/* cascade — independent cascade / discrete-time SIR (Kempe, Kleinberg &
 * Tardos 2003; Newman 2002).
 *
 * An agent who starts spreading in tick t posts once, in tick t: each of its
 * followers independently gets the story with probability p (the
 * transmissibility T).  Followers who were unaware become spreaders in tick
 * t+1; the poster is done.  Each arc is tried exactly once, so the final
 * size is that of bond percolation with occupation probability p.  The
 * trials along a follower list are skipped geometrically (model.h), so a
 * poster costs O(1 + p·degree).
 */
#include "model.h"

static void cascade_seed(struct model_ctx *c, uint32_t agent,
                         const struct event_spec *e)
{
	(void)e;
	model_activate(c, agent);
}

static void cascade_step(struct model_ctx *c, const uint32_t *active,
                         uint32_t n)
{
	const struct graph *g = c->g;
	struct population *pop = c->pop;
	double p = c->scn->spread.p;

	for (uint32_t a = 0; a < n; a++) {
		uint32_t i = active[a];
		if (pop->state[i] != AW_SPREADING)
			continue;  /* stopped by the responder */
		model_post(c, i, TONE_NEG);
		population_set_state(pop, i, AW_DONE);
		const uint32_t *fol = graph_out(g, i);
		struct skip s = skip_start(graph_out_degree(g, i), p);
		while (skip_next(&s, c->rng))
			if (pop->state[fol[s.k]] == AW_UNAWARE)
				model_activate(c, fol[s.k]);
	}
}

const struct spread_rule spread_cascade = {
	.name = "cascade",
	.summary = "independent cascade / discrete SIR: one chance per follower with probability spread.p",
	.seed = cascade_seed,
	.step = cascade_step,
};
