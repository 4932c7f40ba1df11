/* staff — accounts and login in SQLite.  Passwords are kept only as
 * yescrypt hashes (auth.c); the failure count and the lock live in the
 * row, so every terminal sees the same lock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/audit.h"
#include "desk4s/clock.h"
#include "desk4s/staff.h"
#include "desk4s/text.h"
#include "store_impl.h"

static const char *col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? (const char *)t : "";
}

static enum st_status step_done(struct st_db *db, sqlite3_stmt *s, const char *what, char *err,
                                size_t errsz)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, what, err, errsz);
}

const char *staff_sheet_name(const struct staff_me *me)
{
	return *me->name ? me->name : me->login;
}

int64_t staff_count(struct st_db *db)
{
	char err[128];
	sqlite3_stmt *s = st_stmt(db, "SELECT count(*) FROM staff", err, sizeof err);
	if (!s)
		return -1;
	int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_reset(s);
	return n;
}

const char *staff_login_problem(const char *login)
{
	size_t n = login ? strlen(login) : 0;
	if (n == 0)
		return "登录名不能为空";
	if (n > STAFF_LOGIN_MAX)
		return "登录名太长：最多 32 个字符";
	for (const char *p = login; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return "登录名只能用英文字母、数字、点、下划线和减号";
	}
	if (login[0] == '-')
		return "登录名不能以减号开头";
	return NULL;
}

/* ---- sessions --------------------------------------------------------- */

struct row {
	char name[97];
	int role;
	int disabled;
	int failed;
	char locked_until[20];
	char *hash; /* malloc'd */
};

/* 1 found, 0 missing, -1 error */
static int load(struct st_db *db, const char *login, struct row *r, char *err, size_t errsz)
{
	memset(r, 0, sizeof *r);
	sqlite3_stmt *s = st_stmt(db, "SELECT name, role, disabled, failed_logins, coalesce(locked_until,''),"
	                              " coalesce(pw_hash,'') FROM staff WHERE login = ?", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(r->name, sizeof r->name, "%s", col(s, 0));
		r->role = auth_role_parse(col(s, 1));
		r->disabled = sqlite3_column_int(s, 2);
		r->failed = sqlite3_column_int(s, 3);
		snprintf(r->locked_until, sizeof r->locked_until, "%s", col(s, 4));
		r->hash = strdup(col(s, 5));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW && !r->hash) {
		snprintf(err, errsz, "内存不足");
		return -1;
	}
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	st_fail(db, rc, "读取员工账号", err, errsz);
	return -1;
}

static void row_free(struct row *r)
{
	if (r->hash) {
		auth_wipe(r->hash, strlen(r->hash));
		free(r->hash);
	}
	r->hash = NULL;
}

/* A hash to check against when the login is unknown, so that an unknown
 * login costs as long as a wrong password and does not reveal itself. */
static const char *dummy_hash(void)
{
	static char h[AUTH_HASH_MAX];
	char err[128];
	if (!h[0] && auth_hash_password("desk4s-no-such-account", h, sizeof h, err, sizeof err) != 0)
		h[0] = 0;
	return h;
}

/* now + STAFF_LOCK_MINUTES, in the same text form as now */
static enum st_status lock_end(struct st_db *db, const char *now, char *out, size_t outsz, char *err,
                               size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT datetime(?1, '+' || ?2 || ' minutes')", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, STAFF_LOCK_MINUTES);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		snprintf(out, outsz, "%s", col(s, 0));
	sqlite3_reset(s);
	return rc == SQLITE_ROW && out[0] ? ST_OK : st_fail(db, rc, "计算锁定时间", err, errsz);
}

static enum staff_rc login_txn(struct st_db *db, const char *login, const char *password,
                               struct staff_me *me, char *err, size_t errsz)
{
	char now[24];
	clk_now(now, sizeof now);
	struct row r;
	int found = load(db, login, &r, err, errsz);
	if (found < 0)
		return STAFF_ERROR;
	const char *wrong = "登录名或密码不正确（连续 5 次错误将锁定账号 15 分钟）";
	if (!found) {
		auth_check_password(password, dummy_hash());
		/* the typed login is not logged: people type passwords there */
		if (audit_append(db, "（未知账号）", "登录失败", NULL, "未知登录名", err, errsz) != ST_OK)
			return STAFF_ERROR;
		snprintf(err, errsz, "%s", wrong);
		return STAFF_BADPW;
	}
	enum staff_rc out;
	char detail[160];
	if (r.locked_until[0] && strcmp(r.locked_until, now) > 0) {
		snprintf(detail, sizeof detail, "账号锁定中（至 %s）", r.locked_until);
		snprintf(err, errsz, "账号 %s 已锁定（连续 %d 次密码错误），请于 %s 后再试，或请管理员解锁",
		         login, STAFF_LOCK_AFTER, r.locked_until);
		out = STAFF_LOCKED;
	} else if (!auth_check_password(password, r.hash)) {
		int failed = r.failed + 1;
		char until[24] = "";
		if (failed >= STAFF_LOCK_AFTER && lock_end(db, now, until, sizeof until, err, errsz) != ST_OK) {
			row_free(&r);
			return STAFF_ERROR;
		}
		/* after a lock the count starts again from zero */
		sqlite3_stmt *s = st_stmt(db, "UPDATE staff SET failed_logins = ?2, locked_until = ?3 WHERE login = ?1",
		                          err, errsz);
		if (!s) {
			row_free(&r);
			return STAFF_ERROR;
		}
		sqlite3_bind_text(s, 1, login, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 2, until[0] ? 0 : failed);
		st_bind_text(s, 3, until);
		if (step_done(db, s, "记录登录失败", err, errsz) != ST_OK) {
			row_free(&r);
			return STAFF_ERROR;
		}
		if (until[0]) {
			snprintf(detail, sizeof detail, "密码错误（连续第 %d 次），账号锁定至 %s", failed, until);
			snprintf(err, errsz, "密码连续 %d 次错误，账号 %s 已锁定至 %s；到时再试，或请管理员解锁",
			         failed, login, until);
			out = STAFF_LOCKED;
		} else {
			snprintf(detail, sizeof detail, "密码错误（连续第 %d 次）", failed);
			snprintf(err, errsz, "%s", wrong);
			out = STAFF_BADPW;
		}
	} else if (r.disabled) {
		snprintf(detail, sizeof detail, "账号已停用");
		snprintf(err, errsz, "账号 %s 已停用，不能登录；请联系管理员", login);
		out = STAFF_DISABLED;
	} else {
		sqlite3_stmt *s = st_stmt(db, "UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE login = ?",
		                          err, errsz);
		if (!s || (sqlite3_bind_text(s, 1, login, -1, SQLITE_TRANSIENT),
		           step_done(db, s, "登录", err, errsz)) != ST_OK) {
			row_free(&r);
			return STAFF_ERROR;
		}
		snprintf(me->login, sizeof me->login, "%s", login);
		snprintf(me->name, sizeof me->name, "%s", r.name);
		me->role = (enum auth_role)r.role;
		snprintf(detail, sizeof detail, "%s（%s）", r.name, auth_role_name(me->role));
		out = STAFF_OK;
	}
	row_free(&r);
	char aerr[256];
	if (audit_append(db, login, out == STAFF_OK ? "登录" : "登录失败", NULL, detail, aerr, sizeof aerr) != ST_OK) {
		snprintf(err, errsz, "%s", aerr);
		return STAFF_ERROR;
	}
	return out;
}

