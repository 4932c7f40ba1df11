/* vehicle — further cars of a known customer. */
#include <stdio.h>
#include "desk4s/audit.h"
#include "desk4s/customer.h"
#include "desk4s/vehicle.h"
#include "store_map.h"

static const char SQL_INSERT[] = "INSERT INTO vehicles(customer_id, {c}) VALUES(?, {m})";
static const char SQL_BY_VIN[] =
	"SELECT id, (SELECT cust_no FROM customers WHERE id = customer_id), {c} FROM vehicles WHERE vin = ?";
static const char SQL_UPDATE[] = "UPDATE vehicles SET {s} WHERE id = ?";

enum st_status veh_import(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, "vehicles", err, errsz);
	if (!m)
		return ST_ERROR;
	const char *no = rec_get(r, "cust_no");
	int64_t cust = cust_id_of(db, no);
	if (!cust) {
		snprintf(err, errsz, "客户编号：客户 %s 不存在，请先导入客户", no);
		return ST_CONSTRAINT;
	}
	sqlite3_stmt *s = st_stmt(db, sm_sql(m, SQL_INSERT), err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, cust);
	sm_bind(m, s, 2, r);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, "登记车辆", err, errsz);
	r->id = sqlite3_last_insert_rowid(st_handle(db));
	char detail[128];
	snprintf(detail, sizeof detail, "车辆 %s %s", rec_get(r, "vin"), rec_get(r, "plate"));
	return audit_append(db, staff, "登记车辆", no, detail, err, errsz);
}

int veh_exists(struct st_db *db, const char *vin)
{
	char err[64];
	sqlite3_stmt *s = st_stmt(db, "SELECT 1 FROM vehicles WHERE vin=?", err, sizeof err);
	if (!s)
		return 0;
	sqlite3_bind_text(s, 1, vin, -1, SQLITE_TRANSIENT);
	int found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return found;
}

int veh_load_by_vin(struct st_db *db, const char *vin, struct rec *r, char *err, size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, "vehicles", err, errsz);
	sqlite3_stmt *s = m ? st_stmt(db, sm_sql(m, SQL_BY_VIN), err, errsz) : NULL;
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, vin, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		r->id = sqlite3_column_int64(s, 0);
		const unsigned char *no = sqlite3_column_text(s, 1);
		rec_set(r, "cust_no", no ? (const char *)no : "");
		sm_read(m, s, 2, r);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		st_fail(db, rc, "读取车辆", err, errsz);
		return -1;
	}
	return rc == SQLITE_ROW;
}

enum st_status veh_update(struct st_db *db, const struct rec *r, const char *staff, char *err, size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, "vehicles", err, errsz);
	sqlite3_stmt *s = m ? st_stmt(db, sm_sql(m, SQL_UPDATE), err, errsz) : NULL;
	if (!s)
		return ST_ERROR;
	sm_bind(m, s, 1, r);
	sqlite3_bind_int64(s, m->n + 1, r->id);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, "修改车辆", err, errsz);
	char detail[128];
	snprintf(detail, sizeof detail, "车辆 %s %s（导入合并）", rec_get(r, "vin"), rec_get(r, "plate"));
	return audit_append(db, staff, "修改车辆", rec_get(r, "cust_no"), detail, err, errsz);
}
