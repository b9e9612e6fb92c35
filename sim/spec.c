/* spec — the enum names of a scenario and the freeing of what it owns.
 * No JSON here: see spec.h. */
#include "spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Index = enum value; the loader's key table (scenario_schema.c) reads
 * these, so each name exists once. */
const char *const spec_net_model_names[] = {
	"barabasi_albert", "erdos_renyi", "watts_strogatz", "powerlaw", "sbm", NULL
};
const char *const spec_event_kind_names[] = {
	"incident", "amplify", "media_report", "revelation", "brand_action",
	"inquiry", NULL
};
const char *const spec_event_target_names[] = {
	"random", "customer", "influencer", "media", "agent", NULL
};
const char *const spec_mixing_names[] = { "graph", "well_mixed", NULL };
const char *const spec_crisis_names[] = {
	"victim", "accidental", "preventable", NULL
};
const char *const spec_scct_names[] = { "deny", "diminish", "rebuild", NULL };
const char *const spec_report_tone_names[] = {
	"negative", "neutral", "positive", NULL
};
const char *const spec_brand_action_names[] = {
	"statement", "recall", "corrective_action", NULL
};
const char *const spec_decision_kind_names[] = {
	"reply", "holding", "statement", "action", "capacity", "wait", NULL
};
const char *const spec_reply_type_names[] = {
	"thanks", "regret", "corrective", "info", NULL
};
const char *const spec_reply_rule_names[] = {
	"loudest", "largest_audience", "oldest", "agent", NULL
};

/* Tables and enums must agree in length: one entry per value, then NULL. */
#define COUNT(t) (sizeof (t) / sizeof (t)[0] - 1)
_Static_assert(COUNT(spec_net_model_names) == NET_FILE, "net_model names");
_Static_assert(COUNT(spec_event_kind_names) == EV_COUNT,
               "event_kind names");
_Static_assert(COUNT(spec_event_target_names) == TGT_AGENT + 1,
               "event_target names");
_Static_assert(COUNT(spec_mixing_names) == MIX_WELL_MIXED + 1, "mixing names");
_Static_assert(COUNT(spec_crisis_names) == CRISIS_PREVENTABLE + 1,
               "crisis names");
_Static_assert(COUNT(spec_scct_names) == SCCT_REBUILD + 1, "scct names");
_Static_assert(COUNT(spec_report_tone_names) == REPORT_POSITIVE + 1,
               "report tone names");
_Static_assert(COUNT(spec_brand_action_names) == ACTION_CORRECTIVE + 1,
               "brand action names");
_Static_assert(COUNT(spec_decision_kind_names) == DEC_COUNT,
               "decision kind names");
_Static_assert(COUNT(spec_reply_rule_names) == RULE_COUNT,
               "reply rule names");

/* The name of value v in a table of n names, or "?". */
static const char *name_of(const char *const *names, size_t n, unsigned v)
{
	return v < n ? names[v] : "?";
}

const char *spec_net_model_name(enum net_model m)
{
	if (m == NET_FILE)
		return "file";
	return name_of(spec_net_model_names, COUNT(spec_net_model_names),
	               (unsigned)m);
}

const char *spec_event_kind_name(enum event_kind k)
{
	return name_of(spec_event_kind_names, COUNT(spec_event_kind_names),
	               (unsigned)k);
}

const char *spec_event_target_name(enum event_target t)
{
	return name_of(spec_event_target_names, COUNT(spec_event_target_names),
	               (unsigned)t);
}

const char *spec_mixing_name(enum mixing m)
{
	return name_of(spec_mixing_names, COUNT(spec_mixing_names), (unsigned)m);
}

const char *spec_crisis_name(enum crisis_type t)
{
	return name_of(spec_crisis_names, COUNT(spec_crisis_names), (unsigned)t);
}

const char *spec_scct_name(enum scct_strategy t)
{
	return name_of(spec_scct_names, COUNT(spec_scct_names), (unsigned)t);
}

const char *spec_report_tone_name(enum report_tone t)
{
	return name_of(spec_report_tone_names, COUNT(spec_report_tone_names),
	               (unsigned)t);
}

const char *spec_brand_action_name(enum brand_action a)
{
	return name_of(spec_brand_action_names, COUNT(spec_brand_action_names),
	               (unsigned)a);
}

const char *spec_decision_kind_name(enum decision_kind k)
{
	return name_of(spec_decision_kind_names, COUNT(spec_decision_kind_names),
	               (unsigned)k);
}

const char *spec_reply_rule_name(enum reply_rule r)
{
	return name_of(spec_reply_rule_names, COUNT(spec_reply_rule_names),
	               (unsigned)r);
}

static void types_word(unsigned types, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int k = 0; spec_reply_type_names[k] && used < len; k++)
		if (types & (1u << k))
			used += (size_t)snprintf(buf + used, len - used, "%s%s",
			                         used ? "+" : "", spec_reply_type_names[k]);
}

void spec_decision_text(const struct decision *d, const struct scenario *s,
                  char sep, char *buf, size_t len)
{
	char types[64], rule[32];
	const char *act = spec_decision_kind_name(d->kind);
	switch (d->kind) {
	case DEC_REPLY:
		types_word(d->types, types, sizeof types);
		if (d->rule == RULE_AGENT)
			snprintf(rule, sizeof rule, "%u", d->agent);
		else
			snprintf(rule, sizeof rule, "%s", spec_reply_rule_name(d->rule));
		if (d->ref_kind == REF_NONE)
			snprintf(buf, len, "%s%c%s%c%s", act, sep, rule, sep, types);
		else
			snprintf(buf, len, "%s%c%s%c%s%c%s", act, sep, rule, sep, types,
			         sep, d->ref_kind == REF_MESSAGE
			              ? s->responder.plan.messages[d->ref].id
			              : s->topics[d->ref]);
		return;
	case DEC_STATEMENT:
		snprintf(buf, len, "%s%c%s", act, sep, spec_scct_name(d->strategy));
		return;
	case DEC_ACTION:
		if (d->action == ACTION_STATEMENT)
			snprintf(buf, len, "%s%c%s%c%s", act, sep,
			         spec_brand_action_name(d->action), sep,
			         spec_scct_name(d->strategy));
		else
			snprintf(buf, len, "%s%c%s", act, sep,
			         spec_brand_action_name(d->action));
		return;
	case DEC_CAPACITY:
		snprintf(buf, len, "%s%c%u", act, sep, d->capacity);
		return;
	case DEC_HOLDING:
	case DEC_WAIT:
	case DEC_COUNT:
		break;
	}
	snprintf(buf, len, "%s", act);
}

void spec_free(struct scenario *s)
{
	if (!s)
		return;
	free(s->responder.script.file);
	free(s->responder.script.decisions.v);
	free(s->name);
	free(s->description);
	free(s->network.file);
	free(s->events);
	free(s->output_dir);
	memset(s, 0, sizeof *s);
}

int spec_topic_index(const struct scenario *s, const char *name)
{
	for (uint32_t k = 0; k < s->n_topics; k++)
		if (strcmp(s->topics[k], name) == 0)
			return (int)k;
	return -1;
}

int spec_topic_intern(struct scenario *s, const char *name)
{
	int k = spec_topic_index(s, name);
	if (k >= 0)
		return k;
	if (s->n_topics >= SPEC_MAX_TOPICS || strlen(name) >= SCN_NAMELEN)
		return -1;
	snprintf(s->topics[s->n_topics], SCN_NAMELEN, "%s", name);
	return (int)s->n_topics++;
}
