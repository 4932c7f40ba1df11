/* Key-script tests of who sits at the desk (issue 4): the first start
 * creating the administrator, the login screen with the password as stars,
 * the status line naming the staff member and role, a wrong password, the
 * lock after five, a disabled account, the session ending at the next
 * action, refusals naming the permission, the permissions table, the usage
 * log showing a login, and the lookup masking ID numbers by role while
 * logging each opened record once. */
#include <check.h>
#include <curses.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "uirun.h"
#include "desk4s/acard.h"
#include "desk4s/audit.h"
#include "desk4s/draft.h"
#include "desk4s/auth.h"
#include "desk4s/fdef.h"
#include "desk4s/record.h"
#include "desk4s/staff.h"
#include "desk4s/store.h"
#include "desk4s/text.h"
#include "desk4s/ui_app.h"

#define NOW "2025-01-10 09:30:00"
/* The keys that log in; every script that works as someone starts with one. */
#define AS_MANAGER "wang<Tab>Wang-pass-1<Enter>"
#define AS_RECEPTION "qian<Tab>Qian-pass-1<Enter>"
#define AS_ADMIN "admin<Tab>Admin-pass-1<Enter>"
#define AS_SALES "zhao<Tab>Zhao-pass-1<Enter>"

static struct st_db *open_db(void)
{
	char path[512], err[512];
	struct st_db *db;
	snprintf(path, sizeof path, "%s/ui.db", dir);
	ck_assert_msg(st_open(path, &db, err, sizeof err) == ST_OK, "%s", err);
	return db;
}

static void admin_me(struct st_db *db, struct staff_me *me)
{
	char err[512];
	ck_assert_msg(staff_login(db, "admin", "Admin-pass-1", me, err, sizeof err) == STAFF_OK, "%s", err);
}

/* The shop's accounts: the administrator, the manager 王经理 and the
 * receptionist 钱前台. */
static void setup(void)
{
	char err[512];
	dir = tu_tmpdir();
	setenv("DESK4S_NOW", NOW, 1);
	struct st_db *db = open_db();
	struct staff_me admin;
	ck_assert_msg(staff_first_admin(db, "admin", "管理员", "Admin-pass-1", &admin, err, sizeof err) == ST_OK,
	              "%s", err);
	ck_assert_msg(staff_add(db, &admin, "wang", "王经理", AUTH_MANAGER, "Wang-pass-1", err, sizeof err) == ST_OK,
	              "%s", err);
	ck_assert_msg(staff_add(db, &admin, "qian", "钱前台", AUTH_RECEPTION, "Qian-pass-1", err, sizeof err) == ST_OK,
	              "%s", err);
	st_close(db);
}

/* A database without accounts, for the first start. */
static void setup_empty(void)
{
	dir = tu_tmpdir();
	setenv("DESK4S_NOW", NOW, 1);
}

static void teardown(void) { tu_rmtree(dir); }

/* Run the program on keys (logging in is part of them) at cols x lines on
 * the test's database; the day and the clock are pinned. */
static void run_keys(struct run *r, const char *keys, int cols, int lines)
{
	ui_screens(r, ui_play(keys, cols, lines, "DESK4S_TODAY=2025-01-10 DESK4S_NOW='" NOW "'", "ui.db"), NULL);
}

/* Entries of the usage log with this action (and customer, when given). */
struct count { const char *action, *cust, *staff; int n; };
static int count_one(void *ctx, const struct audit_entry *e)
{
	struct count *c = ctx;
	if (strcmp(e->action, c->action) == 0 && (!c->cust || strcmp(e->customer_no, c->cust) == 0) &&
	    (!c->staff || strcmp(e->staff, c->staff) == 0))
		c->n++;
	return 0;
}
static int log_count(const char *action, const char *cust, const char *staff)
{
	char err[512];
	struct st_db *db = open_db();
	struct staff_me me;
	ck_assert_msg(staff_login(db, "wang", "Wang-pass-1", &me, err, sizeof err) == STAFF_OK, "%s", err);
	struct count c = {action, cust, staff, 0};
	ck_assert_msg(audit_query(db, &me, NULL, count_one, &c, err, sizeof err) == ST_OK, "%s", err);
	st_close(db);
	return c.n;
}

START_TEST(first_start_creates_admin)
{
	struct run r;
	run_keys(&r, "<Dump>admin<Tab>张管理<Tab>short<Tab>short<Enter><Dump>"
	             "Secret-12<Tab>Secret-21<Enter><Dump>Secret-12<Tab>Secret-12<Enter><Dump>1<Dump>", 80, 24);
	SCREEN_EQ(&r, 0,
	" desk4s │ 首次启动：创建管理员账号\n"
	"\n"
	"\n"
	"\n"
	"        ┌─ 创建管理员 ─────────────────────────────────────────────────┐\n"
	"        │ 这是新的数据库，还没有员工账号。请先创建管理员账号：         │\n"
	"        │ 管理员负责员工账号和设置，不查看客户资料。                   │\n"
	"        │ 密码至少 8 个字符，不能全是同一个字符，不能与登录名相同。    │\n"
	"        │                                                              │\n"
	"        │       登录名：[                              ]               │\n"
	"        │                                                              │\n"
	"        │         姓名：[                              ]               │\n"
	"        │                                                              │\n"
	"        │         密码：[                              ]               │\n"
	"        │                                                              │\n"
	"        │ 再输一次密码：[                              ]               │\n"
	"        │                                                              │\n"
	"        └──────────────────────────────────────────────────────────────┘\n"
	"\n"
	"\n"
	"\n"
	"Tab 下一项  Enter 创建账号  F10 退出  F1 帮助\n"
	"\n"
	"员工：未登录  日期：2025-01-10  数据库：ui.db\n");
	/* the password rules of auth_password_problem; the passwords are wiped */
	HAS_LINE(&r, 1, "密码：密码太短：至少 8 个字符");
	CONTAINS(&r, 1, "│         密码：[                              ]");
	HAS_LINE(&r, 2, "两次输入的密码不一致，请重新输入");
	/* created and logged in: the status line names the administrator */
	HAS_LINE(&r, 3, "已创建管理员 admin 并登录。员工账号用 desk4s user add 创建。");
	HAS_LINE(&r, 3, "员工：张管理（管理员）  日期：2025-01-10  数据库：ui.db");
	/* the administrator holds no customer permission */
	HAS_LINE(&r, 4, "权限不足：打开“客户登记”需要“新建”权限，管理员没有。有此权限的是前台、");
	run_free(&r);
	/* the next start asks to log in */
	run_keys(&r, "<Dump>admin<Tab>Secret-12<Enter><Dump>", 80, 24);
	CONTAINS(&r, 0, " desk4s │ 登录");
	LACKS(&r, 0, "再输一次密码");
	HAS_LINE(&r, 1, "员工：张管理（管理员）  日期：2025-01-10  数据库：ui.db");
	run_free(&r);
}
END_TEST

START_TEST(login_stars_and_status_line)
{
	struct run r;
	run_keys(&r, "<Dump>qian<Tab>Qian-pas<Dump>s-1<Enter><Dump>", 80, 24);
	SCREEN_EQ(&r, 0,
	" desk4s │ 登录\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"        ┌─ 登录 ───────────────────────────────────────────────────────┐\n"
	"        │ 请输入登录名和密码。                                         │\n"
	"        │                                                              │\n"
	"        │ 登录名：[                              ]                     │\n"
	"        │                                                              │\n"
	"        │   密码：[                              ]                     │\n"
	"        │                                                              │\n"
	"        └──────────────────────────────────────────────────────────────┘\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"Tab 下一项  Enter 登录  F10 退出  F1 帮助\n"
	"\n"
	"员工：未登录  日期：2025-01-10  数据库：ui.db\n");
	/* one star per character, never the password */
	CONTAINS(&r, 1, "│ 登录名：[qian                          ]");
	CONTAINS(&r, 1, "│   密码：[********                      ]");
	LACKS(&r, 1, "Qian-pas");
	/* the status line names the staff member and the role */
	HAS_LINE(&r, 2, "员工：钱前台（前台）  日期：2025-01-10  数据库：ui.db");
	CONTAINS(&r, 2, " desk4s │ 主菜单");
	run_free(&r);
	ck_assert_int_eq(log_count("登录", NULL, "qian"), 1);
}
END_TEST

