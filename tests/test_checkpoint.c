/* Checkpoint parts (sim/checkpoint.h) through the binary ($CRISIM): a part
 * damaged in any way — a bit flip, a re-pointed item index, a value
 * changed to 1e300, a truncation — is refused with exit 2 and a message
 * naming the part, never read; an intact copy of the same part resumes. */
#include <stdint.h>

#include "checkpoint.h"
#include "cli_dir.h"

TestSuite(checkpoint, .init = setup, .fini = teardown);

/* Overwrite n bytes at offset `at` of path. */
static void patch(const char *path, long at, const void *bytes, size_t n)
{
	FILE *f = fopen(path, "r+b");
	cr_assert_not_null(f, "%s", path);
	cr_assert_eq(fseek(f, at, SEEK_SET), 0);
	cr_assert_eq(fwrite(bytes, 1, n, f), n);
	cr_assert_eq(fclose(f), 0);
}

static long file_size(const char *path)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "%s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fclose(f);
	return n;
}

/* An interrupted ensemble of 4 runs with 2 finished (one part), copied to
 * DIR/NAME. */
static void interrupted_copy(const char *name, char *part, size_t len)
{
	char c[1024];
	snprintf(c, sizeof c, "(test -d %s/e || %s run " SMALL " --runs 4 --threads 1 "
	         "--stop-after 2 -o %s/e; cp -r %s/e %s/%s)", dir, crisim_bin(), dir,
	         dir, dir, name);
	cr_assert_eq(run_cmd(c, out, sizeof out, err, sizeof err), 0, "%s", err);
	snprintf(part, len, "%s/%s/checkpoint/part-000000.bin", dir, name);
	cr_assert_eq(access(part, R_OK), 0, "%s", part);
}

/* --resume of DIR/NAME is refused, naming the part. */
static void refused(const char *name, const char *part)
{
	cr_assert_eq(sh("run " SMALL " --runs 4 --resume %s/%s", dir, name), 2,
	             "%s: %s", name, err);
	char want[1024];
	snprintf(want, sizeof want, "crisim: %s: corrupt checkpoint part (", part);
	cr_assert(strncmp(err, want, strlen(want)) == 0, "%s: %s", name, err);
	cr_assert_eq(strchr(err, '\n'), err + strlen(err) - 1, "one line: %s", err);
	/* nothing written from it */
	char m[1024];
	snprintf(m, sizeof m, "grep -c '\"interrupted\": true' %s/%s/manifest.json", dir, name);
	cr_assert_eq(run_cmd(m, out, sizeof out, NULL, 0), 0, "%s", name);
}

/* Offsets (checkpoint.h): record 0 starts after the header with its item
 * index, then rows and padding, then the summary, then the series. */
#define REC0 ((long)CHECKPOINT_HEADER_SIZE)
#define REC0_SUMMARY (REC0 + (long)CHECKPOINT_RECORD_HEAD)
#define REC0_SERIES (REC0_SUMMARY + (long)(SUMMARY_NFIELD * sizeof(double)))

Test(checkpoint, an_intact_part_resumes)
{
	char part[512];
	interrupted_copy("ok", part, sizeof part);
	cr_assert_eq(sh("run " SMALL " --runs 4 --resume %s/ok", dir), 0, "%s", err);
}

Test(checkpoint, a_bit_flip_is_refused)
{
	char part[512];
	interrupted_copy("flip", part, sizeof part);
	FILE *f = fopen(part, "rb");
	cr_assert_not_null(f);
	fseek(f, REC0_SERIES + 101, SEEK_SET);
	int c = fgetc(f);
	fclose(f);
	unsigned char b = (unsigned char)(c ^ 0x10);
	patch(part, REC0_SERIES + 101, &b, 1);
	refused("flip", part);
}

Test(checkpoint, a_re_pointed_item_index_is_refused)
{
	char part[512];
	interrupted_copy("item", part, sizeof part);
	uint64_t item = 3;   /* a valid item that is not in the part */
	patch(part, REC0, &item, sizeof item);
	refused("item", part);
}

Test(checkpoint, a_value_changed_to_1e300_is_refused)
{
	char part[512];
	interrupted_copy("value", part, sizeof part);
	double x = 1e300;
	patch(part, REC0_SUMMARY, &x, sizeof x);
	refused("value", part);
}

Test(checkpoint, a_truncated_part_is_refused)
{
	char part[512];
	interrupted_copy("cut", part, sizeof part);
	long n = file_size(part);
	/* mid-record, and at the end of a whole record (the trailer gone) */
	cr_assert_eq(truncate(part, n - 100), 0);
	refused("cut", part);
	interrupted_copy("cut2", part, sizeof part);
	cr_assert_eq(truncate(part, n - 8), 0);
	refused("cut2", part);
	interrupted_copy("cut3", part, sizeof part);
	cr_assert_eq(truncate(part, 20), 0);
	cr_assert_eq(sh("run " SMALL " --runs 4 --resume %s/cut3", dir), 2, "%s", err);
	cr_assert(strstr(err, part), "%s", err);
}

