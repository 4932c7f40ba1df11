/* acard — A-cards in SQLite.  The form decides the columns (store_map);
 * this module adds what is particular to the card: its number, the level
 * rules read from intent_levels, follow-up records moving the card on,
 * review, closing, the prefill of the customer sheet, and the lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/acard.h"
#include "desk4s/audit.h"
#include "desk4s/auth.h"
#include "desk4s/clock.h"
#include "desk4s/text.h"
#include "desk4s/validate.h"
#include "store_map.h"

#define ACTIVE "status IN ('跟进中','已订车')"

/* The consultant an ended card is now: the name it was closed under, or
 * the name its account has now when that name was given up since — the
 * first rename away from it after the card closed (staff_renames, schema
 * 0025), as the due views read a closed record; a later holder of a
 * given-up name does not get the earlier person's cards. */
#define NOW_CONS \
	"coalesce((SELECT sn.name FROM staff_renames sr JOIN staff sn ON sn.id = sr.staff_id" \
	" WHERE sr.old_name = acards.consultant AND sr.at > coalesce(acards.closed_at,'')" \
	" ORDER BY sr.at, sr.id LIMIT 1), acards.consultant)"

static int active(const char *status)
{
	return strcmp(status, "跟进中") == 0 || strcmp(status, "已订车") == 0;
}

static int blank(const char *s)
{
	char t[64];
	txt_normalize(s ? s : "", t, sizeof t);
	return !*t;
}

/* A card ends 战败 only with its reason (the schema's CHECK too; said
 * here as the sheet says it). */
static enum st_status reason_given(const struct rec *r, char *err, size_t errsz)
{
	if (strcmp(rec_get(r, "status"), "战败") == 0 && blank(rec_get(r, "lost_reason"))) {
		snprintf(err, errsz, "战败原因：必填项，不能为空");
		return ST_CONSTRAINT;
	}
	return ST_OK;
}

/* ---- levels ---- */

#define LEVEL_COLS "code, meaning, coalesce(buy_within,0), interval_days, ordered"

static void read_level(sqlite3_stmt *s, struct acard_level *lv)
{
	st_col(s, 0, lv->code, sizeof lv->code);
	st_col(s, 1, lv->meaning, sizeof lv->meaning);
	lv->buy_within = sqlite3_column_int(s, 2);
	lv->interval_days = sqlite3_column_int(s, 3);
	lv->ordered = sqlite3_column_int(s, 4);
}

int acard_levels(struct st_db *db, struct acard_level *out, int max, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT " LEVEL_COLS " FROM intent_levels ORDER BY sort, code",
	                          err, errsz);
	if (!s)
		return -1;
	int n = 0, rc;
	while (n < max && (rc = sqlite3_step(s)) == SQLITE_ROW)
		read_level(s, &out[n++]);
	sqlite3_reset(s);
	return n;
}

/* The level's row; ST_NOTFOUND with a message naming the shop's levels. */
static enum st_status level_of(struct st_db *db, const char *label, const char *code,
                               struct acard_level *lv, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT " LEVEL_COLS " FROM intent_levels WHERE code=?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_level(s, lv);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return ST_OK;
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, "读取意向级别", err, errsz);
	struct acard_level all[FDEF_MAX_CHOICES];
	char list[256] = "";
	int n = acard_levels(db, all, FDEF_MAX_CHOICES, err, errsz);
	for (int i = 0; i < n; i++) {
		if (i)
			strncat(list, "/", sizeof list - strlen(list) - 1);
		strncat(list, all[i].code, sizeof list - strlen(list) - 1);
	}
	snprintf(err, errsz, "%s：“%s”不是本店设定的意向级别（%s）", label, code, list);
	return ST_NOTFOUND;
}

enum st_status acard_levels_apply(struct st_db *db, struct fdef_form *form, char *err, size_t errsz)
{
	int f = fdef_index(form, "level");
	if (f < 0)
		f = fdef_index(form, "level_after");
	if (f < 0 || form->fields[f].type != FT_CHOICE)
		return ST_OK;
	struct acard_level lv[FDEF_MAX_CHOICES];
	int n = acard_levels(db, lv, FDEF_MAX_CHOICES, err, errsz);
	if (n < 0)
		return ST_ERROR;
	if (n == 0)
		return ST_OK; /* keep the form's list rather than offer nothing */
	struct fdef_field *fd = &form->fields[f];
	for (int c = 0; c < fd->nchoices; c++)
		free(fd->choices[c]);
	fd->nchoices = 0;
	for (int i = 0; i < n; i++) {
		fd->choices[i] = strdup(lv[i].code);
		if (!fd->choices[i]) {
			snprintf(err, errsz, "内存不足");
			return ST_ERROR;
		}
		fd->nchoices = i + 1;
	}
	return ST_OK;
}

enum st_status acard_suggest_next(struct st_db *db, const char *level, const char *from,
                                  char *out, size_t outsz, char *err, size_t errsz)
{
	struct acard_level lv;
	enum st_status st = level_of(db, "意向级别", level, &lv, err, errsz);
	if (st != ST_OK)
		return st;
	clk_add_days(from, lv.interval_days, out, outsz);
	return ST_OK;
}

/* ---- numbering ---- */

/* A + yyyymmdd of 建卡日期 + - + the day's sequence; the caller holds the
 * write lock (BEGIN IMMEDIATE), which serialises terminals. */
