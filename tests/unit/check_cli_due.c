/* `desk4s due` as a dealer's IT person meets it: every option error (2)
 * before the database is touched, the exact text of a small list, CSV,
 * a PDF whose text holds the Chinese names and mobiles in an embedded CJK
 * font, --out written whole or not at all, and printing through a fake lp
 * (the real CUPS round trip is tests/e2e/print.sh). */
#define _GNU_SOURCE /* fopencookie: a file that fills up */
#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "testutil.h"
#include "desk4s/pdf.h"
#include "desk4s/store.h"

static char *dir;
static char supp[PATH_MAX + 64];

static const char seed[] =
	"INSERT INTO customers(id,cust_no,nature,name,mobile,marketing_ok,birth_date) VALUES"
	" (1,'C2026000001','个人','张三','13800138000',NULL,NULL),"
	" (2,'C2026000002','个人','欧阳娜娜','13912345678',NULL,NULL),"
	" (3,'C2026000003','单位','杭州西湖区汽车服务有限公司第一分公司','15700001111',NULL,NULL),"
	" (4,'C2026000004','个人','Bob Li','18600002222','是','1990-11-23');"
	"INSERT INTO vehicles(id,customer_id,plate,consultant,insurance_due,inspection_due) VALUES"
	" (1,1,'浙A12345','小王','2026-12-20',NULL),"
	" (2,2,'浙A9B876','李四',NULL,'2026-12-23'),"
	" (3,3,'浙AD12345','王小明','2026-12-23',NULL);";

/* A directory with bin/ and tmp/; the options are checked before the
 * database is opened, so usage errors need nothing more. */
static void setup_dir(void)
{
	dir = tu_tmpdir();
	char path[600];
	snprintf(path, sizeof path, "%s/bin", dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/tmp", dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	/* Cairo's own leak while finishing a PDF, for ASan builds (see the file) */
	char cwd[PATH_MAX];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	snprintf(supp, sizeof supp, "%s/../lsan.supp", cwd);
}

static void setup(void)
{
	setup_dir();
	char path[600], err[512];
	snprintf(path, sizeof path, "%s/t.db", dir);
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	st_close(db);
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	char *msg = NULL;
	ck_assert_msg(sqlite3_exec(h, seed, NULL, NULL, &msg) == SQLITE_OK, "%s", msg ? msg : "");
	sqlite3_close(h);
}
static void teardown(void) { tu_rmtree(dir); }

static void sql(const char *q)
{
	char path[600];
	snprintf(path, sizeof path, "%s/t.db", dir);
	tu_sql_exec(path, q);
}

/* Run the program in dir with the list's date fixed; env and args are
 * shell fragments; stdout to out, stderr to err. */
static int run(const char *env, const char *args)
{
	const char *bin = getenv("DESK4S_BIN");
	ck_assert_ptr_nonnull(bin);
	char cmd[16384];
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && env DESK4S_TODAY=2026-11-23 'DESK4S_NOW=2026-11-23 09:30' TMPDIR='%s/tmp'"
	         " LSAN_OPTIONS=suppressions='%s':fast_unwind_on_malloc=0:print_suppressions=0"
	         " %s '%s' --db t.db due %s </dev/null >out 2>err",
	         dir, dir, supp, env, bin, args);
	int st = system(cmd);
	ck_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static char *file(const char *name)
{
	char p[600];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	char *s = tu_read(p);
	ck_assert_msg(s != NULL, "no file %s", name);
	return s;
}

static int starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* A shell script standing in for lp, in dir/bin. */
static void fake_lp(const char *body)
{
	char p[600], text[2048];
	snprintf(p, sizeof p, "%s/bin/lp", dir);
	snprintf(text, sizeof text, "#!/bin/sh\n%s\n", body);
	tu_write(p, text);
	ck_assert_int_eq(chmod(p, 0755), 0);
}

/* A shell script standing in for lpstat, in dir/bin: says whether the
 * scheduler runs, as lpstat -r does. */
static void fake_lpstat(int running)
{
	char p[600];
	snprintf(p, sizeof p, "%s/bin/lpstat", dir);
	tu_write(p, running ? "#!/bin/sh\necho 'scheduler is running'\n"
	                    : "#!/bin/sh\necho 'scheduler is not running'\n");
	ck_assert_int_eq(chmod(p, 0755), 0);
}

/* pdftotext of dir/name, or NULL when poppler-utils is missing. */
static char *pdf_text(const char *name)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "cd '%s' && pdftotext -layout '%s' pdf.txt && pdffonts '%s' > fonts.txt",
	         dir, name, name);
	ck_assert_msg(system(cmd) == 0, "pdftotext/pdffonts failed on %s (poppler-utils installed?)", name);
	return file("pdf.txt");
}

static const struct { const char *args; const char *says; } usage_errors[] = {
	{ "--from 2026-13-01",
	  "--from 2026-13-01：月份应为1–12，现为13（日期写作 2026-12-09、20261209、2026/12/09 或 2026年12月9日）" },
	{ "--to 2026-02-30", "--to 2026-02-30：2026年2月没有30日" },
	{ "--from 11/23", "--from 11/23：日期格式应为年-月-日" },
	{ "--from 2026-11-24 --to 2026-11-23", "--from 2026-11-24 晚于 --to 2026-11-23" },
	{ "--to 2026-11-01", "--from 2026-11-23 晚于 --to 2026-11-01" },
	{ "--kind 洗车", "--kind：未知类型“洗车”\n可用的类型：A卡回访、维修回访、交车回访、档案上传、投诉回访、保险到期、年审到期、生日" },
	{ "--format html", "--format：应为 text、csv 或 pdf，而不是“html”" },
	{ "--encoding big5", "--encoding：应为 utf-8、utf8 或 gb18030（不分大小写），而不是“big5”" },
	/* given twice: refused naming it, not the last one taken */
	{ "--out d1.csv --out d2.csv", "--out 只能给一次：先给了“d1.csv”，又给了“d2.csv”，不知该用哪一个" },
	{ "--encoding utf8 --encoding gb18030", "--encoding 只能给一次" },
	{ "--from 2026-11-01 --from 2026-11-02", "--from 只能给一次" },
	{ "--kind 生日 --kind 保险到期", "--kind 只能给一次" },
	{ "--staff 小王 --staff 小李", "--staff 只能给一次" },
	{ "--format csv --format pdf", "--format 只能给一次" },
	{ "--print q1 --print q2", "--print 只能给一次：先给了“q1”，又给了“q2”" },
	{ "--print --print=q2", "--print 只能给一次：先给了一次不带值的，又给了“q2”" },
	{ "--print q1 --print", "--print 只能给一次：先给了“q1”，又给了一次不带值的" },
	{ "--print --format pdf --print", "--print 只能给一次：命令行里给了两次" },
	{ "--format pdf --out x.pdf --encoding gb18030", "--encoding 只用于 text 和 csv 格式" },
	{ "--print --format text", "--print 总是打印 PDF" },
	{ "--print q --format csv", "不能与 --format csv 同用" },
	/* a name and a format that disagree: CSV had gone silently into y.pdf */
	{ "--out y.pdf --format csv", "--out y.pdf 的文件名是 PDF 文件，--format 却是 csv：请让两者一致" },
	{ "--out y.csv --format pdf", "--out y.csv 的文件名是 CSV 文件，--format 却是 pdf" },
	{ "--out y.CSV --format text", "--out y.CSV 的文件名是 CSV 文件，--format 却是 text" },
	{ "--out y.txt --format csv", "--out y.txt 的文件名是 纯文本 文件，--format 却是 csv" },
	{ "--print --out y.csv", "--out y.csv 的文件名是 CSV 文件，--print 却总是写出 PDF：请把文件名改为 .pdf" },
	{ "--from", "--from 需要一个参数" },
	{ "--out", "--out 需要一个参数" },
	{ "--out ''", "--out：文件名为空" },
	/* a script's unset variable: not a date in the wrong format */
	{ "--from ''", "--from：日期为空（要从今天起，不给 --from 即可）" },
	{ "--to ''", "--to：日期为空（要到今天为止，不给 --to 即可）" },
	{ "--staff ''", "--staff：负责人为空（要列出所有人的，写 --staff 全部）" },
	{ "--staff 全部 --staff 小王", "--staff 只能给一次：先给了“全部”，又给了“小王”" },
	{ "--color", "due：未知选项 --color" },
	{ "today", "due：多余的参数 today" },
};

