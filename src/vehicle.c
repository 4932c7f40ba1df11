/* vehicle — further cars of a known customer. */
#include <stdio.h>
#include <string.h>
#include "desk4s/audit.h"
#include "desk4s/customer.h"
#include "desk4s/validate.h"
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
	int64_t cust = cust_id_of(db, no, err, errsz);
	if (cust < 0)
		return ST_ERROR;
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

int64_t veh_exists(struct st_db *db, const char *vin, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT id FROM vehicles WHERE vin=?", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, vin, -1, SQLITE_TRANSIENT);
	return st_found_id(db, s, "查找车辆", err, errsz);
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
	enum st_status st = sm_update(db, r, "vehicles", SQL_UPDATE, "车辆", err, errsz);
	if (st != ST_OK)
		return st;
	char detail[128];
	snprintf(detail, sizeof detail, "车辆 %s %s（导入合并）", rec_get(r, "vin"), rec_get(r, "plate"));
	return audit_append(db, staff, "修改车辆", rec_get(r, "cust_no"), detail, err, errsz);
}

enum st_status veh_set_plate(struct st_db *db, int64_t vehicle_id, const char *plate, const char *staff,
                             char *err, size_t errsz)
{
	char want[64];
	struct val_result vr;
	if (!plate || !*plate || val_plate(plate, want, sizeof want, &vr) == VAL_ERROR) {
		snprintf(err, errsz, "车牌号：%s", plate && *plate ? vr.msg : "新车牌不能为空");
		return ST_CONSTRAINT;
	}
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	char vin[32] = "", old[64] = "", cno[32] = "";
	sqlite3_stmt *s = st_stmt(db, "SELECT coalesce(v.vin,''), coalesce(v.plate,''), c.cust_no FROM vehicles v"
	                              " JOIN customers c ON c.id = v.customer_id WHERE v.id = ?", err, errsz);
	if (!s) {
		st = ST_ERROR;
	} else {
		sqlite3_bind_int64(s, 1, vehicle_id);
		int rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			st_col(s, 0, vin, sizeof vin);
			st_col(s, 1, old, sizeof old);
			st_col(s, 2, cno, sizeof cno);
		}
		sqlite3_reset(s);
		if (rc == SQLITE_DONE) {
			snprintf(err, errsz, "车辆不存在（内部编号 %lld）", (long long)vehicle_id);
			st = ST_NOTFOUND;
		} else if (rc != SQLITE_ROW) {
			st = st_fail(db, rc, "读取车辆", err, errsz);
		}
	}
	/* plates are not UNIQUE in the schema (an old file may repeat one), but
	 * a car is not given a plate another car already carries */
	if (st == ST_OK && strcmp(old, want) != 0) {
		s = st_stmt(db, "SELECT coalesce(v.vin,''), c.cust_no FROM vehicles v JOIN customers c"
		                " ON c.id = v.customer_id WHERE v.plate = ? AND v.id <> ? LIMIT 1", err, errsz);
		if (!s) {
			st = ST_ERROR;
		} else {
			sqlite3_bind_text(s, 1, want, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(s, 2, vehicle_id);
			int rc = sqlite3_step(s);
			if (rc == SQLITE_ROW) {
				char ovin[32], ocno[32];
				st_col(s, 0, ovin, sizeof ovin);
				st_col(s, 1, ocno, sizeof ocno);
				snprintf(err, errsz, "车牌号：%s 已登记在另一辆车上（客户 %s，VIN %s）", want, ocno, ovin);
				st = ST_CONSTRAINT;
			}
			sqlite3_reset(s);
			/* not "no other car has it": two cars would carry one plate */
			if (rc != SQLITE_ROW && rc != SQLITE_DONE)
				st = st_fail(db, rc, "查找车牌", err, errsz);
		}
		if (st == ST_OK && (s = st_stmt(db, "UPDATE vehicles SET plate = ? WHERE id = ?", err, errsz)) == NULL)
			st = ST_ERROR;
		if (st == ST_OK) {
			sqlite3_bind_text(s, 1, want, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(s, 2, vehicle_id);
			st = st_step(db, s, "修改车辆", err, errsz);
		}
		if (st == ST_OK) {
			char detail[256];
			snprintf(detail, sizeof detail, "车辆 %s：车牌号: %s → %s", vin, *old ? old : "（空）", want);
			st = audit_append(db, staff, "修改车辆", cno, detail, err, errsz);
		}
	}
	return st_end_own(db, own, st, err, errsz);
}
