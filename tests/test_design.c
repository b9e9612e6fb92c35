/* design: the structure each design promises, its determinism, its checks. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "design.h"
#include "rng.h"

static char err[256];

Test(design, saltelli_blocks_and_box)
{
	enum { K = 3, N = 64 };
	double lo[K] = { -1, 0, 10 }, hi[K] = { 1, 5, 20 };
	size_t rows = design_saltelli_rows(K, N);
	cr_assert_eq(rows, N * (K + 2));
	double *x = malloc(rows * K * sizeof *x), *y = malloc(rows * K * sizeof *y);
	cr_assert_eq(design_saltelli(K, lo, hi, N, x, err, sizeof err), ST_OK, "%s", err);
	/* The first Sobol' point is the origin: not skipped (design.h). */
	for (size_t i = 0; i < K; i++) {
		cr_assert_float_eq(x[i], lo[i], 1e-15);
		cr_assert_float_eq(x[N * K + i], lo[i], 1e-15);
	}
	for (size_t r = 0; r < rows; r++)
		for (size_t i = 0; i < K; i++)
			cr_assert(x[r * K + i] >= lo[i] && x[r * K + i] < hi[i]);
	/* AB_c: column c from B, the others from A. */
	for (size_t c = 0; c < K; c++)
		for (size_t j = 0; j < N; j++)
			for (size_t i = 0; i < K; i++) {
				size_t blk = i == c ? (size_t)N : 0;
				double want = x[(blk + j) * K + i];
				cr_assert_eq(x[((2 + c) * N + j) * K + i], want);
			}
	/* A's column 0 over the first 2^6 points: one point per 1/64 bin
	 * (a (0,m,1)-net in each dimension). */
	int seen[N] = { 0 };
	for (size_t j = 0; j < N; j++)
		seen[(int)((x[j * K] - lo[0]) / (hi[0] - lo[0]) * N)]++;
	for (size_t b = 0; b < N; b++)
		cr_assert_eq(seen[b], 1, "bin %zu holds %d points", b, seen[b]);
	cr_assert_eq(design_saltelli(K, lo, hi, N, y, err, sizeof err), ST_OK);
	cr_assert_eq(memcmp(x, y, rows * K * sizeof *x), 0, "no seed: always the same");
	free(x), free(y);
}

Test(design, saltelli_rejects)
{
	double lo[21] = { 0 }, hi[21], x[64];
	for (int i = 0; i < 21; i++)
		hi[i] = 1;
	cr_assert_eq(design_saltelli(0, lo, hi, 4, x, err, sizeof err), ST_BADINPUT);
	cr_assert_eq(design_saltelli(21, lo, hi, 1, x, err, sizeof err), ST_BADINPUT);
	cr_assert(strstr(err, "at most 20 factors"), "%s", err);
	cr_assert_eq(design_saltelli(2, lo, hi, 0, x, err, sizeof err), ST_BADINPUT);
	hi[1] = 0;
	cr_assert_eq(design_saltelli(2, lo, hi, 4, x, err, sizeof err), ST_BADINPUT);
	cr_assert(strstr(err, "factor 2: expected finite LO < HI, found 0:0"), "%s", err);
}

Test(design, lhs_one_point_per_stratum_and_seeded)
{
	enum { K = 4, N = 50 };
	double lo[K] = { 0, -2, 3, 100 }, hi[K] = { 1, 2, 4, 1000 };
	double x[N * K], y[N * K], z[N * K];
	gsl_rng *r = rng_stream(7, RNG_STATS, 0);
	cr_assert_eq(design_lhs(K, lo, hi, N, r, x, err, sizeof err), ST_OK, "%s", err);
	gsl_rng_free(r);
	for (size_t i = 0; i < K; i++) {
		int seen[N] = { 0 };
		for (size_t j = 0; j < N; j++) {
			double u = (x[j * K + i] - lo[i]) / (hi[i] - lo[i]);
			cr_assert(u >= 0 && u < 1);
			seen[(int)(u * N)]++;
		}
		for (size_t b = 0; b < N; b++)
			cr_assert_eq(seen[b], 1, "factor %zu, stratum %zu: %d points", i, b, seen[b]);
	}
	r = rng_stream(7, RNG_STATS, 0);
	cr_assert_eq(design_lhs(K, lo, hi, N, r, y, err, sizeof err), ST_OK);
	gsl_rng_free(r);
	cr_assert_eq(memcmp(x, y, sizeof x), 0, "same seed, same design");
	r = rng_stream(8, RNG_STATS, 0);
	cr_assert_eq(design_lhs(K, lo, hi, N, r, z, err, sizeof err), ST_OK);
	gsl_rng_free(r);
	cr_assert_neq(memcmp(x, z, sizeof x), 0, "another seed, another design");
	cr_assert_eq(design_lhs(K, lo, hi, 0, NULL, x, err, sizeof err), ST_BADINPUT);
}

Test(design, morris_trajectories)
{
	enum { K = 3, T = 40, P = 4 };
	double lo[K] = { 0, -1, 5 }, hi[K] = { 1, 1, 6 };
	size_t rows = design_morris_rows(K, T);
	cr_assert_eq(rows, T * (K + 1));
	double x[T * (K + 1) * K];
	gsl_rng *r = rng_stream(3, RNG_STATS, 0);
	cr_assert_eq(design_morris(K, lo, hi, T, P, r, x, err, sizeof err), ST_OK, "%s", err);
	gsl_rng_free(r);
	/* delta = p / (2 (p - 1)) = 2/3 for p = 4; the grid is j/3. */
	double delta = (double)P / (2.0 * (P - 1));
	int level_seen[K][P];
	memset(level_seen, 0, sizeof level_seen);
	for (size_t t = 0; t < T; t++) {
		int moved[K] = { 0 };
		for (size_t s = 0; s <= K; s++) {
			const double *q = x + (t * (K + 1) + s) * K;
			for (size_t i = 0; i < K; i++) {
				double u = (q[i] - lo[i]) / (hi[i] - lo[i]) * (P - 1);
				cr_assert_float_eq(u, round(u), 1e-9, "on the grid");
				cr_assert(u > -0.5 && u < P - 0.5);
				level_seen[i][(int)round(u)]++;
			}
			if (s == 0)
				continue;
			const double *p = q - K;
			for (size_t i = 0; i < K; i++)
				if (p[i] != q[i]) {
					moved[i]++;
					cr_assert_float_eq(fabs(q[i] - p[i]) / (hi[i] - lo[i]), delta, 1e-12);
				}
		}
		for (size_t i = 0; i < K; i++)
			cr_assert_eq(moved[i], 1, "trajectory %zu: factor %zu moved %d times", t, i, moved[i]);
	}
	/* Each of the 4 levels is reached (a 160-visit trajectory set missing
	 * one has probability < 4 (3/4)^160). */
	for (size_t i = 0; i < K; i++)
		for (size_t l = 0; l < P; l++)
			cr_assert_gt(level_seen[i][l], 0);
	r = rng_stream(3, RNG_STATS, 0);
	cr_assert_eq(design_morris(K, lo, hi, T, 3, r, x, err, sizeof err), ST_BADINPUT);
	cr_assert(strstr(err, "even number of levels"), "%s", err);
	gsl_rng_free(r);
}
