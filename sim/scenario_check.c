/* scenario_check — checks that span keys, run as the finish hooks of their
 * sections: the chosen network model and its parameters (nodes-1 bounds,
 * sbm sizes, powerlaw max_degree, the edge-list path), the population's
 * sums, and the events (targets, ticks-1, stable sort by tick); with them
 * the readers of the two custom rows, network.sizes and events.
 */
#include "scenario_internal.h"

#include "decisions.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------------------
 * Cross-key checks.
 */

/* Present keys that belong to another network model than the chosen one. */
static enum status check_models(struct ctx *c, const char *parent,
                                const cJSON *obj, const char *disp,
                                bool from_set, enum net_model m)
{
	if (!obj)
		return ST_OK;
	for (size_t i = 0; i < scn_n_rows; i++) {
		const struct key_row *r = &scn_rows[i];
		const char *leaf = scn_child_leaf(r, parent);
		const cJSON *it;
		char d[PATHLEN];

		if (!leaf || !r->models || (r->models & (1u << m)))
			continue;
		it = cJSON_GetObjectItemCaseSensitive(obj, leaf);
		if (!it)
			continue;
		scn_join_path(d, disp, leaf);
		return scn_fail_at(c, d, from_set || scn_is_set(c, it),
		                   "not a parameter of %s", spec_net_model_name(m));
	}
	return ST_OK;
}

/* Upper bounds nodes-1, nodes-2 and ticks-1, once nodes and ticks are
 * final.  A default can fail them too (m = 3 with nodes = 3); the message
 * says so. */
static enum status check_relative(struct ctx *c, const char *parent,
                                  const cJSON *obj, const void *base,
                                  const char *disp, bool from_set)
{
	const struct scenario *s = c->s;

	for (size_t i = 0; i < scn_n_rows; i++) {
		const struct key_row *r = &scn_rows[i];
		const char *leaf = scn_child_leaf(r, parent);
		const cJSON *it;
		const char *what;
		double v, whole, limit;
		char d[PATHLEN];

		if (!leaf || !(r->flags & (F_NODES1 | F_NODES2 | F_TICKS1)))
			continue;
		if (r->models && !(r->models & (1u << s->network.model)))
			continue;
		it = obj ? cJSON_GetObjectItemCaseSensitive(obj, leaf) : NULL;
		if ((r->flags & F_IF_AGENT) && !it)
			continue;
		if (r->flags & (F_NODES1 | F_NODES2)) {
			if (s->network.model == NET_FILE)
				continue;  /* nodes known only once the file is read */
			whole = (double)s->network.nodes;
			limit = whole - (r->flags & F_NODES2 ? 2 : 1);
			what = "nodes";
		} else {
			whole = (double)s->ticks;
			limit = whole - 1;
			what = "ticks";
		}
		v = r->type == T_DBL ? *(const double *)scn_cfield(base, r)
		    : r->type == T_U64 ? (double)*(const uint64_t *)scn_cfield(base, r)
		                       : (double)*(const uint32_t *)scn_cfield(base, r);
		if (v <= limit)
			continue;
		scn_join_path(d, disp, leaf);
		return scn_fail_at(c, d, from_set || scn_is_set(c, it),
		                   "expected %s, got %.15g (%s%s = %.15g)", r->expect,
		                   v, it ? "" : "the default; ", what, whole);
	}
	return ST_OK;
}

/* Absolute form of network.file: relative names are taken against the
 * scenario's directory (or the working directory), and made absolute so
 * that the resolved scenario printed into a manifest still points at the
 * same file from anywhere. */
static enum status resolve_file(struct ctx *c, const char *key, char **file)
{
	const char *dir = c->base_dir ? c->base_dir : ".";
	char *cwd = NULL, *out = NULL;
	size_t n;

	if ((*file)[0] == '/')
		return ST_OK;
	if (dir[0] != '/') {
		cwd = getcwd(NULL, 0);
		if (!cwd) {
			scn_bprintf(c->err, SCN_ERRLEN, "%s: %s: cannot "
			            "resolve against the working directory: %s",
			            c->label, key, strerror(errno));
			return ST_IO;
		}
	}
	n = (cwd ? strlen(cwd) + 1 : 0) + strlen(dir) + strlen(*file) + 2;
	out = malloc(n);
	if (!out) {
		free(cwd);
		return scn_fail_nomem(c);
	}
	if (strcmp(dir, ".") == 0)
		scn_bprintf(out, n, "%s/%s", cwd, *file);
	else if (cwd)
		scn_bprintf(out, n, "%s/%s/%s", cwd, dir, *file);
	else
		scn_bprintf(out, n, "%s/%s", dir, *file);
	free(cwd);
	free(*file);
	*file = out;
	return ST_OK;
}

