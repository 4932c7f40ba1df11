/* Running the real program on a key script and reading the screens it
 * dumped (tests/ui/README.md): what every UI suite shares.  Each suite
 * makes `dir` in its setup, owns its accounts and how it logs in, and pins
 * its own day and clock. */
#ifndef DESK4S_UIRUN_H
#define DESK4S_UIRUN_H
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "testutil.h"

static char *dir; /* the test's directory: the database, keys, dump, out */

/* The program under test (DESK4S_BIN, else the default build). */
static inline const char *bin(char *buf)
{
	const char *b = getenv("DESK4S_BIN");
	ck_assert_ptr_nonnull(realpath(b ? b : "../../build/desk4s", buf));
	return buf;
}

/* Replace every occurrence of from by to in s (returns a new string). */
static inline char *replace(char *s, const char *from, const char *to)
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

/* Play script (the login included) at cols x lines in dir on the database
 * file db, with env (the pinned day and clock, as shell assignments) in
 * front; the screens go to dir/dump, what the program said to dir/out.
 * Runs in dir so the status line shows a short, fixed database name.
 * Returns the exit status (128 + the signal when one ended it). */
static inline int ui_play(const char *script, int cols, int lines, const char *env, const char *db)
{
	char path[512], cmd[8192], b[4096];
	snprintf(path, sizeof path, "%s/keys", dir);
	tu_write(path, script);
	snprintf(path, sizeof path, "%s/dump", dir);
	unlink(path);
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && env -u DESK4S_DB DESK4S_KEYS=keys DESK4S_DUMP=dump COLUMNS=%d LINES=%d "
	         "TERM=xterm-256color LC_ALL=C.UTF-8 %s '%s' --db '%s' </dev/null >out 2>&1",
	         dir, cols, lines, env, bin(b), db);
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Play script as ui_play does, in a child, the test being another
 * terminal at each of its <Idle> pauses (DESK4S_IDLE_SYNC): act(i, ctx)
 * runs in the i-th (act NULL: nothing written) while the session waits.
 * Returns the exit status, for ui_screens. */
static inline int ui_play_idle(const char *script, int cols, int lines, const char *env, const char *db,
                               int pauses, void (*act)(int pause, void *ctx), void *ctx)
{
	char sync[600], idle[620], go[620], full[1600];
	snprintf(sync, sizeof sync, "%s/sync", dir);
	snprintf(idle, sizeof idle, "%s.idle", sync);
	snprintf(go, sizeof go, "%s.go", sync);
	unlink(idle);
	unlink(go);
	snprintf(full, sizeof full, "%s DESK4S_IDLE_SYNC='%s'", env, sync);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(ui_play(script, cols, lines, full, db));
	for (int p = 0; p < pauses; p++) {
		for (int i = 0; i < 3000 && access(idle, F_OK) != 0; i++) usleep(10000);
		ck_assert_int_eq(access(idle, F_OK), 0);
		if (act) act(p, ctx);
		/* the mark taken away here: the next pause's is a new one */
		unlink(idle);
		tu_write(go, "");
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* Concatenation of login and keys (caller frees). */
static inline char *ui_script(const char *login, const char *keys)
{
	char *s = malloc(strlen(login) + strlen(keys) + 1);
	ck_assert_ptr_nonnull(s);
	strcpy(s, login);
	strcat(s, keys);
	return s;
}

struct run {
	int status;          /* the program's exit status */
	char *screens[48];
	int n;
	char *all;
};

/* The screens of the run that ended with status into r.  Any exit but 0
 * fails the test (a sanitizer report included).  who, when given, is the
 * session's status line, shown as "员工：STAFF " so that screens compare
 * whoever logs in.  DESK4S_SHOW=1 prints the screens while writing a test. */
static inline void ui_screens(struct run *r, int status, const char *who)
{
	char path[512];
	memset(r, 0, sizeof *r);
	r->status = status;
	if (status != 0) {
		snprintf(path, sizeof path, "%s/out", dir);
		char *msg = tu_read(path);
		ck_abort_msg("desk4s exited %d:\n%s", status, msg ? msg : "");
	}
	snprintf(path, sizeof path, "%s/dump", dir);
	char *raw = tu_read(path);
	if (!raw) raw = strdup("");
	r->all = who ? replace(raw, who, "员工：STAFF ") : raw;
	if (who) free(raw);
	if (getenv("DESK4S_SHOW")) fputs(r->all, stderr);
	for (char *p = r->all, *end; r->n < 48 && (end = strstr(p, "----\n")); p = end + 5) {
		*end = 0;
		r->screens[r->n++] = p;
	}
}

static inline void run_free(struct run *r) { free(r->all); }

/* The line of screen s that contains needle ("" when none). */
static inline const char *line_with(const char *s, const char *needle, char *buf, size_t bufsz)
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
#define LACKS(r, i, text) do { \
	ck_assert_int_gt((r)->n, (i)); \
	ck_assert_msg(strstr((r)->screens[i], text) == NULL, "screen %d shows \"%s\":\n%s", (i), (text), \
	              (r)->screens[i]); \
} while (0)
#endif
