#include "progress.h"

#include <signal.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define PLAIN_EVERY 30.0   /* seconds between plain progress lines */

/* Stop requests so far: counted by the signal handler (and by hand),
 * read between runs and by the reports (see progress.h). */
static volatile sig_atomic_t stop_count;

static void on_signal(int sig)
{
	(void)sig;
	if (stop_count < 1000)
		stop_count++;
}

void progress_catch_signals(void)
{
	struct sigaction sa;
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

void progress_request_stop(void)
{
	if (stop_count < 1000)
		stop_count++;
}

bool progress_stop_requested(void)
{
	return stop_count != 0;
}

unsigned progress_stop_count(void)
{
	return (unsigned)stop_count;
}

double progress_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Seconds between plain progress lines: $CRISIM_PROGRESS_EVERY when it is
 * a number >= 0, else PLAIN_EVERY. */
static double plain_every(void)
{
	const char *v = getenv("CRISIM_PROGRESS_EVERY");
	char *end;
	double x = v && *v ? strtod(v, &end) : NAN;
	return v && *v && !*end && isfinite(x) && x >= 0 ? x : PLAIN_EVERY;
}

void progress_start(struct progress *p, size_t total, bool want)
{
	bool tty = isatty(STDERR_FILENO);
	p->enabled = want && tty;
	p->plain = want && !tty;
	p->every = p->plain ? plain_every() : 0;
	p->total = total;
	p->done = 0;
	p->t0 = p->last = progress_now();
}

/* The plain line: runs done, rate, ETA; one line, no bar. */
static void plain_line(struct progress *p, double t)
{
	double rate = t > p->t0 ? (double)p->done / (t - p->t0) : 0;
	double eta = rate > 0 ? (double)(p->total - p->done) / rate : 0;
	long e = (long)(eta + 0.5);
	fprintf(stderr, "crisim: progress: %zu/%zu runs, %.1f runs/s, ETA %ld:%02ld:%02ld\n",
	        p->done, p->total, rate, e / 3600, e / 60 % 60, e % 60);
	fflush(stderr);
}

static void draw(struct progress *p, double t)
{
	enum { WIDTH = 30 };
	double frac = p->total ? (double)p->done / (double)p->total : 1;
	int fill = (int)(frac * WIDTH);
	char bar[WIDTH + 1];
	for (int i = 0; i < WIDTH; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[WIDTH] = '\0';
	double rate = t > p->t0 ? (double)p->done / (t - p->t0) : 0;
	double eta = rate > 0 ? (double)(p->total - p->done) / rate : 0;
	long e = (long)(eta + 0.5);
	fprintf(stderr, "\r[%s] %zu/%zu runs  %.1f runs/s  ETA %ld:%02ld:%02ld ",
	        bar, p->done, p->total, rate, e / 3600, e / 60 % 60, e % 60);
	fflush(stderr);
}

void progress_tick(struct progress *p)
{
	p->done++;
	if (p->plain) {
		double t = progress_now();
		if (t - p->last >= p->every) {
			p->last = t;
			plain_line(p, t);
		}
		return;
	}
	if (!p->enabled)
		return;
	double t = progress_now();
	if (t - p->last < 0.1 && p->done < p->total)
		return;
	p->last = t;
	draw(p, t);
}

void progress_end(struct progress *p)
{
	if (!p->enabled)
		return;
	draw(p, progress_now());
	fputc('\n', stderr);
}

void progress_warn(struct progress *p, const char *fmt, ...)
{
	if (p && p->enabled)
		fputc('\n', stderr);
	fputs("crisim: warning: ", stderr);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}
