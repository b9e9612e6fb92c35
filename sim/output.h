/* output — the only module that writes files.
 *
 * Every file is written to a temporary name in the destination directory
 * and renamed over the final name only after a successful flush, fsync and
 * close, so a reader never sees a half-written file and a failed run never
 * clobbers an earlier good one.  Write errors (disk full, unwritable
 * directory) are reported, not ignored.
 */
#ifndef CRISIM_OUTPUT_H
#define CRISIM_OUTPUT_H

#include <stdio.h>

#include "graph.h"
#include "status.h"
#include "series.h"
#include "spec.h"

struct out_file {
	FILE *f;
	char *tmp, *final;   /* owned; NULL for stdout */
};

/* mkdir -p.  ST_OK, or ST_RUNTIME / ST_NOMEM with err set. */
enum status output_mkdir(const char *dir, char *err, size_t errlen);

/* Open dir/name for writing through a new temporary file in dir, created
 * exclusively (O_EXCL|O_NOFOLLOW: never through a planted link) under an
 * unpredictable name ".NAME.tmpPID.RANDOM"; dir "-" means stdout. */
enum status output_open(struct out_file *o, const char *dir, const char *name,
                        char *err, size_t errlen);
/* Flush, sync, close and rename into place.  On a write error the temporary
 * file is removed and ST_RUNTIME returned with err naming the file. */
enum status output_commit(struct out_file *o, char *err, size_t errlen);
/* Give up: close and remove the temporary file. */
void output_abort(struct out_file *o);

/* An exclusive lock on an output directory, so that two crisim processes
 * never write into one directory at once (their files would mix, and one
 * could delete the other's checkpoint).  flock(2) on DIR/.crisim.lock,
 * which holds the holder's pid; the lock dies with the process, so a
 * killed job never leaves a directory locked.  The file is removed on
 * release. */
struct out_lock {
	int fd;        /* -1 when not held */
	char *path;    /* owned */
};

/* Take the lock of existing directory dir without waiting.  ST_OK;
 * ST_BADINPUT when another process holds it (err names its pid), or
 * ST_RUNTIME / ST_NOMEM. */
enum status output_lock(struct out_lock *l, const char *dir,
                        char *err, size_t errlen);
/* Release (and remove) the lock; a no-op for a lock not held. */
void output_unlock(struct out_lock *l);

/* For files another program writes (gnuplot's plots): a new private
 * directory inside dir (mkdtemp, mode 0700: nobody else can plant a link
 * in it), *path malloc'd.  The program writes there; output_adopt renames
 * a finished file into dir, atomically; output_private_remove deletes the
 * directory and whatever is left in it, and frees *path. */
enum status output_private_dir(const char *dir, char **path,
                               char *err, size_t errlen);
enum status output_adopt(const char *pdir, const char *name, const char *dir,
                         char *err, size_t errlen);
void output_private_remove(char **path);

/* Metadata written as `# key: value` comment lines above series tables. */
struct out_meta {
	const char *scenario;
	unsigned long long seed;
	const char *version;
	double tick_minutes;  /* events.tsv gains a minutes column */
};

void output_series(FILE *f, const struct out_meta *m, const struct series *s);
void output_events(FILE *f, const struct out_meta *m, const struct event_log *log);
void output_summary_json(FILE *f, const struct summary *sum, const char *indent);
/* summary.json of a single run: the outcomes and, when the plan has a
 * stakeholder map, "stakeholders": { name: { priority, members,
 * complained, answered } } per group (ensembles and runs.tsv leave it
 * out). */
void output_run_summary_json(FILE *f, const struct summary *sum,
                             const struct scenario *s,
                             const struct plan_tally *t);
/* DIR/ids.tsv, the id map of a graph read from a file of sparse ids or
 * of string ids (graph.h: ids or names): a header "index\tid", then one line "v\tid" per agent in
 * index order, so that the agent numbers of the other outputs (events.tsv's
 * actor) can be read as the file's ids.  Written atomically like every
 * file.  g NULL or without a map: nothing is written, and an ids.tsv left
 * in DIR by an earlier run is removed, since it would not describe the
 * files just written beside it.  ST_OK, or ST_RUNTIME / ST_NOMEM with err
 * naming the file. */
enum status output_ids(const char *dir, const struct graph *g, char *err,
                       size_t errlen);
/* A JSON string literal with escapes. */
void output_json_string(FILE *f, const char *s);
/* v[0..n) as a JSON array of strings on one line: ["a", "b"]. */
void output_json_strings(FILE *f, char *const *v, int n);
/* A double as JSON: shortest round-trip form, NaN/inf as null. */
void output_json_number(FILE *f, double x);
/* A double as TSV: integers without a fraction, others with 10 digits. */
void output_tsv_number(FILE *f, double x);

#endif
