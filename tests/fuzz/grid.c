/* fuzz grid — libFuzzer harness for grid files (--grid-file).
 * `make fuzz`. */
#define _GNU_SOURCE
#include <stdlib.h>

#include "memfile.h"
#include "scenario_grid.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char path[64], err[1024] = "";
	int fd = memfile(data, size, path);
	if (fd < 0)
		return 0;
	struct grid_axis *axes = NULL;
	size_t n = 0;
	enum status st = grid_file_read(path, &axes, &n, err, sizeof err);
	for (size_t i = 0; i < n; i++)
		grid_axis_free(&axes[i]);
	free(axes);
	if (st != ST_OK && !*err)
		abort();
	close(fd);
	return 0;
}
