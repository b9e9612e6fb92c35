/* The batch layer's internals: grid axes and grid files (scenario_grid),
 * batch building and fingerprints, the --summary line. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "batch.h"
#include "batch_exec.h"
#include "cli.h"
#include "checkpoint.h"
#include "helpers.h"
#include "report.h"
#include "runner.h"
#include "scenario_grid.h"

static char err[1024];

Test(batch, axis_lists_and_ranges)
{
	struct grid_axis ax;
	cr_assert_eq(grid_axis_parse("spread.p=0.1,0.2,\"x\"", &ax, err, sizeof err), ST_OK, "%s", err);
	cr_assert_str_eq(ax.path, "spread.p");
	cr_assert_eq(ax.n, 3);
	cr_assert_str_eq(ax.values[2], "\"x\"");
	cr_assert_str_eq(ax.labels[2], "x");
	grid_axis_free(&ax);

	/* a + k step, end inclusive despite rounding (0.1 * 3 != 0.3) */
	cr_assert_eq(grid_axis_parse("p=0:0.3:0.1", &ax, err, sizeof err), ST_OK, "%s", err);
	cr_assert_eq(ax.n, 4);
	cr_assert_str_eq(ax.values[0], "0");
	cr_assert_str_eq(ax.values[3], "0.3");
	grid_axis_free(&ax);
	cr_assert_eq(grid_axis_parse("c=1:20:5", &ax, err, sizeof err), ST_OK, "%s", err);
	cr_assert_eq(ax.n, 4);
	cr_assert_str_eq(ax.values[3], "16");
	grid_axis_free(&ax);
}

Test(batch, axis_errors)
{
	const char *bad[] = { "p", "=1,2", "p=", "p=1,,2", "p=1:0:1", "p=0:1:0",
	                      "p=0:1", "p=a:1:0.1", "p=0:1e9:1e-3" };
	struct grid_axis ax;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		cr_assert_eq(grid_axis_parse(bad[i], &ax, err, sizeof err), ST_BADINPUT, "%s", bad[i]);
		cr_assert(strstr(err, "--grid"), "%s", err);
	}
}

