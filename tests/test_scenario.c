/* Tests of the scenario loader: defaults, every error class with its exact
 * message, --set overrides, the resolved JSON round trip.  Run from the
 * repository root (fixtures are tests/scenarios/...). */
#include "scenario.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int parse_sets(struct scenario *s, const char *text,
                      const char *const *sets, size_t n, char *err)
{
	return scenario_parse(s, text, "s.json", NULL, sets, n, err);
}

/* Assert that `text` (with overrides) fails with `rc` and exactly `msg`,
 * and that nothing is left half-loaded. */
static void expect_error(const char *text, const char *const *sets, size_t n,
                         int rc, const char *msg)
{
	struct scenario s;
	char err[SCN_ERRLEN];
	static const struct scenario zero;

	int got = parse_sets(&s, text, sets, n, err);
	cr_assert_eq(got, rc, "rc %d for %s: %s", got, text, err);
	cr_assert_str_eq(err, msg);
	cr_assert(memcmp(&s, &zero, sizeof s) == 0, "scenario not zeroed");
	spec_free(&s);
}

static void expect_ok(struct scenario *s, const char *text,
                      const char *const *sets, size_t n)
{
	char err[SCN_ERRLEN];
	int rc = parse_sets(s, text, sets, n, err);
	cr_assert_eq(rc, ST_OK, "%s", err);
}

Test(scenario, empty_object_gives_all_defaults)
{
	struct scenario s;

	expect_ok(&s, "{}", NULL, 0);
	cr_assert_str_eq(s.name, "unnamed");
	cr_assert_str_eq(s.description, "");
	cr_assert_eq(s.seed, 1);
	cr_assert_eq(s.ticks, 288);
	cr_assert_float_eq(s.tick_minutes, 5.0, 0);
	cr_assert_eq(s.network.model, NET_BARABASI_ALBERT);
	cr_assert_eq(s.network.nodes, 10000);
	cr_assert_float_eq(s.network.reciprocity, 1.0, 0);
	cr_assert_eq(s.network.m, 3);
	cr_assert_float_eq(s.network.mean_degree, 6.0, 0);
	cr_assert_eq(s.network.k, 6);
	cr_assert_float_eq(s.network.rewire, 0.1, 0);
	cr_assert_float_eq(s.network.exponent, 2.5, 0);
	cr_assert_eq(s.network.min_degree, 2);
	cr_assert_eq(s.network.n_blocks, 0);
	cr_assert_float_eq(s.network.p_in, 0.01, 0);
	cr_assert_float_eq(s.network.p_out, 0.0005, 0);
	cr_assert_null(s.network.file);
	cr_assert_not(s.network.directed);
	cr_assert_float_eq(s.population.influencer_share, 0.01, 0);
	cr_assert_eq(s.population.influencers, 0);
	cr_assert_eq(s.population.media, 3);
	cr_assert_float_eq(s.population.fans, 0.2, 0);
	cr_assert_float_eq(s.population.detractors, 0.1, 0);
	cr_assert_float_eq(s.population.attitude_sd, 0.15, 0);
	cr_assert_float_eq(s.population.activity_median, 1.0, 0);
	cr_assert_float_eq(s.population.activity_sigma, 1.0, 0);
	cr_assert_str_eq(s.spread.rule, "crisis");
	cr_assert_float_eq(s.spread.p, 0.05, 0);
	cr_assert_eq(s.n_events, 1);
	cr_assert_eq(s.events[0].tick, 0);
	cr_assert_eq(s.events[0].kind, EV_INCIDENT);
	cr_assert_eq(s.events[0].target, TGT_INFLUENCER);
	cr_assert_eq(s.events[0].count, 1);
	cr_assert_str_eq(s.responder.strategy, "none");
	cr_assert_eq(s.responder.capacity, 3);
	cr_assert_null(s.output_dir);
	spec_free(&s);
}

Test(scenario, full_file_loads)
{
	struct scenario s;
	char err[SCN_ERRLEN];

	cr_assert_eq(scenario_load(&s, "tests/scenarios/full.json", NULL, 0, err),
	             ST_OK, "%s", err);
	cr_assert_str_eq(s.name, "full");
	cr_assert_eq(s.seed, 42);
	cr_assert_eq(s.network.model, NET_POWERLAW);
	cr_assert_eq(s.network.max_degree, 44);  /* floor(sqrt(2000)) */
	cr_assert_str_eq(s.responder.strategy, "plan");
	cr_assert_str_eq(s.output_dir, "out/full");
	spec_free(&s);
}

/* --- error classes ------------------------------------------------------ */

Test(scenario_errors, json_syntax_has_line_and_column)
{
	struct scenario s;
	char err[SCN_ERRLEN];

	cr_assert_eq(scenario_load(&s, "tests/scenarios/bad_syntax.json", NULL, 0,
	                           err), ST_BADINPUT);
	cr_assert_str_eq(err, "tests/scenarios/bad_syntax.json: line 3, "
	                 "column 11: invalid JSON (unexpected '1')");
	expect_error("{\"a\": [1,\n 2", NULL, 0, ST_BADINPUT,
	             "s.json: line 2, column 3: invalid JSON (unexpected end "
	             "of input)");
	expect_error("{} x", NULL, 0, ST_BADINPUT,
	             "s.json: line 1, column 4: invalid JSON (unexpected 'x')");
}

