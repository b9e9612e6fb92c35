#include "batch_exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkpoint.h"
#include "engine.h"
#include "output.h"
#include "par.h"
#include "progress.h"

#define NF SUMMARY_NFIELD
#define CKPT_EVERY 30.0  /* seconds between checkpoint parts (a stop writes one too) */

void batch_results_free(struct batch_results *r)
{
	if (r->ser)
		for (size_t i = 0; i < r->n; i++)
			free(r->ser[i]);
	free(r->ser);
	free(r->sum);
	free(r->done);
	free(r->rows);
	free(r->in_ckpt);
	memset(r, 0, sizeof *r);
}

enum status batch_results_init(struct batch_results *r, size_t n)
{
	memset(r, 0, sizeof *r);
	r->n = n;
	r->done = calloc(n ? n : 1, 1);
	r->sum = calloc(n ? n * NF : 1, sizeof *r->sum);
	r->ser = calloc(n ? n : 1, sizeof *r->ser);
	r->rows = calloc(n ? n : 1, sizeof *r->rows);
	r->in_ckpt = calloc(n ? n : 1, 1);
	return r->done && r->sum && r->ser && r->rows && r->in_ckpt ? ST_OK : ST_NOMEM;
}

/* State shared by the threads; touched only inside the critical section
 * (or atomically for `stop`). */
struct exec_state {
	const struct batch *b;
	const struct exec_opts *o;
	struct batch_results *r;
	struct progress prog;
	size_t *scratch;          /* item list for a part */
	char *cdir;               /* NULL: no checkpointing on this rank */
	double last_ckpt;
	size_t session_done;
	int stop;                 /* stop scheduling new runs */
	enum status failed;       /* the first failure */
	char *err;
	size_t errlen;
};

/* Write a part with every done item not yet saved (rank 0 only). */
static enum status flush_checkpoint(struct exec_state *st, bool always)
{
	if (!st->cdir)
		return ST_OK;
	char e[512];
	enum status s = checkpoint_flush(st->cdir, st->b->fingerprint, st->r, always,
	                                 st->scratch, e, sizeof e);
	if (s) {
		snprintf(st->err, st->errlen, "%s", e);
		return s;
	}
	st->last_ckpt = progress_now();
	return ST_OK;
}

/* After item i's slot is filled: bookkeeping, under the critical section. */
static void item_done(struct exec_state *st, size_t i)
{
	st->r->done[i] = 1;
	st->r->n_done++;
	st->session_done++;
	progress_tick(&st->prog);
	if (st->o->stop_after && st->session_done >= st->o->stop_after)
		progress_request_stop();
	if (progress_stop_requested())
		st->stop = 1;
	if (st->cdir && progress_now() - st->last_ckpt >= CKPT_EVERY && !st->failed) {
		enum status s = flush_checkpoint(st, false);
		if (s)
			st->failed = s;
	}
}

/* Run item i into its slot; ST_OK or the engine's status with e set. */
static enum status run_item(const struct batch *b, struct batch_results *r, size_t i,
                            char *e, size_t elen)
{
	const struct batch_variant *v = &b->v[batch_item_variant(b, i)];
	struct run_result res;
	enum status st = engine_run(&v->s, &b->graphs[v->graph],
	                                         batch_item_run(b, i), &res, e, elen);
	if (st)
		return st;
	memcpy(r->sum + i * NF, res.summary.v, sizeof res.summary.v);
	if (b->keep_series) {
		r->rows[i] = res.series.rows;
		r->ser[i] = res.series.v;   /* take ownership */
		res.series.v = NULL;
	}
	run_result_free(&res);
	return ST_OK;
}

/* The parallel item loop: dynamic scheduling, one item at a time, so that
 * a stop is honoured within one run per thread. */
static void run_items(struct exec_state *st, const size_t *mine, size_t n_mine,
                      int threads)
{
	long n = (long)n_mine;
	(void)threads;   /* read by the directive only: unused in a serial build */
	PAR_OMP(parallel for schedule(dynamic, 1) num_threads(threads))
	for (long j = 0; j < n; j++) {
		int stop;
		PAR_OMP(atomic read)
		stop = st->stop;
		if (stop)
			continue;
		size_t i = mine[j];
		char e[512];
		enum status rc = run_item(st->b, st->r, i, e, sizeof e);
		PAR_OMP(critical(crisim_exec))
		{
			if (rc == ST_OK) {
				item_done(st, i);
			} else if (!st->failed) {
				st->failed = rc;
				snprintf(st->err, st->errlen, "run %llu: %s",
				         (unsigned long long)batch_item_run(st->b, i), e);
				st->stop = 1;
			}
		}
	}
}

