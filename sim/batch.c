#include "batch.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkpoint.h"
#include "engine.h"
#include "netgen.h"
#include "textfile.h"

/* ---- the request: copies, the grid, the strategies ---- */

static enum status nomem(char *err, size_t errlen)
{
	snprintf(err, errlen, "out of memory");
	return ST_NOMEM;
}

static enum status copy_request(struct batch *b, const struct batch_request *rq,
                                char *err, size_t errlen)
{
	b->kind = rq->kind;
	b->runs = rq->runs;
	b->keep_series = rq->kind != BATCH_SWEEP;
	b->have_seed = rq->have_seed;
	b->seed = rq->seed;
	if (!(b->file = strdup(rq->file)) ||
	    (rq->grid_file && !(b->grid_file = strdup(rq->grid_file))) ||
	    !(b->sets = calloc(rq->n_sets ? rq->n_sets : 1, sizeof *b->sets)))
		return nomem(err, errlen);
	for (; b->n_sets < rq->n_sets; b->n_sets++)
		if (!(b->sets[b->n_sets] = strdup(rq->sets[b->n_sets])))
			return nomem(err, errlen);
	return ST_OK;
}

struct source;
static enum status source_seed(const struct batch *b, const struct source *src,
                               uint64_t *seed, char *err, size_t errlen);

/* The design's axes; its seed is --seed or the scenario's. */
static enum status read_design(struct batch *b, const struct batch_request *rq,
                               const struct source *src, char *err, size_t errlen)
{
	struct design_spec sp = *rq->design;
	enum status st;
	if (rq->n_grids || rq->grid_file) {
		snprintf(err, errlen, "--design: cannot be combined with --grid or --grid-file");
		return ST_BADINPUT;
	}
	b->design = sp.kind;
	if (sp.kind == DESIGN_FILE && !(b->design_file = strdup(sp.file)))
		return nomem(err, errlen);
	sp.seed = b->seed;
	if (!rq->have_seed && sp.kind != DESIGN_FILE &&
	    (st = source_seed(b, src, &sp.seed, err, errlen)))
		return st;
	return design_axes(&sp, &b->axes, &b->n_axes, &b->n_points, err, errlen);
}

/* The grid file's axes, then --grid's; and the number of points. */
static enum status read_axes(struct batch *b, const struct batch_request *rq,
                             const struct source *src, char *err, size_t errlen)
{
	enum status st;
	if (rq->design)
		return read_design(b, rq, src, err, errlen);
	if (rq->grid_file &&
	    (st = grid_file_read(rq->grid_file, &b->axes, &b->n_axes, err, errlen)))
		return st;
	b->n_file_axes = b->n_axes;
	for (size_t i = 0; i < rq->n_grids; i++) {
		struct grid_axis ax;
		if ((st = grid_axis_parse(rq->grids[i], &ax, err, errlen)))
			return st;
		struct grid_axis *a = realloc(b->axes, (b->n_axes + 1) * sizeof *a);
		if (!a) {
			grid_axis_free(&ax);
			return nomem(err, errlen);
		}
		b->axes = a;
		b->axes[b->n_axes++] = ax;
	}
	b->n_points = 1;
	for (size_t i = 0; i < b->n_axes; i++) {
		if (b->n_points > GRID_MAX_VALUES / b->axes[i].n) {
			snprintf(err, errlen, "%s: more than %d grid points",
			         i < b->n_file_axes ? b->grid_file : "--grid", GRID_MAX_VALUES);
			return ST_BADINPUT;
		}
		b->n_points *= b->axes[i].n;
	}
	return ST_OK;
}

/* Split "a,b,c" into owned strings; names must be non-empty. */
static enum status split_strategies(struct batch *b, const char *list, char *err,
                                    size_t errlen)
{
	size_t n = 1;
	for (const char *c = list; *c; c++)
		n += *c == ',';
	b->strats = calloc(n, sizeof *b->strats);
	b->strat_dirs = calloc(n, sizeof *b->strat_dirs);
	if (!b->strats || !b->strat_dirs)
		return nomem(err, errlen);
	b->n_strats = n;
	const char *s = list;
	for (size_t i = 0; i < n; i++) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		if (len == 0 || len >= SCN_NAMELEN || memchr(s, '"', len) ||
		    memchr(s, '\\', len)) {
			snprintf(err, errlen, "--strategies: expected names separated "
			         "by commas, got '%s'", list);
			return ST_BADINPUT;
		}
		if (!(b->strats[i] = strndup(s, len)))
			return nomem(err, errlen);
		s = comma ? comma + 1 : s + len;
	}
	return ST_OK;
}

