/* workorder — repair orders in SQLite.  Opening and completing are the two
 * moments the regulation checks data (SHEETS.md §4); the customer-side
 * checks are the rules engine's, run by the caller before these. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/audit.h"
#include "desk4s/clock.h"
#include "desk4s/due.h"
#include "desk4s/text.h"
#include "desk4s/validate.h"
#include "desk4s/workorder.h"
#include "store_map.h"

/* ---- finding the car ---- */

#define VEH_COLS "v.id, c.id, c.cust_no, c.name, coalesce(c.mobile,''), coalesce(v.plate,''), " \
	"coalesce(v.vin,''), coalesce(v.model,''), c.incomplete "
#define VEH_FROM " FROM vehicles v JOIN customers c ON c.id = v.customer_id "
static const char V_PLATE[] = "SELECT " VEH_COLS VEH_FROM
	"WHERE v.plate >= ?1 AND v.plate < ?1 || x'F48FBFBF' LIMIT ?2";
static const char V_VIN[] = "SELECT " VEH_COLS VEH_FROM "WHERE v.vin = ?1 LIMIT ?2";
static const char V_VIN_TAIL[] = "SELECT " VEH_COLS VEH_FROM "WHERE v.vin_tail = ?1 LIMIT ?2";
static const char V_VIN_END[] = "SELECT " VEH_COLS VEH_FROM
	"WHERE v.vin_tail = substr(?1, -6) AND v.vin LIKE '%' || ?1 LIMIT ?2";
static const char V_MOBILE[] = "SELECT " VEH_COLS VEH_FROM
	"WHERE c.mobile >= ?1 AND c.mobile < ?1 || ':' LIMIT ?2";
static const char V_MOBILE_ANY[] = "SELECT " VEH_COLS VEH_FROM
	"WHERE c.id IN (SELECT rowid FROM customer_mobile_fts WHERE customer_mobile_fts MATCH"
	" '\"' || ?1 || '\"' LIMIT ?2) LIMIT ?2";
static const char V_NAME[] = "SELECT " VEH_COLS VEH_FROM
	"WHERE c.name >= ?1 AND c.name < ?1 || x'F48FBFBF' LIMIT ?2";

static int run(struct st_db *db, const char *sql, const char *q, struct wo_vehicle *out, int n,
               int max, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, sql, err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, q, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, max);
	int rc = SQLITE_DONE;
	while (n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t vid = sqlite3_column_int64(s, 0);
		int dup = 0;
		for (int i = 0; i < n; i++)
			dup |= out[i].vehicle_id == vid;
		if (dup)
			continue;
		struct wo_vehicle *v = &out[n++];
		v->vehicle_id = vid;
		v->customer_id = sqlite3_column_int64(s, 1);
		st_col(s, 2, v->cust_no, sizeof v->cust_no);
		st_col(s, 3, v->name, sizeof v->name);
		st_col(s, 4, v->mobile, sizeof v->mobile);
		st_col(s, 5, v->plate, sizeof v->plate);
		st_col(s, 6, v->vin, sizeof v->vin);
		st_col(s, 7, v->model, sizeof v->model);
		v->incomplete = sqlite3_column_int(s, 8);
	}
	sqlite3_reset(s);
	/* a damaged file ends the rows early: said, not shown as "not found" */
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "查找车辆", err, errsz), -1;
	return n;
}

int wo_find_vehicles(struct st_db *db, const char *query, struct wo_vehicle *out, int max,
                     char *err, size_t errsz)
{
	/* folded for plates, VINs and mobiles; names as typed too, as
	 * cust_search does */
	char q[128], typed[128];
	txt_normalize(query, q, sizeof q);
	snprintf(typed, sizeof typed, "%s", query);
	txt_trim_text(typed);
	for (char *p = q; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	txt_drop_separators(q); /* 浙A 12345, 粤B·12345, 138 1234 5678 */
	int digits = 1, alnum = 1;
	size_t len = strlen(q);
	for (char *p = q; *p; p++) {
		if (*p < '0' || *p > '9')
			digits = 0;
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z')))
			alnum = 0;
	}
	if (!len)
		return 0;
	int n = 0;
#define RUN(sql) do { n = run(db, sql, q, out, n, max, err, errsz); if (n < 0) return -1; } while (0)
	if ((unsigned char)q[0] >= 0x80) {
		RUN(V_PLATE);
		n = run(db, V_NAME, typed, out, n, max, err, errsz);
		if (n >= 0 && strcmp(typed, q) != 0)
			n = run(db, V_NAME, q, out, n, max, err, errsz);
		return n;
	}
	if (alnum) {
		if (len == 17)
			RUN(V_VIN);
		else if (len == 6)
			RUN(V_VIN_TAIL);
		else if (len > 6 && len < 17)
			RUN(V_VIN_END);
	}
	if (digits && len >= 3) {
		RUN(V_MOBILE);
		if (len != 11) /* a whole mobile: the index has answered */
			RUN(V_MOBILE_ANY);
	}
#undef RUN
	return n;
}

enum st_status wo_add_vehicle(struct st_db *db, int64_t customer_id, const char *vin,
                              const char *plate, const char *model, int64_t *vehicle_id,
                              char *err, size_t errsz)
{
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	/* a VIN already on file: whose car it is, as the import says it, not
	 * the schema's UNIQUE in SQLite's English; probed inside the write
	 * transaction, so no other terminal registers it in between */
	struct wo_vehicle held;
	int n = vin && *vin ? run(db, V_VIN, vin, &held, 0, 1, err, errsz) : 0;
	if (n < 0) {
		st = ST_ERROR;
	} else if (n > 0) {
		char where[64] = "未登记车牌";
		if (*held.plate)
			snprintf(where, sizeof where, "车牌 %s", held.plate);
		if (held.customer_id == customer_id)
			snprintf(err, errsz, "车辆底盘号(VIN)：%s 已是该客户的车辆（%s），请在找车结果中选中它开单", vin, where);
		else
			snprintf(err, errsz, "车辆底盘号(VIN)：%s 已属于客户 %s %s（%s），不能重复登记", vin, held.cust_no,
			         held.name, where);
		st = ST_CONSTRAINT;
	}
	sqlite3_stmt *s = NULL;
	if (st == ST_OK && !(s = st_stmt(db, "INSERT INTO vehicles(customer_id, vin, plate, model, is_sale)"
	                                     " VALUES(?,?,?,?,'否')", err, errsz)))
		st = ST_ERROR;
	if (st == ST_OK) {
		sqlite3_bind_int64(s, 1, customer_id);
		st_bind_text(s, 2, vin);
		st_bind_text(s, 3, plate);
		st_bind_text(s, 4, model);
		st = st_step(db, s, "登记车辆", err, errsz);
	}
	if (st == ST_OK && vehicle_id)
		*vehicle_id = sqlite3_last_insert_rowid(st_handle(db));
	return st_end_own(db, own, st, err, errsz);
}

long wo_car_mileage(struct st_db *db, int64_t vehicle_id, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT coalesce(max(mileage),0) FROM workorders"
	                              " WHERE vehicle_id=? AND status<>'已取消'", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, vehicle_id);
	int rc = sqlite3_step(s);
	long m = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	/* not 0: a damaged file would pass for the car's first visit */
	if (rc != SQLITE_ROW)
		return st_fail(db, rc, "读取该车以往的工单", err, errsz), -1;
	return m;
}

