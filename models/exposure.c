#include "exposure.h"

#include <math.h>

double exposure_attention(const struct model_ctx *c)
{
	const struct spread_spec *sp = &c->scn->spread;
	double age = (c->tick - c->story_origin) * c->scn->tick_minutes;
	if (!c->incident || age <= 0.0)
		return 1.0;  /* before the story breaks, nothing has aged */
	return exp2(-pow(age / sp->half_life, sp->decay_shape));
}

float exposure_credibility(const struct model_ctx *c, uint32_t author)
{
	const struct spread_spec *sp = &c->scn->spread;
	switch (c->pop->role[author]) {
	case ROLE_INFLUENCER: return (float)sp->cred_influencer;
	case ROLE_MEDIA:      return (float)sp->cred_media;
	default:              return (float)sp->cred_customer;
	}
}

static float tone_value(enum tone t)
{
	return t == TONE_NEG ? -1.0f : t == TONE_POS ? 1.0f : 0.0f;
}

/* Probability that an aware agent who sees a contagious post starts
 * spreading: beta · g(a) · f(x, e) · boost · framing, with f = defend for
 * fans (they post defences) and arousal_floor + (1 - floor) e otherwise. */
static double start_probability(const struct model_ctx *c, uint32_t j)
{
	const struct spread_spec *sp = &c->scn->spread;
	const struct population *pop = c->pop;
	double x = pop->attitude[j], e = pop->arousal[j];
	double f = x > sp->fan_threshold ? sp->defend
	         : sp->arousal_floor + (1.0 - sp->arousal_floor) * e;
	double q = sp->beta * exposure_attention(c) * f;
	if (pop->role[j] == ROLE_INFLUENCER)
		q *= sp->influencer_boost;
	if (pop->flags[j] & POP_F_FRAMED)
		q *= 1.0 - sp->framing;
	return q;
}

void exposure_one(struct model_ctx *c, gsl_rng *r, uint32_t j,
                  const struct post *p)
{
	struct population *pop = c->pop;
	const struct spread_spec *sp = &c->scn->spread;
	if (j == pop->brand)
		return;
	if (pop->state[j] == AW_UNAWARE && p->frames)
		pop->flags[j] |= POP_F_FRAMED;
	model_make_aware(c, j);

	/* Attitude moves toward the tone by mu·c (a linear pull).  Anger is
	 * caught from negative posts in proportion to the post's own anger
	 * (high-arousal content spreads: Herhausen et al. 2019), the more so
	 * the less the reader likes the brand; positive posts calm. */
	float x = pop->attitude[j], e = pop->arousal[j], cr = p->credibility;
	float tau = tone_value(p->tone);
	population_set_attitude(pop, j, x + (float)sp->pull * cr * (tau - x));
	if (p->tone == TONE_NEG)
		population_set_arousal(pop, j, e + (float)sp->arousal_gain * cr *
		                       p->arousal * (1.0f - e) * (1.0f - x) * 0.5f);
	else if (p->tone == TONE_POS || p->from_brand)
		population_set_arousal(pop, j, e - (float)sp->arousal_gain * cr * e *
		                       (p->tone == TONE_POS ? 1.0f : 0.5f));

	if (!p->contagious || pop->state[j] != AW_AWARE)
		return;
	if (gsl_rng_uniform(r) < start_probability(c, j))
		model_activate(c, j);
}

uint32_t exposure_followers(struct model_ctx *c, gsl_rng *r, uint32_t of,
                            const struct post *p, double visibility,
                            uint32_t *known)
{
	const uint32_t *fol = graph_out(c->g, of);
	const float *w = c->g->w ? c->g->w + c->g->off[of] : NULL;
	struct skip s = skip_start(graph_out_degree(c->g, of), visibility);
	uint32_t seen = 0, knew = 0;
	while (skip_next(&s, r)) {
		uint32_t j = fol[s.k];
		/* A weighted tie thins the trial: seen with visibility · w
		 * (models/README.md); no draw when w is 0 or 1, so a graph of
		 * weights 1 draws as an unweighted one. */
		if (w && !graph_arc_passes(w[s.k], r))
			continue;
		knew += c->pop->state[j] != AW_UNAWARE;
		seen++;
		exposure_one(c, r, j, p);
	}
	if (known)
		*known = knew;
	return seen;
}

void exposure_random(struct model_ctx *c, gsl_rng *r, const struct post *p,
                     uint32_t k)
{
	for (uint32_t m = 0; m < k; m++)
		exposure_one(c, r, (uint32_t)gsl_rng_uniform_int(r, c->pop->n), p);
}

void exposure_renew(struct model_ctx *c)
{
	c->story_origin += c->scn->spread.renewal * (c->tick - c->story_origin);
}
