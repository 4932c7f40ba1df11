/* audit — the usage log in SQLite.  Each entry's hash covers its id, time,
 * staff, action, customer number, detail and the previous entry's hash;
 * the first entry links to 64 zeros.  The schema's triggers refuse UPDATE
 * and DELETE, and the chain catches whoever goes around them with another
 * tool.  Without a secret key, someone who rewrites every later hash too
 * is caught only by comparing the last hash with a copy kept elsewhere
 * (audit_verify reports it for that purpose). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/audit.h"
#include "desk4s/auth.h"
#include "desk4s/clock.h"
#include "desk4s/sha256.h"
#include "desk4s/staff.h"
#include "store_impl.h"

static const char ZERO_HASH[] = "0000000000000000000000000000000000000000000000000000000000000000";

/* Length-prefixed fields, so that moving text from one field into the next
 * changes the hash.  NULL and "" hash alike: the store keeps "" as NULL. */
static void put(struct sha256 *c, const char *s)
{
	char n[24];
	size_t len = s ? strlen(s) : 0;
	int k = snprintf(n, sizeof n, "%zu:", len);
	sha256_update(c, n, (size_t)k);
	if (len)
		sha256_update(c, s, len);
	sha256_update(c, ";", 1);
}

static void entry_hash(int64_t id, const char *at, const char *staff, const char *action,
                       const char *cust, const char *detail, const char *prev, char out[65])
{
	struct sha256 c;
	unsigned char d[32];
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)id);
	sha256_init(&c);
	put(&c, "desk4s-audit-1");
	put(&c, idtxt);
	put(&c, at);
	put(&c, staff);
	put(&c, action);
	put(&c, cust);
	put(&c, detail);
	put(&c, prev);
	sha256_final(&c, d);
	sha256_tohex(d, out);
}

static const char *col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? (const char *)t : "";
}

static enum st_status append(struct st_db *db, const char *staff, const char *action,
                             const char *cust, const char *detail, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", err, errsz);
	if (!s)
		return ST_ERROR;
	int64_t id = 1;
	char prev[65];
	snprintf(prev, sizeof prev, "%s", ZERO_HASH);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0) + 1;
		snprintf(prev, sizeof prev, "%s", col(s, 1));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "写入使用日志", err, errsz);

	char at[24];
	clk_now(at, sizeof at);
	if (!staff || !*staff)
		staff = "（系统）";
	size_t dn = detail ? strlen(detail) + 1 : 1;
	char *masked = malloc(dn);
	if (!masked) {
		snprintf(err, errsz, "写入使用日志失败：内存不足");
		return ST_ERROR;
	}
	auth_mask_text(detail ? detail : "", masked, dn);
	char hash[65];
	entry_hash(id, at, staff, action, cust, masked, prev, hash);

	s = st_stmt(db, "INSERT INTO audit_log(id, at, staff, action, customer_no, detail, prev_hash, hash)"
	                " VALUES(?,?,?,?,?,?,?,?)", err, errsz);
	if (!s) {
		free(masked);
		return ST_ERROR;
	}
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, staff, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, action, -1, SQLITE_TRANSIENT);
	st_bind_text(s, 5, cust);
	st_bind_text(s, 6, masked);
	sqlite3_bind_text(s, 7, prev, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 8, hash, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	free(masked);
	return rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "写入使用日志", err, errsz);
}

/* audit_hold's entry.  Static: a command holds its login's entry once. */
static struct {
	const struct st_db *db; /* NULL: none held */
	char staff[64], action[32], detail[512];
} held;

int audit_hold(struct st_db *db, const char *staff, const char *action, const char *detail)
{
	if (held.db)
		return -1;
	snprintf(held.staff, sizeof held.staff, "%s", staff ? staff : "");
	snprintf(held.action, sizeof held.action, "%s", action);
	snprintf(held.detail, sizeof held.detail, "%s", detail ? detail : "");
	held.db = db;
	return 0;
}

int audit_held(const struct st_db *db) { return db && held.db == db; }

