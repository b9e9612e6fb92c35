/* status — the one result type of every layer below the CLI.
 *
 * Functions that can fail return an enum status (0 on success) and write a
 * one-line message into a caller's buffer; they never exit and never print.
 * Only the CLI turns a status into an exit code (cli_exit_code in cli.h):
 *   ST_OK 0; ST_NOMEM, ST_RUNTIME 1 (runtime failure); ST_BADINPUT, ST_IO 2
 *   (bad input or usage, an input that cannot be read); ST_INTERRUPTED 130.
 */
#ifndef CRISIM_STATUS_H
#define CRISIM_STATUS_H

enum status {
	ST_OK = 0,
	ST_NOMEM = -1,        /* out of memory */
	ST_BADINPUT = -2,     /* an input or a usage that is wrong */
	ST_IO = -3,           /* an input file that cannot be opened or read */
	ST_RUNTIME = -4,      /* any other runtime failure: an output that
	                         cannot be written, gnuplot failing */
	ST_INTERRUPTED = -5   /* stopped by SIGINT/SIGTERM (or --stop-after)
	                         with what had finished written */
};

#endif
