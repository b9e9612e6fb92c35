/* What batches leave behind, through the binary ($CRISIM): the directory
 * lock, a checkpoint that cannot be written, the run store, tables without
 * preamble or as CSV, plain progress lines, plots never written through a
 * planted link. */
#include "cli_dir.h"

TestSuite(batch_files, .init = setup, .fini = teardown);

/* Two writers into one -o DIR mixed their files, and a short job that
 * finished deleted a long job's checkpoint.  DIR's lock is held here by
 * flock(1) on a lock file that names pid 4242, as another crisim would
 * hold it: every writing command must refuse DIR (exit 2, naming the
 * holder) and leave it untouched. */
Test(batch_files, a_directory_in_use_is_refused)
{
	cr_assert_eq(shell("mkdir -p %s/busy && (echo 4242 > %s/busy/.crisim.lock)", dir, dir), 0);
	cr_assert_eq(shell("(flock %s/busy/.crisim.lock sleep 20 >/dev/null 2>&1 &) ; "
	                   "for i in $(seq 100); do flock -n %s/busy/.crisim.lock true || "
	                   "exit 0; sleep 0.05; done; exit 1", dir, dir), 0,
	             "flock(1) did not take the lock");
	static const char *const cmds[] = {
		"run " SMALL " -o %s/busy",
		"run " SMALL " --runs 2 -o %s/busy",
		"compare " SMALL " --strategies none,plan --runs 2 -o %s/busy",
		"sweep " SMALL " --grid responder.capacity=1,2 --runs 1 -o %s/busy",
	};
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
		char c[1024];
		snprintf(c, sizeof c, cmds[i], dir);
		cr_assert_eq(sh("%s", c), 2, "%s: %s", c, err);
		cr_assert(strstr(err, "in use by another crisim (pid 4242)"), "%s", err);
	}
	cr_assert_eq(shell("ls -A %s/busy", dir), 0);
	cr_assert_str_eq(out, ".crisim.lock\n", "DIR untouched");
	/* the sleep holding the lock ends by itself; DIR is removed meanwhile */
}

Test(batch_files, an_unwritable_checkpoint_is_a_warning_not_a_lost_batch)
{
	/* a file where DIR/checkpoint should be (root ignores chmod) */
	cr_assert_eq(sh("run " SMALL " --runs 6 -o %s/full", dir), 0, "%s", err);
	cr_assert_eq(shell("(mkdir %s/e && echo mine > %s/e/checkpoint)", dir, dir), 0);
	cr_assert_eq(sh("run " SMALL " --runs 6 -o %s/e", dir), 0, "%s", err);
	/* one warning line, naming the checkpoint; the results all written */
	cr_assert(strncmp(err, "crisim: warning: checkpoint not written: ", 41) == 0 &&
	          strstr(err, "/e/checkpoint") && strchr(err, '\n') == err + strlen(err) - 1,
	          "%s", err);
	const char *files[] = { "runs.tsv", "ensemble.tsv", "summary.json" };
	for (int i = 0; i < 3; i++) {
		char a[256], b[256];
		snprintf(a, sizeof a, "%s/full/%s", dir, files[i]);
		snprintf(b, sizeof b, "%s/e/%s", dir, files[i]);
		same_file(a, b);
	}
	cr_assert_eq(shell("cat %s/e/checkpoint", dir), 0);
	cr_assert_str_eq(out, "mine\n", "the user's file untouched: [%s]", out);
	/* interrupted: what finished is written, and the warning says there
	 * is nothing to resume */
	cr_assert_eq(sh("run " SMALL " --runs 6 --threads 1 --stop-after 2 -o %s/e", dir), 130,
	             "%s", err);
	cr_assert(strstr(err, "nothing to resume from"), "%s", err);
	cr_assert_eq(shell("grep -c '\"runs_completed\": 2' %s/e/manifest.json", dir), 0, "%s",
	             out);
}

/* ---- the run store (DIR/runs.sqlite), --no-preamble, --format csv,
 * plain progress lines (issue 12, items 1 and 6) ---- */

/* The first line of the sqlite3 CLI's answer to query on db, as a number. */
static long sql_count(const char *db, const char *query)
{
	cr_assert_eq(shell("sqlite3 '%s' '%s'", db, query), 0, "%s: %s", query, err);
	return atol(out);
}

