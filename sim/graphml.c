#include "graphml.h"
#include "netio.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "graph_stats.h"

int graphml_is_path(const char *path)
{
	size_t n = strlen(path);
	return n >= 8 && strcasecmp(path + n - 8, ".graphml") == 0;
}


static int is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The attribute `name` of n, or NULL; the caller xmlFree()s it. */
static char *attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static int parse_weight(const char *s, float *w)
{
	char *end;
	double x;
	errno = 0;
	x = strtod(s, &end);
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	if (end == s || *end || errno || !(x >= 0.0 && x <= 1.0))
		return -1;
	*w = (float)x;
	return 0;
}

/* The declared nodes: their ids in document order, and an index sorted by
 * id for lookups. */
struct nodes {
	char **id;
	uint32_t *by_id;
	uint32_t n, cap;
};

static int find_node(const struct nodes *ns, const char *id, uint32_t *v)
{
	uint32_t lo = 0, hi = ns->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ns->id[ns->by_id[mid]], id);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ns->n && strcmp(ns->id[ns->by_id[lo]], id) == 0) {
		*v = ns->by_id[lo];
		return 1;
	}
	return 0;
}

/* Sort a[0 .. n) by node id (merge sort: qsort has no context). */
static void sort_ids(const struct nodes *ns, uint32_t *a, uint32_t *tmp,
                     uint32_t n)
{
	if (n < 2)
		return;
	uint32_t h = n / 2, i = 0, j = h, k = 0;
	sort_ids(ns, a, tmp, h);
	sort_ids(ns, a + h, tmp, n - h);
	while (i < h && j < n)
		tmp[k++] = strcmp(ns->id[a[i]], ns->id[a[j]]) <= 0 ? a[i++] : a[j++];
	while (i < h)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, (size_t)n * sizeof *a);
}

static void nodes_free(struct nodes *ns)
{
	for (uint32_t k = 0; k < ns->n; k++)
		free(ns->id[k]);
	free(ns->id);
	free(ns->by_id);
	memset(ns, 0, sizeof *ns);
}

struct edges {
	uint32_t *t;   /* interleaved */
	float *w;
	uint64_t n, cap;
};

static int edges_push(struct edges *es, uint32_t u, uint32_t v, float w)
{
	if (es->n == es->cap) {
		uint64_t c = es->cap ? 2 * es->cap : 1024;
		uint32_t *t = realloc(es->t, (size_t)c * 2 * sizeof *t);
		if (!t)
			return -1;
		es->t = t;
		float *x = realloc(es->w, (size_t)c * sizeof *x);
		if (!x)
			return -1;
		es->w = x;
		es->cap = c;
	}
	es->t[2 * es->n] = u;
	es->t[2 * es->n + 1] = v;
	es->w[es->n++] = w;
	return 0;
}

/* The state of one read. */
struct gm {
	const char *path;
	char *err;
	size_t errlen;
	char *wkey;        /* id of the weight key, or NULL */
	float wdefault;
	struct nodes ns;
	struct edges es;
	struct net_report rp;
};

static enum status gm_fail(struct gm *s, const xmlNode *n, const char *fmt,
                           const char *a)
{
	char msg[256];
	snprintf(msg, sizeof msg, fmt, a);
	snprintf(s->err, s->errlen, "%s:%ld: %s", s->path,
	         n ? xmlGetLineNo(n) : 0L, msg);
	return ST_BADINPUT;
}

/* A <key>: the weight, or a warning. */
static enum status read_key(struct gm *s, const xmlNode *k)
{
	char *id = attr(k, "id"), *name = attr(k, "attr.name");
	char *forr = attr(k, "for");
	enum status st = ST_OK;
	int edge = !forr || strcmp(forr, "edge") == 0 || strcmp(forr, "all") == 0;
	if (!id) {
		st = gm_fail(s, k, "key: expected an id attribute%s", "");
	} else if (edge && name && strcmp(name, "weight") == 0 && !s->wkey) {
		s->wkey = strdup(id);
		if (!s->wkey)
			st = ST_NOMEM;
		for (const xmlNode *c = k->children; !st && c; c = c->next)
			if (is_elem(c, "default")) {
				char *v = (char *)xmlNodeGetContent(c);
				if (!v || parse_weight(v, &s->wdefault))
					st = gm_fail(s, c, "key: expected a default weight in "
					             "[0, 1], got \"%s\"", v ? v : "");
				xmlFree(v);
			}
		s->rp.weighted = true;
	} else {
		s->rp.unused_columns++;
		netio_warn("%s:%ld: key \"%s\" (for %s) is not used (crisim reads the "
		        "edge key \"weight\")", s->path, xmlGetLineNo(k),
		        name ? name : id, forr ? forr : "all");
	}
	xmlFree(id);
	xmlFree(name);
	xmlFree(forr);
	return st;
}

