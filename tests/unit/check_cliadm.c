/* Accounts, the usage log, keeping and the customer's rights through the
 * program itself, as an administrator or a script meets them: passwords
 * on --password-fd, exit statuses 0/1/2/3/4, refusals naming the missing
 * permission. */
#include <dirent.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include "testutil.h"
#include "desk4s/acard.h"

static char *dir;
static char out[512], errf[512], dbp[512];
static const char *now = "2026-11-23 09:00:00";

static void setup(void)
{
	now = "2026-11-23 09:00:00";
	dir = tu_tmpdir();
	snprintf(out, sizeof out, "%s/out", dir);
	snprintf(errf, sizeof errf, "%s/err", dir);
	snprintf(dbp, sizeof dbp, "%s/t.db", dir);
}
static void teardown(void) { tu_rmtree(dir); }

/* Run the program in dir with args; stdin is `input` (the passwords, one
 * a line, read through --password-fd 0 when the args ask for it). */
static int run(const char *input, const char *args)
{
	const char *bin = getenv("DESK4S_BIN");
	ck_assert_ptr_nonnull(bin);
	char in[600], cmd[4096];
	snprintf(in, sizeof in, "%s/in", dir);
	tu_write(in, input ? input : "");
	snprintf(cmd, sizeof cmd, "cd '%s' && env DESK4S_NOW='%s' '%s' --db t.db %s <in >out 2>err",
	         dir, now, bin, args);
	int st = system(cmd);
	ck_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static int said(const char *file, const char *text)
{
	char *s = tu_read(file);
	int yes = s && strstr(s, text) != NULL;
	if (!yes)
		fprintf(stderr, "expected “%s” in %s:\n%s\n", text, file, s ? s : "(none)");
	free(s);
	return yes;
}

static void raw_exec(const char *sql)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(dbp, &h), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "");
	sqlite3_close(h);
}

static const char *const logins[] = { "desk", "sales", "service", "mgr", "admin2" };
static const char *const roles[] = { "前台", "销售顾问", "服务顾问", "经理", "管理员" };

/* admin, and one account of every role, each with password "<login>-pass-1" */
static void staff_up(void)
{
	ck_assert_int_eq(run("admin-pass-1\n", "--password-fd 0 user add admin --role 管理员 --name 王管理"), 0);
	ck_assert(said(out, "已创建首个管理员账号 admin"));
	for (int r = 0; r < 5; r++) {
		char in[128], args[256];
		snprintf(in, sizeof in, "admin-pass-1\n%s-pass-1\n", logins[r]);
		snprintf(args, sizeof args, "--user admin --password-fd 0 user add %s --role %s", logins[r], roles[r]);
		ck_assert_int_eq(run(in, args), 0);
	}
}

static int as(const char *login, const char *args)
{
	char in[128], full[1024];
	snprintf(in, sizeof in, "%s-pass-1\n", login);
	snprintf(full, sizeof full, "--user %s --password-fd 0 %s", login, args);
	return run(in, full);
}

START_TEST(first_administrator_then_logins)
{
	/* the first account must be an administrator */
	ck_assert_int_eq(run("desk-pass-1\n", "--password-fd 0 user add desk --role 前台"), 1);
	ck_assert(said(errf, "第一个账号必须是管理员"));
	/* a weak password is refused, naming the rule */
	ck_assert_int_eq(run("short\n", "--password-fd 0 user add admin --role 管理员"), 1);
	ck_assert(said(errf, "至少 8 个字符"));
	staff_up();
	/* now adding needs a login */
	ck_assert_int_eq(run("x-pass-1\n", "--password-fd 0 user add x --role 前台"), 2);
	ck_assert(said(errf, "--user"));
	/* no terminal and no --password-fd: says how to give the password */
	ck_assert_int_eq(run("", "--user admin user list"), 2);
	ck_assert(said(errf, "--password-fd"));
	/* there is no way to put the password on the command line */
	ck_assert_int_eq(run("", "--password admin-pass-1 --user admin user list"), 2);
	ck_assert_int_eq(as("admin", "user list"), 0);
	ck_assert(said(out, "王管理"));
	ck_assert(said(out, "服务顾问"));
}
END_TEST

START_TEST(only_the_administrator_manages_accounts)
{
	staff_up();
	for (int r = 0; r < 4; r++) {
		ck_assert_int_eq(as(logins[r], "user list"), 4);
		char m[128];
		snprintf(m, sizeof m, "权限不足：%s没有“管理”权限", roles[r]);
		ck_assert(said(errf, m));
		ck_assert_int_eq(as(logins[r], "user disable desk"), 4);
		ck_assert(said(errf, "“管理”"));
	}
	ck_assert_int_eq(as("admin2", "user list"), 0);
	/* everyone changes their own password */
	ck_assert_int_eq(run("desk-pass-1\ndesk-pass-2\n", "--user desk --password-fd 0 user passwd"), 0);
	/* the new password is the next line; without it nothing changes */
	ck_assert_int_eq(run("desk-pass-2\n", "--user desk --password-fd 0 user passwd desk"), 2);
	ck_assert(said(errf, "读不到密码"));
	ck_assert_int_eq(run("desk-pass-2\ndesk-pass-3\n", "--user desk --password-fd 0 user passwd desk"), 0);
	ck_assert_int_eq(run("desk-pass-3\n", "--user desk --password-fd 0 user list"), 4);
}
END_TEST

START_TEST(lockout_and_disabled_accounts)
{
	staff_up();
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(run("wrong-pass\n", "--user desk --password-fd 0 user passwd"), 4);
		ck_assert(said(errf, "登录名或密码不正确"));
	}
	ck_assert_int_eq(run("wrong-pass\n", "--user desk --password-fd 0 user passwd"), 4);
	ck_assert(said(errf, "已锁定至 2026-11-23 09:15:00"));
	ck_assert_int_eq(run("desk-pass-1\n", "--user desk --password-fd 0 audit"), 4);
	ck_assert(said(errf, "已锁定"));
	/* the administrator unlocks by enabling */
	ck_assert_int_eq(as("admin", "user enable desk"), 0);
	ck_assert_int_eq(as("desk", "audit"), 4);
	ck_assert(said(errf, "权限不足：前台没有“查看使用日志”权限"));
	ck_assert_int_eq(as("admin", "user disable desk"), 0);
	ck_assert(said(out, "已停用"));
	ck_assert_int_eq(as("desk", "audit"), 4);
	ck_assert(said(errf, "已停用"));
	/* the last administrator stays */
	ck_assert_int_eq(as("admin", "user disable admin2"), 0);
	ck_assert_int_eq(as("admin", "user disable admin"), 1);
	ck_assert(said(errf, "最后一个管理员"));
	/* a --password-fd that gives no password is a usage error, said as one */
	ck_assert_int_eq(run("", "--user admin --password-fd 9 user list"), 2);
	ck_assert(said(errf, "--password-fd 9：没有打开这个文件描述符\n请运行 desk4s --help 查看用法。"));
	ck_assert_int_eq(run("", "--user admin --password-fd 0 user list"), 2);
	ck_assert(said(errf, "--password-fd 0：读不到密码（每行一个密码）\n请运行 desk4s --help 查看用法。"));
	/* a login that names no account: a usage error, as a customer number */
	ck_assert_int_eq(as("admin", "user disable nobody"), 2);
	ck_assert(said(errf, "没有登录名为 nobody 的员工账号"));
	/* a usage error like any other: with the pointer to --help */
	ck_assert(said(errf, "\n请运行 desk4s --help 查看用法。"));
	ck_assert_int_eq(as("admin", "user role sales 经理"), 0);
	ck_assert_int_eq(as("sales", "audit"), 0);
}
END_TEST

START_TEST(only_managers_and_administrators_read_the_log)
{
	staff_up();
	for (int r = 0; r < 5; r++) {
		int want = r >= 3 ? 0 : 4;
		ck_assert_int_eq(as(logins[r], "audit"), want);
		if (want) {
			char m[128];
			snprintf(m, sizeof m, "权限不足：%s没有“查看使用日志”权限", roles[r]);
			ck_assert(said(errf, m));
		}
	}
	ck_assert_int_eq(as("mgr", "audit --user desk"), 0);
	ck_assert(said(out, "\tdesk\t登录\t"));
	char *o = tu_read(out);
	ck_assert_ptr_null(strstr(o, "\tadmin\t"));
	free(o);
	ck_assert_int_eq(as("mgr", "audit --from 2026-11-24"), 0);
	o = tu_read(out);
	ck_assert_ptr_null(strstr(o, "#1\t"));
	free(o);
	ck_assert_int_eq(as("mgr", "audit --bogus x"), 2);
	/* dates checked as dates, and written as the log writes its days */
	ck_assert_int_eq(as("mgr", "audit --from 20261124"), 0);
	o = tu_read(out);
	ck_assert_ptr_null(strstr(o, "#1\t"));
	free(o);
	ck_assert_int_eq(as("mgr", "audit --from 2026-02-30"), 2);
	ck_assert(said(errf, "--from 2026-02-30："));
	ck_assert_int_eq(as("mgr", "audit --from abc"), 2);
	ck_assert(!said(out, "编号\t时间"));
	ck_assert_int_eq(as("mgr", "audit --from 2026-12-01 --to 2026-11-01"), 2);
	ck_assert(said(errf, "开始日期不能晚于结束日期"));
	/* an empty answer says why it is empty */
	/* an empty login or number (a script's unset variable) is no filter
	 * to drop: it had listed the whole log */
	ck_assert_int_eq(as("mgr", "audit --user ''"), 2);
	ck_assert(said(errf, "--user 的登录名为空"));
	ck_assert_int_eq(as("mgr", "audit --customer ''"), 2);
	ck_assert(said(errf, "--customer 的客户编号为空"));
	ck_assert_int_eq(as("mgr", "customer export ''"), 2);
	ck_assert(said(errf, "customer export：客户编号为空"));
	ck_assert_int_eq(as("mgr", "retention --destroy '' --reason x"), 2);
	ck_assert(said(errf, "--destroy 的客户编号为空"));
	ck_assert_int_eq(as("mgr", "audit --user nobody"), 0);
	ck_assert(said(errf, "注意：没有登录名为 nobody 的账号"));
	ck_assert(said(errf, "没有符合条件的记录。"));
	ck_assert_int_eq(as("mgr", "audit --from 2099-01-01"), 0);
	ck_assert(said(errf, "没有符合条件的记录。"));
}
END_TEST

/* --customer takes the number as other places do (c00000001, full width),
 * and one that names no customer is said, exit 2, as customer export says
 * it: both had answered "没有符合条件的记录", exit 0, of a customer whose
 * entries the log holds or who was never on file. */
/* A customer's copy says it is private to its owner of a file it made,
 * and not of a device it was written to (a pipe or a terminal keeps its
 * own permissions). */
START_TEST(a_customer_s_copy_is_said_private_only_as_a_file)
{
	staff_up();
	raw_exec("INSERT INTO customers(cust_no, name) VALUES('C00000001','张三')");
	ck_assert_int_eq(as("mgr", "customer export C00000001 --out c1.txt"), 0);
	ck_assert(said(errf, "已把客户 C00000001 的全部个人信息导出到 c1.txt（仅所有者可读）。"));
	ck_assert_int_eq(as("mgr", "customer export C00000001 --out /dev/null"), 0);
	ck_assert(said(errf, "已把客户 C00000001 的全部个人信息导出到 /dev/null。"));
}
END_TEST