START_TEST(usage_errors_exit_2_and_say_why)
{
	ck_assert_int_eq(run("", usage_errors[_i].args), 2);
	char *e = file("err");
	ck_assert_msg(strstr(e, usage_errors[_i].says) != NULL, "%s: %s", usage_errors[_i].args, e);
	ck_assert_ptr_nonnull(strstr(e, "desk4s: "));
	free(e);
}
END_TEST

START_TEST(options_checked_before_the_database)
{
	const char *bin = getenv("DESK4S_BIN");
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "'%s' --db /nonexistent-dir/x.db due --kind 洗车 >/dev/null 2>&1", bin);
	int st = system(cmd);
	ck_assert_int_eq(WEXITSTATUS(st), 2);
	snprintf(cmd, sizeof cmd, "'%s' --db /nonexistent-dir/x.db due >/dev/null 2>&1", bin);
	st = system(cmd);
	ck_assert_int_eq(WEXITSTATUS(st), 3);
}
END_TEST

START_TEST(pdf_refused_on_a_terminal)
{
	if (system("command -v script >/dev/null 2>&1") != 0)
		return; /* util-linux's script gives the program a terminal */
	const char *bin = getenv("DESK4S_BIN");
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "cd '%s' && script -qec \"'%s' --db t.db due --format pdf\" /dev/null >out 2>&1",
	         dir, bin);
	int st = system(cmd);
	ck_assert_int_eq(WEXITSTATUS(st), 2);
	char *o = file("out");
	ck_assert_ptr_nonnull(strstr(o, "--format pdf 需要 --out 文件"));
	free(o);
}
END_TEST

/* A lone --from after today is that day's list (a manager asking for
 * tomorrow's): --to had defaulted to today and refused it; one before
 * today still runs to today.  Dates are taken as written elsewhere. */
START_TEST(a_lone_later_from_is_that_days_list)
{
	sql("INSERT INTO vehicles(id,customer_id,plate,consultant,insurance_due) VALUES"
	    " (4,4,'浙A55555','小王','2026-12-25'), (5,2,'浙A66666','李四','2026-12-26')");
	static const char *const days[] = { "--from 2026-11-25", "--from 20261125", "--from 2026年11月25日" };
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		ck_assert_int_eq(run("", days[i]), 0);
		char *o = file("out");
		ck_assert_msg(strstr(o, "回访到期清单 2026-11-25 至 2026-11-25\n") != NULL, "%s: %s", days[i], o);
		ck_assert_ptr_nonnull(strstr(o, "浙A55555"));
		ck_assert_ptr_null(strstr(o, "浙A66666"));
		/* that day's calls, and those overdue by then carried forward */
		ck_assert_msg(strstr(o, "共 5 条，其中逾期 4 条") != NULL, "%s", o);
		free(o);
	}
	/* before today: to today, the overdue carried forward */
	ck_assert_int_eq(run("", "--from 2026-11-22"), 0);
	char *o = file("out");
	ck_assert_ptr_nonnull(strstr(o, "回访到期清单 2026-11-22 至 2026-11-23\n"));
	ck_assert_ptr_nonnull(strstr(o, "共 4 条，其中逾期 1 条"));
	free(o);
	/* a --to given stays as given */
	ck_assert_int_eq(run("", "--from 2026-11-25 --to 2026-11-26"), 0);
	o = file("out");
	ck_assert_ptr_nonnull(strstr(o, "浙A66666"));
	free(o);
	/* the case's database as the other tests know it */
	sql("DELETE FROM vehicles WHERE id IN (4, 5)");
	/* the command's help says what it takes: it had said YYYY-MM-DD only */
	ck_assert_int_eq(run("", "--help"), 0);
	o = file("out");
	ck_assert_msg(strstr(o, "日期写作 2026-12-09、20261209、\n                        2026/12/09 或 2026年12月9日") &&
	                  strstr(o, "只给晚于\n                        今天的 --from 时列出那一天的") &&
	                  strstr(o, "给了则须与扩展名一致") && !strstr(o, "YYYY-MM-DD"),
	              "%s", o);
	free(o);
}
END_TEST

START_TEST(text_exact)
{
	ck_assert_int_eq(run("DESK4S_SHOP=西湖店", "--from 2026-11-22 --to 2026-11-23"), 0);
	char *o = file("out");
	ck_assert_str_eq(o,
		"回访到期清单 2026-11-22 至 2026-11-23\n"
		"门店：西湖店\n"
		"\n"
		"应回访日    逾期(天)  类型      编号         客户              手机         车牌       负责人  事由\n"
		"---------------------------------------------------------------------------------------------------------------------\n"
		"2026-11-20  3         保险到期  C2026000001  张三              13800138000  浙A12345   小王    保险到期 2026-12-20\n"
		"2026-11-23            保险到期  C2026000003  杭州西湖区汽车…   15700001111  浙AD12345  王小明  保险到期 2026-12-23\n"
		"2026-11-23            年审到期  C2026000002  欧阳娜娜          13912345678  浙A9B876   李四    年审到期 2026-12-23\n"
		"2026-11-23            生日      C2026000004  Bob Li            18600002222                     生日祝福（1990-11-23）\n"
		"共 4 条，其中逾期 1 条\n");
	free(o);
	/* defaults: today to today, the shop 本店; filters by kind and staff */
	ck_assert_int_eq(run("", "--kind 年审到期"), 0);
	o = file("out");
	ck_assert_ptr_nonnull(strstr(o, "回访到期清单 2026-11-23 至 2026-11-23\n门店：本店　　类型：年审到期\n"));
	ck_assert_ptr_nonnull(strstr(o, "欧阳娜娜"));
	ck_assert_ptr_null(strstr(o, "张三"));
	ck_assert_ptr_nonnull(strstr(o, "共 1 条，其中逾期 0 条"));
	free(o);
	/* the shop's setting comes before the environment */
	sql("INSERT INTO config(key, value) VALUES('shop_name', '滨江店')");
	ck_assert_int_eq(run("DESK4S_SHOP=西湖店", "--kind 年审到期"), 0);
	o = file("out");
	ck_assert_ptr_nonnull(strstr(o, "门店：滨江店　　类型：年审到期\n"));
	free(o);
	sql("DELETE FROM config WHERE key = 'shop_name'"); /* the database is shared by this case's tests */
	ck_assert_int_eq(run("", "--staff 小王"), 0);
	o = file("out");
	ck_assert_ptr_nonnull(strstr(o, "张三"));
	ck_assert_ptr_null(strstr(o, "欧阳娜娜"));
	free(o);
	/* a name compared as ownership is, as the screen's 负责人 filter
	 * does: spaces around it (full- or half-width) are not the name (it
	 * found nothing) */
	ck_assert_int_eq(run("", "--staff '　小王 '"), 0);
	o = file("out");
	ck_assert_ptr_nonnull(strstr(o, "张三"));
	ck_assert_ptr_null(strstr(o, "欧阳娜娜"));
	free(o);
}
END_TEST

/* 档案上传: a delivered sale archive, due by its deadline, with what it
 * lacks; text and CSV go through the same rows. */