long wo_car_orders(struct st_db *db, int64_t vehicle_id, long *cancelled, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT count(*), coalesce(sum(status='已取消'),0) FROM workorders"
	                              " WHERE vehicle_id=?", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, vehicle_id);
	int rc = sqlite3_step(s);
	long n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
	if (cancelled) *cancelled = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 1) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return st_fail(db, rc, "读取该车以往的工单", err, errsz), -1;
	return n;
}

long wo_last_mileage(struct st_db *db, int64_t vehicle_id)
{
	char err[256];
	return wo_car_mileage(db, vehicle_id, err, sizeof err);
}

/* An order counts as earlier only when it surely is: an opening kept by
 * its day only (an import's, 时刻不详) is some time that day, so against an
 * order of the same day it is neither before nor after, and the days alone
 * compare.  As text it was before every timed order of its day, so a
 * reading there could be said lower than one taken after it; a warning
 * that may be false makes staff check a good reading for nothing. */
long wo_mileage_before(struct st_db *db, const char *vin, const char *before, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT coalesce(max(w.mileage),0) FROM vehicles v JOIN workorders w"
	                              " ON w.vehicle_id = v.id WHERE v.vin = ?1 AND w.status <> '已取消'"
	                              " AND (?2 = '' OR substr(w.opened_at, 1, 10) < substr(?2, 1, 10)"
	                              " OR (length(w.opened_at) > 10 AND length(?2) > 10 AND w.opened_at < ?2))",
	                          err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, vin, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, before, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	long m = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	/* not 0: a damaged file would pass any reading as the car's first */
	if (rc != SQLITE_ROW)
		return st_fail(db, rc, "读取该车以往的工单", err, errsz), -1;
	return m;
}

/* ---- the order's plate against the car's ----
 * An order records the car as registered: the plate on an open order is
 * its car's.  A different one means the car was re-registered (the car's
 * record changes first: veh_set_plate) or a typing mistake (the order is
 * corrected); the screen asks which, a file is only told (import.c). */

/* Compared as stored: a legacy value may still hold a · or lower case. */
static int plate_same(const char *a, const char *b)
{
	char na[64] = "", nb[64] = "";
	if (*a)
		val_plate(a, na, sizeof na, NULL);
	if (*b)
		val_plate(b, nb, sizeof nb, NULL);
	return strcmp(na, nb) == 0;
}

int wo_plate_differs(struct st_db *db, const char *vin, const char *plate, char *car_plate, size_t sz)
{
	char err[64];
	if (sz)
		car_plate[0] = 0;
	if (!plate || !*plate || !vin || !*vin)
		return 0;
	sqlite3_stmt *s = st_stmt(db, "SELECT coalesce(plate,'') FROM vehicles WHERE vin=?", err, sizeof err);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, vin, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s), differs = 0;
	if (rc == SQLITE_ROW) {
		st_col(s, 0, car_plate, sz);
		differs = !plate_same(plate, car_plate);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? differs : -1;
}

/* An empty plate on the order takes the car's; another one is refused. */
static enum st_status plate_as_car(struct rec *r, const char *car_plate, char *err, size_t errsz)
{
	const char *plate = rec_get(r, "plate");
	if (!*plate) {
		rec_set(r, "plate", car_plate);
		return ST_OK;
	}
	if (plate_same(plate, car_plate))
		return ST_OK;
	if (*car_plate)
		snprintf(err, errsz, "车牌号：工单上的 %s 与车辆档案的 %s 不同（车辆重新上牌须先改车辆档案，否则请改正工单）",
		         plate, car_plate);
	else
		snprintf(err, errsz, "车牌号：车辆档案还没有车牌，工单上的 %s 须先记入车辆档案，否则请改正工单", plate);
	return ST_CONSTRAINT;
}

/* ---- the order itself ---- */

static const char SQL_INSERT[] = "INSERT INTO workorders(customer_id, vehicle_id, {c}) VALUES(?, ?, {m})";
static const char SQL_SELECT[] = "SELECT vehicle_id, customer_id, {c} FROM workorders WHERE id=?";

