/* sensitivity_report — crisim sensitivity DIR: sweep.tsv of a Sobol' or
 * Morris design in, sensitivity.tsv out (sensitivity.h). */
#include "sensitivity.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "rng.h"
#include "series.h"
#include "textfile.h"

#define BOOT 1000
#define MAXSTRAT 16
#define MAXFACTOR 64

/* A "# factor: PATH=LO:HI" line of sweep.tsv. */
struct range {
	const char *path;   /* into the table's text */
	double lo, hi;
};

/* The table, as read: n_rows rows of n_cols cells (pointers into text). */
struct table {
	char *text;
	char **cell;
	size_t n_cols, n_rows;
	size_t k;                 /* factors: columns 1..k */
	size_t n_points;
	char design[16];
	struct range range[MAXFACTOR];
	size_t n_ranges;
	unsigned levels;          /* "# levels: L" (Morris); 0 when absent */
};

static void table_free(struct table *t)
{
	free(t->text);
	free(t->cell);
}

static enum status bad(char *err, size_t errlen, const char *path, const char *what)
{
	snprintf(err, errlen, "%s: %s", path, what);
	return ST_BADINPUT;
}

/* Split text into # lines (the design line is kept) and tab-separated rows. */
static enum status table_read(struct table *t, const char *path, char *err,
                              size_t errlen)
{
	size_t len;
	memset(t, 0, sizeof *t);
	enum status st = textfile_read(path, &t->text, &len, err, errlen);
	if (st)
		return st;
	size_t tabs = 0, lines = 0;
	for (size_t i = 0; i < len; i++)
		tabs += t->text[i] == '\t', lines += t->text[i] == '\n';
	if (!(t->cell = calloc(tabs + lines + 1, sizeof *t->cell))) {
		snprintf(err, errlen, "out of memory");
		return ST_NOMEM;
	}
	size_t n = 0;
	for (char *c = t->text; *c;) {
		char *e = strchr(c, '\n');
		if (e)
			*e = '\0';
		char *next = e ? e + 1 : c + strlen(c);
		if (*c == '#') {
			unsigned long pts;
			unsigned lv;
			char kind[16];
			if (sscanf(c, "# design: %15[a-z], %lu points", kind, &pts) == 2) {
				snprintf(t->design, sizeof t->design, "%s", kind);
				t->n_points = pts;
			} else if (sscanf(c, "# levels: %u", &lv) == 1) {
				t->levels = lv;
			} else if (strncmp(c, "# factor: ", 10) == 0 && t->n_ranges < MAXFACTOR) {
				/* PATH=LO:HI, as --factor takes it */
				char *eq = strrchr(c + 10, '='), *colon = eq ? strchr(eq, ':') : NULL;
				char *e1, *e2;
				if (colon) {
					*eq = '\0';
					struct range *rg = &t->range[t->n_ranges];
					rg->path = c + 10;
					rg->lo = strtod(eq + 1, &e1);
					rg->hi = strtod(colon + 1, &e2);
					if (e1 == colon && e2 != colon + 1 && *e2 == '\0' && rg->lo < rg->hi)
						t->n_ranges++;
				}
			}
		} else if (*c) {
			size_t cols = 0;
			for (char *f = c;; cols++) {
				t->cell[n++] = f;
				char *tab = strchr(f, '\t');
				if (!tab)
					break;
				*tab = '\0';
				f = tab + 1;
			}
			cols++;
			if (t->n_cols == 0)
				t->n_cols = cols;
			else if (cols != t->n_cols) {
				snprintf(err, errlen, "%s: row %zu: expected %zu columns, found %zu",
				         path, t->n_rows + 1, t->n_cols, cols);
				return ST_BADINPUT;
			}
			t->n_rows++;
		}
		c = next;
	}
	if (!t->design[0])
		return bad(err, errlen, path, "expected the sweep of a design (a '# design:' line; run sweep --design sobol or morris)");
	if (strcmp(t->design, "sobol") != 0 && strcmp(t->design, "morris") != 0) {
		snprintf(err, errlen, "%s: expected a sobol or morris design, found %s (its indices are not computed here)",
		         path, t->design);
		return ST_BADINPUT;
	}
	if (t->n_rows < 2 || t->n_cols < 4 || strcmp(t->cell[0], "point") != 0)
		return bad(err, errlen, path, "expected a header line starting with 'point' and rows");
	while (t->k + 1 < t->n_cols && strcmp(t->cell[t->k + 1], "strategy") != 0)
		t->k++;
	if (t->k == 0 || t->k + 1 == t->n_cols)
		return bad(err, errlen, path, "expected factor columns between 'point' and 'strategy'");
	t->n_rows--;   /* the header is row -1 from here */
	return ST_OK;
}

