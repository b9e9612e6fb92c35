/* script — decision replay (models/README.md, "script"): the brand listens
 * like every responder and does only what responder.script.decisions says,
 * at the tick each decision falls in.  What an exercise's dashboard reads
 * of it (sim/exercise.c).
 */
#ifndef CRISIM_SCRIPT_H
#define CRISIM_SCRIPT_H

#include "model.h"

/* How loud agent j's complaint is: (1 + followers) × (1 − attitude), the
 * audience times the negativity; the rule "loudest" answers the loudest
 * open mention first. */
double script_loudness(const struct model_ctx *c, uint32_t j);

/* Replies per tick the team has now (the last "capacity" decision, else
 * responder.capacity). */
uint32_t script_capacity(const struct model_ctx *c);

/* Whether agent j's queued mention is still open: noticed and its author
 * not answered yet. */
int script_open(const struct model_ctx *c, uint32_t j);

#endif
