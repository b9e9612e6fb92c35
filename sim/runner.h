/* runner — executes runs and plans and writes what they produce.
 *
 * A single run writes series.tsv, events.tsv, summary.json and
 * manifest.json; a plan (ensemble, comparison, sweep: see plan.h) is
 * executed by ensemble.c and reported by report.c, then its manifest
 * records how far it got ("interrupted", "runs_completed").
 */
#ifndef CRISIM_RUNNER_H
#define CRISIM_RUNNER_H

#include <stddef.h>

#include "engine.h"
#include "batch_exec.h"
#include "batch.h"
#include "report.h"
#include "graph.h"
#include "scenario.h"

/* What a run's manifest records besides the scenario. */
struct run_context {
	int argc;
	char **argv;
	const char *version;
};

/* Run s once as run index `run` on g and write series.tsv, events.tsv,
 * summary.json and manifest.json into dir, each atomically; dir "-" writes
 * only the series, to stdout.  *res receives the result (caller frees).
 * Returns 0, 1 (runtime failure: memory, write) or 2 (bad input) with err
 * set. */
int runner_single(const struct scenario *s, const struct graph *g, uint64_t run,
                  const char *dir, const struct run_context *rc,
                  struct run_result *res, char *err, size_t errlen);

/* Execute plan p (options o; o->dir is the output directory) and write its
 * reports there (rank 0 only); a comparison also prints its table to
 * stdout in format fmt.  Returns 0, 1 (runtime), 2 (bad input) with err
 * set, or EXIT_INTERRUPTED (130) when stopped by a signal or --stop-after
 * after writing what was finished and a checkpoint to --resume from. */
int runner_batch(const struct batch *p, const struct exec_opts *o,
                const struct run_context *rc, enum report_format fmt,
                char *err, size_t errlen);

#endif