Test(scenario_errors, nul_byte_in_file)
{
	struct scenario s;
	char err[SCN_ERRLEN];

	cr_assert_eq(scenario_load(&s, "tests/scenarios/nul_byte.json", NULL, 0,
	                           err), ST_BADINPUT);
	cr_assert_str_eq(err, "tests/scenarios/nul_byte.json: line 1, column 12: "
	                 "a NUL byte (a text file was expected)");
}

Test(scenario_errors, top_level_not_an_object)
{
	expect_error("[{}]", NULL, 0, ST_BADINPUT,
	             "s.json: expected a JSON object at the top level, got array");
	expect_error("\"x\"", NULL, 0, ST_BADINPUT,
	             "s.json: expected a JSON object at the top level, got "
	             "string \"x\"");
}

Test(scenario_errors, empty_input)
{
	struct scenario s;
	char err[SCN_ERRLEN];

	expect_error("", NULL, 0, ST_BADINPUT,
	             "s.json: expected a JSON object, got empty input");
	cr_assert_eq(scenario_load(&s, "tests/scenarios/empty.json", NULL, 0, err),
	             ST_BADINPUT);
	cr_assert_str_eq(err, "tests/scenarios/empty.json: expected a JSON "
	                 "object, got empty input");
	cr_assert_eq(scenario_load(&s, "tests/scenarios/blank.json", NULL, 0, err),
	             ST_BADINPUT);
}

Test(scenario_errors, unknown_key_with_suggestion)
{
	expect_error("{\"network\": {\"nodez\": 5}}", NULL, 0, ST_BADINPUT,
	             "s.json: network.nodez: unknown key (did you mean "
	             "\"nodes\"? see `crisim keys`)");
	expect_error("{\"colour\": 1}", NULL, 0, ST_BADINPUT,
	             "s.json: colour: unknown key (see `crisim keys`)");
	expect_error("{\"events\": [{\"tick\": 0}, {\"tik\": 1}]}", NULL, 0,
	             ST_BADINPUT, "s.json: events[1].tik: unknown key (did "
	             "you mean \"tick\"? see `crisim keys`)");
}

/* Issue 8 point 7: "did you mean" only when actually close: an edit
 * distance of at most max(1, len/3) and below len (a swap of neighbours
 * costing 1), or the one candidate the word begins.  "ba" used to suggest
 * "sbm". */
static void expect_model_hint(const char *model, const char *hint)
{
	char text[128], want[512];

	snprintf(text, sizeof text, "{\"network\": {\"model\": \"%s\"}}", model);
	snprintf(want, sizeof want, "s.json: network.model: expected one of "
	         "\"barabasi_albert\", \"erdos_renyi\", \"watts_strogatz\", "
	         "\"powerlaw\", \"sbm\", got string \"%s\"%s%s%s", model,
	         hint ? " (did you mean \"" : "", hint ? hint : "",
	         hint ? "\"?)" : "");
	expect_error(text, NULL, 0, ST_BADINPUT, want);
}

Test(scenario_errors, suggestions_only_when_close)
{
	expect_model_hint("ba", "barabasi_albert");   /* prefix, not "sbm" */
	expect_model_hint("barabasi", "barabasi_albert");
	expect_model_hint("erdos", "erdos_renyi");
	expect_model_hint("sbn", "sbm");              /* distance 1 */
	expect_model_hint("pwoerlaw", "powerlaw");    /* one swap */
	expect_model_hint("SBM", NULL);               /* 3 edits of 3 bytes */
	expect_model_hint("xyz", NULL);
	expect_model_hint("b", NULL);                 /* too short a prefix */
	expect_error("{\"network\": {\"nodse\": 5}}", NULL, 0, ST_BADINPUT,
	             "s.json: network.nodse: unknown key (did you mean "
	             "\"nodes\"? see `crisim keys`)");
	/* One letter is one edit from any other letter: no suggestion. */
	expect_error("{\"network\": {\"x\": 5}}", NULL, 0, ST_BADINPUT,
	             "s.json: network.x: unknown key (see `crisim keys`)");
	/* "p_" begins both p_in and p_out: no single suggestion. */
	expect_error("{\"network\": {\"p_\": 5}}", NULL, 0, ST_BADINPUT,
	             "s.json: network.p_: unknown key (see `crisim keys`)");
	expect_error("{\"seeed\": 5}", NULL, 0, ST_BADINPUT,
	             "s.json: seeed: unknown key (did you mean \"seed\"? see "
	             "`crisim keys`)");
}

