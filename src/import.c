/* import — CSV rows to records: map the header by key or Chinese label,
 * check each row with the rules engine (on a reader thread, ahead of the
 * store), store it inside a savepoint so a refused row leaves nothing
 * behind, commit in batches. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "desk4s/acard.h"
#include "desk4s/alias.h"
#include "desk4s/audit.h"
#include "desk4s/clock.h"
#include "desk4s/complaint.h"
#include "desk4s/csvio.h"
#include "desk4s/customer.h"
#include "desk4s/due.h"
#include "desk4s/export.h"
#include "desk4s/fpath.h"
#include "desk4s/import.h"
#include "desk4s/fsafe.h"
#include "desk4s/import_runs.h"
#include "desk4s/oserr.h"
#include "desk4s/ring.h"
#include "desk4s/rules.h"
#include "desk4s/sha256.h"
#include "desk4s/text.h"
#include "desk4s/validate.h"
#include "desk4s/vehicle.h"
#include "desk4s/visit.h"
#include "desk4s/workorder.h"

/* Big enough to amortise the commit, small enough that an interrupted
 * import loses little work. */
enum { BATCH = 5000 };

struct imp;

enum merge_result { MERGE_NONE, MERGE_DONE, MERGE_REFUSED, MERGE_FATAL };

/* What differs between kinds: where a checked record goes, and which of
 * its keys must not already exist. */
struct kind {
	const char *name;   /* "customers" */
	const char *form;   /* "customer" */
	const char *label;  /* "客户", for messages and the log */
	enum st_status (*store)(struct imp *im, char *err, size_t errsz);
	void (*duplicates)(struct imp *im, struct rule_list *l, int *refuse);
	/* --update: fold the row into the record it matches, if any */
	enum merge_result (*merge)(struct imp *im, struct rule_list *l, char *err, size_t errsz);
	const struct one_go *one_go; /* a large file may be loaded in one go (NULL: never) */
	/* the stored record a duplicate row repeats, by the id its duplicate
	 * check found (row_is_stored) */
	enum st_status (*load)(struct imp *im, int64_t id, struct rec *r, char *err, size_t errsz);
	/* its records keep their last change and the usage log names each
	 * field changed (customers): a file's 更新时间 tells an --update merge
	 * which side is newer */
	int stamped;
};

/* A load in one go (bulk_start): how many records the kind has now, and
 * the store module's start, end (which frees) and abandonment of it. */
struct one_go {
	int cache_kib; /* SQLite's page cache meanwhile (st_bulk_one_go) */
	int64_t (*count)(struct st_db *db);
	void *(*begin)(struct imp *im, long est);
	enum st_status (*end)(struct imp *im, void *b, const char *today);
	void (*release)(void *b);
};

/* The last column of the file of refused rows: why each row was refused.
 * A column of that name in a file imported is this one, ignored. */
static const char REASON_COLUMN[] = "拒绝原因";

/* What a row without a customer number gives to find its customer by
 * (forms/headers.csv keys @name, @mobile, @plate). */
enum { FIND_NAME, FIND_MOBILE, FIND_PLATE, FIND_N };
static const char *const finder_keys[FIND_N] = { "@name", "@mobile", "@plate" };

/* Records stored one after another from lines one after another: a clean
 * file of a million rows is one run, so what is kept grows with the file's
 * irregularities (refused rows, multi-line records), not its rows. */
struct mine_run {
	int64_t id;
	long line, n; /* ids id..id+n-1 came from lines line..line+n-1 */
};

struct imp {
	const struct kind *kind;
	struct st_db *db;
	const struct fdef_form *form;
	const struct imp_opts *o;
	struct imp_stats *st;
	struct rec *rec;    /* the row being stored (a reader slot's) */
	const unsigned char *said_no; /* per field of rec: the file's cell said no in a box (its slot's) */
	int *colmap;        /* CSV column -> field index, -1 ignored */
	int by_content;     /* a column read by its content (电话: a mobile or a landline), or -1 */
	int content_to[2];  /* its fields: a valid mobile to [0], anything else to [1] */
	struct {            /* columns of times of day (时间, 结算时间) for the dates other columns give */
		int col;        /* the time column */
		int to;         /* the date-and-time field they make together (到店时间, 完工时间) */
	} times[4];
	int ntimes;
	int finder[FIND_N]; /* columns that find the customer of a row without its number (客户姓名, 联系电话,
	                     * 车牌号 of a complaint book), or -1 */
	int ncols;
	int header_done;
	long title_line;    /* a title above the header (2025年客户名单), skipped; 0 none */
	char title[128];    /* ... its text, cut to whole characters */
	int titles;         /* ... how many such lines (导出时间：… under it), up to IMP_TITLES */
	char title_where[64]; /* ... "第1行", "第1至2行", as said */
	int short_noted;    /* a row shorter than the header was reported */
	int in_batch;
	FILE *report;
	char report_real[PATH_MAX]; /* the report's resolved path, kept with each batch */
	char *err;
	size_t errsz;
	int fatal;
	int incomplete;     /* the row being stored lacks required values */
	int64_t run_id;     /* import_runs row, 0 in a dry run */
	long skip_through;  /* records starting at or before this line are in already */
	long prior_rows;    /* rows an earlier run of this file imported */
	long prior_refused; /* ... and refused */
	struct {            /* the file of refused rows (o->refused) */
		FILE *f;        /* open, or NULL */
		off_t kept;     /* its length up to the last committed batch */
		long rows, rows_kept; /* rows written, and of them in committed batches */
		char *head;     /* the file's header as a CSV line, written before the first row */
		size_t head_len;
		char real[PATH_MAX]; /* its resolved path, kept with each batch */
		unsigned char *dropped; /* columns named 拒绝原因 (a refused file imported again): not read,
		                         * not copied, so a row refused again carries its new reasons only */
		char **cell;    /* the reader thread's view of a row as written there */
		size_t *cell_len;
		int cells;      /* room in cell and cell_len */
		char *tail;     /* the reader thread's cells past the header, as a CSV line */
		size_t tail_len, tail_cap;
		char *why;      /* the refusals reported for the row being handled, joined by "；" */
		size_t why_len, why_cap;
		long why_line;  /* that row's line */
		int why_oom;
	} refused;
	struct rec *merged; /* --update: the stored record the row is folded into; else the one a
	                     * duplicate row is compared with */
	int64_t dup_of;     /* the stored record the row's duplicate keys name: 0 none, -1 two */
	struct {            /* the records this run stored and the lines that brought them, so a
	                     * row repeating one is told from a record in before the run */
		struct mine_run *v; /* rising ids: a new row's id is above every id in its table */
		size_t n, cap;
	} mine;
	int64_t car;        /* which of that customer's cars a customer row means (cust_car_for_vin) */
	int stamp_col;      /* the column of the records' last change (更新时间), or -1 */
	const char *stamp;  /* the row's, YYYY-MM-DD HH:MM:SS, or "" (its slot's) */
	const char *stamp_shown; /* ... as the file gave it (stamp_of) */
	void *bulk;         /* a load in one go (cust_bulk, wo_bulk): one transaction, indexes built at the end */
	long last_line;     /* start line of the last record handled */
	int by_day;         /* repair orders: rows without a number, opened on a day only, are told
	                     * apart by their place among the file's rows of that car and day */
	struct {            /* ... how many such rows of each car and day came so far (a hash of
	                     * the car and the day, 0 for a free place, and its count) */
		uint64_t *key;
		long *count;
		size_t n, cap;
	} days;
	long day_nth;       /* the row being stored is the day_nth of its car and day, or 0 */
	size_t day_slot;    /* ... its count's slot in days, so a refusal gives the place back */
	time_t last_progress;
	time_t finish_started; /* a load in one go's end began (its ticks count from here) */
};

/* A line for the terminal, among the first IMP_SHOWN of its kind,
 * standing for `count` report lines. */
static void show_line(struct imp *im, long line, int error, const char *msg, int count)
{
	struct imp_stats *st = im->st;
	int e = error != 0;
	if (st->nshown[e] < IMP_SHOWN) {
		st->shown_for[e][st->nshown[e]] = count;
		/* two terminal lines at most: a 10 MB field's message is cut */
		char *out = st->shown[e][st->nshown[e]++];
		snprintf(out, sizeof st->shown[e][0], "第%ld行（%s）%s", line, e ? "拒绝" : "提示", msg);
		size_t fit = txt_fit(out, 156);
		if (out[fit])
			memcpy(out + fit, "…", sizeof "…");
	}
}

/* A refusal of the row being handled, kept for the reason column of the
 * file of refused rows: the report's words, several joined by "；". */
static void reason_add(struct imp *im, const char *msg)
{
	size_t n = strlen(msg), sep = im->refused.why_len ? strlen("；") : 0;
	if (im->refused.why_len + sep + n + 1 > im->refused.why_cap) {
		size_t cap = (im->refused.why_len + sep + n + 1) * 2;
		char *w = realloc(im->refused.why, cap);
		if (!w) {
			im->refused.why_oom = 1;
			return;
		}
		im->refused.why = w;
		im->refused.why_cap = cap;
	}
	char *at = im->refused.why + im->refused.why_len;
	if (sep)
		memcpy(at, "；", sep);
	memcpy(at + sep, msg, n + 1);
	im->refused.why_len += sep + n;
}

/* A problem: counted, in the report, and on the terminal when shown. */
static void report_line_shown(struct imp *im, long line, const char *field, const char *label,
                              const char *code, int error, const char *msg, int shown)
{
	im->st->problems++;
	if (shown)
		show_line(im, line, error, msg, 1);
	if (error && im->refused.f && line == im->refused.why_line)
		reason_add(im, msg);
	if (!im->report)
		return;
	char num[32];
	snprintf(num, sizeof num, "%ld", line);
	cio_write_field(im->report, num, 0);
	cio_write_field(im->report, field, 0);
	cio_write_field(im->report, label, 0);
	cio_write_field(im->report, code, 0);
	cio_write_field(im->report, error ? "error" : "warning", 0);
	cio_write_field(im->report, msg, 1);
}

static void report_line(struct imp *im, long line, const char *field, const char *label,
                        const char *code, int error, const char *msg)
{
	report_line_shown(im, line, field, label, code, error, msg, 1);
}

/* A refusal from the store ("客户编号：客户 C00000009 不存在"): its field,
 * when the message starts with one of the form's labels or keys, goes in
 * the report's field and label columns like a rule's.  Not said again when
 * the row's problems, reported beside it, say it already (a required field
 * the store refuses without, as 战败原因 on a card ended 战败). */
/* The form's field a store message names by its column ("（table.column）",
 * st_fail), or -1; *at is where the brackets start. */
static int field_in_message(const struct imp *im, const char *msg, const char **at)
{
	for (int f = 0; f < im->form->nfields; f++) {
		const struct fdef_field *fd = &im->form->fields[f];
		char col[160];
		snprintf(col, sizeof col, "（%s.%s）", fd->table, fd->column);
		if ((*at = strstr(msg, col)) != NULL)
			return f;
	}
	return -1;
}

/* The field a refusal of a CHECK across fields (st_fail: "不符合数据库的
 * 检查规则（status <> '已取消' OR cancel_reason <> ''）") is about: one whose
 * column it names and that the rules refused or found empty already, or
 * -1.  Said again, the check was the row's one cause twice (取消原因：必填项，
 * then the schema's words for it). */
static int check_field(const struct imp *im, const struct rule_list *l, const char *msg)
{
	const char *check = strstr(msg, "检查规则");
	for (size_t i = 0; check && i < l->n; i++) {
		if (l->v[i].field < 0 || (l->v[i].kind != RK_REQUIRED && l->v[i].kind != RK_INVALID))
			continue;
		const char *col = im->form->fields[l->v[i].field].column;
		size_t n = strlen(col);
		for (const char *at = strstr(check, col); n && at; at = strstr(at + 1, col)) {
			unsigned char before = (unsigned char)at[-1], after = (unsigned char)at[n];
			if (!isalnum(before) && before != '_' && !isalnum(after) && after != '_')
				return l->v[i].field;
		}
	}
	return -1;
}

static void report_refusal(struct imp *im, const struct rule_list *l, long line, const char *msg)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].msg, msg) == 0)
			return;
	const char *colon = strstr(msg, "：");
	char name[128] = "";
	if (colon && (size_t)(colon - msg) < sizeof name)
		snprintf(name, sizeof name, "%.*s", (int)(colon - msg), msg);
	int f = *name ? fdef_index(im->form, name) : -1;
	/* a constraint of the schema names its column: said as the field */
	const char *at;
	int g = f < 0 ? field_in_message(im, msg, &at) : -1;
	for (size_t i = 0; g >= 0 && i < l->n; i++)
		if (l->v[i].field == g && (l->v[i].kind == RK_REQUIRED || l->v[i].kind == RK_INVALID))
			return; /* the rules said it of that field already (必填项…) */
	if (g < 0 && f < 0 && check_field(im, l, msg) >= 0)
		return; /* the rules said it of that field already */
	if (g >= 0) {
		char said[512];
		const char *why = strstr(msg, "被数据库规则拒绝：");
		why = why ? why + strlen("被数据库规则拒绝：") : msg;
		snprintf(said, sizeof said, "%s：%.*s", im->form->fields[g].label, (int)(at > why ? at - why : 0), why);
		report_line(im, line, im->form->fields[g].key, im->form->fields[g].label, "db.constraint", 1, said);
		return;
	}
	report_line(im, line, f >= 0 ? im->form->fields[f].key : "", f >= 0 ? im->form->fields[f].label : "",
	            "db.constraint", 1, msg);
}

/* The column holding field f, or -1. */
static int column_of(const struct imp *im, int ncols, int f)
{
	for (int k = 0; k < ncols; k++)
		if (im->colmap[k] == f)
			return k;
	return -1;
}

/* A column's name as matched: normalised (full-width folded, trimmed), and
 * without the asterisks an import template marks required columns with
 * (*姓名, 手机号*). */
static void header_name(const char *raw, char *name, size_t sz)
{
	txt_normalize(raw, name, sz);
	size_t a = strspn(name, "* "), n = strlen(name);
	while (n > a && (name[n - 1] == '*' || name[n - 1] == ' '))
		n--;
	memmove(name, name + a, n - a);
	name[n - a] = 0;
}

/* A header cell as written, trimmed, for messages: folding is for
 * matching, not for quoting. */
static void header_as_written(const struct cio_row *row, int c, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s", row->f[c]);
	txt_trim(out);
}

/* The fields a key of forms/headers.csv names: one ("vin"), or two
 * ("mobile|phone1": a column read by content; "mobile|": a mobile or
 * nothing, the sheet having no field for other numbers, f[1] -1).  Their
 * count, 0 when a field is unknown. */
static int key_fields(const struct imp *im, const char *key, int f[2])
{
	const char *bar = strchr(key, '|');
	if (!bar)
		return (f[0] = fdef_index(im->form, key)) >= 0;
	char first[64];
	snprintf(first, sizeof first, "%.*s", (int)(bar - key), key);
	f[0] = fdef_index(im->form, first);
	f[1] = fdef_index(im->form, bar + 1);
	return f[0] >= 0 && f[1] >= 0 ? 2 : 0;
}

/* A column other systems fill with mobiles and landlines alike (电话,
 * key "mobile|phone1"): each value goes by what it is, a mobile to the
 * first field and anything else to the second (checked there), when no
 * other column fills either; the first such column only.  1 when the
 * column is taken so, 0 to treat it as an ordinary other name of the
 * field still free. */
static int by_content(struct imp *im, const struct cio_row *row, int c, const int f[2])
{
	if (im->by_content >= 0 || column_of(im, row->n, f[0]) >= 0 || column_of(im, row->n, f[1]) >= 0)
		return 0;
	im->by_content = c;
	im->content_to[0] = f[0];
	im->content_to[1] = f[1];
	char raw[256], msg[700];
	header_as_written(row, c, raw, sizeof raw);
	const struct fdef_field *a = &im->form->fields[f[0]];
	snprintf(msg, sizeof msg, "列“%s”按内容导入：手机号码记入“%s”，其他号码记入“%s”", raw, a->label,
	         im->form->fields[f[1]].label);
	report_line(im, row->line, a->key, a->label, "column.alias", 0, msg);
	return 1;
}

/* Column col holds the times of day of field to, whose days another column
 * gives.  0 when the field has its time column already (a second is an
 * other name as any) or there is no room. */
static int time_column(struct imp *im, int col, int to)
{
	if (im->ntimes == (int)(sizeof im->times / sizeof im->times[0]))
		return 0;
	for (int i = 0; i < im->ntimes; i++)
		if (im->times[i].to == to)
			return 0;
	im->times[im->ntimes].col = col;
	im->times[im->ntimes++].to = to;
	return 1;
}

/* 1 when column col holds times of day of a date-and-time field. */
static int time_column_at(const struct imp *im, int col)
{
	for (int i = 0; i < im->ntimes; i++)
		if (im->times[i].col == col)
			return 1;
	return 0;
}

/* A column of times of day (时间, key "arrive_at+time") beside the date
 * column of a date-and-time field (日期): a receptionist's spreadsheet
 * keeps them apart; prepare_row joins them.  Without a date column it is
 * the field itself (进厂时间 holding 2024-05-10 09:15).  1 when taken so. */
static int time_of_day(struct imp *im, int c, const char *key)
{
	size_t n = strlen(key);
	if (n < 6 || strcmp(key + n - 5, "+time") != 0)
		return 0;
	char base[64];
	snprintf(base, sizeof base, "%.*s", (int)(n - 5), key);
	int f = fdef_index(im->form, base);
	return f >= 0 && time_column(im, c, f);
}

/* Another name of a date-and-time field whose column is taken already
 * (到店日期 beside 到店时间): the day, the taken column its time — the pair
 * a log keeps apart.  The taken column becomes a time column (a cell of
 * it with its own date is still the value whole).  1 when taken so. */
static int dated_by(struct imp *im, int c, int k, int f)
{
	if (!time_column(im, k, f))
		return 0;
	im->colmap[k] = -1;
	im->colmap[c] = f;
	return 1;
}

static int has_finders(const struct imp *im)
{
	return im->finder[FIND_NAME] >= 0 || im->finder[FIND_MOBILE] >= 0 || im->finder[FIND_PLATE] >= 0;
}

/* A column that finds the customer of a row without its number (key
 * @name, @mobile, @plate), on a sheet whose customer number is its key;
 * the first of each.  1 when taken so. */
static int finder_column(struct imp *im, const struct cio_row *row, int c, const char *key)
{
	int f = fdef_index(im->form, "cust_no");
	if (*key != '@' || f < 0 || !(im->form->fields[f].flags & FF_KEY))
		return 0;
	for (int i = 0; i < FIND_N; i++) {
		if (strcmp(key, finder_keys[i]) != 0 || im->finder[i] >= 0)
			continue;
		im->finder[i] = c;
		char raw[256], msg[600];
		header_as_written(row, c, raw, sizeof raw);
		snprintf(msg, sizeof msg, "列“%s”不导入，用于在没有客户编号的行找出客户", raw);
		report_line_shown(im, row->line, "cust_no", im->form->fields[f].label, "column.finder", 0, msg, 0);
		return 1;
	}
	return 0;
}

/* The finder columns, said on one terminal line for them all. */
static void finders_said(struct imp *im, const struct cio_row *row)
{
	char msg[900] = "", raw[256];
	size_t len = 0;
	int n = 0;
	for (int i = 0; i < FIND_N; i++) {
		if (im->finder[i] < 0)
			continue;
		header_as_written(row, im->finder[i], raw, sizeof raw);
		len += (size_t)snprintf(msg + len, sizeof msg - len, "%s“%s”", n++ ? "、" : "列", raw);
		if (len >= sizeof msg)
			return;
	}
	if (n) {
		snprintf(msg + len, sizeof msg - len, "不导入，用于在没有客户编号的行找出客户");
		show_line(im, row->line, 0, msg, n);
	}
}

/* After the header is mapped: said how each time column is read; one
 * without a date column is the field itself. */
