/* customer — the customer master and its vehicle in SQLite.  The form
 * decides the columns (store_map); this module adds what is particular to
 * customers: numbering, the incomplete flag, the vehicle row, duplicates,
 * the name-change request and the lookup. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/audit.h"
#include "desk4s/auth.h"
#include "desk4s/customer.h"
#include "desk4s/rules.h"
#include "desk4s/keymap.h"
#include "desk4s/due.h"
#include "desk4s/text.h"
#include "desk4s/clock.h"
#include "desk4s/validate.h"
#include "store_map.h"

/* marketing_at, when 同意营销联系 was given (?4): the consent is kept with
 * its date (SHEETS.md §6), from the sheet and an import as from the
 * privacy command.  A number of ours is C and the id, or past the highest
 * C-and-digits number on file by value (schema 0022's index, one probe):
 * an import keeps a file's numbers (C00001500 for its 1,499th row when a
 * row was left out, C99999999, an old system's C000123), and the id's
 * would then be taken — every later customer refused. */
static const char SQL_INSERT[] =
	"INSERT INTO customers(id, cust_no, incomplete, created_by, marketing_at, updated_at, {c}) VALUES("
	"(SELECT coalesce(max(id),0)+1 FROM customers),"
	"coalesce(?1, printf('C%08d', max((SELECT coalesce(max(id),0)+1 FROM customers),"
	" coalesce((SELECT CAST(substr(cust_no, 2) AS INTEGER) + 1 FROM customers INDEXED BY customers_own_no"
	"  WHERE cust_no GLOB 'C[0-9]*' AND cust_no NOT GLOB 'C*[^0-9]*' AND length(cust_no) <= 12"
	"  ORDER BY CAST(substr(cust_no, 2) AS INTEGER) DESC LIMIT 1), 0)))),"
	"?2, ?3, ?4, ?5, {m})";
static const char SQL_UPDATE[] =
	"UPDATE customers SET {s}, incomplete=?, updated_at=? WHERE id=?";
static const char SQL_SELECT[] = "SELECT {c} FROM customers WHERE id=?";
static const char SQL_V_INSERT[] = "INSERT INTO vehicles(customer_id, {c}) VALUES(?, {m})";
static const char SQL_V_UPDATE[] = "UPDATE vehicles SET {s} WHERE id=?";
static const char SQL_V_SELECT[] = "SELECT {c} FROM vehicles WHERE customer_id=? ORDER BY id LIMIT 1";
static const char SQL_V_SELECT_ID[] = "SELECT {c} FROM vehicles WHERE customer_id=? AND id=?";

static enum st_status maps(struct st_db *db, const struct rec *r, struct sm_map **cm,
                           struct sm_map **vm, char *err, size_t errsz)
{
	*cm = sm_get(db, r->form, "customers", err, errsz);
	*vm = *cm ? sm_get(db, r->form, "vehicles", err, errsz) : NULL;
	return *cm && *vm ? ST_OK : ST_ERROR;
}

static int field_of(const struct rec *r, const char *key)
{
	return fdef_index(r->form, key);
}

/* The id of the customer's first car, 0 when none, -1 with err. */
static int64_t first_car(struct st_db *db, int64_t cust_id, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT id FROM vehicles WHERE customer_id=? ORDER BY id LIMIT 1", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, cust_id);
	int rc = sqlite3_step(s);
	int64_t vid = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	/* not 0: a damaged file would add the customer a second "first" car */
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "查找车辆", err, errsz), -1;
	return vid;
}

/* The sheet's car fields written to the car `car` means (cust_load_car):
 * CUST_NEW_CAR also for a customer made in this same save, who has no car
 * yet (a car cannot outlive its customer: foreign keys are on). */
static enum st_status vehicle_write(struct st_db *db, struct sm_map *vm, const struct rec *r,
                                    int64_t cust_id, int64_t car, char *err, size_t errsz)
{
	if (!sm_any(vm, r))
		return ST_OK;
	int64_t vid = car == CUST_NEW_CAR ? 0 : car == CUST_FIRST_CAR ? first_car(db, cust_id, err, errsz) : car;
	if (vid < 0)
		return ST_ERROR;
	sqlite3_stmt *s;
	if (vid) {
		s = st_stmt(db, sm_sql(vm, SQL_V_UPDATE), err, errsz);
		if (!s)
			return ST_ERROR;
		sm_bind(vm, s, 1, r);
		sqlite3_bind_int64(s, vm->n + 1, vid);
	} else {
		s = st_stmt(db, sm_sql(vm, SQL_V_INSERT), err, errsz);
		if (!s)
			return ST_ERROR;
		sqlite3_bind_int64(s, 1, cust_id);
		sm_bind(vm, s, 2, r);
	}
	return st_step(db, s, "保存车辆", err, errsz);
}

/* 最近交易日期 is the latest sale or repair order and only moves on: a
 * value below `at` (the stored date) is raised to it. */
static void deal_at_least(struct rec *r, const char *at)
{
	int f = field_of(r, "last_deal_date");
	if (f >= 0 && at && *at && strcmp(r->val[f], at) < 0)
		rec_set_at(r, f, at);
}

/* The record's car, when this shop sold it (新车销售建档 是, not returned),
 * is a deal on its 交车日期: the latest deal at least, and the first at
 * most.  Written so, the vehicles' triggers that keep the dates for every
 * other writer (schema 0019) have nothing to do. */
static void sale_deal(struct rec *r)
{
	const char *d = rules_sale_delivered(r);
	if (!d)
		return;
	deal_at_least(r, d);
	int f = field_of(r, "first_deal_date");
	if (f >= 0 && (!*r->val[f] || strcmp(r->val[f], d) > 0))
		rec_set_at(r, f, d);
}