/* The customer's number for the usage log ("" when there is none). */
static enum st_status customer_no_of(struct st_db *db, int64_t customer_id, char *out, size_t outsz,
                                     char *err, size_t errsz)
{
	out[0] = 0;
	sqlite3_stmt *s = st_stmt(db, "SELECT cust_no FROM customers WHERE id=?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, customer_id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		st_col(s, 0, out, outsz);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "读取客户编号", err, errsz);
}

/* The next number of the day prefix ("WO20261123-") names; -1 with err. */
static int next_seq(struct st_db *db, const char *prefix, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT coalesce(max(CAST(substr(wo_no, 12) AS INTEGER)),0)+1 FROM workorders"
	                              " WHERE wo_no >= ?1 AND wo_no < ?1 || ':'", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, prefix, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	int seq = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
	sqlite3_reset(s);
	/* not 1 on a read error: a number the day already has */
	if (rc != SQLITE_ROW)
		st_fail(db, rc, "编工单号", err, errsz);
	return seq;
}

enum st_status wo_open(struct st_db *db, struct rec *r, int64_t vehicle_id, const char *staff,
                       char *err, size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, "workorders", err, errsz);
	if (!m)
		return ST_ERROR;
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	sqlite3_stmt *s = st_stmt(db, "SELECT customer_id, coalesce(plate,''), coalesce(vin,'') FROM vehicles WHERE id=?",
	                          err, errsz);
	int64_t cust = 0;
	if (!s) {
		st = ST_ERROR;
	} else {
		sqlite3_bind_int64(s, 1, vehicle_id);
		int rc = sqlite3_step(s);
		char plate[32] = "", vin[32] = "";
		if (rc == SQLITE_ROW) {
			cust = sqlite3_column_int64(s, 0);
			st_col(s, 1, plate, sizeof plate);
			st_col(s, 2, vin, sizeof vin);
		}
		sqlite3_reset(s);
		if (rc == SQLITE_ROW) {
			rec_set(r, "vin", vin);
			st = plate_as_car(r, plate, err, errsz);
		} else if (rc == SQLITE_DONE) {
			snprintf(err, errsz, "车辆不存在（内部编号 %lld）", (long long)vehicle_id);
			st = ST_NOTFOUND;
		} else {
			st = st_fail(db, rc, "读取车辆", err, errsz);
		}
	}
	char now[24], no[32] = "";
	clk_now(now, sizeof now);
	if (st == ST_OK) {
		/* numbered by day; the write lock (BEGIN IMMEDIATE) serialises terminals */
		char prefix[16];
		snprintf(prefix, sizeof prefix, "WO%.4s%.2s%.2s-", now, now + 5, now + 8);
		int seq = next_seq(db, prefix, err, errsz);
		if (seq < 0)
			st = ST_ERROR;
		else
			snprintf(no, sizeof no, "%s%04d", prefix, seq);
	}
	if (st == ST_OK) {
		char opened[20];
		snprintf(opened, sizeof opened, "%.16s", now);
		rec_set(r, "wo_no", no);
		rec_set(r, "opened_at", opened);
		rec_set(r, "status", "在修");
		rec_set(r, "completed_at", "");
		s = st_stmt(db, sm_sql(m, SQL_INSERT), err, errsz);
		if (!s) {
			st = ST_ERROR;
		} else {
			sqlite3_bind_int64(s, 1, cust);
			sqlite3_bind_int64(s, 2, vehicle_id);
			sm_bind(m, s, 3, r);
			st = st_step(db, s, "开工单", err, errsz);
		}
	}
	int64_t id = st == ST_OK ? sqlite3_last_insert_rowid(st_handle(db)) : 0;
	if (st == ST_OK) {
		char cno[32], detail[256];
		st = customer_no_of(db, cust, cno, sizeof cno, err, errsz);
		snprintf(detail, sizeof detail, "工单 %s，%s，车牌 %s，里程 %s", no, rec_get(r, "work_type"),
		         rec_get(r, "plate"), rec_get(r, "mileage"));
		if (st == ST_OK)
			st = audit_append(db, staff, "开工单", cno, detail, err, errsz);
	}
	st = st_end_own(db, own, st, err, errsz);
	if (st == ST_OK)
		r->id = id;
	else
		rec_set(r, "wo_no", "");
	return st;
}

/* An order the table does not give: gone (another terminal erased its
 * customer), or hidden by a damaged page, whose garbled keys a lookup
 * passes over with SQLITE_DONE, not SQLITE_CORRUPT (an order just opened
 * was "not found").  The table and its indexes are checked to tell which:
 * seconds on a large file, but only on this path, which a sound file
 * rarely takes. */
static enum st_status order_missing(struct st_db *db, int64_t id, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "PRAGMA quick_check(workorders)", err, errsz);
	if (!s)
		return ST_ERROR;
	int rc = sqlite3_step(s);
	const char *first = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
	int ok = first && strcmp(first, "ok") == 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return st_fail(db, rc, "读取工单", err, errsz);
	if (!ok)
		return st_fail(db, SQLITE_CORRUPT, "读取工单", err, errsz);
	snprintf(err, errsz, "找不到工单（内部编号 %lld）", (long long)id);
	return ST_NOTFOUND;
}

enum st_status wo_load(struct st_db *db, int64_t id, struct rec *r, int64_t *vehicle_id,
                       int64_t *customer_id, char *err, size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, "workorders", err, errsz);
	if (!m)
		return ST_ERROR;
	sqlite3_stmt *s = st_stmt(db, sm_sql(m, SQL_SELECT), err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return st_fail(db, rc, "读取工单", err, errsz);
		return order_missing(db, id, err, errsz);
	}
	if (vehicle_id)
		*vehicle_id = sqlite3_column_int64(s, 0);
	if (customer_id)
		*customer_id = sqlite3_column_int64(s, 1);
	rec_clear(r);
	sm_read(m, s, 2, r);
	sqlite3_reset(s);
	r->id = id;
	return ST_OK;
}

static const char SQL_UPDATE[] = "UPDATE workorders SET {s} WHERE id=?";