static const char *cell(const struct table *t, size_t row, size_t col)
{
	return t->cell[(row + 1) * t->n_cols + col];
}

static size_t column(const struct table *t, const char *name)
{
	for (size_t c = 0; c < t->n_cols; c++)
		if (strcmp(t->cell[c], name) == 0)
			return c;
	return SIZE_MAX;
}

static double number(const char *s)
{
	char *end;
	double x = strtod(s, &end);
	return end != s && *end == '\0' ? x : NAN;
}

static void write_sobol(FILE *f, const char *outcome, const char *series,
                        const struct table *t, const struct sens_sobol *ix,
                        size_t used, size_t *rows)
{
	for (size_t i = 0; i < t->k; i++) {
		fprintf(f, "%s\t%s\t%s", outcome, series, t->cell[1 + i]);
		double v[6] = { ix[i].s1, ix[i].s1_lo, ix[i].s1_hi, ix[i].st, ix[i].st_lo,
		                ix[i].st_hi };
		for (int j = 0; j < 6; j++) {
			fputc('\t', f);
			output_tsv_number(f, v[j]);
		}
		fprintf(f, "\t%zu\n", used);
		(*rows)++;
	}
}

static void write_morris(FILE *f, const char *outcome, const char *series,
                         const struct table *t, const struct sens_morris *m,
                         size_t *rows)
{
	for (size_t i = 0; i < t->k; i++) {
		fprintf(f, "%s\t%s\t%s", outcome, series, t->cell[1 + i]);
		double v[3] = { m[i].mu, m[i].mu_star, m[i].sigma };
		for (int j = 0; j < 3; j++) {
			fputc('\t', f);
			output_tsv_number(f, v[j]);
		}
		fprintf(f, "\t%zu\n", m[i].n);
		(*rows)++;
	}
}

/* The Morris inputs: the factor ranges of the '# factor:' lines, in the
 * order of the columns, into lo, hi; the points' factor values into x
 * (n_pts rows of k). */
static enum status morris_inputs(const struct table *t, const char *path,
                                 size_t n_pts, double *lo, double *hi, double *x,
                                 char *err, size_t errlen)
{
	for (size_t i = 0; i < t->k; i++) {
		size_t j = 0;
		while (j < t->n_ranges && strcmp(t->range[j].path, t->cell[1 + i]) != 0)
			j++;
		if (j == t->n_ranges) {
			snprintf(err, errlen, "%s: expected a '# factor: %s=LO:HI' line (the "
			         "factor's range; a sweep from an older crisim: run it again)",
			         path, t->cell[1 + i]);
			return ST_BADINPUT;
		}
		lo[i] = t->range[j].lo;
		hi[i] = t->range[j].hi;
	}
	/* every point's values, once a row of each strategy gives them; a
	 * point no row gives stays NaN and is refused */
	for (size_t i = 0; i < n_pts * t->k; i++)
		x[i] = NAN;
	for (size_t row = 0; row < t->n_rows; row++) {
		size_t p = (size_t)number(cell(t, row, 0));
		if (p >= n_pts)
			return bad(err, errlen, path, "expected point numbers below the design's points");
		for (size_t i = 0; i < t->k; i++)
			x[p * t->k + i] = number(cell(t, row, 1 + i));
	}
	for (size_t p = 0; p < n_pts; p++)
		for (size_t i = 0; i < t->k; i++)
			if (isnan(x[p * t->k + i])) {
				snprintf(err, errlen, "%s: expected a row for every point of the "
				         "design, point %zu has none (or no value of %s)",
				         path, p, t->cell[1 + i]);
				return ST_BADINPUT;
			}
	return ST_OK;
}

