/* The run store (sim/store.h): DIR/runs.sqlite written part by part with
 * fabricated results, read back through SQLite. */
#include <criterion/criterion.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>

#include "batch.h"
#include "batch_exec.h"
#include "helpers.h"
#include "series.h"
#include "store.h"

static char err[1024];
static char dir[] = "/tmp/crisim-store-XXXXXX";

static void setup(void)
{
	strcpy(dir, "/tmp/crisim-store-XXXXXX");
	cr_assert_eq(tmpdir_make(dir), 0);
}

static void teardown(void)
{
	cr_assert_eq(tmpdir_remove(dir), 0);
}

TestSuite(store, .init = setup, .fini = teardown);

/* A sweep of 2 points x 2 strategies x `runs` runs on a tiny scenario. */
static void build(struct batch *b, uint64_t runs)
{
	static const char *const sets[] = { "network.nodes=300", "ticks=10" };
	static const char *const grids[] = { "responder.capacity=1,5" };
	struct batch_request rq = {
		.kind = BATCH_SWEEP, .file = "scenarios/default.json", .sets = sets,
		.n_sets = 2, .grids = grids, .n_grids = 1, .strategies = "adhoc,plan",
		.runs = runs,
	};
	cr_assert_eq(batch_build(b, &rq, err, sizeof err), ST_OK, "%s", err);
}

/* Item i done, its outcomes i + k / 100 (outcome 0 NaN for odd items). */
static void finish(const struct batch *b, struct batch_results *r, size_t i)
{
	(void)b;
	r->done[i] = 1;
	r->n_done++;
	for (size_t k = 0; k < SUMMARY_NFIELD; k++)
		r->sum[i * SUMMARY_NFIELD + k] = (double)i + (double)k / 100;
	if (i % 2)
		r->sum[i * SUMMARY_NFIELD] = NAN;
}

/* A number from the first row of query on dir/runs.sqlite. */
static double query(const char *sql)
{
	char path[256];
	snprintf(path, sizeof path, "%s/runs.sqlite", dir);
	sqlite3 *db;
	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *q;
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK, "%s: %s", sql,
	             sqlite3_errmsg(db));
	cr_assert_eq(sqlite3_step(q), SQLITE_ROW, "%s", sql);
	double x = sqlite3_column_type(q, 0) == SQLITE_NULL ? NAN :
	           sqlite3_column_double(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return x;
}

Test(store, parts_add_runs_once_and_a_resume_continues)
{
	struct batch b;
	build(&b, 3);
	size_t n = batch_items(&b);
	cr_assert_eq(n, 12);
	struct batch_results r;
	cr_assert_eq(batch_results_init(&r, n), ST_OK);
	struct store st;
	cr_assert_eq(store_init(&st, dir, false, n), ST_OK);
	/* nothing is opened before the first write */
	char path[256];
	snprintf(path, sizeof path, "%s/runs.sqlite", dir);
	cr_assert_neq(access(path, F_OK), 0);
	for (size_t i = 0; i < 5; i++)
		finish(&b, &r, i);
	cr_assert_eq(store_write(&st, &b, &r, err, sizeof err), ST_OK, "%s", err);
	cr_assert_eq(query("select count(*) from runs"), 5);
	cr_assert_eq(query("select count(*) from variants"), 4);
	/* a second part with the same runs and two more: no duplicate */
	finish(&b, &r, 5);
	finish(&b, &r, 6);
	cr_assert_eq(store_write(&st, &b, &r, err, sizeof err), ST_OK, "%s", err);
	cr_assert_eq(query("select count(*) from runs"), 7);
	store_close(&st);

	/* --resume: a new session writes every done item again (it knows
	 * nothing of the database): still one row each */
	cr_assert_eq(store_init(&st, dir, true, n), ST_OK);
	finish(&b, &r, 7);
	cr_assert_eq(store_write(&st, &b, &r, err, sizeof err), ST_OK, "%s", err);
	cr_assert_eq(query("select count(*) from runs"), 8);
	for (size_t i = 8; i < n; i++)
		finish(&b, &r, i);
	char *argv[] = { "crisim", "sweep", "it's here", NULL };
	struct store_manifest m = { "9.9", "sweep", 7, 3, 3, false, 3, argv, "{}" };
	cr_assert_eq(store_finish(&st, &b, &r, &m, err, sizeof err), ST_OK, "%s", err);
	store_close(&st);
	cr_assert_eq(query("select count(*) from runs"), 12);
	cr_assert_eq(query("select count(*) from manifest"), 9, "8 and the fingerprint");
	cr_assert_eq(query("select value from manifest where key = 'runs'"), 3);
	/* the command shell-quoted: crisim sweep 'it'\''s here' */
	cr_assert_eq(query("select value = 'crisim sweep ' || char(39) || 'it' || "
	                   "char(39, 92, 39, 39) || 's here' || char(39) from manifest "
	                   "where key = 'command'"), 1);

	/* item i = run k * 4 + variant v; its outcomes as written, NaN NULL */
	cr_assert_eq(query("select damage from runs where variant = 2 and run = 1"),
	             6 + (double)SUM_damage / 100);
	cr_assert(isnan(query("select peak_negative from runs where variant = 3 and run = 0")));
	cr_assert_eq(query("select count(*) from runs where peak_negative is null"), 6);
	/* variants: point, strategy and the grid value, by its path */
	cr_assert_eq(query("select \"responder.capacity\" from variants where variant = 2"), 5);
	cr_assert_eq(query("select count(*) from variants where strategy = 'plan' and "
	                   "point = 1"), 1);
	cr_assert_eq(query("select seed from runs where variant = 0 and run = 2"),
	             (double)b.v[0].s.seed);

	/* a new batch (no --resume) starts from empty tables */
	cr_assert_eq(store_init(&st, dir, false, n), ST_OK);
	struct batch_results r2;
	cr_assert_eq(batch_results_init(&r2, n), ST_OK);
	finish(&b, &r2, 0);
	cr_assert_eq(store_write(&st, &b, &r2, err, sizeof err), ST_OK, "%s", err);
	store_close(&st);
	cr_assert_eq(query("select count(*) from runs"), 1);
	cr_assert_eq(query("select count(*) from manifest"), 1, "the fingerprint");
	batch_results_free(&r2);
	batch_results_free(&r);
	batch_free(&b);
}

