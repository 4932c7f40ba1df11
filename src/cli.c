/* cli — helpers shared by the batch commands. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include "desk4s/audit.h"
#include "desk4s/cli.h"
#include "desk4s/config.h"
#include "desk4s/fsafe.h"
#include "desk4s/oserr.h"

/* the login of the staff member after cli_login */
static char current[STAFF_LOGIN_MAX + 1];

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("desk4s: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n请运行 desk4s --help 查看用法。\n", stderr);
	return CLI_USAGE;
}

int cli_once(struct cli_seen *s, const char *opt, const char *val)
{
	for (int k = 0; k < s->n; k++) {
		if (strcmp(s->opt[k], opt) != 0)
			continue;
		if (s->val[k] && val)
			return cli_usage_error("%s 只能给一次：先给了“%s”，又给了“%s”，不知该用哪一个", opt, s->val[k], val);
		/* a flag (val NULL) twice loses nothing, but says the command line
		 * was put together wrong, as a value twice does */
		if (s->val[k] || val)
			return cli_usage_error("%s 只能给一次：先给了%s%s%s，又给了%s%s%s", opt, s->val[k] ? "“" : "",
			                       s->val[k] ? s->val[k] : "一次不带值的", s->val[k] ? "”" : "", val ? "“" : "",
			                       val ? val : "一次不带值的", val ? "”" : "");
		return cli_usage_error("%s 只能给一次：命令行里给了两次", opt);
	}
	if (s->n < CLI_SEEN_MAX) {
		s->opt[s->n] = opt;
		s->val[s->n++] = val;
	}
	return CLI_OK;
}

int cli_encoding(const char *val, int *gb18030)
{
	*gb18030 = strcasecmp(val, "gb18030") == 0;
	if (*gb18030 || strcasecmp(val, "utf-8") == 0 || strcasecmp(val, "utf8") == 0)
		return CLI_OK;
	return cli_usage_error("--encoding：应为 utf-8、utf8 或 gb18030（不分大小写），而不是“%s”", val);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("desk4s: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *cli_staff(void)
{
	if (current[0])
		return current;
	/* a database without accounts yet: the login user stands for the staff member */
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name)
		return pw->pw_name;
	const char *u = getenv("USER");
	return u && *u ? u : "staff";
}

static void warn_file(struct st_db *db, const char *path)
{
	char group[256], msg[1024], side[4200];
	if (cfg_get(db, "file_group", group, sizeof group) < 0)
		group[0] = 0;
	if (fsafe_warning(path, group, msg, sizeof msg)) {
		cli_error("%s", msg);
		return;
	}
	/* SQLite's side files hold the same data */
	snprintf(side, sizeof side, "%s-wal", path);
	if (fsafe_warning(side, group, msg, sizeof msg))
		cli_error("%s", msg);
}

const char *cli_db_path(const struct cli *c, char *buf, size_t bufsz)
{
	char err[1024];
	const char *p = c->db;
	if (!p || !*p)
		p = getenv("DESK4S_DB");
	if (!p || !*p) {
		if (st_default_path(buf, bufsz, err, sizeof err) != 0) {
			cli_error("%s", err);
			return NULL;
		}
		p = buf;
	}
	return p;
}

/* A file that SQLite cannot open and whose start is text (a CSV, UTF-8,
 * GB18030 or UTF-16 with its mark): most likely named to --db by mistake,
 * not a database gone bad; a damaged or cut-short database keeps its
 * header and binary pages. */
static int looks_like_text(const char *path)
{
	unsigned char b[4096];
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = fread(b, 1, sizeof b, f);
	fclose(f);
	if (n == 0 || (n >= 15 && memcmp(b, "SQLite format 3", 15) == 0))
		return 0;
	if (n >= 2 && ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == 0xfe && b[1] == 0xff)))
		return 1;
	for (size_t i = 0; i < n; i++)
		if (b[i] < 0x20 && b[i] != '\t' && b[i] != '\r' && b[i] != '\n')
			return 0;
	return 1;
}

