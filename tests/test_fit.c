/* test_fit — the target readers (sim/fit_target.c) and `crisim fit`
 * (sim/fit.c): good and bad target files, recovery of a known parameter
 * from a simulated cascade, determinism and --resume. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli_dir.h"
#include "engine.h"
#include "fit_target.h"
#include "netgen.h"
#include "scenario.h"

TestSuite(fit, .init = setup, .fini = teardown);

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	cr_assert(f, "cannot write %s", path);
	fputs(text, f);
	cr_assert_eq(fclose(f), 0);
}

static enum status read_target(const char *text, const char *label, double run,
                               struct fit_target *t, char *msg, size_t len)
{
	char path[256];
	snprintf(path, sizeof path, "%s/target.tsv", dir);
	write_file(path, text);
	return fit_target_read(path, label, run, t, msg, len);
}

/* ---- readers: good files ---- */

Test(fit, an_event_list_becomes_fractions_of_the_events_by_the_horizon)
{
	/* 10 events: 2 by 10 min, 5 by 1 h, all by 90 min; the last event
	 * (90 min) puts the horizon at the next grid time, 120 min. */
	const char *text = "relative_time_second\tnumber_of_followers\n"
	                   "0\t10\n300\t1\n600\t1\n1200\t1\n2400\t1\n3600\t1\n"
	                   "4000\t1\n4500\t1\n5000\t1\n5400\t1\n";
	struct fit_target t;
	char msg[512];
	cr_assert_eq(read_target(text, NULL, 1440, &t, msg, sizeof msg), ST_OK, "%s", msg);
	cr_assert_eq(t.quantity, FIT_POSTERS);
	cr_assert_float_eq(t.horizon, 120, 1e-12);
	cr_assert_eq(t.n, 3);   /* 10, 30 and 60 min: the grid below 120 */
	cr_assert_float_eq(t.f[0], 3.0 / 10, 1e-12);   /* 0, 300, 600 s */
	cr_assert_float_eq(t.f[1], 4.0 / 10, 1e-12);   /* + 1200 s */
	cr_assert_float_eq(t.f[2], 6.0 / 10, 1e-12);   /* + 2400, 3600 s */
	cr_assert_eq(t.events, 10);
	cr_assert(isnan(t.q25[0]));
}

Test(fit, a_short_run_puts_the_horizon_at_its_end)
{
	const char *text = "relative_time_second\n0\n60\n4000\n90000\n";
	struct fit_target t;
	char msg[512];
	cr_assert_eq(read_target(text, NULL, 100, &t, msg, sizeof msg), ST_OK, "%s", msg);
	cr_assert_float_eq(t.horizon, 100, 1e-12);
	cr_assert_eq(t.n, 3);   /* 10, 30, 60 */
	cr_assert_eq(t.events, 3);   /* 4000 s = 66.7 min <= 100; 90000 s is not */
	cr_assert_float_eq(t.f[2], 2.0 / 3, 1e-12);
}

/* The summary's header as twitter15_cascades_summary.tsv has it. */
#define SUMMARY_HEAD "dataset\tsource_tweet_id\tlabel\tcum_10min\tcum_30min\t" \
	"cum_60min\tcum_120min\tcum_360min\tcum_720min\tcum_1440min\tcum_2880min\t" \
	"cum_4320min\tcum_10080min\tcum_20160min\tcum_43200min\n"

Test(fit, a_summary_gives_the_median_and_quartiles_of_one_labels_cascades)
{
	/* Three "false" cascades with 1, 2, 5 events of 10 by 10 minutes (one
	 * "true" cascade that must be ignored); by 1440 minutes all 10. */
	const char *text = SUMMARY_HEAD
		"t15\t1\tfalse\t1\t2\t3\t4\t5\t6\t10\t10\t10\t10\t10\t10\n"
		"t15\t2\tfalse\t2\t2\t3\t4\t5\t6\t10\t10\t10\t10\t10\t10\n"
		"t15\t3\ttrue\t9\t9\t9\t9\t9\t9\t10\t10\t10\t10\t10\t10\n"
		"t15\t4\tfalse\t5\t6\t7\t8\t9\t9\t10\t10\t10\t10\t10\t10\n";
	struct fit_target t;
	char msg[512];
	cr_assert_eq(read_target(text, "false", 1440, &t, msg, sizeof msg), ST_OK, "%s", msg);
	cr_assert_eq(t.quantity, FIT_POSTS);
	cr_assert_float_eq(t.horizon, 1440, 1e-12);
	cr_assert_eq(t.n, 6);
	cr_assert_eq(t.cascades, 3);
	cr_assert_eq(t.events, 30);
	cr_assert_float_eq(t.f[0], 0.2, 1e-12);                 /* median of .1 .2 .5 */
	cr_assert_float_eq(t.q25[0], 0.15, 1e-12);              /* type 7: .1 + .5 (.2 - .1) */
	cr_assert_float_eq(t.q75[0], 0.35, 1e-12);              /* .2 + .5 (.5 - .2) */
}

