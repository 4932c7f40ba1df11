/* retention — the retention list and anonymisation in SQLite. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/audit.h"
#include "desk4s/draft.h"
#include "desk4s/clock.h"
#include "desk4s/retention.h"
#include "desk4s/staff.h"
#include "store_impl.h"

/* One row per customer not yet anonymised: the date its period runs from
 * and why.  Scalar max() over '' for missing dates: '' sorts first. */
#define LAST_SQL \
	"SELECT id, cust_no, name, last, CASE WHEN last = repair THEN '最后维修' " \
	"WHEN last = sale THEN '最后成交' ELSE '建档' END AS basis, " \
	"date(last, '+5 years') AS due FROM (" \
	" SELECT id, cust_no, name, open, repair, sale, max(created, repair, sale) AS last FROM (" \
	"  SELECT c.id, c.cust_no, c.name, date(c.created_at) AS created," \
	"   coalesce((SELECT max(date(coalesce(w.completed_at, w.opened_at))) FROM workorders w" \
	"             WHERE w.customer_id = c.id), '') AS repair," \
	"   max(coalesce((SELECT max(v.delivery_date) FROM vehicles v WHERE v.customer_id = c.id), '')," \
	"       coalesce(c.last_deal_date, '')) AS sale," \
	"   EXISTS(SELECT 1 FROM workorders w WHERE w.customer_id = c.id AND w.status = '在修') AS open" \
	"  FROM customers c WHERE c.anonymized_at IS NULL %s))" \
	" WHERE NOT open "

#define Q_LIST "SELECT * FROM (" LAST_SQL ") WHERE due <= ?1 ORDER BY due, cust_no"
/* the statements, built once (st_stmt caches by address) */
static char q_list[sizeof Q_LIST];
static char q_one[sizeof LAST_SQL + 64];

static const char *col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? (const char *)t : "";
}

static int valid_date(const char *d)
{
	if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return 0;
	return 1;
}

static void today(char out[11])
{
	char now[24];
	clk_now(now, sizeof now);
	memcpy(out, now, 10);
	out[10] = 0;
}

enum st_status ret_list(struct st_db *db, struct staff_me *me, const char *as_of,
                        int (*cb)(void *ctx, const struct ret_due *d), void *ctx, char *err, size_t errsz)
{
	enum st_status st = staff_check(db, me, AUTH_DELETE, err, errsz);
	if (st != ST_OK)
		return st;
	char day[11];
	if (as_of && *as_of) {
		if (!valid_date(as_of)) {
			snprintf(err, errsz, "日期应为 YYYY-MM-DD：%s", as_of);
			return ST_CONSTRAINT;
		}
		snprintf(day, sizeof day, "%s", as_of);
	} else {
		today(day);
	}
	/* LAST_SQL has a %s for the one-customer filter; here it is empty */
	if (!q_list[0])
		snprintf(q_list, sizeof q_list, Q_LIST, "");
	sqlite3_stmt *s = st_stmt(db, q_list, err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, day, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct ret_due d = { sqlite3_column_int64(s, 0), col(s, 1), col(s, 2), col(s, 3), col(s, 4), col(s, 5) };
		if (cb(ctx, &d))
			break;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "读取保存期限清单", err, errsz);
}

