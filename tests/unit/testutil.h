/* Helpers shared by the unit suites. */
#ifndef DESK4S_TESTUTIL_H
#define DESK4S_TESTUTIL_H
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

/* A fresh temporary directory for one test; removed by tu_rmtree. */
static inline char *tu_tmpdir(void)
{
	char *d = strdup("/tmp/desk4s-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}
static inline void tu_rmtree(char *d)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
	if (system(cmd) != 0) { /* best effort */ }
	free(d);
}
/* Write text to path; fails the test on error. */
static inline void tu_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}
/* Read a whole file (NUL-terminated); caller frees. */
static inline char *tu_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	size_t got = fread(s, 1, (size_t)n, f);
	s[got] = 0;
	fclose(f);
	return s;
}

/* Tests look at the database file behind the program's back, through a
 * connection of their own (as another terminal or an old version would). */
static inline void tu_sql_exec(const char *db, const char *q)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	char *msg = NULL;
	int rc = sqlite3_exec(h, q, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", q, msg ? msg : "");
	sqlite3_close(h);
}
/* The first column of q's first row as text ("" for none or NULL), in a
 * buffer that the next call reuses. */
static inline const char *tu_sql_text(const char *db, const char *q)
{
	static char buf[8192];
	sqlite3 *h;
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	ck_assert_msg(sqlite3_prepare_v2(h, q, -1, &s, NULL) == SQLITE_OK, "%s: %s", q, sqlite3_errmsg(h));
	buf[0] = 0;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(h);
	return buf;
}
/* The same as a number; -1 when q yields no row. */
static inline long long tu_sql_int(const char *db, const char *q)
{
	const char *v = tu_sql_text(db, q);
	return *v ? atoll(v) : -1;
}
/* A damaged file, as a disk or a copy leaves it: the first byte of the
 * root page of table and of each of its indexes overwritten (no page type
 * SQLite knows), so every read of them fails with SQLITE_CORRUPT.  The
 * program's connections must be closed first; the log is folded in. */
static inline void tu_damage_table(const char *db, const char *table)
{
	tu_sql_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	sqlite3 *h;
	sqlite3_stmt *s;
	long long pages[16];
	int n = 0;
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT rootpage FROM sqlite_master WHERE tbl_name = ? AND rootpage > 1",
	                                    -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, table, -1, SQLITE_TRANSIENT);
	while (n < 16 && sqlite3_step(s) == SQLITE_ROW)
		pages[n++] = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	long long size = 0;
	ck_assert_int_eq(sqlite3_prepare_v2(h, "PRAGMA page_size", -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		size = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	ck_assert_int_gt(n, 0);
	ck_assert_int_gt(size, 0);
	FILE *f = fopen(db, "r+b");
	ck_assert_ptr_nonnull(f);
	for (int i = 0; i < n; i++) {
		ck_assert_int_eq(fseek(f, (long)((pages[i] - 1) * size), SEEK_SET), 0);
		ck_assert_int_eq(fputc(0x55, f), 0x55);
	}
	ck_assert_int_eq(fclose(f), 0);
}
/* In a child: become desk4s (DESK4S_BIN) with args (NULL-terminated,
 * without argv[0]). */
static inline void tu_exec(const char *const args[])
{
	const char *argv[32] = { "desk4s" };
	for (int i = 0; args[i] && i < 30; i++)
		argv[i + 1] = args[i];
	execv(getenv("DESK4S_BIN"), (char *const *)argv);
	_exit(127);
}

/* Start desk4s with args, its stdout and stderr into the file outp
 * ("/dev/null" to throw them away); the caller waits for the pid. */
static inline pid_t tu_spawn_to(const char *outp, const char *const args[])
{
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, 1);
		dup2(fd, 2);
		tu_exec(args);
	}
	return pid;
}

static inline pid_t tu_spawn_quiet(const char *const args[])
{
	return tu_spawn_to("/dev/null", args);
}

/* The exit status of a command that must end by itself, not die of a signal. */
static inline int tu_exit_status(pid_t pid)
{
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(WIFEXITED(st), "the command died of signal %d instead of ending by itself",
	              WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return WEXITSTATUS(st);
}

/* Run the program in dir as if Ctrl-C (or a kill) came the moment it
 * started: `sig` is pending and blocked when it begins, so only a command
 * that catches the signal (cli_stop_catch) takes it, and then before any
 * of its work.  env: NAME=value entries, NULL-ended.  stdin is dir/in
 * (or /dev/null), stdout dir/out, stderr dir/err.  The exit status; dying
 * of the signal fails the test. */
static inline int tu_run_signalled(const char *dir, const char *const env[], const char *const args[], int sig)
{
	ck_assert_ptr_nonnull(getenv("DESK4S_BIN"));
	pid_t pid = fork();
	if (pid == 0) {
		if (chdir(dir) != 0)
			_exit(126);
		for (int i = 0; env && env[i]; i++)
			putenv((char *)env[i]);
		int in = open("in", O_RDONLY);
		dup2(in >= 0 ? in : open("/dev/null", O_RDONLY), 0);
		dup2(open("out", O_WRONLY | O_CREAT | O_TRUNC, 0600), 1);
		dup2(open("err", O_WRONLY | O_CREAT | O_TRUNC, 0600), 2);
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_BLOCK, &set, NULL);
		raise(sig);
		tu_exec(args);
	}
	return tu_exit_status(pid);
}
#endif