static enum st_status next_number(struct st_db *db, const char *date, char *out, size_t outsz,
                                  char *err, size_t errsz)
{
	char prefix[16];
	snprintf(prefix, sizeof prefix, "A%.4s%.2s%.2s-", date, date + 5, date + 8);
	sqlite3_stmt *s = st_stmt(db, "SELECT coalesce(max(CAST(substr(card_no, 11) AS INTEGER)),0)+1"
	                              " FROM acards WHERE card_no >= ?1 AND card_no < ?1 || ':'", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, prefix, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	int seq = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 1;
	sqlite3_reset(s);
	/* not -0001: the day's cards unread, the number may be one already given */
	if (rc != SQLITE_ROW)
		return st_fail(db, rc == SQLITE_DONE ? SQLITE_ERROR : rc, "编A卡编号", err, errsz);
	snprintf(out, outsz, "%s%04d", prefix, seq);
	return ST_OK;
}

/* ---- the card ---- */

static const char SQL_INSERT[] = "INSERT INTO acards(created_at, {c}) VALUES(?, {m})";
static const char SQL_UPDATE[] = "UPDATE acards SET {s} WHERE id=?";
static const char SQL_SELECT_ID[] = "SELECT id, {c} FROM acards WHERE id=?";
static const char SQL_SELECT_NO[] = "SELECT id, {c} FROM acards WHERE card_no=?";

void acard_defaults(struct rec *r)
{
	char d[11];
	val_today_iso(d);
	if (!*rec_get(r, "created_date"))
		rec_set(r, "created_date", d);
	if (!*rec_get(r, "first_date"))
		rec_set(r, "first_date", d);
}

/* Status and plan that the level implies for a card that is not closed:
 * an ordered level makes it 已订车 (still followed up until delivery), and
 * an active card always has a next date. */
static enum st_status apply_level(struct st_db *db, struct rec *r, char *err, size_t errsz)
{
	const char *level = rec_get(r, "level");
	if (!*level) {
		if (!*rec_get(r, "next_date")) {
			snprintf(err, errsz, "下次回访计划：未定意向级别时必须填写");
			return ST_CONSTRAINT;
		}
		return ST_OK;
	}
	struct acard_level lv;
	enum st_status st = level_of(db, "意向级别", level, &lv, err, errsz);
	if (st != ST_OK)
		return st == ST_NOTFOUND ? ST_CONSTRAINT : st;
	rec_set(r, "status", lv.ordered ? "已订车" : "跟进中");
	if (!*rec_get(r, "next_date")) {
		char d[11], next[11];
		val_today_iso(d);
		clk_add_days(d, lv.interval_days, next, sizeof next);
		rec_set(r, "next_date", next);
	}
	return ST_OK;
}

static enum st_status insert_card(struct st_db *db, struct rec *r, const char *staff, int imported,
                                  char *err, size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, "acards", err, errsz);
	if (!m)
		return ST_ERROR;
	if (sm_refuse_masked(r, err, errsz) != ST_OK)
		return ST_CONSTRAINT;
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	char d[11], no[32] = "", at[24];
	val_today_iso(d);
	if (!*rec_get(r, "created_date"))
		rec_set(r, "created_date", d);
	if (!imported) {
		/* what the system keeps starts empty on a new card */
		static const char *const kept[] = { "card_no", "status", "lost_reason", "review_by",
		                                    "review_at", "review_comment" };
		for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
			rec_set(r, kept[i], "");
	}
	const char *status = rec_get(r, "status");
	if (!*status || active(status))
		st = apply_level(db, r, err, errsz);
	else
		st = reason_given(r, err, errsz);
	if (st == ST_OK && *rec_get(r, "card_no"))
		snprintf(no, sizeof no, "%s", rec_get(r, "card_no"));
	else if (st == ST_OK)
		st = next_number(db, rec_get(r, "created_date"), no, sizeof no, err, errsz);
	sqlite3_stmt *s = NULL;
	if (st == ST_OK) {
		rec_set(r, "card_no", no);
		clk_now(at, sizeof at);
		s = st_stmt(db, sm_sql(m, SQL_INSERT), err, errsz);
		if (!s)
			st = ST_ERROR;
	}
	if (st == ST_OK) {
		sqlite3_bind_text(s, 1, at, -1, SQLITE_TRANSIENT);
		sm_bind(m, s, 2, r);
		st = st_step(db, s, imported ? "导入A卡" : "新建A卡", err, errsz);
	}
	int64_t id = st == ST_OK ? sqlite3_last_insert_rowid(st_handle(db)) : 0;
	if (st == ST_OK && !imported) {
		char detail[512];
		snprintf(detail, sizeof detail, "A卡 %s，%s，级别 %s，销售顾问 %s，下次回访 %s", no,
		         rec_get(r, "name"), rec_get(r, "level"), rec_get(r, "consultant"),
		         rec_get(r, "next_date"));
		st = audit_append(db, staff, "新建A卡", no, detail, err, errsz);
	}
	st = st_end_own(db, own, st, err, errsz);
	if (st == ST_OK)
		r->id = id;
	else if (!imported)
		rec_set(r, "card_no", "");
	return st;
}

enum st_status acard_create(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz)
{
	return insert_card(db, r, staff, 0, err, errsz);
}

enum st_status acard_import(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz)
{
	return insert_card(db, r, staff, 1, err, errsz);
}

static enum st_status load_by(struct st_db *db, const char *pattern, int64_t id, const char *no,
                              struct rec *r, char *err, size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, "acards", err, errsz);
	if (!m)
		return ST_ERROR;
	sqlite3_stmt *s = st_stmt(db, sm_sql(m, pattern), err, errsz);
	if (!s)
		return ST_ERROR;
	if (no)
		sqlite3_bind_text(s, 1, no, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return st_fail(db, rc, "读取A卡", err, errsz);
		if (no)
			snprintf(err, errsz, "A卡编号：找不到 A卡 %s", no);
		else
			snprintf(err, errsz, "找不到 A卡（内部编号 %lld）", (long long)id);
		return ST_NOTFOUND;
	}
	rec_clear(r);
	r->id = sqlite3_column_int64(s, 0);
	sm_read(m, s, 1, r);
	sqlite3_reset(s);
	return ST_OK;
}

enum st_status acard_load(struct st_db *db, int64_t id, struct rec *r, char *err, size_t errsz)
{
	return load_by(db, SQL_SELECT_ID, id, NULL, r, err, errsz);
}

enum st_status acard_load_no(struct st_db *db, const char *card_no, struct rec *r, char *err, size_t errsz)
{
	return load_by(db, SQL_SELECT_NO, 0, card_no, r, err, errsz);
}

int64_t acard_exists(struct st_db *db, const char *card_no, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT id FROM acards WHERE card_no=?", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, card_no, -1, SQLITE_TRANSIENT);
	return st_found_id(db, s, "查找A卡", err, errsz);
}

int64_t acard_exists_for(struct st_db *db, const char *name, const char *mobile, const char *created_date,
                         char *err, size_t errsz)
{
	/* acards_mobile is indexed, NULLs too: a card imported without a
	 * mobile (a landline set aside) is known by its name and day */
	/* the name without its blanks: one an earlier version stored as 欧阳 修
	 * is the 欧阳修 a re-run of its file now reads (rules.c joins names) */
	sqlite3_stmt *s = st_stmt(db, *mobile ? "SELECT id FROM acards WHERE mobile = ?3 AND created_date = ?2"
	                                        " AND replace(replace(name,' ',''),'　','') = replace(replace(?1,' ',''),'　','')"
	                                      : "SELECT id FROM acards WHERE mobile IS NULL AND created_date = ?2"
	                                        " AND replace(replace(name,' ',''),'　','') = replace(replace(?1,' ',''),'　','')",
	                          err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, created_date, -1, SQLITE_TRANSIENT);
	if (*mobile)
		sqlite3_bind_text(s, 3, mobile, -1, SQLITE_TRANSIENT);
	return st_found_id(db, s, "查找A卡", err, errsz);
}

/* A bound statement's card (id, card_no, consultant): its id with its
 * number and consultant, 0 when none, -1 with err — not "nobody follows
 * this mobile" on a damaged file (a second card would be a 撞单 unsaid). */
