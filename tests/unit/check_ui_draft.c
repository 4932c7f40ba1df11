/* Key-script tests of drafts through the real program (tests/ui/README.md):
 * <Hup> raises SIGHUP as a dropped connection would; the run ends with the
 * status of a death by SIGHUP, every open sheet with unsaved changes kept.
 * The next login offers them (the list at 80x24), a restored sheet shows
 * the values unsaved and saves through the usual checks, Esc on it or Del
 * on the list throws the draft away, Esc on the list keeps them for later.
 * The customer, walk-in, A-card, repair-order and complaint sheets each
 * keep theirs. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "uiharness.h"

#define NOW1 "2025-01-10 09:00"
#define NOW2 "2025-01-10 10:30"

static void run_keys(struct run *r, const char *keys)
{
	run_at(r, keys, 80, 24, "2025-01-10", NOW2);
}

/* A session that ends hung up (the script's last key is <Hup>): returns
 * the exit status; what the program said last is in dir/out. */
static int run_hup(const char *keys)
{
	return run_script(keys, 80, 24, "2025-01-10", NOW1);
}

static const char *db_text(const char *q)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	return tu_sql_text(path, q);
}

static const char *said(void)
{
	static char buf[2048];
	char path[512];
	snprintf(path, sizeof path, "%s/out", dir);
	char *s = tu_read(path);
	snprintf(buf, sizeof buf, "%s", s ? s : "");
	free(s);
	return buf;
}

#define NAME "张三,\"小张\""

START_TEST(customer_kept_offered_discarded)
{
	struct run r;
	ck_assert_int_eq(run_hup("1<Tab><Tab><Tab>" NAME "<Hup>"), 129);
	ck_assert_str_eq(said(), "desk4s: 会话已中断（信号 1），1 份未保存的登记表已保留为草稿，下次登录时可恢复。\n");
	ck_assert_str_eq(db_text("SELECT staff || '|' || form || '|' || coalesce(record_id, '-') || '|' || saved_at"
	                         " FROM drafts"),
	                 "wang|customer|-|" NOW1 ":00");
	ck_assert_str_eq(db_text("SELECT data FROM drafts"),
	                 "desk4s-draft 1\n@title=客户档案登记表\n@summary=" NAME "\nname=" NAME
	                 "\nfirst_deal_date=2025-01-10\n");
	ck_assert_str_eq(db_text("SELECT count(*) FROM customers"), "0");

	run_keys(&r, "<Dump><Enter><Dump><Esc><Dump>N<Esc>Y<Dump>");
	SCREEN_EQ(&r, 0,
	" desk4s │ 未保存的草稿                                                  共 1 份\n"
	"\n"
	"  上次会话中断（如网络断线）时，以下登记表有未保存的内容，已保留为草稿。恢复：\n"
	"  打开登记表，核对后按 F2 保存，照常检查必填项；放弃：删除草稿。\n"
	"\n"
	"   登记表           记录 保留时间         内容\n"
	" > 客户档案登记表   新建 2025-01-10 09:00 " NAME "\n"
	"\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
	"F1 帮助  Enter 恢复  Del 放弃  Esc 稍后\n"
	"\n"
	"员工：STAFF  日期：2025-01-10  数据库：ui.db\n");
	CONTAINS(&r, 1, "[" NAME);
	CONTAINS(&r, 1, "[2025-01-10]"); /* 首次交易日期: the new sheet's default */
	CONTAINS(&r, 1, "已恢复 2025-01-10 09:00 保留的草稿，尚未保存：核对后按 F2 保存；Esc 放弃。");
	CONTAINS(&r, 2, "有未保存的修改（恢复的草稿）。放弃这些修改并返回吗？草稿随之删除。");
	CONTAINS(&r, 3, "主菜单");
	CONTAINS(&r, 3, "草稿已全部处理。");
	ck_assert_str_eq(db_text("SELECT count(*) FROM drafts"), "0");
	ck_assert_str_eq(db_text("SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log"
	                         " WHERE action LIKE '%草稿' ORDER BY id)"),
	                 "保留草稿,恢复草稿,放弃草稿");
	run_free(&r);
}
END_TEST

/* The other terminal in the pause: a write begun and kept, the time it
 * let the session go on noted. */
