/* sensitivity — variance-based (Sobol') indices and Morris screening
 * measures from model outputs evaluated on a design (design.h).
 *
 * Sobol' indices, from y evaluated on a Saltelli design of n base points
 * (rows in the order A, B, AB_1..AB_k, n each), with V the variance of the
 * 2n values f(A), f(B) (n - 1 denominators are not used: the estimators
 * below are means over j = 1..n):
 *   first order (Saltelli et al. 2010, Table 2 (b)):
 *     S_i  = (1/n) sum_j (f(B)_j - f0) (f(AB_i)_j - f(A)_j) / V
 *   with f0 the mean of the 2n values f(A), f(B).  Subtracting f0 is our
 *   choice, not in the paper: the expected value is unchanged to O(1/n)
 *   (the mean of f(AB_i) - f(A) is 0) but an outcome with a large mean, such as damage,
 *   no longer inflates the estimator's variance;
 *   total (Jansen 1999, Saltelli et al. 2010, Table 2 (f)):
 *     ST_i = (1/(2n)) sum_j (f(A)_j - f(AB_i)_j)^2 / V
 * A base point j whose k + 2 outputs include a NaN ("never") is left out
 * whole and counted.  Confidence intervals are percentile bootstrap
 * intervals (Efron & Tibshirani 1993, ch. 13) over the base points: each
 * replicate redraws n of them with replacement, V included.  A bootstrap
 * over a quasi-random design treats its points as independent, so the
 * interval is wider than the design's actual error (conservative).
 *
 * Morris measures (Morris 1991; mu* from Campolongo, Cariboni & Saltelli
 * 2007), from y evaluated on Morris trajectories: the elementary effect of
 * factor i at a step of a trajectory is
 *     EE_i = (y_m - y_{m-1}) / d,   d = (x_m,i - x_{m-1},i) / (hi_i - lo_i)
 * (the step measured in the unit cube, as SALib does); mu is the mean of the
 * r effects of a factor, mu* the mean of their absolute values, sigma their
 * sample standard deviation (n - 1).  A step with a NaN output is left out.
 */
#ifndef CRISIM_SENSITIVITY_H
#define CRISIM_SENSITIVITY_H

#include <stddef.h>
#include <gsl/gsl_rng.h>

#include "status.h"

struct sens_sobol {
	double s1, s1_lo, s1_hi, s1_se;   /* estimate, bootstrap CI and sd */
	double st, st_lo, st_hi, st_se;
};

struct sens_morris {
	double mu, mu_star, sigma;
	size_t n;                         /* elementary effects used */
};

/* First-order and total indices of the k factors into out[0..k-1] from y
 * (design_saltelli_rows(k, n) values).  With n_boot > 0, a `level` (e.g.
 * 0.95) percentile interval from n_boot replicates drawn from r (r may be
 * NULL when n_boot is 0; the intervals and se are then NaN).  *n_used (may be
 * NULL) receives the base points without a NaN.  With fewer than 2 of them,
 * or no variance, the indices are NaN.  ST_BADINPUT for k or n 0 or a level
 * outside (0, 1); ST_NOMEM.  O(n k n_boot). */
enum status sensitivity_sobol(size_t k, size_t n, const double *y,
                              size_t n_boot, double level, gsl_rng *r,
                              struct sens_sobol *out, size_t *n_used,
                              char *err, size_t errlen);

/* Morris measures of the k factors into out[0..k-1] from the design x
 * (design_morris_rows(k, traj) rows of k, as design_morris made it, with
 * the box lo, hi) and y (one value per row).  ST_BADINPUT when two
 * consecutive points of a trajectory do not differ in exactly one factor,
 * or k or traj is 0.  O(traj k^2). */
enum status sensitivity_morris(size_t k, size_t traj, const double *lo,
                               const double *hi, const double *x,
                               const double *y, struct sens_morris *out,
                               char *err, size_t errlen);

/* crisim sensitivity DIR: read DIR/sweep.tsv of a `sweep --design sobol`
 * (its "# design:" line, the factor columns between point and strategy, the
 * per-point means O_mean), take each point's mean over its runs as the model
 * output, and write DIR/sensitivity.tsv: one row per outcome, series
 * (every strategy, and the paired difference A-B of the means of two
 * strategies on the same runs) and factor, with S1 and ST, their 95 %
 * bootstrap intervals (1000 replicates, stream (0, RNG_STATS, 0)) and the
 * base points used.  outcome: one summary field, NULL for all.  diff: "A,B";
 * NULL: "adhoc,plan" when the sweep ran both, else none.  *rows (may be
 * NULL) receives the rows written.  ST_IO when sweep.tsv cannot be read;
 * ST_BADINPUT naming DIR/sweep.tsv and what was expected (a sobol design,
 * a known outcome or strategy); ST_RUNTIME when the file cannot be written. */
enum status sensitivity_report(const char *dir, const char *outcome,
                               const char *diff, size_t *rows, char *err,
                               size_t errlen);

#endif
