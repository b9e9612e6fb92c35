/* scenario_plan — the readers of the plan document: responder.plan.
 * stakeholders, messages, qa and escalation (models/README.md §4 "plan"),
 * the custom rows of the key table for arrays of objects.
 */
#include "scenario_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * The plan document: responder.plan.stakeholders, messages, qa, escalation
 * (models/README.md §4 "plan").  Topics are resolved against
 * scenario.topics, which the events (read before the responder) fill.
 * What only the population can tell (a group that selects nobody, an
 * agent id beyond the graph) is checked when the plan maps the groups
 * (models/plan.c, plan_map_groups).
 */
_Static_assert(sizeof(enum stake_role) == sizeof(int), "enum size");
_Static_assert(sizeof(enum scct_strategy) == sizeof(int), "enum size");

/* Each element of array `item` (at most `max`) read through the rows of
 * r->path "[]" into elems[i] (elem_size bytes each), after the defaults;
 * *n is the count.  ST_OK with *n = 0 when the key is absent. */
static enum status read_elems(struct ctx *c, const struct key_row *r,
                              const cJSON *item, const char *disp,
                              bool from_set, void *elems, size_t elem_size,
                              uint32_t max, uint32_t *n)
{
	char parent[PATHLEN];
	const cJSON *el;
	uint32_t i = 0;
	enum status rc;

	*n = 0;
	if (!item)
		return ST_OK;
	if (!cJSON_IsArray(item) || cJSON_GetArraySize(item) > (int)max)
		return scn_fail_type(c, disp, from_set, r->expect, item);
	scn_bprintf(parent, sizeof parent, "%s[]", r->path);
	cJSON_ArrayForEach(el, item) {
		char d[PATHLEN];
		bool set = from_set || scn_is_set(c, el);
		void *e = (char *)elems + (size_t)i * elem_size;

		scn_bprintf(d, sizeof d, "%s[%u]", disp, i);
		if (!cJSON_IsObject(el))
			return scn_fail_type(c, d, set, "object", el);
		if ((rc = scn_set_defaults(parent, e)) ||
		    (rc = scn_read_rows(c, parent, el, e, d, set)))
			return rc == ST_NOMEM ? scn_fail_nomem(c) : rc;
		*n = ++i;
	}
	return ST_OK;
}

/* The item of element i of `item` named `key`, for a message's path and
 * its --set label. */
static const cJSON *elem_key(const cJSON *item, uint32_t i, const char *key)
{
	const cJSON *el = cJSON_GetArrayItem(item, (int)i);
	return el ? cJSON_GetObjectItemCaseSensitive(el, key) : NULL;
}

enum status scn_read_plan_groups(struct ctx *c, const struct key_row *r,
                                 const cJSON *item, const char *disp,
                                 bool from_set, void *base)
{
	struct scenario *s = base;
	struct stakeholder_group *g = s->responder.plan.groups;
	uint32_t n;
	enum status rc = read_elems(c, r, item, disp, from_set, g, sizeof *g,
	                            SPEC_MAX_GROUPS, &n);

	s->responder.plan.n_groups = n;
	if (rc)
		return rc;
	for (uint32_t i = 0; i < n; i++) {
		char d[PATHLEN];
		const cJSON *sel = elem_key(item, i, "select");
		for (uint32_t k = 0; k < i; k++)
			if (strcmp(g[k].name, g[i].name) == 0) {
				scn_bprintf(d, sizeof d, "%s[%u].name", disp, i);
				return scn_fail_at(c, d, from_set || scn_is_set(c,
				                   elem_key(item, i, "name")),
				                   "duplicate group name \"%s\" (also "
				                   "%s[%u])", g[i].name, disp, k);
			}
		if (g[i].attitude_min > g[i].attitude_max) {
			const cJSON *it = sel ? cJSON_GetObjectItemCaseSensitive(sel,
			                          "attitude_max") : NULL;
			scn_bprintf(d, sizeof d, "%s[%u].select.attitude_max", disp, i);
			return scn_fail_at(c, d, from_set || scn_is_set(c, it),
			                   "expected number in [attitude_min, 1], got "
			                   "%.15g (attitude_min = %.15g)",
			                   g[i].attitude_max, g[i].attitude_min);
		}
	}
	return ST_OK;
}

