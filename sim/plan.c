#include "plan.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "netgen.h"

#define MAX_AXIS_VALUES 100000

void plan_axis_free(struct plan_axis *ax)
{
	for (size_t i = 0; i < ax->n; i++) {
		if (ax->values)
			free(ax->values[i]);
		if (ax->labels)
			free(ax->labels[i]);
	}
	free(ax->values);
	free(ax->labels);
	free(ax->path);
	memset(ax, 0, sizeof *ax);
}

/* Append a value; the label is the value without surrounding quotes. */
static int axis_push(struct plan_axis *ax, const char *val, size_t len)
{
	if (ax->n >= MAX_AXIS_VALUES)
		return 2;
	char **v = realloc(ax->values, (ax->n + 1) * sizeof *v);
	if (!v)
		return 1;
	ax->values = v;
	char **l = realloc(ax->labels, (ax->n + 1) * sizeof *l);
	if (!l)
		return 1;
	ax->labels = l;
	const char *lab = val;
	size_t ll = len;
	if (len >= 2 && val[0] == '"' && val[len - 1] == '"') {
		lab++;
		ll -= 2;
	}
	ax->values[ax->n] = strndup(val, len);
	ax->labels[ax->n] = strndup(lab, ll);
	ax->n++;
	if (!ax->values[ax->n - 1] || !ax->labels[ax->n - 1])
		return 1;
	return 0;
}

static int parse_double(const char *s, size_t len, double *out)
{
	char buf[64];
	if (len == 0 || len >= sizeof buf)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *end;
	errno = 0;
	*out = strtod(buf, &end);
	return errno || *end || !isfinite(*out) ? -1 : 0;
}

/* "a:b:step": a, a+step, ... up to b (inclusive within rounding).  Values
 * are a + k step (not accumulated), printed with %.12g. */
static int parse_range(const char *txt, struct plan_axis *ax, char *err,
                       size_t errlen)
{
	const char *c1 = strchr(txt, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	double a, b, step;
	if (!c2 || strchr(c2 + 1, ':') ||
	    parse_double(txt, (size_t)(c1 - txt), &a) ||
	    parse_double(c1 + 1, (size_t)(c2 - c1 - 1), &b) ||
	    parse_double(c2 + 1, strlen(c2 + 1), &step)) {
		snprintf(err, errlen, "--grid %s: expected a range a:b:step of "
		         "numbers, got '%s'", ax->path, txt);
		return 2;
	}
	if (!(step > 0) || b < a) {
		snprintf(err, errlen, "--grid %s: range %s: need step > 0 and a <= b",
		         ax->path, txt);
		return 2;
	}
	double count = floor((b - a) / step + 1e-9) + 1;
	if (count > MAX_AXIS_VALUES) {
		snprintf(err, errlen, "--grid %s: range %s has more than %d values",
		         ax->path, txt, MAX_AXIS_VALUES);
		return 2;
	}
	for (size_t k = 0; k < (size_t)count; k++) {
		char buf[64];
		double x = a + (double)k * step;
		if (fabs(x) < 1e-12 * step)
			x = 0;
		int n = snprintf(buf, sizeof buf, "%.12g", x);
		int rc = axis_push(ax, buf, (size_t)n);
		if (rc)
			return rc;
	}
	return 0;
}

int plan_parse_axis(const char *spec, struct plan_axis *ax, char *err,
                    size_t errlen)
{
	memset(ax, 0, sizeof *ax);
	const char *eq = strchr(spec, '=');
	if (!eq || eq == spec || !eq[1]) {
		snprintf(err, errlen, "--grid: expected PATH=V1,V2,... or "
		         "PATH=a:b:step, got '%s'", spec);
		return 2;
	}
	ax->path = strndup(spec, (size_t)(eq - spec));
	if (!ax->path)
		return 1;
	const char *vals = eq + 1;
	int rc = 0;
	if (strchr(vals, ':') && !strchr(vals, ',') && vals[0] != '"') {
		rc = parse_range(vals, ax, err, errlen);
	} else {
		for (const char *p = vals;;) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);
			if (len == 0) {
				snprintf(err, errlen, "--grid %s: empty value in '%s'",
				         ax->path, vals);
				rc = 2;
				break;
			}
			if ((rc = axis_push(ax, p, len)) != 0)
				break;
			if (!comma)
				break;
			p = comma + 1;
		}
	}
	if (rc == 1)
		snprintf(err, errlen, "out of memory");
	if (rc)
		plan_axis_free(ax);
	return rc;
}