START_TEST(audit_by_customer_takes_the_number_as_written)
{
	staff_up();
	raw_exec("INSERT INTO customers(cust_no, name) VALUES('C00000001','张三')");
	ck_assert_int_eq(as("mgr", "customer consent C00000001 是"), 0);
	ck_assert_int_eq(as("mgr", "audit --customer c00000001"), 0);
	ck_assert(said(out, "\tC00000001\t"));
	ck_assert_int_eq(as("mgr", "audit --customer Ｃ00000001"), 0);
	ck_assert(said(out, "\tC00000001\t"));
	ck_assert_int_eq(as("mgr", "audit --customer C00000009"), 2);
	ck_assert(said(errf, "--customer：找不到客户编号 C00000009"));
	ck_assert(said(errf, "\n请运行 desk4s --help 查看用法。"));
	ck_assert(!said(out, "编号\t时间"));
	ck_assert_int_eq(as("mgr", "audit --customer 张三"), 2);
	ck_assert(said(errf, "找不到客户编号 张三"));
}
END_TEST

START_TEST(verify_names_the_tampered_entry)
{
	staff_up();
	ck_assert_int_eq(run("", "audit verify"), 0);
	ck_assert(said(out, "使用日志完整"));
	raw_exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET staff = 'mallory' WHERE id = 4");
	ck_assert_int_eq(run("", "audit verify"), 3);
	ck_assert(said(errf, "第 4 条的内容与其哈希不符"));
	ck_assert(said(errf, "保护触发器已被删除"));
}
END_TEST

START_TEST(verify_names_a_deleted_entry)
{
	staff_up();
	raw_exec("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 6");
	ck_assert_int_eq(run("", "audit verify"), 3);
	ck_assert(said(errf, "第 6 条缺失"));
}
END_TEST

/* A log whose entries all check but whose guard is gone is not called
 * complete above the message that says it is unguarded. */
START_TEST(verify_does_not_call_an_unguarded_log_complete)
{
	staff_up();
	raw_exec("DROP TRIGGER audit_log_no_update");
	ck_assert_int_eq(run("", "audit verify"), 3);
	ck_assert(said(errf, "保护触发器已被删除"));
	ck_assert(!said(out, "使用日志完整"));
}
END_TEST

START_TEST(permissions_table_on_screen)
{
	ck_assert_int_eq(run("", "permissions"), 0);
	ck_assert(said(out, "查看使用日志"));
	ck_assert(said(out, "管理员"));
	ck_assert_int_eq(run("", "user frob"), 2);
	ck_assert(said(errf, "未知子命令“frob”"));
	/* the list of subcommands names every one there is */
	ck_assert(said(errf, "passwd、role、name、list"));
	ck_assert_int_eq(run("", "user add"), 2);
	ck_assert_int_eq(run("", "user add x --role 老板"), 2);
	ck_assert(said(errf, "未知角色“老板”"));
}
END_TEST

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

