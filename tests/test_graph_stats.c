/* graph_stats: exact statistics on hand-made graphs, and the sampled
 * clustering estimate on a graph whose answer is known. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "graph.h"
#include "graph_stats.h"
#include "rng.h"

/* Build from a literal list of arcs (copied: graph_from_arcs frees). */
static int from_list(struct graph *g, uint32_t n, const uint32_t (*arcs)[2],
                     uint64_t count, uint64_t *loops, uint64_t *dups)
{
	uint32_t *src = malloc((count + 1) * sizeof *src);
	uint32_t *dst = malloc((count + 1) * sizeof *dst);
	cr_assert(src && dst);
	for (uint64_t i = 0; i < count; i++) {
		src[i] = arcs[i][0];
		dst[i] = arcs[i][1];
	}
	return graph_from_arcs(g, n, src, dst, count, loops, dups);
}

/* Undirected edges as both arcs. */
static void undirected(struct graph *g, uint32_t n, const uint32_t (*e)[2],
                       uint64_t count)
{
	uint32_t *t = malloc((2 * count + 1) * sizeof *t);
	cr_assert(t);
	for (uint64_t i = 0; i < count; i++) {
		t[2 * i] = e[i][0];
		t[2 * i + 1] = e[i][1];
	}
	cr_assert_eq(graph_from_ties(g, n, t, count, 1.0, GRAPH_FIRST_TO_SECOND,
	                             NULL, NULL), ST_OK);
	cr_assert(graph_valid(g));
}

Test(graph_stats, stats_mutual_triangle)
{
	static const uint32_t e[][2] = { { 0, 1 }, { 1, 2 }, { 2, 0 } };
	struct graph g;
	struct graph_stats st;
	undirected(&g, 3, e, 3);
	cr_assert_eq(graph_stats(&g, NULL, 3, &st), ST_OK);
	cr_assert_eq(st.n, 3);
	cr_assert_eq(st.arcs, 6);
	cr_assert_float_eq(st.mean_degree, 2.0, 1e-12);
	cr_assert_float_eq(st.k2, 4.0, 1e-12);
	cr_assert_eq(st.max_degree, 2);
	cr_assert_float_eq(st.reciprocity, 1.0, 1e-12);
	cr_assert_float_eq(st.clustering, 1.0, 1e-12);
	cr_assert_eq(st.giant_weak, 3);
	graph_free(&g);
}

Test(graph_stats, stats_directed_star)
{
	/* Hub 0 followed by 1..4: one-way arcs, no triangles. */
	static const uint32_t arcs[][2] = { { 0, 1 }, { 0, 2 }, { 0, 3 }, { 0, 4 } };
	struct graph g;
	struct graph_stats st;
	uint32_t iso;
	cr_assert_eq(from_list(&g, 6, arcs, 4, NULL, NULL), ST_OK);
	cr_assert_eq(graph_stats(&g, NULL, 100, &st), ST_OK);
	cr_assert_float_eq(st.mean_degree, 4.0 / 6, 1e-12);
	cr_assert_float_eq(st.k2, 16.0 / 6, 1e-12);
	cr_assert_eq(st.max_degree, 4);
	cr_assert_float_eq(st.reciprocity, 0.0, 1e-12);
	cr_assert_float_eq(st.clustering, 0.0, 1e-12);
	cr_assert_eq(st.giant_weak, 5);  /* vertex 5 is isolated */
	cr_assert_eq(graph_isolated(&g, &iso), ST_OK);
	cr_assert_eq(iso, 1);
	graph_free(&g);
}

Test(graph_stats, stats_path_and_partial_reciprocity)
{
	/* 0 <-> 1 -> 2 -> 3, and 4 <-> 5 apart: components {0..3}, {4,5}. */
	static const uint32_t arcs[][2] = {
		{ 0, 1 }, { 1, 0 }, { 1, 2 }, { 2, 3 }, { 4, 5 }, { 5, 4 }
	};
	struct graph g;
	struct graph_stats st;
	cr_assert_eq(from_list(&g, 6, arcs, 6, NULL, NULL), ST_OK);
	cr_assert_eq(graph_stats(&g, NULL, 6, &st), ST_OK);
	cr_assert_float_eq(st.reciprocity, 4.0 / 6, 1e-12);
	cr_assert_float_eq(st.clustering, 0.0, 1e-12);
	cr_assert_eq(st.giant_weak, 4);
	graph_free(&g);
}

Test(graph_stats, stats_triangle_with_pendant)
{
	/* C_0 = 1/3 (one link among {1,2,3}), C_1 = C_2 = 1, C_3 = 0 (degree 1):
	 * average 7/12.  The projection must merge 0->3 and 3->0 into one tie. */
	static const uint32_t arcs[][2] = {
		{ 0, 1 }, { 2, 1 }, { 0, 2 }, { 0, 3 }, { 3, 0 }
	};
	struct graph g;
	struct graph_stats st;
	cr_assert_eq(from_list(&g, 4, arcs, 5, NULL, NULL), ST_OK);
	cr_assert_eq(graph_stats(&g, NULL, 4, &st), ST_OK);
	cr_assert_float_eq(st.clustering, 7.0 / 12, 1e-12);
	cr_assert_float_eq(st.reciprocity, 2.0 / 5, 1e-12);
	cr_assert_eq(st.giant_weak, 4);
	graph_free(&g);
}

Test(graph_stats, sampled_clustering_on_a_regular_ring)
{
	/* Ring lattice with k = 4: every vertex has C = 3(k-2)/(4(k-1)) = 1/2
	 * (Watts & Strogatz 1998), so any sample gives exactly 1/2. */
	uint32_t n = 1000;
	uint32_t *t = malloc(2 * 2 * n * sizeof *t);
	struct graph g;
	struct graph_stats st;
	gsl_rng *r = rng_stream(1, RNG_STATS, 0);
	cr_assert(t && r);
	for (uint32_t v = 0; v < n; v++)
		for (uint32_t j = 1; j <= 2; j++) {
			t[2 * (2 * v + j - 1)] = v;
			t[2 * (2 * v + j - 1) + 1] = (v + j) % n;
		}
	cr_assert_eq(graph_from_ties(&g, n, t, 2 * n, 1.0, GRAPH_FIRST_TO_SECOND,
	                             NULL, NULL), ST_OK);
	cr_assert(graph_valid(&g));
	cr_assert_eq(graph_stats(&g, r, 50, &st), ST_OK);
	cr_assert_float_eq(st.clustering, 0.5, 1e-12);
	cr_assert_eq(graph_stats(&g, NULL, 0, &st), ST_OK);
	cr_assert(isnan(st.clustering));
	cr_assert_eq(st.giant_weak, n);
	graph_free(&g);
	gsl_rng_free(r);
}
