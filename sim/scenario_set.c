/* scenario_set — --set PATH=VALUE: edits of the JSON tree before
 * validation, so that an override is checked exactly like the file.
 */
#include "scenario_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *type_name(const cJSON *it)
{
	if (cJSON_IsObject(it)) return "an object";
	if (cJSON_IsArray(it)) return "an array";
	if (cJSON_IsString(it)) return "a string";
	if (cJSON_IsNumber(it)) return "a number";
	if (cJSON_IsBool(it)) return "a boolean";
	return "null";
}

#define MAX_SEGS 32
#define PREFIX_SHOWN 64

/* The first len bytes of arg, for a message: escaped, and cut to
 * PREFIX_SHOWN bytes with "..." (the argument may be of any length). */
static const char *prefix_of(char *buf, size_t n, const char *arg, size_t len)
{
	char *cut = strndup(arg, len < PREFIX_SHOWN ? len : PREFIX_SHOWN);

	if (!cut)
		return "the path";
	scn_show_text(buf, n, cut, PREFIX_SHOWN);
	free(cut);
	if (len > PREFIX_SHOWN)
		scn_bprintf(buf + strlen(buf), n - strlen(buf), "...");
	return buf;
}

/* One step of a path.  A key points into the caller's copy of the path,
 * NUL-terminated there; nothing is copied into a fixed buffer, so a path
 * of any length is parsed (and then refused as an unknown key, with a
 * message, by the key walk). */
struct seg {
	bool index;           /* "[i]", or digits applied to an array */
	unsigned long idx;
	const char *key;      /* "" for "[i]" */
	size_t end;           /* offset in the argument just past the segment */
};

/* Split "a.b[2].c", the first plen bytes of arg, into segments; `keys` is a
 * writable copy of those bytes into which the keys point. */
static enum status parse_set_path(struct ctx *c, const char *arg, size_t plen,
                                  char *keys, struct seg *segs,
                                  size_t *n_segs)
{
	size_t i = 0, n = 0;
	char pre[4 * PREFIX_SHOWN + 4];

	while (i < plen) {
		struct seg *g = &segs[n];
		if (n == MAX_SEGS)
			return scn_fail_at(c, arg, true, "path deeper than %d levels",
			                   MAX_SEGS);
		if (arg[i] == '[') {
			size_t j = i + 1;
			g->idx = 0;
			while (j < plen && arg[j] >= '0' && arg[j] <= '9' && j - i < 10)
				g->idx = g->idx * 10 + (unsigned long)(arg[j++] - '0');
			if (j == i + 1 || j >= plen || arg[j] != ']')
				return scn_fail_at(c, arg, true, "expected PATH=VALUE, "
				                   "got a bad array index after \"%s\"",
				                   prefix_of(pre, sizeof pre, arg, i));
			g->index = true;
			g->key = "";
			i = j + 1;
		} else {
			size_t j = i;
			while (j < plen && arg[j] != '.' && arg[j] != '[')
				j++;
			if (j == i)
				return scn_fail_at(c, arg, true, "expected PATH=VALUE, "
				                   "got an empty key in the path");
			keys[j] = '\0';  /* a separator, or the end of the copy */
			g->key = keys + i;
			g->index = false;
			i = j;
		}
		g->end = i;
		n++;
		if (i < plen && arg[i] == '.') {
			if (++i == plen)
				return scn_fail_at(c, arg, true, "expected PATH=VALUE, "
				                   "got an empty key in the path");
		} else if (i < plen && arg[i] != '[') {
			return scn_fail_at(c, arg, true, "expected PATH=VALUE, got "
			                   "'%c' after an array index", arg[i]);
		}
	}
	*n_segs = n;
	return ST_OK;
}

/* Follow segs[0..n-1) from root, creating missing objects, and check that
 * segs[n-1] can be applied to the container reached (*parent). */
static enum status walk_to_parent(struct ctx *c, cJSON *root, const char *arg,
                                  struct seg *segs, size_t n, cJSON **parent)
{
	cJSON *cur = root, *old;

