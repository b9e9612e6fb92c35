/* scenario — JSON scenario files to struct scenario.
 *
 * The flow of one load:
 *   text (textfile_read: no NUL byte, size capped)
 *        ─► cJSON tree   (syntax errors with line and column; a \u0000
 *                         escape refused, as cJSON would cut the string)
 *        ─► --set overrides applied to the tree
 *        ─► key walk     (unknown and duplicate keys, anywhere in the tree)
 *        ─► defaults     (every row of the table written into the struct)
 *        ─► row read     (type and static bounds of every key present, in
 *                         table order; strings checked by the text rule of
 *                         scenario_text.c; sections end with a "finish"
 *                         hook for checks that span keys: model parameters,
 *                         nodes-1 and nodes-2 bounds, sums, event targets)
 *        ─► events sorted stably by tick.
 * The key table (scenario_schema.c) is the schema: the walk, the reader,
 * the defaults and scenario_to_json all follow it, so a key exists in
 * exactly one place.  scenario_internal.h lists the module's files.
 *
 * Invariant: after a failed load *s is all zeros (spec_free was called),
 * so callers never see a half-filled scenario.
 */
#include "scenario_internal.h"
#include "textfile.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * Messages.
 */
void scn_bprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
}

/* "LABEL: PATH: message", or "--set PATH: message" when the offending value
 * came from the command line, where the file name would mislead. */
enum status scn_fail_at(struct ctx *c, const char *path, bool from_set,
                        const char *fmt, ...)
{
	char msg[SCN_ERRLEN];
	va_list ap;

	char shown[4 * PATH_SHOWN + 32];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* A path holds the user's bytes (a --set argument, a key): show them
	 * escaped, and of a long one its start and its length, so that the
	 * message stays one line and keeps its point. */
	if (path) {
		size_t len = strlen(path);
		scn_show_text(shown, sizeof shown, path,
		              len > PATH_SHOWN ? PATH_SHOWN / 2 : len);
		if (len > PATH_SHOWN)
			scn_bprintf(shown + strlen(shown), sizeof shown - strlen(shown),
			            "... (%zu bytes)", len);
		path = shown;
	}
	if (from_set)
		scn_bprintf(c->err, SCN_ERRLEN, "--set %s: %s", path, msg);
	else if (path && *path)
		scn_bprintf(c->err, SCN_ERRLEN, "%s: %s: %s", c->label, path, msg);
	else
		scn_bprintf(c->err, SCN_ERRLEN, "%s: %s", c->label, msg);
	return ST_BADINPUT;
}

enum status scn_fail_nomem(struct ctx *c)
{
	scn_bprintf(c->err, SCN_ERRLEN, "%s: out of memory", c->label);
	return ST_NOMEM;
}

bool scn_is_set(const struct ctx *c, const cJSON *item)
{
	for (size_t i = 0; i < c->n_set; i++)
		if (c->set_items[i] == item)
			return true;
	return false;
}

enum status scn_mark_set(struct ctx *c, const cJSON *item)
{
	if (c->n_set == c->cap_set) {
		size_t cap = c->cap_set ? 2 * c->cap_set : 8;
		const cJSON **p = realloc(c->set_items, cap * sizeof *p);
		if (!p)
			return ST_NOMEM;
		c->set_items = p;
		c->cap_set = cap;
	}
	c->set_items[c->n_set++] = item;
	return ST_OK;
}

void scn_describe(const cJSON *it, char *buf, size_t n)
{
	if (!it)
		scn_bprintf(buf, n, "nothing");
	else if (cJSON_IsString(it)) {
		char text[4 * 40 + 1];
		scn_show_text(text, sizeof text, it->valuestring, 40);
		scn_bprintf(buf, n, "string \"%s%s\"", text,
		            strlen(it->valuestring) > 40 ? "..." : "");
	} else if (cJSON_IsNumber(it)) {
		double v = it->valuedouble;
		/* integers in full: 2^53+1 must not print as 9.00719925474099e+15 */
		if (v == floor(v) && fabs(v) < 1e19)
			scn_bprintf(buf, n, "%.0f", v);
		else
			scn_bprintf(buf, n, "%.15g", v);
	}
	else if (cJSON_IsTrue(it))
		scn_bprintf(buf, n, "true");
	else if (cJSON_IsFalse(it))
		scn_bprintf(buf, n, "false");
	else if (cJSON_IsNull(it))
		scn_bprintf(buf, n, "null");
	else if (cJSON_IsArray(it))
		scn_bprintf(buf, n, "array");
	else if (cJSON_IsObject(it))
		scn_bprintf(buf, n, "object");
	else
		scn_bprintf(buf, n, "invalid value");
}

