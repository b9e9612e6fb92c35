/* fit_internal — what fit.c (parameters, simulation, the search) and
 * fit_files.c (its files) share; nothing else includes it. */
#ifndef CRISIM_FIT_INTERNAL_H
#define CRISIM_FIT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "fit.h"
#include "fit_target.h"
#include "graph.h"
#include "status.h"

#define FIT_MAX_PARAMS 16
#define FIT_SIZE_TOL 1e-3
#define FIT_STEP 1.0
/* What the simplex is told of a point it may not have (over budget,
 * stopping): far worse than any loss (<= 1), so it moves away. */
#define FIT_REFUSED 1e30

struct param {
	char *path;
	double lo, hi, start;
};

struct eval {
	double loss;
	double x[FIT_MAX_PARAMS];
	size_t used;          /* runs with a post by H */
};

/* Mean simulated fractions at the target's grid, both quantities. */
struct curves {
	double f[2][FIT_GRID_N];   /* [FIT_POSTERS], [FIT_POSTS] */
	size_t used[2];
};

struct fit {
	const struct fit_opts *o;
	struct param p[FIT_MAX_PARAMS];
	size_t k;
	bool rebuild;             /* a parameter of the network: a graph a point */
	struct graph g;
	bool have_graph;
	struct fit_target tgt;
	char *canon;              /* the "# fit:" line: what makes two fits one */
	struct eval *ev;          /* evaluations, in order */
	size_t n_ev, cap_ev;
	struct eval *cached;      /* fit.tsv's rows (--resume) */
	size_t n_cached;
	unsigned long *cached_line;
	bool stop;
	const char *why;          /* why the search stopped */
	enum status st;
	bool interactive;         /* progress on a terminal: one redrawn line */
	char *err;
	size_t errlen;
};

/* fit.tsv: every evaluation so far, rewritten atomically after each. */
enum status fit_write_tsv(struct fit *F);
/* fit.tsv of an earlier session of this fit (its "# fit:" line must be
 * F->canon) into F->cached, F->cached_line. */
enum status fit_read_tsv(struct fit *F);
/* fit-curve.tsv: observed and simulated curves at the fitted point. */
enum status fit_write_curve(struct fit *F, const struct curves *cv);
/* fit.json: the fitted values, the loss, the errors, the command. */
enum status fit_write_json(struct fit *F, const struct eval *best,
                           const struct curves *cv);

#endif
