#include "plot.h"

#include "output.h"

#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The scripts directory: $CRISIM_SCRIPTS, else scripts/ beside the binary
 * (a source tree), else ../share/crisim/scripts (an installed tree), else
 * ../../scripts (build/FLAVOR/crisim in a source tree). */
static int find_scripts(char *buf, size_t len)
{
	const char *env = getenv("CRISIM_SCRIPTS");
	if (env && *env) {
		snprintf(buf, len, "%s", env);
		return is_dir(buf) ? 0 : -1;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return -1;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	if ((size_t)snprintf(buf, len, "%s/scripts", exe) < len && is_dir(buf))
		return 0;
	if ((size_t)snprintf(buf, len, "%s/../share/crisim/scripts", exe) < len && is_dir(buf))
		return 0;
	/* build/FLAVOR/crisim (sanitizer, MPI, bench builds) in a source tree */
	if ((size_t)snprintf(buf, len, "%s/../../scripts", exe) < len && is_dir(buf))
		return 0;
	return -1;
}

/* gnuplot -e "indir='D'; outfile='F'; fmt='png'" SCRIPT; 0 ok, 1 failed,
 * 127 gnuplot not found. */
static int run_gnuplot(const char *script, const char *dir, const char *out,
                       const char *fmt)
{
	char vars[3 * PATH_MAX];
	snprintf(vars, sizeof vars, "indir='%s'; outfile='%s'; fmt='%s'", dir, out, fmt);
	char *argv[] = { "gnuplot", "-e", vars, (char *)script, NULL };
	pid_t pid;
	int e = posix_spawnp(&pid, "gnuplot", NULL, NULL, argv, environ);
	if (e == ENOENT)
		return 127;
	if (e)
		return 1;
	int status;
	if (waitpid(pid, &status, 0) < 0)
		return 1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return 127;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

/* What `crisim plot DIR` draws: a script per kind of output, run when its
 * input file is in DIR; the plot is named after the script. */
static const struct plot_kind {
	const char *input, *script;
	bool svg;
} plot_kinds[] = {
	{ "series.tsv",   "series",       true },
	{ "ensemble.tsv", "ensemble",     true },
	{ "compare.tsv",  "compare",      true },
	{ "compare.tsv",  "compare-diff", true },
	{ "compare.tsv",  "board",        false },  /* the one-page PNG */
	{ "sensitivity.tsv", "sensitivity", true },  /* before sweep: written
	                                              even when a design of
	                                              more than 8 factors is
	                                              more than sweep.gp draws */
	{ "sweep.tsv",    "sweep",        true },
	{ "fit-curve.tsv", "fit",         true },
};

#define N_PLOT_KINDS (sizeof plot_kinds / sizeof *plot_kinds)

/* One plot of one kind in one format: gnuplot writes it into the private
 * directory pdir (output_private_dir: gnuplot opens its output itself and
 * would follow a link planted in DIR), and it is renamed into DIR whole. */
static enum status draw(const char *dir, const char *pdir, const char *script,
                        const struct plot_kind *pk, const char *fmt, bool quiet,
                        char *err, size_t errlen)
{
	char name[64], tmp[PATH_MAX + 64];
	snprintf(name, sizeof name, "%s.%s", pk->script, fmt);
	snprintf(tmp, sizeof tmp, "%s/%s", pdir, name);
	int rc = run_gnuplot(script, dir, tmp, fmt);
	if (rc == 127) {
		snprintf(err, errlen, "gnuplot not found: install it "
		         "(Debian: apt-get install gnuplot-nox)");
		return ST_RUNTIME;
	}
	if (rc) {
		snprintf(err, errlen, "%s/%s: gnuplot failed on %s", dir, name, script);
		return ST_RUNTIME;
	}
	enum status st = output_adopt(pdir, name, dir, err, errlen);
	if (st == ST_OK && !quiet)
		fprintf(stderr, "crisim: wrote %s/%s\n", dir, name);
	return st;
}

enum status plot_dir(const char *dir, bool quiet, char *err, size_t errlen)
{
	return plot_dir_only(dir, NULL, quiet, err, errlen);
}

enum status plot_dir_only(const char *dir, const char *only, bool quiet,
                          char *err, size_t errlen)
{
	char scripts[PATH_MAX], script[PATH_MAX + 32], path[PATH_MAX + 32];
	size_t n_found = 0;
	for (size_t i = 0; i < N_PLOT_KINDS; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, plot_kinds[i].input);
		n_found += access(path, R_OK) == 0;
	}
	if (n_found == 0) {
		snprintf(err, errlen, "%s: nothing to plot (no series.tsv, ensemble.tsv, "
		         "compare.tsv, sweep.tsv, sensitivity.tsv or fit-curve.tsv)", dir);
		return ST_BADINPUT;
	}
	if (find_scripts(scripts, sizeof scripts)) {
		snprintf(err, errlen, "cannot find the gnuplot scripts "
		         "(set CRISIM_SCRIPTS to crisim's scripts/ directory)");
		return ST_RUNTIME;
	}
	/* The directory is spliced into a gnuplot string literal. */
	if (strchr(dir, '\'')) {
		snprintf(err, errlen, "%s: directory names with a quote cannot be plotted",
		         dir);
		return ST_BADINPUT;
	}
	static const char *const fmts[] = { "png", "svg" };
	/* DIR's lock, as every writer holds it, and a private directory for
	 * gnuplot's files. */
	struct out_lock lock = { -1, NULL };
	char *pdir = NULL;
	enum status st = output_lock(&lock, dir, err, errlen);
	if (st == ST_OK)
		st = output_private_dir(dir, &pdir, err, errlen);
	for (size_t i = 0; st == ST_OK && i < N_PLOT_KINDS; i++) {
		const struct plot_kind *pk = &plot_kinds[i];
		if (only && strcmp(only, pk->script) != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, pk->input);
		if (access(path, R_OK) != 0)
			continue;
		snprintf(script, sizeof script, "%s/%s.gp", scripts, pk->script);
		for (size_t k = 0; st == ST_OK && k < (pk->svg ? 2u : 1u); k++)
			st = draw(dir, pdir, script, pk, fmts[k], quiet, err, errlen);
	}
	output_private_remove(&pdir);
	output_unlock(&lock);
	return st;
}
