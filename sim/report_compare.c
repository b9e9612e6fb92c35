/* report_compare — the comparison (compare.tsv, compare.json, the table on
 * stdout) and the trainer board (board.tsv) of a batch of strategies,
 * paired by run index (report.h gives the layouts). */
#include "report.h"
#include "report_table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

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

static void write_compare_tsv(FILE *f, const struct batch *p, const struct paired *ps,
                              const struct finished *fi)
{
	report_meta_text(f, &p->v[0].s, fi->text);
	if (!fi->all) {
		fputs("# interrupted: runs finished per strategy: ", f);
		finished_list(f, p, fi);
		fprintf(f, " (of %llu planned)\n", (unsigned long long)p->runs);
	}
	fprintf(f, "# difference: strategy minus %s, paired by run index; CI: %s\n",
	        p->strat_dirs[0], report_ci_text);
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
			report_tsv_nums(f, a, 4);
			if (s == 0) {
				fputs("\t-\t0", f);
				const double nan[9] = { NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
				report_tsv_nums(f, nan, 9);
			} else {
				fprintf(f, "\t%s\t%zu", p->strat_dirs[0], q->diff.n);
				const double b[] = { q->diff.mean, q->diff.sd, q->diff.ci_lo,
				                     q->diff.ci_hi, q->rel, q->rel_lo, q->rel_hi,
				                     q->better, q->ties };
				report_tsv_nums(f, b, 9);
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
	output_json_string(f, report_ci_text);
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
			rc = report_interrupted(NULL, err, errlen);
			goto out;
		}
		for (size_t s = 0; s < p->n_strats; s++)
			pair_stats(p, r, s, k, &w, &ps[(size_t)k * p->n_strats + s]);
	}
	if (report_stop(ro)) {
		rc = report_interrupted(NULL, err, errlen);
		goto out;
	}
	struct table t;
	if (output_mkdir(dir, err, errlen) ||
	    (rc = report_table_open(&t, dir, "compare", ro, err, errlen)))
		goto out;
	write_compare_tsv(t.f, p, ps, &fi);
	if ((rc = report_table_commit(&t, err, errlen)))
		goto out;
	rc = ST_RUNTIME;
	if (report_stop(ro)) {
		rc = report_interrupted(NULL, err, errlen);
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
				report_table_rewrite(out, buf, len, true, fmt == FORMAT_CSV);
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
		rc = report_interrupted(NULL, err, errlen);
		goto out;
	}
	rc = ST_RUNTIME;
	if (output_open(&o, dir, "board.tsv", err, errlen))
		goto out;
	const char *base = p->strat_dirs[0];
	report_meta(o.f, &p->v[0].s, bd->n);
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
	rc = output_commit(&o, err, errlen);
out:
	free(x);
	free(tmp);
	return rc;
}

/* ---- sweep ---- */
