#include "runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "output.h"
#include "progress.h"
#include "report.h"

static double now(void)
{
	return progress_now();
}

/* What a manifest says about the plan, besides scenario and command. */
struct manifest_plan {
	const char *kind;          /* "run", "ensemble", "compare", "sweep" */
	unsigned long long run;    /* "run" only: the run index */
	unsigned long long runs, completed;
	bool interrupted;
	const struct plan *p;      /* NULL for a single run */
};

static void write_manifest(FILE *f, const struct scenario *s,
                           const char *resolved, const struct run_context *rc,
                           double wall, const struct manifest_plan *mp)
{
	fputs("{\n  \"crisim\": ", f);
	output_json_string(f, rc->version);
	fprintf(f, ",\n  \"kind\": \"%s\",\n  \"seed\": %llu,\n", mp->kind,
	        (unsigned long long)s->seed);
	if (!mp->p)
		fprintf(f, "  \"run\": %llu,\n", mp->run);
	fprintf(f, "  \"runs\": %llu,\n  \"runs_completed\": %llu,\n"
	        "  \"interrupted\": %s,\n", mp->runs, mp->completed,
	        mp->interrupted ? "true" : "false");
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
	fputs("  \"command\": [", f);
	for (int i = 0; i < rc->argc; i++) {
		fputs(i ? ", " : "", f);
		output_json_string(f, rc->argv[i]);
	}
	fputs("],\n  \"wall_seconds\": ", f);
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

static int manifest_file(const char *dir, const struct scenario *s,
                         const struct run_context *rc, double wall,
                         const struct manifest_plan *mp, char *err, size_t errlen)
{
	char *resolved = scenario_to_json(s);
	if (!resolved) {
		snprintf(err, errlen, "out of memory");
		return 1;
	}
	struct out_file o;
	int bad = output_open(&o, dir, "manifest.json", err, errlen);
	if (!bad) {
		write_manifest(o.f, s, resolved, rc, wall, mp);
		bad = output_commit(&o, err, errlen);
	}
	free(resolved);
	return bad ? 1 : 0;
}

int runner_single(const struct scenario *s, const struct graph *g, uint64_t run,
                  const char *dir, const struct run_context *rc,
                  struct run_result *res, char *err, size_t errlen)
{
	double t0 = now();
	int rc_eng = engine_run(s, g, run, res, err, errlen);
	if (rc_eng)
		return rc_eng == ST_BADINPUT ? 2 : 1;
	double wall = now() - t0;

	struct out_meta meta = { s->name, (unsigned long long)s->seed,
	                         rc->version, s->tick_minutes };
	struct out_file o;
	if (strcmp(dir, "-") == 0) {
		if (output_open(&o, dir, "series.tsv", err, errlen))
			return 1;
		output_series(o.f, &meta, &res->series);
		return output_commit(&o, err, errlen) ? 1 : 0;
	}
	if (output_mkdir(dir, err, errlen))
		return 1;

	if (output_open(&o, dir, "series.tsv", err, errlen))
		return 1;
	output_series(o.f, &meta, &res->series);
	if (output_commit(&o, err, errlen))
		return 1;

	if (output_open(&o, dir, "events.tsv", err, errlen))
		return 1;
	output_events(o.f, &meta, &res->log);
	if (output_commit(&o, err, errlen))
		return 1;

	if (output_open(&o, dir, "summary.json", err, errlen))
		return 1;
	output_summary_json(o.f, &res->summary, "");
	fputc('\n', o.f);
	if (output_commit(&o, err, errlen))
		return 1;

	struct manifest_plan mp = { "run", (unsigned long long)run, 1, 1, false, NULL };
	return manifest_file(dir, s, rc, wall, &mp, err, errlen);
}

/* Strategy s's story of a comparison as the single run it is, so that its
 * manifest's command re-runs it alone:
 *   crisim run FILE --run 0 [--set P=V]... --set responder.strategy=S
 *              [--seed N] -o STORY
 * out->argv is malloc'd (free it); its strings point into p, rc, story and
 * the buffers. */
static int story_context(const struct plan *p, size_t s, const struct run_context *rc,
                         const char *story, char *seed, size_t seedlen,
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
	argv[n++] = "0";
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
	*out = (struct run_context){ n, argv, rc->version };
	return 0;
}

static int join_dir(char *buf, size_t len, const char *dir, const char *sub)
{
	return (size_t)snprintf(buf, len, "%s/%s", dir, sub) >= len ? -1 : 0;
}

int runner_plan(const struct plan *p, const struct exec_opts *o,
                const struct run_context *rc, enum report_format fmt,
                char *err, size_t errlen)
{
	static const char *const kinds[] = { "ensemble", "compare", "sweep" };
	double t0 = now();
	struct results r;
	bool writing = false;   /* runs done, files not all written yet */
	int code = ensemble_execute(p, o, &r, err, errlen);
	if (code || ensemble_rank() != 0) {
		if (!code && r.interrupted)
			code = EXIT_INTERRUPTED;
		goto out;
	}
	const char *dir = o->dir;
	char sub[4096];
	code = 1;
	writing = true;
	if (p->kind == PLAN_ENSEMBLE) {
		if (report_ensemble(dir, p, &r, 0, o->threads, err, errlen))
			goto out;
	} else if (p->kind == PLAN_COMPARE) {
		for (size_t s = 0; s < p->n_strats; s++)
			if (join_dir(sub, sizeof sub, dir, p->strat_dirs[s]) ||
			    report_ensemble(sub, p, &r, s, o->threads, err, errlen))
				goto out;
		if (report_compare(dir, p, &r, fmt, stdout, err, errlen))
			goto out;
		if (fflush(stdout) != 0) {
			snprintf(err, errlen, "stdout: write error");
			goto out;
		}
		/* One story per strategy for the trainer board: run 0 again,
		 * written as a normal single run (cheap, and identical to the
		 * ensemble's run 0), whose manifest gives the run command. */
		for (size_t s = 0; s < p->n_strats && !r.interrupted; s++) {
			char story[4200], seed[32], strat[SCN_NAMELEN + 32];
			struct run_result res;
			struct run_context src_ctx;
			snprintf(story, sizeof story, "%s/%s/run-0", dir, p->strat_dirs[s]);
			if (story_context(p, s, rc, story, seed, sizeof seed, strat,
			                  sizeof strat, &src_ctx)) {
				snprintf(err, errlen, "out of memory");
				goto out;
			}
			const struct plan_variant *v = &p->v[s];
			int src = runner_single(&v->s, &p->graphs[v->graph], 0, story, &src_ctx,
			                        &res, err, errlen);
			free(src_ctx.argv);
			run_result_free(&res);
			if (src) {
				code = src;
				goto out;
			}
		}
	} else {
		if (report_sweep(dir, p, &r, err, errlen))
			goto out;
	}
	struct manifest_plan mp = { kinds[p->kind], 0, p->runs,
	                            p->n_variants ? r.n_done / p->n_variants : 0,
	                            r.interrupted, p };
	if (manifest_file(dir, &p->v[0].s, rc, now() - t0, &mp, err, errlen))
		goto out;
	code = r.interrupted ? EXIT_INTERRUPTED : 0;
	writing = false;
	/* Only now: until the manifest is written the checkpoint is the only
	 * copy of the finished runs. */
	if (!r.interrupted)
		ensemble_checkpoint_remove(o);
out:
	if (writing) {
		/* Keep what finished: --resume DIR writes the files again. */
		char e[512];
		size_t len = strlen(err);
		if (ensemble_checkpoint_save(p, o, &r, e, sizeof e) == 0)
			snprintf(err + len, errlen - len, "; the %zu finished run%s %s "
			         "kept in %s/checkpoint: --resume %s writes the files",
			         r.n_done, r.n_done == 1 ? "" : "s",
			         r.n_done == 1 ? "is" : "are", dir, dir);
		else
			snprintf(err + len, errlen - len, "; the finished runs could "
			         "not be saved either (%s)", e);
	}
	results_free(&r);
	return code;
}