static void time_of_day_said(struct imp *im, const struct cio_row *row)
{
	int kept = 0;
	for (int i = 0; i < im->ntimes; i++) {
		int col = im->times[i].col, to = im->times[i].to;
		const struct fdef_field *fd = &im->form->fields[to];
		char raw[256], msg[600];
		header_as_written(row, col, raw, sizeof raw);
		int d = column_of(im, row->n, to);
		if (d < 0) {
			im->colmap[col] = to;
			snprintf(msg, sizeof msg, "列“%s”按“%s”导入", raw, fd->label);
			report_line(im, row->line, fd->key, fd->label, "column.alias", 0, msg);
			continue;
		}
		char draw[256];
		header_as_written(row, d, draw, sizeof draw);
		snprintf(msg, sizeof msg, "列“%s”的日期与列“%s”的时刻合为“%s”", draw, raw, fd->label);
		report_line(im, row->line, fd->key, fd->label, "column.alias", 0, msg);
		im->times[kept++] = im->times[i];
	}
	im->ntimes = kept;
}

/* Columns the form does not name: another system's name for one of its
 * fields (forms/headers.csv) is taken, and said (a report line each, one
 * line on the terminal for them all); the rest are ignored, and said once. */
static int map_other_names(struct imp *im, const struct cio_row *row, int *known)
{
	struct alias_map *am = alias_load(im->form->name, im->err, im->errsz);
	if (!am)
		return -1;
	char taken[1024] = "";
	size_t tlen = 0;
	int ntaken = 0;
	for (int c = 0; c < row->n; c++) {
		if (im->colmap[c] >= 0 || time_column_at(im, c) || im->refused.dropped[c] || c == im->stamp_col)
			continue; /* a time column a day column before it took (dated_by) is known, 更新时间 too */
		char name[256], raw[256], msg[600];
		header_name(row->f[c], name, sizeof name);
		if (!*name)
			continue;
		header_as_written(row, c, raw, sizeof raw);
		const char *key = alias_key(am, name);
		if (key && finder_column(im, row, c, key)) {
			(*known)++;
			continue;
		}
		if (key && time_of_day(im, c, key)) {
			(*known)++;
			continue;
		}
		int two[2], nf = key ? key_fields(im, key, two) : 0;
		if (nf == 2 && by_content(im, row, c, two)) {
			(*known)++;
			continue;
		}
		/* one field, or of two the one no other column fills */
		int f = nf == 0 ? -1 : nf == 2 && column_of(im, row->n, two[0]) >= 0 ? two[1] : two[0];
		if (f < 0) {
			snprintf(msg, sizeof msg, "未知的列“%s”，已忽略", raw);
			report_line(im, row->line, raw, "", "column.unknown", 0, msg);
			continue;
		}
		const struct fdef_field *fd = &im->form->fields[f];
		/* the form's own name wins wherever it stands, then the first */
		int k = column_of(im, row->n, f);
		if (k >= 0 && fd->type == FT_DATETIME && dated_by(im, c, k, f)) {
			(*known)++;
			continue;
		}
		if (k >= 0) {
			snprintf(msg, sizeof msg, "列“%s”也是“%s”，已按第%d列导入，这一列已忽略", raw, fd->label, k + 1);
			report_line(im, row->line, fd->key, fd->label, "column.alias", 0, msg);
			continue;
		}
		im->colmap[c] = f;
		(*known)++;
		snprintf(msg, sizeof msg, "列“%s”按“%s”导入", raw, fd->label);
		report_line_shown(im, row->line, fd->key, fd->label, "column.alias", 0, msg, 0);
		ntaken++;
		if (tlen < sizeof taken)
			tlen += (size_t)snprintf(taken + tlen, sizeof taken - tlen, "%s%s→%s", tlen ? "、" : "", raw,
			                         fd->label);
	}
	alias_free(am);
	time_of_day_said(im, row);
	finders_said(im, row);
	if (tlen) {
		char msg[1200];
		snprintf(msg, sizeof msg, "按其他系统的列名读取：%s", taken);
		show_line(im, row->line, 0, msg, ntaken);
	}
	return 0;
}

/* A record as the file of refused rows holds it, in buf as a CSV line: the
 * header's columns but those named 拒绝原因 (a short row's missing ones
 * empty, so that the reason stands under its name), then — the header —
 * that name, or — a row longer than the header — its cells past the
 * header.  *split is the length before those cells: the reason goes
 * there.  On the reader thread (the header before any row is handed
 * over).  -1 when out of memory. */
static int refused_format(struct imp *im, const struct cio_row *row, int head, char **buf, size_t *len,
                          size_t *cap, size_t *split)
{
	int need = (row->n > im->ncols ? row->n : im->ncols) + 1;
	if (need > im->refused.cells) {
		char **cell = realloc(im->refused.cell, (size_t)need * sizeof *cell);
		if (cell)
			im->refused.cell = cell;
		size_t *cell_len = cell ? realloc(im->refused.cell_len, (size_t)need * sizeof *cell_len) : NULL;
		if (!cell_len)
			return -1;
		im->refused.cell_len = cell_len;
		im->refused.cells = need;
	}
	char empty[1] = "", name[sizeof REASON_COLUMN];
	int n = 0;
	for (int c = 0; c < im->ncols; c++) {
		if (im->refused.dropped[c])
			continue;
		im->refused.cell[n] = c < row->n ? row->f[c] : empty;
		im->refused.cell_len[n++] = c < row->n ? row->len[c] : 0;
	}
	if (head) {
		memcpy(name, REASON_COLUMN, sizeof name);
		im->refused.cell[n] = name;
		im->refused.cell_len[n++] = strlen(name);
	}
	struct cio_row kept = { .f = im->refused.cell, .len = im->refused.cell_len, .n = n, .line = row->line };
	if (cio_format_row(&kept, buf, len, cap) != 0)
		return -1;
	*split = *len;
	if (row->n <= im->ncols)
		return 0;
	struct cio_row extra = { .f = row->f + im->ncols, .len = row->len + im->ncols, .n = row->n - im->ncols,
		                     .line = row->line };
	if (cio_format_row(&extra, &im->refused.tail, &im->refused.tail_len, &im->refused.tail_cap) != 0)
		return -1;
	if (*len + im->refused.tail_len > *cap) {
		char *b = realloc(*buf, *len + im->refused.tail_len);
		if (!b)
			return -1;
		*buf = b;
		*cap = *len + im->refused.tail_len;
	}
	memcpy(*buf + *len, im->refused.tail, im->refused.tail_len);
	*len += im->refused.tail_len;
	return 0;
}

/* A column of the records' last change: the one the export writes after
 * the sheet's columns, or as other systems name it. */
static int is_stamp_name(const char *name)
{
	static const char *const names[] = { "最后更新时间", "修改时间", "最后修改时间", "updated_at" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(name, names[i]) == 0)
			return 1;
	return strcmp(name, EXP_STAMP_LABEL) == 0;
}

/* A 更新时间 cell as YYYY-MM-DD HH:MM:SS: the export's, or a spreadsheet's
 * after saving it (2026/12/5 10:30, or its day number).  A time without its
 * seconds counts the whole minute as the file's (changes after a record's
 * last one within the same minute are rare); a day without its time none
 * of the day, a day being too long to take the desk's changes in it for
 * older.  shown is the time as the file gave it, for messages.  0 when it
 * is no time. */
static int stamp_of(const char *cell, char out[20], char shown[20])
{
	char buf[40], day[40];
	/* a cell the spreadsheet kept as a number (46342.375) */
	if (val_excel_serial(cell, 1, day, sizeof day))
		cell = day;
	size_t n = 0;
	for (const char *p = cell; *p && n + 1 < sizeof buf; p++)
		buf[n++] = *p == '/' || *p == '.' ? '-' : *p == 'T' ? ' ' : *p;
	buf[n] = 0;
	int y, mo, d, h = 0, mi = 0, sec = 59, used = 0, parts = 3;
	int k = sscanf(buf, "%4d-%2d-%2d %n", &y, &mo, &d, &used);
	if (k != 3)
		return 0;
	if (buf[used]) {
		int used2 = 0;
		k = sscanf(buf + used, "%2d:%2d%n:%2d%n", &h, &mi, &used2, &sec, &used2);
		if (k < 2 || buf[used + used2])
			return 0;
		parts += k;
	} else {
		sec = 0;
	}
	if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 ||
	    sec < 0)
		return 0;
	snprintf(out, 20, "%04u-%02u-%02u %02u:%02u:%02u", (unsigned)y % 10000u, (unsigned)mo % 100u, (unsigned)d % 100u,
	         (unsigned)h % 100u, (unsigned)mi % 100u, (unsigned)sec % 100u);
	/* YYYY-MM-DD, YYYY-MM-DD HH:MM or the whole */
	snprintf(shown, 20, "%.*s", parts == 3 ? 10 : parts == 5 ? 16 : 19, out);
	return 1;
}

static int map_header(struct imp *im, const struct cio_row *row)
{
	int known = 0;
	im->ncols = row->n;
	im->by_content = -1;
	im->stamp_col = -1;
	im->ntimes = 0;
	for (int i = 0; i < FIND_N; i++)
		im->finder[i] = -1;
	im->colmap = malloc((size_t)row->n * sizeof *im->colmap);
	im->refused.dropped = calloc((size_t)row->n, 1);
	if (!im->colmap || !im->refused.dropped) {
		snprintf(im->err, im->errsz, "内存不足");
		return -1;
	}
	for (int c = 0; c < row->n; c++) {
		/* a GB18030 file read as UTF-8 (--encoding utf-8, or a sample
		 * that decided wrong): every Chinese label would be garbage, and
		 * every row refused for it; say what is wrong instead */
		if (!txt_valid_utf8(row->f[c], row->len[c])) {
			snprintf(im->err, im->errsz, "%s 第%ld行：表头第%d列不是有效的 UTF-8。\n文件可能是 GB18030 编码："
			         "去掉 --encoding utf-8 或改用 --encoding gb18030。", im->o->path, row->line, c + 1);
			return -1;
		}
		char name[256];
		header_name(row->f[c], name, sizeof name);
		if (strcmp(name, REASON_COLUMN) == 0) {
			/* the reasons an earlier import wrote: no field of any sheet,
			 * and not an unknown column worth a word */
			im->refused.dropped[c] = 1;
			im->colmap[c] = -1;
			continue;
		}
		if (im->kind->stamped && im->stamp_col < 0 && is_stamp_name(name)) {
			im->stamp_col = c;
			im->colmap[c] = -1;
			known++;
			continue;
		}
		int f = fdef_index(im->form, name);
		if (f < 0) {
			/* keys are lower case; a spreadsheet may capitalise them */
			char lower[256];
			size_t i = 0;
			for (; name[i] && i + 1 < sizeof lower; i++)
				lower[i] = (char)tolower((unsigned char)name[i]);
			lower[i] = 0;
			f = fdef_index(im->form, lower);
		}
		int k = f >= 0 ? column_of(im, c, f) : -1;
		if (k >= 0) {
			snprintf(im->err, im->errsz, "%s 第%ld行：第%d列“%s”与第%d列重复（同一字段 %s）",
			         im->o->path, row->line, c + 1, name, k + 1, im->form->fields[f].key);
			return -1;
		}
		im->colmap[c] = f;
		known += f >= 0;
	}
	if (map_other_names(im, row, &known) != 0)
		return -1;
	if (!known) {
		/* a title line above the header ("客户档案登记表（2025年3月）,,,")
		 * would otherwise refuse every row for its empty required fields */
		if (im->title_line)
			snprintf(im->err, im->errsz, "%s 第%ld行没有一个认得的列名（%s“%s”%s已当作标题跳过）：\n"
			         "表头（如“手机号”或 mobile）应紧接在标题下面。", im->o->path, row->line, im->title_where,
			         im->title, im->titles > 1 ? "等" : "");
		else
			snprintf(im->err, im->errsz, "%s 第1行没有一个认得的列名：表头（如“手机号”或 mobile）应在第1行。\n"
			         "文件开头是不是标题行？删去它再导入。", im->o->path);
		return -1;
	}
	size_t cap = 0, split;
	if (im->o->refused && refused_format(im, row, 1, &im->refused.head, &im->refused.head_len, &cap, &split) != 0) {
		snprintf(im->err, im->errsz, "内存不足");
		return -1;
	}
	return 0;
}

static int has_problem_kind(const struct rule_list *l, enum rule_kind k)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == k)
			return 1;
	return 0;
}

static struct rule_problem *add_problem(struct imp *im, struct rule_list *l, int f,
                                        enum rule_kind kind)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct rule_problem *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	struct rule_problem *p = &l->v[l->n++];
	const struct fdef_field *fd = &im->form->fields[f];
	p->field = f;
	p->key = fd->key;
	p->label = fd->label;
	p->kind = kind;
	return p;
}

/* A duplicate key of the row names the stored record id. */
static void duplicate_of(struct imp *im, int64_t id)
{
	if (id > 0)
		im->dup_of = im->dup_of == 0 || im->dup_of == id ? id : -1;
}

/* The row is record id, already stored: refused, the problem on field key
 * with its code and the message after the field's label. */
__attribute__((format(printf, 7, 8)))
static void refuse_duplicate(struct imp *im, struct rule_list *l, int *refuse, int64_t id, const char *key,
                             const char *code, const char *fmt, ...)
{
	duplicate_of(im, id);
	int f = fdef_index(im->form, key);
	struct rule_problem *p = f < 0 ? NULL : add_problem(im, l, f, RK_INVALID);
	if (!p)
		return;
	snprintf(p->code, sizeof p->code, "%s", code);
	int n = snprintf(p->msg, sizeof p->msg, "%s：", p->label);
	va_list ap;
	va_start(ap, fmt);
	if (n > 0 && (size_t)n < sizeof p->msg)
		vsnprintf(p->msg + n, sizeof p->msg - (size_t)n, fmt, ap);
	va_end(ap);
	*refuse = 1;
}

/* The customer that already has this key; a bulk load has set the indexes
 * on mobiles and plates aside and answers from memory. */
static int64_t key_owner(struct imp *im, const char *key, const char *value, char no[32])
{
	if (im->bulk && strcmp(key, "mobile") == 0)
		return cust_bulk_mobile_owner(im->db, im->bulk, value, NULL, no, 32, im->err, im->errsz);
	if (im->bulk && strcmp(key, "plate") == 0)
		return cust_bulk_plate_owner(im->db, im->bulk, value, no, 32, im->err, im->errsz);
	return cust_owner(im->db, key, value, 0, no, 32, im->err, im->errsz);
}

/* A key of the row that another customer already holds.  Keys unique in
 * reality refuse the row; a shared mobile (a family, a company's fleet)
 * is only reported, and so is a plate already on another car (one of two
 * is mistyped, or an old file kept a plate given again since; the screen
 * asks). */
struct held_key {
	const char *key;
	int unique;
	const char *note; /* after "已属于客户 C…" */
};
/* A 客户编号 on file is a record there (UNIQUE): a row of a customer with
 * neither ID number, VIN nor mobile (a landline only) was not found by
 * those and met the constraint, said in SQLite's English. */
static const struct held_key CUST_NO_HELD = { "cust_no", 1, "" },
                             ID_NO_HELD = { "id_no", 1, "，不能重复建档" }, VIN_HELD = { "vin", 1, "，不能重复建档" },
                             MOBILE_HELD = { "mobile", 0, "（请确认是否同一人）" },
                             PLATE_HELD = { "plate", 0, " 的车辆（请核对车牌号）" };

static void report_held(struct imp *im, struct rule_list *l, const struct held_key *k, int *refuse)
{
	int f = fdef_index(im->form, k->key);
	if (im->fatal || f < 0 || !*im->rec->val[f])
		return;
	char no[32] = "";
	int64_t owner = key_owner(im, k->key, im->rec->val[f], no);
	if (owner < 0)
		im->fatal = 1; /* key_owner said why in im->err */
	if (owner <= 0)
		return;
	/* a shared mobile or plate may be another customer's and still the
	 * row's own: only the keys that refuse name the record it repeats */
	if (k->unique)
		duplicate_of(im, owner);
	struct rule_problem *p = add_problem(im, l, f, k->unique ? RK_INVALID : RK_WARNING);
	if (!p)
		return;
	snprintf(p->code, sizeof p->code, "duplicate.%s", k->key);
	if (k == &CUST_NO_HELD)
		snprintf(p->msg, sizeof p->msg, "%s：%s 已在库中，不能重复建档（合并请用 --update）", p->label, no);
	else
		snprintf(p->msg, sizeof p->msg, "%s：%s 已属于客户 %s%s", p->label, im->rec->val[f], no, k->note);
	if (k->unique)
		*refuse = 1;
}

/* A legacy customer may lack required values, but a row with nothing that
 * says who it is or how to reach them is a spreadsheet's 合计 or a note
 * (以下为老系统数据), not a customer: refused alone, without the required
 * fields it lacks as well.  1 when refused. */
