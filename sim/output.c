#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

/* The status of a failed system call on a file: out of memory when the
 * system says so, else a runtime failure. */
static enum status os_status(int e)
{
	return e == ENOMEM ? ST_NOMEM : ST_RUNTIME;
}

enum status output_mkdir(const char *dir, char *err, size_t errlen)
{
	char *path = strdup(dir);
	if (!path) {
		snprintf(err, errlen, "%s: out of memory", dir);
		return ST_NOMEM;
	}
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			int e = errno;
			snprintf(err, errlen, "%s: cannot create directory: %s",
			         path, strerror(e));
			free(path);
			return os_status(e);
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(path);
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: not a directory", dir);
		return ST_RUNTIME;
	}
	return ST_OK;
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s/%s", dir, name);
	return s;
}

/* Create a new temporary file for `final` in the same directory (so the
 * rename is atomic) and open it for writing.  O_CREAT|O_EXCL never opens
 * an existing name, and O_NOFOLLOW never follows a link, so a symlink or
 * file planted at a guessed name is skipped, never written through; the
 * name is retried with other suffixes.  Mode 0666 minus the umask, as
 * fopen("w") would give the final file.  Returns the fd or -1 (errno). */
static int open_temp(const char *dir, const char *name, char **tmp)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	unsigned long long salt = (unsigned long long)ts.tv_nsec ^
	                          ((unsigned long long)getpid() << 32);
	size_t n = strlen(dir) + strlen(name) + 64;
	*tmp = malloc(n);
	if (!*tmp) {
		errno = ENOMEM;
		return -1;
	}
	for (unsigned attempt = 0; attempt < 100; attempt++) {
		/* splitmix64 step: distinct suffixes for the retries */
		salt += 0x9e3779b97f4a7c15ULL;
		unsigned long long z = salt;
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		z ^= z >> 31;
		snprintf(*tmp, n, "%s/.%s.tmp%ld.%012llx", dir, name, (long)getpid(),
		         z & 0xffffffffffffULL);
		int fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		              0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

enum status output_open(struct out_file *o, const char *dir, const char *name,
                        char *err, size_t errlen)
{
	enum status st = ST_NOMEM;
	memset(o, 0, sizeof *o);
	if (strcmp(dir, "-") == 0) {
		o->f = stdout;
		return ST_OK;
	}
	o->final = join(dir, name);
	if (!o->final) {
		snprintf(err, errlen, "%s/%s: out of memory", dir, name);
		goto fail;
	}
	int fd = open_temp(dir, name, &o->tmp);
	if (fd < 0) {
		int e = errno;
		snprintf(err, errlen, "%s: cannot write: %s", o->final, strerror(e));
		st = os_status(e);
		goto fail;
	}
	o->f = fdopen(fd, "w");
	if (!o->f) {
		int e = errno;
		close(fd);
		remove(o->tmp);
		snprintf(err, errlen, "%s: cannot write: %s", o->final, strerror(e));
		st = os_status(e);
		goto fail;
	}
	return ST_OK;
fail:
	free(o->final);
	free(o->tmp);
	memset(o, 0, sizeof *o);
	return st;
}

enum status output_commit(struct out_file *o, char *err, size_t errlen)
{
	enum status st = ST_OK;
	if (!o->tmp) {  /* stdout: a write error must still be reported */
		if (fflush(o->f) != 0 || ferror(o->f)) {
			snprintf(err, errlen, "stdout: write error: %s", strerror(errno));
			st = ST_RUNTIME;
		}
		memset(o, 0, sizeof *o);
		return st;
	}
	int bad = fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0;
	int saved = errno;
	bad |= fclose(o->f) != 0;
	if (!bad && rename(o->tmp, o->final) != 0) {
		bad = 1;
		saved = errno;
	}
	if (bad) {
		snprintf(err, errlen, "%s: write failed: %s", o->final,
		         strerror(saved ? saved : EIO));
		remove(o->tmp);
		st = os_status(saved);
	}
	free(o->tmp);
	free(o->final);
	memset(o, 0, sizeof *o);
	return st;
}

void output_abort(struct out_file *o)
{
	if (o->tmp) {
		fclose(o->f);
		remove(o->tmp);
	}
	free(o->tmp);
	free(o->final);
	memset(o, 0, sizeof *o);
}

enum status output_private_dir(const char *dir, char **path,
                               char *err, size_t errlen)
{
	*path = join(dir, ".crisim-tmp.XXXXXX");
	if (!*path) {
		snprintf(err, errlen, "%s: out of memory", dir);
		return ST_NOMEM;
	}
	if (!mkdtemp(*path)) {
		int e = errno;
		snprintf(err, errlen, "%s: cannot create a temporary directory: %s",
		         dir, strerror(e));
		free(*path);
		*path = NULL;
		return os_status(e);
	}
	return ST_OK;
}

enum status output_adopt(const char *pdir, const char *name, const char *dir,
                         char *err, size_t errlen)
{
	char *from = join(pdir, name), *to = join(dir, name);
	enum status st = ST_OK;
	if (!from || !to) {
		snprintf(err, errlen, "%s/%s: out of memory", dir, name);
		st = ST_NOMEM;
	} else if (rename(from, to) != 0) {
		int e = errno;
		snprintf(err, errlen, "%s: write failed: %s", to, strerror(e));
		remove(from);
		st = os_status(e);
	}
	free(from);
	free(to);
	return st;
}

void output_private_remove(char **path)
{
	if (!*path)
		return;
	DIR *d = opendir(*path);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *f = join(*path, e->d_name);
			if (f)
				unlink(f);
			free(f);
		}
		closedir(d);
	}
	rmdir(*path);
	free(*path);
	*path = NULL;
}

