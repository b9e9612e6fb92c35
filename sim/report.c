#include "report.h"
#include "report_table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "par.h"
#include "progress.h"
#include "stats.h"


const char report_ci_text[] =
	"95% t-interval on the mean: mean +/- t(0.975, n-1) sd / sqrt(n)";
const char report_quantile_text[] =
	"linear interpolation between order statistics (Hyndman-Fan type 7, "
	"gsl_stats_quantile_from_sorted_data)";

bool report_stop(struct report_opts *ro)
{
	ro->checks++;
	if (ro->stop_at && ro->checks == ro->stop_at)
		progress_request_stop();
	return progress_stop_count() > ro->stop_base;
}

enum status report_interrupted(struct out_file *o, char *err, size_t errlen)
{
	if (o)
		output_abort(o);
	snprintf(err, errlen, "interrupted while writing the reports");
	return ST_INTERRUPTED;
}

void report_summary_header(FILE *f)
{
	fputs("run\tseed", f);
	for (int k = 0; k < NF; k++)
		fprintf(f, "\t%s", summary_field_name[k]);
	fputc('\n', f);
}

void report_summary_row(FILE *f, uint64_t run, uint64_t seed, const double *sum)
{
	fprintf(f, "%llu\t%llu", (unsigned long long)run, (unsigned long long)seed);
	for (int k = 0; k < NF; k++) {
		fputc('\t', f);
		output_tsv_number(f, sum[k]);
	}
	fputc('\n', f);
}

void report_meta_text(FILE *f, const struct scenario *s, const char *runs)
{
	fprintf(f, "# scenario: %s\n# seed: %llu\n# crisim: %s\n# runs: %s\n",
	        s->name, (unsigned long long)s->seed, CRISIM_VERSION, runs);
}

void report_meta(FILE *f, const struct scenario *s, size_t runs)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%zu", runs);
	report_meta_text(f, s, buf);
}

/* Runs of variant v that finished, in run order. */
static size_t done_runs(const struct batch *p, const struct batch_results *r, size_t v,
                        size_t *idx)
{
	size_t m = 0;
	for (uint64_t k = 0; k < p->runs; k++) {
		size_t i = batch_item(p, v, k);
		if (r->done[i])
			idx[m++] = i;
	}
	return m;
}

static void json_desc(FILE *f, const struct stats_desc *d)
{
	fprintf(f, "{\"n\": %zu, \"excluded_nan\": %zu, \"mean\": ", d->n, d->n_nan);
	output_json_number(f, d->mean);
	fputs(", \"sd\": ", f);
	output_json_number(f, d->sd);
	fputs(", \"median\": ", f);
	output_json_number(f, d->q50);
	fputs(", \"q05\": ", f);
	output_json_number(f, d->q05);
	fputs(", \"q95\": ", f);
	output_json_number(f, d->q95);
	fputs(", \"ci95\": [", f);
	output_json_number(f, d->ci_lo);
	fputs(", ", f);
	output_json_number(f, d->ci_hi);
	fputs("]}", f);
}

/* The finished runs of one variant: their items in run order. */
/* One field as CSV (RFC 4180): in double quotes, inner quotes doubled,
 * when it holds a comma, a quote, CR or LF. */
static void csv_field(FILE *f, const char *s, size_t n)
{
	bool quote = false;
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (!quote) {
		fwrite(s, 1, n, f);
		return;
	}
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			fputc('"', f);
		fputc(s[i], f);
	}
	fputc('"', f);
}

/* The TSV text tsv[0..len) to f: without its leading '#' lines when strip
 * (a data or header line never starts with '#'), as CSV when csv (every
 * TAB a field separator: TSV fields hold no TAB).  Lines end with LF. */
void report_table_rewrite(FILE *f, const char *tsv, size_t len, bool strip, bool csv)
{
	const char *p = tsv, *end = tsv + len;
	bool head = true;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		if (head && strip && *p == '#') {
			p = nl ? nl + 1 : end;
			continue;
		}
		head = false;
		if (!csv)
			fwrite(p, 1, (size_t)(eol - p), f);
		else
			for (const char *q = p; q <= eol;) {
				const char *tab = memchr(q, '\t', (size_t)(eol - q));
				const char *fe = tab ? tab : eol;
				csv_field(f, q, (size_t)(fe - q));
				if (!tab)
					break;
				fputc(',', f);
				q = tab + 1;
			}
		if (nl)
			fputc('\n', f);
		p = nl ? nl + 1 : end;
	}
}