static enum st_status car_plate_of(struct st_db *db, int64_t vehicle_id, char *out, size_t outsz,
                                   char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT coalesce(plate,'') FROM vehicles WHERE id=?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, vehicle_id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		st_col(s, 0, out, outsz);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "读取车辆", err, errsz);
}

/* "工单 WO…：修改 行驶里程(km) 12000 → 1200、维修项目" for the usage log.
 * A code, number, date or choice is logged with its old and new value (a
 * mileage turned back is what a manager looks for); free text by its label
 * only, since it may hold what the customer said. */
static void changed_labels(const struct rec *old, const struct rec *r, char *out, size_t outsz)
{
	size_t len = (size_t)snprintf(out, outsz, "工单 %s：修改 ", rec_get(old, "wo_no"));
	int n = 0;
	for (int i = 0; i < r->form->nfields && len < outsz; i++) {
		if (strcmp(old->val[i], r->val[i]) == 0)
			continue;
		const struct fdef_field *fd = &r->form->fields[i];
		if (fdef_is_coded(fd))
			len += (size_t)snprintf(out + len, outsz - len, "%s%s %s → %s", n++ ? "、" : "", fd->label,
			                        *old->val[i] ? old->val[i] : "（空）", *r->val[i] ? r->val[i] : "（空）");
		else
			len += (size_t)snprintf(out + len, outsz - len, "%s%s", n++ ? "、" : "", fd->label);
	}
	if (!n && len < outsz)
		snprintf(out + len, outsz - len, "（无变化）");
}

/* An order completed or cancelled at another terminal since the sheet was
 * loaded: nothing but its note can be saved any more.  With base, the
 * sheet is moved on to the order as stored (r and base both) but for a
 * note typed here, kept with base's note as it was so that saving it
 * still finds a note the other terminal wrote meanwhile (wo_set_note);
 * ST_CHANGED says so and names what of the sheet was not saved.  The
 * sheet used to stay 在修 and every F2 was refused, the note with it. */
static enum st_status closed_since(struct rec *r, struct rec *base, const struct rec *old, char *err,
                                   size_t errsz)
{
	const char *status = rec_get(old, "status");
	if (!base) {
		snprintf(err, errsz, "工单 %s %s，只能修改备注", rec_get(old, "wo_no"), status);
		return ST_CONSTRAINT;
	}
	char lost[400] = "";
	size_t n = 0;
	int note = -1;
	for (int i = 0; i < r->form->nfields; i++) {
		const char *key = r->form->fields[i].key;
		if (strcmp(key, "note") == 0) {
			note = i;
			continue;
		}
		if (strcmp(r->val[i], base->val[i]) != 0 && strcmp(r->val[i], old->val[i]) != 0 && n < sizeof lost)
			n += (size_t)snprintf(lost + n, sizeof lost - n, "%s%s", n ? "、" : "", r->form->fields[i].label);
	}
	int mine = note >= 0 && strcmp(r->val[note], base->val[note]) != 0;
	char *typed = mine ? strdup(r->val[note]) : NULL;
	char *was = note >= 0 ? strdup(base->val[note]) : NULL;
	int64_t id = base->id;
	rec_copy(base, old);
	rec_copy(r, old);
	base->id = r->id = id;
	int bad = (note >= 0 && !was) || (mine && !typed);
	if (typed) {
		bad |= rec_set_at(r, note, typed) != 0;
		bad |= rec_set_at(base, note, was) != 0;
	}
	free(typed);
	free(was);
	if (bad) {
		snprintf(err, errsz, "内存不足");
		return ST_ERROR;
	}
	snprintf(err, errsz, "工单 %s 在本页打开后已由其他终端改为“%s”，只能修改备注%s%s%s", rec_get(old, "wo_no"),
	         status, *lost ? "；本页对 " : "", lost, *lost ? " 的修改未保存" : "");
	return ST_CHANGED;
}

enum st_status wo_update(struct st_db *db, struct rec *r, struct rec *base, const char *staff, char *err,
                         size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, "workorders", err, errsz);
	if (!m)
		return ST_ERROR;
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	struct rec *old = rec_new(r->form);
	int64_t veh = 0, cust = 0;
	char plate[32] = "";
	st = old ? wo_load(db, r->id, old, &veh, &cust, err, errsz) : ST_ERROR;
	if (st == ST_OK && strcmp(rec_get(old, "status"), "在修") != 0)
		st = closed_since(r, base, old, err, errsz);
	if (st == ST_OK && base)
		st = sm_since(r, base, old, err, errsz);
	if (st == ST_OK) {
		/* what the system keeps is not the form's to change */
		static const char *const kept[] = { "wo_no", "opened_at", "status", "completed_at", "vin" };
		for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
			rec_set(r, kept[i], rec_get(old, kept[i]));
		st = car_plate_of(db, veh, plate, sizeof plate, err, errsz);
	}
	if (st == ST_OK)
		st = plate_as_car(r, plate, err, errsz);
	if (st == ST_OK) {
		sqlite3_stmt *s = st_stmt(db, sm_sql(m, SQL_UPDATE), err, errsz);
		if (!s) {
			st = ST_ERROR;
		} else {
			sm_bind(m, s, 1, r);
			sqlite3_bind_int64(s, m->n + 1, r->id);
			st = st_step(db, s, "保存工单", err, errsz);
		}
	}
	if (st == ST_OK) {
		char cno[32], detail[512];
		st = customer_no_of(db, cust, cno, sizeof cno, err, errsz);
		changed_labels(old, r, detail, sizeof detail);
		if (st == ST_OK)
			st = audit_append(db, staff, "修改工单", cno, detail, err, errsz);
	}
	rec_free(old);
	return st_end_own(db, own, st, err, errsz);
}

/* Order facts needed by complete/cancel. */
struct wo_facts { int64_t customer_id; char wo_no[32]; char status[16]; char advisor[64]; char opened_at[24]; };