enum status scn_fail_type(struct ctx *c, const char *path, bool from_set,
                          const char *what, const cJSON *it)
{
	char got[80];

	scn_describe(it, got, sizeof got);
	return scn_fail_at(c, path, from_set, "expected %s, got %s", what, got);
}

/* Optimal-string-alignment distance (Levenshtein plus the transposition
 * of two adjacent characters, each edit costing 1: "nodse" is 1 from
 * "nodes"), three rows of the DP table.  Strings past 63 bytes are never
 * close to a key or a name (all are shorter) and count as far. */
static size_t osa_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t prev2[64], prev[64], cur[64];

	if (la >= 64 || lb >= 64)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			size_t best = sub < del ? sub : del;
			best = ins < best ? ins : best;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
		memcpy(prev2, prev, (lb + 1) * sizeof prev[0]);
		memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
	}
	return prev[lb];
}

void scn_suggest_init(struct suggest *sg, const char *word)
{
	size_t len = strlen(word);

	*sg = (struct suggest){ .word = word, .len = len,
	                        .max_d = len / 3 > 1 ? len / 3 : 1,
	                        .best_d = SIZE_MAX };
}

void scn_suggest_add(struct suggest *sg, const char *cand)
{
	size_t d = osa_distance(sg->word, cand);

	/* d < len: a suggestion keeps something of the word ("x" is one edit
	 * from "m" but has nothing in common with it). */
	if (d <= sg->max_d && d < sg->len && d < sg->best_d) {
		sg->best_d = d;
		sg->best = cand;
	}
	if (sg->len >= 2 && strlen(cand) > sg->len &&
	    strncmp(cand, sg->word, sg->len) == 0) {
		sg->prefix = cand;
		sg->n_prefix++;
	}
}

const char *scn_suggest_best(const struct suggest *sg)
{
	if (sg->best)
		return sg->best_d == 0 ? NULL : sg->best;
	return sg->n_prefix == 1 ? sg->prefix : NULL;
}

void scn_join_path(char *out, const char *disp, const char *key)
{
	const char *dot = *disp ? "." : "";
	size_t len = strlen(key);

	/* No key in the table is near KEY_SHOWN bytes: a longer one is an
	 * unknown key, shown by its start and its length. */
	char shown[4 * KEY_SHOWN + 1];

	scn_show_text(shown, sizeof shown, key, len > KEY_SHOWN ? KEY_SHOWN / 2
	                                                        : len);
	if (len > KEY_SHOWN)
		scn_bprintf(out, PATHLEN, "%s%s%s... (a key of %zu bytes)", disp,
		            dot, shown, len);
	else
		scn_bprintf(out, PATHLEN, "%s%s%s", disp, dot, shown);
}

/* ------------------------------------------------------------------------
 * Key walk: unknown and duplicate keys.  cJSON keeps every member of an
 * object in its child list, duplicates included, and its look-ups return
 * the first; so duplicates are found here by comparing siblings.
 */
static enum status check_keys(struct ctx *c, const char *parent,
                              const cJSON *obj, const char *disp,
                              bool from_set)
{
	for (const cJSON *ch = obj->child; ch; ch = ch->next) {
		bool set = from_set || scn_is_set(c, ch);
		char d[PATHLEN];
		const struct key_row *r;

		scn_join_path(d, disp, ch->string);
		for (const cJSON *p = obj->child; p != ch; p = p->next)
			if (strcmp(p->string, ch->string) == 0)
				return scn_fail_at(c, d, set, "duplicate key");
		r = scn_find_row(parent, ch->string);
		if (!r) {
			struct suggest sg;
			const char *best;
			scn_suggest_init(&sg, ch->string);
			for (size_t i = 0; i < scn_n_rows; i++) {
				const char *leaf = scn_child_leaf(&scn_rows[i], parent);
				if (leaf)
					scn_suggest_add(&sg, leaf);
			}
			if ((best = scn_suggest_best(&sg)))
				return scn_fail_at(c, d, set, "unknown key (did you mean "
				                   "\"%s\"? see `crisim keys`)", best);
			return scn_fail_at(c, d, set, "unknown key (see `crisim keys`)");
		}
		if (r->type == T_OBJ && cJSON_IsObject(ch)) {
			enum status rc = check_keys(c, r->path, ch, d, set);
			if (rc)
				return rc;
		} else if (r->type == T_OBJARR && cJSON_IsArray(ch)) {
			char elem_parent[PATHLEN];
			size_t i = 0;
			const cJSON *el;

			scn_bprintf(elem_parent, sizeof elem_parent, "%s[]", r->path);
			cJSON_ArrayForEach(el, ch) {
				char de[PATHLEN];
				scn_bprintf(de, sizeof de, "%s[%zu]", d, i++);
				if (cJSON_IsObject(el)) {
					enum status rc = check_keys(c, elem_parent, el, de,
					                    set || scn_is_set(c, el));
					if (rc)
						return rc;
				}
			}
		}
	}
	return ST_OK;
}

