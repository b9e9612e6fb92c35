/* graph — a directed follower graph in compressed sparse row form.
 *
 * Vertex ids are uint32_t in [0, n).  The out-edges of v are v's audience:
 * the agents who see v's posts (its followers).  Only out-edges are stored:
 * no rule walks in-edges (whom v follows).  The one rule that needs
 * anything of them, threshold (models/threshold.c), needs only in-degrees
 * and counts them from the out-lists once per run.
 *
 * Layout invariant: the out-neighbours of v are adj[off[v] .. off[v+1]),
 * sorted ascending, without self-loops or duplicates, every id < n; off has
 * n+1 entries, off[0] == 0, off[v] <= off[v+1] and off[n] == arcs.  Every
 * constructor below establishes it (checked in full under CRISIM_CHECKS,
 * as `make check` builds).  Memory: 4 bytes per arc plus 8 per vertex.
 *
 * Id map.  A graph read from a file whose ids are sparse (any ids other
 * than 0..n-1 or 1..n) carries them in `ids`: ids[v] is the file's id of
 * vertex v, strictly ascending, so vertex v is the id of rank v.  ids is
 * NULL when vertex v is simply id v (generated graphs, dense files; a
 * 1-based file is shifted to 0-based, and the shift is reported by netio,
 * not kept here).  8 bytes per vertex when present.
 *
 * Names.  A graph read from a file of string ids (netio.h, graphml.h)
 * carries them in `names`: names[v] is the file's id of vertex v,
 * NUL-terminated and distinct (from an edge list ascending by strcmp, so
 * vertex v is the name of rank v; from GraphML in document order);
 * names[0] is also the start of the one buffer that holds them all.  ids is then NULL and
 * an agent is named by its number (the index of ids.tsv).
 *
 * Weights.  A graph read from an edge list with a weight column carries a
 * weight in [0, 1] per arc in `w`, parallel to adj (w[i] is the weight of
 * the arc to adj[i]); NULL means every arc has weight 1 (generated graphs,
 * files without weights).  4 bytes per arc when present.
 */
#ifndef CRISIM_GRAPH_H
#define CRISIM_GRAPH_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "status.h"

struct graph {
	uint32_t n;
	uint64_t arcs;
	uint64_t *off;     /* n + 1 */
	uint32_t *adj;     /* arcs: followers */
	uint64_t *ids;     /* n ascending ids of a file, or NULL (see above) */
	char **names;      /* n ascending string ids of a file, or NULL */
	float *w;          /* arcs weights in [0, 1], or NULL: all 1 */
};

/* A trial along an arc of weight w that has already passed its rule's own
 * chance: kept with probability w (models/README.md, "Weighted ties").
 * One uniform draw from r only when 0 < w < 1, so an arc of weight 1
 * draws exactly as on an unweighted graph. */
static inline int graph_arc_passes(float w, gsl_rng *r)
{
	if (w >= 1.0f)
		return 1;
	if (w <= 0.0f)
		return 0;
	return gsl_rng_uniform(r) < (double)w;
}

/* The weight of the arc at position i of adj (1 on an unweighted graph). */
static inline float graph_weight(const struct graph *g, uint64_t i)
{
	return g->w ? g->w[i] : 1.0f;
}

static inline uint32_t graph_out_degree(const struct graph *g, uint32_t v)
{
	return (uint32_t)(g->off[v + 1] - g->off[v]);
}

static inline const uint32_t *graph_out(const struct graph *g, uint32_t v)
{
	return g->adj + g->off[v];
}

/* The vertex that the id `id` names: with a map, the v with ids[v] == id
 * (binary search, O(log n)); without one, v = id when id < n.  1 and *v
 * set when there is one, else 0 (*v untouched). */
int graph_index_of(const struct graph *g, uint64_t id, uint32_t *v);

/* The id of vertex v < n: ids[v] with a map, else v. */
static inline uint64_t graph_id_of(const struct graph *g, uint32_t v)
{
	return g->ids ? g->ids[v] : v;
}

/* Counts of what a construction dropped. */
struct graph_dropped {
	uint64_t self_loops;   /* input pairs (u, u) */
	uint64_t duplicates;   /* arcs that were already present */
};

