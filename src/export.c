/* export — one SELECT per kind, the form's columns in form order, written
 * row by row (memory stays flat whatever the table's size). */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "desk4s/auth.h"
#include "desk4s/csvio.h"
#include "desk4s/export.h"
#include "desk4s/oserr.h"
#include "desk4s/text.h"
#include "store_impl.h"

struct kind {
	const char *name;
	const char *form;
	const char *from;   /* FROM clause; columns are qualified by table name */
	const char *where;  /* "" or a condition, on ?1 from and ?2 to ('' = no bound) when dated */
	const char *order;
	int upload; /* read by another system, not a person: no spreadsheet marks */
	int dated;  /* --from/--to bound it */
	/* table and column of a flag (1/0): its rows go out only on a form
	 * that shows it, so they are never passed on unmarked */
	const char *flag_table, *flag_column;
	/* the record's last change (table.column), written after the form's
	 * columns as 更新时间 so that an --update import of the file can tell
	 * a field changed at the desk since (import.c); NULL where the table
	 * keeps none */
	const char *stamp;
};

const char EXP_STAMP_LABEL[] = "更新时间";

/* A customer's export row carries its first car, as the sheet does. */
static const struct kind kinds[] = {
	{ "customers", "customer",
	  "customers LEFT JOIN vehicles ON vehicles.id ="
	  " (SELECT min(id) FROM vehicles WHERE customer_id = customers.id)", "", "customers.id", 0, 0, NULL, NULL,
	  "customers.updated_at" },
	/* by customer and VIN, not by row id: ids differ between databases and
	 * the round trip must give the same bytes */
	{ "vehicles", "vehicle", "vehicles JOIN customers ON customers.id = vehicles.customer_id", "",
	  "customers.cust_no, vehicles.vin", 0, 0, NULL, NULL, NULL },
	{ "workorders", "workorder", "workorders", "", "workorders.id", 0, 0, NULL, NULL, NULL },
	{ "complaints", "complaint", "complaints", "", "complaints.id", 0, 0, NULL, NULL, NULL },
	{ "visits", "visit", "visits", "", "visits.arrive_at, visits.id", 0, 0, NULL, NULL, NULL },
	{ "acards", "acard", "acards", "", "acards.id", 0, 0, NULL, NULL, NULL },
	/* grouped by card, in the order they were told */
	{ "followups", "followup", "acard_followups", "",
	  "acard_followups.card_no, acard_followups.fu_date, acard_followups.id", 0, 0, NULL, NULL, NULL },
	/* 奇瑞汽车客户档案登记表: the new-car sale archives of cars delivered in
	 * a date range, for the manufacturer's upload; a returned car goes with
	 * its 退车 flag (SHEETS.md §1: "flagged on its archive") */
	{ "archive", "archive", "vehicles JOIN customers ON customers.id = vehicles.customer_id",
	  "vehicles.is_sale = '是'"
	  " AND (?1 = '' OR vehicles.delivery_date >= ?1) AND (?2 = '' OR vehicles.delivery_date <= ?2)",
	  "vehicles.delivery_date, vehicles.id", 1, 1, "vehicles", "returned", NULL },
	/* 祝福名单: whom the shop may greet (节日, 生日 — by SMS from another
	 * system), those who agreed to marketing contact only (SHEETS.md §5) */
	{ "greetings", "greeting", "customers",
	  "customers.marketing_ok = '是' AND customers.anonymized_at IS NULL AND customers.mobile IS NOT NULL",
	  "customers.id", 0, 0, NULL, NULL, NULL },
};
enum { NKINDS = sizeof kinds / sizeof kinds[0] };

/* A flag's column (1 / 0) as the sheet writes it: its one option or "";
 * a text column (a shop's own form) as it holds it. */
static const char *flag_text(const struct fdef_field *fd, sqlite3_stmt *s, int col)
{
	if (sqlite3_column_type(s, col) != SQLITE_INTEGER) {
		const char *t = (const char *)sqlite3_column_text(s, col);
		return t ? t : "";
	}
	return sqlite3_column_int(s, col) ? fd->choices[0] : "";
}

const char *const *exp_kinds(void)
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

const char *exp_form_of(const char *kind)
{
	const struct kind *k = kind_of(kind);
	return k ? k->form : NULL;
}

int exp_dated(const char *kind)
{
	const struct kind *k = kind_of(kind);
	return k && k->dated;
}

int exp_for_upload(const char *kind)
{
	const struct kind *k = kind_of(kind);
	return k && k->upload;
}

/* Digits a spreadsheet reads as a number and changes: past 11 digits it
 * keeps 15 and shows 1.10105E+17; a leading zero it drops.  Mobiles (11
 * digits) it keeps whole. */