enum staff_rc staff_login(struct st_db *db, const char *login, const char *password,
                          struct staff_me *me, char *err, size_t errsz)
{
	memset(me, 0, sizeof *me);
	if (!login || !password || staff_login_problem(login)) {
		snprintf(err, errsz, "登录名或密码不正确");
		/* a malformed login is still an attempt worth logging */
		audit_append(db, "（未知账号）", "登录失败", NULL, "登录名格式不对", err, errsz);
		snprintf(err, errsz, "登录名或密码不正确");
		return STAFF_BADPW;
	}
	char terr[256];
	if (st_begin(db, terr, sizeof terr) != ST_OK) {
		snprintf(err, errsz, "%s", terr);
		return STAFF_ERROR;
	}
	enum staff_rc rc = login_txn(db, login, password, me, err, errsz);
	/* a failure is committed too: the count and the log entry must stay */
	if (rc == STAFF_ERROR) {
		st_rollback(db);
		return rc;
	}
	if (st_commit(db, terr, sizeof terr) != ST_OK) {
		snprintf(err, errsz, "%s", terr);
		memset(me, 0, sizeof *me);
		return STAFF_ERROR;
	}
	return rc;
}

enum staff_rc staff_login_reading(struct st_db *db, const char *login, const char *password,
                                  struct staff_me *me, char *err, size_t errsz)
{
	memset(me, 0, sizeof *me);
	if (login && password && !staff_login_problem(login)) {
		struct row r;
		int found = load(db, login, &r, err, errsz);
		if (found < 0)
			return STAFF_ERROR;
		/* hashed either way, so that an unknown login costs what a known
		 * one does here too */
		int right = auth_check_password(password, found ? r.hash : dummy_hash());
		if (found && right && !r.disabled && !r.failed && !r.locked_until[0]) {
			snprintf(me->login, sizeof me->login, "%s", login);
			snprintf(me->name, sizeof me->name, "%s", r.name);
			me->role = (enum auth_role)r.role;
			char detail[160];
			snprintf(detail, sizeof detail, "%s（%s）", r.name, auth_role_name(me->role));
			row_free(&r);
			if (audit_hold(db, login, "登录", detail) == 0)
				return STAFF_OK;
			memset(me, 0, sizeof *me);
		} else if (found) {
			row_free(&r);
		}
	}
	/* something to record in the account or the log at once */
	return staff_login(db, login, password, me, err, errsz);
}