START_TEST(login_120x40)
{
	struct run r;
	run_keys(&r, "wang<Tab>Wang<Dump>", 120, 40);
	HAS_LINE(&r, 0, "                            │ 登录名：[wang                          ]                     │");
	HAS_LINE(&r, 0, "                            │   密码：[****                          ]                     │");
	HAS_LINE(&r, 0, "                            ┌─ 登录 ───────────────────────────────────────────────────────┐");
	HAS_LINE(&r, 0, "员工：未登录  日期：2025-01-10  数据库：ui.db");
	run_free(&r);
}
END_TEST

START_TEST(wrong_password)
{
	struct run r;
	/* after a failure the cursor stays on 密码, which is empty again */
	run_keys(&r, "qian<Tab>nope-nope<Enter><Dump>Qian-pass-1<Enter><Dump>", 80, 24);
	HAS_LINE(&r, 0, "登录名或密码不正确（连续 5 次错误将锁定账号 15 分钟）");
	CONTAINS(&r, 0, "│   密码：[                              ]");
	CONTAINS(&r, 0, "│ 登录名：[qian                          ]");
	HAS_LINE(&r, 1, "员工：钱前台（前台）  日期：2025-01-10  数据库：ui.db");
	run_free(&r);
	ck_assert_int_eq(log_count("登录失败", NULL, "qian"), 1);
	ck_assert_int_eq(log_count("登录", NULL, "qian"), 1);
}
END_TEST

START_TEST(lockout_after_five)
{
	struct run r;
	run_keys(&r, "qian<Tab>bad-pass-1<Enter>bad-pass-2<Enter>bad-pass-3<Enter>bad-pass-4<Enter><Dump>"
	             "bad-pass-5<Enter><Dump>Qian-pass-1<Enter><Dump>", 80, 24);
	HAS_LINE(&r, 0, "登录名或密码不正确（连续 5 次错误将锁定账号 15 分钟）");
	HAS_LINE(&r, 1, "密码连续 5 次错误，账号 qian 已锁定至 2025-01-10 09:45:00；到时再试，");
	HAS_LINE(&r, 1, "或请管理员解锁");
	/* locked: even the right password is refused */
	HAS_LINE(&r, 2, "账号 qian 已锁定（连续 5 次密码错误），请于 2025-01-10 09:45:00 后再试，");
	HAS_LINE(&r, 2, "或请管理员解锁");
	HAS_LINE(&r, 2, "员工：未登录  日期：2025-01-10  数据库：ui.db");
	run_free(&r);
	ck_assert_int_eq(log_count("登录失败", NULL, "qian"), 6);
}
END_TEST

START_TEST(disabled_account_refused)
{
	char err[512];
	struct st_db *db = open_db();
	struct staff_me admin;
	admin_me(db, &admin);
	ck_assert_msg(staff_set_disabled(db, &admin, "qian", 1, err, sizeof err) == ST_OK, "%s", err);
	st_close(db);
	struct run r;
	run_keys(&r, AS_RECEPTION "<Dump>", 80, 24);
	HAS_LINE(&r, 0, "账号 qian 已停用，不能登录；请联系管理员");
	HAS_LINE(&r, 0, "员工：未登录  日期：2025-01-10  数据库：ui.db");
	run_free(&r);
}
END_TEST

/* uia_require, the one check every screen calls before an action: it
 * reads the account again, so a disabled account's session ends at its
 * next action (the screens unwind through a->quit to the login screen,
 * which shows a->ended), a refusal names the missing permission, and a
 * changed role counts at once. */
START_TEST(session_ends_at_next_action)
{
	char err[512];
	struct st_db *db = open_db();
	struct uia a;
	memset(&a, 0, sizeof a);
	a.db = db;
	ck_assert_int_eq(staff_login(db, "qian", "Qian-pass-1", &a.me, err, sizeof err), STAFF_OK);
	ck_assert_int_eq(uia_require(&a, AUTH_VIEW), 1);
	ck_assert_int_eq(uia_require(&a, AUTH_EXPORT), 0);
	ck_assert_str_eq(a.msg, "权限不足：前台没有“导出”权限");
	ck_assert_int_eq(a.quit, 0);
	ck_assert_str_eq(a.ended, "");

	struct staff_me admin;
	admin_me(db, &admin);
	ck_assert_int_eq(staff_set_role(db, &admin, "qian", AUTH_MANAGER, err, sizeof err), ST_OK);
	ck_assert_int_eq(uia_require(&a, AUTH_EXPORT), 1);
	ck_assert_int_eq(a.me.role, AUTH_MANAGER);

	ck_assert_int_eq(staff_set_disabled(db, &admin, "qian", 1, err, sizeof err), ST_OK);
	ck_assert_int_eq(uia_require(&a, AUTH_VIEW), 0);
	ck_assert_int_eq(a.quit, 1);
	ck_assert_str_eq(a.ended, "账号 qian 已停用，会话已结束；如需继续使用，请联系管理员启用");
	/* once unwinding, nothing more is allowed */
	ck_assert_int_eq(uia_require(&a, AUTH_VIEW), 0);
	st_close(db);
}
END_TEST

/* The other terminal in the pause: the administrator disables qian. */
static void administrator_disables_qian(int pause, void *ctx)
{
	char err[512];
	(void)pause;
	(void)ctx;
	struct st_db *db = open_db();
	struct staff_me admin;
	admin_me(db, &admin);
	ck_assert_int_eq(staff_set_disabled(db, &admin, "qian", 1, err, sizeof err), ST_OK);
	st_close(db);
}

/* An account disabled while its sheet is open (another terminal, the
 * administrator, in the <Idle> pause): the session ends at the next action
 * as before, and what was typed is kept as the account's draft, as on a
 * hang-up, and said; nobody else is offered it, the disabled account can
 * neither reopen nor throw it away (the store refuses), and once enabled
 * again its next login offers it. */
