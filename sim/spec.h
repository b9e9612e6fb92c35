/* spec — the plain structs of a scenario: what every room below the loader
 * (network, population, engine, models) sees of it.
 *
 * A struct scenario holds plain C values only, with every default filled
 * in and every bound checked by the loader (sim/scenario.h, the only JSON
 * code); this header has no JSON in it, so the engine and the models link
 * without the loader.  A scenario can also be built by hand in C (see
 * tests/test_spec_link.c): then the caller owns the bounds.
 *
 * The enum names below are the strings scenario files use; the loader's
 * key table reads the same tables, so each name is written once.
 */
#ifndef CRISIM_SPEC_H
#define CRISIM_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCN_MAX_BLOCKS 64
#define SCN_NAMELEN 64

enum net_model {
	NET_BARABASI_ALBERT,
	NET_ERDOS_RENYI,
	NET_WATTS_STROGATZ,
	NET_POWERLAW,
	NET_SBM,
	NET_FILE
};

struct net_spec {
	enum net_model model;     /* "model", or NET_FILE when "file" is given */
	uint32_t nodes;           /* all generators; 0 with NET_FILE (known
	                             once the file is read) */
	double reciprocity;       /* share of ties that are mutual follows */
	uint32_t m;               /* barabasi_albert: ties per newcomer */
	double mean_degree;       /* erdos_renyi: mean undirected degree */
	uint32_t k;               /* watts_strogatz: ring neighbours (even,
	                             at most nodes-2) */
	double rewire;            /* watts_strogatz: rewiring probability */
	double exponent;          /* powerlaw: P(k) ~ k^-exponent */
	uint32_t min_degree, max_degree;  /* powerlaw; a given max of 0 is
	                             stored resolved to floor(sqrt(nodes)) */
	uint32_t n_blocks;        /* sbm: number of communities; 0 otherwise */
	uint32_t sizes[SCN_MAX_BLOCKS];   /* sbm: community sizes (sum = nodes) */
	double p_in, p_out;       /* sbm: tie probability within / between */
	char *file;               /* edge list, resolved against the scenario's
	                             directory (stdin: the working directory)
	                             and stored as an absolute path; owned;
	                             NULL unless model == NET_FILE */
	bool directed;            /* file: lines are "follower-of? src dst" arcs */
};

struct pop_spec {
	double influencer_share;  /* top share of accounts by followers */
	uint32_t influencers;     /* explicit count; 0 = use the share */
	uint32_t media;           /* media outlets: next-largest audiences */
	double fans, detractors;  /* attitude mixture weights (rest neutral) */
	double attitude_sd;       /* spread of each mixture component */
	double activity_median;   /* posts per hour of a median agent */
	double activity_sigma;    /* log-normal sigma of activity rates */
	uint32_t brand_rank;      /* the brand is the account of this rank by
	                             followers (1 = the largest: the default) */
	double brand_followers;   /* > 0: the brand is the account whose
	                             follower count is closest (ties: the
	                             larger, then the lower id); 0 = use
	                             brand_rank */
};

/* The spread rule, chosen by name; the engine never names one. */
enum mixing { MIX_GRAPH, MIX_WELL_MIXED };

/* Parameters of the spread rules (models/README.md gives each equation).
 * Durations are in simulated minutes, probabilities per event. */
struct spread_spec {
	char rule[SCN_NAMELEN];   /* "crisis", "cascade", "maki_thompson", ... */
	double p;                 /* cascade: per-follower transmission prob. */
	enum mixing mixing;       /* maki_thompson: contacts along the graph or
	                             uniform over all agents */
	double phi;               /* threshold: share of followees needed */
	/* crisis */
	double visibility;        /* v: share of followers who see a post */
	double pull;              /* mu: attitude pull per exposure */
	double arousal_gain;      /* eta: arousal rise per negative exposure */
	double beta;              /* base probability to start spreading */
	double arousal_floor;     /* h(e) = floor + (1 - floor) e */
	double arousal_activity;  /* kappa: posting rate x (1 + kappa e) */
	double half_life;         /* attention half-life, minutes */
	double decay_shape;       /* stretched exponent of attention decay */
	double stifle;            /* sigma: Maki-Thompson stifling */
	double fatigue;           /* mean spreading time, minutes */
	double fan_threshold;     /* attitude above which posts defend */
	double defend;            /* fans' start probability factor */
	double influencer_boost;  /* influencers start this much more often */
	double cred_customer, cred_influencer, cred_media;
	double media_threshold;   /* negative posts per hour for the 1st outlet */
	double media_step;        /* outlet k needs threshold (1 + k step) */
	double media_reach;       /* share of all agents a report reaches */
	double renewal;           /* share of the story's age a gaffe or a
	                             media report wipes out */
	double framing;           /* start-probability cut for those who heard
	                             the brand's fitting version first */
};

