/* Staff accounts: the first administrator, who manages accounts, login,
 * the lockout after five wrong passwords, disabled accounts and their open
 * sessions, and the log entries all of it leaves. */
#include <sqlite3.h>
#include "testutil.h"
#include "desk4s/staff.h"
#include "../../src/store_impl.h" /* st_handle: what the rename runs under its lock */

static char *dir;
static char path[512];
static struct st_db *db;
static struct staff_me admin;
static char err[512];

static int raw_int(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	int v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
	sqlite3_finalize(s);
	sqlite3_close(h);
	return v;
}

static void setup(void)
{
	dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/t.db", dir);
	setenv("DESK4S_NOW", "2026-11-23 09:00:00", 1);
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_count(db), 0);
	ck_assert_int_eq(staff_first_admin(db, "admin", "王管理", "admin-pass-1", &admin, err, sizeof err), ST_OK);
	ck_assert_int_eq(admin.role, AUTH_ADMIN);
}
static void teardown(void)
{
	st_close(db);
	unsetenv("DESK4S_NOW");
	tu_rmtree(dir);
}

static void add(const char *login, enum auth_role r)
{
	ck_assert_msg(staff_add(db, &admin, login, NULL, r, "good-pass-1", err, sizeof err) == ST_OK, "%s", err);
}

