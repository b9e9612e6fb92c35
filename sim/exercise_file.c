#include "exercise_file.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkpoint.h"
#include "output.h"
#include "textfile.h"

enum status exercise_meta_write(const char *dir, const struct exercise_meta *m,
                                const char *version, char *err, size_t errlen)
{
	struct out_file o;
	enum status st = output_open(&o, dir, EXERCISE_FILE, err, errlen);
	if (st)
		return st;
	fputs("{\n  \"crisim\": ", o.f);
	output_json_string(o.f, version);
	fputs(",\n  \"scenario\": ", o.f);
	output_json_string(o.f, m->scenario);
	fprintf(o.f, ",\n  \"fingerprint\": \"%016" PRIx64 "\",\n  \"sets\": [",
	        m->fingerprint);
	for (size_t k = 0; k < m->n_sets; k++) {
		fputs(k ? ", " : "", o.f);
		output_json_string(o.f, m->sets[k]);
	}
	fprintf(o.f, "],\n  \"seed\": %" PRIu64 ",\n  \"run\": %" PRIu64 ",\n"
	        "  \"every\": %.17g,\n  \"decisions\": \"%s\"\n}\n", m->seed, m->run,
	        m->every, EXERCISE_DECISIONS);
	return output_commit(&o, err, errlen);
}

void exercise_meta_free(struct exercise_meta *m)
{
	free(m->scenario);
	for (size_t k = 0; k < m->n_sets; k++)
		free(m->sets[k]);
	free(m->sets);
	memset(m, 0, sizeof *m);
}

/* An integer of a JSON number in [0, 2^53). */
static int whole(const cJSON *it, uint64_t *out)
{
	if (!cJSON_IsNumber(it) || it->valuedouble < 0 ||
	    it->valuedouble >= 9007199254740992.0 ||
	    it->valuedouble != floor(it->valuedouble))
		return -1;
	*out = (uint64_t)it->valuedouble;
	return 0;
}

enum status exercise_meta_read(const char *dir, struct exercise_meta *m,
                               char *err, size_t errlen)
{
	char path[4096];
	char *text;
	size_t len;
	memset(m, 0, sizeof *m);
	snprintf(path, sizeof path, "%s/%s", dir, EXERCISE_FILE);
	enum status st = textfile_read(path, &text, &len, err, errlen);
	if (st)
		return st;
	cJSON *root = cJSON_Parse(text);
	free(text);
	const char *bad = NULL, *want = NULL;
	const cJSON *it;
	if (!root || !cJSON_IsObject(root)) {
		bad = "(the file)";
		want = "a JSON object as crisim exercise writes it";
		goto fail;
	}
	it = cJSON_GetObjectItemCaseSensitive(root, "scenario");
	if (!cJSON_IsString(it) || it->valuestring[0] != '/') {
		bad = "scenario";
		want = "the scenario's absolute path";
		goto fail;
	}
	if (!(m->scenario = strdup(it->valuestring)))
		goto nomem;
	it = cJSON_GetObjectItemCaseSensitive(root, "fingerprint");
	char *end = NULL;
	/* exactly 16 hexadecimal digits: strtoull alone would take a sign,
	 * a 0x or leading blanks */
	if (cJSON_IsString(it) && strlen(it->valuestring) == 16 &&
	    strspn(it->valuestring, "0123456789abcdefABCDEF") == 16)
		m->fingerprint = strtoull(it->valuestring, &end, 16);
	if (!end || *end) {
		bad = "fingerprint";
		want = "16 hexadecimal digits";
		goto fail;
	}
	it = cJSON_GetObjectItemCaseSensitive(root, "sets");
	if (!cJSON_IsArray(it)) {
		bad = "sets";
		want = "an array of PATH=VALUE strings";
		goto fail;
	}
	size_t n = (size_t)cJSON_GetArraySize(it);
	if (n && !(m->sets = calloc(n, sizeof *m->sets)))
		goto nomem;
	const cJSON *el;
	cJSON_ArrayForEach(el, it) {
		if (!cJSON_IsString(el)) {
			bad = "sets";
			want = "an array of PATH=VALUE strings";
			goto fail;
		}
		if (!(m->sets[m->n_sets++] = strdup(el->valuestring)))
			goto nomem;
	}
	if (whole(cJSON_GetObjectItemCaseSensitive(root, "seed"), &m->seed)) {
		bad = "seed";
		want = "an integer in [0, 2^53-1]";
		goto fail;
	}
	if (whole(cJSON_GetObjectItemCaseSensitive(root, "run"), &m->run)) {
		bad = "run";
		want = "an integer in [0, 2^53-1]";
		goto fail;
	}
	it = cJSON_GetObjectItemCaseSensitive(root, "every");
	if (!cJSON_IsNumber(it) || !(it->valuedouble >= 1) ||
	    it->valuedouble > 1e7) {
		bad = "every";
		want = "a number of minutes in [1, 1e7]";
		goto fail;
	}
	m->every = it->valuedouble;
	cJSON_Delete(root);
	return ST_OK;

fail:
	snprintf(err, errlen, "%s: %s: expected %s", path, bad, want);
	cJSON_Delete(root);
	exercise_meta_free(m);
	return ST_BADINPUT;
nomem:
	snprintf(err, errlen, "%s: out of memory", path);
	cJSON_Delete(root);
	exercise_meta_free(m);
	return ST_NOMEM;
}

enum status exercise_load(const char *dir, const struct exercise_meta *m,
                          struct scenario *s, char *err, size_t errlen)
{
	uint64_t h;
	enum status st = checkpoint_hash_file(m->scenario, &h, err, errlen);
	memset(s, 0, sizeof *s);
	if (st)
		return st;
	if (h != m->fingerprint) {
		snprintf(err, errlen, "%s: changed since the exercise in %s began "
		         "(fingerprint %016" PRIx64 ", recorded %016" PRIx64 "): its "
		         "decisions would not replay", m->scenario, dir, h,
		         m->fingerprint);
		return ST_BADINPUT;
	}
	const char **sets = calloc(m->n_sets + 2, sizeof *sets);
	size_t flen = strlen(dir) + sizeof EXERCISE_DECISIONS + 32;
	char *file = malloc(flen);
	if (!sets || !file) {
		free(sets);
		free(file);
		snprintf(err, errlen, "out of memory");
		return ST_NOMEM;
	}
	for (size_t k = 0; k < m->n_sets; k++)
		sets[k] = m->sets[k];
	snprintf(file, flen, "responder.script.file=%s/%s", dir, EXERCISE_DECISIONS);
	sets[m->n_sets] = "responder.strategy=script";
	sets[m->n_sets + 1] = file;
	char e[SCN_ERRLEN];
	st = scenario_load(s, m->scenario, sets, m->n_sets + 2, e);
	free(sets);
	free(file);
	if (st) {
		snprintf(err, errlen, "%s", e);
		return st;
	}
	s->seed = m->seed;
	return ST_OK;
}
