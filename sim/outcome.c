#include "outcome.h"

#include <math.h>
#include <stdlib.h>

static double at(const struct series *s, uint32_t t, enum series_col c)
{
	return s->v[(size_t)t * SERIES_NCOL + c];
}

void outcome_from_series(const struct series *s, uint32_t incident_tick,
                         uint32_t n, struct summary *out)
{
	double *v = out->v;
	for (int k = 0; k < SUMMARY_NFIELD; k++)
		v[k] = 0.0;
	v[SUM_first_response] = NAN;
	/* Minutes need tick_minutes: outcome_compute fills them. */
	v[SUM_first_response_minutes] = v[SUM_peak_minutes] =
		v[SUM_duration_minutes] = NAN;
	v[SUM_statement_minutes] = NAN;  /* known only from the responder */

	uint32_t first_neg = UINT32_MAX, peak_t = 0;
	double peak = 0.0;
	for (uint32_t t = 0; t < s->rows; t++) {
		double neg = at(s, t, COL_posts_neg);
		if (neg > 0 && first_neg == UINT32_MAX)
			first_neg = t;
		if (neg > peak) {
			peak = neg;
			peak_t = t;
		}
		v[SUM_damage] += neg;
		v[SUM_replies] += at(s, t, COL_replies);
		v[SUM_gaffes] += at(s, t, COL_gaffes);
		v[SUM_statements] += at(s, t, COL_statements);
		if (isnan(v[SUM_first_response]) &&
		    at(s, t, COL_replies) + at(s, t, COL_statements) > 0)
			v[SUM_first_response] = (double)t - (double)incident_tick;
	}
	v[SUM_peak_negative] = peak;
	v[SUM_peak_tick] = peak_t;

	/* Duration: from the first negative post to the last tick at which the
	 * negative volume was still at or above 10 % of its peak, plus one. */
	if (first_neg != UINT32_MAX) {
		uint32_t last = first_neg;
		for (uint32_t t = first_neg; t < s->rows; t++)
			if (at(s, t, COL_posts_neg) >= 0.1 * peak)
				last = t;
		v[SUM_duration] = last - first_neg + 1;
	}
	if (s->rows > 0) {
		uint32_t t = s->rows - 1;
		v[SUM_reach] = at(s, t, COL_aware);
		v[SUM_reach_share] = n ? at(s, t, COL_aware) / n : 0.0;
		v[SUM_final_attitude] = at(s, t, COL_mean_attitude);
		v[SUM_final_neg_share] = at(s, t, COL_neg_share);
	}
}

static int by_value(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Who got an answer, and how fast: the outcomes Einwiller & Steilen (2015)
 * measured on real brand pages.  The median of an even count is the mean of
 * the two middle values. */
static void replies(const struct outcome_input *in, struct summary *sum)
{
	struct latency_log *l = in->latency;
	sum->v[SUM_complainants] = (double)in->complainants;
	sum->v[SUM_answered_share] = in->complainants ?
		(double)in->answered / (double)in->complainants : NAN;
	sum->v[SUM_reply_minutes] = NAN;
	sum->v[SUM_answered_audience] = NAN;
	/* Per complaint thread (Einwiller & Steilen coded threads, not
	 * people): every mention is a thread, and every reply answers one
	 * mention the brand popped from its queue, never one twice, so the
	 * latencies are the first (and only) reply of each answered thread. */
	sum->v[SUM_threads] = in->threads;
	sum->v[SUM_thread_unanswered_share] = in->threads > 0 ?
		1.0 - (double)l->n / in->threads : NAN;
	sum->v[SUM_thread_reply_mean_minutes] = NAN;
	if (l->n == 0)
		return;
	double total = 0;
	for (size_t k = 0; k < l->n; k++)
		total += l->v[k];
	sum->v[SUM_thread_reply_mean_minutes] = total / (double)l->n * in->tick_minutes;
	/* Whom the brand answered, by audience (Gunarathne et al. 2018 found
	 * airlines answer high-follower accounts more often).  One pass over
	 * the agents at the end of the run, not per tick. */
	const struct population *p = in->pop;
	double all = 0, answered = 0;
	uint64_t n_all = 0, n_answered = 0;
	for (uint32_t i = 0; i < p->n; i++) {
		if (!(p->flags[i] & POP_F_COMPLAINED))
			continue;
		double k = graph_out_degree(in->g, i);
		all += k;
		n_all++;
		if (p->flags[i] & POP_F_REPLIED) {
			answered += k;
			n_answered++;
		}
	}
	if (n_answered > 0 && all > 0)
		sum->v[SUM_answered_audience] =
			(answered / (double)n_answered) / (all / (double)n_all);
	qsort(l->v, l->n, sizeof *l->v, by_value);
	double mid = l->n % 2 ? l->v[l->n / 2]
	           : 0.5 * ((double)l->v[l->n / 2 - 1] + (double)l->v[l->n / 2]);
	sum->v[SUM_reply_minutes] = mid * in->tick_minutes;
}

/* What the plan document did: prepared against improvised replies, and
 * when the official statement came (models/README.md §4 "plan"). */
static void plan_outcomes(const struct outcome_input *in, struct summary *sum)
{
	const struct plan_tally *t = in->tally;
	sum->v[SUM_statement_minutes] = NAN;
	if (!t)
		return;
	sum->v[SUM_qa_replies] = (double)t->qa_replies;
	sum->v[SUM_improvised_replies] = (double)t->improvised;
	if (t->statement_tick != UINT32_MAX)
		sum->v[SUM_statement_minutes] = ((double)t->statement_tick -
		                                 (double)in->incident_tick) *
		                                in->tick_minutes;
}

void outcome_compute(const struct outcome_input *in, struct summary *out)
{
	outcome_from_series(in->series, in->incident_tick, in->pop->n, out);
	replies(in, out);
	/* The tick outcomes in minutes, NaN where they are. */
	double *v = out->v;
	v[SUM_first_response_minutes] = v[SUM_first_response] * in->tick_minutes;
	v[SUM_peak_minutes] = v[SUM_peak_tick] * in->tick_minutes;
	v[SUM_duration_minutes] = v[SUM_duration] * in->tick_minutes;
	plan_outcomes(in, out);
}