/* action NULL: only the held entry */
static enum st_status append_own(struct st_db *db, const char *staff, const char *action,
                                 const char *customer_no, const char *detail, char *err, size_t errsz)
{
	/* tried once, whatever comes of it: a failure is the caller's to say,
	 * and trying again at the next append would wait out the busy time
	 * twice */
	int with_held = audit_held(db);
	if (with_held)
		held.db = NULL;
	enum st_status st = st_begin(db, err, errsz);
	if (st != ST_OK)
		return st;
	if (with_held)
		st = append(db, held.staff, held.action, NULL, held.detail, err, errsz);
	if (st == ST_OK && action)
		st = append(db, staff, action, customer_no, detail, err, errsz);
	if (st != ST_OK) {
		st_rollback(db);
		return st;
	}
	return st_commit(db, err, errsz);
}

enum st_status audit_append(struct st_db *db, const char *staff, const char *action,
                            const char *customer_no, const char *detail, char *err, size_t errsz)
{
	/* reading the last hash and inserting must not interleave with another
	 * terminal's append: inside BEGIN IMMEDIATE either way.  The held entry
	 * waits for an append of its own: the caller's transaction may yet be
	 * rolled back. */
	if (st_in_txn(db))
		return append(db, staff, action, customer_no, detail, err, errsz);
	return append_own(db, staff, action, customer_no, detail, err, errsz);
}

enum st_status audit_flush(struct st_db *db, char *err, size_t errsz)
{
	if (!audit_held(db))
		return ST_OK;
	return append_own(db, NULL, NULL, NULL, NULL, err, errsz);
}

/* An item of a change entry starts the detail or follows "；", and its
 * label ends at ": " (each field of a save) or "：" (a consent command). */
static int names_label(const char *detail, const char *label)
{
	size_t n = strlen(label);
	for (const char *p = detail; p; p = strstr(p, "；")) {
		if (p != detail)
			p += strlen("；");
		if (strncmp(p, label, n) == 0 && (strncmp(p + n, ": ", 2) == 0 || strncmp(p + n, "：", strlen("：")) == 0))
			return 1;
	}
	return 0;
}

int audit_field_changed_after(struct st_db *db, const char *customer_no, const char *label, const char *since,
                              char at[20], char *who, size_t whosz, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT at, staff, detail FROM audit_log WHERE customer_no = ?1"
	                              " AND action = '修改客户' AND at > ?2 ORDER BY id DESC", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, customer_no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, since, -1, SQLITE_TRANSIENT);
	int rc = SQLITE_DONE, found = 0;
	while (!found && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!names_label(col(s, 2), label))
			continue;
		found = 1;
		snprintf(at, 20, "%s", col(s, 0));
		snprintf(who, whosz, "%s", col(s, 1));
	}
	sqlite3_reset(s);
	if (!found && rc != SQLITE_DONE) {
		st_fail(db, rc, "读取使用日志", err, errsz);
		return -1;
	}
	return found;
}

/* audit_verify reads through the connection's cached statements (which
 * also honour a pending stop); audit_verify_handle through statements of
 * its own on a bare handle, e.g. a backup file that is not to be opened as
 * a desk4s database.  One walk serves both. */
struct src {
	struct st_db *db; /* or NULL: */
	sqlite3 *h;
};

static sqlite3_stmt *src_stmt(struct src *x, const char *sql, char *err, size_t errsz)
{
	if (x->db)
		return st_stmt(x->db, sql, err, errsz);
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(x->h, sql, -1, &s, NULL) != SQLITE_OK) {
		snprintf(err, errsz, "校验使用日志失败：%s", sqlite3_errmsg(x->h));
		return NULL;
	}
	return s;
}

static void src_done(struct src *x, sqlite3_stmt *s)
{
	if (x->db)
		sqlite3_reset(s);
	else
		sqlite3_finalize(s);
}

