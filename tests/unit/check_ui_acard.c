/* Key-script tests of the A-card screens: a walk-in logged, turned into an
 * A-card, a follow-up added (an empty one refused), reviewed as manager,
 * closed as 成交 into a customer registration through 潜客编号 (the card
 * linked to the customer); 战败 needing its reason; a consultant's own cards
 * and the manager's overview paging through thousands of cards generated
 * here, overdue first and marked. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "uirun.h"
#include "desk4s/auth.h"
#include "desk4s/staff.h"
#include "desk4s/acard.h"
#include "desk4s/clock.h"
#include "desk4s/customer.h"


#define LOGIN "wangwu"
#define PASSWORD "wangwu-pass-1"

/* The shop's accounts: an administrator, and the manager 王五 who works
 * the screens (a manager may review and see every card). */
static void setup(void)
{
	char path[512], err[512];
	dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/ui.db", dir);
	struct st_db *db;
	struct staff_me admin;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	ck_assert_msg(staff_first_admin(db, "admin", "管理员", "admin-pass-1", &admin, err, sizeof err) == ST_OK,
	              "%s", err);
	ck_assert_msg(staff_add(db, &admin, LOGIN, "王五", AUTH_MANAGER, PASSWORD, err, sizeof err) == ST_OK,
	              "%s", err);
	ck_assert_msg(staff_add(db, &admin, "li", "李前台", AUTH_RECEPTION, "Li-pass-1234", err, sizeof err) == ST_OK,
	              "%s", err);
	st_close(db);
}
static void teardown(void) { tu_rmtree(dir); }

/* The session's person as the sheets name them (销售顾问, 回访人, 审核签字):
 * the account's name, not its login. */
static const char *staff(void) { return "王五"; }

/* Run the program on keys at cols x lines on the test's database (kept
 * between runs of one test), logged in as 王五; the day and the clock are
 * pinned. */
static void run_keys(struct run *r, const char *keys, int cols, int lines)
{
	char *script = ui_script(LOGIN "<Enter>" PASSWORD "<Enter>", keys);
	int status = ui_play(script, cols, lines, "DESK4S_TODAY=2025-01-10 DESK4S_NOW='2025-01-10 09:30:00'", "ui.db");
	free(script);
	ui_screens(r, status, NULL);
}

/* A value from the test's database ("" when none). */
static const char *db_text(const char *q)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	return tu_sql_text(path, q);
}

#define TABS20 "<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>"
#define TABS21 TABS20 "<Tab>"
/* On the customer sheet 成交 opens (from the card): its remaining required
 * fields filled and saved through the important prompt. */
#define WON_SHEET "<Tab><Tab>自<Enter><Tab><Tab><Tab>110105198001010016" TABS21 \
	"浙<Enter>杭<Enter>西湖<Enter>文三路100号<Tab><Tab>2<F2>S"

/* A walk-in whose consultant is the session's staff member (so that it is
 * among "my" cards), saved, then F6: the A-card with the entry's data. */
static void walkin_keys(char *out, size_t outsz, const char *then)
{
	snprintf(out, outsz,
	         "2<F4>张三<Tab>１３８００１３８０００<Tab><Tab><Tab>瑞虎8<Tab>网<Enter>%s<Tab>1<Tab>"
	         "看了瑞虎8，关心油耗<F2><Esc><F6>%s",
	         staff(), then);
}

START_TEST(walkin_to_card_to_customer)
{
	struct run r;
	char keys[4096];
	walkin_keys(keys, sizeof keys,
	            "<Dump>"
	            /* 0: the card carries the entry; level B suggests the next date */
	            "男" TABS20 "B<Dump><F2>S<Dump>"
	            /* 1, 2: saved and numbered; then a follow-up: empty refused */
	            "<F5>1<Tab><F2><Dump>"
	            "电话沟通，约周六试驾<Tab>价格偏高<Tab>H<Dump><F2><Dump>"
	            /* 3..5: the record moves the card to H, next date from H */
	            "<F8><F2><Dump>同意跟进，周六安排试驾<F2><Dump>"
	            /* 6, 7: the review needs its comment */
	            "<F6><Dump>Y<Dump>"
	            /* 8, 9: 成交, then the customer sheet filled from the card */
	            WON_SHEET "<Dump>"
	            /* 10: saved; back on the card, now 成交 */
	            "<Esc><Dump><Esc><Dump>");
	run_keys(&r, keys, 80, 24);
	CONTAINS(&r, 0, "新建A卡（来自来店登记）\n");
	CONTAINS(&r, 0, "│ *姓名             [张三            ]   !性别             □男 □女             │\n");
	CONTAINS(&r, 0, "已带出来店登记的内容，请补全。意向级别决定下次回访计划。F2 保存后编号。\n");
	CONTAINS(&r, 1, "│ *意向级别     □O □H □A ■B □C            下次回访计划 [2025-01-17]            │\n");
	CONTAINS(&r, 2, "A卡 A20250110-0001  跟进中\n");
	CONTAINS(&r, 2, "── 访问记录（0 条） ──");
	CONTAINS(&r, 2, " 还没有访问记录。按 F5 添加。\n");
	CONTAINS(&r, 2, "已建 A卡 A20250110-0001（跟进中），下次回访 2025-01-17\n");
	CONTAINS(&r, 3, "未保存。必填项未填：访问记录。\n");
	CONTAINS(&r, 4, "│ *意向级别     □O ■H □A □B □C            下次回访     [2025-01-12]            │\n");
	CONTAINS(&r, 5, "── 访问记录（1 条） ──");
	CONTAINS(&r, 5, " 2025-01-10 电话 H  下次01-12 电话沟通，约周六试驾｜异议：价格偏高\n");
	CONTAINS(&r, 5, "│ *意向级别     □O ■H □A □B □C           *下次回访计划 [2025-01-12]            │\n");
	CONTAINS(&r, 5, "已添加 2025-01-10 的访问记录；意向级别 H，下次回访 2025-01-12\n");
	CONTAINS(&r, 6, "未保存。必填项未填：审核意见。\n");
	char signed_by[128];
	snprintf(signed_by, sizeof signed_by, "已审核：%s 2025-01-10 09:30\n", staff());
	CONTAINS(&r, 7, signed_by);
	CONTAINS(&r, 8, "A卡 A20250110-0001（张三）记为成交？");
	CONTAINS(&r, 8, "客户档案保存后 A卡随即结束。");
	CONTAINS(&r, 9, "│  潜客编号         [A20250110-0001]      首次交易日期     [2025-01-10]        │\n");
	CONTAINS(&r, 9, "│ *姓名/单位名称    [张三                    ]                                 │\n");
	CONTAINS(&r, 9, "│ *性别             ■男 □女              !出生日期         [          ]        │\n");
	CONTAINS(&r, 9, "已从 A卡 A20250110-0001 带出资料，请核对、补全后保存。\n");
	CONTAINS(&r, 10, "已保存：客户编号 C00000001\n");
	CONTAINS(&r, 11, "A卡 A20250110-0001  成交\n");
	CONTAINS(&r, 11, "│  状态         □跟进中 □已订车 ■成交 □战败                                    │\n");
	CONTAINS(&r, 12, " >  09:30 在店  到店 张三       13800138000 瑞虎8     网络");
	CONTAINS(&r, 12, "已建\n");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT status FROM acards WHERE card_no='A20250110-0001'"), "成交");
	ck_assert_str_eq(db_text("SELECT c.cust_no FROM acards a JOIN customers c ON c.id=a.customer_id"),
	                 "C00000001");
	ck_assert_str_eq(db_text("SELECT prospect_no FROM customers"), "A20250110-0001");
	ck_assert_str_eq(db_text("SELECT review_comment FROM acards"), "同意跟进，周六安排试驾");
	ck_assert_str_eq(db_text("SELECT count(*) FROM acard_followups WHERE card_no='A20250110-0001'"), "1");
	ck_assert_str_eq(db_text("SELECT acard_no FROM visits"), "A20250110-0001");
	/* a closed card refuses edits */
	run_keys(&r, "3<Dump>6<Tab><Dump>", 80, 24);
	CONTAINS(&r, 0, "您还没有跟进中的 A卡。按 F4 新建。");
	run_free(&r);
}
END_TEST

