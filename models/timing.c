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

#define DAY 1440.0
#define TWO_PI 6.283185307179586476925

double timing_activity(const struct timing_spec *t, double clock)
{
	if (t->diurnal == 0.0)
		return 1.0;
	return 1.0 + t->diurnal * cos(TWO_PI * (clock - 60.0 * t->peak_hour) / DAY);
}

/* The activity from `clock` to clock + x: x + A/w (sin(w(clock + x - p)) -
 * sin(w(clock - p))), w = 2 pi / 1440, p the peak in minutes. */
static double active_between(const struct timing_spec *t, double clock, double x)
{
	double w = TWO_PI / DAY, p = 60.0 * t->peak_hour;
	return x + t->diurnal / w * (sin(w * (clock + x - p)) - sin(w * (clock - p)));
}

/* A whole day holds exactly 1440 active minutes, so whole days are taken
 * first; the rest, in [0, 1440), is found by Newton steps kept inside a
 * bracket (the integral rises with slope a >= 1 - A >= 0; where the slope
 * is 0, at A = 1, a step falls back to bisecting the bracket). */
double timing_after(const struct timing_spec *t, double clock, double active)
{
	if (t->diurnal == 0.0 || !(active < INFINITY))
		return active;
	double days = floor(active / DAY), rest = active - days * DAY;
	double lo = 0.0, hi = DAY, x = rest;
	for (int k = 0; k < 60; k++) {
		double f = active_between(t, clock, x) - rest;
		if (fabs(f) < 1e-9)
			break;
		if (f > 0.0)
			hi = x;
		else
			lo = x;
		double nx = x - f / timing_activity(t, clock + x);
		x = nx > lo && nx < hi ? nx : 0.5 * (lo + hi);
	}
	return days * DAY + x;
}