static enum st_status insert(struct st_db *db, struct rec *r, int incomplete, const char *staff,
                             const char *changed_at, int log, char *err, size_t errsz)
{
	struct sm_map *cm, *vm;
	if (maps(db, r, &cm, &vm, err, errsz) != ST_OK)
		return ST_ERROR;
	if (sm_refuse_masked(r, err, errsz) != ST_OK)
		return ST_CONSTRAINT;
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	/* cust_no is ours to assign unless the record brings one (an import of
	 * an export keeps its numbers); keep it out of the mapped columns */
	int fno = field_of(r, "cust_no");
	char given[64] = "";
	if (fno >= 0) {
		snprintf(given, sizeof given, "%s", r->val[fno]);
		rec_set_at(r, fno, "");
	}
	sale_deal(r);
	sqlite3_stmt *s = st_stmt(db, sm_sql(cm, SQL_INSERT), err, errsz);
	if (!s) {
		st = ST_ERROR;
	} else {
		st_bind_text(s, 1, given);
		sqlite3_bind_int(s, 2, incomplete ? 1 : 0);
		st_bind_text(s, 3, staff);
		char now[24];
		clk_now(now, sizeof now);
		st_bind_text(s, 4, *rec_get(r, "marketing_ok") ? now : "");
		/* a file's 更新时间 (an export brought back) is the record's */
		st_bind_text(s, 5, changed_at && *changed_at ? changed_at : now);
		sm_bind(cm, s, 6, r);
		st = st_step(db, s, "保存客户", err, errsz);
	}
	int64_t id = st == ST_OK ? sqlite3_last_insert_rowid(st_handle(db)) : 0;
	if (st == ST_OK)
		st = vehicle_write(db, vm, r, id, CUST_NEW_CAR, err, errsz);
	char no[32] = "";
	if (st == ST_OK) {
		/* the number the user is told and the log keeps: unread, the
		 * save fails whole rather than stand under an empty number */
		s = st_stmt(db, "SELECT cust_no FROM customers WHERE id=?", err, errsz);
		st = s ? ST_OK : ST_ERROR;
		if (s) {
			sqlite3_bind_int64(s, 1, id);
			st = st_row(db, s, "读取新客户的编号", err, errsz);
			if (st == ST_OK)
				st_col(s, 0, no, sizeof no);
			sqlite3_reset(s);
		}
		if (st == ST_OK && log)
			st = audit_append(db, staff, "新建客户", no, incomplete ? "资料不完整（缺必填项）" : "", err, errsz);
	}
	if (fno >= 0)
		rec_set_at(r, fno, st == ST_OK ? no : given);
	st = st_end_own(db, own, st, err, errsz);
	if (st == ST_OK)
		r->id = id;
	return st;
}

/* One log entry per save, naming every changed field with its old and new
 * value ("手机号: 13800138000 → 13900001111"). */
static enum st_status log_changes(struct st_db *db, const struct rec *old, const struct rec *r,
                                  const char *staff, char *err, size_t errsz)
{
	size_t cap = 256, len = 0;
	char *detail = malloc(cap);
	if (!detail)
		return ST_ERROR;
	detail[0] = 0;
	for (int i = 0; i < r->form->nfields; i++) {
		if (strcmp(old->val[i], r->val[i]) == 0)
			continue;
		const char *label = r->form->fields[i].label;
		/* the log outlives a destroyed customer: no contact and no birth
		 * date (the digits of a masked ID number) whole */
		char ob[512], nb[512];
		const char *ov = auth_mask_field(r->form->fields[i].key, old->val[i], ob, sizeof ob);
		const char *nv = auth_mask_field(r->form->fields[i].key, r->val[i], nb, sizeof nb);
		size_t need = strlen(label) + strlen(ov) + strlen(nv) + 32;
		if (len + need >= cap) {
			cap = (len + need) * 2;
			char *nd = realloc(detail, cap);
			if (!nd) {
				free(detail);
				return ST_ERROR;
			}
			detail = nd;
		}
		len += (size_t)snprintf(detail + len, cap - len, "%s%s: %s → %s", len ? "；" : "", label,
		                        *ov ? ov : "（空）", *nv ? nv : "（空）");
	}
	enum st_status st = ST_OK;
	if (len)
		st = audit_append(db, staff, "修改客户", rec_get(r, "cust_no"), detail, err, errsz);
	free(detail);
	return st;
}

enum st_status cust_insert(struct st_db *db, struct rec *r, int incomplete, const char *staff,
                           char *err, size_t errsz)
{
	return insert(db, r, incomplete, staff, NULL, 1, err, errsz);
}

enum st_status cust_import(struct st_db *db, struct rec *r, int incomplete, const char *staff,
                           const char *changed_at, char *err, size_t errsz)
{
	return insert(db, r, incomplete, staff, changed_at, 0, err, errsz);
}

enum st_status cust_update(struct st_db *db, struct rec *r, int incomplete, const char *staff,
                           char *err, size_t errsz)
{
	return cust_update_car(db, r, NULL, CUST_FIRST_CAR, incomplete, staff, err, errsz);
}

/* 同意营销联系 changed: when, for the record of consent. */
static enum st_status stamp_marketing(struct st_db *db, int64_t id, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "UPDATE customers SET marketing_at = CASE WHEN marketing_ok IS NULL THEN NULL"
	                              " ELSE ?1 END WHERE id = ?2", err, errsz);
	if (!s)
		return ST_ERROR;
	char now[24];
	clk_now(now, sizeof now);
	sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, id);
	return st_step(db, s, "保存客户", err, errsz);
}

