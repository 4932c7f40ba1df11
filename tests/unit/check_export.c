/* Export: header labels, BOM, GB18030, masking, and the round trip
 * export → import into an empty database → export giving the same bytes;
 * work-order import keeps history and refuses a re-run's duplicates. */
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#include "testutil.h"
#include "desk4s/export.h"
#include "desk4s/import.h"
#include "desk4s/due.h"

static char *dir;

static void setup(void)
{
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	setenv("DESK4S_NOW", "2026-11-23 10:00", 1);
	dir = tu_tmpdir();
}
static void teardown(void) { tu_rmtree(dir); }

static int count_repair(const struct due_task *t, void *ctx)
{
	(void)ctx;
	ck_assert_str_eq(t->kind, "维修回访");
	ck_assert_str_eq(t->due_date, "2025-03-04");
	return 0;
}

static struct st_db *open_db(const char *name)
{
	char p[600], err[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	struct st_db *db;
	ck_assert_int_eq(st_open(p, &db, err, sizeof err), ST_OK);
	return db;
}

static int import_text(struct st_db *db, const char *kind, const char *text, struct imp_stats *s)
{
	char p[600], rep[600], err[512];
	snprintf(p, sizeof p, "%s/in-%s.csv", dir, kind);
	snprintf(rep, sizeof rep, "%s/rep-%s.csv", dir, kind);
	tu_write(p, text);
	struct fdef_form *f = fdef_load(imp_form_of(kind), NULL, err, sizeof err);
	struct imp_opts o = { .path = p, .staff = "t", .report = rep };
	int rc = imp_run(db, kind, f, &o, s, err, sizeof err);
	fdef_free(f);
	return rc;
}

static int import_file(struct st_db *db, const char *kind, const char *path, struct imp_stats *s)
{
	char err[512];
	struct fdef_form *f = fdef_load(imp_form_of(kind), NULL, err, sizeof err);
	char rep[600];
	snprintf(rep, sizeof rep, "%s/rep-file-%s.csv", dir, kind);
	struct imp_opts o = { .path = path, .staff = "t", .report = rep };
	int rc = imp_run(db, kind, f, &o, s, err, sizeof err);
	fdef_free(f);
	return rc;
}

static char *export_to(struct st_db *db, const char *kind, const char *name, int gb, int mask)
{
	char p[600], err[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *out = fopen(p, "w");
	struct fdef_form *f = fdef_load(exp_form_of(kind), NULL, err, sizeof err);
	struct exp_opts o = { .gb18030 = gb, .mask_mobile = mask, .mask_idno = mask, .from = "", .to = "" };
	long rows;
	ck_assert_int_eq(exp_run(db, kind, f, out, &o, &rows, err, sizeof err), ST_OK);
	fclose(out);
	fdef_free(f);
	static char path[600];
	snprintf(path, sizeof path, "%s", p);
	return path;
}

static const char CUSTOMERS[] =
	"客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,身份证号码,省区编号,城市编号,区域编号,详细地址,"
	"车辆底盘号(VIN),车牌号,购车价格(元),保险到期,退车\n"
	"个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,\"文三路1号, 3单元\",LSVAB2BM1HN123456,浙A12345,128000.5,2027-03-01,否\n"
	"个人,个人,自来,\"李\"\"四\"\"\",,13900001111,,330000,330100,330106,\"两行\n地址\",,,,,\n"
	"单位,招标单位,协议单位,东莞某公司,,13900003333,,440000,441900,,东城路,LSVAB2BM3HN654321,,99000,,是\n";

START_TEST(customers_round_trip_byte_identical)
{
	struct st_db *a = open_db("a.db"), *b = open_db("b.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	ck_assert_int_eq(s.imported, 3);
	char *e1 = tu_read(export_to(a, "customers", "e1.csv", 0, 0));
	char p[600];
	snprintf(p, sizeof p, "%s/e1.csv", dir);
	ck_assert_int_eq(import_file(b, "customers", p, &s), 0);
	char *e2 = tu_read(export_to(b, "customers", "e2.csv", 0, 0));
	ck_assert_str_eq(e1, e2);
	ck_assert_int_eq(memcmp(e1, "\xEF\xBB\xBF客户编号,客户性质,", strlen("\xEF\xBB\xBF客户编号,客户性质,")), 0);
	ck_assert_ptr_nonnull(strstr(e1, "\"文三路1号, 3单元\""));
	ck_assert_ptr_nonnull(strstr(e1, "\"李\"\"四\"\"\""));
	ck_assert_ptr_nonnull(strstr(e1, ",128000.50,"));
	ck_assert_ptr_nonnull(strstr(e1, "C00000003,单位"));
	/* 退车, a box: 否 is the box left empty, 是 kept as 1 and written back */
	char pa[600];
	snprintf(pa, sizeof pa, "%s/a.db", dir);
	ck_assert_str_eq(tu_sql_text(pa, "SELECT group_concat(returned, ' ') FROM (SELECT * FROM vehicles ORDER BY id)"),
	                 "0 1");
	ck_assert_ptr_nonnull(strstr(e1, ",2027-03-01,,"));
	ck_assert_ptr_nonnull(strstr(e1, ",是,"));
	free(e1);
	free(e2);
	st_close(a);
	st_close(b);
}
END_TEST

/* Text a spreadsheet would run as a formula is written after an
 * apostrophe (shown as text), and comes back without it: the round trip
 * stays byte for byte, the stored values as typed. */
START_TEST(formula_like_text_is_written_as_text)
{
	struct st_db *a = open_db("a.db"), *b = open_db("b.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers",
	                             "姓名/单位名称,手机号,详细地址,职业特性,兴趣爱好\n"
	                             "\"=HYPERLINK(\"\"http://x.example/\"\",\"\"点\"\")\",13800138000,-1+2,@SUM(1),+86\n",
	                             &s), 0);
	char *e1 = tu_read(export_to(a, "customers", "e1.csv", 0, 0));
	ck_assert_msg(strstr(e1, ",\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"点\"\")\",") && strstr(e1, ",'-1+2,")
	              && strstr(e1, ",'@SUM(1),") && strstr(e1, ",'+86,"), "%s", e1);
	char p[600];
	snprintf(p, sizeof p, "%s/e1.csv", dir);
	ck_assert_int_eq(import_file(b, "customers", p, &s), 0);
	char *e2 = tu_read(export_to(b, "customers", "e2.csv", 0, 0));
	ck_assert_str_eq(e1, e2);
	snprintf(p, sizeof p, "%s/b.db", dir);
	ck_assert_str_eq(tu_sql_text(p, "SELECT address || ' ' || occupation FROM customers"), "-1+2 @SUM(1)");
	free(e1);
	free(e2);
	st_close(a);
	st_close(b);
}
END_TEST

/* export --excel: the codes a spreadsheet would turn into numbers (an
 * all-digit ID number, a postcode or an engine number with a leading zero,
 * a 20-digit invoice number) are written as formulas it shows as text;
 * a mobile, an amount and a date are not.  Imported, they are what they
 * were: the plain exports of both databases are the same bytes. */
START_TEST(excel_export_keeps_long_codes_as_text)
{
	struct st_db *a = open_db("a.db"), *b = open_db("b.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers",
	                             "客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,身份证号码,省区编号,城市编号,区域编号,"
	                             "详细地址,邮递区号,车辆底盘号(VIN),发动机号,发票号,购车价格(元),保险到期\n"
	                             "个人,个人,自来,王五,男,13800138000,110105194912310118,150000,150100,150102,新华大街1号,"
	                             "010010,LSVAB2BM1HN123456,012345,04400123456789012345,128000,2027-03-01\n",
	                             &s), 0);
	char p[600], err[512];
	long rows, plain_codes = -1, excel_codes = -1;
	struct fdef_form *f = fdef_load("customer", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(f);
	for (int excel = 0; excel <= 1; excel++) {
		snprintf(p, sizeof p, "%s/%s.csv", dir, excel ? "x" : "e1");
		FILE *out = fopen(p, "w");
		struct exp_opts o = { .excel = excel, .long_codes = excel ? &excel_codes : &plain_codes };
		ck_assert_int_eq(exp_run(a, "customers", f, out, &o, &rows, err, sizeof err), ST_OK);
		fclose(out);
	}
	fdef_free(f);
	ck_assert_int_eq(plain_codes, 4);
	ck_assert_int_eq(excel_codes, 4);
	char *x = tu_read(p);
	static const char *const wrapped[] = { ",\"=\"\"110105194912310118\"\"\",", ",\"=\"\"010010\"\"\",",
	                                       ",\"=\"\"012345\"\"\",", ",\"=\"\"04400123456789012345\"\"\"," };
	for (size_t i = 0; i < sizeof wrapped / sizeof wrapped[0]; i++)
		ck_assert_msg(strstr(x, wrapped[i]), "no %s in %s", wrapped[i], x);
	ck_assert_ptr_nonnull(strstr(x, ",13800138000,"));
	ck_assert_ptr_nonnull(strstr(x, ",128000,"));
	ck_assert_ptr_nonnull(strstr(x, ",2027-03-01,"));
	free(x);
	ck_assert_int_eq(import_file(b, "customers", p, &s), 0);
	char *e1 = tu_read(export_to(a, "customers", "e1.csv", 0, 0)), *e2 = tu_read(export_to(b, "customers", "e2.csv", 0, 0));
	ck_assert_ptr_null(strstr(e1, "="));
	ck_assert_str_eq(e1, e2);
	free(e1);
	free(e2);
	st_close(a);
	st_close(b);
}
END_TEST

static char *export_excel(struct st_db *db, const char *kind, const char *name)
{
	char p[600], err[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *out = fopen(p, "w");
	struct fdef_form *f = fdef_load(exp_form_of(kind), NULL, err, sizeof err);
	long dates = -1;
	struct exp_opts o = { .excel = 1, .date_like = &dates, .from = "", .to = "" };
	long rows;
	ck_assert_int_eq(exp_run(db, kind, f, out, &o, &rows, err, sizeof err), ST_OK);
	ck_assert_int_eq(dates, 0); /* each kept as text: nothing left to say */
	fclose(out);
	fdef_free(f);
	return tu_read(p);
}

/* export --excel keeps as text what a spreadsheet would take for a date
 * or a number (油量 3/4, 方便联系时间 9-12, 1-2, 2025.10), as ="…"; the
 * import reads ="…" back in any field, a doubled quote inside too, so
 * export --excel → import into an empty database → export --excel gives
 * the same bytes, every kind; '="9-12", a value that is that formula,
 * stays the value.  The plain export writes no =. */
START_TEST(every_kind_round_trips_through_an_excel_export)
{
	struct st_db *a = open_db("a.db"), *b = open_db("b.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers",
	                             "客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,身份证号码,省区编号,城市编号,区域编号,"
	                             "详细地址,车辆底盘号(VIN),车牌号,方便联系时间,兴趣爱好,职业特性\n"
	                             "个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路1号,"
	                             "LSVAB2BM1HN123456,浙A12345,9-12,1-2,2025.10\n"
	                             "个人,个人,自来,李四,男,13900001111,,330000,330100,330106,文三路2号,"
	                             "LSVAB2BM3HN654321,,\"=\"\"9-12\"\"\",\"'=\"\"9-12\"\"\",\"说\"\"好\"\"的\"\n",
	                             &s), 0);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(import_text(a, "vehicles", "客户编号,车辆底盘号(VIN),车牌号,车辆型号\n"
	                                            "C00000002,LFV2A21K7G3000001,浙A88888,3-5\n", &s), 0);
	ck_assert_int_eq(import_text(a, "workorders",
	                             "工单号,开单时间,服务顾问,VIN,行驶里程(km),油量,作业类型,客户描述,维修项目,预计完工时间,状态,完工时间\n"
	                             "WO20250301-0001,2025-03-01 09:00,小王,LSVAB2BM1HN123456,5000,3/4,首保,首次保养,3/4,"
	                             "2025-03-01 12:00,已完工,2025-03-01 11:40\n"
	                             "WO20250401-0001,2025-04-01 09:00,小王,LFV2A21K7G3000001,9000,1/2,一般维修,异响,,"
	                             "2025-04-02 12:00,在修,\n", &s), 0);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(import_text(a, "complaints", "客户编号,受理时间,受理人,投诉内容,处理人,处理时间,处理结果\n"
	                                              "C00000001,2026-11-01 10:00,前台,等了9-12点,王经理,2026-11-02 09:00,12-1\n",
	                             &s), 0);
	ck_assert_int_eq(import_text(a, "acards",
	                             "A卡编号,建卡日期,首次接待日期,销售顾问,姓名,性别,联系电话,欲购车型,信息来源,首次接待概况,意向级别,"
	                             "下次回访计划\n"
	                             "A20261101-0001,2026-11-01,2026-11-01,小王,王五,男,13700137000,1-2,网络,看车,H,2026-11-20\n",
	                             &s), 0);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(import_text(a, "followups", "A卡编号,回访日期,回访方式,访问记录,意向级别,下次回访,回访人\n"
	                                             "A20261101-0001,2026-11-03,电话,约了3/4试驾,H,2026-11-05,小王\n", &s), 0);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(import_text(a, "visits", "来电或到店,到店时间,离店时间,客户名称,手机号,意向车型,信息来源,销售顾问,沟通概况\n"
	                                          "到店,2026-10-01 10:00,2026-10-01 10:40,赵六,13600136000,1-2,网络,小王,9-12\n",
	                             &s), 0);
	ck_assert_int_eq(s.imported, 1);
	static const char *const kinds[] = { "customers", "vehicles", "workorders", "complaints", "acards", "followups",
		                             "visits" };
	char *x1[7];
	for (size_t k = 0; k < 7; k++) {
		char name[64], p[600];
		snprintf(name, sizeof name, "x1-%s.csv", kinds[k]);
		x1[k] = export_excel(a, kinds[k], name);
		snprintf(p, sizeof p, "%s/%s", dir, name);
		int rc = import_file(b, kinds[k], p, &s);
		if (rc != 0) {
			snprintf(p, sizeof p, "%s/rep-file-%s.csv", dir, kinds[k]);
			ck_abort_msg("%s: %d %s", kinds[k], rc, tu_read(p));
		}
	}
	for (size_t k = 0; k < 7; k++) {
		char name[64];
		snprintf(name, sizeof name, "x2-%s.csv", kinds[k]);
		char *x2 = export_excel(b, kinds[k], name);
		ck_assert_msg(strcmp(x1[k], x2) == 0, "%s:\n%s\n%s", kinds[k], x1[k], x2);
		free(x2);
	}
	/* 职业特性, 兴趣爱好 … 方便联系时间 */
	ck_assert_msg(strstr(x1[0], ",\"=\"\"2025.10\"\"\",\"=\"\"1-2\"\"\",") &&
	              strstr(x1[0], ",\"说\"\"好\"\"的\",\"'=\"\"9-12\"\"\",") && strstr(x1[0], ",\"=\"\"9-12\"\"\",,330000,"),
	              "%s", x1[0]);
	ck_assert_msg(strstr(x1[2], ",\"=\"\"3/4\"\"\","), "%s", x1[2]);
	ck_assert_msg(strstr(x1[6], ",\"=\"\"1-2\"\"\","), "%s", x1[6]);
	/* the stored values are the text, the apostrophe's formula as written */
	char pb[600];
	snprintf(pb, sizeof pb, "%s/b.db", dir);
	ck_assert_str_eq(tu_sql_text(pb, "SELECT group_concat(contact_time || ' ' || hobby || ' ' || occupation, '|')"
	                                 " FROM (SELECT * FROM customers ORDER BY id)"),
	                 "9-12 1-2 2025.10|9-12 =\"9-12\" 说\"好\"的");
	ck_assert_str_eq(tu_sql_text(pb, "SELECT group_concat(fuel, ' ') FROM (SELECT * FROM workorders ORDER BY id)"), "3/4 1/2");
	/* the plain export is as it was: no formula of ours */
	char *e1 = tu_read(export_to(b, "customers", "e1.csv", 0, 0));
	ck_assert_msg(strstr(e1, ",2025.10,1-2,") && strstr(e1, ",\"说\"\"好\"\"的\",\"'=\"\"9-12\"\"\",") &&
	              strstr(e1, ",9-12,,330000,") && !strstr(e1, ",\"=\"\""), "%s", e1);
	free(e1);
	for (size_t k = 0; k < 7; k++)
		free(x1[k]);
	st_close(a);
	st_close(b);
}
END_TEST

START_TEST(gb18030_and_masking)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	char *g = tu_read(export_to(a, "customers", "g.csv", 1, 0));
	ck_assert_int_ne(memcmp(g, "\xEF\xBB\xBF", 3), 0);     /* no BOM in GB18030 */
	ck_assert_ptr_nonnull(strstr(g, "\xD5\xC5\xC8\xFD"));     /* 张三 */
	free(g);
	char *m = tu_read(export_to(a, "customers", "m.csv", 0, 1));
	ck_assert_ptr_nonnull(strstr(m, "138****8000"));
	ck_assert_ptr_nonnull(strstr(m, "110105********002X"));
	ck_assert_ptr_null(strstr(m, "13800138000"));
	ck_assert_ptr_null(strstr(m, "11010519491231002X"));
	free(m);
	/* a name holding a byte of no UTF-8 (put into the table by hand) has
	 * no GB18030: the record and the field are named, in Chinese, where
	 * iconv's own words in English had named neither */
	char pa[600], err[512], p[600];
	snprintf(pa, sizeof pa, "%s/a.db", dir);
	tu_sql_exec(pa, "UPDATE customers SET name = CAST(X'E69D8EFF' AS TEXT) WHERE cust_no = 'C00000002'");
	snprintf(p, sizeof p, "%s/bad.csv", dir);
	FILE *out = fopen(p, "w");
	struct fdef_form *f = fdef_load("customer", NULL, err, sizeof err);
	struct exp_opts o = { .gb18030 = 1 };
	long rows;
	ck_assert_int_eq(exp_run(a, "customers", f, out, &o, &rows, err, sizeof err), ST_ERROR);
	fclose(out);
	ck_assert_str_eq(err, "第 2 条记录（客户编号 C00000002）的“姓名/单位名称”中有不成文字的字节（不是 UTF-8），"
	                      "无法转换为 GB18030；请先在界面中改正这一项再导出（不加 --encoding gb18030 时照原样写出）");
	ck_assert_int_eq(rows, 1);
	fdef_free(f);
	st_close(a);
}
END_TEST

START_TEST(workorders_import_keep_history_and_round_trip)
{
	struct st_db *a = open_db("a.db"), *b = open_db("b.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	const char *orders =
		"工单号,开单时间,服务顾问,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态,完工时间\n"
		"WO20250301-0001,2025-03-01 09:00,小王,LSVAB2BM1HN123456,5000,首保,首次保养,2025-03-01 12:00,已完工,2025-03-01 11:40\n"
		"WO20250401-0001,2025-04-01 09:00,小王,LSVAB2BM1HN123456,9000,一般维修,异响,2025-04-02 12:00,在修,\n"
		",2025-07-15 09:00,小李,LSVAB2BM3HN654321,100,保养,保养,2025-07-15 17:00,,\n"
		"WO20250501-0001,2025-05-01 09:00,小王,LFV2A21K7G3000001,100,保养,保养,2025-05-01 12:00,在修,\n"
		"WO20250601-0001,2025-06-01 09:00,小王,LSVAB2BM1HN123456,9500,保养,保养,2025-06-01 12:00,已完工,\n";
	ck_assert_int_eq(import_text(a, "workorders", orders, &s), 1);
	ck_assert_int_eq(s.imported, 3);
	ck_assert_int_eq(s.refused, 2);
	char rep[600];
	snprintf(rep, sizeof rep, "%s/rep-workorders.csv", dir);
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "5,vin,VIN,db.constraint,error,VIN：车辆 LFV2A21K7G3000001 尚未建档") != NULL, "%s", r);
	ck_assert_ptr_nonnull(strstr(r, "6,completed_at,完工时间,db.constraint,error,完工时间：状态为已完工的工单必须有完工时间"));
	free(r);
	/* the same file again adds nothing */
	ck_assert_int_eq(import_text(a, "workorders", orders, &s), 0);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_str_ne(s.finished_at, "");
	/* an old DMS's order list with the plate and no VIN: the car with
	 * that plate, said; an unknown plate refused naming it */
	ck_assert_int_eq(import_text(a, "workorders",
	                             "开单时间,服务顾问,车牌号,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	                             "2025-07-20 09:00,小王,浙A12345,9700,保养,保养,2025-07-20 12:00,在修\n"
	                             "2025-07-21 09:00,小王,浙B99999,100,保养,保养,2025-07-21 12:00,在修\n",
	                             &s), 1);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.refused, 1);
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,vin,VIN,vin.by_plate,warning,VIN：文件未写，按车牌号 浙A12345 认定为车辆 LSVAB2BM1HN123456（客户 C00000001 张三）")
	              && strstr(r, "3,vin,VIN,vin.not_found,error,VIN：文件未写；车牌号 浙B99999 找不到车辆"), "%s", r);
	free(r);
	/* orders without their number (the column left out) in a file brought
	 * twice: the same car opened at the same minute is the same order */
	const char *nonum =
		"开单时间,服务顾问,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态,完工时间\n"
		"2025-08-01 09:00,小王,LSVAB2BM1HN123456,9800,保养,保养,2025-08-01 12:00,在修,\n";
	ck_assert_int_eq(import_text(a, "workorders", nonum, &s), 0);
	ck_assert_int_eq(s.imported, 1);
	/* the order as it is (in already) and with another reading (refused) */
	char nonum2[1024];
	snprintf(nonum2, sizeof nonum2, "%s%s", nonum,
	         "2025-08-01 09:00,小王,LSVAB2BM1HN123456,9900,保养,保养,2025-08-01 12:00,在修,\n");
	ck_assert_int_eq(import_text(a, "workorders", nonum2, &s), 1);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_int_eq(s.already, 1);
	ck_assert_int_eq(s.refused, 1);
	ck_assert_int_eq(s.differs, 1);
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "3,opened_at,开单时间,duplicate.workorder,error,开单时间：车辆 LSVAB2BM1HN123456 在 2025-08-01 09:00 开的工单已存在"),
	              "%s", r);
	ck_assert_ptr_null(strstr(r, "\n2,"));
	free(r);
	/* another file repeating known order numbers: as they are, they are in
	 * already; one saying otherwise is refused */
	char again[4096];
	snprintf(again, sizeof again, "%s%s%s", orders,
	         "WO20250701-0001,2025-07-01 09:00,小王,LSVAB2BM1HN123456,9900,保养,保养,2025-07-01 12:00,在修,\n",
	         "WO20250301-0001,2025-03-01 09:00,小王,LSVAB2BM1HN123456,5100,首保,首次保养,2025-03-01 12:00,已完工,2025-03-01 11:40\n");
	ck_assert_int_eq(import_text(a, "workorders", again, &s), 1);
	ck_assert_int_eq(s.imported, 1); /* the new order; the one without a number is known by its car and minute */
	ck_assert_int_eq(s.already, 3);
	r = tu_read(rep);
	ck_assert_ptr_nonnull(strstr(r, "8,wo_no,工单号,duplicate.wo_no,error,"));
	ck_assert_ptr_null(strstr(r, "\n2,"));
	free(r);
	/* an odometer reading below an earlier order's is stored, and said */
	ck_assert_int_eq(import_text(a, "workorders",
	                             "开单时间,服务顾问,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	                             "2025-09-01 09:00,小王,LSVAB2BM1HN123456,120,保养,保养,2025-09-01 12:00,在修\n",
	                             &s), 0);
	ck_assert_int_eq(s.imported, 1);
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,mileage,行驶里程(km),mileage.lower,warning,行驶里程(km)：120 km 低于该车此前工单的 9900 km"),
	              "%s", r);
	free(r);
	/* the round trip, orders included */
	char p[600];
	char *c1 = tu_read(export_to(a, "customers", "c1.csv", 0, 0));
	char *w1 = tu_read(export_to(a, "workorders", "w1.csv", 0, 0));
	snprintf(p, sizeof p, "%s/c1.csv", dir);
	ck_assert_int_eq(import_file(b, "customers", p, &s), 0);
	snprintf(p, sizeof p, "%s/w1.csv", dir);
	/* imported the day after the file's last order (an import prunes
	 * tasks that expired over 400 days before its day, as lists leave them
	 * out, and refuses an order opened after its time) */
	setenv("DESK4S_NOW", "2025-09-02 10:00", 1);
	ck_assert_int_eq(import_file(b, "workorders", p, &s), 0);
	setenv("DESK4S_NOW", "2026-11-23 10:00", 1);
	char *c2 = tu_read(export_to(b, "customers", "c2.csv", 0, 0));
	char *w2 = tu_read(export_to(b, "workorders", "w2.csv", 0, 0));
	ck_assert_str_eq(c1, c2);
	ck_assert_str_eq(w1, w2);
	ck_assert_ptr_nonnull(strstr(c1, "2025-03-01"));  /* 最近交易日期 from the completed order */
	free(c1); free(c2); free(w1); free(w2);
	st_close(a);
	st_close(b);
	/* the imported completed order has its callback task, as on screen */
	b = open_db("b.db");
	setenv("DESK4S_NOW", "2025-03-04 10:00", 1);
	struct due_filter f = { .from = "2025-03-04", .to = "2025-03-04" };
	long n = due_list(b, &f, count_repair, NULL, p, sizeof p);
	setenv("DESK4S_NOW", "2026-11-23 10:00", 1);
	ck_assert_int_eq(n, 1);
	st_close(b);
}
END_TEST