/* The strategies (one NULL entry: the scenario's own) and their directory
 * names: the name, "-2", "-3" on repeats. */
static enum status read_strategies(struct batch *b, const char *list, char *err,
                                   size_t errlen)
{
	enum status st;
	if (list && (st = split_strategies(b, list, err, errlen)))
		return st;
	if (!list) {
		b->strats = calloc(1, sizeof *b->strats);
		b->strat_dirs = calloc(1, sizeof *b->strat_dirs);
		if (!b->strats || !b->strat_dirs)
			return nomem(err, errlen);
		b->n_strats = 1;
	}
	for (size_t i = 0; i < b->n_strats; i++) {
		const char *base = b->strats[i] ? b->strats[i] : "scenario";
		size_t rep = 1;
		for (size_t j = 0; j < i; j++)
			rep += strcmp(b->strats[j] ? b->strats[j] : "scenario", base) == 0;
		char buf[SCN_NAMELEN + 24];
		if (rep > 1)
			snprintf(buf, sizeof buf, "%s-%zu", base, rep);
		else
			snprintf(buf, sizeof buf, "%s", base);
		for (char *c = buf; *c; c++)
			if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' && *c != '.')
				*c = '_';
		if (!(b->strat_dirs[i] = strdup(buf)))
			return nomem(err, errlen);
	}
	return ST_OK;
}

/* ---- variants ---- */

/* The scenario text and where it came from, shared by every variant. */
struct source {
	char *text;
	const char *label;   /* "<stdin>" or the path */
	char *dir;           /* base for relative network files; NULL: cwd */
};

static enum status source_read(struct source *src, const char *file, char *err,
                               size_t errlen)
{
	size_t len;
	enum status st = textfile_read(file, &src->text, &len, err, errlen);
	if (st)
		return st;
	bool in = strcmp(file, "-") == 0;
	src->label = in ? "<stdin>" : file;
	const char *slash = in ? NULL : strrchr(file, '/');
	if (slash && !(src->dir = strndup(file, slash == file ? 1 :
	                                   (size_t)(slash - file))))
		return nomem(err, errlen);
	return ST_OK;
}

/* The --set texts of one variant: the user's, then the grid point's (one
 * per axis), then the strategy's.  Which of them to include is chosen by
 * `with_axes` (a mask over axes: bit a, or all with SIZE_MAX) and
 * `with_strat`, so that a failure can be traced to its source. */
struct setlist {
	const char **sets;   /* n_sets + n_axes + 1 pointers */
	char **own;          /* n_axes + 1 owned texts */
	size_t n_own;
	size_t n;
};

static void setlist_free(struct setlist *l)
{
	for (size_t i = 0; l->own && i < l->n_own; i++)
		free(l->own[i]);
	free(l->own);
	free(l->sets);
	memset(l, 0, sizeof *l);
}

static enum status setlist_init(struct setlist *l, const struct batch *b)
{
	memset(l, 0, sizeof *l);
	l->sets = calloc(b->n_sets + b->n_axes + 1, sizeof *l->sets);
	l->own = calloc(b->n_axes + 1, sizeof *l->own);
	l->n_own = b->n_axes + 1;
	return l->sets && l->own ? ST_OK : ST_NOMEM;
}


static char *join_set(const char *path, const char *value, const char *quote)
{
	size_t len = strlen(path) + strlen(value) + 2 * strlen(quote) + 2;
	char *s = malloc(len);
	if (s)
		snprintf(s, len, "%s=%s%s%s", path, quote, value, quote);
	return s;
}

static enum status setlist_fill(struct setlist *l, const struct batch *b,
                                const struct batch_variant *v, size_t with_axes,
                                bool with_strat)
{
	l->n = 0;
	for (size_t i = 0; i < b->n_sets; i++)
		l->sets[l->n++] = b->sets[i];
	for (size_t a = 0; a < b->n_axes; a++) {
		if (!(with_axes == SIZE_MAX || (a < 64 && (with_axes >> a & 1))))
			continue;
		const struct grid_axis *ax = &b->axes[a];
		free(l->own[a]);
		if (!(l->own[a] = join_set(ax->path, ax->values[batch_axis_pos(b, v->point, a)], "")))
			return ST_NOMEM;
		l->sets[l->n++] = l->own[a];
	}
	if (with_strat && b->strats[v->strat]) {
		free(l->own[b->n_axes]);
		if (!(l->own[b->n_axes] = join_set("responder.strategy",
		                                   b->strats[v->strat], "\"")))
			return ST_NOMEM;
		l->sets[l->n++] = l->own[b->n_axes];
	}
	return ST_OK;
}

