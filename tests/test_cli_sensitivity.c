/* crisim sensitivity on Morris sweeps: the factor ranges and levels the
 * sweep records, mu, mu* and sigma per factor for every strategy and the
 * paired difference, checked on outputs replaced by functions whose
 * elementary effects are known exactly. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli_dir.h"

static void (*const unused_same_file)(const char *, const char *) __attribute__((unused)) = same_file;

TestSuite(sensitivity_cli, .init = setup, .fini = teardown);

#define FACTORS "--factor spread.visibility=0.05:0.5 --factor population.detractors=0:0.3"

/* A real Morris sweep whose damage_mean is replaced by linear functions
 * of u, each factor's position in its range: adhoc f = 3 u1 - u2, plan
 * f = u1 + u2.  Every elementary effect of a linear f is its coefficient
 * (the step is measured in the unit cube), so mu* is |c| and sigma 0 to
 * rounding (1e-9: awk writes 17 digits, sensitivity.tsv 10), and the
 * difference adhoc-plan has effects 2 and -2.  A reader that paired a
 * point with the wrong trajectory step, or ignored the ranges, would get
 * other numbers. */
Test(sensitivity_cli, morris_linear_effects_are_exact)
{
	cr_assert_eq(sh("sweep " SMALL " --design morris " FACTORS " --samples 6 --runs 1 "
	                "--strategies adhoc,plan -o %s/m", dir), 0, "%s", err);
	cr_assert_eq(shell("grep -c '^# factor: spread.visibility=0.05:0.5$' %s/m/sweep.tsv", dir), 0,
	             "%s", out);
	cr_assert_eq(shell("grep -c '^# levels: 4$' %s/m/sweep.tsv", dir), 0, "%s", out);
	cr_assert_eq(sh("sensitivity %s/m -q", dir), 0, "%s", err);
	cr_assert_eq(shell("head -3 %s/m/sensitivity.tsv | tail -1", dir), 0);
	cr_assert_str_eq(out, "outcome\tseries\tfactor\tmu\tmu_star\tsigma\teffects\n");
	cr_assert_eq(shell("(awk -F'\\t' -v OFS='\\t' -v CONVFMT=%%.17g '/^#/ {print; next} !h {for (i = 1; i <= NF; i++) "
	                   "if ($i == \"damage_mean\") c = i; h = 1; print; next} "
	                   "{u1 = ($2 - 0.05) / 0.45; u2 = $3 / 0.3; "
	                   "$c = $4 == \"adhoc\" ? 3 * u1 - u2 : u1 + u2; print}' %s/m/sweep.tsv > %s/t.tsv "
	                   "&& mv %s/t.tsv %s/m/sweep.tsv)", dir, dir, dir, dir), 0, "%s", err);
	cr_assert_eq(sh("sensitivity %s/m --outcome damage", dir), 0, "%s", err);
	cr_assert(strstr(err, "sensitivity.tsv (6 rows)"), "%s", err);
	cr_assert_eq(shell("awk -F'\\t' '!/^#/ && NR > 3 {print $2, $3, $4, $5, $6, $7}' "
	                   "%s/m/sensitivity.tsv", dir), 0);
	static const struct { const char *series, *factor; double mu, mu_star; } want[6] = {
		{ "adhoc", "spread.visibility", 3, 3 },
		{ "adhoc", "population.detractors", -1, 1 },
		{ "plan", "spread.visibility", 1, 1 },
		{ "plan", "population.detractors", 1, 1 },
		{ "adhoc-plan", "spread.visibility", 2, 2 },
		{ "adhoc-plan", "population.detractors", -2, 2 },
	};
	const char *line = out;
	for (int i = 0; i < 6; i++) {
		char series[32], factor[64];
		double mu, mu_star, sigma;
		int effects, used;
		cr_assert_eq(sscanf(line, "%31s %63s %lf %lf %lf %d%n", series, factor, &mu, &mu_star,
		                    &sigma, &effects, &used), 6, "%s", line);
		cr_assert_str_eq(series, want[i].series);
		cr_assert_str_eq(factor, want[i].factor);
		cr_assert_float_eq(mu, want[i].mu, 1e-9, "%s %s", series, factor);
		cr_assert_float_eq(mu_star, want[i].mu_star, 1e-9, "%s %s", series, factor);
		cr_assert_float_eq(sigma, 0, 1e-9, "%s %s", series, factor);
		cr_assert_eq(effects, 6, "one effect per trajectory");
		line += used + 1;
	}
}

/* A Morris sweep whose range lines were lost cannot give effects: it says
 * which factor lacks its range. */
