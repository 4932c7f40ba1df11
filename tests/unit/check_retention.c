/* Keeping and destroying: the retention rule at its boundaries, who may
 * see the list and destroy, what anonymisation removes and keeps (the
 * number, the log, the car's history), consent records, and the copy of
 * everything held about a customer. */
#include <sqlite3.h>
#include "testutil.h"
#include "desk4s/audit.h"
#include "desk4s/privacy.h"
#include "desk4s/retention.h"
#include "desk4s/staff.h"

static char *dir;
static char path[512];
static struct st_db *db;
static struct staff_me admin, mgr, desk;
static char err[1024];

static void raw_exec(const char *q) { tu_sql_exec(path, q); }
static long long raw_int(const char *q) { return tu_sql_int(path, q); }

static void setup(void)
{
	dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/t.db", dir);
	setenv("DESK4S_NOW", "2026-11-23 09:00:00", 1);
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_first_admin(db, "admin", "", "admin-pass-1", &admin, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_add(db, &admin, "mgr", "李经理", AUTH_MANAGER, "mgr-pass-11", err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_add(db, &admin, "desk", "", AUTH_RECEPTION, "desk-pass-1", err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_login(db, "mgr", "mgr-pass-11", &mgr, err, sizeof err), STAFF_OK);
	ck_assert_int_eq(staff_login(db, "desk", "desk-pass-1", &desk, err, sizeof err), STAFF_OK);
	raw_exec(
		/* C1: created exactly five years ago, never serviced */
		"INSERT INTO customers(id, cust_no, name, mobile, id_no, address, created_at) VALUES"
		" (1, 'C1', '张一', '13800000001', '330106199001012017', '杭州市西湖区文三路 1 号', '2021-11-23 15:00:00');"
		/* C2: old customer, last repair completed five years ago tomorrow */
		"INSERT INTO customers(id, cust_no, name, mobile, created_at) VALUES (2, 'C2', '张二', '13800000002', '2015-01-01 00:00:00');"
		/* C3: old customer with recent service */
		"INSERT INTO customers(id, cust_no, name, mobile, hobby, marketing_ok, created_at) VALUES"
		" (3, 'C3', '张三', '13800000003', '钓鱼', '是', '2015-01-01 00:00:00');"
		/* C4: ancient, but a car is in the workshop */
		"INSERT INTO customers(id, cust_no, name, created_at) VALUES (4, 'C4', '张四', '2010-01-01 00:00:00');"
		/* C5: old record, a car delivered in 2022 */
		"INSERT INTO customers(id, cust_no, name, created_at) VALUES (5, 'C5', '张五', '2015-01-01 00:00:00');"
		/* C6: old record, last deal in 2020 */
		"INSERT INTO customers(id, cust_no, name, last_deal_date, created_at) VALUES"
		" (6, 'C6', '张六', '2020-01-01', '2015-01-01 00:00:00');"
		"INSERT INTO vehicles(id, customer_id, vin, plate, model) VALUES"
		" (2, 2, 'LSVAU2180N2000002', '浙A00002', '朗逸'), (3, 3, 'LSVAU2180N2000003', '浙A00003', '帕萨特'),"
		" (4, 4, 'LSVAU2180N2000004', '浙A00004', '途观');"
		"INSERT INTO vehicles(id, customer_id, delivery_date) VALUES (5, 5, '2022-06-01');"
		"INSERT INTO workorders(wo_no, customer_id, vehicle_id, opened_at, advisor, vin, mileage, work_type,"
		" complaint, status, completed_at) VALUES"
		" ('W2', 2, 2, '2021-11-20 09:00', '赵', 'LSVAU2180N2000002', 50000, '保养', '常规保养', '已完工', '2021-11-24 17:00'),"
		" ('W3', 3, 3, '2022-05-01 09:00', '赵', 'LSVAU2180N2000003', 20000, '保养', '常规保养', '已完工', '2022-05-01 17:00');"
		"INSERT INTO workorders(wo_no, customer_id, vehicle_id, opened_at, advisor, vin, mileage, work_type, complaint)"
		" VALUES ('W4', 4, 4, '2026-11-20 09:00', '赵', 'LSVAU2180N2000004', 90000, '一般维修', '异响');"
		/* what else names C3: a walk-in and an A-card with the same mobile, a complaint */
		"INSERT INTO visits(visit_kind, arrive_at, cust_name, mobile, info_source, consultant, summary) VALUES"
		" ('到店', '2024-03-01 10:00', '张三', '13800000003', '网络', '小王', '看帕萨特，住文三路');"
		/* and a call from the office line, linked by it */
		"INSERT INTO visits(visit_kind, arrive_at, cust_name, phone, customer_id, info_source, consultant) VALUES"
		" ('来电', '2024-03-04 10:00', '张三', '0571-88880003', 3, '网络', '小王');"
		"INSERT INTO acards(card_no, created_date, consultant, name, mobile, address, next_date, first_summary) VALUES"
		" ('A1', '2024-03-01', '小王', '张三', '13800000003', '文三路 3 号', '2024-03-05', '预算二十万');"
		"INSERT INTO acard_followups(card_no, fu_date, method, content) VALUES ('A1', '2024-03-05', '电话', '张三说再看看');"
		"INSERT INTO complaints(customer_id, cust_no, received_at, received_by, content) VALUES"
		" (3, 'C3', '2024-04-01', 'desk', '张三投诉等待太久');"
		/* someone else's walk-in stays untouched */
		"INSERT INTO visits(visit_kind, arrive_at, cust_name, mobile, info_source, consultant) VALUES"
		" ('来电', '2024-03-02 10:00', '李雷', '13900000009', '网络', '小王');");
	ck_assert_int_eq(audit_append(db, "desk", "查看客户", "C3", "", err, sizeof err), ST_OK);
	ck_assert_int_eq(audit_append(db, "desk", "修改客户", "C3", "手机号: 13800000033 → 13800000003", err, sizeof err), ST_OK);
}
static void teardown(void)
{
	st_close(db);
	unsetenv("DESK4S_NOW");
	tu_rmtree(dir);
}

struct got { char text[1024]; };
static int gather(void *ctx, const struct ret_due *d)
{
	struct got *g = ctx;
	char line[128];
	snprintf(line, sizeof line, "%s %s %s %s|", d->cust_no, d->basis, d->last, d->due);
	strcat(g->text, line);
	return 0;
}
static const char *due_on(const char *day)
{
	static struct got g;
	g.text[0] = 0;
	ck_assert_msg(ret_list(db, &mgr, day, gather, &g, err, sizeof err) == ST_OK, "%s", err);
	return g.text;
}

START_TEST(the_rule_at_its_boundaries)
{
	/* the day before C1's fifth anniversary: only C6 (deal 2020) */
	ck_assert_str_eq(due_on("2026-11-22"), "C6 最后成交 2020-01-01 2025-01-01|");
	/* on the anniversary itself C1 is due */
	ck_assert_str_eq(due_on("2026-11-23"), "C6 最后成交 2020-01-01 2025-01-01|C1 建档 2021-11-23 2026-11-23|");
	/* C2 runs from its repair's completion, not its opening */
	ck_assert_str_eq(due_on("2026-11-24"),
	                 "C6 最后成交 2020-01-01 2025-01-01|C1 建档 2021-11-23 2026-11-23|C2 最后维修 2021-11-24 2026-11-24|");
	/* C3 (service 2022) and C5 (delivery 2022) are due in 2027; C4 never while its car is in */
	ck_assert_ptr_nonnull(strstr(due_on("2027-06-01"), "C5 最后成交 2022-06-01 2027-06-01|"));
	ck_assert_ptr_nonnull(strstr(due_on("2027-06-01"), "C3 最后维修 2022-05-01 2027-05-01|"));
	ck_assert_ptr_null(strstr(due_on("2040-01-01"), "C4"));
	/* today by default */
	ck_assert_str_eq(due_on(NULL), due_on("2026-11-23"));
	char due[16];
	ck_assert_int_eq(ret_due_date(db, "C2", due, sizeof due, err, sizeof err), ST_OK);
	ck_assert_str_eq(due, "2026-11-24");
	ck_assert_int_eq(ret_due_date(db, "C4", due, sizeof due, err, sizeof err), ST_OK);
	ck_assert_str_eq(due, "");
	ck_assert_int_eq(ret_due_date(db, "C99", due, sizeof due, err, sizeof err), ST_NOTFOUND);
	ck_assert_int_eq(ret_list(db, &mgr, "23.11.2026", gather, NULL, err, sizeof err), ST_CONSTRAINT);
}
END_TEST

START_TEST(only_the_manager_lists_and_destroys)
{
	struct got g = { "" };
	ck_assert_int_eq(ret_list(db, &desk, NULL, gather, &g, err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "权限不足：前台没有“删除”权限");
	ck_assert_int_eq(ret_list(db, &admin, NULL, gather, &g, err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "权限不足：管理员没有“删除”权限");
	ck_assert_int_eq(ret_anonymise(db, &desk, "C1", "到期", 1, err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "“删除”"));
	ck_assert_str_eq(g.text, "");
}
END_TEST

START_TEST(destroying_keeps_the_number_and_the_log)
{
	ck_assert_int_eq(ret_anonymise(db, &mgr, "C1", "", 1, err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "原因"));
	/* not yet due */
	ck_assert_int_eq(ret_anonymise(db, &mgr, "C2", "到期销毁", 1, err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "2026-11-24 到期"));
	ck_assert_int_eq(ret_anonymise(db, &mgr, "C4", "到期销毁", 1, err, sizeof err), ST_CONSTRAINT);
	ck_assert_int_eq(ret_anonymise(db, &mgr, "C99", "到期销毁", 1, err, sizeof err), ST_NOTFOUND);
	ck_assert_msg(ret_anonymise(db, &mgr, "C1", "超过保存期限", 1, err, sizeof err) == ST_OK, "%s", err);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM customers WHERE cust_no = 'C1' AND name = '已注销客户'"
	                         " AND mobile IS NULL AND id_no IS NULL AND address IS NULL"
	                         " AND anonymized_at = '2026-11-23 09:00:00'"), 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE action = '销毁客户' AND customer_no = 'C1'"
	                         " AND staff = 'mgr' AND detail LIKE '原因：超过保存期限%'"), 1);
	/* gone from the list, and not twice */
	ck_assert_ptr_null(strstr(due_on("2026-11-23"), "C1"));
	ck_assert_int_eq(ret_anonymise(db, &mgr, "C1", "again", 1, err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "已于 2026-11-23 09:00:00 注销"));
	/* on the 24th C2 may go */
	setenv("DESK4S_NOW", "2026-11-24 08:00:00", 1);
	ck_assert_int_eq(ret_anonymise(db, &mgr, "C2", "超过保存期限", 1, err, sizeof err), ST_OK);
	ck_assert_int_eq(audit_verify(db, NULL, err, sizeof err), 0);
}
END_TEST

START_TEST(a_customers_request_to_be_deleted)
{
	long long log_before = raw_int("SELECT count(*) FROM audit_log WHERE customer_no = 'C3'");
	ck_assert_int_eq(log_before, 2);
	/* sheets left unsaved by a dropped session: the customer sheet, a
	 * walk-in by their mobile, a repair order naming them; one about
	 * somebody else */
	raw_exec("INSERT INTO drafts(staff, form, record_id, data) VALUES"
	         " ('wang', 'customer', 3, 'desk4s-draft 1\n@customer=C3\nhobby=钓鱼\n'),"
	         " ('zhao', 'visit', NULL, 'desk4s-draft 1\n@summary=张三\nmobile=13800000003\n'),"
	         " ('zhao', 'workorder', NULL, 'desk4s-draft 1\n@customer=C3\ncomplaint=异响\n'),"
	         " ('li', 'visit', NULL, 'desk4s-draft 1\nmobile=13800000033\n')");
	/* not due, but the customer asked: anonymise on request */
	ck_assert_msg(ret_anonymise(db, &mgr, "C3", "客户本人书面要求删除", 0, err, sizeof err) == ST_OK, "%s", err);
	/* the record keeps its number, nothing personal */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM customers WHERE id = 3 AND cust_no = 'C3' AND name = '已注销客户'"
	                         " AND mobile IS NULL AND hobby IS NULL AND marketing_ok IS NULL"), 1);
	/* walk-in, A-card and its visit, complaint: names and words gone */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM visits WHERE mobile = '13800000003' OR cust_name = '张三'"
	                         " OR summary IS NOT NULL OR phone IS NOT NULL"), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM acards WHERE card_no = 'A1' AND name = '已注销客户'"
	                         " AND mobile IS NULL AND address IS NULL AND first_summary IS NULL"), 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM acard_followups WHERE content LIKE '%张三%'"), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM complaints WHERE content LIKE '%张三%'"), 0);
	/* someone else's walk-in untouched */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM visits WHERE cust_name = '李雷' AND mobile = '13900000009'"), 1);
	/* unsaved sheets about them are gone, whoever kept them; others' stay */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM drafts"), 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM drafts WHERE staff = 'li' AND form = 'visit'"), 1);
	/* the car's history stays */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM vehicles WHERE customer_id = 3 AND vin = 'LSVAU2180N2000003'"), 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM workorders WHERE wo_no = 'W3'"), 1);
	/* the log keeps its entries about C3 and adds the deletion, with the reason */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE customer_no = 'C3'"), log_before + 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE customer_no = 'C3' AND action = '注销客户'"
	                         " AND detail LIKE '%客户本人书面要求删除%'"), 1);
	/* and no whole mobile anywhere in it */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE detail LIKE '%13800000003%'"
	                         " OR detail LIKE '%13800000033%'"), 0);
	ck_assert_int_eq(audit_verify(db, NULL, err, sizeof err), 0);
	/* consent can no longer be set on it: a rule's refusal, naming it
	 * (not "no such customer", the command line's usage error) */
	ck_assert_int_eq(priv_set_marketing(db, &desk, "C3", 1, err, sizeof err), ST_CONSTRAINT);
	ck_assert_msg(strstr(err, "C3") && strstr(err, "已注销"), "%s", err);
	ck_assert_int_eq(priv_set_consent(db, &desk, "C9", 1, err, sizeof err), ST_NOTFOUND);
}
END_TEST