START_TEST(first_administrator_only_once)
{
	struct staff_me me;
	ck_assert_int_eq(staff_count(db), 1);
	ck_assert_int_eq(staff_first_admin(db, "mallory", "", "mallory-pass", &me, err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "已有员工账号"));
	ck_assert_int_eq(staff_count(db), 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE action='账号变更' AND staff='admin'"), 1);
	/* the password is stored as a yescrypt hash only */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM staff WHERE pw_hash LIKE '$y$%' AND pw_hash NOT LIKE '%admin-pass%'"), 1);
}
END_TEST

START_TEST(first_administrator_needs_a_good_password)
{
	/* a fresh file */
	st_close(db);
	unlink(path);
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	struct staff_me me;
	ck_assert_int_eq(staff_first_admin(db, "boss", "", "short", &me, err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "至少 8 个字符"));
	ck_assert_int_eq(staff_first_admin(db, "bad login", "", "long enough", &me, err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "登录名"));
	ck_assert_int_eq(staff_count(db), 0);
}
END_TEST

START_TEST(only_the_administrator_manages_accounts)
{
	add("mgr", AUTH_MANAGER);
	add("desk", AUTH_RECEPTION);
	struct staff_me m;
	ck_assert_int_eq(staff_login(db, "mgr", "good-pass-1", &m, err, sizeof err), STAFF_OK);
	ck_assert_int_eq(m.role, AUTH_MANAGER);
	ck_assert_int_eq(staff_add(db, &m, "x1", NULL, AUTH_RECEPTION, "good-pass-1", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "权限不足：经理没有“管理”权限");
	ck_assert_int_eq(staff_set_disabled(db, &m, "desk", 1, err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "“管理”"));
	ck_assert_int_eq(staff_set_password(db, &m, "desk", "other-pass-1", err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "“管理”"));
	ck_assert_int_eq(staff_set_role(db, &m, "desk", AUTH_MANAGER, err, sizeof err), ST_CONSTRAINT);
	ck_assert_int_eq(staff_list(db, &m, NULL, NULL, err, sizeof err), ST_CONSTRAINT);
	/* nobody logged in */
	ck_assert_int_eq(staff_add(db, NULL, "x2", NULL, AUTH_RECEPTION, "good-pass-1", err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "登录"));
	/* but anyone may change their own password */
	ck_assert_int_eq(staff_set_password(db, &m, "mgr", "new-pass-22", err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_login(db, "mgr", "new-pass-22", &m, err, sizeof err), STAFF_OK);
	/* the administrator too */
	ck_assert_int_eq(staff_set_password(db, &admin, "admin", "admin-pass-2", err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_count(db), 3);
}
END_TEST

START_TEST(account_input_is_checked)
{
	add("li.si", AUTH_SALES);
	ck_assert_int_eq(staff_add(db, &admin, "li.si", NULL, AUTH_SALES, "good-pass-1", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "登录名 li.si 已被使用");
	ck_assert_int_eq(staff_add(db, &admin, "张三", NULL, AUTH_SALES, "good-pass-1", err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "登录名只能用"));
	ck_assert_int_eq(staff_add(db, &admin, "zs", NULL, AUTH_SALES, "1234567", err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "密码"));
	ck_assert_int_eq(staff_add(db, &admin, "zs", NULL, AUTH_NROLES, "good-pass-1", err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "角色"));
	ck_assert_int_eq(staff_set_password(db, &admin, "nobody", "good-pass-1", err, sizeof err), ST_NOTFOUND);
	ck_assert_ptr_nonnull(strstr(err, "nobody"));
	ck_assert_int_eq(staff_set_password(db, &admin, "li.si", "li.si", err, sizeof err), ST_CONSTRAINT);
	struct staff_info i;
	ck_assert_int_eq(staff_get(db, "li.si", &i, err, sizeof err), ST_OK);
	ck_assert_str_eq(i.name, "li.si");
	ck_assert_int_eq(i.role, AUTH_SALES);
	ck_assert_int_eq(staff_get(db, "ghost", &i, err, sizeof err), ST_NOTFOUND);
}
END_TEST

/* A consultant's cards are those under their name: two enabled accounts
 * may not carry one name; a disabled one's name can be given again, and
 * it cannot come back while another enabled account has it. */
START_TEST(two_enabled_accounts_never_share_a_name)
{
	ck_assert_int_eq(staff_add(db, &admin, "zw", "张伟", AUTH_SALES, "good-pass-1", err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_add(db, &admin, "zw2", "张伟", AUTH_SERVICE, "good-pass-1", err, sizeof err),
	                 ST_CONSTRAINT);
	ck_assert_msg(strstr(err, "姓名 张伟 已是账号 zw 的姓名") && strstr(err, "我的A卡"), "%s", err);
	struct staff_info i;
	ck_assert_int_eq(staff_get(db, "zw2", &i, err, sizeof err), ST_NOTFOUND);
	ck_assert_int_eq(staff_add(db, &admin, "zw2", "张伟（售后）", AUTH_SERVICE, "good-pass-1", err, sizeof err), ST_OK);
	/* zw leaves; a new 张伟 takes the name over */
	ck_assert_int_eq(staff_set_disabled(db, &admin, "zw", 1, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_add(db, &admin, "zw3", "张伟", AUTH_SALES, "good-pass-1", err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_set_disabled(db, &admin, "zw", 0, err, sizeof err), ST_CONSTRAINT);
	ck_assert_msg(strstr(err, "已是账号 zw3 的姓名"), "%s", err);
	ck_assert_int_eq(staff_get(db, "zw", &i, err, sizeof err), ST_OK);
	ck_assert_int_eq(i.disabled, 1);
	ck_assert_int_eq(staff_set_disabled(db, &admin, "zw3", 1, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_set_disabled(db, &admin, "zw", 0, err, sizeof err), ST_OK);
}
END_TEST

START_TEST(five_wrong_passwords_lock_for_a_while)
{
	add("desk", AUTH_RECEPTION);
	struct staff_me me;
	/* four wrong, then right: the count starts again */
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(staff_login(db, "desk", "wrong-pass", &me, err, sizeof err), STAFF_BADPW);
	ck_assert_int_eq(staff_login(db, "desk", "good-pass-1", &me, err, sizeof err), STAFF_OK);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(staff_login(db, "desk", "wrong-pass", &me, err, sizeof err), STAFF_BADPW);
	ck_assert_ptr_nonnull(strstr(err, "登录名或密码不正确"));
	/* the fifth in a row locks, and says until when */
	ck_assert_int_eq(staff_login(db, "desk", "wrong-pass", &me, err, sizeof err), STAFF_LOCKED);
	ck_assert_ptr_nonnull(strstr(err, "2026-11-23 09:15:00"));
	/* locked: even the right password is refused */
	setenv("DESK4S_NOW", "2026-11-23 09:14:59", 1);
	ck_assert_int_eq(staff_login(db, "desk", "good-pass-1", &me, err, sizeof err), STAFF_LOCKED);
	ck_assert_ptr_nonnull(strstr(err, "已锁定"));
	ck_assert_ptr_nonnull(strstr(err, "09:15:00"));
	ck_assert_str_eq(me.login, "");
	/* the lock passes */
	setenv("DESK4S_NOW", "2026-11-23 09:15:00", 1);
	ck_assert_int_eq(staff_login(db, "desk", "good-pass-1", &me, err, sizeof err), STAFF_OK);
	ck_assert_str_eq(me.login, "desk");
	struct staff_info i;
	ck_assert_int_eq(staff_get(db, "desk", &i, err, sizeof err), ST_OK);
	ck_assert_int_eq(i.failed_logins, 0);
	ck_assert_str_eq(i.locked_until, "");
	/* an administrator unlocks early by setting a password */
	for (int k = 0; k < 5; k++)
		staff_login(db, "desk", "wrong-pass", &me, err, sizeof err);
	ck_assert_int_eq(staff_login(db, "desk", "good-pass-1", &me, err, sizeof err), STAFF_LOCKED);
	ck_assert_int_eq(staff_set_password(db, &admin, "desk", "fresh-pass-1", err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_login(db, "desk", "fresh-pass-1", &me, err, sizeof err), STAFF_OK);
	/* every attempt is in the log, without the passwords */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE action='登录失败' AND staff='desk'"), 16);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE action='登录' AND staff='desk'"), 3);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE detail LIKE '%pass%'"), 0);
}
END_TEST

START_TEST(unknown_login_is_logged_without_what_was_typed)
{
	struct staff_me me;
	ck_assert_int_eq(staff_login(db, "secret-typed", "whatever-1", &me, err, sizeof err), STAFF_BADPW);
	ck_assert_str_eq(err, "登录名或密码不正确（连续 5 次错误将锁定账号 15 分钟）");
	ck_assert_int_eq(staff_login(db, "bad login!", "whatever-1", &me, err, sizeof err), STAFF_BADPW);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE action='登录失败' AND staff='（未知账号）'"), 2);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE staff LIKE '%secret%' OR detail LIKE '%secret%'"), 0);
}
END_TEST

START_TEST(disabled_account_cannot_log_in_and_its_session_ends)
{
	add("sa", AUTH_SALES);
	struct staff_me me, again;
	ck_assert_int_eq(staff_login(db, "sa", "good-pass-1", &me, err, sizeof err), STAFF_OK);
	ck_assert_int_eq(staff_require(db, &me, AUTH_VIEW, err, sizeof err), STAFF_OK);
	ck_assert_int_eq(staff_require(db, &me, AUTH_EXPORT, err, sizeof err), STAFF_DENIED);
	ck_assert_str_eq(err, "权限不足：销售顾问没有“导出”权限");
	ck_assert_int_eq(staff_set_disabled(db, &admin, "sa", 1, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_active(db, "sa", err, sizeof err), 0);
	/* the open session ends at its next action */
	ck_assert_int_eq(staff_require(db, &me, AUTH_VIEW, err, sizeof err), STAFF_ENDED);
	ck_assert_ptr_nonnull(strstr(err, "已停用"));
	ck_assert_int_eq(staff_login(db, "sa", "good-pass-1", &again, err, sizeof err), STAFF_DISABLED);
	ck_assert_ptr_nonnull(strstr(err, "已停用"));
	ck_assert_int_eq(staff_set_disabled(db, &admin, "sa", 0, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_login(db, "sa", "good-pass-1", &again, err, sizeof err), STAFF_OK);
	/* a role change takes effect at the next action */
	ck_assert_int_eq(staff_set_role(db, &admin, "sa", AUTH_MANAGER, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_require(db, &me, AUTH_EXPORT, err, sizeof err), STAFF_OK);
	ck_assert_int_eq(me.role, AUTH_MANAGER);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE action='账号变更' AND detail LIKE '%sa%'"), 4);
}
END_TEST

START_TEST(the_last_administrator_stays)
{
	ck_assert_int_eq(staff_set_disabled(db, &admin, "admin", 1, err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "最后一个管理员"));
	ck_assert_int_eq(staff_set_role(db, &admin, "admin", AUTH_MANAGER, err, sizeof err), ST_CONSTRAINT);
	add("admin2", AUTH_ADMIN);
	ck_assert_int_eq(staff_set_disabled(db, &admin, "admin", 1, err, sizeof err), ST_OK);
	/* the disabled administrator's own session is over */
	ck_assert_int_eq(staff_add(db, &admin, "x", NULL, AUTH_SALES, "good-pass-1", err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "已停用"));
}
END_TEST

static int collect(void *ctx, const struct staff_info *s)
{
	strcat(ctx, s->login);
	strcat(ctx, s->disabled ? "(停用) " : " ");
	return 0;
}

START_TEST(list_for_the_administrator)
{
	add("b", AUTH_SERVICE);
	add("a", AUTH_SALES);
	ck_assert_int_eq(staff_set_disabled(db, &admin, "b", 1, err, sizeof err), ST_OK);
	char buf[256] = "";
	ck_assert_int_eq(staff_list(db, &admin, collect, buf, err, sizeof err), ST_OK);
	ck_assert_str_eq(buf, "a admin b(停用) ");
}
END_TEST

/* A damaged file is not a disabled account: a user changing their own
 * password was told "账号已停用，会话已结束" when the accounts could not
 * be read.  It is the store's message now. */
START_TEST(a_damaged_file_is_not_a_disabled_account)
{
	add("sa", AUTH_SALES);
	struct staff_me me;
	ck_assert_int_eq(staff_login(db, "sa", "good-pass-1", &me, err, sizeof err), STAFF_OK);
	ck_assert_int_eq(staff_active(db, "sa", err, sizeof err), 1);
	st_close(db);
	tu_damage_table(path, "staff");
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	const char *damaged = "已损坏或不是 desk4s 数据库";
	err[0] = 0;
	ck_assert_int_eq(staff_active(db, "sa", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "读取员工账号失败：文件 ") == err && strstr(err, damaged), "%s", err);
	err[0] = 0;
	ck_assert_int_eq(staff_set_password(db, &me, "sa", "other-pass-2", err, sizeof err), ST_ERROR);
	ck_assert_msg(strstr(err, "读取员工账号失败：文件 ") == err && strstr(err, damaged), "%s", err);
	ck_assert_int_eq(staff_count(db), -1);
}
END_TEST

/* ---- user name: a new 姓名 ------------------------------------------- */

static void raw(const char *sql)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "");
	sqlite3_close(h);
}

static const char *raw_str(const char *sql)
{
	static char v[512];
	sqlite3 *h;
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	snprintf(v, sizeof v, "%s", sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) ?
	                             (const char *)sqlite3_column_text(s, 0) : "(none)");
	sqlite3_finalize(s);
	sqlite3_close(h);
	return v;
}

/* A customer and a car; orders, cards and complaints are added per test. */
static void shop(void)
{
	raw("INSERT INTO customers(id, cust_no, nature, category, source, name, mobile)"
	    " VALUES(1, 'C00000001', '个人', '个人', '自来', '张三', '13800138000');"
	    "INSERT INTO vehicles(id, customer_id, vin, plate) VALUES(1, 1, 'LSVAA4182E2100001', '浙A12345');");
}

static void order(const char *no, const char *advisor, const char *opened, const char *completed)
{
	char q[1024];
	snprintf(q, sizeof q, "INSERT INTO workorders(wo_no, customer_id, vehicle_id, opened_at, advisor, plate, vin,"
	         " mileage, work_type, complaint, status, completed_at) VALUES('%s', 1, 1, '%s', '%s', '浙A12345',"
	         " 'LSVAA4182E2100001', 1000, '保养', '保养', '%s', %s%s%s)", no, opened, advisor,
	         completed ? "已完工" : "在修", completed ? "'" : "", completed ? completed : "NULL", completed ? "'" : "");
	raw(q);
}

static void open_card(const char *no, const char *consultant, const char *created_at)
{
	char q[1024];
	snprintf(q, sizeof q, "INSERT INTO acards(card_no, created_date, consultant, name, mobile, level, next_date,"
	         " status, created_at) VALUES('%s', substr('%s', 1, 10), '%s', '李四', '13900139000', 'H', '2026-12-01',"
	         " '跟进中', '%s')", no, created_at, consultant, created_at);
	raw(q);
}

/* 负责人 of the order's callback in the feed, and as the views give it afresh */
static const char *callback_of(const char *wo_no)
{
	static char both[256];
	char q[512];
	snprintf(q, sizeof q, "SELECT f.staff FROM due_feed f JOIN workorders w ON w.id = f.source_id"
	         " WHERE f.kind = '维修回访' AND w.wo_no = '%s'", wo_no);
	char feed[128];
	snprintf(feed, sizeof feed, "%s", raw_str(q));
	snprintf(q, sizeof q, "SELECT v.staff FROM due_src_repair v JOIN workorders w ON w.id = v.source_id"
	         " WHERE w.wo_no = '%s'", wo_no);
	snprintf(both, sizeof both, "%s|%s", feed, raw_str(q));
	return both;
}

/* The statements the rename runs holding the write lock. */
struct locked { sqlite3 *h; char *sql[64]; int n; };

static int trace_locked(unsigned what, void *ctx, void *p, void *x)
{
	(void)x;
	struct locked *l = ctx;
	const char *sql = sqlite3_sql(p);
	if (what == SQLITE_TRACE_STMT && sql && strncmp(sql, "--", 2) != 0 &&
	    sqlite3_txn_state(l->h, "main") == SQLITE_TXN_WRITE && l->n < 64)
		l->sql[l->n++] = strdup(sql);
	return 0;
}

/* The rename reads whole tables to find every spelling of the old name and
 * the tasks to move: seconds in a large shop.  Under the write lock, which
 * every terminal waits for, it reads by key and index only; the reading is
 * done before (a_write_while_the_rename_reads_is_not_missed). */
START_TEST(a_rename_reads_no_whole_table_under_the_write_lock)
{
	ck_assert_int_eq(staff_add(db, &admin, "zhang", "张伟", AUTH_SERVICE, "good-pass-1", err, sizeof err), ST_OK);
	shop();
	order("W1", "张伟", "2026-11-19 09:00", "2026-11-20 10:00");
	order("W2", "张伟　", "2026-11-22 09:00", NULL);
	open_card("A1", "张伟", "2026-11-01 10:00:00");
	struct locked l = { .h = st_handle(db) };
	sqlite3_trace_v2(l.h, SQLITE_TRACE_STMT, trace_locked, &l);
	ck_assert_msg(staff_rename(db, &admin, "zhang", "张伟伟", err, sizeof err) == ST_OK, "%s", err);
	sqlite3_trace_v2(l.h, 0, NULL, NULL);
	ck_assert_str_eq(callback_of("W1"), "张伟伟|张伟伟");
	ck_assert_str_eq(raw_str("SELECT group_concat(advisor) FROM workorders WHERE wo_no = 'W2'"), "张伟伟");
	ck_assert_str_eq(raw_str("SELECT consultant FROM acards"), "张伟伟");
	ck_assert_int_gt(l.n, 3);
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	for (int i = 0; i < l.n; i++) {
		char q[4096], plan[2048] = "";
		snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", l.sql[i]);
		sqlite3_stmt *s;
		ck_assert_int_eq(sqlite3_prepare_v2(h, q, -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(s, 3);
			strncat(plan, d, sizeof plan - strlen(plan) - 2);
			strcat(plan, ";");
			/* a scan only of the accounts and their renames, of the open
			 * orders' index, or the log's last line (its id, backwards) */
			if (strncmp(d, "SCAN ", 5) == 0)
				ck_assert_msg(strncmp(d, "SCAN staff", 10) == 0 || strstr(d, "USING INDEX workorders_open") ||
				              strstr(l.sql[i], "FROM audit_log ORDER BY id DESC LIMIT 1"),
				              "%s\n%s", l.sql[i], d);
		}
		sqlite3_finalize(s);
		free(l.sql[i]);
	}
	sqlite3_close(h);
}
END_TEST

/* Another terminal writes between the rename's reading and its lock: an
 * order opened under a spelling nobody had used.  The lock is taken from
 * the snapshot read, which SQLite refuses once another has written, so the
 * rename reads again and the order follows. */
struct inject { sqlite3 *h; int done; };

static int trace_inject(unsigned what, void *ctx, void *p, void *x)
{
	(void)x;
	struct inject *in = ctx;
	const char *sql = sqlite3_sql(p);
	if (what == SQLITE_TRACE_STMT && !in->done && sql && strncmp(sql, "UPDATE staff SET name", 21) == 0) {
		in->done = 1;
		order("W3", "张伟 ", "2026-11-23 08:59", NULL);
	}
	return 0;
}

START_TEST(a_write_while_the_rename_reads_is_not_missed)
{
	ck_assert_int_eq(staff_add(db, &admin, "zhang", "张伟", AUTH_SERVICE, "good-pass-1", err, sizeof err), ST_OK);
	shop();
	order("W1", "张伟", "2026-11-19 09:00", NULL);
	struct inject in = { 0 };
	sqlite3_trace_v2(st_handle(db), SQLITE_TRACE_STMT, trace_inject, &in);
	ck_assert_msg(staff_rename(db, &admin, "zhang", "张伟伟", err, sizeof err) == ST_OK, "%s", err);
	sqlite3_trace_v2(st_handle(db), 0, NULL, NULL);
	ck_assert_int_eq(in.done, 1);
	ck_assert_str_eq(raw_str("SELECT group_concat(wo_no || ':' || advisor, ',') FROM"
	                         " (SELECT * FROM workorders ORDER BY wo_no)"), "W1:张伟伟,W3:张伟伟");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE detail LIKE '%张伟 → 张伟伟（跟进中的A卡 0 张、在修工单 2 张%'"), 1);
}
END_TEST

/* Two people of one name, one left: 张伟 (zw1) was disabled and a new 张伟
 * (zw2) took the name.  The records carry only the name; whose each is
 * goes by its time against when each account took the name.  Renaming
 * either moves only its own: the open card and the callback of the order
 * from before zw2 came stay zw1's, and the other way round. */
START_TEST(a_namesake_who_left_keeps_their_own_work)
{
	setenv("DESK4S_NOW", "2026-01-02 09:00:00", 1);
	ck_assert_int_eq(staff_add(db, &admin, "zw1", "张伟", AUTH_SERVICE, "good-pass-1", err, sizeof err), ST_OK);
	shop();
	order("W1", "张伟", "2026-01-05 09:00", "2026-01-05 11:00");
	open_card("A1", "张伟", "2026-03-01 10:00:00");
	setenv("DESK4S_NOW", "2026-06-30 18:00:00", 1);
	ck_assert_int_eq(staff_set_disabled(db, &admin, "zw1", 1, err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2026-07-01 09:00:00", 1);
	ck_assert_int_eq(staff_add(db, &admin, "zw2", "张伟", AUTH_SERVICE, "good-pass-1", err, sizeof err), ST_OK);
	order("W2", "张伟", "2026-08-01 09:00", "2026-08-01 11:00");
	open_card("A2", "张伟", "2026-08-01 10:00:00");
	ck_assert_str_eq(callback_of("W1"), "张伟|张伟");
	ck_assert_str_eq(callback_of("W2"), "张伟|张伟");

	/* the one who left is told apart: only what was theirs, before zw2 came */
	setenv("DESK4S_NOW", "2026-11-20 09:00:00", 1);
	ck_assert_msg(staff_rename(db, &admin, "zw1", "张伟（离职）", err, sizeof err) == ST_OK, "%s", err);
	ck_assert_str_eq(callback_of("W1"), "张伟（离职）|张伟（离职）");
	ck_assert_str_eq(callback_of("W2"), "张伟|张伟");
	ck_assert_str_eq(raw_str("SELECT group_concat(card_no || ':' || consultant, ',') FROM"
	                         " (SELECT * FROM acards ORDER BY card_no)"), "A1:张伟（离职）,A2:张伟");

	/* and the one who stays: their own only */
	setenv("DESK4S_NOW", "2026-11-23 09:00:00", 1);
	ck_assert_msg(staff_rename(db, &admin, "zw2", "张伟伟", err, sizeof err) == ST_OK, "%s", err);
	ck_assert_str_eq(callback_of("W1"), "张伟（离职）|张伟（离职）");
	ck_assert_str_eq(callback_of("W2"), "张伟伟|张伟伟");
	ck_assert_str_eq(raw_str("SELECT group_concat(card_no || ':' || consultant, ',') FROM"
	                         " (SELECT * FROM acards ORDER BY card_no)"), "A1:张伟（离职）,A2:张伟伟");
}
END_TEST

/* The same the other way: zw1 still 张伟 (disabled) when zw2 is renamed;
 * zw1's callback and card stay under 张伟, read so afresh too. */
START_TEST(renaming_the_namesake_who_stayed_leaves_the_other_s_work)
{
	setenv("DESK4S_NOW", "2026-01-02 09:00:00", 1);
	ck_assert_int_eq(staff_add(db, &admin, "zw1", "张伟", AUTH_SERVICE, "good-pass-1", err, sizeof err), ST_OK);
	shop();
	order("W1", "张伟", "2026-01-05 09:00", "2026-01-05 11:00");
	open_card("A1", "张伟", "2026-03-01 10:00:00");
	ck_assert_int_eq(staff_set_disabled(db, &admin, "zw1", 1, err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2026-07-01 09:00:00", 1);
	ck_assert_int_eq(staff_add(db, &admin, "zw2", "张伟", AUTH_SERVICE, "good-pass-1", err, sizeof err), ST_OK);
	order("W2", "张伟", "2026-08-01 09:00", "2026-08-01 11:00");
	order("W3", "张伟", "2026-07-01 09:00", "2026-07-01 11:00"); /* the minute zw2 came: theirs */
	open_card("A2", "张伟", "2026-08-01 10:00:00");
	setenv("DESK4S_NOW", "2026-11-23 09:00:00", 1);
	ck_assert_msg(staff_rename(db, &admin, "zw2", "张伟伟", err, sizeof err) == ST_OK, "%s", err);
	ck_assert_str_eq(callback_of("W1"), "张伟|张伟");
	ck_assert_str_eq(callback_of("W2"), "张伟伟|张伟伟");
	ck_assert_str_eq(callback_of("W3"), "张伟伟|张伟伟");
	ck_assert_str_eq(raw_str("SELECT group_concat(card_no || ':' || consultant, ',') FROM"
	                         " (SELECT * FROM acards ORDER BY card_no)"), "A1:张伟,A2:张伟伟");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE detail LIKE '%张伟 → 张伟伟（跟进中的A卡 1 张、在修工单 0 张%'"), 1);
}
END_TEST

/* Records carry their time to the minute.  A callback of an order opened
 * under the old name in the minute of the rename, after it (a sheet opened
 * before it), is the renamed person's; nobody else may take the name in
 * that minute, so from the next one on a record under it is the new
 * holder's and stays so. */
START_TEST(the_minute_of_a_rename_is_the_renamed_person_s)
{
	ck_assert_int_eq(staff_add(db, &admin, "zhang", "张伟", AUTH_SERVICE, "good-pass-1", err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_add(db, &admin, "chen", "陈明", AUTH_SERVICE, "good-pass-1", err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_add(db, &admin, "li", "李明", AUTH_SERVICE, "good-pass-1", err, sizeof err), ST_OK);
	shop();
	order("W1", "张伟", "2026-11-23 10:29", "2026-11-23 10:30");
	setenv("DESK4S_NOW", "2026-11-23 10:30:15", 1);
	ck_assert_msg(staff_rename(db, &admin, "zhang", "张伟伟", err, sizeof err) == ST_OK, "%s", err);
	order("W2", "张伟", "2026-11-23 10:30", "2026-11-23 10:30");
	ck_assert_str_eq(callback_of("W1"), "张伟伟|张伟伟");
	ck_assert_str_eq(callback_of("W2"), "张伟伟|张伟伟");
	/* the name given up goes to nobody else in that minute, whichever way */
	setenv("DESK4S_NOW", "2026-11-23 10:30:40", 1);
	ck_assert_int_eq(staff_rename(db, &admin, "chen", "张伟", err, sizeof err), ST_CONSTRAINT);
	ck_assert_msg(strstr(err, "姓名 张伟 是账号 zhang 在这一分钟（2026-11-23 10:30）刚改掉的姓名") &&
	              strstr(err, "请过一分钟再把它给其他账号"), "%s", err);
	ck_assert_int_eq(staff_add(db, &admin, "wang", "张伟", AUTH_SERVICE, "good-pass-1", err, sizeof err),
	                 ST_CONSTRAINT);
	ck_assert_msg(strstr(err, "刚改掉的姓名"), "%s", err);
	ck_assert_str_eq(raw_str("SELECT group_concat(name) FROM staff WHERE login IN ('chen', 'wang')"), "陈明");
	/* the account itself may take it back */
	ck_assert_msg(staff_rename(db, &admin, "zhang", "张伟", err, sizeof err) == ST_OK, "%s", err);
	ck_assert_msg(staff_rename(db, &admin, "zhang", "张伟伟", err, sizeof err) == ST_OK, "%s", err);
	/* the next minute it is free; the new holder's records are theirs */
	setenv("DESK4S_NOW", "2026-11-23 10:31:05", 1);
	ck_assert_msg(staff_rename(db, &admin, "chen", "张伟", err, sizeof err) == ST_OK, "%s", err);
	order("W3", "张伟", "2026-11-23 10:31", "2026-11-23 10:31");
	ck_assert_str_eq(callback_of("W3"), "张伟|张伟");
	ck_assert_str_eq(callback_of("W2"), "张伟伟|张伟伟");
	/* a disabled namesake coming back waits the minute too */
	ck_assert_msg(staff_rename(db, &admin, "li", "李明明", err, sizeof err) == ST_OK, "%s", err);
	ck_assert_int_eq(staff_set_disabled(db, &admin, "chen", 1, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_add(db, &admin, "li2", "李明", AUTH_SERVICE, "good-pass-1", err, sizeof err),
	                 ST_CONSTRAINT);
}
END_TEST

Suite *staff_suite(void)
{
	Suite *s = suite_create("staff");
	TCase *t = tcase_create("staff");
	tcase_set_timeout(t, 120);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, first_administrator_only_once);
	tcase_add_test(t, a_damaged_file_is_not_a_disabled_account);
	tcase_add_test(t, first_administrator_needs_a_good_password);
	tcase_add_test(t, only_the_administrator_manages_accounts);
	tcase_add_test(t, account_input_is_checked);
	tcase_add_test(t, two_enabled_accounts_never_share_a_name);
	tcase_add_test(t, five_wrong_passwords_lock_for_a_while);
	tcase_add_test(t, unknown_login_is_logged_without_what_was_typed);
	tcase_add_test(t, disabled_account_cannot_log_in_and_its_session_ends);
	tcase_add_test(t, the_last_administrator_stays);
	tcase_add_test(t, list_for_the_administrator);
	tcase_add_test(t, a_rename_reads_no_whole_table_under_the_write_lock);
	tcase_add_test(t, a_write_while_the_rename_reads_is_not_missed);
	tcase_add_test(t, a_namesake_who_left_keeps_their_own_work);
	tcase_add_test(t, renaming_the_namesake_who_stayed_leaves_the_other_s_work);
	tcase_add_test(t, the_minute_of_a_rename_is_the_renamed_person_s);
	suite_add_tcase(s, t);
	return s;
}
