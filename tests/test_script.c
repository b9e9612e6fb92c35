/* The script strategy (decision replay): the decisions file's errors, the
 * replay's determinism, and an observable effect of each action. */
#include "cli_dir.h"

#include <stdio.h>
#include <string.h>

/* journalists-call with a key message and a Q&A entry to refer to. */
#define STORY "run scenarios/journalists-call.json -q " \
	"--set 'responder.plan.messages=[{\"id\":\"sorry\",\"strategy\":" \
	"\"rebuild\",\"topics\":[\"contamination\"]}]' " \
	"--set 'responder.plan.qa=[{\"topic\":\"contamination\",\"quality\":0.9}]' " \
	"--set responder.strategy=script"

TestSuite(script, .init = setup, .fini = teardown, .timeout = 120);

/* Write decisions file NAME in the test's directory: the header, then
 * `body` (lines of tab-separated words). */
static void decisions(const char *name, const char *body)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	cr_assert(f);
	fprintf(f, "minute\taction\twhat\thow\tref\n%s", body);
	cr_assert_eq(fclose(f), 0);
}

/* Run the story with decisions file NAME into directory OUT. */
static int replay(const char *name, const char *o)
{
	return sh(STORY " --set responder.script.file=%s/%s -o %s/%s", dir, name,
	          dir, o);
}

/* The sum of series column `col` of run directory o. */
static double column_sum(const char *o, const char *col)
{
	cr_assert_eq(shell("awk -F'\\t' '/^#/ {next} !h {for (i = 1; i <= NF; "
	                   "i++) if ($i == \"%s\") c = i; h = 1; next} "
	                   "{s += $c} END {print s + 0}' %s/%s/series.tsv", col,
	                   dir, o), 0, "%s", err);
	return atof(out);
}

/* Lines of events.tsv of run o with kind `kind` at tick `tick` (-1: any)
 * whose detail contains `part`. */
static int events(const char *o, long tick, const char *kind, const char *part)
{
	cr_assert_eq(shell("awk -F'\\t' -v t=%ld -v k='%s' -v p='%s' "
	                   "'!/^#/ && $4 == k && (t < 0 || $1 == t) && "
	                   "index($5, p) {n++} END {print n + 0}' %s/%s/events.tsv",
	                   tick, kind, part, dir, o), 0, "%s", err);
	return atoi(out);
}

/* A bad decisions file is an error naming FILE:LINE:COLUMN, exit 2,
 * before any run (no output directory). */
static void bad(const char *body, const char *where, const char *what)
{
	char want[600];
	decisions("bad.tsv", body);
	cr_assert_eq(replay("bad.tsv", "o"), 2, "%s", body);
	snprintf(want, sizeof want, "%s/bad.tsv:%s: ", dir, where);
	cr_assert(strstr(err, want), "want %s in: %s", want, err);
	cr_assert(strstr(err, what), "want \"%s\" in: %s", what, err);
	cr_assert_neq(shell("test -e %s/o", dir), 0, "no run before the check");
}

Test(script, bad_lines_name_file_line_and_column)
{
	bad("60\tshout\n", "2:4", "expected an action (reply, holding");
	bad("60\treply\tloud\tthanks\n", "2:10", "got \"loud\"");
	bad("60\treply\tloudest\tthank\n", "2:18", "a reply type");
	bad("60\treply\tloudest\tthanks+thanks\n", "2:18", "a reply type");
	bad("60\treply\tloudest\n", "2:18", "got nothing");
	bad("60\treply\tloudest\tthanks\tnosuch\n", "2:25",
	    "a key message id of responder.plan.messages (sorry) or a Q&A topic "
	    "of responder.plan.qa (contamination), got \"nosuch\"");
	bad("x\twait\n", "2:1", "expected a minute");
	bad("-5\twait\n", "2:1", "expected a minute");
	bad("60\twait\n# a comment\n30\twait\n", "4:1",
	    "at or after the previous decision's (60), got 30");
	bad("60\tcapacity\tmany\n", "2:13", "a number of replies per tick");
	bad("60\tstatement\tsorry\n", "2:14", "an SCCT strategy");
	bad("60\taction\tstatement\n", "2:21", "an SCCT strategy");
	bad("60\taction\tpanic\n", "2:11", "a brand action");
	bad("60\tholding\tnow\n", "2:12", "expected nothing more");
	/* The header itself. */
	char path[512];
	snprintf(path, sizeof path, "%s/bad.tsv", dir);
	FILE *f = fopen(path, "w");
	cr_assert(f);
	fputs("time\twhat\n60\twait\n", f);
	cr_assert_eq(fclose(f), 0);
	cr_assert_eq(replay("bad.tsv", "o"), 2);
	cr_assert(strstr(err, "bad.tsv:1:1: expected the header"), "%s", err);
}

