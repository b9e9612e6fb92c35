/* memfile — a fuzz input as a file path, for readers that take a path.
 *
 * The bytes go into an anonymous memory file (memfd_create), named by
 * /proc/self/fd/N: no disk, nothing left behind, one per input. */
#ifndef CRISIM_FUZZ_MEMFILE_H
#define CRISIM_FUZZ_MEMFILE_H

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

/* Fill path (64 bytes) and return the fd to close, or -1. */
static inline int memfile(const unsigned char *data, size_t size, char path[64])
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	for (size_t off = 0; off < size;) {
		ssize_t k = write(fd, data + off, size - off);
		if (k <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)k;
	}
	snprintf(path, 64, "/proc/self/fd/%d", fd);
	return fd;
}

#endif
