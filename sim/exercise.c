#define _DEFAULT_SOURCE  /* realpath beside POSIX */
#include "exercise.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "checkpoint.h"
#include "decisions.h"
#include "engine.h"
#include "exercise_file.h"
#include "exercise_view.h"
#include "netgen.h"
#include "output.h"
#include "scenario.h"

/* One exercise being played. */
struct session {
	const struct exercise_request *rq;
	char dir[PATH_MAX];          /* absolute */
	char decisions[PATH_MAX + 32];
	struct exercise_meta meta;
	struct scenario s;           /* its script grows as the trainee decides */
	struct graph g;
	struct run_result res;
	struct engine *e;
	double every;
	double resume_from;          /* minute of the last decision on file:
	                                pauses before it are replayed */
	uint32_t lines;              /* lines in decisions.tsv */
	size_t log_from;             /* events since the last pause */
	size_t scanned;              /* events looked at for brand news */
	int news;                    /* an event for the brand since the last
	                                pause */
	int width, height;
	enum status failed;          /* why a pause ended FAILED */
};

enum answer { GO_ON, QUIT, FINISH, FAILED };

/* An input that cannot be read (ST_IO, exit 2) or an output that cannot
 * be written (ST_RUNTIME, exit 1), with errno's reason. */
static enum status fail_io(char *err, size_t errlen, const char *what,
                           const char *path)
{
	snprintf(err, errlen, "%s: cannot %s: %s", path, what, strerror(errno));
	return ST_IO;
}

static enum status fail_out(char *err, size_t errlen, const char *what,
                            const char *path)
{
	snprintf(err, errlen, "%s: cannot %s: %s", path, what, strerror(errno));
	return ST_RUNTIME;
}

/* Append text to the decisions file and sync it: a decision made is a
 * decision kept, whatever happens next. */
static enum status append(const char *path, const char *text, char *err,
                          size_t errlen)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return fail_out(err, errlen, "open", path);
	size_t len = strlen(text), done = 0;
	while (done < len) {
		ssize_t k = write(fd, text + done, len - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			close(fd);
			snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
			return ST_RUNTIME;
		}
		done += (size_t)k;
	}
	if (fsync(fd) != 0) {
		close(fd);
		snprintf(err, errlen, "%s: cannot sync: %s", path, strerror(errno));
		return ST_RUNTIME;
	}
	return close(fd) == 0 ? ST_OK : fail_out(err, errlen, "close", path);
}

/* A new exercise: the scenario checked, DIR made, exercise.json written,
 * decisions.tsv started with its header. */
static enum status start_new(struct session *x, char *err, size_t errlen)
{
	const struct exercise_request *rq = x->rq;
	char abs[PATH_MAX];
	if (strcmp(rq->file, "-") == 0) {
		snprintf(err, errlen, "exercise: the scenario cannot come from stdin "
		         "(stdin carries the commands): give its file");
		return ST_BADINPUT;
	}
	/* The scenario as given, checked before anything is written. */
	char e[SCN_ERRLEN];
	struct scenario plain;
	enum status st = scenario_load(&plain, rq->file, rq->sets, rq->n_sets, e);
	if (st) {
		snprintf(err, errlen, "%s", e);
		return st;
	}
	x->meta.seed = rq->have_seed ? rq->seed : plain.seed;
	spec_free(&plain);
	if (!realpath(rq->file, abs))
		return fail_io(err, errlen, "resolve", rq->file);
	if ((st = checkpoint_hash_file(abs, &x->meta.fingerprint, err, errlen)))
		return st;
	if ((st = output_mkdir(rq->dir, err, errlen)))
		return st;
	if (!realpath(rq->dir, x->dir))
		return fail_out(err, errlen, "resolve", rq->dir);
	snprintf(x->decisions, sizeof x->decisions, "%s/%s", x->dir,
	         EXERCISE_DECISIONS);
	char meta_path[PATH_MAX + 32];
	snprintf(meta_path, sizeof meta_path, "%s/%s", x->dir, EXERCISE_FILE);
	struct stat sb;
	if (lstat(meta_path, &sb) == 0 || lstat(x->decisions, &sb) == 0) {
		snprintf(err, errlen, "%s already holds an exercise: continue it with "
		         "crisim exercise --resume %s, or choose another -o DIR",
		         rq->dir, rq->dir);
		return ST_BADINPUT;
	}
	x->meta.scenario = strdup(abs);
	x->meta.sets = rq->n_sets ? calloc(rq->n_sets, sizeof *x->meta.sets) : NULL;
	if (!x->meta.scenario || (rq->n_sets && !x->meta.sets))
		goto nomem;
	for (size_t k = 0; k < rq->n_sets; k++)
		if (!(x->meta.sets[x->meta.n_sets++] = strdup(rq->sets[k])))
			goto nomem;
	x->meta.every = x->every;
	if ((st = exercise_meta_write(x->dir, &x->meta, rq->rc->version, err,
	                              errlen)))
		return st;
	int fd = open(x->decisions, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	              O_CLOEXEC, 0644);
	if (fd < 0)
		return fail_out(err, errlen, "create", x->decisions);
	close(fd);
	x->lines = 1;
	return append(x->decisions, DECISIONS_HEADER "\n", err, errlen);
nomem:
	snprintf(err, errlen, "out of memory");
	return ST_NOMEM;
}