Test(scenario_errors, duplicate_key)
{
	struct scenario s;
	char err[SCN_ERRLEN];

	cr_assert_eq(scenario_load(&s, "tests/scenarios/dup_key.json", NULL, 0,
	                           err), ST_BADINPUT);
	cr_assert_str_eq(err, "tests/scenarios/dup_key.json: network.m: "
	                 "duplicate key");
	expect_error("{\"seed\": 1, \"seed\": 1}", NULL, 0, ST_BADINPUT,
	             "s.json: seed: duplicate key");
}

Test(scenario_errors, wrong_type)
{
	expect_error("{\"network\": {\"m\": \"5\"}}", NULL, 0, ST_BADINPUT,
	             "s.json: network.m: expected integer, got string \"5\"");
	expect_error("{\"ticks\": 2.5}", NULL, 0, ST_BADINPUT,
	             "s.json: ticks: expected integer, got 2.5");
	expect_error("{\"network\": 3}", NULL, 0, ST_BADINPUT,
	             "s.json: network: expected object, got 3");
	expect_error("{\"name\": null}", NULL, 0, ST_BADINPUT,
	             "s.json: name: expected string, got null");
	expect_error("{\"network\": {\"file\": \"x\", \"directed\": 1}}", NULL, 0,
	             ST_BADINPUT, "s.json: network.directed: expected true or "
	             "false, got 1");
	expect_error("{\"spread\": {\"rule\": \"no spaces\"}}", NULL, 0,
	             ST_BADINPUT, "s.json: spread.rule: expected a name of "
	             "letters, digits, '_' and '-' (at most 63 bytes), got string "
	             "\"no spaces\"");
	expect_error("{\"events\": [3]}", NULL, 0, ST_BADINPUT,
	             "s.json: events[0]: expected event object, got 3");
}

Test(scenario_errors, out_of_range)
{
	expect_error("{\"network\": {\"m\": 0}}", NULL, 0, ST_BADINPUT,
	             "s.json: network.m: expected integer in [1, nodes-1], got 0");
	/* valueint would clamp this to INT_MAX; valuedouble is checked */
	expect_error("{\"ticks\": 1e12}", NULL, 0, ST_BADINPUT,
	             "s.json: ticks: expected integer in [1, 10000000], got "
	             "1000000000000");
	expect_error("{\"tick_minutes\": 0}", NULL, 0, ST_BADINPUT,
	             "s.json: tick_minutes: expected number in (0, 1440], got 0");
	expect_error("{\"network\": {\"reciprocity\": -0.5}}", NULL, 0,
	             ST_BADINPUT, "s.json: network.reciprocity: expected number "
	             "in [0, 1], got -0.5");
	expect_error("{\"network\": {\"nodes\": 10, \"m\": 10}}", NULL, 0,
	             ST_BADINPUT, "s.json: network.m: expected integer in [1, "
	             "nodes-1], got 10 (nodes = 10)");
	expect_error("{\"network\": {\"nodes\": 3}}", NULL, 0, ST_BADINPUT,
	             "s.json: network.m: expected integer in [1, nodes-1], got 3 "
	             "(the default; nodes = 3)");
}

Test(scenario_errors, seed_beyond_2_pow_53)
{
	struct scenario s;

	expect_error("{\"seed\": 9007199254740993}", NULL, 0, ST_BADINPUT,
	             "s.json: seed: expected integer in [0, 2^53-1] (larger "
	             "values are not exact in JSON), got 9007199254740992");
	expect_ok(&s, "{\"seed\": 9007199254740991}", NULL, 0);
	cr_assert_eq(s.seed, 9007199254740991ull);
	spec_free(&s);
	expect_ok(&s, "{\"seed\": 0}", NULL, 0);
	cr_assert_eq(s.seed, 0);
	spec_free(&s);
}

Test(scenario_errors, bad_enum_lists_allowed_values)
{
	expect_error("{\"network\": {\"model\": \"sbn\"}}", NULL, 0, ST_BADINPUT,
	             "s.json: network.model: expected one of \"barabasi_albert\", "
	             "\"erdos_renyi\", \"watts_strogatz\", \"powerlaw\", \"sbm\", "
	             "got string \"sbn\" (did you mean \"sbm\"?)");
	expect_error("{\"events\": [{\"tick\": 1, \"target\": \"press\"}]}", NULL,
	             0, ST_BADINPUT, "s.json: events[0].target: expected one of "
	             "\"random\", \"customer\", \"influencer\", \"media\", "
	             "\"agent\", got string \"press\"");
}