START_TEST(a_disabled_session_keeps_its_typing_as_a_draft)
{
	char err[512];
	struct run r;
	int status = ui_play_idle(AS_RECEPTION "2<F4>张三<Idle><F2><Dump>", 80, 24, "DESK4S_TODAY=2025-01-10 DESK4S_NOW='" NOW "'",
	                          "ui.db", 1, administrator_disables_qian, NULL);
	ui_screens(&r, status, NULL);
	struct st_db *db = open_db();
	struct staff_me admin;
	admin_me(db, &admin);
	HAS_LINE(&r, 0, "账号 qian 已停用，会话已结束；如需继续使用，请联系管理员启用。");
	HAS_LINE(&r, 0, "未保存的 1 份登记表已保留为该账号的草稿，账号重新启用后登录时可恢复");
	HAS_LINE(&r, 0, "员工：未登录  日期：2025-01-10  数据库：ui.db");
	run_free(&r);
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	ck_assert_str_eq(tu_sql_text(path, "SELECT staff || '|' || form || '|' || (instr(data, char(10) || 'cust_name=张三' || char(10)) > 0)"
	                                   " FROM drafts"), "qian|visit|1");
	ck_assert_str_eq(tu_sql_text(path, "SELECT count(*) FROM audit_log WHERE action = '保留草稿' AND staff = 'qian'"), "1");
	ck_assert_str_eq(tu_sql_text(path, "SELECT count(*) FROM visits"), "0");

	/* the store refuses the disabled account its draft, to reopen or to throw away */
	struct draft d[4];
	ck_assert_int_eq(draft_list(db, "qian", d, 4, err, sizeof err), 1);
	ck_assert_int_eq(draft_load(db, "qian", d[0].id, &d[1], NULL, err, sizeof err), ST_ERROR);
	ck_assert_str_eq(err, "账号 qian 已停用，其草稿在账号重新启用前不能恢复或放弃");
	ck_assert_int_eq(draft_delete(db, "qian", d[0].id, 1, err, sizeof err), ST_ERROR);
	ck_assert_str_eq(tu_sql_text(path, "SELECT count(*) FROM drafts"), "1");
	/* another account is not offered it */
	ck_assert_int_eq(draft_list(db, "wang", d, 4, err, sizeof err), 0);

	/* enabled again: its next login offers the draft, which reopens as typed */
	ck_assert_int_eq(staff_set_disabled(db, &admin, "qian", 0, err, sizeof err), ST_OK);
	st_close(db);
	run_keys(&r, AS_RECEPTION "<Dump><Enter><Dump>", 80, 24);
	CONTAINS(&r, 0, "未保存的草稿");
	/* the true cause, which the draft recorded: not a broken connection */
	CONTAINS(&r, 0, "账号被停用、会话结束时，以下登记表有未保存的内容，已保留为草稿。");
	LACKS(&r, 0, "网络断线");
	CONTAINS(&r, 0, "来店(电)登记表");
	CONTAINS(&r, 1, "已恢复 2025-01-10 09:30 保留的草稿");
	CONTAINS(&r, 1, "张三");
	run_free(&r);
}
END_TEST

START_TEST(refusal_names_permission)
{
	struct run r;
	run_keys(&r, AS_RECEPTION "8<Dump>9<Dump>", 80, 24);
	/* the menu names whom to ask, over two lines at 80 columns */
	HAS_LINE(&r, 0, "权限不足：打开“使用日志”需要“查看使用日志”权限，前台没有。有此权限的是经理、");
	HAS_LINE(&r, 0, "管理员，请他们办理；如确需此权限，请管理员更改您的角色");
	CONTAINS(&r, 0, " desk4s │ 主菜单");
	/* the table needs no permission: everyone may read the rules */
	CONTAINS(&r, 1, " desk4s │ 权限表");
	CONTAINS(&r, 1, "您的角色：前台");
	run_free(&r);
	run_keys(&r, AS_ADMIN "0<Dump>", 80, 24);
	/* the administrator sets roles: not told to ask for one */
	HAS_LINE(&r, 0, "权限不足：打开“查找客户”需要“查看”权限，管理员没有。有此权限的是前台、");
	HAS_LINE(&r, 0, "销售顾问、服务顾问、经理，请他们办理");
	run_free(&r);
}
END_TEST

START_TEST(permissions_table)
{
	struct run r;
	run_keys(&r, AS_ADMIN "9<Dump><Up><Dump>", 80, 24);
	SCREEN_EQ(&r, 0,
	" desk4s │ 权限表                                               您的角色：管理员\n"
	" 每个角色能做什么：✓ 有此权限，— 没有。程序在每次操作前按此表检查。\n"
	"\n"
	" 权限            前台   销售顾问 服务顾问   经理    管理员   说明\n"
	" ──────────────────────────────────────────────────────────────────────────────\n"
	/* the help column cut with … (the line below gives the chosen row whole) */
	" 查看              ✓        ✓        ✓        ✓        —     打开客户档案和清…\n"
	" 新建              ✓        ✓        ✓        ✓        —     登记新客户、来店…\n"
	" 修改              ✓        ✓        ✓        ✓        —     修改已有记录（旧…\n"
	" 导出              —        —        —        ✓        —     把清单或客户资料…\n"
	" 打印              —        —        —        ✓        —     打印清单和报表\n"
	" 删除              —        —        —        ✓        —     注销（匿名化）客…\n"
	" 管理              —        —        —        —        ✓     管理员工账号和系…\n"
	" 查看全部A卡       ✓        —        —        ✓        —     查看所有顾问的A卡…\n"
	" 审核A卡           —        —        —        ✓        —     审核A卡（战败、休…\n"
	" 批准改名          —        —        —        ✓        —     批准客户姓名修改…\n"
	" 查看使用日志      —        —        —        ✓        ✓     查看使用日志（日…\n"
	" 完整手机号        ✓        ✓        ✓        ✓        —     清单和报表中显示…\n"
	" 完整证件号        —        —        —        ✓        —     清单和报表中显示…\n"
	"\n"
	" 查看：打开客户档案和清单（每次查看都记入使用日志）\n"
	"\n"
	"Esc 返回  F1 帮助\n"
	"\n"
	"员工：管理员（管理员）  日期：2025-01-10  数据库：ui.db\n");
	/* the chosen row's help in full below the table */
	HAS_LINE(&r, 1, " 完整证件号：清单和报表中显示完整证件号，否则显示 330106********2017");
	run_free(&r);
	/* wide enough for the help column */
	run_keys(&r, AS_MANAGER "9<Dump>", 120, 40);
	HAS_LINE(&r, 0, " 完整证件号        —        —        —        ✓        —     "
	                "清单和报表中显示完整证件号，否则显示 330106********2017");
	CONTAINS(&r, 0, "您的角色：经理");
	run_free(&r);
}
END_TEST

START_TEST(usage_log_shows_login)
{
	struct run r;
	run_keys(&r, AS_MANAGER "8<Dump><Tab><Tab>wang<Enter><Dump><Tab><Tab><Enter><Dump>", 80, 24);
	SCREEN_EQ(&r, 0,
	" desk4s │ 使用日志                                                         只读\n"
	" 从：[2025-01-10] 到：[2025-01-10] 员工：[          ] 客户编号：[            ]\n"
	" 日期 YYYY-MM-DD，留空不限；员工填登录名。Enter 查询；每次查询也记入使用日志。\n"
	" 时间                员工         操作         客户/A卡编号   详情\n"
	/* a detail cut says so: Enter shows it whole */
	" 2025-01-10 09:30:00 admin        账号变更                    创建首个管理员 a…\n"
	" 2025-01-10 09:30:00 admin        账号变更                    新建账号 wang（…\n"
	" 2025-01-10 09:30:00 admin        账号变更                    新建账号 qian（…\n"
	" 2025-01-10 09:30:00 wang         登录                        王经理（经理）\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	" 第 1 页，第 1–4 条。已是最后一页\n"
	"Tab 下一项  Enter 查询/详情  PgUp 上页  PgDn 下页  Esc 返回  F1 帮助\n"
	"\n"
	"员工：王经理（经理）  日期：2025-01-10  数据库：ui.db\n");
	/* by staff member: the login, and the first read of the log itself */
	CONTAINS(&r, 1, " 员工：[wang      ]");
	CONTAINS(&r, 1, " 2025-01-10 09:30:00 wang         登录                        王经理（经理）\n"
	                " 2025-01-10 09:30:00 wang         查看使用日志                条件：从 2025-01…");
	LACKS(&r, 1, "账号变更");
	/* Enter on the list: the whole entry, with the staff member's name */
	CONTAINS(&r, 2, "│ 员工：wang（王经理，经理）");
	CONTAINS(&r, 2, "│ 操作：登录");
	run_free(&r);
}
END_TEST

