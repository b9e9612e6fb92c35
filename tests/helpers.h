/* Shared helpers for the Criterion tests (header-only, static). */
#ifndef CRISIM_TEST_HELPERS_H
#define CRISIM_TEST_HELPERS_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run `cmd` through the shell with stdout and stderr captured into the
 * given buffers (may be NULL); returns the exit status, or -1. */
static inline int run_cmd(const char *cmd, char *out, size_t outlen,
                          char *errbuf, size_t errlen)
{
	char full[8192];
	char ofile[] = "/tmp/crisim-test-out-XXXXXX";
	char efile[] = "/tmp/crisim-test-err-XXXXXX";
	int ofd = mkstemp(ofile), efd = mkstemp(efile);
	if (ofd < 0 || efd < 0)
		return -1;
	if ((size_t)snprintf(full, sizeof full, "%s >%s 2>%s", cmd, ofile, efile) >= sizeof full)
		return -1;
	int st = system(full);
	const char *files[2] = { ofile, efile };
	char *bufs[2] = { out, errbuf };
	size_t lens[2] = { outlen, errlen };
	for (int k = 0; k < 2; k++) {
		if (!bufs[k])
			continue;
		FILE *f = fopen(files[k], "r");
		size_t n = f ? fread(bufs[k], 1, lens[k] - 1, f) : 0;
		bufs[k][n] = '\0';
		if (f)
			fclose(f);
	}
	close(ofd);
	close(efd);
	remove(ofile);
	remove(efile);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The binary under test: $CRISIM (set by make test / make check). */
static inline const char *crisim_bin(void)
{
	const char *b = getenv("CRISIM");
	return b && *b ? b : "./crisim";
}

/* Whole file into a malloc'd string (NULL if unreadable). */
static inline char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	if (s)
		s[n] = '\0';
	fclose(f);
	return s;
}

/* A fresh temporary directory from a template "/tmp/NAME-XXXXXX" (its
 * X's are replaced in place), and its removal with everything in it. */
static inline int tmpdir_make(char *templ)
{
	return mkdtemp(templ) ? 0 : -1;
}

static inline int tmpdir_remove(const char *dir)
{
	char c[512];
	snprintf(c, sizeof c, "chmod -R u+w '%s' 2>/dev/null; rm -rf '%s'", dir, dir);
	return system(c);
}

/* Mean and standard error of the paired differences a[k s] - b[k s],
 * k < n (s: the stride between runs, e.g. SUMMARY_NFIELD for one outcome
 * of a runs x outcomes table); n >= 2. */
static inline void paired_diff(const double *a, const double *b, size_t s,
                               int n, double *mean, double *se)
{
	double sum = 0, s2 = 0;
	for (int k = 0; k < n; k++) {
		double d = a[(size_t)k * s] - b[(size_t)k * s];
		sum += d;
		s2 += d * d;
	}
	*mean = sum / n;
	double var = (s2 - n * *mean * *mean) / (n - 1);
	*se = sqrt(fmax(var, 0) / n);
}

#endif
