/* Key-script tests of the complaint screen (客户投诉, menu entry 7): the
 * list with the open complaints first, a new complaint for a customer
 * found by mobile, an empty 投诉内容 refused by name, and 处理完毕 putting
 * the 7-day callback on the due list.  The day is pinned. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "uiharness.h"

static void run_keys(struct run *r, const char *keys, int cols, int lines)
{
	run_at(r, keys, cols, lines, "2025-01-10", "2025-01-10 09:30");
}

static const char *db_text(const char *q)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	return tu_sql_text(path, q);
}

/* C00000001 王五, C00000002 赵六 */
static void seed(void)
{
	import("customers",
	       "name,mobile,vin,plate,nature,category,source,sex,province,city,district,address\n"
	       "王五,13800001111,LFV2A21K4C3000001,浙A00001,个人,个人,自来,男,330000,330100,330106,文一路1号\n"
	       "赵六,13800002222,LFV2A21K6C3000002,浙A00002,个人,个人,自来,女,330000,330100,330106,文一路2号\n");
}

/* Handled on the 6th, open since the 8th, open since the 2nd (listed
 * first), handled in November (gone from the list). */
static void seed_complaints(void)
{
	seed();
	import("complaints",
	       "cust_no,received_at,received_by,content,handler,handled_at,result\n"
	       "C00000002,2025-01-05 10:00,前台,保养后异响没有解决，要求重新检查并给出说法,张经理,2025-01-06 15:00,已更换部件\n"
	       "C00000001,2025-01-08 09:30,前台,等待时间太长,,,\n"
	       "C00000002,2025-01-02 14:00,小李,洗车不干净,,,\n"
	       "C00000001,2024-11-02 14:00,小李,很早的投诉,张经理,2024-11-03 10:00,已解决\n");
}

/* Nothing yet: the list says how to add one. */
START_TEST(empty_list_says_f4)
{
	struct run r;
	run_keys(&r, "7<Dump>", 80, 24);
	HAS_LINE(&r, 0, " desk4s │ 客户投诉                               待处理 0 条  近30天已处理 0 条");
	CONTAINS(&r, 0, "没有待处理的投诉，近 30 天也没有处理完毕的。按 F4 登记新投诉（先找客户）。");
	CONTAINS(&r, 0, "Enter 打开  F4 新投诉  Esc 返回  F1 帮助");
	run_free(&r);
	/* Enter, which the bar offers, says why it opens nothing */
	run_keys(&r, "7<Enter><Dump>", 80, 24);
	CONTAINS(&r, 0, "列表中没有投诉，没有可打开的。按 F4 登记新投诉（先找客户）。\n");
	run_free(&r);
}
END_TEST

/* At 80x24 the open ones come first, the oldest on top, then the one
 * handled lately with its day; the one handled in November is not
 * listed; a long content is cut with …. */
START_TEST(list_80x24_open_before_handled)
{
	struct run r;
	seed_complaints();
	run_keys(&r, "7<Dump><Down><Down><Dump><Resize 160x50><Dump>", 80, 24);
	SCREEN_EQ(&r, 0,
	" desk4s │ 客户投诉                               待处理 2 条  近30天已处理 1 条\n"
	"   受理时间    客户               投诉内容                 受理人 状态\n"
	" > 01-02 14:00 赵六 C00000002     洗车不干净               小李   待处理\n"
	"   01-08 09:30 王五 C00000001     等待时间太长             前台   待处理\n"
	"   01-05 10:00 赵六 C00000002     保养后异响没有解决，要…  前台   已处理 01-06\n"
	"\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
	"Enter 打开  F4 新投诉  Esc 返回  F1 帮助\n"
	"\n"
	"员工：STAFF  日期：2025-01-10  数据库：ui.db\n");
	HAS_LINE(&r, 1, " > 01-05 10:00 赵六 C00000002     保养后异响没有解决，要…  前台   已处理 01-06");
	LACKS(&r, 0, "很早的投诉");
	/* wide: whole dates, the whole content */
	CONTAINS(&r, 2, "2025-01-05 10:00 赵六 C00000002");
	CONTAINS(&r, 2, "保养后异响没有解决，要求重新检查并给出说法");
	CONTAINS(&r, 2, "已处理 2025-01-06");
	run_free(&r);
	/* a long name is cut, the customer number after it kept whole */
	import("customers",
	       "name,mobile,nature,category,source,sex,province,city,district,address\n"
	       "阿卜杜拉·买买提,13800003333,个人,个人,自来,男,330000,330100,330106,文一路3号\n");
	import("complaints", "cust_no,received_at,received_by,content\nC00000003,2025-01-09 08:00,前台,没有回电\n");
	run_keys(&r, "7<Dump><Resize 100x30><Dump>", 80, 24);
	CONTAINS(&r, 0, " 01-09 08:00 阿卜杜… C00000003  没有回电");
	CONTAINS(&r, 1, " 2025-01-09 08:00 阿卜杜拉·… C00000003  没有回电");
	run_free(&r);
}
END_TEST

