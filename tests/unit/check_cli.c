/* The command line as a dealer's IT person meets it: --help, --version,
 * usage errors (2), file errors (3) with the file named, no terminal (2),
 * a non-UTF-8 locale (2). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include "testutil.h"
#include "desk4s/cli.h"
#include "desk4s/config.h"

static char *dir;
static char out[512], errf[512];

static void setup(void)
{
	dir = tu_tmpdir();
	snprintf(out, sizeof out, "%s/out", dir);
	snprintf(errf, sizeof errf, "%s/err", dir);
}
static void teardown(void) { tu_rmtree(dir); }

/* Run the program with args (a shell fragment), stdin from /dev/null. */
static int run(const char *env, const char *args)
{
	const char *bin = getenv("DESK4S_BIN");
	ck_assert_ptr_nonnull(bin);
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "cd '%s' && env %s '%s' %s </dev/null >out 2>err", dir, env, bin, args);
	int st = system(cmd);
	ck_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static char *slurp(const char *p) { return tu_read(p); }

/* A report sent down a pipe (--report /dev/stdout | …) has no length to
 * keep with each batch: the import goes on as before instead of stopping
 * at its first batch. */
START_TEST(import_report_down_a_pipe)
{
	const char *bin = getenv("DESK4S_BIN");
	ck_assert_ptr_nonnull(bin);
	char csv[600], cmd[2048], db[600];
	snprintf(csv, sizeof csv, "%s/c.csv", dir);
	snprintf(db, sizeof db, "%s/t.db", dir);
	FILE *f = fopen(csv, "w");
	ck_assert_ptr_nonnull(f);
	fputs("姓名,手机号,客户性质\n", f);
	for (int i = 0; i < 1200; i++)
		fprintf(f, "客户%d,139%08d,个人\n", i, i);
	fclose(f);
	snprintf(cmd, sizeof cmd, "cd '%s' && LC_ALL=C.UTF-8 '%s' --db t.db import customers c.csv --report /dev/stdout"
	         " </dev/null 2>err | cat >out", dir, bin);
	int st = system(cmd);
	ck_assert(WIFEXITED(st));
	char *said = slurp(errf);
	ck_assert_int_eq(tu_sql_int(db, "SELECT count(*) FROM customers"), 1200);
	ck_assert_msg(strstr(said, "失败") == NULL, "%s", said);
	free(said);
	char *rep = slurp(out);
	ck_assert_msg(strncmp(rep, "line,field,label,code,severity,message\n", 39) == 0, "%.200s", rep);
	free(rep);
}
END_TEST

/* The catcher of Ctrl-C and kill: a signal the command was started
 * ignoring (a job run in the background with &) stays ignored; one that
 * came while blocked is taken at once; release puts back the handlers and
 * the mask. */
START_TEST(stop_catch_keeps_an_ignored_signal_ignored)
{
	struct sigaction ign, dfl, was;
	memset(&ign, 0, sizeof ign);
	memset(&dfl, 0, sizeof dfl);
	ign.sa_handler = SIG_IGN;
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGINT, &ign, NULL);
	sigaction(SIGTERM, &dfl, NULL);
	struct cli_stop s;
	volatile sig_atomic_t *flag = cli_stop_catch(&s);
	ck_assert_int_eq(*flag, 0);
	raise(SIGINT);
	ck_assert_int_eq(*flag, 0);
	raise(SIGTERM);
	ck_assert_int_eq(*flag, SIGTERM);
	cli_stop_release(&s);
	sigaction(SIGINT, NULL, &was);
	ck_assert(was.sa_handler == SIG_IGN);
	sigaction(SIGTERM, NULL, &was);
	ck_assert(was.sa_handler == SIG_DFL);

	sigaction(SIGINT, &dfl, NULL);
	sigset_t block, mask;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, NULL);
	raise(SIGINT);
	flag = cli_stop_catch(&s);
	ck_assert_int_eq(*flag, SIGINT);
	cli_stop_release(&s);
	sigprocmask(SIG_SETMASK, NULL, &mask);
	ck_assert(sigismember(&mask, SIGINT));
	sigaction(SIGINT, NULL, &was);
	ck_assert(was.sa_handler == SIG_DFL);
}
END_TEST

START_TEST(help_and_version)
{
	ck_assert_int_eq(run("", "--help"), 0);
	char *o = slurp(out);
	ck_assert_ptr_nonnull(strstr(o, "import 种类"));
	ck_assert_ptr_nonnull(strstr(o, "export 种类"));
	ck_assert_ptr_nonnull(strstr(o, "--db"));
	free(o);
	ck_assert_int_eq(run("", "--version"), 0);
	o = slurp(out);
	ck_assert_ptr_nonnull(strstr(o, "desk4s "));
	free(o);
}
END_TEST

