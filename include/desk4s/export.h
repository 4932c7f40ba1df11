/* export — a kind of record to CSV, columns labelled in Chinese, the same
 * columns the import accepts (so export → import → export gives the same
 * bytes).  UTF-8 with a BOM by default, so spreadsheets open it right, or
 * GB18030 for old Excel. */
#ifndef DESK4S_EXPORT_H
#define DESK4S_EXPORT_H
#include <stdio.h>
#include "desk4s/fdef.h"
#include "desk4s/store.h"

struct exp_opts {
	int gb18030;   /* write GB18030 instead of UTF-8 with BOM */
	/* roles that may not see numbers whole: mask_mobile masks the mobile
	 * and every other contact (landlines, e-mail, QQ, ..., the street
	 * address), mask_idno the ID number and the birth date that would give
	 * its hidden digits back (auth_mask_kind_of says which field is which) */
	int mask_mobile, mask_idno;
	/* the manufacturer's archive: cars delivered in [from, to] (YYYY-MM-DD);
	 * "" for no bound */
	char from[11], to[11];
	/* for opening in a spreadsheet: a text field's long digit codes (an ID
	 * number, an invoice number, a code with a leading zero), and text it
	 * would take for a date or a number (3/4, 9-12, 2025.10), written as a
	 * formula ="…", which Excel and WPS show as the text it is instead of
	 * 1.10105E+17 or 3月4日 (the import reads ="…" back as it was) */
	int excel;
	/* where the count of such codes goes (NULL: not wanted), so a plain
	 * export can say what a spreadsheet would do to them */
	long *long_codes;
	/* where the count of text values a spreadsheet takes for a date goes
	 * (油量 3/4 opens as 3月4日, 方便联系时间 9-12 as 9月12日), with the first
	 * as “label” value into date_like_eg (NULL: not wanted); with --excel
	 * there are none, each kept as text */
	long *date_like;
	char *date_like_eg;
	size_t date_like_egsz;
	/* called with each row's values as stored (before masking), in the
	 * form's order (NULL: not wanted) — the archive's completeness is
	 * checked by its caller through the rules */
	void (*each)(const char *const *vals, void *ctx);
	void *each_ctx;
	/* a terminal: how many rows are written so far, one line redrawn
	 * ("\r") once the export has taken a second and every second after,
	 * ended with a line feed (NULL: silent — a file, a pipe, cron) */
	FILE *progress;
	long progress_ms; /* how often instead of a second; below 0 every row (tests) */
};

/* Kinds that can be exported, NULL-terminated, and the form of each. */
const char *const *exp_kinds(void);
const char *exp_form_of(const char *kind);
/* Whether the kind takes a date range (from, to): the archive only. */
int exp_dated(const char *kind);
/* Whether the kind is a file for another system to read (the
 * manufacturer's archive upload), which wants its codes as they are and
 * not the ="…" of excel. */
int exp_for_upload(const char *kind);
/* The column after the form's in a kind whose records keep their last
 * change (customers): "更新时间", each row's as YYYY-MM-DD HH:MM:SS. */
extern const char EXP_STAMP_LABEL[];
/* Write every record of kind to out; *rows gets the count.  Returns
 * ST_OK, or an error with err naming why. */
enum st_status exp_run(struct st_db *db, const char *kind, const struct fdef_form *form, FILE *out,
                       const struct exp_opts *o, long *rows, char *err, size_t errsz);
#endif
