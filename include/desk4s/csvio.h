/* csvio — streaming CSV over libcsv, with the file line each record starts
 * on (import reports name it) and a quoting writer.  Memory stays flat:
 * one record is held at a time. */
#ifndef DESK4S_CSVIO_H
#define DESK4S_CSVIO_H
#include <stddef.h>
#include <stdio.h>

struct cio_row {
	char **f;      /* n fields, NUL-terminated copies */
	size_t *len;   /* byte length of each field */
	int n;
	long line;     /* 1-based file line where the record starts */
};
/* Called for every record that holds something (blank lines and rows of
 * empty fields are skipped); return non-zero to stop the parse. */
typedef int (*cio_row_fn)(const struct cio_row *row, void *ctx);

enum cio_status { CIO_OK = 0, CIO_STOPPED = 1, CIO_ERROR = 2 };

/* Parse a buffer / a stream (a UTF-8 BOM at the start is skipped).  On
 * CIO_ERROR err says what and at which line (unterminated quote, read
 * error, out of memory). */
enum cio_status cio_parse_mem(const char *buf, size_t len, cio_row_fn fn, void *ctx,
                              char *err, size_t errsz);
enum cio_status cio_parse_stream(FILE *in, cio_row_fn fn, void *ctx, char *err, size_t errsz);

/* The same, converting from GB18030 to UTF-8 on the way (iconv, in
 * chunks: a character cut by a chunk's end waits for the next one).  A
 * byte sequence that is not GB18030 stops the parse with the line named; a
 * UTF-8 BOM in front (some tools add one without converting) is skipped. */
enum cio_status cio_parse_stream_gb18030(FILE *in, cio_row_fn fn, void *ctx, char *err, size_t errsz);
/* The same from UTF-16: with its BOM (either byte order; what Excel's
 * "Unicode 文本" saves, tab-separated), or without one in the order given. */
enum cio_utf16 { CIO_UTF16_BOM, CIO_UTF16_LE, CIO_UTF16_BE };
enum cio_status cio_parse_stream_utf16(FILE *in, enum cio_utf16 order, cio_row_fn fn, void *ctx, char *err,
                                       size_t errsz);

/* 1 when a CIO_ERROR message says the file's own bytes are wrong there
 * (no CSV, an open quote, bytes of no encoding, a character cut by the
 * end), 0 when reading it failed (a read error, memory): run again, the
 * first stops at the same place, the second may not. */
int cio_error_in_file(const char *err);

/* Write one field, quoted when it holds a comma, quote, CR or LF, or
 * starts or ends with a space or tab; then a comma or, when last, "\n". */
void cio_write_field(FILE *out, const char *s, int last);
/* 1 when a spreadsheet would run text v as a formula (=HYPERLINK(…), +1-2,
 * @SUM): what writers put after an apostrophe, which Excel and WPS show as
 * plain text. */
int cio_runs_as_formula(const char *v);
/* The record as one CSV line ending in "\n", every byte of its fields
 * kept (a NUL too), quoted as cio_write_field quotes, into *buf (grown as
 * needed, *cap its size); its length in *len.  -1 when out of memory. */
int cio_format_row(const struct cio_row *row, char **buf, size_t *len, size_t *cap);
/* A field that must be quoted: it starts or ends with a space or tab, or
 * holds a comma, a quote or a line break. */
int cio_needs_quotes(const char *s);
#endif
