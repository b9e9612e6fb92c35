/* The README's reference tables are the output of `crisim keys --markdown`
 * (generated from the schema table and the X-macro lists), so documentation
 * cannot drift from the code: a new key, column or outcome fails here until
 * the README is regenerated. */
#include <criterion/criterion.h>

#include <ctype.h>
#include <stdbool.h>

#include "helpers.h"

static void assert_table_in_readme(const char *table)
{
	static char out[65536];
	char cmd[512];
	snprintf(cmd, sizeof cmd, "%s keys %s --markdown", crisim_bin(), table);
	cr_assert_eq(run_cmd(cmd, out, sizeof out, NULL, 0), 0, "%s", cmd);
	cr_assert_gt(strlen(out), 100);
	char *readme = slurp("README.md");
	cr_assert_not_null(readme);
	cr_assert(strstr(readme, out), "README.md does not hold the current output "
	          "of `crisim keys %s --markdown`: regenerate that table", table);
	free(readme);
}

Test(docs, readme_holds_the_scenario_key_table)
{
	assert_table_in_readme("scenario");
}

Test(docs, readme_holds_the_series_column_table)
{
	assert_table_in_readme("series");
}

Test(docs, readme_holds_the_summary_field_table)
{
	assert_table_in_readme("summary");
}

Test(docs, readme_first_screen_gives_the_two_commands)
{
	char *readme = slurp("README.md");
	cr_assert_not_null(readme);
	char *cut = readme;
	for (int lines = 0; *cut && lines < 40; cut++)
		lines += *cut == '\n';
	*cut = '\0';
	cr_assert(strstr(readme, "make demo"));
	cr_assert(strstr(readme, "make test"));
	free(readme);
}

/* ---- the man page and the completion: generated from the option tables
 * (sim/cli_table.c), checked here so they cannot drift ---- */

#include "cli.h"
#include "cli_doc.h"

static char *generated(bool man)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	cr_assert_not_null(f);
	if (man)
		cli_doc_man(f, CRISIM_VERSION);
	else
		cli_doc_bash(f);
	fclose(f);
	return text;
}

Test(docs, man_page_and_completion_are_current)
{
	const char *files[] = { "crisim.1", "crisim.bash-completion" };
	for (int k = 0; k < 2; k++) {
		char *want = generated(k == 0), *have = slurp(files[k]);
		cr_assert_not_null(have, "%s is missing: make builds it", files[k]);
		cr_assert_str_eq(have, want, "%s is stale: make rebuilds it", files[k]);
		free(want);
		free(have);
	}
}

/* The roff of --NAME and -X as the man page writes them. */
static void man_name(char *buf, size_t n, const struct cli_option *o, bool letter)
{
	char name[64];
	size_t j = 0;
	for (const char *p = o->name; *p && j + 3 < sizeof name; p++) {
		if (*p == '-')
			name[j++] = '\\';
		name[j++] = *p;
	}
	name[j] = '\0';
	if (letter)
		snprintf(buf, n, "\\fB\\-%c\\fR", o->letter);
	else
		snprintf(buf, n, "\\fB\\-\\-%s\\fR", name);
}

Test(docs, man_page_lists_every_option_of_every_command)
{
	char *man = slurp("crisim.1");
	cr_assert_not_null(man);
	for (int c = 0; c < CMD_COUNT; c++) {
		const struct cli_command *cmd = cli_command((enum cmd)c);
		/* A command's options are in its own section. */
		char head[64];
		snprintf(head, sizeof head, c ? ".SS \"crisim %s\"\n" : ".SH OPTIONS\n",
		         cmd->name);
		char *from = strstr(man, head);
		cr_assert_not_null(from, "no section %s", head);
		char *to = strstr(from + 1, "\n.SH "), *ss = strstr(from + 1, "\n.SS ");
		if (ss && (!to || ss < to))
			to = ss;
		cr_assert_not_null(to);
		char save = *to;
		*to = '\0';
		for (size_t i = 0; i < cmd->n_opts; i++) {
			char want[96];
			man_name(want, sizeof want, &cmd->opts[i], false);
			cr_assert(strstr(from, want), "crisim.1: %s lacks --%s", head,
			          cmd->opts[i].name);
			if (cmd->opts[i].letter) {
				man_name(want, sizeof want, &cmd->opts[i], true);
				cr_assert(strstr(from, want), "crisim.1: %s lacks -%c", head,
				          cmd->opts[i].letter);
			}
		}
		*to = save;
	}
	const char *sections[] = { ".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION",
		".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", "CRISIM_SCRIPTS",
		"CRISIM_MAX_INPUT", "OMP_NUM_THREADS", ".SH FILES", ".SH EXAMPLES" };
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
		cr_assert(strstr(man, sections[i]), "crisim.1 lacks %s", sections[i]);
	for (size_t i = 0; i < cli_n_exits; i++) {
		char want[32];
		snprintf(want, sizeof want, ".TP\n\\fB%d\\fR\n", cli_exits[i].code);
		cr_assert(strstr(man, want), "crisim.1 lacks exit status %d", cli_exits[i].code);
	}
	free(man);
}

/* And the other way: every \-\-NAME in the page (examples, prose) is an
 * option crisim has. */
