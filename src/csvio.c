/* csvio — libcsv underneath; we add line numbers, BOM handling and a
 * per-record callback so callers never see libcsv's field/row split. */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/csvio.h"

/* the messages of failures that are not the file's (cio_error_in_file) */
#define READ_FAILED "读取失败"
#define NO_MEMORY "内存不足"
#define NO_ICONV "本机不支持"

/* Where the bytes before stand, for rewriting a raw ="…" (unraw). */
enum raw_state { RS_START, RS_UNQUOTED, RS_QUOTED, RS_QUOTE_SEEN, RS_EQ, RS_FORMULA, RS_FORMULA_QUOTE };

struct cio_state {
	cio_row_fn fn;
	void *ctx;
	char **f;
	size_t *len;
	int n, cap;
	long line;        /* current physical line (1-based) */
	long row_line;    /* line where the record being built started */
	int stopped;
	int oom;
	int bom_checked;
	char delim;
	enum raw_state rs;
	char *raw;        /* a chunk with its raw formulas quoted */
	size_t rawcap;
};

static void on_field(void *data, size_t len, void *vs)
{
	struct cio_state *s = vs;
	if (s->stopped || s->oom)
		return;
	if (s->n == 0)
		s->row_line = s->line;
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 32;
		char **f = realloc(s->f, (size_t)cap * sizeof *f);
		if (!f) { s->oom = 1; return; }
		s->f = f;
		size_t *l = realloc(s->len, (size_t)cap * sizeof *l);
		if (!l) { s->oom = 1; return; }
		s->len = l;
		s->cap = cap;
	}
	char *copy = malloc(len + 1);
	if (!copy) { s->oom = 1; return; }
	if (len)
		memcpy(copy, data, len);
	copy[len] = 0;
	/* a quoted field may span lines; the next record starts further down */
	for (size_t i = 0; i < len; i++)
		if (copy[i] == '\n')
			s->line++;
	s->f[s->n] = copy;
	s->len[s->n] = len;
	s->n++;
}

static void drop_row(struct cio_state *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->f[i]);
	s->n = 0;
}

/* A blank line, or a row of empty fields: what a spreadsheet leaves below
 * the data (",,,,," for rows someone once touched, a full-width or
 * no-break space typed into one), and the end-of-file mark (^Z) or NUL
 * padding older tools write after the last line. */
static int blank_row(const struct cio_state *s)
{
	for (int i = 0; i < s->n; i++)
		for (size_t k = 0; k < s->len[i]; k++) {
			const char *c = s->f[i] + k;
			if (s->len[i] - k >= 3 && memcmp(c, "\xe3\x80\x80", 3) == 0)
				k += 2; /* U+3000 */
			else if (s->len[i] - k >= 2 && memcmp(c, "\xc2\xa0", 2) == 0)
				k += 1; /* U+00A0 */
			else if (!strchr(" \t\x1a", *c)) /* strchr finds the NUL too */
				return 0;
		}
	return 1;
}

static void on_row(int c, void *vs)
{
	struct cio_state *s = vs;
	if (!s->stopped && !s->oom && s->n > 0) {
		if (!blank_row(s)) {
			struct cio_row row = { s->f, s->len, s->n, s->row_line };
			if (s->fn(&row, s->ctx))
				s->stopped = 1;
		}
	}
	drop_row(s);
	s->row_line = 0; /* an open quote at the end is said at its own line */
	if (c == '\n')
		s->line++;
}

static int init_parser(struct csv_parser *p, struct cio_state *s, cio_row_fn fn, void *ctx)
{
	memset(s, 0, sizeof *s);
	s->fn = fn;
	s->ctx = ctx;
	s->line = 1;
	s->delim = ',';
	/* CSV_REPALL_NL reports every line end, so blank lines keep the count */
	if (csv_init(p, CSV_APPEND_NULL | CSV_REPALL_NL | CSV_STRICT | CSV_STRICT_FINI) != 0)
		return -1;
	/* 10 MB fields and more are legal; grow in large steps */
	csv_set_blk_size(p, 64 * 1024);
	return 0;
}