enum st_status cust_update_car(struct st_db *db, struct rec *r, struct rec *base, int64_t car, int incomplete,
                               const char *staff, char *err, size_t errsz)
{
	struct sm_map *cm, *vm;
	if (maps(db, r, &cm, &vm, err, errsz) != ST_OK)
		return ST_ERROR;
	if (r->id <= 0) {
		snprintf(err, errsz, "保存客户失败：记录尚未建立");
		return ST_NOTFOUND;
	}
	if (sm_refuse_masked(r, err, errsz) != ST_OK)
		return ST_CONSTRAINT;
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	/* the name and the number never change here: put the stored ones back */
	struct rec *old = rec_new(r->form);
	st = old ? cust_load_car(db, r->id, car, old, err, errsz) : ST_ERROR;
	if (st == ST_OK && base)
		st = sm_since(r, base, old, err, errsz);
	if (st == ST_OK) {
		rec_set(r, "name", rec_get(old, "name"));
		rec_set(r, "cust_no", rec_get(old, "cust_no"));
		/* a sheet opened before an order was completed elsewhere does not
		 * take its date back */
		deal_at_least(r, rec_get(old, "last_deal_date"));
		sale_deal(r);
		sqlite3_stmt *s = st_stmt(db, sm_sql(cm, SQL_UPDATE), err, errsz);
		if (!s) {
			st = ST_ERROR;
		} else {
			sm_bind(cm, s, 1, r);
			sqlite3_bind_int(s, cm->n + 1, incomplete ? 1 : 0);
			char now[24];
			clk_now(now, sizeof now); /* the clock the usage log keeps: an import compares the two */
			sqlite3_bind_text(s, cm->n + 2, now, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(s, cm->n + 3, r->id);
			st = st_step(db, s, "保存客户", err, errsz);
		}
	}
	if (st == ST_OK)
		st = vehicle_write(db, vm, r, r->id, car, err, errsz);
	if (st == ST_OK && strcmp(rec_get(old, "marketing_ok"), rec_get(r, "marketing_ok")) != 0)
		st = stamp_marketing(db, r->id, err, errsz);
	if (st == ST_OK)
		st = log_changes(db, old, r, staff, err, errsz);
	rec_free(old);
	return st_end_own(db, own, st, err, errsz);
}

enum st_status cust_load(struct st_db *db, int64_t id, struct rec *r, char *err, size_t errsz)
{
	return cust_load_car(db, id, CUST_FIRST_CAR, r, err, errsz);
}

enum st_status cust_load_car(struct st_db *db, int64_t id, int64_t car, struct rec *r, char *err, size_t errsz)
{
	struct sm_map *cm, *vm;
	if (maps(db, r, &cm, &vm, err, errsz) != ST_OK)
		return ST_ERROR;
	sqlite3_stmt *s = st_stmt(db, sm_sql(cm, SQL_SELECT), err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc == SQLITE_DONE) {
			snprintf(err, errsz, "找不到客户（内部编号 %lld）", (long long)id);
			return ST_NOTFOUND;
		}
		return st_fail(db, rc, "读取客户", err, errsz);
	}
	rec_clear(r);
	sm_read(cm, s, 0, r);
	sqlite3_reset(s);
	r->id = id;
	if (car == CUST_NEW_CAR)
		return ST_OK;
	s = st_stmt(db, sm_sql(vm, car == CUST_FIRST_CAR ? SQL_V_SELECT : SQL_V_SELECT_ID), err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, id);
	if (car != CUST_FIRST_CAR)
		sqlite3_bind_int64(s, 2, car);
	rc = sqlite3_step(s);
	int found = rc == SQLITE_ROW;
	if (found)
		sm_read(vm, s, 0, r);
	sqlite3_reset(s);
	/* not a customer without a car: the sheet would save one anew */
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "读取车辆", err, errsz);
	if (!found && car != CUST_FIRST_CAR) {
		/* another customer's car id (a draft's, say) is never loaded, so never written */
		snprintf(err, errsz, "该车（内部编号 %lld）不是客户 %s 的车", (long long)car, rec_get(r, "cust_no"));
		return ST_NOTFOUND;
	}
	return ST_OK;
}

int64_t cust_car_for_vin(struct st_db *db, int64_t cust, const char *vin, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT id, customer_id FROM vehicles WHERE vin=?", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, vin, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	int64_t car = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	int64_t owner = rc == SQLITE_ROW ? sqlite3_column_int64(s, 1) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "查找车辆", err, errsz), -1;
	if (car)
		return owner == cust ? car : CUST_OTHERS_CAR;
	s = st_stmt(db, "SELECT coalesce(vin,'') = '' FROM vehicles WHERE customer_id=? ORDER BY id LIMIT 1", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, cust);
	rc = sqlite3_step(s);
	int first_has_none = rc == SQLITE_ROW && sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "查找车辆", err, errsz), -1;
	return rc == SQLITE_DONE || first_has_none ? CUST_FIRST_CAR : CUST_NEW_CAR;
}

int64_t cust_owner(struct st_db *db, const char *key, const char *value, int64_t except,
                   char *cust_no, size_t cust_no_sz, char *err, size_t errsz)
{
	static const struct { const char *key; const char *sql; } probes[] = {
		{ "cust_no", "SELECT id, cust_no FROM customers WHERE cust_no=?1 AND id<>?2 LIMIT 1" },
		{ "mobile", "SELECT id, cust_no FROM customers WHERE mobile=?1 AND id<>?2 LIMIT 1" },
		{ "id_no", "SELECT id, cust_no FROM customers WHERE id_no=?1 AND id<>?2 LIMIT 1" },
		{ "vin", "SELECT c.id, c.cust_no FROM vehicles v JOIN customers c ON c.id=v.customer_id"
		         " WHERE v.vin=?1 AND c.id<>?2 LIMIT 1" },
		{ "plate", "SELECT c.id, c.cust_no FROM vehicles v JOIN customers c ON c.id=v.customer_id"
		           " WHERE v.plate=?1 AND c.id<>?2 LIMIT 1" },
	};
	for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		if (strcmp(probes[i].key, key) != 0)
			continue;
		sqlite3_stmt *s = st_stmt(db, probes[i].sql, err, errsz);
		if (!s)
			return -1;
		sqlite3_bind_text(s, 1, value, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, except);
		int64_t other = 0;
		int rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			other = sqlite3_column_int64(s, 0);
			if (cust_no)
				snprintf(cust_no, cust_no_sz, "%s", (const char *)sqlite3_column_text(s, 1));
		}
		sqlite3_reset(s);
		/* not 0: a damaged file would let a second customer take the key */
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return st_fail(db, rc, "查找客户", err, errsz), -1;
		return other;
	}
	return 0;
}

static const char *col_text(sqlite3_stmt *s, int col)
{
	const char *t = (const char *)sqlite3_column_text(s, col);
	return t ? t : "";
}

int cust_cars(struct st_db *db, int64_t id, struct cust_car *cars, int max, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT id, coalesce(plate,''), coalesce(model,''), coalesce(vin,'') FROM vehicles"
	                              " WHERE customer_id = ?1 ORDER BY id", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int n = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n < max) {
			cars[n].id = sqlite3_column_int64(s, 0);
			snprintf(cars[n].plate, sizeof cars[n].plate, "%s", col_text(s, 1));
			snprintf(cars[n].model, sizeof cars[n].model, "%s", col_text(s, 2));
			snprintf(cars[n].vin, sizeof cars[n].vin, "%s", col_text(s, 3));
		}
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, "读取车辆", err, errsz), -1;
	return n;
}

int64_t cust_next_car(struct st_db *db, int64_t id, int64_t car, char *err, size_t errsz)
{
	/* the first car is the lowest id; the one after a car the next id up */
	sqlite3_stmt *s = st_stmt(db, "SELECT id FROM vehicles WHERE customer_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3",
	                          err, errsz);
	if (!s)
		return -1;
	int want = car == CUST_FIRST_CAR ? 2 : 1; /* after the first: the second, if any */
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, car == CUST_FIRST_CAR ? 0 : car);
	sqlite3_bind_int(s, 3, want);
	int rc, rows = 0;
	int64_t next = CUST_FIRST_CAR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (++rows == want)
			next = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, "读取车辆", err, errsz), -1;
	return next;
}

int cust_car_index(struct st_db *db, int64_t id, int64_t car)
{
	char err[64];
	sqlite3_stmt *s = st_stmt(db, "SELECT count(*) FROM vehicles WHERE customer_id = ?1 AND id < ?2"
	                              " AND EXISTS (SELECT 1 FROM vehicles WHERE id = ?2 AND customer_id = ?1)",
	                          err, sizeof err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, car);
	int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
	sqlite3_reset(s);
	return n;
}

