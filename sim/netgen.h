/* netgen — random network generators and the network dispatcher.
 *
 * Every generator draws undirected ties and hands them to the CSR builder
 * (graph_from_ties; Barabási–Albert, whose newcomer ends are implicit, to
 * graph_from_fans), which makes a tie mutual (both arcs) with probability spec->reciprocity and
 * otherwise one arc: for Barabási–Albert from the older, attached-to vertex
 * to the newcomer (the newcomer follows the popular account, whose posts then
 * reach it); for the other models in a uniformly random direction.  Out-arcs
 * are audiences (followers), see graph.h.
 *
 * All functions return NETIO_OK or a NETIO_E* code (netio.h) and on failure
 * leave *g zeroed and one line in err (no program prefix).  *rep may be NULL;
 * for generators its lines and base are 0, self_loops and duplicates count
 * the ties the configuration model erased (0 for the other models), and
 * unused_ids counts isolated vertices.  The graph depends only on the
 * specification and the generator's stream.
 */
#ifndef CRISIM_NETGEN_H
#define CRISIM_NETGEN_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "graph.h"
#include "netio.h"
#include "spec.h"

/* Build the network of `spec`: a generator on the stream
 * rng_stream(seed, RNG_GRAPH, 0) — run index 0, so every run and every
 * strategy of a scenario shares one graph — or, for NET_FILE, the edge list
 * spec->file read with spec->directed (reciprocity does not apply). */
int netgen_build(const struct net_spec *spec, uint64_t seed, struct graph *g,
                 struct net_report *rep, char *err, size_t errlen);

/* Barabási–Albert (nodes, m >= 1, m < nodes).  Starts from a clique on
 * vertices 0..m; each later vertex attaches to m distinct earlier vertices,
 * each drawn with probability proportional to its degree, by picking a
 * uniform entry of the list of all tie endpoints so far (Batagelj & Brandes,
 * Phys. Rev. E 71, 036113, 2005) and redrawing repeats.  Exactly
 * m(m+1)/2 + (nodes - m - 1) m ties.  O(nodes m) time; the list stores
 * only each later tie's target (4 bytes per tie), the newcomer being
 * implicit in the tie's index. */
int netgen_barabasi_albert(const struct net_spec *spec, gsl_rng *r,
                           struct graph *g, struct net_report *rep,
                           char *err, size_t errlen);

/* Erdős–Rényi G(n, p), p = mean_degree / (nodes - 1), by geometric skipping
 * over the vertex pairs (Batagelj & Brandes 2005): O(nodes + ties). */
int netgen_erdos_renyi(const struct net_spec *spec, gsl_rng *r,
                       struct graph *g, struct net_report *rep,
                       char *err, size_t errlen);

/* Watts–Strogatz (Nature 393:440, 1998): a ring where each vertex is tied to
 * its k/2 successors (k even, 2 <= k < nodes - 1); then, for j = 1..k/2 and
 * each vertex v in turn, the tie from v to its j-th successor is rewired with
 * probability `rewire` to a uniform vertex w that is neither v nor already
 * tied to v (redrawn; kept unrewired after 1000 failed draws).  Exactly
 * nodes k / 2 ties. */
int netgen_watts_strogatz(const struct net_spec *spec, gsl_rng *r,
                          struct graph *g, struct net_report *rep,
                          char *err, size_t errlen);

/* Erased configuration model with power-law degrees: each vertex draws
 * k in [min_degree, max_degree] with P(k) ∝ k^-exponent (max_degree 0 means
 * floor(sqrt(nodes))); when the sum is odd the last vertex's degree is raised
 * by one (lowered when at max_degree).  Stubs are shuffled and paired; loops
 * and repeated ties are erased and counted in *rep (Britton, Deijfen &
 * Martin-Löf, J. Stat. Phys. 124, 2006). */
int netgen_powerlaw(const struct net_spec *spec, gsl_rng *r, struct graph *g,
                    struct net_report *rep, char *err, size_t errlen);

/* Stochastic block model: blocks of sizes[0..n_blocks) (sum = nodes) in id
 * order; each pair within a block is tied with probability p_in, each pair
 * across blocks with p_out, by geometric skipping: O(nodes + ties). */
int netgen_sbm(const struct net_spec *spec, gsl_rng *r, struct graph *g,
               struct net_report *rep, char *err, size_t errlen);

#endif