/* Orders without a number of another system are found again by their car
 * and opening time: to the minute when the file gives one; opened on a
 * day only, by their place among the file's orders of that car and day —
 * two orders of one car on one day are two (the second was skipped as the
 * first), a rerun adds neither, and an interrupted run resumed adds the
 * missing one only. */
START_TEST(same_day_orders_without_numbers_are_two)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	char pa[600];
	snprintf(pa, sizeof pa, "%s/a.db", dir);
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	static const char orders[] =
		"开单时间,服务顾问,VIN,行驶里程(km),作业类型,客户描述,状态\n"
		"2025-03-01,小王,LSVAB2BM1HN123456,5000,保养,保养,在修\n"
		"2025-03-01,小李,LSVAB2BM1HN123456,5000,一般维修,异响,在修\n"
		"2025-03-02 09:30,小王,LSVAB2BM1HN123456,5100,保养,保养,在修\n"
		"2025-03-02 09:31,小王,LSVAB2BM1HN123456,5100,一般维修,刹车,在修\n";
	ck_assert_int_eq(import_text(a, "workorders", orders, &s), 0);
	ck_assert_int_eq(s.imported, 4);
	const char *all = "SELECT group_concat(opened_at || ' ' || advisor || ' ' || work_type, '|')"
	                  " FROM (SELECT * FROM workorders ORDER BY id)";
	static const char want[] = "2025-03-01 小王 保养|2025-03-01 小李 一般维修|2025-03-02 09:30 小王 保养|"
	                           "2025-03-02 09:31 小王 一般维修";
	ck_assert_str_eq(tu_sql_text(pa, all), want);
	/* the same orders in another file (a blank line more): all in already */
	char again[1024];
	snprintf(again, sizeof again, "%s\n", orders);
	ck_assert_int_eq(import_text(a, "workorders", again, &s), 0);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_int_eq(s.already, 4);
	ck_assert_str_eq(tu_sql_text(pa, "SELECT count(*) FROM workorders"), "4");
	/* a run of that file stopped after its first order: the second order
	 * of the day and the rest go in, the first not again */
	tu_sql_exec(pa, "DELETE FROM workorders WHERE id > 1");
	tu_sql_exec(pa, "UPDATE import_runs SET finished_at = NULL, line_done = 2, rows_done = 1"
	                " WHERE id = (SELECT max(id) FROM import_runs)");
	ck_assert_int_eq(import_text(a, "workorders", again, &s), 0);
	ck_assert_int_eq(s.skipped, 1);
	ck_assert_int_eq(s.imported, 3);
	ck_assert_str_eq(tu_sql_text(pa, "SELECT count(*) FROM workorders"), "4");
	ck_assert_str_eq(tu_sql_text(pa, "SELECT group_concat(advisor || ' ' || work_type, '|')"
	                                 " FROM (SELECT * FROM workorders WHERE opened_at = '2025-03-01' ORDER BY id)"),
	                 "小王 保养|小李 一般维修");
	st_close(a);
}
END_TEST