static int64_t card_found(struct st_db *db, sqlite3_stmt *s, char *card_no, size_t nosz, char *consultant,
                          size_t csz, char *err, size_t errsz)
{
	int64_t found = 0;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		found = sqlite3_column_int64(s, 0);
		st_col(s, 1, card_no, nosz);
		st_col(s, 2, consultant, csz);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "查找A卡", err, errsz), -1;
	return found;
}

int64_t acard_following_on(struct st_db *db, const char *mobile, const char *day, char *card_no, size_t nosz,
                           char *consultant, size_t csz, char *err, size_t errsz)
{
	/* begun at its first reception (首次接待, which may come before the
	 * card was made); ended when closed, or — a card a file brought ended,
	 * without its day — at its last call on record, else its first day */
	sqlite3_stmt *s = st_stmt(db, "SELECT id, card_no, consultant FROM acards a WHERE mobile = ?1"
	                              " AND min(created_date, coalesce(first_date, created_date)) <= ?2"
	                              " AND (CASE WHEN closed_at IS NOT NULL THEN substr(closed_at, 1, 10) >= ?2"
	                              "  WHEN status IN ('跟进中', '已订车') THEN 1"
	                              "  ELSE coalesce((SELECT max(fu_date) FROM acard_followups f WHERE f.card_no = a.card_no),"
	                              "   max(created_date, coalesce(first_date, created_date))) >= ?2 END)"
	                              " ORDER BY created_date DESC, id DESC LIMIT 1", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, mobile, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_TRANSIENT);
	return card_found(db, s, card_no, nosz, consultant, csz, err, errsz);
}

int64_t acard_active_for(struct st_db *db, const char *mobile, char *card_no, size_t nosz, char *consultant,
                         size_t csz, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT id, card_no, consultant FROM acards WHERE mobile = ?"
	                              " AND status IN ('跟进中', '已订车') ORDER BY id LIMIT 1", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, mobile, -1, SQLITE_TRANSIENT);
	return card_found(db, s, card_no, nosz, consultant, csz, err, errsz);
}

/* "级别: H → A；下次回访计划: …" for the log. */
static void changes(const struct rec *old, const struct rec *r, char *out, size_t outsz)
{
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < r->form->nfields && len + 1 < outsz; i++) {
		if (strcmp(old->val[i], r->val[i]) == 0)
			continue;
		/* contacts masked, as the usage log keeps no number whole */
		char ob[512], nb[512];
		const char *ov = auth_mask_field(r->form->fields[i].key, old->val[i], ob, sizeof ob);
		const char *nv = auth_mask_field(r->form->fields[i].key, r->val[i], nb, sizeof nb);
		int w = snprintf(out + len, outsz - len, "%s%s: %s → %s", len ? "；" : "",
		                 r->form->fields[i].label, *ov ? ov : "（空）", *nv ? nv : "（空）");
		if (w < 0)
			break;
		len += (size_t)w;
	}
	if (len >= outsz) {
		/* the log keeps whole characters */
		size_t n = outsz - 1;
		while (n > 0 && ((unsigned char)out[n] & 0xC0) == 0x80)
			n--;
		out[n] = 0;
	}
}

enum st_status acard_update(struct st_db *db, struct rec *r, struct rec *base, const char *staff, char *err,
                            size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, "acards", err, errsz);
	if (!m)
		return ST_ERROR;
	if (r->id <= 0) {
		snprintf(err, errsz, "保存A卡失败：A卡尚未建立");
		return ST_NOTFOUND;
	}
	if (sm_refuse_masked(r, err, errsz) != ST_OK)
		return ST_CONSTRAINT;
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	struct rec *old = rec_new(r->form);
	st = old ? acard_load(db, r->id, old, err, errsz) : ST_ERROR;
	if (st == ST_OK && !active(rec_get(old, "status"))) {
		snprintf(err, errsz, "A卡 %s 已%s，不能修改", rec_get(old, "card_no"), rec_get(old, "status"));
		st = ST_CONSTRAINT;
	}
	/* another terminal's save since the sheet was loaded (a follow-up that
	 * moved the level and next date, a review) is kept, not undone */
	if (st == ST_OK && base)
		st = sm_since(r, base, old, err, errsz);
	if (st == ST_OK) {
		static const char *const kept[] = { "card_no", "created_date", "status", "lost_reason",
		                                    "review_by", "review_at", "review_comment" };
		for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
			rec_set(r, kept[i], rec_get(old, kept[i]));
		st = apply_level(db, r, err, errsz);
	}
	if (st == ST_OK) {
		sqlite3_stmt *s = st_stmt(db, sm_sql(m, SQL_UPDATE), err, errsz);
		if (!s) {
			st = ST_ERROR;
		} else {
			sm_bind(m, s, 1, r);
			sqlite3_bind_int64(s, m->n + 1, r->id);
			st = st_step(db, s, "保存A卡", err, errsz);
		}
	}
	if (st == ST_OK) {
		char detail[1024];
		changes(old, r, detail, sizeof detail);
		if (*detail)
			st = audit_append(db, staff, "修改A卡", rec_get(r, "card_no"), detail, err, errsz);
	}
	rec_free(old);
	return st_end_own(db, own, st, err, errsz);
}

/* ---- facts of a card for the actions on it ---- */

struct card_facts {
	int64_t id;
	char status[16];
	char level[8];
	char name[128];
	char consultant[64];
};

static enum st_status facts(struct st_db *db, const char *card_no, struct card_facts *f, char *err,
                            size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT id, status, coalesce(level,''), name, consultant"
	                              " FROM acards WHERE card_no=?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, card_no, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		f->id = sqlite3_column_int64(s, 0);
		st_col(s, 1, f->status, sizeof f->status);
		st_col(s, 2, f->level, sizeof f->level);
		st_col(s, 3, f->name, sizeof f->name);
		st_col(s, 4, f->consultant, sizeof f->consultant);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return ST_OK;
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, "读取A卡", err, errsz);
	snprintf(err, errsz, "A卡编号：找不到 A卡 %s", card_no);
	return ST_NOTFOUND;
}

/* The card, which must still be active for what `doing` does. */
static enum st_status active_card(struct st_db *db, const char *card_no, const char *doing,
                                  struct card_facts *f, char *err, size_t errsz)
{
	enum st_status st = facts(db, card_no, f, err, errsz);
	if (st == ST_OK && !active(f->status)) {
		snprintf(err, errsz, "A卡 %s 已%s，不能%s", card_no, f->status, doing);
		st = ST_CONSTRAINT;
	}
	return st;
}

/* ---- follow-up records ---- */

static const char SQL_FU_INSERT[] = "INSERT INTO acard_followups(created_at, {c}) VALUES(?, {m})";
static const char SQL_FU_SELECT[] = "SELECT {c} FROM acard_followups WHERE id=?";