static int refuse_nobody(struct imp *im, struct rule_list *l)
{
	static const char *const keys[] = { "cust_no", "id_no", "credit_code", "mobile", "phone1", "phone2", "fax",
		                            "qq", "email", "weibo", "wangwang", "address", "vin", "plate" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (*rec_get(im->rec, keys[i]))
			return 0;
	int f = fdef_index(im->form, "name");
	if (f < 0) /* a shop's own form without a name: the rules say what is missing */
		return 0;
	l->n = 0;
	struct rule_problem *p = add_problem(im, l, f, RK_INVALID);
	if (p) {
		const char *name = rec_get(im->rec, "name");
		snprintf(p->code, sizeof p->code, "row.nobody");
		snprintf(p->msg, sizeof p->msg, "%s：这一行只有%s%.*s%s，没有客户编号、手机号、电话、证件号码、地址或车辆，"
		         "认不出是哪位客户，未导入（是表格的合计行或说明行？）", p->label, *name ? "“" : "",
		         *name ? (int)txt_fit(name, 40) : 6, *name ? name : "选项", *name ? "”" : "");
	}
	return 1;
}

static void customer_duplicates(struct imp *im, struct rule_list *l, int *refuse)
{
	static const struct held_key *const keys[] = { &CUST_NO_HELD, &ID_NO_HELD, &VIN_HELD, &MOBILE_HELD, &PLATE_HELD };
	if (refuse_nobody(im, l)) {
		*refuse = 1;
		return;
	}
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		report_held(im, l, keys[i], refuse);
	/* A row without an ID number whose VIN is on no car is known by its
	 * name and mobile: one that matches a customer on both is that customer
	 * again (an old spreadsheet imported twice, or grown by a few rows), or
	 * with a VIN, the customer's next car (a file of one row per car,
	 * STORED_NEW_CAR), not a new customer.  With --update it is merged
	 * instead (customer_merge). */
	const char *name = rec_get(im->rec, "name"), *mobile = rec_get(im->rec, "mobile");
	if (im->fatal || *rec_get(im->rec, "id_no") || im->dup_of != 0 || !*name || !*mobile)
		return;
	char no[32] = "";
	int64_t owner = im->bulk ? cust_bulk_mobile_owner(im->db, im->bulk, mobile, name, no, sizeof no, im->err, im->errsz)
	                         : cust_same_person(im->db, name, mobile, no, sizeof no, im->err, im->errsz);
	if (owner < 0)
		im->fatal = 1;
	if (owner <= 0)
		return;
	duplicate_of(im, owner);
	int f = fdef_index(im->form, "name");
	struct rule_problem *p = add_problem(im, l, f, RK_INVALID);
	if (!p)
		return;
	snprintf(p->code, sizeof p->code, "duplicate.person");
	snprintf(p->msg, sizeof p->msg, "姓名/单位名称与手机号：%s %s 已是客户 %s，不能重复建档（合并请用 --update）",
	         name, mobile, no);
	*refuse = 1;
}

static enum st_status customer_store(struct imp *im, char *err, size_t errsz)
{
	int incomplete = im->incomplete;
	return im->bulk ? cust_bulk_import(im->db, im->bulk, im->rec, incomplete, im->o->staff, im->stamp, err, errsz)
	                : cust_import(im->db, im->rec, incomplete, im->o->staff, im->stamp, err, errsz);
}

/* A customer row means the car its VIN names (compared with it, merged
 * into it): a file of one row per car (the owner repeated) has the
 * customer's second car on a row of its own, which is neither the first car
 * nor a different customer. */
static int64_t row_car(struct imp *im, int64_t cust, char *err, size_t errsz)
{
	const char *vin = rec_get(im->rec, "vin");
	return *vin ? cust_car_for_vin(im->db, cust, vin, err, errsz) : CUST_FIRST_CAR;
}

/* The customer a row means: its number, else its ID number or VIN, else a
 * mobile that exactly one customer has; *by names the field that found it
 * (NULL for the mobile). */
static int64_t customer_match(struct imp *im, const char **by, char *err, size_t errsz)
{
	static const char *const keys[] = { "cust_no", "id_no", "vin" };
	for (size_t i = 0; i < 3; i++) {
		const char *v = rec_get(im->rec, keys[i]);
		if (!*v)
			continue;
		int64_t id = cust_owner(im->db, keys[i], v, 0, NULL, 0, err, errsz);
		if (id) {
			*by = keys[i];
			return id;
		}
	}
	*by = NULL;
	const char *m = rec_get(im->rec, "mobile");
	return *m ? cust_unique_mobile(im->db, m, err, errsz) : 0;
}

/* A row naming another person than the customer its number, ID number or
 * VIN found is not merged: the program cannot tell a misspelt name from a
 * new owner (过户) or a mixed-up row, and merging would give one person's
 * phone and address to another.  The name itself changes only through a
 * name-change request (SHEETS.md §1). */
static void refuse_other_name(struct imp *im, struct rule_list *l, int f, const char *by)
{
	struct rule_problem *p = add_problem(im, l, f, RK_INVALID);
	if (!p)
		return;
	int by_f = fdef_index(im->form, by);
	snprintf(p->code, sizeof p->code, "name.differs");
	const char *v = im->rec->val[f], *w = im->merged->val[f];
	snprintf(p->msg, sizeof p->msg,
	         "%s：文件中为“%.*s”，按%s找到的客户 %s 为“%.*s”；姓名不同，未合并（同一人改名请用客户姓名修改申请，"
	         "另一人或已过户请核对该行）",
	         p->label, (int)txt_fit(v, 20), v, by_f >= 0 ? im->form->fields[by_f].label : by,
	         rec_get(im->merged, "cust_no"), (int)txt_fit(w, 20), w);
}

/* The end of a merge.  With fields changed, the update ran inside a
 * savepoint of its own and returned s: kept, with a note naming the record
 * (the field `key`), or undone.  A row that changed nothing is counted, not
 * reported: the record already says all of it. */
static enum merge_result merge_end(struct imp *im, struct rule_list *l, int changed, enum st_status s,
                                   const char *key, const char *note, char *err, size_t errsz)
{
	if (changed) {
		if (s != ST_OK) {
			st_rollback_to(im->db);
			return s == ST_CONSTRAINT ? MERGE_REFUSED : MERGE_FATAL;
		}
		if (st_release(im->db, err, errsz) != ST_OK)
			return MERGE_FATAL;
		struct rule_problem *p = add_problem(im, l, fdef_index(im->form, key), RK_WARNING);
		if (p) {
			snprintf(p->code, sizeof p->code, "merged");
			snprintf(p->msg, sizeof p->msg, "%s", note);
		}
		/* the file's values went in with nothing to tell them older */
		if (!im->stamp || !*im->stamp)
			im->st->undated++;
	} else {
		im->st->unchanged++;
	}
	im->st->merged++;
	return MERGE_DONE;
}

/* What a merge changes, for its report line: each field with the stored
 * value and the file's, so a dry run with --update shows what the real run
 * would overwrite (an edit made at the desk since the file was exported
 * among them).  Items that do not fit whole are counted and cut with 等. */
struct change_note {
	char text[224];
	size_t len;
	int n, cut;
	int zeros[8], nzeros; /* fields kept: the file's value lost the record's leading zeros */
	/* fields kept: changed on the record after the row's 更新时间, room for
	 * every field of the customer sheet, each named */
	struct {
		int f;
		char at[20], who[33];
	} newer[96];
	int nnewer, newer_more;
};

/* A code a spreadsheet read as a number loses its leading zeros (发票号
 * 0012345679 saved back as 12345679): that is the record's value damaged,
 * not changed, so it is kept and said (kept_zeros_said). */
static int lost_zeros(const char *file, const char *stored)
{
	if (*stored != '0' || !*file || strspn(file, "0123456789") != strlen(file))
		return 0;
	while (*stored == '0' && stored[1])
		stored++;
	return strcmp(file, stored) == 0;
}

static int kept_zeros(struct change_note *c, int f, const char *file, const char *stored)
{
	if (!lost_zeros(file, stored))
		return 0;
	if (c->nzeros < (int)(sizeof c->zeros / sizeof c->zeros[0]))
		c->zeros[c->nzeros++] = f;
	return 1;
}

static void kept_zeros_said(struct imp *im, struct rule_list *l, const struct change_note *c)
{
	for (int i = 0; i < c->nzeros; i++) {
		int f = c->zeros[i];
		struct rule_problem *p = add_problem(im, l, f, RK_WARNING);
		if (!p)
			return;
		snprintf(p->code, sizeof p->code, "zeros.lost");
		snprintf(p->msg, sizeof p->msg, "%s：文件中为“%.40s”，系统中为“%.40s”，是表格软件去掉了开头的 0，未修改", p->label,
		         im->rec->val[f], im->merged->val[f]);
	}
}

/* A field the row would change that the usage log says was changed on
 * the record after the row's 更新时间 (im->stamp): the file's value is the
 * older, kept out and said (newer_said).  1 when kept, 0 when the file's
 * goes in, -1 on a database error.  Without the row's time nothing tells
 * which side is newer: the file's goes in, as it always did, and the
 * summary says so (imp_stats.undated). */
static int newer_kept(struct imp *im, struct change_note *c, int f, char *err, size_t errsz)
{
	if (!im->stamp || !*im->stamp)
		return 0;
	char at[20], who[33];
	int r = audit_field_changed_after(im->db, rec_get(im->merged, "cust_no"), im->form->fields[f].label, im->stamp, at,
	                                  who, sizeof who, err, errsz);
	if (r != 1)
		return r;
	if (c->nnewer < (int)(sizeof c->newer / sizeof c->newer[0])) {
		c->newer[c->nnewer].f = f;
		memcpy(c->newer[c->nnewer].at, at, sizeof at);
		memcpy(c->newer[c->nnewer].who, who, sizeof who);
		c->nnewer++;
	} else {
		c->newer_more++;
	}
	return 1;
}

static void newer_said(struct imp *im, struct rule_list *l, const struct change_note *c)
{
	for (int i = 0; i < c->nnewer; i++) {
		int f = c->newer[i].f;
		struct rule_problem *p = add_problem(im, l, f, RK_WARNING);
		if (!p)
			return;
		const char *v = im->rec->val[f], *w = im->merged->val[f];
		if (im->said_no && im->said_no[f])
			v = "否";
		snprintf(p->code, sizeof p->code, "newer.kept");
		if (!*w)
			w = "（空）";
		const char *who = c->newer[i].who;
		snprintf(p->msg, sizeof p->msg,
		         "%s：数据库中为“%.*s”（%s 由 %.*s 修改，晚于文件这一行的%s %s），保留；文件中的“%.*s”未合并",
		         p->label, (int)txt_fit(w, 20), w, c->newer[i].at, (int)txt_fit(who, 20), who, EXP_STAMP_LABEL,
		         im->stamp_shown, (int)txt_fit(v, 20), v);
	}
	if (c->newer_more) {
		struct rule_problem *p = add_problem(im, l, fdef_index(im->form, "cust_no"), RK_WARNING);
		if (p) {
			snprintf(p->code, sizeof p->code, "newer.kept");
			snprintf(p->msg, sizeof p->msg, "另有 %d 项也是数据库中的值较新（在文件中这一行的%s %s 之后修改过），已保留",
			         c->newer_more, EXP_STAMP_LABEL, im->stamp_shown);
		}
	}
}

static void note_change(struct change_note *c, const char *label, const char *was, const char *now)
{
	c->n++;
	if (c->cut)
		return;
	char item[sizeof c->text];
	int k = snprintf(item, sizeof item, "%s%s“%s”→“%s”", c->len ? "；" : "", label, *was ? was : "（空）", now);
	if (k < 0 || c->len + (size_t)k >= sizeof c->text) {
		c->cut = 1;
		return;
	}
	memcpy(c->text + c->len, item, (size_t)k + 1);
	c->len += (size_t)k;
}

/* The dates of a customer's deals move with their sales and orders
 * (customer.c, schema 0019): 最近交易日期 only on, 首次交易日期 only back.
 * A file's date behind the stored one (the old system's, or this file's
 * own row before its car went in) says nothing new. */
static int deal_moved(const char *key, const char *stored, const char *file)
{
	if (strcmp(key, "last_deal_date") == 0)
		return strcmp(stored, file) > 0;
	if (strcmp(key, "first_deal_date") == 0)
		return *stored && strcmp(stored, file) < 0;
	return 0;
}

/* A box the file's row says no to (否, N, 0…) while the stored record has
 * it ticked: the one empty value that changes something in a merge (a car
 * returned, then sold again to its customer: SHEETS.md §1). */
static int unticks(const struct imp *im, int f)
{
	return im->said_no && im->said_no[f] && *im->merged->val[f];
}

static void untick(struct imp *im, struct change_note *c, int f)
{
	note_change(c, im->form->fields[f].label, im->merged->val[f], "否");
	rec_set_at(im->merged, f, "");
}

/* Changed fields only, into the customer of the same name: a mobile that
 * another person shares (a family's one phone) finds no one to merge into,
 * and the row goes in as it would without --update; a number, ID number
 * or VIN of a customer with another name refuses the row. */
static enum merge_result customer_merge(struct imp *im, struct rule_list *l, char *err, size_t errsz)
{
	const char *by;
	int64_t id = customer_match(im, &by, err, errsz);
	if (id < 0)
		return MERGE_FATAL;
	if (id == 0)
		return MERGE_NONE;
	if (!im->merged && !(im->merged = rec_new(im->form)))
		return MERGE_FATAL;
	int64_t car = row_car(im, id, err, errsz);
	if (car == -1 || cust_load_car(im->db, id, car == CUST_OTHERS_CAR ? CUST_FIRST_CAR : car, im->merged, err,
	                               errsz) != ST_OK)
		return MERGE_FATAL;
	if (car == CUST_OTHERS_CAR) {
		/* the customer's first car does not become another's by a row */
		char owner[32] = "";
		const char *vin = rec_get(im->rec, "vin");
		if (cust_owner(im->db, "vin", vin, id, owner, sizeof owner, err, errsz) < 0)
			return MERGE_FATAL;
		l->n = 0; /* what the row lacks is the record's to give, as in a merge */
		struct rule_problem *p = add_problem(im, l, fdef_index(im->form, "vin"), RK_INVALID);
		if (p) {
			snprintf(p->code, sizeof p->code, "duplicate.vin");
			snprintf(p->msg, sizeof p->msg, "%s：%s 已属于客户 %s，不能合并到客户 %s", p->label, vin, owner,
			         rec_get(im->merged, "cust_no"));
		}
		return MERGE_REFUSED;
	}
	/* an older database holds names folded: （集团） is (集团) */
	int name_f = fdef_index(im->form, "name");
	const char *name = name_f >= 0 ? im->rec->val[name_f] : "";
	if (*name && !txt_same_name(name, im->merged->val[name_f])) {
		if (!by)
			return MERGE_NONE;
		l->n = 0;
		refuse_other_name(im, l, name_f, by);
		return MERGE_REFUSED;
	}
	struct change_note c = { .len = 0 };
	for (int f = 0; f < im->form->nfields; f++) {
		const char *v = im->rec->val[f];
		int untick_it = unticks(im, f);
		if (!untick_it) {
			if (!*v || strcmp(v, im->merged->val[f]) == 0 || f == name_f)
				continue;
			if (strcmp(im->form->fields[f].key, "cust_no") == 0 || kept_zeros(&c, f, v, im->merged->val[f]))
				continue;
			if (deal_moved(im->form->fields[f].key, im->merged->val[f], v))
				continue;
		}
		int newer = newer_kept(im, &c, f, err, errsz);
		if (newer < 0)
			return MERGE_FATAL;
		if (newer)
			continue;
		if (untick_it) {
			untick(im, &c, f);
			continue;
		}
		note_change(&c, im->form->fields[f].label, im->merged->val[f], v);
		rec_set_at(im->merged, f, v);
	}
	l->n = 0;
	rules_check(im->merged, RP_IMPORT, l);
	kept_zeros_said(im, l, &c);
	newer_said(im, l, &c);
	if (has_problem_kind(l, RK_INVALID))
		return MERGE_REFUSED;
	if (c.n && st_savepoint(im->db, err, errsz) != ST_OK)
		return MERGE_FATAL;
	enum st_status s = c.n ? cust_update_car(im->db, im->merged, NULL, car, has_problem_kind(l, RK_REQUIRED),
	                                         im->o->staff, err, errsz) : ST_OK;
	char note[320];
	snprintf(note, sizeof note, "已合并到客户 %s%s（更新 %d 项：%s%s）", rec_get(im->merged, "cust_no"),
	         car == CUST_NEW_CAR ? "，登记为该客户的又一辆车" : "", c.n, c.text, c.cut ? "等" : "");
	enum merge_result m = merge_end(im, l, c.n, s, "cust_no", note, err, errsz);
	if (m == MERGE_DONE && c.nnewer + c.newer_more) {
		im->st->newer_rows++;
		im->st->newer_fields += c.nnewer + c.newer_more;
	}
	return m;
}

/* The row's values that differ from the stored record (im->merged),
 * written into it and noted; empty cells change nothing (a box's no
 * unticks: unticks), and the owner's
 * number is not compared (matched already, however the file spells it). */
static void fold_changes(struct imp *im, struct change_note *c)
{
	int owner_f = fdef_index(im->form, "cust_no");
	for (int f = 0; f < im->form->nfields; f++) {
		const char *v = im->rec->val[f];
		if (unticks(im, f))
			untick(im, c, f);
		else if (f != owner_f && *v && strcmp(v, im->merged->val[f]) != 0 && !kept_zeros(c, f, v, im->merged->val[f])) {
			note_change(c, im->form->fields[f].label, im->merged->val[f], v);
			rec_set_at(im->merged, f, v);
		}
	}
}

/* The stored record `id` of the row's kind read into im->merged: for a
 * merge to fold the row into, or to compare a duplicate row with. */
static enum st_status load_merged(struct imp *im, int64_t id, char *err, size_t errsz)
{
	if (!im->merged && !(im->merged = rec_new(im->form))) {
		snprintf(err, errsz, "内存不足");
		return ST_ERROR;
	}
	rec_clear(im->merged);
	return im->kind->load(im, id, im->merged, err, errsz);
}

/* A field that says which record a row is (an order's car, a card's
 * 建卡日期) is not changed by a merge: a row giving another value than the
 * stored record (im->merged) is refused, `said` naming the record as it
 * is, `what` the field.  1 when refused. */
static int identity_changed(struct imp *im, struct rule_list *l, const char *key, const char *code, const char *said,
                            const char *what)
{
	int f = fdef_index(im->form, key);
	const char *v = f >= 0 ? im->rec->val[f] : "";
	if (!*v || strcmp(v, im->merged->val[f]) == 0)
		return 0;
	struct rule_problem *p = add_problem(im, l, f, RK_INVALID);
	if (p) {
		snprintf(p->code, sizeof p->code, "%s", code);
		snprintf(p->msg, sizeof p->msg, "%s：%s，文件中为 %s；%s不能用导入更改", p->label, said, v, what);
	}
	return 1;
}

/* The end the record merges share (a car, an order, a complaint, a card,
 * a visit, a follow-up record): the row's changes folded into im->merged,
 * the whole checked, written by `write` under a savepoint of its own.
 * `what` opens the report's note ("工单 W1（"). */
static enum merge_result fold_and_write(struct imp *im, struct rule_list *l,
                                        enum st_status (*write)(struct st_db *, const struct rec *, const char *,
                                                                char *, size_t),
                                        const char *key, const char *what, char *err, size_t errsz)
{
	struct change_note c = { .len = 0 };
	fold_changes(im, &c);
	l->n = 0;
	rules_check(im->merged, RP_IMPORT, l);
	kept_zeros_said(im, l, &c);
	if (has_problem_kind(l, RK_INVALID))
		return MERGE_REFUSED;
	if (c.n && st_savepoint(im->db, err, errsz) != ST_OK)
		return MERGE_FATAL;
	enum st_status s = c.n ? write(im->db, im->merged, im->o->staff, err, errsz) : ST_OK;
	char note[400];
	snprintf(note, sizeof note, "已合并到%s更新 %d 项：%s%s）", what, c.n, c.text, c.cut ? "等" : "");
	return merge_end(im, l, c.n, s, key, note, err, errsz);
}

/* The stored order a row is: its number names it; without one (a file
 * without its 工单号 column, imported twice), the same car opened at the
 * same minute — or, opened on a day only (an old DMS's 进厂日期), the
 * car's order of that day in the row's place among the file's rows of the
 * car and day (day_nth): two orders of one day are two, where the second
 * was taken for the first.  0 when none, -1 with err. */
static int64_t order_of_row(struct imp *im, char *err, size_t errsz)
{
	const char *no = rec_get(im->rec, "wo_no"), *vin = rec_get(im->rec, "vin"), *at = rec_get(im->rec, "opened_at");
	return *no ? wo_exists(im->db, no, err, errsz)
	     : *vin && *at ? wo_exists_at(im->db, vin, at, im->day_nth > 0 ? im->day_nth : 1, err, errsz) : 0;
}

/* The place of the row r among the file's rows of its car opened on its
 * day, counting itself: 1, 2, …; 0 for a row this does not concern (with
 * its number, with a time, refused for its values, no car); -1 out of
 * memory.  The car is its VIN, the one a plate alone names included
 * (car_by_plate, run before): rows giving the VIN and rows giving the
 * plate of one car are one car's, where they were counted apart and one
 * order taken for another.  Every row of the file is counted, those an
 * interrupted run handled too (skipped_day_place), so a run and its rerun
 * or resumption number the same rows alike. */
static long day_place(struct imp *im, const struct rec *r, const struct rule_list *problems)
{
	const char *no = rec_get(r, "wo_no"), *vin = rec_get(r, "vin"), *at = rec_get(r, "opened_at");
	if (*no || strlen(at) != 10 || !*vin || has_problem_kind(problems, RK_INVALID))
		return 0;
	/* FNV-1a of the car and the day */
	uint64_t h = 1469598103934665603u;
	const char *parts[3] = { vin, "|", at };
	for (int k = 0; k < 3; k++)
		for (const char *c = parts[k]; *c; c++)
			h = (h ^ (unsigned char)*c) * 1099511628211u;
	h += h == 0;
	if (2 * (im->days.n + 1) > im->days.cap) {
		size_t cap = im->days.cap ? im->days.cap * 2 : 1024;
		uint64_t *key = calloc(cap, sizeof *key);
		long *count = calloc(cap, sizeof *count);
		if (!key || !count) {
			free(key);
			free(count);
			return -1;
		}
		for (size_t i = 0; i < im->days.cap; i++) {
			if (!im->days.key[i])
				continue;
			size_t j = (size_t)(im->days.key[i] & (cap - 1));
			while (key[j])
				j = (j + 1) & (cap - 1);
			key[j] = im->days.key[i];
			count[j] = im->days.count[i];
		}
		free(im->days.key);
		free(im->days.count);
		im->days.key = key;
		im->days.count = count;
		im->days.cap = cap;
	}
	size_t j = (size_t)(h & (im->days.cap - 1));
	while (im->days.key[j] && im->days.key[j] != h)
		j = (j + 1) & (im->days.cap - 1);
	if (!im->days.key[j]) {
		im->days.key[j] = h;
		im->days.n++;
	}
	im->day_slot = j;
	return ++im->days.count[j];
}

/* The row day_place counted was refused by the database (not by the
 * rules, which day_place sees): it is no order of the car's day, so the
 * next row of that car and day takes its place — that row was stored as
 * the car's first of the day, and a later file bringing both again finds
 * it there.  Rows refused for differing from the order at their place
 * keep it: that order is theirs. */
static void day_place_back(struct imp *im)
{
	if (im->day_nth > 0 && im->days.count[im->day_slot] == im->day_nth)
		im->days.count[im->day_slot]--;
	im->day_nth = 0;
}

/* A row without a number whose place among its car's orders of the day
 * holds an order that says otherwise: if the database would refuse the
 * row as it stands (its store tried and taken back), that, not the order
 * at its place, is why it is refused — it was refused so when the earlier
 * file was run, took no place then, and the order found there is the next
 * row's.  1 with dberr set when the row cannot be stored, 0 when it can,
 * -1 on a failure (im->err). */
static int day_row_unstorable(struct imp *im, char *dberr, size_t dberrsz)
{
	if (im->bulk || im->day_nth <= 0)
		return 0;
	if (st_savepoint(im->db, im->err, im->errsz) != ST_OK)
		return -1;
	int64_t id = im->rec->id;
	im->rec->id = 0;
	char err[512] = "";
	enum st_status s = im->kind->store(im, err, sizeof err);
	im->rec->id = id;
	st_rollback_to(im->db);
	if (s == ST_OK)
		return 0;
	if (s != ST_CONSTRAINT) {
		snprintf(im->err, im->errsz, "%s", err);
		return -1;
	}
	snprintf(dberr, dberrsz, "%s", err);
	return 1;
}

/* A duplicates check that could not read the file: the run stops (the
 * row's line is put before the message where the row is handled). */
static void duplicates_failed(struct imp *im, const char *err)
{
	snprintf(im->err, im->errsz, "%s", err);
	im->fatal = 1;
}

/* A re-run of the same file must not add the orders twice. */
static void workorder_duplicates(struct imp *im, struct rule_list *l, int *refuse)
{
	const char *no = rec_get(im->rec, "wo_no"), *vin = rec_get(im->rec, "vin"), *at = rec_get(im->rec, "opened_at");
	char err[512];
	int64_t id = order_of_row(im, err, sizeof err);
	if (id < 0) {
		duplicates_failed(im, err);
		return;
	}
	if (id && *no) {
		refuse_duplicate(im, l, refuse, id, "wo_no", "duplicate.wo_no", "%s 已存在，不重复导入", no);
		return;
	}
	if (id) {
		refuse_duplicate(im, l, refuse, id, "opened_at", "duplicate.workorder", "车辆 %s 在 %s 开的工单已存在，不重复导入",
		                 vin, at);
		return;
	}
	/* the screen asks when the odometer reads less than before; a file
	 * cannot be asked, so it is told (a replaced instrument is real) */
	long km = atol(rec_get(im->rec, "mileage")), before = *vin ? wo_mileage_before(im->db, vin, at, err, sizeof err) : 0;
	if (before < 0) {
		duplicates_failed(im, err);
		return;
	}
	int f = fdef_index(im->form, "mileage");
	struct rule_problem *p = km > 0 && km < before && f >= 0 ? add_problem(im, l, f, RK_WARNING) : NULL;
	if (p) {
		snprintf(p->code, sizeof p->code, "mileage.lower");
		snprintf(p->msg, sizeof p->msg, "%s：%ld km 低于该车此前工单的 %ld km，请核对读数", p->label, km, before);
	}
	/* a plate other than the car's: the screen asks whether the car was
	 * re-registered; a file cannot be asked, and an old order rightly has
	 * the plate of its day, so the order is stored as written and the car's
	 * record left as it is — and the row is reported */
	const char *plate = rec_get(im->rec, "plate");
	char car[64];
	f = fdef_index(im->form, "plate");
	p = f >= 0 && wo_plate_differs(im->db, vin, plate, car, sizeof car) > 0 ? add_problem(im, l, f, RK_WARNING)
	                                                                          : NULL;
	if (p) {
		snprintf(p->code, sizeof p->code, "plate.differs");
		snprintf(p->msg, sizeof p->msg, "%s：工单为 %s，车辆档案（VIN %s）%s%s；工单按文件保存，车辆档案未修改",
		         p->label, plate, vin, *car ? "为 " : "还没有车牌", car);
	}
}

static enum st_status workorder_store(struct imp *im, char *err, size_t errsz)
{
	return im->bulk ? wo_bulk_import(im->db, im->bulk, im->rec, err, errsz)
	                : wo_import(im->db, im->rec, im->o->staff, err, errsz);
}

/* --update: the order with the row's number (without one, the car's order
 * opened at the row's minute) takes the row's changes — a DMS order list
 * exported again once its orders were completed.  The order's car is not
 * changed this way, and its status goes forward only (wo_import_update). */
/* A completed or cancelled order keeps what it was (the schema's guard of
 * closed orders): a row changing it is refused naming each field, as the
 * plain run that offered --update named them — not with the guard's words
 * after the merge, which named none.  Its 状态 has its own refusal
 * (wo_import_update: forward only), its 备注 may change. */
static int closed_order_changed(struct imp *im, struct rule_list *l)
{
	static const char *const fixed[] = { "opened_at", "advisor", "plate", "mileage", "fuel", "work_type",
		                             "complaint", "items", "promised_at", "completed_at", "cancel_reason" };
	const char *status = rec_get(im->merged, "status");
	if (strcmp(status, "已完工") != 0 && strcmp(status, "已取消") != 0)
		return 0;
	int refused = 0;
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		int f = fdef_index(im->form, fixed[i]);
		const char *v = f >= 0 ? im->rec->val[f] : "";
		if (!*v || strcmp(v, im->merged->val[f]) == 0)
			continue;
		/* the row's own problems (the columns a merge file leaves out)
		 * are no reasons here, as in any merge: these are */
		if (!refused)
			l->n = 0;
		refused = 1;
		struct rule_problem *p = add_problem(im, l, f, RK_INVALID);
		if (p) {
			snprintf(p->code, sizeof p->code, "workorder.closed");
			snprintf(p->msg, sizeof p->msg, "%s：工单 %s 已是“%s”，只能修改备注；文件中为“%.60s”，未改", p->label,
			         rec_get(im->merged, "wo_no"), status, v);
		}
	}
	return refused;
}

