/* scenario_json — the resolved scenario as JSON, keys in table order and
 * numbers printed exactly, so that loading the text gives an equal struct.
 */
#include "scenario_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Numbers are printed here, not by cJSON: cJSON_Print accepts a 15-digit
 * form when it is merely within an epsilon of the value, which loses the
 * last digits of a seed near 2^53 and the last ulp of a double, and the
 * round trip (load(to_json(s)) == s) must be exact.  Assumes the C locale
 * for the decimal point, as JSON does. */
cJSON *scn_exact_number(double v, bool integer)
{
	char buf[40];

	if (integer) {
		scn_bprintf(buf, sizeof buf, "%.0f", v);
	} else {
		scn_bprintf(buf, sizeof buf, "%.15g", v);
		if (strtod(buf, NULL) != v)
			scn_bprintf(buf, sizeof buf, "%.17g", v);
	}
	return cJSON_CreateRaw(buf);
}

static bool row_applies(const struct key_row *r, const void *base,
                        const struct scenario *s)
{
	if (r->models && !(r->models & (1u << s->network.model)))
		return false;
	if (r->type == T_STR && !*(char *const *)scn_cfield(base, r))
		return false;
	if (r->flags & F_IF_AGENT)
		return ((const struct event_spec *)base)->target == TGT_AGENT;
	return true;
}

static enum status print_rows(const char *parent, cJSON *obj, const void *base,
                              const struct scenario *s)
{
	for (size_t i = 0; i < scn_n_rows; i++) {
		const struct key_row *r = &scn_rows[i];
		const char *leaf = scn_child_leaf(r, parent);
		const void *f;
		cJSON *v = NULL;

		if (!leaf || !row_applies(r, base, s))
			continue;
		f = scn_cfield(base, r);
		switch (r->type) {
		case T_OBJ:
			v = cJSON_AddObjectToObject(obj, leaf);
			if (!v || print_rows(r->path, v, base, s))
				return ST_NOMEM;
			/* A nested section with nothing set is left out
			 * (responder.script without a file). */
			if (!v->child && strchr(r->path, '.'))
				cJSON_Delete(cJSON_DetachItemFromObject(obj, leaf));
			continue;
		case T_OBJARR:
		case T_CUSTOM:
			if (r->print(r, base, obj))
				return ST_NOMEM;
			continue;
		case T_U32: v = scn_exact_number(*(const uint32_t *)f, true); break;
		case T_U64:
			v = scn_exact_number((double)*(const uint64_t *)f, true);
			break;
		case T_DBL: v = scn_exact_number(*(const double *)f, false); break;
		case T_BOOL: v = cJSON_CreateBool(*(const bool *)f); break;
		case T_ENUM: v = cJSON_CreateString(r->names[scn_load_enum(f)]); break;
		case T_STR: v = cJSON_CreateString(*(char *const *)f); break;
		case T_IDENT: v = cJSON_CreateString(f); break;
		}
		if (!v || !cJSON_AddItemToObject(obj, leaf, v)) {
			cJSON_Delete(v);
			return ST_NOMEM;
		}
	}
	return ST_OK;
}

enum status scn_print_sizes(const struct key_row *r, const void *base,
                            cJSON *parent)
{
	const struct net_spec *n = &((const struct scenario *)base)->network;
	cJSON *arr = cJSON_AddArrayToObject(parent, strrchr(r->path, '.') + 1);

	if (!arr)
		return ST_NOMEM;
	for (uint32_t b = 0; b < n->n_blocks; b++) {
		cJSON *v = scn_exact_number(n->sizes[b], true);
		if (!v || !cJSON_AddItemToArray(arr, v)) {
			cJSON_Delete(v);
			return ST_NOMEM;
		}
	}
	return ST_OK;
}

/* An event's topics by name, with their weights. */
static enum status print_event_topics(cJSON *o, const struct event_spec *e,
                                      const struct scenario *s)
{
	cJSON *arr = cJSON_AddArrayToObject(o, "topics");
	if (!arr)
		return ST_NOMEM;
	for (uint32_t k = 0; k < e->n_topics; k++) {
		cJSON *t = cJSON_CreateObject(), *w;
		if (!t || !cJSON_AddItemToArray(arr, t)) {
			cJSON_Delete(t);
			return ST_NOMEM;
		}
		w = scn_exact_number(e->topics[k].weight, false);
		if (!cJSON_AddStringToObject(t, "topic", s->topics[e->topics[k].topic]) ||
		    !w || !cJSON_AddItemToObject(t, "weight", w)) {
			cJSON_Delete(w);
			return ST_NOMEM;
		}
	}
	return ST_OK;
}

enum status scn_print_events(const struct key_row *r, const void *base,
                             cJSON *parent)
{
	const struct scenario *s = base;
	char elem_parent[PATHLEN];
	cJSON *arr = cJSON_AddArrayToObject(parent, r->path);

	if (!arr)
		return ST_NOMEM;
	scn_bprintf(elem_parent, sizeof elem_parent, "%s[]", r->path);
	for (size_t i = 0; i < s->n_events; i++) {
		cJSON *o = cJSON_CreateObject();
		if (!o || !cJSON_AddItemToArray(arr, o)) {
			cJSON_Delete(o);
			return ST_NOMEM;
		}
		if (print_rows(elem_parent, o, &s->events[i], s) ||
		    print_event_topics(o, &s->events[i], s))
			return ST_NOMEM;
	}
	return ST_OK;
}

