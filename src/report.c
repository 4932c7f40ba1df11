/* report — the due list as text and CSV.  Both are built in memory and
 * converted in one go, so GB18030 output never holds half a character and
 * a failed conversion writes nothing. */
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

void rpt_count(const struct due_task *t, size_t n, char *out, size_t outsz)
{
	size_t late = 0;
	for (size_t i = 0; i < n; i++)
		late += t[i].overdue_days > 0;
	snprintf(out, outsz, "共 %zu 条，其中逾期 %zu 条", n, late);
}

/* buf[0..len) to out, as is or converted to GB18030. */
static int emit(FILE *out, const char *buf, size_t len, int gb18030, char *err, size_t errsz)
{
	if (!gb18030) {
		if (fwrite(buf, 1, len, out) != len)
			goto write_error;
		return 0;
	}
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	if (cd == (iconv_t)-1) {
		snprintf(err, errsz, "本机不支持 GB18030 编码转换");
		return -1;
	}
	char *in = (char *)buf, chunk[8192];
	size_t inleft = len;
	int rc = 0;
	while (inleft > 0 && rc == 0) {
		char *o = chunk;
		size_t oleft = sizeof chunk;
		if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1 && errno != E2BIG) {
			snprintf(err, errsz, "无法转换为 GB18030：%s", strerror(errno));
			rc = -1;
		} else if (fwrite(chunk, 1, sizeof chunk - oleft, out) != sizeof chunk - oleft) {
			rc = -2;
		}
	}
	iconv_close(cd);
	if (rc != -2)
		return rc;
write_error:
	snprintf(err, errsz, "写出失败：%s", strerror(errno));
	return -1;
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

int rpt_text(FILE *out, const struct rpt_meta *m, const struct due_task *t, size_t n,
             int gb18030, char *err, size_t errsz)
{
	char *buf = NULL, cell[512], line[256];
	size_t len = 0;
	err[0] = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f) {
		snprintf(err, errsz, "内存不足");
		return -1;
	}
	int width[RPT_NCOLS];
	for (int c = 0; c < RPT_NCOLS; c++)
		width[c] = txt_width(headings[c]);
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < RPT_NCOLS; c++) {
			rpt_cell(&t[i], c, cell, sizeof cell);
			int w = txt_width(cell);
			if (w > width[c])
				width[c] = w > text_cap[c] ? text_cap[c] : w;
		}
	rpt_title(m, line, sizeof line);
	fprintf(f, "%s\n门店：%s\n\n", line, m->shop);
	int total = 0;
	for (int c = 0; c < RPT_NCOLS; c++) {
		put_cell(f, headings[c], width[c], c == RPT_NCOLS - 1);
		fputs(c == RPT_NCOLS - 1 ? "\n" : "  ", f);
		total += width[c] + (c ? 2 : 0);
	}
	for (int i = 0; i < total; i++)
		fputc('-', f);
	fputc('\n', f);
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < RPT_NCOLS; c++) {
			rpt_cell(&t[i], c, cell, sizeof cell);
			put_cell(f, cell, width[c], c == RPT_NCOLS - 1);
			fputs(c == RPT_NCOLS - 1 ? "\n" : "  ", f);
		}
	rpt_count(t, n, line, sizeof line);
	fprintf(f, "%s\n", line);
	int rc = fclose(f) == 0 ? emit(out, buf, len, gb18030, err, errsz) : -1;
	if (rc && !*err)
		snprintf(err, errsz, "内存不足");
	free(buf);
	return rc;
}

int rpt_csv(FILE *out, const struct due_task *t, size_t n, int gb18030, char *err, size_t errsz)
{
	char *buf = NULL, cell[512];
	size_t len = 0;
	err[0] = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f) {
		snprintf(err, errsz, "内存不足");
		return -1;
	}
	if (!gb18030)
		fputs("\xEF\xBB\xBF", f);
	for (int c = 0; c < RPT_NCOLS; c++)
		cio_write_field(f, headings[c], c == RPT_NCOLS - 1);
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < RPT_NCOLS; c++) {
			/* a number, so that a spreadsheet can sort and sum it */
			if (c == RPT_OVERDUE)
				snprintf(cell, sizeof cell, "%d", t[i].overdue_days);
			else
				rpt_cell(&t[i], c, cell, sizeof cell);
			cio_write_field(f, cell, c == RPT_NCOLS - 1);
		}
	int rc = fclose(f) == 0 ? emit(out, buf, len, gb18030, err, errsz) : -1;
	if (rc && !*err)
		snprintf(err, errsz, "内存不足");
	free(buf);
	return rc;
}
