#include "fit_target.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "textfile.h"

const double fit_grid_minutes[FIT_GRID_N] = {
	10, 30, 60, 120, 360, 720, 1440, 2880, 4320, 10080, 20160, 43200
};

const char *fit_quantity_name(enum fit_quantity q)
{
	return q == FIT_POSTERS ? "posters" : "posts";
}

/* A line of text[0..): its fields split at tabs in place (the line's end
 * becomes a NUL).  Returns the number of fields (at most max) and moves
 * *at past the line. */
static size_t split_line(char **at, char **field, size_t max)
{
	char *s = *at, *end = s + strcspn(s, "\n");
	char *next = *end ? end + 1 : end;
	if (end > s && end[-1] == '\r')
		end--;
	*end = '\0';
	size_t n = 0;
	for (char *p = s; n < max;) {
		field[n++] = p;
		char *tab = strchr(p, '\t');
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	*at = next;
	return n;
}

/* A finite number >= 0 filling the whole field. */
static bool nonneg(const char *s, double *x)
{
	char *end;
	errno = 0;
	*x = strtod(s, &end);
	return *s && !*end && !errno && isfinite(*x) && *x >= 0.0;
}

/* The first grid time at or after x minutes (the last one beyond them). */
static double grid_ceil(double x)
{
	for (size_t g = 0; g < FIT_GRID_N; g++)
		if (fit_grid_minutes[g] >= x)
			return fit_grid_minutes[g];
	return fit_grid_minutes[FIT_GRID_N - 1];
}

#define MAX_FIELDS 64

static enum status read_events(const char *path, char *text, double run_minutes,
                               struct fit_target *t, char *err, size_t errlen)
{
	char *at = text, *field[MAX_FIELDS];
	split_line(&at, field, MAX_FIELDS);   /* the header, already checked */
	size_t n = 0, cap = 0;
	double *sec = NULL;
	enum status st = ST_OK;
	for (unsigned long line = 2; *at; line++) {
		size_t nf = split_line(&at, field, MAX_FIELDS);
		if (nf == 1 && !*field[0])
			continue;   /* an empty line */
		double x;
		if (!nonneg(field[0], &x)) {
			snprintf(err, errlen, "%s: line %lu: expected seconds since the "
			         "original post (a number >= 0), got '%.40s'", path, line,
			         field[0]);
			st = ST_BADINPUT;
			goto done;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			double *v = realloc(sec, cap * sizeof *v);
			if (!v) {
				st = ST_NOMEM;
				snprintf(err, errlen, "out of memory");
				goto done;
			}
			sec = v;
		}
		sec[n++] = x;
	}
	if (n == 0) {
		snprintf(err, errlen, "%s: expected at least one event after the header, "
		         "got none", path);
		st = ST_BADINPUT;
		goto done;
	}
	double first = INFINITY, last = 0.0;
	for (size_t i = 0; i < n; i++) {
		first = fmin(first, sec[i] / 60.0);
		last = fmax(last, sec[i] / 60.0);
	}
	t->quantity = FIT_POSTERS;
	t->horizon = fmin(run_minutes, grid_ceil(last));
	t->cascades = 1;
	size_t total = 0, count[FIT_GRID_N] = { 0 };
	for (size_t i = 0; i < n; i++) {
		double m = sec[i] / 60.0;
		total += m <= t->horizon;
		for (size_t g = 0; g < FIT_GRID_N; g++)
			count[g] += m <= fit_grid_minutes[g];
	}
	if (total == 0) {
		snprintf(err, errlen, "%s: expected an event by the horizon of %.0f "
		         "minutes (the run's length, at most 30 days), got none: the "
		         "first is at %.0f minutes", path, t->horizon, first);
		st = ST_BADINPUT;
		goto done;
	}
	t->events = total;
	t->n = 0;
	for (size_t g = 0; g < FIT_GRID_N && fit_grid_minutes[g] < t->horizon; g++) {
		t->t[t->n] = fit_grid_minutes[g];
		t->f[t->n] = (double)count[g] / (double)total;
		t->q25[t->n] = t->q75[t->n] = NAN;
		t->n++;
	}
	if (t->n == 0) {
		snprintf(err, errlen, "%s: the run's %.0f minutes leave no time of the "
		         "grid (from 10 minutes) to compare", path, run_minutes);
		st = ST_BADINPUT;
	}
done:
	free(sec);
	return st;
}

/* Column of name among the header's fields, or -1. */
static long column(char *const *field, size_t nf, const char *name)
{
	for (size_t i = 0; i < nf; i++)
		if (strcmp(field[i], name) == 0)
			return (long)i;
	return -1;
}

static enum status read_summary(const char *path, char *text, const char *label,
                                double run_minutes, struct fit_target *t,
                                char *err, size_t errlen)
{
	char *at = text, *field[MAX_FIELDS];
	size_t nf = split_line(&at, field, MAX_FIELDS);
	long lab = column(field, nf, "label"), col[FIT_GRID_N];
	for (size_t g = 0; g < FIT_GRID_N; g++) {
		char name[32];
		snprintf(name, sizeof name, "cum_%.0fmin", fit_grid_minutes[g]);
		col[g] = column(field, nf, name);
		if (col[g] < 0) {
			snprintf(err, errlen, "%s: line 1: expected a column %s in the "
			         "header of a cascade summary, got none", path, name);
			return ST_BADINPUT;
		}
	}
	/* H: the last grid time within the run. */
	size_t h = 0;
	while (h + 1 < FIT_GRID_N && fit_grid_minutes[h + 1] <= run_minutes)
		h++;
	if (fit_grid_minutes[h] > run_minutes || h == 0) {
		snprintf(err, errlen, "%s: the run's %.0f minutes leave no time of the "
		         "grid (10 and 30 minutes at least) to compare", path, run_minutes);
		return ST_BADINPUT;
	}
	t->quantity = FIT_POSTS;
	t->horizon = fit_grid_minutes[h];
	t->n = h;
	for (size_t g = 0; g < h; g++)
		t->t[g] = fit_grid_minutes[g];

	size_t n = 0, cap = 0;
	double *frac = NULL;    /* n rows of h fractions */
	enum status st = ST_OK;
	t->events = t->skipped = 0;
	for (unsigned long line = 2; *at; line++) {
		nf = split_line(&at, field, MAX_FIELDS);
		if (nf == 1 && !*field[0])
			continue;
		if ((size_t)lab >= nf || strcmp(field[lab], label) != 0)
			continue;
		double c[FIT_GRID_N];
		for (size_t g = 0; g < FIT_GRID_N; g++) {
			/* At most 1e9 a cascade (the largest on record are millions):
			 * a size_t holds it and the sum over every cascade. */
			bool ok = (size_t)col[g] < nf && nonneg(field[col[g]], &c[g]) &&
			          c[g] == floor(c[g]) && c[g] <= 1e9 &&
			          (g == 0 || c[g] >= c[g - 1]);
			if (!ok) {
				snprintf(err, errlen, "%s: line %lu: cum_%.0fmin: expected a "
				         "count not below the column before it (an integer in "
				         "[0, 1e9]), got '%.40s'",
				         path, line, fit_grid_minutes[g],
				         (size_t)col[g] < nf ? field[col[g]] : "");
				st = ST_BADINPUT;
				goto done;
			}
		}
		if (c[h] == 0.0) {
			t->skipped++;
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			double *v = realloc(frac, cap * h * sizeof *v);
			if (!v) {
				st = ST_NOMEM;
				snprintf(err, errlen, "out of memory");
				goto done;
			}
			frac = v;
		}
		for (size_t g = 0; g < h; g++)
			frac[n * h + g] = c[g] / c[h];
		t->events += (size_t)c[h];
		n++;
	}
	if (n == 0) {
		snprintf(err, errlen, "%s: expected cascades with label '%s' (and an "
		         "event by %.0f minutes), got none", path, label, t->horizon);
		st = ST_BADINPUT;
		goto done;
	}
	t->cascades = n;
	for (size_t g = 0; g < h; g++) {
		/* Column g, sorted: median and quartiles (GSL's interpolated
		 * quantiles, Hyndman & Fan type 7). */
		gsl_sort(frac + g, h, n);
		t->f[g] = gsl_stats_quantile_from_sorted_data(frac + g, h, n, 0.5);
		t->q25[g] = gsl_stats_quantile_from_sorted_data(frac + g, h, n, 0.25);
		t->q75[g] = gsl_stats_quantile_from_sorted_data(frac + g, h, n, 0.75);
	}
done:
	free(frac);
	return st;
}

enum status fit_target_read(const char *path, const char *label,
                            double run_minutes, struct fit_target *t,
                            char *err, size_t errlen)
{
	memset(t, 0, sizeof *t);
	char *text;
	size_t len;
	enum status st = textfile_read(path, &text, &len, err, errlen);
	if (st)
		return st;
	char *at, *field[MAX_FIELDS];
	/* The header, on a copy: the readers split it again. */
	size_t hlen = strcspn(text, "\n");
	char *head = strndup(text, hlen);
	if (!head) {
		free(text);
		snprintf(err, errlen, "out of memory");
		return ST_NOMEM;
	}
	at = head;
	size_t nf = split_line(&at, field, MAX_FIELDS);
	bool events = strcmp(field[0], "relative_time_second") == 0;
	bool summary = column(field, nf, "label") >= 0;
	if (events && label) {
		snprintf(err, errlen, "%s: a list of events is one cascade: --label "
		         "is for a cascade summary", path);
		st = ST_BADINPUT;
	} else if (events) {
		st = read_events(path, text, run_minutes, t, err, errlen);
	} else if (summary && !label) {
		snprintf(err, errlen, "%s: a cascade summary needs --label (one of the "
		         "values of its label column)", path);
		st = ST_BADINPUT;
	} else if (summary) {
		st = read_summary(path, text, label, run_minutes, t, err, errlen);
	} else {
		snprintf(err, errlen, "%s: line 1: expected a header starting with "
		         "relative_time_second (a list of events) or with a label column "
		         "(a cascade summary), got '%.40s'", path, field[0]);
		st = ST_BADINPUT;
	}
	free(head);
	free(text);
	return st;
}