Test(docs, man_page_names_only_real_options)
{
	char *man = slurp("crisim.1");
	cr_assert_not_null(man);
	for (char *p = strstr(man, "\\-\\-"); p; p = strstr(p + 1, "\\-\\-")) {
		char name[64];
		size_t j = 0;
		const char *q = p + 4;
		while (j + 1 < sizeof name && (islower((unsigned char)*q) ||
		                               (q[0] == '\\' && q[1] == '-'))) {
			if (*q == '\\')
				q++;
			name[j++] = *q++;
		}
		name[j] = '\0';
		if (!j)
			continue;
		bool found = false;
		for (int c = 0; c < CMD_COUNT && !found; c++) {
			const struct cli_command *cmd = cli_command((enum cmd)c);
			for (size_t i = 0; i < cmd->n_opts && !found; i++)
				found = strcmp(cmd->opts[i].name, name) == 0;
		}
		cr_assert(found, "crisim.1 mentions --%s, which no command has", name);
	}
	free(man);
}

Test(docs, man_page_renders_without_warnings)
{
	static char out[262144], err[4096];
	cr_assert_eq(run_cmd("groff -man -Tutf8 -ww -z crisim.1", NULL, 0, err, sizeof err),
	             0, "groff (Debian: groff-base): %s", err);
	cr_assert_str_eq(err, "", "groff warns: %s", err);
	if (system("command -v man >/dev/null 2>&1") != 0)
		return;
	cr_assert_eq(run_cmd("MANWIDTH=80 man --warnings -l ./crisim.1", out, sizeof out,
	                     err, sizeof err), 0, "%s", err);
	cr_assert_str_eq(err, "", "man warns: %s", err);
	cr_assert(strstr(out, "EXIT STATUS"), "%.300s", out);
}

/* COMPREPLY of the completion for the words of a command line, the last
 * one being completed (sourced in bash; the crisim under test answers
 * `crisim keys`). */
static void complete_words(const char *words, char *out, size_t n)
{
	char script[] = "/tmp/crisim-complete-XXXXXX";
	int fd = mkstemp(script);
	cr_assert_geq(fd, 0);
	FILE *f = fdopen(fd, "w");
	const char *bin = crisim_bin();
	const char *slash = strrchr(bin, '/');
	fprintf(f, "PATH=%.*s:$PATH\nsource ./crisim.bash-completion\n"
	        "COMP_WORDS=(%s)\nCOMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
	        "_crisim\nprintf '%%s\\n' \"${COMPREPLY[@]}\"\n",
	        slash ? (int)(slash - bin) : 1, slash ? bin : ".", words);
	fclose(f);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "bash %s", script);
	int rc = run_cmd(cmd, out, n, NULL, 0);
	remove(script);
	cr_assert_eq(rc, 0, "%s", words);
}

Test(docs, bash_completion_offers_commands_options_and_keys)
{
	static char out[65536];
	complete_words("crisim r", out, sizeof out);
	cr_assert_str_eq(out, "run\n");
	complete_words("crisim run --th", out, sizeof out);
	cr_assert_str_eq(out, "--threads\n");
	complete_words("crisim run x --set respon", out, sizeof out);
	cr_assert(strstr(out, "responder.strategy=\n"), "%s", out);
	cr_assert(strstr(out, "responder.capacity=\n"), "%s", out);
	cr_assert_null(strstr(out, "network"), "%s", out);
	complete_words("crisim sweep x --grid = spread.p", out, sizeof out);
	cr_assert(strstr(out, "spread.p=\n"), "--grid=PATH: %s", out);
	complete_words("crisim compare x --format ''", out, sizeof out);
	cr_assert_str_eq(out, "table\ntsv\njson\ncsv\n");
	complete_words("crisim keys s", out, sizeof out);
	cr_assert_str_eq(out, "scenario\nseries\nsummary\n");
	complete_words("crisim validate scenarios/defa", out, sizeof out);
	cr_assert_str_eq(out, "scenarios/default.json\n");
	complete_words("crisim plot scrip", out, sizeof out);
	cr_assert_str_eq(out, "scripts\n", "DIR: directories");
	/* validate has no --runs; after -- nothing is an option. */
	complete_words("crisim validate x --ru", out, sizeof out);
	cr_assert_str_eq(out, "\n");
	complete_words("crisim run -- --th", out, sizeof out);
	cr_assert_str_eq(out, "\n");
	complete_words("crisim run -- -o scenarios/defa", out, sizeof out);
	cr_assert_str_eq(out, "scenarios/default.json\n", "after --, -o is FILE: %s", out);
}

Test(docs, readme_names_every_option)
{
	char *readme = slurp("README.md");
	cr_assert_not_null(readme);
	for (int c = 0; c < CMD_COUNT; c++) {
		const struct cli_command *cmd = cli_command((enum cmd)c);
		for (size_t i = 0; i < cmd->n_opts; i++) {
			char want[64];
			snprintf(want, sizeof want, "--%s", cmd->opts[i].name);
			cr_assert(strstr(readme, want), "README.md does not mention %s (%s)",
			          want, c ? cmd->name : "crisim");
		}
	}
	free(readme);
}
