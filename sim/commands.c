#include "commands.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "batch_exec.h"
#include "debrief_run.h"
#include "engine.h"
#include "exercise.h"
#include "fit.h"
#include "graph_stats.h"
#include "graphml.h"
#include "netgen.h"
#include "output.h"
#include "par.h"
#include "plot.h"
#include "progress.h"
#include "report.h"
#include "rng.h"
#include "runner.h"
#include "scenario.h"
#include "sensitivity.h"
#include "stats.h"
#include "status.h"

#define ERRLEN 1024

/* Print the one-line error and return the exit code of st. */
static int fail(enum status st, const char *msg)
{
	fprintf(stderr, "crisim: %s\n", msg);
	return cli_exit_code(st);
}

static const char *label_of(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* Load, apply --seed, and run the engine's own checks: after this the
 * scenario is known to be runnable (but for the network file). */
static int load_scenario(const struct request *rq, struct scenario *s)
{
	char err[SCN_ERRLEN], msg[ERRLEN];
	enum status rc = scenario_load(s, rq->file, rq->sets, rq->n_sets, err);
	if (rc)
		return fail(rc, err);
	if (rq->have_seed)
		s->seed = rq->seed;
	if (engine_check(s, NULL, err, sizeof err)) {
		snprintf(msg, sizeof msg, "%s: %s", label_of(rq->file), err);
		spec_free(s);
		return fail(ST_BADINPUT, msg);
	}
	return EXIT_OK;
}

static int build_network(const struct scenario *s, const char *label,
                         struct graph *g, struct net_report *rep)
{
	char err[ERRLEN], msg[ERRLEN + 256];
	enum status st = netgen_build(&s->network, s->seed, g, rep, err, sizeof err);
	if (st == ST_OK)
		return EXIT_OK;
	if (s->network.model == NET_FILE)
		snprintf(msg, sizeof msg, "%s: network.file: %s", label, err);
	else
		snprintf(msg, sizeof msg, "%s: network: %s", label, err);
	return fail(st, msg);
}

/* out/NAME with anything but [A-Za-z0-9._-] replaced by '_'. */
static void default_dir(const char *name, char *buf, size_t len)
{
	int n = snprintf(buf, len, "out/%s", *name ? name : "run");
	for (char *p = buf + 4; p < buf + len && *p && n > 0; p++)
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9') && *p != '.' && *p != '-' && *p != '_')
			*p = '_';
	/* A leading dot would make "." or ".." a path, not a name. */
	if (n > 4 && buf[4] == '.')
		buf[4] = '_';
}

/* run --runs, compare and sweep: a batch (an ensemble, a comparison or a
 * sweep) built, executed and reported. */
static int cmd_batch(const struct request *rq, enum batch_kind kind)
{
	char err[ERRLEN];
	struct batch_request breq = {
		.kind = kind, .file = rq->file, .sets = rq->sets, .n_sets = rq->n_sets,
		.have_seed = rq->have_seed, .seed = rq->seed, .grids = rq->grids,
		.n_grids = rq->n_grids, .grid_file = rq->grid_file,
		.strategies = rq->strategies, .runs = rq->runs,
	};
	struct design_spec design = {
		.kind = rq->design_file ? DESIGN_FILE :
		        rq->design ? design_kind_parse(rq->design) : DESIGN_NONE,
		.factors = rq->factors, .n_factors = rq->n_factors,
		.samples = rq->samples, .file = rq->design_file,
	};
	if (design.kind != DESIGN_NONE)
		breq.design = &design;
	struct batch b;
	enum status st = batch_build(&b, &breq, err, sizeof err);
	if (st)
		return fail(st, err);
	char dirbuf[PATH_MAX];
	const char *dir = rq->resume ? rq->resume : rq->out ? rq->out : b.v[0].s.output_dir;
	if (!dir) {
		default_dir(b.v[0].s.name, dirbuf, sizeof dirbuf);
		dir = dirbuf;
	}
	struct exec_opts o = { .threads = rq->threads, .quiet = rq->quiet, .dir = dir,
	                       .stop_after = rq->stop_after, .resume = rq->resume != NULL,
	                       .board = rq->board,
	                       .no_preamble = rq->no_preamble,
	                       .csv = rq->format == CLI_FORMAT_CSV };
	struct run_context ctx = { rq->argc, rq->argv, CRISIM_VERSION,
	                           label_of(rq->file), NULL };
	static const enum report_format fmts[] = {
		[CLI_FORMAT_TABLE] = FORMAT_TABLE, [CLI_FORMAT_TSV] = FORMAT_TSV,
		[CLI_FORMAT_JSON] = FORMAT_JSON, [CLI_FORMAT_CSV] = FORMAT_CSV
	};
	progress_catch_signals();
	st = runner_batch(&b, &o, &ctx, fmts[rq->format], err, sizeof err);
	int rc = EXIT_OK;
	if (st == ST_INTERRUPTED) {
		if (par_rank() == 0)
			fprintf(stderr, "crisim: interrupted; the finished runs are kept in "
			        "%s/ (its tables, or its checkpoint when the stop came "
			        "while they were written); continue with the same command "
			        "and --resume %s\n", dir, dir);
		rc = cli_exit_code(st);
	} else if (st) {
		rc = fail(st, err);
	} else if (!rq->quiet && par_rank() == 0) {
		fprintf(stderr, "crisim: %s: %llu run%s x %zu variant%s; wrote %s/\n",
		        b.v[0].s.name, (unsigned long long)b.runs, b.runs == 1 ? "" : "s",
		        b.n_variants, b.n_variants == 1 ? "" : "s", dir);
	}
	batch_free(&b);
	return rc;
}

int cmd_compare(const struct request *rq)
{
	return cmd_batch(rq, BATCH_COMPARE);
}

int cmd_sweep(const struct request *rq)
{
	return cmd_batch(rq, BATCH_SWEEP);
}

int cmd_exercise(const struct request *rq)
{
	char err[ERRLEN], dirbuf[PATH_MAX];
	const char *dir = rq->resume ? rq->resume : rq->out;
	if (!dir) {
		/* out/NAME-exercise, or output.dir: the scenario names it. */
		struct scenario s;
		int rc = load_scenario(rq, &s);
		if (rc)
			return rc;
		if (s.output_dir) {
			snprintf(dirbuf, sizeof dirbuf, "%s", s.output_dir);
		} else {
			char name[SCN_NAMELEN + 16];
			snprintf(name, sizeof name, "%s-exercise", *s.name ? s.name : "run");
			default_dir(name, dirbuf, sizeof dirbuf);
		}
		spec_free(&s);
		dir = dirbuf;
	}
	struct run_context ctx = { rq->argc, rq->argv, CRISIM_VERSION,
	                           rq->file ? label_of(rq->file) : dir, NULL };
	struct exercise_request er = {
		.file = rq->file, .dir = dir, .resume = rq->resume != NULL,
		.sets = rq->sets, .n_sets = rq->n_sets, .have_seed = rq->have_seed,
		.seed = rq->seed, .every = rq->every, .rc = &ctx,
		.in = stdin, .out = stdout,
		.terminal = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO),
	};
	bool finished;
	enum status st = exercise_play(&er, &finished, err, sizeof err);
	if (st)
		return fail(st, err);
	return EXIT_OK;
}

