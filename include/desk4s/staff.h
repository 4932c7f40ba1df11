/* staff — accounts, login with lockout, and the permission check every
 * action goes through (a store module).
 *
 * A session is a struct staff_me filled by staff_login (or staff_first_admin
 * on a new database).  Before each action the screen or command calls
 * staff_require(db, &me, AUTH_…): it reads the account again, so a disabled
 * account's open sessions end at their next action and a changed role takes
 * effect at once.  Account changes, logins and failed logins are written
 * to the usage log. */
#ifndef DESK4S_STAFF_H
#define DESK4S_STAFF_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/auth.h"
#include "desk4s/store.h"

enum { STAFF_LOCK_AFTER = 5, STAFF_LOCK_MINUTES = 15, STAFF_LOGIN_MAX = 32 };

struct staff_me {
	char login[STAFF_LOGIN_MAX + 1];
	char name[97];
	enum auth_role role;
};

enum staff_rc {
	STAFF_OK = 0,
	STAFF_ERROR,    /* database trouble: err says why */
	STAFF_BADPW,    /* unknown login or wrong password (one message for both) */
	STAFF_LOCKED,   /* too many failures: err says until when */
	STAFF_DISABLED, /* the account is disabled */
	STAFF_ENDED,    /* staff_require: the account was disabled or removed */
	STAFF_DENIED    /* staff_require: the role lacks the permission (err names it) */
};

/* One account as the administrator's list shows it (no hash). */
struct staff_info {
	char login[STAFF_LOGIN_MAX + 1];
	char name[97];
	enum auth_role role;
	int disabled;
	int failed_logins;
	char locked_until[20]; /* "" when not locked */
	char created_at[20];
};

/* The name the sheets carry for this person where the shop writes 销售顾问
 * or 服务顾问: the account's name as on paper (never empty: an account
 * made without a name has its login as name), not its login. */
const char *staff_sheet_name(const struct staff_me *me);

/* Number of accounts, -1 on error.  0 means a new database: the first
 * start creates the administrator (staff_first_admin). */
int64_t staff_count(struct st_db *db);

/* Check login and password; on success fill *me and reset the failure
 * count.  The fifth failure in a row locks the account for
 * STAFF_LOCK_MINUTES; a locked or disabled account is refused even with
 * the right password.  Every attempt is logged (登录 / 登录失败). */
enum staff_rc staff_login(struct st_db *db, const char *login, const char *password,
                          struct staff_me *me, char *err, size_t errsz);

/* staff_login for a command that only reads (a backup, an export): a
 * login that changes nothing in the account — the right password, the
 * account enabled, not locked, no failures to reset — is checked by
 * reading alone, so the command goes on beside another terminal's long
 * write, and its 登录 entry is held (audit_hold) to be written with the
 * command's own.  Anything else goes through staff_login, which records
 * it at once. */
enum staff_rc staff_login_reading(struct st_db *db, const char *login, const char *password,
                                  struct staff_me *me, char *err, size_t errsz);

/* Before an action: the account is still enabled (else STAFF_ENDED) and its
 * current role has permission p (else STAFF_DENIED, err naming it).
 * Refreshes me->role and me->name. */
enum staff_rc staff_require(struct st_db *db, struct staff_me *me, enum auth_perm p,
                            char *err, size_t errsz);
/* The same check for store functions: ST_OK, ST_ERROR, or ST_CONSTRAINT
 * with the refusal in err (also when me is NULL: nobody logged in). */
enum st_status staff_check(struct st_db *db, struct staff_me *me, enum auth_perm p,
                           char *err, size_t errsz);
/* 1 while the account exists and is enabled, 0 when not, -1 with err when
 * the accounts cannot be read (never "disabled"). */
int staff_active(struct st_db *db, const char *login, char *err, size_t errsz);

/* Rules on a login name: 1..32 ASCII letters, digits, '.', '_' or '-'.
 * NULL when fine, else why. */
const char *staff_login_problem(const char *login);

/* On a database without accounts only: create the administrator (role
 * 管理员) and fill *me as logged in.  ST_CONSTRAINT when accounts exist. */
enum st_status staff_first_admin(struct st_db *db, const char *login, const char *name,
                                 const char *password, struct staff_me *me, char *err,
                                 size_t errsz);

/* The rest needs an administrator (AUTH_ADMINISTER) as actor; a refusal
 * returns ST_CONSTRAINT with the message naming the missing permission.
 * Bad input (login taken or malformed, weak password) is ST_CONSTRAINT
 * too, the message naming the field.  Unknown login: ST_NOTFOUND. */
enum st_status staff_add(struct st_db *db, struct staff_me *actor, const char *login,
                         const char *name, enum auth_role role, const char *password,
                         char *err, size_t errsz);
/* Disable or enable.  The last enabled administrator cannot be disabled
 * (nobody could manage accounts any more).  Enabling also clears a lock. */
enum st_status staff_set_disabled(struct st_db *db, struct staff_me *actor, const char *login,
                                  int disabled, char *err, size_t errsz);
/* New password; also clears a lock.  Staff may change their own password
 * without the 管理 permission. */
enum st_status staff_set_password(struct st_db *db, struct staff_me *actor, const char *login,
                                  const char *password, char *err, size_t errsz);
/* Change role (the last administrator keeps 管理员). */
enum st_status staff_set_role(struct st_db *db, struct staff_me *actor, const char *login,
                              enum auth_role role, char *err, size_t errsz);
/* A new 姓名 for login (user name): trimmed at its ends; refused
 * (ST_CONSTRAINT, the message naming the rule) when empty, with control
 * characters, over 96 bytes, the name it has, or the name of another
 * enabled account as ownership compares names (txt_same_folded).  In one
 * transaction with its 账号变更 entry (old → new), what is still the
 * person's follows: open A-cards' 销售顾问 and the 服务顾问 of orders in
 * the shop are rewritten; due tasks of records closed under the old name
 * (a completed order's callback) are read under the new one through
 * staff_renames (schema 0025); everything closed keeps the old name.  The
 * old name is matched as ownership matches it: each spelling the records
 * hold that txt_same_folded takes for it (and no other account has
 * exactly) follows and is recorded as a rename of its own.  When another
 * account has the name too (a namesake who left, disabled), only the
 * records written while this account had it follow: from its taking the
 * name (made with it, or renamed to it) when the other had it before, to
 * the other's taking it when after.  Also refused: a name another account
 * gave up in this minute (records are timed to the minute; add and enable
 * refuse it too).  The spellings and tasks are read before the write
 * lock, which is taken from that snapshot (read again if another terminal
 * wrote meanwhile), so terminals wait only for the writes. */
enum st_status staff_rename(struct st_db *db, struct staff_me *actor, const char *login, const char *new_name,
                            char *err, size_t errsz);
/* Every account, ordered by login; cb returns non-zero to stop. */
enum st_status staff_list(struct st_db *db, struct staff_me *actor,
                          int (*cb)(void *ctx, const struct staff_info *s), void *ctx,
                          char *err, size_t errsz);
/* One account (no permission needed: a name and role are not secret to
 * staff); ST_NOTFOUND when missing. */
enum st_status staff_get(struct st_db *db, const char *login, struct staff_info *out,
                         char *err, size_t errsz);
#endif