static enum st_status insert_followup(struct st_db *db, struct rec *f, const char *what, char *err,
                                      size_t errsz)
{
	struct sm_map *m = sm_get(db, f->form, "acard_followups", err, errsz);
	if (!m)
		return ST_ERROR;
	sqlite3_stmt *s = st_stmt(db, sm_sql(m, SQL_FU_INSERT), err, errsz);
	if (!s)
		return ST_ERROR;
	char at[24];
	clk_now(at, sizeof at);
	sqlite3_bind_text(s, 1, at, -1, SQLITE_TRANSIENT);
	sm_bind(m, s, 2, f);
	enum st_status st = st_step(db, s, what, err, errsz);
	if (st == ST_OK)
		f->id = sqlite3_last_insert_rowid(st_handle(db));
	return st;
}

/* 1 when no record of the card is dated after `date`: the record is the
 * newest and moves the card on.  0 when a later one exists, -1 with err
 * (a record unread is never "newest": the card would move back). */
static int newest(struct st_db *db, const char *card_no, const char *date, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT 1 FROM acard_followups WHERE card_no=? AND fu_date>? LIMIT 1",
	                          err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, card_no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, date, -1, SQLITE_TRANSIENT);
	int64_t later = st_found_id(db, s, "读取访问记录", err, errsz);
	return later < 0 ? -1 : !later;
}

enum st_status acard_add_followup(struct st_db *db, struct rec *f, const char *staff, char *err,
                                  size_t errsz)
{
	char no[32], date[11];
	snprintf(no, sizeof no, "%s", rec_get(f, "card_no"));
	snprintf(date, sizeof date, "%s", rec_get(f, "fu_date"));
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	struct card_facts cf = { .id = 0 };
	st = active_card(db, no, "添加访问记录", &cf, err, errsz);
	char level[8];
	snprintf(level, sizeof level, "%s", *rec_get(f, "level_after") ? rec_get(f, "level_after") : cf.level);
	struct acard_level lv = { .interval_days = 0 };
	if (st == ST_OK && (st = level_of(db, "意向级别", level, &lv, err, errsz)) == ST_NOTFOUND)
		st = ST_CONSTRAINT; /* the record's value is wrong, not a missing record */
	if (st == ST_OK) {
		rec_set(f, "level_after", level);
		if (!*rec_get(f, "next_date")) {
			char next[11];
			clk_add_days(date, lv.interval_days, next, sizeof next);
			rec_set(f, "next_date", next);
		}
		if (!*rec_get(f, "staff") && staff)
			rec_set(f, "staff", staff);
	}
	int moves = st == ST_OK ? newest(db, no, date, err, errsz) : 0;
	if (moves < 0)
		st = ST_ERROR;
	if (st == ST_OK)
		st = insert_followup(db, f, "保存访问记录", err, errsz);
	if (st == ST_OK && moves) {
		sqlite3_stmt *s = st_stmt(db, "UPDATE acards SET level=?, next_date=?, status=? WHERE id=?",
		                          err, errsz);
		if (!s) {
			st = ST_ERROR;
		} else {
			sqlite3_bind_text(s, 1, level, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 2, rec_get(f, "next_date"), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 3, lv.ordered ? "已订车" : "跟进中", -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(s, 4, cf.id);
			st = st_step(db, s, "更新A卡", err, errsz);
		}
	}
	if (st == ST_OK) {
		char detail[512];
		snprintf(detail, sizeof detail, "A卡 %s 回访 %s %s，级别 %s → %s，下次回访 %s%s", no, date,
		         rec_get(f, "method"), *cf.level ? cf.level : "（空）", level, rec_get(f, "next_date"),
		         moves ? "" : "（补录，A卡不变）");
		st = audit_append(db, staff, "A卡回访", no, detail, err, errsz);
	}
	st = st_end_own(db, own, st, err, errsz);
	if (st != ST_OK)
		f->id = 0;
	return st;
}

enum st_status acard_import_followup(struct st_db *db, struct rec *f, const char *staff, char *err,
                                     size_t errsz)
{
	(void)staff;
	const char *no = rec_get(f, "card_no");
	int64_t card = acard_exists(db, no, err, errsz);
	if (card < 0)
		return ST_ERROR;
	if (!card) {
		snprintf(err, errsz, "A卡编号：找不到 A卡 %s，请先导入 A卡", no);
		return ST_CONSTRAINT;
	}
	return insert_followup(db, f, "导入访问记录", err, errsz);
}

/* A card ended as a file says: closed now (the file gives no time). */
static enum st_status end_from_file(struct st_db *db, const struct rec *w, char *err, size_t errsz)
{
	char at[17];
	clk_now_minute(at);
	sqlite3_stmt *s = st_stmt(db, "UPDATE acards SET closed_at=? WHERE id=?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, w->id);
	return st_step(db, s, "结束A卡", err, errsz);
}

enum st_status acard_import_update(struct st_db *db, const struct rec *r, const char *staff, char *err,
                                   size_t errsz)
{
	if (sm_refuse_masked(r, err, errsz) != ST_OK)
		return ST_CONSTRAINT;
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	struct rec *old = rec_new(r->form), *w = rec_new(r->form);
	st = old && w ? acard_load(db, r->id, old, err, errsz) : ST_ERROR;
	if (st == ST_OK && !active(rec_get(old, "status"))) {
		snprintf(err, errsz, "A卡编号：%s 已%s，不能用导入修改（已结束的 A卡保持原样）", rec_get(old, "card_no"),
		         rec_get(old, "status"));
		st = ST_CONSTRAINT;
	}
	int ends = 0;
	if (st == ST_OK) {
		rec_copy(w, r);
		rec_set(w, "card_no", rec_get(old, "card_no"));
		rec_set(w, "created_date", rec_get(old, "created_date"));
		ends = !active(rec_get(w, "status")) && *rec_get(w, "status");
		if (!ends)
			st = apply_level(db, w, err, errsz); /* the status its level implies */
		else
			st = reason_given(w, err, errsz);
	}
	if (st == ST_OK)
		st = sm_update(db, w, "acards", SQL_UPDATE, "A卡", err, errsz);
	if (st == ST_OK && ends)
		st = end_from_file(db, w, err, errsz);
	if (st == ST_OK) {
		char detail[1024];
		changes(old, w, detail, sizeof detail);
		st = audit_append(db, staff, "修改A卡", rec_get(w, "card_no"), detail, err, errsz);
	}
	rec_free(old);
	rec_free(w);
	return st_end_own(db, own, st, err, errsz);
}

enum st_status acard_import_followup_update(struct st_db *db, const struct rec *f, const char *staff,
                                            char *err, size_t errsz)
{
	static const char sql[] = "UPDATE acard_followups SET {s} WHERE id=?";
	enum st_status st = sm_update(db, f, "acard_followups", sql, "访问记录", err, errsz);
	if (st != ST_OK)
		return st;
	char detail[160];
	snprintf(detail, sizeof detail, "A卡 %s 在 %s 的%s访问记录（导入合并）", rec_get(f, "card_no"),
	         rec_get(f, "fu_date"), rec_get(f, "method"));
	return audit_append(db, staff, "修改访问记录", rec_get(f, "card_no"), detail, err, errsz);
}

int64_t acard_followup_exists(struct st_db *db, const struct rec *f, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT id FROM acard_followups WHERE card_no=? AND fu_date=?"
	                              " AND method=? AND content=? LIMIT 1", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, rec_get(f, "card_no"), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, rec_get(f, "fu_date"), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, rec_get(f, "method"), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, rec_get(f, "content"), -1, SQLITE_TRANSIENT);
	return st_found_id(db, s, "查找访问记录", err, errsz);
}

int acard_followups(struct st_db *db, const char *card_no, struct acard_fu_row *out, int max,
                    char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db,
		"SELECT id, fu_date, method, content, coalesce(objection,''), coalesce(level_after,''),"
		" coalesce(next_date,''), coalesce(staff,'') FROM acard_followups WHERE card_no=?1"
		" ORDER BY fu_date DESC, created_at DESC, id DESC LIMIT ?2", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, card_no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, max);
	int n = 0, rc = SQLITE_DONE;
	while (n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct acard_fu_row *w = &out[n++];
		w->id = sqlite3_column_int64(s, 0);
		st_col(s, 1, w->fu_date, sizeof w->fu_date);
		st_col(s, 2, w->method, sizeof w->method);
		st_col(s, 3, w->content, sizeof w->content);
		st_col(s, 4, w->objection, sizeof w->objection);
		st_col(s, 5, w->level_after, sizeof w->level_after);
		st_col(s, 6, w->next_date, sizeof w->next_date);
		st_col(s, 7, w->staff, sizeof w->staff);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		st_fail(db, rc, "读取访问记录", err, errsz);
		return -1;
	}
	return n;
}

