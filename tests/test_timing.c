/* Response times of the crisis rule (models/timing.c, models/calendar.c,
 * spread.timing in models/crisis.c; models/README.md, "Response times"):
 * the kernel's draws against its CDF, the calendar's order and drops, the
 * tick kernel unchanged, and what power_law does to a shipped crisis. */
#include "cli_dir.h"

#include <math.h>

#include "calendar.h"
#include "engine.h"
#include "netgen.h"
#include "rng.h"
#include "scenario.h"
#include "timing.h"

TestSuite(timing, .init = setup, .fini = teardown);

static const struct timing_spec seismic = {
	.kernel = TIMING_POWER_LAW, .s0 = 5, .theta = 0.23,
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Kolmogorov-Smirnov distance between n draws of `draw` and the CDF of
 * `model`. */
static double ks_distance(const struct timing_spec *draw,
                          const struct timing_spec *model, size_t n)
{
	gsl_rng *r = rng_stream(7, RNG_DYNAMICS, 0);
	double *x = malloc(n * sizeof *x);
	cr_assert(r && x);
	for (size_t k = 0; k < n; k++)
		x[k] = timing_delay(draw, r);
	qsort(x, n, sizeof *x, cmp_double);
	double d = 0;
	for (size_t k = 0; k < n; k++) {
		double f = timing_cdf(model, x[k]);
		d = fmax(d, fmax(fabs((double)(k + 1) / (double)n - f),
		                 fabs(f - (double)k / (double)n)));
	}
	free(x);
	gsl_rng_free(r);
	return d;
}

/* The bound: under the null, sqrt(n) D_n is Kolmogorov-distributed and
 * P(sqrt(n) D_n > 1.95) = 0.001, so with n = 10^5 draws a correct sampler
 * exceeds D = 1.95 / sqrt(n) = 0.0062 once in a thousand seeds (the seed
 * is fixed, so the test is deterministic).  The second half shows the bound
 * has power: a kernel with theta 0.25 instead of 0.23 is rejected. */
Test(timing, draws_match_the_analytic_cdf)
{
	enum { N = 100000 };
	double bound = 1.95 / sqrt((double)N);
	double d = ks_distance(&seismic, &seismic, N);
	cr_assert_lt(d, bound, "KS distance %g >= %g", d, bound);
	struct timing_spec other = seismic;
	other.theta = 0.25;
	double d2 = ks_distance(&other, &seismic, N);
	cr_assert_gt(d2, bound, "a wrong theta passes: KS %g < %g", d2, bound);
}

/* The closed forms: F(s0) = theta / (1 + theta) (the flat part's mass), the
 * density c = theta / (s0 (1 + theta)) on [0, s0], the tail
 * (t / s0)^-theta / (1 + theta), and the quantile inverts the CDF. */
Test(timing, cdf_and_quantile_closed_forms)
{
	const struct timing_spec *t = &seismic;
	double f0 = 0.23 / 1.23;
	cr_assert_float_eq(timing_cdf(t, 5), f0, 1e-15);
	cr_assert_float_eq(timing_cdf(t, 2.5), f0 / 2, 1e-15);
	cr_assert_float_eq(timing_cdf(t, 0), 0, 0);
	cr_assert_float_eq(1 - timing_cdf(t, 1440), pow(288, -0.23) / 1.23, 1e-13);
	/* half of all delays are over by 41 minutes */
	cr_assert_float_eq(timing_quantile(t, 0.5), 5 * pow(1.23 * 0.5, -1 / 0.23), 1e-12);
	cr_assert(timing_quantile(t, 0.5) > 40 && timing_quantile(t, 0.5) < 42);
	for (double u = 0.0; u < 1.0; u += 0.0625)
		cr_assert_float_eq(timing_cdf(t, timing_quantile(t, u)), u, 1e-12,
		                   "u = %g", u);
}

Test(timing, calendar_fires_at_its_tick_in_insertion_order)
{
	struct calendar q;
	cr_assert_eq(calendar_init(&q, 10), 0);
	cr_assert_eq(calendar_push(&q, 3, 30), 1);
	cr_assert_eq(calendar_push(&q, 0, 1), 1);
	cr_assert_eq(calendar_push(&q, 3, 31), 1);
	cr_assert_eq(calendar_push(&q, 10, 99), 0);   /* the run's end: dropped */
	cr_assert_eq(calendar_push(&q, UINT64_MAX, 98), 0);
	for (uint32_t k = 0; k < 20; k++)            /* bucket growth */
		cr_assert_eq(calendar_push(&q, 9, 900 + k), 1);
	cr_assert_eq(q.dropped, 2);
	cr_assert_eq(q.pending, 23);
	uint32_t n;
	const uint32_t *v = calendar_take(&q, 0, &n);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0], 1);
	/* scheduled from tick 0 into the future, after the first two of tick 3 */
	cr_assert_eq(calendar_push(&q, 3, 32), 1);
	for (uint32_t t = 1; t < 3; t++) {
		calendar_take(&q, t, &n);
		cr_assert_eq(n, 0, "tick %u", t);
	}
	v = calendar_take(&q, 3, &n);
	cr_assert_eq(n, 3);
	cr_assert_eq(v[0], 30);
	cr_assert_eq(v[1], 31);
	cr_assert_eq(v[2], 32);
	/* the bucket of a taken tick is released by the next take */
	calendar_take(&q, 4, &n);
	cr_assert_null(q.b[3].v);
	v = calendar_take(&q, 9, &n);
	cr_assert_eq(n, 20);
	for (uint32_t k = 0; k < 20; k++)
		cr_assert_eq(v[k], 900 + k);
	cr_assert_eq(q.pending, 0);
	calendar_free(&q);
}

