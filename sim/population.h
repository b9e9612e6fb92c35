/* population — agent state as a struct of arrays, and roles.
 *
 * Agent i is graph vertex i.  Every per-agent attribute is one compact array
 * so a tick touches only the bytes it needs (23 bytes per agent with the
 * graph's offsets; the budget is 32).
 *
 * Invariants, kept by the setters below and relied upon by the series:
 *   count[s]      == number of agents whose state is s;
 *   attitude_sum  == sum of attitude[i] (accumulated in double);
 *   negative      == number of agents with attitude[i] < 0;
 *   arousal_sum   == sum of arousal[i].
 * Code that changes state, attitude or arousal goes through the setters;
 * nothing rescans the population to recount.  The setters are also the one
 * place a recorder (recorder.h) observes changes: `rec` NULL (the default)
 * costs one branch.
 */
#ifndef CRISIM_POPULATION_H
#define CRISIM_POPULATION_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "graph.h"
#include "recorder.h"
#include "spec.h"
#include "status.h"

enum role { ROLE_CUSTOMER, ROLE_INFLUENCER, ROLE_MEDIA, ROLE_BRAND, ROLE_COUNT };

/* Awareness of the story: U → A → S → R (a reply or gaffe may move an agent
 * back to S; see the models). */
enum aware { AW_UNAWARE, AW_AWARE, AW_SPREADING, AW_DONE, AW_COUNT };

#define POP_NEVER UINT32_MAX

/* Per-agent flag bits. */
enum {
	POP_F_FRAMED   = 1u << 0,  /* heard the brand's version first */
	POP_F_REPLIED  = 1u << 1,  /* got a reply from the brand */
	POP_F_REPORTED = 1u << 2,  /* a media outlet that reported the story */
	POP_F_LISTED   = 1u << 3,  /* engine scratch while deduplicating */
	POP_F_COMPLAINED = 1u << 4, /* posted a complaint at least once */
	POP_F_PENDING  = 1u << 5,  /* has a post scheduled (crisis rule,
	                              spread.timing.kernel power_law) */
	POP_F_POSTED   = 1u << 6   /* posted at least once (any tone) */
};

struct population {
	uint32_t n;
	uint8_t *role;        /* enum role */
	uint8_t *state;       /* enum aware */
	float *attitude;      /* toward the brand, in [-1, 1] */
	float *arousal;       /* anger, in [0, 1] */
	float *activity;      /* posts per hour when spreading */
	uint8_t *flags;       /* POP_F_* bits used by the models */

	uint32_t brand;                 /* the brand account's agent id */
	uint32_t *members[ROLE_COUNT];  /* ids per role, largest audience first;
	                                   customers are not listed (NULL) */
	uint32_t n_role[ROLE_COUNT];

	uint64_t count[AW_COUNT];
	double attitude_sum, arousal_sum;
	uint64_t negative;

	struct recorder *rec;           /* NULL, or the history being kept
	                                   (not owned) */
};

/* Build the population for graph g from the scenario's population spec,
 * drawing from r.  Roles by follower count (out-degree): the brand is the
 * largest audience (or the account spec->brand_rank or brand_followers
 * names), the next `media` others are media outlets, the next influencers
 * (count, or share of n).  Ties are broken by lower id.  Returns ST_OK,
 * ST_NOMEM, or ST_BADINPUT when the graph has too few agents for the roles
 * (err says why). */
enum status population_init(struct population *p, const struct graph *g,
                            const struct pop_spec *spec, gsl_rng *r, char *err,
                            size_t errlen);

void population_free(struct population *p);

static inline void population_set_state(struct population *p, uint32_t i,
                                        enum aware s)
{
	if (p->rec && p->state[i] != s)
		recorder_state(p->rec, i, (unsigned)s);
	p->count[p->state[i]]--;
	p->count[s]++;
	p->state[i] = (uint8_t)s;
}

static inline void population_set_attitude(struct population *p, uint32_t i,
                                           float x)
{
	if (x > 1.0f)
		x = 1.0f;
	else if (x < -1.0f)
		x = -1.0f;
	p->negative -= p->attitude[i] < 0.0f;
	p->negative += x < 0.0f;
	p->attitude_sum += (double)x - (double)p->attitude[i];
	p->attitude[i] = x;
	if (p->rec)
		recorder_attitude(p->rec, i, x);
}

static inline void population_set_arousal(struct population *p, uint32_t i,
                                          float e)
{
	if (e > 1.0f)
		e = 1.0f;
	else if (e < 0.0f)
		e = 0.0f;
	p->arousal_sum += (double)e - (double)p->arousal[i];
	p->arousal[i] = e;
}

/* 1 when the counters of *p equal a recount of the arrays (the invariants
 * at the top of this file; the sums within 1e-6 per agent of rounding, as
 * they accumulate differences), else 0.  O(n): for CRISIM_CHECKS builds
 * and tests, never per tick otherwise. */
int population_valid(const struct population *p);

const char *population_role_name(enum role r);

#endif
