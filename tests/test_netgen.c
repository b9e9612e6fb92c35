/* netgen: exact tie counts, degree laws within derived tolerances,
 * reciprocity, reproducibility, rejected specifications.
 * Tolerances are 5 standard deviations of the estimator unless stated. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "graph_stats.h"
#include "netgen.h"
#include "rng.h"

static void check_csr(const struct graph *g)
{
	cr_assert_eq(g->off[0], 0);
	cr_assert_eq(g->off[g->n], g->arcs);
	for (uint32_t v = 0; v < g->n; v++) {
		const uint32_t *a = graph_out(g, v);
		for (uint32_t i = 0; i < graph_out_degree(g, v); i++) {
			cr_assert_lt(a[i], g->n);
			cr_assert_neq(a[i], v);
			if (i > 0)
				cr_assert_lt(a[i - 1], a[i]);
		}
	}
}

static struct net_spec spec_of(enum net_model model, uint32_t nodes,
                               double reciprocity)
{
	struct net_spec s;
	memset(&s, 0, sizeof s);
	s.model = model;
	s.nodes = nodes;
	s.reciprocity = reciprocity;
	return s;
}

static void build(const struct net_spec *s, uint64_t seed, struct graph *g,
                  struct net_report *rep)
{
	char err[256] = "";
	int rc = netgen_build(s, seed, g, rep, err, sizeof err);
	cr_assert_eq(rc, ST_OK, "netgen_build: %s", err);
	check_csr(g);
}

Test(netgen, ba_exact_tie_count_and_heavy_tail)
{
	struct net_spec s = spec_of(NET_BARABASI_ALBERT, 100000, 1.0);
	struct graph g;
	struct graph_stats st;
	uint64_t ties;
	uint32_t kmin = UINT32_MAX;
	s.m = 3;
	build(&s, 11, &g, NULL);
	/* Clique on m+1 vertices, then m ties per newcomer. */
	ties = 3 * 4 / 2 + (uint64_t)(100000 - 4) * 3;
	cr_assert_eq(g.arcs, 2 * ties);
	cr_assert_eq(graph_stats(&g, NULL, 0, &st), ST_OK);
	cr_assert_float_eq(st.mean_degree, 2.0 * (double)ties / 100000, 1e-12);
	cr_assert_float_eq(st.reciprocity, 1.0, 1e-12);
	cr_assert_eq(st.giant_weak, 100000);
	for (uint32_t v = 0; v < g.n; v++)
		if (graph_out_degree(&g, v) < kmin)
			kmin = graph_out_degree(&g, v);
	cr_assert_eq(kmin, 3);
	/* k_max grows like m sqrt(n) ~ 950 here; a Poisson graph of the same
	 * mean (6) would have k_max ~ 20.  10 <k> = 60 separates them. */
	cr_assert_gt(st.max_degree, 10 * st.mean_degree, "k_max = %u", st.max_degree);
	graph_free(&g);
}

Test(netgen, ba_one_way_arcs_go_from_older_to_newcomer)
{
	struct net_spec s = spec_of(NET_BARABASI_ALBERT, 20000, 0.0);
	struct graph g;
	struct graph_stats st;
	s.m = 4;
	build(&s, 5, &g, NULL);
	cr_assert_eq(g.arcs, 4 * 5 / 2 + (uint64_t)(20000 - 5) * 4);
	for (uint32_t u = 0; u < g.n; u++)
		for (uint32_t i = 0; i < graph_out_degree(&g, u); i++)
			cr_assert_lt(u, graph_out(&g, u)[i]);
	cr_assert_eq(graph_stats(&g, NULL, 0, &st), ST_OK);
	cr_assert_float_eq(st.reciprocity, 0.0, 1e-12);
	graph_free(&g);
}

Test(netgen, er_degrees_are_poisson)
{
	/* n = 10^5, z = 10, all ties mutual so out-degree = degree.
	 * Mean degree 2T/n with T ~ Binomial: sd = sqrt(2z/n) = 0.014.
	 * Sample variance of a Poisson(z) sample: sd = sqrt((2z^2 + z)/n)
	 * = 0.046 (mu4 = 3z^2 + z); the binomial's z(1-p) differs by 1e-3. */
	struct net_spec s = spec_of(NET_ERDOS_RENYI, 100000, 1.0);
	struct graph g;
	double z = 10.0, sum = 0.0, sum2 = 0.0, mean, var;
	s.mean_degree = z;
	build(&s, 3, &g, NULL);
	for (uint32_t v = 0; v < g.n; v++) {
		double k = graph_out_degree(&g, v);
		sum += k;
		sum2 += k * k;
	}
	mean = sum / g.n;
	var = sum2 / g.n - mean * mean;
	cr_assert_float_eq(mean, z, 5 * sqrt(2 * z / g.n), "mean %g", mean);
	cr_assert_float_eq(var, z, 5 * sqrt((2 * z * z + z) / g.n), "var %g", var);
	graph_free(&g);
}

