/* scenario_schema — the key table of scenario files and what is read off
 * it directly: look-ups by path and the key docs.  The enum value names
 * are spec's tables (spec.c), so a name is written once.
 *
 * The table is the schema: the key walk, the reader, the defaults and
 * scenario_to_json all follow it, so a key exists in exactly one place.
 */
#include "scenario_internal.h"

#include <float.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#define SO(f) offsetof(struct scenario, f)
#define EO(f) offsetof(struct event_spec, f)
#define GO(f) offsetof(struct stakeholder_group, f)
#define MO(f) offsetof(struct key_message, f)
#define QO(f) offsetof(struct qa_entry, f)
#define LO(f) offsetof(struct escalation_level, f)
#define OBJ(p, fin, d) \
	{ .path = p, .type = T_OBJ, .finish = fin, .doc = d }
#define NUM(p, t, off, l, h, fl, dv, mod, ex, d) \
	{ .path = p, .type = t, .offset = off, .lo = l, .hi = h, .flags = fl, \
	  .def = dv, .models = mod, .expect = ex, .doc = d }
#define STR(p, t, off, dv, mod, d) \
	{ .path = p, .type = t, .offset = off, .def_str = dv, .models = mod, \
	  .expect = (t) == T_IDENT ? IDENT_RULE : TEXT_RULE, .doc = d }
/* The rules for strings (scenario_text.c) and names, as the key table and
 * the messages state them. */
#define TEXT_RULE "UTF-8 text without control characters"
#define IDENT_RULE "a name of letters, digits, '_' and '-' (at most 63 bytes)"
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
 * (F_NODES1, F_NODES2, F_TICKS1) and are checked when the section is finished
 * (scenario_check.c).  The JSON Schema (scenario_jsonschema.c) is made from
 * the rows too; a T_CUSTOM row also needs its values described there. */
/* responder.plan.stakeholders[].select.role, index = enum stake_role. */
static const char *const stake_role_names[] = {
	"any", "customer", "influencer", "media", NULL
};

/* "$schema": where an editor finds the JSON Schema of these files (crisim
 * keys --json-schema); a string the loader checks and then ignores. */
static enum status read_schema_ref(struct ctx *c, const struct key_row *r,
                                   const cJSON *item, const char *disp,
                                   bool from_set, void *base)
{
	(void)base;
	if (!item)
		return ST_OK;
	if (!cJSON_IsString(item))
		return scn_fail_type(c, disp, from_set, r->expect, item);
	return scn_check_text(c, disp, from_set, item->valuestring, false);
}

