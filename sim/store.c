#include "store.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "series.h"

#define NF SUMMARY_NFIELD
#define DB_NAME "runs.sqlite"

enum status store_init(struct store *st, const char *dir, bool resume, size_t n_items)
{
	memset(st, 0, sizeof *st);
	st->dir = dir;
	st->resume = resume;
	st->n = n_items;
	st->in_db = calloc(n_items ? n_items : 1, 1);
	return st->in_db ? ST_OK : ST_NOMEM;
}

void store_close(struct store *st)
{
	if (st->db)
		sqlite3_close(st->db);
	free(st->in_db);
	memset(st, 0, sizeof *st);
}

static enum status fail(struct store *st, const char *what, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s/" DB_NAME ": %s: %s", st->dir, what,
	         st->db ? sqlite3_errmsg(st->db) : "cannot open");
	if (st->db)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return ST_RUNTIME;
}

/* A malloc'd SQL identifier: s in double quotes, inner quotes doubled. */
static char *ident(const char *s)
{
	char *q = sqlite3_mprintf("\"%w\"", s);
	return q;
}

/* CREATE TABLE statements for b's tables; sqlite3_free it. */
static char *schema_sql(const struct batch *b)
{
	sqlite3_str *x = sqlite3_str_new(NULL);
	sqlite3_str_appendall(x, "CREATE TABLE IF NOT EXISTS variants (variant "
	                      "INTEGER PRIMARY KEY, point INTEGER NOT NULL, "
	                      "strategy TEXT NOT NULL");
	for (size_t a = 0; a < b->n_axes; a++) {
		char *q = ident(b->axes[a].path);
		sqlite3_str_appendf(x, ", %s NUMERIC", q ? q : "?");
		sqlite3_free(q);
	}
	sqlite3_str_appendall(x, ");\nCREATE TABLE IF NOT EXISTS runs (variant "
	                      "INTEGER NOT NULL, run INTEGER NOT NULL, seed INTEGER "
	                      "NOT NULL");
	for (int k = 0; k < NF; k++)
		sqlite3_str_appendf(x, ", \"%w\" REAL", summary_field_name[k]);
	sqlite3_str_appendall(x, ", PRIMARY KEY (variant, run)) WITHOUT ROWID;\n"
	                      "CREATE TABLE IF NOT EXISTS manifest (key TEXT PRIMARY "
	                      "KEY, value TEXT);\n");
	return sqlite3_str_finish(x);
}