/* 成交 ends the card once its customer sheet is saved: left unsaved, the
 * card stays as it was unless the user ends it anyway (a customer on file
 * already, whose new car goes on their own sheet). */
START_TEST(won_waits_for_the_customer_sheet)
{
	struct run r;
	char keys[4096];
	walkin_keys(keys, sizeof keys,
	            "男" TABS20 "C<F2>S"
	            "<F6>Y<Esc>Y<Dump>N<Dump>"
	            "<F6>Y<Esc>YY<Dump><Esc><Esc><Esc>");
	run_keys(&r, keys, 80, 24);
	CONTAINS(&r, 0, "A卡还未记成交。");
	CONTAINS(&r, 1, "A卡 A20250110-0001 未记成交：客户档案没有保存");
	CONTAINS(&r, 1, "A卡 A20250110-0001  跟进中");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT status FROM acards"), "成交");
	ck_assert_str_eq(db_text("SELECT count(*) FROM customers"), "0");
}
END_TEST

/* F6 on a card already 成交 opens the customer it became, not a new
 * registration filled from the card again: saved (the mobile said shared,
 * as the prompt offers), that made a second 张三 with the same 潜客编号. */
START_TEST(a_won_card_opens_its_customer)
{
	struct run r;
	char keys[4096];
	walkin_keys(keys, sizeof keys,
	            "男" TABS20 "B<F2>S"
	            "<F6>Y" WON_SHEET
	            /* back on the card, now 成交: F6 again */
	            "<Esc><Dump><F6><Dump><F2>S<Esc><Dump>");
	run_keys(&r, keys, 80, 24);
	CONTAINS(&r, 0, "A卡 A20250110-0001  成交\n");
	CONTAINS(&r, 1, "修改  客户编号 C00000001\n");
	CONTAINS(&r, 1, "│  潜客编号         [A20250110-0001]      首次交易日期     [2025-01-10]        │\n");
	CONTAINS(&r, 2, "A卡 A20250110-0001  成交\n");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT count(*) FROM customers"), "1");
}
END_TEST

/* One card, one customer: its number typed on another customer's sheet is
 * said at once, not filled in from the card (saving it would move the
 * card's link to the second customer). */
START_TEST(a_card_s_number_on_another_sheet_names_its_customer)
{
	struct run r;
	char keys[4096];
	walkin_keys(keys, sizeof keys,
	            "男" TABS20 "B<F2>S"
	            "<F6>Y" WON_SHEET
	            "<Esc><Esc><Esc><Esc><Esc>"
	            "1<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>"
	            "A20250110-0001<Tab><Dump>");
	run_keys(&r, keys, 80, 24);
	CONTAINS(&r, 0, "潜客编号：A卡 A20250110-0001 已建客户档案（C00000001 张三），\n一张 A卡只对应一位客户");
	LACKS(&r, 0, "已从 A卡");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT count(*) FROM customers"), "1");
}
END_TEST

/* 战败 needs its reason; the card then leaves the active lists. */
START_TEST(lost_needs_reason)
{
	struct run r;
	char keys[4096];
	walkin_keys(keys, sizeof keys, "男" TABS20 "C<F2>S<F7><F2><Dump>已购竞品<F2><Dump><F5><Dump><Esc><Esc><Esc>3<Dump>");
	run_keys(&r, keys, 80, 24);
	CONTAINS(&r, 0, "未保存。必填项未填：战败原因。\n");
	CONTAINS(&r, 1, "A卡 A20250110-0001 已记为战败：已购竞品\n");
	CONTAINS(&r, 2, "A卡已战败，不能再添加访问记录\n");
	CONTAINS(&r, 3, "共 0 张\n");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT status || lost_reason FROM acards"), "战败已购竞品");
}
END_TEST

/* An ended card's bar offers what works on it: a lost card's F7 reopens
 * it (the bar said 战败), a won card's F6 opens its customer; 保存,
 * 访问记录 and the other ending are refused there, so not offered. */
START_TEST(an_ended_card_s_bar_offers_what_works)
{
	struct run r;
	char keys[4096];
	walkin_keys(keys, sizeof keys,
	            "男" TABS20 "C<F2>S<Dump><F7>已购竞品<F2><Dump>");
	run_keys(&r, keys, 80, 24);
	CONTAINS(&r, 0, "F2 保存  F5 访问记录  F6 成交  F7 战败  F8 审核  Esc 返回  F1 帮助\n");
	CONTAINS(&r, 1, "A卡 A20250110-0001  战败\n");
	/* 75 cells: the whole bar in 80 columns */
	CONTAINS(&r, 1, "\nTab/Enter 下一项  Shift-Tab 上一项  F7 重新激活  F8 审核  Esc 返回  F1 帮助\n");
	run_free(&r);
	run_keys(&r, "6<F7><Tab><Enter><F7>Y<F2>客户再次来店<F2>"
	             "<F6>Y" WON_SHEET "<Esc><Dump>",
	         80, 24);
	CONTAINS(&r, 0, "A卡 A20250110-0001  成交\n");
	CONTAINS(&r, 0, "\nTab/Enter 下一项  Shift-Tab 上一项  F6 客户档案  F8 审核  Esc 返回  F1 帮助\n");
	run_free(&r);
}
END_TEST

/* A lost prospect who comes back: the manager opens the card awaiting
 * review, F7 offers to reopen it, the next call comes from its level and
 * a reason is required; the card follows on. */
START_TEST(a_lost_card_is_reopened)
{
	struct run r;
	char keys[4096];
	walkin_keys(keys, sizeof keys, "男" TABS20 "C<F2>S<F7>已购竞品<F2><Esc><Esc><Esc>");
	run_keys(&r, keys, 80, 24);
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT status FROM acards"), "战败");
	run_keys(&r, "6<F7><Tab><Enter><Dump><F7><Dump>Y<Dump><F2><Dump>客户再次来店<F2><Dump><Esc>", 80, 24);
	CONTAINS(&r, 0, "A20250110-0001");
	CONTAINS(&r, 1, "已战败：已购竞品");
	CONTAINS(&r, 1, "Y 重新激活");
	CONTAINS(&r, 2, "下次回访计划");
	CONTAINS(&r, 3, "必填项未填：激活原因");
	CONTAINS(&r, 4, "A卡 A20250110-0001 已重新激活，下次回访 2025-");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT status || coalesce(lost_reason, '-') FROM acards"), "跟进中-");
	ck_assert_str_eq(db_text("SELECT detail FROM audit_log WHERE action = 'A卡激活'"),
	                 db_text("SELECT 'A卡 A20250110-0001（张三）重新激活：客户再次来店；下次回访 ' || next_date ||"
	                         " '；原战败原因：已购竞品' FROM acards"));
}
END_TEST

/* The lost prospect walks in again: the entry's F6 offers the lost card
 * rather than a second one, which opens saying F7 reopens it. */
START_TEST(a_walk_in_of_a_lost_prospect_offers_the_card)
{
	struct run r;
	char keys[4096];
	walkin_keys(keys, sizeof keys, "男" TABS20 "C<F2>S<F7>已购竞品<F2><Esc><Esc><Esc>");
	run_keys(&r, keys, 80, 24);
	run_free(&r);
	walkin_keys(keys, sizeof keys, "<Dump>R<Dump><F7>Y客户再次来店<F2><Dump><Esc><Esc><Esc>");
	run_keys(&r, keys, 80, 24);
	CONTAINS(&r, 0, "手机号 13800138000 的 A卡 A20250110-0001（张三，");
	CONTAINS(&r, 0, "销售顾问 王五）已战败。");
	CONTAINS(&r, 0, "R 打开那张 A卡   N 仍然新建 A卡");
	CONTAINS(&r, 1, "A卡已战败：已购竞品。客户又有购车意向时，按 F7 重新激活");
	CONTAINS(&r, 2, "A卡 A20250110-0001 已重新激活");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT count(*) || status FROM acards"), "1跟进中");
	/* the walk-in goes with the card it reopened */
	ck_assert_str_eq(db_text("SELECT group_concat(coalesce(acard_no, '-'), ' ') FROM (SELECT * FROM visits ORDER BY id)"),
	                 "A20250110-0001 A20250110-0001");
}
END_TEST