/* Timeline event types; each fires through its row of event_fire in
 * sim/engine.c (models/README.md, "The timeline", gives each effect).
 * EV_COUNT counts them. */
enum event_kind {
	EV_INCIDENT,      /* the story starts (or a second one) at agents */
	EV_AMPLIFY,       /* an account shares the existing story */
	EV_MEDIA_REPORT,  /* outlets report now, whatever the volume */
	EV_REVELATION,    /* a new fact: crisis type, topics, attention */
	EV_BRAND_ACTION,  /* the brand acts on the timeline */
	EV_INQUIRY,       /* a journalist asks the brand, with a deadline */
	EV_COUNT
};
/* SCCT crisis clusters (Coombs 2007), in order of attributed responsibility. */
enum crisis_type { CRISIS_VICTIM, CRISIS_ACCIDENTAL, CRISIS_PREVENTABLE };
enum event_target { TGT_RANDOM, TGT_CUSTOMER, TGT_INFLUENCER, TGT_MEDIA, TGT_AGENT };
/* Tone of a timed media report (media_report; an unanswered inquiry
 * reports negatively). */
enum report_tone { REPORT_NEGATIVE, REPORT_NEUTRAL, REPORT_POSITIVE };
/* SCCT response strategies, weakest first (Coombs 2007). */
enum scct_strategy { SCCT_DENY, SCCT_DIMINISH, SCCT_REBUILD };
/* What the brand does in a brand_action event. */
enum brand_action { ACTION_STATEMENT, ACTION_RECALL, ACTION_CORRECTIVE };

/* Topics: the questions the public asks about a crisis ("safety",
 * "refund", ...).  A scenario's topics are named once, in scenario.topics
 * (index 0 is always "general", the topic of an event that names none);
 * events and the plan refer to them by index. */
#define SPEC_MAX_TOPICS 16

/* One topic of an event and its weight among the event's topics: a
 * complaint the event provokes asks about topic k with probability
 * weight_k / sum of the weights. */
struct topic_weight {
	uint32_t topic;           /* index into scenario.topics */
	double weight;            /* > 0 */
};

struct event_spec {
	uint32_t tick;
	enum event_kind kind;
	enum event_target target;
	uint32_t count;           /* how many agents of the target role */
	uint64_t agent;           /* TGT_AGENT: the agent (< nodes when the
	                             network is generated; the file's id on a
	                             file of sparse ids, graph.h); 0 otherwise */
	enum crisis_type crisis;  /* SCCT cluster of the incident */
	bool history;             /* past crises: one level more responsibility */
	double arousal;           /* anger of the seeded agents, [0, 1] */
	struct topic_weight topics[SPEC_MAX_TOPICS];  /* n_topics >= 1;
	                             default: one, "general" with weight 1 */
	uint32_t n_topics;
	uint32_t rank;            /* influencer/media target: the account of
	                             this rank by followers among them (1 =
	                             the largest); 0 = a random one */
	enum report_tone tone;    /* media_report: tone of the reports */
	enum brand_action action; /* brand_action: what the brand does */
	enum scct_strategy strategy;  /* brand_action "statement": its SCCT
	                             strategy */
	double deadline;          /* inquiry: minutes the outlet waits */
};

/* The plan as a document (responder.plan.stakeholders, messages, qa,
 * escalation; models/README.md §4 "plan").  Fixed-size tables: a scenario
 * stays a plain value without owned pointers for them. */
#define SPEC_MAX_GROUPS 16
#define SPEC_MAX_GROUP_AGENTS 64
#define SPEC_MAX_MESSAGES 16
#define SPEC_MAX_LEVELS 8

/* Which role a stakeholder group selects. */
enum stake_role { STAKE_ANY, STAKE_CUSTOMER, STAKE_INFLUENCER, STAKE_MEDIA };

/* A stakeholder group: the agents matching every given criterion of its
 * selection (role, audience, attitude band, explicit ids). */
