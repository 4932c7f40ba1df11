/* Customer import: header by key or label, the report, incomplete rows,
 * --strict, --dry-run, duplicates, malformed files and exit codes. */
#include <iconv.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#include "testutil.h"
#include "desk4s/csvio.h"
#include "desk4s/customer.h"
#include "desk4s/export.h"
#include "desk4s/import.h"
#include "desk4s/text.h"

static char *dir;
static char dbpath[512], csv[512], rep[512];
static struct st_db *db;
static struct fdef_form *form;

static void setup(void)
{
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	dir = tu_tmpdir();
	snprintf(dbpath, sizeof dbpath, "%s/t.db", dir);
	snprintf(csv, sizeof csv, "%s/in.csv", dir);
	snprintf(rep, sizeof rep, "%s/report.csv", dir);
	char err[512];
	ck_assert_int_eq(st_open(dbpath, &db, err, sizeof err), ST_OK);
	form = fdef_load("customer", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(form);
}
static void teardown(void)
{
	fdef_free(form);
	st_close(db);
	tu_rmtree(dir);
}

static int run(const char *text, int dry, int strict, struct imp_stats *s, char *err, size_t errsz)
{
	tu_write(csv, text);
	struct imp_opts o = { .path = csv, .dry_run = dry, .strict = strict, .report = rep, .staff = "t" };
	return imp_run(db, "customers", form, &o, s, err, errsz);
}

static const char LABELS[] =
	"客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,身份证号码,省区编号,城市编号,区域编号,详细地址\n";
static const char KEYS[] = "nature,category,source,name,sex,mobile,id_no,province,city,district,address\n";

/* A row whose VIN or plate another customer may hold, on a file whose
 * cars cannot be read: the check used to read the damage as "nobody has
 * it" and go on; the run now stops at the row with the store's message. */
START_TEST(a_damaged_file_stops_the_duplicate_check)
{
	char err[512];
	struct imp_stats s;
	static const char head[] = "nature,category,source,name,sex,mobile,province,city,district,address,vin,plate\n";
	char text[1024];
	snprintf(text, sizeof text, "%s个人,个人,自来,张三,男,13800138000,330000,330100,330106,文三路1号,"
	         "LSVAB2BM1HN123456,浙A12345\n", head);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	st_close(db);
	tu_damage_table(dbpath, "vehicles");
	ck_assert_int_eq(st_open(dbpath, &db, err, sizeof err), ST_OK);
	snprintf(text, sizeof text, "%s个人,个人,自来,李四,男,13900001111,330000,330100,330106,文三路2号,"
	         "LSVAB2BM3HN654321,浙B54321\n", head);
	err[0] = 0;
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 3);
	ck_assert_msg(strstr(err, "第2行：查找客户失败：文件 ") && strstr(err, "已损坏或不是 desk4s 数据库"), "%s", err);
	ck_assert_int_eq(s.imported, 0);
}
END_TEST

START_TEST(labels_and_keys_both_work)
{
	char text[2048], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text, "%s个人,个人,自来,张三,男,13800138000,,330000,330100,330106,文三路1号\n", LABELS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	snprintf(text, sizeof text, "%s个人,个人,自来,李四,女,13800138001,,330000,330100,330106,文三路2号\n", KEYS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.rows, 1);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(cust_count(db), 2);
	/* keys as a spreadsheet may capitalise them */
	snprintf(text, sizeof text, "Nature,CATEGORY,Source,Name,Sex,Mobile,ID_No,Province,City,District,Address\n"
	         "个人,个人,自来,王五,女,13800138002,,330000,330100,330106,文三路3号\n");
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.problems, 0);
	ck_assert_int_eq(cust_count(db), 3);
	char *r = tu_read(rep);
	ck_assert_str_eq(r, "line,field,label,code,severity,message\n");
	free(r);
}
END_TEST

START_TEST(report_lines_and_exit_status)
{
	char text[4096], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text,
	         "\xEF\xBB\xBF%s"
	         "个人,个人,自来,张三,男,13800138000,,330000,330100,330106,文三路1号\r\n"
	         "\r\n"
	         "个人,个人,自来,李四,,13800138001,,330000,330100,330106,\"文三路\n2号\"\r\n"
	         "个人,个人,自来,王五,男,1380013,,330000,110100,330106,文三路3号\r\n"
	         "个人,个人,自来,,男,13800138003,,330000,330100,330106,文三路4号\r\n",
	         LABELS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.rows, 4);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(s.incomplete, 1);
	ck_assert_int_eq(s.refused, 2);
	char *r = tu_read(rep);
	ck_assert_str_eq(r,
		"line,field,label,code,severity,message\n"
		"4,sex,性别,required,warning,性别：必填项，不能为空\n"
		"6,mobile,手机号,mobile.length,error,手机号：应为11位手机号码（1开头，第二位3–9），现为7位\n"
		"6,city,城市编号,region.mismatch,error,城市编号：城市编号 110100（市辖区）不属于省区 330000（浙江省）（GB/T 2260）\n"
		"7,name,姓名/单位名称,required,error,姓名/单位名称：必填项，不能为空\n");
	free(r);
	struct cust_hit h[4];
	ck_assert_int_eq(cust_search(db, "李四", h, 4, err, sizeof err), 1);
	ck_assert_int_eq(h[0].incomplete, 1);
	ck_assert_int_eq(cust_search(db, "张三", h, 4, err, sizeof err), 1);
	ck_assert_int_eq(h[0].incomplete, 0);
}
END_TEST

/* What Excel leaves below the data: rows of empty fields are blank rows
 * (spaces, full-width and no-break ones too), skipped like empty lines,
 * and the lines after them keep their numbers. */
START_TEST(rows_of_empty_fields_are_blank)
{
	char text[4096], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text,
	         "%s"
	         "个人,个人,自来,张三,男,13800138000,,330000,330100,330106,文三路1号\r\n"
	         ",,,,,,,,,,\r\n"
	         "个人,个人,自来,王五,男,1380013,,330000,330100,330106,文三路3号\r\n"
	         " , ,\t,,,,,,,,\r\n"
	         "　,,,\xc2\xa0,,,,,,,\r\n"
	         ",,,,,,,,,,\r\n"
	         ",,,,,,,,,,\r\n",
	         LABELS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.rows, 2);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.refused, 1);
	char *r = tu_read(rep);
	ck_assert_str_eq(r, "line,field,label,code,severity,message\n"
	                    "4,mobile,手机号,mobile.length,error,手机号：应为11位手机号码（1开头，第二位3–9），现为7位\n");
	free(r);
}
END_TEST

/* A legacy customer may lack required values, but a spreadsheet's 合计
 * row or a note row is nobody: refused alone, where a name with only an
 * address is still a customer to complete. */
START_TEST(a_total_or_note_row_is_not_a_customer)
{
	char text[4096], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text,
	         "%s"
	         "个人,个人,自来,张三,男,13800138000,,330000,330100,330106,文三路1号\n"
	         ",,,合计,,,,,,,\n"
	         ",,,以下为2019年老系统数据（仅供参考）,,,,,,,\n"
	         ",,,王五,男,,,,,,文三路3号\n",
	         KEYS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(s.refused, 2);
	ck_assert_int_eq(cust_count(db), 2);
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "3,name,姓名/单位名称,row.nobody,error,姓名/单位名称：这一行只有“合计”，没有客户编号、"
	                        "手机号、电话、证件号码、地址或车辆，认不出是哪位客户，未导入") != NULL, "%s", r);
	ck_assert_ptr_nonnull(strstr(r, "4,name,姓名/单位名称,row.nobody,error,"));
	ck_assert_msg(strstr(r, "3,mobile,") == NULL && strstr(r, "3,source,") == NULL, "%s", r);
	free(r);
}
END_TEST

/* What older tools write after the last line — the end-of-file mark ^Z,
 * NUL padding — is not a row; a title line above the header is skipped
 * and said, and a title above no header stops the import instead of
 * refusing every row for its empty fields. */
START_TEST(end_marks_and_a_title_line)
{
	char err[512];
	struct imp_stats s;
	static const char data[] = "name,mobile\n张三,13800138000\n\x1a\n李四,13800138001\n\0\0\0\0";
	FILE *f = fopen(csv, "wb");
	fwrite(data, 1, sizeof data - 1, f);
	fclose(f);
	struct imp_opts o = { .path = csv, .staff = "t", .report = rep };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.rows, 2);
	ck_assert_int_eq(s.refused, 0);
	tu_write(csv, "客户档案登记表（2025年3月）,,,\nname,mobile,nature,source\n王五,13800138002,个人,自来\n");
	ck_assert_msg(imp_run(db, "customers", form, &o, &s, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(cust_count(db), 3);
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "\n1,,,row.title,warning,“客户档案登记表（2025年3月）”不是表头，已当作标题跳过；表头在第2行\n"),
	              "%s", r);
	free(r);
	/* two title lines (a title, then who made the list): both skipped,
	 * said once; the second had stopped the import as a header naming
	 * no column */
	tu_write(csv, "客户档案登记表（2025年3月）\n制表人：王经理\nname,mobile,nature,source\n赵六,13800138003,个人,自来\n");
	ck_assert_msg(imp_run(db, "customers", form, &o, &s, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(cust_count(db), 4);
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "\n1,,,row.title,warning,第1至2行（“客户档案登记表（2025年3月）”等 2 行）不是表头，"
	                        "已当作标题跳过；表头在第3行\n"), "%s", r);
	free(r);
	/* titles without a header under them: the line that should be it named */
	tu_write(csv, "客户档案登记表（2025年3月）\n制表人：王经理\n姓名：赵六,手机：13800138003\n");
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 3);
	ck_assert_msg(strstr(err, "第3行没有一个认得的列名（第1至2行“客户档案登记表（2025年3月）”等已当作标题跳过）"), "%s",
	              err);
	ck_assert_int_eq(cust_count(db), 4);
	/* the unknown column is named as written, full-width brackets and all */
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "未知的列“姓名：赵六”"), "%s", r);
	free(r);
	/* a title alone is no header either */
	tu_write(csv, "2025年客户名单\n");
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 3);
	ck_assert_msg(strstr(err, "没有表头：只有第1行“2025年客户名单”"), "%s", err);
	/* a one-column header is a header, not a title: its row is read (and
	 * refused without the name a customer needs) */
	tu_write(csv, "手机号\n13800138009\n");
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.rows, 1);
	ck_assert_int_eq(s.refused, 1);
}
END_TEST

/* Without --report a terminal still sees what went wrong: the first
 * refusals before the first warnings, each cut to two lines. */
START_TEST(problems_are_kept_for_the_terminal)
{
	char err[512];
	struct imp_stats s;
	FILE *f = fopen(csv, "w");
	fputs("name,mobile,nature,category,source,", f);
	for (int i = 0; i < 300; i++)
		fputs("未知", f);
	fputs("\n", f);
	for (int i = 0; i < 12; i++)
		fprintf(f, "客户%d,138001380%02d,个人,个人,自来,x\n", i, i);
	fputs("王五,1380013,个人,个人,自来,x\n", f);
	fclose(f);
	struct imp_opts o = { .path = csv, .staff = "t" };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	/* the refusal of 王五 is his mobile; the required fields he lacks
	 * (a row may be stored without them, incomplete) are hints */
	ck_assert_int_eq(s.nshown[1], 1);
	ck_assert_str_eq(s.shown[1][0], "第14行（拒绝）手机号：应为11位手机号码（1开头，第二位3–9），现为7位");
	ck_assert_int_eq(s.nshown[0], IMP_SHOWN);
	ck_assert_int_gt(s.problems, IMP_SHOWN + 1);
	/* the unknown column comes first, named in full in a report but cut here */
	ck_assert_ptr_nonnull(strstr(s.shown[0][0], "第1行（提示）"));
	size_t n = strlen(s.shown[0][0]);
	ck_assert_str_eq(s.shown[0][0] + n - strlen("…"), "…");
	ck_assert_uint_le(txt_fit(s.shown[0][0], 157), n);
	ck_assert_uint_eq(txt_fit(s.shown[0][0], 156), n - strlen("…"));
}
END_TEST

START_TEST(strict_refuses_incomplete_rows)
{
	char text[2048], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text, "%s个人,个人,自来,李四,,13800138001,,330000,330100,330106,文三路2号\n", LABELS);
	ck_assert_int_eq(run(text, 0, 1, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.refused, 1);
	ck_assert_int_eq(cust_count(db), 0);
	char *r = tu_read(rep);
	ck_assert_ptr_nonnull(strstr(r, "2,sex,性别,required,error,"));
	free(r);
}
END_TEST

START_TEST(dry_run_stores_nothing_and_predicts_the_real_run)
{
	char text[4096], err[512];
	struct imp_stats dry, real;
	snprintf(text, sizeof text,
	         "%s"
	         "个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路1号\n"
	         "个人,个人,自来,张三,女,13800138009,11010519491231002X,330000,330100,330106,文三路1号\n"
	         "个人,个人,自来,李四,,13800138001,,330000,330100,330106,文三路2号\n",
	         LABELS);
	ck_assert_int_eq(run(text, 1, 0, &dry, err, sizeof err), 1);
	char *dry_report = tu_read(rep);
	ck_assert_int_eq(cust_count(db), 0);
	ck_assert_int_eq(run(text, 0, 0, &real, err, sizeof err), 1);
	char *real_report = tu_read(rep);
	ck_assert_int_eq(dry.imported, real.imported);
	ck_assert_int_eq(dry.refused, real.refused);
	ck_assert_int_eq(real.refused, 1); /* the same ID number twice in one file */
	ck_assert_str_eq(dry_report, real_report);
	ck_assert_ptr_nonnull(strstr(real_report, "3,id_no,身份证号码,duplicate.id_no,error,"));
	ck_assert_int_eq(cust_count(db), 2);
	free(dry_report);
	free(real_report);
}
END_TEST

