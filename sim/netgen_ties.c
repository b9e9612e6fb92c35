/* netgen_ties — the toolkit the generators share (netgen_ties.h). */
#include "netgen_ties.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph_stats.h"

int ties_reserve(struct ties *t, uint64_t cap)
{
	uint32_t *na;
	if (cap <= t->cap)
		return 0;
	na = realloc(t->a, (size_t)cap * 2 * sizeof *na);
	if (!na)
		return -1;
	t->a = na;
	t->cap = cap;
	graph_advise_huge(na, (size_t)cap * 2 * sizeof *na);
	return 0;
}

enum status netgen_oom(char *err, size_t errlen)
{
	snprintf(err, errlen, "network: out of memory");
	return ST_NOMEM;
}

enum status netgen_check_prob(const char *key, double p, char *err,
                              size_t errlen)
{
	if (!(p >= 0.0 && p <= 1.0)) {
		snprintf(err, errlen, "network.%s: expected a number in [0, 1], "
		         "got %g", key, p);
		return ST_BADINPUT;
	}
	return ST_OK;
}

enum status netgen_finish(struct ties *t, uint32_t n,
                          const struct net_spec *spec,
                          enum graph_orient orient, gsl_rng *r,
                          struct graph *g, struct net_report *rep,
                          int isolated_possible, char *err, size_t errlen)
{
	struct graph_dropped drop;
	struct net_report rp;
	enum status rc;
	memset(&rp, 0, sizeof rp);
	if (rep) {
		rp.self_loops = rep->self_loops;
		rp.duplicates = rep->duplicates;
	}
	rc = graph_from_ties(g, n, t->a, t->len, spec->reciprocity, orient, r,
	                     &drop);
	t->a = NULL;
	if (rc) {
		memset(g, 0, sizeof *g);
		return netgen_oom(err, errlen);
	}
	if (isolated_possible && graph_isolated(g, &rp.unused_ids)) {
		graph_free(g);
		return netgen_oom(err, errlen);
	}
	if (rep)
		*rep = rp;
	return ST_OK;
}
