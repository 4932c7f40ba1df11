/* Staff accounts: the first administrator, who manages accounts, login,
 * the lockout after five wrong passwords, disabled accounts and their open
 * sessions, and the log entries all of it leaves. */
#include <sqlite3.h>
#include "testutil.h"
#include "desk4s/staff.h"

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
	suite_add_tcase(s, t);
	return s;
}