/* A dry run keeps the write lock to its end: while it runs, a note beside
 * the database says who runs what (another terminal's save held up names
 * it, check_store), and it is gone once the run ends. */
struct watch { const char *note; atomic_int stop, seen; char text[600]; };

static void *watch_note(void *vw)
{
	struct watch *w = vw;
	while (!w->stop && !w->seen) {
		FILE *f = fopen(w->note, "r");
		if (f) {
			size_t n = fread(w->text, 1, sizeof w->text - 1, f);
			w->text[n] = '\0';
			fclose(f);
			w->seen = 1;
		}
	}
	return NULL;
}

START_TEST(a_dry_run_says_who_holds_the_database_while_it_runs)
{
	static char text[20000 * 96];
	size_t len = (size_t)snprintf(text, sizeof text, "%s", LABELS);
	for (int i = 0; i < 20000; i++)
		len += (size_t)snprintf(text + len, sizeof text - len,
		                        "个人,个人,自来,客户%d,男,138%08d,,330000,330100,330106,文三路%d号\n", i, i, i);
	tu_write(csv, text);
	char note[600], err[512];
	snprintf(note, sizeof note, "%s-busy", dbpath);
	struct watch w = { .note = note };
	pthread_t t;
	ck_assert_int_eq(pthread_create(&t, NULL, watch_note, &w), 0);
	struct imp_opts o = { .path = csv, .dry_run = 1, .staff = "wang", .staff_name = "王经理" };
	struct imp_stats s;
	int rc = imp_run(db, "customers", form, &o, &s, err, sizeof err);
	w.stop = 1;
	pthread_join(t, NULL);
	ck_assert_int_eq(rc, 0);
	ck_assert_msg(w.seen, "no note while the dry run ran");
	ck_assert_msg(strstr(w.text, "\n王经理 正在试运行检查客户文件 in.csv（"), "%s", w.text);
	ck_assert_int_ne(access(note, F_OK), 0);
}
END_TEST

START_TEST(unknown_columns_are_reported_once)
{
	char text[2048], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text, "备注,%s", LABELS);
	strcat(text, "x,个人,个人,自来,张三,男,13800138000,,330000,330100,330106,文三路1号\n");
	strcat(text, "y,个人,个人,自来,李四,男,13800138001,,330000,330100,330106,文三路1号\n");
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	char *r = tu_read(rep);
	ck_assert_str_eq(r, "line,field,label,code,severity,message\n1,备注,,column.unknown,warning,未知的列“备注”，已忽略\n");
	free(r);
}
END_TEST

/* Another dealer system's header: its names for the form's fields are
 * taken and said; the form's own name wins over them wherever it stands,
 * the first of two other names wins over the second; 电话, beside a
 * mobile column, is the landline; a name not listed (微信) stays
 * unknown. */
START_TEST(other_systems_column_names_are_taken_and_said)
{
	char err[512];
	struct imp_stats s;
	ck_assert_int_eq(run("客户姓名,手机,身份证,地址,客户性质,客户分类,客户来源,省区编号,城市编号,区域编号,"
	                     "姓名/单位名称,车主,电话,车架号,车牌,微信\n"
	                     "张三丰,13800138000,11010519491231002X,文三路1号,个人,个人,自来,330000,330100,330106,"
	                     "张三,车主甲,0571-88880000,LSVAB2BM7FN000001,浙a12345,zs\n",
	                     0, 0, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 1);
	char *r = tu_read(rep);
	ck_assert_str_eq(r, "line,field,label,code,severity,message\n"
	                    "1,name,姓名/单位名称,column.alias,warning,列“客户姓名”也是“姓名/单位名称”，已按第11列导入，这一列已忽略\n"
	                    "1,mobile,手机号,column.alias,warning,列“手机”按“手机号”导入\n"
	                    "1,id_no,身份证号码,column.alias,warning,列“身份证”按“身份证号码”导入\n"
	                    "1,address,详细地址,column.alias,warning,列“地址”按“详细地址”导入\n"
	                    "1,name,姓名/单位名称,column.alias,warning,列“车主”也是“姓名/单位名称”，已按第11列导入，这一列已忽略\n"
	                    "1,phone1,固定电话1,column.alias,warning,列“电话”按“固定电话1”导入\n"
	                    "1,vin,车辆底盘号(VIN),column.alias,warning,列“车架号”按“车辆底盘号(VIN)”导入\n"
	                    "1,plate,车牌号,column.alias,warning,列“车牌”按“车牌号”导入\n"
	                    "1,微信,,column.unknown,warning,未知的列“微信”，已忽略\n");
	free(r);
	/* on the terminal, the columns taken are one line standing for them all */
	ck_assert_int_eq(s.problems, 9);
	ck_assert_int_eq(s.nshown[0], 4);
	ck_assert_str_eq(s.shown[0][3], "第1行（提示）按其他系统的列名读取：手机→手机号、身份证→身份证号码、地址→详细地址、"
	                                "电话→固定电话1、车架号→车辆底盘号(VIN)、车牌→车牌号");
	ck_assert_int_eq(s.shown_for[0][3], 6);
	ck_assert_int_eq(s.shown_for[0][0] + s.shown_for[0][1] + s.shown_for[0][2], 3);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT name || ' ' || mobile || ' ' || id_no || ' ' || address FROM customers"),
	                 "张三 13800138000 11010519491231002X 文三路1号");
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT vin || ' ' || plate FROM vehicles"), "LSVAB2BM7FN000001 浙A12345");
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT phone1 FROM customers"), "0571-88880000");
	/* two other names and not the form's own: the first is taken */
	ck_assert_int_eq(run("车主,客户姓名,手机号码,客户性质,客户分类,客户来源,省区编号,城市编号,区域编号,联系地址\n"
	                     "李四,李四四,13800138001,个人,个人,自来,330000,330100,330106,文三路2号\n",
	                     0, 0, &s, err, sizeof err), 0);
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "1,name,姓名/单位名称,column.alias,warning,列“车主”按“姓名/单位名称”导入\n"
	                        "1,name,姓名/单位名称,column.alias,warning,列“客户姓名”也是“姓名/单位名称”，已按第1列导入，这一列已忽略\n"),
	              "%s", r);
	free(r);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT address FROM customers WHERE name = '李四'"), "文三路2号");
}
END_TEST

/* Regions written by name, as spreadsheets have them, are stored as the
 * sheet's GB/T 2260 codes; a county-level city given as the city fills
 * the district (the row is complete); a name not found refuses the row,
 * naming the field and where it was looked for. */
/* 联系电话 alone, as spreadsheets keep mobiles and landlines in one
 * column: each value goes where it belongs — a mobile (or a number meant
 * as one: starting with 1) to 手机号, anything else to 固定电话1, checked
 * there (a row with a landline only lacks its mobile: imported,
 * incomplete; a mobile a digit short refused, saying so). */
START_TEST(a_phone_column_is_read_by_its_content)
{
	char err[512];
	struct imp_stats s;
	ck_assert_int_eq(run("客户性质,客户分类,客户来源,姓名,性别,联系电话,省份,城市,区县,地址\n"
	                     "个人,个人,自来,甲,男,+86 138 0013 8000,浙江,杭州,西湖,文三路1号\n"
	                     "个人,个人,自来,乙,男,0571-88880000,浙江,杭州,西湖,文三路2号\n"
	                     "个人,个人,自来,丙,男,1380013800,浙江,杭州,西湖,文三路3号\n",
	                     0, 0, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(s.incomplete, 1);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT group_concat(name || ':' || coalesce(mobile, '-') || '/' || coalesce(phone1, '-'), ' ')"
	                                     " FROM (SELECT * FROM customers ORDER BY id)"),
	                 "甲:13800138000/- 乙:-/0571-88880000");
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "1,mobile,手机号,column.alias,warning,列“联系电话”按内容导入：手机号码记入“手机号”，其他号码记入“固定电话1”\n") &&
	              strstr(r, "4,mobile,手机号,mobile.length,error,手机号：应为11位手机号码"), "%s", r);
	free(r);
}
END_TEST

/* A phone cell holding two numbers, as older systems keep them: both
 * stored, each in its field, and the mobile so placed is the one the
 * duplicate probe compares (a later row with it is reported); a second
 * mobile has no field and refuses its row, naming it.  A birth date kept
 * by the spreadsheet as a day number is that day. */
START_TEST(several_numbers_in_a_cell_and_excel_day_numbers)
{
	char err[512];
	struct imp_stats s;
	ck_assert_int_eq(run("客户性质,客户分类,客户来源,姓名,性别,联系电话,省份,城市,区县,地址,出生日期\n"
	                     "个人,个人,自来,甲,男,0571-88880000/13800138000,浙江,杭州,西湖,文三路1号,29000\n"
	                     "个人,个人,自来,乙,男,13800138000,浙江,杭州,西湖,文三路2号,\n"
	                     "个人,个人,自来,丙,男,13800138001，13900139001,浙江,杭州,西湖,文三路3号,\n"
	                     "个人,个人,自来,丁,男,13800138002，13900139002,浙江,杭州,西湖,文三路4号,29001\n",
	                     0, 0, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(s.refused, 2);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT group_concat(name || ':' || mobile || '/' || coalesce(phone1, '-') || '/' ||"
	                                     " coalesce(birth_date, '-'), ' ') FROM (SELECT * FROM customers ORDER BY id)"),
	                 "甲:13800138000/0571-88880000/1979-05-25 乙:13800138000/-/-");
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,phone1,固定电话1,phone.split,warning,固定电话1：一格有2个号码：0571-88880000记入固定电话1，"
	                        "13800138000记入手机号\n") &&
	              strstr(r, "2,birth_date,出生日期,date.serial,warning,出生日期：Excel日期序号29000，按1979-05-25导入\n") &&
	              strstr(r, "3,mobile,手机号,duplicate.mobile,") &&
	              strstr(r, "4,mobile,手机号,phone.several,error,手机号：一格有2个号码“13800138001，13900139001”，"
	                        "其中13900139001没有空栏可记：手机号只有一栏，请只留一个\n") &&
	              /* a refused row's warning is a warning still: not why it was refused */
	              strstr(r, "5,birth_date,出生日期,date.serial,warning,") && strstr(r, "5,mobile,手机号,phone.several,error,"),
	              "%s", r);
	free(r);
}
END_TEST

START_TEST(region_names_are_stored_as_codes)
{
	char text[2048], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text, "%s%s%s%s", LABELS,
	         "个人,个人,自来,张三,男,13800138000,,浙江省,杭州市,西湖区,文三路1号\n",
	         "个人,个人,自来,李四,男,13800138001,,河南,济源市,,文三路2号\n",
	         "个人,个人,自来,王五,男,13800138002,,浙江省,杭洲市,西湖区,文三路3号\n");
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(s.incomplete, 0);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT group_concat(name || ':' || province || '/' || city || '/' || district, ' ')"
	                                     " FROM (SELECT * FROM customers ORDER BY id)"),
	                 "张三:330000/330100/330106 李四:410000/419000/419001");
	char *r = tu_read(rep);
	ck_assert_str_eq(r, "line,field,label,code,severity,message\n"
	                    "4,city,城市编号,region.name,error,城市编号：浙江省没有名为“杭洲市”的地级区划"
	                    "（GB/T 2260；可写编号或名称，如 330000 或 浙江省）\n");
	free(r);
	/* under the headers a spreadsheet gives them */
	ck_assert_int_eq(run("客户性质,客户分类,客户来源,姓名,性别,手机,省份,城市,区县,地址\n"
	                     "个人,个人,自来,赵六,男,13800138003,浙江,杭州,西湖,文三路4号\n", 0, 0, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.incomplete, 0);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT province || '/' || city || '/' || district FROM customers WHERE name = '赵六'"),
	                 "330000/330100/330106");
	/* and as dealer systems name them (所在省, 所在市, 所在区) */
	ck_assert_int_eq(run("客户性质,客户分类,客户来源,姓名,性别,手机,所在省,所在市,所在区,地址\n"
	                     "个人,个人,自来,钱七,男,13800138004,浙江省,杭州市,滨江区,江南大道1号\n", 0, 0, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.incomplete, 0);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT province || '/' || city || '/' || district FROM customers WHERE name = '钱七'"),
	                 "330000/330100/330108");
	/* none given, but the address starts with them: read from it, said on
	 * the row; a region given is not read from the address */
	ck_assert_int_eq(run("客户性质,客户分类,客户来源,姓名,性别,手机,地址,省份,城市,区县\n"
	                     "个人,个人,自来,孙八,男,13800138005,浙江杭州滨江区江南大道2号,,,\n"
	                     "个人,个人,自来,周九,男,13800138006,浙江杭州滨江区江南大道3号,浙江,杭州,西湖\n",
	                     0, 0, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.incomplete, 0);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT group_concat(name || ':' || province || '/' || city || '/' || district, ' ')"
	                                     " FROM (SELECT * FROM customers WHERE name IN ('孙八', '周九') ORDER BY id)"),
	                 "孙八:330000/330100/330108 周九:330000/330100/330106");
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,province,省区编号,region.from_address,warning,省区编号：按详细地址填入：浙江省 杭州市 滨江区\n") &&
	              !strstr(r, "3,province"), "%s", r);
	free(r);
}
END_TEST

