/* The web guy's required properties (issue 9, section 3), as paired runs.
 *
 * Every comparison runs both variants on the same run indices 0..R-1
 * (common random numbers: same graph, population, incident and, until the
 * first reply that differs, the same draws) and looks at the R paired
 * differences d_k = a_k - b_k of one outcome.  Their 95 % paired-t interval
 * is mean ± t · se with t = t(0.975, R - 1) = 2.093 for R = 20.
 *   "no worse": the interval reaches 0 or below (mean <= t · se), i.e. the
 *     data do not show a at its worst; when the true difference is 0 this
 *     passes with probability 0.975, and the fixed seeds make it
 *     deterministic (the margins are printed on failure).
 *   "better": the whole interval is below 0 (mean < -t · se).
 * The other property of the section, a Q&A that covers every topic making
 * fewer improvised replies than one that covers none, is
 * crisis::full_qa_improvises_less_than_empty_qa in tests/test_crisis.c
 * (same paired test, not repeated here). */
#include <criterion/criterion.h>
#include <math.h>

#include "helpers.h"
#include "engine.h"
#include "netgen.h"
#include "scenario.h"

#define R 20
#define T975 2.093  /* t quantile, 19 degrees of freedom */

struct variant {
	double v[R][SUMMARY_NFIELD];
};

static void run_variant(const char *file, const char *const *sets, size_t n_sets,
                        struct variant *out)
{
	struct scenario s;
	struct graph g;
	char err[SCN_ERRLEN];
	cr_assert_eq(scenario_load(&s, file, sets, n_sets, err), 0, "%s", err);
	cr_assert_eq(netgen_build(&s.network, s.seed, &g, NULL, err, sizeof err), 0, "%s", err);
	for (uint64_t run = 0; run < R; run++) {
		struct run_result r;
		cr_assert_eq(engine_run(&s, &g, run, &r, err, sizeof err), 0, "%s", err);
		memcpy(out->v[run], r.summary.v, sizeof r.summary.v);
		run_result_free(&r);
	}
	graph_free(&g);
	spec_free(&s);
}

/* Mean and standard error of a - b in field f over the R runs. */
static void paired(const struct variant *a, const struct variant *b,
                   enum summary_field f, double *mean, double *se)
{
	paired_diff(&a->v[0][f], &b->v[0][f], SUMMARY_NFIELD, R, mean, se);
}

static void assert_no_worse(const struct variant *a, const struct variant *b,
                            const char *what)
{
	double m, se;
	paired(a, b, SUM_damage, &m, &se);
	cr_assert(m <= T975 * se,
	          "%s: damage worse beyond the 95%% CI: mean difference %g, CI [%g, %g]",
	          what, m, m - T975 * se, m + T975 * se);
}

static void assert_better(const struct variant *a, const struct variant *b,
                          const char *what)
{
	double m, se;
	paired(a, b, SUM_damage, &m, &se);
	cr_assert(m < -T975 * se,
	          "%s: damage should be lower, CI excluding 0: mean difference %g, CI [%g, %g]",
	          what, m, m - T975 * se, m + T975 * se);
}

/* The web guy on the default scenario with gaffes off; one more setting. */
static void run_webguy(const char *set, struct variant *out)
{
	const char *sets[] = { "responder.strategy=adhoc", "responder.gaffe_prob=0", set };
	run_variant("scenarios/default.json", sets, 3, out);
	double replies = 0;
	for (int k = 0; k < R; k++) {
		cr_assert_eq(out->v[k][SUM_gaffes], 0, "%s: no gaffe at gaffe_prob 0", set);
		replies += out->v[k][SUM_replies];
	}
	cr_assert_gt(replies, 0, "%s: the web guy replies", set);
}

/* (a) More hands at the keyboard never make the web guy's damage worse:
 * capacity 1 -> 3 -> 6 -> 12, each step paired with the one before. */
