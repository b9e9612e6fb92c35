/* fit_target — the observed cascade `crisim fit` aims at, read from a file
 * and reduced to cumulative fractions on a fixed grid of times.
 *
 * Two formats, told apart by their header line:
 *   - a list of events (SEISMIC's `tweet` data set): a header whose first
 *     column is `relative_time_second`, then one event per line, its first
 *     column the seconds since the original post (>= 0; other columns are
 *     ignored).  One cascade.  SEISMIC lists one row per resharing account,
 *     so it is compared with the onsets of distinct posters (FIT_POSTERS).
 *   - a cascade summary (twitter15_cascades_summary.tsv): a header with a
 *     `label` column and the columns cum_10min ... cum_43200min (cumulative
 *     events at those minutes), one cascade per line; only the cascades of
 *     one label are used.  Its events are all posts, repeats included
 *     (FIT_POSTS).
 *
 * The grid is FIT_GRID_MINUTES, the times of the summary's columns (2 to
 * 3 points per decade from 10 minutes to 30 days), for both formats so that
 * losses are comparable.  The horizon H normalises: the observed fraction
 * at t is N(t) / N(H).  H is the largest grid time not beyond the run's
 * length (a summary), or the run's length, but no later than the first grid
 * time at or after the last event (an event list is taken to be complete
 * up to there).  A summary is reduced to the median over its cascades of
 * each one's fraction N_c(t) / N_c(H), with the quartiles: every cascade
 * counts the same whatever its size, and the quartiles are the spread of
 * real cascades that `make validate` uses as its tolerance.
 */
#ifndef CRISIM_FIT_TARGET_H
#define CRISIM_FIT_TARGET_H

#include <stddef.h>

#include "status.h"

/* What a simulated run is compared by. */
enum fit_quantity {
	FIT_POSTERS,  /* first posts of distinct agents (series new_posters) */
	FIT_POSTS     /* all posts, every tone (posts_neg + posts_neu + posts_pos) */
};

#define FIT_GRID_N 12
extern const double fit_grid_minutes[FIT_GRID_N];

struct fit_target {
	enum fit_quantity quantity;
	double horizon;            /* H, minutes */
	size_t n;                  /* grid points t < H used: t[0..n) */
	double t[FIT_GRID_N];      /* minutes */
	double f[FIT_GRID_N];      /* observed fraction at t (median) */
	double q25[FIT_GRID_N];    /* quartiles over cascades; NaN for one */
	double q75[FIT_GRID_N];
	size_t cascades;           /* cascades used (1 for an event list) */
	size_t events;             /* events at or before H, all cascades */
	size_t skipped;            /* summary cascades without an event by H */
};

/* Read path as an event list or a summary (label: the cascades to use;
 * required for a summary, refused for an event list) for a run of
 * `run_minutes` since the incident.  ST_OK; ST_IO (unreadable file);
 * ST_BADINPUT with "FILE: line L: expected ..., got ..." (or no usable
 * event before the horizon, an unknown label); ST_NOMEM. */
enum status fit_target_read(const char *path, const char *label,
                            double run_minutes, struct fit_target *t,
                            char *err, size_t errlen);

const char *fit_quantity_name(enum fit_quantity q);

#endif