static enum st_status facts(struct st_db *db, int64_t id, struct wo_facts *f, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT customer_id, wo_no, status, advisor, opened_at FROM workorders WHERE id=?",
	                          err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		f->customer_id = sqlite3_column_int64(s, 0);
		st_col(s, 1, f->wo_no, sizeof f->wo_no);
		st_col(s, 2, f->status, sizeof f->status);
		st_col(s, 3, f->advisor, sizeof f->advisor);
		st_col(s, 4, f->opened_at, sizeof f->opened_at);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return ST_OK;
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, "读取工单", err, errsz);
	return order_missing(db, id, err, errsz);
}

/* What completing an order does besides its own row: the customer's
 * 最近交易日期.  The 3-day callback (进站维修或保养后3天内回访) is derived from
 * completed_at by the due list (due.c), so it follows a reopened order and
 * an imported one alike. */
static enum st_status completion_effects(struct st_db *db, const struct wo_facts *f,
                                         const char *done, char *err, size_t errsz)
{
	char date[11];
	snprintf(date, sizeof date, "%.10s", done);
	sqlite3_stmt *s = st_stmt(db, "UPDATE customers SET last_deal_date=?2 WHERE id=?1"
	                              " AND (last_deal_date IS NULL OR last_deal_date < ?2)", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, f->customer_id);
	sqlite3_bind_text(s, 2, date, -1, SQLITE_TRANSIENT);
	return st_step(db, s, "更新最近交易日期", err, errsz);
}

/* A completion time given at the desk: a whole date and time, not later
 * than now (five minutes for clocks and typing) and not before the order
 * was opened — compared by the day when the opening has no time (an
 * imported 进厂日期).  The screen checks the same through the rules; this
 * keeps any other caller from storing what they refuse. */
static enum st_status check_done(const struct wo_facts *f, const char *when, char *done, size_t donesz,
                                 char *err, size_t errsz)
{
	struct val_result vr;
	char v[64] = "";
	if (val_past_datetime(when, v, sizeof v, &vr) == VAL_ERROR) {
		snprintf(err, errsz, "完工时间：%s", vr.msg);
		return ST_CONSTRAINT;
	}
	if (strlen(v) != 16) { /* a day alone: the time is what is asked */
		snprintf(err, errsz, "完工时间：“%s”须有日期和时刻，如 2026-12-04 18:30", when);
		return ST_CONSTRAINT;
	}
	size_t n = strlen(f->opened_at) == 10 ? 10 : 16;
	if (*f->opened_at && strncmp(v, f->opened_at, n) < 0) {
		snprintf(err, errsz, "完工时间：%s 不能早于开单时间（%s）", v, f->opened_at);
		return ST_CONSTRAINT;
	}
	snprintf(done, donesz, "%.16s", v); /* 16 long: checked above */
	return ST_OK;
}

enum st_status wo_complete(struct st_db *db, int64_t id, const char *staff, char *err, size_t errsz)
{
	return wo_complete_at(db, id, NULL, staff, err, errsz);
}

enum st_status wo_complete_at(struct st_db *db, int64_t id, const char *when, const char *staff, char *err,
                              size_t errsz)
{
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	struct wo_facts f;
	st = facts(db, id, &f, err, errsz);
	if (st == ST_OK && strcmp(f.status, "在修") != 0) {
		snprintf(err, errsz, "工单 %s 已是“%s”，不能完工", f.wo_no, f.status);
		st = ST_CONSTRAINT;
	}
	char now[17], done[24];
	clk_now_minute(now);
	snprintf(done, sizeof done, "%s", now);
	if (st == ST_OK && when && *when)
		st = check_done(&f, when, done, sizeof done, err, errsz);
	sqlite3_stmt *s;
	if (st == ST_OK && (s = st_stmt(db, "UPDATE workorders SET status='已完工', completed_at=? WHERE id=?",
	                                err, errsz)) != NULL) {
		sqlite3_bind_text(s, 1, done, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, id);
		st = st_step(db, s, "完工", err, errsz);
	}
	if (st == ST_OK)
		st = completion_effects(db, &f, done, err, errsz);
	if (st == ST_OK) {
		/* a time other than now was the car's real one, entered later: said
		 * so in the log, since the entry's own time is when it was typed */
		char cno[32], detail[160];
		st = customer_no_of(db, f.customer_id, cno, sizeof cno, err, errsz);
		if (strcmp(done, now) != 0)
			snprintf(detail, sizeof detail, "工单 %s 完工，完工时间 %s（补记）", f.wo_no, done);
		else
			snprintf(detail, sizeof detail, "工单 %s 完工", f.wo_no);
		if (st == ST_OK)
			st = audit_append(db, staff, "工单完工", cno, detail, err, errsz);
	}
	if (st == ST_ERROR && !*err)
		snprintf(err, errsz, "完工失败");
	return st_end_own(db, own, st, err, errsz);
}

/* Cancelling and reopening: a reason, the status the order must have, one
 * UPDATE that takes the reason as ?1 and the order as ?2, and a log entry. */
struct wo_change {
	const char *reason_label; /* 取消原因 / 返修原因 / 恢复原因 */
	const char *need;         /* the status the order must have */
	const char *refusal;      /* after "工单 %s 是“%s”，" */
	const char *sql;
	const char *action;       /* the usage log's action */
	const char *done;         /* 取消 / 重新打开 / 恢复为在修 */
};

