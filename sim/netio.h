/* netio — edge-list import and export.
 *
 * Input format (what netio_read_edgelist accepts, and nothing else):
 *   - Lines end with "\n", "\r\n" or a lone "\r" (files from any system);
 *     line numbers in messages count every one of them.
 *   - A line is blank (spaces, tabs, \v, \f only), a comment (its first
 *     non-blank character is '#' or '%'), a header, or a data line.
 *   - Columns.  The first line that is neither blank nor a comment sets
 *     the separator: ',' when it holds a comma (each field trimmed of
 *     blanks; an empty field is an error), else runs of blanks.  That line
 *     is a header when it names a source and a target column
 *     (case-insensitive: source|src|from|u|node1, target|dst|to|v|node2,
 *     and optionally weight|w), in any order among the first 32; each other
 *     column is warned about on stderr ("crisim: warning: PATH: line L:
 *     column C ("time") is not used") and counted in unused_columns.
 *     Without a header, columns 1 and 2 are the ids, 3 (if any) the
 *     weight, and columns 4 and later are warned about the same way.
 *     Every data line has as many columns as that first line, or is an
 *     error naming it.
 *   - Weights: a decimal number in [0, 1] (strtod), else an error naming
 *     the line and column.  They go to g->w (graph.h), each arc taking the
 *     weight of the first line that gave it (undirected: both arcs).
 *   - Ids are decimal digits, 0 .. UINT64_MAX - 1 = 18446744073709551614
 *     (no sign, no "0x"): sparse 64-bit ids as real follower graphs use.
 *     With a header they may also be strings (any text without a tab; with
 *     blanks only between commas): once any id of the file is not an
 *     integer, every id is a name (integers read before it too).  Without
 *     a header a non-integer id is an error.
 *   - A NUL byte anywhere is an error naming its line and column (a binary
 *     or truncated file, not an edge list).
 *   - A line longer than 1 MiB is an error naming it, so that input without
 *     line ends (/dev/zero, a binary) cannot fill memory; the file as a
 *     whole has no cap (real follower graphs run to gigabytes).
 * Names.  A file of string ids has as agents its distinct names, numbered
 * 0..n-1 in ascending strcmp order, kept in g->names; g->ids is NULL.
 * Ids and agents.  The agents are the distinct ids of the file, n of them
 * (at most 4294967294), numbered 0..n-1 in ascending order of id: agent v
 * is the id of rank v.  Memory follows the lines and the distinct ids,
 * never the size of the largest id.  So a file whose ids are exactly
 * 0..n-1 keeps them as agent numbers, and one whose ids are exactly 1..n
 * (a 1-based file: base 1) is shifted down by one; either way the graph
 * has no id map.  Any other file ("sparse" ids: gaps, or large ids) gets
 * the map in g->ids (graph.h), and an id that appears on no line is no
 * agent.  An id that appears only in self-loops is an agent without ties,
 * counted in unused_ids.
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
	uint32_t base;        /* a file without id map: agent = id - base, 0
	                         or 1; 0 with a map */
	bool mapped;          /* a file with sparse ids: g->ids is the map */
	uint64_t id_min, id_max;  /* smallest and largest id of a file */
	uint32_t unused_ids;  /* vertices with no arc in or out */
	bool named;           /* a file of string ids: g->names holds them */
	bool weighted;        /* a weight column: g->w holds the weights */
	uint32_t unused_columns;  /* columns warned about as not read */
};

/* Read the edge list at `path` into *g (which the caller frees with
 * graph_free).  *rep (may be NULL) is filled.  On failure *g is zeroed and
 * err holds one line without a program prefix, e.g.
 *   PATH: line N: expected two non-negative integer ids, got "..." (string
 *     ids need a header line ...)
 *   PATH: line N: expected C columns (as on line L), got K
 *   PATH: line N, column C: expected a weight in [0, 1], got "..."
 *   PATH: line N: expected an id in column C, got an empty field
 *   PATH: line N, column C: a NUL byte (a text file was expected)
 *   PATH: line N: expected a line of two ids, got more than 1048576 bytes ...
 *   PATH: expected at most 4294967294 distinct ids (agents), got N
 *   PATH: No such file or directory
 *   PATH: no edges
 * Returns ST_OK, ST_NOMEM, ST_BADINPUT or ST_IO.
 * Time O(lines + n + sort of each adjacency) when the ids are dense (the
 * largest id below 64 x lines), else O(lines log lines) for the id map.
 * Memory: a 1 MiB read buffer, the pair list (8 bytes a line while every
 * id fits in 32 bits, else 16; grown by doubling), at most 16 more bytes a
 * line while ids are mapped, then the graph and its map (8 bytes an agent,
 * sparse ids only). */
enum status netio_read_edgelist(const char *path, bool directed,
                                struct graph *g, struct net_report *rep,
                                char *err, size_t errlen);

/* g->w from the `count` pairs ties[] (vertices, interleaved, as given to
 * graph_from_ties) and their weights w[]: each arc takes the weight of the
 * first pair that gave it (undirected: both arcs of a tie).  ST_OK or
 * ST_NOMEM. */
enum status netio_attach_weights(struct graph *g, const uint32_t *ties,
                                 const float *w, uint64_t count,
                                 bool directed);

/* Write "# crisim edge list: N nodes, M arcs" and then "src dst" per arc,
 * in CSR order, each end as its id (graph_id_of: the file's id when g has
 * an id map, so that the list reads back as the same graph, else the
 * agent number), and " w" after it on a weighted graph.  A graph with
 * names writes them, after a header "source target[ weight]", separated by
 * tabs, or by commas when a name holds a blank.  ST_OK, or ST_IO when a
 * write or the flush fails. */
enum status netio_write_edgelist(const struct graph *g, FILE *f);

/* A warning about an input network (a column not used, a GraphML key not
 * read): one line "crisim: warning: ..." on stderr, as progress_warn
 * writes them; the readers go on.  For netio and graphml only. */
void netio_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
