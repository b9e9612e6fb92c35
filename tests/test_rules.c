/* The classical spread rules maki_thompson and threshold, through the
 * engine: published final sizes, hand-computed cascades, counter
 * consistency, determinism and the no-incident case.  Paths are relative to
 * the repository root (make test runs there). */
#include <criterion/criterion.h>
#include <math.h>

#include "engine.h"
#include "netgen.h"
#include "scenario.h"

static void load(const char *json, const char *const *sets, size_t n_sets,
                 struct scenario *s, struct graph *g)
{
	char err[SCN_ERRLEN], gerr[512];
	cr_assert_eq(scenario_parse(s, json, "test", NULL, sets, n_sets, err), 0,
	             "%s", err);
	cr_assert_eq(netgen_build(&s->network, s->seed, g, NULL, gerr, sizeof gerr),
	             0, "%s", gerr);
}

static void run(const struct scenario *s, const struct graph *g, uint64_t k,
                struct run_result *r)
{
	char err[256];
	cr_assert_eq(engine_run(s, g, k, r, err, sizeof err), 0, "%s", err);
}

static double at(const struct run_result *r, uint32_t t, enum series_col c)
{
	return r->series.v[(size_t)t * SERIES_NCOL + c];
}

static double last(const struct run_result *r, enum series_col c)
{
	return at(r, r->series.rows - 1, c);
}

static double total(const struct run_result *r, enum series_col c)
{
	double x = 0;
	for (uint32_t t = 0; t < r->series.rows; t++)
		x += at(r, t, c);
	return x;
}

/* ---- Maki–Thompson ---------------------------------------------------- */

/* Sudbury (1985): with complete mixing the share of agents who never hear
 * the rumour tends to θ, the root of θ = exp(-2(1-θ)), θ = 0.2031878699.
 * n = 20000 agents (the ER graph with mean degree 1 only hosts them:
 * well_mixed ignores edges), R = 100 runs, one random seed each.
 *
 * Tolerance.  θ_n is asymptotically normal with sd σ/√n (Pittel 1990); an
 * independent simulation of the jump chain (800 runs at n = 20000) gave
 * σ ≈ 0.51, i.e. sd ≈ 0.0036 per run = sqrt(θ(1-θ) c / n) with c ≈ 1.6.
 * The test estimates the sd from its own runs and accepts
 *     |mean - θ| < 4 sd / √R + 2 / n,
 * about 0.0015: 4 standard errors (a false alarm once in 16000) plus an
 * allowance for the O(1/n) bias of E θ_n, which the same jump-chain runs
 * put at |bias| n < 1.5 for n = 500 .. 20000.  A wrong mechanism is far
 * outside: a caller who stopped only half the times it met someone who
 * knew would leave θ = exp(-3(1-θ)) = 0.060 ignorant.  (Daley–Kendall,
 * where both spreaders stop, has the same limit 0.203, so this test does
 * not tell the two apart; the graph test below does check the rule.)
 *
 * Exact invariant per run.  Every spreader ends as a stifler, and in
 * well-mixed contact every spreader can call someone, so each of the
 * `reach` agents was stifled by exactly one contact and each of the
 * reach - 1 non-seeds was told by exactly one: posts = 2 reach - 1. */
Test(rules, maki_thompson_well_mixed_final_size_is_sudbury, .timeout = 60)
{
	struct scenario s;
	struct graph g;
	load("{\"seed\": 17, \"ticks\": 200,"
	     " \"network\": {\"model\": \"erdos_renyi\", \"nodes\": 20000, \"mean_degree\": 1},"
	     " \"spread\": {\"rule\": \"maki_thompson\", \"mixing\": \"well_mixed\"},"
	     " \"events\": [{\"tick\": 0, \"type\": \"incident\", \"target\": \"random\"}]}",
	     NULL, 0, &s, &g);
	enum { R = 100 };
	const double n = 20000, theta = 0.2031878699;
	double sum = 0, sum2 = 0;
	for (uint64_t k = 0; k < R; k++) {
		struct run_result r;
		run(&s, &g, k, &r);
		cr_assert_eq(last(&r, COL_spreading), 0, "run %lu still spreading", (unsigned long)k);
		double reach = last(&r, COL_aware);
		cr_assert_eq(total(&r, COL_posts_neg), 2 * reach - 1, "run %lu", (unsigned long)k);
		double th = 1.0 - r.summary.v[SUM_reach_share];
		sum += th;
		sum2 += th * th;
		run_result_free(&r);
	}
	double mean = sum / R;
	double sd = sqrt((sum2 - R * mean * mean) / (R - 1));
	double tol = 4 * sd / sqrt(R) + 2 / n;
	cr_log_info("maki_thompson well_mixed: theta = %.5f +- %.5f (se, R = %d), "
	            "sd sqrt(n) = %.3f", mean, sd / sqrt(R), R, sd * sqrt(n));
	cr_assert(fabs(mean - theta) < tol, "mean theta %.5f, expected %.5f +- %.5f",
	          mean, theta, tol);
	/* The spread itself: σ = sd √n should be near 0.51.  With R = 100 the
	 * estimate's relative se is 1/√(2(R-1)) = 7 %, so 4 se is ±28 %:
	 * accept [0.35, 0.70]. */
	cr_assert(sd * sqrt(n) > 0.35 && sd * sqrt(n) < 0.70, "sd sqrt(n) = %g",
	          sd * sqrt(n));
	graph_free(&g);
	spec_free(&s);
}

