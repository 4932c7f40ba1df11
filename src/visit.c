/* visit — the walk-in and phone-call log in SQLite.  The form decides the
 * columns (store_map); this module adds the arrival stamp, the links a
 * mobile makes, 离店, the day's list and the step to an A-card. */
#include <stdio.h>
#include <string.h>
#include "desk4s/acard.h"
#include "desk4s/audit.h"
#include "desk4s/clock.h"
#include "desk4s/customer.h"
#include "desk4s/text.h"
#include "desk4s/validate.h"
#include "desk4s/visit.h"
#include "store_map.h"

void visit_defaults(struct rec *r)
{
	char at[17];
	clk_now_minute(at);
	if (!*rec_get(r, "arrive_at"))
		rec_set(r, "arrive_at", at);
	if (!*rec_get(r, "visit_kind"))
		rec_set(r, "visit_kind", "到店");
}

/* ---- whom a mobile belongs to ---- */

int visit_lookup_mobile(struct st_db *db, const char *mobile, struct visit_owner *out,
                        char *err, size_t errsz)
{
	memset(out, 0, sizeof *out);
	char m[32];
	txt_normalize(mobile ? mobile : "", m, sizeof m);
	if (!*m)
		return 0;
	int found = 0;
	sqlite3_stmt *s = st_stmt(db, "SELECT id, cust_no, name FROM customers WHERE mobile=?"
	                              " AND anonymized_at IS NULL ORDER BY id LIMIT 1", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, m, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->customer_id = sqlite3_column_int64(s, 0);
		st_col(s, 1, out->cust_no, sizeof out->cust_no);
		st_col(s, 2, out->cust_name, sizeof out->cust_name);
		found |= VISIT_CUSTOMER;
	}
	sqlite3_reset(s);
	/* not "a new face": the entry would go unlinked to its customer or card */
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "查找客户", err, errsz), -1;
	/* the card being worked on, else the latest one */
	s = st_stmt(db, "SELECT card_no, name, consultant, status FROM acards WHERE mobile=?"
	                " ORDER BY status IN ('跟进中','已订车') DESC, created_date DESC, id DESC LIMIT 1",
	            err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, m, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		st_col(s, 0, out->card_no, sizeof out->card_no);
		st_col(s, 1, out->card_name, sizeof out->card_name);
		st_col(s, 2, out->card_consultant, sizeof out->card_consultant);
		st_col(s, 3, out->card_status, sizeof out->card_status);
		found |= VISIT_ACARD;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "查找A卡", err, errsz), -1;
	return found;
}

int visit_lookup_phone(struct st_db *db, const char *phone, const char *name, struct visit_owner *out,
                       char *err, size_t errsz)
{
	char p[64];
	if (!phone || val_landline(phone, p, sizeof p, NULL) == VAL_ERROR)
		return 0;
	char n[128];
	txt_normalize(name ? name : "", n, sizeof n);
	struct cust_who who;
	int found = cust_identify(db, n, p, "", &who, err, errsz);
	if (found < 0)
		return -1;
	/* one customer has it: theirs, whoever called from it */
	if (found != CUST_WHO_ONE && found != CUST_WHO_OTHER_NAME)
		return 0;
	int64_t id = cust_id_of(db, who.cust_no[0], err, errsz);
	if (id <= 0)
		return id < 0 ? -1 : 0;
	out->customer_id = id;
	snprintf(out->cust_no, sizeof out->cust_no, "%s", who.cust_no[0]);
	snprintf(out->cust_name, sizeof out->cust_name, "%s", who.name[0]);
	return VISIT_CUSTOMER;
}

/* The links an entry's phones make: the mobile's customer and card, else
 * the landline's customer. */
static int lookup_owner(struct st_db *db, const struct rec *r, struct visit_owner *o, char *err, size_t errsz)
{
	int found = visit_lookup_mobile(db, rec_get(r, "mobile"), o, err, errsz);
	if (found >= 0 && !(found & VISIT_CUSTOMER) && *rec_get(r, "phone")) {
		int by_phone = visit_lookup_phone(db, rec_get(r, "phone"), rec_get(r, "cust_name"), o, err, errsz);
		found = by_phone < 0 ? -1 : found | by_phone;
	}
	return found;
}

static int active(const char *status)
{
	return strcmp(status, "跟进中") == 0 || strcmp(status, "已订车") == 0;
}