/* A day-only order the database refuses (已取消 without 取消原因, which
 * the rules let through as incomplete) takes no place among its car's
 * orders of that day: the next one is the car's first of the day, and
 * another file bringing both rows again finds it there, where the refused
 * row took its place and the order was stored a second time. */
START_TEST(a_refused_same_day_order_takes_no_place)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	char pa[600];
	snprintf(pa, sizeof pa, "%s/a.db", dir);
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	static const char orders[] =
		"开单时间,服务顾问,VIN,行驶里程(km),作业类型,客户描述,状态,取消原因\n"
		"2025-03-01,小王,LSVAB2BM1HN123456,5000,保养,保养,已取消,\n"
		"2025-03-01,小李,LSVAB2BM1HN123456,5000,一般维修,异响,在修,\n";
	ck_assert_int_eq(import_text(a, "workorders", orders, &s), 1); /* a row refused */
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.refused, 1);
	char again[1024];
	snprintf(again, sizeof again, "%s\n", orders);
	ck_assert_int_eq(import_text(a, "workorders", again, &s), 1);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_int_eq(s.already, 1);
	ck_assert_int_eq(s.refused, 1);
	ck_assert_int_eq(s.differs, 0);
	ck_assert_str_eq(tu_sql_text(pa, "SELECT group_concat(advisor || ' ' || work_type, '|') FROM workorders"),
	                 "小李 一般维修");
	/* an earlier order of the day changed at the desk since: still its
	 * place's, said as differing, and the next order found in its own */
	tu_sql_exec(pa, "DELETE FROM workorders");
	static const char two[] =
		"开单时间,服务顾问,VIN,行驶里程(km),作业类型,客户描述,状态\n"
		"2025-03-03,小王,LSVAB2BM1HN123456,5000,保养,保养,在修\n"
		"2025-03-03,小李,LSVAB2BM1HN123456,5000,一般维修,异响,在修\n";
	ck_assert_int_eq(import_text(a, "workorders", two, &s), 0);
	ck_assert_int_eq(s.imported, 2);
	tu_sql_exec(pa, "UPDATE workorders SET complaint = '保养，加玻璃水' WHERE advisor = '小王'");
	snprintf(again, sizeof again, "%s\n", two);
	ck_assert_int_eq(import_text(a, "workorders", again, &s), 1);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_int_eq(s.differs, 1);
	ck_assert_int_eq(s.already, 1);
	ck_assert_str_eq(tu_sql_text(pa, "SELECT count(*) FROM workorders"), "2");
	st_close(a);
}
END_TEST

