/* scenario_jsonschema — the key table as a JSON Schema (draft 2020-12), so
 * that editors complete and check scenario files (`crisim keys
 * --json-schema`).
 *
 * Every row becomes the schema of its key: type, static bounds (minimum,
 * maximum, exclusiveMinimum for F_LO_OPEN, multipleOf 2 for F_EVEN),
 * enum names, default and description; T_OBJ rows and the elements of
 * T_OBJARR rows become objects with additionalProperties false (the key
 * walk refuses unknown keys everywhere) and their F_REQUIRED keys in
 * "required".  What the table holds only as text — the values of custom
 * rows and the lengths of arrays, which their readers check — is the small
 * table below, beside the readers' own limits (spec.h).
 *
 * The schema is a necessary condition: bounds relative to other keys
 * (nodes-1, ticks-1), the keys of another network model, topic names that
 * must be declared, volumes that must increase are checked by the loader
 * (`crisim validate`), not here; the static bound of such a key is given.
 */
#include "scenario_internal.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

#define DRAFT "https://json-schema.org/draft/2020-12/schema"
/* The string rules of scenario_text.c and is_ident (scenario_read.c) as
 * ECMA-262 patterns; names are ASCII, so maxLength counts bytes. */
#define TEXT_PATTERN "^[^\\u0000-\\u001f\\u007f]*$"
#define MULTILINE_PATTERN "^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$"
#define IDENT_PATTERN "^[A-Za-z_][A-Za-z0-9_-]*$"
#define TOPIC_PATTERN "^[A-Za-z0-9_-]+$"

/* Element counts of arrays, as their readers check them (0 = no bound). */
struct array_len {
	const char *path;
	unsigned min, max;
};

static const struct array_len array_lens[] = {
	{ "network.sizes", 1, SCN_MAX_BLOCKS },
	{ "events[].topics", 1, SPEC_MAX_TOPICS },
	{ "responder.plan.stakeholders", 0, SPEC_MAX_GROUPS },
	{ "responder.plan.stakeholders[].select.agents", 1,
	  SPEC_MAX_GROUP_AGENTS },
	{ "responder.plan.messages", 0, SPEC_MAX_MESSAGES },
	{ "responder.plan.messages[].topics", 1, SPEC_MAX_TOPICS },
	{ "responder.plan.qa", 0, SPEC_MAX_TOPICS },
	{ "responder.plan.escalation", 1, SPEC_MAX_LEVELS },
};

static const struct array_len *array_len_of(const char *path)
{
	for (size_t i = 0; i < sizeof array_lens / sizeof *array_lens; i++)
		if (strcmp(array_lens[i].path, path) == 0)
			return &array_lens[i];
	return NULL;
}

/* cJSON's adders return false when out of memory; every builder below
 * returns false then and the caller frees the whole tree. */
static bool add_str(cJSON *o, const char *key, const char *v)
{
	return cJSON_AddStringToObject(o, key, v) != NULL;
}

/* Numbers go through the exact writer of scenario_json.c: cJSON's own
 * printing rounds 2^53-1 (the largest seed) to 15 digits. */
static bool add_num(cJSON *o, const char *key, double v, bool integer)
{
	cJSON *n = scn_exact_number(v, integer);
	if (n && cJSON_AddItemToObject(o, key, n))
		return true;
	cJSON_Delete(n);
	return false;
}

static bool add_elem(cJSON *arr, const char *v)
{
	cJSON *e = cJSON_CreateString(v);
	if (e && cJSON_AddItemToArray(arr, e))
		return true;
	cJSON_Delete(e);
	return false;
}

static bool add_pattern(cJSON *o, const char *pattern, unsigned max_len)
{
	return add_str(o, "type", "string") && add_str(o, "pattern", pattern) &&
	       add_num(o, "minLength", 1, true) &&
	       (!max_len || add_num(o, "maxLength", max_len, true));
}

static bool add_items_len(cJSON *o, const char *path)
{
	const struct array_len *l = array_len_of(path);
	if (!l)
		return true;
	return (!l->min || add_num(o, "minItems", l->min, true)) &&
	       (!l->max || add_num(o, "maxItems", l->max, true));
}

