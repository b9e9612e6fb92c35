#include "svg.h"

#include <math.h>

void xml_escape(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
	}
}

double svg_px(const struct svg_frame *fr, double x)
{
	return fr->x + (x - fr->x0) / (fr->x1 - fr->x0) * fr->w;
}

double svg_py(const struct svg_frame *fr, double y)
{
	return fr->y + fr->h - (y - fr->y0) / (fr->y1 - fr->y0) * fr->h;
}

double svg_step(double range, int target)
{
	double raw = range / (target > 0 ? target : 1);
	double p = pow(10, floor(log10(raw)));
	double m = raw / p;
	return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

void svg_nice_range(double *lo, double *hi, int target)
{
	if (!isfinite(*lo) || !isfinite(*hi)) {
		*lo = 0;
		*hi = 1;
		return;
	}
	if (*hi <= *lo) {
		double d = fabs(*lo) > 0 ? fabs(*lo) * 0.1 : 1;
		*lo -= d;
		*hi += d;
	}
	double step = svg_step(*hi - *lo, target);
	*lo = floor(*lo / step) * step;
	*hi = ceil(*hi / step) * step;
}

/* A tick label without noise digits: the step decides the decimals. */
static void tick_label(FILE *f, double v, double step)
{
	int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
	if (fabs(v) < step * 1e-6)
		v = 0;
	fprintf(f, "%.*f", dec, v);
}

void svg_axes(FILE *f, const struct svg_frame *fr, const char *xlabel,
              const char *ylabel, int yticks)
{
	double xs = svg_step(fr->x1 - fr->x0, 8), ys = svg_step(fr->y1 - fr->y0, 5);
	for (double v = ceil(fr->x0 / xs - 1e-9) * xs; v <= fr->x1 + xs * 1e-9; v += xs) {
		double px = svg_px(fr, v);
		fprintf(f, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		        "y2=\"%.1f\"/>\n", px, fr->y, px, fr->y + fr->h);
		fprintf(f, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" "
		        "text-anchor=\"middle\">", px, fr->y + fr->h + 30);
		tick_label(f, v, xs);
		fputs("</text>\n", f);
	}
	for (double v = ceil(fr->y0 / ys - 1e-9) * ys; yticks && v <= fr->y1 + ys * 1e-9;
	     v += ys) {
		double py = svg_py(fr, v);
		fprintf(f, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		        "y2=\"%.1f\"/>\n", fr->x, py, fr->x + fr->w, py);
		fprintf(f, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" "
		        "text-anchor=\"end\">", fr->x - 10, py + 8);
		tick_label(f, v, ys);
		fputs("</text>\n", f);
	}
	fprintf(f, "<rect class=\"frame\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	        "height=\"%.1f\"/>\n", fr->x, fr->y, fr->w, fr->h);
	fprintf(f, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
	        fr->x + fr->w / 2, fr->y + fr->h + 64);
	xml_escape(f, xlabel);
	fprintf(f, "</text>\n<text class=\"axis\" x=\"%.1f\" y=\"%.1f\">", fr->x,
	        fr->y - 16);
	xml_escape(f, ylabel);
	fputs("</text>\n", f);
}

void svg_polyline(FILE *f, const struct svg_frame *fr, const double *x,
                  const double *y, size_t n, const char *cls)
{
	int open = 0;
	for (size_t i = 0; i < n; i++) {
		if (isnan(x[i]) || isnan(y[i])) {
			if (open)
				fputs("\"/>\n", f);
			open = 0;
			continue;
		}
		if (!open)
			fprintf(f, "<polyline class=\"%s\" points=\"", cls);
		fprintf(f, "%s%.1f,%.1f", open ? " " : "", svg_px(fr, x[i]), svg_py(fr, y[i]));
		open = 1;
	}
	if (open)
		fputs("\"/>\n", f);
}
