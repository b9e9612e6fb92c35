#include "population.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

/* Centres of the attitude mixture.  Fans like the brand, detractors carry a
 * grudge from past experience; each component is a normal of sd
 * spec->attitude_sd clipped to [-1, 1].  See models/README.md. */
#define FAN_ATTITUDE 0.6
#define DETRACTOR_ATTITUDE (-0.6)

static const char *const role_names[ROLE_COUNT] = {
	"customer", "influencer", "media", "brand"
};

const char *population_role_name(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_names[r] : "?";
}

struct ranked { uint32_t id, deg; };

static int by_audience(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->deg != y->deg)
		return x->deg < y->deg ? 1 : -1;
	return (x->id > y->id) - (x->id < y->id);
}

/* The k agents with the largest out-degree, largest first, ties by id.
 * O(n + max degree + k log k): a degree histogram finds the cut-off degree,
 * so only the candidates above it are sorted. */
static struct ranked *top_by_audience(const struct graph *g, uint32_t k)
{
	uint32_t maxd = 0;
	for (uint32_t v = 0; v < g->n; v++)
		if (graph_out_degree(g, v) > maxd)
			maxd = graph_out_degree(g, v);
	uint64_t *hist = calloc((size_t)maxd + 1, sizeof *hist);
	if (!hist)
		return NULL;
	for (uint32_t v = 0; v < g->n; v++)
		hist[graph_out_degree(g, v)]++;
	uint32_t cut = maxd;
	uint64_t above = hist[maxd];
	while (above < k && cut > 0)
		above += hist[--cut];
	free(hist);

	struct ranked *c = malloc((size_t)above * sizeof *c);
	if (!c)
		return NULL;
	size_t nc = 0;
	for (uint32_t v = 0; v < g->n; v++)
		if (graph_out_degree(g, v) >= cut)
			c[nc++] = (struct ranked){ v, graph_out_degree(g, v) };
	qsort(c, nc, sizeof *c, by_audience);
	return c;
}

/* The brand account chosen by population.brand_rank (the account of that
 * rank by followers, ties by lower id) or population.brand_followers (the
 * account whose follower count is closest; ties: the larger audience, then
 * the lower id). */
static enum status pick_brand(const struct graph *g, const struct pop_spec *spec,
                              uint32_t *brand, char *err, size_t errlen)
{
	if (spec->brand_followers > 0.0) {
		uint32_t best = 0;
		double best_d = INFINITY;
		for (uint32_t v = 0; v < g->n; v++) {
			double deg = graph_out_degree(g, v);
			double d = fabs(deg - spec->brand_followers);
			if (d < best_d || (d == best_d &&
			    deg > graph_out_degree(g, best))) {
				best = v;
				best_d = d;
			}
		}
		*brand = best;
		return ST_OK;
	}
	if (spec->brand_rank > g->n) {
		snprintf(err, errlen, "population.brand_rank: expected an integer "
		         "in [1, %u] (the network's accounts), got %u", g->n,
		         spec->brand_rank);
		return ST_BADINPUT;
	}
	struct ranked *top = top_by_audience(g, spec->brand_rank);
	if (!top) {
		snprintf(err, errlen, "population: out of memory for %u agents", g->n);
		return ST_NOMEM;
	}
	*brand = top[spec->brand_rank - 1].id;
	free(top);
	return ST_OK;
}

static float draw_attitude(const struct pop_spec *spec, gsl_rng *r)
{
	double u = gsl_rng_uniform(r), centre = 0.0;
	if (u < spec->fans)
		centre = FAN_ATTITUDE;
	else if (u < spec->fans + spec->detractors)
		centre = DETRACTOR_ATTITUDE;
	double x = centre + gsl_ran_gaussian_ziggurat(r, spec->attitude_sd);
	return (float)fmax(-1.0, fmin(1.0, x));
}

