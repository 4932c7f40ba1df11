/* The key-script harness shared by the repair-order and due-list UI suites
 * (tests/ui/README.md): a fresh database per test with the accounts of
 * check_ui.c, imports logged in, a run of the real program on a key
 * script that starts with the login, and assertions on the dumped screens.
 * Each suite keeps its own run_keys(), which pins its dates. */
#ifndef DESK4S_UIHARNESS_H
#define DESK4S_UIHARNESS_H
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "testutil.h"

static char *dir;

static void setup(void) { dir = tu_tmpdir(); }
static void teardown(void) { tu_rmtree(dir); }

static char *replace(char *s, const char *from, const char *to)
{
	size_t fl = strlen(from), tl = strlen(to), n = 0;
	for (char *p = strstr(s, from); p; p = strstr(p + fl, from)) n++;
	char *out = malloc(strlen(s) + n * (tl > fl ? tl - fl : 0) + 1), *o = out;
	ck_assert_ptr_nonnull(out);
	for (char *p = s, *q; (q = strstr(p, from)); p = q + fl) {
		memcpy(o, p, (size_t)(q - p));
		o += q - p;
		memcpy(o, to, tl);
		o += tl;
		s = q + fl;
	}
	strcpy(o, s);
	return out;
}

static const char *bin(char *buf)
{
	const char *b = getenv("DESK4S_BIN");
	ck_assert_ptr_nonnull(realpath(b ? b : "../../build/desk4s", buf));
	return buf;
}

/* Every session starts at the login screen: a new database gets the
 * accounts of check_ui.c first (the administrator, then the manager 王经理
 * the scripts log in as), and every script starts with LOGIN_KEYS. */
#define LOGIN_KEYS "wang<Tab>Wang-pass-1<Enter>"
#define LOGIN_WHO "员工：王经理（经理） "

static void make_accounts(void)
{
	char path[600], cmd[16384], b[4096];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	if (access(path, F_OK) == 0) return;
	bin(b);
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && printf 'Admin-pass-1\\n' | env -u DESK4S_DB LC_ALL=C.UTF-8 '%s' --db ui.db "
	         "--password-fd 0 user add admin --role 管理员 --name 管理员 >>accounts 2>&1 && "
	         "printf 'Admin-pass-1\\nWang-pass-1\\n' | env -u DESK4S_DB LC_ALL=C.UTF-8 '%s' --db ui.db "
	         "--user admin --password-fd 0 user add wang --role 经理 --name 王经理 >>accounts 2>&1",
	         dir, b, b);
	ck_assert_msg(system(cmd) == 0, "could not create the test accounts");
}

/* Import a CSV of this kind into the test's database (ui.db), logged in. */
static void import(const char *kind, const char *csv)
{
	char path[512], cmd[8192], b[4096];
	make_accounts();
	snprintf(path, sizeof path, "%s/%s.csv", dir, kind);
	tu_write(path, csv);
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && printf 'Wang-pass-1\\n' | env -u DESK4S_DB LC_ALL=C.UTF-8 DESK4S_TODAY=2025-01-10 "
	         "DESK4S_NOW='2025-01-10 08:00' '%s' --db ui.db --user wang --password-fd 0 import %s %s.csv "
	         ">import.out 2>&1",
	         dir, bin(b), kind, kind);
	ck_assert_int_eq(system(cmd), 0);
}

struct run {
	char *screens[48];
	int n;
	char *all;
};

/* Log in and play keys at cols x lines on the day and clock given; the
 * screens go to dir/dump, what the program said to dir/out.  The exit
 * status (128 + the signal when one ended it). */
static int run_script(const char *keys, int cols, int lines, const char *today, const char *now)
{
	char path[512], cmd[8192], b[4096];
	make_accounts();
	snprintf(path, sizeof path, "%s/keys", dir);
	char *script = malloc(strlen(LOGIN_KEYS) + strlen(keys) + 1);
	ck_assert_ptr_nonnull(script);
	strcpy(script, LOGIN_KEYS);
	strcat(script, keys);
	tu_write(path, script);
	free(script);
	snprintf(path, sizeof path, "%s/dump", dir);
	unlink(path);
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && env -u DESK4S_DB DESK4S_KEYS=keys DESK4S_DUMP=dump COLUMNS=%d LINES=%d "
	         "TERM=xterm-256color LC_ALL=C.UTF-8 DESK4S_TODAY=%s DESK4S_NOW='%s' '%s' --db ui.db "
	         "</dev/null >out 2>&1",
	         dir, cols, lines, today, now, bin(b));
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void run_at(struct run *r, const char *keys, int cols, int lines, const char *today,
                   const char *now)
{
	char path[512];
	int status = run_script(keys, cols, lines, today, now);
	snprintf(path, sizeof path, "%s/dump", dir);
	memset(r, 0, sizeof *r);
	if (status != 0) {
		char out[600];
		snprintf(out, sizeof out, "%s/out", dir);
		char *msg = tu_read(out);
		ck_abort_msg("desk4s exited %d:\n%s", status, msg ? msg : "");
	}
	char *raw = tu_read(path);
	if (!raw) raw = strdup("");
	r->all = replace(raw, LOGIN_WHO, "员工：STAFF ");
	free(raw);
	for (char *p = r->all, *end; r->n < 48 && (end = strstr(p, "----\n")); p = end + 5) {
		*end = 0;
		r->screens[r->n++] = p;
	}
}

static void run_free(struct run *r) { free(r->all); }

static const char *line_with(const char *s, const char *needle, char *buf, size_t bufsz)
{
	const char *p = strstr(s, needle);
	buf[0] = 0;
	if (!p) return buf;
	while (p > s && p[-1] != '\n') p--;
	size_t n = strcspn(p, "\n");
	if (n >= bufsz) n = bufsz - 1;
	memcpy(buf, p, n);
	buf[n] = 0;
	return buf;
}

#define SCREEN_EQ(r, i, want) do { \
	ck_assert_int_gt((r)->n, (i)); \
	ck_assert_str_eq((r)->screens[i], want); \
} while (0)
#define HAS_LINE(r, i, line) do { \
	char lb_[1024]; \
	ck_assert_int_gt((r)->n, (i)); \
	ck_assert_str_eq(line_with((r)->screens[i], line, lb_, sizeof lb_), line); \
} while (0)
#define CONTAINS(r, i, text) do { \
	ck_assert_int_gt((r)->n, (i)); \
	ck_assert_msg(strstr((r)->screens[i], text) != NULL, "screen %d lacks \"%s\":\n%s", (i), (text), \
	              (r)->screens[i]); \
} while (0)
#endif
