/* plan — the structured crisis-communication plan (models/README.md,
 * "plan").
 *
 * The plan is a document (responder.plan): a stakeholder map, key
 * messages, a prepared Q&A and an escalation matrix; each has a default
 * that is today's generic plan.
 *
 * Monitoring (the shared listening), escalation by the volume of mentions
 * seen in the last hour through the levels of the matrix (default:
 * monitor (0) → respond (1, holding statement) → crisis mode (2, official
 * statement)).  Replies go out at every level, ranked by the group
 * priority of the stakeholder map, then followers^gamma × negativity ×
 * role weight, each complainant answered once.  A level's holding
 * statement goes out holding_delay later (the golden hour).  A reply is
 * consistent when a key message covers its topic (always, without
 * messages), and says the strongest key message covering its topic:
 * its SCCT strategy gives the reply types (rebuild: regret + a corrective
 * offer, in a private channel by default; diminish: thanks; deny or no
 * message: an explanation only); a question whose topic has a Q&A entry
 * gets the prepared
 * answer (gaffe probability qa_gaffe_prob, the entry's quality), the rest
 * improvised words (responder.gaffe_prob); without a qa array a share
 * qa_coverage of questions is covered by an anonymous Q&A.  A level's
 * official statement follows statement_delay later with the SCCT strategy
 * of the key messages (or plan.statement): it works when at least as
 * strong as the crisis type calls for and backfires when weaker (Coombs
 * 2007).  With stealing_thunder the official statement goes out at the
 * incident itself (Arpan & Roskos-Ewoldsen 2005).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brand.h"

struct plan {
	struct brand b;
	uint32_t holding_at, official_at;  /* scheduled ticks; POP_NEVER */
	int holding_done, official_done;
	uint8_t *group;      /* per agent: its stakeholder group or
	                        PLAN_NO_GROUP; NULL without a map */
	struct escalation_level levels[SPEC_MAX_LEVELS];  /* the matrix, */
	uint32_t n_levels;   /* the default one resolved */
};

/* ------------------------------------------------------------------------
 * The stakeholder map.
 */
struct ranked {
	uint32_t followers, id;
};