Test(netgen, reciprocity_parameter_is_honoured)
{
	/* Distinct ties, mutual with probability r: the share of arcs with a
	 * reverse is 2r/(1+r).  For r = 1/2 and T ~ 2.5e5 ties, x = M/T has
	 * sd sqrt(r(1-r)/T) = 1.0e-3 and f(x) = 2x/(1+x) has f' = 8/9: sd 8.9e-4. */
	struct net_spec s = spec_of(NET_ERDOS_RENYI, 50000, 0.5);
	struct graph g;
	struct graph_stats st;
	double ties;
	s.mean_degree = 10.0;
	build(&s, 17, &g, NULL);
	cr_assert_eq(graph_stats(&g, NULL, 0, &st), ST_OK);
	ties = 50000 * 10.0 / 2;
	cr_assert_float_eq(st.reciprocity, 2 * 0.5 / 1.5,
	                   5 * (8.0 / 9) * sqrt(0.25 / ties), "r %g", st.reciprocity);
	graph_free(&g);
	s.reciprocity = 0.0;
	build(&s, 17, &g, NULL);
	cr_assert_eq(graph_stats(&g, NULL, 0, &st), ST_OK);
	cr_assert_float_eq(st.reciprocity, 0.0, 1e-12);
	graph_free(&g);
	s.reciprocity = 1.0;
	build(&s, 17, &g, NULL);
	cr_assert_eq(graph_stats(&g, NULL, 0, &st), ST_OK);
	cr_assert_float_eq(st.reciprocity, 1.0, 1e-12);
	graph_free(&g);
}

Test(netgen, ws_is_clustered_er_is_not)
{
	/* WS with beta = 0.1: C ~ C(0)(1-beta)^3 = (2/3)(0.729) = 0.49 (Barrat &
	 * Weigt, PRE 62, R3, 2000); ER at the same density: C = p = 10/(n-1) =
	 * 5e-4.  Exact averages (sample >= n); the sampling sd of an average of
	 * 2e4 local values is ~1e-3, so the 0.03 band is for the approximation
	 * in the Barrat–Weigt formula (a ratio of averages, not an average of
	 * ratios); ER's bound is 4 p, far above its sd ~ p / sqrt(n k^2). */
	struct net_spec s = spec_of(NET_WATTS_STROGATZ, 20000, 1.0);
	struct graph g;
	struct graph_stats ws, er;
	s.k = 10;
	s.rewire = 0.1;
	build(&s, 23, &g, NULL);
	cr_assert_eq(g.arcs, 20000 * 10);  /* n k / 2 ties, both arcs */
	cr_assert_eq(graph_stats(&g, NULL, UINT32_MAX, &ws), ST_OK);
	graph_free(&g);
	s = spec_of(NET_ERDOS_RENYI, 20000, 1.0);
	s.mean_degree = 10.0;
	build(&s, 23, &g, NULL);
	cr_assert_eq(graph_stats(&g, NULL, UINT32_MAX, &er), ST_OK);
	graph_free(&g);
	cr_assert_float_eq(ws.clustering, 0.49, 0.03, "C_ws %g", ws.clustering);
	cr_assert_lt(er.clustering, 4 * 10.0 / 19999, "C_er %g", er.clustering);
	cr_assert_eq(ws.giant_weak, 20000);
}

Test(netgen, ws_without_rewiring_is_the_ring)
{
	struct net_spec s = spec_of(NET_WATTS_STROGATZ, 100, 0.0);
	struct graph g;
	s.k = 4;
	s.rewire = 0.0;
	build(&s, 1, &g, NULL);
	/* reciprocity 0, random directions: each ring tie is exactly one arc. */
	cr_assert_eq(g.arcs, 200);
	for (uint32_t u = 0; u < g.n; u++)
		for (uint32_t i = 0; i < graph_out_degree(&g, u); i++) {
			uint32_t v = graph_out(&g, u)[i];
			uint32_t d = (v + 100 - u) % 100;
			cr_assert(d == 1 || d == 2 || d == 98 || d == 99);
		}
	graph_free(&g);
}

