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

/* The complaint and its usage-log line go in together or not at all (at
 * the desk no outer transaction holds them). */
static enum st_status save_one(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz);

enum st_status cmp_save(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz)
{
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	return st_end_own(db, own, save_one(db, r, staff, err, errsz), err, errsz);
}

static enum st_status save_one(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz)
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
	/* not the content: what the customer said stays out of the log, which
	 * outlives a destroyed customer */
	char detail[160];
	snprintf(detail, sizeof detail, "%s 受理的投诉", rec_get(r, "received_at"));
	return audit_append(db, staff, "登记投诉", no, detail, err, errsz);
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

/* The handling time of complaint id into at ("" while open): 1, 0 when
 * there is no such complaint, -1 with err. */
static int handled_of(struct st_db *db, int64_t id, char *at, size_t atsz, char *cust_no, size_t nosz,
                      char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT coalesce(handled_at,''), cust_no FROM complaints WHERE id=?", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s), found = rc == SQLITE_ROW;
	if (found) {
		st_col(s, 0, at, atsz);
		st_col(s, 1, cust_no, nosz);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		st_fail(db, rc, "读取投诉", err, errsz);
		return -1;
	}
	if (!found)
		snprintf(err, errsz, "找不到投诉（内部编号 %lld）", (long long)id);
	return found;
}

static enum st_status change_one(struct st_db *db, struct rec *r, struct rec *base, const char *staff,
                                 char *err, size_t errsz);

enum st_status cmp_change(struct st_db *db, struct rec *r, struct rec *base, const char *staff, char *err,
                          size_t errsz)
{
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	return st_end_own(db, own, change_one(db, r, base, staff, err, errsz), err, errsz);
}

/* What another terminal saved since base was loaded, kept (sm_since). */
static enum st_status since(struct st_db *db, struct rec *r, struct rec *base, char *err, size_t errsz)
{
	struct rec *now = rec_new(r->form);
	enum st_status st = now ? cmp_load(db, r->id, now, err, errsz) : ST_ERROR;
	if (st == ST_OK)
		st = sm_since(r, base, now, err, errsz);
	if (now)
		rec_free(now);
	return st;
}

static enum st_status change_one(struct st_db *db, struct rec *r, struct rec *base, const char *staff,
                                 char *err, size_t errsz)
{
	char at[24], no[24];
	int got = handled_of(db, r->id, at, sizeof at, no, sizeof no, err, errsz);
	if (got <= 0)
		return got < 0 ? ST_ERROR : ST_NOTFOUND;
	if (*at) {
		snprintf(err, errsz, "该投诉已于 %s 处理完毕，不能再修改", at);
		return ST_CONSTRAINT;
	}
	enum st_status st = base ? since(db, r, base, err, errsz) : ST_OK;
	if (st != ST_OK)
		return st;
	/* the 处理 fields only through cmp_handle_at: it logs the handling
	 * and starts the callback */
	sqlite3_stmt *s = st_stmt(db, "UPDATE complaints SET received_at=?, received_by=?, content=? WHERE id=?",
	                          err, errsz);
	if (!s)
		return ST_ERROR;
	st_bind_text(s, 1, rec_get(r, "received_at"));
	st_bind_text(s, 2, rec_get(r, "received_by"));
	st_bind_text(s, 3, rec_get(r, "content"));
	sqlite3_bind_int64(s, 4, r->id);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, "保存投诉", err, errsz);
	char detail[160];
	snprintf(detail, sizeof detail, "%s 受理的投诉（前台修改）", rec_get(r, "received_at"));
	return audit_append(db, staff, "修改投诉", no, detail, err, errsz);
}

enum st_status cmp_handle(struct st_db *db, int64_t id, const char *handler, const char *result,
                          const char *staff, char *err, size_t errsz)
{
	char at[17];
	clk_now_minute(at);
	return cmp_handle_at(db, id, handler, at, result, staff, err, errsz);
}

static enum st_status handle_one(struct st_db *db, int64_t id, const char *handler, const char *at,
                                 const char *result, const char *staff, char *err, size_t errsz);

enum st_status cmp_handle_at(struct st_db *db, int64_t id, const char *handler, const char *at,
                             const char *result, const char *staff, char *err, size_t errsz)
{
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	return st_end_own(db, own, handle_one(db, id, handler, at, result, staff, err, errsz), err, errsz);
}

static enum st_status handle_one(struct st_db *db, int64_t id, const char *handler, const char *at,
                                 const char *result, const char *staff, char *err, size_t errsz)
{
	if (!handler || !*handler || !result || !*result) {
		snprintf(err, errsz, "处理投诉：处理人和处理结果都必须填写");
		return ST_CONSTRAINT;
	}
	char was[24], no[24];
	int got = handled_of(db, id, was, sizeof was, no, sizeof no, err, errsz);
	if (got <= 0)
		return got < 0 ? ST_ERROR : ST_NOTFOUND;
	/* handled twice would move the 7-day callback already on the list */
	if (*was) {
		snprintf(err, errsz, "该投诉已于 %s 处理完毕", was);
		return ST_CONSTRAINT;
	}
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
	/* the log names whose complaint it was, and when, not what was said */
	char detail[80];
	snprintf(detail, sizeof detail, "%s 处理完毕", at);
	return audit_append(db, staff, "处理投诉", no, detail, err, errsz);
}

int cmp_list(struct st_db *db, const char *since, struct cmp_row *rows, int max, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db,
		"SELECT p.id, p.cust_no, c.name, p.received_at, p.received_by, substr(p.content, 1, 60),"
		" coalesce(p.handler,''), coalesce(p.handled_at,'')"
		" FROM complaints p JOIN customers c ON c.id = p.customer_id"
		" WHERE p.handled_at IS NULL OR p.handled_at >= ?1"
		" ORDER BY p.handled_at IS NOT NULL, CASE WHEN p.handled_at IS NULL THEN p.received_at END,"
		" p.handled_at DESC, p.id LIMIT ?2",
		err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, since, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, max);
	int n = 0, rc = SQLITE_DONE;
	while (n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct cmp_row *w = &rows[n++];
		w->id = sqlite3_column_int64(s, 0);
		st_col(s, 1, w->cust_no, sizeof w->cust_no);
		st_col(s, 2, w->name, sizeof w->name);
		st_col(s, 3, w->received_at, sizeof w->received_at);
		st_col(s, 4, w->received_by, sizeof w->received_by);
		st_col(s, 5, w->content, sizeof w->content);
		st_col(s, 6, w->handler, sizeof w->handler);
		st_col(s, 7, w->handled_at, sizeof w->handled_at);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		st_fail(db, rc, "读取投诉", err, errsz);
		return -1;
	}
	return n;
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