enum st_status acard_followup_load(struct st_db *db, int64_t id, struct rec *f, char *err, size_t errsz)
{
	return sm_load(db, f, "acard_followups", SQL_FU_SELECT, id, "访问记录", err, errsz);
}

/* ---- review and closing ---- */

/* What another terminal did to the card since the reviewer's sheet showed
 * it: a 访问记录 newer than last_fu, or the card saved (its level and next
 * date moved, its status, another review).  Signed now, the review would cover what the
 * manager never read and take the card off 待审核 (AWAITING_REVIEW). */
static enum st_status review_since(struct st_db *db, int64_t id, const struct rec *base, int64_t last_fu,
                                   char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT count(*), coalesce(max(f.id), 0) FROM acard_followups f"
	                              " JOIN acards a ON a.card_no = f.card_no WHERE a.id = ? AND f.id > ?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, last_fu);
	enum st_status st = st_row(db, s, "读取访问记录", err, errsz);
	long added = st == ST_OK ? (long)sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (st != ST_OK)
		return st;
	if (added > 0) {
		snprintf(err, errsz, "本页打开后其他终端新增了 %ld 条访问记录，审核未签：请核对后再审核", added);
		return ST_CHANGED;
	}
	if (!base)
		return ST_OK;
	struct rec *now = rec_new(base->form);
	st = now ? acard_load(db, id, now, err, errsz) : ST_ERROR;
	if (st == ST_OK) {
		for (int i = 0; i < base->form->nfields; i++) {
			if (strcmp(now->val[i], base->val[i]) == 0)
				continue;
			char buf[512];
			const char *v = auth_mask_field(base->form->fields[i].key, now->val[i], buf, sizeof buf);
			snprintf(err, errsz, "%s 在本页打开后已由其他终端改为“%s”，审核未签：请核对后再审核",
			         base->form->fields[i].label, *v ? v : "（空）");
			st = ST_CHANGED;
			break;
		}
	}
	rec_free(now);
	return st;
}

enum st_status acard_review(struct st_db *db, const char *card_no, const char *reviewer,
                            const char *comment, const char *staff, char *err, size_t errsz)
{
	return acard_review_seen(db, card_no, NULL, -1, reviewer, comment, staff, err, errsz);
}

enum st_status acard_review_seen(struct st_db *db, const char *card_no, const struct rec *base, int64_t last_fu,
                                 const char *reviewer, const char *comment, const char *staff, char *err,
                                 size_t errsz)
{
	if (blank(reviewer)) {
		snprintf(err, errsz, "主管审核签字：必填项，不能为空");
		return ST_CONSTRAINT;
	}
	if (blank(comment)) {
		snprintf(err, errsz, "审核意见：必填项，不能为空（空白的审核等于没有审核）");
		return ST_CONSTRAINT;
	}
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	struct card_facts cf;
	st = facts(db, card_no, &cf, err, errsz);
	if (st == ST_OK && last_fu >= 0)
		st = review_since(db, cf.id, base, last_fu, err, errsz);
	char at[17];
	clk_now_minute(at);
	sqlite3_stmt *s;
	if (st == ST_OK && (s = st_stmt(db, "UPDATE acards SET review_by=?, review_at=?, review_comment=?"
	                                    " WHERE id=?", err, errsz)) != NULL) {
		sqlite3_bind_text(s, 1, reviewer, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, at, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, comment, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 4, cf.id);
		st = st_step(db, s, "审核A卡", err, errsz);
	} else if (st == ST_OK) {
		st = ST_ERROR;
	}
	if (st == ST_OK) {
		char detail[512];
		snprintf(detail, sizeof detail, "A卡 %s 审核：%s", card_no, comment);
		st = audit_append(db, staff, "审核A卡", card_no, detail, err, errsz);
	}
	return st_end_own(db, own, st, err, errsz);
}

static enum st_status close_card(struct st_db *db, const char *card_no, const char *status,
                                 const char *reason, const char *staff, char *err, size_t errsz)
{
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	struct card_facts cf;
	char doing[32];
	snprintf(doing, sizeof doing, "记为%s", status);
	st = active_card(db, card_no, doing, &cf, err, errsz);
	char at[17];
	clk_now_minute(at);
	sqlite3_stmt *s;
	if (st == ST_OK && (s = st_stmt(db, "UPDATE acards SET status=?, lost_reason=?, closed_at=? WHERE id=?",
	                                err, errsz)) != NULL) {
		sqlite3_bind_text(s, 1, status, -1, SQLITE_TRANSIENT);
		st_bind_text(s, 2, reason);
		sqlite3_bind_text(s, 3, at, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 4, cf.id);
		st = st_step(db, s, doing, err, errsz);
	} else if (st == ST_OK) {
		st = ST_ERROR;
	}
	if (st == ST_OK) {
		char detail[512], action[32];
		snprintf(detail, sizeof detail, "A卡 %s（%s）%s%s%s", card_no, cf.name, status, reason ? "：" : "",
		         reason ? reason : "");
		snprintf(action, sizeof action, "A卡%s", status);
		st = audit_append(db, staff, action, card_no, detail, err, errsz);
	}
	return st_end_own(db, own, st, err, errsz);
}

