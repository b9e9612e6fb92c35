/* cli — the command line to a struct request, in three steps that do not
 * mix: walking argv with getopt_long over a command's table (walk),
 * converting one option's value into its request field (apply_option),
 * and the checks that involve several options (check_request,
 * check_operand).  The tables are in cli_table.c, --help in cli_doc.c.
 */
#include "cli.h"

#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "par.h"

/* 2^53 - 1: the largest seed a scenario file can hold exactly. */
#define SEED_CLI_MAX 9007199254740991ULL

/* getopt_long reports a long option by val = LONG_BASE + its row, beyond
 * any character a short option can be. */
#define LONG_BASE 256
#define MAX_OPTS 32

/* ---- value conversion: one option into its request field ---- */

/* Parse a decimal integer in [0, 2^64). */
static int parse_u64(const char *s, uint64_t *out)
{
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

/* A count in [min, max]; bound names max in the message (NULL: none). */
static int to_count(const struct cli_option *o, const char *val, uint64_t min,
                    uint64_t max, const char *bound, uint64_t *out,
                    char *err, size_t errlen)
{
	if (parse_u64(val, out) == 0 && *out >= min && *out <= max)
		return 0;
	snprintf(err, errlen, "--%s: expected a%s integer%s%s, got '%s'", o->name,
	         min ? " positive" : " non-negative", bound ? " <= " : "",
	         bound ? bound : "", val);
	return EXIT_USAGE;
}

static int apply_option(struct request *rq, const struct cli_option *o,
                        const char *val, char *err, size_t errlen)
{
	uint64_t num;
	int rc = 0;
	switch (o->field) {
	case F_HELP:           rq->help = true; break;
	case F_VERSION:        rq->version = true; break;
	case F_OUT:            rq->out = val; break;
	case F_SET:            rq->sets[rq->n_sets++] = val; break;
	case F_GRID:           rq->grids[rq->n_grids++] = val; break;
	case F_QUIET:          rq->quiet = true; break;
	case F_SUMMARY:        rq->summary = true; break;
	case F_SUMMARY_HEADER: rq->summary_header = true; break;
	case F_STRATEGIES:     rq->strategies = val; break;
	case F_GRID_FILE:      rq->grid_file = val; break;
	case F_RESUME:         rq->resume = val; break;
	case F_DIRECTED:       rq->directed = true; break;
	case F_NETWORK_SPEC:   rq->network_spec = val; break;
	case F_MARKDOWN:       rq->markdown = true; break;
	case F_JSON_SCHEMA:    rq->json_schema = true; break;
	case F_BOARD:          rq->board = val; break;
	case F_NO_PREAMBLE:    rq->no_preamble = true; break;
	case F_FACTOR:         rq->factors[rq->n_factors++] = val; break;
	case F_DESIGN_FILE:    rq->design_file = val; break;
	case F_GEXF:           rq->gexf = val; break;
	case F_OUTCOME:        rq->outcome = val; break;
	case F_DIFF:           rq->diff = val; break;
	case F_TARGET:         rq->target = val; break;
	case F_LABEL:          rq->label = val; break;
	case F_PARAM:          rq->params[rq->n_params++] = val; break;
	case F_MAX_EVALS:
		rc = to_count(o, val, 1, 1000000, "10^6", &rq->max_evals, err, errlen);
		break;
	case F_DESIGN:
		if (strcmp(val, "lhs") && strcmp(val, "sobol") && strcmp(val, "morris")) {
			snprintf(err, errlen, "--design: expected lhs, sobol or morris, "
			         "got '%s'", val);
			return EXIT_USAGE;
		}
		rq->design = val;
		break;
	case F_EVERY: {
		char *end;
		errno = 0;
		double v = strtod(val, &end);
		if (!*val || *end || errno || !(v >= 1) || v > 1e7) {
			snprintf(err, errlen, "--every: expected a number of minutes in "
			         "[1, 1e7], got '%s'", val);
			return EXIT_USAGE;
		}
		rq->every = v;
		break;
	}
	case F_SAMPLES:
		rc = to_count(o, val, 1, 100000, "10^5", &rq->samples, err, errlen);
		break;
	case F_SEED:
		/* The scenario's own bound: larger seeds are not exact in the
		 * JSON of the manifest, so the run could not be redone. */
		if (parse_u64(val, &rq->seed) || rq->seed > SEED_CLI_MAX) {
			snprintf(err, errlen, "--seed: expected an integer in "
			         "[0, 2^53-1], got '%s'", val);
			return EXIT_USAGE;
		}
		rq->have_seed = true;
		break;
	case F_RUNS:
		rc = to_count(o, val, 1, 100000000, "10^8", &rq->runs, err, errlen);
		break;
	case F_THREADS:
		rc = to_count(o, val, 1, PAR_MAX_THREADS, PAR_MAX_THREADS_TEXT, &num,
		              err, errlen);
		rq->threads = rc ? 0 : (int)num;
		break;
	case F_STOP_AFTER:
		rc = to_count(o, val, 1, UINT64_MAX, NULL, &rq->stop_after, err, errlen);
		break;
	case F_RUN:
		rc = to_count(o, val, 0, UINT64_MAX, NULL, &rq->run, err, errlen);
		rq->have_run = true;
		break;
	case F_FORMAT:
		rq->have_format = true;
		if (strcmp(val, "csv") == 0)
			rq->format = CLI_FORMAT_CSV;
		else if (strcmp(val, "table") == 0)
			rq->format = CLI_FORMAT_TABLE;
		else if (strcmp(val, "tsv") == 0)
			rq->format = CLI_FORMAT_TSV;
		else if (strcmp(val, "json") == 0)
			rq->format = CLI_FORMAT_JSON;
		else {
			snprintf(err, errlen, "--format: expected table, tsv, json or "
			         "csv, got '%s'", val);
			return EXIT_USAGE;
		}
		break;
	}
	return rc;
}

/* ---- table walking ---- */

static const struct cli_option *by_letter(const struct cli_command *c, int ch)
{
	for (size_t i = 0; i < c->n_opts; i++)
		if (c->opts[i].letter == ch)
			return &c->opts[i];
	return NULL;
}

/* The row whose long name is exactly name[0..len), or NULL. */
static const struct cli_option *by_name(const struct cli_command *c,
                                        const char *name, size_t len)
{
	for (size_t i = 0; i < c->n_opts; i++)
		if (strlen(c->opts[i].name) == len &&
		    strncmp(c->opts[i].name, name, len) == 0)
			return &c->opts[i];
	return NULL;
}

/* The message for an option getopt_long refused: arg is the argv element
 * it was scanning.  Messages of a command start with its name. */
static void bad_option(const struct cli_command *c, int ch, const char *arg,
                       char *err, size_t errlen)
{
	bool global = c == cli_command(CMD_NONE);
	const char *who = global ? "" : c->name, *colon = global ? "" : ": ";
	const char *sp = global ? "" : " ";
	if (ch == ':') {
		if (optopt >= LONG_BASE)
			snprintf(err, errlen, "%s%soption --%s needs a value", who, colon,
			         c->opts[optopt - LONG_BASE].name);
		else
			snprintf(err, errlen, "%s%soption -%c needs a value", who, colon,
			         optopt);
		return;
	}
	if (arg[0] != '-' || arg[1] != '-') {
		snprintf(err, errlen, "%s%sunknown option '-%c' (try crisim %s%s--help)",
		         who, colon, optopt, who, sp);
		return;
	}
	const char *name = arg + 2;
	size_t len = strcspn(name, "=");
	const struct cli_option *o = by_name(c, name, len);
	if (o && name[len] == '=') {
		snprintf(err, errlen, "%s%soption --%s takes no value", who, colon, o->name);
		return;
	}
	/* A prefix getopt_long would take as an abbreviation: name the option
	 * meant.  Abbreviations are refused so that a new option can never
	 * change what a script's abbreviation means. */
	for (size_t i = 0; len && i < c->n_opts; i++)
		if (strncmp(c->opts[i].name, name, len) == 0) {
			snprintf(err, errlen, "%s%sunknown option '--%.*s' (did you mean "
			         "--%s?)", who, colon, (int)len, name, c->opts[i].name);
			return;
		}
	snprintf(err, errlen, "%s%sunknown option '--%.*s' (try crisim %s%s--help)",
	         who, colon, (int)len, name, who, sp);
}

/* The first operand is FILE (or DIR, TABLE); there is never a second. */
static int add_operand(const struct cli_command *c, struct request *rq,
                       const char *arg, char *err, size_t errlen)
{
	if (rq->file || !c->operand) {
		snprintf(err, errlen, "%s: unexpected argument '%s'", c->name, arg);
		return EXIT_USAGE;
	}
	rq->file = arg;
	return 0;
}

/* Walk argv[1..argc) with getopt_long over c's table, applying each option
 * and operand in order.  With global, stop at the first operand (the
 * command) and leave its index in *next.  argv is not reordered. */
static int walk(const struct cli_command *c, int argc, char **argv, bool global,
                struct request *rq, int *next, char *err, size_t errlen)
{
	struct option longs[MAX_OPTS + 1];
	char shorts[2 * MAX_OPTS + 3];
	size_t ns = 0;
	assert(c->n_opts <= MAX_OPTS);
	/* "+": stop at the first operand; "-": operands in place, as option
	 * 1 (no reordering); ":": a missing value is reported as ':'. */
	shorts[ns++] = global ? '+' : '-';
	shorts[ns++] = ':';
	for (size_t i = 0; i < c->n_opts; i++) {
		const struct cli_option *o = &c->opts[i];
		longs[i] = (struct option){ o->name, o->value ? required_argument :
		                            no_argument, NULL, LONG_BASE + (int)i };
		if (o->letter) {
			shorts[ns++] = o->letter;
			if (o->value)
				shorts[ns++] = ':';
		}
	}
	longs[c->n_opts] = (struct option){ 0 };
	shorts[ns] = '\0';

	/* getopt's state is libc's: optind = 0 makes glibc start afresh (it
	 * also forgets a half-scanned bundle of a previous parse). */
	optind = 0;
	opterr = 0;
	for (;;) {
		int at = optind ? optind : 1, idx = -1;
		int ch = getopt_long(argc, argv, shorts, longs, &idx);
		if (ch == -1)
			break;
		if (ch == 1) {
			if (add_operand(c, rq, optarg, err, errlen))
				return EXIT_USAGE;
			continue;
		}
		if (ch == '?' || ch == ':') {
			bad_option(c, ch, argv[at], err, errlen);
			return EXIT_USAGE;
		}
		/* getopt_long accepts unique abbreviations; crisim does not. */
		if (idx >= 0 && strcspn(argv[at] + 2, "=") != strlen(longs[idx].name)) {
			bad_option(c, '?', argv[at], err, errlen);
			return EXIT_USAGE;
		}
		const struct cli_option *o = ch >= LONG_BASE ?
			&c->opts[ch - LONG_BASE] : by_letter(c, ch);
		if (apply_option(rq, o, optarg, err, errlen))
			return EXIT_USAGE;
	}
	if (next)
		*next = optind;
	/* After "--" everything is an operand, even "-x". */
	for (int i = optind; !global && i < argc; i++)
		if (add_operand(c, rq, argv[i], err, errlen))
			return EXIT_USAGE;
	return 0;
}

/* ---- checks across options ---- */

static const char *run_clash(const struct request *rq)
{
	if (rq->runs && rq->have_run)
		return "--runs and --run";
	if (rq->runs && (rq->summary || rq->summary_header))
		return "--runs and --summary";
	if ((rq->resume || rq->stop_after) && !rq->runs)
		return "--resume or --stop-after without --runs";
	if (rq->runs && rq->out && strcmp(rq->out, "-") == 0)
		return "--runs and -o -";
	if (rq->threads && !rq->runs)
		return "--threads without --runs";
	if ((rq->no_preamble || rq->have_format) && !rq->runs)
		return "--no-preamble or --format without --runs";
	if (rq->summary && rq->out)
		return "--summary (which writes no files) and -o";
	if (rq->gexf && (rq->runs || rq->summary || rq->summary_header))
		return "--gexf (of a single run) and --runs or --summary";
	if (rq->gexf && strcmp(rq->gexf, "-") == 0 && rq->out && strcmp(rq->out, "-") == 0)
		return "--gexf - and -o - (both on stdout)";
	return NULL;
}

/* Entries of a comma-separated list, and whether name (len bytes) is one. */
static size_t list_count(const char *list)
{
	size_t n = 1;
	for (; *list; list++)
		n += *list == ',';
	return n;
}

static bool list_has(const char *list, const char *name, size_t len)
{
	for (const char *s = list;; s++) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		if (n == len && strncmp(s, name, len) == 0)
			return true;
		if (!comma)
			return false;
		s = comma;
	}
}

