#include "scenario_grid.h"

#include <cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textfile.h"

void grid_axis_free(struct grid_axis *ax)
{
	for (size_t i = 0; i < ax->n; i++) {
		if (ax->values)
			free(ax->values[i]);
		if (ax->labels)
			free(ax->labels[i]);
	}
	free(ax->values);
	free(ax->labels);
	free(ax->path);
	memset(ax, 0, sizeof *ax);
}

/* Append a value (len bytes) and its label (llen bytes). */
static enum status axis_push2(struct grid_axis *ax, const char *val, size_t len,
                              const char *lab, size_t llen)
{
	if (ax->n >= GRID_MAX_VALUES)
		return ST_BADINPUT;
	char **v = realloc(ax->values, (ax->n + 1) * sizeof *v);
	if (!v)
		return ST_NOMEM;
	ax->values = v;
	char **l = realloc(ax->labels, (ax->n + 1) * sizeof *l);
	if (!l)
		return ST_NOMEM;
	ax->labels = l;
	ax->values[ax->n] = strndup(val, len);
	ax->labels[ax->n] = strndup(lab, llen);
	ax->n++;
	return ax->values[ax->n - 1] && ax->labels[ax->n - 1] ? ST_OK : ST_NOMEM;
}

/* Append a value; the label is the value without surrounding quotes. */
static enum status axis_push(struct grid_axis *ax, const char *val, size_t len)
{
	if (len >= 2 && val[0] == '"' && val[len - 1] == '"')
		return axis_push2(ax, val, len, val + 1, len - 2);
	return axis_push2(ax, val, len, val, len);
}

/* ---- exact numbers ---- */

/* The shortest text that reads back as x (integers without a fraction). */
static void format_double(char *buf, size_t len, double x)
{
	if (x == floor(x) && fabs(x) < 1e18) {
		snprintf(buf, len, "%.0f", x);
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, len, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			return;
	}
}

/* A decimal m × 10^e. */
struct dec {
	int64_t m;
	int e;
};

#define DEC_MAX_EXP 20

/* s[0..len) as a decimal: [+-]digits[.digits][(e|E)[+-]digits], at most
 * 18 significant digits.  false when it is not one (or too long). */
static bool parse_dec(const char *s, size_t len, struct dec *d)
{
	size_t i = 0;
	bool neg = false, any = false;
	int64_t m = 0;
	int digits = 0, e = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	for (bool frac = false; i < len; i++) {
		if (s[i] == '.' && !frac) {
			frac = true;
			continue;
		}
		if (!isdigit((unsigned char)s[i]))
			break;
		any = true;
		if (m == 0 && s[i] == '0') {
			e -= frac;
			continue;
		}
		if (++digits > 18)
			return false;
		m = m * 10 + (s[i] - '0');
		e -= frac;
	}
	if (!any)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		char *end;
		char buf[16];
		size_t n = len - i - 1;
		if (n == 0 || n >= sizeof buf)
			return false;
		memcpy(buf, s + i + 1, n);
		buf[n] = '\0';
		errno = 0;
		long x = strtol(buf, &end, 10);
		if (errno || *end || x < -100 || x > 100)
			return false;
		e += (int)x;
		i = len;
	}
	if (i != len)
		return false;
	d->m = neg ? -m : m;
	d->e = m == 0 ? 0 : e;
	return true;
}

/* d scaled to exponent e (<= d->e); false on overflow. */
static bool dec_scale(const struct dec *d, int e, int64_t *out)
{
	int64_t m = d->m;
	for (int k = d->e; k > e; k--)
		if (__builtin_mul_overflow(m, 10, &m))
			return false;
	*out = m;
	return true;
}

/* m × 10^e exactly: "1000", "0.25", "-1.5" (no trailing zeros); |e| is
 * at most DEC_MAX_EXP. */
