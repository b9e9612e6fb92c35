/* debrief_source — what a debrief needs of an exercise directory: the
 * scenario it was played on (path and content fingerprint), the --set
 * overrides, the seed, the run index and the pause interval, read from
 * DIR/exercise.json (written by `crisim exercise`, sim/exercise.c).
 */
#ifndef CRISIM_DEBRIEF_SOURCE_H
#define CRISIM_DEBRIEF_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

struct debrief_source {
	char *scenario;       /* absolute path; owned */
	uint64_t hash;        /* FNV-1a 64 of its bytes (checkpoint_hash_file) */
	char **sets;          /* --set PATH=VALUE in order; owned */
	size_t n_sets;
	bool have_seed;
	uint64_t seed;
	uint64_t run;         /* run index (0 unless recorded) */
	double every;         /* minutes between pauses; 0 unknown */
};

/* Read dir/exercise.json.  ST_OK; ST_IO (missing, unreadable) or
 * ST_BADINPUT (not what `crisim exercise` writes) with err naming the file
 * and the key; ST_NOMEM.  *src is zeroed on failure; free it with
 * debrief_source_free either way. */
enum status debrief_source_read(const char *dir, struct debrief_source *src,
                                char *err, size_t errlen);
void debrief_source_free(struct debrief_source *src);

#endif
