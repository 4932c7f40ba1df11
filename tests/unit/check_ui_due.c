/* Key-script tests of the due list (回访到期清单, tests/ui/README.md): the
 * filter line, overdue tasks marked, closing with a result, rescheduling an
 * unreached one, stopping the reminders of one customer, scrolling, an
 * A卡回访 written on its card, a resize under the 负责人 list.  The
 * tasks come from imported customers and completed repair orders; the date
 * is pinned (DESK4S_TODAY). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "uiharness.h"
#include "desk4s/due.h"
#include "desk4s/ui_due.h"

static void run_keys(struct run *r, const char *keys, int cols, int lines)
{
	run_at(r, keys, cols, lines, "2025-01-12", "2025-01-12 10:00");
}


/* Two customers, each with a repair order completed: 王五's callback fell
 * due on 2025-01-08 (4 days overdue on the 12th), 赵六's on the 12th. */
static void seed(void)
{
	import("customers",
	       "name,mobile,vin,plate,nature,category,source,sex,province,city,district,address\n"
	       "王五,13800001111,LFV2A21K4C3000001,浙A00001,个人,个人,自来,男,330000,330100,330106,文一路1号\n"
	       "赵六,13800002222,LFV2A21K6C3000002,浙A00002,个人,个人,自来,女,330000,330100,330106,文一路2号\n");
	import("workorders",
	       "vin,advisor,mileage,work_type,complaint,items,promised_at,status,opened_at,completed_at\n"
	       "LFV2A21K4C3000001,张工,30000,保养,常规保养,换机油,2025-01-05 17:00,已完工,2025-01-05 09:00,2025-01-05 16:00\n"
	       "LFV2A21K6C3000002,陈工,8000,一般维修,刹车异响,换刹车片,2025-01-09 17:00,已完工,2025-01-09 09:00,2025-01-09 15:00\n");
}

START_TEST(mobile_masking)
{
	char out[32];
	/* shown as the role may see it: reception phones customers, whole */
	struct uia a;
	memset(&a, 0, sizeof a);
	uidu_mobile_shown(&a, "13812345678", out, sizeof out);
	ck_assert_str_eq(out, "13812345678");
}
END_TEST

START_TEST(list_80x24)
{
	struct run r;
	seed();
	run_keys(&r, "5<Dump>", 80, 24);
	SCREEN_EQ(&r, 0,
	" desk4s │ 回访到期清单                                       共 2 条  逾期 1 条\n"
	" 从 [2025-01-12]  到 [2025-01-12]  类型 [全部    ]  负责人 [全部    ]\n"
	" 应回访日不晚于 2025-01-12、尚未处理的回访；逾期天数自应回访日算到今天。\n"
	"  应回访日   逾期 类型 客户     手机        车牌     负责人 事由\n"
	"> 2025-01-08 4天  维修 王五     13800001111 浙A00001 张工   维修/保养后3天内回…\n"
	"  2025-01-12      维修 赵六     13800002222 浙A00002 陈工   维修/保养后3天内回…\n"
	"\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
	" 1/2  王五（C00000001）：维修/保养后3天内回访（工单 WO20250105-0001，保养）\n"
	"F1 帮助  Tab 筛选  Enter 处理  F5 改期  F6 停止提醒  Esc 返回\n"
	"\n"
	"员工：STAFF  日期：2025-01-12  数据库：ui.db\n");
	run_free(&r);
}
END_TEST

START_TEST(list_120x40)
{
	struct run r;
	seed();
	run_keys(&r, "5<Dump>", 120, 40);
	SCREEN_EQ(&r, 0,
	" desk4s │ 回访到期清单                                                                               共 2 条  逾期 1 条\n"
	" 从 [2025-01-12]  到 [2025-01-12]  类型 [全部    ]  负责人 [全部    ]\n"
	" 应回访日不晚于 2025-01-12、尚未处理的回访；逾期天数自应回访日算到今天。\n"
	"  应回访日   逾期 类型     客户     手机        车牌     负责人 事由\n"
	"> 2025-01-08 4天  维修回访 王五     13800001111 浙A00001 张工   维修/保养后3天内回访（工单 WO20250105-0001，保养）\n"
	"  2025-01-12      维修回访 赵六     13800002222 浙A00002 陈工   维修/保养后3天内回访（工单 WO20250109-0001，一般维修）\n"
	"\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
	" 1/2  王五（C00000001）：维修/保养后3天内回访（工单 WO20250105-0001，保养）\n"
	"F1 帮助  Tab 筛选  Enter 处理  F5 改期  F6 停止提醒  Esc 返回\n"
	"\n"
	"员工：STAFF  日期：2025-01-12  数据库：ui.db\n");
	run_free(&r);
}
END_TEST

/* Two branches of one company whose insurance falls due: at 80 columns
 * the reason keeps its date whole (it was cut to "保险到期 2") and a name
 * cut to its column ends with "…" (the two looked alike); a wide screen
 * gives the kind, the names and the reasons all their room. */
static void seed_branches(void)
{
	import("customers",
	       "name,mobile,vin,plate,nature,category,source,sex,province,city,district,address,insurance_due\n"
	       "杭州锦程汽车贸易有限公司,13800003333,LFV2A21K8C3000003,浙A00003,单位,销售大客户,自来,,330000,330100,330106,文一路3号,2025-02-11\n"
	       "杭州锦程物流有限公司,13800004444,LFV2A21KXC3000004,浙A00004,单位,销售大客户,自来,,330000,330100,330106,文一路4号,2025-02-11\n");
}

START_TEST(reason_whole_and_name_cut_at_80)
{
	struct run r;
	seed();
	seed_branches();
	run_keys(&r, "5<Dump>", 80, 24);
	HAS_LINE(&r, 0, "  应回访日   逾期 类型 客户     手机        车牌     负责人 事由");
	HAS_LINE(&r, 0, "  2025-01-12      保险 杭州锦…  13800003333 浙A00003        保险到期 2025-02-11");
	HAS_LINE(&r, 0, "  2025-01-12      保险 杭州锦…  13800004444 浙A00004        保险到期 2025-02-11");
	HAS_LINE(&r, 0, "> 2025-01-08 4天  维修 王五     13800001111 浙A00001 张工   维修/保养后3天内回…");
	run_free(&r);
	run_keys(&r, "5<Dump>", 160, 50);
	HAS_LINE(&r, 0, "  应回访日   逾期 类型     客户                     手机        车牌     负责人 事由");
	HAS_LINE(&r, 0, "  2025-01-12      保险到期 杭州锦程汽车贸易有限公司 13800003333 浙A00003        保险到期 2025-02-11");
	HAS_LINE(&r, 0, "  2025-01-12      保险到期 杭州锦程物流有限公司     13800004444 浙A00004        保险到期 2025-02-11");
	HAS_LINE(&r, 0, "> 2025-01-08 4天  维修回访 王五                     13800001111 浙A00001 张工   "
	                "维修/保养后3天内回访（工单 WO20250105-0001，保养）");
	run_free(&r);
}
END_TEST