static void finish(struct csv_parser *p, struct cio_state *s)
{
	free(s->raw);
	drop_row(s);
	free(s->f);
	free(s->len);
	csv_free(p);
}

/* libcsv's reasons, said for the person who must fix the file. */
static const char *parse_error(int code)
{
	switch (code) {
	case CSV_EPARSE:
		return "引号用错了。\n没有用引号括起的字段里出现了引号，或右引号后面紧跟着别的字符；\n"
		       "字段里的引号要写成两个 \"\"，并把整个字段放在引号里。";
	case CSV_ENOMEM:
		return NO_MEMORY;
	case CSV_ETOOBIG:
		return "字段太大";
	default:
		return csv_strerror(code);
	}
}

/* ="13800138000" written raw, as some systems export numbers for a
 * spreadsheet to keep as text: a spreadsheet reads it, strict CSV does
 * not.  Rewritten as the CSV field "=""13800138000""" (what a spreadsheet
 * saves), so the import reads the value and drops the mark as from any
 * export.  Only a field that starts with =" changes; the state carries
 * over from chunk to chunk.  out holds 3 * n + 8 bytes: a field of three
 * bytes or more grows by four, plus what the chunk before held. */
static size_t unraw(struct cio_state *s, const char *in, size_t n, char *out)
{
	const char d = s->delim;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		const char c = in[i];
		const int end = c == d || c == '\n' || c == '\r';
		switch (s->rs) {
		case RS_START:
			if (c == '"')
				s->rs = RS_QUOTED;
			else if (c == '=') {
				s->rs = RS_EQ; /* held: the next byte decides */
				continue;
			} else if (!end && c != ' ' && c != '\t') /* libcsv skips blanks before a field */
				s->rs = RS_UNQUOTED;
			break;
		case RS_UNQUOTED:
			if (end)
				s->rs = RS_START;
			break;
		case RS_QUOTED:
			if (c == '"')
				s->rs = RS_QUOTE_SEEN;
			break;
		case RS_QUOTE_SEEN:
			/* blanks after the closing quote are skipped; anything else
			 * there libcsv refuses */
			if (c != ' ' && c != '\t')
				s->rs = c == '"' ? RS_QUOTED : end ? RS_START : RS_UNQUOTED;
			else if (end)
				s->rs = RS_START;
			break;
		case RS_EQ:
			if (c == '"') {
				memcpy(out + o, "\"=\"\"", 4);
				o += 4;
				s->rs = RS_FORMULA;
				continue;
			}
			out[o++] = '=';
			s->rs = end ? RS_START : RS_UNQUOTED;
			break;
		case RS_FORMULA:
			if (c == '"') {
				s->rs = RS_FORMULA_QUOTE;
				continue;
			}
			break;
		case RS_FORMULA_QUOTE:
			if (end || c == ' ' || c == '\t') {
				/* its end, maybe after blanks */
				memcpy(out + o, "\"\"\"", 3);
				o += 3;
				s->rs = end ? RS_START : RS_QUOTE_SEEN;
				break;
			}
			/* a quote inside: doubled, and the formula goes on */
			out[o++] = '"';
			out[o++] = '"';
			s->rs = RS_FORMULA;
			if (c == '"') {
				s->rs = RS_FORMULA_QUOTE;
				continue;
			}
			break;
		}
		out[o++] = c;
	}
	return o;
}

/* The field counts of the sample's first records were the separator d:
 * the count most of them share (more than one column), and how many do.
 * A quote opens and closes quoting wherever it stands, so a ';' or a tab
 * inside a quoted field is no separator; a record not ended within the
 * sample is left out unless it is the sample's only one. */
