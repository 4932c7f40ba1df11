/* report — the due list as text and CSV, written row by row as the tasks
 * come (each row converted whole, so GB18030 output never holds half a
 * character).  A caller that must not leave a partial file writes to a
 * temporary one and renames it (cli_due does). */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/csvio.h"
#include "desk4s/report.h"
#include "desk4s/text.h"

int rpt_collect(const struct due_task *t, void *ctx)
{
	struct rpt_list *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct due_task *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			l->cap = SIZE_MAX; /* marks the failure for rpt_collect_failed */
			return 1;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *t;
	return 0;
}

int rpt_collect_failed(const struct rpt_list *l) { return l->cap == SIZE_MAX; }

void rpt_free(struct rpt_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

static const char *const headings[RPT_NCOLS] = {
	"到期日", "逾期(天)", "类型", "客户编号", "客户", "手机", "车牌", "负责人", "事由"
};
/* Widest a text column may grow (cells), so one long company name or
 * reason cannot push the table off an 80-to-160-column terminal. */
static const int text_cap[RPT_NCOLS] = { 10, 10, 8, 16, 16, 15, 10, 10, 40 };

const char *rpt_heading(int col) { return col >= 0 && col < RPT_NCOLS ? headings[col] : ""; }

/* Control characters (a newline typed into a note) would break a row of
 * the table: they become spaces. */
static void clean(const char *s, char *out, size_t outsz)
{
	size_t i = 0;
	for (; *s && i + 1 < outsz; s++)
		out[i++] = (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s;
	/* cut short: drop the last, possibly partial, character */
	if (*s && i > 0) {
		while (i > 0 && ((unsigned char)out[i - 1] & 0xC0) == 0x80)
			i--;
		if (i > 0)
			i--;
	}
	out[i] = 0;
}

void rpt_cell(const struct due_task *t, int col, char *out, size_t outsz)
{
	const char *v = "";
	switch (col) {
	case RPT_DUE: v = t->due_date; break;
	case RPT_OVERDUE:
		if (t->overdue_days > 0)
			snprintf(out, outsz, "逾期%d天", t->overdue_days);
		else
			out[0] = 0;
		return;
	case RPT_KIND: v = t->kind; break;
	case RPT_NO: v = t->cust_no; break;
	case RPT_NAME: v = t->name; break;
	case RPT_MOBILE: v = t->mobile; break;
	case RPT_PLATE: v = t->plate; break;
	case RPT_STAFF: v = t->staff; break;
	case RPT_REASON: v = t->reason; break;
	}
	clean(v, out, outsz);
}

void rpt_title(const struct rpt_meta *m, char *out, size_t outsz)
{
	snprintf(out, outsz, "回访到期清单 %s 至 %s", m->from, m->to);
}

static void count_line(size_t n, size_t late, char *out, size_t outsz)
{
	snprintf(out, outsz, "共 %zu 条，其中逾期 %zu 条", n, late);
}

void rpt_count(const struct due_task *t, size_t n, char *out, size_t outsz)
{
	size_t late = 0;
	for (size_t i = 0; i < n; i++)
		late += t[i].overdue_days > 0;
	count_line(n, late, out, outsz);
}

/* A listing being written: rows go out as they come, so a month of a
 * large shop's tasks is never held in memory.  Text needs its column
 * widths before the first row: the first TEXT_AHEAD tasks are held back,
 * and a list that ends within them gets widths fitted to its cells, a
 * longer one the columns' caps. */
enum { TEXT_AHEAD = 1000 };

struct rpt_stream {
	FILE *out;
	int csv, gb18030;
	iconv_t cd;                 /* UTF-8 -> GB18030, when asked for */
	const struct rpt_meta *m;
	struct due_task *ahead;     /* text: held back until widths are known */
	size_t nahead;
	int started;                /* text: heading written */
	int width[RPT_NCOLS];
	size_t n, late;
	char *line;                 /* one row, assembled before it is written */
	size_t linelen;
	FILE *lf;                   /* memstream over line */
	int failed;
	char err[256];
};

/* The row assembled in s->lf, to the output: as is or in GB18030. */
static int flush_line(struct rpt_stream *s)
{
	if (fflush(s->lf) != 0) {
		snprintf(s->err, sizeof s->err, "内存不足");
		return -1;
	}
	size_t len = s->linelen;
	int rc = 0;
	if (!s->gb18030) {
		if (fwrite(s->line, 1, len, s->out) != len)
			rc = -2;
	} else {
		char *in = s->line, chunk[8192];
		size_t inleft = len;
		while (inleft > 0 && rc == 0) {
			char *o = chunk;
			size_t oleft = sizeof chunk;
			if (iconv(s->cd, &in, &inleft, &o, &oleft) == (size_t)-1 && errno != E2BIG) {
				snprintf(s->err, sizeof s->err, "无法转换为 GB18030：%s", strerror(errno));
				rc = -1;
			} else if (fwrite(chunk, 1, sizeof chunk - oleft, s->out) != sizeof chunk - oleft) {
				rc = -2;
			}
		}
	}
	if (rc == -2)
		snprintf(s->err, sizeof s->err, "写出失败：%s", strerror(errno));
	rewind(s->lf);
	return rc ? -1 : 0;
}

/* The cell fitted into cols cells: cut with "…" when too wide (never
 * inside a character), padded with spaces unless it ends the line. */
static void put_cell(FILE *f, const char *s, int cols, int last)
{
	char buf[1100], cut[1100];
	if (txt_width(s) > cols) {
		snprintf(cut, sizeof cut, "%.*s…", (int)txt_fit(s, cols - 1), s);
		s = cut;
	}
	txt_pad(buf, sizeof buf, s, cols, !last);
	fputs(buf, f);
}

static void text_row(struct rpt_stream *s, const struct due_task *t)
{
	char cell[512];
	for (int c = 0; c < RPT_NCOLS; c++) {
		rpt_cell(t, c, cell, sizeof cell);
		put_cell(s->lf, cell, s->width[c], c == RPT_NCOLS - 1);
		fputs(c == RPT_NCOLS - 1 ? "\n" : "  ", s->lf);
	}
}

static void csv_row(struct rpt_stream *s, const struct due_task *t)
{
	char cell[512];
	for (int c = 0; c < RPT_NCOLS; c++) {
		/* a number, so that a spreadsheet can sort and sum it */
		if (c == RPT_OVERDUE)
			snprintf(cell, sizeof cell, "%d", t->overdue_days);
		else
			rpt_cell(t, c, cell, sizeof cell);
		cio_write_field(s->lf, cell, c == RPT_NCOLS - 1);
	}
}

/* Text: the title and the heading, with widths fitted to the held-back
 * tasks (fit) or at their caps; then the held-back rows. */
static int text_start(struct rpt_stream *s, int fit)
{
	char cell[512], line[256];
	for (int c = 0; c < RPT_NCOLS; c++) {
		s->width[c] = txt_width(headings[c]);
		if (!fit && text_cap[c] > s->width[c])
			s->width[c] = text_cap[c];
	}
	for (size_t i = 0; fit && i < s->nahead; i++)
		for (int c = 0; c < RPT_NCOLS; c++) {
			rpt_cell(&s->ahead[i], c, cell, sizeof cell);
			int w = txt_width(cell);
			if (w > s->width[c])
				s->width[c] = w > text_cap[c] ? text_cap[c] : w;
		}
	rpt_title(s->m, line, sizeof line);
	fprintf(s->lf, "%s\n门店：%s\n\n", line, s->m->shop);
	int total = 0;
	for (int c = 0; c < RPT_NCOLS; c++) {
		put_cell(s->lf, headings[c], s->width[c], c == RPT_NCOLS - 1);
		fputs(c == RPT_NCOLS - 1 ? "\n" : "  ", s->lf);
		total += s->width[c] + (c ? 2 : 0);
	}
	for (int i = 0; i < total; i++)
		fputc('-', s->lf);
	fputc('\n', s->lf);
	s->started = 1;
	if (flush_line(s) != 0)
		return -1;
	for (size_t i = 0; i < s->nahead; i++) {
		text_row(s, &s->ahead[i]);
		if (flush_line(s) != 0)
			return -1;
	}
	free(s->ahead);
	s->ahead = NULL;
	s->nahead = 0;
	return 0;
}

struct rpt_stream *rpt_open(FILE *out, int csv, const struct rpt_meta *m, int gb18030, char *err, size_t errsz)
{
	struct rpt_stream *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errsz, "内存不足");
		return NULL;
	}
	s->out = out;
	s->csv = csv;
	s->gb18030 = gb18030;
	s->m = m;
	s->cd = (iconv_t)-1;
	if (gb18030 && (s->cd = iconv_open("GB18030", "UTF-8")) == (iconv_t)-1) {
		snprintf(err, errsz, "本机不支持 GB18030 编码转换");
		free(s);
		return NULL;
	}
	s->lf = open_memstream(&s->line, &s->linelen);
	if (!s->lf || (!csv && !(s->ahead = malloc(TEXT_AHEAD * sizeof *s->ahead)))) {
		snprintf(err, errsz, "内存不足");
		rpt_abandon(s);
		return NULL;
	}
	if (csv) {
		if (!gb18030)
			fputs("\xEF\xBB\xBF", s->lf);
		for (int c = 0; c < RPT_NCOLS; c++)
			cio_write_field(s->lf, headings[c], c == RPT_NCOLS - 1);
		if (flush_line(s) != 0) {
			snprintf(err, errsz, "%s", s->err);
			rpt_abandon(s);
			return NULL;
		}
	}
	return s;
}

