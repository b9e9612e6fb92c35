#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const cmd_names[CMD_COUNT] = {
	"", "run", "validate", "graph", "plot", "compare", "sweep", "keys"
};

static const char overview[] =
"usage: crisim COMMAND [OPTIONS]\n"
"\n"
"Simulate information spread and online brand crises on a social graph.\n"
"\n"
"commands:\n"
"  run FILE        run a scenario and write its time series and summary\n"
"  validate FILE   check a scenario and print it with every default filled in\n"
"  graph FILE      build a network and print its statistics\n"
"  compare FILE    run strategies on the same random numbers and compare\n"
"  sweep FILE      run a grid of parameter values (and strategies)\n"
"  plot DIR        draw the plots of a run's output with gnuplot\n"
"  keys [TABLE]    list the scenario keys, series columns or summary fields\n"
"\n"
"options:\n"
"  -h, --help      this text; `crisim COMMAND --help` for a command\n"
"  --version       print the version\n"
"\n"
"Exit status: 0 ok, 1 runtime failure, 2 bad input or usage, 130\n"
"interrupted (SIGINT/SIGTERM; finished runs are kept, see --resume).\n";

static const char help_run[] =
"usage: crisim run FILE [-o DIR|-] [--seed N] [--set PATH=VALUE]... [--quiet]\n"
"       crisim run FILE --run K [...]          run index K alone\n"
"       crisim run FILE --summary [--summary-header] [--run K] [...]\n"
"       crisim run FILE --runs N [--threads T] [--resume DIR] [-o DIR] [...]\n"
"\n"
"Run the scenario in FILE (\"-\" reads it from stdin).\n"
"\n"
"  -o, --out DIR        write series.tsv, events.tsv, summary.json and\n"
"                       manifest.json into DIR (created if needed); \"-\" writes\n"
"                       the series to stdout.  Default: output.dir of the\n"
"                       scenario, else out/NAME.\n"
"  --seed N             use seed N instead of the scenario's seed\n"
"  --set PATH=VALUE     override a scenario value by its JSON path, e.g.\n"
"                       --set network.nodes=5000 --set responder.strategy=none\n"
"                       (repeatable; VALUE is JSON, or else a string)\n"
"  -q, --quiet          print nothing on success, no progress bar\n"
"  --run K              use run index K (random streams of (seed, K)): the\n"
"                       same as row K of an ensemble's runs.tsv\n"
"  --summary            write no files; print one TSV line of outcomes\n"
"                       (run, seed, outcomes) to stdout\n"
"  --summary-header     print the header of that line (alone: without running)\n"
"  --runs N             an ensemble of runs 0..N-1: writes runs.tsv,\n"
"                       ensemble.tsv, summary.json and manifest.json into DIR\n"
"  --threads T          OpenMP threads (default: all cores); results do not\n"
"                       depend on T\n"
"  --resume DIR         continue an interrupted ensemble in DIR (give the same\n"
"                       FILE and options); finished runs are not redone\n"
"  --stop-after K       testing aid: stop like SIGINT after K runs\n"
"\n"
"The same scenario and seed give byte-identical series.tsv.  A progress bar\n"
"is drawn on stderr when it is a terminal.  SIGINT/SIGTERM stop an\n"
"ensemble cleanly: finished runs are written, manifest.json says\n"
"\"interrupted\": true, exit status 130.\n";

static const char help_compare[] =
"usage: crisim compare FILE --strategies A,B[,C...] --runs N [-o DIR]\n"
"                      [--format table|tsv|json] [--threads T] [--resume DIR]\n"
"                      [--seed N] [--set PATH=VALUE]... [--quiet]\n"
"\n"
"Run every strategy on the same graph, population, incident and dynamics\n"
"draws for each run index (common random numbers) and compare outcomes:\n"
"each strategy's mean with a 95% t interval, the paired difference of\n"
"each strategy minus the first with a 95% paired-t interval, and the share\n"
"of runs where it did better (the direction of better is one table: see\n"
"README.md).  Prints the comparison to stdout (--format,\n"
"default table) and writes DIR/compare.tsv, DIR/compare.json,\n"
"DIR/STRATEGY/{runs.tsv,ensemble.tsv,summary.json}, DIR/STRATEGY/run-0/ (run\n"
"0 as a single run, for the trainer board) and DIR/manifest.json.\n"
"Other options as for run --runs.\n";

static const char help_keys[] =
"usage: crisim keys [scenario|series|summary] [--markdown]\n"
"\n"
"Print a reference table from the code itself: every scenario key with its\n"
"type, valid values, meaning and default (scenario, the default), every\n"
"column of series.tsv (series), or every outcome of summary.json and\n"
"runs.tsv (summary).  Tab-separated with a header line, or a Markdown table\n"
"with --markdown (the README's tables are this output).\n";

