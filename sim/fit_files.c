/* fit_files — the files of crisim fit (see fit_internal.h): fit.tsv, every
 * evaluation, written after each and read back by --resume; at the fitted
 * point fit-curve.tsv and fit.json. */
#include "fit_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "textfile.h"

/* The times fit.json reports the error at: 10 min, 1 h, 6 h, 24 h, 7 days. */
static const double report_minutes[] = { 10, 60, 360, 1440, 10080 };
#define N_REPORT (sizeof report_minutes / sizeof *report_minutes)

static const char *tsv_head = "eval\tloss\truns_used";

enum status fit_write_tsv(struct fit *F)
{
	struct out_file of;
	enum status st = output_open(&of, F->o->dir, "fit.tsv", F->err, F->errlen);
	if (st)
		return st;
	fprintf(of.f, "# fit: %s\n%s", F->canon, tsv_head);
	for (size_t i = 0; i < F->k; i++)
		fprintf(of.f, "\t%s", F->p[i].path);
	fputc('\n', of.f);
	for (size_t e = 0; e < F->n_ev; e++) {
		fprintf(of.f, "%zu\t%.17g\t%zu", e + 1, F->ev[e].loss, F->ev[e].used);
		for (size_t i = 0; i < F->k; i++)
			fprintf(of.f, "\t%.17g", F->ev[e].x[i]);
		fputc('\n', of.f);
	}
	return output_commit(&of, F->err, F->errlen);
}

/* fit.tsv of an earlier session of this fit into F->cached. */
enum status fit_read_tsv(struct fit *F)
{
	char path[4096], *text;
	size_t len;
	snprintf(path, sizeof path, "%s/fit.tsv", F->o->dir);
	enum status st = textfile_read(path, &text, &len, F->err, F->errlen);
	if (st)
		return st;
	char *line = text, *nl;
	unsigned long ln = 1;
	size_t want = strlen(F->canon);
	if (strncmp(line, "# fit: ", 7) || strncmp(line + 7, F->canon, want) ||
	    line[7 + want] != '\n') {
		snprintf(F->err, F->errlen, "%s: line 1: expected this fit's \"# fit: "
		         "%s\" (the same FILE and options), got another", path, F->canon);
		st = ST_BADINPUT;
		goto done;
	}
	line += 8 + want;   /* the header: it follows from the canon line */
	nl = strchr(line, '\n');
	line = nl ? nl + 1 : line + strlen(line);
	ln = 2;
	size_t cap = 0;
	while (*line) {
		ln++;
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (F->n_cached == cap) {
			cap = cap ? 2 * cap : 64;
			struct eval *v = realloc(F->cached, cap * sizeof *v);
			unsigned long *l = realloc(F->cached_line, cap * sizeof *l);
			if (v)
				F->cached = v;
			if (l)
				F->cached_line = l;
			if (!v || !l) {
				snprintf(F->err, F->errlen, "out of memory");
				st = ST_NOMEM;
				goto done;
			}
		}
		struct eval *e = &F->cached[F->n_cached];
		char *p = line, *end;
		unsigned long idx = strtoul(p, &end, 10);
		bool ok = end != p && *end == '\t' && idx == F->n_cached + 1;
		if (ok) {
			p = end + 1;
			e->loss = strtod(p, &end);
			ok = end != p && *end == '\t';
		}
		if (ok) {
			p = end + 1;
			e->used = (size_t)strtoul(p, &end, 10);
			ok = end != p;
		}
		for (size_t i = 0; ok && i < F->k; i++) {
			ok = *end == '\t';
			p = end + 1;
			e->x[i] = strtod(p, &end);
			ok = ok && end != p;
		}
		if (!ok || *end) {
			snprintf(F->err, F->errlen, "%s: line %lu: expected evaluation %zu "
			         "(eval, loss, runs_used and %zu values), got '%.60s'", path,
			         ln, F->n_cached + 1, F->k, line);
			st = ST_BADINPUT;
			goto done;
		}
		F->cached_line[F->n_cached++] = ln;
		line = nl ? nl + 1 : line + strlen(line);
	}
done:
	free(text);
	return st;
}

/* ---- the fitted point's outputs ---- */