/* On a follower graph every transition must show in the counters: aware is
 * never used without spreading (aware == spreading + done at every tick),
 * the cumulative new_aware is the aware column, the rumour dies out, and a
 * contact is a post: each non-seed was told once (posts >= reach - 1) and
 * each agent stopped after at most one failed call (posts <= 2 reach - 1).
 * With mutual ties (reciprocity 1) nobody lacks a follower to call, so the
 * upper bound is exact; with reciprocity 0.5 some reached agents have no
 * follower and stop without a post. */
Test(rules, maki_thompson_on_graph_counters_are_consistent)
{
	static const char *const recip[][1] = {
		{ "network.reciprocity=1" }, { "network.reciprocity=0.5" } };
	for (int v = 0; v < 2; v++) {
		struct scenario s;
		struct graph g;
		load("{\"seed\": 5, \"ticks\": 300,"
		     " \"network\": {\"model\": \"barabasi_albert\", \"nodes\": 3000, \"m\": 3},"
		     " \"spread\": {\"rule\": \"maki_thompson\"},"
		     " \"events\": [{\"tick\": 1, \"type\": \"incident\", \"target\": \"random\"}]}",
		     recip[v], 1, &s, &g);
		int short_of_bound = 0;
		for (uint64_t k = 0; k < 10; k++) {
			struct run_result r;
			run(&s, &g, k, &r);
			double new_aware = 0;
			for (uint32_t t = 0; t < r.series.rows; t++) {
				new_aware += at(&r, t, COL_new_aware);
				cr_assert_eq(at(&r, t, COL_aware), new_aware, "tick %u", t);
				cr_assert_eq(at(&r, t, COL_aware),
				             at(&r, t, COL_spreading) + at(&r, t, COL_done),
				             "tick %u: an aware agent that is not spreading", t);
				cr_assert_eq(at(&r, t, COL_posts_neu) + at(&r, t, COL_posts_pos), 0);
			}
			cr_assert_eq(at(&r, 0, COL_aware), 0, "nothing before the incident");
			cr_assert_eq(last(&r, COL_spreading), 0);
			double reach = last(&r, COL_aware), posts = total(&r, COL_posts_neg);
			cr_assert_geq(reach, 1);
			cr_assert_geq(posts, reach - 1);
			cr_assert_leq(posts, 2 * reach - 1);
			if (v == 0)
				cr_assert_eq(posts, 2 * reach - 1, "run %lu", (unsigned long)k);
			short_of_bound += posts < 2 * reach - 1;
			cr_assert_eq(r.summary.v[SUM_damage], posts);
			run_result_free(&r);
		}
		if (v == 1)
			cr_assert_gt(short_of_bound, 0, "some spreader without followers");
		graph_free(&g);
		spec_free(&s);
	}
}

/* ---- threshold -------------------------------------------------------- */

/* tests/scenarios/threshold_chain.txt, mutual ties, seed agent 0 at tick 0.
 * Degrees k: 0:2 1:2 2:2 3:4 4:2 5:3 6:2 7:3 8:1 9:1.  With phi = 0.5 the
 * hits needed are ceil(k/2): 1 1 1 2 1 2 1 2 1 1.  By hand:
 *   t0  0 posts      -> 1, 2 adopt (1 of 2 each)
 *   t1  1, 2 post    -> 3 adopts (2 of 4, exactly phi)
 *   t2  3 posts      -> 4 adopts; 5 has 1 of 3
 *   t3  4 posts      -> 6 adopts
 *   t4  6 posts      -> 5 adopts (2 of 3)
 *   t5  5 posts      -> 7 has 1 of 3 and stops the cascade; 8, 9 never hear.
 * Adopters {0..6}; 7 heard but did not adopt. */
static const char chain[] =
	"{\"seed\": 1, \"ticks\": 12,"
	" \"network\": {\"file\": \"tests/scenarios/threshold_chain.txt\"},"
	" \"population\": {\"media\": 0, \"influencers\": 0},"
	" \"spread\": {\"rule\": \"threshold\", \"phi\": 0.5},"
	" \"events\": [{\"tick\": 0, \"type\": \"incident\", \"target\": \"agent\", \"agent\": 0}]}";