/* A birthday's reason (22 cells) is whole at 80 beside the repair
 * callbacks' long ones: the date gives up its year for it. */
START_TEST(a_birthday_whole_at_80)
{
	struct run r;
	seed();
	import("customers", "name,mobile,birth_date,marketing_ok,nature,category,source,sex,province,city,district,address\n"
	                    "孙七,13800005555,1990-01-12,是,个人,个人,自来,女,330000,330100,330106,文一路5号\n");
	run_keys(&r, "5<Dump>", 80, 24);
	HAS_LINE(&r, 0, "  01-12       生日 孙七     13800005555                 生日祝福（1990-01-12）");
	HAS_LINE(&r, 0, "> 01-08  4天  维修 王五     13800001111 浙A00001 张工   维修/保养后3天内回访（…");
	run_free(&r);
}
END_TEST

/* A card 121 days overdue and a new-energy plate (9 cells) widen columns
 * that are never cut: at 80 the dates, all of this year, give up the year
 * so that the reason still has its date whole. */
START_TEST(wide_columns_take_the_year_not_the_reason)
{
	struct run r;
	import("customers",
	       "name,mobile,vin,plate,nature,category,source,sex,province,city,district,address,insurance_due\n"
	       "孙七,13800005555,LFV2A21K1C3000005,浙AD12345,个人,个人,自来,男,330000,330100,330106,文一路5号,2025-07-30\n");
	char path[600];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "INSERT INTO acards(card_no, created_date, consultant, name, mobile, level, next_date, want_model)"
	                  " VALUES ('A20250101-0001', '2025-01-01', '小李', '周先生', '13700001234', 'H', '2025-03-01',"
	                  " '瑞虎8 PRO 豪华版')");
	run_at(&r, "5<Dump>", 80, 24, "2025-06-30", "2025-06-30 10:00");
	HAS_LINE(&r, 0, "  应回访 逾期  类型 客户     手机        车牌      负责人 事由");
	HAS_LINE(&r, 0, "> 03-01  121天 A卡  周先生   13700001234           小李   意向级别 H，瑞虎8 PRO…");
	HAS_LINE(&r, 0, "  06-30        保险 孙七     13800005555 浙AD12345        保险到期 2025-07-30");
	run_free(&r);
}
END_TEST

/* An A卡回访 is done on the card: Enter opens its 访问记录 sheet, the
 * record saved moves the card's next date (so the task leaves the list) and
 * is in the card's history; Esc on the record, untouched, leaves the card
 * open to read without asking, and the task stays. */
START_TEST(a_card_call_is_written_on_the_card)
{
	struct run r;
	make_accounts();
	char path[600];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "INSERT INTO acards(card_no, created_date, first_date, consultant, name, mobile, level,"
	                  " next_date, want_model, info_source, first_summary)"
	                  " VALUES ('A20250101-0001', '2025-01-01', '2025-01-01', '王经理', '周先生', '13700001234',"
	                  " 'H', '2025-01-12', '瑞虎8', '网络', '看车')");
	run_keys(&r, "5<Enter><Dump><Esc><Dump><Esc><Dump>", 80, 24);
	CONTAINS(&r, 0, "A卡 A20250101-0001  周先生");
	CONTAINS(&r, 1, "A卡 A20250101-0001  跟进中");
	CONTAINS(&r, 2, "共 1 条");
	run_free(&r);
	ck_assert_str_eq(tu_sql_text(path, "SELECT count(*) FROM acard_followups"), "0");

	run_keys(&r, "5<Enter>1<Tab>约周六试驾<F2><Dump>", 80, 24);
	CONTAINS(&r, 0, "回访到期清单");
	CONTAINS(&r, 0, "共 0 条");
	CONTAINS(&r, 0, "已记录：周先生的A卡回访，访问记录已写在 A卡上。");
	run_free(&r);
	ck_assert_str_eq(tu_sql_text(path, "SELECT fu_date || ' ' || method || ' ' || content || ' ' || staff"
	                                   " FROM acard_followups"),
	                 "2025-01-12 电话 约周六试驾 王经理");
	ck_assert_str_eq(tu_sql_text(path, "SELECT next_date FROM acards"), "2025-01-14");
	/* 改期 of a card's call moves the card's own plan: the card and the
	 * list never disagree; a day already past is refused as for any other
	 * task (yesterday had moved the card's plan there), in the dialog,
	 * which stays to take another day */
	run_at(&r, "5<F5><End><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>2024-12-01<F2><Dump>"
	           "<End><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>2025-01-13<F2><Dump>"
	           "<End><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>2025-01-20<F2><Dump>",
	       80, 24, "2025-01-14", "2025-01-14 10:00");
	CONTAINS(&r, 0, "未改期：改期日期：2024-12-01 早于今天（2025-01-14），应是今天或以后");
	CONTAINS(&r, 1, "未改期：改期日期：2025-01-13 早于今天（2025-01-14），应是今天或以后");
	CONTAINS(&r, 2, "已改期：周先生的A卡下次回访改到 2025-01-20（A卡上已更新）。");
	run_free(&r);
	ck_assert_str_eq(tu_sql_text(path, "SELECT next_date FROM acards"), "2025-01-20");
	ck_assert_str_eq(tu_sql_text(path, "SELECT count(*) FROM followup_tasks"), "0");
}
END_TEST

/* A resize while the 负责人 list is open draws the tasks behind it anew at
 * the new size (only the frame was drawn, the rows left blank). */
START_TEST(resize_under_the_staff_list)
{
	struct run r;
	seed();
	run_keys(&r, "5<S-Tab><Enter><Resize 160x50><Dump><Esc><Dump>", 80, 24);
	CONTAINS(&r, 0, "─ 负责人 ─");
	CONTAINS(&r, 0, "维修回访 赵六");
	CONTAINS(&r, 0, "维修回访 王五");
	CONTAINS(&r, 1, "维修回访 赵六");
	run_free(&r);
}
END_TEST

/* A car delivered as a new-car sale has its archive to enter into DCS by
 * min(交车日期 + 3 days, the month's end): listed from the delivery with
 * its deadline and what the archive lacks, and closed as 已上传 on its
 * own sheet (no call, no 沟通内容). */
