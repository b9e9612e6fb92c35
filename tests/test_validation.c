/* Validation against published results: the fast subset of
 * scripts/validate.sh (README.md, "Validation"), run on the binary.
 *
 * --fast shrinks the generated graphs to N = 2e4 and the ensembles to a few
 * dozen runs; the script widens the reference tolerances (given for
 * N = 1e5) by sqrt(1e5 / 2e4), since the run-to-run spread and the
 * finite-size corrections of the final fractions scale as N^-1/2, and uses
 * 3 standard errors of the ensemble itself where no tolerance is published.
 * Every seed is fixed in the scenario files, so the outcome is reproducible.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

#define VDIR "scenarios/validation/"

static const char *const scenarios[] = {
	"mt-well-mixed", "cascade-er-z4-T0.5", "cascade-er-z3-T0.5",
	"cascade-er-z10-T0.15", "cascade-er-subcritical",
	"cascade-powerlaw-threshold", "cascade-facebook-threshold",
	"rumour-graph-scalefree", "rumour-graph-homogeneous",
	"responder-adhoc-calibration",
};

/* Rows that must be PASS in validation.tsv (INFO and CALIB rows report
 * without judging). */
static const char *const must_pass[] = {
	"A1-theta", "B3-size-z4-T0.5", "B3-size-z3-T0.5", "B3-size-z10-T0.15",
	"B3-prob-z4-T0.5", "B3-prob-z3-T0.5", "B3-prob-z10-T0.15",
	"B3-none-below-Tc", "B3-mean-below-Tc", "B4-pl-none-half",
	"B4-pl-mean-half", "B4-pl-size-3Tc", "B4-pl-prob-3Tc",
	"B4-fb-none-half", "B4-fb-liftoff-3Tc", "A2-sf-smaller",
};

Test(validation, scenarios_are_valid_and_state_their_reference)
{
	for (size_t i = 0; i < sizeof scenarios / sizeof *scenarios; i++) {
		char path[256], cmd[512], err[1024];
		snprintf(path, sizeof path, VDIR "%s.json", scenarios[i]);
		snprintf(cmd, sizeof cmd, "%s validate %s", crisim_bin(), path);
		cr_assert_eq(run_cmd(cmd, NULL, 0, err, sizeof err), 0,
		             "%s: %s", path, err);
		char *s = slurp(path);
		cr_assert_not_null(s, "%s unreadable", path);
		/* The description names the published value's source and how
		 * the comparison is judged. */
		cr_assert(strstr(s, "Reference") || strstr(s, "Targets"),
		          "%s: no reference in the description", path);
		cr_assert(strstr(s, "olerance") || strstr(s, "direction") ||
		          strstr(s, "criterion") || strstr(s, "calibration"),
		          "%s: no tolerance or criterion in the description", path);
		free(s);
	}
}

/* The value of column `col` (1-based) in the row whose id is `id`, copied
 * into buf; NULL when there is no such row. */
static const char *field(const char *tsv, const char *id, int col,
                         char *buf, size_t len)
{
	size_t idlen = strlen(id);
	for (const char *l = tsv; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (strncmp(l, id, idlen) != 0 || l[idlen] != '\t')
			continue;
		const char *f = l;
		for (int c = 1; c < col && f; c++) {
			f = strchr(f, '\t');
			f = f ? f + 1 : NULL;
		}
		if (!f)
			return NULL;
		size_t n = strcspn(f, "\t\n");
		if (n >= len)
			n = len - 1;
		memcpy(buf, f, n);
		buf[n] = '\0';
		return buf;
	}
	return NULL;
}

Test(validation, fast_subset_matches_published_values, .timeout = 300)
{
	char dir[] = "/tmp/crisim-validation-XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	char cmd[1024], out[16384], err[4096];
	snprintf(cmd, sizeof cmd, "CRISIM=%s scripts/validate.sh --fast --no-plots --threads 2 %s",
	         crisim_bin(), dir);
	int st = run_cmd(cmd, out, sizeof out, err, sizeof err);

	char path[256];
	snprintf(path, sizeof path, "%s/validation.tsv", dir);
	char *tsv = slurp(path);
	cr_assert_not_null(tsv, "no validation.tsv (exit %d): %s", st, err);
	for (size_t i = 0; i < sizeof must_pass / sizeof *must_pass; i++) {
		char status[32], measured[64], expected[64], tol[64];
		cr_assert_not_null(field(tsv, must_pass[i], 9, status, sizeof status),
		                   "row %s missing", must_pass[i]);
		field(tsv, must_pass[i], 4, expected, sizeof expected);
		field(tsv, must_pass[i], 5, measured, sizeof measured);
		field(tsv, must_pass[i], 7, tol, sizeof tol);
		cr_expect_str_eq(status, "PASS", "%s: expected %s, measured %s, tolerance %s",
		                 must_pass[i], expected, measured, tol);
	}
	cr_expect_eq(st, 0, "validate.sh --fast exit %d\n%s%s", st, out, err);
	free(tsv);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	run_cmd(cmd, NULL, 0, NULL, 0);
}

Test(validation, bad_usage_is_exit_2)
{
	char err[1024];
	cr_expect_eq(run_cmd("scripts/validate.sh --bogus", NULL, 0, err, sizeof err), 2);
	cr_expect(strstr(err, "unknown option") != NULL, "%s", err);
}