/* For rows whose value the enclosing array's printer writes: events[].topics
 * (scn_print_events, which knows the topic names) and the plan document's
 * arrays (printed only when given: absent keys keep the defaults; topics by
 * name, from scenario.topics). */
enum status scn_print_nothing(const struct key_row *r, const void *base,
                              cJSON *parent)
{
	(void)r;
	(void)base;
	(void)parent;
	return ST_OK;  /* the array's printer writes the field */
}

enum status scn_print_group_agents(const struct key_row *r, const void *base,
                                   cJSON *parent)
{
	const struct stakeholder_group *g = base;
	cJSON *arr;

	if (g->n_agents == 0)
		return ST_OK;
	arr = cJSON_AddArrayToObject(parent, strrchr(r->path, '.') + 1);
	if (!arr)
		return ST_NOMEM;
	for (uint32_t i = 0; i < g->n_agents; i++) {
		cJSON *v = scn_exact_number((double)g->agents[i], true);
		if (!v || !cJSON_AddItemToArray(arr, v)) {
			cJSON_Delete(v);
			return ST_NOMEM;
		}
	}
	return ST_OK;
}

/* Array `leaf` of parent with n objects, elem_size bytes apart, each
 * printed through the rows of path[]; *out is the array. */
static enum status print_elems(const struct key_row *r, const struct scenario *s,
                               cJSON *parent, const void *elems,
                               size_t elem_size, uint32_t n, cJSON **out)
{
	char elem_parent[PATHLEN];
	cJSON *arr = cJSON_AddArrayToObject(parent, strrchr(r->path, '.') + 1);

	*out = arr;
	if (!arr)
		return ST_NOMEM;
	scn_bprintf(elem_parent, sizeof elem_parent, "%s[]", r->path);
	for (uint32_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		if (!o || !cJSON_AddItemToArray(arr, o)) {
			cJSON_Delete(o);
			return ST_NOMEM;
		}
		if (print_rows(elem_parent, o, (const char *)elems + i * elem_size, s))
			return ST_NOMEM;
	}
	return ST_OK;
}

enum status scn_print_plan_groups(const struct key_row *r, const void *base,
                                  cJSON *parent)
{
	const struct scenario *s = base;
	cJSON *arr;
	if (s->responder.plan.n_groups == 0)
		return ST_OK;
	return print_elems(r, s, parent, s->responder.plan.groups,
	                   sizeof s->responder.plan.groups[0],
	                   s->responder.plan.n_groups, &arr);
}

enum status scn_print_plan_messages(const struct key_row *r, const void *base,
                                    cJSON *parent)
{
	const struct scenario *s = base;
	const struct key_message *m = s->responder.plan.messages;
	cJSON *arr;
	if (s->responder.plan.n_messages == 0)
		return ST_OK;
	if (print_elems(r, s, parent, m, sizeof *m, s->responder.plan.n_messages,
	                &arr))
		return ST_NOMEM;
	for (uint32_t i = 0; i < s->responder.plan.n_messages; i++) {
		cJSON *t = cJSON_AddArrayToObject(cJSON_GetArrayItem(arr, (int)i),
		                                  "topics");
		if (!t)
			return ST_NOMEM;
		for (uint32_t k = 0; k < m[i].n_topics; k++) {
			cJSON *v = cJSON_CreateString(s->topics[m[i].topics[k]]);
			if (!v || !cJSON_AddItemToArray(t, v)) {
				cJSON_Delete(v);
				return ST_NOMEM;
			}
		}
	}
	return ST_OK;
}

enum status scn_print_plan_qa(const struct key_row *r, const void *base,
                              cJSON *parent)
{
	const struct scenario *s = base;
	const struct qa_entry *q = s->responder.plan.qa;
	cJSON *arr;
	if (!s->responder.plan.has_qa)
		return ST_OK;
	if (print_elems(r, s, parent, q, sizeof *q, s->responder.plan.n_qa, &arr))
		return ST_NOMEM;
	for (uint32_t i = 0; i < s->responder.plan.n_qa; i++)
		if (!cJSON_AddStringToObject(cJSON_GetArrayItem(arr, (int)i), "topic",
		                             s->topics[q[i].topic]))
			return ST_NOMEM;
	return ST_OK;
}

enum status scn_print_plan_levels(const struct key_row *r, const void *base,
                                  cJSON *parent)
{
	const struct scenario *s = base;
	cJSON *arr;
	if (s->responder.plan.n_levels == 0)
		return ST_OK;
	return print_elems(r, s, parent, s->responder.plan.levels,
	                   sizeof s->responder.plan.levels[0],
	                   s->responder.plan.n_levels, &arr);
}

/* Keys in table order; per model only its own network keys, so that the
 * output loads again without "not a parameter of" errors. */
char *scenario_to_json(const struct scenario *s)
{
	cJSON *root = cJSON_CreateObject();
	char *out = NULL;

	if (root && print_rows("", root, s, s) == ST_OK)
		out = cJSON_Print(root);
	cJSON_Delete(root);
	return out;
}
