/* Key-script tests of the walk-in and call log (来店(电)登记): the day's list
 * and the sheet at 80x24 and 120x40 with Chinese typed, an entry without
 * contact details but never without 信息来源 or 销售顾问, the owner of a
 * typed mobile shown at once (and a repeat visitor going to the consultant
 * already handling them), 离店 in one key, the consultant pick list. */
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
	st_close(db);
}
static void teardown(void) { tu_rmtree(dir); }

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

/* A walk-in typed at the desk: name, full-width mobile, model, source from
 * its pick list, consultant typed, test drive, summary. */
#define WALKIN \
	"2<F4>张三<Tab>１３８００１３８０００<Tab><Tab><Tab>瑞虎8<Tab>网<Enter>王五<Tab>1<Tab>看了瑞虎8，关心油耗"
/* ...saved, and turned into an A-card at level B (the important prompt
 * answered "save anyway" both times). */
#define TABS20 "<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>"
#define WALKIN_CARD WALKIN "<F2><Esc><F6>男" TABS20 "B<F2>S<Esc><Esc>"

/* The day's list opens empty and F4 gives a sheet with the arrival stamped
 * and the cursor on 客户名称. */
START_TEST(list_and_sheet_80x24)
{
	struct run r;
	run_keys(&r, "2<Dump><F4><Dump>", 80, 24);
	SCREEN_EQ(&r, 0,
	" desk4s │ 来店(电)登记  2025-01-10（今天）                 共 0 条  未离店 0 条\n"
	"    到店  离店  方式 客户名称   电话        意向车型  信息来源 销售顾问 A卡\n"
	"\n"
	"   今天还没有登记。按 F4 登记来店或来电的客户；← 查看前一天。\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"Enter 打开  F4 新登记  F5 离店  F6 转A卡  ← 前一天  → 后一天  Esc 返回  F1 帮助\n"
	"\n"
	"员工：王五（经理）  日期：2025-01-10  数据库：ui.db\n");
	SCREEN_EQ(&r, 1,
	" desk4s │ 来店(电)客户信息登记表                                         新登记\n"
	"                             来店(电)客户信息登记表         *必填  !重要\n"
	"┌─ 登记 ───────────────────────────────────────────────────────────────────────┐\n"
	"│ *来电或到店 ■到店 □来电                *到店时间   [2025-01-10 09:30]        │\n"
	"│  离店时间   [                ]          客户名称   [                ]        │\n"
	"│  手机号     [             ]             固定电话   [                ]        │\n"
	"│  随行人员   [                ]         !意向车型   [                ]        │\n"
	"│ *信息来源   [          ]               *销售顾问   [          ]              │\n"
	"│  试驾与否   □是 □否                                                          │\n"
	"│ !沟通概况   [                                        ]                       │\n"
	"│  A卡编号    [              ]                                                 │\n"
	"└──────────────────────────────────────────────────────────────────────────────┘\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"F2 保存  Space 选择  F5 离店  F6 转A卡  Esc 返回  F1 帮助\n"
	"到店时间已填为现在。必填：信息来源、销售顾问；没留联系方式也可登记。\n"
	"员工：王五（经理）  日期：2025-01-10  数据库：ui.db\n");
	run_free(&r);
}
END_TEST

/* Chinese typed at 120x40; a typed mobile says at once whom it belongs to. */
/* Longer than six rows: the rows around the cursor, '<' and '>' saying
 * more is above or below, as a one-row entry says it left and right. */
static const char TEN[] = "一二三四五六七八九十";

START_TEST(a_note_longer_than_six_rows_scrolls_by_rows)
{
	struct run r;
	char keys[4096] = "2<F4>张三<Tab><Tab><Tab><Tab>瑞虎8<Tab>网<Enter>王五<Tab>1<Tab>";
	for (int i = 0; i < 24; i++) /* 240 characters: eight rows of 31 */
		strcat(keys, TEN);
	strcat(keys, "<Dump><Home><Dump><Esc>N");
	run_keys(&r, keys, 80, 24);
	CONTAINS(&r, 0, "│ !沟通概况   <");
	CONTAINS(&r, 0, "六七八九十                ] │\n│  A卡编号");
	CONTAINS(&r, 1, "│ !沟通概况   [一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一] │");
	CONTAINS(&r, 1, "> │\n│  A卡编号");
	run_free(&r);
}
END_TEST

