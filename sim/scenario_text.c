/* scenario_text — the rule for text in scenario files, and the safe display
 * of any bytes in messages.
 *
 * The rule (issue 13 item 8: one rule, applied at load): every string value
 * is UTF-8, and holds no control character (U+0000..U+001F, U+007F), except
 * that "description" may hold newline and tab.  Strings are copied into
 * outputs that cannot carry those bytes: the name into the "# scenario:"
 * lines of series.tsv, events.tsv and ensemble.tsv (a newline there starts
 * a non-comment line before the header), every string into manifest.json,
 * which strict JSON readers refuse when it is not UTF-8.  The description
 * is written only into manifest.json, where cJSON escapes newline and tab.
 * A \u0000 escape is refused before cJSON sees the text: cJSON would end the
 * string there silently.
 *
 * Messages show the user's bytes through scn_show_text, so that a control
 * character or a stray byte in a key or value cannot break the one-line
 * message or make it invalid UTF-8 itself.
 */
#include "scenario_internal.h"

#include <stdio.h>
#include <string.h>

/* Length of the well-formed UTF-8 sequence at p (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or 0 if there is none;
 * *cp receives its code point. */
static size_t utf8_seq(const unsigned char *p, unsigned long *cp)
{
	size_t n;
	unsigned long v, min;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		v = p[0] & 0x1fu;
		min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		v = p[0] & 0x0fu;
		min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		v = p[0] & 0x07u;
		min = 0x10000;
	} else {
		return 0;  /* a continuation byte, 0xc0, 0xc1 or 0xf5..0xff */
	}
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0u) != 0x80)
			return 0;  /* also stops at the terminating NUL */
		v = v << 6 | (p[i] & 0x3fu);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

static bool is_control(unsigned long cp)
{
	return cp < 0x20 || cp == 0x7f;
}

static const char *control_name(unsigned long cp)
{
	switch (cp) {
	case '\n': return " (newline)";
	case '\t': return " (tab)";
	case '\r': return " (carriage return)";
	case 0x7f: return " (delete)";
	default:   return "";
	}
}

enum status scn_check_text(struct ctx *c, const char *path, bool from_set,
                           const char *text, bool allow_nl_tab)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t off = 0;

	while (p[off]) {
		unsigned long cp;
		size_t n = utf8_seq(p + off, &cp);

		if (n == 0)
			return scn_fail_at(c, path, from_set, "expected UTF-8 text, "
			                   "got the byte 0x%02x at offset %zu",
			                   (unsigned)p[off], off);
		if (is_control(cp) && !(allow_nl_tab && (cp == '\n' || cp == '\t')))
			return scn_fail_at(c, path, from_set, "expected text without "
			                   "control characters%s, got U+%04lX%s at "
			                   "offset %zu", allow_nl_tab ? " other than "
			                   "newline and tab" : "", cp, control_name(cp),
			                   off);
		off += n;
	}
	return ST_OK;
}

const char *scn_find_nul_escape(const char *text)
{
	bool in_string = false;

	for (const char *q = text; *q; q++) {
		if (!in_string) {
			in_string = *q == '"';
		} else if (*q == '"') {
			in_string = false;
		} else if (*q == '\\') {
			if (q[1] == 'u' && strncmp(q + 2, "0000", 4) == 0)
				return q;
			if (q[1])
				q++;  /* the escaped character, '"' and '\\' included */
		}
	}
	return NULL;
}

void scn_show_text(char *buf, size_t n, const char *text, size_t max)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t used = 0, off = 0;

	if (n == 0)
		return;
	buf[0] = '\0';
	while (p[off] && off < max) {
		unsigned long cp;
		size_t len = utf8_seq(p + off, &cp);
		char piece[8];
		size_t pl;

		if (len == 0 || is_control(cp)) {
			snprintf(piece, sizeof piece, "\\x%02x", (unsigned)p[off]);
			len = 1;
		} else {
			memcpy(piece, p + off, len);
			piece[len] = '\0';
		}
		pl = strlen(piece);
		if (used + pl + 1 > n)
			break;
		memcpy(buf + used, piece, pl + 1);
		used += pl;
		off += len;
	}
}
