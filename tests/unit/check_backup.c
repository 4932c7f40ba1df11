/* Keeping: an online backup while another process writes, its check, the
 * restore (and what it refuses), rotation, and file permissions. */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include "testutil.h"
#include "desk4s/audit.h"
#include "desk4s/backup.h"
#include "desk4s/fsafe.h"
#include "desk4s/staff.h"

static char *dir;
static char path[512], bak[512];
static struct st_db *db;
static struct staff_me admin, mgr;
static char err[1024];

static long long file_int(const char *file, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_open_v2(file, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	long long v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_finalize(s);
	sqlite3_close(h);
	return v;
}
static void file_exec(const char *file, const char *sql)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(file, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "");
	sqlite3_close(h);
}
static int mode_of(const char *p)
{
	struct stat st;
	ck_assert_int_eq(stat(p, &st), 0);
	return (int)(st.st_mode & 0777);
}

static void setup(void)
{
	dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/t.db", dir);
	snprintf(bak, sizeof bak, "%s/backup.db", dir);
	setenv("DESK4S_NOW", "2026-11-23 09:00:00", 1);
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_first_admin(db, "admin", "", "admin-pass-1", &admin, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_add(db, &admin, "mgr", "", AUTH_MANAGER, "mgr-pass-11", err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_login(db, "mgr", "mgr-pass-11", &mgr, err, sizeof err), STAFF_OK);
	file_exec(path, "INSERT INTO customers(cust_no, name) VALUES('C00000001','张三'),('C00000002','李四')");
}
static void teardown(void)
{
	st_close(db);
	unsetenv("DESK4S_NOW");
	tu_rmtree(dir);
}

START_TEST(backup_is_a_private_checked_copy)
{
	ck_assert_msg(bk_backup(db, bak, NULL, "admin", err, sizeof err) == ST_OK, "%s", err);
	ck_assert_int_eq(mode_of(bak), 0600);
	struct bk_info i;
	ck_assert_int_eq(bk_check_file(bak, &i, err, sizeof err), ST_OK);
	ck_assert_int_eq(i.version, st_latest_version());
	ck_assert_int_eq(i.customers, 2);
	/* one self-contained file */
	ck_assert_int_eq(file_int(bak, "SELECT count(*) FROM pragma_journal_mode() WHERE journal_mode = 'delete'"), 1);
	char side[600];
	snprintf(side, sizeof side, "%s-wal", bak);
	ck_assert_int_ne(access(side, F_OK), 0);
	/* no temporary file left behind */
	char cmd[700];
	snprintf(cmd, sizeof cmd, "ls '%s' | grep -q tmp-", dir);
	ck_assert_int_ne(system(cmd), 0);
	/* the backup is logged in the live database (after the copy) */
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM audit_log WHERE action = '备份' AND staff = 'admin'"), 1);
	/* never over the database itself */
	ck_assert_int_eq(bk_backup(db, path, NULL, "admin", err, sizeof err), ST_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "数据库本身"));
	/* a directory that does not exist is named */
	ck_assert_int_eq(bk_backup(db, "/nonexistent-dir/b.db", NULL, NULL, err, sizeof err), ST_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent-dir/b.db"));
}
END_TEST

/* A writer in another process appends to the usage log as fast as it can
 * while backups are taken: each backup is consistent (its own hash chain
 * verifies) and the writer never stops. */
START_TEST(backup_while_another_process_writes)
{
	pid_t kid = fork();
	ck_assert_int_ge(kid, 0);
	if (kid == 0) {
		struct st_db *d;
		char e[256];
		if (st_open(path, &d, e, sizeof e) != ST_OK)
			_exit(1);
		for (;;) {
			if (audit_append(d, "mgr", "查看客户", "C00000001", "并发写入", e, sizeof e) != ST_OK)
				_exit(2);
			file_exec(path, "UPDATE customers SET hobby = coalesce(hobby,0) + 1 WHERE cust_no = 'C00000002'");
		}
	}
	usleep(100000);
	long long before = file_int(path, "SELECT count(*) FROM audit_log");
	for (int k = 0; k < 5; k++) {
		char p[600];
		snprintf(p, sizeof p, "%s/b%d.db", dir, k);
		ck_assert_msg(bk_backup(db, p, NULL, "admin", err, sizeof err) == ST_OK, "%s", err);
		ck_assert_int_eq(bk_check_file(p, NULL, err, sizeof err), ST_OK);
		struct st_db *copy;
		ck_assert_int_eq(st_open(p, &copy, err, sizeof err), ST_OK);
		struct audit_check c;
		ck_assert_int_eq(audit_verify(copy, &c, err, sizeof err), 0);
		ck_assert_int_gt(c.entries, 4);
		st_close(copy);
		usleep(50000);
	}
	long long after = file_int(path, "SELECT count(*) FROM audit_log");
	kill(kid, SIGKILL);
	int stt;
	waitpid(kid, &stt, 0);
	ck_assert(WIFSIGNALED(stt)); /* it was still writing, not failed */
	ck_assert_int_gt(after, before + 10);
	ck_assert_int_eq(audit_verify(db, NULL, err, sizeof err), 0);
}
END_TEST

START_TEST(restore_brings_the_backup_back)
{
	ck_assert_int_eq(bk_backup(db, bak, NULL, "admin", err, sizeof err), ST_OK);
	long long log_at_backup = file_int(bak, "SELECT max(id) FROM audit_log");
	/* work goes on after the backup */
	file_exec(path, "INSERT INTO customers(cust_no, name) VALUES('C00000003','王五')");
	ck_assert_int_eq(staff_add(db, &admin, "late", "", AUTH_SALES, "late-pass-1", err, sizeof err), ST_OK);
	/* a manager may not restore */
	char saved[600];
	ck_assert_int_eq(bk_restore(db, &mgr, bak, NULL, 0, NULL, saved, sizeof saved, err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "权限不足：经理没有“管理”权限");
	ck_assert_msg(bk_restore(db, &admin, bak, NULL, 0, NULL, saved, sizeof saved, err, sizeof err) == ST_OK, "%s", err);
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM customers"), 2);
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM staff WHERE login = 'late'"), 0);
	/* the replaced database is kept, private */
	ck_assert_ptr_nonnull(strstr(saved, ".before-restore"));
	ck_assert_int_eq(file_int(saved, "SELECT count(*) FROM customers"), 3);
	ck_assert_int_eq(mode_of(saved), 0600);
	/* the log continues from the backup's last entry, with the restore */
	ck_assert_int_eq(file_int(path, "SELECT max(id) FROM audit_log"), log_at_backup + 1);
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM audit_log WHERE action = '恢复' AND staff = 'admin'"), 1);
	ck_assert_int_eq(audit_verify(db, NULL, err, sizeof err), 0);
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM pragma_journal_mode() WHERE journal_mode = 'wal'"), 1);
	/* the connection goes on working */
	ck_assert_int_eq(staff_add(db, &admin, "after", "", AUTH_SALES, "after-pass-1", err, sizeof err), ST_OK);
	char msg[256];
	ck_assert_int_eq(st_integrity(db, msg, sizeof msg), ST_OK);
}
END_TEST

START_TEST(restore_refuses_bad_files)
{
	char saved[600];
	char junk[600];
	snprintf(junk, sizeof junk, "%s/junk.db", dir);
	tu_write(junk, "this is not a database, just text that someone named .db\n");
	ck_assert_int_eq(bk_restore(db, &admin, junk, NULL, 0, NULL, saved, sizeof saved, err, sizeof err), ST_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "junk.db"));
	ck_assert_int_eq(bk_restore(db, &admin, "missing.db", NULL, 0, NULL, saved, sizeof saved, err, sizeof err), ST_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "missing.db"));
	/* a backup from a newer desk4s */
	ck_assert_int_eq(bk_backup(db, bak, NULL, "admin", err, sizeof err), ST_OK);
	file_exec(bak, "PRAGMA user_version = 999");
	ck_assert_int_eq(bk_restore(db, &admin, bak, NULL, 0, NULL, saved, sizeof saved, err, sizeof err), ST_TOO_NEW);
	ck_assert_ptr_nonnull(strstr(err, "更新版本"));
	/* another SQLite database that is not ours */
	char other[600];
	snprintf(other, sizeof other, "%s/other.db", dir);
	file_exec(other, "CREATE TABLE t(x)");
	ck_assert_int_eq(bk_restore(db, &admin, other, NULL, 0, NULL, saved, sizeof saved, err, sizeof err), ST_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "不是 desk4s"));
	/* a damaged backup: overwrite the start of every page after the
	 * first (their b-tree headers) */
	ck_assert_int_eq(bk_backup(db, bak, NULL, "admin", err, sizeof err), ST_OK);
	FILE *f = fopen(bak, "r+b");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	for (long off = 4096; off < size; off += 4096) {
		fseek(f, off, SEEK_SET);
		for (int i = 0; i < 16; i++)
			fputc(0x5a, f);
	}
	fclose(f);
	ck_assert_int_ne(bk_restore(db, &admin, bak, NULL, 0, NULL, saved, sizeof saved, err, sizeof err), ST_OK);
	/* nothing was replaced */
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM customers"), 2);
	ck_assert_int_eq(audit_verify(db, NULL, err, sizeof err), 0);
}
END_TEST

