#include "runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "gexf.h"
#include "output.h"
#include "par.h"
#include "progress.h"
#include "report.h"
#include "store.h"

static double now(void)
{
	return progress_now();
}

/* What a manifest says about the batch, besides scenario and command. */
struct manifest_batch {
	const char *kind;          /* "run", "ensemble", "compare", "sweep" */
	unsigned long long run;    /* "run" only: the run index */
	unsigned long long runs, completed;
	bool interrupted;
	const struct batch *p;     /* NULL for a single run */
	const struct batch_results *r;   /* a batch's: its failed runs */
	const struct run_result *res;    /* a single run's: the brand's audience */
};

static void write_manifest(FILE *f, const struct scenario *s,
                           const char *resolved, const struct run_context *rc,
                           double wall, const struct manifest_batch *mp)
{
	fputs("{\n  \"crisim\": ", f);
	output_json_string(f, rc->version);
	fprintf(f, ",\n  \"kind\": \"%s\",\n  \"seed\": %llu,\n", mp->kind,
	        (unsigned long long)s->seed);
	if (!mp->p)
		fprintf(f, "  \"run\": %llu,\n", mp->run);
	if (mp->res)
		fprintf(f, "  \"brand_followers\": %u,\n", mp->res->brand_followers);
	fprintf(f, "  \"runs\": %llu,\n  \"runs_completed\": %llu,\n"
	        "  \"interrupted\": %s,\n", mp->runs, mp->completed,
	        mp->interrupted ? "true" : "false");
	if (mp->r && mp->r->n_failed) {
		fputs("  \"failed_runs\": [", f);
		for (size_t i = 0, k = 0; i < mp->r->n; i++)
			if (mp->r->failed[i])
				fprintf(f, "%s{\"run\": %llu, \"variant\": %zu}", k++ ? ", " : "",
				        (unsigned long long)batch_item_run(mp->p, i),
				        batch_item_variant(mp->p, i));
		fputs("],\n", f);
	}
	if (mp->p && mp->p->strats[0]) {
		fputs("  \"strategies\": [", f);
		for (size_t i = 0; i < mp->p->n_strats; i++) {
			fputs(i ? ", " : "", f);
			output_json_string(f, mp->p->strats[i]);
		}
		fputs("],\n", f);
	}
	if (mp->p && mp->p->n_axes) {
		fputs("  \"grid\": {", f);
		for (size_t a = 0; a < mp->p->n_axes; a++) {
			fputs(a ? ", " : "", f);
			output_json_string(f, mp->p->axes[a].path);
			fputs(": [", f);
			for (size_t k = 0; k < mp->p->axes[a].n; k++) {
				fputs(k ? ", " : "", f);
				output_json_string(f, mp->p->axes[a].labels[k]);
			}
			fputc(']', f);
		}
		fputs("},\n", f);
	}
	fputs("  \"command\": ", f);
	output_json_strings(f, rc->argv, rc->argc);
	fputs(",\n  \"wall_seconds\": ", f);
	output_json_number(f, wall);
	fputs(",\n  \"scenario\": ", f);
	/* The resolved scenario is pretty JSON already; indent it by two. */
	for (const char *p = resolved; *p; p++) {
		fputc(*p, f);
		if (*p == '\n')
			fputs("  ", f);
	}
	fputs("\n}\n", f);
}

/* The manifest as a malloc'd string (NULL: out of memory). */
static char *manifest_text(const struct scenario *s, const struct run_context *rc,
                           double wall, const struct manifest_batch *mp)
{
	char *resolved = scenario_to_json(s), *text = NULL;
	size_t len = 0;
	FILE *f = resolved ? open_memstream(&text, &len) : NULL;
	if (f) {
		write_manifest(f, s, resolved, rc, wall, mp);
		if (fclose(f) != 0) {
			free(text);
			text = NULL;
		}
	}
	free(resolved);
	return text;
}

