/* Repair orders: numbering, mileage, completion (stamp, 最近交易日期, the
 * 3-day callback task across month ends and leap days), read-only after
 * completion, cancelling, lists, finding the car, the customer checks at
 * the two save points, and the order's plate against its car's (refused
 * until the car is re-registered or the order corrected; an import keeps
 * the file's plate and says so). */
#include <sqlite3.h>
#include "testutil.h"
#include "desk4s/customer.h"
#include "desk4s/clock.h"
#include "desk4s/due.h"
#include "desk4s/import.h"
#include "desk4s/rules.h"
#include "desk4s/vehicle.h"
#include "desk4s/workorder.h"

static char *dir;
static char path[512];
static struct st_db *db;
static struct fdef_form *cform, *wform;

static void setup(void)
{
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	setenv("DESK4S_NOW", "2026-11-23 09:30:00", 1);
	dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/t.db", dir);
	char err[512];
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	cform = fdef_load("customer", NULL, err, sizeof err);
	wform = fdef_load("workorder", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(cform);
	ck_assert_ptr_nonnull(wform);
}
static void teardown(void)
{
	fdef_free(cform);
	fdef_free(wform);
	st_close(db);
	tu_rmtree(dir);
}

/* The repair callbacks the due list shows for one day. */
static int collect(const struct due_task *t, void *ctx)
{
	char *out = ctx;
	char line[256];
	snprintf(line, sizeof line, "%s %s %s %s|", t->kind, t->due_date, t->staff, t->name);
	strcat(out, line);
	return 0;
}
static const char *callbacks_on(const char *day)
{
	static char out[2048];
	out[0] = 0;
	struct due_filter f = { .kind = "维修回访" };
	snprintf(f.from, sizeof f.from, "%s", day);
	snprintf(f.to, sizeof f.to, "%s", day);
	char err[256];
	ck_assert_int_ge(due_list(db, &f, collect, out, err, sizeof err), 0);
	return out;
}

static int64_t customer(const char *name, const char *mobile, const char *vin, const char *plate,
                        int complete)
{
	struct rec *r = rec_new(cform);
	rec_set(r, "nature", "个人");
	rec_set(r, "category", "个人");
	rec_set(r, "source", "自来");
	rec_set(r, "name", name);
	rec_set(r, "mobile", mobile);
	rec_set(r, "vin", vin);
	rec_set(r, "plate", plate);
	if (complete) {
		rec_set(r, "sex", "男");
		rec_set(r, "province", "330000");
		rec_set(r, "city", "330100");
		rec_set(r, "district", "330106");
		rec_set(r, "address", "文三路1号");
	}
	struct rule_list l = { 0 };
	rules_check(r, RP_SAVE, &l);
	ck_assert_int_eq(rules_count(&l, RK_INVALID), 0);
	int incomplete = rules_count(&l, RK_REQUIRED) > 0;
	rules_list_free(&l);
	char err[512];
	ck_assert_int_eq(cust_insert(db, r, incomplete, "t", err, sizeof err), ST_OK);
	int64_t id = r->id;
	rec_free(r);
	return id;
}

static int64_t vehicle_of(const char *q)
{
	struct wo_vehicle v[4];
	char err[256];
	ck_assert_int_eq(wo_find_vehicles(db, q, v, 4, err, sizeof err), 1);
	return v[0].vehicle_id;
}

static struct rec *order(const char *mileage, const char *promised)
{
	struct rec *w = rec_new(wform);
	rec_set(w, "advisor", "小王");
	rec_set(w, "mileage", mileage);
	rec_set(w, "work_type", "保养");
	rec_set(w, "complaint", "做常规保养");
	rec_set(w, "promised_at", promised);
	rec_set(w, "vin", "x"); /* replaced by the car's own */
	return w;
}

static int raw_int(const char *q) { return (int)tu_sql_int(path, q); }
static const char *raw_text(const char *q) { return tu_sql_text(path, q); }
/* q's result code through a connection of its own (as another program) */
static int raw_try(const char *q)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	int rc = sqlite3_exec(h, q, NULL, NULL, NULL);
	sqlite3_close(h);
	return rc;
}