/* Tags of the messages of mpi_gather. */
enum { TAG_COUNT = 1, TAG_HEAD, TAG_SUM, TAG_SER };

/* Send this rank's new results to rank 0, or receive them there (only
 * called with more than one rank). */
static enum status gather(struct exec_state *st, const size_t *mine, size_t n_mine,
                          int rank, int size)
{
	struct batch_results *r = st->r;
	if (rank != 0) {
		uint64_t count = 0;
		for (size_t j = 0; j < n_mine; j++)
			count += r->done[mine[j]];
		par_send_u64(&count, 1, 0, TAG_COUNT);
		for (size_t j = 0; j < n_mine; j++) {
			size_t i = mine[j];
			if (!r->done[i])
				continue;
			uint64_t hdr[2] = { i, r->ser[i] ? r->rows[i] : 0 };
			par_send_u64(hdr, 2, 0, TAG_HEAD);
			par_send_f64(r->sum + i * NF, NF, 0, TAG_SUM);
			if (hdr[1])
				par_send_f64(r->ser[i], (size_t)hdr[1] * SERIES_NCOL, 0, TAG_SER);
		}
		return ST_OK;
	}
	enum status rc = ST_OK;
	for (int src = 1; src < size; src++) {
		uint64_t count;
		par_recv_u64(&count, 1, src, TAG_COUNT);
		for (uint64_t k = 0; k < count; k++) {
			uint64_t hdr[2];
			par_recv_u64(hdr, 2, src, TAG_HEAD);
			size_t i = (size_t)hdr[0];
			par_recv_f64(r->sum + i * NF, NF, src, TAG_SUM);
			double *ser = NULL;
			if (hdr[1]) {
				size_t len = (size_t)hdr[1] * SERIES_NCOL;
				ser = malloc(len * sizeof *ser);
				double dummy;
				/* Without memory the receive of 0 values is truncated,
				 * which MPI reports (and by default aborts on). */
				par_recv_f64(ser ? ser : &dummy, ser ? len : 0, src, TAG_SER);
				if (!ser)
					rc = ST_NOMEM;
			}
			r->ser[i] = ser;
			r->rows[i] = (uint32_t)hdr[1];
			if (!r->done[i]) {
				r->done[i] = 1;
				r->n_done++;
			}
		}
	}
	return rc;
}

/* Rank 0 with a directory: read the checkpoint to resume, or make sure
 * there is none to mix with; then create the directory for parts. */
static enum status prepare_checkpoint(struct exec_state *st, char *err, size_t errlen)
{
	const struct exec_opts *o = st->o;
	struct batch_results *r = st->r;
	enum status rc = ST_OK;
	if (!(st->cdir = checkpoint_dir(o->dir))) {
		snprintf(err, errlen, "out of memory");
		return ST_NOMEM;
	}
	if (o->resume) {
		rc = checkpoint_read(st->cdir, st->b->fingerprint, r, &r->next_part, err,
		                     errlen);
		memcpy(r->in_ckpt, r->done, r->n);
		if (rc == ST_OK && r->next_part == 0) {
			snprintf(err, errlen, "%s: no checkpoint to resume "
			         "(finished, or never started)", o->dir);
			rc = ST_BADINPUT;
		}
	} else if (checkpoint_exists(st->cdir)) {
		/* Its parts would be mixed with this batch's, which restart
		 * at part 0; and deleting them could throw away hours. */
		snprintf(err, errlen, "%s: holds the checkpoint of an interrupted "
		         "batch: continue it with --resume %s, or delete %s to "
		         "start again", o->dir, o->dir, st->cdir);
		rc = ST_BADINPUT;
	}
	if (rc == ST_OK && output_mkdir(st->cdir, err, errlen))
		rc = ST_RUNTIME;
	return rc;
}

/* Whether the OpenMP runtime will get its team of n threads: it would
 * exit the process itself otherwise, without a crisim message. */