/* ="13800138000", as some systems export numbers for spreadsheets to
 * keep as text: quoted as CSV wants it or written raw (no CSV, but what a
 * spreadsheet reads), the mark is dropped; a raw one left open is an
 * open quote, said at its line. */
START_TEST(formula_marked_numbers)
{
	char text[1024], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text, "%s%s", LABELS,
	         "个人,个人,自来,张三,男,\"=\"\"13800138000\"\"\",\"=\"\"110105194912310011\"\"\",330000,330100,330106,文三路1号\n");
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT mobile || ' ' || id_no FROM customers"), "13800138000 110105194912310011");
	/* raw, blanks after one, the last field of a line and of the file */
	snprintf(text, sizeof text, "%s%s", LABELS,
	         "个人,个人,自来,李四,男,=\"13800138001\" ,,330000,330100,330106,=\"100\"\r\n"
	         "个人,个人,自来,王五,男,=\"13800138002\",=\"110105194912310118\",330000,330100,330106,=\"200\"");
	ck_assert_msg(run(text, 0, 0, &s, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT group_concat(mobile || ' ' || coalesce(id_no, '-') || ' ' || address, '|')"
	                                     " FROM (SELECT * FROM customers WHERE id > 1 ORDER BY id)"),
	                 "13800138001 - 100|13800138002 110105194912310118 200");
	snprintf(text, sizeof text, "%s%s", LABELS, "个人,个人,自来,赵六,男,13800138003,,330000,330100,330106,文三路1号\n"
	                                            "个人,个人,自来,钱七,男,=\"13800138004,,330000,330100,330106,文三路1号\n");
	ck_assert_int_eq(run(text, 1, 0, &s, err, sizeof err), 3);
	ck_assert_msg(strstr(err, "第3行开始的引号没有结束"), "%s", err);
	/* the file itself is wrong: run again it stops there again (the
	 * command says to correct it), and a dry run's report says where it
	 * stopped, on the quote's own line */
	ck_assert_int_eq(s.file_broken, 1);
	/* a read or memory failure is not the file's: run again it may pass */
	ck_assert_int_eq(cio_error_in_file("第7行附近读取失败"), 0);
	ck_assert_int_eq(cio_error_in_file("第7行：内存不足"), 0);
	ck_assert_int_eq(cio_error_in_file(err), 1);
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "\n3,,,import.stopped,error,试运行在此中止：导入文件 ") && strstr(r, "数据库没有写入任何内容\n"), "%s", r);
	free(r);
}
END_TEST

/* --refused: the refused rows as read (quoted fields, line breaks, a byte
 * that is no UTF-8, a GB18030 file's text) under the file's own header, in
 * UTF-8 with a BOM, each with why it was refused in a last column 拒绝原因;
 * corrected, that file imports (its reasons left in); a run that refuses
 * nothing leaves no such file. */
START_TEST(refused_rows_kept_as_read)
{
	char err[512], refp[600];
	snprintf(refp, sizeof refp, "%s.refused.csv", csv);
	struct imp_stats s;
	static const char head[] = "客户性质,客户分类,客户来源,客户姓名,性别,手机,省区编号,城市编号,区域编号,地址\n";
	static const char bad1[] = "个人,个人,自来,\"李四 \",女,1390013900,330000,330100,330106,\"文三路2号, 3单元\n二楼\"\n";
	static const char bad2[] = "个人,个人,自来,王\xff五,男,13900139002,330000,330100,330106,文三路3号\n";
	char text[2048];
	snprintf(text, sizeof text, "%s个人,个人,自来,张三,男,13900139001,330000,330100,330106,文三路1号\n%s%s", head, bad1, bad2);
	tu_write(csv, text);
	struct imp_opts o = { .path = csv, .report = rep, .staff = "t", .refused = refp };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.refused, 2);
	ck_assert_int_eq(s.refused_kept, 2);
	static const char head_out[] = "客户性质,客户分类,客户来源,客户姓名,性别,手机,省区编号,城市编号,区域编号,地址,拒绝原因\n";
	static const char bad1_out[] = "个人,个人,自来,\"李四 \",女,1390013900,330000,330100,330106,\"文三路2号, 3单元\n二楼\","
	                               "手机号：应为11位手机号码（1开头，第二位3–9），现为10位\n";
	static const char bad2_out[] = "个人,个人,自来,王\xff五,男,13900139002,330000,330100,330106,文三路3号,"
	                               "第4列（姓名/单位名称）不是有效的 UTF-8 文本，整行未导入\n";
	char want[2048];
	snprintf(want, sizeof want, "\xEF\xBB\xBF%s%s%s", head_out, bad1_out, bad2_out);
	char *got = tu_read(refp);
	ck_assert_str_eq(got, want);
	free(got);
	/* corrected, the reasons left as they were, and imported: nothing
	 * refused, no file left, the reason column not said to be unknown */
	snprintf(want, sizeof want, "\xEF\xBB\xBF%s%s%s", head_out,
	         "个人,个人,自来,李四,女,13900139000,330000,330100,330106,\"文三路2号, 3单元\n二楼\",手机号：现为10位\n",
	         "个人,个人,自来,王五,男,13900139002,330000,330100,330106,文三路3号,第4列不是有效的 UTF-8 文本\n");
	tu_write(refp, want);
	char fixed[600];
	snprintf(fixed, sizeof fixed, "%s.fixed.csv", csv);
	rename(refp, fixed);
	struct imp_opts o2 = { .path = fixed, .report = rep, .staff = "t", .refused = refp };
	ck_assert_msg(imp_run(db, "customers", form, &o2, &s, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(s.imported, 2);
	got = tu_read(rep);
	ck_assert_msg(!strstr(got, "column.unknown") && !strstr(got, "拒绝原因") && !strstr(got, ",error,"), "%s", got);
	free(got);
	struct stat st;
	ck_assert_int_ne(stat(refp, &st), 0);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT address FROM customers WHERE name = '李四'"), "文三路2号, 3单元\n二楼");
	/* a GB18030 file's refused rows come out in UTF-8, the reasons too */
	tu_write(csv, "\xbf\xcd\xbb\xa7\xd0\xd5\xc3\xfb,\xca\xd6\xbb\xfa\n" /* 客户姓名,手机 */
	              "\xd5\xd4\xc1\xf9,123\n");                                 /* 赵六,123 */
	struct imp_opts o3 = { .path = csv, .staff = "t", .refused = refp, .dry_run = 1 };
	ck_assert_int_eq(imp_run(db, "customers", form, &o3, &s, err, sizeof err), 1);
	got = tu_read(refp);
	/* the reason is what refused it, not the required fields a stored row
	 * may lack (incomplete) */
	ck_assert_str_eq(got, "\xEF\xBB\xBF客户姓名,手机,拒绝原因\n赵六,123,手机号：应为11位手机号码（1开头，第二位3–9），现为3位\n");
	free(got);
}
END_TEST

/* The file is read 64 KiB at a time: a raw ="…" cut anywhere by the end
 * of a read is read whole. */
START_TEST(formula_marks_across_reads)
{
	enum { READ = 64 * 1024 };
	static const char head[] = "客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,省区编号,城市编号,区域编号,详细地址,备注\n";
	static const char row1[] = "个人,个人,自来,张三,男,13800138000,330000,330100,330106,文三路1号,";
	static const char row2[] = "个人,个人,自来,李四,男,";
	static const char rest[] = "=\"13800138001\",330000,330100,330106,文三路2号,=\"0571\"\n";
	size_t fixed = strlen(head) + strlen(row1) + 1 + strlen(row2);
	char *text = malloc(READ + 4096), err[512];
	ck_assert_ptr_nonnull(text);
	for (size_t k = 0; k < strlen(rest); k++) {
		/* the read ends k bytes into row 2's mobile */
		size_t pad = READ - k - fixed;
		size_t n = (size_t)snprintf(text, READ + 4096, "%s%s", head, row1);
		memset(text + n, 'x', pad);
		snprintf(text + n + pad, READ + 4096 - n - pad, "\n%s%s", row2, rest);
		ck_assert_int_eq(strstr(text, rest) - text, READ - (ptrdiff_t)k);
		struct imp_stats s;
		ck_assert_msg(run(text, 1, 0, &s, err, sizeof err) == 0, "cut %zu: %s", k, err);
		ck_assert_int_eq(s.imported, 2);
	}
	free(text);
}
END_TEST

/* A spreadsheet's "text (tab delimited)" export, which systems often name
 * .csv: read by its tabs (empty fields, quotes and commas inside kept). */
START_TEST(a_tab_delimited_export_is_read)
{
	char err[512];
	struct imp_stats s;
	ck_assert_int_eq(run("客户性质\t客户分类\t客户来源\t姓名\t性别\t手机\t固定电话\t省份\t城市\t区县\t地址\r\n"
	                     "个人\t个人\t自来\t张三\t男\t13800138000\t\t浙江\t杭州\t西湖\t文三路1号\r\n"
	                     "个人\t个人\t自来\t\"李四\"\t男\t13800138001\t0571-85900933\t浙江\t杭州\t西湖\t\"文三路2号,3幢\"\r\n",
	                     0, 0, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT group_concat(name || ':' || mobile || '/' || coalesce(phone1, '-') || '/' ||"
	                                     " address, ' ') FROM (SELECT * FROM customers ORDER BY id)"),
	                 "张三:13800138000/-/文三路1号 李四:13800138001/0571-85900933/文三路2号,3幢");
	/* and one separated by semicolons, as a system set for a European
	 * locale writes it; a semicolon inside a field stays */
	ck_assert_int_eq(run("客户性质;客户分类;客户来源;姓名;性别;手机;固定电话;省份;城市;区县;地址\r\n"
	                     "个人;个人;自来;王五;男;13800138002;;浙江;杭州;西湖;\"文三路3号;4幢\"\r\n",
	                     0, 0, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT mobile || '/' || address FROM customers WHERE name = '王五'"),
	                 "13800138002/文三路3号;4幢");
}
END_TEST

/* The separator is the one that gives most of the first lines the same
 * number of columns, not what the first line alone holds: an old DMS
 * export's title ("2025年客户名单", "导出时间：2025-01-02") above a
 * semicolon- or tab-separated header was read with commas and every row
 * refused.  The title is skipped and said once; a ';' or a tab inside a
 * quoted field separates nothing. */
START_TEST(the_separator_is_judged_on_several_lines)
{
	static const char *const titles[] = { "", "2025年客户名单\n", "导出时间：2025-01-02\r\n" };
	static const char seps[] = { ',', '\t', ';' };
	for (size_t t = 0; t < sizeof titles / sizeof titles[0]; t++)
		for (size_t k = 0; k < sizeof seps; k++) {
			char d = seps[k], text[1024], err[512];
			/* 2: the address holds the other two separators, quoted */
			snprintf(text, sizeof text,
			         "%s姓名%c手机%c省份%c城市%c区县%c地址\n"
			         "张三%c1380013%04zu%c浙江%c杭州%c西湖%c文三路1号\n"
			         "李四%c1390013%04zu%c浙江%c杭州%c西湖%c\"文三路2号;3幢\t4单元,5室\"\n",
			         titles[t], d, d, d, d, d, d, t * 10 + k, d, d, d, d, d, t * 10 + k, d, d, d, d);
			struct imp_stats s;
			ck_assert_msg(run(text, 0, 0, &s, err, sizeof err) == 0, "title %zu sep %zu: %s", t, k, err);
			ck_assert_msg(s.imported == 2 && s.refused == 0, "title %zu sep %zu: %ld imported", t, k, s.imported);
			char q[200];
			snprintf(q, sizeof q, "SELECT address FROM customers WHERE mobile = '1390013%04zu'", t * 10 + k);
			ck_assert_str_eq(tu_sql_text(dbpath, q), "文三路2号;3幢\t4单元,5室");
			char *r = tu_read(rep);
			if (t)
				ck_assert_msg(strstr(r, "\n1,,,row.title,warning,") && strstr(r, "不是表头，已当作标题跳过；表头在第2行\n"),
				              "title %zu sep %zu: %s", t, k, r);
			else
				ck_assert_msg(!strstr(r, "row.title"), "%s", r);
			free(r);
		}
	/* a comma file whose every row has one ';' in a field: still commas */
	char err[512];
	struct imp_stats s;
	ck_assert_msg(run("姓名,手机,兴趣爱好\n王五,13700137000,钓鱼;爬山\n赵六,13700137001,读书;音乐\n", 0, 0, &s, err, sizeof err) == 0,
	              "%s", err);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT group_concat(name, ' ') FROM customers WHERE mobile LIKE '137%'"),
	                 "王五 赵六");
	/* a tab file whose every line has one comma: as many lines agree on
	 * each, the tab gives more columns (the comma was taken) */
	ck_assert_msg(run("姓名\t手机\t兴趣爱好,特长\n钱七\t13600136000\t钓鱼,爬山\n孙八\t13600136001\t读书,音乐\n", 0, 0, &s,
	                  err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT group_concat(name, ' ') FROM customers WHERE mobile LIKE '136%'"),
	                 "钱七 孙八");
}
END_TEST

static int keep_second_row(const struct cio_row *row, void *vout)
{
	char *out = vout;
	if (row->line == 2)
		for (int i = 0; i < row->n; i++)
			snprintf(out + strlen(out), 256 - strlen(out), "[%s]", row->f[i]);
	return 0;
}

/* A cell holding a ';' or a tab is written quoted, though the comma
 * separates: a file of refused rows of one column, read again, judged its
 * separator on its first lines and split "钓鱼;爬山" in two (found by
 * fuzz_csv). */
START_TEST(a_cell_holding_another_separator_is_written_quoted)
{
	static const char *const cells[] = { "钓鱼;爬山", "读书\t音乐", ";" };
	for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++) {
		char *f[1] = { (char *)cells[k] };
		size_t len[1] = { strlen(cells[k]) };
		struct cio_row row = { .f = f, .len = len, .n = 1, .line = 1 };
		char *line = NULL;
		size_t n, cap = 0;
		ck_assert_int_eq(cio_format_row(&row, &line, &n, &cap), 0);
		ck_assert_msg(line[0] == '"', "%.*s", (int)n, line);
		char text[256], got[256] = "", want[256], err[256];
		snprintf(text, sizeof text, "兴趣爱好\n%.*s", (int)n, line);
		free(line);
		ck_assert_int_eq(cio_parse_mem(text, strlen(text), keep_second_row, got, err, sizeof err), CIO_OK);
		snprintf(want, sizeof want, "[%s]", cells[k]);
		ck_assert_str_eq(got, want);
	}
	/* and so by the export's writer */
	FILE *m = tmpfile();
	cio_write_field(m, "钓鱼;爬山", 0);
	cio_write_field(m, "a\tb", 1);
	rewind(m);
	char buf[64] = "";
	ck_assert_ptr_nonnull(fgets(buf, sizeof buf, m));
	fclose(m);
	ck_assert_str_eq(buf, "\"钓鱼;爬山\",\"a\tb\"\n");
}
END_TEST

/* A --report or --refused file in a directory that is not there names
 * the directory, as a backup's does: "文件或目录不存在" was read as the
 * report itself missing, which being new it always is. */
START_TEST(a_report_into_a_missing_directory_names_it)
{
	char err[2048], bad[600], want[1600];
	struct imp_stats s;
	tu_write(csv, "name,mobile\n张三,13800138000\n");
	snprintf(bad, sizeof bad, "%s/无此目录/r.csv", dir);
	snprintf(want, sizeof want, "无法写入报告文件 %s：目录 %s/无此目录 不存在，请先建立这个目录，或写到已有的目录里", bad, dir);
	struct imp_opts o = { .path = csv, .report = bad, .staff = "t" };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 3);
	ck_assert_str_eq(err, want);
	snprintf(want, sizeof want, "无法写入被拒绝行的文件 %s：目录 %s/无此目录 不存在，请先建立这个目录，或写到已有的目录里", bad,
	         dir);
	struct imp_opts o2 = { .path = csv, .refused = bad, .staff = "t" };
	ck_assert_int_eq(imp_run(db, "customers", form, &o2, &s, err, sizeof err), 3);
	ck_assert_str_eq(err, want);
	/* nothing loaded: the run stopped before its first row */
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT count(*) FROM customers"), "0");
	/* a file where the directory should be is said as such */
	snprintf(bad, sizeof bad, "%s/in.csv/r.csv", dir);
	o.report = bad;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 3);
	ck_assert_msg(strstr(err, "in.csv 不是目录") != NULL, "%s", err);
}
END_TEST