static enum status manifest_write(const char *dir, const char *text, char *err,
                                  size_t errlen)
{
	struct out_file o;
	int bad = output_open(&o, dir, "manifest.json", err, errlen);
	if (!bad) {
		fputs(text, o.f);
		bad = output_commit(&o, err, errlen);
	}
	return bad ? ST_RUNTIME : ST_OK;
}

static enum status manifest_file(const char *dir, const struct scenario *s,
                                 const struct run_context *rc, double wall,
                                 const struct manifest_batch *mp, char *err,
                                 size_t errlen)
{
	char *text = manifest_text(s, rc, wall, mp);
	if (!text) {
		snprintf(err, errlen, "out of memory");
		return ST_NOMEM;
	}
	enum status st = manifest_write(dir, text, err, errlen);
	free(text);
	return st;
}

/* The end of a batch in DIR/runs.sqlite: the runs not yet written and the
 * manifest table (store.h), then manifest.json with the same text. */
static enum status batch_manifest(const struct batch *b, const struct exec_opts *o,
                                  const struct batch_results *r,
                                  const struct run_context *rc, double wall,
                                  const struct manifest_batch *mp,
                                  char *err, size_t errlen)
{
	char *text = manifest_text(&b->v[0].s, rc, wall, mp);
	if (!text) {
		snprintf(err, errlen, "out of memory");
		return ST_NOMEM;
	}
	struct store_manifest m = { rc->version, mp->kind, b->v[0].s.seed, mp->runs,
	                            mp->completed, mp->interrupted, rc->argc, rc->argv,
	                            text };
	enum status st = o->store ? store_finish(o->store, b, r, &m, err, errlen) : ST_OK;
	if (st == ST_OK)
		st = manifest_write(o->dir, text, err, errlen);
	free(text);
	return st;
}

/* path's GEXF of the run just made (gexf.h), atomically: the directory
 * part of path must exist. */
static enum status write_gexf(const char *path, const struct scenario *s,
                              const struct graph *g, const struct run_result *res,
                              const struct recorder *rec, char *err, size_t errlen)
{
	char dir[4096];
	const char *base = path, *slash = strrchr(path, '/');
	if (strcmp(path, "-") == 0) {
		snprintf(dir, sizeof dir, "-");
	} else if (slash) {
		if ((size_t)(slash - path) >= sizeof dir) {
			snprintf(err, errlen, "--gexf %s: path too long", path);
			return ST_BADINPUT;
		}
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
		if (!dir[0])
			snprintf(dir, sizeof dir, "/");
		base = slash + 1;
	} else {
		snprintf(dir, sizeof dir, ".");
	}
	if (!*base) {
		snprintf(err, errlen, "--gexf %s: expected a file name, found a directory", path);
		return ST_BADINPUT;
	}
	struct gexf_run gr = { s->name, s->tick_minutes, s->ticks, res->brand };
	struct out_file o;
	char e[1024];
	enum status st = output_open(&o, dir, base, e, sizeof e);
	if (st) {
		snprintf(err, errlen, "--gexf: %s", e);
		return st;
	}
	if ((st = gexf_write(o.f, g, &gr, rec, e, sizeof e))) {
		output_abort(&o);
		snprintf(err, errlen, "--gexf %s: %s", path, e);
		return st;
	}
	if ((st = output_commit(&o, e, sizeof e)))
		snprintf(err, errlen, "--gexf: %s", e);
	return st;
}

enum status runner_single(const struct scenario *s, const struct graph *g,
                          uint64_t run, const char *dir,
                          const struct run_context *rc, struct run_result *res,
                          char *err, size_t errlen)
{
	double t0 = now();
	struct recorder rec;
	enum status st = engine_run_recorded(s, g, run, rc->gexf ? &rec : NULL, res,
	                                     err, errlen);
	if (st == ST_OK && rc->gexf) {
		st = write_gexf(rc->gexf, s, g, res, &rec, err, errlen);
		recorder_free(&rec);
		if (st)
			return st;
	} else if (rc->gexf) {
		recorder_free(&rec);
	}
	if (st) {
		if (st == ST_BADINPUT && rc->label) {  /* about the scenario */
			char e[1024];
			snprintf(e, sizeof e, "%s", err);
			snprintf(err, errlen, "%s: %s", rc->label, e);
		}
		return st;
	}
	return runner_write(s, g, run, dir, rc, res, now() - t0, err, errlen);
}

