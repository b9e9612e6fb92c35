/* runner — executes runs and writes what they produce.
 *
 * Today a plan is one run; ensembles, comparisons and sweeps (lists of
 * (scenario variant, strategy, seed) items) will sit here too.
 */
#ifndef CRISIM_RUNNER_H
#define CRISIM_RUNNER_H

#include <stddef.h>

#include "engine.h"
#include "graph.h"
#include "scenario.h"

/* What a run's manifest records besides the scenario. */
struct run_context {
	int argc;
	char **argv;
	const char *version;
};

/* Run s once (run index 0) on g and write series.tsv, events.tsv,
 * summary.json and manifest.json into dir, each atomically; dir "-" writes
 * only the series, to stdout.  *res receives the result (caller frees).
 * Returns 0, 1 (runtime failure: memory, write) or 2 (bad input) with err
 * set. */
int runner_single(const struct scenario *s, const struct graph *g,
                  const char *dir, const struct run_context *rc,
                  struct run_result *res, char *err, size_t errlen);

#endif
