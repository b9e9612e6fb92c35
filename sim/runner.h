/* runner — executes a single run or a batch and writes what they produce.
 *
 * A single run writes series.tsv, events.tsv, summary.json and
 * manifest.json; a batch (ensemble, comparison, sweep: see batch.h) is
 * executed by batch_exec.c and reported by report.c, then its manifest
 * records how far it got ("interrupted", "runs_completed").  Rank 0 alone
 * writes files; a batch's checkpoint is removed only after its manifest is
 * written, and saved again when a report cannot be written.
 */
#ifndef CRISIM_RUNNER_H
#define CRISIM_RUNNER_H

#include <stddef.h>

#include "batch.h"
#include "batch_exec.h"
#include "engine.h"
#include "graph.h"
#include "report.h"
#include "scenario.h"
#include "status.h"

/* What a run's manifest records besides the scenario. */
struct run_context {
	int argc;
	char **argv;
	const char *version;
	const char *label;    /* the scenario file in messages ("<stdin>") */
	const char *gexf;     /* runner_single: also write the run as GEXF
	                         here (gexf.h; "-": stdout), or NULL */
};

/* Run s once as run index `run` on g and write series.tsv, events.tsv,
 * summary.json and manifest.json into dir, each atomically; dir "-" writes
 * only the series, to stdout.  With rc->gexf, the run's GEXF is written
 * first (atomically too), so a GEXF that cannot be written leaves nothing
 * behind.  *res receives the result: the caller frees it whatever the
 * status (run_result_free is safe on a result the engine freed).
 * Returns ST_OK; ST_BADINPUT (the engine rejects the scenario), ST_NOMEM or
 * ST_RUNTIME (a file cannot be written) with err set. */
enum status runner_single(const struct scenario *s, const struct graph *g,
                          uint64_t run, const char *dir,
                          const struct run_context *rc, struct run_result *res,
                          char *err, size_t errlen);

/* The files of runner_single for a run already made (res), `wall` seconds
 * of it for the manifest: what an exercise writes at its end. */
enum status runner_write(const struct scenario *s, const struct graph *g,
                         uint64_t run, const char *dir,
                         const struct run_context *rc,
                         const struct run_result *res, double wall, char *err,
                         size_t errlen);

/* Execute batch b (options o; o->dir is the output directory) and write its
 * reports there (rank 0 only); a comparison also prints its table to
 * stdout in format fmt.  Returns ST_OK; ST_INTERRUPTED when stopped by a
 * signal or --stop-after, after writing what was finished and a checkpoint
 * to --resume from; or a failure with err set (ST_BADINPUT, ST_NOMEM,
 * ST_RUNTIME...). */
enum status runner_batch(const struct batch *b, const struct exec_opts *o,
                         const struct run_context *rc, enum report_format fmt,
                         char *err, size_t errlen);

#endif