enum status runner_write(const struct scenario *s, const struct graph *g,
                         uint64_t run, const char *dir,
                         const struct run_context *rc,
                         const struct run_result *res, double wall, char *err,
                         size_t errlen)
{
	enum status st;
	struct out_meta meta = { s->name, (unsigned long long)s->seed,
	                         rc->version, s->tick_minutes };
	struct out_file o;
	if (strcmp(dir, "-") == 0) {
		enum status ost = output_open(&o, dir, "series.tsv", err, errlen);
		if (ost)
			return ost;
		output_series(o.f, &meta, &res->series);
		return output_commit(&o, err, errlen);
	}
	struct out_lock lock = { -1, NULL };
	if ((st = output_mkdir(dir, err, errlen)) ||
	    (st = output_lock(&lock, dir, err, errlen)))
		return st;
	if ((st = output_open(&o, dir, "series.tsv", err, errlen)))
		goto done;
	output_series(o.f, &meta, &res->series);
	if ((st = output_commit(&o, err, errlen)) ||
	    (st = output_open(&o, dir, "events.tsv", err, errlen)))
		goto done;
	output_events(o.f, &meta, &res->log);
	if ((st = output_commit(&o, err, errlen)) ||
	    (st = output_open(&o, dir, "summary.json", err, errlen)))
		goto done;
	output_run_summary_json(o.f, &res->summary, s, &res->tally);
	fputc('\n', o.f);
	if ((st = output_commit(&o, err, errlen)) ||
	    (st = output_ids(dir, g, err, errlen)))
		goto done;

	struct manifest_batch mp = { "run", (unsigned long long)run, 1, 1, false, NULL, NULL, res };
	st = manifest_file(dir, s, rc, wall, &mp, err, errlen);
done:
	output_unlock(&lock);
	return st;
}

/* Strategy s's story of a comparison as the single run it is, so that its
 * manifest's command re-runs it alone:
 *   crisim run FILE --run K [--set P=V]... --set responder.strategy=S
 *              [--seed N] -o STORY
 * out->argv is malloc'd (free it); its strings point into p, rc, story and
 * the buffers. */
static int story_context(const struct batch *p, size_t s, const struct run_context *rc,
                         const char *story, const char *run, char *seed, size_t seedlen,
                         char *strat, size_t stratlen, struct run_context *out)
{
	char **argv = malloc((p->n_sets * 2 + 12) * sizeof *argv);
	if (!argv)
		return -1;
	int n = 0;
	argv[n++] = rc->argc > 0 ? rc->argv[0] : "crisim";
	argv[n++] = "run";
	argv[n++] = p->file;
	argv[n++] = "--run";
	argv[n++] = (char *)run;
	for (size_t i = 0; i < p->n_sets; i++) {
		argv[n++] = "--set";
		argv[n++] = p->sets[i];
	}
	if (p->strats[s]) {
		snprintf(strat, stratlen, "responder.strategy=%s", p->strats[s]);
		argv[n++] = "--set";
		argv[n++] = strat;
	}
	if (p->have_seed) {
		snprintf(seed, seedlen, "%llu", (unsigned long long)p->seed);
		argv[n++] = "--seed";
		argv[n++] = seed;
	}
	argv[n++] = "-o";
	argv[n++] = (char *)story;
	argv[n] = NULL;
	*out = (struct run_context){ n, argv, rc->version, rc->label, NULL };
	return 0;
}

/* One story per strategy of a comparison, for the trainer board: the run
 * report_board chose (a typical one, see report.h), run again and written
 * as a normal single run into DIR/STRATEGY/story/ (cheap, and identical to
 * the batch's run of that index), whose manifest gives the run index and
 * the command that re-runs it; DIR/board.tsv says which run and why. */
