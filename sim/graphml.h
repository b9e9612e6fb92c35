/* graphml — GraphML import and export (libxml2).
 *
 * Input (graphml_read): a GraphML document (http://graphml.graphdrawing.org)
 * with one <graph>.  Its <node id="..."> elements are the agents, numbered
 * 0..n-1 in document order, their ids kept as names (g->names, graph.h;
 * written to ids.tsv beside the outputs), so a node without edges is an
 * agent without ties.  Each <edge source="..." target="..."> names two
 * declared nodes.  An edge key whose attr.name is "weight" (for="edge" or
 * "all") gives each edge its weight, a number in [0, 1] (its <default>, or
 * else 1, for an edge without the data); every other key is warned about
 * on stderr as not used ("crisim: warning: PATH: key "label" (for node) is
 * not used").  Direction: `directed` decides, as for edge lists; a
 * <graph edgedefault> that says otherwise is a warning.  Self-loops and
 * repeated edges are dropped and counted as by netio.  Errors name the
 * file and line:
 *   PATH:L: expected a GraphML document, got <root>
 *   PATH:L: edge: expected the id of a node as source, got "x"
 *   PATH:L: edge: expected a weight in [0, 1], got "2"
 *   PATH:L: node: id "a" is declared twice
 * plus the parser's own message for XML that is not well-formed.  The
 * document is read with XML_PARSE_NONET (no network) and without entity
 * substitution.  Memory: libxml2's tree of the whole document, then the
 * graph.
 *
 * Output (graphml_write): the graph's arcs as directed <edge>s in CSR order,
 * nodes in agent order with ids "n" + the id (graph_id_of) or, with names,
 * the names; a "weight" key and <data> per edge on a weighted graph.  It
 * reads back (directed) as the same graph with the same weights. */
#ifndef CRISIM_GRAPHML_H
#define CRISIM_GRAPHML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "graph.h"
#include "netio.h"
#include "status.h"

/* 1 when `path` ends in ".graphml" (any case). */
int graphml_is_path(const char *path);

/* Read the GraphML at `path` into *g (graph_free frees it); *rep (may be
 * NULL) gets lines = edges read, named, weighted, the dropped counts and
 * unused_columns = keys not used.  ST_OK, ST_NOMEM, ST_BADINPUT or ST_IO
 * (err set, one line; *g zeroed on failure). */
enum status graphml_read(const char *path, bool directed, struct graph *g,
                         struct net_report *rep, char *err, size_t errlen);

/* Write g as GraphML to f.  ST_OK, ST_NOMEM, or ST_IO when a write or the
 * flush fails. */
enum status graphml_write(const struct graph *g, FILE *f);

#endif