START_TEST(backup_and_restore_commands)
{
	staff_up();
	raw_exec("INSERT INTO customers(cust_no, name) VALUES('C00000001','张三')");
	/* cron's backup needs no password; it is logged */
	ck_assert_int_eq(run("", "backup b1.db"), 0);
	ck_assert(said(out, "已备份到 b1.db"));
	char b1[600];
	snprintf(b1, sizeof b1, "%s/b1.db", dir);
	struct stat st;
	ck_assert_int_eq(stat(b1, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(file_int(dbp, "SELECT count(*) FROM audit_log WHERE action='备份' AND staff='（系统）'"), 1);
	ck_assert_int_eq(as("mgr", "backup b2.db"), 0);
	ck_assert_int_eq(file_int(dbp, "SELECT count(*) FROM audit_log WHERE action='备份' AND staff='mgr'"), 1);
	raw_exec("INSERT INTO customers(cust_no, name) VALUES('C00000002','李四')");
	/* only the administrator restores */
	ck_assert_int_eq(as("mgr", "restore b1.db"), 4);
	ck_assert(said(errf, "权限不足：经理没有“管理”权限"));
	ck_assert_int_eq(as("admin", "restore junk.db"), 3);
	ck_assert(said(errf, "junk.db"));
	ck_assert_int_eq(as("admin", "restore b1.db"), 0);
	ck_assert(said(out, "before-restore"));
	ck_assert_int_eq(file_int(dbp, "SELECT count(*) FROM customers"), 1);
	ck_assert_int_eq(run("", "audit verify"), 0);
	ck_assert_int_eq(run("", "backup"), 2);
	ck_assert_int_eq(run("", "backup a.db b.db"), 2);
	ck_assert_int_eq(run("", "restore"), 2);
}
END_TEST

/* Start the program as run does, without waiting for it; its stdin is
 * `input` and its output go to dir/outN, dir/errN. */
static pid_t start(const char *input, const char *args, int n)
{
	char in[600], cmd[4096];
	snprintf(in, sizeof in, "%s/in%d", dir, n);
	tu_write(in, input);
	snprintf(cmd, sizeof cmd, "cd '%s' && exec env DESK4S_NOW='%s' '%s' --db t.db %s <in%d >out%d 2>err%d", dir,
	         now, getenv("DESK4S_BIN"), args, n, n, n);
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	ck_assert_int_gt(pid, 0);
	return pid;
}

/* Up to 8 s (less than the 10 s a save waits for the lock) for text in
 * dir/name; 1 when it came. */
static int comes(const char *name, const char *text)
{
	char p[600];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	for (int k = 0; k < 160; k++) {
		char *s = tu_read(p);
		int yes = s && strstr(s, text);
		free(s);
		if (yes)
			return 1;
		usleep(50000);
	}
	return said(p, text);
}

/* said() of a file in dir */
static int said_in(const char *name, const char *text)
{
	char p[600];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	return said(p, text);
}

/* 1 when the file dir/name is there and empty */
static int printed_nothing(const char *name)
{
	char p[600];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	char *s = tu_read(p);
	int empty = s && !*s;
	if (!empty)
		fprintf(stderr, "expected nothing in %s:\n%s\n", name, s ? s : "(no file)");
	free(s);
	return empty;
}

/* Another terminal's long write (an import loading a million rows) holds
 * the write lock: a backup, an export, a due list, reading the log, a
 * customer's own export, the retention list and the account list go on
 * beside it, their logins checked by reading; the log entries wait for the
 * lock, say so, and are written once it is free.  Logging in had written
 * first, so each waited 10 s and failed, the backup without a log entry. */
START_TEST(reading_commands_go_on_beside_a_long_write)
{
	staff_up();
	raw_exec("INSERT INTO customers(cust_no, name) VALUES('C00000001','张三')");
	long long before = file_int(dbp, "SELECT max(id) FROM audit_log");
	sqlite3 *w;
	ck_assert_int_eq(sqlite3_open(dbp, &w), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(w, "BEGIN IMMEDIATE; INSERT INTO customers(cust_no, name)"
	                                 " VALUES('C00000002','李四')", NULL, NULL, NULL), SQLITE_OK);
	pid_t bk = start("mgr-pass-1\n", "--user mgr --password-fd 0 backup b.db", 0);
	pid_t ex = start("mgr-pass-1\n", "--user mgr --password-fd 0 export customers --out c.csv", 1);
	pid_t du = start("mgr-pass-1\n", "--user mgr --password-fd 0 due --format csv --out d.csv", 2);
	pid_t au = start("admin-pass-1\n", "--user admin --password-fd 0 audit --user admin", 3);
	pid_t ce = start("mgr-pass-1\n", "--user mgr --password-fd 0 customer export C00000001 --out p.csv", 4);
	pid_t rt = start("mgr-pass-1\n", "--user mgr --password-fd 0 retention", 5);
	pid_t ul = start("admin-pass-1\n", "--user admin --password-fd 0 user list", 6);
	/* each has done its work and waits only for the log, naming the file */
	ck_assert(comes("err0", "等待数据库 t.db：其他终端正在保存；其结束后写入使用日志"));
	ck_assert(comes("err1", "等待数据库 t.db"));
	ck_assert(comes("err2", "等待数据库 t.db"));
	ck_assert(comes("err3", "等待数据库 t.db"));
	ck_assert(comes("err4", "等待数据库 t.db"));
	ck_assert(comes("err5", "等待数据库 t.db"));
	ck_assert(comes("err6", "等待数据库 t.db"));
	/* the lists are shown only once their reading is logged (a stop
	 * in the wait shows nothing): they had been printed before it */
	ck_assert(printed_nothing("out3"));
	ck_assert(printed_nothing("out5"));
	ck_assert(printed_nothing("out6"));
	/* the backup and the export files take their names only with their
	 * log entries */
	char p[600], c[600];
	snprintf(c, sizeof c, "%s/c.csv", dir);
	ck_assert_int_ne(access(c, F_OK), 0);
	snprintf(p, sizeof p, "%s/b.db", dir);
	ck_assert_int_ne(access(p, F_OK), 0);
	ck_assert_int_eq(sqlite3_exec(w, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(w);
	ck_assert_int_eq(tu_exit_status(bk), 0);
	ck_assert_int_eq(tu_exit_status(ex), 0);
	ck_assert_int_eq(tu_exit_status(du), 0);
	ck_assert_int_eq(tu_exit_status(au), 0);
	ck_assert_int_eq(tu_exit_status(ce), 0);
	ck_assert_int_eq(tu_exit_status(rt), 0);
	ck_assert_int_eq(tu_exit_status(ul), 0);
	ck_assert(said_in("out3", "编号\t时间\t员工"));
	ck_assert(said_in("out5", "客户编号\t姓名\t起算依据"));
	ck_assert(said_in("out6", "mgr"));
	ck_assert(said(c, "张三"));
	/* the copy is the database as it was, without the write under way */
	ck_assert_int_eq(file_int(p, "SELECT count(*) FROM customers"), 1);
	char q[300];
	snprintf(q, sizeof q, "SELECT count(*) FROM audit_log WHERE id > %lld AND staff = 'mgr' AND action = '登录'", before);
	ck_assert_int_eq(file_int(dbp, q), 5);
	snprintf(q, sizeof q, "SELECT count(*) FROM audit_log WHERE id > %lld AND staff = 'admin' AND action = '登录'", before);
	ck_assert_int_eq(file_int(dbp, q), 2);
	char real[PATH_MAX], q0[PATH_MAX + 200];
	ck_assert_ptr_nonnull(realpath(dir, real));
	snprintf(q0, sizeof q0, "SELECT count(*) FROM audit_log WHERE action = '备份' AND detail = '备份到 %s/b.db'", real);
	ck_assert_int_eq(file_int(dbp, q0), 1);
	ck_assert_int_eq(file_int(dbp, "SELECT count(*) FROM audit_log WHERE action = '导出' AND staff = 'mgr'"), 3);
	ck_assert_int_eq(file_int(dbp, "SELECT count(*) FROM audit_log WHERE action = '导出' AND customer_no = 'C00000001'"), 1);
	ck_assert_int_eq(file_int(dbp, "SELECT count(*) FROM audit_log WHERE action = '查看使用日志'"), 1);
	/* a login is written with its command's entry, just before it */
	ck_assert_int_eq(file_int(dbp, "SELECT count(*) FROM audit_log a WHERE action = '导出' AND"
	                               " (SELECT action || staff FROM audit_log WHERE id = a.id - 1) = '登录mgr'"), 3);
	ck_assert_int_eq(run("", "audit verify"), 0);
	/* a login with something to record in the account is written at once:
	 * the failure counted, and the count put back by the next login */
	ck_assert_int_eq(run("wrong-pass-1\n", "--user mgr --password-fd 0 backup b2.db"), 4);
	ck_assert_int_eq(file_int(dbp, "SELECT failed_logins FROM staff WHERE login = 'mgr'"), 1);
	ck_assert_int_eq(file_int(dbp, "SELECT count(*) FROM audit_log WHERE action = '登录失败' AND staff = 'mgr'"), 1);
	ck_assert_int_eq(as("mgr", "backup b2.db"), 0);
	ck_assert_int_eq(file_int(dbp, "SELECT failed_logins FROM staff WHERE login = 'mgr'"), 0);
}
END_TEST


/* 1 when dir/name says first, then later after it */
static int said_before(const char *name, const char *first, const char *later)
{
	char p[600];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	char *s = tu_read(p);
	const char *a = s ? strstr(s, first) : NULL, *b = a ? strstr(a, later) : NULL;
	if (!b)
		fprintf(stderr, "expected “%s” then “%s” in %s:\n%s\n", first, later, name, s ? s : "(none)");
	free(s);
	return b != NULL;
}

/* 1 when pid has ended within ms milliseconds, its exit status in *status. */
static int ends_within(pid_t pid, int ms, int *status)
{
	for (int k = 0; k < ms / 50; k++) {
		if (waitpid(pid, status, WNOHANG) == pid)
			return 1;
		usleep(50000);
	}
	return 0;
}

/* Ctrl-C while a reading command waits (up to 30 minutes) for the lock to
 * log its work: it stops at once, leaving no file and no temporary copy,
 * where the signal was caught and the wait went on. */
START_TEST(a_reading_command_waiting_for_the_log_stops_on_ctrl_c)
{
	staff_up();
	raw_exec("INSERT INTO customers(cust_no, name) VALUES('C00000001','张三')");
	sqlite3 *w;
	ck_assert_int_eq(sqlite3_open(dbp, &w), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(w, "BEGIN IMMEDIATE; INSERT INTO customers(cust_no, name)"
	                                 " VALUES('C00000002','李四')", NULL, NULL, NULL), SQLITE_OK);
	pid_t pid[3] = {
		start("mgr-pass-1\n", "--user mgr --password-fd 0 export customers --out c.csv", 1),
		start("mgr-pass-1\n", "--user mgr --password-fd 0 due --format csv --out d.csv", 2),
		start("mgr-pass-1\n", "--user mgr --password-fd 0 backup b.db", 3),
	};
	int ok[3], status[3];
	for (int i = 0; i < 3; i++) {
		char e[16];
		snprintf(e, sizeof e, "err%d", i + 1);
		ck_assert(comes(e, "等待数据库 t.db"));
		kill(pid[i], SIGINT);
	}
	for (int i = 0; i < 3; i++) {
		ok[i] = ends_within(pid[i], 5000, &status[i]);
		if (!ok[i]) { /* not left waiting behind the test */
			kill(pid[i], SIGKILL);
			waitpid(pid[i], &status[i], 0);
		}
	}
	ck_assert_int_eq(sqlite3_exec(w, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(w);
	for (int i = 0; i < 3; i++) {
		ck_assert_msg(ok[i], "command %d still waited after Ctrl-C", i + 1);
		ck_assert_int_eq(WIFEXITED(status[i]) ? WEXITSTATUS(status[i]) : -1, 128 + SIGINT);
	}
	ck_assert(said_in("err1", "导出已中断：没有写出文件"));
	ck_assert(said_in("err2", "回访清单已中断：没有写出文件"));
	ck_assert(said_in("err3", "备份已中断：没有写出备份 b.db"));
	/* nothing under the names, nothing beside them */
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	struct dirent *e;
	while ((e = readdir(d)))
		ck_assert_msg(strncmp(e->d_name, "c.csv", 5) != 0 && strncmp(e->d_name, "d.csv", 5) != 0 &&
		              strncmp(e->d_name, "b.db", 4) != 0, "%s left", e->d_name);
	closedir(d);
	ck_assert_int_eq(file_int(dbp, "SELECT count(*) FROM audit_log WHERE action IN ('导出', '备份')"), 0);
}
END_TEST

/* Reading the log, the retention list, the account list and a customer's
 * own export wait for the log's lock like an export (up to 30 minutes
 * beside an import); Ctrl-C ends that wait as it ends an export's: exit
 * 130, the command named, nothing logged and an earlier file of the name
 * left as it was.  They had caught nothing: Ctrl-C killed them unsaid,
 * and a customer's export that had failed (a number on file nowhere) went
 * on waiting to log its login. */
START_TEST(lists_and_a_customer_s_copy_waiting_for_the_log_stop_on_ctrl_c)
{
	staff_up();
	raw_exec("INSERT INTO customers(cust_no, name, created_at) VALUES('C00000001','张三','2020-01-01 09:00:00')");
	char keep[600];
	snprintf(keep, sizeof keep, "%s/keep.txt", dir);
	tu_write(keep, "old\n");
	static const char entries[] = "SELECT count(*) FROM audit_log";
	long long before = file_int(dbp, entries);
	sqlite3 *w;
	ck_assert_int_eq(sqlite3_open(dbp, &w), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(w, "BEGIN IMMEDIATE; INSERT INTO customers(cust_no, name)"
	                                 " VALUES('C00000002','李四')", NULL, NULL, NULL), SQLITE_OK);
	static const struct {
		const char *in, *args, *shown, *said;
		int status;
	} cmd[] = {
		/* the three lists show nothing: they are printed once their
		 * reading is logged, where they were left on screen unlogged */
		{ "admin-pass-1\n", "--user admin --password-fd 0 audit", "",
		  "desk4s: 查看使用日志已中断：这次登录和查看没有记入使用日志，数据库没有改动。", 130 },
		{ "mgr-pass-1\n", "--user mgr --password-fd 0 retention", "",
		  "desk4s: 保存期限清单已中断：这次登录没有记入使用日志，数据库没有改动。", 130 },
		{ "admin-pass-1\n", "--user admin --password-fd 0 user list", "",
		  "desk4s: 账号列表已中断：这次登录没有记入使用日志，数据库没有改动。", 130 },
		{ "mgr-pass-1\n", "--user mgr --password-fd 0 customer export C00000001 --out keep.txt", NULL,
		  "desk4s: 导出已中断：没有写出文件，keep.txt 还是原来的那份。", 130 },
		/* its failure said first, then the stop that ended the wait to
		 * log the login: 130, as every stopped command ends (it had
		 * kept the failure's 2) */
		{ "mgr-pass-1\n", "--user mgr --password-fd 0 customer export C00000009 --out keep.txt", "",
		  "desk4s: 导出已中断：这次登录没有记入使用日志，数据库没有改动。", 130 },
		/* a due list refused after its login (a file needs 导出) names
		 * itself in the stop too: it had said only "已中断：这次登录…";
		 * 130, where it kept the refusal's 4 */
		{ "sales-pass-1\n", "--user sales --password-fd 0 due", "",
		  "desk4s: 回访清单已中断：这次登录没有记入使用日志，数据库没有改动。", 130 },
		/* a due list written to standard output into a file, logged as an
		 * export: Ctrl-C killed it without a word */
		{ "mgr-pass-1\n", "--user mgr --password-fd 0 due", "回访到期清单",
		  "desk4s: 回访清单已中断：清单已写到标准输出，但没有记入使用日志。", 130 },
		/* refused, or wrongly asked, after the login: the same 130 */
		{ "sales-pass-1\n", "--user sales --password-fd 0 audit", "",
		  "desk4s: 查看使用日志已中断：这次登录没有记入使用日志，数据库没有改动。", 130 },
		{ "mgr-pass-1\n", "--user mgr --password-fd 0 user list", "",
		  "desk4s: 账号列表已中断：这次登录没有记入使用日志，数据库没有改动。", 130 },
		{ "mgr-pass-1\n", "--user mgr --password-fd 0 backup --rotate", "",
		  "desk4s: 备份已中断：这次登录没有记入使用日志，数据库没有改动。", 130 },
		/* an export refused after its login: it had kept the 4 */
		{ "sales-pass-1\n", "--user sales --password-fd 0 export customers", "",
		  "desk4s: 导出已中断：这次登录没有记入使用日志，数据库没有改动。", 130 },
	};
	enum { N = sizeof cmd / sizeof cmd[0] };
	pid_t pid[N];
	int ok[N], status[N];
	for (int i = 0; i < N; i++) {
		pid[i] = start(cmd[i].in, cmd[i].args, i);
		char e[16];
		snprintf(e, sizeof e, "err%d", i);
		ck_assert(comes(e, "等待数据库 t.db"));
		kill(pid[i], SIGINT);
	}
	for (int i = 0; i < N; i++) {
		ok[i] = ends_within(pid[i], 5000, &status[i]);
		if (!ok[i]) { /* not left waiting behind the test */
			kill(pid[i], SIGKILL);
			waitpid(pid[i], &status[i], 0);
		}
	}
	/* an export stopped in its work (Ctrl-C as it starts) does not then
	 * wait the 30 minutes to log its login: tried at once, and said */
	char in[600];
	snprintf(in, sizeof in, "%s/in", dir);
	tu_write(in, "mgr-pass-1\n");
	const char *const env[] = { "DESK4S_NOW=2026-11-23 09:00:00", NULL };
	const char *const stopped[] = { "--db", "t.db", "--user", "mgr", "--password-fd", "0", "export", "customers",
	                                "--out", "s.csv", NULL };
	time_t t0 = time(NULL);
	int stopped_status = tu_run_signalled(dir, env, stopped, SIGINT);
	time_t took = time(NULL) - t0;
	ck_assert_int_eq(sqlite3_exec(w, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(stopped_status, 130);
	ck_assert_int_lt(took, 5);
	ck_assert(said(errf, "导出已中断：没有写出文件。"));
	ck_assert(said(errf, "登录记录没有写入使用日志"));
	sqlite3_close(w);
	for (int i = 0; i < N; i++) {
		ck_assert_msg(ok[i], "%s still waited after Ctrl-C", cmd[i].args);
		ck_assert_msg(WIFEXITED(status[i]) && WEXITSTATUS(status[i]) == cmd[i].status, "%s: %s %d", cmd[i].args,
		              WIFEXITED(status[i]) ? "exit" : "killed by signal",
		              WIFEXITED(status[i]) ? WEXITSTATUS(status[i]) : WTERMSIG(status[i]));
		char o[16], e[16];
		snprintf(o, sizeof o, "out%d", i);
		snprintf(e, sizeof e, "err%d", i);
		/* a due list on standard output is shown as it is written;
		 * "": nothing shown */
		if (cmd[i].shown && *cmd[i].shown)
			ck_assert(said_in(o, cmd[i].shown));
		else if (cmd[i].shown)
			ck_assert(printed_nothing(o));
		ck_assert(said_in(e, cmd[i].said));
	}
	/* the failure first, the stop after it */
	static const struct { int i; const char *failure; } failed[] = {
		{ 4, "找不到客户编号 C00000009" },
		{ 5, "权限不足：销售顾问没有“导出”权限" },
		{ 7, "权限不足：销售顾问没有“查看使用日志”权限" },
		{ 8, "权限不足：经理没有“管理”权限" },
		{ 9, "backup --rotate 需要目录" },
		{ 10, "权限不足：销售顾问没有“导出”权限" },
	};
	for (size_t k = 0; k < sizeof failed / sizeof failed[0]; k++) {
		char e[16];
		snprintf(e, sizeof e, "err%d", failed[k].i);
		ck_assert(said_before(e, failed[k].failure, cmd[failed[k].i].said));
	}
	/* nothing logged, the earlier file as it was, no copy beside it */
	ck_assert_int_eq(file_int(dbp, entries), before);
	char *kept = tu_read(keep);
	ck_assert_str_eq(kept, "old\n");
	free(kept);
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	struct dirent *e;
	while ((e = readdir(d)))
		ck_assert_msg(strncmp(e->d_name, "keep.txt.", 9) != 0, "%s left", e->d_name);
	closedir(d);
}
END_TEST

/* Run as run does with env (a shell fragment) before the program. */
static int run_env(const char *env, const char *input, const char *args)
{
	char in[600], cmd[4096];
	snprintf(in, sizeof in, "%s/in", dir);
	tu_write(in, input);
	snprintf(cmd, sizeof cmd, "cd '%s' && env DESK4S_NOW='%s' %s '%s' --db t.db %s <in >out 2>err", dir, now, env,
	         getenv("DESK4S_BIN"), args);
	int st = system(cmd);
	ck_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* The names in directory path, but . and .. */
static int names_in(const char *path)
{
	DIR *d = opendir(path);
	ck_assert_ptr_nonnull(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* The log, the retention list and the account list wait in a temporary
 * file of their own until their reading is logged: in TMPDIR, removed
 * from it at once, so nothing is left there printed or not; a TMPDIR that
 * cannot take one is said, exit 3, and nothing is shown. */
START_TEST(held_lists_leave_no_file_behind)
{
	staff_up();
	raw_exec("INSERT INTO customers(cust_no, name, created_at) VALUES('C00000001','张三','2020-01-01 09:00:00')");
	char tmp[600];
	snprintf(tmp, sizeof tmp, "%s/tmp", dir);
	ck_assert_int_eq(mkdir(tmp, 0700), 0);
	static const struct {
		const char *in, *args, *shown;
	} cmd[] = {
		{ "admin-pass-1\n", "--user admin --password-fd 0 audit", "\tadmin\t登录\t" },
		{ "mgr-pass-1\n", "--user mgr --password-fd 0 retention", "C00000001\t张三\t建档 2020-01-01" },
		{ "admin-pass-1\n", "--user admin --password-fd 0 user list", "\nmgr " },
	};
	for (size_t i = 0; i < sizeof cmd / sizeof cmd[0]; i++) {
		ck_assert_int_eq(run_env("TMPDIR=tmp", cmd[i].in, cmd[i].args), 0);
		ck_assert(said(out, cmd[i].shown));
		ck_assert_int_eq(names_in(tmp), 0);
		ck_assert_int_eq(run_env("TMPDIR=no-such-dir", cmd[i].in, cmd[i].args), 3);
		ck_assert(said(errf, "desk4s: 无法在 no-such-dir 建立临时文件：文件或目录不存在（清单记入使用日志之前先存放在那里；"
		                     "请检查 TMPDIR 所指的目录）"));
		ck_assert(printed_nothing("out"));
	}
}
END_TEST

/* Run as run does, from dir's subdirectory sub (the database ../t.db). */
static int run_from(const char *sub, const char *input, const char *args)
{
	char in[600], cmd[4096];
	snprintf(in, sizeof in, "%s/in", dir);
	tu_write(in, input ? input : "");
	snprintf(cmd, sizeof cmd, "cd '%s/%s' && env DESK4S_NOW='%s' '%s' --db ../t.db %s <'%s' >'%s' 2>'%s'", dir, sub,
	         now, getenv("DESK4S_BIN"), args, in, out, errf);
	int st = system(cmd);
	ck_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* 1 when the log has one entry of action whose detail is head, then (with
 * tail) the real path of dir and tail; both LIKE patterns */
static int logged(const char *action, const char *head, const char *tail)
{
	char real[PATH_MAX], q[PATH_MAX + 600];
	ck_assert_ptr_nonnull(realpath(dir, real));
	snprintf(q, sizeof q, "SELECT count(*) FROM audit_log WHERE action = '%s' AND detail LIKE '%s%s%s'", action, head,
	         tail ? real : "", tail ? tail : "");
	if (file_int(dbp, q) == 1)
		return 1;
	fprintf(stderr, "no entry %s “%s%s%s” in the log\n", action, head, tail ? real : "", tail ? tail : "");
	return 0;
}

/* The usage log names a file a command wrote by its absolute path: run
 * from another directory, "../c.csv" told whoever read the log later
 * nothing of where the customers went.  The directory is resolved (no
 * "..", a linked directory where it points), the name kept as given (a
 * link named as the output, which stays a link). */
START_TEST(outputs_are_logged_by_their_absolute_path)
{
	staff_up();
	raw_exec("INSERT INTO customers(cust_no, name) VALUES('C00000001','张三')");
	char real[PATH_MAX], p[700];
	ck_assert_ptr_nonnull(realpath(dir, real));
	snprintf(p, sizeof p, "%s/sub", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	snprintf(p, sizeof p, "%s/elsewhere", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	snprintf(p, sizeof p, "%s/sub/there", dir);
	ck_assert_int_eq(symlink("../elsewhere", p), 0);
	snprintf(p, sizeof p, "%s/sub/latest.csv", dir);
	ck_assert_int_eq(symlink("../elsewhere/shared.csv", p), 0);
	static const char mgr[] = "--user mgr --password-fd 0 ";
	char args[300];
#define AS_MGR(a) (snprintf(args, sizeof args, "%s%s", mgr, a), run_from("sub", "mgr-pass-1\n", args))
	ck_assert_int_eq(AS_MGR("export customers --out ../c.csv"), 0);
	ck_assert(said(errf, "已导出 1 条记录到 ../c.csv。")); /* the terminal says it as typed */
	ck_assert(logged("导出", "customers：1 条，", "/c.csv"));
	ck_assert_int_eq(AS_MGR("export customers --out ./there/../c2.csv"), 0);
	ck_assert(logged("导出", "customers：1 条，", "/c2.csv"));
	ck_assert_int_eq(AS_MGR("export customers --out there/c3.csv"), 0);
	ck_assert(logged("导出", "customers：1 条，", "/elsewhere/c3.csv"));
	ck_assert_int_eq(AS_MGR("export customers --out latest.csv"), 0);
	ck_assert(logged("导出", "customers：1 条，", "/sub/latest.csv"));
	ck_assert_int_eq(AS_MGR("export customers --out -"), 0);
	ck_assert(logged("导出", "customers：1 条，标准输出", NULL));
	ck_assert_int_eq(AS_MGR("due --format csv --out d.csv"), 0);
	ck_assert(logged("导出", "回访到期清单 % 至 %：0 条，文件 ", "/sub/d.csv"));
	ck_assert_int_eq(AS_MGR("backup ../b.db"), 0);
	ck_assert(said(out, "已备份到 ../b.db。"));
	ck_assert(logged("备份", "备份到 ", "/b.db"));
	ck_assert_int_eq(AS_MGR("backup --rotate ../bk/"), 0);
	ck_assert(said(out, "已备份到 ../bk/desk4s-")); /* one slash: it said ../bk//desk4s- */
	ck_assert(logged("备份", "备份到 ", "/bk/desk4s-%.db"));
	ck_assert_int_eq(AS_MGR("backup there/b2.db"), 0);
	ck_assert(logged("备份", "备份到 ", "/elsewhere/b2.db"));
	ck_assert_int_eq(AS_MGR("customer export C00000001 --out ../p.txt"), 0);
	ck_assert(logged("导出", "导出该客户的全部个人信息（客户查阅）：文件 ", "/p.txt"));
	ck_assert_int_eq(AS_MGR("customer export C00000001"), 0);
	ck_assert(logged("导出", "导出该客户的全部个人信息（客户查阅）：标准输出", NULL));
	/* a file replaced keeps who may read it, said when that is everyone;
	 * one customer's whole record stays theirs alone */
	struct stat fst;
	snprintf(p, sizeof p, "%s/c.csv", dir);
	ck_assert_int_eq(chmod(p, 0644), 0);
	ck_assert_int_eq(AS_MGR("export customers --out ../c.csv"), 0);
	ck_assert(said(errf, "警告：../c.csv 沿用了原文件的权限 0644，其他用户也能读取其中的客户资料；"));
	ck_assert_int_eq(stat(p, &fst), 0);
	ck_assert_int_eq(fst.st_mode & 0777, 0644);
	ck_assert_int_eq(chmod(p, 0640), 0);
	ck_assert_int_eq(AS_MGR("due --format csv --out ../c.csv"), 0);
	char *e = tu_read(errf);
	ck_assert_msg(e && !strstr(e, "警告"), "%s", e ? e : "(none)");
	free(e);
	ck_assert_int_eq(stat(p, &fst), 0);
	ck_assert_int_eq(fst.st_mode & 0777, 0640);
	ck_assert_int_eq(chmod(p, 0644), 0);
	ck_assert_int_eq(AS_MGR("customer export C00000001 --out ../c.csv"), 0);
	ck_assert_int_eq(stat(p, &fst), 0);
	ck_assert_int_eq(fst.st_mode & 0777, 0600);
	/* the file an import read, by its absolute path too */
	char csv[600];
	snprintf(csv, sizeof csv, "%s/in.csv", dir);
	tu_write(csv, "姓名/单位名称,手机号,客户性质,客户分类,客户来源,性别\n李四,13800138001,个人,个人,自来,男\n");
	ck_assert_int_eq(AS_MGR("import customers ../in.csv"), 0);
	ck_assert(logged("导入", "%：文件 ", "/in.csv，读 1 行，导入 1 行，拒绝 0 行"));
	/* and the files it wrote: the refused rows are customers' data */
	tu_write(csv, "姓名/单位名称,手机号,客户性质,客户分类,客户来源,性别\n王五,1380013800,个人,个人,自来,男\n");
	ck_assert_int_eq(AS_MGR("import customers ../in.csv --report r.csv --refused ../x.csv"), 1);
	ck_assert(logged("导入", "%：文件 ", "/in.csv，读 1 行，导入 0 行，拒绝 1 行；问题清单 %/sub/r.csv；被拒绝的行 %/x.csv"));
#undef AS_MGR
	/* a restore: the backup it read, and the copy it kept of the database
	 * it replaced (named after --db ../t.db) */
	ck_assert_int_eq(run_from("sub", "admin-pass-1\n", "--user admin --password-fd 0 restore ../b.db"), 0);
	char q[3 * PATH_MAX];
	snprintf(q, sizeof q, "SELECT count(*) FROM audit_log WHERE action = '恢复' AND detail LIKE '从 %s/b.db 恢复%%；"
	                      "恢复前的数据库（含其后的使用日志）保存为 %s/t.db.before-restore-%%'", real, real);
	ck_assert_int_eq(file_int(dbp, q), 1);
}
END_TEST

/* An output never replaces what the command reads or the shop's data: the
 * import's own file as its report, the database or its side files, another
 * database (a backup) as an export or a due list. */
START_TEST(outputs_never_replace_what_is_read)
{
	ck_assert_int_eq(run("", "check"), 0); /* a new database, no accounts yet */
	raw_exec("INSERT INTO customers(cust_no, name) VALUES('C00000001','张三')");
	const char *csv = "姓名/单位名称,手机号,客户性质,客户分类,客户来源,性别\n李四,13800138001,个人,个人,自来,男\n";
	char in[600], bak[600];
	snprintf(in, sizeof in, "%s/in.csv", dir);
	snprintf(bak, sizeof bak, "%s/b.db", dir);
	tu_write(in, csv);
	ck_assert_int_eq(run("", "import customers in.csv --report in.csv"), 2);
	ck_assert(said(errf, "不能写到 in.csv：这是要读取的文件本身"));
	char *kept = tu_read(in);
	ck_assert_str_eq(kept, csv);
	free(kept);
	ck_assert_int_eq(run("", "import customers in.csv --report t.db"), 2);
	ck_assert(said(errf, "不能写到 t.db：这是正在使用的数据库文件"));
	ck_assert_int_eq(run("", "export customers --out t.db"), 2);
	ck_assert_int_eq(run("", "export customers --out ./t.db-wal"), 2);
	ck_assert(said(errf, "这是正在使用的数据库的附属文件"));
	ck_assert_int_eq(run("", "due --out t.db-shm"), 2);
	char note[600]; /* the note of long work at another terminal (st_busy_note) */
	snprintf(note, sizeof note, "%s/t.db-busy", dir);
	tu_write(note, "1\n王经理 正在一次导入客户文件 a.csv（09:00开始）\n");
	ck_assert_int_eq(run("", "export customers --out t.db-busy"), 2);
	ck_assert(said(errf, "这是正在使用的数据库的附属文件"));
	unlink(note);
	/* a link to a side file not there yet is that file: written where it
	 * points, it had put a CSV in the database's -journal */
	char side_link[600], journal[600];
	snprintf(side_link, sizeof side_link, "%s/side.csv", dir);
	snprintf(journal, sizeof journal, "%s/t.db-journal", dir);
	ck_assert_int_eq(symlink("t.db-journal", side_link), 0);
	ck_assert_int_eq(run("", "export customers --out side.csv"), 2);
	ck_assert(said(errf, "不能写到 side.csv：这是正在使用的数据库的附属文件"));
	ck_assert_int_ne(access(journal, F_OK), 0);
	unlink(side_link);
	ck_assert_int_eq(run("", "backup b.db"), 0);
	ck_assert_int_eq(run("", "backup b.db"), 0); /* an older backup is replaced */
	ck_assert_int_eq(run("", "backup in.csv"), 3); /* a file that is not one is not */
	ck_assert(said(errf, "备份文件 in.csv 已存在且不是数据库"));
	ck_assert_int_eq(run("", "export customers --out b.db"), 2);
	ck_assert(said(errf, "不能写到 b.db：这是一个数据库文件，不会被覆盖"));
	ck_assert_int_eq(run("", "customer export C00000001 --out b.db"), 2);
	/* nothing was touched: both databases whole, nothing imported */
	char *still = tu_read(in);
	ck_assert_str_eq(still, csv);
	free(still);
	ck_assert_int_eq(run("", "check"), 0);
	ck_assert_int_eq(file_int(dbp, "SELECT count(*) FROM customers"), 1);
	ck_assert_int_eq(file_int(bak, "SELECT count(*) FROM customers"), 1);
	/* an ordinary name still works */
	ck_assert_int_eq(run("", "export customers --out c.csv"), 0);
}
END_TEST

/* "-" is standard output; a range that ends before it starts is a
 * mistake to say, not an empty file. */
START_TEST(export_dash_and_a_reversed_range)
{
	ck_assert_int_eq(run("", "check"), 0);
	raw_exec("INSERT INTO customers(cust_no, name) VALUES('C00000001','张三')");
	ck_assert_int_eq(run("", "export customers --out -"), 0);
	ck_assert(said(out, "C00000001,,,,张三,"));
	struct stat st;
	char dash[600];
	snprintf(dash, sizeof dash, "%s/-", dir);
	ck_assert_int_ne(stat(dash, &st), 0);
	ck_assert_int_eq(run("", "export archive --from 2026-12-01 --to 2026-11-01"), 2);
	ck_assert(said(errf, "--from 2026-12-01 晚于 --to 2026-11-01"));
	/* an empty date (a script's unset variable) is named as such, not as
	 * a date in the wrong format */
	ck_assert_int_eq(run("", "export archive --from '' --out a.csv"), 2);
	ck_assert(said(errf, "--from：日期为空（要不限开始，不给 --from 即可）"));
	ck_assert_int_eq(run("", "export archive --to '' --out a.csv"), 2);
	ck_assert(said(errf, "--to：日期为空（要不限结束，不给 --to 即可）"));
	ck_assert_int_eq(run("", "due --out - --format csv"), 0);
	ck_assert_int_ne(stat(dash, &st), 0);
	/* a device that fills: the failure names the file it was for */
	ck_assert_int_eq(run("", "export customers --out /dev/full"), 3);
	ck_assert(said(errf, "/dev/full"));
	ck_assert(said(errf, "磁盘已满"));
	/* a directory not there is named, not the file (a new file is never
	 * there): "文件或目录不存在" sent the user looking for the file */
	ck_assert_int_eq(run("", "export customers --out 新目录/c.csv"), 3);
	ck_assert(said(errf, "无法写入 新目录/c.csv：目录 新目录 不存在，请先建立这个目录，或写到已有的目录里"));
	ck_assert_int_eq(run("", "export customers --out 新目录/下一层/c.csv"), 3);
	ck_assert(said(errf, "目录 新目录/下一层 不存在"));
	ck_assert_int_eq(run("", "export customers --out c.csv"), 0);
	ck_assert_int_eq(run("", "export customers --out c.csv/d.csv"), 3);
	ck_assert(said(errf, "无法写入 c.csv/d.csv：c.csv 不是目录"));
	/* a link to a shared file writes that file and stays a link: a
	 * private file had taken the link's place, the shared one left old */
	char shared[600], link[600];
	snprintf(shared, sizeof shared, "%s/shared.csv", dir);
	snprintf(link, sizeof link, "%s/latest.csv", dir);
	tu_write(shared, "old\n");
	ck_assert_int_eq(symlink("shared.csv", link), 0);
	ck_assert_int_eq(run("", "export customers --out latest.csv"), 0);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	char *t = tu_read(shared);
	ck_assert_msg(strstr(t, "C00000001,,,,张三,") != NULL, "%s", t);
	free(t);
	/* a link whose file is not there (the shared copy deleted) still
	 * names it: the file comes back there, the link stays a link */
	ck_assert_int_eq(unlink(shared), 0);
	ck_assert_int_eq(run("", "export customers --out latest.csv"), 0);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	t = tu_read(shared);
	ck_assert_msg(t && strstr(t, "C00000001,,,,张三,") != NULL, "%s", t ? t : "(no shared file)");
	free(t);
	/* ... and one into a directory not there names that directory */
	char gone[600];
	snprintf(gone, sizeof gone, "%s/gone.csv", dir);
	ck_assert_int_eq(symlink("无此目录/shared.csv", gone), 0);
	ck_assert_int_eq(run("", "export customers --out gone.csv"), 3);
	ck_assert(said(errf, "无法写入 gone.csv（指向 无此目录/shared.csv）：目录 无此目录 不存在"));
	ck_assert_int_eq(lstat(gone, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
}
END_TEST

/* An export into a file with long digit codes says what a spreadsheet would
 * do to them and how to keep them; with --excel it keeps them. */
START_TEST(export_says_what_a_spreadsheet_does_to_long_codes)
{
	ck_assert_int_eq(run("", "check"), 0);
	raw_exec("INSERT INTO customers(cust_no, name) VALUES('C00000001','张三')");
	ck_assert_int_eq(run("", "export customers --out c.csv"), 0);
	char *e = tu_read(errf);
	ck_assert_ptr_null(strstr(e, "科学计数法"));
	free(e);
	raw_exec("UPDATE customers SET postcode='010010' WHERE cust_no='C00000001'");
	ck_assert_int_eq(run("", "export customers --out c.csv"), 0);
	ck_assert(said(errf, "提示：1 个长数字编号（如身份证号码）在 Excel、WPS 中会显示成科学计数法，\n"
	                     "再保存就会丢掉末几位；要用表格软件打开，请加 --excel 导出。\n"));
	ck_assert_int_eq(run("", "export customers --out c.csv --excel"), 0);
	e = tu_read(errf);
	ck_assert_ptr_null(strstr(e, "科学计数法"));
	free(e);
	char p[600];
	snprintf(p, sizeof p, "%s/c.csv", dir);
	e = tu_read(p);
	ck_assert_ptr_nonnull(strstr(e, ",\"=\"\"010010\"\"\","));
	free(e);
	e = tu_read(errf);
	ck_assert_ptr_null(strstr(e, "变成日期"));
	free(e);
	/* an hour range typed as 9-12 opens as 9月12日: said without
	 * --excel; --excel keeps it as text, ="9-12", and has nothing to say */
	raw_exec("UPDATE customers SET contact_time='9-12', hobby='3/4' WHERE cust_no='C00000001'");
	ck_assert_int_eq(run("", "export customers --out c.csv"), 0);
	ck_assert(said(errf, "提示：2 个值（如“兴趣爱好”3/4）在 Excel、WPS 中直接打开会变成日期或数字，再保存就改了样；\n"
	                     "要用表格软件打开，请加 --excel 导出，或用“数据 → 自文本/CSV”导入并把这些列设为“文本”。\n"));
	/* a year and month (2025.10) opens as the number 2025.1: said too */
	raw_exec("UPDATE customers SET hobby='2025.10' WHERE cust_no='C00000001'");
	ck_assert_int_eq(run("", "export customers --out c.csv"), 0);
	ck_assert(said(errf, "提示：2 个值（如“兴趣爱好”2025.10）"));
	raw_exec("UPDATE customers SET hobby='3/4' WHERE cust_no='C00000001'");
	ck_assert_int_eq(run("", "export customers --out c.csv --excel"), 0);
	e = tu_read(errf);
	ck_assert_ptr_null(strstr(e, "变成日期"));
	free(e);
	e = tu_read(p);
	ck_assert_ptr_nonnull(strstr(e, ",\"=\"\"3/4\"\"\","));
	ck_assert_ptr_nonnull(strstr(e, ",\"=\"\"9-12\"\"\","));
	free(e);
	/* what is no date stays unsaid: a year-month past twelve, a thirteenth
	 * month, a range of three numbers */
	raw_exec("UPDATE customers SET contact_time='2027-13', hobby='13/4', occupation='1-2-3' WHERE cust_no='C00000001'");
	ck_assert_int_eq(run("", "export customers --out c.csv"), 0);
	e = tu_read(errf);
	ck_assert_ptr_null(strstr(e, "变成日期"));
	free(e);
}
END_TEST

/* An option the kind does not take is refused, not ignored: a customer
 * export "from" a date would hold every customer; the manufacturer's
 * upload wants its codes as they are, so its hint does not name --excel. */
START_TEST(export_refuses_what_its_kind_does_not_take)
{
	ck_assert_int_eq(run("", "check"), 0);
	ck_assert_int_eq(run("", "export customers --from 2026-11-01 --out c.csv"), 2);
	ck_assert(said(errf, "export customers：--from/--to 只用于 export archive（按交车日期）；customers 不按日期选取，导出的是全部记录"));
	ck_assert_int_eq(run("", "export vehicles --to 2026-11-01"), 2);
	ck_assert_int_eq(run("", "export greetings --from 2026-11-01"), 2);
	ck_assert(said(errf, "greetings 不按日期选取，导出的是现在同意营销联系的全部客户"));
	ck_assert_int_eq(run("", "export archive --excel --out a.csv"), 2);
	ck_assert(said(errf, "export archive：厂家档案是上传用的文件，编号要原样写出，不能加 --excel"));
	char p[600];
	struct stat st;
	snprintf(p, sizeof p, "%s/a.csv", dir);
	ck_assert_int_ne(stat(p, &st), 0);
	snprintf(p, sizeof p, "%s/c.csv", dir);
	ck_assert_int_ne(stat(p, &st), 0);
	raw_exec("INSERT INTO customers(cust_no, name, postcode) VALUES('C00000001','张三','010010')");
	raw_exec("INSERT INTO vehicles(customer_id, vin, is_sale, delivery_date) VALUES(1,'LSVAB2BM1HN123456','是','2026-11-20')");
	ck_assert_int_eq(run("", "export archive --from 2026-11-01 --to 2026-11-30 --out a.csv"), 0);
	/* the range is said back, and a range that holds no car said so: a
	 * mistyped year gave an upload file of its header alone, and exit 0,
	 * without a word */
	ck_assert(said(errf, "已导出 1 份档案（交车日期 2026-11-01 至 2026-11-30）到 a.csv。"));
	ck_assert_int_eq(run("", "export archive --from 2025-11-01 --to 2025-11-30 --out a.csv"), 0);
	ck_assert(said(errf, "注意：没有新车销售档案（交车日期 2025-11-01 至 2025-11-30），a.csv 只有表头；请核对 --from/--to 的日期。"));
	ck_assert_int_eq(run("", "export archive --from 20261120 --to 2026年11月20日 --out a.csv"), 0);
	ck_assert(said(errf, "已导出 1 份档案（交车日期 2026-11-20）到 a.csv。"));
	ck_assert_int_eq(run("", "export archive --to 2026-11-19 --out a.csv"), 0);
	ck_assert(said(errf, "注意：没有新车销售档案（交车日期 2026-11-19 止），a.csv 只有表头；请核对"));
	ck_assert_int_eq(run("", "export archive --from 2026-11-20 --out a.csv"), 0);
	ck_assert(said(errf, "已导出 1 份档案（交车日期 2026-11-20 起）到 a.csv。"));
	ck_assert_int_eq(run("", "export archive --out a.csv"), 0);
	ck_assert(said(errf, "已导出 1 份档案（全部交车日期）到 a.csv。"));
	ck_assert(said(errf, "再保存就会丢掉末几位；上传前请不要用表格软件打开后再保存。\n"));
	/* an archive the manufacturer would send back is named */
	ck_assert(said(errf, "注意：其中 1 份档案不完整，厂家系统会退回并处罚"));
	ck_assert(said(errf, "  C00000001（VIN LSVAB2BM1HN123456）缺：客户性质、"));
}
END_TEST

/* The due list into a file or a pipe leaves the program as an export does:
 * a role without 导出 may look at it on the terminal, not carry it off. */
START_TEST(a_due_list_into_a_file_needs_the_export_permission)
{
	staff_up();
	ck_assert_int_eq(as("desk", "due --format csv"), 4);
	ck_assert(said(errf, "导出"));
	ck_assert_int_eq(as("desk", "due --out - --format csv"), 4);
	ck_assert_int_eq(as("mgr", "due --format csv"), 0);
	ck_assert(said(out, "应回访日,逾期(天),类型"));
}
END_TEST

START_TEST(daily_rotation_and_settings)
{
	staff_up();
	ck_assert_int_eq(run("", "backup --rotate"), 2);
	ck_assert(said(errf, "backup_dir"));
	ck_assert_int_eq(as("mgr", "config backup_dir /data/backup"), 4);
	ck_assert(said(errf, "“管理”"));
	/* a value its key refuses is a usage error naming the value, as
	 * backup --keep's is (it exited 1 without the value) */
	ck_assert_int_eq(as("admin", "config backup_keep many"), 2);
	ck_assert(said(errf, "设置 backup_keep：应为 1 到 3650 之间的整数，而不是“many”"));
	ck_assert_int_eq(as("admin", "config backup_keep 0"), 2);
	ck_assert(said(errf, "而不是“0”"));
	ck_assert_int_eq(run("", "backup --keep abc --rotate ."), 2);
	ck_assert(said(errf, "--keep：应为 1 到 3650 之间的整数，而不是“abc”"));
	ck_assert_int_eq(as("admin", "config backup_dir daily"), 2);
	ck_assert(said(errf, "设置 backup_dir：请写绝对路径（以 / 开头），而不是“daily”"));
	ck_assert_int_eq(as("admin", "config file_group no-such-group-desk4s"), 2);
	ck_assert(said(errf, "设置 file_group：该用户组不存在（可用 getent group 查看），而不是“no-such-group-desk4s”"));
	ck_assert_int_eq(as("admin", "config shop_name $(printf 'a%0130d' 0)"), 2);
	ck_assert(said(errf, "设置 shop_name：太长（最多 120 字节，给出的有 131 字节）"));
	/* nothing was stored by the refusals */
	ck_assert_int_eq(run("", "config backup_keep"), 0);
	ck_assert(said(out, "（未设置）"));
	/* a key that is no setting: a usage error, set or shown */
	ck_assert_int_eq(as("admin", "config no_such_key 1"), 2);
	ck_assert(said(errf, "未知设置项“no_such_key”"));
	ck_assert(said(errf, "shop_name、printer"));
	ck_assert_int_eq(run("", "config no_such_key"), 2);
	/* a name in another encoding (GBK 杭州) is refused */
	ck_assert_int_eq(as("admin", "config shop_name $(printf '\\272\\274\\326\\335')"), 2);
	ck_assert(said(errf, "设置 shop_name：不是有效的 UTF-8 文本（请在 UTF-8 终端中输入）\n"));
	/* the due list's queue and shop name: a queue name has no spaces */
	ck_assert_int_eq(as("admin", "config printer 'front desk'"), 2);
	ck_assert(said(errf, "打印机名不能含空格、斜杠或控制字符（可用 lpstat -p 查看），而不是“front desk”"));
	ck_assert_int_eq(as("admin", "config printer front"), 0);
	ck_assert_int_eq(as("admin", "config shop_name 杭州西湖店"), 0);
	ck_assert_int_eq(run("", "config printer"), 0);
	ck_assert(said(out, "printer      front"));
	ck_assert_int_eq(as("admin", "config printer ''"), 0);
	char args[700];
	snprintf(args, sizeof args, "config backup_dir '%s/daily'", dir);
	ck_assert_int_eq(as("admin", args), 0);
	ck_assert_int_eq(as("admin", "config backup_keep 2"), 0);
	ck_assert_int_eq(run("", "config"), 0);
	ck_assert(said(out, "backup_keep  2"));
	static const char *const days[] = { "2026-11-21 02:00:00", "2026-11-22 02:00:00", "2026-11-23 02:00:00" };
	for (int i = 0; i < 3; i++) {
		now = days[i];
		ck_assert_int_eq(run("", "backup --rotate"), 0);
	}
	ck_assert(said(out, "删除旧备份 1 份"));
	char cmd[800];
	snprintf(cmd, sizeof cmd, "test \"$(ls '%s/daily' | tr '\\n' ' ')\" = "
	         "'desk4s-20261122-020000.db desk4s-20261123-020000.db '", dir);
	ck_assert_int_eq(system(cmd), 0);
	/* an explicit directory and count win over the settings */
	snprintf(args, sizeof args, "backup --rotate '%s/other' --keep 5", dir);
	ck_assert_int_eq(run("", args), 0);
	ck_assert_int_eq(run("", "backup --rotate --keep 0"), 2);
	ck_assert_int_eq(file_int(dbp, "SELECT count(*) FROM audit_log WHERE action='修改设置'"), 5);
}
END_TEST

/* --as-of takes a date as audit and due do: a day that is no day is a
 * usage error before the list's heading, not an empty list or a list of
 * whoever is due on the day after 2026-12-31. */
START_TEST(retention_as_of_is_a_real_day)
{
	staff_up();
	raw_exec("INSERT INTO customers(cust_no, name, mobile, created_at) VALUES"
	         " ('C2', '张二', '13800000002', '2021-11-24 10:00:00')");
	static const char *const bad[] = { "2026-13-01", "2026-02-30", "2026-12-32", "abc", "''" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char args[128];
		snprintf(args, sizeof args, "retention --as-of %s", bad[i]);
		ck_assert_msg(as("mgr", args) == 2, "%s", args);
		ck_assert(said(errf, "--as-of"));
		char *o = tu_read(out);
		ck_assert_msg(o && !*o, "%s printed: %s", args, o ? o : "");
		free(o);
	}
	/* written as the other commands take it */
	ck_assert_int_eq(as("mgr", "retention --as-of 20261124"), 0);
	ck_assert(said(out, "C2\t张二"));
}
END_TEST

START_TEST(retention_and_the_customers_rights)
{
	staff_up();
	raw_exec("INSERT INTO customers(cust_no, name, mobile, id_no, created_at) VALUES"
	         " ('C1', '张一', '13800000001', '330106199001012017', '2021-11-23 10:00:00'),"
	         " ('C2', '张二', '13800000002', NULL, '2021-11-24 10:00:00')");
	ck_assert_int_eq(as("desk", "retention"), 4);
	ck_assert(said(errf, "权限不足：前台没有“删除”权限"));
	ck_assert_int_eq(as("mgr", "retention"), 0);
	ck_assert(said(out, "C1\t张一\t建档 2021-11-23\t2026-11-23"));
	char *o = tu_read(out);
	ck_assert_ptr_null(strstr(o, "C2"));
	free(o);
	ck_assert_int_eq(as("mgr", "retention --as-of 2026-11-24"), 0);
	ck_assert(said(out, "C2\t张二"));
	ck_assert_int_eq(as("mgr", "retention --destroy C2 --reason 到期"), 1);
	ck_assert(said(errf, "尚未超过保存期限"));
	ck_assert_int_eq(as("mgr", "retention --destroy C1"), 2);
	ck_assert_int_eq(as("mgr", "retention --destroy C1 --reason 超过保存期限"), 0);
	ck_assert_int_eq(file_int(dbp, "SELECT count(*) FROM customers WHERE cust_no = 'C1' AND name = '已注销客户'"
	                               " AND mobile IS NULL AND id_no IS NULL"), 1);
	/* the customer's copy: only the manager exports, to a private file */
	ck_assert_int_eq(as("desk", "customer export C2"), 4);
	ck_assert(said(errf, "权限不足：前台没有“导出”权限"));
	ck_assert_int_eq(as("mgr", "customer export C2 --out c2.txt"), 0);
	char f[600];
	snprintf(f, sizeof f, "%s/c2.txt", dir);
	ck_assert(said(f, "手机号：13800000002"));
	ck_assert(said(f, "客户 C2 的全部个人信息"));
	struct stat st;
	ck_assert_int_eq(stat(f, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(as("mgr", "customer export C2"), 0);
	ck_assert(said(out, "== 客户档案 =="));
	/* stopped (Ctrl-C) as it starts: no file of either name, not logged */
	static const char exports[] = "SELECT count(*) FROM audit_log WHERE action = '导出'";
	long long before = file_int(dbp, exports);
	char in[600];
	snprintf(in, sizeof in, "%s/in", dir);
	tu_write(in, "mgr-pass-1\n");
	const char *const env[] = { "DESK4S_NOW=2026-11-23 09:00:00", NULL };
	const char *const stopped[] = { "--db", "t.db", "--user", "mgr", "--password-fd", "0", "customer", "export",
	                                "C2", "--out", "c2-again.txt", NULL };
	ck_assert_int_eq(tu_run_signalled(dir, env, stopped, SIGINT), 130);
	ck_assert(said(errf, "导出已中断：没有写出文件。"));
	char cmd[700];
	snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -q '^c2-again'", dir);
	ck_assert_int_ne(system(cmd), 0);
	ck_assert_int_eq(file_int(dbp, exports), before);
	/* an export stopped over a file of its name leaves that file, and
	 * says so: "没有写出文件" alone read as if it were gone */
	char keep[600];
	snprintf(keep, sizeof keep, "%s/keep.csv", dir);
	tu_write(keep, "old\n");
	const char *const stopped_export[] = { "--db", "t.db", "--user", "mgr", "--password-fd", "0", "export", "customers",
	                                       "--out", "keep.csv", NULL };
	ck_assert_int_eq(tu_run_signalled(dir, env, stopped_export, SIGINT), 130);
	ck_assert(said(errf, "导出已中断：没有写出文件，keep.csv 还是原来的那份。"));
	char *kept = tu_read(keep);
	ck_assert_str_eq(kept, "old\n");
	free(kept);
	/* a customer's own export alike */
	const char *const stopped_own[] = { "--db", "t.db", "--user", "mgr", "--password-fd", "0", "customer", "export",
	                                    "C2", "--out", "keep.csv", NULL };
	ck_assert_int_eq(tu_run_signalled(dir, env, stopped_own, SIGINT), 130);
	ck_assert(said(errf, "导出已中断：没有写出文件，keep.csv 还是原来的那份。"));
	kept = tu_read(keep);
	ck_assert_str_eq(kept, "old\n");
	free(kept);
	/* consent, by the front desk */
	ck_assert_int_eq(as("desk", "customer consent C2 是"), 0);
	ck_assert_int_eq(as("desk", "customer marketing C2 否"), 0);
	ck_assert_int_eq(file_int(dbp, "SELECT count(*) FROM customers WHERE cust_no = 'C2'"
	                               " AND consent_at = '2026-11-23 09:00:00' AND marketing_ok = '否'"), 1);
	ck_assert_int_eq(as("desk", "customer marketing C2 maybe"), 2);
	ck_assert(said(errf, "customer marketing：是否同意营销联系应为“是”或“否”，而不是“maybe”"));
	ck_assert_int_eq(as("desk", "customer consent C2 yes"), 2);
	ck_assert(said(errf, "customer consent：是否同意收集个人信息应为“是”或“否”，而不是“yes”"));
	ck_assert_int_eq(as("desk", "customer consent C2"), 2);
	ck_assert(said(errf, "customer consent 需要客户编号和 是 或 否"));
	ck_assert_int_eq(as("admin", "customer consent C2 是"), 4);
	ck_assert(said(errf, "管理员没有“修改”权限"));
	/* deletion at the customer's request */
	ck_assert_int_eq(as("desk", "customer anonymise C2 --reason 客户要求"), 4);
	ck_assert_int_eq(as("mgr", "customer anonymise C2"), 2);
	ck_assert_int_eq(as("mgr", "customer anonymise C2 --reason 客户本人要求删除"), 0);
	ck_assert_int_eq(file_int(dbp, "SELECT count(*) FROM audit_log WHERE customer_no = 'C2' AND action = '注销客户'"), 1);
	/* the number names a customer, anonymised: a rule refuses, exit 1 */
	ck_assert_int_eq(as("desk", "customer consent C2 是"), 1);
	ck_assert(said(errf, "客户 C2 已注销"));
	/* a number that names no customer is a usage error, for every
	 * subcommand alike, and nothing is written */
	ck_assert_int_eq(as("mgr", "customer anonymise C9 --reason x"), 2);
	ck_assert(said(errf, "找不到客户编号 C9"));
	ck_assert_int_eq(as("mgr", "customer export C9"), 2);
	ck_assert(said(errf, "找不到客户编号 C9"));
	ck_assert(said(errf, "\n请运行 desk4s --help 查看用法。"));
	ck_assert_int_eq(as("mgr", "customer export C9 --out c9.csv"), 2);
	snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -q '^c9'", dir);
	ck_assert_int_ne(system(cmd), 0);
	ck_assert_int_eq(as("desk", "customer consent C9 是"), 2);
	ck_assert(said(errf, "\n请运行 desk4s --help 查看用法。"));
	ck_assert_int_eq(as("mgr", "retention --destroy C9 --reason x"), 2);
	ck_assert(said(errf, "\n请运行 desk4s --help 查看用法。"));
	ck_assert_int_eq(as("mgr", "customer frob C2"), 2);
	ck_assert_int_eq(run("", "audit verify"), 0);
}
END_TEST

/* The database is private; a file others can read draws a warning on every
 * command; a shared group is set by the administrator. */
START_TEST(file_permissions_warning_and_group)
{
	staff_up();
	struct stat st;
	ck_assert_int_eq(stat(dbp, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(run("", "audit verify"), 0);
	char *e = tu_read(errf);
	ck_assert_ptr_null(strstr(e, "警告"));
	free(e);
	chmod(dbp, 0644);
	ck_assert_int_eq(run("", "audit verify"), 0);
	ck_assert(said(errf, "其他用户也能访问"));
	ck_assert(said(errf, "chmod 600"));
	chmod(dbp, 0640);
	ck_assert_int_eq(run("", "audit verify"), 0);
	ck_assert(said(errf, "同组用户也能访问"));
	/* the administrator names the shop's group: the file follows, no warning */
	struct group *g = getgrgid(getgid());
	ck_assert_ptr_nonnull(g);
	char args[256];
	snprintf(args, sizeof args, "config file_group '%s'", g->gr_name);
	ck_assert_int_eq(as("admin", args), 0);
	ck_assert_int_eq(stat(dbp, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0660);
	ck_assert_int_eq(run("", "audit verify"), 0);
	e = tu_read(errf);
	ck_assert_ptr_null(strstr(e, "警告"));
	free(e);
	/* backups follow the group too */
	ck_assert_int_eq(run("", "backup b.db"), 0);
	char b[600];
	snprintf(b, sizeof b, "%s/b.db", dir);
	ck_assert_int_eq(stat(b, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0660);
	ck_assert_int_eq(as("admin", "config file_group no-such-group-desk4s"), 2);
	ck_assert(said(errf, "该用户组不存在"));
}
END_TEST

static int said_quietly(const char *file, const char *text)
{
	char *s = tu_read(file);
	int yes = s && strstr(s, text) != NULL;
	free(s);
	return yes;
}

/* user name: a new 姓名 for an account.  What is still the person's
 * follows them — the open card, the order in the shop, the callback of an
 * order completed under the old name — so their due list under the new
 * name still holds it all; closed records, the walk-in entry and the usage
 * log keep the name of their time.  The refusals name the rule. */
START_TEST(a_new_name_keeps_the_person_s_work)
{
	staff_up();
	ck_assert_int_eq(as("admin", "user name sales 张伟"), 0);
	ck_assert(said(out, "账号 sales 的姓名已由 sales 改为 张伟"));
	raw_exec("INSERT INTO customers(id, cust_no, nature, category, source, name, mobile)"
	         " VALUES(1, 'C00000001', '个人', '个人', '自来', '张三', '13800138000');"
	         "INSERT INTO vehicles(id, customer_id, vin, plate) VALUES(1, 1, 'LSVAA4182E2100001', '浙A12345');"
	         "INSERT INTO workorders(wo_no, customer_id, vehicle_id, opened_at, advisor, plate, vin, mileage,"
	         " work_type, complaint, status, completed_at)"
	         " VALUES('W1', 1, 1, '2026-11-19 09:00:00', '张伟', '浙A12345', 'LSVAA4182E2100001', 1000, '保养',"
	         " '保养', '已完工', '2026-11-20 10:00:00'),"
	         " ('W2', 1, 1, '2026-11-23 08:00:00', '张伟', '浙A12345', 'LSVAA4182E2100001', 1200, '一般维修',"
	         " '异响', '在修', NULL);"
	         "INSERT INTO acards(card_no, created_date, consultant, name, mobile, level, next_date, status, lost_reason,"
	         " closed_at) VALUES('A1', '2026-11-01', '张伟', '李四', '13900139000', 'H', '2026-11-23', '跟进中', NULL, NULL),"
	         " ('A2', '2026-10-01', '张伟', '王五', '13700137000', 'C', '2026-10-20', '战败', '买了别家',"
	         " '2026-10-21 09:00:00');"
	         "INSERT INTO visits(visit_kind, arrive_at, cust_name, info_source, consultant)"
	         " VALUES('到店', '2026-11-01 10:00:00', '李四', '路过', '张伟');");
	ck_assert_int_eq(as("mgr", "due --staff 张伟"), 0);
	ck_assert(said(out, "李四"));
	ck_assert(said(out, "维修回访"));

	ck_assert_int_eq(as("admin", "user name sales 张伟伟"), 0);
	ck_assert(said(out, "账号 sales 的姓名已由 张伟 改为 张伟伟"));
	/* the person's due list under the new name: the card's call and the
	 * completed order's callback */
	ck_assert_int_eq(as("mgr", "due --staff 张伟伟"), 0);
	ck_assert(said(out, "A卡回访"));
	ck_assert(said(out, "李四"));
	ck_assert(said(out, "维修回访"));
	ck_assert(said(out, "张三"));
	ck_assert_int_eq(as("mgr", "due --staff sales"), 0); /* by login: the same */
	ck_assert(said(out, "维修回访"));
	ck_assert_int_eq(as("mgr", "due --staff 张伟"), 0);
	ck_assert(!said_quietly(out, "李四"));
	/* live records carry the new name, closed ones the old */
	ck_assert_str_eq(tu_sql_text(dbp, "SELECT group_concat(card_no || ':' || consultant, ',') FROM"
	                                  " (SELECT card_no, consultant FROM acards ORDER BY card_no)"),
	                 "A1:张伟伟,A2:张伟");
	ck_assert_str_eq(tu_sql_text(dbp, "SELECT group_concat(wo_no || ':' || advisor, ',') FROM"
	                                  " (SELECT wo_no, advisor FROM workorders ORDER BY wo_no)"),
	                 "W1:张伟,W2:张伟伟");
	ck_assert_str_eq(tu_sql_text(dbp, "SELECT consultant FROM visits"), "张伟");
	/* 我的A卡 under the new name: the open card */
	struct st_db *db;
	char err[512];
	ck_assert_int_eq(st_open(dbp, &db, err, sizeof err), ST_OK);
	struct acard_row rows[4];
	struct acard_filter mine = { .consultant = "张伟伟" };
	ck_assert_int_eq(acard_list(db, &mine, 0, rows, 4, err, sizeof err), 1);
	ck_assert_str_eq(rows[0].name, "李四");
	st_close(db);
	/* the usage log names the old and the new; its earlier lines stay */
	ck_assert_str_eq(tu_sql_text(dbp, "SELECT staff || '|' || detail FROM audit_log WHERE action = '账号变更'"
	                                  " ORDER BY id DESC LIMIT 1"),
	                 "admin|账号 sales 的姓名：张伟 → 张伟伟（跟进中的A卡 1 张、在修工单 1 张随之改名）");
	ck_assert_str_eq(tu_sql_text(dbp, "SELECT count(*) FROM audit_log WHERE detail LIKE '%sales 的姓名：sales → 张伟（%'"),
	                 "1");
	/* the account list shows it */
	ck_assert_int_eq(as("admin", "user list"), 0);
	ck_assert(said(out, "张伟伟"));

	/* refusals, nothing changed */
	ck_assert_int_eq(as("admin", "user name sales ''"), 1);
	ck_assert(said(errf, "姓名不能为空"));
	ck_assert_int_eq(as("admin", "user name sales \"$(printf '张\\t伟')\""), 1);
	ck_assert(said(errf, "姓名不能含控制字符"));
	ck_assert_int_eq(as("admin", "user name sales 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三"), 1);
	ck_assert(said(errf, "姓名太长：最多 32 个汉字"));
	ck_assert_int_eq(as("admin", "user name sales 王管理"), 1);
	ck_assert(said(errf, "姓名 王管理 已是账号 admin 的姓名：回访和A卡按姓名归属"));
	/* compared as ownership is: full-width letters are the same name */
	ck_assert_int_eq(as("admin", "user name sales ｍｇｒ"), 1);
	ck_assert(said(errf, "姓名 ｍｇｒ 已是账号 mgr 的姓名（写作 mgr）：回访和A卡按姓名归属"));
	ck_assert_int_eq(as("admin", "user name sales 张伟伟"), 1);
	ck_assert(said(errf, "账号 sales 的姓名已是 张伟伟，未改动"));
	ck_assert_int_eq(as("admin", "user name nobody 某某"), 2);
	ck_assert(said(errf, "没有登录名为 nobody 的员工账号"));
	ck_assert_int_eq(as("mgr", "user name sales 张某"), 4);
	ck_assert(said(errf, "“管理”"));
	ck_assert_int_eq(as("admin", "user name sales"), 2);
	ck_assert(said(errf, "用法：desk4s --user 管理员 user name 登录名 新姓名"));
	ck_assert_str_eq(tu_sql_text(dbp, "SELECT name FROM staff WHERE login = 'sales'"), "张伟伟");
	ck_assert_int_eq(run("", "user --help"), 0);
	ck_assert(said(out, "  user name 登录名 新姓名\n"));
	ck_assert(said(out, "已结束的记录和使用日志保留当时的姓名"));
	/* a name another account gave up is free again, from the next minute:
	 * records carry their time to the minute, and this minute's under
	 * 张伟 are the renamed person's */
	ck_assert_int_eq(as("admin", "user name desk 张伟"), 1);
	ck_assert(said(errf, "姓名 张伟 是账号 sales 在这一分钟（2026-11-23 09:00）刚改掉的姓名"));
	now = "2026-11-23 09:01:00";
	ck_assert_int_eq(as("admin", "user name desk 张伟"), 0);
	ck_assert_int_eq(as("mgr", "due --staff 张伟"), 0);
	ck_assert(!said_quietly(out, "维修回访"));
	/* the feed read afresh from the records (a change to the customer)
	 * still gives the callback to whoever had the name when the order
	 * was opened */
	raw_exec("UPDATE customers SET name = '张三丰' WHERE id = 1");
	ck_assert_str_eq(tu_sql_text(dbp, "SELECT staff || '|' || name FROM due_feed WHERE kind = '维修回访'"),
	                 "张伟伟|张三丰");
	ck_assert_int_eq(as("mgr", "due --staff 张伟伟"), 0);
	ck_assert(said(out, "张三丰"));
}
END_TEST

/* The rename takes the old name as ownership does (full- and half-width
 * alike, blanks around ignored): an open card written 张伟 with a
 * full-width space after it, an order in the shop with an ASCII one, and
 * the callback of an order completed under such a spelling follow the
 * person; closed records keep their spelling, and the ended card is still
 * in the person's ended list. */
START_TEST(a_new_name_follows_the_old_name_however_it_is_spelled)
{
	staff_up();
	ck_assert_int_eq(as("admin", "user name sales 张伟"), 0);
	raw_exec("INSERT INTO customers(id, cust_no, nature, category, source, name, mobile)"
	         " VALUES(1, 'C00000001', '个人', '个人', '自来', '张三', '13800138000');"
	         "INSERT INTO vehicles(id, customer_id, vin, plate) VALUES(1, 1, 'LSVAA4182E2100001', '浙A12345');"
	         "INSERT INTO workorders(wo_no, customer_id, vehicle_id, opened_at, advisor, plate, vin, mileage,"
	         " work_type, complaint, status, completed_at)"
	         " VALUES('W1', 1, 1, '2026-11-19 09:00:00', '张伟　', '浙A12345', 'LSVAA4182E2100001', 1000, '保养',"
	         " '保养', '已完工', '2026-11-20 10:00:00'),"
	         " ('W2', 1, 1, '2026-11-23 08:00:00', '张伟 ', '浙A12345', 'LSVAA4182E2100001', 1200, '一般维修',"
	         " '异响', '在修', NULL);"
	         "INSERT INTO acards(card_no, created_date, consultant, name, mobile, level, next_date, status, lost_reason,"
	         " closed_at) VALUES('A1', '2026-11-01', '张伟　', '李四', '13900139000', 'H', '2026-11-23', '跟进中', NULL,"
	         " NULL), ('A2', '2026-10-01', '张伟　', '王五', '13700137000', 'C', '2026-10-20', '战败', '买了别家',"
	         " '2026-10-21 09:00');");
	ck_assert_int_eq(as("admin", "user name sales 张伟伟"), 0);
	ck_assert_str_eq(tu_sql_text(dbp, "SELECT group_concat(card_no || ':' || consultant, ',') FROM"
	                                  " (SELECT card_no, consultant FROM acards ORDER BY card_no)"),
	                 "A1:张伟伟,A2:张伟　");
	ck_assert_str_eq(tu_sql_text(dbp, "SELECT group_concat(wo_no || ':' || advisor, ',') FROM"
	                                  " (SELECT wo_no, advisor FROM workorders ORDER BY wo_no)"),
	                 "W1:张伟　,W2:张伟伟");
	ck_assert_int_eq(as("mgr", "due --staff 张伟伟"), 0);
	ck_assert(said(out, "A卡回访"));
	ck_assert(said(out, "李四"));
	ck_assert(said(out, "维修回访"));
	ck_assert(said(out, "张三"));
	ck_assert_int_eq(as("mgr", "due --staff 张伟"), 0);
	ck_assert(!said_quietly(out, "李四"));
	ck_assert(!said_quietly(out, "维修回访"));
	ck_assert_str_eq(tu_sql_text(dbp, "SELECT detail FROM audit_log WHERE action = '账号变更'"
	                                  " ORDER BY id DESC LIMIT 1"),
	                 "账号 sales 的姓名：张伟 → 张伟伟（跟进中的A卡 1 张、在修工单 1 张随之改名）");
	/* the feed read afresh from the records keeps the callback the person's */
	raw_exec("UPDATE customers SET name = '张三丰' WHERE id = 1");
	ck_assert_str_eq(tu_sql_text(dbp, "SELECT staff || '|' || name FROM due_feed WHERE kind = '维修回访'"),
	                 "张伟伟|张三丰");
	/* 我的A卡's ended cards: the one lost under the spelling */
	struct st_db *db;
	char err[512];
	ck_assert_int_eq(st_open(dbp, &db, err, sizeof err), ST_OK);
	struct acard_row rows[4];
	ck_assert_int_eq(acard_closed_list(db, "张伟伟", 0, rows, 4, err, sizeof err), 1);
	ck_assert_str_eq(rows[0].name, "王五");
	st_close(db);
}
END_TEST

Suite *cliadm_suite(void)
{
	Suite *s = suite_create("cliadm");
	TCase *t = tcase_create("accounts and log");
	tcase_set_timeout(t, 120);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, first_administrator_then_logins);
	tcase_add_test(t, only_the_administrator_manages_accounts);
	tcase_add_test(t, lockout_and_disabled_accounts);
	tcase_add_test(t, only_managers_and_administrators_read_the_log);
	tcase_add_test(t, audit_by_customer_takes_the_number_as_written);
	tcase_add_test(t, a_customer_s_copy_is_said_private_only_as_a_file);
	tcase_add_test(t, verify_names_the_tampered_entry);
	tcase_add_test(t, verify_names_a_deleted_entry);
	tcase_add_test(t, verify_does_not_call_an_unguarded_log_complete);
	tcase_add_test(t, permissions_table_on_screen);
	suite_add_tcase(s, t);
	TCase *k = tcase_create("keeping");
	tcase_set_timeout(k, 120);
	tcase_add_checked_fixture(k, setup, teardown);
	tcase_add_test(k, backup_and_restore_commands);
	tcase_add_test(k, reading_commands_go_on_beside_a_long_write);
	tcase_add_test(k, a_reading_command_waiting_for_the_log_stops_on_ctrl_c);
	tcase_add_test(k, lists_and_a_customer_s_copy_waiting_for_the_log_stop_on_ctrl_c);
	tcase_add_test(k, held_lists_leave_no_file_behind);
	tcase_add_test(k, outputs_are_logged_by_their_absolute_path);
	tcase_add_test(k, outputs_never_replace_what_is_read);
	tcase_add_test(k, export_dash_and_a_reversed_range);
	tcase_add_test(k, export_says_what_a_spreadsheet_does_to_long_codes);
	tcase_add_test(k, export_refuses_what_its_kind_does_not_take);
	tcase_add_test(k, a_due_list_into_a_file_needs_the_export_permission);
	tcase_add_test(k, daily_rotation_and_settings);
	tcase_add_test(k, retention_and_the_customers_rights);
	tcase_add_test(k, retention_as_of_is_a_real_day);
	tcase_add_test(k, file_permissions_warning_and_group);
	tcase_add_test(k, a_new_name_keeps_the_person_s_work);
	tcase_add_test(k, a_new_name_follows_the_old_name_however_it_is_spelled);
	suite_add_tcase(s, k);
	return s;
}