/* Build g from `count` arcs given as parallel arrays src[i] -> dst[i], ids
 * < n.  The arrays are consumed: graph_from_arcs frees both (on success and
 * failure) so that peak memory stays near the size of the result.  Self-loops
 * and duplicate arcs are dropped; their numbers are stored in *loops and
 * *dups when those are non-NULL.  Returns ST_OK, ST_NOMEM, or
 * ST_BADINPUT when an id is >= n.  Time O(n + count) plus the sort of each
 * adjacency list (linear when the input is already ordered per vertex). */
enum status graph_from_arcs(struct graph *g, uint32_t n, uint32_t *src,
                            uint32_t *dst, uint64_t count, uint64_t *loops,
                            uint64_t *dups);

/* How a tie that is not mutual is oriented. */
enum graph_orient {
	GRAPH_FIRST_TO_SECOND,  /* ties[2i] -> ties[2i+1] */
	GRAPH_RANDOM            /* either way with probability 1/2 */
};

/* Build g from `count` undirected ties stored interleaved, {ties[2i],
 * ties[2i+1]}, ids < n.  Each tie independently becomes both arcs with
 * probability `reciprocity` (a mutual follow), otherwise one arc oriented by
 * `orient`.  One uniform draw u per tie when 0 < reciprocity < 1: mutual iff
 * u < reciprocity; else, for GRAPH_RANDOM, first -> second iff
 * (u - reciprocity) < (1 - reciprocity) / 2.  With reciprocity 0 or 1 and
 * GRAPH_RANDOM one draw per single tie; with GRAPH_FIRST_TO_SECOND and
 * reciprocity 0 or 1 no draws (r may then be NULL).  The expected share of
 * arcs whose reverse exists is 2 reciprocity / (1 + reciprocity) when the
 * ties are distinct.  `ties` is consumed (freed on success and failure); the
 * peak is its size plus the result.  Self-loop ties and duplicate arcs are
 * dropped and counted in *drop (may be NULL).  Returns as graph_from_arcs. */
enum status graph_from_ties(struct graph *g, uint32_t n, uint32_t *ties,
                            uint64_t count, double reciprocity,
                            enum graph_orient orient, gsl_rng *r,
                            struct graph_dropped *drop);

/* Build g from ties of which most share their second ends in runs, as a
 * Barabási–Albert growth emits them: ties[0 .. 2 head) holds the first `head`
 * ties interleaved, as for graph_from_ties; tie head + k, for
 * k < count - head, is {ties[2 head + k], base + k / per}, its second end
 * implicit.  Ties are oriented first -> second (GRAPH_FIRST_TO_SECOND); the
 * draws and the result are those of graph_from_ties on the same ties written
 * out, but the input takes 4 bytes per implicit tie instead of 8.  `ties`
 * (head + count entries) is consumed.  ST_BADINPUT also when head > count,
 * per is 0 or an implicit end is >= n. */
enum status graph_from_fans(struct graph *g, uint32_t n, uint32_t *ties,
                            uint64_t head, uint64_t count, uint32_t base,
                            uint32_t per, double reciprocity, gsl_rng *r,
                            struct graph_dropped *drop);

/* 1 when g satisfies the layout invariant above (off monotone from 0 to
 * arcs, every list strictly ascending, ids < n, no self-loop, the id map
 * if any strictly ascending, every name set, every weight in [0, 1]),
 * else 0.
 * O(n + arcs): the constructors assert it only in CRISIM_CHECKS builds
 * (`make check`); tests call it on graphs they built. */
int graph_valid(const struct graph *g);

/* Free all arrays (the id map, names and weights too) and zero *g; safe on a zeroed or freed
 * graph. */
void graph_free(struct graph *g);

/* Hint that the big array p[0..len) is accessed at random and should be
 * backed by transparent huge pages (Linux madvise; a no-op elsewhere or on
 * failure).  For builders of large graphs. */
void graph_advise_huge(void *p, size_t len);

/* The undirected projection of g into *u (which the caller frees with
 * graph_free): v's list in u is out(v) ∪ in(v), sorted, unique, so every
 * tie of g appears as both arcs; u has no id map, names or weights (its
 * vertices are g's).
 * ST_OK, or ST_NOMEM.  Memory: off
 * (8 bytes per vertex) and adj (up to 8 bytes per arc of g). */
enum status graph_undirected(const struct graph *g, struct graph *u);

#endif
