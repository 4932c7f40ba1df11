/* report — a due list (issue 7) as text for a terminal or CSV for a
 * spreadsheet, and the cells both share with the PDF (pdf.h).  No SQL, no
 * curses: it is handed the tasks due_list produced. */
#ifndef DESK4S_REPORT_H
#define DESK4S_REPORT_H
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include "desk4s/due.h"

/* What heads the list: the date range, the shop, when it was made. */
struct rpt_meta {
	char from[11], to[11];   /* YYYY-MM-DD */
	const char *shop;
	/* the filters beyond the dates ("类型：保险到期　　负责人：郑凯"), or
	 * "": a sheet printed for one person or kind says so under its title */
	char filter[200];
	char generated[20];      /* YYYY-MM-DD HH:MM:SS */
	/* the caller's stop flag (cli_stop_catch), or NULL: a PDF of a
	 * month's thousands of pages stops between rows when it is set */
	volatile sig_atomic_t *stop;
	/* a terminal (stderr), or NULL: a PDF that takes longer than
	 * progress_ms (1000 when 0) says how far it got, on one line redrawn */
	FILE *progress;
	int progress_ms;
	/* text: the width in cells of the terminal it is shown on, or 0 (a
	 * file, paper): the table is narrowed to it, as said below */
	int width;
	/* the role may not carry the list off (导出): the narrowed table's
	 * note does not send it to --out */
	int no_export;
};

enum { RPT_DUE, RPT_OVERDUE, RPT_KIND, RPT_NO, RPT_NAME, RPT_MOBILE, RPT_PLATE, RPT_STAFF,
       RPT_REASON, RPT_NCOLS };
/* The column headings, in column order. */
const char *rpt_heading(int col);
/* One cell as shown on screen and paper ("逾期3天" for the overdue column;
 * CSV writes the bare number of days instead). */
void rpt_cell(const struct due_task *t, int col, char *out, size_t outsz);
/* "回访到期清单 2026-11-23 至 2026-11-23" into out. */
void rpt_title(const struct rpt_meta *m, char *out, size_t outsz);
/* "共 3 条，其中逾期 1 条" into out: n tasks, `late` of them overdue. */
void rpt_count_line(size_t n, size_t late, char *out, size_t outsz);

/* A listing written row by row as due_list hands the tasks over, so its
 * size costs no memory: rpt_open, then rpt_row as the due_fn (ctx is the
 * stream; non-zero when writing failed), then rpt_close, which writes the
 * footer and frees the stream (0, or -1 with err).  rpt_abandon frees a
 * stream without finishing it.
 *   text  columns lined up by display width (txt_width), long cells cut at
 *         a character boundary and marked with "…"; widths fitted to the
 *         cells of a list of up to 1000 tasks, at the columns' caps beyond
 *         (a terminal's: to its first 1000); for a terminal (m->width)
 *         narrowed until a row fits: one blank between columns, the name
 *         and the reason cut to 10 and 20 cells, then 客户编号, 车牌
 *         and 负责人 left out in that order
 *         (a line under the count says which), and only then the name
 *         and the reason cut further;
 *   csv   a heading row and one row per task; UTF-8 with a BOM so that a
 *         spreadsheet opens it right, or GB18030 (no BOM) for old Excel. */
struct rpt_stream;
struct rpt_stream *rpt_open(FILE *out, int csv, const struct rpt_meta *m, int gb18030, char *err, size_t errsz);
int rpt_row(const struct due_task *t, void *ctx);
size_t rpt_rows(const struct rpt_stream *s);
int rpt_close(struct rpt_stream *s, char *err, size_t errsz);
void rpt_abandon(struct rpt_stream *s);

/* The same stream written on a second thread while the caller reads the
 * next tasks (a month of a large shop is half reading, half writing):
 * rpt_async_start, rpt_async_row as the due_fn (non-zero once writing
 * failed), then rpt_async_finish, which waits for the writer (0, or -1
 * when a row could not be written); the stream is closed by the caller as
 * before.  NULL from start (no thread): use rpt_row directly. */
struct rpt_async;
struct rpt_async *rpt_async_start(struct rpt_stream *s);
int rpt_async_row(const struct due_task *t, void *ctx);
int rpt_async_finish(struct rpt_async *a);
/* The same for tasks already in memory. */
int rpt_text(FILE *out, const struct rpt_meta *m, const struct due_task *t, size_t n,
             int gb18030, char *err, size_t errsz);
int rpt_csv(FILE *out, const struct due_task *t, size_t n, int gb18030, char *err, size_t errsz);
#endif