START_TEST(an_archive_is_listed_and_closed_as_uploaded)
{
	struct run r;
	seed();
	char path[600];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "UPDATE vehicles SET is_sale = '是', delivery_date = '2025-01-10'"
	                  " WHERE vin = 'LFV2A21K4C3000001'");
	run_keys(&r, "5<Dump><Down><Down><Enter><Dump><F2><Dump>", 80, 24);
	HAS_LINE(&r, 0, "  2025-01-13      档案 王五     13800001111 浙A00001 前台   上传期限 2025-01-13…");
	CONTAINS(&r, 0, "共 3 条");
	HAS_LINE(&r, 0, " 应回访日不晚于 2025-01-12 的回访及待上传的档案；逾期天数算到今天。");
	CONTAINS(&r, 1, "记录档案上传");
	CONTAINS(&r, 1, "上传结果 ■已上传");
	CONTAINS(&r, 1, "缺：身份证号码");
	HAS_LINE(&r, 2, "已记录：王五的档案上传 — 已上传。");
	CONTAINS(&r, 2, "共 2 条");
	run_free(&r);
	ck_assert_str_eq(tu_sql_text(path, "SELECT kind || ' ' || result FROM followup_tasks"), "档案上传 已上传");
	ck_assert_str_eq(tu_sql_text(path, "SELECT detail FROM audit_log WHERE action = '回访'"), "档案上传 #1：已上传");
}
END_TEST

/* On the day a policy expires, its call (due 30 days before) is 30 days
 * late: the date is headed 应回访日 and the dialog says so too, while the
 * reason keeps the expiry — under 到期日 the row read as a policy lapsed
 * a month ago. */
START_TEST(an_expiry_day_reads_as_a_late_call)
{
	struct run r;
	seed_branches();
	run_at(&r, "5<Dump><Enter><Dump>", 80, 24, "2025-02-11", "2025-02-11 10:00");
	HAS_LINE(&r, 0, "  应回访日   逾期 类型 客户      手机        车牌     负责人 事由");
	HAS_LINE(&r, 0, "> 2025-01-12 30天 保险 杭州锦程… 13800003333 浙A00003        保险到期 2025-02-11");
	LACKS(&r, 0, "到期日");
	CONTAINS(&r, 1, "回访任务 [保险到期  应回访日 2025-01-12  已逾期30天");
	CONTAINS(&r, 1, "事由     [保险到期 2025-02-11");
	run_free(&r);
	run_at(&r, "5<Dump>", 120, 40, "2025-02-11", "2025-02-11 10:00");
	HAS_LINE(&r, 0, "  应回访日   逾期 类型     客户                     手机        车牌     负责人 事由");
	HAS_LINE(&r, 0, "> 2025-01-12 30天 保险到期 杭州锦程汽车贸易有限公司 13800003333 浙A00003        保险到期 2025-02-11");
	run_free(&r);
}
END_TEST

/* The service advisor 张工 (login zhang) beside the manager the other
 * tests log in as. */
static void add_advisor(void)
{
	char cmd[8192], b[4096];
	make_accounts();
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && printf 'Admin-pass-1\\nZhang-pass-1\\n' | env -u DESK4S_DB LC_ALL=C.UTF-8 '%s' --db ui.db "
	         "--user admin --password-fd 0 user add zhang --role 服务顾问 --name 张工 >>accounts 2>&1",
	         dir, bin(b));
	ck_assert_int_eq(system(cmd), 0);
}

/* keys played logged in as 张工 on 2025-01-12 */
static void run_as_advisor(struct run *r, const char *keys)
{
	char *script = ui_script("zhang<Tab>Zhang-pass-1<Enter>", keys);
	int st = ui_play(script, 80, 24, "DESK4S_TODAY=2025-01-12 DESK4S_NOW='2025-01-12 10:00'", "ui.db");
	free(script);
	ui_screens(r, st, "员工：张工（服务顾问） ");
}

/* An advisor's list opens on their own calls (负责人 张工; it opened on
 * everybody's); widened to 全部, another's task is there to read, but its
 * bar offers no 处理, 改期 or 停止提醒, and those keys are refused naming
 * whose task it is — nothing is written.  A task with no 负责人 (a
 * birthday) is anyone's to take; the advisor's own still works. */
/* The advisor renamed (user name, after the order was completed): the
 * list still opens on their own calls, under the name they have now, and
 * the old name's task is theirs to work; the status line names them anew. */
START_TEST(a_renamed_advisor_keeps_their_calls)
{
	struct run r;
	char cmd[8192], b[4096];
	seed();
	add_advisor();
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && printf 'Admin-pass-1\\n' | env -u DESK4S_DB LC_ALL=C.UTF-8 DESK4S_NOW='2025-01-12 09:00:00'"
	         " '%s' --db ui.db --user admin --password-fd 0 user name zhang 张师傅 >>accounts 2>&1", dir, bin(b));
	ck_assert_int_eq(system(cmd), 0);
	char *script = ui_script("zhang<Tab>Zhang-pass-1<Enter>", "5<Dump><Enter><Dump>");
	int st = ui_play(script, 80, 24, "DESK4S_TODAY=2025-01-12 DESK4S_NOW='2025-01-12 10:00'", "ui.db");
	free(script);
	ui_screens(&r, st, "员工：张师傅（服务顾问） ");
	CONTAINS(&r, 0, " desk4s │ 回访到期清单 · 张师傅及未分配 ");
	CONTAINS(&r, 0, "共 1 条  逾期 1 条");
	HAS_LINE(&r, 0, "> 2025-01-08 4天  维修 王五     13800001111 浙A00001 张师傅 维修/保养后3天内回…");
	LACKS(&r, 0, "赵六");
	HAS_LINE(&r, 0, "F1 帮助  Tab 筛选  Enter 处理  F5 改期  F6 停止提醒  Esc 返回");
	LACKS(&r, 1, "不能处理");
	run_free(&r);
}
END_TEST