START_TEST(archive_upload_by_kind)
{
	sql("INSERT INTO vehicles(id,customer_id,plate,is_sale,delivery_date) VALUES (9,1,'浙A55555','是','2026-11-21')");
	int rc = run("", "--kind 档案上传");
	sql("DELETE FROM vehicles WHERE id = 9"); /* the database is shared by this case's tests */
	ck_assert_int_eq(rc, 0);
	char *o = file("out");
	ck_assert_msg(strstr(o, "2026-11-24            档案上传  C2026000001  张三  13800138000  浙A55555  前台"
	                        "    上传期限 2026-11-24；缺：性别、身份证号") != NULL, "%s", o);
	ck_assert_ptr_null(strstr(o, "保险到期"));
	ck_assert_ptr_nonnull(strstr(o, "共 1 条，其中逾期 0 条"));
	free(o);
	/* the day after the deadline it is overdue, and said missed */
	sql("INSERT INTO vehicles(id,customer_id,plate,is_sale,delivery_date) VALUES (9,1,'浙A55555','是','2026-11-21')");
	rc = run("", "--kind 档案上传 --from 2026-11-25 --to 2026-11-25 --format csv");
	sql("DELETE FROM vehicles WHERE id = 9");
	ck_assert_int_eq(rc, 0);
	o = file("out");
	ck_assert_msg(strstr(o, "2026-11-24,1,档案上传,") && strstr(o, "上传期限 2026-11-24（已错过）；缺："), "%s", o);
	free(o);
}
END_TEST

/* The text list on a terminal (script(1) gives it one) fits the terminal's
 * width -- COLUMNS, else what the terminal says -- where the 117 columns
 * of a file wrapped every row in two; a cut name ends with "…", the
 * reasons keep their dates, and a line says which columns were left out.
 * Into a file the same command keeps every column whole. */
static char *on_terminal(const char *before, const char *env)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "cd '%s' && script -qec \"%s env %s DESK4S_TODAY=2026-11-23 DESK4S_SHOP=西湖店"
	         " '%s' --db t.db due --from 2026-11-22 --to 2026-11-23\" /dev/null </dev/null >out 2>&1",
	         dir, before, env, getenv("DESK4S_BIN"));
	int st = system(cmd);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
	char *o = file("out"), *w = o;
	for (char *r = o; *r; r++) /* the terminal's CR LF */
		if (*r != '\r')
			*w++ = *r;
	*w = 0;
	return o;
}

START_TEST(text_on_a_terminal_fits_it)
{
	if (system("command -v script >/dev/null 2>&1") != 0)
		return;
	char *o = on_terminal("", "COLUMNS=80");
	ck_assert_str_eq(o,
		"回访到期清单 2026-11-22 至 2026-11-23\n"
		"门店：西湖店\n"
		"\n"
		"应回访日   逾期(天) 类型     客户       手机        负责人 事由\n"
		"--------------------------------------------------------------------------------\n"
		"2026-11-20 3        保险到期 张三       13800138000 小王   保险到期 2026-12-20\n"
		"2026-11-23          保险到期 杭州西湖…  15700001111 王小明 保险到期 2026-12-23\n"
		"2026-11-23          年审到期 欧阳娜娜   13912345678 李四   年审到期 2026-12-23\n"
		"2026-11-23          生日     Bob Li     18600002222        生日祝福（1990-11-23…\n"
		"共 4 条，其中逾期 1 条\n"
		"终端宽 80 列，未列出编号、车牌；完整的清单请放宽终端窗口，或用 --out 写入文件。\n");
	free(o);
	/* without COLUMNS, the terminal's own width */
	o = on_terminal("stty cols 100;", "-u COLUMNS");
	ck_assert_ptr_nonnull(strstr(o, "\n应回访日   逾期(天) 类型     客户             手机        车牌      负责人 事由\n"));
	ck_assert_ptr_nonnull(strstr(o, " 杭州西湖区汽车…  15700001111 浙AD12345 王小明 保险到期 2026-12-23\n"));
	ck_assert_ptr_nonnull(strstr(o, "\n终端宽 100 列，未列出编号；"));
	free(o);
	/* a file is not a terminal, whatever COLUMNS says */
	ck_assert_int_eq(run("COLUMNS=80 DESK4S_SHOP=西湖店", "--from 2026-11-22 --to 2026-11-23"), 0);
	o = file("out");
	ck_assert_ptr_nonnull(strstr(o, "\n应回访日    逾期(天)  类型      编号         客户              手机         车牌       负责人  事由\n"));
	ck_assert_ptr_null(strstr(o, "终端宽"));
	free(o);
}
END_TEST

/* --staff by login: the account's name is what the tasks carry.  On a
 * copy: accounts make every later command of this case need a login. */
START_TEST(staff_by_login_or_name)
{
	const char *bin = getenv("DESK4S_BIN");
	char cmd[16384];
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && cp t.db s.db && printf 'admin-pass-1\\n' | '%s' --db s.db --password-fd 0 user add admin"
	         " --role 管理员 >/dev/null 2>&1"
	         " && printf 'admin-pass-1\\nxiaowang-pass-1\\n' | '%s' --db s.db --user admin --password-fd 0"
	         " user add xiaowang --role 经理 --name 小王 >/dev/null 2>&1"
	         " && printf 'xiaowang-pass-1\\n' | env DESK4S_TODAY=2026-11-23"
	         " '%s' --db s.db --user xiaowang --password-fd 0 due --staff xiaowang >out 2>err",
	         dir, bin, bin, bin);
	ck_assert_int_eq(system(cmd), 0);
	char *o = file("out");
	ck_assert_msg(strstr(o, "张三") && !strstr(o, "欧阳娜娜"), "%s", o);
	/* the sheet says whose it is: the total is of 小王's tasks, not the
	 * shop's (the heading named the shop and days only) */
	ck_assert_msg(strstr(o, "\n门店：本店　　负责人：小王\n"), "%s", o);
	free(o);
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && printf 'xiaowang-pass-1\n' | env DESK4S_TODAY=2026-11-23"
	         " LSAN_OPTIONS=suppressions='%s':fast_unwind_on_malloc=0:print_suppressions=0"
	         " '%s' --db s.db --user xiaowang --password-fd 0 due --staff xiaowang --kind 维修回访"
	         " --format pdf --out f.pdf >out 2>err", dir, supp, bin);
	ck_assert_int_eq(system(cmd), 0);
	char *t = pdf_text("f.pdf");
	ck_assert_msg(strstr(t, "类型：维修回访") && strstr(t, "负责人：小王") && strstr(t, "生成时间"), "%s", t);
	free(t);
	/* a name that is no one's and holds no task: most likely a slip, said;
	 * an account with nothing due is not */
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && printf 'xiaowang-pass-1\n' | env DESK4S_TODAY=2026-11-23"
	         " '%s' --db s.db --user xiaowang --password-fd 0 due --staff 小黄 >out 2>err"
	         " && printf 'xiaowang-pass-1\n' | env DESK4S_TODAY=2026-11-23"
	         " '%s' --db s.db --user xiaowang --password-fd 0 due --staff admin >out2 2>err2", dir, bin, bin);
	ck_assert_int_eq(system(cmd), 0);
	char *e = file("err");
	ck_assert_msg(strstr(e, "没有负责人为“小黄”的回访任务") && strstr(e, "desk4s user list"), "%s", e);
	free(e);
	e = file("err2");
	ck_assert_msg(!strstr(e, "没有负责人为"), "%s", e);
	free(e);
}
END_TEST

/* A consultant's list never holds 档案上传 (the desk's work): asking for
 * that kind on a terminal (a consultant may not export the list) is
 * refused with whose work it is, not answered "共 0 条". */