/* A lost prospect calls again with no walk-in logged: F8 on the card lists
 * shows the ended cards, the latest first with the day each ended, and
 * opens the lost one (F7 there reopens it); F8 again, the active cards. */
START_TEST(ended_cards_are_found_on_f8)
{
	struct run r;
	char keys[4096];
	walkin_keys(keys, sizeof keys, "男" TABS20 "C<F2>S<F7>已购竞品<F2><Esc><Esc><Esc>");
	run_keys(&r, keys, 80, 24);
	run_free(&r);
	run_keys(&r, "3<F8><Dump><Enter><Dump><Esc><F8><Dump><Esc>6<F8><Dump><F8><Dump><Esc>", 80, 24);
	CONTAINS(&r, 0, "我的A卡（经理 王五）：已结束");
	CONTAINS(&r, 0, "结束日期");
	CONTAINS(&r, 0, "A20250110-0001 张三");
	CONTAINS(&r, 0, "2025-01-10 战败");
	/* in the ended cards F8 is the way back, and says so */
	CONTAINS(&r, 0, "F8 跟进中");
	LACKS(&r, 0, "F8 已结束");
	CONTAINS(&r, 2, "F8 已结束");
	CONTAINS(&r, 3, "F7 待审核");
	CONTAINS(&r, 3, "F8 跟进中");
	CONTAINS(&r, 1, "A卡已战败：已购竞品。客户又有购车意向时，按 F7 重新激活");
	CONTAINS(&r, 2, "您还没有跟进中的 A卡。");
	CONTAINS(&r, 3, "A卡总览（经理）：已结束");
	CONTAINS(&r, 3, "A20250110-0001 张三");
	/* the grid's keys only where the grid is: not in the ended cards */
	LACKS(&r, 3, "Tab 切换");
	CONTAINS(&r, 4, "Tab 切换");
	run_free(&r);
}
END_TEST

/* A consultant renamed (`user name`) finds on F8 the card lost under the
 * earlier name, works it as their own (not read-only as another's), and
 * F7 reopens it under the name they have now, said in the message. */
START_TEST(a_renamed_consultant_reopens_a_card_lost_under_the_old_name)
{
	char path[512], err[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	struct st_db *db;
	struct staff_me admin;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_login(db, "admin", "admin-pass-1", &admin, err, sizeof err), STAFF_OK);
	ck_assert_msg(staff_add(db, &admin, "zhang", "张伟", AUTH_SALES, "zhang-pass-1", err, sizeof err) == ST_OK,
	              "%s", err);
	tu_sql_exec(path, "INSERT INTO acards(card_no, created_date, consultant, name, mobile, level, next_date, status,"
	                  " lost_reason, closed_at) VALUES('A20250102-0001', '2025-01-02', '张伟', '赵六', '13900139000',"
	                  " 'H', '2025-01-05', '战败', '买了别家', '2025-01-05 10:00')");
	setenv("DESK4S_NOW", "2025-01-08 10:00:00", 1);
	ck_assert_msg(staff_rename(db, &admin, "zhang", "张伟伟", err, sizeof err) == ST_OK, "%s", err);
	unsetenv("DESK4S_NOW");
	st_close(db);
	struct run r;
	char *script = ui_script("zhang<Enter>zhang-pass-1<Enter>",
	                         "3<F8><Dump><Enter><Dump><F7>Y<F2>客户再次来店<F2><Dump><Esc>");
	int status = ui_play(script, 80, 24, "DESK4S_TODAY=2025-01-10 DESK4S_NOW='2025-01-10 09:30:00'", "ui.db");
	free(script);
	ui_screens(&r, status, NULL);
	CONTAINS(&r, 0, "A20250102-0001 赵六");
	CONTAINS(&r, 0, "2025-01-05 战败");
	CONTAINS(&r, 1, "A卡已战败：买了别家。客户又有购车意向时，按 F7 重新激活");
	LACKS(&r, 1, "只读");
	CONTAINS(&r, 2, "A卡 A20250102-0001 已重新激活，下次回访 2025-");
	CONTAINS(&r, 2, "下次回访 2025-01-12；\n销售顾问 张伟 → 张伟伟（已改名）"); /* wrapped at 80 */
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT consultant || status FROM acards"), "张伟伟跟进中");
}
END_TEST

/* Whoever takes a given-up name does not take the earlier person's cards
 * with it: the card lost under 张伟 before 张伟 became 张伟伟 is not in the
 * new 张伟's ended list, and found through a walk-in it reads as 张伟伟's. */
