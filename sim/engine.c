#include "engine.h"

#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "brand.h"  /* plan_map_groups: the stakeholder map needs the population */
#include "model.h"
#include "outcome.h"
#include "population.h"
#include "rng.h"

enum status engine_check(const struct scenario *s, const struct graph *g,
                         char *err, size_t errlen)
{
	char names[256];
	if (!model_spread_rule(s->spread.rule)) {
		model_spread_rule_names(names, sizeof names);
		snprintf(err, errlen, "spread.rule: expected one of %s, got \"%s\"",
		         names, s->spread.rule);
		return ST_BADINPUT;
	}
	if (!model_responder(s->responder.strategy)) {
		model_responder_names(names, sizeof names);
		snprintf(err, errlen, "responder.strategy: expected one of %s, got \"%s\"",
		         names, s->responder.strategy);
		return ST_BADINPUT;
	}
	if (!g)
		return ST_OK;
	for (size_t k = 0; k < s->n_events; k++) {
		const struct event_spec *e = &s->events[k];
		uint32_t v;
		if (e->target != TGT_AGENT || graph_index_of(g, e->agent, &v))
			continue;
		if (g->ids)
			snprintf(err, errlen, "events[%zu].agent: expected an id of "
			         "the network file %s (one on a line of it), got %"
			         PRIu64, k, s->network.file ? s->network.file : "",
			         e->agent);
		else
			snprintf(err, errlen, "events[%zu].agent: expected an agent id "
			         "in [0, %u], got %" PRIu64, k, g->n - 1, e->agent);
		return ST_BADINPUT;
	}
	return ST_OK;
}

/* The agent events[].agent names: the file's id through the graph's id
 * map, else the agent number itself (engine_check has checked it). */
static uint32_t event_agent(const struct graph *g, const struct event_spec *e)
{
	uint32_t v = 0;
	int found = e->target == TGT_AGENT && graph_index_of(g, e->agent, &v);
	assert(found || e->target != TGT_AGENT);
	(void)found;
	return v;
}

/* Everything one run owns. */
struct run {
	const struct scenario *s;
	struct population pop;
	struct agent_list cur, next;
	struct agent_list picked;   /* seeds of the event being fired */
	struct mention_log mentions;
	struct latency_log latency;
	struct tick_counts tc;
	struct model_ctx ctx;
	const struct spread_rule *rule;
	const struct responder_strategy *resp;
	gsl_rng *incident_rng;
	int rule_ready, resp_ready;
};

/* An agent a random incident may start at: not the brand, not spreading
 * already, not picked earlier in the same event (POP_F_LISTED), and of the
 * asked role. */
static int eligible(const struct population *p, uint32_t id, int customer)
{
	return id != p->brand && p->state[id] != AW_SPREADING &&
	       !(p->flags[id] & POP_F_LISTED) &&
	       (!customer || p->role[id] == ROLE_CUSTOMER);
}

/* Pick an agent for an incident aimed at `target`, so that the `count`
 * seeds of one event are distinct; POP_NEVER when no eligible agent is
 * left. */
static uint32_t pick_target(struct run *r, enum event_target target,
                            uint32_t agent)
{
	struct population *p = &r->pop;
	gsl_rng *rng = r->incident_rng;
	if (target == TGT_AGENT)
		return agent;
	if (target == TGT_INFLUENCER || target == TGT_MEDIA) {
		enum role role = target == TGT_MEDIA ? ROLE_MEDIA : ROLE_INFLUENCER;
		uint32_t k = p->n_role[role], free_left = 0;
		for (uint32_t j = 0; j < k; j++)
			free_left += eligible(p, p->members[role][j], 0) ? 1u : 0u;
		if (free_left == 0)
			return POP_NEVER;
		uint32_t pick = (uint32_t)gsl_rng_uniform_int(rng, free_left);
		for (uint32_t j = 0; j < k; j++) {
			uint32_t id = p->members[role][j];
			if (eligible(p, id, 0) && pick-- == 0)
				return id;
		}
		return POP_NEVER;
	}
	/* random / customer: rejection sampling (customers are nearly all
	 * agents, so about one draw), then, if 1000 draws all failed, a scan
	 * from a random start, so an eligible agent is never missed. */
	int customer = target == TGT_CUSTOMER;
	for (int tries = 0; tries < 1000; tries++) {
		uint32_t id = (uint32_t)gsl_rng_uniform_int(rng, p->n);
		if (eligible(p, id, customer))
			return id;
	}
	uint32_t start = (uint32_t)gsl_rng_uniform_int(rng, p->n);
	for (uint32_t j = 0; j < p->n; j++) {
		uint32_t id = (uint32_t)(((uint64_t)start + j) % p->n);
		if (eligible(p, id, customer))
			return id;
	}
	return POP_NEVER;
}

/* An incident: `count` agents of the target start the story, each seeded
 * by the spread rule; the first incident of the run is the story's origin. */
