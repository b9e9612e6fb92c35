/* netgen_powerlaw — the erased configuration model with power-law degrees
 * (Britton, Deijfen & Martin-Löf, J. Stat. Phys. 124, 2006).
 *
 * Each vertex draws k in [min_degree, max_degree] with P(k) ∝ k^-exponent
 * (max_degree 0 means floor(sqrt(nodes))); when the sum is odd the last
 * vertex's degree is raised by one (lowered when at max_degree).  Stubs are
 * shuffled and paired; loops and repeated ties are erased and counted in
 * the report.  Ties are oriented at random.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

#include "netgen_ties.h"

static int cmp_pair(const void *x, const void *y)
{
	const uint32_t *a = x, *b = y;
	if (a[0] != b[0])
		return (a[0] > b[0]) - (a[0] < b[0]);
	return (a[1] > b[1]) - (a[1] < b[1]);
}

/* Drop loops and repeated ties of t (in place); count both. */
static void erase(struct ties *t, uint64_t *loops, uint64_t *dups)
{
	uint64_t w = 0;
	*loops = 0;
	*dups = 0;
	for (uint64_t i = 0; i < t->len; i++) {
		uint32_t u = t->a[2 * i], v = t->a[2 * i + 1];
		if (u == v) {
			++*loops;
			continue;
		}
		t->a[2 * w] = u < v ? u : v;
		t->a[2 * w + 1] = u < v ? v : u;
		w++;
	}
	qsort(t->a, (size_t)w, 2 * sizeof *t->a, cmp_pair);
	t->len = 0;
	for (uint64_t i = 0; i < w; i++) {
		if (i > 0 && t->a[2 * i] == t->a[2 * i - 2] &&
		    t->a[2 * i + 1] == t->a[2 * i - 1]) {
			++*dups;
			continue;
		}
		t->a[2 * t->len] = t->a[2 * i];
		t->a[2 * t->len + 1] = t->a[2 * i + 1];
		t->len++;
	}
}

static enum status powerlaw_build(const struct net_spec *spec, gsl_rng *r,
                                  struct graph *g, struct net_report *rep,
                                  char *err, size_t errlen)
{
	uint32_t n = spec->nodes, kmin = spec->min_degree, kmax = spec->max_degree;
	uint32_t *deg = NULL;
	double *w = NULL;
	gsl_ran_discrete_t *table = NULL;
	struct ties t = { NULL, 0, 0 };
	struct net_report rp;
	uint64_t sum = 0;

	memset(g, 0, sizeof *g);
	memset(&rp, 0, sizeof rp);
	if (kmax == 0)
		kmax = (uint32_t)floor(sqrt((double)n));
	if (!(spec->exponent > 1.0 && spec->exponent <= 10.0)) {
		snprintf(err, errlen, "network.exponent: expected a number in "
		         "(1, 10], got %g", spec->exponent);
		return ST_BADINPUT;
	}
	if (kmin < 1 || kmin > kmax || kmax > n - 1) {
		snprintf(err, errlen, "network.min_degree, max_degree: expected "
		         "1 <= min_degree <= max_degree <= nodes - 1 = %" PRIu32
		         ", got %" PRIu32 " and %" PRIu32, n - 1, kmin, kmax);
		return ST_BADINPUT;
	}
	deg = malloc((size_t)n * sizeof *deg);
	w = malloc(((size_t)kmax - kmin + 1) * sizeof *w);
	if (!deg || !w)
		goto nomem;
	for (uint32_t k = kmin; k <= kmax; k++)
		w[k - kmin] = pow((double)k, -spec->exponent);
	/* Walker's alias table: O(1) per draw. */
	table = gsl_ran_discrete_preproc((size_t)kmax - kmin + 1, w);
	if (!table)
		goto nomem;
	for (uint32_t v = 0; v < n; v++) {
		deg[v] = kmin + (uint32_t)gsl_ran_discrete(r, table);
		sum += deg[v];
	}
	if (sum % 2) {
		if (deg[n - 1] < kmax) {
			deg[n - 1]++;
			sum++;
		} else {
			deg[n - 1]--;
			sum--;
		}
	}
	if (ties_reserve(&t, sum / 2))
		goto nomem;
	{
		uint64_t s = 0;
		for (uint32_t v = 0; v < n; v++)
			for (uint32_t i = 0; i < deg[v]; i++)
				t.a[s++] = v;
		/* Fisher–Yates shuffle of the stubs; consecutive stubs pair. */
		for (uint64_t i = sum - 1; i > 0; i--) {
			uint64_t j = uniform_index(r, i + 1);
			uint32_t x = t.a[i];
			t.a[i] = t.a[j];
			t.a[j] = x;
		}
		t.len = sum / 2;
	}
	erase(&t, &rp.self_loops, &rp.duplicates);
	free(deg);
	free(w);
	gsl_ran_discrete_free(table);
	if (rep)
		*rep = rp;
	return netgen_finish(&t, n, spec, GRAPH_RANDOM, r, g, rep, 1, err, errlen);
nomem:
	free(deg);
	free(w);
	if (table)
		gsl_ran_discrete_free(table);
	free(t.a);
	return netgen_oom(err, errlen);
}

const struct netgen netgen_powerlaw = {
	.model = NET_POWERLAW,
	.min_nodes = 2,
	.build = powerlaw_build,
};