static const struct { const char *args; const char *says; } usage_errors[] = {
	{ "--frobnicate", "未知选项 --frobnicate" },
	{ "frobnicate", "未知命令“frobnicate”" },
	{ "--db", "--db 需要一个参数" },
	{ "--db t.db import", "import 需要种类" },
	{ "--db t.db import widgets x.csv", "未知种类“widgets”\n可用的种类：customers, vehicles, workorders, complaints" },
	{ "--db t.db export", "export 需要种类" },
	{ "--db t.db export widgets", "未知种类“widgets”" },
	{ "--db t.db export customers --encoding big5", "--encoding：应为 utf-8、utf8 或 gb18030（不分大小写），而不是“big5”" },
	{ "--db t.db import customers a.csv --encoding big5", "--encoding：应为 utf-8、utf8 或 gb18030（不分大小写），而不是“big5”" },
	{ "--db t.db import customers", "需要一个 CSV 文件" },
	{ "--db t.db import customers a.csv b.csv", "多余的参数 b.csv" },
	{ "--db t.db import customers a.csv --report", "--report 需要一个文件名" },
	{ "--db t.db import customers a.csv --refused", "--refused 需要一个文件名" },
	{ "--db t.db import customers a.csv --refused r.csv --report r.csv", "--report 和 --refused 不能是同一个文件 r.csv" },
	{ "--db t.db import customers a.csv --fast", "未知选项 --fast" },
	/* an empty file name is a script's unset variable: said as such,
	 * exit 2, as due --out and --db had it (these said "无法写入 ：…",
	 * exit 3) */
	{ "--db t.db import customers ''", "import customers：CSV 文件名为空" },
	{ "--db t.db import customers a.csv --report ''", "--report：文件名为空" },
	{ "--db t.db import customers a.csv --refused ''", "--refused：文件名为空" },
	{ "--db t.db export customers --out ''", "--out：文件名为空" },
	{ "--db t.db customer export C1 --out ''", "--out：文件名为空" },
	{ "--db t.db backup ''", "backup：备份文件名为空" },
	{ "--db t.db backup --rotate ''", "--rotate：目录为空" },
	{ "--db t.db restore ''", "restore：备份文件名为空" },
	/* an option given twice is refused, naming it, in every command:
	 * the last one silently won (--out a --out b wrote only b) */
	{ "--db t.db --db u.db export customers", "--db 只能给一次：先给了“t.db”，又给了“u.db”，不知该用哪一个" },
	{ "--db=t.db --db u.db export customers", "--db 只能给一次：先给了“t.db”，又给了“u.db”" },
	{ "--forms f1 --forms=f2 forms", "--forms 只能给一次" },
	{ "--db t.db --user a --user b export customers", "--user 只能给一次" },
	{ "--password-fd 3 --password-fd 4 forms", "--password-fd 只能给一次" },
	{ "--db t.db export customers --out a.csv --out b.csv", "--out 只能给一次：先给了“a.csv”，又给了“b.csv”" },
	{ "--db t.db export customers --encoding utf-8 --encoding gb18030", "--encoding 只能给一次" },
	{ "--db t.db export archive --from 2025-01-01 --from 2025-02-01", "--from 只能给一次" },
	{ "--db t.db export archive --to 2025-01-01 --to 2025-02-01", "--to 只能给一次" },
	{ "--db t.db import customers a.csv --report r1.csv --report r2.csv", "--report 只能给一次：先给了“r1.csv”，又给了“r2.csv”" },
	{ "--db t.db import customers a.csv --refused r1.csv --refused r2.csv", "--refused 只能给一次" },
	{ "--db t.db import customers a.csv --encoding utf8 --encoding utf8", "--encoding 只能给一次" },
	{ "--db t.db audit --from 2025-01-01 --from 2025-02-01", "--from 只能给一次" },
	{ "--db t.db audit --user a --user b", "--user 只能给一次" },
	{ "--db t.db audit --customer C1 --customer C2", "--customer 只能给一次" },
	{ "--db t.db backup --rotate d1 --rotate d2", "--rotate 只能给一次：先给了“d1”，又给了“d2”" },
	{ "--db t.db backup --rotate --rotate", "--rotate 只能给一次：命令行里给了两次" },
	{ "--db t.db backup --rotate d1 --rotate", "--rotate 只能给一次：先给了“d1”，又给了一次不带值的" },
	/* a flag twice too, said alike: it had been taken silently */
	{ "--db t.db import customers a.csv --dry-run --dry-run", "--dry-run 只能给一次：命令行里给了两次" },
	{ "--db t.db import customers a.csv --strict --dry-run --strict", "--strict 只能给一次：命令行里给了两次" },
	{ "--db t.db import customers a.csv --update --update", "--update 只能给一次：命令行里给了两次" },
	{ "--db t.db export customers --mask --out a.csv --mask", "--mask 只能给一次：命令行里给了两次" },
	{ "--db t.db export customers --excel --excel", "--excel 只能给一次：命令行里给了两次" },
	{ "--db t.db restore b.db --accept-broken-log --accept-broken-log", "--accept-broken-log 只能给一次：命令行里给了两次" },
	{ "--db t.db restore b.db --replace-damaged --replace-damaged", "--replace-damaged 只能给一次：命令行里给了两次" },
	{ "--db t.db backup --rotate --keep 3 --keep 4", "--keep 只能给一次" },
	{ "--db t.db retention --as-of 2025-01-01 --as-of 2025-02-01", "--as-of 只能给一次" },
	{ "--db t.db retention --destroy C1 --reason a --reason b", "--reason 只能给一次" },
	{ "--db t.db user add li --role 前台 --role 经理", "--role 只能给一次：先给了“前台”，又给了“经理”" },
	{ "--db t.db user add li --role 前台 --name 甲 --name 乙", "--name 只能给一次" },
};

START_TEST(usage_errors_exit_2_and_say_why)
{
	ck_assert_int_eq(run("", usage_errors[_i].args), 2);
	char *e = slurp(errf);
	ck_assert_msg(strstr(e, usage_errors[_i].says) != NULL, "%s: %s", usage_errors[_i].args, e);
	ck_assert_ptr_nonnull(strstr(e, "--help"));
	free(e);
}
END_TEST

/* --encoding takes one set of spellings in every command (export took
 * only utf-8/UTF-8/gb18030/GB18030, import any case, due utf8 too). */
START_TEST(encoding_is_spelled_alike_everywhere)
{
	static const struct { const char *v; int ok, gb; } enc[] = {
		{ "utf-8", 1, 0 }, { "UTF-8", 1, 0 }, { "Utf-8", 1, 0 }, { "utf8", 1, 0 }, { "UTF8", 1, 0 },
		{ "gb18030", 1, 1 }, { "GB18030", 1, 1 }, { "Gb18030", 1, 1 },
		{ "big5", 0, 0 }, { "gbk", 0, 0 }, { "utf-16", 0, 0 }, { "", 0, 0 },
	};
	for (size_t k = 0; k < sizeof enc / sizeof enc[0]; k++) {
		int gb = -1;
		ck_assert_int_eq(cli_encoding(enc[k].v, &gb), enc[k].ok ? CLI_OK : CLI_USAGE);
		if (enc[k].ok)
			ck_assert_int_eq(gb, enc[k].gb);
	}
	/* and through each command: the same spellings pass */
	char p[600];
	snprintf(p, sizeof p, "%s/in.csv", dir);
	tu_write(p, "客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,省区编号,城市编号,区域编号,详细地址\n"
	            "个人,个人,自来,张三,男,13800138000,330000,330100,330106,文三路1号\n");
	ck_assert_int_eq(run("DESK4S_DB=e.db", "import customers in.csv --encoding Utf8"), 0);
	ck_assert_int_eq(run("DESK4S_DB=e.db", "export customers --encoding utf8 --out u.csv"), 0);
	ck_assert_int_eq(run("DESK4S_DB=e.db", "export customers --encoding Gb18030 --out g.csv"), 0);
	snprintf(p, sizeof p, "%s/g.csv", dir);
	char *o = slurp(p);
	ck_assert_ptr_nonnull(strstr(o, "\xD5\xC5\xC8\xFD")); /* 张三 in GB18030 */
	free(o);
	ck_assert_int_eq(run("DESK4S_DB=e.db", "due --format csv --encoding UTF8"), 0);
	ck_assert_int_eq(run("DESK4S_DB=e.db", "due --format csv --encoding gB18030"), 0);
	ck_assert_int_eq(run("DESK4S_DB=e.db", "due --format csv --encoding latin1"), 2);
	o = slurp(errf);
	ck_assert_ptr_nonnull(strstr(o, "--encoding：应为 utf-8、utf8 或 gb18030（不分大小写），而不是“latin1”"));
	free(o);
}
END_TEST

START_TEST(file_errors_exit_3)
{
	ck_assert_int_eq(run("", "--db t.db import customers missing.csv"), 3);
	char *e = slurp(errf);
	ck_assert_ptr_nonnull(strstr(e, "missing.csv"));
	free(e);
	ck_assert_int_eq(run("", "--db /nonexistent-dir/t.db check"), 3);
	e = slurp(errf);
	ck_assert_ptr_nonnull(strstr(e, "/nonexistent-dir/t.db"));
	free(e);
}
END_TEST