/* ------------------------------------------------------------------------
 * Public entry points.
 */
static enum status syntax_error(struct ctx *c, const char *text,
                                const char *at, const char *what)
{
	unsigned long line = 1, col = 1;

	for (const char *q = text; q < at; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	if (what)
		scn_bprintf(c->err, SCN_ERRLEN, "%s: line %lu, column %lu: invalid "
		            "JSON (%s)", c->label, line, col, what);
	else if (*at == '\0')
		scn_bprintf(c->err, SCN_ERRLEN, "%s: line %lu, column %lu: invalid "
		            "JSON (unexpected end of input)", c->label, line, col);
	else if ((unsigned char)*at >= 0x20 && (unsigned char)*at < 0x7f)
		scn_bprintf(c->err, SCN_ERRLEN, "%s: line %lu, column %lu: invalid "
		            "JSON (unexpected '%c')", c->label, line, col, *at);
	else
		scn_bprintf(c->err, SCN_ERRLEN, "%s: line %lu, column %lu: invalid "
		            "JSON (unexpected byte 0x%02x)", c->label, line, col,
		            (unsigned)(unsigned char)*at);
	return ST_BADINPUT;
}

enum status scenario_parse(struct scenario *s, const char *text,
                           const char *label, const char *base_dir,
                           const char *const *sets, size_t n_sets,
                           char err[SCN_ERRLEN])
{
	struct ctx c = { .label = label ? label : "<scenario>", .err = err,
	                 .base_dir = base_dir, .s = s };
	const char *end = NULL, *at;
	cJSON *root = NULL;
	enum status rc;

	memset(s, 0, sizeof *s);
	err[0] = '\0';
	if (strncmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3;  /* a UTF-8 byte order mark is not JSON but harmless */
	if (text[strspn(text, " \t\r\n")] == '\0') {
		rc = scn_fail_at(&c, NULL, false, "expected a JSON object, got empty "
		                 "input");
		goto fail;
	}
	/* The parse end comes from the call, not cJSON_GetErrorPtr, which is
	 * a process-wide global. */
	root = cJSON_ParseWithOpts(text, &end, 1);
	if (!root) {
		rc = end ? syntax_error(&c, text, end, NULL) : scn_fail_nomem(&c);
		goto fail;
	}
	if ((at = scn_find_nul_escape(text))) {
		unsigned long line, col;
		textfile_position(text, at, &line, &col);
		scn_bprintf(c.err, SCN_ERRLEN, "%s: line %lu, column %lu: expected "
		            "text without NUL characters, got \\u0000 in a string",
		            c.label, line, col);
		rc = ST_BADINPUT;
		goto fail;
	}
	if (!cJSON_IsObject(root)) {
		char got[80];
		scn_describe(root, got, sizeof got);
		rc = scn_fail_at(&c, NULL, false, "expected a JSON object at the top "
		                 "level, got %s", got);
		goto fail;
	}
	for (size_t i = 0; i < n_sets; i++)
		if ((rc = scn_apply_set(&c, root, sets[i])))
			goto fail;
	if ((rc = check_keys(&c, "", root, "", false)))
		goto fail;
	/* topic 0, before any event names its own */
	spec_topic_intern(s, "general");
	if ((rc = scn_set_defaults("", s))) {
		rc = scn_fail_nomem(&c);
		goto fail;
	}
	if ((rc = scn_read_rows(&c, "", root, s, "", false)))
		goto fail;
	cJSON_Delete(root);
	free(c.set_items);
	return ST_OK;
fail:
	cJSON_Delete(root);
	free(c.set_items);
	spec_free(s);
	return rc;
}

enum status scenario_load(struct scenario *s, const char *path,
                          const char *const *sets, size_t n_sets,
                          char err[SCN_ERRLEN])
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *label = is_stdin ? "<stdin>" : path;
	const char *slash = is_stdin ? NULL : strrchr(path, '/');
	char *text = NULL, *dir = NULL;
	size_t len = 0;
	enum status rc;

	memset(s, 0, sizeof *s);
	if ((rc = textfile_read(path, &text, &len, err, SCN_ERRLEN)))
		return rc;
	if (slash) {
		size_t dl = slash == path ? 1 : (size_t)(slash - path);
		dir = strndup(path, dl);
		if (!dir) {
			free(text);
			scn_bprintf(err, SCN_ERRLEN, "%s: out of memory", label);
			return ST_NOMEM;
		}
	}
	rc = scenario_parse(s, text, label, dir, sets, n_sets, err);
	free(dir);
	free(text);
	return rc;
}