/* A long 沟通概况 is read whole while it is written: wrapped over the
 * sheet's width below its label, the cursor at its end; leaving the field
 * shows its start again, and the text is saved whole. */
START_TEST(a_long_note_is_shown_whole_while_written)
{
	struct run r;
	run_keys(&r, "2<F4>张三<Tab><Tab><Tab><Tab>瑞虎8<Tab>网<Enter>王五<Tab>1<Tab>"
	             "客户和太太一起来的，看了瑞虎8和瑞虎7，关心油耗和后排空间，预算十五万左右，想要白色或者灰色，"
	             "下周六带孩子再来试驾，顺便问了置换旧车（2015年的朗逸）的价格。<Dump><Home><Dump><Tab><Dump>"
	             "<F2><Dump><Esc>",
	         80, 24);
	SCREEN_EQ(&r, 0,
	" desk4s │ 来店(电)客户信息登记表                                         新登记\n"
	"                             来店(电)客户信息登记表         *必填  !重要\n"
	"┌─ 登记 ───────────────────────────────────────────────────────────────────────┐\n"
	"│ *来电或到店 ■到店 □来电                *到店时间   [2025-01-10 09:30]        │\n"
	"│  离店时间   [                ]          客户名称   [张三            ]        │\n"
	"│  手机号     [             ]             固定电话   [                ]        │\n"
	"│  随行人员   [                ]         !意向车型   [瑞虎8           ]        │\n"
	"│ *信息来源   [网络      ]               *销售顾问   [王五      ]              │\n"
	"│  试驾与否   ■是 □否                                                          │\n"
	"│ !沟通概况   [客户和太太一起来的，看了瑞虎8和瑞虎7，关心油耗和后排空间，预算] │\n"
	"│             [十五万左右，想要白色或者灰色，下周六带孩子再来试驾，顺便问了置] │\n"
	"│             [换旧车（2015年的朗逸）的价格。                                ] │\n"
	"│  A卡编号    [              ]                                                 │\n"
	"└──────────────────────────────────────────────────────────────────────────────┘\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"F2 保存  Space 选择  F5 离店  F6 转A卡  Esc 返回  F1 帮助\n"
	"到店时间已填为现在。必填：信息来源、销售顾问；没留联系方式也可登记。\n"
	"员工：王五（经理）  日期：2025-01-10  数据库：ui.db\n");
	/* Home: the first row, the rest in view below */
	HAS_LINE(&r, 1, "│ !沟通概况   [客户和太太一起来的，看了瑞虎8和瑞虎7，关心油耗和后排空间，预算] │");
	HAS_LINE(&r, 1, "│             [换旧车（2015年的朗逸）的价格。                                ] │");
	/* left: its first 40 cells, and the field below is back */
	HAS_LINE(&r, 2, "│ !沟通概况   [客户和太太一起来的，看了瑞虎8和瑞虎7，关>                       │");
	HAS_LINE(&r, 2, "│  A卡编号    [              ]                                                 │");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT summary FROM visits"),
	                 "客户和太太一起来的，看了瑞虎8和瑞虎7，关心油耗和后排空间，预算十五万左右，想要白色或者灰色，"
	                 "下周六带孩子再来试驾，顺便问了置换旧车（2015年的朗逸）的价格。");
}
END_TEST

/* A note pasted from another program, line breaks and a Tab in it, stays
 * in 沟通概况 (the terminal marks a paste, uik_get): one space for each
 * run of breaks, CRLF and a blank line included, none next to Chinese, where each break was an Enter
 * that moved on and spilled the rest into A卡编号; one before the text adds
 * nothing.  A break that ends the paste, and Enter typed, still move on. */
START_TEST(a_pasted_note_with_line_breaks_stays_in_its_field)
{
	struct run r;
	run_keys(&r, "2<F4>张三<Tab><Paste>13800138000<Enter></Paste><Tab><Tab>瑞虎8<Tab>网<Enter>王五<Tab>1<Tab>"
	             "<Paste><Enter>想要白色<Enter>周末再来<Enter>\n<Enter>预算<Tab>15万</Paste><Dump><Enter><F2><Esc>",
	         80, 24);
	/* none before it either, nor next to Chinese; the Tab is a space */
	CONTAINS(&r, 0, "[想要白色周末再来预算 15万");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT summary FROM visits"), "想要白色周末再来预算 15万");
	/* a break that ends the paste is Enter: a number copied with its line */
	ck_assert_str_eq(db_text("SELECT mobile FROM visits"), "13800138000");
	ck_assert_str_eq(db_text("SELECT coalesce(acard_no, '') FROM visits"), "");
}
END_TEST

