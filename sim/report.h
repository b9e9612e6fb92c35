/* report — the tables of ensembles, comparisons and sweeps, computed from
 * a batch's results (always in run-index order, whatever executed them,
 * so the files do not depend on threads or ranks) and written through
 * sim/output (atomic files).  Every writer returns ST_OK, ST_NOMEM,
 * ST_RUNTIME when a file cannot be written, with err set, or
 * ST_INTERRUPTED when a stop was requested (struct report_opts).
 *
 * Layouts (documented in README.md, "Ensembles, comparisons and sweeps"):
 *   runs.tsv      run, seed, then every SUMMARY_FIELDS outcome; one row per
 *                 finished run, in run order;
 *   ensemble.tsv  wide: tick, minutes, then for every SERIES_COLUMNS metric
 *                 M: M_mean M_sd M_q05 M_q25 M_q50 M_q75 M_q95;
 *   summary.json  per outcome: n, excluded_nan, mean, sd, median, q05, q95,
 *                 ci95 (t on the mean);
 *   compare.tsv   long: one row per outcome × strategy; differences are
 *                 strategy minus the first strategy, paired by run index;
 *   board.tsv     key/value: the trainer board's pair, run and why;
 *   sweep.tsv     one row per grid point × strategy: the grid values, then
 *                 per outcome O: O_mean O_sd O_ci_lo O_ci_hi O_n.
 */
#ifndef CRISIM_REPORT_H
#define CRISIM_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "batch.h"
#include "batch_exec.h"
#include "series.h"
#include "status.h"

/* The --summary line: header, and one row (run, seed, outcomes). */
void report_summary_header(FILE *f);
void report_summary_row(FILE *f, uint64_t run, uint64_t seed, const double *sum);

/* How the reports run.  The statistics of a long series take a while
 * (tens of seconds), so every writer checks the stop flag (progress.h)
 * before each file, each row it writes and each tick it reduces: once a
 * stop is requested it abandons the file it was writing (output_abort:
 * never half-written) and returns ST_INTERRUPTED; the files it finished
 * stay.  The checks before files and rows are counted, in a fixed order,
 * for the testing aid stop_at. */
struct report_opts {
	int threads;        /* for the per-tick statistics; <= 0: all cores */
	uint64_t stop_at;   /* testing aid: request the stop at this counted
	                       check (1 = before the first file); 0 never */
	uint64_t checks;    /* counted checks so far */
	unsigned stop_base; /* progress_stop_count() when the reports began:
	                       only a newer request stops them (the reports of
	                       an interrupted batch are written) */
	bool no_preamble;   /* runs, ensemble, compare, sweep tables without
	                       their leading # lines (--no-preamble) */
	bool csv;           /* ... as NAME.csv, RFC 4180, no # lines (--format
	                       csv) instead of NAME.tsv */
};

/* Count a check and say whether to stop (see struct report_opts). */
bool report_stop(struct report_opts *ro);

/* runs.tsv, summary.json and (when the batch keeps series) ensemble.tsv
 * of variant v into dir.  ST_INTERRUPTED when stopped (see above). */
enum status report_ensemble(const char *dir, const struct batch *b,
                            const struct batch_results *r, size_t v,
                            struct report_opts *ro, char *err, size_t errlen);

enum report_format { FORMAT_TABLE, FORMAT_TSV, FORMAT_JSON, FORMAT_CSV };

/* compare.tsv (or .csv) and compare.json into dir (point 0 of the batch),
 * and the chosen format to `out` (FORMAT_TSV without # lines with
 * ro->no_preamble; FORMAT_CSV the CSV table). */
enum status report_compare(const char *dir, const struct batch *b,
                           const struct batch_results *r, enum report_format fmt,
                           FILE *out, struct report_opts *ro, char *err,
                           size_t errlen);

/* The trainer board of a comparison: the two strategies it sets side by
 * side (indices into b->strats) and the run index whose stories it draws.
 * By default the pair is the first two strategies after the baseline when
 * there are three or more, else the first two; the run is the finished
 * run whose baseline damage is closest to the median baseline damage over
 * the finished runs (type 7, as in summary.json), ties to the lowest run
 * index, so the board shows a typical incident, not run 0 by accident. */
struct report_board {
	size_t a, b;
	uint64_t run;
	double damage;     /* the baseline's damage in that run */
	double median;     /* the baseline's median damage */
	size_t n;          /* the baseline's finished runs behind the median */
};

/* Choose the board (pair "A,B" of strategy names, NULL: the default; names
 * that are not strategies fall back to the default) and write board.tsv
 * into dir: key/value rows saying which pair, which run and why.
 * ST_OK, ST_NOMEM, ST_RUNTIME, ST_INTERRUPTED. */
enum status report_board(const char *dir, const struct batch *b,
                         const struct batch_results *r, const char *pair,
                         struct report_board *out, struct report_opts *ro,
                         char *err, size_t errlen);

/* sweep.tsv into dir. */
enum status report_sweep(const char *dir, const struct batch *b,
                         const struct batch_results *r, struct report_opts *ro,
                         char *err, size_t errlen);

#endif
