/* gexf — one run as a dynamic GEXF 1.3 file (gexf.h). */
#include "gexf.h"

#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlwriter.h>

#include "population.h"

#define S(s) ((const xmlChar *)(s))

/* A value that holds from tick a to tick b - 1. */
struct seg {
	uint32_t a, b;
	float v;
};

/* A value set at a tick. */
struct step {
	uint32_t tick;
	float v;
};

/* The segments of the steps st[0 .. n) (ticks not decreasing) up to tick
 * end: a value holds from its tick to the next later step; of several
 * steps in one tick the last wins; neighbours with equal values merge.
 * out has room for n.  Returns the segments written. */
static size_t segments(const struct step *st, size_t n, uint32_t end,
                       struct seg *out)
{
	size_t k = 0;
	for (size_t j = 0; j < n; j++) {
		uint32_t b = j + 1 < n ? st[j + 1].tick : end;
		if (b <= st[j].tick)
			continue;   /* overridden in the same tick */
		if (k && out[k - 1].v == st[j].v && out[k - 1].b == st[j].tick)
			out[k - 1].b = b;
		else
			out[k++] = (struct seg){ st[j].tick, b, st[j].v };
	}
	return k;
}

/* The state steps st[0 .. n) with one per tick, in place: an agent that
 * was spreading at any moment of a tick spread in that tick (an incident's
 * agent may post and stop in its first tick), so the tick shows spreading
 * and the tick's last state follows from the next tick; otherwise the last
 * state of the tick.  Returns the steps kept (<= n). */
static size_t one_per_tick(struct step *st, size_t n)
{
	size_t k = 0;
	for (size_t j = 0; j < n;) {
		size_t e = j;
		int spread = 0;
		while (e < n && st[e].tick == st[j].tick)
			spread |= (int)st[e++].v == AW_SPREADING;
		struct step last = st[e - 1], first = st[j];
		if (spread && (int)last.v != AW_SPREADING) {
			st[k++] = (struct step){ first.tick, (float)AW_SPREADING };
			st[k++] = (struct step){ first.tick + 1, last.v };
		} else {
			st[k++] = last;
		}
		j = e;
	}
	return k;
}

struct writer {
	xmlTextWriter *w;
	double m;        /* minutes per tick */
	int bad;
};

static void check(struct writer *x, int rc)
{
	if (rc < 0)
		x->bad = 1;
}

static void attr(struct writer *x, const char *name, const char *value)
{
	check(x, xmlTextWriterWriteAttribute(x->w, S(name), S(value)));
}

static void attr_num(struct writer *x, const char *name, double v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%.10g", v);
	attr(x, name, buf);
}

static void start(struct writer *x, const char *element)
{
	check(x, xmlTextWriterStartElement(x->w, S(element)));
}

static void end(struct writer *x)
{
	check(x, xmlTextWriterEndElement(x->w));
}

/* start= and end= of the closed spell of segment s. */
static void spell_times(struct writer *x, const struct seg *s)
{
	attr_num(x, "start", s->a * x->m);
	attr_num(x, "end", (s->b - 1) * x->m);
}

static void declare(struct writer *x, const char *cls, const char *mode,
                    const char *const *ids, const char *const *types, int n)
{
	start(x, "attributes");
	attr(x, "class", cls);
	attr(x, "mode", mode);
	for (int i = 0; i < n; i++) {
		start(x, "attribute");
		attr(x, "id", ids[i]);
		attr(x, "title", ids[i]);
		attr(x, "type", types[i]);
		end(x);
	}
	end(x);
}

/* Agent v's id: its name (any length), else its id as text in buf. */
static const char *node_id(const struct graph *g, uint32_t v, char *buf, size_t len)
{
	if (g->names)
		return g->names[v];
	snprintf(buf, len, "%" PRIu64, graph_id_of(g, v));
	return buf;
}

static const char *const state_names[AW_COUNT] = {
	"unaware", "aware", "spreading", "done"
};

/* The element of agent v, whose changes are ch[idx[0 .. k)] in tick
 * order; st and sg have room for k + 1. */
