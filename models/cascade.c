/* cascade — independent cascade / discrete-time SIR (Kempe, Kleinberg &
 * Tardos 2003; Newman 2002).
 *
 * An agent who starts spreading in tick t posts once, in tick t: each of its
 * followers independently gets the story with probability p (the
 * transmissibility T).  Followers who were unaware become spreaders in tick
 * t+1; the poster is done.  Each arc is tried exactly once, so the final
 * size is that of bond percolation with occupation probability p.
 *
 * The Bernoulli trials along a follower list are skipped geometrically: the
 * gap to the next success is floor(log U / log(1-p)), U uniform in (0, 1], so
 * the cost per poster is O(1 + p·degree) instead of O(degree).
 */
#include <math.h>

#include "model.h"

static void cascade_seed(struct model_ctx *c, uint32_t agent)
{
	model_activate(c, agent);
}

static void cascade_step(struct model_ctx *c, const uint32_t *active,
                         uint32_t n)
{
	const struct graph *g = c->g;
	struct population *pop = c->pop;
	double p = c->scn->spread.p;
	double log_q = log1p(-p);  /* log(1-p); -inf when p == 1 */

	for (uint32_t a = 0; a < n; a++) {
		uint32_t i = active[a];
		c->tc->posts[TONE_NEG]++;
		population_set_state(pop, i, AW_DONE);
		if (p <= 0.0)
			continue;
		const uint32_t *fol = graph_out(g, i);
		uint64_t deg = graph_out_degree(g, i);
		for (uint64_t k = 0;; k++) {
			if (p < 1.0) {
				double gap = floor(log(gsl_rng_uniform_pos(c->rng)) / log_q);
				if (gap >= (double)(deg - k))
					break;
				k += (uint64_t)gap;
			} else if (k >= deg) {
				break;
			}
			uint32_t j = fol[k];
			if (pop->state[j] == AW_UNAWARE)
				model_activate(c, j);
		}
	}
}

const struct spread_rule spread_cascade = {
	.name = "cascade",
	.summary = "independent cascade / discrete SIR: one chance per follower with probability spread.p",
	.seed = cascade_seed,
	.step = cascade_step,
};
