#include "decisions.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grow.h"
#include "textfile.h"

#define type_names spec_reply_type_names

#define MAX_WORDS 8

/* Index of `w` in names: exact, or (loose) case-insensitive and any unique
 * prefix; -1 when none matches, -2 when several do. */
static int keyword(const char *w, const char *const *names, int loose)
{
	size_t len = strlen(w);
	int found = -1;
	for (int k = 0; names[k]; k++) {
		if (strcmp(w, names[k]) == 0)
			return k;
		if (!loose || len == 0)
			continue;
		if (strcasecmp(w, names[k]) == 0)
			return k;
		if (strncasecmp(w, names[k], len) == 0)
			found = found == -1 ? k : -2;
	}
	return found;
}

/* "a, b or c" of a names table, for messages. */
static void list_names(const char *const *names, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int k = 0; names[k] && used < len; k++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
		                         k == 0 ? "" : names[k + 1] ? ", " : " or ",
		                         names[k]);
}

static enum status bad_word(size_t *bad, size_t at, char *why, size_t whylen,
                            const char *what, const char *got)
{
	*bad = at;
	if (got)
		snprintf(why, whylen, "expected %s, got \"%s\"", what, got);
	else
		snprintf(why, whylen, "expected %s, got nothing", what);
	return ST_BADINPUT;
}

/* Keyword word w[at] of table `names`, described as `what`. */
static enum status want_keyword(const char *const *w, size_t n, size_t at,
                                const char *const *names, int loose,
                                const char *what, int *out, size_t *bad,
                                char *why, size_t whylen)
{
	char list[256], expect[320];
	list_names(names, list, sizeof list);
	snprintf(expect, sizeof expect, "%s (%s)", what, list);
	if (at >= n)
		return bad_word(bad, n, why, whylen, expect, NULL);
	int k = keyword(w[at], names, loose);
	if (k == -2)
		snprintf(expect, sizeof expect, "%s (%s; \"%s\" fits several)", what,
		         list, w[at]);
	if (k < 0)
		return bad_word(bad, at, why, whylen, expect, w[at]);
	*out = k;
	return ST_OK;
}