struct stakeholder_group {
	char name[SCN_NAMELEN];
	double priority;          /* higher answered first */
	enum stake_role role;
	uint32_t min_followers;   /* 0 = any audience */
	uint32_t top;             /* among the top N accounts by followers;
	                             0 = no such criterion */
	double attitude_min, attitude_max;  /* initial attitude band */
	uint64_t agents[SPEC_MAX_GROUP_AGENTS];  /* explicit ids (as events[].agent) */
	uint32_t n_agents;        /* 0 = no such criterion */
};

/* A key message: what the brand says, and about which topics. */
struct key_message {
	char id[SCN_NAMELEN];
	enum scct_strategy strategy;
	uint32_t topics[SPEC_MAX_TOPICS];  /* indices into scenario.topics */
	uint32_t n_topics;
};

/* A prepared Q&A entry: the answer to the questions of one topic. */
struct qa_entry {
	uint32_t topic;           /* index into scenario.topics */
	double quality;           /* scales a good reply's effect, [0, 1] */
};

/* An escalation level: reached when the mentions seen in the last hour
 * reach `volume`; what it triggers. */
struct escalation_level {
	double volume;            /* mentions per hour */
	bool holding;             /* prepare the holding statement */
	bool statement;           /* prepare the official statement */
	uint32_t capacity;        /* replies and statements per tick from this
	                             level on; 0 = responder.capacity */
};

/* responder.strategy "script": the decisions of a decisions file
 * (sim/decisions.c reads it; models/script.c carries it out). */
enum decision_kind { DEC_REPLY, DEC_HOLDING, DEC_STATEMENT, DEC_ACTION,
                     DEC_CAPACITY, DEC_WAIT, DEC_COUNT };
/* reply: which open mention. */
enum reply_rule { RULE_LOUDEST, RULE_LARGEST_AUDIENCE, RULE_OLDEST,
                  RULE_AGENT, RULE_COUNT };
/* reply: its types, a set of bits (Einwiller & Steilen 2015). */
enum { REPLY_THANKS = 1u, REPLY_REGRET = 2u, REPLY_CORRECTIVE = 4u,
       REPLY_INFO = 8u };
/* reply REF: nothing, a key message of responder.plan.messages, or a Q&A
 * entry of responder.plan.qa. */
enum reply_ref { REF_NONE, REF_MESSAGE, REF_QA };

struct decision {
	double minute;            /* runs at the first tick starting at or
	                             after it */
	enum decision_kind kind;
	enum reply_rule rule;     /* reply */
	uint32_t agent;           /* reply RULE_AGENT: the agent number */
	unsigned types;           /* reply: REPLY_* bits, at least one */
	enum reply_ref ref_kind;  /* reply */
	uint32_t ref;             /* REF_MESSAGE: index into plan.messages;
	                             REF_QA: the topic (index into topics) */
	enum scct_strategy strategy;  /* statement; action statement */
	enum brand_action action;     /* action */
	uint32_t capacity;        /* capacity */
	uint32_t line;            /* its line in the file, for the log */
};

struct decision_list {
	struct decision *v;       /* owned */
	size_t n, cap;
};

