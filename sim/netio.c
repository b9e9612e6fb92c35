#include "netio.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "graph_stats.h"
#include "netio_names.h"

/* Largest id accepted; UINT64_MAX stays free as "no id". */
#define MAX_ID (UINT64_MAX - 1u)
#define MAX_VERTICES NETIO_MAX_VERTICES

/* Separators within a line.  '\r' and '\n' are line ends (see netio.h). */
static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* Parse one id at *pp: decimal digits ended by a blank or the end e of the
 * line.  0 on success (advancing *pp), -1 otherwise. */
static int parse_id(const char **pp, const char *e, uint64_t *out)
{
	const char *p = *pp;
	uint64_t x = 0;
	if (p == e || *p < '0' || *p > '9')
		return -1;
	for (; p < e && *p >= '0' && *p <= '9'; p++) {
		uint64_t d = (uint64_t)(*p - '0');
		if (x > (MAX_ID - d) / 10)
			return -1;
		x = x * 10 + d;
	}
	if (p < e && !is_blank(*p))
		return -1;
	*pp = p;
	*out = x;
	return 0;
}

/* Parse the whole field [p, e) as an id (decimal digits).  0 or -1. */
static int parse_id_field(const char *p, const char *e, uint64_t *out)
{
	const char *q = p;
	if (parse_id(&q, e, out) || q != e)
		return -1;
	return 0;
}

/* The message for line `lineno` = [p, e) whose ids are not integers. */
static void bad_line(char *err, size_t errlen, const char *path,
                     uint64_t lineno, const char *p, const char *e)
{
	size_t len = (size_t)(e - p);
	const char *dots = "";
	if (len > 60) {
		len = 60;
		dots = "...";
	}
	snprintf(err, errlen,
	         "%s: line %" PRIu64 ": expected two non-negative integer "
	         "ids, got \"%.*s%s\" (string ids need a header line naming "
	         "the columns, e.g. \"source target weight\")", path, lineno,
	         (int)len, p, dots);
}

/* The longest line accepted, and the reader's buffer: no edge-list line
 * comes near it, and a file without line ends (/dev/zero, a binary) is
 * refused after this much instead of filling memory. */
#define LINE_MAX_BYTES ((size_t)1 << 20)

/* Lines of a stream, read in blocks: a line ends at "\n", "\r\n" or a
 * lone "\r" (netio.h).  buf[pos .. have) is read and not yet returned; the
 * current line is always whole in buf. */
struct lines {
	FILE *f;
	const char *path;
	char *buf;          /* LINE_MAX_BYTES */
	size_t pos, have;
	int eof;
	uint64_t lineno;    /* of the line last returned */
};

/* The next line, without its end, in [*p, *e).  ST_OK with *p NULL at the
 * end of the file; ST_BADINPUT for a NUL byte or an over-long line, ST_IO
 * for a read error, with the message in err. */
static enum status next_line(struct lines *l, const char **p, const char **e,
                             char *err, size_t errlen)
{
	for (;;) {
		const char *b = l->buf + l->pos, *end = l->buf + l->have, *x = b;
		size_t got;
		while (x < end && *x != '\n' && *x != '\r' && *x != '\0')
			x++;
		if (x < end && *x == '\0') {
			snprintf(err, errlen, "%s: line %" PRIu64 ", column %zu: a NUL "
			         "byte (a text file was expected)", l->path,
			         l->lineno + 1, (size_t)(x - b) + 1);
			return ST_BADINPUT;
		}
		/* A line is complete at its end, or at the end of the file; a
		 * '\r' last in the buffer may be the start of "\r\n". */
		if ((x < end && (*x != '\r' || x + 1 < end)) || l->eof) {
			if (b == end) {
				*p = NULL;
				return ST_OK;
			}
			l->lineno++;
			*p = b;
			*e = x;
			if (x < end && *x == '\r' && x + 1 < end && x[1] == '\n')
				x++;
			l->pos = x < end ? (size_t)(x + 1 - l->buf) : l->have;
			return ST_OK;
		}
		memmove(l->buf, b, (size_t)(end - b));
		l->have = (size_t)(end - b);
		l->pos = 0;
		if (l->have == LINE_MAX_BYTES) {
			snprintf(err, errlen, "%s: line %" PRIu64 ": expected a line "
			         "of two ids, got more than %zu bytes without a line "
			         "end", l->path, l->lineno + 1, LINE_MAX_BYTES);
			return ST_BADINPUT;
		}
		errno = 0;
		got = fread(l->buf + l->have, 1, LINE_MAX_BYTES - l->have, l->f);
		l->have += got;
		if (got == 0) {
			if (ferror(l->f)) {
				snprintf(err, errlen, "%s: %s", l->path,
				         strerror(errno ? errno : EIO));
				return ST_IO;
			}
			l->eof = 1;
		}
	}
}