/* The lock file's name in a directory; dot-named like the temporaries. */
#define LOCK_NAME ".crisim.lock"

enum status output_lock(struct out_lock *l, const char *dir,
                        char *err, size_t errlen)
{
	l->fd = -1;
	l->path = join(dir, LOCK_NAME);
	if (!l->path) {
		snprintf(err, errlen, "%s: out of memory", dir);
		return ST_NOMEM;
	}
	/* Lock, then check that the name still points at the locked file: a
	 * holder unlinks it on release, and whoever opened the old file
	 * before that must not believe it holds the directory. */
	for (;;) {
		int fd = open(l->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (fd < 0) {
			int e = errno;
			snprintf(err, errlen, "%s: cannot create the lock file: %s",
			         l->path, strerror(e));
			goto fail;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			int e = errno;
			char pid[32] = "";
			ssize_t k = e == EWOULDBLOCK ? pread(fd, pid, sizeof pid - 1, 0) : -1;
			close(fd);
			if (e != EWOULDBLOCK) {
				snprintf(err, errlen, "%s: cannot lock: %s", l->path, strerror(e));
				goto fail;
			}
			pid[k > 0 ? k : 0] = '\0';
			pid[strcspn(pid, "\n")] = '\0';
			snprintf(err, errlen, "%s: in use by another crisim (pid %s); wait "
			         "for it to finish or write elsewhere", dir,
			         *pid ? pid : "unknown");
			free(l->path);
			l->path = NULL;
			return ST_BADINPUT;
		}
		struct stat held, named;
		if (fstat(fd, &held) == 0 && stat(l->path, &named) == 0 &&
		    held.st_dev == named.st_dev && held.st_ino == named.st_ino) {
			char pid[32];
			int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
			if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
				/* the lock holds without the pid: only the message of a
				 * second writer is poorer */
			}
			l->fd = fd;
			return ST_OK;
		}
		close(fd);  /* released and unlinked meanwhile: take the new one */
	}
fail:
	free(l->path);
	l->path = NULL;
	return ST_RUNTIME;
}

void output_unlock(struct out_lock *l)
{
	if (l->fd >= 0) {
		unlink(l->path);
		close(l->fd);
	}
	free(l->path);
	l->path = NULL;
	l->fd = -1;
}

void output_tsv_number(FILE *f, double x)
{
	if (isnan(x))
		fputs("NaN", f);
	else if (x == floor(x) && fabs(x) < 1e15)
		fprintf(f, "%.0f", x);
	else
		fprintf(f, "%.10g", x);
}

void output_json_number(FILE *f, double x)
{
	if (!isfinite(x))
		fputs("null", f);
	else if (x == floor(x) && fabs(x) < 1e15)
		fprintf(f, "%.0f", x);
	else {
		/* The shortest of 15..17 significant digits that reads back
		 * as the same double. */
		char buf[32];
		for (int digits = 15; digits <= 17; digits++) {
			snprintf(buf, sizeof buf, "%.*g", digits, x);
			if (strtod(buf, NULL) == x)
				break;
		}
		fputs(buf, f);
	}
}