Test(scenario_errors, impossible_combinations)
{
	expect_error("{\"network\": {\"file\": \"e.txt\", \"model\": \"sbm\"}}",
	             NULL, 0, ST_BADINPUT, "s.json: network.model: cannot be "
	             "combined with network.file (the file defines the network)");
	expect_error("{\"network\": {\"model\": \"erdos_renyi\", \"m\": 2}}", NULL,
	             0, ST_BADINPUT, "s.json: network.m: not a parameter of "
	             "erdos_renyi");
	expect_error("{\"network\": {\"file\": \"e.txt\", \"nodes\": 5}}", NULL, 0,
	             ST_BADINPUT, "s.json: network.nodes: not a parameter of "
	             "file");
	expect_error("{\"network\": {\"directed\": true}}", NULL, 0, ST_BADINPUT,
	             "s.json: network.directed: not a parameter of "
	             "barabasi_albert");
	expect_error("{\"network\": {\"model\": \"sbm\", \"nodes\": 100, "
	             "\"sizes\": [50, 40]}}", NULL, 0, ST_BADINPUT,
	             "s.json: network.sizes: expected sizes summing to nodes "
	             "(100), got sum 90");
	expect_error("{\"population\": {\"fans\": 0.6, \"detractors\": 0.5}}",
	             NULL, 0, ST_BADINPUT, "s.json: population.detractors: "
	             "expected fans + detractors <= 1, got 0.6 + 0.5");
	expect_error("{\"ticks\": 10, \"events\": [{\"tick\": 10}]}", NULL, 0,
	             ST_BADINPUT, "s.json: events[0].tick: expected integer in "
	             "[0, ticks-1], got 10 (ticks = 10)");
	expect_error("{\"network\": {\"model\": \"watts_strogatz\", \"k\": 5}}",
	             NULL, 0, ST_BADINPUT, "s.json: network.k: expected even "
	             "integer in [2, nodes-2], got 5");
	expect_error("{\"network\": {\"model\": \"powerlaw\", \"min_degree\": 5, "
	             "\"max_degree\": 4}}", NULL, 0, ST_BADINPUT,
	             "s.json: network.max_degree: expected 0 or integer in "
	             "[min_degree, nodes-1], got 4 (min_degree = 5, nodes = "
	             "10000)");
	expect_error("{\"network\": {\"model\": \"powerlaw\", \"nodes\": 10, "
	             "\"min_degree\": 4}}", NULL, 0, ST_BADINPUT,
	             "s.json: network.max_degree: expected 0 or integer in "
	             "[min_degree, nodes-1], got 0 (= floor(sqrt(nodes)) = 3, "
	             "below min_degree = 4)");
	expect_error("{\"events\": [{\"tick\": 1, \"target\": \"agent\"}]}", NULL,
	             0, ST_BADINPUT, "s.json: events[0].agent: expected integer "
	             "in [0, nodes-1] with target \"agent\", got nothing");
	expect_error("{\"events\": [{\"tick\": 1, \"agent\": 4}]}", NULL, 0,
	             ST_BADINPUT, "s.json: events[0].agent: only allowed with "
	             "target \"agent\" (target is \"random\")");
	expect_error("{\"network\": {\"nodes\": 100}, \"events\": [{\"tick\": 1, "
	             "\"target\": \"agent\", \"agent\": 100}]}", NULL, 0,
	             ST_BADINPUT, "s.json: events[0].agent: expected integer in "
	             "[0, nodes-1], or an id of network.file up to 2^53-1, got "
	             "100 (nodes = 100)");
	expect_error("{\"network\": {\"nodes\": 10}, \"population\": "
	             "{\"influencers\": 5, \"media\": 4}}", NULL, 0, ST_BADINPUT,
	             "s.json: population.influencers: expected influencers + "
	             "media + 1 (the brand) < nodes (10), got 5 + 4 + 1");
	expect_error("{\"events\": [{\"type\": \"incident\"}]}", NULL, 0,
	             ST_BADINPUT, "s.json: events[0].tick: expected integer in "
	             "[0, ticks-1], got nothing (the key is required)");
}

/* Issue 13 item 11: the generator rewires a tie to a vertex not yet tied,
 * so k = nodes-1 (a complete ring) cannot be built; validate used to
 * accept it and run to refuse it.  The bound is nodes-2 in both. */
Test(scenario_errors, watts_strogatz_k_at_most_nodes_minus_2)
{
	struct scenario s;

	expect_ok(&s, "{\"network\": {\"model\": \"watts_strogatz\", "
	          "\"nodes\": 11, \"k\": 8}, \"population\": {\"media\": 1}}",
	          NULL, 0);
	cr_assert_eq(s.network.k, 8);
	spec_free(&s);
	expect_error("{\"network\": {\"model\": \"watts_strogatz\", "
	             "\"nodes\": 11, \"k\": 10}}", NULL, 0, ST_BADINPUT,
	             "s.json: network.k: expected even integer in [2, nodes-2], "
	             "got 10 (nodes = 11)");
	expect_error("{\"network\": {\"model\": \"watts_strogatz\", "
	             "\"nodes\": 7}}", NULL, 0, ST_BADINPUT,
	             "s.json: network.k: expected even integer in [2, nodes-2], "
	             "got 6 (the default; nodes = 7)");
}

Test(scenario_errors, unreadable_file)
{
	struct scenario s;
	char err[SCN_ERRLEN];

	cr_assert_eq(scenario_load(&s, "tests/scenarios/no-such.json", NULL, 0,
	                           err), ST_IO);
	cr_assert_str_eq(err, "tests/scenarios/no-such.json: cannot open: No such "
	                 "file or directory");
	cr_assert_eq(scenario_load(&s, "tests/scenarios", NULL, 0, err), ST_IO);
	cr_assert_str_eq(err, "tests/scenarios: cannot read: Is a directory");
}

