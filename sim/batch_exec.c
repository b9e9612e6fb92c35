#include "batch_exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkpoint.h"
#include "engine.h"
#include "output.h"
#include "par.h"
#include "progress.h"
#include "store.h"

#define NF SUMMARY_NFIELD
#define CKPT_EVERY 30.0  /* seconds between checkpoint parts (a stop writes one too) */
#define CKPT_MAX_WAIT 3600.0  /* the longest back-off after failed parts */
#define WARN_EVERY 300.0      /* seconds between two warnings about them */

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
	free(r->failed);
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
	r->failed = calloc(n ? n : 1, 1);
	return r->done && r->sum && r->ser && r->rows && r->in_ckpt && r->failed ?
	       ST_OK : ST_NOMEM;
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
	double ckpt_wait;         /* seconds from last_ckpt to the next part */
	size_t ckpt_next_runs;    /* ... and session_done it waits for */
	unsigned ckpt_fails;      /* failed parts since the last written one */
	double last_warn;
	size_t session_done;
	int stop;                 /* stop scheduling new runs */
	char *err;
	size_t errlen;
};

static double ckpt_every(const struct exec_opts *o)
{
	return o->checkpoint_every > 0 ? o->checkpoint_every : CKPT_EVERY;
}

/* A part could not be written: warn (the first time, then at most every
 * WARN_EVERY seconds) and back off.  The k-th failure in a row waits
 * 2^k times the interval, up to CKPT_MAX_WAIT, and 2^k finished runs, so
 * a full disk costs O(log runs) attempts, not one per run. */
static void checkpoint_failed(struct exec_state *st, const char *why, bool last)
{
	struct batch_results *r = st->r;
	double t = progress_now();
	r->ckpt_failures++;
	if (st->ckpt_fails < 20)
		st->ckpt_fails++;
	double wait = ckpt_every(st->o) * (double)(1u << st->ckpt_fails);
	st->ckpt_wait = wait < CKPT_MAX_WAIT ? wait : CKPT_MAX_WAIT;
	st->ckpt_next_runs = st->session_done + ((size_t)1 << st->ckpt_fails);
	st->last_ckpt = t;
	if (!last && r->ckpt_warnings && t - st->last_warn < WARN_EVERY)
		return;
	st->last_warn = t;
	r->ckpt_warnings++;
	if (last)
		progress_warn(&st->prog, "checkpoint not written: %s; nothing to resume "
		              "from: what finished is written now", why);
	else
		progress_warn(&st->prog, "checkpoint not written: %s; the batch goes on "
		              "(its results are written at the end), next try in %.0f s",
		              why, st->ckpt_wait);
}

/* The runs finished since the last part into DIR/runs.sqlite (store.h),
 * one transaction.  A failure is a warning (once): the next part and the
 * end of the batch (runner.c) try again. */
static void store_part(struct exec_state *st)
{
	struct store *db = st->o->store;
	char e[512];
	if (!db || store_write(db, st->b, st->r, e, sizeof e) == ST_OK || db->warned)
		return;
	db->warned = true;
	progress_warn(&st->prog, "%s; tried again at the next checkpoint and at the "
	              "end", e);
}

/* Write a part with every done item not yet saved (rank 0 only); a
 * failure is a warning (checkpoint_failed).  `last`: the final part of an
 * interrupted batch, tried whatever the back-off. */
static void flush_checkpoint(struct exec_state *st, bool always, bool last)
{
	if (!st->cdir)
		return;
	char e[512];
	store_part(st);
	if (output_mkdir(st->cdir, e, sizeof e) == ST_OK &&
	    checkpoint_flush(st->cdir, st->b, st->r, always, st->scratch,
	                     e, sizeof e) == ST_OK) {
		st->last_ckpt = progress_now();
		st->ckpt_fails = 0;
		st->ckpt_wait = ckpt_every(st->o);
		st->ckpt_next_runs = 0;
		return;
	}
	checkpoint_failed(st, e, last);
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
	if (st->cdir && progress_now() - st->last_ckpt >= st->ckpt_wait &&
	    st->session_done >= st->ckpt_next_runs)
		flush_checkpoint(st, false, false);
}

/* Item i's run failed with status rc and message e: flag it, name the
 * first one in err; the other runs go on.  Under the critical section. */
