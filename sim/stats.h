/* stats — descriptive statistics and confidence intervals for ensembles,
 * through GSL.
 *
 * Conventions (documented in README.md, "Ensembles, comparisons and sweeps"):
 *   - NaN values ("never", e.g. no first response) are excluded and counted,
 *     never averaged;
 *   - sd is the sample standard deviation (n - 1 denominator), NaN for n < 2;
 *   - quantiles are GSL's gsl_stats_quantile_from_sorted_data: linear
 *     interpolation between order statistics, q(f) = x[i] + d (x[i+1] - x[i])
 *     with i = floor((n-1) f), d = (n-1) f - i  (Hyndman & Fan type 7);
 *   - the 95 % CI is t-based on the mean: mean ± t(0.975, n-1) sd / sqrt(n),
 *     NaN for n < 2.  For paired comparisons the same interval is taken on
 *     the per-run differences (paired t).
 */
#ifndef CRISIM_STATS_H
#define CRISIM_STATS_H

#include <stddef.h>

#include "series.h"

struct stats_desc {
	size_t n;          /* values used (non-NaN) */
	size_t n_nan;      /* values excluded as NaN */
	double mean, sd;
	double q05, q25, q50, q75, q95;
	double ci_lo, ci_hi;   /* 95 % t interval on the mean */
};

/* Describe the n values x[0], x[stride], ...; `scratch` must hold n
 * doubles (it receives the sorted non-NaN values).  Never fails; with no
 * usable value every statistic is NaN.  O(n log n). */
void stats_describe(const double *x, size_t stride, size_t n, double *scratch,
                    struct stats_desc *out);

/* Half-width factor t(0.975, n-1) / sqrt(n) of the 95 % interval; NaN for
 * n < 2. */
double stats_ci95_factor(size_t n);

/* Which way is better for each outcome: -1 lower is better, +1 higher is
 * better, 0 no direction (a description, not a goal).  The one table. */
extern const int stats_better[SUMMARY_NFIELD];

/* "lower", "higher" or "-". */
const char *stats_better_word(int dir);

#endif