/* A command that reads or copies the database does not create one: a
 * mistyped --db (or DESK4S_DB) made an empty database, backed it up, called
 * it sound and exported nothing, each with exit 0 — a nightly backup of the
 * wrong path reported success for ever.  Commands that make a database
 * (import, the first user add, the screen) still do. */
/* A CSV given as --db (the file to import) is said to be text, with the
 * import it was meant for, where it was called a damaged database to
 * restore a backup over; a file of binary bytes is still damaged. */
START_TEST(a_text_file_given_as_the_database_is_said_to_be_text)
{
	char p[600];
	snprintf(p, sizeof p, "%s/客户.csv", dir);
	tu_write(p, "\xef\xbb\xbf姓名,手机号\r\n张三,13800138000\r\n");
	ck_assert_int_eq(run("", "--db 客户.csv export customers"), 3);
	char *e = slurp(errf);
	ck_assert_msg(strstr(e, "文件 客户.csv 不是 desk4s 数据库，而是文本文件") &&
	                  strstr(e, "desk4s import 种类 客户.csv"),
	              "%s", e);
	free(e);
	ck_assert_int_eq(run("", "--db 客户.csv check"), 3);
	ck_assert(strstr(e = slurp(errf), "而是文本文件") != NULL);
	free(e);
	/* the file is left as it was */
	e = slurp(p);
	ck_assert_str_eq(e, "\xef\xbb\xbf姓名,手机号\r\n张三,13800138000\r\n");
	free(e);
	/* bytes that are no text: a database gone bad, said as before */
	snprintf(p, sizeof p, "%s/bad.db", dir);
	FILE *f = fopen(p, "wb");
	ck_assert_ptr_nonnull(f);
	for (int i = 0; i < 8192; i++)
		fputc((i * 7) & 0xff, f);
	fclose(f);
	ck_assert_int_eq(run("", "--db bad.db check"), 3);
	e = slurp(errf);
	ck_assert_msg(strstr(e, "已损坏") && strstr(e, "--replace-damaged") && !strstr(e, "文本文件"), "%s", e);
	free(e);
}
END_TEST

START_TEST(a_missing_database_is_not_made_by_reading_commands)
{
	static const char *const cmds[] = {
		"backup b.db", "export customers --out x.csv", "due", "due --out d.txt",
		"audit verify", "config", "retention", "customer export C1",
	};
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		char args[256], p[600];
		snprintf(args, sizeof args, "--db typo.db %s", cmds[i]);
		ck_assert_msg(run("", args) == 3, "%s", args);
		char *e = slurp(errf);
		ck_assert_msg(strstr(e, "typo.db") && strstr(e, "不存在"), "%s: %s", args, e);
		free(e);
		snprintf(p, sizeof p, "%s/typo.db", dir);
		ck_assert_msg(access(p, F_OK) != 0, "%s made %s", args, p);
		snprintf(p, sizeof p, "%s/b.db", dir);
		ck_assert_msg(access(p, F_OK) != 0, "%s made %s", args, p);
	}
	ck_assert_int_eq(run("DESK4S_DB=typo.db", "backup b.db"), 3);
	/* check makes a new one (scripts start a database so) and says so,
	 * rather than call a mistyped path the shop's file found sound */
	ck_assert_int_eq(run("", "--db new.db check"), 0);
	char *o = slurp(out);
	ck_assert_msg(strstr(o, "new.db 原先不存在，已新建一个空的数据库") && !strstr(o, "检查通过"), "%s", o);
	free(o);
	ck_assert_int_eq(run("", "--db new.db check"), 0);
	o = slurp(out);
	ck_assert_msg(strstr(o, "完整性检查通过"), "%s", o);
	free(o);
	/* the one that makes a database still makes it */
	char p[600];
	snprintf(p, sizeof p, "%s/in.csv", dir);
	tu_write(p, "姓名,手机号,客户性质\n张三,13800138000,个人\n");
	ck_assert_int_eq(run("", "--db typo.db import customers in.csv"), 0);
	ck_assert_int_eq(run("", "--db typo.db check"), 0);
	ck_assert_int_eq(run("", "--db typo.db backup b.db"), 0);
	/* an empty path is a script's unset variable, not the default shop */
	ck_assert_int_eq(run("", "--db '' backup b2.db"), 2);
	char *e = slurp(errf);
	ck_assert_msg(strstr(e, "--db 的路径为空"), "%s", e);
	free(e);
	ck_assert_int_eq(run("", "--db=  --user '' check"), 2);
}
END_TEST

/* How run_as runs the program: as another account (root ignores file
 * permissions, so a test run as root becomes nobody; any other account is
 * refused them already), or with the directory `ro` mounted read-only in a
 * mount namespace of its own (a real read-only file system, which stops
 * root too). */
enum as { AS_OTHER, AS_RO_MOUNT };