static enum status write_stories(const struct batch *b, const char *dir,
                                 const struct batch_results *r, const char *pair,
                                 const struct run_context *rc,
                                 struct report_opts *ro, char *err, size_t errlen)
{
	struct report_board bd;
	enum status st = report_board(dir, b, r, pair, &bd, ro, err, errlen);
	if (st)
		return st;
	char run[32];
	snprintf(run, sizeof run, "%llu", (unsigned long long)bd.run);
	for (size_t s = 0; s < b->n_strats; s++) {
		if (report_stop(ro)) {
			snprintf(err, errlen, "interrupted while writing the reports");
			return ST_INTERRUPTED;
		}
		char story[4200], seed[32], strat[SCN_NAMELEN + 32];
		struct run_result res;
		struct run_context story_ctx;
		snprintf(story, sizeof story, "%s/%s/story", dir, b->strat_dirs[s]);
		if (story_context(b, s, rc, story, run, seed, sizeof seed, strat,
		                  sizeof strat, &story_ctx)) {
			snprintf(err, errlen, "out of memory");
			return ST_NOMEM;
		}
		const struct batch_variant *v = &b->v[s];
		st = runner_single(&v->s, &b->graphs[v->graph], bd.run, story,
		                   &story_ctx, &res, err, errlen);
		free(story_ctx.argv);
		run_result_free(&res);
		if (st)
			return st;
	}
	return ST_OK;
}

/* The reports of a batch whose items are done (or interrupted), by kind. */
static enum status write_reports(const struct batch *b, const struct exec_opts *o,
                                 const struct batch_results *r,
                                 const struct run_context *rc,
                                 enum report_format fmt, char *err, size_t errlen)
{
	const char *dir = o->dir;
	enum status st;
	struct report_opts ro = { o->threads, o->stop_in_report, 0, progress_stop_count(),
	                          o->no_preamble, o->csv };
	if (b->kind == BATCH_ENSEMBLE)
		return report_ensemble(dir, b, r, 0, &ro, err, errlen);
	if (b->kind == BATCH_SWEEP)
		return report_sweep(dir, b, r, &ro, err, errlen);
	for (size_t s = 0; s < b->n_strats; s++) {
		char sub[4096];
		if ((size_t)snprintf(sub, sizeof sub, "%s/%s", dir, b->strat_dirs[s]) >=
		    sizeof sub) {
			snprintf(err, errlen, "%s: directory name too long", dir);
			return ST_RUNTIME;
		}
		if ((st = report_ensemble(sub, b, r, s, &ro, err, errlen)))
			return st;
	}
	if ((st = report_compare(dir, b, r, fmt, stdout, &ro, err, errlen)))
		return st;
	if (fflush(stdout) != 0) {
		snprintf(err, errlen, "stdout: write error");
		return ST_RUNTIME;
	}
	return r->interrupted ? ST_OK : write_stories(b, dir, r, o->board, rc, &ro, err, errlen);
}