static int open_db(const struct cli *c, struct st_db **db, int read_only)
{
	char path[4096], err[1024];
	const char *p = cli_db_path(c, path, sizeof path);
	if (!p)
		return CLI_FILE;
	struct stat sb;
	if (c->needs_db && stat(p, &sb) != 0 && errno == ENOENT) {
		cli_error("数据库文件 %s 不存在：这个命令只读取已有的数据库，不会新建一个空的；"
		          "请检查 --db 或 DESK4S_DB 所写的路径", p);
		return CLI_FILE;
	}
	enum st_status st = read_only ? st_open_read(p, db, err, sizeof err) : st_open(p, db, err, sizeof err);
	if (st == ST_DAMAGED && looks_like_text(p)) {
		/* a spreadsheet's CSV given as --db (the import's file): told to
		 * restore a backup over it, the user was sent the wrong way */
		cli_error("文件 %s 不是 desk4s 数据库，而是文本文件（如 CSV）：--db 要写数据库文件；"
		          "要导入这个文件，请用 desk4s import 种类 %s。若它原是数据库、被文本覆盖了，"
		          "请由管理员用最近的备份恢复（restore 备份文件 --replace-damaged）", p, p);
		return CLI_FILE;
	}
	if (st == ST_DAMAGED) {
		/* what to do, not only what is wrong: nothing else opens it */
		cli_error("%s。请停止使用它：先把这个文件复制一份保留，再由管理员用最近的备份恢复——"
		          "desk4s --db %s --user 管理员登录名 restore 备份文件 --replace-damaged"
		          "（损坏的文件改名保留，不会删除）", err, p);
		return CLI_FILE;
	}
	if (st != ST_OK) {
		cli_error("%s", err);
		return CLI_FILE;
	}
	warn_file(*db, p);
	return CLI_OK;
}

int cli_open_db(const struct cli *c, struct st_db **db) { return open_db(c, db, 0); }
int cli_open_db_read(const struct cli *c, struct st_db **db) { return open_db(c, db, 1); }

int cli_out_allowed(struct st_db *db, const char *out, const char *in)
{
	static const char *const sides[] = { "", "-wal", "-shm", "-journal", "-busy" };
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		char side[4200];
		snprintf(side, sizeof side, "%s%s", st_path(db), sides[i]);
		if (fsafe_same_file(out, side))
			return cli_usage_error("不能写到 %s：这是正在使用的数据库%s", out, *sides[i] ? "的附属文件" : "文件");
	}
	if (in && fsafe_same_file(out, in))
		return cli_usage_error("不能写到 %s：这是要读取的文件本身，写它会毁掉要导入的数据", out);
	if (fsafe_is_database(out))
		return cli_usage_error("不能写到 %s：这是一个数据库文件，不会被覆盖", out);
	return CLI_OK;
}

/* the database of a command that only reads (cli_reading_as), and what its
 * stop in the wait for the log is said as */
static struct st_db *reading;
static const char *reading_what;

/* Said once per wait, after the store's first 0.7 s of it: a backup or an
 * export that sits silent behind an import looks hung. */
static void on_log_wait(void *ctx, const char *who)
{
	struct st_db *db = ctx;
	fflush(stdout); /* a due list on standard output is shown while its line waits */
	fprintf(stderr, "desk4s: 等待数据库 %s：%s；其结束后写入使用日志（最多等 %d 分钟）\n", st_path(db),
	        who && *who ? who : "其他终端正在保存", CLI_LOG_WAIT_MS / 60000);
}

void cli_reading_as(struct st_db *db, const char *what)
{
	reading = db;
	reading_what = what;
	st_set_busy_wait(db, CLI_LOG_WAIT_MS);
	st_on_wait(db, on_log_wait, db);
}

FILE *cli_held_open(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4200];
	dir = dir && *dir ? dir : "/tmp";
	snprintf(path, sizeof path, "%s/desk4s-list-XXXXXX", dir);
	int fd = mkstemp(path);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w+");
	if (!f) {
		cli_error("无法在 %s 建立临时文件：%s（清单记入使用日志之前先存放在那里；请检查 TMPDIR 所指的目录）", dir,
		          oserr_text(errno));
		if (fd >= 0)
			close(fd);
	}
	if (fd >= 0)
		unlink(path); /* private, and gone with the process whatever happens */
	return f;
}

int cli_held_print(FILE *held)
{
	char buf[16384];
	size_t n;
	errno = 0;
	/* an earlier failed write (a full disk) is in the error flag */
	if (fflush(held) != 0 || ferror(held) || fseek(held, 0, SEEK_SET) != 0) {
		int e = errno ? errno : EIO;
		fclose(held);
		cli_error("没有列出：清单没能存入临时文件（%s）；这次查看已记入使用日志", oserr_text(e));
		return CLI_FILE;
	}
	while ((n = fread(buf, 1, sizeof buf, held)) > 0 && fwrite(buf, 1, n, stdout) == n)
		continue;
	int bad = ferror(held) || ferror(stdout) || fflush(stdout) != 0;
	int e = errno ? errno : EIO;
	fclose(held);
	if (bad) {
		cli_error("清单没能完整写到标准输出：%s", oserr_text(e));
		return CLI_FILE;
	}
	return CLI_OK;
}