Test(webguy, more_capacity_is_no_worse_without_gaffes, .timeout = 120)
{
	static const char *const caps[] = {
		"responder.capacity=1", "responder.capacity=3",
		"responder.capacity=6", "responder.capacity=12",
	};
	static struct variant v[4];
	for (int k = 0; k < 4; k++)
		run_webguy(caps[k], &v[k]);
	for (int k = 1; k < 4; k++)
		assert_no_worse(&v[k], &v[k - 1], caps[k]);
	assert_no_worse(&v[3], &v[0], "capacity 12 vs 1");
}

/* (a) Looking at the page more often never makes it worse: every 120 -> 65
 * -> 30 -> 15 -> 5 minutes, each step paired with the one before. */
Test(webguy, more_frequent_checks_are_no_worse_without_gaffes, .timeout = 120)
{
	static const char *const every[] = {
		"responder.adhoc.check_minutes=120", "responder.adhoc.check_minutes=65",
		"responder.adhoc.check_minutes=30", "responder.adhoc.check_minutes=15",
		"responder.adhoc.check_minutes=5",
	};
	static struct variant v[5];
	for (int k = 0; k < 5; k++)
		run_webguy(every[k], &v[k]);
	for (int k = 1; k < 5; k++)
		assert_no_worse(&v[k], &v[k - 1], every[k]);
	assert_no_worse(&v[4], &v[0], "every 5 vs every 120 minutes");
}

/* (c) SCCT (Coombs 2007): in misconduct (preventable, with history) an
 * apology (rebuild) fits and a denial is too weak; the fitting statement's
 * damage is lower, the paired 95 % CI excluding 0. */
Test(webguy, fitting_statement_beats_misfitting_in_misconduct, .timeout = 120)
{
	static struct variant deny, rebuild;
	const char *s_deny[] = { "responder.strategy=plan",
	                         "responder.plan.messages[0].strategy=deny" };
	const char *s_rebuild[] = { "responder.strategy=plan",
	                            "responder.plan.messages[0].strategy=rebuild" };
	run_variant("scenarios/misconduct.json", s_deny, 2, &deny);
	run_variant("scenarios/misconduct.json", s_rebuild, 2, &rebuild);
	int stated = 0;
	for (int k = 0; k < R; k++)
		stated += deny.v[k][SUM_statements] > 0;
	cr_assert_geq(stated, R / 2, "the official statement goes out in most runs: %d", stated);
	assert_better(&rebuild, &deny, "rebuild vs deny in misconduct");
}

/* The reply-type mix (Einwiller & Steilen 2015) sets the effect: replies
 * that all thank or offer a corrective action satisfy, and end with less
 * damage than replies that only ask for information (paired, CI excluding
 * 0); regret alone calms the complainant (Herhausen et al. 2019), so
 * replies that all express regret do no worse than bare ones.  The
 * compensation fuel (Herhausen et al. 2019, its own test below) is off
 * here, so the satisfaction of Einwiller & Steilen is measured alone.
 * The story is the fixture this property was designed on (the default
 * story before the library's rewrite); on the rewritten default the last
 * comparison is -194 [-413, 24], not significant (models/README.md). */
#define STORY "tests/scenarios/webguy-reply-types.json"
Test(webguy, reply_types_set_the_effect, .timeout = 120)
{
	static struct variant info, satisfy, regret;
	const char *s_info[] = { "responder.strategy=adhoc", "responder.gaffe_prob=0",
	                         "responder.compensation_fuel=0",
	                         "responder.adhoc.thanks=0",
	                         "responder.adhoc.regret=0", "responder.adhoc.corrective=0" };
	const char *s_satisfy[] = { "responder.strategy=adhoc", "responder.gaffe_prob=0",
	                            "responder.compensation_fuel=0",
	                            "responder.adhoc.thanks=1",
	                            "responder.adhoc.regret=0", "responder.adhoc.corrective=1" };
	const char *s_regret[] = { "responder.strategy=adhoc", "responder.gaffe_prob=0",
	                           "responder.compensation_fuel=0",
	                           "responder.adhoc.thanks=0",
	                           "responder.adhoc.regret=1", "responder.adhoc.corrective=0" };
	run_variant(STORY, s_info, 6, &info);
	run_variant(STORY, s_satisfy, 6, &satisfy);
	run_variant(STORY, s_regret, 6, &regret);
	assert_better(&satisfy, &info, "thanks and corrective vs asking for information");
	assert_no_worse(&regret, &info, "regret vs asking for information");
	assert_better(&satisfy, &regret, "thanks and corrective vs regret");
}

