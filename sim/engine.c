#include "engine.h"

#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "brand.h"
#include "exposure.h"
#include "grow.h"
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
	const struct spread_rule *rule = model_spread_rule(s->spread.rule);
	for (size_t k = 0; k < s->n_events; k++) {
		const struct event_spec *e = &s->events[k];
		if ((e->kind == EV_MEDIA_REPORT || e->kind == EV_INQUIRY) &&
		    !rule->report) {
			snprintf(err, errlen, "events[%zu].type: \"%s\" needs a spread "
			         "rule with media outlets (crisis), spread.rule is "
			         "\"%s\"", k, spec_event_kind_name(e->kind),
			         s->spread.rule);
			return ST_BADINPUT;
		}
	}
	if (!g)
		return ST_OK;
	/* A rank names one account among the role's: as many as the
	 * population will make of this graph (population_init). */
	const struct pop_spec *ps = &s->population;
	uint32_t n_inf = ps->influencers ? ps->influencers
	               : (uint32_t)floor(ps->influencer_share * g->n);
	for (size_t k = 0; k < s->n_events; k++) {
		const struct event_spec *e = &s->events[k];
		uint32_t have = e->target == TGT_MEDIA ? ps->media : n_inf;
		if (e->rank == 0 || e->rank <= have)
			continue;
		snprintf(err, errlen, "events[%zu].rank: expected an integer in "
		         "[1, %u] (the %s accounts of this network), got %u", k,
		         have, spec_event_target_name(e->target), e->rank);
		return ST_BADINPUT;
	}
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

/* An inquiry waiting for the brand's answer. */
struct inquiry {
	uint32_t outlet;
	uint32_t due;       /* last tick an answer is in time */
	uint32_t topic;
};

