/* netgen — the table of generators and the one entry point (netgen.h). */
#include "netgen.h"
#include "graphml.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "netgen_ties.h"
#include "rng.h"

extern const struct netgen netgen_ba, netgen_er, netgen_ws, netgen_powerlaw,
	netgen_sbm;

/* THE TABLE: one row per generator, in any order; netgen_find looks the
 * model up. */
static const struct netgen *const generators[] = {
	&netgen_ba,        /* barabasi_albert, netgen_ba.c */
	&netgen_er,        /* erdos_renyi, netgen_pairs.c */
	&netgen_ws,        /* watts_strogatz, netgen_ws.c */
	&netgen_powerlaw,  /* powerlaw, netgen_powerlaw.c */
	&netgen_sbm,       /* sbm, netgen_pairs.c */
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct netgen *netgen_find(enum net_model m)
{
	for (size_t i = 0; i < COUNT(generators); i++)
		if (generators[i]->model == m)
			return generators[i];
	return NULL;
}

/* The checks every generator shares; the row knows its smallest size. */
static enum status check_common(const struct net_spec *spec,
                                uint32_t min_nodes, char *err, size_t errlen)
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

enum status netgen_build(const struct net_spec *spec, uint64_t seed,
                         struct graph *g, struct net_report *rep,
                         char *err, size_t errlen)
{
	const struct netgen *gen;
	gsl_rng *r;
	enum status rc;

	memset(g, 0, sizeof *g);
	if (spec->model == NET_FILE) {
		if (!spec->file || !*spec->file) {
			snprintf(err, errlen, "network.file: expected a path, got none");
			return ST_BADINPUT;
		}
		if (graphml_is_path(spec->file))
			return graphml_read(spec->file, spec->directed, g, rep, err,
			                    errlen);
		return netio_read_edgelist(spec->file, spec->directed, g, rep,
		                           err, errlen);
	}
	gen = netgen_find(spec->model);
	if (!gen) {
		snprintf(err, errlen, "network.model: unknown model %d",
		         (int)spec->model);
		return ST_BADINPUT;
	}
	if ((rc = check_common(spec, gen->min_nodes, err, errlen)))
		return rc;
	r = rng_stream(seed, RNG_GRAPH, 0);
	if (!r)
		return netgen_oom(err, errlen);
	rc = gen->build(spec, r, g, rep, err, errlen);
	gsl_rng_free(r);
	return rc;
}
