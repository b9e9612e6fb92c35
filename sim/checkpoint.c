#include "checkpoint.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "textfile.h"

#define NF SUMMARY_NFIELD
#define MAGIC "CRISIMCK"

struct ckpt_header {
	char magic[8];
	uint32_t version, nf, ncol, pad;
	uint64_t fingerprint, items, count;
};

struct ckpt_record {
	uint64_t item;
	uint32_t rows, pad;
};

_Static_assert(sizeof(struct ckpt_header) == CHECKPOINT_HEADER_SIZE,
               "checkpoint header layout");
_Static_assert(sizeof(struct ckpt_record) == CHECKPOINT_RECORD_HEAD,
               "checkpoint record layout");

uint64_t checkpoint_fnv1a(uint64_t h, const void *data, size_t n)
{
	const unsigned char *b = data;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

enum status checkpoint_hash_file(const char *path, uint64_t *hash, char *err,
                                 size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return ST_IO;
	}
	unsigned char buf[1 << 16];
	uint64_t h = CHECKPOINT_FNV_BASIS;
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		h = checkpoint_fnv1a(h, buf, n);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		snprintf(err, errlen, "%s: cannot read: read error", path);
		return ST_IO;
	}
	*hash = h;
	return ST_OK;
}

#define INPUTS_NAME "inputs.tsv"

static enum status write_inputs(const char *cdir, const struct batch *b, char *err,
                                size_t errlen)
{
	struct out_file o;
	if (output_open(&o, cdir, INPUTS_NAME, err, errlen))
		return ST_RUNTIME;
	fputs("# crisim checkpoint inputs: FNV-1a 64 of each input file's content\n", o.f);
	for (size_t i = 0; i < b->n_inputs; i++)
		fprintf(o.f, "%016llx\t%s\n", (unsigned long long)b->inputs[i].hash,
		        b->inputs[i].path);
	return output_commit(&o, err, errlen) ? ST_RUNTIME : ST_OK;
}

enum status checkpoint_check_inputs(const char *cdir, const struct batch *b,
                                    char *err, size_t errlen)
{
	size_t plen = strlen(cdir) + sizeof INPUTS_NAME + 1;
	char *path = malloc(plen);
	if (!path) {
		snprintf(err, errlen, "out of memory");
		return ST_NOMEM;
	}
	snprintf(path, plen, "%s/%s", cdir, INPUTS_NAME);
	char *text, e[512];
	size_t len;
	enum status st = textfile_read(path, &text, &len, e, sizeof e);
	free(path);
	if (st == ST_NOMEM) {
		snprintf(err, errlen, "out of memory");
		return st;
	}
	if (st)
		return ST_OK;   /* no record (an older checkpoint): the fingerprint decides */
	/* The i-th hash line against the i-th input: the order is the
	 * batch's, so a file given by another path still matches. */
	size_t i = 0;
	st = ST_OK;
	for (char *line = text, *next; line && *line && st == ST_OK; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#')
			continue;
		unsigned long long h;
		if (sscanf(line, "%16llx\t", &h) != 1 || i >= b->n_inputs)
			break;   /* another batch: the fingerprint says so */
		if (h != b->inputs[i].hash) {
			snprintf(err, errlen, "%s: changed since the batch in %.*s was "
			         "interrupted (its content differs): refused; restore it, or "
			         "delete %s to start again", b->inputs[i].path,
			         (int)(strlen(cdir) - strlen("/checkpoint")), cdir, cdir);
			st = ST_BADINPUT;
		}
		i++;
	}
	free(text);
	return st;
}

char *checkpoint_dir(const char *dir)
{
	size_t n = strlen(dir) + 16;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s/checkpoint", dir);
	return s;
}

/* ---- writing ---- */

/* Bytes to the part, folded into the part's and the record's checks. */
struct writer {
	FILE *f;
	uint64_t part, rec;
};

static void put(struct writer *w, const void *data, size_t n)
{
	fwrite(data, 1, n, w->f);
	w->part = checkpoint_fnv1a(w->part, data, n);
	w->rec = checkpoint_fnv1a(w->rec, data, n);
}

enum status checkpoint_write(const char *cdir, unsigned part, uint64_t fingerprint,
                             const struct batch_results *r, const size_t *idx,
                             size_t n, char *err, size_t errlen)
{
	char name[32];
	snprintf(name, sizeof name, "part-%06u.bin", part);
	struct out_file o;
	if (output_open(&o, cdir, name, err, errlen))
		return ST_RUNTIME;
	struct writer w = { o.f, CHECKPOINT_FNV_BASIS, CHECKPOINT_FNV_BASIS };
	struct ckpt_header h;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, MAGIC, 8);
	h.version = CHECKPOINT_VERSION;
	h.nf = NF;
	h.ncol = SERIES_NCOL;
	h.fingerprint = fingerprint;
	h.items = r->n;
	h.count = n;
	put(&w, &h, sizeof h);
	for (size_t k = 0; k < n; k++) {
		size_t i = idx[k];
		struct ckpt_record rec = { i, r->ser[i] ? r->rows[i] : 0, 0 };
		w.rec = CHECKPOINT_FNV_BASIS;
		put(&w, &rec, sizeof rec);
		put(&w, r->sum + i * NF, NF * sizeof(double));
		if (rec.rows)
			put(&w, r->ser[i], (size_t)rec.rows * SERIES_NCOL * sizeof(double));
		uint64_t check = w.rec;
		put(&w, &check, sizeof check);
	}
	uint64_t check = w.part;
	fwrite(&check, sizeof check, 1, o.f);
	return output_commit(&o, err, errlen) ? ST_RUNTIME : ST_OK;
}