/* The values of a custom row (its reader is the reference). */
static bool custom_schema(const struct key_row *r, cJSON *o)
{
	cJSON *items, *props, *p, *req;

	if (!add_str(o, "type", "array") || !add_items_len(o, r->path) ||
	    !(items = cJSON_AddObjectToObject(o, "items")))
		return false;
	if (strcmp(r->path, "network.sizes") == 0)
		return add_str(items, "type", "integer") &&
		       add_num(items, "minimum", 1, true) &&
		       add_num(items, "maximum", NODES_MAX_D, true);
	if (strcmp(r->path, "responder.plan.stakeholders[].select.agents") == 0)
		return add_str(items, "type", "integer") &&
		       add_num(items, "minimum", 0, true) &&
		       add_num(items, "maximum", SEED_MAX, true);
	if (strcmp(r->path, "responder.plan.messages[].topics") == 0)
		return add_pattern(items, TOPIC_PATTERN, SCN_NAMELEN - 1) &&
		       cJSON_AddTrueToObject(o, "uniqueItems");
	if (strcmp(r->path, "events[].topics") == 0) {
		if (!add_str(items, "type", "object") ||
		    !(props = cJSON_AddObjectToObject(items, "properties")) ||
		    !(p = cJSON_AddObjectToObject(props, "topic")) ||
		    !add_pattern(p, TOPIC_PATTERN, SCN_NAMELEN - 1) ||
		    !add_str(p, "description", "the topic's name") ||
		    !(p = cJSON_AddObjectToObject(props, "weight")) ||
		    !add_str(p, "type", "number") ||
		    !add_num(p, "exclusiveMinimum", 0, true) ||
		    !add_num(p, "default", 1, true) ||
		    !add_str(p, "description", "relative weight of the topic; "
		             "default 1") ||
		    !(req = cJSON_AddArrayToObject(items, "required")) ||
		    !add_elem(req, "topic"))
			return false;
		return cJSON_AddFalseToObject(items, "additionalProperties") != NULL;
	}
	return false;  /* a custom row without an entry here: a test catches it */
}

/* qa[].topic is a custom row holding one name, not an array. */
static bool is_single_topic(const struct key_row *r)
{
	return strcmp(r->path, "responder.plan.qa[].topic") == 0;
}

static bool object_schema(const char *parent, cJSON *o);

/* The schema of row r into o. */
static bool row_schema(const struct key_row *r, cJSON *o)
{
	bool integer = r->type == T_U32 || r->type == T_U64;
	cJSON *arr;

	switch (r->type) {
	case T_OBJ:
		return object_schema(r->path, o);
	case T_OBJARR: {
		char elem[PATHLEN];
		cJSON *items;
		scn_bprintf(elem, sizeof elem, "%s[]", r->path);
		return add_str(o, "type", "array") && add_items_len(o, r->path) &&
		       (items = cJSON_AddObjectToObject(o, "items")) &&
		       object_schema(elem, items);
	}
	case T_U32:
	case T_U64:
	case T_DBL:
		if (!add_str(o, "type", integer ? "integer" : "number") ||
		    !add_num(o, r->flags & F_LO_OPEN ? "exclusiveMinimum" :
		             "minimum", r->lo, integer) ||
		    (r->hi < DBL_MAX && !add_num(o, "maximum", r->hi, integer)) ||
		    ((r->flags & F_EVEN) && !add_num(o, "multipleOf", 2, true)))
			return false;
		return (r->flags & F_REQUIRED) ||
		       add_num(o, "default", r->def, integer);
	case T_BOOL:
		return add_str(o, "type", "boolean") &&
		       cJSON_AddBoolToObject(o, "default", r->def != 0) != NULL;
	case T_STR:
		if (!add_str(o, "type", "string") ||
		    !add_str(o, "pattern", r->flags & F_MULTILINE ?
		             MULTILINE_PATTERN : TEXT_PATTERN))
			return false;
		return !r->def_str || add_str(o, "default", r->def_str);
	case T_IDENT:
		if (!add_pattern(o, IDENT_PATTERN, SCN_NAMELEN - 1))
			return false;
		return (r->flags & F_REQUIRED) || add_str(o, "default", r->def_str);
	case T_ENUM:
		if (!(arr = cJSON_AddArrayToObject(o, "enum")))
			return false;
		for (const char *const *nm = r->names; *nm; nm++)
			if (!add_elem(arr, *nm))
				return false;
		return (r->flags & F_REQUIRED) ||
		       add_str(o, "default", r->names[(int)r->def]);
	case T_CUSTOM:
		if (is_single_topic(r))
			return add_pattern(o, TOPIC_PATTERN, SCN_NAMELEN - 1);
		if (strcmp(r->path, "$schema") == 0)
			return add_str(o, "type", "string");
		return custom_schema(r, o);
	}
	return false;
}

