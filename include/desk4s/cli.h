/* cli — what every batch command shares: the parsed global options, opening
 * the database and forms, logging in, and messages on stderr.  Each command
 * lives in its own cli_*.c file and is listed once in main.c's table. */
#ifndef DESK4S_CLI_H
#define DESK4S_CLI_H
#include <signal.h>
#include <stdio.h>
#include "desk4s/auth.h"
#include "desk4s/fdef.h"
#include "desk4s/staff.h"
#include "desk4s/store.h"

/* Exit statuses.  CLI_REFUSED: records or a request refused by a rule (the
 * importer's partly refused file, a weak password, the last administrator);
 * CLI_USAGE also when an argument names nothing there is (a customer
 * number, a login, a form); CLI_DENIED: login failed or a permission is
 * missing. */
enum { CLI_OK = 0, CLI_REFUSED = 1, CLI_USAGE = 2, CLI_FILE = 3, CLI_DENIED = 4 };

struct cli {
	const char *db;    /* --db, or NULL */
	const char *forms; /* --forms, or NULL */
	const char *user;  /* --user: the staff member's login, or NULL */
	int password_fd;   /* --password-fd, or -1: passwords come from the terminal */
	int argc;
	char **argv;       /* the command word and its arguments */
	/* the command only reads or copies a database: one that does not
	 * exist is refused, not created empty (a mistyped --db) */
	int needs_db;
};

/* "desk4s: <message>" and a pointer to --help on stderr; returns CLI_USAGE. */
__attribute__((format(printf, 1, 2)))
int cli_usage_error(const char *fmt, ...);
/* "desk4s: <message>" on stderr. */
__attribute__((format(printf, 1, 2)))
void cli_error(const char *fmt, ...);
/* The options a command has taken so far (cli_once). */
enum { CLI_SEEN_MAX = 16 };
struct cli_seen {
	const char *opt[CLI_SEEN_MAX], *val[CLI_SEEN_MAX];
	int n;
};
/* A command takes option opt (with val, or NULL: --print without a queue):
 * given a second time it is a usage error naming it and both values,
 * every command alike — the last one silently won, so `--out a --out b`
 * wrote only b.  opt is the name as documented (--db for --db=…).  A flag
 * without a value (--dry-run, val NULL) is refused twice alike: nothing
 * would be lost, but a command line put together wrong is said the same
 * way whatever it repeats.  CLI_OK, or CLI_USAGE with the message
 * printed. */
int cli_once(struct cli_seen *s, const char *opt, const char *val);
/* --encoding's value, one set for every command: utf-8, utf8 or gb18030,
 * in any case.  CLI_OK with *gb18030 set, or CLI_USAGE printed naming the
 * values taken. */
int cli_encoding(const char *val, int *gb18030);

/* Open the database named by --db, DESK4S_DB or the default path (with
 * c->needs_db, only one that exists); on failure prints why and returns
 * CLI_FILE.  Warns on stderr when the file
 * is readable by others. */
int cli_open_db(const struct cli *c, struct st_db **db);
/* The same for a command that writes nothing to the database (check,
 * audit verify): a file this account may only read is opened read-only
 * where that is safe (st_open_read). */
int cli_open_db_read(const struct cli *c, struct st_db **db);
/* The database's path (--db, DESK4S_DB or the default, in buf); NULL after
 * printing why. */
const char *cli_db_path(const struct cli *c, char *buf, size_t bufsz);
/* A command that only reads the database (backup, export, due, audit):
 * it goes on beside another terminal's long write (an import loading a
 * million rows), its login checked by reading (staff_login_reading) and
 * its usage-log entries written at the end, waiting for the write lock as
 * long as CLI_LOG_WAIT_MS, saying on stderr what it waits for; what names
 * the command's work as its stop in that wait is said ("保存期限清单" →
 * "保存期限清单已中断：这次登录没有记入使用日志…").  Call right after
 * cli_open_db; close with cli_close. */
enum { CLI_LOG_WAIT_MS = 30 * 60 * 1000 };
void cli_reading_as(struct st_db *db, const char *what);
/* Write what the log still holds back (the login of a command that only
 * reads), then close db.  CLI_OK, CLI_FILE with the failure printed, or,
 * when Ctrl-C or SIGTERM ended the wait for the log's lock, 128 + the
 * signal with that said (the entry unwritten).  A command stopped before
 * (its cli_stop_catch flag set) has said so: its login is written if the
 * database is free within CLI_STOPPED_WAIT_MS, not waited for. */
enum { CLI_STOPPED_WAIT_MS = 200 };
int cli_close(struct st_db *db);
/* Write what the log still holds back (the login of a command that only
 * reads) now, as cli_close would: CLI_OK, CLI_FILE said, or 128 + the
 * signal that ended the wait, said. */