static const char help_sweep[] =
"usage: crisim sweep FILE --grid PATH=V1,V2,...|PATH=a:b:step [--grid ...]...\n"
"                    [--grid-file GRID.json] --runs N [--strategies A,B...]\n"
"                    [-o DIR] [--threads T] [--resume DIR] [--set PATH=VALUE]...\n"
"\n"
"Run N runs at every point of the cartesian product of the grids (and for\n"
"every strategy) and write DIR/sweep.tsv: one row per point and strategy\n"
"with the parameter values as columns and, per outcome, mean, sd, 95% t\n"
"interval and the number of runs without NaN.  GRID.json is an object\n"
"{\"PATH\": [V1, V2, ...] or \"a:b:step\", ...}.  Other options as for\n"
"run --runs.\n";

static const char help_validate[] =
"usage: crisim validate FILE [--set PATH=VALUE]... [--seed N]\n"
"\n"
"Check the scenario in FILE (\"-\" reads stdin) and print it as JSON with every\n"
"default filled in.  Runs nothing.  Exit status 2 and a message naming the\n"
"file and JSON path when the scenario is invalid.\n";

static const char help_graph[] =
"usage: crisim graph FILE [--directed] [--set PATH=VALUE]... [-o EDGES]\n"
"       crisim graph --network-spec JSON [-o EDGES]\n"
"\n"
"Build a network and print its statistics: nodes, arcs, mean degree, <k^2>,\n"
"maximum degree, reciprocity, clustering (estimated on a sample of 2000\n"
"agents), largest weakly connected component and the SIR threshold\n"
"<k>/(<k^2>-<k>).\n"
"\n"
"  FILE                 a scenario (*.json): its network; otherwise an edge\n"
"                       list (two ids per line, # comments)\n"
"  --directed           the edge list is directed (arc u v: v sees u's posts)\n"
"  --network-spec JSON  a network object, e.g.\n"
"                       '{\"model\":\"erdos_renyi\",\"nodes\":1000,\"mean_degree\":4}'\n"
"  -o, --out EDGES      also write the graph as an edge list (\"-\": stdout)\n";

static const char help_plot[] =
"usage: crisim plot DIR\n"
"\n"
"Run the gnuplot scripts on the output in DIR and write PNG (pngcairo) and\n"
"SVG plots next to it: series.tsv (a run) -> series.*; ensemble.tsv ->\n"
"ensemble.*; compare.tsv -> compare.*, compare-diff.*, board.png (the\n"
"trainer board); sweep.tsv -> sweep.*.  Needs gnuplot (Debian: gnuplot-nox); exit status 1\n"
"when it is missing.  Scripts are looked up in $CRISIM_SCRIPTS, then in\n"
"scripts/ next to the crisim binary, then in ../share/crisim/scripts.\n";

void cli_help(FILE *f, enum cmd cmd)
{
	static const char *const texts[CMD_COUNT] = {
		overview, help_run, help_validate, help_graph, help_plot,
		help_compare, help_sweep, help_keys
	};
	fputs(texts[cmd], f);
}

/* 2^53 - 1: the largest seed a scenario file can hold exactly. */
#define SEED_CLI_MAX 9007199254740991ULL

/* Parse a decimal seed in [0, 2^64). */
static int parse_seed(const char *s, uint64_t *out)
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

