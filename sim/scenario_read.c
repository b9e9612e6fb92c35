/* scenario_read — defaults and the reading of single keys: type and static
 * bounds of every key present, in table order, with the finish hook of a
 * section run once its keys are read.
 */
#include "scenario_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum status set_string(char **dst, const char *v)
{
	char *copy = NULL;

	if (v) {
		copy = strdup(v);
		if (!copy)
			return ST_NOMEM;
	}
	free(*dst);
	*dst = copy;
	return ST_OK;
}

enum status scn_set_defaults(const char *parent, void *base)
{
	for (size_t i = 0; i < scn_n_rows; i++) {
		const struct key_row *r = &scn_rows[i];
		void *f;

		if (!scn_child_leaf(r, parent))
			continue;
		f = scn_field(base, r);
		switch (r->type) {
		case T_OBJ: {
			enum status rc = scn_set_defaults(r->path, base);
			if (rc)
				return rc;
			break;
		}
		case T_U32: *(uint32_t *)f = (uint32_t)r->def; break;
		case T_U64: *(uint64_t *)f = (uint64_t)r->def; break;
		case T_DBL: *(double *)f = r->def; break;
		case T_BOOL: *(bool *)f = r->def != 0; break;
		case T_ENUM: scn_store_enum(f, (int)r->def); break;
		case T_STR:
			if (set_string(f, r->def_str))
				return ST_NOMEM;
			break;
		case T_IDENT:
			scn_bprintf(f, SCN_NAMELEN, "%s", r->def_str);
			break;
		case T_OBJARR:
		case T_CUSTOM:
			break;  /* their readers fill them, given or not */
		}
	}
	return ST_OK;
}

