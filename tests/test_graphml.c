/* graphml: GraphML documents read as graphs (nodes in document order, ids
 * as names, the weight key per edge, other keys counted as unused);
 * malformed documents are errors naming the file and line; export is
 * well-formed XML (xmllint) and reads back as the same graph. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "graphml.h"
#include "netio.h"

static void temp_file(char path[64], const char *text)
{
	strcpy(path, "/tmp/crisim-graphml-XXXXXX");
	int fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	FILE *f = fdopen(fd, "w");
	cr_assert_not_null(f);
	cr_assert_geq(fputs(text, f), 0);
	cr_assert_eq(fclose(f), 0);
}

static float weight_of(const struct graph *g, uint32_t u, uint32_t v)
{
	for (uint64_t i = g->off[u]; i < g->off[u + 1]; i++)
		if (g->adj[i] == v)
			return g->w[i];
	cr_assert_fail("no arc %u -> %u", u, v);
	return -1.0f;
}

#define HEAD "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml." \
	"graphdrawing.org/xmlns\">\n"

Test(graphml, reads_nodes_edges_weights_and_counts_unused_keys)
{
	char path[64], err[512] = "";
	struct graph g;
	struct net_report rep;
	temp_file(path, HEAD
	          "<key id=\"d0\" for=\"node\" attr.name=\"label\" "
	          "attr.type=\"string\"/>\n"
	          "<key id=\"d1\" for=\"edge\" attr.name=\"weight\" "
	          "attr.type=\"double\"><default>0.5</default></key>\n"
	          "<graph edgedefault=\"directed\">\n"
	          "<node id=\"zed\"><data key=\"d0\">Z</data></node>\n"
	          "<node id=\"amy\"/><node id=\"lone\"/><node id=\"bo\"/>\n"
	          "<edge source=\"zed\" target=\"amy\"><data key=\"d1\">0.25"
	          "</data></edge>\n"
	          "<edge source=\"amy\" target=\"bo\"/>\n"
	          "<edge source=\"bo\" target=\"bo\"/>\n"
	          "<edge source=\"bo\" target=\"zed\"><data key=\"d1\">1</data>"
	          "</edge>\n</graph>\n</graphml>\n");
	cr_assert_eq(graphml_read(path, true, &g, &rep, err, sizeof err), ST_OK,
	             "%s", err);
	unlink(path);
	cr_assert_eq(g.n, 4);
	cr_assert_eq(g.arcs, 3);
	cr_assert(graph_valid(&g));
	/* Document order, not sorted. */
	cr_assert_str_eq(g.names[0], "zed");
	cr_assert_str_eq(g.names[1], "amy");
	cr_assert_str_eq(g.names[2], "lone");
	cr_assert_str_eq(g.names[3], "bo");
	cr_assert_float_eq(weight_of(&g, 0, 1), 0.25f, 0);
	cr_assert_float_eq(weight_of(&g, 1, 3), 0.5f, 0);  /* the default */
	cr_assert_float_eq(weight_of(&g, 3, 0), 1.0f, 0);
	cr_assert_eq(rep.self_loops, 1);
	cr_assert_eq(rep.unused_ids, 1);
	cr_assert_eq(rep.unused_columns, 1);
	cr_assert(rep.weighted);
	cr_assert(rep.named);
	graph_free(&g);
}

static void read_fails(const char *text, int rc, const char *want)
{
	char path[64], err[512] = "";
	struct graph g;
	temp_file(path, text);
	cr_assert_eq(graphml_read(path, false, &g, NULL, err, sizeof err), rc,
	             "%s: %s", text, err);
	cr_assert(strstr(err, want), "message \"%s\" lacks \"%s\"", err, want);
	cr_assert(strncmp(err, path, strlen(path)) == 0, "%s", err);
	cr_assert_null(g.off);
	unlink(path);
}