int cmd_sensitivity(const struct request *rq)
{
	char err[ERRLEN];
	size_t rows;
	enum status st = sensitivity_report(rq->file, rq->outcome, rq->diff, &rows, err,
	                                    sizeof err);
	if (st)
		return fail(st, err);
	if (!rq->quiet)
		fprintf(stderr, "crisim: wrote %s/sensitivity.tsv (%zu rows)\n", rq->file, rows);
	if ((st = plot_dir_only(rq->file, "sensitivity", rq->quiet, err, sizeof err)))
		return fail(st, err);
	return EXIT_OK;
}

int cmd_fit(const struct request *rq)
{
	char err[ERRLEN];
	if (strcmp(rq->file, "-") == 0)
		return fail(ST_BADINPUT, "fit: FILE must be a file, not - (it is read "
		            "again at every evaluation)");
	const char *dir = rq->resume ? rq->resume : rq->out ? rq->out : "out/fit";
	struct fit_opts o = {
		.scenario = rq->file, .sets = rq->sets, .n_sets = rq->n_sets,
		.have_seed = rq->have_seed, .seed = rq->seed,
		.params = rq->params, .n_params = rq->n_params,
		.target = rq->target, .label = rq->label,
		.runs = rq->runs ? rq->runs : 10,
		.max_evals = rq->max_evals ? (size_t)rq->max_evals : 100,
		.dir = dir, .resume = rq->resume != NULL, .quiet = rq->quiet,
		.argc = rq->argc, .argv = rq->argv, .version = CRISIM_VERSION,
	};
	enum status st = fit_run(&o, err, sizeof err);
	if (st)
		return fail(st, err);
	if (!rq->quiet)
		fprintf(stderr, "crisim: wrote %s/fit.json, fit.tsv and fit-curve.tsv\n", dir);
	st = plot_dir(dir, rq->quiet, err, sizeof err);
	return st ? fail(st, err) : EXIT_OK;
}

