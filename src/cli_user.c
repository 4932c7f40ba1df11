/* cli_user — staff accounts from the command line.  On a database without
 * accounts, `user add LOGIN --role 管理员` creates the first administrator
 * without logging in; after that every subcommand logs in as --user. */
#include <stdio.h>
#include <string.h>
#include "desk4s/cli_user.h"
#include "desk4s/text.h"

/* The new account's password: typed twice on a terminal, or the next line
 * of --password-fd (after the acting user's own). */
static int new_password(const struct cli *c, char *pw, size_t pwsz)
{
	int rc = cli_read_password(c, "新密码：", pw, pwsz);
	if (rc || c->password_fd >= 0)
		return rc;
	char again[AUTH_PW_MAX];
	rc = cli_read_password(c, "再输入一次新密码：", again, sizeof again);
	int same = rc == 0 && strcmp(pw, again) == 0;
	auth_wipe(again, sizeof again);
	if (rc)
		return rc;
	if (!same) {
		cli_error("两次输入的新密码不一致，账号未改动");
		return CLI_REFUSED;
	}
	return CLI_OK;
}

static int add(const struct cli *c, struct st_db *db)
{
	const char *login = NULL, *name = NULL, *role = NULL;
	struct cli_seen seen = { 0 };
	for (int i = 2; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (strcmp(a, "--role") == 0 || strcmp(a, "--name") == 0) {
			if (++i == c->argc)
				return cli_usage_error("%s 需要一个参数", a);
			if (cli_once(&seen, a, c->argv[i]))
				return CLI_USAGE;
			*(a[2] == 'r' ? &role : &name) = c->argv[i];
		} else if (a[0] == '-') {
			return cli_usage_error("user add：未知选项 %s", a);
		} else if (login) {
			return cli_usage_error("user add：多余的参数 %s", a);
		} else {
			login = a;
		}
	}
	if (!login || !role)
		return cli_usage_error("用法：desk4s user add 登录名 --role 角色 [--name 姓名]"
		                       "（角色：前台、销售顾问、服务顾问、经理、管理员）");
	int r = auth_role_parse(role);
	if (r < 0)
		return cli_usage_error("--role：未知角色“%s”（可用：前台、销售顾问、服务顾问、经理、管理员）", role);
	int64_t n = staff_count(db);
	if (n < 0) {
		cli_error("读取员工账号失败");
		return CLI_FILE;
	}
	struct staff_me me;
	if (n > 0) {
		int rc = cli_login(c, db, &me);
		if (rc || (rc = cli_require(db, &me, AUTH_ADMINISTER)))
			return rc;
	} else if (r != AUTH_ADMIN) {
		cli_error("数据库还没有员工账号：第一个账号必须是管理员（--role 管理员）");
		return CLI_REFUSED;
	}
	char pw[AUTH_PW_MAX], err[512];
	int rc = new_password(c, pw, sizeof pw);
	if (rc)
		return rc;
	enum st_status st = n > 0 ? staff_add(db, &me, login, name, (enum auth_role)r, pw, err, sizeof err)
	                          : staff_first_admin(db, login, name, pw, &me, err, sizeof err);
	auth_wipe(pw, sizeof pw);
	if (st == ST_OK)
		printf("已创建%s账号 %s（%s）。\n", n > 0 ? "" : "首个管理员", login, role);
	return cli_status(st, err);
}

static int one_login(const struct cli *c, const char *what)
{
	if (c->argc != 3)
		return cli_usage_error("用法：desk4s --user 管理员 user %s 登录名", what);
	return CLI_OK;
}

static int list_one(void *ctx, const struct staff_info *s)
{
	FILE *held = ctx;
	char name[64], state[64];
	txt_pad(name, sizeof name, s->name, 12, 1);
	if (s->disabled)
		snprintf(state, sizeof state, "停用");
	else if (s->locked_until[0])
		snprintf(state, sizeof state, "锁定至 %s", s->locked_until);
	else
		snprintf(state, sizeof state, "启用");
	char role[32];
	txt_pad(role, sizeof role, auth_role_name(s->role), 8, 1);
	fprintf(held, "%-16s %s %s %s  %s\n", s->login, name, role, s->created_at, state);
	return 0;
}

/* user name LOGIN NAME: a new 姓名 for an account (marriage, a typo when
 * it was made); 管理员 only, as user role.  staff_rename says what follows
 * the person and what keeps the old name. */
static int user_name(const struct cli *c)
{
	if (c->argc != 4)
		return cli_usage_error("用法：desk4s --user 管理员 user name 登录名 新姓名");
	struct st_db *db;
	int rc = cli_open_db(c, &db);
	if (rc)
		return rc;
	struct staff_me me = { 0 };
	rc = cli_login(c, db, &me);
	if (!rc)
		rc = cli_require(db, &me, AUTH_ADMINISTER);
	if (!rc) {
		struct staff_info before;
		char err[512] = "";
		enum st_status st = staff_get(db, c->argv[2], &before, err, sizeof err);
		if (st == ST_OK)
			st = staff_rename(db, &me, c->argv[2], c->argv[3], err, sizeof err);
		if (st == ST_OK) {
			struct staff_info after;
			if (staff_get(db, c->argv[2], &after, err, sizeof err) == ST_OK)
				printf("账号 %s 的姓名已由 %s 改为 %s；跟进中的A卡和在修工单随之改名，"
				       "已结束的记录保留原姓名；已登录的会话在下一次操作时显示新姓名。\n",
				       c->argv[2], *before.name ? before.name : c->argv[2], after.name);
		}
		rc = cli_status(st, err);
	}
	return cli_end(db, rc);
}

