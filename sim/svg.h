/* svg — inline SVG drawn by crisim itself (the debrief page, debrief.h):
 * text escaped for HTML and XML, and a plot frame that maps data to
 * pixels with axes and round tick values.  Writes to a FILE * it is given
 * (an output.h temporary); styles are CSS classes the page defines, so
 * that colours and the print stylesheet live in one place.
 */
#ifndef CRISIM_SVG_H
#define CRISIM_SVG_H

#include <stddef.h>
#include <stdio.h>

/* s with & < > " ' as character references: safe in HTML text, in SVG
 * text and in a quoted attribute.  NULL writes nothing. */
void xml_escape(FILE *f, const char *s);

/* A plot area: the pixel rectangle (x, y, w, h) of the SVG and the data
 * ranges x0..x1, y0..y1 it shows (x1 > x0, y1 > y0). */
struct svg_frame {
	double x, y, w, h;
	double x0, x1, y0, y1;
};

double svg_px(const struct svg_frame *fr, double x);
double svg_py(const struct svg_frame *fr, double y);

/* A round step (1, 2 or 5 times a power of ten) giving about `target`
 * intervals over `range` (> 0). */
double svg_step(double range, int target);

/* Widen [*lo, *hi] to multiples of a round step (about `target`
 * intervals), so that no value inside it is drawn on the frame's edge;
 * an empty range becomes one step wide. */
void svg_nice_range(double *lo, double *hi, int target);

/* The frame, its grid lines and tick labels (class "axis", "grid"; the
 * y ones only with yticks), the x label under it and the y label above
 * its top-left corner (NULL: none). */
void svg_axes(FILE *f, const struct svg_frame *fr, const char *xlabel,
              const char *ylabel, int yticks);

/* A line through (x[i], y[i]), i < n, of CSS class cls; NaN points break
 * the line. */
void svg_polyline(FILE *f, const struct svg_frame *fr, const double *x,
                  const double *y, size_t n, const char *cls);

#endif
