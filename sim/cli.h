/* cli — command-line options to a request, and the --help texts.
 *
 * Every sub-command has one table of options (struct cli_option): its long
 * name, short letter, value, help text and the request field it sets.  The
 * same table drives the parser (getopt_long), `--help`, the man page and
 * the bash completion (cli_doc.h), so an option is written down once.
 *
 * Parsing never exits and never prints: it fills a struct request or
 * returns EXIT_USAGE with a one-line message naming the option.  --help
 * text goes to stdout (it is asked for), errors to stderr (by main).
 */
#ifndef CRISIM_CLI_H
#define CRISIM_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "status.h"

/* Exit codes: part of the interface, documented in the README and the
 * man page (cli_exits below). */
enum exit_code { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2,
                 EXIT_INTERRUPTED = 130 };

/* The exit code of a status (status.h): the one place they are mapped. */
int cli_exit_code(enum status st);

enum cmd { CMD_NONE, CMD_RUN, CMD_VALIDATE, CMD_GRAPH, CMD_PLOT, CMD_COMPARE,
           CMD_SWEEP, CMD_KEYS, CMD_SENSITIVITY, CMD_EXERCISE, CMD_FIT,
           CMD_DEBRIEF, CMD_COUNT };

/* --format of compare's stdout (values of enum report_format). */
enum cli_format { CLI_FORMAT_TABLE, CLI_FORMAT_TSV, CLI_FORMAT_JSON, CLI_FORMAT_CSV };

struct request {
	enum cmd cmd;
	bool help, version;
	const char *file;          /* scenario / edge list / output dir; "-" = stdin */
	const char *out;           /* -o; NULL when absent */
	const char **sets;         /* --set PATH=VALUE, in order; owned array */
	size_t n_sets;
	bool have_seed;
	uint64_t seed;
	bool quiet;
	bool directed;             /* graph: edge list is directed */
	bool markdown;             /* keys: Markdown table instead of TSV */
	bool json_schema;          /* keys: the scenario keys as a JSON Schema */
	const char *network_spec;  /* graph --network-spec JSON */
	uint64_t runs;             /* --runs; 0 when absent */
	int threads;               /* --threads; 0 = all cores */
	bool have_run;             /* --run K */
	uint64_t run;
	bool summary, summary_header;
	const char *strategies;    /* --strategies a,b,c */
	const char *board;         /* compare --board A,B; NULL: the default pair */
	const char **grids;        /* --grid PATH=..., in order; owned array */
	size_t n_grids;
	const char *grid_file;
	const char *design;        /* sweep --design lhs|sobol|morris */
	const char **factors;      /* --factor PATH=LO:HI, in order; owned array */
	size_t n_factors;
	uint64_t samples;          /* --samples; 0 when absent */
	const char *design_file;   /* --design-file points.tsv */
	const char *gexf;          /* run --gexf OUT.gexf; NULL when absent */
	const char *outcome;       /* sensitivity --outcome O */
	const char *diff;          /* sensitivity --diff A,B */
	const char *target;        /* fit --target DATA */
	const char *label;         /* fit --label L */
	const char **params;       /* fit --param PATH=LO:HI[:START]; owned array */
	size_t n_params;
	uint64_t max_evals;        /* fit --max-evals; 0 when absent */
	enum cli_format format;
	bool have_format;          /* --format given */
	bool no_preamble;          /* --no-preamble: tables without # lines */
	const char *resume;        /* --resume DIR */
	uint64_t stop_after;       /* --stop-after K (testing aid); 0 = never */
	double every;              /* exercise --every MINUTES; 0 when absent */
	int argc;                  /* the whole command line, for the manifest */
	char **argv;
};

/* 0, or EXIT_USAGE (EXIT_RUNTIME: out of memory) with err set.  argv is
 * not reordered (the manifest records it as given).  Free with cli_free. */
int cli_parse(int argc, char **argv, struct request *rq, char *err, size_t errlen);
void cli_free(struct request *rq);

/* Help for a command (CMD_NONE: the overview), from its table; written
 * in cli_doc.c with the other texts made from the tables. */
void cli_help(FILE *f, enum cmd cmd);

/* ---- the tables, for the parser, the help, the man page, completion ---- */

/* The request field an option sets; the conversion of its value (bounds,
 * words) belongs to the field. */
enum cli_field {
	F_HELP, F_VERSION, F_OUT, F_SET, F_SEED, F_QUIET, F_RUNS, F_THREADS,
	F_STOP_AFTER, F_RUN, F_SUMMARY, F_SUMMARY_HEADER, F_STRATEGIES, F_GRID,
	F_GRID_FILE, F_RESUME, F_FORMAT, F_DIRECTED, F_NETWORK_SPEC, F_MARKDOWN,
	F_BOARD, F_NO_PREAMBLE, F_JSON_SCHEMA, F_DESIGN, F_FACTOR, F_SAMPLES,
	F_DESIGN_FILE, F_OUTCOME, F_DIFF, F_GEXF, F_EVERY, F_TARGET, F_LABEL, F_PARAM, F_MAX_EVALS
};

/* What an option's value (or a command's operand) is, for completion. */
enum cli_arg {
	ARG_NONE,   /* a flag: no value */
	ARG_TEXT,   /* a number or free text: nothing to offer */
	ARG_FILE,   /* a file name */
	ARG_DIR,    /* a directory name */
	ARG_KEY,    /* PATH=VALUE with PATH a scenario key (crisim keys) */
	ARG_WORDS   /* one of the words in `words` */
};

struct cli_option {
	const char *name;      /* long name, without the leading "--" */
	char letter;           /* short option; 0: none */
	const char *value;     /* name of the value in help ("DIR"); NULL: a flag */
	enum cli_arg arg;
	const char *words;     /* ARG_WORDS: the choices, space-separated */
	enum cli_field field;
	const char *help;      /* one paragraph; wrapped when printed */
};

struct cli_command {
	const char *name;           /* "run"; "crisim" for the overview */
	const char *operand;        /* "FILE", "DIR", "TABLE"; NULL: none */
	bool operand_optional;
	enum cli_arg operand_arg;
	const char *operand_words;  /* ARG_WORDS: the choices */
	const char *summary;        /* one line: the overview, the man page */
	const char *const *usage;   /* synopsis lines after "crisim ", NULL-ended */
	const char *about;          /* paragraphs separated by "\n\n" */
	const char *notes;          /* paragraphs after the options; may be NULL */
	const struct cli_option *opts;
	size_t n_opts;
};

/* The table of a command; CMD_NONE: crisim itself (the global options). */
const struct cli_command *cli_command(enum cmd cmd);

/* The exit statuses, for the overview and the man page. */
struct cli_exit {
	int code;
	const char *meaning;
};
extern const struct cli_exit cli_exits[];
extern const size_t cli_n_exits;

#endif