static enum merge_result workorder_merge(struct imp *im, struct rule_list *l, char *err, size_t errsz)
{
	int64_t id = order_of_row(im, err, errsz);
	if (id <= 0)
		return id < 0 ? MERGE_FATAL : MERGE_NONE;
	if (load_merged(im, id, err, errsz) != ST_OK)
		return MERGE_FATAL;
	char said[120];
	snprintf(said, sizeof said, "工单 %s 是车辆 %s 的", rec_get(im->merged, "wo_no"), rec_get(im->merged, "vin"));
	if (identity_changed(im, l, "vin", "workorder.vin", said, "工单的车"))
		return MERGE_REFUSED;
	if (closed_order_changed(im, l))
		return MERGE_REFUSED;
	char what[80];
	snprintf(what, sizeof what, "工单 %s（", rec_get(im->merged, "wo_no"));
	return fold_and_write(im, l, wo_import_update, "wo_no", what, err, errsz);
}

static void vehicle_duplicates(struct imp *im, struct rule_list *l, int *refuse)
{
	const char *vin = rec_get(im->rec, "vin");
	char err[512];
	int64_t id = *vin ? veh_exists(im->db, vin, err, sizeof err) : 0;
	if (id < 0) {
		duplicates_failed(im, err);
		return;
	}
	if (id) {
		refuse_duplicate(im, l, refuse, id, "vin", "duplicate.vin", "%s 已登记，不能重复建档", vin);
		return;
	}
	report_held(im, l, &PLATE_HELD, refuse); /* as for a customer's first car */
}

static enum st_status vehicle_store(struct imp *im, char *err, size_t errsz)
{
	return veh_import(im->db, im->rec, im->o->staff, err, errsz);
}

/* --update: the car with the row's VIN takes the row's changed fields.
 * Its owner does not change this way (a car sold on is a new record of
 * ownership, not an edit): a row naming another customer is refused. */
static enum merge_result vehicle_merge(struct imp *im, struct rule_list *l, char *err, size_t errsz)
{
	const char *vin = rec_get(im->rec, "vin");
	if (!*vin)
		return MERGE_NONE;
	if (!im->merged && !(im->merged = rec_new(im->form)))
		return MERGE_FATAL;
	rec_clear(im->merged);
	int found = veh_load_by_vin(im->db, vin, im->merged, err, errsz);
	if (found <= 0)
		return found < 0 ? MERGE_FATAL : MERGE_NONE;
	const char *owner = rec_get(im->merged, "cust_no"), *named = rec_get(im->rec, "cust_no");
	int64_t was = *named ? cust_id_of(im->db, owner, err, errsz) : 0,
	        now = *named && was >= 0 ? cust_id_of(im->db, named, err, errsz) : 0;
	if (was < 0 || now < 0)
		return MERGE_FATAL;
	if (*named && now != was) {
		struct rule_problem *p = add_problem(im, l, fdef_index(im->form, "cust_no"), RK_INVALID);
		if (p) {
			snprintf(p->code, sizeof p->code, "vehicle.owner");
			snprintf(p->msg, sizeof p->msg, "%s：车辆 %s 登记在客户 %s 名下，不能用导入改为 %s", p->label, vin,
			         owner, named);
		}
		return MERGE_REFUSED;
	}
	char what[120];
	snprintf(what, sizeof what, "车辆 %s（客户 %s，", vin, owner);
	return fold_and_write(im, l, veh_update, "vin", what, err, errsz); /* the owner was matched above */
}

static void complaint_duplicates(struct imp *im, struct rule_list *l, int *refuse)
{
	const char *no = rec_get(im->rec, "cust_no"), *at = rec_get(im->rec, "received_at");
	char err[512];
	int64_t id = *no && *at ? cmp_exists(im->db, no, at, err, sizeof err) : 0;
	if (id < 0)
		duplicates_failed(im, err);
	else if (id)
		refuse_duplicate(im, l, refuse, id, "received_at", "duplicate.complaint", "客户 %s 在 %s 的投诉已登记", no, at);
}

static enum st_status complaint_store(struct imp *im, char *err, size_t errsz)
{
	return cmp_save(im->db, im->rec, im->o->staff, err, errsz);
}

/* --update: the customer's complaint received at the row's time takes the
 * row's changed fields — a complaint book exported again once its
 * complaints were handled (处理人, 处理时间, 处理结果 filled in since). */
static enum merge_result complaint_merge(struct imp *im, struct rule_list *l, char *err, size_t errsz)
{
	const char *no = rec_get(im->rec, "cust_no"), *at = rec_get(im->rec, "received_at");
	int64_t id = *no && *at ? cmp_exists(im->db, no, at, err, errsz) : 0;
	if (id <= 0)
		return id < 0 ? MERGE_FATAL : MERGE_NONE;
	if (load_merged(im, id, err, errsz) != ST_OK)
		return MERGE_FATAL;
	char what[120];
	snprintf(what, sizeof what, "客户 %s 在 %s 受理的投诉（", rec_get(im->merged, "cust_no"), at);
	return fold_and_write(im, l, cmp_update, "received_at", what, err, errsz); /* matched by cmp_exists */
}

/* A visit log of another system has no A卡编号: an entry goes under the
 * card that followed its mobile that day, as the desk would have put it
 * (visit.c).  A file with the column (this program's export) says which
 * entries are a card's, an empty cell none, and is taken as it is. */
static void visit_card(struct imp *im, struct rule_list *l)
{
	int f = fdef_index(im->form, "acard_no");
	const char *mobile = rec_get(im->rec, "mobile"), *at = rec_get(im->rec, "arrive_at");
	if (f < 0 || column_of(im, im->ncols, f) >= 0 || !*mobile || strlen(at) < 10)
		return;
	char day[11], no[24], who[64], err[512];
	snprintf(day, sizeof day, "%.10s", at);
	int64_t card = acard_following_on(im->db, mobile, day, no, sizeof no, who, sizeof who, err, sizeof err);
	if (card < 0)
		duplicates_failed(im, err);
	if (card <= 0)
		return;
	rec_set_at(im->rec, f, no);
	struct rule_problem *p = add_problem(im, l, f, RK_WARNING);
	if (p) {
		snprintf(p->code, sizeof p->code, "acard.linked");
		snprintf(p->msg, sizeof p->msg, "%s：按手机号归入当天跟进的 A卡 %s（销售顾问 %s）", p->label, no, who);
	}
}

/* A re-run must not log the same visit twice: arrival, kind, consultant,
 * name and mobile together say it is the same entry. */
static void visit_duplicates(struct imp *im, struct rule_list *l, int *refuse)
{
	char err[512];
	int64_t id = visit_exists(im->db, im->rec, err, sizeof err);
	if (id < 0)
		duplicates_failed(im, err);
	if (id == 0)
		visit_card(im, l);
	if (id <= 0)
		return;
	const char *who = rec_get(im->rec, "cust_name");
	refuse_duplicate(im, l, refuse, id, "arrive_at", "duplicate.visit", "%s%s%s 的同一登记（销售顾问 %s）已存在，不重复导入",
	                 rec_get(im->rec, "arrive_at"), *who ? " " : "", who, rec_get(im->rec, "consultant"));
}

static enum st_status visit_store(struct imp *im, char *err, size_t errsz)
{
	return visit_import(im->db, im->rec, im->o->staff, err, errsz);
}

/* --update: the entry the row repeats (its arrival, kind, consultant, name
 * and mobile) takes the row's other fields — a visit log exported at noon
 * and again in the evening, 离店时间 and 沟通概况 filled in since. */
static enum merge_result visit_merge(struct imp *im, struct rule_list *l, char *err, size_t errsz)
{
	int64_t id = visit_exists(im->db, im->rec, err, errsz);
	if (id <= 0)
		return id < 0 ? MERGE_FATAL : MERGE_NONE;
	if (load_merged(im, id, err, errsz) != ST_OK)
		return MERGE_FATAL;
	/* the A-card link is the system's (visit_import_update keeps it):
	 * another number in the file is said, not taken */
	char card[32], linked[32];
	snprintf(card, sizeof card, "%s", rec_get(im->rec, "acard_no"));
	snprintf(linked, sizeof linked, "%s", rec_get(im->merged, "acard_no"));
	rec_set(im->rec, "acard_no", linked);
	char what[160];
	const char *who = rec_get(im->merged, "cust_name");
	snprintf(what, sizeof what, "%s %s%s%s的登记（", rec_get(im->merged, "visit_kind"),
	         rec_get(im->merged, "arrive_at"), *who ? " " : "", who);
	enum merge_result m = fold_and_write(im, l, visit_import_update, "arrive_at", what, err, errsz);
	struct rule_problem *p = m == MERGE_DONE && *card && strcmp(card, linked) != 0
	                             ? add_problem(im, l, fdef_index(im->form, "acard_no"), RK_WARNING)
	                             : NULL;
	if (p) {
		snprintf(p->code, sizeof p->code, "visit.acard_kept");
		snprintf(p->msg, sizeof p->msg, "%s：文件中为“%s”，这条登记%s%s；A卡由系统按手机号关联，未修改", p->label,
		         card, *linked ? "关联的是 " : "未关联 A卡", linked);
	}
	return m;
}

/* The stored card a row is: its number names it; without one, the same
 * person's card of the same day.  0 when none, -1 with err. */
static int64_t acard_of_row(struct imp *im, char *err, size_t errsz)
{
	const char *no = rec_get(im->rec, "card_no"), *mobile = rec_get(im->rec, "mobile"),
	           *day = rec_get(im->rec, "created_date");
	if (*no)
		return acard_exists(im->db, no, err, errsz);
	const char *name = rec_get(im->rec, "name");
	return *day && (*mobile || *name) ? acard_exists_for(im->db, name, mobile, day, err, errsz) : 0;
}

/* A card already stored is not imported again; a new card for a mobile
 * another active card has is stored and reported, as a shared mobile of a
 * customer is (the same prospect twice, or a family's phone). */
static void acard_duplicates(struct imp *im, struct rule_list *l, int *refuse)
{
	char err[512];
	int64_t id = acard_of_row(im, err, sizeof err);
	const char *no = rec_get(im->rec, "card_no"), *mobile = rec_get(im->rec, "mobile");
	char other[32] = "", consultant[64] = "";
	struct rule_problem *p;
	int64_t held = !id && *mobile ? acard_active_for(im->db, mobile, other, sizeof other, consultant,
	                                                 sizeof consultant, err, sizeof err) : 0;
	if (id < 0 || held < 0) {
		duplicates_failed(im, err);
		return;
	}
	if (held && (p = add_problem(im, l, fdef_index(im->form, "mobile"), RK_WARNING)) != NULL) {
		snprintf(p->code, sizeof p->code, "duplicate.mobile");
		snprintf(p->msg, sizeof p->msg, "%s：%s 已有跟进中的 A卡 %s（销售顾问 %s），请确认是否同一客户", p->label,
		         mobile, other, consultant);
	}
	if (!id)
		return;
	if (*no)
		refuse_duplicate(im, l, refuse, id, "card_no", "duplicate.card_no", "%s 已存在，不重复导入", no);
	else
		refuse_duplicate(im, l, refuse, id, "created_date", "duplicate.acard", "%s%s%s%s在 %s 建的 A卡已存在，不重复导入",
		                 rec_get(im->rec, "name"), *mobile ? "（" : "", mobile, *mobile ? "）" : "",
		                 rec_get(im->rec, "created_date"));
}

static enum st_status acard_store(struct imp *im, char *err, size_t errsz)
{
	return acard_import(im->db, im->rec, im->o->staff, err, errsz);
}

/* --update: the card the row is takes the row's changes — a card list
 * exported again from another system, levels and plans moved on, some
 * cards ended (acard_import_update: forward only).  A card is the card of
 * its day: another 建卡日期 under its number is refused, not moved. */
static enum merge_result acard_merge(struct imp *im, struct rule_list *l, char *err, size_t errsz)
{
	int64_t id = acard_of_row(im, err, errsz);
	if (id <= 0)
		return id < 0 ? MERGE_FATAL : MERGE_NONE;
	if (load_merged(im, id, err, errsz) != ST_OK)
		return MERGE_FATAL;
	char said[80];
	snprintf(said, sizeof said, "A卡 %s 建于 %s", rec_get(im->merged, "card_no"), rec_get(im->merged, "created_date"));
	if (identity_changed(im, l, "created_date", "acard.created_date", said, "建卡日期"))
		return MERGE_REFUSED;
	char what[80];
	snprintf(what, sizeof what, "A卡 %s（", rec_get(im->merged, "card_no"));
	return fold_and_write(im, l, acard_import_update, "card_no", what, err, errsz);
}

/* The same card, date, method and words is the same record. */
static void followup_duplicates(struct imp *im, struct rule_list *l, int *refuse)
{
	char err[512];
	int64_t id = acard_followup_exists(im->db, im->rec, err, sizeof err);
	if (id < 0)
		duplicates_failed(im, err);
	else if (id)
		refuse_duplicate(im, l, refuse, id, "fu_date", "duplicate.followup", "A卡 %s 在 %s 的这条访问记录已存在，不重复导入",
		                 rec_get(im->rec, "card_no"), rec_get(im->rec, "fu_date"));
}

static enum st_status followup_store(struct imp *im, char *err, size_t errsz)
{
	return acard_import_followup(im->db, im->rec, im->o->staff, err, errsz);
}

/* --update: the record the row repeats (card, date, method, words) takes
 * its other fields — 主要异议诉求, the level after, the plan, who called. */
static enum merge_result followup_merge(struct imp *im, struct rule_list *l, char *err, size_t errsz)
{
	int64_t id = acard_followup_exists(im->db, im->rec, err, errsz);
	if (id <= 0)
		return id < 0 ? MERGE_FATAL : MERGE_NONE;
	if (load_merged(im, id, err, errsz) != ST_OK)
		return MERGE_FATAL;
	char what[120];
	snprintf(what, sizeof what, "A卡 %s 在 %s 的访问记录（", rec_get(im->merged, "card_no"),
	         rec_get(im->merged, "fu_date"));
	return fold_and_write(im, l, acard_import_followup_update, "fu_date", what, err, errsz);
}

/* ---- the stored record a duplicate row repeats (kind.load) ---- */