enum staff_rc staff_require(struct st_db *db, struct staff_me *me, enum auth_perm p, char *err,
                            size_t errsz)
{
	if (!me || !me->login[0]) {
		snprintf(err, errsz, "需要先登录（%s）", auth_perm_name(p));
		return STAFF_ENDED;
	}
	sqlite3_stmt *s = st_stmt(db, "SELECT name, role, disabled FROM staff WHERE login = ?", err, errsz);
	if (!s)
		return STAFF_ERROR;
	sqlite3_bind_text(s, 1, me->login, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	int ended = 1;
	if (rc == SQLITE_ROW) {
		ended = sqlite3_column_int(s, 2) != 0;
		snprintf(me->name, sizeof me->name, "%s", col(s, 0));
		int role = auth_role_parse(col(s, 1));
		if (role >= 0)
			me->role = (enum auth_role)role;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		st_fail(db, rc, "检查权限", err, errsz);
		return STAFF_ERROR;
	}
	if (ended) {
		snprintf(err, errsz, "账号 %s 已停用，会话已结束；如需继续使用，请联系管理员启用", me->login);
		return STAFF_ENDED;
	}
	if (!auth_can(me->role, p)) {
		auth_refusal(me->role, p, err, errsz);
		return STAFF_DENIED;
	}
	return STAFF_OK;
}

enum st_status staff_check(struct st_db *db, struct staff_me *me, enum auth_perm p, char *err,
                           size_t errsz)
{
	switch (staff_require(db, me, p, err, errsz)) {
	case STAFF_OK:
		return ST_OK;
	case STAFF_ERROR:
		return ST_ERROR;
	default:
		return ST_CONSTRAINT;
	}
}

int staff_active(struct st_db *db, const char *login, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT 1 FROM staff WHERE login = ? AND disabled = 0", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_TRANSIENT);
	int64_t on = st_found_id(db, s, "读取员工账号", err, errsz);
	return on < 0 ? -1 : on != 0;
}

/* ---- account management ---------------------------------------------- */

static enum st_status check_new(const char *login, const char *name, const char *password, char *err,
                                size_t errsz)
{
	const char *why = staff_login_problem(login);
	if (why) {
		snprintf(err, errsz, "登录名：%s", why);
		return ST_CONSTRAINT;
	}
	if (!name || !*name) {
		snprintf(err, errsz, "姓名不能为空");
		return ST_CONSTRAINT;
	}
	if (strlen(name) > 96) {
		snprintf(err, errsz, "姓名太长：最多 32 个汉字");
		return ST_CONSTRAINT;
	}
	why = auth_password_problem(login, password ? password : "");
	if (why) {
		snprintf(err, errsz, "密码：%s", why);
		return ST_CONSTRAINT;
	}
	return ST_OK;
}

static enum st_status insert(struct st_db *db, const char *login, const char *name, enum auth_role role,
                             const char *password, char *err, size_t errsz)
{
	char hash[AUTH_HASH_MAX];
	if (auth_hash_password(password, hash, sizeof hash, err, errsz) != 0)
		return ST_ERROR;
	sqlite3_stmt *s = st_stmt(db, "INSERT INTO staff(login, name, role, pw_hash, created_at) VALUES(?,?,?,?,?)",
	                          err, errsz);
	if (!s)
		return ST_ERROR;
	char now[24];
	clk_now(now, sizeof now);
	sqlite3_bind_text(s, 1, login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, auth_role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return ST_OK;
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		snprintf(err, errsz, "登录名 %s 已被使用", login);
		return ST_CONSTRAINT;
	}
	return st_fail(db, rc, "新建员工账号", err, errsz);
}

/* End a write transaction: commit on success, else roll back. */
static enum st_status finish(struct st_db *db, enum st_status st, char *err, size_t errsz)
{
	if (st != ST_OK) {
		st_rollback(db);
		return st;
	}
	return st_commit(db, err, errsz);
}

enum st_status staff_first_admin(struct st_db *db, const char *login, const char *name,
                                 const char *password, struct staff_me *me, char *err, size_t errsz)
{
	if (!name || !*name)
		name = login;
	enum st_status st = check_new(login, name, password, err, errsz);
	if (st != ST_OK)
		return st;
	if ((st = st_begin(db, err, errsz)) != ST_OK)
		return st;
	/* counted inside the write lock: two first starts cannot both win */
	int64_t n = staff_count(db);
	if (n != 0) {
		snprintf(err, errsz, n < 0 ? "读取员工账号失败" :
		         "已有员工账号：新账号须由管理员登录后添加（desk4s --user 管理员 user add …）");
		return finish(db, n < 0 ? ST_ERROR : ST_CONSTRAINT, err, errsz);
	}
	st = insert(db, login, name, AUTH_ADMIN, password, err, errsz);
	if (st == ST_OK) {
		char detail[192];
		snprintf(detail, sizeof detail, "创建首个管理员 %s（%s）", login, name);
		st = audit_append(db, login, "账号变更", NULL, detail, err, errsz);
	}
	st = finish(db, st, err, errsz);
	if (st == ST_OK && me) {
		snprintf(me->login, sizeof me->login, "%s", login);
		snprintf(me->name, sizeof me->name, "%s", name);
		me->role = AUTH_ADMIN;
	}
	return st;
}

/* The sheets name people (销售顾问, 回访人, 服务顾问) and a consultant's own
 * cards are those under their name: two enabled accounts with one name
 * would share them.  ST_CONSTRAINT naming the other account, if any. */
static enum st_status name_free(struct st_db *db, const char *login, const char *name, char *err,
                                size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT login FROM staff WHERE name = ?1 AND disabled = 0 AND login <> ?2"
	                              " ORDER BY login LIMIT 1", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, login, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	enum st_status st = ST_OK;
	if (rc == SQLITE_ROW) {
		snprintf(err, errsz, "姓名 %s 已是账号 %s 的姓名：表单按姓名记销售顾问和服务顾问，同名的两个账号会共用"
		         "“我的A卡”，请加以区分（如 %s2、%s（售后））", name, (const char *)sqlite3_column_text(s, 0),
		         name, name);
		st = ST_CONSTRAINT;
	} else if (rc != SQLITE_DONE) {
		st = st_fail(db, rc, "读取员工账号", err, errsz);
	}
	sqlite3_reset(s);
	return st;
}

static enum st_status name_not_just_given_up(struct st_db *db, const char *taker, const char *name, char *err,
                                             size_t errsz);

enum st_status staff_add(struct st_db *db, struct staff_me *actor, const char *login, const char *name,
                         enum auth_role role, const char *password, char *err, size_t errsz)
{
	enum st_status st = staff_check(db, actor, AUTH_ADMINISTER, err, errsz);
	if (st != ST_OK)
		return st;
	if (!auth_role_name(role)) {
		snprintf(err, errsz, "角色：应为 前台、销售顾问、服务顾问、经理 或 管理员");
		return ST_CONSTRAINT;
	}
	if (!name || !*name)
		name = login;
	if ((st = check_new(login, name, password, err, errsz)) != ST_OK)
		return st;
	if ((st = st_begin(db, err, errsz)) != ST_OK)
		return st;
	st = name_free(db, login, name, err, errsz);
	if (st == ST_OK)
		st = name_not_just_given_up(db, login, name, err, errsz);
	if (st == ST_OK)
		st = insert(db, login, name, role, password, err, errsz);
	if (st == ST_OK) {
		char detail[192];
		snprintf(detail, sizeof detail, "新建账号 %s（%s，%s）", login, name, auth_role_name(role));
		st = audit_append(db, actor->login, "账号变更", NULL, detail, err, errsz);
	}
	return finish(db, st, err, errsz);
}

/* Enabled administrators other than login. */
static int other_admins(struct st_db *db, const char *login, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT count(*) FROM staff WHERE role = '管理员' AND disabled = 0"
	                              " AND login <> ?", err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_TRANSIENT);
	/* a read error is said, not taken for "no other administrator" */
	return (int)st_found_id(db, s, "读取管理员账号", err, errsz);
}

