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
const char *const spec_timing_kernel_names[] = { "tick", "power_law", NULL };
const char *const spec_timing_repost_names[] = { "poisson", "kernel", NULL };
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

/* Tables and enums must agree in length: one entry per value, then NULL. */
#define COUNT(t) (sizeof (t) / sizeof (t)[0] - 1)
_Static_assert(COUNT(spec_net_model_names) == NET_FILE, "net_model names");
_Static_assert(COUNT(spec_event_kind_names) == EV_COUNT,
               "event_kind names");
_Static_assert(COUNT(spec_event_target_names) == TGT_AGENT + 1,
               "event_target names");
_Static_assert(COUNT(spec_mixing_names) == MIX_WELL_MIXED + 1, "mixing names");
_Static_assert(COUNT(spec_timing_kernel_names) == TIMING_POWER_LAW + 1,
               "timing kernel names");
_Static_assert(COUNT(spec_timing_repost_names) == REPOST_KERNEL + 1,
               "timing repost names");
_Static_assert(COUNT(spec_crisis_names) == CRISIS_PREVENTABLE + 1,
               "crisis names");
_Static_assert(COUNT(spec_scct_names) == SCCT_REBUILD + 1, "scct names");
_Static_assert(COUNT(spec_report_tone_names) == REPORT_POSITIVE + 1,
               "report tone names");
_Static_assert(COUNT(spec_brand_action_names) == ACTION_CORRECTIVE + 1,
               "brand action names");

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

void spec_free(struct scenario *s)
{
	if (!s)
		return;
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