static enum st_status customer_load(struct imp *im, int64_t id, struct rec *r, char *err, size_t errsz)
{
	im->car = row_car(im, id, err, errsz);
	if (im->car == -1)
		return ST_ERROR;
	if (im->car == CUST_OTHERS_CAR)
		im->car = CUST_FIRST_CAR; /* refused by its VIN in any case */
	return cust_load_car(im->db, id, im->car, r, err, errsz);
}
static enum st_status vehicle_load(struct imp *im, int64_t id, struct rec *r, char *err, size_t errsz)
{
	(void)id; /* the car vehicle_duplicates found by this VIN */
	int found = veh_load_by_vin(im->db, rec_get(im->rec, "vin"), r, err, errsz);
	return found > 0 ? ST_OK : found == 0 ? ST_NOTFOUND : ST_ERROR;
}
static enum st_status workorder_load(struct imp *im, int64_t id, struct rec *r, char *err, size_t errsz)
{
	int64_t vehicle, customer;
	return wo_load(im->db, id, r, &vehicle, &customer, err, errsz);
}
static enum st_status complaint_load(struct imp *im, int64_t id, struct rec *r, char *err, size_t errsz)
{
	return cmp_load(im->db, id, r, err, errsz);
}
static enum st_status visit_load_of(struct imp *im, int64_t id, struct rec *r, char *err, size_t errsz)
{
	return visit_load(im->db, id, r, err, errsz);
}
static enum st_status acard_load_of(struct imp *im, int64_t id, struct rec *r, char *err, size_t errsz)
{
	return acard_load(im->db, id, r, err, errsz);
}
static enum st_status followup_load(struct imp *im, int64_t id, struct rec *r, char *err, size_t errsz)
{
	return acard_followup_load(im->db, id, r, err, errsz);
}

/* At most this many runs (1.5 MB): past it, a file of that many refusals
 * or multi-line records stops recording lines, and a later repeat of one
 * of its rows is said as a record in the database, as before lines were
 * kept — the import's memory stays flat. */
enum { MINE_MAX = 65536 };

/* The record id was stored by this run, from line `line`.  0 on success,
 * -1 out of memory. */
static int mine_add(struct imp *im, int64_t id, long line)
{
	/* an id not above the last: the rows from it up were deleted since */
	while (im->mine.n) {
		struct mine_run *r = &im->mine.v[im->mine.n - 1];
		if (r->id >= id) {
			im->mine.n--;
			continue;
		}
		if (r->id + r->n > id)
			r->n = id - r->id;
		break;
	}
	struct mine_run *last = im->mine.n ? &im->mine.v[im->mine.n - 1] : NULL;
	if (last && last->id + last->n == id && last->line + last->n == line) {
		last->n++;
		return 0;
	}
	if (im->mine.n == im->mine.cap) {
		if (im->mine.cap >= MINE_MAX)
			return 0;
		size_t cap = im->mine.cap ? im->mine.cap * 2 : 64;
		struct mine_run *v = realloc(im->mine.v, cap * sizeof *v);
		if (!v)
			return -1;
		im->mine.v = v;
		im->mine.cap = cap;
	}
	im->mine.v[im->mine.n++] = (struct mine_run){ id, line, 1 };
	return 0;
}

/* The file line that stored record id in this run, 0 when it was in before
 * (an interrupted earlier run of the file included). */
static long mine_line(const struct imp *im, int64_t id)
{
	size_t lo = 0, hi = im->mine.n; /* the first run starting above id */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (im->mine.v[mid].id <= id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return 0;
	const struct mine_run *r = &im->mine.v[lo - 1];
	return id < r->id + r->n ? r->line + (long)(id - r->id) : 0;
}

/* STORED_NEW_CAR: a customer row that is the stored customer, its car on
 * no record (the customer's next car, in a file of one row per car). */
/* STORED_UNSTORABLE: a row the database would refuse, found at a place
 * (day_row_unstorable) */
enum stored { STORED_UNKNOWN, STORED_SAME, STORED_DIFFERS, STORED_NEW_CAR, STORED_FAILED, STORED_UNSTORABLE };

/* Whether a row its duplicate keys refused says nothing the stored record
 * does not (a field the file leaves empty says nothing).  Such rows come
 * by the thousand when a file imported before is run again edited — its
 * refused rows corrected, a few rows added: they are in, not refused.
 * UNKNOWN when the keys name two records or the kind has no loader; with
 * DIFFERS, *first is the first field that differs and *n how many do. */
static enum stored row_is_stored(struct imp *im, int *first, int *n, char *err, size_t errsz)
{
	if (im->dup_of <= 0)
		return STORED_UNKNOWN;
	im->car = CUST_FIRST_CAR;
	enum st_status st = load_merged(im, im->dup_of, err, errsz);
	if (st != ST_OK)
		return st == ST_NOTFOUND ? STORED_UNKNOWN : STORED_FAILED;
	int new_car = im->car == CUST_NEW_CAR;
	*n = 0;
	for (int f = 0; f < im->form->nfields; f++) {
		const char *v = im->rec->val[f], *w = im->merged->val[f];
		int name = (im->form->fields[f].flags & FF_NAME) != 0;
		if (!unticks(im, f) &&
		    (!*v || strcmp(v, w) == 0 || (name ? txt_same_name(v, w) : txt_same_folded(v, w)) || lost_zeros(v, w)))
			continue;
		if (new_car && strcmp(im->form->fields[f].table, "vehicles") == 0)
			continue; /* the car is new: only the customer is compared */
		if (deal_moved(im->form->fields[f].key, w, v))
			continue;
		char a[64], b[64];
		/* a customer number as a file may type it (c00000001, full-width) */
		if (strcmp(im->form->fields[f].key, "cust_no") == 0) {
			cust_no_normal(v, a, sizeof a);
			cust_no_normal(w, b, sizeof b);
			if (strcmp(a, b) == 0)
				continue;
		}
		/* another name first: it says the row may be another person */
		if ((*n)++ == 0 || strcmp(im->form->fields[f].key, "name") == 0)
			*first = f;
	}
	return *n ? STORED_DIFFERS : new_car ? STORED_NEW_CAR : STORED_SAME;
}

/* STORED_NEW_CAR: the row's car stored for the customer it repeats.  What
 * refused the row (its ID number, name and mobile are that customer's),
 * the mobile it shares with itself and the customer's own empty required
 * fields (said on the row that made the customer) are not said; the car is.
 * 0, or -1 when the import must stop. */
static int store_new_car(struct imp *im, struct rule_list *l, int *refuse, char *dberr, size_t dberrsz)
{
	if (!im->bulk && st_savepoint(im->db, im->err, im->errsz) != ST_OK)
		return -1;
	enum st_status s = cust_add_car(im->db, im->bulk, im->dup_of, im->rec, dberr, dberrsz);
	if (s != ST_OK) {
		if (!im->bulk)
			st_rollback_to(im->db);
		if (s != ST_CONSTRAINT) {
			snprintf(im->err, im->errsz, "%s 第%ld行：%s", im->o->path, im->last_line, dberr);
			return -1;
		}
		return 0; /* refused, dberr says why */
	}
	if (!im->bulk && st_release(im->db, im->err, im->errsz) != ST_OK)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct rule_problem *p = &l->v[i];
		int customers = strcmp(im->form->fields[p->field].table, "customers") == 0;
		if (p->kind != RK_INVALID && strcmp(p->code, "duplicate.mobile") != 0 && !(p->kind == RK_REQUIRED && customers))
			l->v[k++] = *p;
	}
	l->n = k;
	*refuse = 0;
	struct rule_problem *p = add_problem(im, l, fdef_index(im->form, "vin"), RK_WARNING);
	if (p) {
		long at = mine_line(im, im->dup_of);
		char where[48];
		if (at)
			snprintf(where, sizeof where, "由本文件第%ld行存入", at);
		else
			snprintf(where, sizeof where, "已在库中");
		snprintf(p->code, sizeof p->code, "car.added");
		snprintf(p->msg, sizeof p->msg, "%s：客户 %s %s，%s 登记为该客户的又一辆车", p->label,
		         rec_get(im->merged, "cust_no"), where, rec_get(im->rec, "vin"));
	}
	return 0;
}

/* “value” cut to 30 cells with …, or （空）, or “否” for a box's no.  Cells
 * are not bytes: characters of no width (pasted U+200B) would pass out's
 * size, so the cut is at 120 bytes too, on a character's start. */
static void quoted_or_empty(const char *v, int said_no, char *out, size_t outsz)
{
	if (!*v) {
		snprintf(out, outsz, "%s", said_no ? "“否”" : "（空）");
		return;
	}
	size_t n = txt_fit(v, 30);
	if (n > 120)
		for (n = 120; n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80; n--)
			;
	snprintf(out, outsz, "“%.*s%s”", (int)n, v, v[n] ? "…" : "");
}

/* What a row of a stored record says otherwise, on the first field that
 * differs: the file's value and the record's, cut to fit a line; at, the
 * line of this file that stored the record (0: in before this run). */
static void say_differs(struct imp *im, struct rule_list *l, int f, int n, long at)
{
	struct rule_problem *p = add_problem(im, l, f, RK_INVALID);
	if (!p)
		return;
	/* an empty value is said as the merge's lines say it, a box's no as 否 */
	char fv[160], sw[160];
	quoted_or_empty(im->rec->val[f], im->said_no && im->said_no[f], fv, sizeof fv);
	quoted_or_empty(im->merged->val[f], 0, sw, sizeof sw);
	char more[48] = "";
	if (n > 1)
		snprintf(more, sizeof more, "（另有 %d 项不同）", n - 1);
	char whose[64];
	if (at)
		snprintf(whose, sizeof whose, "本文件第%ld行已存入的这条记录", at);
	else
		snprintf(whose, sizeof whose, "数据库中已有的这条记录");
	snprintf(p->code, sizeof p->code, "duplicate.differs");
	/* each value is at most 30 cells: a cut here would only shorten the label */
	int k = snprintf(p->msg, sizeof p->msg, "%s：文件中为%s，", p->label, fv);
	if (k > 0 && (size_t)k < sizeof p->msg)
		snprintf(p->msg + k, sizeof p->msg - (size_t)k, "%s为%s%s", whose, sw, more);
	/* said first: it is what decides between correcting the file and --update */
	struct rule_problem said = *p;
	memmove(l->v + 1, l->v, (l->n - 1) * sizeof *l->v);
	l->v[0] = said;
}

static void *customer_go_begin(struct imp *im, long est)
{
	return cust_bulk_begin(im->db, est, im->err, im->errsz);
}
static enum st_status customer_go_end(struct imp *im, void *b, const char *today)
{
	return cust_bulk_end(im->db, b, today, im->err, im->errsz);
}
static void customer_go_free(void *b)
{
	cust_bulk_free(b);
}
/* 4 MB: the probes read the two maps in memory (mobiles and plates, about
 * 11 MB each at a million customers), not the indexes */
static const struct one_go customer_go = { 4000, cust_count, customer_go_begin, customer_go_end, customer_go_free };

/* Only repair orders besides customers: a dealer's history holds millions,
 * and row by row each touches pages all over the database (the other kinds
 * import tens of thousands of rows a second as they are). */
static void *workorder_go_begin(struct imp *im, long est)
{
	(void)est;
	return wo_bulk_begin(im->db, im->err, im->errsz);
}
static enum st_status workorder_go_end(struct imp *im, void *b, const char *today)
{
	return wo_bulk_end(im->db, b, today, im->err, im->errsz);
}
static void workorder_go_free(void *b)
{
	wo_bulk_free(b);
}
/* 8 MB: the probes read the indexes kept (a number, a car's orders); 32 MB
 * was no faster (a million orders: 78 s, against 58 s at 8 MB) */
static const struct one_go workorder_go = { 8000, wo_count, workorder_go_begin, workorder_go_end, workorder_go_free };

static const struct kind kinds[] = {
	{ "customers", "customer", "客户", customer_store, customer_duplicates, customer_merge, &customer_go, customer_load, 1 },
	{ "vehicles", "vehicle", "车辆", vehicle_store, vehicle_duplicates, vehicle_merge, NULL, vehicle_load, 0 },
	{ "workorders", "workorder", "工单", workorder_store, workorder_duplicates, workorder_merge, &workorder_go, workorder_load, 0 },
	{ "complaints", "complaint", "投诉", complaint_store, complaint_duplicates, complaint_merge, NULL, complaint_load, 0 },
	{ "visits", "visit", "来店登记", visit_store, visit_duplicates, visit_merge, NULL, visit_load_of, 0 },
	{ "acards", "acard", "A卡", acard_store, acard_duplicates, acard_merge, NULL, acard_load_of, 0 },
	{ "followups", "followup", "A卡访问记录", followup_store, followup_duplicates, followup_merge, NULL, followup_load, 0 },
};
enum { NKINDS = sizeof kinds / sizeof kinds[0] };

const char *const *imp_kinds(void)
{
	static const char *names[NKINDS + 1];
	for (size_t i = 0; i < NKINDS; i++)
		names[i] = kinds[i].name;
	return names;
}

static const struct kind *kind_of(const char *name)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

const char *imp_form_of(const char *name)
{
	const struct kind *k = kind_of(name);
	return k ? k->form : NULL;
}

static int begin_batch(struct imp *im)
{
	if (im->in_batch)
		return 0;
	if (st_begin(im->db, im->err, im->errsz) != ST_OK)
		return -1;
	im->in_batch = 1;
	return 0;
}

/* The refused rows written so far are for good: their batch committed. */
static void refused_committed(struct imp *im)
{
	if (!im->refused.f || fflush(im->refused.f) != 0)
		return;
	off_t at = ftello(im->refused.f);
	if (at >= 0) {
		im->refused.kept = at;
		im->refused.rows_kept = im->refused.rows;
	}
}

/* The length of an output written so far, all of it handed to the
 * system; -1 when that failed (errno says why), -2 when it has none to
 * keep: a pipe or a terminal (--report /dev/stdout | …), which a
 * continuing run cannot cut back anyway. */
static off_t flushed_len(FILE *f)
{
	struct stat st;
	if (fflush(f) != 0 || ferror(f))
		return -1;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode))
		return -2;
	return ftello(f);
}

/* A continued run's output, cut back to its length at the last committed
 * batch (len; -1 not known), so what the undone batch wrote — and a line a
 * kill left half written — is not there twice.  Only the file that run
 * wrote (was, its resolved path) is cut: another one given this time is
 * only added to.  1 when it holds something to add to, 0 when it is to be
 * started afresh, -1 on error (errno). */
static int resume_output(const char *path, int resumed, int64_t len, const char *was)
{
	struct stat rs;
	if (!resumed || stat(path, &rs) != 0 || !S_ISREG(rs.st_mode))
		return 0;
	char real[PATH_MAX];
	int same = *was && realpath(path, real) && strcmp(real, was) == 0;
	/* shorter than recorded: not the file the run wrote; only added to */
	if (same && len >= 0 && len < rs.st_size) {
		if (truncate(path, (off_t)len) != 0)
			return -1;
		rs.st_size = (off_t)len;
	}
	return rs.st_size > 0;
}

static int commit_batch(struct imp *im)
{
	if (!im->in_batch)
		return 0;
	im->in_batch = 0;
	/* the report's and the refused rows' lengths go with the batch, so the
	 * run that continues a stopped one cuts off what an undone batch wrote */
	off_t rlen = -1, flen = -1;
	const char *failed = im->report && (rlen = flushed_len(im->report)) == -1 ? im->o->report
	                     : im->refused.f && (flen = flushed_len(im->refused.f)) == -1 ? im->o->refused
	                                                                                   : NULL;
	if (failed) {
		snprintf(im->err, im->errsz, "写入文件 %s 失败：%s", failed, oserr_text(errno));
		st_rollback(im->db);
		return -1;
	}
	/* the progress goes into the same transaction as the rows it counts */
	/* stored: new rows and rows merged into a record (--update) */
	long stored = im->st->imported + im->st->merged + im->prior_rows;
	if (im->run_id && ir_progress(im->db, im->run_id, im->last_line, stored, im->prior_refused + im->st->refused,
	                              rlen, im->report ? im->report_real : NULL, flen,
	                              im->refused.f ? im->refused.real : NULL, im->err, im->errsz) != ST_OK) {
		st_rollback(im->db);
		return -1;
	}
	/* a dry run keeps one transaction and rolls it back at the end */
	if (st_commit(im->db, im->err, im->errsz) != ST_OK)
		return -1;
	im->st->committed = stored;
	im->st->committed_refused = im->st->refused;
	refused_committed(im);
	st_idle(im->db);
	return 0;
}

static void progress(struct imp *im)
{
	if (!im->o->progress)
		return;
	time_t now = time(NULL);
	if (now == im->last_progress)
		return;
	im->last_progress = now;
	/* a dry run says what its summary will say: checked, could be imported */
	fprintf(im->o->progress, im->o->dry_run ? "\r正在检查… 已读 %ld 行，可导入 %ld 行，拒绝 %ld 行"
	                                        : "\r正在导入… 已读 %ld 行，导入 %ld 行，拒绝 %ld 行",
	        im->st->rows, im->st->imported, im->st->refused);
	if (im->st->already)
		fprintf(im->o->progress, "，已在库中 %ld 行", im->st->already);
	if (im->st->repeated)
		fprintf(im->o->progress, "，与前面的行重复 %ld 行", im->st->repeated);
	fflush(im->o->progress);
}

/* Every handled row ends here: batches commit every BATCH rows. */
static int finish_row(struct imp *im)
{
	if (!im->o->dry_run && !im->bulk && im->st->rows % BATCH == 0 && commit_batch(im) != 0) {
		im->fatal = 1;
		return 1;
	}
	progress(im);
	return 0;
}

/* ---- reading and checking, on a thread of its own ----
 *
 * Parsing, decoding and the rules take about a quarter of an import and
 * need no database, so a reader thread does them a few hundred rows ahead
 * of the main thread, which probes for duplicates, stores, reports and
 * commits in file order.  The reader touches only its slot, the file and
 * (for the header, before the first row is handed over) the column map. */

enum { SLOTS = 256 };

enum slot_kind { SLOT_ROW, SLOT_SKIPPED, SLOT_BROKEN, SLOT_END };

struct slot {
	enum slot_kind kind;
	long line;                 /* file line the record starts on */
	struct rec *rec;           /* SLOT_ROW: the values, normalised by the rules */
	unsigned char *said_no;    /* SLOT_ROW: per field, the cell said no in a box (rules_flag_no) */
	struct rule_list problems; /* SLOT_ROW: what the rules found */
	int columns;               /* SLOT_ROW: how many the row had */
	int broken_col;            /* SLOT_BROKEN: 0-based column */
	const char *broken_why;    /* SLOT_BROKEN: "含有 NUL 字符", ... */
	enum cio_status end;       /* SLOT_END: how the parse ended */
	char end_err[256];         /* SLOT_END: the parser's message */
	char find[FIND_N][96];     /* SLOT_ROW: the cells of the finder columns ("" without) */
	char stamp[20];            /* SLOT_ROW: the record's last change as the row gives it, or "" */
	char stamp_shown[20];      /* SLOT_ROW: ... as the file wrote it, for messages */
	char stamp_bad[48];        /* SLOT_ROW: a 更新时间 cell that is no time, as written */
	char *raw;                 /* SLOT_ROW, SLOT_BROKEN with o->refused: the record as a CSV line
	                            * (refused_format) */
	size_t rawlen, rawcap;
	size_t raw_split;          /* where in it the reason goes: its length but cells past the header */
	int raw_oom;
	int has_rec;               /* SLOT_SKIPPED: rec and problems are read all the same (by_day) */
};

/* How the file's bytes become UTF-8 text. */
enum file_enc { ENC_UTF8, ENC_GB18030, ENC_UTF16, ENC_UTF16LE, ENC_UTF16BE };

struct reader {
	struct imp *im;
	FILE *in;
	enum file_enc enc;
	struct ring *ring;
	struct slot *slots;
};

/* A cell the export wrote after an apostrophe so that a spreadsheet shows
 * it as text ('=HYPERLINK(…), '+1-2): the text itself. */
static const char *formula_text(const char *cell)
{
	return cell[0] == '\'' && cell[1] && strchr("=+-@", cell[1]) ? cell + 1 : cell;
}

