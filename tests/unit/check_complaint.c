/* The complaint store as the desk uses it: the list of open complaints
 * (oldest first) and of those handled lately, handling at the time the
 * sheet gives (once only, logged with the customer), and a change to an
 * open complaint that leaves the handling alone. */
#include <sqlite3.h>
#include "testutil.h"
#include "desk4s/complaint.h"
#include "desk4s/customer.h"
#include "desk4s/rules.h"
#include "desk4s/store.h"

static char *dir;
static char path[512];
static struct st_db *db;
static struct fdef_form *cf, *pf;

static void setup(void)
{
	char err[512];
	dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/t.db", dir);
	setenv("DESK4S_TODAY", "2025-01-10", 1);
	setenv("DESK4S_NOW", "2025-01-10 11:00", 1);
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	cf = fdef_load("customer", NULL, err, sizeof err);
	pf = fdef_load("complaint", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(cf);
	ck_assert_ptr_nonnull(pf);
	/* C00000001 王五, C00000002 赵六 */
	const char *who[][2] = {{"王五", "13800001111"}, {"赵六", "13800002222"}};
	for (int i = 0; i < 2; i++) {
		struct rec *r = rec_new(cf);
		rec_set(r, "nature", "个人");
		rec_set(r, "category", "个人");
		rec_set(r, "source", "自来");
		rec_set(r, "name", who[i][0]);
		rec_set(r, "sex", "男");
		rec_set(r, "mobile", who[i][1]);
		rec_set(r, "province", "330000");
		rec_set(r, "city", "330100");
		rec_set(r, "district", "330106");
		rec_set(r, "address", "文三路1号");
		struct rule_list l = {0};
		ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
		rules_list_free(&l);
		ck_assert_msg(cust_insert(db, r, 0, "wang", err, sizeof err) == ST_OK, "%s", err);
		rec_free(r);
	}
}

static void teardown(void)
{
	fdef_free(cf);
	fdef_free(pf);
	if (db)
		st_close(db);
	unsetenv("DESK4S_NOW");
	tu_rmtree(dir);
}

static int64_t complaint(const char *cust_no, const char *at, const char *content)
{
	char err[512];
	struct rec *r = rec_new(pf);
	rec_set(r, "cust_no", cust_no);
	rec_set(r, "received_at", at);
	rec_set(r, "received_by", "前台");
	rec_set(r, "content", content);
	ck_assert_msg(cmp_save(db, r, "wang", err, sizeof err) == ST_OK, "%s", err);
	int64_t id = r->id;
	rec_free(r);
	return id;
}

static const char *q(const char *sql) { return tu_sql_text(path, sql); }

/* Open ones first, the oldest on top (whatever order they came in), then
 * those handled since the day given, the latest first; older handled ones
 * are left out. */
START_TEST(list_open_oldest_first_then_handled_lately)
{
	char err[512];
	int64_t newer = complaint("C00000001", "2025-01-09 10:00", "等待时间太长");
	int64_t older = complaint("C00000002", "2025-01-02 09:00", "漆面有划痕");
	int64_t old = complaint("C00000002", "2024-10-01 09:00", "早已处理");
	int64_t recent = complaint("C00000001", "2025-01-03 09:00", "异响");
	int64_t recent2 = complaint("C00000002", "2025-01-04 09:00", "洗车不干净");
	ck_assert_int_eq(cmp_handle_at(db, old, "张经理", "2024-10-02 10:00", "已解决", "wang", err, sizeof err), ST_OK);
	ck_assert_int_eq(cmp_handle_at(db, recent, "张经理", "2025-01-05 10:00", "已解决", "wang", err, sizeof err), ST_OK);
	ck_assert_int_eq(cmp_handle_at(db, recent2, "张经理", "2025-01-08 10:00", "重洗", "wang", err, sizeof err), ST_OK);
	struct cmp_row rows[10];
	int n = cmp_list(db, "2024-12-11", rows, 10, err, sizeof err);
	ck_assert_msg(n == 4, "%d %s", n, err);
	ck_assert_int_eq(rows[0].id, older);
	ck_assert_int_eq(rows[1].id, newer);
	ck_assert_int_eq(rows[2].id, recent2);
	ck_assert_int_eq(rows[3].id, recent);
	ck_assert_str_eq(rows[0].name, "赵六");
	ck_assert_str_eq(rows[0].cust_no, "C00000002");
	ck_assert_str_eq(rows[0].content, "漆面有划痕");
	ck_assert_str_eq(rows[0].received_by, "前台");
	ck_assert_str_eq(rows[0].handled_at, "");
	ck_assert_str_eq(rows[2].handled_at, "2025-01-08 10:00");
	ck_assert_str_eq(rows[2].handler, "张经理");
	/* max bounds it, the open ones kept */
	ck_assert_int_eq(cmp_list(db, "2024-12-11", rows, 2, err, sizeof err), 2);
	ck_assert_int_eq(rows[1].id, newer);
}
END_TEST

/* The time the sheet gives is the handling's (the callback is due 7 days
 * on); a second handling is refused, which would move a callback under
 * way; the usage log names whose complaint was handled. */
START_TEST(handled_once_at_the_time_given_and_logged_with_the_customer)
{
	char err[512];
	int64_t id = complaint("C00000002", "2025-01-02 09:00", "漆面有划痕");
	ck_assert_int_eq(cmp_handle_at(db, id, "张经理", "2025-01-03 16:00", "补漆，客户满意", "wang", err, sizeof err),
	                 ST_OK);
	ck_assert_str_eq(q("SELECT handled_at || '|' || handler || '|' || result FROM complaints"),
	                 "2025-01-03 16:00|张经理|补漆，客户满意");
	ck_assert_str_eq(q("SELECT kind || ' ' || due_date FROM due_feed WHERE kind = '投诉回访'"), "投诉回访 2025-01-10");
	ck_assert_str_eq(q("SELECT customer_no || ' ' || detail FROM audit_log WHERE action = '处理投诉'"),
	                 "C00000002 2025-01-03 16:00 处理完毕");
	ck_assert_int_eq(cmp_handle_at(db, id, "李四", "2025-01-09 16:00", "再次处理", "wang", err, sizeof err),
	                 ST_CONSTRAINT);
	ck_assert_str_eq(err, "该投诉已于 2025-01-03 16:00 处理完毕");
	ck_assert_str_eq(q("SELECT due_date FROM due_feed WHERE kind = '投诉回访'"), "2025-01-10");
	/* cmp_handle: now (DESK4S_NOW), logged the same way */
	int64_t id2 = complaint("C00000001", "2025-01-09 10:00", "等待时间太长");
	ck_assert_int_eq(cmp_handle(db, id2, "张经理", "致歉", "wang", err, sizeof err), ST_OK);
	ck_assert_str_eq(q("SELECT customer_no || ' ' || detail FROM audit_log WHERE action = '处理投诉' ORDER BY id DESC"),
	                 "C00000001 2025-01-10 11:00 处理完毕");
	/* what the customer said stays out of the log, which outlives a
	 * destroyed customer */
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM audit_log WHERE detail LIKE '%漆面%' OR detail LIKE '%补漆%'"
	                                  " OR detail LIKE '%致歉%'"), 0);
	ck_assert_int_eq(cmp_handle_at(db, 999, "张经理", "2025-01-09 16:00", "x", "wang", err, sizeof err), ST_NOTFOUND);
	ck_assert_str_eq(err, "找不到投诉（内部编号 999）");
}
END_TEST

