/* debrief — the after-action page of an exercise (debrief.html): one
 * self-contained HTML file, inline SVG drawn here, no script and nothing
 * fetched, large type for a projector and a print stylesheet for paper.
 *
 * It shows the exercise's own run (the trainee's decisions replayed, and
 * the plan, the web guy and silence on the same random numbers) and the
 * paired runs that say whether the trainee's result was skill or luck:
 *   1. the verdict: trainee minus plan and minus web guy on damage, in the
 *      exercise's run and over the paired runs (mean, 95 % paired-t CI);
 *   2. the story: the scenario's events, the trainee's decisions and the
 *      plan's actions (its event log of the same run) on one time axis,
 *      numbered markers with the texts in a legend, so labels never
 *      overlap;
 *   3. negative posts per hour and mean attitude of the four runs;
 *   4. the outcomes: the four runs, the paired means and differences with
 *      their CIs, and where the exercise's difference sits among the
 *      paired ones;
 *   5. at each decision, what the plan did within `window` minutes of it.
 * Every string from the scenario or the decisions file is escaped.
 */
#ifndef CRISIM_DEBRIEF_H
#define CRISIM_DEBRIEF_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "spec.h"
#include "status.h"

/* The four responses, in the order of the batch (debrief_run.c). */
enum { DEBRIEF_TRAINEE, DEBRIEF_PLAN, DEBRIEF_ADHOC, DEBRIEF_NONE, DEBRIEF_N };

/* One line of the decisions file, as the trainee wrote it. */
struct debrief_decision {
	double minute;
	const char *text;     /* action and arguments, space-separated */
};

struct debrief_input {
	const struct scenario *s;      /* the trainee's scenario (names, events) */
	const char *exercise;          /* the exercise directory, as given */
	uint64_t run;                  /* the exercise's run index */
	const struct run_result *own[DEBRIEF_N];   /* that run of each response */
	const struct debrief_decision *dec;        /* in file order */
	size_t n_dec;
	size_t runs;                   /* paired runs 0 .. runs-1 */
	const double *sum;             /* runs x DEBRIEF_N x SUMMARY_NFIELD */
	const unsigned char *done;     /* runs x DEBRIEF_N: the run finished */
	double window;                 /* minutes either side of a decision */
	const char *replay;            /* one sentence on the replay check */
};

/* Write dir/debrief.html atomically (output.h).  ST_OK, ST_NOMEM, or
 * ST_RUNTIME with err naming the file. */
enum status debrief_write(const char *dir, const struct debrief_input *in,
                          char *err, size_t errlen);

#endif