START_TEST(sheet_120x40_chinese)
{
	struct run r;
	run_keys(&r, WALKIN "<Dump>", 120, 40);
	SCREEN_EQ(&r, 0,
	" desk4s │ 来店(电)客户信息登记表                                                                                 新登记\n"
	"                                                 来店(电)客户信息登记表                             *必填  !重要\n"
	"┌─ 登记 ───────────────────────────────────────────────────────────────────────────────────────────────────────────────┐\n"
	"│ *来电或到店 ■到店 □来电                                    *到店时间   [2025-01-10 09:30]                            │\n"
	"│  离店时间   [                ]                              客户名称   [张三            ]                            │\n"
	"│  手机号     [13800138000  ]                                 固定电话   [                ]                            │\n"
	"│  随行人员   [                ]                             !意向车型   [瑞虎8           ]                            │\n"
	"│ *信息来源   [网络      ]                                   *销售顾问   [王五      ]                                  │\n"
	"│  试驾与否   ■是 □否                                                                                                  │\n"
	"│ !沟通概况   [看了瑞虎8，关心油耗                                                             ]                       │\n"
	"│  A卡编号    [              ]                                                                                         │\n"
	"└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"F2 保存  Space 选择  F5 离店  F6 转A卡  Esc 返回  F1 帮助\n"
	"手机号 13800138000：还没有客户档案或 A卡\n"
	"员工：王五（经理）  日期：2025-01-10  数据库：ui.db\n");
	run_free(&r);
}
END_TEST

/* No contact details is fine; no 信息来源 or 销售顾问 is not.  The refusal
 * names both and the cursor waits in 信息来源. */
START_TEST(source_and_consultant_required)
{
	struct run r;
	run_keys(&r, "2<F4><F2><Dump>路<Enter>王五<F2><Dump>S<Dump><Esc><Dump>", 80, 24);
	CONTAINS(&r, 0, "未保存。必填项未填：信息来源、销售顾问。\n");
	CONTAINS(&r, 1, "以下重要项目尚未填写：");
	CONTAINS(&r, 1, "意向车型、沟通概况");
	CONTAINS(&r, 2, "已保存：到店 2025-01-10 09:30\n");
	CONTAINS(&r, 3, " >  09:30 在店  到店 （未留名）                       路过     王五\n");
	ck_assert_str_eq(db_text("SELECT count(*) FROM visits WHERE mobile IS NULL"), "1");
	run_free(&r);
}
END_TEST

/* A phone call without an end time is 未结, not a visitor still in the
 * shop: 未离店 counts walk-ins only. */
START_TEST(calls_are_not_counted_as_in_the_shop)
{
	struct run r;
	run_keys(&r, "2<F4><S-Tab><S-Tab><S-Tab>2<Tab><Tab><Tab>王六<Tab>13800138009<Tab><Tab><Tab><Tab>网<Enter>王五<F2>S<Esc><Dump>",
	         80, 24);
	CONTAINS(&r, 0, "共 1 条  未离店 0 条\n");
	CONTAINS(&r, 0, "未结  来电 王六");
	run_free(&r);
}
END_TEST

/* Nobody comes to the shop on a call: the sheet calls its times 来电时间 and
 * 结束时间 (and so does a refusal), the day's list heads them 来电 / 结束, or
 * 时间 / 结束 beside walk-ins; the stored columns stay as they are. */
