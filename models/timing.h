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

/* The day/night cycle: activity a = 1 + A cos(2 pi (clock - 60 peak_hour)
 * / 1440) at `clock` minutes after tick 0 (which is midnight), A =
 * spread.timing.diurnal; exactly 1 when A is 0. */
double timing_activity(const struct timing_spec *t, double clock);

/* The clock minutes T >= 0 after `clock` in which `active` minutes of
 * activity pass: the integral of a over [clock, clock + T] is `active`.
 * T = active when A is 0; +inf for an infinite `active`. */
double timing_after(const struct timing_spec *t, double clock, double active);

#endif