static int spreadsheet_mangles(const char *v)
{
	size_t n = strspn(v, "0123456789");
	return v[n] == 0 && (n >= 12 || (n >= 2 && v[0] == '0'));
}

/* Text Excel and WPS take for a date when they open a CSV: a month and a
 * day (3/4, 9-12, a fraction or an hour range as typed) or a year and a
 * month (2027-03).  Saved again, it comes back as 2026/3/4. */
static int spreadsheet_dates(const char *v)
{
	if (!isdigit((unsigned char)v[0]))
		return 0;
	char *end;
	unsigned long a = strtoul(v, &end, 10);
	size_t na = (size_t)(end - v);
	if ((*end != '/' && *end != '-') || !isdigit((unsigned char)end[1]))
		return 0;
	const char *b0 = end + 1;
	unsigned long b = strtoul(b0, &end, 10);
	if (*end || end - b0 > 2)
		return 0;
	if (na == 4)
		return a >= 1900 && b >= 1 && b <= 12;
	return na <= 2 && a >= 1 && a <= 12 && b >= 1 && b <= 31;
}

/* A year and a month written with a dot (2025.1, 2025.10): a spreadsheet
 * takes it for a number, and 2025.10 comes back as 2025.1. */
static int spreadsheet_number_month(const char *v)
{
	if (strspn(v, "0123456789") != 4 || v[4] != '.')
		return 0;
	size_t m = strspn(v + 5, "0123456789");
	int month = atoi(v + 5);
	return atoi(v) >= 1900 && (m == 1 || m == 2) && !v[5 + m] && month >= 1 && month <= 12;
}

/* v as export --excel keeps it text: ="v", a quote inside doubled as a
 * formula's string wants it (the import reads exactly this form back).
 * 0, or -1 when it does not fit out. */
static int excel_text(const char *v, char *out, size_t outsz)
{
	size_t o = 0;
	if (outsz < 4)
		return -1;
	out[o++] = '=';
	out[o++] = '"';
	for (; *v; v++) {
		if (o + (*v == '"') + 3 > outsz)
			return -1;
		if (*v == '"')
			out[o++] = '"';
		out[o++] = *v;
	}
	out[o++] = '"';
	out[o] = 0;
	return 0;
}

struct sink {
	FILE *out;
	iconv_t cd;      /* (iconv_t)-1 for UTF-8 */
	char *line;      /* one CSV line, built in UTF-8 */
	size_t linesz;
	FILE *mem;
};

static int sink_flush(struct sink *k, char *err, size_t errsz)
{
	fflush(k->mem);
	size_t len = (size_t)ftell(k->mem);
	if (k->cd == (iconv_t)-1) {
		if (fwrite(k->line, 1, len, k->out) != len)
			goto write_error;
	} else {
		char *in = k->line, buf[8192];
		size_t inleft = len;
		while (inleft > 0) {
			char *o = buf;
			size_t oleft = sizeof buf;
			size_t r = iconv(k->cd, &in, &inleft, &o, &oleft);
			if (r == (size_t)-1 && errno != E2BIG) {
				snprintf(err, errsz, "无法转换为 GB18030：%s",
				         errno == EILSEQ || errno == EINVAL ? "有不成文字的字节（不是 UTF-8）" : oserr_text(errno));
				return -1;
			}
			if (fwrite(buf, 1, sizeof buf - oleft, k->out) != sizeof buf - oleft)
				goto write_error;
		}
	}
	rewind(k->mem);
	return 0;
write_error:
	snprintf(err, errsz, "写出失败：%s", oserr_text(errno));
	return -1;
}

static long ms_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* A million customers take a while and the file grows unseen: say how
 * many rows are out, redrawn in place, once the export has taken a while. */
struct progress {
	struct timespec started, shown;
	int said; /* a line is on the terminal, to be ended */
};

static void progress(const struct exp_opts *o, struct progress *p, long rows)
{
	long every = o->progress_ms ? o->progress_ms : 1000;
	if (!o->progress || ms_since(p->said ? &p->shown : &p->started) < every)
		return;
	fprintf(o->progress, "\r正在导出：已写出 %ld 条记录", rows);
	fflush(o->progress);
	clock_gettime(CLOCK_MONOTONIC, &p->shown);
	p->said = 1;
}