START_TEST(usage_log_pages)
{
	char err[512], no[32];
	struct st_db *db = open_db();
	for (int i = 1; i <= 20; i++) {
		snprintf(no, sizeof no, "C20250000%02d", i);
		ck_assert_int_eq(audit_append(db, "qian", "查看客户", no, "", err, sizeof err), ST_OK);
	}
	st_close(db);
	struct run r;
	/* 16 rows a page at 80x24 */
	run_keys(&r, AS_MANAGER "8<Dump><PgDn><Dump><PgDn><Dump><PgUp><Dump>", 80, 24);
	HAS_LINE(&r, 0, " 第 1 页，第 1–16 条。PgDn 下一页");
	HAS_LINE(&r, 1, " 第 2 页，第 17–25 条。已是最后一页，PgUp 上一页");
	CONTAINS(&r, 1, " 2025-01-10 09:30:00 qian         查看客户     C2025000020");
	/* nothing past the last page: PgDn stays */
	HAS_LINE(&r, 2, " 第 2 页，第 17–25 条。已是最后一页，PgUp 上一页");
	HAS_LINE(&r, 3, " 第 1 页，第 1–16 条。PgDn 下一页");
	run_free(&r);
}
END_TEST

/* The lookup list masks ID numbers for roles without 完整证件号, and each
 * opened record is one 查看客户 entry, however often the screen redraws. */