int cli_log_now(struct st_db *db);
/* A list held back until its usage-log entry is written (audit, retention,
 * user list): a command stopped in the wait for the log has printed
 * nothing.  A private temporary file in TMPDIR (else /tmp), removed from
 * the directory at once, since the log read whole can be long.  NULL
 * with why said. */
FILE *cli_held_open(void);
/* What was held, to standard output, and the file closed: CLI_OK, or
 * CLI_FILE said. */
int cli_held_print(FILE *held);
/* cli_close at a command's end, and its exit status given rc, the
 * command's own: a stop in the wait for the log is 128 + the signal
 * whatever rc was, as every stopped command ends (a failure said before
 * had kept its 2 or 4); else rc, else the close's. */
int cli_end(struct st_db *db, int rc);
/* An output's stop, said (what: 导出, 回访清单): path NULL for standard
 * output; had_file (cli_had_file, asked before the work) adds that an
 * earlier file of the name is as it was — "没有写出文件" alone read as if
 * it were gone. */
int cli_had_file(const char *path);
void cli_said_stopped(const char *what, const char *path, int had_file);
/* Load a form (the shop's own with --forms); NULL after printing why. */
struct fdef_form *cli_load_form(const struct cli *c, const char *name);
/* The staff member a batch command acts as: the login after cli_login,
 * else (a database without accounts yet) the operating-system user. */
const char *cli_staff(void);

/* One line of password: from --password-fd (each call reads the next
 * line), else from the terminal with echo off.  Never from argv or the
 * environment.  0, or prints why and returns CLI_USAGE. */
int cli_read_password(const struct cli *c, const char *prompt, char *out, size_t outsz);
/* Log in as --user with a password read as above.  CLI_OK with *me filled;
 * CLI_USAGE without --user; CLI_DENIED (message printed) on a wrong
 * password, a locked or a disabled account; CLI_FILE on database trouble. */
int cli_login(const struct cli *c, struct st_db *db, struct staff_me *me);
/* staff_require for a batch command: CLI_OK, or the refusal printed and
 * CLI_DENIED (CLI_FILE on database trouble). */
int cli_require(struct st_db *db, struct staff_me *me, enum auth_perm p);
/* Who runs a command on customer data.  A database without accounts is
 * being set up (history imported before the staff are entered): the
 * operating-system user acts, *logged_in stays 0 and me zeroed.  Once
 * accounts exist, --user logs in and permission p is checked.  CLI_OK, or
 * the refusal printed and its exit status. */
int cli_session(const struct cli *c, struct st_db *db, enum auth_perm p, struct staff_me *me,
                int *logged_in);
/* An output file a command is about to write (--out, --report): CLI_OK, or
 * CLI_USAGE with the reason printed when it is the open database or one of
 * its side files, another database, or `in` (the file being read; may be
 * NULL) — writing it would destroy what the command reads. */
int cli_out_allowed(struct st_db *db, const char *out, const char *in);
/* Exit status for a store result, printing err unless ST_OK: ST_NOTFOUND
 * (the customer or account the arguments name) is CLI_USAGE, ST_CONSTRAINT
 * CLI_REFUSED, anything else CLI_FILE. */
int cli_status(enum st_status st, const char *err);

/* Ctrl-C or a plain kill (SIGINT, SIGTERM) while a command imports, exports,
 * writes a file or prints: the handler only records the signal, and the
 * command stops, undoes what it had under way (a half-written file, an open
 * batch) and says what is kept, instead of dying half way through.  A
 * signal the command was started ignoring (a background job) stays ignored;
 * one blocked and pending when the command starts is taken at once. */
struct cli_stop {
	struct sigaction old[2];
	sigset_t mask;
};
/* Start catching; returns the flag, 0 until a signal comes, then its number
 * (exit with 128 + it). */
volatile sig_atomic_t *cli_stop_catch(struct cli_stop *s);
/* Put back the handlers and the mask from before; the flag keeps its value. */
void cli_stop_release(struct cli_stop *s);
/* One step of a command that Ctrl-C or SIGTERM ends, said by the command:
 * run(ctx, stop) with the signals caught (cli_stop_catch) and db's
 * statements and waits for its lock ended by them (st_interrupt_on), both
 * put back after.  run's result; *sig 0, or the signal that came (exit
 * with 128 + it).  stop stays readable after the step. */
typedef int cli_step(void *ctx, volatile sig_atomic_t *stop);
int cli_stoppable(struct st_db *db, cli_step *run, void *ctx, int *sig);

/* desk4s due: the follow-up list as text, CSV or PDF, or printed (cli_due.c). */
int cli_due(const struct cli *c);
#endif
