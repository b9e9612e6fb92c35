/* crisim — sub-command dispatch. */
#include <stdbool.h>
#include <stdio.h>
#include <gsl/gsl_errno.h>

#include "cli.h"
#include "commands.h"
#include "par.h"

/* Under MPI every rank parses the command line; batches (run --runs,
 * compare, sweep) spread over the ranks, everything else runs on rank 0. */
static int dispatch(const struct request *rq)
{
	bool batch = rq->cmd == CMD_COMPARE || rq->cmd == CMD_SWEEP ||
	             rq->cmd == CMD_DEBRIEF || (rq->cmd == CMD_RUN && rq->runs);
	if (!batch && par_rank() != 0)
		return EXIT_OK;
	switch (rq->cmd) {
	case CMD_RUN:      return cmd_run(rq);
	case CMD_VALIDATE: return cmd_validate(rq);
	case CMD_GRAPH:    return cmd_graph(rq);
	case CMD_PLOT:     return cmd_plot(rq);
	case CMD_COMPARE:  return cmd_compare(rq);
	case CMD_SWEEP:    return cmd_sweep(rq);
	case CMD_KEYS:     return cmd_keys(rq);
	case CMD_SENSITIVITY: return cmd_sensitivity(rq);
	case CMD_EXERCISE: return cmd_exercise(rq);
	case CMD_FIT:      return cmd_fit(rq);
	case CMD_DEBRIEF:  return cmd_debrief(rq);
	default:           return EXIT_USAGE;
	}
}

static int crisim_main(int argc, char **argv)
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
	rc = dispatch(&rq);
	cli_free(&rq);
	return rc;
}

int main(int argc, char **argv)
{
	if (par_init(&argc, &argv) != 0) {
		fprintf(stderr, "crisim: MPI_Init failed\n");
		return EXIT_RUNTIME;
	}
	int rc = crisim_main(argc, argv);
	par_finalize();
	return rc;
}
