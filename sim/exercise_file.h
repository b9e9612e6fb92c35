/* exercise_file — DIR/exercise.json, what an exercise plays: written once,
 * atomically, when `crisim exercise` starts; read by `exercise --resume`
 * and by `crisim debrief`.
 *
 *   {
 *     "crisim": "0.1.0",
 *     "scenario": "/abs/path/story.json",
 *     "fingerprint": "6c2f0e0d1a2b3c4d",    FNV-1a 64 of its bytes, as
 *                                           sim/checkpoint.c's inputs.tsv
 *     "sets": ["responder.capacity=2"],     --set overrides, in order
 *     "seed": 606,                          the seed played (after --seed)
 *     "run": 0,                             the run index
 *     "every": 30,                          --every, minutes
 *     "decisions": "decisions.tsv"          in DIR
 *   }
 *
 * The scenario of the exercise is the file with the sets, then
 *   --set responder.strategy=script
 *   --set responder.script.file=DIR/decisions.tsv   (DIR absolute)
 * and the seed; exercise_load builds exactly that.  The one place outside
 * the scenario module that reads JSON, with the same cJSON.
 */
#ifndef CRISIM_EXERCISE_FILE_H
#define CRISIM_EXERCISE_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"
#include "status.h"

#define EXERCISE_FILE "exercise.json"
#define EXERCISE_DECISIONS "decisions.tsv"

struct exercise_meta {
	char *scenario;        /* absolute path; owned */
	uint64_t fingerprint;
	char **sets;           /* owned, n_sets strings */
	size_t n_sets;
	uint64_t seed;
	uint64_t run;
	double every;
};

/* Write dir/exercise.json atomically (sim/output.c).  ST_OK or ST_RUNTIME
 * with err. */
enum status exercise_meta_write(const char *dir, const struct exercise_meta *m,
                                const char *version, char *err, size_t errlen);

/* Read dir/exercise.json into *m (free with exercise_meta_free).  ST_OK,
 * ST_IO (missing), ST_BADINPUT ("DIR/exercise.json: KEY: expected ...")
 * or ST_NOMEM. */
enum status exercise_meta_read(const char *dir, struct exercise_meta *m,
                               char *err, size_t errlen);
void exercise_meta_free(struct exercise_meta *m);

/* The exercise's scenario: m's file, checked against its fingerprint
 * (ST_BADINPUT when it changed since the exercise began), loaded with its
 * sets, the script of dir/decisions.tsv and its seed.  dir must be
 * absolute.  Free *s with spec_free.  err as scenario_load's. */
enum status exercise_load(const char *dir, const struct exercise_meta *m,
                          struct scenario *s, char *err, size_t errlen);

#endif