/* One scenario, its graph, and runs of it. */
struct bed {
	struct scenario s;
	struct graph g;
};

static void bed_load(struct bed *b, const char *file, const char *const *sets,
                     size_t n_sets)
{
	char e[SCN_ERRLEN];
	cr_assert_eq(scenario_load(&b->s, file, sets, n_sets, e), 0, "%s", e);
	cr_assert_eq(netgen_build(&b->s.network, b->s.seed, &b->g, NULL, e,
	                          sizeof e), 0, "%s", e);
}

static void bed_free(struct bed *b)
{
	graph_free(&b->g);
	spec_free(&b->s);
}

static void bed_run(struct bed *b, uint64_t run, struct run_result *r)
{
	char e[SCN_ERRLEN];
	cr_assert_eq(engine_run(&b->s, &b->g, run, r, e, sizeof e), 0, "%s", e);
}

/* Under the tick kernel the other timing keys are never read: the runs are
 * identical bit for bit (tests/golden.sh checks the shipped scenarios'
 * outputs against the build before spread.timing existed). */
Test(timing, tick_kernel_ignores_the_power_law_keys, .timeout = 60)
{
	static const char *const sets[] = {
		"spread.timing.kernel=tick", "spread.timing.s0=60",
		"spread.timing.theta=1.5", "spread.timing.repost=kernel",
		"spread.timing.peak_hour=3",
	};
	struct bed a, b;
	bed_load(&a, "scenarios/default.json", NULL, 0);
	bed_load(&b, "scenarios/default.json", sets, 5);
	for (uint64_t run = 0; run < 3; run++) {
		struct run_result x, y;
		bed_run(&a, run, &x);
		bed_run(&b, run, &y);
		cr_assert_eq(x.series.rows, y.series.rows);
		cr_assert_eq(memcmp(x.series.v, y.series.v, (size_t)x.series.rows *
		                    SERIES_NCOL * sizeof *x.series.v), 0, "run %lu",
		             (unsigned long)run);
		cr_assert_eq(memcmp(x.summary.v, y.summary.v, sizeof x.summary.v), 0);
		cr_assert_gt(x.summary.v[SUM_reach], 100);  /* not a dud */
		run_result_free(&x);
		run_result_free(&y);
	}
	bed_free(&a);
	bed_free(&b);
}

/* With every delay beyond the run (s0 of ten years, later posts by the
 * kernel too) the incident's own post is the only one, and the log counts
 * the posts that fell after the end. */