enum status sensitivity_report(const char *dir, const char *outcome,
                               const char *diff, size_t *rows_out, char *err,
                               size_t errlen)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/sweep.tsv", dir);
	struct table t;
	struct out_file o = { 0 };
	double *y = NULL, *x = NULL;
	struct sens_sobol *ix = NULL;
	struct sens_morris *mx = NULL;
	gsl_rng *r = NULL;
	size_t rows = 0;
	enum status st = table_read(&t, path, err, errlen);
	if (st)
		goto out;
	int morris = strcmp(t.design, "morris") == 0;
	size_t k = t.k, n_pts = t.n_points, sc = k + 1;
	size_t per = morris ? k + 1 : k + 2;   /* points per base point / trajectory */
	if (n_pts == 0 || n_pts % per) {
		st = bad(err, errlen, path, morris ? "expected N (k + 1) design points for k factors"
		                                   : "expected N (k + 2) design points for k factors");
		goto out;
	}
	size_t n = n_pts / per;
	/* The strategies, in the order of the rows; each row is (point, strategy). */
	const char *strat[MAXSTRAT];
	size_t n_strat = 0;
	for (size_t row = 0; row < t.n_rows; row++) {
		size_t s = 0;
		while (s < n_strat && strcmp(strat[s], cell(&t, row, sc)) != 0)
			s++;
		if (s == n_strat) {
			if (n_strat == MAXSTRAT) {
				st = bad(err, errlen, path, "expected at most 16 strategies");
				goto out;
			}
			strat[n_strat++] = cell(&t, row, sc);
		}
	}
	if (t.n_rows != n_pts * n_strat) {
		st = bad(err, errlen, path, "expected one row per design point and strategy (an interrupted sweep? finish it with --resume)");
		goto out;
	}
	/* The paired difference: A - B. */
	size_t da = SIZE_MAX, db = SIZE_MAX;
	char dname[2 * 64 + 2] = "";
	const char *dspec = diff;
	if (!dspec) {
		for (size_t s = 0; s < n_strat; s++)
			da = strcmp(strat[s], "adhoc") == 0 ? s : da, db = strcmp(strat[s], "plan") == 0 ? s : db;
		if (da == SIZE_MAX || db == SIZE_MAX)
			da = db = SIZE_MAX;
	} else {
		const char *comma = strchr(dspec, ',');
		for (size_t s = 0; comma && s < n_strat; s++) {
			if (strlen(strat[s]) == (size_t)(comma - dspec) &&
			    strncmp(strat[s], dspec, (size_t)(comma - dspec)) == 0)
				da = s;
			if (strcmp(strat[s], comma + 1) == 0)
				db = s;
		}
		if (da == SIZE_MAX || db == SIZE_MAX || da == db) {
			snprintf(err, errlen, "--diff %s: expected two different strategies of %s, A,B",
			         dspec, path);
			st = ST_BADINPUT;
			goto out;
		}
	}
	if (da != SIZE_MAX)
		snprintf(dname, sizeof dname, "%.64s-%.64s", strat[da], strat[db]);
	if (outcome) {
		char want[128];
		snprintf(want, sizeof want, "%s_mean", outcome);
		if (column(&t, want) == SIZE_MAX) {
			snprintf(err, errlen, "--outcome %s: expected an outcome of %s (crisim keys summary)",
			         outcome, path);
			st = ST_BADINPUT;
			goto out;
		}
	}
	y = malloc(n_pts * (n_strat + 1) * sizeof *y);
	if (morris) {
		x = malloc((n_pts * k + 2 * k) * sizeof *x);
		mx = malloc(k * sizeof *mx);
	} else {
		ix = malloc(k * sizeof *ix);
		r = rng_stream(0, RNG_STATS, 0);
	}
	if (!y || (morris ? !x || !mx : !ix || !r)) {
		snprintf(err, errlen, "out of memory");
		st = ST_NOMEM;
		goto out;
	}
	double *lo = x ? x + n_pts * k : NULL, *hi = lo ? lo + k : NULL;
	if (morris && (st = morris_inputs(&t, path, n_pts, lo, hi, x, err, errlen)))
		goto out;
	for (size_t i = 0; i < n_pts * (n_strat + 1); i++)
		y[i] = NAN;
	if ((st = output_open(&o, dir, "sensitivity.tsv", err, errlen)))
		goto out;
	if (morris) {
		fprintf(o.f, "# from: %s (morris design, %zu trajectories, %u levels, %zu factors; "
		        "each point's output is its mean over runs)\n# mu, mu_star, sigma: Morris "
		        "1991, Campolongo et al. 2007; effects: elementary effects used\n", path, n,
		        t.levels, k);
		fputs("outcome\tseries\tfactor\tmu\tmu_star\tsigma\teffects\n", o.f);
	} else {
		fprintf(o.f, "# from: %s (sobol design, %zu base points, %zu factors; each point's "
		        "output is its mean over runs)\n# S1: Saltelli et al. 2010; ST: Jansen 1999; "
		        "lo/hi: 95%% percentile bootstrap, %d replicates\n", path, n, k, BOOT);
		fputs("outcome\tseries\tfactor\tS1\tS1_lo\tS1_hi\tST\tST_lo\tST_hi\tbase_points\n", o.f);
	}
	for (int fi = 0; fi < SUMMARY_NFIELD; fi++) {
		const char *name = summary_field_name[fi];
		if (outcome && strcmp(outcome, name) != 0)
			continue;
		char want[128];
		snprintf(want, sizeof want, "%s_mean", name);
		size_t col = column(&t, want);
		if (col == SIZE_MAX)
			continue;
		for (size_t row = 0; row < t.n_rows; row++) {
			size_t p = (size_t)number(cell(&t, row, 0)), s = 0;
			while (strcmp(strat[s], cell(&t, row, sc)) != 0)
				s++;
			if (p >= n_pts) {
				st = bad(err, errlen, path, "expected point numbers below the design's points");
				goto out;
			}
			y[s * n_pts + p] = number(cell(&t, row, col));
		}
		if (da != SIZE_MAX)
			for (size_t p = 0; p < n_pts; p++)
				y[n_strat * n_pts + p] = y[da * n_pts + p] - y[db * n_pts + p];
		for (size_t s = 0; s <= n_strat; s++) {
			if (s == n_strat && da == SIZE_MAX)
				break;
			const char *series = s < n_strat ? strat[s] : dname;
			if (morris) {
				if ((st = sensitivity_morris(k, n, lo, hi, x, y + s * n_pts, mx, err,
				                             errlen))) {
					char e[512];
					snprintf(e, sizeof e, "%s", err);
					snprintf(err, errlen, "%s: %s", path, e);
					goto out;
				}
				write_morris(o.f, name, series, &t, mx, &rows);
				continue;
			}
			size_t used;
			gsl_rng_set(r, rng_derive(0, RNG_STATS, 0));   /* the same draws per series */
			if ((st = sensitivity_sobol(k, n, y + s * n_pts, BOOT, 0.95, r, ix, &used,
			                            err, errlen)))
				goto out;
			write_sobol(o.f, name, series, &t, ix, used, &rows);
		}
	}
	st = output_commit(&o, err, errlen);
	o.f = NULL;
out:
	if (o.f)
		output_abort(&o);
	if (r)
		gsl_rng_free(r);
	free(y), free(x), free(ix), free(mx);
	table_free(&t);
	if (rows_out)
		*rows_out = rows;
	return st;
}