static int run_as(enum as how, const char *env, const char *args)
{
	char cmd[2048], ro[600];
	snprintf(cmd, sizeof cmd, "env LC_ALL=C.UTF-8 %s '%s' %s", env, getenv("DESK4S_BIN"), args);
	snprintf(ro, sizeof ro, "%s/ro", dir);
	pid_t pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY), o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0666),
		    e = open(errf, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		if (in < 0 || o < 0 || e < 0 || chdir(dir) != 0)
			_exit(90);
		if (how == AS_OTHER && geteuid() == 0 &&
		    (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
			_exit(91);
		if (how == AS_RO_MOUNT) {
			/* as root a mount namespace; otherwise a user namespace gives one */
			if (unshare(CLONE_NEWNS) != 0 && unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
				_exit(92);
			if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
			    mount(ro, ro, NULL, MS_BIND, NULL) != 0 ||
			    mount(NULL, ro, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) != 0)
				_exit(93);
		}
		dup2(in, 0);
		dup2(o, 1);
		dup2(e, 2);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(94);
	}
	int st;
	ck_assert(waitpid(pid, &st, 0) == pid);
	ck_assert(WIFEXITED(st));
	ck_assert_msg(WEXITSTATUS(st) < 90, "the child could not be set up (%d)", WEXITSTATUS(st));
	return WEXITSTATUS(st);
}

/* The shop's database at ro/t.db with one customer, readable by all (as a
 * copy on a share or read-only media is), and w/ for what commands write. */
static void read_only_shop(char *db, size_t dbsz)
{
	char p[600];
	ck_assert_int_eq(chmod(dir, 0755), 0);
	snprintf(p, sizeof p, "%s/w", dir);
	ck_assert_int_eq(mkdir(p, 0777), 0);
	ck_assert_int_eq(chmod(p, 0777), 0);
	snprintf(p, sizeof p, "%s/ro", dir);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/in.csv", dir);
	tu_write(p, "姓名,手机号,客户性质\n张三,13800138000,个人\n");
	ck_assert_int_eq(chmod(p, 0644), 0);
	ck_assert_int_eq(run("", "--db ro/t.db import customers in.csv"), 0);
	snprintf(db, dbsz, "%s/ro/t.db", dir);
	ck_assert_int_eq(chmod(db, 0644), 0);
	ck_assert_int_eq(chmod(out, 0666), 0);
	ck_assert_int_eq(chmod(errf, 0666), 0);
}

static int exists(const char *d, const char *name)
{
	char p[700];
	snprintf(p, sizeof p, "%s/%s", d, name);
	return access(p, F_OK) == 0;
}

/* A database this account may read but not write: every command that
 * writes — an export or a print for its usage-log line, an import, the
 * screen — is refused before any work, naming the file and what to do
 * (it had said only 没有权限, and SQLite, opening the file read-only
 * without a word, would have failed at the first write: after an
 * export's file was written, untraced); check and audit verify read it
 * where SQLite can without creating anything beside it. */
START_TEST(a_database_this_account_cannot_write_is_refused_before_any_work)
{
	char db[600];
	read_only_shop(db, sizeof db);
	/* the file read-only, its directory writable by this account */
	char rod[600];
	snprintf(rod, sizeof rod, "%s/ro", dir);
	if (geteuid() == 0)
		ck_assert_int_eq(chown(rod, 65534, 65534), 0);
	else
		ck_assert_int_eq(chmod(db, 0444), 0);
	static const struct { const char *args, *made; } writers[] = {
		{ "export customers --out w/c.csv", "w/c.csv" },
		{ "export archive --out w/a.csv", "w/a.csv" },
		{ "export greetings --out w/g.csv", "w/g.csv" },
		{ "due --out w/d.txt", "w/d.txt" },
		{ "due --format csv --out w/d.csv", "w/d.csv" },
		{ "import customers in.csv", NULL },
	};
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++) {
			char args[256];
			snprintf(args, sizeof args, "--db ro/t.db %s", writers[i].args);
			ck_assert_msg(run_as(AS_OTHER, "", args) == 3, "%s", args);
			char *e = slurp(errf);
			ck_assert_msg(strstr(e, "ro/t.db") && strstr(e, round ? "所在的目录" : "不能写入数据库文件") &&
			              strstr(e, "使用日志") && strstr(e, "请"), "%s: %s", args, e);
			free(e);
			ck_assert_msg(!writers[i].made || !exists(dir, writers[i].made), "%s wrote its file", args);
		}
		/* the screen says so before it starts */
		ck_assert_int_eq(run_as(AS_OTHER, "DESK4S_KEYS=/dev/null", "--db ro/t.db"), 3);
		char *e = slurp(errf);
		ck_assert_msg(strstr(e, "ro/t.db") && strstr(e, "保存"), "%s", e);
		free(e);
		/* reading it read-only would make a -shm this account owns beside
		 * it (the owner's terminals could no longer save) or cannot make
		 * one at all: said, with what to do */
		ck_assert_int_eq(run_as(AS_OTHER, "", "--db ro/t.db check"), 3);
		e = slurp(errf);
		ck_assert_msg(strstr(e, "只读地打开它也不行") && strstr(e, round ? "这个目录不能写" : "-shm") &&
		              strstr(e, "复制到可写的目录"), "%s", e);
		free(e);
		ck_assert(!exists(rod, "t.db-shm") && !exists(rod, "t.db-wal"));
		/* then: the file writable, its directory not (-wal, -shm and an
		 * import's -journal are made there) */
		ck_assert_int_eq(chmod(db, 0666), 0);
		if (geteuid() == 0)
			ck_assert_int_eq(chown(rod, 0, 0), 0);
		ck_assert_int_eq(chmod(rod, 0555), 0);
	}
	ck_assert_int_eq(tu_sql_int(db, "SELECT count(*) FROM customers"), 1);
	/* a terminal has it open (its -wal and -shm beside it): read as it is */
	ck_assert_int_eq(chmod(db, 0644), 0);
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "SELECT count(*) FROM customers", NULL, NULL, NULL), SQLITE_OK);
	ck_assert(exists(rod, "t.db-shm") && exists(rod, "t.db-wal"));
	ck_assert_int_eq(run_as(AS_OTHER, "", "--db ro/t.db check"), 0);
	char *o = slurp(out);
	ck_assert_msg(strstr(o, "完整性检查通过"), "%s", o);
	free(o);
	ck_assert_int_eq(run_as(AS_OTHER, "", "--db ro/t.db audit verify"), 0);
	o = slurp(out);
	ck_assert_msg(strstr(o, "使用日志完整"), "%s", o);
	free(o);
	/* an export still cannot log itself */
	ck_assert_int_eq(run_as(AS_OTHER, "", "--db ro/t.db export customers --out w/c.csv"), 3);
	ck_assert(!exists(dir, "w/c.csv"));
	sqlite3_close(h);
	ck_assert_int_eq(chmod(rod, 0755), 0);
}
END_TEST

/* A copy on read-only media (here: its directory mounted read-only, which
 * stops root as well): check and audit verify read it in place (no -shm
 * can be made; nobody can change the file, so SQLite reads it as
 * immutable); an export or an import is refused, saying the file system
 * is read-only and to copy the file to a writable disk. */
START_TEST(a_copy_on_read_only_media_is_checked_in_place)
{
	char db[600], rod[600];
	read_only_shop(db, sizeof db);
	snprintf(rod, sizeof rod, "%s/ro", dir);
	ck_assert(!exists(rod, "t.db-wal"));
	ck_assert_int_eq(run_as(AS_RO_MOUNT, "", "--db ro/t.db check"), 0);
	char *o = slurp(out);
	ck_assert_msg(strstr(o, "完整性检查通过"), "%s", o);
	free(o);
	ck_assert_int_eq(run_as(AS_RO_MOUNT, "", "--db ro/t.db audit verify"), 0);
	o = slurp(out);
	ck_assert_msg(strstr(o, "使用日志完整"), "%s", o);
	free(o);
	static const char *const writers[] = { "export customers --out w/c.csv", "due --out w/d.txt",
	                                       "import customers in.csv" };
	for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++) {
		char args[256];
		snprintf(args, sizeof args, "--db ro/t.db %s", writers[i]);
		ck_assert_msg(run_as(AS_RO_MOUNT, "", args) == 3, "%s", args);
		char *e = slurp(errf);
		ck_assert_msg(strstr(e, "ro/t.db") && strstr(e, "只读的文件系统") && strstr(e, "复制到可写的磁盘"), "%s: %s",
		              args, e);
		free(e);
	}
	ck_assert(!exists(dir, "w/c.csv") && !exists(dir, "w/d.txt"));
	ck_assert_int_eq(tu_sql_int(db, "SELECT count(*) FROM customers"), 1);
}
END_TEST

