/* series — what a run records: one row of metrics per tick, a log of
 * narrative events, and the outcome summary (computed by sim/outcome).
 *
 * Columns and summary fields are declared once, in the X-macro lists below,
 * so names, order and documentation cannot drift apart between the engine,
 * the TSV writer, ensembles and the README.
 */
#ifndef CRISIM_SERIES_H
#define CRISIM_SERIES_H

#include <stddef.h>
#include <stdint.h>

/* X(id, unit/meaning) — one column of series.tsv per row, in this order. */
#define SERIES_COLUMNS(X) \
	X(tick,          "tick index, 0-based") \
	X(minutes,       "simulated time in minutes since the start") \
	X(aware,         "agents who have heard of the story (cumulative)") \
	X(spreading,     "agents currently spreading") \
	X(done,          "agents who stopped spreading") \
	X(new_aware,     "agents who heard of the story this tick") \
	X(posts_neg,     "negative posts (complaints) this tick") \
	X(posts_neu,     "neutral posts this tick") \
	X(posts_pos,     "positive posts (defences of the brand) this tick") \
	X(mean_attitude, "mean attitude toward the brand, in [-1, 1]") \
	X(neg_share,     "share of agents with attitude below 0") \
	X(mean_arousal,  "mean arousal (anger), in [0, 1]") \
	X(replies,       "brand replies this tick") \
	X(gaffes,        "brand replies this tick that were gaffes") \
	X(statements,    "brand statements this tick") \
	X(pickups,       "media outlets picking the story up this tick") \
	X(escalation,    "responder escalation level (0 monitor, 1 respond, 2 crisis)") \
	X(new_posters,   "agents who posted for the first time this tick (the brand excluded): the onsets `crisim fit` compares with a list of reshares")

enum series_col {
#define X(id, doc) COL_##id,
	SERIES_COLUMNS(X)
#undef X
	SERIES_NCOL
};

extern const char *const series_col_name[SERIES_NCOL];
extern const char *const series_col_doc[SERIES_NCOL];

/* rows × SERIES_NCOL doubles, row-major; row t is tick t; rows <= cap. */
struct series {
	uint32_t rows, cap;
	double *v;
};

int series_init(struct series *s, uint32_t ticks);
double *series_row(struct series *s, uint32_t tick);  /* appends; rows in order */
void series_free(struct series *s);

/* The narrative log a trainer reads: what happened when. */
struct event {
	uint32_t tick;
	uint32_t actor;            /* agent id, or EVENT_NOBODY */
	char kind[24];             /* incident, detection, statement, gaffe, ... */
	char detail[104];
};
#define EVENT_NOBODY UINT32_MAX

struct event_log {      /* v[0 .. n), room for cap: n <= cap */
	size_t n, cap;
	struct event *v;
};

/* Append an event; detail is printf-formatted and truncated to fit.
 * Returns 0 or -1 when out of memory. */
int event_log_add(struct event_log *log, uint32_t tick, uint32_t actor,
                  const char *kind, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void event_log_free(struct event_log *log);

/* X(id, better, meaning) — the outcome of one run (summary.json, runs.tsv,
 * --summary), computed in sim/outcome.c.  `better` is the direction
 * `compare` counts as better: BETTER_LOWER, BETTER_HIGHER, or BETTER_NEITHER for outcomes that
 * describe a run without being a goal (peak_tick, replies, statements,
 * answered_audience).  Values are doubles; "none" (no reply ever) is NaN. */
enum { BETTER_LOWER = -1, BETTER_NEITHER = 0, BETTER_HIGHER = +1 };
#define SUMMARY_FIELDS(X) \
	X(peak_negative,     BETTER_LOWER,   "largest number of negative posts in one tick") \
	X(peak_tick,         BETTER_NEITHER, "tick of that peak (first one if tied)") \
	X(first_response,    BETTER_LOWER,   "ticks from the incident to the first brand reply or statement (negative: disclosed first; NaN: never)") \
	X(reach,             BETTER_LOWER,   "agents who heard of the story by the end") \
	X(reach_share,       BETTER_LOWER,   "reach as a share of all agents") \
	X(final_attitude,    BETTER_HIGHER,  "mean attitude at the end") \
	X(final_neg_share,   BETTER_LOWER,   "share of agents with attitude below 0 at the end") \
	X(duration,          BETTER_LOWER,   "ticks from the first negative post until negative volume stays under 10% of its peak") \
	X(replies,           BETTER_NEITHER, "brand replies, total") \
	X(gaffes,            BETTER_LOWER,   "gaffes, total") \
	X(statements,        BETTER_NEITHER, "brand statements, total") \
	X(damage,            BETTER_LOWER,   "negative posts, total (integral of negative volume)") \
	X(complainants,      BETTER_LOWER,   "agents who posted at least one complaint") \
	X(answered_share,    BETTER_HIGHER,  "share of complainants the brand replied to at least once") \
	X(reply_minutes,     BETTER_LOWER,   "median minutes from a complaint thread (a mention) to its first reply; each reply answers one thread (NaN: no reply)") \
	X(answered_audience, BETTER_NEITHER, "mean followers of the complainants answered over that of all complainants (above 1: bigger accounts answered more often; NaN: no reply)") \
	X(first_response_minutes, BETTER_LOWER, "first_response in minutes (first_response x tick_minutes; NaN: never)") \
	X(peak_minutes,      BETTER_NEITHER, "peak_tick in minutes since the start (peak_tick x tick_minutes)") \
	X(duration_minutes,  BETTER_LOWER,   "duration in minutes (duration x tick_minutes)") \
	X(qa_replies,        BETTER_NEITHER, "replies that used a prepared Q&A answer") \
	X(improvised_replies, BETTER_LOWER,  "replies in improvised words (no Q&A entry for the question; every web guy reply)") \
	X(statement_minutes, BETTER_LOWER,   "minutes from the incident to the plan's official statement (negative: disclosed first; NaN: never issued)") \
	X(threads,           BETTER_NEITHER, "complaint threads: mentions the brand could answer, every negative post but its own and every media inquiry (NaN: the strategy does not listen)") \
	X(thread_unanswered_share, BETTER_LOWER, "share of complaint threads that never got a reply (NaN: no thread)") \
	X(thread_reply_mean_minutes, BETTER_LOWER, "mean minutes from a complaint thread to its first reply, over the answered threads (NaN: no reply)")

enum summary_field {
#define X(id, better, doc) SUM_##id,
	SUMMARY_FIELDS(X)
#undef X
	SUMMARY_NFIELD
};

extern const char *const summary_field_name[SUMMARY_NFIELD];
extern const char *const summary_field_doc[SUMMARY_NFIELD];

struct summary {
	double v[SUMMARY_NFIELD];
};

/* What the responder counts for the outcomes and the stakeholder report
 * (the engine owns it, the brand helpers and the plan fill it). */
#define TALLY_MAX_GROUPS 16  /* = SPEC_MAX_GROUPS (spec.h) */
struct plan_tally {
	uint64_t qa_replies;        /* replies with a prepared Q&A answer */
	uint64_t improvised;        /* replies in improvised words */
	uint32_t statement_tick;    /* tick of the official statement;
	                               UINT32_MAX = never */
	uint32_t n_groups;          /* responder.plan.stakeholders */
	uint64_t members[TALLY_MAX_GROUPS];
	uint64_t complained[TALLY_MAX_GROUPS];  /* members who complained */
	uint64_t answered[TALLY_MAX_GROUPS];    /* of them, answered */
};

/* The outcomes are computed in sim/outcome.c. */

#endif