int64_t cust_same_person(struct st_db *db, const char *name, const char *mobile,
                         char *cust_no, size_t cust_no_sz, char *err, size_t errsz)
{
	/* the names compared folded: one an earlier version stored with its
	 * brackets folded to ASCII is the same name typed with （） now */
	sqlite3_stmt *s = st_stmt(db, "SELECT id, cust_no, name FROM customers WHERE mobile=?1 ORDER BY id",
	                          err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, mobile, -1, SQLITE_TRANSIENT);
	int rc;
	int64_t id = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (txt_same_name(col_text(s, 2), name)) {
			id = sqlite3_column_int64(s, 0);
			snprintf(cust_no, cust_no_sz, "%s", col_text(s, 1));
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "查找重复客户", err, errsz), -1;
	return id;
}

/* One candidate row (cust_no, name) of cust_identify into who. */
static void who_add(struct cust_who *who, sqlite3_stmt *s)
{
	if (who->n < 2) {
		snprintf(who->cust_no[who->n], sizeof who->cust_no[0], "%s", col_text(s, 0));
		snprintf(who->name[who->n], sizeof who->name[0], "%s", col_text(s, 1));
	}
	who->n++;
}

/* A landline as stored, with or without an extension ("0571-88886666"
 * finds "0571-88886666-123" too: '-' sorts before '.'), in either field. */
#define LANDLINE_IS(p) "((" p "phone1 >= ?1 AND " p "phone1 < ?1 || '.') OR (" p "phone2 >= ?1 AND " p "phone2 < ?1 || '.'))"
/* The number after the area code (88886666 of 0571-88886666-12), with or
 * without an extension, through the indexes of schema 0015. */
#define LOCAL_PART(f) "substr(c." f ", instr(c." f ", '-') + 1)"
#define LOCAL_IS(f) "(c." f " IS NOT NULL AND " LOCAL_PART(f) " >= ?1 AND " LOCAL_PART(f) " < ?1 || '.')"

int cust_identify(struct st_db *db, const char *name, const char *phone, const char *plate, struct cust_who *who,
                  char *err, size_t errsz)
{
	memset(who, 0, sizeof *who);
	int rc = SQLITE_DONE;
	if (*plate) {
		/* a plate is one car's at a time at the desk (veh_set_plate), but an
		 * import stores a car whose plate another carries, and says so */
		sqlite3_stmt *s = st_stmt(db, "SELECT DISTINCT c.cust_no, c.name FROM vehicles v"
		                              " JOIN customers c ON c.id = v.customer_id WHERE v.plate=?1 ORDER BY c.cust_no",
		                          err, errsz);
		if (!s)
			return -1;
		sqlite3_bind_text(s, 1, plate, -1, SQLITE_TRANSIENT);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			who_add(who, s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return st_fail(db, rc, "按车牌查找客户", err, errsz), -1;
		if (who->n) {
			who->by_plate = 1;
			if (who->n > 1)
				return CUST_WHO_SEVERAL;
			return !*name || txt_same_name(name, who->name[0]) ? CUST_WHO_ONE : CUST_WHO_OTHER_NAME;
		}
	}
	if (!*phone)
		return CUST_WHO_NONE;
	/* mobiles start with 1; a landline (or a 400/800 number) never does;
	 * one without its area code has no dash (val_local_number) */
	who->by_landline = *phone != '1';
	/* the third column: the number exactly, not one of its extensions */
	static const char by_mobile[] = "SELECT cust_no, name, 1 FROM customers WHERE mobile=?1 ORDER BY id",
	                  by_landline[] = "SELECT cust_no, name, c.phone1 IS ?1 OR c.phone2 IS ?1 FROM customers c"
	                                  " WHERE " LANDLINE_IS("c.") " ORDER BY id",
	                  by_local[] = "SELECT cust_no, name, " LOCAL_PART("phone1") " IS ?1 OR " LOCAL_PART("phone2")
	                               " IS ?1 FROM customers c WHERE " LOCAL_IS("phone1") " OR " LOCAL_IS("phone2")
	                               " ORDER BY id";
	sqlite3_stmt *s = st_stmt(db, !who->by_landline ? by_mobile : strchr(phone, '-') ? by_landline : by_local,
	                          err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, phone, -1, SQLITE_TRANSIENT);
	/* of them, those with the row's name, and those with the number exactly */
	struct cust_who named = { .n = 0, .by_landline = who->by_landline };
	struct cust_who exact = named, named_exact = named;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int same_name = *name && txt_same_name(name, col_text(s, 1)), same_number = sqlite3_column_int(s, 2);
		who_add(who, s);
		if (same_name)
			who_add(&named, s);
		if (same_number)
			who_add(&exact, s);
		if (same_name && same_number)
			who_add(&named_exact, s);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, who->by_landline ? "按固定电话查找客户" : "按手机号查找客户", err, errsz), -1;
	/* A switchboard number without an extension is the office's own: of a
	 * fleet at 0571-88886666 and its driver at 0571-88886666-12, the row
	 * with 0571-88886666 means the fleet. */
	if (named.n > 1 && named_exact.n)
		named = named_exact;
	if (named.n) {
		*who = named;
		return named.n == 1 ? CUST_WHO_ONE : CUST_WHO_SEVERAL;
	}
	if (who->n == 0)
		return CUST_WHO_NONE;
	if (who->n > 1 && exact.n)
		*who = exact;
	/* the phone's customers, none of them by the row's name */
	return who->n > 1 ? CUST_WHO_SEVERAL : *name ? CUST_WHO_OTHER_NAME : CUST_WHO_ONE;
}

void cust_no_normal(const char *in, char *out, size_t outsz)
{
	if (txt_normalize(in, out, outsz) != 0) {
		*out = 0;
		return;
	}
	for (char *p = out; *p; p++)
		*p = (char)toupper((unsigned char)*p);
}

int64_t cust_id_of(struct st_db *db, const char *cust_no, char *err, size_t errsz)
{
	char no[64];
	cust_no_normal(cust_no, no, sizeof no);
	if (!*no)
		return 0;
	sqlite3_stmt *s = st_stmt(db, "SELECT id FROM customers WHERE cust_no=?", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, no, -1, SQLITE_TRANSIENT);
	return st_found_id(db, s, "查找客户", err, errsz);
}

