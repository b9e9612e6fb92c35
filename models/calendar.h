/* calendar — actions scheduled for future ticks (a bucket queue).
 *
 * One bucket per tick of the run holds the agents due then, in the order
 * they were scheduled.  Scheduling is O(1) amortised; a tick's bucket is
 * taken whole, in insertion order; an action due at or after the run's
 * end is not stored but counted.  Entries cost 4 bytes each and a bucket's
 * memory is released once its tick is past, so memory follows the actions
 * pending (plus 16 bytes of header per tick of the run, left untouched
 * until used).  Nothing scans the population. */
#ifndef CRISIM_CALENDAR_H
#define CRISIM_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

struct calendar_bucket {
	uint32_t *v;
	uint32_t n, cap;
};

struct calendar {
	struct calendar_bucket *b;  /* one per tick, [0, ticks) */
	uint32_t ticks;
	uint32_t taken;             /* 1 + the last tick taken, 0 before */
	uint64_t pending;           /* entries stored and not yet taken */
	uint64_t dropped;           /* entries due at or after `ticks` */
};

/* 0, or -1 when out of memory. */
int calendar_init(struct calendar *q, uint32_t ticks);
void calendar_free(struct calendar *q);

/* Agent `agent` is due at tick `tick`, which must be later than the last
 * tick taken.  1 when stored, 0 when dropped (tick >= ticks; counted),
 * -1 when out of memory (nothing changed). */
int calendar_push(struct calendar *q, uint64_t tick, uint32_t agent);

/* The agents due at `tick`, in the order they were pushed; *n receives
 * their number.  Ticks are taken in increasing order; a tick skipped is
 * released unseen (its entries leave `pending`).  The array stays valid
 * until the next calendar_take, which releases it. */
const uint32_t *calendar_take(struct calendar *q, uint32_t tick, uint32_t *n);

#endif
