/* backup — copies of the database through SQLite's backup API.
 *
 * The copy runs as one backup step over a single read transaction: in WAL
 * mode a reader never blocks writers, so the other terminals keep saving
 * while the copy is taken, and the copy is the database as it was at one
 * instant.  (Copying in small page steps would restart whenever another
 * terminal writes, and on a busy front desk might never finish.) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "desk4s/audit.h"
#include "desk4s/backup.h"
#include "desk4s/clock.h"
#include "desk4s/config.h"
#include "desk4s/fpath.h"
#include "desk4s/fsafe.h"
#include "desk4s/oserr.h"
#include "desk4s/staff.h"
#include "store_impl.h"

enum { BUSY_TRIES = 100, BUSY_SLEEP_MS = 100 };

/* fsync a file or a directory by path */
static int sync_path(const char *path, int is_dir)
{
	int fd = open(path, (is_dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

static int sync_parent(const char *path)
{
	char copy[PATH_MAX];
	snprintf(copy, sizeof copy, "%s", path);
	return sync_path(dirname(copy), 1);
}

/* Why the copy could not be made beside path.  A new backup is never
 * there, so ENOENT means its directory: "文件或目录不存在" of the backup
 * itself sent the administrator looking for a file. */
static void cant_create(const char *path, int e, char *err, size_t errsz)
{
	char why[PATH_MAX + 200];
	snprintf(err, errsz, "无法创建备份文件 %s：%s", path, fpath_create_why(path, e, "或备份到已有的目录里", why, sizeof why));
}

/* Copy src's main database into dst's, waiting while another connection
 * holds a lock that the copy needs. */
static int copy_db(sqlite3 *dst, sqlite3 *src)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return sqlite3_errcode(dst);
	int rc, tries = 0;
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(BUSY_SLEEP_MS);
	} while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_OK) && ++tries < BUSY_TRIES);
	int fin = sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? fin : rc;
}

/* The copy for path, in tmp (a name beside it) with its permissions,
 * not yet under its name.  checked: a damaged database is refused (a
 * backup); 0 keeps it as it is (the copy a restore keeps of the database
 * it replaces, damaged or not: restoring is what the damage calls for). */
