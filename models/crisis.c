/* crisis — the crowd of an online brand crisis (models/README.md, "The
 * crisis rule").
 *
 * Spreaders post at a rate that rises with their anger; a post's tone
 * follows the author's attitude (complaint below 0, defence above
 * spread.fan_threshold, neutral between).  Each follower sees a post with
 * probability spread.visibility (exposure.c: awareness, attitude pull,
 * anger, and a chance to start spreading that decays with the story's age).
 * Spreaders stop by Maki–Thompson stifling (their audience already knew),
 * by fatigue, or when a good brand reply satisfies them.  Media outlets
 * report once the negative volume of the last hour passes their threshold:
 * an exogenous burst to their followers and a share of everyone.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "exposure.h"

struct crisis {
	uint32_t *window;   /* negative posts per tick, last `w` ticks (ring) */
	uint32_t w;
	uint64_t volume;    /* sum of the ring: negative posts in the last hour */
	uint32_t next_outlet;  /* media outlets report in order of audience */
};

static int crisis_init(struct model_ctx *c)
{
	struct crisis *k = calloc(1, sizeof *k);
	if (!k)
		return -1;
	k->w = model_ticks(c->scn, 60.0, 1);
	k->window = calloc(k->w, sizeof *k->window);
	if (!k->window) {
		free(k);
		return -1;
	}
	c->spread_state = k;
	return 0;
}

static void crisis_free(struct model_ctx *c)
{
	struct crisis *k = c->spread_state;
	if (k)
		free(k->window);
	free(k);
	c->spread_state = NULL;
}

static enum tone tone_of(const struct model_ctx *c, uint32_t i)
{
	float x = c->pop->attitude[i];
	if (x < 0.0f)
		return TONE_NEG;
	return x > c->scn->spread.fan_threshold ? TONE_POS : TONE_NEU;
}

/* Agent i posts: its followers see it; the Maki–Thompson rule stops it with
 * probability stifle × (share of its audience that already knew). */
static void post(struct model_ctx *c, uint32_t i)
{
	const struct spread_spec *sp = &c->scn->spread;
	enum tone t = tone_of(c, i);
	struct post p = { .author = i, .tone = t, .contagious = 1,
	                  .credibility = exposure_credibility(c, i),
	                  .arousal = c->pop->arousal[i] };
	model_post(c, i, t);
	uint32_t known, seen = exposure_followers(c, c->rng, i, &p,
	                                          sp->visibility, &known);
	if (seen > 0 && gsl_rng_uniform(c->rng) < sp->stifle * known / seen)
		population_set_state(c->pop, i, AW_DONE);
}

static void crisis_seed(struct model_ctx *c, uint32_t agent,
                        const struct event_spec *e)
{
	struct population *pop = c->pop;
	/* The wronged customer: as angry as the incident says, and as
	 * negative as angry. */
	float anger = (float)e->arousal;
	population_set_arousal(pop, agent, anger);
	/* A complaint is negative even when calm (arousal 0). */
	float x = anger > 0.05f ? -anger : -0.05f;
	if (pop->attitude[agent] > x)
		population_set_attitude(pop, agent, x);
	model_activate(c, agent);
	/* The incident is a post: it lands now.  (The engine collects seeds
	 * and whoever this post activates into the current tick's list.) */
	post(c, agent);
}

/* Outlet m reports the story now with tone t: its followers all see it,
 * and a share spread.media_reach of everyone; the story is news again
 * (exposure_renew).  The volume rule below and the timeline's media_report
 * and unanswered inquiry events (through spread_rule.report) share it. */
static void crisis_report(struct model_ctx *c, uint32_t m, enum tone t,
                          const char *tone_word, const char *why)
{
	const struct spread_spec *sp = &c->scn->spread;
	struct population *pop = c->pop;
	/* A report conveys the incident's severity. */
	float anger = c->incident ? (float)c->incident->arousal : 0.5f;
	struct post p = { .author = m, .tone = t, .contagious = 1,
	                  .credibility = (float)sp->cred_media,
	                  .arousal = anger };
	model_make_aware(c, m);
	pop->flags[m] |= POP_F_REPORTED;
	model_post(c, m, t);
	uint32_t seen = exposure_followers(c, c->rng, m, &p, 1.0, NULL);
	uint32_t extra = (uint32_t)floor(sp->media_reach * pop->n);
	exposure_random(c, c->rng, &p, extra);
	c->tc->pickups++;
	exposure_renew(c);
	if (event_log_add(c->log, c->tick, m, "media pick-up",
	                  "outlet %u reports (%s) to %u followers + %u others %s",
	                  m, tone_word, seen, extra, why))
		c->oom = 1;
}

/* Outlets pick the story up in order of audience as the negative volume of
 * the last hour passes their thresholds; one that already reported (a
 * timed report) does not report again, but uses up its threshold. */
static void media_reports(struct model_ctx *c, struct crisis *k)
{
	const struct spread_spec *sp = &c->scn->spread;
	struct population *pop = c->pop;
	while (k->next_outlet < pop->n_role[ROLE_MEDIA]) {
		double need = sp->media_threshold * (1.0 + sp->media_step * k->next_outlet);
		if ((double)k->volume < need)
			break;
		uint32_t m = pop->members[ROLE_MEDIA][k->next_outlet++];
		if (pop->flags[m] & POP_F_REPORTED)
			continue;
		/* With the brand's fitting statement out, reports carry its
		 * side: neutral instead of negative. */
		enum tone t = c->framed ? TONE_NEU : TONE_NEG;
		char why[64];
		snprintf(why, sizeof why, "at %.0f negative posts/hour",
		         (double)k->volume);
		crisis_report(c, m, t, t == TONE_NEG ? "negative"
		                                     : "with the brand's side", why);
	}
}

static void crisis_step(struct model_ctx *c, const uint32_t *active,
                        uint32_t n)
{
	const struct spread_spec *sp = &c->scn->spread;
	struct population *pop = c->pop;
	struct crisis *k = c->spread_state;
	double dt_hours = c->scn->tick_minutes / 60.0;
	double p_tired = 1.0 - exp(-c->scn->tick_minutes / sp->fatigue);

	for (uint32_t a = 0; a < n; a++) {
		uint32_t i = active[a];
		if (gsl_rng_uniform(c->rng) < p_tired) {
			population_set_state(pop, i, AW_DONE);
			continue;
		}
		double rate = pop->activity[i] * dt_hours *
		              (1.0 + sp->arousal_activity * pop->arousal[i]);
		if (gsl_rng_uniform(c->rng) < -expm1(-rate))
			post(c, i);
		if (pop->state[i] == AW_SPREADING && agent_list_push(c->next, i))
			c->oom = 1;
	}

	/* The negative posts of the last hour (this tick's incidents
	 * included) drive the media. */
	uint32_t slot = c->tick % k->w;
	k->volume -= k->window[slot];
	k->window[slot] = c->tc->posts[TONE_NEG];
	k->volume += k->window[slot];
	media_reports(c, k);
}

const struct spread_rule spread_crisis = {
	.name = "crisis",
	.summary = "online brand crisis: toned posts, attitude and anger, attention decay, stifling, media bursts",
	.init = crisis_init,
	.free = crisis_free,
	.seed = crisis_seed,
	.step = crisis_step,
	.report = crisis_report,
};