/* The pairs read so far, ids interleaved (u0 v0 u1 v1 ...): 4 bytes an id
 * while every id fits in 32 bits (as in most files), 8 from the first one
 * that does not. */
struct pair_list {
	uint32_t *narrow;   /* NULL once wide */
	uint64_t *wide;     /* NULL while narrow */
	uint64_t count, cap;
};

static inline uint64_t pair_id(const struct pair_list *pl, uint64_t i)
{
	return pl->wide ? pl->wide[i] : pl->narrow[i];
}

static void pairs_free(struct pair_list *pl)
{
	free(pl->narrow);
	free(pl->wide);
	memset(pl, 0, sizeof *pl);
}

/* Append the pair (u, v).  0, or -1 when out of memory. */
static int pairs_push(struct pair_list *pl, uint64_t u, uint64_t v)
{
	if (!pl->wide && (u > UINT32_MAX || v > UINT32_MAX)) {
		uint64_t cap = pl->cap ? pl->cap : 4096;
		uint64_t *w = malloc((size_t)cap * 2 * sizeof *w);
		if (!w)
			return -1;
		for (uint64_t i = 0; i < 2 * pl->count; i++)
			w[i] = pl->narrow[i];
		free(pl->narrow);
		pl->narrow = NULL;
		pl->wide = w;
		pl->cap = cap;
	}
	if (pl->count == pl->cap) {
		uint64_t cap = pl->cap ? 2 * pl->cap : 4096;
		if (pl->wide) {
			uint64_t *w = realloc(pl->wide, (size_t)cap * 2 * sizeof *w);
			if (!w)
				return -1;
			pl->wide = w;
		} else {
			uint32_t *w = realloc(pl->narrow, (size_t)cap * 2 * sizeof *w);
			if (!w)
				return -1;
			pl->narrow = w;
		}
		pl->cap = cap;
	}
	if (pl->wide) {
		pl->wide[2 * pl->count] = u;
		pl->wide[2 * pl->count + 1] = v;
	} else {
		pl->narrow[2 * pl->count] = (uint32_t)u;
		pl->narrow[2 * pl->count + 1] = (uint32_t)v;
	}
	pl->count++;
	return 0;
}

