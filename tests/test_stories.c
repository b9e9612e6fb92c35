/* The story scenarios of the library: every shipped scenario loads and runs,
 * and the lessons of the timeline stories (parents-complaint,
 * journalists-call, late-recall) hold at their fixed seeds.
 *
 * Comparisons run both variants on the same run indices 0..R-1 (common
 * random numbers) and test the mean paired difference against its standard
 * error, as tests/test_crisis.c does: "clearly lower" means more than 2
 * standard errors below zero (one-sided, ~2 % when there is no effect).  The
 * effects asserted here were measured over 100 runs (README, the scenario
 * library) at 5 to 20 standard errors of R = 20 runs, so the tests are
 * deterministic and not marginal; each would fail if the lesson's mechanism
 * (the revelation changing the fit, the inquiry's negative report) were
 * removed. */
#include <criterion/criterion.h>
#include <glob.h>
#include <math.h>
#include <string.h>

#include "engine.h"
#include "netgen.h"
#include "scenario.h"

#define R 20
#define NSETS(a) (sizeof (a) / sizeof *(a))

struct variant {
	double damage[R];
	int logged[R];  /* log entries matching the variant's probe */
};

/* Runs 0..R-1 of `file` with `sets`; counts, per run, the log entries of
 * kind `kind` whose detail contains `part` (kind NULL: none). */
static void run_variant(const char *file, const char *const *sets, size_t n_sets,
                        const char *kind, const char *part, struct variant *out)
{
	struct scenario s;
	struct graph g;
	char err[SCN_ERRLEN];
	cr_assert_eq(scenario_load(&s, file, sets, n_sets, err), 0, "%s", err);
	cr_assert_eq(netgen_build(&s.network, s.seed, &g, NULL, err, sizeof err), 0, "%s", err);
	for (uint64_t run = 0; run < R; run++) {
		struct run_result r;
		cr_assert_eq(engine_run(&s, &g, run, &r, err, sizeof err), 0, "%s", err);
		out->damage[run] = r.summary.v[SUM_damage];
		out->logged[run] = 0;
		for (size_t k = 0; kind && k < r.log.n; k++)
			if (strcmp(r.log.v[k].kind, kind) == 0 &&
			    (!part || strstr(r.log.v[k].detail, part)))
				out->logged[run]++;
		run_result_free(&r);
	}
	graph_free(&g);
	spec_free(&s);
}

/* a's damage is clearly lower than b's: mean of a - b below -2 se. */
static void assert_lower(const struct variant *a, const struct variant *b,
                         const char *what)
{
	double s = 0, s2 = 0;
	for (int k = 0; k < R; k++) {
		double d = a->damage[k] - b->damage[k];
		s += d;
		s2 += d * d;
	}
	double m = s / R, se = sqrt(fmax((s2 - R * m * m) / (R - 1), 0) / R);
	cr_assert(m < -2 * se, "%s: damage should be clearly lower: mean difference %g, se %g",
	          what, m, se);
}

static int runs_with(const struct variant *v)
{
	int n = 0;
	for (int k = 0; k < R; k++)
		n += v->logged[k] > 0;
	return n;
}

/* Every JSON file of scenarios/ loads and runs under every strategy, so a new
 * scenario of the library cannot ship unloadable (tests/test_crisis.c names
 * its list by hand). */
Test(stories, every_shipped_scenario_loads_and_runs, .timeout = 240)
{
	glob_t gl;
	cr_assert_eq(glob("scenarios/*.json", 0, NULL, &gl), 0, "no scenarios/*.json");
	cr_assert_geq(gl.gl_pathc, 13, "the library has at least 13 scenarios, found %zu",
	              gl.gl_pathc);
	static const char *const strategies[] = { "none", "adhoc", "plan" };
	for (size_t f = 0; f < gl.gl_pathc; f++)
		for (int k = 0; k < 3; k++) {
			char set[64], err[SCN_ERRLEN];
			snprintf(set, sizeof set, "responder.strategy=%s", strategies[k]);
			const char *sets[] = { set };
			struct scenario s;
			struct graph g;
			const char *file = gl.gl_pathv[f];
			cr_assert_eq(scenario_load(&s, file, sets, 1, err), 0, "%s", err);
			cr_assert_eq(netgen_build(&s.network, s.seed, &g, NULL, err, sizeof err), 0,
			             "%s: %s", file, err);
			cr_assert_eq(engine_check(&s, &g, err, sizeof err), 0, "%s: %s", file, err);
			struct run_result r;
			cr_assert_eq(engine_run(&s, &g, 0, &r, err, sizeof err), 0, "%s: %s", file, err);
			cr_assert_gt(r.summary.v[SUM_reach], 0, "%s: the story happens", file);
			run_result_free(&r);
			graph_free(&g);
			spec_free(&s);
		}
	globfree(&gl);
}

/* parents-complaint: the hour-1 diminish statement fits the accident; the
 * same line repeated after the revelation (accidental -> preventable) is too
 * weak and backfires, and updating it to rebuild lowers the damage under
 * every strategy (measured, 100 runs: none -378, adhoc -282, plan -656). */
