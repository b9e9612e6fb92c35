/* progress — what long jobs need besides computing: a progress bar on
 * stderr and a clean stop on SIGINT/SIGTERM.
 *
 * The stop flag is the one piece of process-wide mutable state in crisim:
 * a signal handler can only reach a `volatile sig_atomic_t` with static
 * storage.  The handler only counts the requests; the batch executor polls
 * it between runs and stops scheduling new ones, and the reports poll it
 * between files, rows and ticks (report.h) and stop for a request newer
 * than their start (exit status 130, EXIT_INTERRUPTED in cli.h).
 */
#ifndef CRISIM_PROGRESS_H
#define CRISIM_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct progress {
	bool enabled;        /* stderr is a terminal and not --quiet: the bar */
	bool plain;          /* stderr is not a terminal and not --quiet:
	                        plain lines (Slurm, nohup logs) */
	double every;        /* seconds between plain lines */
	size_t total, done;  /* runs in this session */
	double t0, last;     /* monotonic seconds: start, last redraw */
};

/* enabled = want && isatty(stderr); plain = want && !isatty(stderr): a
 * line "crisim: progress: D/T runs, R runs/s, ETA H:MM:SS" at most every
 * 30 s (every $CRISIM_PROGRESS_EVERY seconds when that is a number >= 0:
 * for tests, 0 is a line per run), so that a batch job's log shows it is
 * alive.  No line for a batch shorter than that. */
void progress_start(struct progress *p, size_t total, bool want);
/* One more run done; redraws at most ten times a second (plain: a line
 * once `every` seconds have passed since the last). */
void progress_tick(struct progress *p);
/* Final redraw and newline (when enabled). */
void progress_end(struct progress *p);

/* A warning line on stderr, "crisim: warning: " then the text, always
 * (even with --quiet: it says something went wrong); a bar being drawn is
 * ended first and redrawn by the next tick.  p may be NULL. */
void progress_warn(struct progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Monotonic clock, seconds. */
double progress_now(void);

/* Install SIGINT/SIGTERM handlers that set the stop flag. */
void progress_catch_signals(void);
/* Set the flag by hand (--stop-after, tests). */
void progress_request_stop(void);
bool progress_stop_requested(void);
/* Stop requests so far (signals and by hand): a phase that starts after a
 * stop (the reports of an interrupted batch) stops only for a later one. */
unsigned progress_stop_count(void);

#endif