/* Parse and check one variant's scenario (without the graph); on failure
 * *s is freed and err holds the loader's or the engine's message. */
static enum status variant_load(const struct batch *b, const struct source *src,
                                const struct setlist *l, struct scenario *s,
                                char *err, size_t errlen)
{
	char serr[SCN_ERRLEN];
	enum status st = scenario_parse(s, src->text, src->label, src->dir,
	                                             l->sets, l->n, serr);
	if (st) {
		snprintf(err, errlen, "%s", serr);
		return st;
	}
	if (b->have_seed)
		s->seed = b->seed;
	if (engine_check(s, NULL, serr, sizeof serr)) {
		snprintf(err, errlen, "%s: %s", src->label, serr);
		spec_free(s);
		return ST_BADINPUT;
	}
	return ST_OK;
}

/* The seed of the scenario with the user's --set applied. */
static enum status source_seed(const struct batch *b, const struct source *src,
                               uint64_t *seed, char *err, size_t errlen)
{
	char serr[SCN_ERRLEN];
	struct scenario s;
	enum status st = scenario_parse(&s, src->text, src->label, src->dir,
	                                (const char *const *)b->sets, b->n_sets, serr);
	if (st) {
		snprintf(err, errlen, "%s", serr);
		return st;
	}
	*seed = s.seed;
	spec_free(&s);
	return ST_OK;
}

/* msg without its source prefix ("--set " or "LABEL: "). */
static const char *strip_source(const char *msg, const char *label)
{
	size_t n = strlen(label);
	if (strncmp(msg, "--set ", 6) == 0)
		return msg + 6;
	if (strncmp(msg, label, n) == 0 && strncmp(msg + n, ": ", 2) == 0)
		return msg + n + 2;
	return msg;
}

/* Variant v failed to load with message *err: say which option or file
 * caused it.  The user's own settings are tried first, then each axis of
 * the grid point alone, then the whole point, and what is left is the
 * strategy.  Only on the failure path: it parses the scenario again. */
static void blame(const struct batch *b, const struct source *src,
                  struct setlist *l, const struct batch_variant *v,
                  char *err, size_t errlen)
{
	char e[SCN_ERRLEN + 64], first[1024];
	snprintf(first, sizeof first, "%s", err);
	struct scenario s;
	if (setlist_fill(l, b, v, 0, false) ||
	    variant_load(b, src, l, &s, e, sizeof e))
		return;   /* the file or --set: the message says so already */
	spec_free(&s);
	for (size_t a = 0; a <= b->n_axes && a < 64; a++) {
		bool whole = a == b->n_axes;
		if (setlist_fill(l, b, v, whole ? SIZE_MAX : (size_t)1 << a, false))
			return;
		if (variant_load(b, src, l, &s, e, sizeof e) == ST_OK) {
			spec_free(&s);
			continue;
		}
		const char *why = strip_source(e, src->label);
		const char *from = b->n_file_axes && (whole || a < b->n_file_axes) ?
		                   b->grid_file : b->design_file;
		const char *opt = b->design != DESIGN_NONE ? "--design" : "--grid";
		if (whole) {
			snprintf(err, errlen, "%s%s the %s point %zu: %s", from ? from : opt,
			         from ? ":" : "", b->design != DESIGN_NONE ? "design" : "grid",
			         v->point, why);
			return;
		}
		/* "ticks: expected ..." names the axis already; otherwise say
		 * which value of which axis: "network.nodes=5: network.m: ..." */
		const struct grid_axis *ax = &b->axes[a];
		size_t plen = strlen(ax->path);
		char detail[SCN_ERRLEN + 256];
		if (strncmp(why, ax->path, plen) == 0 && why[plen] == ':')
			snprintf(detail, sizeof detail, "%s", why);
		else  /* a long path or value is cut: the loader's message names it */
			snprintf(detail, sizeof detail, "%.64s%s=%.64s: %s", ax->path,
			         plen > 64 ? "..." : "", ax->values[batch_axis_pos(b, v->point, a)],
			         why);
		if (from)
			snprintf(err, errlen, "%s: %s", from, detail);
		else
			snprintf(err, errlen, "%s %s", opt, detail);
		return;
	}
	if (b->strats[v->strat])
		snprintf(err, errlen, "--strategies: %s", strip_source(first, src->label));
}

