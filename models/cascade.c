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
 *
 * On a weighted graph (graph.h) the arc to a follower transmits with
 * probability p·w: the skip picks the trials with probability p and each
 * is kept with probability w (arc_passes, model.h).
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
		/* The frontier is in activation order, so its agents lie all
		 * over memory: fetch the offsets of agents 16 ahead and the
		 * follower lists of those 8 ahead while this one is handled. */
		if (a + 16 < n)
			__builtin_prefetch(&g->off[active[a + 16]]);
		if (a + 8 < n) {
			uint32_t ahead = active[a + 8];
			__builtin_prefetch(g->adj + g->off[ahead]);
			__builtin_prefetch(&pop->state[ahead]);
			__builtin_prefetch(&pop->flags[ahead]);
		}
		if (pop->state[i] != AW_SPREADING)
			continue;  /* stopped by the responder */
		model_post(c, i, TONE_NEG);
		population_set_state(pop, i, AW_DONE);
		/* Draw the successes in batches and prefetch their states
		 * before looking at them: each is a random access. */
		const uint32_t *fol = graph_out(g, i);
		struct skip s = skip_start(graph_out_degree(g, i), p);
		uint32_t hit[32];
		int more = 1;
		while (more) {
			uint32_t nh = 0;
			while (nh < 32 && (more = skip_next(&s, c->rng))) {
				/* A weighted tie transmits with p · w. */
				if (g->w && !graph_arc_passes(g->w[g->off[i] + s.k], c->rng))
					continue;
				hit[nh] = fol[s.k];
				__builtin_prefetch(&pop->state[hit[nh]]);
				nh++;
			}
			for (uint32_t h = 0; h < nh; h++)
				if (pop->state[hit[h]] == AW_UNAWARE)
					model_activate(c, hit[h]);
		}
	}
}

const struct spread_rule spread_cascade = {
	.name = "cascade",
	.summary = "independent cascade / discrete SIR: one chance per follower with probability spread.p",
	.seed = cascade_seed,
	.step = cascade_step,
};
