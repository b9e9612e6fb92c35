#include "ensemble.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef _OPENMP
#include <omp.h>
#endif
#ifdef CRISIM_MPI
#include <mpi.h>
#endif

#include "engine.h"
#include "output.h"
#include "progress.h"

#define NF SUMMARY_NFIELD
#define CKPT_MAGIC "CRISIMCK"
#define CKPT_VERSION 1u
#define CKPT_EVERY 30.0  /* seconds between checkpoint parts (a stop writes one too) */

int ensemble_rank(void)
{
#ifdef CRISIM_MPI
	int init = 0, r = 0;
	MPI_Initialized(&init);
	if (init)
		MPI_Comm_rank(MPI_COMM_WORLD, &r);
	return r;
#else
	return 0;
#endif
}

int ensemble_ranks(void)
{
#ifdef CRISIM_MPI
	int init = 0, n = 1;
	MPI_Initialized(&init);
	if (init)
		MPI_Comm_size(MPI_COMM_WORLD, &n);
	return n;
#else
	return 1;
#endif
}

void results_free(struct results *r)
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

static int results_init(struct results *r, size_t n)
{
	memset(r, 0, sizeof *r);
	r->n = n;
	r->done = calloc(n ? n : 1, 1);
	r->sum = calloc(n ? n * NF : 1, sizeof *r->sum);
	r->ser = calloc(n ? n : 1, sizeof *r->ser);
	r->rows = calloc(n ? n : 1, sizeof *r->rows);
	r->in_ckpt = calloc(n ? n : 1, 1);
	return r->done && r->sum && r->ser && r->rows && r->in_ckpt ? 0 : -1;
}

/* ---- checkpoint ---- */

struct ckpt_header {
	char magic[8];
	uint32_t version, nf, ncol, pad;
	uint64_t fingerprint, items, count;
};

struct ckpt_record {
	uint64_t item;
	uint32_t rows, pad;
};

static char *ckpt_dir(const char *dir)
{
	size_t n = strlen(dir) + 16;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s/checkpoint", dir);
	return s;
}

/* Write the done items in idx[0..n) as part number `part`. */
static int ckpt_write(const char *cdir, unsigned part, const struct plan *p,
                      const struct results *r, const size_t *idx, size_t n,
                      char *err, size_t errlen)
{
	char name[32];
	snprintf(name, sizeof name, "part-%06u.bin", part);
	struct out_file o;
	if (output_open(&o, cdir, name, err, errlen))
		return -1;
	struct ckpt_header h;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, CKPT_MAGIC, 8);
	h.version = CKPT_VERSION;
	h.nf = NF;
	h.ncol = SERIES_NCOL;
	h.fingerprint = p->fingerprint;
	h.items = r->n;
	h.count = n;
	fwrite(&h, sizeof h, 1, o.f);
	for (size_t k = 0; k < n; k++) {
		size_t i = idx[k];
		struct ckpt_record rec = { i, r->ser[i] ? r->rows[i] : 0, 0 };
		fwrite(&rec, sizeof rec, 1, o.f);
		fwrite(r->sum + i * NF, sizeof(double), NF, o.f);
		if (rec.rows)
			fwrite(r->ser[i], sizeof(double), (size_t)rec.rows * SERIES_NCOL, o.f);
	}
	return output_commit(&o, err, errlen);
}

static int is_part(const char *name, unsigned *num)
{
	char tail[8];
	return sscanf(name, "part-%u.bi%1s", num, tail) == 2 && strcmp(tail, "n") == 0 &&
	       strlen(name) == 15;
}

/* Read every part in cdir into r; *next_part is one past the largest (left
 * as it is without parts, or without cdir). */
