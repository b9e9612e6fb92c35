/* cli — command-line options to a request, and the --help texts.
 *
 * Parsing never exits and never prints: it fills a struct request or
 * returns CLI_USAGE with a one-line message.  --help text goes to stdout
 * (it is asked for), errors to stderr (by main).
 */
#ifndef CRISIM_CLI_H
#define CRISIM_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "status.h"

/* Exit codes: part of the interface, documented in the README. */
enum exit_code { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2, EXIT_INTERRUPTED = 130 };

/* The exit code of a status (status.h): the one place they are mapped. */
int cli_exit_code(enum status st);

enum cmd { CMD_NONE, CMD_RUN, CMD_VALIDATE, CMD_GRAPH, CMD_PLOT, CMD_COMPARE,
           CMD_SWEEP, CMD_KEYS, CMD_COUNT };

/* --format of compare's stdout (values of enum report_format). */
enum cli_format { CLI_FORMAT_TABLE, CLI_FORMAT_TSV, CLI_FORMAT_JSON };

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
	const char *network_spec;  /* graph --network-spec JSON */
	uint64_t runs;             /* --runs; 0 when absent */
	int threads;               /* --threads; 0 = all cores */
	bool have_run;             /* --run K */
	uint64_t run;
	bool summary, summary_header;
	const char *strategies;    /* --strategies a,b,c */
	const char **grids;        /* --grid PATH=..., in order; owned array */
	size_t n_grids;
	const char *grid_file;
	enum cli_format format;
	const char *resume;        /* --resume DIR */
	uint64_t stop_after;       /* --stop-after K (testing aid); 0 = never */
	int argc;                  /* the whole command line, for the manifest */
	char **argv;
};

/* 0, or EXIT_USAGE with err set.  Free with cli_free. */
int cli_parse(int argc, char **argv, struct request *rq, char *err, size_t errlen);
void cli_free(struct request *rq);

/* Help for a command (CMD_NONE: the overview). */
void cli_help(FILE *f, enum cmd cmd);

#endif