/* Start a change to an existing account: permission (p < 0: only a live
 * session), transaction, target. */
static enum st_status begin_change(struct st_db *db, struct staff_me *actor, int p,
                                   const char *login, struct row *r, char *err, size_t errsz)
{
	enum st_status st;
	if (p >= 0) {
		st = staff_check(db, actor, (enum auth_perm)p, err, errsz);
		if (st != ST_OK)
			return st;
	} else {
		/* an unread account is an error, not "disabled": the user is not told so falsely */
		int on = actor ? staff_active(db, actor->login, err, errsz) : 0;
		if (on < 0)
			return ST_ERROR;
		if (!on) {
			snprintf(err, errsz, "账号 %s 已停用，会话已结束；如需继续使用，请联系管理员启用", actor ? actor->login : "");
			return ST_CONSTRAINT;
		}
	}
	if ((st = st_begin(db, err, errsz)) != ST_OK)
		return st;
	int found = load(db, login ? login : "", r, err, errsz);
	if (found <= 0) {
		st_rollback(db);
		if (found == 0)
			snprintf(err, errsz, "没有登录名为 %s 的员工账号", login ? login : "");
		return found == 0 ? ST_NOTFOUND : ST_ERROR;
	}
	return ST_OK;
}

enum st_status staff_set_disabled(struct st_db *db, struct staff_me *actor, const char *login,
                                  int disabled, char *err, size_t errsz)
{
	struct row r;
	enum st_status st = begin_change(db, actor, AUTH_ADMINISTER, login, &r, err, errsz);
	if (st != ST_OK)
		return st;
	row_free(&r);
	if (!disabled && r.disabled && ((st = name_free(db, login, r.name, err, errsz)) != ST_OK ||
	                                (st = name_not_just_given_up(db, login, r.name, err, errsz)) != ST_OK))
		return finish(db, st, err, errsz);
	if (disabled && r.role == AUTH_ADMIN && !r.disabled) {
		int n = other_admins(db, login, err, errsz);
		if (n <= 0) {
			if (n == 0)
				snprintf(err, errsz, "不能停用最后一个管理员账号 %s：否则无人能管理账号", login);
			return finish(db, n == 0 ? ST_CONSTRAINT : ST_ERROR, err, errsz);
		}
	}
	sqlite3_stmt *s = st_stmt(db, "UPDATE staff SET disabled = ?2,"
	                              " failed_logins = CASE WHEN ?2 THEN failed_logins ELSE 0 END,"
	                              " locked_until = CASE WHEN ?2 THEN locked_until END WHERE login = ?1",
	                          err, errsz);
	if (!s)
		return finish(db, ST_ERROR, err, errsz);
	sqlite3_bind_text(s, 1, login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, disabled ? 1 : 0);
	st = step_done(db, s, disabled ? "停用账号" : "启用账号", err, errsz);
	if (st == ST_OK) {
		char detail[128];
		snprintf(detail, sizeof detail, "%s账号 %s", disabled ? "停用" : "启用", login);
		st = audit_append(db, actor->login, "账号变更", NULL, detail, err, errsz);
	}
	return finish(db, st, err, errsz);
}

enum st_status staff_set_password(struct st_db *db, struct staff_me *actor, const char *login,
                                  const char *password, char *err, size_t errsz)
{
	/* one's own password needs only a live session; another's, 管理 */
	int own = actor && login && strcmp(actor->login, login) == 0;
	struct row r;
	enum st_status st = begin_change(db, actor, own ? -1 : (int)AUTH_ADMINISTER, login, &r, err, errsz);
	if (st != ST_OK)
		return st;
	row_free(&r);
	const char *why = auth_password_problem(login, password ? password : "");
	if (why) {
		snprintf(err, errsz, "密码：%s", why);
		return finish(db, ST_CONSTRAINT, err, errsz);
	}
	char hash[AUTH_HASH_MAX];
	if (auth_hash_password(password, hash, sizeof hash, err, errsz) != 0)
		return finish(db, ST_ERROR, err, errsz);
	sqlite3_stmt *s = st_stmt(db, "UPDATE staff SET pw_hash = ?2, failed_logins = 0, locked_until = NULL"
	                              " WHERE login = ?1", err, errsz);
	if (!s)
		return finish(db, ST_ERROR, err, errsz);
	sqlite3_bind_text(s, 1, login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, hash, -1, SQLITE_TRANSIENT);
	st = step_done(db, s, "修改密码", err, errsz);
	if (st == ST_OK) {
		char detail[128];
		snprintf(detail, sizeof detail, "修改账号 %s 的密码", login);
		st = audit_append(db, actor->login, "账号变更", NULL, detail, err, errsz);
	}
	return finish(db, st, err, errsz);
}

