/* scenario_grid — the grid of a sweep: `--grid PATH=V1,V2,...`,
 * `--grid PATH=a:b:step` and grid files, as axes of `--set PATH=VALUE`
 * texts.  Part of the scenario room (the only cJSON code besides
 * sim/scenario*.c); the batch layer (batch.c) turns axes into variants.
 *
 * A grid file is a JSON object {"PATH": [V, ...] | "a:b:step", ...} read
 * through textfile_read (so a NUL byte or an oversized file is refused);
 * values are JSON scalars (number, string, boolean).  Duplicate keys are
 * errors (cJSON would keep the first silently).
 *
 * Values round-trip exactly (the text given to --set parses back to the
 * number meant):
 *   - a range is computed in decimal: a, b and step are read as m × 10^e
 *     (integers stay integers, 0.1 stays one tenth), every value is
 *     a + k step for k = 0, 1, ... while <= b, printed exactly
 *     ("1000000000003", "0.3"); only when that cannot be done in 64-bit
 *     integers (more than 18 digits, exponents beyond ±20) are they
 *     doubles, a + k step, printed as the shortest text that round-trips;
 *   - a number of a grid file is printed the same way (integers as
 *     integers); an integer of 2^53 or more, which a JSON number cannot hold
 *     exactly, is refused with a hint to give it as a range string.
 * Labels (for tables and manifests) are the values without string quotes.
 *
 * Errors name their source: "--grid PATH: ..." for a spec, "FILE: KEY: ..."
 * or "FILE: line L, column C: ..." for a grid file.
 */
#ifndef CRISIM_SCENARIO_GRID_H
#define CRISIM_SCENARIO_GRID_H

#include <stddef.h>

#include "status.h"

/* Most values of one axis, and grid points of a sweep. */
#define GRID_MAX_VALUES 100000

/* One axis of a sweep grid: a scenario path and its values (all owned). */
struct grid_axis {
	char *path;
	size_t n;
	char **values;   /* VALUE text for --set PATH=VALUE (JSON) */
	char **labels;   /* the same for tables: string quotes removed */
	double lo, hi;   /* a sampling design's factor range (lo < hi), which
	                    sweep.tsv records for crisim sensitivity; 0, 0 for
	                    a grid axis or a design file's column */
};

/* Parse one spec "PATH=V1,V2" or "PATH=a:b:step" into *ax (owned: free
 * with grid_axis_free).  ST_OK, ST_BADINPUT or ST_NOMEM with err set; on
 * failure *ax is empty. */
enum status grid_axis_parse(const char *spec, struct grid_axis *ax,
                            char *err, size_t errlen);
void grid_axis_free(struct grid_axis *ax);

/* Read the grid file at path and append its axes, in file order, to
 * *axes (*n_axes of them; realloc'd, owned by the caller, who frees each
 * with grid_axis_free and then the array).  ST_OK; ST_IO (unreadable),
 * ST_BADINPUT or ST_NOMEM with err naming the file.  On failure the axes
 * appended so far stay in *axes, for the caller to free. */
enum status grid_file_read(const char *path, struct grid_axis **axes,
                           size_t *n_axes, char *err, size_t errlen);

#endif