enum status scn_finish_network(struct ctx *c, const cJSON *obj,
                               const char *disp, bool from_set)
{
	struct net_spec *n = &c->s->network;
	const cJSON *model = obj ? cJSON_GetObjectItemCaseSensitive(obj, "model")
	                         : NULL;
	const cJSON *nodes = obj ? cJSON_GetObjectItemCaseSensitive(obj, "nodes")
	                         : NULL;
	const cJSON *sizes = obj ? cJSON_GetObjectItemCaseSensitive(obj, "sizes")
	                         : NULL;
	char d[PATHLEN];
	enum status rc;

	if (n->file) {
		scn_join_path(d, disp, "model");
		if (model)
			return scn_fail_at(c, d, from_set || scn_is_set(c, model),
			                   "cannot be combined with network.file (the "
			                   "file defines the network)");
		scn_join_path(d, disp, "file");
		if (!n->file[0])
			return scn_fail_at(c, d, from_set, "expected a file name, got "
			                   "string \"\"");
		n->model = NET_FILE;
		if ((rc = resolve_file(c, "network.file", &n->file)))
			return rc;
	}
	if ((rc = check_models(c, "network", obj, disp, from_set, n->model)))
		return rc;
	if (n->model == NET_FILE) {
		n->nodes = 0;  /* known once the file is read */
		return ST_OK;
	}

	if (n->model == NET_SBM) {
		uint64_t sum = 0;
		for (uint32_t b = 0; b < n->n_blocks; b++)
			sum += n->sizes[b];
		scn_join_path(d, disp, "sizes");
		if (!sizes) {
			n->n_blocks = n->nodes < 4 ? n->nodes : 4;
			for (uint32_t b = 0; b < n->n_blocks; b++)
				n->sizes[b] = n->nodes / n->n_blocks;
			n->sizes[n->n_blocks - 1] += n->nodes % n->n_blocks;
		} else if (nodes && sum != n->nodes) {
			return scn_fail_at(c, d, from_set || scn_is_set(c, sizes),
			                   "expected sizes summing to nodes (%u), got sum "
			                   "%llu", n->nodes, (unsigned long long)sum);
		} else if (!nodes) {
			if (sum < 2 || sum > (uint64_t)NODES_MAX_D)
				return scn_fail_at(c, d, from_set || scn_is_set(c, sizes),
				                   "expected sizes summing to nodes in [2, "
				                   "4294967294], got sum %llu",
				                   (unsigned long long)sum);
			n->nodes = (uint32_t)sum;
		}
	} else {
		n->n_blocks = 0;
	}

	if ((rc = check_relative(c, "network", obj, c->s, disp, from_set)))
		return rc;
	if (n->model == NET_POWERLAW) {
		const cJSON *mx = obj ? cJSON_GetObjectItemCaseSensitive(obj,
		                                 "max_degree") : NULL;
		uint32_t given = n->max_degree;
		if (given == 0)
			n->max_degree = (uint32_t)floor(sqrt((double)n->nodes));
		if (n->max_degree < n->min_degree || n->max_degree >= n->nodes) {
			scn_join_path(d, disp, "max_degree");
			if (given == 0)
				return scn_fail_at(c, d, from_set || scn_is_set(c, mx),
				                   "expected 0 or integer in [min_degree, "
				                   "nodes-1], got 0 (= floor(sqrt(nodes)) = "
				                   "%u, below min_degree = %u)", n->max_degree,
				                   n->min_degree);
			return scn_fail_at(c, d, from_set || scn_is_set(c, mx),
			                   "expected 0 or integer in [min_degree, "
			                   "nodes-1], got %u (min_degree = %u, nodes = %u)",
			                   given, n->min_degree, n->nodes);
		}
	}
	return ST_OK;
}

/* responder.script: the file resolved like network.file and, under the
 * strategy "script", read now, so that a bad decision is an error before
 * any run.  The plan's messages and Q&A (read before) name the REFs. */
