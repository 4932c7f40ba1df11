/* report — the due list as text and CSV, written row by row as the tasks
 * come (each row converted whole, so GB18030 output never holds half a
 * character).  A caller that must not leave a partial file writes to a
 * temporary one and renames it (cli_due does). */
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/csvio.h"
#include "desk4s/oserr.h"
#include "desk4s/report.h"
#include "desk4s/text.h"

/* 应回访日: the day the call falls due, from which 逾期 counts; for 保险到期
 * and 年审到期 a month before the date the reason names (headed 到期日, a
 * list read the expiry as the day late from).  编号: a customer's number,
 * or an A卡回访's card number (A2026…), which 客户编号 had miscalled;
 * the column stays where it was, for whoever reads the CSV by position. */
static const char *const headings[RPT_NCOLS] = {
	"应回访日", "逾期(天)", "类型", "编号", "客户", "手机", "车牌", "负责人", "事由"
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

/* The stored text of a cell (the overdue count has none). */
static const char *cell_text(const struct due_task *t, int col)
{
	switch (col) {
	case RPT_DUE: return t->due_date;
	case RPT_KIND: return t->kind;
	case RPT_NO: return t->cust_no;
	case RPT_NAME: return t->name;
	case RPT_MOBILE: return t->mobile;
	case RPT_PLATE: return t->plate;
	case RPT_STAFF: return t->staff;
	case RPT_REASON: return t->reason;
	}
	return "";
}

void rpt_cell(const struct due_task *t, int col, char *out, size_t outsz)
{
	if (col == RPT_OVERDUE) {
		/* the days alone, as the CSV has them: the heading says 逾期(天) */
		if (t->overdue_days > 0)
			snprintf(out, outsz, "%d", t->overdue_days);
		else
			out[0] = 0;
		return;
	}
	clean(cell_text(t, col), out, outsz);
}

void rpt_title(const struct rpt_meta *m, char *out, size_t outsz)
{
	snprintf(out, outsz, "回访到期清单 %s 至 %s", m->from, m->to);
}

void rpt_count_line(size_t n, size_t late, char *out, size_t outsz)
{
	snprintf(out, outsz, "共 %zu 条，其中逾期 %zu 条", n, late);
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
	int width[RPT_NCOLS];       /* text: 0 for a column left out (fit_terminal) */
	int gap;                    /* text: blanks between columns */
	size_t n, late;
	struct txt_buf line;        /* rows assembled before they are written */
	int failed;
	char err[256];
};

/* Rows are assembled in one buffer of whole rows, so a character is never
 * split between two conversions; the buffer goes out when it is full.
 * Appending never fails the row: a buffer that cannot grow is reported at
 * the next flush. */
enum { LINE_FLUSH = 32768 };

static void put(struct rpt_stream *s, const char *p, size_t n)
{
	txt_buf_put(&s->line, p, n);
	s->failed |= s->line.oom;
}

static void puts_s(struct rpt_stream *s, const char *p) { put(s, p, strlen(p)); }

/* A CSV field: quoted when it holds a separator, a quote or a line break
 * (cio_write_field's rule), quotes doubled. */
static void put_csv(struct rpt_stream *s, const char *v, int last)
{
	if (!cio_needs_quotes(v)) {
		puts_s(s, v);
	} else {
		put(s, "\"", 1);
		for (const char *q; (q = strchr(v, '"')); v = q + 1)
			put(s, v, (size_t)(q - v + 1)), put(s, "\"", 1);
		puts_s(s, v);
		put(s, "\"", 1);
	}
	put(s, last ? "\n" : ",", 1);
}

/* The rows assembled so far, to the output: as is or in GB18030. */
static int flush_line(struct rpt_stream *s)
{
	if (s->failed) {
		snprintf(s->err, sizeof s->err, "内存不足");
		return -1;
	}
	size_t len = s->line.len;
	int rc = 0;
	if (!s->gb18030) {
		if (len && fwrite(s->line.s, 1, len, s->out) != len)
			rc = -2;
	} else {
		char *in = s->line.s, chunk[8192];
		size_t inleft = len;
		while (inleft > 0 && rc == 0) {
			char *o = chunk;
			size_t oleft = sizeof chunk;
			if (iconv(s->cd, &in, &inleft, &o, &oleft) == (size_t)-1 && errno != E2BIG) {
				snprintf(s->err, sizeof s->err, "无法转换为 GB18030：%s", oserr_text(errno));
				rc = -1;
			} else if (fwrite(chunk, 1, sizeof chunk - oleft, s->out) != sizeof chunk - oleft) {
				rc = -2;
			}
		}
	}
	if (rc == -2)
		snprintf(s->err, sizeof s->err, "写出失败：%s", oserr_text(errno));
	s->line.len = 0;
	return rc ? -1 : 0;
}

/* The cell fitted into cols cells: cut with "…" when too wide (never
 * inside a character), padded with spaces unless it ends the line. */
static void put_cell(struct rpt_stream *s, const char *v, int cols, int last)
{
	char buf[1100];
	put(s, buf, txt_cell(buf, sizeof buf, v, cols, !last));
}

/* One line of the table: the cells of the columns shown (the reason,
 * last, is never left out), gap blanks apart. */
static void text_line(struct rpt_stream *s, const char *const *v)
{
	for (int c = 0; c < RPT_NCOLS; c++) {
		if (s->width[c] == 0)
			continue;
		put_cell(s, v[c], s->width[c], c == RPT_NCOLS - 1);
		put(s, c == RPT_NCOLS - 1 ? "\n" : "  ", c == RPT_NCOLS - 1 ? 1 : (size_t)s->gap);
	}
}

static void text_row(struct rpt_stream *s, const struct due_task *t)
{
	char cell[RPT_NCOLS][512];
	const char *v[RPT_NCOLS];
	for (int c = 0; c < RPT_NCOLS; c++) {
		v[c] = cell[c];
		cell[c][0] = 0;
		if (s->width[c] > 0)
			rpt_cell(t, c, cell[c], sizeof cell[c]);
	}
	text_line(s, v);
}

/* Text that goes into a CSV row as it is: no control character to clean,
 * nothing to quote (almost every cell). */
static int csv_plain(const char *v)
{
	if (*v == ' ')
		return 0;
	for (; *v; v++)
		if ((unsigned char)*v < 0x20 || *v == 0x7f || *v == ',' || *v == '"')
			return 0;
	return 1;
}

static void csv_row(struct rpt_stream *s, const struct due_task *t)
{
	char cell[512];
	for (int c = 0; c < RPT_NCOLS; c++) {
		int last = c == RPT_NCOLS - 1;
		const char *w = cell;
		/* a number, so that a spreadsheet can sort and sum it */
		if (c == RPT_OVERDUE) {
			snprintf(cell, sizeof cell, "%d", t->overdue_days);
		} else {
			const char *v = cell_text(t, c);
			if (csv_plain(v) && !cio_runs_as_formula(v)) {
				puts_s(s, v);
				put(s, last ? "\n" : ",", 1);
				continue;
			}
			rpt_cell(t, c, cell + 1, sizeof cell - 1);
			w = cell + 1;
			if (cio_runs_as_formula(w)) {
				cell[0] = '\'';
				w = cell;
			}
		}
		put_csv(s, w, last);
	}
}

/* The width of a row as the columns now stand. */
static int row_width(const struct rpt_stream *s)
{
	int total = 0, shown = 0;
	for (int c = 0; c < RPT_NCOLS; c++)
		if (s->width[c] > 0)
			total += s->width[c], shown++;
	return total + (shown - 1) * s->gap;
}

/* Columns a and b narrowed by what the row is wider than cols, not below
 * their floors: a cell at a time from the one further above its floor, so
 * that neither is cut to the bone while the other keeps all it had. */
static void narrow(struct rpt_stream *s, int a, int fa, int b, int fb, int cols)
{
	for (int over = row_width(s) - cols; over > 0; over--) {
		int ea = s->width[a] - fa, eb = s->width[b] - fb;
		if (ea <= 0 && eb <= 0)
			break;
		s->width[ea >= eb ? a : b]--;
	}
}

/* A terminal shows a line wider than itself wrapped, which breaks every
 * row of the table in two: the columns are narrowed until a row fits, in
 * the order that keeps a call possible.  One blank between columns first;
 * then the name and the reason are cut, but no further than a name tells
 * two branches apart and a reason keeps its date ("保险到期 2026-12-20");
 * then whole columns go that a call does without -- the customer number,
 * the plate, the staff member; only a terminal narrower still (about 70
 * columns) cuts the name and the reason further, to their headings (the
 * date and the mobile are never cut: a part of them is of no use).  Room
 * a column left behind goes back to the reason, the name and the staff. */
static void fit_terminal(struct rpt_stream *s, int cols)
{
	static const int leave_out[] = { RPT_NO, RPT_PLATE, RPT_STAFF };
	int full[RPT_NCOLS];
	memcpy(full, s->width, sizeof full);
	if (row_width(s) > cols)
		s->gap = 1;
	narrow(s, RPT_NAME, 10, RPT_REASON, 20, cols);
	int staff = txt_width(headings[RPT_STAFF]);
	narrow(s, RPT_STAFF, staff, RPT_STAFF, staff, cols); /* one column, given twice */
	for (size_t i = 0; i < sizeof leave_out / sizeof *leave_out && row_width(s) > cols; i++)
		s->width[leave_out[i]] = 0;
	narrow(s, RPT_NAME, txt_width(headings[RPT_NAME]), RPT_REASON, txt_width(headings[RPT_REASON]), cols);
	static const int give_back[] = { RPT_REASON, RPT_NAME, RPT_STAFF };
	for (size_t i = 0; i < sizeof give_back / sizeof *give_back; i++) {
		int c = give_back[i], extra = cols - row_width(s);
		if (extra > 0 && s->width[c] > 0 && s->width[c] < full[c])
			s->width[c] += extra < full[c] - s->width[c] ? extra : full[c] - s->width[c];
	}
}

/* Text: the title and the heading, with widths fitted to the held-back
 * tasks' cells (measured) or at their caps, narrowed to a terminal; then
 * the held-back rows. */
static int text_start(struct rpt_stream *s, int measured)
{
	char cell[512], line[1024];
	for (int c = 0; c < RPT_NCOLS; c++) {
		s->width[c] = txt_width(headings[c]);
		if (!measured && text_cap[c] > s->width[c])
			s->width[c] = text_cap[c];
	}
	for (size_t i = 0; measured && i < s->nahead; i++)
		for (int c = 0; c < RPT_NCOLS; c++) {
			rpt_cell(&s->ahead[i], c, cell, sizeof cell);
			int w = txt_width(cell);
			if (w > s->width[c])
				s->width[c] = w > text_cap[c] ? text_cap[c] : w;
		}
	s->gap = 2;
	if (s->m->width > 0)
		fit_terminal(s, s->m->width);
	rpt_title(s->m, cell, sizeof cell);
	snprintf(line, sizeof line, "%s\n门店：%s%s%s\n\n", cell, s->m->shop, *s->m->filter ? "　　" : "",
	         s->m->filter);
	puts_s(s, line);
	text_line(s, headings);
	for (int i = row_width(s); i > 0; i--)
		put(s, "-", 1);
	put(s, "\n", 1);
	s->started = 1;
	if (flush_line(s) != 0)
		return -1;
	for (size_t i = 0; i < s->nahead; i++)
		text_row(s, &s->ahead[i]);
	if (flush_line(s) != 0)
		return -1;
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
	if (!csv && !(s->ahead = malloc(TEXT_AHEAD * sizeof *s->ahead))) {
		snprintf(err, errsz, "内存不足");
		rpt_abandon(s);
		return NULL;
	}
	if (csv) {
		if (!gb18030)
			puts_s(s, "\xEF\xBB\xBF");
		for (int c = 0; c < RPT_NCOLS; c++)
			put_csv(s, headings[c], c == RPT_NCOLS - 1);
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
		/* a terminal's list is measured on its first tasks all the same:
		 * the caps are wider than most terminals, and a later cell wider
		 * than its column is cut with "…" there anyway */
		if (text_start(s, s->m->width > 0) != 0) {
			s->failed = 1;
			return 1;
		}
	}
	if (s->csv)
		csv_row(s, t);
	else
		text_row(s, t);
	if ((s->line.len >= LINE_FLUSH || s->failed) && flush_line(s) != 0) {
		s->failed = 1;
		return 1;
	}
	return 0;
}

/* Under the count, the columns a narrow terminal did not show: a reader
 * must not take the list for all there is. */
static void left_out_line(struct rpt_stream *s)
{
	char names[128] = "";
	for (int c = 0; c < RPT_NCOLS; c++)
		if (s->width[c] == 0)
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", *names ? "、" : "",
			         headings[c]);
	if (!*names)
		return;
	char line[320];
	snprintf(line, sizeof line, "终端宽 %d 列，未列出%s；%s\n", s->m->width, names,
	         s->m->no_export ? "放宽终端窗口可看到完整的清单。" : "完整的清单请放宽终端窗口，或用 --out 写入文件。");
	puts_s(s, line);
}

