/* design_axes — a sampling design or a points file as the axes of a
 * sweep (design.h). */
#include "design.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "scenario.h"
#include "textfile.h"

static const char *const kind_names[] = {
	[DESIGN_NONE] = "none", [DESIGN_LHS] = "lhs", [DESIGN_SOBOL] = "sobol",
	[DESIGN_MORRIS] = "morris", [DESIGN_FILE] = "file",
};

enum design_kind design_kind_parse(const char *name)
{
	for (int k = DESIGN_LHS; k <= DESIGN_MORRIS; k++)
		if (strcmp(name, kind_names[k]) == 0)
			return (enum design_kind)k;
	return DESIGN_NONE;
}

const char *design_kind_name(enum design_kind kind)
{
	return kind_names[kind];
}

static enum status nomem(char *err, size_t errlen)
{
	snprintf(err, errlen, "out of memory");
	return ST_NOMEM;
}

static void free_axes(struct grid_axis *axes, size_t n)
{
	for (size_t a = 0; axes && a < n; a++)
		grid_axis_free(&axes[a]);
	free(axes);
}

/* An axis named path with room for n values. */
static enum status axis_init(struct grid_axis *ax, const char *path, size_t plen,
                             size_t n)
{
	memset(ax, 0, sizeof *ax);
	ax->path = strndup(path, plen);
	ax->values = calloc(n ? n : 1, sizeof *ax->values);
	ax->labels = calloc(n ? n : 1, sizeof *ax->labels);
	ax->n = n;
	return ax->path && ax->values && ax->labels ? ST_OK : ST_NOMEM;
}

/* "PATH=LO:HI" into its path (length) and bounds. */
static enum status factor_parse(const char *spec, size_t *plen, double *lo,
                                double *hi, char *err, size_t errlen)
{
	const char *eq = strrchr(spec, '=');
	char *end;
	if (eq && eq != spec) {
		*plen = (size_t)(eq - spec);
		*lo = strtod(eq + 1, &end);
		if (end != eq + 1 && *end == ':') {
			const char *h = end + 1;
			*hi = strtod(h, &end);
			if (end != h && *end == '\0' && isfinite(*lo) && isfinite(*hi) &&
			    *lo < *hi)
				return ST_OK;
		}
	}
	snprintf(err, errlen, "--factor %s: expected PATH=LO:HI with numbers LO < HI", spec);
	return ST_BADINPUT;
}

/* Whether factor path [path, path + len) is an integer key of the
 * scenario ("responder.capacity", "responder.plan.escalation[1].capacity"):
 * its JSON path in the key table, indices written "[]". */
static int integer_key(const char *path, size_t len)
{
	char key[256];
	size_t k = 0;
	for (size_t i = 0; i < len && k + 3 < sizeof key; i++) {
		key[k++] = path[i];
		if (path[i] == '[') {
			while (i + 1 < len && path[i + 1] != ']')
				i++;
		}
	}
	key[k] = '\0';
	for (size_t i = 0; i < scenario_key_count(); i++) {
		const char *p, *type, *values, *doc;
		if (scenario_key_info(i, &p, &type, &values, &doc) == 0 &&
		    strcmp(p, key) == 0)
			return strcmp(type, "integer") == 0;
	}
	return 0;
}

/* The shortest of %.15g .. %.17g that reads back to x. */
static char *number_text(double x)
{
	char buf[40];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return strdup(buf);
}

