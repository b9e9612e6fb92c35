/* CLI tests: run the crisim binary ($CRISIM) on good and bad input and
 * check exit codes, messages and files. */
#include <criterion/criterion.h>
#include <unistd.h>

#include "helpers.h"

static char out[65536], err[4096], cmd[4096];
static char dir[] = "/tmp/crisim-cli-XXXXXX";

static int sh(const char *fmt, const char *arg)
{
	char c[2048];
	snprintf(c, sizeof c, fmt, arg);
	snprintf(cmd, sizeof cmd, "%s %s", crisim_bin(), c);
	return run_cmd(cmd, out, sizeof out, err, sizeof err);
}

static void setup(void)
{
	strcpy(dir, "/tmp/crisim-cli-XXXXXX");
	cr_assert_eq(tmpdir_make(dir), 0);
}

static void teardown(void)
{
	cr_assert_eq(tmpdir_remove(dir), 0);
}

TestSuite(cli, .init = setup, .fini = teardown);

/* A small fast scenario for runs. */
#define SMALL "scenarios/default.json --set network.nodes=2000 --set ticks=50"

Test(cli, version_and_help)
{
	cr_assert_eq(sh("--version", ""), 0);
	cr_assert(strncmp(out, "crisim ", 7) == 0, "%s", out);
	cr_assert_eq(sh("--help", ""), 0);
	cr_assert(strstr(out, "usage: crisim COMMAND"));
	const char *cmds[] = { "run", "validate", "graph", "plot", "compare", "sweep", "keys" };
	for (int i = 0; i < 7; i++) {
		cr_assert_eq(sh("%s --help", cmds[i]), 0);
		char want[64];
		snprintf(want, sizeof want, "usage: crisim %s", cmds[i]);
		cr_assert(strstr(out, want), "%s", out);
		cr_assert_str_eq(err, "");
	}
}

Test(cli, usage_errors_exit_2_with_one_line)
{
	const char *bad[] = { "", "frobnicate", "run", "run a.json --bogus",
	                      "run a.json --seed x", "run a.json -o", "plot",
	                      "run a.json b.json", "keys bogus", "keys --markdown x",
	                      "validate a.json -o x", "run a.json --threads 2",
	                      "run a.json --summary -o d", "keys --set a=1",
	                      "run a.json --seed 9007199254740992" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		cr_assert_eq(sh("%s", bad[i]), 2, "crisim %s", bad[i]);
		cr_assert(strncmp(err, "crisim: ", 8) == 0, "%s", err);
		cr_assert_eq(strchr(err, '\n'), err + strlen(err) - 1, "one line: %s", err);
	}
}

Test(cli, validate_prints_resolved_defaults)
{
	snprintf(cmd, sizeof cmd, "echo '{}' | %s validate -", crisim_bin());
	cr_assert_eq(run_cmd(cmd, out, sizeof out, err, sizeof err), 0, "%s", err);
	cr_assert(strstr(out, "\"barabasi_albert\""), "%s", out);
	cr_assert(strstr(out, "\"ticks\""), "%s", out);
	cr_assert_eq(sh("validate %s --set network.m=4", "scenarios/default.json"), 0);
	cr_assert(strstr(out, "\"m\":\t4") || strstr(out, "\"m\": 4"), "%s", out);
}