/* debrief: 200 paired runs unless told otherwise (issue 10: enough for a
 * paired CI of a few percent of the damage in the shipped scenarios). */
int cmd_debrief(const struct request *rq)
{
	char err[ERRLEN + PATH_MAX];
	struct debrief_opts o = { rq->file, rq->out, rq->runs ? rq->runs : 200,
	                          rq->threads, rq->quiet, rq->stop_after, rq->argc,
	                          rq->argv };
	enum status st = debrief_run(&o, err, sizeof err);
	if (st == ST_INTERRUPTED) {
		if (par_rank() == 0)
			fprintf(stderr, "crisim: interrupted; the finished runs are kept; "
			        "the same command continues the debrief\n");
		return cli_exit_code(st);
	}
	return st ? fail(st, err) : EXIT_OK;
}

/* --summary: run once, print the outcome line, write no files. */
static int run_summary(const struct request *rq, const struct scenario *s,
                       const struct graph *g)
{
	char err[ERRLEN], msg[ERRLEN + 256];
	struct run_result res;
	int rc = engine_run(s, g, rq->run, &res, err, sizeof err);
	if (rc) {
		snprintf(msg, sizeof msg, "%s: %s", label_of(rq->file), err);
		return fail(rc == ST_BADINPUT ? ST_BADINPUT : ST_NOMEM, msg);
	}
	if (rq->summary_header)
		report_summary_header(stdout);
	report_summary_row(stdout, rq->run, s->seed, res.summary.v);
	run_result_free(&res);
	if (fflush(stdout) != 0)
		return fail(ST_RUNTIME, "stdout: write error");
	return EXIT_OK;
}

int cmd_run(const struct request *rq)
{
	if (rq->runs)
		return cmd_batch(rq, BATCH_ENSEMBLE);
	if (rq->summary_header && !rq->summary) {
		report_summary_header(stdout);
		return fflush(stdout) ? fail(ST_RUNTIME, "stdout: write error") : EXIT_OK;
	}
	struct scenario s;
	int rc = load_scenario(rq, &s);
	if (rc)
		return rc;
	struct graph g = { 0 };
	rc = build_network(&s, label_of(rq->file), &g, NULL);
	if (rc) {
		spec_free(&s);
		return rc;
	}
	if (rq->summary) {
		rc = run_summary(rq, &s, &g);
		graph_free(&g);
		spec_free(&s);
		return rc;
	}
	char dirbuf[PATH_MAX];
	const char *dir = rq->out ? rq->out : s.output_dir;
	if (!dir) {
		default_dir(s.name, dirbuf, sizeof dirbuf);
		dir = dirbuf;
	}
	char err[ERRLEN];
	struct run_context ctx = { rq->argc, rq->argv, CRISIM_VERSION,
	                           label_of(rq->file), rq->gexf };
	struct run_result res;
	enum status st = runner_single(&s, &g, rq->run, dir, &ctx, &res, err, sizeof err);
	if (st) {
		rc = fail(st, err);
	} else if (!rq->quiet && strcmp(dir, "-") != 0) {
		const double *v = res.summary.v;
		fprintf(stderr, "crisim: %s: %u ticks on %u agents (brand: %u "
		        "followers); reach %.0f (%.1f%%), damage %.0f, peak %.0f at "
		        "tick %.0f; wrote %s/\n",
		        s.name, s.ticks, g.n, res.brand_followers, v[SUM_reach],
		        100.0 * v[SUM_reach_share], v[SUM_damage],
		        v[SUM_peak_negative], v[SUM_peak_tick], dir);
	}
	run_result_free(&res);
	graph_free(&g);
	spec_free(&s);
	return rc;
}

