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
#include "series.h"

struct out_file {
	FILE *f;
	char *tmp, *final;   /* owned; NULL for stdout */
};

/* mkdir -p.  0, or -1 with err set. */
int output_mkdir(const char *dir, char *err, size_t errlen);

/* Open dir/name for writing through a temporary file; dir "-" means stdout. */
int output_open(struct out_file *o, const char *dir, const char *name,
                char *err, size_t errlen);
/* Flush, sync, close and rename into place.  On a write error the temporary
 * file is removed and -1 returned with err naming the file. */
int output_commit(struct out_file *o, char *err, size_t errlen);
/* Give up: close and remove the temporary file. */
void output_abort(struct out_file *o);

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
/* A JSON string literal with escapes. */
void output_json_string(FILE *f, const char *s);
/* A double as JSON: shortest round-trip form, NaN/inf as null. */
void output_json_number(FILE *f, double x);
/* A double as TSV: integers without a fraction, others with 10 digits. */
void output_tsv_number(FILE *f, double x);

#endif