START_TEST(a_name_taken_later_does_not_bring_the_earlier_person_s_cards)
{
	char path[512], err[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	struct st_db *db;
	struct staff_me admin;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_login(db, "admin", "admin-pass-1", &admin, err, sizeof err), STAFF_OK);
	ck_assert_int_eq(staff_add(db, &admin, "zhang", "张伟", AUTH_SALES, "zhang-pass-1", err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_add(db, &admin, "chen", "陈明", AUTH_SALES, "chen-pass-12", err, sizeof err), ST_OK);
	tu_sql_exec(path, "INSERT INTO acards(card_no, created_date, consultant, name, mobile, level, next_date, status,"
	                  " lost_reason, closed_at) VALUES('A20250102-0001', '2025-01-02', '张伟', '赵六', '13800138000',"
	                  " 'H', '2025-01-05', '战败', '买了别家', '2025-01-05 10:00')");
	setenv("DESK4S_NOW", "2025-01-08 10:00:00", 1);
	ck_assert_msg(staff_rename(db, &admin, "zhang", "张伟伟", err, sizeof err) == ST_OK, "%s", err);
	setenv("DESK4S_NOW", "2025-01-08 10:01:00", 1); /* a name given up is free from the next minute */
	ck_assert_msg(staff_rename(db, &admin, "chen", "张伟", err, sizeof err) == ST_OK, "%s", err);
	unsetenv("DESK4S_NOW");
	st_close(db);
	struct run r;
	char keys[4096];
	walkin_keys(keys, sizeof keys, "<Dump>R<Dump><F7><Dump><Esc><Esc><Esc>");
	char *script = ui_script("chen<Enter>chen-pass-12<Enter>", "3<F8><Dump><Esc><Esc>");
	int status = ui_play(script, 80, 24, "DESK4S_TODAY=2025-01-10 DESK4S_NOW='2025-01-10 09:30:00'", "ui.db");
	free(script);
	ui_screens(&r, status, NULL);
	CONTAINS(&r, 0, "我的A卡（销售顾问 张伟）：已结束");
	LACKS(&r, 0, "赵六");
	run_free(&r);
	script = ui_script("chen<Enter>chen-pass-12<Enter>", keys);
	status = ui_play(script, 80, 24, "DESK4S_TODAY=2025-01-10 DESK4S_NOW='2025-01-10 09:30:00'", "ui.db");
	free(script);
	ui_screens(&r, status, NULL);
	CONTAINS(&r, 1, "只读：A卡 A20250102-0001 由 张伟伟 跟进");
	CONTAINS(&r, 2, "未重新激活：A卡 A20250102-0001 由 张伟伟 跟进");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT consultant || status FROM acards WHERE card_no = 'A20250102-0001'"), "张伟战败");
}
END_TEST

/* The front desk sees every card (whose prospect is this walk-in?) but a
 * card is its consultant's and the manager's to work: a call, 战败, 成交 or
 * a change by anyone else is refused naming whose it is.  The card reads
 * as read-only: its bar offers none of them, its fields take no typing,
 * and its help lists no key for typing or saving. */
START_TEST(only_its_consultant_or_a_manager_works_a_card)
{
	struct run r;
	char keys[4096];
	walkin_keys(keys, sizeof keys, "男" TABS20 "C<F2>S<Esc><Esc><Esc>");
	run_keys(&r, keys, 80, 24);
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT consultant || status FROM acards"), "王五跟进中");
	char *script = ui_script("li<Enter>Li-pass-1234<Enter>",
	                         "6<Tab><Enter><Dump><F7><Dump><F5><Dump><F6><Dump><End>x<Dump><F2><Dump>"
	                         "<F1><Dump><Esc>");
	int status = ui_play(script, 80, 24, "DESK4S_TODAY=2025-01-10 DESK4S_NOW='2025-01-10 09:30:00'", "ui.db");
	free(script);
	ui_screens(&r, status, NULL);
	CONTAINS(&r, 0, "A20250110-0001");
	CONTAINS(&r, 0, "只读：A卡 A20250110-0001 由 王五 跟进，只有该顾问或经理（审核A卡）可以修改\n");
	CONTAINS(&r, 0, "\nTab/Enter 下一项  Shift-Tab 上一项  Esc 返回  F1 帮助\n");
	LACKS(&r, 0, "F2 保存");
	LACKS(&r, 0, "F5 访问记录");
	LACKS(&r, 0, "按 F5 添加");
	CONTAINS(&r, 1, "未记为战败：A卡 A20250110-0001 由 王五 跟进，只有该顾问或经理可以办理\n");
	CONTAINS(&r, 2, "未记录访问：A卡 A20250110-0001 由 王五 跟进");
	CONTAINS(&r, 3, "未记为成交：A卡 A20250110-0001 由 王五 跟进");
	/* typing is refused as it is typed, not at F2 */
	CONTAINS(&r, 4, "只读：A卡 A20250110-0001 由 王五 跟进，只有该顾问或经理（审核A卡）可以修改\n");
	LACKS(&r, 4, "x]");
	CONTAINS(&r, 5, "未修改：A卡 A20250110-0001 由 王五 跟进");
	CONTAINS(&r, 6, "【本画面的按键】");
	CONTAINS(&r, 6, "注意：只读：A卡 A20250110-0001 由 王五 跟进");
	LACKS(&r, 6, "F2 / Ctrl-S");
	CONTAINS(&r, 6, "   Tab / Enter           下一项\n   Shift-Tab             上一项\n");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT consultant || status FROM acards"), "王五跟进中");
	ck_assert_str_eq(db_text("SELECT count(*) FROM acard_followups"), "0");
}
END_TEST

/* Thousands of cards, a third of them the session's: made with the store's
 * import (no log entry per card), next dates spread around today. */
static void make_cards_as(int n, const char *mobile_prefix)
{
	char path[512], err[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	struct fdef_form *f = fdef_load("acard", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(acard_levels_apply(db, f, err, sizeof err), ST_OK);
	struct rec *r = rec_new(f);
	ck_assert_int_eq(st_begin(db, err, sizeof err), ST_OK);
	for (int i = 1; i <= n; i++) {
		char no[32], name[32], mobile[16], level[2] = {"OHABC"[i % 5], 0}, next[11];
		snprintf(no, sizeof no, "A20241201-%04d", i);
		snprintf(name, sizeof name, "客户%d", i);
		snprintf(mobile, sizeof mobile, "%s%0*d", mobile_prefix, (int)(11 - strlen(mobile_prefix)), i);
		clk_add_days("2024-12-25", i % 30, next, sizeof next);
		rec_clear(r);
		rec_set(r, "card_no", no);
		rec_set(r, "created_date", "2024-12-01");
		rec_set(r, "first_date", "2024-12-01");
		rec_set(r, "consultant", i % 3 == 0 ? staff() : i % 3 == 1 ? "钱七" : "赵六");
		rec_set(r, "name", name);
		rec_set(r, "mobile", mobile);
		rec_set(r, "want_model", "瑞虎8");
		rec_set(r, "info_source", "网络");
		rec_set(r, "first_summary", "首次接待");
		rec_set(r, "level", level);
		rec_set(r, "next_date", next);
		ck_assert_msg(acard_import(db, r, "test", err, sizeof err) == ST_OK, "%s", err);
	}
	ck_assert_int_eq(st_commit(db, err, sizeof err), ST_OK);
	rec_free(r);
	fdef_free(f);
	st_close(db);
}

static void make_cards(int n)
{
	make_cards_as(n, "139");
}

START_TEST(lists_page_through_thousands)
{
	make_cards(3000);
	struct run r;
	run_keys(&r, "3<Dump><PgDn><PgDn><Down><Dump><End><Dump><Up><PgUp><Dump><Home><Dump><Esc>"
	             "6<Dump><Down><Right><Right><Dump><Tab><End><Dump><F7><Dump>", 80, 24);
	/* mine: 1000, the overdue (before 2025-01-10) first and marked */
	CONTAINS(&r, 0, "第 1/1000 张\n");
	CONTAINS(&r, 0, "       A卡编号        姓名       联系电话    级别 下次回访   状态\n");
	CONTAINS(&r, 0, " >逾期 A20241201-0030 客户30     13900000030 O    2024-12-25 已订车\n");
	CONTAINS(&r, 1, "第 22/1000 张\n");
	CONTAINS(&r, 2, "第 1000/1000 张\n");
	CONTAINS(&r, 2, " >     A20241201-2997 客户2997   13900002997 A    2025-01-21 跟进中\n");
	LACKS(&r, 2, "逾期");
	CONTAINS(&r, 3, "第 989/1000 张\n");
	CONTAINS(&r, 4, "第 1/1000 张\n");
	/* the manager: counts by consultant and level */
	CONTAINS(&r, 5, " 销售顾问      合计      O      H      A      B      C   逾期\n");
	CONTAINS(&r, 5, ">全部       [ 3000]   600    600    600    600    600   1600\n");
	CONTAINS(&r, 5, "第 1/3000 张\n");
	CONTAINS(&r, 6, "[  200]");
	CONTAINS(&r, 6, "第 1/200 张\n");
	CONTAINS(&r, 7, "第 200/200 张\n");
	CONTAINS(&r, 8, "A卡总览（经理）：待审核");
	CONTAINS(&r, 8, "F7 全部A卡"); /* the way back, said as such */
	LACKS(&r, 8, "F7 待审核");
	CONTAINS(&r, 8, "第 1/3000 张\n");
	run_free(&r);
}
END_TEST

/* One more card, as another terminal saves it (the store's import). */
static void add_card(const char *no, const char *name, const char *mobile, const char *consultant,
                     const char *level, const char *next)
{
	char path[512], err[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	struct fdef_form *f = fdef_load("acard", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(acard_levels_apply(db, f, err, sizeof err), ST_OK);
	struct rec *r = rec_new(f);
	rec_set(r, "card_no", no);
	rec_set(r, "created_date", "2025-01-10");
	rec_set(r, "first_date", "2025-01-10");
	rec_set(r, "consultant", consultant);
	rec_set(r, "name", name);
	rec_set(r, "mobile", mobile);
	rec_set(r, "want_model", "瑞虎8");
	rec_set(r, "info_source", "网络");
	rec_set(r, "first_summary", "首次接待");
	rec_set(r, "level", level);
	rec_set(r, "next_date", next);
	ck_assert_msg(acard_import(db, r, "test", err, sizeof err) == ST_OK, "%s", err);
	rec_free(r);
	fdef_free(f);
	st_close(db);
}

/* What the other terminal does in an <Idle> pause while the lists stand:
 * a card saved (A20241201-0003 of 王五 to level A, its call moved to
 * 12-26, still above the cursor's card), a new card of 王五's due first,
 * and one of a consultant new to the grid (孙八, whose row comes above
 * 王五's). */
static void another_terminal_saves_cards(int pause, void *ctx)
{
	(void)ctx;
	char path[512];
	if (pause > 0) return;
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "UPDATE acards SET level = 'A', next_date = '2024-12-26' WHERE card_no = 'A20241201-0003'");
	add_card("A20250110-0001", "新客甲", "13700000001", staff(), "H", "2024-12-20");
	add_card("A20250110-0002", "新客乙", "13700000002", "孙八", "B", "2025-01-15");
}

/* Play keys as run_keys does (80x24), the test acting as another terminal
 * in each <Idle> pause: act(i) in the i-th. */
static void run_idle(struct run *r, const char *keys, int pauses, void (*act)(int pause, void *ctx))
{
	char *script = ui_script(LOGIN "<Enter>" PASSWORD "<Enter>", keys);
	int status = ui_play_idle(script, 80, 24, "DESK4S_TODAY=2025-01-10 DESK4S_NOW='2025-01-10 09:30:00'", "ui.db",
	                          pauses, act, NULL);
	free(script);
	ui_screens(r, status, NULL);
}

/* 我的A卡 shows, while it stands idle and without a key, a card saved at
 * another terminal with its new level and date, and a new card; the
 * cursor stays on the card it was on (a row lower now); a pause in which
 * nobody wrote changes nothing. */
START_TEST(my_cards_show_another_terminal_s_save_while_idle)
{
	make_cards(9); /* 王五's: 0003 (B, 12-28), 0006 (H, 12-31), 0009 (C, 01-03) */
	struct run r;
	run_idle(&r, "3<Down><Dump><Idle><Dump><Idle><Dump>", 2, another_terminal_saves_cards);
	CONTAINS(&r, 0, "第 2/3 张\n");
	CONTAINS(&r, 0, "  逾期 A20241201-0003 客户3      13900000003 B    2024-12-28");
	CONTAINS(&r, 0, " >逾期 A20241201-0006 客户6      13900000006 H    2024-12-31");
	CONTAINS(&r, 1, "第 3/4 张\n");
	CONTAINS(&r, 1, "  逾期 A20250110-0001 新客甲     13700000001 H    2024-12-20");
	CONTAINS(&r, 1, "  逾期 A20241201-0003 客户3      13900000003 A    2024-12-26");
	CONTAINS(&r, 1, " >逾期 A20241201-0006 客户6      13900000006 H    2024-12-31");
	LACKS(&r, 1, "孙八"); /* another consultant's: not in my cards */
	ck_assert_str_eq(r.screens[2], r.screens[1]);
	run_free(&r);
}
END_TEST

/* The manager's overview, on 王五's cards (the grid's row chosen, Tab to
 * the cards), shows the same while it stands idle: the grid's counts
 * change, a consultant new to it comes above 王五 and the cell listed
 * stays 王五's (it was the row number, now 孙八's), the filter stays, and
 * the cursor stays on its card. */
START_TEST(the_overview_shows_another_terminal_s_save_while_idle)
{
	make_cards(9);
	struct run r;
	run_idle(&r, "6<Down><Tab><Down><Dump><Idle><Dump><Idle><Dump>", 2, another_terminal_saves_cards);
	CONTAINS(&r, 0, " 全部            9 ");
	CONTAINS(&r, 0, ">王五       [    3]");
	CONTAINS(&r, 0, "第 2/3 张\n");
	CONTAINS(&r, 0, " >逾期 A20241201-0006 客户6      13900000006 H    2024-12-31");
	CONTAINS(&r, 1, " 全部           11 ");
	CONTAINS(&r, 1, " 孙八            1 ");
	CONTAINS(&r, 1, ">王五       [    4]");
	ck_assert_ptr_nonnull(strstr(strstr(r.screens[1], "孙八"), ">王五"));
	CONTAINS(&r, 1, "第 3/4 张\n");
	CONTAINS(&r, 1, "  逾期 A20250110-0001 新客甲");
	CONTAINS(&r, 1, " >逾期 A20241201-0006 客户6      13900000006 H    2024-12-31");
	LACKS(&r, 1, "新客乙"); /* 孙八's: not in the cell listed */
	ck_assert_str_eq(r.screens[2], r.screens[1]);
	run_free(&r);
}
END_TEST

static void another_terminal_ends_sun_s_card(int pause, void *ctx)
{
	(void)ctx;
	char path[512];
	(void)pause;
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "UPDATE acards SET status = '战败', lost_reason = '已购竞品', closed_at = '2025-01-10 09:31'"
	                  " WHERE consultant = '孙八'");
}

/* The overview on a consultant's cards whose last card ends at another
 * terminal meanwhile: the filter stays theirs, their row stays in the grid
 * with its noughts (it is gone from the counts), and the list says none. */
START_TEST(the_overview_keeps_a_consultant_whose_last_card_ended)
{
	make_cards(9);
	add_card("A20250110-0002", "新客乙", "13700000002", "孙八", "B", "2025-01-15");
	struct run r;
	run_idle(&r, "6<Down><Dump><Idle><Dump>", 1, another_terminal_ends_sun_s_card);
	CONTAINS(&r, 0, ">孙八       [    1]");
	CONTAINS(&r, 0, "新客乙");
	CONTAINS(&r, 1, " 全部            9 ");
	CONTAINS(&r, 1, ">孙八       [    0]");
	CONTAINS(&r, 1, "没有跟进中的 A卡。");
	LACKS(&r, 1, "新客乙");
	LACKS(&r, 1, "客户3 "); /* not widened to everyone's cards */
	run_free(&r);
}
END_TEST

/* The administrator makes 王五 a 销售顾问 (no 查看全部A卡) and a card is
 * saved; then 王五 is 经理 again and another card saved. */
static void another_terminal_takes_the_overview_away(int pause, void *ctx)
{
	(void)ctx;
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	if (pause == 0) {
		tu_sql_exec(path, "UPDATE staff SET role = '销售顾问' WHERE login = '" LOGIN "'");
		add_card("A20250110-0001", "新客甲", "13700000001", staff(), "H", "2024-12-20");
	} else if (pause == 1) {
		tu_sql_exec(path, "UPDATE staff SET role = '经理' WHERE login = '" LOGIN "'");
		add_card("A20250110-0002", "新客乙", "13700000002", "孙八", "B", "2025-01-15");
	}
}

/* The overview read again checks 查看全部A卡 again: taken away meanwhile,
 * the refusal is said and the cards stay as they were read; while it is
 * said the list does not ask again at each pause, nor read (the role given
 * back meanwhile); after a key it reads again. */
START_TEST(the_overview_read_again_checks_the_permission)
{
	make_cards(9);
	struct run r;
	run_idle(&r, "6<Dump><Idle><Dump><Idle><Dump><Tab><Idle><Dump>", 3, another_terminal_takes_the_overview_away);
	CONTAINS(&r, 0, ">全部       [    9]");
	CONTAINS(&r, 1, "权限不足：销售顾问没有“查看全部A卡”权限\n");
	CONTAINS(&r, 1, ">全部       [    9]");
	LACKS(&r, 1, "新客甲");
	ck_assert_str_eq(r.screens[2], r.screens[1]);
	CONTAINS(&r, 3, ">全部       [   11]");
	CONTAINS(&r, 3, "新客甲");
	CONTAINS(&r, 3, "新客乙");
	/* still on the card it was on, a row lower */
	CONTAINS(&r, 3, " >逾期 A20241201-0001 客户1 ");
	LACKS(&r, 3, "权限不足");
	run_free(&r);
}
END_TEST

/* Cards saved at another terminal while F1's help stands over the overview
 * (its wait reads no list; the idle read comes only later), then in
 * 待审核, and one ended. */
static void another_terminal_saves_then_ends(int pause, void *ctx)
{
	if (pause == 0) another_terminal_saves_cards(0, ctx);
	else another_terminal_ends_sun_s_card(0, ctx);
}

/* Moving in the grid, and F7 back from 待审核, count the grid again with
 * the list under it: the cell marked said 3 over 王五's 4 cards, and 孙八's
 * new card was missing from 全部, until the list stood idle. */
START_TEST(moving_in_the_grid_counts_it_again)
{
	make_cards(9);
	struct run r;
	run_idle(&r, "6<F1><Idle><Esc><Down><Dump><F7><F1><Idle><Esc><F7><Dump>", 2,
	         another_terminal_saves_then_ends);
	/* 王五 was the row under 全部 on the screen: the row moved to */
	CONTAINS(&r, 0, " 全部           11 ");
	CONTAINS(&r, 0, " 孙八            1 ");
	CONTAINS(&r, 0, ">王五       [    4]");
	CONTAINS(&r, 0, "第 1/4 张\n");
	CONTAINS(&r, 0, "新客甲");
	/* 孙八's card ended meanwhile: gone from the grid on coming back */
	CONTAINS(&r, 1, " 全部           10 ");
	LACKS(&r, 1, "孙八");
	CONTAINS(&r, 1, ">王五       [    4]");
	run_free(&r);
}
END_TEST

/* An age typed with its unit reads whole while typed ("35岁", not "35 >"
 * in a field too narrow) and is kept as the number once saved. */
START_TEST(age_reads_whole_and_saves_as_a_number)
{
	struct run r;
	run_keys(&r,
	         "3<F4>李雷<Tab><Tab>35岁<Dump><Tab><Dump><Tab><Tab><Tab>13800138001<F2>瑞虎8<F2>网<Enter><F2>看车<F2>B<F2>S"
	         "<PgUp><PgUp><PgUp><PgUp><Dump>",
	         80, 24);
	HAS_LINE(&r, 0, "│  年龄             [35岁 ]                                                    │");
	HAS_LINE(&r, 1, "│  年龄             [35岁 ]                                                    │");
	HAS_LINE(&r, 2, "│  年龄             [35   ]                                                    │");
	CONTAINS(&r, 2, "已建 A卡 A20250110-0001（跟进中）");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT age FROM acards"), "35");
}
END_TEST

/* A prospect carded twice is a dispute over the sale (撞单): a new card
 * for a mobile another active card has asks first; N keeps it unsaved, Y
 * saves it. */
START_TEST(second_card_for_a_mobile_asks)
{
	make_cards_as(1, "1380013800"); /* 13800138001, 钱七's */
	struct run r;
	run_keys(&r,
	         "3<F4>李雷<Tab><Tab><Tab><Tab><Tab><Tab>13800138001<F2>瑞虎8<F2>网<Enter><F2>看车<F2>B<F2>S<Dump>"
	         "N<Dump><F2>SY<Dump>",
	         80, 24);
	CONTAINS(&r, 0, "─ 已有 A卡 ─");
	CONTAINS(&r, 0, "手机号 13800138001 已有跟进中的 A卡：");
	CONTAINS(&r, 0, "A20241201-0001（销售顾问 钱七）");
	CONTAINS(&r, 0, "同一客户建两张 A卡会撞单。仍要新建吗？");
	CONTAINS(&r, 1, "未保存：手机号 13800138001 已有 A卡 A20241201-0001（销售顾问 钱七）\n");
	CONTAINS(&r, 2, "已建 A卡 A20250110-0001（跟进中）");
	run_free(&r);
	/* said already on leaving the number, before the rest is typed */
	run_keys(&r, "3<F4>韩梅<Tab><Tab><Tab><Tab><Tab><Tab>13800138001<Tab><Dump><Esc>Y<Esc>", 80, 24);
	CONTAINS(&r, 0, "注意：13800138001 已有跟进中的 A卡 A20241201-0001（销售顾问 钱七），再建会撞单");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT group_concat(consultant, '|') FROM (SELECT consultant FROM acards"
	                         " WHERE mobile = '13800138001' ORDER BY id)"),
	                 "钱七|王五");
}
END_TEST

/* A damaged file is not "nobody follows this mobile": leaving the number
 * says the store's message instead of staying silent, and the save stops
 * there (a 撞单 cannot be ruled out) rather than going on to store. */
START_TEST(a_damaged_file_is_said_on_the_mobile_check)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_damage_table(path, "acards");
	struct run r;
	run_keys(&r,
	         "3<F4>李雷<Tab><Tab><Tab><Tab><Tab><Tab>13800138001<Tab><Dump>"
	         "<F2>瑞虎8<F2>网<Enter><F2>看车<F2>B<F2>S<Dump><Esc>Y<Esc>",
	         80, 24);
	CONTAINS(&r, 0, "查找A卡失败：文件 ui.db 已损坏或不是 desk4s 数据库");
	LACKS(&r, 0, "再建会撞单");
	CONTAINS(&r, 1, "保存失败：查找A卡失败：文件 ui.db 已损坏或不是 desk4s 数据库");
	LACKS(&r, 1, "已建 A卡");
	run_free(&r);
}
END_TEST

/* A card begun from the consultant's own list carries the consultant's
 * name, as the receptionist writes it on a walk-in, not the login: the
 * card is then among the consultant's own. */
START_TEST(new_card_carries_the_name)
{
	struct run r;
	run_keys(&r, "3<F4><Dump>", 80, 24);
	CONTAINS(&r, 0, "*销售顾问     [王五      ]");
	LACKS(&r, 0, LOGIN);
	run_free(&r);
}
END_TEST

/* 周经理 signs card no on 2025-01-09 17:42, as another terminal would. */
static void signed_before(const char *no)
{
	char path[512], err[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2025-01-09 17:42:00", 1);
	ck_assert_msg(acard_review(db, no, "周经理", "跟进及时", "zhou", err, sizeof err) == ST_OK, "%s", err);
	unsetenv("DESK4S_NOW");
	st_close(db);
}

/* A call recorded on card no at 2025-01-10 09:00, after such a review. */
static void call_recorded(const char *no)
{
	char path[512], err[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2025-01-10 09:00:00", 1);
	struct fdef_form *ff = fdef_load("followup", NULL, err, sizeof err);
	ck_assert_msg(ff != NULL, "%s", err);
	struct rec *f = rec_new(ff);
	rec_set(f, "card_no", no);
	rec_set(f, "fu_date", "2025-01-10");
	rec_set(f, "method", "电话");
	rec_set(f, "content", "客户想再看看配置");
	rec_set(f, "level_after", "H");
	rec_set(f, "next_date", "2025-01-12");
	ck_assert_msg(acard_add_followup(db, f, staff(), err, sizeof err) == ST_OK, "%s", err);
	rec_free(f);
	fdef_free(ff);
	unsetenv("DESK4S_NOW");
	st_close(db);
}

/* A card a supervisor signed: its bar and F1 offer no F8 审核, and F8
 * says who signed it when, changing nothing (it opened the review again,
 * and a second signature replaced the first reviewer's name and comment). */
START_TEST(a_reviewed_card_says_who_reviewed_it)
{
	add_card("A20250110-0001", "周先生", "13900000001", staff(), "H", "2025-01-12");
	signed_before("A20250110-0001");
	struct run r;
	run_keys(&r, "3<Enter><Dump><F8><Dump><F1><Dump><Esc>", 80, 40);
	CONTAINS(&r, 0, "F2 保存  F5 访问记录  F6 成交  F7 战败  Esc 返回  F1 帮助\n");
	LACKS(&r, 0, "F8");
	CONTAINS(&r, 1, "已审核：周经理 2025-01-09 17:42，未再审核（审核意见见本卡“审核”栏）。");
	LACKS(&r, 1, "A卡主管审核");
	CONTAINS(&r, 2, "【本画面的按键】");
	LACKS(&r, 2, "主管审核签字");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT review_by || ' ' || review_at || ' ' || review_comment FROM acards"),
	                 "周经理 2025-01-09 17:42 跟进及时");
}
END_TEST

/* A customer on file with the card's mobile (an owner buying again): 成交
 * asks whether it is that customer; Y links the card to them and ends it,
 * opening their sheet, with no second customer; N registers a new one.  A
 * new sheet had been the only way, its save refused as the owner's
 * duplicate, and the card left unlinked. */
START_TEST(an_owner_buying_again_is_won_on_their_own_file)
{
	char path[512], err[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	struct fdef_form *cf = fdef_load("customer", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(cf);
	struct rec *c = rec_new(cf);
	rec_set(c, "nature", "个人");
	rec_set(c, "category", "个人");
	rec_set(c, "source", "自来");
	rec_set(c, "name", "周先生");
	rec_set(c, "sex", "男");
	rec_set(c, "mobile", "13900000001");
	rec_set(c, "province", "330000");
	rec_set(c, "city", "330100");
	rec_set(c, "district", "330106");
	rec_set(c, "address", "文三路1号");
	ck_assert_msg(cust_insert(db, c, 1, "test", err, sizeof err) == ST_OK, "%s", err);
	rec_free(c);
	fdef_free(cf);
	st_close(db);
	add_card("A20250110-0001", "周先生", "13900000001", staff(), "H", "2025-01-12");
	add_card("A20250110-0002", "周太太", "13900000001", staff(), "H", "2025-01-12");
	struct run r;
	/* the first card: Esc, then Y; the sheet opened is C00000001's */
	run_keys(&r, "3<Enter><F6><Dump><Esc><Dump><F6>Y<Dump><Esc><Dump><Esc><Esc>", 80, 30);
	CONTAINS(&r, 0, "手机号 13900000001 已是客户 C00000001 周先生 的档案。");
	CONTAINS(&r, 0, "Y 关联已有客户并成交   N 新建客户档案   Esc 返回");
	CONTAINS(&r, 1, "A卡 A20250110-0001  跟进中");
	CONTAINS(&r, 2, "C00000001");
	CONTAINS(&r, 2, "A卡 A20250110-0001 已成交，关联到本客户；新车交车时在这份档案中登记这辆车");
	CONTAINS(&r, 3, "A卡 A20250110-0001 已成交，关联客户 C00000001 周先生");
	CONTAINS(&r, 3, "A卡 A20250110-0001  成交");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT status || ' ' || customer_id FROM acards WHERE card_no = 'A20250110-0001'"),
	                 "成交 1");
	ck_assert_str_eq(db_text("SELECT count(*) FROM customers"), "1");
	/* the other card: N opens a new registration from the card */
	run_keys(&r, "3<Enter><F6>N<Dump><Esc>Y<Esc><Esc><Esc>", 80, 30);
	CONTAINS(&r, 0, "已从 A卡 A20250110-0002 带出资料");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT status FROM acards WHERE card_no = 'A20250110-0002'"), "跟进中");
}
END_TEST

/* A name wider than its column in the card list ends in …, as the other
 * lists' cells do: 阿卜杜拉· read as a whole name. */
START_TEST(a_long_name_in_the_card_list_is_cut_with_an_ellipsis)
{
	add_card("A20250110-0001", "阿卜杜拉·买买提", "13900000001", staff(), "H", "2025-01-12");
	struct run r;
	run_keys(&r, "3<Dump><Esc>", 80, 24);
	CONTAINS(&r, 0, "A20250110-0001 阿卜杜拉·… ");
	LACKS(&r, 0, "阿卜杜拉·  ");
	run_free(&r);
}
END_TEST

/* A card recorded since its review is 待审核 again: F8 signs it anew (it
 * had said 已审核 of the older signature and signed nothing). */
START_TEST(a_card_recorded_since_its_review_is_signed_anew)
{
	add_card("A20250110-0001", "周先生", "13900000001", staff(), "H", "2025-01-12");
	signed_before("A20250110-0001");
	call_recorded("A20250110-0001");
	struct run r;
	run_keys(&r, "3<Enter><Dump><F8><Dump><Esc><Esc>", 80, 40);
	CONTAINS(&r, 0, "F8 审核");
	CONTAINS(&r, 1, "A卡主管审核");
	LACKS(&r, 1, "未再审核");
	run_free(&r);
}
END_TEST

/* Another terminal records a call on a card a supervisor has open, signed
 * before: the card is 待审核 again, and F8 reads it anew and opens the
 * review (whose F2 signs only once the new call is read); it had said 已审核 of the older signature from the state read when
 * the card was opened, and the card could not be signed without leaving. */
static void another_terminal_records_a_call(int pause, void *ctx)
{
	(void)pause;
	(void)ctx;
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "INSERT INTO acard_followups(card_no, fu_date, method, content, level_after, next_date,"
	                  " staff, created_at) VALUES('A20250110-0001', '2025-01-10', '电话', '客户想再看看配置', 'H',"
	                  " '2025-01-12', '王五', '2025-01-10 09:31:00')");
}

START_TEST(a_call_recorded_elsewhere_since_the_card_opened_is_signed_anew)
{
	add_card("A20250110-0001", "周先生", "13900000001", staff(), "H", "2025-01-12");
	signed_before("A20250110-0001");
	struct run r;
	run_idle(&r, "3<Enter><Dump><Idle><F8><Dump><Esc><Esc><Esc>", 1, another_terminal_records_a_call);
	LACKS(&r, 0, "F8 审核");
	CONTAINS(&r, 1, "A卡主管审核");
	LACKS(&r, 1, "未再审核");
	run_free(&r);
}
END_TEST

/* Esc on a follow-up record nobody typed on returns without asking: the
 * next date the card's level suggests on opening is the program's, where
 * it asked 有未保存的修改 of an untouched sheet.  A record typed on still
 * asks. */
START_TEST(an_untouched_follow_up_record_leaves_without_asking)
{
	add_card("A20250110-0001", "周先生", "13900000001", staff(), "H", "2025-01-12");
	struct run r;
	run_keys(&r, "3<Enter><F5><Dump><Esc><Dump><F5>电话沟通<Esc><Dump>", 80, 24);
	CONTAINS(&r, 0, "│ *意向级别     □O ■H □A □B □C            下次回访     [2025-01-12]            │\n");
	LACKS(&r, 1, "有未保存的修改");
	CONTAINS(&r, 1, "A卡 A20250110-0001  跟进中\n");
	CONTAINS(&r, 2, "有未保存的修改。放弃这些修改并返回吗？");
	run_free(&r);
}
END_TEST

/* Another supervisor signs the card at another terminal while this one
 * types the review: F2 here signs nothing and says who signed it, however
 * often pressed; the second press had put this signature in the place of
 * the other (the card read again counted as what this review covers). */
static void another_terminal_signs(int pause, void *ctx)
{
	(void)pause;
	(void)ctx;
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "UPDATE acards SET review_by = '陈经理', review_at = '2025-01-10 09:31',"
	                  " review_comment = '已电话核实' WHERE card_no = 'A20250110-0001'");
}

START_TEST(a_card_signed_elsewhere_meanwhile_is_not_signed_over)
{
	add_card("A20250110-0001", "周先生", "13900000001", staff(), "H", "2025-01-12");
	struct run r;
	run_idle(&r, "3<Enter><F8><F2>同意跟进<Idle><F2><Dump><F2><Dump><Esc>Y<Dump><Esc><Esc>", 1,
	         another_terminal_signs);
	CONTAINS(&r, 0, "A卡已由 陈经理 于 2025-01-10 09:31 在其他终端审核，未再审核（Esc 返回）");
	CONTAINS(&r, 1, "A卡已由 陈经理 于 2025-01-10 09:31 在其他终端审核，未再审核（Esc 返回）");
	LACKS(&r, 2, "F8 审核");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT review_by || ' ' || review_at || ' ' || review_comment FROM acards"),
	                 "陈经理 2025-01-10 09:31 已电话核实");
}
END_TEST

