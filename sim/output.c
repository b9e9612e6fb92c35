#include "output.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int output_mkdir(const char *dir, char *err, size_t errlen)
{
	char *path = strdup(dir);
	if (!path) {
		snprintf(err, errlen, "%s: out of memory", dir);
		return -1;
	}
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			snprintf(err, errlen, "%s: cannot create directory: %s",
			         path, strerror(errno));
			free(path);
			return -1;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(path);
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: not a directory", dir);
		return -1;
	}
	return 0;
}

static char *join(const char *dir, const char *prefix, const char *name,
                  const char *suffix)
{
	size_t n = strlen(dir) + strlen(prefix) + strlen(name) + strlen(suffix) + 2;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s/%s%s%s", dir, prefix, name, suffix);
	return s;
}

int output_open(struct out_file *o, const char *dir, const char *name,
                char *err, size_t errlen)
{
	memset(o, 0, sizeof *o);
	if (strcmp(dir, "-") == 0) {
		o->f = stdout;
		return 0;
	}
	char pid[32];
	snprintf(pid, sizeof pid, ".tmp%ld", (long)getpid());
	o->final = join(dir, "", name, "");
	o->tmp = join(dir, ".", name, pid);
	if (!o->final || !o->tmp) {
		snprintf(err, errlen, "%s/%s: out of memory", dir, name);
		goto fail;
	}
	o->f = fopen(o->tmp, "w");
	if (!o->f) {
		snprintf(err, errlen, "%s: cannot write: %s", o->final, strerror(errno));
		goto fail;
	}
	return 0;
fail:
	free(o->final);
	free(o->tmp);
	memset(o, 0, sizeof *o);
	return -1;
}

int output_commit(struct out_file *o, char *err, size_t errlen)
{
	int rc = 0;
	if (!o->tmp) {  /* stdout: a write error must still be reported */
		if (fflush(o->f) != 0 || ferror(o->f)) {
			snprintf(err, errlen, "stdout: write error: %s", strerror(errno));
			rc = -1;
		}
		memset(o, 0, sizeof *o);
		return rc;
	}
	int bad = fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0;
	int saved = errno;
	bad |= fclose(o->f) != 0;
	if (!bad && rename(o->tmp, o->final) != 0) {
		bad = 1;
		saved = errno;
	}
	if (bad) {
		snprintf(err, errlen, "%s: write failed: %s", o->final,
		         strerror(saved ? saved : EIO));
		remove(o->tmp);
		rc = -1;
	}
	free(o->tmp);
	free(o->final);
	memset(o, 0, sizeof *o);
	return rc;
}

void output_abort(struct out_file *o)
{
	if (o->tmp) {
		fclose(o->f);
		remove(o->tmp);
	}
	free(o->tmp);
	free(o->final);
	memset(o, 0, sizeof *o);
}

void output_tsv_number(FILE *f, double x)
{
	if (isnan(x))
		fputs("NaN", f);
	else if (x == floor(x) && fabs(x) < 1e15)
		fprintf(f, "%.0f", x);
	else
		fprintf(f, "%.10g", x);
}

void output_json_number(FILE *f, double x)
{
	if (!isfinite(x))
		fputs("null", f);
	else if (x == floor(x) && fabs(x) < 1e15)
		fprintf(f, "%.0f", x);
	else {
		/* The shortest of 15..17 significant digits that reads back
		 * as the same double. */
		char buf[32];
		for (int digits = 15; digits <= 17; digits++) {
			snprintf(buf, sizeof buf, "%.*g", digits, x);
			if (strtod(buf, NULL) == x)
				break;
		}
		fputs(buf, f);
	}
}

void output_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void meta_lines(FILE *f, const struct out_meta *m)
{
	fprintf(f, "# scenario: %s\n# seed: %llu\n# crisim: %s\n",
	        m->scenario, m->seed, m->version);
}

void output_series(FILE *f, const struct out_meta *m, const struct series *s)
{
	meta_lines(f, m);
	for (int c = 0; c < SERIES_NCOL; c++)
		fprintf(f, "%s%s", c ? "\t" : "", series_col_name[c]);
	fputc('\n', f);
	for (uint32_t t = 0; t < s->rows; t++) {
		const double *row = s->v + (size_t)t * SERIES_NCOL;
		for (int c = 0; c < SERIES_NCOL; c++) {
			if (c)
				fputc('\t', f);
			output_tsv_number(f, row[c]);
		}
		fputc('\n', f);
	}
}

void output_events(FILE *f, const struct out_meta *m, const struct event_log *log)
{
	meta_lines(f, m);
	fputs("tick\tminutes\tactor\tevent\tdetail\n", f);
	for (size_t k = 0; k < log->n; k++) {
		const struct event *e = &log->v[k];
		fprintf(f, "%u\t", e->tick);
		output_tsv_number(f, e->tick * m->tick_minutes);
		fputc('\t', f);
		if (e->actor == EVENT_NOBODY)
			fputc('-', f);
		else
			fprintf(f, "%u", e->actor);
		fprintf(f, "\t%s\t%s\n", e->kind, e->detail);
	}
}

void output_summary_json(FILE *f, const struct summary *sum, const char *indent)
{
	fputs("{\n", f);
	for (int k = 0; k < SUMMARY_NFIELD; k++) {
		fprintf(f, "%s  \"%s\": ", indent, summary_field_name[k]);
		output_json_number(f, sum->v[k]);
		fputs(k + 1 < SUMMARY_NFIELD ? ",\n" : "\n", f);
	}
	fprintf(f, "%s}", indent);
}
