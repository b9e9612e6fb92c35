/* netio_names — internal to netio: the fields of a line and which column
 * holds what (netio.h, "Columns"), string ids interned in order of first
 * sight and then ranked in ascending strcmp order (netio.h, "Names"), and
 * the weights of a graph's arcs (netio_attach_weights, declared in
 * netio.h).  Not a public API: only netio.c includes this. */
#ifndef CRISIM_NETIO_NAMES_H
#define CRISIM_NETIO_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netio.h"
#include "status.h"

/* Most fields of a line that are looked at; later ones are counted. */
#define MAX_FIELDS 32

/* The fields of a line: with sep ',' the text between commas, each trimmed
 * of blanks; otherwise the runs of non-blanks. */
struct fields {
	const char *p[MAX_FIELDS], *e[MAX_FIELDS];
	uint32_t n;         /* all fields, also those past MAX_FIELDS */
};

/* Which columns of a file hold what (netio.h). */
struct layout {
	char sep;           /* ',' or ' ' (blanks); 0 before the first line */
	bool header;
	uint32_t ncols, src, dst;
	int wcol;           /* the weight's column, or -1 */
	uint64_t first;     /* the line that set the columns */
};

/* Split [p, e) into *f (sep ',' or ' ').  1 for a blank or comment line,
 * else 0. */
int netio_split_line(const char *p, const char *e, char sep,
                     struct fields *f);

/* The field [p, e) as a weight in [0, 1] (strtod).  0 or -1. */
int netio_parse_weight(const char *p, const char *e, float *w);

/* Set *lay from the first line that is neither blank nor a comment, its
 * fields *f, line `lineno` of `path`: a header when it names a source and
 * a target column, else columns 1 and 2 are the ids and 3 (if any) the
 * weight.  Columns not used are warned about on stderr and counted in
 * rp->unused_columns.  1 when the line was a header (no data), 0 when it
 * is data, -1 when it has too few fields (the caller reports it). */
int netio_set_layout(struct layout *lay, const struct fields *f,
                     const char *path, uint64_t lineno, struct net_report *rp,
                     char *err, size_t errlen);

/* Most distinct ids: vertices are uint32_t, and n itself must fit. */
#define NETIO_MAX_VERTICES (UINT32_MAX - 1u)

/* String ids, interned in order of first sight: name k is
 * buf[off[k] ..], NUL-terminated; slot[] an open-addressing hash of the
 * names' numbers + 1 (0: empty), its size a power of two. */
struct names {
	char *buf;
	size_t len, cap;
	size_t *off;
	uint32_t n, ncap;
	uint32_t *slot;
	uint32_t nslots;
};

/* Free all of nm and zero it. */
void netio_names_free(struct names *nm);

/* The number of the name [p, p + len) (no NUL inside), added when new.
 * 0, -1 when out of memory, -2 when there are more names than vertices can
 * number (or than the table holds: 2^30). */
int netio_names_intern(struct names *nm, const char *p, size_t len,
                       uint32_t *out);

/* Number the names of nm in ascending strcmp order, rewrite the name
 * numbers in ties[0 .. len) to those ranks, and leave in *out the n
 * names in that order (one buffer, out[0] its start).  nm is freed.
 * ST_OK or ST_NOMEM. */
enum status netio_names_rank(struct names *nm, uint32_t *ties, uint64_t len,
                             char ***out);

#endif