/* Open table stem ("runs") of dir: stem.tsv, or stem.csv with --format csv. */
enum status report_table_open(struct table *t, const char *dir, const char *stem,
                              const struct report_opts *ro, char *err, size_t errlen)
{
	char name[64];
	memset(t, 0, sizeof *t);
	t->csv = ro->csv;
	t->strip = ro->no_preamble || ro->csv;   /* CSV has no comment lines */
	snprintf(name, sizeof name, "%s.%s", stem, t->csv ? "csv" : "tsv");
	enum status ost = output_open(&t->out, dir, name, err, errlen);
	if (ost)
		return ost;
	t->f = t->out.f;
	if (t->strip && !(t->f = open_memstream(&t->buf, &t->len))) {
		output_abort(&t->out);
		snprintf(err, errlen, "out of memory");
		return ST_NOMEM;
	}
	return ST_OK;
}

enum status report_table_commit(struct table *t, char *err, size_t errlen)
{
	if (t->f != t->out.f) {
		if (fclose(t->f) != 0) {
			free(t->buf);
			output_abort(&t->out);
			snprintf(err, errlen, "out of memory");
			return ST_NOMEM;
		}
		report_table_rewrite(t->out.f, t->buf, t->len, t->strip, t->csv);
		free(t->buf);
	}
	return output_commit(&t->out, err, errlen);
}

enum status report_table_interrupted(struct table *t, char *err, size_t errlen)
{
	if (t->f != t->out.f) {
		fclose(t->f);
		free(t->buf);
	}
	return report_interrupted(&t->out, err, errlen);
}

struct ens_runs {
	const struct batch *b;
	const struct batch_results *r;
	const struct scenario *s;
	const size_t *idx;
	size_t m;
};

static enum status write_runs_tsv(const char *dir, const struct ens_runs *e,
                                  struct report_opts *ro, char *err, size_t errlen)
{
	struct table o;
	enum status st;
	if (report_stop(ro))
		return report_interrupted(NULL, err, errlen);
	if ((st = report_table_open(&o, dir, "runs", ro, err, errlen)))
		return st;
	report_meta(o.f, e->s, e->m);
	report_summary_header(o.f);
	for (size_t j = 0; j < e->m; j++)
		report_summary_row(o.f, batch_item_run(e->b, e->idx[j]), e->s->seed,
		                   e->r->sum + e->idx[j] * NF);
	return report_table_commit(&o, err, errlen);
}

/* summary.json: per outcome, the description over the finished runs;
 * vals and tmp hold m doubles. */
static enum status write_summary_json(const char *dir, const struct ens_runs *e,
                                      double *vals, double *tmp,
                                      struct report_opts *ro, char *err,
                                      size_t errlen)
{
	struct out_file o;
	if (report_stop(ro))
		return report_interrupted(NULL, err, errlen);
	enum status ost = output_open(&o, dir, "summary.json", err, errlen);
	if (ost)
		return ost;
	fprintf(o.f, "{\n  \"runs\": %zu,\n  \"confidence_interval\": ", e->m);
	output_json_string(o.f, report_ci_text);
	fputs(",\n  \"quantiles\": ", o.f);
	output_json_string(o.f, report_quantile_text);
	fputs(",\n  \"outcomes\": {\n", o.f);
	for (int k = 0; k < NF; k++) {
		for (size_t j = 0; j < e->m; j++)
			vals[j] = e->r->sum[e->idx[j] * NF + (size_t)k];
		struct stats_desc d;
		stats_describe(vals, 1, e->m, tmp, &d);
		fprintf(o.f, "    \"%s\": ", summary_field_name[k]);
		json_desc(o.f, &d);
		fputs(k + 1 < NF ? ",\n" : "\n", o.f);
	}
	fputs("  }\n}\n", o.f);
	return output_commit(&o, err, errlen);
}

/* The per-tick statistics of ensemble.tsv: for every tick t and series
 * column c, NQ values at tab[(t * SERIES_NCOL + c) * NQ]. */
enum { NQ = 7 };
static const char *const tick_stat_name[NQ] = {
	"mean", "sd", "q05", "q25", "q50", "q75", "q95"
};

/* Rows every finished run has (the shortest series; 0 without runs). */
static uint32_t common_rows(const struct ens_runs *e)
{
	uint32_t rows = UINT32_MAX;
	for (size_t j = 0; j < e->m; j++)
		if (e->r->rows[e->idx[j]] < rows)
			rows = e->r->rows[e->idx[j]];
	return e->m ? rows : 0;
}

/* Fill tab (rows × SERIES_NCOL × NQ), ticks in parallel: each tick's cells
 * depend only on that tick's values, taken in run order, so the table (and
 * the file) is the same for any thread count.  ST_OK, ST_NOMEM, or
 * ST_INTERRUPTED when a stop was requested (every tick checks; uncounted,
 * since the threads check in no fixed order). */