Test(cli, validate_rejects_bad_input_naming_the_path)
{
	struct { const char *json, *want; } cases[] = {
		{ "{\"network\": {\"m\": 0}}", "network.m: expected integer" },
		{ "{\"network\": {\"nodez\": 5}}", "network.nodez: unknown key" },
		{ "{\"ticks\": \"5\"}", "ticks: expected" },
		{ "{\"seed\": 1, \"seed\": 2}", "seed: duplicate key" },
		{ "{\"ticks\": 10,\n \"spread\": {", "line 2" },
		{ "{\"spread\": {\"rule\": \"gossip\"}}", "spread.rule: expected one of" },
		{ "{\"responder\": {\"strategy\": \"panic\"}}", "responder.strategy" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/bad%zu.json", dir, i);
		FILE *f = fopen(path, "w");
		fputs(cases[i].json, f);
		fclose(f);
		cr_assert_eq(sh("validate %s", path), 2, "%s: %s", cases[i].json, err);
		cr_assert(strncmp(err, "crisim: ", 8) == 0, "%s", err);
		cr_assert(strstr(err, path), "names the file: %s", err);
		cr_assert(strstr(err, cases[i].want), "%s: want '%s'", err, cases[i].want);
	}
	cr_assert_eq(sh("validate %s/missing.json", dir), 2);
	cr_assert(strstr(err, "missing.json"), "%s", err);
}

Test(cli, run_writes_all_files_and_is_reproducible)
{
	char a[600], b[600];
	snprintf(a, sizeof a, SMALL " -o %s/a", dir);
	cr_assert_eq(sh("run %s", a), 0, "%s", err);
	const char *files[] = { "series.tsv", "events.tsv", "summary.json", "manifest.json" };
	for (int i = 0; i < 4; i++) {
		char p[600];
		snprintf(p, sizeof p, "%s/a/%s", dir, files[i]);
		cr_assert_eq(access(p, R_OK), 0, "%s", p);
	}
	snprintf(b, sizeof b, SMALL " -o %s/b --quiet", dir);
	cr_assert_eq(sh("run %s", b), 0, "%s", err);
	cr_assert_str_eq(err, "", "--quiet prints nothing");
	snprintf(cmd, sizeof cmd, "cmp %s/a/series.tsv %s/b/series.tsv && cmp %s/a/events.tsv %s/b/events.tsv",
	         dir, dir, dir, dir);
	cr_assert_eq(run_cmd(cmd, out, sizeof out, err, sizeof err), 0, "same seed, same bytes");

	snprintf(b, sizeof b, SMALL " -o %s/c --seed 7 -q", dir);
	cr_assert_eq(sh("run %s", b), 0, "%s", err);
	snprintf(cmd, sizeof cmd, "cmp -s %s/a/series.tsv %s/c/series.tsv", dir, dir);
	cr_assert_eq(run_cmd(cmd, out, sizeof out, err, sizeof err), 1, "another seed differs");

	char p[600];
	snprintf(p, sizeof p, "%s/a/series.tsv", dir);
	char *s = slurp(p);
	cr_assert(strncmp(s, "# scenario: default\n# seed: 2\n# crisim: ", 39) == 0, "%.80s", s);
	cr_assert(strstr(s, "\ntick\tminutes\taware\t"), "header row");
	free(s);
	snprintf(p, sizeof p, "%s/a/manifest.json", dir);
	s = slurp(p);
	cr_assert(strstr(s, "\"command\": ["), "%s", s);
	cr_assert(strstr(s, "\"scenario\": {"), "%s", s);
	free(s);
}

Test(cli, run_to_stdout_and_from_stdin)
{
	cr_assert_eq(sh("run %s -o -", SMALL), 0, "%s", err);
	cr_assert(strstr(out, "tick\tminutes\t"), "%.200s", out);
	int lines = 0;
	for (char *c = out; *c; c++)
		lines += *c == '\n';
	cr_assert_eq(lines, 3 + 1 + 50, "3 comments, header, 50 ticks");
	snprintf(cmd, sizeof cmd,
	         "echo '{\"ticks\": 20, \"network\": {\"nodes\": 500}}' | %s run - -o -",
	         crisim_bin());
	cr_assert_eq(run_cmd(cmd, out, sizeof out, err, sizeof err), 0, "%s", err);
}

Test(cli, run_write_failure_is_a_runtime_error)
{
	cr_assert_eq(sh("run %s -o /dev/null/x", SMALL), 1);
	cr_assert(strstr(err, "crisim: /dev/null"), "%s", err);
}

Test(cli, graph_statistics)
{
	cr_assert_eq(sh("graph %s", "scenarios/data/facebook_combined.txt"), 0, "%s", err);
	cr_assert(strstr(out, "nodes\t4039\n"), "%s", out);
	cr_assert(strstr(out, "arcs\t176468\n"), "%s", out);
	cr_assert(strstr(out, "reciprocity\t1.0000\n"), "%s", out);
	cr_assert_eq(sh("graph --network-spec %s",
	                "'{\"model\":\"erdos_renyi\",\"nodes\":1000,\"mean_degree\":4}'"), 0, "%s", err);
	cr_assert(strstr(out, "nodes\t1000\n"), "%s", out);
	char o[600];
	snprintf(o, sizeof o, "scenarios/default.json --set network.nodes=300 -o %s/e.txt", dir);
	cr_assert_eq(sh("graph %s", o), 0, "%s", err);
	snprintf(o, sizeof o, "%s/e.txt", dir);
	cr_assert_eq(sh("graph %s", o), 0, "%s", err);
	cr_assert(strstr(out, "nodes\t300\n"), "round trip through the edge list: %s", out);
	/* With -o - the edge list alone goes to stdout: it reads back. */
	char c2[1024];
	snprintf(c2, sizeof c2, "%s graph scenarios/default.json --set network.nodes=300 "
	         "-o - > %s/f.txt 2>/dev/null", crisim_bin(), dir);
	cr_assert_eq(system(c2), 0);
	snprintf(o, sizeof o, "%s/f.txt", dir);
	cr_assert_eq(sh("graph %s", o), 0, "%s", err);
	cr_assert(strstr(out, "nodes\t300\n"), "%s", out);
	cr_assert_eq(sh("graph %s", "README.md"), 2, "not an edge list");
	cr_assert(strstr(err, "README.md: line"), "%s", err);
}

Test(cli, plot_missing_dir_and_missing_gnuplot)
{
	cr_assert_eq(sh("plot %s/nothing", dir), 2);
	cr_assert(strstr(err, "no series.tsv"), "%s", err);
	char a[600];
	snprintf(a, sizeof a, SMALL " -q -o %s/p", dir);
	cr_assert_eq(sh("run %s", a), 0, "%s", err);
	snprintf(cmd, sizeof cmd, "PATH=/nonexistent %s plot %s/p", crisim_bin(), dir);
	cr_assert_eq(run_cmd(cmd, out, sizeof out, err, sizeof err), 1);
	cr_assert(strstr(err, "gnuplot not found"), "%s", err);
}

Test(cli, plot_writes_png_and_svg)
{
	if (system("command -v gnuplot >/dev/null 2>&1") != 0)
		cr_skip_test("gnuplot is not installed");
	char a[600];
	snprintf(a, sizeof a, SMALL " -q -o %s/p", dir);
	cr_assert_eq(sh("run %s", a), 0, "%s", err);
	cr_assert_eq(sh("plot %s/p", dir), 0, "%s", err);
	char p[600];
	snprintf(p, sizeof p, "%s/p/series.png", dir);
	char *s = slurp(p);
	cr_assert_not_null(s);
	cr_assert(memcmp(s, "\x89PNG", 4) == 0);
	free(s);
	snprintf(p, sizeof p, "%s/p/series.svg", dir);
	s = slurp(p);
	cr_assert(s && strstr(s, "<svg"));
	free(s);
}

/* ---- cli_parse itself, in process: the tables drive the parser ---- */

#include <ctype.h>

#include "cli.h"

/* Parse a command line given as words (argv[0] is "crisim"). */
static int parse_words(struct request *rq, char *errbuf, size_t n,
                       const char *const *words)
{
	static char *argv[64];
	int argc = 0;
	argv[argc++] = "crisim";
	for (; words[argc - 1]; argc++)
		argv[argc] = (char *)words[argc - 1];
	argv[argc] = NULL;
	return cli_parse(argc, argv, rq, errbuf, n);
}

#define PARSE(rq, e, ...) parse_words(rq, e, sizeof e, (const char *const[]){ __VA_ARGS__, NULL })

Test(cli_parse, double_dash_ends_the_options)
{
	struct request rq;
	char e[256];
	cr_assert_eq(PARSE(&rq, e, "run", "--", "-x.json"), 0, "%s", e);
	cr_assert_str_eq(rq.file, "-x.json");
	cli_free(&rq);
	cr_assert_eq(PARSE(&rq, e, "run", "-q", "--", "-"), 0, "%s", e);
	cr_assert_str_eq(rq.file, "-");
	cr_assert(rq.quiet);
	cli_free(&rq);
	cr_assert_eq(PARSE(&rq, e, "run", "--", "a.json", "--seed"), EXIT_USAGE);
	cr_assert(strstr(e, "unexpected argument '--seed'"), "%s", e);
}

Test(cli_parse, short_options_bundle)
{
	struct request rq;
	char e[256];
	cr_assert_eq(PARSE(&rq, e, "run", "-qo", "d", "a.json"), 0, "%s", e);
	cr_assert(rq.quiet);
	cr_assert_str_eq(rq.out, "d");
	cr_assert_str_eq(rq.file, "a.json");
	cli_free(&rq);
	cr_assert_eq(PARSE(&rq, e, "run", "a.json", "-qod"), 0, "%s", e);
	cr_assert_str_eq(rq.out, "d");
	cli_free(&rq);
	cr_assert_eq(PARSE(&rq, e, "run", "a.json", "--runs=3", "--threads=2"), 0, "%s", e);
	cr_assert_eq(rq.runs, 3);
	cr_assert_eq(rq.threads, 2);
	cli_free(&rq);
}

Test(cli_parse, version_and_help_letters)
{
	struct request rq;
	char e[256];
	cr_assert_eq(PARSE(&rq, e, "-V"), 0, "%s", e);
	cr_assert(rq.version);
	cr_assert_eq(PARSE(&rq, e, "--version"), 0, "%s", e);
	cr_assert(rq.version);
	cr_assert_eq(PARSE(&rq, e, "-h"), 0, "%s", e);
	cr_assert(rq.help && rq.cmd == CMD_NONE);
	cr_assert_eq(PARSE(&rq, e, "sweep", "-h"), 0, "%s", e);
	cr_assert(rq.help && rq.cmd == CMD_SWEEP);
	cli_free(&rq);
}

/* getopt keeps its state in libc: a parse that stopped in the middle of a
 * bundle must not leak into the next one. */
Test(cli_parse, parses_again_after_a_failed_bundle)
{
	struct request rq;
	char e[256];
	cr_assert_eq(PARSE(&rq, e, "run", "a.json", "-qzo", "d"), EXIT_USAGE);
	cr_assert(strstr(e, "'-z'"), "%s", e);
	cr_assert_eq(PARSE(&rq, e, "run", "-o", "x", "b.json"), 0, "%s", e);
	cr_assert_str_eq(rq.out, "x");
	cr_assert_str_eq(rq.file, "b.json");
	cr_assert(!rq.quiet);
	cli_free(&rq);
}

Test(cli_parse, argv_keeps_its_order)
{
	char *argv[] = { "crisim", "run", "-q", "a.json", "--seed", "3", "-o", "d", NULL };
	char *copy[9];
	memcpy(copy, argv, sizeof argv);
	struct request rq;
	char e[256];
	cr_assert_eq(cli_parse(8, argv, &rq, e, sizeof e), 0, "%s", e);
	for (int i = 0; i < 8; i++)
		cr_assert_eq(argv[i], copy[i], "argv[%d] moved: the manifest records it", i);
	cli_free(&rq);
}

Test(cli_parse, every_error_names_the_option)
{
	struct { const char *const words[6]; const char *want; } cases[] = {
		{ { "run", "a.json", "--runs", "x" }, "--runs" },
		{ { "run", "a.json", "--runs", "3", "--threads", "5000" }, "--threads" },
		{ { "run", "a.json", "--run", "-1" }, "--run" },
		{ { "run", "a.json", "--runs", "3", "--stop-after", "0" }, "--stop-after" },
		{ { "compare", "a.json", "--format", "xml" }, "--format" },
		{ { "run", "a.json", "--seed" }, "--seed" },
		{ { "run", "a.json", "-o" }, "-o" },
		{ { "run", "a.json", "--quiet=yes" }, "--quiet" },
		{ { "run", "a.json", "--thr", "2" }, "--thr" },
		{ { "run", "a.json", "--thr", "2" }, "did you mean --threads" },
		{ { "validate", "a.json", "--runs", "2" }, "--runs" },
		{ { "keys", "-q" }, "-q" },
		{ { "--frob" }, "--frob" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct request rq;
		char e[256] = "";
		const char *const *w = cases[i].words;
		cr_assert_eq(parse_words(&rq, e, sizeof e, w), EXIT_USAGE, "case %zu", i);
		cr_assert(strstr(e, cases[i].want), "case %zu: '%s' lacks '%s'", i, e,
		          cases[i].want);
	}
}

/* A value each field accepts. */
static const char *sample_value(enum cli_field f)
{
	switch (f) {
	case F_SEED: case F_RUNS: case F_THREADS: case F_STOP_AFTER: case F_SAMPLES:
	case F_EVERY: return "3";
	case F_DESIGN: return "lhs";
	case F_FACTOR: return "a=1:2";
	case F_RUN:    return "0";
	case F_FORMAT: return "tsv";
	case F_SET: case F_GRID: return "a=1";
	default:       return "v";
	}
}

/* The request without its pointers to argv and arrays, for comparison. */
static struct request comparable(struct request rq)
{
	rq.sets = rq.grids = rq.factors = NULL;
	rq.argv = NULL;
	rq.argc = 0;
	return rq;
}

/* Every row of every table, in its long and its short form, reaches the
 * request (--help is added so that cross-option rules do not apply). */
Test(cli_parse, every_table_row_sets_its_field)
{
	for (int c = 1; c < CMD_COUNT; c++) {
		const struct cli_command *tab = cli_command((enum cmd)c);
		struct request base, rq;
		char e[256];
		cr_assert_eq(PARSE(&base, e, tab->name, "f", "--help"), 0, "%s", e);
		struct request b = comparable(base);
		for (size_t i = 0; i < tab->n_opts; i++) {
			const struct cli_option *o = &tab->opts[i];
			if (o->field == F_HELP)
				continue;
			char name[64], letter[3] = { '-', o->letter, 0 };
			snprintf(name, sizeof name, "--%s", o->name);
			const char *v = o->value ? sample_value(o->field) : NULL;
			for (int form = 0; form < (o->letter ? 2 : 1); form++) {
				const char *opt = form ? letter : name;
				int rc = v ? PARSE(&rq, e, tab->name, "f", opt, v, "--help") :
				             PARSE(&rq, e, tab->name, "f", opt, "--help");
				cr_assert_eq(rc, 0, "%s %s: %s", tab->name, opt, e);
				struct request r = comparable(rq);
				cr_assert(memcmp(&r, &b, sizeof r) != 0 || rq.n_sets || rq.n_grids ||
				          rq.n_factors,
				          "%s %s changed nothing", tab->name, opt);
				cli_free(&rq);
			}
		}
		cli_free(&base);
	}
}

/* Option names are written once: every --name and -x that a command's
 * help mentions is a row of its table (the overview: of any table). */
static bool in_table(const struct cli_command *c, const char *name, size_t len,
                     char letter)
{
	for (size_t i = 0; i < c->n_opts; i++)
		if (letter ? c->opts[i].letter == letter :
		    strlen(c->opts[i].name) == len && strncmp(c->opts[i].name, name, len) == 0)
			return true;
	return false;
}

Test(cli_parse, help_mentions_only_options_of_the_table)
{
	for (int c = 0; c < CMD_COUNT; c++) {
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		cli_help(f, (enum cmd)c);
		fclose(f);
		for (char *p = text; *p; p++) {
			if (*p != '-' || (p > text && (isalnum((unsigned char)p[-1]) ||
			                                p[-1] == '-' || p[-1] == '.')))
				continue;
			char letter = 0;
			const char *name = p + 2;
			size_t n = 0;
			if (p[1] == '-') {
				while (islower((unsigned char)name[n]) || name[n] == '-')
					n++;
				if (!n)
					continue;
			} else if (isalpha((unsigned char)p[1]) && !isalnum((unsigned char)p[2])) {
				letter = p[1];
			} else {
				continue;
			}
			bool ok = false;
			for (int k = 0; k < CMD_COUNT && !ok; k++)
				if (k == c || c == CMD_NONE)
					ok = in_table(cli_command((enum cmd)k), name, n, letter);
			cr_assert(ok, "help of '%s' mentions %.*s, not in its table",
			          cli_command((enum cmd)c)->name, letter ? 2 : (int)n + 2, p);
			p += letter ? 1 : n + 1;
		}
		free(text);
	}
}

Test(cli, double_dash_and_bundles_on_the_command_line)
{
	char a[700];
	/* The options before --: after it, everything is FILE. */
	snprintf(a, sizeof a, "--set network.nodes=500 --set ticks=10 -qo %s/q -- "
	         "scenarios/default.json", dir);
	cr_assert_eq(sh("run %s", a), 0, "%s", err);
	cr_assert_str_eq(err, "", "-q in the bundle: %s", err);
	char p[600];
	snprintf(p, sizeof p, "%s/q/series.tsv", dir);
	cr_assert_eq(access(p, R_OK), 0, "%s", p);
	cr_assert_eq(sh("-V%s", ""), 0);
	cr_assert(strncmp(out, "crisim ", 7) == 0, "%s", out);
}

Test(cli, threads_are_capped_and_checked)
{
	char a[700];
	/* above the documented maximum: a usage error naming the limit */
	snprintf(a, sizeof a, "run " SMALL " --runs 2 --threads 4096 -q -o %s/t", dir);
	cr_assert_eq(sh("%s", a), 2, "%s", err);
	cr_assert_str_eq(err, "crisim: --threads: expected a positive integer <= 1024, "
	                 "got '4096'\n");
	cr_assert_neq(access(a, F_OK), 0);
#ifndef CRISIM_CHECKS   /* AddressSanitizer's shadow needs more than 3 GB */
	/* at the maximum, but the system cannot give that many threads (3 GB
	 * of address space, 8 MiB of stack each): a crisim message, exit 1,
	 * not the OpenMP runtime's own exit */
	snprintf(cmd, sizeof cmd, "ulimit -s 8192; ulimit -v 3000000; %s run " SMALL
	         " --runs 2 --threads 1024 -q -o %s/t", crisim_bin(), dir);
	cr_assert_eq(run_cmd(cmd, out, sizeof out, err, sizeof err), 1, "%s", err);
	cr_assert_str_eq(err, "crisim: --threads 1024: the system cannot create 1024 "
	                 "threads (Resource temporarily unavailable); give fewer\n");
	cr_assert(!strstr(err, "libgomp"), "%s", err);
	snprintf(a, sizeof a, "%s/t/checkpoint", dir);
	cr_assert_neq(access(a, F_OK), 0, "nothing to resume was left");
#endif
}