enum status scn_read_group_agents(struct ctx *c, const struct key_row *r,
                                  const cJSON *item, const char *disp,
                                  bool from_set, void *base)
{
	struct stakeholder_group *g = base;
	const cJSON *el;
	uint32_t i = 0;
	int count;

	g->n_agents = 0;
	if (!item)
		return ST_OK;
	count = cJSON_IsArray(item) ? cJSON_GetArraySize(item) : 0;
	if (count < 1 || count > SPEC_MAX_GROUP_AGENTS)
		return scn_fail_type(c, disp, from_set, r->expect, item);
	cJSON_ArrayForEach(el, item) {
		char d[PATHLEN];
		bool set = from_set || scn_is_set(c, el);
		double v;

		scn_bprintf(d, sizeof d, "%s[%u]", disp, i);
		if (!cJSON_IsNumber(el))
			return scn_fail_type(c, d, set, "integer", el);
		v = el->valuedouble;
		if (v != floor(v) || v < 0 || v > SEED_MAX)
			return scn_fail_type(c, d, set, "integer in [0, 2^53-1]", el);
		g->agents[i++] = (uint64_t)v;
	}
	g->n_agents = i;
	return ST_OK;
}

/* A topic name at `path` resolved against scenario.topics. */
static enum status read_topic(struct ctx *c, const cJSON *it, const char *path,
                              bool set, uint32_t *out)
{
	int k;
	if (!cJSON_IsString(it))
		return scn_fail_type(c, path, set, "a topic name", it);
	k = spec_topic_index(c->s, it->valuestring);
	if (k < 0) {
		char shown[80], known[256] = "";
		size_t used = 0;
		struct suggest sg;
		const char *best;
		scn_show_text(shown, sizeof shown, it->valuestring, 60);
		scn_suggest_init(&sg, it->valuestring);
		for (uint32_t t = 0; t < c->s->n_topics; t++) {
			int w = snprintf(known + used, sizeof known - used, "%s\"%s\"",
			                 t ? ", " : "", c->s->topics[t]);
			if (w > 0 && (size_t)w < sizeof known - used)
				used += (size_t)w;
			scn_suggest_add(&sg, c->s->topics[t]);
		}
		best = scn_suggest_best(&sg);
		return scn_fail_at(c, path, set, "unknown topic \"%s\" (the "
		                   "scenario's topics, from events[].topics: %s)%s%s%s",
		                   shown, known, best ? " (did you mean \"" : "",
		                   best ? best : "", best ? "\"?)" : "");
	}
	*out = (uint32_t)k;
	return ST_OK;
}

enum status scn_read_message_topics(struct ctx *c, const struct key_row *r,
                                    const cJSON *item, const char *disp,
                                    bool from_set, void *base)
{
	struct key_message *m = base;
	const cJSON *el;
	uint32_t i = 0;
	int count;
	enum status rc;

	m->n_topics = 0;
	if (!item) {
		m->topics[m->n_topics++] = 0;  /* "general" */
		return ST_OK;
	}
	count = cJSON_IsArray(item) ? cJSON_GetArraySize(item) : 0;
	if (count < 1 || count > SPEC_MAX_TOPICS)
		return scn_fail_type(c, disp, from_set, r->expect, item);
	cJSON_ArrayForEach(el, item) {
		char d[PATHLEN];
		bool set = from_set || scn_is_set(c, el);
		uint32_t t = 0;  /* set by read_topic on success */

		scn_bprintf(d, sizeof d, "%s[%u]", disp, i);
		if ((rc = read_topic(c, el, d, set, &t)))
			return rc;
		for (uint32_t k = 0; k < i; k++)
			if (m->topics[k] == t)
				return scn_fail_at(c, d, set, "duplicate topic \"%s\" "
				                   "(also %s[%u])", c->s->topics[t],
				                   disp, k);
		m->topics[i++] = t;
	}
	m->n_topics = i;
	return ST_OK;
}

