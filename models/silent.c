/* none — the brand stays silent.  The baseline every strategy is compared
 * with: nothing is detected, nothing is said. */
#include "model.h"

static void none_act(struct model_ctx *c)
{
	(void)c;
}

const struct responder_strategy responder_none = {
	.name = "none",
	.summary = "silence: the brand never replies or makes a statement",
	.act = none_act,
};