/* One car's orders of a day, the VIN on some rows and only the plate on
 * others (an old DMS that filled the VIN in later), are counted together
 * as that car's: the second is the car's second of the day and stored,
 * where it was counted first among the plate's rows and refused as
 * differing from the first order; the file again, or with each row naming
 * the car the other way, finds both and stores neither again. */
START_TEST(same_day_orders_by_vin_or_plate_count_as_one_car)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	char pa[600];
	snprintf(pa, sizeof pa, "%s/a.db", dir);
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	static const char orders[] =
		"开单时间,服务顾问,VIN,车牌号,行驶里程(km),作业类型,客户描述,状态\n"
		"2025-03-01,小王,LSVAB2BM1HN123456,,5000,保养,保养,在修\n"
		"2025-03-01,小李,,浙A12345,5000,一般维修,异响,在修\n";
	ck_assert_int_eq(import_text(a, "workorders", orders, &s), 0);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(s.refused, 0);
	const char *day = "SELECT group_concat(advisor || ' ' || work_type || ' ' || plate, '|')"
	                  " FROM (SELECT * FROM workorders WHERE opened_at = '2025-03-01' ORDER BY id)";
	ck_assert_str_eq(tu_sql_text(pa, day), "小王 保养 浙A12345|小李 一般维修 浙A12345");
	char again[1024];
	snprintf(again, sizeof again, "%s\n", orders);
	ck_assert_int_eq(import_text(a, "workorders", again, &s), 0);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_int_eq(s.already, 2);
	static const char other_way[] =
		"开单时间,服务顾问,VIN,车牌号,行驶里程(km),作业类型,客户描述,状态\n"
		"2025-03-01,小王,,浙A12345,5000,保养,保养,在修\n"
		"2025-03-01,小李,LSVAB2BM1HN123456,,5000,一般维修,异响,在修\n";
	ck_assert_int_eq(import_text(a, "workorders", other_way, &s), 0);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_int_eq(s.already, 2);
	ck_assert_int_eq(s.refused, 0);
	ck_assert_str_eq(tu_sql_text(pa, day), "小王 保养 浙A12345|小李 一般维修 浙A12345");
	/* a plate no car has names no car: the row is refused and takes no
	 * place, so the car's next order of the day is still its third */
	static const char unknown[] =
		"开单时间,服务顾问,VIN,车牌号,行驶里程(km),作业类型,客户描述,状态\n"
		"2025-03-01,小王,,浙A12345,5000,保养,保养,在修\n"
		"2025-03-01,小赵,,浙B00000,5000,保养,保养,在修\n"
		"2025-03-01,小李,LSVAB2BM1HN123456,,5000,一般维修,异响,在修\n"
		"2025-03-01,小张,LSVAB2BM1HN123456,,5000,钣喷,刮擦,在修\n";
	ck_assert_int_eq(import_text(a, "workorders", unknown, &s), 1);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.already, 2);
	ck_assert_int_eq(s.refused, 1);
	ck_assert_str_eq(tu_sql_text(pa, day), "小王 保养 浙A12345|小李 一般维修 浙A12345|小张 钣喷 浙A12345");
	st_close(a);
}
END_TEST

/* A day-only order an interrupted run refused (the database's refusal: a
 * 已取消 without 取消原因) takes no place in the run that continues it,
 * as in a whole run: the next row is the car's first order of the day and
 * finds it, where it was counted second and that order stored again. */
START_TEST(a_resumed_run_counts_no_place_for_a_refused_row)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	char pa[600];
	snprintf(pa, sizeof pa, "%s/a.db", dir);
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	static const char orders[] =
		"开单时间,服务顾问,VIN,行驶里程(km),作业类型,客户描述,状态,取消原因\n"
		"2025-03-01,小王,LSVAB2BM1HN123456,5000,保养,保养,已取消,\n"
		"2025-03-01,小李,LSVAB2BM1HN123456,5000,一般维修,异响,在修,\n"
		"2025-03-01,小张,LSVAB2BM1HN123456,5000,钣喷,刮擦,在修,\n";
	ck_assert_int_eq(import_text(a, "workorders", orders, &s), 1);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(s.refused, 1);
	/* as if 小李's order came in with an earlier file and this one's run
	 * stopped after its first row, which it refused */
	tu_sql_exec(pa, "DELETE FROM workorders WHERE advisor = '小张'");
	tu_sql_exec(pa, "UPDATE import_runs SET finished_at = NULL, line_done = 2, rows_done = 0, rows_refused = 1"
	                " WHERE id = (SELECT max(id) FROM import_runs)");
	ck_assert_int_eq(import_text(a, "workorders", orders, &s), 0);
	ck_assert_int_eq(s.skipped, 1);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.already, 1);
	ck_assert_int_eq(s.refused, 0);
	ck_assert_str_eq(tu_sql_text(pa, "SELECT group_concat(advisor || ' ' || work_type, '|')"
	                                 " FROM (SELECT * FROM workorders ORDER BY id)"),
	                 "小李 一般维修|小张 钣喷");
	st_close(a);
}
END_TEST

/* A row's refusal says each cause once: a cancelled order without its
 * 取消原因 was refused for 取消原因：必填项 and again in the schema's words
 * for it (the CHECK on cancel_reason), in the report and in the
 * 拒绝原因 column alike; and the other empty field of the row, not what
 * refused it, stays a hint.  A CHECK naming no field the rules found empty
 * is still said. */
START_TEST(a_refusal_says_each_cause_once)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	char p[600], rep[600], refp[600], err[512];
	snprintf(p, sizeof p, "%s/cancel.csv", dir);
	snprintf(rep, sizeof rep, "%s/cancel-rep.csv", dir);
	snprintf(refp, sizeof refp, "%s/cancel-refused.csv", dir);
	tu_write(p, "开单时间,服务顾问,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态,取消原因,备注\n"
	            "2025-03-07 10:00,小王,LSVAB2BM1HN123456,5000,保养,保养,,已取消,,\n");
	struct fdef_form *f = fdef_load("workorder", NULL, err, sizeof err);
	struct imp_opts o = { .path = p, .staff = "t", .report = rep, .refused = refp };
	ck_assert_int_eq(imp_run(a, "workorders", f, &o, &s, err, sizeof err), 1);
	fdef_free(f);
	ck_assert_int_eq(s.refused, 1);
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "\n2,cancel_reason,取消原因,required,error,取消原因：必填项，不能为空\n") &&
	              strstr(r, "\n2,promised_at,预计完工时间,required,warning,") && !strstr(r, "db.constraint"), "%s", r);
	free(r);
	r = tu_read(refp);
	ck_assert_msg(strstr(r, ",已取消,,,取消原因：必填项，不能为空\n"), "%s", r);
	free(r);
	st_close(a);
}
END_TEST

