/* What falls due, at its boundaries, with a fixed "today": day 3 after a
 * repair, day 7 after delivery and after a complaint, month ends, leap
 * days, a reopened order, a closed card, consent, missed tasks dropping
 * off, closing, rescheduling and stopping; the feed the list reads kept
 * by every change, rebuilt, pruned. */
#include <sqlite3.h>
#include <sys/stat.h>
#include "testutil.h"
#include "desk4s/clock.h"
#include "desk4s/customer.h"
#include "desk4s/due.h"
#include "desk4s/rules.h"
#include "desk4s/workorder.h"

static char *dir;
static char path[512];
static struct st_db *db;
static struct fdef_form *cform, *wform;

static void setup(void)
{
	setenv("DESK4S_TODAY", "2030-01-01", 1);
	setenv("DESK4S_NOW", "2026-11-23 09:00", 1);
	dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/t.db", dir);
	char err[512];
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	cform = fdef_load("customer", NULL, err, sizeof err);
	wform = fdef_load("workorder", NULL, err, sizeof err);
}
static void teardown(void)
{
	fdef_free(cform);
	fdef_free(wform);
	st_close(db);
	tu_rmtree(dir);
}

static void sql(const char *q) { tu_sql_exec(path, q); }

static int64_t customer(const char *name, const char *mobile, const char *vin, const char *birth,
                        const char *consent)
{
	struct rec *r = rec_new(cform);
	rec_set(r, "nature", "个人");
	rec_set(r, "category", "个人");
	rec_set(r, "source", "自来");
	rec_set(r, "name", name);
	rec_set(r, "sex", "男");
	rec_set(r, "mobile", mobile);
	rec_set(r, "province", "330000");
	rec_set(r, "city", "330100");
	rec_set(r, "district", "330106");
	rec_set(r, "address", "文三路1号");
	rec_set(r, "vin", vin);
	rec_set(r, "birth_date", birth);
	rec_set(r, "marketing_ok", consent);
	struct rule_list l = { 0 };
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	rules_list_free(&l);
	char err[512];
	ck_assert_int_eq(cust_insert(db, r, 0, "t", err, sizeof err), ST_OK);
	int64_t id = r->id;
	rec_free(r);
	return id;
}

static char listing[8192];
static int collect(const struct due_task *t, void *ctx)
{
	(void)ctx;
	char line[512];
	snprintf(line, sizeof line, "%s %s %s+%d|", t->kind, t->due_date, t->name, t->overdue_days);
	strcat(listing, line);
	return 0;
}
static const char *due(const char *from, const char *to, const char *kind)
{
	listing[0] = 0;
	struct due_filter f = { .kind = kind };
	snprintf(f.from, sizeof f.from, "%s", from);
	snprintf(f.to, sizeof f.to, "%s", to);
	char err[256];
	ck_assert_msg(due_list(db, &f, collect, NULL, err, sizeof err) >= 0, "%s", err);
	return listing;
}

