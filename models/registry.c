/* The one list of mechanisms the engine can run.  A new rule or strategy is
 * a file in models/ plus one line here. */
#include <stdio.h>
#include <string.h>

#include "model.h"

extern const struct spread_rule spread_crisis, spread_cascade;
extern const struct spread_rule spread_maki_thompson, spread_threshold;
extern const struct responder_strategy responder_none, responder_adhoc,
	responder_plan, responder_script;

static const struct spread_rule *const spread_rules[] = {
	&spread_crisis,
	&spread_cascade,
	&spread_maki_thompson,
	&spread_threshold,
};

static const struct responder_strategy *const responders[] = {
	&responder_none,
	&responder_adhoc,
	&responder_plan,
	&responder_script,
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct spread_rule *model_spread_rule(const char *name)
{
	for (size_t i = 0; i < COUNT(spread_rules); i++)
		if (strcmp(spread_rules[i]->name, name) == 0)
			return spread_rules[i];
	return NULL;
}

const struct responder_strategy *model_responder(const char *name)
{
	for (size_t i = 0; i < COUNT(responders); i++)
		if (strcmp(responders[i]->name, name) == 0)
			return responders[i];
	return NULL;
}

/* Append name i of a list to buf, comma-separated, truncating at len. */
static void add_name(char *buf, size_t len, size_t *used, size_t i,
                     const char *name)
{
	if (*used < len)
		*used += (size_t)snprintf(buf + *used, len - *used, "%s%s",
		                          i ? ", " : "", name);
}

void model_spread_rule_names(char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < COUNT(spread_rules); i++)
		add_name(buf, len, &used, i, spread_rules[i]->name);
}

void model_responder_names(char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < COUNT(responders); i++)
		add_name(buf, len, &used, i, responders[i]->name);
}