int cli_had_file(const char *path)
{
	struct stat was;
	return path && stat(path, &was) == 0 && S_ISREG(was.st_mode);
}

void cli_said_stopped(const char *what, const char *path, int had_file)
{
	if (path && had_file)
		cli_error("%s已中断：没有写出文件，%s 还是原来的那份。", what, path);
	else
		cli_error("%s已中断%s。", what, path ? "：没有写出文件" : "");
}

static volatile sig_atomic_t stop_signal;

struct flush_step {
	struct st_db *db;
	char *err;
	size_t errsz;
};

static int flush_step(void *ctx, volatile sig_atomic_t *stop)
{
	(void)stop;
	struct flush_step *f = ctx;
	return (int)audit_flush(f->db, f->err, f->errsz);
}

/* The held login, written beside an import's write lock only when that is
 * let go: up to CLI_LOG_WAIT_MS, which Ctrl-C ends.  0, -1 with err, or
 * 128 + the signal once said. */
static int flush_stoppable(struct st_db *db, char *err, size_t errsz)
{
	struct flush_step f = { db, err, errsz };
	int sig;
	enum st_status st = (enum st_status)cli_stoppable(db, flush_step, &f, &sig);
	if (st == ST_OK)
		return 0;
	if (!sig)
		return -1;
	/* nothing was written; a list is printed only once it is logged */
	cli_error("%s已中断：这次登录没有记入使用日志，数据库没有改动。", db == reading && reading_what ? reading_what : "");
	return 128 + sig;
}

int cli_log_now(struct st_db *db)
{
	char err[1024];
	if (!db || !audit_held(db))
		return CLI_OK;
	int stopped;
	if (stop_signal) {
		/* the command was stopped and has said so: its login is
		 * written if the database is free, not waited for */
		st_set_busy_wait(db, CLI_STOPPED_WAIT_MS);
		stopped = audit_flush(db, err, sizeof err) == ST_OK ? 0 : -1;
	} else {
		stopped = flush_stoppable(db, err, sizeof err);
	}
	if (stopped > 0)
		return stopped;
	if (stopped < 0) {
		cli_error("登录记录没有写入使用日志：%s", err);
		return CLI_FILE;
	}
	return CLI_OK;
}

int cli_close(struct st_db *db)
{
	int rc = cli_log_now(db);
	if (db == reading)
		reading = NULL;
	st_close(db);
	return rc;
}

int cli_end(struct st_db *db, int rc)
{
	int closed = cli_close(db);
	if (closed > 128)
		return closed;
	return rc ? rc : closed;
}

struct fdef_form *cli_load_form(const struct cli *c, const char *name)
{
	char err[512];
	struct fdef_form *f = fdef_load(name, c->forms, err, sizeof err);
	if (!f)
		cli_error("%s", err);
	return f;
}

/* One line from fd, a byte at a time so that the next call gets the next
 * line.  Returns the length, or -1 when nothing could be read. */
static long read_line(int fd, char *out, size_t outsz)
{
	size_t n = 0;
	int any = 0;
	for (;;) {
		char ch;
		ssize_t r = read(fd, &ch, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		any = 1;
		if (ch == '\n')
			break;
		if (n + 1 < outsz)
			out[n++] = ch;
	}
	if (n > 0 && out[n - 1] == '\r')
		n--;
	out[n] = 0;
	return any ? (long)n : -1;
}

/* With echo off; SIGINT and SIGTSTP wait until the terminal is restored. */
static int read_tty(const char *prompt, char *out, size_t outsz)
{
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	struct termios old, quiet;
	if (tcgetattr(fd, &old) != 0) {
		close(fd);
		return -1;
	}
	sigset_t block, saved;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTSTP);
	sigprocmask(SIG_BLOCK, &block, &saved);
	quiet = old;
	quiet.c_lflag &= (tcflag_t) ~(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	tcsetattr(fd, TCSAFLUSH, &quiet);
	if (write(fd, prompt, strlen(prompt)) < 0) { /* the prompt is a courtesy */ }
	long n = read_line(fd, out, outsz);
	tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0) { /* as above */ }
	sigprocmask(SIG_SETMASK, &saved, NULL);
	close(fd);
	return n < 0 ? -1 : 0;
}

