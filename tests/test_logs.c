/* logs: the growable lists of a run keep their entries in order within
 * their room, and the distinctness check finds a repeated agent. */
#include <criterion/criterion.h>

#include "logs.h"

Test(logs, lists_grow_in_order)
{
	struct agent_list a = { 0 };
	struct mention_log m = { 0 };
	struct latency_log l = { 0 };
	for (uint32_t i = 0; i < 5000; i++) {
		cr_assert_eq(agent_list_push(&a, 4999 - i), 0);
		cr_assert_eq(mention_log_push(&m, i, 2 * i, 0), 0);
		cr_assert_eq(latency_log_push(&l, i % 7), 0);
	}
	cr_assert_eq(a.n, 5000);
	cr_assert_leq(a.n, a.cap);
	cr_assert_leq(m.n, m.cap);
	cr_assert_leq(l.n, l.cap);
	for (uint32_t i = 0; i < 5000; i++) {
		cr_assert_eq(a.v[i], 4999 - i);
		cr_assert_eq(m.v[i].tick, i);
		cr_assert_eq(m.v[i].agent, 2 * i);
		cr_assert_eq(l.v[i], i % 7);
	}
	agent_list_free(&a);
	mention_log_free(&m);
	latency_log_free(&l);
	cr_assert_null(a.v);
	cr_assert_eq(a.n, 0);
	cr_assert_eq(m.cap, 0);
	cr_assert_eq(l.n, 0);
}

Test(logs, distinct_finds_a_repeat)
{
	struct agent_list a = { 0 };
	cr_assert(agent_list_distinct(&a, 10));
	for (uint32_t i = 0; i < 10; i++)
		cr_assert_eq(agent_list_push(&a, (7 * i) % 10), 0);
	cr_assert(agent_list_distinct(&a, 10));
	cr_assert_eq(agent_list_push(&a, 3), 0);
	cr_assert(!agent_list_distinct(&a, 10));
	a.n--;
	cr_assert_eq(agent_list_push(&a, 10), 0);  /* an id out of range */
	cr_assert(!agent_list_distinct(&a, 10));
	agent_list_free(&a);
}