START_TEST(archive_kind_refused_for_a_consultant)
{
	if (system("command -v script >/dev/null 2>&1") != 0)
		return;
	const char *bin = getenv("DESK4S_BIN");
	char cmd[4096];
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && cp t.db s2.db && printf 'admin-pass-1\\n' | '%s' --db s2.db --password-fd 0 user add admin"
	         " --role 管理员 >/dev/null 2>&1"
	         " && printf 'admin-pass-1\\nxiaoli-pass-1\\n' | '%s' --db s2.db --user admin --password-fd 0"
	         " user add xiaoli --role 销售顾问 --name 小李 >/dev/null 2>&1"
	         " && script -qec \"printf 'xiaoli-pass-1\\\\n' | env DESK4S_TODAY=2026-11-23"
	         " '%s' --db s2.db --user xiaoli --password-fd 0 due --kind 档案上传; echo rc=\\$?\" /dev/null"
	         " </dev/null >out 2>&1",
	         dir, bin, bin, bin);
	ck_assert_int_eq(system(cmd), 0);
	char *o = file("out");
	ck_assert_msg(strstr(o, "档案上传由前台、经理处理，销售顾问的回访清单中没有这一类") && strstr(o, "rc=2"), "%s", o);
	free(o);
}
END_TEST

/* desk4s due as login (password "<login>-pass-1") on a 200-column
 * terminal (script(1): a consultant may only look at the list); what the
 * terminal showed, standard error after the list, with the exit status. */
static char *due_on_terminal(const char *login, const char *args)
{
	const char *bin = getenv("DESK4S_BIN");
	char cmd[4096];
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && script -qec \"printf '%s-pass-1\\n' | env COLUMNS=200 DESK4S_TODAY=2026-11-23"
	         " '%s' --db s3.db --user %s --password-fd 0 due --from 2026-11-22 --to 2026-11-23 %s; echo rc=\\$?\""
	         " /dev/null </dev/null >out 2>&1",
	         dir, login, bin, login, args);
	ck_assert_int_eq(system(cmd), 0);
	char *o = file("out"), *w = o;
	for (char *r = o; *r; r++) /* the terminal's CR LF */
		if (*r != '\r')
			*w++ = *r;
	*w = 0;
	return o;
}

/* A 销售顾问's or 服务顾问's list without --staff is their own tasks and
 * those nobody is named for (marked 未分配), as their screen opens on,
 * said once on standard error with how to list everyone's; it had been
 * everyone's.  --staff 全部 lists everyone's; the desk's and the
 * manager's list is everyone's as before, unmarked and unsaid. */
START_TEST(a_consultant_s_list_is_theirs_and_nobody_s)
{
	if (system("command -v script >/dev/null 2>&1") != 0)
		return;
	const char *bin = getenv("DESK4S_BIN");
	static const char *const accounts[][3] = {
		{ "xiaowang", "销售顾问", "小王" }, { "lisi", "服务顾问", "李四" },
		{ "desk", "前台", "刘前台" },       { "mgr", "经理", "赵经理" },
	};
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "cd '%s' && cp t.db s3.db && printf 'admin-pass-1\\n' | '%s' --db s3.db --password-fd 0"
	         " user add admin --role 管理员 >/dev/null 2>&1", dir, bin);
	ck_assert_int_eq(system(cmd), 0);
	for (size_t i = 0; i < sizeof accounts / sizeof accounts[0]; i++) {
		snprintf(cmd, sizeof cmd, "cd '%s' && printf 'admin-pass-1\\n%s-pass-1\\n' | '%s' --db s3.db --user admin"
		         " --password-fd 0 user add %s --role %s --name %s >/dev/null 2>&1",
		         dir, accounts[i][0], bin, accounts[i][0], accounts[i][1], accounts[i][2]);
		ck_assert_int_eq(system(cmd), 0);
	}
	static const char said_own[] = "注意：没有给 --staff，%s的回访清单只列出本人（%s）负责的和未分配的任务，"
	                               "与回访到期清单屏幕相同；要列出所有人的，请加 --staff 全部。\n";
	/* the consultant: 小王's 保险到期 and the birthday nobody is named for */
	char *o = due_on_terminal("xiaowang", "");
	ck_assert_msg(strstr(o, "\n门店：本店　　负责人：小王及未分配\n"), "%s", o);
	ck_assert_msg(strstr(o, "  张三  ") && strstr(o, "  Bob Li  ") && strstr(o, "  未分配  生日祝福"), "%s", o);
	ck_assert_msg(!strstr(o, "欧阳娜娜") && !strstr(o, "杭州西湖"), "%s", o);
	char note[512];
	snprintf(note, sizeof note, said_own, "销售顾问", "小王");
	const char *total = strstr(o, "共 2 条，其中逾期 1 条\n");
	ck_assert_msg(total && strstr(total, note) && strstr(o, "rc=0"), "%s", o);
	free(o);
	/* the advisor likewise: 李四's 年审到期 and the birthday */
	o = due_on_terminal("lisi", "");
	ck_assert_msg(strstr(o, "\n门店：本店　　负责人：李四及未分配\n"), "%s", o);
	ck_assert_msg(strstr(o, "欧阳娜娜") && strstr(o, "Bob Li") && !strstr(o, "张三") && !strstr(o, "杭州西湖"), "%s", o);
	snprintf(note, sizeof note, said_own, "服务顾问", "李四");
	ck_assert_msg(strstr(o, "共 2 条，其中逾期 0 条\n") && strstr(o, note), "%s", o);
	free(o);
	/* --staff 全部 (full- or half-width spaces around it alike): everyone's,
	 * nobody's still marked, nothing said */
	o = due_on_terminal("xiaowang", "--staff '　全部 '");
	ck_assert_msg(strstr(o, "\n门店：本店\n") && strstr(o, "共 4 条，其中逾期 1 条\n"), "%s", o);
	ck_assert_msg(strstr(o, "欧阳娜娜") && strstr(o, "杭州西湖") && strstr(o, "  未分配  生日祝福"), "%s", o);
	ck_assert_msg(!strstr(o, "注意："), "%s", o);
	free(o);
	/* a name given is that name's alone, as before */
	o = due_on_terminal("xiaowang", "--staff 小王");
	ck_assert_msg(strstr(o, "\n门店：本店　　负责人：小王\n") && strstr(o, "共 1 条") && !strstr(o, "Bob Li"), "%s", o);
	ck_assert_msg(!strstr(o, "注意："), "%s", o);
	free(o);
	/* the command's help says so */
	ck_assert_int_eq(run("", "--help"), 0);
	o = file("out");
	ck_assert_msg(strstr(o, "[--staff 负责人|全部]") && strstr(o, "销售顾问、服务顾问不给 --staff 时只列出本人负责的\n"
	                                                         "                        和未分配的任务（与屏幕相同），--staff 全部 列出"),
	              "%s", o);
	free(o);
	/* the desk and the manager: everyone's, unmarked, unsaid */
	static const char *const shop[] = { "desk", "mgr" };
	for (int i = 0; i < 2; i++) {
		o = due_on_terminal(shop[i], "");
		ck_assert_msg(strstr(o, "\n门店：本店\n") && strstr(o, "共 4 条，其中逾期 1 条\n") && strstr(o, "rc=0"), "%s", o);
		ck_assert_msg(!strstr(o, "未分配") && !strstr(o, "注意："), "%s", o);
		free(o);
		o = due_on_terminal(shop[i], "--staff 全部");
		ck_assert_msg(strstr(o, "\n门店：本店\n") && strstr(o, "共 4 条，其中逾期 1 条\n"), "%s", o);
		free(o);
	}
}
END_TEST

