/* due — one query per kind of follow-up, each reading its source table
 * through an index over a window of dates, joined with the stored state of
 * tasks somebody already acted on.  The kinds are merged and sorted here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/audit.h"
#include "desk4s/clock.h"
#include "desk4s/due.h"
#include "store_impl.h"

static const char *const kinds[] = {
	"A卡回访", "维修回访", "交车回访", "投诉回访", "保险到期", "年审到期", "生日", NULL
};
const char *const *due_kinds(void) { return kinds; }

int due_is_kind(const char *name)
{
	for (const char *const *k = kinds; *k; k++)
		if (strcmp(*k, name) == 0)
			return 1;
	return 0;
}

/* Every kind's query yields the same columns:
 *   source_id, cycle, customer_id, due, expires, staff, reason, plate,
 *   name, mobile, ref (customer or card number)
 * and takes ?1 from, ?2 to (YYYY-MM-DD).  Candidates come from the source
 * table over the window in which a task can be open, plus tasks that were
 * rescheduled (their stored due date replaces the derived one).  The
 * outer query (OUTER_*) drops closed tasks, missed ones and stopped
 * customers. */

#define STATE(kind, src, cyc) \
	" LEFT JOIN followup_tasks t ON t.kind = '" kind "' AND t.source_id = " src " AND t.cycle = " cyc
#define OPEN_AND_IN_RANGE(dueexpr, expexpr) \
	" AND coalesce(t.status, '待回访') = '待回访'" \
	" AND coalesce(t.due_date, " dueexpr ") <= ?2" \
	" AND (" expexpr " IS NULL OR " expexpr " >= ?1)"
#define NOT_STOPPED(kind, cust) \
	" AND NOT EXISTS (SELECT 1 FROM followup_stops s WHERE s.customer_id = " cust " AND s.kind = '" kind "')"
#define RESCHEDULED(kind) \
	" SELECT source_id FROM followup_tasks WHERE kind = '" kind "' AND status = '待回访' AND due_date <= ?2"

/* 下次回访: carried forward while the card is active; the planned date is
 * the cycle, so closing one call does not hide the next plan. */
static const char Q_ACARD[] =
	"SELECT a.id, a.next_date, a.customer_id, coalesce(t.due_date, a.next_date), NULL,"
	" a.consultant, '意向级别 ' || coalesce(a.level,'') || '，' || coalesce(a.want_model,''),"
	" '', a.name, coalesce(a.mobile,''), a.card_no"
	" FROM acards a" STATE("A卡回访", "a.id", "a.next_date")
	" WHERE a.status IN ('跟进中','已订车') AND a.next_date <= ?2"
	" AND coalesce(t.status, '待回访') = '待回访' AND coalesce(t.due_date, a.next_date) <= ?2";

#define RO_DUE "date(w.completed_at, '+3 days')"
#define RO_EXP "date(coalesce(t.due_date, " RO_DUE "), '+15 days')"
static const char Q_REPAIR[] =
	"SELECT w.id, '', w.customer_id, coalesce(t.due_date, " RO_DUE "), " RO_EXP ","
	" w.advisor, '维修/保养后3天内回访（工单 ' || w.wo_no || '，' || w.work_type || '）',"
	" coalesce(w.plate,''), c.name, coalesce(c.mobile,''), c.cust_no"
	" FROM workorders w JOIN customers c ON c.id = w.customer_id" STATE("维修回访", "w.id", "''")
	" WHERE w.id IN (SELECT id FROM workorders WHERE completed_at >= date(?1, '-18 days')"
	"                 AND completed_at < date(?2, '-2 days') UNION" RESCHEDULED("维修回访") ")"
	" AND w.status = '已完工' AND c.anonymized_at IS NULL"
	OPEN_AND_IN_RANGE(RO_DUE, RO_EXP) NOT_STOPPED("维修回访", "c.id");

