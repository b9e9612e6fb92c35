/* brand — the mechanics every responder strategy shares: listening,
 * a queue of noticed mentions, a capacity of actions per tick, public
 * replies of some quality, statements, and the brand's credibility.
 * Strategies (adhoc.c, plan.c) decide what to do with them.
 * models/README.md, "The responder", gives the equations. */
#ifndef CRISIM_BRAND_H
#define CRISIM_BRAND_H

#include "model.h"
#include "status.h"

struct pending {
	double tier;         /* stakeholder group priority: higher first, then */
	double key;          /* higher first */
	uint64_t seq;        /* noticing order: ties go to the older */
	uint32_t agent;
	uint32_t posted;     /* tick of the mention */
	uint32_t topic;      /* what it asks: an index into scenario.topics */
};

struct brand {
	double credibility;  /* c_b in [0, 1] */
	uint32_t budget;     /* actions left in this tick */
	size_t cursor;       /* next mention the listening looks at */
	uint32_t delay;      /* detection delay in ticks */
	struct pending *heap;
	size_t n, cap;
	uint64_t seq;
	uint32_t *ring;      /* mentions noticed per tick, last hour */
	uint32_t w;
	uint64_t volume;     /* noticed in the last hour */
	uint32_t first_seen; /* tick of the first noticed mention; POP_NEVER */
	uint64_t noticed;    /* mentions noticed, total */
};

/* How a strategy ranks a noticed mention by `agent`, posted in tick
 * `posted` (higher first). */
typedef double (*brand_priority)(const struct model_ctx *c, uint32_t agent,
                                 uint32_t posted);
/* The tier of agent's mentions (compared before the priority). */
typedef double (*brand_tier)(const struct model_ctx *c, uint32_t agent);

int brand_init(struct brand *b, const struct model_ctx *c);
void brand_free(struct brand *b);

/* Start of the brand's turn: reset the budget to responder.capacity. */
void brand_begin_tick(struct brand *b, const struct model_ctx *c);

/* Listening: each mention posted at least `delay` ticks ago is noticed
 * with probability responder.coverage and queued with its priority.  The
 * first one noticed is logged as the detection. */
void brand_listen(struct model_ctx *c, struct brand *b, brand_priority prio);
/* The same, mentions ranked first by tier(agent) (NULL: every tier 0, as
 * brand_listen). */
void brand_listen_tiered(struct model_ctx *c, struct brand *b,
                         brand_priority prio, brand_tier tier);

/* Take the highest-priority mention: 1 and *m, or 0 when none. */
int brand_pop(struct brand *b, struct pending *m);

/* How a reply turns out, decided by the strategy. */
struct reply {
	double gaffe_prob;   /* chance the words go wrong */
	int consistent;      /* keeps to the brand's line */
	int argue;           /* argues or asks for information */
	int typed;           /* the effect follows the reply types below
	                        (the web guy), not argue */
	int thanks;          /* typed: thanks the complainant (satisfies) */
	int regret;          /* typed: expresses regret (calms) */
	int corrective;      /* typed: offers a corrective action (satisfies) */
	int prepared;        /* a prepared Q&A answer (else improvised) */
	double shortfall;    /* 1 - quality: the share of a good reply's
	                        effect the words miss; 0 = full effect */
};

/* Reply publicly to the author of mention m (one unit of budget). */
void brand_reply(struct model_ctx *c, struct brand *b, const struct pending *m,
                 const struct reply *r);

/* A statement from the brand account to its followers and the followers of
 * outlets that reported (one unit of budget).  `tone` and `contagious`
 * give how it lands; `frames` whether it gives the brand's version to those
 * who hear of the story through it. */
void brand_statement(struct model_ctx *c, struct brand *b, enum tone tone,
                     int contagious, int frames, const char *kind,
                     const char *detail);

/* Credibility after a message: consistent ones build it, others erode it. */
void brand_message(struct brand *b, const struct model_ctx *c, int consistent);

/* A brand_action of the timeline (models/README.md, "The timeline"), outside
 * the tick's capacity.  A statement with SCCT strategy `st` is judged
 * against the crisis type of model_crisis(c), one level up with a history:
 * at least as strong fits (a consistent message, the brand's version framed
 * for media, a positive statement), weaker backfires (three inconsistent
 * messages, an angering statement).  A corrective action is a rebuild
 * statement plus one more consistent message, a recall plus two.  Returns
 * 1 when it fits. */
int brand_action(struct model_ctx *c, struct brand *b, enum brand_action a,
                 enum scct_strategy st);
/* The statement of a brand action (and of the script's "statement"): SCCT
 * strategy st judged as above, logged as `kind` with `prefix` before its
 * detail, outside the tick's capacity.  Returns 1 when it fits. */
int brand_scct_statement(struct model_ctx *c, struct brand *b,
                         enum scct_strategy st, const char *kind,
                         const char *prefix);

/* Drop queued mention b->heap[i], keeping the queue's order. */
void brand_remove(struct brand *b, size_t i);

/* How the plan answers a question of `topic` (models/plan.c): consistent
 * when a key message covers the topic (always without messages); with a
 * qa array, the prepared answer of the topic's entry (qa_gaffe_prob, its
 * quality) or improvised words (responder.gaffe_prob); without one, the
 * anonymous Q&A's draw `covered` decides. */
struct reply plan_reply(const struct responder_spec *r, uint32_t topic,
                        int covered);
/* The SCCT strategy of the official statement for incident e (may be
 * NULL): plan.statement without key messages, else the strongest among
 * the messages covering a topic of e, or among all when none does. */
enum scct_strategy plan_statement_strategy(const struct responder_spec *r,
                                           const struct event_spec *e);

/* The stakeholder map (responder.plan.stakeholders) on this population:
 * group[j] = index of the highest-priority group selecting agent j (ties:
 * the first listed), PLAN_NO_GROUP when none; members[k] = size of group
 * k.  group and members may be NULL (a check only).  ST_BADINPUT with a
 * message naming responder.plan.stakeholders[k] when a group selects
 * nobody or names an agent the graph does not have; ST_NOMEM. */
#define PLAN_NO_GROUP UINT8_MAX
enum status plan_map_groups(const struct scenario *s, const struct graph *g,
                            const struct population *pop, uint8_t *group,
                            uint64_t *members, char *err, size_t errlen);

#endif
