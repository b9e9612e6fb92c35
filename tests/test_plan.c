/* The plan as a document (responder.plan.stakeholders, messages, qa,
 * escalation; models/README.md §4 "plan"): loading and its errors, the
 * stakeholder map's order, Q&A matching by topic, key-message consistency
 * and the statement's strategy, escalation levels, statement_minutes and
 * the stakeholder report.
 *
 * Complaints carry topic 0 ("general") on this branch; the topic matching
 * is tested on the plan's functions with topics interned by hand. */
#include <criterion/criterion.h>
#include <math.h>

#include "brand.h"
#include "engine.h"
#include "helpers.h"
#include "netgen.h"
#include "rng.h"
#include "scenario.h"

static enum status parse(struct scenario *s, const char *text, char *err)
{
	return scenario_parse(s, text, "p.json", NULL, NULL, 0, err);
}

#define PLAN_HEAD "{\"ticks\": 60, \"network\": {\"nodes\": 500}, " \
	"\"responder\": {\"strategy\": \"plan\", \"plan\": "

/* ------------------------------------------------------------------------
 * Loading.
 */
Test(plan_doc, defaults_are_empty_and_keep_the_legacy_keys)
{
	struct scenario s;
	char err[SCN_ERRLEN];
	cr_assert_eq(parse(&s, "{}", err), ST_OK, "%s", err);
	cr_assert_eq(s.responder.plan.n_groups, 0);
	cr_assert_eq(s.responder.plan.n_messages, 0);
	cr_assert_eq(s.responder.plan.n_qa, 0);
	cr_assert(!s.responder.plan.has_qa);
	cr_assert_eq(s.responder.plan.n_levels, 0);
	char *json = scenario_to_json(&s);
	cr_assert(json);
	cr_assert_null(strstr(json, "stakeholders"), "absent arrays are not printed");
	cr_assert_null(strstr(json, "escalation"));
	free(json);
	spec_free(&s);
}

static const char *full_doc =
	PLAN_HEAD "{"
	"\"stakeholders\": ["
	"  {\"name\": \"press\", \"priority\": 10, \"select\": {\"role\": \"media\"}},"
	"  {\"name\": \"big\", \"priority\": 5, \"select\": {\"top\": 20, \"min_followers\": 3}},"
	"  {\"name\": \"vip\", \"priority\": 7, \"select\": {\"agents\": [4, 9]}},"
	"  {\"name\": \"detractors\", \"select\": {\"attitude_max\": -0.3}}],"
	"\"messages\": [{\"id\": \"sorry\", \"strategy\": \"rebuild\"},"
	"  {\"id\": \"facts\", \"strategy\": \"diminish\", \"topics\": [\"general\"]}],"
	"\"qa\": [{\"topic\": \"general\", \"quality\": 0.8}],"
	"\"escalation\": [{\"volume\": 5, \"holding\": true, \"capacity\": 4},"
	"  {\"volume\": 15, \"statement\": true}]}}}";

Test(plan_doc, full_document_loads_and_round_trips)
{
	struct scenario s, t;
	char err[SCN_ERRLEN];
	cr_assert_eq(parse(&s, full_doc, err), ST_OK, "%s", err);
	const struct responder_spec *r = &s.responder;
	cr_assert_eq(r->plan.n_groups, 4);
	cr_assert_str_eq(r->plan.groups[0].name, "press");
	cr_assert_eq(r->plan.groups[0].role, STAKE_MEDIA);
	cr_assert_eq(r->plan.groups[1].top, 20);
	cr_assert_eq(r->plan.groups[1].min_followers, 3);
	cr_assert_eq(r->plan.groups[2].n_agents, 2);
	cr_assert_eq(r->plan.groups[2].agents[1], 9);
	cr_assert_eq(r->plan.groups[3].priority, 0);
	cr_assert_eq(r->plan.groups[3].attitude_min, -1);
	cr_assert_eq(r->plan.groups[3].attitude_max, -0.3);
	cr_assert_eq(r->plan.n_messages, 2);
	cr_assert_eq(r->plan.messages[0].n_topics, 1, "default topics: general");
	cr_assert_eq(r->plan.messages[0].topics[0], 0);
	cr_assert_eq(r->plan.messages[1].strategy, SCCT_DIMINISH);
	cr_assert(r->plan.has_qa);
	cr_assert_eq(r->plan.n_qa, 1);
	cr_assert_eq(r->plan.qa[0].quality, 0.8);
	cr_assert_eq(r->plan.n_levels, 2);
	cr_assert_eq(r->plan.levels[0].capacity, 4);
	cr_assert(r->plan.levels[1].statement && !r->plan.levels[1].holding);

	char *json = scenario_to_json(&s);
	cr_assert(json);
	cr_assert_eq(parse(&t, json, err), ST_OK, "%s\n%s", err, json);
	char *again = scenario_to_json(&t);
	cr_assert_str_eq(json, again, "the resolved plan loads to the same plan");
	cr_assert_eq(memcmp(&s.responder.plan.groups, &t.responder.plan.groups,
	                    sizeof s.responder.plan.groups), 0);
	free(json);
	free(again);
	spec_free(&s);
	spec_free(&t);
}

