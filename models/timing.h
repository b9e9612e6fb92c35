/* timing — how long an agent takes to act: the response-time kernel of
 * the crisis rule (models/README.md, "Response times").
 *
 * SEISMIC's kernel (Zhao et al. 2015): density c on [0, s0], then
 * c (t/s0)^-(1+theta) beyond, c = theta / (s0 (1 + theta)).  Drawn by
 * inverting its CDF. */
#ifndef CRISIM_TIMING_H
#define CRISIM_TIMING_H

#include <gsl/gsl_rng.h>

#include "spec.h"

/* P(delay <= minutes) under the power-law kernel of t. */
double timing_cdf(const struct timing_spec *t, double minutes);

/* The delay, in minutes, for u in [0, 1): the inverse of timing_cdf;
 * may be +inf for u near 1 and a tiny theta. */
double timing_quantile(const struct timing_spec *t, double u);

/* One delay drawn from the kernel with one uniform of r. */
double timing_delay(const struct timing_spec *t, gsl_rng *r);

#endif