START_TEST(csv_to_a_file_and_gb18030)
{
	ck_assert_int_eq(run("", "--format csv --out 清单.csv"), 0);
	char *o = file("清单.csv");
	ck_assert(starts(o, "\xEF\xBB\xBF应回访日,逾期(天),类型,编号,客户,手机,车牌,负责人,事由\n"));
	ck_assert_ptr_nonnull(strstr(o, "\n2026-11-20,3,保险到期,C2026000001,张三,13800138000,浙A12345,小王,"
	                                "保险到期 2026-12-20\n"));
	free(o);
	o = file("err");
	ck_assert_ptr_nonnull(strstr(o, "已将 4 条回访任务写入 清单.csv"));
	free(o);
	o = file("out");
	ck_assert_str_eq(o, "");
	free(o);
	/* standard output into a file carries the list out as --out does, and
	 * is logged as it is (it was not: a redirect went untraced) */
	char db[600];
	snprintf(db, sizeof db, "%s/t.db", dir);
	static const char to_stdout[] = "SELECT count(*) FROM audit_log WHERE action = '导出'"
	                                " AND detail LIKE '回访到期清单 %：4 条，标准输出'";
	long long before = tu_sql_int(db, to_stdout);
	ck_assert_int_eq(run("", "--format csv --encoding gb18030"), 0);
	o = file("out");
	ck_assert_ptr_nonnull(strstr(o, ",\xD5\xC5\xC8\xFD,13800138000,"));
	free(o);
	ck_assert_int_eq(tu_sql_int(db, to_stdout), before + 1);
	/* the file by its absolute path: "清单.csv" said nothing later */
	char real[PATH_MAX], q[PATH_MAX + 200];
	ck_assert_ptr_nonnull(realpath(dir, real));
	snprintf(q, sizeof q, "SELECT count(*) FROM audit_log WHERE action = '导出'"
	                      " AND detail LIKE '回访到期清单 %%：4 条，文件 %s/清单.csv'", real);
	ck_assert_int_eq(tu_sql_int(db, q), 1);
}
END_TEST

START_TEST(out_is_whole_or_absent)
{
	/* without --format the name says it: x.pdf is a PDF, x.CSV a CSV */
	ck_assert_int_eq(run("", "--out x.pdf"), 0);
	char *pdf = file("x.pdf");
	ck_assert(starts(pdf, "%PDF-"));
	free(pdf);
	ck_assert_int_eq(run("", "--out x.CSV"), 0);
	char *csv = file("x.CSV");
	ck_assert(starts(csv, "\xEF\xBB\xBF应回访日,"));
	free(csv);
	ck_assert_int_eq(run("", "--out nodir/x.txt"), 3);
	char *e = file("err");
	ck_assert_ptr_nonnull(strstr(e, "无法写入 nodir/x.txt"));
	free(e);
	/* an existing file is replaced, and no temporary file is left beside it */
	char p[600];
	snprintf(p, sizeof p, "%s/x.txt", dir);
	tu_write(p, "old");
	ck_assert_int_eq(run("", "--out x.txt"), 0);
	char *o = file("x.txt");
	ck_assert_ptr_nonnull(strstr(o, "共 4 条"));
	free(o);
	char cmd[700];
	snprintf(cmd, sizeof cmd, "ls '%s' | grep -q tmp-", dir);
	ck_assert_int_ne(system(cmd), 0);
	/* a device that fills: the failure names the file it was for */
	static const char *const full[] = { "--out /dev/full", "--format csv --out /dev/full",
		                            "--format pdf --out /dev/full" };
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(run("", full[i]), 3);
		e = file("err");
		ck_assert_msg(strstr(e, "/dev/full") && strstr(e, "磁盘已满"), "%s: %s", full[i], e);
		free(e);
	}
}
END_TEST

/* Ctrl-C or a kill while the list is made: no file under either name,
 * nothing handed to lp, nothing in the usage log, exit 128 + the signal. */
START_TEST(a_stopped_list_leaves_no_file_and_prints_nothing)
{
	fake_lp("echo \"$@\" > \"$(dirname \"$0\")/../lp.args\"; echo 'request id is front-1 (1 file(s))'");
	char path[700], tmp[700], lsan[PATH_MAX + 200];
	snprintf(path, sizeof path, "PATH=%s/bin:/usr/bin:/bin", dir);
	snprintf(tmp, sizeof tmp, "TMPDIR=%s/tmp", dir);
	snprintf(lsan, sizeof lsan, "LSAN_OPTIONS=suppressions=%s:fast_unwind_on_malloc=0:print_suppressions=0", supp);
	const char *const env[] = { "DESK4S_TODAY=2026-11-23", "DESK4S_NOW=2026-11-23 09:30", path, tmp, lsan, NULL };
	char db[600];
	snprintf(db, sizeof db, "%s/t.db", dir);
	static const char logged[] = "SELECT count(*) FROM audit_log WHERE action IN ('导出', '打印')";
	long long before = tu_sql_int(db, logged);
	static const struct { const char *args[8]; int sig; const char *says; } runs[] = {
		{ { "--db", "t.db", "due", "--format", "csv", "--out", "list.csv", NULL }, SIGINT,
		  "desk4s: 回访清单已中断：没有写出文件。" },
		{ { "--db", "t.db", "due", "--format", "pdf", "--out", "list.pdf", NULL }, SIGTERM,
		  "desk4s: 回访清单已中断：没有写出文件。" },
		{ { "--db", "t.db", "due", "--print", "front", NULL }, SIGINT, "desk4s: 回访清单已中断：没有送去打印。" },
		{ { "--db", "t.db", "due", NULL }, SIGINT, "desk4s: 回访清单已中断。" },
	};
	for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
		ck_assert_int_eq(tu_run_signalled(dir, env, runs[i].args, runs[i].sig), 128 + runs[i].sig);
		char *e = file("err");
		ck_assert_msg(strcmp(e, runs[i].says) == 0 || (starts(e, runs[i].says) && e[strlen(runs[i].says)] == '\n'),
		              "%s", e);
		free(e);
	}
	char cmd[900];
	snprintf(cmd, sizeof cmd, "cd '%s' && ls -A | grep -q '^list' || ls -A tmp | grep -q . || test -e lp.args", dir);
	ck_assert_msg(system(cmd) != 0, "a file was left or lp was called");
	ck_assert_int_eq(tu_sql_int(db, logged), before);
	/* the same, not stopped, is written and logged */
	ck_assert_int_eq(run("", "--format csv --out list.csv"), 0);
	free(file("list.csv"));
	ck_assert_int_eq(tu_sql_int(db, logged), before + 1);
	/* stopped over that earlier file: it is left, and said to be, as an
	 * export says it ("没有写出文件" alone read as if it were gone) */
	char *was = file("list.csv");
	const char *const again[] = { "--db", "t.db", "due", "--format", "csv", "--out", "list.csv", NULL };
	ck_assert_int_eq(tu_run_signalled(dir, env, again, SIGINT), 128 + SIGINT);
	char *e = file("err");
	ck_assert_msg(starts(e, "desk4s: 回访清单已中断：没有写出文件，list.csv 还是原来的那份。"), "%s", e);
	free(e);
	char *now = file("list.csv");
	ck_assert_str_eq(now, was);
	free(now);
	free(was);
	ck_assert_int_eq(tu_sql_int(db, logged), before + 1);
}
END_TEST

/* Ctrl-C at the terminal (SIGINT to the whole foreground group) once lp
 * has the list: the hand-over finishes and is said, with how to take it
 * back, rather than lp killed half way and the job's fate unknown. */