enum status scn_finish_script(struct ctx *c, const cJSON *obj,
                              const char *disp, bool from_set)
{
	struct scenario *s = c->s;
	char **file = &s->responder.script.file;
	const cJSON *it = obj ? cJSON_GetObjectItemCaseSensitive(obj, "file")
	                      : NULL;
	char d[PATHLEN];
	enum status rc;

	scn_join_path(d, disp, "file");
	if (*file && !(*file)[0])
		return scn_fail_at(c, d, from_set || scn_is_set(c, it),
		                   "expected a file name, got string \"\"");
	if (strcmp(s->responder.strategy, "script") != 0)
		return *file ? resolve_file(c, "responder.script.file", file) : ST_OK;
	if (!*file)
		return scn_fail_at(c, d, from_set, "expected a decisions file (the "
		                   "key is required when responder.strategy is "
		                   "\"script\"), got nothing");
	if ((rc = resolve_file(c, "responder.script.file", file)))
		return rc;
	char err[SCN_ERRLEN];
	rc = decisions_read(*file, s, &s->responder.script.decisions, err,
	                    sizeof err);
	if (rc == ST_NOMEM)
		return scn_fail_nomem(c);
	if (rc)
		scn_bprintf(c->err, SCN_ERRLEN, "%s: responder.script.file: %s",
		            c->label, err);
	return rc;
}

enum status scn_finish_population(struct ctx *c, const cJSON *obj,
                                  const char *disp, bool from_set)
{
	const struct pop_spec *p = &c->s->population;
	const struct net_spec *n = &c->s->network;
	char d[PATHLEN];

	if (p->fans + p->detractors > 1.0) {
		const cJSON *it = obj ? cJSON_GetObjectItemCaseSensitive(obj,
		                                 "detractors") : NULL;
		const char *key = "detractors";
		if (!it && obj) {
			it = cJSON_GetObjectItemCaseSensitive(obj, "fans");
			key = "fans";
		}
		scn_join_path(d, disp, key);
		return scn_fail_at(c, d, from_set || scn_is_set(c, it),
		                   "expected fans + detractors <= 1, got %.15g + %.15g",
		                   p->fans, p->detractors);
	}
	if (p->brand_followers > 0.0 && p->brand_rank != 1) {
		const cJSON *it = obj ? cJSON_GetObjectItemCaseSensitive(obj,
		                                 "brand_followers") : NULL;
		scn_join_path(d, disp, "brand_followers");
		return scn_fail_at(c, d, from_set || scn_is_set(c, it),
		                   "not with population.brand_rank (%u): the brand "
		                   "is chosen by one of them", p->brand_rank);
	}
	/* Influencers, media and the brand are distinct accounts, and at least
	 * one ordinary account must remain.  The share is resolved by the
	 * population module; an edge-list size is checked after reading it. */
	if (n->model != NET_FILE &&
	    (uint64_t)p->influencers + p->media + 1 >= n->nodes) {
		const cJSON *it = obj ? cJSON_GetObjectItemCaseSensitive(obj,
		                                 "media") : NULL;
		const char *key = "media";
		if (obj && (!it || p->influencers > 0)) {
			const cJSON *inf = cJSON_GetObjectItemCaseSensitive(obj,
			                                     "influencers");
			if (inf) {
				it = inf;
				key = "influencers";
			}
		}
		scn_join_path(d, disp, key);
		return scn_fail_at(c, d, from_set || scn_is_set(c, it),
		                   "expected influencers + media + 1 (the brand) < "
		                   "nodes (%u), got %u + %u + 1", n->nodes,
		                   p->influencers, p->media);
	}
	return ST_OK;
}

/* ------------------------------------------------------------------------
 * Custom rows: network.sizes and events.
 */
enum status scn_read_sizes(struct ctx *c, const struct key_row *r,
                           const cJSON *item, const char *disp, bool from_set,
                           void *base)
{
	struct net_spec *n = &((struct scenario *)base)->network;
	const cJSON *el;
	uint32_t i = 0;
	int count;

	n->n_blocks = 0;
	if (!item)
		return ST_OK;  /* scn_finish_network fills the default */
	count = cJSON_IsArray(item) ? cJSON_GetArraySize(item) : 0;
	if (count < 1 || count > SCN_MAX_BLOCKS)
		return scn_fail_type(c, disp, from_set, r->expect, item);
	cJSON_ArrayForEach(el, item) {
		char d[PATHLEN];
		bool set = from_set || scn_is_set(c, el);
		double v;

		scn_bprintf(d, sizeof d, "%s[%u]", disp, i);
		if (!cJSON_IsNumber(el))
			return scn_fail_type(c, d, set, "integer", el);
		v = el->valuedouble;
		if (v != floor(v) || v < 1 || v > NODES_MAX_D)
			return scn_fail_type(c, d, set, "integer in [1, 4294967294]", el);
		n->sizes[i++] = (uint32_t)v;
	}
	n->n_blocks = i;
	return ST_OK;
}

