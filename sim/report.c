#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "par.h"
#include "progress.h"
#include "stats.h"

#define NF SUMMARY_NFIELD

static const char ci_text[] =
	"95% t-interval on the mean: mean +/- t(0.975, n-1) sd / sqrt(n)";
static const char quantile_text[] =
	"linear interpolation between order statistics (Hyndman-Fan type 7, "
	"gsl_stats_quantile_from_sorted_data)";

bool report_stop(struct report_opts *ro)
{
	ro->checks++;
	if (ro->stop_at && ro->checks == ro->stop_at)
		progress_request_stop();
	return progress_stop_count() > ro->stop_base;
}

static enum status interrupted(struct out_file *o, char *err, size_t errlen)
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

static void meta_text(FILE *f, const struct scenario *s, const char *runs)
{
	fprintf(f, "# scenario: %s\n# seed: %llu\n# crisim: %s\n# runs: %s\n",
	        s->name, (unsigned long long)s->seed, CRISIM_VERSION, runs);
}

static void meta(FILE *f, const struct scenario *s, size_t runs)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%zu", runs);
	meta_text(f, s, buf);
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
/* A table the reports write: NAME.tsv straight to its file by default; with
 * --no-preamble or --format csv the writer's TSV goes to a buffer and is
 * rewritten into NAME.tsv or NAME.csv when committed (table_rewrite).
 * The writer writes to f either way. */
struct table {
	FILE *f;
	struct out_file out;
	char *buf;
	size_t len;
	bool strip, csv;
};

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
static void table_rewrite(FILE *f, const char *tsv, size_t len, bool strip, bool csv)
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
static enum status table_open(struct table *t, const char *dir, const char *stem,
                              const struct report_opts *ro, char *err, size_t errlen)
{
	char name[64];
	memset(t, 0, sizeof *t);
	t->csv = ro->csv;
	t->strip = ro->no_preamble || ro->csv;   /* CSV has no comment lines */
	snprintf(name, sizeof name, "%s.%s", stem, t->csv ? "csv" : "tsv");
	if (output_open(&t->out, dir, name, err, errlen))
		return ST_RUNTIME;
	t->f = t->out.f;
	if (t->strip && !(t->f = open_memstream(&t->buf, &t->len))) {
		output_abort(&t->out);
		snprintf(err, errlen, "out of memory");
		return ST_NOMEM;
	}
	return ST_OK;
}

static enum status table_commit(struct table *t, char *err, size_t errlen)
{
	if (t->f != t->out.f) {
		if (fclose(t->f) != 0) {
			free(t->buf);
			output_abort(&t->out);
			snprintf(err, errlen, "out of memory");
			return ST_NOMEM;
		}
		table_rewrite(t->out.f, t->buf, t->len, t->strip, t->csv);
		free(t->buf);
	}
	return output_commit(&t->out, err, errlen) ? ST_RUNTIME : ST_OK;
}

static enum status table_interrupted(struct table *t, char *err, size_t errlen)
{
	if (t->f != t->out.f) {
		fclose(t->f);
		free(t->buf);
	}
	return interrupted(&t->out, err, errlen);
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
		return interrupted(NULL, err, errlen);
	if ((st = table_open(&o, dir, "runs", ro, err, errlen)))
		return st;
	meta(o.f, e->s, e->m);
	report_summary_header(o.f);
	for (size_t j = 0; j < e->m; j++)
		report_summary_row(o.f, batch_item_run(e->b, e->idx[j]), e->s->seed,
		                   e->r->sum + e->idx[j] * NF);
	return table_commit(&o, err, errlen);
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
		return interrupted(NULL, err, errlen);
	if (output_open(&o, dir, "summary.json", err, errlen))
		return ST_RUNTIME;
	fprintf(o.f, "{\n  \"runs\": %zu,\n  \"confidence_interval\": ", e->m);
	output_json_string(o.f, ci_text);
	fputs(",\n  \"quantiles\": ", o.f);
	output_json_string(o.f, quantile_text);
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
	return output_commit(&o, err, errlen) ? ST_RUNTIME : ST_OK;
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
	if ((st = table_open(&o, dir, "ensemble", ro, err, errlen)))
		return st;
	meta(o.f, e->s, e->m);
	fprintf(o.f, "# per tick over runs: mean, sd, quantiles q05 q25 q50 q75 q95 (%s)\n",
	        quantile_text);
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
			return table_interrupted(&o, err, errlen);
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
	return table_commit(&o, err, errlen);
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
		st = interrupted(NULL, err, errlen);
		goto out;
	}
	if (!(tab = malloc(((size_t)rows * SERIES_NCOL * NQ + 1) * sizeof *tab)))
		goto fail;
	if ((st = tick_stats(&e, rows, ro->threads, ro->stop_base, tab)) == ST_INTERRUPTED)
		st = interrupted(NULL, err, errlen);
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