#define DL_DUE "date(v.delivery_date, '+7 days')"
#define DL_EXP "date(coalesce(t.due_date, " DL_DUE "), '+30 days')"
static const char Q_DELIVERY[] =
	"SELECT v.id, '', v.customer_id, coalesce(t.due_date, " DL_DUE "), " DL_EXP ","
	" coalesce(v.consultant,''), '新车交车后7天内回访，提醒首保（交车 ' || v.delivery_date || '）',"
	" coalesce(v.plate,''), c.name, coalesce(c.mobile,''), c.cust_no"
	" FROM vehicles v JOIN customers c ON c.id = v.customer_id" STATE("交车回访", "v.id", "''")
	" WHERE v.id IN (SELECT id FROM vehicles WHERE delivery_date >= date(?1, '-37 days')"
	"                 AND delivery_date <= date(?2, '-7 days') UNION" RESCHEDULED("交车回访") ")"
	" AND v.returned = 0 AND c.anonymized_at IS NULL"
	OPEN_AND_IN_RANGE(DL_DUE, DL_EXP) NOT_STOPPED("交车回访", "c.id");

#define CP_DUE "date(p.handled_at, '+7 days')"
#define CP_EXP "date(coalesce(t.due_date, " CP_DUE "), '+30 days')"
static const char Q_COMPLAINT[] =
	"SELECT p.id, '', p.customer_id, coalesce(t.due_date, " CP_DUE "), " CP_EXP ","
	" coalesce(p.handler,''), '投诉处理后7天内回访：' || substr(p.content, 1, 30),"
	" '', c.name, coalesce(c.mobile,''), c.cust_no"
	" FROM complaints p JOIN customers c ON c.id = p.customer_id" STATE("投诉回访", "p.id", "''")
	" WHERE p.id IN (SELECT id FROM complaints WHERE handled_at >= date(?1, '-37 days')"
	"                 AND handled_at < date(?2, '-6 days') UNION" RESCHEDULED("投诉回访") ")"
	" AND c.anonymized_at IS NULL"
	OPEN_AND_IN_RANGE(CP_DUE, CP_EXP) NOT_STOPPED("投诉回访", "c.id");

/* Insurance and inspection: called from 30 days before the date until the
 * date itself; the year is the cycle, so next year's renewal is a new task.
 * The person to call is the advisor of the car's latest order, else its
 * sales consultant. */
#define VEH_DATE_QUERY(kind, col, what) \
	"SELECT v.id, substr(v." col ", 1, 4), v.customer_id," \
	" coalesce(t.due_date, date(v." col ", '-30 days')), v." col "," \
	" coalesce((SELECT advisor FROM workorders WHERE vehicle_id = v.id ORDER BY opened_at DESC LIMIT 1)," \
	"          v.consultant, '')," \
	" '" what "到期 ' || v." col "," \
	" coalesce(v.plate,''), c.name, coalesce(c.mobile,''), c.cust_no" \
	" FROM vehicles v JOIN customers c ON c.id = v.customer_id" \
	STATE(kind, "v.id", "substr(v." col ", 1, 4)") \
	" WHERE v.id IN (SELECT id FROM vehicles WHERE " col " >= ?1 AND " col " <= date(?2, '+30 days')" \
	"                 UNION" RESCHEDULED(kind) ")" \
	" AND v.returned = 0 AND c.anonymized_at IS NULL" \
	" AND coalesce(t.status, '待回访') = '待回访'" \
	" AND coalesce(t.due_date, date(v." col ", '-30 days')) <= ?2 AND v." col " >= ?1" \
	NOT_STOPPED(kind, "c.id")
static const char Q_INSURANCE[] = VEH_DATE_QUERY("保险到期", "insurance_due", "保险");
static const char Q_INSPECTION[] = VEH_DATE_QUERY("年审到期", "inspection_due", "年审");

/* Birthdays only for customers who agreed to marketing contact.  ?3 is the
 * year, ?4..?5 the month-day range within it; 29 Feb is kept on 28 Feb in
 * other years. */
#define BD_DUE "CASE WHEN substr(c.birth_date, 6) = '02-29' AND NOT (?3 % 4 = 0 AND (?3 % 100 <> 0 OR ?3 % 400 = 0))" \
	" THEN printf('%04d-02-28', ?3) ELSE printf('%04d', ?3) || substr(c.birth_date, 5) END"
static const char Q_BIRTHDAY[] =
	"SELECT c.id, printf('%04d', ?3), c.id, coalesce(t.due_date, " BD_DUE "),"
	" date(coalesce(t.due_date, " BD_DUE "), '+7 days'), '', '生日祝福（' || c.birth_date || '）',"
	" '', c.name, coalesce(c.mobile,''), c.cust_no"
	" FROM customers c" STATE("生日", "c.id", "printf('%04d', ?3)")
	" WHERE substr(c.birth_date, 6) >= ?4 AND substr(c.birth_date, 6) <= ?5"
	" AND c.birth_date IS NOT NULL AND c.marketing_ok = '是' AND c.anonymized_at IS NULL"
	" AND coalesce(t.status, '待回访') = '待回访'"
	" AND coalesce(t.due_date, " BD_DUE ") <= ?2"
	" AND date(coalesce(t.due_date, " BD_DUE "), '+7 days') >= ?1"
	NOT_STOPPED("生日", "c.id");

