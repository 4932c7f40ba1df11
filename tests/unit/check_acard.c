/* A-cards: levels and next dates from the intent_levels table (a brand's
 * own levels as data, month ends, leap days), numbering, follow-up records
 * moving the card (and refused when empty), 已订车 staying active, 战败
 * needing a reason, review, the customer prefill, the consultant's list
 * with overdue cards first (on an index), the manager's tallies, and the
 * imports with their report and an export round trip. */
#include <sqlite3.h>
#include "testutil.h"
#include "desk4s/acard.h"
#include "desk4s/export.h"
#include "desk4s/import.h"
#include "desk4s/rules.h"
#include "desk4s/staff.h"

static char *dir;
static char path[512];
static struct st_db *db;
static struct fdef_form *aform, *fform, *cform;

static void setup(void)
{
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	setenv("DESK4S_NOW", "2026-11-23 09:30:00", 1);
	dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/t.db", dir);
	char err[512];
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	aform = fdef_load("acard", NULL, err, sizeof err);
	fform = fdef_load("followup", NULL, err, sizeof err);
	cform = fdef_load("customer", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(aform);
	ck_assert_ptr_nonnull(fform);
	ck_assert_ptr_nonnull(cform);
	ck_assert_int_eq(acard_levels_apply(db, aform, err, sizeof err), ST_OK);
	ck_assert_int_eq(acard_levels_apply(db, fform, err, sizeof err), ST_OK);
}
static void teardown(void)
{
	fdef_free(aform);
	fdef_free(fform);
	fdef_free(cform);
	st_close(db);
	tu_rmtree(dir);
}

static void sql(const char *q) { tu_sql_exec(path, q); }
static const char *raw_text(const char *q) { return tu_sql_text(path, q); }

static struct rec *new_card(const char *name, const char *mobile, const char *consultant,
                            const char *level)
{
	struct rec *r = rec_new(aform);
	acard_defaults(r);
	rec_set(r, "name", name);
	rec_set(r, "mobile", mobile);
	rec_set(r, "consultant", consultant);
	rec_set(r, "level", level);
	rec_set(r, "want_model", "宋PLUS");
	rec_set(r, "info_source", "网络");
	rec_set(r, "first_summary", "看了宋PLUS，关心油耗");
	return r;
}

/* Create a card through the rules, as the screen does; returns its number. */
static char *card(const char *name, const char *mobile, const char *consultant, const char *level,
                  const char *next)
{
	static char no[32];
	struct rec *r = new_card(name, mobile, consultant, level);
	rec_set(r, "next_date", next);
	/* an overdue card was made before its plan */
	if (*next && strcmp(next, rec_get(r, "created_date")) < 0) {
		rec_set(r, "created_date", next);
		rec_set(r, "first_date", next);
	}
	struct rule_list l = { 0 };
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	rules_list_free(&l);
	char err[512];
	ck_assert_msg(acard_create(db, r, "小王", err, sizeof err) == ST_OK, "%s", err);
	snprintf(no, sizeof no, "%s", rec_get(r, "card_no"));
	rec_free(r);
	return no;
}

static struct rec *fu(const char *card_no, const char *date, const char *content, const char *level,
                      const char *next)
{
	struct rec *f = rec_new(fform);
	rec_set(f, "card_no", card_no);
	rec_set(f, "fu_date", date);
	rec_set(f, "method", "电话");
	rec_set(f, "content", content);
	rec_set(f, "level_after", level);
	rec_set(f, "next_date", next);
	return f;
}

static enum st_status add_fu(const char *card_no, const char *date, const char *content,
                             const char *level, const char *next, char *err, size_t errsz)
{
	struct rec *f = fu(card_no, date, content, level, next);
	struct rule_list l = { 0 };
	int blocking = rules_check(f, RP_SAVE, &l);
	rules_list_free(&l);
	enum st_status st = blocking ? ST_CONSTRAINT : acard_add_followup(db, f, "小王", err, errsz);
	rec_free(f);
	return st;
}

static char *suggest(const char *level, const char *from)
{
	static char out[16];
	char err[256];
	ck_assert_msg(acard_suggest_next(db, level, from, out, sizeof out, err, sizeof err) == ST_OK,
	              "%s", err);
	return out;
}

START_TEST(levels_come_from_the_table)
{
	struct acard_level lv[8];
	char err[256];
	ck_assert_int_eq(acard_levels(db, lv, 8, err, sizeof err), 5);
	ck_assert_str_eq(lv[0].code, "O");
	ck_assert_int_eq(lv[0].ordered, 1);
	ck_assert_str_eq(lv[1].code, "H");
	ck_assert_int_eq(lv[1].buy_within, 7);
	ck_assert_int_eq(lv[1].interval_days, 2);
	ck_assert_int_eq(lv[1].ordered, 0);
	ck_assert_int_eq(lv[4].buy_within, 90);
	/* the defaults: H every 2 days, A 3, B weekly, C 14 */
	ck_assert_str_eq(suggest("H", "2026-11-23"), "2026-11-25");
	ck_assert_str_eq(suggest("A", "2026-11-23"), "2026-11-26");
	ck_assert_str_eq(suggest("B", "2026-11-23"), "2026-11-30");
	ck_assert_str_eq(suggest("C", "2026-11-23"), "2026-12-07");
	char out[16];
	ck_assert_int_eq(acard_suggest_next(db, "Z", "2026-11-23", out, sizeof out, err, sizeof err),
	                 ST_NOTFOUND);
	ck_assert_ptr_nonnull(strstr(err, "O/H/A/B/C"));
}
END_TEST

START_TEST(next_dates_cross_month_and_year_ends)
{
	ck_assert_str_eq(suggest("B", "2026-01-31"), "2026-02-07");
	ck_assert_str_eq(suggest("A", "2026-12-30"), "2027-01-02");
	ck_assert_str_eq(suggest("H", "2026-02-27"), "2026-03-01");
	ck_assert_str_eq(suggest("H", "2028-02-28"), "2028-03-01"); /* leap year: via the 29th */
	ck_assert_str_eq(suggest("C", "2024-02-20"), "2024-03-05");
	ck_assert_str_eq(suggest("A", "2026-04-29"), "2026-05-02");
}
END_TEST

START_TEST(a_brands_levels_are_data)
{
	/* a brand with A/B/C/D: week, month, three months, half a year */
	sql("DELETE FROM intent_levels;"
	    "INSERT INTO intent_levels(code, meaning, buy_within, interval_days, sort) VALUES"
	    " ('A','一周内成交',7,2,1),('B','1个月内',30,7,2),('C','3个月内',90,14,3),('D','半年内',180,30,4)");
	char err[256];
	ck_assert_int_eq(acard_levels_apply(db, aform, err, sizeof err), ST_OK);
	int f = fdef_index(aform, "level");
	ck_assert_int_eq(aform->fields[f].nchoices, 4);
	ck_assert_str_eq(aform->fields[f].choices[3], "D");
	ck_assert_str_eq(suggest("D", "2026-11-23"), "2026-12-23");
	ck_assert_str_eq(suggest("A", "2026-11-23"), "2026-11-25");
	/* the rules engine now offers the brand's levels: D passes, H does not */
	struct rec *r = new_card("张三", "13800138000", "小王", "H");
	struct rule_list l = { 0 };
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 1);
	size_t k = 0;
	while (k < l.n && l.v[k].kind != RK_INVALID)
		k++;
	ck_assert_uint_lt(k, l.n);
	ck_assert_str_eq(l.v[k].key, "level");
	ck_assert_ptr_nonnull(strstr(l.v[k].msg, "A/B/C/D"));
	rules_list_free(&l);
	rec_set(r, "level", "D");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	rules_list_free(&l);
	ck_assert_int_eq(acard_create(db, r, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(r, "next_date"), "2026-12-23");
	rec_free(r);
	/* a changed interval changes the suggestion, no rebuild */
	sql("UPDATE intent_levels SET interval_days=10 WHERE code='B'");
	ck_assert_str_eq(suggest("B", "2026-11-23"), "2026-12-03");
}
END_TEST

START_TEST(create_numbers_by_day_and_fills_the_plan)
{
	ck_assert_str_eq(card("张三", "13800138000", "小王", "H", ""), "A20261123-0001");
	ck_assert_str_eq(card("李四", "13800138001", "小王", "B", "2026-11-28"), "A20261123-0002");
	struct rec *r = rec_new(aform);
	char err[512];
	ck_assert_int_eq(acard_load_no(db, "A20261123-0001", r, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(r, "status"), "跟进中");
	ck_assert_str_eq(rec_get(r, "created_date"), "2026-11-23");
	ck_assert_str_eq(rec_get(r, "next_date"), "2026-11-25"); /* H's suggestion */
	ck_assert_int_eq(acard_load_no(db, "A20261123-0002", r, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(r, "next_date"), "2026-11-28"); /* given, kept */
	/* an earlier 建卡日期 numbers in its own day */
	struct rec *b = new_card("王五", "13800138002", "小李", "A");
	rec_set(b, "created_date", "2026-11-20");
	rec_set(b, "card_no", "X-should-be-ignored");
	ck_assert_int_eq(acard_create(db, b, "小李", err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(b, "card_no"), "A20261120-0001");
	/* an edit keeps the system's fields and re-derives the status */
	ck_assert_int_eq(acard_load_no(db, "A20261123-0001", r, err, sizeof err), ST_OK);
	rec_set(r, "color", "白色");
	rec_set(r, "card_no", "A999");
	rec_set(r, "next_date", "");
	ck_assert_int_eq(acard_update(db, r, NULL, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT color || next_date FROM acards WHERE card_no='A20261123-0001'"),
	                 "白色2026-11-25");
	ck_assert_str_eq(raw_text("SELECT count(*) FROM acards WHERE card_no='A999'"), "0");
	ck_assert_str_eq(raw_text("SELECT count(*) FROM audit_log WHERE action='新建A卡'"), "3");
	ck_assert_str_eq(raw_text("SELECT detail FROM audit_log WHERE action='修改A卡'"),
	                 "颜色: （空） → 白色");
	/* two terminals on the card: the later save keeps the other's change
	 * in the fields it left alone, and refuses one both changed */
	struct rec *base = rec_new(aform), *other = rec_new(aform);
	ck_assert_int_eq(acard_load_no(db, "A20261123-0001", r, err, sizeof err), ST_OK);
	rec_copy(base, r);
	base->id = r->id;
	ck_assert_int_eq(acard_load_no(db, "A20261123-0001", other, err, sizeof err), ST_OK);
	rec_set(other, "config", "旗舰型");
	ck_assert_int_eq(acard_update(db, other, NULL, "小李", err, sizeof err), ST_OK);
	rec_set(r, "compare_model", "汉EV");
	ck_assert_int_eq(acard_update(db, r, base, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT config || '/' || compare_model FROM acards WHERE card_no='A20261123-0001'"),
	                 "旗舰型/汉EV");
	ck_assert_int_eq(acard_load_no(db, "A20261123-0001", r, err, sizeof err), ST_OK);
	rec_copy(base, r);
	rec_set(other, "color", "黑色");
	ck_assert_int_eq(acard_update(db, other, NULL, "小李", err, sizeof err), ST_OK);
	rec_set(r, "color", "红色");
	ck_assert_int_eq(acard_update(db, r, base, "小王", err, sizeof err), ST_CHANGED);
	ck_assert_str_eq(err, "颜色 在本页打开后已由其他终端改为“黑色”");
	ck_assert_int_eq(acard_update(db, r, base, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT color FROM acards WHERE card_no='A20261123-0001'"), "红色");
	rec_free(other);
	rec_free(base);
	rec_free(b);
	rec_free(r);
}
END_TEST

START_TEST(an_empty_followup_is_refused)
{
	char *no = card("张三", "13800138000", "小王", "H", "");
	char err[512] = "";
	struct rec *f = fu(no, "2026-11-23", " \xe3\x80\x80 ", "A", ""); /* spaces, ideographic too */
	struct rule_list l = { 0 };
	ck_assert_int_eq(rules_check(f, RP_SAVE, &l), 1);
	ck_assert_str_eq(l.v[0].key, "content");
	ck_assert_str_eq(l.v[0].msg, "访问记录：必填项，不能为空");
	rules_list_free(&l);
	/* and the schema backs the rule should a caller skip it */
	rec_set(f, "content", "   ");
	ck_assert_int_eq(acard_add_followup(db, f, "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(raw_text("SELECT count(*) FROM acard_followups"), "0");
	ck_assert_str_eq(raw_text("SELECT level FROM acards"), "H");
	rec_free(f);
}
END_TEST

START_TEST(a_followup_moves_the_card_on)
{
	char no[32], err[512];
	snprintf(no, sizeof no, "%s", card("张三", "13800138000", "小王", "H", ""));
	ck_assert_int_eq(add_fu(no, "2026-11-23", "客户说再比较一下", "A", "", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT level || ' ' || next_date || ' ' || status FROM acards"),
	                 "A 2026-11-26 跟进中");
	ck_assert_str_eq(raw_text("SELECT staff FROM acard_followups"), "小王");
	setenv("DESK4S_TODAY", "2026-11-26", 1);
	ck_assert_int_eq(add_fu(no, "2026-11-26", "约周六试驾", "H", "2026-11-28", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT level || ' ' || next_date FROM acards"), "H 2026-11-28");
	/* a late entry of an older call is history: the card stays */
	ck_assert_int_eq(add_fu(no, "2026-11-24", "补录：微信发了报价", "B", "", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT level || ' ' || next_date FROM acards"), "H 2026-11-28");
	struct acard_fu_row rows[8];
	ck_assert_int_eq(acard_followups(db, no, rows, 8, err, sizeof err), 3);
	ck_assert_str_eq(rows[0].fu_date, "2026-11-26");
	ck_assert_str_eq(rows[0].content, "约周六试驾");
	ck_assert_str_eq(rows[1].fu_date, "2026-11-24");
	ck_assert_str_eq(rows[2].fu_date, "2026-11-23");
	struct rec *f = rec_new(fform);
	ck_assert_int_eq(acard_followup_load(db, rows[0].id, f, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(f, "next_date"), "2026-11-28");
	rec_free(f);
	/* no such card */
	ck_assert_int_eq(add_fu("A20991231-0001", "2026-11-26", "x", "H", "", err, sizeof err), ST_NOTFOUND);
	ck_assert_str_eq(err, "A卡编号：找不到 A卡 A20991231-0001");
	ck_assert_str_eq(raw_text("SELECT count(*) FROM audit_log WHERE action='A卡回访'"), "3");
}
END_TEST

START_TEST(an_ordered_card_stays_active_until_delivery)
{
	char no[32], err[512];
	snprintf(no, sizeof no, "%s", card("张三", "13800138000", "小王", "H", ""));
	ck_assert_int_eq(add_fu(no, "2026-11-23", "签了订单，交了定金", "O", "", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT status || ' ' || next_date FROM acards"), "已订车 2026-11-25");
	struct acard_row rows[4];
	ck_assert_int_eq(acard_list(db, &(struct acard_filter){ .consultant = "小王" }, 0, rows, 4, err,
	                            sizeof err), 1);
	ck_assert_str_eq(rows[0].status, "已订车");
	/* still followed up: the plan is required and the records go on */
	ck_assert_int_eq(add_fu(no, "2026-11-23", "车到港，约交车时间", "O", "", err, sizeof err), ST_OK);
	ck_assert_int_eq(acard_close_won(db, no, "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT status || ' ' || closed_at FROM acards"), "成交 2026-11-23 09:30");
	ck_assert_int_eq(acard_list(db, NULL, 0, rows, 4, err, sizeof err), 0);
	ck_assert_int_eq(add_fu(no, "2026-11-23", "交车后回访", "O", "", err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "已成交"));
	ck_assert_int_eq(acard_close_won(db, no, "小王", err, sizeof err), ST_CONSTRAINT);
}
END_TEST

START_TEST(lost_needs_a_reason)
{
	char no[32], err[512];
	snprintf(no, sizeof no, "%s", card("张三", "13800138000", "小王", "C", ""));
	ck_assert_int_eq(acard_close_lost(db, no, "", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "战败原因：必填项，不能为空");
	ck_assert_int_eq(acard_close_lost(db, no, " \xe3\x80\x80", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(raw_text("SELECT status FROM acards"), "跟进中");
	ck_assert_int_eq(acard_close_lost(db, no, "买了竞品", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT status || ' ' || lost_reason FROM acards"), "战败 买了竞品");
	struct rec *r = rec_new(aform);
	ck_assert_int_eq(acard_load_no(db, no, r, err, sizeof err), ST_OK);
	rec_set(r, "color", "红");
	ck_assert_int_eq(acard_update(db, r, NULL, "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "A卡 A20261123-0001 已战败，不能修改");
	rec_free(r);
	ck_assert_str_eq(raw_text("SELECT detail FROM audit_log WHERE action='A卡战败'"),
	                 "A卡 A20261123-0001（张三）战败：买了竞品");
}
END_TEST

/* A lost prospect who comes back follows on on the same card: only a
 * 战败 card, with a reason and a next call not in the past, and not while
 * another card follows the mobile; the lost reason stays in the log and
 * the card's call is due again. */
START_TEST(a_lost_card_is_reopened)
{
	char no[32], err[512];
	snprintf(no, sizeof no, "%s", card("张三", "13800138000", "小王", "C", ""));
	ck_assert_int_eq(acard_reopen(db, no, "2026-11-30", "又来店", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "A卡 A20261123-0001 是跟进中，不是战败，无需激活");
	ck_assert_int_eq(acard_close_lost(db, no, "买了竞品", "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(acard_reopen(db, no, "2026-11-30", " ", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "激活原因：必填项，不能为空");
	ck_assert_int_eq(acard_reopen(db, no, "2026-11-22", "又来店", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "下次回访计划：2026-11-22 早于今天（2026-11-23），应是今天或以后");
	ck_assert_int_eq(acard_reopen(db, no, "", "又来店", "小王", err, sizeof err), ST_CONSTRAINT);
	/* the prospect came back to another consultant meanwhile */
	char other[32];
	snprintf(other, sizeof other, "%s", card("张三", "13800138000", "小李", "H", ""));
	ck_assert_int_eq(acard_reopen(db, no, "2026-11-30", "又来店", "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "手机号 13800138000 已有跟进中的 A卡 A20261123-0002（销售顾问 小李），请在那张卡上记录");
	ck_assert_int_eq(acard_close_lost(db, other, "联系不上", "小李", err, sizeof err), ST_OK);
	ck_assert_int_eq(acard_reopen(db, no, "2026-11-30", "又来店看车", "小王", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT status || ' ' || next_date || ' ' || coalesce(lost_reason, '-') || ' ' ||"
	                          " coalesce(closed_at, '-') FROM acards WHERE card_no = 'A20261123-0001'"),
	                 "跟进中 2026-11-30 - -");
	ck_assert_str_eq(raw_text("SELECT detail FROM audit_log WHERE action = 'A卡激活'"),
	                 "A卡 A20261123-0001（张三）重新激活：又来店看车；下次回访 2026-11-30；原战败原因：买了竞品");
	ck_assert_str_eq(raw_text("SELECT due_date FROM due_feed WHERE kind = 'A卡回访'"), "2026-11-30");
	/* and it works on as any card */
	ck_assert_int_eq(add_fu(no, "2026-11-23", "约周六试驾", "H", "", err, sizeof err), ST_OK);
}
END_TEST

START_TEST(review_signs_and_new_records_ask_again)
{
	char no[32], err[512];
	snprintf(no, sizeof no, "%s", card("张三", "13800138000", "小王", "H", ""));
	card("李四", "13800138001", "小李", "A", "");
	struct acard_row rows[4];
	ck_assert_int_eq(acard_awaiting_review(db, 0, rows, 4, err, sizeof err), 2);
	ck_assert_int_eq(acard_review(db, no, "经理", "  ", "mgr", err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "审核意见"));
	ck_assert_int_eq(acard_review(db, no, "", "好", "mgr", err, sizeof err), ST_CONSTRAINT);
	ck_assert_int_eq(acard_review(db, no, "经理", "首次接待概况完整，周末前约试驾", "mgr", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT review_by || ' ' || review_at || ' ' || review_comment FROM acards"
	                          " WHERE card_no='A20261123-0001'"),
	                 "经理 2026-11-23 09:30 首次接待概况完整，周末前约试驾");
	ck_assert_int_eq(acard_awaiting_review(db, 0, rows, 4, err, sizeof err), 1);
	ck_assert_str_eq(rows[0].name, "李四");
	/* a record added after the review asks for it again */
	setenv("DESK4S_NOW", "2026-11-23 15:00:00", 1);
	ck_assert_int_eq(add_fu(no, "2026-11-23", "电话确认周六试驾", "H", "", err, sizeof err), ST_OK);
	ck_assert_int_eq(acard_awaiting_review(db, 0, rows, 4, err, sizeof err), 2);
	setenv("DESK4S_NOW", "2026-11-23 16:00:00", 1);
	ck_assert_int_eq(acard_review(db, no, "经理", "跟进及时", "mgr", err, sizeof err), ST_OK);
	ck_assert_int_eq(acard_awaiting_review(db, 0, rows, 4, err, sizeof err), 1);
	/* and so does closing it */
	setenv("DESK4S_NOW", "2026-11-24 10:00:00", 1);
	ck_assert_int_eq(acard_close_lost(db, no, "预算不够", "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(acard_awaiting_review(db, 0, rows, 4, err, sizeof err), 2);
	ck_assert_str_eq(raw_text("SELECT staff FROM audit_log WHERE action='审核A卡'"), "mgr");
}
END_TEST

/* The manager signs what the card showed: a record the consultant added
 * meanwhile at another terminal, or the card saved there, refuses the
 * signature saying so (the card stays 待审核); read again, it signs.  The
 * review used to cover the record nobody read and take the card off the
 * list. */
START_TEST(a_review_does_not_sign_a_record_added_meanwhile)
{
	char no[32], err[512];
	snprintf(no, sizeof no, "%s", card("张三", "13800138000", "小王", "H", ""));
	struct acard_row rows[4];
	struct rec *base = rec_new(aform);
	ck_assert_int_eq(acard_load_no(db, no, base, err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2026-11-23 15:00:00", 1);
	ck_assert_int_eq(add_fu(no, "2026-11-23", "电话确认周六试驾", "H", "", err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2026-11-23 15:05:00", 1);
	ck_assert_int_eq(acard_review_seen(db, no, base, 0, "经理", "首次接待概况完整", "mgr", err, sizeof err),
	                 ST_CHANGED);
	ck_assert_msg(strstr(err, "1 条访问记录") && strstr(err, "其他终端"), "%s", err);
	ck_assert_int_eq(acard_awaiting_review(db, 0, rows, 4, err, sizeof err), 1);
	struct acard_fu_row fr[4];
	ck_assert_int_eq(acard_followups(db, no, fr, 4, err, sizeof err), 1);
	ck_assert_int_eq(acard_load_no(db, no, base, err, sizeof err), ST_OK);
	/* the card itself saved meanwhile: refused too, naming the field */
	struct rec *theirs = rec_new(aform);
	ck_assert_int_eq(acard_load_no(db, no, theirs, err, sizeof err), ST_OK);
	rec_set(theirs, "resources", "客户周六上午来");
	ck_assert_msg(acard_update(db, theirs, NULL, "小王", err, sizeof err) == ST_OK, "%s", err);
	ck_assert_int_eq(acard_review_seen(db, no, base, fr[0].id, "经理", "跟进及时", "mgr", err, sizeof err),
	                 ST_CHANGED);
	ck_assert_msg(strstr(err, "其他终端") && strstr(err, "客户周六上午来"), "%s", err);
	ck_assert_int_eq(acard_load_no(db, no, base, err, sizeof err), ST_OK);
	ck_assert_int_eq(acard_review_seen(db, no, base, fr[0].id, "经理", "跟进及时", "mgr", err, sizeof err), ST_OK);
	ck_assert_int_eq(acard_awaiting_review(db, 0, rows, 4, err, sizeof err), 0);
	rec_free(base);
	rec_free(theirs);
}
END_TEST

START_TEST(a_won_card_prefills_the_customer)
{
	struct rec *r = new_card("张三", "13800138000", "小王", "H");
	rec_set(r, "sex", "男");
	rec_set(r, "age", "30");
	rec_set(r, "address", "文三路1号");
	rec_set(r, "industry", "教育");
	rec_set(r, "purpose", "家用");
	rec_set(r, "info_source", "路过");
	rec_set(r, "color", "白色");
	rec_set(r, "config", "旗舰型");
	rec_set(r, "buy_method", "置换"); /* the customer sheet has no 置换 */
	rec_set(r, "company", "某中学");
	char err[512];
	ck_assert_int_eq(acard_create(db, r, "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(acard_close_won(db, rec_get(r, "card_no"), "小王", err, sizeof err), ST_OK);
	struct rec *c = rec_new(cform);
	rec_set(c, "mobile", "13900001111"); /* what the sheet already has stays */
	ck_assert_int_eq(acard_prefill_customer(db, "A20261123-0001", c, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(c, "prospect_no"), "A20261123-0001");
	ck_assert_str_eq(rec_get(c, "name"), "张三");
	ck_assert_str_eq(rec_get(c, "mobile"), "13900001111");
	ck_assert_str_eq(rec_get(c, "sex"), "男");
	ck_assert_str_eq(rec_get(c, "nature"), "个人");
	ck_assert_str_eq(rec_get(c, "address"), "文三路1号");
	ck_assert_str_eq(rec_get(c, "industry"), "教育");
	ck_assert_str_eq(rec_get(c, "purpose"), "家用");
	ck_assert_str_eq(rec_get(c, "age_band"), "26-35岁");
	ck_assert_str_eq(rec_get(c, "source"), "自来");
	ck_assert_str_eq(rec_get(c, "archive"), "");   /* set at delivery, not at 成交 */
	ck_assert_str_eq(rec_get(c, "model"), "宋PLUS");
	ck_assert_str_eq(rec_get(c, "color"), "白色");
	ck_assert_str_eq(rec_get(c, "config"), "旗舰型");
	ck_assert_str_eq(rec_get(c, "consultant"), "小王");
	ck_assert_str_eq(rec_get(c, "pay_method"), "");
	ck_assert_int_eq(acard_prefill_customer(db, "A1", c, err, sizeof err), ST_NOTFOUND);
	ck_assert_str_eq(err, "潜客编号：找不到 A卡 A1");
	/* one card, one customer: linked once, a second is refused by name */
	sql("INSERT INTO customers(id, cust_no, nature, category, source, name, mobile)"
	    " VALUES(7, 'C00000007', '个人', '个人', '自来', '张三', '13800138000'),"
	    " (8, 'C00000008', '个人', '个人', '自来', '张叁', '13800138000')");
	char who[200] = "";
	ck_assert_int_eq(acard_held_by(db, "A20261123-0001", 0, who, sizeof who, err, sizeof err), 0);
	ck_assert_int_eq(acard_link_customer(db, "A20261123-0001", 7, "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(acard_link_customer(db, "A20261123-0001", 7, "小王", err, sizeof err), ST_OK); /* again: the same */
	ck_assert_int_eq(acard_held_by(db, "A20261123-0001", 8, who, sizeof who, err, sizeof err), 1);
	ck_assert_str_eq(who, "C00000007 张三");
	ck_assert_int_eq(acard_link_customer(db, "A20261123-0001", 8, "小王", err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "潜客编号：A卡 A20261123-0001 已建客户档案（C00000007 张三），一张 A卡只对应一位客户");
	ck_assert_str_eq(raw_text("SELECT customer_id FROM acards"), "7");
	rec_free(c);
	rec_free(r);
}
END_TEST

START_TEST(lists_put_overdue_cards_first)
{
	card("甲", "13800000001", "小王", "H", "2026-11-25");
	card("乙", "13800000002", "小王", "A", "2026-11-20");
	card("丙", "13800000003", "小李", "A", "2026-11-21");
	card("丁", "13800000004", "小王", "A", "2026-11-22");
	char *lost = card("戊", "13800000005", "小王", "C", "2026-11-01");
	char err[512];
	ck_assert_int_eq(acard_close_lost(db, lost, "联系不上", "小王", err, sizeof err), ST_OK);
	struct acard_row rows[8];
	struct acard_filter mine = { .consultant = "小王" };
	ck_assert_int_eq(acard_list(db, &mine, 0, rows, 8, err, sizeof err), 3);
	ck_assert_str_eq(rows[0].name, "乙");
	ck_assert_int_eq(rows[0].overdue, 1);
	ck_assert_str_eq(rows[1].name, "丁");
	ck_assert_int_eq(rows[1].overdue, 1);
	ck_assert_str_eq(rows[2].name, "甲");
	ck_assert_int_eq(rows[2].overdue, 0);
	ck_assert_int_eq(acard_count(db, &mine, err, sizeof err), 3);
	/* paging */
	ck_assert_int_eq(acard_list(db, &mine, 1, rows, 1, err, sizeof err), 1);
	ck_assert_str_eq(rows[0].name, "丁");
	ck_assert_int_eq(acard_list(db, NULL, 0, rows, 8, err, sizeof err), 4);
	ck_assert_str_eq(rows[1].name, "丙");
	ck_assert_int_eq(acard_list(db, &(struct acard_filter){ .level = "A" }, 0, rows, 8, err, sizeof err), 3);
	ck_assert_int_eq(acard_list(db, &(struct acard_filter){ "小王", "A" }, 0, rows, 8, err, sizeof err), 2);
	ck_assert_int_eq(acard_count(db, &(struct acard_filter){ .level = "A" }, err, sizeof err), 3);
	ck_assert_int_eq(acard_count(db, NULL, err, sizeof err), 4);
	/* the manager's grid: consultant, then level in the table's order */
	struct acard_tally t[8];
	ck_assert_int_eq(acard_tallies(db, t, 8, err, sizeof err), 3);
	ck_assert_str_eq(t[0].consultant, "小李");
	ck_assert_str_eq(t[1].consultant, "小王");
	ck_assert_str_eq(t[1].level, "H");
	ck_assert_int_eq(t[1].cards, 1);
	ck_assert_int_eq(t[1].overdue, 0);
	ck_assert_str_eq(t[2].level, "A");
	ck_assert_int_eq(t[2].cards, 2);
	ck_assert_int_eq(t[2].overdue, 2);
}
END_TEST

/* acard.c's NOW_CONS: the consultant an ended card is now, through a rename */
#define NOW_CONS \
	"coalesce((SELECT sn.name FROM staff_renames sr JOIN staff sn ON sn.id = sr.staff_id" \
	" WHERE sr.old_name = acards.consultant AND sr.at > coalesce(acards.closed_at,'')" \
	" ORDER BY sr.at, sr.id LIMIT 1), acards.consultant)"

/* The list statements of acard.c, shape for shape: each must page on an
 * index without sorting, however many cards there are. */
START_TEST(lists_page_on_an_index)
{
	sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 20000)"
	    " INSERT INTO acards(card_no, created_date, consultant, name, level, next_date, status, lost_reason,"
	    " closed_at)"
	    " SELECT printf('A20200101-%05d', i), '2020-01-01', '顾问' || (i % 12), '客户' || i,"
	    " substr('HABC', i % 4 + 1, 1), date('2026-11-01', '+' || (i % 90) || ' days'),"
	    " CASE WHEN i % 3 = 0 THEN '战败' ELSE '跟进中' END, CASE WHEN i % 3 = 0 THEN '无' END,"
	    " CASE WHEN i % 3 = 0 THEN datetime('2026-01-01', '+' || i || ' minutes') END FROM n;"
	    /* 顾问6 was 顾问12 until the cards were closed */
	    "INSERT INTO staff(id, login, name, role) VALUES(5, 'g6', '顾问6', '销售顾问');"
	    "UPDATE acards SET consultant = '顾问12' WHERE consultant = '顾问6' AND id % 24 = 6;"
	    "INSERT INTO staff_renames(staff_id, old_name, new_name, at) VALUES(5, '顾问12', '顾问6', '2027-01-01 00:00:00');"
	    "ANALYZE;");
	static const char *const plans[] = {
		"SELECT id FROM acards WHERE status IN ('跟进中','已订车') ORDER BY next_date, id LIMIT 50 OFFSET 9000",
		"SELECT id FROM acards WHERE status IN ('跟进中','已订车') AND consultant='顾问4'"
		" ORDER BY next_date, id LIMIT 50 OFFSET 900",
		"SELECT id FROM acards WHERE status IN ('跟进中','已订车') AND level='A'"
		" ORDER BY next_date, id LIMIT 50 OFFSET 900",
		"SELECT id FROM acards WHERE status IN ('跟进中','已订车') AND consultant='顾问4' AND level='A'"
		" ORDER BY next_date, id LIMIT 50 OFFSET 90",
		/* the ended cards, the latest first */
		"SELECT id FROM acards WHERE status IN ('成交','战败') ORDER BY closed_at DESC, id DESC LIMIT 50 OFFSET 5000",
		/* one consultant's, whose account has had no other name; and one's
		 * whose account has (the names read off the list's order) */
		"SELECT id FROM acards WHERE status IN ('成交','战败') AND consultant='顾问4' AND " NOW_CONS "='顾问4'"
		" ORDER BY closed_at DESC, id DESC LIMIT 50 OFFSET 500",
		"SELECT id FROM acards WHERE status IN ('成交','战败') AND (+consultant='顾问6' OR +consultant IN"
		" (SELECT sr.old_name FROM staff_renames sr JOIN staff s ON s.id = sr.staff_id WHERE s.name = '顾问6'))"
		" AND " NOW_CONS "='顾问6' ORDER BY closed_at DESC, id DESC LIMIT 50 OFFSET 500",
	};
	sqlite3 *h;
	sqlite3_open(path, &h);
	for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
		char q[1024], all[1024] = "";
		snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", plans[i]);
		sqlite3_stmt *s;
		ck_assert_int_eq(sqlite3_prepare_v2(h, q, -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			strncat(all, (const char *)sqlite3_column_text(s, 3), sizeof all - strlen(all) - 2);
			strcat(all, ";");
		}
		sqlite3_finalize(s);
		ck_assert_msg(strstr(all, "USING INDEX acards_") != NULL, "%s: %s", plans[i], all);
		ck_assert_msg(strstr(all, "TEMP B-TREE") == NULL, "%s: %s", plans[i], all);
	}
	sqlite3_close(h);
	char err[256];
	struct acard_row rows[50];
	ck_assert_int_eq(acard_list(db, &(struct acard_filter){ .consultant = "顾问4" }, 1000, rows, 50, err,
	                            sizeof err), 50);
	ck_assert_int_eq(acard_count(db, NULL, err, sizeof err), 13334);
	ck_assert_int_eq(acard_closed_list(db, NULL, 6000, rows, 50, err, sizeof err), 50);
	ck_assert_int_eq(acard_closed_count(db, NULL, err, sizeof err), 6666);
	ck_assert_int_eq(acard_closed_count(db, "顾问9", err, sizeof err), 1666);
	/* 顾问6's ended cards, those closed as 顾问12 among them */
	ck_assert_int_eq(acard_closed_count(db, "顾问6", err, sizeof err), 1667);
	ck_assert_int_eq(acard_closed_list(db, "顾问6", 500, rows, 50, err, sizeof err), 50);
	ck_assert_str_eq(raw_text("SELECT count(*) FROM acards WHERE status = '战败' AND consultant = '顾问12'"), "834");
}
END_TEST

/* The ended cards, for a lost prospect who comes back: the latest closed
 * first, a consultant's own or everyone's, the day each ended; a card
 * reopened leaves the list. */
START_TEST(ended_cards_are_listed_latest_first)
{
	char err[512], lost1[32], lost2[32], lost3[32];
	snprintf(lost1, sizeof lost1, "%s", card("甲", "13800000001", "小王", "H", "2026-11-25"));
	snprintf(lost2, sizeof lost2, "%s", card("乙", "13800000002", "小李", "A", "2026-11-25"));
	snprintf(lost3, sizeof lost3, "%s", card("丙", "13800000003", "小王", "A", "2026-11-25"));
	card("丁", "13800000004", "小王", "A", "2026-11-25");
	setenv("DESK4S_NOW", "2026-11-23 09:00:00", 1);
	ck_assert_int_eq(acard_close_lost(db, lost1, "联系不上", "小王", err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2026-11-23 10:00:00", 1);
	ck_assert_int_eq(acard_close_lost(db, lost2, "买了竞品", "小李", err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2026-11-23 11:00:00", 1);
	ck_assert_int_eq(acard_close_lost(db, lost3, "预算不够", "小王", err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2026-11-23 09:30:00", 1); /* as setup has it */
	struct acard_row rows[8];
	ck_assert_int_eq(acard_closed_list(db, NULL, 0, rows, 8, err, sizeof err), 3);
	ck_assert_str_eq(rows[0].name, "丙");
	ck_assert_str_eq(rows[1].name, "乙");
	ck_assert_str_eq(rows[2].name, "甲");
	ck_assert_str_eq(rows[0].status, "战败");
	ck_assert_str_eq(rows[0].next_date, "2026-11-23"); /* the day it ended */
	ck_assert_int_eq(rows[0].overdue, 0);
	ck_assert_int_eq(acard_closed_count(db, NULL, err, sizeof err), 3);
	ck_assert_int_eq(acard_closed_list(db, "小王", 0, rows, 8, err, sizeof err), 2);
	ck_assert_str_eq(rows[0].name, "丙");
	ck_assert_str_eq(rows[1].name, "甲");
	ck_assert_int_eq(acard_closed_list(db, "小王", 1, rows, 8, err, sizeof err), 1);
	ck_assert_str_eq(rows[0].name, "甲");
	ck_assert_int_eq(acard_closed_count(db, "小王", err, sizeof err), 2);
	ck_assert_int_eq(acard_reopen(db, lost3, "2026-11-30", "又来店", "小王", err, sizeof err), ST_OK);
	ck_assert_int_eq(acard_closed_count(db, "小王", err, sizeof err), 1);
	ck_assert_int_eq(acard_closed_list(db, NULL, 0, rows, 8, err, sizeof err), 2);
	ck_assert_str_eq(rows[0].name, "乙");
}
END_TEST

/* A consultant renamed (`user name`) keeps the cards they closed under
 * the earlier names in their ended list, through each account's renames;
 * whoever takes a given-up name later has only their own.  Reopened, a
 * card closed under a given-up name follows on under the person's name
 * now, said in the log; one closed under a name kept stays as it was. */
START_TEST(ended_cards_follow_their_consultant_s_new_name)
{
	char err[512], lost_a[32], won_b[32], lost_c[32];
	struct staff_me admin;
	ck_assert_int_eq(staff_first_admin(db, "admin", "管理员", "admin-pass-1", &admin, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_add(db, &admin, "zhang", "张伟", AUTH_SALES, "zhang-pass-1", err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_add(db, &admin, "chen", "陈明", AUTH_SALES, "chen-pass-12", err, sizeof err), ST_OK);
	snprintf(lost_a, sizeof lost_a, "%s", card("甲", "13800000001", "张伟", "H", "2026-11-25"));
	snprintf(won_b, sizeof won_b, "%s", card("乙", "13800000002", "张伟", "A", "2026-11-25"));
	setenv("DESK4S_NOW", "2026-11-20 09:00:00", 1);
	ck_assert_int_eq(acard_close_lost(db, lost_a, "联系不上", "zhang", err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2026-11-20 10:00:00", 1);
	ck_assert_int_eq(acard_close_won(db, won_b, "zhang", err, sizeof err), ST_OK);
	/* 张伟 → 张伟伟 → 张薇; 陈明 takes the name 张伟 given up */
	setenv("DESK4S_NOW", "2026-11-21 10:00:00", 1);
	ck_assert_msg(staff_rename(db, &admin, "zhang", "张伟伟", err, sizeof err) == ST_OK, "%s", err);
	setenv("DESK4S_NOW", "2026-11-22 10:00:00", 1);
	ck_assert_msg(staff_rename(db, &admin, "chen", "张伟", err, sizeof err) == ST_OK, "%s", err);
	setenv("DESK4S_NOW", "2026-11-22 11:00:00", 1);
	ck_assert_msg(staff_rename(db, &admin, "zhang", "张薇", err, sizeof err) == ST_OK, "%s", err);
	setenv("DESK4S_NOW", "2026-11-23 09:00:00", 1);
	snprintf(lost_c, sizeof lost_c, "%s", card("丙", "13800000003", "张伟", "A", "2026-11-25"));
	ck_assert_int_eq(acard_close_lost(db, lost_c, "预算不够", "chen", err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2026-11-23 09:30:00", 1); /* as setup has it */

	struct acard_row rows[8];
	ck_assert_int_eq(acard_closed_list(db, "张薇", 0, rows, 8, err, sizeof err), 2);
	ck_assert_str_eq(rows[0].name, "乙");
	ck_assert_str_eq(rows[0].consultant, "张伟"); /* as it was closed */
	ck_assert_str_eq(rows[1].name, "甲");
	ck_assert_int_eq(acard_closed_list(db, "张薇", 1, rows, 8, err, sizeof err), 1);
	ck_assert_str_eq(rows[0].name, "甲");
	ck_assert_int_eq(acard_closed_count(db, "张薇", err, sizeof err), 2);
	ck_assert_int_eq(acard_closed_list(db, "张伟", 0, rows, 8, err, sizeof err), 1);
	ck_assert_str_eq(rows[0].name, "丙");
	ck_assert_int_eq(acard_closed_count(db, "张伟", err, sizeof err), 1);
	ck_assert_int_eq(acard_closed_list(db, "张伟伟", 0, rows, 8, err, sizeof err), 0);
	ck_assert_int_eq(acard_closed_count(db, NULL, err, sizeof err), 3);
	char now[64];
	ck_assert_int_eq(acard_consultant_now(db, rows[0].id, now, sizeof now, err, sizeof err), 0);
	ck_assert_int_eq(acard_closed_list(db, "张薇", 1, rows, 8, err, sizeof err), 1);
	ck_assert_int_eq(acard_consultant_now(db, rows[0].id, now, sizeof now, err, sizeof err), 0);
	ck_assert_str_eq(now, "张薇");

	ck_assert_int_eq(acard_reopen(db, lost_a, "2026-11-30", "又来店", "zhang", err, sizeof err), ST_OK);
	ck_assert_int_eq(acard_reopen(db, lost_c, "2026-11-30", "又来电", "chen", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT group_concat(name || ':' || consultant || ':' || status, ',') FROM"
	                          " (SELECT * FROM acards ORDER BY card_no)"),
	                 "甲:张薇:跟进中,乙:张伟:成交,丙:张伟:跟进中");
	ck_assert_str_eq(raw_text("SELECT detail FROM audit_log WHERE action = 'A卡激活' AND detail LIKE '%甲%'"),
	                 "A卡 A20261123-0001（甲）重新激活：又来店；下次回访 2026-11-30；销售顾问 张伟 已改名为 张薇，"
	                 "A卡随之改为 张薇；原战败原因：联系不上");
	ck_assert_str_eq(raw_text("SELECT detail FROM audit_log WHERE action = 'A卡激活' AND detail LIKE '%丙%'"),
	                 "A卡 A20261123-0003（丙）重新激活：又来电；下次回访 2026-11-30；原战败原因：预算不够");
	struct acard_filter mine = { .consultant = "张薇" };
	ck_assert_int_eq(acard_list(db, &mine, 0, rows, 8, err, sizeof err), 1);
	ck_assert_str_eq(rows[0].name, "甲");
}
END_TEST

/* ---- import and export ---- */

static int import_with(struct st_db *d, const char *kind, const char *text, int update, struct imp_stats *s,
                       char **report)
{
	char p[600], rep[600], err[512];
	snprintf(p, sizeof p, "%s/in-%s.csv", dir, kind);
	snprintf(rep, sizeof rep, "%s/rep-%s.csv", dir, kind);
	tu_write(p, text);
	struct fdef_form *f = fdef_load(imp_form_of(kind), NULL, err, sizeof err);
	ck_assert_int_eq(acard_levels_apply(d, f, err, sizeof err), ST_OK);
	struct imp_opts o = { .path = p, .staff = "t", .report = rep, .update = update };
	int rc = imp_run(d, kind, f, &o, s, err, sizeof err);
	ck_assert_msg(rc != 3, "%s", err);
	fdef_free(f);
	if (report)
		*report = tu_read(rep);
	return rc;
}

static int import_text(struct st_db *d, const char *kind, const char *text, struct imp_stats *s,
                       char **report)
{
	return import_with(d, kind, text, 0, s, report);
}

static char *export_text(struct st_db *d, const char *kind)
{
	char p[600], err[512];
	snprintf(p, sizeof p, "%s/out-%s.csv", dir, kind);
	FILE *out = fopen(p, "w");
	struct fdef_form *f = fdef_load(exp_form_of(kind), NULL, err, sizeof err);
	struct exp_opts o = { 0 };
	long rows;
	ck_assert_int_eq(exp_run(d, kind, f, out, &o, &rows, err, sizeof err), ST_OK);
	fclose(out);
	fdef_free(f);
	return tu_read(p);
}

static const char CARDS[] =
	"A卡编号,建卡日期,首次接待日期,销售顾问,姓名,性别,联系电话,欲购车型,信息来源,首次接待概况,意向级别,下次回访计划,状态,战败原因\n"
	"A20250301-0007,2025-03-01,2025-03-01,小王,张三,男,13800138000,宋PLUS,网络,看车,H,2026-11-20,,\n"
	",2026-11-02,2026-11-02,小李,李四,,13800138001,汉EV,车展,试驾,A,,,\n"
	"A20250301-0008,2025-03-01,2025-03-01,小王,王五,,13800138002,秦,路过,价格,C,2025-04-01,战败,买了别家\n"
	",2026-11-02,2026-11-02,,赵六,,13800138003,秦,路过,价格,C,,,\n"
	"A20250301-0007,2025-03-01,2025-03-01,小王,张三,男,13800138000,宋PLUS,网络,看车,A,2026-11-20,,\n"
	"A20250301-0007,2025-03-01,2025-03-01,小王,张三,男,13800138000,宋PLUS,网络,看车,H,2026-11-20,,\n";

static const char FOLLOWUPS[] =
	"A卡编号,回访日期,回访方式,访问记录,主要异议诉求,意向级别,下次回访,回访人\n"
	"A20250301-0007,2025-03-03,电话,约了试驾,价格,H,2025-03-05,小王\n"
	"A20250301-0007,2025-03-05,到店,试驾满意,,H,2025-03-07,小王\n"
	"A20250301-0099,2025-03-05,电话,打错了,,H,,小王\n"
	"A20250301-0007,2025-03-06,微信,,,H,,小王\n"
	"A20250301-0007,2025-03-03,电话,约了试驾,价格,H,2025-03-06,小王\n"
	"A20250301-0007,2025-03-03,电话,约了试驾,价格,H,2025-03-05,小王\n";

/* Another system's card list and follow-up log: its column names
 * (电话 read by content, 客户等级, 预算, 跟进日期, 跟进内容, 跟进人, 下次跟进日期)
 * and a template's required-column mark (*姓名) are taken. */
START_TEST(imports_take_other_systems_card_and_followup_columns)
{
	struct imp_stats s;
	char *rep;
	ck_assert_int_eq(import_text(db, "acards",
	                             "A卡编号,建档日期,首次接待日期,销售顾问,*姓名,电话,欲购车型,信息来源,首次接待概况,客户等级,预算,下次跟进日期\n"
	                             "A20261101-0001,2026-11-01,2026-11-01,小王,张三,13800138000,宋PLUS,网络,看车,A,150000,2026-11-20\n"
	                             "A20261101-0002,2026-11-01,2026-11-01,小王,李四,0571-88886666,汉EV,车展,试驾,B,,2026-11-25\n",
	                             &s, &rep), 0);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_msg(strstr(rep, "column.unknown") == NULL, "%s", rep);
	free(rep);
	ck_assert_str_eq(raw_text("SELECT mobile || ' ' || level || ' ' || CAST(budget AS INTEGER) || ' ' || next_date FROM acards"
	                          " WHERE card_no='A20261101-0001'"),
	                 "13800138000 A 150000 2026-11-20");
	ck_assert_str_eq(raw_text("SELECT coalesce(mobile,'') || '/' || other_contact FROM acards WHERE card_no='A20261101-0002'"),
	                 "/0571-88886666");
	ck_assert_int_eq(import_text(db, "followups",
	                             "A卡编号,跟进日期,跟进方式,跟进内容,跟进人,下次跟进日期\n"
	                             "A20261101-0001,2026-11-03,电话,约了试驾,小王,2026-11-08\n",
	                             &s, &rep), 0);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_msg(strstr(rep, "column.unknown") == NULL, "%s", rep);
	free(rep);
	ck_assert_str_eq(raw_text("SELECT fu_date || ' ' || method || ' ' || content || ' ' || staff || ' ' || next_date"
	                          " FROM acard_followups"),
	                 "2026-11-03 电话 约了试驾 小王 2026-11-08");
}
END_TEST

/* Card numbers are stored upper case: one a file gives in lower case
 * (typed, or from a system that keeps them so) finds its card. */
START_TEST(a_card_number_in_lower_case_finds_its_card)
{
	struct imp_stats s;
	char *rep;
	ck_assert_int_eq(import_text(db, "acards", CARDS, &s, &rep), 1);
	free(rep);
	ck_assert_int_eq(import_text(db, "followups",
	                             "A卡编号,回访日期,回访方式,访问记录,意向级别,下次回访,回访人\n"
	                             "a20250301-0007,2025-03-03,电话,约了试驾,H,2025-03-05,小王\n",
	                             &s, &rep), 0);
	ck_assert_msg(s.imported == 1, "%s", rep);
	free(rep);
	ck_assert_str_eq(raw_text("SELECT card_no FROM acard_followups"), "A20250301-0007");
	/* the same record again, the number as stored: in already */
	ck_assert_int_eq(import_text(db, "followups",
	                             "A卡编号,回访日期,回访方式,访问记录,意向级别,下次回访,回访人\n"
	                             "A20250301-0007,2025-03-03,电话,约了试驾,H,2025-03-05,小王\n",
	                             &s, &rep), 0);
	ck_assert_int_eq(s.already, 1);
	free(rep);
	/* a visit naming the card in lower case is linked to it */
	ck_assert_int_eq(import_text(db, "visits",
	                             "来电或到店,到店时间,客户名称,手机号,信息来源,销售顾问,A卡编号\n"
	                             "到店,2025-03-05 10:00,张三,13800138000,网络,小王,a20250301-0007\n",
	                             &s, &rep), 0);
	ck_assert_msg(s.imported == 1, "%s", rep);
	free(rep);
	ck_assert_str_eq(raw_text("SELECT acard_no FROM visits"), "A20250301-0007");
}
END_TEST

START_TEST(imports_report_like_the_customer_import)
{
	struct imp_stats s;
	char *rep;
	ck_assert_int_eq(import_text(db, "acards", CARDS, &s, &rep), 1);
	ck_assert_int_eq(s.rows, 6);
	ck_assert_int_eq(s.imported, 3);
	/* the card again with another level is refused; the card again as it
	 * is, is not stored twice: both repeat a line of the same file, not a
	 * record in before the run */
	ck_assert_int_eq(s.refused, 2);
	ck_assert_int_eq(s.differs_in_file, 1);
	ck_assert_int_eq(s.repeated, 1);
	ck_assert_int_eq(s.differs, 0);
	ck_assert_int_eq(s.already, 0);
	ck_assert_msg(strstr(rep, "duplicate.in_file,warning,A卡编号：本行与本文件第"), "%s", rep);
	ck_assert_ptr_nonnull(strstr(rep, "line,field,label,code,severity,message\n"));
	ck_assert_ptr_nonnull(strstr(rep, "5,consultant,销售顾问,required,error,销售顾问：必填项，不能为空\n"));
	ck_assert_ptr_nonnull(strstr(rep, "6,card_no,A卡编号,duplicate.card_no,error,"
	                                  "A卡编号：A20250301-0007 已存在，不重复导入\n"));
	free(rep);
	/* a given number is kept; a missing one assigned by 建卡日期, with the plan */
	ck_assert_str_eq(raw_text("SELECT card_no || ' ' || next_date FROM acards WHERE name='李四'"),
	                 "A20261102-0001 2026-11-26");
	ck_assert_str_eq(raw_text("SELECT status FROM acards WHERE card_no='A20250301-0008'"), "战败");
	/* the cards without a number in another file: the same person's card of
	 * the same day is that card, not a new one */
	ck_assert_int_eq(import_text(db, "acards",
	                             "A卡编号,建卡日期,首次接待日期,销售顾问,姓名,联系电话,欲购车型,信息来源,首次接待概况,意向级别\n"
	                             ",2026-11-02,2026-11-02,小李,李四,13800138001,汉EV,车展,试驾,A\n"
	                             ",2026-11-02,2026-11-02,小李,李四,13800138001,汉EV,车展,试驾两次,A\n"
	                             ",2026-11-03,2026-11-03,小李,李四,13800138001,汉EV,车展,再来,A\n",
	                             &s, &rep), 1);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.already, 1);
	ck_assert_int_eq(s.refused, 1);
	ck_assert_msg(strstr(rep, "3,created_date,建卡日期,duplicate.acard,error,建卡日期：李四（13800138001）在 2026-11-02 建的 A卡已存在"),
	              "%s", rep);
	ck_assert_ptr_null(strstr(rep, "\n2,"));
	/* another day's card for the same mobile is stored, and said: two
	 * cards for one prospect are a dispute over the sale */
	ck_assert_msg(strstr(rep, "4,mobile,联系电话,duplicate.mobile,warning,联系电话：13800138001 已有跟进中的 A卡 "
	                          "A20261102-0001（销售顾问 小李），请确认是否同一客户\n"),
	              "%s", rep);
	free(rep);
	/* a card an earlier version stored with a space in the name (names are
	 * joined since): the same card, not a second one */
	sql("UPDATE acards SET name = '李 四' WHERE created_date = '2026-11-02'");
	ck_assert_int_eq(import_text(db, "acards",
	                             "A卡编号,建卡日期,首次接待日期,销售顾问,姓名,联系电话,欲购车型,信息来源,首次接待概况,意向级别\n"
	                             ",2026-11-02,2026-11-02,小李,李 四,13800138001,汉EV,车展,试驾,A\n",
	                             &s, &rep), 0);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_int_eq(s.already, 1);
	sql("UPDATE acards SET name = '李四' WHERE created_date = '2026-11-02'");
	free(rep);
	ck_assert_int_eq(import_text(db, "followups", FOLLOWUPS, &s, &rep), 1);
	ck_assert_int_eq(s.imported, 2);
	ck_assert_int_eq(s.refused, 3);
	/* lines 6 and 7 repeat line 2 of the same file */
	ck_assert_int_eq(s.already, 0);
	ck_assert_int_eq(s.repeated, 1);
	ck_assert_int_eq(s.differs_in_file, 1);
	ck_assert_msg(strstr(rep, "7,fu_date,回访日期,duplicate.in_file,warning,回访日期：本行与本文件第2行是同一条记录"), "%s", rep);
	ck_assert_ptr_nonnull(strstr(rep, "4,card_no,A卡编号,db.constraint,error,A卡编号：找不到 A卡 A20250301-0099，请先导入 A卡\n"));
	ck_assert_ptr_nonnull(strstr(rep, "5,content,访问记录,required,error,访问记录：必填项，不能为空\n"));
	ck_assert_ptr_nonnull(strstr(rep, "6,fu_date,回访日期,duplicate.followup,error,"));
	free(rep);
	/* history: the card keeps what the file of cards said */
	ck_assert_str_eq(raw_text("SELECT level || ' ' || next_date FROM acards WHERE card_no='A20250301-0007'"),
	                 "H 2026-11-20");
	/* four imports: the cards, the cards again, the card with a space, the calls */
	ck_assert_str_eq(raw_text("SELECT count(*) FROM audit_log WHERE action='导入'"), "4");
}
END_TEST

/* A card list exported again from another system, levels and plans moved
 * on, cards ended: --update takes it into the cards, forward only. */
START_TEST(imports_update_moves_cards_on_forward_only)
{
	struct imp_stats s;
	char *rep;
	ck_assert_int_eq(import_text(db, "acards", CARDS, &s, NULL), 1);
	static const char later[] =
		"A卡编号,建卡日期,首次接待日期,销售顾问,姓名,性别,联系电话,欲购车型,信息来源,首次接待概况,意向级别,下次回访计划,状态,战败原因\n"
		"A20250301-0007,2025-03-01,2025-03-01,小王,张三,男,13800138000,宋PLUS,网络,看车,O,2026-12-01,,\n"
		",2026-11-02,2026-11-02,小李,李四,,13800138001,汉EV,车展,试驾,A,,战败,\n"
		"A20250301-0008,2025-03-01,2025-03-01,小王,王五,,13800138002,秦,路过,价格,B,2025-04-01,战败,买了别家\n"
		"A20250301-0007,2025-03-02,2025-03-01,小王,张三,男,13800138000,宋PLUS,网络,看车,O,2026-12-01,,\n"
		"A20250301-0008,2025-03-01,2025-03-01,小王,王五,,13800138002,秦,路过,价格,C,2025-04-01,战败,买了别家\n"
		",2026-11-20,2026-11-20,小李,周八,,13800138004,汉EV,车展,试驾,B,,,\n"
		",2026-11-21,2026-11-21,小李,吴九,,13800138005,汉EV,车展,试驾,B,,战败,\n";
	/* without --update the moved cards are refused as differing; a card
	 * ended 战败 without its reason is refused saying so once */
	ck_assert_int_eq(import_text(db, "acards", later, &s, &rep), 1);
	ck_assert_msg(strstr(rep, "8,lost_reason,战败原因,required,error,战败原因：必填项，不能为空\n") && !strstr(rep, "\n8,,"),
	              "%s", rep);
	free(rep);
	ck_assert_int_eq(s.differs, 4);
	ck_assert_int_eq(s.already, 1);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(import_with(db, "acards", later, 1, &s, &rep), 1);
	ck_assert_int_eq(s.merged, 3); /* 0007, 0008 as it is, 周八 as it is */
	ck_assert_int_eq(s.unchanged, 2);
	ck_assert_int_eq(s.refused, 4);
	ck_assert_int_eq(s.imported, 0);
	/* an ordered level makes the card 已订车, with the file's plan */
	ck_assert_str_eq(raw_text("SELECT level || ' ' || status || ' ' || next_date FROM acards WHERE card_no='A20250301-0007'"),
	                 "O 已订车 2026-12-01");
	ck_assert_msg(strstr(rep, "2,card_no,A卡编号,merged,warning,已合并到A卡 A20250301-0007（更新 2 项：意向级别“H”→“O”；下次回访计划“2026-11-20”→“2026-12-01”）\n"),
	              "%s", rep);
	/* 战败 without its reason, a card ended already, another 建卡日期 */
	ck_assert_msg(strstr(rep, "3,lost_reason,战败原因,required,error,战败原因：必填项，不能为空\n"), "%s", rep);
	ck_assert_msg(strstr(rep, "4,card_no,A卡编号,db.constraint,error,A卡编号：A20250301-0008 已战败，不能用导入修改（已结束的 A卡保持原样）\n"),
	              "%s", rep);
	ck_assert_msg(strstr(rep, "5,created_date,建卡日期,acard.created_date,error,建卡日期：A卡 A20250301-0007 建于 2025-03-01，文件中为 2025-03-02；建卡日期不能用导入更改\n"),
	              "%s", rep);
	free(rep);
	ck_assert_str_eq(raw_text("SELECT level || ' ' || status FROM acards WHERE card_no='A20250301-0008'"), "C 战败");
	ck_assert_str_eq(raw_text("SELECT status FROM acards WHERE name='李四'"), "跟进中");
	/* an old system's card list with a landline in 联系电话: kept in
	 * 其他联系方式, said, the card in without its mobile (incomplete); the
	 * file run again edited finds it by its name and day */
	static const char landline[] =
		"A卡编号,建卡日期,首次接待日期,销售顾问,姓名,联系电话,欲购车型,信息来源,首次接待概况,意向级别\n"
		",2026-11-05,2026-11-05,小李,钱七,0571-88880000,汉EV,车展,试驾,A\n";
	ck_assert_int_eq(import_text(db, "acards", landline, &s, &rep), 0);
	ck_assert_int_eq(s.imported, 1);
	ck_assert_int_eq(s.incomplete, 1);
	ck_assert_msg(strstr(rep, "2,mobile,联系电话,phone.moved,warning,联系电话：“0571-88880000”是固定电话，已记入其他联系方式（本栏只记手机号）\n"),
	              "%s", rep);
	free(rep);
	ck_assert_str_eq(raw_text("SELECT coalesce(mobile, '-') || ' ' || other_contact FROM acards WHERE name='钱七'"),
	                 "- 0571-88880000");
	ck_assert_int_eq(import_text(db, "acards",
	                             "A卡编号,建卡日期,首次接待日期,销售顾问,姓名,联系电话,欲购车型,信息来源,首次接待概况,意向级别\n"
	                             ",2026-11-05,2026-11-05,小李,钱七,0571-88880000,汉EV,车展,试驾两次,A\n",
	                             &s, &rep), 1);
	ck_assert_int_eq(s.imported, 0);
	ck_assert_msg(strstr(rep, "建卡日期：钱七在 2026-11-05 建的 A卡已存在，不重复导入"), "%s", rep);
	free(rep);
	/* with its reason the card ends: closed now, off the due list, logged */
	ck_assert_int_eq(import_with(db, "acards",
	                             "A卡编号,建卡日期,首次接待日期,销售顾问,姓名,联系电话,欲购车型,信息来源,首次接待概况,意向级别,状态,战败原因\n"
	                             ",2026-11-02,2026-11-02,小李,李四,13800138001,汉EV,车展,试驾,A,战败,预算不够\n",
	                             1, &s, NULL), 0);
	ck_assert_int_eq(s.merged, 1);
	ck_assert_str_eq(raw_text("SELECT status || ' ' || lost_reason || ' ' || closed_at FROM acards WHERE name='李四'"),
	                 "战败 预算不够 2026-11-23 09:30");
	ck_assert_str_eq(raw_text("SELECT count(*) FROM due_feed WHERE kind='A卡回访' AND ref IN"
	                          " (SELECT card_no FROM acards WHERE name='李四')"), "0");
	ck_assert_str_eq(raw_text("SELECT count(*) FROM due_feed WHERE kind='A卡回访' AND ref='A20250301-0007'"
	                          " AND due_date='2026-12-01'"), "1");
	ck_assert_str_eq(raw_text("SELECT count(*) FROM audit_log WHERE action='修改A卡'"), "2");
	/* a record of a call exported again with its objection since */
	ck_assert_int_eq(import_text(db, "followups", FOLLOWUPS, &s, NULL), 1);
	ck_assert_int_eq(import_with(db, "followups",
	                             "A卡编号,回访日期,回访方式,访问记录,主要异议诉求,意向级别,下次回访,回访人\n"
	                             "A20250301-0007,2025-03-05,到店,试驾满意,嫌贵,H,2025-03-07,小王\n",
	                             1, &s, &rep), 0);
	ck_assert_int_eq(s.merged, 1);
	ck_assert_msg(strstr(rep, "已合并到A卡 A20250301-0007 在 2025-03-05 的访问记录（更新 1 项：主要异议诉求“（空）”→“嫌贵”）"),
	              "%s", rep);
	free(rep);
	ck_assert_str_eq(raw_text("SELECT objection FROM acard_followups WHERE fu_date='2025-03-05'"), "嫌贵");
	ck_assert_str_eq(raw_text("SELECT count(*) FROM audit_log WHERE action='修改访问记录'"), "1");
}
END_TEST

START_TEST(acards_round_trip_through_export)
{
	struct imp_stats s;
	ck_assert_int_eq(import_text(db, "acards", CARDS, &s, NULL), 1);
	ck_assert_int_eq(import_text(db, "followups", FOLLOWUPS, &s, NULL), 1);
	char err[512];
	char no[32];
	snprintf(no, sizeof no, "%s", card("孙七", "13800138009", "小王", "B", ""));
	ck_assert_int_eq(acard_review(db, no, "经理", "好", "mgr", err, sizeof err), ST_OK);
	ck_assert_int_eq(add_fu(no, "2026-11-23", "发了报价, \"含保险\"\n两行", "A", "", err, sizeof err), ST_OK);
	char *e1 = export_text(db, "acards"), *f1 = export_text(db, "followups");
	struct st_db *b;
	char p[600];
	snprintf(p, sizeof p, "%s/b.db", dir);
	ck_assert_int_eq(st_open(p, &b, err, sizeof err), ST_OK);
	ck_assert_int_eq(import_text(b, "acards", e1 + 3, &s, NULL), 0); /* past the BOM */
	ck_assert_int_eq(s.imported, 4);
	ck_assert_int_eq(import_text(b, "followups", f1 + 3, &s, NULL), 0);
	ck_assert_int_eq(s.imported, 3);
	char *e2 = export_text(b, "acards"), *f2 = export_text(b, "followups");
	ck_assert_str_eq(e1, e2);
	ck_assert_str_eq(f1, f2);
	ck_assert_ptr_nonnull(strstr(e1, "经理"));
	free(e1);
	free(e2);
	free(f1);
	free(f2);
	st_close(b);
}
END_TEST

/* Reopened after tu_damage_table: the store's words for a damaged file. */
static void reopen_damaged(const char *table)
{
	char err[512];
	st_close(db);
	tu_damage_table(path, table);
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
}

static int damaged_said(const char *err, const char *what)
{
	char head[96];
	snprintf(head, sizeof head, "%s失败：文件 ", what);
	return strstr(err, head) != NULL && strstr(err, "已损坏或不是 desk4s 数据库") != NULL;
}

/* A damaged file read as "no card", "no record" or "none later" numbered
 * a card -0001 again, let an import store a card or record twice, hid a
 * 撞单 and moved a card back to an older call.  Each is now an error with
 * the store's message, and an import stops at the row (exit 3). */
START_TEST(a_damaged_file_is_an_error_not_no_card)
{
	char err[512], no[32], pno[8], who[64];
	snprintf(no, sizeof no, "%s", card("张三", "13800138000", "小王", "H", ""));
	ck_assert_int_eq(add_fu(no, "2026-11-23", "约了试驾", "H", "", err, sizeof err), ST_OK);
	struct rec *f = fu(no, "2026-11-23", "约了试驾", "H", "");
	ck_assert_int_gt(acard_followup_exists(db, f, err, sizeof err), 0);

	reopen_damaged("acard_followups");
	err[0] = 0;
	ck_assert_int_eq(acard_followup_exists(db, f, err, sizeof err), -1);
	ck_assert_msg(damaged_said(err, "查找访问记录"), "%s", err);
	rec_free(f);
	/* whether a later call is on file is read before the record is written */
	err[0] = 0;
	ck_assert_int_eq(add_fu(no, "2026-11-22", "补录", "A", "", err, sizeof err), ST_ERROR);
	ck_assert_msg(damaged_said(err, "读取访问记录"), "%s", err);

	reopen_damaged("acards");
	err[0] = 0;
	ck_assert_int_eq(acard_exists(db, no, err, sizeof err), -1);
	ck_assert_msg(damaged_said(err, "查找A卡"), "%s", err);
	err[0] = 0;
	ck_assert_int_eq(acard_exists_for(db, "张三", "13800138000", "2026-11-23", err, sizeof err), -1);
	ck_assert_msg(damaged_said(err, "查找A卡"), "%s", err);
	err[0] = 0;
	ck_assert_int_eq(acard_exists_for(db, "张三", "", "2026-11-23", err, sizeof err), -1);
	ck_assert_msg(damaged_said(err, "查找A卡"), "%s", err);
	err[0] = 0;
	ck_assert_int_eq(acard_active_for(db, "13800138000", pno, sizeof pno, who, sizeof who, err, sizeof err), -1);
	ck_assert_msg(damaged_said(err, "查找A卡"), "%s", err);
	/* the day's numbers unread: no number is made up */
	struct rec *r = new_card("李四", "13800138001", "小王", "H");
	err[0] = 0;
	ck_assert_int_eq(acard_create(db, r, "小王", err, sizeof err), ST_ERROR);
	ck_assert_msg(damaged_said(err, "编A卡编号"), "%s", err);
	ck_assert_str_eq(rec_get(r, "card_no"), "");
	rec_free(r);

	/* an import stops at the row */
	char in[600], rep_path[600];
	snprintf(in, sizeof in, "%s/in-damaged.csv", dir);
	snprintf(rep_path, sizeof rep_path, "%s/rep-damaged.csv", dir);
	tu_write(in, CARDS);
	struct fdef_form *af = fdef_load(imp_form_of("acards"), NULL, err, sizeof err);
	ck_assert_ptr_nonnull(af);
	struct imp_opts o = { .path = in, .staff = "t", .report = rep_path };
	struct imp_stats st;
	err[0] = 0;
	ck_assert_int_eq(imp_run(db, "acards", af, &o, &st, err, sizeof err), 3);
	ck_assert_msg(strstr(err, "第2行：") && damaged_said(err, "查找A卡"), "%s", err);
	ck_assert_int_eq(st.imported, 0);
	fdef_free(af);
}
END_TEST

Suite *acard_suite(void)
{
	Suite *s = suite_create("acard");
	TCase *t = tcase_create("acard");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 60);
	tcase_add_test(t, levels_come_from_the_table);
	tcase_add_test(t, next_dates_cross_month_and_year_ends);
	tcase_add_test(t, a_brands_levels_are_data);
	tcase_add_test(t, create_numbers_by_day_and_fills_the_plan);
	tcase_add_test(t, an_empty_followup_is_refused);
	tcase_add_test(t, a_followup_moves_the_card_on);
	tcase_add_test(t, an_ordered_card_stays_active_until_delivery);
	tcase_add_test(t, lost_needs_a_reason);
	tcase_add_test(t, a_lost_card_is_reopened);
	tcase_add_test(t, review_signs_and_new_records_ask_again);
	tcase_add_test(t, a_review_does_not_sign_a_record_added_meanwhile);
	tcase_add_test(t, a_won_card_prefills_the_customer);
	tcase_add_test(t, lists_put_overdue_cards_first);
	tcase_add_test(t, lists_page_on_an_index);
	tcase_add_test(t, ended_cards_are_listed_latest_first);
	tcase_add_test(t, ended_cards_follow_their_consultant_s_new_name);
	tcase_add_test(t, imports_report_like_the_customer_import);
	tcase_add_test(t, a_card_number_in_lower_case_finds_its_card);
	tcase_add_test(t, imports_take_other_systems_card_and_followup_columns);
	tcase_add_test(t, imports_update_moves_cards_on_forward_only);
	tcase_add_test(t, acards_round_trip_through_export);
	tcase_add_test(t, a_damaged_file_is_an_error_not_no_card);
	suite_add_tcase(s, t);
	return s;
}