/* Lines of a file (its decisions are replayed; new ones go after). */
static uint32_t count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	uint32_t n = 0;
	int ch, last = '\n';
	if (!f)
		return 0;
	while ((ch = getc(f)) != EOF) {
		n += ch == '\n';
		last = ch;
	}
	fclose(f);
	return n + (last != '\n');
}

static enum status start(struct session *x, char *err, size_t errlen)
{
	const struct exercise_request *rq = x->rq;
	enum status st;
	x->every = rq->every > 0 ? rq->every : EXERCISE_EVERY;
	if (!rq->resume) {
		if ((st = start_new(x, err, errlen)))
			return st;
	} else {
		if (!realpath(rq->dir, x->dir))
			return fail_io(err, errlen, "resolve", rq->dir);
		if ((st = exercise_meta_read(x->dir, &x->meta, err, errlen)))
			return st;
		if (rq->every <= 0)
			x->every = x->meta.every;
		snprintf(x->decisions, sizeof x->decisions, "%s/%s", x->dir,
		         EXERCISE_DECISIONS);
		x->lines = count_lines(x->decisions);
	}
	if ((st = exercise_load(x->dir, &x->meta, &x->s, err, errlen)))
		return st;
	const struct decision_list *dl = &x->s.responder.script.decisions;
	x->resume_from = dl->n ? dl->v[dl->n - 1].minute : 0.0;
	char e[1024];
	if ((st = netgen_build(&x->s.network, x->s.seed, &x->g, NULL, e, sizeof e))) {
		snprintf(err, errlen, "%s: network: %s", x->meta.scenario, e);
		return st;
	}
	if ((st = engine_begin(&x->s, &x->g, x->meta.run, &x->res, &x->e, e,
	                       sizeof e))) {
		snprintf(err, errlen, "%s: %s", x->meta.scenario, e);
		return st;
	}
	return ST_OK;
}

/* Whether the events logged since the last look concern the brand: an
 * inquiry, a media report, a revelation. */
static void look_for_news(struct session *x)
{
	const struct event_log *log = &x->res.log;
	for (; x->scanned < log->n; x->scanned++) {
		const char *k = log->v[x->scanned].kind;
		if (!strcmp(k, "inquiry") || !strcmp(k, "media pick-up") ||
		    !strcmp(k, "revelation"))
			x->news = 1;
	}
}

static const char *const commands[] = {
	"reply", "statement", "holding", "action", "capacity", "wait", "help",
	"quit", "finish", NULL
};

/* Which command `w` is: a unique prefix of one, in any case; -1 none, -2
 * several. */
static int command_of(const char *w)
{
	size_t len = strlen(w);
	int found = -1;
	for (int k = 0; commands[k]; k++) {
		if (strcasecmp(w, commands[k]) == 0)
			return k;
		if (strncasecmp(w, commands[k], len) == 0)
			found = found == -1 ? k : -2;
	}
	return found;
}

/* The command within two edits (insertions, deletions, substitutions,
 * any case) of a mistyped word w, when exactly one is: "rply", "holdng";
 * -1 otherwise. */
static int nearest_command(const char *w)
{
	size_t n = strlen(w);
	if (n > 16)
		return -1;
	int found = -1;
	for (int k = 0; commands[k]; k++) {
		const char *c = commands[k];
		size_t m = strlen(c);
		size_t d[17][17];
		for (size_t i = 0; i <= n; i++)
			d[i][0] = i;
		for (size_t j = 0; j <= m; j++)
			d[0][j] = j;
		for (size_t i = 1; i <= n; i++)
			for (size_t j = 1; j <= m; j++) {
				size_t sub = d[i - 1][j - 1] +
				    (tolower((unsigned char)w[i - 1]) != c[j - 1]);
				size_t del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
				d[i][j] = sub < del ? (sub < ins ? sub : ins)
				                    : (del < ins ? del : ins);
			}
		if (d[n][m] <= 2)
			found = found == -1 ? k : -2;
	}
	return found >= 0 ? found : -1;
}

