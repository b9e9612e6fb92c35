/* CLI tests of sparse ids in edge lists (issue 13, item 12): memory follows
 * the input, never the largest id; events[].agent names the file's id;
 * ids.tsv maps the agent numbers of the outputs back to the file's ids;
 * dense files behave as before (no map, no ids.tsv). */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "helpers.h"

static char out[65536], err[8192], cmd[4096];
static char dir[] = "/tmp/crisim-ids-XXXXXX";

static void setup(void)
{
	strcpy(dir, "/tmp/crisim-ids-XXXXXX");
	cr_assert_eq(tmpdir_make(dir), 0);
}

static void teardown(void)
{
	cr_assert_eq(tmpdir_remove(dir), 0);
}

TestSuite(cli_ids, .init = setup, .fini = teardown);

/* A cap of about 1 GB on the memory of the command that follows.  Under
 * AddressSanitizer (make check) a limit of address space would stop the
 * sanitizer itself, so there the allocator is capped instead: any single
 * allocation above 1000 MB fails and RSS above 1000 MB ends the process. */
#if defined(__SANITIZE_ADDRESS__)
#define SAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SAN 1
#endif
#endif
#ifdef SAN
#define MEM_CAP "ASAN_OPTIONS=\"$ASAN_OPTIONS:allocator_may_return_null=1:" \
	"max_allocation_size_mb=1000:hard_rss_limit_mb=1000\" "
#else
#define MEM_CAP "ulimit -v 1000000; "
#endif

/* Run `crisim ARGS` (ARGS through the shell), after `prefix`. */
static int crisim_in(const char *prefix, const char *args)
{
	snprintf(cmd, sizeof cmd, "%s%s %s", prefix, crisim_bin(), args);
	return run_cmd(cmd, out, sizeof out, err, sizeof err);
}

static int crisim(const char *args)
{
	return crisim_in("", args);
}

static void write_file(const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	cr_assert_eq(fputs(text, f) >= 0, 1);
	cr_assert_eq(fclose(f), 0);
}

static char *read_out(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return slurp(path);
}