Test(batch_files, a_batch_leaves_a_run_store_with_every_finished_run)
{
	char db[256];
	/* an ensemble: 5 runs of one variant */
	cr_assert_eq(sh("run " SMALL " --runs 5 -o %s/e", dir), 0, "%s", err);
	snprintf(db, sizeof db, "%s/e/runs.sqlite", dir);
	cr_assert_eq(sql_count(db, "select count(*) from runs"), 5);
	cr_assert_eq(sql_count(db, "select count(*) from variants"), 1);
	cr_assert_eq(sql_count(db, "select count(distinct run) from runs"), 5);
	cr_assert_eq(sql_count(db, "select value from manifest where key = \"runs\""), 5);
	/* NaN is NULL: the silent brand never responds */
	cr_assert_eq(sql_count(db, "select count(*) from runs where first_response "
	                       "is null"), 5);
	/* the rows are runs.tsv's: the damage column summed both ways */
	cr_assert_eq(shell("sqlite3 %s 'select sum(damage) from runs'", db), 0);
	double from_db = atof(out);
	cr_assert_eq(shell("awk -F'\\t' '/^#/ {next} $1 == \"run\" {for (i = 1; i <= NF; "
	                   "i++) if ($i == \"damage\") c = i; next} {s += $c} END "
	                   "{print s}' %s/e/runs.tsv", dir), 0);
	cr_assert_float_eq(from_db, atof(out), 1e-6, "%g vs %s", from_db, out);

	/* a comparison: 2 strategies x 4 runs, and README's query */
	cr_assert_eq(sh("compare " SMALL " --strategies none,plan --runs 4 -o %s/c", dir),
	             0, "%s", err);
	snprintf(db, sizeof db, "%s/c/runs.sqlite", dir);
	cr_assert_eq(sql_count(db, "select count(*) from runs"), 8);
	cr_assert_eq(shell("sqlite3 %s 'select strategy, avg(damage) from runs join "
	                   "variants using (variant) group by strategy'", db), 0, "%s", err);
	cr_assert(strstr(out, "none|") && strstr(out, "plan|"), "%s", out);
	cr_assert_eq(sql_count(db, "select count(*) from manifest where key = "
	                       "\"kind\" and value = \"compare\""), 1);

	/* a sweep: every grid value its own column, named by its path */
	cr_assert_eq(sh("sweep " SMALL " --grid responder.capacity=1,5 --strategies "
	                "adhoc,plan --runs 3 -o %s/s", dir), 0, "%s", err);
	snprintf(db, sizeof db, "%s/s/runs.sqlite", dir);
	cr_assert_eq(sql_count(db, "select count(*) from runs"), 12);
	cr_assert_eq(sql_count(db, "select count(*) from variants where "
	                       "\"responder.capacity\" = 5"), 2);
	cr_assert_eq(sql_count(db, "select count(*) from runs join variants using "
	                       "(variant) where \"responder.capacity\" = 1 and strategy "
	                       "= \"adhoc\""), 3);

	/* a new batch into the same directory replaces the earlier rows */
	cr_assert_eq(sh("run " SMALL " --runs 2 -o %s/s", dir), 0, "%s", err);
	cr_assert_eq(sql_count(db, "select count(*) from runs"), 2);
	cr_assert_eq(sql_count(db, "select count(*) from variants"), 1);
}

/* The runs finished by the sweep in dir/sub: the sum of its runs column. */
static long sweep_runs(const char *d, const char *sub)
{
	cr_assert_eq(shell("grep -v '^#' %s/%s/sweep.tsv | awk -F'\t' 'NR > 1 "
	                   "{s += $4} END {print s}'", d, sub), 0);
	return atol(out);
}