static enum st_status make_copy(struct st_db *db, const char *path, const char *group, int checked,
                                char *tmp, size_t tmpsz, char *err, size_t errsz)
{
	if (fsafe_same_file(path, st_path(db))) {
		snprintf(err, errsz, "备份文件 %s 就是数据库本身，请换一个文件名", path);
		return ST_ERROR;
	}
	/* an older backup is replaced; anything else there is somebody's file */
	struct stat st;
	/* the copy takes its name by rename, which would put it in the place
	 * of a device or a pipe: backup /dev/null had replaced the system's
	 * /dev/null with a file of every customer */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		snprintf(err, errsz, "备份文件 %s 不是普通文件（%s）：备份要写成一个文件，请换一个文件名", path,
		         S_ISDIR(st.st_mode) ? "是目录" : S_ISFIFO(st.st_mode) ? "是管道" : "是设备或其他特殊文件");
		return ST_ERROR;
	}
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && !fsafe_is_database(path)) {
		snprintf(err, errsz, "备份文件 %s 已存在且不是数据库：不覆盖它，请换一个文件名", path);
		return ST_ERROR;
	}
	if (snprintf(tmp, tmpsz, "%s.tmp-XXXXXX", path) >= (int)tmpsz) {
		snprintf(err, errsz, "备份文件名太长：%s", path);
		return ST_ERROR;
	}
	int fd = mkstemp(tmp); /* 0600 from the start */
	if (fd < 0) {
		cant_create(path, errno, err, errsz);
		return ST_ERROR;
	}
	close(fd);
	sqlite3 *dst = NULL;
	int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(dst, 5000);
		rc = copy_db(dst, st_handle(db));
	}
	/* a backup is one self-contained file: no -wal beside it */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		/* the system's reason in Chinese where there is one (a full disk,
		 * a size limit), not SQLite's "disk I/O error" */
		int sys = dst ? sqlite3_system_errno(dst) : 0;
		const char *why = sys ? oserr_text(sys) : dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc);
		if ((rc & 0xff) == SQLITE_FULL || sys == ENOSPC)
			snprintf(err, errsz, "备份失败：磁盘已满（%s）", path);
		else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
			snprintf(err, errsz, "备份失败：数据库 %s 一直被占用，请稍后重试", st_path(db));
		else
			snprintf(err, errsz, "备份到 %s 失败：%s", path, why);
		sqlite3_close(dst);
		unlink(tmp);
		/* a copy that failed half way leaves its rollback journal (hot:
		 * the rollback could not be written either) */
		char side[PATH_MAX + 32];
		snprintf(side, sizeof side, "%s-journal", tmp);
		unlink(side);
		return ST_ERROR;
	}
	/* The copy takes the pages as they are, damaged ones too: a file gone
	 * bad, backed up every night, would replace the sound backups one by
	 * one with copies of its damage.  quick_check (the pages and their
	 * trees, not every index entry) reads the copy once, about as long as
	 * taking it; restore runs the full check. */
	char bad[512] = "";
	sqlite3_stmt *q = NULL;
	if (!checked) {
		/* kept as it is */
	} else if (sqlite3_prepare_v2(dst, "PRAGMA quick_check(3)", -1, &q, NULL) != SQLITE_OK) {
		snprintf(bad, sizeof bad, "%s", sqlite3_errmsg(dst));
	} else {
		int qrc;
		size_t at = 0;
		while ((qrc = sqlite3_step(q)) == SQLITE_ROW) {
			const char *r = (const char *)sqlite3_column_text(q, 0);
			if (r && strcmp(r, "ok") != 0 && at < sizeof bad - 1)
				at += (size_t)snprintf(bad + at, sizeof bad - at, "%s%s", at ? "；" : "", r);
		}
		if (qrc != SQLITE_DONE && !bad[0])
			snprintf(bad, sizeof bad, "%s", sqlite3_errmsg(dst));
		sqlite3_finalize(q);
	}
	sqlite3_close(dst);
	if (bad[0]) {
		unlink(tmp);
		snprintf(err, errsz, "数据库 %s 已损坏，没有写出备份（已有的备份都保留）。请停止录入并通知管理员："
		         "先把数据库文件复制一份保留，再用最近的备份恢复。检查发现（供维修用）：%s", st_path(db), bad);
		return ST_ERROR;
	}
	if (fsafe_apply(tmp, group, err, errsz) != 0) {
		unlink(tmp);
		return ST_ERROR;
	}
	return ST_OK;
}

/* make_copy's tmp takes its name, synced; removed when it cannot */
static enum st_status put_copy(const char *tmp, const char *path, char *err, size_t errsz)
{
	if (sync_path(tmp, 0) != 0 || rename(tmp, path) != 0) {
		snprintf(err, errsz, "无法写入备份文件 %s：%s", path, oserr_text(errno));
		unlink(tmp);
		return ST_ERROR;
	}
	sync_parent(path);
	return ST_OK;
}

/* The copy without a log entry. */
static enum st_status write_copy(struct st_db *db, const char *path, const char *group, int checked,
                                 char *err, size_t errsz)
{
	char tmp[PATH_MAX + 16];
	enum st_status st = make_copy(db, path, group, checked, tmp, sizeof tmp, err, errsz);
	return st == ST_OK ? put_copy(tmp, path, err, errsz) : st;
}

/* The copy only reads, in one read transaction, so it is taken beside
 * another terminal's long write (an import); the log needs the write lock
 * and waits for it (as long as the connection's busy wait: cli_reading_as).
 * The copy takes its name inside the transaction that logs it, so no
 * backup is there that the log does not hold, and none is logged that is
 * not there. */
