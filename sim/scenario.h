/* scenario — the loader: the only module that reads JSON.
 *
 * A scenario file is parsed, checked against a table of keys (type, bounds,
 * default), overridden by `--set PATH=VALUE` strings, and turned into the
 * plain C struct scenario of spec.h (which the rooms below include instead
 * of this header).  Nothing past this module sees cJSON.  Every key has
 * a default, so "{}" is a valid scenario.
 *
 * Errors are reported as one line in the caller's buffer, in the form
 *   FILE: JSON.PATH: expected WHAT, got FOUND
 * (FILE: line L, column C: ... for syntax errors) and the call returns
 * ST_BADINPUT; nothing is half-loaded.  When the offending value came
 * from a --set override, the message starts "--set JSON.PATH: " instead.
 * The keys, their bounds and defaults are one table in scenario_schema.c.
 * Every string loaded is UTF-8 without control characters (description
 * may hold newline and tab): scenario_text.c gives the rule and why.
 */
#ifndef CRISIM_SCENARIO_H
#define CRISIM_SCENARIO_H

#include <stddef.h>

#include "spec.h"
#include "status.h"

/* Size of the caller's message buffer of every function below. */
#define SCN_ERRLEN 512

/* Load `path` ("-" reads stdin, "<stdin>" in messages), apply the `n_sets`
 * overrides "PATH=VALUE" in order, validate, and fill *s.  PATH is keys
 * joined by '.', array indices as "[i]" or ".i"; missing objects on the way
 * are created, an index past the end is an error.  VALUE is read as JSON
 * when it parses completely as JSON, else as a string; a JSON null removes
 * the key (its default applies).  Returns ST_OK, ST_BADINPUT, ST_IO
 * (unreadable file) or ST_NOMEM.  On error *s is all zeros (safe to
 * spec_free) and err holds the message; on success the caller frees *s
 * with spec_free.  Not thread-safe only in that cJSON's parser writes a
 * process-wide error position; load before starting runs. */
enum status scenario_load(struct scenario *s, const char *path,
                          const char *const *sets, size_t n_sets,
                          char err[SCN_ERRLEN]);

/* The same from a string already in memory; `label` names it in errors and
 * `base_dir` resolves relative network files (NULL = current directory). */
enum status scenario_parse(struct scenario *s, const char *text,
                           const char *label, const char *base_dir,
                           const char *const *sets, size_t n_sets,
                           char err[SCN_ERRLEN]);

/* The resolved scenario, every default filled in, as pretty JSON with keys
 * in schema order; network keys only of the chosen model (file: "file" and
 * "directed"), output.dir only when set, events[].agent only for target
 * "agent".  Numbers print exactly, so loading the text gives an equal
 * struct.  The caller frees the string with free().  NULL when out of
 * memory. */
char *scenario_to_json(const struct scenario *s);

/* The key table as a JSON Schema (draft 2020-12) for editors: every key
 * with its type, static bounds, enum names, default and description;
 * unknown keys refused as the loader refuses them.  Pretty JSON; the caller
 * frees it with free().  NULL when out of memory, or when a custom row of
 * the key table has no schema in scenario_jsonschema.c (a programming
 * error: tests/jsonschema.sh fails on it). */
char *scenario_json_schema(void);

/* The key table, for documentation and its consistency test: key i's JSON
 * path ("events[].tick"), type name, valid values (may be "") and one-line
 * doc (meaning and default).  -1 past the end. */
size_t scenario_key_count(void);
int scenario_key_info(size_t i, const char **path, const char **type,
                      const char **values, const char **doc);

#endif