int64_t cust_unique_mobile(struct st_db *db, const char *mobile, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT id FROM customers WHERE mobile=? LIMIT 2", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, mobile, -1, SQLITE_TRANSIENT);
	int64_t id = 0;
	int n = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, "查找客户", err, errsz), -1;
	return n == 1 ? id : 0;
}

int64_t cust_find_duplicate(struct st_db *db, const struct rec *r, int with_mobile, const char **which_key,
                            char *err, size_t errsz)
{
	/* a plate is one car's at a time (veh_set_plate refuses another car's):
	 * typed at the desk it most often means the car is on file already */
	static const char *const keys[] = { "mobile", "id_no", "vin", "plate" };
	*which_key = NULL;
	for (size_t i = with_mobile ? 0 : 1; i < sizeof keys / sizeof keys[0]; i++) {
		const char *v = rec_get(r, keys[i]);
		char plate[64];
		struct val_result vr;
		/* asked on leaving the field, before the save's rules write the
		 * plate as stored (浙a12345 is 浙A12345) */
		if (*v && strcmp(keys[i], "plate") == 0)
			v = val_plate(v, plate, sizeof plate, &vr) == VAL_ERROR ? "" : plate;
		if (!*v)
			continue;
		int64_t other = cust_owner(db, keys[i], v, r->id, NULL, 0, err, errsz);
		if (other) {
			*which_key = other > 0 ? keys[i] : NULL;
			return other;
		}
	}
	return 0;
}

enum st_status cust_rename(struct st_db *db, int64_t id, const char *new_name, const char *kind,
                           const char *reason, const char *approver, const char *staff,
                           char *err, size_t errsz)
{
	if (strcmp(kind, "过户") != 0 && strcmp(kind, "工作失误") != 0) {
		snprintf(err, errsz, "修改类型：应为 过户 或 工作失误");
		return ST_CONSTRAINT;
	}
	if (!new_name || !*new_name || !reason || !*reason || !approver || !*approver) {
		snprintf(err, errsz, "客户姓名修改申请：新姓名、原因和审批人都必须填写");
		return ST_CONSTRAINT;
	}
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	sqlite3_stmt *s = st_stmt(db,
		"INSERT INTO name_changes(customer_id, old_name, new_name, kind, reason, approver, requested_by)"
		" SELECT id, name, ?2, ?3, ?4, ?5, ?6 FROM customers WHERE id=?1", err, errsz);
	if (!s) {
		st = ST_ERROR;
	} else {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, new_name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, kind, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 4, reason, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 5, approver, -1, SQLITE_TRANSIENT);
		st_bind_text(s, 6, staff);
		st = st_step(db, s, "提交姓名修改申请", err, errsz);
		if (st == ST_OK && sqlite3_changes(st_handle(db)) == 0) {
			snprintf(err, errsz, "找不到客户（内部编号 %lld）", (long long)id);
			st = ST_NOTFOUND;
		}
	}
	if (st == ST_OK) {
		s = st_stmt(db, "UPDATE customers SET name=?2, updated_at=?3 WHERE id=?1",
		            err, errsz);
		if (!s) {
			st = ST_ERROR;
		} else {
			sqlite3_bind_int64(s, 1, id);
			sqlite3_bind_text(s, 2, new_name, -1, SQLITE_TRANSIENT);
			char now[24];
			clk_now(now, sizeof now);
			sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
			st = st_step(db, s, "修改客户姓名", err, errsz);
		}
	}
	if (st == ST_OK) {
		/* the log line says whose name changed from what: unread, the
		 * change is not made rather than logged without them */
		char detail[768], no[32] = "", old_name[256] = "";
		s = st_stmt(db, "SELECT cust_no, (SELECT old_name FROM name_changes WHERE customer_id=?1"
		                " ORDER BY id DESC LIMIT 1) FROM customers WHERE id=?1", err, errsz);
		st = s ? ST_OK : ST_ERROR;
		if (s) {
			sqlite3_bind_int64(s, 1, id);
			st = st_row(db, s, "读取客户编号和原姓名", err, errsz);
			if (st == ST_OK) {
				st_col(s, 0, no, sizeof no);
				st_col(s, 1, old_name, sizeof old_name);
			}
			sqlite3_reset(s);
		}
		snprintf(detail, sizeof detail, "姓名: %s → %s（%s；原因：%s；审批人：%s）", old_name, new_name, kind,
		         reason, approver);
		if (st == ST_OK)
			st = audit_append(db, staff, "修改姓名", no, detail, err, errsz);
	}
	return st_end_own(db, own, st, err, errsz);
}

int64_t cust_count(struct st_db *db)
{
	char err[64];
	sqlite3_stmt *s = st_stmt(db, "SELECT count(*) FROM customers", err, sizeof err);
	if (!s)
		return -1;
	/* reset on a failed step too: the statement is cached and reused */
	int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_reset(s);
	return n;
}

/* ---- bulk load ------------------------------------------------------- */

/* Kept: the UNIQUE indexes (the constraints themselves) and
 * vehicles_customer_first (the first car of a new customer; its keys grow
 * with the new ids, so it costs little).  customers_mobile goes too: its
 * random keys cost about a seventh of a million-row load, and the two
 * probes it served are answered from memory (cust_bulk_mobile_owner), as
 * the plate's are (cust_bulk_plate_owner). */
static const char *const BULK_SET_ASIDE[] = {
	"customers_mobile", "customers_name", "customers_mobile_tail", "customers_birthday",
	"customers_phone1", "customers_phone2", "customers_phone1_local", "customers_phone2_local",
	"customers_mobile_fts_insert", "customers_mobile_fts_delete", "vehicles_plate",
	"vehicles_vin_tail", "vehicles_delivery", "vehicles_insurance", "vehicles_inspection",
	"vehicles_archive_due", "due_feed_vehicle_insert",
	/* 11 µs a car delivered (9 s of a million-row load): a load's first
	 * cars are written with their date (deal_at_least), its further cars
	 * give it in cust_add_car */
	"vehicles_deal_insert", "vehicles_deal_update", NULL,
};

struct cust_bulk {
	struct st_defer *deferred;
	struct kmap *mobiles; /* every customer's mobile → id, old and new */
	struct kmap *plates;  /* every car's plate → the car's id, old and new */
	int64_t first_customer, first_vehicle; /* ids from which rows are this load's */
	int64_t next_customer; /* the id the next new customer takes (max(id)+1) */
};

void cust_bulk_free(struct cust_bulk *b)
{
	if (!b)
		return;
	st_defer_free(b->deferred);
	kmap_free(b->mobiles);
	kmap_free(b->plates);
	free(b);
}

/* The ids in the map are 32 bits: a shop with four thousand million
 * customers is not one this program will meet, but say so rather than wrap. */