/* ---- reading ---- */

/* "part-NNNNNN.bin" with its number. */
static bool is_part(const char *name, unsigned *num)
{
	char tail[8];
	return sscanf(name, "part-%u.bi%1s", num, tail) == 2 && strcmp(tail, "n") == 0 &&
	       strlen(name) == 15;
}

/* The whole part file into *buf (binary: the one fopen+fread of the batch
 * layer, since textfile_read is for text). */
static enum status slurp(const char *path, unsigned char **buf, size_t *len,
                         char *err, size_t errlen)
{
	*buf = NULL;
	*len = 0;
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f || fstat(fileno(f), &st) != 0) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		if (f)
			fclose(f);
		return ST_IO;
	}
	size_t n = st.st_size > 0 ? (size_t)st.st_size : 0;
	unsigned char *b = malloc(n ? n : 1);
	if (!b) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return ST_NOMEM;
	}
	size_t got = fread(b, 1, n, f);
	fclose(f);
	if (got != n) {
		free(b);
		snprintf(err, errlen, "%s: cannot read: %s", path, "short read");
		return ST_IO;
	}
	*buf = b;
	*len = n;
	return ST_OK;
}

static enum status corrupt(const char *path, const char *why, char *err,
                           size_t errlen)
{
	snprintf(err, errlen, "%s: corrupt checkpoint part (%s): refused, not read "
	         "(delete that part to run its items again; when it is the only "
	         "one, delete the checkpoint directory and run without --resume)",
	         path, why);
	return ST_BADINPUT;
}

/* Check every record of the part in buf (after the header) without taking
 * anything: item bounds, rows, record checks, and that the records end
 * exactly at the trailer. */
static enum status check_records(const char *path, const unsigned char *buf,
                                 size_t len, const struct ckpt_header *h,
                                 char *err, size_t errlen)
{
	size_t at = sizeof *h, end = len - sizeof(uint64_t);
	for (uint64_t k = 0; k < h->count; k++) {
		struct ckpt_record rec;
		char why[96];
		if (end - at < sizeof rec + NF * sizeof(double) + sizeof(uint64_t)) {
			snprintf(why, sizeof why, "record %llu of %llu missing",
			         (unsigned long long)k, (unsigned long long)h->count);
			return corrupt(path, why, err, errlen);
		}
		memcpy(&rec, buf + at, sizeof rec);
		if (rec.item >= h->items || rec.rows > CHECKPOINT_MAX_ROWS || rec.pad) {
			snprintf(why, sizeof why, "record %llu: item %llu, %u rows",
			         (unsigned long long)k, (unsigned long long)rec.item, rec.rows);
			return corrupt(path, why, err, errlen);
		}
		size_t body = sizeof rec + (NF + (size_t)rec.rows * SERIES_NCOL) * sizeof(double);
		if (end - at - sizeof(uint64_t) < body) {
			snprintf(why, sizeof why, "record %llu truncated", (unsigned long long)k);
			return corrupt(path, why, err, errlen);
		}
		uint64_t want;
		memcpy(&want, buf + at + body, sizeof want);
		if (checkpoint_fnv1a(CHECKPOINT_FNV_BASIS, buf + at, body) != want) {
			snprintf(why, sizeof why, "record %llu: checksum mismatch",
			         (unsigned long long)k);
			return corrupt(path, why, err, errlen);
		}
		at += body + sizeof want;
	}
	if (at != end)
		return corrupt(path, "bytes after the last record", err, errlen);
	return ST_OK;
}

/* Take the records of a checked part into r. */
static enum status take_records(const char *path, const unsigned char *buf,
                                const struct ckpt_header *h,
                                struct batch_results *r, char *err, size_t errlen)
{
	size_t at = sizeof *h;
	for (uint64_t k = 0; k < h->count; k++) {
		struct ckpt_record rec;
		memcpy(&rec, buf + at, sizeof rec);
		at += sizeof rec;
		size_t i = (size_t)rec.item, nser = (size_t)rec.rows * SERIES_NCOL;
		double *ser = NULL;
		if (nser && !(ser = malloc(nser * sizeof *ser))) {
			snprintf(err, errlen, "%s: out of memory", path);
			return ST_NOMEM;
		}
		memcpy(r->sum + i * NF, buf + at, NF * sizeof(double));
		at += NF * sizeof(double);
		if (nser)
			memcpy(ser, buf + at, nser * sizeof *ser);
		at += nser * sizeof(double) + sizeof(uint64_t);
		free(r->ser[i]);
		r->ser[i] = ser;
		r->rows[i] = rec.rows;
		if (!r->done[i]) {
			r->done[i] = 1;
			r->n_done++;
			r->n_resumed++;
		}
	}
	return ST_OK;
}