/* A card recorded since its review shows in the list's 审核 column as
 * 待再审 with the day of the signature it outgrew, where the time alone
 * read as reviewed; a card whose signature covers it keeps the time. */
START_TEST(a_card_recorded_since_its_review_reads_as_awaiting_in_the_list)
{
	add_card("A20250110-0001", "周先生", "13900000001", staff(), "H", "2025-01-12");
	add_card("A20250110-0002", "吴女士", "13900000002", staff(), "H", "2025-01-13");
	signed_before("A20250110-0001");
	signed_before("A20250110-0002");
	call_recorded("A20250110-0001");
	struct run r;
	run_keys(&r, "3<Dump>", 120, 40);
	CONTAINS(&r, 0, "A20250110-0001 周先生     13900000001 H    2025-01-12 跟进中 王五     待再审（01-09）");
	CONTAINS(&r, 0, "A20250110-0002 吴女士     13900000002 H    2025-01-13 跟进中 王五     2025-01-09 17:42");
	run_free(&r);
}
END_TEST

/* On the overview's grid PgUp / PgDn go a page of consultants, as ↑ ↓
 * go one, and F1 says so; on the list under it they page the cards.  They
 * paged the list while the grid had the focus, its cell unchanged. */
START_TEST(page_keys_act_on_the_grid_when_it_has_the_focus)
{
	make_cards(30); /* 王五, 赵六, 钱七: 10 each */
	add_card("A20250110-0001", "甲", "13700000001", "吴十", "H", "2025-01-12");
	add_card("A20250110-0002", "乙", "13700000002", "周九", "H", "2025-01-12");
	add_card("A20250110-0003", "丙", "13700000003", "孙八", "H", "2025-01-12");
	struct run r;
	/* the grid shows 全部 and four of the six (吴十 周九 孙八 王五 赵六 钱七): a page is five rows */
	run_keys(&r, "6<Dump><PgDn><Dump><PgDn><Dump><PgUp><Dump><PgUp><Tab><PgDn><Dump><Esc>", 80, 24);
	CONTAINS(&r, 0, ">全部       [   33]");
	CONTAINS(&r, 1, ">赵六       [   10]");
	CONTAINS(&r, 1, "第 1/10 张\n");
	CONTAINS(&r, 2, ">钱七       [   10]");
	CONTAINS(&r, 3, ">吴十       [    1]");
	CONTAINS(&r, 3, "第 1/1 张\n");
	/* the list has the focus: the cards page, the grid stays on 全部 */
	CONTAINS(&r, 4, ">全部       [   33]");
	CONTAINS(&r, 4, "第 11/33 张\n");
	run_free(&r);
	run_keys(&r, "6<F1><Dump><Esc><Esc>", 80, 40);
	HAS_LINE(&r, 0, "   PgUp                  统计表中：上一页销售顾问；列表中：上一页");
	HAS_LINE(&r, 0, "   PgDn                  统计表中：下一页销售顾问；列表中：下一页");
	run_free(&r);
}
END_TEST