static enum status run_batch(const struct batch *b, const struct exec_opts *o,
                             const struct run_context *rc, enum report_format fmt,
                             char *err, size_t errlen)
{
	static const char *const kinds[] = { "ensemble", "compare", "sweep" };
	double t0 = now();
	struct batch_results r;
	/* Rank 0 writes every file, so it alone holds DIR's lock, from
	 * before the checkpoint is read until the last file is written; the
	 * other ranks learn whether it got the lock. */
	struct out_lock lock = { -1, NULL };
	enum status st = ST_OK;
	if (par_rank() == 0 && o->dir) {
		/* --resume of what is not a directory: batch_exec says there is
		 * no checkpoint, and nothing may be created there */
		struct stat sb;
		if (!o->resume)
			st = output_mkdir(o->dir, err, errlen);
		if (!st && (!o->resume || (stat(o->dir, &sb) == 0 && S_ISDIR(sb.st_mode))))
			st = output_lock(&lock, o->dir, err, errlen);
	}
	int worst = -(int)st;
	par_allmax_int(&worst, 1);
	if (worst) {
		output_unlock(&lock);
		if (!st)  /* another rank: rank 0 says why */
			snprintf(err, errlen, "rank 0 could not lock %s", o->dir);
		return st ? st : ST_RUNTIME;
	}
	st = batch_exec(b, o, &r, err, errlen);
	if (st || par_rank() != 0) {
		if (!st && r.interrupted)
			st = ST_INTERRUPTED;
		batch_results_free(&r);
		output_unlock(&lock);
		return st;
	}
	/* Failed runs (out of memory): the others are written all the same;
	 * the message names the first failed run. */
	char failed_msg[1024] = "";
	if (r.n_failed)
		snprintf(failed_msg, sizeof failed_msg, "%s", err);
	st = write_reports(b, o, &r, rc, fmt, err, errlen);
	if (st == ST_OK)  /* one graph: its map; per-point graphs: none */
		st = output_ids(o->dir, b->n_graphs == 1 ? &b->graphs[0] : NULL, err, errlen);
	if (st == ST_OK) {
		struct manifest_batch mp = { kinds[b->kind], 0, b->runs,
		                             b->n_variants ? r.n_done / b->n_variants : 0,
		                             r.interrupted, b, &r, NULL };
		st = batch_manifest(b, o, &r, rc, now() - t0, &mp, err, errlen);
	}
	if (st == ST_OK && r.n_failed) {
		size_t n = batch_items(b);
		snprintf(err, errlen, "%s; %zu of %zu runs failed (listed in %s/manifest.json "
		         "as failed_runs), the %zu finished are written; --resume %s runs "
		         "the failed ones again", failed_msg, r.n_failed, n, o->dir, r.n_done,
		         o->dir);
		st = r.fail_status;
		batch_results_free(&r);
		output_unlock(&lock);
		return st;
	}
	if (st == ST_OK) {
		/* Only now: until the manifest is written the checkpoint is the
		 * only copy of the finished runs. */
		bool interrupted = r.interrupted;
		if (!interrupted)
			batch_checkpoint_remove(o);
		if (o->keep && !interrupted)
			*o->keep = r;
		else
			batch_results_free(&r);
		output_unlock(&lock);
		return interrupted ? ST_INTERRUPTED : ST_OK;
	}
	/* The runs are done but the files are not all written (a file could
	 * not be written, or a stop came while they were): keep what
	 * finished, so that --resume DIR writes the files again. */
	char e[512];
	size_t len = strlen(err);
	if (st == ST_INTERRUPTED) {
		enum status cs = batch_checkpoint_save(b, o, &r, e, sizeof e);
		if (cs)
			snprintf(err + len, errlen - len, "; the finished runs could "
			         "not be saved (%s)", e);
		batch_results_free(&r);
		output_unlock(&lock);
		return cs ? cs : ST_INTERRUPTED;
	}
	if (batch_checkpoint_save(b, o, &r, e, sizeof e) == ST_OK)
		snprintf(err + len, errlen - len, "; the %zu finished run%s %s "
		         "kept in %s/checkpoint: --resume %s writes the files",
		         r.n_done, r.n_done == 1 ? "" : "s",
		         r.n_done == 1 ? "is" : "are", o->dir, o->dir);
	else
		snprintf(err + len, errlen - len, "; the finished runs could "
		         "not be saved either (%s)", e);
	batch_results_free(&r);
	output_unlock(&lock);
	return st;
}

enum status runner_batch(const struct batch *b, const struct exec_opts *o,
                         const struct run_context *rc, enum report_format fmt,
                         char *err, size_t errlen)
{
	/* Rank 0 keeps DIR/runs.sqlite (store.h): written with every
	 * checkpoint part and completed with the manifest. */
	struct store db;
	struct exec_opts eo = *o;
	eo.store = NULL;
	if (par_rank() == 0 && o->dir) {
		if (store_init(&db, o->dir, o->resume, batch_items(b))) {
			snprintf(err, errlen, "out of memory");
			return ST_NOMEM;
		}
		eo.store = &db;
	}
	enum status st = run_batch(b, &eo, rc, fmt, err, errlen);
	if (eo.store)
		store_close(&db);
	return st;
}