Test(stories, parents_complaint_the_hour_one_line_stops_fitting, .timeout = 120)
{
	static const char *const file = "scenarios/parents-complaint.json";
	static const char *const strategies[] = { "none", "adhoc", "plan" };
	for (int k = 0; k < 3; k++) {
		static struct variant kept, updated, first;
		char set[64];
		snprintf(set, sizeof set, "responder.strategy=%s", strategies[k]);
		const char *s_kept[] = { set };
		const char *s_upd[] = { set, "events[5].strategy=rebuild",
		                        "responder.plan.statement=rebuild" };
		run_variant(file, s_kept, NSETS(s_kept), "brand action", "diminish statement in an accidental crisis fits",
		            &first);
		cr_assert_eq(runs_with(&first), R, "%s: the hour-1 line fits the accident", set);
		run_variant(file, s_kept, NSETS(s_kept), "brand action", "preventable crisis is too weak", &kept);
		cr_assert_eq(runs_with(&kept), R, "%s: the repeated line backfires after the revelation", set);
		run_variant(file, s_upd, NSETS(s_upd), "brand action", "rebuild statement in a preventable crisis fits",
		            &updated);
		cr_assert_eq(runs_with(&updated), R, "%s: the updated line fits", set);
		assert_lower(&updated, &kept, set);
	}
}

/* journalists-call: the plan answers the journalist within the deadline in
 * most runs, the web guy almost never (measured, 30 runs: 28 and 1); the
 * plan that cannot meet the deadline (5 minutes) ends with clearly more
 * damage (measured, 100 runs: +499 [436, 561]), and without the inquiry the
 * complaint alone stays small. */
Test(stories, journalists_call_answering_in_time_prevents_the_report, .timeout = 120)
{
	static const char *const file = "scenarios/journalists-call.json";
	static struct variant plan, plan_late, adhoc, none, none_no_inquiry;
	const char *s_plan[] = { "responder.strategy=plan" };
	const char *s_late[] = { "responder.strategy=plan", "events[1].deadline=5" };
	const char *s_adhoc[] = { "responder.strategy=adhoc" };
	const char *s_none[] = { "responder.strategy=none" };
	const char *s_none_noq[] = { "responder.strategy=none", "events[1]=null" };
	run_variant(file, s_plan, NSETS(s_plan), "inquiry answered", NULL, &plan);
	run_variant(file, s_late, NSETS(s_late), "media pick-up", "unanswered", &plan_late);
	run_variant(file, s_adhoc, NSETS(s_adhoc), "inquiry answered", NULL, &adhoc);
	run_variant(file, s_none, NSETS(s_none), "media pick-up", "unanswered", &none);
	run_variant(file, s_none_noq, NSETS(s_none_noq), NULL, NULL, &none_no_inquiry);
	/* 28 of 30 and 1 of 30 measured: thresholds with room either side. */
	cr_assert_geq(runs_with(&plan), R * 3 / 4, "the plan answers in time in most runs: %d of %d",
	              runs_with(&plan), R);
	cr_assert_leq(runs_with(&adhoc), R / 4, "the web guy misses the deadline: answered in %d of %d",
	              runs_with(&adhoc), R);
	cr_assert_eq(runs_with(&plan_late), R, "a 5-minute deadline is always missed: %d of %d", runs_with(&plan_late), R);
	cr_assert_eq(runs_with(&none), R, "silence always gets the negative report");
	assert_lower(&plan, &plan_late, "answering the journalist in time");
	assert_lower(&none_no_inquiry, &none, "the journalist's report makes the crisis");
}

static double mean_damage(const struct variant *v)
{
	double s = 0;
	for (int k = 0; k < R; k++)
		s += v->damage[k];
	return s / R;
}

/* late-recall: the recall at hour 1 (before the media wave) clearly lowers
 * the damage of the shipped hour-5 recall, and what the hour-5 recall saves
 * over no recall at all is small beside it (measured, 100 runs, none: hour 1
 * saves 1124 [967, 1281], hour 5 saves 29 [6, 53] over no recall; the
 * factor 5 asserted leaves room for the noise of 20 runs, where the measured
 * ratio is about 39). */
Test(stories, late_recall_is_worth_little_after_the_media_wave, .timeout = 120)
{
	static const char *const file = "scenarios/late-recall.json";
	static struct variant late, early, never, early_framed;
	const char *s_late[] = { "responder.strategy=none" };
	const char *s_early[] = { "responder.strategy=none", "events[2].tick=18" };
	const char *s_never[] = { "responder.strategy=none", "events[2]=null" };
	run_variant(file, s_late, NSETS(s_late), NULL, NULL, &late);
	run_variant(file, s_early, NSETS(s_early), "media pick-up", "brand's side", &early_framed);
	run_variant(file, s_early, NSETS(s_early), NULL, NULL, &early);
	run_variant(file, s_never, NSETS(s_never), NULL, NULL, &never);
	assert_lower(&early, &late, "recall at hour 1 against hour 5");
	double saved_early = mean_damage(&late) - mean_damage(&early);
	double saved_late = mean_damage(&never) - mean_damage(&late);
	cr_assert_gt(saved_early, 5 * saved_late,
	             "the hour-1 recall saves %g over the hour-5 one, which saves %g over none",
	             saved_early, saved_late);
	cr_assert_gt(runs_with(&early_framed), 0, "an early recall frames a later media report");
}
