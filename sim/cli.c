#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const cmd_names[CMD_COUNT] = {
	"", "run", "validate", "graph", "plot"
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
"  plot DIR        draw the plots of a run's output with gnuplot\n"
"\n"
"options:\n"
"  -h, --help      this text; `crisim COMMAND --help` for a command\n"
"  --version       print the version\n"
"\n"
"Exit status: 0 ok, 1 runtime failure, 2 bad input or usage.\n";

static const char help_run[] =
"usage: crisim run FILE [-o DIR|-] [--seed N] [--set PATH=VALUE]... [--quiet]\n"
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
"  -q, --quiet          print nothing on success\n"
"\n"
"The same scenario and seed give byte-identical series.tsv.\n";

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
"SVG plots next to it.  Needs gnuplot (Debian: gnuplot-nox); exit status 1\n"
"when it is missing.  Scripts are looked up in $CRISIM_SCRIPTS, then in\n"
"scripts/ next to the crisim binary, then in ../share/crisim/scripts.\n";

void cli_help(FILE *f, enum cmd cmd)
{
	static const char *const texts[CMD_COUNT] = {
		overview, help_run, help_validate, help_graph, help_plot
	};
	fputs(texts[cmd], f);
}

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
	if (!rq->sets) {
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

		bool takes = strcmp(name, "-o") == 0 || strcmp(name, "--out") == 0 ||
		             strcmp(name, "--seed") == 0 || strcmp(name, "--set") == 0 ||
		             strcmp(name, "--network-spec") == 0;
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
		else if (strcmp(name, "-o") == 0 || strcmp(name, "--out") == 0)
			rq->out = val;
		else if (strcmp(name, "--set") == 0 && rq->cmd != CMD_PLOT)
			rq->sets[rq->n_sets++] = val;
		else if (strcmp(name, "--seed") == 0 &&
		         (rq->cmd == CMD_RUN || rq->cmd == CMD_VALIDATE)) {
			if (parse_seed(val, &rq->seed)) {
				snprintf(err, errlen, "--seed: expected an integer in "
				         "[0, 2^64), got '%s'", val);
				goto usage;
			}
			rq->have_seed = true;
		} else if ((strcmp(name, "-q") == 0 || strcmp(name, "--quiet") == 0) &&
		           rq->cmd == CMD_RUN)
			rq->quiet = true;
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
	rq->sets = NULL;
	rq->n_sets = 0;
}