/* Every export and print of customer data is logged (SHEETS.md §6): an
 * export whose usage-log line cannot be written (here a trigger refuses
 * it, as a log gone bad or a disk full would) is not made at all — its
 * file was written first and stayed, the command failing after it. */
START_TEST(an_export_that_cannot_be_logged_leaves_no_file)
{
	char p[600], db[600];
	snprintf(p, sizeof p, "%s/in.csv", dir);
	tu_write(p, "姓名,手机号,客户性质\n张三,13800138000,个人\n");
	ck_assert_int_eq(run("", "--db t.db import customers in.csv"), 0);
	snprintf(db, sizeof db, "%s/t.db", dir);
	tu_sql_exec(db, "CREATE TRIGGER no_log BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, '日志写不进'); END");
	static const char *const cmds[] = { "export customers --out c.csv", "export vehicles --out v.csv",
	                                    "due --out d.txt", "due --format csv --out d.csv" };
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		char args[256];
		snprintf(args, sizeof args, "--db t.db %s", cmds[i]);
		ck_assert_msg(run("", args) == 3, "%s", args);
		char *e = slurp(errf);
		ck_assert_msg(strstr(e, "没有写出") && strstr(e, "无法记入使用日志") && strstr(e, "日志写不进"), "%s: %s",
		              args, e);
		free(e);
		char made[700];
		snprintf(made, sizeof made, "%s/%s", dir, strrchr(cmds[i], ' ') + 1);
		ck_assert_msg(access(made, F_OK) != 0, "%s left %s", args, made);
	}
	/* the log writable again, the same export is made and logged */
	tu_sql_exec(db, "DROP TRIGGER no_log");
	ck_assert_int_eq(run("", "--db t.db export customers --out c.csv"), 0);
	snprintf(p, sizeof p, "%s/c.csv", dir);
	ck_assert_int_eq(access(p, F_OK), 0);
	ck_assert_int_eq(tu_sql_int(db, "SELECT count(*) FROM audit_log WHERE action='导出'"), 1);
}
END_TEST

/* desk4s CMD --help prints that command's part of the usage (it was an
 * unknown subcommand, kind or option, exit 2), and opens no database. */
START_TEST(each_command_has_its_help)
{
	static const char *const cmds[] = { "import", "export", "check", "forms", "due", "user", "permissions",
	                                    "audit", "backup", "restore", "config", "retention", "customer" };
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		char args[128], want[64];
		snprintf(args, sizeof args, "--db none.db %s --help", cmds[i]);
		ck_assert_msg(run("", args) == 0, "%s", args);
		char *o = slurp(out);
		snprintf(want, sizeof want, "\n  %s", cmds[i]);
		ck_assert_msg(strstr(o, want) && strstr(o, "用法"), "%s: %s", args, o);
		free(o);
	}
	char *o;
	ck_assert_int_eq(run("", "user -h"), 0);
	o = slurp(out);
	ck_assert_msg(strstr(o, "  user add") && strstr(o, "  user list") && !strstr(o, "  import"), "%s", o);
	free(o);
	char p[600];
	snprintf(p, sizeof p, "%s/none.db", dir);
	ck_assert_int_eq(access(p, F_OK), -1);
}
END_TEST

/* The manual page's text as read: font changes dropped, \- as -. */
static void man_plain(const char *in, char *dst, size_t dstsz)
{
	size_t n = 0;
	for (const char *p = in; *p && n + 1 < dstsz; p++) {
		if (p[0] == '\\' && p[1] == 'f' && p[2]) {
			p += 2;
		} else if (p[0] == '\\' && p[1] == '-') {
			dst[n++] = '-';
			p++;
		} else if (*p != '"') {
			dst[n++] = *p;
		}
	}
	dst[n] = 0;
}

/* Every option a command's --help names is in its entry of the manual
 * page (the tagged paragraph whose tag names the command): the page's
 * due lacked --encoding and its customer export --out, which the help
 * offers. */
START_TEST(the_manual_names_each_command_s_options)
{
	static const char *const cmds[] = { "import", "export", "check", "forms", "due", "user", "permissions",
	                                    "audit", "backup", "restore", "config", "retention", "customer" };
	char *man = tu_read("../../desk4s.1");
	ck_assert_msg(man != NULL, "desk4s.1 is read from the source tree, beside tests/");
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		char args[128];
		snprintf(args, sizeof args, "--db none.db %s --help", cmds[i]);
		ck_assert_int_eq(run("", args), 0);
		char *help = slurp(out);
		/* the command's entries: each .TP whose tag holds the command's
		 * name as a word, with its text up to the next .TP or .SH */
		char entry[16384] = "";
		size_t at = 0;
		for (const char *tp = strstr(man, "\n.TP\n"); tp; tp = strstr(tp + 1, "\n.TP\n")) {
			const char *tag = tp + 5, *eol = strchr(tag, '\n');
			const char *end = eol ? strstr(eol, "\n.TP\n") : NULL, *sh = eol ? strstr(eol, "\n.SH") : NULL;
			if (!end || (sh && sh < end))
				end = sh ? sh : tag + strlen(tag);
			char tagtxt[2048], word[64];
			size_t tl = eol ? (size_t)(eol - tag) : strlen(tag);
			char raw[2048];
			snprintf(raw, sizeof raw, "%.*s", (int)(tl < sizeof raw - 1 ? tl : sizeof raw - 1), tag);
			man_plain(raw, tagtxt, sizeof tagtxt);
			snprintf(word, sizeof word, "%s ", cmds[i]);
			size_t wl = strlen(cmds[i]);
			const char *w = strstr(tagtxt, word);
			int named = (w && (w == tagtxt || w[-1] == ' ')) ||
			            (strlen(tagtxt) >= wl && strcmp(tagtxt + strlen(tagtxt) - wl, cmds[i]) == 0);
			if (named && at < sizeof entry - 1)
				at += (size_t)snprintf(entry + at, sizeof entry - at, "%.*s\n", (int)(end - tag), tag);
		}
		ck_assert_msg(at > 0, "desk4s.1 has no entry for %s", cmds[i]);
		char *entry_plain = malloc(sizeof entry);
		ck_assert_ptr_nonnull(entry_plain);
		man_plain(entry, entry_plain, sizeof entry);
		/* the options of the command's own lines (two spaces in; the
		 * first line is the global usage) */
		for (const char *line = strchr(help, '\n'); line; line = strchr(line + 1, '\n')) {
			if (strncmp(line, "\n  ", 3) != 0)
				continue;
			const char *eol = strchr(line + 1, '\n');
			for (const char *o = strstr(line, "--"); o && (!eol || o < eol); o = strstr(o + 2, "--")) {
				size_t n = 2;
				while ((o[n] >= 'a' && o[n] <= 'z') || o[n] == '-')
					n++;
				if (n == 2)
					continue;
				char opt[64];
				snprintf(opt, sizeof opt, "%.*s", (int)n, o);
				int found = 0;
				for (const char *m = strstr(entry_plain, opt); m && !found; m = strstr(m + 1, opt))
					found = !((m[n] >= 'a' && m[n] <= 'z') || m[n] == '-');
				ck_assert_msg(found, "%s --help names %s; desk4s.1's entry for %s does not", cmds[i], opt,
				              cmds[i]);
			}
		}
		free(entry_plain);
		free(help);
	}
	free(man);
}
END_TEST