/* E_gamma[ln k] and Var_gamma[ln k] for P(k) ∝ k^-gamma on [a, b]. */
static void log_moments(double gamma, uint32_t a, uint32_t b, double *m1,
                        double *var)
{
	double z = 0, s1 = 0, s2 = 0;
	for (uint32_t k = a; k <= b; k++) {
		double w = pow(k, -gamma), l = log(k);
		z += w;
		s1 += w * l;
		s2 += w * l * l;
	}
	*m1 = s1 / z;
	*var = s2 / z - *m1 * *m1;
}

Test(netgen, powerlaw_fitted_exponent)
{
	/* Exact discrete MLE of a power law truncated to [kmin, kmax] (the
	 * discrete estimator of Clauset, Shalizi & Newman, SIAM Rev. 51, 2009,
	 * eq. 3.5, with the finite upper bound, solved exactly rather than by
	 * their 1/2-shift approximation): gamma solves E_gamma[ln k] = mean ln k,
	 * found by bisection since E_gamma[ln k] falls with gamma.  Its standard
	 * error is 1/sqrt(n Var[ln k]).  The fit is on the drawn degrees of the
	 * realised graph: erasure removes a few hundred of ~3.4e5 ties (asserted
	 * below), lowering as many degrees by one, which moves mean ln k by
	 * ~1e-5, far below the sd (~5e-3); the bound is 5 sd. */
	struct net_spec s = spec_of(NET_POWERLAW, 100000, 1.0);
	struct graph g;
	struct net_report rep;
	double sum = 0, lo = 1.05, hi = 6.0, target, m1, var;
	double used = 0;
	uint64_t stubs = 0;
	s.exponent = 2.5;
	s.min_degree = 3;
	s.max_degree = 0;  /* floor(sqrt(1e5)) = 316 */
	build(&s, 29, &g, &rep);
	for (uint32_t v = 0; v < g.n; v++) {
		uint32_t k = graph_out_degree(&g, v);
		stubs += k;
		cr_assert_leq(k, 316);
		if (k >= 3) {
			sum += log(k);
			used++;
		}
	}
	/* Erased ties are few: loops and multi-ties number about
	 * (<k^2>/<k>)^2 / 4 ~ 10^2 (Newman, Networks, 2010, sec. 13.2), against
	 * ~3.4e5 ties; allow 1/1000 of the stubs. */
	cr_assert_lt(rep.self_loops + rep.duplicates, stubs / 1000,
	             "erased %lu + %lu", (unsigned long)rep.self_loops,
	             (unsigned long)rep.duplicates);
	target = sum / used;
	for (int it = 0; it < 60; it++) {
		double mid = (lo + hi) / 2;
		log_moments(mid, 3, 316, &m1, &var);
		if (m1 > target)
			lo = mid;
		else
			hi = mid;
	}
	log_moments(lo, 3, 316, &m1, &var);
	cr_assert_float_eq(lo, 2.5, 5 / sqrt(used * var),
	                   "fitted %g (sd %g)", lo, 1 / sqrt(used * var));
	graph_free(&g);
}

Test(netgen, sbm_block_densities)
{
	/* 4 blocks of 2500.  Within: P = 4 C(2500,2) = 12,495,000 pairs at
	 * p_in = 0.01, between: 37,500,000 pairs at p_out = 0.001.  A density
	 * estimate T/P has sd sqrt(p(1-p)/P). */
	struct net_spec s = spec_of(NET_SBM, 10000, 1.0);
	struct graph g;
	double in = 0, out = 0, pin = 12495000.0, pout = 37500000.0;
	s.n_blocks = 4;
	for (int b = 0; b < 4; b++)
		s.sizes[b] = 2500;
	s.p_in = 0.01;
	s.p_out = 0.001;
	build(&s, 31, &g, NULL);
	for (uint32_t u = 0; u < g.n; u++)
		for (uint32_t i = 0; i < graph_out_degree(&g, u); i++) {
			uint32_t v = graph_out(&g, u)[i];
			if (u / 2500 == v / 2500)
				in += 0.5;  /* each tie is two arcs */
			else
				out += 0.5;
		}
	cr_assert_float_eq(in / pin, 0.01, 5 * sqrt(0.01 * 0.99 / pin), "%g", in / pin);
	cr_assert_float_eq(out / pout, 0.001, 5 * sqrt(0.001 * 0.999 / pout),
	                   "%g", out / pout);
	graph_free(&g);
}

