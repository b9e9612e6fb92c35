/* ensemble — executes the items of a plan: on OpenMP threads, across MPI
 * ranks (built with CRISIM_MPI), with a progress bar, a clean stop on
 * SIGINT/SIGTERM and a checkpoint to resume from.
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
 * Checkpoint: DIR/checkpoint/part-NNNNNN.bin, each written atomically
 * (output_open/output_commit) and never rewritten: a part holds the items
 * finished since the previous part (written at most every 30 s, CKPT_EVERY
 * in ensemble.c, and when stopped).  Format (native byte order, not
 * portable across machines):
 *   header  char magic[8] "CRISIMCK", uint32 version 1, uint32 SUMMARY_NFIELD,
 *           uint32 SERIES_NCOL, uint32 0, uint64 plan fingerprint,
 *           uint64 items in the plan, uint64 records in this part;
 *   record  uint64 item, uint32 rows (0: no series), uint32 0,
 *           double summary[SUMMARY_NFIELD], double series[rows*SERIES_NCOL].
 * An interrupted plan always leaves a part, empty when no run had finished.
 * --resume DIR without a part is an error (exit 2), and so is a new plan
 * (no --resume) into a DIR that holds one: its parts would mix with the
 * new plan's, and deleting them silently could throw away a long job.
 * A finished plan deletes its checkpoint directory once its reports and
 * manifest are written (ensemble_checkpoint_remove); when writing them
 * fails, the finished items are saved to it (ensemble_checkpoint_save), so
 * that --resume DIR writes them without running anything again.
 */
#ifndef CRISIM_BATCH_EXEC_H
#define CRISIM_BATCH_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "batch.h"

struct exec_opts {
	int threads;          /* <= 0: as many as the machine has cores */
	bool quiet;           /* no progress bar */
	uint64_t stop_after;  /* testing aid: stop as if by SIGINT once this
	                         many runs finished in this session; 0 never */
	const char *dir;      /* output directory (holds checkpoint/); NULL:
	                         no checkpoint */
	bool resume;          /* read DIR/checkpoint first, skip its items;
	                         false: DIR must hold no checkpoint */
};

struct batch_results {
	size_t n;             /* items in the plan */
	unsigned char *done;  /* n flags */
	double *sum;          /* n × SUMMARY_NFIELD */
	double **ser;         /* n series (rows × SERIES_NCOL) or NULL */
	uint32_t *rows;
	size_t n_done;        /* items done, including resumed ones */
	size_t n_resumed;     /* items read back from the checkpoint */
	bool interrupted;     /* stopped before every item was done */
	unsigned char *in_ckpt;  /* n flags: item is in DIR/checkpoint */
	unsigned next_part;   /* number of the next checkpoint part */
};

/* Run every item of p not already done.  Returns 0 (also when
 * interrupted: see r->interrupted), 1 (runtime failure) or 2 (bad input,
 * e.g. a checkpoint of another plan) with err set.  On every rank the
 * call must be made collectively; only rank 0 holds all results after it.
 * Free r with batch_results_free in every case. */
int batch_exec(const struct batch *p, const struct exec_opts *o,
                     struct batch_results *r, char *err, size_t errlen);
void batch_results_free(struct batch_results *r);

/* Rank 0, after batch_exec returned 0: write the done items of r not
 * yet in o->dir's checkpoint as a new part (nothing without o->dir).  For
 * when the reports cannot be written.  0, or -1 with err set. */
int ensemble_checkpoint_save(const struct batch *p, const struct exec_opts *o,
                             struct batch_results *r, char *err, size_t errlen);
/* Delete o->dir's checkpoint directory: once a finished plan's reports and
 * manifest are written. */
void ensemble_checkpoint_remove(const struct exec_opts *o);

/* MPI rank and size (0 and 1 without CRISIM_MPI). */
int ensemble_rank(void);
int ensemble_ranks(void);

#endif
