/* fit — `crisim fit`: scenario parameters fitted to an observed cascade's
 * time profile (fit_target.h).
 *
 * The objective.  At a parameter point x, runs 0..N-1 of the scenario
 * (with the --set overrides and x applied as further overrides) give, per
 * run r, the cumulative count C_r(t) of the target's quantity (distinct
 * posters' first posts, or all posts) since the run's first post, the
 * events of a tick spread evenly over it.  The simulated curve is the
 * statistic the observed side uses: for one cascade (an event list) the
 * runs pooled, F(t) = sum_r C_r(t) / sum_r C_r(H), the profile of all
 * simulated events together (a run that fizzles adds little, as it would
 * to a big observed cascade); for a summary the median over runs of
 * C_r(t) / C_r(H), as the target is the median over cascades.  Runs
 * without a poster by H are left out (L = 1, the worst possible, when
 * every run is).  The loss is the root mean square difference on the
 * target's grid,
 *     L(x) = sqrt( (1/n) sum_g (F(t_g) - F_obs(t_g))^2 ).
 * Least squares on cumulative fractions rather than the Kolmogorov-Smirnov
 * maximum: it is smooth in the curve, every grid point (2-3 a decade, so
 * each decade of time about equally) counts, and the simplex can descend
 * where a maximum would be flat.  The same run indices, hence the same
 * random numbers (engine.h), at every point: differences between points
 * are the parameters', not noise.
 *
 * The search.  GSL's Nelder-Mead simplex (gsl_multimin_fminimizer_
 * nmsimplex2) on u in R^k with x_i = lo_i + (hi_i - lo_i) / (1 + exp(-u_i)),
 * so every point tried is inside the box.  Start: START of each --param
 * PATH=LO:HI[:START], else the middle of the box; initial steps 1 in u (a
 * quarter of the box at its middle).  It stops when the simplex's size
 * (gsl_multimin_fminimizer_size) is below 1e-3 in u, or after max_evals
 * evaluations (never more: an evaluation past the budget is not run).
 * The fitted point is the best evaluation (the first of equal ones).
 *
 * Outputs in dir, each written atomically: fit.tsv (every evaluation,
 * rewritten after each, so an interrupted fit keeps them), fit-curve.tsv
 * (observed and simulated curves at the fitted point: both quantities,
 * the residual) and fit.json (fitted values, loss, evaluations, why it
 * stopped, the errors at 10 min, 1 h, 6 h, 24 h and 7 days, the command).
 * --resume: the search is deterministic, so it is replayed with the
 * losses of fit.tsv for the evaluations it holds (each must be at the
 * same point) and continued from there.
 */
#ifndef CRISIM_FIT_H
#define CRISIM_FIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

struct fit_opts {
	const char *scenario;          /* the scenario file */
	const char *const *sets;       /* --set overrides, applied first */
	size_t n_sets;
	bool have_seed;
	uint64_t seed;
	const char *const *params;     /* "PATH=LO:HI[:START]" */
	size_t n_params;
	const char *target, *label;    /* fit_target_read */
	uint64_t runs;                 /* N */
	size_t max_evals;
	const char *dir;               /* output directory (created) */
	bool resume;                   /* continue dir/fit.tsv */
	bool quiet;                    /* no progress lines */
	int argc;                      /* the command, for fit.json */
	char **argv;
	const char *version;
};

/* Run the fit.  ST_OK; ST_INTERRUPTED (SIGINT/SIGTERM between
 * evaluations: fit.tsv holds what was done, fit.json is not written);
 * ST_BADINPUT (a bad --param, scenario or target, a fit.tsv that is not
 * this fit's), ST_IO, ST_NOMEM, ST_RUNTIME (a file cannot be written),
 * with err set. */
enum status fit_run(const struct fit_opts *o, char *err, size_t errlen);

#endif