static void item_failed(struct exec_state *st, size_t i, enum status rc,
                        const char *e)
{
	struct batch_results *r = st->r;
	r->failed[i] = 1;
	if (r->n_failed++ == 0) {
		r->fail_status = rc;
		if (st->b->n_variants > 1)
			snprintf(st->err, st->errlen, "run %llu of variant %zu: %s",
			         (unsigned long long)batch_item_run(st->b, i),
			         batch_item_variant(st->b, i), e);
		else
			snprintf(st->err, st->errlen, "run %llu: %s",
			         (unsigned long long)batch_item_run(st->b, i), e);
	}
	progress_tick(&st->prog);
}

/* Run item i into its slot; ST_OK or the engine's status with e set. */
static enum status run_item(const struct batch *b, struct batch_results *r, size_t i,
                            uint64_t fail_item, char *e, size_t elen)
{
	const struct batch_variant *v = &b->v[batch_item_variant(b, i)];
	struct run_result res;
	enum status st = engine_run(&v->s, &b->graphs[v->graph],
	                                         batch_item_run(b, i), &res, e, elen);
	if (st == ST_OK && fail_item == i + 1) {   /* testing aid */
		run_result_free(&res);
		snprintf(e, elen, "out of memory");
		st = ST_NOMEM;
	}
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
		enum status rc = run_item(st->b, st->r, i, st->o->fail_item, e, sizeof e);
		PAR_OMP(critical(crisim_exec))
		{
			if (rc == ST_OK)
				item_done(st, i);
			else
				item_failed(st, i, rc, e);
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
		uint64_t nf = 0;
		for (size_t j = 0; j < n_mine; j++)
			nf += r->failed[mine[j]];
		par_send_u64(&nf, 1, 0, TAG_COUNT);
		for (size_t j = 0; j < n_mine; j++)
			if (r->failed[mine[j]]) {
				uint64_t f[2] = { mine[j], (uint64_t)-(int64_t)r->fail_status };
				par_send_u64(f, 2, 0, TAG_HEAD);
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
		uint64_t nf;
		par_recv_u64(&nf, 1, src, TAG_COUNT);
		for (uint64_t k = 0; k < nf; k++) {
			uint64_t f[2];
			par_recv_u64(f, 2, src, TAG_HEAD);
			size_t i = (size_t)f[0];
			r->failed[i] = 1;
			if (r->n_failed++ == 0) {
				r->fail_status = (enum status)-(int)f[1];
				snprintf(st->err, st->errlen, "run %llu: failed on rank %d",
				         (unsigned long long)batch_item_run(st->b, i), src);
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
		rc = checkpoint_check_inputs(st->cdir, st->b, err, errlen);
		if (rc == ST_OK)
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
	/* A directory that cannot be made is the first failed part: a
	 * warning now, tried again with back-off (flush_checkpoint). */
	char e[512];
	if (rc == ST_OK && output_mkdir(st->cdir, e, sizeof e))
		checkpoint_failed(st, e, false);
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
	st.last_ckpt = progress_now();
	st.ckpt_wait = ckpt_every(o);
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
	progress_start(&st.prog, n_mine, !o->quiet && rank == 0);
	run_items(&st, mine, n_mine, par_threads(o->threads));
	progress_end(&st.prog);
	/* Interrupted means unfinished: a stop that arrives with the last run
	 * (--stop-after K with K the remaining runs, a late SIGINT) leaves
	 * nothing to resume; a failed run is not unfinished either. */
	int left = 0;
	for (size_t j = 0; j < n_mine && !left; j++)
		left = !r->done[mine[j]] && !r->failed[mine[j]];
	r->interrupted = left;

	if (size > 1) {
		par_allmax_int(&left, 1);
		enum status g = gather(&st, mine, n_mine, rank, size);
		if (g && rc == ST_OK) {
			snprintf(err, errlen, "out of memory");
			rc = g;
		}
		r->interrupted = left != 0;
	}
	/* A finished batch keeps its checkpoint until its reports are written:
	 * batch_checkpoint_remove.  With a failed run, what finished is kept
	 * for --resume, which runs the failed items again. */
	if (rc == ST_OK && st.cdir && (r->interrupted || r->n_failed))
		flush_checkpoint(&st, true, true);
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
		rc = checkpoint_flush(cdir, b, r, false, scratch, err, errlen);
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