static const char *write_tmp(const char *text)
{
	static char path[] = "/tmp/crisim-grid-XXXXXX";
	strcpy(path, "/tmp/crisim-grid-XXXXXX");
	int fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static enum status build(struct batch *p, enum batch_kind kind, const char *grid_file,
                 const char *strategies, const char *const *grids, size_t n_grids,
                 uint64_t runs)
{
	static const char *const sets[] = { "network.nodes=300", "ticks=10" };
	struct batch_request rq = {
		.kind = kind, .file = "scenarios/default.json", .sets = sets, .n_sets = 2,
		.grids = grids, .n_grids = n_grids, .grid_file = grid_file,
		.strategies = strategies, .runs = runs,
	};
	return batch_build(p, &rq, err, sizeof err);
}

Test(batch, grid_file_and_variants)
{
	const char *gf = write_tmp("{ \"spread.p\": [0.1, 0.2],\n  \"responder.strategy\": [\"none\"] }\n");
	struct batch p;
	cr_assert_eq(build(&p, BATCH_SWEEP, gf, "none,none", NULL, 0, 2), 0, "%s", err);
	cr_assert_eq(p.n_axes, 2);
	cr_assert_eq(p.n_points, 2);
	cr_assert_eq(p.n_variants, 4);
	cr_assert_eq(batch_items(&p), 8);
	cr_assert_eq(p.n_graphs, 1, "the grid does not touch the network");
	cr_assert_float_eq(p.v[2].s.spread.p, 0.2, 1e-12);
	cr_assert_str_eq(p.strat_dirs[1], "none-2");
	uint64_t fp = p.fingerprint;
	batch_free(&p);
	/* the same batch, the same fingerprint; more runs, another one */
	cr_assert_eq(build(&p, BATCH_SWEEP, gf, "none,none", NULL, 0, 2), 0, "%s", err);
	cr_assert_eq(p.fingerprint, fp);
	batch_free(&p);
	cr_assert_eq(build(&p, BATCH_SWEEP, gf, "none,none", NULL, 0, 3), 0, "%s", err);
	cr_assert_neq(p.fingerprint, fp);
	batch_free(&p);
	unlink(gf);
}

Test(batch, graph_per_point_when_the_grid_touches_the_network)
{
	const char *grids[] = { "network.nodes=200,300" };
	struct batch p;
	cr_assert_eq(build(&p, BATCH_SWEEP, NULL, NULL, grids, 1, 1), 0, "%s", err);
	cr_assert_eq(p.n_graphs, 2);
	cr_assert_eq(p.graphs[0].n, 200);
	cr_assert_eq(p.graphs[1].n, 300);
	batch_free(&p);
}

Test(batch, bad_grid_files_name_the_line)
{
	const char *cases[][2] = {
		{ "[1, 2]", "expected '{'" },
		{ "{\"p\": 5}", "an array of values" },
		{ "{\"spread.p\": []}", "non-empty array" },
		{ "{\"spread.p\": [0.1,\n 0.2 0.3]}", "line 2" },
		{ "{\"spread.p\": [0.1]} x", "end of the file" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *gf = write_tmp(cases[i][0]);
		struct batch p;
		cr_assert_eq(build(&p, BATCH_SWEEP, gf, NULL, NULL, 0, 1), ST_BADINPUT, "%s", cases[i][0]);
		cr_assert(strstr(err, cases[i][1]), "%s: %s", cases[i][0], err);
		unlink(gf);
	}
	/* a bad value is reported by the scenario loader, naming the path */
	const char *grids[] = { "ticks=-5" };
	struct batch p;
	cr_assert_eq(build(&p, BATCH_SWEEP, NULL, NULL, grids, 1, 1), ST_BADINPUT);
	cr_assert(strstr(err, "ticks"), "%s", err);
}

Test(report, summary_line_has_every_outcome)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	double sum[SUMMARY_NFIELD];
	for (int k = 0; k < SUMMARY_NFIELD; k++)
		sum[k] = k == 0 ? NAN : k + 0.5;
	report_summary_header(f);
	report_summary_row(f, 7, 42, sum);
	fclose(f);
	char *nl = strchr(buf, '\n');
	cr_assert_not_null(nl);
	size_t tabs_h = 0, tabs_r = 0;
	for (char *c = buf; c < nl; c++)
		tabs_h += *c == '\t';
	for (char *c = nl + 1; *c; c++)
		tabs_r += *c == '\t';
	cr_assert_eq(tabs_h, SUMMARY_NFIELD + 1);
	cr_assert_eq(tabs_r, tabs_h);
	cr_assert(strncmp(nl + 1, "7\t42\tNaN\t1.5\t", 13) == 0, "%s", nl + 1);
	free(buf);
}

Test(batch, ranges_are_exact_in_decimal)
{
	struct grid_axis ax;
	cr_assert_eq(grid_axis_parse("seed=1000000000000:1000000000003:1", &ax, err, sizeof err),
	             ST_OK, "%s", err);
	cr_assert_eq(ax.n, 4);
	cr_assert_str_eq(ax.values[0], "1000000000000");
	cr_assert_str_eq(ax.values[3], "1000000000003");
	grid_axis_free(&ax);
	const char *cases[][3] = {
		/* spec, first value, last value */
		{ "p=0.1:0.3:0.1", "0.1", "0.3" },
		{ "p=1e-3:3e-3:1e-3", "0.001", "0.003" },
		{ "p=-1.5:1.5:0.75", "-1.5", "1.5" },
		{ "n=1e3:5e3:2e3", "1000", "5000" },
		{ "p=0.05:0.0500000000001:0.0000000000001", "0.05", "0.0500000000001" },
		/* beyond 18 digits: doubles, shortest text that round-trips */
		{ "p=0.1234567890123456789:0.2:0.1", "0.12345678901234568", "0.12345678901234568" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		cr_assert_eq(grid_axis_parse(cases[i][0], &ax, err, sizeof err), ST_OK, "%s", err);
		cr_assert_str_eq(ax.values[0], cases[i][1], "%s", cases[i][0]);
		cr_assert_str_eq(ax.values[ax.n - 1], cases[i][2], "%s", cases[i][0]);
		for (size_t k = 0; k < ax.n; k++)
			cr_assert_str_eq(ax.values[k], ax.labels[k]);
		grid_axis_free(&ax);
	}
}

/* ---- execution: failed checkpoints, failed runs ---- */

static char tdir[] = "/tmp/crisim-bexec-XXXXXX";

static void exec_setup(void)
{
	strcpy(tdir, "/tmp/crisim-bexec-XXXXXX");
	cr_assert_eq(tmpdir_make(tdir), 0);
}

static void exec_teardown(void)
{
	cr_assert_eq(tmpdir_remove(tdir), 0);
}

static void touch(const char *path)
{
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	fputs("the user's own file\n", f);
	fclose(f);
}

static size_t parts_in(const char *cdir)
{
	char c[600];
	snprintf(c, sizeof c, "ls %s | grep -c '^part-'", cdir);
	char o[64];
	run_cmd(c, o, sizeof o, NULL, 0);
	return (size_t)atoi(o);
}

Test(batch_exec, a_failed_checkpoint_backs_off_and_the_batch_goes_on,
     .init = exec_setup, .fini = exec_teardown)
{
	enum { RUNS = 64 };
	struct batch b;
	cr_assert_eq(build(&b, BATCH_ENSEMBLE, NULL, NULL, NULL, 0, RUNS), 0, "%s", err);
	/* a part after every run (an interval of 1 ns): healthy, one part per
	 * run, so the attempts below are bounded by the back-off alone */
	char ok[256], full[256], cdir[300];
	snprintf(ok, sizeof ok, "%s/ok", tdir);
	snprintf(full, sizeof full, "%s/full", tdir);
	mkdir(ok, 0755);
	mkdir(full, 0755);
	struct exec_opts o = { .threads = 1, .quiet = true, .dir = ok,
	                       .checkpoint_every = 1e-9 };
	struct batch_results r;
	cr_assert_eq(batch_exec(&b, &o, &r, err, sizeof err), ST_OK, "%s", err);
	snprintf(cdir, sizeof cdir, "%s/checkpoint", ok);
	cr_assert_eq(parts_in(cdir), RUNS);
	cr_assert_eq(r.ckpt_failures, 0);
	batch_results_free(&r);

	/* a file where DIR/checkpoint should be: every attempt fails; the
	 * runs all finish, the attempts back off (2^k runs after the k-th
	 * failure: 1 + log2(RUNS) of them, not one per run), one warning */
	snprintf(cdir, sizeof cdir, "%s/checkpoint", full);
	touch(cdir);
	o.dir = full;
	cr_assert_eq(batch_exec(&b, &o, &r, err, sizeof err), ST_OK, "%s", err);
	cr_assert_eq(r.n_done, RUNS);
	cr_assert(!r.interrupted);
	cr_assert_geq(r.ckpt_failures, 2, "retried: %u", r.ckpt_failures);
	cr_assert_leq(r.ckpt_failures, 7, "%u attempts for %d runs", r.ckpt_failures, RUNS);
	cr_assert_eq(r.ckpt_warnings, 1);
	batch_results_free(&r);
	char *text = slurp(cdir);
	cr_assert_str_eq(text, "the user's own file\n");
	free(text);
	batch_free(&b);
}

Test(batch_exec, a_failed_run_keeps_the_others_and_resumes,
     .init = exec_setup, .fini = exec_teardown)
{
	enum { RUNS = 6 };
	struct batch b;
	cr_assert_eq(build(&b, BATCH_ENSEMBLE, NULL, NULL, NULL, 0, RUNS), 0, "%s", err);
	char whole[256], part[256], path[300], path2[300];
	snprintf(whole, sizeof whole, "%s/whole", tdir);
	snprintf(part, sizeof part, "%s/part", tdir);
	char *argv[] = { "crisim", NULL };
	struct run_context rc = { 1, argv, "test", "default.json", NULL };
	struct exec_opts o = { .threads = 2, .quiet = true, .dir = whole };
	mkdir(whole, 0755);
	mkdir(part, 0755);
	cr_assert_eq(runner_batch(&b, &o, &rc, FORMAT_TSV, err, sizeof err), ST_OK, "%s", err);

	/* run 2 fails (out of memory): reported by index, the other five are
	 * written, the manifest lists it, exit 1; the checkpoint keeps them */
	o.dir = part;
	o.fail_item = 3;
	cr_assert_eq(runner_batch(&b, &o, &rc, FORMAT_TSV, err, sizeof err), ST_NOMEM);
	cr_assert(strstr(err, "run 2: out of memory; 1 of 6 runs failed"), "%s", err);
	cr_assert(strstr(err, "the 5 finished are written"), "%s", err);
	snprintf(path, sizeof path, "%s/runs.tsv", part);
	char *text = slurp(path);
	cr_assert_not_null(text);
	size_t rows = 0;
	for (char *l = text; (l = strchr(l, '\n')); l++)
		rows += l[1] >= '0' && l[1] <= '9';
	cr_assert_eq(rows, 5, "%s", text);
	free(text);
	snprintf(path, sizeof path, "%s/manifest.json", part);
	text = slurp(path);
	cr_assert(strstr(text, "\"failed_runs\": [{\"run\": 2, \"variant\": 0}]"), "%s", text);
	free(text);
	snprintf(path, sizeof path, "%s/checkpoint", part);
	cr_assert_eq(access(path, F_OK), 0);

	/* --resume runs the failed one: the files of the whole batch */
	o.fail_item = 0;
	o.resume = true;
	cr_assert_eq(runner_batch(&b, &o, &rc, FORMAT_TSV, err, sizeof err), ST_OK, "%s", err);
	const char *files[] = { "runs.tsv", "ensemble.tsv", "summary.json" };
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", whole, files[i]);
		snprintf(path2, sizeof path2, "%s/%s", part, files[i]);
		char *a = slurp(path), *c = slurp(path2);
		cr_assert(a && c && strcmp(a, c) == 0, "%s differs", files[i]);
		free(a);
		free(c);
	}
	snprintf(path, sizeof path, "%s/checkpoint", part);
	cr_assert_neq(access(path, F_OK), 0, "removed once written");
	batch_free(&b);
}

/* Whether dir (and its subdirectories) holds a temporary file. */
static bool has_temporaries(const char *d)
{
	char c[600], o[4096];
	snprintf(c, sizeof c, "find %s -name '.*.tmp*' | head -1", d);
	run_cmd(c, o, sizeof o, NULL, 0);
	return o[0] != '\0';
}

static void same_files(const char *a, const char *b, const char *const *files)
{
	for (; *files; files++) {
		char pa[600], pb[600];
		snprintf(pa, sizeof pa, "%s/%s", a, *files);
		snprintf(pb, sizeof pb, "%s/%s", b, *files);
		char *x = slurp(pa), *y = slurp(pb);
		cr_assert(x && y && strcmp(x, y) == 0, "%s differs from %s", pb, pa);
		free(x);
		free(y);
	}
}

/* A stop at every check of the report phase, in turn: exit 130, no file
 * half-written, the checkpoint holding every run, and --resume writing
 * the same files as the uninterrupted batch. */
static void stop_in_every_report_step(struct batch *b, const char *const *files,
                                      const char *tag)
{
	char whole[256], part[256], cdir[300];
	char *argv[] = { "crisim", NULL };
	struct run_context rc = { 1, argv, "test", "default.json", NULL };
	snprintf(whole, sizeof whole, "%s/%s-whole", tdir, tag);
	mkdir(whole, 0755);
	struct exec_opts o = { .threads = 1, .quiet = true, .dir = whole };
	cr_assert_eq(runner_batch(b, &o, &rc, FORMAT_TSV, err, sizeof err), ST_OK, "%s", err);
	uint64_t k;
	for (k = 1; k < 1000; k++) {
		snprintf(part, sizeof part, "%s/%s-%llu", tdir, tag, (unsigned long long)k);
		mkdir(part, 0755);
		/* in a child: the stop flag is the process's */
		fflush(NULL);
		pid_t pid = fork();
		cr_assert_geq(pid, 0);
		if (pid == 0) {
			struct exec_opts oc = { .threads = 1, .quiet = true, .dir = part,
			                        .stop_in_report = k };
			FILE *null = freopen("/dev/null", "w", stdout);
			(void)null;
			enum status st = runner_batch(b, &oc, &rc, FORMAT_TSV, err, sizeof err);
			_exit(st == ST_OK ? 0 : cli_exit_code(st));
		}
		int ws;
		cr_assert_eq(waitpid(pid, &ws, 0), pid);
		cr_assert(WIFEXITED(ws));
		if (WEXITSTATUS(ws) == 0)
			break;   /* k is past the last check */
		cr_assert_eq(WEXITSTATUS(ws), 130, "stop at check %llu",
		             (unsigned long long)k);
		cr_assert(!has_temporaries(part), "check %llu", (unsigned long long)k);
		snprintf(cdir, sizeof cdir, "%s/checkpoint", part);
		cr_assert_eq(access(cdir, F_OK), 0, "check %llu: a checkpoint",
		             (unsigned long long)k);
		snprintf(cdir, sizeof cdir, "%s/manifest.json", part);
		cr_assert_neq(access(cdir, F_OK), 0, "no manifest for unfinished reports");
		struct exec_opts orr = { .threads = 1, .quiet = true, .dir = part,
		                         .resume = true };
		cr_assert_eq(runner_batch(b, &orr, &rc, FORMAT_TSV, err, sizeof err), ST_OK,
		             "check %llu: %s", (unsigned long long)k, err);
		same_files(whole, part, files);
	}
	cr_assert_gt(k, 3, "the reports made %llu checks", (unsigned long long)k);
}

Test(batch_exec, a_stop_while_reporting_an_ensemble, .init = exec_setup,
     .fini = exec_teardown)
{
	struct batch b;
	cr_assert_eq(build(&b, BATCH_ENSEMBLE, NULL, NULL, NULL, 0, 4), 0, "%s", err);
	const char *files[] = { "runs.tsv", "summary.json", "ensemble.tsv", NULL };
	stop_in_every_report_step(&b, files, "e");
	batch_free(&b);
}

Test(batch_exec, a_stop_while_reporting_a_comparison_or_a_sweep, .init = exec_setup,
     .fini = exec_teardown)
{
	struct batch b;
	cr_assert_not_null(freopen("/dev/null", "w", stdout));   /* compare's table */
	cr_assert_eq(build(&b, BATCH_COMPARE, NULL, "none,plan", NULL, 0, 3), 0, "%s", err);
	const char *cfiles[] = { "compare.tsv", "compare.json", "none/runs.tsv",
	                         "plan/ensemble.tsv", "plan/story/series.tsv", NULL };
	stop_in_every_report_step(&b, cfiles, "c");
	batch_free(&b);
	const char *grids[] = { "spread.p=0.1,0.2" };
	cr_assert_eq(build(&b, BATCH_SWEEP, NULL, NULL, grids, 1, 3), 0, "%s", err);
	const char *sfiles[] = { "sweep.tsv", NULL };
	stop_in_every_report_step(&b, sfiles, "s");
	batch_free(&b);
}