static int by_followers(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;
	if (a->followers != b->followers)
		return a->followers > b->followers ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

static int role_matches(enum stake_role want, uint8_t role)
{
	switch (want) {
	case STAKE_ANY: return role != ROLE_BRAND;
	case STAKE_CUSTOMER: return role == ROLE_CUSTOMER;
	case STAKE_INFLUENCER: return role == ROLE_INFLUENCER;
	case STAKE_MEDIA: return role == ROLE_MEDIA;
	}
	return 0;
}

enum status plan_map_groups(const struct scenario *s, const struct graph *g,
                            const struct population *pop, uint8_t *group,
                            uint64_t *members, char *err, size_t errlen)
{
	const struct stakeholder_group *gr = s->responder.plan.groups;
	uint32_t ng = s->responder.plan.n_groups, n = pop->n;
	uint32_t *rank = NULL;        /* rank by followers, 0 = largest */
	uint8_t *sel = NULL;          /* explicit members of the current group */
	uint64_t count[SPEC_MAX_GROUPS] = { 0 };
	enum status rc = ST_OK;
	int need_rank = 0;

	for (uint32_t k = 0; k < ng; k++)
		need_rank |= gr[k].top > 0;
	if (need_rank) {
		struct ranked *order = malloc((size_t)n * sizeof *order);
		rank = malloc((size_t)n * sizeof *rank);
		if (!order || !rank) {
			free(order);
			free(rank);
			snprintf(err, errlen, "out of memory mapping the stakeholders");
			return ST_NOMEM;
		}
		for (uint32_t j = 0; j < n; j++)
			order[j] = (struct ranked){ graph_out_degree(g, j), j };
		qsort(order, n, sizeof *order, by_followers);
		for (uint32_t j = 0; j < n; j++)
			rank[order[j].id] = j;
		free(order);
	}
	if (group)
		memset(group, PLAN_NO_GROUP, n);
	sel = calloc(n, 1);
	if (!sel) {
		free(rank);
		snprintf(err, errlen, "out of memory mapping the stakeholders");
		return ST_NOMEM;
	}
	for (uint32_t k = 0; k < ng && rc == ST_OK; k++) {
		const struct stakeholder_group *x = &gr[k];
		for (uint32_t a = 0; a < x->n_agents; a++) {
			uint32_t v;
			if (!graph_index_of(g, x->agents[a], &v)) {
				snprintf(err, errlen, "responder.plan.stakeholders[%u]."
				         "select.agents[%u]: expected an agent id of the "
				         "network, got %llu", k, a,
				         (unsigned long long)x->agents[a]);
				rc = ST_BADINPUT;
				break;
			}
			sel[v] = 1;
		}
		for (uint32_t j = 0; j < n && rc == ST_OK; j++) {
			float att = pop->attitude[j];
			if (!role_matches(x->role, pop->role[j]) ||
			    graph_out_degree(g, j) < x->min_followers ||
			    (x->top && rank[j] >= x->top) ||
			    att < x->attitude_min || att > x->attitude_max ||
			    (x->n_agents && !sel[j]))
				continue;
			count[k]++;
			if (group && (group[j] == PLAN_NO_GROUP ||
			              x->priority > gr[group[j]].priority))
				group[j] = (uint8_t)k;
		}
		for (uint32_t a = 0; a < x->n_agents; a++) {
			uint32_t v;
			if (graph_index_of(g, x->agents[a], &v))
				sel[v] = 0;
		}
		if (rc == ST_OK && count[k] == 0) {
			snprintf(err, errlen, "responder.plan.stakeholders[%u]: the "
			         "group \"%s\" selects nobody in this population (%u "
			         "agents; see its select keys)", k, x->name, n);
			rc = ST_BADINPUT;
		}
	}
	/* Members: the agents the map puts in each group (an agent several
	 * groups select counts in its highest one); without a map to fill,
	 * those each group selects. */
	if (group && rc == ST_OK) {
		memset(count, 0, sizeof count);
		for (uint32_t j = 0; j < n; j++)
			if (group[j] != PLAN_NO_GROUP)
				count[group[j]]++;
	}
	if (members)
		for (uint32_t k = 0; k < ng; k++)
			members[k] = count[k];
	free(sel);
	free(rank);
	return rc;
}

static double group_tier(const struct model_ctx *c, uint32_t j)
{
	const struct plan *p = c->resp_state;
	uint8_t k = p->group[j];
	return k == PLAN_NO_GROUP ? -1.0 : c->scn->responder.plan.groups[k].priority;
}

static double stakeholder_priority(const struct model_ctx *c, uint32_t j,
                                   uint32_t posted)
{
	(void)posted;
	const struct responder_spec *r = &c->scn->responder;
	const struct population *pop = c->pop;
	double w = pop->role[j] == ROLE_INFLUENCER ? r->plan.weight_influencer
	         : pop->role[j] == ROLE_MEDIA ? r->plan.weight_media : 1.0;
	double reach = pow(1.0 + graph_out_degree(c->g, j), r->plan.priority_gamma);
	double negativity = 1.0 - pop->attitude[j];  /* in [0, 2] */
	return reach * negativity * w;
}

static int plan_init(struct model_ctx *c)
{
	const struct responder_spec *r = &c->scn->responder;
	struct plan *p = calloc(1, sizeof *p);
	if (!p || brand_init(&p->b, c)) {
		free(p);
		return -1;
	}
	p->holding_at = p->official_at = POP_NEVER;
	c->resp_state = p;
	c->brand = &p->b;
	if (r->plan.n_levels) {
		memcpy(p->levels, r->plan.levels, sizeof p->levels);
		p->n_levels = r->plan.n_levels;
	} else {
		/* The default matrix: today's two thresholds. */
		p->levels[0] = (struct escalation_level){
			.volume = r->plan.respond_volume, .holding = true };
		p->levels[1] = (struct escalation_level){
			.volume = r->plan.crisis_volume, .statement = true };
		p->n_levels = 2;
	}
	if (r->plan.n_groups) {
		char err[160];
		uint64_t *members = c->tally ? c->tally->members : NULL;
		p->group = malloc(c->pop->n);
		/* The engine checked the map (plan_map_groups) before the run:
		 * what can fail here is memory. */
		if (!p->group || plan_map_groups(c->scn, c->g, c->pop, p->group,
		                                 members, err, sizeof err)) {
			/* The engine frees only what initialised. */
			brand_free(&p->b);
			free(p->group);
			free(p);
			c->resp_state = NULL;
			return -1;
		}
		if (c->tally)
			c->tally->n_groups = r->plan.n_groups;
	}
	return 0;
}

/* The run is over: who of each group complained and was answered (the
 * stakeholder report of summary.json). */
static void report_groups(const struct model_ctx *c, const struct plan *p)
{
	const struct population *pop = c->pop;
	if (!p->group || !c->tally)
		return;
	for (uint32_t j = 0; j < pop->n; j++) {
		uint8_t k = p->group[j];
		if (k == PLAN_NO_GROUP || !(pop->flags[j] & POP_F_COMPLAINED))
			continue;
		c->tally->complained[k]++;
		if (pop->flags[j] & POP_F_REPLIED)
			c->tally->answered[k]++;
	}
}

static void plan_free(struct model_ctx *c)
{
	struct plan *p = c->resp_state;
	if (p) {
		report_groups(c, p);
		brand_free(&p->b);
		free(p->group);
	}
	free(p);
	c->resp_state = NULL;
}

static uint32_t after_minutes(const struct model_ctx *c, double minutes)
{
	return c->tick + model_ticks(c->scn, minutes, 0);
}

static void escalate(struct model_ctx *c, uint32_t level, const char *what)
{
	c->tc->escalation = level;
	if (event_log_add(c->log, c->tick, c->pop->brand, "escalation", "%s", what))
		c->oom = 1;
}

/* Whether key message m covers topic t. */
static int covers(const struct key_message *m, uint32_t t)
{
	for (uint32_t k = 0; k < m->n_topics; k++)
		if (m->topics[k] == t)
			return 1;
	return 0;
}

/* A reply to topic t is consistent when a key message covers it (every
 * reply, without key messages). */
static int consistent_on(const struct responder_spec *r, uint32_t t)
{
	if (r->plan.n_messages == 0)
		return 1;
	for (uint32_t k = 0; k < r->plan.n_messages; k++)
		if (covers(&r->plan.messages[k], t))
			return 1;
	return 0;
}

/* The SCCT strategy of the official statement: without key messages
 * plan.statement; with them the strongest among the messages covering a
 * topic of the incident, or of all messages when none does. */
enum scct_strategy plan_statement_strategy(const struct responder_spec *r,
                                           const struct event_spec *e)
{
	int best = -1, any = -1;
	if (r->plan.n_messages == 0)
		return r->plan.statement;
	for (uint32_t k = 0; k < r->plan.n_messages; k++) {
		const struct key_message *m = &r->plan.messages[k];
		int st = (int)m->strategy;
		if (st > any)
			any = st;
		for (uint32_t i = 0; e && i < e->n_topics; i++)
			if (covers(m, e->topics[i].topic) && st > best)
				best = st;
	}
	return (enum scct_strategy)(best >= 0 ? best : any);
}

/* The SCCT strategy of the strongest key message covering topic t; -1
 * when none does. */
static int message_on(const struct responder_spec *r, uint32_t t)
{
	int best = -1;
	for (uint32_t k = 0; k < r->plan.n_messages; k++)
		if (covers(&r->plan.messages[k], t) &&
		    (int)r->plan.messages[k].strategy > best)
			best = (int)r->plan.messages[k].strategy;
	return best;
}

struct reply plan_reply(const struct responder_spec *r, uint32_t topic,
                        int covered)
{
	struct reply rp = { .gaffe_prob = r->gaffe_prob,
	                    .consistent = consistent_on(r, topic),
	                    .private_channel = r->plan.private_compensation };
	/* The reply says the key message of its topic, and the message's
	 * SCCT strategy (Coombs 2007) gives its types (Einwiller & Steilen
	 * 2015): rebuild (apology, compensation) = regret + corrective
	 * action; diminish (excuse, justification) = thanks + explanation;
	 * deny = the facts only, an explanation; no message for the topic:
	 * "we are looking into it", information only.  Without messages the
	 * reply follows plan.statement. */
	int st = r->plan.n_messages ? message_on(r, topic) : (int)r->plan.statement;
	rp.regret = rp.corrective = st == SCCT_REBUILD;
	rp.thanks = st == SCCT_DIMINISH;
	const struct qa_entry *q = NULL;
	/* The document: the question's topic has an entry or not. */
	for (uint32_t k = 0; r->plan.has_qa && k < r->plan.n_qa && !q; k++)
		if (r->plan.qa[k].topic == topic)
			q = &r->plan.qa[k];
	if (q || (!r->plan.has_qa && covered)) {
		rp.prepared = 1;
		rp.gaffe_prob = r->plan.qa_gaffe_prob;
		rp.shortfall = q ? 1.0 - q->quality : 0.0;
	}
	return rp;
}

/* SCCT: the response a crisis calls for is its cluster, one level up with
 * a crisis history; a response at least that strong fits. */
static void official_statement(struct model_ctx *c, struct plan *p)
{
	const struct responder_spec *r = &c->scn->responder;
	const struct event_spec *e = model_crisis(c);
	int needed = e ? (int)e->crisis + (e->history ? 1 : 0) : 0;
	if (needed > SCCT_REBUILD)
		needed = SCCT_REBUILD;
	enum scct_strategy strategy = plan_statement_strategy(r, e);
	int fits = (int)strategy >= needed;
	char detail[96];
	snprintf(detail, sizeof detail, "%s statement in a%s %s crisis %s",
	         spec_scct_name(strategy),
	         e && e->crisis == CRISIS_ACCIDENTAL ? "n" : "",
	         e ? spec_crisis_name(e->crisis) : "victim",
	         fits ? "fits" : "is too weak and backfires");
	p->official_done = 1;
	if (c->tally && c->tally->statement_tick == UINT32_MAX)
		c->tally->statement_tick = c->tick;
	if (fits) {
		brand_message(&p->b, c, 1);
		c->framed = 1;
		brand_statement(c, &p->b, TONE_POS, 0, 1, "statement", detail);
	} else {
		/* Seen as evasive: credibility falls as after three
		 * inconsistent messages, and the statement itself angers. */
		for (int k = 0; k < 3; k++)
			brand_message(&p->b, c, 0);
		brand_statement(c, &p->b, TONE_NEG, 1, 0, "statement", detail);
	}
}

static void plan_act(struct model_ctx *c)
{
	const struct responder_spec *r = &c->scn->responder;
	struct plan *p = c->resp_state;
	if (r->capacity == 0)
		return;  /* no team: the plan stays on paper */
	brand_begin_tick(&p->b, c);
	uint32_t level = c->tc->escalation;
	if (level > 0 && p->levels[level - 1].capacity > 0)
		p->b.budget = p->levels[level - 1].capacity;

	/* Stealing thunder: the brand knows its incident before the public
	 * does and discloses in the tick before it breaks (in tick 0 when the
	 * incident is at tick 0, after its first post). */
	const struct scenario *s = c->scn;
	if (r->plan.stealing_thunder && !p->official_done && s->n_events > 0 &&
	    c->tick + 1 >= s->events[0].tick && p->b.budget > 0) {
		escalate(c, 2, "stealing thunder: the brand discloses first");
		brand_message(&p->b, c, 1);  /* self-disclosure is credible */
		official_statement(c, p);
	}

	brand_listen_tiered(c, &p->b, stakeholder_priority,
	                    p->group ? group_tier : NULL);
	double vol = (double)p->b.volume;
	level = c->tc->escalation;
	/* Each level not yet reached whose volume is: as many at once as the
	 * volume passes (the default matrix: respond, then crisis mode). */
	for (uint32_t k = 0; k < p->n_levels; k++) {
		const struct escalation_level *lv = &p->levels[k];
		char what[96];
		if (level >= k + 1 || vol < lv->volume)
			continue;
		if (lv->holding && lv->statement)
			snprintf(what, sizeof what, "crisis mode: holding and official "
			         "statements prepared");
		else if (lv->statement)
			snprintf(what, sizeof what, "crisis mode: official statement "
			         "prepared");
		else if (lv->holding)
			snprintf(what, sizeof what, "respond mode: holding statement "
			         "prepared");
		else
			snprintf(what, sizeof what, "level %u: %u actions per tick", k + 1,
			         lv->capacity ? lv->capacity : r->capacity);
		escalate(c, k + 1, what);
		if (lv->holding && p->holding_at == POP_NEVER)
			p->holding_at = after_minutes(c, r->plan.holding_delay);
		if (lv->statement && !p->official_done && p->official_at == POP_NEVER)
			p->official_at = after_minutes(c, r->plan.statement_delay);
		level = k + 1;
	}

	if (!p->holding_done && !p->official_done && c->tick >= p->holding_at &&
	    p->b.budget > 0) {
		p->holding_done = 1;
		brand_message(&p->b, c, 1);
		brand_statement(c, &p->b, TONE_NEU, 0, 1, "holding statement",
		                "we know, we are looking into it, updates follow");
	}
	if (!p->official_done && c->tick >= p->official_at && p->b.budget > 0)
		official_statement(c, p);

	struct pending m;
	/* Customer service goes on at every level: monitoring means
	 * answering what is seen, not waiting for a crisis. */
	while (p->b.budget > 0 && brand_pop(&p->b, &m)) {
		if (c->pop->flags[m.agent] & POP_F_REPLIED)
			continue;  /* one answer per person: the line does not change */
		/* Without a qa array, the anonymous Q&A of qa_coverage: one
		 * draw per reply (none with a qa array). */
		int covered = !r->plan.has_qa &&
		              gsl_rng_uniform(c->resp_rng) < r->plan.qa_coverage;
		struct reply rp = plan_reply(r, m.topic, covered);
		brand_reply(c, &p->b, &m, &rp);
	}
}

const struct responder_strategy responder_plan = {
	.name = "plan",
	.summary = "crisis-communication plan: monitoring, stakeholder map, key messages, Q&A, holding and SCCT statements",
	.listens = 1,
	.init = plan_init,
	.free = plan_free,
	.act = plan_act,
};