/* F4 finds the customer by mobile; the sheet comes with the customer
 * fixed, 受理时间 now and 受理人 the staff member's name, the cursor on
 * 投诉内容; F2 stores it (usage log too) and the list shows it. */
START_TEST(new_complaint_for_a_customer_found_by_mobile)
{
	struct run r;
	seed();
	run_keys(&r, "7<F4>13800002222<Dump><Enter><Dump>新车漆面有划痕<F2><Dump><Esc><Dump>", 80, 24);
	CONTAINS(&r, 0, " desk4s │ 客户投诉 · 找客户");
	CONTAINS(&r, 0, "> C00000002   赵六");
	CONTAINS(&r, 0, "找到 1 位客户。↑↓ 选择，Enter 选定。");
	HAS_LINE(&r, 1, " desk4s │ 客户投诉记录                                   赵六 C00000002  新投诉");
	CONTAINS(&r, 1, "│ *客户编号 [C00000002     ]             *受理时间 [2025-01-10 09:30]          │");
	CONTAINS(&r, 1, "│ *受理人   [王经理    ]");
	CONTAINS(&r, 1, "客户 赵六（C00000002）。受理时间已填为现在。必填：投诉内容。");
	CONTAINS(&r, 1, "F2 保存  F5 处理完毕  Esc 返回  F1 帮助");
	CONTAINS(&r, 2, "已登记投诉：客户 赵六（C00000002）。处理后填写处理结果，按 F5 处理完毕。");
	/* the 处理 part offered once it is on file */
	CONTAINS(&r, 2, "│  处理人   [王经理    ]                  处理时间 [2025-01-10 09:30]          │");
	HAS_LINE(&r, 3, " > 01-10 09:30 赵六 C00000002     新车漆面有划痕           王经理 待处理");
	ck_assert_str_eq(db_text("SELECT cust_no || '|' || received_at || '|' || received_by || '|' || content || '|'"
	                         " || coalesce(handled_at, 'open') FROM complaints"),
	                 "C00000002|2025-01-10 09:30|王经理|新车漆面有划痕|open");
	ck_assert_str_eq(db_text("SELECT staff || ' ' || customer_no || ' ' || detail FROM audit_log"
	                         " WHERE action = '登记投诉'"),
	                 "wang C00000002 2025-01-10 09:30 受理的投诉"); /* not what was said */
	run_free(&r);
}
END_TEST

/* A complaint pasted over several lines is one run of text: no space
 * where a line broke next to a Chinese character ("异响，服务…", where it
 * was "异响， 服务…"), one between Latin words; content stored with its
 * line breaks (typed elsewhere) is listed on one line the same way. */
START_TEST(chinese_joined_across_a_line_break_has_no_space)
{
	struct run r;
	seed();
	run_keys(&r, "7<F4>13800002222<Enter><Paste>保养后异响，<Enter>服务顾问说正常<Enter>ABS<Enter>light on</Paste>"
	             "<F2><Esc><Dump>", 160, 48);
	CONTAINS(&r, 0, "保养后异响，服务顾问说正常ABS light on");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT content FROM complaints"), "保养后异响，服务顾问说正常ABS light on");

	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "UPDATE complaints SET content = '异响，' || char(13, 10) || '服务差' || char(10) ||"
	                  " 'engine' || char(10, 10) || 'noise'");
	run_keys(&r, "7<Dump>", 160, 48);
	CONTAINS(&r, 0, "异响，服务差engine noise");
	run_free(&r);
}
END_TEST

/* An empty 投诉内容 is refused by name and nothing is stored; the customer
 * cannot be changed on the sheet. */
START_TEST(empty_content_refused_naming_the_field)
{
	struct run r;
	seed();
	run_keys(&r, "7<F4>赵六<Enter><F2><Dump><Up><Up><Up>x<Dump>", 80, 24);
	CONTAINS(&r, 0, "未保存。必填项未填：投诉内容。");
	CONTAINS(&r, 1, "客户编号不能更改（换客户请按 Esc 返回重新查找）");
	CONTAINS(&r, 1, "*客户编号 [C00000002     ]");
	ck_assert_str_eq(db_text("SELECT count(*) FROM complaints"), "0");
	run_free(&r);
}
END_TEST

/* Enter on an open complaint, F5 without a result names 处理结果; with it
 * and Y, it is handled by whoever has the sheet open, now, and the
 * callback is on the due list 7 days on; the sheet is read-only then. */