/* ="…" as export --excel writes a cell a spreadsheet must keep as text (a
 * long code, 3/4, 9-12, 2025.10), in any field: its text, a doubled quote
 * inside single again.  Allocated; NULL when the cell is not exactly that
 * form (="a"b" is no formula a spreadsheet reads). */
static char *excel_text(const char *cell)
{
	if (cell[0] != '=' || cell[1] != '"')
		return NULL;
	size_t n = strlen(cell);
	if (n < 3 || cell[n - 1] != '"')
		return NULL;
	char *t = malloc(n), *o = t;
	if (!t)
		return NULL;
	for (size_t i = 2; i < n - 1; i++) {
		if (cell[i] == '"' && (i + 1 >= n - 1 || cell[++i] != '"')) {
			free(t);
			return NULL;
		}
		*o++ = cell[i];
	}
	*o = 0;
	return t;
}

static void prepare_row(struct imp *im, const struct cio_row *row, struct slot *sl)
{
	sl->line = row->line;
	sl->has_rec = 0;
	/* rows an interrupted run handled: not stored again, but a repair
	 * order's still counted among its car's of that day (day_place) */
	int skipped = row->line <= im->skip_through;
	if (skipped && !im->by_day) {
		sl->kind = SLOT_SKIPPED;
		return;
	}
	/* kept as read, for the file of refused rows */
	sl->raw_oom = !skipped && im->o->refused &&
	              refused_format(im, row, 0, &sl->raw, &sl->rawlen, &sl->rawcap, &sl->raw_split) != 0;
	/* a NUL or a broken UTF-8 sequence would be cut or garbled silently
	 * further down: refuse the row and say which column */
	for (int c = 0; c < row->n; c++) {
		const char *why = strlen(row->f[c]) != row->len[c] ? "含有 NUL 字符"
		                : !txt_valid_utf8(row->f[c], row->len[c]) ? "不是有效的 UTF-8 文本" : NULL;
		if (why) {
			sl->kind = skipped ? SLOT_SKIPPED : SLOT_BROKEN;
			sl->broken_col = c;
			sl->broken_why = why;
			return;
		}
	}
	sl->kind = SLOT_ROW;
	rec_clear(sl->rec);
	for (int c = 0; c < row->n && c < im->ncols; c++)
		if (im->colmap[c] >= 0) {
			/* '="9-12" is the text ="9-12", an apostrophe's to keep */
			const char *v = formula_text(row->f[c]);
			char *t = v == row->f[c] ? excel_text(v) : NULL;
			rec_set_at(sl->rec, im->colmap[c], t ? t : v);
			free(t);
		}
	/* 日期 2026/11/20 and 时间 9:30 are the arrival 2026/11/20 9:30; a
	 * time cell with its own date (2026/11/20 9:30) is the value whole, and
	 * a date cell with its time keeps it */
	for (int i = 0; i < im->ntimes; i++) {
		int tc = im->times[i].col, to = im->times[i].to;
		const char *day = sl->rec->val[to], *t = tc < row->n ? row->f[tc] : "";
		if (*t && (strpbrk(t, "-/") || strstr(t, "年"))) {
			rec_set_at(sl->rec, to, t);
		} else if (*t && *day && !strchr(day, ':')) {
			char both[160];
			snprintf(both, sizeof both, "%.80s %.60s", day, t);
			rec_set_at(sl->rec, to, both);
		}
	}
	for (int i = 0; i < FIND_N && has_finders(im); i++) {
		int fc = im->finder[i];
		snprintf(sl->find[i], sizeof sl->find[i], "%s", fc >= 0 && fc < row->n ? row->f[fc] : "");
	}
	sl->stamp[0] = sl->stamp_bad[0] = 0;
	const char *sc = im->stamp_col >= 0 && im->stamp_col < row->n ? row->f[im->stamp_col] : "";
	if (*sc && !stamp_of(sc, sl->stamp, sl->stamp_shown))
		snprintf(sl->stamp_bad, sizeof sl->stamp_bad, "%.*s", (int)txt_cut_len(sc, 40), sc); /* whole characters */
	int bc = im->by_content;
	if (bc >= 0 && bc < row->n && *row->f[bc])
		rec_set_at(sl->rec, im->content_to[val_looks_mobile(row->f[bc]) ? 0 : 1], row->f[bc]);
	sl->columns = row->n;
	/* the rules empty a box's no: an --update merge needs the word */
	for (int f = 0; f < im->form->nfields; f++)
		sl->said_no[f] = (unsigned char)rules_flag_no(&im->form->fields[f], sl->rec->val[f]);
	sl->problems.n = 0;
	rules_check(sl->rec, RP_IMPORT, &sl->problems);
	if (skipped) {
		sl->kind = SLOT_SKIPPED;
		sl->has_rec = 1;
	}
}

/* 1 when a cell names a column of the sheet: by key, label or another
 * system's name (forms/headers.csv). */
static int names_a_column(struct imp *im, const char *cell)
{
	char name[256], lower[256];
	header_name(cell, name, sizeof name);
	size_t i = 0;
	for (; name[i] && i + 1 < sizeof lower; i++)
		lower[i] = (char)tolower((unsigned char)name[i]);
	lower[i] = 0;
	if (fdef_index(im->form, name) >= 0 || fdef_index(im->form, lower) >= 0 || is_stamp_name(name))
		return 1;
	char err[256];
	struct alias_map *am = alias_load(im->form->name, err, sizeof err);
	int known = am && alias_key(am, name) != NULL;
	alias_free(am);
	return known;
}

/* The file's first record is a title above the header, as old DMS exports
 * write one ("2025年客户名单", "导出时间：2025-01-02", padded with empty
 * cells by a spreadsheet): a single cell holding something that names no
 * column.  Kept to be said once the header below it is read. */
#define IMP_TITLES 5
static int title_above_header(struct imp *im, const struct cio_row *row)
{
	if (im->titles >= IMP_TITLES)
		return 0;
	int filled = -1;
	for (int c = 0; c < row->n; c++) {
		char v[256];
		snprintf(v, sizeof v, "%s", row->f[c]);
		txt_trim(v);
		if (!*v)
			continue;
		if (filled >= 0)
			return 0; /* two cells: a header, perhaps with a mistyped name */
		filled = c;
	}
	/* bytes of another encoding: map_header says so of the header */
	if (filled < 0 || !txt_valid_utf8(row->f[filled], row->len[filled]) || names_a_column(im, row->f[filled]))
		return 0;
	/* the first one is said: the others (导出时间, 制表人) are counted */
	if (im->titles++ == 0) {
		char v[sizeof im->title * 2];
		snprintf(v, sizeof v, "%s", row->f[filled]);
		txt_trim(v);
		snprintf(im->title, sizeof im->title, "%.*s", (int)txt_cut_len(v, 40), v);
		if (strlen(v) > strlen(im->title))
			snprintf(im->title + strlen(im->title), sizeof im->title - strlen(im->title), "…");
		im->title_line = row->line;
	}
	if (im->titles == 1)
		snprintf(im->title_where, sizeof im->title_where, "第%ld行", row->line);
	else
		snprintf(im->title_where, sizeof im->title_where, "第%ld至%ld行", im->title_line, row->line);
	return 1;
}

static int read_row(const struct cio_row *row, void *vrd)
{
	struct reader *rd = vrd;
	struct imp *im = rd->im;
	if (!im->header_done) {
		/* before any slot is handed over: the main thread is waiting */
		if (title_above_header(im, row))
			return 0;
		im->header_done = 1;
		if (im->title_line) { /* said first: the report goes by line */
			char msg[300];
			if (im->titles > 1)
				snprintf(msg, sizeof msg, "%s（“%s”等 %d 行）不是表头，已当作标题跳过；表头在第%ld行",
				         im->title_where, im->title, im->titles, row->line);
			else
				snprintf(msg, sizeof msg, "“%s”不是表头，已当作标题跳过；表头在第%ld行", im->title, row->line);
			report_line(im, im->title_line, "", "", "row.title", 0, msg);
		}
		if (map_header(im, row) != 0) {
			im->fatal = 1;
			return 1;
		}
		return 0;
	}
	long i = ring_claim(rd->ring);
	if (i < 0)
		return 1; /* the main thread has stopped */
	prepare_row(im, row, &rd->slots[i]);
	ring_publish(rd->ring);
	return 0;
}

static void *reader_main(void *vrd)
{
	struct reader *rd = vrd;
	char perr[256] = "";
	enum cio_status cs;
	switch (rd->enc) {
	case ENC_GB18030:
		cs = cio_parse_stream_gb18030(rd->in, read_row, rd, perr, sizeof perr);
		break;
	case ENC_UTF16:
	case ENC_UTF16LE:
	case ENC_UTF16BE:
		cs = cio_parse_stream_utf16(rd->in, rd->enc == ENC_UTF16LE ? CIO_UTF16_LE
		                                    : rd->enc == ENC_UTF16BE ? CIO_UTF16_BE : CIO_UTF16_BOM,
		                            read_row, rd, perr, sizeof perr);
		break;
	default:
		cs = cio_parse_stream(rd->in, read_row, rd, perr, sizeof perr);
	}
	long i = ring_claim(rd->ring);
	if (i >= 0) {
		struct slot *sl = &rd->slots[i];
		sl->kind = SLOT_END;
		sl->end = cs;
		snprintf(sl->end_err, sizeof sl->end_err, "%s", perr);
		ring_publish(rd->ring);
	}
	return NULL;
}

/* ---- storing, on the main thread ---- */

/* A row refused: counted, and kept as read in the file of refused rows
 * (o->refused), the refusals reported for it in the reason column.  1 when
 * the import must stop. */
static int refuse_row(struct imp *im, const struct slot *sl)
{
	im->st->refused++;
	if (!im->refused.f)
		return 0;
	if (sl->raw_oom || im->refused.why_oom) {
		snprintf(im->err, im->errsz, "%s 第%ld行：内存不足", im->o->path, sl->line);
		im->fatal = 1;
		return 1;
	}
	FILE *f = im->refused.f;
	if (im->refused.rows++ == 0 && im->refused.kept == 0) { /* a new file */
		fputs("\xEF\xBB\xBF", f);
		fwrite(im->refused.head, 1, im->refused.head_len, f);
	}
	/* the header's cells, the reason, then any cells past the header */
	size_t split = sl->raw_split;
	fwrite(sl->raw, 1, split - 1, f);
	putc(',', f);
	cio_write_field(f, im->refused.why_len ? im->refused.why : "", split == sl->rawlen);
	fwrite(sl->raw + split, 1, sl->rawlen - split, f);
	return 0;
}

/* A required field the import fills itself (the customer found, the car
 * found) is not said as empty. */
static void drop_required(struct rule_list *l, int f)
{
	size_t kept = 0;
	for (size_t i = 0; i < l->n; i++)
		if (!(l->v[i].field == f && l->v[i].kind == RK_REQUIRED))
			l->v[kept++] = l->v[i];
	l->n = kept;
}

/* A number of a phone cell to find a customer by: a mobile, else a landline
 * (a fleet's office number), else one without its area code (a local
 * caller ID); of a cell with several (13800138000/0571-12345678, as
 * customer files have them, split as the customer import splits them),
 * the first mobile, else the first landline.  "" when none. */
static void phone_of_cell(const char *cell, char *out, size_t outsz)
{
	struct val_result vr;
	if (val_mobile(cell, out, outsz, &vr) != VAL_ERROR || val_landline(cell, out, outsz, &vr) != VAL_ERROR ||
	    val_local_number(cell, out, outsz))
		return;
	char parts[6][64];
	int n = rules_cell_numbers(cell, parts, 6);
	for (int i = 0; i < n; i++)
		if (val_mobile(parts[i], out, outsz, &vr) != VAL_ERROR)
			return;
	for (int i = 0; i < n; i++)
		if (val_landline(parts[i], out, outsz, &vr) != VAL_ERROR)
			return;
	*out = 0;
}

/* The number of the customer a row without one means, found by the
 * finder columns (a complaint book's 客户姓名, 联系电话, 车牌号): set and
 * said when one customer is found; the row refused naming what was
 * tried otherwise.  A row with none of them is left to the rules (客户编号
 * required).  0, or -1 with err on a database error. */
static int find_customer(struct imp *im, struct slot *sl, char *err, size_t errsz)
{
	if (!has_finders(im))
		return 0; /* every file of the other kinds, at a million rows */
	int f = fdef_index(im->form, "cust_no");
	const char *in_name = sl->find[FIND_NAME], *in_mobile = sl->find[FIND_MOBILE], *in_plate = sl->find[FIND_PLATE];
	if (f < 0 || *im->rec->val[f] || (!*in_name && !*in_mobile && !*in_plate))
		return 0;
	struct rule_list *l = &sl->problems;
	drop_required(l, f);

	char name[96], phone[64] = "", plate[64] = "";
	struct val_result vr;
	txt_normalize(in_name, name, sizeof name);
	if (*in_mobile)
		phone_of_cell(in_mobile, phone, sizeof phone);
	if (*in_plate && val_plate(in_plate, plate, sizeof plate, &vr) == VAL_ERROR)
		*plate = 0;
	struct cust_who who = { .n = 0 };
	int found = *plate || *phone ? cust_identify(im->db, name, phone, plate, &who, err, errsz) : CUST_WHO_NONE;
	if (found < 0)
		return -1;
	struct rule_problem *p = add_problem(im, l, f, found == CUST_WHO_ONE ? RK_WARNING : RK_INVALID);
	if (!p)
		return 0;
	const char *by = who.by_plate ? "车牌号" : who.by_landline ? "固定电话" : "手机号";
	/* names and what the file wrote cut by width, never inside a character */
	int n0 = (int)txt_fit(who.name[0], 30), n1 = (int)txt_fit(who.name[1], 30), nf = (int)txt_fit(name, 30);
	const char *pl = *plate ? plate : in_plate, *mo = *phone ? phone : in_mobile;
	int npl = (int)txt_fit(pl, 24), nmo = (int)txt_fit(mo, 40);
	switch (found) {
	case CUST_WHO_ONE:
		rec_set_at(im->rec, f, who.cust_no[0]);
		snprintf(p->code, sizeof p->code, "customer.found");
		snprintf(p->msg, sizeof p->msg, "%s：文件未写，按%s认定为客户 %s（%.*s）", p->label, by, who.cust_no[0], n0,
		         who.name[0]);
		break;
	case CUST_WHO_OTHER_NAME:
		snprintf(p->code, sizeof p->code, "customer.other_name");
		snprintf(p->msg, sizeof p->msg, "%s：文件未写；按%s找到的客户 %s 名为“%.*s”，与文件中的“%.*s”不符，请核对后填写客户编号",
		         p->label, by, who.cust_no[0], n0, who.name[0], nf, name);
		break;
	case CUST_WHO_SEVERAL:
		snprintf(p->code, sizeof p->code, "customer.several");
		snprintf(p->msg, sizeof p->msg, "%s：文件未写；%s %s 有 %d 位%s客户（%s %.*s、%s %.*s%s），无法确定，请填写客户编号",
		         p->label, by, who.by_plate ? plate : phone, who.n,
		         *name && txt_same_name(name, who.name[0]) && txt_same_name(name, who.name[1]) ? "同名" : "",
		         who.cust_no[0], n0, who.name[0], who.cust_no[1], n1, who.name[1], who.n > 2 ? "等" : "");
		break;
	default:
		snprintf(p->code, sizeof p->code, "customer.not_found");
		if (*in_mobile && !*phone && !*in_plate)
			snprintf(p->msg, sizeof p->msg, "%s：文件未写；电话 %.*s 既不是手机号码也不是固定电话号码，找不出客户，请填写客户编号",
			         p->label, nmo, mo);
		else if (*in_mobile || *in_plate)
			snprintf(p->msg, sizeof p->msg, "%s：文件未写；按%s%.*s%s%s%.*s 找不到客户，请先登记或导入客户，或填写客户编号",
			         p->label, *in_plate ? "车牌号 " : "", npl, pl, *in_plate && *in_mobile ? "、" : "",
			         *in_mobile ? "电话 " : "", nmo, mo);
		else
			snprintf(p->msg, sizeof p->msg, "%s：文件未写；只有姓名“%.*s”不能确定客户，请填写客户编号，或给出手机号或车牌号",
			         p->label, nf, name);
	}
	return 0;
}

/* An order row without its VIN but with a plate (an old DMS's order list
 * keeps the plate only): the car with that plate, when exactly one has it,
 * said (a plate given again since may name another car); else the row is
 * refused naming the plate.  0, or -1 with err on a database error. */
static int car_by_plate(struct imp *im, struct slot *sl, char *err, size_t errsz)
{
	int fv = fdef_index(im->form, "vin"), fp = fdef_index(im->form, "plate");
	if (strcmp(im->kind->name, "workorders") != 0 || fv < 0 || fp < 0 || *im->rec->val[fv] ||
	    !*im->rec->val[fp])
		return 0;
	/* --update finds an order by its number: its car is the order's */
	if (im->o->update && *rec_get(im->rec, "wo_no")) {
		int64_t id = wo_exists(im->db, rec_get(im->rec, "wo_no"), err, errsz);
		if (id != 0)
			return id < 0 ? -1 : 0;
	}
	const char *plate = im->rec->val[fp];
	struct wo_vehicle v[4];
	int n = wo_find_vehicles(im->db, plate, v, 4, err, errsz);
	if (n < 0)
		return -1;
	int hit = -1, hits = 0;
	for (int i = 0; i < n; i++)
		if (strcmp(v[i].plate, plate) == 0)
			hit = i, hits++;
	struct rule_list *l = &sl->problems;
	drop_required(l, fv);
	struct rule_problem *p = add_problem(im, l, fv, hits == 1 ? RK_WARNING : RK_INVALID);
	if (!p)
		return 0;
	if (hits == 1) {
		rec_set_at(im->rec, fv, v[hit].vin);
		snprintf(p->code, sizeof p->code, "vin.by_plate");
		snprintf(p->msg, sizeof p->msg, "%s：文件未写，按车牌号 %s 认定为车辆 %s（客户 %s %.*s）", p->label, plate,
		         v[hit].vin, v[hit].cust_no, (int)txt_fit(v[hit].name, 30), v[hit].name);
	} else {
		snprintf(p->code, sizeof p->code, "vin.not_found");
		snprintf(p->msg, sizeof p->msg, "%s：文件未写；车牌号 %s %s，请填写 VIN", p->label, plate,
		         hits ? "有几辆车，无法确定" : "找不到车辆，请先导入车辆");
	}
	return 0;
}

/* A row an interrupted run handled, read (not stored) when it resumes:
 * its place among its car's orders of the day counted as the whole run
 * counts it (handle_row) — kept by a row refused before its store is
 * tried (--strict, an empty key), by one that is the order at its place or
 * merges into it (--update), given back by one the database refuses (its
 * store tried and taken back, day_row_unstorable), which took none in the
 * run that handled it.  It had counted a place all the same, so the
 * resumed run looked for each next order of that day one place on and
 * stored it again.  0, or 1 when the import must stop (im->fatal). */
static int skipped_day_place(struct imp *im, struct slot *sl)
{
	struct rule_list *l = &sl->problems;
	char err[512] = "";
	im->rec = sl->rec;
	im->said_no = sl->said_no;
	im->stamp = sl->stamp;
	im->stamp_shown = sl->stamp_shown;
	if (car_by_plate(im, sl, err, sizeof err) != 0)
		goto failed;
	if ((im->day_nth = day_place(im, im->rec, l)) < 0) {
		snprintf(err, sizeof err, "内存不足");
		goto failed;
	}
	if (im->day_nth == 0)
		return 0;
	int keep = 0;
	for (size_t i = 0; i < l->n && !keep; i++)
		keep = l->v[i].kind == RK_REQUIRED &&
		       (im->o->strict || (im->form->fields[l->v[i].field].flags & FF_KEY));
	int64_t id = keep ? 0 : order_of_row(im, err, sizeof err);
	if (id < 0)
		goto failed;
	if (id > 0 && im->o->update) {
		keep = 1;
	} else if (id > 0) {
		int first = 0, n = 0;
		im->dup_of = id;
		enum stored same = row_is_stored(im, &first, &n, err, sizeof err);
		if (same == STORED_FAILED)
			goto failed;
		keep = same != STORED_DIFFERS;
	}
	int u = keep ? 0 : day_row_unstorable(im, err, sizeof err);
	if (u < 0) {
		snprintf(err, sizeof err, "%s", im->err);
		goto failed;
	}
	if (u > 0)
		day_place_back(im);
	im->day_nth = 0;
	return 0;
failed:
	snprintf(im->err, im->errsz, "%s 第%ld行：%s", im->o->path, sl->line, err);
	im->fatal = 1;
	return 1;
}

