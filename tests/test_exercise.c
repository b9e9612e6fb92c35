/* crisim exercise from piped stdin: decisions saved as made, quit, resume,
 * finish, and the end files byte for byte those of crisim run with the
 * script strategy on the exercise's decisions.tsv. */
#include "cli_dir.h"

#include <stdio.h>
#include <string.h>

#define STORY "scenarios/journalists-call.json"

TestSuite(exercise, .init = setup, .fini = teardown, .timeout = 120);

/* Pipe `input` into crisim exercise ARGS (printf-formatted). */
static int play(const char *input, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int play(const char *input, const char *fmt, ...)
{
	char in[512], args[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	snprintf(in, sizeof in, "%s/in.txt", dir);
	FILE *f = fopen(in, "w");
	cr_assert(f);
	fputs(input, f);
	cr_assert_eq(fclose(f), 0);
	return sh("exercise %s < %s", args, in);
}

static void file_is(const char *path, const char *want)
{
	char *got = slurp(path);
	cr_assert(got, "%s missing", path);
	cr_assert_str_eq(got, want);
	free(got);
}

Test(exercise, decisions_are_saved_as_made_and_quit_keeps_them)
{
	cr_assert_eq(play("CAP 3\n\nhol\nrep loud thanks+reg\nstat reb\nquit\n",
	                  STORY " -o %s/ex", dir), 0, "%s", err);
	char path[512];
	snprintf(path, sizeof path, "%s/ex/decisions.tsv", dir);
	/* Prefixes and case are forgiven; the file has the full words, each
	 * at the minute of its pause (minute 0, then the pause at 30: the
	 * empty line went on). */
	file_is(path, "minute\taction\twhat\thow\tref\n"
	              "0\tcapacity\t3\n"
	              "30\tholding\n"
	              "30\treply\tloudest\tthanks+regret\n"
	              "30\tstatement\trebuild\n");
	cr_assert(strstr(out, "quit at minute 30: 4 decisions"), "%s", out);
	cr_assert(strstr(out, "--resume"), "%s", out);
	cr_assert_neq(shell("test -e %s/ex/series.tsv", dir), 0,
	              "no run files before the end");
	snprintf(path, sizeof path, "%s/ex/exercise.json", dir);
	char *meta = slurp(path);
	cr_assert(meta);
	cr_assert(strstr(meta, "/scenarios/journalists-call.json\""), "%s", meta);
	cr_assert(strstr(meta, "\"seed\": 606"), "%s", meta);
	cr_assert(strstr(meta, "\"every\": 30"), "%s", meta);
	cr_assert(strstr(meta, "\"fingerprint\": \""), "%s", meta);
	free(meta);
}

/* The plain dashboard: no escape codes, no line beyond 80 columns, the
 * clock and the mentions. */
Test(exercise, the_plain_dashboard_fits_80_columns)
{
	cr_assert_eq(play("\n\n\n\nquit\n", STORY " -o %s/ex", dir), 0, "%s", err);
	cr_assert_null(strchr(out, '\033'), "escape codes in the plain dashboard");
	for (const char *p = out; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		cr_assert_leq(len, 80, "line of %zu columns: %.*s", len, (int)len, p);
		p += len + (nl != NULL);
	}
	cr_assert(strstr(out, "1h30 (minute 90) of 24h00"), "%s", out);
	cr_assert(strstr(out, "open mention"), "%s", out);
	cr_assert(strstr(out, "customer"), "the complainant is listed: %s", out);
}

/* The inquiry at minute 90 is news for the brand: a pause after its tick
 * (minute 95), between the half hours. */
Test(exercise, an_inquiry_pauses_the_run)
{
	cr_assert_eq(play("\n\n\n\nquit\n", STORY " -o %s/ex", dir), 0, "%s", err);
	cr_assert(strstr(out, "(minute 95)"), "%s", out);
	cr_assert(strstr(out, "waiting: outlet"), "%s", out);
	cr_assert(strstr(out, "quit at minute 95"), "%s", out);
}

Test(exercise, a_mistyped_command_changes_nothing)
{
	cr_assert_eq(play("shout\nreply nobody thanks\nreply loudest\nh\n"
	                  "capacity -1\nquit\n", STORY " -o %s/ex", dir), 0, "%s", err);
	cr_assert(strstr(out, "error: shout: unknown command"), "%s", out);
	cr_assert(strstr(out, "error: nobody: expected a rule"), "%s", out);
	cr_assert(strstr(out, "error: reply loudest: expected a reply type"), "%s", out);
	cr_assert(strstr(out, "error: h: ambiguous command"), "%s", out);
	cr_assert(strstr(out, "error: -1: expected a number"), "%s", out);
	char path[512];
	snprintf(path, sizeof path, "%s/ex/decisions.tsv", dir);
	file_is(path, "minute\taction\twhat\thow\tref\n");
}

/* Quit, resume (the decisions replayed, the pause of the last one shown
 * again), finish; then crisim run on decisions.tsv gives the same bytes. */
Test(exercise, resume_and_finish_match_crisim_run)
{
	cr_assert_eq(play("capacity 1\n\n\nholding\nreply oldest regret+"
	                  "corrective\nquit\n", STORY " -o %s/ex --set "
	                  "responder.capacity=2 --every 45", dir), 0, "%s", err);
	cr_assert(strstr(out, "quit at minute 90"), "%s", out);
	cr_assert_eq(play("reply largest thanks\n\n\nstatement rebuild\nwait\n"
	                  "action recall\nfinish\n", "--resume %s/ex", dir), 0, "%s", err);
	cr_assert(strstr(out, "resumed: 3 decisions replayed"), "%s", out);
	cr_assert(strstr(out, "1h30 (minute 90)"), "the last decision's pause "
	          "again: %s", out);
	cr_assert(strstr(out, "the exercise is over"), "%s", out);
	char path[512];
	snprintf(path, sizeof path, "%s/ex/decisions.tsv", dir);
	char *d = slurp(path);
	cr_assert(d);
	cr_assert(strstr(d, "90\treply\tlargest_audience\tthanks\n"), "%s", d);
	cr_assert(strstr(d, "\tstatement\trebuild\n"), "%s", d);
	free(d);

	cr_assert_eq(sh("run " STORY " -q --set responder.capacity=2 --set "
	                "responder.strategy=script --set responder.script.file="
	                "%s/ex/decisions.tsv -o %s/run", dir, dir), 0, "%s", err);
	const char *files[] = { "series.tsv", "events.tsv", "summary.json",
	                        "ids.tsv" };
	for (size_t k = 0; k < 4; k++) {
		char a[512], b[512];
		snprintf(a, sizeof a, "%s/ex/%s", dir, files[k]);
		snprintf(b, sizeof b, "%s/run/%s", dir, files[k]);
		if (k == 3 && shell("test -e %s", a) != 0)
			continue;  /* written only for networks with ids */
		same_file(a, b);
	}
	/* The decisions did something: the events name them. */
	cr_assert_eq(shell("grep -c '\tdecision' %s/ex/events.tsv", dir), 0);
	cr_assert_geq(atoi(out), 6, "%s", out);
}

Test(exercise, refusals)
{
	cr_assert_eq(play("quit\n", STORY " -o %s/ex", dir), 0, "%s", err);
	/* A directory holding an exercise is not overwritten. */
	cr_assert_eq(play("quit\n", STORY " -o %s/ex", dir), 2);
	cr_assert(strstr(err, "already holds an exercise"), "%s", err);
	/* --resume takes everything from exercise.json. */
	cr_assert_eq(play("quit\n", STORY " --resume %s/ex", dir), 2);
	cr_assert(strstr(err, "give no FILE"), "%s", err);
	/* stdin carries the commands. */
	cr_assert_eq(play("quit\n", "- -o %s/ex2", dir), 2);
	cr_assert(strstr(err, "cannot come from stdin"), "%s", err);
	/* A scenario changed since the exercise began would not replay. */
	cr_assert_eq(shell("cp " STORY " %s/s.json", dir), 0);
	cr_assert_eq(play("quit\n", "%s/s.json -o %s/ex3", dir, dir), 0, "%s",
	             err);
	cr_assert_eq(shell("sed -i 's/\"seed\": 606/\"seed\": 607/' %s/s.json", dir), 0);
	cr_assert_eq(play("quit\n", "--resume %s/ex3", dir), 2);
	cr_assert(strstr(err, "changed since the exercise"), "%s", err);
	/* Not an exercise directory. */
	cr_assert_eq(play("quit\n", "--resume %s", dir), 2, "%s", err);
	cr_assert(strstr(err, "exercise.json"), "%s", err);
	cr_assert_eq(sh("exercise " STORY " --every 0"), 2);
	cr_assert(strstr(err, "--every: expected a number of minutes"), "%s", err);
}

/* ---- the engine's stepping API, which the exercise runs on ---- */

#include "decisions.h"
#include "engine.h"
#include "netgen.h"
#include "scenario.h"

static void load_story(struct scenario *s, struct graph *g,
                       const char *const *sets, size_t n)
{
	char e[SCN_ERRLEN], gerr[512];
	cr_assert_eq(scenario_load(s, STORY, sets, n, e), 0, "%s", e);
	cr_assert_eq(netgen_build(&s->network, s->seed, g, NULL, gerr, sizeof gerr),
	             0, "%s", gerr);
}

static void same_result(const struct run_result *a, const struct run_result *b)
{
	cr_assert_eq(a->series.rows, b->series.rows);
	cr_assert_eq(memcmp(a->series.v, b->series.v, (size_t)a->series.rows *
	                    SERIES_NCOL * sizeof(double)), 0);
	cr_assert_eq(a->log.n, b->log.n);
	for (size_t k = 0; k < a->log.n; k++) {
		const struct event *x = &a->log.v[k], *y = &b->log.v[k];
		cr_assert(x->tick == y->tick && x->actor == y->actor &&
		          !strcmp(x->kind, y->kind) && !strcmp(x->detail, y->detail),
		          "event %zu: %s / %s", k, x->detail, y->detail);
	}
	/* NaN outcomes compare equal bit for bit. */
	cr_assert_eq(memcmp(a->summary.v, b->summary.v, sizeof a->summary.v), 0);
}

/* engine_begin, engine_step per tick, engine_end: the same run as
 * engine_run, for every strategy with a loop of its own. */
Test(exercise, stepping_is_engine_run)
{
	const char *strategies[] = { "responder.strategy=none",
	                             "responder.strategy=adhoc",
	                             "responder.strategy=plan" };
	for (size_t k = 0; k < 3; k++) {
		struct scenario s;
		struct graph g;
		load_story(&s, &g, &strategies[k], 1);
		struct run_result a, b;
		char e[256];
		cr_assert_eq(engine_run(&s, &g, 3, &a, e, sizeof e), 0, "%s", e);
		struct engine *eng;
		cr_assert_eq(engine_begin(&s, &g, 3, &b, &eng, e, sizeof e), 0, "%s", e);
		uint32_t steps = 0;
		while (engine_tick(eng) < s.ticks) {
			cr_assert_eq(engine_step(eng, e, sizeof e), 0, "%s", e);
			steps++;
		}
		engine_end(eng);
		cr_assert_eq(steps, s.ticks);
		same_result(&a, &b);
		run_result_free(&a);
		run_result_free(&b);
		graph_free(&g);
		spec_free(&s);
	}
}

/* Decisions appended between ticks, each before the tick it falls in (as
 * the exercise does), play as the same decisions given at load. */
Test(exercise, decisions_appended_between_ticks_play_as_a_file)
{
	char path[512];
	snprintf(path, sizeof path, "%s/d.tsv", dir);
	FILE *f = fopen(path, "w");
	cr_assert(f);
	fputs(DECISIONS_HEADER "\n30\tholding\n60\treply\tloudest\tregret\n"
	      "60\tstatement\trebuild\n120\tcapacity\t1\n"
	      "125\treply\toldest\tthanks+corrective\n", f);
	cr_assert_eq(fclose(f), 0);
	char set_file[600];
	snprintf(set_file, sizeof set_file, "responder.script.file=%s", path);
	const char *sets[] = { "responder.strategy=script", set_file };

	struct scenario whole, grown;
	struct graph g, g2;
	load_story(&whole, &g, sets, 2);
	load_story(&grown, &g2, sets, 2);
	cr_assert_eq(whole.responder.script.decisions.n, 5);
	/* The grown scenario starts without decisions and gets each one
	 * just before its tick. */
	struct decision_list all = grown.responder.script.decisions;
	grown.responder.script.decisions = (struct decision_list){ 0 };

	struct run_result a, b;
	char e[256];
	cr_assert_eq(engine_run(&whole, &g, 0, &a, e, sizeof e), 0, "%s", e);
	struct engine *eng;
	cr_assert_eq(engine_begin(&grown, &g2, 0, &b, &eng, e, sizeof e), 0, "%s", e);
	size_t next = 0;
	while (engine_tick(eng) < grown.ticks) {
		double minute = engine_tick(eng) * grown.tick_minutes;
		while (next < all.n && all.v[next].minute <= minute)
			cr_assert_eq(decisions_push(&grown.responder.script.decisions,
			                            &all.v[next++]), 0);
		cr_assert_eq(engine_step(eng, e, sizeof e), 0, "%s", e);
	}
	engine_end(eng);
	cr_assert_eq(next, all.n);
	same_result(&a, &b);
	free(all.v);
	run_result_free(&a);
	run_result_free(&b);
	graph_free(&g);
	graph_free(&g2);
	spec_free(&whole);
	spec_free(&grown);
}
