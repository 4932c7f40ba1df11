/* privacy — consent and the copy of a customer's data. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "desk4s/audit.h"
#include "desk4s/auth.h"
#include "desk4s/clock.h"
#include "desk4s/privacy.h"
#include "desk4s/staff.h"
#include "store_impl.h"

static const char *col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? (const char *)t : "";
}

enum st_status priv_get(struct st_db *db, const char *cust_no, struct priv_consent *out, char *err,
                        size_t errsz)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = st_stmt(db, "SELECT coalesce(consent_at,''), coalesce(marketing_ok,''),"
	                              " coalesce(marketing_at,'') FROM customers WHERE cust_no = ?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, cust_no, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(out->consent_at, sizeof out->consent_at, "%s", col(s, 0));
		snprintf(out->marketing_ok, sizeof out->marketing_ok, "%s", col(s, 1));
		snprintf(out->marketing_at, sizeof out->marketing_at, "%s", col(s, 2));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return ST_OK;
	if (rc == SQLITE_DONE) {
		snprintf(err, errsz, "找不到客户编号 %s", cust_no);
		return ST_NOTFOUND;
	}
	return st_fail(db, rc, "读取客户", err, errsz);
}

/* Why an UPDATE of a live customer changed nothing: an anonymised one is
 * there, refused by the rule (ST_CONSTRAINT); a number that names nobody
 * is ST_NOTFOUND (the command line's usage error, not a rule's). */
static enum st_status gone_or_missing(struct st_db *db, const char *cust_no, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT 1 FROM customers WHERE cust_no = ?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, cust_no, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW) {
		snprintf(err, errsz, "客户 %s 已注销，个人信息已清除，不能再记录同意", cust_no);
		return ST_CONSTRAINT;
	}
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, "读取客户", err, errsz);
	snprintf(err, errsz, "找不到客户编号 %s", cust_no);
	return ST_NOTFOUND;
}

/* One UPDATE of a live (not anonymised) customer and its log entry. */
static enum st_status set(struct st_db *db, struct staff_me *me, const char *sql, const char *cust_no,
                          const char *value, const char *detail, char *err, size_t errsz)
{
	enum st_status st = staff_check(db, me, AUTH_CHANGE, err, errsz);
	if (st != ST_OK)
		return st;
	if ((st = st_begin(db, err, errsz)) != ST_OK)
		return st;
	char now[24];
	clk_now(now, sizeof now);
	sqlite3_stmt *s = st_stmt(db, sql, err, errsz);
	if (!s) {
		st_rollback(db);
		return ST_ERROR;
	}
	sqlite3_bind_text(s, 1, cust_no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(s) >= 3)
		st_bind_text(s, 3, value);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		st = st_fail(db, rc, "保存客户的同意记录", err, errsz);
	} else if (sqlite3_changes(st_handle(db)) == 0) {
		st = gone_or_missing(db, cust_no, err, errsz);
	} else {
		char d[160];
		snprintf(d, sizeof d, "%s（%s）", detail, now);
		st = audit_append(db, me->login, "修改客户", cust_no, d, err, errsz);
	}
	if (st != ST_OK) {
		st_rollback(db);
		return st;
	}
	return st_commit(db, err, errsz);
}

enum st_status priv_set_consent(struct st_db *db, struct staff_me *me, const char *cust_no, int yes,
                                char *err, size_t errsz)
{
	return set(db, me, yes ? "UPDATE customers SET consent_at = ?2, updated_at = ?2"
	                         " WHERE cust_no = ?1 AND anonymized_at IS NULL"
	                       : "UPDATE customers SET consent_at = NULL, updated_at = ?2"
	                         " WHERE cust_no = ?1 AND anonymized_at IS NULL",
	           cust_no, NULL, yes ? "同意收集个人信息：是" : "同意收集个人信息：撤回", err, errsz);
}

enum st_status priv_set_marketing(struct st_db *db, struct staff_me *me, const char *cust_no, int yes,
                                  char *err, size_t errsz)
{
	return set(db, me, "UPDATE customers SET marketing_ok = ?3, marketing_at = ?2, updated_at = ?2"
	                   " WHERE cust_no = ?1 AND anonymized_at IS NULL",
	           cust_no, yes ? "是" : "否", yes ? "同意营销联系：是" : "同意营销联系：否", err, errsz);
}

/* ---- the copy --------------------------------------------------------- */

/* ?1 customer id, ?2 mobile ("" when none), ?3 customer number */
static const struct { const char *title, *table, *sql; } SECTIONS[] = {
	{ "客户档案", "customers", "SELECT * FROM customers WHERE id = ?1" },
	{ "车辆", "vehicles", "SELECT * FROM vehicles WHERE customer_id = ?1 ORDER BY id" },
	{ "来店(电)记录", "visits",
	  "SELECT * FROM visits WHERE customer_id = ?1 OR (?2 <> '' AND mobile = ?2) ORDER BY arrive_at" },
	{ "A卡", "acards",
	  "SELECT * FROM acards WHERE customer_id = ?1 OR (?2 <> '' AND mobile = ?2) ORDER BY id" },
	{ "A卡访问记录", "acard_followups",
	  "SELECT * FROM acard_followups WHERE card_no IN (SELECT card_no FROM acards"
	  " WHERE customer_id = ?1 OR (?2 <> '' AND mobile = ?2)) ORDER BY fu_date, id" },
	{ "维修工单", "workorders", "SELECT * FROM workorders WHERE customer_id = ?1 ORDER BY opened_at" },
	{ "投诉", "complaints", "SELECT * FROM complaints WHERE customer_id = ?1 ORDER BY received_at" },
	{ "姓名修改申请", "name_changes", "SELECT * FROM name_changes WHERE customer_id = ?1 ORDER BY at" },
	{ "回访任务", "followup_tasks", "SELECT * FROM followup_tasks WHERE customer_id = ?1 ORDER BY due_date" },
	{ "停止回访", "followup_stops", "SELECT * FROM followup_stops WHERE customer_id = ?1" },
	{ "使用日志中关于该客户的记录", "audit_log",
	  "SELECT id, at, staff, action, detail FROM audit_log WHERE customer_no = ?3 ORDER BY id" },
};