enum st_status staff_set_role(struct st_db *db, struct staff_me *actor, const char *login,
                              enum auth_role role, char *err, size_t errsz)
{
	if (!auth_role_name(role)) {
		snprintf(err, errsz, "角色：应为 前台、销售顾问、服务顾问、经理 或 管理员");
		return ST_CONSTRAINT;
	}
	struct row r;
	enum st_status st = begin_change(db, actor, AUTH_ADMINISTER, login, &r, err, errsz);
	if (st != ST_OK)
		return st;
	row_free(&r);
	if (r.role == AUTH_ADMIN && role != AUTH_ADMIN && !r.disabled) {
		int n = other_admins(db, login, err, errsz);
		if (n <= 0) {
			if (n == 0)
				snprintf(err, errsz, "%s 是最后一个管理员，不能改为其他角色", login);
			return finish(db, n == 0 ? ST_CONSTRAINT : ST_ERROR, err, errsz);
		}
	}
	sqlite3_stmt *s = st_stmt(db, "UPDATE staff SET role = ?2 WHERE login = ?1", err, errsz);
	if (!s)
		return finish(db, ST_ERROR, err, errsz);
	sqlite3_bind_text(s, 1, login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, auth_role_name(role), -1, SQLITE_STATIC);
	st = step_done(db, s, "修改角色", err, errsz);
	if (st == ST_OK) {
		char detail[160];
		snprintf(detail, sizeof detail, "账号 %s 的角色：%s → %s", login,
		         r.role >= 0 ? auth_role_name((enum auth_role)r.role) : "?", auth_role_name(role));
		st = audit_append(db, actor->login, "账号变更", NULL, detail, err, errsz);
	}
	return finish(db, st, err, errsz);
}

/* ---- a new 姓名 ------------------------------------------------------- */

/* Why name cannot be an account's 姓名, or NULL: it is printed on sheets
 * and lists and matched as ownership, so no control characters (a line
 * break, a tab, an escape), text only, and as long as user add allows. */
static const char *name_problem(const char *name)
{
	size_t n = strlen(name);
	if (n == 0)
		return "姓名不能为空";
	if (!txt_valid_utf8(name, n))
		return "姓名含有不成文字的字节";
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += txt_decode(name + i, n - i, &cp);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 || cp == 0x2029)
			return "姓名不能含控制字符（如换行、制表符）";
	}
	if (n > 96)
		return "姓名太长：最多 32 个汉字";
	return NULL;
}

/* Another enabled account whose 姓名 is name as ownership compares names
 * (txt_same_folded: full- and half-width alike, spaces around ignored):
 * ST_CONSTRAINT naming it. */
static enum st_status name_free_folded(struct st_db *db, const char *login, const char *name, char *err,
                                       size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT login, name FROM staff WHERE disabled = 0 AND login <> ?1 ORDER BY login",
	                          err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_TRANSIENT);
	int rc;
	enum st_status st = ST_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *other = col(s, 1);
		if (!txt_same_folded(other, name))
			continue;
		/* written otherwise (full-width letters): said as it is written there */
		char as_written[128] = "";
		if (strcmp(other, name) != 0)
			snprintf(as_written, sizeof as_written, "（写作 %s）", other);
		snprintf(err, errsz, "姓名 %s 已是账号 %s 的姓名%s：回访和A卡按姓名归属，同名的两个账号会共用"
		         "“我的A卡”和回访，请加以区分（如 %s2、%s（售后））", name, col(s, 0), as_written, name, name);
		st = ST_CONSTRAINT;
		break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		st = st_fail(db, rc, "读取员工账号", err, errsz);
	sqlite3_reset(s);
	return st;
}

/* A name given up by another account in this minute, as ownership compares
 * names: ST_CONSTRAINT naming it.  Records carry people by name and their
 * times to the minute (a card's closed_at, an order's opened_at), so a
 * record written in the minute of a rename is read as the renamed
 * person's; nobody else may have the name before the next minute, and the
 * boundary is exact.  taker: the login of the account taking it, which
 * may take back its own. */
static enum st_status name_not_just_given_up(struct st_db *db, const char *taker, const char *name, char *err,
                                             size_t errsz)
{
	char minute[17];
	clk_now_minute(minute);
	sqlite3_stmt *s = st_stmt(db, "SELECT sr.old_name, s.login FROM staff_renames sr JOIN staff s ON s.id = sr.staff_id"
	                              " WHERE substr(sr.at, 1, 16) = ?1 AND s.login <> ?2 AND sr.old_name <> sr.new_name",
	                          err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, minute, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, taker, -1, SQLITE_TRANSIENT);
	int rc;
	enum st_status st = ST_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!txt_same_folded(col(s, 0), name))
			continue;
		snprintf(err, errsz, "姓名 %s 是账号 %s 在这一分钟（%s）刚改掉的姓名：记录的时间只记到分钟，这一分钟里"
		         "按此姓名写下的记录都算 %s 的；请过一分钟再把它给其他账号", name, col(s, 1), minute, col(s, 1));
		st = ST_CONSTRAINT;
		break;
	}
	if (st == ST_OK && rc != SQLITE_DONE)
		st = st_fail(db, rc, "读取员工改名记录", err, errsz);
	sqlite3_reset(s);
	return st;
}

/* One UPDATE of the rename with ?1 the spelling, ?2 the new name and ?3,
 * ?4 the bounds of the account's time under the name; the rows it changed
 * into *n. */
static enum st_status rename_in(struct st_db *db, const char *sql, const char *old, const char *name,
                                const char *lo, const char *hi, int *n, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, sql, err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, old, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, hi, -1, SQLITE_TRANSIENT);
	enum st_status st = step_done(db, s, "修改姓名", err, errsz);
	if (n)
		*n = st == ST_OK ? sqlite3_changes(st_handle(db)) : 0;
	return st;
}

/* The spellings of a name the records hold, old itself first. */
struct spellings {
	char **v;
	int n, cap;
};

static void spellings_free(struct spellings *sp)
{
	for (int i = 0; i < sp->n; i++)
		free(sp->v[i]);
	free(sp->v);
	memset(sp, 0, sizeof *sp);
}

static int spellings_add(struct spellings *sp, const char *v)
{
	if (sp->n == sp->cap) {
		int cap = sp->cap ? sp->cap * 2 : 4;
		char **t = realloc(sp->v, (size_t)cap * sizeof *t);
		if (!t)
			return -1;
		sp->v = t;
		sp->cap = cap;
	}
	if (!(sp->v[sp->n] = strdup(v)))
		return -1;
	sp->n++;
	return 0;
}

