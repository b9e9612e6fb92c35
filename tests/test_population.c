#include <criterion/criterion.h>
#include <math.h>

#include "netgen.h"
#include "population.h"
#include "rng.h"
#include "scenario.h"

static void build(const char *json, struct scenario *s, struct graph *g)
{
	char err[SCN_ERRLEN];
	cr_assert_eq(scenario_parse(s, json, "t", NULL, NULL, 0, err), 0, "%s", err);
	cr_assert_eq(netgen_build(&s->network, s->seed, g, NULL, err, sizeof err), 0, "%s", err);
}

Test(population, roles_follow_audience_size)
{
	struct scenario s;
	struct graph g;
	build("{\"network\": {\"nodes\": 5000, \"m\": 2},"
	      " \"population\": {\"influencers\": 20, \"media\": 4}}", &s, &g);
	struct population p;
	gsl_rng *r = rng_stream(1, RNG_POPULATION, 0);
	char err[256];
	cr_assert_eq(population_init(&p, &g, &s.population, r, err, sizeof err), 0, "%s", err);
	cr_assert_eq(p.n_role[ROLE_BRAND], 1);
	cr_assert_eq(p.n_role[ROLE_MEDIA], 4);
	cr_assert_eq(p.n_role[ROLE_INFLUENCER], 20);
	cr_assert_eq(p.n_role[ROLE_CUSTOMER], 5000 - 25);
	/* Brand ≥ media ≥ influencers ≥ every customer, by followers. */
	uint32_t min_special = graph_out_degree(&g, p.brand);
	for (uint32_t j = 0; j < 4; j++) {
		uint32_t d = graph_out_degree(&g, p.members[ROLE_MEDIA][j]);
		cr_assert_leq(d, min_special);
		min_special = d;
	}
	for (uint32_t j = 0; j < 20; j++) {
		uint32_t d = graph_out_degree(&g, p.members[ROLE_INFLUENCER][j]);
		cr_assert_leq(d, min_special);
		min_special = d;
		cr_assert_eq(p.role[p.members[ROLE_INFLUENCER][j]], ROLE_INFLUENCER);
	}
	uint64_t counted[ROLE_COUNT] = { 0 };
	for (uint32_t i = 0; i < p.n; i++) {
		counted[p.role[i]]++;
		if (p.role[i] == ROLE_CUSTOMER)
			cr_assert_leq(graph_out_degree(&g, i), min_special);
	}
	for (int k = 0; k < ROLE_COUNT; k++)
		cr_assert_eq(counted[k], p.n_role[k]);
	population_free(&p);
	gsl_rng_free(r);
	graph_free(&g);
	spec_free(&s);
}

/* Attitude mixture: with fans 0.3 (centre 0.6), detractors 0.2 (centre
 * -0.6) and sd 0.1, the mean is 0.3·0.6 - 0.2·0.6 = 0.06 (clipping at ±1 is
 * 4 sd away and negligible) and the share below zero is 0.2 plus half the
 * neutrals, 0.2 + 0.25 = 0.45.  n = 20000: standard errors 0.003 and
 * 0.0035; tolerances 0.015 are > 4 standard errors.  The invariants
 * attitude_sum and negative must match a recount exactly. */
Test(population, attitude_mixture_and_invariants)
{
	struct scenario s;
	struct graph g;
	build("{\"network\": {\"model\": \"erdos_renyi\", \"nodes\": 20000},"
	      " \"population\": {\"fans\": 0.3, \"detractors\": 0.2, \"attitude_sd\": 0.1,"
	      " \"activity_median\": 2, \"activity_sigma\": 0.5}}", &s, &g);
	struct population p;
	gsl_rng *r = rng_stream(9, RNG_POPULATION, 0);
	char err[256];
	cr_assert_eq(population_init(&p, &g, &s.population, r, err, sizeof err), 0);
	double sum = 0, neg = 0, acts[20000];
	for (uint32_t i = 0; i < p.n; i++) {
		cr_assert(p.attitude[i] >= -1 && p.attitude[i] <= 1);
		sum += p.attitude[i];
		neg += p.attitude[i] < 0;
		acts[i] = p.activity[i];
	}
	cr_assert_float_eq(p.attitude_sum, sum, 1e-6);
	cr_assert_eq((double)p.negative, neg);
	cr_assert(fabs(sum / p.n - 0.06) < 0.015, "mean %g", sum / p.n);
	cr_assert(fabs(neg / p.n - 0.45) < 0.015, "neg share %g", neg / p.n);
	/* Median of a log-normal is exp(mu) = activity_median. */
	int below = 0;
	for (uint32_t i = 0; i < p.n; i++)
		below += acts[i] < 2.0;
	cr_assert(fabs(below / 20000.0 - 0.5) < 0.015);
	cr_assert_eq(p.count[AW_UNAWARE], p.n);
	population_set_attitude(&p, 0, -0.5f);
	population_set_attitude(&p, 0, 2.0f);
	cr_assert_eq(p.attitude[0], 1.0f, "clipped to [-1, 1]");
	population_free(&p);
	gsl_rng_free(r);
	graph_free(&g);
	spec_free(&s);
}

Test(population, too_many_roles_is_an_error)
{
	struct scenario s;
	struct graph g;
	build("{\"network\": {\"nodes\": 50, \"m\": 2}, \"population\": {\"media\": 3}}", &s, &g);
	struct population p;
	s.population.influencers = 60;
	gsl_rng *r = rng_stream(1, RNG_POPULATION, 0);
	char err[256];
	cr_assert_eq(population_init(&p, &g, &s.population, r, err, sizeof err), ST_BADINPUT);
	cr_assert(strstr(err, "need more than the graph's 50 agents"), "%s", err);
	gsl_rng_free(r);
	graph_free(&g);
	spec_free(&s);
}

/* population_valid recounts: it holds after init and after the setters,
 * and it catches a counter that was changed without its array. */
Test(population, counters_equal_a_recount)
{
	struct scenario s;
	struct graph g;
	build("{\"network\": {\"nodes\": 2000, \"m\": 2}}", &s, &g);
	struct population p;
	gsl_rng *r = rng_stream(1, RNG_POPULATION, 0);
	char err[256];
	cr_assert_eq(population_init(&p, &g, &s.population, r, err, sizeof err),
	             ST_OK, "%s", err);
	cr_assert(population_valid(&p));
	for (uint32_t i = 0; i < 100; i++) {
		population_set_state(&p, i, AW_AWARE);
		population_set_attitude(&p, i, -0.5f);
		population_set_arousal(&p, i, 0.25f);
	}
	population_set_state(&p, 7, AW_SPREADING);
	cr_assert(population_valid(&p));
	p.count[AW_DONE]++;  /* a transition that forgot its array */
	cr_assert(!population_valid(&p));
	p.count[AW_DONE]--;
	p.state[3] = AW_DONE;  /* an array write that forgot its counter */
	cr_assert(!population_valid(&p));
	p.state[3] = AW_AWARE;
	p.negative--;
	cr_assert(!population_valid(&p));
	p.negative++;
	p.attitude_sum += 0.5;
	cr_assert(!population_valid(&p));
	population_free(&p);
	gsl_rng_free(r);
	graph_free(&g);
	spec_free(&s);
}