static enum st_status change_status(struct st_db *db, int64_t id, const struct wo_change *c,
                                    const char *reason, const char *staff, char *err, size_t errsz)
{
	if (!reason || !*reason) {
		snprintf(err, errsz, "%s：必填项，不能为空", c->reason_label);
		return ST_CONSTRAINT;
	}
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	struct wo_facts f;
	st = facts(db, id, &f, err, errsz);
	if (st == ST_OK && strcmp(f.status, c->need) != 0) {
		snprintf(err, errsz, "工单 %s 是“%s”，%s", f.wo_no, f.status, c->refusal);
		st = ST_CONSTRAINT;
	}
	sqlite3_stmt *s;
	if (st == ST_OK && (s = st_stmt(db, c->sql, err, errsz)) != NULL) {
		sqlite3_bind_text(s, 1, reason, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, id);
		st = st_step(db, s, c->action, err, errsz);
	}
	if (st == ST_OK) {
		char cno[32], detail[512];
		st = customer_no_of(db, f.customer_id, cno, sizeof cno, err, errsz);
		snprintf(detail, sizeof detail, "工单 %s %s：%s", f.wo_no, c->done, reason);
		if (st == ST_OK)
			st = audit_append(db, staff, c->action, cno, detail, err, errsz);
	}
	return st_end_own(db, own, st, err, errsz);
}

enum st_status wo_cancel(struct st_db *db, int64_t id, const char *reason, const char *staff,
                         char *err, size_t errsz)
{
	static const struct wo_change cancel = {
		"取消原因", "在修", "只有在修的工单可以取消",
		"UPDATE workorders SET status='已取消', cancel_reason=?1 WHERE id=?2", "取消工单", "取消",
	};
	return change_status(db, id, &cancel, reason, staff, err, errsz);
}

enum st_status wo_reopen(struct st_db *db, int64_t id, const char *reason, const char *staff,
                         char *err, size_t errsz)
{
	static const struct wo_change reopen = {
		"返修原因", "已完工", "只有已完工的工单可以重新打开",
		"UPDATE workorders SET status='在修', completed_at=NULL WHERE id=?2", "重开工单", "重新打开",
	};
	return change_status(db, id, &reopen, reason, staff, err, errsz);
}

enum st_status wo_revive(struct st_db *db, int64_t id, const char *reason, const char *staff,
                         char *err, size_t errsz)
{
	static const struct wo_change revive = {
		"恢复原因", "已取消", "只有已取消的工单可以恢复",
		"UPDATE workorders SET status='在修', cancel_reason=NULL WHERE id=?2", "恢复工单", "恢复为在修",
	};
	return change_status(db, id, &revive, reason, staff, err, errsz);
}

/* The note another terminal saved since base was loaded, and this one
 * changes it too: the sheet's save with only its note typed, merged as
 * any save is (sm_since: ST_CHANGED naming it, base moved on). */
static enum st_status note_since(struct st_db *db, int64_t id, const char *note, struct rec *base, char *err,
                                 size_t errsz)
{
	struct rec *now = rec_new(base->form), *mine = rec_new(base->form);
	enum st_status st = ST_ERROR;
	if (!now || !mine) {
		snprintf(err, errsz, "内存不足");
	} else if ((st = wo_load(db, id, now, NULL, NULL, err, errsz)) == ST_OK) {
		rec_copy(mine, base);
		mine->id = base->id;
		st = rec_set(mine, "note", note) != 0 ? ST_ERROR : sm_since(mine, base, now, err, errsz);
	}
	rec_free(now);
	rec_free(mine);
	return st;
}

enum st_status wo_set_note(struct st_db *db, int64_t id, const char *note, struct rec *base, const char *staff,
                           char *err, size_t errsz)
{
	struct wo_facts f;
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	st = facts(db, id, &f, err, errsz);
	if (st == ST_OK && base)
		st = note_since(db, id, note, base, err, errsz);
	sqlite3_stmt *s = NULL;
	if (st == ST_OK && !(s = st_stmt(db, "UPDATE workorders SET note=? WHERE id=?", err, errsz)))
		st = ST_ERROR;
	if (st == ST_OK) {
		st_bind_text(s, 1, note);
		sqlite3_bind_int64(s, 2, id);
		st = st_step(db, s, "保存备注", err, errsz);
	}
	if (st == ST_OK) {
		char cno[32], detail[128];
		st = customer_no_of(db, f.customer_id, cno, sizeof cno, err, errsz);
		snprintf(detail, sizeof detail, "工单 %s：修改 备注", f.wo_no);
		if (st == ST_OK)
			st = audit_append(db, staff, "修改工单", cno, detail, err, errsz);
	}
	return st_end_own(db, own, st, err, errsz);
}

/* A completed order has its completion time, and only a completed one. */
static int completion_consistent(const struct rec *r, char *err, size_t errsz)
{
	const char *status = rec_get(r, "status");
	if (strcmp(status, "已完工") == 0 && !*rec_get(r, "completed_at")) {
		snprintf(err, errsz, "完工时间：状态为已完工的工单必须有完工时间");
		return 0;
	}
	if (strcmp(status, "已完工") != 0 && *rec_get(r, "completed_at")) {
		snprintf(err, errsz, "完工时间：状态为%s的工单不应有完工时间", status);
		return 0;
	}
	return 1;
}

/* An order from a file; `effects`: its completion's 最近交易日期 now (a
 * load in one go sets them all at its end). */