/* A topic name: as an identifier of the key table (letters, digits, '_',
 * '-'; at most 63 bytes), so it can be written in a Q&A or message. */
static bool topic_name_ok(const char *v)
{
	size_t n = strlen(v);
	if (n == 0 || n >= SCN_NAMELEN)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = v[i];
		if (!(ch == '_' || ch == '-' || (ch >= 'a' && ch <= 'z') ||
		      (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
			return false;
	}
	return true;
}

/* events[].topics: [{"topic": name, "weight": w}, ...], each name interned
 * into scenario.topics now (the plan's keys, read later, look them up). */
enum status scn_read_topics(struct ctx *c, const struct key_row *r,
                            const cJSON *item, const char *disp, bool from_set,
                            void *base)
{
	struct event_spec *e = base;
	const cJSON *el;
	uint32_t i = 0;
	int count;

	e->n_topics = 0;
	if (!item)
		return ST_OK;  /* finish_event fills the default */
	count = cJSON_IsArray(item) ? cJSON_GetArraySize(item) : 0;
	if (count < 1 || count > SPEC_MAX_TOPICS)
		return scn_fail_type(c, disp, from_set, r->expect, item);
	cJSON_ArrayForEach(el, item) {
		char d[PATHLEN], dk[PATHLEN];
		bool set = from_set || scn_is_set(c, el);
		const cJSON *name, *w, *key;
		double weight = 1.0;
		int k;

		scn_bprintf(d, sizeof d, "%s[%u]", disp, i);
		if (!cJSON_IsObject(el))
			return scn_fail_type(c, d, set, "object {\"topic\": name, "
			                     "\"weight\": number > 0}", el);
		cJSON_ArrayForEach(key, el)
			if (strcmp(key->string, "topic") != 0 &&
			    strcmp(key->string, "weight") != 0) {
				scn_join_path(dk, d, key->string);
				return scn_fail_at(c, dk, set || scn_is_set(c, key),
				                   "unknown key (a topic has \"topic\" "
				                   "and \"weight\")");
			}
		name = cJSON_GetObjectItemCaseSensitive(el, "topic");
		scn_join_path(dk, d, "topic");
		if (!name)
			return scn_fail_at(c, dk, set, "expected a topic name, got "
			                   "nothing");
		if (!cJSON_IsString(name) || !topic_name_ok(name->valuestring))
			return scn_fail_type(c, dk, set || scn_is_set(c, name),
			                     "a name of letters, digits, '_' and '-' "
			                     "(at most 63 bytes)", name);
		w = cJSON_GetObjectItemCaseSensitive(el, "weight");
		if (w) {
			scn_join_path(dk, d, "weight");
			if (!cJSON_IsNumber(w) || !(w->valuedouble > 0.0) ||
			    !isfinite(w->valuedouble))
				return scn_fail_type(c, dk, set || scn_is_set(c, w),
				                     "number > 0", w);
			weight = w->valuedouble;
		}
		k = spec_topic_intern(c->s, name->valuestring);
		scn_join_path(dk, d, "topic");
		if (k < 0)
			return scn_fail_at(c, dk, set, "expected at most %d distinct "
			                   "topics in the scenario (\"general\" "
			                   "included), got \"%s\" beyond them",
			                   SPEC_MAX_TOPICS, name->valuestring);
		for (uint32_t j = 0; j < i; j++)
			if (e->topics[j].topic == (uint32_t)k)
				return scn_fail_at(c, dk, set, "expected distinct "
				                   "topics, got \"%s\" twice (also at "
				                   "[%u])", name->valuestring, j);
		e->topics[i++] = (struct topic_weight){ (uint32_t)k, weight };
	}
	e->n_topics = i;
	return ST_OK;
}

static enum status finish_event(struct ctx *c, const cJSON *el,
                                struct event_spec *e, const char *disp,
                                bool from_set)
{
	const cJSON *agent = cJSON_GetObjectItemCaseSensitive(el, "agent");
	char d[PATHLEN];

	scn_join_path(d, disp, "agent");
	if (e->target == TGT_AGENT && !agent)
		return scn_fail_at(c, d, from_set || scn_is_set(c,
		                   cJSON_GetObjectItemCaseSensitive(el, "target")),
		                   "expected integer in [0, nodes-1] "
		                   "with target \"agent\", got nothing");
	if (e->target != TGT_AGENT && agent)
		return scn_fail_at(c, d, from_set || scn_is_set(c, agent),
		                   "only allowed with target \"agent\" (target is "
		                   "\"%s\")", spec_event_target_name(e->target));
	if (e->target == TGT_AGENT && e->count != 1) {
		const cJSON *count = cJSON_GetObjectItemCaseSensitive(el, "count");
		scn_join_path(d, disp, "count");
		return scn_fail_at(c, d, from_set || scn_is_set(c, count),
		                   "expected 1 with target \"agent\" (one agent), "
		                   "got %u", e->count);
	}
	if ((e->kind == EV_MEDIA_REPORT || e->kind == EV_INQUIRY) &&
	    e->target != TGT_MEDIA) {
		const cJSON *tgt = cJSON_GetObjectItemCaseSensitive(el, "target");
		scn_join_path(d, disp, "target");
		return scn_fail_at(c, d, from_set || scn_is_set(c, tgt),
		                   "expected \"media\" for a %s event (outlets "
		                   "report and ask), got \"%s\"",
		                   spec_event_kind_name(e->kind),
		                   spec_event_target_name(e->target));
	}
	if (e->rank > 0 && e->target != TGT_INFLUENCER &&
	    e->target != TGT_MEDIA) {
		const cJSON *rank = cJSON_GetObjectItemCaseSensitive(el, "rank");
		scn_join_path(d, disp, "rank");
		return scn_fail_at(c, d, from_set || scn_is_set(c, rank),
		                   "only allowed with target \"influencer\" or "
		                   "\"media\" (target is \"%s\")",
		                   spec_event_target_name(e->target));
	}
	if (e->rank > 0 && e->count != 1) {
		const cJSON *count = cJSON_GetObjectItemCaseSensitive(el, "count");
		scn_join_path(d, disp, "count");
		return scn_fail_at(c, d, from_set || scn_is_set(c, count),
		                   "expected 1 with a rank (one account), got %u",
		                   e->count);
	}
	if (e->n_topics == 0)  /* an event that names no topic asks "general" */
		e->topics[e->n_topics++] = (struct topic_weight){ 0, 1.0 };
	return check_relative(c, "events[]", el, e, disp, from_set);
}

struct ev_sort {
	struct event_spec e;
	size_t pos;
};

/* qsort is not stable; the original position breaks ties. */
static int cmp_events(const void *pa, const void *pb)
{
	const struct ev_sort *a = pa, *b = pb;

	if (a->e.tick != b->e.tick)
		return a->e.tick < b->e.tick ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

enum status scn_read_events(struct ctx *c, const struct key_row *r,
                            const cJSON *item, const char *disp, bool from_set,
                            void *base)
{
	struct scenario *s = base;
	struct ev_sort *tmp;
	const cJSON *el;
	size_t n, i = 0;
	enum status rc;

	if (!item) {
		/* The default timeline, read through the rows so that every
		 * event key gets its table default. */
		cJSON *def = cJSON_Parse("[{\"tick\": 0, \"target\": \"influencer\"}]");
		if (!def)
			return scn_fail_nomem(c);
		rc = scn_read_events(c, r, def, disp, from_set, base);
		cJSON_Delete(def);
		return rc;
	}
	if (!cJSON_IsArray(item))
		return scn_fail_type(c, disp, from_set, r->expect, item);
	n = (size_t)cJSON_GetArraySize(item);
	if (n == 0)
		return ST_OK;  /* a run without incidents: a baseline */
	s->events = calloc(n, sizeof *s->events);
	if (!s->events)
		return scn_fail_nomem(c);
	s->n_events = n;
	cJSON_ArrayForEach(el, item) {
		char d[PATHLEN];
		bool set = from_set || scn_is_set(c, el);

		scn_bprintf(d, sizeof d, "%s[%zu]", disp, i);
		if (!cJSON_IsObject(el))
			return scn_fail_type(c, d, set, "event object", el);
		if ((rc = scn_set_defaults("events[]", &s->events[i])) ||
		    (rc = scn_read_rows(c, "events[]", el, &s->events[i], d, set)) ||
		    (rc = finish_event(c, el, &s->events[i], d, set)))
			return rc == ST_NOMEM ? scn_fail_nomem(c) : rc;
		i++;
	}
	tmp = malloc(n * sizeof *tmp);
	if (!tmp)
		return scn_fail_nomem(c);
	for (i = 0; i < n; i++)
		tmp[i] = (struct ev_sort){ s->events[i], i };
	qsort(tmp, n, sizeof *tmp, cmp_events);
	for (i = 0; i < n; i++)
		s->events[i] = tmp[i].e;
	free(tmp);
	return ST_OK;
}