/* A complaint and its usage-log line are stored together or not at all:
 * with the log unwritable the complaint is not left behind unlogged. */
START_TEST(a_complaint_is_not_stored_without_its_log_line)
{
	char err[512];
	st_close(db);
	tu_damage_table(path, "audit_log");
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	struct rec *r = rec_new(pf);
	rec_set(r, "cust_no", "C00000001");
	rec_set(r, "received_at", "2025-01-09 10:00");
	rec_set(r, "received_by", "前台");
	rec_set(r, "content", "等待时间太长");
	ck_assert_int_ne(cmp_save(db, r, "wang", err, sizeof err), ST_OK);
	rec_free(r);
	st_close(db);
	db = NULL;
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM complaints"), 0);
}
END_TEST

/* A change at the desk writes the 投诉 part only (the handling goes
 * through cmp_handle_at, which starts the callback) and is refused once
 * handled. */
START_TEST(change_leaves_the_handling_and_stops_once_handled)
{
	char err[512];
	int64_t id = complaint("C00000002", "2025-01-02 09:00", "漆面有划痕");
	struct rec *r = rec_new(pf);
	ck_assert_int_eq(cmp_load(db, id, r, err, sizeof err), ST_OK);
	rec_set(r, "content", "漆面有划痕，左后门");
	rec_set(r, "handler", "王经理");
	rec_set(r, "handled_at", "2025-01-10 11:00");
	ck_assert_msg(cmp_change(db, r, NULL, "wang", err, sizeof err) == ST_OK, "%s", err);
	ck_assert_str_eq(q("SELECT content || '|' || coalesce(handled_at, 'open') FROM complaints"), "漆面有划痕，左后门|open");
	ck_assert_str_eq(q("SELECT count(*) FROM due_feed WHERE kind = '投诉回访'"), "0");
	ck_assert_str_eq(q("SELECT customer_no || ' ' || detail FROM audit_log WHERE action = '修改投诉'"),
	                 "C00000002 2025-01-02 09:00 受理的投诉（前台修改）");
	/* two terminals: the other's 受理人 kept, 投诉内容 changed by both refused by name */
	struct rec *base = rec_new(pf), *other = rec_new(pf);
	ck_assert_int_eq(cmp_load(db, id, r, err, sizeof err), ST_OK);
	rec_copy(base, r);
	base->id = id;
	ck_assert_int_eq(cmp_load(db, id, other, err, sizeof err), ST_OK);
	rec_set(other, "received_by", "李前台");
	ck_assert_int_eq(cmp_change(db, other, NULL, "li", err, sizeof err), ST_OK);
	rec_set(r, "content", "漆面有划痕，左后门两处");
	ck_assert_int_eq(cmp_change(db, r, base, "wang", err, sizeof err), ST_OK);
	ck_assert_str_eq(q("SELECT received_by || '|' || content FROM complaints"), "李前台|漆面有划痕，左后门两处");
	ck_assert_int_eq(cmp_load(db, id, r, err, sizeof err), ST_OK);
	rec_copy(base, r);
	rec_set(other, "content", "划痕");
	ck_assert_int_eq(cmp_change(db, other, NULL, "li", err, sizeof err), ST_OK);
	rec_set(r, "content", "左后门划痕");
	ck_assert_int_eq(cmp_change(db, r, base, "wang", err, sizeof err), ST_CHANGED);
	ck_assert_ptr_nonnull(strstr(err, "在本页打开后已由其他终端改为“划痕”"));
	ck_assert_int_eq(cmp_change(db, r, base, "wang", err, sizeof err), ST_OK);
	ck_assert_str_eq(q("SELECT content FROM complaints"), "左后门划痕");
	rec_free(other);
	rec_free(base);
	ck_assert_int_eq(cmp_handle_at(db, id, "张经理", "2025-01-03 16:00", "补漆", "wang", err, sizeof err), ST_OK);
	rec_set(r, "content", "改了");
	ck_assert_int_eq(cmp_change(db, r, NULL, "wang", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "该投诉已于 2025-01-03 16:00 处理完毕，不能再修改");
	ck_assert_str_eq(q("SELECT content FROM complaints"), "左后门划痕");
	rec_free(r);
}
END_TEST

Suite *complaint_suite(void)
{
	Suite *s = suite_create("complaint");
	TCase *tc = tcase_create("store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, list_open_oldest_first_then_handled_lately);
	tcase_add_test(tc, handled_once_at_the_time_given_and_logged_with_the_customer);
	tcase_add_test(tc, change_leaves_the_handling_and_stops_once_handled);
	tcase_add_test(tc, a_complaint_is_not_stored_without_its_log_line);
	suite_add_tcase(s, tc);
	return s;
}