static enum status tick_stats(const struct ens_runs *e, uint32_t rows, int threads,
                              unsigned base, double *tab)
{
	int oom = 0;
	long nrows = (long)rows;
	size_t m = e->m;
	int nt = par_threads(threads);
	(void)nt;   /* read by the directive only: unused in a serial build */
	PAR_OMP(parallel num_threads(nt))
	{
		double *tv = malloc((m + 1) * sizeof *tv), *tt = malloc((m + 1) * sizeof *tt);
		if (!tv || !tt) {
			PAR_OMP(atomic write)
			oom = 1;
		}
		PAR_OMP(for schedule(static))
		for (long t = 0; t < nrows; t++) {
			if (!tv || !tt || progress_stop_count() > base)
				continue;
			for (int c = 0; c < SERIES_NCOL; c++) {
				for (size_t j = 0; j < m; j++)
					tv[j] = e->r->ser[e->idx[j]][(size_t)t * SERIES_NCOL + (size_t)c];
				struct stats_desc d;
				stats_describe(tv, 1, m, tt, &d);
				double *x = tab + ((size_t)t * SERIES_NCOL + (size_t)c) * NQ;
				x[0] = d.mean; x[1] = d.sd; x[2] = d.q05; x[3] = d.q25;
				x[4] = d.q50; x[5] = d.q75; x[6] = d.q95;
			}
		}
		free(tv);
		free(tt);
	}
	return oom ? ST_NOMEM : progress_stop_count() > base ? ST_INTERRUPTED : ST_OK;
}

static enum status write_ensemble_tsv(const char *dir, const struct ens_runs *e,
                                      uint32_t rows, const double *tab,
                                      struct report_opts *ro, char *err,
                                      size_t errlen)
{
	struct table o;
	enum status st;
	if ((st = report_table_open(&o, dir, "ensemble", ro, err, errlen)))
		return st;
	report_meta(o.f, e->s, e->m);
	fprintf(o.f, "# per tick over runs: mean, sd, quantiles q05 q25 q50 q75 q95 (%s)\n",
	        report_quantile_text);
	fprintf(o.f, "%s\t%s", series_col_name[COL_tick], series_col_name[COL_minutes]);
	for (int c = 0; c < SERIES_NCOL; c++) {
		if (c == COL_tick || c == COL_minutes)
			continue;
		for (size_t q = 0; q < NQ; q++)
			fprintf(o.f, "\t%s_%s", series_col_name[c], tick_stat_name[q]);
	}
	fputc('\n', o.f);
	for (uint32_t t = 0; t < rows; t++) {
		if (report_stop(ro))
			return report_table_interrupted(&o, err, errlen);
		const double *row0 = e->r->ser[e->idx[0]] + (size_t)t * SERIES_NCOL;
		output_tsv_number(o.f, row0[COL_tick]);
		fputc('\t', o.f);
		output_tsv_number(o.f, row0[COL_minutes]);
		for (int c = 0; c < SERIES_NCOL; c++) {
			if (c == COL_tick || c == COL_minutes)
				continue;
			const double *x = tab + ((size_t)t * SERIES_NCOL + (size_t)c) * NQ;
			for (size_t q = 0; q < NQ; q++) {
				fputc('\t', o.f);
				output_tsv_number(o.f, x[q]);
			}
		}
		fputc('\n', o.f);
	}
	return report_table_commit(&o, err, errlen);
}

enum status report_ensemble(const char *dir, const struct batch *b,
                            const struct batch_results *r, size_t v,
                            struct report_opts *ro, char *err, size_t errlen)
{
	size_t *idx = malloc(((size_t)b->runs + 1) * sizeof *idx);
	double *vals = malloc(((size_t)b->runs + 1) * sizeof *vals);
	double *tmp = malloc(((size_t)b->runs + 1) * sizeof *tmp);
	double *tab = NULL;
	enum status st = ST_NOMEM;
	if (!idx || !vals || !tmp)
		goto fail;
	struct ens_runs e = { b, r, &b->v[v].s, idx, done_runs(b, r, v, idx) };
	if (output_mkdir(dir, err, errlen)) {
		st = ST_RUNTIME;
		goto out;
	}
	if ((st = write_runs_tsv(dir, &e, ro, err, errlen)) ||
	    (st = write_summary_json(dir, &e, vals, tmp, ro, err, errlen)) ||
	    !b->keep_series)
		goto out;
	uint32_t rows = common_rows(&e);
	if (report_stop(ro)) {
		st = report_interrupted(NULL, err, errlen);
		goto out;
	}
	if (!(tab = malloc(((size_t)rows * SERIES_NCOL * NQ + 1) * sizeof *tab)))
		goto fail;
	if ((st = tick_stats(&e, rows, ro->threads, ro->stop_base, tab)) == ST_INTERRUPTED)
		st = report_interrupted(NULL, err, errlen);
	if (st == ST_NOMEM)
		goto fail;
	if (st == ST_OK)
		st = write_ensemble_tsv(dir, &e, rows, tab, ro, err, errlen);
	goto out;
fail:
	snprintf(err, errlen, "out of memory");
out:
	free(idx);
	free(vals);
	free(tmp);
	free(tab);
	return st;
}