int cliuser_user(const struct cli *c)
{
	static const char usage[] = "user 需要子命令：add、disable、enable、passwd、role、name、list";
	if (c->argc < 2)
		return cli_usage_error("%s", usage);
	const char *sub = c->argv[1];
	if (strcmp(sub, "name") == 0)
		return user_name(c);
	int known = 0;
	static const char *const subs[] = { "add", "disable", "enable", "passwd", "role", "list" };
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		known |= strcmp(sub, subs[i]) == 0;
	if (!known)
		return cli_usage_error("user：未知子命令“%s”（%s）", sub, usage + strlen("user 需要子命令："));
	if (strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0) {
		int rc = one_login(c, sub);
		if (rc)
			return rc;
	} else if (strcmp(sub, "role") == 0 && c->argc != 4) {
		return cli_usage_error("用法：desk4s --user 管理员 user role 登录名 角色");
	} else if (strcmp(sub, "passwd") == 0 && c->argc > 3) {
		return cli_usage_error("用法：desk4s --user 登录名 user passwd [登录名]");
	} else if (strcmp(sub, "list") == 0 && c->argc > 2) {
		return cli_usage_error("user list：多余的参数 %s", c->argv[2]);
	}
	int role = -1;
	if (strcmp(sub, "role") == 0 && (role = auth_role_parse(c->argv[3])) < 0)
		return cli_usage_error("未知角色“%s”（可用：前台、销售顾问、服务顾问、经理、管理员）", c->argv[3]);

	struct st_db *db;
	int rc = cli_open_db(c, &db);
	if (rc)
		return rc;
	if (strcmp(sub, "add") == 0) {
		rc = add(c, db);
		st_close(db);
		return rc;
	}
	/* a list only reads: it goes on beside another terminal's long write */
	if (strcmp(sub, "list") == 0)
		cli_reading_as(db, "账号列表");
	struct staff_me me = { 0 };
	rc = cli_login(c, db, &me);
	const char *target = c->argc > 2 ? c->argv[2] : me.login;
	/* one's own password needs no 管理 */
	int own = strcmp(sub, "passwd") == 0 && strcmp(target, me.login) == 0;
	if (!rc && !own)
		rc = cli_require(db, &me, AUTH_ADMINISTER);
	char err[512] = "";
	if (!rc) {
		enum st_status st = ST_OK;
		if (strcmp(sub, "list") == 0) {
			/* shown only once the login reading it is logged: a stop
			 * in the wait for the log has shown nothing */
			FILE *held = cli_held_open();
			if (!held)
				return cli_end(db, CLI_FILE);
			st = staff_list(db, &me, list_one, held, err, sizeof err);
			if (st == ST_OK && (rc = cli_log_now(db)) == CLI_OK)
				rc = cli_held_print(held);
			else
				fclose(held);
		} else if (strcmp(sub, "passwd") == 0) {
			char pw[AUTH_PW_MAX];
			rc = new_password(c, pw, sizeof pw);
			if (!rc)
				st = staff_set_password(db, &me, target, pw, err, sizeof err);
			auth_wipe(pw, sizeof pw);
			if (!rc && st == ST_OK)
				printf("账号 %s 的密码已修改。\n", target);
		} else if (strcmp(sub, "role") == 0) {
			st = staff_set_role(db, &me, target, (enum auth_role)role, err, sizeof err);
			if (st == ST_OK)
				printf("账号 %s 的角色已改为 %s。\n", target, c->argv[3]);
		} else {
			int off = strcmp(sub, "disable") == 0;
			st = staff_set_disabled(db, &me, target, off, err, sizeof err);
			if (st == ST_OK)
				printf("账号 %s 已%s。\n", target, off ? "停用；其已打开的会话在下一次操作时结束" : "启用");
		}
		if (!rc)
			rc = cli_status(st, err);
	}
	return cli_end(db, rc);
}

int cliuser_permissions(const struct cli *c)
{
	if (c->argc > 1)
		return cli_usage_error("permissions：多余的参数 %s", c->argv[1]);
	char cell[64];
	txt_pad(cell, sizeof cell, "权限", 14, 1);
	fputs(cell, stdout);
	for (int r = 0; r < AUTH_NROLES; r++) {
		txt_pad(cell, sizeof cell, auth_role_name((enum auth_role)r), 10, 1);
		fputs(cell, stdout);
	}
	fputs("说明\n", stdout);
	for (int p = 0; p < AUTH_NPERMS; p++) {
		txt_pad(cell, sizeof cell, auth_perm_name((enum auth_perm)p), 14, 1);
		fputs(cell, stdout);
		for (int r = 0; r < AUTH_NROLES; r++) {
			txt_pad(cell, sizeof cell, auth_can((enum auth_role)r, (enum auth_perm)p) ? "✓" : "—", 10, 1);
			fputs(cell, stdout);
		}
		printf("%s\n", auth_perm_help((enum auth_perm)p));
	}
	return CLI_OK;
}