static enum st_status import_order(struct st_db *db, struct rec *r, int effects, char *err, size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, "workorders", err, errsz);
	if (!m)
		return ST_ERROR;
	sqlite3_stmt *s = st_stmt(db, "SELECT id, customer_id, coalesce(plate,'') FROM vehicles WHERE vin=?",
	                          err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, rec_get(r, "vin"), -1, SQLITE_TRANSIENT);
	int64_t veh = 0, cust = 0;
	char plate[32] = "";
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		veh = sqlite3_column_int64(s, 0);
		cust = sqlite3_column_int64(s, 1);
		st_col(s, 2, plate, sizeof plate);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "读取车辆", err, errsz);
	if (!veh) {
		snprintf(err, errsz, "VIN：车辆 %s 尚未建档，请先导入客户和车辆", rec_get(r, "vin"));
		return ST_CONSTRAINT;
	}
	if (!*rec_get(r, "plate"))
		rec_set(r, "plate", plate);
	if (!*rec_get(r, "status"))
		rec_set(r, "status", "在修");
	if (!completion_consistent(r, err, errsz))
		return ST_CONSTRAINT;
	char now[24];
	clk_now(now, sizeof now);
	if (!*rec_get(r, "opened_at")) {
		char opened[20];
		snprintf(opened, sizeof opened, "%.16s", now);
		rec_set(r, "opened_at", opened);
	}
	if (!*rec_get(r, "wo_no")) {
		char prefix[16], no[32];
		const char *o = rec_get(r, "opened_at");
		snprintf(prefix, sizeof prefix, "WO%.4s%.2s%.2s-", o, o + 5, o + 8);
		int seq = next_seq(db, prefix, err, errsz);
		if (seq < 0)
			return ST_ERROR;
		snprintf(no, sizeof no, "%s%04d", prefix, seq);
		rec_set(r, "wo_no", no);
	}
	s = st_stmt(db, sm_sql(m, SQL_INSERT), err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, cust);
	sqlite3_bind_int64(s, 2, veh);
	sm_bind(m, s, 3, r);
	enum st_status st = st_step(db, s, "导入工单", err, errsz);
	if (st != ST_OK)
		return st;
	r->id = sqlite3_last_insert_rowid(st_handle(db));
	if (effects && strcmp(rec_get(r, "status"), "已完工") == 0) {
		struct wo_facts f = { .customer_id = cust };
		snprintf(f.wo_no, sizeof f.wo_no, "%s", rec_get(r, "wo_no"));
		snprintf(f.advisor, sizeof f.advisor, "%s", rec_get(r, "advisor"));
		st = completion_effects(db, &f, rec_get(r, "completed_at"), err, errsz);
	}
	return st;
}

enum st_status wo_import(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz)
{
	(void)staff;
	return import_order(db, r, 1, err, errsz);
}

enum st_status wo_import_update(struct st_db *db, const struct rec *r, const char *staff, char *err, size_t errsz)
{
	struct wo_facts f;
	enum st_status st = facts(db, r->id, &f, err, errsz);
	if (st != ST_OK)
		return st;
	const char *status = rec_get(r, "status");
	/* forward only: a file exported before the order ended must not undo
	 * its completion or cancellation (a reopening is the screen's, with a
	 * reason) */
	if (strcmp(f.status, "在修") != 0 && strcmp(status, f.status) != 0) {
		snprintf(err, errsz, "状态：工单 %s 已是“%s”，文件中为“%s”；导入不改变已结束工单的状态", f.wo_no, f.status,
		         status);
		return ST_CONSTRAINT;
	}
	if (!completion_consistent(r, err, errsz))
		return ST_CONSTRAINT;
	st = sm_update(db, r, "workorders", SQL_UPDATE, "工单", err, errsz);
	/* completed by this file: as wo_complete, the customer's 最近交易日期 (the
	 * callback follows from the completion time through the feed) */
	if (st == ST_OK && strcmp(f.status, "已完工") != 0 && strcmp(status, "已完工") == 0)
		st = completion_effects(db, &f, rec_get(r, "completed_at"), err, errsz);
	if (st == ST_OK) {
		char cno[32], detail[160];
		st = customer_no_of(db, f.customer_id, cno, sizeof cno, err, errsz);
		snprintf(detail, sizeof detail, "工单 %s（导入合并%s）", f.wo_no,
		         strcmp(f.status, status) != 0 ? "，状态随文件更新" : "");
		if (st == ST_OK)
			st = audit_append(db, staff, "修改工单", cno, detail, err, errsz);
	}
	return st;
}

/* ---- a load in one go ----
 *
 * Kept: the number's UNIQUE index and (vehicle_id, mileage), which the
 * import's probes read (a number already there, the same car at the same
 * minute, a lower odometer).  The rest take random keys (customer, car,
 * dates) and the insert trigger rewrites the car's insurance and
 * inspection calls at every order: the benchmark's 3,000,000 orders took
 * 973 s with them, 252 s without (2026-12-03). */
static const char *const BULK_SET_ASIDE[] = {
	"workorders_customer", "workorders_open", "workorders_completed", "workorders_vehicle_advisor",
	"due_feed_workorder_insert", NULL,
};

struct wo_bulk {
	struct st_defer *deferred;
	int64_t first; /* the id from which orders are this load's */
};