START_TEST(a_call_reads_as_a_call)
{
	struct run r;
	run_keys(&r, "2<F4><S-Tab><S-Tab><S-Tab>2<Dump><Tab><End><BS><BS><BS><BS><BS><BS><F2><Dump>"
	             "<Esc>Y<Dump><F4><Esc><Dump>",
	         80, 24);
	HAS_LINE(&r, 0, "│ *来电或到店 □到店 ■来电                *来电时间   [2025-01-10 09:30]        │");
	HAS_LINE(&r, 0, "│  结束时间   [                ]          客户名称   [                ]        │");
	LACKS(&r, 0, "│ *到店时间");
	LACKS(&r, 0, "离店时间");
	CONTAINS(&r, 1, "有误：来电时间：只有日期，缺少时间");
	run_free(&r);
	run_keys(&r, "2<F4><S-Tab><S-Tab><S-Tab>2<Tab><Tab><Tab>王六<Tab>13800138009<Tab><Tab><Tab><Tab>网<Enter>王五<F2>S<Esc><Dump>"
	             "<F4>张三<Tab><Tab><Tab><Tab><Tab>网<Enter>王五<F2>S<Esc><Dump>",
	         80, 24);
	CONTAINS(&r, 0, "    来电  结束  方式");
	CONTAINS(&r, 1, "    时间  结束  方式");
	run_free(&r);
}
END_TEST

/* ...and so do its keys and messages: the key bar offers F5 结束 (F5 离店
 * on a walk-in), the new entry's first message follows 来电或到店 while it
 * is shown, and F5 on the sheet or in the list says 结束, also when it
 * refuses a second one. */
START_TEST(a_call_s_keys_and_messages_read_as_a_call)
{
	struct run r;
	run_keys(&r, "2<F4><S-Tab><S-Tab><S-Tab>2<Dump>1<Dump>2<Tab><Tab><Tab>王六<Tab>13800138009<Tab><Tab><Tab><Tab>"
	             "网<Enter>王五<F2>S<F5><Dump><F5><Dump><Esc><F5><Dump>",
	         80, 24);
	CONTAINS(&r, 0, "\nF2 保存  Space 选择  F5 结束  F6 转A卡  Esc 返回  F1 帮助\n");
	CONTAINS(&r, 0, "\n来电时间已填为现在。必填：信息来源、销售顾问；没留联系方式也可登记。\n");
	LACKS(&r, 0, "离店");
	LACKS(&r, 0, "到店时间已填为现在");
	CONTAINS(&r, 1, "\nF2 保存  Space 选择  F5 离店  F6 转A卡  Esc 返回  F1 帮助\n");
	CONTAINS(&r, 1, "\n到店时间已填为现在。必填：信息来源、销售顾问；没留联系方式也可登记。\n");
	CONTAINS(&r, 2, "\n已记结束：2025-01-10 09:30\n");
	CONTAINS(&r, 3, "\n未记结束：结束时间：该来电已于 2025-01-10 09:30 结束\n");
	CONTAINS(&r, 4, "\n未记结束：结束时间：该来电已于 2025-01-10 09:30 结束\n");
	ck_assert_str_eq(db_text("SELECT leave_at FROM visits"), "2025-01-10 09:30");
	run_free(&r);
}
END_TEST

/* F1 on the visit sheet says that Space ticks 来电或到店 and 试驾与否 as
 * well as opening 信息来源's and 销售顾问's lists: it named only the
 * lists, while Space on 来电或到店 ticks 来电. */
START_TEST(the_visit_help_says_space_ticks_too)
{
	struct run r;
	run_keys(&r, "2<F4><S-Tab><S-Tab><S-Tab><Space><Dump><F1><Dump>", 80, 24);
	CONTAINS(&r, 0, "*来电或到店 □到店 ■来电");
	HAS_LINE(&r, 1, "   Space                 勾选（来电或到店、试驾与否）/ 打开选择列表（信息来源、");
	run_free(&r);
}
END_TEST

/* A repeat visitor: the mobile shows the A-card it belongs to, the card's
 * consultant fills 销售顾问 on leaving the mobile, and the entry is filed
 * under the card.  F5 stamps 离店 once; a second F5 is refused. */
