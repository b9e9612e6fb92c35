#include "netio.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "graph_stats.h"

/* Largest id accepted, so that n = id + 1 fits in uint32_t. */
#define MAX_ID (UINT32_MAX - 1u)

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

/* Parse one id at *pp: decimal digits ended by a blank or the end of the
 * line.  0 on success (advancing *pp), -1 otherwise. */
static int parse_id(const char **pp, uint32_t *out)
{
	const char *p = *pp;
	uint64_t x = 0;
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		x = x * 10 + (uint64_t)(*p - '0');
		if (x > MAX_ID)
			return -1;
	}
	if (*p != '\0' && !is_blank(*p))
		return -1;
	*pp = p;
	*out = (uint32_t)x;
	return 0;
}

/* 0: a pair was parsed; 1: a blank or comment line; -1: malformed. */
static int parse_line(const char *line, uint32_t *u, uint32_t *v)
{
	const char *p = line;
	while (is_blank(*p))
		p++;
	if (*p == '\0' || *p == '#' || *p == '%')
		return 1;
	if (parse_id(&p, u))
		return -1;
	while (is_blank(*p))
		p++;
	if (parse_id(&p, v))
		return -1;
	return 0;
}

static void bad_line(char *err, size_t errlen, const char *path,
                     uint64_t lineno, const char *line)
{
	size_t len = strcspn(line, "\r\n");
	const char *dots = "";
	if (len > 60) {
		len = 60;
		dots = "...";
	}
	snprintf(err, errlen,
	         "%s: line %" PRIu64 ": expected two non-negative integer ids, "
	         "got \"%.*s%s\"", path, lineno, (int)len, line, dots);
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
	for (;;) {
		uint32_t u, v;
		int kind;
		errno = 0;
		if (getline(&line, &linecap, f) < 0)
			break;
		lineno++;
		kind = parse_line(line, &u, &v);
		if (kind == 1)
			continue;
		if (kind < 0) {
			bad_line(err, errlen, path, lineno, line);
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
