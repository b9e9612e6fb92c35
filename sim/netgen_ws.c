/* netgen_ws — Watts–Strogatz small worlds (Nature 393:440, 1998).
 *
 * A ring where each vertex is tied to its k/2 successors (k even,
 * 2 <= k < nodes - 1); then, for j = 1..k/2 and each vertex v in turn, the
 * tie from v to its j-th successor is rewired with probability `rewire` to a
 * uniform vertex w that is neither v nor already tied to v (redrawn; kept
 * unrewired after WS_MAX_DRAWS failed draws).  Exactly nodes k / 2 ties,
 * oriented at random.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "netgen_ties.h"

/* Redraws allowed when rewiring one Watts–Strogatz tie. */
#define WS_MAX_DRAWS 1000

/* Is w among the k/2 successors owned by v (ties v*half .. v*half+half-1)? */
static int owns(const uint32_t *a, uint32_t half, uint32_t v, uint32_t w)
{
	const uint32_t *own = a + 2 * (uint64_t)v * half;
	for (uint32_t j = 0; j < half; j++)
		if (own[2 * j + 1] == w)
			return 1;
	return 0;
}

static enum status ws_build(const struct net_spec *spec, gsl_rng *r,
                            struct graph *g, struct net_report *rep, char *err,
                            size_t errlen)
{
	uint32_t n = spec->nodes, k = spec->k, half;
	struct ties t = { NULL, 0, 0 };
	enum status rc;

	memset(g, 0, sizeof *g);
	if (k < 2 || k % 2 || k >= n - 1) {
		snprintf(err, errlen, "network.k: expected an even integer in "
		         "[2, nodes - 2 = %" PRIu32 "], got %" PRIu32, n - 2, k);
		return ST_BADINPUT;
	}
	if ((rc = netgen_check_prob("rewire", spec->rewire, err, errlen)))
		return rc;
	half = k / 2;
	if (ties_reserve(&t, (uint64_t)n * half))
		return netgen_oom(err, errlen);
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
	return netgen_finish(&t, n, spec, GRAPH_RANDOM, r, g, rep, 1, err, errlen);
}

const struct netgen netgen_ws = {
	.model = NET_WATTS_STROGATZ,
	.min_nodes = 4,
	.build = ws_build,
};
