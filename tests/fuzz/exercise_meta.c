/* fuzz exercise_meta — libFuzzer harness for reading DIR/exercise.json.
 *
 * exercise_meta_read takes a directory, so each input is written as
 * exercise.json in one private directory (made once, removed at exit).
 * Only the file is read: the scenario it names is not loaded
 * (exercise_load, which hashes and loads a real scenario file, is the
 * scenario harness's business).  Any byte string must give a meta that
 * holds what the reader promises and that exercise_meta_write writes back
 * to the same, or fail with a message: never crash, leak or trip a
 * sanitizer.  `make fuzz`. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exercise_file.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static char dir[64], file[96];

static void cleanup(void)
{
	unlink(file);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (!*dir) {
		const char *tmp = getenv("TMPDIR");
		snprintf(dir, sizeof dir, "%s/crisim-fuzz-XXXXXX",
		         tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
		if (!mkdtemp(dir))
			abort();
		snprintf(file, sizeof file, "%s/%s", dir, EXERCISE_FILE);
		atexit(cleanup);
	}
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		abort();
	for (size_t off = 0; off < size;) {
		ssize_t k = write(fd, data + off, size - off);
		if (k <= 0)
			abort();
		off += (size_t)k;
	}
	close(fd);
	struct exercise_meta m;
	char err[512] = "";
	if (exercise_meta_read(dir, &m, err, sizeof err) == ST_OK) {
		if (!m.scenario || m.scenario[0] != '/' ||
		    (m.n_sets && !m.sets) || !(m.every > 0 && m.every <= 1e7) ||
		    m.seed >= (1ull << 53) || m.run >= (1ull << 53))
			abort();
		for (size_t k = 0; k < m.n_sets; k++)
			if (!m.sets[k])
				abort();
		/* What exercise_meta_write writes of it reads back the same. */
		struct exercise_meta again;
		if (exercise_meta_write(dir, &m, "fuzz", err, sizeof err) != ST_OK ||
		    exercise_meta_read(dir, &again, err, sizeof err) != ST_OK ||
		    strcmp(m.scenario, again.scenario) != 0 ||
		    m.fingerprint != again.fingerprint || m.n_sets != again.n_sets ||
		    m.seed != again.seed || m.run != again.run ||
		    m.every != again.every)
			abort();
		for (size_t k = 0; k < m.n_sets; k++)
			if (strcmp(m.sets[k], again.sets[k]) != 0)
				abort();
		exercise_meta_free(&again);
		exercise_meta_free(&m);
	} else if (!*err) {
		abort();  /* every failure explains itself */
	}
	return 0;
}
