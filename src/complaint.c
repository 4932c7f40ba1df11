/* complaint — complaint records in SQLite. */
#include <stdio.h>
#include "desk4s/audit.h"
#include "desk4s/customer.h"
#include "desk4s/clock.h"
#include "desk4s/complaint.h"
#include "store_map.h"

static const char SQL_INSERT[] = "INSERT INTO complaints(customer_id, {c}) VALUES(?, {m})";
static const char SQL_SELECT[] = "SELECT {c} FROM complaints WHERE id=?";
static const char SQL_UPDATE[] = "UPDATE complaints SET {s} WHERE id=?";

enum st_status cmp_save(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, "complaints", err, errsz);
	if (!m)
		return ST_ERROR;
	/* stored as the customer's own number, however the file wrote it */
	char no[64];
	cust_no_normal(rec_get(r, "cust_no"), no, sizeof no);
	int64_t cust = cust_id_of(db, no, err, errsz);
	if (cust < 0)
		return ST_ERROR;
	if (!cust) {
		snprintf(err, errsz, "客户编号：客户 %s 不存在", rec_get(r, "cust_no"));
		return ST_CONSTRAINT;
	}
	rec_set(r, "cust_no", no);
	sqlite3_stmt *s = st_stmt(db, sm_sql(m, SQL_INSERT), err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, cust);
	sm_bind(m, s, 2, r);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, "保存投诉", err, errsz);
	r->id = sqlite3_last_insert_rowid(st_handle(db));
	return audit_append(db, staff, "登记投诉", no, rec_get(r, "content"), err, errsz);
}

enum st_status cmp_load(struct st_db *db, int64_t id, struct rec *r, char *err, size_t errsz)
{
	return sm_load(db, r, "complaints", SQL_SELECT, id, "投诉", err, errsz);
}

enum st_status cmp_update(struct st_db *db, const struct rec *r, const char *staff, char *err, size_t errsz)
{
	enum st_status st = sm_update(db, r, "complaints", SQL_UPDATE, "投诉", err, errsz);
	if (st != ST_OK)
		return st;
	char detail[160];
	snprintf(detail, sizeof detail, "%s 受理的投诉（导入合并）", rec_get(r, "received_at"));
	return audit_append(db, staff, "修改投诉", rec_get(r, "cust_no"), detail, err, errsz);
}

enum st_status cmp_handle(struct st_db *db, int64_t id, const char *handler, const char *result,
                          const char *staff, char *err, size_t errsz)
{
	if (!handler || !*handler || !result || !*result) {
		snprintf(err, errsz, "处理投诉：处理人和处理结果都必须填写");
		return ST_CONSTRAINT;
	}
	char now[24], at[20];
	clk_now(now, sizeof now);
	snprintf(at, sizeof at, "%.16s", now);
	sqlite3_stmt *s = st_stmt(db, "UPDATE complaints SET handler=?, handled_at=?, result=? WHERE id=?",
	                          err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, handler, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, result, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, id);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, "处理投诉", err, errsz);
	if (sqlite3_changes(st_handle(db)) == 0) {
		snprintf(err, errsz, "找不到投诉（内部编号 %lld）", (long long)id);
		return ST_NOTFOUND;
	}
	return audit_append(db, staff, "处理投诉", NULL, result, err, errsz);
}

int64_t cmp_exists(struct st_db *db, const char *cust_no, const char *received_at, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT id FROM complaints WHERE cust_no=? AND received_at=?", err, errsz);
	if (!s)
		return -1;
	char no[64];
	cust_no_normal(cust_no, no, sizeof no);
	sqlite3_bind_text(s, 1, no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, received_at, -1, SQLITE_TRANSIENT);
	return st_found_id(db, s, "查找投诉", err, errsz);
}
