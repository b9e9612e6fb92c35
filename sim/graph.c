#if defined(__linux__)
#define _DEFAULT_SOURCE  /* madvise and MADV_HUGEPAGE beside POSIX */
#endif
#include "graph.h"
#include "par.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

/* Construction: one pass counts out-degrees into off[v+1], a prefix sum turns
 * them into starts, a second pass scatters the arcs (off[v] advances to the
 * end of v's list), one memmove restores the starts, and each list is then
 * sorted and deduplicated in place, compacting towards the front.  Besides
 * the input this needs only off (8 bytes per vertex) and adj (4 bytes per
 * arc before deduplication): no 64-bit pair list is ever formed.
 *
 * Threads (OpenMP).  The scatter is random writes into off and adj, bound by
 * cache and TLB misses; it is split by *owner*: each thread reads every tie
 * but writes only the lists of its own range of vertices, so no atomics are
 * needed and each list receives its arcs in tie order, exactly as with one
 * thread.  The lists are then sorted in parallel, each independently.  The
 * result, sorted unique lists, does not depend on the order the arcs arrived
 * in anyway, so the graph is bit-identical whatever the number of threads,
 * and to a build without OpenMP.  The count stays serial: split the same
 * way it was no faster on the 2-core reference machine, its increments
 * being bound by the memory system rather than the core. */

/* Ask for transparent huge pages on a big array accessed at random: with
 * 4 KiB pages nearly every such access also misses the TLB, and in a VM the
 * page walk is dear (about 10 % of each random phase of a 10^7-node BA build
 * on the reference machine, where THP is "madvise").  Only the 2 MiB-aligned
 * interior can be backed; the advice is a hint, and its failure harmless. */
void graph_advise_huge(void *p, size_t len)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	const uintptr_t huge = (uintptr_t)1 << 21;
	uintptr_t lo = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t hi = ((uintptr_t)p + len) & ~(huge - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
	(void)p;
	(void)len;
#endif
}

/* Below this many ties one thread is faster than waking a team. */
#define PAR_MIN_TIES 65536

/* Lists are insertion-sorted while that stays cheap: the generators emit
 * lists that are sorted but for a short unsorted head (for BA, a vertex's own
 * m targets precede its later followers), which costs O(len + head^2).  When
 * the element moves exceed MOVE_BUDGET per element the list is far from
 * order and is handed to qsort, O(len log len). */
#define MOVE_BUDGET 8

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static void sort_list(uint32_t *a, uint64_t len)
{
	uint64_t budget = MOVE_BUDGET * len + 64;
	for (uint64_t i = 1; i < len; i++) {
		uint32_t x = a[i];
		uint64_t j = i;
		if (a[i - 1] <= x)
			continue;  /* in place: no store, the common case */
		while (j > 0 && a[j - 1] > x) {
			a[j] = a[j - 1];
			j--;
		}
		a[j] = x;
		if (i - j > budget) {
			qsort(a, (size_t)len, sizeof *a, cmp_u32);
			return;
		}
		budget -= i - j;
	}
}

/* This thread's share of the vertices when off[0 .. n] holds list starts:
 * ranges of about equal arc counts, so that a hub-heavy range (in BA the low
 * ids) does not leave the other threads waiting. */
static void my_arc_share(const uint64_t *off, uint32_t n, uint32_t *lo,
                         uint32_t *hi)
{
	uint64_t t = 0, nt = 1;
	uint32_t b[2];
	t = (uint64_t)par_thread_num();
	nt = (uint64_t)par_num_threads();
	for (int k = 0; k < 2; k++) {
		/* The first vertex whose list starts at or after the cut. */
		uint64_t cut = (uint64_t)((double)off[n] * (double)(t + (uint64_t)k)
		                          / (double)nt);
		uint32_t l = 0, h = n;
		while (l < h) {
			uint32_t mid = l + (h - l) / 2;
			if (off[mid] < cut)
				l = mid + 1;
			else
				h = mid;
		}
		b[k] = l;
	}
	*lo = t == 0 ? 0 : b[0];
	*hi = t + 1 == nt ? n : b[1];
}