enum st_status bk_backup(struct st_db *db, const char *path, const char *group, const char *staff,
                         char *err, size_t errsz)
{
	err[0] = 0;
	char tmp[PATH_MAX + 16], lerr[1024];
	enum st_status st = make_copy(db, path, group, 1, tmp, sizeof tmp, err, errsz);
	if (st != ST_OK)
		return st;
	/* the login held back before (staff_login_reading) goes first */
	st = audit_flush(db, lerr, sizeof lerr);
	if (st == ST_OK)
		st = st_begin(db, lerr, sizeof lerr);
	if (st != ST_OK) {
		unlink(tmp);
		snprintf(err, errsz, "没有写出备份 %s：使用日志无法写入（%s）", path, lerr);
		return st;
	}
	char detail[PATH_MAX + 64], where[PATH_MAX];
	snprintf(detail, sizeof detail, "备份到 %s", fpath_abs(path, where, sizeof where));
	st = audit_append(db, staff, "备份", NULL, detail, err, errsz);
	if (st == ST_OK)
		st = put_copy(tmp, path, err, errsz);
	else
		unlink(tmp);
	if (st != ST_OK) {
		st_rollback(db);
		return st;
	}
	if (st_commit(db, lerr, sizeof lerr) != ST_OK) {
		/* as rare as a commit failing after its write went through: the
		 * copy is sound, the log lacks it, and that is said */
		snprintf(err, errsz, "备份 %s 已写出，但使用日志没有记下它：%s", path, lerr);
		return ST_ERROR;
	}
	return ST_OK;
}

static long long one_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *s;
	long long v = -1;
	if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	return v;
}

/* What makes an open file a usable desk4s backup.  Run inside the
 * caller's read transaction, so that a restore copies exactly what was
 * checked.  A usage log that fails its check is not an error here: it is
 * said in info->log_problem, and the caller decides. */
static enum st_status check_handle(sqlite3 *h, const char *path, struct bk_info *info, char *err,
                                   size_t errsz)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK) {
		snprintf(err, errsz, "文件 %s 已损坏或不是 desk4s 数据库", path);
		return ST_ERROR;
	}
	int rc = sqlite3_step(s);
	const char *r = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
	if (!r || strcmp(r, "ok") != 0) {
		snprintf(err, errsz, "备份文件 %s 完整性检查失败：%s", path, r ? r : sqlite3_errmsg(h));
		sqlite3_finalize(s);
		return ST_ERROR;
	}
	sqlite3_finalize(s);
	info->version = (int)one_int(h, "PRAGMA user_version");
	long long tables = one_int(h, "SELECT count(*) FROM sqlite_master WHERE type='table' AND "
	                              "name IN ('customers','staff','audit_log')");
	if (tables != 3 || info->version < 1) {
		snprintf(err, errsz, "文件 %s 不是 desk4s 数据库的备份", path);
		return ST_ERROR;
	}
	if (info->version > st_latest_version()) {
		snprintf(err, errsz, "备份 %s 由更新版本的 desk4s 创建（架构版本 %d，本程序只认识到 %d），不能恢复",
		         path, info->version, st_latest_version());
		return ST_TOO_NEW;
	}
	info->customers = one_int(h, "SELECT count(*) FROM customers");
	info->log_last = one_int(h, "SELECT coalesce(max(id),0) FROM audit_log");
	/* the check `audit verify` makes: a backup is what a dispute over the
	 * log is settled with, and restoring one would make its log the live one */
	struct audit_check c;
	char why[512];
	if (audit_verify_handle(h, &c, why, sizeof why) < 0) {
		snprintf(err, errsz, "备份文件 %s：%s", path, why);
		return ST_ERROR;
	}
	snprintf(info->unguarded, sizeof info->unguarded, "%s", c.guarded ? "" : c.unguarded);
	info->log_broken = c.broken;
	if (c.broken)
		snprintf(info->log_problem, sizeof info->log_problem, "%s", c.why);
	if (!c.guarded)
		snprintf(info->log_problem + strlen(info->log_problem),
		         sizeof info->log_problem - strlen(info->log_problem), "%s保护触发器 %s 已被删除",
		         c.broken ? "；" : "", c.unguarded);
	return ST_OK;
}

/* Open a backup read-only and begin the read transaction the check and
 * the copy share. */
static sqlite3 *open_backup(const char *path, char *err, size_t errsz)
{
	if (access(path, R_OK) != 0) {
		snprintf(err, errsz, "无法读取备份文件 %s：%s", path, oserr_text(errno));
		return NULL;
	}
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(h, 5000);
		rc = sqlite3_exec(h, "BEGIN", NULL, NULL, NULL);
	}
	if (rc != SQLITE_OK) {
		snprintf(err, errsz, "无法打开备份文件 %s：%s", path, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close(h);
		return NULL;
	}
	return h;
}

static void close_backup(sqlite3 *h)
{
	sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(h);
}