const struct key_row scn_rows[] = {
	{ .path = "$schema", .type = T_CUSTOM, .read = read_schema_ref,
	  .print = scn_print_nothing, .def_str = "string",
	  .expect = "a string: " TEXT_RULE,
	  .doc = "URI or path of the JSON Schema of scenario files, for "
	         "editors (`crisim keys --json-schema` prints it); ignored "
	         "by crisim and not kept in the resolved scenario; default "
	         "none" },
	STR("name", T_STR, SO(name), "unnamed", 0,
	    "label of the scenario in outputs; default \"unnamed\""),
	{ .path = "description", .type = T_STR, .offset = SO(description),
	  .def_str = "", .flags = F_MULTILINE,
	  .expect = "UTF-8 text; of the control characters only newline and "
	            "tab", .doc = "free text; default \"\"" },
	NUM("seed", T_U64, SO(seed), 0, SEED_MAX, 0, 1, 0,
	    "integer in [0, 2^53-1] (larger values are not exact in JSON)",
	    "root of every random stream; default 1"),
	NUM("ticks", T_U32, SO(ticks), 1, 1e7, 0, 288, 0,
	    "integer in [1, 10000000]", "length of a run in ticks; default 288"),
	NUM("tick_minutes", T_DBL, SO(tick_minutes), 0, 1440, F_LO_OPEN, 5, 0,
	    "number in (0, 1440]", "simulated minutes per tick; default 5"),

	OBJ("network", scn_finish_network, "the follower graph"),
	ENUM("network.model", SO(network.model), spec_net_model_names,
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
	NUM("network.k", T_U32, SO(network.k), 2, NODES_MAX_D - 2,
	    F_NODES2 | F_EVEN, 6, M_WS, "even integer in [2, nodes-2]",
	    "watts_strogatz: ring neighbours; default 6; at most nodes-2, so "
	    "that a rewired tie has a vertex left to go to"),
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
	  .read = scn_read_sizes, .print = scn_print_sizes,
	  .expect = "array of 1 to 64 integers in [1, 4294967294]",
	  .doc = "sbm: community sizes summing to nodes; default 4 equal "
	         "blocks, the last one taking the remainder" },
	NUM("network.p_in", T_DBL, SO(network.p_in), 0, 1, 0, 0.01, M_SBM,
	    "number in [0, 1]", "sbm: tie probability within a block; default 0.01"),
	NUM("network.p_out", T_DBL, SO(network.p_out), 0, 1, 0, 0.0005, M_SBM,
	    "number in [0, 1]",
	    "sbm: tie probability between blocks; default 0.0005"),

	OBJ("population", scn_finish_population, "roles and attitudes of agents"),
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
	NUM("population.brand_rank", T_U32, SO(population.brand_rank), 1,
	    NODES_MAX_D, 0, 1, 0, "integer in [1, nodes]",
	    "the brand is the account of this rank by followers (1 = the "
	    "largest); default 1; not with brand_followers"),
	NUM("population.brand_followers", T_DBL, SO(population.brand_followers),
	    0, NODES_MAX_D, 0, 0, 0, "number in [0, 4294967294]",
	    "> 0: the brand is the account whose follower count is closest "
	    "(ties: the larger, then the lower id); default 0 = use brand_rank"),
	NUM("population.activity_sigma", T_DBL, SO(population.activity_sigma),
	    0, 5, 0, 1.0, 0, "number in [0, 5]",
	    "log-normal sigma of activity rates; default 1"),

	OBJ("spread", NULL, "how posts travel"),
	STR("spread.rule", T_IDENT, SO(spread.rule), "crisis", 0,
	    "spread rule by registry name: crisis, cascade, maki_thompson, "
	    "threshold; default \"crisis\""),
	PROB("spread.p", SO(spread.p), 0.05,
	     "cascade: per-follower transmission probability; default 0.05"),
	ENUM("spread.mixing", SO(spread.mixing), spec_mixing_names, MIX_GRAPH, 0,
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
	PROB("spread.arousal_gain", SO(spread.arousal_gain), 0.6,
	     "crisis: anger caught from a negative post, times its "
	     "credibility and its own anger; default 0.6"),
	PROB("spread.beta", SO(spread.beta), 0.6,
	     "crisis: base probability that an exposed agent starts "
	     "spreading; default 0.6"),
	PROB("spread.arousal_floor", SO(spread.arousal_floor), 0.05,
	     "crisis: start probability factor of a calm agent; default 0.05"),
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

	{ .path = "events", .type = T_OBJARR, .read = scn_read_events,
	  .print = scn_print_events, .expect = "array of event objects",
	  .doc = "timeline; default one incident at tick 0 on an influencer" },
	NUM("events[].tick", T_U32, EO(tick), 0, 1e7, F_REQUIRED | F_TICKS1, 0, 0,
	    "integer in [0, ticks-1]", "when the event happens; required"),
	ENUM("events[].type", EO(kind), spec_event_kind_names, EV_INCIDENT, 0,
	     "kind of event; default \"incident\""),
	ENUM("events[].target", EO(target), spec_event_target_names, TGT_RANDOM, 0,
	     "who it happens to; default \"random\""),
	NUM("events[].count", T_U32, EO(count), 1, U32_MAX_D, 0, 1, 0,
	    "integer >= 1", "how many agents of the target role; default 1"),
	NUM("events[].agent", T_U64, EO(agent), 0, SEED_MAX,
	    F_NODES1 | F_IF_AGENT, 0, 0, "integer in [0, nodes-1], or an id "
	    "of network.file up to 2^53-1",
	    "agent id (on a network file of sparse ids: the id as written in "
	    "the file); required iff target is \"agent\""),
	ENUM("events[].crisis", EO(crisis), spec_crisis_names, CRISIS_ACCIDENTAL, 0,
	     "SCCT cluster of the incident (victim, accidental, preventable); "
	     "default \"accidental\""),
	BOOL("events[].history", EO(history), 0, 0,
	     "the brand had crises before: one level more responsibility; "
	     "default false"),
	PROB("events[].arousal", EO(arousal), 0.8,
	     "anger of the seeded agents; default 0.8"),
	{ .path = "events[].topics", .type = T_CUSTOM, .read = scn_read_topics,
	  .print = scn_print_nothing,
	  .expect = "array of 1 to 16 objects {\"topic\": name, \"weight\": "
	            "number > 0 (default 1)}, topics distinct",
	  .doc = "incident, revelation: the questions the story raises and "
	         "their weights (a complaint asks topic k with probability "
	         "weight_k / sum); inquiry: the first is what the journalist "
	         "asks; default [{\"topic\": \"general\", \"weight\": 1}]" },
	NUM("events[].rank", T_U32, EO(rank), 0, U32_MAX_D, 0, 0, 0,
	    "integer >= 0; with target influencer or media, at most their "
	    "number (checked against the graph)",
	    "the account of this rank by followers among the target's role "
	    "(1 = the largest; count must be 1); default 0 = a random one"),
	ENUM("events[].tone", EO(tone), spec_report_tone_names, REPORT_NEGATIVE,
	     0, "media_report: tone of the reports; default \"negative\""),
	ENUM("events[].action", EO(action), spec_brand_action_names,
	     ACTION_STATEMENT, 0, "brand_action: what the brand does; default "
	     "\"statement\""),
	ENUM("events[].strategy", EO(strategy), spec_scct_names, SCCT_REBUILD, 0,
	     "brand_action statement: its SCCT strategy, judged against the "
	     "crisis type at the tick; default \"rebuild\""),
	MINUTES("events[].deadline", EO(deadline), 60,
	        "inquiry: minutes the outlet waits for the brand's answer "
	        "before it reports negatively; default 60"),

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
	AMOUNT("responder.adhoc.loudness", SO(responder.adhoc.loudness), 1440, 5,
	       "adhoc: a mention jumps the most-recent-first queue by this many "
	       "minutes per doubling of its author's followers; default 5"),
	MINUTES("responder.adhoc.check_minutes", SO(responder.adhoc.check_minutes),
	        65, "adhoc: he looks at the brand's page this often and then "
	        "answers what he finds (calibrated: median reply near 46 min, "
	        "Einwiller & Steilen 2015); default 65"),
	PROB("responder.adhoc.consistency", SO(responder.adhoc.consistency), 0.5,
	     "adhoc: chance a reply keeps to the previous line; default 0.5"),
	PROB("responder.adhoc.argue", SO(responder.adhoc.argue), 0.6,
	     "adhoc: chance a reply asks for more information (or argues): "
	     "no effect of its own on the complainant (Einwiller & Steilen "
	     "2015: 60 % of replies); default 0.6"),
	PROB("responder.adhoc.thanks", SO(responder.adhoc.thanks), 0.28,
	     "adhoc: chance a reply thanks the complainant: satisfies "
	     "(Einwiller & Steilen 2015: 28 % of replies); default 0.28"),
	PROB("responder.adhoc.regret", SO(responder.adhoc.regret), 0.2,
	     "adhoc: chance a reply expresses regret: calms the complainant "
	     "(Einwiller & Steilen 2015: 20 % of replies; Herhausen et al. "
	     "2019); default 0.2"),
	PROB("responder.adhoc.corrective", SO(responder.adhoc.corrective), 0.14,
	     "adhoc: chance a reply offers a corrective action: satisfies "
	     "(Einwiller & Steilen 2015: 14 % of replies); default 0.14"),
	OBJ("responder.plan", NULL, "the structured crisis-communication plan"),
	PROB("responder.plan.qa_coverage", SO(responder.plan.qa_coverage), 0.7,
	     "plan: shorthand for an anonymous Q&A covering this share of the questions, used only when no qa array is given; default 0.7"),
	PROB("responder.plan.qa_gaffe_prob", SO(responder.plan.qa_gaffe_prob),
	     0.01, "plan: gaffe probability of a Q&A answer; default 0.01"),
	AMOUNT("responder.plan.respond_volume",
	       SO(responder.plan.respond_volume), 1e9, 8,
	       "plan: mentions seen per hour that move monitor -> respond "
	       "(level 1 of the default escalation matrix; unused with "
	       "escalation); default 8"),
	AMOUNT("responder.plan.crisis_volume", SO(responder.plan.crisis_volume),
	       1e9, 25, "plan: mentions seen per hour that move respond -> "
	       "crisis mode (level 2 of the default escalation matrix; unused "
	       "with escalation); default 25"),
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
	ENUM("responder.plan.statement", SO(responder.plan.statement), spec_scct_names,
	     SCCT_REBUILD, 0, "plan: SCCT strategy of the official statement "
	     "without key messages (deny, diminish, rebuild); default "
	     "\"rebuild\""),
	BOOL("responder.plan.stealing_thunder",
	     SO(responder.plan.stealing_thunder), 0, 0,
	     "plan: disclose in the tick before the first incident (stealing "
	     "thunder); default false"),
	AMOUNT("responder.plan.priority_gamma", SO(responder.plan.priority_gamma),
	       2, 0.5, "plan: stakeholder priority = followers^gamma x "
	       "negativity x weight; default 0.5"),
	AMOUNT("responder.plan.weight_influencer",
	       SO(responder.plan.weight_influencer), 100, 3,
	       "plan: stakeholder weight of influencers; default 3"),
	AMOUNT("responder.plan.weight_media", SO(responder.plan.weight_media),
	       100, 5, "plan: stakeholder weight of media; default 5"),
	{ .path = "responder.plan.stakeholders", .type = T_OBJARR,
	  .read = scn_read_plan_groups, .print = scn_print_plan_groups,
	  .expect = "array of at most 16 group objects",
	  .doc = "plan: the stakeholder map; replies go by group priority, "
	         "then by followers^gamma x negativity x weight inside a "
	         "group; agents in no group come last; default none (one "
	         "map: the role weights)" },
	{ .path = "responder.plan.stakeholders[].name", .type = T_IDENT,
	  .offset = GO(name), .def_str = "", .flags = F_REQUIRED,
	  .expect = IDENT_RULE, .doc = "name of the group (unique); required" },
	NUM("responder.plan.stakeholders[].priority", T_DBL, GO(priority), 0,
	    1e6, 0, 0, 0, "number in [0, 1e6]",
	    "higher groups are answered first; default 0"),
	OBJ("responder.plan.stakeholders[].select", NULL,
	    "who belongs to the group: every given criterion must hold; "
	    "must select at least one agent of the population"),
	ENUM("responder.plan.stakeholders[].select.role", GO(role),
	     stake_role_names, STAKE_ANY, 0,
	     "role of the members (any, customer, influencer, media); "
	     "default \"any\""),
	NUM("responder.plan.stakeholders[].select.min_followers", T_U32,
	    GO(min_followers), 0, U32_MAX_D, 0, 0, 0,
	    "integer in [0, 4294967295]",
	    "members have at least this many followers; default 0"),
	NUM("responder.plan.stakeholders[].select.top", T_U32, GO(top), 0,
	    U32_MAX_D, 0, 0, 0, "integer in [0, 4294967295]",
	    "members are among the N accounts with the most followers (ties "
	    "by id); default 0 = no such criterion"),
	NUM("responder.plan.stakeholders[].select.attitude_min", T_DBL,
	    GO(attitude_min), -1, 1, 0, -1, 0, "number in [-1, 1]",
	    "lowest initial attitude of members (fans: 0.3); default -1"),
	NUM("responder.plan.stakeholders[].select.attitude_max", T_DBL,
	    GO(attitude_max), -1, 1, 0, 1, 0,
	    "number in [attitude_min, 1]",
	    "highest initial attitude of members (detractors: -0.3); "
	    "default 1"),
	{ .path = "responder.plan.stakeholders[].select.agents",
	  .type = T_CUSTOM, .read = scn_read_group_agents,
	  .print = scn_print_group_agents,
	  .expect = "array of 1 to 64 agent ids",
	  .doc = "explicit members (ids as in events[].agent); default none "
	         "= no such criterion" },
	{ .path = "responder.plan.messages", .type = T_OBJARR,
	  .read = scn_read_plan_messages, .print = scn_print_plan_messages,
	  .expect = "array of at most 16 message objects",
	  .doc = "plan: the key messages; the official statement takes the "
	         "strongest strategy among those covering the incident's "
	         "topics, a reply is consistent when one covers its topic; "
	         "default none (every reply consistent, plan.statement)" },
	{ .path = "responder.plan.messages[].id", .type = T_IDENT,
	  .offset = MO(id), .def_str = "", .flags = F_REQUIRED,
	  .expect = IDENT_RULE, .doc = "name of the message (unique); required" },
	{ .path = "responder.plan.messages[].strategy", .type = T_ENUM,
	  .offset = MO(strategy), .names = spec_scct_names, .def = SCCT_REBUILD,
	  .flags = F_REQUIRED, .expect = "one of \"deny\", \"diminish\", "
	  "\"rebuild\"",
	  .doc = "SCCT strategy of the message (deny, diminish, rebuild); "
	         "required" },
	{ .path = "responder.plan.messages[].topics", .type = T_CUSTOM,
	  .read = scn_read_message_topics, .print = scn_print_nothing,
	  .def_str = "array of names",
	  .expect = "array of 1 to 16 distinct topic names of scenario.topics",
	  .doc = "questions the message answers; default [\"general\"]" },
	{ .path = "responder.plan.qa", .type = T_OBJARR,
	  .read = scn_read_plan_qa, .print = scn_print_plan_qa,
	  .expect = "array of at most 16 Q&A objects",
	  .doc = "plan: the prepared Q&A; a question whose topic has an "
	         "entry gets the prepared answer (qa_gaffe_prob, the entry's "
	         "quality), others are improvised (responder.gaffe_prob); "
	         "default none: an anonymous Q&A of qa_coverage" },
	{ .path = "responder.plan.qa[].topic", .type = T_CUSTOM,
	  .read = scn_read_qa_topic, .print = scn_print_nothing,
	  .def_str = "name",
	  .expect = "a topic name of scenario.topics",
	  .doc = "the topic the entry answers (unique); required" },
	PROB("responder.plan.qa[].quality", QO(quality), 1,
	     "share of a good reply's effect the prepared answer achieves; "
	     "default 1"),
	{ .path = "responder.plan.escalation", .type = T_OBJARR,
	  .read = scn_read_plan_levels, .print = scn_print_plan_levels,
	  .expect = "array of 1 to 8 level objects, volumes increasing",
	  .doc = "plan: escalation levels 1, 2, ... (0 = monitoring); default "
	         "the matrix [{respond_volume, holding}, {crisis_volume, "
	         "statement}]" },
	NUM("responder.plan.escalation[].volume", T_DBL, LO(volume), 0, 1e9,
	    F_REQUIRED, 0, 0, "number in [0, 1e9]",
	    "mentions seen in the last hour that reach the level; required"),
	BOOL("responder.plan.escalation[].holding", LO(holding), 0, 0,
	     "the level prepares the holding statement (holding_delay later); "
	     "default false"),
	BOOL("responder.plan.escalation[].statement", LO(statement), 0, 0,
	     "the level prepares the official statement (statement_delay "
	     "later); default false"),
	NUM("responder.plan.escalation[].capacity", T_U32, LO(capacity), 0,
	    U32_MAX_D, 0, 0, 0, "integer in [0, 4294967295]",
	    "replies and statements per tick from this level on; default 0 = "
	    "responder.capacity"),
	OBJ("responder.script", scn_finish_script,
	    "decision replay: the brand does what a decisions file says"),
	STR("responder.script.file", T_STR, SO(responder.script.file), NULL, 0,
	    "decisions file (TSV: minute, action, what, how, ref; see README "
	    "\"Decisions files\"), relative to the scenario file's directory; "
	    "stored resolved to an absolute path; required iff "
	    "responder.strategy is \"script\""),

	OBJ("output", NULL, "where results go"),
	STR("output.dir", T_STR, SO(output_dir), NULL, 0,
	    "output directory; default none (the command line decides)"),
};
const size_t scn_n_rows = sizeof scn_rows / sizeof scn_rows[0];

/* ------------------------------------------------------------------------
 * Table look-ups.
 */

const char *scn_child_leaf(const struct key_row *r, const char *parent)
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

const struct key_row *scn_find_row(const char *parent, const char *key)
{
	for (size_t i = 0; i < scn_n_rows; i++) {
		const char *leaf = scn_child_leaf(&scn_rows[i], parent);
		if (leaf && strcmp(leaf, key) == 0)
			return &scn_rows[i];
	}
	return NULL;
}

/* ------------------------------------------------------------------------
 * The key docs.
 */
/* The schema for documentation: one line per key, "PATH\tTYPE\tDOC". */
size_t scenario_key_count(void)
{
	return scn_n_rows;
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
	/* An enum's valid values are its names, listed from spec's table (the
	 * buffer holds the latest call's list; callers use it at once). */
	static char names[512];
	if (i >= scn_n_rows)
		return -1;
	*path = scn_rows[i].path;
	/* A custom row may name its own type in def_str (unused otherwise). */
	*type = scn_rows[i].type == T_CUSTOM && scn_rows[i].def_str
	      ? scn_rows[i].def_str : type_names[scn_rows[i].type];
	*values = scn_rows[i].expect ? scn_rows[i].expect : "";
	if (scn_rows[i].type == T_ENUM && !scn_rows[i].expect) {
		size_t n = 0;
		names[0] = '\0';
		for (const char *const *nm = scn_rows[i].names; *nm; nm++)
			n += (size_t)snprintf(names + n, n < sizeof names ?
			                      sizeof names - n : 0, "%s%s",
			                      nm == scn_rows[i].names ? "one of " : ", ",
			                      *nm);
		*values = names;
	}
	*doc = scn_rows[i].doc;
	return 0;
}