enum status population_init(struct population *p, const struct graph *g,
                            const struct pop_spec *spec, gsl_rng *r, char *err,
                            size_t errlen)
{
	memset(p, 0, sizeof *p);
	uint32_t n = g->n;
	uint32_t n_inf = spec->influencers ? spec->influencers
	               : (uint32_t)floor(spec->influencer_share * n);
	uint64_t special = 1 + (uint64_t)spec->media + n_inf;
	if (special >= n) {
		snprintf(err, errlen, "population: brand, %u media and %u "
		         "influencers need more than the graph's %u agents",
		         spec->media, n_inf, n);
		return ST_BADINPUT;
	}

	p->n = n;
	p->role = calloc(n, 1);
	p->state = calloc(n, 1);
	p->attitude = malloc(n * sizeof *p->attitude);
	p->arousal = calloc(n, sizeof *p->arousal);
	p->activity = malloc(n * sizeof *p->activity);
	p->flags = calloc(n, 1);
	/* One account more than the roles need: the brand may rank anywhere. */
	struct ranked *top = top_by_audience(g, (uint32_t)special + 1);
	enum status rc;
	if (!p->role || !p->state || !p->attitude || !p->arousal ||
	    !p->activity || !p->flags || !top)
		goto nomem;

	uint32_t brand = top[0].id;
	if (spec->brand_followers > 0.0 || spec->brand_rank > 1) {
		rc = pick_brand(g, spec, &brand, err, errlen);
		if (rc) {
			free(top);
			population_free(p);
			return rc;
		}
	}
	p->n_role[ROLE_BRAND] = 1;
	p->n_role[ROLE_MEDIA] = spec->media;
	p->n_role[ROLE_INFLUENCER] = n_inf;
	p->n_role[ROLE_CUSTOMER] = n - (uint32_t)special;
	p->role[brand] = ROLE_BRAND;
	/* Media, then influencers: the largest audiences after the brand's
	 * (the brand skipped wherever it ranks). */
	uint32_t next = 0;
	for (int role = ROLE_BRAND; role > ROLE_CUSTOMER; role--) {
		uint32_t k = p->n_role[role];
		p->members[role] = malloc(((size_t)k + 1) * sizeof(uint32_t));
		if (!p->members[role])
			goto nomem;
		if (role == ROLE_BRAND) {
			p->members[role][0] = brand;
			continue;
		}
		for (uint32_t j = 0; j < k; j++, next++) {
			if (top[next].id == brand)
				next++;
			p->members[role][j] = top[next].id;
			p->role[top[next].id] = (uint8_t)role;
		}
	}
	p->brand = brand;
	free(top);
	top = NULL;

	/* One pass in id order; the number of draws per agent is fixed, so the
	 * stream stays aligned whatever the parameter values. */
	double mu = log(spec->activity_median);
	for (uint32_t i = 0; i < n; i++) {
		p->attitude[i] = draw_attitude(spec, r);
		p->activity[i] = (float)exp(mu + gsl_ran_gaussian_ziggurat(r, spec->activity_sigma));
	}
	p->attitude[p->brand] = 1.0f;
	for (uint32_t i = 0; i < n; i++) {
		p->attitude_sum += p->attitude[i];
		p->negative += p->attitude[i] < 0.0f;
	}
	p->count[AW_UNAWARE] = n;
#ifdef CRISIM_CHECKS
	assert(population_valid(p));
#endif
	return ST_OK;

nomem:
	free(top);
	population_free(p);
	snprintf(err, errlen, "population: out of memory for %u agents", n);
	return ST_NOMEM;
}

int population_valid(const struct population *p)
{
	uint64_t count[AW_COUNT] = { 0 }, negative = 0;
	double attitude = 0.0, arousal = 0.0, tol = 1e-6 * (double)p->n;
	for (uint32_t i = 0; i < p->n; i++) {
		if (p->state[i] >= AW_COUNT)
			return 0;
		count[p->state[i]]++;
		negative += p->attitude[i] < 0.0f;
		attitude += p->attitude[i];
		arousal += p->arousal[i];
	}
	for (int s = 0; s < AW_COUNT; s++)
		if (count[s] != p->count[s])
			return 0;
	return negative == p->negative &&
	       fabs(attitude - p->attitude_sum) <= tol &&
	       fabs(arousal - p->arousal_sum) <= tol;
}

void population_free(struct population *p)
{
	free(p->role);
	free(p->state);
	free(p->attitude);
	free(p->arousal);
	free(p->activity);
	free(p->flags);
	for (int k = 0; k < ROLE_COUNT; k++)
		free(p->members[k]);
	memset(p, 0, sizeof *p);
}