/* compare --board A,B: two different names out of --strategies. */
static bool board_ok(const char *board, const char *strategies)
{
	const char *comma = strchr(board, ',');
	if (!comma || strchr(comma + 1, ',') || comma == board || !comma[1])
		return false;
	size_t la = (size_t)(comma - board);
	const char *b = comma + 1;
	return !(strlen(b) == la && strncmp(board, b, la) == 0) &&
	       list_has(strategies, board, la) && list_has(strategies, b, strlen(b));
}

static int check_request(const struct cli_command *c, struct request *rq,
                         char *err, size_t errlen)
{
	const char *who = c->name;
	bool batch = rq->cmd == CMD_COMPARE || rq->cmd == CMD_SWEEP;
	bool dir_out = batch || rq->cmd == CMD_DEBRIEF;
	const char *clash = rq->cmd == CMD_RUN ? run_clash(rq) : NULL;
	if (rq->cmd == CMD_GRAPH && rq->network_spec && rq->file)
		snprintf(err, errlen, "graph: give FILE or --network-spec, not both");
	else if (clash)
		snprintf(err, errlen, "run: %s cannot be combined", clash);
	else if (dir_out && rq->out && strcmp(rq->out, "-") == 0)
		snprintf(err, errlen, "%s: -o - is not possible: it writes a directory "
		         "(use --format for stdout)", who);
	else if (rq->resume && rq->out && strcmp(rq->resume, rq->out) != 0)
		snprintf(err, errlen, "%s: --resume DIR is the output directory; "
		         "-o names another", who);
	else if ((rq->cmd == CMD_RUN || rq->cmd == CMD_SWEEP) && rq->have_format &&
	         rq->format != CLI_FORMAT_TSV && rq->format != CLI_FORMAT_CSV)
		snprintf(err, errlen, "%s: --format: expected tsv or csv (the tables "
		         "it writes)", who);
	else if (rq->cmd == CMD_COMPARE && !rq->strategies)
		snprintf(err, errlen, "compare: missing --strategies A,B (try crisim "
		         "compare --help)");
	else if (rq->cmd == CMD_COMPARE && list_count(rq->strategies) < 2)
		snprintf(err, errlen, "compare: --strategies: expected at least two "
		         "strategies to compare (A,B), got '%s'", rq->strategies);
	else if (rq->board && !board_ok(rq->board, rq->strategies))
		snprintf(err, errlen, "compare: --board: expected two different "
		         "strategies out of --strategies %s (A,B), got '%s'",
		         rq->strategies, rq->board);
	else if (rq->design && rq->design_file)
		snprintf(err, errlen, "sweep: give --design or --design-file, not both");
	else if ((rq->design || rq->design_file) && (rq->n_grids || rq->grid_file))
		snprintf(err, errlen, "sweep: a design (--design, --design-file) cannot be "
		         "combined with --grid or --grid-file");
	else if (rq->cmd == CMD_FIT && !rq->target)
		snprintf(err, errlen, "fit: missing --target DATA (try crisim fit --help)");
	else if (rq->cmd == CMD_FIT && !rq->n_params)
		snprintf(err, errlen, "fit: missing --param PATH=LO:HI (try crisim fit "
		         "--help)");
	else if (!rq->design && (rq->n_factors || rq->samples))
		snprintf(err, errlen, "sweep: --factor and --samples need --design "
		         "lhs|sobol|morris");
	else if (rq->design && (!rq->n_factors || !rq->samples))
		snprintf(err, errlen, "sweep: --design %s: missing %s", rq->design,
		         rq->n_factors ? "--samples N" : "--factor PATH=LO:HI");
	else if (rq->cmd == CMD_SWEEP && !rq->n_grids && !rq->grid_file &&
	         !rq->design && !rq->design_file)
		snprintf(err, errlen, "sweep: missing --grid PATH=V1,V2,..., "
		         "--grid-file, --design or --design-file (try crisim sweep --help)");
	else if (rq->cmd == CMD_EXERCISE && rq->resume &&
	         (rq->file || rq->n_sets || rq->have_seed))
		snprintf(err, errlen, "exercise: --resume DIR takes the scenario, its "
		         "--set overrides and seed from DIR/exercise.json: give no "
		         "FILE, --set or --seed");
	else if (batch && !rq->runs)
		snprintf(err, errlen, "%s: missing --runs N", who);
	else
		return 0;
	return EXIT_USAGE;
}

