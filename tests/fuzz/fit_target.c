/* fuzz fit_target — libFuzzer harness for the fit target readers (a
 * SEISMIC list of events, a Twitter15 cascade summary with a label).
 *
 * The run's length and the label follow the input's size, so that every
 * horizon and the refusals (a label for an event list, none for a
 * summary) are reached from the same seeds.  Any byte string must give a
 * target of fractions in [0, 1], not decreasing, inside their quartiles,
 * or fail with a message: never crash, leak or trip a sanitizer.
 * `make fuzz`. */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit_target.h"
#include "memfile.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int fraction(double x)
{
	return x >= 0.0 && x <= 1.0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const double runs[] = { 5, 25, 100, 720, 1440, 4320, 43200, 1e6 };
	static const char *const labels[] = {
		"false", "true", "non-rumor", "unverified"
	};
	double run = runs[(size / 4) % (sizeof runs / sizeof *runs)];
	int events = size >= 20 && memcmp(data, "relative_time_second", 20) == 0;
	/* The right kind of call, but one size in four the wrong one. */
	const char *label = (events != (size % 4 == 3)) ? NULL
	                  : labels[(size / 32) % 4];
	char path[64], err[512] = "";
	int fd = memfile(data, size, path);
	if (fd < 0)
		return 0;
	struct fit_target t;
	if (fit_target_read(path, label, run, &t, err, sizeof err) == ST_OK) {
		if (t.n == 0 || t.n > FIT_GRID_N || !(t.horizon > 0) ||
		    t.horizon > run || t.cascades == 0 || t.events == 0)
			abort();
		for (size_t g = 0; g < t.n; g++) {
			if (!fraction(t.f[g]) || t.t[g] >= t.horizon ||
			    (g && (t.f[g] < t.f[g - 1] || t.t[g] <= t.t[g - 1])))
				abort();
			if (t.cascades > 1 &&
			    !(fraction(t.q25[g]) && fraction(t.q75[g]) &&
			      t.q25[g] <= t.f[g] && t.f[g] <= t.q75[g]))
				abort();
		}
	} else if (!*err) {
		abort();  /* every failure explains itself */
	}
	close(fd);
	return 0;
}
