/* sweep --design / --design-file: the points become the batch's variants,
 * seeded, checkpointed and resumable; usage errors are exit 2. */
#include <stdlib.h>
#include <string.h>

#include "cli_dir.h"

/* cli_dir.h's file comparison is not needed here. */
static void (*const unused_same_file)(const char *, const char *) __attribute__((unused)) = same_file;

TestSuite(sweep_design, .init = setup, .fini = teardown);

#define FACTORS "--factor spread.visibility=0.05:0.5 --factor population.detractors=0:0.3"

static long sql_long(const char *d, const char *query)
{
	cr_assert_eq(shell("sqlite3 '%s/runs.sqlite' '%s'", d, query), 0, "%s: %s", query, err);
	return atol(out);
}

Test(sweep_design, lhs_points_are_columns_and_the_seed_fixes_them)
{
	char a[256], b[256], c[256];
	snprintf(a, sizeof a, "%s/a", dir);
	snprintf(b, sizeof b, "%s/b", dir);
	snprintf(c, sizeof c, "%s/c", dir);
	cr_assert_eq(sh("sweep " SMALL " --design lhs " FACTORS " --samples 5 --runs 2 -o %s", a),
	             0, "%s", err);
	cr_assert_eq(sh("sweep " SMALL " --design lhs " FACTORS " --samples 5 --runs 2 -o %s", b),
	             0, "%s", err);
	/* SMALL has --seed 42: the same design; another seed, another one */
	cr_assert_eq(sh("sweep " SMALL " --design lhs " FACTORS " --samples 5 --runs 2 --seed 43 "
	                "-o %s", c), 0, "%s", err);
	cr_assert_eq(sql_long(a, "select count(*) from variants"), 5);
	cr_assert_eq(sql_long(a, "select count(*) from runs"), 10);
	/* Latin hypercube: one point in each fifth of each range */
	cr_assert_eq(sql_long(a, "select count(distinct cast((\"spread.visibility\" - 0.05) "
	                      "/ 0.09 as int)) from variants"), 5);
	cr_assert_eq(sql_long(a, "select count(distinct cast(\"population.detractors\" / 0.06 "
	                      "as int)) from variants"), 5);
	const char *q = "select \"spread.visibility\", \"population.detractors\" from variants";
	cr_assert_eq(shell("sqlite3 %s/runs.sqlite '%s' > %s/pa && sqlite3 %s/runs.sqlite '%s' "
	                   "> %s/pb && cmp %s/pa %s/pb", a, q, dir, b, q, dir, dir, dir), 0);
	cr_assert_neq(shell("sqlite3 %s/runs.sqlite '%s' > %s/pc && cmp -s %s/pa %s/pc",
	                    c, q, dir, dir, dir), 0, "another seed, the same points");
	cr_assert_eq(shell("grep -c '^# design: lhs, 5 points$' %s/sweep.tsv", a), 0, "%s", out);
}

Test(sweep_design, sobol_is_resumable_like_every_batch)
{
	const char *d = "--design sobol " FACTORS " --samples 4 --runs 2";
	char full[256], part[256];
	snprintf(full, sizeof full, "%s/full", dir);
	snprintf(part, sizeof part, "%s/part", dir);
	cr_assert_eq(sh("sweep " SMALL " %s -o %s", d, full), 0, "%s", err);
	/* Saltelli: 4 (2 + 2) points */
	cr_assert_eq(sql_long(full, "select count(*) from variants"), 16);
	cr_assert_eq(sql_long(full, "select count(*) from runs"), 32);
	cr_assert_eq(sh("sweep " SMALL " %s --threads 1 --stop-after 7 -o %s", d, part), 130,
	             "%s", err);
	cr_assert_eq(sql_long(part, "select count(*) from runs"), 7);
	cr_assert_eq(sh("sweep " SMALL " %s --resume %s", d, part), 0, "%s", err);
	const char *q = "select * from variants; select * from runs order by variant, run";
	cr_assert_eq(shell("sqlite3 %s/runs.sqlite '%s' > %s/a.txt && sqlite3 %s/runs.sqlite "
	                   "'%s' > %s/b.txt && cmp %s/a.txt %s/b.txt", full, q, dir, part, q,
	                   dir, dir, dir), 0, "%s", out);
	/* another design is another batch: --resume refuses it */
	cr_assert_eq(sh("sweep " SMALL " --design sobol " FACTORS " --samples 8 --runs 2 "
	                "--resume %s", part), 2, "%s", err);
}

