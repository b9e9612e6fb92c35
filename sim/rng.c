#include "rng.h"

#include <string.h>

struct xoshiro { uint64_t s[4]; };

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t next(struct xoshiro *st)
{
	uint64_t *s = st->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* State expanded from the seed with SplitMix64, as the authors recommend; it
 * is never all-zero because SplitMix64 is a bijection of a moving counter. */
static void xs_set(void *vstate, unsigned long seed)
{
	struct xoshiro *st = vstate;
	uint64_t x = (uint64_t)seed;
	for (int i = 0; i < 4; i++)
		st->s[i] = splitmix64(&x);
}

/* GSL wants integers in [min, max]; the upper 32 bits are the best ones. */
static unsigned long xs_get(void *vstate)
{
	return (unsigned long)(next(vstate) >> 32);
}

/* 53 random bits → [0, 1). */
static double xs_get_double(void *vstate)
{
	return (double)(next(vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type xoshiro_type = {
	"xoshiro256**", 0xffffffffUL, 0, sizeof(struct xoshiro),
	xs_set, xs_get, xs_get_double
};

const gsl_rng_type *const rng_xoshiro256ss = &xoshiro_type;

uint64_t rng_derive(uint64_t seed, enum rng_purpose purpose, uint64_t run)
{
	uint64_t x = seed;
	uint64_t h = splitmix64(&x);
	x = h ^ ((uint64_t)purpose * 0xd1b54a32d192ed03ULL);
	h = splitmix64(&x);
	x = h ^ (run * 0x8cb92ba72f3d8dd7ULL);
	return splitmix64(&x);
}

gsl_rng *rng_stream(uint64_t seed, enum rng_purpose purpose, uint64_t run)
{
	gsl_rng *r = gsl_rng_alloc(rng_xoshiro256ss);
	if (r)
		gsl_rng_set(r, (unsigned long)rng_derive(seed, purpose, run));
	return r;
}
