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
 *
 * When spreaders post is spread.timing: a per-tick coin ("tick"), or
 * ("power_law") a first post a heavy-tailed delay after the agent started,
 * then later posts at gaps of their own, each post an entry of a calendar
 * of future ticks; spread.timing.diurnal adds a day/night cycle to both
 * (models/README.md, "Response times").
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_randist.h>

#include "calendar.h"
#include "exposure.h"
#include "timing.h"

struct crisis {
	uint32_t *window;   /* negative posts per tick, last `w` ticks (ring) */
	uint32_t w;
	uint64_t volume;    /* sum of the ring: negative posts in the last hour */
	uint32_t next_outlet;  /* media outlets report in order of audience */
	int timed;          /* spread.timing.kernel is power_law */
	struct calendar cal;   /* then: the posts scheduled, by tick */
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
	k->timed = c->scn->spread.timing.kernel == TIMING_POWER_LAW;
	if (k->timed && calendar_init(&k->cal, c->scn->ticks)) {
		free(k->window);
		free(k);
		return -1;
	}
	c->spread_state = k;
	return 0;
}

static void crisis_free(struct model_ctx *c)
{
	struct crisis *k = c->spread_state;
	if (k) {
		free(k->window);
		calendar_free(&k->cal);
	}
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

/* power_law: agent i posts `minutes` after the start of tick `from`, that
 * is at tick from + floor(minutes / Δ); a post due at or after the run's
 * end is counted by the calendar and never made. */
static void schedule(struct model_ctx *c, struct crisis *k, uint32_t i,
                     uint32_t from, double minutes)
{
	/* the delay is in active minutes: the day/night cycle stretches it
	 * into clock minutes (timing_after; the same when there is none) */
	double dt = c->scn->tick_minutes;
	double clock = timing_after(&c->scn->spread.timing, from * dt, minutes);
	double at = (double)from + floor(clock / dt);
	uint64_t tick = at < (double)c->scn->ticks ? (uint64_t)at : c->scn->ticks;
	int rc = calendar_push(&k->cal, tick, i);
	if (rc < 0)
		c->oom = 1;
	else if (rc > 0)
		c->pop->flags[i] |= POP_F_PENDING;
}

/* power_law: agent i has just posted and still spreads; its next post
 * comes after a gap drawn by spread.timing.repost, unless fatigue stops
 * it first (then it stops now: that post was its last). */
static void schedule_next(struct model_ctx *c, struct crisis *k, uint32_t i)
{
	const struct spread_spec *sp = &c->scn->spread;
	struct population *pop = c->pop;
	if (pop->state[i] != AW_SPREADING || (pop->flags[i] & POP_F_PENDING))
		return;
	double gap;
	int tired;
	if (sp->timing.repost == REPOST_KERNEL) {
		gap = timing_delay(&sp->timing, c->rng);
		tired = gsl_rng_uniform(c->rng) < -expm1(-gap / sp->fatigue);
	} else {
		/* The tick rule in continuous time: posts at rate
		 * r (1 + κ e) per hour, fatigue at rate 1 / fatigue. */
		double per_min = pop->activity[i] / 60.0 *
		                 (1.0 + sp->arousal_activity * pop->arousal[i]);
		gap = gsl_ran_exponential(c->rng, 1.0 / per_min);
		tired = gsl_ran_exponential(c->rng, sp->fatigue) < gap;
	}
	if (tired)
		population_set_state(pop, i, AW_DONE);
	else
		schedule(c, k, i, c->tick + 1, gap);
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
	struct crisis *k = c->spread_state;
	if (k->timed)
		schedule_next(c, k, agent);
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

/* power_law: the agents who started (those without a post pending) get
 * their first post a kernel delay from now (it may fall in this tick);
 * then this tick's posts are made in the order they were scheduled.  An
 * agent stopped meanwhile (a reply, stifling) does not post. */
static void timed_step(struct model_ctx *c, struct crisis *k,
                       const uint32_t *active, uint32_t n)
{
	const struct timing_spec *ts = &c->scn->spread.timing;
	struct population *pop = c->pop;
	for (uint32_t a = 0; a < n; a++)
		if (!(pop->flags[active[a]] & POP_F_PENDING))
			schedule(c, k, active[a], c->tick, timing_delay(ts, c->rng));
	uint32_t m;
	const uint32_t *due = calendar_take(&k->cal, c->tick, &m);
	for (uint32_t d = 0; d < m; d++) {
		uint32_t i = due[d];
		pop->flags[i] &= (uint8_t)~POP_F_PENDING;
		if (pop->state[i] != AW_SPREADING)
			continue;
		post(c, i);
		schedule_next(c, k, i);
	}
	if (c->tick + 1 == c->scn->ticks && k->cal.dropped &&
	    event_log_add(c->log, c->tick, EVENT_NOBODY, "timing",
	                  "%" PRIu64 " scheduled posts fall after the run's end "
	                  "and are not made", k->cal.dropped))
		c->oom = 1;
}

/* tick: each spreader may tire, else posts with the per-tick chance of
 * its rate, and spreads on in the next tick. */
static void tick_step(struct model_ctx *c, const uint32_t *active, uint32_t n)
{
	const struct spread_spec *sp = &c->scn->spread;
	struct population *pop = c->pop;
	double dt_hours = c->scn->tick_minutes / 60.0;
	double p_tired = 1.0 - exp(-c->scn->tick_minutes / sp->fatigue);
	/* the day/night cycle at the tick's start (exactly 1 without one) */
	double day = timing_activity(&sp->timing, c->tick * c->scn->tick_minutes);

	for (uint32_t a = 0; a < n; a++) {
		uint32_t i = active[a];
		if (gsl_rng_uniform(c->rng) < p_tired) {
			population_set_state(pop, i, AW_DONE);
			continue;
		}
		double rate = pop->activity[i] * dt_hours *
		              (1.0 + sp->arousal_activity * pop->arousal[i]) * day;
		if (gsl_rng_uniform(c->rng) < -expm1(-rate))
			post(c, i);
		if (pop->state[i] == AW_SPREADING && agent_list_push(c->next, i))
			c->oom = 1;
	}
}

static void crisis_step(struct model_ctx *c, const uint32_t *active,
                        uint32_t n)
{
	struct crisis *k = c->spread_state;
	if (k->timed)
		timed_step(c, k, active, n);
	else
		tick_step(c, active, n);

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