static int64_t complete_order(int64_t cust_vehicle_query_dummy, const char *vin_tail, const char *when)
{
	(void)cust_vehicle_query_dummy;
	struct wo_vehicle v[2];
	char err[256];
	ck_assert_int_eq(wo_find_vehicles(db, vin_tail, v, 2, err, sizeof err), 1);
	struct rec *w = rec_new(wform);
	rec_set(w, "advisor", "小王");
	rec_set(w, "mileage", "1000");
	rec_set(w, "work_type", "保养");
	rec_set(w, "complaint", "保养");
	rec_set(w, "promised_at", "2030-01-01 10:00");
	setenv("DESK4S_NOW", when, 1);
	ck_assert_int_eq(wo_open(db, w, v[0].vehicle_id, "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_complete(db, w->id, "小王", err, sizeof err), ST_OK);
	int64_t id = w->id;
	rec_free(w);
	return id;
}

START_TEST(repair_callback_day3_carried_then_missed)
{
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "", "");
	complete_order(0, "123456", "2026-01-30 16:00");
	ck_assert_str_eq(due("2026-02-01", "2026-02-01", NULL), "");
	ck_assert_str_eq(due("2026-02-02", "2026-02-02", NULL), "维修回访 2026-02-02 张三+0|");
	/* overdue ones stay on the list until closed ... */
	ck_assert_str_eq(due("2026-02-10", "2026-02-10", NULL), "维修回访 2026-02-02 张三+8|");
	ck_assert_str_eq(due("2026-02-17", "2026-02-17", NULL), "维修回访 2026-02-02 张三+15|");
	/* ... or until they expire as missed */
	ck_assert_str_eq(due("2026-02-18", "2026-02-18", NULL), "");
	/* a range shows it once */
	ck_assert_str_eq(due("2026-01-01", "2026-03-31", NULL), "维修回访 2026-02-02 张三+0|");
	/* late as of today when the window holds it (it counted to the window's
	 * first day: the month's list said 0 days on the 10th); a window still
	 * to come, as of its first day */
	setenv("DESK4S_NOW", "2026-02-10 09:00", 1);
	ck_assert_str_eq(due("2026-02-01", "2026-02-28", NULL), "维修回访 2026-02-02 张三+8|");
	ck_assert_str_eq(due("2026-02-12", "2026-02-12", NULL), "维修回访 2026-02-02 张三+10|");
}
END_TEST

START_TEST(reopened_order_takes_its_task_back)
{
	char err[256];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "", "");
	int64_t wo = complete_order(0, "123456", "2026-11-20 16:00");
	ck_assert_str_eq(due("2026-11-23", "2026-11-23", NULL), "维修回访 2026-11-23 张三+0|");
	ck_assert_int_eq(wo_reopen(db, wo, "异响未消除", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(due("2026-11-23", "2026-11-23", NULL), "");
	setenv("DESK4S_NOW", "2026-11-24 11:00", 1);
	ck_assert_int_eq(wo_complete(db, wo, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(due("2026-11-23", "2026-11-30", NULL), "维修回访 2026-11-27 张三+0|");
}
END_TEST

START_TEST(delivery_day7_with_leap_day)
{
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "", "");
	sql("UPDATE vehicles SET delivery_date='2028-02-22', consultant='小李'");
	ck_assert_str_eq(due("2028-02-28", "2028-02-28", NULL), "");
	ck_assert_str_eq(due("2028-02-29", "2028-02-29", NULL), "交车回访 2028-02-29 张三+0|");
	sql("UPDATE vehicles SET delivery_date='2027-02-22'");
	ck_assert_str_eq(due("2027-03-01", "2027-03-01", "交车回访"), "交车回访 2027-03-01 张三+0|");
	/* a returned car (退车) is not called */
	sql("UPDATE vehicles SET returned=1");
	ck_assert_str_eq(due("2027-03-01", "2027-03-01", NULL), "");
}
END_TEST

START_TEST(complaint_day7_across_the_year)
{
	int64_t c = customer("张三", "13800138000", "", "", "");
	char q[512];
	snprintf(q, sizeof q, "INSERT INTO complaints(customer_id, cust_no, received_at, received_by, content,"
	         " handler, handled_at, result) VALUES(%lld, 'C00000001', '2026-12-27 10:00', '前台',"
	         " '等待时间太长', '王经理', '2026-12-28 15:00', '已道歉并赠送保养')", (long long)c);
	sql(q);
	ck_assert_str_eq(due("2027-01-03", "2027-01-03", NULL), "");
	ck_assert_str_eq(due("2027-01-04", "2027-01-04", NULL), "投诉回访 2027-01-04 张三+0|");
	sql("INSERT INTO complaints(customer_id, cust_no, received_at, received_by, content)"
	    " VALUES(1, 'C00000001', '2027-01-02 10:00', '前台', '未处理的投诉')");
	ck_assert_str_eq(due("2027-01-04", "2027-01-31", "投诉回访"), "投诉回访 2027-01-04 张三+0|");
}
END_TEST

START_TEST(insurance_and_inspection_in_the_month)
{
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "", "");
	sql("UPDATE vehicles SET insurance_due='2026-12-15', inspection_due='2027-01-31', consultant='小李'");
	/* the month view lists what expires in December, to be called beforehand */
	ck_assert_str_eq(due("2026-12-01", "2026-12-31", NULL), "保险到期 2026-11-15 张三+16|");
	ck_assert_str_eq(due("2026-11-14", "2026-11-14", NULL), "");
	ck_assert_str_eq(due("2026-11-15", "2026-11-15", NULL), "保险到期 2026-11-15 张三+0|");
	ck_assert_str_eq(due("2026-12-15", "2026-12-15", NULL), "保险到期 2026-11-15 张三+30|");
	ck_assert_str_eq(due("2026-12-16", "2026-12-16", NULL), "");   /* expired: missed */
	ck_assert_str_eq(due("2027-01-01", "2027-01-31", "年审到期"), "年审到期 2027-01-01 张三+0|");
}
END_TEST

START_TEST(birthdays_need_consent_and_wrap_the_year)
{
	customer("张三", "13800138000", "", "1980-12-30", "是");
	customer("李四", "13800138001", "", "1980-12-30", "否");
	customer("王五", "13800138002", "", "1980-12-31", "");
	customer("赵六", "13800138003", "", "1988-02-29", "是");
	ck_assert_str_eq(due("2026-12-30", "2026-12-30", NULL), "生日 2026-12-30 张三+0|");
	/* a week late it is still there (overdue), across the new year */
	ck_assert_str_eq(due("2027-01-03", "2027-01-03", NULL), "生日 2026-12-30 张三+4|");
	ck_assert_str_eq(due("2027-01-07", "2027-01-07", NULL), "");
	/* 29 February in a common year is kept on the 28th */
	ck_assert_str_eq(due("2027-02-28", "2027-02-28", NULL), "生日 2027-02-28 赵六+0|");
	ck_assert_str_eq(due("2028-02-28", "2028-02-28", NULL), "");
	ck_assert_str_eq(due("2028-02-29", "2028-02-29", NULL), "生日 2028-02-29 赵六+0|");
}
END_TEST

START_TEST(acard_plans_carry_forward_until_the_card_closes)
{
	char err[256];
	sql("INSERT INTO acards(card_no, created_date, consultant, name, mobile, level, want_model, next_date)"
	    " VALUES('A20261101-0001', '2026-11-01', '小李', '钱七', '13900009999', 'H', '瑞虎8', '2026-11-20')");
	ck_assert_str_eq(due("2026-11-23", "2026-11-23", NULL), "A卡回访 2026-11-20 钱七+3|");
	ck_assert_str_eq(due("2027-06-23", "2027-06-23", NULL), "A卡回访 2026-11-20 钱七+215|");
	/* closing today's call hides this plan only */
	ck_assert_int_eq(due_close(db, "A卡回访", 1, "2026-11-20", DUE_REACHED, "约了周六试驾", "小李",
	                           err, sizeof err), ST_OK);
	ck_assert_str_eq(due("2026-11-23", "2026-11-23", NULL), "");
	sql("UPDATE acards SET next_date='2026-11-28'");
	ck_assert_str_eq(due("2026-11-23", "2026-11-30", NULL), "A卡回访 2026-11-28 钱七+0|");
	sql("UPDATE acards SET status='战败', lost_reason='买了别的品牌'");
	ck_assert_str_eq(due("2026-11-23", "2026-11-30", NULL), "");
}
END_TEST

START_TEST(close_reschedule_stop)
{
	char err[256];
	int64_t c = customer("张三", "13800138000", "LSVAB2BM1HN123456", "", "");
	int64_t wo = complete_order(0, "123456", "2026-11-20 16:00");
	ck_assert_int_eq(due_close(db, "维修回访", wo, "", DUE_REACHED, "", "小王", err, sizeof err),
	                 ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "回访内容"));
	ck_assert_int_eq(due_close(db, "维修回访", wo, "", DUE_NOT_REACHED, "", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(due("2026-11-23", "2026-11-23", NULL), "");
	ck_assert_int_eq(due_reschedule(db, "维修回访", wo, "", "2026-11-25", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(due("2026-11-24", "2026-11-24", NULL), "");
	ck_assert_str_eq(due("2026-11-25", "2026-11-25", NULL), "维修回访 2026-11-25 张三+0|");
	/* rescheduled beyond the usual window, it is still found */
	ck_assert_int_eq(due_reschedule(db, "维修回访", wo, "", "2027-01-10", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(due("2027-01-10", "2027-01-10", NULL), "维修回访 2027-01-10 张三+0|");
	/* stopping is for the customer and the kind, with a reason */
	ck_assert_int_eq(due_stop(db, c, "维修回访", "", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_int_eq(due_stop(db, c, "维修回访", "客户要求不再回访", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(due("2027-01-10", "2027-01-10", NULL), "");
	ck_assert_int_eq(due_resume(db, c, "维修回访", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(due("2027-01-10", "2027-01-10", NULL), "维修回访 2027-01-10 张三+0|");
	ck_assert_int_eq(due_close(db, "无此类", wo, "", DUE_REACHED, "x", "小王", err, sizeof err), ST_CONSTRAINT);
	/* answered at one terminal: another's close or 改期 of the same task,
	 * from a list read before, does not write over the answer */
	ck_assert_int_eq(due_close(db, "维修回访", wo, "", DUE_REACHED, "车况良好", "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(due_close(db, "维修回访", wo, "", DUE_REFUSED, "不想被打扰", "小李", err, sizeof err), ST_CHANGED);
	ck_assert_msg(strstr(err, "由小王记为“已联系”") && strstr(err, "另一台终端"), "%s", err);
	ck_assert_int_eq(due_reschedule(db, "维修回访", wo, "", "2027-02-01", "小李", err, sizeof err), ST_CHANGED);
	ck_assert_str_eq(tu_sql_text(path, "SELECT status || '/' || result || '/' || closed_by FROM followup_tasks"),
	                 "已联系/车况良好/小王");
}
END_TEST

/* Rescheduled tasks come from their own stream and are merged with the
 * derived ones in date order, wherever the new date falls. */
START_TEST(rescheduled_tasks_merge_in_date_order)
{
	char err[256];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "1980-11-20", "是");
	int64_t wo = complete_order(0, "123456", "2026-11-19 16:00");
	sql("INSERT INTO acards(card_no, created_date, consultant, name, mobile, level, next_date)"
	    " VALUES('A20261101-0001', '2026-11-01', '小李', '钱七', '13900009999', 'H', '2026-11-30')");
	ck_assert_str_eq(due("2026-11-22", "2026-11-22", NULL), "生日 2026-11-20 张三+2|维修回访 2026-11-22 张三+0|");
	/* never into the past (the clock reads the 19th, as the order left it):
	 * that would only be an overdue task with a new date */
	ck_assert_int_eq(due_reschedule(db, "A卡回访", 1, "2026-11-30", "2026-11-18", "小李", err, sizeof err),
	                 ST_CONSTRAINT);
	ck_assert_str_eq(err, "改期日期：2026-11-18 早于今天（2026-11-19），应是今天或以后");
	/* the card's call pulled forward, before the plan's own date */
	ck_assert_int_eq(due_reschedule(db, "A卡回访", 1, "2026-11-30", "2026-11-21", "小李", err, sizeof err), ST_OK);
	/* the repair call moved after the birthday, the birthday past new year */
	ck_assert_int_eq(due_reschedule(db, "维修回访", wo, "", "2026-11-24", "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(due_reschedule(db, "生日", 1, "2026", "2027-01-02", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(due("2026-11-22", "2026-11-24", NULL),
	                 "A卡回访 2026-11-21 钱七+1|维修回访 2026-11-24 张三+0|");
	ck_assert_str_eq(due("2027-01-01", "2027-01-05", "生日"), "生日 2027-01-02 张三+0|");
	/* the card's own plan is not listed twice */
	ck_assert_str_eq(due("2026-11-30", "2026-11-30", "A卡回访"), "A卡回访 2026-11-21 钱七+9|");
}
END_TEST

START_TEST(filters_and_order)
{
	char err[256];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "1980-11-23", "是");
	complete_order(0, "123456", "2026-11-20 16:00");
	sql("INSERT INTO acards(card_no, created_date, consultant, name, mobile, level, next_date)"
	    " VALUES('A20261101-0001', '2026-11-01', '小李', '钱七', '13900009999', 'H', '2026-11-22')");
	ck_assert_str_eq(due("2026-11-23", "2026-11-23", NULL),
	                 "A卡回访 2026-11-22 钱七+1|维修回访 2026-11-23 张三+0|生日 2026-11-23 张三+0|");
	listing[0] = 0;
	struct due_filter f = { .from = "2026-11-23", .to = "2026-11-23", .staff = "小王" };
	ck_assert_int_eq(due_list(db, &f, collect, NULL, err, sizeof err), 1);
	ck_assert_str_eq(listing, "维修回访 2026-11-23 张三+0|");
	/* a role that sees its own cards only: its prospects' calls, and
	 * every other kind of task */
	sql("INSERT INTO acards(card_no, created_date, consultant, name, mobile, level, next_date)"
	    " VALUES('A20261101-0002', '2026-11-01', '小赵', '孙八', '13900008888', 'H', '2026-11-22')");
	listing[0] = 0;
	struct due_filter mine = { .from = "2026-11-23", .to = "2026-11-23", .acards_of = "小赵" };
	ck_assert_int_eq(due_list(db, &mine, collect, NULL, err, sizeof err), 3);
	ck_assert_str_eq(listing, "A卡回访 2026-11-22 孙八+1|维修回访 2026-11-23 张三+0|生日 2026-11-23 张三+0|");
	struct due_filter bad = { .from = "2026-11-24", .to = "2026-11-23" };
	ck_assert_int_eq(due_list(db, &bad, collect, NULL, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "晚于"));
}
END_TEST

/* The 负责人 filter compares names as ownership is compared elsewhere
 * (full- or half-width, spaces around): a name typed "Ｌｉｌｙ" or
 * imported as "小王　" is the same person's.  A consultant's own view
 * also takes the tasks nobody is named for, which are anyone's to work. */
START_TEST(the_staff_filter_folds_and_takes_the_unassigned)
{
	char err[256];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "1980-11-23", "是");
	complete_order(0, "123456", "2026-11-20 16:00");
	sql("INSERT INTO acards(card_no, created_date, consultant, name, mobile, level, next_date) VALUES"
	    " ('A20261101-0001', '2026-11-01', '小李', '钱七', '13900009999', 'H', '2026-11-22'),"
	    " ('A20261101-0002', '2026-11-01', '小王　', '孙八', '13900008888', 'H', '2026-11-22'),"
	    " ('A20261101-0003', '2026-11-01', 'Ｌｉｌｙ', '周九', '13900007777', 'H', '2026-11-22')");
	/* the birthday has no 负责人; the order is 小王's */
	listing[0] = 0;
	struct due_filter f = { .from = "2026-11-23", .to = "2026-11-23", .staff = " 小王" };
	ck_assert_int_eq(due_list(db, &f, collect, NULL, err, sizeof err), 2);
	ck_assert_str_eq(listing, "A卡回访 2026-11-22 孙八+1|维修回访 2026-11-23 张三+0|");
	listing[0] = 0;
	f.with_unassigned = 1;
	ck_assert_int_eq(due_list(db, &f, collect, NULL, err, sizeof err), 3);
	ck_assert_str_eq(listing, "A卡回访 2026-11-22 孙八+1|维修回访 2026-11-23 张三+0|生日 2026-11-23 张三+0|");
	listing[0] = 0;
	struct due_filter lily = { .from = "2026-11-23", .to = "2026-11-23", .staff = "Lily" };
	ck_assert_int_eq(due_list(db, &lily, collect, NULL, err, sizeof err), 1);
	ck_assert_str_eq(listing, "A卡回访 2026-11-22 周九+1|");
	/* with_unassigned without a person filters nothing */
	struct due_filter all = { .from = "2026-11-23", .to = "2026-11-23", .with_unassigned = 1 };
	ck_assert_int_eq(due_list(db, &all, collect, NULL, err, sizeof err), 5);
	/* whose own cards: compared the same way */
	listing[0] = 0;
	struct due_filter mine = { .from = "2026-11-23", .to = "2026-11-23", .acards_of = "小王" };
	ck_assert_int_eq(due_list(db, &mine, collect, NULL, err, sizeof err), 3);
	ck_assert_str_eq(listing, "A卡回访 2026-11-22 孙八+1|维修回访 2026-11-23 张三+0|生日 2026-11-23 张三+0|");
}
END_TEST

/* The list reads due_feed, kept by triggers: every change to what a task
 * shows or whether it exists must reach it, however the change is made. */
static int collect_who(const struct due_task *t, void *ctx)
{
	(void)ctx;
	char line[512];
	snprintf(line, sizeof line, "%s %s %s %s %s|", t->kind, t->due_date, t->name, t->mobile, t->staff);
	strcat(listing, line);
	return 0;
}
static const char *who(const char *from, const char *to)
{
	listing[0] = 0;
	struct due_filter f = { 0 };
	snprintf(f.from, sizeof f.from, "%s", from);
	snprintf(f.to, sizeof f.to, "%s", to);
	char err[256];
	ck_assert_msg(due_list(db, &f, collect_who, NULL, err, sizeof err) >= 0, "%s", err);
	return listing;
}

START_TEST(feed_follows_every_change)
{
	char err[256];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "", "");
	int64_t wo = complete_order(0, "123456", "2026-11-20 16:00");
	sql("UPDATE vehicles SET insurance_due='2026-12-20', consultant='小李'");
	ck_assert_str_eq(who("2026-11-23", "2026-11-23"),
	                 "保险到期 2026-11-20 张三 13800138000 小王|维修回访 2026-11-23 张三 13800138000 小王|");
	/* the customer's name and mobile are copied into the tasks */
	sql("UPDATE customers SET name='张三丰', mobile='13900139000'");
	ck_assert_str_eq(who("2026-11-23", "2026-11-23"),
	                 "保险到期 2026-11-20 张三丰 13900139000 小王|维修回访 2026-11-23 张三丰 13900139000 小王|");
	/* a newer order on the car names its advisor on the insurance call */
	sql("INSERT INTO workorders(wo_no, customer_id, vehicle_id, opened_at, advisor, vin, mileage, work_type, complaint)"
	    " VALUES('WO20261122-0001', 1, 1, '2026-11-22 09:00', '小赵', 'LSVAB2BM1HN123456', 9000, '保养', '保养')");
	ck_assert_str_eq(who("2026-11-23", "2026-11-23"),
	                 "保险到期 2026-11-20 张三丰 13900139000 小赵|维修回访 2026-11-23 张三丰 13900139000 小王|");
	/* the same list from a feed filled afresh */
	char before[8192];
	snprintf(before, sizeof before, "%s", listing);
	ck_assert_int_eq(due_feed_rebuild(db, "2026-11-23", err, sizeof err), ST_OK);
	ck_assert_str_eq(who("2026-11-23", "2026-11-23"), before);
	/* forgetting that a task was acted on puts it back */
	ck_assert_int_eq(due_close(db, "维修回访", wo, "", DUE_REACHED, "满意", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(who("2026-11-23", "2026-11-23"), "保险到期 2026-11-20 张三丰 13900139000 小赵|");
	sql("DELETE FROM followup_tasks");
	ck_assert_str_eq(who("2026-11-23", "2026-11-23"), before);
	/* a returned car has no calls; an anonymised customer none at all */
	sql("UPDATE vehicles SET returned=1");
	ck_assert_str_eq(who("2026-11-23", "2026-11-23"), "维修回访 2026-11-23 张三丰 13900139000 小王|");
	sql("UPDATE vehicles SET returned=0");
	ck_assert_str_eq(who("2026-11-23", "2026-11-23"), before);
	sql("UPDATE customers SET anonymized_at='2026-11-23 10:00'");
	ck_assert_str_eq(who("2026-11-23", "2026-11-23"), "");
}
END_TEST

/* A task that expired over 400 days ago is not listed, and pruning drops
 * its row; the list is the same before and after the prune. */
START_TEST(feed_prune_keeps_the_last_year)
{
	char err[256];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "", "");
	complete_order(0, "123456", "2025-01-02 16:00");
	complete_order(0, "123456", "2025-10-01 16:00");
	complete_order(0, "123456", "2026-11-20 16:00");
	const char *count = "SELECT count(*) FROM due_feed WHERE kind = '维修回访'";
	ck_assert_int_eq(tu_sql_int(path, count), 3);
	/* listed while it was recent ... */
	setenv("DESK4S_NOW", "2025-01-05 09:00", 1);
	ck_assert_str_eq(due("2025-01-05", "2025-01-05", "维修回访"), "维修回访 2025-01-05 张三+0|");
	/* ... not 400 days after it expired (2025-01-20), pruned or not; the
	 * task due 2025-10-04 expired 2025-10-19, 400 days before 2026-11-23 */
	setenv("DESK4S_NOW", "2026-11-23 09:00", 1);
	ck_assert_str_eq(due("2025-01-05", "2025-01-05", "维修回访"), "");
	ck_assert_str_eq(due("2025-10-04", "2025-10-04", "维修回访"), "维修回访 2025-10-04 张三+0|");
	ck_assert_int_eq(due_feed_prune(db, "2026-11-23", err, sizeof err), ST_OK);
	ck_assert_int_eq(tu_sql_int(path, count), 2);
	ck_assert_str_eq(due("2025-01-05", "2025-01-05", "维修回访"), "");
	ck_assert_str_eq(due("2025-10-04", "2025-10-04", "维修回访"), "维修回访 2025-10-04 张三+0|");
	ck_assert_str_eq(due("2026-11-23", "2026-11-23", "维修回访"), "维修回访 2026-11-23 张三+0|");
	/* a day later the second one goes too */
	ck_assert_int_eq(due_feed_prune(db, "2026-11-24", err, sizeof err), ST_OK);
	ck_assert_int_eq(tu_sql_int(path, count), 1);
}
END_TEST

/* 档案上传: min(交车日期 + 3 days, the month's last day) — DCS refuses it after. */
START_TEST(archive_deadline_is_three_days_within_the_month)
{
	static const char *const cases[][2] = {
		{ "2026-03-10", "2026-03-13" }, /* mid-month: 3 days on */
		{ "2026-03-28", "2026-03-31" },
		{ "2026-03-29", "2026-03-31" }, /* the month's last 3 days: by its end */
		{ "2026-03-30", "2026-03-31" },
		{ "2026-03-31", "2026-03-31" },
		{ "2026-04-29", "2026-04-30" },
		{ "2026-02-25", "2026-02-28" },
		{ "2026-02-26", "2026-02-28" }, /* February: the 28th, or the 29th in a leap year */
		{ "2028-02-26", "2028-02-29" },
		{ "2028-02-27", "2028-02-29" },
		{ "2026-12-30", "2026-12-31" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[11];
		ck_assert_int_eq(due_archive_deadline(cases[i][0], out), 0);
		ck_assert_msg(strcmp(out, cases[i][1]) == 0, "%s: %s, not %s", cases[i][0], out, cases[i][1]);
	}
	char out[11];
	ck_assert_int_eq(due_archive_deadline("2026-3-1", out), -1);
}
END_TEST

/* A new-car sale archive delivered on `delivered` (NULL: not yet), for a
 * new customer; the car's id. */
static int64_t archive_car(const char *name, const char *mobile, const char *delivered)
{
	int64_t c = customer(name, mobile, "", "", "");
	char q[300];
	snprintf(q, sizeof q, "INSERT INTO vehicles(customer_id, is_sale, delivery_date) VALUES(%lld, '是', %s%s%s)",
	         (long long)c, delivered ? "'" : "", delivered ? delivered : "NULL", delivered ? "'" : "");
	sql(q);
	return tu_sql_int(path, "SELECT max(id) FROM vehicles");
}

START_TEST(archive_listed_from_delivery_overdue_then_missed)
{
	int64_t v = archive_car("张三", "13800138000", "2026-03-10");
	/* no 交车日期, or not a new-car sale archive, or returned: no upload */
	archive_car("李四", "13800138001", NULL);
	int64_t other = archive_car("王五", "13800138002", "2026-03-10");
	char q[200];
	snprintf(q, sizeof q, "UPDATE vehicles SET is_sale = '否' WHERE id = %lld", (long long)other);
	sql(q);
	other = archive_car("赵六", "13800138003", "2026-03-10");
	snprintf(q, sizeof q, "UPDATE vehicles SET returned = 1 WHERE id = %lld", (long long)other);
	sql(q);
	ck_assert_str_eq(due("2026-03-09", "2026-03-09", "档案上传"), "");
	/* on the list from the delivery day, due by the deadline */
	ck_assert_str_eq(due("2026-03-10", "2026-03-10", "档案上传"), "档案上传 2026-03-13 张三+0|");
	ck_assert_str_eq(due("2026-03-13", "2026-03-13", "档案上传"), "档案上传 2026-03-13 张三+0|");
	/* past it: overdue, so the desk knows it was missed */
	ck_assert_str_eq(due("2026-03-14", "2026-03-14", "档案上传"), "档案上传 2026-03-13 张三+1|");
	ck_assert_str_eq(due("2026-04-12", "2026-04-12", "档案上传"), "档案上传 2026-03-13 张三+30|");
	ck_assert_str_eq(due("2026-04-13", "2026-04-13", "档案上传"), "");
	/* among the other kinds by its due date: the delivery callbacks are
	 * later (王五's car, not an archive, has one too); a window gone by is
	 * late as of its last day */
	ck_assert_str_eq(due("2026-03-10", "2026-03-31", NULL),
	                 "档案上传 2026-03-13 张三+18|交车回访 2026-03-17 张三+14|交车回访 2026-03-17 王五+14|");
	/* the month's last days: by its end */
	snprintf(q, sizeof q, "UPDATE vehicles SET delivery_date = '2026-02-27' WHERE id = %lld", (long long)v);
	sql(q);
	ck_assert_str_eq(due("2026-02-27", "2026-02-27", "档案上传"), "档案上传 2026-02-28 张三+0|");
	ck_assert_str_eq(due("2026-03-02", "2026-03-02", "档案上传"), "档案上传 2026-02-28 张三+2|");
}
END_TEST

/* An upload recorded at one terminal, then at another from a list read
 * before: the refusal says it was recorded as 已上传, as the desk records
 * it, not as a call's 已联系. */
START_TEST(an_upload_recorded_elsewhere_is_said_as_uploaded)
{
	char err[256];
	int64_t v = archive_car("张三", "13800138000", "2026-03-10");
	ck_assert_int_eq(due_close(db, "档案上传", v, "", DUE_REACHED, "已上传", "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(due_close(db, "档案上传", v, "", DUE_REACHED, "DCS 已录入", "小李", err, sizeof err), ST_CHANGED);
	ck_assert_msg(strstr(err, "这条档案上传已在") && strstr(err, "由小王记为“已上传”（另一台终端）"), "%s", err);
}
END_TEST

static char reasons[4096];
static int collect_reason(const struct due_task *t, void *ctx)
{
	(void)ctx;
	char line[512];
	snprintf(line, sizeof line, "%s %s %s|", t->kind, t->staff, t->reason);
	strcat(reasons, line);
	return 0;
}
static const char *archive_reasons_of(const char *day, const char *kind, const struct fdef_form *form,
                                      int no_archives, int unread)
{
	reasons[0] = 0;
	struct due_filter f = { .kind = kind, .archive = form, .no_archives = no_archives, .archive_unread = unread };
	snprintf(f.from, sizeof f.from, "%s", day);
	snprintf(f.to, sizeof f.to, "%s", day);
	char err[256];
	ck_assert_msg(due_list(db, &f, collect_reason, NULL, err, sizeof err) >= 0, "%s", err);
	return reasons;
}
static const char *archive_reasons(const char *day, const struct fdef_form *form, int no_archives)
{
	return archive_reasons_of(day, "档案上传", form, no_archives, 0);
}

/* The reason says the deadline and what the archive form's rules find
 * missing or wrong, as `export archive` words it; the desk's task. */
START_TEST(archive_reason_names_what_is_missing)
{
	char err[256];
	struct fdef_form *af = fdef_load("archive", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(af);
	archive_car("张三", "13800138000", "2026-03-10");
	ck_assert_str_eq(archive_reasons("2026-03-10", NULL, 0), "档案上传 前台 上传期限 2026-03-13|");
	const char *r = archive_reasons("2026-03-10", af, 0);
	ck_assert_msg(strncmp(r, "档案上传 前台 上传期限 2026-03-13；缺：身份证号码、发动机号", 66) == 0, "%s", r);
	/* everything but the engine number filled in */
	sql("UPDATE customers SET sex = '女', id_no = '11010519491231002X', purpose = '家用', industry = 'IT',"
	    " position = '职员', family_income = '10-20万', age_band = '26-35岁', family_members = 3,"
	    " driving_years = 5, buy_history = '第一次购车'");
	sql("UPDATE vehicles SET vin = 'LSVAB2BM1HN123456', cert_no = 'HG123456', model = 'SQR7150', color = '白', config = '豪华',"
	    " prod_date = '2026-01-05', out_date = '2026-03-01', price = 89900, pay_method = '一次付清',"
	    " consultant = '小李', invoice_date = '2026-03-10', invoice_no = 'FP0001'");
	ck_assert_str_eq(archive_reasons("2026-03-10", af, 0), "档案上传 前台 上传期限 2026-03-13；缺：发动机号|");
	sql("UPDATE vehicles SET engine_no = 'E4T15B123456'");
	ck_assert_str_eq(archive_reasons("2026-03-10", af, 0), "档案上传 前台 上传期限 2026-03-13|");
	/* a value the rules refuse */
	sql("UPDATE customers SET id_no = '110105194912310021'");
	ck_assert_str_eq(archive_reasons("2026-03-10", af, 0), "档案上传 前台 上传期限 2026-03-13；有误：身份证号码|");
	/* missed */
	ck_assert_str_eq(archive_reasons("2026-03-15", NULL, 0), "档案上传 前台 上传期限 2026-03-13（已错过）|");
	/* not a consultant's or an advisor's work: their lists leave it out */
	ck_assert_str_eq(archive_reasons("2026-03-10", af, 1), "");
	fdef_free(af);
}
END_TEST

/* A shop's archive form that cannot be read, or names a column the
 * tables lack, does not take the whole list down: the archives are listed
 * unchecked and say so, the other kinds as ever. */
START_TEST(an_unusable_archive_form_leaves_the_list_whole)
{
	char err[256];
	archive_car("张三", "13800138000", "2026-03-10");
	ck_assert_str_eq(archive_reasons_of("2026-03-10", "档案上传", NULL, 0, 1),
	                 "档案上传 前台 上传期限 2026-03-13；档案表单有误，未检查缺项|");
	char forms[600], file[700];
	snprintf(forms, sizeof forms, "%s/forms", dir);
	ck_assert_int_eq(mkdir(forms, 0755), 0);
	snprintf(file, sizeof file, "%s/archive.csv", forms);
	tu_write(file, "#title,奇瑞汽车客户档案登记表\n"
	               "key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
	               "name,客户姓名,客户,customers.name,text,16,required,,,,,\n"
	               "plate,车牌号,车辆,vehicles.plate_no,text,10,required,,,,,\n");
	struct fdef_form *bad = fdef_load("archive", forms, err, sizeof err);
	ck_assert_msg(bad != NULL, "%s", err);
	const char *r = archive_reasons_of("2026-03-17", NULL, bad, 0, 0);
	ck_assert_msg(strstr(r, "档案上传 前台 上传期限 2026-03-13（已错过）；档案表单有误，未检查缺项|") != NULL, "%s", r);
	ck_assert_msg(strstr(r, "交车回访 ") != NULL, "%s", r);
	fdef_free(bad);
}
END_TEST

/* Recorded as done (uploaded, or missed for good), it leaves the list. */
START_TEST(archive_closed_leaves_the_list)
{
	char err[256];
	int64_t v = archive_car("张三", "13800138000", "2026-03-10");
	ck_assert_str_eq(due("2026-03-14", "2026-03-14", "档案上传"), "档案上传 2026-03-13 张三+1|");
	ck_assert_int_eq(due_close(db, "档案上传", v, "", DUE_REACHED, "已上传", "前台", err, sizeof err), ST_OK);
	/* the log says what was done: not a call's 已联系 */
	char want[64];
	snprintf(want, sizeof want, "档案上传 #%lld：已上传", (long long)v);
	ck_assert_str_eq(tu_sql_text(path, "SELECT detail FROM audit_log WHERE action = '回访'"), want);
	ck_assert_str_eq(due("2026-03-10", "2026-03-31", "档案上传"), "");
	ck_assert_str_eq(due("2026-03-17", "2026-03-17", NULL), "交车回访 2026-03-17 张三+0|");
}
END_TEST

Suite *due_suite(void)
{
	Suite *s = suite_create("due");
	TCase *t = tcase_create("due");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, repair_callback_day3_carried_then_missed);
	tcase_add_test(t, reopened_order_takes_its_task_back);
	tcase_add_test(t, delivery_day7_with_leap_day);
	tcase_add_test(t, complaint_day7_across_the_year);
	tcase_add_test(t, insurance_and_inspection_in_the_month);
	tcase_add_test(t, birthdays_need_consent_and_wrap_the_year);
	tcase_add_test(t, acard_plans_carry_forward_until_the_card_closes);
	tcase_add_test(t, close_reschedule_stop);
	tcase_add_test(t, rescheduled_tasks_merge_in_date_order);
	tcase_add_test(t, filters_and_order);
	tcase_add_test(t, the_staff_filter_folds_and_takes_the_unassigned);
	tcase_add_test(t, feed_follows_every_change);
	tcase_add_test(t, feed_prune_keeps_the_last_year);
	tcase_add_test(t, archive_deadline_is_three_days_within_the_month);
	tcase_add_test(t, an_upload_recorded_elsewhere_is_said_as_uploaded);
	tcase_add_test(t, archive_listed_from_delivery_overdue_then_missed);
	tcase_add_test(t, archive_reason_names_what_is_missing);
	tcase_add_test(t, an_unusable_archive_form_leaves_the_list_whole);
	tcase_add_test(t, archive_closed_leaves_the_list);
	suite_add_tcase(s, t);
	return s;
}
