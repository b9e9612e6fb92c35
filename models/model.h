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

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <gsl/gsl_rng.h>

#include "graph.h"
#include "logs.h"
#include "population.h"
#include "spec.h"
#include "series.h"

enum tone { TONE_NEG, TONE_NEU, TONE_POS, TONE_COUNT };

/* What happened in the current tick; the engine zeroes it before each tick
 * except `escalation`, which is the responder's standing level. */
struct tick_counts {
	uint32_t new_aware;
	uint32_t posts[TONE_COUNT];
	uint32_t replies, gaffes, statements, pickups;
	uint32_t escalation;
	uint32_t new_posters;  /* first posts of agents other than the brand */
	uint64_t audience;   /* followers of this tick's posters: the arcs a
	                        post covers (for a cascade, its edge trials) */
};

struct brand;  /* models/brand.h: the brand's shared mechanics */

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
	struct mention_log *mentions;  /* negative posts, in posting order;
	                                  NULL when the responder does not
	                                  listen (nothing records them) */
	const struct event_spec *incident;  /* the first incident, NULL before */
	const struct event_spec *story;     /* the latest incident or
	                              revelation: its topics are the mix of
	                              complaints (NULL before: "general") */
	const struct event_spec *crisis;    /* whose crisis type statements
	                              are judged against: the first incident,
	                              then the latest revelation; NULL before */
	struct brand *brand;       /* the brand's credibility and queue: the
	                              responder's (set by its init) or, for a
	                              strategy without one, the engine's own
	                              (brand_action events); NULL when none */
	double story_origin;       /* tick the story's attention clock counts
	                              from (see models/README.md) */
	int framed;                /* the brand's fitting official version is
	                              out: media carry it */
	uint64_t complainants;     /* agents who posted a complaint (ever) */
	uint64_t answered;         /* of them, agents the brand replied to */
	struct latency_log *latency;  /* mention-to-reply delays */
	struct plan_tally *tally;  /* replies by kind, statement, stakeholder
	                              report (series.h); may be NULL */
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
	/* Incident `e` starts the story at `agent` in this tick. */
	void (*seed)(struct model_ctx *c, uint32_t agent,
	             const struct event_spec *e);
	/* One tick for the current spreaders `active`: each spreading agent
	 * once, in a deterministic order (the engine drops stale entries and
	 * repeats).  Agents who spread in the next tick, survivors included,
	 * are appended to c->next. */
	void (*step)(struct model_ctx *c, const uint32_t *active, uint32_t n);
	/* Optional: media outlet `outlet` reports the story now with tone t
	 * (timed reports and unanswered inquiries); `tone_word` and `why`
	 * are for the log.  NULL for rules without media: the engine then
	 * refuses media_report and inquiry events. */
	void (*report)(struct model_ctx *c, uint32_t outlet, enum tone t,
	               const char *tone_word, const char *why);
};

struct responder_strategy {
	const char *name;
	const char *summary;
	int listens;               /* reads c->mentions */
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
	c->tc->new_aware++;
}

/* A duration in minutes as a whole number of ticks, rounded up and clamped
 * to the run's length + 1 (so huge durations mean "never in this run" and
 * tick arithmetic cannot wrap); at least `least`. */
static inline uint32_t model_ticks(const struct scenario *s, double minutes,
                                   uint32_t least)
{
	double t = ceil(minutes / s->tick_minutes);
	if (t > (double)s->ticks + 1)
		t = (double)s->ticks + 1;
	return t < (double)least ? least : (uint32_t)t;
}

/* The event whose crisis type a statement is judged against: the first
 * incident, then the latest revelation; before any, the first event. */
static inline const struct event_spec *model_crisis(const struct model_ctx *c)
{
	return c->crisis ? c->crisis : c->scn->n_events ? &c->scn->events[0]
	                                                : NULL;
}

/* The topic a complaint asks: drawn by weight from the story's topic mix
 * (c->story) with the dynamics stream; no draw when the mix has one
 * topic, so scenarios without topics draw exactly as before. */
static inline uint32_t model_topic(struct model_ctx *c)
{
	const struct event_spec *e = c->story;
	if (!e || e->n_topics == 0)
		return 0;
	if (e->n_topics == 1)
		return e->topics[0].topic;
	double sum = 0.0;
	for (uint32_t k = 0; k < e->n_topics; k++)
		sum += e->topics[k].weight;
	double u = gsl_rng_uniform(c->rng) * sum;
	for (uint32_t k = 0; k + 1 < e->n_topics; k++) {
		u -= e->topics[k].weight;
		if (u < 0.0)
			return e->topics[k].topic;
	}
	return e->topics[e->n_topics - 1].topic;
}

/* Agent i posts with this tone now: counted, and a negative post by anyone
 * but the brand becomes a mention the listening may pick up, asking one
 * topic of the story (model_topic; drawn whether or not the responder
 * listens, so that strategies compare on the same draws). */
static inline void model_post(struct model_ctx *c, uint32_t i, enum tone t)
{
	c->tc->posts[t]++;
	c->tc->audience += graph_out_degree(c->g, i);
	if (i == c->pop->brand)
		return;
	if (!(c->pop->flags[i] & POP_F_POSTED)) {
		c->pop->flags[i] |= POP_F_POSTED;
		c->tc->new_posters++;
	}
	if (t != TONE_NEG)
		return;
	if (!(c->pop->flags[i] & POP_F_COMPLAINED)) {
		c->pop->flags[i] |= POP_F_COMPLAINED;
		c->complainants++;
	}
	uint32_t topic = model_topic(c);
	if (c->mentions && mention_log_push(c->mentions, c->tick, i, topic) != 0)
		c->oom = 1;
}

/* The brand answers a mention `ticks` after it was posted. */
static inline int model_reply_latency(struct model_ctx *c, uint32_t ticks)
{
	return latency_log_push(c->latency, ticks);
}

/* Visit the entries of v[0..n) independently with probability p, by
 * geometric skipping: the gap to the next success is
 * floor(log U / log(1 - p)), U uniform in (0, 1], so a sweep costs
 * O(1 + p n) draws instead of n.  Usage:
 *     struct skip s = skip_start(n, p);
 *     while (skip_next(&s, rng)) use(v[s.k]);
 */
struct skip {
	uint64_t n, k;     /* k: index of the current success */
	double log_q;      /* log(1 - p) */
	int mode;          /* 0 none, 1 every entry, 2 sampled */
	int started;
};

static inline struct skip skip_start(uint64_t n, double p)
{
	struct skip s = { .n = n, .k = 0, .started = 0 };
	s.mode = p <= 0.0 ? 0 : p >= 1.0 ? 1 : 2;
	s.log_q = s.mode == 2 ? log1p(-p) : 0.0;
	return s;
}

static inline int skip_next(struct skip *s, gsl_rng *r)
{
	uint64_t from = s->started ? s->k + 1 : 0;
	s->started = 1;
	if (s->mode == 0 || from >= s->n)
		return 0;
	if (s->mode == 2) {
		double gap = floor(log(gsl_rng_uniform_pos(r)) / s->log_q);
		if (gap >= (double)(s->n - from))
			return 0;
		from += (uint64_t)gap;
	}
	s->k = from;
	return 1;
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
