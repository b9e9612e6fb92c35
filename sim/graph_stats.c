/* graph_stats — descriptive statistics of a CSR graph (graph.h): degrees,
 * reciprocity, clustering, the giant weak component, isolated vertices.
 * Read-only on the graph; scratch memory is allocated per call.
 */
#include "graph_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int has_arc(const struct graph *g, uint32_t u, uint32_t v)
{
	const uint32_t *a = graph_out(g, u);
	uint64_t lo = 0, hi = graph_out_degree(g, u);
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (a[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < graph_out_degree(g, u) && a[lo] == v;
}

/* Local clustering of v in the simple undirected graph u:
 * C_v = 2 T_v / (d_v (d_v - 1)), T_v the links among v's neighbours.
 * mark[x] == stamp flags x as a neighbour of v. */
static double local_clustering(const struct graph *u, uint32_t v,
                               uint32_t *mark, uint32_t stamp)
{
	uint32_t d = graph_out_degree(u, v);
	const uint32_t *nb = graph_out(u, v);
	uint64_t twice_links = 0;
	if (d < 2)
		return 0.0;
	for (uint32_t i = 0; i < d; i++)
		mark[nb[i]] = stamp;
	for (uint32_t i = 0; i < d; i++) {
		uint32_t a = nb[i];
		const uint32_t *na = graph_out(u, a);
		uint32_t da = graph_out_degree(u, a);
		for (uint32_t j = 0; j < da; j++)
			twice_links += mark[na[j]] == stamp;
	}
	return (double)twice_links / ((double)d * (double)(d - 1));
}

static enum status clustering(const struct graph *g, gsl_rng *r,
                              uint32_t sample, double *out)
{
	struct graph u;
	uint32_t *mark;
	uint32_t count = sample >= g->n ? g->n : sample;
	double sum = 0.0;
	enum status rc = graph_undirected(g, &u);
	if (rc)
		return rc;
	mark = calloc((size_t)g->n + 1, sizeof *mark);
	if (!mark) {
		graph_free(&u);
		return ST_NOMEM;
	}
	for (uint32_t i = 0; i < count; i++) {
		uint32_t v = sample >= g->n
		             ? i : (uint32_t)gsl_rng_uniform_int(r, g->n);
		sum += local_clustering(&u, v, mark, i + 1);
	}
	*out = count ? sum / count : 0.0;
	free(mark);
	graph_free(&u);
	return ST_OK;
}

static uint32_t uf_find(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];  /* path halving */
		x = parent[x];
	}
	return x;
}

/* Largest weakly connected component by union-find, union by size. */
static enum status giant_weak(const struct graph *g, uint32_t *out)
{
	uint32_t n = g->n, best = 0;
	uint32_t *parent = malloc(((size_t)n + 1) * sizeof *parent);
	uint32_t *size = malloc(((size_t)n + 1) * sizeof *size);
	if (!parent || !size) {
		free(parent);
		free(size);
		return ST_NOMEM;
	}
	for (uint32_t v = 0; v < n; v++) {
		parent[v] = v;
		size[v] = 1;
	}
	for (uint32_t v = 0; v < n; v++)
		for (uint64_t i = g->off[v]; i < g->off[v + 1]; i++) {
			uint32_t a = uf_find(parent, v);
			uint32_t b = uf_find(parent, g->adj[i]);
			if (a == b)
				continue;
			if (size[a] < size[b]) {
				uint32_t t = a;
				a = b;
				b = t;
			}
			parent[b] = a;
			size[a] += size[b];
		}
	for (uint32_t v = 0; v < n; v++)
		if (parent[v] == v && size[v] > best)
			best = size[v];
	free(parent);
	free(size);
	*out = best;
	return ST_OK;
}

enum status graph_stats(const struct graph *g, gsl_rng *r, uint32_t sample,
                        struct graph_stats *st)
{
	double k2 = 0.0;
	uint64_t recip = 0;
	uint32_t kmax = 0;
	enum status rc;

	memset(st, 0, sizeof *st);
	st->n = g->n;
	st->arcs = g->arcs;
	st->clustering = NAN;
	for (uint32_t v = 0; v < g->n; v++) {
		uint32_t d = graph_out_degree(g, v);
		const uint32_t *a = graph_out(g, v);
		k2 += (double)d * (double)d;
		if (d > kmax)
			kmax = d;
		for (uint32_t i = 0; i < d; i++)
			recip += (uint64_t)has_arc(g, a[i], v);
	}
	if (g->n) {
		st->mean_degree = (double)g->arcs / g->n;
		st->k2 = k2 / g->n;
	}
	st->max_degree = kmax;
	st->reciprocity = g->arcs ? (double)recip / (double)g->arcs : 0.0;
	rc = giant_weak(g, &st->giant_weak);
	if (rc)
		return rc;
	if (sample > 0)
		return clustering(g, r, sample, &st->clustering);
	return ST_OK;
}

enum status graph_isolated(const struct graph *g, uint32_t *count)
{
	uint32_t c = 0;
	uint8_t *seen = calloc((size_t)g->n / 8 + 1, 1);
	if (!seen)
		return ST_NOMEM;
	for (uint64_t i = 0; i < g->arcs; i++)
		seen[g->adj[i] >> 3] |= (uint8_t)(1u << (g->adj[i] & 7));
	for (uint32_t v = 0; v < g->n; v++)
		c += graph_out_degree(g, v) == 0 && !((seen[v >> 3] >> (v & 7)) & 1);
	free(seen);
	*count = c;
	return ST_OK;
}