/* Precondition: off[v] .. off[v+1] delimit each list.  Postcondition: each
 * list sorted, unique, packed from adj[0]; returns the new arc count.
 * The sort runs in parallel; the compaction, a sequential left shift, is
 * needed only when some list held a duplicate (never for BA, ER, WS or SBM
 * ties, which are distinct), and then drops the duplicates as it moves. */
static uint64_t sort_and_compact(uint64_t *off, uint32_t *adj, uint32_t n)
{
	uint64_t dups = 0, w = 0;
	int64_t nv = (int64_t)n;
	PAR_OMP(parallel for schedule(dynamic, 4096) reduction(+:dups)
	        if (off[n] >= PAR_MIN_TIES))
	for (int64_t v = 0; v < nv; v++) {
		uint64_t s = off[v], e = off[v + 1];
		sort_list(adj + s, e - s);
		for (uint64_t i = s + 1; i < e; i++)
			dups += adj[i] == adj[i - 1];
	}
	if (dups == 0)
		return off[n];
	for (uint32_t v = 0; v < n; v++) {
		uint64_t s = off[v], e = off[v + 1];
		off[v] = w;
		for (uint64_t i = s; i < e; i++)
			if (i == s || adj[i] != adj[i - 1])
				adj[w++] = adj[i];
	}
	off[n] = w;
	return w;
}

/* Turn per-vertex counts in off[v+1] into starts in off[v]. */
static void prefix_sum(uint64_t *off, uint32_t n)
{
	for (uint32_t v = 1; v <= n; v++)
		off[v] += off[v - 1];
}

/* After scattering, off[v] holds the end of v's list = start of v+1. */
static void restore_starts(uint64_t *off, uint32_t n)
{
	memmove(off + 1, off, (size_t)n * sizeof *off);
	off[0] = 0;
}

static enum status finish(struct graph *g, uint32_t n, uint64_t *off,
                          uint32_t *adj, uint64_t *dups)
{
	uint64_t total = off[n];
	uint64_t kept = sort_and_compact(off, adj, n);
	if (kept < total && kept > 0) {
		uint32_t *shrunk = realloc(adj, (size_t)kept * sizeof *adj);
		if (shrunk)
			adj = shrunk;
	}
	if (dups)
		*dups = total - kept;
	memset(g, 0, sizeof *g);
	g->n = n;
	g->arcs = kept;
	g->off = off;
	g->adj = adj;
	assert(off[0] == 0 && off[n] == kept);
#ifdef CRISIM_CHECKS
	assert(graph_valid(g));
#endif
	return ST_OK;
}

/* Arcs are scattered to random places of off and adj; prefetching a few
 * dozen ties ahead overlaps the cache misses. */
#define AHEAD 16
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch((p), 1)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Mutual-tie flags: NULL with all = 0 or 1, else a bit per tie. */
struct mutual {
	const uint8_t *bits;
	int all;
};

static inline int is_mutual(const struct mutual *mu, uint64_t i)
{
	return mu->bits ? (mu->bits[i >> 3] >> (i & 7)) & 1 : mu->all;
}

/* The input of build: tie i < head is a[i stride] -> b[i stride]; tie
 * i >= head (a fan tie) is fan[i] -> base + (i - head) / per, its second end
 * implicit.  For explicit lists head = count. */
struct tie_list {
	const uint32_t *a, *b;
	size_t stride;
	uint64_t head, count;
	const uint32_t *fan;
	uint32_t base, per;
};

/* x in [lo, lo + span), by one unsigned comparison. */
#define OWNS(x, lo, span) ((uint32_t)((x) - (lo)) < (span))

/* Scatter the arcs of ties [0, t->head) whose ends this thread owns into
 * adj; off[x] advances to the end of x's list.  A two-stage software
 * pipeline: off[x] of the tie 2 AHEAD on, then the slot adj[off[x]] of the
 * tie AHEAD on (approximate if x recurs in between, which only costs a
 * miss).  Only owned entries are touched, even by a prefetch: off[x] of
 * another share is being written by its thread. */
