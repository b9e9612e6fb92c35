#include "netio.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "graph_stats.h"

/* Largest id accepted, so that n = id + 1 fits in uint32_t. */
#define MAX_ID (UINT32_MAX - 1u)

/* Separators within a line.  '\r' and '\n' are line ends (see netio.h). */
static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* Parse one id at *pp: decimal digits ended by a blank or the end e of the
 * line.  0 on success (advancing *pp), -1 otherwise. */
static int parse_id(const char **pp, const char *e, uint32_t *out)
{
	const char *p = *pp;
	uint64_t x = 0;
	if (p == e || *p < '0' || *p > '9')
		return -1;
	for (; p < e && *p >= '0' && *p <= '9'; p++) {
		x = x * 10 + (uint64_t)(*p - '0');
		if (x > MAX_ID)
			return -1;
	}
	if (p < e && !is_blank(*p))
		return -1;
	*pp = p;
	*out = (uint32_t)x;
	return 0;
}

/* The line [p, e), without its line end.  0: a pair was parsed; 1: a blank
 * or comment line; -1: not two ids; -2: two ids and more after them, from
 * *rest on. */
static int parse_line(const char *p, const char *e, uint32_t *u, uint32_t *v,
                      const char **rest)
{
	while (p < e && is_blank(*p))
		p++;
	if (p == e || *p == '#' || *p == '%')
		return 1;
	if (parse_id(&p, e, u))
		return -1;
	while (p < e && is_blank(*p))
		p++;
	if (parse_id(&p, e, v))
		return -1;
	while (p < e && is_blank(*p))
		p++;
	*rest = p;
	return p == e ? 0 : -2;
}

/* The message for line `lineno` = [p, e) that parse_line refused. */
static void bad_line(char *err, size_t errlen, const char *path,
                     uint64_t lineno, const char *p, const char *e,
                     int kind, const char *rest)
{
	const char *show = kind == -2 ? rest : p;
	size_t len = (size_t)(e - show);
	const char *dots = "";
	if (len > 60) {
		len = 60;
		dots = "...";
	}
	if (kind == -2)
		snprintf(err, errlen,
		         "%s: line %" PRIu64 ": expected the end of the line after "
		         "two ids, got \"%.*s%s\" (an edge list has two columns)",
		         path, lineno, (int)len, show, dots);
	else
		snprintf(err, errlen,
		         "%s: line %" PRIu64 ": expected two non-negative integer "
		         "ids, got \"%.*s%s\"", path, lineno, (int)len, show, dots);
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

enum status netio_read_edgelist(const char *path, bool directed,
                                struct graph *g, struct net_report *rep,
                                char *err, size_t errlen)
{
	struct lines l = { .path = path };
	uint32_t *pairs = NULL;
	uint64_t count = 0, cap = 0;
	uint32_t lo = UINT32_MAX, hi = 0, n;
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
	if (!l.buf) {
		snprintf(err, errlen, "%s: out of memory", path);
		rc = ST_NOMEM;
		goto fail;
	}
	for (;;) {
		const char *p, *e, *rest = NULL;
		uint32_t u, v;
		int kind;
		if ((rc = next_line(&l, &p, &e, err, errlen)))
			goto fail;
		if (!p)
			break;
		kind = parse_line(p, e, &u, &v, &rest);
		if (kind == 1)
			continue;
		if (kind < 0) {
			bad_line(err, errlen, path, l.lineno, p, e, kind, rest);
			rc = ST_BADINPUT;
			goto fail;
		}
		if (count == cap) {
			uint64_t ncap = cap ? 2 * cap : 4096;
			uint32_t *np = realloc(pairs, (size_t)ncap * 2 * sizeof *np);
			if (!np) {
				snprintf(err, errlen, "%s: out of memory", path);
				rc = ST_NOMEM;
				goto fail;
			}
			pairs = np;
			cap = ncap;
		}
		pairs[2 * count] = u;
		pairs[2 * count + 1] = v;
		count++;
		if (u < lo) lo = u;
		if (v < lo) lo = v;
		if (u > hi) hi = u;
		if (v > hi) hi = v;
	}
	free(l.buf);
	l.buf = NULL;
	fclose(l.f);
	l.f = NULL;
	if (count == 0) {
		snprintf(err, errlen, "%s: no edges", path);
		rc = ST_BADINPUT;
		goto fail;
	}
	rp.lines = count;
	if (lo == 1) {
		rp.base = 1;
		for (uint64_t i = 0; i < 2 * count; i++)
			pairs[i]--;
		hi--;
	}
	n = hi + 1;
	/* graph_from_ties consumes pairs. */
	rc = graph_from_ties(g, n, pairs, count, directed ? 0.0 : 1.0,
	                     GRAPH_FIRST_TO_SECOND, NULL, &drop);
	pairs = NULL;
	if (rc) {
		snprintf(err, errlen, "%s: out of memory", path);
		rc = ST_NOMEM;
		goto fail;
	}
	rp.self_loops = drop.self_loops;
	/* Undirected: a repeated tie repeats both of its arcs. */
	rp.duplicates = directed ? drop.duplicates : drop.duplicates / 2;
	if (g->arcs == 0) {
		snprintf(err, errlen, "%s: no edges (only self-loops)", path);
		rc = ST_BADINPUT;
		goto fail;
	}
	if (graph_isolated(g, &rp.unused_ids)) {
		snprintf(err, errlen, "%s: out of memory", path);
		rc = ST_NOMEM;
		goto fail;
	}
	if (rep)
		*rep = rp;
	return ST_OK;
fail:
	free(l.buf);
	free(pairs);
	if (l.f)
		fclose(l.f);
	graph_free(g);
	return rc;
}

enum status netio_write_edgelist(const struct graph *g, FILE *f)
{
	fprintf(f, "# crisim edge list: %" PRIu32 " nodes, %" PRIu64 " arcs\n",
	        g->n, g->arcs);
	for (uint32_t u = 0; u < g->n; u++) {
		const uint32_t *a = graph_out(g, u);
		uint32_t d = graph_out_degree(g, u);
		for (uint32_t i = 0; i < d; i++)
			if (fprintf(f, "%" PRIu32 " %" PRIu32 "\n", u, a[i]) < 0)
				return ST_IO;
	}
	if (fflush(f) != 0 || ferror(f))
		return ST_IO;
	return ST_OK;
}
