/* batch — what an ensemble, a comparison or a sweep will run.
 *
 * A batch is a list of variants (the scenario with a grid point and a
 * strategy applied through the loader's --set mechanism) times a number of
 * runs.  Items are run-major: item i is (variant i % n_variants, run index
 * i / n_variants), so a batch stopped part-way has every variant at nearly
 * the same number of runs.  Run index k uses the random streams (seed,
 * purpose, k) whichever thread or rank computes it, in whatever order, so
 * every variant of a run index shares graph, population, incident and
 * dynamics draws (common random numbers).
 *
 * Variant v is point v / n_strats, strategy v % n_strats; the last grid
 * axis varies fastest.  A sampling design (design.h) is not a product: its
 * point p takes value p of every axis (batch_axis_pos).  Graphs are built once: one for the whole batch, or
 * one per grid point when the grid touches "network..." or "seed".  They
 * are read-only afterwards and shared by all threads.  Every input file
 * (the scenario, a grid file) is read through textfile_read; every input
 * file, edge lists included, is fingerprinted by content (batch_input).
 *
 * Executed by batch_exec.h, reported by report.h, driven by runner.h.
 */
#ifndef CRISIM_BATCH_H
#define CRISIM_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "design.h"
#include "graph.h"
#include "scenario.h"
#include "scenario_grid.h"
#include "status.h"

enum batch_kind { BATCH_ENSEMBLE, BATCH_COMPARE, BATCH_SWEEP };

struct batch_variant {
	struct scenario s;
	size_t graph;        /* index into batch.graphs */
	size_t point, strat;
};

/* A file the batch was built from, by content: the batch's fingerprint
 * covers every input's hash, and a checkpoint records them
 * (DIR/checkpoint/inputs.tsv), so that --resume refuses a batch whose
 * input changed since the interruption and names the file. */
struct batch_input {
	char *path;       /* as given, "<stdin>", or the resolved edge list */
	uint64_t hash;    /* FNV-1a 64 of the bytes (checkpoint_hash_file) */
};

struct batch {
	enum batch_kind kind;
	uint64_t runs;             /* runs per variant */
	size_t n_axes;
	struct grid_axis *axes;    /* the grid file's first, then --grid's */
	size_t n_file_axes;        /* how many come from the grid file */
	size_t n_points;           /* product of the axes' sizes (1 without);
	                              a design's number of points */
	enum design_kind design;   /* DESIGN_NONE: the axes are a grid */
	char *design_file;         /* DESIGN_FILE: the points file */
	size_t n_strats;
	char **strats;             /* NULL entry: the scenario's own strategy */
	char **strat_dirs;         /* subdirectory names, unique */
	size_t n_variants;
	struct batch_variant *v;
	size_t n_graphs;
	struct graph *graphs;
	bool keep_series;          /* items keep their series (ensemble.tsv) */
	/* What the batch was built from (copies), to name a variant as a
	 * single run: crisim run FILE [--set ...] [--seed N] */
	char *grid_file;           /* NULL without one */
	char *file;
	size_t n_sets;
	char **sets;
	bool have_seed;
	uint64_t seed;
	size_t n_inputs;           /* the scenario, the grid file, the edge
	                              lists of the variants (each once), in
	                              that order */
	struct batch_input *inputs;
	uint64_t fingerprint;      /* FNV-1a of kind, runs, the item order,
	                              every resolved variant and every input's
	                              content hash: checkpoints must match it
	                              (checkpoint.h) */
};

struct batch_request {
	enum batch_kind kind;
	const char *file;          /* scenario; "-" = stdin */
	const char *const *sets;   /* --set PATH=VALUE applied to every variant */
	size_t n_sets;
	bool have_seed;
	uint64_t seed;
	const char *const *grids;  /* --grid PATH=V1,V2,... or PATH=a:b:step */
	size_t n_grids;
	const char *grid_file;     /* JSON object {"PATH": [V...] | "a:b:step"} */
	const char *strategies;    /* "a,b,c"; NULL: the scenario's strategy */
	uint64_t runs;
	/* A sampling design instead of the grid (NULL: none).  Its seed is
	 * the --seed above when given, else the scenario's. */
	const struct design_spec *design;
};

/* Build a batch: read the grid and the scenario, resolve and check every
 * variant, build the graphs; rq's strings are copied.  Returns ST_OK, or
 * ST_BADINPUT / ST_IO / ST_NOMEM with a one-line message in err naming the
 * source of the fault: the scenario file, `--set`, `--grid PATH`, the grid
 * file and its key, or `--strategies`.  On failure *b is freed. */
enum status batch_build(struct batch *b, const struct batch_request *rq,
                        char *err, size_t errlen);
void batch_free(struct batch *b);

/* The value index of axis a at grid point `point`: the last axis varies
 * fastest; in a design the index is the point. */
static inline size_t batch_axis_pos(const struct batch *b, size_t point, size_t a)
{
	if (b->design != DESIGN_NONE)
		return point;
	for (size_t k = b->n_axes; --k > a;)
		point /= b->axes[k].n;
	return point % b->axes[a].n;
}

static inline size_t batch_items(const struct batch *b)
{
	return b->n_variants * (size_t)b->runs;
}

/* The item of variant v and run index k, and back. */
static inline size_t batch_item(const struct batch *b, size_t v, uint64_t k)
{
	return (size_t)k * b->n_variants + v;
}
static inline size_t batch_item_variant(const struct batch *b, size_t i)
{
	return i % b->n_variants;
}
static inline uint64_t batch_item_run(const struct batch *b, size_t i)
{
	return (uint64_t)(i / b->n_variants);
}

#endif