int cli_parse(int argc, char **argv, struct request *rq, char *err, size_t errlen)
{
	memset(rq, 0, sizeof *rq);
	rq->argc = argc;
	rq->argv = argv;
	if (argc < 2) {
		snprintf(err, errlen, "no command given (try crisim --help)");
		return EXIT_USAGE;
	}
	int i = 1;
	const char *a = argv[1];
	if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0 || strcmp(a, "help") == 0) {
		rq->help = true;
		return 0;
	}
	if (strcmp(a, "--version") == 0) {
		rq->version = true;
		return 0;
	}
	for (int c = 1; c < CMD_COUNT; c++)
		if (strcmp(a, cmd_names[c]) == 0)
			rq->cmd = (enum cmd)c;
	if (rq->cmd == CMD_NONE) {
		snprintf(err, errlen, "unknown command '%s' (try crisim --help)", a);
		return EXIT_USAGE;
	}
	rq->sets = calloc((size_t)argc, sizeof *rq->sets);
	rq->grids = calloc((size_t)argc, sizeof *rq->grids);
	if (!rq->sets || !rq->grids) {
		free(rq->sets);
		free(rq->grids);
		snprintf(err, errlen, "out of memory");
		return EXIT_RUNTIME;
	}

	for (i = 2; i < argc; i++) {
		a = argv[i];
		/* --opt=value or --opt value */
		const char *val = NULL;
		char name[32] = "";
		if (a[0] == '-' && a[1] == '-' && a[2]) {
			const char *eq = strchr(a, '=');
			size_t len = eq ? (size_t)(eq - a) : strlen(a);
			if (len >= sizeof name)
				len = sizeof name - 1;
			memcpy(name, a, len);
			name[len] = '\0';
			if (eq)
				val = eq + 1;
		} else if (a[0] == '-' && a[1] && a[1] != '-' && !a[2]) {
			snprintf(name, sizeof name, "%s", a);
		} else {
			if (rq->file) {
				snprintf(err, errlen, "%s: unexpected argument '%s'",
				         cmd_names[rq->cmd], a);
				goto usage;
			}
			rq->file = a;
			continue;
		}

		static const char *const valued[] = {
			"-o", "--out", "--seed", "--set", "--network-spec", "--runs",
			"--threads", "--run", "--strategies", "--grid", "--grid-file",
			"--format", "--resume", "--stop-after"
		};
		bool takes = false;
		for (size_t k = 0; k < sizeof valued / sizeof *valued; k++)
			takes |= strcmp(name, valued[k]) == 0;
		bool plan_cmd = rq->cmd == CMD_RUN || rq->cmd == CMD_COMPARE ||
		                rq->cmd == CMD_SWEEP;
		bool multi = rq->cmd == CMD_COMPARE || rq->cmd == CMD_SWEEP;
		uint64_t num = 0;
		if (takes && !val) {
			if (i + 1 >= argc) {
				snprintf(err, errlen, "%s: option %s needs a value",
				         cmd_names[rq->cmd], name);
				goto usage;
			}
			val = argv[++i];
		} else if (!takes && val) {
			snprintf(err, errlen, "%s: option %s takes no value",
			         cmd_names[rq->cmd], name);
			goto usage;
		}

		if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0)
			rq->help = true;
		else if ((strcmp(name, "-o") == 0 || strcmp(name, "--out") == 0) &&
		         (plan_cmd || rq->cmd == CMD_GRAPH))
			rq->out = val;
		else if (strcmp(name, "--set") == 0 && rq->cmd != CMD_PLOT &&
		         rq->cmd != CMD_KEYS)
			rq->sets[rq->n_sets++] = val;
		else if (strcmp(name, "--seed") == 0 &&
		         (plan_cmd || rq->cmd == CMD_VALIDATE)) {
			/* The scenario's own bound: larger seeds are not exact in
			 * the JSON of the manifest, so the run could not be redone. */
			if (parse_seed(val, &rq->seed) || rq->seed > SEED_CLI_MAX) {
				snprintf(err, errlen, "--seed: expected an integer in "
				         "[0, 2^53-1], got '%s'", val);
				goto usage;
			}
			rq->have_seed = true;
		} else if ((strcmp(name, "-q") == 0 || strcmp(name, "--quiet") == 0) &&
		           plan_cmd)
			rq->quiet = true;
		else if (plan_cmd && (strcmp(name, "--runs") == 0 ||
		                      strcmp(name, "--threads") == 0 ||
		                      strcmp(name, "--stop-after") == 0 ||
		                      (strcmp(name, "--run") == 0 && rq->cmd == CMD_RUN))) {
			bool is_run = strcmp(name, "--run") == 0;
			if (parse_seed(val, &num) || (!is_run && num == 0) ||
			    (strcmp(name, "--threads") == 0 && num > 4096) ||
			    (strcmp(name, "--runs") == 0 && num > 100000000)) {
				snprintf(err, errlen, "%s: expected a%s integer%s, got '%s'",
				         name, is_run ? " non-negative" : " positive",
				         strcmp(name, "--threads") == 0 ? " <= 4096" :
				         strcmp(name, "--runs") == 0 ? " <= 10^8" : "", val);
				goto usage;
			}
			if (is_run) {
				rq->have_run = true;
				rq->run = num;
			} else if (strcmp(name, "--runs") == 0) {
				rq->runs = num;
			} else if (strcmp(name, "--threads") == 0) {
				rq->threads = (int)num;
			} else {
				rq->stop_after = num;
			}
		} else if (rq->cmd == CMD_RUN && strcmp(name, "--summary") == 0)
			rq->summary = true;
		else if (rq->cmd == CMD_RUN && strcmp(name, "--summary-header") == 0)
			rq->summary_header = true;
		else if (multi && strcmp(name, "--strategies") == 0)
			rq->strategies = val;
		else if (rq->cmd == CMD_SWEEP && strcmp(name, "--grid") == 0)
			rq->grids[rq->n_grids++] = val;
		else if (rq->cmd == CMD_SWEEP && strcmp(name, "--grid-file") == 0)
			rq->grid_file = val;
		else if (plan_cmd && strcmp(name, "--resume") == 0)
			rq->resume = val;
		else if (rq->cmd == CMD_COMPARE && strcmp(name, "--format") == 0) {
			if (strcmp(val, "table") == 0)
				rq->format = CLI_FORMAT_TABLE;
			else if (strcmp(val, "tsv") == 0)
				rq->format = CLI_FORMAT_TSV;
			else if (strcmp(val, "json") == 0)
				rq->format = CLI_FORMAT_JSON;
			else {
				snprintf(err, errlen, "--format: expected table, tsv or json, "
				         "got '%s'", val);
				goto usage;
			}
		}
		else if (strcmp(name, "--markdown") == 0 && rq->cmd == CMD_KEYS)
			rq->markdown = true;
		else if (strcmp(name, "--directed") == 0 && rq->cmd == CMD_GRAPH)
			rq->directed = true;
		else if (strcmp(name, "--network-spec") == 0 && rq->cmd == CMD_GRAPH)
			rq->network_spec = val;
		else {
			snprintf(err, errlen, "%s: unknown option '%s' (try crisim %s --help)",
			         cmd_names[rq->cmd], name, cmd_names[rq->cmd]);
			goto usage;
		}
	}
	if (rq->help)
		return 0;
	if (rq->cmd == CMD_GRAPH && rq->network_spec && rq->file) {
		snprintf(err, errlen, "graph: give FILE or --network-spec, not both");
		goto usage;
	}
	if (rq->cmd == CMD_RUN) {
		const char *clash = NULL;
		if (rq->runs && rq->have_run)
			clash = "--runs and --run";
		else if (rq->runs && (rq->summary || rq->summary_header))
			clash = "--runs and --summary";
		else if ((rq->resume || rq->stop_after) && !rq->runs)
			clash = "--resume or --stop-after without --runs";
		else if (rq->runs && rq->out && strcmp(rq->out, "-") == 0)
			clash = "--runs and -o -";
		else if (rq->threads && !rq->runs)
			clash = "--threads without --runs";
		else if (rq->summary && rq->out)
			clash = "--summary (which writes no files) and -o";
		if (clash) {
			snprintf(err, errlen, "run: %s cannot be combined", clash);
			goto usage;
		}
	}
	if ((rq->cmd == CMD_COMPARE || rq->cmd == CMD_SWEEP) && rq->out &&
	    strcmp(rq->out, "-") == 0) {
		snprintf(err, errlen, "%s: -o - is not possible: it writes a directory "
		         "(use --format for stdout)", cmd_names[rq->cmd]);
		goto usage;
	}
	if (rq->resume && rq->out && strcmp(rq->resume, rq->out) != 0) {
		snprintf(err, errlen, "%s: --resume DIR is the output directory; "
		         "-o names another", cmd_names[rq->cmd]);
		goto usage;
	}
	if (rq->cmd == CMD_COMPARE && !rq->strategies) {
		snprintf(err, errlen, "compare: missing --strategies A,B (try crisim "
		         "compare --help)");
		goto usage;
	}
	if (rq->cmd == CMD_SWEEP && !rq->n_grids && !rq->grid_file) {
		snprintf(err, errlen, "sweep: missing --grid PATH=V1,V2,... or "
		         "--grid-file (try crisim sweep --help)");
		goto usage;
	}
	if ((rq->cmd == CMD_COMPARE || rq->cmd == CMD_SWEEP) && !rq->runs) {
		snprintf(err, errlen, "%s: missing --runs N", cmd_names[rq->cmd]);
		goto usage;
	}
	if (rq->cmd == CMD_KEYS) {
		if (!rq->file)
			rq->file = "scenario";
		if (strcmp(rq->file, "scenario") && strcmp(rq->file, "series") &&
		    strcmp(rq->file, "summary")) {
			snprintf(err, errlen, "keys: expected scenario, series or "
			         "summary, got '%s'", rq->file);
			goto usage;
		}
		return 0;
	}
	if (!rq->file && !(rq->cmd == CMD_GRAPH && rq->network_spec)) {
		snprintf(err, errlen, "%s: missing %s (try crisim %s --help)",
		         cmd_names[rq->cmd], rq->cmd == CMD_PLOT ? "DIR" : "FILE",
		         cmd_names[rq->cmd]);
		goto usage;
	}
	return 0;

usage:
	cli_free(rq);
	return EXIT_USAGE;
}

void cli_free(struct request *rq)
{
	free(rq->sets);
	free(rq->grids);
	rq->sets = NULL;
	rq->grids = NULL;
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