enum st_status ret_due_date(struct st_db *db, const char *cust_no, char *due, size_t duesz, char *err,
                            size_t errsz)
{
	due[0] = 0;
	if (!q_one[0])
		snprintf(q_one, sizeof q_one, LAST_SQL, "AND c.cust_no = ?1");
	sqlite3_stmt *s = st_stmt(db, q_one, err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, cust_no, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		snprintf(due, duesz, "%s", col(s, 5));
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "计算保存期限", err, errsz);
	if (rc == SQLITE_ROW)
		return ST_OK;
	/* missing, or present but anonymised or with an open order */
	s = st_stmt(db, "SELECT 1 FROM customers WHERE cust_no = ?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, cust_no, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return ST_OK;
	snprintf(err, errsz, "找不到客户编号 %s", cust_no);
	return ST_NOTFOUND;
}

/* ---- anonymisation ---------------------------------------------------- */

/* Columns of customers that are not personal data. */
static const char *const KEEP[] = { "id", "cust_no", "nature", "category", "source", "incomplete",
                                    "first_deal_date", "last_deal_date", "created_at", "updated_at",
                                    "created_by", "anonymized_at", "name", NULL };

static int kept(const char *c)
{
	for (int i = 0; KEEP[i]; i++)
		if (strcmp(c, KEEP[i]) == 0)
			return 1;
	return 0;
}

/* UPDATE customers clearing every other column, built from the schema so
 * that a column added by a later migration is not forgotten. */
static enum st_status clear_customer(struct st_db *db, int64_t id, const char *at, char *err, size_t errsz)
{
	sqlite3_stmt *cols = st_stmt(db, "SELECT name FROM pragma_table_xinfo('customers')"
	                                 " WHERE hidden = 0 AND \"notnull\" = 0", err, errsz);
	if (!cols)
		return ST_ERROR;
	size_t cap = 256, len = 0;
	char *sql = malloc(cap);
	if (!sql) {
		snprintf(err, errsz, "内存不足");
		return ST_ERROR;
	}
	len = (size_t)snprintf(sql, cap, "UPDATE customers SET name = ?2, anonymized_at = ?3, updated_at = ?3");
	int rc;
	while ((rc = sqlite3_step(cols)) == SQLITE_ROW) {
		const char *c = col(cols, 0);
		if (kept(c))
			continue;
		size_t need = len + 2 * strlen(c) + 16;
		if (need > cap) {
			cap = need * 2;
			char *n = realloc(sql, cap);
			if (!n) {
				free(sql);
				sqlite3_reset(cols);
				snprintf(err, errsz, "内存不足");
				return ST_ERROR;
			}
			sql = n;
		}
		/* an identifier from the schema, quoted */
		len += (size_t)snprintf(sql + len, cap - len, ", \"");
		for (const char *p = c; *p; p++) {
			if (*p == '"')
				sql[len++] = '"';
			sql[len++] = *p;
		}
		len += (size_t)snprintf(sql + len, cap - len, "\" = NULL");
	}
	sqlite3_reset(cols);
	snprintf(sql + len, cap - len, " WHERE id = ?1");
	sqlite3_stmt *s = NULL;
	enum st_status st = ST_OK;
	rc = sqlite3_prepare_v2(st_handle(db), sql, -1, &s, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, RET_ANON_NAME, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, at, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(s);
	}
	if (rc != SQLITE_DONE)
		st = st_fail(db, rc, "清除客户资料", err, errsz);
	sqlite3_finalize(s);
	free(sql);
	return st;
}

/* The other records that name the person.  ?1 the customer id, ?2 their
 * mobile ("" when none), ?3 the anonymous name. */
static const struct { const char *sql; const char *what; } OTHERS[] = {
	{ "UPDATE acard_followups SET content = '（已注销）', objection = NULL WHERE card_no IN"
	  " (SELECT card_no FROM acards WHERE customer_id = ?1 OR (?2 <> '' AND mobile = ?2))", "A卡访问记录" },
	{ "UPDATE acards SET name = ?3, sex = NULL, age = NULL, company = NULL, address = NULL, mobile = NULL,"
	  " other_contact = NULL, current_car = NULL, first_summary = NULL, pros = NULL, cons = NULL,"
	  " resources = NULL, review_comment = NULL WHERE customer_id = ?1 OR (?2 <> '' AND mobile = ?2)", "A卡" },
	{ "UPDATE visits SET cust_name = NULL, mobile = NULL, phone = NULL, companions = NULL, summary = NULL"
	  " WHERE customer_id = ?1 OR (?2 <> '' AND mobile = ?2)", "来店记录" },
	{ "UPDATE complaints SET content = '（已注销）', result = NULL WHERE customer_id = ?1", "投诉" },
	{ "UPDATE name_changes SET old_name = ?3, new_name = ?3, reason = '（已注销）' WHERE customer_id = ?1",
	  "姓名修改申请" },
	{ "UPDATE followup_tasks SET result = NULL, reason = NULL WHERE customer_id = ?1", "回访任务" },
	{ "UPDATE followup_stops SET reason = '（已注销）' WHERE customer_id = ?1", "停止回访" },
};

static enum st_status clear_others(struct st_db *db, int64_t id, const char *mobile, char *summary,
                                   size_t sumsz, char *err, size_t errsz)
{
	size_t len = strlen(summary);
	for (size_t i = 0; i < sizeof OTHERS / sizeof OTHERS[0]; i++) {
		sqlite3_stmt *s = st_stmt(db, OTHERS[i].sql, err, errsz);
		if (!s)
			return ST_ERROR;
		int np = sqlite3_bind_parameter_count(s);
		sqlite3_bind_int64(s, 1, id);
		if (np >= 2)
			sqlite3_bind_text(s, 2, mobile, -1, SQLITE_TRANSIENT);
		if (np >= 3)
			sqlite3_bind_text(s, 3, RET_ANON_NAME, -1, SQLITE_STATIC);
		int rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return st_fail(db, rc, "清除客户的相关记录", err, errsz);
		int n = sqlite3_changes(st_handle(db));
		if (n && len < sumsz)
			len += (size_t)snprintf(summary + len, sumsz - len, "，%s %d 条", OTHERS[i].what, n);
	}
	return ST_OK;
}

enum st_status ret_anonymise(struct st_db *db, struct staff_me *me, const char *cust_no, const char *reason,
                             int destroy, char *err, size_t errsz)
{
	enum st_status st = staff_check(db, me, AUTH_DELETE, err, errsz);
	if (st != ST_OK)
		return st;
	if (!reason || !*reason) {
		snprintf(err, errsz, "%s须填写原因", destroy ? "销毁客户" : "注销客户");
		return ST_CONSTRAINT;
	}
	if ((st = st_begin(db, err, errsz)) != ST_OK)
		return st;
	sqlite3_stmt *s = st_stmt(db, "SELECT id, coalesce(mobile,''), coalesce(anonymized_at,'')"
	                              " FROM customers WHERE cust_no = ?", err, errsz);
	if (!s) {
		st_rollback(db);
		return ST_ERROR;
	}
	sqlite3_bind_text(s, 1, cust_no, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	int64_t id = 0;
	char mobile[32] = "", gone[24] = "";
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		snprintf(mobile, sizeof mobile, "%s", col(s, 1));
		snprintf(gone, sizeof gone, "%s", col(s, 2));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		snprintf(err, errsz, "找不到客户编号 %s", cust_no);
		st = ST_NOTFOUND;
	} else if (rc != SQLITE_ROW) {
		st = st_fail(db, rc, "读取客户", err, errsz);
	} else if (gone[0]) {
		snprintf(err, errsz, "客户 %s 已于 %s 注销", cust_no, gone);
		st = ST_CONSTRAINT;
	}
	if (st == ST_OK && destroy) {
		char due[16], day[11];
		st = ret_due_date(db, cust_no, due, sizeof due, err, errsz);
		today(day);
		if (st == ST_OK && (!due[0] || strcmp(due, day) > 0)) {
			if (due[0])
				snprintf(err, errsz, "客户 %s 尚未超过保存期限（%s 到期），不能销毁；"
				         "客户本人要求删除时请用注销", cust_no, due);
			else
				snprintf(err, errsz, "客户 %s 有未完工的工单，不能销毁", cust_no);
			st = ST_CONSTRAINT;
		}
	}
	char now[24], summary[512] = "客户档案";
	clk_now(now, sizeof now);
	if (st == ST_OK)
		st = clear_others(db, id, mobile, summary, sizeof summary, err, errsz);
	if (st == ST_OK) {
		/* unsaved sheets about them, whoever kept them (draft.c knows how) */
		int n = draft_forget_customer(db, id, err, errsz);
		if (n < 0)
			st = ST_ERROR;
		else if (n > 0 && strlen(summary) < sizeof summary)
			snprintf(summary + strlen(summary), sizeof summary - strlen(summary), "，草稿 %d 条", n);
	}
	if (st == ST_OK)
		st = clear_customer(db, id, now, err, errsz);
	if (st == ST_OK) {
		char detail[1024];
		snprintf(detail, sizeof detail, "原因：%s；已清除：%s", reason, summary);
		st = audit_append(db, me->login, destroy ? "销毁客户" : "注销客户", cust_no, detail, err, errsz);
	}
	if (st != ST_OK) {
		st_rollback(db);
		return st;
	}
	return st_commit(db, err, errsz);
}