static enum status generated(const struct design_spec *sp, struct grid_axis **axes,
                             size_t *n_axes, size_t *n_points, char *err,
                             size_t errlen)
{
	size_t k = sp->n_factors;
	if (k == 0) {
		snprintf(err, errlen, "--design %s: expected at least one --factor PATH=LO:HI",
		         design_kind_name(sp->kind));
		return ST_BADINPUT;
	}
	if (sp->samples == 0) {
		snprintf(err, errlen, "--design %s: missing --samples N",
		         design_kind_name(sp->kind));
		return ST_BADINPUT;
	}
	size_t n = sp->samples > GRID_MAX_VALUES ? 0 : (size_t)sp->samples;
	size_t rows = sp->kind == DESIGN_SOBOL ? design_saltelli_rows(k, n) :
	              sp->kind == DESIGN_MORRIS ? design_morris_rows(k, n) : n;
	if (n == 0 || rows > GRID_MAX_VALUES) {
		snprintf(err, errlen, "--samples %llu: more than %d points with %zu factors",
		         (unsigned long long)sp->samples, GRID_MAX_VALUES, k);
		return ST_BADINPUT;
	}
	double *lo = malloc(2 * k * sizeof *lo), *x = malloc(rows * k * sizeof *x);
	struct grid_axis *ax = calloc(k, sizeof *ax);
	gsl_rng *r = NULL;
	enum status st = ST_OK;
	size_t made = 0;
	if (!lo || !x || !ax) {
		st = nomem(err, errlen);
		goto out;
	}
	double *hi = lo + k;
	for (; made < k; made++) {
		size_t plen;
		if ((st = factor_parse(sp->factors[made], &plen, &lo[made], &hi[made], err, errlen)))
			goto out;
		for (size_t j = 0; j < made; j++)
			if (strlen(ax[j].path) == plen && strncmp(ax[j].path, sp->factors[made], plen) == 0) {
				snprintf(err, errlen, "--factor %s: the path is a factor already",
				         sp->factors[made]);
				st = ST_BADINPUT;
				goto out;
			}
		if ((st = axis_init(&ax[made], sp->factors[made], plen, rows))) {
			made++;
			nomem(err, errlen);
			goto out;
		}
		ax[made].lo = lo[made];
		ax[made].hi = hi[made];
	}
	if (sp->kind == DESIGN_SOBOL)
		st = design_saltelli(k, lo, hi, n, x, err, errlen);
	else if (!(r = rng_stream(sp->seed, RNG_STATS, DESIGN_STREAM)))
		st = nomem(err, errlen);
	else if (sp->kind == DESIGN_LHS)
		st = design_lhs(k, lo, hi, n, r, x, err, errlen);
	else
		st = design_morris(k, lo, hi, n, DESIGN_MORRIS_LEVELS, r, x, err, errlen);
	/* An integer key runs at the design's value rounded to the nearest
	 * integer, and that is the value recorded (sweep.tsv, runs.sqlite),
	 * so the sensitivity indices are those of the rounded factor. */
	for (size_t i = 0; st == ST_OK && i < k; i++)
		if (integer_key(ax[i].path, strlen(ax[i].path)))
			for (size_t p = 0; p < rows; p++)
				x[p * k + i] = floor(x[p * k + i] + 0.5);
	for (size_t p = 0; st == ST_OK && p < rows; p++)
		for (size_t i = 0; i < k; i++)
			if (!(ax[i].values[p] = number_text(x[p * k + i])) ||
			    !(ax[i].labels[p] = strdup(ax[i].values[p]))) {
				st = nomem(err, errlen);
				break;
			}
out:
	if (st) {
		free_axes(ax, made);
	} else {
		*axes = ax, *n_axes = k, *n_points = rows;
	}
	if (r)
		gsl_rng_free(r);
	free(lo), free(x);
	return st;
}

/* Split line [s, e) at tabs into at most max fields (start, length). */
static size_t split_tabs(const char *s, const char *e, const char **f, size_t *len,
                         size_t max)
{
	size_t n = 0;
	for (;;) {
		const char *t = memchr(s, '\t', (size_t)(e - s));
		const char *fe = t ? t : e;
		if (n < max)
			f[n] = s, len[n] = (size_t)(fe - s);
		n++;
		if (!t)
			return n;
		s = t + 1;
	}
}

