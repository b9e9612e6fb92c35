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

enum status netio_read_edgelist(const char *path, bool directed,
                                struct graph *g, struct net_report *rep,
                                char *err, size_t errlen)
{
	FILE *f = NULL;
	char *line = NULL;
	size_t linecap = 0;
	uint32_t *pairs = NULL;
	uint64_t count = 0, cap = 0, lineno = 0;
	uint32_t lo = UINT32_MAX, hi = 0, n;
	struct net_report rp;
	struct graph_dropped drop;
	enum status rc = ST_OK;

	memset(g, 0, sizeof *g);
	memset(&rp, 0, sizeof rp);
	f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ST_IO;
	}
	/* getline returns chunks ending in '\n' (or at the end of the file); a
	 * '\r' inside one also ends a line, "\r\n" being one line end, and a
	 * NUL byte stops the scan so that it is reported, not skipped. */
	for (;;) {
		ssize_t got;
		const char *p, *end;
		errno = 0;
		got = getline(&line, &linecap, f);
		if (got < 0)
			break;
		p = line;
		end = line + got;
		while (p < end) {
			const char *e = p, *rest = NULL;
			uint32_t u, v;
			int kind;
			while (e < end && *e != '\n' && *e != '\r' && *e != '\0')
				e++;
			lineno++;
			if (e < end && *e == '\0') {
				snprintf(err, errlen, "%s: line %" PRIu64 ", column %zu: "
				         "a NUL byte (a text file was expected)", path,
				         lineno, (size_t)(e - p) + 1);
				rc = ST_BADINPUT;
				goto fail;
			}
			kind = parse_line(p, e, &u, &v, &rest);
			if (kind < 0) {
				bad_line(err, errlen, path, lineno, p, e, kind, rest);
				rc = ST_BADINPUT;
				goto fail;
			}
			if (e < end && *e == '\r' && e + 1 < end && e[1] == '\n')
				e++;
			p = e < end ? e + 1 : end;
			if (kind == 1)
				continue;
			if (count == cap) {
				uint64_t ncap = cap ? 2 * cap : 4096;
				uint32_t *np = realloc(pairs,
				                       (size_t)ncap * 2 * sizeof *np);
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
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", path,
		         strerror(errno ? errno : EIO));
		rc = ST_IO;
		goto fail;
	}
	free(line);
	line = NULL;
	fclose(f);
	f = NULL;
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
	free(line);
	free(pairs);
	if (f)
		fclose(f);
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