/* ---- the entry ---- */

static const char SQL_INSERT[] =
	"INSERT INTO visits(customer_id, created_by, created_at, {c}) VALUES(?, ?, ?, {m})";
static const char SQL_UPDATE[] = "UPDATE visits SET {s}, customer_id=? WHERE id=?";
static const char SQL_SELECT[] = "SELECT {c} FROM visits WHERE id=?";

/* The number the log files the entry under: the customer's, else the card's. */
static const char *log_no(const struct visit_owner *o, const struct rec *r)
{
	if (*o->cust_no)
		return o->cust_no;
	return *rec_get(r, "acard_no") ? rec_get(r, "acard_no") : NULL;
}

static enum st_status insert(struct st_db *db, struct rec *r, const char *staff, int imported,
                             struct visit_owner *o, char *err, size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, "visits", err, errsz);
	if (!m)
		return ST_ERROR;
	if (!*rec_get(r, "arrive_at")) {
		char at[17];
		clk_now_minute(at);
		rec_set(r, "arrive_at", at);
	}
	if (lookup_owner(db, r, o, err, errsz) < 0)
		return ST_ERROR;
	if (!imported)
		rec_set(r, "acard_no", *o->card_no && active(o->card_status) ? o->card_no : "");
	else if (*rec_get(r, "acard_no")) {
		int64_t card = acard_exists(db, rec_get(r, "acard_no"), err, errsz);
		if (card < 0)
			return ST_ERROR;
		if (!card) {
			snprintf(err, errsz, "A卡编号：找不到 A卡 %s，请先导入 A卡", rec_get(r, "acard_no"));
			return ST_CONSTRAINT;
		}
	}
	sqlite3_stmt *s = st_stmt(db, sm_sql(m, SQL_INSERT), err, errsz);
	if (!s)
		return ST_ERROR;
	char now[24];
	clk_now(now, sizeof now);
	if (o->customer_id)
		sqlite3_bind_int64(s, 1, o->customer_id);
	st_bind_text(s, 2, staff);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	sm_bind(m, s, 4, r);
	enum st_status st = st_step(db, s, imported ? "导入来店登记" : "保存来店登记", err, errsz);
	if (st == ST_OK)
		r->id = sqlite3_last_insert_rowid(st_handle(db));
	return st;
}

static enum st_status update(struct st_db *db, struct rec *r, struct rec *base, struct visit_owner *o, char *err,
                             size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, "visits", err, errsz);
	if (!m)
		return ST_ERROR;
	struct rec *old = rec_new(r->form);
	enum st_status st = old ? visit_load(db, r->id, old, err, errsz) : ST_ERROR;
	/* 离店 stamped from the list meanwhile, or the entry put under a card,
	 * is kept, not undone by a sheet opened before it */
	if (st == ST_OK && base)
		st = sm_since(r, base, old, err, errsz);
	if (st == ST_OK && lookup_owner(db, r, o, err, errsz) < 0)
		st = ST_ERROR;
	if (st == ST_OK) {
		/* the card link is the system's: kept, or made by a mobile typed now */
		const char *card = rec_get(old, "acard_no");
		if (!*card && *o->card_no && active(o->card_status))
			card = o->card_no;
		rec_set(r, "acard_no", card);
		sqlite3_stmt *s = st_stmt(db, sm_sql(m, SQL_UPDATE), err, errsz);
		if (!s) {
			st = ST_ERROR;
		} else {
			sm_bind(m, s, 1, r);
			if (o->customer_id)
				sqlite3_bind_int64(s, m->n + 1, o->customer_id);
			else
				sqlite3_bind_null(s, m->n + 1);
			sqlite3_bind_int64(s, m->n + 2, r->id);
			st = st_step(db, s, "保存来店登记", err, errsz);
		}
	}
	rec_free(old);
	return st;
}

enum st_status visit_save(struct st_db *db, struct rec *r, struct rec *base, const char *staff, char *err,
                          size_t errsz)
{
	int own, created = r->id == 0;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	struct visit_owner o;
	st = created ? insert(db, r, staff, 0, &o, err, errsz) : update(db, r, base, &o, err, errsz);
	if (st == ST_OK) {
		char detail[512];
		snprintf(detail, sizeof detail, "%s %s，%s，销售顾问 %s，信息来源 %s%s%s", rec_get(r, "visit_kind"),
		         rec_get(r, "arrive_at"), *rec_get(r, "cust_name") ? rec_get(r, "cust_name") : "（未留姓名）",
		         rec_get(r, "consultant"), rec_get(r, "info_source"),
		         *rec_get(r, "acard_no") ? "，A卡 " : "", rec_get(r, "acard_no"));
		st = audit_append(db, staff, created ? "来店登记" : "修改来店登记", log_no(&o, r), detail, err, errsz);
	}
	st = st_end_own(db, own, st, err, errsz);
	if (st != ST_OK && created)
		r->id = 0;
	return st;
}

