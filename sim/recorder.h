/* recorder — the per-agent history of one run, as a list of changes.
 *
 * An optional observer of the population setters (population.h): when a
 * population's `rec` is set, every change of an agent's awareness state,
 * every recorded change of its attitude and every brand reply to it is
 * appended here with the current tick.  A run without a recorder pays one
 * branch per setter call.  Memory follows the changes recorded, plus 9
 * bytes per agent (role, the attitudes at the start and last recorded),
 * never ticks x agents.
 *
 * Attitudes are quantised: a new value is recorded when it has moved by at
 * least RECORDER_ATTITUDE_STEP since the agent's last recorded value, or
 * when it crosses one of the tone cuts (0: negative below; the spread's
 * fan_threshold: positive above; models/crisis.c tone_of), so a reader
 * sees every change of tone exactly and the attitude to within the step.
 * Our own choice, for export (sim/gexf.c); the run itself is unaffected.
 *
 * Invariant: v[0 .. n) is in the order of the calls, so ticks never
 * decrease.
 */
#ifndef CRISIM_RECORDER_H
#define CRISIM_RECORDER_H

#include <stddef.h>
#include <stdint.h>

#define RECORDER_ATTITUDE_STEP 0.05f

enum rec_kind { REC_STATE, REC_ATTITUDE, REC_REPLY };

struct rec_change {
	uint32_t tick, agent;
	float value;          /* REC_STATE: the new enum aware; REC_ATTITUDE:
	                         the new attitude; REC_REPLY: 0 */
	uint8_t kind;         /* enum rec_kind */
};

struct recorder {
	uint32_t tick;        /* set by the engine before each tick's work */
	uint32_t n_agents;
	float cut[2];         /* tone cuts: 0 and fan_threshold */
	uint8_t *role;        /* n_agents roles (enum role), copied at the start */
	float *initial;       /* n_agents attitudes when recording started */
	float *last;          /* n_agents attitudes last recorded */
	struct rec_change *v;
	size_t n, cap;
	int oom;              /* an append failed: the history is incomplete */
};

/* Start recording n agents whose attitudes and roles are attitude[0 .. n)
 * and role[0 .. n) now, with the tone cut fan (the spread's
 * fan_threshold).  0, or -1 when out of memory (nothing to free then).
 * O(n). */
int recorder_init(struct recorder *r, uint32_t n, const float *attitude,
                  const uint8_t *role, float fan);
void recorder_free(struct recorder *r);

/* The hooks (population.h calls them; brand replies from models/brand.c).
 * An append that fails sets r->oom and drops the change. */
void recorder_state(struct recorder *r, uint32_t agent, unsigned state);
void recorder_attitude(struct recorder *r, uint32_t agent, float x);
void recorder_reply(struct recorder *r, uint32_t agent);

#endif