START_TEST(vehicles_and_complaints_import_and_round_trip)
{
	struct st_db *a = open_db("a.db"), *b = open_db("b.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	const char *cars =
		"客户编号,车辆底盘号(VIN),车牌号,车辆型号,保险到期\n"
		"C00000002,LFV2A21K7G3000001,浙A88888,瑞虎8,2027-05-01\n"
		"C00000009,LVSHCFDB8HE000001,,,\n"
		"C00000001,LSVAB2BM1HN123456,浙A99999,,\n"
		"c00000001,LSVAB2BM1HN123456,浙A12345,,\n"; /* 张三's car as it is, her number as typed */
	ck_assert_int_eq(import_text(a, "vehicles", cars, &s), 1);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.already, 1);
	ck_assert_int_eq(s.differs, 1);
	char rep[600];
	snprintf(rep, sizeof rep, "%s/rep-vehicles.csv", dir);
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "3,cust_no,客户编号,db.constraint,error,客户编号：客户 C00000009 不存在") != NULL, "%s", r);
	ck_assert_ptr_nonnull(strstr(r, "4,vin,车辆底盘号(VIN),duplicate.vin,error,"));
	ck_assert_msg(strstr(r, "4,plate,车牌号,duplicate.differs,error,车牌号：文件中为“浙A99999”，数据库中已有的这条记录为“浙A12345”\n"),
	              "%s", r);
	free(r);
	const char *complaints =
		"客户编号,受理时间,受理人,投诉内容,处理人,处理时间,处理结果\n"
		"c00000001,2026-11-01 10:00,前台,等待太久,王经理,2026-11-02 09:00,已道歉\n"; /* as typed */
	ck_assert_int_eq(import_text(a, "complaints", complaints, &s), 0);
	ck_assert_int_eq(import_text(a, "complaints", complaints, &s), 0); /* finished: not again */
	ck_assert_int_eq(s.imported, 0);
	/* in another file: in already as it is, refused with another result */
	char more[1024];
	snprintf(more, sizeof more, "%s%s", complaints,
	         "C00000001,2026-11-01 10:00,前台,等待太久,王经理,2026-11-02 09:00,已道歉并赠送保养\n");
	ck_assert_int_eq(import_text(a, "complaints", more, &s), 1);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_int_eq(s.already, 1);
	ck_assert_int_eq(s.refused, 1);
	/* a complaint book's own names, its days and times apart */
	ck_assert_int_eq(import_text(a, "complaints",
	                             "客户编号,投诉日期,投诉时间,登记人,客户反映情况,处理人,处理日期,处理时间,处理意见\n"
	                             "C00000001,2026/11/05,下午3:10,前台,洗车没洗干净,王经理,2026/11/06,9:00,重新洗车\n",
	                             &s), 0);
	ck_assert_int_eq(s.imported, 1);
	/* a complaint without 受理时间: the rules' refusal alone, no SQLite
	 * English ("NOT NULL constraint failed") after it */
	ck_assert_int_eq(import_text(a, "complaints", "客户编号,受理时间,受理人,投诉内容\nC00000001,,小李,空调不制冷\n", &s), 1);
	ck_assert_int_eq(s.refused, 1);
	snprintf(rep, sizeof rep, "%s/rep-complaints.csv", dir);
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,received_at,受理时间,required,error,受理时间：必填项，不能为空\n") && !strstr(r, "constraint") &&
	              !strstr(r, "缺少必需的值"), "%s", r);
	free(r);
	/* refused for its date, a complaint without 投诉内容 is told that too:
	 * its table cannot hold one without (not a hint, as a customer's
	 * empty fields are) */
	ck_assert_int_eq(import_text(a, "complaints", "客户编号,受理时间,受理人,投诉内容\nC00000001,2025-13-45 15:10,前台,\n", &s), 1);
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,content,投诉内容,required,error,"), "%s", r);
	free(r);
	char pa[600];
	snprintf(pa, sizeof pa, "%s/a.db", dir);
	ck_assert_str_eq(tu_sql_text(pa, "SELECT received_at || '/' || received_by || '/' || content || '/' || handled_at"
	                                 " || '/' || result FROM complaints WHERE content = '洗车没洗干净'"),
	                 "2026-11-05 15:10/前台/洗车没洗干净/2026-11-06 09:00/重新洗车");
	char p[600];
	char *c1 = tu_read(export_to(a, "customers", "c1.csv", 0, 0));
	char *v1 = tu_read(export_to(a, "vehicles", "v1.csv", 0, 0));
	char *k1 = tu_read(export_to(a, "complaints", "k1.csv", 0, 0));
	/* stored as the customer's own number, not as the file wrote it */
	ck_assert_msg(strstr(k1, "\nC00000001,2026-11-01 10:00,"), "%s", k1);
	ck_assert_ptr_nonnull(strstr(v1, "C00000002,LFV2A21K7G3000001,浙A88888"));
	snprintf(p, sizeof p, "%s/c1.csv", dir);
	ck_assert_int_eq(import_file(b, "customers", p, &s), 0);
	/* each customer's first car travels with the customer sheet (李四's only
	 * car included), so every row of the vehicle file is in already */
	snprintf(p, sizeof p, "%s/v1.csv", dir);
	ck_assert_int_eq(import_file(b, "vehicles", p, &s), 0);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_int_eq(s.already, 3);
	ck_assert_int_eq(s.refused, 0);
	snprintf(p, sizeof p, "%s/k1.csv", dir);
	ck_assert_int_eq(import_file(b, "complaints", p, &s), 0);
	char *v2 = tu_read(export_to(b, "vehicles", "v2.csv", 0, 0));
	char *k2 = tu_read(export_to(b, "complaints", "k2.csv", 0, 0));
	ck_assert_str_eq(v1, v2);
	ck_assert_str_eq(k1, k2);
	free(c1); free(v1); free(k1); free(v2); free(k2);
	st_close(a);
	st_close(b);
}
END_TEST

/* A complaint book or a car list from another system has no customer
 * numbers of ours: its 客户姓名, 联系电话 and 车牌号 find the customer —
 * by the plate of a car, else by a mobile that names one customer (the
 * name telling apart customers who share a phone), and a name that is not
 * the found customer's refuses the row rather than guess. */