Test(timing, no_post_before_its_time)
{
	static const char *const sets[] = {
		"spread.timing.kernel=power_law", "spread.timing.s0=5256000",
		"spread.timing.repost=kernel", "responder.strategy=none",
		"network.nodes=2000",
	};
	struct bed b;
	bed_load(&b, "scenarios/default.json", sets, 5);
	struct run_result r;
	bed_run(&b, 0, &r);
	uint32_t incident = b.s.events[0].tick;
	double posts = 0, at_incident = 0;
	for (uint32_t t = 0; t < r.series.rows; t++) {
		const double *row = r.series.v + (size_t)t * SERIES_NCOL;
		double p = row[COL_posts_neg] + row[COL_posts_neu] + row[COL_posts_pos];
		posts += p;
		if (t == incident)
			at_incident = p;
	}
	cr_assert_eq(at_incident, 1);
	cr_assert_eq(posts, 1);
	int logged = 0;
	for (size_t k = 0; k < r.log.n; k++)
		logged |= strcmp(r.log.v[k].kind, "timing") == 0 &&
		          strstr(r.log.v[k].detail, "fall after the run's end") != NULL;
	cr_assert(logged, "no timing line in the event log");
	run_result_free(&r);
	bed_free(&b);
}

/* Shares of a run's posts by time since the incident, pooled over runs:
 * within the first hour, and after the first day. */
struct profile {
	double first_hour, after_day, posts;
};

static struct profile profile_of(const char *file, const char *kernel,
                                 int runs)
{
	const char *sets[] = { kernel, "ticks=2016" };
	struct bed b;
	bed_load(&b, file, sets, 2);
	uint32_t incident = b.s.events[0].tick;
	double hour = 60 / b.s.tick_minutes, day = 1440 / b.s.tick_minutes;
	struct profile p = { 0 };
	for (int run = 0; run < runs; run++) {
		struct run_result r;
		bed_run(&b, (uint64_t)run, &r);
		for (uint32_t t = incident; t < r.series.rows; t++) {
			const double *row = r.series.v + (size_t)t * SERIES_NCOL;
			double n = row[COL_posts_neg] + row[COL_posts_neu] + row[COL_posts_pos];
			p.posts += n;
			if (t - incident < hour)
				p.first_hour += n;
			if (t - incident >= day)
				p.after_day += n;
		}
		run_result_free(&r);
	}
	bed_free(&b);
	p.first_hour /= p.posts;
	p.after_day /= p.posts;
	return p;
}

/* With power_law (SEISMIC's s0 = 5 min, theta = 0.23), a 7-day crisis has
 * a tail: posts after the first day, where the tick kernel has hardly any.
 * On the service rant (a frozen copy of scenarios/service-rant.json from
 * before the library's rewrite, so that rewriting the shipped story does
 * not move this test) the first hour also holds more of the posts
 * (measured, 20 runs pooled: 24.1 % against 7.8 % with tick; after the
 * first day 7.4 % against 0.6 %).  That is not general: on the rewritten
 * service-rant (9.9 % against 13.4 %) and, before the rewrite, default,
 * false-rumour and
 * influencer-video the first hour holds less (10.0 / 16.1 / 14.1 %
 * against 11.1 / 25.8 / 15.0 %), because every spreader's first post
 * waits a kernel delay (median 41 min) while the story's attention clock
 * runs on (models/README.md, "Response times").  Fixed seeds: the figures
 * are deterministic, and the margins below are wide against them. */
Test(timing, power_law_has_a_tail_and_a_faster_first_hour, .timeout = 120)
{
	const char *file = "tests/scenarios/timing-service-rant.json";
	struct profile tick = profile_of(file, "spread.timing.kernel=tick", 20);
	struct profile pl = profile_of(file, "spread.timing.kernel=power_law", 20);
	cr_log_info("%s, 7 days, 20 runs: first hour %.4f (tick %.4f), after "
	            "24 h %.4f (tick %.4f), posts %.0f (tick %.0f)", file,
	            pl.first_hour, tick.first_hour, pl.after_day, tick.after_day,
	            pl.posts, tick.posts);
	cr_assert_gt(pl.posts, 1000);
	cr_assert_gt(pl.after_day, 0);
	cr_assert_gt(pl.after_day, 2 * tick.after_day, "after 24 h: %g, tick %g",
	             pl.after_day, tick.after_day);
	cr_assert_gt(pl.first_hour, tick.first_hour, "first hour: %g, tick %g",
	             pl.first_hour, tick.first_hour);
}