/* ---- comparison ---- */

struct paired {
	struct stats_desc base, st, diff;
	double better, ties;   /* shares of pairs; NaN without direction */
	double rel, rel_lo, rel_hi;   /* diff as % of |baseline mean over the
	                                 same pairs| */
};

/* Scratch of pair_stats: p->runs + 1 doubles each. */
struct pair_buf {
	double *a, *b;   /* baseline, strategy: every finished run */
	double *x, *d;   /* baseline and difference: the pairs */
	double *tmp;
};

/* Outcome k of strategy s against strategy 0 at grid point 0. */
static void pair_stats(const struct batch *p, const struct batch_results *r, size_t s,
                       int k, const struct pair_buf *w, struct paired *out)
{
	size_t runs = (size_t)p->runs, na = 0, nb = 0, nd = 0, nbetter = 0, nties = 0;
	double *a = w->a, *b = w->b, *x = w->x, *d = w->d, *tmp = w->tmp;
	for (size_t run = 0; run < runs; run++) {
		size_t i0 = batch_item(p, 0, run), is = batch_item(p, s, run);
		double x0 = r->sum[i0 * NF + (size_t)k], xs = r->sum[is * NF + (size_t)k];
		if (r->done[i0])
			a[na++] = x0;
		if (r->done[is])
			b[nb++] = xs;
		if (!r->done[i0] || !r->done[is] || isnan(x0) || isnan(xs))
			continue;
		x[nd] = x0;
		d[nd++] = xs - x0;
		int dir = stats_better[k];
		nbetter += dir < 0 ? xs < x0 : dir > 0 ? xs > x0 : 0;
		nties += xs == x0;
	}
	stats_describe(a, 1, na, tmp, &out->base);
	stats_describe(b, 1, nb, tmp, &out->st);
	stats_describe(d, 1, nd, tmp, &out->diff);
	out->better = stats_better[k] && nd ? (double)nbetter / (double)nd : NAN;
	out->ties = nd ? (double)nties / (double)nd : NAN;
	/* Relative to the baseline over the same pairs: over all its runs
	 * (more of them when the strategy has fewer finished runs or NaNs) the
	 * ratio would mix two sets of runs. */
	struct stats_desc xd;
	stats_describe(x, 1, nd, tmp, &xd);
	double scale = fabs(xd.mean);
	out->rel = scale > 0 ? 100 * out->diff.mean / scale : NAN;
	out->rel_lo = scale > 0 ? 100 * out->diff.ci_lo / scale : NAN;
	out->rel_hi = scale > 0 ? 100 * out->diff.ci_hi / scale : NAN;
}

/* Finished runs per strategy of a comparison: fin[s], their least and
 * greatest, and the text for the tables ("400", or "182-183" when an
 * interrupted comparison left them unequal). */
struct finished {
	const size_t *fin;
	size_t lo, hi;
	bool all;          /* every planned run finished */
	char text[48];
};

static void finished_init(struct finished *fi, const struct batch *p, size_t *fin,
                          const struct batch_results *r)
{
	fi->fin = fin;
	fi->lo = SIZE_MAX;
	fi->hi = 0;
	for (size_t s = 0; s < p->n_strats; s++) {
		fin[s] = 0;
		for (uint64_t k = 0; k < p->runs; k++)
			fin[s] += r->done[batch_item(p, s, k)];
		fi->lo = fin[s] < fi->lo ? fin[s] : fi->lo;
		fi->hi = fin[s] > fi->hi ? fin[s] : fi->hi;
	}
	fi->all = fi->lo == p->runs;
	if (fi->lo == fi->hi)
		snprintf(fi->text, sizeof fi->text, "%zu", fi->lo);
	else
		snprintf(fi->text, sizeof fi->text, "%zu-%zu", fi->lo, fi->hi);
}

