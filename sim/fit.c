#include "fit.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include "engine.h"
#include "fit_internal.h"
#include "fit_target.h"
#include "graph.h"
#include "netgen.h"
#include "output.h"
#include "par.h"
#include "progress.h"
#include "scenario.h"
#include "series.h"

/* ---- parameters ---- */

/* "PATH=LO:HI" or "PATH=LO:HI:START" with LO < HI, LO < START < HI. */
static enum status param_parse(const char *spec, struct param *p, char *err,
                               size_t errlen)
{
	const char *eq = strrchr(spec, '=');
	if (eq && eq != spec) {
		char *end;
		errno = 0;
		p->lo = strtod(eq + 1, &end);
		bool ok = end != eq + 1 && *end == ':';
		if (ok) {
			const char *h = end + 1;
			p->hi = strtod(h, &end);
			ok = end != h && (*end == '\0' || *end == ':');
		}
		p->start = 0.5 * (p->lo + p->hi);
		if (ok && *end == ':') {
			const char *s = end + 1;
			p->start = strtod(s, &end);
			ok = end != s && *end == '\0';
		}
		if (ok && !errno && isfinite(p->lo) && isfinite(p->hi) &&
		    p->lo < p->hi && p->start > p->lo && p->start < p->hi) {
			p->path = strndup(spec, (size_t)(eq - spec));
			if (p->path)
				return ST_OK;
			snprintf(err, errlen, "out of memory");
			return ST_NOMEM;
		}
	}
	snprintf(err, errlen, "--param %s: expected PATH=LO:HI or PATH=LO:HI:START "
	         "with numbers LO < START < HI", spec);
	return ST_BADINPUT;
}

static double to_box(const struct param *p, double u)
{
	return p->lo + (p->hi - p->lo) / (1.0 + exp(-u));
}

static double from_box(const struct param *p, double x)
{
	double q = (x - p->lo) / (p->hi - p->lo);
	return log(q / (1.0 - q));
}

/* ---- one point: the scenario, its runs, their curves ---- */

