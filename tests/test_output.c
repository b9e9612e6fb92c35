#include <criterion/criterion.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "output.h"

static char dir[] = "/tmp/crisim-output-XXXXXX";

static void setup(void)
{
	strcpy(dir, "/tmp/crisim-output-XXXXXX");
	cr_assert_eq(tmpdir_make(dir), 0);
}

static void teardown(void)
{
	cr_assert_eq(tmpdir_remove(dir), 0);
}

TestSuite(output, .init = setup, .fini = teardown);

Test(output, commit_renames_and_leaves_no_temporary)
{
	struct out_file o;
	char err[256], path[512];
	cr_assert_eq(output_open(&o, dir, "a.tsv", err, sizeof err), 0);
	fputs("hello\n", o.f);
	snprintf(path, sizeof path, "%s/a.tsv", dir);
	cr_assert_neq(access(path, F_OK), 0, "not visible before commit");
	cr_assert_eq(output_commit(&o, err, sizeof err), 0, "%s", err);
	char *s = slurp(path);
	cr_assert_str_eq(s, "hello\n");
	free(s);
	char cmd[512], out[256];
	snprintf(cmd, sizeof cmd, "ls -A %s", dir);
	run_cmd(cmd, out, sizeof out, NULL, 0);
	cr_assert_str_eq(out, "a.tsv\n");
}

Test(output, abort_keeps_the_old_file)
{
	struct out_file o;
	char err[256], path[512];
	snprintf(path, sizeof path, "%s/b.json", dir);
	cr_assert_eq(output_open(&o, dir, "b.json", err, sizeof err), 0);
	fputs("old", o.f);
	cr_assert_eq(output_commit(&o, err, sizeof err), 0);
	cr_assert_eq(output_open(&o, dir, "b.json", err, sizeof err), 0);
	fputs("half-writ", o.f);
	output_abort(&o);
	char *s = slurp(path);
	cr_assert_str_eq(s, "old");
	free(s);
}

Test(output, unwritable_directory_is_reported)
{
	if (geteuid() == 0)
		cr_skip_test("root ignores directory permissions");
	struct out_file o;
	char err[256];
	chmod(dir, 0500);
	cr_assert_neq(output_open(&o, dir, "c.tsv", err, sizeof err), 0);
	cr_assert(strstr(err, "cannot write"), "%s", err);
}

/* A stream whose writes fail (opened read-only: every flush fails with
 * EBADF, as a full disk fails with ENOSPC) must be reported at commit, the
 * temporary removed and the final name never created. */
Test(output, failing_write_is_reported_at_commit)
{
	char tmp[512], final[512];
	snprintf(tmp, sizeof tmp, "%s/.x.tmp", dir);
	snprintf(final, sizeof final, "%s/x", dir);
	FILE *f = fopen(tmp, "w");
	cr_assert_not_null(f);
	fclose(f);
	struct out_file o = { .f = fopen(tmp, "r"), .tmp = strdup(tmp), .final = strdup(final) };
	cr_assert_not_null(o.f);
	for (int i = 0; i < 10000; i++)
		fputs("0123456789", o.f);
	char err[256];
	cr_assert_neq(output_commit(&o, err, sizeof err), 0);
	cr_assert(strstr(err, "write failed"), "%s", err);
	cr_assert_neq(access(final, F_OK), 0);
	cr_assert_neq(access(tmp, F_OK), 0, "temporary removed");
}

Test(output, mkdir_creates_parents_and_rejects_files)
{
	char path[512], err[256];
	snprintf(path, sizeof path, "%s/x/y/z", dir);
	cr_assert_eq(output_mkdir(path, err, sizeof err), 0, "%s", err);
	struct out_file o;
	cr_assert_eq(output_open(&o, path, "f", err, sizeof err), 0);
	cr_assert_eq(output_commit(&o, err, sizeof err), 0);
	snprintf(path, sizeof path, "%s/x/y/z/f", dir);
	cr_assert_neq(output_mkdir(path, err, sizeof err), 0);
}

Test(output, numbers)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	output_tsv_number(f, 3.0);
	fputc(' ', f);
	output_tsv_number(f, 0.1);
	fputc(' ', f);
	output_json_number(f, NAN);
	fputc(' ', f);
	output_json_string(f, "a\"b\\c\n\x01");
	fclose(f);
	cr_assert_str_eq(buf, "3 0.1 null \"a\\\"b\\\\c\\n\\u0001\"");
	free(buf);
}

/* The temporary used to be DIR/.NAME.tmpPID opened with fopen("w"): a
 * symlink planted there made crisim write through it into the link's
 * target.  Plant one at that name (and the file must still be written). */
Test(output, planted_symlink_is_never_written_through)
{
	struct out_file o;
	char err[256], victim[512], link[512], path[512];
	snprintf(victim, sizeof victim, "%s/victim", dir);
	FILE *v = fopen(victim, "w");
	cr_assert(v);
	fputs("precious", v);
	fclose(v);
	snprintf(link, sizeof link, "%s/.c.tsv.tmp%ld", dir, (long)getpid());
	cr_assert_eq(symlink(victim, link), 0);
	cr_assert_eq(output_open(&o, dir, "c.tsv", err, sizeof err), 0, "%s", err);
	fputs("new", o.f);
	cr_assert_eq(output_commit(&o, err, sizeof err), 0, "%s", err);
	char *s = slurp(victim);
	cr_assert_str_eq(s, "precious");
	free(s);
	snprintf(path, sizeof path, "%s/c.tsv", dir);
	s = slurp(path);
	cr_assert_str_eq(s, "new");
	free(s);
	struct stat st;
	cr_assert_eq(lstat(path, &st), 0);
	cr_assert(S_ISREG(st.st_mode));
	unlink(link);
}

Test(output, a_locked_directory_is_refused_naming_the_holder)
{
	struct out_lock a, b;
	char err[512], want[64], path[512];
	cr_assert_eq(output_lock(&a, dir, err, sizeof err), ST_OK, "%s", err);
	/* flock locks belong to the open file: a second open conflicts even
	 * in the same process, as another crisim would */
	cr_assert_eq(output_lock(&b, dir, err, sizeof err), ST_BADINPUT);
	snprintf(want, sizeof want, "(pid %ld)", (long)getpid());
	cr_assert(strstr(err, want), "%s", err);
	cr_assert(strstr(err, dir), "%s", err);
	output_unlock(&b);  /* not held: a no-op */
	output_unlock(&a);
	snprintf(path, sizeof path, "%s/.crisim.lock", dir);
	cr_assert_neq(access(path, F_OK), 0, "the lock file is removed on release");
	cr_assert_eq(output_lock(&b, dir, err, sizeof err), ST_OK, "%s", err);
	output_unlock(&b);
}
