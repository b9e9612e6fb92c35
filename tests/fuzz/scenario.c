/* fuzz scenario — libFuzzer harness for the scenario loader and --set.
 *
 * Any byte string must load or fail with a message; never crash, leak or
 * trip a sanitizer.  The first line of the input, if it starts with "set:",
 * is used as a --set override.  Run with `make fuzz` (clang). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	const char *sets[1];
	size_t n_sets = 0;
	char *body = text;
	if (strncmp(text, "set:", 4) == 0) {
		char *nl = strchr(text, '\n');
		if (nl) {
			*nl = '\0';
			sets[n_sets++] = text + 4;
			body = nl + 1;
		}
	}
	struct scenario s;
	char err[SCN_ERRLEN];
	if (scenario_parse(&s, body, "fuzz", NULL, sets, n_sets, err) == ST_OK) {
		char *json = scenario_to_json(&s);
		free(json);
		spec_free(&s);
	} else if (strlen(err) == 0) {
		abort();  /* every failure explains itself */
	}
	free(text);
	return 0;
}