/* ---- readers: bad files ---- */

static void bad_target(const char *text, const char *label, const char *want)
{
	struct fit_target t;
	char msg[512];
	cr_assert_eq(read_target(text, label, 1440, &t, msg, sizeof msg), ST_BADINPUT,
	             "accepted: %s", text);
	cr_assert(strstr(msg, "target.tsv"), "no file name in: %s", msg);
	cr_assert(strstr(msg, want), "expected '%s' in: %s", want, msg);
}

Test(fit, bad_target_files_name_the_file_and_line)
{
	bad_target("relative_time_second\n0\n12x\n", NULL, "line 3: expected seconds");
	bad_target("relative_time_second\n0\n-5\n", NULL, "line 3");
	bad_target("relative_time_second\n", NULL, "at least one event");
	bad_target("time\tcount\n0\t1\n", NULL, "line 1: expected a header");
	bad_target("relative_time_second\n0\n", "false", "--label is for a cascade summary");
	bad_target(SUMMARY_HEAD "t\t1\tfalse\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n",
	           NULL, "needs --label");
	bad_target(SUMMARY_HEAD "t\t1\tfalse\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n",
	           "rumour", "label 'rumour'");
	bad_target(SUMMARY_HEAD "t\t1\tfalse\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n"
	           "t\t2\tfalse\t5\t4\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n",
	           "false", "line 3: cum_30min: expected a count not below");
	bad_target("label\tcum_10min\nfalse\t1\n", "false", "line 1: expected a column cum_30min");
}

/* Found by tests/fuzz/fit_target.c: a list whose events all come after the
 * horizon was accepted with fractions 0/0, and a count beyond size_t's
 * range was converted to one (undefined behaviour). */
Test(fit, no_event_by_the_horizon_and_huge_counts_are_refused)
{
	bad_target("relative_time_second\n100000\n200000\n", NULL,
	           "expected an event by the horizon of 1440 minutes");
	bad_target(SUMMARY_HEAD "t\t1\tfalse\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t1e30\n",
	           "false", "line 2: cum_43200min: expected a count not below "
	           "the column before it (an integer in [0, 1e9]), got '1e30'");
	bad_target(SUMMARY_HEAD "t\t1\tfalse\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t1000000001\n",
	           "false", "line 2: cum_43200min");
}

Test(fit, the_cli_exits_2_on_a_bad_target_naming_file_and_line)
{
	char path[256];
	snprintf(path, sizeof path, "%s/bad.tsv", dir);
	write_file(path, "relative_time_second\n0\n60\nsoon\n");
	cr_assert_eq(sh("fit " SMALL " --target %s --param spread.fatigue=30:600 "
	                "--max-evals 2 -o %s/f", path, dir), 2);
	cr_assert(strstr(err, "bad.tsv: line 4: expected seconds"), "%s", err);
	cr_assert_eq(sh("fit " SMALL " --target %s/missing.tsv --param "
	                "spread.fatigue=30:600 -o %s/f", dir, dir), 2, "%s", err);
	cr_assert_eq(sh("fit " SMALL " --target %s --param spread.fatigue=600:30 -o %s/f",
	                path, dir), 2);
	cr_assert(strstr(err, "--param spread.fatigue=600:30: expected"), "%s", err);
	cr_assert_eq(sh("fit " SMALL " --target %s -o %s/f", path, dir), 2);
	cr_assert(strstr(err, "missing --param"), "%s", err);
	/* A --param the scenario refuses is named as such. */
	write_file(path, "relative_time_second\n0\n60\n");
	cr_assert_eq(sh("fit " SMALL " --target %s --param spread.nope=1:2 -o %s/f",
	                path, dir), 2);
	cr_assert(strstr(err, "--param spread.nope: unknown key"), "%s", err);
	cr_assert_eq(sh("fit " SMALL " --target %s --param spread.visibility=0.5:2 -o %s/f",
	                path, dir), 2);
	cr_assert(strstr(err, "--param spread.visibility: expected number in [0, 1], "
	                 "got 1.25"), "%s", err);
	/* The same path twice would be one dimension without effect. */
	cr_assert_eq(sh("fit " SMALL " --target %s --param spread.fatigue=30:600 "
	                "--param spread.fatigue=40:500 -o %s/f", path, dir), 2);
	cr_assert(strstr(err, "--param spread.fatigue=40:500: the path is a parameter "
	                 "already"), "%s", err);
}

/* ---- recovery ---- */

/* The recovery scenario: a small graph where every run is a major crisis
 * (three angry influencers), silent brand, one day. */