/* ---- grid file: {"PATH": [V, ...] | "a:b:step", ...} ----
 * A deliberately small reader for this one shape (cJSON stays in
 * scenario.c): values are JSON scalars copied verbatim as --set text. */

struct gf {
	const char *s, *p, *label;
	char *err;
	size_t errlen;
};

static void gf_ws(struct gf *g)
{
	while (*g->p && isspace((unsigned char)*g->p))
		g->p++;
}

static int gf_fail(struct gf *g, const char *what)
{
	int line = 1;
	for (const char *q = g->s; q < g->p; q++)
		line += *q == '\n';
	snprintf(g->err, g->errlen, "%s: line %d: expected %s", g->label, line, what);
	return 2;
}

/* A JSON string token at p: sets *len to its length including quotes. */
static int gf_string(struct gf *g, size_t *len)
{
	const char *q = g->p;
	if (*q != '"')
		return gf_fail(g, "a string");
	for (q++; *q && *q != '"'; q++)
		if (*q == '\\' && q[1])
			q++;
	if (*q != '"')
		return gf_fail(g, "a closing quote");
	*len = (size_t)(q + 1 - g->p);
	return 0;
}

/* A scalar: string, number, true, false. */
static int gf_scalar(struct gf *g, size_t *len)
{
	if (*g->p == '"')
		return gf_string(g, len);
	const char *q = g->p;
	while (*q && (isalnum((unsigned char)*q) || strchr("+-.", *q)))
		q++;
	if (q == g->p)
		return gf_fail(g, "a number, string or boolean");
	*len = (size_t)(q - g->p);
	return 0;
}

static int parse_grid_file(const char *path, struct plan *p, char *err,
                           size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return 2;
	}
	char *text = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = 2 * cap + 8192;
			char *t = realloc(text, cap);
			if (!t) {
				free(text);
				fclose(f);
				snprintf(err, errlen, "out of memory");
				return 1;
			}
			text = t;
		}
		size_t k = fread(text + n, 1, 4096, f);
		n += k;
		if (k < 4096)
			break;
	}
	fclose(f);
	text[n] = '\0';

	struct gf g = { text, text, path, err, errlen };
	int rc = 0;
	size_t len;
	gf_ws(&g);
	if (*g.p++ != '{') {
		g.p--;
		rc = gf_fail(&g, "'{' (an object of PATH: [values] or \"a:b:step\")");
		goto done;
	}
	gf_ws(&g);
	while (*g.p != '}') {
		if ((rc = gf_string(&g, &len)))
			goto done;
		struct plan_axis ax = { 0 };
		ax.path = strndup(g.p + 1, len - 2);
		g.p += len;
		gf_ws(&g);
		if (!ax.path || *g.p != ':') {
			rc = ax.path ? gf_fail(&g, "':'") : 1;
			plan_axis_free(&ax);
			goto done;
		}
		g.p++;
		gf_ws(&g);
		if (*g.p == '"') {
			if ((rc = gf_string(&g, &len)) == 0) {
				char *r = strndup(g.p + 1, len - 2);
				rc = r ? parse_range(r, &ax, err, errlen) : 1;
				free(r);
				g.p += len;
			}
		} else if (*g.p == '[') {
			g.p++;
			gf_ws(&g);
			while (!rc && *g.p != ']') {
				if ((rc = gf_scalar(&g, &len)))
					break;
				rc = axis_push(&ax, g.p, len);
				g.p += len;
				gf_ws(&g);
				if (*g.p == ',') {
					g.p++;
					gf_ws(&g);
				} else if (*g.p != ']') {
					rc = gf_fail(&g, "',' or ']'");
				}
			}
			if (!rc)
				g.p++;
			if (!rc && ax.n == 0)
				rc = gf_fail(&g, "a non-empty array");
		} else {
			rc = gf_fail(&g, "an array of values or a range \"a:b:step\"");
		}
		if (!rc) {
			struct plan_axis *a = realloc(p->axes, (p->n_axes + 1) * sizeof *a);
			if (!a)
				rc = 1;
			else {
				p->axes = a;
				p->axes[p->n_axes++] = ax;
			}
		}
		if (rc) {
			plan_axis_free(&ax);
			goto done;
		}
		gf_ws(&g);
		if (*g.p == ',') {
			g.p++;
			gf_ws(&g);
		} else if (*g.p != '}') {
			rc = gf_fail(&g, "',' or '}'");
			goto done;
		}
	}
	g.p++;
	gf_ws(&g);
	if (*g.p)
		rc = gf_fail(&g, "the end of the file");