/* "none 183, plan 182" */
static void finished_list(FILE *f, const struct batch *p, const struct finished *fi)
{
	for (size_t s = 0; s < p->n_strats; s++)
		fprintf(f, "%s%s %zu", s ? ", " : "", p->strat_dirs[s], fi->fin[s]);
}

static void tsv_nums(FILE *f, const double *x, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fputc('\t', f);
		output_tsv_number(f, x[i]);
	}
}

static void write_compare_tsv(FILE *f, const struct batch *p, const struct paired *ps,
                              const struct finished *fi)
{
	meta_text(f, &p->v[0].s, fi->text);
	if (!fi->all) {
		fputs("# interrupted: runs finished per strategy: ", f);
		finished_list(f, p, fi);
		fprintf(f, " (of %llu planned)\n", (unsigned long long)p->runs);
	}
	fprintf(f, "# difference: strategy minus %s, paired by run index; CI: %s\n",
	        p->strat_dirs[0], ci_text);
	fputs("outcome\tbetter\tstrategy\tn\tnan\tmean\tsd\tci_lo\tci_hi\tvs\tpairs"
	      "\tdiff_mean\tdiff_sd\tdiff_ci_lo\tdiff_ci_hi\trel_diff\trel_ci_lo"
	      "\trel_ci_hi\tbetter_share\ttie_share\n", f);
	for (int k = 0; k < NF; k++)
		for (size_t s = 0; s < p->n_strats; s++) {
			const struct paired *q = &ps[(size_t)k * p->n_strats + s];
			fprintf(f, "%s\t%s\t%s\t%zu\t%zu", summary_field_name[k],
			        stats_better_word(stats_better[k]), p->strat_dirs[s],
			        q->st.n, q->st.n_nan);
			const double a[] = { q->st.mean, q->st.sd, q->st.ci_lo, q->st.ci_hi };
			tsv_nums(f, a, 4);
			if (s == 0) {
				fputs("\t-\t0", f);
				const double nan[9] = { NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
				tsv_nums(f, nan, 9);
			} else {
				fprintf(f, "\t%s\t%zu", p->strat_dirs[0], q->diff.n);
				const double b[] = { q->diff.mean, q->diff.sd, q->diff.ci_lo,
				                     q->diff.ci_hi, q->rel, q->rel_lo, q->rel_hi,
				                     q->better, q->ties };
				tsv_nums(f, b, 9);
			}
			fputc('\n', f);
		}
}

static void json_ci(FILE *f, const char *key, double lo, double hi)
{
	fprintf(f, ", \"%s\": [", key);
	output_json_number(f, lo);
	fputs(", ", f);
	output_json_number(f, hi);
	fputc(']', f);
}

static void write_compare_json(FILE *f, const struct batch *p, const struct paired *ps,
                               const struct finished *fi)
{
	/* runs: what every strategy finished; an interrupted comparison also
	 * says what was planned and what each strategy finished */
	fprintf(f, "{\n  \"runs\": %zu,\n", fi->lo);
	if (!fi->all) {
		fprintf(f, "  \"runs_planned\": %llu,\n  \"runs_finished\": {",
		        (unsigned long long)p->runs);
		for (size_t s = 0; s < p->n_strats; s++) {
			fputs(s ? ", " : "", f);
			output_json_string(f, p->strat_dirs[s]);
			fprintf(f, ": %zu", fi->fin[s]);
		}
		fputs("},\n", f);
	}
	fputs("  \"baseline\": ", f);
	output_json_string(f, p->strat_dirs[0]);
	fputs(",\n  \"difference\": \"strategy minus baseline, paired by run index "
	      "(common random numbers)\",\n  \"confidence_interval\": ", f);
	output_json_string(f, ci_text);
	fputs(",\n  \"outcomes\": {\n", f);
	for (int k = 0; k < NF; k++) {
		fprintf(f, "    \"%s\": {\"better\": \"%s\", \"strategies\": {",
		        summary_field_name[k], stats_better_word(stats_better[k]));
		for (size_t s = 0; s < p->n_strats; s++) {
			const struct paired *q = &ps[(size_t)k * p->n_strats + s];
			fprintf(f, "%s\n      ", s ? "," : "");
			output_json_string(f, p->strat_dirs[s]);
			fprintf(f, ": {\"n\": %zu, \"excluded_nan\": %zu, \"mean\": ",
			        q->st.n, q->st.n_nan);
			output_json_number(f, q->st.mean);
			fputs(", \"sd\": ", f);
			output_json_number(f, q->st.sd);
			json_ci(f, "ci95", q->st.ci_lo, q->st.ci_hi);
			if (s > 0) {
				fprintf(f, ", \"diff\": {\"pairs\": %zu, \"mean\": ", q->diff.n);
				output_json_number(f, q->diff.mean);
				fputs(", \"sd\": ", f);
				output_json_number(f, q->diff.sd);
				json_ci(f, "ci95", q->diff.ci_lo, q->diff.ci_hi);
				fputs(", \"better_share\": ", f);
				output_json_number(f, q->better);
				fputs(", \"tie_share\": ", f);
				output_json_number(f, q->ties);
				fputc('}', f);
			}
			fputc('}', f);
		}
		fprintf(f, "}}%s\n", k + 1 < NF ? "," : "");
	}
	fputs("  }\n}\n", f);
}

static void cell(char *buf, size_t len, double m, double lo, double hi)
{
	if (isnan(m))
		snprintf(buf, len, "-");
	else if (isnan(lo))
		snprintf(buf, len, "%.4g", m);
	else
		snprintf(buf, len, "%.4g [%.4g, %.4g]", m, lo, hi);
}

static void write_compare_table(FILE *f, const struct batch *p, const struct paired *ps,
                                const struct finished *fi)
{
	if (fi->all) {
		fprintf(f, "%s runs per strategy", fi->text);
	} else {
		fprintf(f, "Interrupted: %s of %llu runs per strategy finished (", fi->text,
		        (unsigned long long)p->runs);
		finished_list(f, p, fi);
		fputc(')', f);
	}
	fprintf(f, ", paired by run index (common random "
	        "numbers).\nmean [95%% CI, t]; difference = strategy - %s [95%% CI, "
	        "paired t]; \"better\" = share of runs where the strategy did better.\n\n",
	        p->strat_dirs[0]);
	char buf[128];
	fprintf(f, "%-16s %-7s", "outcome", "better");
	for (size_t s = 0; s < p->n_strats; s++)
		fprintf(f, " %-30s", p->strat_dirs[s]);
	for (size_t s = 1; s < p->n_strats; s++) {
		snprintf(buf, sizeof buf, "%s - %s", p->strat_dirs[s], p->strat_dirs[0]);
		fprintf(f, " %-30s %-7s", buf, "better");
	}
	fputc('\n', f);
	for (int k = 0; k < NF; k++) {
		fprintf(f, "%-16s %-7s", summary_field_name[k],
		        stats_better_word(stats_better[k]));
		for (size_t s = 0; s < p->n_strats; s++) {
			const struct paired *q = &ps[(size_t)k * p->n_strats + s];
			cell(buf, sizeof buf, q->st.mean, q->st.ci_lo, q->st.ci_hi);
			fprintf(f, " %-30s", buf);
		}
		for (size_t s = 1; s < p->n_strats; s++) {
			const struct paired *q = &ps[(size_t)k * p->n_strats + s];
			cell(buf, sizeof buf, q->diff.mean, q->diff.ci_lo, q->diff.ci_hi);
			char share[16] = "-";
			if (!isnan(q->better))
				snprintf(share, sizeof share, "%.0f%%", 100 * q->better);
			fprintf(f, " %-30s %-7s", buf, share);
		}
		fputc('\n', f);
	}
}

enum status report_compare(const char *dir, const struct batch *p,
                           const struct batch_results *r, enum report_format fmt,
                           FILE *out, struct report_opts *ro, char *err,
                           size_t errlen)
{
	size_t runs = (size_t)p->runs;
	struct paired *ps = calloc((size_t)NF * p->n_strats, sizeof *ps);
	struct pair_buf w = {
		malloc((runs + 1) * sizeof *w.a), malloc((runs + 1) * sizeof *w.b),
		malloc((runs + 1) * sizeof *w.x), malloc((runs + 1) * sizeof *w.d),
		malloc((runs + 1) * sizeof *w.tmp)
	};
	size_t *fin = malloc((p->n_strats + 1) * sizeof *fin);
	enum status rc = ST_NOMEM;
	struct out_file o;
	if (!ps || !w.a || !w.b || !w.x || !w.d || !w.tmp || !fin) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	rc = ST_RUNTIME;   /* from here: a file cannot be written */
	struct finished fi;
	finished_init(&fi, p, fin, r);
	for (int k = 0; k < NF; k++) {
		if (report_stop(ro)) {
			rc = interrupted(NULL, err, errlen);
			goto out;
		}
		for (size_t s = 0; s < p->n_strats; s++)
			pair_stats(p, r, s, k, &w, &ps[(size_t)k * p->n_strats + s]);
	}
	if (report_stop(ro)) {
		rc = interrupted(NULL, err, errlen);
		goto out;
	}
	struct table t;
	if (output_mkdir(dir, err, errlen) ||
	    (rc = table_open(&t, dir, "compare", ro, err, errlen)))
		goto out;
	write_compare_tsv(t.f, p, ps, &fi);
	if ((rc = table_commit(&t, err, errlen)))
		goto out;
	rc = ST_RUNTIME;
	if (report_stop(ro)) {
		rc = interrupted(NULL, err, errlen);
		goto out;
	}
	if (output_open(&o, dir, "compare.json", err, errlen))
		goto out;
	write_compare_json(o.f, p, ps, &fi);
	if (output_commit(&o, err, errlen))
		goto out;
	if (out) {
		if (fmt == FORMAT_TSV && !ro->no_preamble)
			write_compare_tsv(out, p, ps, &fi);
		else if (fmt == FORMAT_TSV || fmt == FORMAT_CSV) {
			char *buf = NULL;
			size_t len = 0;
			FILE *mem = open_memstream(&buf, &len);
			if (!mem) {
				snprintf(err, errlen, "out of memory");
				rc = ST_NOMEM;
				goto out;
			}
			write_compare_tsv(mem, p, ps, &fi);
			if (fclose(mem) == 0)
				table_rewrite(out, buf, len, true, fmt == FORMAT_CSV);
			free(buf);
		}
		else if (fmt == FORMAT_JSON)
			write_compare_json(out, p, ps, &fi);
		else
			write_compare_table(out, p, ps, &fi);
	}
	rc = ST_OK;
out:
	free(ps);
	free(w.a);
	free(w.b);
	free(w.x);
	free(w.d);
	free(w.tmp);
	free(fin);
	return rc;
}

/* ---- the trainer board ---- */

/* Index of the strategy named name (len bytes); n_strats when none. */
static size_t strat_index(const struct batch *p, const char *name, size_t len)
{
	for (size_t s = 0; s < p->n_strats; s++)
		if (p->strats[s] && strlen(p->strats[s]) == len &&
		    strncmp(p->strats[s], name, len) == 0)
			return s;
	return p->n_strats;
}

static void board_pair(const struct batch *p, const char *pair, size_t *a, size_t *b)
{
	*a = p->n_strats >= 3 ? 1 : 0;
	*b = p->n_strats >= 3 ? 2 : p->n_strats - 1;
	const char *comma = pair ? strchr(pair, ',') : NULL;
	if (!comma)
		return;
	size_t ia = strat_index(p, pair, (size_t)(comma - pair));
	size_t ib = strat_index(p, comma + 1, strlen(comma + 1));
	if (ia < p->n_strats && ib < p->n_strats && ia != ib) {
		*a = ia;
		*b = ib;
	}
}

static void board_run(const struct batch *p, const struct batch_results *r,
                      double *x, double *tmp, struct report_board *bd)
{
	size_t n = 0;
	for (uint64_t k = 0; k < p->runs; k++) {
		size_t i = batch_item(p, 0, k);
		if (r->done[i])
			x[n++] = r->sum[i * NF + SUM_damage];
	}
	struct stats_desc d;
	stats_describe(x, 1, n, tmp, &d);
	bd->median = d.q50;
	bd->n = d.n;
	bd->run = 0;
	bd->damage = NAN;
	double best = INFINITY;
	for (uint64_t k = 0; k < p->runs; k++) {
		size_t i = batch_item(p, 0, k);
		double v = r->sum[i * NF + SUM_damage];
		if (!r->done[i] || isnan(v) || !(fabs(v - d.q50) < best))
			continue;
		best = fabs(v - d.q50);
		bd->run = k;
		bd->damage = v;
	}
}

enum status report_board(const char *dir, const struct batch *p,
                         const struct batch_results *r, const char *pair,
                         struct report_board *bd, struct report_opts *ro,
                         char *err, size_t errlen)
{
	size_t runs = (size_t)p->runs;
	double *x = malloc((runs + 1) * sizeof *x);
	double *tmp = malloc((runs + 1) * sizeof *tmp);
	enum status rc = ST_NOMEM;
	struct out_file o;
	if (!x || !tmp) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	board_pair(p, pair, &bd->a, &bd->b);
	board_run(p, r, x, tmp, bd);
	if (report_stop(ro)) {
		rc = interrupted(NULL, err, errlen);
		goto out;
	}
	rc = ST_RUNTIME;
	if (output_open(&o, dir, "board.tsv", err, errlen))
		goto out;
	const char *base = p->strat_dirs[0];
	meta(o.f, &p->v[0].s, bd->n);
	fputs("# the trainer board (board.png): which strategies it sets side by "
	      "side and which run's stories (STRATEGY/story/) it draws\n", o.f);
	fputs("key\tvalue\n", o.f);
	fprintf(o.f, "left\t%s\nright\t%s\nbaseline\t%s\nrun\t%llu\n",
	        p->strat_dirs[bd->a], p->strat_dirs[bd->b], base,
	        (unsigned long long)bd->run);
	fputs("run_damage\t", o.f);
	output_tsv_number(o.f, bd->damage);
	fputs("\nmedian_damage\t", o.f);
	output_tsv_number(o.f, bd->median);
	fprintf(o.f, "\nwhy\trun %llu, the run whose %s damage (%.0f) is closest "
	        "to its median over %zu runs (%.0f)\n", (unsigned long long)bd->run,
	        base, bd->damage, bd->n, bd->median);
	rc = output_commit(&o, err, errlen) ? ST_RUNTIME : ST_OK;
out:
	free(x);
	free(tmp);
	return rc;
}

/* ---- sweep ---- */

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
		rc = interrupted(NULL, err, errlen);
		goto out;
	}
	rc = ST_RUNTIME;   /* from here: a file cannot be written */
	if (output_mkdir(dir, err, errlen) ||
	    (rc = table_open(&o, dir, "sweep", ro, err, errlen)))
		goto out;
	meta(o.f, &p->v[0].s, runs);
	fputs("# axes:", o.f);
	for (size_t a = 0; a < p->n_axes; a++)
		fprintf(o.f, " %s", p->axes[a].path);
	fprintf(o.f, "\n# per outcome O: O_mean O_sd O_ci_lo O_ci_hi (%s) O_n (runs "
	        "without NaN)\n", ci_text);
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
			rc = table_interrupted(&o, err, errlen);
			goto out;
		}
		const struct batch_variant *pv = &p->v[v];
		fprintf(o.f, "%zu", pv->point);
		size_t rest = pv->point, pos[64] = { 0 };
		for (size_t a = p->n_axes; a-- > 0;) {
			if (a < 64)
				pos[a] = rest % p->axes[a].n;
			rest /= p->axes[a].n;
		}
		for (size_t a = 0; a < p->n_axes; a++)
			fprintf(o.f, "\t%s", a < 64 ? p->axes[a].labels[pos[a]] : "?");
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
			tsv_nums(o.f, x, 4);
			fprintf(o.f, "\t%zu", d.n);
		}
		fputc('\n', o.f);
	}
	if ((rc = table_commit(&o, err, errlen)))
		goto out;
out:
	free(vals);
	free(tmp);
	return rc;
}