enum st_status visit_import(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz)
{
	struct visit_owner o;
	r->id = 0;
	return insert(db, r, staff, 1, &o, err, errsz);
}

enum st_status visit_import_update(struct st_db *db, const struct rec *r, const char *staff, char *err,
                                   size_t errsz)
{
	struct rec *w = rec_new(r->form);
	if (!w) {
		snprintf(err, errsz, "内存不足");
		return ST_ERROR;
	}
	rec_copy(w, r);
	enum st_status st = ST_NOTFOUND;
	if (w->id > 0)
		st = visit_save(db, w, NULL, staff, err, errsz); /* an id: the entry's update */
	else
		snprintf(err, errsz, "找不到要合并的来店登记");
	rec_free(w);
	return st;
}

enum st_status visit_load(struct st_db *db, int64_t id, struct rec *r, char *err, size_t errsz)
{
	return sm_load(db, r, "visits", SQL_SELECT, id, "来店登记", err, errsz);
}

int64_t visit_exists(struct st_db *db, const struct rec *r, char *err, size_t errsz)
{
	/* the name without its blanks: one an earlier version stored as 欧阳 修
	 * is the 欧阳修 a re-run of its file now reads (rules.c joins names) */
	sqlite3_stmt *s = st_stmt(db, "SELECT id FROM visits WHERE arrive_at=?1 AND visit_kind=?2 AND consultant=?3"
	                              " AND replace(replace(coalesce(cust_name,''),' ',''),'　','')"
	                              " = replace(replace(?4,' ',''),'　','') AND coalesce(mobile,'')=?5 LIMIT 1",
	                          err, errsz);
	if (!s)
		return -1;
	static const char *const keys[] = { "arrive_at", "visit_kind", "consultant", "cust_name", "mobile" };
	for (int i = 0; i < 5; i++)
		sqlite3_bind_text(s, i + 1, rec_get(r, keys[i]), -1, SQLITE_TRANSIENT);
	return st_found_id(db, s, "查找来店登记", err, errsz);
}

/* ---- 离店 ---- */

enum st_status visit_leave(struct st_db *db, int64_t id, const char *staff, char *err, size_t errsz)
{
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	sqlite3_stmt *s = st_stmt(db, "SELECT arrive_at, coalesce(leave_at,''), coalesce(cust_name,''),"
	                              " coalesce(acard_no,''), visit_kind FROM visits WHERE id=?", err, errsz);
	char arrive[20] = "", left[20] = "", name[128] = "", card[24] = "", kind[16] = "", at[17];
	if (!s) {
		st = ST_ERROR;
	} else {
		sqlite3_bind_int64(s, 1, id);
		int rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			st_col(s, 0, arrive, sizeof arrive);
			st_col(s, 1, left, sizeof left);
			st_col(s, 2, name, sizeof name);
			st_col(s, 3, card, sizeof card);
			st_col(s, 4, kind, sizeof kind);
		} else if (rc == SQLITE_DONE) {
			snprintf(err, errsz, "找不到来店登记（内部编号 %lld）", (long long)id);
			st = ST_NOTFOUND;
		} else {
			st = st_fail(db, rc, "读取来店登记", err, errsz);
		}
		sqlite3_reset(s);
	}
	clk_now_minute(at);
	/* a call has no 到店/离店: its refusals name its own times */
	int call = strcmp(kind, "来电") == 0;
	const char *t_end = call ? "结束时间" : "离店时间", *t_start = call ? "来电时间" : "到店时间";
	if (st == ST_OK && *left) {
		snprintf(err, errsz, call ? "%s：该来电已于 %s 结束" : "%s：该登记已于 %s 离店", t_end, left);
		st = ST_CONSTRAINT;
	} else if (st == ST_OK && strcmp(at, arrive) < 0) {
		snprintf(err, errsz, "%s：现在（%s）早于%s %s，请先更正%s", t_end, at, t_start, arrive, t_start);
		st = ST_CONSTRAINT;
	} else if (st == ST_OK && strncmp(at, arrive, 10) != 0) {
		/* a visit of an earlier day did not end now: its time is typed */
		snprintf(err, errsz, "%s：这是 %.10s 的%s，%s请在登记表中填写", t_end, arrive, call ? "来电" : "登记",
		         t_end);
		st = ST_CONSTRAINT;
	}
	if (st == ST_OK && (s = st_stmt(db, "UPDATE visits SET leave_at=? WHERE id=?", err, errsz)) != NULL) {
		sqlite3_bind_text(s, 1, at, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, id);
		st = st_step(db, s, call ? "结束来电" : "离店", err, errsz);
	} else if (st == ST_OK) {
		st = ST_ERROR;
	}
	if (st == ST_OK) {
		char detail[256];
		/* a call is logged as the call it was, not as a visitor leaving */
		snprintf(detail, sizeof detail, call ? "%s 来电 %s，结束 %s" : "%s 到店 %s，离店 %s",
		         *name ? name : "（未留姓名）", arrive, at);
		st = audit_append(db, staff, call ? "来电结束" : "离店", *card ? card : NULL, detail, err, errsz);
	}
	return st_end_own(db, own, st, err, errsz);
}

