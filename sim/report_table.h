/* report_table — what the report writers share (report.c: runs, ensemble,
 * summary, sweep; report_compare.c: comparison and trainer board): the
 * tables they write (TSV, or without preamble, or CSV), the stop check,
 * the metadata lines and the statistics texts.  Internal to sim/report*.
 */
#ifndef CRISIM_REPORT_TABLE_H
#define CRISIM_REPORT_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "output.h"
#include "report.h"

#define NF SUMMARY_NFIELD

extern const char report_ci_text[];        /* how the CIs are computed */
extern const char report_quantile_text[];  /* how quantiles are */

/* A table the reports write: NAME.tsv straight to its file by default; with
 * --no-preamble or --format csv the writer's TSV goes to a buffer and is
 * rewritten into NAME.tsv or NAME.csv when committed (table_rewrite).
 * The writer writes to f either way. */
struct table {
	FILE *f;
	struct out_file out;
	char *buf;
	size_t len;
	bool strip, csv;
};

/* Open table stem ("runs") of dir: stem.tsv, or stem.csv with --format
 * csv; commit renames it into place; interrupted abandons it (temporary
 * removed) and returns ST_INTERRUPTED. */
enum status report_table_open(struct table *t, const char *dir, const char *stem,
                              const struct report_opts *ro, char *err, size_t errlen);
enum status report_table_commit(struct table *t, char *err, size_t errlen);
enum status report_table_interrupted(struct table *t, char *err, size_t errlen);
/* The TSV text tsv[0..len) to f: without its '#' lines when strip, as CSV
 * when csv (RFC 4180). */
void report_table_rewrite(FILE *f, const char *tsv, size_t len, bool strip,
                          bool csv);
/* A stop requested while writing: abandon o (may be NULL). */
enum status report_interrupted(struct out_file *o, char *err, size_t errlen);

/* `# scenario:`, `# seed:`, `# runs:` ... lines above a table. */
void report_meta_text(FILE *f, const struct scenario *s, const char *runs);
void report_meta(FILE *f, const struct scenario *s, size_t runs);
/* TAB then each of x[0..n) as a TSV number. */
void report_tsv_nums(FILE *f, const double *x, size_t n);

#endif