	for (size_t k = 0;; k++) {
		struct seg *g = &segs[k];
		char pre[4 * PREFIX_SHOWN + 4];
		const char *where = k ? prefix_of(pre, sizeof pre, arg,
		                                  segs[k - 1].end) : "the top level";
		size_t klen = strlen(g->key);

		if (!g->index && cJSON_IsArray(cur) && klen > 0 && klen < 10 &&
		    strspn(g->key, "0123456789") == klen) {
			g->index = true;
			g->idx = strtoul(g->key, NULL, 10);
		}
		if (g->index) {
			int size;
			if (!cJSON_IsArray(cur))
				return scn_fail_at(c, arg, true, "%s is %s, not an array",
				                   where, type_name(cur));
			size = cJSON_GetArraySize(cur);
			if (g->idx >= (unsigned long)size)
				return scn_fail_at(c, arg, true, "index %lu is past the "
				                   "end of %s (%d elements)", g->idx,
				                   where, size);
		} else if (!cJSON_IsObject(cur)) {
			return scn_fail_at(c, arg, true, "%s is %s, not an object",
			                   where, type_name(cur));
		}
		if (k + 1 == n) {
			*parent = cur;
			return ST_OK;
		}
		if (g->index) {
			cur = cJSON_GetArrayItem(cur, (int)g->idx);
			continue;
		}
		old = cJSON_GetObjectItemCaseSensitive(cur, g->key);
		if (!old && segs[k + 1].index)
			return scn_fail_at(c, arg, true, "index %lu is past the end "
			                   "of %s (absent)", segs[k + 1].idx,
			                   prefix_of(pre, sizeof pre, arg, g->end));
		if (!old) {
			old = cJSON_CreateObject();
			if (!old)
				return scn_fail_nomem(c);
			if (!cJSON_AddItemToObject(cur, g->key, old)) {
				cJSON_Delete(old);
				return scn_fail_nomem(c);
			}
			if (scn_mark_set(c, old))
				return scn_fail_nomem(c);
		}
		cur = old;
	}
}

/* Put the value text `text` of the override of `path` at its last segment
 * g, under cur. */
static enum status put_value(struct ctx *c, cJSON *cur, const struct seg *g,
                             const char *path, const char *text)
{
	cJSON *val = cJSON_ParseWithOpts(text, NULL, 1);
	cJSON_bool ok;

	if (val && scn_find_nul_escape(text)) {
		cJSON_Delete(val);
		return scn_fail_at(c, path, true, "expected text without NUL "
		                   "characters, got \\u0000 in a string");
	}
	if (!val)
		val = cJSON_CreateString(text);
	if (!val)
		return scn_fail_nomem(c);
	if (cJSON_IsNull(val)) {
		cJSON_Delete(val);
		if (g->index)
			cJSON_DeleteItemFromArray(cur, (int)g->idx);
		else
			cJSON_DeleteItemFromObjectCaseSensitive(cur, g->key);
		return ST_OK;
	}
	if (g->index)
		ok = cJSON_ReplaceItemInArray(cur, (int)g->idx, val);
	else if (cJSON_GetObjectItemCaseSensitive(cur, g->key))
		ok = cJSON_ReplaceItemInObjectCaseSensitive(cur, g->key, val);
	else
		ok = cJSON_AddItemToObject(cur, g->key, val);  /* copies the key */
	if (!ok) {
		cJSON_Delete(val);
		return scn_fail_nomem(c);
	}
	return scn_mark_set(c, val) ? scn_fail_nomem(c) : ST_OK;
}

/* Apply one override.  Path segments are keys separated by '.', and array
 * indices as "[i]" or ".i" (digits on an array).  Missing objects on the
 * way are created; an index must name an existing element.  The value is
 * JSON when it parses completely, else the raw text as a string; JSON null
 * removes the key, so its default applies again.  Every item created is
 * remembered, so that errors inside it are labelled "--set PATH". */
enum status scn_apply_set(struct ctx *c, cJSON *root, const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct seg segs[MAX_SEGS];
	size_t n = 0;
	cJSON *parent = NULL;
	char *keys, *path;  /* the path twice: cut into keys, and whole */
	enum status rc;

	if (!eq)
		return scn_fail_at(c, arg, true, "expected PATH=VALUE, got no '='");
	if (eq == arg)
		return scn_fail_at(c, arg, true, "expected PATH=VALUE, got an "
		                   "empty path");
	keys = strndup(arg, (size_t)(eq - arg));
	path = strndup(arg, (size_t)(eq - arg));
	if (!keys || !path) {
		free(keys);
		free(path);
		return scn_fail_nomem(c);
	}
	rc = parse_set_path(c, arg, (size_t)(eq - arg), keys, segs, &n);
	if (rc == ST_OK)
		rc = walk_to_parent(c, root, arg, segs, n, &parent);
	if (rc == ST_OK)
		rc = put_value(c, parent, &segs[n - 1], path, eq + 1);
	free(keys);
	free(path);
	return rc;
}