/* A file broken at a line (an open quote) stops the import there: the
 * command says to correct that place, not to run the same file again,
 * which would stop at the same place. */
START_TEST(a_broken_file_is_to_be_corrected_not_run_again)
{
	char p[600];
	snprintf(p, sizeof p, "%s/in.csv", dir);
	tu_write(p, "客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,省区编号,城市编号,区域编号,详细地址\n"
	            "个人,个人,自来,张三,男,13800138000,330000,330100,330106,文三路1号\n"
	            "个人,个人,自来,李四,男,\"13800138001,330000,330100,330106,文三路1号\n");
	ck_assert_int_eq(run("DESK4S_DB=env.db", "import customers in.csv"), 3);
	char *e = slurp(errf);
	ck_assert_msg(strstr(e, "第3行开始的引号没有结束") && strstr(e, "请改正文件中上面所说的那一处，另存后再导入") &&
	              !strstr(e, "从中断处继续"), "%s", e);
	free(e);
}
END_TEST

START_TEST(import_through_the_command)
{
	char p[600];
	snprintf(p, sizeof p, "%s/in.csv", dir);
	tu_write(p, "客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,省区编号,城市编号,区域编号,详细地址\n"
	            "个人,个人,自来,张三,男,13800138000,330000,330100,330106,文三路1号\n"
	            "个人,个人,自来,李四,男,123,330000,330100,330106,文三路1号\n");
	ck_assert_int_eq(run("DESK4S_DB=env.db", "import customers in.csv --dry-run --refused bad.csv"), 1);
	char *o = slurp(out);
	ck_assert_msg(strstr(o, "试运行") && strstr(o, "可导入 1 行") && strstr(o, "拒绝 1 行") &&
	              strstr(o, "会被拒绝的 1 行已存入 bad.csv，末列“拒绝原因”写明原因，改正后导入那个文件即可。"), "%s", o);
	free(o);
	snprintf(p, sizeof p, "%s/bad.csv", dir);
	o = slurp(p);
	ck_assert_str_eq(o, "\xEF\xBB\xBF客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,省区编号,城市编号,区域编号,详细地址,"
	                    "拒绝原因\n"
	                    "个人,个人,自来,李四,男,123,330000,330100,330106,文三路1号,"
	                    "手机号：应为11位手机号码（1开头，第二位3–9），现为3位\n");
	free(o);
	mode_t was = umask(022);
	ck_assert_int_eq(run("DESK4S_DB=env.db", "import customers in.csv --report r.csv"), 1);
	umask(was);
	o = slurp(out);
	ck_assert_msg(strstr(o, "已导入 1 行") && strstr(o, "加 --refused 文件 可把被拒绝的 1 行连同拒绝原因存出，改正后导入那个文件。"),
	              "%s", o);
	free(o);
	snprintf(p, sizeof p, "%s/r.csv", dir);
	o = slurp(p);
	ck_assert_ptr_nonnull(strstr(o, "3,mobile,手机号,mobile.length,error,"));
	free(o);
	/* the report and the refused rows hold personal data: the owner's
	 * alone, whatever the umask; bad.csv was there, readable by others */
	struct stat st;
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	snprintf(p, sizeof p, "%s/bad.csv", dir);
	ck_assert_int_eq(chmod(p, 0644), 0);
	ck_assert_int_eq(run("DESK4S_DB=env.db", "import customers in.csv --dry-run --refused bad.csv"), 1);
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	/* one file under two names is one file */
	snprintf(p, sizeof p, "%s/sub", dir);
	mkdir(p, 0700);
	ck_assert_int_eq(run("DESK4S_DB=env.db", "import customers in.csv --report bad.csv --refused ./sub/../bad.csv"), 2);
	o = slurp(errf);
	ck_assert_msg(strstr(o, "--report 和 --refused 不能是同一个文件"), "%s", o);
	free(o);
	/* the file again with its refused row corrected: the other row is in
	 * already, and said so */
	snprintf(p, sizeof p, "%s/in2.csv", dir);
	tu_write(p, "客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,省区编号,城市编号,区域编号,详细地址\n"
	            "个人,个人,自来,张三,男,13800138000,330000,330100,330106,文三路1号\n"
	            "个人,个人,自来,李四,男,13800138009,330000,330100,330106,文三路1号\n");
	ck_assert_int_eq(run("DESK4S_DB=env.db", "import customers in2.csv"), 0);
	o = slurp(out);
	ck_assert_msg(strstr(o, "已导入 1 行") && strstr(o, "拒绝 0 行") &&
	              strstr(o, "另有 1 行与数据库中已有的记录相同，未重复存入。"), "%s", o);
	free(o);
	/* a row of a stored customer saying otherwise: refused, and what to do */
	snprintf(p, sizeof p, "%s/in3.csv", dir);
	tu_write(p, "客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,省区编号,城市编号,区域编号,详细地址\n"
	            "个人,个人,自来,张三,男,13800138000,330000,330100,330106,文三路9号\n");
	ck_assert_int_eq(run("DESK4S_DB=env.db", "import customers in3.csv"), 1);
	o = slurp(out);
	ck_assert_msg(strstr(o, "拒绝的行中有 1 行是数据库中已有的记录，内容与文件不同；\n要把文件中的修改合并进去，加 --update 再导入。\n"),
	              "%s", o);
	/* the row's first line says what differs */
	ck_assert_msg(strstr(o, "问题 3 条。\n  第2行（拒绝）详细地址：文件中为“文三路9号”，数据库中已有的这条记录为“文三路1号”\n"), "%s", o);
	free(o);
	/* merged, from a file that cannot tell which side is newer: said once */
	ck_assert_int_eq(run("DESK4S_DB=env.db", "import customers in3.csv --update"), 0);
	o = slurp(out);
	ck_assert_msg(strstr(o, "合并到已有记录 1 行（其中 0 行没有变化）。\n注意：文件没有“更新时间”列，无法判断文件与数据库哪一边较新："
	                        "合并的 1 行中不同的项都以文件为准。\n"), "%s", o);
	free(o);
	/* a row older than that merge (its 更新时间): the merged address is kept */
	snprintf(p, sizeof p, "%s/in4.csv", dir);
	tu_write(p, "姓名/单位名称,手机号,详细地址,更新时间\n张三,13800138000,文三路1号,2026-01-01 08:00\n");
	ck_assert_int_eq(run("DESK4S_DB=env.db", "import customers in4.csv --update"), 0);
	o = slurp(out);
	ck_assert_msg(strstr(o, "合并到已有记录 1 行（其中 1 行没有变化）。\n"
	                        "其中 1 行有 1 项数据库中的值较新（在文件这一行的更新时间之后修改过），已保留。\n") &&
	              strstr(o, "（提示）详细地址：数据库中为“文三路9号”（") && !strstr(o, "注意："), "%s", o);
	free(o);
	/* a finished file again: what it refused then, and what to do about it */
	ck_assert_int_eq(run("DESK4S_DB=env.db", "import customers in.csv"), 0);
	o = slurp(out);
	ck_assert_msg(strstr(o, "导入完毕（导入 1 行，拒绝 1 行），这次没有重复导入。\n被拒绝的行改正后另存为新文件再导入"), "%s", o);
	free(o);
	ck_assert_int_eq(run("DESK4S_DB=env.db", "import customers in2.csv"), 0);
	o = slurp(out);
	ck_assert_msg(strstr(o, "导入完毕（导入 1 行，拒绝 0 行），这次没有重复导入。\n") && !strstr(o, "改正"), "%s", o);
	free(o);
	/* a run recorded before the count was kept: not known, so said as before */
	char dbp[600];
	snprintf(dbp, sizeof dbp, "%s/env.db", dir);
	tu_sql_exec(dbp, "UPDATE import_runs SET rows_refused = NULL");
	ck_assert_int_eq(run("DESK4S_DB=env.db", "import customers in2.csv"), 0);
	o = slurp(out);
	ck_assert_msg(strstr(o, "导入完毕（导入 1 行），这次没有重复导入。\n当时若有被拒绝的行，改正后"), "%s", o);
	free(o);
	ck_assert_int_eq(run("", "--db env.db check"), 0);
	o = slurp(out);
	ck_assert_ptr_nonnull(strstr(o, "完整性检查通过"));
	free(o);
	/* damaged: said as what to do, SQLite's findings after it */
	tu_sql_exec(dbp, "PRAGMA wal_checkpoint(TRUNCATE)");
	FILE *f = fopen(dbp, "r+b");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, size - 4096, SEEK_SET);
	for (int i = 0; i < 16; i++)
		fputc(0x5a, f);
	fclose(f);
	ck_assert_int_eq(run("", "--db env.db check"), 3);
	o = slurp(errf);
	ck_assert_msg(strstr(o, "已损坏，完整性检查未通过。\n请停止录入并通知管理员：先把这个文件复制一份保留，再用最近的备份恢复")
	              && strstr(o, "检查发现（供维修用）："), "%s", o);
	free(o);
}
END_TEST

