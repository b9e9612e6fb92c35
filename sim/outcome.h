/* outcome — the one place where the outcomes of a run (SUMMARY_FIELDS in
 * series.h: summary.json, runs.tsv, --summary) are computed.
 *
 * The engine hands over what the run recorded — the per-tick series, the
 * final agent state and the brand's reply log — once, after the last tick;
 * a new outcome is a row in SUMMARY_FIELDS (name, direction, meaning) and
 * its computation here, whatever it is computed from.
 */
#ifndef CRISIM_OUTCOME_H
#define CRISIM_OUTCOME_H

#include <stdint.h>

#include "graph.h"
#include "logs.h"
#include "population.h"
#include "series.h"

/* What a finished run leaves to be summarised.  Nothing is owned; the
 * reply latencies are sorted in place. */
struct outcome_input {
	const struct series *series;
	uint32_t incident_tick;          /* tick of the event that started it */
	double tick_minutes;
	const struct population *pop;    /* final state: flags, n */
	const struct graph *g;           /* audiences */
	uint64_t complainants, answered; /* agents; kept on transitions */
	struct latency_log *latency;     /* ticks from mention to reply */
	double threads;                  /* mentions logged (complaint
	                                    threads); NaN when not listening */
	const struct plan_tally *tally;  /* the responder's counts; may be NULL */
};

/* Fill every field of *out.  O(rows + agents + replies log replies), once
 * per run. */
void outcome_compute(const struct outcome_input *in, struct summary *out);

/* The outcomes that follow from the series alone (the others are left 0 or
 * NaN): for tests and tools that hold only a series. */
void outcome_from_series(const struct series *s, uint32_t incident_tick,
                         uint32_t n, struct summary *out);

#endif