static int add_key(struct kmap *m, const char *key, int64_t id, char *err, size_t errsz)
{
	if (!key || !*key)
		return 0;
	if (id <= 0 || id > UINT32_MAX || kmap_add(m, key, (uint32_t)id) != 0) {
		snprintf(err, errsz, id > UINT32_MAX ? "内部编号超出一次导入的范围" : "内存不足");
		return -1;
	}
	return 0;
}

/* The keys already there (sql: id, key), read before their index is set
 * aside (in id order, through that index). */
static int load_keys(struct st_db *db, struct kmap *m, const char *sql, const char *what, char *err,
                     size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, sql, err, errsz);
	if (!s)
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (add_key(m, (const char *)sqlite3_column_text(s, 1), sqlite3_column_int64(s, 0), err, errsz) != 0) {
			sqlite3_reset(s);
			return -1;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : (st_fail(db, rc, what, err, errsz), -1);
}

struct cust_bulk *cust_bulk_begin(struct st_db *db, long expect, char *err, size_t errsz)
{
	struct cust_bulk *b = calloc(1, sizeof *b);
	int64_t have = cust_count(db);
	size_t size = (size_t)(have > 0 ? have : 0) + (expect > 0 ? (size_t)expect : 0);
	if (!b || have < 0 || !(b->mobiles = kmap_new(size)) || !(b->plates = kmap_new(size))) {
		snprintf(err, errsz, have < 0 ? "读取客户数失败" : "内存不足");
		cust_bulk_free(b);
		return NULL;
	}
	/* new rows take max(id)+1 (customers: SQL_INSERT; vehicles: rowid) */
	b->first_customer = st_next_id(db, "SELECT coalesce(max(id),0) FROM customers", err, errsz);
	b->first_vehicle = st_next_id(db, "SELECT coalesce(max(id),0) FROM vehicles", err, errsz);
	b->next_customer = b->first_customer;
	if (b->first_customer < 0 || b->first_vehicle < 0 ||
	    load_keys(db, b->mobiles, "SELECT id, mobile FROM customers WHERE mobile <> '' ORDER BY id",
	              "读取客户手机号", err, errsz) != 0 ||
	    load_keys(db, b->plates, "SELECT id, plate FROM vehicles WHERE plate <> '' ORDER BY id",
	              "读取车牌号", err, errsz) != 0 ||
	    !(b->deferred = st_defer_drop(db, BULK_SET_ASIDE, err, errsz))) {
		cust_bulk_free(b);
		return NULL;
	}
	return b;
}

/* No savepoint around the row: inside a transaction of a million rows,
 * SQLite keeps a savepoint's journal in a temporary file for good once one
 * row's pages pass 64 KiB, and every later row then writes its pages there
 * (14 system calls a row, a quarter of the load).  Each INSERT is atomic
 * on its own; the one thing to undo by hand is a customer whose car was
 * refused (its trigram delete trigger is set aside, and nothing else can
 * refer to a customer made a moment ago). */
enum st_status cust_bulk_import(struct st_db *db, struct cust_bulk *b, struct rec *r, int incomplete,
                                const char *staff, const char *changed_at, char *err, size_t errsz)
{
	enum st_status st = insert(db, r, incomplete, staff, changed_at, 0, err, errsz);
	if (st == ST_OK) {
		b->next_customer = r->id + 1;
		if (add_key(b->mobiles, rec_get(r, "mobile"), r->id, err, errsz) != 0)
			return ST_ERROR;
		const char *plate = rec_get(r, "plate");
		if (!*plate)
			return ST_OK;
		int64_t car = first_car(db, r->id, err, errsz); /* the one just stored */
		return car == 0 || (car > 0 && add_key(b->plates, plate, car, err, errsz) == 0) ? ST_OK : ST_ERROR;
	}
	if (st != ST_CONSTRAINT)
		return st; /* the import stops and the whole load rolls back */
	char derr[256];
	sqlite3_stmt *s = st_stmt(db, "DELETE FROM customers WHERE id >= ?", derr, sizeof derr);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, b->next_customer);
	if (st_step(db, s, "撤销未存完的客户", derr, sizeof derr) == ST_OK)
		return st;
	snprintf(err, errsz, "%s", derr);
	return ST_ERROR;
}

enum st_status cust_add_car(struct st_db *db, struct cust_bulk *b, int64_t cust, const struct rec *r, char *err,
                            size_t errsz)
{
	struct sm_map *vm = sm_get(db, r->form, "vehicles", err, errsz);
	if (!vm)
		return ST_ERROR;
	enum st_status st = vehicle_write(db, vm, r, cust, CUST_NEW_CAR, err, errsz);
	const char *delivered = rules_sale_delivered(r);
	if (st == ST_OK && b && delivered) {
		/* the deal triggers are set aside: what they would do */
		sqlite3_stmt *s = st_stmt(db, "UPDATE customers SET"
		                              " last_deal_date = CASE WHEN last_deal_date IS NULL OR last_deal_date < ?2"
		                              "  THEN ?2 ELSE last_deal_date END,"
		                              " first_deal_date = CASE WHEN first_deal_date IS NULL OR first_deal_date > ?2"
		                              "  THEN ?2 ELSE first_deal_date END"
		                              " WHERE id = ?1", err, errsz);
		if (!s)
			return ST_ERROR;
		sqlite3_bind_int64(s, 1, cust);
		sqlite3_bind_text(s, 2, delivered, -1, SQLITE_TRANSIENT);
		st = st_step(db, s, "更新交易日期", err, errsz);
	}
	const char *plate = rec_get(r, "plate");
	/* the load's probe of plates answers from memory: it must know this one */
	if (st == ST_OK && b && *plate &&
	    add_key(b->plates, plate, sqlite3_last_insert_rowid(st_handle(db)), err, errsz) != 0)
		return ST_ERROR;
	return st;
}

/* The owner (column 3 of sql) of the lowest id in m under key that truly
 * has the key (column 0) and, when name is given, the name (column 1):
 * the record the index's probe (key, then id) would have found.  sql reads
 * one row by that id. */
static int64_t lowest_holder(struct st_db *db, const struct kmap *m, const char *key, const char *name,
                             const char *sql, char *cust_no, size_t cust_no_sz, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, sql, err, errsz);
	if (!s)
		return -1;
	int64_t best = 0, owner = 0;
	struct kmap_iter it;
	kmap_find(m, key, &it);
	for (uint32_t id; (id = kmap_next(m, &it)) != 0;) {
		if (best && id > best)
			continue;
		sqlite3_bind_int64(s, 1, id);
		int rc = sqlite3_step(s);
		if (rc == SQLITE_ROW && strcmp(col_text(s, 0), key) == 0 && (!name || txt_same_name(col_text(s, 1), name))) {
			best = id;
			owner = sqlite3_column_int64(s, 3);
			if (cust_no)
				snprintf(cust_no, cust_no_sz, "%s", col_text(s, 2));
		}
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return st_fail(db, rc, "查找重复客户", err, errsz), -1;
	}
	return owner;
}