/* The columns read by another system's names are one line on the
 * terminal, counted as all of them: "另有 N 条" counts what is not said. */
START_TEST(import_says_other_names_in_one_line)
{
	for (int bad = 8; bad <= 9; bad++) {
		char p[600], text[4096];
		size_t n = (size_t)snprintf(text, sizeof text, "客户姓名,手机号码,身份证,省份,城市,区县,联系地址,"
		                                                "客户性质,客户分类,客户来源,性别,备注\n");
		for (int i = 0; i < bad; i++)
			n += (size_t)snprintf(text + n, sizeof text - n, "客户%d,123,,浙江,杭州,西湖,文三路%d号,个人,个人,自来,男,x\n",
			                      i, i);
		snprintf(p, sizeof p, "%s/in.csv", dir);
		tu_write(p, text);
		ck_assert_int_eq(run("", "--db t.db import customers in.csv --dry-run"), 1);
		char *o = slurp(out);
		ck_assert_msg(strstr(o, bad == 8 ? "问题 16 条" : "问题 17 条"), "%s", o);
		if (bad == 8) {
			ck_assert_msg(strstr(o, "（提示）按其他系统的列名读取：客户姓名→姓名/单位名称、手机号码→手机号、") &&
			              !strstr(o, "另有"), "%s", o);
		} else {
			/* nine refusals and the unknown column fill the ten lines */
			ck_assert_msg(!strstr(o, "按其他系统的列名读取") && strstr(o, "……另有 7 条"), "%s", o);
		}
		free(o);
	}
}
END_TEST

START_TEST(the_screen_needs_a_terminal_and_utf8)
{
	ck_assert_int_eq(run("", "--db t.db"), 2);
	char *e = slurp(errf);
	ck_assert_ptr_nonnull(strstr(e, "不是终端"));
	free(e);
	/* a key script stands in for the terminal, but the locale still counts */
	ck_assert_int_eq(run("LC_ALL=C DESK4S_KEYS=/dev/null", "--db t.db"), 2);
	e = slurp(errf);
	ck_assert_ptr_nonnull(strstr(e, "UTF-8"));
	free(e);
}
END_TEST

START_TEST(forms_are_listed)
{
	ck_assert_int_eq(run("", "forms customer"), 0);
	char *o = slurp(out);
	ck_assert_ptr_nonnull(strstr(o, "客户档案登记表"));
	ck_assert_ptr_nonnull(strstr(o, "sex "));
	ck_assert_ptr_nonnull(strstr(o, "当nature=个人"));
	/* each field in the words F1 says (rules_field_words) */
	ck_assert_ptr_nonnull(strstr(o, "手机号  [text 必填 customers.mobile] 校验:mobile\n"
	                                "                   11位手机号码（1开头"));
	ck_assert_ptr_nonnull(strstr(o, "选项：个人、单位\n"));
	free(o);
	/* a name that is no form is a usage error naming the forms there are;
	 * a shop's directory without the file is a file error, in Chinese */
	ck_assert_int_eq(run("", "forms nosuch"), 2);
	char *e = slurp(errf);
	ck_assert_msg(strstr(e, "没有名为“nosuch”的表单（可用：customer、visit、") != NULL, "%s", e);
	free(e);
	ck_assert_int_eq(run("", "--forms . forms ../nosuch"), 2);
	ck_assert_int_eq(run("", "--forms . forms customer"), 3);
	e = slurp(errf);
	ck_assert_msg(strstr(e, "无法打开表单文件 ./customer.csv：文件或目录不存在") != NULL, "%s", e);
	free(e);
}
END_TEST

