/* scenario — JSON scenario files to struct scenario.
 *
 * The flow of one load:
 *   text ─► cJSON tree ─► --set overrides applied to the tree
 *        ─► key walk     (unknown and duplicate keys, anywhere in the tree)
 *        ─► defaults     (every row of the table written into the struct)
 *        ─► row read     (type and static bounds of every key present, in
 *                         table order; sections end with a "finish" hook for
 *                         checks that span keys: model parameters, nodes-1
 *                         bounds, sums, event targets)
 *        ─► events sorted stably by tick.
 * The key table below is the schema: the walk, the reader, the defaults and
 * scenario_to_json all follow it, so a key exists in exactly one place.
 *
 * Invariant: after a failed load *s is all zeros (scenario_free was called),
 * so callers never see a half-filled scenario.
 */
#include "scenario.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Enums are stored through an int; C11 leaves an enum's compatible type to
 * the implementation, so insist that it has an int's size. */
_Static_assert(sizeof(enum net_model) == sizeof(int), "enum size");
_Static_assert(sizeof(enum event_kind) == sizeof(int), "enum size");
_Static_assert(sizeof(enum event_target) == sizeof(int), "enum size");

#define PATHLEN 256
/* Largest integer n such that every integer in [0, n] is a double and no
 * larger integer text rounds down into the range: 2^53 itself is excluded
 * because "9007199254740993" parses to 2^53 and would be accepted silently. */
#define SEED_MAX 9007199254740991.0
#define U32_MAX_D 4294967295.0
#define NODES_MAX_D 4294967294.0  /* ids are uint32_t; one value kept free */

/* ------------------------------------------------------------------------
 * The schema.
 */
enum key_type {
	T_OBJ,      /* nested object; its keys are the rows "PATH.key" */
	T_OBJARR,   /* array of objects; element keys are rows "PATH[].key" */
	T_U32,
	T_U64,
	T_DBL,
	T_BOOL,
	T_STR,      /* owned char *; NULL default allowed (then not printed) */
	T_IDENT,    /* char[SCN_NAMELEN]: a registry name checked later */
	T_ENUM,     /* int-sized enum, names in .names (index = value) */
	T_CUSTOM    /* .read and .print do the work (network.sizes) */
};

enum {
	F_LO_OPEN = 1u << 0,  /* lower bound excluded */
	F_REQUIRED = 1u << 1, /* no default: the key must be present */
	F_NODES1 = 1u << 2,   /* upper bound nodes-1 (generators only) */
	F_TICKS1 = 1u << 3,   /* upper bound ticks-1 */
	F_EVEN = 1u << 4,     /* integer must be even */
	F_IF_AGENT = 1u << 5  /* event key present iff target is "agent" */
};

/* Network models a key belongs to (bit = 1 << enum net_model). */
#define M_BA (1u << NET_BARABASI_ALBERT)
#define M_ER (1u << NET_ERDOS_RENYI)
#define M_WS (1u << NET_WATTS_STROGATZ)
#define M_PL (1u << NET_POWERLAW)
#define M_SBM (1u << NET_SBM)
#define M_FILE (1u << NET_FILE)
#define M_GEN (M_BA | M_ER | M_WS | M_PL | M_SBM)

struct ctx;
struct key_row;
typedef int (*read_fn)(struct ctx *c, const struct key_row *r,
                       const cJSON *item, const char *disp, bool from_set,
                       void *base);
typedef int (*print_fn)(const struct key_row *r, const void *base,
                        cJSON *parent);
typedef int (*finish_fn)(struct ctx *c, const cJSON *obj, const char *disp,
                         bool from_set);

struct key_row {
	const char *path;     /* schema path: "network.m", "events[].tick" */
	enum key_type type;
	size_t offset;        /* into struct scenario, or struct event_spec
	                         for rows under "events[]" */
	double lo, hi;        /* static bounds of numbers, inclusive unless
	                         F_LO_OPEN; relative bounds come from flags */
	unsigned flags;
	double def;           /* default of numbers, bools and enums */
	const char *def_str;  /* default of strings (NULL = absent) */
	const char *const *names;  /* T_ENUM: value names, NULL-terminated */
	unsigned models;      /* network keys: models the key belongs to */
	const char *expect;   /* what a valid value is, for messages */
	read_fn read;         /* T_OBJARR, T_CUSTOM */
	print_fn print;       /* T_OBJARR, T_CUSTOM */
	finish_fn finish;     /* T_OBJ: cross-key checks once the section is read */
	const char *doc;
};

static const char *const net_model_names[] = {
	"barabasi_albert", "erdos_renyi", "watts_strogatz", "powerlaw", "sbm", NULL
};
static const char *const event_kind_names[] = { "incident", NULL };
static const char *const event_target_names[] = {
	"random", "customer", "influencer", "media", "agent", NULL
};
static const char *const mixing_names[] = { "graph", "well_mixed", NULL };
static const char *const crisis_names[] = {
	"victim", "accidental", "preventable", NULL
};
static const char *const scct_names[] = { "deny", "diminish", "rebuild", NULL };

static int read_events(struct ctx *c, const struct key_row *r,
                       const cJSON *item, const char *disp, bool from_set,
                       void *base);
static int print_events(const struct key_row *r, const void *base,
                        cJSON *parent);
static int read_sizes(struct ctx *c, const struct key_row *r,
                      const cJSON *item, const char *disp, bool from_set,
                      void *base);
static int print_sizes(const struct key_row *r, const void *base,
                       cJSON *parent);
static int finish_network(struct ctx *c, const cJSON *obj, const char *disp,
                          bool from_set);
static int finish_population(struct ctx *c, const cJSON *obj,
                             const char *disp, bool from_set);

#define SO(f) offsetof(struct scenario, f)
#define EO(f) offsetof(struct event_spec, f)
#define OBJ(p, fin, d) \
	{ .path = p, .type = T_OBJ, .finish = fin, .doc = d }
#define NUM(p, t, off, l, h, fl, dv, mod, ex, d) \
	{ .path = p, .type = t, .offset = off, .lo = l, .hi = h, .flags = fl, \
	  .def = dv, .models = mod, .expect = ex, .doc = d }
#define STR(p, t, off, dv, mod, d) \
	{ .path = p, .type = t, .offset = off, .def_str = dv, .models = mod, \
	  .doc = d }
#define ENUM(p, off, nm, dv, mod, d) \
	{ .path = p, .type = T_ENUM, .offset = off, .names = nm, .def = dv, \
	  .models = mod, .doc = d }
#define BOOL(p, off, dv, mod, d) \
	{ .path = p, .type = T_BOOL, .offset = off, .def = dv, .models = mod, \
	  .doc = d }

/* A probability, a non-negative amount, a duration in minutes. */
#define PROB(p, off, dv, d) \
	NUM(p, T_DBL, off, 0, 1, 0, dv, 0, "number in [0, 1]", d)