START_TEST(open_numbers_orders_by_day)
{
	char err[512];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	int64_t v = vehicle_of("浙A1");
	struct rec *a = order("12000", "2026-11-23 17:00");
	ck_assert_int_eq(wo_open(db, a, v, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(a, "wo_no"), "WO20261123-0001");
	ck_assert_str_eq(rec_get(a, "opened_at"), "2026-11-23 09:30");
	ck_assert_str_eq(rec_get(a, "vin"), "LSVAB2BM1HN123456");
	ck_assert_str_eq(rec_get(a, "plate"), "浙A12345");
	struct rec *b = order("12100", "2026-11-24 12:00");
	ck_assert_int_eq(wo_open(db, b, v, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(b, "wo_no"), "WO20261123-0002");
	setenv("DESK4S_NOW", "2026-11-24 08:00", 1);
	struct rec *c = order("12200", "2026-11-24 12:00");
	ck_assert_int_eq(wo_open(db, c, v, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(c, "wo_no"), "WO20261124-0001");
	ck_assert_int_eq(wo_last_mileage(db, v), 12200);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE action='开工单'"), 3);
	rec_free(a); rec_free(b); rec_free(c);
}
END_TEST

/* Two advisors on one open order: the save made last keeps the other's
 * change to another field, and a field both changed is refused naming it,
 * rather than written over without a word. */
START_TEST(a_late_save_keeps_the_other_advisor_s_change)
{
	char err[512];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	struct rec *a = order("12000", "2026-11-23 17:00");
	ck_assert_int_eq(wo_open(db, a, vehicle_of("123456"), "小王", err, sizeof err), ST_OK);
	struct rec *base = rec_new(wform), *mine = rec_new(wform), *theirs = rec_new(wform);
	ck_assert_int_eq(wo_load(db, a->id, base, NULL, NULL, err, sizeof err), ST_OK);
	rec_copy(mine, base);
	rec_copy(theirs, base);
	rec_set(theirs, "items", "更换机油");
	ck_assert_int_eq(wo_update(db, theirs, base, "小李", err, sizeof err), ST_OK);
	rec_set(mine, "mileage", "12500");
	ck_assert_int_eq(wo_update(db, mine, base, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT items || ' ' || mileage FROM workorders"), "更换机油 12500");
	/* both on 维修项目: refused, naming it and what the other wrote */
	ck_assert_int_eq(wo_load(db, a->id, base, NULL, NULL, err, sizeof err), ST_OK);
	rec_copy(mine, base);
	rec_copy(theirs, base);
	rec_set(theirs, "items", "更换机油；四轮定位");
	ck_assert_int_eq(wo_update(db, theirs, base, "小李", err, sizeof err), ST_OK);
	rec_set(mine, "items", "更换机油；检查刹车片");
	ck_assert_int_eq(wo_update(db, mine, base, "小王", err, sizeof err), ST_CHANGED);
	ck_assert_msg(strstr(err, "维修项目") && strstr(err, "四轮定位") && strstr(err, "其他终端"), "%s", err);
	ck_assert_str_eq(raw_text("SELECT items FROM workorders"), "更换机油；四轮定位");
	/* told, a second save is the advisor's decision */
	ck_assert_int_eq(wo_update(db, mine, base, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT items FROM workorders"), "更换机油；检查刹车片");
	rec_free(a); rec_free(base); rec_free(mine); rec_free(theirs);
}
END_TEST

/* An order completed (or cancelled) at another terminal while this one
 * had it open and typed on it: the save says so, naming what could not be
 * saved, and moves the sheet on to the order as stored but for the note
 * typed here, which a second save then writes — without undoing a note
 * the other terminal wrote meanwhile.  Every save used to be refused
 * alike, the note's too, the sheet left showing 在修. */
START_TEST(an_order_closed_meanwhile_still_takes_the_note)
{
	char err[512];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	struct rec *a = order("12000", "2026-11-23 17:00");
	ck_assert_int_eq(wo_open(db, a, vehicle_of("123456"), "小王", err, sizeof err), ST_OK);
	struct rec *base = rec_new(wform), *mine = rec_new(wform);
	ck_assert_int_eq(wo_load(db, a->id, base, NULL, NULL, err, sizeof err), ST_OK);
	rec_copy(mine, base);
	setenv("DESK4S_NOW", "2026-11-23 16:45:10", 1);
	ck_assert_int_eq(wo_complete(db, a->id, "小李", err, sizeof err), ST_OK);
	rec_set(mine, "items", "更换机油");
	rec_set(mine, "note", "客户自带机油");
	ck_assert_int_eq(wo_update(db, mine, base, "小王", err, sizeof err), ST_CHANGED);
	ck_assert_msg(strstr(err, "已完工") && strstr(err, "其他终端") && strstr(err, "维修项目") &&
	              strstr(err, "备注"), "%s", err);
	ck_assert_str_eq(rec_get(mine, "status"), "已完工");
	ck_assert_str_eq(rec_get(base, "status"), "已完工");
	ck_assert_str_eq(rec_get(mine, "items"), "");
	ck_assert_str_eq(rec_get(mine, "note"), "客户自带机油");
	ck_assert_int_eq(wo_set_note(db, a->id, rec_get(mine, "note"), base, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT note || ' ' || status FROM workorders"), "客户自带机油 已完工");
	/* cancelled meanwhile, and the other terminal wrote a note too: the
	 * note still is not written over unsaid */
	struct rec *b = order("12100", "2026-11-24 17:00");
	ck_assert_int_eq(wo_open(db, b, vehicle_of("123456"), "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_load(db, b->id, base, NULL, NULL, err, sizeof err), ST_OK);
	rec_copy(mine, base);
	ck_assert_int_eq(wo_cancel(db, b->id, "客户改天再来", "小李", err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_set_note(db, b->id, "已电话通知", NULL, "小李", err, sizeof err), ST_OK);
	rec_set(mine, "note", "等配件");
	ck_assert_int_eq(wo_update(db, mine, base, "小王", err, sizeof err), ST_CHANGED);
	ck_assert_msg(strstr(err, "已取消"), "%s", err);
	ck_assert_str_eq(rec_get(mine, "note"), "等配件");
	ck_assert_int_eq(wo_set_note(db, b->id, "等配件", base, "小王", err, sizeof err), ST_CHANGED);
	ck_assert_msg(strstr(err, "已电话通知"), "%s", err);
	ck_assert_str_eq(raw_text("SELECT note FROM workorders WHERE id = 2"), "已电话通知");
	rec_free(a); rec_free(b); rec_free(base); rec_free(mine);
}
END_TEST

/* A completed order's note, the one thing still written on it: a note
 * another terminal saved since the sheet was loaded is not written over
 * without a word (it was, last writer winning); told, a second save means
 * it, and writing what the other wrote is no conflict. */
START_TEST(a_closed_order_s_note_keeps_the_other_terminal_s)
{
	char err[512];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	struct rec *a = order("12000", "2026-11-23 17:00");
	ck_assert_int_eq(wo_open(db, a, vehicle_of("123456"), "小王", err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2026-11-23 16:45:10", 1);
	ck_assert_int_eq(wo_complete(db, a->id, "小王", err, sizeof err), ST_OK);
	struct rec *base = rec_new(wform), *theirs = rec_new(wform);
	ck_assert_int_eq(wo_load(db, a->id, base, NULL, NULL, err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_load(db, a->id, theirs, NULL, NULL, err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_set_note(db, a->id, "已电话通知取车", theirs, "小李", err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_set_note(db, a->id, "客户满意", base, "小王", err, sizeof err), ST_CHANGED);
	ck_assert_msg(strstr(err, "备注") && strstr(err, "已电话通知取车") && strstr(err, "其他终端"), "%s", err);
	ck_assert_str_eq(raw_text("SELECT note FROM workorders"), "已电话通知取车");
	ck_assert_str_eq(rec_get(base, "note"), "已电话通知取车");
	ck_assert_int_eq(wo_set_note(db, a->id, "客户满意", base, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT note FROM workorders"), "客户满意");
	/* the same words as the other terminal's: nothing to refuse */
	ck_assert_int_eq(wo_load(db, a->id, base, NULL, NULL, err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_set_note(db, a->id, "客户很满意", theirs, "小李", err, sizeof err), ST_CHANGED);
	ck_assert_int_eq(wo_set_note(db, a->id, "客户很满意", theirs, "小李", err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_set_note(db, a->id, "客户很满意", base, "小王", err, sizeof err), ST_OK);
	rec_free(a); rec_free(base); rec_free(theirs);
}
END_TEST

START_TEST(complete_stamps_and_creates_the_callback)
{
	char err[512];
	int64_t cid = customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	int64_t v = vehicle_of("123456");
	struct rec *a = order("12000", "2026-11-23 17:00");
	ck_assert_int_eq(wo_open(db, a, v, "小王", err, sizeof err), ST_OK);
	/* a change while the car is in is logged by its fields' names */
	struct rec *open = rec_new(wform);
	ck_assert_int_eq(wo_load(db, a->id, open, NULL, NULL, err, sizeof err), ST_OK);
	rec_set(open, "items", "更换机油；检查刹车片");
	rec_set(open, "mileage", "1200");
	ck_assert_int_eq(wo_update(db, open, NULL, "小李", err, sizeof err), ST_OK);
	rec_free(open);
	const char *logged = raw_text("SELECT staff || ' ' || detail FROM audit_log WHERE action = '修改工单'");
	ck_assert_msg(strstr(logged, "小李 工单 WO") && strstr(logged, "：修改 行驶里程(km) 12000 → 1200、维修项目"), "%s",
	              logged);
	ck_assert_ptr_null(strstr(logged, "刹车片")); /* free text by name only, not what was written */
	setenv("DESK4S_NOW", "2026-11-23 16:45:10", 1);
	ck_assert_int_eq(wo_complete(db, a->id, "小王", err, sizeof err), ST_OK);
	struct rec *back = rec_new(wform);
	ck_assert_int_eq(wo_load(db, a->id, back, NULL, NULL, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(back, "status"), "已完工");
	ck_assert_str_eq(rec_get(back, "completed_at"), "2026-11-23 16:45");
	struct rec *cu = rec_new(cform);
	cust_load(db, cid, cu, err, sizeof err);
	ck_assert_str_eq(rec_get(cu, "last_deal_date"), "2026-11-23");
	ck_assert_str_eq(callbacks_on("2026-11-25"), "");
	ck_assert_str_eq(callbacks_on("2026-11-26"), "维修回访 2026-11-26 小王 张三|");
	/* completed means read-only but for the note */
	ck_assert_int_eq(wo_complete(db, a->id, "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "已完工"));
	rec_set(back, "items", "加做四轮定位");
	ck_assert_int_eq(wo_update(db, back, NULL, "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_int_eq(wo_set_note(db, a->id, "客户满意", NULL, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT note FROM workorders"), "客户满意");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE action = '修改工单' AND detail LIKE '%修改 备注'"), 1);
	ck_assert_int_eq(wo_set_note(db, 999, "x", NULL, "小王", err, sizeof err), ST_NOTFOUND);
	ck_assert_int_eq(wo_cancel(db, a->id, "客户改期", "小王", err, sizeof err), ST_CONSTRAINT);
	rec_free(a); rec_free(back); rec_free(cu);
}
END_TEST

/* A car finished at 18:30 whose order is completed at 08:10 the next
 * morning keeps 18:30: the record, 最近交易日期, the callback 3 days after
 * it and the log's （补记）.  A time before the order was opened or still to
 * come is refused naming 完工时间, the order left 在修. */
START_TEST(complete_at_the_time_the_car_was_finished)
{
	char err[512];
	int64_t cid = customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	int64_t v = vehicle_of("浙A");
	setenv("DESK4S_NOW", "2026-11-22 08:00:00", 1);
	struct rec *a = order("12000", "2026-11-22 17:00");
	ck_assert_int_eq(wo_open(db, a, v, "小王", err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2026-11-23 08:10:00", 1);
	ck_assert_int_eq(wo_complete_at(db, a->id, "2026-11-22 07:59", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_msg(strstr(err, "完工时间") && strstr(err, "不能早于开单时间（2026-11-22 08:00）"), "%s", err);
	ck_assert_int_eq(wo_complete_at(db, a->id, "2026-11-23 08:16", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_msg(strstr(err, "完工时间") && strstr(err, "不能晚于现在"), "%s", err);
	ck_assert_int_eq(wo_complete_at(db, a->id, "2026-11-22", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_msg(strstr(err, "完工时间：只有日期"), "%s", err);
	ck_assert_str_eq(raw_text("SELECT status || '|' || coalesce(completed_at, '') FROM workorders"), "在修|");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE action = '工单完工'"), 0);
	ck_assert_int_eq(wo_complete_at(db, a->id, "2026-11-22 18:30", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT status || '|' || completed_at FROM workorders"), "已完工|2026-11-22 18:30");
	struct rec *cu = rec_new(cform);
	cust_load(db, cid, cu, err, sizeof err);
	ck_assert_str_eq(rec_get(cu, "last_deal_date"), "2026-11-22");
	ck_assert_str_eq(callbacks_on("2026-11-25"), "维修回访 2026-11-25 小王 张三|");
	ck_assert_str_eq(callbacks_on("2026-11-24"), "");
	ck_assert_str_eq(raw_text("SELECT detail FROM audit_log WHERE action = '工单完工'"),
	                 "工单 WO20261122-0001 完工，完工时间 2026-11-22 18:30（补记）");
	/* no time given is now, and the log says nothing more */
	struct rec *b = order("12100", "2026-11-23 17:00");
	ck_assert_int_eq(wo_open(db, b, v, "小王", err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2026-11-23 16:45:10", 1);
	ck_assert_int_eq(wo_complete_at(db, b->id, "", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT completed_at FROM workorders WHERE id = (SELECT max(id) FROM workorders)"),
	                 "2026-11-23 16:45");
	ck_assert_str_eq(raw_text("SELECT detail FROM audit_log WHERE action = '工单完工' ORDER BY id DESC LIMIT 1"),
	                 "工单 WO20261123-0001 完工");
	rec_free(a); rec_free(b); rec_free(cu);
}
END_TEST

/* An order a dealer's history brought with its opening day only (the
 * import keeps the day, 时刻不详) is some time that day: it is saved as
 * any open order, and completed at any time that day or later; the day
 * before is refused, naming the opening as it is kept. */
START_TEST(an_order_opened_on_a_day_only_completes_that_day)
{
	char err[512], in[600];
	int64_t cid = customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	snprintf(in, sizeof in, "%s/orders.csv", dir);
	tu_write(in, "工单号,开单时间,服务顾问,车牌号,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	             "W1,2026-11-20,小王,浙A12345,LSVAB2BM1HN123456,12000,保养,保养,2026-11-20 17:00,在修\n");
	struct imp_opts o = { .path = in, .staff = "t" };
	struct imp_stats st;
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 0);
	ck_assert_int_eq(st.imported, 1);
	int64_t id = raw_int("SELECT id FROM workorders WHERE wo_no = 'W1'");
	struct rec *w = rec_new(wform);
	int64_t veh, cust;
	ck_assert_int_eq(wo_load(db, id, w, &veh, &cust, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(w, "opened_at"), "2026-11-20");
	rec_set(w, "items", "更换机油机滤");
	ck_assert_int_eq(wo_update(db, w, NULL, "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_complete_at(db, id, "2026-11-19 18:30", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "完工时间：2026-11-19 18:30 不能早于开单时间（2026-11-20）");
	ck_assert_str_eq(raw_text("SELECT status FROM workorders WHERE id = (SELECT max(id) FROM workorders)"), "在修");
	/* early that morning: not before "some time that day" */
	ck_assert_int_eq(wo_complete_at(db, id, "2026-11-20 07:00", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT status || '|' || opened_at || '|' || completed_at FROM workorders"),
	                 "已完工|2026-11-20|2026-11-20 07:00");
	struct rec *cu = rec_new(cform);
	cust_load(db, cid, cu, err, sizeof err);
	ck_assert_str_eq(rec_get(cu, "last_deal_date"), "2026-11-20");
	ck_assert_str_eq(callbacks_on("2026-11-23"), "维修回访 2026-11-23 小王 张三|");
	/* completed now, with no time given, as well */
	tu_write(in, "工单号,开单时间,服务顾问,车牌号,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	             "W2,2026-11-23,小王,浙A12345,LSVAB2BM1HN123456,12100,保养,保养,2026-11-23 17:00,在修\n");
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 0);
	ck_assert_int_eq(wo_complete(db, raw_int("SELECT id FROM workorders WHERE wo_no = 'W2'"), "小王", err, sizeof err),
	                 ST_OK);
	ck_assert_str_eq(raw_text("SELECT completed_at FROM workorders WHERE wo_no = 'W2'"), "2026-11-23 09:30");
	rec_free(w);
	rec_free(cu);
}
END_TEST

/* An open order whose file kept its promise by the day only is late once
 * that day is over, not from its first minute. */
START_TEST(a_promise_of_a_day_only_is_late_the_day_after)
{
	char err[512], in[600];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	snprintf(in, sizeof in, "%s/orders.csv", dir);
	tu_write(in, "工单号,开单时间,服务顾问,车牌号,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	             "W1,2026-11-22 08:00,小王,浙A12345,LSVAB2BM1HN123456,12000,保养,保养,2026-11-22,在修\n"
	             "W2,2026-11-22 08:00,小王,浙A12345,LSVAB2BM1HN123456,12000,保养,保养,2026-11-23,在修\n");
	struct imp_opts o = { .path = in, .staff = "t" };
	struct imp_stats st;
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 0);
	ck_assert_int_eq(st.imported, 2);
	struct wo_row rows[4]; /* at 2026-11-23 09:30 */
	ck_assert_int_eq(wo_list(db, WO_IN_SHOP, 0, rows, 4, err, sizeof err), 2);
	ck_assert_str_eq(rows[0].wo_no, "W1");
	ck_assert_int_eq(rows[0].late, 1);
	ck_assert_str_eq(rows[1].wo_no, "W2");
	ck_assert_int_eq(rows[1].late, 0);
}
END_TEST

static const struct { const char *done; const char *due; } boundaries[] = {
	{ "2026-01-30 10:00", "2026-02-02" },
	{ "2026-12-30 10:00", "2027-01-02" },
	{ "2024-02-27 10:00", "2024-03-01" },
	{ "2028-02-27 10:00", "2028-03-01" },
	{ "2028-02-28 10:00", "2028-03-02" },
	{ "2027-02-26 10:00", "2027-03-01" },
};

START_TEST(callback_due_date_boundaries)
{
	char err[512];
	setenv("DESK4S_TODAY", "2029-01-01", 1);
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	int64_t v = vehicle_of("浙A");
	setenv("DESK4S_NOW", boundaries[_i].done, 1);
	struct rec *a = order("1000", "2030-01-01 10:00");
	ck_assert_int_eq(wo_open(db, a, v, "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_complete(db, a->id, "小王", err, sizeof err), ST_OK);
	char want[128], before[11];
	snprintf(want, sizeof want, "维修回访 %s 小王 张三|", boundaries[_i].due);
	ck_assert_str_eq(callbacks_on(boundaries[_i].due), want);
	clk_add_days(boundaries[_i].due, -1, before, sizeof before);
	ck_assert_str_eq(callbacks_on(before), "");
	rec_free(a);
}
END_TEST

START_TEST(cancel_keeps_its_reason)
{
	char err[512];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	int64_t v = vehicle_of("浙A");
	struct rec *a = order("1000", "2026-11-23 17:00");
	ck_assert_int_eq(wo_open(db, a, v, "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_cancel(db, a->id, "", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "取消原因"));
	ck_assert_int_eq(wo_cancel(db, a->id, "客户改期", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT cancel_reason FROM workorders"), "客户改期");
	ck_assert_str_eq(callbacks_on("2026-11-26"), "");
	/* a cancelled order's mileage does not count */
	ck_assert_int_eq(wo_last_mileage(db, v), 0);
	rec_free(a);
}
END_TEST

/* An order cancelled by mistake is taken back with a reason: 在修 again,
 * its cancel reason cleared, both reasons in the usage log; it completes
 * as any other.  Only a cancelled order is revived, and otherwise a closed
 * order stays closed to changes. */
START_TEST(a_cancelled_order_is_revived_with_a_reason)
{
	char err[512];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	int64_t v = vehicle_of("浙A");
	struct rec *a = order("1000", "2026-11-23 17:00");
	ck_assert_int_eq(wo_open(db, a, v, "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_revive(db, a->id, "误取消", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_msg(strstr(err, "是“在修”，只有已取消的工单可以恢复"), "%s", err);
	ck_assert_int_eq(wo_cancel(db, a->id, "客户改期", "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_revive(db, a->id, "", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "恢复原因"));
	/* the guard of closed orders holds for anything but the revival */
	ck_assert_int_ne(raw_try("UPDATE workorders SET status='在修'"), 0);
	ck_assert_int_ne(raw_try("UPDATE workorders SET mileage=2000"), 0);
	/* nor does the revival's own UPDATE carry another change through */
	ck_assert_int_ne(raw_try("UPDATE workorders SET status='在修', cancel_reason=NULL, mileage=2000"), 0);
	ck_assert_int_ne(raw_try("UPDATE workorders SET status='在修', cancel_reason=NULL, opened_at='2026-11-01 08:00'"), 0);
	ck_assert_int_eq(wo_revive(db, a->id, "误取消，客户仍在店", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT status || '/' || coalesce(cancel_reason, '-') FROM workorders"), "在修/-");
	ck_assert_str_eq(raw_text("SELECT group_concat(action || '：' || detail, '|') FROM audit_log"
	                          " WHERE action IN ('取消工单', '恢复工单')"),
	                 "取消工单：工单 WO20261123-0001 取消：客户改期|恢复工单：工单 WO20261123-0001 恢复为在修：误取消，客户仍在店");
	ck_assert_int_eq(wo_complete(db, a->id, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(callbacks_on("2026-11-26"), "维修回访 2026-11-26 小王 张三|");
	ck_assert_int_eq(wo_revive(db, a->id, "误取消", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_msg(strstr(err, "是“已完工”"), "%s", err);
	/* a reopening alike: the status and its completion time, nothing more */
	ck_assert_int_ne(raw_try("UPDATE workorders SET status='在修', completed_at=NULL, work_type='钣喷'"), 0);
	ck_assert_int_eq(raw_try("UPDATE workorders SET note='客户自带机油'"), 0);
	ck_assert_int_eq(wo_reopen(db, a->id, "异响未除", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT status || '/' || mileage || '/' || work_type FROM workorders"), "在修/1000/保养");
	rec_free(a);
}
END_TEST

START_TEST(lists_for_the_service_lane)
{
	char err[512];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	customer("李四", "13900001111", "LSVAB2BM3HN654321", "浙B54321", 1);
	int64_t v1 = vehicle_of("浙A"), v2 = vehicle_of("浙B");
	struct rec *a = order("1000", "2026-11-23 09:00"); /* already late at 09:30 */
	struct rec *b = order("2000", "2026-11-23 18:00");
	struct rec *c = order("3000", "2026-11-23 12:00");
	ck_assert_int_eq(wo_open(db, a, v1, "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_open(db, b, v2, "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_open(db, c, v1, "小李", err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_complete(db, c->id, "小李", err, sizeof err), ST_OK);
	struct wo_row rows[10];
	int n = wo_list(db, WO_IN_SHOP, 0, rows, 10, err, sizeof err);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(rows[0].wo_no, rec_get(a, "wo_no"));
	ck_assert_int_eq(rows[0].late, 1);
	ck_assert_int_eq(rows[1].late, 0);
	ck_assert_str_eq(rows[1].name, "李四");
	n = wo_list(db, WO_DONE_TODAY, 0, rows, 10, err, sizeof err);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(rows[0].wo_no, rec_get(c, "wo_no"));
	n = wo_list(db, WO_HISTORY, v1, rows, 10, err, sizeof err);
	ck_assert_int_eq(n, 2);
	n = wo_list(db, WO_HISTORY, v2, rows, 10, err, sizeof err);
	ck_assert_int_eq(n, 1);
	rec_free(a); rec_free(b); rec_free(c);
}
END_TEST

START_TEST(find_the_car_as_staff_say_it)
{
	char err[256];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	struct wo_vehicle v[4];
	ck_assert_int_eq(wo_find_vehicles(db, "浙a123", v, 4, err, sizeof err), 1);
	ck_assert_int_eq(wo_find_vehicles(db, "lsvab2bm1hn123456", v, 4, err, sizeof err), 1);
	ck_assert_int_eq(wo_find_vehicles(db, "hn123456", v, 4, err, sizeof err), 1);
	ck_assert_int_eq(wo_find_vehicles(db, "0013", v, 4, err, sizeof err), 1);
	/* as the plate is printed, and a mobile as written down */
	ck_assert_int_eq(wo_find_vehicles(db, "浙A 12345", v, 4, err, sizeof err), 1);
	ck_assert_int_eq(wo_find_vehicles(db, "浙A·12345", v, 4, err, sizeof err), 1);
	ck_assert_int_eq(wo_find_vehicles(db, "138-0013-8000", v, 4, err, sizeof err), 1);
	ck_assert_int_eq(wo_find_vehicles(db, "张", v, 4, err, sizeof err), 1);
	ck_assert_str_eq(v[0].plate, "浙A12345");
	ck_assert_int_eq(wo_find_vehicles(db, "浙B", v, 4, err, sizeof err), 0);
	int64_t vid;
	ck_assert_int_eq(wo_add_vehicle(db, v[0].customer_id, "LSVAB2BM3HN654321", "浙B54321", "", &vid,
	                                err, sizeof err), ST_OK);
	ck_assert_int_eq(wo_find_vehicles(db, "张三", v, 4, err, sizeof err), 2);
}
END_TEST

START_TEST(legacy_customer_must_be_completed_before_opening)
{
	/* an imported customer without sex or address (SHEETS.md rule 2) */
	char err[256];
	int64_t cid = customer("王五", "13700001234", "LSVAB2BM1HN123456", "浙A12345", 0);
	struct wo_vehicle v[2];
	ck_assert_int_eq(wo_find_vehicles(db, "浙A", v, 2, err, sizeof err), 1);
	ck_assert_int_eq(v[0].incomplete, 1);
	struct rec *cu = rec_new(cform);
	ck_assert_int_eq(cust_load(db, cid, cu, err, sizeof err), ST_OK);
	struct rule_list l = { 0 };
	ck_assert_int_gt(rules_check(cu, RP_WO_OPEN, &l), 0);
	char labels[512];
	ck_assert_str_eq(rules_join_labels(&l, RK_REQUIRED, labels, sizeof labels),
	                 "性别、省区编号、城市编号、区域编号、详细地址");
	ck_assert_int_gt(rules_count(&l, RK_IMPORTANT), 0);
	rules_list_free(&l);
	rec_free(cu);
}
END_TEST

/* A plate other than the car's: the store opens no order with it, and
 * saves none, until the car's record has it (re-registered, logged) or the
 * order is corrected; an empty plate takes the car's. */
START_TEST(plate_other_than_the_cars_waits_for_the_car)
{
	char err[512], car[64];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	int64_t v = vehicle_of("浙A1");
	ck_assert_int_eq(wo_plate_differs(db, "LSVAB2BM1HN123456", "浙B67890", car, sizeof car), 1);
	ck_assert_str_eq(car, "浙A12345");
	/* compared as stored: a · or lower case is the same plate */
	ck_assert_int_eq(wo_plate_differs(db, "LSVAB2BM1HN123456", "浙a·12345", car, sizeof car), 0);
	ck_assert_int_eq(wo_plate_differs(db, "LSVAB2BM1HN123456", "", car, sizeof car), 0);
	ck_assert_int_eq(wo_plate_differs(db, "LSVAB2BM3HN654321", "浙B67890", car, sizeof car), 0);

	struct rec *a = order("12000", "2026-11-23 17:00");
	rec_set(a, "plate", "浙B67890");
	ck_assert_int_eq(wo_open(db, a, v, "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_msg(strstr(err, "车牌号：") == err && strstr(err, "浙B67890") && strstr(err, "浙A12345"), "%s", err);
	ck_assert_str_eq(rec_get(a, "wo_no"), "");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM workorders"), 0);

	/* re-registered: the car takes the plate, logged with both */
	ck_assert_int_eq(veh_set_plate(db, v, "浙B67890", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT plate FROM vehicles"), "浙B67890");
	ck_assert_str_eq(raw_text("SELECT staff || ' ' || customer_no || ' ' || detail FROM audit_log"
	                          " WHERE action = '修改车辆'"),
	                 "小王 C00000001 车辆 LSVAB2BM1HN123456：车牌号: 浙A12345 → 浙B67890");
	ck_assert_int_eq(wo_open(db, a, v, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT plate FROM workorders"), "浙B67890");
	/* the same plate again changes nothing and logs nothing */
	ck_assert_int_eq(veh_set_plate(db, v, "浙B67890", "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE action = '修改车辆'"), 1);

	/* an open order saved with the old plate is refused; emptied, it
	 * takes the car's */
	struct rec *open = rec_new(wform);
	ck_assert_int_eq(wo_load(db, a->id, open, NULL, NULL, err, sizeof err), ST_OK);
	rec_set(open, "plate", "浙A12345");
	ck_assert_int_eq(wo_update(db, open, NULL, "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_msg(strstr(err, "浙A12345") && strstr(err, "浙B67890"), "%s", err);
	rec_set(open, "plate", "");
	ck_assert_int_eq(wo_update(db, open, NULL, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT plate FROM workorders"), "浙B67890");
	rec_free(open);
	rec_free(a);
}
END_TEST

/* A car with no plate yet: an order naming one waits until the car has it. */
START_TEST(plate_for_a_car_without_one)
{
	char err[512], car[64];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "", 1);
	int64_t v = vehicle_of("123456");
	ck_assert_int_eq(wo_plate_differs(db, "LSVAB2BM1HN123456", "浙C11111", car, sizeof car), 1);
	ck_assert_str_eq(car, "");
	struct rec *a = order("12000", "2026-11-23 17:00");
	rec_set(a, "plate", "浙C11111");
	ck_assert_int_eq(wo_open(db, a, v, "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_msg(strstr(err, "还没有车牌") && strstr(err, "浙C11111"), "%s", err);
	ck_assert_int_eq(veh_set_plate(db, v, "浙c·11111", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT plate FROM vehicles"), "浙C11111"); /* stored as the rules store it */
	ck_assert_str_eq(raw_text("SELECT detail FROM audit_log WHERE action = '修改车辆'"),
	                 "车辆 LSVAB2BM1HN123456：车牌号: （空） → 浙C11111");
	ck_assert_int_eq(wo_open(db, a, v, "小王", err, sizeof err), ST_OK);
	rec_free(a);
}
END_TEST

/* Another car's plate, a malformed one or none is not given to a car. */
START_TEST(plate_of_another_car_is_refused)
{
	char err[512];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	customer("李四", "13900001111", "LSVAB2BM3HN654321", "浙B54321", 1);
	int64_t v = vehicle_of("浙A1");
	ck_assert_int_eq(veh_set_plate(db, v, "浙B54321", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "车牌号：浙B54321 已登记在另一辆车上（客户 C00000002，VIN LSVAB2BM3HN654321）");
	ck_assert_int_eq(veh_set_plate(db, v, "浙AI2345", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_msg(strstr(err, "车牌号：") == err, "%s", err);
	ck_assert_int_eq(veh_set_plate(db, v, "", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_int_eq(veh_set_plate(db, 999, "浙B67890", "小王", err, sizeof err), ST_NOTFOUND);
	ck_assert_str_eq(raw_text("SELECT group_concat(plate, ' ') FROM vehicles"), "浙A12345 浙B54321");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE action = '修改车辆'"), 0);
}
END_TEST

/* A damaged file, as a disk or a copy leaves it: n bytes of the cells of
 * the workorders table's page overwritten behind the program's back (the
 * tester's `dd conv=notrunc`), with the connection closed meanwhile. */
static void damage_workorders(int n)
{
	st_close(db);
	db = NULL;
	tu_sql_exec(path, "PRAGMA wal_checkpoint(TRUNCATE)");
	long long page = tu_sql_int(path, "SELECT rootpage FROM sqlite_master WHERE name='workorders'");
	long long size = tu_sql_int(path, "PRAGMA page_size");
	ck_assert_int_gt(page, 1);
	FILE *f = fopen(path, "r+b");
	ck_assert_ptr_nonnull(f);
	/* the cells start where the page header's bytes 5-6 say */
	unsigned char hdr[8];
	ck_assert_int_eq(fseek(f, (long)((page - 1) * size), SEEK_SET), 0);
	ck_assert_int_eq(fread(hdr, 1, sizeof hdr, f), sizeof hdr);
	ck_assert_int_eq(hdr[0], 13); /* a leaf of a table: the rows themselves */
	long cells = (long)hdr[5] << 8 | hdr[6];
	unsigned char junk[512];
	memset(junk, 0xA5, sizeof junk);
	ck_assert_int_le(n, (int)sizeof junk);
	ck_assert_int_eq(fseek(f, (long)((page - 1) * size) + cells, SEEK_SET), 0);
	ck_assert_int_eq(fwrite(junk, 1, (size_t)n, f), (size_t)n);
	ck_assert_int_eq(fclose(f), 0);
	char err[512];
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
}

/* SQLite ends a damaged table's rows with SQLITE_CORRUPT where the rows
 * would end: the lists, the car's history and its last mileage used to take
 * that for the end (an empty workshop, "共 0 张", the car's first order).
 * Each now fails with the store's message for a damaged file. */
START_TEST(a_damaged_file_is_said_not_listed_empty)
{
	char err[512];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	int64_t v = vehicle_of("浙A1");
	for (int i = 0; i < 3; i++) {
		struct rec *a = order("12000", "2026-11-23 17:00");
		ck_assert_int_eq(wo_open(db, a, v, "小王", err, sizeof err), ST_OK);
		rec_free(a);
	}
	struct wo_row rows[10];
	ck_assert_int_eq(wo_list(db, WO_IN_SHOP, 0, rows, 10, err, sizeof err), 3);
	struct rec *none = rec_new(wform);
	ck_assert_int_eq(wo_load(db, 999, none, NULL, NULL, err, sizeof err), ST_NOTFOUND);
	ck_assert_str_eq(err, "找不到工单（内部编号 999）");
	rec_free(none);
	damage_workorders(100);
	const char *damaged = "已损坏或不是 desk4s 数据库";
	err[0] = 0;
	ck_assert_int_eq(wo_list(db, WO_IN_SHOP, 0, rows, 10, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "读取工单失败：文件 ") == err && strstr(err, damaged), "%s", err);
	err[0] = 0;
	ck_assert_int_eq(wo_list(db, WO_HISTORY, v, rows, 10, err, sizeof err), -1);
	ck_assert_msg(strstr(err, damaged), "%s", err);
	err[0] = 0;
	ck_assert_int_eq(wo_car_mileage(db, v, err, sizeof err), -1);
	ck_assert_msg(strstr(err, damaged), "%s", err);
	ck_assert_int_eq(wo_last_mileage(db, v), -1);
	/* an order the damage hides (its row's key overwritten) is not "not
	 * found": the table is checked before that is said */
	struct rec *x = rec_new(wform);
	err[0] = 0;
	ck_assert_int_eq(wo_load(db, 3, x, NULL, NULL, err, sizeof err), ST_ERROR);
	ck_assert_msg(strstr(err, "读取工单失败：文件 ") == err && strstr(err, damaged), "%s", err);
	rec_free(x);
}
END_TEST

/* An order an import kept with its opening day only is some time that
 * day: against a timed order of the same day it is neither earlier nor
 * later, so neither's reading is "an earlier order's" to the other; an
 * earlier day is earlier, and timed orders compare by the minute. */
START_TEST(a_day_only_opening_is_that_whole_day_for_the_mileage)
{
	char err[512], in[600];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	snprintf(in, sizeof in, "%s/orders.csv", dir);
	tu_write(in, "工单号,开单时间,服务顾问,车牌号,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态,完工时间\n"
	             "W1,2026-11-19 10:00,小王,浙A12345,LSVAB2BM1HN123456,11000,保养,保养,2026-11-19 17:00,已完工,"
	             "2026-11-19 16:00\n"
	             "W2,2026-11-20,小王,浙A12345,LSVAB2BM1HN123456,12000,保养,保养,2026-11-20 17:00,已完工,2026-11-20\n"
	             "W3,2026-11-20 08:00,小王,浙A12345,LSVAB2BM1HN123456,12500,保养,保养,2026-11-20 17:00,已完工,"
	             "2026-11-20 16:00\n");
	struct imp_opts o = { .path = in, .staff = "t" };
	struct imp_stats st;
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 0);
	ck_assert_int_eq(st.imported, 3);
	const char *vin = "LSVAB2BM1HN123456";
	/* later that day: W2's day is not surely before it, W3's minute is */
	ck_assert_int_eq(wo_mileage_before(db, vin, "2026-11-20 10:00", err, sizeof err), 12500);
	ck_assert_int_eq(wo_mileage_before(db, vin, "2026-11-20 07:00", err, sizeof err), 11000);
	/* the day only: neither W2 itself nor W3 of that day is before it */
	ck_assert_int_eq(wo_mileage_before(db, vin, "2026-11-20", err, sizeof err), 11000);
	/* the next day, by its day or a time: all of them */
	ck_assert_int_eq(wo_mileage_before(db, vin, "2026-11-21", err, sizeof err), 12500);
	ck_assert_int_eq(wo_mileage_before(db, vin, "2026-11-21 07:00", err, sizeof err), 12500);
	ck_assert_int_eq(wo_mileage_before(db, vin, "2026-11-19 10:00", err, sizeof err), 0);
}
END_TEST

/* The checks an import makes before it stores an order (is it on file by
 * its number, or by its car and minute; is the reading lower than the
 * car's last) used to take a damaged file for "none" and "0 km": now each
 * says the store's error, and the import stops on the row (exit 3). */
START_TEST(order_checks_on_a_damaged_file_are_errors_not_none)
{
	char err[512], in[600], rep[600];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	int64_t v = vehicle_of("浙A1");
	struct rec *a = order("12000", "2026-11-23 17:00");
	ck_assert_int_eq(wo_open(db, a, v, "小王", err, sizeof err), ST_OK);
	char no[32], at[24];
	snprintf(no, sizeof no, "%s", rec_get(a, "wo_no"));
	snprintf(at, sizeof at, "%s", rec_get(a, "opened_at"));
	rec_free(a);
	ck_assert_int_gt(wo_exists(db, no, err, sizeof err), 0);
	ck_assert_int_gt(wo_exists_at(db, "LSVAB2BM1HN123456", at, 1, err, sizeof err), 0);
	ck_assert_int_eq(wo_mileage_before(db, "LSVAB2BM1HN123456", "", err, sizeof err), 12000);
	st_close(db);
	db = NULL;
	tu_damage_table(path, "workorders");
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	const char *damaged = "已损坏或不是 desk4s 数据库";
	err[0] = 0;
	ck_assert_int_eq(wo_exists(db, no, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "查找工单失败：文件 ") == err && strstr(err, damaged), "%s", err);
	err[0] = 0;
	ck_assert_int_eq(wo_exists_at(db, "LSVAB2BM1HN123456", at, 1, err, sizeof err), -1);
	ck_assert_msg(strstr(err, damaged), "%s", err);
	err[0] = 0;
	ck_assert_int_eq(wo_mileage_before(db, "LSVAB2BM1HN123456", "", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "读取该车以往的工单失败：") == err && strstr(err, damaged), "%s", err);
	/* the import stops at the row, naming it and the damage */
	snprintf(in, sizeof in, "%s/orders.csv", dir);
	snprintf(rep, sizeof rep, "%s/report.csv", dir);
	tu_write(in, "工单号,开单时间,服务顾问,车牌号,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	             "WO20240110-0001,2024-01-10 08:00,小王,浙A12345,LSVAB2BM1HN123456,9000,保养,保养,2024-01-10 17:00,在修\n");
	struct imp_opts o = { .path = in, .staff = "t", .report = rep };
	struct imp_stats st;
	err[0] = 0;
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 3);
	ck_assert_msg(strstr(err, "第2行：查找工单失败：文件 ") && strstr(err, damaged), "%s", err);
	ck_assert_int_eq(st.imported, 0);
	/* without a number: the same car's order at the same minute */
	tu_write(in, "开单时间,服务顾问,车牌号,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	             "2024-01-10 08:00,小王,浙A12345,LSVAB2BM1HN123456,9000,保养,保养,2024-01-10 17:00,在修\n");
	err[0] = 0;
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 3);
	ck_assert_msg(strstr(err, "第2行：查找工单失败：文件 ") && strstr(err, damaged), "%s", err);
}
END_TEST

/* Another car of a customer with a VIN already registered: refused naming
 * whose car it is, not with the schema's UNIQUE in SQLite's English. */
START_TEST(add_vehicle_names_the_owner_of_a_vin_on_file)
{
	char err[512];
	int64_t zhang = customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	int64_t li = customer("李四", "13900001111", "LSVAB2BM3HN654321", "浙B54321", 1);
	int64_t vid = 0;
	ck_assert_int_eq(wo_add_vehicle(db, zhang, "LSVAB2BM3HN654321", "浙A99999", "瑞虎8", &vid, err, sizeof err),
	                 ST_CONSTRAINT);
	ck_assert_str_eq(err, "车辆底盘号(VIN)：LSVAB2BM3HN654321 已属于客户 C00000002 李四（车牌 浙B54321），不能重复登记");
	ck_assert_int_eq(wo_add_vehicle(db, li, "LSVAB2BM3HN654321", "", "", &vid, err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "车辆底盘号(VIN)：LSVAB2BM3HN654321 已是该客户的车辆（车牌 浙B54321），请在找车结果中选中它开单");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM vehicles"), 2);
	/* a new VIN is registered as before */
	ck_assert_int_eq(wo_add_vehicle(db, zhang, "LSVAB2181N2654321", "", "瑞虎8", &vid, err, sizeof err), ST_OK);
	ck_assert_int_gt(vid, 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM vehicles WHERE customer_id = 1"), 2);
	/* a car without a plate says so */
	ck_assert_int_eq(wo_add_vehicle(db, li, "LSVAB2181N2654321", "", "", &vid, err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "车辆底盘号(VIN)：LSVAB2181N2654321 已属于客户 C00000001 张三（未登记车牌），不能重复登记");
}
END_TEST

/* A file cannot be asked: an order whose plate is not its car's is stored
 * as the file has it (an old order has the plate of its day), the car's
 * record is left alone, and the report says so, naming the row and both
 * plates — as it does for a lower odometer reading. */
START_TEST(import_keeps_the_files_plate_and_warns)
{
	char err[512], in[600], rep[600];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	customer("李四", "13900001111", "LSVAB2BM3HN654321", "", 1);
	snprintf(in, sizeof in, "%s/orders.csv", dir);
	snprintf(rep, sizeof rep, "%s/report.csv", dir);
	tu_write(in, "工单号,开单时间,服务顾问,车牌号,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	             "WO20240110-0001,2024-01-10 08:00,小王,浙A99999,LSVAB2BM1HN123456,9000,保养,保养,2024-01-10 17:00,在修\n"
	             "WO20240110-0002,2024-01-10 08:10,小王,浙a·12345,LSVAB2BM1HN123456,9100,保养,保养,2024-01-10 17:00,在修\n"
	             "WO20240110-0003,2024-01-10 08:20,小王,,LSVAB2BM1HN123456,9200,保养,保养,2024-01-10 17:00,在修\n"
	             "WO20240110-0004,2024-01-10 08:30,小王,浙C11111,LSVAB2BM3HN654321,5000,保养,保养,2024-01-10 17:00,在修\n");
	struct imp_opts o = { .path = in, .staff = "t", .report = rep };
	struct imp_stats st;
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 0);
	ck_assert_int_eq(st.imported, 4);
	ck_assert_str_eq(raw_text("SELECT group_concat(coalesce(plate,'-'), ' ') FROM (SELECT plate FROM workorders ORDER BY wo_no)"),
	                 "浙A99999 浙A12345 浙A12345 浙C11111");
	ck_assert_str_eq(raw_text("SELECT group_concat(coalesce(plate,'-'), ' ') FROM (SELECT plate FROM vehicles ORDER BY id)"),
	                 "浙A12345 -");
	char *r = tu_read(rep);
	ck_assert_str_eq(r, "line,field,label,code,severity,message\n"
	                    "2,plate,车牌号,plate.differs,warning,车牌号：工单为 浙A99999，车辆档案（VIN LSVAB2BM1HN123456）"
	                    "为 浙A12345；工单按文件保存，车辆档案未修改\n"
	                    "5,plate,车牌号,plate.differs,warning,车牌号：工单为 浙C11111，车辆档案（VIN LSVAB2BM3HN654321）"
	                    "还没有车牌；工单按文件保存，车辆档案未修改\n");
	free(r);
	ck_assert_int_eq(st.problems, 2);
	ck_assert_int_eq(st.nshown[0], 2);
	ck_assert_str_eq(st.shown[0][0], "第2行（提示）车牌号：工单为 浙A99999，车辆档案（VIN LSVAB2BM1HN123456）为 浙A12345；"
	                                 "工单按文件保存，车辆档案未修改");
}
END_TEST

/* A DMS's order list keeps 进厂日期 and 进厂时间 apart, the times as
 * Chinese Excel writes them: together they are the opening. */
START_TEST(import_joins_the_opening_day_and_time)
{
	char err[512], in[600], rep[600];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	snprintf(in, sizeof in, "%s/orders.csv", dir);
	snprintf(rep, sizeof rep, "%s/report.csv", dir);
	tu_write(in, "工单号,车牌号码,车架号,进厂日期,进厂时间,行驶里程,维修类型,服务顾问,故障描述,预计交车时间,状态\n"
	             "W1,浙A12345,LSVAB2BM1HN123456,2024/5/10,上午9:15,\"12,400\",首保,小赵,首次保养,2024/5/10 下午4:00,在修\n"
	             "W2,浙A12345,LSVAB2BM1HN123456,2024/11/3,14时05分,18500公里,机修,小赵,异响,2024/11/4 17:00,在修\n");
	struct imp_opts o = { .path = in, .staff = "t", .report = rep };
	struct imp_stats st;
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 0);
	ck_assert_int_eq(st.imported, 2);
	ck_assert_str_eq(raw_text("SELECT group_concat(opened_at || '/' || promised_at || '/' || mileage || '/' || work_type, ' ')"
	                          " FROM (SELECT * FROM workorders ORDER BY wo_no)"),
	                 "2024-05-10 09:15/2024-05-10 16:00/12400/首保 2024-11-03 14:05/2024-11-04 17:00/18500/一般维修");
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "列“进厂日期”的日期与列“进厂时间”的时刻合为“开单时间”"), "%s", r);
	free(r);
	/* a list with days only: the days, said; a settled order completed on
	 * its opening day */
	tu_write(in, "工单号,车架号,进厂日期,行驶里程,维修类型,服务顾问,故障描述,预计交车时间,状态,结算日期\n"
	             "W3,LSVAB2BM1HN123456,2024/12/01,20000,保养,小赵,保养,2024-12-01 17:00,已结算,2024/12/1\n");
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 0);
	ck_assert_str_eq(raw_text("SELECT opened_at || '/' || completed_at || '/' || status FROM workorders WHERE wo_no = 'W3'"),
	                 "2024-12-01/2024-12-01/已完工");
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,opened_at,开单时间,datetime.date_only,warning,"), "%s", r);
	ck_assert_msg(strstr(r, "1,completed_at,完工时间,column.alias,warning,列“结算日期”按“完工时间”导入"), "%s", r);
	free(r);
	/* the opening's and the completion's days and times, each pair joined */
	tu_write(in, "工单号,车架号,进厂日期,进厂时间,行驶里程,维修类型,服务顾问,故障描述,预计交车时间,状态,结算日期,结算时间\n"
	             "W4,LSVAB2BM1HN123456,2024/12/02,8:30,20100,保养,小赵,保养,2024-12-02 17:00,已结算,2024/12/2,下午4:45\n");
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 0);
	ck_assert_str_eq(raw_text("SELECT opened_at || '/' || completed_at FROM workorders WHERE wo_no = 'W4'"),
	                 "2024-12-02 08:30/2024-12-02 16:45");
}
END_TEST

/* A DMS order list exported again once its orders were completed: the
 * rows differ from the stored orders (refused as such); --update completes
 * them as the file says (the customer's 最近交易日期 and the callback
 * follow), never undoes a completion, and never moves an order to another
 * car. */
START_TEST(import_update_completes_orders_forward_only)
{
	char err[512], in[600], rep[600];
	customer("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345", 1);
	customer("李四", "13900001111", "LSVAB2BM3HN654321", "浙A54321", 1);
	snprintf(in, sizeof in, "%s/orders.csv", dir);
	snprintf(rep, sizeof rep, "%s/report.csv", dir);
	const char *head = "工单号,开单时间,服务顾问,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态,完工时间\n";
	char text[2048];
	snprintf(text, sizeof text, "%s%s", head,
	         "W1,2026-11-10 09:00,小王,LSVAB2BM1HN123456,12000,保养,保养,2026-11-10 17:00,在修,\n"
	         "W2,2026-11-11 09:00,小王,LSVAB2BM1HN123456,12100,保养,保养,2026-11-11 17:00,已完工,2026-11-11 16:00\n"
	         "W3,2026-11-12 09:00,小王,LSVAB2BM3HN654321,5000,保养,保养,2026-11-12 17:00,在修,\n");
	tu_write(in, text);
	struct imp_opts o = { .path = in, .staff = "t", .report = rep };
	struct imp_stats st;
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 0);
	ck_assert_int_eq(st.imported, 3);
	/* a week later: W1 completed, W2 as it was but an older export says 在修,
	 * W3 named with another car */
	snprintf(text, sizeof text, "%s%s", head,
	         "W1,2026-11-10 09:00,小王,LSVAB2BM1HN123456,12000,保养,保养,2026-11-10 17:00,已完工,2026-11-10 16:30\n"
	         "W2,2026-11-11 09:00,小王,LSVAB2BM1HN123456,12100,保养,保养,2026-11-11 17:00,在修,\n"
	         "W3,2026-11-12 09:00,小王,LSVAB2BM1HN123456,5000,保养,保养,2026-11-12 17:00,已完工,2026-11-12 15:00\n");
	tu_write(in, text);
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 1);
	ck_assert_int_eq(st.differs, 3);
	ck_assert_str_eq(raw_text("SELECT status FROM workorders WHERE wo_no = 'W1'"), "在修");
	o.update = 1;
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 1);
	ck_assert_int_eq(st.merged, 1);
	ck_assert_int_eq(st.refused, 2);
	ck_assert_str_eq(raw_text("SELECT group_concat(wo_no || ' ' || status || ' ' || coalesce(completed_at, '-'), '|')"
	                          " FROM (SELECT * FROM workorders ORDER BY wo_no)"),
	                 "W1 已完工 2026-11-10 16:30|W2 已完工 2026-11-11 16:00|W3 在修 -");
	ck_assert_str_eq(raw_text("SELECT last_deal_date FROM customers WHERE name = '张三'"), "2026-11-11");
	ck_assert_str_eq(raw_text("SELECT group_concat(due_date, ' ') FROM (SELECT due_date FROM due_feed"
	                          " WHERE kind = '维修回访' ORDER BY due_date)"),
	                 "2026-11-13 2026-11-14");
	char *r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,wo_no,工单号,merged,warning,已合并到工单 W1（更新 2 项：状态“在修”→“已完工”；完工时间“（空）”→“2026-11-10 16:30”）\n"),
	              "%s", r);
	ck_assert_msg(strstr(r, "3,status,状态,db.constraint,error,状态：工单 W2 已是“已完工”，文件中为“在修”；导入不改变已结束工单的状态\n"),
	              "%s", r);
	ck_assert_msg(strstr(r, "4,vin,VIN,workorder.vin,error,VIN：工单 W3 是车辆 LSVAB2BM3HN654321 的，文件中为 LSVAB2BM1HN123456"),
	              "%s", r);
	free(r);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE action = '修改工单'"), 1);
	/* a completed order's 客户描述 changed by a file: refused naming it,
	 * not with the guard's words that named no field */
	snprintf(text, sizeof text, "%s%s", head,
	         "W2,2026-11-11 09:00,小王,LSVAB2BM1HN123456,12100,保养,换机油,2026-11-11 17:00,已完工,2026-11-11 16:00\n");
	tu_write(in, text);
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 1);
	ck_assert_int_eq(st.refused, 1);
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,complaint,客户描述,workorder.closed,error,客户描述：工单 W2 已是“已完工”，只能修改备注；"
	                        "文件中为“换机油”，未改\n") && !strstr(r, "只能修改备注\n"), "%s", r);
	free(r);
	ck_assert_str_eq(raw_text("SELECT complaint FROM workorders WHERE wo_no = 'W2'"), "保养");
	/* a merge file of a few columns: the closed order's field alone is
	 * the reason, not the columns it leaves out */
	tu_write(in, "工单号,客户描述,备注\nW2,换机油,客户自带机油\n");
	ck_assert_int_eq(imp_run(db, "workorders", wform, &o, &st, err, sizeof err), 1);
	r = tu_read(rep);
	ck_assert_msg(strstr(r, "2,complaint,客户描述,workorder.closed,error,") && !strstr(r, "required"), "%s", r);
	free(r);
}
END_TEST

Suite *workorder_suite(void)
{
	Suite *s = suite_create("workorder");
	TCase *t = tcase_create("workorder");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, open_numbers_orders_by_day);
	tcase_add_test(t, complete_stamps_and_creates_the_callback);
	tcase_add_test(t, a_late_save_keeps_the_other_advisor_s_change);
	tcase_add_test(t, a_closed_order_s_note_keeps_the_other_terminal_s);
	tcase_add_test(t, an_order_closed_meanwhile_still_takes_the_note);
	tcase_add_test(t, complete_at_the_time_the_car_was_finished);
	tcase_add_test(t, an_order_opened_on_a_day_only_completes_that_day);
	tcase_add_loop_test(t, callback_due_date_boundaries, 0, (int)(sizeof boundaries / sizeof boundaries[0]));
	tcase_add_test(t, cancel_keeps_its_reason);
	tcase_add_test(t, a_cancelled_order_is_revived_with_a_reason);
	tcase_add_test(t, lists_for_the_service_lane);
	tcase_add_test(t, a_promise_of_a_day_only_is_late_the_day_after);
	tcase_add_test(t, find_the_car_as_staff_say_it);
	tcase_add_test(t, legacy_customer_must_be_completed_before_opening);
	tcase_add_test(t, plate_other_than_the_cars_waits_for_the_car);
	tcase_add_test(t, plate_for_a_car_without_one);
	tcase_add_test(t, plate_of_another_car_is_refused);
	tcase_add_test(t, import_keeps_the_files_plate_and_warns);
	tcase_add_test(t, import_joins_the_opening_day_and_time);
	tcase_add_test(t, import_update_completes_orders_forward_only);
	tcase_add_test(t, a_damaged_file_is_said_not_listed_empty);
	tcase_add_test(t, add_vehicle_names_the_owner_of_a_vin_on_file);
	tcase_add_test(t, order_checks_on_a_damaged_file_are_errors_not_none);
	tcase_add_test(t, a_day_only_opening_is_that_whole_day_for_the_mileage);
	suite_add_tcase(s, t);
	return s;
}