/* A due_feed row to put under the new name, by its key. */
struct due_key {
	char kind[16], due_date[12], src_date[24], cycle[16];
	int64_t source_id;
};

/* What a rename does, worked out by reading (staff_rename_plan) before the
 * write lock is taken. */
struct plan {
	int64_t id;           /* the account */
	char old[128];        /* the name the sheets carried */
	char lo[24], hi[24];  /* its records under the name: written from lo ("": always) to before hi */
	int64_t before_id;    /* the account that had the name before lo, 0 none */
	struct spellings sp;
	struct due_key *keys; /* the tasks to list under the new name */
	size_t nkeys, capkeys;
};

static void plan_free(struct plan *p)
{
	spellings_free(&p->sp);
	free(p->keys);
	memset(p, 0, sizeof *p);
}

/* Every way the records spell old as ownership compares names
 * (txt_same_folded: a full-width space or letter typed or imported) — SQL
 * compares bytes, so the names are read and folded here; a spelling that
 * is exactly another account's 姓名 stays that account's.  A read of
 * whole tables: done before the write lock (staff_rename). */
static enum st_status old_spellings(struct st_db *db, const char *login, const char *old, struct spellings *sp,
                                    char *err, size_t errsz)
{
	if (spellings_add(sp, old) != 0) {
		snprintf(err, errsz, "内存不足");
		return ST_ERROR;
	}
	/* due_feed's names come from these (or are accounts' names) */
	sqlite3_stmt *s = st_stmt(db,
		"SELECT n FROM (SELECT consultant AS n FROM acards UNION SELECT advisor FROM workorders"
		" UNION SELECT consultant FROM vehicles UNION SELECT handler FROM complaints)"
		" WHERE n IS NOT NULL AND n <> ?1 AND NOT EXISTS (SELECT 1 FROM staff WHERE login <> ?2 AND name = n)"
		" ORDER BY n", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, old, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, login, -1, SQLITE_TRANSIENT);
	int rc;
	enum st_status st = ST_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *v = col(s, 0);
		if (txt_same_folded(v, old) && spellings_add(sp, v) != 0) {
			snprintf(err, errsz, "内存不足");
			st = ST_ERROR;
			break;
		}
	}
	if (st == ST_OK && rc != SQLITE_DONE)
		st = st_fail(db, rc, "读取姓名", err, errsz);
	sqlite3_reset(s);
	return st;
}

/* When each account holding (a spelling of) the name took it — its rename
 * to it, else its making — bounds the renamed account's records: from its
 * own taking when another had the name before it (two people of one name,
 * one left: the other account is disabled), to another's taking after it.
 * Times to the minute, as records are written; the minute of a taking is
 * the taker's. */
static enum st_status holders(struct st_db *db, struct plan *p, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT s.id, s.name, coalesce((SELECT max(r.at) FROM staff_renames r"
	                              " WHERE r.staff_id = s.id AND r.new_name = s.name AND r.old_name <> r.new_name),"
	                              " s.created_at) FROM staff s ORDER BY s.id", err, errsz);
	if (!s)
		return ST_ERROR;
	char mine[24] = "";
	struct { int64_t id; char took[24]; } o[16];
	int n = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		if (id == p->id)
			snprintf(mine, sizeof mine, "%.16s", col(s, 2));
		else if (n < 16 && txt_same_folded(col(s, 1), p->old)) {
			o[n].id = id;
			snprintf(o[n].took, sizeof o[n].took, "%.16s", col(s, 2));
			n++;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, "读取员工账号", err, errsz);
	char before[24] = "";
	for (int i = 0; i < n; i++) {
		if (strcmp(o[i].took, mine) <= 0) {
			snprintf(p->lo, sizeof p->lo, "%s", mine);
			if (strcmp(o[i].took, before) >= 0) {
				snprintf(before, sizeof before, "%s", o[i].took);
				p->before_id = o[i].id;
			}
		} else if (!p->hi[0] || strcmp(o[i].took, p->hi) < 0) {
			snprintf(p->hi, sizeof p->hi, "%s", o[i].took);
		}
	}
	return ST_OK;
}

/* The open tasks in the feed under spelling ?1 that follow the account:
 * each with the name and time of the record it reads its 负责人 from (as
 * the due views do) and the account of the first rename away from that
 * name after it, if any.  A read of the feed: before the write lock. */
#define DUE_KEY "f.kind, f.due_date, f.src_date, f.source_id, f.cycle"
static const char Q_DUE_OF[] =
	"SELECT kind, due_date, src_date, source_id, cycle, s, t,"
	" (SELECT sr.staff_id FROM staff_renames sr WHERE sr.old_name = s AND sr.at > t ORDER BY sr.at, sr.id LIMIT 1)"
	" FROM (SELECT " DUE_KEY ", w.advisor AS s, w.opened_at AS t FROM due_feed f"
	"       JOIN workorders w ON w.id = f.source_id WHERE f.kind = '维修回访' AND f.staff = ?1"
	" UNION ALL SELECT " DUE_KEY ", p.handler, p.handled_at FROM due_feed f"
	"       JOIN complaints p ON p.id = f.source_id WHERE f.kind = '投诉回访' AND f.staff = ?1"
	" UNION ALL SELECT " DUE_KEY ", v.consultant, coalesce(v.delivery_date, '') FROM due_feed f"
	"       JOIN vehicles v ON v.id = f.source_id WHERE f.kind = '交车回访' AND f.staff = ?1"
	/* a car's calls: the advisor of its latest order, else its consultant */
	" UNION ALL SELECT " DUE_KEY ", coalesce(o.advisor, v.consultant), coalesce(o.opened_at, v.delivery_date, '')"
	"       FROM due_feed f JOIN vehicles v ON v.id = f.source_id"
	"       LEFT JOIN workorders o ON o.id = (SELECT id FROM workorders WHERE vehicle_id = v.id"
	"                                         ORDER BY opened_at DESC LIMIT 1)"
	"       WHERE f.kind IN ('保险到期', '年审到期') AND f.staff = ?1)";

static enum st_status due_keys(struct st_db *db, struct plan *p, const char *v, const char *at, char *err,
                               size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, Q_DUE_OF, err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, v, -1, SQLITE_TRANSIENT);
	int rc;
	enum st_status st = ST_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = col(s, 5), *t = col(s, 6);
		int follows;
		if (sqlite3_column_type(s, 7) != SQLITE_NULL)
			follows = sqlite3_column_int64(s, 7) == p->id; /* through an earlier name of the account's */
		else /* written under v: the account's if written while it had the name */
			follows = strcmp(name, v) == 0 && strcmp(p->lo, t) <= 0 && strcmp(at, t) > 0;
		if (!follows)
			continue;
		if (p->nkeys == p->capkeys) {
			size_t cap = p->capkeys ? p->capkeys * 2 : 64;
			struct due_key *k = realloc(p->keys, cap * sizeof *k);
			if (!k) {
				snprintf(err, errsz, "内存不足");
				st = ST_ERROR;
				break;
			}
			p->keys = k;
			p->capkeys = cap;
		}
		struct due_key *k = &p->keys[p->nkeys++];
		snprintf(k->kind, sizeof k->kind, "%s", col(s, 0));
		snprintf(k->due_date, sizeof k->due_date, "%s", col(s, 1));
		snprintf(k->src_date, sizeof k->src_date, "%s", col(s, 2));
		k->source_id = sqlite3_column_int64(s, 3);
		snprintf(k->cycle, sizeof k->cycle, "%s", col(s, 4));
	}
	if (st == ST_OK && rc != SQLITE_DONE)
		st = st_fail(db, rc, "读取回访任务", err, errsz);
	sqlite3_reset(s);
	return st;
}