Test(netgen, same_seed_same_graph)
{
	struct net_spec s = spec_of(NET_POWERLAW, 5000, 0.3);
	struct graph a, b, c;
	s.exponent = 2.2;
	s.min_degree = 2;
	build(&s, 99, &a, NULL);
	build(&s, 99, &b, NULL);
	build(&s, 100, &c, NULL);
	cr_assert_eq(a.arcs, b.arcs);
	cr_assert(!memcmp(a.off, b.off, (a.n + 1) * sizeof *a.off));
	cr_assert(!memcmp(a.adj, b.adj, a.arcs * sizeof *a.adj));
	cr_assert(a.arcs != c.arcs ||
	          memcmp(a.adj, c.adj, a.arcs * sizeof *a.adj) != 0);
	graph_free(&a);
	graph_free(&b);
	graph_free(&c);
}

Test(netgen, file_model_goes_through_netio)
{
	struct net_spec s = spec_of(NET_FILE, 0, 0.0);
	struct graph g;
	struct net_report rep;
	s.file = "scenarios/data/karate_zachary_edges.txt";
	build(&s, 1, &g, &rep);
	cr_assert_eq(g.n, 34);
	cr_assert_eq(g.arcs, 156);
	cr_assert_eq(rep.base, 1);
	graph_free(&g);
}

/* Each invalid specification is refused with a message; g stays empty. */
static void refused(const struct net_spec *s, const char *key)
{
	struct graph g;
	char err[256] = "";
	cr_assert_eq(netgen_build(s, 1, &g, NULL, err, sizeof err),
	             ST_BADINPUT, "accepted, expected an error on %s", key);
	cr_assert(strstr(err, key), "message \"%s\" does not name %s", err, key);
	cr_assert_null(g.off);
	cr_assert_null(g.adj);
}

Test(netgen, invalid_specs_are_errors)
{
	struct net_spec s = spec_of(NET_BARABASI_ALBERT, 10, 1.0);
	s.m = 10;
	refused(&s, "network.m");
	s.m = 0;
	refused(&s, "network.m");
	s.m = 2;
	s.reciprocity = 1.5;
	refused(&s, "network.reciprocity");
	s.reciprocity = NAN;
	refused(&s, "network.reciprocity");
	s = spec_of(NET_BARABASI_ALBERT, 1, 1.0);
	s.m = 1;
	refused(&s, "network.nodes");
	s = spec_of(NET_ERDOS_RENYI, 10, 1.0);
	s.mean_degree = 10;
	refused(&s, "network.mean_degree");
	s = spec_of(NET_WATTS_STROGATZ, 10, 1.0);
	s.k = 3;
	refused(&s, "network.k");
	s.k = 4;
	s.rewire = -0.1;
	refused(&s, "network.rewire");
	s = spec_of(NET_POWERLAW, 100, 1.0);
	s.exponent = 2.5;
	s.min_degree = 20;  /* > floor(sqrt(100)) */
	refused(&s, "network.min_degree");
	s.min_degree = 2;
	s.exponent = 0.5;
	refused(&s, "network.exponent");
	s = spec_of(NET_SBM, 100, 1.0);
	s.n_blocks = 2;
	s.sizes[0] = 50;
	s.sizes[1] = 40;
	s.p_in = 0.1;
	refused(&s, "network.sizes");
	s.sizes[1] = 50;
	s.p_out = 2;
	refused(&s, "network.p_out");
	s.n_blocks = 0;
	refused(&s, "network.n_blocks");
	s = spec_of(NET_FILE, 0, 0.0);
	refused(&s, "network.file");
	s.model = (enum net_model)42;
	refused(&s, "network.model");
}

/* The table: every generator model has exactly one row, built by
 * netgen_build; the edge-list model has none (netio reads it). */
Test(netgen, table_has_one_row_per_generator)
{
	for (int m = 0; m < (int)NET_FILE; m++) {
		const struct netgen *gen = netgen_find((enum net_model)m);
		cr_assert_not_null(gen, "no generator for %s",
		                   spec_net_model_name((enum net_model)m));
		cr_assert_eq(gen->model, (enum net_model)m);
		cr_assert_not_null(gen->build);
		cr_assert_geq(gen->min_nodes, 2);
	}
	cr_assert_null(netgen_find(NET_FILE));
	cr_assert_null(netgen_find((enum net_model)42));
	/* The row's smallest size is the one netgen_build enforces. */
	struct net_spec s = spec_of(NET_WATTS_STROGATZ, 3, 1.0);
	s.k = 2;
	refused(&s, "network.nodes");
}
