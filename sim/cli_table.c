/* cli_table — the option table of every sub-command and its help texts.
 *
 * This is the one place an option is named: the parser (cli.c), --help,
 * the man page and the bash completion (cli_doc.c) all read these rows.
 * Texts are paragraphs without line breaks; the printers wrap them.
 * Invariant (checked by tests/test_cli.c): every "--name" a text of a
 * command mentions is an option of that command's table.
 */
#include "cli.h"

/* Rows shared by several commands. */
#define OPT_HELP { "help", 'h', NULL, ARG_NONE, NULL, F_HELP, \
	"print this help and exit" }
#define OPT_SET { "set", 0, "PATH=VALUE", ARG_KEY, NULL, F_SET, \
	"override a scenario value by its JSON path, e.g. --set " \
	"network.nodes=5000 --set responder.strategy=none (repeatable, applied " \
	"in order; VALUE is JSON, or else a string; null restores the default)" }
#define OPT_SEED { "seed", 0, "N", ARG_TEXT, NULL, F_SEED, \
	"use seed N (an integer in [0, 2^53-1]) instead of the scenario's seed" }
#define OPT_QUIET { "quiet", 'q', NULL, ARG_NONE, NULL, F_QUIET, \
	"print nothing on success, no progress bar" }
#define OPT_THREADS { "threads", 0, "T", ARG_TEXT, NULL, F_THREADS, \
	"OpenMP threads, at most 1024 (default: all cores); results do not " \
	"depend on T" }
#define OPT_RESUME { "resume", 0, "DIR", ARG_DIR, NULL, F_RESUME, \
	"continue an interrupted batch in DIR (give the same FILE and " \
	"options); finished runs are not redone" }
#define OPT_STOP_AFTER { "stop-after", 0, "K", ARG_TEXT, NULL, F_STOP_AFTER, \
	"testing aid: stop like SIGINT after K runs" }
#define OPT_STRATEGIES(what) { "strategies", 0, "A,B,...", ARG_TEXT, NULL, \
	F_STRATEGIES, what }
#define OPT_NO_PREAMBLE { "no-preamble", 0, NULL, ARG_NONE, NULL, F_NO_PREAMBLE, \
	"write the tables (runs, ensemble, compare, sweep) without their " \
	"leading # comment lines: a header line, then the rows" }
#define OPT_TABLE_FORMAT { "format", 0, "FORMAT", ARG_WORDS, "tsv csv", F_FORMAT, \
	"the tables as tsv (the default) or csv: NAME.csv files, comma-" \
	"separated with RFC 4180 quoting and no # lines" }
#define OPT_BATCH_OUT { "out", 'o', "DIR", ARG_DIR, NULL, F_OUT, \
	"the output directory (created if needed).  Default: output.dir of " \
	"the scenario, else out/NAME" }

#define N(a) (sizeof a / sizeof *a)

static const struct cli_option global_opts[] = {
	{ "help", 'h', NULL, ARG_NONE, NULL, F_HELP,
	  "this text; `crisim COMMAND --help` for a command" },
	{ "version", 'V', NULL, ARG_NONE, NULL, F_VERSION, "print the version" },
};

static const char *const global_usage[] = { "COMMAND [OPTIONS] [ARGUMENTS]", NULL };