Test(sweep_design, a_design_file_is_run_as_given)
{
	/* in a subshell: run_cmd appends its own >FILE for stdout */
	cr_assert_eq(shell("(printf '# from SALib\\nspread.visibility\\tpopulation.detractors\\n"
	                   "0.1\\t0\\n0.2\\t0.25\\n\\n0.4\\t0.1\\n' > %s/p.tsv)", dir), 0);
	cr_assert_eq(sh("sweep " SMALL " --design-file %s/p.tsv --runs 2 -o %s/o", dir, dir), 0,
	             "%s", err);
	char o[256];
	snprintf(o, sizeof o, "%s/o", dir);
	cr_assert_eq(sql_long(o, "select count(*) from variants"), 3);
	cr_assert_eq(shell("sqlite3 -separator ' ' %s/runs.sqlite 'select \"spread.visibility\", "
	                   "\"population.detractors\" from variants order by point'", o), 0);
	cr_assert_str_eq(out, "0.1 0\n0.2 0.25\n0.4 0.1\n");
	/* a short line, a value out of range: the file and line, exit 2 */
	cr_assert_eq(shell("(printf 'spread.visibility\\tspread.p\\n0.1\\t0.2\\n0.3\\n' > %s/bad.tsv)",
	                   dir), 0);
	cr_assert_eq(sh("sweep " SMALL " --design-file %s/bad.tsv --runs 1 -o %s/x", dir, dir), 2);
	cr_assert(strstr(err, "bad.tsv: line 3: expected 2 tab-separated values, found 1"), "%s", err);
	cr_assert_eq(shell("(printf 'spread.visibility\\n7\\n' > %s/range.tsv)", dir), 0);
	cr_assert_eq(sh("sweep " SMALL " --design-file %s/range.tsv --runs 1 -o %s/x", dir, dir), 2);
	cr_assert(strstr(err, "range.tsv: spread.visibility"), "%s", err);
}

Test(sweep_design, usage_errors)
{
	cr_assert_eq(sh("sweep " SMALL " " FACTORS " --samples 4 --runs 1 -o %s/x", dir), 2);
	cr_assert(strstr(err, "--factor and --samples need --design"), "%s", err);
	cr_assert_eq(sh("sweep " SMALL " --design sobol " FACTORS " --runs 1 -o %s/x", dir), 2);
	cr_assert(strstr(err, "missing --samples N"), "%s", err);
	cr_assert_eq(sh("sweep " SMALL " --design halton " FACTORS " --samples 2 --runs 1 -o %s/x",
	                dir), 2);
	cr_assert(strstr(err, "--design: expected lhs, sobol or morris, got 'halton'"), "%s", err);
	cr_assert_eq(sh("sweep " SMALL " --design lhs " FACTORS " --grid spread.p=0.1,0.2 "
	                "--samples 2 --runs 1 -o %s/x", dir), 2);
	cr_assert(strstr(err, "cannot be combined with --grid"), "%s", err);
	cr_assert_eq(sh("sweep " SMALL " --design lhs --factor spread.p=0.3:0.1 --samples 2 "
	                "--runs 1 -o %s/x", dir), 2);
	cr_assert(strstr(err, "--factor spread.p=0.3:0.1: expected PATH=LO:HI with numbers LO < HI"),
	          "%s", err);
	cr_assert_eq(sh("sweep " SMALL " --design sobol --factor spread.p=0:2 --samples 4 "
	                "--runs 1 -o %s/x", dir), 2);
	cr_assert(strstr(err, "--design spread.p"), "%s", err);
}
