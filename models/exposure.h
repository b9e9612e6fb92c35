/* exposure — what seeing a post does to an agent, shared by the crisis
 * rule (crowd and media posts) and the brand (replies, statements).
 * models/README.md, section "Exposure", gives the equations. */
#ifndef CRISIM_EXPOSURE_H
#define CRISIM_EXPOSURE_H

#include "model.h"

struct post {
	uint32_t author;
	enum tone tone;
	float credibility;   /* c in [0, 1]: weight of the pull and the anger */
	float arousal;       /* the post's anger, which readers catch */
	uint8_t contagious;  /* may turn aware readers into spreaders */
	uint8_t from_brand;  /* calms on a neutral tone */
	uint8_t frames;      /* readers who hear the story here first carry
	                        the brand's version (POP_F_FRAMED) */
};

/* Attention g(a) = 2^-((a / half_life)^shape) for the story's age a in
 * minutes (Wu & Huberman 2007, stretched). */
double exposure_attention(const struct model_ctx *c);

/* Credibility of an agent's own posts by role (the brand's is the
 * responder's business). */
float exposure_credibility(const struct model_ctx *c, uint32_t author);

/* Agent j sees post p.  Draws from r only if p is contagious and j could
 * start spreading. */
void exposure_one(struct model_ctx *c, gsl_rng *r, uint32_t j,
                  const struct post *p);

/* The followers of `of` see p, each with probability `visibility`.
 * Returns how many saw it; *known (may be NULL) receives how many of them
 * had heard of the story before. */
uint32_t exposure_followers(struct model_ctx *c, gsl_rng *r, uint32_t of,
                            const struct post *p, double visibility,
                            uint32_t *known);

/* k agents drawn uniformly (with replacement) see p: a media report's
 * audience beyond the follower graph. */
void exposure_random(struct model_ctx *c, gsl_rng *r, const struct post *p,
                     uint32_t k);

/* A gaffe or a media report is news again: the story's attention clock
 * loses a share spread.renewal of its age. */
void exposure_renew(struct model_ctx *c);

#endif