START_TEST(ctrl_c_while_lp_runs_lets_it_finish_and_says_so)
{
	fake_lp("touch \"$(dirname \"$0\")/../lp.started\"; sleep 1\n"
	        "echo \"$@\" > \"$(dirname \"$0\")/../lp.args\"; echo 'request id is front-2 (1 file(s))'");
	char db[600], started[600];
	snprintf(db, sizeof db, "%s/t.db", dir);
	snprintf(started, sizeof started, "%s/lp.started", dir);
	static const char logged[] = "SELECT count(*) FROM audit_log WHERE action = '打印'";
	long long before = tu_sql_int(db, logged);
	const char *bin = getenv("DESK4S_BIN");
	ck_assert_ptr_nonnull(bin);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		setpgid(0, 0); /* a terminal's foreground group of its own */
		char path[700], tmp[700], lsan[PATH_MAX + 200];
		snprintf(path, sizeof path, "PATH=%s/bin:/usr/bin:/bin", dir);
		snprintf(tmp, sizeof tmp, "TMPDIR=%s/tmp", dir);
		snprintf(lsan, sizeof lsan, "LSAN_OPTIONS=suppressions=%s:fast_unwind_on_malloc=0:print_suppressions=0", supp);
		const char *const env[] = { "DESK4S_TODAY=2026-11-23", "DESK4S_NOW=2026-11-23 09:30", path, tmp, lsan, NULL };
		if (chdir(dir) != 0)
			_exit(126);
		for (int i = 0; env[i]; i++)
			putenv((char *)env[i]);
		dup2(open("/dev/null", O_RDONLY), 0);
		dup2(open("out", O_WRONLY | O_CREAT | O_TRUNC, 0600), 1);
		dup2(open("err", O_WRONLY | O_CREAT | O_TRUNC, 0600), 2);
		execl(bin, bin, "--db", "t.db", "due", "--print", "front", (char *)NULL);
		_exit(127);
	}
	setpgid(pid, pid);
	for (int i = 0; i < 60000 && access(started, F_OK) != 0; i++)
		usleep(1000);
	ck_assert_int_eq(access(started, F_OK), 0);
	ck_assert_int_eq(kill(-pid, SIGINT), 0);
	ck_assert_int_eq(tu_exit_status(pid), 0);
	char *e = file("err");
	ck_assert_msg(strstr(e, "已将 4 条回访任务发送到打印机“front”（打印任务号 front-2）") &&
	              strstr(e, "中断时清单已交给打印机；如不需要，请用 cancel 取消这个打印任务。"), "%s", e);
	free(e);
	char *a = file("lp.args");
	ck_assert(starts(a, "-d front -t "));
	free(a);
	ck_assert_int_eq(tu_sql_int(db, logged), before + 1);
}
END_TEST

/* n tasks for a PDF in-process: enough rows for several pages. */
static void fill_tasks(struct due_task *t, int n)
{
	for (int i = 0; i < n; i++) {
		snprintf(t[i].kind, sizeof t[i].kind, "保险到期");
		snprintf(t[i].due_date, sizeof t[i].due_date, "2026-11-23");
		snprintf(t[i].name, sizeof t[i].name, "客户%d", i);
		snprintf(t[i].mobile, sizeof t[i].mobile, "139%08d", i);
	}
}

/* A month's list can be thousands of pages and a minute of layout: the
 * caller's stop flag (Ctrl-C) ends it between rows, with 已中断.  In a
 * child that ends at once, as the program does after a stop: a stopped
 * PDF leaves fontconfig's caches for the exit to take (pdf.c), which the
 * ASan build's leak check at exit would count. */
/* 200 tasks (8 pages) through pdf_due in a child that ends at once (see
 * above), stopped first or showing its progress every millisecond; what
 * it said comes back as "rc|err|progress|PDF bytes". */
static void pdf_in_child(int stop, char *said, size_t saidsz)
{
	int res[2];
	ck_assert_int_eq(pipe(res), 0);
	pid_t pid = fork();
	if (pid == 0) {
		enum { N = 200 };
		static struct due_task t[N];
		fill_tasks(t, N);
		char err[256] = "", *buf = NULL, *term = NULL, out[1200];
		size_t len = 0, term_len = 0;
		FILE *f = open_memstream(&buf, &len), *tf = open_memstream(&term, &term_len);
		volatile sig_atomic_t flag = stop ? SIGINT : 0;
		struct rpt_meta m = { .from = "2026-11-23", .to = "2026-11-23", .shop = "本店",
		                      .generated = "2026-11-23 09:30:00", .stop = &flag, .progress = tf,
		                      .progress_ms = 1 };
		int rc = pdf_due(f, &m, t, N, err, sizeof err);
		fclose(f);
		fclose(tf);
		/* the last line only, and whether the line was ended */
		const char *last = strrchr(term, '\r');
		int n = snprintf(out, sizeof out, "%d|%s|%s|%s", rc, err, last ? last + 1 : term, len > 1000 ? "pdf" : "-");
		_exit(write(res[1], out, (size_t)n) == n ? 0 : 1);
	}
	close(res[1]);
	memset(said, 0, saidsz);
	ck_assert_int_gt(read(res[0], said, saidsz - 1), 0);
	close(res[0]);
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the PDF ended the process (status %d)", st);
}

START_TEST(a_long_pdf_stops_when_asked)
{
	char said[1200];
	pdf_in_child(1, said, sizeof said);
	ck_assert_str_eq(said, "-1|生成 PDF 已中断||pdf");
}
END_TEST

/* A long PDF says how far it got on the terminal, on one line redrawn
 * ("\r") and ended with a line feed; here every millisecond instead of
 * every second. */
START_TEST(a_long_pdf_says_how_far_it_got)
{
	char said[1200];
	pdf_in_child(0, said, sizeof said);
	ck_assert_str_eq(said, "0||正在生成 PDF：第 8 / 8 页    \n|pdf");
}
END_TEST

/* A file that takes `room` bytes, then fails as a full disk does. */
static ssize_t full_after(void *cookie, const char *buf, size_t n)
{
	(void)buf;
	size_t *room = cookie;
	if (n > *room) {
		errno = ENOSPC;
		return -1;
	}
	*room -= n;
	return (ssize_t)n;
}

/* A disk that fills while the PDF is written: the PDF fails, saying so,
 * and the command removes its file.  Cairo's status after finishing did
 * not carry the failed write, so a list cut off half way was renamed into
 * place as "已将 N 条回访任务写入" with exit 0. */
START_TEST(a_pdf_on_a_full_disk_fails)
{
	int res[2];
	ck_assert_int_eq(pipe(res), 0);
	pid_t pid = fork();
	if (pid == 0) {
		enum { N = 200 };
		static struct due_task t[N];
		fill_tasks(t, N);
		char err[256] = "", out[400];
		size_t room = 20000;
		cookie_io_functions_t io = { .write = full_after };
		FILE *f = fopencookie(&room, "w", io);
		struct rpt_meta m = { .from = "2026-11-23", .to = "2026-11-23", .shop = "本店",
		                      .generated = "2026-11-23 09:30:00" };
		int rc = pdf_due(f, &m, t, N, err, sizeof err);
		fclose(f);
		int n = snprintf(out, sizeof out, "%d|%s", rc, err);
		_exit(write(res[1], out, (size_t)n) == n ? 0 : 1);
	}
	close(res[1]);
	char said[400] = "";
	ck_assert_int_gt(read(res[0], said, sizeof said - 1), 0);
	close(res[0]);
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ck_assert_msg(strncmp(said, "-1|", 3) == 0 && strstr(said, "磁盘已满"), "%s", said);
}
END_TEST

/* A pipe or a device (/dev/null) is written in place: renaming a finished
 * file over it would replace it with a plain file (as happened to
 * /dev/null once). */
START_TEST(out_to_a_pipe_stays_a_pipe)
{
	char p[600], cmd[1400];
	snprintf(p, sizeof p, "%s/pipe", dir);
	ck_assert_int_eq(mkfifo(p, 0600), 0);
	snprintf(cmd, sizeof cmd, "cat '%s' > '%s/got' &", p, dir);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(run("", "--format csv --from 2026-11-22 --to 2026-11-23 --out pipe"), 0);
	struct stat st;
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	/* the reader has the whole list once the writer closed the pipe */
	char *got = NULL;
	for (int i = 0; i < 200 && !(got && strstr(got, "欧阳娜娜")); i++) {
		free(got);
		usleep(10000);
		snprintf(p, sizeof p, "%s/got", dir);
		got = tu_read(p);
	}
	ck_assert_ptr_nonnull(got);
	ck_assert_ptr_nonnull(strstr(got, "应回访日,逾期(天)"));
	ck_assert_ptr_nonnull(strstr(got, "欧阳娜娜"));
	free(got);
	snprintf(cmd, sizeof cmd, "ls '%s' | grep -q tmp-", dir);
	ck_assert_int_ne(system(cmd), 0);
	/* a directory is refused by name */
	ck_assert_int_eq(run("", "--out ."), 3);
	char *e = file("err");
	ck_assert_ptr_nonnull(strstr(e, "这是一个目录"));
	free(e);
}
END_TEST