void output_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void output_json_strings(FILE *f, char *const *v, int n)
{
	fputc('[', f);
	for (int i = 0; i < n; i++) {
		fputs(i ? ", " : "", f);
		output_json_string(f, v[i]);
	}
	fputc(']', f);
}

static void meta_lines(FILE *f, const struct out_meta *m)
{
	fprintf(f, "# scenario: %s\n# seed: %llu\n# crisim: %s\n",
	        m->scenario, m->seed, m->version);
}

void output_series(FILE *f, const struct out_meta *m, const struct series *s)
{
	meta_lines(f, m);
	for (int c = 0; c < SERIES_NCOL; c++)
		fprintf(f, "%s%s", c ? "\t" : "", series_col_name[c]);
	fputc('\n', f);
	for (uint32_t t = 0; t < s->rows; t++) {
		const double *row = s->v + (size_t)t * SERIES_NCOL;
		for (int c = 0; c < SERIES_NCOL; c++) {
			if (c)
				fputc('\t', f);
			output_tsv_number(f, row[c]);
		}
		fputc('\n', f);
	}
}

void output_events(FILE *f, const struct out_meta *m, const struct event_log *log)
{
	meta_lines(f, m);
	fputs("tick\tminutes\tactor\tevent\tdetail\n", f);
	for (size_t k = 0; k < log->n; k++) {
		const struct event *e = &log->v[k];
		fprintf(f, "%u\t", e->tick);
		output_tsv_number(f, e->tick * m->tick_minutes);
		fputc('\t', f);
		if (e->actor == EVENT_NOBODY)
			fputc('-', f);
		else
			fprintf(f, "%u", e->actor);
		fprintf(f, "\t%s\t%s\n", e->kind, e->detail);
	}
}

enum status output_ids(const char *dir, const struct graph *g, char *err,
                       size_t errlen)
{
	struct out_file o;
	enum status st;
	if (!g || (!g->ids && !g->names)) {
		char *path = join(dir, "ids.tsv");
		if (!path) {
			snprintf(err, errlen, "%s/ids.tsv: out of memory", dir);
			return ST_NOMEM;
		}
		if (unlink(path) != 0 && errno != ENOENT) {
			int e = errno;
			snprintf(err, errlen, "%s: cannot remove the id map of an "
			         "earlier run: %s", path, strerror(e));
			free(path);
			return os_status(e);
		}
		free(path);
		return ST_OK;
	}
	if ((st = output_open(&o, dir, "ids.tsv", err, errlen)))
		return st;
	fputs("index\tid\n", o.f);
	for (uint32_t v = 0; v < g->n; v++)
		if (g->names)
			fprintf(o.f, "%" PRIu32 "\t%s\n", v, g->names[v]);
		else
			fprintf(o.f, "%" PRIu32 "\t%" PRIu64 "\n", v, g->ids[v]);
	return output_commit(&o, err, errlen);
}

static void summary_fields(FILE *f, const struct summary *sum,
                           const char *indent, int more)
{
	fputs("{\n", f);
	for (int k = 0; k < SUMMARY_NFIELD; k++) {
		fprintf(f, "%s  \"%s\": ", indent, summary_field_name[k]);
		output_json_number(f, sum->v[k]);
		fputs(k + 1 < SUMMARY_NFIELD || more ? ",\n" : "\n", f);
	}
}

void output_summary_json(FILE *f, const struct summary *sum, const char *indent)
{
	summary_fields(f, sum, indent, 0);
	fprintf(f, "%s}", indent);
}

void output_run_summary_json(FILE *f, const struct summary *sum,
                             const struct scenario *s,
                             const struct plan_tally *t)
{
	uint32_t n = t ? t->n_groups : 0;
	summary_fields(f, sum, "", n > 0);
	if (n == 0) {
		fputs("}", f);
		return;
	}
	fputs("  \"stakeholders\": {\n", f);
	for (uint32_t k = 0; k < n; k++) {
		fputs("    ", f);
		output_json_string(f, s->responder.plan.groups[k].name);
		fprintf(f, ": { \"priority\": ");
		output_json_number(f, s->responder.plan.groups[k].priority);
		fprintf(f, ", \"members\": %" PRIu64 ", \"complained\": %" PRIu64
		        ", \"answered\": %" PRIu64 " }%s\n", t->members[k],
		        t->complained[k], t->answered[k], k + 1 < n ? "," : "");
	}
	fputs("  }\n}", f);
}
