#include "runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "output.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void write_manifest(FILE *f, const struct scenario *s,
                           const char *resolved, const struct run_context *rc,
                           double wall)
{
	fputs("{\n  \"crisim\": ", f);
	output_json_string(f, rc->version);
	fprintf(f, ",\n  \"seed\": %llu,\n  \"runs\": 1,\n  \"command\": [",
	        (unsigned long long)s->seed);
	for (int i = 0; i < rc->argc; i++) {
		fputs(i ? ", " : "", f);
		output_json_string(f, rc->argv[i]);
	}
	fputs("],\n  \"wall_seconds\": ", f);
	output_json_number(f, wall);
	fputs(",\n  \"scenario\": ", f);
	/* The resolved scenario is pretty JSON already; indent it by two. */
	for (const char *p = resolved; *p; p++) {
		fputc(*p, f);
		if (*p == '\n')
			fputs("  ", f);
	}
	fputs("\n}\n", f);
}

int runner_single(const struct scenario *s, const struct graph *g,
                  const char *dir, const struct run_context *rc,
                  struct run_result *res, char *err, size_t errlen)
{
	double t0 = now();
	int rc_eng = engine_run(s, g, 0, res, err, errlen);
	if (rc_eng)
		return rc_eng == ENGINE_EBADINPUT ? 2 : 1;
	double wall = now() - t0;

	struct out_meta meta = { s->name, (unsigned long long)s->seed,
	                         rc->version, s->tick_minutes };
	struct out_file o;
	if (strcmp(dir, "-") == 0) {
		if (output_open(&o, dir, "series.tsv", err, errlen))
			return 1;
		output_series(o.f, &meta, &res->series);
		return output_commit(&o, err, errlen) ? 1 : 0;
	}
	if (output_mkdir(dir, err, errlen))
		return 1;

	if (output_open(&o, dir, "series.tsv", err, errlen))
		return 1;
	output_series(o.f, &meta, &res->series);
	if (output_commit(&o, err, errlen))
		return 1;

	if (output_open(&o, dir, "events.tsv", err, errlen))
		return 1;
	output_events(o.f, &meta, &res->log);
	if (output_commit(&o, err, errlen))
		return 1;

	if (output_open(&o, dir, "summary.json", err, errlen))
		return 1;
	output_summary_json(o.f, &res->summary, "");
	fputc('\n', o.f);
	if (output_commit(&o, err, errlen))
		return 1;

	char *resolved = scenario_to_json(s);
	if (!resolved) {
		snprintf(err, errlen, "out of memory");
		return 1;
	}
	int bad = output_open(&o, dir, "manifest.json", err, errlen);
	if (!bad) {
		write_manifest(o.f, s, resolved, rc, wall);
		bad = output_commit(&o, err, errlen);
	}
	free(resolved);
	return bad ? 1 : 0;
}