#define AMOUNT(p, off, hi, dv, d) \
	NUM(p, T_DBL, off, 0, hi, 0, dv, 0, "number in [0, " #hi "]", d)
#define MINUTES(p, off, dv, d) \
	NUM(p, T_DBL, off, 0, 1e7, F_LO_OPEN, dv, 0, \
	    "number of minutes in (0, 1e7]", d)

/* THE KEY TABLE.  Adding a scenario key is one row here plus the struct
 * field in scenario.h; the walk, the reader, the defaults and
 * scenario_to_json (which prints in this order) pick it up.  A row's parent
 * row must come before it.  Bounds that depend on other keys use flags
 * (F_NODES1, F_TICKS1) and are checked when the section is finished. */
static const struct key_row rows[] = {
	STR("name", T_STR, SO(name), "unnamed", 0,
	    "label of the scenario in outputs; default \"unnamed\""),
	STR("description", T_STR, SO(description), "", 0,
	    "free text; default \"\""),
	NUM("seed", T_U64, SO(seed), 0, SEED_MAX, 0, 1, 0,
	    "integer in [0, 2^53-1] (larger values are not exact in JSON)",
	    "root of every random stream; default 1"),
	NUM("ticks", T_U32, SO(ticks), 1, 1e7, 0, 288, 0,
	    "integer in [1, 10000000]", "length of a run in ticks; default 288"),
	NUM("tick_minutes", T_DBL, SO(tick_minutes), 0, 1440, F_LO_OPEN, 5, 0,
	    "number in (0, 1440]", "simulated minutes per tick; default 5"),

	OBJ("network", finish_network, "the follower graph"),
	ENUM("network.model", SO(network.model), net_model_names,
	     NET_BARABASI_ALBERT, M_GEN,
	     "generator; default barabasi_albert; not with \"file\""),
	STR("network.file", T_STR, SO(network.file), NULL, M_FILE,
	    "edge-list file instead of a generator, relative to the scenario "
	    "file's directory; stored resolved to an absolute path"),
	BOOL("network.directed", SO(network.directed), 0, M_FILE,
	     "file lines are follower arcs, not mutual ties; default false"),
	NUM("network.nodes", T_U32, SO(network.nodes), 2, NODES_MAX_D, 0,
	    10000, M_GEN, "integer in [2, 4294967294]",
	    "accounts, the brand included; default 10000 (sbm: sum of sizes)"),
	NUM("network.reciprocity", T_DBL, SO(network.reciprocity), 0, 1, 0, 1.0,
	    M_GEN, "number in [0, 1]",
	    "share of ties that are mutual follows; default 1"),
	NUM("network.m", T_U32, SO(network.m), 1, NODES_MAX_D - 1, F_NODES1, 3,
	    M_BA, "integer in [1, nodes-1]",
	    "barabasi_albert: ties per newcomer; default 3"),
	NUM("network.mean_degree", T_DBL, SO(network.mean_degree), 0,
	    NODES_MAX_D - 1, F_LO_OPEN | F_NODES1, 6, M_ER,
	    "number in (0, nodes-1]", "erdos_renyi: mean degree; default 6"),
	NUM("network.k", T_U32, SO(network.k), 2, NODES_MAX_D - 1,
	    F_NODES1 | F_EVEN, 6, M_WS, "even integer in [2, nodes-1]",
	    "watts_strogatz: ring neighbours; default 6"),
	NUM("network.rewire", T_DBL, SO(network.rewire), 0, 1, 0, 0.1, M_WS,
	    "number in [0, 1]", "watts_strogatz: rewiring probability; default 0.1"),
	NUM("network.exponent", T_DBL, SO(network.exponent), 2, 5, F_LO_OPEN,
	    2.5, M_PL, "number in (2, 5]",
	    "powerlaw: P(k) ~ k^-exponent; default 2.5"),
	NUM("network.min_degree", T_U32, SO(network.min_degree), 1,
	    NODES_MAX_D - 1, F_NODES1, 2, M_PL, "integer in [1, nodes-1]",
	    "powerlaw: smallest degree; default 2"),
	NUM("network.max_degree", T_U32, SO(network.max_degree), 0,
	    NODES_MAX_D - 1, 0, 0, M_PL,
	    "0 or integer in [min_degree, nodes-1]",
	    "powerlaw: largest degree; default 0 = floor(sqrt(nodes)), stored "
	    "resolved"),
	{ .path = "network.sizes", .type = T_CUSTOM, .models = M_SBM,
	  .read = read_sizes, .print = print_sizes,
	  .expect = "array of 1 to 64 integers in [1, 4294967294]",
	  .doc = "sbm: community sizes summing to nodes; default 4 equal "
	         "blocks, the last one taking the remainder" },
	NUM("network.p_in", T_DBL, SO(network.p_in), 0, 1, 0, 0.01, M_SBM,
	    "number in [0, 1]", "sbm: tie probability within a block; default 0.01"),
	NUM("network.p_out", T_DBL, SO(network.p_out), 0, 1, 0, 0.0005, M_SBM,
	    "number in [0, 1]",
	    "sbm: tie probability between blocks; default 0.0005"),

	OBJ("population", finish_population, "roles and attitudes of agents"),
	NUM("population.influencer_share", T_DBL, SO(population.influencer_share),
	    0, 1, 0, 0.01, 0, "number in [0, 1]",
	    "top share of accounts by followers; default 0.01"),
	NUM("population.influencers", T_U32, SO(population.influencers), 0,
	    NODES_MAX_D, 0, 0, 0, "integer in [0, nodes-2]",
	    "explicit influencer count; default 0 = use influencer_share"),
	NUM("population.media", T_U32, SO(population.media), 0, NODES_MAX_D, 0,
	    3, 0, "integer in [0, nodes-2]", "media outlets; default 3"),
	NUM("population.fans", T_DBL, SO(population.fans), 0, 1, 0, 0.2, 0,
	    "number in [0, 1]", "share of fans of the brand; default 0.2"),
	NUM("population.detractors", T_DBL, SO(population.detractors), 0, 1, 0,
	    0.1, 0, "number in [0, 1]",
	    "share of detractors; default 0.1; fans + detractors <= 1"),
	NUM("population.attitude_sd", T_DBL, SO(population.attitude_sd), 0, 1, 0,
	    0.15, 0, "number in [0, 1]",
	    "sd of each attitude component; default 0.15"),
	NUM("population.activity_median", T_DBL, SO(population.activity_median),
	    0, DBL_MAX, F_LO_OPEN, 1.0, 0, "number > 0",
	    "posts per hour of the median agent while spreading; default 1"),
	NUM("population.activity_sigma", T_DBL, SO(population.activity_sigma),
	    0, 5, 0, 1.0, 0, "number in [0, 5]",
	    "log-normal sigma of activity rates; default 1"),

	OBJ("spread", NULL, "how posts travel"),
	STR("spread.rule", T_IDENT, SO(spread.rule), "crisis", 0,
	    "spread rule by registry name: crisis, cascade, maki_thompson, "
	    "threshold; default \"crisis\""),
	PROB("spread.p", SO(spread.p), 0.05,
	     "cascade: per-follower transmission probability; default 0.05"),
	ENUM("spread.mixing", SO(spread.mixing), mixing_names, MIX_GRAPH, 0,
	     "maki_thompson: contacts along the graph or uniform over all "
	     "agents (\"well_mixed\"); default \"graph\""),
	PROB("spread.phi", SO(spread.phi), 0.18,
	     "threshold: share of followees who posted needed to join; "
	     "default 0.18 (Watts 2002)"),
	PROB("spread.visibility", SO(spread.visibility), 0.3,
	     "crisis: share of followers who see a post; default 0.3"),
	PROB("spread.pull", SO(spread.pull), 0.1,
	     "crisis: attitude pull of one exposure, times the source's "
	     "credibility; default 0.1"),
	PROB("spread.arousal_gain", SO(spread.arousal_gain), 0.3,
	     "crisis: arousal rise of a negative exposure; default 0.3"),
	PROB("spread.beta", SO(spread.beta), 0.4,
	     "crisis: base probability that an exposed agent starts "
	     "spreading; default 0.4"),
	PROB("spread.arousal_floor", SO(spread.arousal_floor), 0.2,
	     "crisis: start probability factor of a calm agent; default 0.2"),
	AMOUNT("spread.arousal_activity", SO(spread.arousal_activity), 10, 4,
	       "crisis: an angry agent posts (1 + this x arousal) times as "
	       "often; default 4"),
	MINUTES("spread.half_life", SO(spread.half_life), 60,
	        "crisis: attention half-life of the story; default 60"),
	NUM("spread.decay_shape", T_DBL, SO(spread.decay_shape), 0, 2,
	    F_LO_OPEN, 0.5, 0, "number in (0, 2]",
	    "crisis: stretched-exponential shape of attention decay; "
	    "default 0.5"),
	PROB("spread.stifle", SO(spread.stifle), 0.5,
	     "crisis: chance a spreader stops when its audience already "
	     "knows (Maki-Thompson); default 0.5"),
	MINUTES("spread.fatigue", SO(spread.fatigue), 240,
	        "crisis: mean time an agent keeps spreading; default 240"),
	PROB("spread.fan_threshold", SO(spread.fan_threshold), 0.4,
	     "crisis: attitude above which an agent's posts defend the brand; "
	     "default 0.4"),
	PROB("spread.defend", SO(spread.defend), 0.3,
	     "crisis: start probability factor of fans, who post defences; "
	     "default 0.3"),
	AMOUNT("spread.influencer_boost", SO(spread.influencer_boost), 10, 2,
	       "crisis: influencers start spreading this many times as "
	       "often; default 2"),
	PROB("spread.cred_customer", SO(spread.cred_customer), 0.3,
	     "crisis: credibility of a customer's post; default 0.3"),
	PROB("spread.cred_influencer", SO(spread.cred_influencer), 0.6,
	     "crisis: credibility of an influencer's post; default 0.6"),
	PROB("spread.cred_media", SO(spread.cred_media), 0.9,
	     "crisis: credibility of a media report; default 0.9"),
	AMOUNT("spread.media_threshold", SO(spread.media_threshold), 1e9, 30,
	       "crisis: negative posts in the last hour that make the first "
	       "outlet report; default 30"),
	AMOUNT("spread.media_step", SO(spread.media_step), 100, 0.5,
	       "crisis: outlet k reports at threshold x (1 + k x step); "
	       "default 0.5"),
	PROB("spread.media_reach", SO(spread.media_reach), 0.02,
	     "crisis: share of all agents a media report reaches beyond the "
	     "outlet's followers; default 0.02"),
	PROB("spread.renewal", SO(spread.renewal), 0.5,
	     "crisis: share of the story's age a gaffe or media report wipes "
	     "out; default 0.5"),
	PROB("spread.framing", SO(spread.framing), 0.5,
	     "crisis: start-probability cut for agents who heard the brand's "
	     "fitting statement first; default 0.5"),

	{ .path = "events", .type = T_OBJARR, .read = read_events,
	  .print = print_events, .expect = "array of event objects",
	  .doc = "timeline; default one incident at tick 0 on an influencer" },
	NUM("events[].tick", T_U32, EO(tick), 0, 1e7, F_REQUIRED | F_TICKS1, 0, 0,
	    "integer in [0, ticks-1]", "when the event happens; required"),
	ENUM("events[].type", EO(kind), event_kind_names, EV_INCIDENT, 0,
	     "kind of event; default \"incident\""),
	ENUM("events[].target", EO(target), event_target_names, TGT_RANDOM, 0,
	     "who it happens to; default \"random\""),
	NUM("events[].count", T_U32, EO(count), 1, U32_MAX_D, 0, 1, 0,
	    "integer >= 1", "how many agents of the target role; default 1"),
	NUM("events[].agent", T_U32, EO(agent), 0, NODES_MAX_D - 1,
	    F_NODES1 | F_IF_AGENT, 0, 0, "integer in [0, nodes-1]",
	    "agent id; required iff target is \"agent\""),
	ENUM("events[].crisis", EO(crisis), crisis_names, CRISIS_ACCIDENTAL, 0,
	     "SCCT cluster of the incident (victim, accidental, preventable); "
	     "default \"accidental\""),
	BOOL("events[].history", EO(history), 0, 0,
	     "the brand had crises before: one level more responsibility; "
	     "default false"),
	PROB("events[].arousal", EO(arousal), 0.8,
	     "anger of the seeded agents; default 0.8"),

	OBJ("responder", NULL, "the brand's response"),
	STR("responder.strategy", T_IDENT, SO(responder.strategy), "none", 0,
	    "strategy by registry name; default \"none\""),
	NUM("responder.capacity", T_U32, SO(responder.capacity), 0, U32_MAX_D, 0,
	    3, 0, "integer in [0, 4294967295]",
	    "replies and statements per tick; 0 = no team at all; default 3"),
	NUM("responder.detection_delay", T_DBL, SO(responder.detection_delay),
	    0, 1e7, 0, 10, 0, "number of minutes in [0, 1e7]",
	    "minutes from a post to the brand's listening seeing it; default 10"),
	PROB("responder.coverage", SO(responder.coverage), 0.8,
	     "share of negative mentions the listening catches; default 0.8"),
	PROB("responder.reputation", SO(responder.reputation), 0.5,
	     "brand credibility before the crisis; default 0.5"),
	PROB("responder.reply_effect", SO(responder.reply_effect), 0.4,
	     "attitude pull of a good reply, times credibility; default 0.4"),
	PROB("responder.satisfaction", SO(responder.satisfaction), 0.6,
	     "chance a good reply stops a spreader, times credibility; "
	     "default 0.6"),
	PROB("responder.gaffe_prob", SO(responder.gaffe_prob), 0.12,
	     "gaffe probability of an improvised reply; default 0.12"),
	PROB("responder.cred_gain", SO(responder.cred_gain), 0.03,
	     "credibility gained by a consistent message; default 0.03"),
	PROB("responder.cred_loss", SO(responder.cred_loss), 0.1,
	     "credibility lost by an inconsistent message; default 0.1"),
	OBJ("responder.adhoc", NULL, "the improvising web guy"),
	AMOUNT("responder.adhoc.notice_volume", SO(responder.adhoc.notice_volume),
	       1e9, 15, "adhoc: negative mentions seen in the last hour before "
	       "he notices; default 15"),
	PROB("responder.adhoc.consistency", SO(responder.adhoc.consistency), 0.5,
	     "adhoc: chance a reply keeps to the previous line; default 0.5"),
	PROB("responder.adhoc.argue", SO(responder.adhoc.argue), 0.6,
	     "adhoc: chance a reply argues or asks for information (no "
	     "effect; Einwiller & Steilen 2015); default 0.6"),
	OBJ("responder.plan", NULL, "the structured crisis-communication plan"),
	PROB("responder.plan.qa_coverage", SO(responder.plan.qa_coverage), 0.7,
	     "plan: share of questions the prepared Q&A answers; default 0.7"),
	PROB("responder.plan.qa_gaffe_prob", SO(responder.plan.qa_gaffe_prob),
	     0.01, "plan: gaffe probability of a Q&A answer; default 0.01"),
	AMOUNT("responder.plan.respond_volume",
	       SO(responder.plan.respond_volume), 1e9, 3,
	       "plan: mentions seen per hour that move monitor -> respond; "
	       "default 3"),
	AMOUNT("responder.plan.crisis_volume", SO(responder.plan.crisis_volume),
	       1e9, 20, "plan: mentions seen per hour that move respond -> "
	       "crisis mode; default 20"),
	NUM("responder.plan.holding_delay", T_DBL,
	    SO(responder.plan.holding_delay), 0, 1e7, 0, 30, 0,
	    "number of minutes in [0, 1e7]",
	    "plan: minutes from respond mode to the holding statement (the "
	    "golden hour); default 30"),
	NUM("responder.plan.statement_delay", T_DBL,
	    SO(responder.plan.statement_delay), 0, 1e7, 0, 60, 0,
	    "number of minutes in [0, 1e7]",
	    "plan: minutes from crisis mode to the official statement; "
	    "default 60"),
	ENUM("responder.plan.statement", SO(responder.plan.statement), scct_names,
	     SCCT_REBUILD, 0, "plan: SCCT strategy of the official statement "
	     "(deny, diminish, rebuild); default \"rebuild\""),
	BOOL("responder.plan.stealing_thunder",
	     SO(responder.plan.stealing_thunder), 0, 0,
	     "plan: disclose at the incident, before the story spreads; "
	     "default false"),
	AMOUNT("responder.plan.priority_gamma", SO(responder.plan.priority_gamma),
	       2, 0.5, "plan: stakeholder priority = followers^gamma x "
	       "negativity x weight; default 0.5"),
	AMOUNT("responder.plan.weight_influencer",
	       SO(responder.plan.weight_influencer), 100, 3,
	       "plan: stakeholder weight of influencers; default 3"),
	AMOUNT("responder.plan.weight_media", SO(responder.plan.weight_media),
	       100, 5, "plan: stakeholder weight of media; default 5"),

	OBJ("output", NULL, "where results go"),
	STR("output.dir", T_STR, SO(output_dir), NULL, 0,
	    "output directory; default none (the command line decides)"),
};
#define N_ROWS (sizeof rows / sizeof rows[0])

/* ------------------------------------------------------------------------
 * Load context and messages.
 */
struct ctx {
	const char *label;      /* file name in messages */
	char *err;              /* SCN_ERRLEN bytes */
	const char *base_dir;   /* resolves network.file; NULL = cwd */
	struct scenario *s;
	const cJSON **set_items;  /* items put in the tree by --set: errors
	                             inside them are labelled "--set PATH" */
	size_t n_set, cap_set;
};

/* snprintf for messages and paths, where cutting at the buffer's end is
 * the intended behaviour (and gcc's truncation warnings are not). */
static void bprintf(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
}

/* Numbers are printed here, not by cJSON: cJSON_Print accepts a 15-digit
 * form when it is merely within an epsilon of the value, which loses the
 * last digits of a seed near 2^53 and the last ulp of a double, and the
 * round trip (load(to_json(s)) == s) must be exact.  Assumes the C locale
 * for the decimal point, as JSON does. */
static cJSON *exact_number(double v, bool integer)
{
	char buf[40];

	if (integer) {
		bprintf(buf, sizeof buf, "%.0f", v);
	} else {
		bprintf(buf, sizeof buf, "%.15g", v);
		if (strtod(buf, NULL) != v)
			bprintf(buf, sizeof buf, "%.17g", v);
	}
	return cJSON_CreateRaw(buf);
}

static int fail_at(struct ctx *c, const char *path, bool from_set,
                   const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "LABEL: PATH: message", or "--set PATH: message" when the offending value
 * came from the command line, where the file name would mislead. */
static int fail_at(struct ctx *c, const char *path, bool from_set,
                   const char *fmt, ...)
{
	char msg[SCN_ERRLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (from_set)
		bprintf(c->err, SCN_ERRLEN, "--set %s: %s", path, msg);
	else if (path && *path)
		bprintf(c->err, SCN_ERRLEN, "%s: %s: %s", c->label, path, msg);
	else
		bprintf(c->err, SCN_ERRLEN, "%s: %s", c->label, msg);
	return SCN_EBADINPUT;
}

static int fail_nomem(struct ctx *c)
{
	bprintf(c->err, SCN_ERRLEN, "%s: out of memory", c->label);
	return SCN_ENOMEM;
}

static bool is_set(const struct ctx *c, const cJSON *item)
{
	for (size_t i = 0; i < c->n_set; i++)
		if (c->set_items[i] == item)
			return true;
	return false;
}

static int mark_set(struct ctx *c, const cJSON *item)
{
	if (c->n_set == c->cap_set) {
		size_t cap = c->cap_set ? 2 * c->cap_set : 8;
		const cJSON **p = realloc(c->set_items, cap * sizeof *p);
		if (!p)
			return SCN_ENOMEM;
		c->set_items = p;
		c->cap_set = cap;
	}
	c->set_items[c->n_set++] = item;
	return SCN_OK;
}

/* What a value is, for "got ..." in messages. */
static void describe(const cJSON *it, char *buf, size_t n)
{
	if (!it)
		bprintf(buf, n, "nothing");
	else if (cJSON_IsString(it)) {
		size_t len = strlen(it->valuestring);
		if (len > 40)
			bprintf(buf, n, "string \"%.40s...\"", it->valuestring);
		else
			bprintf(buf, n, "string \"%s\"", it->valuestring);
	} else if (cJSON_IsNumber(it)) {
		double v = it->valuedouble;
		/* integers in full: 2^53+1 must not print as 9.00719925474099e+15 */
		if (v == floor(v) && fabs(v) < 1e19)
			bprintf(buf, n, "%.0f", v);
		else
			bprintf(buf, n, "%.15g", v);
	}
	else if (cJSON_IsTrue(it))
		bprintf(buf, n, "true");
	else if (cJSON_IsFalse(it))
		bprintf(buf, n, "false");
	else if (cJSON_IsNull(it))
		bprintf(buf, n, "null");
	else if (cJSON_IsArray(it))
		bprintf(buf, n, "array");
	else if (cJSON_IsObject(it))
		bprintf(buf, n, "object");
	else
		bprintf(buf, n, "invalid value");
}

static int fail_type(struct ctx *c, const char *path, bool from_set,
                     const char *what, const cJSON *it)
{
	char got[80];

	describe(it, got, sizeof got);
	return fail_at(c, path, from_set, "expected %s, got %s", what, got);
}

/* Levenshtein distance, two rows of the DP table; strings past 63 bytes
 * are never "close" to a key and count as far. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t prev[64], cur[64];

	if (la >= 64 || lb >= 64)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins)
			                   : (del < ins ? del : ins);
		}
		memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
	}
	return prev[lb];
}

/* ------------------------------------------------------------------------
 * Table look-ups.
 */

/* The key name of row r if r is a direct child of schema path `parent`
 * ("" = top level), else NULL. */
static const char *child_leaf(const struct key_row *r, const char *parent)
{
	size_t pl = strlen(parent);
	const char *leaf;

	if (pl == 0)
		leaf = r->path;
	else if (strncmp(r->path, parent, pl) == 0 && r->path[pl] == '.')
		leaf = r->path + pl + 1;
	else
		return NULL;
	return strchr(leaf, '.') ? NULL : leaf;
}

static const struct key_row *find_row(const char *parent, const char *key)
{
	for (size_t i = 0; i < N_ROWS; i++) {
		const char *leaf = child_leaf(&rows[i], parent);
		if (leaf && strcmp(leaf, key) == 0)
			return &rows[i];
	}
	return NULL;
}

static void *field(void *base, const struct key_row *r)
{
	return (char *)base + r->offset;
}

static const void *cfield(const void *base, const struct key_row *r)
{
	return (const char *)base + r->offset;
}

static void join_path(char *out, const char *disp, const char *key)
{
	if (*disp)
		bprintf(out, PATHLEN, "%s.%s", disp, key);
	else
		bprintf(out, PATHLEN, "%s", key);
}

/* ------------------------------------------------------------------------
 * Key walk: unknown and duplicate keys.  cJSON keeps every member of an
 * object in its child list, duplicates included, and its look-ups return
 * the first; so duplicates are found here by comparing siblings.
 */
static int check_keys(struct ctx *c, const char *parent, const cJSON *obj,
                      const char *disp, bool from_set)
{
	for (const cJSON *ch = obj->child; ch; ch = ch->next) {
		bool set = from_set || is_set(c, ch);
		char d[PATHLEN];
		const struct key_row *r;

		join_path(d, disp, ch->string);
		for (const cJSON *p = obj->child; p != ch; p = p->next)
			if (strcmp(p->string, ch->string) == 0)
				return fail_at(c, d, set, "duplicate key");
		r = find_row(parent, ch->string);
		if (!r) {
			const char *best = NULL;
			size_t best_d = 3;
			for (size_t i = 0; i < N_ROWS; i++) {
				const char *leaf = child_leaf(&rows[i], parent);
				size_t dist;
				if (!leaf)
					continue;
				dist = edit_distance(ch->string, leaf);
				if (dist < best_d) {
					best_d = dist;
					best = leaf;
				}
			}
			if (best)
				return fail_at(c, d, set,
				               "unknown key (did you mean \"%s\"?)", best);
			return fail_at(c, d, set, "unknown key");
		}
		if (r->type == T_OBJ && cJSON_IsObject(ch)) {
			int rc = check_keys(c, r->path, ch, d, set);
			if (rc)
				return rc;
		} else if (r->type == T_OBJARR && cJSON_IsArray(ch)) {
			char elem_parent[PATHLEN];
			size_t i = 0;
			const cJSON *el;

			bprintf(elem_parent, sizeof elem_parent, "%s[]", r->path);
			cJSON_ArrayForEach(el, ch) {
				char de[PATHLEN];
				bprintf(de, sizeof de, "%s[%zu]", d, i++);
				if (cJSON_IsObject(el)) {
					int rc = check_keys(c, elem_parent, el, de,
					                    set || is_set(c, el));
					if (rc)
						return rc;
				}
			}
		}
	}
	return SCN_OK;
}

/* ------------------------------------------------------------------------
 * Defaults and reading of single values.
 */
static int set_string(char **dst, const char *v)
{
	char *copy = NULL;

	if (v) {
		copy = strdup(v);
		if (!copy)
			return SCN_ENOMEM;
	}
	free(*dst);
	*dst = copy;
	return SCN_OK;
}

static void store_enum(void *p, int v)
{
	memcpy(p, &v, sizeof v);
}

static int load_enum(const void *p)
{
	int v;
	memcpy(&v, p, sizeof v);
	return v;
}

/* Write the default of every row under `parent` (recursively) into base. */
static int set_defaults(const char *parent, void *base)
{
	for (size_t i = 0; i < N_ROWS; i++) {
		const struct key_row *r = &rows[i];
		void *f;

		if (!child_leaf(r, parent))
			continue;
		f = field(base, r);
		switch (r->type) {
		case T_OBJ: {
			int rc = set_defaults(r->path, base);
			if (rc)
				return rc;
			break;
		}
		case T_U32: *(uint32_t *)f = (uint32_t)r->def; break;
		case T_U64: *(uint64_t *)f = (uint64_t)r->def; break;
		case T_DBL: *(double *)f = r->def; break;
		case T_BOOL: *(bool *)f = r->def != 0; break;
		case T_ENUM: store_enum(f, (int)r->def); break;
		case T_STR:
			if (set_string(f, r->def_str))
				return SCN_ENOMEM;
			break;
		case T_IDENT:
			bprintf(f, SCN_NAMELEN, "%s", r->def_str);
			break;
		case T_OBJARR:
		case T_CUSTOM:
			break;  /* their readers fill them, given or not */
		}
	}
	return SCN_OK;
}

static bool is_ident(const char *v)
{
	size_t n = strlen(v);

	if (n == 0 || n >= SCN_NAMELEN || !(v[0] == '_' ||
	    (v[0] >= 'a' && v[0] <= 'z') || (v[0] >= 'A' && v[0] <= 'Z')))
		return false;
	for (size_t i = 1; i < n; i++) {
		char ch = v[i];
		if (!(ch == '_' || ch == '-' || (ch >= 'a' && ch <= 'z') ||
		      (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
			return false;
	}
	return true;
}

/* Numbers: valuedouble only (valueint saturates), integral for integer
 * types, finite, inside the row's static bounds. */
static int read_number(struct ctx *c, const struct key_row *r,
                       const cJSON *it, const char *path, bool from_set,
                       double *out)
{
	bool integer = r->type == T_U32 || r->type == T_U64;
	double v;
	char got[80];

	if (!cJSON_IsNumber(it))
		return fail_type(c, path, from_set,
		                 integer ? "integer" : "number", it);
	v = it->valuedouble;
	describe(it, got, sizeof got);
	if (!isfinite(v))
		return fail_at(c, path, from_set, "expected %s, got %s", r->expect,
		               got);
	if (integer && v != floor(v))
		return fail_at(c, path, from_set, "expected integer, got %s", got);
	if (v < r->lo || v > r->hi || ((r->flags & F_LO_OPEN) && v == r->lo) ||
	    ((r->flags & F_EVEN) && fmod(v, 2.0) != 0))
		return fail_at(c, path, from_set, "expected %s, got %s", r->expect,
		               got);
	*out = v;
	return SCN_OK;
}

static int read_enum(struct ctx *c, const struct key_row *r, const cJSON *it,
                     const char *path, bool from_set, int *out)
{
	char allowed[256] = "", got[80];
	size_t used = 0;
	const char *best = NULL;
	size_t best_d = 3;

	if (cJSON_IsString(it)) {
		for (int i = 0; r->names[i]; i++) {
			size_t dist = edit_distance(it->valuestring, r->names[i]);
			if (dist == 0) {
				*out = i;
				return SCN_OK;
			}
			if (dist < best_d) {
				best_d = dist;
				best = r->names[i];
			}
		}
	}
	for (int i = 0; r->names[i] && used < sizeof allowed; i++) {
		int k = snprintf(allowed + used, sizeof allowed - used, "%s\"%s\"",
		                 i ? ", " : "", r->names[i]);
		if (k < 0)
			break;
		used += (size_t)k;
	}
	describe(it, got, sizeof got);
	if (best)
		return fail_at(c, path, from_set,
		               "expected one of %s, got %s (did you mean \"%s\"?)",
		               allowed, got, best);
	return fail_at(c, path, from_set, "expected one of %s, got %s", allowed,
	               got);
}

static int read_rows(struct ctx *c, const char *parent, const cJSON *obj,
                     void *base, const char *disp, bool from_set);

/* Read one present-or-absent key.  Absent keys keep their default, except
 * for objects, arrays and custom rows, which are always visited so that
 * their finish hooks and default fill-ins run. */
static int read_row(struct ctx *c, const struct key_row *r,
                    const cJSON *obj, void *base, const char *disp,
                    bool from_set)
{
	const char *leaf = strrchr(r->path, '.');
	const cJSON *it;
	char d[PATHLEN];
	bool set;
	void *f = field(base, r);
	double num;
	int rc, e = 0;

	leaf = leaf ? leaf + 1 : r->path;
	it = obj ? cJSON_GetObjectItemCaseSensitive(obj, leaf) : NULL;
	set = from_set || is_set(c, it);
	join_path(d, disp, leaf);

	switch (r->type) {
	case T_OBJ:
		if (it && !cJSON_IsObject(it))
			return fail_type(c, d, set, "object", it);
		rc = read_rows(c, r->path, it, base, d, set);
		if (rc == SCN_OK && r->finish)
			rc = r->finish(c, it, d, set);
		return rc;
	case T_OBJARR:
	case T_CUSTOM:
		return r->read(c, r, it, d, set, base);
	default:
		break;
	}
	if (!it) {
		if (r->flags & F_REQUIRED)
			return fail_at(c, d, set, "expected %s, got nothing "
			               "(the key is required)", r->expect);
		return SCN_OK;
	}
	switch (r->type) {
	case T_U32:
		if ((rc = read_number(c, r, it, d, set, &num)))
			return rc;
		*(uint32_t *)f = (uint32_t)num;
		return SCN_OK;
	case T_U64:
		if ((rc = read_number(c, r, it, d, set, &num)))
			return rc;
		*(uint64_t *)f = (uint64_t)num;
		return SCN_OK;
	case T_DBL:
		if ((rc = read_number(c, r, it, d, set, &num)))
			return rc;
		*(double *)f = num;
		return SCN_OK;
	case T_BOOL:
		if (!cJSON_IsBool(it))
			return fail_type(c, d, set, "true or false", it);
		*(bool *)f = cJSON_IsTrue(it);
		return SCN_OK;
	case T_ENUM:
		if ((rc = read_enum(c, r, it, d, set, &e)))
			return rc;
		store_enum(f, e);
		return SCN_OK;
	case T_STR:
		if (!cJSON_IsString(it))
			return fail_type(c, d, set, "string", it);
		return set_string(f, it->valuestring) ? fail_nomem(c) : SCN_OK;
	case T_IDENT:
		if (!cJSON_IsString(it) || !is_ident(it->valuestring))
			return fail_type(c, d, set, "a name of letters, digits, '_' "
			                 "and '-' (at most 63 bytes)", it);
		bprintf(f, SCN_NAMELEN, "%s", it->valuestring);
		return SCN_OK;
	default:
		return SCN_OK;
	}
}

/* Read every row under schema path `parent` from `obj` (NULL = absent). */
static int read_rows(struct ctx *c, const char *parent, const cJSON *obj,
                     void *base, const char *disp, bool from_set)
{
	for (size_t i = 0; i < N_ROWS; i++) {
		int rc;
		if (!child_leaf(&rows[i], parent))
			continue;
		rc = read_row(c, &rows[i], obj, base, disp, from_set);
		if (rc)
			return rc;
	}
	return SCN_OK;
}

/* ------------------------------------------------------------------------
 * Cross-key checks.
 */

/* Present keys that belong to another network model than the chosen one. */
static int check_models(struct ctx *c, const char *parent, const cJSON *obj,
                        const char *disp, bool from_set, enum net_model m)
{
	if (!obj)
		return SCN_OK;
	for (size_t i = 0; i < N_ROWS; i++) {
		const struct key_row *r = &rows[i];
		const char *leaf = child_leaf(r, parent);
		const cJSON *it;
		char d[PATHLEN];

		if (!leaf || !r->models || (r->models & (1u << m)))
			continue;
		it = cJSON_GetObjectItemCaseSensitive(obj, leaf);
		if (!it)
			continue;
		join_path(d, disp, leaf);
		return fail_at(c, d, from_set || is_set(c, it),
		               "not a parameter of %s", scenario_net_model_name(m));
	}
	return SCN_OK;
}

/* Upper bounds nodes-1 and ticks-1, once nodes and ticks are final.  A
 * default can fail them too (m = 3 with nodes = 3); the message says so. */
static int check_relative(struct ctx *c, const char *parent,
                          const cJSON *obj, const void *base,
                          const char *disp, bool from_set)
{
	const struct scenario *s = c->s;

	for (size_t i = 0; i < N_ROWS; i++) {
		const struct key_row *r = &rows[i];
		const char *leaf = child_leaf(r, parent);
		const cJSON *it;
		const char *what;
		double v, limit;
		char d[PATHLEN];

		if (!leaf || !(r->flags & (F_NODES1 | F_TICKS1)))
			continue;
		if (r->models && !(r->models & (1u << s->network.model)))
			continue;
		it = obj ? cJSON_GetObjectItemCaseSensitive(obj, leaf) : NULL;
		if ((r->flags & F_IF_AGENT) && !it)
			continue;
		if (r->flags & F_NODES1) {
			if (s->network.model == NET_FILE)
				continue;  /* nodes known only once the file is read */
			limit = (double)s->network.nodes - 1;
			what = "nodes";
		} else {
			limit = (double)s->ticks - 1;
			what = "ticks";
		}
		v = r->type == T_DBL ? *(const double *)cfield(base, r)
		                     : (double)*(const uint32_t *)cfield(base, r);
		if (v <= limit)
			continue;
		join_path(d, disp, leaf);
		return fail_at(c, d, from_set || is_set(c, it),
		               "expected %s, got %.15g (%s%s = %.15g)", r->expect, v,
		               it ? "" : "the default; ", what, limit + 1);
	}
	return SCN_OK;
}

/* Absolute form of network.file: relative names are taken against the
 * scenario's directory (or the working directory), and made absolute so
 * that the resolved scenario printed into a manifest still points at the
 * same file from anywhere. */
static int resolve_file(struct ctx *c, char **file)
{
	const char *dir = c->base_dir ? c->base_dir : ".";
	char *cwd = NULL, *out = NULL;
	size_t n;

	if ((*file)[0] == '/')
		return SCN_OK;
	if (dir[0] != '/') {
		cwd = getcwd(NULL, 0);
		if (!cwd) {
			bprintf(c->err, SCN_ERRLEN, "%s: network.file: cannot "
			         "resolve against the working directory: %s", c->label,
			         strerror(errno));
			return SCN_EIO;
		}
	}
	n = (cwd ? strlen(cwd) + 1 : 0) + strlen(dir) + strlen(*file) + 2;
	out = malloc(n);
	if (!out) {
		free(cwd);
		return fail_nomem(c);
	}
	if (strcmp(dir, ".") == 0)
		bprintf(out, n, "%s/%s", cwd, *file);
	else if (cwd)
		bprintf(out, n, "%s/%s/%s", cwd, dir, *file);
	else
		bprintf(out, n, "%s/%s", dir, *file);
	free(cwd);
	free(*file);
	*file = out;
	return SCN_OK;
}

static int finish_network(struct ctx *c, const cJSON *obj, const char *disp,
                          bool from_set)
{
	struct net_spec *n = &c->s->network;
	const cJSON *model = obj ? cJSON_GetObjectItemCaseSensitive(obj, "model")
	                         : NULL;
	const cJSON *nodes = obj ? cJSON_GetObjectItemCaseSensitive(obj, "nodes")
	                         : NULL;
	const cJSON *sizes = obj ? cJSON_GetObjectItemCaseSensitive(obj, "sizes")
	                         : NULL;
	char d[PATHLEN];
	int rc;

	if (n->file) {
		join_path(d, disp, "model");
		if (model)
			return fail_at(c, d, from_set || is_set(c, model),
			               "cannot be combined with network.file (the "
			               "file defines the network)");
		join_path(d, disp, "file");
		if (!n->file[0])
			return fail_at(c, d, from_set, "expected a file name, got "
			               "string \"\"");
		n->model = NET_FILE;
		if ((rc = resolve_file(c, &n->file)))
			return rc;
	}
	if ((rc = check_models(c, "network", obj, disp, from_set, n->model)))
		return rc;
	if (n->model == NET_FILE) {
		n->nodes = 0;  /* known once the file is read */
		return SCN_OK;
	}

	if (n->model == NET_SBM) {
		uint64_t sum = 0;
		for (uint32_t b = 0; b < n->n_blocks; b++)
			sum += n->sizes[b];
		join_path(d, disp, "sizes");
		if (!sizes) {
			n->n_blocks = n->nodes < 4 ? n->nodes : 4;
			for (uint32_t b = 0; b < n->n_blocks; b++)
				n->sizes[b] = n->nodes / n->n_blocks;
			n->sizes[n->n_blocks - 1] += n->nodes % n->n_blocks;
		} else if (nodes && sum != n->nodes) {
			return fail_at(c, d, from_set || is_set(c, sizes),
			               "expected sizes summing to nodes (%u), got sum "
			               "%llu", n->nodes, (unsigned long long)sum);
		} else if (!nodes) {
			if (sum < 2 || sum > (uint64_t)NODES_MAX_D)
				return fail_at(c, d, from_set || is_set(c, sizes),
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
			join_path(d, disp, "max_degree");
			if (given == 0)
				return fail_at(c, d, from_set || is_set(c, mx),
				               "expected 0 or integer in [min_degree, "
				               "nodes-1], got 0 (= floor(sqrt(nodes)) = %u, "
				               "below min_degree = %u)", n->max_degree,
				               n->min_degree);
			return fail_at(c, d, from_set || is_set(c, mx),
			               "expected 0 or integer in [min_degree, nodes-1], "
			               "got %u (min_degree = %u, nodes = %u)", given,
			               n->min_degree, n->nodes);
		}
	}
	return SCN_OK;
}

static int finish_population(struct ctx *c, const cJSON *obj,
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
		join_path(d, disp, key);
		return fail_at(c, d, from_set || is_set(c, it),
		               "expected fans + detractors <= 1, got %.15g + %.15g",
		               p->fans, p->detractors);
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
		join_path(d, disp, key);
		return fail_at(c, d, from_set || is_set(c, it),
		               "expected influencers + media + 1 (the brand) < nodes "
		               "(%u), got %u + %u + 1", n->nodes, p->influencers,
		               p->media);
	}
	return SCN_OK;
}

/* ------------------------------------------------------------------------
 * Custom rows: network.sizes and events.
 */
static int read_sizes(struct ctx *c, const struct key_row *r,
                      const cJSON *item, const char *disp, bool from_set,
                      void *base)
{
	struct net_spec *n = &((struct scenario *)base)->network;
	const cJSON *el;
	uint32_t i = 0;
	int count;

	n->n_blocks = 0;
	if (!item)
		return SCN_OK;  /* finish_network fills the default */
	count = cJSON_IsArray(item) ? cJSON_GetArraySize(item) : 0;
	if (count < 1 || count > SCN_MAX_BLOCKS)
		return fail_type(c, disp, from_set, r->expect, item);
	cJSON_ArrayForEach(el, item) {
		char d[PATHLEN];
		bool set = from_set || is_set(c, el);
		double v;

		bprintf(d, sizeof d, "%s[%u]", disp, i);
		if (!cJSON_IsNumber(el))
			return fail_type(c, d, set, "integer", el);
		v = el->valuedouble;
		if (v != floor(v) || v < 1 || v > NODES_MAX_D)
			return fail_type(c, d, set, "integer in [1, 4294967294]", el);
		n->sizes[i++] = (uint32_t)v;
	}
	n->n_blocks = i;
	return SCN_OK;
}

static int print_sizes(const struct key_row *r, const void *base,
                       cJSON *parent)
{
	const struct net_spec *n = &((const struct scenario *)base)->network;
	cJSON *arr = cJSON_AddArrayToObject(parent, strrchr(r->path, '.') + 1);

	if (!arr)
		return SCN_ENOMEM;
	for (uint32_t b = 0; b < n->n_blocks; b++) {
		cJSON *v = exact_number(n->sizes[b], true);
		if (!v || !cJSON_AddItemToArray(arr, v)) {
			cJSON_Delete(v);
			return SCN_ENOMEM;
		}
	}
	return SCN_OK;
}

static int finish_event(struct ctx *c, const cJSON *el, struct event_spec *e,
                        const char *disp, bool from_set)
{
	const cJSON *agent = cJSON_GetObjectItemCaseSensitive(el, "agent");
	char d[PATHLEN];

	join_path(d, disp, "agent");
	if (e->target == TGT_AGENT && !agent)
		return fail_at(c, d, from_set || is_set(c,
		               cJSON_GetObjectItemCaseSensitive(el, "target")),
		               "expected integer in [0, nodes-1] "
		               "with target \"agent\", got nothing");
	if (e->target != TGT_AGENT && agent)
		return fail_at(c, d, from_set || is_set(c, agent),
		               "only allowed with target \"agent\" (target is "
		               "\"%s\")", scenario_event_target_name(e->target));
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

static int read_events(struct ctx *c, const struct key_row *r,
                       const cJSON *item, const char *disp, bool from_set,
                       void *base)
{
	struct scenario *s = base;
	struct ev_sort *tmp;
	const cJSON *el;
	size_t n, i = 0;
	int rc;

	if (!item) {
		/* The default timeline, read through the rows so that every
		 * event key gets its table default. */
		cJSON *def = cJSON_Parse("[{\"tick\": 0, \"target\": \"influencer\"}]");
		if (!def)
			return fail_nomem(c);
		rc = read_events(c, r, def, disp, from_set, base);
		cJSON_Delete(def);
		return rc;
	}
	if (!cJSON_IsArray(item))
		return fail_type(c, disp, from_set, r->expect, item);
	n = (size_t)cJSON_GetArraySize(item);
	if (n == 0)
		return SCN_OK;  /* a run without incidents: a baseline */
	s->events = calloc(n, sizeof *s->events);
	if (!s->events)
		return fail_nomem(c);
	s->n_events = n;
	cJSON_ArrayForEach(el, item) {
		char d[PATHLEN];
		bool set = from_set || is_set(c, el);

		bprintf(d, sizeof d, "%s[%zu]", disp, i);
		if (!cJSON_IsObject(el))
			return fail_type(c, d, set, "event object", el);
		if ((rc = set_defaults("events[]", &s->events[i])) ||
		    (rc = read_rows(c, "events[]", el, &s->events[i], d, set)) ||
		    (rc = finish_event(c, el, &s->events[i], d, set)))
			return rc == SCN_ENOMEM ? fail_nomem(c) : rc;
		i++;
	}
	tmp = malloc(n * sizeof *tmp);
	if (!tmp)
		return fail_nomem(c);
	for (i = 0; i < n; i++)
		tmp[i] = (struct ev_sort){ s->events[i], i };
	qsort(tmp, n, sizeof *tmp, cmp_events);
	for (i = 0; i < n; i++)
		s->events[i] = tmp[i].e;
	free(tmp);
	return SCN_OK;
}

/* ------------------------------------------------------------------------
 * --set PATH=VALUE: edits of the JSON tree before validation.
 */
static const char *type_name(const cJSON *it)
{
	if (cJSON_IsObject(it)) return "an object";
	if (cJSON_IsArray(it)) return "an array";
	if (cJSON_IsString(it)) return "a string";
	if (cJSON_IsNumber(it)) return "a number";
	if (cJSON_IsBool(it)) return "a boolean";
	return "null";
}

static int set_fail(struct ctx *c, const char *arg, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int set_fail(struct ctx *c, const char *arg, const char *fmt, ...)
{
	char msg[SCN_ERRLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	bprintf(c->err, SCN_ERRLEN, "--set %s: %s", arg, msg);
	return SCN_EBADINPUT;
}

#define MAX_SEGS 32

struct seg {
	bool index;           /* "[i]", or digits applied to an array */
	unsigned long idx;
	char key[PATHLEN];
	size_t end;           /* offset in the argument just past the segment */
};

/* Split "a.b[2].c" (the first plen bytes of arg) into segments. */
static int parse_set_path(struct ctx *c, const char *arg, size_t plen,
                          struct seg *segs, size_t *n_segs)
{
	size_t i = 0, n = 0;

	while (i < plen) {
		struct seg *g = &segs[n];
		if (n == MAX_SEGS)
			return set_fail(c, arg, "path deeper than %d levels", MAX_SEGS);
		if (arg[i] == '[') {
			size_t j = i + 1;
			g->idx = 0;
			while (j < plen && arg[j] >= '0' && arg[j] <= '9' && j - i < 10)
				g->idx = g->idx * 10 + (unsigned long)(arg[j++] - '0');
			if (j == i + 1 || j >= plen || arg[j] != ']')
				return set_fail(c, arg, "expected PATH=VALUE, got a bad "
				                "array index after \"%.*s\"", (int)i, arg);
			g->index = true;
			g->key[0] = '\0';
			i = j + 1;
		} else {
			size_t j = i;
			while (j < plen && arg[j] != '.' && arg[j] != '[')
				j++;
			if (j == i)
				return set_fail(c, arg, "expected PATH=VALUE, got an "
				                "empty key in the path");
			memcpy(g->key, arg + i, j - i);
			g->key[j - i] = '\0';
			g->index = false;
			i = j;
		}
		g->end = i;
		n++;
		if (i < plen && arg[i] == '.') {
			if (++i == plen)
				return set_fail(c, arg, "expected PATH=VALUE, got an "
				                "empty key in the path");
		} else if (i < plen && arg[i] != '[') {
			return set_fail(c, arg, "expected PATH=VALUE, got '%c' after "
			                "an array index", arg[i]);
		}
	}
	*n_segs = n;
	return SCN_OK;
}

/* Apply one override.  Path segments are keys separated by '.', and array
 * indices as "[i]" or ".i" (digits on an array).  Missing objects on the
 * way are created; an index must name an existing element.  The value is
 * JSON when it parses completely, else the raw text as a string; JSON null
 * removes the key, so its default applies again.  Every item created is
 * remembered, so that errors inside it are labelled "--set PATH". */
static int apply_set(struct ctx *c, cJSON *root, const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct seg segs[MAX_SEGS];
	size_t n = 0, k;
	cJSON *cur = root, *val, *old;
	int rc;

	if (!eq)
		return set_fail(c, arg, "expected PATH=VALUE, got no '='");
	if (eq == arg)
		return set_fail(c, arg, "expected PATH=VALUE, got an empty path");
	if ((rc = parse_set_path(c, arg, (size_t)(eq - arg), segs, &n)))
		return rc;

	for (k = 0;; k++) {
		struct seg *g = &segs[k];
		int where = k ? (int)segs[k - 1].end : 0;
		const char *wname = k ? arg : "the top level";

		if (!g->index && cJSON_IsArray(cur) && g->key[0] &&
		    strspn(g->key, "0123456789") == strlen(g->key) &&
		    strlen(g->key) < 10) {
			g->index = true;
			g->idx = strtoul(g->key, NULL, 10);
		}
		if (g->index) {
			int size;
			if (!cJSON_IsArray(cur))
				return set_fail(c, arg, "%.*s is %s, not an array",
				                k ? where : 13, wname, type_name(cur));
			size = cJSON_GetArraySize(cur);
			if (g->idx >= (unsigned long)size)
				return set_fail(c, arg, "index %lu is past the end of "
				                "%.*s (%d elements)", g->idx, where, arg,
				                size);
		} else if (!cJSON_IsObject(cur)) {
			return set_fail(c, arg, "%.*s is %s, not an object", where, arg,
			                type_name(cur));
		}
		if (k + 1 == n)
			break;
		if (g->index) {
			cur = cJSON_GetArrayItem(cur, (int)g->idx);
			continue;
		}
		old = cJSON_GetObjectItemCaseSensitive(cur, g->key);
		if (!old && segs[k + 1].index)
			return set_fail(c, arg, "index %lu is past the end of %.*s "
			                "(absent)", segs[k + 1].idx, (int)g->end, arg);
		if (!old) {
			old = cJSON_CreateObject();
			if (!old)
				return fail_nomem(c);
			if (!cJSON_AddItemToObject(cur, g->key, old)) {
				cJSON_Delete(old);
				return fail_nomem(c);
			}
			if (mark_set(c, old))
				return fail_nomem(c);
		}
		cur = old;
	}

	val = cJSON_ParseWithOpts(eq + 1, NULL, 1);
	if (!val)
		val = cJSON_CreateString(eq + 1);
	if (!val)
		return fail_nomem(c);
	if (cJSON_IsNull(val)) {
		cJSON_Delete(val);
		if (segs[k].index)
			cJSON_DeleteItemFromArray(cur, (int)segs[k].idx);
		else
			cJSON_DeleteItemFromObjectCaseSensitive(cur, segs[k].key);
		return SCN_OK;
	}
	if (segs[k].index)
		rc = cJSON_ReplaceItemInArray(cur, (int)segs[k].idx, val);
	else if (cJSON_GetObjectItemCaseSensitive(cur, segs[k].key))
		rc = cJSON_ReplaceItemInObjectCaseSensitive(cur, segs[k].key, val);
	else
		rc = cJSON_AddItemToObject(cur, segs[k].key, val);
	if (!rc) {
		cJSON_Delete(val);
		return fail_nomem(c);
	}
	return mark_set(c, val) ? fail_nomem(c) : SCN_OK;
}

/* ------------------------------------------------------------------------
 * Public entry points.
 */
static int syntax_error(struct ctx *c, const char *text, const char *at,
                        const char *what)
{
	unsigned long line = 1, col = 1;

	for (const char *q = text; q < at; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	if (what)
		bprintf(c->err, SCN_ERRLEN, "%s: line %lu, column %lu: invalid "
		         "JSON (%s)", c->label, line, col, what);
	else if (*at == '\0')
		bprintf(c->err, SCN_ERRLEN, "%s: line %lu, column %lu: invalid "
		         "JSON (unexpected end of input)", c->label, line, col);
	else if ((unsigned char)*at >= 0x20 && (unsigned char)*at < 0x7f)
		bprintf(c->err, SCN_ERRLEN, "%s: line %lu, column %lu: invalid "
		         "JSON (unexpected '%c')", c->label, line, col, *at);
	else
		bprintf(c->err, SCN_ERRLEN, "%s: line %lu, column %lu: invalid "
		         "JSON (unexpected byte 0x%02x)", c->label, line, col,
		         (unsigned)(unsigned char)*at);
	return SCN_EBADINPUT;
}

int scenario_parse(struct scenario *s, const char *text, const char *label,
                   const char *base_dir, const char *const *sets,
                   size_t n_sets, char err[SCN_ERRLEN])
{
	struct ctx c = { .label = label ? label : "<scenario>", .err = err,
	                 .base_dir = base_dir, .s = s };
	const char *end = NULL;
	cJSON *root = NULL;
	int rc;

	memset(s, 0, sizeof *s);
	err[0] = '\0';
	if (strncmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3;  /* a UTF-8 byte order mark is not JSON but harmless */
	if (text[strspn(text, " \t\r\n")] == '\0') {
		rc = fail_at(&c, NULL, false, "expected a JSON object, got empty "
		             "input");
		goto fail;
	}
	/* The parse end comes from the call, not cJSON_GetErrorPtr, which is
	 * a process-wide global. */
	root = cJSON_ParseWithOpts(text, &end, 1);
	if (!root) {
		rc = end ? syntax_error(&c, text, end, NULL) : fail_nomem(&c);
		goto fail;
	}
	if (!cJSON_IsObject(root)) {
		char got[80];
		describe(root, got, sizeof got);
		rc = fail_at(&c, NULL, false, "expected a JSON object at the top "
		             "level, got %s", got);
		goto fail;
	}
	for (size_t i = 0; i < n_sets; i++)
		if ((rc = apply_set(&c, root, sets[i])))
			goto fail;
	if ((rc = check_keys(&c, "", root, "", false)))
		goto fail;
	if ((rc = set_defaults("", s))) {
		rc = fail_nomem(&c);
		goto fail;
	}
	if ((rc = read_rows(&c, "", root, s, "", false)))
		goto fail;
	cJSON_Delete(root);
	free(c.set_items);
	return SCN_OK;
fail:
	cJSON_Delete(root);
	free(c.set_items);
	scenario_free(s);
	return rc;
}

/* Read a whole stream; NUL-terminated, *len excludes the terminator. */
static int read_all(FILE *f, char **out, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);

	if (!buf)
		return SCN_ENOMEM;
	for (;;) {
		size_t got;
		if (cap - n < 2) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				return SCN_ENOMEM;
			}
			buf = nb;
			cap *= 2;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno;
		free(buf);
		errno = e ? e : EIO;
		return SCN_EIO;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return SCN_OK;
}

int scenario_load(struct scenario *s, const char *path,
                  const char *const *sets, size_t n_sets,
                  char err[SCN_ERRLEN])
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *label = is_stdin ? "<stdin>" : path;
	const char *slash = is_stdin ? NULL : strrchr(path, '/');
	char *text = NULL, *dir = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	memset(s, 0, sizeof *s);
	f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		bprintf(err, SCN_ERRLEN, "%s: cannot open: %s", label,
		         strerror(errno));
		return SCN_EIO;
	}
	errno = 0;
	rc = read_all(f, &text, &len);
	if (rc == SCN_EIO)
		bprintf(err, SCN_ERRLEN, "%s: cannot read: %s", label,
		         strerror(errno));
	else if (rc == SCN_ENOMEM)
		bprintf(err, SCN_ERRLEN, "%s: out of memory", label);
	if (!is_stdin)
		fclose(f);
	if (rc)
		return rc;
	if (strlen(text) != len) {
		/* cJSON would stop at the NUL and call the rest trailing text */
		struct ctx c = { .label = label, .err = err };
		rc = syntax_error(&c, text, text + strlen(text), "NUL byte");
		free(text);
		return rc;
	}
	if (slash) {
		size_t dl = slash == path ? 1 : (size_t)(slash - path);
		dir = strndup(path, dl);
		if (!dir) {
			free(text);
			bprintf(err, SCN_ERRLEN, "%s: out of memory", label);
			return SCN_ENOMEM;
		}
	}
	rc = scenario_parse(s, text, label, dir, sets, n_sets, err);
	free(dir);
	free(text);
	return rc;
}

/* ------------------------------------------------------------------------
 * Output.
 */
static bool row_applies(const struct key_row *r, const void *base,
                        const struct scenario *s)
{
	if (r->models && !(r->models & (1u << s->network.model)))
		return false;
	if (r->type == T_STR && !*(char *const *)cfield(base, r))
		return false;
	if (r->flags & F_IF_AGENT)
		return ((const struct event_spec *)base)->target == TGT_AGENT;
	return true;
}

static int print_rows(const char *parent, cJSON *obj, const void *base,
                      const struct scenario *s)
{
	for (size_t i = 0; i < N_ROWS; i++) {
		const struct key_row *r = &rows[i];
		const char *leaf = child_leaf(r, parent);
		const void *f;
		cJSON *v = NULL;

		if (!leaf || !row_applies(r, base, s))
			continue;
		f = cfield(base, r);
		switch (r->type) {
		case T_OBJ:
			v = cJSON_AddObjectToObject(obj, leaf);
			if (!v || print_rows(r->path, v, base, s))
				return SCN_ENOMEM;
			continue;
		case T_OBJARR:
		case T_CUSTOM:
			if (r->print(r, base, obj))
				return SCN_ENOMEM;
			continue;
		case T_U32: v = exact_number(*(const uint32_t *)f, true); break;
		case T_U64:
			v = exact_number((double)*(const uint64_t *)f, true);
			break;
		case T_DBL: v = exact_number(*(const double *)f, false); break;
		case T_BOOL: v = cJSON_CreateBool(*(const bool *)f); break;
		case T_ENUM: v = cJSON_CreateString(r->names[load_enum(f)]); break;
		case T_STR: v = cJSON_CreateString(*(char *const *)f); break;
		case T_IDENT: v = cJSON_CreateString(f); break;
		}
		if (!v || !cJSON_AddItemToObject(obj, leaf, v)) {
			cJSON_Delete(v);
			return SCN_ENOMEM;
		}
	}
	return SCN_OK;
}

static int print_events(const struct key_row *r, const void *base,
                        cJSON *parent)
{
	const struct scenario *s = base;
	char elem_parent[PATHLEN];
	cJSON *arr = cJSON_AddArrayToObject(parent, r->path);

	if (!arr)
		return SCN_ENOMEM;
	bprintf(elem_parent, sizeof elem_parent, "%s[]", r->path);
	for (size_t i = 0; i < s->n_events; i++) {
		cJSON *o = cJSON_CreateObject();
		if (!o || !cJSON_AddItemToArray(arr, o)) {
			cJSON_Delete(o);
			return SCN_ENOMEM;
		}
		if (print_rows(elem_parent, o, &s->events[i], s))
			return SCN_ENOMEM;
	}
	return SCN_OK;
}

/* Keys in table order; per model only its own network keys, so that the
 * output loads again without "not a parameter of" errors. */
char *scenario_to_json(const struct scenario *s)
{
	cJSON *root = cJSON_CreateObject();
	char *out = NULL;

	if (root && print_rows("", root, s, s) == SCN_OK)
		out = cJSON_Print(root);
	cJSON_Delete(root);
	return out;
}

void scenario_free(struct scenario *s)
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

const char *scenario_net_model_name(enum net_model m)
{
	if (m == NET_FILE)
		return "file";
	if ((unsigned)m < sizeof net_model_names / sizeof net_model_names[0] - 1)
		return net_model_names[m];
	return "?";
}

const char *scenario_event_kind_name(enum event_kind k)
{
	if ((unsigned)k < sizeof event_kind_names / sizeof event_kind_names[0] - 1)
		return event_kind_names[k];
	return "?";
}

const char *scenario_crisis_name(enum crisis_type t)
{
	return (unsigned)t < 3 ? crisis_names[t] : "?";
}

const char *scenario_scct_name(enum scct_strategy t)
{
	return (unsigned)t < 3 ? scct_names[t] : "?";
}

const char *scenario_event_target_name(enum event_target t)
{
	if ((unsigned)t <
	    sizeof event_target_names / sizeof event_target_names[0] - 1)
		return event_target_names[t];
	return "?";
}

/* The schema for documentation: one line per key, "PATH\tTYPE\tDOC". */
size_t scenario_key_count(void)
{
	return N_ROWS;
}

int scenario_key_info(size_t i, const char **path, const char **type,
                      const char **values, const char **doc)
{
	static const char *const type_names[] = {
		[T_OBJ] = "object", [T_OBJARR] = "array of objects",
		[T_U32] = "integer", [T_U64] = "integer", [T_DBL] = "number",
		[T_BOOL] = "boolean", [T_STR] = "string", [T_IDENT] = "name",
		[T_ENUM] = "enum", [T_CUSTOM] = "array of integers",
	};
	if (i >= N_ROWS)
		return -1;
	*path = rows[i].path;
	*type = type_names[rows[i].type];
	*values = rows[i].expect ? rows[i].expect : "";
	*doc = rows[i].doc;
	return 0;
}
