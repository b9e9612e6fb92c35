/* fuzz edgelist — libFuzzer harness for the edge-list reader.
 *
 * Any byte string read as an edge list (directed when its size is odd)
 * must build a valid graph or fail with a message: never crash, leak, trip
 * a sanitizer, or allocate beyond libFuzzer's limit (memory follows the
 * input, not the largest id).  `make fuzz`. */
#define _GNU_SOURCE
#include <stdlib.h>

#include "graph.h"
#include "memfile.h"
#include "netio.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char path[64], err[512] = "";
	int fd = memfile(data, size, path);
	if (fd < 0)
		return 0;
	struct graph g;
	struct net_report rep;
	if (netio_read_edgelist(path, size & 1, &g, &rep, err, sizeof err) == ST_OK) {
		if (!graph_valid(&g))
			abort();
		graph_free(&g);
	} else if (!*err) {
		abort();  /* every failure explains itself */
	}
	close(fd);
	return 0;
}