/* Everything the rename reads, in the transaction the caller opened. */
static enum st_status plan_rename(struct st_db *db, const char *login, const char *name, const char *now,
                                  struct plan *p, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT id, name FROM staff WHERE login = ?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_TRANSIENT);
	enum st_status st = st_row(db, s, "读取员工账号", err, errsz);
	if (st == ST_NOTFOUND)
		snprintf(err, errsz, "没有登录名为 %s 的员工账号", login);
	if (st != ST_OK)
		return st;
	p->id = sqlite3_column_int64(s, 0);
	/* what the sheets carried: an account made without a name went by its login */
	snprintf(p->old, sizeof p->old, "%s", *col(s, 1) ? col(s, 1) : login);
	sqlite3_reset(s);
	if (strcmp(p->old, name) == 0) {
		snprintf(err, errsz, "账号 %s 的姓名已是 %s，未改动", login, name);
		return ST_CONSTRAINT;
	}
	if ((st = name_free_folded(db, login, name, err, errsz)) != ST_OK ||
	    (st = name_not_just_given_up(db, login, name, err, errsz)) != ST_OK ||
	    (st = holders(db, p, err, errsz)) != ST_OK || (st = old_spellings(db, login, p->old, &p->sp, err, errsz)) != ST_OK)
		return st;
	for (int i = 0; st == ST_OK && i < p->sp.n; i++)
		st = due_keys(db, p, p->sp.v[i], p->hi[0] ? p->hi : now, err, errsz);
	return st;
}

/* The writes of the rename, planned by plan_rename; the first of them
 * takes the write lock. */
static enum st_status apply_rename(struct st_db *db, struct staff_me *actor, const char *login, const char *name,
                                   const char *now, const struct plan *p, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "UPDATE staff SET name = ?2 WHERE id = ?1", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
	enum st_status st = step_done(db, s, "修改姓名", err, errsz);
	const char *at = p->hi[0] ? p->hi : now;
	int cards = 0, orders = 0;
	for (int i = 0; st == ST_OK && i < p->sp.n; i++) {
		int c = 0, o = 0;
		const char *v = p->sp.v[i];
		/* the old name (the first) and each other spelling: the due views
		 * read the records closed under it through it; records from before
		 * the account had the name read as the account that had it before
		 * (a row of that account's from the spelling to itself, which no
		 * reader takes for a rename of its) */
		if (p->before_id && (s = st_stmt(db, "INSERT INTO staff_renames(staff_id, old_name, new_name, at)"
		                                     " VALUES(?1, ?2, ?3, ?4)", err, errsz)) != NULL) {
			sqlite3_bind_int64(s, 1, p->before_id);
			sqlite3_bind_text(s, 2, v, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 3, v, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 4, p->lo, -1, SQLITE_TRANSIENT);
			st = step_done(db, s, "修改姓名", err, errsz);
		} else if (p->before_id) {
			st = ST_ERROR;
		}
		if (st == ST_OK && (s = st_stmt(db, "INSERT INTO staff_renames(staff_id, old_name, new_name, at)"
		                                    " VALUES(?1, ?2, ?3, ?4)", err, errsz)) != NULL) {
			sqlite3_bind_int64(s, 1, p->id);
			sqlite3_bind_text(s, 2, v, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 3, name, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 4, at, -1, SQLITE_TRANSIENT);
			st = step_done(db, s, "修改姓名", err, errsz);
		} else if (st == ST_OK) {
			st = ST_ERROR;
		}
		/* live ownership follows the person: the cards still followed and
		 * the orders still in the shop that are theirs; both on indexes */
		if (st == ST_OK)
			st = rename_in(db, "UPDATE acards SET consultant = ?2 WHERE consultant = ?1"
			                   " AND status IN ('跟进中','已订车') AND created_at >= ?3 AND (?4 = '' OR created_at < ?4)",
			               v, name, p->lo, p->hi, &c, err, errsz);
		if (st == ST_OK)
			st = rename_in(db, "UPDATE workorders SET advisor = ?2 WHERE advisor = ?1 AND status = '在修'"
			                   " AND opened_at >= ?3 AND (?4 = '' OR opened_at < ?4)",
			               v, name, p->lo, p->hi, &o, err, errsz);
		cards += c;
		orders += o;
	}
	/* the open tasks already in the feed, as its views now read them: each
	 * by its key, found before the lock */
	if (st == ST_OK && !(s = st_stmt(db, "UPDATE due_feed SET staff = ?6 WHERE kind = ?1 AND due_date = ?2"
	                                     " AND src_date = ?3 AND source_id = ?4 AND cycle = ?5", err, errsz)))
		st = ST_ERROR;
	for (size_t i = 0; st == ST_OK && i < p->nkeys; i++) {
		const struct due_key *k = &p->keys[i];
		sqlite3_bind_text(s, 1, k->kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, k->due_date, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, k->src_date, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, k->source_id);
		sqlite3_bind_text(s, 5, k->cycle, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, name, -1, SQLITE_TRANSIENT);
		st = step_done(db, s, "修改姓名", err, errsz);
	}
	if (st == ST_OK) {
		char detail[512];
		snprintf(detail, sizeof detail, "账号 %s 的姓名：%s → %s（跟进中的A卡 %d 张、在修工单 %d 张随之改名）",
		         login, p->old, name, cards, orders);
		st = audit_append(db, actor->login, "账号变更", NULL, detail, err, errsz);
	}
	return st;
}