/* Run with text on standard input (passwords through --password-fd 0). */
static int run_in(const char *input, const char *args)
{
	char in[600], cmd[4096];
	snprintf(in, sizeof in, "%s/in", dir);
	tu_write(in, input);
	snprintf(cmd, sizeof cmd, "cd '%s' && '%s' --db t.db %s <in >out 2>err", dir, getenv("DESK4S_BIN"), args);
	int st = system(cmd);
	ck_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* Once accounts exist, the data commands need a login and the permission:
 * reception cannot export; every refusal names the permission. */
START_TEST(data_commands_obey_the_roles)
{
	char p[600];
	snprintf(p, sizeof p, "%s/in.csv", dir);
	tu_write(p, "客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,身份证号码,省区编号,城市编号,区域编号,详细地址\n"
	            "个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路1号\n");
	/* a database being set up (no accounts yet) imports as the system user */
	ck_assert_int_eq(run_in("", "import customers in.csv"), 0);
	ck_assert_int_eq(run_in("admin-pass-1\n", "--password-fd 0 user add admin --role 管理员"), 0);
	ck_assert_int_eq(run_in("admin-pass-1\ndesk-pass-1\n",
	                        "--user admin --password-fd 0 user add desk --role 前台"), 0);
	ck_assert_int_eq(run_in("admin-pass-1\nboss-pass-1\n",
	                        "--user admin --password-fd 0 user add boss --role 经理"), 0);
	/* no login: a usage error that says how */
	ck_assert_int_eq(run_in("", "export customers --out x.csv"), 2);
	char *e = tu_read(errf);
	ck_assert_msg(strstr(e, "--user") != NULL, "%s", e);
	free(e);
	/* reception: refused, naming the permission */
	ck_assert_int_eq(run_in("desk-pass-1\n", "--user desk --password-fd 0 export customers --out x.csv"), 4);
	e = tu_read(errf);
	ck_assert_msg(strstr(e, "前台没有“导出”权限") != NULL, "%s", e);
	free(e);
	snprintf(p, sizeof p, "%s/x.csv", dir);
	ck_assert_ptr_null(tu_read(p));
	/* wrong password */
	ck_assert_int_eq(run_in("nope-nope-1\n", "--user boss --password-fd 0 export customers --out x.csv"), 4);
	/* the manager exports, and the export is in the usage log */
	ck_assert_int_eq(run_in("boss-pass-1\n", "--user boss --password-fd 0 export customers --out x.csv"), 0);
	char *x = tu_read(p);
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(strstr(x, "张三"));
	free(x);
	ck_assert_int_eq(run_in("boss-pass-1\n", "--user boss --password-fd 0 audit --user boss"), 0);
	char *o = tu_read(out);
	ck_assert_msg(strstr(o, "导出") != NULL, "%s", o);
	free(o);
	/* the due list: reception may read it on the terminal (the 回访 screen,
	 * or `due` there); only the manager prints or saves it, and standard
	 * output into a file (as here) is saving it */
	ck_assert_int_eq(run_in("desk-pass-1\n", "--user desk --password-fd 0 due"), 4);
	/* on a terminal (script(1) gives it one) reception reads it */
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "cd '%s' && printf 'desk-pass-1\\n' > pw && script -qec \"'%s' --db t.db --user desk"
	         " --password-fd 3 due 3<pw\" /dev/null </dev/null >out 2>err", dir, getenv("DESK4S_BIN"));
	int st = system(cmd);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
	char *shown = tu_read(out);
	ck_assert_msg(strstr(shown, "回访到期清单"), "%s", shown);
	free(shown);
	ck_assert_int_eq(run_in("desk-pass-1\n", "--user desk --password-fd 0 due --print"), 4);
	e = tu_read(errf);
	ck_assert_msg(strstr(e, "前台没有“打印”权限") != NULL, "%s", e);
	free(e);
	ck_assert_int_eq(run_in("desk-pass-1\n", "--user desk --password-fd 0 due --out due.txt"), 4);
	ck_assert_int_eq(run_in("boss-pass-1\n", "--user boss --password-fd 0 due --out due.txt"), 0);
	/* reception may register customers from a file; the same file again is
	 * not imported twice */
	ck_assert_int_eq(run_in("desk-pass-1\n", "--user desk --password-fd 0 import customers in.csv"), 0);
	o = tu_read(out);
	ck_assert_msg(strstr(o, "没有重复导入") != NULL, "%s", o);
	free(o);
	snprintf(p, sizeof p, "%s/in2.csv", dir);
	tu_write(p, "客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,省区编号,城市编号,区域编号,详细地址\n"
	            "个人,个人,自来,李四,男,13800138001,330000,330100,330106,文三路2号\n");
	ck_assert_int_eq(run_in("desk-pass-1\n", "--user desk --password-fd 0 import customers in2.csv"), 0);
}
END_TEST
/* cli_stoppable, the one Ctrl-C wrapping of the commands: inside the step
 * the signal is caught and the database's statements refused; after it
 * the signal is reported, the handler and the statements as before. */
struct seen_in_step {
	struct st_db *db;
	int flag, got;
};

static int stopped_step(void *ctx, volatile sig_atomic_t *stop)
{
	struct seen_in_step *s = ctx;
	char v[64];
	raise(SIGTERM);
	s->flag = *stop;
	s->got = cfg_get(s->db, "shop_name", v, sizeof v);
	return 7;
}

START_TEST(a_stoppable_step_is_caught_and_its_statements_ended)
{
	char path[600], err[512], v[64];
	snprintf(path, sizeof path, "%s/t.db", dir);
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	struct sigaction dfl, was;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGTERM, &dfl, NULL);
	struct seen_in_step s = { db, 0, 0 };
	int sig = -1;
	ck_assert_int_eq(cli_stoppable(db, stopped_step, &s, &sig), 7);
	ck_assert_int_eq(s.flag, SIGTERM);
	ck_assert_int_eq(s.got, -1); /* refused: 已中断 */
	ck_assert_int_eq(sig, SIGTERM);
	sigaction(SIGTERM, NULL, &was);
	ck_assert(was.sa_handler == SIG_DFL);
	ck_assert_int_eq(cfg_get(db, "shop_name", v, sizeof v), 0);
	st_close(db);
}
END_TEST

Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *t = tcase_create("cli");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, each_command_has_its_help);
	tcase_add_test(t, the_manual_names_each_command_s_options);
	tcase_add_test(t, help_and_version);
	tcase_add_test(t, import_report_down_a_pipe);
	tcase_add_test(t, stop_catch_keeps_an_ignored_signal_ignored);
	tcase_add_test(t, a_stoppable_step_is_caught_and_its_statements_ended);
	tcase_add_loop_test(t, usage_errors_exit_2_and_say_why, 0,
	                    (int)(sizeof usage_errors / sizeof usage_errors[0]));
	tcase_add_test(t, encoding_is_spelled_alike_everywhere);
	tcase_add_test(t, file_errors_exit_3);
	tcase_add_test(t, a_database_this_account_cannot_write_is_refused_before_any_work);
	tcase_add_test(t, a_copy_on_read_only_media_is_checked_in_place);
	tcase_add_test(t, an_export_that_cannot_be_logged_leaves_no_file);
	tcase_add_test(t, a_missing_database_is_not_made_by_reading_commands);
	tcase_add_test(t, a_text_file_given_as_the_database_is_said_to_be_text);
	tcase_add_test(t, import_through_the_command);
	tcase_add_test(t, a_broken_file_is_to_be_corrected_not_run_again);
	tcase_add_test(t, import_says_other_names_in_one_line);
	tcase_add_test(t, the_screen_needs_a_terminal_and_utf8);
	tcase_add_test(t, forms_are_listed);
	tcase_add_test(t, data_commands_obey_the_roles);
	suite_add_tcase(s, t);
	return s;
}
