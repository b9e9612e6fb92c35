#include "timing.h"

#include <math.h>

/* With F0 = theta / (1 + theta), the mass of the flat part:
 *   F(t) = F0 t / s0                          for t <= s0
 *        = 1 - (t / s0)^-theta / (1 + theta)  for t >  s0
 * and its inverse
 *   t(u) = s0 u / F0                          for u <= F0
 *        = s0 ((1 + theta) (1 - u))^(-1/theta) otherwise. */
double timing_cdf(const struct timing_spec *t, double minutes)
{
	double th = t->theta, x = minutes / t->s0;
	if (x <= 0.0)
		return 0.0;
	if (x <= 1.0)
		return th / (1.0 + th) * x;
	return 1.0 - pow(x, -th) / (1.0 + th);
}

double timing_quantile(const struct timing_spec *t, double u)
{
	double th = t->theta, f0 = th / (1.0 + th);
	if (u <= f0)
		return t->s0 * u / f0;
	return t->s0 * pow((1.0 + th) * (1.0 - u), -1.0 / th);
}

double timing_delay(const struct timing_spec *t, gsl_rng *r)
{
	return timing_quantile(t, gsl_rng_uniform(r));
}