/* 1 when the last statement failed because another terminal wrote since
 * this transaction's snapshot, or holds the write lock: what was read
 * before the lock is to be read again. */
static int snapshot_stale(struct st_db *db)
{
	int x = sqlite3_extended_errcode(st_handle(db));
	return x == SQLITE_BUSY_SNAPSHOT || x == SQLITE_BUSY;
}

enum st_status staff_rename(struct st_db *db, struct staff_me *actor, const char *login, const char *new_name,
                            char *err, size_t errsz)
{
	char name[128];
	/* blanks at either end are not part of a name (a paste, an input
	 * method's full-width space); inside it, it stays as written */
	size_t start, len = txt_trim_span(new_name ? new_name : "", &start);
	if (len >= sizeof name) {
		snprintf(err, errsz, "姓名太长：最多 32 个汉字");
		return ST_CONSTRAINT;
	}
	snprintf(name, sizeof name, "%.*s", (int)len, new_name + start);
	const char *why = name_problem(name);
	if (why) {
		snprintf(err, errsz, "%s", why);
		return ST_CONSTRAINT;
	}
	enum st_status st = staff_check(db, actor, AUTH_ADMINISTER, err, errsz);
	if (st != ST_OK)
		return st;
	/* The spellings and the tasks to move are read from whole tables:
	 * seconds in a large shop, which no terminal should wait for.  So they
	 * are read in a snapshot, and the write lock is then taken from that
	 * same snapshot — which SQLite refuses (SQLITE_BUSY_SNAPSHOT) when
	 * another terminal has written since, so what was read is exact.  A
	 * refused try reads again; the last reads under the lock. */
	enum { TRIES = 4 };
	for (int try = 1;; try++) {
		int locked = try == TRIES;
		char now[24];
		clk_now(now, sizeof now);
		st = locked ? st_begin(db, err, errsz) : st_read_begin(db, err, errsz);
		if (st != ST_OK)
			return st;
		struct plan p = { 0 };
		st = plan_rename(db, login, name, now, &p, err, errsz);
		if (st == ST_OK)
			st = apply_rename(db, actor, login, name, now, &p, err, errsz);
		plan_free(&p);
		if (st != ST_OK && !locked && snapshot_stale(db)) {
			st_rollback(db);
			continue;
		}
		return finish(db, st, err, errsz);
	}
}

static void fill_info(sqlite3_stmt *s, struct staff_info *i)
{
	memset(i, 0, sizeof *i);
	snprintf(i->login, sizeof i->login, "%s", col(s, 0));
	snprintf(i->name, sizeof i->name, "%s", col(s, 1));
	int role = auth_role_parse(col(s, 2));
	i->role = role >= 0 ? (enum auth_role)role : AUTH_RECEPTION;
	i->disabled = sqlite3_column_int(s, 3);
	i->failed_logins = sqlite3_column_int(s, 4);
	snprintf(i->locked_until, sizeof i->locked_until, "%s", col(s, 5));
	snprintf(i->created_at, sizeof i->created_at, "%s", col(s, 6));
}

#define INFO_COLS "SELECT login, name, role, disabled, failed_logins, coalesce(locked_until,''), created_at FROM staff"

enum st_status staff_list(struct st_db *db, struct staff_me *actor,
                          int (*cb)(void *ctx, const struct staff_info *s), void *ctx, char *err,
                          size_t errsz)
{
	enum st_status st = staff_check(db, actor, AUTH_ADMINISTER, err, errsz);
	if (st != ST_OK)
		return st;
	sqlite3_stmt *s = st_stmt(db, INFO_COLS " ORDER BY login", err, errsz);
	if (!s)
		return ST_ERROR;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct staff_info i;
		fill_info(s, &i);
		if (cb(ctx, &i))
			break;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "读取员工账号", err, errsz);
}

enum st_status staff_get(struct st_db *db, const char *login, struct staff_info *out, char *err,
                         size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, INFO_COLS " WHERE login = ?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		fill_info(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return ST_OK;
	if (rc == SQLITE_DONE) {
		snprintf(err, errsz, "没有登录名为 %s 的员工账号", login);
		return ST_NOTFOUND;
	}
	return st_fail(db, rc, "读取员工账号", err, errsz);
}