struct holder {
	sqlite3 *h;
	struct timespec t0;
};

static void hold_the_database(int pause, void *ctx)
{
	struct holder *hold = ctx;
	char path[600];
	(void)pause;
	snprintf(path, sizeof path, "%s/ui.db", dir);
	ck_assert_int_eq(sqlite3_open(path, &hold->h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(hold->h, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	clock_gettime(CLOCK_MONOTONIC, &hold->t0);
}

/* A hang-up while another terminal holds the database (in the <Idle>
 * pause the test, as that terminal, begins a write and keeps it): the
 * session waits a few seconds, not the half hour it did, keeps the sheet
 * in a file beside the database and says where; the next login takes it
 * in and offers it as any draft. */
START_TEST(a_hang_up_on_a_held_database_keeps_the_draft_in_a_file)
{
	struct run r;
	struct holder hold;
	make_accounts();
	char *script = ui_script(LOGIN_KEYS, "1<Tab><Tab><Tab>李四<Idle><Hup>");
	int status = ui_play_idle(script, 80, 24, "DESK4S_TODAY=2025-01-10 DESK4S_NOW='" NOW1 "'", "ui.db", 1,
	                          hold_the_database, &hold);
	free(script);
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	sqlite3 *h = hold.h;
	struct timespec t0 = hold.t0;
	ck_assert_int_eq(status, 129);
	/* the few seconds a hung-up session waits, not the half hour */
	ck_assert_int_lt(t1.tv_sec - t0.tv_sec, 30);
	ck_assert_str_eq(said(), "desk4s: 会话已中断（信号 1），1 份未保存的登记表已保留为草稿；数据库被其他终端占用，"
	                         "其中 1 份暂存于 ui.db.drafts，下次登录时转入草稿，可恢复。\n");
	sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(h);
	ck_assert_str_eq(db_text("SELECT count(*) FROM drafts"), "0");

	run_keys(&r, "<Dump><Enter><Dump>");
	CONTAINS(&r, 0, " > 客户档案登记表   新建 2025-01-10 09:00 李四");
	CONTAINS(&r, 1, "[李四");
	CONTAINS(&r, 1, "已恢复 2025-01-10 09:00 保留的草稿");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT count(*) FROM drafts WHERE staff = 'wang'"), "1");
	char cmd[800];
	snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s/ui.db.drafts')\"", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Esc on the list keeps them for the next login; a restored sheet left by
 * the end of the session (not saved, not discarded) keeps it too. */
START_TEST(later_keeps_them)
{
	struct run r;
	ck_assert_int_eq(run_hup("1<Tab><Tab><Tab>李四<Hup>"), 129);
	run_keys(&r, "<Esc><Dump>");
	CONTAINS(&r, 0, "主菜单");
	CONTAINS(&r, 0, "草稿已保留，下次登录时再提示");
	run_free(&r);
	run_keys(&r, "<Enter><Dump>");
	CONTAINS(&r, 0, "[李四");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT count(*) FROM drafts"), "1");
	run_keys(&r, "<Dump>");
	CONTAINS(&r, 0, "李四");
	run_free(&r);
}
END_TEST

/* The connection drops again before the first draft was taken up: both
 * are kept (the second replaced the first, whose typing was lost), and
 * offered side by side; a sheet restored from one and dropped again
 * replaces that one, whose content it holds. */
START_TEST(a_second_hang_up_keeps_both)
{
	struct run r;
	ck_assert_int_eq(run_hup("1<Tab><Tab><Tab>李四<Hup>"), 129);
	ck_assert_int_eq(run_hup("<Esc>1<Tab><Tab><Tab>王五<Hup>"), 129);
	ck_assert_str_eq(db_text("SELECT group_concat(form, ',') FROM drafts"), "customer,customer");
	run_keys(&r, "<Dump><Esc>");
	CONTAINS(&r, 0, "共 2 份");
	CONTAINS(&r, 0, " > 客户档案登记表   新建 2025-01-10 09:00 李四\n");
	CONTAINS(&r, 0, "   客户档案登记表   新建 2025-01-10 09:00 王五\n");
	run_free(&r);
	ck_assert_int_eq(run_hup("<Enter><Tab><Tab><Tab><End>四<Hup>"), 129);
	ck_assert_str_eq(db_text("SELECT group_concat(substr(data, instr(data, char(10) || 'name=') + 1), '|') FROM"
	                         " (SELECT data FROM drafts ORDER BY id)"),
	                 "name=李四四\nfirst_deal_date=2025-01-10\n|name=王五\nfirst_deal_date=2025-01-10\n");
}
END_TEST

/* Nothing unsaved, nothing kept: a sheet just opened, the menu, the login. */
START_TEST(nothing_unsaved_nothing_kept)
{
	ck_assert_int_eq(run_hup("1<Hup>"), 129);
	ck_assert_str_eq(said(), "");
	ck_assert_int_eq(run_hup("<Hup>"), 129);
	ck_assert_int_eq(run_hup("1张三<Esc>Y<Hup>"), 129);
	ck_assert_str_eq(db_text("SELECT count(*) FROM drafts"), "0");
	ck_assert_str_eq(db_text("SELECT count(*) FROM audit_log WHERE action LIKE '%草稿'"), "0");
}
END_TEST

/* A walk-in: the arrival stamped when it was typed comes back (not the
 * time of the restore), and the usual save stores it. */
START_TEST(visit_restored_and_saved)
{
	struct run r;
	ck_assert_int_eq(run_hup("2<F4>王五<Tab>13800138000<Hup>"), 129);
	ck_assert_str_eq(db_text("SELECT form || '|' || coalesce(record_id, '-') FROM drafts"), "visit|-");
	run_keys(&r, "<Dump><Enter><Dump><Tab><Tab><Tab><Tab><Tab>网<Enter>李工<F2>S<Dump><Esc><Dump>");
	CONTAINS(&r, 0, " > 来店(电)登记表   新建 2025-01-10 09:00 王五  2025-01-10 09:00");
	CONTAINS(&r, 1, "[2025-01-10 09:00]");
	CONTAINS(&r, 1, "[王五");
	CONTAINS(&r, 1, "[13800138000");
	CONTAINS(&r, 2, "已保存：到店 2025-01-10 09:00");
	CONTAINS(&r, 3, "主菜单");
	ck_assert_str_eq(db_text("SELECT arrive_at || '|' || cust_name || '|' || mobile || '|' || consultant FROM visits"),
	                 "2025-01-10 09:00|王五|13800138000|李工");
	ck_assert_str_eq(db_text("SELECT count(*) FROM drafts"), "0");
	run_free(&r);
}
END_TEST

/* A new A-card, kept and then thrown away from the list (Del). */
START_TEST(acard_kept_then_deleted)
{
	struct run r;
	ck_assert_int_eq(run_hup("3<F4>赵六<Hup>"), 129);
	ck_assert_str_eq(db_text("SELECT form FROM drafts"), "acard");
	run_keys(&r, "<Enter><Dump><Esc>Y<Dump>");
	CONTAINS(&r, 0, "预购客户管理卡（A卡）");
	CONTAINS(&r, 0, "[赵六");
	CONTAINS(&r, 1, "草稿已全部处理。");
	run_free(&r);
	ck_assert_int_eq(run_hup("3<F4>孙七<Hup>"), 129);
	run_keys(&r, "<Del><Dump>N<Dump><Del>Y<Dump>");
	CONTAINS(&r, 0, "放弃这份草稿吗？");
	CONTAINS(&r, 0, "A卡  孙七");
	CONTAINS(&r, 1, "未保存的草稿");
	CONTAINS(&r, 2, "已放弃草稿：A卡");
	CONTAINS(&r, 2, "主菜单");
	ck_assert_str_eq(db_text("SELECT count(*) FROM drafts"), "0");
	ck_assert_str_eq(db_text("SELECT count(*) FROM acards"), "0");
	run_free(&r);
}
END_TEST

static void seed_owner(void)
{
	import("customers",
	       "name,mobile,vin,plate,nature,category,source,sex,province,city,district,address\n"
	       "王五,13800001111,LFV2A21K4C3000001,浙A00001,个人,个人,自来,男,330000,330100,330106,文一路1号\n");
}

/* A new repair order is kept with its car; restored, it starts from that
 * car again and opens through the usual F2. */
START_TEST(new_order_restored_and_opened)
{
	struct run r;
	seed_owner();
	ck_assert_int_eq(run_hup("4<F4>浙A00001<Enter>12000<Hup>"), 129);
	ck_assert_str_eq(db_text("SELECT form || '|' || coalesce(record_id, '-') FROM drafts"), "workorder|-");
	ck_assert_ptr_nonnull(strstr(db_text("SELECT data FROM drafts"), "\n@link=1\n"));
	ck_assert_ptr_nonnull(strstr(db_text("SELECT data FROM drafts"), "\nmileage=12000\n"));
	run_keys(&r, "<Dump><Enter><Dump><Tab><Tab>1<Enter>保养到期<Tab><Tab>2025-01-10 17:00<F2>S<Dump>");
	CONTAINS(&r, 0, " > 维修工单         新建 2025-01-10 09:00 浙A00001");
	CONTAINS(&r, 1, "新工单  王五（C00000001）");
	CONTAINS(&r, 1, "[12000");
	CONTAINS(&r, 2, "已开单：工单号 WO");
	ck_assert_str_eq(db_text("SELECT mileage || '|' || complaint FROM workorders"), "12000|保养到期");
	ck_assert_str_eq(db_text("SELECT count(*) FROM drafts"), "0");
	run_free(&r);
	/* an open order: only the change is kept */
	ck_assert_int_eq(run_hup("4<Enter><End><BS><BS><BS><BS>李工<Hup>"), 129);
	ck_assert_str_eq(db_text("SELECT form || '|' || record_id FROM drafts"), "workorder|1");
	ck_assert_str_eq(db_text("SELECT data FROM drafts"),
	                 "desk4s-draft 1\n@title=维修工单\n@summary=" "WO20250110-0001  浙A00001\n"
	                 "advisor=李工\n");
}
END_TEST

/* An open order's draft restored after another terminal completed the
 * order: only the note can still be saved, so the draft's other changes
 * are named as not restorable and the sheet shows the order as stored;
 * F2 saves the note.  They were shown on the locked fields and dropped
 * at F2, which said only 已保存备注. */
START_TEST(an_order_completed_since_the_draft_takes_its_note)
{
	struct run r;
	seed_owner();
	run_keys(&r, "4<F4>浙A00001<Enter>12000<Tab><Tab>1<Enter>保养到期<Tab>机油<Tab>2025-01-10 17:00<F2>S");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT status FROM workorders"), "在修");
	ck_assert_int_eq(run_hup("4<Enter><Tab><Tab><Tab><Tab><Tab><Tab><Tab><End>、机滤<Tab><Tab>客户自带机油<Hup>"), 129);
	ck_assert_ptr_nonnull(strstr(db_text("SELECT data FROM drafts"), "\nitems=机油、机滤\n"));
	ck_assert_ptr_nonnull(strstr(db_text("SELECT data FROM drafts"), "\nnote=客户自带机油\n"));
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "UPDATE workorders SET status = '已完工', completed_at = '2025-01-10 10:30'");
	run_keys(&r, "<Enter><Dump><F2><Dump>");
	CONTAINS(&r, 0, "[机油   ");
	CONTAINS(&r, 0, "[客户自带机油");
	CONTAINS(&r, 0, "在草稿保留后已完工，只能修改备注：");
	CONTAINS(&r, 0, "草稿中 维修项目 的修改不能再保存");
	CONTAINS(&r, 1, "已保存备注。");
	ck_assert_str_eq(db_text("SELECT items || '|' || note || '|' || status FROM workorders"),
	                 "机油|客户自带机油|已完工");
	ck_assert_str_eq(db_text("SELECT count(*) FROM drafts"), "0");
	run_free(&r);
}
END_TEST

/* Two sheets open at once: a new repair order, and over it the owner's
 * sheet the important prompt opened ("F 现在填写").  Both are kept; the
 * owner's as its one change. */
START_TEST(two_sheets_both_kept)
{
	struct run r;
	seed_owner();
	ck_assert_int_eq(run_hup("4<F4>浙A00001<Enter>12000<Tab><Tab>1<Enter>保养到期<Tab><Tab>2025-01-10 17:00"
	                         "<F2>F<Tab>教师<Hup>"),
	                 129);
	ck_assert_ptr_nonnull(strstr(said(), "2 份未保存的登记表已保留为草稿"));
	ck_assert_str_eq(db_text("SELECT group_concat(form || ':' || coalesce(record_id, '-'), ',')"
	                         " FROM (SELECT * FROM drafts ORDER BY form)"),
	                 "customer:1,workorder:-");
	/* the owner's draft names the order's car, which its sheet showed */
	ck_assert_str_eq(db_text("SELECT data FROM drafts WHERE form = 'customer'"),
	                 "desk4s-draft 1\n@title=客户档案登记表\n@link=1\n@customer=C00000001\n"
	                 "@summary=C00000001  王五  浙A00001\noccupation=教师\n");
	ck_assert_str_eq(db_text("SELECT customer_no FROM audit_log WHERE action = '保留草稿' AND detail LIKE '客户%'"),
	                 "C00000001");
	run_keys(&r, "<Dump><Enter><Dump>");
	CONTAINS(&r, 0, "共 2 份");
	CONTAINS(&r, 0, "客户档案登记表   修改 2025-01-10 09:00 C00000001  王五  浙A00001");
	CONTAINS(&r, 0, "维修工单         新建");
	CONTAINS(&r, 1, "修改  客户编号 C00000001");
	CONTAINS(&r, 1, "[教师");
	run_free(&r);
	(void)line_with;
}
END_TEST

/* A change typed on a customer's second car (F7) is kept with that car
 * and restored onto it, not onto the first car. */
START_TEST(customer_second_car_kept_with_its_car)
{
	struct run r;
	seed_owner();
	char path[512];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	tu_sql_exec(path, "INSERT INTO vehicles(customer_id, vin, plate, model) VALUES (1, 'LSVAB2BM3HN654321', '浙A54321', '途昂')");
	ck_assert_int_eq(run_hup("03800001111<Enter><F7><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab>2027-03-01<Hup>"),
	                 129);
	ck_assert_ptr_nonnull(strstr(db_text("SELECT data FROM drafts"), "\n@link=2\n"));
	ck_assert_ptr_nonnull(strstr(db_text("SELECT data FROM drafts"), "\ninsurance_due=2027-03-01\n"));
	run_keys(&r, "<Enter><Dump><F2>S<Dump>");
	CONTAINS(&r, 0, "客户编号 C00000001  车辆 2/2");
	CONTAINS(&r, 1, "已保存：客户编号 C00000001（第 2/2 辆车）");
	run_free(&r);
	ck_assert_str_eq(db_text("SELECT group_concat(plate || '=' || coalesce(insurance_due, ''), ' ')"
	                         " FROM (SELECT * FROM vehicles ORDER BY id)"),
	                 "浙A00001= 浙A54321=2027-03-01");
}
END_TEST

static void seed_complaint(void)
{
	seed_owner();
	import("complaints", "cust_no,received_at,received_by,content\n"
	                     "C00000001,2025-01-08 09:30,前台,洗车不干净\n");
}

/* A new complaint half typed is kept with its customer and the time it
 * was received (not the time of the restore); restored, F2 stores it. */
START_TEST(new_complaint_restored_and_saved)
{
	struct run r;
	seed_owner();
	ck_assert_int_eq(run_hup("7<F4>13800001111<Enter>新车漆面有划痕<Hup>"), 129);
	ck_assert_ptr_nonnull(strstr(said(), "1 份未保存的登记表已保留为草稿"));
	ck_assert_str_eq(db_text("SELECT form || '|' || coalesce(record_id, '-') FROM drafts"), "complaint|-");
	ck_assert_str_eq(db_text("SELECT data FROM drafts"),
	                 "desk4s-draft 1\n@title=客户投诉记录\n@customer=C00000001\n"
	                 "@summary=C00000001  2025-01-10 09:00\ncust_no=C00000001\nreceived_at=2025-01-10 09:00\n"
	                 "received_by=王经理\ncontent=新车漆面有划痕\n");
	run_keys(&r, "<Dump><Enter><Dump><F2><Dump><Esc><Dump>");
	CONTAINS(&r, 0, " > 客户投诉记录     新建 2025-01-10 09:00 C00000001  2025-01-10 09:00");
	CONTAINS(&r, 1, "王五 C00000001  新投诉");
	CONTAINS(&r, 1, "受理时间 [2025-01-10 09:00]");
	CONTAINS(&r, 1, "[新车漆面有划痕");
	CONTAINS(&r, 1, "已恢复 2025-01-10 09:00 保留的草稿，尚未保存");
	CONTAINS(&r, 2, "已登记投诉：客户 王五（C00000001）");
	CONTAINS(&r, 3, "草稿已全部处理。");
	ck_assert_str_eq(db_text("SELECT cust_no || '|' || received_at || '|' || content FROM complaints"),
	                 "C00000001|2025-01-10 09:00|新车漆面有划痕");
	ck_assert_str_eq(db_text("SELECT count(*) FROM drafts"), "0");
	run_free(&r);
}
END_TEST

/* A result typed on an open complaint is kept as that change alone;
 * restored, F5 handles the complaint with it.  A draft of a complaint
 * handled meanwhile is not put on it: it can only be thrown away. */
START_TEST(open_complaint_change_restored_and_handled)
{
	struct run r;
	seed_complaint();
	ck_assert_int_eq(run_hup("7<Enter>已重新洗车<Hup>"), 129);
	ck_assert_str_eq(db_text("SELECT form || '|' || record_id FROM drafts"), "complaint|1");
	ck_assert_str_eq(db_text("SELECT data FROM drafts"),
	                 "desk4s-draft 1\n@title=客户投诉记录\n@customer=C00000001\n"
	                 "@summary=C00000001  2025-01-08 09:30\nresult=已重新洗车\n");
	run_keys(&r, "<Enter><Dump><F5>Y<Dump>");
	CONTAINS(&r, 0, "王五 C00000001  待处理");
	CONTAINS(&r, 0, "[已重新洗车");
	CONTAINS(&r, 1, "已处理完毕（2025-01-10 10:30）");
	ck_assert_str_eq(db_text("SELECT handler || '|' || handled_at || '|' || result FROM complaints"),
	                 "王经理|2025-01-10 10:30|已重新洗车");
	ck_assert_str_eq(db_text("SELECT count(*) FROM drafts"), "0");
	run_free(&r);

	import("complaints", "cust_no,received_at,received_by,content\n"
	                     "C00000001,2025-01-09 14:00,前台,等待时间太长\n");
	ck_assert_int_eq(run_hup("7<Enter>客户已接受<Hup>"), 129);
	ck_assert_str_eq(db_text("SELECT form || '|' || record_id FROM drafts"), "complaint|2");
	/* handled at another terminal before the draft is opened */
	run_keys(&r, "<Esc>7<Enter>已致电道歉<F5>Y<Esc><Esc>");
	run_free(&r);
	run_keys(&r, "<Enter><Dump>");
	CONTAINS(&r, 0, "无法恢复草稿：该投诉已于 2025-01-10 10:30 处理完毕，不能再修改，\n只能放弃草稿（Del）");
	CONTAINS(&r, 0, "未保存的草稿");
	ck_assert_str_eq(db_text("SELECT result FROM complaints WHERE id = 2"), "已致电道歉");
	ck_assert_str_eq(db_text("SELECT count(*) FROM drafts"), "1");
	run_free(&r);
}
END_TEST

Suite *ui_draft_suite(void)
{
	Suite *s = suite_create("ui_draft");
	TCase *t = tcase_create("drafts");
	tcase_set_timeout(t, 120);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, customer_kept_offered_discarded);
	tcase_add_test(t, later_keeps_them);
	tcase_add_test(t, a_hang_up_on_a_held_database_keeps_the_draft_in_a_file);
	tcase_add_test(t, a_second_hang_up_keeps_both);
	tcase_add_test(t, nothing_unsaved_nothing_kept);
	tcase_add_test(t, visit_restored_and_saved);
	tcase_add_test(t, acard_kept_then_deleted);
	tcase_add_test(t, new_order_restored_and_opened);
	tcase_add_test(t, two_sheets_both_kept);
	tcase_add_test(t, an_order_completed_since_the_draft_takes_its_note);
	tcase_add_test(t, customer_second_car_kept_with_its_car);
	tcase_add_test(t, new_complaint_restored_and_saved);
	tcase_add_test(t, open_complaint_change_restored_and_handled);
	suite_add_tcase(s, t);
	return s;
}
