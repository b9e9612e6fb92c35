/* rng — named random streams over GSL generators.
 *
 * A run never touches a process-wide generator.  Every consumer gets its own
 * stream, derived from (scenario seed, purpose, run index) by a SplitMix64
 * hash, so that the graph does not depend on what the dynamics draw, and run k
 * of an ensemble is the same whichever thread or process computes it.
 *
 * The generator is xoshiro256** (Blackman & Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021) packaged as a
 * gsl_rng_type, so all of GSL's gsl_ran_* distributions work on it.  Unlike
 * GSL's mt19937 (32-bit seeds) it takes the whole 64-bit derived seed, so
 * distinct streams cannot collide by seed truncation.
 */
#ifndef CRISIM_RNG_H
#define CRISIM_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

/* Purposes: fixed numbers, part of the reproducibility contract.  Never
 * renumber; append. */
enum rng_purpose {
	RNG_GRAPH      = 1,  /* network generation */
	RNG_POPULATION = 2,  /* roles, attitudes, activity */
	RNG_INCIDENT   = 3,  /* who is seeded by timeline events */
	RNG_DYNAMICS   = 4,  /* spreading, posting, exposures */
	RNG_RESPONDER  = 5,  /* the brand's draws (quality, gaffes) */
	RNG_STATS      = 6   /* estimators that sample (clustering) */
};

extern const gsl_rng_type *const rng_xoshiro256ss;

/* Mix (seed, purpose, run) into one 64-bit seed.  Pure function. */
uint64_t rng_derive(uint64_t seed, enum rng_purpose purpose, uint64_t run);

/* A new generator seeded with rng_derive(seed, purpose, run); NULL when out of
 * memory.  The caller owns it (gsl_rng_free). */
gsl_rng *rng_stream(uint64_t seed, enum rng_purpose purpose, uint64_t run);

#endif