static enum status read_node(struct gm *s, const xmlNode *n)
{
	char *id = attr(n, "id");
	if (!id)
		return gm_fail(s, n, "node: expected an id attribute%s", "");
	if (s->ns.n == UINT32_MAX - 1u) {
		xmlFree(id);
		return gm_fail(s, n, "node: expected at most 4294967294 nodes%s", "");
	}
	if (s->ns.n == s->ns.cap) {
		uint32_t c = s->ns.cap ? 2 * s->ns.cap : 1024;
		char **x = realloc(s->ns.id, (size_t)c * sizeof *x);
		if (!x) {
			xmlFree(id);
			return ST_NOMEM;
		}
		s->ns.id = x;
		s->ns.cap = c;
	}
	s->ns.id[s->ns.n] = strdup(id);
	xmlFree(id);
	if (!s->ns.id[s->ns.n])
		return ST_NOMEM;
	s->ns.n++;
	return ST_OK;
}

static enum status read_edge(struct gm *s, const xmlNode *e)
{
	char *src = attr(e, "source"), *dst = attr(e, "target");
	uint32_t u = 0, v = 0;
	float w = s->wdefault;
	enum status st = ST_OK;
	if (!src || !find_node(&s->ns, src, &u))
		st = gm_fail(s, e, "edge: expected the id of a node as source, got "
		             "\"%s\"", src ? src : "");
	else if (!dst || !find_node(&s->ns, dst, &v))
		st = gm_fail(s, e, "edge: expected the id of a node as target, got "
		             "\"%s\"", dst ? dst : "");
	for (const xmlNode *c = e->children; !st && c; c = c->next) {
		char *key;
		if (!is_elem(c, "data"))
			continue;
		key = attr(c, "key");
		if (key && s->wkey && strcmp(key, s->wkey) == 0) {
			char *x = (char *)xmlNodeGetContent(c);
			if (!x || parse_weight(x, &w))
				st = gm_fail(s, c, "edge: expected a weight in [0, 1], got "
				             "\"%s\"", x ? x : "");
			xmlFree(x);
		}
		xmlFree(key);
	}
	xmlFree(src);
	xmlFree(dst);
	if (!st && edges_push(&s->es, u, v, w))
		st = ST_NOMEM;
	return st;
}

/* Copy the node ids into one buffer of names in agent order. */
static char **take_names(struct nodes *ns)
{
	size_t len = 0, at = 0;
	for (uint32_t k = 0; k < ns->n; k++)
		len += strlen(ns->id[k]) + 1;
	char **names = malloc((size_t)ns->n * sizeof *names);
	char *buf = malloc(len ? len : 1);
	if (!names || !buf) {
		free(names);
		free(buf);
		return NULL;
	}
	for (uint32_t k = 0; k < ns->n; k++) {
		size_t l = strlen(ns->id[k]) + 1;
		memcpy(buf + at, ns->id[k], l);
		names[k] = buf + at;
		at += l;
	}
	return names;
}