#define RECOVERY "scenarios/default.json --set network.nodes=3000 --set ticks=288 " \
	"--set responder.strategy=none --set events[0].count=3 --seed 2"
static const char *const recovery_sets[] = {
	"network.nodes=3000", "ticks=288", "responder.strategy=none",
	"events[0].count=3",
};
/* The same crowd with SEISMIC's response times (spread.timing power_law,
 * theta 0.23 and s0 5 min, the defaults) for three days. */
#define RECOVERY_TIMED "scenarios/default.json --set network.nodes=3000 " \
	"--set ticks=864 --set responder.strategy=none --set events[0].count=3 " \
	"--set spread.timing.kernel=power_law --seed 2"
static const char *const timed_sets[] = {
	"network.nodes=3000", "ticks=864", "responder.strategy=none",
	"events[0].count=3", "spread.timing.kernel=power_law",
};
#define NSETS(a) (sizeof a / sizeof *a)

/* Runs first..first+n-1 of the recovery scenario (its defaults: the true
 * parameters) as one event list of posters' onsets (the
 * events of a tick spread evenly over it, as the fit counts them). */
static void simulated_cascade(const char *path, const char *const *sets,
                              size_t n_sets, uint64_t first, uint64_t n)
{
	struct scenario s;
	struct graph g;
	char msg[SCN_ERRLEN];
	cr_assert_eq(scenario_load(&s, "scenarios/default.json", sets, n_sets, msg),
	             0, "%s", msg);
	s.seed = 2;
	cr_assert_eq(netgen_build(&s.network, s.seed, &g, NULL, msg, sizeof msg), 0, "%s", msg);
	FILE *f = fopen(path, "w");
	cr_assert(f);
	fputs("relative_time_second\n", f);
	for (uint64_t r = first; r < first + n; r++) {
		struct run_result res;
		cr_assert_eq(engine_run(&s, &g, r, &res, msg, sizeof msg), 0, "%s", msg);
		long k0 = -1;
		for (uint32_t k = 0; k < res.series.rows; k++) {
			const double *row = res.series.v + (size_t)k * SERIES_NCOL;
			double posts = row[COL_posts_neg] + row[COL_posts_neu] + row[COL_posts_pos];
			if (k0 < 0 && posts > 0)
				k0 = k;
			if (k0 < 0)
				continue;
			double c = row[COL_new_posters];
			for (double m = 0; m < c; m++)
				fprintf(f, "%.6f\n", ((double)(k - k0) + (m + 0.5) / c) *
				        s.tick_minutes * 60.0);
		}
		run_result_free(&res);
	}
	cr_assert_eq(fclose(f), 0);
	graph_free(&g);
	spec_free(&s);
}

static double json_number(const char *json, const char *key)
{
	const char *p = strstr(json, key);
	cr_assert(p, "no %s in %s", key, json);
	p = strstr(p, "\"value\": ");
	cr_assert(p);
	return strtod(p + 9, NULL);
}

Test(fit, recovers_the_activity_of_a_simulated_cascade, .timeout = 300)
{
	/* The target: runs 1000..1127, independent of the fit's runs 0..127
	 * (other random streams), at the default activity_median 1 post/hour;
	 * the fit starts at 3.  The tolerance is measured, not chosen: four
	 * such targets (runs 1000.., 1128.., 1256.., 1384..) fitted the same
	 * way gave 0.883, 0.943, 0.949 and 0.944 (with 64 runs a side, nine
	 * targets gave 0.835 to 0.943, sd 0.032).  The sd over targets is the
	 * target's sampling error; the common offset (-0.07 at 128 runs, -0.105
	 * at 64) is the error of the fit's own fixed sample of runs, which
	 * every one of these fits shares.  +-0.2 is about three times their
	 * combined size at 128 runs and refuses the start (3) and the bounds.
	 * (spread.fatigue, tried first, is not identified this way: 64-run
	 * fits of a true 240 min gave 288 to 583 min.  The posters' curve
	 * depends little on how long a spreader goes on; see models/README.md,
	 * calibration.) */
	char target[256];
	snprintf(target, sizeof target, "%s/cascade.tsv", dir);
	simulated_cascade(target, recovery_sets, NSETS(recovery_sets), 1000, 128);
	cr_assert_eq(sh("fit " RECOVERY " -q --target %s --param "
	                "population.activity_median=0.1:5:3 --runs 128 --max-evals 40 "
	                "-o %s/f", target, dir), 0, "%s", err);
	char path[300];
	snprintf(path, sizeof path, "%s/f/fit.json", dir);
	char *json = slurp(path);
	cr_assert(json);
	double activity = json_number(json, "\"population.activity_median\"");
	cr_assert(activity > 0.8 && activity < 1.2, "fitted activity %g, true 1", activity);
	cr_assert(strstr(json, "\"quantity\": \"posters\""), "%s", json);
	cr_assert(strstr(json, "\"stopped\": \"converged\""), "%s", json);
	free(json);
	snprintf(path, sizeof path, "%s/f/fit.png", dir);
	cr_assert_eq(access(path, R_OK), 0, "no plot");
}