void report_tsv_nums(FILE *f, const double *x, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fputc('\t', f);
		output_tsv_number(f, x[i]);
	}
}

enum status report_sweep(const char *dir, const struct batch *p,
                         const struct batch_results *r, struct report_opts *ro,
                         char *err, size_t errlen)
{
	size_t runs = (size_t)p->runs;
	double *vals = malloc((runs + 1) * sizeof *vals);
	double *tmp = malloc((runs + 1) * sizeof *tmp);
	struct table o;
	enum status rc = ST_NOMEM;
	if (!vals || !tmp) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (report_stop(ro)) {
		rc = report_interrupted(NULL, err, errlen);
		goto out;
	}
	rc = ST_RUNTIME;   /* from here: a file cannot be written */
	if (output_mkdir(dir, err, errlen) ||
	    (rc = report_table_open(&o, dir, "sweep", ro, err, errlen)))
		goto out;
	report_meta(o.f, &p->v[0].s, runs);
	if (p->design != DESIGN_NONE)
		fprintf(o.f, "# design: %s, %zu points\n", design_kind_name(p->design),
		        p->n_points);
	/* The factors' ranges and the levels, which crisim sensitivity needs
	 * for Morris's elementary effects (sensitivity.h). */
	for (size_t a = 0; a < p->n_axes; a++)
		if (p->axes[a].lo < p->axes[a].hi) {
			fprintf(o.f, "# factor: %s=", p->axes[a].path);
			output_json_number(o.f, p->axes[a].lo);
			fputc(':', o.f);
			output_json_number(o.f, p->axes[a].hi);
			fputc('\n', o.f);
		}
	if (p->design == DESIGN_MORRIS)
		fprintf(o.f, "# levels: %u\n", DESIGN_MORRIS_LEVELS);
	fputs("# axes:", o.f);
	for (size_t a = 0; a < p->n_axes; a++)
		fprintf(o.f, " %s", p->axes[a].path);
	fprintf(o.f, "\n# per outcome O: O_mean O_sd O_ci_lo O_ci_hi (%s) O_n (runs "
	        "without NaN)\n", report_ci_text);
	fputs("point", o.f);
	for (size_t a = 0; a < p->n_axes; a++)
		fprintf(o.f, "\t%s", p->axes[a].path);
	fputs("\tstrategy\truns", o.f);
	for (int k = 0; k < NF; k++)
		fprintf(o.f, "\t%s_mean\t%s_sd\t%s_ci_lo\t%s_ci_hi\t%s_n",
		        summary_field_name[k], summary_field_name[k], summary_field_name[k],
		        summary_field_name[k], summary_field_name[k]);
	fputc('\n', o.f);
	for (size_t v = 0; v < p->n_variants; v++) {
		if (report_stop(ro)) {
			rc = report_table_interrupted(&o, err, errlen);
			goto out;
		}
		const struct batch_variant *pv = &p->v[v];
		fprintf(o.f, "%zu", pv->point);
		for (size_t a = 0; a < p->n_axes; a++)
			fprintf(o.f, "\t%s", p->axes[a].labels[batch_axis_pos(p, pv->point, a)]);
		size_t m = 0;
		for (size_t k = 0; k < runs; k++)
			m += r->done[batch_item(p, v, k)];
		/* the label of compare's tables: none, none-2 on a repeat */
		fprintf(o.f, "\t%s\t%zu", p->strats[pv->strat] ? p->strat_dirs[pv->strat] :
		        pv->s.responder.strategy, m);
		for (int k = 0; k < NF; k++) {
			size_t n = 0;
			for (size_t j = 0; j < runs; j++) {
				size_t i = batch_item(p, v, j);
				if (r->done[i])
					vals[n++] = r->sum[i * NF + (size_t)k];
			}
			struct stats_desc d;
			stats_describe(vals, 1, n, tmp, &d);
			const double x[] = { d.mean, d.sd, d.ci_lo, d.ci_hi };
			report_tsv_nums(o.f, x, 4);
			fprintf(o.f, "\t%zu", d.n);
		}
		fputc('\n', o.f);
	}
	if ((rc = report_table_commit(&o, err, errlen)))
		goto out;
out:
	free(vals);
	free(tmp);
	return rc;
}