/* --- --set ------------------------------------------------------------- */

Test(scenario_set, number_and_nested_object)
{
	struct scenario s;
	const char *sets[] = { "network.m=5", "population.media=7",
	                       "seed=99" };

	expect_ok(&s, "{\"network\": {\"m\": 2}}", sets, 3);
	cr_assert_eq(s.network.m, 5);
	cr_assert_eq(s.population.media, 7);  /* "population" created */
	cr_assert_eq(s.seed, 99);
	spec_free(&s);
}

Test(scenario_set, string_fallback_and_quoted_json)
{
	struct scenario s;
	const char *sets[] = { "responder.strategy=plan", "name=\"quoted\"",
	                       "description=5 alarms" };

	expect_ok(&s, "{}", sets, 3);
	cr_assert_str_eq(s.responder.strategy, "plan");
	cr_assert_str_eq(s.name, "quoted");
	cr_assert_str_eq(s.description, "5 alarms");
	spec_free(&s);
}

Test(scenario_set, array_index_both_spellings)
{
	struct scenario s;
	const char *sets[] = { "events[0].tick=7", "events.1.count=4" };

	expect_ok(&s, "{\"events\": [{\"tick\": 1}, {\"tick\": 2}]}", sets, 2);
	cr_assert_eq(s.n_events, 2);
	cr_assert_eq(s.events[0].tick, 2);  /* sorted: the second one is first */
	cr_assert_eq(s.events[0].count, 4);
	cr_assert_eq(s.events[1].tick, 7);
	spec_free(&s);
}

Test(scenario_set, object_value_and_null_removes)
{
	struct scenario s;
	const char *sets[] = { "network={\"model\": \"erdos_renyi\", "
	                       "\"mean_degree\": 4}", "output.dir=null" };

	expect_ok(&s, "{\"network\": {\"m\": 2}, \"output\": {\"dir\": \"o\"}}",
	          sets, 2);
	cr_assert_eq(s.network.model, NET_ERDOS_RENYI);
	cr_assert_float_eq(s.network.mean_degree, 4.0, 0);
	cr_assert_null(s.output_dir);
	spec_free(&s);
}

Test(scenario_set, errors_are_labelled_as_set)
{
	const char *unknown[] = { "network.nodez=5" };
	const char *range[] = { "network.m=0" };
	const char *inner[] = { "network={\"mm\": 1}" };

	expect_error("{}", unknown, 1, ST_BADINPUT,
	             "--set network.nodez: unknown key (did you mean \"nodes\"? "
	             "see `crisim keys`)");
	expect_error("{}", range, 1, ST_BADINPUT,
	             "--set network.m: expected integer in [1, nodes-1], got 0");
	expect_error("{}", inner, 1, ST_BADINPUT,
	             "--set network.mm: unknown key (did you mean \"m\"? see "
	             "`crisim keys`)");
}

Test(scenario_set, bad_syntax)
{
	const char *no_eq[] = { "network.m" };
	const char *empty[] = { "=5" };
	const char *empty_key[] = { "network..m=5" };
	const char *bad_idx[] = { "events[x].tick=1" };
	const char *past[] = { "events[1].tick=1" };
	const char *through[] = { "name.x=1" };
	const char *absent[] = { "events[0].tick=3" };

	expect_error("{}", no_eq, 1, ST_BADINPUT,
	             "--set network.m: expected PATH=VALUE, got no '='");
	expect_error("{}", empty, 1, ST_BADINPUT,
	             "--set =5: expected PATH=VALUE, got an empty path");
	expect_error("{}", empty_key, 1, ST_BADINPUT,
	             "--set network..m=5: expected PATH=VALUE, got an empty key "
	             "in the path");
	expect_error("{}", bad_idx, 1, ST_BADINPUT,
	             "--set events[x].tick=1: expected PATH=VALUE, got a bad "
	             "array index after \"events\"");
	expect_error("{\"events\": [{\"tick\": 0}]}", past, 1, ST_BADINPUT,
	             "--set events[1].tick=1: index 1 is past the end of events "
	             "(1 elements)");
	expect_error("{\"name\": \"n\"}", through, 1, ST_BADINPUT,
	             "--set name.x=1: name is a string, not an object");
	expect_error("{}", absent, 1, ST_BADINPUT,
	             "--set events[0].tick=3: index 0 is past the end of events "
	             "(absent)");
}

/* Issue 13 item 1: a path segment of any length (it used to be copied into
 * a 256-byte stack buffer) is refused with a message that shows the start
 * of the key and its length. */
static char *long_set(const char *prefix, size_t len, const char *suffix)
{
	size_t pl = strlen(prefix);
	char *arg = malloc(pl + len + strlen(suffix) + 1);

	cr_assert_not_null(arg);
	memcpy(arg, prefix, pl);
	memset(arg + pl, 'k', len);
	strcpy(arg + pl + len, suffix);
	return arg;
}