static void scatter_explicit(uint64_t *off, uint32_t *adj, uint32_t lo,
                             uint32_t span, const struct tie_list *t,
                             const struct mutual *mu)
{
	const uint32_t *a = t->a, *b = t->b;
	size_t stride = t->stride;
	uint64_t count = t->head;
	for (uint64_t i = 0; i < count; i++) {
		uint32_t u = a[i * stride], v = b[i * stride];
		if (i + 2 * AHEAD < count) {
			uint32_t x = a[(i + 2 * AHEAD) * stride];
			uint32_t y = b[(i + 2 * AHEAD) * stride];
			if (OWNS(x, lo, span))
				PREFETCH(&off[x]);
			if (OWNS(y, lo, span))
				PREFETCH(&off[y]);
		}
		if (i + AHEAD < count) {
			uint32_t x = a[(i + AHEAD) * stride], y = b[(i + AHEAD) * stride];
			if (OWNS(x, lo, span))
				PREFETCH(&adj[off[x]]);
			if (OWNS(y, lo, span))
				PREFETCH(&adj[off[y]]);
		}
		if (u == v)
			continue;
		if (OWNS(u, lo, span))
			adj[off[u]++] = v;
		if (OWNS(v, lo, span) && is_mutual(mu, i))
			adj[off[v]++] = u;
	}
}

/* The same for the fan ties [t->head, t->count).  Only the first ends are
 * prefetched: the second ends ascend, and so do off[v] and adj[off[v]] for
 * them, a stream the hardware prefetcher follows. */
static void scatter_fans(uint64_t *off, uint32_t *adj, uint32_t lo,
                         uint32_t span, const struct tie_list *t,
                         const struct mutual *mu)
{
	const uint32_t *fan = t->fan;
	uint64_t count = t->count;
	uint32_t v = t->base, k = 0;
	for (uint64_t i = t->head; i < count; i++) {
		uint32_t u = fan[i];
		if (i + 2 * AHEAD < count) {
			uint32_t x = fan[i + 2 * AHEAD];
			if (OWNS(x, lo, span))
				PREFETCH(&off[x]);
		}
		if (i + AHEAD < count) {
			uint32_t x = fan[i + AHEAD];
			if (OWNS(x, lo, span))
				PREFETCH(&adj[off[x]]);
		}
		if (u != v) {
			if (OWNS(u, lo, span))
				adj[off[u]++] = v;
			if (OWNS(v, lo, span) && is_mutual(mu, i))
				adj[off[v]++] = u;
		}
		if (++k == t->per) {
			k = 0;
			v++;
		}
	}
}

static void scatter_share(uint64_t *off, uint32_t *adj, uint32_t n,
                          const struct tie_list *t, const struct mutual *mu)
{
	uint32_t lo, hi;
	my_arc_share(off, n, &lo, &hi);
	/* Every thread must read off[] for its share before any thread moves
	 * the starts of its own. */
	PAR_OMP(barrier)
	scatter_explicit(off, adj, lo, hi - lo, t, mu);
	scatter_fans(off, adj, lo, hi - lo, t, mu);
}

/* Out-degrees into off[x + 1] (after the calloc), self-loops into *loops.
 * ST_BADINPUT when an explicit id is >= n. */
static enum status count_degrees(uint64_t *off, uint32_t n,
                                 const struct tie_list *t,
                                 const struct mutual *mu, uint64_t *loops)
{
	const uint32_t *a = t->a, *b = t->b, *fan = t->fan;
	size_t stride = t->stride;
	uint64_t head = t->head, count = t->count, nloops = 0;
	uint32_t v = t->base, k = 0;
	for (uint64_t i = 0; i < head; i++) {
		uint32_t x = a[i * stride], y = b[i * stride];
		if (i + AHEAD < head && a[(i + AHEAD) * stride] < n)
			PREFETCH(&off[a[(i + AHEAD) * stride] + 1]);
		if (x >= n || y >= n)
			return ST_BADINPUT;
		if (x == y) {
			nloops++;
			continue;
		}
		off[x + 1]++;
		if (is_mutual(mu, i))
			off[y + 1]++;
	}
	/* Fan ties: second ends were checked by the caller. */
	for (uint64_t i = head; i < count; i++) {
		uint32_t x = fan[i];
		if (i + AHEAD < count && fan[i + AHEAD] < n)
			PREFETCH(&off[fan[i + AHEAD] + 1]);
		if (x >= n)
			return ST_BADINPUT;
		if (x == v) {
			nloops++;
		} else {
			off[x + 1]++;
			if (is_mutual(mu, i))
				off[v + 1]++;
		}
		if (++k == t->per) {
			k = 0;
			v++;
		}
	}
	*loops = nloops;
	return ST_OK;
}