struct acc {
	struct due_task *v;
	size_t n, cap;
	const struct due_filter *f;
};

static long days_between(const char *a, const char *b)
{
	/* b - a in days, both YYYY-MM-DD */
	int y1, m1, d1, y2, m2, d2;
	if (sscanf(a, "%d-%d-%d", &y1, &m1, &d1) != 3 || sscanf(b, "%d-%d-%d", &y2, &m2, &d2) != 3)
		return 0;
	/* days from civil, proleptic Gregorian */
	long long da = 0, db = 0;
	int yy[2] = { y1, y2 }, mm[2] = { m1, m2 }, dd[2] = { d1, d2 };
	for (int i = 0; i < 2; i++) {
		int y = yy[i] - (mm[i] <= 2);
		long long era = (y >= 0 ? y : y - 399) / 400;
		int yoe = (int)(y - era * 400);
		int doy = (153 * (mm[i] + (mm[i] > 2 ? -3 : 9)) + 2) / 5 + dd[i] - 1;
		int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
		long long days = era * 146097 + doe;
		if (i == 0)
			da = days;
		else
			db = days;
	}
	return (long)(db - da);
}

static int run_kind(struct st_db *db, const char *kind, const char *sql, struct acc *a,
                    int year, const char *md_from, const char *md_to, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, sql, err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, a->f->from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, a->f->to, -1, SQLITE_TRANSIENT);
	if (year) {
		sqlite3_bind_int(s, 3, year);
		sqlite3_bind_text(s, 4, md_from, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 5, md_to, -1, SQLITE_TRANSIENT);
	}
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char staff[64];
		st_col(s, 5, staff, sizeof staff);
		if (a->f->staff && strcmp(a->f->staff, staff) != 0)
			continue;
		if (a->n == a->cap) {
			size_t cap = a->cap ? a->cap * 2 : 256;
			struct due_task *v = realloc(a->v, cap * sizeof *v);
			if (!v) {
				sqlite3_reset(s);
				snprintf(err, errsz, "内存不足");
				return -1;
			}
			a->v = v;
			a->cap = cap;
		}
		struct due_task *t = &a->v[a->n++];
		memset(t, 0, sizeof *t);
		snprintf(t->kind, sizeof t->kind, "%s", kind);
		t->source_id = sqlite3_column_int64(s, 0);
		st_col(s, 1, t->cycle, sizeof t->cycle);
		st_col(s, 3, t->due_date, sizeof t->due_date);
		st_col(s, 4, t->expires, sizeof t->expires);
		snprintf(t->staff, sizeof t->staff, "%s", staff);
		st_col(s, 6, t->reason, sizeof t->reason);
		st_col(s, 7, t->plate, sizeof t->plate);
		st_col(s, 8, t->name, sizeof t->name);
		st_col(s, 9, t->mobile, sizeof t->mobile);
		st_col(s, 10, t->cust_no, sizeof t->cust_no);
		long late = days_between(t->due_date, a->f->from);
		t->overdue_days = late > 0 ? (int)late : 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		st_fail(db, rc, "生成回访清单", err, errsz);
		return -1;
	}
	return 0;
}

/* The birthday window runs from 7 days before `from` (a missed birthday
 * stays a week) to `to`, split at each new year. */
static int run_birthdays(struct st_db *db, struct acc *a, char *err, size_t errsz)
{
	char start[11];
	clk_add_days(a->f->from, -7, start, sizeof start);
	int y0 = atoi(start), y1 = atoi(a->f->to);
	if (y1 - y0 > 1)
		y0 = y1 - 1; /* a wider window would list everybody anyway */
	for (int y = y0; y <= y1; y++) {
		char lo[6] = "01-01", hi[6] = "12-31";
		if (y == atoi(start))
			snprintf(lo, sizeof lo, "%.5s", start + 5);
		if (y == y1)
			snprintf(hi, sizeof hi, "%.5s", a->f->to + 5);
		/* in a common year the 29 Feb birthday is kept on the 28th */
		if (strcmp(hi, "02-28") == 0)
			snprintf(hi, sizeof hi, "02-29");
		if (run_kind(db, "生日", Q_BIRTHDAY, a, y, lo, hi, err, errsz) != 0)
			return -1;
	}
	return 0;
}