static const struct cli_option run_opts[] = {
	{ "out", 'o', "DIR", ARG_DIR, NULL, F_OUT,
	  "write series.tsv, events.tsv, summary.json and manifest.json into DIR "
	  "(created if needed); \"-\" writes the series to stdout.  Default: "
	  "output.dir of the scenario, else out/NAME" },
	OPT_SEED,
	OPT_SET,
	OPT_QUIET,
	{ "run", 0, "K", ARG_TEXT, NULL, F_RUN,
	  "use run index K (random streams of (seed, K)): the same as row K of "
	  "an ensemble's runs.tsv" },
	{ "gexf", 0, "OUT.gexf", ARG_FILE, NULL, F_GEXF,
	  "also write the run as a dynamic GEXF 1.3 file for Gephi's timeline "
	  "(\"-\": stdout): every agent with its role, audience, the minute it "
	  "heard, its spreading spells and attitude over time, the graph's arcs "
	  "and the brand's replies as timed edges; times in minutes" },
	{ "summary", 0, NULL, ARG_NONE, NULL, F_SUMMARY,
	  "write no files; print one TSV line of outcomes (run, seed, outcomes) "
	  "to stdout" },
	{ "summary-header", 0, NULL, ARG_NONE, NULL, F_SUMMARY_HEADER,
	  "print the header of that line (alone: without running)" },
	{ "runs", 0, "N", ARG_TEXT, NULL, F_RUNS,
	  "an ensemble of runs 0..N-1 (N <= 10^8): writes runs.tsv, "
	  "ensemble.tsv, summary.json, runs.sqlite and manifest.json into DIR" },
	OPT_NO_PREAMBLE,
	OPT_TABLE_FORMAT,
	OPT_THREADS,
	OPT_RESUME,
	OPT_STOP_AFTER,
	OPT_HELP,
};

static const char *const run_usage[] = {
	"run FILE [-o DIR|-] [--seed N] [--set PATH=VALUE]... [--quiet] [--run K] "
	"[--gexf OUT.gexf]",
	"run FILE --summary [--summary-header] [--run K] [--seed N] [--set PATH=VALUE]...",
	"run FILE --runs N [--threads T] [--resume DIR] [-o DIR] [--seed N] "
	"[--set PATH=VALUE]... [--no-preamble] [--format tsv|csv] [--quiet]",
	NULL
};

static const struct cli_option validate_opts[] = {
	OPT_SET,
	OPT_SEED,
	OPT_HELP,
};

static const char *const validate_usage[] = {
	"validate FILE [--set PATH=VALUE]... [--seed N]", NULL
};

static const struct cli_option graph_opts[] = {
	{ "directed", 0, NULL, ARG_NONE, NULL, F_DIRECTED,
	  "the edge list is directed (arc u v: v sees u's posts)" },
	{ "network-spec", 0, "JSON", ARG_TEXT, NULL, F_NETWORK_SPEC,
	  "a network object instead of FILE, e.g. "
	  "'{\"model\":\"erdos_renyi\",\"nodes\":1000,\"mean_degree\":4}'" },
	OPT_SET,
	{ "out", 'o', "EDGES", ARG_FILE, NULL, F_OUT,
	  "also write the graph as an edge list, or as GraphML when EDGES "
	  "ends in .graphml (\"-\": stdout, and the statistics go to stderr)" },
	OPT_HELP,
};

static const char *const graph_usage[] = {
	"graph FILE [--directed] [--set PATH=VALUE]... [-o EDGES]",
	"graph --network-spec JSON [--set PATH=VALUE]... [-o EDGES]",
	NULL
};

static const struct cli_option plot_opts[] = {
	OPT_QUIET,
	OPT_HELP,
};

static const char *const plot_usage[] = { "plot DIR [--quiet]", NULL };

static const struct cli_option compare_opts[] = {
	OPT_STRATEGIES("the strategies to compare, by registry name; the first "
	               "is the baseline"),
	{ "runs", 0, "N", ARG_TEXT, NULL, F_RUNS,
	  "run indices 0..N-1 for every strategy (N <= 10^8)" },
	OPT_BATCH_OUT,
	{ "format", 0, "FORMAT", ARG_WORDS, "table tsv json csv", F_FORMAT,
	  "the comparison on stdout as table (the default), tsv, json or csv; "
	  "csv also writes the tables as NAME.csv files (RFC 4180 quoting, no # "
	  "lines) instead of NAME.tsv" },
	{ "board", 0, "A,B", ARG_TEXT, NULL, F_BOARD,
	  "the two strategies the trainer board sets side by side (two of "
	  "--strategies).  Default: the first two after the baseline when there "
	  "are three or more, else both" },
	OPT_NO_PREAMBLE,
	OPT_THREADS,
	OPT_RESUME,
	OPT_SEED,
	OPT_SET,
	OPT_QUIET,
	OPT_STOP_AFTER,
	OPT_HELP,
};