/* An old 15-digit ID number is stored upgraded to its 18 digits, said as
 * a warning; the row is not lost (IDENTIFIERS.md). */
START_TEST(a_15_digit_id_number_is_stored_upgraded)
{
	char text[1024], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text, "%s%s", LABELS, "个人,个人,自来,张三,男,13800138000,110105491231001,330000,330100,330106,文三路1号\n");
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT id_no || ' ' || birth_date FROM customers"), "110105194912310011 1949-12-31");
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,id_no,身份证号码,idno.legacy15,warning,身份证号码：旧15位号码已按GB 11643换算为18位 110105194912310011"), "%s", r);
	free(r);
	/* looked up by the old number, as an old card shows it */
	struct cust_hit h[4];
	ck_assert_int_eq(cust_search(db, "110105491231001", h, 4, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "张三");
}
END_TEST

START_TEST(file_errors_exit_3_and_name_the_file)
{
	char err[512];
	struct imp_stats s;
	char text[2048];
	snprintf(text, sizeof text, "%s个人,个人,自来,\"张三,男,13800138000\n", LABELS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 3);
	ck_assert_ptr_nonnull(strstr(err, csv));
	ck_assert_msg(strstr(err, "引号") != NULL, "%s", err);
	ck_assert_int_eq(cust_count(db), 0);
	/* the report ends saying where the run stopped and what is kept */
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, ",,,import.stopped,error,导入在此中止：") && strstr(r, "已存入数据库的共 0 行"), "%s", r);
	free(r);

	ck_assert_int_eq(run("", 0, 0, &s, err, sizeof err), 3);
	ck_assert_ptr_nonnull(strstr(err, "空"));

	/* a quote inside an unquoted field: libcsv's reason, said in Chinese */
	snprintf(text, sizeof text, "name,mobile\n李\"四\"x,13800138000\n");
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 3);
	ck_assert_msg(strstr(err, "第2行附近无法解析：引号用错了") != NULL, "%s", err);

	/* the system's reasons in Chinese too, a directory named as such */
	struct imp_opts o = { .path = "/nonexistent/in.csv", .staff = "t" };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 3);
	ck_assert_str_eq(err, "无法打开导入文件 /nonexistent/in.csv：文件或目录不存在");
	o.path = dir;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 3);
	ck_assert_ptr_nonnull(strstr(err, "这是一个目录，不是文件"));

	snprintf(text, sizeof text, "name,姓名/单位名称\n张三,张三\n");
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 3);
	ck_assert_ptr_nonnull(strstr(err, "重复"));

	/* a workbook given for a CSV file: said what it is and how to save it */
	static const struct { const char *bytes, *says; } books[] = {
		{ "PK\x03\x04\x14" "zip", "是一个 Excel 工作簿（.xlsx），不是 CSV 文件" },
		{ "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" "ole", "是一个旧版 Excel 工作簿（.xls），不是 CSV 文件" },
		{ "\xEF\xBB\xBF\r\n<HTML><table><tr><td>姓名</td></tr></table>", "是一个网页或 XML 格式的表格" },
		{ "<?xml version=\"1.0\"?><Workbook>", "是一个网页或 XML 格式的表格" },
	};
	for (size_t b = 0; b < sizeof books / sizeof books[0]; b++) {
		ck_assert_int_eq(run(books[b].bytes, 0, 0, &s, err, sizeof err), 3);
		ck_assert_msg(strstr(err, books[b].says) && strstr(err, "另存为"), "%s", err);
	}
}
END_TEST

START_TEST(batches_commit_and_a_large_file_imports)
{
	/* more rows than one batch, through a stream */
	FILE *f = fopen(csv, "w");
	fputs(KEYS, f);
	for (int i = 0; i < 12000; i++)
		fprintf(f, "个人,个人,自来,客户%d,男,139%08d,,330000,330100,330106,文三路%d号\n", i, i, i);
	fclose(f);
	struct imp_opts o = { .path = csv, .staff = "t" };
	struct imp_stats s;
	char err[512];
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 12000);
	ck_assert_int_eq(cust_count(db), 12000);
}
END_TEST

/* "张三" in GB18030, and a row of the customer sheet with it */
#define GB_ZHANGSAN "\xD5\xC5\xC8\xFD"
#define GB_GEREN "\xB8\xF6\xC8\xCB"       /* 个人 */
#define GB_ZILAI "\xD7\xD4\xC0\xB4"       /* 自来 */
#define GB_NAN "\xC4\xD0"                   /* 男 */
#define GB_ROAD "\xCE\xC4\xC8\xFD\xC2\xB7" /* 文三路 */

START_TEST(gb18030_is_detected_and_converted)
{
	char err[512];
	struct imp_stats s;
	FILE *f = fopen(csv, "w");
	fputs(KEYS, f);
	/* enough rows that characters are cut by the reader's chunk ends */
	for (int i = 0; i < 3000; i++)
		fprintf(f, GB_GEREN "," GB_GEREN "," GB_ZILAI "," GB_ZHANGSAN "%d," GB_NAN ",139%08d,,330000,330100,330106," GB_ROAD "%d\r\n",
		        i, i, i);
	fclose(f);
	struct imp_opts o = { .path = csv, .staff = "t", .report = rep };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 3000);
	struct cust_hit h[2];
	ck_assert_int_eq(cust_search(db, "张三2999", h, 2, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "张三2999");
	/* a UTF-8 BOM in front of GB18030 text (a tool that added one without
	 * converting): the text decides, the BOM is skipped */
	f = fopen(csv, "w");
	fputs("\xEF\xBB\xBF" "name,mobile\n" GB_ZHANGSAN "X,13500000001\n", f);
	fclose(f);
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(cust_search(db, "13500000001", h, 2, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "张三X");
	/* the first Chinese far beyond the first 64 KiB: still GB18030 */
	f = fopen(csv, "w");
	fputs("name,mobile\n", f);
	for (int i = 0; i < 5000; i++)
		fprintf(f, "LiLei%d,137%08d\n", i, i);
	fputs(GB_ZHANGSAN ",13600000001\n", f);
	fclose(f);
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.refused, 0);
	ck_assert_int_eq(cust_search(db, "13600000001", h, 2, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "张三");
}
END_TEST

/* A file of ASCII rows (a name and a mobile) whose next row starts
 * `before` bytes ahead of the guess's 64 KiB sample end, then `tail`. */
static void write_cut_at_64k(size_t before, const char *tail)
{
	FILE *f = fopen(csv, "wb");
	ck_assert_ptr_nonnull(f);
	long len = fprintf(f, "name,mobile\n");
	int i = 0;
	while (len < 65536 - 64)
		len += fprintf(f, "LiLei%d,137%08d\n", i, i), i++;
	/* a filler row whose name's length puts the next row where asked */
	long name = 65536 - (long)before - len - (long)strlen(",13700000000\n");
	ck_assert(name > 0);
	for (long k = 0; k < name; k++)
		fputc('X', f);
	len += name + fprintf(f, ",137%08d\n", i);
	ck_assert_int_eq(len, 65536 - (long)before);
	fputs(tail, f);
	fclose(f);
}

/* The encoding guess reads 64 KiB at a time while it sees ASCII only; the
 * Chinese right after 64 KiB of ASCII, a character cut by that sample's end:
 * in UTF-8 its tail had started the next sample as broken UTF-8 (one
 * Chinese row, the file read as GB18030: garbage or refused), in GB18030
 * the bytes read from the wrong one as no GB18030 (with a line that happens
 * to be valid UTF-8, the file read as UTF-8). */
START_TEST(a_character_cut_by_the_guess_s_sample_is_read_whole)
{
	char err[512];
	struct imp_stats s;
	struct imp_opts o = { .path = csv, .staff = "t" };
	struct cust_hit h[2];
	for (size_t before = 1; before <= 2; before++) {
		/* 张 is 3 bytes in UTF-8: the sample ends after its first or second */
		char mob[16], tail[64];
		snprintf(mob, sizeof mob, "136000001%02zu", before);
		snprintf(tail, sizeof tail, "张三,%s\n", mob);
		write_cut_at_64k(before, tail);
		ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
		ck_assert_int_eq(s.refused, 0);
		ck_assert_int_eq(cust_search(db, mob, h, 2, err, sizeof err), 1);
		ck_assert_str_eq(h[0].name, "张三");
		/* 王小明 in GB18030, cut after 王's first byte (or after 王), and
		 * 茅平, whose GB18030 bytes (C3 A9 C6 BD) are valid UTF-8 */
		snprintf(mob, sizeof mob, "136000002%02zu", before);
		snprintf(tail, sizeof tail, "\xCD\xF5\xD0\xA1\xC3\xF7,%s\n" "\xC3\xA9\xC6\xBD,136000003%02zu\n", mob, before);
		write_cut_at_64k(before, tail);
		ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
		ck_assert_int_eq(s.refused, 0);
		ck_assert_int_eq(cust_search(db, mob, h, 2, err, sizeof err), 1);
		ck_assert_str_eq(h[0].name, "王小明");
		snprintf(mob, sizeof mob, "136000003%02zu", before);
		ck_assert_int_eq(cust_search(db, mob, h, 2, err, sizeof err), 1);
		ck_assert_str_eq(h[0].name, "茅平");
	}
}
END_TEST

START_TEST(encoding_can_be_forced_and_bad_bytes_are_named)
{
	char err[512], text[1024];
	struct imp_stats s;
	/* valid UTF-8 read as GB18030 would be garbage: forcing utf-8 keeps it */
	snprintf(text, sizeof text, "%s个人,个人,自来,张三,男,13800138000,,330000,330100,330106,文三路1号\n", KEYS);
	tu_write(csv, text);
	struct imp_opts o = { .path = csv, .staff = "t", .encoding = "utf-8" };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	o.encoding = "big5";
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 2);
	ck_assert_ptr_nonnull(strstr(err, "--encoding"));
	/* a GB18030 file forced to utf-8: its Chinese header is not read as
	 * garbage column names, the file is refused with the likely cause */
	snprintf(text, sizeof text, "name," GB_NAN "\n" GB_ZHANGSAN "," GB_NAN "\n");
	tu_write(csv, text);
	o.encoding = "utf-8";
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 3);
	ck_assert_msg(strstr(err, "表头第2列不是有效的 UTF-8") && strstr(err, "--encoding gb18030"), "%s", err);
	ck_assert_int_eq(s.rows, 0);
	/* 0xFF is not GB18030 */
	snprintf(text, sizeof text, "name,mobile\n" GB_ZHANGSAN ",13800138000\n\xFF\xFF,13800138001\n");
	tu_write(csv, text);
	o.encoding = "gb18030";
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 3);
	ck_assert_msg(strstr(err, "第3行") && strstr(err, "GB18030"), "%s", err);
	ck_assert_ptr_null(strstr(err, "像是 UTF-8"));
	/* a UTF-8 file forced to GB18030: said to be UTF-8, not only the byte */
	tu_write(csv, "\xEF\xBB\xBF姓名/单位名称,手机号\n张三丰,13800138009\n");
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 3);
	ck_assert_msg(strstr(err, "这个文件像是 UTF-8 编码：去掉 --encoding gb18030 再导入。"), "%s", err);
	/* a UTF-8 file with one row pasted in from a GBK one: UTF-8, that row
	 * refused alone, however many characters it holds */
	snprintf(text, sizeof text, "姓名/单位名称,手机号,详细地址\n张一,13800138101,文三路\n"
	         GB_ZHANGSAN GB_ZHANGSAN GB_ZHANGSAN "," "13800138102," GB_ROAD GB_ROAD GB_ROAD GB_ROAD "\n"
	         "张二,13800138103,文二路\n");
	tu_write(csv, text);
	o.encoding = NULL;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(s.refused, 1);
	/* as many broken rows as sound lines: too few to outvote them, but their bytes
	 * are no GB18030 either, so the file is UTF-8 and those rows refused
	 * alone (the whole file had failed, blaming GB18030 on line 1) */
	tu_write(csv, "姓名/单位名称,手机号,详细地址\n张\xFF\xFE四,13800138104,文三路\n"
	              "张\xFF六,13800138107,文一路\n张五,13800138105,文二路\n");
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.refused, 2);
	tu_write(csv, "姓名/单位名称,手机号\n张\xFF四,13800138106\n");
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.refused, 1);
}
END_TEST