enum st_status acard_close_won(struct st_db *db, const char *card_no, const char *staff,
                               char *err, size_t errsz)
{
	return close_card(db, card_no, "成交", NULL, staff, err, errsz);
}

enum st_status acard_close_won_by(struct st_db *db, const char *card_no, int64_t customer_id, const char *staff,
                                  char *err, size_t errsz)
{
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	st = acard_link_customer(db, card_no, customer_id, staff, err, errsz);
	if (st == ST_OK)
		st = acard_close_won(db, card_no, staff, err, errsz);
	return st_end_own(db, own, st, err, errsz);
}

enum st_status acard_close_lost(struct st_db *db, const char *card_no, const char *reason,
                                const char *staff, char *err, size_t errsz)
{
	if (blank(reason)) {
		snprintf(err, errsz, "战败原因：必填项，不能为空");
		return ST_CONSTRAINT;
	}
	return close_card(db, card_no, "战败", reason, staff, err, errsz);
}

enum st_status acard_reopen(struct st_db *db, const char *card_no, const char *next_date, const char *why,
                            const char *staff, char *err, size_t errsz)
{
	if (blank(why)) {
		snprintf(err, errsz, "激活原因：必填项，不能为空");
		return ST_CONSTRAINT;
	}
	char d[11];
	val_today_iso(d);
	if (!next_date || !*next_date) {
		snprintf(err, errsz, "下次回访计划：必填项，不能为空");
		return ST_CONSTRAINT;
	}
	if (strcmp(next_date, d) < 0) {
		snprintf(err, errsz, "下次回访计划：%s 早于今天（%s），应是今天或以后", next_date, d);
		return ST_CONSTRAINT;
	}
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	struct card_facts cf;
	st = facts(db, card_no, &cf, err, errsz);
	if (st == ST_OK && strcmp(cf.status, "战败") != 0) {
		snprintf(err, errsz, "A卡 %s 是%s，不是战败，无需激活", card_no, cf.status);
		st = ST_CONSTRAINT;
	}
	char mobile[32] = "", lost[512] = "", now_cons[64] = "";
	sqlite3_stmt *s = st == ST_OK ? st_stmt(db, "SELECT coalesce(mobile,''), coalesce(lost_reason,''), " NOW_CONS
	                                            " FROM acards WHERE id=?", err, errsz) : NULL;
	if (st == ST_OK && !s)
		st = ST_ERROR;
	if (s) {
		sqlite3_bind_int64(s, 1, cf.id);
		st = st_row(db, s, "读取A卡", err, errsz);
		if (st == ST_OK) {
			st_col(s, 0, mobile, sizeof mobile);
			st_col(s, 1, lost, sizeof lost);
			st_col(s, 2, now_cons, sizeof now_cons);
		}
		sqlite3_reset(s);
	}
	/* closed under a name its consultant has given up since: the card
	 * follows on under the name the person goes by now, as their other
	 * open cards did at the rename */
	const char *cons = st == ST_OK && *now_cons && strcmp(now_cons, cf.consultant) != 0 ? now_cons : cf.consultant;
	char other[32] = "", who[64] = "";
	int64_t held = st == ST_OK && *mobile ? acard_active_for(db, mobile, other, sizeof other, who, sizeof who,
	                                                         err, errsz) : 0;
	if (held < 0) {
		st = ST_ERROR;
	} else if (held > 0) {
		snprintf(err, errsz, "手机号 %s 已有跟进中的 A卡 %s（销售顾问 %s），请在那张卡上记录", mobile, other, who);
		st = ST_CONSTRAINT;
	}
	if (st == ST_OK && (s = st_stmt(db, "UPDATE acards SET status='跟进中', lost_reason=NULL, closed_at=NULL,"
	                                    " next_date=?, consultant=? WHERE id=?", err, errsz)) != NULL) {
		sqlite3_bind_text(s, 1, next_date, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, cons, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 3, cf.id);
		st = st_step(db, s, "激活A卡", err, errsz);
	} else if (st == ST_OK) {
		st = ST_ERROR;
	}
	if (st == ST_OK) {
		char detail[1400], renamed_to[256] = "";
		if (cons != cf.consultant)
			snprintf(renamed_to, sizeof renamed_to, "；销售顾问 %s 已改名为 %s，A卡随之改为 %s", cf.consultant, cons,
			         cons);
		snprintf(detail, sizeof detail, "A卡 %s（%s）重新激活：%s；下次回访 %s%s；原战败原因：%s", card_no, cf.name,
		         why, next_date, renamed_to, lost);
		txt_drop_partial(detail);
		st = audit_append(db, staff, "A卡激活", card_no, detail, err, errsz);
	}
	return st_end_own(db, own, st, err, errsz);
}

/* ---- the customer sheet from the card ---- */

static int has_choice(const struct fdef_field *fd, const char *v)
{
	if (fd->type != FT_CHOICE)
		return 1;
	for (int c = 0; c < fd->nchoices; c++)
		if (strcmp(fd->choices[c], v) == 0)
			return 1;
	return 0;
}

/* Fill key when the sheet has it, it is empty, and v is one of its choices. */
static void fill(struct rec *r, const char *key, const char *v)
{
	int f = fdef_index(r->form, key);
	if (f < 0 || !v || !*v || *r->val[f] || !has_choice(&r->form->fields[f], v))
		return;
	rec_set_at(r, f, v);
}

/* The two sheets name sources differently; where the A-card's 信息来源 has
 * a clear counterpart among the customer's 客户来源 it is taken, the rest
 * are left for the staff member. */
static const char *source_of(const char *info_source)
{
	static const char *const map[][2] = {
		{ "路过", "自来" }, { "车展", "店外营销" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i][0], info_source) == 0)
			return map[i][1];
	return info_source;
}

static const char *age_band(int age)
{
	return age <= 0 ? "" : age <= 25 ? "25岁以下" : age <= 35 ? "26-35岁" : age <= 45 ? "36-45岁"
	       : age <= 55 ? "46-55岁" : "56岁以上";
}