static void fire_incident(struct run *r, const struct event_spec *e, uint32_t t)
{
	r->picked.n = 0;
	for (uint32_t k = 0; k < e->count; k++) {
		uint32_t id = pick_target(r, e->target, event_agent(r->ctx.g, e));
		if (id == POP_NEVER) {
			/* Say so rather than run a silent scenario. */
			if (event_log_add(r->ctx.log, t, EVENT_NOBODY, "incident",
			                  "no %s agent left to start it: %u of %u seeded",
			                  spec_event_target_name(e->target), k,
			                  e->count))
				r->ctx.oom = 1;
			break;
		}
		if (!r->ctx.incident) {
			r->ctx.incident = e;
			r->ctx.story_origin = t;
		}
		r->pop.flags[id] |= POP_F_LISTED;
		if (agent_list_push(&r->picked, id))
			r->ctx.oom = 1;
		r->rule->seed(&r->ctx, id, e);
		if (event_log_add(r->ctx.log, t, id, "incident",
		                  "%s %u starts a%s %s crisis (%u followers)",
		                  population_role_name(r->pop.role[id]), id,
		                  e->crisis == CRISIS_ACCIDENTAL ? "n" : "",
		                  spec_crisis_name(e->crisis),
		                  graph_out_degree(r->ctx.g, id)))
			r->ctx.oom = 1;
	}
	for (uint32_t k = 0; k < r->picked.n; k++)
		r->pop.flags[r->picked.v[k]] &= (uint8_t)~POP_F_LISTED;
}

/* What each type of timeline event does at its tick, indexed by enum
 * event_kind (spec.h): a new event type is its enum value and name in
 * spec.*, its keys in sim/scenario_schema.c, and one function and row here. */
typedef void event_fire_fn(struct run *r, const struct event_spec *e, uint32_t t);
static event_fire_fn *const event_fire[] = {
	[EV_INCIDENT] = fire_incident,
};
_Static_assert(sizeof event_fire / sizeof *event_fire == EV_COUNT,
               "one fire function per event kind");

/* The events of tick t, in scenario order (events are sorted by tick). */
static void fire_events(struct run *r, uint32_t t, size_t *next_event)
{
	const struct scenario *s = r->s;
	while (*next_event < s->n_events && s->events[*next_event].tick == t) {
		const struct event_spec *e = &s->events[(*next_event)++];
		event_fire[e->kind](r, e, t);
	}
}

/* The list the spread rule gets: each spreading agent once, in first-seen
 * order.  Stale entries (agents a reply stopped after they were queued) and
 * second copies (stopped, then sparked again by a gaffe in the same tick)
 * are dropped here, once for every rule.  O(active). */
static void compact_active(struct run *r)
{
	struct population *p = &r->pop;
	uint32_t k = 0;
	for (uint32_t a = 0; a < r->cur.n; a++) {
		uint32_t id = r->cur.v[a];
		if (p->state[id] != AW_SPREADING || (p->flags[id] & POP_F_LISTED))
			continue;
		p->flags[id] |= POP_F_LISTED;
		r->cur.v[k++] = id;
	}
	r->cur.n = k;
	for (uint32_t a = 0; a < k; a++)
		p->flags[r->cur.v[a]] &= (uint8_t)~POP_F_LISTED;
}