/* UTF-8 text written to csv in the encoding iconv names `to` (UTF-16LE,
 * GB18030) after the byte-order mark `bom` (NULL: none). */
static void write_encoded(const char *text, const char *to, const char *bom)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	ck_assert(cd != (iconv_t)-1);
	size_t inleft = strlen(text), outcap = 2 * inleft + 16, outleft = outcap;
	char *out = malloc(outcap), *ip = (char *)text, *op = out;
	ck_assert_ptr_nonnull(out);
	ck_assert(iconv(cd, &ip, &inleft, &op, &outleft) != (size_t)-1);
	iconv_close(cd);
	FILE *f = fopen(csv, "wb");
	if (bom)
		fwrite(bom, 1, 2, f);
	fwrite(out, 1, outcap - outleft, f);
	fclose(f);
	free(out);
}

/* The file of refused rows of a GB18030 file, one row corrected in it and
 * the reasons left in, imported: that row is stored (its Chinese read back
 * as written), the 拒绝原因 column is not said to be unknown, and the row
 * still wrong is refused again with its fresh reason only, under one
 * 拒绝原因 column. */
START_TEST(a_refused_file_corrected_imports_again)
{
	char err[512], refp[600], fixed[600];
	snprintf(refp, sizeof refp, "%s/bad.csv", dir);
	snprintf(fixed, sizeof fixed, "%s/fixed.csv", dir);
	struct imp_stats s;
	char text[2048];
	snprintf(text, sizeof text, "%s个人,个人,自来,张三,男,13900139001,,330000,330100,330106,文三路1号\n"
	         "个人,个人,自来,李四,女,1390013900,,330000,330100,330106,文三路2号\n"
	         "个人,个人,自来,王五,男,13900139003,110105194912310012,330000,330100,330106,文三路3号\n", LABELS);
	write_encoded(text, "GB18030", NULL);
	struct imp_opts o = { .path = csv, .staff = "t", .refused = refp };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.refused, 2);
	static const char head_out[] = "\xEF\xBB\xBF客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,身份证号码,省区编号,城市编号,"
	                               "区域编号,详细地址,拒绝原因\n";
	static const char wang[] = "个人,个人,自来,王五,男,13900139003,110105194912310012,330000,330100,330106,文三路3号,"
	                           "身份证号码：校验位不符：号码中有输错的数字（不一定是末位），请对照证件逐位核对\n";
	char want[2048];
	snprintf(want, sizeof want, "%s个人,个人,自来,李四,女,1390013900,,330000,330100,330106,文三路2号,"
	         "手机号：应为11位手机号码（1开头，第二位3–9），现为10位\n%s", head_out, wang);
	char *got = tu_read(refp);
	ck_assert_str_eq(got, want);
	free(got);
	/* 李四's mobile corrected; 王五's old reason edited, so that a copy of
	 * it would show */
	snprintf(want, sizeof want, "%s个人,个人,自来,李四,女,13900139000,,330000,330100,330106,文三路2号,"
	         "手机号：应为11位手机号码（1开头，第二位3–9），现为10位\n"
	         "个人,个人,自来,王五,男,13900139003,110105194912310012,330000,330100,330106,文三路3号,旧的原因\n", head_out);
	tu_write(fixed, want);
	struct imp_opts o2 = { .path = fixed, .report = rep, .staff = "t", .refused = refp };
	ck_assert_int_eq(imp_run(db, "customers", form, &o2, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.refused, 1);
	got = tu_read(rep);
	ck_assert_msg(!strstr(got, "column.unknown") && !strstr(got, "拒绝原因"), "%s", got);
	free(got);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT group_concat(name || ' ' || mobile || ' ' || address, '/') FROM "
	                                     "(SELECT * FROM customers ORDER BY id)"),
	                 "张三 13900139001 文三路1号/李四 13900139000 文三路2号");
	snprintf(want, sizeof want, "%s%s", head_out, wang);
	got = tu_read(refp);
	ck_assert_str_eq(got, want);
	free(got);
}
END_TEST

/* A file corrected in its middle — one row's ID number fixed, the same
 * length, far from its first and last 64 KiB — is another file, not the
 * one imported before: the corrected row goes in.  The identity was the
 * size and those two ends, and the correction was skipped as imported. */
START_TEST(a_file_corrected_in_its_middle_is_not_taken_as_imported)
{
	char err[512];
	struct imp_stats s;
	size_t cap = 400000, len = 0;
	char *text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	len += (size_t)snprintf(text + len, cap - len, "%s", LABELS);
	for (int i = 0; i < 3000; i++)
		len += (size_t)snprintf(text + len, cap - len, "个人,个人,自来,客户%d,%s,139%08d,%s,330000,330100,330106,文三路%d号\n", i,
		                        i == 1500 ? "女" : "男", i, i == 1500 ? "110105194912310021" : "", i);
	ck_assert_uint_lt(len, cap);
	tu_write(csv, text);
	struct imp_opts o = { .path = csv, .staff = "t", .report = rep };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.imported, 2999);
	ck_assert_int_eq(s.refused, 1);
	char *bad = strstr(text, "110105194912310021");
	ck_assert_ptr_nonnull(bad);
	ck_assert_int_gt((int)(bad - text), 65536); /* neither end's 64 KiB */
	ck_assert_int_gt((int)(len - (size_t)(bad - text)), 65536);
	memcpy(bad, "11010519491231002X", 18);
	tu_write(csv, text);
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_str_eq(s.finished_at, "");
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.already, 2999);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT name FROM customers WHERE id_no = '11010519491231002X'"), "客户1500");
	/* a differing value with characters of no width (pasted U+200B) is cut
	 * on a character and marked, not cut off inside its quotes */
	char zw[1024] = "个人,个人,自来,客户1500,女,13900001500,11010519491231002X,330000,330100,330106,文三路";
	for (int i = 0; i < 60; i++)
		strcat(zw, "\xE2\x80\x8B");
	strcat(zw, "九号\n");
	char file[1200];
	snprintf(file, sizeof file, "%s%s", LABELS, zw);
	tu_write(csv, file);
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	char *said = tu_read(rep);
	ck_assert_msg(strstr(said, "详细地址：文件中为“文三路\xE2\x80\x8B") && strstr(said, "…”，数据库中已有的这条记录为“文三路1500号”"),
	              "%s", said);
	free(said);
	/* the same file again is the one imported */
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_str_ne(s.finished_at, "");
	ck_assert_int_eq(s.imported, 0);
	free(text);
}
END_TEST

/* Excel's "Unicode 文本" (how older Excel saves Chinese it can read again):
 * UTF-16 with a BOM, tab-separated, CRLF. */
START_TEST(utf16_text_from_excel_is_read)
{
	char err[512];
	struct imp_stats s;
	size_t cap = 400000, len = 0;
	char *text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	len += (size_t)snprintf(text + len, cap - len,
	                        "客户性质\t客户分类\t客户来源\t姓名/单位名称\t性别\t手机号\t省区编号\t城市编号\t区域编号\t详细地址\r\n");
	/* enough rows that characters (and surrogate pairs: 𠮷) are cut by
	 * the reader's chunk ends */
	for (int i = 0; i < 3000; i++)
		len += (size_t)snprintf(text + len, cap - len,
		                        "个人\t个人\t自来\t张𠮷%d\t男\t139%08d\t330000\t330100\t330106\t%s\r\n", i, i,
		                        i == 7 ? "\"文三路\r\n3单元\"" : "文三路");
	write_encoded(text, "UTF-16LE", "\xFF\xFE");
	struct imp_opts o = { .path = csv, .staff = "t", .report = rep };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 3000);
	ck_assert_int_eq(s.refused, 0);
	struct cust_hit h[2];
	ck_assert_int_eq(cust_search(db, "张𠮷2999", h, 2, err, sizeof err), 1);
	ck_assert_str_eq(h[0].mobile, "13900002999");
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT address FROM customers WHERE mobile = '13900000007'"),
	                 "文三路\r\n3单元"); /* as a UTF-8 file's quoted line break is kept */
	/* big-endian too; the BOM decides even against --encoding */
	write_encoded("姓名/单位名称,手机号\n李𠮷,13500000001\n", "UTF-16BE", "\xFE\xFF");
	o.encoding = "gb18030";
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(cust_search(db, "13500000001", h, 2, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "李𠮷");
	/* without a BOM, either order: its zero bytes say so */
	o.encoding = NULL;
	write_encoded("姓名/单位名称\t手机号\r\n赵𠮷\t13500000003\r\n", "UTF-16LE", NULL);
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	write_encoded("姓名/单位名称,手机号\n钱𠮷,13500000004\n", "UTF-16BE", NULL);
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(cust_search(db, "13500000003", h, 2, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "赵𠮷");
	ck_assert_int_eq(cust_search(db, "13500000004", h, 2, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "钱𠮷");
	/* a file cut inside a character: refused naming the encoding, its
	 * rows not kept */
	write_encoded("姓名/单位名称,手机号\n王𠮷,13500000002\n", "UTF-16LE", "\xFF\xFE");
	FILE *f = fopen(csv, "ab");
	fputc('A', f);
	fclose(f);
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 3);
	ck_assert_msg(strstr(err, "UTF-16 字符的中间结束"), "%s", err);
	ck_assert_int_eq(cust_search(db, "13500000002", h, 2, err, sizeof err), 0);
	free(text);
}
END_TEST

START_TEST(nul_bytes_and_broken_utf8_refuse_their_row_only)
{
	char err[512];
	struct imp_stats s;
	static const char body[] =
		"nature,category,source,name,sex,mobile,province,city,district,address\n"
		"个人,个人,自来,张三,男,13800138000,330000,330100,330106,路1号\n"
		"个人,个人,自来,李\0四,男,13800138001,330000,330100,330106,路2号\n"
		"个人,个人,自来,王\xE4\xB8五,男,13800138002,330000,330100,330106,路3号\n"
		"个人,个人,自来,赵六,男,13800138003,330000,330100,330106,路4号\n";
	FILE *f = fopen(csv, "wb");
	fwrite(body, 1, sizeof body - 1, f);
	fclose(f);
	struct imp_opts o = { .path = csv, .staff = "t", .report = rep };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(s.refused, 2);
	char *r = tu_read(rep);
	ck_assert_ptr_nonnull(strstr(r, "3,name,姓名/单位名称,encoding.invalid,error,第4列（姓名/单位名称）含有 NUL 字符，整行未导入"));
	ck_assert_ptr_nonnull(strstr(r, "4,name,姓名/单位名称,encoding.invalid,error,第4列（姓名/单位名称）不是有效的 UTF-8 文本，整行未导入"));
	free(r);
}
END_TEST

START_TEST(ragged_rows_and_a_10mb_field)
{
	char err[512];
	struct imp_stats s;
	FILE *f = fopen(csv, "w");
	fputs("nature,category,source,name,sex,mobile,province,city,district,address\n", f);
	fputs("个人,个人,自来,张三,男,13800138000,330000,330100,330106\n", f);          /* short */
	fputs("个人,个人,自来,李四,男,13800138001,330000,330100,330106,路2号,多余\n", f); /* long */
	fputs("个人,个人,自来,王五,男,13800138002,330000,330100,330106,\"", f);
	for (int i = 0; i < 10 * 1024 * 1024 / 8; i++)
		fputs("很长地址", f);
	fputs("\"\n", f);
	fputs("个人,个人,自来,赵六,男,13800138003,330000,330100,330106,路4号\n", f);
	fclose(f);
	struct imp_opts o = { .path = csv, .staff = "t", .report = rep };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.rows, 4);
	ck_assert_int_eq(s.imported, 3);  /* the short row is incomplete, the long one warned */
	ck_assert_int_eq(s.incomplete, 1);
	char *r = tu_read(rep);
	ck_assert_ptr_nonnull(strstr(r, "2,address,详细地址,required,warning,"));
	ck_assert_ptr_nonnull(strstr(r, "2,,,row.short,warning,本行只有 9 列（表头 10 列）"));
	ck_assert_ptr_nonnull(strstr(r, "3,,,row.extra_columns,warning,"));
	ck_assert_ptr_nonnull(strstr(r, "4,address,详细地址,text.too_long,error,"));
	free(r);
}
END_TEST

