/* checkpoint — the parts a batch leaves in DIR/checkpoint/ so that an
 * interrupted batch can be resumed (--resume DIR): the part format, writing,
 * reading, listing and removing.  Owned by the batch layer; only
 * batch_exec.c and runner.c use it.
 *
 * DIR/checkpoint/part-NNNNNN.bin, each written atomically (output_open /
 * output_commit) and never rewritten: a part holds the items finished since
 * the previous part.  DIR/checkpoint/inputs.tsv, written before the first
 * part, lists the content hash of every input file (struct batch_input:
 * "HASH<TAB>PATH" lines in the batch's order, after a "#" comment line), so
 * that a resume with a changed input is refused naming the file.  Format version 2 (native byte order and sizes, not
 * portable across machines):
 *
 *   header   char magic[8] "CRISIMCK", uint32 version 2,
 *            uint32 SUMMARY_NFIELD, uint32 SERIES_NCOL, uint32 0,
 *            uint64 batch fingerprint, uint64 items in the batch,
 *            uint64 records in this part                    (48 bytes)
 *   record   uint64 item, uint32 rows (0: no series), uint32 0,
 *            double summary[SUMMARY_NFIELD],
 *            double series[rows * SERIES_NCOL],
 *            uint64 record check: FNV-1a 64 of the record's bytes before it
 *   trailer  uint64 part check: FNV-1a 64 of every byte before it (header
 *            and records)
 *
 * A part is read only when it is whole and intact: its size, magic,
 * version and shape, the part check, then every record's check, bounds
 * (item < items, rows within the cap, the records filling the part exactly)
 * are verified before a single value is taken.  FNV-1a detects every change
 * of one byte with certainty (each step is a bijection of the running hash
 * for a given byte), so a bit flip, a re-pointed item index, a value
 * changed (to 1e300, say) or a truncation is refused with a message naming
 * the part, never read.  Version 1 parts (no checks) are refused as "not a
 * crisim checkpoint of this version".
 */
#ifndef CRISIM_CHECKPOINT_H
#define CRISIM_CHECKPOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "batch_exec.h"
#include "series.h"
#include "status.h"

#define CHECKPOINT_VERSION 2u
#define CHECKPOINT_HEADER_SIZE 48u   /* bytes before the first record */
#define CHECKPOINT_RECORD_HEAD 16u   /* item, rows, pad */
#define CHECKPOINT_MAX_ROWS 10000000u

/* FNV-1a 64 of n bytes, continuing from h (start from CHECKPOINT_FNV_BASIS):
 * the checks above and the batch fingerprint. */
#define CHECKPOINT_FNV_BASIS 0xcbf29ce484222325ULL
uint64_t checkpoint_fnv1a(uint64_t h, const void *data, size_t n);

/* FNV-1a 64 of the content of the file at path, read in blocks (an edge
 * list may be gigabytes: never held whole).  ST_OK, or ST_IO with err
 * "PATH: cannot read: ...". */
enum status checkpoint_hash_file(const char *path, uint64_t *hash, char *err,
                                 size_t errlen);

/* On --resume: compare b's inputs with the hashes cdir/inputs.tsv recorded
 * when the checkpoint was started.  ST_OK when they match or the record is
 * absent (the batch fingerprint still decides); ST_BADINPUT when an input
 * changed, err naming it; ST_NOMEM. */
enum status checkpoint_check_inputs(const char *cdir, const struct batch *b,
                                    char *err, size_t errlen);

/* DIR/checkpoint (malloc'd), or NULL when out of memory. */
char *checkpoint_dir(const char *dir);

/* Write the items idx[0..n) of r (each done) as part number `part` of cdir,
 * stamped with `fingerprint`.  ST_OK, or ST_RUNTIME with err set. */
enum status checkpoint_write(const char *cdir, unsigned part, uint64_t fingerprint,
                             const struct batch_results *r, const size_t *idx,
                             size_t n, char *err, size_t errlen);

/* Read every part of cdir into r (marking its items done and resumed);
 * *next_part becomes one past the largest part number (unchanged without
 * parts, or without cdir).  ST_OK; ST_BADINPUT when a part is not a
 * checkpoint of this version, belongs to another batch (fingerprint or
 * item count) or is corrupt — err names the part; ST_IO when cdir cannot
 * be listed; ST_NOMEM. */
enum status checkpoint_read(const char *cdir, uint64_t fingerprint,
                            struct batch_results *r, unsigned *next_part,
                            char *err, size_t errlen);

/* Whether cdir holds a part. */
bool checkpoint_exists(const char *cdir);

/* Delete every part of cdir, then cdir itself (when empty). */
void checkpoint_remove(const char *cdir);

/* Write a part with every done item of r not yet in the checkpoint
 * (r->in_ckpt), then mark them and advance r->next_part.  Nothing to write
 * writes nothing, unless `always` and there is no part yet: an empty part
 * then marks the batch as started (interrupted before any run finished),
 * to be resumed.  Before the first part, cdir/inputs.tsv records b's
 * inputs (checkpoint_check_inputs).  scratch holds r->n indices.  ST_OK or
 * ST_RUNTIME. */
enum status checkpoint_flush(const char *cdir, const struct batch *b,
                             struct batch_results *r, bool always,
                             size_t *scratch, char *err, size_t errlen);

#endif