Test(plan_doc, empty_qa_is_a_qa_covering_nothing)
{
	struct scenario s, t;
	char err[SCN_ERRLEN];
	cr_assert_eq(parse(&s, PLAN_HEAD "{\"qa\": []}}}", err), ST_OK, "%s", err);
	cr_assert(s.responder.plan.has_qa);
	cr_assert_eq(s.responder.plan.n_qa, 0);
	char *json = scenario_to_json(&s);
	cr_assert(strstr(json, "\"qa\":\t[]"), "%s", json);
	cr_assert_eq(parse(&t, json, err), ST_OK, "%s", err);
	cr_assert(t.responder.plan.has_qa);
	free(json);
	spec_free(&s);
	spec_free(&t);
}

/* Every bad plan document is ST_BADINPUT naming its JSON path. */
static const struct { const char *plan, *path, *what; } bad[] = {
	{ "{\"messages\": [{\"id\": \"a\", \"strategy\": \"rebuild\", \"topics\": [\"safety\"]}]}",
	  "responder.plan.messages[0].topics[0]", "unknown topic \"safety\"" },
	{ "{\"messages\": [{\"id\": \"a\", \"strategy\": \"deny\"}, {\"id\": \"a\", \"strategy\": \"rebuild\"}]}",
	  "responder.plan.messages[1].id", "duplicate message id" },
	{ "{\"messages\": [{\"id\": \"a\"}]}",
	  "responder.plan.messages[0].strategy", "required" },
	{ "{\"messages\": [{\"id\": \"a\", \"strategy\": \"apologise\"}]}",
	  "responder.plan.messages[0].strategy", "expected one of" },
	{ "{\"messages\": [{\"id\": \"a\", \"strategy\": \"deny\", \"topics\": [\"general\", \"general\"]}]}",
	  "responder.plan.messages[0].topics[1]", "duplicate topic" },
	{ "{\"messages\": [{\"id\": \"a\", \"strategy\": \"deny\", \"topics\": []}]}",
	  "responder.plan.messages[0].topics", "expected array of 1 to 16" },
	{ "{\"qa\": [{\"topic\": \"general\"}, {\"topic\": \"general\"}]}",
	  "responder.plan.qa[1].topic", "duplicate Q&A topic" },
	{ "{\"qa\": [{\"topic\": \"refund\"}]}",
	  "responder.plan.qa[0].topic", "unknown topic \"refund\"" },
	{ "{\"qa\": [{\"quality\": 0.5}]}", "responder.plan.qa[0].topic", "required" },
	{ "{\"qa\": [{\"topic\": \"general\", \"quality\": 2}]}",
	  "responder.plan.qa[0].quality", "[0, 1]" },
	{ "{\"qa\": {\"topic\": \"general\"}}", "responder.plan.qa", "expected array" },
	{ "{\"stakeholders\": [{\"name\": \"x\"}, {\"name\": \"x\"}]}",
	  "responder.plan.stakeholders[1].name", "duplicate group name" },
	{ "{\"stakeholders\": [{\"priority\": 1}]}",
	  "responder.plan.stakeholders[0].name", "required" },
	{ "{\"stakeholders\": [{\"name\": \"x\", \"select\": {\"attitude_min\": 0.5, \"attitude_max\": 0.1}}]}",
	  "responder.plan.stakeholders[0].select.attitude_max", "attitude_min" },
	{ "{\"stakeholders\": [{\"name\": \"x\", \"select\": {\"role\": \"brand\"}}]}",
	  "responder.plan.stakeholders[0].select.role", "expected one of" },
	{ "{\"stakeholders\": [{\"name\": \"x\", \"select\": {\"agents\": [-1]}}]}",
	  "responder.plan.stakeholders[0].select.agents[0]", "integer" },
	{ "{\"stakeholders\": [{\"name\": \"x\", \"select\": {\"rol\": \"media\"}}]}",
	  "responder.plan.stakeholders[0].select.rol", "unknown key" },
	{ "{\"escalation\": [{\"volume\": 10}, {\"volume\": 5}]}",
	  "responder.plan.escalation[1].volume", "above the previous" },
	{ "{\"escalation\": []}", "responder.plan.escalation", "empty array" },
	{ "{\"escalation\": [{\"holding\": true}]}",
	  "responder.plan.escalation[0].volume", "required" },
};