/* Same seed, byte-identical outputs whatever the thread count: the
 * kernel's draws come from each run's RNG_DYNAMICS stream, in the
 * calendar's order. */
Test(timing, power_law_is_thread_count_invariant, .timeout = 120)
{
	const char *args = "scenarios/default.json --set spread.timing.kernel=power_law "
	                   "--set spread.timing.repost=kernel --set ticks=600 "
	                   "--set network.nodes=4000 -q --runs 6";
	cr_assert_eq(sh("run %s --threads 1 -o %s/t1", args, dir), 0, "%s", err);
	cr_assert_eq(sh("run %s --threads 2 -o %s/t2", args, dir), 0, "%s", err);
	const char *files[] = { "runs.tsv", "ensemble.tsv", "summary.json" };
	for (int i = 0; i < 3; i++) {
		char a[256], b[256];
		snprintf(a, sizeof a, "%s/t1/%s", dir, files[i]);
		snprintf(b, sizeof b, "%s/t2/%s", dir, files[i]);
		same_file(a, b);
	}
	/* and a second run of the same command is the same run */
	cr_assert_eq(sh("run %s --threads 2 -o %s/t3", args, dir), 0, "%s", err);
	char a[256], b[256];
	snprintf(a, sizeof a, "%s/t1/runs.tsv", dir);
	snprintf(b, sizeof b, "%s/t3/runs.tsv", dir);
	same_file(a, b);
}

Test(timing, bad_timing_keys_are_named)
{
	cr_assert_eq(sh("run scenarios/default.json -q --set spread.timing.kernel=fast"), 2);
	cr_assert(strstr(err, "spread.timing.kernel") && strstr(err, "power_law") &&
	          strstr(err, "fast"), "%s", err);
	cr_assert_eq(sh("run scenarios/default.json -q --set spread.timing.theta=0"), 2);
	cr_assert(strstr(err, "spread.timing.theta: expected number in [0.01, 10]"),
	          "%s", err);
	cr_assert_eq(sh("run scenarios/default.json -q --set spread.timing.s0=0"), 2);
	cr_assert(strstr(err, "spread.timing.s0"), "%s", err);
	cr_assert_eq(sh("run scenarios/default.json -q --set spread.timing.repost=often"), 2);
	cr_assert(strstr(err, "spread.timing.repost") && strstr(err, "kernel"), "%s", err);
}

/* The day/night cycle: timing_after inverts the integral of the activity
 * (checked against Simpson's rule: its error bound h^4/180 max|a''''| T is
 * about 3e-8 with 20000 steps over the longest span here, 14 days, well
 * below the 1e-6 asked), whole days hold 1440 active minutes, and no cycle
 * leaves delays alone. */
Test(timing, diurnal_clock_inverts_the_activity_integral)
{
	struct timing_spec t = seismic;
	t.diurnal = 0.8;
	t.peak_hour = 20;
	cr_assert_float_eq(timing_activity(&t, 20 * 60), 1.8, 1e-12);
	cr_assert_float_eq(timing_activity(&t, 8 * 60), 0.2, 1e-12);
	const double clocks[] = { 0, 333, 1200, 5000 };
	const double actives[] = { 0.5, 47, 600, 1439, 1440, 4000, 20000 };
	for (int a = 0; a < 4; a++)
		for (int b = 0; b < 7; b++) {
			double T = timing_after(&t, clocks[a], actives[b]);
			enum { STEPS = 20000 };
			double h = T / STEPS, sum = 0;
			for (int k = 0; k <= STEPS; k++) {
				double w = k == 0 || k == STEPS ? 1 : k % 2 ? 4 : 2;
				sum += w * timing_activity(&t, clocks[a] + k * h);
			}
			cr_assert_float_eq(sum * h / 3, actives[b], 1e-6,
			                   "clock %g active %g: T %g", clocks[a],
			                   actives[b], T);
		}
	cr_assert_float_eq(timing_after(&t, 100, 3 * 1440), 3 * 1440, 1e-9);
	cr_assert(isinf(timing_after(&t, 100, INFINITY)));
	t.diurnal = 0;
	cr_assert_eq(timing_after(&t, 100, 77.25), 77.25);
	cr_assert_eq(timing_activity(&t, 100), 1.0);
}