static unsigned popcount64(uint64_t x)
{
#if defined(__GNUC__) || defined(__clang__)
	return (unsigned)__builtin_popcountll(x);
#else
	unsigned c = 0;
	for (; x; x &= x - 1)
		c++;
	return c;
#endif
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* The rank of `id` in ids[0 .. n), which holds it. */
static uint32_t rank_of(const uint64_t *ids, uint32_t n, uint64_t id)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Switch pl from integer ids to the numbers of their decimal names in nm.
 * 0, -1 (out of memory) or -2 (too many names). */
static int names_from_pairs(struct names *nm, struct pair_list *pl)
{
	uint64_t len = 2 * pl->count;
	uint32_t *a = malloc((size_t)(pl->cap ? 2 * pl->cap : 2) * sizeof *a);
	if (!a)
		return -1;
	for (uint64_t i = 0; i < len; i++) {
		char d[24];
		int k = snprintf(d, sizeof d, "%" PRIu64, pair_id(pl, i));
		int rc = netio_names_intern(nm, d, (size_t)k, &a[i]);
		if (rc) {
			free(a);
			return rc;
		}
	}
	free(pl->narrow);
	free(pl->wide);
	pl->wide = NULL;
	pl->narrow = a;
	return 0;
}
/* The weights of the pairs read so far, one per pair. */
struct weight_list {
	float *w;
	uint64_t count, cap;
};

static int weights_push(struct weight_list *wl, float w)
{
	if (wl->count == wl->cap) {
		uint64_t cap = wl->cap ? 2 * wl->cap : 4096;
		float *x = realloc(wl->w, (size_t)cap * sizeof *x);
		if (!x)
			return -1;
		wl->w = x;
		wl->cap = cap;
	}
	wl->w[wl->count++] = w;
	return 0;
}
/* What mapping the ids of a file to vertices gave. */
struct id_map {
	uint32_t *ties;     /* 2 count vertices, interleaved */
	uint64_t *ids;      /* n ascending ids, or NULL: dense (below) */
	uint32_t n;
	uint32_t base;      /* without ids: vertex = id - base */
};

/* Dense enough ids (pl narrow, hi/64 <= count): a bitmap of the ids
 * present, hi + 1 bits, and the rank of each 64-bit word's first bit, so
 * the rank of id x is rank[x/64] + the bits below x in its word.  At most
 * 16 bytes a line; time O(lines + hi/64).  Vertices are written over the
 * ids in pl->narrow.  m->n is left for the caller's check. */
static enum status map_by_bitmap(struct pair_list *pl, uint64_t lo,
                                 uint64_t hi, struct id_map *m, uint64_t *np)
{
	uint64_t len = 2 * pl->count, n = 0, words = (hi >> 6) + 1;
	uint64_t *bits = calloc((size_t)words, sizeof *bits);
	uint64_t *rank = malloc((size_t)words * sizeof *rank);
	uint32_t *a = pl->narrow;
	enum status st = ST_NOMEM;
	if (!bits || !rank)
		goto done;
	for (uint64_t i = 0; i < len; i++)
		bits[a[i] >> 6] |= (uint64_t)1 << (a[i] & 63);
	for (uint64_t w = 0; w < words; w++) {
		rank[w] = n;
		n += popcount64(bits[w]);
	}
	*np = n;
	st = ST_OK;
	if (n > MAX_VERTICES)
		goto done;  /* the caller refuses it */
	if (n == hi + 1 || (lo == 1 && n == hi)) {
		m->base = n == hi + 1 ? 0 : 1;
	} else {
		uint64_t k = 0;
		if (!(m->ids = malloc((size_t)n * sizeof *m->ids))) {
			st = ST_NOMEM;
			goto done;
		}
		for (uint64_t w = 0; w < words; w++)
			for (uint64_t b = bits[w]; b; b &= b - 1)  /* lowest bit */
				m->ids[k++] = 64 * w + popcount64((b & (~b + 1)) - 1);
	}
	if (n != hi + 1)  /* not the identity */
		for (uint64_t i = 0; i < len; i++) {
			uint64_t x = a[i];
			uint64_t below = bits[x >> 6] & (((uint64_t)1 << (x & 63)) - 1);
			a[i] = (uint32_t)(rank[x >> 6] + popcount64(below));
		}
	m->ties = a;
	pl->narrow = NULL;
done:
	free(bits);
	free(rank);
	return st;
}

/* Any ids: a sorted copy of all 2 count of them, made unique, then a
 * binary search per id.  16 bytes a line on top of pl; time
 * O(lines log lines).  Vertex i is written over id i in place, as 4 bytes
 * at 4 i (of a wide array: never past the 8 bytes at 8 i just read). */
static enum status map_by_sort(struct pair_list *pl, struct id_map *m,
                               uint64_t *np)
{
	uint64_t len = 2 * pl->count, n = 0;
	uint64_t *ids = malloc((size_t)len * sizeof *ids);
	if (!ids)
		return ST_NOMEM;
	for (uint64_t i = 0; i < len; i++)
		ids[i] = pair_id(pl, i);
	qsort(ids, (size_t)len, sizeof *ids, cmp_u64);
	for (uint64_t i = 0; i < len; i++)
		if (n == 0 || ids[n - 1] != ids[i])
			ids[n++] = ids[i];
	*np = n;
	if (n > MAX_VERTICES) {
		free(ids);
		return ST_OK;  /* the caller refuses it */
	}
	uint64_t *shrunk = realloc(ids, (size_t)n * sizeof *ids);
	if (shrunk)
		ids = shrunk;
	if (ids[n - 1] == n - 1 || (ids[0] == 1 && ids[n - 1] == n)) {
		m->base = ids[0] == 0 ? 0 : 1;
		free(ids);
		ids = NULL;
	}
	char *out = pl->wide ? (char *)pl->wide : (char *)pl->narrow;
	for (uint64_t i = 0; i < len; i++) {
		uint64_t id = pair_id(pl, i);
		uint32_t v = ids ? rank_of(ids, (uint32_t)n, id)
		                 : (uint32_t)(id - m->base);
		memcpy(out + 4 * i, &v, sizeof v);
	}
	if (pl->wide) {
		uint32_t *t = realloc(pl->wide, (size_t)len * sizeof *t);
		m->ties = t ? t : (uint32_t *)(void *)pl->wide;
		pl->wide = NULL;
	} else {
		m->ties = pl->narrow;
		pl->narrow = NULL;
	}
	m->ids = ids;
	return ST_OK;
}

/* Map the distinct ids of pl to vertices 0..n-1 in ascending order of id
 * (vertex v = the id of rank v).  Ids exactly 0..n-1 or 1..n give the
 * identity or the shift by one, as netio.h promises, and no id array.  lo
 * and hi are the smallest and largest id.  Of the two ways, the bitmap is
 * taken when it is no bigger than the pair list, so that memory follows the
 * input, never the largest id.  On success m->ties holds pl's array (pl is
 * left empty).  ST_OK, ST_NOMEM, or ST_BADINPUT (more distinct ids than
 * vertices can number; err set); on failure m holds nothing. */
static enum status map_ids(struct pair_list *pl, uint64_t lo, uint64_t hi,
                           struct id_map *m, const char *path, char *err,
                           size_t errlen)
{
	uint64_t n = 0;
	enum status st;
	memset(m, 0, sizeof *m);
	if (!pl->wide && (hi >> 6) <= pl->count)
		st = map_by_bitmap(pl, lo, hi, m, &n);
	else
		st = map_by_sort(pl, m, &n);
	if (st)
		return st;
	if (n > MAX_VERTICES) {
		snprintf(err, errlen, "%s: expected at most %" PRIu32 " distinct "
		         "ids (agents), got %" PRIu64, path, MAX_VERTICES, n);
		return ST_BADINPUT;
	}
	m->n = (uint32_t)n;
	pairs_free(pl);
	return ST_OK;
}

/* One data line, its fields *f: push its pair (and weight) into pl (wl),
 * switching to string ids (nm) when a header allows them.  ST_OK, or an
 * error with err set (ST_NOMEM: the caller's message). */
static enum status take_line(const struct layout *lay, const struct fields *f,
                             const char *lp, const char *le, uint64_t lineno,
                             const char *path, struct pair_list *pl,
                             struct weight_list *wl, struct names *nm,
                             bool *named, uint64_t *lo, uint64_t *hi,
                             char *err, size_t errlen)
{
	const char *up = f->p[lay->src], *ue = f->e[lay->src];
	const char *vp = f->p[lay->dst], *ve = f->e[lay->dst];
	uint64_t u = 0, v = 0;
	if (f->n != lay->ncols) {
		if (lay->first == lineno || f->n < 2)
			bad_line(err, errlen, path, lineno, lp, le);
		else
			snprintf(err, errlen, "%s: line %" PRIu64 ": expected %" PRIu32
			         " columns (as on line %" PRIu64 "), got %" PRIu32,
			         path, lineno, lay->ncols, lay->first, f->n);
		return ST_BADINPUT;
	}
	for (uint32_t k = 0; k < 2; k++) {
		const char *p = k ? vp : up, *e = k ? ve : ue;
		if (p == e) {
			snprintf(err, errlen, "%s: line %" PRIu64 ": expected an id in "
			         "column %" PRIu32 ", got an empty field", path, lineno,
			         (k ? lay->dst : lay->src) + 1);
			return ST_BADINPUT;
		}
		if (memchr(p, '\t', (size_t)(e - p))) {
			snprintf(err, errlen, "%s: line %" PRIu64 ": expected an id "
			         "without a tab in column %" PRIu32 ", got \"%.*s\"", path,
			         lineno, (k ? lay->dst : lay->src) + 1,
			         (int)(e - p < 60 ? e - p : 60), p);
			return ST_BADINPUT;
		}
	}
	if (!*named && (parse_id_field(up, ue, &u) || parse_id_field(vp, ve, &v))) {
		int rc;
		if (!lay->header) {
			bad_line(err, errlen, path, lineno, lp, le);
			return ST_BADINPUT;
		}
		if ((rc = names_from_pairs(nm, pl)) == -1)
			return ST_NOMEM;
		if (rc == -2)
			goto too_many;
		*named = true;
	}
	if (*named) {
		uint32_t a, b;
		int rc = netio_names_intern(nm, up, (size_t)(ue - up), &a);
		if (!rc)
			rc = netio_names_intern(nm, vp, (size_t)(ve - vp), &b);
		if (rc == -1)
			return ST_NOMEM;
		if (rc == -2)
			goto too_many;
		u = a;
		v = b;
	}
	if (lay->wcol >= 0) {
		float w;
		const char *p = f->p[lay->wcol], *e = f->e[lay->wcol];
		if (netio_parse_weight(p, e, &w)) {
			snprintf(err, errlen, "%s: line %" PRIu64 ", column %d: "
			         "expected a weight in [0, 1], got \"%.*s\"%s", path,
			         lineno, lay->wcol + 1, (int)(e - p < 60 ? e - p : 60), p,
			         lay->header ? "" : " (without a header line the third "
			         "column is the weight; a header names the columns, e.g. "
			         "\"source target time\")");
			return ST_BADINPUT;
		}
		if (weights_push(wl, w))
			return ST_NOMEM;
	}
	if (pairs_push(pl, u, v))
		return ST_NOMEM;
	if (!*named) {
		if (u < *lo) *lo = u;
		if (v < *lo) *lo = v;
		if (u > *hi) *hi = u;
		if (v > *hi) *hi = v;
	}
	return ST_OK;
too_many:
	snprintf(err, errlen, "%s: expected at most %" PRIu32 " distinct "
	         "ids (agents), got more", path, MAX_VERTICES);
	return ST_BADINPUT;
}

enum status netio_read_edgelist(const char *path, bool directed,
                                struct graph *g, struct net_report *rep,
                                char *err, size_t errlen)
{
	struct lines l = { .path = path };
	struct pair_list pl = { 0 };
	struct weight_list wl = { 0 };
	struct names nm = { 0 };
	struct layout lay = { 0 };
	struct id_map m = { 0 };
	uint32_t *wties = NULL;
	char **names = NULL;
	bool named = false;
	uint64_t lo = UINT64_MAX, hi = 0;
	struct net_report rp;
	struct graph_dropped drop;
	enum status rc = ST_OK;

	memset(g, 0, sizeof *g);
	memset(&rp, 0, sizeof rp);
	l.f = fopen(path, "r");
	if (!l.f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ST_IO;
	}
	l.buf = malloc(LINE_MAX_BYTES);
	if (!l.buf)
		goto nomem;
	for (;;) {
		const char *p, *e;
		struct fields f;
		if ((rc = next_line(&l, &p, &e, err, errlen)))
			goto fail;
		if (!p)
			break;
		if (!lay.sep) {
			const char *q = p;
			while (q < e && is_blank(*q))
				q++;
			if (q == e || *q == '#' || *q == '%')
				continue;
			lay.sep = memchr(p, ',', (size_t)(e - p)) ? ',' : ' ';
			netio_split_line(p, e, lay.sep, &f);
			int k = netio_set_layout(&lay, &f, path, l.lineno, &rp, err, errlen);
			if (k < 0) {
				bad_line(err, errlen, path, l.lineno, p, e);
				rc = ST_BADINPUT;
				goto fail;
			}
			if (k == 1)
				continue;
		} else if (netio_split_line(p, e, lay.sep, &f)) {
			continue;
		}
		rc = take_line(&lay, &f, p, e, l.lineno, path, &pl, &wl, &nm, &named,
		               &lo, &hi, err, errlen);
		if (rc == ST_NOMEM)
			goto nomem;
		if (rc)
			goto fail;
	}
	free(l.buf);
	l.buf = NULL;
	fclose(l.f);
	l.f = NULL;
	if (pl.count == 0) {
		snprintf(err, errlen, "%s: no edges", path);
		rc = ST_BADINPUT;
		goto fail;
	}
	rp.lines = pl.count;
	rp.weighted = lay.wcol >= 0;
	if (named) {
		m.n = nm.n;
		if (netio_names_rank(&nm, pl.narrow, 2 * pl.count, &names))
			goto nomem;
		m.ties = pl.narrow;
		pl.narrow = NULL;
		pairs_free(&pl);
		rp.named = true;
	} else {
		rp.id_min = lo;
		rp.id_max = hi;
		if ((rc = map_ids(&pl, lo, hi, &m, path, err, errlen))) {
			if (rc == ST_NOMEM)
				goto nomem;
			goto fail;
		}
	}
	rp.base = m.base;
	rp.mapped = m.ids != NULL;
	if (rp.weighted) {
		wties = malloc((size_t)rp.lines * 2 * sizeof *wties);
		if (!wties)
			goto nomem;
		memcpy(wties, m.ties, (size_t)rp.lines * 2 * sizeof *wties);
	}
	/* graph_from_ties consumes the ties. */
	rc = graph_from_ties(g, m.n, m.ties, rp.lines, directed ? 0.0 : 1.0,
	                     GRAPH_FIRST_TO_SECOND, NULL, &drop);
	m.ties = NULL;
	if (rc)
		goto nomem;
	g->ids = m.ids;
	m.ids = NULL;
	g->names = names;
	names = NULL;
	if (rp.weighted) {
		if (netio_attach_weights(g, wties, wl.w, rp.lines, directed))
			goto nomem;
		free(wties);
		wties = NULL;
	}
	free(wl.w);
	wl.w = NULL;
	rp.self_loops = drop.self_loops;
	/* Undirected: a repeated tie repeats both of its arcs. */
	rp.duplicates = directed ? drop.duplicates : drop.duplicates / 2;
	if (g->arcs == 0) {
		snprintf(err, errlen, "%s: no edges (only self-loops)", path);
		rc = ST_BADINPUT;
		goto fail;
	}
	if (graph_isolated(g, &rp.unused_ids))
		goto nomem;
	if (rep)
		*rep = rp;
	return ST_OK;
nomem:
	snprintf(err, errlen, "%s: out of memory", path);
	rc = ST_NOMEM;
fail:
	free(l.buf);
	pairs_free(&pl);
	netio_names_free(&nm);
	free(wl.w);
	free(wties);
	free(m.ties);
	free(m.ids);
	if (names)
		free(names[0]);
	free(names);
	if (l.f)
		fclose(l.f);
	graph_free(g);
	return rc;
}

/* One end of an arc as netio_write_edgelist writes it. */
static int write_end(const struct graph *g, uint32_t v, FILE *f)
{
	if (g->names)
		return fputs(g->names[v], f) < 0 ? -1 : 0;
	return fprintf(f, "%" PRIu64, graph_id_of(g, v)) < 0 ? -1 : 0;
}

enum status netio_write_edgelist(const struct graph *g, FILE *f)
{
	fprintf(f, "# crisim edge list: %" PRIu32 " nodes, %" PRIu64 " arcs\n",
	        g->n, g->arcs);
	/* Names need a header to read back as names, and commas between the
	 * columns when a name holds a blank (a name read from a file of
	 * blank-separated columns holds none, one of commas no comma);
	 * weights go in a third column. */
	char sep = g->names ? '\t' : ' ';
	for (uint32_t v = 0; g->names && v < g->n && sep == '\t'; v++)
		if (strpbrk(g->names[v], " \t\v\f"))
			sep = ',';
	if (g->names)
		fprintf(f, "source%ctarget%s%s\n", sep, g->w ? (sep == ',' ?
		        "," : "\t") : "", g->w ? "weight" : "");
	for (uint32_t u = 0; u < g->n; u++) {
		const uint32_t *a = graph_out(g, u);
		uint32_t d = graph_out_degree(g, u);
		for (uint32_t i = 0; i < d; i++) {
			if (write_end(g, u, f) || fputc(sep, f) == EOF ||
			    write_end(g, a[i], f))
				return ST_IO;
			if (g->w && fprintf(f, "%c%.9g", sep,
			                    (double)g->w[g->off[u] + i]) < 0)
				return ST_IO;
			if (fputc('\n', f) == EOF)
				return ST_IO;
		}
	}
	if (fflush(f) != 0 || ferror(f))
		return ST_IO;
	return ST_OK;
}