Test(rules, threshold_hand_computed_cascade)
{
	struct scenario s;
	struct graph g;
	load(chain, NULL, 0, &s, &g);
	cr_assert_eq(g.n, 10);
	struct run_result r;
	run(&s, &g, 0, &r);
	static const double done[] = { 1, 3, 4, 5, 6, 7 },
		spreading[] = { 2, 1, 1, 1, 1, 0 },
		aware[] = { 3, 4, 6, 7, 7, 8 },
		posts[] = { 1, 2, 1, 1, 1, 1 };
	for (uint32_t t = 0; t < r.series.rows; t++) {
		uint32_t u = t < 6 ? t : 5;
		cr_assert_eq(at(&r, t, COL_done), done[u], "tick %u", t);
		cr_assert_eq(at(&r, t, COL_spreading), t < 6 ? spreading[u] : 0, "tick %u", t);
		cr_assert_eq(at(&r, t, COL_aware), aware[u], "tick %u", t);
		cr_assert_eq(at(&r, t, COL_posts_neg), t < 6 ? posts[u] : 0, "tick %u", t);
	}
	cr_assert_eq(r.log.n, 1);
	cr_assert_eq(r.log.v[0].actor, 0);
	run_result_free(&r);
	spec_free(&s);

	/* Thresholds at and around the boundaries, by the same degrees:
	 *   phi = 0.51: 1 and 2 need 2 of 2 -> only the seed; 1, 2 hear.
	 *   phi = 1:    the same.
	 *   phi = 0.33: every k <= 3 needs 1 hit, 3 needs 2 (has 2) -> all 10.
	 *   phi = 0:    one hit suffices -> all 10.
	 * An incident at 7 (tick 8, phi = 0.5) adopts it whatever its
	 * threshold: 8 and 9 (1 of 1) follow -> 10.  A second incident at
	 * the adopted agent 0 changes nothing -> 7. */
	static const struct {
		const char *set[2];
		size_t n_sets;
		double done, aware;
	} cases[] = {
		{ { "spread.phi=0.51" }, 1, 1, 3 },
		{ { "spread.phi=1" }, 1, 1, 3 },
		{ { "spread.phi=0.33" }, 1, 10, 10 },
		{ { "spread.phi=0" }, 1, 10, 10 },
		{ { "events=[{\"tick\": 0, \"target\": \"agent\", \"agent\": 0},"
	            " {\"tick\": 8, \"target\": \"agent\", \"agent\": 7}]" },
		  1, 10, 10 },
		{ { "events=[{\"tick\": 0, \"target\": \"agent\", \"agent\": 0},"
	            " {\"tick\": 8, \"target\": \"agent\", \"agent\": 0}]" },
		  1, 7, 8 },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char err[SCN_ERRLEN];
		cr_assert_eq(scenario_parse(&s, chain, "t", NULL, cases[k].set,
		                            cases[k].n_sets, err), 0, "%s", err);
		run(&s, &g, 0, &r);
		cr_assert_eq(last(&r, COL_done), cases[k].done, "case %zu", k);
		cr_assert_eq(last(&r, COL_aware), cases[k].aware, "case %zu", k);
		cr_assert_eq(last(&r, COL_spreading), 0, "case %zu", k);
		cr_assert_eq(total(&r, COL_posts_neg), cases[k].done,
		             "case %zu: every adopter posts once", k);
		run_result_free(&r);
		spec_free(&s);
	}
	graph_free(&g);
}

/* Watts (PNAS 99, 5766, 2002): on an Erdős–Rényi graph with uniform
 * threshold phi = 0.18 one random seed starts a global cascade only inside
 * a window of mean degree z.  Agents of degree k <= 1/phi (k <= 5) are
 * vulnerable; cascades percolate when sum_k k(k-1) p_k [k <= 5] > z, i.e.
 * z e^-z (1 + z + z^2/2 + z^3/6) > 1: about 1 < z < 5.8 for Poisson
 * degrees (Watts's Fig. 1 puts the upper edge near 6).  The probability
 * that the seed touches the vulnerable giant cluster is 1 - G0(u) with
 * u = 1 - sum_{k<=5} (k p_k / z) (1 - u^(k-1)); for z = 4 that is 0.865.
 * (Simulated with 400 runs on two graphs of n = 10^4 and one of 10^5, this
 * rule gave 0.885, 0.85 and 0.86.)  With R = 100 runs the binomial sd of
 * the frequency is 0.034, so we ask for at least 0.865 - 4 x 0.034 = 0.73
 * (73 runs); finite-size effects at n = 10^4 are small this far inside the
 * window (they show near its edge: 0.32 against 0.376 at z = 5.5, which is
 * why that z is not tested).  At z = 20, P(k <= 5) ~
 * 7e-5 and a neighbour of the seed needs 4 adopted followees: no global
 * cascade may happen.  A cascade is global when adopters exceed 10 % of n;
 * the sizes are bimodal (tiny or most of the graph), so the cut is not
 * delicate: the test also asserts there is nothing between 1 % and 50 %. */
