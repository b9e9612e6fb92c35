/* crisim debrief: an exercise directory written by hand (exercise.json as
 * `crisim exercise` writes it, decisions.tsv in the replay format) is
 * debriefed into the comparison files and debrief.html; the paired runs
 * are deterministic whatever the threads; a bad directory is exit 2 with
 * the file named.  The page itself is rendered in Chromium by
 * tests/debrief_browser.sh. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "checkpoint.h"
#include "cli_dir.h"

TestSuite(debrief, .init = setup, .fini = teardown, .timeout = 120);

/* Small and quick: journalists-call (its inquiry and recall give the
 * timeline something to show) on 2000 agents for 10 hours. */
static const char *const sets[] = { "network.nodes=2000", "ticks=120" };

/* DIR/ex: a copy of the scenario, exercise.json naming it with its
 * fingerprint, and decisions.tsv with `decisions` after the header. */
static void exercise(const char *decisions)
{
	cr_assert_eq(shell("mkdir -p %s/ex && cp scenarios/journalists-call.json "
	                   "%s/story.json", dir, dir), 0);
	char path[512], e[256];
	snprintf(path, sizeof path, "%s/story.json", dir);
	uint64_t h;
	cr_assert_eq(checkpoint_hash_file(path, &h, e, sizeof e), ST_OK, "%s", e);
	char file[512];
	snprintf(file, sizeof file, "%s/ex/exercise.json", dir);
	FILE *f = fopen(file, "w");
	cr_assert_not_null(f);
	fprintf(f, "{\"crisim\": \"0.1.0\", \"scenario\": \"%s\", \"fingerprint\": "
	        "\"%016" PRIx64 "\", \"sets\": [\"%s\", \"%s\"], \"seed\": 606, "
	        "\"run\": 0, \"every\": 30, \"decisions\": \"decisions.tsv\"}\n", path, h,
	        sets[0], sets[1]);
	fclose(f);
	snprintf(file, sizeof file, "%s/ex/decisions.tsv", dir);
	f = fopen(file, "w");
	cr_assert_not_null(f);
	fprintf(f, "minute\taction\twhat\thow\tref\n# the trainee\n%s", decisions);
	fclose(f);
}

static const char good[] = "40\treply\tloudest\tregret\n120\tholding\n"
                           "240\tstatement\trebuild\n";

static char *page(const char *sub)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s/debrief.html", dir, sub);
	return slurp(path);
}

Test(debrief, writes_the_compare_files_and_the_page)
{
	exercise(good);
	cr_assert_eq(sh("debrief %s/ex --runs 12 -q", dir), 0, "%s", err);
	/* what compare writes, the trainee ("script") first */
	static const char *const files[] = {
		"compare.tsv", "compare.json", "board.tsv", "manifest.json",
		"script/runs.tsv", "plan/runs.tsv", "adhoc/runs.tsv", "none/runs.tsv",
		"script/story/series.tsv", "script/exercise/series.tsv",
		"plan/exercise/events.tsv", "debrief.html",
	};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++)
		cr_assert_eq(shell("test -s %s/ex/debrief/%s", dir, files[i]), 0,
		             "missing %s", files[i]);
	cr_assert_eq(shell("grep -c '^damage\t' %s/ex/debrief/compare.tsv", dir), 0);
	cr_assert_str_eq(out, "4\n");
	cr_assert_eq(shell("grep -q '^damage\tlower\tscript\t12' %s/ex/debrief/compare.tsv",
	                   dir), 0);
	char *html = page("ex/debrief");
	cr_assert_not_null(html);
	static const char *const sections[] = {
		"id=\"verdict\"", "id=\"timeline\"", "id=\"volume\"", "id=\"attitude\"",
		"id=\"outcomes\"", "id=\"decisions\"", "Skill or luck?",
		"reply loudest regret", "statement rebuild", "inquiry: a journalist",
	};
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
		cr_assert(strstr(html, sections[i]), "no %s in debrief.html", sections[i]);
	/* self-contained: nothing fetched, no script */
	cr_assert_null(strstr(html, "<script"));
	cr_assert_null(strstr(html, "http://"));
	cr_assert_null(strstr(html, "https://"));
	/* the exercise was not played to the end: said so */
	cr_assert(strstr(html, "not played to the end"));
	free(html);
}

