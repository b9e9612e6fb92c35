/* graph_stats — descriptive statistics of a CSR graph (graph.h).
 *
 * Apart from construction: these functions only read the graph, and
 * allocate their scratch per call.  `crisim graph` prints them; the
 * network reports of netio and netgen count isolated vertices with
 * graph_isolated.
 */
#ifndef CRISIM_GRAPH_STATS_H
#define CRISIM_GRAPH_STATS_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "graph.h"
#include "status.h"

/* Descriptive statistics.  Degrees are out-degrees (follower counts) and
 * k2 is the mean squared out-degree.  reciprocity is the share of arcs
 * whose reverse arc exists.  clustering is the average local clustering
 * coefficient of the undirected projection, estimated on `sample` vertices
 * drawn uniformly with replacement with the caller's generator (all vertices,
 * exactly, when sample >= n; r may then be NULL); a vertex of undirected
 * degree < 2 counts as 0 (the convention of networkx's average_clustering);
 * NAN when sample is 0, which also skips building the projection.
 * giant_weak is the size of the largest weakly connected component.
 * Memory: a temporary undirected projection (up to 8 bytes per arc) when
 * clustering is computed, plus 8 bytes per vertex. */
struct graph_stats {
	uint32_t n;
	uint64_t arcs;
	double mean_degree;
	double k2;
	uint32_t max_degree;
	double reciprocity;
	double clustering;
	uint32_t giant_weak;
};

/* ST_OK, or ST_NOMEM. */
enum status graph_stats(const struct graph *g, gsl_rng *r, uint32_t sample,
                        struct graph_stats *st);

/* *count = the number of vertices with neither out- nor in-arcs.  ST_OK,
 * or ST_NOMEM (n bits of scratch).  O(n + arcs). */
enum status graph_isolated(const struct graph *g, uint32_t *count);

#endif
