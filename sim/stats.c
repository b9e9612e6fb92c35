#include "stats.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

/* The direction of "better" of every outcome: the SUMMARY_FIELDS rows. */
const int stats_better[SUMMARY_NFIELD] = {
#define X(id, better, doc) better,
	SUMMARY_FIELDS(X)
#undef X
};

const char *stats_better_word(int dir)
{
	return dir < 0 ? "lower" : dir > 0 ? "higher" : "-";
}

double stats_ci95_factor(size_t n)
{
	if (n < 2)
		return NAN;
	return gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) / sqrt((double)n);
}

void stats_describe(const double *x, size_t stride, size_t n, double *scratch,
                    struct stats_desc *out)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		double v = x[i * stride];
		if (isnan(v))
			continue;
		scratch[m++] = v;
	}
	out->n = m;
	out->n_nan = n - m;
	out->mean = out->sd = out->ci_lo = out->ci_hi = NAN;
	out->q05 = out->q25 = out->q50 = out->q75 = out->q95 = NAN;
	if (m == 0)
		return;
	/* Constant data (common in per-tick series once a story is over): the
	 * values GSL would compute, exactly (its running mean of equal values
	 * is that value, the sd 0), without sorting. */
	bool constant = true;
	for (size_t i = 1; i < m && constant; i++)
		constant = scratch[i] == scratch[0];
	if (constant) {
		double v = scratch[0];
		out->mean = out->q05 = out->q25 = out->q50 = out->q75 = out->q95 = v;
		if (m >= 2) {
			out->sd = 0;
			out->ci_lo = out->ci_hi = v;
		}
		return;
	}
	gsl_sort(scratch, 1, m);
	out->mean = gsl_stats_mean(scratch, 1, m);
	out->q05 = gsl_stats_quantile_from_sorted_data(scratch, 1, m, 0.05);
	out->q25 = gsl_stats_quantile_from_sorted_data(scratch, 1, m, 0.25);
	out->q50 = gsl_stats_quantile_from_sorted_data(scratch, 1, m, 0.50);
	out->q75 = gsl_stats_quantile_from_sorted_data(scratch, 1, m, 0.75);
	out->q95 = gsl_stats_quantile_from_sorted_data(scratch, 1, m, 0.95);
	if (m < 2)
		return;
	out->sd = gsl_stats_sd_m(scratch, 1, m, out->mean);
	double h = stats_ci95_factor(m) * out->sd;
	out->ci_lo = out->mean - h;
	out->ci_hi = out->mean + h;
}