static int parse_u32(const char *w, uint32_t max, uint32_t *out)
{
	char *end;
	if (!isdigit((unsigned char)w[0]))
		return -1;
	errno = 0;
	unsigned long long v = strtoull(w, &end, 10);
	if (*end || errno || v > max)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* TYPE: reply types joined by '+', each at most once. */
static enum status parse_types(const char *w, int loose, unsigned *types)
{
	char buf[128];
	if (strlen(w) >= sizeof buf)
		return ST_BADINPUT;
	snprintf(buf, sizeof buf, "%s", w);
	*types = 0;
	char *save = NULL;
	for (char *t = strtok_r(buf, "+", &save); t; t = strtok_r(NULL, "+", &save)) {
		int k = keyword(t, type_names, loose);
		if (k < 0 || (*types & (1u << k)))
			return ST_BADINPUT;
		*types |= 1u << k;
	}
	return *types && w[strlen(w) - 1] != '+' && w[0] != '+' ? ST_OK
	                                                       : ST_BADINPUT;
}

/* REF: a key message id, then a Q&A topic (exact names: they are the
 * scenario's). */
static int parse_ref(const char *w, const struct scenario *s,
                     enum reply_ref *kind, uint32_t *ref)
{
	const struct responder_spec *r = &s->responder;
	for (uint32_t k = 0; k < r->plan.n_messages; k++)
		if (strcmp(r->plan.messages[k].id, w) == 0) {
			*kind = REF_MESSAGE;
			*ref = k;
			return 0;
		}
	for (uint32_t k = 0; r->plan.has_qa && k < r->plan.n_qa; k++)
		if (strcmp(s->topics[r->plan.qa[k].topic], w) == 0) {
			*kind = REF_QA;
			*ref = r->plan.qa[k].topic;
			return 0;
		}
	return -1;
}

static void ref_names(const struct scenario *s, char *buf, size_t len)
{
	const struct responder_spec *r = &s->responder;
	size_t used = (size_t)snprintf(buf, len, "a key message id of "
	                               "responder.plan.messages (");
	for (uint32_t k = 0; k < r->plan.n_messages && used < len; k++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", k ? ", " : "",
		                         r->plan.messages[k].id);
	if (used < len)
		used += (size_t)snprintf(buf + used, len - used, "%s) or a Q&A "
		                         "topic of responder.plan.qa (",
		                         r->plan.n_messages ? "" : "none");
	uint32_t nq = r->plan.has_qa ? r->plan.n_qa : 0;
	for (uint32_t k = 0; k < nq && used < len; k++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", k ? ", " : "",
		                         s->topics[r->plan.qa[k].topic]);
	if (used < len)
		snprintf(buf + used, len - used, "%s)", nq ? "" : "none");
}

enum status decision_parse(const char *const *w, size_t n,
                           const struct scenario *s, int loose, double minute,
                           struct decision *d, size_t *bad, char *why,
                           size_t whylen)
{
	enum status rc;
	int k;
	size_t used = 1;   /* words consumed, the action included */
	*d = (struct decision){ .minute = minute };
	if ((rc = want_keyword(w, n, 0, spec_decision_kind_names, loose,
	                       "an action", &k, bad, why, whylen)))
		return rc;
	d->kind = (enum decision_kind)k;
	switch (d->kind) {
	case DEC_REPLY: {
		if (n < 2)
			return bad_word(bad, n, why, whylen, "a rule (loudest, "
			                "largest_audience, oldest or an agent number)",
			                NULL);
		if (parse_u32(w[1], UINT32_MAX - 1, &d->agent) == 0) {
			d->rule = RULE_AGENT;
		} else {
			static const char *const rules[] = {
				"loudest", "largest_audience", "oldest", NULL
			};
			if ((rc = want_keyword(w, n, 1, rules, loose,
			                       "a rule or an agent number", &k, bad, why,
			                       whylen)))
				return rc;
			d->rule = (enum reply_rule)k;
		}
		if (n < 3)
			return bad_word(bad, n, why, whylen, "a reply type (thanks, "
			                "regret, corrective, info or private, or several "
			                "joined by '+')", NULL);
		if (parse_types(w[2], loose, &d->types))
			return bad_word(bad, 2, why, whylen, "a reply type (thanks, "
			                "regret, corrective, info or private, or "
			                "several different ones joined by '+')", w[2]);
		used = 3;
		if (n > 3 && w[3][0]) {
			if (parse_ref(w[3], s, &d->ref_kind, &d->ref)) {
				char refs[512];
				ref_names(s, refs, sizeof refs);
				return bad_word(bad, 3, why, whylen, refs, w[3]);
			}
			used = 4;
		}
		break;
	}
	case DEC_STATEMENT:
		if ((rc = want_keyword(w, n, 1, spec_scct_names, loose,
		                       "an SCCT strategy", &k, bad, why, whylen)))
			return rc;
		d->strategy = (enum scct_strategy)k;
		used = 2;
		break;
	case DEC_ACTION:
		if ((rc = want_keyword(w, n, 1, spec_brand_action_names, loose,
		                       "a brand action", &k, bad, why, whylen)))
			return rc;
		d->action = (enum brand_action)k;
		used = 2;
		d->strategy = SCCT_REBUILD;
		if (d->action == ACTION_STATEMENT) {
			if ((rc = want_keyword(w, n, 2, spec_scct_names, loose,
			                       "an SCCT strategy", &k, bad, why, whylen)))
				return rc;
			d->strategy = (enum scct_strategy)k;
			used = 3;
		}
		break;
	case DEC_CAPACITY:
		if (n < 2)
			return bad_word(bad, n, why, whylen, "a number of replies per "
			                "tick (an integer in [0, 100000])", NULL);
		if (parse_u32(w[1], 100000, &d->capacity))
			return bad_word(bad, 1, why, whylen, "a number of replies per "
			                "tick (an integer in [0, 100000])", w[1]);
		used = 2;
		break;
	case DEC_HOLDING:
	case DEC_WAIT:
	case DEC_COUNT:
		break;
	}
	for (size_t j = used; j < n; j++)
		if (w[j][0])
			return bad_word(bad, j, why, whylen, "nothing more", w[j]);
	return ST_OK;
}

int decisions_push(struct decision_list *l, const struct decision *d)
{
	struct decision *v = grow(l->v, &l->cap, l->n, sizeof *v, 16);
	if (!v)
		return -1;
	l->v = v;
	l->v[l->n++] = *d;
	return 0;
}

/* Split line [p, end) at tabs into words (pointers into buf), their
 * columns (1-based) in col. */
static size_t split_tabs(char *buf, size_t *col, char **w)
{
	size_t n = 0, c = 1;
	char *p = buf;
	for (;;) {
		if (n == MAX_WORDS) {
			col[n] = c;    /* too many: the caller reports this one */
			return n + 1;
		}
		w[n] = p;
		col[n++] = c;
		char *tab = strchr(p, '\t');
		if (!tab)
			return n;
		*tab = '\0';
		c += (size_t)(tab - p) + 1;
		p = tab + 1;
	}
}

static int parse_minute(const char *w, double *out)
{
	char *end;
	if (!w[0] || isspace((unsigned char)w[0]) || w[0] == '-' || w[0] == '+')
		return -1;
	errno = 0;
	double v = strtod(w, &end);
	if (*end || errno || !isfinite(v) || v < 0 || v > 1e9)
		return -1;
	*out = v;
	return 0;
}

enum status decisions_parse(const char *text, const char *label,
                            const struct scenario *s,
                            struct decision_list *out, char *err,
                            size_t errlen)
{
	const char *p = text;
	uint32_t line = 0;
	double last = 0.0;
	int header = 0;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		line++;
		char buf[1024];
		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (len >= sizeof buf) {
			snprintf(err, errlen, "%s:%u:1: expected a line of at most %zu "
			         "bytes, got %zu", label, line, sizeof buf - 1, len);
			return ST_BADINPUT;
		}
		memcpy(buf, p, len);
		buf[len] = '\0';
		p = eol ? eol + 1 : p + strlen(p);
		if (buf[0] == '#' || (header && len == 0))
			continue;
		char *w[MAX_WORDS + 1];
		size_t col[MAX_WORDS + 1];
		size_t n = split_tabs(buf, col, w);
		if (!header) {
			if (n < 2 || strcmp(w[0], "minute") || strcmp(w[1], "action")) {
				snprintf(err, errlen, "%s:%u:1: expected the header "
				         "\"minute<TAB>action<TAB>...\" of a decisions "
				         "file, got \"%.60s\"", label, line, buf);
				return ST_BADINPUT;
			}
			header = 1;
			continue;
		}
		if (n > MAX_WORDS) {
			snprintf(err, errlen, "%s:%u:%zu: expected at most %d columns, "
			         "got more", label, line, col[MAX_WORDS], MAX_WORDS);
			return ST_BADINPUT;
		}
		struct decision d;
		if (parse_minute(w[0], &d.minute)) {
			snprintf(err, errlen, "%s:%u:1: expected a minute (a number in "
			         "[0, 1e9]), got \"%.60s\"", label, line, w[0]);
			return ST_BADINPUT;
		}
		if (out->n && d.minute < last) {
			snprintf(err, errlen, "%s:%u:1: expected a minute at or after "
			         "the previous decision's (%.15g), got %.15g (decisions "
			         "are in time order)", label, line, last, d.minute);
			return ST_BADINPUT;
		}
		double minute = d.minute;
		size_t bad;
		char why[768];
		if (decision_parse((const char *const *)w + 1, n - 1, s, 0, minute,
		                   &d, &bad, why, sizeof why)) {
			size_t at = bad + 1 < n ? col[bad + 1]
			          : col[n - 1] + strlen(w[n - 1]) + 1;
			snprintf(err, errlen, "%s:%u:%zu: %s", label, line, at, why);
			return ST_BADINPUT;
		}
		d.line = line;
		last = minute;
		if (decisions_push(out, &d)) {
			snprintf(err, errlen, "out of memory reading %s", label);
			return ST_NOMEM;
		}
	}
	if (!header) {
		snprintf(err, errlen, "%s:1:1: expected the header "
		         "\"minute<TAB>action<TAB>...\", got an empty file", label);
		return ST_BADINPUT;
	}
	return ST_OK;
}

enum status decisions_read(const char *path, const struct scenario *s,
                           struct decision_list *out, char *err,
                           size_t errlen)
{
	char *text;
	size_t len;
	enum status st = textfile_read(path, &text, &len, err, errlen);
	if (st)
		return st;
	st = decisions_parse(text, path, s, out, err, errlen);
	free(text);
	return st;
}

void decision_format(const struct decision *d, const struct scenario *s,
                     char *buf, size_t len)
{
	char w[256];
	spec_decision_text(d, s, '\t', w, sizeof w);
	snprintf(buf, len, "%.15g\t%s\n", d->minute, w);
}

