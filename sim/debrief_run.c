#include "debrief_run.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "batch_exec.h"
#include "checkpoint.h"
#include "debrief.h"
#include "decisions.h"
#include "exercise_file.h"
#include "output.h"
#include "par.h"
#include "progress.h"
#include "runner.h"
#include "textfile.h"

/* The responses of the batch, in the order of debrief.h's enum. */
static const char strategies[] = "script,plan,adhoc,none";

/* The decisions of the trainee's scenario as the page shows them. */
struct dec_words {
	struct debrief_decision *v;
	char (*text)[160];
	size_t n;
};

static void dec_words_free(struct dec_words *w)
{
	free(w->v);
	free(w->text);
	*w = (struct dec_words){ 0 };
}

/* The trainee's decisions (the replay's, as loaded with the scenario) in
 * words for the page. */
static enum status dec_words_make(const struct scenario *s, struct dec_words *w,
                                  char *err, size_t errlen)
{
	const struct decision_list *l = &s->responder.script.decisions;
	w->v = malloc((l->n + 1) * sizeof *w->v);
	w->text = malloc((l->n + 1) * sizeof *w->text);
	if (!w->v || !w->text) {
		dec_words_free(w);
		snprintf(err, errlen, "out of memory");
		return ST_NOMEM;
	}
	for (size_t i = 0; i < l->n; i++) {
		/* the line of a decisions file, without its minute */
		char line[sizeof *w->text + 32], *t = w->text[i];
		decision_format(&l->v[i], s, line, sizeof line);
		const char *p = strchr(line, '\t');
		size_t k = 0;
		for (p = p ? p + 1 : line; *p && *p != '\n' && k + 1 < sizeof *w->text; p++)
			t[k++] = *p == '\t' ? ' ' : *p;
		while (k && t[k - 1] == ' ')
			k--;
		t[k] = '\0';
		w->v[i] = (struct debrief_decision){ l->v[i].minute, w->text[i] };
	}
	w->n = l->n;
	return ST_OK;
}

/* The --set overrides of the batch: the exercise's, then the decisions
 * file.  *out malloc'd (free it), its strings the exercise's and `file`. */
static const char **batch_sets(const struct exercise_meta *ex, const char *file,
                               size_t *n)
{
	const char **v = malloc((ex->n_sets + 1) * sizeof *v);
	if (!v)
		return NULL;
	for (size_t i = 0; i < ex->n_sets; i++)
		v[i] = ex->sets[i];
	v[ex->n_sets] = file;
	*n = ex->n_sets + 1;
	return v;
}

/* Whether files a and b hold the same bytes: 1 yes, 0 no, -1 a missing. */
static int same_bytes(const char *a, const char *b)
{
	char e[256];
	char *x = NULL, *y = NULL;
	size_t nx, ny;
	if (textfile_read(a, &x, &nx, e, sizeof e))
		return -1;
	int same = textfile_read(b, &y, &ny, e, sizeof e) == ST_OK && nx == ny &&
	           memcmp(x, y, nx) == 0;
	free(x);
	free(y);
	return same;
}

/* The exercise's own run of every response, as single runs into
 * OUT/STRATEGY/exercise/, their results in res[]. */
static enum status own_runs(const struct batch *b, const char *out, uint64_t run,
                            const struct run_context *rc, struct run_result *res,
                            size_t *n_res, char *err, size_t errlen)
{
	for (size_t s = 0; s < b->n_strats; s++) {
		char sub[PATH_MAX];
		if ((size_t)snprintf(sub, sizeof sub, "%s/%s/exercise", out,
		                     b->strat_dirs[s]) >= sizeof sub) {
			snprintf(err, errlen, "%s: directory name too long", out);
			return ST_RUNTIME;
		}
		const struct batch_variant *v = &b->v[s];
		enum status st = runner_single(&v->s, &b->graphs[v->graph], run, sub, rc,
		                               &res[s], err, errlen);
		(*n_res)++;   /* the caller frees it, written or not */
		if (st)
			return st;
	}
	return ST_OK;
}

/* The replay check, in words for the page (and a warning when it fails). */
static const char *replay_text(const char *dir, const char *out, bool quiet)
{
	char a[PATH_MAX + 16], b[PATH_MAX + 32];
	snprintf(a, sizeof a, "%s/series.tsv", dir);
	snprintf(b, sizeof b, "%s/script/exercise/series.tsv", out);
	int same = same_bytes(a, b);
	if (same > 0)
		return "the replay of your decisions reproduces the exercise's "
		       "series.tsv byte for byte.";
	if (same < 0)
		return "the exercise was not played to the end (no series.tsv): the "
		       "replay makes your decisions so far, then only listens.";
	if (!quiet)
		fprintf(stderr, "crisim: warning: %s differs from the exercise's %s: the "
		        "replay does not reproduce the exercise\n", b, a);
	return "WARNING: the replay of your decisions does NOT reproduce the "
	       "exercise's series.tsv (see the files beside this page).";
}