/* The operand, once every option is in: present, and one of the words. */
static int check_operand(const struct cli_command *c, struct request *rq,
                         char *err, size_t errlen)
{
	if (!rq->file && c->operand_optional)
		rq->file = "scenario";   /* keys: the default table */
	if (!rq->file && !(rq->cmd == CMD_GRAPH && rq->network_spec) &&
	    !(rq->cmd == CMD_EXERCISE && rq->resume)) {
		snprintf(err, errlen, "%s: missing %s (try crisim %s --help)",
		         c->name, c->operand, c->name);
		return EXIT_USAGE;
	}
	if (rq->json_schema && rq->file &&
	    (rq->markdown || strcmp(rq->file, "scenario"))) {
		snprintf(err, errlen, "%s: --json-schema: only of the scenario keys, "
		         "and not with --markdown", c->name);
		return EXIT_USAGE;
	}
	if (rq->file && c->operand_arg == ARG_WORDS) {
		const char *w = c->operand_words;
		size_t len = strlen(rq->file);
		for (; *w; w += strcspn(w, " "), w += *w == ' ')
			if (strncmp(w, rq->file, len) == 0 && (w[len] == ' ' || !w[len]))
				return 0;
		snprintf(err, errlen, "%s: expected scenario, series or summary, got "
		         "'%s'", c->name, rq->file);
		return EXIT_USAGE;
	}
	return 0;
}

