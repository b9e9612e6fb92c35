/* netgen_pairs — graphs whose vertex pairs are tied independently:
 * Erdős–Rényi G(n, p) and the stochastic block model, its version with a
 * probability per pair of blocks.
 *
 * Both skip geometrically through the pairs (Batagelj & Brandes, Phys.
 * Rev. E 71, 036113, 2005): the gap to the next tied pair is drawn, so the
 * cost is O(nodes + ties), not O(nodes^2).  Ties are oriented at random.
 *   erdos_renyi: p = mean_degree / (nodes - 1).
 *   sbm: blocks of sizes[0..n_blocks) (sum = nodes) in id order; each pair
 *   within a block is tied with probability p_in, each pair across blocks
 *   with p_out.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netgen_ties.h"

/* Failures before the next success of Bernoulli(p) trials:
 * G = floor(log U / log(1 - p)), U uniform on (0, 1] (Batagelj & Brandes
 * 2005).  Capped at 2^62 so that index arithmetic cannot overflow. */
static uint64_t geometric_gap(gsl_rng *r, double p)
{
	double g;
	if (p >= 1.0)
		return 0;
	g = floor(log(1.0 - gsl_rng_uniform(r)) / log1p(-p));
	return g < 0x1p62 ? (uint64_t)g : (uint64_t)1 << 62;
}

/* Ties among vertices off .. off+size-1, each pair with probability p:
 * skipping through the pairs (w, v), w < v, in row order. */
static int skip_triangle(struct ties *t, gsl_rng *r, uint32_t off,
                         uint32_t size, double p)
{
	uint64_t v = 1, w = 0;
	int started = 0;
	if (p <= 0.0 || size < 2)
		return 0;
	for (;;) {
		uint64_t gap = geometric_gap(r, p);
		w = started ? w + 1 + gap : gap;
		started = 1;
		while (w >= v && v < size) {
			w -= v;
			v++;
		}
		if (v >= size)
			return 0;
		if (ties_push(t, off + (uint32_t)w, off + (uint32_t)v))
			return -1;
	}
}

/* Ties between rows ra .. ra+na-1 and columns rb .. rb+nb-1, each pair with
 * probability p, skipping through the linear index i nb + j. */
static int skip_rectangle(struct ties *t, gsl_rng *r, uint32_t ra,
                          uint32_t na, uint32_t rb, uint32_t nb, double p)
{
	uint64_t total = (uint64_t)na * nb, idx = 0;
	int started = 0;
	if (p <= 0.0 || total == 0)
		return 0;
	for (;;) {
		uint64_t gap = geometric_gap(r, p);
		if (started && gap >= total - idx - 1)
			return 0;
		if (!started && gap >= total)
			return 0;
		idx = started ? idx + 1 + gap : gap;
		started = 1;
		if (ties_push(t, ra + (uint32_t)(idx / nb), rb + (uint32_t)(idx % nb)))
			return -1;
	}
}

/* Expected count plus six standard deviations of a binomial count. */
static uint64_t binomial_reserve(double pairs, double p)
{
	double mean = pairs * p;
	return (uint64_t)(mean + 6.0 * sqrt(mean) + 1024.0);
}

/* erdos_renyi: the triangle of all pairs, one probability. */
static enum status er_build(const struct net_spec *spec, gsl_rng *r,
                            struct graph *g, struct net_report *rep, char *err,
                            size_t errlen)
{
	uint32_t n = spec->nodes;
	struct ties t = { NULL, 0, 0 };
	double p, pairs;

	memset(g, 0, sizeof *g);
	if (!(spec->mean_degree >= 0.0 && spec->mean_degree <= n - 1.0)) {
		snprintf(err, errlen, "network.mean_degree: expected a number in "
		         "[0, nodes - 1 = %" PRIu32 "], got %g", n - 1,
		         spec->mean_degree);
		return ST_BADINPUT;
	}
	p = spec->mean_degree / (n - 1.0);
	pairs = (double)n * (n - 1.0) / 2.0;
	if (ties_reserve(&t, binomial_reserve(pairs, p)) ||
	    skip_triangle(&t, r, 0, n, p)) {
		free(t.a);
		return netgen_oom(err, errlen);
	}
	if (rep)
		memset(rep, 0, sizeof *rep);
	return netgen_finish(&t, n, spec, GRAPH_RANDOM, r, g, rep, 1, err, errlen);
}

const struct netgen netgen_er = {
	.model = NET_ERDOS_RENYI,
	.min_nodes = 2,
	.build = er_build,
};

/* sbm: a triangle per block (p_in) and a rectangle per pair of blocks
 * (p_out), in block order. */
static enum status sbm_build(const struct net_spec *spec, gsl_rng *r,
                             struct graph *g, struct net_report *rep, char *err,
                             size_t errlen)
{
	uint32_t n = spec->nodes, nb = spec->n_blocks;
	uint32_t start[SCN_MAX_BLOCKS];
	struct ties t = { NULL, 0, 0 };
	uint64_t total = 0;
	double in_pairs = 0.0, out_pairs;
	enum status rc;

	memset(g, 0, sizeof *g);
	if (nb < 1 || nb > SCN_MAX_BLOCKS) {
		snprintf(err, errlen, "network.n_blocks: expected an integer in "
		         "[1, %d], got %" PRIu32, SCN_MAX_BLOCKS, nb);
		return ST_BADINPUT;
	}
	for (uint32_t b = 0; b < nb; b++) {
		if (spec->sizes[b] == 0) {
			snprintf(err, errlen, "network.sizes[%" PRIu32 "]: expected a "
			         "positive integer, got 0", b);
			return ST_BADINPUT;
		}
		start[b] = (uint32_t)total;
		total += spec->sizes[b];
		in_pairs += (double)spec->sizes[b] * (spec->sizes[b] - 1.0) / 2.0;
	}
	if (total != n) {
		snprintf(err, errlen, "network.sizes: expected sizes summing to "
		         "nodes = %" PRIu32 ", got %" PRIu64, n, total);
		return ST_BADINPUT;
	}
	if ((rc = netgen_check_prob("p_in", spec->p_in, err, errlen)) ||
	    (rc = netgen_check_prob("p_out", spec->p_out, err, errlen)))
		return rc;
	out_pairs = (double)n * (n - 1.0) / 2.0 - in_pairs;
	if (ties_reserve(&t, binomial_reserve(in_pairs, spec->p_in) +
	                     binomial_reserve(out_pairs, spec->p_out)))
		return netgen_oom(err, errlen);
	for (uint32_t a = 0; a < nb; a++) {
		if (skip_triangle(&t, r, start[a], spec->sizes[a], spec->p_in))
			goto nomem;
		for (uint32_t b = a + 1; b < nb; b++)
			if (skip_rectangle(&t, r, start[a], spec->sizes[a], start[b],
			                   spec->sizes[b], spec->p_out))
				goto nomem;
	}
	if (rep)
		memset(rep, 0, sizeof *rep);
	return netgen_finish(&t, n, spec, GRAPH_RANDOM, r, g, rep, 1, err, errlen);
nomem:
	free(t.a);
	return netgen_oom(err, errlen);
}

const struct netgen netgen_sbm = {
	.model = NET_SBM,
	.min_nodes = 2,
	.build = sbm_build,
};