START_TEST(rows_without_customer_numbers_find_their_customer)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	/* 王五 shares 李四's phone */
	ck_assert_int_le(import_text(a, "customers",
	                             "客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,省区编号,城市编号,区域编号,详细地址\n"
	                             "个人,个人,自来,王五,男,13900001111,330000,330100,330106,文二路2号\n",
	                             &s), 1);
	char pa[600];
	snprintf(pa, sizeof pa, "%s/a.db", dir);
	ck_assert_str_eq(tu_sql_text(pa, "SELECT cust_no FROM customers WHERE name = '王五'"), "C00000004");
	/* a fleet known by its office number, with an extension */
	ck_assert_int_eq(import_text(a, "customers",
	                             "客户性质,客户分类,客户来源,姓名/单位名称,手机号,固定电话1,省区编号,城市编号,区域编号,详细地址\n"
	                             "单位,招标单位,协议单位,杭州某车队,13900005555,0571-88886666转12,330000,330100,330106,莫干山路\n",
	                             &s), 0);
	ck_assert_str_eq(tu_sql_text(pa, "SELECT phone1 FROM customers WHERE cust_no = 'C00000005'"), "0571-88886666-12");
	const char *book =
		"投诉日期,投诉时间,客户姓名,联系电话,车牌号,登记人,客户反映情况\n"
		"2026/11/05,10:00,张三,,浙A12345,前台,等太久\n"
		"2026/11/05,11:00,东莞某公司,139 0000 3333,,前台,发票开错\n"
		"2026/11/05,12:00,赵六,13800138000,,前台,电话没人接\n"
		"2026/11/05,13:00,,13900001111,,前台,配件没到\n"
		"2026/11/05,14:00,王五,13900001111,,前台,价格不透明\n"
		"2026/11/05,15:00,张三,,,前台,态度差\n"
		"2026/11/05,16:00,孙七,13700000000,浙B00000,前台,划痕\n"
		"2026/11/05,17:00,李四,13800138000,浙a12345,前台,车没洗\n"
		"2026/11/05,18:00,李四,0571-88886666,,前台,没回电\n"
		"2026/11/05,19:00,杭州某车队,0571 8888 6666,,前台,保养漏项\n"
		"2026/11/05,20:00,周八,12345,,前台,无人接待\n"
		"2026/11/05,21:00,,(0571)88880000,,前台,等太久\n"
		"2026/11/05,22:00,杭州某车队,8888 6666,,前台,催保养\n"
		"2026/11/05,23:00,东莞某公司,0769-12345678／139 0000 3333,,前台,又开错\n";
	ck_assert_int_eq(import_text(a, "complaints", book, &s), 1);
	ck_assert_int_eq(s.imported, 6);
	ck_assert_int_eq(s.refused, 8);
	ck_assert_str_eq(tu_sql_text(pa, "SELECT group_concat(cust_no || ' ' || content, '|') FROM"
	                                 " (SELECT * FROM complaints ORDER BY received_at)"),
	                 "C00000001 等太久|C00000003 发票开错|C00000004 价格不透明|C00000005 保养漏项|C00000005 催保养|"
	                 "C00000003 又开错");
	char rep[600];
	snprintf(rep, sizeof rep, "%s/rep-complaints.csv", dir);
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "1,cust_no,客户编号,column.finder,warning,列“联系电话”不导入，用于在没有客户编号的行找出客户\n"),
	              "%s", r);
	ck_assert_msg(strstr(r, "2,cust_no,客户编号,customer.found,warning,客户编号：文件未写，按车牌号认定为客户 C00000001（张三）\n"),
	              "%s", r);
	ck_assert_msg(strstr(r, "3,cust_no,客户编号,customer.found,warning,客户编号：文件未写，按手机号认定为客户 C00000003（东莞某公司）\n"),
	              "%s", r);
	ck_assert_msg(strstr(r, "4,cust_no,客户编号,customer.other_name,error,客户编号：文件未写；按手机号找到的客户 C00000001 名为“张三”，"
	                        "与文件中的“赵六”不符"), "%s", r);
	ck_assert_msg(strstr(r, "5,cust_no,客户编号,customer.several,error,\"客户编号：文件未写；手机号 13900001111 有 2 位客户（C00000002 李\"\"四\"\"、"
	                        "C00000004 王五），无法确定"), "%s", r);
	ck_assert_msg(strstr(r, "7,cust_no,客户编号,customer.not_found,error,客户编号：文件未写；只有姓名“张三”不能确定客户"), "%s", r);
	ck_assert_msg(strstr(r, "8,cust_no,客户编号,customer.not_found,error,客户编号：文件未写；按车牌号 浙B00000、电话 13700000000 找不到客户"),
	              "%s", r);
	ck_assert_msg(strstr(r, "9,cust_no,客户编号,customer.other_name,error,客户编号：文件未写；按车牌号找到的客户 C00000001 名为“张三”，"
	                        "与文件中的“李四”不符"), "%s", r);
	/* a landline finds whoever has it in 固定电话1 or 2, an extension or not */
	ck_assert_msg(strstr(r, "10,cust_no,客户编号,customer.other_name,error,客户编号：文件未写；按固定电话找到的客户 C00000005 名为“杭州某车队”，"
	                        "与文件中的“李四”不符"), "%s", r);
	ck_assert_msg(strstr(r, "11,cust_no,客户编号,customer.found,warning,客户编号：文件未写，按固定电话认定为客户 C00000005（杭州某车队）\n"),
	              "%s", r);
	ck_assert_msg(strstr(r, "12,cust_no,客户编号,customer.not_found,error,客户编号：文件未写；电话 12345 既不是手机号码也不是固定电话号码"),
	              "%s", r);
	ck_assert_msg(strstr(r, "13,cust_no,客户编号,customer.not_found,error,客户编号：文件未写；按电话 0571-88880000 找不到客户"), "%s", r);
	/* a local caller ID's number, without its area code */
	ck_assert_msg(strstr(r, "14,cust_no,客户编号,customer.found,warning,客户编号：文件未写，按固定电话认定为客户 C00000005（杭州某车队）\n"),
	              "%s", r);
	/* the required number is not said as missing besides */
	ck_assert_msg(!strstr(r, ",required,"), "%s", r);
	free(r);
	/* the book run again with a row more: what went in is in already */
	char more[2048];
	snprintf(more, sizeof more, "%s2026/11/05,13:00,王五,13900001111,,前台,配件没到\n", book);
	ck_assert_int_eq(import_text(a, "complaints", more, &s), 1);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.already, 6);
	ck_assert_int_eq(s.refused, 8);
	/* a row without number nor anything to find it by is still refused as missing its number */
	ck_assert_int_eq(import_text(a, "complaints", "投诉日期,客户姓名,登记人,客户反映情况\n2026/11/06 9:00,,前台,漏水\n", &s), 1);
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,cust_no,客户编号,required,error,"), "%s", r);
	free(r);
	/* a car list with the owner's name and mobile, and the sale of the car
	 * (the customer's second: the customer sheet shows the first only) */
	ck_assert_int_eq(import_text(a, "vehicles",
	                             "车主,车主电话,车辆底盘号(VIN),车牌号,合格证号,购车价格(元),付款方式,开票日期,发票号\n"
	                             "东莞某公司,13900003333,LFV2A21K1G3000009,粤S12345,wab123,\"129,800\",一次付清,2026/10/01,044001900111\n",
	                             &s), 0);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_str_eq(tu_sql_text(pa, "SELECT c.cust_no FROM vehicles v JOIN customers c ON c.id = v.customer_id"
	                                 " WHERE v.vin = 'LFV2A21K1G3000009'"),
	                 "C00000003");
	char *v1 = tu_read(export_to(a, "vehicles", "v1.csv", 0, 0));
	ck_assert_msg(strstr(v1, "\nC00000003,LFV2A21K1G3000009,粤S12345,,,,,WAB123,,,,129800,一次付清,,,2026-10-01,044001900111,"),
	              "%s", v1);
	free(v1);
	/* a plate an import let two customers' cars carry names nobody */
	ck_assert_int_eq(import_text(a, "vehicles", "客户编号,车辆底盘号(VIN),车牌号\nC00000003,LFV2A21K8G3000010,浙A12345\n", &s), 0);
	ck_assert_int_eq(import_text(a, "complaints", "投诉日期,客户姓名,车牌号,登记人,客户反映情况\n2026/11/08 10:00,张三,浙A12345,前台,漏油\n", &s),
	                 1);
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,cust_no,客户编号,customer.several,error,客户编号：文件未写；车牌号 浙A12345 有 2 位客户（C00000001 张三、"
	                        "C00000003 东莞某公司），无法确定"), "%s", r);
	free(r);
	st_close(a);
}
END_TEST

/* A complaint book exported again once its complaints were handled: the
 * rows differ from the stored complaints (refused as such), and --update
 * fills the handling in, saying what it changed. */
START_TEST(complaints_update_takes_their_handling)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	ck_assert_int_eq(import_text(a, "complaints",
	                             "客户编号,受理时间,受理人,投诉内容,处理人,处理时间,处理结果\n"
	                             "C00000001,2026-11-01 10:00,前台,等待太久,,,\n"
	                             "C00000002,2026-11-02 11:00,前台,价格不透明,,,\n",
	                             &s), 0);
	const char *later = "客户编号,受理时间,受理人,投诉内容,处理人,处理时间,处理结果\n"
	                    "C00000001,2026-11-01 10:00,前台,等待太久,王经理,2026-11-02 09:00,已道歉\n"
	                    "C00000002,2026-11-02 11:00,前台,价格不透明,,,\n"
	                    "C00000003,2026-11-03 15:00,前台,发票开错,,,\n";
	ck_assert_int_eq(import_text(a, "complaints", later, &s), 1);
	ck_assert_int_eq(s.differs, 1);
	char p[600], rep[600], err[512];
	snprintf(p, sizeof p, "%s/later.csv", dir);
	snprintf(rep, sizeof rep, "%s/rep-later.csv", dir);
	tu_write(p, later);
	struct fdef_form *f = fdef_load("complaint", NULL, err, sizeof err);
	struct imp_opts o = { .path = p, .staff = "t", .report = rep, .update = 1 };
	ck_assert_int_eq(imp_run(a, "complaints", f, &o, &s, err, sizeof err), 0);
	fdef_free(f);
	/* the plain run stored the new one; now the handled one is merged, the
	 * two others are as they were */
	ck_assert_int_eq(s.imported, 0);
	ck_assert_int_eq(s.merged, 3);
	ck_assert_int_eq(s.unchanged, 2);
	char pa[600];
	snprintf(pa, sizeof pa, "%s/a.db", dir);
	ck_assert_str_eq(tu_sql_text(pa, "SELECT group_concat(cust_no || ' ' || coalesce(handler, '-') || ' ' ||"
	                                 " coalesce(result, '-'), '|') FROM (SELECT * FROM complaints ORDER BY id)"),
	                 "C00000001 王经理 已道歉|C00000002 - -|C00000003 - -");
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "已合并到客户 C00000001 在 2026-11-01 10:00 受理的投诉（更新 3 项：处理人“（空）”→“王经理”；处理时间“（空）”→“2026-11-02 09:00”；处理结果“（空）”→“已道歉”）\n"), "%s", r);
	free(r);
	/* logged; the handling starts the 7-day callback, as at the desk */
	ck_assert_str_eq(tu_sql_text(pa, "SELECT count(*) FROM audit_log WHERE action = '修改投诉'"), "1");
	ck_assert_str_eq(tu_sql_text(pa, "SELECT group_concat(kind || ' ' || due_date, '|') FROM due_feed WHERE kind = '投诉回访'"),
	                 "投诉回访 2026-11-09");
	st_close(a);
}
END_TEST

/* A car whose plate another car carries is stored and reported, naming
 * the customer of that car, as a customer's first car is. */
START_TEST(vehicle_plate_on_another_car_is_reported)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	const char *cars =
		"客户编号,车辆底盘号(VIN),车牌号,车辆型号,保险到期\n"
		"C00000002,LFV2A21K7G3000001,浙a12345,瑞虎8,2027-05-01\n"
		"C00000003,LVSHCFDB8HE000001,浙A54321,,\n";
	ck_assert_int_eq(import_text(a, "vehicles", cars, &s), 0);
	ck_assert_int_eq(s.imported, 2);
	char rep[600];
	snprintf(rep, sizeof rep, "%s/rep-vehicles.csv", dir);
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,plate,车牌号,duplicate.plate,warning,车牌号：浙A12345 已属于客户 C00000001 的车辆（请核对车牌号）"),
	              "%s", r);
	ck_assert_msg(strstr(r, "\n3,") == NULL, "%s", r);
	free(r);
	st_close(a);
}
END_TEST

/* --update on a vehicle file: the car with the row's VIN takes the changed
 * fields; its owner does not change this way; a new VIN is a new car.  A
 * kind that cannot merge refuses --update instead of ignoring it. */
