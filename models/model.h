/* model — the contracts between the engine and the mechanisms it runs.
 *
 * A spread rule moves the story through the follower graph; a responder
 * strategy is the brand's behaviour.  Each is a const table of function
 * pointers with a name, defined in its own file under models/ and listed in
 * models/registry.c.  The engine finds them by the name in the scenario and
 * never names a concrete one.
 *
 * Both see the run through struct model_ctx.  State changes go through the
 * population setters and the helpers below, so the series counters stay
 * exact without rescanning (see population.h).
 */
#ifndef CRISIM_MODEL_H
#define CRISIM_MODEL_H

#include <stdint.h>
#include <stdlib.h>
#include <gsl/gsl_rng.h>

#include "graph.h"
#include "population.h"
#include "scenario.h"
#include "series.h"

enum tone { TONE_NEG, TONE_NEU, TONE_POS, TONE_COUNT };

/* What happened in the current tick; the engine zeroes it before each tick
 * except `escalation`, which is the responder's standing level. */
struct tick_counts {
	uint32_t new_aware;
	uint32_t posts[TONE_COUNT];
	uint32_t replies, gaffes, statements, pickups;
	uint32_t escalation;
};

/* A growable list of agent ids (the engine's active lists). */
struct agent_list {
	uint32_t *v;
	uint32_t n, cap;
};

int agent_list_push(struct agent_list *l, uint32_t id);
void agent_list_free(struct agent_list *l);

struct model_ctx {
	const struct scenario *scn;
	const struct graph *g;
	struct population *pop;
	gsl_rng *rng;              /* RNG_DYNAMICS stream: spreading */
	gsl_rng *resp_rng;         /* RNG_RESPONDER stream: the brand's draws */
	uint32_t tick;
	struct agent_list *next;   /* agents spreading in the next tick */
	struct tick_counts *tc;
	struct event_log *log;
	void *spread_state;        /* owned by the spread rule */
	void *resp_state;          /* owned by the responder */
	int oom;                   /* set by a helper whose allocation failed */
};

struct spread_rule {
	const char *name;
	const char *summary;       /* one line for --help and the README */
	/* Optional: allocate spread_state.  0 or -1 (out of memory). */
	int (*init)(struct model_ctx *c);
	void (*free)(struct model_ctx *c);
	/* A timeline incident starts the story at `agent` in this tick. */
	void (*seed)(struct model_ctx *c, uint32_t agent);
	/* One tick for the current spreaders `active` (in a deterministic
	 * order).  Agents who spread in the next tick, survivors included,
	 * are appended to c->next. */
	void (*step)(struct model_ctx *c, const uint32_t *active, uint32_t n);
};

struct responder_strategy {
	const char *name;
	const char *summary;
	int (*init)(struct model_ctx *c);
	void (*free)(struct model_ctx *c);
	/* Once per tick, after the spreading step. */
	void (*act)(struct model_ctx *c);
};

/* Registry (models/registry.c).  NULL when no model has that name. */
const struct spread_rule *model_spread_rule(const char *name);
const struct responder_strategy *model_responder(const char *name);
/* The registered names, comma-separated, into buf (for messages, --help). */
void model_spread_rule_names(char *buf, size_t len);
void model_responder_names(char *buf, size_t len);

/* The agent hears of the story now (no-op if it already had). */
static inline void model_make_aware(struct model_ctx *c, uint32_t i)
{
	struct population *p = c->pop;
	if (p->state[i] != AW_UNAWARE)
		return;
	population_set_state(p, i, AW_AWARE);
	p->t_aware[i] = c->tick;
	c->tc->new_aware++;
}

/* The agent spreads from the next step on (it becomes aware if it was not). */
static inline void model_activate(struct model_ctx *c, uint32_t i)
{
	model_make_aware(c, i);
	if (c->pop->state[i] == AW_SPREADING)
		return;
	population_set_state(c->pop, i, AW_SPREADING);
	if (agent_list_push(c->next, i) != 0)
		c->oom = 1;
}

#endif