static enum status read_graph(struct gm *s, const xmlNode *root,
                              bool directed, struct graph *g)
{
	const xmlNode *gr = NULL;
	enum status st;
	struct graph_dropped drop;
	uint32_t *copy = NULL;
	char **names = NULL;

	if (!root || !is_elem(root, "graphml"))
		return gm_fail(s, root, "expected a GraphML document, got <%s>",
		               root ? (const char *)root->name : "nothing");
	s->wdefault = 1.0f;
	for (const xmlNode *c = root->children; c; c = c->next)
		if (is_elem(c, "key")) {
			if ((st = read_key(s, c)))
				return st;
		} else if (is_elem(c, "graph") && !gr) {
			gr = c;
		}
	if (!gr)
		return gm_fail(s, root, "graphml: expected a <graph>%s", "");
	char *ed = attr(gr, "edgedefault");
	if (ed && (strcmp(ed, "directed") == 0) != directed)
		netio_warn("%s:%ld: the graph's edgedefault is \"%s\" but it is read "
		        "as %s (network.directed / --directed decide)", s->path,
		        xmlGetLineNo(gr), ed, directed ? "directed" : "undirected");
	xmlFree(ed);
	for (const xmlNode *c = gr->children; c; c = c->next)
		if (is_elem(c, "node") && (st = read_node(s, c)))
			return st;
	if (s->ns.n == 0)
		return gm_fail(s, gr, "graph: expected nodes, got none%s", "");
	s->ns.by_id = malloc((size_t)s->ns.n * sizeof *s->ns.by_id);
	uint32_t *tmp = malloc((size_t)s->ns.n * sizeof *tmp);
	if (!s->ns.by_id || !tmp) {
		free(tmp);
		return ST_NOMEM;
	}
	for (uint32_t k = 0; k < s->ns.n; k++)
		s->ns.by_id[k] = k;
	sort_ids(&s->ns, s->ns.by_id, tmp, s->ns.n);
	free(tmp);
	for (uint32_t k = 1; k < s->ns.n; k++)
		if (strcmp(s->ns.id[s->ns.by_id[k - 1]], s->ns.id[s->ns.by_id[k]]) == 0)
			return gm_fail(s, gr, "node: id \"%s\" is declared twice",
			               s->ns.id[s->ns.by_id[k]]);
	for (const xmlNode *c = gr->children; c; c = c->next)
		if (is_elem(c, "edge") && (st = read_edge(s, c)))
			return st;
	if (s->es.n == 0)
		return gm_fail(s, gr, "graph: expected edges, got none%s", "");
	s->rp.lines = s->es.n;
	s->rp.named = true;
	if (!(names = take_names(&s->ns)))
		return ST_NOMEM;
	if (s->rp.weighted) {
		copy = malloc((size_t)s->es.n * 2 * sizeof *copy);
		if (!copy)
			goto nomem;
		memcpy(copy, s->es.t, (size_t)s->es.n * 2 * sizeof *copy);
	}
	st = graph_from_ties(g, s->ns.n, s->es.t, s->es.n, directed ? 0.0 : 1.0,
	                     GRAPH_FIRST_TO_SECOND, NULL, &drop);
	s->es.t = NULL;
	if (st)
		goto nomem;
	g->names = names;
	names = NULL;
	if (copy && netio_attach_weights(g, copy, s->es.w, s->es.n, directed))
		goto nomem;
	free(copy);
	s->rp.self_loops = drop.self_loops;
	s->rp.duplicates = directed ? drop.duplicates : drop.duplicates / 2;
	if (g->arcs == 0)
		return gm_fail(s, gr, "graph: expected edges, got only "
		               "self-loops%s", "");
	if (graph_isolated(g, &s->rp.unused_ids))
		return ST_NOMEM;
	return ST_OK;
nomem:
	free(copy);
	if (names)
		free(names[0]);
	free(names);
	return ST_NOMEM;
}

enum status graphml_read(const char *path, bool directed, struct graph *g,
                         struct net_report *rep, char *err, size_t errlen)
{
	struct gm s = { .path = path, .err = err, .errlen = errlen };
	enum status st;
	xmlDoc *doc;
	FILE *probe;