static const char *const compare_usage[] = {
	"compare FILE --strategies A,B[,C...] --runs N [-o DIR] "
	"[--format table|tsv|json|csv] [--no-preamble] [--board A,B] [--threads T] "
	"[--resume DIR] [--seed N] [--set PATH=VALUE]... [--quiet]",
	NULL
};

static const struct cli_option sweep_opts[] = {
	{ "grid", 0, "PATH=VALUES", ARG_KEY, NULL, F_GRID,
	  "a parameter axis: PATH=V1,V2,... or PATH=a:b:step (repeatable: the "
	  "points are the cartesian product)" },
	{ "grid-file", 0, "GRID.json", ARG_FILE, NULL, F_GRID_FILE,
	  "axes from a file: an object {\"PATH\": [V1, V2, ...] or \"a:b:step\", "
	  "...}" },
	{ "design", 0, "KIND", ARG_WORDS, "lhs sobol morris", F_DESIGN,
	  "instead of a grid, the points of a sampling design over the factors: "
	  "lhs (a Latin hypercube of N points), sobol (Sobol' points in the "
	  "Saltelli arrangement: N (k + 2) points for k factors, for "
	  "first-order and total indices) or morris (N trajectories of k + 1 "
	  "points on 4 levels); drawn from --seed, else the scenario's seed" },
	{ "factor", 0, "PATH=LO:HI", ARG_KEY, NULL, F_FACTOR,
	  "a factor of --design: a scenario path and its range (repeatable; "
	  "each becomes a column of sweep.tsv and runs.sqlite)" },
	{ "samples", 0, "N", ARG_TEXT, NULL, F_SAMPLES,
	  "the size N of --design (at most 10^5 points in all)" },
	{ "design-file", 0, "POINTS.tsv", ARG_FILE, NULL, F_DESIGN_FILE,
	  "the points of a design made elsewhere (SALib): a tab-separated "
	  "header of scenario paths, then one line of values per point" },
	{ "runs", 0, "N", ARG_TEXT, NULL, F_RUNS,
	  "runs 0..N-1 at every point and for every strategy (N <= 10^8)" },
	OPT_STRATEGIES("also sweep these strategies (by registry name)"),
	OPT_BATCH_OUT,
	OPT_NO_PREAMBLE,
	OPT_TABLE_FORMAT,
	OPT_THREADS,
	OPT_RESUME,
	OPT_SEED,
	OPT_SET,
	OPT_QUIET,
	OPT_STOP_AFTER,
	OPT_HELP,
};

static const char *const sweep_usage[] = {
	"sweep FILE --grid PATH=V1,V2,...|PATH=a:b:step [--grid ...]... "
	"[--grid-file GRID.json] --runs N [--strategies A,B...] [-o DIR] "
	"[--threads T] [--resume DIR] [--set PATH=VALUE]... [--no-preamble] "
	"[--format tsv|csv]",
	"sweep FILE --design lhs|sobol|morris --factor PATH=LO:HI [--factor ...]... "
	"--samples N [--seed S] --runs N [OPTIONS]",
	"sweep FILE --design-file POINTS.tsv --runs N [OPTIONS]",
	NULL
};

static const struct cli_option sensitivity_opts[] = {
	{ "outcome", 0, "O", ARG_TEXT, NULL, F_OUTCOME,
	  "only this outcome (a summary field: crisim keys summary); default: all" },
	{ "diff", 0, "A,B", ARG_TEXT, NULL, F_DIFF,
	  "also the indices of the paired difference A - B of two strategies of "
	  "the sweep; default: adhoc,plan when the sweep ran both" },
	OPT_QUIET,
	OPT_HELP,
};

