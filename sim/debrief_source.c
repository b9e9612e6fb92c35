#include "debrief_source.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textfile.h"

/* PROVISIONAL: reads the exercise.json layout agreed in the briefs until
 * sim/exercise.c provides its reader. */
static enum status bad(char *err, size_t errlen, const char *file, const char *key,
                       const char *what)
{
	snprintf(err, errlen, "%s: %s: expected %s", file, key, what);
	return ST_BADINPUT;
}

enum status debrief_source_read(const char *dir, struct debrief_source *src,
                                char *err, size_t errlen)
{
	*src = (struct debrief_source){ 0 };
	char file[PATH_MAX];
	snprintf(file, sizeof file, "%s/exercise.json", dir);
	char *text;
	size_t len;
	enum status st = textfile_read(file, &text, &len, err, errlen);
	if (st)
		return st;
	cJSON *root = cJSON_Parse(text);
	free(text);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return bad(err, errlen, file, "(top)", "a JSON object");
	}
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "scenario");
	st = ST_BADINPUT;
	if (!cJSON_IsString(v)) {
		bad(err, errlen, file, "scenario", "the scenario's path as a string");
		goto fail;
	}
	src->scenario = strdup(v->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(root, "fingerprint");
	char *end = NULL;
	if (cJSON_IsString(v))
		src->hash = strtoull(v->valuestring, &end, 16);
	if (!end || *end || end == v->valuestring) {
		bad(err, errlen, file, "fingerprint", "16 hexadecimal digits");
		goto fail;
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "sets");
	if (v && !cJSON_IsArray(v)) {
		bad(err, errlen, file, "sets", "an array of PATH=VALUE strings");
		goto fail;
	}
	int n = v ? cJSON_GetArraySize(v) : 0;
	src->sets = calloc((size_t)n + 1, sizeof *src->sets);
	for (int i = 0; i < n && src->sets; i++) {
		const cJSON *e = cJSON_GetArrayItem(v, i);
		if (!cJSON_IsString(e)) {
			bad(err, errlen, file, "sets", "an array of PATH=VALUE strings");
			goto fail;
		}
		src->sets[src->n_sets++] = strdup(e->valuestring);
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "seed");
	if (cJSON_IsNumber(v)) {
		src->have_seed = true;
		src->seed = (uint64_t)v->valuedouble;
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "run");
	if (cJSON_IsNumber(v))
		src->run = (uint64_t)v->valuedouble;
	v = cJSON_GetObjectItemCaseSensitive(root, "every");
	if (cJSON_IsNumber(v))
		src->every = v->valuedouble;
	cJSON_Delete(root);
	return ST_OK;
fail:
	cJSON_Delete(root);
	debrief_source_free(src);
	return st;
}

void debrief_source_free(struct debrief_source *src)
{
	free(src->scenario);
	for (size_t i = 0; i < src->n_sets; i++)
		free(src->sets[i]);
	free(src->sets);
	*src = (struct debrief_source){ 0 };
}