START_TEST(lookup_masks_and_logs_views)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	sqlite3 *s;
	ck_assert_int_eq(sqlite3_open(path, &s), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(s,
	                              "INSERT INTO customers(cust_no, nature, name, mobile, id_no) VALUES"
	                              " ('C2025000001', '个人', '张三', '13800138000', '110105194912310021')",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(s);
	struct run r;
	/* at 80 columns too, all 18 characters of the (masked) ID number */
	run_keys(&r, AS_RECEPTION "0张三<Dump><Enter><Dump><C-l><Dump><Esc><Enter><Esc><Esc>", 80, 24);
	CONTAINS(&r, 0, "C2025000001 张三          13800138000");
	CONTAINS(&r, 0, "110105********0021");
	LACKS(&r, 0, "110105194912310021");
	CONTAINS(&r, 1, "客户编号 C2025000001");
	run_free(&r);
	ck_assert_int_eq(log_count("查看客户", "C2025000001", "qian"), 2);
	/* a manager sees the whole number */
	run_keys(&r, AS_MANAGER "0张三<Dump>", 100, 30);
	CONTAINS(&r, 0, "110105194912310021");
	run_free(&r);
	ck_assert_int_eq(log_count("查看客户", "C2025000001", NULL), 2);
}
END_TEST

/* A message longer than the lines under the screen holds ends its last
 * line with "…", so a cut list of fields does not read as complete. */
START_TEST(a_message_cut_to_its_lines_says_so)
{
	char lines[4][256];
	const char *msg = "未保存。必填项未填：购车用途、行业、职务、家庭税前年收入、年龄段、家庭成员、驾龄、购车经历。";
	int n = uia_wrap(msg, 20, lines, 2);
	ck_assert_int_eq(n, 2);
	size_t len = strlen(lines[1]);
	ck_assert_msg(len >= 3 && strcmp(lines[1] + len - 3, "…") == 0, "%s", lines[1]);
	ck_assert_int_le(txt_width(lines[1]), 20);
	/* all of it fits in four: no mark */
	n = uia_wrap(msg, 40, lines, 4);
	ck_assert_int_eq(n, 3);
	ck_assert_ptr_null(strstr(lines[2], "…"));
}
END_TEST

/* A line of a message does not start with closing punctuation: the
 * character before it goes down with it. */
START_TEST(a_wrapped_line_does_not_start_with_a_comma)
{
	char lines[4][256];
	/* 12 cells hold 甲乙丙丁戊己; the comma after them would start line 2 */
	int n = uia_wrap("甲乙丙丁戊己，庚辛", 12, lines, 4);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(lines[0], "甲乙丙丁戊");
	ck_assert_str_eq(lines[1], "己，庚辛");
}
END_TEST

/* Only a manager approves a name change: the front desk is told when it
 * presses F3, before typing the request, not after. */
START_TEST(rename_is_refused_before_the_form)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	sqlite3 *s;
	ck_assert_int_eq(sqlite3_open(path, &s), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(s, "INSERT INTO customers(cust_no, nature, name, mobile) VALUES"
	                                 " ('C2025000001', '个人', '张三', '13800138000')", NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(s);
	struct run r;
	run_keys(&r, AS_RECEPTION "0张三<Enter><F3><Dump><Esc><Esc><Esc>", 80, 24);
	CONTAINS(&r, 0, "权限不足：前台没有“批准改名”权限");
	LACKS(&r, 0, "客户姓名修改申请");
	run_free(&r);
}
END_TEST

/* The customer 张三 (C2025000001), for the tests that open a record. */
static void add_customer(void)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	sqlite3 *s;
	ck_assert_int_eq(sqlite3_open(path, &s), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(s, "INSERT INTO customers(cust_no, nature, name, mobile) VALUES"
	                                 " ('C2025000001', '个人', '张三', '13800138000')", NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(s);
}

/* The sales consultant 赵销售 (zhao) and one A-card of theirs, A20250101-0001
 * (not in setup: their account's log line would move the usage-log pages). */
static void add_consultant_with_card(void)
{
	char err[512];
	struct st_db *db = open_db();
	struct staff_me admin;
	admin_me(db, &admin);
	ck_assert_msg(staff_add(db, &admin, "zhao", "赵销售", AUTH_SALES, "Zhao-pass-1", err, sizeof err) == ST_OK,
	              "%s", err);
	struct fdef_form *f = fdef_load("acard", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(acard_levels_apply(db, f, err, sizeof err), ST_OK);
	struct rec *r = rec_new(f);
	static const char *const kv[][2] = {
		{"card_no", "A20250101-0001"}, {"created_date", "2025-01-01"}, {"first_date", "2025-01-01"},
		{"consultant", "赵销售"}, {"name", "李四"}, {"mobile", "13900001111"}, {"want_model", "瑞虎8"},
		{"info_source", "网络"}, {"first_summary", "首次接待"}, {"level", "H"}, {"next_date", "2025-01-12"},
	};
	for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++) rec_set(r, kv[i][0], kv[i][1]);
	ck_assert_msg(acard_import(db, r, "admin", err, sizeof err) == ST_OK, "%s", err);
	rec_free(r);
	fdef_free(f);
	st_close(db);
}

/* CONTAINS and LACKS for screens of 160 lines, too long for check's
 * message: the line that shows the text, or only what is missing. */
#define TALL_CONTAINS(r, i, text) do { \
	ck_assert_int_gt((r)->n, (i)); \
	ck_assert_msg(strstr((r)->screens[i], text) != NULL, "screen %d lacks \"%s\"", (i), (text)); \
} while (0)
#define TALL_LACKS(r, i, text) do { \
	char lb_[1024]; \
	ck_assert_int_gt((r)->n, (i)); \
	ck_assert_msg(strstr((r)->screens[i], text) == NULL, "screen %d shows \"%s\": %s", (i), (text), \
	              line_with((r)->screens[i], text, lb_, sizeof lb_)); \
} while (0)

/* The key bar offers only what the role may do: the front desk's customer
 * sheet has no F3 改名 (only a manager approves a name change), the
 * manager's has; F3 pressed anyway is refused as before, and F1 names the
 * key left out with the permission it needs.  The locked name's message
 * does not send the front desk to F3 either. */
START_TEST(a_role_s_bar_lacks_the_keys_it_may_not_use)
{
	add_customer();
	struct run r;
	run_keys(&r, AS_RECEPTION "0张三<Enter><Dump><F3><Dump><F1><Dump><Esc><Tab><Tab><Tab>王<Dump><Esc><Esc><Esc>", 80, 24);
	CONTAINS(&r, 0, "客户编号 C2025000001");
	HAS_LINE(&r, 0, "Tab/Enter 下一项  Shift-Tab 上一项  F2/Ctrl-S 保存  Esc 返回  F1 帮助");
	LACKS(&r, 0, "F3");
	HAS_LINE(&r, 1, "权限不足：前台没有“批准改名”权限");
	LACKS(&r, 1, "客户姓名修改申请");
	/* the help of the sheet: the screen's keys, F3 only in the note */
	CONTAINS(&r, 2, " 【本画面的按键】\n");
	CONTAINS(&r, 2, "   F7                    下一辆车");
	LACKS(&r, 2, "姓名修改申请");
	/* the locked name sends the front desk to whoever may, not to F3 */
	HAS_LINE(&r, 3, "姓名不能直接修改：须请有“批准改名”权限的员工按 F3 提交姓名修改申请");
	run_free(&r);
	/* the rest of the help is beyond 24 lines: at 160 the sheet's part and the note */
	run_keys(&r, AS_RECEPTION "0张三<Enter><Resize 120x160><F1><Dump><Esc><Esc><Esc>", 80, 24);
	HAS_LINE(&r, 0, " （本角色无权使用：F3 改名，需“批准改名”权限）");
	TALL_LACKS(&r, 0, "   F3 ");
	run_free(&r);
	run_keys(&r, AS_MANAGER "0张三<Enter><Dump><Tab><Tab><Tab>王<Dump><F3><Dump><Esc><Esc><Esc><Esc>", 80, 24);
	HAS_LINE(&r, 0, "Tab/Enter 下一项  Shift-Tab 上一项  F2/Ctrl-S 保存  F3 改名  Esc 返回  F1 帮助");
	CONTAINS(&r, 1, "姓名不能直接修改：请按 F3 提交姓名修改申请");
	CONTAINS(&r, 2, "客户姓名修改申请");
	run_free(&r);
}
END_TEST

/* A sales consultant's help on their A-card list leaves out F8 审核 (the
 * manager's signature) and says so; their card's bar has no F8, and F8
 * pressed on it is refused naming 审核A卡.  The manager's help lists it. */
START_TEST(a_consultant_s_help_lacks_review)
{
	add_consultant_with_card();
	struct run r;
	/* 120x160: the whole help in two pages */
	run_keys(&r, AS_SALES "3<Dump><F1><Dump><PgDn><Dump><Esc><Enter><Dump><F8><Dump><Esc><Esc>", 120, 160);
	TALL_CONTAINS(&r, 0, "我的A卡（销售顾问 赵销售）");
	TALL_CONTAINS(&r, 0, "A20250101-0001");
	for (int i = 1; i <= 2; i++) TALL_LACKS(&r, i, "主管审核签字");
	HAS_LINE(&r, 1, " （本角色无权使用，以下未列出：F3 改名，需“批准改名”权限；F8 审核，需“审核A卡”权限）");
	/* nor the overview's keys: a consultant does not open it */
	HAS_LINE(&r, 1, " （本角色无权打开的画面，以下未列出：A卡总览，需“查看全部A卡”权限；使用日志，需“查看使用日志”权限）");
	for (int i = 1; i <= 2; i++) TALL_LACKS(&r, i, "【A卡总览");
	/* the 已结束 list's heading names no 待审核, the overview's view */
	for (int i = 1; i <= 2; i++) TALL_LACKS(&r, i, "待审核");
	ck_assert_msg(strstr(r.screens[1], " 【A卡列表：已结束】  其余同 A卡列表") ||
	              strstr(r.screens[2], " 【A卡列表：已结束】  其余同 A卡列表"),
	              "the consultant's help heads the 已结束 list's keys without 待审核");
	/* the list's own F8 (已结束) stays: the 销售顾问 may use it */
	TALL_CONTAINS(&r, 1, "   F8                    切换：已结束的 A卡");
	TALL_CONTAINS(&r, 3, "A卡 A20250101-0001  跟进中");
	HAS_LINE(&r, 3, "F2 保存  F5 访问记录  F6 成交  F7 战败  Esc 返回  F1 帮助");
	HAS_LINE(&r, 4, "权限不足：销售顾问没有“审核A卡”权限");
	TALL_LACKS(&r, 4, "A卡主管审核");
	run_free(&r);
	run_keys(&r, AS_MANAGER "3<F1><Dump><PgDn><Dump><Esc><Esc>", 120, 160);
	ck_assert_int_eq(r.n, 2);
	ck_assert_msg(strstr(r.screens[0], "   F8                    主管审核签字") ||
	                  strstr(r.screens[1], "   F8                    主管审核签字"),
	              "the manager's help lists F8 审核");
	TALL_LACKS(&r, 0, "本角色无权使用");
	run_free(&r);
}
END_TEST

/* F1's list of every screen's keys holds only the screens the role may
 * open, and one line names the rest with the permission each needs: the
 * administrator (no 查看) reads the menu's, the login's, the usage log's
 * and the permissions table's keys, not a sheet's, a repair order's or
 * the overview's; the front desk (no 查看使用日志) all but the usage
 * log's.  Before, every role read every screen's keys. */
START_TEST(the_all_keys_list_has_only_the_screens_the_role_opens)
{
	struct run r;
	run_keys(&r, AS_ADMIN "<F1><Dump><Resize 120x160><Dump><Esc>q", 80, 24);
	/* 66 rows: the front desk reads 309, the manager, who opens every
	 * screen, more */
	CONTAINS(&r, 0, " desk4s │ 帮助：按键一览                                             1–20 / 66\n");
	CONTAINS(&r, 0, " （本角色无权打开的画面，以下未列出：客户档案、查找客户、来店来电登记、\n"
	                " A卡跟进、客户投诉、维修工单、回访到期清单、未保存的草稿，需“查看”权限；\n"
	                " A卡总览，需“查看全部A卡”权限）\n");
	TALL_CONTAINS(&r, 1, " 【使用日志】");
	TALL_CONTAINS(&r, 1, "   Enter                 在筛选项：查询；在列表：显示整条记录\n");
	TALL_CONTAINS(&r, 1, " 【权限表】");
	TALL_CONTAINS(&r, 1, " 【登录】");
	TALL_LACKS(&r, 1, "【登记表】");
	TALL_LACKS(&r, 1, "F2 / Ctrl-S");
	TALL_LACKS(&r, 1, "【维修工单");
	TALL_LACKS(&r, 1, "开新工单");
	TALL_LACKS(&r, 1, "【A卡");
	TALL_LACKS(&r, 1, "主管审核签字");
	/* F3 and F8 are on screens it does not open: not "无权使用" either */
	TALL_LACKS(&r, 1, "本角色无权使用");
	run_free(&r);
	run_keys(&r, AS_RECEPTION "<F1><Dump><Resize 120x160><Dump><PgDn><Dump><Esc>q", 80, 24);
	CONTAINS(&r, 0, " desk4s │ 帮助：按键一览                                            1–20 / 309\n");
	CONTAINS(&r, 0, " （本角色无权打开的画面，以下未列出：使用日志，需“查看使用日志”权限）\n");
	for (int i = 1; i <= 2; i++) {
		TALL_LACKS(&r, i, "【使用日志】");
		TALL_LACKS(&r, i, "在筛选项：查询");
	}
	/* what 查看 and 查看全部A卡 open stays */
	ck_assert_msg(strstr(r.screens[1], " 【维修工单列表】") || strstr(r.screens[2], " 【维修工单列表】"),
	              "the front desk's help lists the repair orders' keys");
	ck_assert_msg(strstr(r.screens[1], " 【A卡总览（经理）】") || strstr(r.screens[2], " 【A卡总览（经理）】"),
	              "the front desk's help lists the overview's keys");
	ck_assert_msg(strstr(r.screens[1], " 【权限表】") || strstr(r.screens[2], " 【权限表】"),
	              "the front desk's help lists the permissions table's keys");
	run_free(&r);
}
END_TEST

/* F1 on the login screen names the keys that edit its entries (they edit
 * as the lookup's do; its help named only Tab, Shift-Tab, Enter, F10 and
 * ↑ ↓ as 上移 / 下移), that ↑ ↓ go from field to field, and that Esc does
 * nothing there.  The keys it names work: a login typed with them. */
START_TEST(the_login_help_names_its_editing_keys)
{
	struct run r;
	run_keys(&r, "<F1><Dump><Esc>xwangy<BS><Home><Del><Left><Right><End><Down>Wang-pass-1<Up><Down><Enter><Dump>",
	         80, 24);
	HAS_LINE(&r, 0, " 【本画面的按键】");
	HAS_LINE(&r, 0, "   Tab / ↓               下一项");
	HAS_LINE(&r, 0, "   Shift-Tab / ↑         上一项");
	HAS_LINE(&r, 0, "   ←                     光标左移一个字");
	HAS_LINE(&r, 0, "   →                     光标右移一个字");
	HAS_LINE(&r, 0, "   Home                  到行首");
	HAS_LINE(&r, 0, "   End                   到行尾");
	HAS_LINE(&r, 0, "   Backspace             删除前一个字");
	HAS_LINE(&r, 0, "   Del                   删除光标处的字");
	HAS_LINE(&r, 0, "   Ctrl-U                删除光标前的全部内容（在行尾即清空本项）");
	HAS_LINE(&r, 0, "   Esc                   不起作用：登录画面没有上一画面；退出请按 F10");
	LACKS(&r, 0, "上移");
	HAS_LINE(&r, 1, "员工：王经理（经理）  日期：2025-01-10  数据库：ui.db");
	run_free(&r);
	/* Ctrl-U empties the login typed wrong */
	run_keys(&r, "zhang<C-u>wang<Tab>Wang-pass-1<Enter><Dump>", 80, 24);
	HAS_LINE(&r, 0, "员工：王经理（经理）  日期：2025-01-10  数据库：ui.db");
	run_free(&r);
}
END_TEST

/* F1 on the usage log names its filter's editing keys (its help lacked
 * them) and its paging keys, and says what the editing keys and ↑ ↓ act
 * on; ↓ on a filter goes to the list. */
/* An A-card's entries are filed under the card's number, which the list
 * shows whole (cut to A20250110-…, every card of a day read alike) and the
 * entry names as A卡编号, not 客户编号. */
START_TEST(the_log_shows_an_a_card_s_number_whole)
{
	char err[512];
	struct st_db *db = open_db();
	ck_assert_msg(audit_append(db, "qian", "新建A卡", "A20250110-0012", "A卡 A20250110-0012，张三", err,
	                           sizeof err) == ST_OK, "%s", err);
	st_close(db);
	struct run r;
	run_keys(&r, AS_MANAGER "8<Dump><Down><Down><Down><Down><Enter><Dump><Esc><Esc>", 80, 24);
	CONTAINS(&r, 0, " 2025-01-10 09:30:00 qian         新建A卡      A20250110-0012 A卡 A20250110-00…\n");
	CONTAINS(&r, 1, "A卡编号：A20250110-0012");
	LACKS(&r, 1, "客户编号：A");
	run_free(&r);
}
END_TEST

START_TEST(the_log_help_names_its_filter_and_paging_keys)
{
	struct run r;
	run_keys(&r, AS_MANAGER "8<F1><Dump><Esc><Esc>", 80, 40);
	HAS_LINE(&r, 0, "   PgUp                  上一页");
	HAS_LINE(&r, 0, "   PgDn                  下一页");
	HAS_LINE(&r, 0, "   Enter                 在筛选项：查询；在列表：显示整条记录");
	HAS_LINE(&r, 0, "   ←                     光标左移一个字");
	HAS_LINE(&r, 0, "   Backspace             删除前一个字");
	HAS_LINE(&r, 0, "   Ctrl-U                删除光标前的全部内容（在行尾即清空本项）");
	CONTAINS(&r, 0, "   筛选栏                直接输入；光标键和删除键只作用于筛选栏。\n"
	                "                         ↑ ↓ 选择列表中的记录，在筛选栏按 ↓ 到列表\n");
	run_free(&r);
	/* ↓ on a filter goes to the list (it moved a selection shown only
	 * there): Enter then shows the entry, not the query again */
	run_keys(&r, AS_MANAGER "8<Down><Enter><Dump><Esc><Esc>", 80, 24);
	CONTAINS(&r, 0, "─ 使用日志 第 ");
	CONTAINS(&r, 0, "Enter / Esc 返回");
	run_free(&r);
	/* Ctrl-U empties 从 (its date filled in): the query then has no start */
	run_keys(&r, AS_MANAGER "8<C-u><Enter><Dump><Esc>", 80, 24);
	CONTAINS(&r, 0, "从：[          ]");
	run_free(&r);
}
END_TEST

/* The menu dims what the role may not open, the overview too for a
 * consultant (it was bright, and refused only once opened); chosen, a
 * dimmed entry names the permission, who holds it and whom to ask, and
 * F1 on the menu says what dimmed means. */
START_TEST(a_dimmed_entry_says_whom_to_ask)
{
	add_consultant_with_card();
	struct run r;
	run_keys(&r, AS_SALES "6<Dump><F1><Dump><Esc>q", 80, 24);
	HAS_LINE(&r, 0, "权限不足：打开“A卡总览”需要“查看全部A卡”权限，销售顾问没有。有此权限的是前台、");
	HAS_LINE(&r, 0, "经理，请他们办理；如确需此权限，请管理员更改您的角色");
	CONTAINS(&r, 0, " desk4s │ 主菜单");
	HAS_LINE(&r, 1, "   灰色的菜单项          本角色无权打开：仍可选中，选中时说明缺少哪项权限、");
	HAS_LINE(&r, 1, "   0–9                   直接打开菜单项前的数字对应的画面");
	run_free(&r);
}
END_TEST

/* The keys a key script can press that the help names, with those names. */
static const struct { int kind; int ch; const char *name; } named_keys[] = {
	{OK, '\t', "Tab"}, {KEY_CODE_YES, KEY_BTAB, "Shift-Tab"}, {OK, '\r', "Enter"}, {OK, 27, "Esc"},
	{KEY_CODE_YES, KEY_F(2), "F2"}, {KEY_CODE_YES, KEY_F(3), "F3"}, {KEY_CODE_YES, KEY_F(4), "F4"},
	{KEY_CODE_YES, KEY_F(5), "F5"}, {KEY_CODE_YES, KEY_F(6), "F6"}, {KEY_CODE_YES, KEY_F(7), "F7"},
	{KEY_CODE_YES, KEY_F(8), "F8"}, {KEY_CODE_YES, KEY_F(10), "F10"}, {OK, 19, "Ctrl-S"}, {OK, 21, "Ctrl-U"},
	{KEY_CODE_YES, KEY_UP, "↑"}, {KEY_CODE_YES, KEY_DOWN, "↓"}, {KEY_CODE_YES, KEY_LEFT, "←"},
	{KEY_CODE_YES, KEY_RIGHT, "→"}, {KEY_CODE_YES, KEY_HOME, "Home"}, {KEY_CODE_YES, KEY_END, "End"},
	{KEY_CODE_YES, KEY_BACKSPACE, "Backspace"}, {KEY_CODE_YES, KEY_DC, "Del"}, {OK, ' ', "Space"},
	{KEY_CODE_YES, KEY_PPAGE, "PgUp"}, {KEY_CODE_YES, KEY_NPAGE, "PgDn"}, {OK, 'q', "q"},
};

/* 1 when a line of the screen's help names the key in its key column
 * ("  Tab / ↓               下一项"). */
static int help_names(char **lines, int n, const char *name)
{
	for (int i = 1; i < n; i++) {
		if (strncmp(lines[i], "  ", 2) != 0) continue;
		const char *col = lines[i] + 2, *end = strstr(col, "  ");
		size_t len = end ? (size_t)(end - col) : strlen(col), nl = strlen(name);
		for (const char *p = col; p + nl <= col + len; p++)
			if (strncmp(p, name, nl) == 0 && (p == col || strncmp(p - 3, " / ", 3) == 0) &&
			    (p + nl == col + len || strncmp(p + nl, " / ", 3) == 0))
				return 1;
	}
	return 0;
}

/* 1 when the key bar names the key: "Enter 选定  F2/Ctrl-S 保存" names
 * Enter, F2 and Ctrl-S. */
static int bar_names(const char *bar, const char *name)
{
	size_t nl = strlen(name);
	for (const char *p = bar; (p = strstr(p, name)) != NULL; p += nl) {
		int starts = p == bar || strncmp(p - 2, "  ", 2) == 0 || p[-1] == '/';
		if (starts && (p[nl] == ' ' || p[nl] == '/')) return 1;
	}
	return 0;
}

/* Every screen's F1 against what its loop handles, walking the scopes:
 * each key the screen's scopes dispatch is named in its help; each key
 * its entries edit with though another scope's table (the login's and
 * the usage log's entries ask UIK_LIST, the due list's dates UIK_FORM)
 * is named too — those were the keys missing; and each key the help
 * names is one the screen dispatches, save one it says does nothing; each
 * key its bar names is dispatched too.  The lookup, the pick lists and
 * 找车 each have their own (F4 is the lookup's and 找车's, not a pick
 * list's). */
START_TEST(every_screen_s_help_names_the_keys_it_handles)
{
	static const struct { const char *screen; uik_scopes scopes, edits; } screens[] = {
		{"主菜单", UIK_MENU, 0}, {"登录", UIK_LOGIN, UIK_LIST}, {"使用日志", UIK_AUDIT, UIK_LIST},
		{"权限表", UIK_PERMS, 0}, {"未保存的草稿", UIK_DRAFTS, 0}, {"查找客户", UIK_LIST | UIK_LOOKUP, 0},
		{"查找并选定客户", UIK_LIST | UIK_LOOKUP | UIK_LOOKPICK, 0}, {"选择列表", UIK_PICK | UIK_LIST, 0},
		{"找车开单", UIK_LIST | UIK_CAR, 0}, {"来店(电)登记", UIK_VLIST, 0},
		{"来店(电)登记表", UIK_FORM | UIK_VSHEET, 0}, {"来电的登记表", UIK_FORM | UIK_VSHEET | UIK_VCALL, 0},
		{"我的A卡", UIK_ALIST, 0}, {"已结束的A卡", UIK_ALIST | UIK_AENDED, 0},
		{"A卡总览", UIK_ALIST | UIK_AMGR | UIK_AGRID, 0}, {"待审核", UIK_ALIST | UIK_AMGR | UIK_AWAIT, 0},
		{"A卡", UIK_FORM | UIK_ASHEET, 0}, {"客户投诉", UIK_CLIST, 0}, {"投诉记录", UIK_FORM | UIK_CSHEET, 0},
		{"客户档案", UIK_FORM | UIK_CUST, 0}, {"新客户", UIK_FORM, 0}, {"维修工单列表", UIK_WO, 0}, {"历史工单", UIK_WOHIST, 0},
		{"新工单", UIK_FORM | UIK_WOSHEET | UIK_WONEW, 0}, {"在修工单", UIK_FORM | UIK_WOSHEET | UIK_WOOPEN, 0},
		{"已完工工单", UIK_FORM | UIK_WOSHEET | UIK_WODONE, 0},
		{"已取消工单", UIK_FORM | UIK_WOSHEET | UIK_WOVOID, 0},
		{"回访到期清单", UIK_DUE | UIK_DUETASK, UIK_FORM}, {"回访（别人负责）", UIK_DUE, UIK_FORM},
		/* dialogs, questions, the first start, a pick list over a sheet */
		{"一项的小窗口", UIK_DLG1, 0}, {"小窗口", UIK_FORM | UIK_DLG, 0}, {"问题框", UIK_ASK, 0},
		{"首次启动", UIK_LOGIN | UIK_FIRST, UIK_LIST}, {"登记表上的选择列表", UIK_PICK | UIK_PICKFORM | UIK_LIST, 0},
	};
	static const enum uik_req editing[] = {UIR_LEFT, UIR_RIGHT, UIR_HOME, UIR_END, UIR_BS, UIR_DEL, UIR_KILL};
	for (size_t s = 0; s < sizeof screens / sizeof screens[0]; s++) {
		char *lines[200];
		int n = uik_screen_help_lines(screens[s].scopes, UIK_NOBODY, lines, 200);
		ck_assert_int_gt(n, 1);
		for (size_t k = 0; k < sizeof named_keys / sizeof named_keys[0]; k++) {
			struct uik_key key = {named_keys[k].kind, (wint_t)named_keys[k].ch};
			enum uik_req r = uik_request(screens[s].scopes, &key);
			int edits = 0;
			if (screens[s].edits) {
				enum uik_req e = uik_request(screens[s].edits, &key);
				for (size_t i = 0; i < sizeof editing / sizeof editing[0]; i++) edits |= e == editing[i];
			}
			/* the bar names only keys that do something there */
			char bar[512];
			uik_hints(screens[s].scopes, UIK_NOBODY, bar, sizeof bar);
			ck_assert_msg(!bar_names(bar, named_keys[k].name) || r != UIR_NONE,
			              "%s: its bar names %s, which it does not dispatch", screens[s].screen,
			              named_keys[k].name);
			int named = help_names(lines, n, named_keys[k].name);
			ck_assert_msg(named || (r == UIR_NONE && !edits), "%s: %s is handled, its help does not name it",
			              screens[s].screen, named_keys[k].name);
			if (!named || r != UIR_NONE || edits) continue;
			/* named, and dispatched nowhere: only as doing nothing */
			int nothing = 0;
			for (int i = 1; i < n; i++)
				nothing |= strstr(lines[i], named_keys[k].name) && strstr(lines[i], "不起作用");
			ck_assert_msg(nothing, "%s: its help names %s, which does nothing there", screens[s].screen,
			              named_keys[k].name);
		}
		uik_free_lines(lines, n);
	}
}
END_TEST

/* A question's F1 names each answer its box offers, once, and Esc once:
 * as the box names it, or as the N it is taken for; Enter does nothing
 * unless the question takes it. */
START_TEST(a_question_s_help_names_its_answers)
{
	static const struct { const char *answers, *keys, *esc, *enter; } qs[] = {
		{"Y 放弃修改并返回      N 继续编辑", "YN", "同 N：继续编辑", "不起作用"},
		{"F 现在填写      S 仍然保存      Esc 返回", "FS", "返回", "不起作用"},
		{"O 打开该客户档案（本页不保存）   S 共用号码，仍然保存   Esc 返回修改", "OS", "返回修改", "不起作用"},
		{"U 车辆档案改为 浙A12345      N 返回改正车牌号", "UN", "同 N：返回改正车牌号", "不起作用"},
		{"Enter / Esc 返回", "\r", "返回", "返回"},
	};
	for (size_t q = 0; q < sizeof qs / sizeof qs[0]; q++) {
		char *lines[40];
		int n = uik_ask_help_lines(qs[q].answers, qs[q].keys, UIK_NOBODY, lines, 40);
		ck_assert_int_gt(n, 3);
		ck_assert_str_eq(lines[0], "【本问题的按键】");
		int esc = 0, enter = 0, f1 = 0;
		for (int i = 1; i < n; i++) {
			if (strstr(lines[i], "Esc")) {
				esc++;
				ck_assert_msg(strstr(lines[i], qs[q].esc), "%s", lines[i]);
			}
			if (strstr(lines[i], "Enter")) {
				enter++;
				ck_assert_msg(strstr(lines[i], qs[q].enter), "%s", lines[i]);
			}
			f1 += strncmp(lines[i], "  F1 ", 5) == 0;
		}
		ck_assert_int_eq(esc, 1);
		ck_assert_int_eq(enter, 1);
		ck_assert_int_eq(f1, 1);
		for (const char *k = qs[q].keys; *k; k++) {
			if (*k == '\r') continue;
			char want[8];
			snprintf(want, sizeof want, "  %c ", *k);
			int named = 0;
			for (int i = 1; i < n; i++) named += strncmp(lines[i], want, strlen(want)) == 0;
			ck_assert_msg(named == 1, "%s: %c named %d times", qs[q].answers, *k, named);
		}
		uik_free_lines(lines, n);
	}
}
END_TEST

/* The filter is the permission table's: for every role, a key whose action
 * needs a permission is in the bar and the help exactly when auth_can says
 * the role holds it; before a login nothing is left out. */
START_TEST(the_offered_keys_follow_the_permission_table)
{
	static const struct { uik_scopes scopes; enum uik_req req; const char *hint; enum auth_perm p; } keys[] = {
		{UIK_FORM | UIK_CUST, UIR_RENAME, "F3 改名", AUTH_APPROVE_RENAME},
		{UIK_FORM | UIK_ASHEET | UIK_AREVIEW, UIR_REVIEW, "F8 审核", AUTH_REVIEW_ACARD},
		{UIK_FORM | UIK_AWON | UIK_AREVIEW, UIR_REVIEW, "F8 审核", AUTH_REVIEW_ACARD},
		{UIK_FORM | UIK_ALOST | UIK_AREVIEW, UIR_REVIEW, "F8 审核", AUTH_REVIEW_ACARD},
	};
	/* the screens of the all-keys list and what opening each needs, as
	 * the menu and the screens ask (-1: nothing) */
	static const struct { const char *title; int p; } screens[] = {
		{"【主菜单】", -1}, {"【登录】", -1}, {"【权限表】", -1},
		{"【登记表】", AUTH_VIEW}, {"【客户档案登记表】", AUTH_VIEW}, {"【来店(电)登记表】", AUTH_VIEW},
		{"【A卡列表】", AUTH_VIEW}, {"【维修工单列表】", AUTH_VIEW}, {"【回访到期清单】", AUTH_VIEW},
		{"【客户投诉】", AUTH_VIEW}, {"【未保存的草稿】", AUTH_VIEW},
		{"【A卡总览（经理）】", AUTH_ALL_ACARDS}, {"【A卡总览的统计表】", AUTH_ALL_ACARDS},
		{"【使用日志】", AUTH_READ_LOG},
	};
	for (int role = UIK_NOBODY; role < AUTH_NROLES; role++) {
		char *lines[400];
		int n = uik_help_lines(role, lines, 400);
		int closed = 0;
		for (size_t k = 0; k < sizeof screens / sizeof screens[0]; k++) {
			int may = role == UIK_NOBODY || screens[k].p < 0 ||
			          auth_can((enum auth_role)role, (enum auth_perm)screens[k].p);
			int listed = 0;
			for (int i = 0; i < n; i++) listed |= strncmp(lines[i], screens[k].title, strlen(screens[k].title)) == 0;
			ck_assert_msg(listed == may, "role %d: %s %s", role, screens[k].title, listed ? "listed" : "left out");
			closed |= !may;
		}
		int told = 0;
		for (int i = 0; i < n; i++) told |= strstr(lines[i], "本角色无权打开的画面") != NULL;
		ck_assert_int_eq(told, closed);
		int review = 0, rename = 0;
		for (int i = 0; i < n; i++) {
			review |= strstr(lines[i], "主管审核签字") != NULL;
			rename |= strstr(lines[i], "姓名修改申请") != NULL;
		}
		uik_free_lines(lines, n);
		/* a role that may not open the screen holding the key is told
		 * of the screen, not the key (a 管理员 reads no sheet's keys) */
		int may_view = role == UIK_NOBODY || auth_can((enum auth_role)role, AUTH_VIEW);
		int may_review = may_view && (role == UIK_NOBODY || auth_can((enum auth_role)role, AUTH_REVIEW_ACARD));
		int may_rename = may_view && (role == UIK_NOBODY || auth_can((enum auth_role)role, AUTH_APPROVE_RENAME));
		ck_assert_int_eq(review, may_review);
		ck_assert_int_eq(rename, may_rename);
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			char bar[512];
			uik_hints(keys[k].scopes, role, bar, sizeof bar);
			int may = role == UIK_NOBODY || auth_can((enum auth_role)role, keys[k].p);
			ck_assert_msg((strstr(bar, keys[k].hint) != NULL) == may, "role %d: %s", role, bar);
			ck_assert_int_eq(uik_may(keys[k].req, role), may);
			n = uik_screen_help_lines(keys[k].scopes, role, lines, 400);
			int said = 0, noted = 0;
			for (int i = 0; i < n; i++) {
				said |= strncmp(lines[i], "  F", 3) == 0 && strstr(lines[i], keys[k].req == UIR_RENAME ? "姓名修改申请" : "主管审核签字");
				noted |= strstr(lines[i], "本角色无权使用") != NULL;
			}
			uik_free_lines(lines, n);
			ck_assert_int_eq(said, may);
			ck_assert_int_eq(noted, !may);
		}
	}
}
END_TEST