START_TEST(an_advisor_works_their_own_tasks)
{
	struct run r;
	seed();
	import("customers", "name,mobile,birth_date,marketing_ok,nature,category,source,sex,province,city,district,address\n"
	                    "孙七,13800005555,1990-01-12,是,个人,个人,自来,女,330000,330100,330106,文一路5号\n");
	add_advisor();
	run_as_advisor(&r, "5<Dump><S-Tab><BS><Tab><Down><Dump><F5><Dump><F6><Dump><Enter><Dump>"
	                   "<Down><Dump><F6><Dump><Esc><Up><Up><F5><Dump>");
	/* their own and nobody's (the birthday), said in the title and the
	 * filter and marked in the 负责人 column */
	HAS_LINE(&r, 0, " 从 [2025-01-12]  到 [2025-01-12]  类型 [全部    ]  负责人 [本人及未分配]");
	CONTAINS(&r, 0, " desk4s │ 回访到期清单 · 张工及未分配 ");
	CONTAINS(&r, 0, "共 2 条  逾期 1 条");
	HAS_LINE(&r, 0, "> 01-08  4天  维修 王五     13800001111 浙A00001 张工     维修/保养后3天内回访…");
	HAS_LINE(&r, 0, "  01-12       生日 孙七     13800005555          未分配   生日祝福（1990-01-12）");
	LACKS(&r, 0, "赵六");
	HAS_LINE(&r, 0, "F1 帮助  Tab 筛选  Enter 处理  F5 改期  F6 停止提醒  Esc 返回");
	/* 全部: 陈工's task selected */
	HAS_LINE(&r, 1, " 从 [2025-01-12]  到 [2025-01-12]  类型 [全部    ]  负责人 [全部    ]");
	CONTAINS(&r, 1, "共 3 条");
	HAS_LINE(&r, 1, "> 01-12       维修 赵六     13800002222 浙A00002 陈工     维修/保养后3天内回访…");
	HAS_LINE(&r, 1, "  01-12       生日 孙七     13800005555          未分配   生日祝福（1990-01-12）");
	HAS_LINE(&r, 1, "F1 帮助  Tab 筛选  Esc 返回");
	CONTAINS(&r, 1, "2/3  （陈工负责，只能查看）赵六（C00000002）");
	static const char *const verbs[] = {"改期", "停止提醒", "处理"};
	for (int i = 0; i < 3; i++) {
		char want[300];
		/* the message takes two lines at 80 */
		snprintf(want, sizeof want, "不能%s：赵六的维修回访，负责人是 陈工；服务顾问只能处理自己负责的回访，\n"
		                            "请 陈工、前台或经理办理。", verbs[i]);
		CONTAINS(&r, 2 + i, want);
		CONTAINS(&r, 2 + i, "回访到期清单");
	}
	/* the birthday, nobody's: offered and taken */
	CONTAINS(&r, 5, "孙七");
	HAS_LINE(&r, 5, "F1 帮助  Tab 筛选  Enter 处理  F5 改期  F6 停止提醒  Esc 返回");
	CONTAINS(&r, 6, "以后不再提醒该客户的生日");
	/* back on the advisor's own: 改期 opens */
	CONTAINS(&r, 7, "回访改期");
	CONTAINS(&r, 7, "维修回访  应回访日 2025-01-08  已逾期4天");
	run_free(&r);
	char path[600];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	ck_assert_str_eq(tu_sql_text(path, "SELECT count(*) FROM followup_tasks"), "0");
	ck_assert_str_eq(tu_sql_text(path, "SELECT count(*) FROM followup_stops"), "0");
}
END_TEST

/* The advisor's own view, as the picker offers it back: their tasks and
 * nobody's.  Their name is matched as ownership is (a card typed "张工　"
 * by another system is theirs, in this view and under 负责人 张工); 张工
 * alone leaves the birthday out. */
START_TEST(an_advisor_s_view_is_theirs_and_nobody_s)
{
	struct run r;
	seed();
	import("customers", "name,mobile,birth_date,marketing_ok,nature,category,source,sex,province,city,district,address\n"
	                    "孙七,13800005555,1990-01-12,是,个人,个人,自来,女,330000,330100,330106,文一路5号\n");
	add_advisor();
	char path[600];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "INSERT INTO acards(card_no, created_date, consultant, name, mobile, level, next_date)"
	                  " VALUES ('A20250101-0001', '2025-01-01', '张工　', '周先生', '13700001234', 'H', '2025-01-12')");
	run_as_advisor(&r, "5<Dump><S-Tab><BS><Enter><Dump><Down><Enter><Dump><Enter><Down><Enter><Dump>");
	CONTAINS(&r, 0, "共 3 条  逾期 1 条");
	CONTAINS(&r, 0, "周先生");
	CONTAINS(&r, 0, "孙七");
	LACKS(&r, 0, "赵六");
	/* the picker, from 全部: the way back to their own view first */
	CONTAINS(&r, 1, "│> 全部");
	CONTAINS(&r, 1, "│  本人及未分配");
	CONTAINS(&r, 1, "│  张工");
	CONTAINS(&r, 1, "│  陈工");
	HAS_LINE(&r, 2, " 从 [2025-01-12]  到 [2025-01-12]  类型 [全部    ]  负责人 [本人及未分配]");
	CONTAINS(&r, 2, "回访到期清单 · 张工及未分配");
	CONTAINS(&r, 2, "共 3 条  逾期 1 条");
	/* 张工 alone (the picker opens on the view chosen): one entry for 张工
	 * and 张工　, the birthday out */
	HAS_LINE(&r, 3, " 从 [2025-01-12]  到 [2025-01-12]  类型 [全部    ]  负责人 [张工    ]");
	CONTAINS(&r, 3, "共 2 条  逾期 1 条");
	CONTAINS(&r, 3, "周先生");
	LACKS(&r, 3, "孙七");
	LACKS(&r, 3, "及未分配");
	run_free(&r);
}
END_TEST

static struct due_task listed[16];
static int listed_n;
static int keep_task(const struct due_task *t, void *ctx)
{
	(void)ctx;
	if (listed_n < 16) listed[listed_n++] = *t;
	return 0;
}

/* Another terminal, in the pause of an <Idle>: closes (no new_date) or
 * moves the open task of the customer named. */