Test(fit, recovers_the_kernel_exponent_of_a_simulated_cascade, .timeout = 300)
{
	/* The response-time kernel's theta (true 0.23, SEISMIC's) from 64
	 * simulated cascades (runs 1000..1063) under power_law, fitted with
	 * the fit's own 64 runs from theta = 1.  Measured, not chosen: six
	 * such targets (runs 1000.., 1064.., ..., 1320..) gave 0.213, 0.244,
	 * 0.208, 0.229, 0.252 and 0.213 (mean 0.226, sd 0.018); +-0.06 is
	 * over three sd and refuses the start. */
	char target[256], path[300];
	snprintf(target, sizeof target, "%s/timed.tsv", dir);
	simulated_cascade(target, timed_sets, NSETS(timed_sets), 1000, 64);
	cr_assert_eq(sh("fit " RECOVERY_TIMED " -q --target %s --param "
	                "spread.timing.theta=0.05:2:1 --runs 64 --max-evals 40 -o %s/f",
	                target, dir), 0, "%s", err);
	snprintf(path, sizeof path, "%s/f/fit.json", dir);
	char *json = slurp(path);
	cr_assert(json);
	double theta = json_number(json, "\"spread.timing.theta\"");
	cr_assert(fabs(theta - 0.23) < 0.06, "fitted theta %g, true 0.23", theta);
	free(json);
}

Test(fit, the_same_cascade_replayed_has_loss_zero_at_its_parameters)
{
	/* The target is the fit's own runs 0..7 at the default fatigue: the loss
	 * there is exactly 0 (the same simulation, counted the same way),
	 * which checks that the target reader and the simulated counts agree
	 * to the last event. */
	char target[256], path[300];
	snprintf(target, sizeof target, "%s/own.tsv", dir);
	simulated_cascade(target, recovery_sets, NSETS(recovery_sets), 0, 8);
	cr_assert_eq(sh("fit " RECOVERY " -q --target %s --param "
	                "spread.fatigue=30:3000:240 --runs 8 --max-evals 1 -o %s/f",
	                target, dir), 0, "%s", err);
	snprintf(path, sizeof path, "%s/f/fit.json", dir);
	char *json = slurp(path);
	cr_assert(json);
	cr_assert(strstr(json, "\"loss\": 0,"), "%s", json);
	free(json);
}

/* ---- determinism and resume ---- */

#define QUICK_FIT "fit " RECOVERY " --set network.nodes=1500 -q --target " \
	"scenarios/data/seismic_tweet_127001313513967616.tsv --param " \
	"spread.fatigue=30:3000 --param spread.half_life=10:600 --runs 4"

Test(fit, the_same_seed_gives_the_same_fit)
{
	cr_assert_eq(sh(QUICK_FIT " --max-evals 12 -o %s/a", dir), 0, "%s", err);
	cr_assert_eq(shell("mv %s/a %s/b", dir, dir), 0);
	cr_assert_eq(sh(QUICK_FIT " --max-evals 12 -o %s/a", dir), 0, "%s", err);
	char a[300], b[300];
	const char *files[] = { "fit.json", "fit.tsv", "fit-curve.tsv" };
	for (size_t i = 0; i < 3; i++) {
		snprintf(a, sizeof a, "%s/a/%s", dir, files[i]);
		snprintf(b, sizeof b, "%s/b/%s", dir, files[i]);
		same_file(a, b);
	}
}

Test(fit, resume_continues_to_the_same_evaluations)
{
	cr_assert_eq(sh(QUICK_FIT " --max-evals 12 -o %s/whole", dir), 0, "%s", err);
	cr_assert_eq(sh(QUICK_FIT " --max-evals 5 -o %s/part", dir), 0, "%s", err);
	cr_assert_eq(sh(QUICK_FIT " --max-evals 12 --resume %s/part", dir), 0, "%s", err);
	char a[300], b[300];
	snprintf(a, sizeof a, "%s/whole/fit.tsv", dir);
	snprintf(b, sizeof b, "%s/part/fit.tsv", dir);
	same_file(a, b);
	snprintf(a, sizeof a, "%s/whole/fit-curve.tsv", dir);
	snprintf(b, sizeof b, "%s/part/fit-curve.tsv", dir);
	same_file(a, b);
	/* Another fit's fit.tsv is refused. */
	cr_assert_eq(sh(QUICK_FIT " --runs 5 --max-evals 12 --resume %s/part", dir), 2);
	cr_assert(strstr(err, "fit.tsv: line 1: expected this fit's"), "%s", err);
}
