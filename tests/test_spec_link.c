/* test_spec_link — the engine and the models run without the JSON loader.
 *
 * This program is linked from the engine, models, population, network,
 * series, rng and spec objects only: no sim/scenario*.o and no -lcjson
 * (Makefile, target `spec-link`).  If the engine, a model or the network
 * code ever calls the loader again (scenario_*, cJSON_*), this binary fails
 * to link and `make test` fails with it.
 *
 * The scenario is built by hand in C, as a program embedding the engine
 * would: a small connected graph, one incident on an influencer, the
 * cascade rule and no responder.  Two outcomes are exact, so the test can
 * fail for a wrong run as well as for a wrong link:
 *   p = 1: every arc transmits, and a Barabási–Albert graph is connected
 *          (each newcomer ties to earlier vertices), so the story reaches
 *          every agent;
 *   p = 0: nothing transmits, so only the seeded agent hears of it.
 * Plain C with exit status, not Criterion: the Criterion runner links
 * every object, the loader included.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "netgen.h"
#include "spec.h"

static int failures;

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "test_spec_link: %s:%d: %s: ", __FILE__, \
		        __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		failures++; \
	} \
} while (0)

#define NODES 300u
#define TICKS 40u

/* A scenario by hand: the values the loader would fill in as defaults
 * where the cascade and the silent responder read them. */
static void tiny_scenario(struct scenario *s, struct event_spec *incident,
                          double p)
{
	*incident = (struct event_spec){
		.tick = 1, .kind = EV_INCIDENT, .target = TGT_INFLUENCER,
		.count = 1, .crisis = CRISIS_ACCIDENTAL, .arousal = 0.8,
	};
	*s = (struct scenario){
		.seed = 7, .ticks = TICKS, .tick_minutes = 5,
		.network = {
			.model = NET_BARABASI_ALBERT, .nodes = NODES,
			.reciprocity = 1.0, .m = 2,
		},
		.population = {
			.influencer_share = 0.01, .media = 3, .fans = 0.2,
			.detractors = 0.1, .attitude_sd = 0.15,
			.activity_median = 1.0, .activity_sigma = 1.0,
		},
		.spread = { .p = p },
		.events = incident, .n_events = 1,
		.responder = { .capacity = 3, .detection_delay = 10,
		               .coverage = 0.8, .reputation = 0.5 },
	};
	snprintf(s->spread.rule, sizeof s->spread.rule, "cascade");
	snprintf(s->responder.strategy, sizeof s->responder.strategy, "none");
}

static void run_case(double p, double want_reach)
{
	struct scenario s;
	struct event_spec incident;
	struct graph g = { 0 };
	struct run_result res;
	char err[512];
	int incidents = 0;

	tiny_scenario(&s, &incident, p);
	if (netgen_build(&s.network, s.seed, &g, NULL, err, sizeof err) != 0) {
		CHECK(0, "netgen_build: %s", err);
		return;
	}
	CHECK(g.n == NODES, "graph has %u nodes", g.n);
	CHECK(engine_check(&s, &g, err, sizeof err) == ST_OK, "%s", err);
	if (engine_run(&s, &g, 0, &res, err, sizeof err) != ST_OK) {
		CHECK(0, "engine_run: %s", err);
		graph_free(&g);
		return;
	}
	CHECK(res.series.rows == TICKS, "%u rows", res.series.rows);
	for (size_t k = 0; k < res.log.n; k++)
		incidents += strcmp(res.log.v[k].kind, "incident") == 0;
	CHECK(incidents == 1, "%d incident events logged", incidents);
	CHECK(res.summary.v[SUM_reach] == want_reach,
	      "p = %g: reach %g, expected %g", p, res.summary.v[SUM_reach],
	      want_reach);
	run_result_free(&res);
	graph_free(&g);
	/* s owns nothing here (its events are on the stack): no spec_free. */
}

int main(void)
{
	/* The names are spec's, available without the loader. */
	CHECK(strcmp(spec_net_model_name(NET_FILE), "file") == 0, "file");
	CHECK(strcmp(spec_crisis_name(CRISIS_PREVENTABLE), "preventable") == 0,
	      "preventable");
	run_case(1.0, NODES);
	run_case(0.0, 1);
	if (failures) {
		fprintf(stderr, "test_spec_link: %d failure%s\n", failures,
		        failures == 1 ? "" : "s");
		return 1;
	}
	printf("test_spec_link: engine ran without the loader (2 runs)\n");
	return 0;
}