struct responder_spec {
	char strategy[SCN_NAMELEN];  /* "none", "adhoc", "plan" */
	uint32_t capacity;           /* actions (replies, statements) per tick */
	double detection_delay;      /* minutes from a post to the brand seeing it */
	double coverage;             /* share of mentions listening catches */
	double reputation;           /* initial brand credibility, [0, 1] */
	double reply_effect;         /* rho: attitude pull of a good reply */
	double satisfaction;         /* a good reply stops a spreader */
	double gaffe_prob;           /* gaffe probability of improvised words */
	double cred_gain, cred_loss; /* credibility per consistent/inconsistent
	                                message */
	struct {
		double notice_volume;    /* mentions/hour before he notices */
		double loudness;         /* minutes of queue priority per doubling
		                            of the author's followers */
		double check_minutes;    /* he looks at the page this often */
		double consistency;      /* chance a reply keeps to one line */
		double argue;            /* chance a reply asks for information */
		double thanks;           /* chance a reply thanks the complainant */
		double regret;           /* chance a reply expresses regret */
		double corrective;       /* chance a reply offers a corrective action */
	} adhoc;
	struct {
		double qa_coverage;      /* share of questions the Q&A covers */
		double qa_gaffe_prob;    /* gaffe probability of a Q&A answer */
		double respond_volume;   /* mentions/hour: monitor -> respond */
		double crisis_volume;    /* mentions/hour: respond -> crisis */
		double holding_delay;    /* minutes from respond to holding stmt */
		double statement_delay;  /* minutes from crisis to official stmt */
		enum scct_strategy statement;
		bool stealing_thunder;   /* disclose at the incident */
		double priority_gamma;   /* reach exponent of the stakeholder map */
		double weight_influencer, weight_media;
		/* The document; n_* == 0: the defaults above (the role
		 * weights, every reply consistent and plan.statement, the
		 * anonymous qa_coverage, respond/crisis volumes). */
		struct stakeholder_group groups[SPEC_MAX_GROUPS];
		uint32_t n_groups;
		struct key_message messages[SPEC_MAX_MESSAGES];
		uint32_t n_messages;
		struct qa_entry qa[SPEC_MAX_TOPICS];
		uint32_t n_qa;
		bool has_qa;             /* a qa array was given (maybe empty):
		                            qa_coverage is not used */
		struct escalation_level levels[SPEC_MAX_LEVELS];
		uint32_t n_levels;
	} plan;
	struct {
		char *file;              /* owned; absolute once loaded; NULL
		                            when not given */
		struct decision_list decisions;  /* read from file when the
		                            strategy is "script" (an exercise
		                            appends to it between ticks) */
	} script;
};

struct scenario {
	char *name;               /* owned; loaded: UTF-8, no control chars */
	char *description;        /* owned; loaded: UTF-8, newline and tab the
	                             only control characters */
	uint64_t seed;
	uint32_t ticks;
	double tick_minutes;
	struct net_spec network;
	struct pop_spec population;
	struct spread_spec spread;
	struct event_spec *events;  /* owned, n_events entries, sorted stably
	                               by tick; NULL when n_events == 0 */
	size_t n_events;
	struct responder_spec responder;
	char *output_dir;         /* owned; NULL when not given */
	char topics[SPEC_MAX_TOPICS][SCN_NAMELEN];  /* topic names, in order of
	                             first appearance; topics[0] = "general" */
	uint32_t n_topics;        /* >= 1 */
};

/* The index of topic `name` in s->topics, or -1. */
int spec_topic_index(const struct scenario *s, const char *name);
/* The index of `name`, appended to s->topics when new; -1 when the table
 * is full (SPEC_MAX_TOPICS) or the name does not fit in SCN_NAMELEN. */
int spec_topic_intern(struct scenario *s, const char *name);

/* Free what *s owns (strings, events) and zero it; safe on a zeroed
 * struct and on NULL. */
void spec_free(struct scenario *s);

/* Names of enum values, for outputs and messages: the strings the scenario
 * file uses ("file" for NET_FILE); "?" for a value out of range. */
const char *spec_net_model_name(enum net_model m);
const char *spec_event_kind_name(enum event_kind k);
const char *spec_event_target_name(enum event_target t);
const char *spec_mixing_name(enum mixing m);
const char *spec_crisis_name(enum crisis_type t);
const char *spec_scct_name(enum scct_strategy t);
const char *spec_report_tone_name(enum report_tone t);
const char *spec_brand_action_name(enum brand_action a);

/* The tables behind those functions: index = enum value, NULL-terminated.
 * spec_net_model_names lists the generators only (NET_FILE is chosen by
 * the key "file", not by a model name).  The loader's key table points at
 * these, so a name is never written twice. */
extern const char *const spec_net_model_names[];
extern const char *const spec_event_kind_names[];
extern const char *const spec_event_target_names[];
extern const char *const spec_mixing_names[];
extern const char *const spec_crisis_names[];
extern const char *const spec_scct_names[];
extern const char *const spec_report_tone_names[];
extern const char *const spec_brand_action_names[];
extern const char *const spec_decision_kind_names[];
extern const char *const spec_reply_rule_names[];
const char *spec_decision_kind_name(enum decision_kind k);
const char *spec_reply_rule_name(enum reply_rule r);
/* The reply types by bit (REPLY_THANKS = bit 0, ...), NULL-terminated. */
extern const char *const spec_reply_type_names[];
/* Decision d in words ("reply loudest thanks+regret safety"), separated by
 * sep (' ' for logs and the dashboard, '\t' in decisions files), without
 * minute or newline. */
void spec_decision_text(const struct decision *d, const struct scenario *s,
                        char sep, char *buf, size_t len);

#endif