static enum status resolve_variants(struct batch *b, const struct source *src,
                                    char *err, size_t errlen)
{
	struct setlist l;
	b->n_variants = b->n_points * b->n_strats;
	if (!(b->v = calloc(b->n_variants, sizeof *b->v)) || setlist_init(&l, b)) {
		if (b->v)
			setlist_free(&l);
		return nomem(err, errlen);
	}
	uint64_t h = CHECKPOINT_FNV_BASIS;
	uint32_t shape[4] = { (uint32_t)b->kind, SUMMARY_NFIELD, SERIES_NCOL,
	                      b->keep_series };
	h = checkpoint_fnv1a(h, shape, sizeof shape);
	h = checkpoint_fnv1a(h, &b->runs, sizeof b->runs);
	/* Items became run-major (batch.h): a checkpoint of several variants
	 * written in the former variant-major order must not match.  With one
	 * variant the orders agree, and so do the fingerprints. */
	if (b->n_variants > 1)
		h = checkpoint_fnv1a(h, "run-major", 9);
	if (b->design != DESIGN_NONE) {
		uint32_t kind = (uint32_t)b->design;
		h = checkpoint_fnv1a(h, &kind, sizeof kind);
	}
	enum status st = ST_OK;
	for (size_t v = 0; v < b->n_variants && st == ST_OK; v++) {
		struct batch_variant *bv = &b->v[v];
		bv->point = v / b->n_strats;
		bv->strat = v % b->n_strats;
		if ((st = setlist_fill(&l, b, bv, SIZE_MAX, true))) {
			nomem(err, errlen);
			break;
		}
		if ((st = variant_load(b, src, &l, &bv->s, err, errlen))) {
			if (st == ST_BADINPUT)
				blame(b, src, &l, bv, err, errlen);
			break;
		}
		char *json = scenario_to_json(&bv->s);
		if (!json) {
			st = nomem(err, errlen);
			break;
		}
		h = checkpoint_fnv1a(h, json, strlen(json) + 1);
		free(json);
	}
	setlist_free(&l);
	b->fingerprint = h;
	return st;
}

/* ---- inputs, by content ---- */

static enum status add_input(struct batch *b, const char *path, uint64_t hash,
                             char *err, size_t errlen)
{
	struct batch_input *in = realloc(b->inputs, (b->n_inputs + 1) * sizeof *in);
	if (!in)
		return nomem(err, errlen);
	b->inputs = in;
	if (!(in[b->n_inputs].path = strdup(path)))
		return nomem(err, errlen);
	in[b->n_inputs++].hash = hash;
	return ST_OK;
}

static enum status add_input_file(struct batch *b, const char *path, char *err,
                                  size_t errlen)
{
	for (size_t i = 0; i < b->n_inputs; i++)
		if (strcmp(b->inputs[i].path, path) == 0)
			return ST_OK;   /* each file once */
	uint64_t h;
	enum status st = checkpoint_hash_file(path, &h, err, errlen);
	return st ? st : add_input(b, path, h, err, errlen);
}

/* Every file the batch depends on, by content, in a fixed order: the
 * scenario (its text as read, stdin included), the grid file, then the
 * edge list of each variant (one per grid point when the grid sets
 * network.file), the decisions file of each variant under the strategy
 * "script".  Files that later kinds of batch read are to be added here,
 * after these, with add_input_file.
 * Each hash is folded into the fingerprint, so that a part of a batch
 * whose input changed never matches. */