/* ---- the whole command line ---- */

/* The command named by word, or CMD_NONE. */
static enum cmd find_command(const char *word)
{
	for (int k = 1; k < CMD_COUNT; k++)
		if (strcmp(word, cli_command((enum cmd)k)->name) == 0)
			return (enum cmd)k;
	return CMD_NONE;
}

int cli_parse(int argc, char **argv, struct request *rq, char *err, size_t errlen)
{
	memset(rq, 0, sizeof *rq);
	rq->argc = argc;
	rq->argv = argv;
	int first = argc;
	int rc = walk(cli_command(CMD_NONE), argc, argv, true, rq, &first, err, errlen);
	if (rc || rq->help || rq->version)
		return rc;
	if (first >= argc) {
		snprintf(err, errlen, "no command given (try crisim --help)");
		return EXIT_USAGE;
	}
	if (strcmp(argv[first], "help") == 0) {
		rq->help = true;
		return 0;
	}
	rq->cmd = find_command(argv[first]);
	if (rq->cmd == CMD_NONE) {
		snprintf(err, errlen, "unknown command '%s' (try crisim --help)",
		         argv[first]);
		return EXIT_USAGE;
	}
	const struct cli_command *c = cli_command(rq->cmd);
	rq->sets = calloc((size_t)argc, sizeof *rq->sets);
	rq->grids = calloc((size_t)argc, sizeof *rq->grids);
	rq->factors = calloc((size_t)argc, sizeof *rq->factors);
	rq->params = calloc((size_t)argc, sizeof *rq->params);
	if (!rq->sets || !rq->grids || !rq->factors || !rq->params) {
		cli_free(rq);
		snprintf(err, errlen, "out of memory");
		return EXIT_RUNTIME;
	}
	/* The command word plays argv[0] for its own options. */
	rc = walk(c, argc - first, argv + first, false, rq, NULL, err, errlen);
	if (!rc && !rq->help)
		rc = check_request(c, rq, err, errlen);
	if (!rc && !rq->help)
		rc = check_operand(c, rq, err, errlen);
	if (rc)
		cli_free(rq);
	return rc;
}

void cli_free(struct request *rq)
{
	free(rq->sets);
	free(rq->grids);
	free(rq->factors);
	free(rq->params);
	rq->params = NULL;
	rq->n_params = 0;
	rq->sets = NULL;
	rq->grids = NULL;
	rq->factors = NULL;
	rq->n_factors = 0;
	rq->n_sets = 0;
	rq->n_grids = 0;
}

int cli_exit_code(enum status st)
{
	switch (st) {
	case ST_OK:          return EXIT_OK;
	case ST_BADINPUT:
	case ST_IO:          return EXIT_USAGE;
	case ST_INTERRUPTED: return EXIT_INTERRUPTED;
	case ST_NOMEM:
	case ST_RUNTIME:     break;
	}
	return EXIT_RUNTIME;
}
