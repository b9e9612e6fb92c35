/* sensitivity — Sobol' indices with bootstrap intervals, Morris measures
 * (equations in sensitivity.h). */
#include "sensitivity.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

/* The indices of every factor from the base points idx[0..m-1] (the j of
 * y's blocks).  V over the 2m values f(A), f(B) with denominator 2m, in two
 * passes (outcomes such as damage have a large mean next to their spread). */
static void sobol_point(size_t k, size_t n, const double *y,
                        const size_t *idx, size_t m, double *s1, double *st)
{
	const double *fa = y, *fb = y + n;
	double sum = 0, ss = 0;
	for (size_t t = 0; t < m; t++)
		sum += fa[idx[t]] + fb[idx[t]];
	double mean = sum / (double)(2 * m);
	for (size_t t = 0; t < m; t++) {
		double a = fa[idx[t]] - mean, b = fb[idx[t]] - mean;
		ss += a * a + b * b;
	}
	double v = ss / (double)(2 * m);
	for (size_t i = 0; i < k; i++) {
		const double *fab = y + (2 + i) * n;
		double s = 0, t2 = 0;
		for (size_t t = 0; t < m; t++) {
			size_t j = idx[t];
			double d = fab[j] - fa[j];
			s += (fb[j] - mean) * d;
			t2 += d * d;
		}
		s1[i] = v > 0 ? s / (double)m / v : NAN;
		st[i] = v > 0 ? t2 / (double)(2 * m) / v : NAN;
	}
}

enum status sensitivity_sobol(size_t k, size_t n, const double *y,
                              size_t n_boot, double level, gsl_rng *r,
                              struct sens_sobol *out, size_t *n_used,
                              char *err, size_t errlen)
{
	if (k == 0 || n == 0) {
		snprintf(err, errlen, "sobol indices: expected factors and base points, found %zu and %zu",
		         k, n);
		return ST_BADINPUT;
	}
	if (n_boot && (!(level > 0 && level < 1) || !r)) {
		snprintf(err, errlen, "sobol indices: expected a confidence level in (0, 1), found %g",
		         level);
		return ST_BADINPUT;
	}
	size_t *idx = malloc(n * sizeof *idx), *pick = malloc(n * sizeof *pick);
	double *s1 = malloc(2 * k * sizeof *s1);
	double *bs = n_boot ? malloc(2 * k * n_boot * sizeof *bs) : NULL;
	if (!idx || !pick || !s1 || (n_boot && !bs)) {
		free(idx), free(pick), free(s1), free(bs);
		snprintf(err, errlen, "sobol indices: out of memory");
		return ST_NOMEM;
	}
	double *st = s1 + k;
	size_t m = 0;
	for (size_t j = 0; j < n; j++) {
		int ok = !isnan(y[j]) && !isnan(y[n + j]);
		for (size_t i = 0; ok && i < k; i++)
			ok = !isnan(y[(2 + i) * n + j]);
		if (ok)
			idx[m++] = j;
	}
	if (n_used)
		*n_used = m;
	for (size_t i = 0; i < k; i++)
		out[i] = (struct sens_sobol){ NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
	if (m >= 2) {
		sobol_point(k, n, y, idx, m, s1, st);
		for (size_t i = 0; i < k; i++)
			out[i].s1 = s1[i], out[i].st = st[i];
		/* Replicate b's indices land in bs[b], bs[n_boot + b], ...: one
		 * contiguous row per index and factor, ready to sort. */
		for (size_t b = 0; b < n_boot; b++) {
			for (size_t t = 0; t < m; t++)
				pick[t] = idx[gsl_rng_uniform_int(r, m)];
			sobol_point(k, n, y, pick, m, s1, st);
			for (size_t i = 0; i < 2 * k; i++)
				bs[i * n_boot + b] = s1[i];
		}
		for (size_t i = 0; n_boot && i < 2 * k; i++) {
			double *row = bs + i * n_boot;
			size_t used = 0;
			for (size_t b = 0; b < n_boot; b++)
				if (!isnan(row[b]))
					row[used++] = row[b];
			if (used < 2)
				continue;
			gsl_sort(row, 1, used);
			double lo = gsl_stats_quantile_from_sorted_data(row, 1, used, (1 - level) / 2);
			double hi = gsl_stats_quantile_from_sorted_data(row, 1, used, (1 + level) / 2);
			double se = gsl_stats_sd(row, 1, used);
			struct sens_sobol *o = &out[i % k];
			if (i < k)
				o->s1_lo = lo, o->s1_hi = hi, o->s1_se = se;
			else
				o->st_lo = lo, o->st_hi = hi, o->st_se = se;
		}
	}
	free(idx), free(pick), free(s1), free(bs);
	return ST_OK;
}

enum status sensitivity_morris(size_t k, size_t traj, const double *lo,
                               const double *hi, const double *x,
                               const double *y, struct sens_morris *out,
                               char *err, size_t errlen)
{
	if (k == 0 || traj == 0) {
		snprintf(err, errlen, "morris measures: expected factors and trajectories, found %zu and %zu",
		         k, traj);
		return ST_BADINPUT;
	}
	/* Welford's running mean and sum of squares of EE per factor. */
	double *mean = calloc(3 * k, sizeof *mean);
	if (!mean) {
		snprintf(err, errlen, "morris measures: out of memory");
		return ST_NOMEM;
	}
	double *m2 = mean + k, *abs_sum = mean + 2 * k;
	for (size_t i = 0; i < k; i++)
		out[i] = (struct sens_morris){ NAN, NAN, NAN, 0 };
	for (size_t t = 0; t < traj; t++)
		for (size_t s = 1; s <= k; s++) {
			size_t row = t * (k + 1) + s;
			const double *p = x + (row - 1) * k, *q = x + row * k;
			size_t f = k, moved = 0;
			for (size_t i = 0; i < k; i++)
				if (p[i] != q[i])
					f = i, moved++;
			if (moved != 1) {
				free(mean);
				snprintf(err, errlen, "morris measures: trajectory %zu, step %zu: expected one factor to change, found %zu",
				         t + 1, s, moved);
				return ST_BADINPUT;
			}
			if (isnan(y[row]) || isnan(y[row - 1]))
				continue;
			double d = (q[f] - p[f]) / (hi[f] - lo[f]);
			double ee = (y[row] - y[row - 1]) / d;
			size_t c = ++out[f].n;
			double delta = ee - mean[f];
			mean[f] += delta / (double)c;
			m2[f] += delta * (ee - mean[f]);
			abs_sum[f] += fabs(ee);
		}
	for (size_t i = 0; i < k; i++) {
		if (out[i].n == 0)
			continue;
		out[i].mu = mean[i];
		out[i].mu_star = abs_sum[i] / (double)out[i].n;
		out[i].sigma = out[i].n >= 2 ? sqrt(m2[i] / (double)(out[i].n - 1)) : NAN;
	}
	free(mean);
	return ST_OK;
}