/* Enough log entries that the 20th exists, each with its own text. */
static void log_up_to(int n)
{
	while (file_int(path, "SELECT count(*) FROM audit_log") < n) {
		char d[64];
		snprintf(d, sizeof d, "第 %lld 次查看", file_int(path, "SELECT count(*) FROM audit_log") + 1);
		ck_assert_int_eq(audit_append(db, "mgr", "查看客户", "C00000001", d, err, sizeof err), ST_OK);
	}
}

/* Files in dir whose names contain part. */
static int files_named(const char *part)
{
	char cmd[800];
	int n = 0;
	snprintf(cmd, sizeof cmd, "ls '%s' | grep -F -- '%s'", dir, part);
	FILE *p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	char line[600];
	while (fgets(line, sizeof line, p))
		n++;
	pclose(p);
	return n;
}

/* The tester's case: a copy whose trigger was dropped and whose entry #20
 * was rewritten is refused as `audit verify` refuses it, naming both, and
 * the live database is left as it was, without a safety copy. */
START_TEST(restore_refuses_a_backup_whose_log_was_changed)
{
	log_up_to(25);
	ck_assert_int_eq(bk_backup(db, bak, NULL, "admin", err, sizeof err), ST_OK);
	file_exec(bak, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '没有查看' WHERE id = 20");
	file_exec(path, "INSERT INTO customers(cust_no, name) VALUES('C00000003','王五')");
	long long live_log = file_int(path, "SELECT max(id) FROM audit_log");
	char saved[600] = "x";
	ck_assert_int_eq(bk_restore(db, &admin, bak, NULL, 0, NULL, saved, sizeof saved, err, sizeof err), ST_ERROR);
	ck_assert_msg(strstr(err, "第 20 条的内容与其哈希不符") != NULL, "%s", err);
	ck_assert_msg(strstr(err, "audit_log_no_update") != NULL, "%s", err);
	ck_assert_msg(strstr(err, "audit_log_no_delete") == NULL, "%s", err);
	ck_assert_msg(strstr(err, bak) != NULL, "%s", err);
	ck_assert_str_eq(saved, "");
	/* untouched: its data, its log (no 恢复 entry), its triggers, no copy */
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM customers"), 3);
	ck_assert_int_eq(file_int(path, "SELECT max(id) FROM audit_log"), live_log);
	ck_assert_int_eq(audit_verify(db, NULL, err, sizeof err), 0);
	ck_assert_int_eq(files_named("before-restore"), 0);
	/* the check of a backup file says the same */
	ck_assert_int_eq(bk_check_file(bak, NULL, err, sizeof err), ST_ERROR);
	ck_assert_msg(strstr(err, "第 20 条") != NULL, "%s", err);

	/* a trigger dropped, nothing changed: still refused, the trigger named */
	ck_assert_int_eq(bk_backup(db, bak, NULL, "admin", err, sizeof err), ST_OK);
	file_exec(bak, "DROP TRIGGER audit_log_no_delete");
	ck_assert_int_eq(bk_restore(db, &admin, bak, NULL, 0, NULL, saved, sizeof saved, err, sizeof err), ST_ERROR);
	ck_assert_msg(strstr(err, "audit_log_no_delete") != NULL, "%s", err);
	ck_assert_msg(strstr(err, "哈希") == NULL, "%s", err);
	/* an entry deleted and the trigger put back to hide it */
	ck_assert_int_eq(bk_backup(db, bak, NULL, "admin", err, sizeof err), ST_OK);
	file_exec(bak, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 5;"
	               "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
	               "  BEGIN SELECT RAISE(ABORT, '使用日志不可删除'); END;");
	ck_assert_int_eq(bk_restore(db, &admin, bak, NULL, 0, NULL, saved, sizeof saved, err, sizeof err), ST_ERROR);
	ck_assert_msg(strstr(err, "第 5 条缺失") != NULL, "%s", err);
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM customers"), 3);
	ck_assert_int_eq(files_named("before-restore"), 0);
}
END_TEST

/* When no sound backup is left, an administrator may still restore one
 * whose log fails, but only by asking for it: the restore's entry says so
 * and names the broken entry, the missing trigger is put back (the log is
 * not written on into an unguarded table), and the chain stays reported
 * broken where it was broken. */
START_TEST(a_broken_log_is_restored_only_when_asked_and_logged)
{
	log_up_to(25);
	ck_assert_int_eq(bk_backup(db, bak, NULL, "admin", err, sizeof err), ST_OK);
	file_exec(bak, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '没有查看' WHERE id = 20");
	char saved[600];
	struct bk_info info;
	ck_assert_msg(bk_restore(db, &admin, bak, NULL, BK_ACCEPT_BROKEN_LOG, &info, saved, sizeof saved, err,
	                         sizeof err) == ST_OK, "%s", err);
	ck_assert_int_eq(info.log_broken, 20);
	ck_assert_str_eq(info.unguarded, "audit_log_no_update");
	ck_assert_int_eq(access(saved, F_OK), 0);
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM audit_log WHERE id = 20 AND detail = '没有查看'"), 1);
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM audit_log WHERE action = '恢复' AND staff = 'admin' AND "
	                                "detail LIKE '%--accept-broken-log%' AND detail LIKE '%第 20 条%' AND "
	                                "detail LIKE '%已重建保护触发器 audit_log_no_update%'"), 1);
	struct audit_check c;
	ck_assert_int_eq(audit_verify(db, &c, err, sizeof err), 20);
	ck_assert_int_eq(c.guarded, 1);
	ck_assert_str_eq(c.unguarded, "");
	/* the put-back trigger guards the live log again */
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(h, "UPDATE audit_log SET staff = 'x' WHERE id = 3", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_ptr_nonnull(strstr(sqlite3_errmsg(h), "使用日志不可修改"));
	sqlite3_close(h);
	/* the flag forgives the log only: a damaged or foreign file is still refused */
	char other[600];
	snprintf(other, sizeof other, "%s/other.db", dir);
	file_exec(other, "CREATE TABLE t(x)");
	ck_assert_int_eq(bk_restore(db, &admin, other, NULL, BK_ACCEPT_BROKEN_LOG, NULL, saved, sizeof saved, err,
	                            sizeof err), ST_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "不是 desk4s"));
}
END_TEST