Test(graphml, malformed_documents_name_file_and_line)
{
	read_fails(HEAD "<graph>\n<node id=\"a\"/>\n<edge source=\"a\" "
	           "target=\"b\"/>\n</graph></graphml>\n", ST_BADINPUT,
	           ":5: edge: expected the id of a node as target, got \"b\"");
	read_fails(HEAD "<key id=\"w\" for=\"edge\" attr.name=\"weight\"/>\n"
	           "<graph>\n<node id=\"a\"/><node id=\"b\"/>\n<edge "
	           "source=\"a\" target=\"b\"><data key=\"w\">2</data></edge>\n"
	           "</graph></graphml>\n", ST_BADINPUT,
	           ": edge: expected a weight in [0, 1], got \"2\"");
	read_fails(HEAD "<graph>\n<node id=\"a\"/><node id=\"a\"/>\n"
	           "</graph></graphml>\n", ST_BADINPUT,
	           ": node: id \"a\" is declared twice");
	read_fails(HEAD "<graph>\n<node id=\"a\"/>\n</graph></graphml>\n",
	           ST_BADINPUT, ": graph: expected edges, got none");
	read_fails("<gexf/>\n", ST_BADINPUT,
	           ":1: expected a GraphML document, got <gexf>");
	read_fails(HEAD "<graph>\n<node id=\"a\">\n</graph>\n", ST_BADINPUT,
	           ": expected GraphML (XML), got an error: ");
	read_fails("0 1\n", ST_BADINPUT, ": expected GraphML (XML)");

	char err[512];
	struct graph g;
	cr_assert_eq(graphml_read("/nonexistent/x.graphml", false, &g, NULL, err,
	                          sizeof err), ST_IO);
	cr_assert_str_eq(err, "/nonexistent/x.graphml: No such file or "
	                 "directory");
	cr_assert(graphml_is_path("a/b.GraphML"));
	cr_assert(!graphml_is_path("b.graphml.txt"));
}

/* Write g to a temporary GraphML file, check it with xmllint, read it back
 * directed into *h. */
static void round_trip(const struct graph *g, struct graph *h)
{
	char path[64], cmd[128], err[512] = "";
	strcpy(path, "/tmp/crisim-graphml-out-XXXXXX");
	FILE *f = fdopen(mkstemp(path), "w");
	cr_assert_not_null(f);
	cr_assert_eq(graphml_write(g, f), ST_OK);
	cr_assert_eq(fclose(f), 0);
	snprintf(cmd, sizeof cmd, "xmllint --noout %s", path);
	cr_assert_eq(system(cmd), 0, "xmllint refused %s", path);
	cr_assert_eq(graphml_read(path, true, h, NULL, err, sizeof err), ST_OK,
	             "%s", err);
	unlink(path);
	cr_assert_eq(h->n, g->n);
	cr_assert_eq(h->arcs, g->arcs);
	cr_assert(!memcmp(h->off, g->off, (g->n + 1) * sizeof *g->off));
	cr_assert(!memcmp(h->adj, g->adj, g->arcs * sizeof *g->adj));
}

Test(graphml, export_is_valid_xml_and_reads_back)
{
	char err[512] = "", path[64];
	struct graph g, h;
	cr_assert_eq(netio_read_edgelist("scenarios/data/karate_zachary_edges.txt",
	                                 false, &g, NULL, err, sizeof err), ST_OK,
	             "%s", err);
	round_trip(&g, &h);
	cr_assert_str_eq(h.names[0], "n0");
	cr_assert_str_eq(h.names[33], "n33");
	cr_assert_null(h.w);
	graph_free(&g);
	graph_free(&h);

	/* Names that need escaping, and weights. */
	temp_file(path, "source,target,weight\nA&B,<c>,0.25\n<c>,\"d\",1\n"
	          "\"d\",A&B,0\n");
	cr_assert_eq(netio_read_edgelist(path, true, &g, NULL, err, sizeof err),
	             ST_OK, "%s", err);
	unlink(path);
	round_trip(&g, &h);
	for (uint32_t v = 0; v < g.n; v++)
		cr_assert_str_eq(h.names[v], g.names[v]);
	cr_assert(!memcmp(h.w, g.w, g.arcs * sizeof *g.w));
	graph_free(&g);
	graph_free(&h);
}