static void write_node(struct writer *x, const struct graph *g,
                       const struct gexf_run *r, const struct recorder *rec,
                       uint32_t v, const uint32_t *idx, size_t k,
                       struct step *st, struct seg *sg)
{
	char idbuf[32], buf[32];
	const char *id = node_id(g, v, idbuf, sizeof idbuf);
	start(x, "node");
	attr(x, "id", id);
	attr(x, "label", id);
	start(x, "attvalues");
	start(x, "attvalue");
	attr(x, "for", "role");
	attr(x, "value", population_role_name((enum role)rec->role[v]));
	end(x);
	start(x, "attvalue");
	attr(x, "for", "audience");
	snprintf(buf, sizeof buf, "%" PRIu32, graph_out_degree(g, v));
	attr(x, "value", buf);
	end(x);
	/* The state, from the minute it heard. */
	size_t n = 0;
	for (size_t j = 0; j < k; j++) {
		const struct rec_change *c = &rec->v[idx[j]];
		if (c->kind == REC_STATE)
			st[n++] = (struct step){ c->tick, c->value };
	}
	n = one_per_tick(st, n);
	size_t ns = segments(st, n, r->ticks, sg);
	if (ns) {
		start(x, "attvalue");
		attr(x, "for", "heard");
		attr_num(x, "value", sg[0].a * x->m);
		end(x);
	}
	for (size_t j = 0; j < ns; j++) {
		start(x, "attvalue");
		attr(x, "for", "state");
		attr(x, "value", state_names[(int)sg[j].v]);
		spell_times(x, &sg[j]);
		end(x);
	}
	/* The spreading stretches, kept in st for the spells below. */
	size_t nsp = 0;
	for (size_t j = 0; j < ns; j++)
		if ((int)sg[j].v == AW_SPREADING)
			st[nsp++] = (struct step){ sg[j].a, (float)sg[j].b };
	/* The attitude, from the start: its steps after the spreading
	 * stretches in st, its segments after the state's in sg (each array
	 * has room for the k changes + 1). */
	struct step *ast = st + nsp;
	struct seg *asg = sg + ns;
	n = 0;
	ast[n++] = (struct step){ 0, rec->initial[v] };
	for (size_t j = 0; j < k; j++) {
		const struct rec_change *c = &rec->v[idx[j]];
		if (c->kind == REC_ATTITUDE)
			ast[n++] = (struct step){ c->tick, c->value };
	}
	size_t na = segments(ast, n, r->ticks, asg);
	for (size_t j = 0; j < na; j++) {
		start(x, "attvalue");
		attr(x, "for", "attitude");
		attr_num(x, "value", asg[j].v);
		spell_times(x, &asg[j]);
		end(x);
	}
	end(x);   /* attvalues */
	if (nsp) {
		start(x, "spells");
		for (size_t j = 0; j < nsp; j++) {
			struct seg s = { st[j].tick, (uint32_t)st[j].v, 0.0f };
			start(x, "spell");
			spell_times(x, &s);
			end(x);
		}
		end(x);
	}
	end(x);   /* node */
}