static void other_terminal(const char *name, const char *new_date)
{
	char path[600], err[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	listed_n = 0;
	struct due_filter f = {.from = "2025-01-01", .to = "2025-01-31"};
	ck_assert_int_ge(due_list(db, &f, keep_task, NULL, err, sizeof err), 1);
	const struct due_task *t = NULL;
	for (int i = 0; i < listed_n; i++)
		if (strcmp(listed[i].name, name) == 0) t = &listed[i];
	ck_assert_ptr_nonnull(t);
	if (new_date)
		ck_assert_int_eq(due_reschedule(db, t->kind, t->source_id, t->cycle, new_date, "陈工", err, sizeof err), ST_OK);
	else
		ck_assert_int_eq(due_close(db, t->kind, t->source_id, t->cycle, DUE_REACHED, "已回访", "陈工", err, sizeof err),
		                 ST_OK);
	st_close(db);
}

/* In the idle test's pauses: 王五's task handled, 赵六's moved to the
 * 15th, then nothing. */
static void another_terminal_acts(int pause, void *ctx)
{
	(void)ctx;
	if (pause == 0) other_terminal("王五", NULL);
	if (pause == 1) other_terminal("赵六", "2025-01-15");
}

/* The list follows tasks handled or moved at another terminal while it
 * stands idle, without a key (<Idle>: the pause; the test, as the other
 * terminal, acts in it): its filter (维修回访: the birthday stays out) and
 * the message line stay, and the cursor stays on its task, not its row —
 * 王五's, above it, handled there — or, its own task moved out of the
 * range, on the row the next task takes.  A pause with nothing new
 * changes nothing. */
START_TEST(the_list_follows_another_terminal_while_idle)
{
	struct run r;
	seed();
	import("customers", "name,mobile,vin,plate,birth_date,marketing_ok,nature,category,source,sex,province,city,"
	                    "district,address\n"
	                    "钱八,13800006666,LFV2A21K8C3000003,浙A00003,,,个人,个人,自来,男,330000,330100,330106,文一路6号\n"
	                    "孙七,13800005555,,,1990-01-12,是,个人,个人,自来,女,330000,330100,330106,文一路5号\n");
	import("workorders",
	       "vin,advisor,mileage,work_type,complaint,items,promised_at,status,opened_at,completed_at\n"
	       "LFV2A21K8C3000003,陈工,9000,保养,常规保养,换机油,2025-01-09 17:00,已完工,2025-01-09 09:00,2025-01-09 16:00\n");
	setenv("DESK4S_TODAY", "2025-01-12", 1);
	setenv("DESK4S_NOW", "2025-01-12 10:05", 1);
	make_accounts();
	/* 类型 维修回访, the cursor on 赵六, then a message (F5 on the filter) */
	char *script = ui_script(LOGIN_KEYS, "5<Tab><Tab><Tab>维修<Enter><Down><Down><Tab><F5><Dump>"
	                                     "<Idle><Dump><Idle><Dump><Idle><Dump>");
	int status = ui_play_idle(script, 80, 24, "DESK4S_TODAY=2025-01-12 DESK4S_NOW='2025-01-12 10:00'", "ui.db", 3,
	                          another_terminal_acts, NULL);
	free(script);
	ui_screens(&r, status, LOGIN_WHO);
	static const char *const msg = "F5 改期 对清单中选中的一条：先按 Enter 或 ↓ 到清单中选定。";
	CONTAINS(&r, 0, "共 3 条  逾期 1 条");
	CONTAINS(&r, 0, "> 2025-01-12      维修 赵六");
	CONTAINS(&r, 0, msg);
	/* 王五's handled there: gone; still on 赵六, the filter and message kept */
	CONTAINS(&r, 1, "共 2 条  逾期 0 条");
	LACKS(&r, 1, "王五");
	CONTAINS(&r, 1, "> 2025-01-12      维修 赵六");
	CONTAINS(&r, 1, "  2025-01-12      维修 钱八");
	HAS_LINE(&r, 1, " 从 [2025-01-12]  到 [2025-01-12]  类型 [维修回访]  负责人 [全部    ]");
	LACKS(&r, 1, "孙七");
	CONTAINS(&r, 1, msg);
	/* 赵六's moved to the 15th, out of the range: the cursor on 钱八 */
	CONTAINS(&r, 2, "共 1 条  逾期 0 条");
	LACKS(&r, 2, "赵六");
	CONTAINS(&r, 2, "> 2025-01-12      维修 钱八");
	CONTAINS(&r, 2, msg);
	/* nothing new: nothing read or drawn again */
	ck_assert_str_eq(r.screens[3], r.screens[2]);
	run_free(&r);
}
END_TEST

/* A call answered at another terminal while this one's 处理 dialog was
 * open: that answer stands, the save here says whose it is, and what was
 * typed here is on the message line to be written elsewhere. */
START_TEST(a_call_answered_elsewhere_is_not_written_over)
{
	struct run r;
	seed();
	setenv("DESK4S_TODAY", "2025-01-12", 1);
	setenv("DESK4S_NOW", "2025-01-12 10:05", 1);
	make_accounts();
	char *script = ui_script(LOGIN_KEYS, "5<Enter>1<F2>客户满意，提醒下次保养<Idle><F2><Dump>");
	int status = ui_play_idle(script, 80, 24, "DESK4S_TODAY=2025-01-12 DESK4S_NOW='2025-01-12 10:00'", "ui.db", 1,
	                          another_terminal_acts, NULL);
	free(script);
	ui_screens(&r, status, LOGIN_WHO);
	CONTAINS(&r, 0, "未保存：这条维修回访已在 2025-01-12 10:05 由陈工记为“已联系”（另一台终端），");
	CONTAINS(&r, 0, "以那次为准。");
	CONTAINS(&r, 0, "你写的是：“客户满意，提醒下次保养”");
	LACKS(&r, 0, "王五     138");
	char path[600];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	ck_assert_str_eq(tu_sql_text(path, "SELECT group_concat(status || '/' || result || '/' || closed_by) FROM followup_tasks"),
	                 "已联系/已回访/陈工");
	run_free(&r);
}
END_TEST

START_TEST(close_with_result)
{
	struct run r;
	seed();
	/* 已联系 with nothing said is refused, as due_close would */
	run_keys(&r, "5<Enter>1<F2><Dump>客户满意，提醒下次保养<F2><Dump>", 80, 24);
	SCREEN_EQ(&r, 0,
	" desk4s │ 记录回访结果                                                     王五\n"
	"                                  记录回访结果              *必填  !重要\n"
	"┌─ 回访 ───────────────────────────────────────────────────────────────────────┐\n"
	"│  回访任务 [维修回访  应回访日 2025-01-08  已逾期4天          ]               │\n"
	"│  事由     [维修/保养后3天内回访（工单 WO20250105-0001，保养）]               │\n"
	"│  客户     [王五  C00000001  13800001111  浙A00001  ]                         │\n"
	"│ *回访结果 ■已联系 □未接通 □拒绝                                              │\n"
	"│ *沟通内容 [                                                  ]               │\n"
	"└──────────────────────────────────────────────────────────────────────────────┘\n"
	"\n\n\n\n\n\n\n\n\n\n\n\n"
	"Tab/Enter 下一项  Shift-Tab 上一项  F2/Ctrl-S 保存  Esc 返回  F1 帮助\n"
	"未保存。必填项未填：沟通内容。\n"
	"员工：STAFF  日期：2025-01-12  数据库：ui.db\n");
	HAS_LINE(&r, 1, "已记录：王五的维修回访 — 已联系。");
	HAS_LINE(&r, 1, "> 2025-01-12      维修 赵六     13800002222 浙A00002 陈工   维修/保养后3天内回…");
	run_free(&r);
}
END_TEST

START_TEST(unreached_rescheduled)
{
	struct run r;
	seed();
	run_keys(&r, "5<Enter>2<F2><Dump>Y<Dump><End><BS>5<F2><Dump>"
	         /* the filter's end date moved to the 15th: the task is back */
	         "<Tab><Tab><End><BS>5<Enter><Dump>",
	         80, 24);
	CONTAINS(&r, 0, "未接通。改个日期再联系吗？");
	HAS_LINE(&r, 1, "│ *改到     [2025-01-13]                                                       │");
	HAS_LINE(&r, 2, "已改期：王五的维修回访改到 2025-01-15。");
	CONTAINS(&r, 2, "共 1 条  逾期 0 条");
	HAS_LINE(&r, 3, "  2025-01-15      维修 王五     13800001111 浙A00001 张工   维修/保养后3天内回…");
	run_free(&r);
}
END_TEST

/* A day already past typed into 改期 is refused in the dialog, the date
 * as typed kept to mend (the dialog closed and lost it), and a day mended
 * then moves the task. */
START_TEST(a_past_day_is_asked_again_in_the_dialog)
{
	struct run r;
	seed();
	run_keys(&r, "5<Enter>2<F2>Y<End><BS>1<F2><Dump><BS>5<F2><Dump>", 80, 24);
	CONTAINS(&r, 0, "未改期：改期日期：2025-01-11 早于今天（2025-01-12），应是今天或以后。");
	HAS_LINE(&r, 0, "│ *改到     [2025-01-11]                                                       │");
	HAS_LINE(&r, 1, "已改期：王五的维修回访改到 2025-01-15。");
	run_free(&r);
}
END_TEST

/* 改期 takes the day as staff say it, 今天, 明天, 后天 (the words the
 * sheets' times take), as a date from the clock when F2 is pressed: it was
 * refused as no date.  A word with more after it is still refused as
 * typed; 前天 is read, and refused as a day already past. */
START_TEST(a_reschedule_takes_today_tomorrow_and_the_day_after)
{
	struct run r;
	seed();
	run_keys(&r, "5<F5><C-u>明天见<F2><Dump><C-u>前天<F2><Dump><C-u>后天<F2><Dump>"
	         /* 赵六's, left open past midnight: 明天 is the next day's tomorrow */
	         "<F5><C-u>明天<Now 2025-01-13 00:05><F2><Dump>",
	         80, 24);
	CONTAINS(&r, 0, "未改期。有误：改到：日期格式应为年-月-日");
	CONTAINS(&r, 1, "未改期：改期日期：2025-01-10 早于今天（2025-01-12），应是今天或以后。");
	HAS_LINE(&r, 2, "已改期：王五的维修回访改到 2025-01-14。");
	HAS_LINE(&r, 3, "已改期：赵六的维修回访改到 2025-01-14。");
	run_free(&r);
}
END_TEST

START_TEST(stop_reminding_one_customer)
{
	struct run r;
	seed();
	run_keys(&r, "5<F6><Dump><F2><Dump>客户要求不再回访<F2><Dump>", 80, 24);
	CONTAINS(&r, 0, "以后不再提醒该客户的维修回访（不同于关闭这一条）。\n写明原因后按 Enter 或 F2 停止提醒；Esc 返回。\n");
	/* its one field to fill: the bar names what Enter and F2 do there,
	 * not a sheet's 下一项 and 保存 */
	HAS_LINE(&r, 0, "Enter/F2 停止提醒  Esc 返回  F1 帮助");
	HAS_LINE(&r, 1, "未停止提醒。必填项未填：原因。");
	HAS_LINE(&r, 2, "已停止提醒：王五（C00000001）的维修回访。原因：客户要求不再回访");
	CONTAINS(&r, 2, "共 1 条  逾期 0 条");
	run_free(&r);
	/* Enter stops as F2 does: the next task's reminder stopped in one key */
	run_keys(&r, "5<F6>车已卖掉<Enter><Dump>", 80, 24);
	CONTAINS(&r, 0, "已停止提醒：");
	CONTAINS(&r, 0, "原因：车已卖掉");
	CONTAINS(&r, 0, "共 0 条  逾期 0 条");
	run_free(&r);
}
END_TEST

START_TEST(filter_kind_staff_dates)
{
	struct run r;
	seed();
	run_keys(&r, "5<Tab><Tab><Tab><Space><Dump>交车<Enter><Dump>"
	         "<BS><Tab><Enter><Dump><Down><Down><Enter><Dump>"
	         /* staff -> list -> from -> to: a month 13 is refused by the rules */
	         "<Tab><Tab><Tab><End><BS><BS><BS><BS><BS>13-01<Tab><Dump>",
	         80, 24);
	CONTAINS(&r, 0, "回访类型");
	CONTAINS(&r, 0, "维修回访");
	HAS_LINE(&r, 1, " 从 [2025-01-12]  到 [2025-01-12]  类型 [交车回访]  负责人 [全部    ]");
	CONTAINS(&r, 1, "共 0 条  逾期 0 条");
	CONTAINS(&r, 2, "张工");
	CONTAINS(&r, 2, "陈工");
	HAS_LINE(&r, 3, " 从 [2025-01-12]  到 [2025-01-12]  类型 [全部    ]  负责人 [陈工    ]");
	HAS_LINE(&r, 3, "> 2025-01-12      维修 赵六     13800002222 浙A00002 陈工   维修/保养后3天内回…");
	CONTAINS(&r, 3, "共 1 条  逾期 0 条");
	CONTAINS(&r, 4, "日期不对，清单未更新：");
	HAS_LINE(&r, 4, " 从 [2025-01-12]  到 [2025-13-01]  类型 [全部    ]  负责人 [陈工    ]");
	CONTAINS(&r, 4, "共 1 条  逾期 0 条");
	run_free(&r);
}
END_TEST

/* The line under the filters names the day lateness is counted to: today
 * while the list's days hold it, else the list's last day (it said the
 * first day, 2025-01-01, while 王五's row counted to today). */
START_TEST(lateness_is_counted_to_the_day_named)
{
	struct run r;
	seed();
	run_keys(&r, "5<Tab><End><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>2025-01-01<Tab><Dump>"
	         "<End><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>2025-01-10<Tab><Dump>",
	         80, 24);
	HAS_LINE(&r, 0, " 应回访日不晚于 2025-01-12、尚未处理的回访；逾期天数自应回访日算到今天。");
	CONTAINS(&r, 0, "2025-01-08 4天  维修 王五");
	CONTAINS(&r, 1, "逾期天数自应回访日算到 2025-01-10。");
	CONTAINS(&r, 1, "2025-01-08 2天  维修 王五");
	run_free(&r);
}
END_TEST

/* Tab over a filter's list with nothing typed goes on to the next filter,
 * as Tab does from the field: here from 类型's list to 负责人, whose list
 * Enter then opens. */
START_TEST(tab_over_a_filter_list_goes_on)
{
	struct run r;
	seed();
	run_keys(&r, "5<Tab><Tab><Tab><Enter><Dump><Tab><Enter><Dump>", 80, 24);
	CONTAINS(&r, 0, "─ 回访类型 ─");
	CONTAINS(&r, 1, "─ 负责人 ─");
	LACKS(&r, 1, "─ 回访类型 ─");
	run_free(&r);
}
END_TEST

/* On a filter, a task's keys and a key a full date cannot take say why
 * nothing happens (they did nothing, or only beeped). */
START_TEST(a_filter_says_why_a_key_does_nothing)
{
	struct run r;
	seed();
	run_keys(&r, "5<Tab><F5><Dump>7<Dump>", 80, 24);
	CONTAINS(&r, 0, "F5 改期 对清单中选中的一条：先按 Enter 或 ↓ 到清单中选定。");
	CONTAINS(&r, 1, "日期已填满：先用 Backspace 或 Ctrl-U 删去，再输入新的日期。");
	run_free(&r);
}
END_TEST

/* A month of a large shop on screen: the first 20,000 tasks are listed,
 * the totals count them all, and the last row says where the rest is. */
START_TEST(a_huge_list_is_capped_with_exact_totals)
{
	struct run r;
	make_accounts();
	char path[600];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path,
	            "INSERT INTO acards(card_no, created_date, consultant, name, mobile, level, next_date)"
	            " WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 20005)"
	            " SELECT printf('A2025010%d-%04d', i / 10000, i % 10000), '2025-01-01', '小李',"
	            " '客户' || i, printf('139%08d', i), 'H', CASE WHEN i <= 5 THEN '2025-01-05' ELSE '2025-01-12' END"
	            " FROM k");
	/* 20,000 rows at 14 a page: to the last with PgDn */
	size_t cap = 1500 * 6 + 64;
	char *keys = malloc(cap);
	ck_assert_ptr_nonnull(keys);
	strcpy(keys, "5<Dump>");
	for (int i = 0; i < 1500; i++)
		strcat(keys, "<PgDn>");
	strcat(keys, "<Dump>");
	run_keys(&r, keys, 80, 24);
	free(keys);
	CONTAINS(&r, 0, "共 20005 条  逾期 5 条");
	CONTAINS(&r, 1, "只列出前 20000 条（共 20005 条）");
	CONTAINS(&r, 1, "或用 desk4s due 导出/打印全部");
	run_free(&r);
}
END_TEST

