/* gexf — one run as a dynamic GEXF 1.3 file for Gephi's timeline.
 *
 * `crisim run FILE --gexf OUT.gexf`.  The graph is mode="dynamic",
 * timeformat="double", the time in minutes since the start of the run
 * (tick t is the instant t * tick_minutes).  A value held over ticks
 * a .. b-1 is the closed spell [a m, (b-1) m] (m = tick_minutes), so
 * consecutive spells of one element never overlap, as Gephi requires; a
 * value still held at the end runs to the last tick.
 *
 *   node id/label   the agent's id in the network file (ids.tsv), or its
 *                   index for a generated network;
 *   static          role (customer, influencer, media, brand), audience
 *                   (followers: out-degree), heard (minute it first heard
 *                   of the story; absent when it never did);
 *   dynamic         attitude (float, quantised as recorder.h says: a new
 *                   spell when it moves by >= 0.05 or changes tone), state
 *                   (aware, spreading, done; from the minute it heard);
 *   node spells     the stretches it spread (state spreading): a node that
 *                   never spread has none;
 *   edges           every arc u -> v of the graph (v sees u's posts), with
 *                   its weight on a weighted graph; then one edge of
 *                   kind="reply" from the brand to each complainant it
 *                   answered, with one spell per reply (the tick's instant).
 *
 * Written with libxml2's xmlTextWriter straight to the stream: memory is
 * O(agents + recorded changes), never ticks x agents.
 */
#ifndef CRISIM_GEXF_H
#define CRISIM_GEXF_H

#include <stdio.h>

#include "graph.h"
#include "recorder.h"
#include "status.h"

struct gexf_run {
	const char *name;         /* the scenario's name, for <description> */
	double tick_minutes;
	uint32_t ticks;
	uint32_t brand;           /* the brand account's agent */
};

/* Write the history rec of one run of r on graph g to f.  ST_OK; ST_NOMEM;
 * ST_RUNTIME when f cannot be written (err says so). */
enum status gexf_write(FILE *f, const struct graph *g, const struct gexf_run *r,
                       const struct recorder *rec, char *err, size_t errlen);

#endif