done:
	if (rc == 1)
		snprintf(err, errlen, "out of memory");
	free(text);
	return rc;
}

/* ---- building ---- */

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *b = data;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static char *read_text(const char *file, char *err, size_t errlen)
{
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", file, strerror(errno));
		return NULL;
	}
	char *text = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (n + 4097 > cap) {
			cap = 2 * cap + 8192;
			char *t = realloc(text, cap);
			if (!t) {
				free(text);
				text = NULL;
				snprintf(err, errlen, "out of memory");
				break;
			}
			text = t;
		}
		size_t k = fread(text + n, 1, 4096, f);
		n += k;
		if (k < 4096)
			break;
	}
	if (text)
		text[n] = '\0';
	if (f != stdin)
		fclose(f);
	return text;
}

/* Split "a,b,c" into owned strings; names must be non-empty. */
static int split_strategies(struct plan *p, const char *list, char *err,
                            size_t errlen)
{
	size_t n = 1;
	for (const char *c = list; *c; c++)
		n += *c == ',';
	p->strats = calloc(n, sizeof *p->strats);
	p->strat_dirs = calloc(n, sizeof *p->strat_dirs);
	if (!p->strats || !p->strat_dirs)
		return 1;
	p->n_strats = n;
	const char *s = list;
	for (size_t i = 0; i < n; i++) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		if (len == 0 || len >= SCN_NAMELEN) {
			snprintf(err, errlen, "--strategies: expected names separated "
			         "by commas, got '%s'", list);
			return 2;
		}
		p->strats[i] = strndup(s, len);
		if (!p->strats[i])
			return 1;
		s = comma ? comma + 1 : s + len;
	}
	return 0;
}

/* Directory names for the strategies: the name, "-2", "-3" on repeats. */
static int name_dirs(struct plan *p)
{
	for (size_t i = 0; i < p->n_strats; i++) {
		const char *base = p->strats[i] ? p->strats[i] : "scenario";
		size_t rep = 1;
		for (size_t j = 0; j < i; j++)
			rep += strcmp(p->strats[j] ? p->strats[j] : "scenario", base) == 0;
		char buf[SCN_NAMELEN + 24];
		if (rep > 1)
			snprintf(buf, sizeof buf, "%s-%zu", base, rep);
		else
			snprintf(buf, sizeof buf, "%s", base);
		for (char *c = buf; *c; c++)
			if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' && *c != '.')
				*c = '_';
		p->strat_dirs[i] = strdup(buf);
		if (!p->strat_dirs[i])
			return 1;
	}
	return 0;
}

static bool axis_touches_graph(const struct plan_axis *ax)
{
	return strncmp(ax->path, "network", 7) == 0 || strcmp(ax->path, "seed") == 0;
}