START_TEST(handling_puts_the_7_day_callback_on_the_due_list)
{
	struct run r;
	seed_complaints();
	run_keys(&r, "7<Enter><Dump><F5><Dump>已向客户道歉并重新洗车<F5><Dump>Y<Dump>x<Dump><Esc><Dump>", 80, 24);
	CONTAINS(&r, 0, "赵六 C00000002  待处理");
	CONTAINS(&r, 0, "│  处理人   [王经理    ]                  处理时间 [2025-01-10 09:30]          │");
	CONTAINS(&r, 1, "处理结果：处理完毕前必须填写（如何处理、客户是否接受）");
	CONTAINS(&r, 2, "投诉回访记入回访到期清单：2025-01-17 到期，回访客户 赵六。");
	CONTAINS(&r, 2, "Y 处理完毕    N 暂不");
	CONTAINS(&r, 3, "已处理完毕（2025-01-10 09:30）。投诉回访已记入回访到期清单，2025-01-17 到期。");
	CONTAINS(&r, 3, "赵六 C00000002  已处理");
	CONTAINS(&r, 4, "该投诉已于 2025-01-10 09:30 处理完毕，不能再修改");
	HAS_LINE(&r, 5, " > 01-02 14:00 赵六 C00000002     洗车不干净               小李   已处理 01-10");
	ck_assert_str_eq(db_text("SELECT handler || '|' || handled_at || '|' || result FROM complaints"
	                         " WHERE content = '洗车不干净'"),
	                 "王经理|2025-01-10 09:30|已向客户道歉并重新洗车");
	ck_assert_str_eq(db_text("SELECT f.due_date || ' ' || f.staff FROM due_feed f JOIN complaints p"
	                         " ON p.id = f.source_id WHERE f.kind = '投诉回访' AND p.content = '洗车不干净'"),
	                 "2025-01-17 王经理");
	ck_assert_str_eq(db_text("SELECT customer_no FROM audit_log WHERE action = '查看客户' ORDER BY id DESC"),
	                 "C00000002");
	run_free(&r);
	/* on the 17th the due list has it */
	run_at(&r, "5<Dump>", 80, 24, "2025-01-17", "2025-01-17 09:00");
	CONTAINS(&r, 0, "投诉处理后7天内回访");
	CONTAINS(&r, 0, "赵六");
	run_free(&r);
}
END_TEST

/* The first pause's other terminal: two complaints taken, one handled. */
static void another_desk_takes_and_handles(int pause, void *ctx)
{
	(void)ctx;
	char path[512];
	if (pause > 0) return;
	snprintf(path, sizeof path, "%s/ui.db", dir);
	import("complaints", "cust_no,received_at,received_by,content,handler,handled_at,result\n"
	                     "C00000001,2025-01-01 11:00,小李,电话里态度不好,,,\n"
	                     "C00000002,2025-01-03 16:00,前台,交车晚了两个小时,,,\n");
	tu_sql_exec(path, "UPDATE complaints SET handler = '张经理', handled_at = '2025-01-10 09:20', result = '已重洗'"
	                  " WHERE content = '洗车不干净'");
}

/* The list picks up, while it stands idle and without a key, two
 * complaints taken at another desk (received before the one under the
 * cursor, so listed above it) and one handled there (gone down among the
 * handled); the test is the other terminal in the <Idle> pause.  The
 * cursor stays on its complaint, now the third row; a pause in which
 * nobody wrote changes nothing. */
START_TEST(the_list_shows_another_terminal_s_complaint_while_idle)
{
	struct run r;
	seed_complaints();
	char *script = ui_script(LOGIN_KEYS, "7<Down><Dump><Idle><Dump><Idle><Dump>");
	int status = ui_play_idle(script, 80, 24, "DESK4S_TODAY=2025-01-10 DESK4S_NOW='2025-01-10 09:30'", "ui.db", 2,
	                          another_desk_takes_and_handles, NULL);
	free(script);
	ui_screens(&r, status, LOGIN_WHO);
	CONTAINS(&r, 0, "待处理 2 条  近30天已处理 1 条");
	HAS_LINE(&r, 0, " > 01-08 09:30 王五 C00000001     等待时间太长             前台   待处理");
	CONTAINS(&r, 1, "待处理 3 条  近30天已处理 2 条");
	HAS_LINE(&r, 1, "   01-01 11:00 王五 C00000001     电话里态度不好           小李   待处理");
	HAS_LINE(&r, 1, "   01-03 16:00 赵六 C00000002     交车晚了两个小时         前台   待处理");
	HAS_LINE(&r, 1, "   01-02 14:00 赵六 C00000002     洗车不干净               小李   已处理 01-10");
	/* still on 王五's complaint, now the third row */
	HAS_LINE(&r, 1, " > 01-08 09:30 王五 C00000001     等待时间太长             前台   待处理");
	ck_assert_ptr_nonnull(strstr(strstr(r.screens[1], "交车晚了两个小时"), "> 01-08 09:30"));
	ck_assert_str_eq(r.screens[2], r.screens[1]);
	run_free(&r);
}
END_TEST