Test(batch_files, the_run_store_counts_the_runs_finished_across_interruptions)
{
	const char *grid = "--grid spread.p=0.05,0.15 --runs 6";
	char db[256], full[256];
	cr_assert_eq(sh("sweep " SMALL " %s -o %s/full", grid, dir), 0, "%s", err);
	cr_assert_eq(sh("sweep " SMALL " %s --threads 2 --stop-after 5 -o %s/part", grid, dir),
	             130, "%s", err);
	snprintf(db, sizeof db, "%s/part/runs.sqlite", dir);
	snprintf(full, sizeof full, "%s/full/runs.sqlite", dir);
	/* with 2 threads a stop may let the other thread's run finish: the
	 * truth is the runs column of sweep.tsv */
	long done = sweep_runs(dir, "part");
	cr_assert_geq(done, 5);
	cr_assert_lt(done, 12);
	cr_assert_eq(sql_count(db, "select count(*) from runs"), done);
	cr_assert_eq(sql_count(db, "select value = \"true\" from manifest where key = "
	                       "\"interrupted\""), 1);
	cr_assert_eq(shell("sqlite3 %s 'pragma integrity_check'", db), 0);
	cr_assert_str_eq(out, "ok\n");
	/* a second interruption, then the end: no run twice */
	cr_assert_eq(sh("sweep " SMALL " %s --threads 1 --stop-after 4 --resume %s/part",
	                grid, dir), 130, "%s", err);
	cr_assert_eq(sweep_runs(dir, "part"), done + 4);
	cr_assert_eq(sql_count(db, "select count(*) from runs"), done + 4);
	cr_assert_eq(sh("sweep " SMALL " %s --resume %s/part", grid, dir), 0, "%s", err);
	cr_assert_eq(sql_count(db, "select count(*) from runs"), 12);
	cr_assert_eq(sql_count(db, "select value = \"false\" from manifest where key = "
	                       "\"interrupted\""), 1);
	/* and the rows are the uninterrupted batch's */
	const char *q = "select * from variants; select * from runs order by variant, run";
	cr_assert_eq(shell("sqlite3 %s '%s' > %s/a.txt && sqlite3 %s '%s' > %s/b.txt && "
	                   "cmp %s/a.txt %s/b.txt", db, q, dir, full, q, dir, dir, dir),
	             0, "%s", out);

	/* an ensemble and a comparison too */
	cr_assert_eq(sh("run " SMALL " --runs 7 --threads 1 --stop-after 3 -o %s/ep", dir),
	             130, "%s", err);
	snprintf(db, sizeof db, "%s/ep/runs.sqlite", dir);
	cr_assert_eq(sql_count(db, "select count(*) from runs"), 3);
	cr_assert_eq(sh("run " SMALL " --runs 7 --resume %s/ep", dir), 0, "%s", err);
	cr_assert_eq(sql_count(db, "select count(*) from runs"), 7);
	cr_assert_eq(sh("compare " SMALL " --strategies none,plan --runs 3 --threads 1 "
	                "--stop-after 3 -o %s/cp", dir), 130, "%s", err);
	snprintf(db, sizeof db, "%s/cp/runs.sqlite", dir);
	cr_assert_eq(sql_count(db, "select count(*) from runs"), 3);
	cr_assert_eq(sh("compare " SMALL " --strategies none,plan --runs 3 --resume %s/cp",
	                dir), 0, "%s", err);
	cr_assert_eq(sql_count(db, "select count(*) from runs"), 6);
	/* a batch refused (its directory holds another's checkpoint) leaves
	 * the store alone */
	cr_assert_eq(sh("compare " SMALL " --strategies none,plan --runs 3 --threads 1 "
	                "--stop-after 2 -o %s/cp", dir), 130, "%s", err);
	cr_assert_eq(sql_count(db, "select count(*) from runs"), 2);
	cr_assert_eq(sh("run " SMALL " --runs 4 -o %s/cp", dir), 2, "%s", err);
	cr_assert_eq(sql_count(db, "select count(*) from runs"), 2);
}

Test(batch_files, no_preamble_and_csv_tables)
{
	/* the default keeps its # lines */
	cr_assert_eq(sh("sweep " SMALL " --grid responder.capacity=1,5 --runs 2 -o %s/d",
	                dir), 0, "%s", err);
	cr_assert_eq(shell("grep -c '^#' %s/d/sweep.tsv", dir), 0);
	cr_assert_gt(atoi(out), 0);
	/* --no-preamble: the same table without them */
	cr_assert_eq(sh("sweep " SMALL " --grid responder.capacity=1,5 --runs 2 "
	                "--no-preamble -o %s/n", dir), 0, "%s", err);
	cr_assert_eq(shell("grep -v '^#' %s/d/sweep.tsv | cmp - %s/n/sweep.tsv", dir, dir),
	             0, "%s", out);
	cr_assert_eq(sh("run " SMALL " --runs 3 --no-preamble -o %s/e", dir), 0, "%s", err);
	cr_assert_eq(shell("{ head -c 4 %s/e/runs.tsv; head -c 5 %s/e/ensemble.tsv; }",
	                   dir, dir), 0);
	cr_assert_str_eq(out, "run\ttick\t");
	/* sqlite3 .import reads it as it is: 3 rows */
	cr_assert_eq(shell("sqlite3 :memory: '.mode tabs' '.import %s/e/runs.tsv r' "
	                   "'select count(*) from r'", dir), 0, "%s", err);
	cr_assert_eq(atoi(out), 3);
	cr_assert_eq(sh("compare " SMALL " --strategies none,plan --runs 2 --format tsv "
	                "--no-preamble -o %s/c", dir), 0, "%s", err);
	cr_assert_str_eq(strtok(out, "\t"), "outcome");
	cr_assert_neq(shell("grep '^#' %s/c/compare.tsv %s/c/none/runs.tsv", dir, dir), 0);

	/* --format csv: NAME.csv, RFC 4180 quoting (a grid value with a comma
	 * and one with a quote), no # lines */
	char grid[300];
	snprintf(grid, sizeof grid, "%s/grid.json", dir);
	FILE *f = fopen(grid, "w");
	cr_assert_not_null(f);
	fputs("{\"name\": [\"a,b\", \"c\\\"d\"]}", f);
	fclose(f);
	cr_assert_eq(sh("sweep " SMALL " --grid-file %s --runs 1 --format csv -o %s/v",
	                grid, dir), 0, "%s", err);
	cr_assert_neq(shell("test -e %s/v/sweep.tsv", dir), 0);
	cr_assert_eq(shell("cut -c 1-12 %s/v/sweep.csv", dir), 0);
	cr_assert_str_eq(out, "point,name,s\n0,\"a,b\",none\n1,\"c\"\"d\",non\n");
	/* every row as many fields as the header, read by a CSV reader */
	cr_assert_eq(shell("python3 -c 'import csv,sys; r = list(csv.reader(open(sys.argv[1]))); "
	                   "print(len(set(map(len, r))), len(r), r[2][1])' %s/v/sweep.csv", dir),
	             0, "%s", err);
	cr_assert_str_eq(out, "1 3 c\"d\n");
	cr_assert_eq(sh("compare " SMALL " --strategies none,plan --runs 2 --format csv "
	                "-o %s/cc", dir), 0, "%s", err);
	cr_assert_eq(strncmp(out, "outcome,better,strategy,", 24), 0, "%s", out);
	cr_assert_eq(shell("ls %s/cc %s/cc/plan | grep -c '\\.csv$'", dir, dir), 0);
	cr_assert_eq(atoi(out), 3, "compare.csv, runs.csv, ensemble.csv");
	/* only the tables a batch writes: run without --runs, json for sweep */
	cr_assert_eq(sh("run " SMALL " --format csv -o %s/x", dir), 2);
	cr_assert(strstr(err, "without --runs"), "%s", err);
	cr_assert_eq(sh("sweep " SMALL " --grid responder.capacity=1 --runs 1 --format json "
	                "-o %s/x", dir), 2);
	cr_assert(strstr(err, "--format"), "%s", err);
}

