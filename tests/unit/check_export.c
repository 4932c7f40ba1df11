/* Export: header labels, BOM, GB18030, masking, and the round trip
 * export → import into an empty database → export giving the same bytes;
 * work-order import keeps history and refuses a re-run's duplicates. */
#include <sqlite3.h>
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
	struct imp_opts o = { .path = path, .staff = "t" };
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
	struct exp_opts o = { .gb18030 = gb, .mask = mask };
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
	"车辆底盘号(VIN),车牌号,购车价格(元),保险到期\n"
	"个人,个人,自来,张三,女,13800138000,11010519491231002X,330000,330100,330106,\"文三路1号, 3单元\",LSVAB2BM1HN123456,浙A12345,128000.5,2027-03-01\n"
	"个人,个人,自来,\"李\"\"四\"\"\",,13900001111,,330000,330100,330106,\"两行\n地址\",,,,\n"
	"单位,招标单位,协议单位,东莞某公司,,13900003333,,440000,441900,,东城路,LSVAB2BM3HN654321,,99000,\n";

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
	free(e1);
	free(e2);
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
		",,小李,LSVAB2BM3HN654321,100,保养,保养,2026-11-23 17:00,,\n"
		"WO20250501-0001,2025-05-01 09:00,小王,LFV2A21K7G3000001,100,保养,保养,2025-05-01 12:00,在修,\n"
		"WO20250601-0001,2025-06-01 09:00,小王,LSVAB2BM1HN123456,9500,保养,保养,2025-06-01 12:00,已完工,\n";
	ck_assert_int_eq(import_text(a, "workorders", orders, &s), 1);
	ck_assert_int_eq(s.imported, 3);
	ck_assert_int_eq(s.refused, 2);
	char rep[600];
	snprintf(rep, sizeof rep, "%s/rep-workorders.csv", dir);
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "5,,,db.constraint,error,VIN：车辆 LFV2A21K7G3000001 尚未建档") != NULL, "%s", r);
	ck_assert_ptr_nonnull(strstr(r, "6,,,db.constraint,error,完工时间：状态为已完工的工单必须有完工时间"));
	free(r);
	/* a re-run adds nothing */
	ck_assert_int_eq(import_text(a, "workorders", orders, &s), 1);
	ck_assert_int_eq(s.imported, 1); /* the order without a number cannot be told apart */
	r = tu_read(rep);
	ck_assert_ptr_nonnull(strstr(r, "2,wo_no,工单号,duplicate.wo_no,error,"));
	free(r);
	/* the round trip, orders included */
	char p[600];
	char *c1 = tu_read(export_to(a, "customers", "c1.csv", 0, 0));
	char *w1 = tu_read(export_to(a, "workorders", "w1.csv", 0, 0));
	snprintf(p, sizeof p, "%s/c1.csv", dir);
	ck_assert_int_eq(import_file(b, "customers", p, &s), 0);
	snprintf(p, sizeof p, "%s/w1.csv", dir);
	ck_assert_int_eq(import_file(b, "workorders", p, &s), 0);
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
	struct due_filter f = { .from = "2025-03-04", .to = "2025-03-04" };
	long n = due_list(b, &f, count_repair, NULL, p, sizeof p);
	ck_assert_int_eq(n, 1);
	st_close(b);
}
END_TEST

Suite *export_suite(void)
{
	Suite *s = suite_create("export");
	TCase *t = tcase_create("export");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, customers_round_trip_byte_identical);
	tcase_add_test(t, gb18030_and_masking);
	tcase_add_test(t, workorders_import_keep_history_and_round_trip);
	suite_add_tcase(s, t);
	return s;
}