/* Each restore keeps the database it replaced under a name of its own:
 * a second restore (even in the same minute) does not overwrite the
 * first one's copy, nor a file someone left under the name. */
START_TEST(each_restore_keeps_its_own_safety_copy)
{
	setenv("DESK4S_NOW", "2026-12-05 09:30:00", 1);
	ck_assert_int_eq(bk_backup(db, bak, NULL, "admin", err, sizeof err), ST_OK);
	file_exec(path, "INSERT INTO customers(cust_no, name) VALUES('C00000003','王五')");
	char s1[600], s2[600], s3[600], s4[600], want[800];
	ck_assert_msg(bk_restore(db, &admin, bak, NULL, 0, NULL, s1, sizeof s1, err, sizeof err) == ST_OK, "%s", err);
	snprintf(want, sizeof want, "%s.before-restore-20261205-0930", path);
	ck_assert_str_eq(s1, want);
	file_exec(path, "INSERT INTO customers(cust_no, name) VALUES('C00000004','赵六')");
	ck_assert_msg(bk_restore(db, &admin, bak, NULL, 0, NULL, s2, sizeof s2, err, sizeof err) == ST_OK, "%s", err);
	snprintf(want, sizeof want, "%s.before-restore-20261205-0930-2", path);
	ck_assert_str_eq(s2, want);
	/* both states before a restore are there */
	ck_assert_int_eq(file_int(s1, "SELECT count(*) FROM customers WHERE cust_no = 'C00000003'"), 1);
	ck_assert_int_eq(file_int(s1, "SELECT count(*) FROM customers WHERE cust_no = 'C00000004'"), 0);
	ck_assert_int_eq(file_int(s2, "SELECT count(*) FROM customers WHERE cust_no = 'C00000004'"), 1);
	ck_assert_int_eq(file_int(s2, "SELECT count(*) FROM customers WHERE cust_no = 'C00000003'"), 0);
	ck_assert_int_eq(mode_of(s2), 0600);
	/* the next minute has its own name */
	setenv("DESK4S_NOW", "2026-12-05 09:31:00", 1);
	ck_assert_msg(bk_restore(db, &admin, bak, NULL, 0, NULL, s3, sizeof s3, err, sizeof err) == ST_OK, "%s", err);
	snprintf(want, sizeof want, "%s.before-restore-20261205-0931", path);
	ck_assert_str_eq(s3, want);
	/* a file of somebody's under the name is left alone */
	setenv("DESK4S_NOW", "2026-12-05 09:32:00", 1);
	char mine[700];
	snprintf(mine, sizeof mine, "%s.before-restore-20261205-0932", path);
	tu_write(mine, "somebody's notes\n");
	ck_assert_msg(bk_restore(db, &admin, bak, NULL, 0, NULL, s4, sizeof s4, err, sizeof err) == ST_OK, "%s", err);
	snprintf(want, sizeof want, "%s-2", mine);
	ck_assert_str_eq(s4, want);
	char *kept = tu_read(mine);
	ck_assert_str_eq(kept, "somebody's notes\n");
	free(kept);
	ck_assert_int_eq(files_named("before-restore"), 5);
	/* each restore's log entry names its own copy */
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM audit_log WHERE action = '恢复' AND "
	                                "detail LIKE '%before-restore-20261205-0932-2%'"), 1);
	ck_assert_int_eq(files_named("tmp-"), 0);
}
END_TEST

/* The command as an administrator meets it: a tampered backup is refused
 * with the exit status of the other refusals (3), the entry and the
 * trigger named; the output of a restore names its safety copy. */