START_TEST(vehicles_update_merges_by_vin)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	char p[600], rep[600], err[512];
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	snprintf(p, sizeof p, "%s/upd.csv", dir);
	snprintf(rep, sizeof rep, "%s/rep-upd.csv", dir);
	tu_write(p, "客户编号,车辆底盘号(VIN),车牌号,车辆型号,保险到期\n"
	            "C00000001,LSVAB2BM1HN123456,浙A99999,,2028-03-01\n"
	            "C00000002,LSVAB2BM3HN654321,浙B11111,,\n"
	            "c00000002,LFV2A21K7G3000001,浙A88888,瑞虎8,\n" /* as a spreadsheet may hold it */
	            "Ｃ00000003,LSVAB2BM3HN654321,,,\n");
	struct fdef_form *f = fdef_load("vehicle", NULL, err, sizeof err);
	struct imp_opts o = { .path = p, .staff = "t", .report = rep, .update = 1 };
	ck_assert_int_eq(imp_run(a, "vehicles", f, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.merged, 2);
	ck_assert_int_eq(s.unchanged, 1); /* the last row says nothing new: no report line */
	ck_assert_int_eq(s.refused, 1);
	ck_assert_int_eq(s.imported, 1);
	/* a car keeps no time of its last change: nothing tells which side is newer */
	ck_assert_str_eq(s.undated_note, "车辆不记录更新时间，无法判断文件与数据库哪一边较新：合并的 1 行中不同的项都以文件为准");
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,vin,车辆底盘号(VIN),merged,warning,已合并到车辆 LSVAB2BM1HN123456（客户 C00000001，更新 2 项：车牌号“浙A12345”→“浙A99999”；保险到期“2027-03-01”→“2028-03-01”）"),
	              "%s", r);
	ck_assert_ptr_nonnull(strstr(r, "3,cust_no,客户编号,vehicle.owner,error,客户编号：车辆 LSVAB2BM3HN654321 登记在客户 C00000003 名下"));
	ck_assert_msg(strstr(r, "\n5,") == NULL, "%s", r);
	free(r);
	char *v = tu_read(export_to(a, "vehicles", "v.csv", 0, 0));
	ck_assert_msg(strstr(v, "C00000001,LSVAB2BM1HN123456,浙A99999,") && strstr(v, "2028-03-01"), "%s", v);
	ck_assert_ptr_null(strstr(v, "浙B11111"));
	ck_assert_ptr_nonnull(strstr(v, "C00000002,LFV2A21K7G3000001,浙A88888"));
	free(v);
	fdef_free(f);
	st_close(a);
}
END_TEST

START_TEST(manufacturer_archive_by_delivery_date)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	const char *sale =
		"客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,身份证号码,省区编号,城市编号,区域编号,详细地址,"
		"新车销售建档,车辆底盘号(VIN),发动机号,合格证号,车辆型号,颜色,配置,生产日期,出库日期,购车价格(元),付款方式,"
		"销售顾问,交车日期,开票日期,发票号,购车用途,行业,职务,家庭税前年收入,年龄段,家庭成员,驾龄,购车经历\n"
		"个人,整车销售,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,文三路1号,是,"
		"LSVAB2BM1HN123456,E1,H1,SQR7,白,豪华,2026-09-01,2026-10-01,128000,分期付款,小李,2026-11-02,"
		"2026-11-01,F1,家用,IT,工程师,20-50万,46-55岁,3,10,增购\n"
		"个人,整车销售,自来,李四,男,13800138001,,330000,330100,330106,文三路2号,是,"
		"LSVAB2BM3HN654321,E2,H2,SQR7,黑,标准,2026-09-01,2026-10-01,99000,一次付清,小李,2026-10-31,"
		"2026-10-30,F2,家用,IT,工程师,20-50万,26-35岁,2,3,第一次购车\n";
	/* a car sold in November and returned: on the archive, flagged */
	const char *returned =
		"客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,身份证号码,省区编号,城市编号,区域编号,详细地址,"
		"新车销售建档,车辆底盘号(VIN),发动机号,合格证号,车辆型号,颜色,配置,生产日期,出库日期,购车价格(元),付款方式,"
		"销售顾问,交车日期,开票日期,发票号,退车,购车用途,行业,职务,家庭税前年收入,年龄段,家庭成员,驾龄,购车经历\n"
		"个人,整车销售,自来,王五,男,13800138002,,330000,330100,330106,文三路3号,是,"
		"LFV2A21K7G3000001,E3,H3,SQR7,红,标准,2026-09-01,2026-10-01,99000,一次付清,小李,2026-11-05,"
		"2026-11-04,F3,是,家用,IT,工程师,20-50万,26-35岁,2,3,第一次购车\n";
	ck_assert_int_eq(import_text(a, "customers", sale, &s), 0);
	ck_assert_int_eq(s.incomplete, 1); /* 李四's archive lacks the ID number */
	ck_assert_int_eq(import_text(a, "customers", returned, &s), 0);
	ck_assert_int_eq(s.imported, 1);
	char err[256];
	struct fdef_form *f = fdef_load("archive", NULL, err, sizeof err);
	char p[600];
	snprintf(p, sizeof p, "%s/ar.csv", dir);
	FILE *out = fopen(p, "w");
	struct exp_opts o = { .from = "2026-11-01", .to = "2026-11-30" };
	long rows;
	ck_assert_int_eq(exp_run(a, "archive", f, out, &o, &rows, err, sizeof err), ST_OK);
	fclose(out);
	ck_assert_int_eq(rows, 2);
	char *t = tu_read(p);
	ck_assert_ptr_nonnull(strstr(t, "客户姓名/单位名称"));
	ck_assert_ptr_nonnull(strstr(t, ",发票号,退车,"));
	ck_assert_ptr_nonnull(strstr(t, "张三"));
	ck_assert_ptr_nonnull(strstr(t, ",F1,,")); /* kept: no flag */
	ck_assert_ptr_nonnull(strstr(t, "王五"));
	ck_assert_ptr_nonnull(strstr(t, ",F3,是,"));
	ck_assert_ptr_null(strstr(t, "李四"));
	free(t);
	out = fopen(p, "w");
	struct exp_opts all = { .from = "", .to = "" };
	ck_assert_int_eq(exp_run(a, "archive", f, out, &all, &rows, err, sizeof err), ST_OK);
	fclose(out);
	ck_assert_int_eq(rows, 3);
	fdef_free(f);
	/* a shop's own archive form without the flag: the returned car is not
	 * passed on as if it were kept */
	char forms[600], file[700];
	snprintf(forms, sizeof forms, "%s/forms", dir);
	ck_assert_int_eq(mkdir(forms, 0755), 0);
	snprintf(file, sizeof file, "%s/archive.csv", forms);
	tu_write(file, "#title,奇瑞汽车客户档案登记表\n"
	               "key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
	               "name,客户姓名,客户,customers.name,text,16,required,,,,,\n"
	               "vin,车辆底盘号,车辆,vehicles.vin,text,17,required,,vin,,,\n");
	f = fdef_load("archive", forms, err, sizeof err);
	ck_assert_msg(f != NULL, "%s", err);
	out = fopen(p, "w");
	ck_assert_int_eq(exp_run(a, "archive", f, out, &all, &rows, err, sizeof err), ST_OK);
	fclose(out);
	ck_assert_int_eq(rows, 2);
	t = tu_read(p);
	ck_assert_ptr_null(strstr(t, "王五"));
	free(t);
	fdef_free(f);
	st_close(a);
}
END_TEST

/* 王五's ID number hides 19831020 behind its mask: the birth date must go
 * too, or the row gives the whole number back.  The company has no mobile
 * and no ID number, so only its e-mail and address stand between a masked
 * file and a clean re-import. */
static const char CONTACTS[] =
	"nature,category,source,name,sex,birth_date,id_no,mobile,phone1,phone2,fax,qq,email,"
	"province,city,district,address,archive,vin\n"
	"个人,个人,自来,王五,男,1983-10-20,150429198310200010,13904761234,0476-88886666,0476-83335555,"
	"0476-82224444,123456789,zhang.san@163.com,150000,150400,150429,天义镇昭乌达路12号3单元,是,"
	"LSVAB2BM1HN123456\n"
	"单位,招标单位,协议单位,宁城某公司,,,,,,,,,li.si@qq.com,150000,150400,150429,天义镇中京街8号,,\n";

START_TEST(masked_export_hides_birth_date_and_contacts)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers", CONTACTS, &s), 0);
	ck_assert_int_eq(s.imported, 2);
	char *m = tu_read(export_to(a, "customers", "m.csv", 0, 1));
	static const char *const hidden[] = { "1983-10-20", "19831020", "0476-8888", "0476-8333", "0476-8222",
	                                      "123456789", "zhang.san", "li.si", "昭乌达路", "中京街" };
	for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
		ck_assert_msg(strstr(m, hidden[i]) == NULL, "%s in the masked export:\n%s", hidden[i], m);
	ck_assert_msg(strstr(m, ",****-**-**,150429********0010,") != NULL, "%s", m);
	ck_assert_ptr_nonnull(strstr(m, ",139****1234,0476-****6666,0476-****5555,0476-****4444,1***,z***@163.com,"));
	ck_assert_ptr_nonnull(strstr(m, ",l***@qq.com,"));
	ck_assert_ptr_nonnull(strstr(m, ",150000,150400,150429,****,")); /* the region stays */
	ck_assert_ptr_nonnull(strstr(m, ",男,")); /* the sex tells only the parity the mask shows */
	free(m);
	/* unmasked, every value is there as it was stored */
	char *u = tu_read(export_to(a, "customers", "u.csv", 0, 0));
	ck_assert_msg(strstr(u, ",1983-10-20,150429198310200010,") != NULL, "%s", u);
	ck_assert_ptr_nonnull(strstr(u, ",13904761234,0476-88886666,0476-83335555,0476-82224444,123456789,"
	                                "zhang.san@163.com,"));
	ck_assert_ptr_nonnull(strstr(u, ",li.si@qq.com,"));
	ck_assert_ptr_nonnull(strstr(u, ",天义镇昭乌达路12号3单元,"));
	ck_assert_ptr_nonnull(strstr(u, ",天义镇中京街8号,"));
	free(u);
	st_close(a);
}
END_TEST

