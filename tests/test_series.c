#include <criterion/criterion.h>
#include <math.h>

#include "outcome.h"
#include "series.h"

static void set(struct series *s, uint32_t t, enum series_col c, double x)
{
	s->v[(size_t)t * SERIES_NCOL + c] = x;
}

Test(series, rows_append_in_order_only)
{
	struct series s;
	cr_assert_eq(series_init(&s, 3), 0);
	cr_assert_not_null(series_row(&s, 0));
	cr_assert_null(series_row(&s, 2), "a skipped tick is refused");
	cr_assert_not_null(series_row(&s, 1));
	cr_assert_not_null(series_row(&s, 2));
	cr_assert_null(series_row(&s, 3), "beyond capacity");
	series_free(&s);
}

/* A hand-made negative-volume curve: 0 0 2 10 6 3 0.9 0 → peak 10 at tick 3,
 * damage 21.9, first negative tick 2, last tick >= 1.0 (10 % of 10) is 5,
 * so duration = 5 - 2 + 1 = 4. */
Test(series, summary_by_hand)
{
	const double neg[] = { 0, 0, 2, 10, 6, 3, 0.9, 0 };
	struct series s;
	cr_assert_eq(series_init(&s, 8), 0);
	for (uint32_t t = 0; t < 8; t++) {
		series_row(&s, t);
		set(&s, t, COL_posts_neg, neg[t]);
		set(&s, t, COL_aware, 10 * t);
		set(&s, t, COL_mean_attitude, 0.5 - 0.1 * t);
		set(&s, t, COL_neg_share, 0.05 * t);
	}
	set(&s, 4, COL_replies, 2);
	set(&s, 6, COL_statements, 1);
	set(&s, 4, COL_gaffes, 1);
	struct summary sum;
	outcome_from_series(&s, 2, 100, &sum);
	cr_assert_float_eq(sum.v[SUM_peak_negative], 10, 1e-12);
	cr_assert_float_eq(sum.v[SUM_peak_tick], 3, 1e-12);
	cr_assert_float_eq(sum.v[SUM_damage], 21.9, 1e-12);
	cr_assert_float_eq(sum.v[SUM_duration], 4, 1e-12);
	cr_assert_float_eq(sum.v[SUM_first_response], 2, 1e-12);
	cr_assert_float_eq(sum.v[SUM_replies], 2, 1e-12);
	cr_assert_float_eq(sum.v[SUM_gaffes], 1, 1e-12);
	cr_assert_float_eq(sum.v[SUM_statements], 1, 1e-12);
	cr_assert_float_eq(sum.v[SUM_reach], 70, 1e-12);
	cr_assert_float_eq(sum.v[SUM_reach_share], 0.7, 1e-12);
	cr_assert_float_eq(sum.v[SUM_final_attitude], -0.2, 1e-12);
	cr_assert_float_eq(sum.v[SUM_final_neg_share], 0.35, 1e-12);
	series_free(&s);
}

Test(series, no_response_is_nan_and_quiet_run_has_zero_duration)
{
	struct series s;
	cr_assert_eq(series_init(&s, 4), 0);
	for (uint32_t t = 0; t < 4; t++)
		series_row(&s, t);
	struct summary sum;
	outcome_from_series(&s, 0, 10, &sum);
	cr_assert(isnan(sum.v[SUM_first_response]));
	cr_assert_eq(sum.v[SUM_duration], 0);
	cr_assert_eq(sum.v[SUM_damage], 0);
	series_free(&s);
}

Test(series, names_are_unique_identifiers)
{
	for (int i = 0; i < SERIES_NCOL; i++)
		for (int j = i + 1; j < SERIES_NCOL; j++)
			cr_assert_str_neq(series_col_name[i], series_col_name[j]);
	cr_assert_str_eq(series_col_name[0], "tick");
	cr_assert_str_eq(summary_field_name[SUM_damage], "damage");
}

Test(series, event_log_truncates_and_grows)
{
	struct event_log log = { 0 };
	for (int i = 0; i < 100; i++)
		cr_assert_eq(event_log_add(&log, (uint32_t)i, 7, "gaffe", "reply %d %s", i,
		                           "................................................................................................................................"), 0);
	cr_assert_eq(log.n, 100);
	cr_assert_eq(strlen(log.v[99].detail), sizeof log.v[99].detail - 1);
	cr_assert_str_eq(log.v[3].kind, "gaffe");
	event_log_free(&log);
}