Test(batch_files, a_batch_whose_stderr_is_a_file_prints_plain_progress_lines)
{
	/* one line per run with the interval 0 (stderr is a file here) */
	cr_assert_eq(shell("CRISIM_PROGRESS_EVERY=0 %s run scenarios/default.json --set "
	                   "network.nodes=1000 --set ticks=40 --runs 4 -o %s/p",
	                   crisim_bin(), dir), 0, "%s", err);
	int lines = 0;
	for (char *p = err; (p = strstr(p, "crisim: progress: ")); p++)
		lines++;
	cr_assert_eq(lines, 4, "%s", err);
	cr_assert(strstr(err, "crisim: progress: 4/4 runs, "), "%s", err);
	cr_assert(strstr(err, " runs/s, ETA 0:00:00\n"), "%s", err);
	/* --quiet: none */
	cr_assert_eq(shell("CRISIM_PROGRESS_EVERY=0 %s run " SMALL " --runs 2 -o %s/q",
	                   crisim_bin(), dir), 0, "%s", err);
	cr_assert_eq(strstr(err, "progress"), NULL, "%s", err);
	/* the default interval (30 s): none for a short batch */
	cr_assert_eq(shell("%s run scenarios/default.json --set network.nodes=1000 --runs 2 "
	                   "-o %s/d", crisim_bin(), dir), 0, "%s", err);
	cr_assert_eq(strstr(err, "progress"), NULL, "%s", err);
}

/* gnuplot opens its output itself: plot used to have it write
 * DIR/.SCRIPT.FMT.tmpPID, and a link planted there made it overwrite the
 * link's target.  The links are planted for the pid the shell is about to
 * exec crisim as ($$ of `exec`). */
Test(batch_files, plot_never_writes_through_a_planted_link)
{
	cr_assert_eq(sh("run " SMALL " -o %s/p", dir), 0, "%s", err);
	cr_assert_eq(shell("echo precious > %s/victim && D=%s sh -c '"
	                   "for f in series.png series.svg; do ln -s $D/victim $D/p/.$f.tmp$$; done; "
	                   "exec %s plot --quiet $D/p'", dir, dir, crisim_bin()), 0, "%s", err);
	cr_assert_eq(shell("cat %s/victim", dir), 0);
	cr_assert_str_eq(out, "precious\n");
	cr_assert_eq(shell("test -f %s/p/series.png && test ! -L %s/p/series.png && "
	                   "test ! -L %s/p/series.svg", dir, dir, dir), 0,
	             "the plots are regular files");
	cr_assert_neq(shell("ls -A %s/p | grep -q crisim-tmp", dir), 0,
	              "no private directory left behind");
}