Test(debrief, paired_runs_are_deterministic_whatever_the_threads)
{
	exercise(good);
	cr_assert_eq(sh("debrief %s/ex --runs 10 -q --threads 1 -o %s/a", dir, dir), 0,
	             "%s", err);
	cr_assert_eq(sh("debrief %s/ex --runs 10 -q --threads 2 -o %s/b", dir, dir), 0,
	             "%s", err);
	char a[512], b[512];
	static const char *const files[] = { "compare.tsv", "script/runs.tsv",
	                                     "debrief.html" };
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(a, sizeof a, "%s/a/%s", dir, files[i]);
		snprintf(b, sizeof b, "%s/b/%s", dir, files[i]);
		same_file(a, b);
	}
}

/* The replay of decisions.tsv is `crisim run` with strategy script: the
 * page says it reproduces the exercise's series.tsv, and warns when not. */
Test(debrief, checks_the_replay_against_the_exercise_series)
{
	exercise(good);
	cr_assert_eq(sh("run %s/story.json --set %s --set %s --seed 606 --set "
	                "responder.strategy=script --set responder.script.file=%s/ex/"
	                "decisions.tsv -o %s/played -q", dir, sets[0], sets[1], dir, dir),
	             0, "%s", err);
	cr_assert_eq(shell("cp %s/played/series.tsv %s/ex/", dir, dir), 0);
	cr_assert_eq(sh("debrief %s/ex --runs 4 -q", dir), 0, "%s", err);
	char *html = page("ex/debrief");
	cr_assert(strstr(html, "reproduces the exercise&#39;s series.tsv byte for byte"));
	free(html);
	/* a series of another run is not reproduced */
	cr_assert_eq(shell("sed -i '$d' %s/ex/series.tsv", dir), 0);
	cr_assert_eq(sh("debrief %s/ex --runs 4", dir), 0, "%s", err);
	cr_assert(strstr(err, "does not reproduce the exercise"), "%s", err);
	html = page("ex/debrief");
	cr_assert(strstr(html, "does NOT reproduce"));
	free(html);
}

Test(debrief, escapes_the_scenario_strings)
{
	exercise(good);
	cr_assert_eq(shell("sed -i 's/\"journalists-call\"/\"<b>x<\\/b> \\& co\"/' "
	                   "%s/story.json", dir), 0);
	/* the fingerprint again, for the edited file */
	char path[512], e[256], cmdl[1024];
	snprintf(path, sizeof path, "%s/story.json", dir);
	uint64_t h;
	cr_assert_eq(checkpoint_hash_file(path, &h, e, sizeof e), ST_OK);
	snprintf(cmdl, sizeof cmdl, "sed -i 's/\"fingerprint\": \"[0-9a-f]*\"/"
	         "\"fingerprint\": \"%016" PRIx64 "\"/' %s/ex/exercise.json", h, dir);
	cr_assert_eq(shell("%s", cmdl), 0);
	cr_assert_eq(sh("debrief %s/ex --runs 3 -q", dir), 0, "%s", err);
	char *html = page("ex/debrief");
	cr_assert(strstr(html, "Debrief: &lt;b&gt;x&lt;/b&gt; &amp; co"));
	cr_assert_null(strstr(html, "<b>x</b>"));
	free(html);
}

Test(debrief, a_missing_exercise_json_is_exit_2_naming_it)
{
	cr_assert_eq(shell("mkdir -p %s/empty", dir), 0);
	cr_assert_eq(sh("debrief %s/empty", dir), 2);
	cr_assert(strstr(err, "empty/exercise.json"), "%s", err);
}