/* Herhausen et al. (2019): compensation offered in public fuels a
 * negative post's virality; moved to a private channel it does not.  The
 * web guy with every reply a corrective offer (and no gaffes): with
 * responder.compensation_fuel 1 the thread's viewers see the complaint
 * again, so the damage is higher than with 0 (paired, CI excluding 0).
 * The plan on a rebuild line (no key messages, statement rebuild: its
 * replies regret and offer a corrective action), whose corrective offers
 * go to a private channel by default, does better private than public
 * (paired, CI excluding 0); with the fuel at 0 the channel changes
 * nothing, bit for bit. */
Test(webguy, public_compensation_fuels_the_complaint, .timeout = 120)
{
	static struct variant cold, fuelled, priv, pub, priv0, pub0;
	const char *s_cold[] = { "responder.strategy=adhoc", "responder.gaffe_prob=0",
	                         "responder.adhoc.corrective=1",
	                         "responder.compensation_fuel=0" };
	const char *s_fuel[] = { "responder.strategy=adhoc", "responder.gaffe_prob=0",
	                         "responder.adhoc.corrective=1",
	                         "responder.compensation_fuel=1" };
	run_variant("scenarios/default.json", s_cold, 4, &cold);
	run_variant("scenarios/default.json", s_fuel, 4, &fuelled);
	assert_better(&cold, &fuelled, "web guy: compensation fuel 0 vs 1");

	const char *s_priv[] = { "responder.strategy=plan", "responder.plan.messages=[]",
	                         "responder.plan.statement=rebuild",
	                         "responder.compensation_fuel=1",
	                         "responder.plan.private_compensation=true" };
	const char *s_pub[] = { "responder.strategy=plan", "responder.plan.messages=[]",
	                        "responder.plan.statement=rebuild",
	                        "responder.compensation_fuel=1",
	                        "responder.plan.private_compensation=false" };
	run_variant("scenarios/default.json", s_priv, 5, &priv);
	run_variant("scenarios/default.json", s_pub, 5, &pub);
	assert_better(&priv, &pub, "plan: compensation in private vs in public");

	const char *s_priv0[] = { "responder.strategy=plan", "responder.plan.messages=[]",
	                          "responder.plan.statement=rebuild",
	                          "responder.compensation_fuel=0",
	                          "responder.plan.private_compensation=true" };
	const char *s_pub0[] = { "responder.strategy=plan", "responder.plan.messages=[]",
	                         "responder.plan.statement=rebuild",
	                         "responder.compensation_fuel=0",
	                         "responder.plan.private_compensation=false" };
	run_variant("scenarios/default.json", s_priv0, 5, &priv0);
	run_variant("scenarios/default.json", s_pub0, 5, &pub0);
	for (int k = 0; k < R; k++)
		for (int f = 0; f < SUMMARY_NFIELD; f++)
			cr_assert(priv0.v[k][f] == pub0.v[k][f] ||
			          (isnan(priv0.v[k][f]) && isnan(pub0.v[k][f])),
			          "run %d, %s: %g vs %g", k, summary_field_name[f],
			          priv0.v[k][f], pub0.v[k][f]);
}