/* Load the scenario with the overrides and x; ST_OK or an error. */
static enum status load_at(struct fit *F, const double *x, struct scenario *s)
{
	const struct fit_opts *o = F->o;
	size_t n = o->n_sets + F->k;
	const char **sets = calloc(n ? n : 1, sizeof *sets);
	char (*buf)[512] = calloc(F->k ? F->k : 1, sizeof *buf);
	char err[SCN_ERRLEN];
	enum status st = ST_NOMEM;
	if (!sets || !buf) {
		snprintf(F->err, F->errlen, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < o->n_sets; i++)
		sets[i] = o->sets[i];
	for (size_t i = 0; i < F->k; i++) {
		snprintf(buf[i], sizeof buf[i], "%s=%.17g", F->p[i].path, x[i]);
		sets[o->n_sets + i] = buf[i];
	}
	st = scenario_load(s, o->scenario, sets, n, err);
	if (st) {
		/* An override of ours is a --param to the user. */
		const char *msg = err;
		for (size_t i = 0; i < F->k && msg == err; i++) {
			size_t len = strlen(F->p[i].path);
			if (strncmp(err, "--set ", 6) == 0 &&
			    strncmp(err + 6, F->p[i].path, len) == 0 && err[6 + len] == ':')
				msg = err + 6 + len;
			if (msg != err)
				snprintf(F->err, F->errlen, "--param %s%s", F->p[i].path, msg);
		}
		if (msg == err)
			snprintf(F->err, F->errlen, "%s", err);
		goto done;
	}
	if (o->have_seed)
		s->seed = o->seed;
	st = engine_check(s, NULL, err, sizeof err);
	if (st) {
		snprintf(F->err, F->errlen, "%s: %s", o->scenario, err);
		spec_free(s);
	}
done:
	free(sets);
	free(buf);
	return st;
}

static enum status build_graph(struct fit *F, const struct scenario *s)
{
	char err[512];
	struct net_report rep;
	if (F->have_graph) {
		graph_free(&F->g);
		F->have_graph = false;
	}
	enum status st = netgen_build(&s->network, s->seed, &F->g, &rep, err, sizeof err);
	if (st)
		snprintf(F->err, F->errlen, "%s: network: %s", F->o->scenario, err);
	F->have_graph = st == ST_OK;
	return st;
}

/* Cumulative count of one quantity at `minutes` after tick k0, the events
 * of a tick spread evenly over it: rows k0.. of per-tick counts c. */
static double cumulative(const double *c, uint32_t rows, uint32_t k0, double dt,
                         double minutes)
{
	double pos = minutes / dt, whole = floor(pos), sum = 0.0;
	uint32_t j = k0;
	for (; j < rows && (double)(j - k0) < whole; j++)
		sum += c[j];
	if (j < rows)
		sum += (pos - whole) * c[j];
	return sum;
}

/* Run res's counts at the target's grid and at H into cnt[q][0..n] (cnt[q][n]
 * the count by H), since its first post: 1; 0 when it has none; -1 out of
 * memory. */
static int run_counts(const struct fit_target *t, const struct run_result *res,
                       double dt, double cnt[2][FIT_GRID_N + 1])
{
	const struct series *s = &res->series;
	double *c[2];
	c[0] = malloc(s->rows * sizeof *c[0] + 1);
	c[1] = malloc(s->rows * sizeof *c[1] + 1);
	int ok = -1;
	if (!c[0] || !c[1])
		goto done;
	ok = 0;
	uint32_t k0 = s->rows;
	for (uint32_t r = 0; r < s->rows; r++) {
		const double *row = s->v + (size_t)r * SERIES_NCOL;
		c[FIT_POSTERS][r] = row[COL_new_posters];
		c[FIT_POSTS][r] = row[COL_posts_neg] + row[COL_posts_neu] + row[COL_posts_pos];
		/* time 0 is the first post of someone other than the brand (a
		 * brand that speaks first, stealing thunder, does not start the
		 * cascade's clock) */
		if (k0 == s->rows && c[FIT_POSTERS][r] > 0)
			k0 = r;
	}
	if (k0 == s->rows)
		goto done;
	for (int q = 0; q < 2; q++) {
		for (size_t g = 0; g < t->n; g++)
			cnt[q][g] = cumulative(c[q], s->rows, k0, dt, t->t[g]);
		cnt[q][t->n] = cumulative(c[q], s->rows, k0, dt, t->horizon);
	}
	ok = cnt[FIT_POSTERS][t->n] > 0.0;
done:
	free(c[0]);
	free(c[1]);
	return ok;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The simulated curves of the runs' counts, the statistic the target's
 * side uses: for one observed cascade (an event list) the runs pooled,
 * sum_r C_r(t) / sum_r C_r(H), the profile of all simulated events
 * together, to which a run that fizzles adds little, as a big observed
 * cascade is compared; for a summary, the median over runs of
 * C_r(t) / C_r(H), as the target is the median over cascades. */
static enum status curves_of(const struct fit_target *t, uint64_t n,
                             double (*cnt)[2][FIT_GRID_N + 1],
                             const signed char *ok, struct curves *cv)
{
	double *v = malloc((n ? n : 1) * sizeof *v);
	if (!v)
		return ST_NOMEM;
	memset(cv, 0, sizeof *cv);
	for (int q = 0; q < 2; q++)
		for (size_t g = 0; g < t->n; g++) {
			double num = 0.0, den = 0.0;
			size_t m = 0;
			for (uint64_t r = 0; r < n; r++)
				if (ok[r] > 0) {
					num += cnt[r][q][g];
					den += cnt[r][q][t->n];
					v[m++] = cnt[r][q][g] / cnt[r][q][t->n];
				}
			cv->used[q] = m;
			if (m == 0) {
				cv->f[q][g] = NAN;
			} else if (t->cascades == 1) {
				cv->f[q][g] = num / den;
			} else {
				qsort(v, m, sizeof *v, cmp_double);
				cv->f[q][g] = m % 2 ? v[m / 2] : 0.5 * (v[m / 2 - 1] + v[m / 2]);
			}
		}
	free(v);
	return ST_OK;
}

/* Runs 0..N-1 at x: the curves into *cv (in run order, whatever the
 * threads).  ST_OK or an error in F->err. */
static enum status simulate(struct fit *F, const double *x, struct curves *cv)
{
	struct scenario s;
	enum status st = load_at(F, x, &s);
	if (st)
		return st;
	if (F->rebuild || !F->have_graph)
		st = build_graph(F, &s);
	uint64_t n = F->o->runs;
	double (*cnt)[2][FIT_GRID_N + 1] = calloc(n, sizeof *cnt);
	signed char *ok = calloc(n, 1);
	enum status *rst = calloc(n, sizeof *rst);
	if (st == ST_OK && (!cnt || !ok || !rst)) {
		snprintf(F->err, F->errlen, "out of memory");
		st = ST_NOMEM;
	}
	if (st)
		goto done;
	const struct graph *g = &F->g;
	const struct fit_target *t = &F->tgt;
	double dt = s.tick_minutes;
	PAR_OMP(parallel for schedule(dynamic))
	for (uint64_t r = 0; r < n; r++) {
		struct run_result res;
		char e[256];
		rst[r] = engine_run(&s, g, r, &res, e, sizeof e);
		if (rst[r] == ST_OK) {
			ok[r] = (signed char)run_counts(t, &res, dt, cnt[r]);
			run_result_free(&res);
			if (ok[r] < 0)
				rst[r] = ST_NOMEM;
		}
	}
	for (uint64_t r = 0; r < n; r++)
		if (rst[r]) {
			/* Again, alone, for its message. */
			struct run_result res;
			char e[256];
			st = engine_run(&s, g, r, &res, e, sizeof e);
			if (st == ST_OK)
				run_result_free(&res);
			snprintf(F->err, F->errlen, "%s: run %llu: %s", F->o->scenario,
			         (unsigned long long)r, st ? e : "failed");
			st = st ? st : ST_RUNTIME;
			goto done;
		}
	st = curves_of(t, n, cnt, ok, cv);
	if (st)
		snprintf(F->err, F->errlen, "out of memory");
done:
	free(cnt);
	free(ok);
	free(rst);
	spec_free(&s);
	return st;
}

static double loss_of(const struct fit_target *t, const struct curves *cv)
{
	const double *f = cv->f[t->quantity];
	if (cv->used[t->quantity] == 0)
		return 1.0;
	double ss = 0.0;
	for (size_t g = 0; g < t->n; g++)
		ss += (f[g] - t->f[g]) * (f[g] - t->f[g]);
	return sqrt(ss / (double)t->n);
}

/* ---- fit.tsv ---- */

/* ---- the search ---- */

static void progress_line(struct fit *F, const struct eval *e, bool from_file)
{
	if (F->o->quiet)
		return;
	double best = e->loss;
	for (size_t i = 0; i < F->n_ev; i++)
		best = fmin(best, F->ev[i].loss);
	fprintf(stderr, "%scrisim: fit: evaluation %zu/%zu: loss %.6f (best %.6f)%s",
	        F->interactive ? "\r\033[K" : "", F->n_ev + 1, F->o->max_evals,
	        e->loss, best, from_file ? " from fit.tsv" : "");
	for (size_t i = 0; i < F->k; i++)
		fprintf(stderr, "%s %s=%.6g", i ? "," : "", F->p[i].path, e->x[i]);
	if (!F->interactive)
		fputc('\n', stderr);
	fflush(stderr);
}

static double objective(const gsl_vector *u, void *arg)
{
	struct fit *F = arg;
	if (F->stop)
		return FIT_REFUSED;
	if (F->n_ev >= F->o->max_evals) {
		F->stop = true;
		F->why = "max_evals";
		return FIT_REFUSED;
	}
	if (progress_stop_requested()) {
		F->stop = true;
		F->why = "interrupted";
		F->st = ST_INTERRUPTED;
		snprintf(F->err, F->errlen, "fit interrupted after %zu evaluations: "
		         "--resume %s continues it", F->n_ev, F->o->dir);
		return FIT_REFUSED;
	}
	if (F->n_ev == F->cap_ev) {
		size_t cap = F->cap_ev ? 2 * F->cap_ev : 64;
		struct eval *v = realloc(F->ev, cap * sizeof *v);
		if (!v) {
			F->stop = true;
			F->st = ST_NOMEM;
			snprintf(F->err, F->errlen, "out of memory");
			return FIT_REFUSED;
		}
		F->ev = v;
		F->cap_ev = cap;
	}
	struct eval e = { 0 };
	for (size_t i = 0; i < F->k; i++)
		e.x[i] = to_box(&F->p[i], gsl_vector_get(u, i));
	bool from_file = F->n_ev < F->n_cached;
	if (from_file) {
		const struct eval *c = &F->cached[F->n_ev];
		for (size_t i = 0; i < F->k; i++)
			if (c->x[i] != e.x[i]) {
				F->stop = true;
				F->st = ST_BADINPUT;
				snprintf(F->err, F->errlen, "%s/fit.tsv: line %lu: evaluation "
				         "%zu was at %s=%.17g, this fit asks for %.17g: not the "
				         "same fit", F->o->dir, F->cached_line[F->n_ev],
				         F->n_ev + 1, F->p[i].path, c->x[i], e.x[i]);
				return FIT_REFUSED;
			}
		e = *c;
	} else {
		struct curves cv;
		enum status st = simulate(F, e.x, &cv);
		if (st) {
			F->stop = true;
			F->st = st;
			return FIT_REFUSED;
		}
		e.loss = loss_of(&F->tgt, &cv);
		e.used = cv.used[F->tgt.quantity];
	}
	progress_line(F, &e, from_file);
	F->ev[F->n_ev++] = e;
	if (!from_file) {
		enum status st = fit_write_tsv(F);
		if (st) {
			F->stop = true;
			F->st = st;
		}
	}
	return e.loss;
}

static enum status search(struct fit *F)
{
	size_t k = F->k;
	const gsl_multimin_fminimizer_type *T = gsl_multimin_fminimizer_nmsimplex2;
	gsl_multimin_fminimizer *m = gsl_multimin_fminimizer_alloc(T, k);
	gsl_vector *u = gsl_vector_alloc(k), *step = gsl_vector_alloc(k);
	if (!m || !u || !step) {
		snprintf(F->err, F->errlen, "out of memory");
		F->st = ST_NOMEM;
		goto done;
	}
	for (size_t i = 0; i < k; i++) {
		gsl_vector_set(u, i, from_box(&F->p[i], F->p[i].start));
		gsl_vector_set(step, i, FIT_STEP);
	}
	gsl_multimin_function fn = { objective, k, F };
	if (gsl_multimin_fminimizer_set(m, &fn, u, step) != GSL_SUCCESS && !F->stop) {
		snprintf(F->err, F->errlen, "the simplex could not be set up");
		F->st = ST_RUNTIME;
		goto done;
	}
	while (!F->stop) {
		if (gsl_multimin_fminimizer_iterate(m) != GSL_SUCCESS) {
			if (!F->stop)
				F->why = "simplex_stuck";
			break;
		}
		if (!F->stop && gsl_multimin_fminimizer_size(m) < FIT_SIZE_TOL) {
			F->why = "converged";
			break;
		}
	}
done:
	if (!F->why)
		F->why = "max_evals";
	gsl_multimin_fminimizer_free(m);
	gsl_vector_free(u);
	gsl_vector_free(step);
	if (F->interactive && !F->o->quiet && F->n_ev)
		fputc('\n', stderr);
	return F->st;
}

/* ---- the whole fit ---- */

/* What must be equal for fit.tsv to be this fit's: everything that
 * changes a loss or the points tried. */
static char *canon_of(const struct fit *F)
{
	const struct fit_opts *o = F->o;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	fprintf(f, "scenario=%s target=%s label=%s runs=%llu", o->scenario, o->target,
	        o->label ? o->label : "-", (unsigned long long)o->runs);
	if (o->have_seed)
		fprintf(f, " seed=%llu", (unsigned long long)o->seed);
	for (size_t i = 0; i < o->n_sets; i++)
		fprintf(f, " set=%s", o->sets[i]);
	for (size_t i = 0; i < F->k; i++)
		fprintf(f, " param=%s=%.17g:%.17g:%.17g", F->p[i].path, F->p[i].lo,
		        F->p[i].hi, F->p[i].start);
	if (fclose(f))
		return NULL;
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return buf;
}

static enum status prepare(struct fit *F)
{
	const struct fit_opts *o = F->o;
	enum status st;
	if (o->n_params == 0 || o->n_params > FIT_MAX_PARAMS) {
		snprintf(F->err, F->errlen, "fit: expected 1 to %d --param PATH=LO:HI, "
		         "got %zu", FIT_MAX_PARAMS, o->n_params);
		return ST_BADINPUT;
	}
	for (; F->k < o->n_params; F->k++) {
		st = param_parse(o->params[F->k], &F->p[F->k], F->err, F->errlen);
		if (st)
			return st;
		const char *path = F->p[F->k].path;
		for (size_t j = 0; j < F->k; j++)
			if (strcmp(F->p[j].path, path) == 0) {
				snprintf(F->err, F->errlen, "--param %s: the path is a "
				         "parameter already", o->params[F->k]);
				F->k++;   /* parsed: freed with the others */
				return ST_BADINPUT;
			}
		F->rebuild |= strncmp(path, "network", 7) == 0 || strcmp(path, "seed") == 0;
	}
	/* The start point: loads (so a bad path is named now), gives the run's
	 * length for the target. */
	double x0[FIT_MAX_PARAMS];
	for (size_t i = 0; i < F->k; i++)
		x0[i] = F->p[i].start;
	struct scenario s;
	st = load_at(F, x0, &s);
	if (st)
		return st;
	uint32_t k_inc = s.ticks;
	for (size_t i = 0; i < s.n_events && k_inc == s.ticks; i++)
		if (s.events[i].kind == EV_INCIDENT)
			k_inc = s.events[i].tick;
	double run_minutes = (double)(s.ticks - (k_inc < s.ticks ? k_inc : 0)) *
	                     s.tick_minutes;
	st = build_graph(F, &s);
	spec_free(&s);
	if (st)
		return st;
	st = fit_target_read(o->target, o->label, run_minutes, &F->tgt, F->err,
	                     F->errlen);
	if (st)
		return st;
	F->canon = canon_of(F);
	if (!F->canon) {
		snprintf(F->err, F->errlen, "out of memory");
		return ST_NOMEM;
	}
	return ST_OK;
}

enum status fit_run(const struct fit_opts *o, char *err, size_t errlen)
{
	struct fit F = { .o = o, .err = err, .errlen = errlen };
	F.interactive = isatty(STDERR_FILENO);
	struct out_lock lock = { -1, NULL };
	enum status st = prepare(&F);
	if (st == ST_OK)
		st = output_mkdir(o->dir, err, errlen);
	if (st == ST_OK)
		st = output_lock(&lock, o->dir, err, errlen);
	if (st == ST_OK && o->resume)
		st = fit_read_tsv(&F);
	if (st == ST_OK) {
		progress_catch_signals();
		st = search(&F);
	}
	if (st == ST_OK && F.n_ev == 0) {
		snprintf(err, errlen, "fit: no evaluation was made (--max-evals %zu)",
		         o->max_evals);
		st = ST_BADINPUT;
	}
	if (st == ST_OK) {
		const struct eval *best = &F.ev[0];
		for (size_t e = 1; e < F.n_ev; e++)
			if (F.ev[e].loss < best->loss)
				best = &F.ev[e];
		struct curves cv;
		st = simulate(&F, best->x, &cv);
		if (st == ST_OK)
			st = fit_write_curve(&F, &cv);
		if (st == ST_OK)
			st = fit_write_json(&F, best, &cv);
	}
	output_unlock(&lock);
	for (size_t i = 0; i < F.k; i++)
		free(F.p[i].path);
	if (F.have_graph)
		graph_free(&F.g);
	free(F.ev);
	free(F.cached);
	free(F.cached_line);
	free(F.canon);
	return st;
}