static bool is_ident(const char *v)
{
	size_t n = strlen(v);

	if (n == 0 || n >= SCN_NAMELEN || !(v[0] == '_' ||
	    (v[0] >= 'a' && v[0] <= 'z') || (v[0] >= 'A' && v[0] <= 'Z')))
		return false;
	for (size_t i = 1; i < n; i++) {
		char ch = v[i];
		if (!(ch == '_' || ch == '-' || (ch >= 'a' && ch <= 'z') ||
		      (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
			return false;
	}
	return true;
}

/* Numbers: valuedouble only (valueint saturates), integral for integer
 * types, finite, inside the row's static bounds. */
static enum status read_number(struct ctx *c, const struct key_row *r,
                               const cJSON *it, const char *path,
                               bool from_set, double *out)
{
	bool integer = r->type == T_U32 || r->type == T_U64;
	double v;
	char got[80];

	if (!cJSON_IsNumber(it))
		return scn_fail_type(c, path, from_set,
		                     integer ? "integer" : "number", it);
	v = it->valuedouble;
	scn_describe(it, got, sizeof got);
	if (!isfinite(v))
		return scn_fail_at(c, path, from_set, "expected %s, got %s", r->expect,
		                   got);
	if (integer && v != floor(v))
		return scn_fail_at(c, path, from_set, "expected integer, got %s", got);
	if (v < r->lo || v > r->hi || ((r->flags & F_LO_OPEN) && v == r->lo) ||
	    ((r->flags & F_EVEN) && fmod(v, 2.0) != 0))
		return scn_fail_at(c, path, from_set, "expected %s, got %s", r->expect,
		                   got);
	*out = v;
	return ST_OK;
}

static enum status read_enum(struct ctx *c, const struct key_row *r,
                             const cJSON *it, const char *path, bool from_set,
                             int *out)
{
	char allowed[256] = "", got[80];
	size_t used = 0;
	const char *best = NULL;

	if (cJSON_IsString(it)) {
		struct suggest sg;
		scn_suggest_init(&sg, it->valuestring);
		for (int i = 0; r->names[i]; i++) {
			if (strcmp(it->valuestring, r->names[i]) == 0) {
				*out = i;
				return ST_OK;
			}
			scn_suggest_add(&sg, r->names[i]);
		}
		best = scn_suggest_best(&sg);
	}
	for (int i = 0; r->names[i] && used < sizeof allowed; i++) {
		int k = snprintf(allowed + used, sizeof allowed - used, "%s\"%s\"",
		                 i ? ", " : "", r->names[i]);
		if (k < 0)
			break;
		used += (size_t)k;
	}
	scn_describe(it, got, sizeof got);
	if (best)
		return scn_fail_at(c, path, from_set,
		                   "expected one of %s, got %s (did you mean \"%s\"?)",
		                   allowed, got, best);
	return scn_fail_at(c, path, from_set, "expected one of %s, got %s", allowed,
	                   got);
}

/* Read one present-or-absent key.  Absent keys keep their default, except
 * for objects, arrays and custom rows, which are always visited so that
 * their finish hooks and default fill-ins run. */
static enum status read_row(struct ctx *c, const struct key_row *r,
                            const cJSON *obj, void *base, const char *disp,
                            bool from_set)
{
	const char *leaf = strrchr(r->path, '.');
	const cJSON *it;
	char d[PATHLEN];
	bool set;
	void *f = scn_field(base, r);
	double num;
	enum status rc;
	int e = 0;

	leaf = leaf ? leaf + 1 : r->path;
	it = obj ? cJSON_GetObjectItemCaseSensitive(obj, leaf) : NULL;
	set = from_set || scn_is_set(c, it);
	scn_join_path(d, disp, leaf);

	switch (r->type) {
	case T_OBJ:
		if (it && !cJSON_IsObject(it))
			return scn_fail_type(c, d, set, "object", it);
		rc = scn_read_rows(c, r->path, it, base, d, set);
		if (rc == ST_OK && r->finish)
			rc = r->finish(c, it, d, set);
		return rc;
	case T_OBJARR:
	case T_CUSTOM:
		return r->read(c, r, it, d, set, base);
	default:
		break;
	}
	if (!it) {
		if (r->flags & F_REQUIRED)
			return scn_fail_at(c, d, set, "expected %s, got nothing "
			                   "(the key is required)", r->expect);
		return ST_OK;
	}
	switch (r->type) {
	case T_U32:
		if ((rc = read_number(c, r, it, d, set, &num)))
			return rc;
		*(uint32_t *)f = (uint32_t)num;
		return ST_OK;
	case T_U64:
		if ((rc = read_number(c, r, it, d, set, &num)))
			return rc;
		*(uint64_t *)f = (uint64_t)num;
		return ST_OK;
	case T_DBL:
		if ((rc = read_number(c, r, it, d, set, &num)))
			return rc;
		*(double *)f = num;
		return ST_OK;
	case T_BOOL:
		if (!cJSON_IsBool(it))
			return scn_fail_type(c, d, set, "true or false", it);
		*(bool *)f = cJSON_IsTrue(it);
		return ST_OK;
	case T_ENUM:
		if ((rc = read_enum(c, r, it, d, set, &e)))
			return rc;
		scn_store_enum(f, e);
		return ST_OK;
	case T_STR:
		if (!cJSON_IsString(it))
			return scn_fail_type(c, d, set, "string", it);
		if ((rc = scn_check_text(c, d, set, it->valuestring,
		                         r->flags & F_MULTILINE)))
			return rc;
		return set_string(f, it->valuestring) ? scn_fail_nomem(c) : ST_OK;
	case T_IDENT:
		if (!cJSON_IsString(it) || !is_ident(it->valuestring))
			return scn_fail_type(c, d, set, r->expect, it);
		scn_bprintf(f, SCN_NAMELEN, "%s", it->valuestring);
		return ST_OK;
	default:
		return ST_OK;
	}
}

enum status scn_read_rows(struct ctx *c, const char *parent, const cJSON *obj,
                          void *base, const char *disp, bool from_set)
{
	for (size_t i = 0; i < scn_n_rows; i++) {
		enum status rc;
		if (!scn_child_leaf(&scn_rows[i], parent))
			continue;
		rc = read_row(c, &scn_rows[i], obj, base, disp, from_set);
		if (rc)
			return rc;
	}
	return ST_OK;
}