/* One checked row: 0 to go on, 1 when the import must stop (im->fatal). */
static int handle_row(struct imp *im, struct slot *sl)
{
	im->day_nth = 0;
	if (sl->kind == SLOT_SKIPPED) {
		im->st->skipped++;
		return im->by_day && sl->has_rec ? skipped_day_place(im, sl) : 0;
	}
	im->last_line = sl->line;
	im->st->rows++;
	im->refused.why_len = 0; /* this row's refusals are gathered from here */
	im->refused.why_line = sl->line;
	if (sl->kind == SLOT_BROKEN) {
		char msg[160];
		int c = sl->broken_col;
		const char *key = c < im->ncols && im->colmap[c] >= 0 ? im->form->fields[im->colmap[c]].key : "";
		const char *label = c < im->ncols && im->colmap[c] >= 0 ? im->form->fields[im->colmap[c]].label : "";
		/* the screen shows the message, not the report's field column */
		snprintf(msg, sizeof msg, "第%d列%s%s%s%s，整行未导入", c + 1, *label ? "（" : "", label, *label ? "）" : "",
		         sl->broken_why);
		report_line(im, sl->line, key, label, "encoding.invalid", 1, msg);
		int stop = refuse_row(im, sl);
		progress(im);
		return stop;
	}
	im->rec = sl->rec;
	im->said_no = sl->said_no;
	im->stamp = sl->stamp;
	im->stamp_shown = sl->stamp_shown;
	if (*sl->stamp_bad) {
		char msg[200];
		snprintf(msg, sizeof msg, "%s：“%s”不是日期时间（应如2026-12-05 10:30:00），%s", EXP_STAMP_LABEL, sl->stamp_bad,
		         im->o->update ? "无法判断这一行与数据库中的记录哪边较新，合并时以文件为准" : "已忽略");
		report_line(im, sl->line, "", EXP_STAMP_LABEL, "stamp.invalid", 0, msg);
	}
	if (sl->columns > im->ncols) {
		report_line(im, sl->line, "", "", "row.extra_columns", 0, "本行的列数多于表头，多出的列已忽略");
	} else if (sl->columns < im->ncols && !im->short_noted) {
		/* some systems leave trailing empty fields out of every row: once,
		 * not a million times */
		char msg[200];
		snprintf(msg, sizeof msg, "本行只有 %d 列（表头 %d 列），缺少的列按空白处理；以后这样的行不再逐行提示",
		         sl->columns, im->ncols);
		report_line(im, sl->line, "", "", "row.short", 0, msg);
		im->short_noted = 1;
	}

	struct rule_list *l = &sl->problems;
	char dberr[512] = "";
	if (begin_batch(im) != 0 || find_customer(im, sl, dberr, sizeof dberr) != 0 ||
	    car_by_plate(im, sl, dberr, sizeof dberr) != 0) {
		if (*dberr)
			snprintf(im->err, im->errsz, "%s 第%ld行：%s", im->o->path, sl->line, dberr);
		im->fatal = 1;
		return 1;
	}
	/* after car_by_plate: a row's place is counted among its car's */
	if (im->by_day && (im->day_nth = day_place(im, im->rec, l)) < 0) {
		snprintf(im->err, im->errsz, "%s 第%ld行：内存不足", im->o->path, sl->line);
		im->fatal = 1;
		return 1;
	}
	int refuse = has_problem_kind(l, RK_INVALID);
	int incomplete = has_problem_kind(l, RK_REQUIRED);
	if (refuse && im->o->update) {
		/* an update file gives the columns it changes: a row refused for a
		 * value is not also told of every field it has no column for */
		size_t kept = 0;
		for (size_t i = 0; i < l->n; i++)
			if (l->v[i].kind != RK_REQUIRED || column_of(im, im->ncols, l->v[i].field) >= 0)
				l->v[kept++] = l->v[i];
		l->n = kept;
	}
	if (!refuse && im->o->update) {
		enum merge_result m = im->kind->merge(im, l, dberr, sizeof dberr);
		if (m == MERGE_FATAL) {
			snprintf(im->err, im->errsz, "%s 第%ld行：%s", im->o->path, sl->line, dberr);
			im->fatal = 1;
			return 1;
		}
		if (m != MERGE_NONE) {
			for (size_t i = 0; i < l->n; i++)
				if (l->v[i].kind != RK_IMPORTANT)
					report_line(im, sl->line, l->v[i].key, l->v[i].label, l->v[i].code,
					            m == MERGE_REFUSED && l->v[i].kind != RK_WARNING, l->v[i].msg);
			if (*dberr)
				report_refusal(im, l, sl->line, dberr);
			if (m == MERGE_REFUSED && refuse_row(im, sl) != 0)
				return 1;
			return finish_row(im);
		}
		dberr[0] = 0;
	}
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == RK_REQUIRED &&
		    (im->o->strict || (im->form->fields[l->v[i].field].flags & FF_KEY)))
			refuse = 1;
	im->dup_of = 0;
	if (!refuse)
		im->kind->duplicates(im, l, &refuse);
	if (im->fatal) {
		snprintf(dberr, sizeof dberr, "%s", im->err);
		snprintf(im->err, im->errsz, "%s 第%ld行：%s", im->o->path, sl->line, dberr);
		return 1;
	}
	int stored = 0; /* by store_new_car */
	if (refuse && im->dup_of > 0) {
		int first = 0, n = 0;
		enum stored same = row_is_stored(im, &first, &n, dberr, sizeof dberr);
		if (same == STORED_FAILED) {
			snprintf(im->err, im->errsz, "%s 第%ld行：%s", im->o->path, sl->line, dberr);
			im->fatal = 1;
			return 1;
		}
		long at = mine_line(im, im->dup_of);
		if (same == STORED_SAME && !at) {
			/* nothing to report: the record already says all of it */
			im->st->already++;
			return finish_row(im);
		}
		if (same == STORED_SAME) {
			/* the file's own repeat: said, on the key that found it, so the
			 * line the record came from can be looked at */
			const struct rule_problem *k = NULL;
			for (size_t i = 0; i < l->n && !k; i++)
				if (l->v[i].kind == RK_INVALID && strncmp(l->v[i].code, "duplicate.", 10) == 0)
					k = &l->v[i];
			char msg[200];
			snprintf(msg, sizeof msg, "%s%s本行与本文件第%ld行是同一条记录，内容相同，未重复存入", k ? k->label : "",
			         k ? "：" : "", at);
			report_line(im, sl->line, k ? k->key : "", k ? k->label : "", "duplicate.in_file", 0, msg);
			im->st->repeated++;
			return finish_row(im);
		}
		if (same == STORED_DIFFERS && im->day_nth > 0) {
			int u = day_row_unstorable(im, dberr, sizeof dberr);
			if (u < 0) {
				snprintf(dberr, sizeof dberr, "%s", im->err);
				snprintf(im->err, im->errsz, "%s 第%ld行：%s", im->o->path, sl->line, dberr);
				im->fatal = 1;
				return 1;
			}
			if (u > 0) {
				/* not the order at its place: the database's refusal
				 * is the row's cause, said below with dberr */
				size_t kept = 0;
				for (size_t i = 0; i < l->n; i++)
					if (strcmp(l->v[i].code, "duplicate.workorder") != 0)
						l->v[kept++] = l->v[i];
				l->n = kept;
				day_place_back(im);
				same = STORED_UNSTORABLE;
			}
		}
		if (same == STORED_DIFFERS) {
			say_differs(im, l, first, n, at);
			if (at)
				im->st->differs_in_file++;
			else
				im->st->differs++;
		}
		if (same == STORED_NEW_CAR) {
			if (store_new_car(im, l, &refuse, dberr, sizeof dberr) != 0) {
				im->fatal = 1;
				return 1;
			}
			stored = !refuse;
		}
	}
	im->incomplete = incomplete;
	if (!refuse && !stored) {
		/* a bulk load's store is all or nothing by itself (cust_bulk_import) */
		if (!im->bulk && st_savepoint(im->db, im->err, im->errsz) != ST_OK) {
			im->fatal = 1;
			return 1;
		}
		im->rec->id = 0;
		enum st_status s = im->kind->store(im, dberr, sizeof dberr);
		if (s == ST_OK && im->rec->id > 0 && mine_add(im, im->rec->id, sl->line) != 0) {
			snprintf(im->err, im->errsz, "内存不足");
			im->fatal = 1;
			return 1;
		}
		if (s == ST_OK) {
			if (!im->bulk && st_release(im->db, im->err, im->errsz) != ST_OK) {
				im->fatal = 1;
				return 1;
			}
		} else {
			if (!im->bulk)
				st_rollback_to(im->db);
			if (s != ST_CONSTRAINT) {
				snprintf(im->err, im->errsz, "%s 第%ld行：%s", im->o->path, sl->line, dberr);
				im->fatal = 1;
				return 1;
			}
			day_place_back(im);
			refuse = 1;
		}
	}
	/* a field the schema refused (NOT NULL, or a CHECK naming the column
	 * of a field the rules found empty) is a cause too; a refusal of the
	 * schema that names no field may be any */
	const char *at;
	int db_field = *dberr ? field_in_message(im, dberr, &at) : -1;
	if (*dberr && db_field < 0)
		db_field = check_field(im, l, dberr);
	int unnamed = *dberr && db_field < 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct rule_problem *p = &l->v[i];
		if (p->kind == RK_IMPORTANT)
			continue; /* the prompt is for the screen; a report of them all would drown the rest */
		/* a warning is not why a row is refused, nor is an empty required
		 * field a row may be stored without (incomplete): said as hints
		 * on it, so the refused rows' reasons are the ones to correct.
		 * One its table cannot hold empty (a complaint's 投诉内容) is one. */
		const struct fdef_field *fd = p->field >= 0 ? &im->form->fields[p->field] : NULL;
		int cause = p->kind == RK_INVALID ||
		            (p->kind == RK_REQUIRED && fd && refuse &&
		             (im->o->strict || (fd->flags & FF_KEY) || p->field == db_field || unnamed ||
		              st_column_needed(im->db, fd->table, fd->column)));
		report_line(im, sl->line, p->key, p->label, p->code, refuse && cause, p->msg);
	}
	if (*dberr)
		report_refusal(im, l, sl->line, dberr);
	if (refuse) {
		if (refuse_row(im, sl) != 0)
			return 1;
	} else {
		im->st->imported++;
		im->st->incomplete += incomplete && !stored; /* a car added: the customer was counted */
	}
	return finish_row(im);
}

/* Runs the reader thread over the file and stores what it hands over;
 * returns how the parse ended, its message in perr. */
static enum cio_status read_and_store(struct imp *im, FILE *in, enum file_enc enc, char *perr, size_t perrsz)
{
	struct slot *slots = calloc(SLOTS, sizeof *slots);
	struct ring *ring = slots ? ring_new(SLOTS) : NULL;
	int ok = ring != NULL;
	for (size_t i = 0; ok && i < SLOTS; i++)
		ok = (slots[i].rec = rec_new(im->form)) != NULL &&
		     (slots[i].said_no = calloc((size_t)im->form->nfields + 1, 1)) != NULL;
	struct reader rd = { .im = im, .in = in, .enc = enc, .ring = ring, .slots = slots };
	pthread_t thread;
	enum cio_status cs = CIO_STOPPED;
	if (!ok) {
		snprintf(im->err, im->errsz, "内存不足");
		im->fatal = 1;
	} else if (pthread_create(&thread, NULL, reader_main, &rd) != 0) {
		snprintf(im->err, im->errsz, "无法启动读取文件的线程");
		im->fatal = 1;
	} else {
		for (long i; (i = ring_take(ring)) >= 0;) {
			struct slot *sl = &slots[i];
			int stop = 0;
			if (sl->kind == SLOT_END) {
				cs = sl->end;
				snprintf(perr, perrsz, "%s", sl->end_err);
				stop = 1;
			} else if (im->o->stop && *im->o->stop) {
				im->fatal = stop = 1; /* imp_run says why */
			} else {
				stop = handle_row(im, sl);
			}
			ring_release(ring);
			if (stop)
				break;
		}
		im->rec = NULL; /* it was a slot's */
		im->said_no = NULL;
		ring_stop(ring);
		pthread_join(thread, NULL);
	}
	for (size_t i = 0; slots && i < SLOTS; i++) {
		rec_free(slots[i].rec);
		free(slots[i].said_no);
		rules_list_free(&slots[i].problems);
		free(slots[i].raw);
	}
	ring_free(ring);
	free(slots);
	return cs;
}

/* A workbook given for a CSV file, as a dealer's system exports them:
 * what it is, for the message, or NULL for anything else.  Read from the
 * file's start; the stream is put back there. */
static const char *workbook_kind(FILE *f)
{
	unsigned char b[512];
	size_t n = fread(b, 1, sizeof b, f);
	rewind(f);
	if (n >= 4 && memcmp(b, "PK\x03\x04", 4) == 0)
		return "一个 Excel 工作簿（.xlsx）";
	if (n >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return "一个旧版 Excel 工作簿（.xls）";
	/* an "xls" that is a web page or an XML spreadsheet */
	size_t i = n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	static const char *const marks[] = { "<html", "<!doctype", "<table", "<?xml", "<workbook" };
	for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++)
		if (n - i >= strlen(marks[m]) && strncasecmp((const char *)b + i, marks[m], strlen(marks[m])) == 0)
			return "一个网页或 XML 格式的表格（有的系统导出的 .xls 其实是这种）";
	return NULL;
}

/* Excel's "Unicode 文本" (and other Windows tools' Unicode text) is
 * UTF-16 with a BOM: the BOM says so whatever --encoding says, since no
 * UTF-8 or GB18030 text starts with those bytes.  Without one, the
 * commas, tabs, digits and line ends of a table put a zero byte in every
 * other place, which no UTF-8 or GB18030 text has (NUL padding after the
 * text fills both places).  ENC_UTF8 when the file is no UTF-16. */
static enum file_enc utf16_kind(FILE *f)
{
	unsigned char b[4096];
	size_t n = fread(b, 1, sizeof b, f) & ~(size_t)1;
	rewind(f);
	if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
		return ENC_UTF16;
	size_t zero_even = 0, zero_odd = 0;
	for (size_t i = 0; i < n; i += 2) {
		zero_even += b[i] == 0;
		zero_odd += b[i + 1] == 0;
	}
	size_t units = n / 2;
	if (units < 8)
		return ENC_UTF8;
	if (zero_odd >= units / 4 && zero_even <= zero_odd / 8)
		return ENC_UTF16LE;
	if (zero_even >= units / 4 && zero_odd <= zero_even / 8)
		return ENC_UTF16BE;
	return ENC_UTF8;
}

/* Whether buf[0..n) holds a byte sequence GB18030 has no character for
 * (a sequence cut by the sample's end is not counted). */
static int gb18030_breaks(const char *buf, size_t n)
{
	const unsigned char *b = (const unsigned char *)buf;
	size_t i = 0;
	while (i < n) {
		if (b[i] < 0x80) {
			i++;
			continue;
		}
		if (b[i] == 0x80 || b[i] == 0xFF)
			return 1;
		if (i + 1 >= n)
			return 0;
		if ((b[i + 1] >= 0x40 && b[i + 1] <= 0x7E) || (b[i + 1] >= 0x80 && b[i + 1] <= 0xFE)) {
			i += 2;
			continue;
		}
		if (b[i + 1] < 0x30 || b[i + 1] > 0x39)
			return 1;
		if (i + 3 >= n)
			return 0;
		if (b[i + 2] < 0x81 || b[i + 2] > 0xFE || b[i + 3] < 0x30 || b[i + 3] > 0x39)
			return 1;
		i += 4;
	}
	return 0;
}

/* Where a sample of n bytes read from a file at byte `from` on should end
 * so that no character is cut: after its last line end, else after its
 * last byte below 0x30 (a comma, a space, a quote), which in UTF-8 and in
 * GB18030 alike is a character of its own, never part of one (GB18030's
 * second and fourth bytes are 0x30 or above).  A sample with neither is
 * taken whole, its cut character not counted. */
static size_t sample_end(const char *buf, size_t from, size_t n)
{
	size_t cut = 0;
	for (size_t i = n; i > from; i--) {
		unsigned char c = (unsigned char)buf[i - 1];
		if (c == '\n')
			return i;
		if (!cut && c < 0x30)
			cut = i;
	}
	return cut ? cut : n;
}

/* A Chinese Excel "CSV" is GB18030; read as UTF-8 it would turn every name
 * into garbage.  Without --encoding, a file whose start is valid UTF-8 (or
 * has a BOM), or has UTF-8 lines and bytes that are no GB18030, is UTF-8
 * (1), anything else GB18030 (0); with the counts of
 * lines of valid and of broken multibyte text in the sample that decided. */
static int utf8_lines(FILE *f, size_t *okp, size_t *badp)
{
	char buf[65536];
	size_t n = fread(buf, 1, sizeof buf, f);
	/* a BOM says UTF-8, but some tools put one in front of GB18030 text:
	 * the bytes after it decide */
	size_t from = n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	/* Counted by lines: a UTF-8 file with a few rows pasted in from a
	 * GBK one is still UTF-8 (those rows are refused one by one, saying
	 * so), however many characters they hold; GB18030 text almost never
	 * forms a line of valid UTF-8 multibyte sequences.  Samples of up to
	 * 64 KiB until one holds something beyond ASCII: a spreadsheet sorted
	 * by date can start with thousands of rows of digits and Latin
	 * letters.  Each sample ends on a line end (sample_end) and the bytes
	 * after it start the next one: a sample that ended inside a character
	 * had started the next with that character's tail, counted as broken
	 * UTF-8 (a file with one Chinese row was then read as GB18030) and,
	 * read from the wrong byte, as no GB18030. */
	size_t ok = 0, bad = 0;
	int line_ok = 0, line_bad = 0, not_gb = 0;
	while (n > from && ok == 0 && bad == 0) {
		size_t end = n == sizeof buf ? sample_end(buf, from, n) : n;
		not_gb = not_gb || gb18030_breaks(buf + from, end - from);
		for (size_t i = from; i <= end; i++) {
			if (i == end || buf[i] == '\n') {
				bad += line_bad;
				ok += line_ok && !line_bad;
				line_ok = line_bad = 0;
				continue;
			}
			if ((unsigned char)buf[i] < 0x80)
				continue;
			uint32_t cp;
			size_t len = txt_decode(buf + i, end - i, &cp);
			if (len > 1)
				line_ok = 1;
			else if (end - i >= 4)
				line_bad = 1;
			i += len - 1;
		}
		memmove(buf, buf + end, n - end);
		n -= end;
		n += fread(buf + n, 1, sizeof buf - n, f);
		from = 0;
	}
	rewind(f);
	*okp = ok;
	*badp = bad;
	/* bytes GB18030 has no character for would stop the whole file read
	 * so, blaming line 1 of a UTF-8 file for one broken row: with UTF-8
	 * lines seen, UTF-8 it is, and that row is refused alone */
	return bad == 0 || ok >= 2 * bad || (ok > 0 && not_gb);
}

static int looks_utf8(FILE *f)
{
	size_t ok, bad;
	return utf8_lines(f, &ok, &bad);
}

/* The file's identity, for "already imported" and for resuming: all of
 * its bytes.  It was the size and the first and last 64 KiB, so a file
 * corrected in its middle (a date fixed in one row, the same length) was
 * taken for the one imported before and the correction silently skipped.
 * SHA-256 over the first 64 KiB and the size, with a 64-bit hash of every
 * byte that reads a million-row file in a tenth of a second (SHA-256 of it
 * all took 2 s).  Any one word changed changes the hash: each step is a
 * bijection of the state. */