/* On the day 张三's policy expires (2026-12-20) its call, due a month
 * before, is 30 days late: the date beside "逾期30天" is headed 应回访日,
 * the day of the call, and the expiry stays in the reason — headed 到期日,
 * the row read as a policy lapsed a month ago.  The same in CSV, text and
 * the PDF. */
START_TEST(an_expiry_day_reads_as_a_late_call)
{
	const char *day = "DESK4S_TODAY=2026-12-20 'DESK4S_NOW=2026-12-20 09:30'";
	ck_assert_int_eq(run(day, "--kind 保险到期 --staff 小王 --format csv"), 0);
	char *o = file("out");
	ck_assert_str_eq(o, "\xEF\xBB\xBF应回访日,逾期(天),类型,编号,客户,手机,车牌,负责人,事由\n"
	                    "2026-11-20,30,保险到期,C2026000001,张三,13800138000,浙A12345,小王,保险到期 2026-12-20\n");
	free(o);
	ck_assert_int_eq(run(day, "--kind 保险到期 --staff 小王"), 0);
	o = file("out");
	ck_assert_msg(strstr(o, "\n应回访日    逾期(天)  类型      编号         客户  手机         车牌      负责人  事由\n") &&
	              strstr(o, "\n2026-11-20  30        保险到期  C2026000001  张三  13800138000  浙A12345  小王    "
	                        "保险到期 2026-12-20\n"),
	              "%s", o);
	free(o);
	ck_assert_int_eq(run(day, "--kind 保险到期 --staff 小王 --format pdf --out e.pdf"), 0);
	char *t = pdf_text("e.pdf");
	static const char *const want[] = { "应回访日", "2026-11-20", "30", "保险到期 2026-12-20" };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(strstr(t, want[i]) != NULL, "“%s” not in the PDF:\n%s", want[i], t);
	ck_assert_msg(strstr(t, "到期日") == NULL, "%s", t);
	free(t);
}
END_TEST

START_TEST(pdf_has_the_names_and_mobiles)
{
	ck_assert_int_eq(run("DESK4S_SHOP=西湖店", "--format pdf --out 清单.pdf"), 0);
	char *o = file("清单.pdf");
	ck_assert(starts(o, "%PDF-"));
	free(o);
	char *t = pdf_text("清单.pdf");
	static const char *const want[] = { "回访到期清单 2026-11-23 至 2026-11-23", "西湖店", "张三", "13800138000",
	                                    "欧阳娜娜", "13912345678", "Bob Li", "18600002222", "逾期(天)",
	                                    "编号", "浙A12345", "共 4 条，其中逾期 1 条" };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(strstr(t, want[i]) != NULL, "“%s” not in the PDF:\n%s", want[i], t);
	/* a cell says the days alone under 逾期(天), as text and CSV do; 编号
	 * holds an A卡's number as well as a customer's */
	ck_assert_msg(!strstr(t, "逾期3天") && !strstr(t, "客户编号"), "%s", t);
	/* pdftotext drops the thin spaces around the numbers */
	ck_assert_msg(strstr(t, "第1页/共1页") || strstr(t, "第 1 页 / 共 1 页"), "%s", t);
	free(t);
	/* the CJK font is embedded, not left to the reader's machine */
	char *f = file("fonts.txt");
	const char *cjk = strstr(f, "NotoSansCJK");
	ck_assert_msg(cjk != NULL, "%s", f);
	ck_assert_ptr_nonnull(strstr(cjk, " yes "));
	free(f);
	/* to a pipe or a file without --out */
	ck_assert_int_eq(run("", "--format pdf"), 0);
	o = file("out");
	ck_assert(starts(o, "%PDF-"));
	free(o);
}
END_TEST

START_TEST(print_sends_a_pdf_to_lp)
{
	/* records its arguments and keeps a copy of the file it was given */
	fake_lp("echo \"$@\" > \"$(dirname \"$0\")/../lp.args\"\n"
	        "for a; do f=$a; done; cp \"$f\" \"$(dirname \"$0\")/../printed\"\n"
	        "echo 'request id is desk4s-pdf-7 (1 file(s))'");
	/* PDFs left by earlier prints killed before they removed theirs: one
	 * of a process that is gone, one of a process still running (this
	 * test), and a file of another program */
	pid_t gone = fork();
	ck_assert_int_ge(gone, 0);
	if (gone == 0)
		_exit(0);
	ck_assert_int_eq(waitpid(gone, NULL, 0), gone);
	char left[600], running[600], other[600];
	snprintf(left, sizeof left, "%s/tmp/desk4s-due-%ld-Ab12Cd", dir, (long)gone);
	snprintf(running, sizeof running, "%s/tmp/desk4s-due-%ld-Ef34Gh", dir, (long)getpid());
	snprintf(other, sizeof other, "%s/tmp/desk4s-due-notes.txt", dir);
	tu_write(left, "%PDF-1.5 left");
	tu_write(running, "%PDF-1.5 running");
	tu_write(other, "notes");
	char env[700];
	snprintf(env, sizeof env, "PATH='%s/bin':/usr/bin:/bin", dir);
	ck_assert_int_eq(run(env, "--print desk4s-pdf"), 0);
	ck_assert_int_ne(access(left, F_OK), 0);
	ck_assert_int_eq(access(running, F_OK), 0);
	ck_assert_int_eq(access(other, F_OK), 0);
	ck_assert_int_eq(unlink(running), 0);
	ck_assert_int_eq(unlink(other), 0);
	char *a = file("lp.args");
	ck_assert_msg(starts(a, "-d desk4s-pdf -t 回访到期清单 2026-11-23 至 2026-11-23 -- "), "%s", a);
	free(a);
	char *e = file("err");
	ck_assert_ptr_nonnull(strstr(e, "已将 4 条回访任务发送到打印机“desk4s-pdf”（打印任务号 desk4s-pdf-7）"));
	free(e);
	char *t = pdf_text("printed");
	ck_assert_ptr_nonnull(strstr(t, "欧阳娜娜"));
	ck_assert_ptr_nonnull(strstr(t, "13912345678"));
	free(t);
	/* the temporary PDF is gone */
	char cmd[700];
	snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s/tmp')\"", dir);
	ck_assert_int_eq(system(cmd), 0);

	/* the queue from DESK4S_PRINTER, else none (CUPS's default) */
	snprintf(env, sizeof env, "PATH='%s/bin':/usr/bin:/bin DESK4S_PRINTER=front", dir);
	ck_assert_int_eq(run(env, "--print"), 0);
	a = file("lp.args");
	ck_assert(starts(a, "-d front -t "));
	free(a);
	snprintf(env, sizeof env, "PATH='%s/bin':/usr/bin:/bin", dir);
	ck_assert_int_eq(run(env, "--print --from 2026-11-20"), 0);
	a = file("lp.args");
	ck_assert_msg(starts(a, "-t 回访到期清单 2026-11-20 至 2026-11-23 -- "), "%s", a);
	free(a);
	/* the shop's printer setting, before the environment */
	sql("INSERT INTO config(key, value) VALUES('printer', 'desk')");
	snprintf(env, sizeof env, "PATH='%s/bin':/usr/bin:/bin DESK4S_PRINTER=front", dir);
	ck_assert_int_eq(run(env, "--print"), 0);
	a = file("lp.args");
	ck_assert_msg(starts(a, "-d desk -t "), "%s", a);
	free(a);
	sql("DELETE FROM config WHERE key = 'printer'");
	snprintf(env, sizeof env, "PATH='%s/bin':/usr/bin:/bin", dir);
	/* with --out the PDF is kept as well, and the log names both: the
	 * file as an export, the paper as a print */
	char db[600];
	snprintf(db, sizeof db, "%s/t.db", dir);
	static const char files[] = "SELECT count(*) FROM audit_log WHERE action = '导出' AND detail LIKE '%文件 %/kept.pdf'";
	static const char prints[] = "SELECT count(*) FROM audit_log WHERE action = '打印' AND detail LIKE '%打印机 desk4s-pdf'";
	long long printed = tu_sql_int(db, prints);
	ck_assert_int_eq(run(env, "--print=desk4s-pdf --out kept.pdf"), 0);
	a = file("kept.pdf");
	ck_assert(starts(a, "%PDF-"));
	free(a);
	ck_assert_int_eq(tu_sql_int(db, files), 1);
	ck_assert_int_eq(tu_sql_int(db, prints), printed + 1);
	/* a paused queue takes the job and prints nothing: said, lp's success
	 * notwithstanding (lpstat -p asked of the job's queue) */
	char p[600];
	snprintf(p, sizeof p, "%s/bin/lpstat", dir);
	tu_write(p, "#!/bin/sh\n[ \"$1 $2\" = '-p desk4s-pdf' ] || exit 1\n"
	            "echo 'printer desk4s-pdf disabled since Sun 06 Dec 2026 09:00:00 AM UTC -'; echo '\tPaused'\n");
	ck_assert_int_eq(chmod(p, 0755), 0);
	ck_assert_int_eq(run(env, "--print desk4s-pdf"), 0);
	e = file("err");
	ck_assert_msg(strstr(e, "（打印任务号 desk4s-pdf-7；注意：打印机“desk4s-pdf”已暂停，任务在队列中等待，打印机恢复（cupsenable）后才会打印）"),
	              "%s", e);
	free(e);
}
END_TEST