/* ---- the day's list ---- */

int visit_list(struct st_db *db, const char *date, struct visit_row *out, int max,
               char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db,
		"SELECT id, arrive_at, coalesce(leave_at,''), visit_kind, coalesce(cust_name,''),"
		" coalesce(mobile,''), coalesce(intent_model,''), info_source, consultant,"
		" coalesce(test_drive,''), coalesce(acard_no,''), leave_at IS NULL, coalesce(phone,'') FROM visits"
		" WHERE arrive_at >= ?1 AND arrive_at < date(?1, '+1 day') ORDER BY arrive_at, id LIMIT ?2",
		err, errsz);
	if (!s)
		return -1;
	char day[11];
	if (date && *date) {
		snprintf(day, sizeof day, "%s", date);
	} else {
		char now[24];
		clk_now(now, sizeof now);
		snprintf(day, sizeof day, "%.10s", now);
	}
	sqlite3_bind_text(s, 1, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, max);
	int n = 0, rc = SQLITE_DONE;
	while (n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct visit_row *v = &out[n++];
		v->id = sqlite3_column_int64(s, 0);
		st_col(s, 1, v->arrive_at, sizeof v->arrive_at);
		st_col(s, 2, v->leave_at, sizeof v->leave_at);
		st_col(s, 3, v->visit_kind, sizeof v->visit_kind);
		st_col(s, 4, v->cust_name, sizeof v->cust_name);
		st_col(s, 5, v->mobile, sizeof v->mobile);
		st_col(s, 6, v->intent_model, sizeof v->intent_model);
		st_col(s, 7, v->info_source, sizeof v->info_source);
		st_col(s, 8, v->consultant, sizeof v->consultant);
		st_col(s, 9, v->test_drive, sizeof v->test_drive);
		st_col(s, 10, v->acard_no, sizeof v->acard_no);
		v->open = sqlite3_column_int(s, 11);
		st_col(s, 12, v->phone, sizeof v->phone);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		st_fail(db, rc, "读取来店登记", err, errsz);
		return -1;
	}
	return n;
}

/* ---- to an A-card ---- */

