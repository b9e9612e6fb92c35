/* netio_names — the columns of an edge list's lines, its string ids
 * (interned, then ranked) and the weights of its arcs; the reader itself
 * is netio.c. */
#include "netio_names.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

void netio_warn(const char *fmt, ...)
{
	va_list ap;
	fputs("crisim: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}


/* Split [p, e) into *f.  1 for a blank or comment line, else 0. */
int netio_split_line(const char *p, const char *e, char sep,
                      struct fields *f)
{
	while (p < e && is_blank(*p))
		p++;
	if (p == e || *p == '#' || *p == '%')
		return 1;
	f->n = 0;
	for (;;) {
		const char *s = p, *t;
		if (sep == ',') {
			while (p < e && *p != ',')
				p++;
			t = p;
			while (t > s && is_blank(t[-1]))
				t--;
		} else {
			while (p < e && !is_blank(*p))
				p++;
			t = p;
		}
		if (f->n < MAX_FIELDS) {
			f->p[f->n] = s;
			f->e[f->n] = t;
		}
		f->n++;
		if (sep == ',') {
			if (p == e)
				break;
			p++;
			while (p < e && is_blank(*p))
				p++;
		} else {
			while (p < e && is_blank(*p))
				p++;
			if (p == e)
				break;
		}
	}
	return 0;
}

/* The field [p, e) as a weight in [0, 1].  0 or -1. */
int netio_parse_weight(const char *p, const char *e, float *w)
{
	char buf[64], *end;
	size_t len = (size_t)(e - p);
	double x;
	if (len == 0 || len >= sizeof buf)
		return -1;
	memcpy(buf, p, len);
	buf[len] = '\0';
	errno = 0;
	x = strtod(buf, &end);
	if (*end || errno || !(x >= 0.0 && x <= 1.0))
		return -1;
	*w = (float)x;
	return 0;
}

/* Case-insensitive: is [p, e) one of the NULL-ended names? */
static int field_is(const char *p, const char *e, const char *const *names)
{
	size_t len = (size_t)(e - p);
	for (; *names; names++) {
		size_t k = 0;
		if (strlen(*names) != len)
			continue;
		while (k < len && (p[k] | 0x20) == (*names)[k])
			k++;
		if (k == len)
			return 1;
	}
	return 0;
}

static const char *const src_names[] = { "source", "src", "from", "u",
                                         "node1", NULL };
static const char *const dst_names[] = { "target", "dst", "to", "v",
                                         "node2", NULL };
static const char *const weight_names[] = { "weight", "w", NULL };

/* Set *lay from the first line that is not blank or a comment, [p, e) =
 * *f, line `lineno`: a header when it names a source and a target column,
 * else columns 1 and 2 are the ids and 3 (if any) the weight.  Columns
 * not used are warned about, each by its name or number.  1 when the line
 * was a header (no data), 0 when it is data, -1 when it has too few
 * fields or its named columns lie past MAX_FIELDS (err set). */
int netio_set_layout(struct layout *lay, const struct fields *f,
                      const char *path, uint64_t lineno, struct net_report *rp,
                      char *err, size_t errlen)
{
	int s = -1, d = -1;
	uint32_t nf = f->n < MAX_FIELDS ? f->n : MAX_FIELDS;
	lay->ncols = f->n;
	lay->first = lineno;
	lay->wcol = -1;
	for (uint32_t k = 0; k < nf; k++)
		if (s < 0 && field_is(f->p[k], f->e[k], src_names))
			s = (int)k;
		else if (d < 0 && field_is(f->p[k], f->e[k], dst_names))
			d = (int)k;
		else if (lay->wcol < 0 && field_is(f->p[k], f->e[k], weight_names))
			lay->wcol = (int)k;
	if (s >= 0 && d >= 0) {
		lay->header = true;
		lay->src = (uint32_t)s;
		lay->dst = (uint32_t)d;
		for (uint32_t k = 0; k < nf; k++)
			if (k != lay->src && k != lay->dst && (int)k != lay->wcol) {
				rp->unused_columns++;
				netio_warn("%s: line %" PRIu64 ": column %" PRIu32
				              " (\"%.*s\") is not used (crisim reads "
				              "source, target and weight)", path, lineno,
				              k + 1, (int)(f->e[k] - f->p[k]), f->p[k]);
			}
		if (f->n > nf) {
			rp->unused_columns += f->n - nf;
			netio_warn("%s: line %" PRIu64 ": columns %d to %"
			              PRIu32 " are not used", path, lineno,
			              MAX_FIELDS + 1, f->n);
		}
		return 1;
	}
	lay->wcol = -1;
	if (f->n < 2)
		return -1;
	lay->src = 0;
	lay->dst = 1;
	if (f->n >= 3)
		lay->wcol = 2;
	if (f->n > 3) {
		rp->unused_columns += f->n - 3;
		char cols[40];
		if (f->n == 4)
			snprintf(cols, sizeof cols, "column 4 is");
		else
			snprintf(cols, sizeof cols, "columns 4 to %" PRIu32 " are",
			         f->n);
		netio_warn("%s: line %" PRIu64 ": %s not used (without "
		              "a header line, columns 1 and 2 are the ids and 3 "
		              "the weight)", path, lineno, cols);
	}
	(void)err;
	(void)errlen;
	return 0;
}


void netio_names_free(struct names *nm)
{
	free(nm->buf);
	free(nm->off);
	free(nm->slot);
	memset(nm, 0, sizeof *nm);
}
static uint64_t hash_bytes(const char *p, size_t len)
{
	uint64_t h = 1469598103934665603u;  /* FNV-1a */
	for (size_t k = 0; k < len; k++)
		h = (h ^ (unsigned char)p[k]) * 1099511628211u;
	return h;
}

/* Double the hash table (or make it).  0, or -1 when out of memory. */
static int names_rehash(struct names *nm)
{
	uint32_t ns = nm->nslots ? 2 * nm->nslots : 1024;
	uint32_t *sl = calloc(ns, sizeof *sl);
	if (!sl)
		return -1;
	for (uint32_t k = 0; k < nm->n; k++) {
		const char *q = nm->buf + nm->off[k];
		uint64_t h = hash_bytes(q, strlen(q)) & (ns - 1);
		while (sl[h])
			h = (h + 1) & (ns - 1);
		sl[h] = k + 1;
	}
	free(nm->slot);
	nm->slot = sl;
	nm->nslots = ns;
	return 0;
}

/* The number of the name [p, p + len), added when new.  0, -1 when out of
 * memory, -2 when there are more names than vertices can number. */
int netio_names_intern(struct names *nm, const char *p, size_t len,
                        uint32_t *out)
{
	uint64_t h;
	if ((uint64_t)nm->n * 2 >= nm->nslots) {
		if (nm->nslots >= ((uint32_t)1 << 31))
			return -2;
		if (names_rehash(nm))
			return -1;
	}
	h = hash_bytes(p, len) & (nm->nslots - 1);
	for (; nm->slot[h]; h = (h + 1) & (nm->nslots - 1)) {
		const char *q = nm->buf + nm->off[nm->slot[h] - 1];
		if (strncmp(q, p, len) == 0 && q[len] == '\0') {
			*out = nm->slot[h] - 1;
			return 0;
		}
	}
	if (nm->n == NETIO_MAX_VERTICES)
		return -2;
	if (nm->n == nm->ncap) {
		uint32_t c = nm->ncap ? 2 * nm->ncap : 1024;
		size_t *o = realloc(nm->off, (size_t)c * sizeof *o);
		if (!o)
			return -1;
		nm->off = o;
		nm->ncap = c;
	}
	if (nm->len + len + 1 > nm->cap) {
		size_t c = nm->cap ? 2 * nm->cap : 65536;
		char *b;
		while (c < nm->len + len + 1)
			c *= 2;
		if (!(b = realloc(nm->buf, c)))
			return -1;
		nm->buf = b;
		nm->cap = c;
	}
	memcpy(nm->buf + nm->len, p, len);
	nm->buf[nm->len + len] = '\0';
	nm->off[nm->n] = nm->len;
	nm->len += len + 1;
	nm->slot[h] = nm->n + 1;
	*out = nm->n++;
	return 0;
}
struct name_ent {
	const char *s;
	uint32_t k;
};

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct name_ent *)a)->s,
	              ((const struct name_ent *)b)->s);
}