enum st_status exp_run(struct st_db *db, const char *kind_name, const struct fdef_form *form, FILE *out,
                       const struct exp_opts *o, long *rows, char *err, size_t errsz)
{
	*rows = 0;
	const struct kind *k = kind_of(kind_name);
	if (!k) {
		snprintf(err, errsz, "未知的导出种类“%s”", kind_name);
		return ST_ERROR;
	}
	/* the form's columns, checked against the schema before use */
	size_t cap = 320 + strlen(k->from) + strlen(k->where) + (k->stamp ? strlen(k->stamp) : 0);
	int hide_flagged = k->flag_table != NULL;
	for (int i = 0; i < form->nfields; i++)
		cap += strlen(form->fields[i].table) + strlen(form->fields[i].column) + 4;
	char *sql = malloc(cap);
	if (!sql) {
		snprintf(err, errsz, "内存不足");
		return ST_ERROR;
	}
	size_t len = (size_t)snprintf(sql, cap, "SELECT ");
	for (int i = 0; i < form->nfields; i++) {
		const struct fdef_field *fd = &form->fields[i];
		if (!st_has_column(db, fd->table, fd->column)) {
			snprintf(err, errsz, "表单 %s 的字段 %s 对应的列 %s.%s 在数据库中不存在", form->name, fd->key,
			         fd->table, fd->column);
			free(sql);
			return ST_ERROR;
		}
		len += (size_t)snprintf(sql + len, cap - len, "%s%s.%s", i ? "," : "", fd->table, fd->column);
		if (hide_flagged && strcmp(fd->table, k->flag_table) == 0 && strcmp(fd->column, k->flag_column) == 0)
			hide_flagged = 0;
	}
	if (k->stamp)
		len += (size_t)snprintf(sql + len, cap - len, ",%s", k->stamp);
	len += (size_t)snprintf(sql + len, cap - len, " FROM %s%s%s", k->from, *k->where ? " WHERE " : "", k->where);
	if (hide_flagged)
		len += (size_t)snprintf(sql + len, cap - len, "%s%s.%s = 0", *k->where ? " AND " : " WHERE ",
		                        k->flag_table, k->flag_column);
	snprintf(sql + len, cap - len, " ORDER BY %s", k->order);
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st_handle(db), sql, -1, &s, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return st_fail(db, rc, "导出", err, errsz);
	if (k->dated) {
		sqlite3_bind_text(s, 1, o->from, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, o->to, -1, SQLITE_TRANSIENT);
	}

	struct sink snk = { .out = out, .cd = (iconv_t)-1 };
	enum st_status st = ST_OK;
	struct progress pr = { .said = 0 };
	clock_gettime(CLOCK_MONOTONIC, &pr.started);
	const char **vals = NULL;
	/* what each column masks, decided once rather than per row */
	enum auth_mask_kind *mask = calloc((size_t)form->nfields + 1, sizeof *mask);
	if (!mask) {
		snprintf(err, errsz, "内存不足");
		sqlite3_finalize(s);
		return ST_ERROR;
	}
	for (int i = 0; i < form->nfields; i++) {
		enum auth_mask_kind mk = auth_mask_kind_of(form->fields[i].key);
		int on = auth_mask_perm(mk) == AUTH_WHOLE_IDNO ? o->mask_idno : o->mask_mobile;
		mask[i] = on ? mk : AUTH_MASK_NONE;
	}
	if (o->gb18030 && (snk.cd = iconv_open("GB18030", "UTF-8")) == (iconv_t)-1) {
		snprintf(err, errsz, "本机不支持 GB18030 编码转换");
		sqlite3_finalize(s);
		free(mask);
		return ST_ERROR;
	}
	snk.mem = open_memstream(&snk.line, &snk.linesz);
	if (!snk.mem) {
		snprintf(err, errsz, "内存不足");
		st = ST_ERROR;
		goto done;
	}
	if (!o->gb18030)
		fputs("\xEF\xBB\xBF", snk.mem);
	for (int i = 0; i < form->nfields; i++)
		cio_write_field(snk.mem, form->fields[i].label, i == form->nfields - 1 && !k->stamp);
	if (k->stamp)
		cio_write_field(snk.mem, EXP_STAMP_LABEL, 1);
	if (sink_flush(&snk, err, errsz) != 0) {
		st = ST_ERROR;
		goto done;
	}
	long long_codes = 0, date_like = 0;
	vals = o->each ? calloc((size_t)form->nfields, sizeof *vals) : NULL;
	if (o->each && !vals) {
		snprintf(err, errsz, "内存不足");
		st = ST_ERROR;
		goto done;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (vals) {
			for (int i = 0; i < form->nfields; i++) {
				const char *t = (const char *)sqlite3_column_text(s, i);
				vals[i] = fdef_is_flag(&form->fields[i]) ? flag_text(&form->fields[i], s, i) : t ? t : "";
			}
			o->each(vals, o->each_ctx);
		}
		for (int i = 0; i < form->nfields; i++) {
			char buf[64], formula[80];
			const char *v;
			if (sqlite3_column_type(s, i) == SQLITE_NULL) {
				v = "";
			} else if (fdef_is_flag(&form->fields[i])) {
				v = flag_text(&form->fields[i], s, i);
			} else if (form->fields[i].type == FT_MONEY) {
				double x = sqlite3_column_double(s, i);
				if (x == (double)(long long)x)
					snprintf(buf, sizeof buf, "%lld", (long long)x);
				else
					snprintf(buf, sizeof buf, "%.2f", x);
				v = buf;
			} else {
				v = (const char *)sqlite3_column_text(s, i);
			}
			char masked[512];
			if (mask[i] != AUTH_MASK_NONE)
				v = auth_mask_as(mask[i], v, masked, sizeof masked);
			/* a code is short: sixty digits are some text, left as it is */
			if (form->fields[i].type == FT_TEXT && strlen(v) < 60 && spreadsheet_mangles(v)) {
				long_codes++;
				if (o->excel && excel_text(v, formula, sizeof formula) == 0)
					v = formula;
			}
			/* text a spreadsheet opens as a date (油量 3/4, 方便联系时间
			 * 9-12) or a number (2025.10): --excel keeps it as written, a
			 * plain export counts it for the hint */
			int text = form->fields[i].type == FT_TEXT || form->fields[i].type == FT_CHOICE;
			if (text && o->excel && v != formula && (spreadsheet_dates(v) || spreadsheet_number_month(v)) &&
			    excel_text(v, formula, sizeof formula) == 0)
				v = formula;
			if (text && v != formula && (spreadsheet_dates(v) || spreadsheet_number_month(v)) && date_like++ == 0 &&
			    o->date_like_eg)
				snprintf(o->date_like_eg, o->date_like_egsz, "“%s”%s", form->fields[i].label, v);
			/* text a spreadsheet would run as a formula (=HYPERLINK(…),
			 * +1-2, @SUM) is written after an apostrophe, which Excel and
			 * WPS show as plain text; the import takes the apostrophe off
			 * again, so the round trip is byte for byte */
			char *plain = NULL;
			if (form->fields[i].type == FT_TEXT && !k->upload && v != formula &&
			    cio_runs_as_formula(v) &&
			    (plain = malloc(strlen(v) + 2)) != NULL) {
				plain[0] = '\'';
				strcpy(plain + 1, v);
				v = plain;
			}
			/* a byte of no UTF-8 (written into the table by hand or by an
			 * old version) has no GB18030 either: named here, where the
			 * record and the field are known, not as iconv's bare failure */
			if (snk.cd != (iconv_t)-1 && !txt_valid_utf8(v, strlen(v))) {
				int id = form->nfields > 1 && form->fields[0].type == FT_CHOICE;
				const char *idv = (const char *)sqlite3_column_text(s, id);
				snprintf(err, errsz,
				         "第 %ld 条记录（%s %.40s）的“%s”中有不成文字的字节（不是 UTF-8），无法转换为 GB18030；"
				         "请先在界面中改正这一项再导出（不加 --encoding gb18030 时照原样写出）",
				         *rows + 1, form->fields[id].label, idv && txt_valid_utf8(idv, strlen(idv)) ? idv : "",
				         form->fields[i].label);
				free(plain);
				st = ST_ERROR;
				goto done;
			}
			cio_write_field(snk.mem, v, i == form->nfields - 1 && !k->stamp);
			free(plain);
		}
		if (k->stamp) {
			const char *t = (const char *)sqlite3_column_text(s, form->nfields);
			cio_write_field(snk.mem, t ? t : "", 1);
		}
		if (sink_flush(&snk, err, errsz) != 0) {
			st = ST_ERROR;
			goto done;
		}
		(*rows)++;
		progress(o, &pr, *rows);
	}
	if (o->long_codes)
		*o->long_codes = long_codes;
	if (o->date_like)
		*o->date_like = date_like;
	if (rc != SQLITE_DONE)
		st = st_fail(db, rc, "导出", err, errsz);
	else if (fflush(out) != 0) {
		snprintf(err, errsz, "写出失败：%s", oserr_text(errno));
		st = ST_ERROR;
	}
done:
	/* the last count, so the line does not stop short of the end (or of
	 * where a stop or a full disk came), and the message after it on a
	 * line of its own */
	if (pr.said) {
		fprintf(o->progress, "\r正在导出：已写出 %ld 条记录\n", *rows);
		fflush(o->progress);
	}
	free(vals);
	if (snk.mem)
		fclose(snk.mem);
	free(snk.line);
	if (snk.cd != (iconv_t)-1)
		iconv_close(snk.cd);
	sqlite3_finalize(s);
	free(mask);
	return st;
}