int cmd_validate(const struct request *rq)
{
	struct scenario s;
	int rc = load_scenario(rq, &s);
	if (rc)
		return rc;
	char *json = scenario_to_json(&s);
	spec_free(&s);
	if (!json)
		return fail(ST_NOMEM, "out of memory");
	printf("%s\n", json);
	free(json);
	if (fflush(stdout) != 0)
		return fail(ST_RUNTIME, "stdout: write error");
	return EXIT_OK;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

int cmd_graph(const struct request *rq)
{
	char err[ERRLEN], msg[ERRLEN + 256];
	struct graph g = { 0 };
	struct net_report rep = { 0 };
	struct scenario s = { 0 };
	const char *label;
	int rc;

	if (rq->network_spec || ends_with(rq->file, ".json")) {
		enum status lst;
		if (rq->network_spec) {
			size_t len = strlen(rq->network_spec) + 32;
			char *text = malloc(len);
			if (!text)
				return fail(ST_NOMEM, "out of memory");
			snprintf(text, len, "{\"network\": %s}", rq->network_spec);
			label = "--network-spec";
			lst = scenario_parse(&s, text, label, NULL, rq->sets,
			                     rq->n_sets, err);
			free(text);
		} else {
			label = rq->file;
			lst = scenario_load(&s, rq->file, rq->sets, rq->n_sets, err);
		}
		if (lst != ST_OK)
			return fail(lst, err);
		rc = build_network(&s, label, &g, &rep);
		spec_free(&s);
		if (rc)
			return rc;
	} else {
		label = rq->file;
		enum status rst = graphml_is_path(rq->file)
		    ? graphml_read(rq->file, rq->directed, &g, &rep, err, sizeof err)
		    : netio_read_edgelist(rq->file, rq->directed, &g, &rep, err,
		                          sizeof err);
		if (rst != ST_OK)
			return fail(rst, err);
	}

	struct graph_stats st;
	gsl_rng *r = rng_stream(0, RNG_STATS, 0);
	rc = r ? graph_stats(&g, r, 2000, &st) : ST_NOMEM;
	gsl_rng_free(r);
	if (rc) {
		graph_free(&g);
		return fail(ST_NOMEM, "out of memory computing statistics");
	}
	double tc = st.k2 - st.mean_degree > 0 ? st.mean_degree / (st.k2 - st.mean_degree) : 0;
	/* With the edge list on stdout (-o -) the statistics go to stderr, so
	 * the edge list can be read back. */
	FILE *f = rq->out && strcmp(rq->out, "-") == 0 ? stderr : stdout;
	fprintf(f, "source\t%s\nnodes\t%u\narcs\t%llu\nmean_degree\t%.4f\n"
	        "k2\t%.4f\nmax_degree\t%u\nreciprocity\t%.4f\nclustering\t%.4f\n"
	        "giant_weak\t%u\nsir_threshold\t%.6f\n",
	        label, st.n, (unsigned long long)st.arcs, st.mean_degree, st.k2,
	        st.max_degree, st.reciprocity, st.clustering, st.giant_weak, tc);
	/* id_base: agent = id - base (0 or 1) for a file of dense ids;
	 * "map" when sparse ids are ranked (netio.h), with their range. */
	if (rep.lines && rep.named)
		fprintf(f, "lines\t%llu\nid_base\tnames\n",
		        (unsigned long long)rep.lines);
	else if (rep.lines && !rep.mapped)
		fprintf(f, "lines\t%llu\nid_base\t%u\n", (unsigned long long)rep.lines, rep.base);
	else if (rep.lines)
		fprintf(f, "lines\t%llu\nid_base\tmap\nid_min\t%llu\nid_max\t%llu\n",
		        (unsigned long long)rep.lines,
		        (unsigned long long)rep.id_min, (unsigned long long)rep.id_max);
	fprintf(f, "self_loops_dropped\t%llu\nduplicates_dropped\t%llu\nisolated\t%u\n",
	        (unsigned long long)rep.self_loops,
	        (unsigned long long)rep.duplicates, rep.unused_ids);
	if (rep.weighted)
		fputs("weighted\t1\n", f);

	rc = EXIT_OK;
	if (rq->out) {
		struct out_file o;
		char *dir = strdup(rq->out), *base = NULL;
		if (!dir) {
			rc = fail(ST_NOMEM, "out of memory");
		} else if (strcmp(rq->out, "-") == 0) {
			rc = output_open(&o, "-", "", err, sizeof err);
		} else {
			char *slash = strrchr(dir, '/');
			base = slash ? slash + 1 : dir;
			if (slash)
				*slash = '\0';
			rc = output_open(&o, slash ? (*dir ? dir : "/") : ".", base, err, sizeof err);
		}
		if (dir && rc == 0) {
			if ((graphml_is_path(rq->out) ? graphml_write(&g, o.f)
			     : netio_write_edgelist(&g, o.f)) != ST_OK) {
				output_abort(&o);
				snprintf(err, sizeof err, "%s: write error", rq->out);
				rc = -1;
			} else {
				rc = output_commit(&o, err, sizeof err);
			}
		}
		if (dir && rc != 0) {
			snprintf(msg, sizeof msg, "%s", err);
			rc = fail(ST_RUNTIME, msg);
		}
		free(dir);
	}
	graph_free(&g);
	if (fflush(stdout) != 0)
		return fail(ST_RUNTIME, "stdout: write error");
	return rc;
}

/* ---- plot ---- */

int cmd_plot(const struct request *rq)
{
	char msg[ERRLEN + 3 * PATH_MAX];
	enum status st = plot_dir(rq->file, rq->quiet, msg, sizeof msg);
	return st ? fail(st, msg) : EXIT_OK;
}

/* ---- keys ---- */

/* One table row, as TSV or Markdown (cells must not hold '|' or tabs). */
static void key_row(bool md, int ncell, const char *const *cell, bool code)
{
	for (int k = 0; k < ncell; k++) {
		if (md)
			printf(k ? " | %s%s%s" : "| %s%s%s", code && k == 0 ? "`" : "",
			       cell[k], code && k == 0 ? "`" : "");
		else
			printf(k ? "\t%s" : "%s", cell[k]);
	}
	puts(md ? " |" : "");
}

int cmd_keys(const struct request *rq)
{
	bool md = rq->markdown;
	if (rq->json_schema) {
		char *schema = scenario_json_schema();
		if (!schema)
			return fail(ST_NOMEM, "keys: out of memory");
		puts(schema);
		free(schema);
	} else if (strcmp(rq->file, "scenario") == 0) {
		const char *head[] = { "key", "type", "valid values", "meaning and default" };
		key_row(md, 4, head, false);
		if (md)
			puts("|---|---|---|---|");
		for (size_t i = 0; i < scenario_key_count(); i++) {
			const char *c[4];
			scenario_key_info(i, &c[0], &c[1], &c[2], &c[3]);
			key_row(md, 4, c, md);
		}
	} else if (strcmp(rq->file, "series") == 0) {
		const char *head[] = { "column", "meaning" };
		key_row(md, 2, head, false);
		if (md)
			puts("|---|---|");
		for (int i = 0; i < SERIES_NCOL; i++) {
			const char *c[2] = { series_col_name[i], series_col_doc[i] };
			key_row(md, 2, c, md);
		}
	} else {
		/* Outcomes with the direction compare calls better. */
		const char *head[] = { "field", "better", "meaning" };
		key_row(md, 3, head, false);
		if (md)
			puts("|---|---|---|");
		for (int i = 0; i < SUMMARY_NFIELD; i++) {
			const char *c[3] = { summary_field_name[i],
			                     stats_better_word(stats_better[i]),
			                     summary_field_doc[i] };
			key_row(md, 3, c, md);
		}
	}
	return fflush(stdout) ? fail(ST_RUNTIME, "stdout: write error") : EXIT_OK;
}
