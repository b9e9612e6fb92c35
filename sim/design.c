/* design — Saltelli, Latin hypercube and Morris designs (see design.h). */
#include "design.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>

size_t design_saltelli_rows(size_t k, size_t n)
{
	if (k > SIZE_MAX - 2 || (n && k + 2 > SIZE_MAX / n))
		return 0;
	return n * (k + 2);
}

size_t design_morris_rows(size_t k, size_t r)
{
	if (k == SIZE_MAX || (r && k + 1 > SIZE_MAX / r))
		return 0;
	return r * (k + 1);
}

/* The checks every design shares: k >= 1, count >= 1, lo < hi (finite). */
static enum status check_box(const char *what, size_t k, const double *lo,
                             const double *hi, size_t count, char *err,
                             size_t errlen)
{
	if (k == 0) {
		snprintf(err, errlen, "%s design: expected at least one factor, found none", what);
		return ST_BADINPUT;
	}
	if (count == 0) {
		snprintf(err, errlen, "%s design: expected at least one sample, found 0", what);
		return ST_BADINPUT;
	}
	for (size_t i = 0; i < k; i++)
		if (!(lo[i] < hi[i]) || lo[i] - lo[i] != 0 || hi[i] - hi[i] != 0) {
			snprintf(err, errlen, "%s design: factor %zu: expected finite LO < HI, found %g:%g",
			         what, i + 1, lo[i], hi[i]);
			return ST_BADINPUT;
		}
	if (SIZE_MAX / sizeof(double) / k < count) {
		snprintf(err, errlen, "%s design: %zu points of %zu factors do not fit in memory",
		         what, count, k);
		return ST_NOMEM;
	}
	return ST_OK;
}

static double scale(double u, double lo, double hi)
{
	return lo + u * (hi - lo);
}

enum status design_saltelli(size_t k, const double *lo, const double *hi,
                            size_t n, double *x, char *err, size_t errlen)
{
	if (k > DESIGN_SOBOL_MAX_FACTORS) {
		snprintf(err, errlen, "sobol design: expected at most %d factors, found %zu",
		         DESIGN_SOBOL_MAX_FACTORS, k);
		return ST_BADINPUT;
	}
	size_t rows = design_saltelli_rows(k, n);
	enum status st = check_box("sobol", k, lo, hi, rows, err, errlen);
	if (st)
		return st;
	gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k));
	double u[2 * DESIGN_SOBOL_MAX_FACTORS];
	if (!q) {
		snprintf(err, errlen, "sobol design: out of memory");
		return ST_NOMEM;
	}
	/* GSL's sequence starts at its second point (0.5, ...); the origin is
	 * put back in front so that 2^m rows are the whole balanced net. */
	for (size_t i = 0; i < 2 * k; i++)
		u[i] = 0;
	for (size_t j = 0; j < n; j++) {
		if (j > 0 && gsl_qrng_get(q, u) != 0) {
			gsl_qrng_free(q);
			snprintf(err, errlen, "sobol design: the Sobol' sequence ends before point %zu", j + 1);
			return ST_BADINPUT;
		}
		double *a = x + j * k, *b = x + (n + j) * k;
		for (size_t i = 0; i < k; i++) {
			a[i] = scale(u[i], lo[i], hi[i]);
			b[i] = scale(u[k + i], lo[i], hi[i]);
		}
		for (size_t c = 0; c < k; c++) {
			double *ab = x + ((2 + c) * n + j) * k;
			for (size_t i = 0; i < k; i++)
				ab[i] = i == c ? b[i] : a[i];
		}
	}
	gsl_qrng_free(q);
	return ST_OK;
}

enum status design_lhs(size_t k, const double *lo, const double *hi, size_t n,
                       gsl_rng *r, double *x, char *err, size_t errlen)
{
	enum status st = check_box("lhs", k, lo, hi, n, err, errlen);
	if (st)
		return st;
	size_t *perm = malloc(n * sizeof *perm);
	if (!perm) {
		snprintf(err, errlen, "lhs design: out of memory");
		return ST_NOMEM;
	}
	/* Column by column: a permutation of the strata, then a uniform
	 * position inside each.  Draw order is part of the seed contract. */
	for (size_t i = 0; i < k; i++) {
		for (size_t j = 0; j < n; j++)
			perm[j] = j;
		gsl_ran_shuffle(r, perm, n, sizeof *perm);
		for (size_t j = 0; j < n; j++) {
			double u = ((double)perm[j] + gsl_rng_uniform(r)) / (double)n;
			x[j * k + i] = scale(u, lo[i], hi[i]);
		}
	}
	free(perm);
	return ST_OK;
}

enum status design_morris(size_t k, const double *lo, const double *hi,
                          size_t traj, unsigned levels, gsl_rng *r, double *x,
                          char *err, size_t errlen)
{
	if (levels < 2 || levels % 2) {
		snprintf(err, errlen, "morris design: expected an even number of levels >= 2, found %u",
		         levels);
		return ST_BADINPUT;
	}
	size_t rows = design_morris_rows(k, traj);
	enum status st = check_box("morris", k, lo, hi, rows, err, errlen);
	if (st)
		return st;
	size_t *order = malloc(k * sizeof *order);
	double *u = malloc(k * sizeof *u), *step = malloc(k * sizeof *step);
	if (!order || !u || !step) {
		free(order), free(u), free(step);
		snprintf(err, errlen, "morris design: out of memory");
		return ST_NOMEM;
	}
	/* delta is half the levels in grid steps: a start level among the
	 * lower half moves up by delta, one among the upper half down, so
	 * every level is visited with the same chance. */
	unsigned half = levels / 2;
	double grid = (double)(levels - 1);
	for (size_t t = 0; t < traj; t++) {
		for (size_t i = 0; i < k; i++) {
			unsigned lvl = (unsigned)gsl_rng_uniform_int(r, half);
			int up = gsl_rng_uniform_int(r, 2) == 0;
			u[i] = (double)(up ? lvl : lvl + half) / grid;
			step[i] = (up ? 1.0 : -1.0) * (double)half / grid;
			order[i] = i;
		}
		gsl_ran_shuffle(r, order, k, sizeof *order);
		double *row = x + t * (k + 1) * k;
		for (size_t i = 0; i < k; i++)
			row[i] = scale(u[i], lo[i], hi[i]);
		for (size_t m = 0; m < k; m++) {
			size_t f = order[m];
			u[f] += step[f];
			row += k;
			for (size_t i = 0; i < k; i++)
				row[i] = scale(u[i], lo[i], hi[i]);
		}
	}
	free(order), free(u), free(step);
	return ST_OK;
}