static int by_due(const void *pa, const void *pb)
{
	const struct due_task *a = pa, *b = pb;
	int c = strcmp(a->due_date, b->due_date);
	if (c)
		return c;
	int ka = 0, kb = 0;
	for (int i = 0; kinds[i]; i++) {
		if (strcmp(kinds[i], a->kind) == 0) ka = i;
		if (strcmp(kinds[i], b->kind) == 0) kb = i;
	}
	if (ka != kb)
		return ka - kb;
	c = strcmp(a->cust_no, b->cust_no);
	return c ? c : (a->source_id > b->source_id) - (a->source_id < b->source_id);
}

long due_list(struct st_db *db, const struct due_filter *f, due_fn fn, void *ctx, char *err, size_t errsz)
{
	static const struct { const char *kind; const char *sql; } q[] = {
		{ "A卡回访", Q_ACARD }, { "维修回访", Q_REPAIR }, { "交车回访", Q_DELIVERY },
		{ "投诉回访", Q_COMPLAINT }, { "保险到期", Q_INSURANCE }, { "年审到期", Q_INSPECTION },
	};
	if (strcmp(f->from, f->to) > 0) {
		snprintf(err, errsz, "日期范围：开始日期 %s 晚于结束日期 %s", f->from, f->to);
		return -1;
	}
	struct acc a = { .f = f };
	long rc = 0;
	for (size_t i = 0; i < sizeof q / sizeof q[0] && rc == 0; i++)
		if (!f->kind || strcmp(f->kind, q[i].kind) == 0)
			rc = run_kind(db, q[i].kind, q[i].sql, &a, 0, NULL, NULL, err, errsz);
	if (rc == 0 && (!f->kind || strcmp(f->kind, "生日") == 0))
		rc = run_birthdays(db, &a, err, errsz);
	if (rc != 0) {
		free(a.v);
		return -1;
	}
	if (a.n > 1)
		qsort(a.v, a.n, sizeof *a.v, by_due);
	long n = 0;
	for (size_t i = 0; i < a.n; i++) {
		n++;
		if (fn(&a.v[i], ctx))
			break;
	}
	free(a.v);
	return n;
}

/* ---- acting on a task ---- */

static const char *const result_names[] = { "已联系", "未接通", "拒绝" };

static enum st_status audit_task(struct st_db *db, const char *kind, int64_t source_id, const char *what,
                                 const char *staff, char *err, size_t errsz)
{
	char detail[512];
	snprintf(detail, sizeof detail, "%s #%lld：%s", kind, (long long)source_id, what);
	return audit_append(db, staff, "回访", NULL, detail, err, errsz);
}

static enum st_status upsert(struct st_db *db, const char *kind, int64_t source_id, const char *cycle,
                             const char *status, const char *due, const char *result, const char *staff,
                             char *err, size_t errsz)
{
	char now[24];
	clk_now(now, sizeof now);
	sqlite3_stmt *s = st_stmt(db,
		"INSERT INTO followup_tasks(kind, source_id, cycle, due_date, status, result, closed_at, closed_by)"
		" VALUES(?1, ?2, ?3, coalesce(?4, ?9), ?5, ?6, ?7, ?8)"
		" ON CONFLICT(kind, source_id, cycle) DO UPDATE SET status = excluded.status,"
		" due_date = coalesce(?4, due_date), result = coalesce(excluded.result, result),"
		" closed_at = excluded.closed_at, closed_by = excluded.closed_by", err, errsz);
	if (!s)
		return ST_ERROR;
	int closed = strcmp(status, "待回访") != 0;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, source_id);
	sqlite3_bind_text(s, 3, cycle ? cycle : "", -1, SQLITE_TRANSIENT);
	st_bind_text(s, 4, due);
	sqlite3_bind_text(s, 5, status, -1, SQLITE_TRANSIENT);
	st_bind_text(s, 6, result);
	st_bind_text(s, 7, closed ? now : NULL);
	st_bind_text(s, 8, closed ? staff : NULL);
	/* a closed task keeps the day it was closed as its due date */
	char today[11];
	snprintf(today, sizeof today, "%.10s", now);
	sqlite3_bind_text(s, 9, today, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "保存回访结果", err, errsz);
}