static enum status check_threads(int n, char *err, size_t errlen)
{
	int e = par_threads_probe(n);
	if (!e)
		return ST_OK;
	snprintf(err, errlen, "--threads %d: the system cannot create %d threads "
	         "(%s); give fewer", n, n, strerror(e));
	return ST_RUNTIME;
}

/* The statuses are negative: the worst across ranks is the minimum, taken
 * as the maximum of the negation. */
static enum status worst_status(enum status st)
{
	int v = -(int)st;
	par_allmax_int(&v, 1);
	return (enum status)-v;
}

enum status batch_exec(const struct batch *b, const struct exec_opts *o,
                       struct batch_results *r, char *err, size_t errlen)
{
	int rank = par_rank(), size = par_ranks();
	struct exec_state st;
	memset(&st, 0, sizeof st);
	st.b = b;
	st.o = o;
	st.r = r;
	st.err = err;
	st.errlen = errlen;
	size_t *mine = NULL;
	enum status rc = ST_OK;
	size_t n = batch_items(b);

	if (batch_results_init(r, n) ||
	    !(st.scratch = malloc((n ? n : 1) * sizeof *st.scratch)) ||
	    !(mine = malloc((n ? n : 1) * sizeof *mine))) {
		snprintf(err, errlen, "out of memory");
		rc = ST_NOMEM;
	}
	if (rc == ST_OK)
		rc = check_threads(par_threads(o->threads), err, errlen);
	if (rc == ST_OK && rank == 0 && o->dir)
		rc = prepare_checkpoint(&st, err, errlen);
	if (size > 1) {
		enum status any = worst_status(rc);
		if (any) {
			if (rc == ST_OK)
				snprintf(err, errlen, "failed on rank 0");
			rc = any;
			goto out;
		}
		par_bcast_bytes(r->done, n, 0);
	}
	if (rc)
		goto out;

	/* This rank's share: every size-th pending item, in item order. */
	size_t n_pending = 0, n_mine = 0;
	for (size_t i = 0; i < n; i++)
		if (!r->done[i] && n_pending++ % (size_t)size == (size_t)rank)
			mine[n_mine++] = i;
	st.last_ckpt = progress_now();
	progress_start(&st.prog, n_mine, !o->quiet && rank == 0);
	run_items(&st, mine, n_mine, par_threads(o->threads));
	progress_end(&st.prog);
	rc = st.failed;
	/* Interrupted means unfinished: a stop that arrives with the last run
	 * (--stop-after K with K the remaining runs, a late SIGINT) leaves
	 * nothing to resume. */
	int left = 0;
	for (size_t j = 0; j < n_mine && !left; j++)
		left = !r->done[mine[j]];
	r->interrupted = left;

	if (size > 1) {
		int flags[2] = { -(int)rc, left };
		par_allmax_int(flags, 2);
		enum status g = gather(&st, mine, n_mine, rank, size);
		if (g && rc == ST_OK) {
			snprintf(err, errlen, "out of memory");
			rc = g;
		}
		if (flags[0] && rc == ST_OK) {
			snprintf(err, errlen, "a run failed on another rank");
			rc = (enum status)-flags[0];
		}
		r->interrupted = flags[1] != 0;
	}
	/* A finished batch keeps its checkpoint until its reports are written:
	 * batch_checkpoint_remove. */
	if (rc == ST_OK && st.cdir && r->interrupted)
		rc = flush_checkpoint(&st, true);
out:
	free(mine);
	free(st.scratch);
	free(st.cdir);
	return rc;
}

enum status batch_checkpoint_save(const struct batch *b, const struct exec_opts *o,
                                  struct batch_results *r, char *err, size_t errlen)
{
	if (!o->dir || !r->done)
		return ST_OK;
	char *cdir = checkpoint_dir(o->dir);
	size_t *scratch = malloc((r->n ? r->n : 1) * sizeof *scratch);
	enum status rc = ST_NOMEM;
	if (!cdir || !scratch)
		snprintf(err, errlen, "out of memory");
	else if (output_mkdir(cdir, err, errlen))
		rc = ST_RUNTIME;
	else
		rc = checkpoint_flush(cdir, b->fingerprint, r, false, scratch, err, errlen);
	free(scratch);
	free(cdir);
	return rc;
}

void batch_checkpoint_remove(const struct exec_opts *o)
{
	char *cdir = o->dir ? checkpoint_dir(o->dir) : NULL;
	if (cdir)
		checkpoint_remove(cdir);
	free(cdir);
}