int64_t cust_bulk_mobile_owner(struct st_db *db, const struct cust_bulk *b, const char *mobile,
                               const char *name, char *cust_no, size_t cust_no_sz, char *err,
                               size_t errsz)
{
	return lowest_holder(db, b->mobiles, mobile, name, "SELECT mobile, name, cust_no, id FROM customers WHERE id=?",
	                     cust_no, cust_no_sz, err, errsz);
}

int64_t cust_bulk_plate_owner(struct st_db *db, const struct cust_bulk *b, const char *plate, char *cust_no,
                              size_t cust_no_sz, char *err, size_t errsz)
{
	return lowest_holder(db, b->plates, plate, NULL,
	                     "SELECT v.plate, '', c.cust_no, c.id FROM vehicles v JOIN customers c"
	                     " ON c.id = v.customer_id WHERE v.id=?",
	                     cust_no, cust_no_sz, err, errsz);
}

enum st_status cust_bulk_end(struct st_db *db, struct cust_bulk *b, const char *today, char *err,
                             size_t errsz)
{
	/* the probes are over: their memory goes to the sorts */
	kmap_free(b->mobiles);
	kmap_free(b->plates);
	b->mobiles = b->plates = NULL;
	enum st_status st = st_defer_restore(db, b->deferred, err, errsz);
	b->deferred = NULL;
	sqlite3_stmt *s = NULL;
	if (st == ST_OK && !(s = st_stmt(db, "INSERT INTO customer_mobile_fts(rowid, mobile)"
	                                     " SELECT id, mobile FROM customers WHERE id >= ?1 AND mobile IS NOT NULL",
	                                 err, errsz)))
		st = ST_ERROR;
	if (st == ST_OK) {
		sqlite3_bind_int64(s, 1, b->first_customer);
		st = st_step(db, s, "建立手机号索引", err, errsz);
	}
	if (st == ST_OK) {
		/* the feed's rows go in in its own order: its two other indexes
		 * are sorted once after rather than probed a row at a time */
		static const char *const feed_indexes[] = { "due_feed_source", "due_feed_customer", NULL };
		struct st_defer *d = st_defer_drop(db, feed_indexes, err, errsz);
		st = d ? due_feed_add_vehicles(db, b->first_vehicle, today, err, errsz) : ST_ERROR;
		if (st == ST_OK)
			st = st_defer_restore(db, d, err, errsz);
		else
			st_defer_free(d);
	}
	cust_bulk_free(b);
	return st;
}

/* ---- lookup ---------------------------------------------------------- */

#define HIT_COLS "c.id, c.cust_no, c.name, coalesce(c.mobile,''), coalesce(v.plate,''), " \
	"coalesce(v.vin,''), coalesce(c.id_no,''), c.incomplete, v.id "
/* a customer's first car, from the covering index vehicles_customer_first */
#define FIRST_CAR(col) "coalesce((SELECT " col " FROM vehicles WHERE customer_id = c.id ORDER BY id LIMIT 1),'')"
#define CUST_COLS_BUT_FROM "c.id, c.cust_no, c.name, coalesce(c.mobile,''), " FIRST_CAR("plate") ", " \
	FIRST_CAR("vin") ", coalesce(c.id_no,''), c.incomplete, 0"
#define CUST_COLS CUST_COLS_BUT_FROM " FROM customers c "

/* Each query uses an index; the lookup runs the ones that fit what was
 * typed and merges their hits. */
static const char Q_MOBILE_PREFIX[] = "SELECT " CUST_COLS
	"WHERE c.mobile >= ?1 AND c.mobile < ?1 || ':' LIMIT ?2";
static const char Q_MOBILE_TAIL[] = "SELECT " CUST_COLS
	"WHERE substr(c.mobile, 8) = ?1 AND c.mobile IS NOT NULL LIMIT ?2";
/* any part of three digits or more, through the trigram index */
static const char Q_MOBILE_ANY[] = "SELECT " CUST_COLS
	"WHERE c.id IN (SELECT rowid FROM customer_mobile_fts WHERE customer_mobile_fts MATCH"
	" '\"' || ?1 || '\"' LIMIT ?2) LIMIT ?2";
/* These two say which landline they found by, in a tenth column. */
#define LANDLINE_COLS(match1) CUST_COLS_BUT_FROM ", CASE WHEN " match1 " THEN c.phone1 ELSE c.phone2 END FROM customers c "
static const char Q_LANDLINE[] = "SELECT " LANDLINE_COLS("c.phone1 >= ?1 AND c.phone1 < ?1 || '.'")
	"WHERE " LANDLINE_IS("c.") " LIMIT ?2";
static const char Q_LANDLINE_LOCAL[] = "SELECT " LANDLINE_COLS(LOCAL_IS("phone1"))
	"WHERE " LOCAL_IS("phone1") " OR " LOCAL_IS("phone2") " LIMIT ?2";
static const char Q_NAME_PREFIX[] = "SELECT " CUST_COLS
	"WHERE c.name >= ?1 AND c.name < ?1 || x'F48FBFBF' ORDER BY c.name LIMIT ?2";
static const char Q_IDNO[] = "SELECT " CUST_COLS "WHERE c.id_no = ?1 LIMIT ?2";
static const char Q_CUSTNO[] = "SELECT " CUST_COLS "WHERE c.cust_no = ?1 LIMIT ?2";
static const char Q_VIN_TAIL[] = "SELECT " HIT_COLS " FROM vehicles v JOIN customers c ON c.id = v.customer_id "
	"WHERE v.vin_tail = ?1 LIMIT ?2";
/* more than six trailing characters: the tail index, then the rest */
static const char Q_VIN_END[] = "SELECT " HIT_COLS " FROM vehicles v JOIN customers c ON c.id = v.customer_id "
	"WHERE v.vin_tail = substr(?1, -6) AND v.vin LIKE '%' || ?1 LIMIT ?2";
static const char Q_VIN[] = "SELECT " HIT_COLS " FROM vehicles v JOIN customers c ON c.id = v.customer_id "
	"WHERE v.vin = ?1 LIMIT ?2";