START_TEST(long_list_scrolls)
{
	struct run r;
	char *cust = malloc(8192), *wo = malloc(8192);
	ck_assert_ptr_nonnull(cust);
	ck_assert_ptr_nonnull(wo);
	size_t a = (size_t)snprintf(cust, 8192, "name,mobile,vin,plate,nature,category,source,sex,province,city,district,address\n");
	size_t b = (size_t)snprintf(wo, 8192, "vin,advisor,mileage,work_type,complaint,items,promised_at,status,opened_at,completed_at\n");
	/* 30 cars (imported VINs outside China: a check digit that does not
	 * match is only a warning), completed on the 9th: due on the 12th */
	for (int i = 1; i <= 30; i++) {
		a += (size_t)snprintf(cust + a, 8192 - a,
		                      "客户%02d,138000%05d,WVWZZZ1KZ6W6100%02d,浙A1%04d,个人,个人,自来,男,330000,330100,330106,文一路%d号\n",
		                      i, i, i, i, i);
		b += (size_t)snprintf(wo + b, 8192 - b,
		                      "WVWZZZ1KZ6W6100%02d,张工,1000,保养,保养,换机油,2025-01-09 17:00,已完工,2025-01-09 09:00,2025-01-09 1%d:00\n",
		                      i, i % 10);
	}
	import("customers", cust);
	import("workorders", wo);
	free(cust);
	free(wo);
	run_keys(&r, "5<Dump><PgDn><PgDn><Dump><Up><Dump><End><Dump><Home><Dump>", 80, 24);
	CONTAINS(&r, 0, "共 30 条  逾期 0 条");
	/* a page is the visible rows: two pages down from the first */
	CONTAINS(&r, 1, "29/30");
	/* within a day, orders in the order they were completed: 10:00 (客户10,
	 * 20, 30) to 19:00 (客户09, 19, 29), so the 29th row is 客户19 */
	CONTAINS(&r, 1, "> 2025-01-12      维修 客户19");
	CONTAINS(&r, 2, "28/30");
	/* End to the last, Home back to the first */
	CONTAINS(&r, 3, "30/30");
	CONTAINS(&r, 4, "1/30");
	run_free(&r);
}
END_TEST

