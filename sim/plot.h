/* plot — the gnuplot driver behind `crisim plot DIR`.
 *
 * Looks at what an output directory holds (a run, an ensemble, a
 * comparison, a sweep), runs the matching gnuplot scripts on it and writes
 * their PNG and SVG next to the inputs, each through a temporary file and
 * a rename so a failed gnuplot never leaves a half-written plot.
 */
#ifndef CRISIM_PLOT_H
#define CRISIM_PLOT_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* Draw every plot whose input file is in dir, saying on stderr which file
 * it wrote ("crisim: wrote DIR/board.png", one line a file) unless quiet.  ST_OK; ST_BADINPUT (nothing
 * to plot, or a directory name gnuplot cannot be given); ST_RUNTIME (no
 * scripts directory, gnuplot missing or failing), with a one-line message
 * in err. */
enum status plot_dir(const char *dir, bool quiet, char *err, size_t errlen);

/* The same for the one kind of plot named by its script (only: e.g.
 * "sensitivity"), NULL for all. */
enum status plot_dir_only(const char *dir, const char *only, bool quiet,
                          char *err, size_t errlen);

#endif
