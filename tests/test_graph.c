/* graph: CSR invariants and construction counts on hand-made graphs
 * (statistics: test_graph_stats.c). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "graph_stats.h"

/* The layout invariant of graph.h, checked in full. */
static void check_csr(const struct graph *g)
{
	cr_assert_eq(g->off[0], 0);
	cr_assert_eq(g->off[g->n], g->arcs);
	for (uint32_t v = 0; v < g->n; v++) {
		const uint32_t *a = graph_out(g, v);
		cr_assert_leq(g->off[v], g->off[v + 1]);
		for (uint32_t i = 0; i < graph_out_degree(g, v); i++) {
			cr_assert_lt(a[i], g->n);
			cr_assert_neq(a[i], v, "self-loop at %u", v);
			if (i > 0)
				cr_assert_lt(a[i - 1], a[i], "list of %u not strictly ascending", v);
		}
	}
}

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

Test(graph, from_arcs_drops_and_counts_loops_and_duplicates)
{
	static const uint32_t arcs[][2] = {
		{ 0, 2 }, { 0, 1 }, { 0, 1 }, { 1, 1 }, { 2, 0 }, { 1, 0 }, { 2, 2 },
		{ 0, 2 }, { 0, 2 }
	};
	struct graph g;
	uint64_t loops = 99, dups = 99;
	cr_assert_eq(from_list(&g, 3, arcs, 9, &loops, &dups), ST_OK);
	check_csr(&g);
	cr_assert_eq(loops, 2);
	cr_assert_eq(dups, 3);
	cr_assert_eq(g.arcs, 4);
	cr_assert_eq(graph_out_degree(&g, 0), 2);
	cr_assert_eq(graph_out(&g, 0)[0], 1);
	cr_assert_eq(graph_out(&g, 0)[1], 2);
	cr_assert_eq(graph_out_degree(&g, 1), 1);
	cr_assert_eq(graph_out_degree(&g, 2), 1);
	graph_free(&g);
	graph_free(&g);  /* idempotent */
}

Test(graph, from_arcs_rejects_out_of_range_ids)
{
	static const uint32_t arcs[][2] = { { 0, 1 }, { 1, 3 } };
	struct graph g;
	cr_assert_eq(from_list(&g, 3, arcs, 2, NULL, NULL), ST_BADINPUT);
}

Test(graph, empty_input_gives_empty_graph)
{
	struct graph g;
	struct graph_stats st;
	cr_assert_eq(from_list(&g, 5, NULL, 0, NULL, NULL), ST_OK);
	check_csr(&g);
	cr_assert_eq(g.arcs, 0);
	cr_assert_eq(graph_stats(&g, NULL, 5, &st), ST_OK);
	cr_assert_eq(st.giant_weak, 1);
	cr_assert_float_eq(st.clustering, 0.0, 1e-15);
	graph_free(&g);
}

Test(graph, ties_orientation_and_reciprocity_rule)
{
	/* reciprocity 0, first -> second: exactly the given arcs. */
	uint32_t *t = malloc(6 * sizeof *t);
	struct graph g;
	struct graph_dropped d;
	cr_assert(t);
	memcpy(t, (uint32_t[]){ 2, 0, 1, 1, 0, 1 }, 6 * sizeof *t);
	cr_assert_eq(graph_from_ties(&g, 3, t, 3, 0.0, GRAPH_FIRST_TO_SECOND,
	                             NULL, &d), ST_OK);
	check_csr(&g);
	cr_assert_eq(d.self_loops, 1);
	cr_assert_eq(d.duplicates, 0);
	cr_assert_eq(g.arcs, 2);
	cr_assert_eq(graph_out(&g, 2)[0], 0);
	cr_assert_eq(graph_out(&g, 0)[0], 1);
	graph_free(&g);
}

/* graph_valid accepts what the constructors build and refuses each way of
 * breaking the layout invariant. */
Test(graph, valid_detects_broken_layouts)
{
	static const uint32_t arcs[][2] = {
		{ 0, 1 }, { 0, 2 }, { 1, 2 }, { 2, 0 }, { 3, 0 },
	};
	struct graph g;
	cr_assert_eq(from_list(&g, 4, arcs, 5, NULL, NULL), ST_OK);
	cr_assert(graph_valid(&g));
	g.adj[0] = 2;             /* list of 0: {2, 2}, not strictly ascending */
	cr_assert(!graph_valid(&g));
	g.adj[0] = 0;             /* a self-loop */
	cr_assert(!graph_valid(&g));
	g.adj[0] = 4;             /* an id >= n */
	cr_assert(!graph_valid(&g));
	g.adj[0] = 1;
	cr_assert(graph_valid(&g));
	g.arcs--;                 /* off[n] != arcs */
	cr_assert(!graph_valid(&g));
	g.arcs++;
	g.off[2] = g.off[1] - 1;  /* offsets not monotone */
	cr_assert(!graph_valid(&g));
	graph_free(&g);
}

/* The id map: without one, vertex v is id v; with one, ids[v] by binary
 * search, every id of the map found and nothing else; graph_valid refuses
 * a map that is not strictly ascending; graph_free frees it. */
Test(graph, id_map_lookup)
{
	static const uint32_t arcs[][2] = { { 0, 1 }, { 1, 2 }, { 2, 3 } };
	static const uint64_t ids[] = { 3, 4000000000u, 9223372036854775808u,
	                                18446744073709551614u };
	struct graph g;
	uint32_t v = 77;
	cr_assert_eq(from_list(&g, 4, arcs, 3, NULL, NULL), ST_OK);
	cr_assert_null(g.ids);
	cr_assert(graph_index_of(&g, 3, &v));
	cr_assert_eq(v, 3);
	cr_assert(!graph_index_of(&g, 4, &v));
	cr_assert_eq(graph_id_of(&g, 2), 2);

	g.ids = malloc(sizeof ids);
	cr_assert_not_null(g.ids);
	memcpy(g.ids, ids, sizeof ids);
	cr_assert(graph_valid(&g));
	for (uint32_t k = 0; k < 4; k++) {
		cr_assert(graph_index_of(&g, ids[k], &v), "id %llu", (unsigned long long)ids[k]);
		cr_assert_eq(v, k);
		cr_assert_eq(graph_id_of(&g, k), ids[k]);
	}
	v = 77;
	cr_assert(!graph_index_of(&g, 0, &v));
	cr_assert(!graph_index_of(&g, 2, &v));
	cr_assert(!graph_index_of(&g, 5, &v));
	cr_assert(!graph_index_of(&g, UINT64_MAX, &v));
	cr_assert_eq(v, 77);
	g.ids[2] = g.ids[1];
	cr_assert(!graph_valid(&g));
	graph_free(&g);
	cr_assert_null(g.ids);
}
