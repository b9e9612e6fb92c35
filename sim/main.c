/* crisim — sub-command dispatch. */
#include <stdio.h>
#include <gsl/gsl_errno.h>

#include "cli.h"
#include "commands.h"

int main(int argc, char **argv)
{
	/* GSL's default handler aborts; every GSL call's status is checked. */
	gsl_set_error_handler_off();

	struct request rq;
	char err[512];
	int rc = cli_parse(argc, argv, &rq, err, sizeof err);
	if (rc) {
		fprintf(stderr, "crisim: %s\n", err);
		return rc;
	}
	if (rq.version) {
		printf("crisim %s\n", CRISIM_VERSION);
		return EXIT_OK;
	}
	if (rq.help) {
		cli_help(stdout, rq.cmd);
		cli_free(&rq);
		return fflush(stdout) ? EXIT_RUNTIME : EXIT_OK;
	}
	switch (rq.cmd) {
	case CMD_RUN:      rc = cmd_run(&rq); break;
	case CMD_VALIDATE: rc = cmd_validate(&rq); break;
	case CMD_GRAPH:    rc = cmd_graph(&rq); break;
	case CMD_PLOT:     rc = cmd_plot(&rq); break;
	default:           rc = EXIT_USAGE; break;
	}
	cli_free(&rq);
	return rc;
}