START_TEST(owner_shown_and_leave_in_one_key)
{
	struct run r;
	run_keys(&r, WALKIN_CARD, 80, 24);
	run_free(&r);
	run_keys(&r, "2<F4>李四<Tab>13800138000<Dump><Tab><Dump><Tab><Tab><Tab>网<Enter><F2>S<Dump><Esc><Dump>"
	             "<Up><F5><Dump><F5><Dump>", 80, 24);
	CONTAINS(&r, 0, "手机号 13800138000 属于：A卡 A20250110-0001 张三（销售顾问 王五，跟进中）\n");
	CONTAINS(&r, 0, "*销售顾问   [          ]");
	CONTAINS(&r, 1, "*销售顾问   [王五      ]");
	CONTAINS(&r, 2, "已保存：到店 2025-01-10 09:30，归入 A卡 A20250110-0001\n");
	CONTAINS(&r, 3, "共 2 条  未离店 2 条\n");
	CONTAINS(&r, 3, " *  09:30 在店  到店 张三       13800138000 瑞虎8     网络     王五     已建\n");
	CONTAINS(&r, 3, " >  09:30 在店  到店 李四       13800138000           网络     王五     已建\n");
	CONTAINS(&r, 4, "共 2 条  未离店 1 条\n");
	CONTAINS(&r, 4, " >  09:30 09:30 到店 张三       13800138000 瑞虎8     网络     王五     已建\n");
	CONTAINS(&r, 4, "已记离店：张三 2025-01-10 09:30\n");
	CONTAINS(&r, 5, "未记离店：离店时间：该登记已于 2025-01-10 09:30 离店\n");
	ck_assert_str_eq(db_text("SELECT count(*) FROM visits WHERE acard_no='A20250110-0001'"), "2");
	run_free(&r);
}
END_TEST

/* An entry imported from a log that kept only the day: its time is shown
 * as unknown, not as a date cut to the column. */
START_TEST(a_day_without_its_time_in_the_list)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "INSERT INTO visits(visit_kind, arrive_at, leave_at, cust_name, info_source, consultant)"
	                  " VALUES('到店', '2025-01-10', '2025-01-10', '赵总', '路过', '王五')");
	struct run r;
	run_keys(&r, "2<Dump>", 80, 24);
	CONTAINS(&r, 0, " >  不详  不详  到店 赵总");
	run_free(&r);
}
END_TEST

/* A name, a model or a number wider than its column is cut with "…", as
 * the other lists cut theirs: 阿卜杜拉· read as a whole name, and a
 * landline's extension 123 as 12. */
START_TEST(a_long_cell_in_the_list_is_cut_with_an_ellipsis)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "INSERT INTO visits(visit_kind, arrive_at, leave_at, cust_name, mobile, phone, intent_model,"
	                  " info_source, consultant) VALUES"
	                  " ('到店', '2025-01-10 09:00', NULL, '阿卜杜拉·买买提', '13800138000', '', '途观L四驱旗舰版',"
	                  " '路过', '王五'),"
	                  " ('来电', '2025-01-10 09:10', NULL, '刘经理', NULL, '0571-88886666-123', '', '网络', '王五')");
	struct run r;
	run_keys(&r, "2<Dump>", 80, 24);
	CONTAINS(&r, 0, " >  09:00 在店  到店 阿卜杜拉·… 13800138000 途观L四…  路过     王五\n");
	CONTAINS(&r, 0, "  09:10 未结  来电 刘经理     88886666-1… ");
	run_free(&r);
	/* a wide screen has room for the extension */
	run_keys(&r, "2<Dump>", 100, 30);
	CONTAINS(&r, 0, " 88886666-123   ");
	run_free(&r);
}
END_TEST

/* A caller from an office line: the landline says whose customer it is
 * on leaving the field, is kept, links the entry and is listed under 电话. */
START_TEST(a_landline_caller_is_known)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "INSERT INTO customers(cust_no, nature, name, mobile, phone1) VALUES"
	                  " ('C00000001', '单位', '杭州某车队', '13900005555', '0571-88886666'),"
	                  " ('C00000002', '个人', '张三', '13900006666', '0571-88886666-12')");
	struct run r;
	run_keys(&r, "2<F4><S-Tab><S-Tab><S-Tab>2<Tab><Tab><Tab>刘经理<Tab><Tab>0571 8888 6666<Tab><Dump>"
	             "<S-Tab><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>0571-88880000<Tab><Dump>"
	             "<S-Tab><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>(0571)88886666<Tab><Tab><Tab>网<Enter>王五<F2>S<Esc><Dump>",
	         80, 24);
	CONTAINS(&r, 0, "│  手机号     [             ]             固定电话   [0571 8888 6666  ]        │");
	CONTAINS(&r, 0, "固定电话 0571-88886666 属于：客户 C00000001 杭州某车队\n");
	CONTAINS(&r, 1, "固定电话 0571-88880000：没有对应的客户档案（或几位客户共用这个号码）\n");
	CONTAINS(&r, 2, " >  09:30 未结  来电 刘经理     88886666              网络     王五\n");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT phone || ' ' || customer_id FROM visits"), "0571-88886666 1");
	/* a mobile that is none is said so on leaving it (ten digits), or at
	 * its digits (a landline), not taken for a new customer's */
	run_keys(&r, "2<F4><S-Tab><S-Tab><S-Tab>2<Tab><Tab><Tab>刘经理<Tab>1390000555<Tab><Dump>"
	             "<S-Tab><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>057188886666<Dump><Esc>Y<Esc>", 80, 24);
	CONTAINS(&r, 0, "手机号：应为11位手机号码");
	CONTAINS(&r, 1, "手机号：");
	CONTAINS(&r, 1, "固定电话请填在“固定电话”栏");
	LACKS(&r, 1, "还没有客户档案");
	run_free(&r);
}
END_TEST