enum status debrief_run(const struct debrief_opts *o, char *err, size_t errlen)
{
	struct exercise_meta ex;
	enum status st = exercise_meta_read(o->dir, &ex, err, errlen);
	if (st)
		return st;
	struct batch b = { 0 };
	struct dec_words words = { 0 };
	struct batch_results r = { 0 };
	struct run_result res[DEBRIEF_N];
	size_t n_res = 0;
	const char **sets = NULL;
	char out[PATH_MAX], decisions[PATH_MAX], setfile[2 * PATH_MAX + 32];
	bool have_batch = false, have_r = false;

	/* 1. the scenario the exercise was played on, unchanged */
	uint64_t hash;
	if ((st = checkpoint_hash_file(ex.scenario, &hash, err, errlen)))
		goto done;
	if (hash != ex.fingerprint) {
		snprintf(err, errlen, "%s/exercise.json: the scenario %s has changed since "
		         "the exercise (fingerprint %016" PRIx64 " recorded, %016" PRIx64
		         " now): a debrief must replay the scenario the trainee played",
		         o->dir, ex.scenario, ex.fingerprint, hash);
		st = ST_BADINPUT;
		goto done;
	}
	snprintf(decisions, sizeof decisions, "%s/" EXERCISE_DECISIONS, o->dir);
	if ((size_t)snprintf(out, sizeof out, "%s", o->out ? o->out : "") >= sizeof out ||
	    (!o->out && (size_t)snprintf(out, sizeof out, "%s/debrief", o->dir) >= sizeof out)) {
		snprintf(err, errlen, "%s: directory name too long", o->dir);
		st = ST_BADINPUT;
		goto done;
	}
	if (access(decisions, R_OK) != 0) {
		snprintf(err, errlen, "%s: cannot read: %s", decisions, strerror(errno));
		st = ST_IO;
		goto done;
	}

	/* 2. the comparison, the trainee first */
	/* absolute: a relative file key resolves against the scenario's
	 * directory, not ours */
	char cwd[PATH_MAX];
	if (decisions[0] != '/' && !getcwd(cwd, sizeof cwd)) {
		snprintf(err, errlen, "%s: %s", decisions, strerror(errno));
		st = ST_IO;
		goto done;
	}
	snprintf(setfile, sizeof setfile, "responder.script.file=%s%s%s",
	         decisions[0] == '/' ? "" : cwd, decisions[0] == '/' ? "" : "/", decisions);
	size_t n_sets;
	if (!(sets = batch_sets(&ex, setfile, &n_sets))) {
		snprintf(err, errlen, "out of memory");
		st = ST_NOMEM;
		goto done;
	}
	struct batch_request rq = {
		.kind = BATCH_COMPARE, .file = ex.scenario, .sets = sets, .n_sets = n_sets,
		.have_seed = true, .seed = ex.seed, .strategies = strategies,
		.runs = o->runs,
	};
	if ((st = batch_build(&b, &rq, err, errlen)))
		goto done;
	have_batch = true;
	if ((st = dec_words_make(&b.v[DEBRIEF_TRAINEE].s, &words, err, errlen)))
		goto done;
	char *cdir = checkpoint_dir(out);
	if (!cdir) {
		snprintf(err, errlen, "out of memory");
		st = ST_NOMEM;
		goto done;
	}
	struct exec_opts eo = { .threads = o->threads, .quiet = o->quiet, .dir = out,
	                        .stop_after = o->stop_after,
	                        .resume = checkpoint_exists(cdir),
	                        .board = "script,plan", .keep = &r };
	free(cdir);
	struct run_context rc = { o->argc, o->argv, CRISIM_VERSION, ex.scenario, NULL };
	progress_catch_signals();
	if ((st = runner_batch(&b, &eo, &rc, FORMAT_TABLE, err, errlen)))
		goto done;
	have_r = true;
	if (par_rank() != 0)   /* MPI: rank 0 holds the results, writes the rest */
		goto done;

	/* 3. the exercise's own run */
	if ((st = own_runs(&b, out, ex.run, &rc, res, &n_res, err, errlen)))
		goto done;

	/* 4. the page */
	struct debrief_input in = {
		.s = &b.v[DEBRIEF_TRAINEE].s, .exercise = o->dir, .run = ex.run,
		.dec = words.v, .n_dec = words.n, .runs = (size_t)b.runs, .sum = r.sum,
		.done = r.done, .window = ex.every > 0 ? ex.every : 30,
		.replay = replay_text(o->dir, out, o->quiet),
	};
	for (int s = 0; s < DEBRIEF_N; s++)
		in.own[s] = &res[s];
	if ((st = debrief_write(out, &in, err, errlen)))
		goto done;
	if (!o->quiet)
		fprintf(stderr, "crisim: debrief of %s: %llu paired runs x 4 responses; "
		        "wrote %s/debrief.html and the comparison files in %s/\n", o->dir,
		        (unsigned long long)b.runs, out, out);
done:
	for (size_t i = 0; i < n_res; i++)
		run_result_free(&res[i]);
	if (have_r)
		batch_results_free(&r);
	if (have_batch)
		batch_free(&b);
	free(sets);
	dec_words_free(&words);
	exercise_meta_free(&ex);
	return st;
}