/* Whole years from a birth date (YYYY-MM-DD) to today's; 0 when unknown. */
static int age_today(const char *birth)
{
	int y, m, d;
	if (sscanf(birth, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	/* YYYYMMDD numbers: the difference's ten-thousands are whole years */
	long age = (val_today() - (y * 10000L + m * 100 + d)) / 10000;
	return age > 0 ? (int)age : 0;
}

/* A walk-in or call of a customer on file (an owner come for another car):
 * the card takes what their record says of them, so nobody types it again —
 * 性别, 年龄 from the birth date, 地址, 行业, 购车用途 and the car they drive
 * now.  Fields the entry filled stay as they are. */
static enum st_status fill_from_customer(struct st_db *db, int64_t customer, struct rec *card, char *who,
                                         size_t whosz, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db,
		"SELECT coalesce(c.sex,''), coalesce(c.address,''), coalesce(c.industry,''), coalesce(c.purpose,''),"
		" coalesce(c.birth_date,''),"
		" (SELECT trim(coalesce(v.model,'') || ' ' || coalesce(v.plate,'')) FROM vehicles v"
		"   WHERE v.customer_id = c.id AND v.returned = 0 ORDER BY v.id DESC LIMIT 1),"
		" c.cust_no || ' ' || c.name, c.anonymized_at IS NOT NULL"
		" FROM customers c WHERE c.id=?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, customer);
	enum st_status st = st_row(db, s, "读取来店客户的档案", err, errsz);
	/* an anonymised record gives nothing: what it still holds (the cars)
	 * is not put back on a card, nor its anonymous name said as a source */
	if (st == ST_OK && !sqlite3_column_int(s, 7)) {
		static const char *const keys[] = { "sex", "address", "industry", "purpose" };
		char v[512];
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
			st_col(s, (int)i, v, sizeof v);
			if (!*rec_get(card, keys[i])) rec_set(card, keys[i], v);
		}
		st_col(s, 4, v, sizeof v);
		int age = age_today(v);
		if (age && !*rec_get(card, "age")) {
			snprintf(v, sizeof v, "%d", age);
			rec_set(card, "age", v);
		}
		st_col(s, 5, v, sizeof v);
		if (*v && !*rec_get(card, "current_car")) rec_set(card, "current_car", v);
		if (who) st_col(s, 6, who, whosz);
	}
	sqlite3_reset(s);
	return st;
}

enum st_status visit_fill_acard(struct st_db *db, int64_t visit_id, struct rec *card, char *who, size_t whosz,
                                char *err, size_t errsz)
{
	if (who && whosz) who[0] = 0;
	sqlite3_stmt *s = st_stmt(db,
		"SELECT coalesce(cust_name,''), coalesce(mobile,''), info_source, consultant,"
		" coalesce(intent_model,''), substr(arrive_at,1,10), coalesce(summary,''), coalesce(phone,''),"
		" coalesce(acard_no,''), coalesce(customer_id,0) FROM visits WHERE id=?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, visit_id);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return st_fail(db, rc, "读取来店登记", err, errsz);
		snprintf(err, errsz, "找不到来店登记（内部编号 %lld）", (long long)visit_id);
		return ST_NOTFOUND;
	}
	char linked[24];
	st_col(s, 8, linked, sizeof linked);
	if (*linked) {
		sqlite3_reset(s);
		snprintf(err, errsz, "A卡编号：该登记已属于 A卡 %s", linked);
		return ST_CONSTRAINT;
	}
	/* the card keeps a mobile only: a landline is its other contact */
	static const char *const keys[] = { "name", "mobile", "info_source", "consultant", "want_model",
	                                    "first_date", "first_summary", "other_contact" };
	rec_clear(card);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char val[4096];
		st_col(s, i, val, sizeof val);
		rec_set(card, keys[i], val);
	}
	int64_t customer = sqlite3_column_int64(s, 9);
	sqlite3_reset(s);
	acard_defaults(card);
	return customer ? fill_from_customer(db, customer, card, who, whosz, err, errsz) : ST_OK;
}

enum st_status visit_link_card(struct st_db *db, int64_t visit_id, const char *staff, char *card_no, size_t nosz,
                               char *err, size_t errsz)
{
	card_no[0] = 0;
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	char mobile[32] = "", linked[24] = "", who[64];
	sqlite3_stmt *s = st_stmt(db, "SELECT coalesce(mobile,''), coalesce(acard_no,'') FROM visits WHERE id=?",
	                          err, errsz);
	st = s ? ST_OK : ST_ERROR;
	if (s) {
		sqlite3_bind_int64(s, 1, visit_id);
		st = st_row(db, s, "读取来店登记", err, errsz);
		if (st == ST_OK) {
			st_col(s, 0, mobile, sizeof mobile);
			st_col(s, 1, linked, sizeof linked);
		}
		sqlite3_reset(s);
	}
	char no[24] = "";
	int64_t held = st == ST_OK && *mobile && !*linked ? acard_active_for(db, mobile, no, sizeof no, who, sizeof who,
	                                                                    err, errsz) : 0;
	if (held < 0)
		st = ST_ERROR;
	if (st == ST_OK && held > 0 && (s = st_stmt(db, "UPDATE visits SET acard_no=? WHERE id=?", err, errsz)) != NULL) {
		sqlite3_bind_text(s, 1, no, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, visit_id);
		st = st_step(db, s, "关联A卡", err, errsz);
		if (st == ST_OK) {
			char detail[256];
			snprintf(detail, sizeof detail, "来店登记（内部编号 %lld）归入 A卡 %s", (long long)visit_id, no);
			st = audit_append(db, staff, "来店归入A卡", no, detail, err, errsz);
		}
		if (st == ST_OK)
			snprintf(card_no, nosz, "%s", no);
	} else if (st == ST_OK && held > 0) {
		st = ST_ERROR;
	}
	st = st_end_own(db, own, st, err, errsz);
	if (st != ST_OK)
		card_no[0] = 0;
	return st;
}