#define GUESS_RECORDS 12
static int shared_count(const char *buf, size_t len, char d, int *count)
{
	int counts[GUESS_RECORDS], nrec = 0, fields = 1, quoted = 0, blank = 1;
	for (size_t i = 0; i < len && nrec < GUESS_RECORDS; i++) {
		char c = buf[i];
		if (c == '"')
			quoted = !quoted;
		if (quoted) {
			blank = 0;
			continue;
		}
		if (c == d)
			fields++;
		if (c == '\n') {
			if (!blank) /* blank lines do not vote */
				counts[nrec++] = fields;
			fields = 1;
			blank = 1;
		} else if (c != '\r') {
			blank = 0;
		}
	}
	if (nrec == 0 && !blank)
		counts[nrec++] = fields;
	int best = 0, best_n = 0;
	for (int i = 0; i < nrec; i++) {
		int n = 0;
		for (int k = 0; k < nrec; k++)
			n += counts[k] == counts[i];
		if (counts[i] > 1 && (n > best_n || (n == best_n && counts[i] > best))) {
			best = counts[i];
			best_n = n;
		}
	}
	*count = best;
	return best_n;
}

/* The separator, from the first lines of the sample: the comma, a tab (a
 * spreadsheet's "text (tab delimited)" export, often named .csv by the
 * system that wrote it) or a semicolon (a system set for a European
 * locale) — the one that gives most of those lines the same number of
 * columns.  Not the first line alone: old DMS exports put a title there
 * ("2025年客户名单", "导出时间：2025-01-02") above the header.  A tie
 * goes to the one giving more columns (a tab file whose every line has
 * one comma in an address), then to the comma, then the tab. */
static char guess_delim(const char *buf, size_t len)
{
	static const char cand[] = { ',', '\t', ';' };
	char best = ',';
	int best_n = 0, best_cols = 0;
	for (size_t i = 0; i < sizeof cand; i++) {
		int cols, n = shared_count(buf, len, cand[i], &cols);
		if (n > best_n || (n > 0 && n == best_n && cols > best_cols)) {
			best = cand[i];
			best_n = n;
			best_cols = cols;
		}
	}
	return best;
}

/* Feed one chunk; returns CIO_OK, CIO_STOPPED or CIO_ERROR. */
static enum cio_status feed(struct csv_parser *p, struct cio_state *s, const char *buf,
                            size_t len, char *err, size_t errsz)
{
	if (!s->bom_checked && len > 0) {
		s->bom_checked = 1;
		if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
			buf += 3;
			len -= 3;
		}
		char d = guess_delim(buf, len);
		if (d != ',')
			csv_set_delim(p, s->delim = d);
	}
	if (s->rawcap < 3 * len + 8) {
		char *r = realloc(s->raw, 3 * len + 8);
		if (!r) {
			snprintf(err, errsz, "第%ld行：" NO_MEMORY, s->line);
			return CIO_ERROR;
		}
		s->raw = r;
		s->rawcap = 3 * len + 8;
	}
	len = unraw(s, buf, len, s->raw);
	size_t done = csv_parse(p, s->raw, len, on_field, on_row, s);
	if (done != len && !s->stopped) {
		snprintf(err, errsz, "第%ld行附近无法解析：%s", s->line, parse_error(csv_error(p)));
		return CIO_ERROR;
	}
	if (s->oom) {
		snprintf(err, errsz, "第%ld行：" NO_MEMORY, s->line);
		return CIO_ERROR;
	}
	return s->stopped ? CIO_STOPPED : CIO_OK;
}

static enum cio_status close_parse(struct csv_parser *p, struct cio_state *s, char *err,
                                   size_t errsz)
{
	if (s->stopped)
		return CIO_STOPPED;
	/* what unraw held at the end: a last "=" or a formula's closing quote */
	const char *tail = s->rs == RS_EQ ? "=" : s->rs == RS_FORMULA_QUOTE ? "\"\"\"" : "";
	if (*tail && csv_parse(p, tail, strlen(tail), on_field, on_row, s) != strlen(tail) && !s->stopped) {
		snprintf(err, errsz, "第%ld行附近无法解析：%s", s->line, parse_error(csv_error(p)));
		return CIO_ERROR;
	}
	if (s->stopped)
		return CIO_STOPPED;
	/* an open quote at end of file is an error, not a silently joined row */
	if (csv_fini(p, on_field, on_row, s) != 0) {
		snprintf(err, errsz, "第%ld行开始的引号没有结束（缺少右引号）", s->row_line ? s->row_line : s->line);
		return CIO_ERROR;
	}
	if (s->oom) {
		snprintf(err, errsz, NO_MEMORY);
		return CIO_ERROR;
	}
	return s->stopped ? CIO_STOPPED : CIO_OK;
}