static int ckpt_read(const char *cdir, const struct plan *p, struct results *r,
                     unsigned *next_part, char *err, size_t errlen)
{
	DIR *d = opendir(cdir);
	if (!d) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		snprintf(err, errlen, "%s: cannot read: %s", cdir, strerror(errno));
		return 1;
	}
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		unsigned num;
		if (!is_part(e->d_name, &num))
			continue;
		if (num + 1 > *next_part)
			*next_part = num + 1;
		size_t plen = strlen(cdir) + strlen(e->d_name) + 2;
		char *path = malloc(plen);
		if (!path) {
			rc = 1;
			snprintf(err, errlen, "out of memory");
			break;
		}
		snprintf(path, plen, "%s/%s", cdir, e->d_name);
		FILE *f = fopen(path, "rb");
		struct ckpt_header h;
		if (!f || fread(&h, sizeof h, 1, f) != 1 ||
		    memcmp(h.magic, CKPT_MAGIC, 8) != 0 || h.version != CKPT_VERSION ||
		    h.nf != NF || h.ncol != SERIES_NCOL) {
			snprintf(err, errlen, "%s: not a crisim checkpoint of this "
			         "version", path);
			rc = 2;
		} else if (h.fingerprint != p->fingerprint || h.items != r->n) {
			snprintf(err, errlen, "%s: checkpoint of a different plan (give "
			         "the same scenario, options and --runs as the "
			         "interrupted command)", path);
			rc = 2;
		}
		for (uint64_t k = 0; rc == 0 && k < h.count; k++) {
			struct ckpt_record rec;
			if (fread(&rec, sizeof rec, 1, f) != 1 || rec.item >= r->n ||
			    rec.rows > 10000000) {
				snprintf(err, errlen, "%s: truncated or corrupt checkpoint", path);
				rc = 2;
				break;
			}
			size_t i = (size_t)rec.item;
			double *ser = NULL;
			if (rec.rows &&
			    !(ser = malloc((size_t)rec.rows * SERIES_NCOL * sizeof *ser))) {
				snprintf(err, errlen, "out of memory");
				rc = 1;
				break;
			}
			if (fread(r->sum + i * NF, sizeof(double), NF, f) != NF ||
			    (ser && fread(ser, sizeof(double), (size_t)rec.rows * SERIES_NCOL, f) !=
			            (size_t)rec.rows * SERIES_NCOL)) {
				free(ser);
				snprintf(err, errlen, "%s: truncated checkpoint", path);
				rc = 2;
				break;
			}
			free(r->ser[i]);
			r->ser[i] = ser;
			r->rows[i] = rec.rows;
			if (!r->done[i]) {
				r->done[i] = 1;
				r->n_done++;
				r->n_resumed++;
			}
		}
		if (f)
			fclose(f);
		free(path);
	}
	closedir(d);
	return rc;
}

/* Whether cdir holds a part. */
static bool ckpt_exists(const char *cdir)
{
	DIR *d = opendir(cdir);
	if (!d)
		return false;
	bool found = false;
	struct dirent *e;
	unsigned num;
	while (!found && (e = readdir(d)) != NULL)
		found = is_part(e->d_name, &num);
	closedir(d);
	return found;
}

static void ckpt_remove(const char *cdir)
{
	DIR *d = opendir(cdir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		unsigned num;
		if (!is_part(e->d_name, &num))
			continue;
		size_t plen = strlen(cdir) + strlen(e->d_name) + 2;
		char *path = malloc(plen);
		if (path) {
			snprintf(path, plen, "%s/%s", cdir, e->d_name);
			remove(path);
		}
		free(path);
	}
	closedir(d);
	rmdir(cdir);
}

/* Write a part with every done item not yet in the checkpoint; scratch
 * holds r->n indices.  Nothing to write writes nothing, unless `always`
 * and there is no part yet: an empty part then marks the plan as started
 * (interrupted before any run finished), to be resumed. */
static int ckpt_flush(const char *cdir, const struct plan *p, struct results *r,
                      bool always, size_t *scratch, char *err, size_t errlen)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->done[i] && !r->in_ckpt[i])
			scratch[n++] = i;
	if (n == 0 && !(always && r->next_part == 0))
		return 0;
	if (ckpt_write(cdir, r->next_part, p, r, scratch, n, err, errlen))
		return -1;
	r->next_part++;
	for (size_t k = 0; k < n; k++)
		r->in_ckpt[scratch[k]] = 1;
	return 0;
}

/* State shared by the threads; touched only inside the critical section
 * (or with omp atomic for `stop`). */
struct exec_state {
	const struct plan *p;
	const struct exec_opts *o;
	struct results *r;
	struct progress prog;
	size_t *scratch;          /* item list for a part */
	char *cdir;               /* NULL: no checkpointing on this rank */
	double last_ckpt;
	size_t session_done;
	int stop;                 /* stop scheduling new runs */
	int failed;               /* 0, 1 runtime, 2 bad input */
	char *err;
	size_t errlen;
};

/* Write a part with every done item not yet saved (rank 0 only). */
static int flush_checkpoint(struct exec_state *st, bool always)
{
	if (!st->cdir)
		return 0;
	char e[512];
	if (ckpt_flush(st->cdir, st->p, st->r, always, st->scratch, e, sizeof e)) {
		snprintf(st->err, st->errlen, "%s", e);
		return -1;
	}
	st->last_ckpt = progress_now();
	return 0;
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
	if (st->cdir && progress_now() - st->last_ckpt >= CKPT_EVERY &&
	    flush_checkpoint(st, false) && !st->failed)
		st->failed = 1;
}