/* Decision words w[0..n) (w[0] canonical) made at `minute`: parsed,
 * written to the file, and added to the script the run carries out.  The
 * decision the run gets is the file's line read back, so a replay of the
 * file reads exactly what the exercise played. */
static enum status decide(struct session *x, const char **w, size_t n,
                          double minute, char *msg, size_t msglen, char *err,
                          size_t errlen)
{
	struct decision d;
	size_t bad;
	char why[768];
	if (decision_parse(w, n, &x->s, 1, minute, &d, &bad, why, sizeof why)) {
		/* The offending word, or the whole command when one is
		 * missing. */
		char cmd[256];
		size_t used = 0;
		cmd[0] = '\0';
		for (size_t k = bad < n ? bad : 0; k < (bad < n ? bad + 1 : n) &&
		     used < sizeof cmd; k++)
			used += (size_t)snprintf(cmd + used, sizeof cmd - used, "%s%s",
			                         used ? " " : "", w[k]);
		snprintf(msg, msglen, "error: %s: %s (nothing changed; help lists "
		         "the commands)", cmd, why);
		return ST_OK;
	}
	char text[600];
	int k = snprintf(text, sizeof text, "%s\n", DECISIONS_HEADER);
	decision_format(&d, &x->s, text + k, sizeof text - (size_t)k);
	struct decision_list back = { 0 };
	enum status st = decisions_parse(text, x->decisions, &x->s, &back, err,
	                                 errlen);
	if (st || back.n != 1) {
		free(back.v);
		if (!st)
			snprintf(err, errlen, "%s: a decision does not read back", text + k);
		return st ? st : ST_RUNTIME;
	}
	d = back.v[0];
	free(back.v);
	d.line = ++x->lines;
	if ((st = append(x->decisions, text + k, err, errlen)))
		return st;
	if (decisions_push(&x->s.responder.script.decisions, &d)) {
		snprintf(err, errlen, "out of memory");
		return ST_NOMEM;
	}
	char words[256];
	spec_decision_text(&d, &x->s, ' ', words, sizeof words);
	snprintf(msg, msglen, "ok: %s (minute %g, carried out in the next tick; "
	         "saved)", words, minute);
	return ST_OK;
}

static void draw(struct session *x, size_t queued_from, const char *msg)
{
	FILE *f = x->rq->out;
	struct view v = { &x->s, x->e, &x->res, x->log_from, queued_from, msg,
	                  x->width, x->height };
	if (x->rq->terminal)
		fputs("\033[H\033[2J", f);
	exercise_view(f, &v);
}

/* A pause: the dashboard, then commands until one goes on. */
static enum answer pause_here(struct session *x, const char *first, char *err,
                              size_t errlen)
{
	const struct exercise_request *rq = x->rq;
	FILE *out = rq->out;
	double minute = engine_tick(x->e) * x->s.tick_minutes;
	size_t queued_from = x->s.responder.script.decisions.n;
	char msg[2048];
	snprintf(msg, sizeof msg, "%s", first ? first : "");
	char *buf = NULL;
	size_t cap = 0;
	enum answer a = GO_ON;
	int redraw = 1;
	for (;;) {
		if (redraw || rq->terminal)
			draw(x, queued_from, msg);
		else if (msg[0])
			fprintf(out, "%s\n", msg);
		redraw = 0;
		fputs("> ", out);
		fflush(out);
		ssize_t len = getline(&buf, &cap, rq->in);
		if (len < 0) {
			fputs("\n", out);
			a = QUIT;   /* end of input: as quit, nothing is lost */
			break;
		}
		if (!rq->terminal) {
			/* Echo the command, so a transcript reads as a session. */
			fputs(buf, out);
			if (len == 0 || buf[len - 1] != '\n')
				fputs("\n", out);
		}
		const char *w[16];
		size_t n = 0;
		for (char *tok = strtok(buf, " \t\r\n"); tok && n < 16;
		     tok = strtok(NULL, " \t\r\n"))
			w[n++] = tok;
		msg[0] = '\0';
		if (n == 0)
			break;   /* Enter: on to the next pause */
		int c = command_of(w[0]);
		if (c < 0) {
			int near = c == -1 ? nearest_command(w[0]) : -1;
			if (near >= 0)
				snprintf(msg, sizeof msg, "error: %s: unknown command; did you "
				         "mean %s? (nothing changed)", w[0], commands[near]);
			else
				snprintf(msg, sizeof msg, "error: %s: %s command (reply, "
				         "statement, holding, action, capacity, wait, help, "
				         "finish, quit); nothing changed", w[0],
				         c == -2 ? "ambiguous" : "unknown");
			continue;
		}
		const char *name = commands[c];
		if (!strcmp(name, "help")) {
			exercise_help(out);
			if (rq->terminal) {
				fputs("(Enter to go back) ", out);
				fflush(out);
				if (getline(&buf, &cap, rq->in) < 0) {
					a = QUIT;
					break;
				}
			}
			continue;
		}
		if (!strcmp(name, "quit")) {
			a = QUIT;
			break;
		}
		if (!strcmp(name, "finish")) {
			a = FINISH;
			break;
		}
		w[0] = name;
		/* reply #ROW: the author of that row of the dashboard's list,
		 * saved as its agent number (the file replays without a view) */
		char agent_word[16];
		if (!strcmp(name, "reply") && n >= 2 && w[1][0] == '#') {
			char *end;
			unsigned long row = strtoul(w[1] + 1, &end, 10);
			uint32_t agent;
			if (*end || end == w[1] + 1 ||
			    !exercise_view_row(engine_ctx(x->e), row, &agent)) {
				snprintf(msg, sizeof msg, "error: %s: expected #ROW, a row of "
				         "the list of open mentions; nothing changed", w[1]);
				continue;
			}
			snprintf(agent_word, sizeof agent_word, "%" PRIu32, agent);
			w[1] = agent_word;
		}
		if ((x->failed = decide(x, w, n, minute, msg, sizeof msg, err,
		                        errlen))) {
			a = FAILED;
			break;
		}
		if (!strcmp(name, "wait") && !strncmp(msg, "ok:", 3)) {
			if (!rq->terminal)
				fprintf(out, "%s\n", msg);
			break;   /* a decision to wait, and on */
		}
	}
	free(buf);
	x->log_from = x->res.log.n;
	return a;
}