static int fingerprint(FILE *f, const char *kind, char out[65])
{
	struct sha256 c;
	sha256_init(&c);
	sha256_update(&c, kind, strlen(kind) + 1);
	unsigned char buf[65536]; /* a multiple of 8: only the last read has a tail */
	uint64_t h = 14695981039346656037u, size = 0;
	size_t n;
	rewind(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (size == 0)
			sha256_update(&c, buf, n);
		size += n;
		size_t i = 0;
		for (; i + 8 <= n; i += 8) {
			uint64_t w;
			memcpy(&w, buf + i, 8);
			h ^= w;
			h *= 0x9E3779B97F4A7C15u;
			h ^= h >> 32;
		}
		for (; i < n; i++)
			h = (h ^ buf[i]) * 0x100000001b3u;
	}
	if (ferror(f))
		return -1;
	rewind(f);
	char tail[64];
	snprintf(tail, sizeof tail, "%llu %016llx", (unsigned long long)size, (unsigned long long)h);
	sha256_update(&c, tail, strlen(tail) + 1);
	unsigned char dig[32];
	sha256_final(&c, dig);
	sha256_tohex(dig, out);
	return 0;
}

/* The clock's date (YYYY-MM-DD), which bounds the due feed. */
static void today_of(char out[24])
{
	clk_now(out, 24);
	out[10] = 0;
}

/* Rows in the file, from its size and the lines of its first 64 KiB. */
static long estimate_rows(FILE *f)
{
	char buf[65536];
	size_t n = fread(buf, 1, sizeof buf, f), lines = 0;
	for (size_t i = 0; i < n; i++)
		lines += buf[i] == '\n';
	off_t size = 0;
	if (fseeko(f, 0, SEEK_END) == 0)
		size = ftello(f);
	rewind(f);
	if (n < sizeof buf || lines == 0)
		return (long)lines;
	return (long)((double)size / ((double)n / (double)lines));
}

/* A file that at least doubles the customers (or repair orders) is loaded in one transaction
 * with the indexes no check reads built after it: a million random keys
 * inserted one by one touch a page the cache does not hold each time.
 * The price: nothing is committed until the end (an interrupted load
 * leaves the database as it was; the same command starts it again), and
 * other terminals can read but not save meanwhile. */
static int bulk_start(struct imp *im, FILE *in)
{
	const struct imp_opts *o = im->o;
	/* a dry run too: it stores every row inside one transaction and rolls
	 * back, and row by row that costs it a savepoint journal in a file */
	const struct one_go *go = im->kind->one_go;
	if (o->update || !go)
		return 0;
	long est = estimate_rows(in), min = o->bulk_min > 0 ? o->bulk_min : IMP_BULK_MIN_ROWS;
	/* a load in one go rebuilds what it set aside, which pays only when the
	 * file at least doubles the kind's records; a dry run rolls back before
	 * that, so its size alone decides */
	if (est < min || (!o->dry_run && est < go->count(im->db)))
		return 0;
	st_bulk_one_go(im->db, go->cache_kib);
	im->st->bulk = 1;
	/* a dry run leaves the others reading: it is a check, and rolls back */
	int alone = !o->dry_run && st_bulk_alone(im->db);
	if (begin_batch(im) != 0)
		return -1;
	alone = im->st->alone = alone && st_bulk_still_alone(im->db);
	if (!(im->bulk = go->begin(im, est)))
		return -1;
	if (o->progress && o->dry_run)
		fprintf(o->progress, "文件约 %ld 行，一次检查：完成前其他终端可以查询但不能保存。\n", est);
	else if (o->progress)
		fprintf(o->progress, "文件约 %ld 行，一次导入：%s；\n"
		                     "中途中断则不导入任何行，重新运行同一命令即可。\n", est,
		        alone ? "没有其他终端打开数据库，完成前其他终端也不能打开" : "完成前其他终端可以查询但不能保存");
	return 0;
}

/* A load in one go and a dry run keep the write lock to their end: a
 * save they hold up at another terminal says who and what (st_busy_note). */
static void note_busy(struct imp *im)
{
	const struct imp_opts *o = im->o;
	const char *who = o->staff_name && *o->staff_name ? o->staff_name : o->staff ? o->staff : "";
	const char *file = strrchr(o->path, '/') ? strrchr(o->path, '/') + 1 : o->path;
	char at[8] = "", what[600];
	time_t now = time(NULL);
	struct tm tm;
	if (localtime_r(&now, &tm))
		strftime(at, sizeof at, "%H:%M", &tm);
	snprintf(what, sizeof what, "%s 正在%s%s文件 %s（%s开始）", who, o->dry_run ? "试运行检查" : "一次导入",
	         im->kind->label, file, at);
	st_busy_note(im->db, what);
}

/* The indexes, trigram index and feed a load in one go builds at its end
 * take tens of seconds at a million rows: the line counts them. */
static void finishing_tick(void *vim)
{
	struct imp *im = vim;
	fprintf(im->o->progress, "\r已导入 %ld 行，正在建立索引和回访清单… 已用 %ld 秒", im->st->imported,
	        (long)(time(NULL) - im->finish_started));
	fflush(im->o->progress);
}

static int bulk_finish(struct imp *im)
{
	if (im->o->progress) {
		/* a line of its own: the progress line before it is longer */
		fprintf(im->o->progress, "\n已导入 %ld 行，正在建立索引和回访清单…", im->st->imported);
		fflush(im->o->progress);
		im->last_progress = im->finish_started = time(NULL);
		st_on_tick(im->db, finishing_tick, im);
	}
	char today[24];
	today_of(today);
	void *b = im->bulk;
	im->bulk = NULL;
	int rc = im->kind->one_go->end(im, b, today) == ST_OK ? 0 : -1;
	if (im->o->progress) {
		st_on_tick(im->db, NULL, NULL);
		/* the commit writes it all to the file, without ticks */
		if (rc == 0)
			fprintf(im->o->progress, "\r已导入 %ld 行，正在写入数据库文件…（已用 %ld 秒）        ", im->st->imported,
			        (long)(time(NULL) - im->finish_started));
		fflush(im->o->progress);
	}
	return rc;
}

/* The run's mark is a file line, header included, and a quoted field may
 * span lines: so lines and rows are named apart. */
void imp_resume_note(const struct imp_stats *s, char *buf, size_t n)
{
	snprintf(buf, n, "继续上次中断的导入：文件前 %ld 行（含表头）已处理，其中 %ld 行已存入。",
	         s->resumed_after, s->resumed_rows);
}

int imp_run(struct st_db *db, const char *kind, const struct fdef_form *form,
            const struct imp_opts *o, struct imp_stats *stats, char *err, size_t errsz)
{
	memset(stats, 0, sizeof *stats);
	const struct kind *k = kind_of(kind);
	if (!k) {
		snprintf(err, errsz, "未知的导入种类“%s”", kind);
		return 2;
	}
	FILE *in = fopen(o->path, "rb");
	struct stat st;
	if (in && fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(in);
		in = NULL;
		errno = EISDIR;
	}
	if (!in) {
		snprintf(err, errsz, "无法打开导入文件 %s：%s", o->path, oserr_text(errno));
		return 3;
	}
	const char *workbook = workbook_kind(in);
	if (workbook) {
		snprintf(err, errsz, "%s 是%s，不是 CSV 文件。\n请用 Excel 或 WPS 打开它，“另存为”类型选“CSV UTF-8（逗号分隔）”，再导入另存的文件。",
		         o->path, workbook);
		fclose(in);
		return 3;
	}
	enum file_enc enc = ENC_UTF8, wide = utf16_kind(in);
	if (o->encoding && strcasecmp(o->encoding, "gb18030") == 0)
		enc = ENC_GB18030;
	else if (o->encoding && strcasecmp(o->encoding, "utf-8") != 0) {
		snprintf(err, errsz, "--encoding：应为 utf-8 或 gb18030，而不是“%s”", o->encoding);
		fclose(in);
		return 2;
	} else if (!o->encoding && wide == ENC_UTF8 && !looks_utf8(in))
		enc = ENC_GB18030;
	if (wide != ENC_UTF8)
		enc = wide; /* UTF-16 is never read as anything else */
	struct imp im = { .kind = k, .db = db, .form = form, .o = o, .st = stats, .err = err, .errsz = errsz,
		              .stamp_col = -1 };
	im.by_day = strcmp(k->name, "workorders") == 0;
	int64_t report_len = -1, refused_len = -1; /* of the run continued */
	char report_was[PATH_MAX] = "", refused_was[PATH_MAX] = "";
	st_bulk(db);
	/* A run is this file imported this way: the same file with --update
	 * (or --strict) is another job, not one already done.  A plain run's
	 * job is the kind alone, as it always was. */
	char job[48], fp[65];
	snprintf(job, sizeof job, "%s%s%s", kind, o->update ? " --update" : "", o->strict ? " --strict" : "");
	if (fingerprint(in, job, fp) != 0) {
		snprintf(err, errsz, "无法读取导入文件 %s：%s", o->path, oserr_text(errno));
		fclose(in);
		return 3;
	}
	if (o->dry_run) {
		/* say what the real run would do with a file already imported */
		struct ir_run run;
		if (ir_find(db, kind, fp, &run, err, errsz) == ST_OK)
			snprintf(stats->finished_at, sizeof stats->finished_at, "%s", run.finished_at);
	} else {
		struct ir_run run;
		if (ir_begin(db, kind, fp, o->path, &run, err, errsz) != ST_OK) {
			fclose(in);
			return 3;
		}
		if (*run.finished_at) {
			/* the same file again: nothing to do, and nothing doubled */
			snprintf(stats->finished_at, sizeof stats->finished_at, "%s", run.finished_at);
			stats->skipped = run.rows_done;
			stats->refused_before = run.rows_refused;
			fclose(in);
			return 0;
		}
		im.run_id = run.id;
		im.skip_through = run.line_done;
		im.prior_rows = run.rows_done;
		im.prior_refused = run.rows_refused > 0 ? run.rows_refused : 0;
		report_len = run.report_len;
		refused_len = run.refused_len;
		snprintf(report_was, sizeof report_was, "%s", run.report_path);
		snprintf(refused_was, sizeof refused_was, "%s", run.refused_path);
		stats->committed = run.rows_done;
		stats->resumed_after = run.line_done;
		stats->resumed_rows = run.rows_done;
		if (o->progress && run.line_done) {
			char note[200];
			imp_resume_note(stats, note, sizeof note);
			fprintf(o->progress, "%s\n", note);
		}
	}
	if (o->report) {
		/* a resumed run adds to the report of the run it continues: the
		 * rows that run refused are not checked again */
		int append = resume_output(o->report, stats->resumed_after > 0, report_len, report_was);
		im.report = append < 0 ? NULL : fsafe_open_private(o->report, append);
		if (im.report && !realpath(o->report, im.report_real))
			im.report_real[0] = 0; /* not known: a continuing run will only add */
		if (!im.report) {
			char why[PATH_MAX + 200];
			snprintf(err, errsz, "无法写入报告文件 %s：%s", o->report,
			         fpath_create_why(o->report, errno, "或写到已有的目录里", why, sizeof why));
			fclose(in);
			return 3;
		}
		stats->report_appended = append;
		if (!append)
			fputs("line,field,label,code,severity,message\n", im.report);
	}
	if (o->refused) {
		/* as the report: a resumed run adds the rows it refuses */
		int append = resume_output(o->refused, stats->resumed_after > 0, refused_len, refused_was);
		im.refused.f = append < 0 ? NULL : fsafe_open_private(o->refused, append);
		if (im.refused.f && !realpath(o->refused, im.refused.real))
			im.refused.real[0] = 0;
		if (!im.refused.f || fseeko(im.refused.f, 0, SEEK_END) != 0 || (im.refused.kept = ftello(im.refused.f)) < 0) {
			char why[PATH_MAX + 200];
			snprintf(err, errsz, "无法写入被拒绝行的文件 %s：%s", o->refused,
			         fpath_create_why(o->refused, errno, "或写到已有的目录里", why, sizeof why));
			if (im.refused.f)
				fclose(im.refused.f);
			if (im.report)
				fclose(im.report);
			fclose(in);
			return 3;
		}
		stats->refused_appended = append;
	}
	/* from here to the end of the load's transaction a signal stops the
	 * statement running, so a long index build does not hold it up */
	st_interrupt_on(db, o->stop);
	if (bulk_start(&im, in) != 0)
		im.fatal = 1;
	int noted = !im.fatal && (im.bulk || o->dry_run);
	if (noted)
		note_busy(&im);
	char perr[256] = "";
	enum cio_status cs = im.fatal ? CIO_STOPPED : read_and_store(&im, in, enc, perr, sizeof perr);
	int status = 0;
	if (cs == CIO_ERROR && !im.fatal) {
		/* told to read GB18030, the file is UTF-8: say that, not only the byte */
		int told_gb = 0;
		if (enc == ENC_GB18030 && o->encoding) {
			size_t ok, bad;
			rewind(in);
			told_gb = utf8_lines(in, &ok, &bad) && ok > 0; /* UTF-8 Chinese seen, not ASCII alone */
		}
		snprintf(err, errsz, "导入文件 %s：%s%s", o->path, perr,
		         told_gb ? "\n这个文件像是 UTF-8 编码：去掉 --encoding gb18030 再导入。" : "");
		im.fatal = 1;
		/* the file itself is wrong there: the report's stop is on that
		 * line (csvio's messages start with it), and running the same
		 * file again would stop there again */
		long at;
		if (sscanf(perr, "第%ld行", &at) == 1 && at > 0)
			im.last_line = at;
		stats->file_broken = cio_error_in_file(perr);
	}
	if (!im.fatal && !im.header_done) {
		if (im.title_line)
			snprintf(err, errsz, "导入文件 %s 没有表头：只有%s“%s”%s（当作标题），下面应为表头", o->path,
			         im.title_where, im.title, im.titles > 1 ? "等" : "");
		else
			snprintf(err, errsz, "导入文件 %s 是空的：第1行应为表头", o->path);
		im.fatal = 1;
	}
	if (o->dry_run || im.fatal) {
		/* a dry run stores nothing; a failed batch is not half kept */
		st_rollback(db);
		im.in_batch = 0;
	} else if (im.bulk && bulk_finish(&im) != 0) {
		st_rollback(db);
		im.in_batch = 0;
		im.fatal = 1;
	} else if (commit_batch(&im) != 0) {
		im.fatal = 1;
	} else if (im.run_id && ir_finish(db, im.run_id, err, errsz) != ST_OK) {
		im.fatal = 1;
	}
	st_interrupt_on(db, NULL);
	if (stats->bulk)
		st_bulk_shared(db);
	if (noted)
		st_busy_note(db, NULL);
	if (im.fatal && o->stop && *o->stop) {
		/* whatever failed, it failed because of the signal */
		stats->interrupted = 1;
		snprintf(err, errsz, "导入文件 %s 已中断", o->path);
	}
	if (!im.fatal && (stats->imported > 0 || stats->merged > stats->unchanged)) {
		/* old history imported adds follow-up tasks that expired long
		 * ago: they go again.  A failure here only leaves the feed larger
		 * than it need be; the import itself is whole. */
		char today[24], perr2[256];
		today_of(today);
		due_feed_prune(db, today, perr2, sizeof perr2);
	}
	if (!o->dry_run && stats->rows > 0) {
		char detail[3 * PATH_MAX + 700], aerr[256], where[PATH_MAX], rwhere[PATH_MAX], fwhere[PATH_MAX];
		char outputs[2 * PATH_MAX + 64] = "";
		/* a failed run counts only what it committed: the rest rolled back */
		long kept = im.fatal ? stats->committed - im.prior_rows : stats->imported;
		char already[96] = "";
		int n = stats->already ? snprintf(already, sizeof already, "，已在库中 %ld 行", stats->already) : 0;
		if (stats->repeated)
			snprintf(already + n, sizeof already - (size_t)n, "，与本文件前面的行重复 %ld 行", stats->repeated);
		/* the files it wrote too: the refused rows are customers' data
		 * taken out of the file, as an export's are out of the database */
		if (o->report || o->refused)
			snprintf(outputs, sizeof outputs, "%s%s%s%s", o->report ? "；问题清单 " : "",
			         o->report ? fpath_abs(o->report, rwhere, sizeof rwhere) : "", o->refused ? "；被拒绝的行 " : "",
			         o->refused ? fpath_abs(o->refused, fwhere, sizeof fwhere) : "");
		/* the file by its absolute path, as an export's (fpath_abs) */
		snprintf(detail, sizeof detail, "%s：文件 %s，读 %ld 行，导入 %ld 行，拒绝 %ld 行%s%s%s", k->label,
		         fpath_abs(o->path, where, sizeof where), stats->rows, kept, stats->refused, already,
		         stats->interrupted ? "，中途中断" : im.fatal ? "，中途出错" : "", outputs);
		audit_append(db, o->staff, "导入", NULL, detail, aerr, sizeof aerr);
	}
	if (im.report && im.fatal) {
		/* the report lists rows of the batch that was undone: its last line
		 * says where the run stopped and what of the file is kept (the run
		 * that continues cuts both off: resume_output); a dry run's, that
		 * it is a part */
		char msg[1400];
		if (o->dry_run)
			snprintf(msg, sizeof msg, "试运行在此中止：%s。以上只是读到这里为止的问题，数据库没有写入任何内容", err);
		else
			snprintf(msg, sizeof msg, "导入在此中止：%s。已存入数据库的共 %ld 行（已提交的整批），其余各行都没有存入",
			         err, stats->committed);
		report_line(&im, im.last_line, "", "", "import.stopped", 1, msg);
	}
	if (im.report && fclose(im.report) != 0 && !im.fatal) {
		snprintf(err, errsz, "写入报告文件 %s 失败：%s", o->report, oserr_text(errno));
		im.fatal = 1;
	}
	if (im.refused.f) {
		/* what is kept: all of a run that ended well (a dry run too), else
		 * the rows of the batches committed */
		if (!im.fatal)
			refused_committed(&im);
		int bad = fflush(im.refused.f) != 0 || ferror(im.refused.f) ||
		          ftruncate(fileno(im.refused.f), im.refused.kept) != 0;
		int saved = errno;
		bad |= fclose(im.refused.f) != 0;
		if (!bad)
			saved = 0;
		stats->refused_kept = im.refused.rows_kept;
		if (!stats->refused_appended && im.refused.rows_kept == 0)
			unlink(o->refused); /* none refused: no file to mistake for one */
		if (bad && !im.fatal) {
			snprintf(err, errsz, "写入被拒绝行的文件 %s 失败：%s", o->refused, oserr_text(saved ? saved : errno));
			im.fatal = 1;
		}
	}
	/* said once, in the summary: each row's report line says what it changed */
	if (stats->undated && !k->stamped)
		snprintf(stats->undated_note, sizeof stats->undated_note,
		         "%s不记录更新时间，无法判断文件与数据库哪一边较新：合并的 %ld 行中不同的项都以文件为准", k->label,
		         stats->undated);
	else if (stats->undated && im.stamp_col < 0)
		snprintf(stats->undated_note, sizeof stats->undated_note,
		         "文件没有“%s”列，无法判断文件与数据库哪一边较新：合并的 %ld 行中不同的项都以文件为准", EXP_STAMP_LABEL,
		         stats->undated);
	else if (stats->undated)
		snprintf(stats->undated_note, sizeof stats->undated_note,
		         "有 %ld 行的“%s”为空或无法识别，无法判断哪一边较新：这些行中不同的项都以文件为准", stats->undated,
		         EXP_STAMP_LABEL);
	if (o->progress && im.last_progress)
		fputc('\n', o->progress);
	if (im.fatal)
		status = 3;
	else if (stats->refused > 0)
		status = 1;
	if (im.bulk)
		k->one_go->release(im.bulk);
	if (stats->bulk)
		st_bulk_one_go(db, 0);
	rec_free(im.merged);
	free(im.mine.v);
	free(im.days.key);
	free(im.days.count);
	free(im.refused.head);
	free(im.refused.dropped);
	free(im.refused.cell);
	free(im.refused.cell_len);
	free(im.refused.tail);
	free(im.refused.why);
	free(im.colmap);
	fclose(in);
	return status;
}
