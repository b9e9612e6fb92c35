/* commands — one function per sub-command, gluing the modules together.
 * Each returns an exit code (cli.h) and prints its one-line error itself,
 * as "crisim: ..." on stderr. */
#ifndef CRISIM_COMMANDS_H
#define CRISIM_COMMANDS_H

#include "cli.h"

int cmd_run(const struct request *rq);
int cmd_validate(const struct request *rq);
int cmd_graph(const struct request *rq);
int cmd_plot(const struct request *rq);
int cmd_keys(const struct request *rq);
int cmd_compare(const struct request *rq);
int cmd_sweep(const struct request *rq);
int cmd_sensitivity(const struct request *rq);
int cmd_exercise(const struct request *rq);
int cmd_fit(const struct request *rq);
int cmd_debrief(const struct request *rq);

#endif
