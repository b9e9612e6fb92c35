#include <criterion/criterion.h>
#include <math.h>

#include "rng.h"

Test(rng, derive_is_pure_and_separates_purposes_and_runs)
{
	cr_assert_eq(rng_derive(7, RNG_GRAPH, 0), rng_derive(7, RNG_GRAPH, 0));
	cr_assert_neq(rng_derive(7, RNG_GRAPH, 0), rng_derive(7, RNG_DYNAMICS, 0));
	cr_assert_neq(rng_derive(7, RNG_DYNAMICS, 0), rng_derive(7, RNG_DYNAMICS, 1));
	cr_assert_neq(rng_derive(7, RNG_DYNAMICS, 0), rng_derive(8, RNG_DYNAMICS, 0));
}

Test(rng, same_stream_same_numbers)
{
	gsl_rng *a = rng_stream(123, RNG_DYNAMICS, 5), *b = rng_stream(123, RNG_DYNAMICS, 5);
	for (int i = 0; i < 1000; i++)
		cr_assert_eq(gsl_rng_get(a), gsl_rng_get(b));
	gsl_rng_free(a);
	gsl_rng_free(b);
}

/* Uniform doubles: mean 1/2 and variance 1/12.  With n = 10^6 draws the
 * standard error of the mean is sqrt(1/12/n) = 2.9e-4; 5 standard errors
 * (1.5e-3) makes a false failure practically impossible for a fixed seed
 * while still catching a biased generator. */
Test(rng, uniform_moments)
{
	gsl_rng *r = rng_stream(1, RNG_STATS, 0);
	const int n = 1000000;
	double s = 0, s2 = 0, lo = 1, hi = 0;
	for (int i = 0; i < n; i++) {
		double u = gsl_rng_uniform(r);
		cr_assert(u >= 0.0 && u < 1.0);
		s += u;
		s2 += u * u;
		lo = fmin(lo, u);
		hi = fmax(hi, u);
	}
	double mean = s / n, var = s2 / n - mean * mean;
	cr_assert(fabs(mean - 0.5) < 1.5e-3, "mean %g", mean);
	cr_assert(fabs(var - 1.0 / 12) < 1.5e-3, "var %g", var);
	cr_assert(lo < 1e-5 && hi > 1 - 1e-5);
	gsl_rng_free(r);
}

Test(rng, integers_cover_gsl_range)
{
	gsl_rng *r = rng_stream(2, RNG_STATS, 0);
	cr_assert_str_eq(gsl_rng_name(r), "xoshiro256**");
	cr_assert_eq(gsl_rng_max(r), 0xffffffffUL);
	unsigned long hi = 0;
	for (int i = 0; i < 10000; i++) {
		unsigned long x = gsl_rng_get(r);
		cr_assert(x <= 0xffffffffUL);
		if (x > hi)
			hi = x;
	}
	cr_assert(hi > 0xff000000UL);
	gsl_rng_free(r);
}
