/* netio: the shipped real networks import with their published counts and
 * statistics; malformed input is reported with its line; export round-trips.
 * Run from the repository root (data paths are relative to it). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "graph_stats.h"
#include "netio.h"

#define DATA "scenarios/data/"

static void read_ok(const char *path, bool directed, struct graph *g,
                    struct net_report *rep)
{
	char err[512] = "";
	int rc = netio_read_edgelist(path, directed, g, rep, err, sizeof err);
	cr_assert_eq(rc, ST_OK, "%s", err);
}

/* Write the `len` bytes of `text` (NUL bytes included) to a fresh
 * temporary file; its path goes to path[]. */
static void temp_bytes(char path[64], const char *text, size_t len)
{
	int fd;
	FILE *f;
	strcpy(path, "/tmp/crisim-netio-XXXXXX");
	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	f = fdopen(fd, "w");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(text, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
}

static void temp_file(char path[64], const char *text)
{
	temp_bytes(path, text, strlen(text));
}

/* Parse the `len` bytes of `text` expecting failure with code rc and `want`
 * in the message. */
static void read_fails_n(const char *text, size_t len, int rc,
                         const char *want)
{
	char path[64], err[512] = "";
	struct graph g;
	temp_bytes(path, text, len);
	cr_assert_eq(netio_read_edgelist(path, false, &g, NULL, err, sizeof err),
	             rc, "input \"%s\": %s", text, err);
	cr_assert(strstr(err, want), "message \"%s\" lacks \"%s\"", err, want);
	cr_assert(strncmp(err, path, strlen(path)) == 0, "message \"%s\" does "
	          "not start with the path", err);
	cr_assert_null(g.off);
	unlink(path);
}

static void read_fails(const char *text, int rc, const char *want)
{
	read_fails_n(text, strlen(text), rc, want);
}

static struct net_report read_text(const char *text, bool directed,
                                   struct graph *g)
{
	char path[64];
	struct net_report rep;
	temp_file(path, text);
	read_ok(path, directed, g, &rep);
	unlink(path);
	return rep;
}

Test(netio, facebook_combined)
{
	/* Published: 4039 nodes, 88234 undirected edges, <k> = 43.691,
	 * <k^2> = 4656.14, k_max = 1045, one component, average clustering
	 * 0.6055 (SNAP; networkx 0.60555).  All ties mutual, so out-degree is
	 * the undirected degree; the stated digits set the tolerances. */
	struct graph g;
	struct net_report rep;
	struct graph_stats st;
	read_ok(DATA "facebook_combined.txt", false, &g, &rep);
	cr_assert_eq(g.n, 4039);
	cr_assert_eq(g.arcs, 176468);
	cr_assert_eq(rep.lines, 88234);
	cr_assert_eq(rep.duplicates, 0);
	cr_assert_eq(rep.self_loops, 0);
	cr_assert_eq(rep.base, 0);
	cr_assert_eq(rep.unused_ids, 0);
	cr_assert_eq(graph_stats(&g, NULL, UINT32_MAX, &st), ST_OK);
	cr_assert_float_eq(st.mean_degree, 43.691, 5e-4);
	cr_assert_float_eq(st.k2, 4656.14, 5e-3);
	cr_assert_eq(st.max_degree, 1045);
	cr_assert_eq(st.giant_weak, 4039);
	cr_assert_float_eq(st.reciprocity, 1.0, 1e-12);
	cr_assert_float_eq(st.clustering, 0.6055, 1e-4, "%g", st.clustering);
	graph_free(&g);
}

Test(netio, email_eu_core_directed_and_undirected)
{
	/* 25571 lines, 642 self-loops, no repeated arc (24929 distinct arcs,
	 * counted with awk), 16064 undirected simple edges; 19 ids occur only
	 * in self-loops; largest component 986; clustering 0.3994 (SNAP). */
	struct graph g;
	struct net_report rep;
	struct graph_stats st;
	read_ok(DATA "email-Eu-core.txt", true, &g, &rep);
	cr_assert_eq(g.n, 1005);
	cr_assert_eq(rep.lines, 25571);
	cr_assert_eq(rep.self_loops, 642);
	cr_assert_eq(rep.duplicates, 0);
	cr_assert_eq(g.arcs, 24929);
	cr_assert_eq(rep.unused_ids, 19);
	cr_assert_eq(graph_stats(&g, NULL, UINT32_MAX, &st), ST_OK);
	cr_assert_eq(st.giant_weak, 986);
	cr_assert_float_eq(st.clustering, 0.3994, 1e-4, "%g", st.clustering);
	graph_free(&g);

	read_ok(DATA "email-Eu-core.txt", false, &g, &rep);
	cr_assert_eq(g.arcs, 2 * 16064);
	cr_assert_eq(rep.self_loops, 642);
	/* Lines u v and v u are one undirected tie: 24929 - 16064 repeats. */
	cr_assert_eq(rep.duplicates, 24929 - 16064);
	graph_free(&g);
}

Test(netio, karate_is_one_based)
{
	struct graph g;
	struct net_report rep;
	struct graph_stats st;
	read_ok(DATA "karate_zachary_edges.txt", false, &g, &rep);
	cr_assert_eq(rep.base, 1);
	cr_assert_eq(g.n, 34);
	cr_assert_eq(g.arcs, 156);
	cr_assert_eq(rep.lines, 78);
	cr_assert_eq(graph_stats(&g, NULL, 34, &st), ST_OK);
	cr_assert_eq(st.max_degree, 17);
	cr_assert_float_eq(st.k2, 35.65, 5e-3);
	cr_assert_float_eq(st.clustering, 0.5706, 1e-4, "%g", st.clustering);
	graph_free(&g);
}

Test(netio, comments_blanks_tabs_crlf)
{
	struct graph g;
	struct net_report rep = read_text(
		"# header\n% matrix-market style\n\n   \n0\t1\r\n1 2\n"
		"  2   0  \n", true, &g);
	cr_assert_eq(rep.lines, 3);
	cr_assert_eq(rep.base, 0);
	cr_assert_eq(g.n, 3);
	cr_assert_eq(g.arcs, 3);
	cr_assert_eq(graph_out(&g, 0)[0], 1);  /* arc u -> v: v in u's audience */
	cr_assert_eq(graph_out(&g, 2)[0], 0);
	graph_free(&g);
}

Test(netio, loops_duplicates_and_unused_ids)
{
	struct graph g;
	/* Ids 3 and 4 are on no line: no agents.  Id 2 is, in a loop only: an
	 * isolated agent.  So the ids 0 1 2 5 are agents 0 1 2 3. */
	struct net_report rep = read_text("0 1\n1 0\n2 2\n0 1\n0 5\n", false, &g);
	cr_assert_eq(rep.lines, 5);
	cr_assert_eq(rep.self_loops, 1);
	cr_assert_eq(rep.duplicates, 2);
	cr_assert_eq(g.n, 4);
	cr_assert_eq(g.arcs, 4);
	cr_assert_eq(rep.unused_ids, 1);
	cr_assert(rep.mapped);
	cr_assert_not_null(g.ids);
	cr_assert_eq(g.ids[3], 5);
	cr_assert_eq(graph_out_degree(&g, 0), 2);
	cr_assert_eq(graph_out(&g, 0)[1], 3);
	cr_assert(graph_valid(&g));
	graph_free(&g);

	rep = read_text("0 1\n1 0\n0 1\n", true, &g);
	cr_assert_eq(rep.duplicates, 1);
	cr_assert_eq(g.arcs, 2);
	graph_free(&g);

	/* Smallest id 1 but not 1..n: sparse, ranked, not shifted. */
	rep = read_text("1 3\n", false, &g);
	cr_assert(rep.mapped);
	cr_assert_eq(rep.base, 0);
	cr_assert_eq(g.n, 2);
	cr_assert_eq(g.ids[0], 1);
	cr_assert_eq(g.ids[1], 3);
	cr_assert_eq(rep.unused_ids, 0);
	graph_free(&g);
}

/* A file whose ids are 0..n-1 or 1..n has no id map, as before: agent v
 * is id v, or id v + 1. */
Test(netio, dense_ids_keep_their_numbers)
{
	struct graph g;
	struct net_report rep = read_text("2 0\n1 2\n", true, &g);
	cr_assert_null(g.ids);
	cr_assert(!rep.mapped);
	cr_assert_eq(rep.base, 0);
	cr_assert_eq(g.n, 3);
	cr_assert_eq(graph_out(&g, 2)[0], 0);
	graph_free(&g);

	rep = read_text("3 1\n2 3\n", true, &g);
	cr_assert_null(g.ids);
	cr_assert_eq(rep.base, 1);
	cr_assert_eq(rep.id_min, 1);
	cr_assert_eq(rep.id_max, 3);
	cr_assert_eq(g.n, 3);
	cr_assert_eq(graph_out(&g, 2)[0], 0);
	graph_free(&g);
}

/* Sparse ids: the agents are the distinct ids, in ascending order, and
 * nothing is allocated for the ids between them (4e9 of them here: before
 * the map, n was the largest id + 1). */
Test(netio, sparse_ids_are_ranked)
{
	struct graph g;
	struct net_report rep = read_text("4000000000 0\n", true, &g);
	uint32_t v = 99;
	cr_assert_eq(g.n, 2);
	cr_assert_eq(g.arcs, 1);
	cr_assert(rep.mapped);
	cr_assert_eq(rep.id_min, 0);
	cr_assert_eq(rep.id_max, 4000000000u);
	cr_assert_eq(rep.unused_ids, 0);
	cr_assert_eq(g.ids[0], 0);
	cr_assert_eq(g.ids[1], 4000000000u);
	cr_assert_eq(graph_out(&g, 1)[0], 0);
	cr_assert(graph_index_of(&g, 4000000000u, &v));
	cr_assert_eq(v, 1);
	cr_assert(!graph_index_of(&g, 1, &v));
	cr_assert(graph_valid(&g));
	graph_free(&g);
}

/* 64-bit ids, up to UINT64_MAX - 1; the pair list widens from 32-bit ids
 * at the first id that needs it, keeping the pairs read before. */
Test(netio, sixty_four_bit_ids)
{
	struct graph g;
	struct net_report rep = read_text(
	        "5 6\n"
	        "9223372036854775807 9223372036854775808\n"
	        "9223372036854775808 18446744073709551614\n"
	        "6 9223372036854775807\n", true, &g);
	const uint64_t want[] = { 5, 6, 9223372036854775807u,
	                          9223372036854775808u, 18446744073709551614u };
	cr_assert_eq(g.n, 5);
	cr_assert_eq(rep.id_max, 18446744073709551614u);
	for (uint32_t v = 0; v < 5; v++)
		cr_assert_eq(g.ids[v], want[v], "ids[%u]", v);
	cr_assert_eq(graph_out(&g, 0)[0], 1);  /* 5 -> 6 */
	cr_assert_eq(graph_out(&g, 1)[0], 2);  /* 6 -> 2^63 - 1 */
	cr_assert_eq(graph_out(&g, 2)[0], 3);
	cr_assert_eq(graph_out(&g, 3)[0], 4);
	cr_assert(graph_valid(&g));
	graph_free(&g);

	read_fails("0 18446744073709551615\n", ST_BADINPUT, ": line 1: expected");
	read_fails("0 1\n18446744073709551616 1\n", ST_BADINPUT, ": line 2: expected");
}

/* Both ways of mapping (a bitmap for ids below 64 x lines, a sort above)
 * give the ranks: even ids (bitmap) and ids a million apart (sort). */
Test(netio, both_mappings_rank)
{
	for (uint64_t step = 2; step <= 1000000; step *= 500000) {
		size_t lines = 1000, len = 0;
		char *text = malloc(lines * 48);
		struct graph g;
		cr_assert_not_null(text);
		for (size_t i = 0; i < lines; i++)
			len += (size_t)sprintf(text + len, "%llu %llu\n",
			                       (unsigned long long)(step * (i + 1)),
			                       (unsigned long long)(step * i));
		struct net_report rep = read_text(text, true, &g);
		cr_assert(rep.mapped);
		cr_assert_eq(g.n, lines + 1);
		for (uint32_t v = 0; v < g.n; v++)
			cr_assert_eq(g.ids[v], step * v, "step %llu: ids[%u]",
			             (unsigned long long)step, v);
		for (uint32_t v = 1; v < g.n; v++)
			cr_assert_eq(graph_out(&g, v)[0], v - 1);
		graph_free(&g);
		free(text);
	}
}

Test(netio, malformed_lines_name_their_number)
{
	read_fails("0 1\n# ok\n2 x\n", ST_BADINPUT,
	           ": line 3: expected two non-negative integer ids, got \"2 x\"");
	read_fails("0 1\n-1 2\n", ST_BADINPUT, ": line 2: expected");
	read_fails("5\n", ST_BADINPUT, ": line 1: expected two non-negative "
	           "integer ids, got \"5\"");
	read_fails("1.5 2\n", ST_BADINPUT, "line 1");
	read_fails("0 99999999999999999999999\n", ST_BADINPUT, "line 1");
	read_fails("0x1 2\n", ST_BADINPUT, "line 1");
}

Test(netio, empty_files_are_errors)
{
	read_fails("", ST_BADINPUT, ": no edges");
	read_fails("# nothing\n\n", ST_BADINPUT, ": no edges");
	read_fails("3 3\n", ST_BADINPUT, ": no edges");
}

Test(netio, missing_file)
{
	struct graph g;
	char err[512] = "";
	cr_assert_eq(netio_read_edgelist("scenarios/data/no-such-file.txt", false,
	                                 &g, NULL, err, sizeof err), ST_IO);
	cr_assert_str_eq(err, "scenarios/data/no-such-file.txt: No such file or "
	                 "directory");
}

Test(netio, write_round_trip)
{
	struct graph g, h;
	char path[64];
	FILE *f;
	char first[128];
	read_ok(DATA "karate_zachary_edges.txt", false, &g, NULL);
	strcpy(path, "/tmp/crisim-netio-out-XXXXXX");
	f = fdopen(mkstemp(path), "w");
	cr_assert_not_null(f);
	cr_assert_eq(netio_write_edgelist(&g, f), ST_OK);
	cr_assert_eq(fclose(f), 0);
	f = fopen(path, "r");
	cr_assert_not_null(fgets(first, sizeof first, f));
	fclose(f);
	cr_assert_str_eq(first, "# crisim edge list: 34 nodes, 156 arcs\n");
	read_ok(path, true, &h, NULL);  /* now 0-based: vertex 0 has arcs */
	cr_assert_eq(h.n, g.n);
	cr_assert_eq(h.arcs, g.arcs);
	cr_assert(!memcmp(h.off, g.off, (g.n + 1) * sizeof *g.off));
	cr_assert(!memcmp(h.adj, g.adj, g.arcs * sizeof *g.adj));
	graph_free(&g);
	graph_free(&h);
	unlink(path);
}

/* A graph with an id map is written with the file's ids, so that the list
 * reads back as the same graph with the same map. */
Test(netio, write_round_trip_keeps_sparse_ids)
{
	struct graph g, h;
	char path[64];
	FILE *f;
	read_text("10 4000000000\n4000000000 7\n", true, &g);
	strcpy(path, "/tmp/crisim-netio-out-XXXXXX");
	f = fdopen(mkstemp(path), "w+");
	cr_assert_not_null(f);
	cr_assert_eq(netio_write_edgelist(&g, f), ST_OK);
	rewind(f);
	char line[128];
	cr_assert_not_null(fgets(line, sizeof line, f));
	cr_assert_not_null(fgets(line, sizeof line, f));
	cr_assert_str_eq(line, "10 4000000000\n");
	fclose(f);
	read_ok(path, true, &h, NULL);
	cr_assert_eq(h.n, 3);
	cr_assert(!memcmp(h.ids, g.ids, g.n * sizeof *g.ids));
	cr_assert(!memcmp(h.adj, g.adj, g.arcs * sizeof *g.adj));
	graph_free(&g);
	graph_free(&h);
	unlink(path);
}

Test(netio, write_errors_are_detected)
{
	/* A stream opened for reading refuses writes: the error must surface
	 * (through the fprintf result or the final flush). */
	struct graph g;
	FILE *f;
	read_ok(DATA "karate_zachary_edges.txt", false, &g, NULL);
	f = fopen(DATA "karate_zachary_edges.txt", "r");
	cr_assert_not_null(f);
	cr_assert_eq(netio_write_edgelist(&g, f), ST_IO);
	fclose(f);
	graph_free(&g);
}

/* Line ends: "\n", "\r\n" and a lone "\r" (old Mac files) each end a line,
 * so a CR-only file is as many lines as it has CRs, not one. */
Test(netio, cr_and_crlf_end_lines)
{
	struct graph g;
	struct net_report rep = read_text("0 1\r1 2\r2 3\r", false, &g);
	cr_assert_eq(rep.lines, 3);
	cr_assert_eq(g.n, 4);
	cr_assert_eq(g.arcs, 6);
	graph_free(&g);

	rep = read_text("# crlf\r\n0 1\r\n1 2\r\n", true, &g);
	cr_assert_eq(rep.lines, 2);
	cr_assert_eq(g.arcs, 2);
	graph_free(&g);

	/* CR then CRLF: two line ends, the second line empty. */
	rep = read_text("0 1\r\r\n1 2", true, &g);
	cr_assert_eq(rep.lines, 2);
	graph_free(&g);

	/* Line numbers count every kind of line end. */
	read_fails("0 1\r\n# c\r2 x\r3 4\n", ST_BADINPUT,
	           ": line 3: expected two non-negative integer ids, got \"2 x\"");
}

/* Without a header a third column is the weight: anything but a number in
 * [0, 1] is an error naming the line and column, never dropped; a line
 * with another number of columns than the first is an error. */
Test(netio, third_columns_are_weights_or_errors)
{
	read_fails("0 1\n1 2 foo\n", ST_BADINPUT,
	           ": line 2: expected 2 columns (as on line 1), got 3");
	read_fails("0 1 0.5\n1 2 foo\n", ST_BADINPUT, ": line 2, column 3: "
	           "expected a weight in [0, 1], got \"foo\" (without a header");
	read_fails("0 1 1.5\n", ST_BADINPUT, ": line 1, column 3: expected a "
	           "weight in [0, 1], got \"1.5\"");
	read_fails("0 1 -0.1\n", ST_BADINPUT, "got \"-0.1\"");
	read_fails("0 1 nan\n", ST_BADINPUT, "got \"nan\"");
	read_fails("0 1 0.5\n1 2\n", ST_BADINPUT,
	           ": line 2: expected 3 columns (as on line 1), got 2");
	read_fails("0 1\t# a comment\n", ST_BADINPUT, ": line 1");
	/* Blanks after the ids are not a column. */
	struct graph g;
	struct net_report rep = read_text("0 1 \t\n1 2\t\r\n", false, &g);
	cr_assert_eq(rep.lines, 2);
	cr_assert(!rep.weighted);
	cr_assert_null(g.w);
	graph_free(&g);
}

/* The weight of each arc, found by its ends. */
static float weight_of(const struct graph *g, uint32_t u, uint32_t v)
{
	for (uint64_t i = g->off[u]; i < g->off[u + 1]; i++)
		if (g->adj[i] == v)
			return g->w[i];
	cr_assert_fail("no arc %u -> %u", u, v);
	return -1.0f;
}

/* Weights follow their arcs through the sort of the adjacency lists; an
 * undirected tie gives both arcs its weight; a repeated pair keeps the
 * first line's weight. */
Test(netio, weights_follow_their_arcs)
{
	struct graph g;
	struct net_report rep = read_text("2 0 0.25\n0 1 1\n0 2 0.5\n1 0 0\n"
	                                  "2 1 0.75\n2 0 0.125\n", true, &g);
	cr_assert(rep.weighted);
	cr_assert_eq(rep.duplicates, 1);
	cr_assert_not_null(g.w);
	cr_assert(graph_valid(&g));
	cr_assert_float_eq(weight_of(&g, 2, 0), 0.25f, 0);
	cr_assert_float_eq(weight_of(&g, 0, 1), 1.0f, 0);
	cr_assert_float_eq(weight_of(&g, 0, 2), 0.5f, 0);
	cr_assert_float_eq(weight_of(&g, 1, 0), 0.0f, 0);
	cr_assert_float_eq(weight_of(&g, 2, 1), 0.75f, 0);
	graph_free(&g);

	rep = read_text("0,1,0.25\n1,2,0.5\n2,0,1e-1\n", false, &g);
	cr_assert_eq(g.arcs, 6);
	cr_assert_float_eq(weight_of(&g, 0, 1), 0.25f, 0);
	cr_assert_float_eq(weight_of(&g, 1, 0), 0.25f, 0);
	cr_assert_float_eq(weight_of(&g, 2, 1), 0.5f, 0);
	cr_assert_float_eq(weight_of(&g, 0, 2), 0.1f, 0);
	graph_free(&g);
}

/* Separators: commas (each field trimmed of blanks), tabs or spaces; the
 * first line that is not a comment decides between commas and blanks. */
Test(netio, comma_tab_and_space_separators)
{
	struct graph g;
	struct net_report rep = read_text("# c\n0, 1\n1 ,2\n 2,3 \n", true, &g);
	cr_assert_eq(rep.lines, 3);
	cr_assert_eq(g.arcs, 3);
	graph_free(&g);
	rep = read_text("0\t1\n1\t\t2\n2 3\n", true, &g);
	cr_assert_eq(g.arcs, 3);
	graph_free(&g);
	read_fails("0,1\n1,,2\n", ST_BADINPUT,
	           ": line 2: expected 2 columns (as on line 1), got 3");
	read_fails("0,1\n1,\n", ST_BADINPUT,
	           ": line 2: expected an id in column 2, got an empty field");
}

/* A header line names the columns, in any order, case-insensitively;
 * columns it names but crisim does not read are counted (and warned
 * about on stderr); with a header the ids may be strings, ranked in
 * ascending byte order, their names kept in g->names. */
Test(netio, headers_and_string_ids)
{
	struct graph g;
	struct net_report rep = read_text("Weight,Time,Target,Source\n"
	                                  "0.5,3,bob,alice\n1,4,carol,bob\n"
	                                  "0,5,alice,carol\n", true, &g);
	cr_assert(rep.named);
	cr_assert(rep.weighted);
	cr_assert_eq(rep.unused_columns, 1);
	cr_assert_eq(rep.lines, 3);
	cr_assert_eq(g.n, 3);
	cr_assert_null(g.ids);
	cr_assert_not_null(g.names);
	cr_assert_str_eq(g.names[0], "alice");
	cr_assert_str_eq(g.names[1], "bob");
	cr_assert_str_eq(g.names[2], "carol");
	cr_assert(graph_valid(&g));
	/* alice -> bob 0.5, bob -> carol 1, carol -> alice 0. */
	cr_assert_float_eq(weight_of(&g, 0, 1), 0.5f, 0);
	cr_assert_float_eq(weight_of(&g, 1, 2), 1.0f, 0);
	cr_assert_float_eq(weight_of(&g, 2, 0), 0.0f, 0);
	graph_free(&g);

	/* A header over integer ids keeps them numbers (the sparse map). */
	rep = read_text("source target\n10 20\n20 30\n", true, &g);
	cr_assert(!rep.named);
	cr_assert(rep.mapped);
	cr_assert_null(g.names);
	cr_assert_eq(g.ids[2], 30);
	graph_free(&g);

	/* Integers seen before the first string become names too: "10" sorts
	 * before "9" and "x". */
	rep = read_text("from\tto\n9 10\n10 x\n", false, &g);
	cr_assert(rep.named);
	cr_assert_str_eq(g.names[0], "10");
	cr_assert_str_eq(g.names[1], "9");
	cr_assert_str_eq(g.names[2], "x");
	cr_assert_eq(g.arcs, 4);
	graph_free(&g);

	/* Names may hold blanks between commas, not tabs. */
	rep = read_text("source,target\nNew York, Paris\nParis,Rome\n", true, &g);
	cr_assert_str_eq(g.names[0], "New York");
	graph_free(&g);
	read_fails("source,target\na\tb,c\n", ST_BADINPUT,
	           ": line 2: expected an id without a tab in column 1");
	/* Without a header, string ids are an error that says what to do. */
	read_fails("alice bob\n", ST_BADINPUT, ": line 1: expected two "
	           "non-negative integer ids, got \"alice bob\" (string ids "
	           "need a header line");
	read_fails("source target\n", ST_BADINPUT, ": no edges");
}

/* A fourth column without a header, or a named column crisim does not
 * read, is counted as unused (and warned about), never silent. */
Test(netio, unused_columns_are_counted)
{
	struct graph g;
	struct net_report rep = read_text("0 1 0.5 1217567877 x\n1 2 1 1217567878 "
	                                  "y\n", true, &g);
	cr_assert_eq(rep.unused_columns, 2);
	cr_assert(rep.weighted);
	graph_free(&g);
	rep = read_text("0 1\n", true, &g);
	cr_assert_eq(rep.unused_columns, 0);
	graph_free(&g);
}

/* Names and weights write back as a list that reads as the same graph. */
Test(netio, write_round_trip_keeps_names_and_weights)
{
	struct graph g, h;
	char path[64];
	FILE *f;
	read_text("source,target,weight\nNew York,Paris,0.5\nParis,Rome,0.25\n"
	          "Rome,New York,1\n", true, &g);
	strcpy(path, "/tmp/crisim-netio-out-XXXXXX");
	f = fdopen(mkstemp(path), "w");
	cr_assert_not_null(f);
	cr_assert_eq(netio_write_edgelist(&g, f), ST_OK);
	cr_assert_eq(fclose(f), 0);
	read_ok(path, true, &h, NULL);
	cr_assert_eq(h.n, g.n);
	cr_assert(!memcmp(h.off, g.off, (g.n + 1) * sizeof *g.off));
	cr_assert(!memcmp(h.adj, g.adj, g.arcs * sizeof *g.adj));
	cr_assert(!memcmp(h.w, g.w, g.arcs * sizeof *g.w));
	for (uint32_t v = 0; v < g.n; v++)
		cr_assert_str_eq(h.names[v], g.names[v]);
	graph_free(&g);
	graph_free(&h);
	unlink(path);
}

/* A NUL byte is an error naming its line and column, wherever it is: the
 * text after it must not be dropped unnoticed. */
Test(netio, nul_bytes_are_errors)
{
	static const char mid[] = "0 1\n1 2\0garbage\n2 3\n";
	static const char start[] = "0 1\n\0\n";
	static const char end[] = "0 1\n1 2\n\0";
	read_fails_n(mid, sizeof mid - 1, ST_BADINPUT,
	             ": line 2, column 4: a NUL byte");
	read_fails_n(start, sizeof start - 1, ST_BADINPUT,
	             ": line 2, column 1: a NUL byte");
	read_fails_n(end, sizeof end - 1, ST_BADINPUT,
	             ": line 3, column 1: a NUL byte");
}

/* A file without line ends cannot fill memory: /dev/zero stops at its first
 * byte, and a line past the 1 MiB cap is an error naming it, even when it
 * would parse. */
Test(netio, endless_and_overlong_lines_are_errors)
{
	struct graph g;
	char err[512] = "";
	size_t len = ((size_t)1 << 20) + 16;
	char *text = malloc(len + 16);
	cr_assert_eq(netio_read_edgelist("/dev/zero", false, &g, NULL, err,
	                                 sizeof err), ST_BADINPUT);
	cr_assert(strstr(err, "/dev/zero: line 1, column 1: a NUL byte"), "%s",
	          err);
	cr_assert_not_null(text);
	strcpy(text, "0 1\n");
	memset(text + 4, ' ', len - 4);
	strcpy(text + len, "1 2\n");
	read_fails(text, ST_BADINPUT, ": line 2: expected a line of two ids, "
	           "got more than 1048576 bytes without a line end");
	/* Just under the cap is still a line. */
	memset(text + 4, ' ', len - 4);
	strcpy(text + ((size_t)1 << 20) - 8, "1 2\n");
	struct net_report rep = read_text(text, false, &g);
	cr_assert_eq(rep.lines, 2);
	graph_free(&g);
	free(text);
}

/* Line ends that fall across the reader's 1 MiB blocks: a "\r\n" split
 * between two blocks is one line end, and every line is counted once. */
Test(netio, line_ends_across_blocks)
{
	size_t lines = 300000, len = 0;
	char *text = malloc(lines * 12 + 1);
	struct graph g;
	cr_assert_not_null(text);
	for (size_t i = 0; i < lines; i++)
		len += (size_t)sprintf(text + len, "%zu %zu%s", i % 1000,
		                       i % 1000 + 1, i % 3 ? "\r\n" : "\r");
	struct net_report rep = read_text(text, true, &g);
	cr_assert_eq(rep.lines, lines);
	cr_assert_eq(g.n, 1001);
	cr_assert_eq(g.arcs, 1000);
	cr_assert_eq(rep.duplicates, lines - 1000);
	graph_free(&g);
	free(text);

	/* "\r" the last byte of the first block, "\n" the first of the next:
	 * the error is on line 4, not 5. */
	size_t block = (size_t)1 << 20;
	text = malloc(block + 64);
	cr_assert_not_null(text);
	strcpy(text, "0 1\n#");
	memset(text + 5, '.', block - 6);
	strcpy(text + block - 1, "\r\n1 2\n2 x\n");
	read_fails(text, ST_BADINPUT, ": line 4: expected two non-negative");
	free(text);
}