START_TEST(print_failures_exit_3)
{
	fake_lp("echo 'lp: The printer or class does not exist.' >&2; exit 1");
	fake_lpstat(1);
	char env[700];
	snprintf(env, sizeof env, "PATH='%s/bin':/usr/bin:/bin", dir);
	ck_assert_int_eq(run(env, "--print nosuch"), 3);
	char *e = file("err");
	/* said in Chinese, lp's sentence after it, then what to do */
	ck_assert_msg(strstr(e, "desk4s: 打印失败（打印机“nosuch”）：没有这台打印机（lp: The printer or class does not exist）。"
	                        "可用 lpstat") != NULL,
	              "%s", e);
	free(e);
	/* a queue that refuses jobs: not "look for the printer" */
	fake_lp("echo 'lp: Destination \"front\" is not accepting jobs.' >&2; exit 1");
	ck_assert_int_eq(run(env, "--print front"), 3);
	e = file("err");
	ck_assert_msg(strstr(e, "打印失败（打印机“front”）：这台打印机现在拒收打印任务（lp: Destination \"front\" is not accepting jobs）。"
	                        "请管理员在 CUPS 中恢复接收（cupsaccept 打印机名），再打印") != NULL, "%s", e);
	ck_assert_ptr_null(strstr(e, "lpstat -p"));
	free(e);
	fake_lp("echo 'lp: The printer or class does not exist.' >&2; exit 1");
	ck_assert_int_eq(run(env, "--print"), 3);
	e = file("err");
	ck_assert_ptr_nonnull(strstr(e, "打印失败（默认打印机）"));
	free(e);
	/* CUPS stopped: lp says the same of a queue that exists, and
	 * lpstat -p would not list it either; the message names the service */
	fake_lpstat(0);
	ck_assert_int_eq(run(env, "--print front"), 3);
	e = file("err");
	ck_assert_msg(strstr(e, "desk4s: 打印失败（打印机“front”）：打印服务 CUPS 没有运行（lpstat -r：scheduler is not running）。"
	                        "请先启动 CUPS") != NULL, "%s", e);
	ck_assert_ptr_null(strstr(e, "does not exist"));
	ck_assert_ptr_null(strstr(e, "已写入"));
	free(e);
	/* with --out the file is written before the print fails: said, as it
	 * stays, where only the failure was said */
	char db[600];
	snprintf(db, sizeof db, "%s/t.db", dir);
	static const char prints[] = "SELECT count(*) FROM audit_log WHERE action = '打印'";
	long long printed = tu_sql_int(db, prints);
	ck_assert_int_eq(run(env, "--print front --out l.pdf"), 3);
	e = file("err");
	ck_assert_msg(strstr(e, "打印服务 CUPS 没有运行") && strstr(e, "回访清单已写入 l.pdf，但没有打印"), "%s", e);
	free(e);
	e = file("l.pdf");
	ck_assert(starts(e, "%PDF"));
	free(e);
	/* the log names the file, and no print that did not happen: the file
	 * had been logged as paper sent to the printer */
	ck_assert_int_eq(tu_sql_int(db, prints), printed);
	ck_assert_int_eq(tu_sql_int(db, "SELECT count(*) FROM audit_log WHERE action = '导出' AND detail LIKE '%文件 %/l.pdf'"), 1);
	char lpstat[600];
	snprintf(lpstat, sizeof lpstat, "%s/bin/lpstat", dir);
	ck_assert_int_eq(unlink(lpstat), 0);
	/* no lp at all */
	snprintf(env, sizeof env, "PATH='%s/tmp'", dir);
	ck_assert_int_eq(run(env, "--print desk4s-pdf"), 3);
	e = file("err");
	ck_assert_msg(strstr(e, "desk4s: 找不到打印命令 lp：请安装 cups-client") != NULL, "%s", e);
	free(e);
}
END_TEST

Suite *cli_due_suite(void)
{
	Suite *s = suite_create("cli_due");
	TCase *tu = tcase_create("usage");
	tcase_add_checked_fixture(tu, setup_dir, teardown);
	tcase_add_loop_test(tu, usage_errors_exit_2_and_say_why, 0,
	                    (int)(sizeof usage_errors / sizeof usage_errors[0]));
	tcase_add_test(tu, options_checked_before_the_database);
	tcase_add_test(tu, a_long_pdf_stops_when_asked);
	tcase_add_test(tu, a_long_pdf_says_how_far_it_got);
	tcase_add_test(tu, a_pdf_on_a_full_disk_fails);
	suite_add_tcase(s, tu);
	TCase *tc = tcase_create("cli_due");
	/* one database for the case: no test changes it */
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, pdf_refused_on_a_terminal);
	tcase_add_test(tc, text_exact);
	tcase_add_test(tc, a_lone_later_from_is_that_days_list);
	tcase_add_test(tc, archive_upload_by_kind);
	tcase_add_test(tc, text_on_a_terminal_fits_it);
	tcase_add_test(tc, csv_to_a_file_and_gb18030);
	tcase_add_test(tc, staff_by_login_or_name);
	tcase_add_test(tc, archive_kind_refused_for_a_consultant);
	tcase_add_test(tc, a_consultant_s_list_is_theirs_and_nobody_s);
	tcase_add_test(tc, out_is_whole_or_absent);
	tcase_add_test(tc, a_stopped_list_leaves_no_file_and_prints_nothing);
	tcase_add_test(tc, out_to_a_pipe_stays_a_pipe);
	tcase_add_test(tc, pdf_has_the_names_and_mobiles);
	tcase_add_test(tc, an_expiry_day_reads_as_a_late_call);
	tcase_add_test(tc, print_sends_a_pdf_to_lp);
	tcase_add_test(tc, ctrl_c_while_lp_runs_lets_it_finish_and_says_so);
	tcase_add_test(tc, print_failures_exit_3);
	suite_add_tcase(s, tc);
	return s;
}
