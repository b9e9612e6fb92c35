/* decisions — the decisions file of responder.strategy "script": what the
 * brand does and when, one decision a line (README, "Decisions files").
 *
 *   minute<TAB>action<TAB>what<TAB>how<TAB>ref
 *   # a comment
 *   60	statement	rebuild
 *   65	reply	loudest	regret+corrective	safety
 *
 * The same words, without the minute, are the commands of an exercise
 * (sim/exercise.c), so both go through decision_parse.
 */
#ifndef CRISIM_DECISIONS_H
#define CRISIM_DECISIONS_H

#include <stddef.h>

#include "spec.h"
#include "status.h"

/* The header line a decisions file starts with (the exercise writes it). */
#define DECISIONS_HEADER "minute\taction\twhat\thow\tref"

/* Words w[0..n) (w[0] the action) as a decision of scenario s at `minute`.
 * `loose`: keywords may be any unique prefix, in any case (the exercise's
 * forgiving commands); else exact (files).  ST_OK, or ST_BADINPUT with
 * *bad the index of the offending word (n when one is missing) and a
 * message "expected ..., got ..." in why. */
enum status decision_parse(const char *const *w, size_t n,
                           const struct scenario *s, int loose, double minute,
                           struct decision *d, size_t *bad, char *why,
                           size_t whylen);

/* The text of decisions file `label` into *out (appended), for scenario s
 * (its plan's messages and Q&A name the REFs).  ST_OK, or ST_BADINPUT with
 * "FILE:LINE:COLUMN: ..." in err, or ST_NOMEM. */
enum status decisions_parse(const char *text, const char *label,
                            const struct scenario *s,
                            struct decision_list *out, char *err,
                            size_t errlen);

/* Read and parse decisions file `path` (textfile_read). */
enum status decisions_read(const char *path, const struct scenario *s,
                           struct decision_list *out, char *err,
                           size_t errlen);

/* Append one decision; 0, or -1 when out of memory. */
int decisions_push(struct decision_list *l, const struct decision *d);

/* Decision d as one line of a decisions file, newline included, into buf
 * (truncated to len).  The line parses back to d. */
void decision_format(const struct decision *d, const struct scenario *s,
                     char *buf, size_t len);


#endif