static const char *const sensitivity_usage[] = {
	"sensitivity DIR [--outcome O] [--diff A,B] [--quiet]", NULL
};

static const struct cli_option fit_opts[] = {
	{ "target", 0, "DATA", ARG_FILE, NULL, F_TARGET,
	  "the observed cascade: a list of events (a header starting "
	  "relative_time_second, then seconds since the original post, one "
	  "event a line, as SEISMIC's tweet data), compared with the onsets of "
	  "distinct posters; or a cascade summary (a label column and "
	  "cum_10min ... cum_43200min, as twitter15_cascades_summary.tsv), "
	  "compared with all posts" },
	{ "label", 0, "L", ARG_TEXT, NULL, F_LABEL,
	  "the cascades of a summary to fit: those whose label is L (their "
	  "median curve; required for a summary)" },
	{ "param", 0, "PATH=LO:HI[:START]", ARG_KEY, NULL, F_PARAM,
	  "a scenario value to fit, within [LO, HI], starting from START "
	  "(default: the middle); repeatable, at most 16" },
	{ "runs", 0, "N", ARG_TEXT, NULL, F_RUNS,
	  "runs 0..N-1 at every point, the same random numbers at each "
	  "(default 10)" },
	{ "max-evals", 0, "K", ARG_TEXT, NULL, F_MAX_EVALS,
	  "evaluate at most K points (default 100)" },
	OPT_BATCH_OUT,
	OPT_RESUME,
	OPT_SEED,
	OPT_SET,
	OPT_QUIET,
	OPT_HELP,
};

static const char *const fit_usage[] = {
	"fit FILE --target DATA [--label L] --param PATH=LO:HI[:START]... "
	"[--runs N] [--max-evals K] [-o DIR] [--resume DIR] [--seed S] "
	"[--set PATH=VALUE]... [--quiet]",
	NULL
};

static const struct cli_option debrief_opts[] = {
	{ "runs", 0, "N", ARG_TEXT, NULL, F_RUNS,
	  "paired runs 0..N-1 of every response (default 200, N <= 10^8)" },
	{ "out", 'o', "OUT", ARG_DIR, NULL, F_OUT,
	  "write debrief.html and the comparison files into OUT (created if "
	  "needed).  Default: DIR/debrief" },
	OPT_THREADS,
	OPT_QUIET,
	OPT_STOP_AFTER,
	OPT_HELP,
};

static const char *const debrief_usage[] = {
	"debrief DIR [--runs N] [-o OUT] [--threads T] [--quiet]", NULL
};

static const struct cli_option keys_opts[] = {
	{ "markdown", 0, NULL, ARG_NONE, NULL, F_MARKDOWN,
	  "a Markdown table instead of tab-separated values" },
	{ "json-schema", 0, NULL, ARG_NONE, NULL, F_JSON_SCHEMA,
	  "the scenario keys as a JSON Schema (draft 2020-12) for editors, "
	  "with types, bounds, enums, defaults and descriptions; only for the "
	  "scenario table" },
	OPT_HELP,
};

static const struct cli_option exercise_opts[] = {
	{ "out", 'o', "DIR", ARG_DIR, NULL, F_OUT,
	  "the exercise directory (created if needed; it must not hold another "
	  "exercise).  Default: output.dir of the scenario, else "
	  "out/NAME-exercise" },
	{ "every", 0, "MINUTES", ARG_TEXT, NULL, F_EVERY,
	  "pause every MINUTES simulated minutes, 1 to 10^7 (default 30; resuming: the "
	  "exercise's own)" },
	{ "resume", 0, "DIR", ARG_DIR, NULL, F_RESUME,
	  "continue the exercise in DIR: its decisions are replayed, and it "
	  "pauses again where the last one was made" },
	OPT_SEED,
	OPT_SET,
	OPT_HELP,
};

static const char *const exercise_usage[] = {
	"exercise FILE [-o DIR] [--every MINUTES] [--seed N] [--set PATH=VALUE]...",
	"exercise --resume DIR [--every MINUTES]",
	NULL
};

