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
