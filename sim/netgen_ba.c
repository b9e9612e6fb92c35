/* netgen_ba — Barabási–Albert preferential attachment (netgen.h gives the
 * model; this file, how it is drawn fast).
 *
 * Starts from a clique on vertices 0..m; each later vertex attaches to m
 * distinct earlier vertices, each drawn with probability proportional to
 * its degree, by picking a uniform entry of the list of all tie endpoints
 * so far (Batagelj & Brandes, Phys. Rev. E 71, 036113, 2005) and redrawing
 * repeats.  Exactly m(m+1)/2 + (nodes - m - 1) m ties.  O(nodes m) time;
 * the list stores only each later tie's target (4 bytes per tie), the
 * newcomer being implicit in the tie's index.  Ties are oriented older ->
 * newcomer: the newcomer follows the popular account, whose posts then
 * reach it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netgen_ties.h"

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch((p), 0)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* The BA endpoint list, stored as graph_from_fans takes it: the clique's
 * c ties interleaved in a[0 .. 2c), then only the older end (the target) of
 * each later tie i, at a[c + i]; its other end is newcomer
 * m + 1 + (i - c) / m.  Entry j of the list is end j & 1 of tie j >> 1, so
 * an odd entry past the clique is computed without touching memory. */
struct ba_list {
	uint32_t *a;
	uint64_t clique;
	uint32_t m;
	double inv_m;  /* 1.0 / m */
};

/* x / m without a 64-bit divide (a tenth of the BA loop's time): for
 * x < 2^52, x * fl(1/m) is within one of x / m, and the remainder test makes
 * the quotient exact. */
static inline uint64_t ba_div(const struct ba_list *l, uint64_t x)
{
	uint64_t q = (uint64_t)((double)x * l->inv_m);
	if (q * l->m > x)
		q--;
	else if (x - q * l->m >= l->m)
		q++;
	return q;
}

/* Where entry j is stored, or NULL when it is a computed newcomer. */
static inline const uint32_t *ba_slot(const struct ba_list *l, uint64_t j)
{
	uint64_t i = j >> 1;
	if (i < l->clique)
		return &l->a[j];
	return (j & 1) ? NULL : &l->a[l->clique + i];
}

static inline uint32_t ba_entry(const struct ba_list *l, uint64_t j)
{
	const uint32_t *p = ba_slot(l, j);
	if (p)
		return *p;
	return l->m + 1 + (uint32_t)ba_div(l, (j >> 1) - l->clique);
}

static inline void ba_prefetch(const struct ba_list *l, uint64_t j)
{
	const uint32_t *p = ba_slot(l, j);
	if (p)
		PREFETCH(p);
}

/* Newcomers whose draws are made (and prefetched) ahead of their turn. */
#define BA_AHEAD 8

static enum status ba_build(const struct net_spec *spec, gsl_rng *r,
                            struct graph *g, struct net_report *rep, char *err,
                            size_t errlen)
{
	uint32_t n = spec->nodes, m = spec->m;
	uint64_t *ahead = NULL;
	struct ba_list l;
	uint64_t total, len;

	memset(g, 0, sizeof *g);
	if (m < 1 || m >= n) {
		snprintf(err, errlen, "network.m: expected an integer in [1, nodes "
		         "- 1 = %" PRIu32 "], got %" PRIu32, n - 1, m);
		return ST_BADINPUT;
	}
	l.clique = (uint64_t)m * (m + 1) / 2;
	l.m = m;
	l.inv_m = 1.0 / m;
	total = l.clique + (uint64_t)(n - m - 1) * m;
	ahead = malloc((size_t)m * BA_AHEAD * sizeof *ahead);
	l.a = malloc((size_t)(l.clique + total) * sizeof *l.a);
	if (!ahead || !l.a) {
		free(ahead);
		free(l.a);
		return netgen_oom(err, errlen);
	}
	graph_advise_huge(l.a, (size_t)(l.clique + total) * sizeof *l.a);
	len = 0;
	for (uint32_t u = 0; u <= m; u++)
		for (uint32_t v = u + 1; v <= m; v++) {
			l.a[2 * len] = u;
			l.a[2 * len + 1] = v;
			len++;
		}
	/* Invariant: before newcomer v, the list's first 2 len entries give
	 * every tie's two endpoints, so a uniform entry is a vertex drawn with
	 * probability degree / (2 ties); len = clique + (v - m - 1) m is known
	 * in advance, so newcomer v's m draws are made BA_AHEAD newcomers early
	 * and their entries prefetched (read only on v's turn, when they are
	 * written).  A draw repeating an earlier target of v is redrawn on the
	 * spot. */
	for (uint32_t d = 0; d < BA_AHEAD; d++) {
		uint64_t ends = 2 * (l.clique + (uint64_t)d * m);
		for (uint32_t j = 0; j < m; j++) {
			uint64_t x = uniform_index(r, ends);
			ahead[d * m + j] = x;
			ba_prefetch(&l, x);
		}
	}
	for (uint32_t v = m + 1; v < n; v++) {
		uint64_t *slot = ahead + (size_t)((v - m - 1) % BA_AHEAD) * m;
		uint64_t ends = 2 * len, later;
		/* v's ties older -> newcomer: only the older ends are stored,
		 * past the end of the list drawn from. */
		uint32_t *chosen = &l.a[l.clique + len];
		for (uint32_t j = 0; j < m; j++) {
			uint32_t x = ba_entry(&l, slot[j]);
			uint32_t i;
			for (;;) {
				for (i = 0; i < j && chosen[i] != x; i++)
					;
				if (i == j)
					break;
				x = ba_entry(&l, uniform_index(r, ends));
			}
			chosen[j] = x;
		}
		len += m;
		if ((uint64_t)v + BA_AHEAD < n) {
			later = 2 * (l.clique + (uint64_t)(v + BA_AHEAD - m - 1) * m);
			for (uint32_t j = 0; j < m; j++) {
				slot[j] = uniform_index(r, later);
				ba_prefetch(&l, slot[j]);
			}
		}
	}
	free(ahead);
	if (rep)
		memset(rep, 0, sizeof *rep);
	/* Every vertex has at least m ties, so none is isolated; there are no
	 * self-loops or duplicates to report. */
	if (graph_from_fans(g, n, l.a, l.clique, total, m + 1, m,
	                    spec->reciprocity, r, NULL)) {
		memset(g, 0, sizeof *g);
		return netgen_oom(err, errlen);
	}
	return ST_OK;
}

const struct netgen netgen_ba = {
	.model = NET_BARABASI_ALBERT,
	.min_nodes = 2,
	.build = ba_build,
};