/* Rows with neither ID number nor VIN, as old spreadsheets have them: a
 * file grown by a row is a new import, yet its old rows (same name and
 * mobile as a customer) are that customer again, not stored a second time:
 * in already as they are, refused when they say otherwise; a shared mobile
 * under another name is still a customer. */
START_TEST(keyless_rows_are_not_stored_twice)
{
	char text[2048], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text, "%s个人,个人,自来,张三,男,13800138000,,330000,330100,330106,文三路1号\n"
	         "个人,个人,自来,李四,女,13900139000,,330000,330100,330106,文三路2号\n", KEYS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	ck_assert_int_eq(cust_count(db), 2);
	snprintf(text, sizeof text, "%s个人,个人,自来,张三,男,13800138000,,330000,330100,330106,文三路11号\n"
	         "个人,个人,自来,李四,女,13900139000,,330000,330100,330106,文三路2号\n"
	         "个人,个人,自来,王五,男,13700137000,,330000,330100,330106,文三路3号\n"
	         "个人,个人,自来,张小三,男,13800138000,,330000,330100,330106,文三路1号\n", KEYS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(s.refused, 1);
	ck_assert_int_eq(s.already, 1);
	ck_assert_int_eq(cust_count(db), 4);
	char *r = tu_read(rep);
	ck_assert_ptr_nonnull(strstr(r, "2,name,姓名/单位名称,duplicate.person,error,"
	                                "姓名/单位名称与手机号：张三 13800138000 已是客户 C00000001"));
	ck_assert_ptr_null(strstr(r, "\n3,"));
	ck_assert_ptr_nonnull(strstr(r, "5,mobile,手机号,duplicate.mobile,warning,"));
	free(r);
}
END_TEST

/* A row repeating an earlier line of the same file is not a record "in
 * the database": an empty database has none.  Counted apart and said on
 * its line with the line it repeats; one saying otherwise names that line
 * instead of the database; a record in before the run is still in already.
 * In a plain run and in a load in one go. */
static void repeats_of_the_file(long bulk_min)
{
	char text[4096], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text, "%s个人,个人,自来,张三,男,13800138000,,330000,330100,330106,文三路1号\n"
	         "个人,个人,自来,王五,男,13912345678,,330000,330100,330106,文三路2号\n"
	         "个人,个人,自来,王五,男,13912345678,,330000,330100,330106,文三路2号\n"
	         "个人,个人,自来,赵六,男,13700000001,110105198001010016,330000,330100,330106,文三路3号\n"
	         "个人,个人,自来,赵六,男,13700000001,110105198001010016,330000,330100,330106,文三路9号\n", KEYS);
	tu_write(csv, text);
	struct imp_opts o = { .path = csv, .report = rep, .staff = "t", .bulk_min = bulk_min };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.bulk, bulk_min == 1);
	ck_assert_int_eq(s.imported, 3);
	ck_assert_int_eq(s.already, 0);
	ck_assert_int_eq(s.repeated, 1);
	ck_assert_int_eq(s.differs, 0);
	ck_assert_int_eq(s.differs_in_file, 1);
	ck_assert_int_eq(s.refused, 1);
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "\n4,name,姓名/单位名称,duplicate.in_file,warning,"
	                        "姓名/单位名称：本行与本文件第3行是同一条记录，内容相同，未重复存入\n"), "%s", r);
	ck_assert_msg(strstr(r, "\n6,address,详细地址,duplicate.differs,error,"
	                        "详细地址：文件中为“文三路9号”，本文件第5行已存入的这条记录为“文三路3号”\n"), "%s", r);
	ck_assert_msg(!strstr(r, "数据库中已有"), "%s", r);
	free(r);
	/* the same rows in another file: now in the database before the run */
	snprintf(text, sizeof text, "%s个人,个人,自来,王五,男,13912345678,,330000,330100,330106,文三路2号\n"
	         "个人,个人,自来,赵六,男,13700000001,110105198001010016,330000,330100,330106,文三路9号\n", KEYS);
	tu_write(csv, text);
	o.bulk_min = 0;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.already, 1);
	ck_assert_int_eq(s.repeated, 0);
	ck_assert_int_eq(s.differs, 1);
	ck_assert_int_eq(s.differs_in_file, 0);
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "详细地址：文件中为“文三路9号”，数据库中已有的这条记录为“文三路3号”"), "%s", r);
	free(r);
}

START_TEST(a_row_repeating_the_file_is_not_said_in_the_database)
{
	repeats_of_the_file(0);
}
END_TEST

START_TEST(a_row_repeating_the_file_in_a_load_in_one_go)
{
	repeats_of_the_file(1);
}
END_TEST

/* A file imported plainly, its duplicates refused, is another job with
 * --update: the merge runs instead of "already imported"; the same job
 * again is skipped, and a dry run of it still checks but says so. */
START_TEST(update_after_a_plain_run_of_the_same_file_is_not_skipped)
{
	char text[4096], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text, "%s个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路1号\n",
	         KEYS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	snprintf(text, sizeof text, "%s个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路9号\n",
	         KEYS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 1); /* the duplicate ID number */
	ck_assert_int_eq(s.refused, 1);
	struct imp_opts o = { .path = csv, .staff = "t", .report = rep, .update = 1, .dry_run = 1 };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_str_eq(s.finished_at, ""); /* not done this way yet */
	ck_assert_int_eq(s.merged, 1);
	o.dry_run = 0;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_str_eq(s.finished_at, "");
	ck_assert_int_eq(s.merged, 1);
	/* a merged row is stored too: the run's progress counts it, so an
	 * interrupted --update does not say nothing was stored */
	ck_assert_int_eq(s.committed, 1);
	ck_assert_int_eq(tu_sql_int(dbpath, "SELECT rows_done FROM import_runs ORDER BY id DESC LIMIT 1"), 1);
	struct cust_hit h[2];
	ck_assert_int_eq(cust_search(db, "11010519491231002X", h, 2, err, sizeof err), 1);
	struct rec *r = rec_new(form);
	ck_assert_int_eq(cust_load(db, h[0].id, r, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(r, "address"), "文三路9号");
	rec_free(r);
	/* a name that differs only as older databases folded it is the same
	 * name: merged without a name.unchanged warning */
	snprintf(text, sizeof text, "%s单位,个人,自来,杭州某某(集团)有限公司,,13800138009,,330000,330100,330106,文三路1号\n",
	         KEYS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	snprintf(text, sizeof text, "%s单位,个人,自来,杭州某某（集团）有限公司,,13800138009,,330000,330100,330106,文三路2号\n",
	         KEYS);
	tu_write(csv, text);
	o.dry_run = 0;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.merged, 1);
	char *rp = tu_read(rep);
	ck_assert_msg(strstr(rp, "name.unchanged") == NULL, "%s", rp);
	ck_assert_ptr_nonnull(strstr(rp, "（更新 1 项：详细地址“文三路1号”→“文三路2号”）"));
	free(rp);
	/* back to the file merged above */
	snprintf(text, sizeof text, "%s个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路9号\n",
	         KEYS);
	tu_write(csv, text);
	/* done with --update now: skipped; its dry run checks and says so */
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_str_ne(s.finished_at, "");
	ck_assert_int_eq(s.rows, 0);
	o.dry_run = 1;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_str_ne(s.finished_at, "");
	ck_assert_int_eq(s.rows, 1);
}
END_TEST

/* An old system's export has one row per car, the owner repeated: the
 * rows after the first are the customer's further cars, stored as such and
 * said, in a plain run and in a load in one go (whose plate probe must then
 * know the car); the same file again is all in already. */
static const char PER_CAR[] =
	"客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,身份证号码,省区编号,城市编号,区域编号,详细地址,"
	"车辆底盘号(VIN),车牌号,保险到期\n"
	"个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路1号,LSVAB2BM1HN123456,浙A12345,"
	"2027-03-01\n"
	"个人,个人,自来,李四,男,13800138001,,330000,330100,330106,文三路2号,LFV2A21K7G3000001,浙A11111,\n"
	"个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路1号,LSVAB2BM3HN654321,浙A54321,"
	"2027-05-01\n"
	"个人,个人,自来,王五,男,13800138002,,330000,330100,330106,文三路3号,,浙A54321,\n"
	/* no ID number: the same name and mobile with a VIN on no car (and
	 * without the 客户性质 the customer has) */
	",个人,自来,李四,男,13800138001,,330000,330100,330106,文三路2号,LFV2A21K9G3000002,浙A22222,\n";

static void per_car_file(long bulk_min)
{
	char err[512];
	struct imp_stats s;
	tu_write(csv, PER_CAR);
	struct imp_opts o = { .path = csv, .report = rep, .staff = "t", .bulk_min = bulk_min };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.bulk, bulk_min == 1);
	ck_assert_int_eq(s.imported, 5);
	ck_assert_int_eq(s.incomplete, 0); /* the customer's empty 客户性质 is not the car's */
	ck_assert_int_eq(s.refused, 0);
	ck_assert_int_eq(cust_count(db), 3);
	ck_assert_int_eq(tu_sql_int(dbpath, "SELECT count(*) FROM vehicles v JOIN customers c ON c.id = v.customer_id"
	                                    " WHERE c.cust_no = 'C00000001'"), 2);
	char *rp = tu_read(rep);
	/* the customer came from an earlier line of the file, not the database */
	ck_assert_msg(strstr(rp, "4,vin,车辆底盘号(VIN),car.added,warning,车辆底盘号(VIN)：客户 C00000001 由本文件第2行存入，"
	                         "LSVAB2BM3HN654321 登记为该客户的又一辆车\n"), "%s", rp);
	ck_assert_msg(strstr(rp, "6,vin,车辆底盘号(VIN),car.added,warning,车辆底盘号(VIN)：客户 C00000002 由本文件第3行存入，"
	                         "LFV2A21K9G3000002 登记为该客户的又一辆车\n"), "%s", rp);
	/* what refused it before is not said: it is that customer */
	ck_assert_msg(strstr(rp, "\n4,id_no") == NULL && strstr(rp, "\n4,mobile") == NULL, "%s", rp);
	ck_assert_msg(strstr(rp, "\n6,name") == NULL && strstr(rp, "\n6,mobile") == NULL && strstr(rp, "\n6,nature") == NULL,
	              "%s", rp);
	/* the plate probe knows the added car, in a load in one go too */
	ck_assert_msg(strstr(rp, "5,plate,车牌号,duplicate.plate,warning,车牌号：浙A54321 已属于客户 C00000001"), "%s", rp);
	free(rp);
	/* the added car's insurance falls due like the first car's */
	ck_assert_int_eq(tu_sql_int(dbpath, "SELECT count(*) FROM due_feed WHERE kind = '保险到期' AND due_date = '2027-04-01'"
	                                    " AND source_id = (SELECT id FROM vehicles WHERE vin = 'LSVAB2BM3HN654321')"), 1);
	/* the same rows again, as another file: each is in already */
	char text[4096];
	snprintf(text, sizeof text, "%s\n", PER_CAR);
	tu_write(csv, text);
	o.bulk_min = 0;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.already, 5);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_int_eq(tu_sql_int(dbpath, "SELECT count(*) FROM vehicles"), 5); /* 王五's has no VIN */
}

/* A car's 交车日期 is a deal: the customer's 最近交易日期 moves on to the
 * later car's, in a load in one go too, and the same rows run again are in
 * already though the file's date is behind the stored one. */
static const char DEALS[] =
	"nature,category,source,name,sex,mobile,id_no,province,city,district,address,archive,vin,delivery_date,"
	"first_deal_date,last_deal_date\n"
	"个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路1号,是,LSVAB2BM3HN654321,"
	"2025-03-01,2025-01-01,2025-06-01\n"
	"个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路1号,是,LFV2A21K9G3000002,"
	"2026-02-01,2025-01-01,2025-06-01\n"
	"个人,个人,自来,李四,男,13800138001,,330000,330100,330106,文三路2号,是,LSVAB2BM1HN123456,2026-03-01,"
	"2026-11-20,\n";

