/* textfile — the one reader of input files (scenarios, grid files, and any
 * other text crisim reads whole).
 *
 * A file is read whole into memory, NUL-terminated.  An embedded NUL byte
 * is an error naming its line and column (a C string would silently end
 * there), and so is a file larger than the cap, so that /dev/zero or a
 * runaway pipe cannot exhaust memory.
 */
#ifndef CRISIM_TEXTFILE_H
#define CRISIM_TEXTFILE_H

#include <stddef.h>

#include "status.h"

/* Largest input textfile_read accepts by default: 64 MiB, far beyond any
 * scenario or grid file; CRISIM_MAX_INPUT (bytes) overrides it. */
#define TEXTFILE_MAX ((size_t)64 << 20)

/* Read `path` ("-": standard input, "<stdin>" in messages) into *text
 * (owned by the caller, free with free()), its length without the
 * terminator in *len.  Returns ST_OK; ST_IO (cannot open or read),
 * ST_BADINPUT (a NUL byte, or more than the cap) or ST_NOMEM, with a
 * message "FILE: ..." in err and *text NULL. */
enum status textfile_read(const char *path, char **text, size_t *len,
                          char *err, size_t errlen);

/* The cap in force: CRISIM_MAX_INPUT when set to a positive integer, else
 * TEXTFILE_MAX. */
size_t textfile_max(void);

/* Line and column (from 1) of byte `at` of text. */
void textfile_position(const char *text, const char *at,
                       unsigned long *line, unsigned long *col);

#endif
