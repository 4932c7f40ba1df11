/* audit — the usage log (使用日志): append-only, every entry chained to the
 * one before by a SHA-256 hash, so an edited or deleted entry is detected.
 * A store module: the rest of the program calls these functions. */
#ifndef DESK4S_AUDIT_H
#define DESK4S_AUDIT_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/store.h"

struct staff_me;

/* Append one entry inside the caller's transaction when there is one (so a
 * change and its log entry commit together), else in its own.
 * action: e.g. "查看客户", "新建客户", "修改客户", "导入", "导出", "打印",
 * "登录", "登录失败", "账号变更", "销毁客户".  customer_no may be NULL.
 * detail: free text, e.g. "手机号: 13800138000 → 13900001111".  Mobiles
 * and ID numbers in detail are stored masked (138****0000), so the log does
 * not become a second copy of them (it outlives a destroyed customer). */
enum st_status audit_append(struct st_db *db, const char *staff, const char *action,
                            const char *customer_no, const char *detail,
                            char *err, size_t errsz);

/* The latest change of a customer's field after `since` (YYYY-MM-DD
 * HH:MM:SS) that the log names: a 修改客户 entry of customer_no whose
 * detail has the field's label as one of its items ("详细地址: 旧 → 新"
 * from a save or a merge, "同意营销联系：是" from the privacy commands).
 * 1 with its time and staff in at and who, 0 when none, -1 with err.  An
 * --update import asks it whether the desk changed a field after the row
 * of the file was written. */
int audit_field_changed_after(struct st_db *db, const char *customer_no, const char *label, const char *since,
                              char at[20], char *who, size_t whosz, char *err, size_t errsz);

/* An entry held back to be written later: a command that only reads (a
 * backup, an export) logs its login without the write lock, which another
 * terminal's long import may hold, and goes on beside it.  The held entry
 * is written, before the new one and in its transaction, by the next
 * audit_append outside a transaction on the same database, or by
 * audit_flush; one is held at a time (a second replaces nothing: it is
 * refused with -1). */
int audit_hold(struct st_db *db, const char *staff, const char *action, const char *detail);
/* 1 while db has an entry held. */
int audit_held(const struct st_db *db);
/* Write the held entry now, if any.  Tried once, here or by the append
 * that takes it along: when that fails it is no longer held, and the
 * caller says that the log could not be written. */
enum st_status audit_flush(struct st_db *db, char *err, size_t errsz);

/* Result of audit_verify. */
struct audit_check {
	int64_t entries;     /* entries read */
	int64_t last_id;     /* id of the last entry (0 when empty) */
	char last_hash[65];  /* its hash: write it down to detect a cut tail */
	int64_t broken;      /* first broken entry, 0 when the chain holds */
	char why[256];       /* what is wrong with it */
	int guarded;         /* 1 when the no-update/no-delete triggers exist */
	char unguarded[80];  /* else the missing ones' names, "、" between */
};
/* Walk the chain from the first entry.  Returns 0 when every entry's hash
 * and link hold, the id of the first broken entry (a deleted entry is named
 * by its missing id), or -1 with err on a database error.  Deleting the
 * newest entries leaves a shorter valid chain: compare last_id/last_hash
 * with a copy kept elsewhere (a backup, a printed note). */
int64_t audit_verify(struct st_db *db, struct audit_check *out, char *err, size_t errsz);
/* The same check through a bare SQLite handle, for store modules that hold
 * a file they must not open as a desk4s database (st_open would migrate
 * it): backup checks a backup before restoring it.  Runs inside the
 * caller's read transaction when there is one. */
struct sqlite3;
int64_t audit_verify_handle(struct sqlite3 *h, struct audit_check *out, char *err, size_t errsz);

struct audit_filter {
	const char *from;        /* "YYYY-MM-DD", inclusive, or NULL */
	const char *to;          /* "YYYY-MM-DD", inclusive, or NULL */
	const char *staff;       /* login, or NULL */
	const char *customer_no; /* or NULL */
	int64_t after_id;        /* entries with a larger id (paging), 0 for all */
	int limit;               /* 0: no limit */
};
struct audit_entry {
	int64_t id;
	const char *at, *staff, *action, *customer_no, *detail; /* "" when empty */
};
/* Entries matching f, oldest first, to cb (non-zero stops).  The reader
 * needs 查看使用日志 (ST_CONSTRAINT with the refusal otherwise); each call
 * is itself logged (查看使用日志) with its filter. */
enum st_status audit_query(struct st_db *db, struct staff_me *reader, const struct audit_filter *f,
                           int (*cb)(void *ctx, const struct audit_entry *e), void *ctx,
                           char *err, size_t errsz);
#endif
