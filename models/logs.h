/* logs — the growable lists a run keeps while it ticks: the engine's active
 * lists of agents, the mentions the brand's listening may see, and the
 * reply latencies summarised at the end.
 *
 * Each is { v, n, cap }: v[0 .. n) holds the entries in append order, room
 * for cap (n <= cap always).  A zeroed struct is an empty list; _free
 * returns it to that state.  _push grows the room by doubling (sim/grow.h),
 * amortised O(1), and returns 0, or -1 when out of memory with the list
 * unchanged.  Nothing here is shared between runs.
 */
#ifndef CRISIM_LOGS_H
#define CRISIM_LOGS_H

#include <stddef.h>
#include <stdint.h>

/* A growable list of agent ids (the engine's active lists). */
struct agent_list {
	uint32_t *v;
	uint32_t n;
	size_t cap;
};

/* A negative post the brand's listening could see, and the question it
 * asks (an index into scenario.topics). */
struct mention {
	uint32_t tick, agent, topic;
};

struct mention_log {
	struct mention *v;
	size_t n, cap;
};

/* Ticks from each answered mention to its reply. */
struct latency_log {
	uint32_t *v;
	size_t n, cap;
};

int agent_list_push(struct agent_list *l, uint32_t id);
void agent_list_free(struct agent_list *l);

/* 1 when no id is in l twice (ids < n).  O(l->n + n / 8) with a bitmap of
 * scratch: for the invariant checks of CRISIM_CHECKS builds, never per tick
 * otherwise; 1 also when the scratch cannot be allocated. */
int agent_list_distinct(const struct agent_list *l, uint32_t n);

int mention_log_push(struct mention_log *m, uint32_t tick, uint32_t agent,
                     uint32_t topic);
void mention_log_free(struct mention_log *m);
int latency_log_push(struct latency_log *l, uint32_t ticks);
void latency_log_free(struct latency_log *l);

#endif
