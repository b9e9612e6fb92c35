/* store — DIR/runs.sqlite, every run of a batch in a database (the only
 * SQLite code).
 *
 * Schema (documented in README.md, "Run store"):
 *   variants (variant INTEGER PRIMARY KEY, point INTEGER, strategy TEXT,
 *             then one NUMERIC column per grid axis, named by its path)
 *   runs     (variant INTEGER, run INTEGER, seed INTEGER, then one REAL
 *             column per SUMMARY_FIELDS outcome, NULL for NaN;
 *             PRIMARY KEY (variant, run))
 *   manifest (key TEXT PRIMARY KEY, value TEXT; the row "fingerprint"
 *             names the batch: checkpoint.h's fingerprint in hex)
 *
 * Unlike every other output the database is written in place: SQLite's
 * rollback journal makes each transaction all or nothing, so a reader (or
 * an interrupted batch) sees the database as of the last committed
 * transaction.  Each write is one transaction: the runs finished since the
 * previous write (INSERT OR REPLACE on the primary key, so a run written
 * twice, e.g. by a --resume, is one row).  A new batch (not --resume), or
 * a --resume whose database holds another batch's tables (the interrupted
 * session could not write it), empties the tables in its first
 * transaction.  Rank 0 alone writes it,
 * under the directory lock (output_lock).
 */
#ifndef CRISIM_STORE_H
#define CRISIM_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "batch.h"
#include "batch_exec.h"
#include "status.h"

struct sqlite3;

struct store {
	const char *dir;        /* NULL: no store */
	bool resume;            /* keep what the database holds */
	struct sqlite3 *db;     /* NULL until the first successful open */
	bool ready;             /* tables made (and emptied for a new batch) */
	unsigned char *in_db;   /* per item: written in this session */
	size_t n;
	bool warned;            /* a failed write was reported */
};

/* A store for batch items in dir (nothing is opened yet).  ST_OK or
 * ST_NOMEM. */
enum status store_init(struct store *st, const char *dir, bool resume, size_t n_items);

/* Write the done items of r not yet written, in one transaction, opening
 * the database and making its tables first if needed.  ST_OK, or
 * ST_RUNTIME / ST_NOMEM with err naming DIR/runs.sqlite. */
enum status store_write(struct store *st, const struct batch *b,
                        const struct batch_results *r, char *err, size_t errlen);

/* What the manifest table records (nothing is copied). */
struct store_manifest {
	const char *version, *kind;
	unsigned long long seed, runs, completed;
	bool interrupted;
	int argc;
	char **argv;          /* the command line */
	const char *json;     /* manifest.json's text */
};

/* store_write, and the manifest table replaced by m's rows (crisim, kind,
 * seed, runs, runs_completed, interrupted, command: argv shell-quoted,
 * manifest.json) and the fingerprint, in one transaction: the end of a
 * batch (finished or not). */
enum status store_finish(struct store *st, const struct batch *b,
                         const struct batch_results *r,
                         const struct store_manifest *m, char *err, size_t errlen);

void store_close(struct store *st);

#endif