/* Number the names of nm in ascending strcmp order, rewrite the name
 * numbers in ties[0 .. len) to those ranks, and leave in *out the n
 * names in that order (one buffer, out[0] its start).  nm is freed.
 * ST_OK or ST_NOMEM. */
enum status netio_names_rank(struct names *nm, uint32_t *ties, uint64_t len,
                              char ***out)
{
	uint32_t n = nm->n;
	struct name_ent *ent = malloc((size_t)n * sizeof *ent);
	uint32_t *rank = malloc((size_t)n * sizeof *rank);
	char **names = malloc((size_t)n * sizeof *names);
	char *buf = malloc(nm->len);
	enum status st = ST_NOMEM;
	size_t at = 0;
	if (!ent || !rank || !names || !buf)
		goto done;
	for (uint32_t k = 0; k < n; k++) {
		ent[k].s = nm->buf + nm->off[k];
		ent[k].k = k;
	}
	qsort(ent, n, sizeof *ent, cmp_name);
	for (uint32_t v = 0; v < n; v++) {
		size_t l = strlen(ent[v].s) + 1;
		memcpy(buf + at, ent[v].s, l);
		names[v] = buf + at;
		at += l;
		rank[ent[v].k] = v;
	}
	for (uint64_t i = 0; i < len; i++)
		ties[i] = rank[ties[i]];
	*out = names;
	names = NULL;
	buf = NULL;
	st = ST_OK;
done:
	free(ent);
	free(rank);
	free(names);
	free(buf);
	netio_names_free(nm);
	return st;
}
/* Set the weight of arc u -> v of g to w unless it is set (< 0: not). */
static void set_weight(struct graph *g, uint32_t u, uint32_t v, float w)
{
	const uint32_t *a = graph_out(g, u);
	uint32_t lo = 0, hi = graph_out_degree(g, u);
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (a[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < graph_out_degree(g, u) && a[lo] == v &&
	    g->w[g->off[u] + lo] < 0.0f)
		g->w[g->off[u] + lo] = w;
}

enum status netio_attach_weights(struct graph *g, const uint32_t *ties,
                                 const float *w, uint64_t count,
                                 bool directed)
{
	g->w = malloc(g->arcs ? (size_t)g->arcs * sizeof *g->w : 1);
	if (!g->w)
		return ST_NOMEM;
	for (uint64_t i = 0; i < g->arcs; i++)
		g->w[i] = -1.0f;
	for (uint64_t i = 0; i < count; i++) {
		uint32_t u = ties[2 * i], v = ties[2 * i + 1];
		if (u == v)
			continue;
		set_weight(g, u, v, w[i]);
		if (!directed)
			set_weight(g, v, u, w[i]);
	}
	return ST_OK;
}
