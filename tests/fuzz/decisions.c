/* fuzz decisions — libFuzzer harness for the decisions file reader.
 *
 * Any byte string read as a decisions file, against one fixed scenario
 * whose plan has key messages and a Q&A (so REF words name something),
 * must parse into decisions in time order or fail with a message: never
 * crash, leak or trip a sanitizer.  `make fuzz`. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "decisions.h"
#include "memfile.h"
#include "scenario.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* Small, and parsed only: no graph is built.  "refund" is both a key
 * message and a Q&A topic (the message wins), "delay" a Q&A topic only. */
static const char scenario_json[] =
	"{\"name\": \"fuzz-decisions\", \"seed\": 1, \"ticks\": 24,"
	" \"tick_minutes\": 5,"
	" \"network\": {\"model\": \"barabasi_albert\", \"nodes\": 50, \"m\": 2},"
	" \"events\": [{\"tick\": 1, \"type\": \"incident\", \"count\": 1,"
	"   \"crisis\": \"accidental\", \"topics\": ["
	"   {\"topic\": \"fault\", \"weight\": 0.5},"
	"   {\"topic\": \"refund\", \"weight\": 0.3},"
	"   {\"topic\": \"delay\", \"weight\": 0.2}]}],"
	" \"responder\": {\"strategy\": \"plan\", \"plan\": {"
	"   \"messages\": ["
	"     {\"id\": \"sorry\", \"strategy\": \"rebuild\", \"topics\": [\"fault\"]},"
	"     {\"id\": \"refund\", \"strategy\": \"diminish\", \"topics\": [\"refund\"]}],"
	"   \"qa\": [{\"topic\": \"fault\"}, {\"topic\": \"refund\"},"
	"          {\"topic\": \"delay\"}]}}}";

static struct scenario scn;

static void load_once(void)
{
	static int loaded;
	if (loaded)
		return;
	char err[SCN_ERRLEN];
	if (scenario_parse(&scn, scenario_json, "fuzz-decisions", NULL, NULL, 0,
	                   err) != ST_OK || scn.responder.plan.n_messages != 2 ||
	    !scn.responder.plan.has_qa || scn.responder.plan.n_qa != 3)
		abort();  /* the harness's own scenario must load */
	loaded = 1;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	load_once();
	char path[64], err[1024] = "";
	int fd = memfile(data, size, path);
	if (fd < 0)
		return 0;
	struct decision_list l = { 0 };
	if (decisions_read(path, &scn, &l, err, sizeof err) == ST_OK) {
		for (size_t k = 0; k < l.n; k++) {
			const struct decision *d = &l.v[k];
			if (!(d->minute >= 0 && d->minute <= 1e9) ||
			    (k && d->minute < l.v[k - 1].minute))
				abort();  /* minutes in [0, 1e9], in time order */
			/* Every decision reads back as itself. */
			char line[512], again[512];
			decision_format(d, &scn, line, sizeof line);
			struct decision_list m = { 0 };
			char text[600];
			snprintf(text, sizeof text, "%s\n%s", DECISIONS_HEADER, line);
			if (decisions_parse(text, "again", &scn, &m, err, sizeof err) ||
			    m.n != 1)
				abort();
			decision_format(&m.v[0], &scn, again, sizeof again);
			free(m.v);
			if (strcmp(line, again) != 0)
				abort();
		}
	} else if (!*err) {
		abort();  /* every failure explains itself */
	}
	free(l.v);
	close(fd);
	return 0;
}
