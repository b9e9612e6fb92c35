#include "netgen.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

#include "graph_stats.h"
#include "rng.h"

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch((p), 0)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Redraws allowed when rewiring one Watts–Strogatz tie. */
#define WS_MAX_DRAWS 1000


/* A growable list of ties, stored interleaved as graph_from_ties wants. */
struct ties {
	uint32_t *a;
	uint64_t len, cap;
};

static int ties_reserve(struct ties *t, uint64_t cap)
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

static int ties_push(struct ties *t, uint32_t u, uint32_t v)
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
static uint64_t uniform_index(gsl_rng *r, uint64_t len)
{
	uint64_t x = (uint64_t)(gsl_rng_uniform(r) * (double)len);
	return x < len ? x : len - 1;
}

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

static enum status oom(char *err, size_t errlen)
{
	snprintf(err, errlen, "network: out of memory");
	return ST_NOMEM;
}

/* Hand the ties to graph_from_ties (which frees them) and fill *rep. */
static enum status finish(struct ties *t, uint32_t n, const struct net_spec *spec,
                  enum graph_orient orient, gsl_rng *r, struct graph *g,
                  struct net_report *rep, int isolated_possible,
                  char *err, size_t errlen)
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
		return oom(err, errlen);
	}
	if (isolated_possible && graph_isolated(g, &rp.unused_ids)) {
		graph_free(g);
		return oom(err, errlen);
	}
	if (rep)
		*rep = rp;
	return ST_OK;
}

static enum status check_common(const struct net_spec *spec, uint32_t min_nodes,
                        char *err, size_t errlen)
{
	if (spec->nodes < min_nodes) {
		snprintf(err, errlen, "network.nodes: expected at least %" PRIu32
		         ", got %" PRIu32, min_nodes, spec->nodes);
		return ST_BADINPUT;
	}
	if (!(spec->reciprocity >= 0.0 && spec->reciprocity <= 1.0)) {
		snprintf(err, errlen, "network.reciprocity: expected a number in "
		         "[0, 1], got %g", spec->reciprocity);
		return ST_BADINPUT;
	}
	return ST_OK;
}

static enum status check_prob(const char *key, double p, char *err, size_t errlen)
{
	if (!(p >= 0.0 && p <= 1.0)) {
		snprintf(err, errlen, "network.%s: expected a number in [0, 1], "
		         "got %g", key, p);
		return ST_BADINPUT;
	}
	return ST_OK;
}

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

enum status netgen_barabasi_albert(const struct net_spec *spec, gsl_rng *r,
                           struct graph *g, struct net_report *rep,
                           char *err, size_t errlen)
{
	uint32_t n = spec->nodes, m = spec->m;
	uint64_t *ahead = NULL;
	struct ba_list l;
	uint64_t total, len;
	enum status rc;

	memset(g, 0, sizeof *g);
	if ((rc = check_common(spec, 2, err, errlen)))
		return rc;
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
		return oom(err, errlen);
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
		return oom(err, errlen);
	}
	return ST_OK;
}

enum status netgen_erdos_renyi(const struct net_spec *spec, gsl_rng *r,
                       struct graph *g, struct net_report *rep,
                       char *err, size_t errlen)
{
	uint32_t n = spec->nodes;
	struct ties t = { NULL, 0, 0 };
	double p, pairs;
	enum status rc;

	memset(g, 0, sizeof *g);
	if ((rc = check_common(spec, 2, err, errlen)))
		return rc;
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
		return oom(err, errlen);
	}
	if (rep)
		memset(rep, 0, sizeof *rep);
	return finish(&t, n, spec, GRAPH_RANDOM, r, g, rep, 1, err, errlen);
}

/* Is w among the k/2 successors owned by v (ties v*half .. v*half+half-1)? */
static int owns(const uint32_t *a, uint32_t half, uint32_t v, uint32_t w)
{
	const uint32_t *own = a + 2 * (uint64_t)v * half;
	for (uint32_t j = 0; j < half; j++)
		if (own[2 * j + 1] == w)
			return 1;
	return 0;
}

