/* scenario_internal — what the scenario_*.c files share; nothing else
 * includes this header (it brings cJSON with it, and cJSON stays inside the
 * scenario module).
 *
 * The module in files, one concept each:
 *   scenario_schema.c  the key table (the schema), its look-ups and the
 *                      key docs; the enum names are spec's (spec.c)
 *   scenario.c         the load pipeline: entry points, messages, key walk
 *   scenario_read.c    defaults and the reading of single keys
 *   scenario_check.c   checks that span keys: network, population, events
 *   scenario_set.c     --set PATH=VALUE edits of the JSON tree
 *   scenario_json.c    the resolved scenario as JSON, numbers printed exactly
 *   scenario_jsonschema.c  the key table as a JSON Schema (keys --json-schema)
 *   scenario_text.c    the rule for strings (UTF-8, no control characters,
 *                      no \u0000) and the safe display of bytes in messages
 *
 * Shared functions carry the prefix scn_ (scenario_ is the public API).
 */
#ifndef CRISIM_SCENARIO_INTERNAL_H
#define CRISIM_SCENARIO_INTERNAL_H

#include "scenario.h"

#include <cjson/cJSON.h>

#include <string.h>

/* Enums are stored through an int; C11 leaves an enum's compatible type to
 * the implementation, so insist that it has an int's size. */
_Static_assert(sizeof(enum net_model) == sizeof(int), "enum size");
_Static_assert(sizeof(enum event_kind) == sizeof(int), "enum size");
_Static_assert(sizeof(enum event_target) == sizeof(int), "enum size");
_Static_assert(sizeof(enum report_tone) == sizeof(int), "enum size");
_Static_assert(sizeof(enum brand_action) == sizeof(int), "enum size");
_Static_assert(sizeof(enum scct_strategy) == sizeof(int), "enum size");

/* Display paths ("events[2].tick") are built in PATHLEN-byte buffers; a
 * key longer than KEY_SHOWN bytes (only an unknown key can be) is shown by
 * its start and length, and messages show at most PATH_SHOWN bytes of any
 * other path (a --set argument), so a path of any length gives a message. */
#define PATHLEN 256
#define KEY_SHOWN 64
#define PATH_SHOWN 128
/* Largest integer n such that every integer in [0, n] is a double and no
 * larger integer text rounds down into the range: 2^53 itself is excluded
 * because "9007199254740993" parses to 2^53 and would be accepted silently. */
#define SEED_MAX 9007199254740991.0
#define U32_MAX_D 4294967295.0
#define NODES_MAX_D 4294967294.0  /* ids are uint32_t; one value kept free */

/* ------------------------------------------------------------------------
 * The schema: rows of the key table (scenario_schema.c).
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
	F_IF_AGENT = 1u << 5, /* event key present iff target is "agent" */
	F_MULTILINE = 1u << 6,/* T_STR: newline and tab allowed (written only
	                         where they are escaped: see scenario_text.c) */
	F_NODES2 = 1u << 7    /* upper bound nodes-2 (watts_strogatz k: the
	                         generator rewires a tie to a vertex not yet
	                         tied, so the ring cannot be complete) */
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
typedef enum status (*read_fn)(struct ctx *c, const struct key_row *r,
                               const cJSON *item, const char *disp,
                               bool from_set, void *base);
typedef enum status (*print_fn)(const struct key_row *r, const void *base,
                                cJSON *parent);
typedef enum status (*finish_fn)(struct ctx *c, const cJSON *obj,
                                 const char *disp, bool from_set);

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

/* The key table, in schema order (a row's parent row comes before it). */
extern const struct key_row scn_rows[];
extern const size_t scn_n_rows;

/* The key name of row r if r is a direct child of schema path `parent`
 * ("" = top level), else NULL. */
const char *scn_child_leaf(const struct key_row *r, const char *parent);
/* The row of key `key` directly under `parent`; NULL if there is none. */
const struct key_row *scn_find_row(const char *parent, const char *key);

static inline void *scn_field(void *base, const struct key_row *r)
{
	return (char *)base + r->offset;
}

static inline const void *scn_cfield(const void *base, const struct key_row *r)
{
	return (const char *)base + r->offset;
}

static inline void scn_store_enum(void *p, int v)
{
	memcpy(p, &v, sizeof v);
}

static inline int scn_load_enum(const void *p)
{
	int v;
	memcpy(&v, p, sizeof v);
	return v;
}

/* ------------------------------------------------------------------------
 * Load context and messages (scenario.c).
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
void scn_bprintf(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "LABEL: PATH: message", or "--set PATH: message" when the offending value
 * came from the command line.  Returns ST_BADINPUT. */