/* The card at 120x40: the sheet above, its 访问记录 below. */
/* F1 on the manager's overview says what Enter does on its grid (it goes
 * to that cell's cards; the help said only 打开). */
START_TEST(the_overview_help_says_enter_on_the_grid)
{
	struct run r;
	run_keys(&r, "6<F1><Dump><Esc><Esc>", 80, 40);
	HAS_LINE(&r, 0, "   Enter                 统计表中：到该格的 A卡列表；列表中：打开 A卡");
	HAS_LINE(&r, 0, "   Tab                   切换：统计表 / A卡列表");
	run_free(&r);
}
END_TEST

START_TEST(card_120x40)
{
	struct run r;
	char keys[4096];
	walkin_keys(keys, sizeof keys, "男" TABS20 "B<F2>S<F5>1<Tab>电话沟通，约周六试驾<Tab>价格偏高<Tab>H<F2><Dump>");
	run_keys(&r, keys, 120, 40);
	ck_assert_str_eq(r.screens[0],
	" desk4s │ 预购客户管理卡（A卡）                           ↓ 下面还有                         A卡 A20250110-0001  跟进中\n"
	"                                                 预购客户管理卡（A卡）                              *必填  !重要\n"
	"┌─ 建卡 ───────────────────────────────────────────────────────────────────────────────────────────────────────────────┐\n"
	"│  A卡编号      [A20250110-0001]                             *建卡日期     [2025-01-10]                                │\n"
	"│ *首次接待日期 [2025-01-10]                                 *销售顾问     [王五      ]                                │\n"
	"└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘\n"
	"┌─ 客户 ───────────────────────────────────────────────────────────────────────────────────────────────────────────────┐\n"
	"│ *姓名             [张三            ]                       !性别             ■男 □女                                 │\n"
	"│  年龄             [     ]                                   单位             [                    ]                  │\n"
	"│  地址             [                                                                                ]                 │\n"
	"│  从事行业         [            ]                           *联系电话         [13800138000  ]                         │\n"
	"│  其他联系方式     [                    ]                   !现在车辆使用情况 [                        ]              │\n"
	"└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘\n"
	"┌─ 需求 ───────────────────────────────────────────────────────────────────────────────────────────────────────────────┐\n"
	"│ *欲购车型     [瑞虎8           ]                           !颜色         [        ]                                  │\n"
	"│ !配置         [                ]                           !对比车型     [                ]                          │\n"
	"│ !购车预算(元) [          ]                                 !购买方式     □一次付清 □分期付款 □置换                   │\n"
	"│ !购车用途     □家用 □家商兼用 □商用 □营运 □公务            *信息来源     [网络      ]                                │\n"
	"└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘\n"
	"┌─ 分析 ───────────────────────────────────────────────────────────────────────────────────────────────────────────────┐\n"
	"│  有利条件         [                              ]          不利条件         [                              ]        │\n"
	"│  需要何种资源协助 [                              ]                                                                   │\n"
	"│ *首次接待概况     [看了瑞虎8，关心油耗                                                             ]                 │\n"
	"└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘\n"
	"┌─ 跟进 ───────────────────────────────────────────────────────────────────────────────────────────────────────────────┐\n"
	"│ *意向级别     □O ■H □A □B □C                               *下次回访计划 [2025-01-12]                                │\n"
	"│  状态         ■跟进中 □已订车 □成交 □战败                   战败原因     [                              ]            │\n"
	"── 访问记录（1 条） ────────────────────────────────────────────────────────────────────────────────────────────────────\n"
	" 2025-01-10 电话 H  下次01-12 电话沟通，约周六试驾｜异议：价格偏高\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"F2 保存  F5 访问记录  F6 成交  F7 战败  F8 审核  Esc 返回  F1 帮助\n"
	"已添加 2025-01-10 的访问记录；意向级别 H，下次回访 2025-01-12\n"
	"员工：王五（经理）  日期：2025-01-10  数据库：ui.db\n");
	run_free(&r);
}
END_TEST