Test(scenario_set, path_segment_of_any_length)
{
	static const size_t lens[] = { 300, 100000 };
	char k32[33], want[256], err[SCN_ERRLEN];
	struct scenario s;

	memset(k32, 'k', 32);
	k32[32] = '\0';
	for (size_t i = 0; i < 2; i++) {
		char *top = long_set("", lens[i], "=1");
		char *nested = long_set("spread.", lens[i], ".x=1");
		char *indexed = long_set("", lens[i], "[0]=1");
		const char *sets[3] = { top, nested, indexed };

		snprintf(want, sizeof want, "--set %s... (a key of %zu bytes): "
		         "unknown key (see `crisim keys`)", k32, lens[i]);
		expect_error("{}", &sets[0], 1, ST_BADINPUT, want);
		snprintf(want, sizeof want, "--set spread.%s... (a key of %zu "
		         "bytes): unknown key (see `crisim keys`)", k32, lens[i]);
		expect_error("{}", &sets[1], 1, ST_BADINPUT, want);
		cr_assert_eq(parse_sets(&s, "{}", &sets[2], 1, err), ST_BADINPUT);
		snprintf(want, sizeof want, "--set %s", k32);
		cr_assert(strncmp(err, want, strlen(want)) == 0, "%s", err);
		cr_assert(strstr(err, "index 0 is past the end of"), "%s", err);
		free(top);
		free(nested);
		free(indexed);
	}
}

/* --- text: UTF-8, control characters, \u0000 (issue 8 point 3, issue 13
 * item 8) ------------------------------------------------------------------ */

Test(scenario_text, utf8_accepted_in_every_string)
{
	struct scenario s;

	expect_ok(&s, "{\"name\": \"Caf\xc3\xa9 \xe2\x98\x95 \xf0\x9f\x98\x80\", "
	          "\"description\": \"line 1\\nline 2\\tend\", "
	          "\"output\": {\"dir\": \"out/\xc3\xa9t\xc3\xa9\"}}", NULL, 0);
	cr_assert_str_eq(s.name, "Caf\xc3\xa9 \xe2\x98\x95 \xf0\x9f\x98\x80");
	cr_assert_str_eq(s.description, "line 1\nline 2\tend");
	spec_free(&s);
	/* An escaped backslash before "u0000" is text, not a NUL. */
	expect_ok(&s, "{\"name\": \"a\\\\u0000b\"}", NULL, 0);
	cr_assert_str_eq(s.name, "a\\u0000b");
	spec_free(&s);
}

Test(scenario_text, invalid_utf8_names_path_byte_and_offset)
{
	expect_error("{\"name\": \"ab\xff\"}", NULL, 0, ST_BADINPUT,
	             "s.json: name: expected UTF-8 text, got the byte 0xff at "
	             "offset 2");
	expect_error("{\"description\": \"\xc0\x80\"}", NULL, 0, ST_BADINPUT,
	             "s.json: description: expected UTF-8 text, got the byte "
	             "0xc0 at offset 0");  /* an overlong NUL */
	expect_error("{\"network\": {\"file\": \"g\xed\xa0\x80.txt\"}}", NULL, 0,
	             ST_BADINPUT, "s.json: network.file: expected UTF-8 text, "
	             "got the byte 0xed at offset 1");  /* a surrogate */
	expect_error("{\"output\": {\"dir\": \"d\xe2\x82\"}}", NULL, 0,
	             ST_BADINPUT, "s.json: output.dir: expected UTF-8 text, got "
	             "the byte 0xe2 at offset 1");  /* cut short */
	expect_error("{\"name\": \"\xf4\x90\x80\x80\"}", NULL, 0, ST_BADINPUT,
	             "s.json: name: expected UTF-8 text, got the byte 0xf4 at "
	             "offset 0");  /* above U+10FFFF */
}

Test(scenario_text, control_characters_rejected_but_in_description)
{
	expect_error("{\"name\": \"a\\nb\"}", NULL, 0, ST_BADINPUT,
	             "s.json: name: expected text without control characters, "
	             "got U+000A (newline) at offset 1");
	expect_error("{\"name\": \"a\tb\"}", NULL, 0, ST_BADINPUT,
	             "s.json: name: expected text without control characters, "
	             "got U+0009 (tab) at offset 1");
	expect_error("{\"name\": \"\\u001b[31m\"}", NULL, 0, ST_BADINPUT,
	             "s.json: name: expected text without control characters, "
	             "got U+001B at offset 0");
	expect_error("{\"output\": {\"dir\": \"x\x7f\"}}", NULL, 0, ST_BADINPUT,
	             "s.json: output.dir: expected text without control "
	             "characters, got U+007F (delete) at offset 1");
	expect_error("{\"description\": \"a\\r\\n\"}", NULL, 0, ST_BADINPUT,
	             "s.json: description: expected text without control "
	             "characters other than newline and tab, got U+000D "
	             "(carriage return) at offset 1");
}

