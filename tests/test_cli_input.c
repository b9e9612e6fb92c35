/* CLI tests of hostile scenario input (issue 13): whatever the bytes, the
 * single-run commands (`validate`, `run`, `graph FILE.json`) give exit 2
 * and one line naming the file and the JSON path, never a crash or a
 * silently truncated value.  The batch paths (`run --runs`, `compare`,
 * `sweep`) are tested in test_cli_ensemble.c. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "helpers.h"

static char out[65536], err[8192], cmd[4096];
static char dir[] = "/tmp/crisim-input-XXXXXX";

static void setup(void)
{
	strcpy(dir, "/tmp/crisim-input-XXXXXX");
	cr_assert_eq(tmpdir_make(dir), 0);
}

static void teardown(void)
{
	cr_assert_eq(tmpdir_remove(dir), 0);
}

TestSuite(cli_input, .init = setup, .fini = teardown);

/* Run `crisim ARGS` (ARGS through the shell). */
static int crisim(const char *args)
{
	snprintf(cmd, sizeof cmd, "%s %s", crisim_bin(), args);
	return run_cmd(cmd, out, sizeof out, err, sizeof err);
}

/* One line on stderr, starting "crisim: ". */
static void assert_one_line(void)
{
	size_t n = strlen(err);

	cr_assert(strncmp(err, "crisim: ", 8) == 0, "%s", err);
	cr_assert(n > 0 && err[n - 1] == '\n' && !memchr(err, '\n', n - 1),
	          "not one line: %s", err);
}

/* Write `len` bytes of `text` to DIR/NAME; the path goes into *path. */
static void write_file(const char *name, const char *text, size_t len,
                       char *path, size_t plen)
{
	snprintf(path, plen, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(text, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
}

/* A shell word of n 'k' bytes, made by the shell (the command line of
 * run_cmd is too short to hold 100000 bytes itself). */
#define KS(n) "\"$(head -c " #n " /dev/zero | tr '\\0' k)\""

Test(cli_input, long_set_and_grid_path_segments_exit_2)
{
	static const char *const args[] = {
		"validate scenarios/default.json --set " KS(300) "=1",
		"validate scenarios/default.json --set " KS(100000) "=1",
		"validate scenarios/default.json --set network." KS(100000) "=1",
		"run scenarios/default.json -q -o %s/r --set " KS(100000) "=1",
		"sweep scenarios/default.json -q --runs 1 -o %s/s --grid "
		KS(300) "=1,2",
		"sweep scenarios/default.json -q --runs 1 -o %s/s --grid "
		KS(100000) "=1,2",
	};
	for (size_t i = 0; i < sizeof args / sizeof args[0]; i++) {
		char a[1024];
		snprintf(a, sizeof a, args[i], dir);
		cr_assert_eq(crisim(a), 2, "crisim %s: %s", a, err);
		assert_one_line();
		cr_assert(strstr(err, "kkkk... (a key of "), "%s", err);
		cr_assert(strstr(err, "unknown key"), "%s", err);
	}
}

/* The three single-run commands that load a scenario file. */
static const char *const loaders[] = {
	"validate %s",
	"run %s -q -o %s/out --set network.nodes=200 --set ticks=5",
	"graph %s --set network.nodes=200",
};

/* Each loader on file `path` exits 2 with one line holding `want`, and
 * writes no output directory. */
static void expect_all_refuse(const char *path, const char *want)
{
	for (size_t i = 0; i < sizeof loaders / sizeof loaders[0]; i++) {
		char a[1024], outdir[512];
		snprintf(a, sizeof a, loaders[i], path, dir);
		cr_assert_eq(crisim(a), 2, "crisim %s: %s", a, err);
		assert_one_line();
		cr_assert(strstr(err, want), "crisim %s: %s", a, err);
		snprintf(outdir, sizeof outdir, "%s/out", dir);
		cr_assert_neq(access(outdir, F_OK), 0, "crisim %s wrote %s", a,
		              outdir);
	}
}

Test(cli_input, invalid_utf8_is_exit_2_naming_the_path)
{
	static const char text[] = "{\"name\": \"caf\xe9\"}";  /* Latin-1 */
	char path[512], want[600];

	write_file("latin1.json", text, sizeof text - 1, path, sizeof path);
	snprintf(want, sizeof want, "%s: name: expected UTF-8 text, got the "
	         "byte 0xe9 at offset 3", path);
	expect_all_refuse(path, want);
}

Test(cli_input, nul_byte_is_exit_2_with_its_position)
{
	static const char text[] = "{\"ticks\": 20}\0{\"garbage";
	char path[512], want[600];

	write_file("nul.json", text, sizeof text - 1, path, sizeof path);
	snprintf(want, sizeof want, "%s: line 1, column 14", path);
	expect_all_refuse(path, want);
}

Test(cli_input, nul_escape_and_control_characters_are_exit_2)
{
	static const char esc[] = "{\"name\": \"a\\u0000b\"}";
	static const char nl[] = "{\"name\": \"two\\nlines\"}";
	char path[512], want[600];

	write_file("esc.json", esc, sizeof esc - 1, path, sizeof path);
	snprintf(want, sizeof want, "%s: line 1, column 12: expected text "
	         "without NUL characters", path);
	expect_all_refuse(path, want);
	write_file("nl.json", nl, sizeof nl - 1, path, sizeof path);
	snprintf(want, sizeof want, "%s: name: expected text without control "
	         "characters, got U+000A (newline) at offset 3", path);
	expect_all_refuse(path, want);
}

/* A description may hold newline and tab: manifest.json is the only file
 * it is written to, and JSON escapes them. */
Test(cli_input, description_with_newline_runs_and_stays_escaped)
{
	static const char text[] = "{\"name\": \"n\", \"description\": "
	                           "\"a\\nb\\tc\", \"ticks\": 5, "
	                           "\"network\": {\"nodes\": 200}}";
	char path[512], a[1024], mpath[600];

	write_file("desc.json", text, sizeof text - 1, path, sizeof path);
	snprintf(a, sizeof a, "run %s -q -o %s/d", path, dir);
	cr_assert_eq(crisim(a), 0, "%s", err);
	snprintf(mpath, sizeof mpath, "%s/d/manifest.json", dir);
	char *m = slurp(mpath);
	cr_assert_not_null(m);
	cr_assert(strstr(m, "\"description\":\t\"a\\nb\\tc\""), "%s", m);
	free(m);
}

/* Issue 13 item 11: validate and run agree on the range of network.k
 * (watts_strogatz needs k <= nodes-2): both accept 8 and refuse 10 with
 * 11 nodes. */
Test(cli_input, validate_and_run_agree_on_network_k)
{
	char outdir[600];

	snprintf(outdir, sizeof outdir, "run -q -o %s/k", dir);
	const char *const cmds[] = { "validate", outdir };
	for (int k = 8; k <= 10; k += 2) {
		for (size_t i = 0; i < 2; i++) {
			char a[1024];
			snprintf(a, sizeof a, "%s scenarios/default.json --set ticks=10 "
			         "--set population.media=1 --set population.influencers=1"
			         " --set network='{\"model\": \"watts_strogatz\", "
			         "\"nodes\": 11, \"k\": %d}'", cmds[i], k);
			cr_assert_eq(crisim(a), k == 8 ? 0 : 2, "crisim %s: %s", a, err);
			if (k == 10)
				cr_assert(strstr(err, "network.k: expected even integer "
				                 "in [2, nodes-2], got 10 (nodes = 11)"),
				          "%s", err);
		}
	}
}