enum status fit_write_curve(struct fit *F, const struct curves *cv)
{
	const struct fit_target *t = &F->tgt;
	struct out_file of;
	enum status st = output_open(&of, F->o->dir, "fit-curve.tsv", F->err, F->errlen);
	if (st)
		return st;
	fprintf(of.f, "# fit: %s\n# fitted: %s (the loss compares it)\n"
	        "# fractions of what was counted by %.0f minutes\n"
	        "minutes\tobserved\tobserved_q25\tobserved_q75\tposters\tposts\t"
	        "fitted\tresidual\n", F->canon, fit_quantity_name(t->quantity),
	        t->horizon);
	for (size_t g = 0; g <= t->n; g++) {
		bool h = g == t->n;   /* the horizon: 1 by construction */
		double fit = h ? 1.0 : cv->f[t->quantity][g], obs = h ? 1.0 : t->f[g];
		double v[] = { h ? t->horizon : t->t[g], obs, h ? NAN : t->q25[g],
		               h ? NAN : t->q75[g], h ? 1.0 : cv->f[FIT_POSTERS][g],
		               h ? 1.0 : cv->f[FIT_POSTS][g], fit, fit - obs };
		for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
			if (i)
				fputc('\t', of.f);
			output_tsv_number(of.f, v[i]);
		}
		fputc('\n', of.f);
	}
	return output_commit(&of, F->err, F->errlen);
}

static void json_curve(FILE *f, const struct fit *F, const double *sim)
{
	const struct fit_target *t = &F->tgt;
	bool first = true;
	fputs("{", f);
	for (size_t r = 0; r < N_REPORT; r++)
		for (size_t g = 0; g < t->n; g++)
			if (t->t[g] == report_minutes[r]) {
				fprintf(f, "%s\"%.0f\": ", first ? "" : ", ", report_minutes[r]);
				output_json_number(f, sim[g] - t->f[g]);
				first = false;
			}
	fputs("}", f);
}

enum status fit_write_json(struct fit *F, const struct eval *best,
                           const struct curves *cv)
{
	const struct fit_opts *o = F->o;
	const struct fit_target *t = &F->tgt;
	struct out_file of;
	enum status st = output_open(&of, o->dir, "fit.json", F->err, F->errlen);
	if (st)
		return st;
	FILE *f = of.f;
	fputs("{\n  \"scenario\": ", f);
	output_json_string(f, o->scenario);
	fputs(",\n  \"target\": ", f);
	output_json_string(f, o->target);
	fputs(",\n  \"label\": ", f);
	if (o->label)
		output_json_string(f, o->label);
	else
		fputs("null", f);
	fprintf(f, ",\n  \"quantity\": \"%s\",\n  \"cascades\": %zu,\n"
	        "  \"observed_events\": %zu,\n  \"horizon_minutes\": ",
	        fit_quantity_name(t->quantity), t->cascades, t->events);
	output_json_number(f, t->horizon);
	fprintf(f, ",\n  \"runs\": %llu,\n  \"runs_used\": %zu,\n  \"parameters\": {",
	        (unsigned long long)o->runs, best->used);
	for (size_t i = 0; i < F->k; i++) {
		fputs(i ? ",\n    " : "\n    ", f);
		output_json_string(f, F->p[i].path);
		fputs(": {\"value\": ", f);
		output_json_number(f, best->x[i]);
		fputs(", \"lo\": ", f);
		output_json_number(f, F->p[i].lo);
		fputs(", \"hi\": ", f);
		output_json_number(f, F->p[i].hi);
		fputs(", \"start\": ", f);
		output_json_number(f, F->p[i].start);
		fputs("}", f);
	}
	fputs("\n  },\n  \"loss\": ", f);
	output_json_number(f, best->loss);
	fprintf(f, ",\n  \"loss_kind\": \"rms of cumulative fractions\",\n"
	        "  \"evaluations\": %zu,\n  \"max_evals\": %zu,\n  \"stopped\": \"%s\",\n"
	        "  \"error_at_minutes\": ", F->n_ev, o->max_evals, F->why);
	json_curve(f, F, cv->f[t->quantity]);
	fprintf(f, ",\n  \"error_at_minutes_%s\": ",
	        fit_quantity_name(t->quantity == FIT_POSTS ? FIT_POSTERS : FIT_POSTS));
	json_curve(f, F, cv->f[t->quantity == FIT_POSTS ? FIT_POSTERS : FIT_POSTS]);
	fputs(",\n  \"command\": ", f);
	output_json_strings(f, o->argv, o->argc);
	fputs(",\n  \"version\": ", f);
	output_json_string(f, o->version ? o->version : "");
	fputs("\n}\n", f);
	return output_commit(&of, F->err, F->errlen);
}