/* Arcs first -> second of each tie, plus the reverse when it is mutual. */
static enum status build(struct graph *g, uint32_t n, const struct tie_list *t,
                         const struct mutual *mu, uint64_t *loops,
                         uint64_t *dups)
{
	uint64_t *off = calloc((size_t)n + 1, sizeof *off);
	uint32_t *adj = NULL;
	uint64_t nloops = 0;
	if (!off)
		return ST_NOMEM;
	graph_advise_huge(off, ((size_t)n + 1) * sizeof *off);
	if (count_degrees(off, n, t, mu, &nloops)) {
		free(off);
		return ST_BADINPUT;
	}
	prefix_sum(off, n);
	adj = malloc(off[n] ? (size_t)off[n] * sizeof *adj : 1);
	if (!adj) {
		free(off);
		return ST_NOMEM;
	}
	graph_advise_huge(adj, (size_t)off[n] * sizeof *adj);
	PAR_OMP(parallel if (t->count >= PAR_MIN_TIES))
	scatter_share(off, adj, n, t, mu);
	restore_starts(off, n);
	if (loops)
		*loops = nloops;
	return finish(g, n, off, adj, dups);
}

/* An explicit list a[i stride] -> b[i stride], i < count. */
static struct tie_list explicit_ties(const uint32_t *a, const uint32_t *b,
                                     size_t stride, uint64_t count)
{
	struct tie_list t;
	memset(&t, 0, sizeof t);
	t.a = a;
	t.b = b;
	t.stride = stride;
	t.head = t.count = count;
	t.per = 1;
	return t;
}

enum status graph_from_arcs(struct graph *g, uint32_t n, uint32_t *src,
                            uint32_t *dst, uint64_t count, uint64_t *loops,
                            uint64_t *dups)
{
	struct mutual none = { NULL, 0 };
	struct tie_list t = explicit_ties(src, dst, 1, count);
	enum status rc = build(g, n, &t, &none, loops, dups);
	free(src);
	free(dst);
	return rc;
}

/* Mutual flags of `count` ties, one draw each, for 0 < reciprocity < 1; when
 * swap (interleaved ties) is non-NULL, a single tie is also reversed with
 * probability 1/2 by the same draw.  NULL when out of memory. */
static uint8_t *draw_mutual(uint64_t count, double reciprocity, gsl_rng *r,
                            uint32_t *swap)
{
	uint8_t *bits = calloc((size_t)(count / 8 + 1), 1);
	double half = (1.0 - reciprocity) / 2.0;
	if (!bits)
		return NULL;
	for (uint64_t i = 0; i < count; i++) {
		double u = gsl_rng_uniform(r);
		if (u < reciprocity) {
			bits[i >> 3] |= (uint8_t)(1u << (i & 7));
		} else if (swap && u - reciprocity >= half) {
			uint32_t x = swap[2 * i];
			swap[2 * i] = swap[2 * i + 1];
			swap[2 * i + 1] = x;
		}
	}
	return bits;
}

enum status graph_from_ties(struct graph *g, uint32_t n, uint32_t *ties,
                            uint64_t count, double reciprocity,
                            enum graph_orient orient, gsl_rng *r,
                            struct graph_dropped *drop)
{
	struct mutual mu = { NULL, reciprocity >= 1.0 };
	struct tie_list t = explicit_ties(ties, ties + 1, 2, count);
	uint8_t *bits = NULL;
	struct graph_dropped d = { 0, 0 };
	enum status rc;

	if (reciprocity > 0.0 && reciprocity < 1.0) {
		bits = draw_mutual(count, reciprocity, r,
		                   orient == GRAPH_RANDOM ? ties : NULL);
		if (!bits) {
			free(ties);
			return ST_NOMEM;
		}
		mu.bits = bits;
	} else if (reciprocity <= 0.0 && orient == GRAPH_RANDOM) {
		for (uint64_t i = 0; i < count; i++)
			if (gsl_rng_uniform(r) >= 0.5) {
				uint32_t x = ties[2 * i];
				ties[2 * i] = ties[2 * i + 1];
				ties[2 * i + 1] = x;
			}
	}
	rc = build(g, n, &t, &mu, &d.self_loops, &d.duplicates);
	free(bits);
	free(ties);
	if (drop)
		*drop = d;
	return rc;
}