static void run_items(struct exec_state *st, const size_t *mine, size_t n_mine,
                      int threads)
{
	const struct plan *p = st->p;
	struct results *r = st->r;
	long n = (long)n_mine;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
#else
	(void)threads;
#endif
	for (long j = 0; j < n; j++) {
		int stop;
#ifdef _OPENMP
#pragma omp atomic read
#endif
		stop = st->stop;
		if (stop)
			continue;
		size_t i = mine[j];
		const struct plan_variant *v = &p->v[plan_item_variant(p, i)];
		uint64_t run = plan_item_run(p, i);
		struct run_result res;
		char e[512];
		int rc = engine_run(&v->s, &p->graphs[v->graph], run, &res, e, sizeof e);
		if (rc == 0) {
			memcpy(r->sum + i * NF, res.summary.v, sizeof res.summary.v);
			if (p->keep_series) {
				r->rows[i] = res.series.rows;
				r->ser[i] = res.series.v;   /* take ownership */
				res.series.v = NULL;
			}
			run_result_free(&res);
		}
#ifdef _OPENMP
#pragma omp critical(crisim_exec)
#endif
		{
			if (rc == 0) {
				item_done(st, i);
			} else if (!st->failed) {
				st->failed = rc == ST_BADINPUT ? 2 : 1;
				snprintf(st->err, st->errlen, "run %llu: %s",
				         (unsigned long long)run, e);
				st->stop = 1;
			}
		}
	}
}