enum st_status bk_check_file(const char *path, struct bk_info *info, char *err, size_t errsz)
{
	struct bk_info local;
	if (!info)
		info = &local;
	memset(info, 0, sizeof *info);
	sqlite3 *h = open_backup(path, err, errsz);
	if (!h)
		return ST_ERROR;
	enum st_status st = check_handle(h, path, info, err, errsz);
	close_backup(h);
	if (st == ST_OK && info->log_problem[0]) {
		snprintf(err, errsz, "备份文件 %s 的使用日志校验失败：%s", path, info->log_problem);
		st = ST_ERROR;
	}
	return st;
}

/* "2026-11-23 09:00:00" -> "20261123-090000", or "20261123-0900" without
 * the seconds */
static void stamp_now(char *out, size_t outsz, int seconds)
{
	char now[24];
	clk_now(now, sizeof now);
	size_t k = 0, digits = 0, want = seconds ? 14 : 12;
	for (const char *p = now; *p && k + 1 < outsz && digits < want; p++)
		if (*p >= '0' && *p <= '9') {
			out[k++] = *p;
			digits++;
		} else if (*p == ' ') {
			out[k++] = '-';
		}
	out[k] = 0;
}

/* Claim <database>.<what>-YYYYMMDD-HHMM (then -2, -3 …; what is
 * before-restore or damaged) as an empty file of ours, so that no earlier
 * safety copy nor anybody's file is replaced: the copy, or the damaged
 * file, is then renamed over the empty file. */
static int claim_keep_name(const char *dbpath, const char *what, char *keep, size_t keepsz, char *err,
                           size_t errsz)
{
	char stamp[24];
	stamp_now(stamp, sizeof stamp, 0);
	for (int n = 1; n < 1000; n++) {
		int w = n == 1 ? snprintf(keep, keepsz, "%s.%s-%s", dbpath, what, stamp)
		               : snprintf(keep, keepsz, "%s.%s-%s-%d", dbpath, what, stamp, n);
		if (w < 0 || (size_t)w >= keepsz) {
			snprintf(err, errsz, "数据库文件名太长：%s", dbpath);
			keep[0] = 0;
			return -1;
		}
		int fd = open(keep, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0) {
			close(fd);
			return 0;
		}
		if (errno != EEXIST) {
			snprintf(err, errsz, "无法创建恢复前的安全副本 %s：%s", keep, oserr_text(errno));
			keep[0] = 0;
			return -1;
		}
	}
	snprintf(err, errsz, "无法为恢复前的安全副本取名：%s.%s-%s 已有太多份", dbpath, what, stamp);
	keep[0] = 0; /* the last name tried is somebody's */
	return -1;
}

/* As schema/0001_init.sql makes them: put back when an administrator
 * restores a backup that lost them, so the log is not written on into an
 * unguarded table. */
static const char *guard_sql(const char *name)
{
	if (strcmp(name, "audit_log_no_update") == 0)
		return "DROP TRIGGER IF EXISTS audit_log_no_update;"
		       "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
		       "  BEGIN SELECT RAISE(ABORT, '使用日志不可修改'); END;";
	if (strcmp(name, "audit_log_no_delete") == 0)
		return "DROP TRIGGER IF EXISTS audit_log_no_delete;"
		       "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
		       "  BEGIN SELECT RAISE(ABORT, '使用日志不可删除'); END;";
	return NULL;
}

