/* The walk-in and phone-call log: arrival defaults to now, an entry needs
 * 信息来源 and 销售顾问 but no contact details, 离店 once, the day's list with
 * open entries marked, the mobile that finds a customer or an A-card, the
 * entry that becomes an A-card carrying its data, and the import. */
#include <sqlite3.h>
#include "testutil.h"
#include "desk4s/acard.h"
#include "desk4s/customer.h"
#include "desk4s/import.h"
#include "desk4s/retention.h"
#include "desk4s/rules.h"
#include "desk4s/staff.h"
#include "desk4s/visit.h"

static char *dir;
static char path[512];
static struct st_db *db;
static struct fdef_form *vform, *aform, *cform;

static void setup(void)
{
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	setenv("DESK4S_NOW", "2026-11-23 09:30:00", 1);
	dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/t.db", dir);
	char err[512];
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	vform = fdef_load("visit", NULL, err, sizeof err);
	aform = fdef_load("acard", NULL, err, sizeof err);
	cform = fdef_load("customer", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(vform);
	ck_assert_ptr_nonnull(aform);
	ck_assert_ptr_nonnull(cform);
}
static void teardown(void)
{
	fdef_free(vform);
	fdef_free(aform);
	fdef_free(cform);
	st_close(db);
	tu_rmtree(dir);
}

static const char *raw_text(const char *q) { return tu_sql_text(path, q); }

static struct rec *entry(const char *name, const char *mobile)
{
	struct rec *r = rec_new(vform);
	visit_defaults(r);
	rec_set(r, "cust_name", name);
	rec_set(r, "mobile", mobile);
	rec_set(r, "info_source", "网络");
	rec_set(r, "consultant", "小李");
	return r;
}

static int64_t save(struct rec *r)
{
	struct rule_list l = { 0 };
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	rules_list_free(&l);
	char err[512];
	ck_assert_msg(visit_save(db, r, NULL, "前台", err, sizeof err) == ST_OK, "%s", err);
	return r->id;
}

START_TEST(an_entry_needs_source_and_consultant_not_contact_details)
{
	struct rec *r = rec_new(vform);
	visit_defaults(r);
	ck_assert_str_eq(rec_get(r, "arrive_at"), "2026-11-23 09:30");
	ck_assert_str_eq(rec_get(r, "visit_kind"), "到店");
	struct rule_list l = { 0 };
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 2);
	char labels[256];
	ck_assert_str_eq(rules_join_labels(&l, RK_REQUIRED, labels, sizeof labels), "信息来源、销售顾问");
	rules_list_free(&l);
	/* no name, no mobile: still logged */
	rec_set(r, "info_source", "路过");
	rec_set(r, "consultant", "小李");
	int64_t id = save(r);
	ck_assert_int_gt(id, 0);
	ck_assert_str_eq(raw_text("SELECT arrive_at || ' ' || info_source || ' ' || created_by FROM visits"),
	                 "2026-11-23 09:30 路过 前台");
	ck_assert_str_eq(raw_text("SELECT detail FROM audit_log WHERE action='来店登记'"),
	                 "到店 2026-11-23 09:30，（未留姓名），销售顾问 小李，信息来源 路过");
	/* an update keeps the id; the arrival stays as typed */
	rec_set(r, "summary", "随便看看");
	char err[512];
	ck_assert_int_eq(visit_save(db, r, NULL, "前台", err, sizeof err), ST_OK);
	ck_assert_int_eq(r->id, id);
	ck_assert_str_eq(raw_text("SELECT count(*) || summary FROM visits"), "1随便看看");
	rec_free(r);
}
END_TEST

/* A sheet open on an entry while 离店 is stamped from the list (another
 * terminal): its save keeps that time instead of writing the empty one it
 * loaded; a field both changed is refused by name, and saved on purpose
 * the second time. */