enum st_status acard_prefill_customer(struct st_db *db, const char *card_no, struct rec *cust,
                                      char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db,
		"SELECT card_no, name, coalesce(sex,''), coalesce(mobile,''), coalesce(address,''),"
		" coalesce(industry,''), coalesce(purpose,''), coalesce(age,0), coalesce(info_source,''),"
		" coalesce(want_model,''), coalesce(color,''), coalesce(config,''), coalesce(buy_method,''),"
		" consultant, status FROM acards WHERE card_no=?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, card_no, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return st_fail(db, rc, "读取A卡", err, errsz);
		snprintf(err, errsz, "潜客编号：找不到 A卡 %s", card_no);
		return ST_NOTFOUND;
	}
	static const char *const keys[] = { "prospect_no", "name", "sex", "mobile", "address", "industry",
	                                    "purpose" };
	for (int i = 0; i < 7; i++) {
		char v[256];
		st_col(s, i, v, sizeof v);
		fill(cust, keys[i], v);
	}
	char v[256];
	fill(cust, "age_band", age_band(sqlite3_column_int(s, 7)));
	st_col(s, 8, v, sizeof v);
	fill(cust, "source", source_of(v));
	/* 新车销售建档 is left for the delivery: at 成交 the car is ordered, and
	 * the archive's VIN, invoice and dates are not known yet (the archive is
	 * due within 3 days of delivery, SHEETS.md §1) */
	static const char *const car[] = { "model", "color", "config", "pay_method", "consultant" };
	for (int i = 0; i < 5; i++) {
		st_col(s, 9 + i, v, sizeof v);
		fill(cust, car[i], v);
	}
	sqlite3_reset(s);
	/* an A-card is a person's */
	fill(cust, "nature", "个人");
	fill(cust, "category", "个人");
	return ST_OK;
}

int acard_held_by(struct st_db *db, const char *card_no, int64_t customer_id, char *who, size_t whosz, char *err,
                  size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT c.cust_no || ' ' || c.name FROM acards a JOIN customers c"
	                              " ON c.id = a.customer_id WHERE a.card_no = ?1 AND a.customer_id <> ?2",
	                          err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, card_no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, customer_id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		st_col(s, 0, who, whosz);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "读取 A卡", err, errsz), -1;
	return rc == SQLITE_ROW;
}

enum st_status acard_link_customer(struct st_db *db, const char *card_no, int64_t customer_id,
                                   const char *staff, char *err, size_t errsz)
{
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	struct card_facts cf;
	st = facts(db, card_no, &cf, err, errsz);
	/* one card, one customer: a second would take the first one's link */
	char who[200];
	int held = st == ST_OK ? acard_held_by(db, card_no, customer_id, who, sizeof who, err, errsz) : 0;
	if (held < 0)
		st = ST_ERROR;
	else if (held) {
		snprintf(err, errsz, "潜客编号：A卡 %s 已建客户档案（%s），一张 A卡只对应一位客户", card_no, who);
		st = ST_CONSTRAINT;
	}
	sqlite3_stmt *s;
	if (st == ST_OK && (s = st_stmt(db, "UPDATE acards SET customer_id=? WHERE id=?", err, errsz)) != NULL) {
		sqlite3_bind_int64(s, 1, customer_id);
		sqlite3_bind_int64(s, 2, cf.id);
		st = st_step(db, s, "关联客户", err, errsz);
	} else if (st == ST_OK) {
		st = ST_ERROR;
	}
	if (st == ST_OK) {
		char detail[128];
		snprintf(detail, sizeof detail, "A卡 %s 建客户档案（内部编号 %lld）", card_no, (long long)customer_id);
		st = audit_append(db, staff, "A卡转客户", card_no, detail, err, errsz);
	}
	return st_end_own(db, own, st, err, errsz);
}

int64_t acard_customer_of(struct st_db *db, const char *card_no, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT coalesce(customer_id, 0) FROM acards WHERE card_no=?", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, card_no, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		st_fail(db, rc, "读取 A卡", err, errsz);
		id = -1;
	}
	sqlite3_reset(s);
	return id;
}

/* ---- lists ---- */

#define ROW_COLS "SELECT id, card_no, name, coalesce(mobile,''), consultant, coalesce(level,''), " \
	"coalesce(next_date,''), status, created_date, coalesce(review_at,''), " \
	"(" ACTIVE " AND next_date < ?1) FROM acards "
/* One statement per filter, so that each pages on its own index in
 * next-date order (overdue, the earliest dates, come first). */
static const char L_ALL[] = ROW_COLS "WHERE " ACTIVE
	" ORDER BY next_date, id LIMIT ?4 OFFSET ?5";
static const char L_CONS[] = ROW_COLS "WHERE " ACTIVE " AND consultant=?2"
	" ORDER BY next_date, id LIMIT ?4 OFFSET ?5";
static const char L_LEVEL[] = ROW_COLS "WHERE " ACTIVE " AND level=?3"
	" ORDER BY next_date, id LIMIT ?4 OFFSET ?5";
static const char L_BOTH[] = ROW_COLS "WHERE " ACTIVE " AND consultant=?2 AND level=?3"
	" ORDER BY next_date, id LIMIT ?4 OFFSET ?5";
/* Awaiting the manager's review: never reviewed, or closed or followed up
 * since the last review. */
#define AWAITING_REVIEW "(review_at IS NULL OR closed_at > review_at" \
	" OR EXISTS (SELECT 1 FROM acard_followups f WHERE f.card_no = acards.card_no" \
	" AND substr(f.created_at,1,16) > acards.review_at))"
static const char L_REVIEW[] = ROW_COLS "WHERE " AWAITING_REVIEW
	" ORDER BY created_date, id LIMIT ?4 OFFSET ?5";

/* Ended cards: the day it ended where an active card shows its next call */
#define CLOSED "status IN ('成交','战败')"
#define CLOSED_COLS "SELECT id, card_no, name, coalesce(mobile,''), consultant, coalesce(level,''), " \
	"substr(coalesce(closed_at,''),1,10), status, created_date, coalesce(review_at,''), 0 FROM acards "
static const char L_CLOSED[] = CLOSED_COLS "WHERE " CLOSED
	" ORDER BY closed_at DESC, id DESC LIMIT ?4 OFFSET ?5";
/* One consultant's whose account has had no other name: on the name's
 * index.  The earlier names of ?2's account, when it has any, widen it to
 * those cards; they are read off the list's order (closed_at), so that it
 * pages without sorting (the + keeps the planner off the name's index,
 * which holds each name's cards apart). */
#define OLD_NAMES "SELECT sr.old_name FROM staff_renames sr JOIN staff s ON s.id = sr.staff_id WHERE s.name = ?2"
#define CLOSED_OF "WHERE " CLOSED " AND consultant=?2 AND " NOW_CONS "=?2"
#define CLOSED_OF_RENAMED "WHERE " CLOSED " AND (+consultant=?2 OR +consultant IN (" OLD_NAMES "))" \
	" AND " NOW_CONS "=?2"
static const char L_CLOSED_CONS[] = CLOSED_COLS CLOSED_OF " ORDER BY closed_at DESC, id DESC LIMIT ?4 OFFSET ?5";
static const char L_CLOSED_RENAMED[] = CLOSED_COLS CLOSED_OF_RENAMED
	" ORDER BY closed_at DESC, id DESC LIMIT ?4 OFFSET ?5";