static void format_dec(char *buf, size_t len, int64_t m, int e)
{
	if (m == 0 || e >= 0) {
		int n = snprintf(buf, len, "%lld", (long long)m);
		for (int k = 0; m != 0 && k < e && (size_t)n + 1 < len; k++) {
			buf[n++] = '0';
			buf[n] = '\0';
		}
		return;
	}
	unsigned long long u = m < 0 ? 0ULL - (unsigned long long)m : (unsigned long long)m;
	char digits[64];
	int f = -e;
	/* at least one digit before the point: 5e-2 is "005", then "0.05" */
	int nd = snprintf(digits, sizeof digits, "%0*llu", f + 1, u);
	int n = snprintf(buf, len, "%s%.*s.%s", m < 0 ? "-" : "", nd - f, digits,
	                 digits + nd - f);
	char *p = buf + (n > 0 && (size_t)n < len ? n : 0);
	while (p > buf && p[-1] == '0')
		*--p = '\0';
	if (p > buf && p[-1] == '.')
		*--p = '\0';
}

/* ---- ranges ---- */

/* Decimal range; ST_OK, ST_BADINPUT (not representable: *exact false) or
 * the status of a failed push. */
static enum status range_exact(const struct dec *a, const struct dec *b,
                               const struct dec *step, struct grid_axis *ax,
                               const char *what, const char *txt, bool *exact,
                               char *err, size_t errlen)
{
	int e = a->e < b->e ? a->e : b->e;
	e = step->e < e ? step->e : e;
	int64_t A, B, S, span;
	*exact = e >= -DEC_MAX_EXP && a->e <= DEC_MAX_EXP && b->e <= DEC_MAX_EXP &&
	         step->e <= DEC_MAX_EXP && dec_scale(a, e, &A) && dec_scale(b, e, &B) &&
	         dec_scale(step, e, &S) && !__builtin_sub_overflow(B, A, &span);
	if (!*exact)
		return ST_BADINPUT;
	if (S <= 0 || span < 0) {
		snprintf(err, errlen, "%s: range %s: need step > 0 and a <= b", what, txt);
		return ST_BADINPUT;
	}
	if (span / S >= GRID_MAX_VALUES) {
		snprintf(err, errlen, "%s: range %s has more than %d values", what, txt,
		         GRID_MAX_VALUES);
		return ST_BADINPUT;
	}
	for (int64_t k = 0, n = span / S; k <= n; k++) {
		char buf[64];
		format_dec(buf, sizeof buf, A + k * S, e);
		enum status st = axis_push(ax, buf, strlen(buf));
		if (st)
			return st;
	}
	return ST_OK;
}

static int parse_double(const char *s, size_t len, double *out)
{
	char buf[64];
	if (len == 0 || len >= sizeof buf)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *end;
	errno = 0;
	*out = strtod(buf, &end);
	return errno || *end || !isfinite(*out) ? -1 : 0;
}

/* "a:b:step": a, a+step, ... up to b (inclusive), exactly in decimal when
 * possible (scenario_grid.h); `what` names the source in errors. */