START_TEST(deliveries_move_the_last_deal_on)
{
	char err[512];
	struct imp_stats s;
	tu_write(csv, DEALS);
	struct imp_opts o = { .path = csv, .report = rep, .staff = "t", .bulk_min = _i ? 1 : 0 };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.bulk, _i);
	ck_assert_int_eq(s.imported, 3);
	/* 李四's first deal was that sale, not the day the old system entered him */
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT group_concat(name || ':' || first_deal_date || '/' || last_deal_date,"
	                                     " ' ') FROM (SELECT * FROM customers ORDER BY id)"),
	                 "张三:2025-01-01/2026-02-01 李四:2026-03-01/2026-03-01");
	char text[2048];
	snprintf(text, sizeof text, "%s\n", DEALS); /* another file */
	tu_write(csv, text);
	o.bulk_min = 0;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.already, 3);
	ck_assert_int_eq(s.refused, 0);
	/* merged: a date behind the stored one is no change to report */
	o.update = 1;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.refused, 0);
	char *rp = tu_read(rep);
	ck_assert_msg(strstr(rp, "最近交易日期") == NULL, "%s", rp);
	free(rp);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT last_deal_date FROM customers WHERE name = '张三'"), "2026-02-01");
}
END_TEST

/* 退车 is a box: in an --update merge an empty cell changes nothing, and
 * a file's no (否, N, 0…) unticks a car stored as returned — the car sold
 * again to its customer (SHEETS.md §1: "a resold one clears the flag");
 * run without --update, that row is no longer taken as saying nothing
 * new.  The same through the vehicles file. */
START_TEST(update_unticks_a_returned_car_the_file_says_no_to)
{
	char text[2048], err[512];
	struct imp_stats s;
	static const char head[] =
		"nature,category,source,name,sex,mobile,id_no,province,city,district,address,archive,vin,delivery_date,returned\n";
	static const char row[] =
		"个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路1号,是,LSVAB2BM3HN654321,"
		"2025-03-01,";
	const char *ret = "SELECT returned FROM vehicles";
	snprintf(text, sizeof text, "%s%s是\n", head, row);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	ck_assert_str_eq(tu_sql_text(dbpath, ret), "1");
	struct imp_opts o = { .path = csv, .report = rep, .staff = "t" };
	/* an empty cell: the same record, with or without --update */
	snprintf(text, sizeof text, "%s%s\n", head, row);
	tu_write(csv, text);
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.already, 1);
	o.update = 1;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.unchanged, 1);
	ck_assert_str_eq(tu_sql_text(dbpath, ret), "1");
	/* 否: refused as a record on file without --update, merged with it */
	snprintf(text, sizeof text, "%s%s否\n", head, row);
	tu_write(csv, text);
	o.update = 0;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.already, 0);
	ck_assert_int_eq(s.refused, 1);
	ck_assert_str_eq(tu_sql_text(dbpath, ret), "1");
	char *said = tu_read(rep);
	ck_assert_msg(strstr(said, "退车：文件中为“否”，数据库中已有的这条记录为“是”"), "%s", said);
	free(said);
	o.update = 1;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.merged, 1);
	ck_assert_int_eq(s.unchanged, 0);
	ck_assert_str_eq(tu_sql_text(dbpath, ret), "0");
	char *rp = tu_read(rep);
	ck_assert_msg(strstr(rp, "更新 1 项：退车“是”→“否”"), "%s", rp);
	free(rp);
	/* a no for a box not ticked changes nothing (another file: a run of
	 * the same one is known and skipped) */
	snprintf(text, sizeof text, "%s%s0\n", head, row);
	tu_write(csv, text);
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.already + s.unchanged, 1);
	ck_assert_int_eq(s.unchanged, s.merged);
	/* the vehicles file: ticked by 1, unticked by N */
	char ferr[256];
	struct fdef_form *vf = fdef_load("vehicle", NULL, ferr, sizeof ferr);
	ck_assert_ptr_nonnull(vf);
	tu_write(csv, "客户编号,车辆底盘号(VIN),退车\nC00000001,LSVAB2BM3HN654321,1\n");
	ck_assert_int_eq(imp_run(db, "vehicles", vf, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.unchanged, 0);
	ck_assert_str_eq(tu_sql_text(dbpath, ret), "1");
	tu_write(csv, "客户编号,车辆底盘号(VIN),退车\nC00000001,LSVAB2BM3HN654321,N\n");
	ck_assert_int_eq(imp_run(db, "vehicles", vf, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.unchanged, 0);
	ck_assert_str_eq(tu_sql_text(dbpath, ret), "0");
	fdef_free(vf);
}
END_TEST

/* A file's customer numbers are kept, and with a row left out they run
 * past the ids: a customer added later (by a file without numbers, or at
 * the desk, through the same insert) takes the next number free, not C and
 * its id — that one was taken, and every new customer was refused. */
START_TEST(new_numbers_follow_those_a_file_brought)
{
	char text[2048], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text,
	         "cust_no,%s"
	         "C00000001,个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路1号\n"
	         "C00000003,个人,个人,自来,李四,男,13800138001,,330000,330100,330106,文三路2号\n",
	         KEYS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 2);
	snprintf(text, sizeof text, "%s个人,个人,自来,王五,男,13800138002,,330000,330100,330106,文三路3号\n"
	                            "个人,个人,自来,赵六,男,13800138003,,330000,330100,330106,文三路4号\n", KEYS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(s.refused, 0);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT group_concat(cust_no || name, ' ') FROM (SELECT * FROM customers ORDER BY id)"),
	                 "C00000001张三 C00000003李四 C00000004王五 C00000005赵六");
	/* an old system's numbers of other lengths, and the last of eight
	 * digits: ours go on past them by value, into nine digits, never twice */
	snprintf(text, sizeof text,
	         "cust_no,%s"
	         "C000123,个人,个人,自来,钱七,男,13800138004,,330000,330100,330106,文三路5号\n"
	         "C99999999,个人,个人,自来,孙八,男,13800138005,,330000,330100,330106,文三路6号\n",
	         KEYS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	snprintf(text, sizeof text, "%s个人,个人,自来,周九,男,13800138006,,330000,330100,330106,文三路7号\n"
	                            "个人,个人,自来,吴十,男,13800138007,,330000,330100,330106,文三路8号\n", KEYS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT group_concat(cust_no, ' ') FROM (SELECT * FROM customers WHERE id > 4 ORDER BY id)"),
	                 "C000123 C99999999 C100000000 C100000001");
	/* a customer known by the number alone (a landline, no ID number, VIN
	 * or mobile) is found by it: the same row is in already, another
	 * person's under it refused naming the number — not SQLite's UNIQUE */
	tu_write(csv, "客户编号,客户性质,客户分类,客户来源,姓名/单位名称,性别,固定电话1,省区编号,城市编号,区域编号,详细地址\n"
	              "C00000009,个人,个人,自来,老张,男,0571-85901234,330000,330100,330106,文三路5号\n");
	struct imp_opts o = { .path = csv, .staff = "t", .report = rep };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 1);
	tu_write(csv, "客户编号,客户性质,客户分类,客户来源,姓名/单位名称,性别,固定电话1,省区编号,城市编号,区域编号,详细地址\n"
	              "C00000009,个人,个人,自来,老张,男,0571-85901234,330000,330100,330106,文三路5号\n"
	              "C00000009,个人,个人,自来,林阳,男,0571-85909999,330000,330100,330106,文三路6号\n");
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.already, 1);
	ck_assert_int_eq(s.refused, 1);
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "3,cust_no,客户编号,duplicate.cust_no,error,客户编号：C00000009 已在库中，不能重复建档") &&
	              !strstr(r, "constraint"), "%s", r);
	free(r);
}
END_TEST

START_TEST(per_car_rows_store_the_customers_further_cars)
{
	per_car_file(0);
}
END_TEST

START_TEST(per_car_rows_in_a_load_in_one_go)
{
	per_car_file(1);
}
END_TEST

/* --update with a row naming a car the customer's first car is not: the
 * first car kept (the row's VIN was written over it), the row's car added
 * or merged into; a VIN of another customer's car refused. */
START_TEST(update_never_rewrites_the_first_car_with_another)
{
	char err[512];
	struct imp_stats s;
	tu_write(csv, PER_CAR);
	struct imp_opts o = { .path = csv, .report = rep, .staff = "t" };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	tu_write(csv, "身份证号码,车辆底盘号(VIN),车牌号,详细地址\n"
	              "11010519491231002X,LSVAB2BM3HN654321,浙A54322,\n"
	              "11010519491231002X,LSVAB2BM6HN111111,浙A77777,文三路5号\n"
	              "11010519491231002X,LFV2A21K7G3000001,,\n");
	o.update = 1;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.merged, 2);
	ck_assert_int_eq(s.refused, 1);
	ck_assert_int_eq(tu_sql_int(dbpath, "SELECT count(*) FROM vehicles WHERE vin = 'LSVAB2BM1HN123456'"
	                                    " AND plate = '浙A12345' AND customer_id = 1"), 1);
	ck_assert_int_eq(tu_sql_int(dbpath, "SELECT count(*) FROM vehicles WHERE vin = 'LSVAB2BM3HN654321'"
	                                    " AND plate = '浙A54322' AND customer_id = 1"), 1);
	ck_assert_int_eq(tu_sql_int(dbpath, "SELECT count(*) FROM vehicles WHERE vin = 'LSVAB2BM6HN111111'"
	                                    " AND plate = '浙A77777' AND customer_id = 1"), 1);
	ck_assert_int_eq(tu_sql_int(dbpath, "SELECT count(*) FROM vehicles WHERE vin = 'LFV2A21K7G3000001'"
	                                    " AND customer_id = 2"), 1);
	char *rp = tu_read(rep);
	ck_assert_msg(strstr(rp, "已合并到客户 C00000001（更新 1 项：车牌号“浙A54321”→“浙A54322”）"), "%s", rp);
	ck_assert_msg(strstr(rp, "已合并到客户 C00000001，登记为该客户的又一辆车（更新 3 项："), "%s", rp);
	ck_assert_msg(strstr(rp, "\n4,nature") == NULL, "%s", rp); /* the record has it */
	ck_assert_msg(strstr(rp, "4,vin,车辆底盘号(VIN),duplicate.vin,error,车辆底盘号(VIN)：LFV2A21K7G3000001 已属于客户 "
	                         "C00000002，不能合并到客户 C00000001"), "%s", rp);
	free(rp);
}
END_TEST

/* The merge's report line names what it overwrote, the stored value and
 * the file's; more than fits is counted and cut with 等, never mid-item. */
START_TEST(update_report_names_old_and_new_values)
{
	char text[4096], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text, "%s个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路1号\n",
	         KEYS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	tu_write(csv, "id_no,address,postcode,hobby,occupation,email\n"
	              "11010519491231002X,浙江省杭州市西湖区文三路九十九号东方通信科技园三号楼十二层,310012,"
	              "钓鱼和登山以及各地的自驾游,教师,zhang@example.com\n");
	struct imp_opts o = { .path = csv, .staff = "t", .report = rep, .update = 1, .dry_run = 1 };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.merged, 1);
	char *rp = tu_read(rep);
	/* in the sheet's order; the address does not fit whole, so it and the
	 * postcode after it are only counted */
	ck_assert_msg(strstr(rp, "已合并到客户 C00000001（更新 5 项：职业特性“（空）”→“教师”；兴趣爱好“（空）”→"
	                         "“钓鱼和登山以及各地的自驾游”；邮箱“（空）”→“zhang@example.com”等）"), "%s", rp);
	ck_assert_msg(strstr(rp, "文三路九十九号") == NULL, "%s", rp);
	free(rp);
	/* a dry run: nothing overwritten */
	struct cust_hit h[2];
	ck_assert_int_eq(cust_search(db, "11010519491231002X", h, 2, err, sizeof err), 1);
	struct rec *r = rec_new(form);
	ck_assert_int_eq(cust_load(db, h[0].id, r, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(r, "address"), "文三路1号");
	rec_free(r);
}
END_TEST