static enum st_status in_txn(struct st_db *db, enum st_status st, char *err, size_t errsz)
{
	if (st == ST_OK)
		return st_commit(db, err, errsz);
	st_rollback(db);
	return st;
}

enum st_status due_close(struct st_db *db, const char *kind, int64_t source_id, const char *cycle,
                         enum due_result result, const char *said, const char *staff,
                         char *err, size_t errsz)
{
	if (!due_is_kind(kind)) {
		snprintf(err, errsz, "回访类型“%s”未知", kind);
		return ST_CONSTRAINT;
	}
	if (result != DUE_NOT_REACHED && (!said || !*said)) {
		snprintf(err, errsz, "回访内容：联系上或被拒绝时须记录说了什么");
		return ST_CONSTRAINT;
	}
	enum st_status st = st_begin(db, err, errsz);
	if (st != ST_OK)
		return st;
	st = upsert(db, kind, source_id, cycle, result_names[result], NULL, said, staff, err, errsz);
	if (st == ST_OK) {
		char what[400];
		snprintf(what, sizeof what, "%s%s%s", result_names[result], said && *said ? "：" : "", said ? said : "");
		st = audit_task(db, kind, source_id, what, staff, err, errsz);
	}
	return in_txn(db, st, err, errsz);
}

enum st_status due_reschedule(struct st_db *db, const char *kind, int64_t source_id, const char *cycle,
                              const char *new_date, const char *staff, char *err, size_t errsz)
{
	if (!due_is_kind(kind)) {
		snprintf(err, errsz, "回访类型“%s”未知", kind);
		return ST_CONSTRAINT;
	}
	if (!new_date || strlen(new_date) != 10) {
		snprintf(err, errsz, "改期日期：应为 YYYY-MM-DD");
		return ST_CONSTRAINT;
	}
	enum st_status st = st_begin(db, err, errsz);
	if (st != ST_OK)
		return st;
	st = upsert(db, kind, source_id, cycle, "待回访", new_date, NULL, staff, err, errsz);
	if (st == ST_OK) {
		char what[64];
		snprintf(what, sizeof what, "改期到 %s", new_date);
		st = audit_task(db, kind, source_id, what, staff, err, errsz);
	}
	return in_txn(db, st, err, errsz);
}

enum st_status due_stop(struct st_db *db, int64_t customer_id, const char *kind, const char *reason,
                        const char *staff, char *err, size_t errsz)
{
	if (!due_is_kind(kind)) {
		snprintf(err, errsz, "回访类型“%s”未知", kind);
		return ST_CONSTRAINT;
	}
	if (!reason || !*reason) {
		snprintf(err, errsz, "停止提醒：必须写明原因");
		return ST_CONSTRAINT;
	}
	enum st_status st = st_begin(db, err, errsz);
	if (st != ST_OK)
		return st;
	sqlite3_stmt *s = st_stmt(db, "INSERT OR REPLACE INTO followup_stops(customer_id, kind, reason, by_staff)"
	                              " VALUES(?,?,?,?)", err, errsz);
	if (!s) {
		st_rollback(db);
		return ST_ERROR;
	}
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, reason, -1, SQLITE_TRANSIENT);
	st_bind_text(s, 4, staff);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	st = rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "停止提醒", err, errsz);
	if (st == ST_OK) {
		char what[400];
		snprintf(what, sizeof what, "停止提醒：%s", reason);
		st = audit_task(db, kind, customer_id, what, staff, err, errsz);
	}
	return in_txn(db, st, err, errsz);
}

enum st_status due_resume(struct st_db *db, int64_t customer_id, const char *kind, const char *staff,
                          char *err, size_t errsz)
{
	enum st_status st = st_begin(db, err, errsz);
	if (st != ST_OK)
		return st;
	sqlite3_stmt *s = st_stmt(db, "DELETE FROM followup_stops WHERE customer_id=? AND kind=?", err, errsz);
	if (!s) {
		st_rollback(db);
		return ST_ERROR;
	}
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	st = rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "恢复提醒", err, errsz);
	if (st == ST_OK)
		st = audit_task(db, kind, customer_id, "恢复提醒", staff, err, errsz);
	return in_txn(db, st, err, errsz);
}