enum st_status visit_to_acard(struct st_db *db, int64_t visit_id, struct rec *card, const char *staff,
                              char *err, size_t errsz)
{
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	sqlite3_stmt *s = st_stmt(db, "SELECT coalesce(acard_no,'') FROM visits WHERE id=?", err, errsz);
	char linked[24] = "";
	if (!s) {
		st = ST_ERROR;
	} else {
		sqlite3_bind_int64(s, 1, visit_id);
		int rc = sqlite3_step(s);
		if (rc == SQLITE_ROW)
			st_col(s, 0, linked, sizeof linked);
		sqlite3_reset(s);
		if (rc == SQLITE_DONE) {
			snprintf(err, errsz, "找不到来店登记（内部编号 %lld）", (long long)visit_id);
			st = ST_NOTFOUND;
		} else if (rc != SQLITE_ROW) {
			st = st_fail(db, rc, "读取来店登记", err, errsz);
		}
	}
	if (st == ST_OK && *linked) {
		snprintf(err, errsz, "A卡编号：该登记已属于 A卡 %s", linked);
		st = ST_CONSTRAINT;
	}
	if (st == ST_OK)
		st = acard_create(db, card, staff, err, errsz);
	if (st == ST_OK && (s = st_stmt(db, "UPDATE visits SET acard_no=? WHERE id=?", err, errsz)) != NULL) {
		sqlite3_bind_text(s, 1, rec_get(card, "card_no"), -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, visit_id);
		st = st_step(db, s, "关联A卡", err, errsz);
	} else if (st == ST_OK) {
		st = ST_ERROR;
	}
	if (st == ST_OK) {
		char detail[256];
		snprintf(detail, sizeof detail, "来店登记（内部编号 %lld）转为 A卡 %s", (long long)visit_id,
		         rec_get(card, "card_no"));
		st = audit_append(db, staff, "来店转A卡", rec_get(card, "card_no"), detail, err, errsz);
	}
	st = st_end_own(db, own, st, err, errsz);
	if (st != ST_OK) {
		card->id = 0;
		rec_set(card, "card_no", "");
	}
	return st;
}

/* ---- the consultants offered by the screen ---- */

int visit_consultants(struct st_db *db, char (*out)[64], int max, char *err, size_t errsz)
{
	/* entries only from recent months: a walk-in log of years is a long
	 * scan, and a name not seen in half a year has left the floor */
	sqlite3_stmt *s = st_stmt(db,
		"SELECT c.name FROM ("
		" SELECT name, 0 AS k FROM staff WHERE role = '销售顾问' AND disabled = 0 AND name <> ''"
		" UNION ALL SELECT consultant, 1 FROM acards WHERE consultant <> ''"
		" UNION ALL SELECT consultant, 1 FROM visits WHERE arrive_at >= ?2 AND consultant <> '') c"
		" WHERE c.k = 0 OR NOT EXISTS (SELECT 1 FROM staff d WHERE d.name = c.name AND d.disabled = 1)"
		" GROUP BY c.name ORDER BY min(c.k), c.name LIMIT ?1",
		err, errsz);
	if (!s)
		return -1;
	char now[20], since[11];
	clk_now(now, sizeof now);
	clk_add_days(now, -180, since, sizeof since);
	sqlite3_bind_int(s, 1, max);
	sqlite3_bind_text(s, 2, since, -1, SQLITE_TRANSIENT);
	int n = 0, rc = SQLITE_DONE;
	while (n < max && (rc = sqlite3_step(s)) == SQLITE_ROW)
		st_col(s, 0, out[n++], 64);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		st_fail(db, rc, "读取销售顾问", err, errsz);
		return -1;
	}
	return n;
}