static const char Q_PLATE_PREFIX[] = "SELECT " HIT_COLS " FROM vehicles v JOIN customers c ON c.id = v.customer_id "
	"WHERE v.plate >= ?1 AND v.plate < ?1 || x'F48FBFBF' LIMIT ?2";
/* a plate read out without its province character (ADFU32 for 浙ADFU32):
 * one index probe per province */
static const char Q_PLATE_ANY_PROVINCE[] = "SELECT " HIT_COLS " FROM vehicles v JOIN customers c ON c.id = v.customer_id "
	"WHERE v.plate IN ("
	"'京' || ?1, '津' || ?1, '沪' || ?1, '渝' || ?1, '冀' || ?1, '豫' || ?1,"
	"'云' || ?1, '辽' || ?1, '黑' || ?1, '湘' || ?1, '皖' || ?1, '鲁' || ?1,"
	"'新' || ?1, '苏' || ?1, '浙' || ?1, '赣' || ?1, '鄂' || ?1, '桂' || ?1,"
	"'甘' || ?1, '晋' || ?1, '蒙' || ?1, '陕' || ?1, '吉' || ?1, '闽' || ?1,"
	"'贵' || ?1, '粤' || ?1, '青' || ?1, '藏' || ?1, '川' || ?1, '宁' || ?1,"
	"'琼' || ?1"
	") LIMIT ?2";

static int run_query(struct st_db *db, const char *sql, const char *q, struct cust_hit *hits,
                     int n, int max, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, sql, err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, q, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, max - n);
	int rc;
	while (n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		int dup = 0;
		for (int i = 0; i < n; i++)
			if (hits[i].id == id)
				dup = 1;
		if (dup)
			continue;
		struct cust_hit *h = &hits[n++];
		h->id = id;
		snprintf(h->cust_no, sizeof h->cust_no, "%s", (const char *)sqlite3_column_text(s, 1));
		snprintf(h->name, sizeof h->name, "%s", (const char *)sqlite3_column_text(s, 2));
		snprintf(h->mobile, sizeof h->mobile, "%s", (const char *)sqlite3_column_text(s, 3));
		snprintf(h->plate, sizeof h->plate, "%s", (const char *)sqlite3_column_text(s, 4));
		snprintf(h->vin, sizeof h->vin, "%s", (const char *)sqlite3_column_text(s, 5));
		snprintf(h->id_no, sizeof h->id_no, "%s", (const char *)sqlite3_column_text(s, 6));
		h->incomplete = sqlite3_column_int(s, 7);
		h->car = sqlite3_column_int64(s, 8); /* 0: CUST_FIRST_CAR */
		snprintf(h->landline, sizeof h->landline, "%s",
		         sqlite3_column_count(s) > 9 ? col_text(s, 9) : "");
	}
	sqlite3_reset(s);
	return n;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int all_alnum(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z')))
			return 0;
	return 1;
}

int cust_search(struct st_db *db, const char *query, struct cust_hit *hits, int max, char *err,
                size_t errsz)
{
	/* q is folded like the codes it may be (full-width digits of a mobile,
	 * a VIN read in lower case); names are free text, stored as typed
	 * (rules.c), so they are looked up as typed and, for names an earlier
	 * version stored folded, folded as well */
	char q[128], typed[128];
	txt_normalize(query, q, sizeof q);
	snprintf(typed, sizeof typed, "%s", query);
	txt_trim_text(typed);
	/* a name is stored without spaces between its characters (rules.c) */
	txt_join_name(typed);
	/* staff read VINs and plates in any case */
	for (char *p = q; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	size_t len = strlen(q);
	int n = 0;
	if (len == 0 || max <= 0)
		return 0;
#define RUN(sql) do { n = run_query(db, sql, q, hits, n, max, err, errsz); if (n < 0) return -1; } while (0)
#define RUN_NAME() do { \
		n = run_query(db, Q_NAME_PREFIX, typed, hits, n, max, err, errsz); \
		if (n >= 0 && strcmp(typed, q) != 0) \
			n = run_query(db, Q_NAME_PREFIX, q, hits, n, max, err, errsz); \
		if (n < 0) \
			return -1; \
	} while (0)
	/* a landline starts with its area code's 0 (or +86, or a bracket); a
	 * 400/800 number is ten digits a mobile never has */
	char landline[64];
	if (q[0] && strchr("0(+48", q[0]) && val_landline(q, landline, sizeof landline, NULL) != VAL_ERROR &&
	    (n = run_query(db, Q_LANDLINE, landline, hits, n, max, err, errsz)) < 0)
		return -1; /* then the rest as before: a mobile never starts with 0, 4 or 8, so it adds no hits */
	if (val_local_number(q, landline, sizeof landline) &&
	    (n = run_query(db, Q_LANDLINE_LOCAL, landline, hits, n, max, err, errsz)) < 0)
		return -1; /* then any part of a mobile: it may be that too */
	txt_drop_separators(q);
	len = strlen(q);
	if (all_digits(q)) {
		if (len == 18 || (len == 17))
			RUN(Q_IDNO);
		if (len == 15) {
			/* an old 15-digit ID number: stored upgraded to its 18 */
			char up[32];
			if (val_idno(q, up, sizeof up, NULL) != VAL_ERROR && strlen(up) == 18 &&
			    (n = run_query(db, Q_IDNO, up, hits, n, max, err, errsz)) < 0)
				return -1;
		}
		if (len == 11) {
			/* a whole mobile: the index answers; the trigram query would
			 * only find the same customers, slowly */
			RUN(Q_MOBILE_PREFIX);
			return n;
		}
		if (len == 6)
			RUN(Q_VIN_TAIL);
		if (len == 4)
			RUN(Q_MOBILE_TAIL); /* 尾号: what staff say most */
		if (len >= 3) {
			RUN(Q_MOBILE_PREFIX);
			if (n < max)
				RUN(Q_MOBILE_ANY);
		}
		return n;
	}
	if ((unsigned char)q[0] >= 0x80) {
		RUN(Q_PLATE_PREFIX);
		RUN_NAME();
		return n;
	}
	if (all_alnum(q) || (len == 18 && q[17] == 'X')) {
		if (len == 18)
			RUN(Q_IDNO);
		if (len == 17)
			RUN(Q_VIN);
		if (q[0] == 'C')
			RUN(Q_CUSTNO);
		if (len == 6)
			RUN(Q_VIN_TAIL);
		else if (len > 6 && len < 17)
			RUN(Q_VIN_END);
		if ((len == 6 || len == 7) && q[0] >= 'A' && q[0] <= 'Z')
			RUN(Q_PLATE_ANY_PROVINCE);
	}
	RUN_NAME();
#undef RUN
#undef RUN_NAME
	return n;
}