enum status scn_read_plan_messages(struct ctx *c, const struct key_row *r,
                                   const cJSON *item, const char *disp,
                                   bool from_set, void *base)
{
	struct scenario *s = base;
	struct key_message *m = s->responder.plan.messages;
	uint32_t n;
	enum status rc = read_elems(c, r, item, disp, from_set, m, sizeof *m,
	                            SPEC_MAX_MESSAGES, &n);

	s->responder.plan.n_messages = n;
	if (rc)
		return rc;
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t k = 0; k < i; k++)
			if (strcmp(m[k].id, m[i].id) == 0) {
				char d[PATHLEN];
				scn_bprintf(d, sizeof d, "%s[%u].id", disp, i);
				return scn_fail_at(c, d, from_set || scn_is_set(c,
				                   elem_key(item, i, "id")),
				                   "duplicate message id \"%s\" (also "
				                   "%s[%u])", m[i].id, disp, k);
			}
	return ST_OK;
}

enum status scn_read_qa_topic(struct ctx *c, const struct key_row *r,
                              const cJSON *item, const char *disp,
                              bool from_set, void *base)
{
	struct qa_entry *q = base;
	if (!item)
		return scn_fail_at(c, disp, from_set, "expected %s, got nothing "
		                   "(the key is required)", r->expect);
	return read_topic(c, item, disp, from_set, &q->topic);
}

enum status scn_read_plan_qa(struct ctx *c, const struct key_row *r,
                             const cJSON *item, const char *disp,
                             bool from_set, void *base)
{
	struct scenario *s = base;
	struct qa_entry *q = s->responder.plan.qa;
	uint32_t n;
	enum status rc = read_elems(c, r, item, disp, from_set, q, sizeof *q,
	                            SPEC_MAX_TOPICS, &n);

	s->responder.plan.n_qa = n;
	s->responder.plan.has_qa = item != NULL;
	if (rc)
		return rc;
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t k = 0; k < i; k++)
			if (q[k].topic == q[i].topic) {
				char d[PATHLEN];
				scn_bprintf(d, sizeof d, "%s[%u].topic", disp, i);
				return scn_fail_at(c, d, from_set || scn_is_set(c,
				                   elem_key(item, i, "topic")),
				                   "duplicate Q&A topic \"%s\" (also "
				                   "%s[%u])", s->topics[q[i].topic], disp, k);
			}
	return ST_OK;
}

enum status scn_read_plan_levels(struct ctx *c, const struct key_row *r,
                                 const cJSON *item, const char *disp,
                                 bool from_set, void *base)
{
	struct scenario *s = base;
	struct escalation_level *l = s->responder.plan.levels;
	uint32_t n;
	enum status rc;

	if (item && cJSON_IsArray(item) && cJSON_GetArraySize(item) == 0)
		return scn_fail_at(c, disp, from_set, "expected %s, got an empty "
		                   "array (leave the key out for the default "
		                   "matrix)", r->expect);
	rc = read_elems(c, r, item, disp, from_set, l, sizeof *l,
	                SPEC_MAX_LEVELS, &n);
	s->responder.plan.n_levels = n;
	if (rc)
		return rc;
	for (uint32_t i = 1; i < n; i++)
		if (!(l[i].volume > l[i - 1].volume)) {
			char d[PATHLEN];
			scn_bprintf(d, sizeof d, "%s[%u].volume", disp, i);
			return scn_fail_at(c, d, from_set || scn_is_set(c,
			                   elem_key(item, i, "volume")),
			                   "expected a volume above the previous "
			                   "level's (%.15g), got %.15g", l[i - 1].volume,
			                   l[i].volume);
		}
	return ST_OK;
}
