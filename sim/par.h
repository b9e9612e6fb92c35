/* par — the one place that knows how crisim runs in parallel: OpenMP
 * threads within a process, MPI ranks across processes (built with
 * CRISIM_MPI).  Every other file uses these functions and macros instead of
 * `#ifdef _OPENMP` / `#ifdef CRISIM_MPI`, so each builds and behaves the
 * same serially (no OpenMP: one thread; no MPI: rank 0 of 1).
 *
 * Header-only and free of any crisim type, so that any room (the batch
 * executor, the reports, graph construction) can use it.
 *
 * Invariants the callers rely on:
 *   - par_rank() < par_ranks(); without MPI, or before par_init, they are
 *     0 and 1;
 *   - only the thread that called par_init calls MPI (MPI_THREAD_FUNNELED):
 *     the par_send_* / par_recv_* / par_all* functions must not be called
 *     from inside a parallel region;
 *   - the PAR_OMP(...) directives expand to nothing without OpenMP, so the
 *     code they annotate must be correct run serially.
 */
#ifndef CRISIM_PAR_H
#define CRISIM_PAR_H

#include <stddef.h>
#include <stdint.h>

#ifdef _OPENMP
#include <errno.h>
#include <omp.h>
#include <pthread.h>
#include <stdlib.h>
#endif
#ifdef CRISIM_MPI
#include <mpi.h>
#endif

/* ---- OpenMP ---- */

/* PAR_OMP(parallel for schedule(static)) is `#pragma omp parallel for
 * schedule(static)` with OpenMP and nothing without it (no
 * -Wunknown-pragmas in a serial build). */
#ifdef _OPENMP
#define PAR_OMP(...) _Pragma(PAR_STR_(omp __VA_ARGS__))
#define PAR_STR_(...) #__VA_ARGS__
#else
#define PAR_OMP(...)
#endif

/* The thread count to use for a request of `want` (<= 0: one per core);
 * always 1 without OpenMP. */
static inline int par_threads(int want)
{
#ifdef _OPENMP
	return want > 0 ? want : omp_get_num_procs();
#else
	(void)want;
	return 1;
#endif
}

/* The most threads a request may ask for (--threads): above it a usage
 * error, before the runtime is asked for them. */
#define PAR_MAX_THREADS 1024
#define PAR_MAX_THREADS_TEXT "1024"

#ifdef _OPENMP
/* par_threads_probe's helpers: each thread waits for the go of the thread
 * that created it, so that all of them exist at once. */
static inline void *par_probe_wait_(void *gate)
{
	pthread_rwlock_rdlock(gate);
	pthread_rwlock_unlock(gate);
	return NULL;
}
#endif

/* Whether n threads (the caller and n - 1 more) can exist at once: the
 * OpenMP runtime exits the process on its own ("Thread creation failed")
 * when it cannot create a team, so a team of n is tried first with plain
 * threads of the default attributes (the runtime's, unless OMP_STACKSIZE
 * says otherwise).  0, or the errno of the failing creation.  Always 0
 * without OpenMP (one thread).  Cost: n thread creations. */
static inline int par_threads_probe(int n)
{
#ifdef _OPENMP
	if (n <= 1)
		return 0;
	pthread_t *t = malloc((size_t)n * sizeof *t);
	if (!t)
		return ENOMEM;
	pthread_rwlock_t gate;
	if (pthread_rwlock_init(&gate, NULL) != 0) {
		free(t);
		return EAGAIN;
	}
	pthread_rwlock_wrlock(&gate);
	int made = 0, rc = 0;
	while (made < n - 1 && !(rc = pthread_create(&t[made], NULL, par_probe_wait_,
	                                              &gate)))
		made++;
	pthread_rwlock_unlock(&gate);
	for (int i = 0; i < made; i++)
		pthread_join(t[i], NULL);
	pthread_rwlock_destroy(&gate);
	free(t);
	return rc;
#else
	(void)n;
	return 0;
#endif
}

/* Inside a parallel region: this thread's number and the team's size
 * (0 and 1 outside one, or without OpenMP). */
static inline int par_thread_num(void)
{
#ifdef _OPENMP
	return omp_get_thread_num();
#else
	return 0;
#endif
}

static inline int par_num_threads(void)
{
#ifdef _OPENMP
	return omp_get_num_threads();
#else
	return 1;
#endif
}

/* ---- MPI ---- */

/* Start MPI (a no-op without it); 0, or -1 when MPI cannot start.  Call
 * once, from main, before anything else. */
static inline int par_init(int *argc, char ***argv)
{
#ifdef CRISIM_MPI
	/* OpenMP threads never call MPI: only the main thread does. */
	int provided;
	return MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) ==
	       MPI_SUCCESS ? 0 : -1;
#else
	(void)argc;
	(void)argv;
	return 0;
#endif
}

static inline void par_finalize(void)
{
#ifdef CRISIM_MPI
	MPI_Finalize();
#endif
}

/* This process's rank and the number of ranks (0 and 1 without MPI or
 * before par_init). */
static inline int par_rank(void)
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

static inline int par_ranks(void)
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

/* Element-wise maximum of v[0..n) over all ranks, in place on every rank.
 * A no-op on one rank. */
static inline void par_allmax_int(int *v, int n)
{
#ifdef CRISIM_MPI
	if (par_ranks() > 1)
		MPI_Allreduce(MPI_IN_PLACE, v, n, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
#else
	(void)v;
	(void)n;
#endif
}

/* Rank `root`'s n bytes at buf to every rank.  A no-op on one rank. */
static inline void par_bcast_bytes(void *buf, size_t n, int root)
{
#ifdef CRISIM_MPI
	if (par_ranks() > 1 && n)
		MPI_Bcast(buf, (int)n, MPI_UNSIGNED_CHAR, root, MPI_COMM_WORLD);
#else
	(void)buf;
	(void)n;
	(void)root;
#endif
}

/* Point-to-point messages of uint64 and double arrays, matched by (rank,
 * tag).  Only meaningful with par_ranks() > 1: without MPI they are never
 * called (there is no other rank) and do nothing.  n must fit in an int. */
static inline void par_send_u64(const uint64_t *v, size_t n, int dest, int tag)
{
#ifdef CRISIM_MPI
	MPI_Send(v, (int)n, MPI_UINT64_T, dest, tag, MPI_COMM_WORLD);
#else
	(void)v; (void)n; (void)dest; (void)tag;
#endif
}

static inline void par_recv_u64(uint64_t *v, size_t n, int src, int tag)
{
#ifdef CRISIM_MPI
	MPI_Recv(v, (int)n, MPI_UINT64_T, src, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
#else
	(void)v; (void)n; (void)src; (void)tag;
#endif
}

static inline void par_send_f64(const double *v, size_t n, int dest, int tag)
{
#ifdef CRISIM_MPI
	MPI_Send(v, (int)n, MPI_DOUBLE, dest, tag, MPI_COMM_WORLD);
#else
	(void)v; (void)n; (void)dest; (void)tag;
#endif
}

static inline void par_recv_f64(double *v, size_t n, int src, int tag)
{
#ifdef CRISIM_MPI
	MPI_Recv(v, (int)n, MPI_DOUBLE, src, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
#else
	(void)v; (void)n; (void)src; (void)tag;
#endif
}

#endif
