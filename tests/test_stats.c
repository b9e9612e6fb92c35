/* stats: descriptive statistics against values computed by hand. */
#include <criterion/criterion.h>
#include <math.h>

#include "stats.h"

Test(stats, known_data)
{
	/* 2 4 4 4 5 5 7 9: mean 5, sum of squares 32, sample sd sqrt(32/7). */
	double x[] = { 9, 4, 5, 4, 2, 7, 4, 5 }, tmp[8];
	struct stats_desc d;
	stats_describe(x, 1, 8, tmp, &d);
	cr_assert_eq(d.n, 8);
	cr_assert_eq(d.n_nan, 0);
	cr_assert_float_eq(d.mean, 5.0, 1e-12);
	cr_assert_float_eq(d.sd, sqrt(32.0 / 7.0), 1e-12);
	/* type 7: q(f) at position (n-1) f = 7 f over 2 4 4 4 5 5 7 9 */
	cr_assert_float_eq(d.q50, 4.5, 1e-12);         /* 3.5: 4 + .5 (5-4) */
	cr_assert_float_eq(d.q25, 4.0, 1e-12);         /* 1.75: 4 */
	cr_assert_float_eq(d.q75, 5.5, 1e-12);         /* 5.25: 5 + .25 (7-5) */
	cr_assert_float_eq(d.q05, 2.7, 1e-12);         /* 0.35: 2 + .35 (4-2) */
	cr_assert_float_eq(d.q95, 8.3, 1e-12);         /* 6.65: 7 + .65 (9-7) */
	/* t(0.975, 7) = 2.364624252 */
	double h = 2.364624252 * sqrt(32.0 / 7.0) / sqrt(8.0);
	cr_assert_float_eq(d.ci_lo, 5.0 - h, 1e-8);
	cr_assert_float_eq(d.ci_hi, 5.0 + h, 1e-8);
}

Test(stats, nan_excluded_and_counted_with_stride)
{
	/* every second value: 1 NaN 3 NaN 5 */
	double x[] = { 1, -9, NAN, -9, 3, -9, NAN, -9, 5, -9 }, tmp[5];
	struct stats_desc d;
	stats_describe(x, 2, 5, tmp, &d);
	cr_assert_eq(d.n, 3);
	cr_assert_eq(d.n_nan, 2);
	cr_assert_float_eq(d.mean, 3.0, 1e-12);
	cr_assert_float_eq(d.sd, 2.0, 1e-12);
	cr_assert_float_eq(d.q50, 3.0, 1e-12);
}

Test(stats, degenerate_sizes)
{
	double one = 7, nan1 = NAN, tmp[1];
	struct stats_desc d;
	stats_describe(&one, 1, 1, tmp, &d);
	cr_assert_eq(d.mean, 7);
	cr_assert_eq(d.q05, 7);
	cr_assert(isnan(d.sd) && isnan(d.ci_lo) && isnan(d.ci_hi));
	stats_describe(&nan1, 1, 1, tmp, &d);
	cr_assert_eq(d.n, 0);
	cr_assert_eq(d.n_nan, 1);
	cr_assert(isnan(d.mean) && isnan(d.q50));
	stats_describe(NULL, 1, 0, NULL, &d);
	cr_assert_eq(d.n, 0);
	cr_assert(isnan(stats_ci95_factor(1)));
}

Test(stats, direction_table)
{
	cr_assert_eq(stats_better[SUM_damage], -1);
	cr_assert_eq(stats_better[SUM_final_attitude], 1);
	cr_assert_str_eq(stats_better_word(-1), "lower");
	cr_assert_str_eq(stats_better_word(0), "-");
}

Test(stats, constant_data_shortcut_matches_the_general_path)
{
	double x[] = { 3.25, 3.25, NAN, 3.25 }, tmp[4];
	struct stats_desc d;
	stats_describe(x, 1, 4, tmp, &d);
	cr_assert_eq(d.n, 3);
	cr_assert_eq(d.n_nan, 1);
	cr_assert_eq(d.mean, 3.25);
	cr_assert_eq(d.sd, 0);
	cr_assert_eq(d.q05, 3.25);
	cr_assert_eq(d.q95, 3.25);
	cr_assert_eq(d.ci_lo, 3.25);
	cr_assert_eq(d.ci_hi, 3.25);
}