static enum status from_file(const struct design_spec *sp, struct grid_axis **axes,
                             size_t *n_axes, size_t *n_points, char *err,
                             size_t errlen)
{
	char *text;
	size_t tlen;
	enum status st = textfile_read(sp->file, &text, &tlen, err, errlen);
	if (st)
		return st;
	/* Count the lines that carry data, to size the axes. */
	size_t lines = 0;
	for (const char *c = text; *c;) {
		const char *e = strchr(c, '\n');
		e = e ? e : c + strlen(c);
		if (e > c && *c != '#' && !(e == c + 1 && c[0] == '\r'))
			lines++;
		c = *e ? e + 1 : e;
	}
	const char **f = NULL;
	size_t *flen = NULL, k = 0, rows = 0, line = 0, made = 0;
	struct grid_axis *ax = NULL;
	if (lines < 2) {
		snprintf(err, errlen, "%s: expected a header line of factor paths and at least one point",
		         sp->file);
		st = ST_BADINPUT;
		goto out;
	}
	if (lines - 1 > GRID_MAX_VALUES) {
		snprintf(err, errlen, "%s: more than %d points", sp->file, GRID_MAX_VALUES);
		st = ST_BADINPUT;
		goto out;
	}
	for (const char *c = text; *c && st == ST_OK;) {
		const char *e = strchr(c, '\n');
		e = e ? e : c + strlen(c);
		const char *next = *e ? e + 1 : e;
		line++;
		if (e > c && e[-1] == '\r')
			e--;
		if (e == c || *c == '#') {
			c = next;
			continue;
		}
		if (!ax) {   /* the header */
			k = split_tabs(c, e, NULL, NULL, 0);
			f = calloc(k, sizeof *f), flen = calloc(k, sizeof *flen);
			ax = calloc(k, sizeof *ax);
			if (!f || !flen || !ax) {
				st = nomem(err, errlen);
				break;
			}
			split_tabs(c, e, f, flen, k);
			for (; made < k && st == ST_OK; made++) {
				if (flen[made] == 0) {
					snprintf(err, errlen, "%s: line %zu: column %zu: expected a factor path, found nothing",
					         sp->file, line, made + 1);
					st = ST_BADINPUT;
				} else if (axis_init(&ax[made], f[made], flen[made], lines - 1)) {
					st = nomem(err, errlen);
				}
				for (size_t j = 0; st == ST_OK && j < made; j++)
					if (strcmp(ax[j].path, ax[made].path) == 0) {
						snprintf(err, errlen, "%s: line %zu: factor '%s' appears twice",
						         sp->file, line, ax[j].path);
						st = ST_BADINPUT;
					}
			}
		} else {
			size_t m = split_tabs(c, e, f, flen, k);
			if (m != k) {
				snprintf(err, errlen, "%s: line %zu: expected %zu tab-separated values, found %zu",
				         sp->file, line, k, m);
				st = ST_BADINPUT;
				break;
			}
			for (size_t i = 0; i < k && st == ST_OK; i++) {
				if (flen[i] == 0) {
					snprintf(err, errlen, "%s: line %zu: column %zu (%s): expected a value, found nothing",
					         sp->file, line, i + 1, ax[i].path);
					st = ST_BADINPUT;
				} else if (!(ax[i].values[rows] = strndup(f[i], flen[i])) ||
				           !(ax[i].labels[rows] = strndup(f[i], flen[i]))) {
					st = nomem(err, errlen);
				}
			}
			rows++;
		}
		c = next;
	}
out:
	free(f), free(flen), free(text);
	if (st) {
		free_axes(ax, made);
		return st;
	}
	*axes = ax, *n_axes = k, *n_points = rows;
	return ST_OK;
}

enum status design_axes(const struct design_spec *sp, struct grid_axis **axes,
                        size_t *n_axes, size_t *n_points, char *err,
                        size_t errlen)
{
	*axes = NULL, *n_axes = 0, *n_points = 0;
	if (sp->kind == DESIGN_FILE)
		return from_file(sp, axes, n_axes, n_points, err, errlen);
	return generated(sp, axes, n_axes, n_points, err, errlen);
}