START_TEST(consent_is_recorded_with_its_date)
{
	struct priv_consent c;
	ck_assert_int_eq(priv_get(db, "C1", &c, err, sizeof err), ST_OK);
	ck_assert_str_eq(c.consent_at, "");
	ck_assert_int_eq(priv_set_consent(db, &desk, "C1", 1, err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2026-11-24 10:30:00", 1);
	ck_assert_int_eq(priv_set_marketing(db, &desk, "C1", 0, err, sizeof err), ST_OK);
	ck_assert_int_eq(priv_get(db, "C1", &c, err, sizeof err), ST_OK);
	ck_assert_str_eq(c.consent_at, "2026-11-23 09:00:00");
	ck_assert_str_eq(c.marketing_ok, "否");
	ck_assert_str_eq(c.marketing_at, "2026-11-24 10:30:00");
	ck_assert_int_eq(priv_set_marketing(db, &desk, "C1", 1, err, sizeof err), ST_OK);
	ck_assert_int_eq(priv_get(db, "C1", &c, err, sizeof err), ST_OK);
	ck_assert_str_eq(c.marketing_ok, "是");
	ck_assert_int_eq(priv_set_consent(db, &desk, "C1", 0, err, sizeof err), ST_OK);
	ck_assert_int_eq(priv_get(db, "C1", &c, err, sizeof err), ST_OK);
	ck_assert_str_eq(c.consent_at, "");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE customer_no = 'C1' AND action = '修改客户'"
	                         " AND detail LIKE '同意%'"), 4);
	/* the administrator holds no customer permission */
	ck_assert_int_eq(priv_set_consent(db, &admin, "C1", 1, err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "权限不足：管理员没有“修改”权限");
	ck_assert_int_eq(priv_set_consent(db, &desk, "C99", 1, err, sizeof err), ST_NOTFOUND);
	ck_assert_int_eq(priv_get(db, "C99", &c, err, sizeof err), ST_NOTFOUND);
}
END_TEST

START_TEST(everything_held_about_one_customer)
{
	char file[600];
	snprintf(file, sizeof file, "%s/c3.txt", dir);
	FILE *f = fopen(file, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(priv_export(db, &desk, "C3", NULL, f, file, err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "权限不足：前台没有“导出”权限");
	ck_assert_msg(priv_export(db, &mgr, "C3", NULL, f, file, err, sizeof err) == ST_OK, "%s", err);
	fclose(f);
	char *t = tu_read(file);
	static const char *const want[] = { "客户 C3 的全部个人信息", "导出人：李经理（经理）", "== 客户档案 ==",
	                                    "name：张三", "mobile：13800000003", "hobby：钓鱼", "== 车辆 ==",
	                                    "LSVAU2180N2000003", "== 来店(电)记录 ==", "看帕萨特", "== A卡 ==",
	                                    "预算二十万", "张三说再看看", "== 维修工单 ==", "W3", "== 投诉 ==",
	                                    "== 使用日志中关于该客户的记录 ==", "查看客户", "== 姓名修改申请 ==\n  （无）" };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(strstr(t, want[i]) != NULL, "missing %s in:\n%s", want[i], t);
	/* someone else's walk-in is not theirs */
	ck_assert_ptr_null(strstr(t, "李雷"));
	free(t);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE customer_no = 'C3' AND action = '导出'"), 1);
	/* the log names where the copy went */
	char q[900];
	snprintf(q, sizeof q, "SELECT count(*) FROM audit_log WHERE customer_no = 'C3' AND action = '导出'"
	                      " AND detail = '导出该客户的全部个人信息（客户查阅）：文件 %s'", file);
	ck_assert_int_eq(raw_int(q), 1);
	f = fopen(file, "w");
	ck_assert_int_eq(priv_export(db, &mgr, "C99", NULL, f, file, err, sizeof err), ST_NOTFOUND);
	fclose(f);
}
END_TEST

Suite *retention_suite(void)
{
	Suite *s = suite_create("retention");
	TCase *t = tcase_create("retention");
	tcase_set_timeout(t, 120);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, the_rule_at_its_boundaries);
	tcase_add_test(t, only_the_manager_lists_and_destroys);
	tcase_add_test(t, destroying_keeps_the_number_and_the_log);
	tcase_add_test(t, a_customers_request_to_be_deleted);
	tcase_add_test(t, consent_is_recorded_with_its_date);
	tcase_add_test(t, everything_held_about_one_customer);
	suite_add_tcase(s, t);
	return s;
}