int rpt_row(const struct due_task *t, void *ctx)
{
	struct rpt_stream *s = ctx;
	if (s->failed)
		return 1;
	s->n++;
	s->late += t->overdue_days > 0;
	if (!s->csv && !s->started) {
		if (s->nahead < TEXT_AHEAD) {
			s->ahead[s->nahead++] = *t;
			return 0;
		}
		if (text_start(s, 0) != 0) {
			s->failed = 1;
			return 1;
		}
	}
	if (s->csv)
		csv_row(s, t);
	else
		text_row(s, t);
	if (flush_line(s) != 0) {
		s->failed = 1;
		return 1;
	}
	return 0;
}

int rpt_close(struct rpt_stream *s, char *err, size_t errsz)
{
	int rc = s->failed ? -1 : 0;
	if (rc == 0 && !s->csv) {
		if (!s->started)
			rc = text_start(s, 1);
		if (rc == 0) {
			char line[128];
			count_line(s->n, s->late, line, sizeof line);
			fprintf(s->lf, "%s\n", line);
			rc = flush_line(s);
		}
	}
	if (rc != 0)
		snprintf(err, errsz, "%s", s->err[0] ? s->err : "内存不足");
	rpt_abandon(s);
	return rc;
}

size_t rpt_rows(const struct rpt_stream *s) { return s->n; }

void rpt_abandon(struct rpt_stream *s)
{
	if (!s)
		return;
	if (s->lf)
		fclose(s->lf);
	free(s->line);
	free(s->ahead);
	if (s->cd != (iconv_t)-1)
		iconv_close(s->cd);
	free(s);
}

static int render_all(FILE *out, int csv, const struct rpt_meta *m, const struct due_task *t, size_t n,
                      int gb18030, char *err, size_t errsz)
{
	err[0] = 0;
	struct rpt_stream *s = rpt_open(out, csv, m, gb18030, err, errsz);
	if (!s)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (rpt_row(&t[i], s) != 0)
			break;
	return rpt_close(s, err, errsz);
}

int rpt_text(FILE *out, const struct rpt_meta *m, const struct due_task *t, size_t n,
             int gb18030, char *err, size_t errsz)
{
	return render_all(out, 0, m, t, n, gb18030, err, errsz);
}

int rpt_csv(FILE *out, const struct due_task *t, size_t n, int gb18030, char *err, size_t errsz)
{
	return render_all(out, 1, NULL, t, n, gb18030, err, errsz);
}
