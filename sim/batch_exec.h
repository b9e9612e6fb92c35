/* batch_exec — executes the items of a batch (batch.h): on OpenMP threads,
 * across MPI ranks (built with CRISIM_MPI; both behind par.h), with a
 * progress bar, a clean stop on SIGINT/SIGTERM and a checkpoint to resume
 * from (checkpoint.h: format, checks, parts).
 *
 * Invariants:
 *   - item i's result lands in its own preallocated slot (sum + i*NF,
 *     ser[i]); nothing is reduced during the parallel loop, so results do
 *     not depend on the number of threads or ranks;
 *   - done[i] is set (under a critical section) only after the slot is
 *     complete; a checkpoint holds only done items;
 *   - with MPI, rank r computes every R-th pending item; results are sent
 *     to rank 0, which alone writes files.
 *
 * Checkpoints: a part is written at most every 30 s (CKPT_EVERY in
 * batch_exec.c) with the items finished since the previous one, and when
 * stopped or when a run failed; a part that cannot be written is a warning
 * with back-off (batch_exec), never a reason to lose the batch.  An interrupted batch always leaves a part, empty when no run
 * had finished.  --resume DIR without a part is an error (ST_BADINPUT), and
 * so is a new batch (no --resume) into a DIR that holds one: its parts
 * would mix with the new batch's, and deleting them silently could throw
 * away a long job.  A finished batch deletes its checkpoint directory once
 * its reports and manifest are written (batch_checkpoint_remove); when
 * writing them fails, the finished items are saved to it
 * (batch_checkpoint_save), so that --resume DIR writes them without running
 * anything again.
 */
#ifndef CRISIM_BATCH_EXEC_H
#define CRISIM_BATCH_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "batch.h"
#include "status.h"

struct store;

struct exec_opts {
	int threads;          /* <= 0: as many as the machine has cores */
	bool quiet;           /* no progress bar */
	uint64_t stop_after;  /* testing aid: stop as if by SIGINT once this
	                         many runs finished in this session; 0 never */
	const char *dir;      /* output directory (holds checkpoint/); NULL:
	                         no checkpoint */
	bool resume;          /* read DIR/checkpoint first, skip its items;
	                         false: DIR must hold no checkpoint */
	double checkpoint_every;  /* seconds between parts; 0: CKPT_EVERY (30) */
	uint64_t fail_item;   /* testing aid: item fail_item - 1 fails as if out
	                         of memory; 0 never */
	const char *board;    /* compare: --board A,B, the trainer board's
	                         pair (report.h); NULL: the default */
	uint64_t stop_in_report;  /* testing aid: stop as if by SIGINT at the
	                             K-th step of writing the reports (runner.h);
	                             0 never */
	struct store *store;  /* DIR/runs.sqlite, written with every checkpoint
	                         part (store.h; set by runner_batch); NULL none */
	bool no_preamble;     /* reports: tables without their # lines */
	bool csv;             /* reports: .csv tables instead of .tsv */
	struct batch_results *keep;  /* runner_batch: a finished batch's
	                                results are moved here (the caller
	                                frees them) instead of freed; NULL:
	                                freed */
};

/* What the items of a batch produced, slot i for item i. */
struct batch_results {
	size_t n;             /* items in the batch */
	unsigned char *done;  /* n flags */
	double *sum;          /* n × SUMMARY_NFIELD */
	double **ser;         /* n series (rows × SERIES_NCOL) or NULL */
	uint32_t *rows;
	size_t n_done;        /* items done, including resumed ones */
	size_t n_resumed;     /* items read back from the checkpoint */
	bool interrupted;     /* stopped before every item was done */
	unsigned char *in_ckpt;  /* n flags: item is in DIR/checkpoint */
	unsigned next_part;   /* number of the next checkpoint part */
	unsigned char *failed;   /* n flags: the item's run failed */
	size_t n_failed;
	enum status fail_status; /* the first failed run's status */
	unsigned ckpt_failures;  /* checkpoint parts that could not be written */
	unsigned ckpt_warnings;  /* warnings printed about them */
};

/* Zeroed slots for n items.  ST_OK or ST_NOMEM; free with
 * batch_results_free in every case. */
enum status batch_results_init(struct batch_results *r, size_t n);
void batch_results_free(struct batch_results *r);

/* Run every item of b not already done.  Returns ST_OK (also when
 * interrupted: see r->interrupted; and when runs failed: see r->failed,
 * with err naming the first failed run), ST_NOMEM / ST_RUNTIME, or
 * ST_BADINPUT (e.g. a checkpoint of another batch, a corrupt part) with err
 * set.  A run that fails (out of memory) does not stop the others: its
 * item is flagged, the batch goes on, and the checkpoint keeps every
 * finished item so that --resume runs the failed ones again.  A checkpoint
 * part that cannot be written (disk full, a file where DIR/checkpoint
 * should be) is a warning, not a failure: the next attempt waits twice as
 * long (in seconds and in finished runs) as the previous one, up to an
 * hour, and the warning is repeated at most every 5 minutes.  On every rank the call must be made
 * collectively; only rank 0 holds all results after it.  Free r with
 * batch_results_free in every case. */
enum status batch_exec(const struct batch *b, const struct exec_opts *o,
                       struct batch_results *r, char *err, size_t errlen);

/* Rank 0, after batch_exec returned ST_OK: write the done items of r not
 * yet in o->dir's checkpoint as a new part (nothing without o->dir).  For
 * when the reports cannot be written.  ST_OK, or a failure with err set. */
enum status batch_checkpoint_save(const struct batch *b, const struct exec_opts *o,
                                  struct batch_results *r, char *err, size_t errlen);
/* Delete o->dir's checkpoint directory: once a finished batch's reports and
 * manifest are written. */
void batch_checkpoint_remove(const struct exec_opts *o);

#endif