/* The list opens on today; ← and → go through earlier days (an entry
 * imported, one to complete) up to today.  An earlier day's entry without
 * its leave time is 未记, not in the shop, and F5 (which stamps now) is
 * refused for it; Enter opens it. */
/* On a day with no entries, Enter, F5 and F6 of the bar have no entry
 * to act on: they say so (and how to log one) rather than do nothing. */
START_TEST(an_empty_day_says_why_its_keys_do_nothing)
{
	struct run r;
	run_keys(&r, "2<Enter><Dump><F5><Dump><F6><Dump>", 80, 24);
	CONTAINS(&r, 0, "今天还没有登记，没有可打开的登记。按 F4 新登记。\n");
	CONTAINS(&r, 1, "今天还没有登记，没有可记离店的登记。按 F4 新登记。\n");
	CONTAINS(&r, 2, "今天还没有登记，没有可转为 A卡的登记。按 F4 新登记。\n");
	run_free(&r);
}
END_TEST

START_TEST(earlier_days_are_a_key_away)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "INSERT INTO visits(visit_kind, arrive_at, leave_at, cust_name, info_source, consultant) VALUES"
	                  " ('到店', '2025-01-09 10:00', NULL, '赵总', '路过', '王五'),"
	                  " ('到店', '2025-01-09 11:00', '2025-01-09 11:30', '钱总', '网络', '王五'),"
	                  " ('到店', '2025-01-07 15:00', '2025-01-07 16:00', '孙总', '网络', '王五')");
	struct run r;
	run_keys(&r, "2<Dump><Left><Dump><F5><Dump><Enter><Dump><Esc><Left><Left><Dump><Right><Right><Right><Dump><Right><Dump>",
	         80, 24);
	CONTAINS(&r, 0, "来店(电)登记  2025-01-10（今天）");
	CONTAINS(&r, 0, "今天还没有登记。按 F4 登记来店或来电的客户；← 查看前一天。");
	CONTAINS(&r, 1, "来店(电)登记  2025-01-09 ");
	CONTAINS(&r, 1, "共 2 条  未记离店 1 条\n");
	CONTAINS(&r, 1, " >  10:00 未记  到店 赵总");
	CONTAINS(&r, 1, "    11:00 11:30 到店 钱总");
	CONTAINS(&r, 2, "未记离店：离店时间：这是 2025-01-09 的登记，离店时间请在登记表中填写\n");
	CONTAINS(&r, 3, "[2025-01-09 10:00]");
	CONTAINS(&r, 3, "[赵总            ]");
	CONTAINS(&r, 4, "来店(电)登记  2025-01-07 ");
	CONTAINS(&r, 4, "孙总");
	CONTAINS(&r, 5, "2025-01-10（今天）");
	CONTAINS(&r, 6, "已是今天");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT count(*) FROM visits WHERE leave_at IS NULL"), "1");
}
END_TEST

/* At the i-th pause of ui_play_idle, the other terminal runs sql[i]
 * (NULL: writes nothing). */
static void run_sql(int pause, void *ctx)
{
	const char *const *sql = ctx;
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	if (sql[pause]) tu_sql_exec(path, sql[pause]);
}

/* Play keys as run_keys does, with the test as another terminal at each
 * <Idle> pause: it runs sql[i] in the i-th while the session waits. */
static void run_idle(struct run *r, const char *keys, const char *const *sql, int pauses)
{
	char *script = ui_script(LOGIN "<Enter>" PASSWORD "<Enter>", keys);
	int status = ui_play_idle(script, 80, 24, "DESK4S_TODAY=2025-01-10 DESK4S_NOW='2025-01-10 09:30:00'", "ui.db",
	                          pauses, run_sql, (void *)sql);
	free(script);
	ui_screens(r, status, NULL);
}