Test(script, the_file_is_required_and_must_exist)
{
	cr_assert_eq(sh(STORY " -o %s/o", dir), 2);
	cr_assert(strstr(err, "responder.script.file: expected a decisions file"),
	          "%s", err);
	cr_assert_eq(replay("missing.tsv", "o"), 2);
	cr_assert(strstr(err, "missing.tsv"), "%s", err);
	/* Under another strategy the key is kept, and the file not read. */
	cr_assert_eq(sh("run scenarios/journalists-call.json -q --set "
	                "responder.script.file=%s/missing.tsv -o %s/o", dir, dir),
	             0, "%s", err);
}

/* A relative file is found next to the scenario, wherever crisim runs. */
Test(script, a_relative_file_resolves_against_the_scenario)
{
	decisions("d.tsv", "60\tstatement\trebuild\n");
	cr_assert_eq(shell("cp scenarios/journalists-call.json %s/s.json", dir), 0);
	cr_assert_eq(sh("run %s/s.json -q --set responder.strategy=script --set "
	                "responder.script.file=d.tsv -o %s/o", dir, dir), 0, "%s", err);
	cr_assert_eq(events("o", 12, "statement", "rebuild statement"), 1);
}

Test(script, replay_is_byte_identical)
{
	decisions("d.tsv", "40\tholding\n"
	                   "45\treply\tloudest\tregret+corrective\tsorry\n"
	                   "50\treply\tlargest_audience\tthanks\tcontamination\n"
	                   "55\treply\toldest\tinfo\n"
	                   "60\tstatement\tdiminish\n");
	cr_assert_eq(replay("d.tsv", "a"), 0, "%s", err);
	cr_assert_eq(replay("d.tsv", "b"), 0, "%s", err);
	char a[512], b[512];
	const char *files[] = { "series.tsv", "events.tsv", "summary.json" };
	for (size_t k = 0; k < 3; k++) {
		snprintf(a, sizeof a, "%s/a/%s", dir, files[k]);
		snprintf(b, sizeof b, "%s/b/%s", dir, files[k]);
		same_file(a, b);
	}
	/* And it is not silence: the decisions did something. */
	cr_assert_eq(sh("run scenarios/journalists-call.json -q --set "
	                "responder.strategy=none -o %s/none", dir), 0);
	snprintf(a, sizeof a, "%s/a/series.tsv", dir);
	snprintf(b, sizeof b, "%s/none/series.tsv", dir);
	cr_assert_neq(shell("cmp -s %s %s", a, b), 0);
}

/* Minute 60 is tick 12 of five-minute ticks; minute 61 falls in the tick
 * starting at 65 (tick 13). */
Test(script, statements_and_actions_happen_at_their_tick)
{
	decisions("d.tsv", "30\tholding\n"
	                   "60\tstatement\trebuild\n"
	                   "61\taction\trecall\n"
	                   "90\twait\n");
	cr_assert_eq(replay("d.tsv", "o"), 0, "%s", err);
	cr_assert_eq(events("o", 6, "holding statement", "we know"), 1);
	cr_assert_eq(events("o", 12, "statement", "rebuild statement in an "
	                    "accidental crisis fits"), 1);
	cr_assert_eq(events("o", 13, "brand action", "recall: rebuild"), 1);
	cr_assert_eq(events("o", 18, "decision", "minute 90: wait"), 1);
	cr_assert_eq(events("o", -1, "decision", ""), 4);
	/* The official statement's time is the outcome statement_minutes
	 * (from the incident, at minute 30). */
	cr_assert_eq(shell("grep -o '\"statement_minutes\": [0-9]*' %s/o/summary.json",
	                   dir), 0);
	cr_assert(strstr(out, ": 30"), "%s", out);
	/* A deny statement does not fit an accidental crisis: it backfires. */
	decisions("deny.tsv", "60\tstatement\tdeny\n");
	cr_assert_eq(replay("deny.tsv", "deny"), 0, "%s", err);
	cr_assert_eq(events("deny", 12, "statement", "is too weak and backfires"), 1);
}