START_TEST(a_sheet_saved_late_keeps_the_leave_stamped_meanwhile)
{
	struct rec *r = entry("张三", "");
	int64_t id = save(r);
	char err[512];
	struct rec *base = rec_new(vform), *other = rec_new(vform);
	ck_assert_int_eq(visit_load(db, id, r, err, sizeof err), ST_OK);
	rec_copy(base, r);
	base->id = id;
	setenv("DESK4S_NOW", "2026-11-23 10:15:00", 1);
	ck_assert_int_eq(visit_leave(db, id, "前台", err, sizeof err), ST_OK);
	rec_set(r, "summary", "看了宋PLUS");
	ck_assert_int_eq(visit_save(db, r, base, "小李", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT leave_at || ' ' || summary FROM visits"), "2026-11-23 10:15 看了宋PLUS");
	/* both changed 沟通概况 */
	ck_assert_int_eq(visit_load(db, id, r, err, sizeof err), ST_OK);
	rec_copy(base, r);
	ck_assert_int_eq(visit_load(db, id, other, err, sizeof err), ST_OK);
	rec_set(other, "summary", "要试驾");
	ck_assert_int_eq(visit_save(db, other, NULL, "前台", err, sizeof err), ST_OK);
	rec_set(r, "summary", "要报价");
	ck_assert_int_eq(visit_save(db, r, base, "小李", err, sizeof err), ST_CHANGED);
	ck_assert_str_eq(err, "沟通概况 在本页打开后已由其他终端改为“要试驾”");
	ck_assert_str_eq(raw_text("SELECT summary FROM visits"), "要试驾");
	ck_assert_int_eq(visit_save(db, r, base, "小李", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT summary FROM visits"), "要报价");
	rec_free(other);
	rec_free(base);
	rec_free(r);
}
END_TEST

START_TEST(leave_is_stamped_once_and_the_list_marks_open_entries)
{
	struct rec *a = entry("张三", ""), *b = entry("李四", "");
	int64_t ia = save(a);
	setenv("DESK4S_NOW", "2026-11-23 09:45:00", 1);
	rec_set(b, "arrive_at", "2026-11-23 09:40");
	save(b);
	char err[512];
	ck_assert_int_eq(visit_leave(db, ia, "前台", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT leave_at FROM visits WHERE id=1"), "2026-11-23 09:45");
	ck_assert_int_eq(visit_leave(db, ia, "前台", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "离店时间：该登记已于 2026-11-23 09:45 离店");
	ck_assert_int_eq(visit_leave(db, 99, "前台", err, sizeof err), ST_NOTFOUND);
	/* yesterday evening's entry is not today's */
	struct rec *c = entry("王五", "");
	rec_set(c, "arrive_at", "2026-11-22 18:10");
	save(c);
	struct visit_row rows[8];
	ck_assert_int_eq(visit_list(db, NULL, rows, 8, err, sizeof err), 2);
	ck_assert_str_eq(rows[0].cust_name, "张三");
	ck_assert_int_eq(rows[0].open, 0);
	ck_assert_str_eq(rows[0].leave_at, "2026-11-23 09:45");
	ck_assert_str_eq(rows[1].cust_name, "李四");
	ck_assert_int_eq(rows[1].open, 1);
	ck_assert_int_eq(visit_list(db, "2026-11-22", rows, 8, err, sizeof err), 1);
	ck_assert_str_eq(rows[0].cust_name, "王五");
	ck_assert_str_eq(raw_text("SELECT count(*) FROM audit_log WHERE action='离店'"), "1");
	/* a call ended is logged as a call, not as a visitor leaving */
	struct rec *d = entry("赵六", "");
	rec_set(d, "visit_kind", "来电");
	rec_set(d, "arrive_at", "2026-11-23 09:42");
	int64_t id = save(d);
	ck_assert_int_eq(visit_leave(db, id, "前台", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT action || ' ' || detail FROM audit_log ORDER BY id DESC LIMIT 1"),
	                 "来电结束 赵六 来电 2026-11-23 09:42，结束 2026-11-23 09:45");
	ck_assert_int_eq(visit_leave(db, id, "前台", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "结束时间：该来电已于 2026-11-23 09:45 结束");
	rec_free(d);
	rec_free(a);
	rec_free(b);
	rec_free(c);
}
END_TEST

static int64_t customer(const char *name, const char *mobile)
{
	struct rec *r = rec_new(cform);
	rec_set(r, "nature", "个人");
	rec_set(r, "name", name);
	rec_set(r, "mobile", mobile);
	char err[512];
	ck_assert_int_eq(cust_insert(db, r, 1, "t", err, sizeof err), ST_OK);
	int64_t id = r->id;
	rec_free(r);
	return id;
}

static void acard(const char *name, const char *mobile, const char *consultant)
{
	struct rec *r = rec_new(aform);
	acard_defaults(r);
	rec_set(r, "name", name);
	rec_set(r, "mobile", mobile);
	rec_set(r, "consultant", consultant);
	rec_set(r, "level", "A");
	rec_set(r, "want_model", "汉EV");
	rec_set(r, "info_source", "网络");
	rec_set(r, "first_summary", "看车");
	char err[512];
	ck_assert_int_eq(acard_create(db, r, consultant, err, sizeof err), ST_OK);
	rec_free(r);
}

/* A damaged file is not "a new face": the mobile's customer or card
 * unread is an error (the screen says it), and an imported entry naming a
 * card is not refused as "no such card" when the cards cannot be read. */
START_TEST(a_damaged_file_is_not_a_new_face)
{
	customer("张三", "13800138000");
	acard("李四", "13900001111", "小王");
	struct visit_owner o;
	char err[512];
	const char *damaged = "已损坏或不是 desk4s 数据库";
	st_close(db);
	tu_damage_table(path, "acards");
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	err[0] = 0;
	ck_assert_int_eq(visit_lookup_mobile(db, "13900001111", &o, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "查找A卡失败：文件 ") == err && strstr(err, damaged), "%s", err);
	struct rec *r = entry("李四", "");
	rec_set(r, "acard_no", "A20261123-0001");
	err[0] = 0;
	ck_assert_int_eq(visit_import(db, r, "t", err, sizeof err), ST_ERROR);
	ck_assert_msg(strstr(err, "查找A卡失败：文件 ") == err && strstr(err, damaged), "%s", err);
	rec_free(r);
	st_close(db);
	tu_damage_table(path, "customers");
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	err[0] = 0;
	ck_assert_int_eq(visit_lookup_mobile(db, "13800138000", &o, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "查找客户失败：文件 ") == err && strstr(err, damaged), "%s", err);
}
END_TEST

START_TEST(a_mobile_finds_its_customer_or_card)
{
	int64_t cid = customer("张三", "13800138000");
	acard("李四", "13900001111", "小王");
	struct visit_owner o;
	char err[256];
	ck_assert_int_eq(visit_lookup_mobile(db, "13800138000", &o, err, sizeof err), VISIT_CUSTOMER);
	ck_assert_int_eq(o.customer_id, cid);
	ck_assert_str_eq(o.cust_name, "张三");
	ck_assert_int_eq(strlen(o.cust_no) > 0, 1);
	ck_assert_int_eq(visit_lookup_mobile(db, "１３９０００01111 ", &o, err, sizeof err), VISIT_ACARD);
	ck_assert_str_eq(o.card_no, "A20261123-0001");
	ck_assert_str_eq(o.card_name, "李四");
	ck_assert_str_eq(o.card_consultant, "小王");
	ck_assert_int_eq(visit_lookup_mobile(db, "13700000000", &o, err, sizeof err), 0);
	ck_assert_int_eq(visit_lookup_mobile(db, "", &o, err, sizeof err), 0);
	/* saving with the mobile links the entry to both */
	struct rec *r = entry("李四", "13900001111");
	save(r);
	ck_assert_str_eq(rec_get(r, "acard_no"), "A20261123-0001");
	rec_free(r);
	r = entry("张三", "13800138000");
	save(r);
	char q[128];
	snprintf(q, sizeof q, "SELECT customer_id = %lld FROM visits WHERE id=%lld", (long long)cid, (long long)r->id);
	ck_assert_str_eq(raw_text(q), "1");
	ck_assert_str_eq(rec_get(r, "acard_no"), "");
	rec_free(r);
}
END_TEST

/* A caller from an office line: the entry keeps the landline and is the
 * customer's with that number (the number itself before its extensions);
 * a mobile that names a customer comes first; a landline of two customers
 * links to neither. */
START_TEST(a_landline_finds_its_customer)
{
	char err[512];
	int64_t fleet = customer("杭州某车队", "13900005555"), driver = customer("张三", "13900006666"),
	        other = customer("李四", "13800138000");
	char q[200];
	snprintf(q, sizeof q, "UPDATE customers SET phone1 = CASE id WHEN %lld THEN '0571-88886666' WHEN %lld"
	                      " THEN '0571-88886666-12' ELSE '0571-77776666' END", (long long)fleet, (long long)driver);
	tu_sql_exec(path, q);
	snprintf(q, sizeof q, "INSERT INTO customers(cust_no, nature, name, mobile, phone2) VALUES"
	                      " ('C09999999', '个人', '王五', '13700001111', '0571-77776666')");
	tu_sql_exec(path, q);
	struct visit_owner o = {0};
	ck_assert_int_eq(visit_lookup_phone(db, "(0571) 8888 6666", "", &o, err, sizeof err), VISIT_CUSTOMER);
	ck_assert_int_eq(o.customer_id, fleet);
	ck_assert_str_eq(o.cust_name, "杭州某车队");
	ck_assert_int_eq(visit_lookup_phone(db, "0571-88886666转12", "", &o, err, sizeof err), VISIT_CUSTOMER);
	ck_assert_int_eq(o.customer_id, driver);
	memset(&o, 0, sizeof o);
	ck_assert_int_eq(visit_lookup_phone(db, "0571-77776666", "", &o, err, sizeof err), 0);
	ck_assert_int_eq(o.customer_id, 0);
	ck_assert_int_eq(visit_lookup_phone(db, "88886666", "", &o, err, sizeof err), 0); /* no area code */
	ck_assert_int_eq(visit_lookup_phone(db, "", "", &o, err, sizeof err), 0);
	/* saved: the landline kept, the entry the fleet's */
	struct rec *r = entry("刘经理", "");
	rec_set(r, "visit_kind", "来电");
	rec_set(r, "phone", "0571 8888 6666");
	save(r);
	snprintf(q, sizeof q, "SELECT phone || ' ' || (customer_id = %lld) FROM visits WHERE id = %lld", (long long)fleet,
	         (long long)r->id);
	ck_assert_str_eq(raw_text(q), "0571-88886666 1");
	/* the list carries it; an A-card made from the entry keeps it as its other contact */
	struct visit_row rows[4];
	ck_assert_int_eq(visit_list(db, NULL, rows, 4, err, sizeof err), 1);
	ck_assert_str_eq(rows[0].phone, "0571-88886666");
	struct rec *c = rec_new(aform);
	ck_assert_int_eq(visit_fill_acard(db, r->id, c, NULL, 0, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(c, "mobile"), "");
	ck_assert_str_eq(rec_get(c, "other_contact"), "0571-88886666");
	rec_free(c);
	rec_free(r);
	/* a mobile that names a customer wins over the landline */
	r = entry("李四", "13800138000");
	rec_set(r, "phone", "0571-88886666");
	save(r);
	snprintf(q, sizeof q, "SELECT customer_id = %lld FROM visits WHERE id = %lld", (long long)other, (long long)r->id);
	ck_assert_str_eq(raw_text(q), "1");
	rec_free(r);
	/* two customers' number: nobody's */
	r = entry("", "");
	rec_set(r, "phone", "0571-77776666");
	save(r);
	snprintf(q, sizeof q, "SELECT customer_id IS NULL FROM visits WHERE id = %lld", (long long)r->id);
	ck_assert_str_eq(raw_text(q), "1");
	rec_free(r);
}
END_TEST

START_TEST(an_entry_becomes_an_a_card_carrying_its_data)
{
	struct rec *v = entry("赵六", "13600001234");
	rec_set(v, "intent_model", "宋PLUS DM-i");
	rec_set(v, "summary", "关心油耗和后排空间，周末带家人再来");
	rec_set(v, "arrive_at", "2026-11-22 15:00");
	rec_set(v, "info_source", "车展");
	int64_t id = save(v);
	struct rec *c = rec_new(aform);
	char err[512];
	ck_assert_int_eq(visit_fill_acard(db, id, c, NULL, 0, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(c, "name"), "赵六");
	ck_assert_str_eq(rec_get(c, "mobile"), "13600001234");
	ck_assert_str_eq(rec_get(c, "info_source"), "车展");
	ck_assert_str_eq(rec_get(c, "consultant"), "小李");
	ck_assert_str_eq(rec_get(c, "want_model"), "宋PLUS DM-i");
	ck_assert_str_eq(rec_get(c, "first_date"), "2026-11-22");
	ck_assert_str_eq(rec_get(c, "first_summary"), "关心油耗和后排空间，周末带家人再来"); /* as typed */
	ck_assert_str_eq(rec_get(c, "created_date"), "2026-11-23");
	ck_assert_str_eq(rec_get(c, "level"), ""); /* the consultant's to choose */
	rec_set(c, "level", "H");
	struct rule_list l = { 0 };
	ck_assert_int_eq(rules_check(c, RP_SAVE, &l), 0);
	rules_list_free(&l);
	ck_assert_int_eq(visit_to_acard(db, id, c, "小李", err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(c, "card_no"), "A20261123-0001");
	ck_assert_str_eq(raw_text("SELECT acard_no FROM visits"), "A20261123-0001");
	ck_assert_str_eq(raw_text("SELECT first_date || ' ' || next_date || ' ' || status FROM acards"),
	                 "2026-11-22 2026-11-25 跟进中");
	/* once only */
	ck_assert_int_eq(visit_fill_acard(db, id, c, NULL, 0, err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "A卡编号：该登记已属于 A卡 A20261123-0001");
	ck_assert_int_eq(visit_to_acard(db, id, c, "小李", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(raw_text("SELECT count(*) FROM acards"), "1");
	ck_assert_str_eq(raw_text("SELECT count(*) FROM audit_log WHERE action='来店转A卡'"), "1");
	rec_free(c);
	rec_free(v);
}
END_TEST

/* An owner on file walks in for another car: the card takes what their
 * record says of them (age from the birth date, the car driven now); what
 * the entry says stays. */
START_TEST(a_customer_s_entry_fills_the_card_from_their_record)
{
	int64_t owner = customer("钱七", "13700001111");
	char q[600];
	snprintf(q, sizeof q,
	         "UPDATE customers SET sex='女', birth_date='1990-11-24', address='文三路1号', industry='IT',"
	         " purpose='家用' WHERE id=%lld;"
	         "INSERT INTO vehicles(customer_id, vin, plate, model, is_sale) VALUES(%lld, 'LSVAB2BM1HN123456',"
	         " '浙A12345', '瑞虎8', '否');"
	         "INSERT INTO vehicles(customer_id, vin, plate, model, is_sale, returned) VALUES(%lld,"
	         " 'LSVAB2BM3HN654321', '浙A54321', '艾瑞泽5', '否', 1);",
	         (long long)owner, (long long)owner, (long long)owner);
	tu_sql_exec(path, q);
	struct rec *v = entry("钱七", "13700001111");
	int64_t id = save(v);
	struct rec *c = rec_new(aform);
	char err[512];
	char who[200];
	ck_assert_int_eq(visit_fill_acard(db, id, c, who, sizeof who, err, sizeof err), ST_OK);
	ck_assert_str_eq(who, "C00000001 钱七");
	ck_assert_str_eq(rec_get(c, "sex"), "女");
	ck_assert_str_eq(rec_get(c, "age"), "35"); /* 36 the day after the test's today */
	ck_assert_str_eq(rec_get(c, "address"), "文三路1号");
	ck_assert_str_eq(rec_get(c, "industry"), "IT");
	ck_assert_str_eq(rec_get(c, "purpose"), "家用");
	ck_assert_str_eq(rec_get(c, "current_car"), "瑞虎8 浙A12345"); /* the returned car is not driven */
	ck_assert_str_eq(rec_get(c, "name"), "钱七");
	/* an entry of nobody on file fills none of it */
	struct rec *w = entry("孙八", "13700002222");
	id = save(w);
	ck_assert_int_eq(visit_fill_acard(db, id, c, who, sizeof who, err, sizeof err), ST_OK);
	ck_assert_str_eq(who, "");
	ck_assert_str_eq(rec_get(c, "sex"), "");
	ck_assert_str_eq(rec_get(c, "current_car"), "");
	rec_free(c);
	rec_free(w);
	rec_free(v);
}
END_TEST

/* A customer anonymised on request (privacy) after their walk-in: the
 * entry still names their record, which keeps only its number, the
 * anonymous name and the cars.  A card made from the entry took the car
 * they drive (the plate anonymising cleared from their cards) and said it
 * came from "已注销客户"'s record: nothing is taken from such a record. */
START_TEST(an_anonymised_customer_fills_no_card)
{
	char err[512], who[200];
	struct staff_me admin, mgr;
	ck_assert_int_eq(staff_first_admin(db, "admin", "", "admin-pass-1", &admin, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_add(db, &admin, "mgr", "", AUTH_MANAGER, "mgr-pass-11", err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_login(db, "mgr", "mgr-pass-11", &mgr, err, sizeof err), STAFF_OK);
	int64_t owner = customer("钱七", "13700001111");
	char q[400];
	snprintf(q, sizeof q,
	         "UPDATE customers SET sex='女', birth_date='1990-11-24', industry='IT' WHERE id=%lld;"
	         "INSERT INTO vehicles(customer_id, vin, plate, model, is_sale) VALUES(%lld, 'LSVAB2BM1HN123456',"
	         " '浙A12345', '瑞虎8', '否');",
	         (long long)owner, (long long)owner);
	tu_sql_exec(path, q);
	struct rec *v = entry("钱七", "13700001111");
	int64_t id = save(v);
	ck_assert_msg(ret_anonymise(db, &mgr, "C00000001", "客户要求", 0, err, sizeof err) == ST_OK, "%s", err);
	struct rec *c = rec_new(aform);
	ck_assert_int_eq(visit_fill_acard(db, id, c, who, sizeof who, err, sizeof err), ST_OK);
	ck_assert_str_eq(who, "");
	ck_assert_str_eq(rec_get(c, "current_car"), "");
	ck_assert_str_eq(rec_get(c, "name"), "");
	rec_free(c);
	rec_free(v);
}
END_TEST

START_TEST(a_failed_card_leaves_the_entry_unlinked)
{
	struct rec *v = entry("", "");
	int64_t id = save(v);
	struct rec *c = rec_new(aform);
	char err[512];
	ck_assert_int_eq(visit_fill_acard(db, id, c, NULL, 0, err, sizeof err), ST_OK);
	rec_set(c, "level", "Z"); /* not one of the shop's */
	ck_assert_int_eq(visit_to_acard(db, id, c, "小李", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(raw_text("SELECT count(*) FROM acards"), "0");
	ck_assert_str_eq(raw_text("SELECT coalesce(acard_no,'-') FROM visits"), "-");
	rec_free(c);
	rec_free(v);
}
END_TEST

static const char VISITS[] =
	"来电或到店,到店时间,离店时间,客户名称,手机号,意向车型,信息来源,销售顾问,试驾与否,沟通概况,A卡编号\n"
	"到店,2026-10-01 10:00,2026-10-01 10:40,张三,13800138000,秦,网络,小王,是,试驾了,\n"
	"来电,2026-10-01 11:00,,,,,,小王,,问价,\n"
	"到店,2026-10-01 12:00,,李四,,,路过,,,,\n"
	"到店,2026-10-02 09:00,,王五,,,路过,小李,,,A20990101-0001\n"
	"到店,2026-10-01 10:00,2026-10-01 10:40,张三,13800138000,秦,网络,小王,是,试驾了，还要再看看,\n"
	"来电,2026-10-03 09:00,,,,,其他,小李,,,\n";

START_TEST(import_visits_reports_and_skips_reruns)
{
	char p[600], rep[600], err[512];
	snprintf(p, sizeof p, "%s/v.csv", dir);
	snprintf(rep, sizeof rep, "%s/rep.csv", dir);
	tu_write(p, VISITS);
	struct imp_opts o = { .path = p, .staff = "t", .report = rep };
	struct imp_stats s;
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.rows, 6);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(s.refused, 4);
	/* line 6 repeats line 2 of the same file, not a record in before */
	ck_assert_int_eq(s.differs, 0);
	ck_assert_int_eq(s.differs_in_file, 1);
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "本文件第2行已存入的这条记录为“试驾了”"), "%s", r);
	ck_assert_ptr_nonnull(strstr(r, "3,info_source,信息来源,required,error,信息来源：必填项，不能为空\n"));
	ck_assert_ptr_nonnull(strstr(r, "4,consultant,销售顾问,required,error,销售顾问：必填项，不能为空\n"));
	ck_assert_ptr_nonnull(strstr(r, "5,acard_no,A卡编号,db.constraint,error,A卡编号：找不到 A卡 A20990101-0001，请先导入 A卡\n"));
	ck_assert_ptr_nonnull(strstr(r, "6,arrive_at,到店时间,duplicate.visit,error,"));
	free(r);
	ck_assert_str_eq(raw_text("SELECT group_concat(arrive_at, '|') FROM visits"),
	                 "2026-10-01 10:00|2026-10-03 09:00");
	/* another file with an entry already in (fewer columns, the same
	 * values): in already, not refused; the new one kept */
	tu_write(p, "来电或到店,到店时间,客户名称,手机号,信息来源,销售顾问\n"
	            "到店,2026-10-01 10:00,张三,13800138000,网络,小王\n"
	            "到店,2026-10-04 10:00,张三,13800138000,网络,小王\n");
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.refused, 0);
	ck_assert_int_eq(s.already, 1);
	ck_assert_str_eq(raw_text("SELECT count(*) FROM visits"), "3");
	/* an entry an earlier version stored with a space in the name (names
	 * are joined since): its file run again finds it, not a second one */
	tu_sql_exec(path, "UPDATE visits SET cust_name = '张 三' WHERE arrive_at = '2026-10-04 10:00'");
	tu_write(p, "来电或到店,到店时间,客户名称,手机号,信息来源,销售顾问\n"
	            "到店,2026-10-04 10:00,张 三,13800138000,网络,小王\n");
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_int_eq(s.already, 1);
	ck_assert_str_eq(raw_text("SELECT count(*) FROM visits"), "3");
}
END_TEST

/* A visit log exported at noon and again in the evening: --update fills
 * in what the entries lacked (离店时间, 试驾, 沟通概况); the A-card link
 * stays the system's. */
START_TEST(import_update_fills_in_an_entry)
{
	char p[600], rep[600], err[512];
	snprintf(p, sizeof p, "%s/v.csv", dir);
	snprintf(rep, sizeof rep, "%s/rep.csv", dir);
	tu_write(p, "来电或到店,到店时间,离店时间,客户名称,手机号,信息来源,销售顾问,试驾与否,沟通概况,A卡编号\n"
	            "到店,2026-10-01 10:00,,张三,13800138000,网络,小王,,,\n"
	            "来电,2026-10-01 11:00,,,,其他,小王,,问价,\n");
	struct imp_opts o = { .path = p, .staff = "t", .report = rep };
	struct imp_stats s;
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 0);
	const char *evening = "来电或到店,到店时间,离店时间,客户名称,手机号,信息来源,销售顾问,试驾与否,沟通概况,A卡编号\n"
	                      "到店,2026-10-01 10:00,2026-10-01 10:40,张三,13800138000,网络,小王,是,试驾了,A20990101-0001\n"
	                      "来电,2026-10-01 11:00,,,,其他,小王,,问价,\n";
	tu_write(p, evening);
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.differs, 1);
	o.update = 1;
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.merged, 2);
	ck_assert_int_eq(s.unchanged, 1);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_str_eq(raw_text("SELECT leave_at || ' ' || test_drive || ' ' || summary || ' ' || coalesce(acard_no, '-')"
	                          " FROM visits WHERE cust_name = '张三'"),
	                 "2026-10-01 10:40 是 试驾了 -");
	ck_assert_str_eq(raw_text("SELECT count(*) FROM visits"), "2");
	ck_assert_str_eq(raw_text("SELECT count(*) FROM audit_log WHERE action = '修改来店登记'"), "1");
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,arrive_at,到店时间,merged,warning,已合并到到店 2026-10-01 10:00 张三的登记（更新 3 项："
	                        "离店时间“（空）”→“2026-10-01 10:40”；试驾与否“（空）”→“是”；沟通概况“（空）”→“试驾了”）\n"),
	              "%s", r);
	ck_assert_msg(strstr(r, "2,acard_no,A卡编号,visit.acard_kept,warning,A卡编号：文件中为“A20990101-0001”，这条登记未关联 A卡；"),
	              "%s", r);
	free(r);
}
END_TEST

/* Another system's visit log has no A卡编号: an entry goes under the card
 * that followed its mobile that day (made by then, not yet ended), said on
 * its row; an entry before the card was made, or after it ended, stays
 * unlinked.  A file with the column (this program's export) is taken as
 * it is: its empty cell is an entry of no card. */
START_TEST(import_puts_an_entry_under_the_card_of_its_day)
{
	char p[600], rep[600], err[512];
	snprintf(p, sizeof p, "%s/v.csv", dir);
	snprintf(rep, sizeof rep, "%s/rep.csv", dir);
	tu_write(p, "建卡日期,首次接待日期,销售顾问,姓名,联系电话,欲购车型,信息来源,首次接待概况,意向级别,下次回访计划,状态,战败原因\n"
	            "2026-10-05,2026-10-05,小王,张三,13800138000,帕萨特,网络,看了帕萨特,A,2026-11-30,跟进中,\n"
	            "2026-09-01,2026-09-01,小李,李四,13800138001,迈腾,网络,看了迈腾,B,2026-09-10,战败,已购竞品\n"
	            "2026-10-06,2026-10-05,小李,王五,13800138002,途观,网络,看了途观,A,2026-10-08,成交,\n");
	struct imp_opts o = { .path = p, .staff = "t", .report = rep };
	struct imp_stats s;
	ck_assert_msg(imp_run(db, "acards", aform, &o, &s, err, sizeof err) == 0, "%s", tu_read(rep));
	tu_sql_exec(path, "UPDATE acards SET closed_at = '2026-09-20 16:00:00' WHERE mobile = '13800138001'");
	/* 王五's card came ended from the file, without its day: its last call
	 * on record bounds it (its first reception, a day before the card,
	 * begins it) */
	ck_assert_str_eq(raw_text("SELECT coalesce(closed_at, '-') FROM acards WHERE mobile = '13800138002'"), "-");
	tu_sql_exec(path, "INSERT INTO acard_followups(card_no, fu_date, method, content, staff)"
	                  " SELECT card_no, '2026-10-08', '电话', '订车', '小李' FROM acards WHERE mobile = '13800138002'");
	tu_write(p, "来电或到店,到店时间,客户名称,手机号,信息来源,销售顾问\n"
	            "到店,2026-10-01 10:00,张三,13800138000,网络,小王\n"
	            "到店,2026-10-05 10:00,张三,13800138000,网络,小王\n"
	            "到店,2026-09-20 10:00,李四,13800138001,网络,小李\n"
	            "到店,2026-10-10 10:00,李四,13800138001,网络,小李\n"
	            "到店,2026-10-05 11:00,王五,13800138002,网络,小李\n"
	            "到店,2026-10-08 11:00,王五,13800138002,网络,小李\n"
	            "到店,2026-10-09 11:00,王五,13800138002,网络,小李\n");
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 7);
	ck_assert_str_eq(raw_text("SELECT group_concat(substr(arrive_at, 1, 10) || '=' || coalesce(acard_no, '-'), ' ')"
	                          " FROM (SELECT * FROM visits ORDER BY id)"),
	                 "2026-10-01=- 2026-10-05=A20261005-0001 2026-09-20=A20260901-0001 2026-10-10=- "
	                 "2026-10-05=A20261006-0001 2026-10-08=A20261006-0001 2026-10-09=-");
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "3,acard_no,A卡编号,acard.linked,warning,A卡编号：按手机号归入当天跟进的 A卡 A20261005-0001"
	                        "（销售顾问 小王）\n"), "%s", r);
	free(r);
	/* the program's own export says no card */
	tu_write(p, "来电或到店,到店时间,客户名称,手机号,信息来源,销售顾问,A卡编号\n"
	            "到店,2026-10-06 10:00,张三,13800138000,网络,小王,\n");
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 0);
	ck_assert_str_eq(raw_text("SELECT coalesce(acard_no, '-') FROM visits WHERE arrive_at LIKE '2026-10-06%'"), "-");
}
END_TEST

/* Other systems' call logs have one 电话 column: a mobile goes to 手机号,
 * a landline to 固定电话 (it was dropped, said, before the sheet had the
 * field), linking the entry to the customer with it. */
START_TEST(import_reads_a_phone_column_by_content)
{
	char p[600], rep[600], err[512];
	snprintf(p, sizeof p, "%s/calls.csv", dir);
	snprintf(rep, sizeof rep, "%s/rep.csv", dir);
	tu_write(p, "来电或到店,到店时间,客户名称,电话,信息来源,销售顾问\n"
	            "来电,2026-10-01 10:00,张三,13800138000,网络,小王\n"
	            "来电,2026-10-01 11:00,李四,0571-88078935,网络,小王\n"
	            "来电,2026-10-01 12:00,王五,1380013800,网络,小王\n");
	int64_t li = customer("李四", "13900001111");
	char q[160];
	snprintf(q, sizeof q, "UPDATE customers SET phone1 = '0571-88078935' WHERE id = %lld", (long long)li);
	tu_sql_exec(path, q);
	struct imp_opts o = { .path = p, .staff = "t", .report = rep };
	struct imp_stats s;
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 1);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(s.refused, 1); /* a mobile a digit short is a mobile mistyped */
	ck_assert_str_eq(raw_text("SELECT group_concat(cust_name || ':' || coalesce(mobile, '') || ':' ||"
	                          " coalesce(phone, '') || ':' || coalesce(customer_id, ''), ' ') FROM visits"),
	                 "张三:13800138000:: 李四::0571-88078935:1");
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "1,mobile,手机号,column.alias,warning,列“电话”按内容导入：手机号码记入“手机号”，其他号码记入“固定电话”\n"),
	              "%s", r);
	ck_assert_msg(!strstr(r, "phone.not_kept"), "%s", r);
	ck_assert_msg(strstr(r, "4,mobile,手机号,mobile.length,error,"), "%s", r);
	free(r);
}
END_TEST

/* A call log that wrote a landline under 手机号: the entry goes in with
 * the number in 固定电话, said; the same file again stores nothing more. */
START_TEST(import_moves_a_landline_out_of_the_mobile_column)
{
	char p[600], rep[600], err[512];
	snprintf(p, sizeof p, "%s/calls.csv", dir);
	snprintf(rep, sizeof rep, "%s/rep.csv", dir);
	tu_write(p, "来电或到店,到店时间,客户名称,手机号,信息来源,销售顾问\n"
	            "来电,2026-10-01 10:00,张三,0571-88078935,网络,小王\n"
	            "来电,2026-10-01 11:00,李四,0571-88078936,网络,小王\n");
	struct imp_opts o = { .path = p, .staff = "t", .report = rep };
	struct imp_stats s;
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_str_eq(raw_text("SELECT group_concat(cust_name || ':' || coalesce(mobile, '') || ':' || phone, ' ')"
	                          " FROM (SELECT * FROM visits ORDER BY id)"),
	                 "张三::0571-88078935 李四::0571-88078936");
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,mobile,手机号,phone.moved,warning,手机号：“0571-88078935”是固定电话，已记入固定电话（本栏只记手机号）\n"),
	              "%s", r);
	free(r);
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_str_eq(raw_text("SELECT count(*) FROM visits"), "2");
}
END_TEST

/* A receptionist's spreadsheet keeps the day and the time apart (日期,
 * 时间) under its own names (类型, 来源, 接待顾问, 备注): the two make the
 * arrival, the time as people write it; a time column without a date
 * column is the arrival itself; a day without a time is the day. */
START_TEST(import_joins_a_date_and_a_time_column)
{
	char p[600], rep[600], err[512];
	snprintf(p, sizeof p, "%s/log.csv", dir);
	snprintf(rep, sizeof rep, "%s/rep.csv", dir);
	tu_write(p, "日期,时间,类型,客户姓名,手机,来源,接待顾问,是否试驾,备注\n"
	            "2026/10/01,9:30,展厅,王先生,13800138010,网络,小李,Y,看了两款\n"
	            "2026/10/01,下午2:05,电话,刘女士,,老客户介绍,小王,否,问价格\n"
	            "2026-10-02,14时,到店,赵总,,路过,小李,,\n"
	            "2026-10-02 16:00,,到店,钱总,,路过,小李,,\n"
	            "2026-10-03,,到店,孙总,,路过,小李,,\n");
	struct imp_opts o = { .path = p, .staff = "t", .report = rep };
	struct imp_stats s;
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 5);
	ck_assert_str_eq(raw_text("SELECT group_concat(visit_kind || ' ' || arrive_at || ' ' || cust_name || ' ' || info_source"
	                          " || ' ' || consultant || ' ' || coalesce(test_drive, '') || ' ' || coalesce(summary, ''), '|')"
	                          " FROM (SELECT * FROM visits ORDER BY arrive_at)"),
	                 "到店 2026-10-01 09:30 王先生 网络 小李 是 看了两款|来电 2026-10-01 14:05 刘女士 老客户介绍 小王 否 问价格|"
	                 "到店 2026-10-02 14:00 赵总 路过 小李  |到店 2026-10-02 16:00 钱总 路过 小李  |"
	                 "到店 2026-10-03 孙总 路过 小李  ");
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "1,arrive_at,到店时间,column.alias,warning,列“日期”的日期与列“时间”的时刻合为“到店时间”\n"), "%s",
	              r);
	/* a day without its time is the day, said */
	ck_assert_msg(strstr(r, "6,arrive_at,到店时间,datetime.date_only,warning,到店时间：“2026-10-03”只有日期"), "%s", r);
	free(r);
	/* without a date column the time column is the arrival itself */
	tu_write(p, "来店时间,类型,客户姓名,来源,接待顾问\n2026-10-04 9:30,到店,周先生,网络,小李\n");
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 0);
	ck_assert_str_eq(raw_text("SELECT arrive_at FROM visits WHERE cust_name = '周先生'"), "2026-10-04 09:30");
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "1,arrive_at,到店时间,column.alias,warning,列“来店时间”按“到店时间”导入\n"), "%s", r);
	free(r);
	/* the sheet's own 到店时间 holding the times beside another name's days */
	tu_write(p, "到店日期,到店时间,类型,客户姓名,来源,接待顾问\n2026-10-06,上午10:20,到店,郑先生,网络,小李\n");
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 0);
	ck_assert_str_eq(raw_text("SELECT arrive_at FROM visits WHERE cust_name = '郑先生'"), "2026-10-06 10:20");
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "列“到店日期”的日期与列“到店时间”的时刻合为“到店时间”"), "%s", r);
	ck_assert_msg(!strstr(r, "column.unknown"), "%s", r); /* the sheet's own column, taken as the time */
	free(r);
	/* and a time cell with its own date is taken whole beside a date column */
	tu_write(p, "日期,时间,类型,客户姓名,来源,接待顾问\n2026-10-05,2026-10-05 10:10,到店,吴先生,网络,小李\n");
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 0);
	ck_assert_str_eq(raw_text("SELECT arrive_at FROM visits WHERE cust_name = '吴先生'"), "2026-10-05 10:10");
	/* a day a spreadsheet kept as its number (46302 is 2026-10-07) beside a time */
	tu_write(p, "日期,时间,类型,客户姓名,来源,接待顾问\n46302,下午3:40,到店,冯先生,网络,小李\n");
	ck_assert_int_eq(imp_run(db, "visits", vform, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_str_eq(raw_text("SELECT arrive_at FROM visits WHERE cust_name = '冯先生'"), "2026-10-07 15:40");
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,arrive_at,到店时间,date.serial,warning,到店时间：Excel日期序号46302，按2026-10-07导入\n"), "%s", r);
	free(r);
}
END_TEST

Suite *visit_suite(void)
{
	Suite *s = suite_create("visit");
	TCase *t = tcase_create("visit");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, an_entry_needs_source_and_consultant_not_contact_details);
	tcase_add_test(t, a_sheet_saved_late_keeps_the_leave_stamped_meanwhile);
	tcase_add_test(t, leave_is_stamped_once_and_the_list_marks_open_entries);
	tcase_add_test(t, a_mobile_finds_its_customer_or_card);
	tcase_add_test(t, a_damaged_file_is_not_a_new_face);
	tcase_add_test(t, a_landline_finds_its_customer);
	tcase_add_test(t, an_entry_becomes_an_a_card_carrying_its_data);
	tcase_add_test(t, a_customer_s_entry_fills_the_card_from_their_record);
	tcase_add_test(t, an_anonymised_customer_fills_no_card);
	tcase_add_test(t, a_failed_card_leaves_the_entry_unlinked);
	tcase_add_test(t, import_visits_reports_and_skips_reruns);
	tcase_add_test(t, import_update_fills_in_an_entry);
	tcase_add_test(t, import_puts_an_entry_under_the_card_of_its_day);
	tcase_add_test(t, import_reads_a_phone_column_by_content);
	tcase_add_test(t, import_moves_a_landline_out_of_the_mobile_column);
	tcase_add_test(t, import_joins_a_date_and_a_time_column);
	suite_add_tcase(s, t);
	return s;
}
