/* report — a due list (issue 7) as text for a terminal or CSV for a
 * spreadsheet, and the cells both share with the PDF (pdf.h).  No SQL, no
 * curses: it is handed the tasks due_list produced. */
#ifndef DESK4S_REPORT_H
#define DESK4S_REPORT_H
#include <stddef.h>
#include <stdio.h>
#include "desk4s/due.h"

/* What heads the list: the date range, the shop, when it was made. */
struct rpt_meta {
	char from[11], to[11];   /* YYYY-MM-DD */
	const char *shop;
	char generated[20];      /* YYYY-MM-DD HH:MM:SS */
};

/* The tasks of one listing, in due_list's order. */
struct rpt_list {
	struct due_task *v;
	size_t n, cap;
};
/* A due_fn appending to the rpt_list ctx; stops the listing (non-zero)
 * when memory runs out, which rpt_collect_failed then reports. */
int rpt_collect(const struct due_task *t, void *ctx);
int rpt_collect_failed(const struct rpt_list *l);
void rpt_free(struct rpt_list *l);

enum { RPT_DUE, RPT_OVERDUE, RPT_KIND, RPT_NO, RPT_NAME, RPT_MOBILE, RPT_PLATE, RPT_STAFF,
       RPT_REASON, RPT_NCOLS };
/* The column headings, in column order. */
const char *rpt_heading(int col);
/* One cell as shown on screen and paper ("逾期3天" for the overdue column;
 * CSV writes the bare number of days instead). */
void rpt_cell(const struct due_task *t, int col, char *out, size_t outsz);
/* "回访到期清单 2026-11-23 至 2026-11-23" into out. */
void rpt_title(const struct rpt_meta *m, char *out, size_t outsz);
/* "共 3 条，其中逾期 1 条" into out. */
void rpt_count(const struct due_task *t, size_t n, char *out, size_t outsz);

/* Plain text in columns lined up by display width (txt_width), long
 * cells cut at a character boundary and marked with "…". */
int rpt_text(FILE *out, const struct rpt_meta *m, const struct due_task *t, size_t n,
             int gb18030, char *err, size_t errsz);
/* CSV: a heading row and one row per task; UTF-8 with a BOM so that a
 * spreadsheet opens it right, or GB18030 (no BOM) for old Excel. */
int rpt_csv(FILE *out, const struct due_task *t, size_t n, int gb18030, char *err, size_t errsz);
#endif