/* F1 on the due list names the keys that edit the filter's dates and
 * clear 类型 and 负责人 (its help lacked them: they work as a sheet's),
 * what Home and End do there, and what Enter does on a filter; on
 * another's task, whose Enter is not offered, Enter on a filter is. */
START_TEST(the_due_help_names_the_filter_s_keys)
{
	struct run r;
	seed();
	run_keys(&r, "5<F1><Dump><Esc><Esc>", 100, 40);
	HAS_LINE(&r, 0, "   Enter                 清单中：记录回访结果（已联系 / 未接通 / 拒绝）；筛选项上：到清单，类型、");
	HAS_LINE(&r, 0, "   ←                     日期栏：光标左移一个字");
	HAS_LINE(&r, 0, "   →                     日期栏：光标右移一个字");
	HAS_LINE(&r, 0, "   Backspace             日期栏：删除前一个字；类型、负责人：改回“全部”");
	HAS_LINE(&r, 0, "   Del                   日期栏：删除光标处的字；类型、负责人：改回“全部”");
	HAS_LINE(&r, 0, "   Ctrl-U                日期栏：删除光标前的全部内容；类型、负责人：改回“全部”");
	HAS_LINE(&r, 0, "   Home                  清单中：到第一条；日期栏：到行首");
	HAS_LINE(&r, 0, "   End                   清单中：到最后一条；日期栏：到行尾");
	run_free(&r);
	/* the keys named work: End, then Ctrl-U empties 到 */
	run_keys(&r, "5<S-Tab><S-Tab><S-Tab><End><C-u><Dump><Esc><Esc>", 80, 24);
	CONTAINS(&r, 0, "到 [          ]");
	add_advisor();
	run_free(&r);
	run_as_advisor(&r, "5<S-Tab><BS><Tab><Down><F1><Dump><Esc><Esc>");
	CONTAINS(&r, 0, "   Enter                 筛选项上：到清单，类型、负责人：\n"
	                "                         打开选择列表（别人负责的回访不能处理）\n");
	run_free(&r);
}
END_TEST

/* F1 and the bar on the due list's dialogs, question and pick lists say
 * what works there.  回访改期 (one field: Enter passes it) says 改期 in
 * its bar and F1, as its message does — its bar said 保存 and its F1 the
 * sheet's Tab / Space / "Esc 返回上一画面（有未保存的修改时先询问）";
 * 未接通's F1 says Y, N and Esc (taken as N), and that Enter does nothing,
 * where it showed the dialog's sheet keys; 记录回访结果's Esc asks
 * nothing; a pick list over the list has no sheet to save. */
