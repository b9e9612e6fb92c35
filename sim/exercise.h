/* exercise — `crisim exercise`: the trainee plays the brand (README,
 * "Exercise").  The run pauses every `every` simulated minutes and after a
 * tick with an event that concerns the brand (an inquiry, a media report,
 * a revelation); at each pause the dashboard (exercise_view.c) and the
 * trainee's commands.  Every decision is appended to DIR/decisions.tsv and
 * synced before the next tick, so a crash loses nothing; the run itself is
 * the script strategy on that file (models/script.c), so `crisim run` with
 * it reproduces the exercise byte for byte.
 */
#ifndef CRISIM_EXERCISE_H
#define CRISIM_EXERCISE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "runner.h"
#include "status.h"

#define EXERCISE_EVERY 30.0   /* minutes between pauses by default */

struct exercise_request {
	const char *file;          /* the scenario; NULL when resuming */
	const char *dir;           /* the exercise directory */
	bool resume;               /* continue the exercise in dir */
	const char *const *sets;   /* --set, in order (not with resume) */
	size_t n_sets;
	bool have_seed;
	uint64_t seed;
	double every;              /* > 0; 0: EXERCISE_EVERY (or, resuming,
	                              the exercise's own) */
	const struct run_context *rc;  /* for the manifest */
	FILE *in, *out;            /* commands and the dashboard */
	bool terminal;             /* out is a terminal: clear the screen */
};

/* Play the exercise.  ST_OK when it reached its end (the run's files are
 * in dir) or the trainee quit (*finished says which); else the error in
 * err (ST_BADINPUT: the scenario, a directory already holding another
 * exercise; ST_IO; ST_RUNTIME: a file not written; ST_NOMEM). */
enum status exercise_play(const struct exercise_request *rq, bool *finished,
                          char *err, size_t errlen);

#endif