int cli_read_password(const struct cli *c, const char *prompt, char *out, size_t outsz)
{
	if (c->password_fd >= 0) {
		/* usage errors: the command line names the wrong descriptor */
		if (fcntl(c->password_fd, F_GETFD) < 0)
			return cli_usage_error("--password-fd %d：没有打开这个文件描述符", c->password_fd);
		if (read_line(c->password_fd, out, outsz) < 0)
			return cli_usage_error("--password-fd %d：读不到密码（每行一个密码）", c->password_fd);
		return CLI_OK;
	}
	if (read_tty(prompt, out, outsz) != 0)
		return cli_usage_error("无法从终端读取密码：没有终端时请用 --password-fd N 从文件描述符读取"
		                       "（密码不能写在命令行或环境变量里）");
	return CLI_OK;
}

int cli_login(const struct cli *c, struct st_db *db, struct staff_me *me)
{
	if (!c->user || !*c->user)
		return cli_usage_error("此命令需要登录：请用 --user 登录名（密码从终端输入，或用 --password-fd N）");
	char pw[AUTH_PW_MAX], err[512];
	int rc = cli_read_password(c, "密码：", pw, sizeof pw);
	if (rc)
		return rc;
	enum staff_rc s = db == reading ? staff_login_reading(db, c->user, pw, me, err, sizeof err)
	                                : staff_login(db, c->user, pw, me, err, sizeof err);
	auth_wipe(pw, sizeof pw);
	if (s == STAFF_OK) {
		snprintf(current, sizeof current, "%s", me->login);
		return CLI_OK;
	}
	cli_error("%s", err);
	return s == STAFF_ERROR ? CLI_FILE : CLI_DENIED;
}

int cli_require(struct st_db *db, struct staff_me *me, enum auth_perm p)
{
	char err[512];
	enum staff_rc s = staff_require(db, me, p, err, sizeof err);
	if (s == STAFF_OK)
		return CLI_OK;
	cli_error("%s", err);
	return s == STAFF_ERROR ? CLI_FILE : CLI_DENIED;
}

int cli_status(enum st_status st, const char *err)
{
	if (st == ST_OK)
		return CLI_OK;
	/* a customer number or login that names nobody is a mistyped
	 * argument, as an unknown kind or form is: not a rule's refusal, and
	 * said as every usage error is, with the pointer to --help */
	if (st == ST_NOTFOUND)
		return cli_usage_error("%s", err);
	cli_error("%s", err);
	return st == ST_CONSTRAINT ? CLI_REFUSED : CLI_FILE;
}

int cli_session(const struct cli *c, struct st_db *db, enum auth_perm p, struct staff_me *me,
                int *logged_in)
{
	memset(me, 0, sizeof *me);
	*logged_in = 0;
	int64_t n = staff_count(db);
	if (n < 0) {
		cli_error("读取员工账号失败");
		return CLI_FILE;
	}
	if (n == 0)
		return CLI_OK;
	int rc = cli_login(c, db, me);
	if (rc != CLI_OK)
		return rc;
	*logged_in = 1;
	return cli_require(db, me, p);
}

static const int stop_sigs[2] = { SIGINT, SIGTERM };

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

volatile sig_atomic_t *cli_stop_catch(struct cli_stop *s)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART; /* an import's reader goes on reading */
	stop_signal = 0;
	sigset_t take;
	sigemptyset(&take);
	for (int i = 0; i < 2; i++) {
		sigaction(stop_sigs[i], NULL, &s->old[i]);
		if (s->old[i].sa_handler == SIG_IGN)
			continue;
		sigaction(stop_sigs[i], &sa, NULL);
		sigaddset(&take, stop_sigs[i]);
	}
	pthread_sigmask(SIG_UNBLOCK, &take, &s->mask);
	return &stop_signal;
}

void cli_stop_release(struct cli_stop *s)
{
	pthread_sigmask(SIG_SETMASK, &s->mask, NULL);
	for (int i = 0; i < 2; i++)
		sigaction(stop_sigs[i], &s->old[i], NULL);
}

int cli_stoppable(struct st_db *db, cli_step *run, void *ctx, int *sig)
{
	struct cli_stop stop;
	volatile sig_atomic_t *flag = cli_stop_catch(&stop);
	st_interrupt_on(db, flag);
	int rc = run(ctx, flag);
	st_interrupt_on(db, NULL);
	cli_stop_release(&stop);
	*sig = *flag;
	return rc;
}
