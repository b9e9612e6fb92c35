/* debrief_run — `crisim debrief DIR`: an exercise replayed and set against
 * the plan, the web guy and silence.
 *
 * From the exercise directory (sim/exercise_file.h: exercise.json names the
 * scenario, its fingerprint, the --set overrides, the seed and the run;
 * decisions.tsv holds the trainee's decisions):
 *   1. the scenario file must still have the fingerprint the exercise
 *      recorded (else ST_BADINPUT naming both files: a debrief of another
 *      scenario would mislead);
 *   2. a comparison of the strategies script (the trainee's decisions
 *      replayed), plan, adhoc and none on runs 0..N-1 with common random
 *      numbers, through the compare machinery (runner_batch): OUT gets
 *      every file `crisim compare` writes, the trainee ("script") being
 *      the baseline, and the board set to script against plan;
 *   3. the exercise's own run of each response as a single run, in
 *      OUT/STRATEGY/exercise/; the trainee's series.tsv there is checked
 *      against DIR/series.tsv when the exercise was played to the end;
 *   4. OUT/debrief.html (debrief.h).
 * An interrupted debrief (SIGINT) keeps its checkpoint in OUT; the same
 * command continues it.
 */
#ifndef CRISIM_DEBRIEF_RUN_H
#define CRISIM_DEBRIEF_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

struct debrief_opts {
	const char *dir;      /* the exercise directory */
	const char *out;      /* NULL: DIR/debrief */
	uint64_t runs;        /* paired runs (> 0) */
	int threads;          /* <= 0: all cores */
	bool quiet;
	uint64_t stop_after;  /* testing aid: stop as if by SIGINT after this
	                         many paired runs; 0 never */
	int argc;             /* the command line, for the manifests */
	char **argv;
};

/* ST_OK; ST_BADINPUT / ST_IO (the exercise directory, its scenario or
 * decisions), ST_NOMEM, ST_RUNTIME (a file cannot be written) or
 * ST_INTERRUPTED, with a one-line message in err naming the file. */
enum status debrief_run(const struct debrief_opts *o, char *err, size_t errlen);

#endif