int plan_build(struct plan *p, const struct plan_request *rq, char *err,
               size_t errlen)
{
	memset(p, 0, sizeof *p);
	p->kind = rq->kind;
	p->runs = rq->runs;
	p->keep_series = rq->kind != PLAN_SWEEP;
	p->have_seed = rq->have_seed;
	p->seed = rq->seed;
	const char **sets = NULL;
	char *text = NULL, *dir = NULL, **setbuf = NULL;
	size_t n_setbuf = 0;
	int rc = 0;

	if (!(p->file = strdup(rq->file)) ||
	    !(p->sets = calloc(rq->n_sets ? rq->n_sets : 1, sizeof *p->sets))) {
		rc = 1;
		goto oom;
	}
	for (; p->n_sets < rq->n_sets; p->n_sets++)
		if (!(p->sets[p->n_sets] = strdup(rq->sets[p->n_sets]))) {
			rc = 1;
			goto oom;
		}
	if (rq->grid_file && (rc = parse_grid_file(rq->grid_file, p, err, errlen)))
		goto fail;
	for (size_t i = 0; i < rq->n_grids; i++) {
		struct plan_axis ax;
		if ((rc = plan_parse_axis(rq->grids[i], &ax, err, errlen)))
			goto fail;
		struct plan_axis *a = realloc(p->axes, (p->n_axes + 1) * sizeof *a);
		if (!a) {
			plan_axis_free(&ax);
			rc = 1;
			goto oom;
		}
		p->axes = a;
		p->axes[p->n_axes++] = ax;
	}
	p->n_points = 1;
	for (size_t i = 0; i < p->n_axes; i++) {
		if (p->n_points > MAX_AXIS_VALUES / p->axes[i].n) {
			snprintf(err, errlen, "--grid: more than %d grid points",
			         MAX_AXIS_VALUES);
			rc = 2;
			goto fail;
		}
		p->n_points *= p->axes[i].n;
	}
	if (rq->strategies) {
		if ((rc = split_strategies(p, rq->strategies, err, errlen)))
			goto fail_or_oom;
	} else {
		p->n_strats = 1;
		p->strats = calloc(1, sizeof *p->strats);
		p->strat_dirs = calloc(1, sizeof *p->strat_dirs);
		if (!p->strats || !p->strat_dirs) {
			rc = 1;
			goto oom;
		}
	}
	if (name_dirs(p)) {
		rc = 1;
		goto oom;
	}

	if (!(text = read_text(rq->file, err, errlen))) {
		rc = errno == ENOMEM ? 1 : 2;
		goto fail;
	}
	const char *label = strcmp(rq->file, "-") == 0 ? "<stdin>" : rq->file;
	const char *slash = strcmp(rq->file, "-") == 0 ? NULL : strrchr(rq->file, '/');
	if (slash && !(dir = strndup(rq->file, slash == rq->file ? 1 :
	                              (size_t)(slash - rq->file)))) {
		rc = 1;
		goto oom;
	}

	size_t n_sets = rq->n_sets + p->n_axes + 1;
	sets = calloc(n_sets, sizeof *sets);
	setbuf = calloc(p->n_axes + 1, sizeof *setbuf);
	n_setbuf = setbuf ? p->n_axes + 1 : 0;
	p->n_variants = p->n_points * p->n_strats;
	p->v = calloc(p->n_variants, sizeof *p->v);
	if (!sets || !setbuf || !p->v) {
		rc = 1;
		goto oom;
	}
	bool graph_per_point = false;
	for (size_t a = 0; a < p->n_axes; a++)
		graph_per_point |= axis_touches_graph(&p->axes[a]);

	uint64_t h = 0xcbf29ce484222325ULL;
	uint32_t shape[4] = { (uint32_t)p->kind, SUMMARY_NFIELD, SERIES_NCOL,
	                      p->keep_series };
	h = fnv(h, shape, sizeof shape);
	h = fnv(h, &p->runs, sizeof p->runs);
	/* Items became run-major (plan.h): a checkpoint of several variants
	 * written in the former variant-major order must not match.  With one
	 * variant the orders agree, and so do the fingerprints. */
	if (p->n_variants > 1)
		h = fnv(h, "run-major", 9);
	for (size_t v = 0; v < p->n_variants; v++) {
		struct plan_variant *pv = &p->v[v];
		pv->point = v / p->n_strats;
		pv->strat = v % p->n_strats;
		size_t k = 0, rest = pv->point;
		for (size_t i = 0; i < rq->n_sets; i++)
			sets[k++] = rq->sets[i];
		/* the last axis varies fastest */
		for (size_t a = p->n_axes; a-- > 0;) {
			const struct plan_axis *ax = &p->axes[a];
			size_t len = strlen(ax->path) + strlen(ax->values[rest % ax->n]) + 2;
			free(setbuf[a]);
			if (!(setbuf[a] = malloc(len))) {
				rc = 1;
				goto oom;
			}
			snprintf(setbuf[a], len, "%s=%s", ax->path, ax->values[rest % ax->n]);
			rest /= ax->n;
		}
		for (size_t a = 0; a < p->n_axes; a++)
			sets[k++] = setbuf[a];
		if (p->strats[pv->strat]) {
			size_t len = strlen(p->strats[pv->strat]) + 32;
			free(setbuf[p->n_axes]);
			if (!(setbuf[p->n_axes] = malloc(len))) {
				rc = 1;
				goto oom;
			}
			snprintf(setbuf[p->n_axes], len, "responder.strategy=\"%s\"",
			         p->strats[pv->strat]);
			sets[k++] = setbuf[p->n_axes];
		}
		char serr[SCN_ERRLEN];
		int src = scenario_parse(&pv->s, text, label, dir, sets, k, serr);
		if (src) {
			snprintf(err, errlen, "%s", serr);
			rc = src == ST_NOMEM ? 1 : 2;
			goto fail;
		}
		if (rq->have_seed)
			pv->s.seed = rq->seed;
		if (engine_check(&pv->s, NULL, serr, sizeof serr)) {
			snprintf(err, errlen, "%s: %s", label, serr);
			rc = 2;
			goto fail;
		}
		char *json = scenario_to_json(&pv->s);
		if (!json) {
			rc = 1;
			goto oom;
		}
		h = fnv(h, json, strlen(json) + 1);
		free(json);
		pv->graph = graph_per_point ? pv->point : 0;
	}
	p->fingerprint = h;

	p->n_graphs = graph_per_point ? p->n_points : 1;
	p->graphs = calloc(p->n_graphs, sizeof *p->graphs);
	if (!p->graphs) {
		rc = 1;
		goto oom;
	}
	for (size_t gi = 0; gi < p->n_graphs; gi++) {
		const struct scenario *s = &p->v[gi * (graph_per_point ? p->n_strats : 0)].s;
		char gerr[512];
		int grc = netgen_build(&s->network, s->seed, &p->graphs[gi], NULL,
		                       gerr, sizeof gerr);
		if (grc) {
			snprintf(err, errlen, "%s: network: %s", label, gerr);
			rc = grc == NETIO_ENOMEM ? 1 : 2;
			goto fail;
		}
	}
	for (size_t v = 0; v < p->n_variants; v++) {
		char serr[SCN_ERRLEN];
		if (engine_check(&p->v[v].s, &p->graphs[p->v[v].graph], serr, sizeof serr)) {
			snprintf(err, errlen, "%s: %s", label, serr);
			rc = 2;
			goto fail;
		}
	}
	goto done;

fail_or_oom:
	if (rc == 2)
		goto fail;
oom:
	snprintf(err, errlen, "out of memory");
fail:
	plan_free(p);
done:
	for (size_t a = 0; a < n_setbuf; a++)
		free(setbuf[a]);
	free(setbuf);
	free(sets);
	free(text);
	free(dir);
	return rc;
}

void plan_free(struct plan *p)
{
	for (size_t a = 0; a < p->n_axes; a++)
		plan_axis_free(&p->axes[a]);
	free(p->axes);
	for (size_t i = 0; i < p->n_strats; i++) {
		if (p->strats)
			free(p->strats[i]);
		if (p->strat_dirs)
			free(p->strat_dirs[i]);
	}
	free(p->strats);
	free(p->strat_dirs);
	if (p->v)
		for (size_t v = 0; v < p->n_variants; v++)
			spec_free(&p->v[v].s);
	free(p->v);
	if (p->graphs)
		for (size_t gi = 0; gi < p->n_graphs; gi++)
			graph_free(&p->graphs[gi]);
	free(p->graphs);
	for (size_t i = 0; i < p->n_sets; i++)
		free(p->sets[i]);
	free(p->sets);
	free(p->file);
	memset(p, 0, sizeof *p);
}