Test(debrief, a_changed_scenario_is_exit_2_naming_both_files)
{
	exercise(good);
	cr_assert_eq(shell("sed -i 's/\"seed\": 606/\"seed\": 607/' %s/story.json", dir), 0);
	cr_assert_eq(sh("debrief %s/ex --runs 3 -q", dir), 2);
	cr_assert(strstr(err, "ex/exercise.json"), "%s", err);
	cr_assert(strstr(err, "story.json has changed"), "%s", err);
	cr_assert_eq(shell("test -e %s/ex/debrief", dir), 1, "nothing is written");
}

Test(debrief, a_bad_decision_line_is_exit_2_naming_file_line_column)
{
	exercise("40\treply\tloudest\tregret\n60\tshout\tloudly\n");
	cr_assert_eq(sh("debrief %s/ex --runs 3 -q", dir), 2);
	cr_assert(strstr(err, "ex/decisions.tsv:4:"), "%s", err);
}

Test(debrief, missing_decisions_is_exit_2_naming_it)
{
	exercise(good);
	cr_assert_eq(shell("rm %s/ex/decisions.tsv", dir), 0);
	cr_assert_eq(sh("debrief %s/ex --runs 3 -q", dir), 2);
	cr_assert(strstr(err, "ex/decisions.tsv"), "%s", err);
}

Test(debrief, usage_errors)
{
	cr_assert_eq(sh("debrief"), 2);
	cr_assert(strstr(err, "missing DIR"), "%s", err);
	cr_assert_eq(sh("debrief %s -o -", dir), 2);
	cr_assert_eq(sh("debrief %s --runs 0", dir), 2);
}

/* As a trainer does it: an exercise played from piped commands to its end,
 * then debriefed: the replay reproduces the exercise byte for byte, and
 * the trainee's decisions are on the page as they were carried out (or
 * skipped). */
Test(debrief, of_a_played_exercise)
{
	cr_assert_eq(shell("printf 'reply loudest regret\\n\\n\\nholding\\nfinish\\n' | "
	                   "%s exercise scenarios/journalists-call.json --set %s --set %s "
	                   "-o %s/played > /dev/null", crisim_bin(), sets[0], sets[1], dir),
	             0, "%s", err);
	cr_assert_eq(sh("debrief %s/played --runs 5 -q", dir), 0, "%s", err);
	char *html = page("played/debrief");
	cr_assert_not_null(html);
	cr_assert(strstr(html, "reproduces the exercise&#39;s series.tsv byte for byte"));
	/* at minute 0 nobody has posted yet: the replay says so */
	cr_assert(strstr(html, "reply loudest regret: no open mention (skipped)"));
	cr_assert(strstr(html, "<td class=\"l\">you</td><td class=\"l\">holding"));
	free(html);
	char a[512], b[512];
	snprintf(a, sizeof a, "%s/played/series.tsv", dir);
	snprintf(b, sizeof b, "%s/played/debrief/script/exercise/series.tsv", dir);
	same_file(a, b);
}

/* Stopped part-way (as by Ctrl-C), the same command continues: the files
 * are those of an uninterrupted debrief. */
Test(debrief, an_interrupted_debrief_continues_with_the_same_command)
{
	exercise(good);
	cr_assert_eq(sh("debrief %s/ex --runs 10 --threads 1 --stop-after 8 -q", dir), 130,
	             "%s", err);
	cr_assert_eq(shell("test -d %s/ex/debrief/checkpoint", dir), 0);
	cr_assert_eq(shell("test -e %s/ex/debrief/debrief.html", dir), 1);
	cr_assert_eq(sh("debrief %s/ex --runs 10 -q", dir), 0, "%s", err);
	cr_assert_eq(shell("test -e %s/ex/debrief/checkpoint", dir), 1);
	cr_assert_eq(sh("debrief %s/ex --runs 10 -q -o %s/fresh", dir, dir), 0, "%s", err);
	char a[512], b[512];
	static const char *const files[] = { "compare.tsv", "debrief.html" };
	for (size_t i = 0; i < 2; i++) {
		snprintf(a, sizeof a, "%s/ex/debrief/%s", dir, files[i]);
		snprintf(b, sizeof b, "%s/fresh/%s", dir, files[i]);
		same_file(a, b);
	}
}