Suite *ui_acard_suite(void)
{
	Suite *s = suite_create("ui_acard");
	TCase *tc = tcase_create("screens");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, walkin_to_card_to_customer);
	tcase_add_test(tc, lost_needs_reason);
	tcase_add_test(tc, a_lost_card_is_reopened);
	tcase_add_test(tc, an_ended_card_s_bar_offers_what_works);
	tcase_add_test(tc, ended_cards_are_found_on_f8);
	tcase_add_test(tc, a_walk_in_of_a_lost_prospect_offers_the_card);
	tcase_add_test(tc, won_waits_for_the_customer_sheet);
	tcase_add_test(tc, an_owner_buying_again_is_won_on_their_own_file);
	tcase_add_test(tc, a_won_card_opens_its_customer);
	tcase_add_test(tc, a_card_s_number_on_another_sheet_names_its_customer);
	tcase_add_test(tc, only_its_consultant_or_a_manager_works_a_card);
	tcase_add_test(tc, lists_page_through_thousands);
	tcase_add_test(tc, my_cards_show_another_terminal_s_save_while_idle);
	tcase_add_test(tc, the_overview_shows_another_terminal_s_save_while_idle);
	tcase_add_test(tc, the_overview_keeps_a_consultant_whose_last_card_ended);
	tcase_add_test(tc, the_overview_read_again_checks_the_permission);
	tcase_add_test(tc, moving_in_the_grid_counts_it_again);
	tcase_add_test(tc, new_card_carries_the_name);
	tcase_add_test(tc, second_card_for_a_mobile_asks);
	tcase_add_test(tc, a_damaged_file_is_said_on_the_mobile_check);
	tcase_add_test(tc, card_120x40);
	tcase_add_test(tc, the_overview_help_says_enter_on_the_grid);
	tcase_add_test(tc, a_reviewed_card_says_who_reviewed_it);
	tcase_add_test(tc, a_long_name_in_the_card_list_is_cut_with_an_ellipsis);
	tcase_add_test(tc, a_card_recorded_since_its_review_is_signed_anew);
	tcase_add_test(tc, a_call_recorded_elsewhere_since_the_card_opened_is_signed_anew);
	tcase_add_test(tc, a_card_signed_elsewhere_meanwhile_is_not_signed_over);
	tcase_add_test(tc, a_card_recorded_since_its_review_reads_as_awaiting_in_the_list);
	tcase_add_test(tc, an_untouched_follow_up_record_leaves_without_asking);
	tcase_add_test(tc, page_keys_act_on_the_grid_when_it_has_the_focus);
	tcase_add_test(tc, age_reads_whole_and_saves_as_a_number);
	tcase_add_test(tc, a_renamed_consultant_reopens_a_card_lost_under_the_old_name);
	tcase_add_test(tc, a_name_taken_later_does_not_bring_the_earlier_person_s_cards);
	suite_add_tcase(s, tc);
	return s;
}
