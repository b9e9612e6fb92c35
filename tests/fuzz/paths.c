/* fuzz paths — libFuzzer harness for --set and --grid arguments.
 *
 * The input, as one string, is applied to a scenario as `--set INPUT` and
 * parsed as a `--grid INPUT` spec: either works or fails with a message.
 * `make fuzz`. */
#include <stdlib.h>
#include <string.h>

#include "scenario.h"
#include "scenario_grid.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *arg = malloc(size + 1);
	if (!arg)
		return 0;
	memcpy(arg, data, size);
	arg[size] = '\0';
	const char *sets[1] = { arg };
	struct scenario s;
	char err[SCN_ERRLEN] = "";
	if (scenario_parse(&s, "{\"network\": {\"nodes\": 50}}", "fuzz", NULL, sets,
	                   1, err) == ST_OK)
		spec_free(&s);
	else if (!*err)
		abort();
	struct grid_axis ax;
	char gerr[1024] = "";
	if (grid_axis_parse(arg, &ax, gerr, sizeof gerr) == ST_OK)
		grid_axis_free(&ax);
	else if (!*gerr)
		abort();
	free(arg);
	return 0;
}
