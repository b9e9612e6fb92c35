/* libfault — LD_PRELOAD shim that makes the k-th file operation of a
 * process fail, for tests/fault/run.sh.
 *
 * The operations counted are those through which crisim's outputs reach
 * the disk and that its own code calls: open with O_CREAT, fflush, fsync,
 * fclose, rename, mkdir of a new directory; and those of SQLite's (the run
 * store, DIR/runs.sqlite): open64 with O_CREAT, pwrite64, fdatasync.  FAULT_AT=k fails the k-th (from 1) with ENOSPC,
 * as a full disk would (fclose still closes the stream); FAULT_AT=0 or
 * unset fails nothing.  FAULT_COUNT=FILE writes the number of operations
 * counted to FILE at exit, so a test can loop k over all of them.
 * Counting is process-wide and serialised: crisim writes its files from
 * one thread.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static unsigned long calls, fail_at;
static int configured;

static void report(void)
{
	const char *f = getenv("FAULT_COUNT");
	if (!f)
		return;
	FILE *(*real_fopen)(const char *, const char *) =
		(FILE *(*)(const char *, const char *))dlsym(RTLD_NEXT, "fopen");
	int (*real_fclose)(FILE *) = (int (*)(FILE *))dlsym(RTLD_NEXT, "fclose");
	FILE *o = real_fopen(f, "w");
	if (o) {
		fprintf(o, "%lu\n", calls);
		real_fclose(o);
	}
}

/* 1 when this operation is the one to fail. */
static int hit(void)
{
	if (!configured) {
		const char *s = getenv("FAULT_AT");
		fail_at = s ? strtoul(s, NULL, 10) : 0;
		configured = 1;
		atexit(report);
	}
	return ++calls == fail_at;
}

/* real_NAME: the libc function this shim stands in front of. */
typedef int open_fn(const char *, int, ...);
typedef int fflush_fn(FILE *);
typedef int fsync_fn(int);
typedef int fclose_fn(FILE *);
typedef int rename_fn(const char *, const char *);
typedef int mkdir_fn(const char *, mode_t);
typedef int open64_fn(const char *, int, ...);
typedef ssize_t pwrite64_fn(int, const void *, size_t, off_t);
typedef int fdatasync_fn(int);
#define REAL(name) static name##_fn *real_##name; \
	if (!real_##name) real_##name = (name##_fn *)dlsym(RTLD_NEXT, #name)

int open(const char *path, int flags, ...)
{
	REAL(open);
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
		if (hit()) {
			errno = ENOSPC;
			return -1;
		}
	}
	return real_open(path, flags, mode);
}

int fflush(FILE *f)
{
	REAL(fflush);
	if (f && f != stdout && f != stderr && hit()) {
		errno = ENOSPC;
		return EOF;
	}
	return real_fflush(f);
}

int fsync(int fd)
{
	REAL(fsync);
	if (hit()) {
		errno = ENOSPC;
		return -1;
	}
	return real_fsync(fd);
}

int fclose(FILE *f)
{
	REAL(fclose);
	int st = real_fclose(f);
	if (f != stdout && f != stderr && hit()) {
		errno = ENOSPC;
		return EOF;
	}
	return st;
}

int rename(const char *from, const char *to)
{
	REAL(rename);
	if (hit()) {
		errno = ENOSPC;
		return -1;
	}
	return real_rename(from, to);
}

int mkdir(const char *path, mode_t mode)
{
	REAL(mkdir);
	struct stat st;
	/* a real disk answers EEXIST before it looks for space */
	if (stat(path, &st) != 0 && hit()) {
		errno = ENOSPC;
		return -1;
	}
	return real_mkdir(path, mode);
}

int open64(const char *path, int flags, ...)
{
	REAL(open64);
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
		if (hit()) {
			errno = ENOSPC;
			return -1;
		}
	}
	return real_open64(path, flags, mode);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	REAL(pwrite64);
	if (hit()) {
		errno = ENOSPC;
		return -1;
	}
	return real_pwrite64(fd, buf, n, off);
}

int fdatasync(int fd)
{
	REAL(fdatasync);
	if (hit()) {
		errno = ENOSPC;
		return -1;
	}
	return real_fdatasync(fd);
}