Test(scenario_text, nul_escape_is_an_error_not_a_cut)
{
	const char *set_nul[] = { "name=\"a\\u0000b\"" };
	const char *set_ff[] = { "name=a\xff" };
	const char *set_nl[] = { "description=x\ny", "name=x\ny" };

	expect_error("{\"seed\": 2,\n \"name\": \"a\\u0000b\"}", NULL, 0,
	             ST_BADINPUT, "s.json: line 2, column 12: expected text "
	             "without NUL characters, got \\u0000 in a string");
	expect_error("{\"na\\u0000me\": 1}", NULL, 0, ST_BADINPUT,
	             "s.json: line 1, column 5: expected text without NUL "
	             "characters, got \\u0000 in a string");
	expect_error("{}", set_nul, 1, ST_BADINPUT, "--set name: expected text "
	             "without NUL characters, got \\u0000 in a string");
	expect_error("{}", set_ff, 1, ST_BADINPUT, "--set name: expected UTF-8 "
	             "text, got the byte 0xff at offset 1");
	expect_error("{}", set_nl, 2, ST_BADINPUT, "--set name: expected text "
	             "without control characters, got U+000A (newline) at "
	             "offset 1");
}

/* The user's bytes are shown escaped in messages, which stay one line. */
Test(scenario_text, messages_escape_the_users_bytes)
{
	expect_error("{\"co\\nlour\": 1}", NULL, 0, ST_BADINPUT,
	             "s.json: co\\x0alour: unknown key (see `crisim keys`)");
	expect_error("{\"network\": {\"model\": \"b\\u0001a\xff\"}}", NULL, 0,
	             ST_BADINPUT, "s.json: network.model: expected one of "
	             "\"barabasi_albert\", \"erdos_renyi\", \"watts_strogatz\", "
	             "\"powerlaw\", \"sbm\", got string \"b\\x01a\\xff\"");
}

/* --- output and round trip ---------------------------------------------- */

static void round_trip(const char *text)
{
	struct scenario a, b;
	char err[SCN_ERRLEN];
	char *ja, *jb;

	expect_ok(&a, text, NULL, 0);
	ja = scenario_to_json(&a);
	cr_assert_not_null(ja);
	cr_assert_eq(scenario_parse(&b, ja, "resolved", NULL, NULL, 0, err),
	             ST_OK, "%s\n%s", err, ja);
	jb = scenario_to_json(&b);
	cr_assert_str_eq(ja, jb);
	cr_assert_str_eq(a.name, b.name);
	cr_assert_eq(a.seed, b.seed);
	cr_assert_eq(a.ticks, b.ticks);
	cr_assert_eq(a.network.model, b.network.model);
	cr_assert_eq(a.network.nodes, b.network.nodes);
	cr_assert_eq(a.network.max_degree, b.network.max_degree);
	cr_assert_eq(a.network.n_blocks, b.network.n_blocks);
	cr_assert(memcmp(a.network.sizes, b.network.sizes,
	                 sizeof a.network.sizes) == 0);
	cr_assert(memcmp(&a.population, &b.population, sizeof a.population) == 0);
	cr_assert(memcmp(&a.spread, &b.spread, sizeof a.spread) == 0);
	cr_assert(memcmp(&a.responder, &b.responder, sizeof a.responder) == 0);
	cr_assert_eq(a.n_events, b.n_events);
	for (size_t i = 0; i < a.n_events; i++) {
		cr_assert_eq(a.events[i].tick, b.events[i].tick);
		cr_assert_eq(a.events[i].target, b.events[i].target);
		cr_assert_eq(a.events[i].count, b.events[i].count);
		cr_assert_eq(a.events[i].agent, b.events[i].agent);
	}
	if (a.network.file)
		cr_assert_str_eq(a.network.file, b.network.file);
	free(ja);
	free(jb);
	spec_free(&a);
	spec_free(&b);
}

Test(scenario_json, round_trips)
{
	round_trip("{}");
	round_trip("{\"seed\": 9007199254740991, \"tick_minutes\": 0.1, "
	           "\"network\": {\"model\": \"powerlaw\", \"exponent\": 2.3}, "
	           "\"output\": {\"dir\": \"x\"}}");
	round_trip("{\"network\": {\"model\": \"sbm\", \"sizes\": [3, 4, 5]}, "
	           "\"events\": [{\"tick\": 5, \"target\": \"agent\", "
	           "\"agent\": 11}, {\"tick\": 1}]}");
	round_trip("{\"network\": {\"model\": \"watts_strogatz\", \"k\": 4, "
	           "\"rewire\": 0.3}, \"events\": []}");
	round_trip("{\"network\": {\"file\": \"/tmp/e.txt\", \"directed\": "
	           "true}}");
}