/* One reply an hour from minute 60: each answers someone; after
 * "capacity 0" none does (they are logged as skipped). */
static void hourly_replies(char *buf, size_t len, const char *first)
{
	size_t n = (size_t)snprintf(buf, len, "%s", first);
	for (int m = 60; m <= 1200 && n < len; m += 60)
		n += (size_t)snprintf(buf + n, len - n,
		                      "%d\treply\tloudest\tthanks+corrective\n", m);
}

Test(script, replies_answer_and_capacity_zero_stops_them)
{
	char body[4096];
	hourly_replies(body, sizeof body, "");
	decisions("d.tsv", body);
	cr_assert_eq(replay("d.tsv", "on"), 0, "%s", err);
	double replies = column_sum("on", "replies");
	int skipped = events("on", -1, "decision skipped", "");
	cr_assert_gt(replies, 0);
	cr_assert_eq(replies + skipped, 20, "each reply answers or is skipped: "
	             "%g + %d", replies, skipped);
	cr_assert_gt(events("on", -1, "decision", "thanks+corrective to "), 0);

	hourly_replies(body, sizeof body, "0\tcapacity\t0\n");
	decisions("off.tsv", body);
	cr_assert_eq(replay("off.tsv", "off"), 0, "%s", err);
	cr_assert_eq(column_sum("off", "replies"), 0);
	cr_assert_eq(events("off", -1, "decision skipped", "capacity 0"), 20);
}

/* Capacity 1 and three replies due in the same tick: one a tick, the
 * others wait their turn in order. */
Test(script, replies_beyond_capacity_wait_for_the_next_tick)
{
	decisions("d.tsv", "100\tcapacity\t1\n"
	                   "300\treply\toldest\tthanks\n"
	                   "300\treply\toldest\tregret\n"
	                   "300\treply\toldest\tinfo\n");
	cr_assert_eq(replay("d.tsv", "o"), 0, "%s", err);
	cr_assert_eq(events("o", 60, "decision", "reply oldest thanks to"), 1);
	cr_assert_eq(events("o", 61, "decision", "reply oldest regret to"), 1);
	cr_assert_eq(events("o", 62, "decision", "reply oldest info to"), 1);
}

/* A reply with the Q&A topic of the mention's question is a prepared
 * answer; to a question of another topic (refund) the words are
 * improvised. */
Test(script, a_qa_reference_is_a_prepared_answer)
{
	char body[4096];
	size_t n = 0;
	for (int m = 60; m <= 900; m += 30)
		n += (size_t)snprintf(body + n, sizeof body - n,
		                      "%d\treply\toldest\tthanks\tcontamination\n", m);
	decisions("qa.tsv", body);
	cr_assert_eq(replay("qa.tsv", "qa"), 0, "%s", err);
	cr_assert_eq(shell("grep -o '\"qa_replies\": [0-9]*\\|\"improvised_replies\": "
	                   "[0-9]*' %s/qa/summary.json | tr '\\n' ' '", dir), 0);
	unsigned qa = 0, imp = 0;
	cr_assert_eq(sscanf(out, "\"qa_replies\": %u \"improvised_replies\": %u",
	                    &qa, &imp), 2, "%s", out);
	cr_assert_gt(qa, 0);
	cr_assert_eq((int)qa, events("qa", -1, "decision", "followers, contamination,"));
	cr_assert_eq((int)imp, events("qa", -1, "decision", "followers, refund,"));
	cr_assert_eq(qa + imp, column_sum("qa", "replies"));
}

/* An agent number picks that agent's mention, or none. */
Test(script, a_reply_to_an_agent_without_a_mention_is_skipped)
{
	decisions("d.tsv", "60\treply\t4000000000\tthanks\n");
	cr_assert_eq(replay("d.tsv", "o"), 0, "%s", err);
	cr_assert_eq(events("o", 12, "decision skipped", "no open mention by "
	                    "that agent"), 1);
	cr_assert_eq(column_sum("o", "replies"), 0);
}