static int read_rows(struct st_db *db, sqlite3_stmt *s, struct acard_row *out, int max, char *err,
                     size_t errsz)
{
	int n = 0, rc = SQLITE_DONE;
	while (n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct acard_row *w = &out[n++];
		w->id = sqlite3_column_int64(s, 0);
		st_col(s, 1, w->card_no, sizeof w->card_no);
		st_col(s, 2, w->name, sizeof w->name);
		st_col(s, 3, w->mobile, sizeof w->mobile);
		st_col(s, 4, w->consultant, sizeof w->consultant);
		st_col(s, 5, w->level, sizeof w->level);
		st_col(s, 6, w->next_date, sizeof w->next_date);
		st_col(s, 7, w->status, sizeof w->status);
		st_col(s, 8, w->created_date, sizeof w->created_date);
		st_col(s, 9, w->review_at, sizeof w->review_at);
		w->overdue = sqlite3_column_int(s, 10);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		st_fail(db, rc, "读取A卡列表", err, errsz);
		return -1;
	}
	return n;
}

static const char *given(const char *s) { return s && *s ? s : NULL; }

int acard_list(struct st_db *db, const struct acard_filter *f, long offset, struct acard_row *out,
               int max, char *err, size_t errsz)
{
	const char *cons = f ? given(f->consultant) : NULL, *level = f ? given(f->level) : NULL;
	const char *sql = cons && level ? L_BOTH : cons ? L_CONS : level ? L_LEVEL : L_ALL;
	sqlite3_stmt *s = st_stmt(db, sql, err, errsz);
	if (!s)
		return -1;
	char d[11];
	val_today_iso(d);
	sqlite3_bind_text(s, 1, d, -1, SQLITE_TRANSIENT);
	if (cons)
		sqlite3_bind_text(s, 2, cons, -1, SQLITE_TRANSIENT);
	if (level)
		sqlite3_bind_text(s, 3, level, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, max);
	sqlite3_bind_int64(s, 5, offset);
	return read_rows(db, s, out, max, err, errsz);
}

long acard_count(struct st_db *db, const struct acard_filter *f, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT count(*) FROM acards WHERE " ACTIVE
	                              " AND (?1 IS NULL OR consultant=?1) AND (?2 IS NULL OR level=?2)",
	                          err, errsz);
	if (!s)
		return -1;
	st_bind_text(s, 1, f ? f->consultant : NULL);
	st_bind_text(s, 2, f ? f->level : NULL);
	int rc = sqlite3_step(s);
	long n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : -1;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		st_fail(db, rc, "统计A卡", err, errsz);
	return n;
}

int acard_consultant_now(struct st_db *db, int64_t id, char *name, size_t namesz, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT CASE WHEN " CLOSED " THEN " NOW_CONS " ELSE consultant END"
	                              " FROM acards WHERE id=?", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		st_col(s, 0, name, namesz);
	else
		*name = 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		st_fail(db, rc, "读取A卡", err, errsz);
		return -1;
	}
	return 0;
}

/* Whether the account named cons has had other names (1), 0 if not, -1
 * with err: which of the ended lists' statements is its. */
static int renamed(struct st_db *db, const char *cons, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT EXISTS (" OLD_NAMES ")", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 2, cons, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s), r = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		st_fail(db, rc, "读取员工改名记录", err, errsz);
	return r;
}

int acard_closed_list(struct st_db *db, const char *consultant, long offset, struct acard_row *out, int max,
                      char *err, size_t errsz)
{
	const char *cons = given(consultant);
	int re = cons ? renamed(db, cons, err, errsz) : 0;
	if (re < 0)
		return -1;
	sqlite3_stmt *s = st_stmt(db, !cons ? L_CLOSED : re ? L_CLOSED_RENAMED : L_CLOSED_CONS, err, errsz);
	if (!s)
		return -1;
	if (cons)
		sqlite3_bind_text(s, 2, cons, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, max);
	sqlite3_bind_int64(s, 5, offset);
	return read_rows(db, s, out, max, err, errsz);
}

long acard_closed_count(struct st_db *db, const char *consultant, char *err, size_t errsz)
{
	const char *cons = given(consultant);
	int re = cons ? renamed(db, cons, err, errsz) : 0;
	if (re < 0)
		return -1;
	sqlite3_stmt *s = st_stmt(db, !cons ? "SELECT count(*) FROM acards WHERE " CLOSED
	                          : re ? "SELECT count(*) FROM acards " CLOSED_OF_RENAMED
	                               : "SELECT count(*) FROM acards " CLOSED_OF, err, errsz);
	if (!s)
		return -1;
	if (cons)
		sqlite3_bind_text(s, 2, cons, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	long n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : -1;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		st_fail(db, rc, "统计A卡", err, errsz);
	return n;
}

int acard_awaiting_review(struct st_db *db, long offset, struct acard_row *out, int max,
                          char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, L_REVIEW, err, errsz);
	if (!s)
		return -1;
	char d[11];
	val_today_iso(d);
	sqlite3_bind_text(s, 1, d, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, max);
	sqlite3_bind_int64(s, 5, offset);
	return read_rows(db, s, out, max, err, errsz);
}

int acard_tallies(struct st_db *db, struct acard_tally *out, int max, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db,
		"SELECT a.consultant, coalesce(a.level,''), count(*), sum(a.next_date < ?1)"
		" FROM acards a LEFT JOIN intent_levels l ON l.code = a.level WHERE a." ACTIVE
		" GROUP BY a.consultant, a.level ORDER BY a.consultant, min(coalesce(l.sort, 1e9)), a.level",
		err, errsz);
	if (!s)
		return -1;
	char d[11];
	val_today_iso(d);
	sqlite3_bind_text(s, 1, d, -1, SQLITE_TRANSIENT);
	int n = 0, rc = SQLITE_DONE;
	while (n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct acard_tally *t = &out[n++];
		st_col(s, 0, t->consultant, sizeof t->consultant);
		st_col(s, 1, t->level, sizeof t->level);
		t->cards = (long)sqlite3_column_int64(s, 2);
		t->overdue = (long)sqlite3_column_int64(s, 3);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		st_fail(db, rc, "统计A卡", err, errsz);
		return -1;
	}
	return n;
}

/* How many rows acard_awaiting_review has (-1 on error): the manager's
 * list shows where it stands. */
long acard_awaiting_count(struct st_db *db, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT count(*) FROM acards WHERE " AWAITING_REVIEW, err, errsz);
	if (!s)
		return -1;
	int rc = sqlite3_step(s);
	long n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : -1;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		st_fail(db, rc, "统计待审核A卡", err, errsz);
	return n;
}

/* Whether the card awaits review as the 待审核 list reads it: 1, 0 when
 * its signature covers what it holds, -1 on error. */
int acard_awaits_review(struct st_db *db, int64_t id, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT coalesce(" AWAITING_REVIEW ", 0) FROM acards WHERE id = ?", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	enum st_status st = st_row(db, s, "读取A卡审核", err, errsz);
	int v = st == ST_OK ? sqlite3_column_int(s, 0) != 0 : -1;
	sqlite3_reset(s);
	return v;
}