Test(sensitivity_cli, morris_without_ranges_is_refused)
{
	cr_assert_eq(sh("sweep " SMALL " --design morris " FACTORS " --samples 2 --runs 1 "
	                "-o %s/m", dir), 0, "%s", err);
	cr_assert_eq(shell("grep -v '^# factor: population' %s/m/sweep.tsv > %s/t.tsv && "
	                   "mv %s/t.tsv %s/m/sweep.tsv", dir, dir, dir, dir), 0);
	cr_assert_eq(sh("sensitivity %s/m", dir), 2);
	cr_assert(strstr(err, "m/sweep.tsv: expected a '# factor: population.detractors=LO:HI' line"),
	          "%s", err);
	cr_assert_eq(shell("test -e %s/m/sensitivity.tsv", dir), 1, "nothing written");
}

/* A Morris sweep.tsv whose rows give one point twice and another never
 * (the row count still right) is refused: the missing point's factor
 * values are unknown. */
Test(sensitivity_cli, morris_with_a_point_missing_is_refused)
{
	cr_assert_eq(sh("sweep " SMALL " --design morris " FACTORS " --samples 2 --runs 1 "
	                "-o %s/m", dir), 0, "%s", err);
	cr_assert_eq(shell("awk -F'\\t' -v OFS='\\t' '!/^#/ && $1 == \"0\" && !done "
	                   "{$1 = \"1\"; done = 1} {print}' %s/m/sweep.tsv > %s/t.tsv && "
	                   "mv %s/t.tsv %s/m/sweep.tsv", dir, dir, dir, dir), 0, "%s", err);
	cr_assert_eq(sh("sensitivity %s/m", dir), 2);
	cr_assert(strstr(err, "expected a row for every point of the design, point 0 has none"),
	          "%s", err);
	cr_assert_eq(shell("test -e %s/m/sensitivity.tsv", dir), 1, "nothing written");
}

/* The width and height of a PNG from its IHDR chunk; 0 when not a PNG. */
static unsigned png_size(const char *path, unsigned *h)
{
	unsigned char b[24];
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(b, 1, sizeof b, f) : 0;
	if (f)
		fclose(f);
	if (n != sizeof b || memcmp(b, "\x89PNG\r\n\x1a\n", 8) || memcmp(b + 12, "IHDR", 4))
		return 0;
	*h = (unsigned)b[20] << 24 | (unsigned)b[21] << 16 | (unsigned)b[22] << 8 | b[23];
	return (unsigned)b[16] << 24 | (unsigned)b[17] << 16 | (unsigned)b[18] << 8 | b[19];
}

/* sensitivity writes its bar plot beside the table, 1600 px wide like the
 * other plots, a panel per series; crisim plot DIR draws it again. */
Test(sensitivity_cli, bar_plot_of_sobol_and_morris)
{
	char path[256];
	unsigned h = 0;
	cr_assert_eq(sh("sweep " SMALL " --design sobol " FACTORS " --samples 4 --runs 1 "
	                "--strategies adhoc,plan -o %s/s", dir), 0, "%s", err);
	cr_assert_eq(sh("sensitivity %s/s --outcome damage", dir), 0, "%s", err);
	cr_assert(strstr(err, "wrote"), "%s", err);
	cr_assert(strstr(err, "s/sensitivity.png"), "%s", err);
	snprintf(path, sizeof path, "%s/s/sensitivity.png", dir);
	cr_assert_eq(png_size(path, &h), 1600);
	cr_assert_eq(h, 3 * 420 + 160, "three panels: adhoc, plan, adhoc-plan (%u)", h);
	cr_assert_eq(shell("grep -c '<svg' %s/s/sensitivity.svg", dir), 0);
	cr_assert_eq(sh("sweep " SMALL " --design morris " FACTORS " --samples 3 --runs 1 "
	                "-o %s/m", dir), 0, "%s", err);
	cr_assert_eq(sh("sensitivity %s/m -q", dir), 0, "%s", err);
	cr_assert_str_eq(err, "", "quiet");
	snprintf(path, sizeof path, "%s/m/sensitivity.png", dir);
	cr_assert_eq(png_size(path, &h), 1600);
	cr_assert_eq(h, 420 + 160, "one strategy, no difference: one panel (%u)", h);
	cr_assert_eq(shell("rm %s/m/sensitivity.png", dir), 0);
	cr_assert_eq(sh("plot %s/m", dir), 0, "%s", err);
	cr_assert(strstr(err, "m/sensitivity.png"), "%s", err);
	cr_assert_eq(png_size(path, &h), 1600);
}