static int exists(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

/* Two ids, 0 and 4000000000: before the map this was a graph of 4e9 + 1
 * agents (32 GB of offsets alone); now it is 2 agents, within 1 GB. */
Test(cli_ids, graph_of_a_huge_id_uses_little_memory)
{
	char args[1024];
	write_file("e.txt", "0 4000000000\n");
	snprintf(args, sizeof args, "graph %s/e.txt", dir);
	cr_assert_eq(crisim_in(MEM_CAP, args), 0, "%s", err);
	cr_assert(strstr(out, "\nnodes\t2\n"), "%s", out);
	cr_assert(strstr(out, "\narcs\t2\n"), "%s", out);
	cr_assert(strstr(out, "\nid_base\tmap\nid_min\t0\nid_max\t4000000000\n"),
	          "%s", out);
	cr_assert(strstr(out, "\nisolated\t0\n"), "%s", out);

	/* 64-bit ids near 2^63 and the largest accepted, written back with
	 * -o as the file's ids. */
	write_file("w.txt", "9223372036854775807 9223372036854775808\n"
	           "18446744073709551614 9223372036854775807\n");
	snprintf(args, sizeof args, "graph %s/w.txt --directed -o %s/back.txt",
	         dir, dir);
	cr_assert_eq(crisim_in(MEM_CAP, args), 0, "%s", err);
	cr_assert(strstr(out, "\nnodes\t3\n"), "%s", out);
	char *back = read_out("back.txt");
	cr_assert_not_null(back);
	cr_assert_str_eq(back, "# crisim edge list: 3 nodes, 2 arcs\n"
	                 "9223372036854775807 9223372036854775808\n"
	                 "18446744073709551614 9223372036854775807\n");
	free(back);
}

/* A dense file reports its id base as before: karate is 1-based. */
Test(cli_ids, dense_files_report_their_base)
{
	cr_assert_eq(crisim("graph scenarios/data/karate_zachary_edges.txt"), 0,
	             "%s", err);
	cr_assert(strstr(out, "\nnodes\t34\n"), "%s", out);
	cr_assert(strstr(out, "\nid_base\t1\nself_loops_dropped"), "%s", out);
}

/* The network of the run tests: ids 5 000 000 000 + 1000 k for k < 60,
 * each followed by the next three. */
static void sparse_network(void)
{
	char text[60 * 3 * 48] = "", *p = text;
	for (unsigned long long k = 0; k < 60; k++)
		for (unsigned long long j = 1; j <= 3; j++)
			p += sprintf(p, "%llu %llu\n", 5000000000ULL + 1000 * k,
			             5000000000ULL + 1000 * ((k + j) % 60));
	write_file("net.txt", text);
}

static void scenario(const char *name, const char *agent)
{
	char text[512];
	snprintf(text, sizeof text,
	         "{\"ticks\": 12, \"network\": {\"file\": \"net.txt\"},"
	         " \"population\": {\"influencers\": 2, \"media\": 1},"
	         " \"events\": [{\"tick\": 1, \"target\": \"agent\", \"agent\": %s}]}",
	         agent);
	write_file(name, text);
}

/* events[].agent names the file's id; the outputs number agents by rank
 * (events.tsv's actor), and ids.tsv gives every agent's id. */
Test(cli_ids, run_seeds_the_named_id_and_writes_the_map)
{
	char args[1024];
	sparse_network();
	scenario("s.json", "5000017000");
	snprintf(args, sizeof args, "run %s/s.json -q -o %s/out", dir, dir);
	cr_assert_eq(crisim(args), 0, "%s", err);
	char *ev = read_out("out/events.tsv");
	cr_assert_not_null(ev);
	cr_assert(strstr(ev, "\t17\tincident\t"), "%s", ev);
	free(ev);

	char want[60 * 24 + 16] = "index\tid\n", *p = want + strlen(want);
	for (unsigned k = 0; k < 60; k++)
		p += sprintf(p, "%u\t%llu\n", k, 5000000000ULL + 1000ULL * k);
	char *ids = read_out("out/ids.tsv");
	cr_assert_not_null(ids);
	cr_assert_str_eq(ids, want);
	free(ids);

	/* A batch writes it beside its files too. */
	snprintf(args, sizeof args, "run %s/s.json -q --runs 2 -o %s/ens", dir, dir);
	cr_assert_eq(crisim(args), 0, "%s", err);
	ids = read_out("ens/ids.tsv");
	cr_assert_not_null(ids);
	cr_assert_str_eq(ids, want);
	free(ids);
}

/* An id that is on no line of the file: exit 2, one line naming
 * events[0].agent and the file. */
Test(cli_ids, an_id_not_in_the_file_is_bad_input)
{
	char args[1024];
	sparse_network();
	scenario("bad.json", "5000017001");
	snprintf(args, sizeof args, "run %s/bad.json -q -o %s/out", dir, dir);
	cr_assert_eq(crisim(args), 2, "%s", err);
	cr_assert(strstr(err, "bad.json: events[0].agent: expected an id of the "
	                 "network file "), "%s", err);
	cr_assert(strstr(err, "net.txt"), "%s", err);
	cr_assert(strstr(err, "got 5000017001\n"), "%s", err);
	cr_assert_eq(strchr(err, '\n'), err + strlen(err) - 1, "%s", err);
	cr_assert(!exists("out/series.tsv"));

	snprintf(args, sizeof args, "run %s/bad.json -q --runs 2 -o %s/ens", dir, dir);
	cr_assert_eq(crisim(args), 2, "%s", err);
	cr_assert(strstr(err, "events[0].agent"), "%s", err);
}

/* A dense file has no map: no ids.tsv, and one left in DIR by an earlier
 * run on a sparse file is removed (it would describe other agents). */
Test(cli_ids, dense_runs_write_no_map)
{
	char args[1024];
	sparse_network();
	scenario("s.json", "5000017000");
	snprintf(args, sizeof args, "run %s/s.json -q -o %s/out", dir, dir);
	cr_assert_eq(crisim(args), 0, "%s", err);
	cr_assert(exists("out/ids.tsv"));
	snprintf(args, sizeof args, "run scenarios/default.json -q --set "
	         "network.nodes=300 --set ticks=20 -o %s/out", dir);
	cr_assert_eq(crisim(args), 0, "%s", err);
	cr_assert(exists("out/series.tsv"));
	cr_assert(!exists("out/ids.tsv"));
}