static enum status parse_range(const char *txt, struct grid_axis *ax,
                               const char *what, char *err, size_t errlen)
{
	const char *c1 = strchr(txt, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	double a, b, step;
	if (!c2 || strchr(c2 + 1, ':') ||
	    parse_double(txt, (size_t)(c1 - txt), &a) ||
	    parse_double(c1 + 1, (size_t)(c2 - c1 - 1), &b) ||
	    parse_double(c2 + 1, strlen(c2 + 1), &step)) {
		snprintf(err, errlen, "%s: expected a range a:b:step of numbers, got '%s'",
		         what, txt);
		return ST_BADINPUT;
	}
	struct dec da, db, ds;
	bool exact = false;
	if (parse_dec(txt, (size_t)(c1 - txt), &da) &&
	    parse_dec(c1 + 1, (size_t)(c2 - c1 - 1), &db) &&
	    parse_dec(c2 + 1, strlen(c2 + 1), &ds)) {
		enum status st = range_exact(&da, &db, &ds, ax, what, txt, &exact, err,
		                             errlen);
		if (exact)
			return st;
	}
	/* Doubles: values a + k step (not accumulated), the end inclusive
	 * within rounding. */
	if (!(step > 0) || b < a) {
		snprintf(err, errlen, "%s: range %s: need step > 0 and a <= b", what, txt);
		return ST_BADINPUT;
	}
	double count = floor((b - a) / step + 1e-9) + 1;
	if (count > GRID_MAX_VALUES) {
		snprintf(err, errlen, "%s: range %s has more than %d values", what, txt,
		         GRID_MAX_VALUES);
		return ST_BADINPUT;
	}
	for (size_t k = 0; k < (size_t)count; k++) {
		char buf[64];
		double x = a + (double)k * step;
		if (fabs(x) < 1e-12 * step)
			x = 0;
		format_double(buf, sizeof buf, x);
		enum status st = axis_push(ax, buf, strlen(buf));
		if (st)
			return st;
	}
	return ST_OK;
}

/* ---- --grid PATH=... ---- */

enum status grid_axis_parse(const char *spec, struct grid_axis *ax, char *err,
                            size_t errlen)
{
	memset(ax, 0, sizeof *ax);
	const char *eq = strchr(spec, '=');
	if (!eq || eq == spec || !eq[1]) {
		snprintf(err, errlen, "--grid: expected PATH=V1,V2,... or "
		         "PATH=a:b:step, got '%s'", spec);
		return ST_BADINPUT;
	}
	size_t plen = (size_t)(eq - spec);
	char *what = malloc(plen + 8);
	ax->path = strndup(spec, plen);
	if (!ax->path || !what) {
		free(what);
		grid_axis_free(ax);
		snprintf(err, errlen, "--grid: out of memory");
		return ST_NOMEM;
	}
	snprintf(what, plen + 8, "--grid %s", ax->path);
	const char *vals = eq + 1;
	enum status st = ST_OK;
	if (strchr(vals, ':') && !strchr(vals, ',') && vals[0] != '"') {
		st = parse_range(vals, ax, what, err, errlen);
	} else {
		for (const char *p = vals;;) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);
			if (len == 0) {
				snprintf(err, errlen, "%s: empty value in '%s'", what, vals);
				st = ST_BADINPUT;
				break;
			}
			if ((st = axis_push(ax, p, len)) != ST_OK) {
				if (st == ST_BADINPUT)
					snprintf(err, errlen, "%s: more than %d values", what,
					         GRID_MAX_VALUES);
				break;
			}
			if (!comma)
				break;
			p = comma + 1;
		}
	}
	if (st == ST_NOMEM)
		snprintf(err, errlen, "%s: out of memory", what);
	if (st)
		grid_axis_free(ax);
	free(what);
	return st;
}

/* ---- grid files ---- */

static const char *json_kind(const cJSON *v)
{
	return cJSON_IsArray(v) ? "an array" : cJSON_IsObject(v) ? "an object" :
	       cJSON_IsString(v) ? "a string" : cJSON_IsNumber(v) ? "a number" :
	       cJSON_IsBool(v) ? "a boolean" : "null";
}

/* One array element: its --set text and label. */
static enum status push_scalar(struct grid_axis *ax, const cJSON *v,
                               const char *what, size_t i, char *err, size_t errlen)
{
	char buf[64];
	if (cJSON_IsNumber(v)) {
		double x = v->valuedouble;
		if (x == floor(x) && fabs(x) >= 9007199254740992.0) {
			snprintf(err, errlen, "%s[%zu]: %.17g is an integer of 2^53 or more, "
			         "which a JSON number does not hold exactly: give it as "
			         "a range string \"N:N:1\"", what, i, x);
			return ST_BADINPUT;
		}
		format_double(buf, sizeof buf, x);
		return axis_push(ax, buf, strlen(buf));
	}
	if (cJSON_IsBool(v)) {
		const char *t = cJSON_IsTrue(v) ? "true" : "false";
		return axis_push(ax, t, strlen(t));
	}
	if (cJSON_IsString(v)) {
		char *json = cJSON_PrintUnformatted(v);
		if (!json)
			return ST_NOMEM;
		enum status st = axis_push2(ax, json, strlen(json), v->valuestring,
		                            strlen(v->valuestring));
		free(json);
		return st;
	}
	snprintf(err, errlen, "%s[%zu]: expected a number, string or boolean, got %s",
	         what, i, json_kind(v));
	return ST_BADINPUT;
}

