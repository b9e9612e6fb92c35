/* netgen_ties — what the generators (sim/netgen_*.c) share: a growable
 * list of undirected ties and its hand-off to the CSR builder, uniform and
 * geometric draws, and the checks and messages they all use.  Internal to
 * the generators; the rest of crisim sees netgen.h only.
 */
#ifndef CRISIM_NETGEN_TIES_H
#define CRISIM_NETGEN_TIES_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "graph.h"
#include "netgen.h"
#include "status.h"

/* A growable list of ties, stored interleaved as graph_from_ties wants:
 * tie i is {a[2i], a[2i+1]}; len <= cap. */
struct ties {
	uint32_t *a;
	uint64_t len, cap;
};

/* Room for at least `cap` ties (advised as huge pages).  0, or -1 when out
 * of memory (t unchanged). */
int ties_reserve(struct ties *t, uint64_t cap);

/* Append {u, v}, growing by half.  0, or -1 when out of memory.  Inline:
 * it is the inner step of the skipping loops. */
static inline int ties_push(struct ties *t, uint32_t u, uint32_t v)
{
	if (t->len == t->cap && ties_reserve(t, t->cap + t->cap / 2 + 1024))
		return -1;
	t->a[2 * t->len] = u;
	t->a[2 * t->len + 1] = v;
	t->len++;
	return 0;
}

/* Uniform integer in [0, len), len <= 2^53: floor(u len) with u in [0, 1)
 * of 53 bits; the bias is below len / 2^53.  Clamped against rounding. */
static inline uint64_t uniform_index(gsl_rng *r, uint64_t len)
{
	uint64_t x = (uint64_t)(gsl_rng_uniform(r) * (double)len);
	return x < len ? x : len - 1;
}

/* "network: out of memory" into err; returns ST_NOMEM. */
enum status netgen_oom(char *err, size_t errlen);

/* network.KEY must be a probability: ST_OK, or ST_BADINPUT with the
 * message. */
enum status netgen_check_prob(const char *key, double p, char *err,
                              size_t errlen);

/* Hand the ties of t to graph_from_ties (which frees them; t->a is NULL
 * after) with spec->reciprocity and `orient`, and fill *rep (may be NULL):
 * self_loops and duplicates are taken from *rep as the generator set them,
 * unused_ids is counted when isolated_possible.  ST_OK or ST_NOMEM. */
enum status netgen_finish(struct ties *t, uint32_t n,
                          const struct net_spec *spec,
                          enum graph_orient orient, gsl_rng *r,
                          struct graph *g, struct net_report *rep,
                          int isolated_possible, char *err, size_t errlen);

#endif