Test(plan_doc, bad_documents_name_the_path)
{
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		char text[1024], err[SCN_ERRLEN];
		struct scenario s;
		snprintf(text, sizeof text, PLAN_HEAD "%s}}", bad[k].plan);
		cr_assert_eq(parse(&s, text, err), ST_BADINPUT, "case %zu loaded", k);
		cr_assert(strstr(err, bad[k].path), "case %zu: %s", k, err);
		cr_assert(strstr(err, bad[k].what), "case %zu: %s", k, err);
		spec_free(&s);
	}
}

/* Through the command line: exit 2 and the path, for the loader's cases
 * and for those only the population can tell. */
Test(plan_doc, bad_documents_exit_2)
{
	static const struct { const char *plan, *path; } cli[] = {
		{ "{\"messages\": [{\"id\": \"a\", \"strategy\": \"rebuild\", \"topics\": [\"safety\"]}]}",
		  "responder.plan.messages[0].topics[0]" },
		{ "{\"qa\": [{\"topic\": \"general\"}, {\"topic\": \"general\"}]}",
		  "responder.plan.qa[1].topic" },
		{ "{\"stakeholders\": [{\"name\": \"a\"}, {\"name\": \"nobody\", \"select\": {\"min_followers\": 100000}}]}",
		  "responder.plan.stakeholders[1]: the group \"nobody\" selects nobody" },
		{ "{\"stakeholders\": [{\"name\": \"x\", \"select\": {\"agents\": [3, 99999]}}]}",
		  "responder.plan.stakeholders[0].select.agents[1]" },
		{ "{\"stakeholders\": [{\"name\": \"x\", \"select\": {\"role\": \"media\", \"attitude_min\": 0.99}}]}",
		  "responder.plan.stakeholders[0]: the group \"x\" selects nobody" },
	};
	char dir[] = "/tmp/crisim-plan-XXXXXX";
	cr_assert(mkdtemp(dir));
	for (size_t k = 0; k < sizeof cli / sizeof cli[0]; k++) {
		char path[128], cmd[512], err[2048];
		snprintf(path, sizeof path, "%s/bad%zu.json", dir, k);
		FILE *f = fopen(path, "w");
		cr_assert(f);
		fprintf(f, PLAN_HEAD "%s}}\n", cli[k].plan);
		fclose(f);
		snprintf(cmd, sizeof cmd, "%s run %s -q -o %s/out%zu", crisim_bin(),
		         path, dir, k);
		int rc = run_cmd(cmd, NULL, 0, err, sizeof err);
		cr_assert_eq(rc, 2, "case %zu: exit %d: %s", k, rc, err);
		cr_assert(strstr(err, cli[k].path), "case %zu: %s", k, err);
		remove(path);
	}
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

/* ------------------------------------------------------------------------
 * The stakeholder map.
 */

/* A 3-agent population is enough for the queue: the brand's listening
 * ranks by tier (group priority) first, then by the key. */
static double prio_by_id(const struct model_ctx *c, uint32_t j, uint32_t posted)
{
	(void)c;
	(void)posted;
	return (double)j;  /* the audience rule would answer 5 first */
}

static double tier_even(const struct model_ctx *c, uint32_t j)
{
	(void)c;
	return j % 2 == 0 ? 10.0 : (j == 1 ? -1.0 : 0.0);
}

Test(plan_map, queue_orders_by_group_priority_then_key)
{
	struct scenario s;
	char err[SCN_ERRLEN];
	cr_assert_eq(parse(&s, "{\"responder\": {\"coverage\": 1, "
	             "\"detection_delay\": 0}}", err), ST_OK, "%s", err);
	uint8_t role[6] = { 0 };
	struct population pop = { .n = 6, .role = role };
	struct mention_log m = { 0 };
	struct event_log log = { 0 };
	struct tick_counts tc = { 0 };
	for (uint32_t j = 0; j < 6; j++)
		cr_assert_eq(mention_log_push(&m, 0, j, 0), 0);
	struct model_ctx c = { .scn = &s, .pop = &pop, .mentions = &m,
	                       .log = &log, .tc = &tc,
	                       .resp_rng = rng_stream(1, RNG_RESPONDER, 0) };
	struct brand b;
	cr_assert_eq(brand_init(&b, &c), 0);
	brand_listen_tiered(&c, &b, prio_by_id, tier_even);
	/* tiers: 0,2,4 -> 10; 3,5 -> 0; 1 -> -1 (in no group). */
	const uint32_t want[6] = { 4, 2, 0, 5, 3, 1 };
	struct pending p;
	for (int k = 0; k < 6; k++) {
		cr_assert(brand_pop(&b, &p));
		cr_assert_eq(p.agent, want[k], "reply %d went to %u, not %u", k,
		             p.agent, want[k]);
	}
	cr_assert(!brand_pop(&b, &p));
	/* Without tiers the key alone orders: today's rule. */
	b.cursor = 0;
	brand_listen(&c, &b, prio_by_id);
	for (uint32_t k = 0; k < 6; k++) {
		cr_assert(brand_pop(&b, &p));
		cr_assert_eq(p.agent, 5 - k);
	}
	brand_free(&b);
	gsl_rng_free(c.resp_rng);
	mention_log_free(&m);
	event_log_free(&log);
	spec_free(&s);
}

/* Population and graph of a scenario text, for plan_map_groups. */
struct world {
	struct scenario s;
	struct graph g;
	struct population pop;
};

static void world_init(struct world *w, const char *text)
{
	char err[SCN_ERRLEN];
	cr_assert_eq(parse(&w->s, text, err), ST_OK, "%s", err);
	cr_assert_eq(netgen_build(&w->s.network, w->s.seed, &w->g, NULL, err,
	                          sizeof err), 0, "%s", err);
	gsl_rng *r = rng_stream(w->s.seed, RNG_POPULATION, 0);
	cr_assert_eq(population_init(&w->pop, &w->g, &w->s.population, r, err,
	                             sizeof err), 0, "%s", err);
	gsl_rng_free(r);
}

static void world_free(struct world *w)
{
	population_free(&w->pop);
	graph_free(&w->g);
	spec_free(&w->s);
}

Test(plan_map, groups_select_by_role_audience_attitude_and_ids)
{
	struct world w;
	world_init(&w, full_doc);
	uint32_t n = w.pop.n;
	uint8_t *group = malloc(n);
	uint64_t members[SPEC_MAX_GROUPS];
	char err[256];
	cr_assert_eq(plan_map_groups(&w.s, &w.g, &w.pop, group, members, err,
	                             sizeof err), ST_OK, "%s", err);
	/* Rank by followers, ties by id, to check "top 20". */
	uint32_t *deg = malloc(n * sizeof *deg);
	for (uint32_t j = 0; j < n; j++)
		deg[j] = graph_out_degree(&w.g, j);
	uint64_t count[4] = { 0 }, selected_big = 0;
	for (uint32_t j = 0; j < n; j++) {
		uint32_t above = 0;  /* accounts ranked before j */
		for (uint32_t i = 0; i < n; i++)
			above += deg[i] > deg[j] || (deg[i] == deg[j] && i < j);
		int person = w.pop.role[j] != ROLE_BRAND;  /* the brand: no group */
		int media = w.pop.role[j] == ROLE_MEDIA;
		int big = above < 20 && deg[j] >= 3 && person;
		int vip = (j == 4 || j == 9) && person;
		int det = (double)w.pop.attitude[j] <= -0.3 && person;  /* as the map compares */
		/* The highest-priority group that selects j: press 10, vip 7,
		 * big 5, detractors 0; a group's members are those it gets. */
		uint8_t want = media ? 0 : vip ? 2 : big ? 1 : det ? 3 : PLAN_NO_GROUP;
		if (want != PLAN_NO_GROUP)
			count[want]++;
		selected_big += (uint64_t)big;
		cr_assert_eq(group[j], want, "agent %u: group %u, expected %u", j,
		             group[j], want);
	}
	for (int k = 0; k < 4; k++)
		cr_assert_eq(members[k], count[k], "group %d: %llu members, expected "
		             "%llu", k, (unsigned long long)members[k],
		             (unsigned long long)count[k]);
	cr_assert(selected_big > 0 && selected_big <= 20);
	cr_assert(count[0] > 0 && count[1] > 0 && count[3] > 0);
	/* Checking only (no map to fill): members are those selected. */
	cr_assert_eq(plan_map_groups(&w.s, &w.g, &w.pop, NULL, members, err,
	                             sizeof err), ST_OK, "%s", err);
	cr_assert_eq(members[1], selected_big);
	cr_assert_eq(group[w.pop.brand], PLAN_NO_GROUP, "the brand is in no group");
	free(deg);
	free(group);
	world_free(&w);
}

/* End to end: one reply per tick against a crisis started by ten
 * influencers swamps the team, so the order is what the map decides.  The
 * same runs (common random numbers until the first reply) with the
 * influencers' group first and then below the customers': the group first
 * gets most of its complainants answered, last almost none.  Asserted per
 * run at fixed seeds (4 runs; at these seeds the shares are about 0.9
 * against 0.03, far from a coin flip). */
Test(plan_map, replies_go_to_the_higher_group_first)
{
	const char *fmt =
		"{\"ticks\": 48, \"network\": {\"nodes\": 10000},"
		" \"events\": [{\"tick\": 0, \"target\": \"influencer\", \"count\": 10}],"
		" \"responder\": {\"strategy\": \"plan\", \"capacity\": 1,"
		"  \"plan\": {\"stakeholders\": ["
		"   {\"name\": \"influencers\", \"priority\": %d, \"select\": {\"role\": \"influencer\"}},"
		"   {\"name\": \"customers\", \"priority\": 5, \"select\": {\"role\": \"customer\"}}]}}}";
	char text[1024], err[SCN_ERRLEN];
	struct scenario s[2];
	struct graph g;
	int prio[2] = { 10, 0 };
	for (int v = 0; v < 2; v++) {
		snprintf(text, sizeof text, fmt, prio[v]);
		cr_assert_eq(parse(&s[v], text, err), ST_OK, "%s", err);
	}
	cr_assert_eq(netgen_build(&s[0].network, s[0].seed, &g, NULL, err, sizeof err), 0);
	for (uint64_t run = 0; run < 4; run++) {
		double share[2];
		for (int v = 0; v < 2; v++) {
			struct run_result r;
			cr_assert_eq(engine_run(&s[v], &g, run, &r, err, sizeof err), 0, "%s", err);
			cr_assert_eq(r.tally.n_groups, 2);
			cr_assert_eq(r.tally.members[0], 100, "1 %% of 10000 are influencers");
			cr_assert(r.tally.complained[0] > 0, "influencers complain");
			cr_assert(r.tally.answered[0] <= r.tally.complained[0]);
			cr_assert(r.tally.complained[0] <= r.tally.members[0]);
			share[v] = (double)r.tally.answered[0] / (double)r.tally.complained[0];
			run_result_free(&r);
		}
		cr_assert_gt(share[0], 0.5, "run %llu: first, answered share %g",
		             (unsigned long long)run, share[0]);
		cr_assert_lt(share[1], 0.2, "run %llu: last, answered share %g",
		             (unsigned long long)run, share[1]);
	}
	graph_free(&g);
	spec_free(&s[0]);
	spec_free(&s[1]);
}

Test(plan_map, report_in_summary_json)
{
	char dir[] = "/tmp/crisim-planrep-XXXXXX";
	cr_assert(mkdtemp(dir));
	char path[128], cmd[512], err[2048];
	snprintf(path, sizeof path, "%s/s.json", dir);
	FILE *f = fopen(path, "w");
	cr_assert(f);
	fputs(PLAN_HEAD "{\"stakeholders\": [{\"name\": \"influencers\", "
	      "\"priority\": 2, \"select\": {\"role\": \"influencer\"}}]}}}\n", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "%s run %s -q -o %s/out", crisim_bin(), path, dir);
	cr_assert_eq(run_cmd(cmd, NULL, 0, err, sizeof err), 0, "%s", err);
	snprintf(path, sizeof path, "%s/out/summary.json", dir);
	char *js = slurp(path);
	cr_assert(js);
	cr_assert(strstr(js, "\"stakeholders\": {\n    \"influencers\": { "
	                 "\"priority\": 2, \"members\": 5, \"complained\": "), "%s", js);
	free(js);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

/* ------------------------------------------------------------------------
 * Q&A matching and key messages, by topic.
 */

/* A scenario with topics safety (1) and refund (2), interned by hand as
 * the timeline's events[].topics would. */
static void with_topics(struct scenario *s)
{
	char err[SCN_ERRLEN];
	cr_assert_eq(parse(s, "{\"responder\": {\"gaffe_prob\": 0.2, \"plan\": "
	             "{\"qa_gaffe_prob\": 0.01}}}", err), ST_OK, "%s", err);
	cr_assert_eq(spec_topic_intern(s, "safety"), 1);
	cr_assert_eq(spec_topic_intern(s, "refund"), 2);
}

Test(plan_qa, covered_topic_uses_the_prepared_answer)
{
	struct scenario s;
	with_topics(&s);
	struct responder_spec *r = &s.responder;
	r->plan.has_qa = true;
	r->plan.qa[0] = (struct qa_entry){ 1, 0.7 };
	r->plan.n_qa = 1;
	struct reply a = plan_reply(r, 1, 0);
	cr_assert(a.prepared);
	cr_assert_eq(a.gaffe_prob, 0.01);
	cr_assert_float_eq(a.shortfall, 0.3, 1e-12);
	/* The draw of the shorthand does not count with a qa array. */
	struct reply b = plan_reply(r, 2, 1);
	cr_assert(!b.prepared, "refund has no entry: improvised");
	cr_assert_eq(b.gaffe_prob, 0.2);
	cr_assert_eq(b.shortfall, 0);
	struct reply g = plan_reply(r, 0, 1);
	cr_assert(!g.prepared, "general has no entry either");
	/* No messages: every reply is consistent. */
	cr_assert(a.consistent && b.consistent && g.consistent);
	spec_free(&s);
}

Test(plan_qa, shorthand_follows_the_draw)
{
	struct scenario s;
	with_topics(&s);
	struct responder_spec *r = &s.responder;
	cr_assert(!r->plan.has_qa);
	struct reply a = plan_reply(r, 2, 1), b = plan_reply(r, 2, 0);
	cr_assert(a.prepared && a.gaffe_prob == 0.01 && a.shortfall == 0);
	cr_assert(!b.prepared && b.gaffe_prob == 0.2);
	spec_free(&s);
}

Test(plan_qa, key_messages_decide_consistency_and_the_statement)
{
	struct scenario s;
	with_topics(&s);
	struct responder_spec *r = &s.responder;
	r->plan.messages[0] = (struct key_message){ .id = "facts",
		.strategy = SCCT_DENY, .topics = { 2 }, .n_topics = 1 };
	r->plan.messages[1] = (struct key_message){ .id = "care",
		.strategy = SCCT_DIMINISH, .topics = { 1 }, .n_topics = 1 };
	r->plan.n_messages = 2;
	cr_assert(plan_reply(r, 1, 0).consistent);
	cr_assert(plan_reply(r, 2, 0).consistent);
	cr_assert(!plan_reply(r, 0, 0).consistent, "no message covers general");
	struct event_spec e = { .n_topics = 1, .topics = { { 2, 1.0 } } };
	cr_assert_eq(plan_statement_strategy(r, &e), SCCT_DENY,
	             "a refund crisis: the refund message's strategy");
	e.topics[0].topic = 1;
	cr_assert_eq(plan_statement_strategy(r, &e), SCCT_DIMINISH);
	e.topics[0].topic = 0;
	cr_assert_eq(plan_statement_strategy(r, &e), SCCT_DIMINISH,
	             "no message covers the crisis: the strongest of all");
	r->plan.n_messages = 0;
	cr_assert_eq(plan_statement_strategy(r, &e), r->plan.statement);
	spec_free(&s);
}

/* A plan reply's types come from the key message of its topic (the
 * strongest covering it): rebuild = regret + a corrective offer (private
 * by default), diminish = thanks, deny = an explanation only, no message
 * for the topic = information only; without messages, plan.statement. */
Test(plan_qa, reply_types_follow_the_key_message)
{
	struct scenario s;
	with_topics(&s);
	struct responder_spec *r = &s.responder;
	struct reply d = plan_reply(r, 0, 0);
	cr_assert(r->plan.statement == SCCT_REBUILD && d.regret && d.corrective &&
	          !d.thanks && d.private_channel,
	          "no messages, default rebuild statement: regret + private corrective");
	r->plan.private_compensation = false;
	cr_assert(!plan_reply(r, 0, 0).private_channel);
	r->plan.statement = SCCT_DENY;
	d = plan_reply(r, 0, 0);
	cr_assert(!d.regret && !d.corrective && !d.thanks, "deny: facts only");
	r->plan.messages[0] = (struct key_message){ .id = "facts",
		.strategy = SCCT_DENY, .topics = { 2 }, .n_topics = 1 };
	r->plan.messages[1] = (struct key_message){ .id = "care",
		.strategy = SCCT_DIMINISH, .topics = { 1 }, .n_topics = 1 };
	r->plan.messages[2] = (struct key_message){ .id = "sorry",
		.strategy = SCCT_REBUILD, .topics = { 2 }, .n_topics = 1 };
	r->plan.n_messages = 2;
	struct reply care = plan_reply(r, 1, 0), facts = plan_reply(r, 2, 0),
	             none = plan_reply(r, 0, 0);
	cr_assert(care.thanks && !care.regret && !care.corrective);
	cr_assert(!facts.thanks && !facts.regret && !facts.corrective);
	cr_assert(!none.thanks && !none.regret && !none.corrective && !none.consistent);
	r->plan.n_messages = 3;
	struct reply both = plan_reply(r, 2, 0);
	cr_assert(both.regret && both.corrective && !both.thanks,
	          "deny and rebuild both cover refund: the strongest, rebuild");
	spec_free(&s);
}

/* End to end on the topic every complaint carries here ("general"): a Q&A
 * covering it answers every reply from the prepared text, an empty one
 * none; the counts add up to the replies. */
static void qa_run(const char *qa, struct summary *out)
{
	char text[512], err[SCN_ERRLEN];
	struct scenario s;
	struct graph g;
	struct run_result r;
	snprintf(text, sizeof text, "{\"ticks\": 120, \"network\": {\"nodes\": "
	         "3000}, \"responder\": {\"strategy\": \"plan\", \"plan\": "
	         "{\"qa\": %s}}}", qa);
	cr_assert_eq(parse(&s, text, err), ST_OK, "%s", err);
	cr_assert_eq(netgen_build(&s.network, s.seed, &g, NULL, err, sizeof err), 0);
	cr_assert_eq(engine_run(&s, &g, 0, &r, err, sizeof err), 0, "%s", err);
	*out = r.summary;
	run_result_free(&r);
	graph_free(&g);
	spec_free(&s);
}

Test(plan_qa, counts_prepared_and_improvised_replies)
{
	struct summary all, none;
	qa_run("[{\"topic\": \"general\"}]", &all);
	qa_run("[]", &none);
	cr_assert_gt(all.v[SUM_replies], 0);
	cr_assert_eq(all.v[SUM_qa_replies], all.v[SUM_replies]);
	cr_assert_eq(all.v[SUM_improvised_replies], 0);
	cr_assert_gt(none.v[SUM_replies], 0);
	cr_assert_eq(none.v[SUM_qa_replies], 0);
	cr_assert_eq(none.v[SUM_improvised_replies], none.v[SUM_replies]);
}

/* ------------------------------------------------------------------------
 * Escalation and statement_minutes.
 */
static void run_text(const char *text, struct run_result *r)
{
	char err[SCN_ERRLEN];
	struct scenario s;
	struct graph g;
	cr_assert_eq(parse(&s, text, err), ST_OK, "%s", err);
	cr_assert_eq(netgen_build(&s.network, s.seed, &g, NULL, err, sizeof err), 0);
	cr_assert_eq(engine_run(&s, &g, 0, r, err, sizeof err), 0, "%s", err);
	graph_free(&g);
	spec_free(&s);
}

static const struct event *find_event(const struct run_result *r,
                                      const char *kind, const char *detail)
{
	for (size_t k = 0; k < r->log.n; k++)
		if (strcmp(r->log.v[k].kind, kind) == 0 &&
		    (!detail || strstr(r->log.v[k].detail, detail)))
			return &r->log.v[k];
	return NULL;
}

Test(plan_escalation, default_matrix_issues_the_statement)
{
	struct run_result r;
	run_text("{\"network\": {\"nodes\": 10000}, \"events\": [{\"tick\": 2, "
	         "\"target\": \"influencer\", \"count\": 3}], \"responder\": "
	         "{\"strategy\": \"plan\", \"plan\": {\"crisis_volume\": 10}}}", &r);
	const struct event *e = find_event(&r, "statement", NULL);
	cr_assert(e, "the official statement goes out");
	cr_assert(find_event(&r, "escalation", "crisis mode"));
	cr_assert_float_eq(r.summary.v[SUM_statement_minutes],
	                   ((double)e->tick - 2.0) * 5.0, 1e-9);
	cr_assert_eq(r.tally.statement_tick, e->tick);
	run_result_free(&r);
}

Test(plan_escalation, never_reached_statement_is_nan)
{
	struct run_result r;
	run_text("{\"network\": {\"nodes\": 3000}, \"responder\": {\"strategy\": "
	         "\"plan\", \"plan\": {\"escalation\": [{\"volume\": 1, "
	         "\"holding\": true}, {\"volume\": 1e9, \"statement\": true}]}}}",
	         &r);
	cr_assert(isnan(r.summary.v[SUM_statement_minutes]));
	cr_assert(find_event(&r, "holding statement", NULL));
	cr_assert_null(find_event(&r, "statement", NULL));
	run_result_free(&r);
	/* Not the plan: no official statement either. */
	run_text("{\"network\": {\"nodes\": 3000}, \"responder\": {\"strategy\": "
	         "\"adhoc\"}}", &r);
	cr_assert(isnan(r.summary.v[SUM_statement_minutes]));
	cr_assert_eq(r.summary.v[SUM_qa_replies], 0);
	cr_assert_eq(r.summary.v[SUM_improvised_replies], r.summary.v[SUM_replies],
	             "every web guy reply is improvised");
	run_result_free(&r);
}

Test(plan_escalation, stealing_thunder_is_negative_minutes)
{
	struct run_result r;
	run_text("{\"network\": {\"nodes\": 3000}, \"events\": [{\"tick\": 4, "
	         "\"target\": \"influencer\"}], \"responder\": {\"strategy\": "
	         "\"plan\", \"plan\": {\"stealing_thunder\": true}}}", &r);
	cr_assert_float_eq(r.summary.v[SUM_statement_minutes], -5.0, 1e-9,
	                   "disclosed in the tick before the incident");
	run_result_free(&r);
}

/* Levels: three of them, each reached as the volume passes it; a level's
 * capacity holds from the tick after it is reached. */
Test(plan_escalation, levels_and_their_capacity)
{
	struct run_result r;
	run_text("{\"network\": {\"nodes\": 3000}, \"events\": [{\"tick\": 0, "
	         "\"target\": \"influencer\", \"count\": 3}], \"responder\": "
	         "{\"strategy\": \"plan\", \"capacity\": 8, \"plan\": "
	         "{\"escalation\": [{\"volume\": 0, \"capacity\": 1}, "
	         "{\"volume\": 2, \"holding\": true, \"capacity\": 2}, "
	         "{\"volume\": 1e8, \"statement\": true}]}}}", &r);
	double max_level = 0;
	uint32_t reached2 = UINT32_MAX;
	for (uint32_t t = 0; t < r.series.rows; t++) {
		const double *row = r.series.v + (size_t)t * SERIES_NCOL;
		double level = row[COL_escalation];
		max_level = fmax(max_level, level);
		double acts = row[COL_replies] + row[COL_statements];
		if (t > 0) {
			const double *prev = row - SERIES_NCOL;
			double cap = prev[COL_escalation] >= 2 ? 2 : 1;
			cr_assert_leq(acts, cap, "tick %u: %g actions at level %g", t,
			              acts, prev[COL_escalation]);
		}
		if (level >= 2 && reached2 == UINT32_MAX)
			reached2 = t;
	}
	cr_assert_eq(max_level, 2, "level 3 (1e8 mentions/hour) is never reached");
	cr_assert(reached2 != UINT32_MAX);
	cr_assert(find_event(&r, "escalation", "level 1: 1 actions per tick"));
	cr_assert(find_event(&r, "escalation", "respond mode"));
	cr_assert(isnan(r.summary.v[SUM_statement_minutes]));
	run_result_free(&r);
}

/* End to end, now that complaints draw their topic (events[].topics): a
 * Q&A covering only "safety" (weight 0.6 of the incident's questions)
 * answers with the prepared answer about 60 % of the replies.  The topic
 * of each complaint is an independent draw, and which complaints get a
 * reply depends on the author, not the topic, so the prepared share of R
 * replies is binomial(R, 0.6): the bound is 5 sd, sqrt(0.24 / R), about
 * 0.065 for the ~1400 replies of these 5 runs of the demo scenario (a false failure has
 * probability below 1e-6). */
Test(plan_qa, coverage_follows_the_topics_the_crisis_raises)
{
	double qa = 0, imp = 0;
	for (uint64_t run = 0; run < 5; run++) {
		char err[SCN_ERRLEN];
		struct scenario s;
		struct graph g;
		struct run_result r;
		const char *sets[] = {
			"events[0].topics=[{\"topic\": \"safety\", \"weight\": 0.6}, "
			"{\"topic\": \"refund\", \"weight\": 0.4}]",
			"responder.plan.qa=[{\"topic\": \"safety\"}]",
			"responder.plan.messages=[]",
		};
		cr_assert_eq(scenario_load(&s, "scenarios/default.json", sets, 3, err),
		             ST_OK, "%s", err);
		cr_assert_eq(netgen_build(&s.network, s.seed, &g, NULL, err, sizeof err), 0);
		cr_assert_eq(engine_run(&s, &g, run, &r, err, sizeof err), 0, "%s", err);
		qa += r.summary.v[SUM_qa_replies];
		imp += r.summary.v[SUM_improvised_replies];
		run_result_free(&r);
		graph_free(&g);
		spec_free(&s);
	}
	double n = qa + imp, share = qa / n;
	cr_assert_gt(n, 200, "too few replies (%g) for the bound", n);
	cr_assert(fabs(share - 0.6) < 5 * sqrt(0.24 / n),
	          "prepared share %g of %g replies, expected 0.6", share, n);
}