/* One part: refused whole, or read whole. */
static enum status read_part(const char *path, uint64_t fingerprint,
                             struct batch_results *r, char *err, size_t errlen)
{
	unsigned char *buf;
	size_t len;
	enum status st = slurp(path, &buf, &len, err, errlen);
	if (st)
		return st;
	struct ckpt_header h;
	if (len >= sizeof h)
		memcpy(&h, buf, sizeof h);
	if (len < sizeof h || memcmp(h.magic, MAGIC, 8) != 0 ||
	    h.version != CHECKPOINT_VERSION || h.nf != NF || h.ncol != SERIES_NCOL) {
		snprintf(err, errlen, "%s: not a crisim checkpoint of this version "
		         "(format %u)", path, CHECKPOINT_VERSION);
		st = ST_BADINPUT;
	} else if (len < sizeof h + sizeof(uint64_t)) {
		st = corrupt(path, "truncated", err, errlen);
	} else {
		uint64_t want;
		memcpy(&want, buf + len - sizeof want, sizeof want);
		if (checkpoint_fnv1a(CHECKPOINT_FNV_BASIS, buf, len - sizeof want) != want)
			st = corrupt(path, "checksum mismatch: damaged or truncated", err,
			             errlen);
	}
	if (st == ST_OK && (h.fingerprint != fingerprint || h.items != r->n)) {
		snprintf(err, errlen, "%s: checkpoint of a different batch (give the "
		         "same scenario, options and --runs as the interrupted command)",
		         path);
		st = ST_BADINPUT;
	}
	if (st == ST_OK)
		st = check_records(path, buf, len, &h, err, errlen);
	if (st == ST_OK)
		st = take_records(path, buf, &h, r, err, errlen);
	free(buf);
	return st;
}

enum status checkpoint_read(const char *cdir, uint64_t fingerprint,
                            struct batch_results *r, unsigned *next_part,
                            char *err, size_t errlen)
{
	DIR *d = opendir(cdir);
	if (!d) {
		if (errno == ENOENT || errno == ENOTDIR)
			return ST_OK;
		snprintf(err, errlen, "%s: cannot read: %s", cdir, strerror(errno));
		return ST_IO;
	}
	enum status st = ST_OK;
	struct dirent *e;
	while (st == ST_OK && (e = readdir(d)) != NULL) {
		unsigned num;
		if (!is_part(e->d_name, &num))
			continue;
		if (num + 1 > *next_part)
			*next_part = num + 1;
		size_t plen = strlen(cdir) + strlen(e->d_name) + 2;
		char *path = malloc(plen);
		if (!path) {
			snprintf(err, errlen, "out of memory");
			st = ST_NOMEM;
			break;
		}
		snprintf(path, plen, "%s/%s", cdir, e->d_name);
		st = read_part(path, fingerprint, r, err, errlen);
		free(path);
	}
	closedir(d);
	return st;
}

/* ---- listing, removing, flushing ---- */

bool checkpoint_exists(const char *cdir)
{
	DIR *d = opendir(cdir);
	if (!d)
		return false;
	bool found = false;
	struct dirent *e;
	unsigned num;
	while (!found && (e = readdir(d)) != NULL)
		found = is_part(e->d_name, &num);
	closedir(d);
	return found;
}

void checkpoint_remove(const char *cdir)
{
	DIR *d = opendir(cdir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		unsigned num;
		if (!is_part(e->d_name, &num))
			continue;
		size_t plen = strlen(cdir) + strlen(e->d_name) + 2;
		char *path = malloc(plen);
		if (path) {
			snprintf(path, plen, "%s/%s", cdir, e->d_name);
			remove(path);
		}
		free(path);
	}
	closedir(d);
	size_t plen = strlen(cdir) + sizeof INPUTS_NAME + 1;
	char *path = malloc(plen);
	if (path) {
		snprintf(path, plen, "%s/%s", cdir, INPUTS_NAME);
		remove(path);
	}
	free(path);
	rmdir(cdir);
}

enum status checkpoint_flush(const char *cdir, const struct batch *b,
                             struct batch_results *r, bool always,
                             size_t *scratch, char *err, size_t errlen)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->done[i] && !r->in_ckpt[i])
			scratch[n++] = i;
	if (n == 0 && !(always && r->next_part == 0))
		return ST_OK;
	enum status st;
	if (r->next_part == 0 && (st = write_inputs(cdir, b, err, errlen)))
		return st;
	st = checkpoint_write(cdir, r->next_part, b->fingerprint, r, scratch, n, err,
	                      errlen);
	if (st)
		return st;
	r->next_part++;
	for (size_t k = 0; k < n; k++)
		r->in_ckpt[scratch[k]] = 1;
	return ST_OK;
}
