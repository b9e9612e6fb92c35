/* engine — one run of a scenario on a graph: population, timeline of
 * events, and the tick loop that calls the spread rule and the responder.
 *
 * Per tick, in this fixed order:
 *   1. timeline: incidents scheduled for this tick seed the story;
 *   2. spreading: the spread rule runs the current spreaders;
 *   3. the responder acts;
 *   4. one series row is recorded from counters kept on transitions.
 * The work of a tick follows the active agents and their followers; nothing
 * scans all agents per tick.
 *
 * Random streams: population, incident, dynamics and responder streams are
 * derived from (scenario seed, purpose, run), so runs are independent of
 * each other and of thread scheduling, and two strategies given the same
 * seed and run share the same population, incident and spreading draws
 * (common random numbers).
 */
#ifndef CRISIM_ENGINE_H
#define CRISIM_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "graph.h"
#include "series.h"
#include "spec.h"
#include "status.h"

struct run_result {
	struct series series;
	struct event_log log;
	struct summary summary;
	uint64_t audience;      /* arcs covered by all posts (edge trials) */
	uint32_t brand;         /* the brand account's agent and its */
	uint32_t brand_followers;  /* audience (population.brand_*) */
	struct plan_tally tally;  /* replies by kind, the official statement,
	                             the stakeholder report (series.h) */
	double spread_seconds;  /* wall time inside the spread rule's steps;
	                           for benchmarks, never written to outputs */
};

/* Check what only the engine knows: rule and strategy names, roles and
 * agent ids against the graph (g may be NULL to skip graph checks).
 * ST_BADINPUT with a message naming the scenario path. */
enum status engine_check(const struct scenario *s, const struct graph *g,
                         char *err, size_t errlen);

/* Run scenario s on graph g as run number `run`.  On success *out holds the
 * series, event log and summary (free with run_result_free).  Returns
 * ST_OK, ST_BADINPUT (what engine_check finds, or a population the graph
 * cannot hold) or ST_NOMEM, with a message in err. */
enum status engine_run(const struct scenario *s, const struct graph *g,
                       uint64_t run, struct run_result *out, char *err,
                       size_t errlen);

void run_result_free(struct run_result *r);

/* The same run tick by tick, for a caller that pauses between ticks (an
 * exercise, sim/exercise.c); engine_run is these in a loop, so there is
 * one tick loop.
 *
 *   engine_begin   checks and sets up as engine_run does; on success *e is
 *                  the run, filling *out (the caller keeps out alive);
 *   engine_step    runs tick engine_tick(e) (< s->ticks): ST_OK, or
 *                  ST_NOMEM (then engine_abort);
 *   engine_end     after the last tick: the summary, and frees e;
 *   engine_abort   frees e and *out (any time after a successful begin).
 *
 * Between steps the caller may read the run through engine_ctx (the
 * responder's state, the population) and may append to the decisions of
 * the scenario's script (responder.script.decisions); nothing else in the
 * scenario may change. */
struct engine;
struct model_ctx;
enum status engine_begin(const struct scenario *s, const struct graph *g,
                         uint64_t run, struct run_result *out,
                         struct engine **e, char *err, size_t errlen);
enum status engine_step(struct engine *e, char *err, size_t errlen);
void engine_end(struct engine *e);
void engine_abort(struct engine *e);
/* The next tick engine_step runs (s->ticks once all are done). */
uint32_t engine_tick(const struct engine *e);
const struct model_ctx *engine_ctx(const struct engine *e);
/* The inquiries waiting for the brand's answer, and inquiry k of them:
 * the outlet, the last tick an answer is in time, the topic asked. */
size_t engine_inquiries(const struct engine *e);
void engine_inquiry(const struct engine *e, size_t k, uint32_t *outlet,
                    uint32_t *due, uint32_t *topic);

#endif