START_TEST(restore_command_refuses_a_tampered_backup)
{
	log_up_to(22);
	ck_assert_int_eq(bk_backup(db, bak, NULL, "admin", err, sizeof err), ST_OK);
	char good[600];
	snprintf(good, sizeof good, "%s/good.db", dir);
	ck_assert_int_eq(bk_backup(db, good, NULL, "admin", err, sizeof err), ST_OK);
	file_exec(bak, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '没有查看' WHERE id = 20");
	file_exec(path, "INSERT INTO customers(cust_no, name) VALUES('C00000003','王五')");
	char cmd[2000], outp[600], *o;
	snprintf(outp, sizeof outp, "%s/out", dir);
	snprintf(cmd, sizeof cmd, "cd '%s' && echo admin-pass-1 | '%s' --db t.db --user admin --password-fd 0 "
	         "restore backup.db >out 2>&1", dir, getenv("DESK4S_BIN"));
	int st = system(cmd);
	o = tu_read(outp);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 3, "%s", o);
	ck_assert_msg(strstr(o, "第 20 条") && strstr(o, "audit_log_no_update"), "%s", o);
	ck_assert_msg(!strstr(o, "已从"), "%s", o);
	free(o);
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM customers"), 3);
	ck_assert_int_eq(files_named("before-restore"), 0);
	/* a sound backup: restored, and the output names the copy kept */
	snprintf(cmd, sizeof cmd, "cd '%s' && echo admin-pass-1 | '%s' --db t.db --user admin --password-fd 0 "
	         "restore good.db >out 2>&1", dir, getenv("DESK4S_BIN"));
	st = system(cmd);
	o = tu_read(outp);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", o);
	ck_assert_msg(strstr(o, "t.db.before-restore-20261123-0900"), "%s", o);
	free(o);
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM customers"), 2);
	/* forced: done, and said */
	snprintf(cmd, sizeof cmd, "cd '%s' && echo admin-pass-1 | '%s' --db t.db --user admin --password-fd 0 "
	         "restore backup.db --accept-broken-log >out 2>&1", dir, getenv("DESK4S_BIN"));
	st = system(cmd);
	o = tu_read(outp);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", o);
	ck_assert_msg(strstr(o, "已从 backup.db 恢复") && strstr(o, "第 20 条") && strstr(o, "保护触发器已重建"), "%s", o);
	ck_assert_msg(strstr(o, "t.db.before-restore-20261123-0900-2"), "%s", o);
	free(o);
	ck_assert_int_eq(files_named("before-restore"), 2);
	/* usage errors */
	snprintf(cmd, sizeof cmd, "cd '%s' && '%s' --db t.db restore backup.db --force >out 2>&1; "
	         "test $? -eq 2 && '%s' --db t.db restore a.db b.db >out 2>&1; test $? -eq 2",
	         dir, getenv("DESK4S_BIN"), getenv("DESK4S_BIN"));
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(rotation_keeps_the_newest)
{
	char bdir[600], made[700];
	snprintf(bdir, sizeof bdir, "%s/daily", dir);
	int removed = 0;
	static const char *const days[] = { "2026-11-19 02:00:00", "2026-11-20 02:00:00", "2026-11-21 02:00:00",
	                                    "2026-11-22 02:00:00", "2026-11-23 02:00:00" };
	for (int i = 0; i < 5; i++) {
		setenv("DESK4S_NOW", days[i], 1);
		ck_assert_msg(bk_rotate(db, bdir, 3, NULL, NULL, made, sizeof made, &removed, err, sizeof err) == ST_OK,
		              "%s", err);
		ck_assert_int_eq(removed, i >= 3 ? 1 : 0);
	}
	ck_assert_str_eq(made + strlen(bdir), "/desk4s-20261123-020000.db");
	ck_assert_int_eq(mode_of(bdir), 0700);
	char cmd[800];
	snprintf(cmd, sizeof cmd, "cd '%s' && test \"$(ls | tr '\\n' ' ')\" = "
	         "'desk4s-20261121-020000.db desk4s-20261122-020000.db desk4s-20261123-020000.db '", bdir);
	ck_assert_int_eq(system(cmd), 0);
	/* files that are not ours are left alone */
	snprintf(cmd, sizeof cmd, "%s/notes.txt", bdir);
	{ FILE *nf = fopen(cmd, "wb"); ck_assert_msg(nf != NULL, "%s: %s", cmd, strerror(errno)); fputs("keep me", nf); fclose(nf); }
	ck_assert_int_eq(bk_rotate(db, bdir, 1, NULL, NULL, made, sizeof made, &removed, err, sizeof err), ST_OK);
	ck_assert_int_eq(removed, 2);
	ck_assert_int_eq(access(cmd, F_OK), 0);
	ck_assert_int_eq(bk_rotate(db, bdir, 0, NULL, NULL, made, sizeof made, &removed, err, sizeof err), ST_CONSTRAINT);
}
END_TEST

/* A damaged database is not backed up: the copy takes its pages as they
 * are, so a nightly rotation of a file gone bad replaced the sound backups
 * one by one with copies of the damage, and restore (which checks) found
 * none left.  The copy is checked before it takes the backup's name; the
 * older backups stay. */
START_TEST(a_damaged_database_is_not_backed_up)
{
	char bdir[600], made[700];
	snprintf(bdir, sizeof bdir, "%s/daily", dir);
	int removed = 0;
	setenv("DESK4S_NOW", "2026-11-22 02:00:00", 1);
	ck_assert_msg(bk_rotate(db, bdir, 1, NULL, NULL, made, sizeof made, &removed, err, sizeof err) == ST_OK,
	              "%s", err);
	st_close(db);
	tu_damage_table(path, "customers");
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	ck_assert_int_eq(bk_backup(db, bak, NULL, "admin", err, sizeof err), ST_ERROR);
	ck_assert_msg(strstr(err, "已损坏") && strstr(err, "没有写出备份"), "%s", err);
	ck_assert_int_eq(access(bak, F_OK), -1);
	setenv("DESK4S_NOW", "2026-11-23 02:00:00", 1);
	ck_assert_int_eq(bk_rotate(db, bdir, 1, NULL, NULL, made, sizeof made, &removed, err, sizeof err), ST_ERROR);
	ck_assert_int_eq(removed, 0);
	char cmd[800];
	snprintf(cmd, sizeof cmd, "cd '%s' && test \"$(ls -A | tr '\\n' ' ')\" = 'desk4s-20261122-020000.db '", bdir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s' | grep -c tmp)\" = 0", dir);
	ck_assert_int_eq(system(cmd), 0);
	/* what the damage calls for still works: the restore keeps the
	 * damaged file as it is and brings the sound backup back */
	char good[800], saved[800];
	snprintf(good, sizeof good, "%s/desk4s-20261122-020000.db", bdir);
	ck_assert_msg(bk_restore(db, &admin, good, NULL, 0, NULL, saved, sizeof saved, err, sizeof err) == ST_OK, "%s",
	              err);
	ck_assert_int_eq(access(saved, F_OK), 0);
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM customers"), 2);
}
END_TEST

static int run_in_dir(const char *pw, const char *args, char **o)
{
	char cmd[2000], outp[600];
	snprintf(outp, sizeof outp, "%s/out", dir);
	snprintf(cmd, sizeof cmd, "cd '%s' && echo '%s' | '%s' %s >out 2>&1", dir, pw, getenv("DESK4S_BIN"), args);
	int st = system(cmd);
	*o = tu_read(outp);
	ck_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* A database cut short (a disk fault, a copy that stopped) opens as
 * nothing: every command says so and what to do, and restore can neither
 * log in against it nor copy it aside.  --replace-damaged logs the
 * administrator in against the backup, keeps the damaged file under
 * another name and puts the backup in its place; a wrong
 * password or a bad backup changes nothing. */
START_TEST(a_database_that_does_not_open_is_replaced_from_a_backup)
{
	ck_assert_int_eq(bk_backup(db, bak, NULL, "admin", err, sizeof err), ST_OK);
	file_exec(path, "INSERT INTO customers(cust_no, name) VALUES('C00000003','王五')");
	st_close(db);
	db = NULL;
	ck_assert_int_eq(truncate(path, 20000), 0);
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_DAMAGED);
	char *o;
	ck_assert_int_eq(run_in_dir("", "--db t.db check", &o), 3);
	ck_assert_msg(strstr(o, "已损坏") && strstr(o, "restore 备份文件 --replace-damaged"), "%s", o);
	free(o);
	/* without the option: refused as before, naming it */
	ck_assert_int_eq(run_in_dir("admin-pass-1", "--db t.db --user admin --password-fd 0 restore backup.db", &o), 3);
	ck_assert_msg(strstr(o, "--replace-damaged"), "%s", o);
	free(o);
	/* a wrong password or a file that is no backup: nothing moves */
	ck_assert_int_eq(run_in_dir("wrong-pass-1", "--db t.db --user admin --password-fd 0 restore backup.db"
	                            " --replace-damaged", &o), 4);
	free(o);
	ck_assert_int_eq(run_in_dir("admin-pass-1", "--db t.db --user admin --password-fd 0 restore t.db-wal"
	                            " --replace-damaged", &o), 3);
	free(o);
	ck_assert_int_eq(run_in_dir("mgr-pass-11", "--db t.db --user mgr --password-fd 0 restore backup.db"
	                            " --replace-damaged", &o), 4);
	ck_assert_msg(strstr(o, "权限"), "%s", o);
	free(o);
	struct stat sb;
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq((int)sb.st_size, 20000);
	ck_assert_int_eq(files_named("damaged"), 0);
	ck_assert_int_eq(files_named("restore-"), 0);
	/* the administrator of the backup */
	ck_assert_int_eq(run_in_dir("admin-pass-1", "--db t.db --user admin --password-fd 0 restore backup.db"
	                            " --replace-damaged", &o), 0);
	ck_assert_msg(strstr(o, "已从 backup.db 恢复") && strstr(o, "t.db.damaged-20261123-0900"), "%s", o);
	free(o);
	char kept[700];
	snprintf(kept, sizeof kept, "%s.damaged-20261123-0900", path);
	ck_assert_int_eq(stat(kept, &sb), 0);
	ck_assert_int_eq((int)sb.st_size, 20000);
	ck_assert_int_eq(mode_of(path), 0600);
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	ck_assert_int_eq(file_int(path, "SELECT count(*) FROM customers"), 2);
	/* both files by their absolute paths (run with --db t.db) */
	char real[PATH_MAX], q[3 * PATH_MAX];
	ck_assert_ptr_nonnull(realpath(dir, real));
	snprintf(q, sizeof q, "SELECT count(*) FROM audit_log WHERE action = '恢复' AND staff = 'admin' AND detail LIKE"
	                      " '数据库无法打开（已损坏），从 %s/backup.db 恢复%%；损坏的数据库文件改名保存为 %s/t.db.damaged-20261123-0900'",
	         real, real);
	ck_assert_int_eq(file_int(path, q), 1);
	/* the restored log holds: the entry joined its chain */
	ck_assert_int_eq(run_in_dir("admin-pass-1", "--db t.db --user admin --password-fd 0 audit verify", &o), 0);
	free(o);
	/* a database that opens is restored as always, the option or not */
	ck_assert_int_eq(run_in_dir("admin-pass-1", "--db t.db --user admin --password-fd 0 restore backup.db"
	                            " --replace-damaged", &o), 0);
	ck_assert_msg(strstr(o, "before-restore"), "%s", o);
	free(o);
}
END_TEST

static int login_admin(struct st_db *d, void *ctx, struct staff_me *me)
{
	(void)ctx;
	char e[256];
	return staff_login(d, "admin", "admin-pass-1", me, e, sizeof e) == STAFF_OK ? 0 : -1;
}
/* What a caller's earlier work left on the stack, here nothing: the
 * frame called next starts where this one did. */
static void __attribute__((noinline)) zero_stack(void)
{
	volatile char junk[1 << 16];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = 0;
}
static void touch(const char *name)
{
	FILE *f = fopen(name, "w");
	ck_assert_msg(f != NULL, "%s: %s", name, strerror(errno));
	fclose(f);
}

/* A restore over a damaged database refused before it staged anything (a
 * file that is no backup) cleaned up a staging name it had never set:
 * whatever the stack held, here an empty name, so that the files -wal,
 * -shm and -journal of the directory it ran in were deleted.  And with no
 * .damaged- name left to claim, the last one tried (somebody's file) was
 * deleted when empty.  A refusal removes only what it made. */
START_TEST(a_refused_damaged_restore_removes_nothing_of_others)
{
	ck_assert_int_eq(bk_backup(db, bak, NULL, "admin", err, sizeof err), ST_OK);
	st_close(db);
	db = NULL;
	ck_assert_int_eq(truncate(path, 20000), 0);
	char junk[600], cwd[1024], name[700];
	snprintf(junk, sizeof junk, "%s/junk.db", dir);
	tu_write(junk, "no backup at all\n");
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	ck_assert_int_eq(chdir(dir), 0);
	touch("-wal");
	touch("-shm");
	touch("-journal");
	struct bk_info info;
	char kept[700];
	zero_stack();
	enum st_status st = bk_restore_damaged(path, junk, 0, login_admin, NULL, &info, kept, sizeof kept, err,
	                                       sizeof err);
	ck_assert_int_eq(chdir(cwd), 0);
	ck_assert_int_eq(st, ST_ERROR);
	snprintf(name, sizeof name, "%s/-wal", dir);
	ck_assert_int_eq(access(name, F_OK), 0);
	snprintf(name, sizeof name, "%s/-shm", dir);
	ck_assert_int_eq(access(name, F_OK), 0);
	snprintf(name, sizeof name, "%s/-journal", dir);
	ck_assert_int_eq(access(name, F_OK), 0);
	/* every name taken: the restore is refused and the names stay */
	for (int n = 1; n < 1000; n++) {
		if (n == 1)
			snprintf(name, sizeof name, "%s.damaged-20261123-0900", path);
		else
			snprintf(name, sizeof name, "%s.damaged-20261123-0900-%d", path, n);
		touch(name);
	}
	ck_assert_int_eq(bk_restore_damaged(path, bak, 0, login_admin, NULL, &info, kept, sizeof kept, err, sizeof err),
	                 ST_ERROR);
	ck_assert_msg(strstr(err, "太多"), "%s", err);
	ck_assert_int_eq(files_named("damaged"), 999);
	ck_assert_int_eq(files_named("restore-"), 0);
	struct stat sb;
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq((int)sb.st_size, 20000);
}
END_TEST

/* A backup that runs out of room (here a file-size limit, as a full disk
 * would) leaves nothing behind, not even the copy's rollback journal, and
 * says why in Chinese (it said "disk I/O error"). */
START_TEST(a_backup_out_of_room_leaves_nothing)
{
	for (int i = 0; i < 200; i++) {
		char sql[600];
		snprintf(sql, sizeof sql, "INSERT INTO customers(cust_no, name, address) VALUES('C9%07d','客户', '%0300d')", i,
		         i);
		file_exec(path, sql);
	}
	int res[2];
	ck_assert_int_eq(pipe(res), 0);
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit rl = { 64 * 1024, 64 * 1024 };
		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		char e[1024] = "";
		int rc = bk_backup(db, bak, NULL, NULL, e, sizeof e);
		char out[1100];
		int n = snprintf(out, sizeof out, "%d|%s", rc, e);
		_exit(write(res[1], out, (size_t)n) == n ? 0 : 1);
	}
	close(res[1]);
	char said[1100] = "";
	ck_assert_int_gt(read(res[0], said, sizeof said - 1), 0);
	close(res[0]);
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ck_assert_msg(said[0] == '1' && strstr(said, "backup.db") && !strstr(said, "error"), "%s", said);
	char cmd[700];
	snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s' | grep backup)\"", dir);
	ck_assert_msg(system(cmd) == 0, "%s", said);
}
END_TEST

/* A backup into a directory that is not there names the directory: it
 * said "文件或目录不存在" of the backup, which being new never is. */
START_TEST(a_backup_into_a_missing_directory_names_it)
{
	char to[700], want[800];
	snprintf(to, sizeof to, "%s/无此目录/b.db", dir);
	ck_assert_int_eq(bk_backup(db, to, NULL, "admin", err, sizeof err), ST_ERROR);
	snprintf(want, sizeof want, "目录 %s/无此目录 不存在", dir);
	ck_assert_msg(strstr(err, want) && strstr(err, "请先建立这个目录"), "%s", err);
	/* a file where the directory should be is said to be no directory */
	char plain[600];
	snprintf(plain, sizeof plain, "%s/plain", dir);
	FILE *f = fopen(plain, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	snprintf(to, sizeof to, "%s/b.db", plain);
	ck_assert_int_eq(bk_backup(db, to, NULL, "admin", err, sizeof err), ST_ERROR);
	snprintf(want, sizeof want, "%s 不是目录", plain);
	ck_assert_msg(strstr(err, want), "%s", err);
}
END_TEST

/* A backup onto a pipe or a device is refused and leaves it as it was:
 * the copy took its name by rename and put a file of every customer in
 * the place of the node (backup /dev/null, as root, replaced /dev/null). */
START_TEST(a_backup_onto_a_pipe_or_a_device_is_refused)
{
	char fifo[600], want[700];
	snprintf(fifo, sizeof fifo, "%s/pipe", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(bk_backup(db, fifo, NULL, "admin", err, sizeof err), ST_ERROR);
	snprintf(want, sizeof want, "备份文件 %s 不是普通文件（是管道）", fifo);
	ck_assert_msg(strstr(err, want), "%s", err);
	struct stat st;
	ck_assert_int_eq(lstat(fifo, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	/* a directory is said as one */
	ck_assert_int_eq(bk_backup(db, dir, NULL, "admin", err, sizeof err), ST_ERROR);
	ck_assert_msg(strstr(err, "是目录"), "%s", err);
	/* nothing left beside them */
	char cmd[700];
	snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s' | grep tmp-)\"", dir);
	ck_assert(system(cmd) == 0);
}
END_TEST

START_TEST(file_permissions)
{
	char msg[512];
	ck_assert_int_eq(mode_of(path), 0600);
	ck_assert_int_eq(fsafe_warning(path, NULL, msg, sizeof msg), 0);
	chmod(path, 0644);
	ck_assert_int_eq(fsafe_warning(path, NULL, msg, sizeof msg), 1);
	ck_assert_ptr_nonnull(strstr(msg, "其他用户"));
	ck_assert_ptr_nonnull(strstr(msg, "chmod 600"));
	chmod(path, 0640);
	ck_assert_int_eq(fsafe_warning(path, NULL, msg, sizeof msg), 1);
	ck_assert_ptr_nonnull(strstr(msg, "同组"));
	/* with our own group configured, the group may read it */
	struct group *g = getgrgid(getgid());
	ck_assert_ptr_nonnull(g);
	char gname[128];
	snprintf(gname, sizeof gname, "%s", g->gr_name);
	ck_assert_int_eq(fsafe_apply(path, gname, msg, sizeof msg), 0);
	ck_assert_int_eq(mode_of(path), 0660);
	ck_assert_int_eq(fsafe_warning(path, gname, msg, sizeof msg), 0);
	ck_assert_int_eq(fsafe_apply(path, "no-such-group-desk4s", msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "no-such-group-desk4s"));
	ck_assert_int_eq(fsafe_apply(path, NULL, msg, sizeof msg), 0);
	ck_assert_int_eq(mode_of(path), 0600);
	/* backups with the group */
	ck_assert_int_eq(bk_backup(db, bak, gname, NULL, err, sizeof err), ST_OK);
	ck_assert_int_eq(mode_of(bak), 0660);
}
END_TEST

/* A temporary twin of an output file left by a run killed outright is
 * removed by the next write of that name; one still being written (locked
 * by its process), one just made, a symbolic link, other names and other
 * patterns are left alone. */
START_TEST(output_twins_left_by_a_killed_run_are_removed)
{
	static const char *const left[] = { "x.csv.tmp-Old123", "x.csv.tmp-Busy99", "x.csv.tmp-New456",
	                                    "y.csv.tmp-Old123", "x.csv.tmp-Seven77", "x.csv.tmp-Odd!23" };
	char p[700];
	for (size_t i = 0; i < sizeof left / sizeof left[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, left[i]);
		tu_write(p, "half");
		/* all but the new one were last written two hours ago */
		struct timespec t[2] = { { time(NULL) - 7200, 0 }, { time(NULL) - 7200, 0 } };
		if (strstr(left[i], "New") == NULL)
			ck_assert_int_eq(utimensat(AT_FDCWD, p, t, 0), 0);
	}
	char target[700], link[700];
	snprintf(target, sizeof target, "%s/y.csv.tmp-Old123", dir);
	snprintf(link, sizeof link, "%s/x.csv.tmp-Link12", dir);
	ck_assert_int_eq(symlink(target, link), 0);
	/* a writer still at work: another process holds the lock */
	int ready[2];
	ck_assert_int_eq(pipe(ready), 0);
	pid_t writer = fork();
	if (writer == 0) {
		char busy[700];
		snprintf(busy, sizeof busy, "%s/x.csv.tmp-Busy99", dir);
		int fd = open(busy, O_WRONLY);
		struct flock l = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
		char c = fd >= 0 && fcntl(fd, F_SETLK, &l) == 0 ? 'y' : 'n';
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	char c = 0;
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	ck_assert_int_eq(c, 'y');

	char out[700];
	snprintf(out, sizeof out, "%s/x.csv", dir);
	struct fsafe_out o;
	ck_assert_int_eq(fsafe_out_open(&o, out, err, sizeof err), 0);
	fputs("whole\n", o.f);
	ck_assert_int_eq(fsafe_out_close(&o, 1, err, sizeof err), 0);
	kill(writer, SIGKILL);
	waitpid(writer, NULL, 0);
	close(ready[0]);
	close(ready[1]);

	char *got = tu_read(out);
	ck_assert_str_eq(got, "whole\n");
	free(got);
	snprintf(p, sizeof p, "%s/x.csv.tmp-Old123", dir);
	ck_assert_msg(access(p, F_OK) != 0, "the twin left two hours ago is still there");
	static const char *const kept[] = { "x.csv.tmp-Busy99", "x.csv.tmp-New456", "y.csv.tmp-Old123",
	                                    "x.csv.tmp-Seven77", "x.csv.tmp-Odd!23", "x.csv.tmp-Link12" };
	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, kept[i]);
		struct stat st;
		ck_assert_msg(lstat(p, &st) == 0, "%s was removed", kept[i]);
	}
	/* the writer is gone: its twin is now left behind, and goes next time */
	ck_assert_int_eq(fsafe_out_open(&o, out, err, sizeof err), 0);
	ck_assert_int_eq(fsafe_out_close(&o, 1, err, sizeof err), 0);
	snprintf(p, sizeof p, "%s/x.csv.tmp-Busy99", dir);
	ck_assert_int_ne(access(p, F_OK), 0);
	snprintf(p, sizeof p, "%s/x.csv.tmp-New456", dir);
	ck_assert_int_eq(access(p, F_OK), 0);
}
END_TEST

/* --out through a symbolic link writes the file it names, but not one
 * another account put in a shared directory such as /tmp: it would make
 * the export replace any file of ours it names (the kernel refuses to
 * follow such links; a rename goes round that). */
START_TEST(a_link_planted_in_a_shared_directory_is_not_followed)
{
	struct stat pub = { .st_mode = S_IFDIR | 01777, .st_uid = 0 };
	struct stat own_dir = { .st_mode = S_IFDIR | 0755, .st_uid = 1000 };
	struct stat theirs = { .st_mode = S_IFLNK | 0777, .st_uid = 2000 };
	struct stat mine = { .st_mode = S_IFLNK | 0777, .st_uid = 1000 };
	struct stat roots = { .st_mode = S_IFLNK | 0777, .st_uid = 0 };
	ck_assert_int_eq(fsafe_may_follow(&pub, &theirs, 1000), 0);
	ck_assert_int_eq(fsafe_may_follow(&pub, &mine, 1000), 1);
	ck_assert_int_eq(fsafe_may_follow(&pub, &roots, 1000), 1); /* the directory's owner's */
	ck_assert_int_eq(fsafe_may_follow(&own_dir, &theirs, 1000), 1);
	struct stat sticky_private = { .st_mode = S_IFDIR | 01755, .st_uid = 0 };
	ck_assert_int_eq(fsafe_may_follow(&sticky_private, &theirs, 1000), 1);

	/* on the disk: a shared directory holding our own link, followed */
	char shared[700], target[700], link[800];
	snprintf(shared, sizeof shared, "%s/pub", dir);
	ck_assert_int_eq(mkdir(shared, 0777), 0);
	ck_assert_int_eq(chmod(shared, 01777), 0);
	snprintf(target, sizeof target, "%s/mine.csv", dir);
	FILE *f = fopen(target, "w");
	ck_assert_ptr_nonnull(f);
	fputs("ours\n", f);
	fclose(f);
	snprintf(link, sizeof link, "%s/out.csv", shared);
	ck_assert_int_eq(symlink(target, link), 0);
	struct fsafe_out o;
	ck_assert_int_eq(fsafe_out_open(&o, link, err, sizeof err), 0);
	fputs("new\n", o.f);
	ck_assert_int_eq(fsafe_out_close(&o, 1, err, sizeof err), 0);
	char *got = tu_read(target);
	ck_assert_str_eq(got, "new\n");
	free(got);
	/* and, where this test may make a link of another account's, that
	 * one refused, naming it, the file it names as it was */
	if (geteuid() == 0) {
		ck_assert_int_eq(lchown(link, 65534, 65534), 0);
		ck_assert_int_eq(fsafe_out_open(&o, link, err, sizeof err), -1);
		ck_assert_msg(strstr(err, "公用目录") && strstr(err, "out.csv"), "%s", err);
		got = tu_read(target);
		ck_assert_str_eq(got, "new\n");
		free(got);
	}
}
END_TEST

/* An --out that replaces a file keeps who may read it: a colleague's
 * group bits through a link into a shared folder stay, a new file is
 * private, and bits that let anyone read are kept but said. */
START_TEST(a_replaced_output_keeps_its_permissions)
{
	char fresh[700], shared[700], link[700];
	struct fsafe_out o;
	struct stat st;
	snprintf(fresh, sizeof fresh, "%s/new.csv", dir);
	ck_assert_int_eq(fsafe_out_open(&o, fresh, err, sizeof err), 0);
	fputs("a\n", o.f);
	ck_assert_int_eq(fsafe_out_close(&o, 1, err, sizeof err), 0);
	ck_assert_int_eq(stat(fresh, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_str_eq(o.warn, "");

	snprintf(shared, sizeof shared, "%s/office.csv", dir);
	FILE *f = fopen(shared, "w");
	ck_assert_ptr_nonnull(f);
	fputs("old\n", f);
	fclose(f);
	ck_assert_int_eq(chmod(shared, 0640), 0);
	if (geteuid() == 0)
		ck_assert_int_eq(chown(shared, (uid_t)-1, 65534), 0);
	snprintf(link, sizeof link, "%s/latest.csv", dir);
	ck_assert_int_eq(symlink(shared, link), 0);
	ck_assert_int_eq(fsafe_out_open(&o, link, err, sizeof err), 0);
	fputs("new\n", o.f);
	ck_assert_int_eq(fsafe_out_close(&o, 1, err, sizeof err), 0);
	ck_assert_int_eq(stat(shared, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0640);
	if (geteuid() == 0)
		ck_assert_int_eq((long)st.st_gid, 65534);
	ck_assert_str_eq(o.warn, "");
	char *got = tu_read(shared);
	ck_assert_str_eq(got, "new\n");
	free(got);

	ck_assert_int_eq(chmod(fresh, 0644), 0);
	ck_assert_int_eq(fsafe_out_open(&o, fresh, err, sizeof err), 0);
	fputs("b\n", o.f);
	ck_assert_int_eq(fsafe_out_close(&o, 1, err, sizeof err), 0);
	ck_assert_int_eq(stat(fresh, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	ck_assert_msg(strstr(o.warn, "0644") && strstr(o.warn, "new.csv") && strstr(o.warn, "chmod o-rwx"), "%s", o.warn);
	char want[800];
	snprintf(want, sizeof want, "chmod o-rwx %s/new.csv", dir);
	ck_assert_msg(strstr(o.warn, want), "%s", o.warn);

	/* a name with a space or a quote: the chmod offered is one word to
	 * the shell (it had read as two files, 客户 and 名单.csv) */
	char spaced[700];
	snprintf(spaced, sizeof spaced, "%s/客户 名单's.csv", dir);
	f = fopen(spaced, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	ck_assert_int_eq(chmod(spaced, 0604), 0);
	ck_assert_int_eq(fsafe_out_open(&o, spaced, err, sizeof err), 0);
	fputs("c\n", o.f);
	ck_assert_int_eq(fsafe_out_close(&o, 1, err, sizeof err), 0);
	snprintf(want, sizeof want, "chmod o-rwx '%s/客户 名单'\\''s.csv'", dir);
	ck_assert_msg(strstr(o.warn, want), "%s\nwanted %s", o.warn, want);

	/* said as what others may do: write it, not read it; others' execute
	 * bit alone lets nobody at the data */
	ck_assert_int_eq(chmod(fresh, 0602), 0);
	ck_assert_int_eq(fsafe_out_open(&o, fresh, err, sizeof err), 0);
	ck_assert_int_eq(fsafe_out_close(&o, 1, err, sizeof err), 0);
	ck_assert_msg(strstr(o.warn, "其他用户也能改写其中的客户资料"), "%s", o.warn);
	ck_assert_int_eq(chmod(fresh, 0641), 0);
	ck_assert_int_eq(fsafe_out_open(&o, fresh, err, sizeof err), 0);
	ck_assert_int_eq(fsafe_out_close(&o, 1, err, sizeof err), 0);
	ck_assert_str_eq(o.warn, "");
	ck_assert_int_eq(stat(fresh, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0641);
}
END_TEST

Suite *backup_suite(void)
{
	Suite *s = suite_create("backup");
	TCase *t = tcase_create("backup");
	tcase_set_timeout(t, 120);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, backup_is_a_private_checked_copy);
	tcase_add_test(t, backup_while_another_process_writes);
	tcase_add_test(t, restore_brings_the_backup_back);
	tcase_add_test(t, restore_refuses_bad_files);
	tcase_add_test(t, restore_refuses_a_backup_whose_log_was_changed);
	tcase_add_test(t, a_broken_log_is_restored_only_when_asked_and_logged);
	tcase_add_test(t, each_restore_keeps_its_own_safety_copy);
	tcase_add_test(t, restore_command_refuses_a_tampered_backup);
	tcase_add_test(t, rotation_keeps_the_newest);
	tcase_add_test(t, a_damaged_database_is_not_backed_up);
	tcase_add_test(t, a_backup_out_of_room_leaves_nothing);
	tcase_add_test(t, a_database_that_does_not_open_is_replaced_from_a_backup);
	tcase_add_test(t, a_refused_damaged_restore_removes_nothing_of_others);
	tcase_add_test(t, a_backup_into_a_missing_directory_names_it);
	tcase_add_test(t, a_backup_onto_a_pipe_or_a_device_is_refused);
	tcase_add_test(t, file_permissions);
	tcase_add_test(t, output_twins_left_by_a_killed_run_are_removed);
	tcase_add_test(t, a_link_planted_in_a_shared_directory_is_not_followed);
	tcase_add_test(t, a_replaced_output_keeps_its_permissions);
	suite_add_tcase(s, t);
	return s;
}
