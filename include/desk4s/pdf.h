/* pdf — a due list as an A4 PDF (landscape: nine columns at a readable
 * 9 pt), laid out by Pango and drawn by Cairo with Noto Sans CJK SC found
 * through fontconfig; Cairo embeds the subset of the font it used, so the
 * page prints the same anywhere.  No SQL, no curses. */
#ifndef DESK4S_PDF_H
#define DESK4S_PDF_H
#include <stddef.h>
#include <stdio.h>
#include "desk4s/due.h"
#include "desk4s/report.h"

/* The font asked of fontconfig; another CJK font may stand in for it. */
#define PDF_FONT "Noto Sans CJK SC"

/* Write the list to out: every page has the title, date range, shop,
 * generation time and the column headings; "第 N 页 / 共 M 页" at the foot;
 * the count after the last row.  0, or -1 with err (no font able to draw
 * Chinese, a write error). */
int pdf_due(FILE *out, const struct rpt_meta *m, const struct due_task *t, size_t n,
            char *err, size_t errsz);
/* The same from a source that lists the tasks afresh on each call, in the
 * same order (due_list's signature without the filter): the PDF reads them
 * twice — widths and page count, then the pages — instead of holding them.
 * Returns as pdf_due; a source that fails leaves its err. */
typedef long (*pdf_source)(void *src, due_fn fn, void *ctx, char *err, size_t errsz);
int pdf_due_from(FILE *out, const struct rpt_meta *m, pdf_source list, void *src, char *err,
                 size_t errsz);
#endif