/* The day's list picks up what reception's other terminal logs while it
 * stands idle, without a key: a walk-in logged late (arrived before the
 * entry under the cursor, so listed above it) and a 离店 stamped.  The
 * cursor stays on the entry it was on, not its row; a pause in which
 * nobody wrote changes nothing. */
START_TEST(the_list_shows_another_terminal_s_entry_while_idle)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "INSERT INTO visits(visit_kind, arrive_at, leave_at, cust_name, info_source, consultant) VALUES"
	                  " ('到店', '2025-01-10 09:00', NULL, '赵总', '路过', '王五'),"
	                  " ('到店', '2025-01-10 09:10', NULL, '钱总', '网络', '王五')");
	const char *other[] = {
		"INSERT INTO visits(visit_kind, arrive_at, leave_at, cust_name, info_source, consultant)"
		" VALUES ('到店', '2025-01-10 08:50', NULL, '孙总', '路过', '王五');"
		"UPDATE visits SET leave_at = '2025-01-10 09:25' WHERE cust_name = '赵总'",
		NULL,
	};
	struct run r;
	run_idle(&r, "2<Down><Dump><Idle><Dump><Idle><Dump>", other, 2);
	CONTAINS(&r, 0, "共 2 条  未离店 2 条\n");
	CONTAINS(&r, 0, " *  09:00 在店  到店 赵总");
	CONTAINS(&r, 0, " >  09:10 在店  到店 钱总");
	CONTAINS(&r, 1, "共 3 条  未离店 2 条\n");
	/* "*": still in the shop */
	CONTAINS(&r, 1, " *  08:50 在店  到店 孙总");
	CONTAINS(&r, 1, "    09:00 09:25 到店 赵总");
	/* still on 钱总, now the third row */
	CONTAINS(&r, 1, " >  09:10 在店  到店 钱总");
	ck_assert_str_eq(r.screens[2], r.screens[1]);
	run_free(&r);
}
END_TEST

/* A day's list left open past midnight: the first walk-in logged the
 * next morning at another terminal brings it to the new day, where it had
 * gone on showing yesterday's; a list of an earlier day stays on it. */
START_TEST(a_list_left_open_overnight_moves_to_the_new_day)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "INSERT INTO visits(visit_kind, arrive_at, leave_at, cust_name, info_source, consultant) VALUES"
	                  " ('到店', '2025-01-10 17:00', '2025-01-10 17:30', '赵总', '路过', '王五')");
	const char *other[] = {
		"INSERT INTO visits(visit_kind, arrive_at, leave_at, cust_name, info_source, consultant)"
		" VALUES ('到店', '2025-01-11 08:40', NULL, '孙总', '路过', '王五')",
		"INSERT INTO visits(visit_kind, arrive_at, leave_at, cust_name, info_source, consultant)"
		" VALUES ('到店', '2025-01-12 08:40', NULL, '李总', '路过', '王五')",
	};
	struct run r;
	run_idle(&r, "2<Dump><Now 2025-01-11 08:45><Idle><Dump><Left><Now 2025-01-12 08:45><Idle><Dump>", other, 2);
	CONTAINS(&r, 0, "2025-01-10（今天）");
	CONTAINS(&r, 1, "2025-01-11（今天）");
	CONTAINS(&r, 1, "孙总");
	LACKS(&r, 1, "赵总");
	/* moved back a day by hand, it stays there */
	CONTAINS(&r, 2, "来店(电)登记  2025-01-10 ");
	CONTAINS(&r, 2, "赵总");
	run_free(&r);
}
END_TEST

/* 销售顾问 from the names the shop has used: Space opens the list. */
START_TEST(consultant_pick_list)
{
	struct run r;
	run_keys(&r, WALKIN "<F2><Esc><Esc>", 80, 24);
	run_free(&r);
	run_keys(&r, "2<F4><Tab><Tab><Tab><Tab><Tab>电<Enter><Space><Dump><Enter><Dump>", 80, 24);
	CONTAINS(&r, 0, "─ 销售顾问 ─");
	CONTAINS(&r, 0, "> 王五");
	CONTAINS(&r, 1, "*销售顾问   [王五      ]");
	CONTAINS(&r, 1, "*信息来源   [电视      ]");
	run_free(&r);
}
END_TEST

