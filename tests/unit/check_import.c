/* Customer import: header by key or label, the report, incomplete rows,
 * --strict, --dry-run, duplicates, malformed files and exit codes. */
#include <sqlite3.h>
#include "testutil.h"
#include "desk4s/customer.h"
#include "desk4s/import.h"

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

	ck_assert_int_eq(run("", 0, 0, &s, err, sizeof err), 3);
	ck_assert_ptr_nonnull(strstr(err, "空"));

	/* GB18030 "张三" */
	snprintf(text, sizeof text, "name\n\xD5\xC5\xC8\xFD\n");
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 3);
	ck_assert_ptr_nonnull(strstr(err, "GB18030"));

	struct imp_opts o = { .path = "/nonexistent/in.csv", .staff = "t" };
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 3);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/in.csv"));

	snprintf(text, sizeof text, "name,姓名/单位名称\n张三,张三\n");
	ck_assert_int_eq(run(text, 0, 0, &s, err, sizeof err), 3);
	ck_assert_ptr_nonnull(strstr(err, "重复"));
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

Suite *import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *t = tcase_create("customers");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 60);
	tcase_add_test(t, labels_and_keys_both_work);
	tcase_add_test(t, report_lines_and_exit_status);
	tcase_add_test(t, strict_refuses_incomplete_rows);
	tcase_add_test(t, dry_run_stores_nothing_and_predicts_the_real_run);
	tcase_add_test(t, unknown_columns_are_reported_once);
	tcase_add_test(t, file_errors_exit_3_and_name_the_file);
	tcase_add_test(t, batches_commit_and_a_large_file_imports);
	suite_add_tcase(s, t);
	return s;
}