/* A delay whose active minutes are uniform over a day lands with density
 * a(clock) / 1440, so the 12 hours around the peak receive 1/2 + A/pi of
 * them (0.7546 for A = 0.8).  10^5 draws: standard error 0.0014, bound
 * 4 SE (fixed seed). */
Test(timing, diurnal_delays_land_in_the_active_hours)
{
	struct timing_spec t = seismic;
	t.diurnal = 0.8;
	t.peak_hour = 20;
	gsl_rng *r = rng_stream(11, RNG_DYNAMICS, 0);
	enum { N = 100000 };
	double in_peak = 0;
	for (int k = 0; k < N; k++) {
		double clock = 1440 * gsl_rng_uniform(r);
		double land = fmod(clock + timing_after(&t, clock, 1440 * gsl_rng_uniform(r)), 1440);
		double d = fabs(land / 60 - 20);
		in_peak += (d > 12 ? 24 - d : d) < 6;
	}
	gsl_rng_free(r);
	double want = 0.5 + 0.8 / 3.14159265358979323846, se = sqrt(want * (1 - want) / N);
	cr_assert_float_eq(in_peak / N, want, 4 * se, "share %g, want %g", in_peak / N, want);
}

/* In runs: the share of posts in the 12 hours around the peak rises with
 * the cycle under both kernels (service-rant, 7 days, 20 runs; measured
 * peak-half/other-half ratio 0.49 -> 0.96 with tick, 0.84 -> 1.02 with
 * power_law, where the cycle also speeds the night-time incident's first
 * hour and so enlarges the crisis).  Fixed seeds. */
static double peak_ratio(const char *kernel, const char *diurnal)
{
	const char *sets[] = { kernel, diurnal, "spread.timing.peak_hour=20", "ticks=2016" };
	struct bed b;
	bed_load(&b, "scenarios/service-rant.json", sets, 4);
	double peak = 0, other = 0;
	for (int run = 0; run < 20; run++) {
		struct run_result r;
		bed_run(&b, (uint64_t)run, &r);
		for (uint32_t t = 0; t < r.series.rows; t++) {
			const double *row = r.series.v + (size_t)t * SERIES_NCOL;
			double n = row[COL_posts_neg] + row[COL_posts_neu] + row[COL_posts_pos];
			double d = fabs(fmod(t * b.s.tick_minutes / 60, 24) - 20);
			if ((d > 12 ? 24 - d : d) < 6)
				peak += n;
			else
				other += n;
		}
		run_result_free(&r);
	}
	bed_free(&b);
	return peak / other;
}

Test(timing, diurnal_cycle_moves_posts_to_the_active_hours, .timeout = 120)
{
	const char *kernels[] = { "spread.timing.kernel=tick", "spread.timing.kernel=power_law" };
	for (int k = 0; k < 2; k++) {
		double flat = peak_ratio(kernels[k], "spread.timing.diurnal=0");
		double cycle = peak_ratio(kernels[k], "spread.timing.diurnal=0.8");
		cr_log_info("%s: peak-half/other-half posts %.3f flat, %.3f with A = 0.8",
		            kernels[k], flat, cycle);
		cr_assert_gt(cycle, 1.1 * flat, "%s: %g vs %g", kernels[k], cycle, flat);
	}
}

/* A tick skipped is released unseen: its entries leave `pending` (and
 * ASan sees no leak), the later tick still gives its own. */
Test(timing, calendar_releases_a_skipped_tick)
{
	struct calendar q;
	cr_assert_eq(calendar_init(&q, 10), 0);
	cr_assert_eq(calendar_push(&q, 2, 20), 1);
	cr_assert_eq(calendar_push(&q, 5, 50), 1);
	uint32_t n;
	calendar_take(&q, 0, &n);
	cr_assert_eq(n, 0);
	const uint32_t *v = calendar_take(&q, 5, &n);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0], 50);
	cr_assert_eq(q.pending, 0, "pending %llu", (unsigned long long)q.pending);
	calendar_free(&q);
}