Suite *ui_login_suite(void)
{
	Suite *s = suite_create("ui_login");
	TCase *first = tcase_create("first_start");
	tcase_add_checked_fixture(first, setup_empty, teardown);
	tcase_set_timeout(first, 60);
	tcase_add_test(first, first_start_creates_admin);
	suite_add_tcase(s, first);
	TCase *tc = tcase_create("login");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, login_stars_and_status_line);
	tcase_add_test(tc, login_120x40);
	tcase_add_test(tc, wrong_password);
	tcase_add_test(tc, lockout_after_five);
	tcase_add_test(tc, disabled_account_refused);
	tcase_add_test(tc, session_ends_at_next_action);
	tcase_add_test(tc, a_disabled_session_keeps_its_typing_as_a_draft);
	tcase_add_test(tc, refusal_names_permission);
	tcase_add_test(tc, permissions_table);
	tcase_add_test(tc, usage_log_shows_login);
	tcase_add_test(tc, usage_log_pages);
	tcase_add_test(tc, lookup_masks_and_logs_views);
	tcase_add_test(tc, a_message_cut_to_its_lines_says_so);
	tcase_add_test(tc, a_wrapped_line_does_not_start_with_a_comma);
	tcase_add_test(tc, rename_is_refused_before_the_form);
	tcase_add_test(tc, a_role_s_bar_lacks_the_keys_it_may_not_use);
	tcase_add_test(tc, a_consultant_s_help_lacks_review);
	tcase_add_test(tc, the_offered_keys_follow_the_permission_table);
	tcase_add_test(tc, the_all_keys_list_has_only_the_screens_the_role_opens);
	tcase_add_test(tc, the_login_help_names_its_editing_keys);
	tcase_add_test(tc, the_log_help_names_its_filter_and_paging_keys);
	tcase_add_test(tc, the_log_shows_an_a_card_s_number_whole);
	tcase_add_test(tc, a_dimmed_entry_says_whom_to_ask);
	tcase_add_test(tc, every_screen_s_help_names_the_keys_it_handles);
	tcase_add_test(tc, a_question_s_help_names_its_answers);
	suite_add_tcase(s, tc);
	return s;
}