/* events[].agent: present iff target is "agent" (F_IF_AGENT). */
static bool add_if_agent(cJSON *o, const char *key)
{
	cJSON *cond = cJSON_AddObjectToObject(o, "if");
	cJSON *props, *t, *req, *then, *els, *not;

	if (!cond || !(props = cJSON_AddObjectToObject(cond, "properties")) ||
	    !(t = cJSON_AddObjectToObject(props, "target")) ||
	    !add_str(t, "const", "agent") ||
	    !(req = cJSON_AddArrayToObject(cond, "required")) ||
	    !add_elem(req, "target") ||
	    !(then = cJSON_AddObjectToObject(o, "then")) ||
	    !(req = cJSON_AddArrayToObject(then, "required")) ||
	    !add_elem(req, key) ||
	    !(els = cJSON_AddObjectToObject(o, "else")) ||
	    !(not = cJSON_AddObjectToObject(els, "not")) ||
	    !(req = cJSON_AddArrayToObject(not, "required")))
		return false;
	return add_elem(req, key);
}

/* An object of the rows directly under `parent` ("" = the top level). */
static bool object_schema(const char *parent, cJSON *o)
{
	cJSON *props, *req = NULL;

	if (!add_str(o, "type", "object") ||
	    !(props = cJSON_AddObjectToObject(o, "properties")))
		return false;
	for (size_t i = 0; i < scn_n_rows; i++) {
		const struct key_row *r = &scn_rows[i];
		const char *leaf = scn_child_leaf(r, parent);
		char desc[1024];
		cJSON *p;

		if (!leaf)
			continue;
		/* The valid values in words too: they name the relative bounds
		 * (nodes-1) the schema cannot state. */
		if (r->expect && r->type != T_ENUM)
			scn_bprintf(desc, sizeof desc, "%s. Valid: %s", r->doc,
			            r->expect);
		else
			scn_bprintf(desc, sizeof desc, "%s", r->doc);
		if (!(p = cJSON_AddObjectToObject(props, leaf)) ||
		    !add_str(p, "description", desc) || !row_schema(r, p))
			return false;
		/* qa[].topic: a custom row whose reader requires it. */
		if ((r->flags & F_REQUIRED) || is_single_topic(r)) {
			if (!req && !(req = cJSON_AddArrayToObject(o, "required")))
				return false;
			if (!add_elem(req, leaf))
				return false;
		}
		if ((r->flags & F_IF_AGENT) && !add_if_agent(o, leaf))
			return false;
	}
	return cJSON_AddFalseToObject(o, "additionalProperties") != NULL;
}

char *scenario_json_schema(void)
{
	cJSON *root = cJSON_CreateObject();
	char *out = NULL;

	if (root && add_str(root, "$schema", DRAFT) &&
	    add_str(root, "title", "crisim scenario") &&
	    add_str(root, "description", "A crisim scenario file, generated by "
	            "`crisim keys --json-schema` from the key table; `crisim "
	            "validate FILE` also checks the rules that span keys.") &&
	    object_schema("", root))
		out = cJSON_Print(root);
	cJSON_Delete(root);
	return out;
}