/* The variants rows (replaced: the same batch writes the same rows). */
static int write_variants(struct store *st, const struct batch *b)
{
	sqlite3_str *x = sqlite3_str_new(NULL);
	sqlite3_str_appendall(x, "INSERT OR REPLACE INTO variants VALUES (?, ?, ?");
	for (size_t a = 0; a < b->n_axes; a++)
		sqlite3_str_appendall(x, ", ?");
	sqlite3_str_appendall(x, ")");
	char *sql = sqlite3_str_finish(x);
	sqlite3_stmt *q = NULL;
	int rc = sql ? sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	for (size_t v = 0; rc == SQLITE_OK && v < b->n_variants; v++) {
		const struct batch_variant *pv = &b->v[v];
		/* the label of compare's and sweep's tables */
		const char *strat = b->strats[pv->strat] ? b->strat_dirs[pv->strat] :
		                    pv->s.responder.strategy;
		sqlite3_bind_int64(q, 1, (sqlite3_int64)v);
		sqlite3_bind_int64(q, 2, (sqlite3_int64)pv->point);
		sqlite3_bind_text(q, 3, strat, -1, SQLITE_STATIC);
		for (size_t a = 0; a < b->n_axes; a++)
			sqlite3_bind_text(q, (int)a + 4,
			                  b->axes[a].labels[batch_axis_pos(b, pv->point, a)],
			                  -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		rc = rc == SQLITE_DONE ? sqlite3_reset(q) : rc;
	}
	sqlite3_finalize(q);
	return rc;
}

/* Whether the database holds tables of batch b: its manifest's
 * fingerprint row is b's (inside a transaction). */
static bool same_batch(struct store *st, const struct batch *b)
{
	sqlite3_stmt *q = NULL;
	bool same = false;
	if (sqlite3_prepare_v2(st->db, "SELECT value FROM manifest WHERE key = "
	                       "'fingerprint'", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(q, 0);
		char want[32];
		snprintf(want, sizeof want, "%016llx", (unsigned long long)b->fingerprint);
		same = v && strcmp((const char *)v, want) == 0;
	}
	sqlite3_finalize(q);
	return same;
}

/* The manifest row naming the batch (checkpoint.h's fingerprint). */
static int write_fingerprint(struct store *st, const struct batch *b)
{
	char *sql = sqlite3_mprintf("INSERT OR REPLACE INTO manifest VALUES "
	                            "('fingerprint', '%016llx')",
	                            (unsigned long long)b->fingerprint);
	int rc = sql ? sqlite3_exec(st->db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	return rc;
}

/* Open the database, make the tables and write the variants: one
 * transaction.  The tables are emptied first for a new batch, and for a
 * --resume when they are not this batch's (the interrupted session could
 * not write them, and an earlier batch's are still there). */
static enum status prepare(struct store *st, const struct batch *b,
                           char *err, size_t errlen)
{
	if (!st->db) {
		char path[4200];
		if ((size_t)snprintf(path, sizeof path, "%s/" DB_NAME, st->dir) >= sizeof path) {
			snprintf(err, errlen, "%s: directory name too long", st->dir);
			return ST_RUNTIME;
		}
		sqlite3 *db = NULL;
		int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
		                         SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL);
		if (rc != SQLITE_OK) {
			snprintf(err, errlen, "%s: cannot open: %s", path,
			         db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
			sqlite3_close(db);
			return rc == SQLITE_NOMEM ? ST_NOMEM : ST_RUNTIME;
		}
		sqlite3_busy_timeout(db, 2000);
		st->db = db;
	}
	if (st->ready)
		return ST_OK;
	char *schema = schema_sql(b);
	if (!schema) {
		snprintf(err, errlen, "out of memory");
		return ST_NOMEM;
	}
	int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK && !(st->resume && same_batch(st, b)))
		/* a new batch: the tables of an earlier one go, in the same
		 * transaction as the new ones are made */
		rc = sqlite3_exec(st->db, "DROP TABLE IF EXISTS variants; DROP TABLE "
		                  "IF EXISTS runs; DROP TABLE IF EXISTS manifest;",
		                  NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, schema, NULL, NULL, NULL);
	sqlite3_free(schema);
	if (rc == SQLITE_OK)
		rc = write_variants(st, b);
	if (rc == SQLITE_OK)
		rc = write_fingerprint(st, b);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return fail(st, "cannot make the tables", err, errlen);
	st->ready = true;
	return ST_OK;
}

/* Insert the done items not yet written (inside a transaction). */
static int insert_runs(struct store *st, const struct batch *b,
                       const struct batch_results *r)
{
	sqlite3_str *x = sqlite3_str_new(NULL);
	sqlite3_str_appendall(x, "INSERT OR REPLACE INTO runs VALUES (?, ?, ?");
	for (int k = 0; k < NF; k++)
		sqlite3_str_appendall(x, ", ?");
	sqlite3_str_appendall(x, ")");
	char *sql = sqlite3_str_finish(x);
	sqlite3_stmt *q = NULL;
	int rc = sql ? sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	size_t n = r->n < st->n ? r->n : st->n;
	for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
		if (!r->done[i] || st->in_db[i])
			continue;
		size_t v = batch_item_variant(b, i);
		sqlite3_bind_int64(q, 1, (sqlite3_int64)v);
		sqlite3_bind_int64(q, 2, (sqlite3_int64)batch_item_run(b, i));
		sqlite3_bind_int64(q, 3, (sqlite3_int64)b->v[v].s.seed);
		for (int k = 0; k < NF; k++) {
			double y = r->sum[i * NF + (size_t)k];
			if (isnan(y))
				sqlite3_bind_null(q, k + 4);
			else
				sqlite3_bind_double(q, k + 4, y);
		}
		rc = sqlite3_step(q);
		rc = rc == SQLITE_DONE ? sqlite3_reset(q) : rc;
	}
	sqlite3_finalize(q);
	return rc;
}

/* After a commit: the items just written are in the database. */
static void mark_written(struct store *st, const struct batch_results *r)
{
	size_t n = r->n < st->n ? r->n : st->n;
	for (size_t i = 0; i < n; i++)
		if (r->done[i])
			st->in_db[i] = 1;
}

static enum status write_tx(struct store *st, const struct batch *b,
                            const struct batch_results *r, const char *const *keys,
                            const char *const *values, size_t nkv, bool manifest,
                            char *err, size_t errlen)
{
	if (!st->dir)
		return ST_OK;
	enum status s = prepare(st, b, err, errlen);
	if (s)
		return s;
	int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = insert_runs(st, b, r);
	if (rc == SQLITE_OK && manifest) {
		sqlite3_stmt *q = NULL;
		rc = sqlite3_exec(st->db, "DELETE FROM manifest", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_prepare_v2(st->db, "INSERT INTO manifest VALUES (?, ?)",
			                        -1, &q, NULL);
		for (size_t k = 0; rc == SQLITE_OK && k < nkv; k++) {
			sqlite3_bind_text(q, 1, keys[k], -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 2, values[k], -1, SQLITE_STATIC);
			rc = sqlite3_step(q);
			rc = rc == SQLITE_DONE ? sqlite3_reset(q) : rc;
		}
		sqlite3_finalize(q);
		if (rc == SQLITE_OK)
			rc = write_fingerprint(st, b);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return fail(st, "cannot write the runs", err, errlen);
	mark_written(st, r);
	return ST_OK;
}

enum status store_write(struct store *st, const struct batch *b,
                        const struct batch_results *r, char *err, size_t errlen)
{
	return write_tx(st, b, r, NULL, NULL, 0, false, err, errlen);
}

/* The command line as one shell line (sqlite3_free it): arguments with
 * anything but [A-Za-z0-9_./=:,@%+-] in single quotes. */
static char *command_line(int argc, char **argv)
{
	sqlite3_str *x = sqlite3_str_new(NULL);
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		sqlite3_str_appendall(x, i ? " " : "");
		if (*a && strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		                 "0123456789_./=:,@%+-") == strlen(a)) {
			sqlite3_str_appendall(x, a);
			continue;
		}
		sqlite3_str_appendchar(x, 1, '\'');
		for (; *a; a++)
			if (*a == '\'')
				sqlite3_str_appendall(x, "'\\''");
			else
				sqlite3_str_appendchar(x, 1, *a);
		sqlite3_str_appendchar(x, 1, '\'');
	}
	return sqlite3_str_finish(x);
}

enum status store_finish(struct store *st, const struct batch *b,
                         const struct batch_results *r,
                         const struct store_manifest *m, char *err, size_t errlen)
{
	char seed[32], runs[32], done[32];
	snprintf(seed, sizeof seed, "%llu", m->seed);
	snprintf(runs, sizeof runs, "%llu", m->runs);
	snprintf(done, sizeof done, "%llu", m->completed);
	char *cmd = command_line(m->argc, m->argv);
	if (!cmd) {
		snprintf(err, errlen, "out of memory");
		return ST_NOMEM;
	}
	const char *const keys[] = { "crisim", "kind", "seed", "runs", "runs_completed",
	                             "interrupted", "command", "manifest.json" };
	const char *const vals[] = { m->version, m->kind, seed, runs, done,
	                             m->interrupted ? "true" : "false", cmd, m->json };
	enum status s = write_tx(st, b, r, keys, vals, sizeof keys / sizeof *keys, true,
	                         err, errlen);
	sqlite3_free(cmd);
	return s;
}