/* A pick list of ten or more numbers them right-aligned: 9 and 10 start
 * their labels in one column (10 路过 stood a cell right of 9 老客户介绍). */
START_TEST(a_long_pick_list_lines_up_its_numbers)
{
	struct run r;
	run_keys(&r, "2<F4><Tab><Tab><Tab><Tab><Tab><Space><Dump><Esc><Esc>", 80, 24);
	CONTAINS(&r, 0, "│>  1 网络 ");
	CONTAINS(&r, 0, "│   9 老客户介绍 ");
	CONTAINS(&r, 0, "│  10 路过 ");
	run_free(&r);
}
END_TEST

/* With accounts that sell, the list offers them first, by the name the
 * sheets carry; a name from the entries that is nobody's account follows;
 * the name of a disabled account is not offered. */
START_TEST(consultant_pick_list_offers_the_accounts)
{
	char path[512], err[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	struct st_db *db;
	struct staff_me admin;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_login(db, "admin", "admin-pass-1", &admin, err, sizeof err), STAFF_OK);
	ck_assert_msg(staff_add(db, &admin, "zw", "张伟", AUTH_SALES, "zw-pass-12", err, sizeof err) == ST_OK, "%s", err);
	ck_assert_msg(staff_add(db, &admin, "cj", "陈静", AUTH_SALES, "cj-pass-12", err, sizeof err) == ST_OK, "%s", err);
	ck_assert_msg(staff_set_disabled(db, &admin, "cj", 1, err, sizeof err) == ST_OK, "%s", err);
	st_close(db);
	tu_sql_exec(path, "INSERT INTO visits(visit_kind, arrive_at, info_source, consultant)"
	                  " VALUES ('到店', '2025-01-09 10:00', '网络', '陈静'),"
	                  " ('到店', '2025-01-09 11:00', '网络', '赵六')");
	struct run r;
	run_keys(&r, "2<F4><Tab><Tab><Tab><Tab><Tab>电<Enter><Space><Dump><Enter><Dump>", 80, 24);
	CONTAINS(&r, 0, "─ 销售顾问 ─");
	CONTAINS(&r, 0, "> 张伟");
	CONTAINS(&r, 0, "  赵六");
	LACKS(&r, 0, "陈静");
	CONTAINS(&r, 1, "*销售顾问   [张伟      ]");
	run_free(&r);
}
END_TEST

Suite *ui_visit_suite(void)
{
	Suite *s = suite_create("ui_visit");
	TCase *tc = tcase_create("screens");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, list_and_sheet_80x24);
	tcase_add_test(tc, sheet_120x40_chinese);
	tcase_add_test(tc, source_and_consultant_required);
	tcase_add_test(tc, a_long_note_is_shown_whole_while_written);
	tcase_add_test(tc, a_pasted_note_with_line_breaks_stays_in_its_field);
	tcase_add_test(tc, a_note_longer_than_six_rows_scrolls_by_rows);
	tcase_add_test(tc, owner_shown_and_leave_in_one_key);
	tcase_add_test(tc, calls_are_not_counted_as_in_the_shop);
	tcase_add_test(tc, a_call_reads_as_a_call);
	tcase_add_test(tc, a_call_s_keys_and_messages_read_as_a_call);
	tcase_add_test(tc, the_visit_help_says_space_ticks_too);
	tcase_add_test(tc, consultant_pick_list);
	tcase_add_test(tc, a_long_pick_list_lines_up_its_numbers);
	tcase_add_test(tc, a_day_without_its_time_in_the_list);
	tcase_add_test(tc, a_landline_caller_is_known);
	tcase_add_test(tc, a_long_cell_in_the_list_is_cut_with_an_ellipsis);
	tcase_add_test(tc, earlier_days_are_a_key_away);
	tcase_add_test(tc, the_list_shows_another_terminal_s_entry_while_idle);
	tcase_add_test(tc, a_list_left_open_overnight_moves_to_the_new_day);
	tcase_add_test(tc, an_empty_day_says_why_its_keys_do_nothing);
	tcase_add_test(tc, consultant_pick_list_offers_the_accounts);
	suite_add_tcase(s, tc);
	return s;
}
