/* maki_thompson — the classical rumour (Daley & Kendall 1965; Maki &
 * Thompson 1973; Sudbury 1985).
 *
 * States.  ignorant = AW_UNAWARE, spreader = AW_SPREADING, stifler =
 * AW_DONE.  AW_AWARE is not used: an ignorant who is told the rumour
 * becomes a spreader at once, so aware == spreading + done at every tick.
 *
 * Contacts.  Each tick every current spreader, in the engine's list order,
 * makes one contact:
 *   spread.mixing = "graph":      a uniformly random follower (out-neighbour);
 *   spread.mixing = "well_mixed": a uniformly random other agent, one of the
 *                                 n - 1 (the complete mixing of Sudbury).
 * If the contacted agent is ignorant it becomes a spreader, acting from the
 * next tick (model_activate queues it in c->next); otherwise (a spreader or
 * a stifler) the caller becomes a stifler.  Only the caller stops: this is
 * Maki–Thompson, not Daley–Kendall, where two meeting spreaders both stop.
 * Every contact is one negative post, so the series shows the activity.
 * A spreader with no follower cannot make a contact; left spreading it would
 * stay in the active list forever, so it becomes a stifler at once, without
 * a post.  (With well_mixed this happens only when n < 2.)
 *
 * Why the tick loop leaves the final size unchanged.  In the classical
 * continuous-time chain with X ignorants and Y spreaders among n agents,
 * a contact turns (X, Y) into (X - 1, Y + 1) with probability X / (n - 1)
 * and into (X, Y - 1) otherwise, whoever the caller is.  Here updates are
 * sequential: a state change is seen at once by later callers in the same
 * tick, and each contact's outcome depends only on the current X.  So the
 * sequence of (X, Y) after each contact — the embedded jump chain — has
 * exactly the classical law; the ticks only regroup contacts in time, and
 * the final X (when Y = 0) is the classical one.  Sudbury (J. Appl. Probab.
 * 22, 443, 1985) proved that X_final / n → θ in probability, where θ solves
 *     θ = exp(-2 (1 - θ)),   θ ≈ 0.203188;
 * it follows from the ODE dx/dt = -x y, dy/dt = y (2x - 1), whose orbit
 * y = 2 (1 - x) + ln x from (1, 0) meets y = 0 at x = θ.  Fluctuations are
 * O(n^-1/2) (Pittel, J. Appl. Probab. 27, 14, 1990).  On a graph no closed
 * form holds; the rule is then the graph rumour of Moreno, Nekovee &
 * Pacheco (PRE 69, 066130, 2004) with unit rates.
 *
 * An incident makes its agent a spreader (a stifler too: the incident
 * rekindles it).  Cost: O(1) per spreader per tick; no state of its own.
 */
#include "model.h"

static void mt_seed(struct model_ctx *c, uint32_t agent,
                    const struct event_spec *e)
{
	(void)e;
	model_activate(c, agent);
}

/* The agent spreader i calls, or POP_NEVER when it has nobody to call. */
static uint32_t mt_contact(struct model_ctx *c, uint32_t i)
{
	const struct graph *g = c->g;
	if (c->scn->spread.mixing == MIX_WELL_MIXED) {
		uint32_t n = c->pop->n;
		if (n < 2)
			return POP_NEVER;
		/* Uniform over the n - 1 others: draw in [0, n-1), skip i. */
		uint32_t j = (uint32_t)gsl_rng_uniform_int(c->rng, n - 1);
		return j >= i ? j + 1 : j;
	}
	uint32_t d = graph_out_degree(g, i);
	if (d == 0)
		return POP_NEVER;
	return graph_out(g, i)[gsl_rng_uniform_int(c->rng, d)];
}

static void mt_step(struct model_ctx *c, const uint32_t *active, uint32_t n)
{
	struct population *pop = c->pop;

	for (uint32_t a = 0; a < n; a++) {
		uint32_t i = active[a];
		if (pop->state[i] != AW_SPREADING)
			continue;  /* stopped by the responder */
		uint32_t j = mt_contact(c, i);
		if (j == POP_NEVER) {
			population_set_state(pop, i, AW_DONE);
			continue;
		}
		model_post(c, i, TONE_NEG);
		if (pop->state[j] == AW_UNAWARE) {
			model_activate(c, j);
			if (agent_list_push(c->next, i) != 0)
				c->oom = 1;  /* i keeps spreading */
		} else {
			population_set_state(pop, i, AW_DONE);
		}
	}
}

const struct spread_rule spread_maki_thompson = {
	.name = "maki_thompson",
	.summary = "Maki-Thompson rumour: each spreader tells one follower (or anyone, "
	           "spread.mixing) per tick and stops on meeting someone who knew",
	.seed = mt_seed,
	.step = mt_step,
};