	memset(g, 0, sizeof *g);
	/* The parser's message for a missing file is generic: say why. */
	if (!(probe = fopen(path, "r"))) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ST_IO;
	}
	fclose(probe);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
	                  XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		char msg[200] = "not well-formed XML";
		if (e && e->message) {
			snprintf(msg, sizeof msg, "%s", e->message);
			size_t l = strlen(msg);
			while (l && (msg[l - 1] == '\n' || msg[l - 1] == ' '))
				msg[--l] = '\0';
		}
		snprintf(err, errlen, "%s:%d: expected GraphML (XML), got an error: "
		         "%s", path, e ? e->line : 0, msg);
		return ST_BADINPUT;
	}
	st = read_graph(&s, xmlDocGetRootElement(doc), directed, g);
	xmlFreeDoc(doc);
	free(s.wkey);
	nodes_free(&s.ns);
	free(s.es.t);
	free(s.es.w);
	if (st) {
		if (st == ST_NOMEM)
			snprintf(err, errlen, "%s: out of memory", path);
		graph_free(g);
		return st;
	}
	if (rep)
		*rep = s.rp;
	return ST_OK;
}

enum status graphml_write(const struct graph *g, FILE *f)
{
	xmlBuffer *buf = xmlBufferCreate();
	xmlTextWriter *w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	char id[32], id2[32], wv[32];
	int bad = 0;
	if (!w) {
		if (buf)
			xmlBufferFree(buf);
		return ST_NOMEM;
	}
#define X(call) do { if ((call) < 0) bad = 1; } while (0)
#define S(s) ((const xmlChar *)(s))
	xmlTextWriterSetIndent(w, 1);
	X(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
	X(xmlTextWriterStartElement(w, S("graphml")));
	X(xmlTextWriterWriteAttribute(w, S("xmlns"),
	                              S("http://graphml.graphdrawing.org/xmlns")));
	if (g->w) {
		X(xmlTextWriterStartElement(w, S("key")));
		X(xmlTextWriterWriteAttribute(w, S("id"), S("weight")));
		X(xmlTextWriterWriteAttribute(w, S("for"), S("edge")));
		X(xmlTextWriterWriteAttribute(w, S("attr.name"), S("weight")));
		X(xmlTextWriterWriteAttribute(w, S("attr.type"), S("double")));
		X(xmlTextWriterEndElement(w));
	}
	X(xmlTextWriterStartElement(w, S("graph")));
	X(xmlTextWriterWriteAttribute(w, S("id"), S("crisim")));
	X(xmlTextWriterWriteAttribute(w, S("edgedefault"), S("directed")));
	for (uint32_t v = 0; v < g->n && !bad; v++) {
		X(xmlTextWriterStartElement(w, S("node")));
		if (g->names) {
			X(xmlTextWriterWriteAttribute(w, S("id"), S(g->names[v])));
		} else {
			snprintf(id, sizeof id, "n%" PRIu64, graph_id_of(g, v));
			X(xmlTextWriterWriteAttribute(w, S("id"), S(id)));
		}
		X(xmlTextWriterEndElement(w));
	}
	for (uint32_t u = 0; u < g->n && !bad; u++)
		for (uint64_t i = g->off[u]; i < g->off[u + 1]; i++) {
			uint32_t v = g->adj[i];
			snprintf(id, sizeof id, "n%" PRIu64, graph_id_of(g, u));
			snprintf(id2, sizeof id2, "n%" PRIu64, graph_id_of(g, v));
			X(xmlTextWriterStartElement(w, S("edge")));
			X(xmlTextWriterWriteAttribute(w, S("source"),
			                              S(g->names ? g->names[u] : id)));
			X(xmlTextWriterWriteAttribute(w, S("target"),
			                              S(g->names ? g->names[v] : id2)));
			if (g->w) {
				snprintf(wv, sizeof wv, "%.9g", (double)g->w[i]);
				X(xmlTextWriterStartElement(w, S("data")));
				X(xmlTextWriterWriteAttribute(w, S("key"), S("weight")));
				X(xmlTextWriterWriteString(w, S(wv)));
				X(xmlTextWriterEndElement(w));
			}
			X(xmlTextWriterEndElement(w));
		}
	X(xmlTextWriterEndDocument(w));
#undef X
#undef S
	xmlFreeTextWriter(w);
	if (!bad) {
		size_t len = (size_t)xmlBufferLength(buf);
		if (fwrite(xmlBufferContent(buf), 1, len, f) != len)
			bad = 2;
	}
	xmlBufferFree(buf);
	if (bad == 1)
		return ST_NOMEM;
	if (bad || fflush(f) != 0 || ferror(f))
		return ST_IO;
	return ST_OK;
}