int rpt_close(struct rpt_stream *s, char *err, size_t errsz)
{
	int rc = s->failed ? -1 : 0;
	if (rc == 0 && !s->csv) {
		if (!s->started)
			rc = text_start(s, 1);
		if (rc == 0) {
			char line[128];
			rpt_count_line(s->n, s->late, line, sizeof line);
			puts_s(s, line);
			put(s, "\n", 1);
			left_out_line(s);
		}
	}
	if (rc == 0)
		rc = flush_line(s);
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
	free(s->line.s);
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

/* ---- writing on a second thread ---- */

/* Two batches: the reader fills one while the writer writes the other, so
 * the threads meet once per batch, not once per task. */
enum { ASYNC_BATCH = 256 };

struct rpt_async {
	struct rpt_stream *s;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct due_task b[2][ASYNC_BATCH];
	size_t n[2];
	int ready[2];       /* batch i waits for the writer */
	int fill;           /* the batch the reader fills */
	int done;           /* the reader has no more */
	int failed;         /* a row could not be written */
};

static void *async_writer(void *arg)
{
	struct rpt_async *a = arg;
	for (int k = 0;; k ^= 1) {
		pthread_mutex_lock(&a->mu);
		while (!a->ready[k] && !a->done)
			pthread_cond_wait(&a->cv, &a->mu);
		if (!a->ready[k]) {
			pthread_mutex_unlock(&a->mu);
			return NULL;
		}
		int failed = a->failed;
		pthread_mutex_unlock(&a->mu);
		for (size_t i = 0; i < a->n[k] && !failed; i++)
			failed = rpt_row(&a->b[k][i], a->s) != 0;
		pthread_mutex_lock(&a->mu);
		a->failed |= failed;
		a->ready[k] = 0;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
	}
}

struct rpt_async *rpt_async_start(struct rpt_stream *s)
{
	struct rpt_async *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->s = s;
	if (pthread_mutex_init(&a->mu, NULL) != 0) {
		free(a);
		return NULL;
	}
	if (pthread_cond_init(&a->cv, NULL) != 0) {
		pthread_mutex_destroy(&a->mu);
		free(a);
		return NULL;
	}
	if (pthread_create(&a->th, NULL, async_writer, a) != 0) {
		pthread_cond_destroy(&a->cv);
		pthread_mutex_destroy(&a->mu);
		free(a);
		return NULL;
	}
	return a;
}

/* Hand the batch being filled to the writer and wait until the other one
 * is free again; returns the writer's failure. */
static int async_hand_over(struct rpt_async *a, int last)
{
	pthread_mutex_lock(&a->mu);
	a->ready[a->fill] = a->n[a->fill] > 0;
	a->done = last;
	pthread_cond_broadcast(&a->cv);
	a->fill ^= 1;
	if (!last) {
		while (a->ready[a->fill])
			pthread_cond_wait(&a->cv, &a->mu);
		a->n[a->fill] = 0;
	}
	int failed = a->failed;
	pthread_mutex_unlock(&a->mu);
	return failed;
}

int rpt_async_row(const struct due_task *t, void *ctx)
{
	struct rpt_async *a = ctx;
	a->b[a->fill][a->n[a->fill]++] = *t;
	return a->n[a->fill] == ASYNC_BATCH ? async_hand_over(a, 0) : 0;
}

int rpt_async_finish(struct rpt_async *a)
{
	async_hand_over(a, 1);
	pthread_join(a->th, NULL);
	int failed = a->failed;
	pthread_cond_destroy(&a->cv);
	pthread_mutex_destroy(&a->mu);
	free(a);
	return failed ? -1 : 0;
}
