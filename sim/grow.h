/* grow — room for one more element in a growable array.
 *
 * `v` holds `n` elements of `size` bytes in room for `*cap`.  Returns the
 * array to use from now on: `v` itself while there is room, else `v`
 * reallocated to twice the room (`first` elements the first time), with
 * *cap updated.  NULL when out of memory; then `v` and *cap are untouched
 * and still valid.  Amortised O(1) per push. */
#ifndef CRISIM_GROW_H
#define CRISIM_GROW_H

#include <stddef.h>
#include <stdlib.h>

static inline void *grow(void *v, size_t *cap, size_t n, size_t size,
                         size_t first)
{
	if (n < *cap)
		return v;
	size_t room = *cap ? 2 * *cap : first;
	void *p = realloc(v, room * size);
	if (p)
		*cap = room;
	return p;
}

#endif
