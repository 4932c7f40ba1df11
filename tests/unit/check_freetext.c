/* Free text keeps its Chinese punctuation, codes are still folded: the
 * rules, a save, a walk-in typed on screen, an import → export round
 * trip, and the lookups, which find a name typed with full-width brackets
 * whether it was stored as typed or folded by an earlier version. */
#include "uiharness.h"
#include "desk4s/customer.h"
#include "desk4s/export.h"
#include "desk4s/import.h"
#include "desk4s/rules.h"
#include "desk4s/visit.h"
#include "desk4s/workorder.h"

#define SUMMARY "客户说：“太贵了！”（考虑中），下周再来？"
#define COMPANY "杭州某某（集团）有限公司"
#define ADDRESS "文三路１号（东门），3单元　601室"

static struct fdef_form *load_form(const char *name)
{
	char err[256];
	struct fdef_form *f = fdef_load(name, NULL, err, sizeof err);
	ck_assert_msg(f != NULL, "%s", err);
	return f;
}

static struct st_db *open_db(const char *name)
{
	char path[600], err[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	return db;
}

/* A company customer with free text in full-width punctuation, its codes
 * typed in full-width forms. */
static void fill_company(struct rec *r)
{
	rec_set(r, "nature", "单位　");
	rec_set(r, "category", "招标单位");
	rec_set(r, "source", "自来");
	rec_set(r, "name", " " COMPANY "　");
	rec_set(r, "mobile", "１３９００００３３３３");
	rec_set(r, "email", "ｗａｎｇ＠１６３．ｃｏｍ");
	rec_set(r, "province", "３３００００");
	rec_set(r, "city", "330100");
	rec_set(r, "district", "330106");
	rec_set(r, "address", "　" ADDRESS "\t");
	rec_set(r, "vin", "ｌｓｖａｂ２ｂｍ１ｈｎ１２３４５６");
	rec_set(r, "plate", "浙Ａ１２３４５");
	rec_set(r, "first_deal_date", "２０２４－０３－０５");
	rec_set(r, "staff_count", "１２０");
}

START_TEST(rules_keep_free_text_and_fold_codes)
{
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	struct fdef_form *f = load_form("customer");
	struct rec *r = rec_new(f);
	struct rule_list l = { 0 };
	fill_company(r);
	rec_set(r, "hobby", "钓鱼、摄影！");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	/* free text: trimmed at both ends (ASCII and U+3000), nothing else */
	ck_assert_str_eq(rec_get(r, "name"), COMPANY);
	ck_assert_str_eq(rec_get(r, "address"), ADDRESS);
	ck_assert_str_eq(rec_get(r, "hobby"), "钓鱼、摄影！");
	/* codes, numbers, dates and choices: folded */
	ck_assert_str_eq(rec_get(r, "nature"), "单位");
	ck_assert_str_eq(rec_get(r, "mobile"), "13900003333");
	ck_assert_str_eq(rec_get(r, "email"), "wang@163.com");
	ck_assert_str_eq(rec_get(r, "province"), "330000");
	ck_assert_str_eq(rec_get(r, "vin"), "LSVAB2BM1HN123456");
	ck_assert_str_eq(rec_get(r, "plate"), "浙A12345");
	ck_assert_str_eq(rec_get(r, "first_deal_date"), "2024-03-05");
	ck_assert_str_eq(rec_get(r, "staff_count"), "120");
	rec_free(r);
	fdef_free(f);

	f = load_form("visit");
	r = rec_new(f);
	l.n = 0;
	rec_set(r, "visit_kind", "到店");
	rec_set(r, "arrive_at", "２０２６－１１－２３ ０９：３０");
	rec_set(r, "info_source", "网络");
	rec_set(r, "consultant", "小王");
	rec_set(r, "summary", SUMMARY "\n");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	ck_assert_str_eq(rec_get(r, "summary"), SUMMARY);
	ck_assert_str_eq(rec_get(r, "arrive_at"), "2026-11-23 09:30");
	rules_list_free(&l);
	rec_free(r);
	fdef_free(f);
}
END_TEST

/* A customer saved and a walk-in saved come back byte for byte. */
START_TEST(a_save_keeps_free_text_byte_for_byte)
{
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	setenv("DESK4S_NOW", "2026-11-23 10:00", 1);
	struct st_db *db = open_db("t.db");
	struct fdef_form *f = load_form("customer");
	struct rec *r = rec_new(f), *back = rec_new(f);
	struct rule_list l = { 0 };
	char err[512];
	fill_company(r);
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	ck_assert_msg(cust_insert(db, r, 0, "t", err, sizeof err) == ST_OK, "%s", err);
	ck_assert_int_eq(cust_load(db, r->id, back, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(back, "name"), COMPANY);
	ck_assert_str_eq(rec_get(back, "address"), ADDRESS);
	ck_assert_str_eq(rec_get(back, "mobile"), "13900003333");
	rec_free(r);
	rec_free(back);
	fdef_free(f);

	f = load_form("visit");
	r = rec_new(f);
	back = rec_new(f);
	l.n = 0;
	visit_defaults(r);
	rec_set(r, "cust_name", "张三（老客户介绍）");
	rec_set(r, "info_source", "老客户介绍");
	rec_set(r, "consultant", "小王");
	rec_set(r, "summary", SUMMARY);
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	ck_assert_msg(visit_save(db, r, NULL, "t", err, sizeof err) == ST_OK, "%s", err);
	ck_assert_int_eq(visit_load(db, r->id, back, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(back, "summary"), SUMMARY);
	ck_assert_str_eq(rec_get(back, "cust_name"), "张三（老客户介绍）");
	rules_list_free(&l);
	rec_free(r);
	rec_free(back);
	fdef_free(f);
	st_close(db);
}
END_TEST

static int import_text(struct st_db *db, const char *kind, const char *name, const char *text,
                       struct imp_stats *s)
{
	char p[600], rep[600], err[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	snprintf(rep, sizeof rep, "%s/rep-%s", dir, name);
	if (text)
		tu_write(p, text);
	struct fdef_form *f = load_form(imp_form_of(kind));
	struct imp_opts o = { .path = p, .staff = "t", .report = rep };
	int rc = imp_run(db, kind, f, &o, s, err, sizeof err);
	fdef_free(f);
	return rc;
}

/* Exports kind into dir/name and returns the file's text (caller frees). */
static char *export_text(struct st_db *db, const char *kind, const char *name)
{
	char p[600], err[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *out = fopen(p, "w");
	ck_assert_ptr_nonnull(out);
	struct fdef_form *f = load_form(exp_form_of(kind));
	struct exp_opts o = { .from = "", .to = "" };
	long rows;
	ck_assert_int_eq(exp_run(db, kind, f, out, &o, &rows, err, sizeof err), ST_OK);
	fclose(out);
	fdef_free(f);
	return tu_read(p);
}

static const char CUSTOMERS[] =
	"客户性质,客户分类,客户来源,姓名/单位名称,手机号,省区编号,城市编号,区域编号,详细地址,兴趣爱好\n"
	"单位,招标单位,自来,\" " COMPANY "　\",１３９００００３３３３,330000,330100,330106,"
	"\"" ADDRESS "\",\"钓鱼，摄影！\"\n";
static const char VISITS[] =
	"来电或到店,到店时间,客户名称,手机号,信息来源,销售顾问,沟通概况\n"
	"到店,2026-10-01 10:00,张三（老客户介绍）,１３８００１３８０００,老客户介绍,小王,\"" SUMMARY "\"\n";

/* Import, export, import the export elsewhere, export again: the free text
 * is in both exports exactly as in the file, the codes folded. */
START_TEST(import_export_round_trip_keeps_free_text)
{
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	setenv("DESK4S_NOW", "2026-11-23 10:00", 1);
	struct st_db *a = open_db("a.db"), *b = open_db("b.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(a, "customers", "c.csv", CUSTOMERS, &s), 0);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(import_text(a, "visits", "v.csv", VISITS, &s), 0);
	ck_assert_int_eq(s.imported, 1);
	char *c1 = export_text(a, "customers", "c1.csv"), *v1 = export_text(a, "visits", "v1.csv");
	ck_assert_ptr_nonnull(strstr(c1, "," COMPANY ","));
	ck_assert_ptr_nonnull(strstr(c1, ADDRESS));
	ck_assert_ptr_nonnull(strstr(c1, ",钓鱼，摄影！"));
	ck_assert_ptr_nonnull(strstr(c1, ",13900003333,"));
	ck_assert_ptr_nonnull(strstr(v1, SUMMARY));
	ck_assert_ptr_nonnull(strstr(v1, ",张三（老客户介绍）,13800138000,"));
	ck_assert_int_eq(import_text(b, "customers", "c1.csv", NULL, &s), 0);
	ck_assert_int_eq(import_text(b, "visits", "v1.csv", NULL, &s), 0);
	char *c2 = export_text(b, "customers", "c2.csv"), *v2 = export_text(b, "visits", "v2.csv");
	ck_assert_str_eq(c1, c2);
	ck_assert_str_eq(v1, v2);
	free(c1);
	free(c2);
	free(v1);
	free(v2);
	st_close(a);
	st_close(b);
}
END_TEST

static int has_hit(const struct cust_hit *h, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(h[i].name, name) == 0)
			return 1;
	return 0;
}

/* A name typed with full-width brackets finds it stored as typed and, in a
 * database an earlier version filled, stored folded; a mobile typed in
 * full-width digits is folded and found. */
START_TEST(lookups_find_names_as_typed_and_as_folded)
{
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	struct st_db *db = open_db("t.db");
	struct imp_stats s;
	ck_assert_int_eq(import_text(db, "customers", "c.csv",
	                             "客户性质,客户分类,客户来源,姓名/单位名称,手机号,省区编号,城市编号,区域编号,详细地址,车辆底盘号(VIN)\n"
	                             "单位,招标单位,自来," COMPANY ",13900003333,330000,330100,330106,文三路1号,LSVAB2BM1HN123456\n"
	                             "单位,招标单位,自来,宁波某某（控股）有限公司,13900004444,330000,330100,330106,文三路2号,LSVAB2BM3HN654321\n",
	                             &s), 0);
	ck_assert_int_eq(s.imported, 2);
	char path[600];
	snprintf(path, sizeof path, "%s/t.db", dir);
	tu_sql_exec(path, "UPDATE customers SET name='宁波某某(控股)有限公司' WHERE mobile='13900004444'");

	struct cust_hit h[20];
	char err[512];
	int n = cust_search(db, "杭州某某（集团", h, 20, err, sizeof err);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(h[0].name, COMPANY);
	n = cust_search(db, "宁波某某（控股）", h, 20, err, sizeof err);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(h[0].name, "宁波某某(控股)有限公司");
	n = cust_search(db, "　１３９００００３３３３ ", h, 20, err, sizeof err);
	ck_assert_int_eq(n, 1);
	ck_assert(has_hit(h, n, COMPANY));

	struct wo_vehicle v[20];
	n = wo_find_vehicles(db, "杭州某某（集团）", v, 20, err, sizeof err);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(v[0].vin, "LSVAB2BM1HN123456");
	n = wo_find_vehicles(db, "宁波某某（控股", v, 20, err, sizeof err);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(v[0].vin, "LSVAB2BM3HN654321");
	n = wo_find_vehicles(db, "１３９００００４４４４", v, 20, err, sizeof err);
	ck_assert_int_eq(n, 1);
	st_close(db);
}
END_TEST

/* A row without ID number or VIN whose name and mobile match a customer is
 * that customer again, though its name was stored folded by an earlier
 * version and the file spells it with full-width brackets. */
START_TEST(the_same_person_across_folding)
{
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	struct st_db *db = open_db("t.db");
	struct imp_stats s;
	static const char HEAD[] = "客户性质,客户分类,客户来源,姓名/单位名称,手机号,省区编号,城市编号,区域编号,详细地址\n";
	char text[1024];
	snprintf(text, sizeof text, "%s单位,招标单位,自来,宁波某某(控股)有限公司,13900004444,330000,330100,330106,文三路2号\n",
	         HEAD);
	ck_assert_int_eq(import_text(db, "customers", "old.csv", text, &s), 0);
	char no[32] = "", err[256];
	int64_t id = cust_same_person(db, "宁波某某（控股）有限公司", "13900004444", no, sizeof no, err, sizeof err);
	ck_assert_int_gt(id, 0);
	ck_assert_str_eq(no, "C00000001");
	snprintf(text, sizeof text, "%s单位,招标单位,自来,宁波某某（控股）有限公司,13900004444,330000,330100,330106,文三路2号\n",
	         HEAD);
	/* the same customer, in already */
	ck_assert_int_eq(import_text(db, "customers", "new.csv", text, &s), 0);
	ck_assert_int_eq(s.already, 1);
	ck_assert_int_eq(cust_count(db), 1);
	/* the same person at another address: refused as that customer again */
	snprintf(text, sizeof text, "%s单位,招标单位,自来,宁波某某（控股）有限公司,13900004444,330000,330100,330106,文三路9号\n",
	         HEAD);
	ck_assert_int_eq(import_text(db, "customers", "newer.csv", text, &s), 1);
	ck_assert_int_eq(s.refused, 1);
	ck_assert_int_eq(cust_count(db), 1);
	st_close(db);
}
END_TEST

/* A name has no spaces between its Chinese characters: 欧阳 修 typed with
 * one, or an old system's 张　三 padded to three characters, is the name
 * 欧阳修 / 张三 — saved so, found so, and the same person on a re-import.
 * Spaces elsewhere in a name stay one (John  Smith); an address keeps its
 * own as typed. */
START_TEST(names_lose_the_spaces_between_their_characters)
{
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	struct fdef_form *f = load_form("customer");
	struct rec *r = rec_new(f);
	static const char *const typed[][2] = {
		{ "欧阳 修", "欧阳修" }, { "张　三", "张三" }, { " 张  三 ", "张三" }, { "John  Smith", "John Smith" },
		{ "买买提·艾力", "买买提·艾力" }, { "王 Lily", "王 Lily" }, { "杭州 某某 有限公司", "杭州某某有限公司" },
	};
	for (size_t k = 0; k < sizeof typed / sizeof typed[0]; k++) {
		rec_set(r, "name", typed[k][0]);
		rec_set(r, "address", "文三路 1号　东门");
		struct rule_list l = { 0 };
		rules_check(r, RP_SAVE, &l);
		rules_list_free(&l);
		ck_assert_str_eq(rec_get(r, "name"), typed[k][1]);
		ck_assert_str_eq(rec_get(r, "address"), "文三路 1号　东门");
	}
	rec_free(r);
	fdef_free(f);
	/* a staff member's name on a card is the account's as it is written:
	 * 我的A卡 and the due list find the cards by it */
	f = load_form("acard");
	r = rec_new(f);
	rec_set(r, "consultant", "欧阳 修");
	rec_set(r, "name", "张 三");
	struct rule_list l = { 0 };
	rules_check(r, RP_SAVE, &l);
	rules_list_free(&l);
	ck_assert_str_eq(rec_get(r, "consultant"), "欧阳 修");
	ck_assert_str_eq(rec_get(r, "name"), "张三");
	rec_free(r);
	fdef_free(f);

	struct st_db *db = open_db("t.db");
	struct imp_stats s;
	static const char HEAD[] = "客户性质,客户分类,客户来源,姓名/单位名称,手机号,省区编号,城市编号,区域编号,详细地址\n";
	char text[1024];
	snprintf(text, sizeof text, "%s个人,个人,自来,欧阳 修,13900004444,330000,330100,330106,文三路2号\n", HEAD);
	ck_assert_int_eq(import_text(db, "customers", "old.csv", text, &s), 0);
	char path[600];
	snprintf(path, sizeof path, "%s/t.db", dir);
	ck_assert_str_eq(tu_sql_text(path, "SELECT name FROM customers"), "欧阳修");
	/* the same person written without the space: in already */
	snprintf(text, sizeof text, "%s个人,个人,自来,欧阳修,13900004444,330000,330100,330106,文三路2号\n", HEAD);
	ck_assert_int_eq(import_text(db, "customers", "new.csv", text, &s), 0);
	ck_assert_int_eq(s.already, 1);
	struct cust_hit h[4];
	char err[512];
	ck_assert_int_eq(cust_search(db, "欧阳 修", h, 4, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "欧阳修");
	/* only names lose their blanks: an address that differs by a space is
	 * another address, said, not taken as the one on file */
	snprintf(text, sizeof text, "%s个人,个人,自来,欧阳修,13900004444,330000,330100,330106,文三 路2号\n", HEAD);
	ck_assert_int_eq(import_text(db, "customers", "addr.csv", text, &s), 1);
	ck_assert_int_eq(s.already, 0);
	ck_assert_int_eq(s.differs, 1);
	/* a name an earlier version stored with its space is that name */
	tu_sql_exec(path, "UPDATE customers SET name = '欧阳 修'");
	char no[32] = "";
	ck_assert_int_gt(cust_same_person(db, "欧阳修", "13900004444", no, sizeof no, err, sizeof err), 0);
	ck_assert_str_eq(no, "C00000001");
	st_close(db);
}
END_TEST

/* On screen: a walk-in's 沟通概况 typed with Chinese punctuation is saved as
 * typed; the mobile typed in full-width digits is saved in ASCII. */
START_TEST(a_walk_in_typed_on_screen_keeps_its_punctuation)
{
	ck_assert_int_eq(run_script("2<F4>张三（老客户）<Tab>１３８００１３８０００<Tab><Tab><Tab>瑞虎8<Tab>网<Enter>王五<Tab>1<Tab>"
	                            SUMMARY "<F2><Esc><Esc>",
	                            80, 24, "2025-01-10", "2025-01-10 09:30:00"),
	                 0);
	char path[600];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	ck_assert_str_eq(tu_sql_text(path, "SELECT summary FROM visits"), SUMMARY);
	ck_assert_str_eq(tu_sql_text(path, "SELECT cust_name || ' ' || mobile FROM visits"),
	                 "张三（老客户） 13800138000");
}
END_TEST

Suite *freetext_suite(void)
{
	Suite *s = suite_create("freetext");
	TCase *t = tcase_create("freetext");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, rules_keep_free_text_and_fold_codes);
	tcase_add_test(t, a_save_keeps_free_text_byte_for_byte);
	tcase_add_test(t, import_export_round_trip_keeps_free_text);
	tcase_add_test(t, lookups_find_names_as_typed_and_as_folded);
	tcase_add_test(t, the_same_person_across_folding);
	tcase_add_test(t, names_lose_the_spaces_between_their_characters);
	tcase_add_test(t, a_walk_in_typed_on_screen_keeps_its_punctuation);
	suite_add_tcase(s, t);
	return s;
}
