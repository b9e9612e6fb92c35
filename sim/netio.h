/* netio — edge-list import and export.
 *
 * Input format: one pair of ids per line, separated by spaces or tabs.
 * Blank lines and lines whose first non-blank character is '#' or '%' are
 * skipped.  Ids are non-negative integers <= UINT32_MAX - 1; columns beyond
 * the second (weights, timestamps) are ignored.  When the smallest id is 1
 * the file is taken as 1-based and every id is shifted down by one.  Ids are
 * not compacted: n = largest id + 1 after the shift, and ids that appear on
 * no line are counted in unused_ids (they become isolated agents).
 *
 * Direction.  Undirected: a line "u v" is a mutual tie, both arcs.
 * Directed: a line "u v" is the arc u -> v, as in SNAP's directed graphs;
 * in crisim's terms v is in u's audience — u's posts reach v.
 *
 * Self-loops and repeated pairs are dropped and counted.  A file with no
 * pair left (empty, only comments) is an error: no scenario can run on it.
 */
#ifndef CRISIM_NETIO_H
#define CRISIM_NETIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "graph.h"
#include "status.h"

/* What building a network read or dropped. */
struct net_report {
	uint64_t lines;       /* data lines read (files only) */
	uint64_t self_loops;  /* dropped self-loop lines / erased loop ties */
	uint64_t duplicates;  /* dropped repeated lines (undirected: ties,
	                         either order; directed: arcs) / erased
	                         multi-ties of a generator */
	uint32_t base;        /* 0 or 1: the id base of a file */
	uint32_t unused_ids;  /* vertices with no arc in or out */
};

/* Read the edge list at `path` into *g (which the caller frees with
 * graph_free).  *rep (may be NULL) is filled.  On failure *g is zeroed and
 * err holds one line without a program prefix, e.g.
 *   PATH: line N: expected two non-negative integer ids, got "..."
 *   PATH: No such file or directory
 *   PATH: no edges
 * Returns ST_OK, ST_NOMEM, ST_BADINPUT or ST_IO.
 * Time O(lines + n + sort of each adjacency); memory: the pair list (8 bytes
 * a line, grown by doubling) plus the graph. */
enum status netio_read_edgelist(const char *path, bool directed,
                                struct graph *g, struct net_report *rep,
                                char *err, size_t errlen);

/* Write "# crisim edge list: N nodes, M arcs" and then "src dst" per arc,
 * in CSR order.  ST_OK, or ST_IO when a write or the flush fails. */
enum status netio_write_edgelist(const struct graph *g, FILE *f);

#endif