static const char *const keys_usage[] = {
	"keys [scenario|series|summary] [--markdown]", "keys [scenario] --json-schema", NULL
};

static const struct cli_command commands[CMD_COUNT] = {
	[CMD_NONE] = {
		"crisim", "COMMAND", false, ARG_NONE, NULL,
		"simulate information spread and online brand crises on a social graph",
		global_usage,
		"Simulate information spread and online brand crises on a social "
		"graph.",
		NULL, global_opts, N(global_opts) },
	[CMD_RUN] = {
		"run", "FILE", false, ARG_FILE, NULL,
		"run a scenario and write its time series and summary",
		run_usage,
		"Run the scenario in FILE (\"-\" reads it from stdin).  Without "
		"--runs, one run: series.tsv, events.tsv, summary.json and "
		"manifest.json in DIR, or with --summary one line of outcomes on "
		"stdout.  With --runs N, an ensemble.",
		"The same scenario and seed give byte-identical series.tsv.  A "
		"progress bar is drawn on stderr when it is a terminal.  "
		"SIGINT/SIGTERM stop an ensemble cleanly: finished runs are written, "
		"manifest.json says \"interrupted\": true, exit status 130; "
		"--resume DIR continues it.",
		run_opts, N(run_opts) },
	[CMD_VALIDATE] = {
		"validate", "FILE", false, ARG_FILE, NULL,
		"check a scenario and print it with every default filled in",
		validate_usage,
		"Check the scenario in FILE (\"-\" reads stdin) and print it as JSON "
		"with every default filled in.  Runs nothing.  Exit status 2 and a "
		"message naming the file and JSON path when the scenario is invalid.",
		NULL, validate_opts, N(validate_opts) },
	[CMD_GRAPH] = {
		"graph", "FILE", false, ARG_FILE, NULL,
		"build a network and print its statistics",
		graph_usage,
		"Build a network and print its statistics: nodes, arcs, mean degree, "
		"<k^2>, maximum degree, reciprocity, clustering (estimated on a "
		"sample of 2000 agents), largest weakly connected component and the "
		"SIR threshold <k>/(<k^2>-<k>).\n\n"
		"FILE is a scenario (*.json: its network), a GraphML file (*.graphml) "
		"or else an edge list (two ids and an optional weight per line, an "
		"optional header line, # comments).",
		NULL, graph_opts, N(graph_opts) },
	[CMD_PLOT] = {
		"plot", "DIR", false, ARG_DIR, NULL,
		"draw the plots of a run's output with gnuplot",
		plot_usage,
		"Run the gnuplot scripts on the output in DIR and write PNG "
		"(pngcairo) and SVG plots next to it: series.tsv (a run) -> "
		"series.*; ensemble.tsv -> ensemble.*; compare.tsv -> compare.*, "
		"compare-diff.*, board.png (the trainer board); sweep.tsv -> "
		"sweep.*; one line on stderr names each file written (none with "
		"--quiet).  Needs gnuplot (Debian: gnuplot-nox); exit status 1 when "
		"it is missing.  Scripts are looked up in $CRISIM_SCRIPTS, then in "
		"scripts/ next to the crisim binary, then in ../share/crisim/scripts, "
		"then in ../../scripts (a build tree).",
		NULL, plot_opts, N(plot_opts) },
	[CMD_COMPARE] = {
		"compare", "FILE", false, ARG_FILE, NULL,
		"run strategies on the same random numbers and compare",
		compare_usage,
		"Run every strategy on the same graph, population, incident and "
		"dynamics draws for each run index (common random numbers) and "
		"compare outcomes: each strategy's mean with a 95% t interval, the "
		"paired difference of each strategy minus the first with a 95% "
		"paired-t interval, and the share of runs where it did better (the "
		"direction of better is one table: see README.md).\n\n"
		"Prints the comparison to stdout (--format) and writes "
		"DIR/compare.tsv, DIR/compare.json, "
		"DIR/STRATEGY/{runs.tsv,ensemble.tsv,summary.json}, DIR/board.tsv "
		"(the trainer board's pair and run: the run whose baseline damage "
		"is closest to the baseline's median, and why), DIR/STRATEGY/story/ "
		"(that run as a single run, for the board) and DIR/manifest.json.",
		NULL, compare_opts, N(compare_opts) },
	[CMD_SWEEP] = {
		"sweep", "FILE", false, ARG_FILE, NULL,
		"run a grid of parameter values (and strategies)",
		sweep_usage,
		"Run N runs at every point of the cartesian product of the grids "
		"(and for every strategy) and write DIR/sweep.tsv: one row per point "
		"and strategy with the parameter values as columns and, per outcome, "
		"mean, sd, 95% t interval and the number of runs without NaN.\n\n"
		"With --design or --design-file the points are those of a sampling "
		"design instead (one row per design point, the factors as columns; "
		"sweep.tsv says which design in a # design line), checkpointed and "
		"resumable like a grid.",
		NULL, sweep_opts, N(sweep_opts) },
	[CMD_SENSITIVITY] = {
		"sensitivity", "DIR", false, ARG_DIR, NULL,
		"Sobol' indices or Morris measures of a sweep over a design",
		sensitivity_usage,
		"Read DIR/sweep.tsv of a sweep over a sobol or morris design and write "
		"DIR/sensitivity.tsv and its bar plot DIR/sensitivity.png (and .svg): "
		"for every outcome, every strategy (and the paired difference of two, "
		"--diff) and every factor, either the first-order index S1 (Saltelli "
		"et al. 2010) and the total index ST (Jansen 1999) with 95% "
		"percentile-bootstrap intervals (sobol), or the mean mu, mean absolute "
		"value mu* and standard deviation sigma of the elementary effects "
		"(Morris 1991, Campolongo et al. 2007; morris, from the factor ranges "
		"sweep.tsv records).  The output of a design point is its mean over "
		"the runs; more runs make it less noisy, more samples make the "
		"measures more precise.",
		NULL, sensitivity_opts, N(sensitivity_opts) },
	[CMD_FIT] = {
		"fit", "FILE", false, ARG_FILE, NULL,
		"fit scenario values to an observed cascade's time profile",
		fit_usage,
		"Fit the --param values of the scenario in FILE so that its "
		"cumulative time profile matches the observed cascade of --target: "
		"the root mean square difference of the cumulative fractions (of "
		"what was counted by the horizon) at 10, 30, 60, 120, 360, 720 "
		"minutes, 1, 2, 3, 7, 14 and 30 days, the simulated one pooled "
		"over the --runs runs (counts summed, for an event list) or their "
		"median (for a summary, whose curve is a median over cascades), "
		"minimised by GSL's Nelder-Mead simplex inside "
		"the box of the parameters.  One line on stderr per evaluation "
		"(none with --quiet).\n\n"
		"Writes DIR/fit.tsv (every evaluation), DIR/fit-curve.tsv (observed "
		"and simulated curves at the fitted point, posters and posts), "
		"DIR/fit.json (fitted values, loss, evaluations, the errors at 10 "
		"min, 1 h, 6 h, 24 h and 7 days, the command) and the plot "
		"DIR/fit.png and fit.svg (needs gnuplot).",
		"The fit is deterministic for a given seed.  SIGINT/SIGTERM stop it "
		"between evaluations (exit status 130); --resume DIR replays "
		"DIR/fit.tsv and continues.  A target file that cannot be read is an "
		"error naming the file and line (exit status 2).",
		fit_opts, N(fit_opts) },
	[CMD_DEBRIEF] = {
		"debrief", "DIR", false, ARG_DIR, NULL,
		"replay an exercise against the plan, the web guy and silence",
		debrief_usage,
		"Debrief the exercise in DIR (made by crisim exercise: DIR/exercise.json "
		"and DIR/decisions.tsv).  The trainee's decisions are replayed "
		"(responder.strategy script) and the plan, the web guy (adhoc) and "
		"silence (none) run on the same scenario with common random numbers: "
		"the exercise's own run, then N paired runs, so that the trainee sees "
		"whether the result was skill or luck.  The scenario file must be "
		"unchanged since the exercise (its fingerprint in exercise.json).\n\n"
		"Prints the comparison to stdout like compare and writes into OUT "
		"(default DIR/debrief) every file compare writes (the trainee, "
		"\"script\", is the baseline: differences there are the other response "
		"minus the trainee's), STRATEGY/exercise/ (the exercise's own run of "
		"each response, as a single run) and debrief.html: one self-contained "
		"page for a projector or a printout with the verdict, the story as a "
		"timeline with the trainee's decisions and the plan's actions, the "
		"volume and attitude curves, the outcome table with paired 95% "
		"intervals, and what the plan did at each decision.",
		"An interrupted debrief (SIGINT) keeps its finished runs in "
		"OUT/checkpoint; the same command continues it.",
		debrief_opts, N(debrief_opts) },
	[CMD_KEYS] = {
		"keys", "TABLE", true, ARG_WORDS, "scenario series summary",
		"list the scenario keys, series columns or summary fields",
		keys_usage,
		"Print a reference table from the code itself: every scenario key "
		"with its type, valid values, meaning and default (scenario, the "
		"default), every column of series.tsv (series), or every outcome of "
		"summary.json and runs.tsv (summary).  Tab-separated with a header "
		"line, or a Markdown table with --markdown (the README's tables are "
		"this output).",
		NULL, keys_opts, N(keys_opts) },
	[CMD_EXERCISE] = {
		"exercise", "FILE", false, ARG_FILE, NULL,
		"play the brand in a crisis, pausing for decisions",
		exercise_usage,
		"Run the scenario in FILE with the trainee as the brand.  The run "
		"pauses at minute 0, every --every minutes and after each tick with "
		"an event that concerns the brand (an inquiry, a media report, a "
		"revelation), and shows a dashboard: the clock, negative, neutral "
		"and positive posts per tick, the share who heard, mean attitude, "
		"the media, the team's capacity, the loudest open mentions and "
		"what happened since the last pause.  Commands (any unique prefix, "
		"any case): reply RULE TYPE [REF], holding, statement S, action K "
		"[S], capacity N, wait, finish, quit, help; an empty line goes on "
		"to the next pause.  A mistyped command is a one-line error and "
		"changes nothing.  When stdin is not a terminal the commands are "
		"read from it and the dashboard is printed without escape codes.",
		"Every decision is appended to DIR/decisions.tsv (the decisions "
		"format of the script strategy) and synced before the run goes on; "
		"DIR/exercise.json records the scenario (absolute path and content "
		"fingerprint), the --set overrides, the seed and --every.  quit, or "
		"the end of stdin, stops: crisim exercise --resume DIR replays the "
		"decisions and goes on.  At the end DIR holds the files of a single "
		"run (series.tsv, events.tsv, summary.json, manifest.json), the "
		"same bytes as crisim run FILE with --set responder.strategy=script "
		"and --set responder.script.file=DIR/decisions.tsv (and the same "
		"--set overrides and --seed).",
		exercise_opts, N(exercise_opts) },
};

const struct cli_command *cli_command(enum cmd cmd)
{
	return &commands[cmd];
}

const struct cli_exit cli_exits[] = {
	{ 0, "success" },
	{ 1, "runtime failure: out of memory, a file could not be written, "
	     "gnuplot missing or failing" },
	{ 2, "bad input or usage: unknown option, invalid scenario, unreadable "
	     "or malformed input file" },
	{ 130, "interrupted (SIGINT/SIGTERM) during an ensemble, comparison or "
	       "sweep: what finished is written, --resume DIR continues" },
};
const size_t cli_n_exits = N(cli_exits);