/* A gaffe is not a media-grade post: its reach and anger follow from whom
 * it answered (that complainant's followers, its credibility as a source,
 * its anger after the gaffe).  Without outlets (population.media 0) nobody
 * the web guy answers is an outlet, so spread.cred_media can change nothing:
 * the runs are identical bit for bit (they were not when every gaffe
 * carried cred_media).  And a gaffe still backfires: gaffe_prob 0.3 ends
 * with more damage than 0 (paired, CI excluding 0). */
Test(webguy, a_gaffe_carries_its_target_not_the_media, .timeout = 120)
{
	static struct variant lo, hi, none;
	const char *s_lo[] = { "responder.strategy=adhoc", "responder.gaffe_prob=0.3",
	                       "population.media=0", "spread.cred_media=0.1" };
	const char *s_hi[] = { "responder.strategy=adhoc", "responder.gaffe_prob=0.3",
	                       "population.media=0", "spread.cred_media=1" };
	const char *s_none[] = { "responder.strategy=adhoc", "responder.gaffe_prob=0",
	                         "population.media=0", "spread.cred_media=1" };
	run_variant("scenarios/default.json", s_lo, 4, &lo);
	run_variant("scenarios/default.json", s_hi, 4, &hi);
	run_variant("scenarios/default.json", s_none, 4, &none);
	double gaffes = 0;
	for (int k = 0; k < R; k++) {
		gaffes += hi.v[k][SUM_gaffes];
		cr_assert_eq(lo.v[k][SUM_damage], hi.v[k][SUM_damage], "run %d", k);
		cr_assert_eq(lo.v[k][SUM_reach], hi.v[k][SUM_reach], "run %d", k);
		cr_assert_eq(lo.v[k][SUM_final_attitude], hi.v[k][SUM_final_attitude], "run %d", k);
	}
	cr_assert_gt(gaffes, 0, "gaffes happen");
	assert_better(&none, &hi, "no gaffes vs gaffe_prob 0.3");
}

/* Brand-side timing per complaint thread (issue 11, item 5): every mention
 * is a thread and every reply answers one, so the answered threads are the
 * replies (thread_unanswered_share = 1 - replies / threads, exactly), the
 * mean first reply is at least one detection delay, and silence, which
 * does not listen, has no threads (NaN).  Several threads per complainant:
 * more threads than complainants. */
Test(webguy, reply_timing_is_per_complaint_thread, .timeout = 60)
{
	static struct variant adhoc, plan, none;
	const char *s_adhoc[] = { "responder.strategy=adhoc" };
	const char *s_plan[] = { "responder.strategy=plan" };
	const char *s_none[] = { "responder.strategy=none" };
	run_variant("scenarios/default.json", s_adhoc, 1, &adhoc);
	run_variant("scenarios/default.json", s_plan, 1, &plan);
	run_variant("scenarios/default.json", s_none, 1, &none);
	double threads = 0, people = 0;
	for (int k = 0; k < R; k++) {
		const double *v[] = { adhoc.v[k], plan.v[k] };
		for (int i = 0; i < 2; i++) {
			cr_assert_geq(v[i][SUM_threads], v[i][SUM_replies], "run %d", k);
			cr_assert_gt(v[i][SUM_threads], 0, "run %d", k);
			cr_assert_float_eq(v[i][SUM_thread_unanswered_share],
			                   1.0 - v[i][SUM_replies] / v[i][SUM_threads], 1e-12);
			if (v[i][SUM_replies] > 0)
				cr_assert_geq(v[i][SUM_thread_reply_mean_minutes], 10.0,
				              "no reply before the 10-minute detection delay");
			else
				cr_assert(isnan(v[i][SUM_thread_reply_mean_minutes]));
		}
		threads += adhoc.v[k][SUM_threads];
		people += adhoc.v[k][SUM_complainants];
		cr_assert(isnan(none.v[k][SUM_threads]) &&
		          isnan(none.v[k][SUM_thread_unanswered_share]));
	}
	cr_assert_gt(threads, people, "complainants post more than one thread");
}