enum cio_status cio_parse_mem(const char *buf, size_t len, cio_row_fn fn, void *ctx,
                              char *err, size_t errsz)
{
	struct csv_parser p;
	struct cio_state s;
	if (init_parser(&p, &s, fn, ctx) != 0) {
		snprintf(err, errsz, NO_MEMORY);
		return CIO_ERROR;
	}
	enum cio_status st = feed(&p, &s, buf, len, err, errsz);
	if (st == CIO_OK)
		st = close_parse(&p, &s, err, errsz);
	finish(&p, &s);
	return st;
}

enum cio_status cio_parse_stream(FILE *in, cio_row_fn fn, void *ctx, char *err, size_t errsz)
{
	struct csv_parser p;
	struct cio_state s;
	if (init_parser(&p, &s, fn, ctx) != 0) {
		snprintf(err, errsz, NO_MEMORY);
		return CIO_ERROR;
	}
	enum cio_status st = CIO_OK;
	char buf[64 * 1024];
	size_t n;
	while (st == CIO_OK && (n = fread(buf, 1, sizeof buf, in)) > 0)
		st = feed(&p, &s, buf, n, err, errsz);
	if (st == CIO_OK && ferror(in)) {
		snprintf(err, errsz, "第%ld行附近%s", s.line, READ_FAILED);
		st = CIO_ERROR;
	}
	if (st == CIO_OK)
		st = close_parse(&p, &s, err, errsz);
	finish(&p, &s);
	return st;
}

/* A stream in another encoding (iconv's name `from`, said to people as
 * `name`), converted to UTF-8 chunk by chunk on its way to the parser. */
static enum cio_status parse_converted(FILE *in, const char *from, const char *name, cio_row_fn fn, void *ctx,
                                       char *err, size_t errsz)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1) {
		snprintf(err, errsz, NO_ICONV " %s 编码转换", name);
		return CIO_ERROR;
	}
	struct csv_parser p;
	struct cio_state s;
	if (init_parser(&p, &s, fn, ctx) != 0) {
		iconv_close(cd);
		snprintf(err, errsz, NO_MEMORY);
		return CIO_ERROR;
	}
	enum cio_status st = CIO_OK;
	char inbuf[64 * 1024], outbuf[4 * 64 * 1024];
	size_t have = 0, n;
	int first = 1;
	while (st == CIO_OK && (n = fread(inbuf + have, 1, sizeof inbuf - have, in)) > 0) {
		have += n;
		/* a UTF-8 BOM in front of GB18030 text: a tool that added one
		 * without converting the rest (UTF-16's own BOM is iconv's) */
		if (first && have >= 3 && memcmp(inbuf, "\xEF\xBB\xBF", 3) == 0) {
			memmove(inbuf, inbuf + 3, have - 3);
			have -= 3;
		}
		first = 0;
		char *ip = inbuf, *op = outbuf;
		size_t ileft = have, oleft = sizeof outbuf;
		if (iconv(cd, &ip, &ileft, &op, &oleft) == (size_t)-1 && errno != EINVAL) {
			/* feed what converted so the line number points at the bad byte */
			st = feed(&p, &s, outbuf, sizeof outbuf - oleft, err, errsz);
			if (st == CIO_OK) {
				snprintf(err, errsz, "第%ld行：含有不是 %s 编码的字节（0x%02X）", s.line, name,
				         (unsigned char)*ip);
				st = CIO_ERROR;
			}
			break;
		}
		st = feed(&p, &s, outbuf, sizeof outbuf - oleft, err, errsz);
		/* keep an incomplete character for the next read */
		memmove(inbuf, ip, ileft);
		have = ileft;
	}
	if (st == CIO_OK && ferror(in)) {
		snprintf(err, errsz, "第%ld行附近%s", s.line, READ_FAILED);
		st = CIO_ERROR;
	}
	if (st == CIO_OK && have > 0) {
		snprintf(err, errsz, "第%ld行：文件在一个 %s 字符的中间结束", s.line, name);
		st = CIO_ERROR;
	}
	if (st == CIO_OK)
		st = close_parse(&p, &s, err, errsz);
	finish(&p, &s);
	iconv_close(cd);
	return st;
}