Test(scenario_json, prints_only_the_chosen_models_keys)
{
	struct scenario s;
	char *j;

	expect_ok(&s, "{\"network\": {\"model\": \"erdos_renyi\"}}", NULL, 0);
	j = scenario_to_json(&s);
	cr_assert(strstr(j, "\"mean_degree\""));
	cr_assert_null(strstr(j, "\"m\":"));
	cr_assert_null(strstr(j, "\"file\""));
	cr_assert_null(strstr(j, "\"dir\""));
	/* table order: name first, output last */
	cr_assert(strstr(j, "\"name\"") < strstr(j, "\"seed\""));
	cr_assert(strstr(j, "\"responder\"") < strstr(j, "\"output\""));
	free(j);
	spec_free(&s);
}

/* --- files, sbm, events ------------------------------------------------- */

Test(scenario, relative_file_resolves_against_scenario_dir)
{
	struct scenario s;
	char err[SCN_ERRLEN], want[4096], cwd[2048];

	cr_assert_not_null(getcwd(cwd, sizeof cwd));
	cr_assert_eq(scenario_load(&s, "tests/scenarios/relative_file.json", NULL,
	                           0, err), ST_OK, "%s", err);
	snprintf(want, sizeof want, "%s/tests/scenarios/edges.txt", cwd);
	cr_assert_eq(s.network.model, NET_FILE);
	cr_assert_str_eq(s.network.file, want);
	cr_assert(s.network.directed);
	cr_assert_eq(s.network.nodes, 0);
	cr_assert_eq(access(s.network.file, R_OK), 0);
	spec_free(&s);

	/* from memory without a base directory: the working directory */
	expect_ok(&s, "{\"network\": {\"file\": \"e.txt\"}}", NULL, 0);
	snprintf(want, sizeof want, "%s/e.txt", cwd);
	cr_assert_str_eq(s.network.file, want);
	spec_free(&s);

	/* absolute paths stay as they are */
	expect_ok(&s, "{\"network\": {\"file\": \"/data/e.txt\"}}", NULL, 0);
	cr_assert_str_eq(s.network.file, "/data/e.txt");
	spec_free(&s);
}

Test(scenario, sbm_default_blocks)
{
	struct scenario s;

	expect_ok(&s, "{\"network\": {\"model\": \"sbm\", \"nodes\": 1003}}", NULL,
	          0);
	cr_assert_eq(s.network.n_blocks, 4);
	cr_assert_eq(s.network.sizes[0], 250);
	cr_assert_eq(s.network.sizes[1], 250);
	cr_assert_eq(s.network.sizes[2], 250);
	cr_assert_eq(s.network.sizes[3], 253);
	spec_free(&s);

	expect_ok(&s, "{\"network\": {\"model\": \"sbm\"}}", NULL, 0);
	cr_assert_eq(s.network.n_blocks, 4);
	cr_assert_eq(s.network.sizes[3], 2500);
	spec_free(&s);
}

Test(scenario, sbm_nodes_from_sizes_and_events_sorted_stably)
{
	struct scenario s;
	char err[SCN_ERRLEN];

	cr_assert_eq(scenario_load(&s, "tests/scenarios/sbm.json", NULL, 0, err),
	             ST_OK, "%s", err);
	cr_assert_eq(s.network.nodes, 600);
	cr_assert_eq(s.network.n_blocks, 3);
	cr_assert_eq(s.n_events, 4);
	cr_assert_eq(s.events[0].tick, 0);
	cr_assert_eq(s.events[0].target, TGT_RANDOM);
	cr_assert_eq(s.events[1].tick, 10);
	cr_assert_eq(s.events[1].count, 3);
	cr_assert_eq(s.events[2].tick, 50);
	cr_assert_eq(s.events[2].target, TGT_MEDIA);  /* file order kept */
	cr_assert_eq(s.events[3].tick, 50);
	cr_assert_eq(s.events[3].target, TGT_AGENT);
	cr_assert_eq(s.events[3].agent, 7);
	spec_free(&s);
}

Test(scenario, stdin_is_labelled)
{
	struct scenario s;
	char err[SCN_ERRLEN];

	cr_assert_not_null(freopen("tests/scenarios/dup_key.json", "r", stdin));
	cr_assert_eq(scenario_load(&s, "-", NULL, 0, err), ST_BADINPUT);
	cr_assert_str_eq(err, "<stdin>: network.m: duplicate key");
}

Test(scenario, enum_names)
{
	cr_assert_str_eq(spec_net_model_name(NET_SBM), "sbm");
	cr_assert_str_eq(spec_net_model_name(NET_FILE), "file");
	cr_assert_str_eq(spec_event_target_name(TGT_AGENT), "agent");
	cr_assert_str_eq(spec_event_kind_name(EV_INCIDENT), "incident");
}

Test(scenario, agent_target_takes_one_agent)
{
	expect_error("{\"events\": [{\"tick\": 1, \"target\": \"agent\", \"agent\": 3, "
	             "\"count\": 4}]}", NULL, 0, ST_BADINPUT,
	             "s.json: events[0].count: expected 1 with target \"agent\" (one agent), got 4");
}
