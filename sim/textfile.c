#include "textfile.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t textfile_max(void)
{
	const char *s = getenv("CRISIM_MAX_INPUT");
	if (s && *s) {
		char *end;
		errno = 0;
		unsigned long long v = strtoull(s, &end, 10);
		if (!errno && *end == '\0' && v > 0 && v <= (unsigned long long)SIZE_MAX - 1)
			return (size_t)v;
	}
	return TEXTFILE_MAX;
}

void textfile_position(const char *text, const char *at,
                       unsigned long *line, unsigned long *col)
{
	*line = 1;
	*col = 1;
	for (const char *q = text; q < at; q++) {
		if (*q == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

enum status textfile_read(const char *path, char **text, size_t *len,
                          char *err, size_t errlen)
{
	int is_stdin = strcmp(path, "-") == 0;
	const char *label = is_stdin ? "<stdin>" : path;
	size_t max = textfile_max(), cap = 4096, n = 0;
	enum status st = ST_OK;
	char *buf = NULL;
	FILE *f;

	*text = NULL;
	*len = 0;
	f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", label, strerror(errno));
		return ST_IO;
	}
	buf = malloc(cap);
	if (!buf) {
		st = ST_NOMEM;
		goto fail;
	}
	for (;;) {
		if (cap - n < 2) {
			size_t ncap = cap > max / 2 ? max + 2 : cap * 2;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				st = ST_NOMEM;
				goto fail;
			}
			buf = nb;
			cap = ncap;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (n > max) {
			snprintf(err, errlen, "%s: larger than %zu bytes, the most crisim "
			         "reads (set CRISIM_MAX_INPUT to raise it)", label, max);
			st = ST_BADINPUT;
			goto fail;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: cannot read: %s", label,
		         strerror(errno ? errno : EIO));
		st = ST_IO;
		goto fail;
	}
	buf[n] = '\0';
	const char *nul = memchr(buf, '\0', n);
	if (nul) {
		unsigned long line, col;
		textfile_position(buf, nul, &line, &col);
		snprintf(err, errlen, "%s: line %lu, column %lu: a NUL byte (a text "
		         "file was expected)", label, line, col);
		st = ST_BADINPUT;
		goto fail;
	}
	if (!is_stdin)
		fclose(f);
	*text = buf;
	*len = n;
	return ST_OK;
fail:
	if (st == ST_NOMEM)
		snprintf(err, errlen, "%s: out of memory", label);
	if (!is_stdin)
		fclose(f);
	free(buf);
	return st;
}
