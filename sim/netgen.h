/* netgen — the network of a scenario: a random generator from a const
 * table, or an edge list (netio.h).
 *
 * Every generator draws undirected ties and hands them to the CSR builder
 * (graph_from_ties; Barabási–Albert, whose newcomer ends are implicit, to
 * graph_from_fans), which makes a tie mutual (both arcs) with probability
 * spec->reciprocity and otherwise one arc: for Barabási–Albert from the
 * older, attached-to vertex to the newcomer (the newcomer follows the
 * popular account, whose posts then reach it); for the other models in a
 * uniformly random direction.  Out-arcs are audiences (followers), see
 * graph.h.
 *
 * Each generator is a `const struct netgen` defined in a file of its own,
 * sim/netgen_*.c, whose head comment gives the model and its source, and
 * is listed in the table of netgen.c.  Adding one: that file, one row in
 * the table, and its enum value and keys in the scenario schema.
 *
 * All functions return ST_OK, ST_NOMEM, ST_BADINPUT or ST_IO (status.h) and
 * on failure leave *g zeroed and one line in err (no program prefix).  *rep
 * may be NULL; for generators its lines and base are 0, self_loops and
 * duplicates count the ties the configuration model erased (0 for the
 * other models), and unused_ids counts isolated vertices.  The graph
 * depends only on the specification and the generator's stream.
 */
#ifndef CRISIM_NETGEN_H
#define CRISIM_NETGEN_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "graph.h"
#include "netio.h"
#include "spec.h"
#include "status.h"

/* One generator: a row of the table in netgen.c. */
struct netgen {
	enum net_model model;   /* the network.model it builds */
	uint32_t min_nodes;     /* smallest network.nodes it accepts */
	/* Check the model's own keys (err names the key, the expected range
	 * and the value found), then draw the graph from r.  Called by
	 * netgen_build after the checks every model shares: nodes >=
	 * min_nodes, reciprocity in [0, 1]; *g is zeroed. */
	enum status (*build)(const struct net_spec *spec, gsl_rng *r,
	                     struct graph *g, struct net_report *rep,
	                     char *err, size_t errlen);
};

/* The generator of model m; NULL for NET_FILE or a value without one. */
const struct netgen *netgen_find(enum net_model m);

/* Build the network of `spec`: its generator on the stream
 * rng_stream(seed, RNG_GRAPH, 0) — run index 0, so every run and every
 * strategy of a scenario shares one graph — or, for NET_FILE, the edge list
 * spec->file read with spec->directed (reciprocity does not apply). */
enum status netgen_build(const struct net_spec *spec, uint64_t seed,
                         struct graph *g, struct net_report *rep,
                         char *err, size_t errlen);

#endif
