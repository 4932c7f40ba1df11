/* The key-script harness of the suites that log in as the manager 王经理
 * (check_ui, repair orders, due list, drafts), on uirun.h: a fresh
 * database per test with its accounts, imports logged in, a run of the
 * real program on a key script that starts with the login.  Each suite
 * keeps its own run_keys(), which pins its dates. */
#ifndef DESK4S_UIHARNESS_H
#define DESK4S_UIHARNESS_H
#include "uirun.h"

static void setup(void) { dir = tu_tmpdir(); }
static void teardown(void) { tu_rmtree(dir); }

/* Every session starts at the login screen: a new database gets the
 * accounts of check_ui.c first (the administrator, then the manager 王经理
 * the scripts log in as), and every script starts with LOGIN_KEYS. */
#define LOGIN_KEYS "wang<Tab>Wang-pass-1<Enter>"
#define LOGIN_WHO "员工：王经理（经理） "

/* On the database file db in dir (tests that reopen one pass its name). */
static inline void make_accounts_on(const char *db)
{
	char path[600], cmd[16384], b[4096];
	snprintf(path, sizeof path, "%s/%s", dir, db);
	if (access(path, F_OK) == 0) return;
	bin(b);
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && printf 'Admin-pass-1\\n' | env -u DESK4S_DB LC_ALL=C.UTF-8 '%s' --db '%s' "
	         "--password-fd 0 user add admin --role 管理员 --name 管理员 >>accounts 2>&1 && "
	         "printf 'Admin-pass-1\\nWang-pass-1\\n' | env -u DESK4S_DB LC_ALL=C.UTF-8 '%s' --db '%s' "
	         "--user admin --password-fd 0 user add wang --role 经理 --name 王经理 >>accounts 2>&1",
	         dir, b, db, b, db);
	ck_assert_msg(system(cmd) == 0, "could not create the test accounts");
}
static inline void make_accounts(void) { make_accounts_on("ui.db"); }

/* Import a CSV of this kind into the test's database (ui.db), logged in. */
static inline void import(const char *kind, const char *csv)
{
	char path[512], cmd[8192], b[4096];
	make_accounts();
	snprintf(path, sizeof path, "%s/%s.csv", dir, kind);
	tu_write(path, csv);
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && printf 'Wang-pass-1\\n' | env -u DESK4S_DB LC_ALL=C.UTF-8 DESK4S_TODAY=2025-01-10 "
	         "DESK4S_NOW='2025-01-10 09:00' '%s' --db ui.db --user wang --password-fd 0 import %s %s.csv "
	         ">import.out 2>&1",
	         dir, bin(b), kind, kind);
	ck_assert_int_eq(system(cmd), 0);
}


/* Log in and play keys at cols x lines on the day and clock given; the
 * exit status (see ui_play). */
static inline int run_script(const char *keys, int cols, int lines, const char *today, const char *now)
{
	char env[128];
	make_accounts();
	snprintf(env, sizeof env, "DESK4S_TODAY=%s DESK4S_NOW='%s'", today, now);
	char *script = ui_script(LOGIN_KEYS, keys);
	int status = ui_play(script, cols, lines, env, "ui.db");
	free(script);
	return status;
}

/* The same, its screens into r (the session's line shown as STAFF). */
static inline void run_at(struct run *r, const char *keys, int cols, int lines, const char *today,
                   const char *now)
{
	ui_screens(r, run_script(keys, cols, lines, today, now), LOGIN_WHO);
}
#endif