/* ---- --resume and changed inputs: every input file by content ---- */

static void write_text(const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	fputs(text, f);
	cr_assert_eq(fclose(f), 0);
}

static void edge_list(const char *name, int extra)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	for (int i = 0; i < 300; i++)
		fprintf(f, "%d %d\n%d %d\n", i, (i + 1) % 300, i, (i + 7) % 300);
	if (extra)
		fprintf(f, "0 %d\n", extra);
	cr_assert_eq(fclose(f), 0);
}

/* --resume of `command` into DIR/o: refused with exit 2, naming `changed`,
 * and the checkpoint left for a resume once it is restored. */
static void resume_refused(const char *command, const char *changed)
{
	cr_assert_eq(sh("%s --resume %s/o", command, dir), 2, "%s", err);
	char want[1024];
	snprintf(want, sizeof want, "crisim: %s/%s: changed since the batch in %s/o was "
	         "interrupted (its content differs): refused; restore it, or delete "
	         "%s/o/checkpoint to start again\n", dir, changed, dir, dir);
	cr_assert_str_eq(err, want);
	snprintf(want, sizeof want, "%s/o/checkpoint/part-000000.bin", dir);
	cr_assert_eq(access(want, R_OK), 0, "the checkpoint is kept");
}

Test(checkpoint, a_changed_edge_list_is_refused_on_resume)
{
	edge_list("edges.txt", 0);
	write_text("s.json", "{\"name\": \"f\", \"ticks\": 30, \"seed\": 3,\n"
	           " \"network\": {\"file\": \"edges.txt\"}}\n");
	char c[1024];
	snprintf(c, sizeof c, "run %s/s.json --runs 4 --threads 1 -q", dir);
	cr_assert_eq(sh("%s -o %s/full", c, dir), 0, "%s", err);
	cr_assert_eq(sh("%s --stop-after 2 -o %s/o", c, dir), 130, "%s", err);
	/* the same path, one more edge: another graph */
	edge_list("edges.txt", 5);
	resume_refused(c, "edges.txt");
	/* restored: it resumes, to the files of the uninterrupted batch */
	edge_list("edges.txt", 0);
	cr_assert_eq(sh("%s --resume %s/o", c, dir), 0, "%s", err);
	snprintf(c, sizeof c, "cmp %s/full/runs.tsv %s/o/runs.tsv && cmp %s/full/ensemble.tsv "
	         "%s/o/ensemble.tsv", dir, dir, dir, dir);
	cr_assert_eq(run_cmd(c, out, sizeof out, err, sizeof err), 0, "%s", out);
}

Test(checkpoint, a_changed_scenario_or_grid_file_is_refused_on_resume)
{
	/* the scenario: even an edit that changes no value (a space) */
	write_text("s.json", "{\"ticks\": 30, \"network\": {\"nodes\": 500}}\n");
	write_text("g.json", "{\"spread.p\": [0.1, 0.2]}\n");
	char c[1024];
	snprintf(c, sizeof c, "sweep %s/s.json --grid-file %s/g.json --runs 3 --threads 1 -q",
	         dir, dir);
	cr_assert_eq(sh("%s --stop-after 2 -o %s/o", c, dir), 130, "%s", err);
	write_text("s.json", "{\"ticks\": 30,  \"network\": {\"nodes\": 500}}\n");
	resume_refused(c, "s.json");
	write_text("s.json", "{\"ticks\": 30, \"network\": {\"nodes\": 500}}\n");
	write_text("g.json", "{\"spread.p\": [0.1, 0.2] }\n");
	resume_refused(c, "g.json");
	write_text("g.json", "{\"spread.p\": [0.1, 0.2]}\n");
	cr_assert_eq(sh("%s --resume %s/o", c, dir), 0, "%s", err);
}

Test(checkpoint, a_file_is_hashed_by_content_in_blocks)
{
	/* larger than one read block, and the same hash as in one piece */
	char path[512];
	snprintf(path, sizeof path, "%s/big", dir);
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	static unsigned char buf[200000];
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (unsigned char)(i * 2654435761u >> 13);
	cr_assert_eq(fwrite(buf, 1, sizeof buf, f), sizeof buf);
	cr_assert_eq(fclose(f), 0);
	uint64_t h = 0;
	char e[512];
	cr_assert_eq(checkpoint_hash_file(path, &h, e, sizeof e), ST_OK, "%s", e);
	cr_assert_eq(h, checkpoint_fnv1a(CHECKPOINT_FNV_BASIS, buf, sizeof buf));
	snprintf(path, sizeof path, "%s/missing", dir);
	cr_assert_eq(checkpoint_hash_file(path, &h, e, sizeof e), ST_IO);
	cr_assert(strstr(e, "missing: cannot read"), "%s", e);
}
