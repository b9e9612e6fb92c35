/* cli_dir — what the CLI tests of batches share: buffers for the output
 * of the last command, a fresh temporary directory per test (the suite's
 * .init/.fini), a small fast scenario, and helpers that run crisim or the
 * shell.  Each test file that includes it gets its own copies. */
#ifndef CRISIM_TEST_CLI_DIR_H
#define CRISIM_TEST_CLI_DIR_H

#include <criterion/criterion.h>
#include <stdarg.h>
#include <unistd.h>

#include "helpers.h"

static char out[65536], err[8192], cmd[8192];
static char dir[] = "/tmp/crisim-ens-XXXXXX";

/* A small fast scenario; a silent brand (first_response is NaN) and a fixed
 * seed, whatever the default scenario says. */
#define SMALL "scenarios/default.json --set network.nodes=2000 --set ticks=60 " \
              "--set responder.strategy=none --seed 42 -q"

static inline int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline int sh(const char *fmt, ...)
{
	char c[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c, sizeof c, fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof cmd, "%s %s", crisim_bin(), c);
	return run_cmd(cmd, out, sizeof out, err, sizeof err);
}

/* The shell, not crisim. */
static inline int shell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline int shell(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	return run_cmd(cmd, out, sizeof out, err, sizeof err);
}

static void setup(void)
{
	strcpy(dir, "/tmp/crisim-ens-XXXXXX");
	cr_assert_eq(tmpdir_make(dir), 0);
}

static void teardown(void)
{
	cr_assert_eq(tmpdir_remove(dir), 0);
}


static inline void same_file(const char *a, const char *b)
{
	cr_assert_eq(shell("cmp '%s' '%s'", a, b), 0, "%s differs from %s: %s", a, b, out);
}

#endif