enum status scn_fail_at(struct ctx *c, const char *path, bool from_set,
                        const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* "expected WHAT, got <description of it>".  Returns ST_BADINPUT. */
enum status scn_fail_type(struct ctx *c, const char *path, bool from_set,
                          const char *what, const cJSON *it);
/* "LABEL: out of memory".  Returns ST_NOMEM. */
enum status scn_fail_nomem(struct ctx *c);
/* What a value is, for "got ..." in messages. */
void scn_describe(const cJSON *it, char *buf, size_t n);
/* "did you mean": the candidate closest to `word`, offered only when it is
 * actually close: an edit distance (insert, delete, substitute, swap two
 * neighbours) of at most max(1, len/3) and below len for a word of len
 * bytes, else the
 * one candidate that the word begins (at least 2 bytes: "barabasi" ->
 * "barabasi_albert").  Add the candidates in table order; ties go to the
 * first. */
struct suggest {
	const char *word;
	size_t len, max_d, best_d;
	const char *best;      /* closest within max_d so far */
	const char *prefix;    /* a candidate the word begins */
	size_t n_prefix;       /* how many candidates it begins */
};
void scn_suggest_init(struct suggest *sg, const char *word);
void scn_suggest_add(struct suggest *sg, const char *cand);
/* The suggestion, or NULL (none close, or the word is a candidate). */
const char *scn_suggest_best(const struct suggest *sg);
/* Whether `item` was put in the tree by --set; remembering one. */
bool scn_is_set(const struct ctx *c, const cJSON *item);
enum status scn_mark_set(struct ctx *c, const cJSON *item);
/* out = disp.key (PATHLEN bytes; a long key abbreviated), or key at the
 * top level. */
void scn_join_path(char *out, const char *disp, const char *key);

/* ------------------------------------------------------------------------
 * Text (scenario_text.c): the rule for strings and their display.
 */
/* ST_OK if `text` is UTF-8 without control characters (newline and tab
 * allowed if allow_nl_tab); else a message at `path` naming the first
 * offending byte and its offset. */
enum status scn_check_text(struct ctx *c, const char *path, bool from_set,
                           const char *text, bool allow_nl_tab);
/* The first \u0000 escape inside a string of JSON text (which must parse),
 * or NULL: cJSON would end the string there silently. */
const char *scn_find_nul_escape(const char *text);
/* At most `max` bytes of text into buf (n bytes, always terminated), with
 * control characters and bytes that are not UTF-8 shown as \xNN. */
void scn_show_text(char *buf, size_t n, const char *text, size_t max);

/* ------------------------------------------------------------------------
 * The other files' entry points.
 */
/* scenario_read.c: write the default of every row under `parent`
 * (recursively) into base; read every row under `parent` from `obj`
 * (NULL = absent), running the finish hooks of sections. */
enum status scn_set_defaults(const char *parent, void *base);
enum status scn_read_rows(struct ctx *c, const char *parent, const cJSON *obj,
                          void *base, const char *disp, bool from_set);

/* scenario_check.c: finish hooks and readers of custom rows. */
enum status scn_finish_network(struct ctx *c, const cJSON *obj,
                               const char *disp, bool from_set);
enum status scn_finish_script(struct ctx *c, const cJSON *obj,
                              const char *disp, bool from_set);
enum status scn_finish_population(struct ctx *c, const cJSON *obj,
                                  const char *disp, bool from_set);
enum status scn_read_sizes(struct ctx *c, const struct key_row *r,
                           const cJSON *item, const char *disp, bool from_set,
                           void *base);
enum status scn_read_events(struct ctx *c, const struct key_row *r,
                            const cJSON *item, const char *disp, bool from_set,
                            void *base);

enum status scn_read_topics(struct ctx *c, const struct key_row *r,
                            const cJSON *item, const char *disp, bool from_set,
                            void *base);
/* scenario_plan.c: the plan document (responder.plan.stakeholders,
 * messages, qa, escalation): readers and printers of its arrays. */
enum status scn_read_plan_groups(struct ctx *c, const struct key_row *r,
                                 const cJSON *item, const char *disp,
                                 bool from_set, void *base);
enum status scn_read_group_agents(struct ctx *c, const struct key_row *r,
                                  const cJSON *item, const char *disp,
                                  bool from_set, void *base);
enum status scn_read_plan_messages(struct ctx *c, const struct key_row *r,
                                   const cJSON *item, const char *disp,
                                   bool from_set, void *base);
enum status scn_read_message_topics(struct ctx *c, const struct key_row *r,
                                    const cJSON *item, const char *disp,
                                    bool from_set, void *base);
enum status scn_read_plan_qa(struct ctx *c, const struct key_row *r,
                             const cJSON *item, const char *disp,
                             bool from_set, void *base);
enum status scn_read_qa_topic(struct ctx *c, const struct key_row *r,
                              const cJSON *item, const char *disp,
                              bool from_set, void *base);
enum status scn_read_plan_levels(struct ctx *c, const struct key_row *r,
                                 const cJSON *item, const char *disp,
                                 bool from_set, void *base);
enum status scn_print_plan_groups(const struct key_row *r, const void *base,
                                  cJSON *parent);
enum status scn_print_group_agents(const struct key_row *r, const void *base,
                                   cJSON *parent);
enum status scn_print_plan_messages(const struct key_row *r, const void *base,
                                    cJSON *parent);
enum status scn_print_plan_qa(const struct key_row *r, const void *base,
                              cJSON *parent);
enum status scn_print_plan_levels(const struct key_row *r, const void *base,
                                  cJSON *parent);
enum status scn_print_nothing(const struct key_row *r, const void *base,
                              cJSON *parent);

/* scenario_set.c: apply one "PATH=VALUE" override to the tree. */
enum status scn_apply_set(struct ctx *c, cJSON *root, const char *arg);

/* scenario_json.c: a number as raw JSON text that reads back as exactly v
 * (integer: no fraction); NULL when out of memory.  Printers of custom
 * rows. */
cJSON *scn_exact_number(double v, bool integer);
enum status scn_print_sizes(const struct key_row *r, const void *base,
                            cJSON *parent);
enum status scn_print_events(const struct key_row *r, const void *base,
                             cJSON *parent);

#endif