static void record_row(struct run *r, struct series *out, uint32_t t)
{
	const struct population *p = &r->pop;
	const struct tick_counts *tc = &r->tc;
	double *row = series_row(out, t);
	double n = p->n;
	assert(row);  /* rows are appended in tick order, within ticks */
	row[COL_tick] = t;
	row[COL_minutes] = t * r->s->tick_minutes;
	row[COL_aware] = (double)(p->n - p->count[AW_UNAWARE]);
	row[COL_spreading] = (double)p->count[AW_SPREADING];
	row[COL_done] = (double)p->count[AW_DONE];
	row[COL_new_aware] = tc->new_aware;
	row[COL_posts_neg] = tc->posts[TONE_NEG];
	row[COL_posts_neu] = tc->posts[TONE_NEU];
	row[COL_posts_pos] = tc->posts[TONE_POS];
	row[COL_mean_attitude] = p->attitude_sum / n;
	row[COL_neg_share] = (double)p->negative / n;
	row[COL_mean_arousal] = p->arousal_sum / n;
	row[COL_replies] = tc->replies;
	row[COL_gaffes] = tc->gaffes;
	row[COL_statements] = tc->statements;
	row[COL_pickups] = tc->pickups;
	row[COL_escalation] = tc->escalation;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void run_free(struct run *r)
{
	if (r->resp_ready && r->resp->free)
		r->resp->free(&r->ctx);
	if (r->rule_ready && r->rule->free)
		r->rule->free(&r->ctx);
	gsl_rng_free(r->ctx.rng);
	gsl_rng_free(r->ctx.resp_rng);
	gsl_rng_free(r->incident_rng);
	agent_list_free(&r->cur);
	agent_list_free(&r->next);
	agent_list_free(&r->picked);
	mention_log_free(&r->mentions);
	latency_log_free(&r->latency);
	population_free(&r->pop);
}

enum status engine_run(const struct scenario *s, const struct graph *g,
                       uint64_t run, struct run_result *out, char *err,
                       size_t errlen)
{
	struct run r = { .s = s };
	enum status rc = engine_check(s, g, err, errlen);
	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	r.rule = model_spread_rule(s->spread.rule);
	r.resp = model_responder(s->responder.strategy);

	gsl_rng *pop_rng = rng_stream(s->seed, RNG_POPULATION, run);
	if (!pop_rng)
		goto nomem;
	rc = population_init(&r.pop, g, &s->population, pop_rng, err, errlen);
	gsl_rng_free(pop_rng);
	if (rc) {
		run_free(&r);
		return rc == ST_NOMEM ? ST_NOMEM : ST_BADINPUT;
	}
	/* The brand account is known only now: an incident cannot start at
	 * the brand itself. */
	for (size_t k = 0; k < s->n_events; k++)
		if (s->events[k].target == TGT_AGENT &&
		    event_agent(g, &s->events[k]) == r.pop.brand) {
			snprintf(err, errlen, "events[%zu].agent: expected an agent other "
			         "than the brand account, got %" PRIu64 " (the brand)", k,
			         s->events[k].agent);
			run_free(&r);
			return ST_BADINPUT;
		}
	/* The stakeholder map needs the population: a group must select
	 * someone (models/plan.c). */
	if (s->responder.plan.n_groups &&
	    (rc = plan_map_groups(s, g, &r.pop, NULL, NULL, err, errlen))) {
		run_free(&r);
		return rc;
	}
	out->tally.statement_tick = UINT32_MAX;
	r.incident_rng = rng_stream(s->seed, RNG_INCIDENT, run);
	r.ctx = (struct model_ctx){
		.scn = s, .g = g, .pop = &r.pop,
		.rng = rng_stream(s->seed, RNG_DYNAMICS, run),
		.resp_rng = rng_stream(s->seed, RNG_RESPONDER, run),
		.tc = &r.tc, .log = &out->log,
		.mentions = r.resp->listens ? &r.mentions : NULL,
		.latency = &r.latency, .tally = &out->tally,
	};
	if (!r.incident_rng || !r.ctx.rng || !r.ctx.resp_rng ||
	    series_init(&out->series, s->ticks))
		goto nomem;
	if (r.rule->init && r.rule->init(&r.ctx))
		goto nomem;
	r.rule_ready = 1;
	if (r.resp->init && r.resp->init(&r.ctx))
		goto nomem;
	r.resp_ready = 1;

	size_t next_event = 0;
	for (uint32_t t = 0; t < s->ticks; t++) {
		uint32_t escalation = r.tc.escalation;
		r.tc = (struct tick_counts){ .escalation = escalation };
		r.ctx.tick = t;
		r.ctx.next = &r.cur;          /* incidents spread this tick */
		fire_events(&r, t, &next_event);
		compact_active(&r);
#ifdef CRISIM_CHECKS
		assert(agent_list_distinct(&r.cur, r.pop.n));
#endif
		r.ctx.next = &r.next;
		double t0 = now();
		r.rule->step(&r.ctx, r.cur.v, r.cur.n);
		out->spread_seconds += now() - t0;
		r.resp->act(&r.ctx);
		if (r.ctx.oom)
			goto nomem;
		struct agent_list tmp = r.cur;
		r.cur = r.next;
		r.next = tmp;
		r.next.n = 0;
		record_row(&r, &out->series, t);
		out->audience += r.tc.audience;
#ifdef CRISIM_CHECKS
		/* The O(n) recount at ticks 0, 1, 2, 4, ... and the last: a
		 * counter that drifted stays wrong, so it is still caught. */
		if ((t & (t - 1)) == 0 || t + 1 == s->ticks)
			assert(population_valid(&r.pop));
#endif
	}
	/* The incident is the first event that started the story. */
	uint32_t incident = r.ctx.incident ? r.ctx.incident->tick
	                  : s->n_events ? s->events[0].tick : 0;
	struct outcome_input oin = {
		&out->series, incident, s->tick_minutes, &r.pop, g,
		r.ctx.complainants, r.ctx.answered, &r.latency, &out->tally
	};
	outcome_compute(&oin, &out->summary);
	run_free(&r);
	return ST_OK;

nomem:
	run_free(&r);
	run_result_free(out);
	snprintf(err, errlen, "out of memory running the scenario");
	return ST_NOMEM;
}

void run_result_free(struct run_result *r)
{
	series_free(&r->series);
	event_log_free(&r->log);
}