enum status netgen_watts_strogatz(const struct net_spec *spec, gsl_rng *r,
                          struct graph *g, struct net_report *rep,
                          char *err, size_t errlen)
{
	uint32_t n = spec->nodes, k = spec->k, half;
	struct ties t = { NULL, 0, 0 };
	enum status rc;

	memset(g, 0, sizeof *g);
	if ((rc = check_common(spec, 4, err, errlen)))
		return rc;
	if (k < 2 || k % 2 || k >= n - 1) {
		snprintf(err, errlen, "network.k: expected an even integer in "
		         "[2, nodes - 2 = %" PRIu32 "], got %" PRIu32, n - 2, k);
		return ST_BADINPUT;
	}
	if ((rc = check_prob("rewire", spec->rewire, err, errlen)))
		return rc;
	half = k / 2;
	if (ties_reserve(&t, (uint64_t)n * half))
		return oom(err, errlen);
	/* Tie v*half + j-1 is v's tie to its j-th successor. */
	for (uint32_t v = 0; v < n; v++)
		for (uint32_t j = 1; j <= half; j++)
			ties_push(&t, v, (uint32_t)(((uint64_t)v + j) % n));
	if (spec->rewire > 0.0)
		for (uint32_t j = 1; j <= half; j++)
			for (uint32_t v = 0; v < n; v++) {
				uint32_t *dst = &t.a[2 * ((uint64_t)v * half + j - 1) + 1];
				if (gsl_rng_uniform(r) >= spec->rewire)
					continue;
				for (int tries = 0; tries < WS_MAX_DRAWS; tries++) {
					uint32_t w = (uint32_t)uniform_index(r, n);
					/* Every tie {v, w} is owned by v or by w. */
					if (w == v || owns(t.a, half, v, w) ||
					    owns(t.a, half, w, v))
						continue;
					*dst = w;
					break;
				}
			}
	if (rep)
		memset(rep, 0, sizeof *rep);
	return finish(&t, n, spec, GRAPH_RANDOM, r, g, rep, 1, err, errlen);
}

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

enum status netgen_powerlaw(const struct net_spec *spec, gsl_rng *r, struct graph *g,
                    struct net_report *rep, char *err, size_t errlen)
{
	uint32_t n = spec->nodes, kmin = spec->min_degree, kmax = spec->max_degree;
	uint32_t *deg = NULL;
	double *w = NULL;
	gsl_ran_discrete_t *table = NULL;
	struct ties t = { NULL, 0, 0 };
	struct net_report rp;
	uint64_t sum = 0;
	enum status rc;

	memset(g, 0, sizeof *g);
	memset(&rp, 0, sizeof rp);
	if ((rc = check_common(spec, 2, err, errlen)))
		return rc;
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
	return finish(&t, n, spec, GRAPH_RANDOM, r, g, rep, 1, err, errlen);
nomem:
	free(deg);
	free(w);
	if (table)
		gsl_ran_discrete_free(table);
	free(t.a);
	return oom(err, errlen);
}

enum status netgen_sbm(const struct net_spec *spec, gsl_rng *r, struct graph *g,
               struct net_report *rep, char *err, size_t errlen)
{
	uint32_t n = spec->nodes, nb = spec->n_blocks;
	uint32_t start[SCN_MAX_BLOCKS];
	struct ties t = { NULL, 0, 0 };
	uint64_t total = 0;
	double in_pairs = 0.0, out_pairs;
	enum status rc;

	memset(g, 0, sizeof *g);
	if ((rc = check_common(spec, 2, err, errlen)))
		return rc;
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
	if ((rc = check_prob("p_in", spec->p_in, err, errlen)) ||
	    (rc = check_prob("p_out", spec->p_out, err, errlen)))
		return rc;
	out_pairs = (double)n * (n - 1.0) / 2.0 - in_pairs;
	if (ties_reserve(&t, binomial_reserve(in_pairs, spec->p_in) +
	                     binomial_reserve(out_pairs, spec->p_out)))
		return oom(err, errlen);
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
	return finish(&t, n, spec, GRAPH_RANDOM, r, g, rep, 1, err, errlen);
nomem:
	free(t.a);
	return oom(err, errlen);
}

enum status netgen_build(const struct net_spec *spec, uint64_t seed, struct graph *g,
                 struct net_report *rep, char *err, size_t errlen)
{
	gsl_rng *r;
	enum status rc;

	memset(g, 0, sizeof *g);
	if (spec->model == NET_FILE) {
		if (!spec->file || !*spec->file) {
			snprintf(err, errlen, "network.file: expected a path, got none");
			return ST_BADINPUT;
		}
		return netio_read_edgelist(spec->file, spec->directed, g, rep,
		                           err, errlen);
	}
	r = rng_stream(seed, RNG_GRAPH, 0);
	if (!r)
		return oom(err, errlen);
	switch (spec->model) {
	case NET_BARABASI_ALBERT:
		rc = netgen_barabasi_albert(spec, r, g, rep, err, errlen);
		break;
	case NET_ERDOS_RENYI:
		rc = netgen_erdos_renyi(spec, r, g, rep, err, errlen);
		break;
	case NET_WATTS_STROGATZ:
		rc = netgen_watts_strogatz(spec, r, g, rep, err, errlen);
		break;
	case NET_POWERLAW:
		rc = netgen_powerlaw(spec, r, g, rep, err, errlen);
		break;
	case NET_SBM:
		rc = netgen_sbm(spec, r, g, rep, err, errlen);
		break;
	case NET_FILE:
	default:
		snprintf(err, errlen, "network.model: unknown model %d",
		         (int)spec->model);
		rc = ST_BADINPUT;
		break;
	}
	gsl_rng_free(r);
	return rc;
}