enum status graph_from_fans(struct graph *g, uint32_t n, uint32_t *ties,
                            uint64_t head, uint64_t count, uint32_t base,
                            uint32_t per, double reciprocity, gsl_rng *r,
                            struct graph_dropped *drop)
{
	struct mutual mu = { NULL, reciprocity >= 1.0 };
	struct tie_list t = explicit_ties(ties, ties + 1, 2, count);
	uint8_t *bits = NULL;
	struct graph_dropped d = { 0, 0 };
	enum status rc;

	if (head > count || per == 0 ||
	    (count > head && (uint64_t)base + (count - head - 1) / per >= n)) {
		free(ties);
		return ST_BADINPUT;
	}
	t.head = head;
	t.fan = ties + head;  /* fan tie i's first end is ties[2 head + i - head] */
	t.base = base;
	t.per = per;
	if (reciprocity > 0.0 && reciprocity < 1.0) {
		bits = draw_mutual(count, reciprocity, r, NULL);
		if (!bits) {
			free(ties);
			return ST_NOMEM;
		}
		mu.bits = bits;
	}
	rc = build(g, n, &t, &mu, &d.self_loops, &d.duplicates);
	free(bits);
	free(ties);
	if (drop)
		*drop = d;
	return rc;
}

int graph_index_of(const struct graph *g, uint64_t id, uint32_t *v)
{
	uint32_t lo = 0, hi = g->n;
	if (!g->ids) {
		if (id >= g->n)
			return 0;
		*v = (uint32_t)id;
		return 1;
	}
	/* Invariant: the vertex sought, if any, is in [lo, hi). */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (g->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == g->n || g->ids[lo] != id)
		return 0;
	*v = lo;
	return 1;
}

int graph_valid(const struct graph *g)
{
	if (!g->off || g->off[0] != 0 || g->off[g->n] != g->arcs)
		return 0;
	if (g->ids)
		for (uint32_t v = 1; v < g->n; v++)
			if (g->ids[v - 1] >= g->ids[v])
				return 0;
	if (g->names)
		for (uint32_t v = 0; v < g->n; v++)
			if (!g->names[v])
				return 0;
	if (g->w)
		for (uint64_t i = 0; i < g->arcs; i++)
			if (!(g->w[i] >= 0.0f && g->w[i] <= 1.0f))
				return 0;
	for (uint32_t v = 0; v < g->n; v++) {
		if (g->off[v] > g->off[v + 1])
			return 0;
		for (uint64_t i = g->off[v]; i < g->off[v + 1]; i++)
			if (g->adj[i] >= g->n || g->adj[i] == v ||
			    (i > g->off[v] && g->adj[i - 1] >= g->adj[i]))
				return 0;
	}
	return 1;
}

void graph_free(struct graph *g)
{
	free(g->off);
	free(g->adj);
	free(g->ids);
	if (g->names)
		free(g->names[0]);
	free(g->names);
	free(g->w);
	memset(g, 0, sizeof *g);
}

enum status graph_undirected(const struct graph *g, struct graph *u)
{
	uint32_t n = g->n;
	uint64_t *off = calloc((size_t)n + 1, sizeof *off);
	uint32_t *adj = NULL;
	if (!off)
		return ST_NOMEM;
	for (uint32_t v = 0; v < n; v++) {
		off[v + 1] += graph_out_degree(g, v);
		for (uint64_t i = g->off[v]; i < g->off[v + 1]; i++)
			off[g->adj[i] + 1]++;
	}
	prefix_sum(off, n);
	adj = malloc(off[n] ? (size_t)off[n] * sizeof *adj : 1);
	if (!adj) {
		free(off);
		return ST_NOMEM;
	}
	for (uint32_t v = 0; v < n; v++)
		for (uint64_t i = g->off[v]; i < g->off[v + 1]; i++) {
			adj[off[v]++] = g->adj[i];
			adj[off[g->adj[i]]++] = v;
		}
	restore_starts(off, n);
	return finish(u, n, off, adj, NULL);
}