static enum status collect_inputs(struct batch *b, const struct source *src,
                                  char *err, size_t errlen)
{
	enum status st = add_input(b, src->label, checkpoint_fnv1a(CHECKPOINT_FNV_BASIS,
	                           src->text, strlen(src->text)), err, errlen);
	if (st == ST_OK && b->grid_file)
		st = add_input_file(b, b->grid_file, err, errlen);
	if (st == ST_OK && b->design_file)
		st = add_input_file(b, b->design_file, err, errlen);
	for (size_t v = 0; v < b->n_variants && st == ST_OK; v++)
		if (b->v[v].s.network.model == NET_FILE && b->v[v].s.network.file)
			st = add_input_file(b, b->v[v].s.network.file, err, errlen);
	for (size_t v = 0; v < b->n_variants && st == ST_OK; v++)
		if (b->v[v].s.responder.script.file &&
		    strcmp(b->v[v].s.responder.strategy, "script") == 0)
			st = add_input_file(b, b->v[v].s.responder.script.file, err,
			                    errlen);
	for (size_t i = 0; i < b->n_inputs && st == ST_OK; i++)
		b->fingerprint = checkpoint_fnv1a(b->fingerprint, &b->inputs[i].hash,
		                                  sizeof b->inputs[i].hash);
	return st;
}

/* ---- graphs ---- */

static bool axis_touches_graph(const struct grid_axis *ax)
{
	return strncmp(ax->path, "network", 7) == 0 || strcmp(ax->path, "seed") == 0;
}

/* One graph for the batch, or one per grid point; then the checks that
 * need the graph. */
static enum status build_graphs(struct batch *b, const char *label, char *err,
                                size_t errlen)
{
	bool per_point = false;
	for (size_t a = 0; a < b->n_axes; a++)
		per_point |= axis_touches_graph(&b->axes[a]);
	for (size_t v = 0; v < b->n_variants; v++)
		b->v[v].graph = per_point ? b->v[v].point : 0;
	b->n_graphs = per_point ? b->n_points : 1;
	if (!(b->graphs = calloc(b->n_graphs, sizeof *b->graphs)))
		return nomem(err, errlen);
	for (size_t gi = 0; gi < b->n_graphs; gi++) {
		const struct scenario *s = &b->v[gi * (per_point ? b->n_strats : 0)].s;
		char gerr[512];
		enum status grc = netgen_build(&s->network, s->seed, &b->graphs[gi], NULL,
		                       gerr, sizeof gerr);
		if (grc) {
			snprintf(err, errlen, "%s: network: %s", label, gerr);
			return grc;
		}
	}
	for (size_t v = 0; v < b->n_variants; v++) {
		char serr[SCN_ERRLEN];
		if (engine_check(&b->v[v].s, &b->graphs[b->v[v].graph], serr, sizeof serr)) {
			snprintf(err, errlen, "%s: %s", label, serr);
			return ST_BADINPUT;
		}
	}
	return ST_OK;
}

enum status batch_build(struct batch *b, const struct batch_request *rq, char *err,
                        size_t errlen)
{
	memset(b, 0, sizeof *b);
	struct source src = { 0 };
	enum status st;
	if ((st = copy_request(b, rq, err, errlen)) ||
	    (st = source_read(&src, rq->file, err, errlen)) ||
	    (st = read_axes(b, rq, &src, err, errlen)) ||
	    (st = read_strategies(b, rq->strategies, err, errlen)) ||
	    (st = resolve_variants(b, &src, err, errlen)) ||
	    (st = collect_inputs(b, &src, err, errlen)) ||
	    (st = build_graphs(b, src.label, err, errlen)))
		goto fail;
	free(src.text);
	free(src.dir);
	return ST_OK;
fail:
	free(src.text);
	free(src.dir);
	batch_free(b);
	return st;
}

void batch_free(struct batch *b)
{
	for (size_t a = 0; a < b->n_axes; a++)
		grid_axis_free(&b->axes[a]);
	free(b->axes);
	for (size_t i = 0; i < b->n_strats; i++) {
		if (b->strats)
			free(b->strats[i]);
		if (b->strat_dirs)
			free(b->strat_dirs[i]);
	}
	free(b->strats);
	free(b->strat_dirs);
	if (b->v)
		for (size_t v = 0; v < b->n_variants; v++)
			spec_free(&b->v[v].s);
	free(b->v);
	if (b->graphs)
		for (size_t gi = 0; gi < b->n_graphs; gi++)
			graph_free(&b->graphs[gi]);
	free(b->graphs);
	for (size_t i = 0; i < b->n_sets; i++)
		free(b->sets[i]);
	free(b->sets);
	free(b->file);
	free(b->grid_file);
	free(b->design_file);
	for (size_t i = 0; i < b->n_inputs; i++)
		free(b->inputs[i].path);
	free(b->inputs);
	memset(b, 0, sizeof *b);
}