Test(rules, threshold_watts_cascade_window, .timeout = 60)
{
	static const struct {
		const char *z;
		int min_global, max_global;
	} cases[] = { { "network.mean_degree=4", 73, 100 },
	              { "network.mean_degree=20", 0, 0 } };
	for (int c = 0; c < 2; c++) {
		struct scenario s;
		struct graph g;
		load("{\"seed\": 23, \"ticks\": 200,"
		     " \"network\": {\"model\": \"erdos_renyi\", \"nodes\": 10000},"
		     " \"spread\": {\"rule\": \"threshold\", \"phi\": 0.18},"
		     " \"events\": [{\"tick\": 0, \"type\": \"incident\", \"target\": \"random\"}]}",
		     &cases[c].z, 1, &s, &g);
		int global = 0;
		double big = 0;
		for (uint64_t k = 0; k < 100; k++) {
			struct run_result r;
			run(&s, &g, k, &r);
			cr_assert_eq(last(&r, COL_spreading), 0);
			double share = last(&r, COL_done) / g.n;
			cr_assert(share < 0.01 || share > 0.5, "%s run %lu: share %g",
			          cases[c].z, (unsigned long)k, share);
			if (share > 0.1) {
				global++;
				big += share;
			}
			run_result_free(&r);
		}
		cr_log_info("threshold phi 0.18, %s: %d/100 global cascades, mean size %.3f",
		            cases[c].z, global, global ? big / global : 0.0);
		cr_assert(global >= cases[c].min_global && global <= cases[c].max_global,
		          "%s: %d global cascades in 100 runs", cases[c].z, global);
		graph_free(&g);
		spec_free(&s);
	}
}

/* ---- both ------------------------------------------------------------- */

static const char *const both[][2] = {
	{ "spread.rule=maki_thompson", "spread.mixing=graph" },
	{ "spread.rule=maki_thompson", "spread.mixing=well_mixed" },
	{ "spread.rule=threshold", "spread.phi=0.1" },
};

static const char small[] =
	"{\"seed\": 9, \"ticks\": 80,"
	" \"network\": {\"model\": \"barabasi_albert\", \"nodes\": 3000, \"m\": 3},"
	" \"events\": [{\"tick\": 2, \"type\": \"incident\", \"target\": \"random\", \"count\": 3}]}";

Test(rules, same_seed_same_series_and_other_run_differs)
{
	for (size_t v = 0; v < 3; v++) {
		struct scenario s;
		struct graph g;
		load(small, both[v], 2, &s, &g);
		struct run_result a, b;
		run(&s, &g, 0, &a);
		run(&s, &g, 0, &b);
		size_t bytes = (size_t)a.series.rows * SERIES_NCOL * sizeof(double);
		cr_assert_eq(a.series.rows, b.series.rows);
		cr_assert_eq(memcmp(a.series.v, b.series.v, bytes), 0, "%s", both[v][1]);
		cr_assert_gt(last(&a, COL_aware), 3, "%s: the story spread", both[v][1]);
		run_result_free(&b);
		/* Run 1 seeds other agents: the series must differ. */
		run(&s, &g, 1, &b);
		cr_assert_neq(memcmp(a.series.v, b.series.v, bytes), 0, "%s", both[v][1]);
		run_result_free(&a);
		run_result_free(&b);
		graph_free(&g);
		spec_free(&s);
	}
}

Test(rules, no_incident_nothing_happens)
{
	for (size_t v = 0; v < 3; v++) {
		struct scenario s;
		struct graph g;
		const char *sets[3] = { both[v][0], both[v][1], "events=[]" };
		load(small, sets, 3, &s, &g);
		struct run_result r;
		run(&s, &g, 0, &r);
		cr_assert_eq(r.series.rows, 80);
		for (uint32_t t = 0; t < r.series.rows; t++)
			for (int col = COL_aware; col <= COL_posts_pos; col++)
				cr_assert_eq(at(&r, t, (enum series_col)col), 0,
				             "%s: tick %u column %s", both[v][1], t,
				             series_col_name[col]);
		cr_assert_eq(r.log.n, 0);
		run_result_free(&r);
		graph_free(&g);
		spec_free(&s);
	}
}