/* Everything one run owns: struct engine of engine.h. */
struct engine {
	const struct scenario *s;
	struct run_result *out;     /* the caller's result being filled */
	uint32_t t;                 /* the next tick to run */
	size_t next_event;          /* the next timeline event */
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
	struct brand own_brand;     /* brand_action under a strategy without
	                               brand mechanics of its own */
	int own_brand_ready;
	struct inquiry *inq;        /* open inquiries */
	size_t n_inq, cap_inq;
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
static uint32_t pick_target(struct engine *r, enum event_target target,
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

/* The k-th account an event aims at: the one its rank names (the role's
 * members are sorted by audience; engine_check has bounded the rank), or a
 * pick_target draw. */
static uint32_t event_pick(struct engine *r, const struct event_spec *e)
{
	if (e->rank > 0) {
		enum role role = e->target == TGT_MEDIA ? ROLE_MEDIA : ROLE_INFLUENCER;
		return r->pop.members[role][e->rank - 1];
	}
	return pick_target(r, e->target, event_agent(r->ctx.g, e));
}

/* The `count` distinct agents of an event, each handed to fn; when none is
 * left, the log says how many were found. */
typedef void pick_fn(struct engine *r, const struct event_spec *e, uint32_t t,
                     uint32_t id);
static void for_each_pick(struct engine *r, const struct event_spec *e,
                          uint32_t t, const char *kind, pick_fn *fn)
{
	r->picked.n = 0;
	for (uint32_t k = 0; k < e->count; k++) {
		uint32_t id = event_pick(r, e);
		if (id == POP_NEVER) {
			/* Say so rather than run a silent scenario. */
			int inc = e->kind == EV_INCIDENT;
			if (event_log_add(r->ctx.log, t, EVENT_NOBODY, kind,
			                  "no %s agent left %s: %u of %u %s",
			                  spec_event_target_name(e->target),
			                  inc ? "to start it" : "for it", k, e->count,
			                  inc ? "seeded" : "found"))
				r->ctx.oom = 1;
			break;
		}
		r->pop.flags[id] |= POP_F_LISTED;
		if (agent_list_push(&r->picked, id))
			r->ctx.oom = 1;
		fn(r, e, t, id);
	}
	for (uint32_t k = 0; k < r->picked.n; k++)
		r->pop.flags[r->picked.v[k]] &= (uint8_t)~POP_F_LISTED;
}

/* An incident: `count` agents of the target start the story, each seeded
 * by the spread rule; the first incident of the run is the story's origin
 * and gives the crisis type; the latest incident gives the topic mix. */
static void incident_at(struct engine *r, const struct event_spec *e, uint32_t t,
                        uint32_t id)
{
	if (!r->ctx.incident) {
		r->ctx.incident = e;
		r->ctx.story_origin = t;
	}
	if (!r->ctx.crisis)
		r->ctx.crisis = e;
	r->ctx.story = e;
	r->rule->seed(&r->ctx, id, e);
	if (event_log_add(r->ctx.log, t, id, "incident",
	                  "%s %u starts a%s %s crisis (%u followers)",
	                  population_role_name(r->pop.role[id]), id,
	                  e->crisis == CRISIS_ACCIDENTAL ? "n" : "",
	                  spec_crisis_name(e->crisis),
	                  graph_out_degree(r->ctx.g, id)))
		r->ctx.oom = 1;
}

static void fire_incident(struct engine *r, const struct event_spec *e, uint32_t t)
{
	for_each_pick(r, e, t, "incident", incident_at);
}

/* Amplify: the account shares the existing story at the tick: the spread
 * rule seeds it as a spreader (it posts now, its followers see it), but the
 * story's origin, crisis type and topics stay those of the incident. */
static void amplify_at(struct engine *r, const struct event_spec *e, uint32_t t,
                       uint32_t id)
{
	r->rule->seed(&r->ctx, id, e);
	if (event_log_add(r->ctx.log, t, id, "amplify",
	                  "%s %u shares the story with its %u followers",
	                  population_role_name(r->pop.role[id]), id,
	                  graph_out_degree(r->ctx.g, id)))
		r->ctx.oom = 1;
}

static void fire_amplify(struct engine *r, const struct event_spec *e, uint32_t t)
{
	if (!r->ctx.incident) {
		if (event_log_add(r->ctx.log, t, EVENT_NOBODY, "amplify",
		                  "no story to share yet (no incident before it)"))
			r->ctx.oom = 1;
		return;
	}
	for_each_pick(r, e, t, "amplify", amplify_at);
}

/* Media report: the outlet reports now, with the event's tone, through
 * the spread rule's media pick-up (models/README.md, "Media pick-up"). */
static void report_at(struct engine *r, const struct event_spec *e, uint32_t t,
                      uint32_t id)
{
	static const enum tone tone_of[] = {
		[REPORT_NEGATIVE] = TONE_NEG, [REPORT_NEUTRAL] = TONE_NEU,
		[REPORT_POSITIVE] = TONE_POS,
	};
	(void)t;
	r->rule->report(&r->ctx, id, tone_of[e->tone],
	                spec_report_tone_name(e->tone), "on the timeline");
}

static void fire_media_report(struct engine *r, const struct event_spec *e,
                              uint32_t t)
{
	for_each_pick(r, e, t, "media_report", report_at);
}

/* Revelation: a new fact.  Later statements are judged against its crisis
 * type, later complaints ask its topics, and the story is news again (the
 * attention clock's renewal, as after a gaffe or a media report). */
static void fire_revelation(struct engine *r, const struct event_spec *e,
                            uint32_t t)
{
	char topics[256];
	size_t n = 0;
	topics[0] = '\0';
	for (uint32_t k = 0; k < e->n_topics && n < sizeof topics; k++)
		n += (size_t)snprintf(topics + n, sizeof topics - n, "%s%s",
		                      k ? ", " : "", r->s->topics[e->topics[k].topic]);
	r->ctx.crisis = e;
	r->ctx.story = e;
	exposure_renew(&r->ctx);
	if (event_log_add(r->ctx.log, t, EVENT_NOBODY, "revelation",
	                  "a new fact: the crisis is %s%s; the public asks "
	                  "about %s", spec_crisis_name(e->crisis),
	                  e->history ? " with a history" : "", topics))
		r->ctx.oom = 1;
}

/* Brand action: the brand acts at the tick, whatever its strategy
 * (brand_action in models/brand.c). */
static void fire_brand_action(struct engine *r, const struct event_spec *e,
                              uint32_t t)
{
	(void)t;
	brand_action(&r->ctx, r->ctx.brand, e->action, e->strategy);
}

/* Inquiry: the outlet asks the brand about the event's first topic: a
 * mention queued like the others (the outlet counts among the
 * complainants); unanswered by its deadline, the outlet reports
 * negatively (resolve_inquiries). */
static void inquiry_at(struct engine *r, const struct event_spec *e, uint32_t t,
                       uint32_t id)
{
	struct model_ctx *c = &r->ctx;
	uint32_t topic = e->topics[0].topic;
	model_make_aware(c, id);
	if (!(r->pop.flags[id] & POP_F_COMPLAINED)) {
		r->pop.flags[id] |= POP_F_COMPLAINED;
		c->complainants++;
	}
	if (c->mentions && mention_log_push(c->mentions, t, id, topic))
		c->oom = 1;
	struct inquiry *v = grow(r->inq, &r->cap_inq, r->n_inq, sizeof *v, 8);
	if (!v) {
		c->oom = 1;
		return;
	}
	r->inq = v;
	r->inq[r->n_inq++] = (struct inquiry){
		id, t + model_ticks(r->s, e->deadline, 0), topic
	};
	if (event_log_add(c->log, t, id, "inquiry",
	                  "outlet %u asks the brand about %s, answer within "
	                  "%g minutes", id, r->s->topics[topic], e->deadline))
		c->oom = 1;
}

static void fire_inquiry(struct engine *r, const struct event_spec *e, uint32_t t)
{
	for_each_pick(r, e, t, "inquiry", inquiry_at);
}

/* Open inquiries at tick t: one whose outlet the brand has answered (now or
 * before) is closed; one past its deadline without an answer becomes a
 * negative report now.  `report` 0 only closes answered ones (the end of a
 * tick, so the log dates the answer). */
static void resolve_inquiries(struct engine *r, uint32_t t, int report)
{
	size_t k = 0;
	for (size_t j = 0; j < r->n_inq; j++) {
		struct inquiry q = r->inq[j];
		if (r->pop.flags[q.outlet] & POP_F_REPLIED) {
			if (event_log_add(r->ctx.log, t, q.outlet, "inquiry answered",
			                  "the brand answered outlet %u about %s in time",
			                  q.outlet, r->s->topics[q.topic]))
				r->ctx.oom = 1;
			continue;
		}
		if (report && t > q.due) {
			r->rule->report(&r->ctx, q.outlet, TONE_NEG, "negative",
			                "after its unanswered inquiry");
			continue;
		}
		r->inq[k++] = q;
	}
	r->n_inq = k;
}

/* What each type of timeline event does at its tick, indexed by enum
 * event_kind (spec.h): a new event type is its enum value and name in
 * spec.*, its keys in sim/scenario_schema.c, and one function and row here. */
typedef void event_fire_fn(struct engine *r, const struct event_spec *e, uint32_t t);
static event_fire_fn *const event_fire[] = {
	[EV_INCIDENT] = fire_incident,
	[EV_AMPLIFY] = fire_amplify,
	[EV_MEDIA_REPORT] = fire_media_report,
	[EV_REVELATION] = fire_revelation,
	[EV_BRAND_ACTION] = fire_brand_action,
	[EV_INQUIRY] = fire_inquiry,
};
_Static_assert(sizeof event_fire / sizeof *event_fire == EV_COUNT,
               "one fire function per event kind");

/* The events of tick t, in scenario order (events are sorted by tick). */
static void fire_events(struct engine *r, uint32_t t, size_t *next_event)
{
	const struct scenario *s = r->s;
	if (r->n_inq)
		resolve_inquiries(r, t, 1);
	while (*next_event < s->n_events && s->events[*next_event].tick == t) {
		const struct event_spec *e = &s->events[(*next_event)++];
		event_fire[e->kind](r, e, t);
	}
}

/* The list the spread rule gets: each spreading agent once, in first-seen
 * order.  Stale entries (agents a reply stopped after they were queued) and
 * second copies (stopped, then sparked again by a gaffe in the same tick)
 * are dropped here, once for every rule.  O(active). */
static void compact_active(struct engine *r)
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

static void record_row(struct engine *r, struct series *out, uint32_t t)
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

static void run_free(struct engine *r)
{
	if (r->resp_ready && r->resp->free)
		r->resp->free(&r->ctx);
	if (r->rule_ready && r->rule->free)
		r->rule->free(&r->ctx);
	if (r->own_brand_ready)
		brand_free(&r->own_brand);
	free(r->inq);
	gsl_rng_free(r->ctx.rng);
	gsl_rng_free(r->ctx.resp_rng);
	gsl_rng_free(r->incident_rng);
	agent_list_free(&r->cur);
	agent_list_free(&r->next);
	agent_list_free(&r->picked);
	mention_log_free(&r->mentions);
	latency_log_free(&r->latency);
	population_free(&r->pop);
	free(r);
}

enum status engine_begin(const struct scenario *s, const struct graph *g,
                         uint64_t run, struct run_result *out,
                         struct engine **eng, char *err, size_t errlen)
{
	*eng = NULL;
	memset(out, 0, sizeof *out);
	enum status rc = engine_check(s, g, err, errlen);
	if (rc)
		return rc;
	struct engine *r = calloc(1, sizeof *r);
	if (!r) {
		snprintf(err, errlen, "out of memory running the scenario");
		return ST_NOMEM;
	}
	r->s = s;
	r->out = out;
	r->rule = model_spread_rule(s->spread.rule);
	r->resp = model_responder(s->responder.strategy);

	gsl_rng *pop_rng = rng_stream(s->seed, RNG_POPULATION, run);
	if (!pop_rng)
		goto nomem;
	rc = population_init(&r->pop, g, &s->population, pop_rng, err, errlen);
	gsl_rng_free(pop_rng);
	if (rc) {
		run_free(r);
		return rc == ST_NOMEM ? ST_NOMEM : ST_BADINPUT;
	}
	/* The brand account is known only now: an incident cannot start at
	 * the brand itself. */
	for (size_t k = 0; k < s->n_events; k++)
		if (s->events[k].target == TGT_AGENT &&
		    event_agent(g, &s->events[k]) == r->pop.brand) {
			snprintf(err, errlen, "events[%zu].agent: expected an agent other "
			         "than the brand account, got %" PRIu64 " (the brand)", k,
			         s->events[k].agent);
			run_free(r);
			return ST_BADINPUT;
		}
	/* The stakeholder map needs the population: a group must select
	 * someone (models/plan.c). */
	if (s->responder.plan.n_groups &&
	    (rc = plan_map_groups(s, g, &r->pop, NULL, NULL, err, errlen))) {
		run_free(r);
		return rc;
	}
	out->tally.statement_tick = UINT32_MAX;
	r->incident_rng = rng_stream(s->seed, RNG_INCIDENT, run);
	r->ctx = (struct model_ctx){
		.scn = s, .g = g, .pop = &r->pop,
		.rng = rng_stream(s->seed, RNG_DYNAMICS, run),
		.resp_rng = rng_stream(s->seed, RNG_RESPONDER, run),
		.tc = &r->tc, .log = &out->log,
		.mentions = r->resp->listens ? &r->mentions : NULL,
		.latency = &r->latency, .tally = &out->tally,
	};
	if (!r->incident_rng || !r->ctx.rng || !r->ctx.resp_rng ||
	    series_init(&out->series, s->ticks))
		goto nomem;
	if (r->rule->init && r->rule->init(&r->ctx))
		goto nomem;
	r->rule_ready = 1;
	if (r->resp->init && r->resp->init(&r->ctx))
		goto nomem;
	r->resp_ready = 1;
	/* A strategy without brand mechanics ("none") still acts on the
	 * timeline: the engine keeps a brand for its brand_action events. */
	if (!r->ctx.brand)
		for (size_t k = 0; k < s->n_events; k++)
			if (s->events[k].kind == EV_BRAND_ACTION) {
				if (brand_init(&r->own_brand, &r->ctx))
					goto nomem;
				r->own_brand_ready = 1;
				r->ctx.brand = &r->own_brand;
				break;
			}
	out->brand = r->pop.brand;
	out->brand_followers = graph_out_degree(g, r->pop.brand);
	*eng = r;
	return ST_OK;

nomem:
	run_free(r);
	run_result_free(out);
	snprintf(err, errlen, "out of memory running the scenario");
	return ST_NOMEM;
}

uint32_t engine_tick(const struct engine *r)
{
	return r->t;
}

const struct model_ctx *engine_ctx(const struct engine *r)
{
	return &r->ctx;
}

size_t engine_inquiries(const struct engine *r)
{
	return r->n_inq;
}

void engine_inquiry(const struct engine *r, size_t k, uint32_t *outlet,
                    uint32_t *due, uint32_t *topic)
{
	assert(k < r->n_inq);
	*outlet = r->inq[k].outlet;
	*due = r->inq[k].due;
	*topic = r->inq[k].topic;
}

enum status engine_step(struct engine *r, char *err, size_t errlen)
{
	const struct scenario *s = r->s;
	struct run_result *out = r->out;
	uint32_t t = r->t;
	assert(t < s->ticks);
	uint32_t escalation = r->tc.escalation;
	r->tc = (struct tick_counts){ .escalation = escalation };
	r->ctx.tick = t;
	r->ctx.next = &r->cur;          /* incidents spread this tick */
	fire_events(r, t, &r->next_event);
	compact_active(r);
#ifdef CRISIM_CHECKS
	assert(agent_list_distinct(&r->cur, r->pop.n));
#endif
	r->ctx.next = &r->next;
	double t0 = now();
	r->rule->step(&r->ctx, r->cur.v, r->cur.n);
	out->spread_seconds += now() - t0;
	r->resp->act(&r->ctx);
	if (r->n_inq)
		resolve_inquiries(r, t, 0);
	if (r->ctx.oom) {
		snprintf(err, errlen, "out of memory running the scenario");
		return ST_NOMEM;
	}
	struct agent_list tmp = r->cur;
	r->cur = r->next;
	r->next = tmp;
	r->next.n = 0;
	record_row(r, &out->series, t);
	out->audience += r->tc.audience;
#ifdef CRISIM_CHECKS
	/* The O(n) recount at ticks 0, 1, 2, 4, ... and the last: a
	 * counter that drifted stays wrong, so it is still caught. */
	if ((t & (t - 1)) == 0 || t + 1 == s->ticks)
		assert(population_valid(&r->pop));
#endif
	r->t = t + 1;
	return ST_OK;
}

void engine_end(struct engine *r)
{
	const struct scenario *s = r->s;
	struct run_result *out = r->out;
	assert(r->t == s->ticks);
	/* The incident is the first event that started the story. */
	uint32_t incident = r->ctx.incident ? r->ctx.incident->tick
	                  : s->n_events ? s->events[0].tick : 0;
	struct outcome_input oin = {
		&out->series, incident, s->tick_minutes, &r->pop, r->ctx.g,
		r->ctx.complainants, r->ctx.answered, &r->latency, &out->tally
	};
	outcome_compute(&oin, &out->summary);
	run_free(r);
}

void engine_abort(struct engine *r)
{
	if (!r)
		return;
	struct run_result *out = r->out;
	run_free(r);
	run_result_free(out);
}

enum status engine_run(const struct scenario *s, const struct graph *g,
                       uint64_t run, struct run_result *out, char *err,
                       size_t errlen)
{
	struct engine *e;
	enum status rc = engine_begin(s, g, run, out, &e, err, errlen);
	while (rc == ST_OK && e->t < s->ticks)
		rc = engine_step(e, err, errlen);
	if (rc == ST_OK)
		engine_end(e);
	else
		engine_abort(e);
	return rc;
}

void run_result_free(struct run_result *r)
{
	series_free(&r->series);
	event_log_free(&r->log);
}