START_TEST(update_merges_changed_fields_into_the_same_person)
{
	char text[4096], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text, "%s"
	         "个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路1号\n"
	         "个人,个人,自来,李四,男,13800138001,,330000,330100,330106,文三路2号\n", KEYS);
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	/* a second file from the old system: 张三's ID number under another
	 * name (a misspelling, a new owner or a mixed-up row: the program
	 * cannot tell), 张三 again with a new address, a mobile that matches
	 * 李四 with an invalid postcode, and 李四's wife on his phone */
	FILE *f = fopen(csv, "w");
	fputs("id_no,name,mobile,address,postcode,nature,category,source,sex,province,city,district\n", f);
	fputs("11010519491231002X,张叁,13900139000,西溪路5号,310013,,,,,,,\n", f);
	fputs("11010519491231002X,张三,13800138000,文三路99号,310012,,,,,,,\n", f);
	fputs(",李四,13800138001,,31001,,,,,,,\n", f);
	fputs(",王芳,13800138001,文三路2号,,个人,个人,自来,女,330000,330100,330106\n", f);
	fclose(f);
	struct imp_opts o = { .path = csv, .staff = "t", .report = rep, .update = 1 };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.merged, 1);
	ck_assert_int_eq(s.refused, 2);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(cust_count(db), 3);
	struct cust_hit h[3];
	ck_assert_int_eq(cust_search(db, "11010519491231002X", h, 2, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "张三");
	struct rec *r = rec_new(form);
	ck_assert_int_eq(cust_load(db, h[0].id, r, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(r, "address"), "文三路99号");
	ck_assert_str_eq(rec_get(r, "postcode"), "310012");
	ck_assert_str_eq(rec_get(r, "mobile"), "13800138000"); /* not 张叁's */
	ck_assert_str_eq(rec_get(r, "sex"), "女");              /* not in the file: kept */
	rec_clear(r);
	ck_assert_int_eq(cust_search(db, "王芳", h, 3, err, sizeof err), 1);
	ck_assert_int_eq(cust_load(db, h[0].id, r, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(r, "mobile"), "13800138001");
	rec_clear(r);
	ck_assert_int_eq(cust_search(db, "李四", h, 3, err, sizeof err), 1);
	ck_assert_int_eq(cust_load(db, h[0].id, r, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(r, "sex"), "男"); /* not his wife's */
	rec_free(r);
	char *rp = tu_read(rep);
	ck_assert_msg(strstr(rp, "2,name,姓名/单位名称,name.differs,error,姓名/单位名称：文件中为“张叁”，"
	                         "按身份证号码找到的客户 C00000001 为“张三”；姓名不同，未合并") != NULL, "%s", rp);
	ck_assert_ptr_nonnull(strstr(rp, "3,cust_no,客户编号,merged,warning,已合并到客户 C00000001（更新 2 项："
	                                 "详细地址“文三路1号”→“文三路99号”；邮递区号“（空）”→“310012”）"));
	ck_assert_ptr_nonnull(strstr(rp, "4,postcode,邮递区号,postcode.format,error,"));
	free(rp);
	/* without --update a row of another name says so first */
	tu_write(csv, "id_no,name,mobile,address\n11010519491231002X,张叁,13900139000,西溪路5号\n");
	o.update = 0;
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	rp = tu_read(rep);
	ck_assert_msg(strstr(rp, "2,name,姓名/单位名称,duplicate.differs,error,") != NULL, "%s", rp);
	free(rp);
}
END_TEST

/* A file's row as old as its 更新时间 (the record's last change when it
 * was exported): with --update a field the desk changed after that time
 * keeps the desk's value, said naming the field; the spreadsheet's own
 * edit of another field goes in.  Without the column the file's values go
 * in as before, and the summary says that nothing told which side is newer. */
START_TEST(update_keeps_what_the_desk_changed_after_the_file)
{
	char text[4096], err[512];
	struct imp_stats s;
	/* an export brought into an empty database keeps each record's time */
	snprintf(text, sizeof text, "nature,category,source,name,sex,mobile,province,city,district,address,更新时间\n"
	         "个人,个人,自来,张三,女,13800138000,330000,330100,330106,文三路1号,2026-11-01 08:00:00\n");
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT updated_at FROM customers"), "2026-11-01 08:00:00");
	ck_assert_int_eq(s.problems, 0); /* the column is known, not "未知的列" */
	/* last week's export */
	setenv("DESK4S_NOW", "2026-11-16 09:00:00", 1);
	tu_write(csv, "cust_no,postcode\nC00000001,310012\n");
	struct imp_opts o = { .path = csv, .staff = "t", .report = rep, .update = 1 };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	char out[512];
	snprintf(out, sizeof out, "%s/export.csv", dir);
	FILE *f = fopen(out, "w");
	struct exp_opts eo = { 0 };
	long rows;
	ck_assert_int_eq(exp_run(db, "customers", form, f, &eo, &rows, err, sizeof err), ST_OK);
	fclose(f);
	char *ex = tu_read(out);
	ck_assert_msg(strstr(ex, ",维修保养场所,更新时间\r\n") || strstr(ex, ",维修保养场所,更新时间\n"), "%s", ex);
	ck_assert_msg(strstr(ex, ",2026-11-16 09:00:00\r\n") || strstr(ex, ",2026-11-16 09:00:00\n"), "%s", ex);
	free(ex);
	/* yesterday the receptionist corrected the address */
	setenv("DESK4S_NOW", "2026-11-22 15:30:00", 1);
	struct rec *r = rec_new(form);
	ck_assert_int_eq(cust_load(db, 1, r, err, sizeof err), ST_OK);
	rec_set(r, "address", "文三路9号");
	ck_assert_int_eq(cust_update(db, r, 0, "wang", err, sizeof err), ST_OK);
	rec_free(r);
	/* the old file, its postcode corrected in a spreadsheet that also
	 * wrote the time its own way (no seconds: the minute is the file's) */
	setenv("DESK4S_NOW", "2026-11-23 10:00:00", 1);
	tu_write(csv, "cust_no,name,address,postcode,更新时间\nC00000001,张三,文三路1号,310013,2026/11/16 9:00\n");
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.merged, 1);
	ck_assert_int_eq(s.newer_rows, 1);
	ck_assert_int_eq(s.newer_fields, 1);
	ck_assert_int_eq(s.undated, 0);
	ck_assert_str_eq(s.undated_note, "");
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT address || '|' || postcode FROM customers"), "文三路9号|310013");
	char *rp = tu_read(rep);
	ck_assert_msg(strstr(rp, "2,address,详细地址,newer.kept,warning,详细地址：数据库中为“文三路9号”（2026-11-22 15:30:00 由 wang "
	                         "修改，晚于文件这一行的更新时间 2026-11-16 09:00），保留；文件中的“文三路1号”未合并") != NULL,
	              "%s", rp);
	ck_assert_msg(strstr(rp, "（更新 1 项：邮递区号“310012”→“310013”）") != NULL, "%s", rp);
	free(rp);
	/* the same row written after the desk's change merges whole */
	tu_write(csv, "cust_no,address,更新时间\nC00000001,文三路7号,2026-11-22 15:30:00\n");
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.newer_rows, 0);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT address FROM customers"), "文三路7号");
	/* another system's file, without the column: as before, and said once */
	tu_write(csv, "cust_no,address\nC00000001,文三路1号\n");
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT address FROM customers"), "文三路1号");
	ck_assert_int_eq(s.undated, 1);
	ck_assert_str_eq(s.undated_note,
	                 "文件没有“更新时间”列，无法判断文件与数据库哪一边较新：合并的 1 行中不同的项都以文件为准");
	/* a time that is none is said, and the row merges as without one */
	tu_write(csv, "cust_no,address,更新时间\nC00000001,文三路3号,上周\n");
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT address FROM customers"), "文三路3号");
	ck_assert_int_eq(s.undated, 1);
	rp = tu_read(rep);
	ck_assert_msg(strstr(rp, "更新时间：“上周”不是日期时间") != NULL, "%s", rp);
	free(rp);
	unsetenv("DESK4S_NOW");
}
END_TEST

/* A 更新时间 cell written in words, longer than the report quotes: cut
 * between characters, so the report line stays readable UTF-8. */
START_TEST(update_bad_stamp_quoted_whole_characters)
{
	char text[4096], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text, "nature,category,source,name,sex,mobile,province,city,district,address\n"
	         "个人,个人,自来,张三,女,13800138000,330000,330100,330106,文三路1号\n");
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	/* 15 characters, 45 bytes */
	tu_write(csv, "cust_no,address,更新时间\nC00000001,文三路3号,二〇二六年十一月十六日上午九点\n");
	struct imp_opts o = { .path = csv, .staff = "t", .report = rep, .update = 1 };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	char *rp = tu_read(rep);
	ck_assert_msg(txt_valid_utf8(rp, strlen(rp)), "%s", rp);
	ck_assert_msg(strstr(rp, "更新时间：“二〇二六年十一月十六日上午”不是日期时间") != NULL, "%s", rp);
	free(rp);
}
END_TEST

/* A code a spreadsheet read as a number comes back without its leading
 * zeros: with --update the record's value is kept and said, not replaced
 * by the damaged one; a real change beside it is merged. */
START_TEST(update_keeps_leading_zeros_a_spreadsheet_lost)
{
	char text[4096], err[512];
	struct imp_stats s;
	snprintf(text, sizeof text,
	         "nature,category,source,name,sex,mobile,province,city,district,address,vin,invoice_no\n"
	         "个人,个人,自来,张三,女,13800138000,330000,330100,330106,文三路1号,LSVAB2BM7FN000001,0012345679\n");
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 0);
	tu_write(csv, "vin,invoice_no,address\nLSVAB2BM7FN000001,12345679,文三路2号\n");
	struct imp_opts o = { .path = csv, .staff = "t", .report = rep, .update = 1 };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.merged, 1);
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT invoice_no FROM vehicles"), "0012345679");
	ck_assert_str_eq(tu_sql_text(dbpath, "SELECT address FROM customers"), "文三路2号");
	char *rp = tu_read(rep);
	ck_assert_msg(strstr(rp, "2,invoice_no,发票号,zeros.lost,warning,发票号：文件中为“12345679”，系统中为“0012345679”，"
	                         "是表格软件去掉了开头的 0，未修改") != NULL, "%s", rp);
	ck_assert_msg(strstr(rp, "（更新 1 项：详细地址“文三路1号”→“文三路2号”）") != NULL, "%s", rp);
	free(rp);
	/* a row of an update file refused for a value is told of that value,
	 * not also of every required field the file has no column for */
	tu_write(csv, "vin,birth_date\nLSVAB2BM7FN000001,1990-13-01\n");
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 1);
	rp = tu_read(rep);
	ck_assert_msg(strstr(rp, "2,birth_date,") != NULL && strstr(rp, ",required,") == NULL, "%s", rp);
	free(rp);
}
END_TEST

Suite *import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *t = tcase_create("customers");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 60);
	tcase_add_test(t, labels_and_keys_both_work);
	tcase_add_test(t, a_damaged_file_stops_the_duplicate_check);
	tcase_add_test(t, report_lines_and_exit_status);
	tcase_add_test(t, rows_of_empty_fields_are_blank);
	tcase_add_test(t, a_total_or_note_row_is_not_a_customer);
	tcase_add_test(t, problems_are_kept_for_the_terminal);
	tcase_add_test(t, end_marks_and_a_title_line);
	tcase_add_test(t, strict_refuses_incomplete_rows);
	tcase_add_test(t, dry_run_stores_nothing_and_predicts_the_real_run);
	tcase_add_test(t, a_dry_run_says_who_holds_the_database_while_it_runs);
	tcase_add_test(t, unknown_columns_are_reported_once);
	tcase_add_test(t, other_systems_column_names_are_taken_and_said);
	tcase_add_test(t, region_names_are_stored_as_codes);
	tcase_add_test(t, a_phone_column_is_read_by_its_content);
	tcase_add_test(t, several_numbers_in_a_cell_and_excel_day_numbers);
	tcase_add_test(t, formula_marked_numbers);
	tcase_add_test(t, formula_marks_across_reads);
	tcase_add_test(t, refused_rows_kept_as_read);
	tcase_add_test(t, a_tab_delimited_export_is_read);
	tcase_add_test(t, the_separator_is_judged_on_several_lines);
	tcase_add_test(t, a_cell_holding_another_separator_is_written_quoted);
	tcase_add_test(t, a_15_digit_id_number_is_stored_upgraded);
	tcase_add_test(t, file_errors_exit_3_and_name_the_file);
	tcase_add_test(t, batches_commit_and_a_large_file_imports);
	tcase_add_test(t, gb18030_is_detected_and_converted);
	tcase_add_test(t, a_character_cut_by_the_guess_s_sample_is_read_whole);
	tcase_add_test(t, encoding_can_be_forced_and_bad_bytes_are_named);
	tcase_add_test(t, utf16_text_from_excel_is_read);
	tcase_add_test(t, a_refused_file_corrected_imports_again);
	tcase_add_test(t, nul_bytes_and_broken_utf8_refuse_their_row_only);
	tcase_add_test(t, ragged_rows_and_a_10mb_field);
	tcase_add_test(t, keyless_rows_are_not_stored_twice);
	tcase_add_test(t, a_row_repeating_the_file_is_not_said_in_the_database);
	tcase_add_test(t, a_row_repeating_the_file_in_a_load_in_one_go);
	tcase_add_test(t, update_merges_changed_fields_into_the_same_person);
	tcase_add_test(t, update_keeps_leading_zeros_a_spreadsheet_lost);
	tcase_add_test(t, update_keeps_what_the_desk_changed_after_the_file);
	tcase_add_test(t, update_bad_stamp_quoted_whole_characters);
	tcase_add_test(t, update_report_names_old_and_new_values);
	tcase_add_test(t, per_car_rows_store_the_customers_further_cars);
	tcase_add_test(t, per_car_rows_in_a_load_in_one_go);
	tcase_add_loop_test(t, deliveries_move_the_last_deal_on, 0, 2);
	tcase_add_test(t, update_unticks_a_returned_car_the_file_says_no_to);
	tcase_add_test(t, new_numbers_follow_those_a_file_brought);
	tcase_add_test(t, a_file_corrected_in_its_middle_is_not_taken_as_imported);
	tcase_add_test(t, update_never_rewrites_the_first_car_with_another);
	tcase_add_test(t, update_after_a_plain_run_of_the_same_file_is_not_skipped);
	tcase_add_test(t, a_report_into_a_missing_directory_names_it);
	suite_add_tcase(s, t);
	return s;
}