#ifdef CRISIM_MPI
/* Send this rank's new results to rank 0, or receive them there. */
static int mpi_gather(struct exec_state *st, const size_t *mine, size_t n_mine,
                      int rank, int size)
{
	struct results *r = st->r;
	if (rank != 0) {
		unsigned long long count = 0;
		for (size_t j = 0; j < n_mine; j++)
			count += r->done[mine[j]];
		MPI_Send(&count, 1, MPI_UNSIGNED_LONG_LONG, 0, 1, MPI_COMM_WORLD);
		for (size_t j = 0; j < n_mine; j++) {
			size_t i = mine[j];
			if (!r->done[i])
				continue;
			unsigned long long hdr[2] = { i, r->ser[i] ? r->rows[i] : 0 };
			MPI_Send(hdr, 2, MPI_UNSIGNED_LONG_LONG, 0, 2, MPI_COMM_WORLD);
			MPI_Send(r->sum + i * NF, NF, MPI_DOUBLE, 0, 3, MPI_COMM_WORLD);
			if (hdr[1])
				MPI_Send(r->ser[i], (int)(hdr[1] * SERIES_NCOL), MPI_DOUBLE, 0, 4,
				         MPI_COMM_WORLD);
		}
		return 0;
	}
	int rc = 0;
	for (int src = 1; src < size; src++) {
		unsigned long long count;
		MPI_Recv(&count, 1, MPI_UNSIGNED_LONG_LONG, src, 1, MPI_COMM_WORLD,
		         MPI_STATUS_IGNORE);
		for (unsigned long long k = 0; k < count; k++) {
			unsigned long long hdr[2];
			MPI_Recv(hdr, 2, MPI_UNSIGNED_LONG_LONG, src, 2, MPI_COMM_WORLD,
			         MPI_STATUS_IGNORE);
			size_t i = (size_t)hdr[0];
			MPI_Recv(r->sum + i * NF, NF, MPI_DOUBLE, src, 3, MPI_COMM_WORLD,
			         MPI_STATUS_IGNORE);
			double *ser = NULL;
			if (hdr[1]) {
				ser = malloc((size_t)hdr[1] * SERIES_NCOL * sizeof *ser);
				double *buf = ser;
				double dummy;
				MPI_Recv(buf ? buf : &dummy, buf ? (int)(hdr[1] * SERIES_NCOL) : 0,
				         MPI_DOUBLE, src, 4, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
				if (!ser)
					rc = 1;
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
#endif

int ensemble_execute(const struct plan *p, const struct exec_opts *o,
                     struct results *r, char *err, size_t errlen)
{
	int rank = ensemble_rank(), size = ensemble_ranks();
	struct exec_state st;
	memset(&st, 0, sizeof st);
	st.p = p;
	st.o = o;
	st.r = r;
	st.err = err;
	st.errlen = errlen;
	size_t *mine = NULL;
	int rc = 0;
	size_t n = plan_items(p);

	if (results_init(r, n) ||
	    !(st.scratch = malloc((n ? n : 1) * sizeof *st.scratch)) ||
	    !(mine = malloc((n ? n : 1) * sizeof *mine))) {
		snprintf(err, errlen, "out of memory");
		rc = 1;
	}
	if (rc == 0 && rank == 0 && o->dir) {
		if (!(st.cdir = ckpt_dir(o->dir))) {
			snprintf(err, errlen, "out of memory");
			rc = 1;
		} else if (o->resume) {
			rc = ckpt_read(st.cdir, p, r, &r->next_part, err, errlen);
			memcpy(r->in_ckpt, r->done, n);
			if (rc == 0 && r->next_part == 0) {
				snprintf(err, errlen, "%s: no checkpoint to resume "
				         "(finished, or never started)", o->dir);
				rc = 2;
			}
		} else if (ckpt_exists(st.cdir)) {
			/* Its parts would be mixed with this plan's, which restart
			 * at part 0; and deleting them could throw away hours. */
			snprintf(err, errlen, "%s: holds the checkpoint of an interrupted "
			         "plan: continue it with --resume %s, or delete %s to "
			         "start again", o->dir, o->dir, st.cdir);
			rc = 2;
		}
		if (rc == 0 && output_mkdir(st.cdir, err, errlen))
			rc = 1;
	}
#ifdef CRISIM_MPI
	if (size > 1) {
		int any;
		MPI_Allreduce(&rc, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
		if (any) {
			if (rank != 0)
				snprintf(err, errlen, "failed on rank 0");
			rc = any;
			goto out;
		}
		if (n)
			MPI_Bcast(r->done, (int)n, MPI_UNSIGNED_CHAR, 0, MPI_COMM_WORLD);
	}
#endif
	if (rc)
		goto out;

	/* This rank's share: every size-th pending item, in item order. */
	size_t n_pending = 0, n_mine = 0;
	for (size_t i = 0; i < n; i++)
		if (!r->done[i] && n_pending++ % (size_t)size == (size_t)rank)
			mine[n_mine++] = i;
	int threads = o->threads;
#ifdef _OPENMP
	if (threads <= 0)
		threads = omp_get_num_procs();
#else
	threads = 1;
#endif
	st.last_ckpt = progress_now();
	progress_start(&st.prog, n_mine, !o->quiet && rank == 0);
	run_items(&st, mine, n_mine, threads);
	progress_end(&st.prog);
	rc = st.failed;
	/* Interrupted means unfinished: a stop that arrives with the last run
	 * (--stop-after K with K the remaining runs, a late SIGINT) leaves
	 * nothing to resume. */
	int left = 0;
	for (size_t j = 0; j < n_mine && !left; j++)
		left = !r->done[mine[j]];
	r->interrupted = left;

#ifdef CRISIM_MPI
	if (size > 1) {
		int flags[2] = { rc, left }, all[2];
		MPI_Allreduce(flags, all, 2, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
		if (mpi_gather(&st, mine, n_mine, rank, size) && rc == 0) {
			snprintf(err, errlen, "out of memory");
			rc = 1;
		}
		if (all[0] && rc == 0) {
			snprintf(err, errlen, "a run failed on another rank");
			rc = all[0];
		}
		r->interrupted = all[1] != 0;
	}
#endif
	/* A finished plan keeps its checkpoint until its reports are written:
	 * ensemble_checkpoint_remove. */
	if (rc == 0 && st.cdir && r->interrupted && flush_checkpoint(&st, true))
		rc = 1;
out:
	free(mine);
	free(st.scratch);
	free(st.cdir);
	return rc;
}

int ensemble_checkpoint_save(const struct plan *p, const struct exec_opts *o,
                             struct results *r, char *err, size_t errlen)
{
	if (!o->dir || !r->done)
		return 0;
	char *cdir = ckpt_dir(o->dir);
	size_t *scratch = malloc((r->n ? r->n : 1) * sizeof *scratch);
	int rc = -1;
	if (!cdir || !scratch)
		snprintf(err, errlen, "out of memory");
	else if (output_mkdir(cdir, err, errlen) == 0)
		rc = ckpt_flush(cdir, p, r, false, scratch, err, errlen);
	free(scratch);
	free(cdir);
	return rc;
}

void ensemble_checkpoint_remove(const struct exec_opts *o)
{
	char *cdir = o->dir ? ckpt_dir(o->dir) : NULL;
	if (cdir)
		ckpt_remove(cdir);
	free(cdir);
}