enum cio_status cio_parse_stream_gb18030(FILE *in, cio_row_fn fn, void *ctx, char *err, size_t errsz)
{
	return parse_converted(in, "GB18030", "GB18030", fn, ctx, err, errsz);
}

enum cio_status cio_parse_stream_utf16(FILE *in, enum cio_utf16 order, cio_row_fn fn, void *ctx, char *err,
                                       size_t errsz)
{
	/* iconv's UTF-16 reads the byte order from the BOM and drops it */
	const char *from = order == CIO_UTF16_LE ? "UTF-16LE" : order == CIO_UTF16_BE ? "UTF-16BE" : "UTF-16";
	return parse_converted(in, from, "UTF-16", fn, ctx, err, errsz);
}

/* libcsv drops blanks around an unquoted field: a field that starts or
 * ends with one is quoted to keep it. */
static int blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A ';' or a tab is quoted too, though the comma separates: the reader
 * judges the separator on the first lines (guess_delim), and a file of
 * one column whose cells hold a ';' would read as split by it. */
int cio_needs_quotes(const char *s)
{
	if (blank(s[0]))
		return 1;
	/* one pass over the bytes: every cell of a long export comes here */
	for (; *s; s++)
		if (*s == ',' || *s == '"' || *s == '\r' || *s == '\n' || *s == ';' || *s == '\t' || (*s == ' ' && !s[1]))
			return 1;
	return 0;
}

int cio_runs_as_formula(const char *v)
{
	return v[0] == '=' || v[0] == '@' || ((v[0] == '+' || v[0] == '-') && v[1]);
}

void cio_write_field(FILE *out, const char *s, int last)
{
	if (!cio_needs_quotes(s)) {
		fputs(s, out);
	} else {
		putc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				putc('"', out);
			putc(*s, out);
		}
		putc('"', out);
	}
	putc(last ? '\n' : ',', out);
}

int cio_format_row(const struct cio_row *row, char **buf, size_t *len, size_t *cap)
{
	size_t need = 1;
	for (int i = 0; i < row->n; i++)
		need += 2 * row->len[i] + 3; /* every byte a quote, two around it, a comma */
	if (*cap < need) {
		char *b = realloc(*buf, need);
		if (!b)
			return -1;
		*buf = b;
		*cap = need;
	}
	char *o = *buf;
	for (int i = 0; i < row->n; i++) {
		const char *f = row->f[i];
		size_t n = row->len[i];
		/* cio_needs_quotes stops at a NUL: the bytes after it count too */
		int quote = n > 0 && (blank(f[0]) || blank(f[n - 1]) || memchr(f, ',', n) || memchr(f, '"', n) ||
		                      memchr(f, '\r', n) || memchr(f, '\n', n) || memchr(f, ';', n) || memchr(f, '\t', n));
		if (quote)
			*o++ = '"';
		for (size_t k = 0; k < n; k++) {
			if (f[k] == '"')
				*o++ = '"';
			*o++ = f[k];
		}
		if (quote)
			*o++ = '"';
		*o++ = i == row->n - 1 ? '\n' : ',';
	}
	if (row->n == 0)
		*o++ = '\n';
	*len = (size_t)(o - *buf);
	return 0;
}

int cio_error_in_file(const char *err)
{
	return !strstr(err, READ_FAILED) && !strstr(err, NO_MEMORY) && !strstr(err, NO_ICONV);
}
