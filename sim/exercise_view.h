/* exercise_view — the dashboard of an exercise's pause: what the trainee
 * sees of the run (README, "Exercise").  Drawn in plain text, at least 80
 * columns by 24 lines and using more of a larger terminal; no escape codes
 * (the caller clears a terminal's screen first).
 */
#ifndef CRISIM_EXERCISE_VIEW_H
#define CRISIM_EXERCISE_VIEW_H

#include <stddef.h>
#include <stdio.h>

#include "engine.h"

struct view {
	const struct scenario *s;
	const struct engine *e;        /* the run, between two ticks */
	const struct run_result *res;  /* its series and event log so far */
	size_t log_from;               /* events since the last pause */
	size_t queued_from;            /* decisions of this pause: the
	                                  script's decisions from here on */
	const char *message;           /* the answer to the last command, or
	                                  NULL */
	int width, height;             /* >= 80, >= 24 */
};

void exercise_view(FILE *f, const struct view *v);

/* The command reference the dashboard's last lines and `help` show. */
void exercise_help(FILE *f);

#endif