static const char *label_of(const struct fdef_form *const *forms, const char *table, const char *column)
{
	for (int f = 0; forms && forms[f]; f++)
		for (int i = 0; i < forms[f]->nfields; i++) {
			const struct fdef_field *fd = &forms[f]->fields[i];
			if (strcmp(fd->table, table) == 0 && strcmp(fd->column, column) == 0)
				return fd->label;
		}
	return column;
}

/* The value as the reader's role may see it. */
static const char *shown(enum auth_role role, const char *column, const char *v, char *buf, size_t bufsz)
{
	if (auth_mask_kind_of(column) != AUTH_MASK_NONE)
		return auth_show_field(role, column, v, buf, bufsz);
	if (!auth_can(role, AUTH_WHOLE_MOBILE) || !auth_can(role, AUTH_WHOLE_IDNO))
		return auth_mask_text(v, buf, bufsz);
	return v;
}

static enum st_status section(struct st_db *db, int k, int64_t id, const char *mobile, const char *cust_no,
                              enum auth_role role, const struct fdef_form *const *forms, FILE *out,
                              char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, SECTIONS[k].sql, err, errsz);
	if (!s)
		return ST_ERROR;
	int np = sqlite3_bind_parameter_count(s);
	sqlite3_bind_int64(s, 1, id);
	if (np >= 2)
		sqlite3_bind_text(s, 2, mobile, -1, SQLITE_TRANSIENT);
	if (np >= 3)
		sqlite3_bind_text(s, 3, cust_no, -1, SQLITE_TRANSIENT);
	int rc, n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == 0)
			fprintf(out, "\n== %s ==\n", SECTIONS[k].title);
		else
			fputs("  --\n", out);
		n++;
		for (int c = 0; c < sqlite3_column_count(s); c++) {
			const char *name = sqlite3_column_name(s, c);
			if (sqlite3_column_type(s, c) == SQLITE_NULL || strcmp(name, "id") == 0 ||
			    strcmp(name, "customer_id") == 0)
				continue;
			const char *v = col(s, c);
			size_t bsz = strlen(v) + 1;
			char buf[1024];
			const char *show = bsz <= sizeof buf ? shown(role, name, v, buf, sizeof buf) : "（过长，略）";
			fprintf(out, "  %s：%s\n", label_of(forms, SECTIONS[k].table, name), show);
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, "读取客户资料", err, errsz);
	if (n == 0)
		fprintf(out, "\n== %s ==\n  （无）\n", SECTIONS[k].title);
	return ST_OK;
}

enum st_status priv_export(struct st_db *db, struct staff_me *me, const char *cust_no,
                           const struct fdef_form *const *forms, FILE *out, const char *file, char *err,
                           size_t errsz)
{
	enum st_status st = staff_check(db, me, AUTH_EXPORT, err, errsz);
	if (st != ST_OK)
		return st;
	sqlite3_stmt *s = st_stmt(db, "SELECT id, coalesce(mobile,''), coalesce(anonymized_at,'')"
	                              " FROM customers WHERE cust_no = ?", err, errsz);
	if (!s)
		return ST_ERROR;
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
		return ST_NOTFOUND;
	}
	if (rc != SQLITE_ROW)
		return st_fail(db, rc, "读取客户", err, errsz);
	char now[24];
	clk_now(now, sizeof now);
	fprintf(out, "本店保存的客户 %s 的全部个人信息\n导出时间：%s　导出人：%s（%s）\n", cust_no, now,
	        me->name, auth_role_name(me->role));
	if (gone[0])
		fprintf(out, "该客户的个人信息已于 %s 清除。\n", gone);
	/* one read transaction: the copy is of one moment */
	int own = !st_in_txn(db);
	if (own)
		sqlite3_exec(st_handle(db), "BEGIN", NULL, NULL, NULL);
	for (size_t k = 0; k < sizeof SECTIONS / sizeof SECTIONS[0] && st == ST_OK; k++)
		st = section(db, (int)k, id, mobile, cust_no, me->role, forms, out, err, errsz);
	if (own)
		sqlite3_exec(st_handle(db), "COMMIT", NULL, NULL, NULL);
	if (st != ST_OK)
		return st;
	if (ferror(out)) {
		snprintf(err, errsz, "写出客户资料失败");
		return ST_ERROR;
	}
	char detail[PATH_MAX + 128];
	snprintf(detail, sizeof detail, "导出该客户的全部个人信息（客户查阅）：%s%s", file ? "文件 " : "标准输出",
	         file ? file : "");
	return audit_append(db, me->login, "导出", cust_no, detail, err, errsz);
}
