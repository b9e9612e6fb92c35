/* debrief_story — the parts of debrief.html drawn against the clock of the
 * exercise's run: the marks of the timeline (the scenario's events and the
 * media reports of the trainee's run, the trainee's decisions as the
 * replay carried them out, the plan's actions in its run), the timeline
 * and the volume and attitude curves.  Internal to sim/debrief*.c.
 */
#ifndef CRISIM_DEBRIEF_STORY_H
#define CRISIM_DEBRIEF_STORY_H

#include <stddef.h>
#include <stdio.h>

#include "debrief.h"

/* SVG width in user units: text of 22 units stays above 16 pt when the
 * page is 1600 pixels wide. */
#define DEBRIEF_W 1500.0

/* The short names of the four responses, for legends and tables. */
extern const char *const debrief_who_short[DEBRIEF_N];

enum { LANE_STORY, LANE_YOU, LANE_PLAN, LANES };

struct debrief_mark {
	double minute;
	int lane;
	char text[256];
};

/* "h:mm" of a minute count since the start. */
void debrief_clock(char *buf, size_t len, double minute);

/* Every mark, sorted by minute, then lane, then the order found; *n of
 * them, malloc'd (NULL: out of memory).  Numbered 1.. in that order on the
 * page. */
struct debrief_mark *debrief_marks(const struct debrief_input *in, size_t *n);

/* The timeline section: numbered markers in three lanes, reply bars, the
 * list of what each number is. */
void debrief_timeline(FILE *f, const struct debrief_input *in,
                      const struct debrief_mark *m, size_t n);

/* The volume and attitude sections; 0, or -1 when out of memory. */
int debrief_curves(FILE *f, const struct debrief_input *in,
                   const struct debrief_mark *m, size_t n);

#endif
