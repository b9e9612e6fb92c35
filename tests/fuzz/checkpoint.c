/* fuzz checkpoint — libFuzzer harness for the checkpoint reader.
 *
 * The input is the one part of a checkpoint directory.  So that mutations
 * reach past the header, the batch it is read for takes its fingerprint
 * and item count (capped) from the header's own fields.  A part must be
 * read whole or refused with a message naming it; never crash or read out
 * of bounds.  `make fuzz`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch_exec.h"
#include "checkpoint.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static char dir[] = "/tmp/crisim-fuzz-ckpt-XXXXXX";

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static int made;
	if (!made) {
		if (!mkdtemp(dir))
			abort();
		made = 1;
	}
	char part[sizeof dir + 32];
	snprintf(part, sizeof part, "%s/part-000000.bin", dir);
	FILE *f = fopen(part, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	uint64_t fingerprint = 0, items = 16;
	if (size >= 40) {
		memcpy(&fingerprint, data + 24, 8);
		memcpy(&items, data + 32, 8);
		if (items == 0 || items > 4096)
			items = 16;
	}
	struct batch_results r;
	char err[1024] = "";
	unsigned next = 0;
	if (batch_results_init(&r, (size_t)items) == ST_OK &&
	    checkpoint_read(dir, fingerprint, &r, &next, err, sizeof err) != ST_OK &&
	    !*err)
		abort();
	batch_results_free(&r);
	return 0;
}
