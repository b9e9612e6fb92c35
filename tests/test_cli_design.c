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

/* crisim sensitivity on a real Sobol' sweep whose damage_mean column is
 * replaced by f = 3 u1 + u2 of the factors (u the position in each range):
 * the reader must pair rows and points as the design made them, so S1 and
 * ST come out at the exact 0.9 and 0.1 (quasi-random error at N = 32 on a
 * linear f is below 0.05; a wrong pairing of blocks gives values near 0 or
 * negative). */
Test(sweep_design, sensitivity_reads_the_sweep_it_was_given)
{
	cr_assert_eq(sh("sweep " SMALL " --design sobol " FACTORS " --samples 32 --runs 1 "
	                "--strategies adhoc,plan -o %s/s", dir), 0, "%s", err);
	cr_assert_eq(sh("sensitivity %s/s", dir), 0, "%s", err);
	cr_assert(strstr(err, "sensitivity.tsv ("), "%s", err);
	/* every outcome x (adhoc, plan, adhoc-plan) x 2 factors */
	cr_assert_eq(shell("grep -c '^damage\tadhoc-plan\tspread.visibility\t' %s/s/sensitivity.tsv",
	                   dir), 0, "%s", out);
	cr_assert_eq(shell("(awk -F'\\t' -v OFS='\\t' '/^#/ {print; next} !h {for (i = 1; i <= NF; i++) "
	                   "if ($i == \"damage_mean\") c = i; h = 1; print; next} "
	                   "{$c = 3 * ($2 - 0.05) / 0.45 + $3 / 0.3; print}' %s/s/sweep.tsv > %s/t.tsv "
	                   "&& mv %s/t.tsv %s/s/sweep.tsv)", dir, dir, dir, dir), 0, "%s", err);
	cr_assert_eq(sh("sensitivity %s/s --outcome damage --diff plan,adhoc -q", dir), 0, "%s", err);
	cr_assert_eq(shell("awk -F'\\t' '$2 == \"adhoc\" {print $3, $4, $7}' %s/s/sensitivity.tsv",
	                   dir), 0);
	double s1a, sta, s1b, stb;
	cr_assert_eq(sscanf(out, "spread.visibility %lf %lf\npopulation.detractors %lf %lf",
	                    &s1a, &sta, &s1b, &stb), 4, "%s", out);
	cr_assert_float_eq(s1a, 0.9, 0.05, "%s", out);
	cr_assert_float_eq(sta, 0.9, 0.05, "%s", out);
	cr_assert_float_eq(s1b, 0.1, 0.05, "%s", out);
	cr_assert_float_eq(stb, 0.1, 0.05, "%s", out);
	/* both strategies got the same f: their difference has no variance */
	cr_assert_eq(shell("awk -F'\\t' '$2 == \"plan-adhoc\" {print $4}' %s/s/sensitivity.tsv", dir), 0);
	cr_assert_str_eq(out, "NaN\nNaN\n");
}

Test(sweep_design, sensitivity_refuses_what_it_cannot_read)
{
	cr_assert_eq(sh("sensitivity %s/none", dir), 2, "%s", err);
	cr_assert_eq(sh("sweep " SMALL " --design lhs " FACTORS " --samples 3 --runs 1 -o %s/l", dir),
	             0, "%s", err);
	cr_assert_eq(sh("sensitivity %s/l", dir), 2);
	cr_assert(strstr(err, "l/sweep.tsv: expected a sobol or morris design, found lhs"), "%s", err);
	cr_assert_eq(sh("sweep " SMALL " --grid spread.p=0.1,0.2 --runs 1 -o %s/g", dir), 0, "%s", err);
	cr_assert_eq(sh("sensitivity %s/g", dir), 2);
	cr_assert(strstr(err, "expected the sweep of a design"), "%s", err);
	cr_assert_eq(sh("sweep " SMALL " --design sobol " FACTORS " --samples 2 --runs 1 -o %s/s", dir),
	             0, "%s", err);
	cr_assert_eq(sh("sensitivity %s/s --outcome nothing", dir), 2);
	cr_assert(strstr(err, "--outcome nothing: expected an outcome of"), "%s", err);
	cr_assert_eq(sh("sensitivity %s/s --diff adhoc,plan", dir), 2);
	cr_assert(strstr(err, "--diff adhoc,plan: expected two different strategies"), "%s", err);
}

/* A design has no grid: crisim plot draws one scatter panel per factor
 * (three factors here, which the grid heatmaps cannot draw), without a
 * gnuplot warning. */
Test(sweep_design, plot_draws_a_panel_per_factor)
{
	char a[256];
	snprintf(a, sizeof a, "%s/a", dir);
	cr_assert_eq(sh("sweep " SMALL " --design lhs " FACTORS " --factor responder.coverage=0.2:1 "
	                "--samples 4 --runs 2 -o %s", a), 0, "%s", err);
	cr_assert_eq(sh("plot %s", a), 0, "%s", err);
	cr_assert_null(strstr(err, "warning"), "gnuplot warned: %s", err);
	cr_assert_neq(strstr(err, "sweep.png"), NULL, "%s", err);
	cr_assert_eq(shell("test -s %s/sweep.png", a), 0);
}

/* An integer key as a factor runs at the rounded value, and that is what
 * the variants record (a design over responder.capacity used to be
 * refused: "expected integer, got 1.48..."). */
Test(sweep_design, an_integer_factor_is_rounded)
{
	char a[256];
	snprintf(a, sizeof a, "%s/a", dir);
	cr_assert_eq(sh("sweep " SMALL " --design lhs --factor responder.capacity=0.5:4.5 "
	                "--factor spread.visibility=0.05:0.5 --samples 8 --runs 1 -o %s", a),
	             0, "%s", err);
	cr_assert_eq(sql_long(a, "select count(*) from variants where \"responder.capacity\" "
	                      "!= round(\"responder.capacity\")"), 0);
	/* Latin hypercube: two points in each quarter of [0.5, 4.5], so each
	 * of 1, 2, 3, 4 twice */
	cr_assert_eq(sql_long(a, "select count(distinct \"responder.capacity\") from variants"), 4);
	cr_assert_eq(sql_long(a, "select max(n) from (select count(*) as n from variants "
	                      "group by \"responder.capacity\")"), 2);
}
