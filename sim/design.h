/* design — sampling designs for global sensitivity analysis.
 *
 * Every design is a matrix of rows (points) by k columns (factors), stored
 * row-major in a caller's buffer: x[row * k + i] is factor i of point row.
 * Factor i ranges over [lo[i], hi[i]] (lo < hi); the designs are built in
 * the unit cube and scaled linearly, x = lo + u (hi - lo).
 *
 *   - Saltelli (Saltelli et al. 2010, "Variance based sensitivity analysis
 *     of model output", Comput. Phys. Commun. 181, sec. 4): a 2k-dimensional
 *     Sobol' sequence (GSL's gsl_qrng_sobol, Bratley & Fox 1988) gives the
 *     two base matrices A (dimensions 0..k-1) and B (k..2k-1); AB_i is A with
 *     column i taken from B.  The rows are n of A, n of B, then n of each
 *     AB_1..AB_k: n (k + 2) points.  The sequence starts at its first point,
 *     the origin, which GSL skips and we put back, so that for n a power of
 *     two A and B are the balanced first 2^m points of the sequence (Owen
 *     2020, "On dropping the first Sobol' point").  Deterministic: no seed.
 *   - Latin hypercube (McKay, Beckman & Conover 1979): n points; in each
 *     column every stratum [j/n, (j+1)/n) holds exactly one point, placed
 *     uniformly inside it; columns are independent random permutations.
 *   - Morris trajectories (Morris 1991, "Factorial sampling plans for
 *     preliminary computational experiments", Technometrics 33): r
 *     trajectories of k + 1 points on a grid of p levels (p even) with step
 *     delta = p / (2 (p - 1)); consecutive points of a trajectory differ in
 *     exactly one factor, by +-delta in the unit cube, each factor once, in a
 *     random order.  r (k + 1) points.
 *
 * The random designs draw only from the generator passed in.
 */
#ifndef CRISIM_DESIGN_H
#define CRISIM_DESIGN_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "scenario_grid.h"
#include "status.h"

/* gsl_qrng_sobol handles 40 dimensions; Saltelli uses 2k of them. */
#define DESIGN_SOBOL_MAX_FACTORS 20

/* Rows of each design: n (k + 2), n, r (k + 1); 0 on overflow. */
size_t design_saltelli_rows(size_t k, size_t n);
size_t design_morris_rows(size_t k, size_t r);

/* Fill x (design_saltelli_rows(k, n) * k doubles) with the Saltelli
 * arrangement of n base points.  ST_BADINPUT when k is 0 or above
 * DESIGN_SOBOL_MAX_FACTORS, n is 0, or some lo[i] >= hi[i]; ST_NOMEM. */
enum status design_saltelli(size_t k, const double *lo, const double *hi,
                            size_t n, double *x, char *err, size_t errlen);

/* Fill x (n * k doubles) with a Latin hypercube of n points drawn from r.
 * ST_BADINPUT for k or n 0 or lo[i] >= hi[i]; ST_NOMEM. */
enum status design_lhs(size_t k, const double *lo, const double *hi, size_t n,
                       gsl_rng *r, double *x, char *err, size_t errlen);

/* Fill x (design_morris_rows(k, traj) * k doubles) with traj Morris
 * trajectories on `levels` levels (even, >= 2) drawn from r.  ST_BADINPUT
 * for k or traj 0, odd or small levels, lo[i] >= hi[i]; ST_NOMEM. */
enum status design_morris(size_t k, const double *lo, const double *hi,
                          size_t traj, unsigned levels, gsl_rng *r, double *x,
                          char *err, size_t errlen);

/* ---- designs as the points of a sweep (design_axes.c) ----
 *
 * `sweep --design KIND --factor PATH=LO:HI ... --samples N [--seed S]`
 * or `sweep --design-file points.tsv`.  The design becomes one axis per
 * factor whose value p belongs to point p (not a cartesian product: every
 * axis has n_points values).  Numbers are printed as the shortest text that
 * reads back to the same double.  N is the base points of sobol (n (k + 2)
 * points), the points of lhs, the trajectories of morris (n (k + 1) points,
 * DESIGN_MORRIS_LEVELS levels).  The random designs draw from the stream
 * (seed, RNG_STATS, DESIGN_STREAM): the same seed, the same points.
 *
 * A design file is tab-separated: a header line of factor paths, then one
 * line per point, each value a JSON value or text as --set takes it; lines
 * starting with '#' and empty lines are skipped.  Read through
 * textfile_read. */
enum design_kind { DESIGN_NONE, DESIGN_LHS, DESIGN_SOBOL, DESIGN_MORRIS, DESIGN_FILE };
#define DESIGN_MORRIS_LEVELS 4u
#define DESIGN_STREAM 1000u

struct design_spec {
	enum design_kind kind;
	const char *const *factors;   /* "PATH=LO:HI", n_factors of them */
	size_t n_factors;
	uint64_t samples;
	uint64_t seed;
	const char *file;             /* DESIGN_FILE: the points file */
};

/* "lhs", "sobol", "morris" to a kind; DESIGN_NONE for anything else. */
enum design_kind design_kind_parse(const char *name);
const char *design_kind_name(enum design_kind kind);

/* The axes of the design (owned by the caller: grid_axis_free each, then
 * free the array) and its number of points, at most GRID_MAX_VALUES.
 * ST_BADINPUT with err naming --factor SPEC, --samples or FILE: line L;
 * ST_IO when the file cannot be read; ST_NOMEM.  On failure nothing is
 * left to free. */
enum status design_axes(const struct design_spec *sp, struct grid_axis **axes,
                        size_t *n_axes, size_t *n_points, char *err,
                        size_t errlen);

#endif