int64_t wo_count(struct st_db *db)
{
	char err[64];
	sqlite3_stmt *s = st_stmt(db, "SELECT count(*) FROM workorders", err, sizeof err);
	if (!s || sqlite3_step(s) != SQLITE_ROW)
		return s ? (sqlite3_reset(s), -1) : -1;
	int64_t n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

void wo_bulk_free(struct wo_bulk *b)
{
	if (!b)
		return;
	st_defer_free(b->deferred);
	free(b);
}

struct wo_bulk *wo_bulk_begin(struct st_db *db, char *err, size_t errsz)
{
	struct wo_bulk *b = calloc(1, sizeof *b);
	if (!b) {
		snprintf(err, errsz, "内存不足");
		return NULL;
	}
	if ((b->first = st_next_id(db, "SELECT coalesce(max(id),0) FROM workorders", err, errsz)) < 0 ||
	    !(b->deferred = st_defer_drop(db, BULK_SET_ASIDE, err, errsz))) {
		free(b);
		return NULL;
	}
	return b;
}

/* No savepoint is needed: a refused row is refused before its INSERT or by
 * it, and the INSERT is atomic; its 最近交易日期 waits for wo_bulk_end. */
enum st_status wo_bulk_import(struct st_db *db, struct wo_bulk *b, struct rec *r, char *err, size_t errsz)
{
	(void)b;
	return import_order(db, r, 0, err, errsz);
}

enum st_status wo_bulk_end(struct st_db *db, struct wo_bulk *b, const char *today, char *err, size_t errsz)
{
	enum st_status st = st_defer_restore(db, b->deferred, err, errsz);
	b->deferred = NULL;
	/* completion_effects for every completed order of the load at once */
	sqlite3_stmt *s = st == ST_OK ? st_stmt(db,
		"UPDATE customers SET last_deal_date = m.d FROM"
		" (SELECT customer_id, max(substr(completed_at, 1, 10)) AS d FROM workorders"
		"  WHERE id >= ?1 AND status = '已完工' AND completed_at IS NOT NULL GROUP BY customer_id) AS m"
		" WHERE customers.id = m.customer_id AND (customers.last_deal_date IS NULL OR customers.last_deal_date < m.d)",
		err, errsz) : NULL;
	if (st == ST_OK && !s)
		st = ST_ERROR;
	if (st == ST_OK) {
		sqlite3_bind_int64(s, 1, b->first);
		st = st_step(db, s, "更新最近交易日期", err, errsz);
	}
	if (st == ST_OK)
		st = due_feed_add_orders(db, b->first, today, err, errsz);
	wo_bulk_free(b);
	return st;
}

int64_t wo_exists(struct st_db *db, const char *wo_no, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT id FROM workorders WHERE wo_no=?", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, wo_no, -1, SQLITE_TRANSIENT);
	return st_found_id(db, s, "查找工单", err, errsz);
}

int64_t wo_exists_at(struct st_db *db, const char *vin, const char *opened_at, long nth, char *err, size_t errsz)
{
	/* through the car: (vehicle_id, opened_at) is indexed.  A time is
	 * matched to its minute (seconds, when stored, do not part two); a day
	 * only (an import's, 时刻不详) names the car's nth order kept so */
	int day = strlen(opened_at) == 10;
	sqlite3_stmt *s = st_stmt(db, day ? "SELECT w.id FROM vehicles v JOIN workorders w ON w.vehicle_id = v.id"
	                                    " WHERE v.vin = ?1 AND w.opened_at = ?2 ORDER BY w.id LIMIT 1 OFFSET ?3"
	                                  : "SELECT w.id FROM vehicles v JOIN workorders w ON w.vehicle_id = v.id"
	                                    " WHERE v.vin = ?1 AND w.opened_at >= substr(?2, 1, 16)"
	                                    " AND w.opened_at < substr(?2, 1, 16) || ';' ORDER BY w.id LIMIT 1",
	                          err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, vin, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, opened_at, -1, SQLITE_TRANSIENT);
	if (day)
		sqlite3_bind_int64(s, 3, nth > 1 ? nth - 1 : 0);
	return st_found_id(db, s, "查找工单", err, errsz);
}

/* ---- lists ---- */

/* late: past its promised time — a promise kept by its day only (an
 * import's, 时刻不详) once that day is over, not from its first minute */
#define ROW_COLS "w.id, w.wo_no, w.opened_at, coalesce(w.promised_at,''), coalesce(w.completed_at,''), " \
	"w.status, w.work_type, coalesce(w.plate,''), w.vin, c.name, w.advisor, w.mileage, " \
	"(w.status='在修' AND w.promised_at < CASE WHEN length(w.promised_at) = 10 THEN substr(?1,1,10) ELSE ?1 END) "
#define ROW_FROM " FROM workorders w JOIN customers c ON c.id = w.customer_id "
static const char L_IN_SHOP[] = "SELECT " ROW_COLS ROW_FROM
	"WHERE w.status='在修' ORDER BY w.promised_at, w.id LIMIT ?3";
static const char L_DONE_TODAY[] = "SELECT " ROW_COLS ROW_FROM
	"WHERE w.completed_at >= substr(?1,1,10) AND w.completed_at < date(substr(?1,1,10),'+1 day')"
	" AND ?2 = ?2 ORDER BY w.completed_at LIMIT ?3";
static const char L_HISTORY[] = "SELECT " ROW_COLS ROW_FROM
	"WHERE w.vehicle_id = ?2 ORDER BY w.opened_at DESC, w.id DESC LIMIT ?3";

int wo_list(struct st_db *db, enum wo_list_kind kind, int64_t vehicle_id, struct wo_row *out,
            int max, char *err, size_t errsz)
{
	const char *sql = kind == WO_IN_SHOP ? L_IN_SHOP : kind == WO_DONE_TODAY ? L_DONE_TODAY : L_HISTORY;
	sqlite3_stmt *s = st_stmt(db, sql, err, errsz);
	if (!s)
		return -1;
	char now[24];
	clk_now(now, sizeof now);
	now[16] = 0;
	sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
	if (kind != WO_IN_SHOP)
		sqlite3_bind_int64(s, 2, vehicle_id);
	sqlite3_bind_int(s, 3, max);
	int n = 0, rc = SQLITE_DONE;
	while (n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct wo_row *w = &out[n++];
		w->id = sqlite3_column_int64(s, 0);
		st_col(s, 1, w->wo_no, sizeof w->wo_no);
		st_col(s, 2, w->opened_at, sizeof w->opened_at);
		st_col(s, 3, w->promised_at, sizeof w->promised_at);
		st_col(s, 4, w->completed_at, sizeof w->completed_at);
		st_col(s, 5, w->status, sizeof w->status);
		st_col(s, 6, w->work_type, sizeof w->work_type);
		st_col(s, 7, w->plate, sizeof w->plate);
		st_col(s, 8, w->vin, sizeof w->vin);
		st_col(s, 9, w->name, sizeof w->name);
		st_col(s, 10, w->advisor, sizeof w->advisor);
		w->mileage = (long)sqlite3_column_int64(s, 11);
		w->late = sqlite3_column_int(s, 12);
	}
	sqlite3_reset(s);
	/* SQLITE_CORRUPT ends the rows as SQLITE_DONE does: an empty list
	 * would say "no orders" of a damaged file */
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "读取工单", err, errsz), -1;
	return n;
}