static void window(struct session *x)
{
	x->width = 80;
	x->height = 24;
#ifdef TIOCGWINSZ
	struct winsize ws;
	if (x->rq->terminal && ioctl(fileno(x->rq->out), TIOCGWINSZ, &ws) == 0) {
		if (ws.ws_col > 80)
			x->width = ws.ws_col;
		if (ws.ws_row > 24)
			x->height = ws.ws_row;
	}
#endif
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

enum status exercise_play(const struct exercise_request *rq, bool *finished,
                          char *err, size_t errlen)
{
	struct session x = { .rq = rq };
	double t0 = seconds();
	*finished = false;
	enum status st = start(&x, err, errlen);
	if (st)
		goto done;
	const struct scenario *s = &x.s;
	double next_pause = 0.0;
	int finishing = 0;
	char first[256];
	snprintf(first, sizeof first, rq->resume
	         ? "resumed: %zu decision%s replayed; type help for the commands"
	         : "the exercise begins; type help for the commands, Enter to go on",
	         s->responder.script.decisions.n,
	         s->responder.script.decisions.n == 1 ? "" : "s");
	int shown = 0;
	for (;;) {
		uint32_t t = engine_tick(x.e);
		double minute = t * s->tick_minutes;
		look_for_news(&x);
		if (t < s->ticks && (minute >= next_pause || x.news)) {
			/* Pauses before the last decision on file were played
			 * already: replay them silently. */
			if (!finishing && minute >= x.resume_from) {
				window(&x);
				enum answer a = pause_here(&x, shown ? NULL : first, err,
				                           errlen);
				shown = 1;
				if (a == FAILED) {
					st = x.failed;
					goto done;
				}
				if (a == QUIT) {
					fprintf(rq->out, "quit at minute %g: %zu decisions in %s\n"
					        "continue with: crisim exercise --resume %s\n",
					        minute, s->responder.script.decisions.n,
					        x.decisions, rq->dir);
					goto done;
				}
				finishing = a == FINISH;
			}
			x.news = 0;
			x.log_from = x.res.log.n;
			/* the next multiple of --every after now */
			if (next_pause <= minute)
				next_pause = (floor(minute / x.every) + 1) * x.every;
		}
		if (t >= s->ticks)
			break;
		if ((st = engine_step(x.e, err, errlen)))
			goto done;
	}
	engine_end(x.e);
	x.e = NULL;
	st = runner_write(&x.s, &x.g, x.meta.run, x.dir, rq->rc, &x.res,
	                  seconds() - t0, err, errlen);
	if (st == ST_OK) {
		*finished = true;
		const double *v = x.res.summary.v;
		fprintf(rq->out, "the exercise is over: reach %.0f (%.1f%%), damage "
		        "%.0f, peak %.0f at tick %.0f; wrote %s/\n", v[SUM_reach],
		        100.0 * v[SUM_reach_share], v[SUM_damage],
		        v[SUM_peak_negative], v[SUM_peak_tick], rq->dir);
	}
	run_result_free(&x.res);
done:
	if (x.e)
		engine_abort(x.e);
	fflush(rq->out);
	graph_free(&x.g);
	spec_free(&x.s);
	exercise_meta_free(&x.meta);
	return st;
}