/* A handled complaint is read-only: its key bar offers no F2 保存 or F5
 * 处理完毕 (they would only answer 已处理完毕); an open one's has both.
 * Tab and Shift-Tab still go from field to field there, and the bar and
 * F1 say so. */
START_TEST(a_handled_complaint_s_bar_lacks_save_and_handle)
{
	struct run r;
	seed_complaints();
	run_keys(&r, "7<Down><Down><Enter><Dump><Esc><Up><Up><Enter><Dump><Esc>"
	             "<Down><Down><Enter><F1><Dump><Esc><Tab><F1><Dump><Esc><S-Tab><F1><Dump><Esc>", 80, 24);
	CONTAINS(&r, 0, "赵六 C00000002  已处理");
	HAS_LINE(&r, 0, "Tab/Enter 下一项  Shift-Tab 上一项  Esc 返回  F1 帮助");
	LACKS(&r, 0, "F2 保存");
	LACKS(&r, 0, "F5 处理完毕");
	CONTAINS(&r, 1, "赵六 C00000002  待处理");
	HAS_LINE(&r, 1, "F2 保存  F5 处理完毕  Esc 返回  F1 帮助");
	/* F1 says how to move about it, and Tab / Shift-Tab do move */
	CONTAINS(&r, 2, "【当前项：客户编号】");
	CONTAINS(&r, 2, "   Tab / Enter           下一项\n   Shift-Tab             上一项\n");
	LACKS(&r, 2, "F2 / Ctrl-S");
	CONTAINS(&r, 3, "【当前项：受理时间】");
	CONTAINS(&r, 4, "【当前项：客户编号】");
	run_free(&r);
}
END_TEST

/* The customer is not on file: F4 in the lookup registers them, the
 * mobile looked up already in its field and the empty important fields
 * asked for at the save, and the complaint goes on for the customer just
 * saved, their name and number on the sheet. */
START_TEST(new_customer_registered_from_the_lookup)
{
	struct run r;
	seed();
	run_keys(&r, "7<F4>13900009999<Dump><F4><Dump>"
	             "1<Enter>1<Enter>3<Enter>孙七<Tab>男"
	             "<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>"
	             "<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>浙<Enter>杭<Enter>西湖<Enter>"
	             "文三路100号<F2><Dump>S<Dump>车门异响<F2><Dump><Esc><Dump>",
	         80, 24);
	CONTAINS(&r, 0, "没有找到。F4 新建客户。");
	CONTAINS(&r, 1, "新客户：保存后即选定该客户。");
	CONTAINS(&r, 1, "[13900009999");
	CONTAINS(&r, 2, "仍然保存");
	HAS_LINE(&r, 3, " desk4s │ 客户投诉记录                                   孙七 C00000003  新投诉");
	CONTAINS(&r, 3, "*客户编号 [C00000003     ]");
	CONTAINS(&r, 3, "客户 孙七（C00000003）。受理时间已填为现在。必填：投诉内容。");
	CONTAINS(&r, 4, "已登记投诉：客户 孙七（C00000003）");
	HAS_LINE(&r, 5, " > 01-10 09:30 孙七 C00000003     车门异响                 王经理 待处理");
	ck_assert_str_eq(db_text("SELECT c.name || '|' || c.mobile || '|' || p.content FROM complaints p"
	                         " JOIN customers c ON c.cust_no = p.cust_no"),
	                 "孙七|13900009999|车门异响");
	run_free(&r);
}
END_TEST

Suite *ui_complaint_suite(void)
{
	Suite *s = suite_create("ui_complaint");
	TCase *tc = tcase_create("screens");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, empty_list_says_f4);
	tcase_add_test(tc, list_80x24_open_before_handled);
	tcase_add_test(tc, new_complaint_for_a_customer_found_by_mobile);
	tcase_add_test(tc, empty_content_refused_naming_the_field);
	tcase_add_test(tc, handling_puts_the_7_day_callback_on_the_due_list);
	tcase_add_test(tc, a_handled_complaint_s_bar_lacks_save_and_handle);
	tcase_add_test(tc, new_customer_registered_from_the_lookup);
	tcase_add_test(tc, the_list_shows_another_terminal_s_complaint_while_idle);
	tcase_add_test(tc, chinese_joined_across_a_line_break_has_no_space);
	suite_add_tcase(s, tc);
	return s;
}