Test(store, a_resume_replaces_the_tables_of_another_batch)
{
	struct batch a, b;
	build(&a, 2);
	build(&b, 3);   /* another run count: another fingerprint */
	cr_assert_neq(a.fingerprint, b.fingerprint);
	struct batch_results ra, rb;
	cr_assert_eq(batch_results_init(&ra, batch_items(&a)), ST_OK);
	cr_assert_eq(batch_results_init(&rb, batch_items(&b)), ST_OK);
	for (size_t i = 0; i < batch_items(&a); i++)
		finish(&a, &ra, i);
	struct store st;
	cr_assert_eq(store_init(&st, dir, false, batch_items(&a)), ST_OK);
	cr_assert_eq(store_write(&st, &a, &ra, err, sizeof err), ST_OK, "%s", err);
	store_close(&st);
	cr_assert_eq(query("select count(*) from runs"), 8);
	/* b resumed (its first session wrote nothing here): a's rows go */
	finish(&b, &rb, 9);
	cr_assert_eq(store_init(&st, dir, true, batch_items(&b)), ST_OK);
	cr_assert_eq(store_write(&st, &b, &rb, err, sizeof err), ST_OK, "%s", err);
	store_close(&st);
	cr_assert_eq(query("select count(*) from runs"), 1);
	cr_assert_eq(query("select run from runs"), 2);
	/* and b resumed again keeps its own */
	finish(&b, &rb, 0);
	cr_assert_eq(store_init(&st, dir, true, batch_items(&b)), ST_OK);
	cr_assert_eq(store_write(&st, &b, &rb, err, sizeof err), ST_OK, "%s", err);
	store_close(&st);
	cr_assert_eq(query("select count(*) from runs"), 2);
	batch_results_free(&ra);
	batch_results_free(&rb);
	batch_free(&a);
	batch_free(&b);
}

Test(store, a_database_that_cannot_be_written_is_an_error_naming_it)
{
	struct batch b;
	build(&b, 1);
	struct batch_results r;
	cr_assert_eq(batch_results_init(&r, batch_items(&b)), ST_OK);
	finish(&b, &r, 0);
	/* a file that is not a database */
	char path[256];
	snprintf(path, sizeof path, "%s/runs.sqlite", dir);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("not a database, but long enough to be read as one's header....\n"
	      "................................................................\n", f);
	fclose(f);
	struct store st;
	cr_assert_eq(store_init(&st, dir, true, batch_items(&b)), ST_OK);
	cr_assert_eq(store_write(&st, &b, &r, err, sizeof err), ST_RUNTIME);
	cr_assert(strstr(err, "runs.sqlite"), "%s", err);
	store_close(&st);
	batch_results_free(&r);
	batch_free(&b);
}