/* Ctrl-C in a question and in a one-field dialog says what Esc does
 * there (the question's N, the dialog's 取消), not a sheet's "asks first
 * when there are unsaved changes". */
START_TEST(ctrl_c_in_a_dialog_says_what_esc_does_there)
{
	struct run r;
	seed();
	run_keys(&r, "5<Enter>2<F2><C-c><Dump>Y<C-c><Dump><Esc><Esc>", 80, 24);
	CONTAINS(&r, 0, "本程序不用 Ctrl-C 等组合键退出：请按问题框底行所列的键作答；Esc 同 N：不用");
	HAS_LINE(&r, 0, "Y 改期  N 不用  Esc 同 N  F1 帮助");
	CONTAINS(&r, 1, "本程序不用 Ctrl-C 等组合键退出：按 Esc 取消本框（什么也不改，不询问）");
	HAS_LINE(&r, 1, "Enter/F2 改期  Esc 返回  F1 帮助");
	for (int i = 0; i < 2; i++) LACKS(&r, i, "有未保存的修改时先询问");
	run_free(&r);
}
END_TEST

START_TEST(the_due_dialogs_say_their_own_keys)
{
	struct run r;
	seed();
	run_keys(&r, "5<Enter>2<F2><F1><Dump><Esc>Y<Dump><F1><Dump><Esc><Esc>", 80, 24);
	CONTAINS(&r, 0, "帮助：本问题的按键");
	HAS_LINE(&r, 0, "   Y                     改期");
	HAS_LINE(&r, 0, "   N                     不用");
	HAS_LINE(&r, 0, "   Esc                   同 N：不用");
	HAS_LINE(&r, 0, "   Enter                 不起作用：请按上面列出的键作答");
	HAS_LINE(&r, 0, "   字母键                大小写均可");
	LACKS(&r, 0, "【当前项");
	LACKS(&r, 0, "下一项");
	LACKS(&r, 0, "F2");
	/* the dialog's bar and message say one word */
	HAS_LINE(&r, 1, "Enter/F2 改期  Esc 返回  F1 帮助");
	CONTAINS(&r, 1, "填写新的回访日期后按 F2 改期；Esc 返回。");
	LACKS(&r, 1, "保存");
	HAS_LINE(&r, 2, " 【当前项：改到】");
	HAS_LINE(&r, 2, "   Enter / F2 / Ctrl-S   改期");
	HAS_LINE(&r, 2, "   Esc                   取消：关闭本框返回，什么也不改（不询问）");
	HAS_LINE(&r, 2, "   Backspace             删除前一个字");
	HAS_LINE(&r, 2, "   Ctrl-U                删除光标前的全部内容（在行尾即清空本项）");
	LACKS(&r, 2, "   Tab");
	LACKS(&r, 2, "   Space");
	LACKS(&r, 2, "保存");
	LACKS(&r, 2, "先询问");
	run_free(&r);
	run_keys(&r, "5<Enter><F1><Dump><Esc><Esc>5<Tab><Tab><Tab><Enter><F1><Dump><Esc><F2><Dump><Esc><Esc>", 80, 24);
	HAS_LINE(&r, 0, "   F2 / Ctrl-S           保存");
	HAS_LINE(&r, 0, "   Esc                   取消：关闭本框返回，什么也不改（不询问）");
	LACKS(&r, 0, "先询问");
	/* the pick list over the due list: no sheet to save, a filter to empty */
	HAS_LINE(&r, 1, "   F2 / Ctrl-S           不起作用：先 Enter 选定或 Esc 取消");
	HAS_LINE(&r, 1, "   Ctrl-U                清空筛选（光标不在末尾时：删除光标前的部分）");
	LACKS(&r, 1, "保存登记表");
	LACKS(&r, 1, "清空本项");
	CONTAINS(&r, 2, " 请先 Enter 选定或 Esc 取消 ");
	LACKS(&r, 2, "再保存");
	run_free(&r);
	/* Enter passes the date as F2 does (王五's call is closed: 赵六's) */
	run_keys(&r, "5<F5><End><BS>5<Enter><Dump>", 80, 24);
	HAS_LINE(&r, 0, "已改期：赵六的维修回访改到 2025-01-15。");
	run_free(&r);
}
END_TEST

Suite *ui_due_suite(void)
{
	Suite *s = suite_create("ui_due");
	TCase *tc = tcase_create("screens");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, mobile_masking);
	tcase_add_test(tc, list_80x24);
	tcase_add_test(tc, list_120x40);
	tcase_add_test(tc, reason_whole_and_name_cut_at_80);
	tcase_add_test(tc, a_birthday_whole_at_80);
	tcase_add_test(tc, wide_columns_take_the_year_not_the_reason);
	tcase_add_test(tc, close_with_result);
	tcase_add_test(tc, an_advisor_works_their_own_tasks);
	tcase_add_test(tc, a_renamed_advisor_keeps_their_calls);
	tcase_add_test(tc, an_advisor_s_view_is_theirs_and_nobody_s);
	tcase_add_test(tc, the_list_follows_another_terminal_while_idle);
	tcase_add_test(tc, a_call_answered_elsewhere_is_not_written_over);
	tcase_add_test(tc, an_expiry_day_reads_as_a_late_call);
	tcase_add_test(tc, an_archive_is_listed_and_closed_as_uploaded);
	tcase_add_test(tc, resize_under_the_staff_list);
	tcase_add_test(tc, a_card_call_is_written_on_the_card);
	tcase_add_test(tc, unreached_rescheduled);
	tcase_add_test(tc, stop_reminding_one_customer);
	tcase_add_test(tc, filter_kind_staff_dates);
	tcase_add_test(tc, tab_over_a_filter_list_goes_on);
	tcase_add_test(tc, a_past_day_is_asked_again_in_the_dialog);
	tcase_add_test(tc, a_reschedule_takes_today_tomorrow_and_the_day_after);
	tcase_add_test(tc, a_filter_says_why_a_key_does_nothing);
	tcase_add_test(tc, lateness_is_counted_to_the_day_named);
	tcase_add_test(tc, long_list_scrolls);
	tcase_add_test(tc, a_huge_list_is_capped_with_exact_totals);
	tcase_add_test(tc, the_due_help_names_the_filter_s_keys);
	tcase_add_test(tc, the_due_dialogs_say_their_own_keys);
	tcase_add_test(tc, ctrl_c_in_a_dialog_says_what_esc_does_there);
	suite_add_tcase(s, tc);
	return s;
}