START_TEST(masked_archive_hides_contacts)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers", CONTACTS, &s), 0);
	char err[256];
	struct fdef_form *f = fdef_load("archive", NULL, err, sizeof err);
	char p[600];
	snprintf(p, sizeof p, "%s/ar.csv", dir);
	for (int mask = 0; mask < 2; mask++) {
		FILE *out = fopen(p, "w");
		struct exp_opts o = { .mask_mobile = mask, .mask_idno = mask, .from = "", .to = "" };
		long rows;
		ck_assert_int_eq(exp_run(a, "archive", f, out, &o, &rows, err, sizeof err), ST_OK);
		fclose(out);
		ck_assert_int_eq(rows, 1);
		char *t = tu_read(p);
		if (mask) {
			ck_assert_msg(strstr(t, "0476-8888") == NULL && strstr(t, "昭乌达路") == NULL &&
			              strstr(t, "13904761234") == NULL && strstr(t, "19831020") == NULL, "%s", t);
			ck_assert_ptr_nonnull(strstr(t, ",139****1234,0476-****6666,"));
			ck_assert_ptr_nonnull(strstr(t, ",150429,****,"));
		} else {
			ck_assert_ptr_nonnull(strstr(t, ",13904761234,0476-88886666,"));
			ck_assert_ptr_nonnull(strstr(t, ",150429,天义镇昭乌达路12号3单元,"));
		}
		free(t);
	}
	fdef_free(f);
	st_close(a);
}
END_TEST

/* A masked file is for handing on: imported, it stores nothing, and the
 * report names the field. */
START_TEST(masked_export_is_refused_on_import)
{
	struct st_db *a = open_db("a.db"), *b = open_db("b.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers", CONTACTS, &s), 0);
	export_to(a, "customers", "m.csv", 0, 1);
	char p[600];
	snprintf(p, sizeof p, "%s/m.csv", dir);
	ck_assert_int_eq(import_file(b, "customers", p, &s), 1);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_int_eq(s.refused, 2);
	snprintf(p, sizeof p, "%s/rep-file-customers.csv", dir);
	char *r = tu_read(p);
	ck_assert_msg(strstr(r, "2,birth_date,出生日期,") != NULL, "%s", r);
	ck_assert_msg(strstr(r, "3,,,db.constraint,error,邮箱是遮盖过的值") != NULL, "%s", r);
	free(r);
	st_close(a);
	st_close(b);
}
END_TEST

/* 祝福名单 (holidays, birthdays): those who agreed to marketing contact,
 * none who said no, never answered or were erased; masked like a
 * customer export for a role that may not see mobiles whole. */
START_TEST(greetings_list_only_who_agreed)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers",
	                             "客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,出生日期,同意营销联系,"
	                             "省区编号,城市编号,区域编号,详细地址\n"
	                             "个人,个人,自来,张三,男,13800138000,1980-02-03,是,330000,330100,330106,文三路1号\n"
	                             "个人,个人,自来,李四,女,13800138001,,否,330000,330100,330106,文三路2号\n"
	                             "个人,个人,自来,王五,男,13800138002,,,330000,330100,330106,文三路3号\n"
	                             "单位,招标单位,协议单位,杭州某车队,,13800138003,,是,330000,330100,330106,莫干山路\n"
	                             "个人,个人,自来,赵六,女,13800138004,,是,330000,330100,330106,文三路4号\n",
	                             &s), 0);
	char pa[600];
	snprintf(pa, sizeof pa, "%s/a.db", dir);
	/* 赵六 asked to be erased: what anonymising leaves */
	tu_sql_exec(pa, "UPDATE customers SET name = '已注销客户', mobile = NULL, anonymized_at = '2026-11-20 10:00'"
	                " WHERE name = '赵六'");
	char *t = tu_read(export_to(a, "greetings", "g.csv", 0, 0));
	/* consent is kept with its date: the import's, the file having none */
	ck_assert_str_eq(t, "\xEF\xBB\xBF客户编号,客户性质,姓名/单位名称,性别,手机号,出生日期,同意营销联系,同意时间\n"
	                    "C00000001,个人,张三,男,13800138000,1980-02-03,是,2026-11-23 10:00:00\n"
	                    "C00000004,单位,杭州某车队,,13800138003,,是,2026-11-23 10:00:00\n");
	free(t);
	t = tu_read(export_to(a, "greetings", "gm.csv", 0, 1));
	ck_assert_msg(strstr(t, "C00000001,个人,张三,男,138****8000,****-**-**,是,2026-11-23 10:00:00\n"), "%s", t);
	free(t);
	st_close(a);
}
END_TEST

/* A long export says on the terminal how many rows are out, one line
 * redrawn in place and ended, with the last count, before the command's
 * own message; here every row instead of every second.  A short one
 * (the default second not reached) says nothing. */
START_TEST(a_long_export_says_how_far_it_got)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	char err[256], *said = NULL, p[600];
	size_t said_len = 0;
	struct fdef_form *f = fdef_load("customer", NULL, err, sizeof err);
	snprintf(p, sizeof p, "%s/c.csv", dir);
	FILE *out = fopen(p, "w"), *term = open_memstream(&said, &said_len);
	struct exp_opts o = { .progress = term, .progress_ms = -1 };
	long rows;
	ck_assert_int_eq(exp_run(a, "customers", f, out, &o, &rows, err, sizeof err), ST_OK);
	fclose(out);
	fclose(term);
	ck_assert_int_eq(rows, 3);
	ck_assert_str_eq(said, "\r正在导出：已写出 1 条记录\r正在导出：已写出 2 条记录\r正在导出：已写出 3 条记录"
	                       "\r正在导出：已写出 3 条记录\n");
	free(said);
	said = NULL;
	term = open_memstream(&said, &said_len);
	out = fopen(p, "w");
	o.progress = term;
	o.progress_ms = 0;
	ck_assert_int_eq(exp_run(a, "customers", f, out, &o, &rows, err, sizeof err), ST_OK);
	fclose(out);
	fclose(term);
	ck_assert_str_eq(said, "");
	free(said);
	fdef_free(f);
	st_close(a);
}
END_TEST

/* An export into a pipe whose reader has gone (`| head` with SIGPIPE
 * ignored, as a script may run it) says so in Chinese, where it said
 * "Broken pipe". */
START_TEST(a_pipe_closed_early_is_said_in_chinese)
{
	struct st_db *a = open_db("a.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers", CUSTOMERS, &s), 0);
	int fd[2];
	ck_assert_int_eq(pipe(fd), 0);
	close(fd[0]);
	FILE *out = fdopen(fd[1], "w");
	void (*was)(int) = signal(SIGPIPE, SIG_IGN);
	char err[512];
	struct fdef_form *f = fdef_load("customer", NULL, err, sizeof err);
	struct exp_opts o = { .from = "" };
	long rows;
	ck_assert_int_eq(exp_run(a, "customers", f, out, &o, &rows, err, sizeof err), ST_ERROR);
	fclose(out);
	signal(SIGPIPE, was);
	ck_assert_str_eq(err, "写出失败：接收输出的程序已先关闭（管道断开），没有收全");
	fdef_free(f);
	st_close(a);
}
END_TEST

Suite *export_suite(void)
{
	Suite *s = suite_create("export");
	TCase *t = tcase_create("export");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, customers_round_trip_byte_identical);
	tcase_add_test(t, formula_like_text_is_written_as_text);
	tcase_add_test(t, excel_export_keeps_long_codes_as_text);
	tcase_add_test(t, every_kind_round_trips_through_an_excel_export);
	tcase_add_test(t, gb18030_and_masking);
	tcase_add_test(t, workorders_import_keep_history_and_round_trip);
	tcase_add_test(t, vehicles_and_complaints_import_and_round_trip);
	tcase_add_test(t, same_day_orders_without_numbers_are_two);
	tcase_add_test(t, a_refused_same_day_order_takes_no_place);
	tcase_add_test(t, same_day_orders_by_vin_or_plate_count_as_one_car);
	tcase_add_test(t, a_resumed_run_counts_no_place_for_a_refused_row);
	tcase_add_test(t, a_refusal_says_each_cause_once);
	tcase_add_test(t, rows_without_customer_numbers_find_their_customer);
	tcase_add_test(t, complaints_update_takes_their_handling);
	tcase_add_test(t, vehicle_plate_on_another_car_is_reported);
	tcase_add_test(t, vehicles_update_merges_by_vin);
	tcase_add_test(t, manufacturer_archive_by_delivery_date);
	tcase_add_test(t, masked_export_hides_birth_date_and_contacts);
	tcase_add_test(t, masked_archive_hides_contacts);
	tcase_add_test(t, masked_export_is_refused_on_import);
	tcase_add_test(t, greetings_list_only_who_agreed);
	tcase_add_test(t, a_long_export_says_how_far_it_got);
	tcase_add_test(t, a_pipe_closed_early_is_said_in_chinese);
	suite_add_tcase(s, t);
	return s;
}