/* One key of the file: an array of scalars or a range string. */
static enum status read_axis(const cJSON *item, const char *what,
                             struct grid_axis *ax, char *err, size_t errlen)
{
	if (cJSON_IsString(item))
		return parse_range(item->valuestring, ax, what, err, errlen);
	if (!cJSON_IsArray(item)) {
		snprintf(err, errlen, "%s: expected an array of values or a range "
		         "\"a:b:step\", got %s", what, json_kind(item));
		return ST_BADINPUT;
	}
	size_t i = 0;
	for (const cJSON *v = item->child; v; v = v->next, i++) {
		enum status st = push_scalar(ax, v, what, i, err, errlen);
		if (st == ST_BADINPUT && ax->n >= GRID_MAX_VALUES)
			snprintf(err, errlen, "%s: more than %d values", what, GRID_MAX_VALUES);
		if (st)
			return st;
	}
	if (ax->n == 0) {
		snprintf(err, errlen, "%s: expected a non-empty array", what);
		return ST_BADINPUT;
	}
	return ST_OK;
}

/* Check the top-level object: keys non-empty and unique. */
static enum status check_keys(const cJSON *root, const char *path, char *err,
                              size_t errlen)
{
	for (const cJSON *a = root->child; a; a = a->next) {
		if (!*a->string) {
			snprintf(err, errlen, "%s: an empty key (a scenario path was expected)",
			         path);
			return ST_BADINPUT;
		}
		for (const cJSON *b = root->child; b != a; b = b->next)
			if (strcmp(a->string, b->string) == 0) {
				snprintf(err, errlen, "%s: %s: duplicate key", path, a->string);
				return ST_BADINPUT;
			}
	}
	return ST_OK;
}

/* A JSON syntax error (or trailing text) at `at`, by line and column. */
static enum status syntax_error(const char *path, const char *text, const char *at,
                                const char *what, char *err, size_t errlen)
{
	unsigned long line, col;
	textfile_position(text, at, &line, &col);
	snprintf(err, errlen, "%s: line %lu, column %lu: %s", path, line, col, what);
	return ST_BADINPUT;
}

static enum status parse_grid(const char *path, const char *text,
                              struct grid_axis **axes, size_t *n_axes,
                              char *err, size_t errlen)
{
	const char *end = NULL;
	/* The parse end comes from the call, not cJSON_GetErrorPtr (a
	 * process-wide global). */
	cJSON *root = cJSON_ParseWithOpts(text, &end, 0);
	if (!root) {
		if (!end) {
			snprintf(err, errlen, "%s: out of memory", path);
			return ST_NOMEM;
		}
		return syntax_error(path, text, end, "expected JSON (a syntax error here)",
		                    err, errlen);
	}
	enum status st = ST_OK;
	while (*end && isspace((unsigned char)*end))
		end++;
	if (*end) {
		st = syntax_error(path, text, end, "expected the end of the file after the "
		                  "object", err, errlen);
	} else if (!cJSON_IsObject(root)) {
		snprintf(err, errlen, "%s: expected '{' (an object of PATH: [values] or "
		         "\"a:b:step\"), got %s", path, json_kind(root));
		st = ST_BADINPUT;
	} else {
		st = check_keys(root, path, err, errlen);
	}
	for (const cJSON *item = st ? NULL : root->child; item; item = item->next) {
		struct grid_axis *a = realloc(*axes, (*n_axes + 1) * sizeof *a);
		size_t wlen = strlen(path) + strlen(item->string) + 3;
		char *what = malloc(wlen);
		if (a)
			*axes = a;
		if (!a || !what || !(a[*n_axes].path = strdup(item->string))) {
			free(what);
			snprintf(err, errlen, "%s: out of memory", path);
			st = ST_NOMEM;
			break;
		}
		struct grid_axis *ax = &a[*n_axes];
		ax->n = 0;
		ax->values = ax->labels = NULL;
		++*n_axes;
		snprintf(what, wlen, "%s: %s", path, item->string);
		st = read_axis(item, what, ax, err, errlen);
		if (st == ST_NOMEM)
			snprintf(err, errlen, "%s: out of memory", path);
		free(what);
		if (st)
			break;
	}
	cJSON_Delete(root);
	return st;
}

enum status grid_file_read(const char *path, struct grid_axis **axes,
                           size_t *n_axes, char *err, size_t errlen)
{
	char *text;
	size_t len;
	enum status st = textfile_read(path, &text, &len, err, errlen);
	if (st)
		return st;
	const char *label = strcmp(path, "-") == 0 ? "<stdin>" : path;
	st = parse_grid(label, text, axes, n_axes, err, errlen);
	free(text);
	return st;
}