/* The restored database's triggers and its 恢复 entry, committed together. */
static enum st_status log_restore(struct st_db *db, const char *staff, const struct bk_info *info,
                                  const char *detail, char *err, size_t errsz)
{
	enum st_status st = st_begin(db, err, errsz);
	if (st != ST_OK)
		return st;
	static const char *const names[] = { "audit_log_no_update", "audit_log_no_delete" };
	for (size_t i = 0; i < sizeof names / sizeof names[0] && st == ST_OK; i++) {
		if (!strstr(info->unguarded, names[i]))
			continue;
		int rc = sqlite3_exec(st_handle(db), guard_sql(names[i]), NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			st = st_fail(db, rc, "重建使用日志的保护触发器", err, errsz);
	}
	if (st == ST_OK)
		st = audit_append(db, staff, "恢复", NULL, detail, err, errsz);
	if (st != ST_OK) {
		st_rollback(db);
		return st;
	}
	return st_commit(db, err, errsz);
}

enum st_status bk_restore(struct st_db *db, struct staff_me *me, const char *from, const char *group,
                          unsigned flags, struct bk_info *info, char *saved, size_t savedsz,
                          char *err, size_t errsz)
{
	err[0] = 0;
	if (saved && savedsz)
		saved[0] = 0;
	struct bk_info local;
	if (!info)
		info = &local;
	memset(info, 0, sizeof *info);
	enum st_status st = staff_check(db, me, AUTH_ADMINISTER, err, errsz);
	if (st != ST_OK)
		return st;
	if (fsafe_same_file(from, st_path(db))) {
		snprintf(err, errsz, "%s 就是当前数据库，不能用它恢复自己", from);
		return ST_ERROR;
	}
	sqlite3 *src = open_backup(from, err, errsz);
	if (!src)
		return ST_ERROR;
	if ((st = check_handle(src, from, info, err, errsz)) != ST_OK) {
		close_backup(src);
		return st;
	}
	if (info->log_problem[0] && !(flags & BK_ACCEPT_BROKEN_LOG)) {
		snprintf(err, errsz, "备份文件 %s 的使用日志校验失败：%s。有人绕过本程序改动过这份备份，"
		         "不恢复它，当前数据库未改动。请换一份备份；确需用它时（没有别的备份），"
		         "可加 --accept-broken-log 恢复，此事记入使用日志", from, info->log_problem);
		close_backup(src);
		return ST_ERROR;
	}
	char keep[PATH_MAX + 64];
	if (claim_keep_name(st_path(db), "before-restore", keep, sizeof keep, err, errsz) != 0) {
		close_backup(src);
		return ST_ERROR;
	}
	if ((st = write_copy(db, keep, group, 0, err, errsz)) != ST_OK) {
		unlink(keep); /* still the empty file claimed above */
		close_backup(src);
		return st;
	}
	if (saved)
		snprintf(saved, savedsz, "%s", keep);

	int rc = copy_db(st_handle(db), src);
	close_backup(src);
	if (rc != SQLITE_OK) {
		snprintf(err, errsz, "恢复失败（%s），数据库未改动；恢复前的数据库也已保存为 %s",
		         sqlite3_errstr(rc), keep);
		return ST_ERROR;
	}
	/* the copy brought the backup's rollback-journal header: back to WAL
	 * so that terminals keep reading beside a writer */
	sqlite3_exec(st_handle(db), "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
	char detail[2 * PATH_MAX + 1024], from_abs[PATH_MAX], keep_abs[PATH_MAX];
	int n = snprintf(detail, sizeof detail, "从 %s 恢复（架构版本 %d，客户 %lld 个，备份中使用日志到第 %lld 条）；"
	                 "恢复前的数据库（含其后的使用日志）保存为 %s",
	                 fpath_abs(from, from_abs, sizeof from_abs), info->version, info->customers, info->log_last,
	                 fpath_abs(keep, keep_abs, sizeof keep_abs));
	if (info->log_problem[0] && n > 0 && (size_t)n < sizeof detail)
		snprintf(detail + n, sizeof detail - (size_t)n,
		         "；该备份的使用日志校验失败（%s），管理员以 --accept-broken-log 仍予恢复%s%s",
		         info->log_problem, info->unguarded[0] ? "；已重建保护触发器 " : "", info->unguarded);
	return log_restore(db, me->login, info, detail, err, errsz);
}

/* path and its SQLite side files (-wal, -shm) renamed to to's; side files
 * that are not there are skipped.  0, or -1 with errno having moved back
 * what it moved: to, a name claimed empty, must not come back over path. */
static int move_with_sides(const char *path, const char *to)
{
	static const char *const sfx[] = { "-wal", "-shm", "" }; /* the file itself last */
	enum { N = sizeof sfx / sizeof sfx[0] };
	int moved[N] = { 0 };
	for (size_t i = 0; i < N; i++) {
		char a[PATH_MAX + 8], b[PATH_MAX + 8];
		snprintf(a, sizeof a, "%s%s", path, sfx[i]);
		snprintf(b, sizeof b, "%s%s", to, sfx[i]);
		if (rename(a, b) == 0) {
			moved[i] = 1;
		} else if (errno != ENOENT || !*sfx[i]) {
			int e = errno;
			for (size_t j = 0; j < i; j++) {
				snprintf(a, sizeof a, "%s%s", path, sfx[j]);
				snprintf(b, sizeof b, "%s%s", to, sfx[j]);
				if (moved[j])
					rename(b, a);
			}
			errno = e;
			return -1;
		}
	}
	return 0;
}

static void remove_with_sides(const char *path)
{
	static const char *const sfx[] = { "-wal", "-shm", "-journal", "" };
	for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		char a[PATH_MAX + 16];
		snprintf(a, sizeof a, "%s%s", path, sfx[i]);
		unlink(a);
	}
}

enum st_status bk_restore_damaged(const char *dbpath, const char *from, unsigned flags, bk_authorize authorize,
                                  void *ctx, struct bk_info *info, char *kept, size_t keptsz, char *err,
                                  size_t errsz)
{
	err[0] = kept[0] = 0;
	char group[256] = ""; /* the restored shop's setting (config file_group) */
	memset(info, 0, sizeof *info);
	if (fsafe_same_file(from, dbpath)) {
		snprintf(err, errsz, "%s 就是当前数据库，不能用它恢复自己", from);
		return ST_ERROR;
	}
	sqlite3 *src = open_backup(from, err, errsz);
	if (!src)
		return ST_ERROR;
	enum st_status st = check_handle(src, from, info, err, errsz);
	if (st == ST_OK && info->log_problem[0] && !(flags & BK_ACCEPT_BROKEN_LOG)) {
		snprintf(err, errsz, "备份文件 %s 的使用日志校验失败：%s。不恢复它，损坏的数据库未动。请换一份备份；"
		         "确需用它时（没有别的备份），可加 --accept-broken-log", from, info->log_problem);
		st = ST_ERROR;
	}
	/* the backup copied to a new file beside the database: put in place
	 * only once the administrator has logged in against it and the
	 * restore is in its log, so a refusal leaves everything as it was */
	char staged[PATH_MAX + 16] = "";
	int fd = -1, made = 0; /* made: staged is our file, to remove on failure */
	if (st == ST_OK && snprintf(staged, sizeof staged, "%s.restore-XXXXXX", dbpath) >= (int)sizeof staged) {
		snprintf(err, errsz, "数据库文件名太长：%s", dbpath);
		st = ST_ERROR;
	}
	if (st == ST_OK && (fd = mkstemp(staged)) < 0) {
		snprintf(err, errsz, "无法在数据库所在目录创建文件：%s", oserr_text(errno));
		st = ST_ERROR;
	}
	if (fd >= 0) {
		close(fd);
		made = 1;
	}
	sqlite3 *dst = NULL;
	if (st == ST_OK) {
		int rc = sqlite3_open_v2(staged, &dst, SQLITE_OPEN_READWRITE, NULL);
		if (rc == SQLITE_OK)
			rc = copy_db(dst, src);
		if (rc != SQLITE_OK) {
			int sys = dst ? sqlite3_system_errno(dst) : 0;
			snprintf(err, errsz, "复制备份 %s 失败：%s", from,
			         sys ? oserr_text(sys) : dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
			st = ST_ERROR;
		}
		sqlite3_close(dst);
	}
	close_backup(src);
	struct st_db *db = NULL;
	if (st == ST_OK && (st = st_open(staged, &db, err, errsz)) == ST_OK) {
		/* the administrator is one of the backup's: the damaged file can
		 * say nobody's name */
		struct staff_me me = { 0 };
		if (authorize(db, ctx, &me) != 0)
			st = ST_CONSTRAINT; /* said by authorize */
		if (st == ST_OK)
			st = staff_check(db, &me, AUTH_ADMINISTER, err, errsz);
		if (st == ST_OK && claim_keep_name(dbpath, "damaged", kept, keptsz, err, errsz) != 0)
			st = ST_ERROR;
		if (st == ST_OK) {
			char detail[2 * PATH_MAX + 1024], from_abs[PATH_MAX], kept_abs[PATH_MAX];
			int n = snprintf(detail, sizeof detail,
			                 "数据库无法打开（已损坏），从 %s 恢复（架构版本 %d，客户 %lld 个，备份中使用日志到第 %lld 条）；"
			                 "损坏的数据库文件改名保存为 %s", fpath_abs(from, from_abs, sizeof from_abs), info->version,
			                 info->customers, info->log_last, fpath_abs(kept, kept_abs, sizeof kept_abs));
			if (info->log_problem[0] && n > 0 && (size_t)n < sizeof detail)
				snprintf(detail + n, sizeof detail - (size_t)n, "；该备份的使用日志校验失败（%s），"
				         "管理员以 --accept-broken-log 仍予恢复", info->log_problem);
			st = log_restore(db, me.login, info, detail, err, errsz);
			/* one file to move into place: no -wal beside it */
			if (st == ST_OK && sqlite3_exec(st_handle(db), "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK)
				st = st_fail(db, sqlite3_errcode(st_handle(db)), "整理恢复的数据库", err, errsz);
		}
		if (st == ST_OK && cfg_get(db, "file_group", group, sizeof group) < 0)
			group[0] = 0;
		st_close(db);
	}
	if (st == ST_OK && fsafe_apply(staged, group, err, errsz) != 0)
		st = ST_ERROR;
	if (st == ST_OK && sync_path(staged, 0) != 0) {
		snprintf(err, errsz, "写入 %s 失败：%s", staged, oserr_text(errno));
		st = ST_ERROR;
	}
	/* the damaged file and its side files kept under the claimed name,
	 * the restored one in its place */
	if (st == ST_OK && move_with_sides(dbpath, kept) != 0) {
		snprintf(err, errsz, "无法把损坏的数据库改名为 %s：%s，数据库未动", kept, oserr_text(errno));
		st = ST_ERROR;
	}
	if (st == ST_OK && rename(staged, dbpath) != 0) {
		int e = errno;
		if (move_with_sides(kept, dbpath) != 0) {
			/* said where it is, and kept: it is the damaged database now */
			snprintf(err, errsz, "无法把恢复的数据库放到 %s：%s；损坏的数据库已改名为 %s，未能改回", dbpath,
			         oserr_text(e), kept);
			if (made)
				remove_with_sides(staged);
			return ST_ERROR;
		}
		snprintf(err, errsz, "无法把恢复的数据库放到 %s：%s，数据库未动", dbpath, oserr_text(e));
		st = ST_ERROR;
	}
	if (st != ST_OK) {
		if (made)
			remove_with_sides(staged);
		struct stat ks;
		if (*kept && stat(kept, &ks) == 0 && ks.st_size == 0)
			unlink(kept); /* the name claimed, not used */
		kept[0] = 0;
		return st;
	}
	sync_parent(dbpath);
	return ST_OK;
}

/* desk4s-YYYYMMDD-HHMMSS.db */
static int rotation_name(const char *n)
{
	static const char pat[] = "desk4s-########-######.db";
	if (strlen(n) != sizeof pat - 1)
		return 0;
	for (size_t i = 0; pat[i]; i++)
		if (pat[i] == '#' ? (n[i] < '0' || n[i] > '9') : n[i] != pat[i])
			return 0;
	return 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum st_status bk_rotate(struct st_db *db, const char *dir, int keep, const char *group,
                         const char *staff, char *made, size_t madesz, int *removed, char *err,
                         size_t errsz)
{
	*removed = 0;
	if (keep < 1) {
		snprintf(err, errsz, "保留份数应至少为 1");
		return ST_CONSTRAINT;
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errsz, "无法创建备份目录 %s：%s", dir, oserr_text(errno));
		return ST_ERROR;
	}
	char stamp[24];
	stamp_now(stamp, sizeof stamp, 1);
	/* "备份/" as typed joins without a second slash */
	size_t dl = strlen(dir);
	snprintf(made, madesz, "%s%sdesk4s-%s.db", dir, dl && dir[dl - 1] == '/' ? "" : "/", stamp);
	enum st_status st = bk_backup(db, made, group, staff, err, errsz);
	if (st != ST_OK)
		return st;

	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err, errsz, "无法读取备份目录 %s：%s", dir, oserr_text(errno));
		return ST_ERROR;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!rotation_name(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **nn = realloc(names, cap * sizeof *names);
			if (!nn)
				break;
			names = nn;
		}
		if (!(names[n] = strdup(e->d_name)))
			break;
		n++;
	}
	closedir(d);
	/* the names sort by time: delete from the oldest */
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i + (size_t)keep < n; i++) {
		char p[PATH_MAX];
		snprintf(p, sizeof p, "%s/%s", dir, names[i]);
		if (unlink(p) == 0)
			(*removed)++;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return ST_OK;
}