static void src_fail(struct src *x, int rc, char *err, size_t errsz)
{
	if (x->db)
		st_fail(x->db, rc, "校验使用日志", err, errsz);
	else
		snprintf(err, errsz, "校验使用日志失败：%s", sqlite3_errmsg(x->h));
}

static const char *const GUARDS[] = { "audit_log_no_update", "audit_log_no_delete" };

/* 1 when both triggers exist; the missing ones' names into c->unguarded */
static int guarded(struct src *x, struct audit_check *c, char *err, size_t errsz)
{
	sqlite3_stmt *s = src_stmt(x, "SELECT name FROM sqlite_master WHERE type='trigger' AND "
	                              "tbl_name='audit_log' AND name IN ('audit_log_no_update','audit_log_no_delete')",
	                           err, errsz);
	if (!s) {
		snprintf(c->unguarded, sizeof c->unguarded, "%s、%s", GUARDS[0], GUARDS[1]);
		return 0;
	}
	int found[2] = { 0, 0 }, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		for (int i = 0; i < 2; i++)
			if (strcmp(col(s, 0), GUARDS[i]) == 0)
				found[i] = 1;
	src_done(x, s);
	if (rc != SQLITE_DONE) {
		/* a file that cannot be read is not a file someone tampered with */
		snprintf(err, errsz, "读取使用日志的保护触发器失败（错误 %d）", rc);
		return -1;
	}
	for (int i = 0; i < 2; i++)
		if (!found[i])
			snprintf(c->unguarded + strlen(c->unguarded), sizeof c->unguarded - strlen(c->unguarded),
			         "%s%s", c->unguarded[0] ? "、" : "", GUARDS[i]);
	return found[0] && found[1];
}

static int64_t verify(struct src *x, struct audit_check *out, char *err, size_t errsz)
{
	struct audit_check local;
	struct audit_check *c = out ? out : &local;
	memset(c, 0, sizeof *c);
	c->guarded = guarded(x, c, err, errsz);
	if (c->guarded < 0)
		return -1;
	sqlite3_stmt *s = src_stmt(x, "SELECT id, at, staff, action, customer_no, detail, prev_hash, hash"
	                              " FROM audit_log ORDER BY id", err, errsz);
	if (!s)
		return -1;
	char prev[65];
	snprintf(prev, sizeof prev, "%s", ZERO_HASH);
	int64_t expect = 1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		c->entries++;
		if (id != expect) {
			c->broken = expect;
			if (expect == 1)
				snprintf(c->why, sizeof c->why, "第 1 条至第 %lld 条缺失（被删除）", (long long)(id - 1));
			else if (id == expect + 1)
				snprintf(c->why, sizeof c->why, "第 %lld 条缺失（被删除）：第 %lld 条之后是第 %lld 条",
				         (long long)expect, (long long)(expect - 1), (long long)id);
			else
				snprintf(c->why, sizeof c->why, "第 %lld 条至第 %lld 条缺失（被删除）",
				         (long long)expect, (long long)(id - 1));
			break;
		}
		char h[65];
		entry_hash(id, col(s, 1), col(s, 2), col(s, 3), col(s, 4), col(s, 5), col(s, 6), h);
		if (strcmp(h, col(s, 7)) != 0) {
			c->broken = id;
			snprintf(c->why, sizeof c->why, "第 %lld 条的内容与其哈希不符（被改动）", (long long)id);
			break;
		}
		if (strcmp(col(s, 6), prev) != 0) {
			/* this entry is intact but does not link to the one before:
			 * the one before was rewritten along with its hash */
			c->broken = id > 1 ? id - 1 : 1;
			snprintf(c->why, sizeof c->why,
			         "第 %lld 条与前一条的链接不符：第 %lld 条被改动并重算了哈希（或被替换）",
			         (long long)id, (long long)c->broken);
			break;
		}
		snprintf(prev, sizeof prev, "%s", col(s, 7));
		c->last_id = id;
		snprintf(c->last_hash, sizeof c->last_hash, "%s", prev);
		expect = id + 1;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		src_fail(x, rc, err, errsz);
		src_done(x, s);
		return -1;
	}
	src_done(x, s);
	if (c->broken == 0) {
		/* the newest entry, even when the walk stopped early */
		sqlite3_stmt *l = src_stmt(x, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", err, errsz);
		if (l && sqlite3_step(l) == SQLITE_ROW) {
			c->last_id = sqlite3_column_int64(l, 0);
			snprintf(c->last_hash, sizeof c->last_hash, "%s", col(l, 1));
		}
		if (l)
			src_done(x, l);
	}
	return c->broken;
}