enum status gexf_write(FILE *f, const struct graph *g, const struct gexf_run *r,
                       const struct recorder *rec, char *err, size_t errlen)
{
	uint32_t n = g->n;
	size_t *off = calloc((size_t)n + 1, sizeof *off);
	uint32_t *idx = malloc((rec->n ? rec->n : 1) * sizeof *idx);
	struct step *st = NULL;
	struct seg *sg = NULL;
	xmlOutputBuffer *ob = NULL;
	struct writer x = { NULL, r->tick_minutes, 0 };
	enum status rc = ST_NOMEM;
	assert(rec->n_agents == n);  /* recorded on this graph's population */
	if (!off || !idx)
		goto out;
	/* The changes by agent, in tick order within each (a stable counting
	 * sort: O(n + changes)). */
	for (size_t j = 0; j < rec->n; j++)
		off[rec->v[j].agent + 1]++;
	size_t most = 0;
	for (uint32_t v = 0; v < n; v++) {
		most = off[v + 1] > most ? off[v + 1] : most;
		off[v + 1] += off[v];
	}
	{
		size_t *fill = malloc(((size_t)n + 1) * sizeof *fill);
		if (!fill)
			goto out;
		memcpy(fill, off, ((size_t)n + 1) * sizeof *fill);
		for (size_t j = 0; j < rec->n; j++)
			idx[fill[rec->v[j].agent]++] = (uint32_t)j;
		free(fill);
	}
	/* A node's steps: its state changes, then the spreading stretches
	 * (at most half of those) and its attitude steps (one more than its
	 * attitude changes); its segments: at most its changes + 1. */
	st = malloc((most + 2) * sizeof *st);
	sg = malloc((most + 2) * sizeof *sg);
	ob = xmlOutputBufferCreateFile(f, NULL);
	if (!st || !sg || !ob || !(x.w = xmlNewTextWriter(ob)))
		goto out;
	ob = NULL;   /* the writer owns it */
	xmlTextWriterSetIndent(x.w, 1);
	xmlTextWriterSetIndentString(x.w, S("  "));
	check(&x, xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL));
	start(&x, "gexf");
	attr(&x, "xmlns", "http://gexf.net/1.3");
	attr(&x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	attr(&x, "xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd");
	attr(&x, "version", "1.3");
	start(&x, "meta");
	check(&x, xmlTextWriterWriteElement(x.w, S("creator"), S("crisim " CRISIM_VERSION)));
	char desc[256];
	snprintf(desc, sizeof desc, "%s: one run, %" PRIu32 " ticks of %g minutes; "
	         "times in minutes", r->name, r->ticks, r->tick_minutes);
	check(&x, xmlTextWriterWriteElement(x.w, S("description"), S(desc)));
	end(&x);
	start(&x, "graph");
	attr(&x, "mode", "dynamic");
	attr(&x, "defaultedgetype", "directed");
	attr(&x, "timeformat", "double");
	attr(&x, "timerepresentation", "interval");
	attr_num(&x, "start", 0.0);
	attr_num(&x, "end", (r->ticks ? r->ticks - 1 : 0) * x.m);
	{
		const char *const sid[] = { "role", "audience", "heard" };
		const char *const sty[] = { "string", "integer", "double" };
		const char *const did[] = { "attitude", "state" };
		const char *const dty[] = { "float", "string" };
		declare(&x, "node", "static", sid, sty, 3);
		declare(&x, "node", "dynamic", did, dty, 2);
	}
	start(&x, "nodes");
	for (uint32_t v = 0; v < n && !x.bad; v++)
		write_node(&x, g, r, rec, v, idx + off[v], off[v + 1] - off[v], st, sg);
	end(&x);
	start(&x, "edges");
	char id[32], abuf[32], bbuf[32];
	const char *a, *b;
	for (uint32_t u = 0; u < n && !x.bad; u++) {
		a = node_id(g, u, abuf, sizeof abuf);
		for (uint64_t i = g->off[u]; i < g->off[u + 1]; i++) {
			b = node_id(g, g->adj[i], bbuf, sizeof bbuf);
			snprintf(id, sizeof id, "a%" PRIu64, i);
			start(&x, "edge");
			attr(&x, "id", id);
			attr(&x, "source", a);
			attr(&x, "target", b);
			if (g->w)
				attr_num(&x, "weight", (double)g->w[i]);
			end(&x);
		}
	}
	/* The brand's replies: one edge per complainant, a spell per tick it
	 * was answered in. */
	a = node_id(g, r->brand, abuf, sizeof abuf);
	for (uint32_t v = 0; v < n && !x.bad; v++) {
		uint32_t last = UINT32_MAX;
		for (size_t j = off[v]; j < off[v + 1]; j++) {
			const struct rec_change *c = &rec->v[idx[j]];
			if (c->kind != REC_REPLY || c->tick == last)
				continue;
			if (last == UINT32_MAX) {
				b = node_id(g, v, bbuf, sizeof bbuf);
				snprintf(id, sizeof id, "r%" PRIu32, v);
				start(&x, "edge");
				attr(&x, "id", id);
				attr(&x, "source", a);
				attr(&x, "target", b);
				attr(&x, "kind", "reply");
				start(&x, "spells");
			}
			struct seg s = { c->tick, c->tick + 1, 0.0f };
			start(&x, "spell");
			spell_times(&x, &s);
			end(&x);
			last = c->tick;
		}
		if (last != UINT32_MAX) {
			end(&x);   /* spells */
			end(&x);   /* edge */
		}
	}
	end(&x);   /* edges */
	end(&x);   /* graph */
	check(&x, xmlTextWriterEndDocument(x.w));
	rc = ST_OK;
out:
	if (x.w)
		xmlFreeTextWriter(x.w);   /* flushes into f */
	if (ob)
		xmlOutputBufferClose(ob);
	free(off), free(idx), free(st), free(sg);
	if (rc == ST_NOMEM) {
		snprintf(err, errlen, "GEXF: out of memory");
		return rc;
	}
	if (x.bad || fflush(f) != 0 || ferror(f)) {
		snprintf(err, errlen, "GEXF: write error");
		return ST_RUNTIME;
	}
	return ST_OK;
}