int64_t audit_verify(struct st_db *db, struct audit_check *out, char *err, size_t errsz)
{
	struct src x = { db, NULL };
	return verify(&x, out, err, errsz);
}

int64_t audit_verify_handle(sqlite3 *h, struct audit_check *out, char *err, size_t errsz)
{
	struct src x = { NULL, h };
	return verify(&x, out, err, errsz);
}

/* One statement per leading filter, so SQLite can use that filter's index;
 * the other filters ride along as "?n IS NULL OR ..." terms. */
#define Q_COLS "SELECT id, at, staff, action, customer_no, detail FROM audit_log WHERE "
#define Q_REST " (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < date(?2, '+1 day'))" \
	" AND (?3 IS NULL OR staff = ?3) AND (?4 IS NULL OR customer_no = ?4) AND id > ?5" \
	" ORDER BY id LIMIT ?6"
static const char Q_CUST[] = Q_COLS "customer_no = ?4 AND" Q_REST;
static const char Q_STAFF[] = Q_COLS "staff = ?3 AND" Q_REST;
static const char Q_ANY[] = Q_COLS Q_REST;

static int valid_date(const char *d)
{
	if (!d)
		return 1;
	if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return 0;
	return 1;
}

static const char *nz(const char *s) { return s && *s ? s : NULL; }

enum st_status audit_query(struct st_db *db, struct staff_me *reader, const struct audit_filter *f,
                           int (*cb)(void *ctx, const struct audit_entry *e), void *ctx,
                           char *err, size_t errsz)
{
	/* the log holds who looked at whom: reading it is guarded like the data */
	enum st_status st = staff_check(db, reader, AUTH_READ_LOG, err, errsz);
	if (st != ST_OK)
		return st;
	struct audit_filter none = { 0 };
	if (!f)
		f = &none;
	if (!valid_date(nz(f->from)) || !valid_date(nz(f->to))) {
		snprintf(err, errsz, "日期应为 YYYY-MM-DD：%s", valid_date(nz(f->from)) ? f->to : f->from);
		return ST_CONSTRAINT;
	}
	const char *sql = nz(f->customer_no) ? Q_CUST : nz(f->staff) ? Q_STAFF : Q_ANY;
	sqlite3_stmt *s = st_stmt(db, sql, err, errsz);
	if (!s)
		return ST_ERROR;
	st_bind_text(s, 1, nz(f->from));
	st_bind_text(s, 2, nz(f->to));
	st_bind_text(s, 3, nz(f->staff));
	st_bind_text(s, 4, nz(f->customer_no));
	sqlite3_bind_int64(s, 5, f->after_id);
	sqlite3_bind_int(s, 6, f->limit > 0 ? f->limit : -1);
	int rc;
	long n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_entry e = { sqlite3_column_int64(s, 0), col(s, 1), col(s, 2), col(s, 3),
		                         col(s, 4), col(s, 5) };
		n++;
		if (cb(ctx, &e))
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, "读取使用日志", err, errsz);
	char detail[512];
	snprintf(detail, sizeof detail, "条件：从 %s 到 %s，员工 %s，客户 %s；%ld 条",
	         nz(f->from) ? f->from : "最早", nz(f->to) ? f->to : "最新", nz(f->staff) ? f->staff : "全部",
	         nz(f->customer_no) ? f->customer_no : "全部", n);
	return audit_append(db, reader->login, "查看使用日志", NULL, detail, err, errsz);
}
