/* Key-script tests of the repair-order screens (tests/ui/README.md): an
 * imported customer whose required fields are empty is blocked until they
 * are filled, the one important prompt comes on opening and again on
 * completing, the 3-day callback task shows in the due list, and a plate
 * other than the car's record asks whether the car was re-registered.  The date
 * and time are pinned (DESK4S_TODAY, DESK4S_NOW); every script logs in
 * first (LOGIN_KEYS), the staff member in the status line is shown as
 * STAFF, and the tests type the advisor's name themselves. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "uiharness.h"

static void run_keys(struct run *r, const char *keys, int cols, int lines)
{
	run_at(r, keys, cols, lines, "2025-01-10", "2025-01-10 09:00");
}


/* A customer imported from an old system: name, mobile and car only, so
 * 客户性质, 分类, 来源 and the address are empty (imported as incomplete). */
static const char legacy_csv[] = "name,mobile,vin,plate\n李四,13912345678,LSVAB218XN2123456,浙A12345\n";

/* Find the car, open it: the customer sheet opens on the empty required
 * fields only (Tab moves among them); fill them (性别 becomes required once
 * 个人 is chosen, and the refusal adds it), save. */
#define FIND "4<F4>浙A1<Enter>"
#define FIX "1<Tab>1<Enter>3<Enter>浙<Enter>杭<Enter>西湖<Enter>文三路100号<F2>男<F2>"
/* The advisor defaults to the session's name (王经理): type 李工 instead. */
#define ADVISOR "<S-Tab><S-Tab><S-Tab><End><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>李工<Tab><Tab><Tab>"
/* mileage, work type through its pick list, complaint; 维修项目 left empty */
#define FILL "12000<Tab><Tab>1<Enter>保养到期，左前轮异响<Tab><Tab>2025-01-10 17:00"
#define OPENED FIND FIX ADVISOR FILL "<F2>S"

START_TEST(workshop_empty_80x24)
{
	struct run r;
	run_keys(&r, "4<Dump>", 80, 24);
	SCREEN_EQ(&r, 0,
	" desk4s │ 维修工单 · 在修                                  在修 0 张  逾期 0 张\n"
	"  在修    今日完工   Tab 切换\n"
	"  工单号          车牌      客户       作业类型 服务顾问 预计完工    状态\n"
	"\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
	" 没有在修的工单。F4 开新工单。\n"
	"F1 帮助  Enter 打开  F4 开单  Tab 切换  Esc 返回\n"
	"\n"
	"员工：STAFF  日期：2025-01-10  数据库：ui.db\n");
	run_free(&r);
}
END_TEST

/* Enter, which the bar offers, says why it opens nothing on an empty
 * list (在修, 今日完工, a car's history), where it did nothing at all. */
START_TEST(enter_on_an_empty_list_says_why)
{
	struct run r;
	run_keys(&r, "4<Enter><Dump><Tab><Enter><Dump><Up><Dump>", 80, 24);
	CONTAINS(&r, 0, "\n列表中没有工单，没有可打开的。按 F4 开新工单。\n");
	CONTAINS(&r, 1, "\n今天还没有完工的工单，没有可打开的。在修的工单按 Tab 查看，F4 开新工单。\n");
	/* a key that moves says nothing more */
	LACKS(&r, 2, "没有可打开的");
	run_free(&r);
	/* a car registered just now has no orders to show in its history */
	run_keys(&r, "4<F4>浙B54321<F4>"
	         "1<Enter>1<Enter>3<Enter>张三<Tab>男"
	         "<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>13800138000"
	         "<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>"
	         "浙<Enter>杭<Enter>西湖<Enter>文三路100号<Tab><Tab><Tab>LSVAB218XN2123456<F2><F7><Enter><Dump>",
	         80, 24);
	CONTAINS(&r, 0, " desk4s │ 维修工单 · 历史工单");
	CONTAINS(&r, 0, "\n该车没有工单，没有可打开的。\n");
	run_free(&r);
}
END_TEST

START_TEST(imported_customer_blocked_until_filled)
{
	struct run r;
	import("customers", legacy_csv);
	run_keys(&r, "4<F4>浙A1<Dump><Enter><Dump><Esc><Dump><Enter>" FIX "<Dump>", 80, 24);
	SCREEN_EQ(&r, 0,
	" desk4s │ 维修工单 · 开新工单                                              找车\n"
	" 找车：[浙A1                          ]\n"
	" 车牌 / VIN 或后6位 / 车主手机号 / 车主姓名\n"
	"\n"
	"  车牌      VIN后6位 车型       客户编号     车主         手机号\n"
	"> 浙A12345  123456              C00000001    李四         13912345678 档案不全\n"
	"\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
	" 找到 1 辆。Enter 为选中的车开单；F5 为该车主登记另一辆车；F4 新客户。\n"
	"Enter 开单  F4 新建客户  Esc 返回  F1 帮助  F5 另一辆车\n"
	"\n"
	"员工：STAFF  日期：2025-01-10  数据库：ui.db\n");
	/* the sheet opens on exactly the empty required fields */
	HAS_LINE(&r, 1, "开工单前须补全客户档案（旧档案或导入的客户）：客户性质、客户分类、客户来源、");
	HAS_LINE(&r, 1, "省区编号、城市编号、区域编号、详细地址。填好后按 F2 保存，随后继续开单；");
	HAS_LINE(&r, 1, "│  客户编号         [C00000001     ]     *客户性质         □个人 □单位         │");
	/* leaving without them: no order */
	HAS_LINE(&r, 2, "未开工单：客户李四（C00000001）的必填项尚未补全（客户性质、客户分类、客户来源、");
	CONTAINS(&r, 2, "找车：[浙A1");
	/* filled (Tab went from 客户来源 straight to 省区编号; 性别 was added by the
	 * refusal once 个人 was chosen): the order sheet follows at once */
	HAS_LINE(&r, 3, " desk4s │ 维修工单                                    新工单  李四（C00000001）");
	HAS_LINE(&r, 3, "│  车牌号       [浙A12345  ]             *VIN          [LSVAB218XN2123456]     │");
	HAS_LINE(&r, 3, "该车第一次开工单。填好后按 F2 开单；Esc 不开单返回。");
	run_free(&r);
}
END_TEST

/* An order for a customer's second car (an old system's file of one row
 * per car brought it) asks for that car's empty fields and stores them on
 * that car, not the first: the sheet shows the order's car. */
START_TEST(second_car_is_completed_on_itself)
{
	struct run r;
	import("customers",
	       "客户性质,客户分类,客户来源,姓名/单位名称,性别,手机号,省区编号,城市编号,区域编号,详细地址,"
	       "新车销售建档,车辆底盘号(VIN),车牌号,合格证号,车辆型号,颜色,配置,生产日期,出库日期,购车价格(元),付款方式,"
	       "销售顾问,交车日期,开票日期,发票号,身份证号码,购车用途,行业,职务,家庭税前年收入,年龄段,家庭成员,驾龄,购车经历\n"
	       "个人,个人,自来,李四,女,13912345678,330000,330100,330106,文三路1号,否,LSVAB218XN2123456,浙A12345,,,,,,,,,,,,,"
	       "11010519491231002X,家用,IT,经理,20-50万,36-45岁,3,5,增购\n"
	       "个人,个人,自来,李四,女,13912345678,330000,330100,330106,文三路1号,是,LSVAB2181N2654321,浙A22222,"
	       "HG001,瑞虎8,白,豪华,2024-10-01,2024-11-01,128000,一次付清,小王,2024-12-01,2024-12-01,04400190,"
	       "11010519491231002X,家用,IT,经理,20-50万,36-45岁,3,5,增购\n");
	run_keys(&r, "4<F4>浙A22222<Enter><Dump>E9X100<F2><Dump>", 80, 24);
	/* the second car's one empty required field, on its own sheet */
	CONTAINS(&r, 0, "开工单前须补全客户档案（旧档案或导入的客户）：发动机号。");
	CONTAINS(&r, 0, "[LSVAB2181N2654321]");
	/* saved on that car; the order sheet follows for it */
	CONTAINS(&r, 1, "[浙A22222  ]");
	CONTAINS(&r, 1, "[LSVAB2181N2654321]");
	char db[600];
	snprintf(db, sizeof db, "%s/ui.db", dir);
	ck_assert_str_eq(tu_sql_text(db, "SELECT group_concat(plate || '=' || coalesce(engine_no, ''), ' ')"
	                                 " FROM (SELECT * FROM vehicles ORDER BY id)"),
	                 "浙A12345= 浙A22222=E9X100");
	run_free(&r);
}
END_TEST

START_TEST(important_prompt_on_open_and_completion)
{
	struct run r;
	import("customers", legacy_csv);
	run_keys(&r, FIND FIX ADVISOR "<Dump>" FILL "<F2><Dump>S<Dump><F5><Dump>S<Dump><Enter><Dump><Esc><Tab><Dump>", 80,
	         24);
	SCREEN_EQ(&r, 0,
	" desk4s │ 维修工单                                    新工单  李四（C00000001）\n"
	"                                    维修工单                *必填  !重要\n"
	"┌─ 工单 ───────────────────────────────────────────────────────────────────────┐\n"
	"│  工单号   [                ]            开单时间 [                ]          │\n"
	"│ *服务顾问 [李工      ]                                                       │\n"
	"└──────────────────────────────────────────────────────────────────────────────┘\n"
	"┌─ 车辆 ───────────────────────────────────────────────────────────────────────┐\n"
	"│  车牌号       [浙A12345  ]             *VIN          [LSVAB218XN2123456]     │\n"
	"│ *行驶里程(km) [        ]                油量         □空 □1/4 □1/2 □3/4 □满  │\n"
	"└──────────────────────────────────────────────────────────────────────────────┘\n"
	"┌─ 维修 ───────────────────────────────────────────────────────────────────────┐\n"
	"│ *作业类型     [          ]                                                   │\n"
	"│ *客户描述     [                                        ]                     │\n"
	"│ !维修项目     [                                        ]                     │\n"
	"│ *预计完工时间 [                ]                                             │\n"
	"└──────────────────────────────────────────────────────────────────────────────┘\n"
	"┌─ 完工 ───────────────────────────────────────────────────────────────────────┐\n"
	"│  状态     □在修 □已完工 □已取消         完工时间 [                ]          │\n"
	"│  备注     [                                        ]                         │\n"
	"│  取消原因 [                              ]                                   │\n"
	"└──────────────────────────────────────────────────────────────────────────────┘\n"
	"F1 帮助  F2 开单  F7 历史  Esc 返回\n"
	"该车第一次开工单。填好后按 F2 开单；Esc 不开单返回。\n"
	"员工：STAFF  日期：2025-01-10  数据库：ui.db\n");
	/* one prompt: the owner's empty important fields and the order's */
	HAS_LINE(&r, 1, "┌─  │ 客户档案：出生日期、职业特性、兴趣爱好、QQ号、邮箱、微博、           │───┐");
	HAS_LINE(&r, 1, "│ * │ 是否安装APP                                                          │   │");
	HAS_LINE(&r, 1, "│ * │ 工单：维修项目                                                       │   │");
	HAS_LINE(&r, 1, "│ * │ F 现在填写      S 仍然开单      Esc 返回                             │   │");
	HAS_LINE(&r, 2, "│  工单号   [WO20250110-0001 ]            开单时间 [2025-01-10 09:00]          │");
	HAS_LINE(&r, 2, "已开单：工单号 WO20250110-0001。");
	/* and again on completion */
	CONTAINS(&r, 3, "客户档案：出生日期、职业特性、兴趣爱好、QQ号、邮箱、微博、");
	CONTAINS(&r, 3, "工单：维修项目");
	CONTAINS(&r, 3, "F 现在填写      S 仍然完工");
	/* then the time, now filled in: Enter takes it */
	HAS_LINE(&r, 4, "│ *完工时间 [2025-01-10 09:00]                                                 │");
	CONTAINS(&r, 4, "Enter 完工（之后只能改备注），Esc 不完工。");
	HAS_LINE(&r, 5, "│  状态     □在修 ■已完工 □已取消         完工时间 [2025-01-10 09:00]          │");
	HAS_LINE(&r, 5, "已完工：工单 WO20250110-0001，完工时间 2025-01-10 09:00。");
	HAS_LINE(&r, 5, "维修回访任务 2025-01-13 到期（见“回访到期清单”）。");
	HAS_LINE(&r, 6, "> WO20250110-0001 浙A12345  李四       保养     李工     01-10 09:00 已完工");
	run_free(&r);

	/* Esc on the prompt: back on the order as it was, no sheet opened */
	run_keys(&r, FIND "<Dump>" FILL "<F2><Esc><Dump>", 80, 24);
	HAS_LINE(&r, 1, "未开单：重要项目尚未填写，可补填后再按 F2 开单。");
	CONTAINS(&r, 1, " desk4s │ 维修工单 ");
	LACKS(&r, 1, "客户档案登记表");
	run_free(&r);

	/* three days later the callback task is on the due list */
	run_at(&r, "5<Dump>", 80, 24, "2025-01-13", "2025-01-13 10:00");
	SCREEN_EQ(&r, 0,
	" desk4s │ 回访到期清单                                       共 1 条  逾期 0 条\n"
	" 从 [2025-01-13]  到 [2025-01-13]  类型 [全部    ]  负责人 [全部    ]\n"
	" 应回访日不晚于 2025-01-13、尚未处理的回访；逾期天数自应回访日算到今天。\n"
	"  应回访日   逾期 类型 客户     手机        车牌     负责人 事由\n"
	"> 2025-01-13      维修 李四     13912345678 浙A12345 李工   维修/保养后3天内回…\n"
	"\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
	" 1/1  李四（C00000001）：维修/保养后3天内回访（工单 WO20250110-0001，保养）\n"
	"F1 帮助  Tab 筛选  Enter 处理  F5 改期  F6 停止提醒  Esc 返回\n"
	"\n"
	"员工：STAFF  日期：2025-01-13  数据库：ui.db\n");
	run_free(&r);
}
END_TEST

/* A new order names its advisor as the sheet does: the session's name, not
 * the login it signed in with. */
/* A fleet's owner with a long company name: the title still says whose
 * order it is at 80 columns, cut in the middle to keep the customer number,
 * within the half the sheet's scroll mark leaves — it dropped the whole
 * right part, and the advisor saw a 新工单 of nobody. */
START_TEST(a_long_owner_name_is_cut_not_dropped_from_the_title)
{
	struct run r;
	import("customers", "name,mobile,vin,plate\n杭州西湖区某某汽车服务与贸易股份有限公司第一分公司,13912345678,"
	                    "LSVAB218XN2123456,浙A12345\n");
	run_keys(&r, FIND FIX "<Dump>", 80, 24);
	HAS_LINE(&r, 0, " desk4s │ 维修工单                                 新工单  杭州西…（C00000001）");
	run_free(&r);
}
END_TEST

/* Two companies' cars found by the start of their names: each owner is cut
 * with "…" (杭州万通房地 and 杭州万通机械 had passed for whole names), and
 * a wider screen gives the owner the room it has. */
START_TEST(finding_a_fleet_s_car_cuts_the_owner_with_an_ellipsis)
{
	struct run r;
	import("customers", "name,mobile,vin,plate\n"
	                    "杭州万通房地产开发有限公司,13912345678,LSVAB218XN2123456,浙A12345\n"
	                    "杭州万通机械制造有限公司,13912345679,LSVAB2181N2654321,浙A22222\n");
	run_keys(&r, "4<F4>杭州万通<Dump><Resize 120x40><Dump>", 80, 24);
	HAS_LINE(&r, 0, "  车牌      VIN后6位 车型       客户编号     车主         手机号");
	HAS_LINE(&r, 0, "  浙A12345  123456              C00000001    杭州万通房…  13912345678 档案不全");
	HAS_LINE(&r, 0, "  浙A22222  654321              C00000002    杭州万通机…  13912345679 档案不全");
	CONTAINS(&r, 1, "C00000001    杭州万通房地产开发有限公司     13912345678 档案不全");
	CONTAINS(&r, 1, "C00000002    杭州万通机械制造有限公司       13912345679 档案不全");
	run_free(&r);
}
END_TEST

/* An owner found with no car on file is not a car found: the foot said
 * "找到 1 辆" over a row of 未登记车辆. */
START_TEST(an_owner_without_a_car_is_not_counted_as_a_car)
{
	struct run r;
	import("customers", "name,mobile,vin,plate\n"
	                    "李四,13912345678,,\n"
	                    "李五,13912345679,LSVAB218XN2123456,浙A12345\n");
	run_keys(&r, "4<F4>李四<Dump><C-u>李<Dump><Down><Dump>", 80, 24);
	HAS_LINE(&r, 0, ">                               C00000001    李四         13912345678 未登记车辆");
	HAS_LINE(&r, 0, " 找到 1 位车主，尚未登记车辆。Enter 为选中的车主登记车辆并开单；F4 新客户。");
	HAS_LINE(&r, 1, " 找到 1 辆车和 1 位车主。继续输入车牌/VIN 缩小范围，或按 ↓ 选定；F4 新客户。");
	HAS_LINE(&r, 2, " 找到 1 辆，1 位车主未登记车辆。Enter 开单或登记车辆；F4 新客户。");
	run_free(&r);
}
END_TEST

/* A VIN with its check digit (ninth character, ISO 3779), serial n. */
static void vin_of(int n, char *out)
{
	static const int weight[17] = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
	snprintf(out, 18, "LSVAB218XN%07u", (unsigned)n % 10000000u);
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		int c = out[i], v = c >= '0' && c <= '9' ? c - '0'
		                  : c <= 'H' ? c - 'A' + 1 : c <= 'R' ? c - 'J' + 1 : c - 'S' + 2;
		sum += v * weight[i];
	}
	out[8] = sum % 11 == 10 ? 'X' : (char)('0' + sum % 11);
}

/* Enter on a short filter (浙A) matching many cars opened an order for the
 * first one listed.  Now it opens none and says how many and what to do;
 * no row is marked until ↓ moves onto one, and then Enter opens that car. */
START_TEST(enter_on_many_cars_opens_only_a_chosen_one)
{
	struct run r;
	import("customers", "name,mobile,vin,plate\n"
	                    "李四,13912345678,LSVAB218XN2123456,浙A12345\n"
	                    "王五,13912345679,LSVAB2181N2654321,浙A22222\n"
	                    "赵六,13912345670,,\n");
	run_keys(&r, "4<F4>浙A<Enter><Dump><Down><Dump><Down><Enter><Dump>", 80, 24);
	CONTAINS(&r, 0, "维修工单 · 开新工单");
	HAS_LINE(&r, 0, "  浙A12345  123456              C00000001    李四         13912345678 档案不全");
	HAS_LINE(&r, 0, "  浙A22222  654321              C00000002    王五         13912345679 档案不全");
	HAS_LINE(&r, 0, " 找到 2 辆。继续输入车牌/VIN 缩小范围，或按 ↓ 选定；F4 新客户。");
	CONTAINS(&r, 0, "找到 2 辆，未开单：继续输入车牌/VIN 缩小到一辆，或按 ↓ 选定后再按 Enter。");
	/* the first ↓ lands on the first row, which is then the one chosen */
	HAS_LINE(&r, 1, "> 浙A12345  123456              C00000001    李四         13912345678 档案不全");
	HAS_LINE(&r, 1, " 找到 2 辆。Enter 为选中的车开单；F5 为该车主登记另一辆车；F4 新客户。");
	/* the second car, chosen: its owner's sheet comes first (imported, incomplete) */
	CONTAINS(&r, 2, "客户编号 C00000002");
	run_free(&r);
	/* F5 alike; typing on makes another list, where the one car left is
	 * the one acted on */
	run_keys(&r, "4<F4>浙A<F5><Dump><Down><Down>2<Dump><F5><Dump>", 80, 24);
	CONTAINS(&r, 0, "找到 2 辆，未登记：继续输入车牌/VIN 缩小到一辆，或按 ↓ 选定后再按 F5。");
	LACKS(&r, 0, "登记车辆");
	HAS_LINE(&r, 1, "> 浙A22222  654321              C00000002    王五         13912345679 档案不全");
	HAS_LINE(&r, 1, " 找到 1 辆。Enter 为选中的车开单；F5 为该车主登记另一辆车；F4 新客户。");
	CONTAINS(&r, 2, "登记车辆");
	CONTAINS(&r, 2, "[王五（C00000002）");
	run_free(&r);
}
END_TEST

/* Thousands matching were said as "找到 100 辆", the list's length. */
START_TEST(more_cars_than_listed_are_said_as_more)
{
	struct run r;
	char *csv = malloc(120 * 64);
	ck_assert_ptr_nonnull(csv);
	size_t at = (size_t)sprintf(csv, "name,mobile,vin,plate\n");
	for (int i = 1; i <= 101; i++) {
		char vin[18];
		vin_of(i, vin);
		at += (size_t)sprintf(csv + at, "客户%d,139%08d,%s,浙B%05d\n", i, i, vin, i);
	}
	import("customers", csv);
	free(csv);
	run_keys(&r, "4<F4>浙B<Enter><Dump><PgDn><Dump>", 80, 24);
	HAS_LINE(&r, 0, " 找到 100 多辆。继续输入车牌/VIN 缩小范围，或按 ↓ 选定；F4 新客户。");
	CONTAINS(&r, 0, "找到 100 多辆，未开单：");
	HAS_LINE(&r, 1, " 找到 100 多辆。Enter 为选中的车开单；F5 为该车主登记另一辆车；F4 新客户。");
	run_free(&r);
}
END_TEST

/* A message wrapped over two lines breaks before a code, not inside it:
 * the car's plate read "浙A12" on one line and "345" on the next. */
START_TEST(a_wrapped_message_keeps_a_plate_whole)
{
	struct run r;
	import("customers", "name,mobile,vin,plate\n"
	                    "李四,13912345678,,\n"
	                    "李五,13912345679,LSVAB218XN2123456,浙A12345\n");
	run_keys(&r, "4<F4>李四<Enter>LSVAB218XN2123456<Tab>浙A99999<F2><Dump>", 80, 24);
	HAS_LINE(&r, 0, "未登记：车辆底盘号(VIN)：LSVAB218XN2123456 已属于客户 C00000002 李五（车牌");
	HAS_LINE(&r, 0, "浙A12345），不能重复登记");
	run_free(&r);
}
END_TEST

START_TEST(new_order_names_the_advisor)
{
	struct run r;
	import("customers", legacy_csv);
	run_keys(&r, FIND FIX "<Dump>", 80, 24);
	CONTAINS(&r, 0, "│ *服务顾问 [王经理    ]");
	run_free(&r);
}
END_TEST

START_TEST(fill_now_goes_to_the_fields)
{
	struct run r;
	import("customers", legacy_csv);
	/* F: the owner's sheet on its empty important fields; 职业特性 filled;
	 * back on the order the cursor is on 维修项目; the next prompt lists
	 * only what is still empty */
	run_keys(&r, FIND FIX ADVISOR FILL "<F2>F<Dump><Tab>教师<F2><Dump>更换机油机滤<F2><Dump>", 80, 24);
	HAS_LINE(&r, 0, "请补填客户的重要项目：出生日期、职业特性、兴趣爱好、QQ号、邮箱、微博、");
	HAS_LINE(&r, 1, "请补填工单的重要项目：维修项目。补填后再按 F2 开单。");
	CONTAINS(&r, 2, "客户档案：出生日期、兴趣爱好、QQ号、邮箱、微博、是否安装APP");
	ck_assert_ptr_null(strstr(r.screens[2], "工单：维修项目"));
	run_free(&r);
}
END_TEST

/* A promised time already past when the order opens is refused there,
 * naming the opening time (it used to open, and then refuse every save). */
START_TEST(a_promised_time_already_past_is_refused_at_opening)
{
	struct run r;
	import("customers", legacy_csv);
	run_keys(&r, FIND FIX ADVISOR "12000<Tab><Tab>1<Enter>保养<Tab><Tab>2025-01-10 08:30<F2><Dump>", 80, 24);
	CONTAINS(&r, 0, "预计完工时间：不能早于开单时间（2025-01-10 09:00）");
	/* the order did not open: said as such, not as a sheet not saved */
	CONTAINS(&r, 0, "未开单。有误：预计完工时间");
	LACKS(&r, 0, "未保存");
	ck_assert_ptr_null(strstr(r.screens[0], "已开单"));
	run_free(&r);
}
END_TEST

/* A name wider than the list's 客户 cell is cut with "…": two companies
 * of the same start read as one name cut short. */
START_TEST(a_long_name_in_the_list_is_cut_with_an_ellipsis)
{
	struct run r;
	import("customers", "name,mobile,vin,plate\n"
	                    "杭州万通房地产开发有限公司,13800000001,WVWZZZ1KZ6W610001,浙A10001\n");
	import("workorders", "vin,advisor,mileage,work_type,complaint,items,promised_at,status,opened_at\n"
	                     "WVWZZZ1KZ6W610001,张工,1000,保养,保养,换机油,2025-01-10 15:00,在修,2025-01-10 08:01\n");
	run_keys(&r, "4<Dump>", 80, 24);
	HAS_LINE(&r, 0, "> WO20250110-0001 浙A10001  杭州万通…  保养     张工     01-10 15:00 在修");
	run_free(&r);
}
END_TEST

/* The first pause's other terminal opens an order promised earlier; the
 * second changes nothing (nothing read or drawn again). */
static void another_terminal_opens_an_order(int pause, void *ctx)
{
	(void)ctx;
	if (pause == 0)
		import("workorders", "vin,advisor,mileage,work_type,complaint,items,promised_at,status,opened_at\n"
		                     "WVWZZZ1KZ6W610003,李工,1000,保养,保养,换机油,2025-01-10 12:00,在修,2025-01-10 08:30\n");
}

/* The other terminal: completes the order while 完工时间 is asked here. */
static void another_terminal_completes_it(int pause, void *ctx)
{
	(void)ctx;
	char path[600];
	snprintf(path, sizeof path, "%s/ui.db", dir);
	if (pause == 0)
		tu_sql_exec(path, "UPDATE workorders SET status='已完工', completed_at='2025-01-10 08:55' WHERE id=1");
}

/* Two terminals completing one order: the second's Enter says the order
 * was completed elsewhere, with the time stored there, and that the sheet
 * now shows it, where it said 已是“已完工”，不能完工 as if a rule here
 * were broken. */
START_TEST(an_order_completed_at_another_terminal_meanwhile_is_said_so)
{
	struct run r;
	import("customers", legacy_csv);
	make_accounts();
	char *script = ui_script(LOGIN_KEYS, OPENED "<F5>S<Dump><Idle><Enter><Dump>");
	int status = ui_play_idle(script, 80, 24, "DESK4S_TODAY=2025-01-10 DESK4S_NOW='2025-01-10 09:00'", "ui.db", 1,
	                          another_terminal_completes_it, NULL);
	free(script);
	ui_screens(&r, status, LOGIN_WHO);
	CONTAINS(&r, 0, " desk4s │ 工单完工");
	CONTAINS(&r, 1, "未完工：工单 WO20250110-0001 已在另一处完工（完工时间 2025-01-10 08:55），\n本页已更新为现在的内容。\n");
	CONTAINS(&r, 1, "■已完工");
	run_free(&r);
}
END_TEST

/* The list picks up an order opened at another terminal while it stands
 * idle, without a key (<Idle>: the pause; the test, as the other terminal,
 * imports an order in it), and the cursor stays on the order it was on,
 * not its row: the new order, promised earlier, comes above it. */
START_TEST(the_list_shows_another_terminal_s_order_while_idle)
{
	struct run r;
	import("customers", "name,mobile,vin,plate\n"
	                    "客户甲,13800000001,WVWZZZ1KZ6W610001,浙A10001\n"
	                    "客户乙,13800000002,WVWZZZ1KZ6W610002,浙A10002\n"
	                    "客户丙,13800000003,WVWZZZ1KZ6W610003,浙A10003\n");
	import("workorders", "vin,advisor,mileage,work_type,complaint,items,promised_at,status,opened_at\n"
	                     "WVWZZZ1KZ6W610001,张工,1000,保养,保养,换机油,2025-01-10 15:00,在修,2025-01-10 08:01\n"
	                     "WVWZZZ1KZ6W610002,张工,1000,保养,保养,换机油,2025-01-10 16:00,在修,2025-01-10 08:02\n");
	make_accounts();
	char *script = ui_script(LOGIN_KEYS, "4<Down><Dump><Idle><Dump><Idle><Dump>");
	int status = ui_play_idle(script, 80, 24, "DESK4S_TODAY=2025-01-10 DESK4S_NOW='2025-01-10 09:00'", "ui.db", 2,
	                          another_terminal_opens_an_order, NULL);
	free(script);
	ui_screens(&r, status, LOGIN_WHO);
	CONTAINS(&r, 0, "在修 2 张");
	CONTAINS(&r, 0, "> WO20250110-0002 浙A10002");
	CONTAINS(&r, 1, "在修 3 张");
	CONTAINS(&r, 1, "  WO20250110-0003 浙A10003");
	/* still on 客户乙's order, now the third row */
	CONTAINS(&r, 1, "> WO20250110-0002 浙A10002");
	CONTAINS(&r, 1, "第 3/3 张");
	ck_assert_str_eq(r.screens[2], r.screens[1]);
	run_free(&r);
}
END_TEST

START_TEST(late_orders_marked_120x40)
{
	struct run r;
	import("customers", legacy_csv);
	/* opened 08:00 and promised 08:30 (from the old system); it is 09:00:
	 * late */
	import("workorders", "工单号,开单时间,服务顾问,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	                     "WO20250110-0001,2025-01-10 08:00,李工,LSVAB218XN2123456,12000,保养,保养,2025-01-10 08:30,在修\n");
	run_keys(&r, "4<Dump>", 120, 40);
	SCREEN_EQ(&r, 0,
	" desk4s │ 维修工单 · 在修                                                                          在修 1 张  逾期 1 张\n"
	"  在修    今日完工   Tab 切换\n"
	"  工单号          车牌      客户       作业类型 服务顾问 预计完工    开单时间    里程(km) VIN               状态\n"
	"> WO20250110-0001 浙A12345  李四       保养     李工     01-10 08:30 01-10 08:00 12000    LSVAB218XN2123456 逾期\n"
	"\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
	" 第 1/1 张。Enter 打开工单。\n"
	"F1 帮助  Enter 打开  F4 开单  Tab 切换  Esc 返回\n"
	"\n"
	"员工：STAFF  日期：2025-01-10  数据库：ui.db\n");
	run_free(&r);
}
END_TEST

/* A long list of orders in the shop: End goes to the last, Home back to
 * the first. */
START_TEST(home_and_end_in_the_order_list)
{
	struct run r;
	char *cust = malloc(8192), *wo = malloc(8192);
	ck_assert_ptr_nonnull(cust);
	ck_assert_ptr_nonnull(wo);
	size_t a = (size_t)snprintf(cust, 8192, "name,mobile,vin,plate\n");
	size_t b = (size_t)snprintf(wo, 8192, "vin,advisor,mileage,work_type,complaint,items,promised_at,status,opened_at\n");
	for (int i = 1; i <= 30; i++) {
		a += (size_t)snprintf(cust + a, 8192 - a, "客户%02d,138000%05d,WVWZZZ1KZ6W6100%02d,浙A1%04d\n", i, i, i, i);
		b += (size_t)snprintf(wo + b, 8192 - b,
		                      "WVWZZZ1KZ6W6100%02d,张工,1000,保养,保养,换机油,2025-01-10 17:00,在修,2025-01-10 08:%02d\n",
		                      i, i);
	}
	import("customers", cust);
	import("workorders", wo);
	free(cust);
	free(wo);
	run_keys(&r, "4<End><Dump><Home><Dump>", 80, 24);
	CONTAINS(&r, 0, "第 30/30 张");
	CONTAINS(&r, 1, "第 1/30 张");
	run_free(&r);
}
END_TEST

START_TEST(lower_mileage_needs_confirmation)
{
	struct run r;
	import("customers", legacy_csv);
	/* first order at 12000 km, completed; the next one says 11000 */
	run_keys(&r, OPENED "<F5>S<Enter><Esc>"
	         "<F4>浙A1<Enter>11000<Tab><Tab>2<Enter>异响<Tab><Tab>2025-01-10 18:00<F2><Dump>N<Dump>"
	         "<F2>Y<Dump>S<Dump>",
	         80, 24);
	CONTAINS(&r, 0, "本次行驶里程 11000 km 低于该车上次工单的 12000 km。");
	CONTAINS(&r, 0, "Y 确认无误      N 返回修改");
	HAS_LINE(&r, 1, "请核对行驶里程（该车上次 12000 km）。");
	CONTAINS(&r, 2, "S 仍然开单"); /* confirmed: on to the important prompt */
	HAS_LINE(&r, 3, "已开单：工单号 WO20250110-0002。");
	run_free(&r);
}
END_TEST

START_TEST(completed_read_only_but_note_cancel_keeps_reason)
{
	struct run r;
	import("customers", legacy_csv);
	run_keys(&r, OPENED "<F5>S<Enter>"
	         /* the cursor is on 备注: a note is allowed */
	         "客户自带机油<F2><Dump>"
	         /* anything else is not */
	         "<S-Tab>x<Dump><Esc>"
	         /* a second order, cancelled with its reason */
	         "<F4>浙A1<Enter>12500<Tab><Tab>2<Enter>异响<Tab><Tab>2025-01-10 18:00<F2>S"
	         "<F6><Dump>客户临时有事<Enter><Dump>"
	         /* cancelled by mistake: F8 takes it back, with a reason */
	         "<S-Tab>x<Dump><F8><Dump>取消错了<F2><Dump><Esc><Esc><Dump>",
	         80, 24);
	HAS_LINE(&r, 0, "│  备注     [客户自带机油                            ]                         │");
	HAS_LINE(&r, 0, "已保存备注。");
	HAS_LINE(&r, 1, "已完工的工单只能修改备注（返修请按 F8 重新打开）");
	/* the bar offers what a completed order takes: F8, not F5 or F6 */
	HAS_LINE(&r, 1, "F1 帮助  F2 保存备注  F7 历史  F8 返修  Esc 返回");
	/* Enter acts as in the completion dialog; the bar names the act, not 保存 */
	CONTAINS(&r, 2, "写明取消原因后按 Enter 或 F2 取消工单；Esc 返回。");
	HAS_LINE(&r, 2, "Enter/F2 取消工单  Esc 返回  F1 帮助");
	LACKS(&r, 2, "保存");
	HAS_LINE(&r, 3, "│ *取消原因 [客户临时有事                  ]                                   │");
	HAS_LINE(&r, 3, "已取消：工单 WO20250110-0002（客户临时有事）。");
	HAS_LINE(&r, 4, "已取消的工单只能修改备注（取消错了请按 F8 恢复为在修）");
	HAS_LINE(&r, 4, "F1 帮助  F2 保存备注  F7 历史  F8 恢复在修  Esc 返回");
	CONTAINS(&r, 5, "写明恢复原因后按 Enter 或 F2 恢复为在修；Esc 返回。");
	HAS_LINE(&r, 5, "Enter/F2 恢复为在修  Esc 返回  F1 帮助");
	HAS_LINE(&r, 6, "已恢复为在修：工单 WO20250110-0002（取消错了）。");
	CONTAINS(&r, 6, "■在修 □已完工 □已取消");
	CONTAINS(&r, 6, "F5 完工  F6 取消工单  F7 历史  Esc 返回");
	LACKS(&r, 6, "F8");
	/* the workshop list holds it again; the menu is reached */
	CONTAINS(&r, 7, "主菜单");
	run_free(&r);
}
END_TEST

/* F2 says on each order what it does there: 开单 on a new one, 保存 on
 * one in the shop, 保存备注 on a completed or cancelled one, which keeps
 * only its note — the bar said "F2 开单/保存" and F1 "开单 / 保存修改 /
 * 保存备注" on every order.  Ctrl-S, which does the same, is said with it. */
START_TEST(f2_says_what_it_does_on_each_order)
{
	struct run r;
	import("customers", legacy_csv);
	run_keys(&r, FIND FIX ADVISOR FILL "<Dump><F1><Dump><Esc><F2>S<Dump><F1><Dump><Esc>"
	         "<F5>S<Enter><F1><Dump><Esc><Esc>"
	         "<F4>浙A1<Enter>12500<Tab><Tab>2<Enter>异响<Tab><Tab>2025-01-10 18:00<F2>S"
	         "<F6>客户临时有事<Enter>改日再来<F2><Dump><F1><Dump>",
	         80, 24);
	static const char *const said[][2] = {
		{"F1 帮助  F2 开单  F7 历史  Esc 返回", "   F2 / Ctrl-S           开单（新工单）\n"},
		{"F1 帮助  F2 保存  F5 完工  F6 取消工单  F7 历史  Esc 返回", "   F2 / Ctrl-S           保存修改（在修的工单）\n"},
		{"", "   F2 / Ctrl-S           保存备注（已完工、已取消的工单只能改备注）\n"},
		{"F1 帮助  F2 保存备注  F7 历史  F8 恢复在修  Esc 返回",
		 "   F2 / Ctrl-S           保存备注（已完工、已取消的工单只能改备注）\n"},
	};
	int bars[] = {0, 2, -1, 5}, helps[] = {1, 3, 4, 6};
	for (int i = 0; i < 4; i++) {
		if (bars[i] >= 0) HAS_LINE(&r, bars[i], said[i][0]);
		CONTAINS(&r, helps[i], said[i][1]);
		LACKS(&r, helps[i], "开单 / 保存修改");
	}
	/* on a cancelled order F2 keeps the note, as on a completed one */
	HAS_LINE(&r, 5, "已保存备注。");
	HAS_LINE(&r, 5, "│  备注     [改日再来                                ]                         │");
	run_free(&r);
}
END_TEST

/* F1 on a question and a dialog says their own keys, not the order's
 * underneath: 未保存 and 重要项目未填 their answer letters, Esc (named,
 * or taken as N) and that Enter does nothing; 工单完工 and 取消工单 their
 * act on Enter / F2 / Ctrl-S, Esc 取消 and the typing keys of their one
 * field, no Tab or Space.  On a completed order the typing keys say they
 * work in 备注 only. */
/* The part of an F1 page that lists the screen's own keys. */
static void own_keys(const char *screen, char *out, size_t outsz)
{
	const char *own = strstr(screen, "【本画面的按键】"), *all = strstr(screen, "以下为各画面的全部按键");
	ck_assert(own && all && own < all);
	snprintf(out, outsz, "%.*s", (int)(all - own), own);
}

START_TEST(f1_on_questions_and_dialogs_says_their_keys)
{
	struct run r;
	import("customers", legacy_csv);
	run_keys(&r, FIND FIX ADVISOR FILL "<Esc><F1><Dump><Esc>N<F2><F1><Dump><Esc>S"
	         "<F5>S<F1><Dump><Esc><Esc><F6><F1><Dump><Esc><Esc><F5>S<Enter><F1><Dump><Esc>",
	         100, 50);
	/* the leave question */
	CONTAINS(&r, 0, "帮助：本问题的按键");
	HAS_LINE(&r, 0, "   Y                     放弃修改并返回");
	HAS_LINE(&r, 0, "   N                     继续编辑");
	HAS_LINE(&r, 0, "   Esc                   同 N：继续编辑");
	HAS_LINE(&r, 0, "   Enter                 不起作用：请按上面列出的键作答");
	LACKS(&r, 0, "【当前项");
	LACKS(&r, 0, "开单（新工单）");
	/* 重要项目未填: its own answers, Esc among them */
	HAS_LINE(&r, 1, "   F                     现在填写");
	HAS_LINE(&r, 1, "   S                     仍然开单");
	HAS_LINE(&r, 1, "   Esc                   返回");
	LACKS(&r, 1, "同 N");
	LACKS(&r, 1, "开单（新工单）");
	/* 工单完工 */
	CONTAINS(&r, 2, " 【当前项：完工时间】");
	HAS_LINE(&r, 2, "   Enter / F2 / Ctrl-S   完工");
	HAS_LINE(&r, 2, "   Esc                   取消：关闭本框返回，什么也不改（不询问）");
	HAS_LINE(&r, 2, "   ←                     光标左移一个字");
	HAS_LINE(&r, 2, "   Ctrl-U                删除光标前的全部内容（在行尾即清空本项）");
	/* 取消工单 */
	CONTAINS(&r, 3, " 【当前项：取消原因】");
	HAS_LINE(&r, 3, "   Enter / F2 / Ctrl-S   取消工单");
	/* the dialogs' own keys (before everyone's): none of the sheet's */
	for (int i = 2; i <= 3; i++) {
		char part[2048];
		own_keys(r.screens[i], part, sizeof part);
		ck_assert_msg(!strstr(part, "Tab") && !strstr(part, "Space") && !strstr(part, "保存") &&
		              !strstr(part, "下一项") && !strstr(part, "PgDn"), "%s", part);
	}
	/* a completed order: typing only in 备注 */
	CONTAINS(&r, 4, " 【当前项：备注】");
	HAS_LINE(&r, 4, "   ←                     备注中：光标左移一个字");
	HAS_LINE(&r, 4, "   Backspace             备注中：删除前一个字");
	HAS_LINE(&r, 4, "   Ctrl-U                备注中：删除光标前的全部内容（在行尾即清空备注）");
	HAS_LINE(&r, 4, "   Space                 备注中：空格；其余各项不能修改");
	char part[2048];
	own_keys(r.screens[4], part, sizeof part);
	ck_assert_msg(!strstr(part, "   ←                     光标左移一个字") && !strstr(part, "勾选 / 打开选择列表"), "%s", part);
	run_free(&r);
}
END_TEST

/* A car whose only order was cancelled: its history lists that order,
 * so the next is not "该车第一次开工单" — the sheet says the earlier one
 * was cancelled (its mileage is no reading to compare with). */
START_TEST(an_order_after_a_cancelled_one_is_not_the_first)
{
	struct run r;
	import("customers", legacy_csv);
	run_keys(&r, OPENED "<F6>客户临时有事<Enter><Esc>"
	         "<F4>浙A1<Enter><Dump><F7><Dump>",
	         80, 24);
	HAS_LINE(&r, 0, "该车以往 1 张工单已取消（见 F7 历史）。填好后按 F2 开单；Esc 不开单返回。");
	LACKS(&r, 0, "第一次开工单");
	CONTAINS(&r, 1, "WO20250110-0001 2025-01-10 09:00 已取消");
	run_free(&r);
}
END_TEST

START_TEST(history_of_the_car)
{
	struct run r;
	import("customers", legacy_csv);
	run_keys(&r, OPENED "<F5>S<Enter><Esc>"
	         "<F4>浙A1<Enter>" ADVISOR "12500<Tab><Tab>2<Enter>异响<Tab><Tab>2025-01-10 18:00<F2>S<F7><Dump>"
	         "<Down><Enter><Dump>",
	         80, 24);
	SCREEN_EQ(&r, 0,
	" desk4s │ 维修工单 · 历史工单                                           共 2 张\n"
	" 车牌 浙A12345  VIN LSVAB218XN2123456  车主 李四（C00000001）\n"
	"  工单号          开单时间         状态   作业类型 里程(km) 服务顾问 完工时间\n"
	"> WO20250110-0002 2025-01-10 09:00 在修   一般维修 12500    李工\n"
	"  WO20250110-0001 2025-01-10 09:00 已完工 保养     12000    李工     01-10 09:00\n"
	"\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
	" 第 1/2 张。Enter 打开工单。\n"
	"F1 帮助  Enter 打开  Esc 返回\n"
	"\n"
	"员工：STAFF  日期：2025-01-10  数据库：ui.db\n");
	HAS_LINE(&r, 1, "│  工单号   [WO20250110-0001 ]            开单时间 [2025-01-10 09:00]          │");
	run_free(&r);
}
END_TEST

/* F1 on a car's history names its keys (Enter opens an order, ↑ ↓ PgUp
 * PgDn Home End move, Esc returns) and no Tab or F4, which the workshop's
 * list has: the history drew with no key scope, so its F1 had none of
 * its keys, and its bar was written by hand. */
START_TEST(a_car_s_history_help_names_its_keys)
{
	struct run r;
	import("customers", legacy_csv);
	run_keys(&r, OPENED "<F7><F1><Dump><Esc><Tab><F4><Dump>", 80, 24);
	CONTAINS(&r, 0, " 【本画面的按键】\n"
	                "   Enter                 打开工单\n"
	                "   ↑                     上移\n"
	                "   ↓                     下移\n"
	                "   PgUp                  上一页\n"
	                "   PgDn                  下一页\n"
	                "   Home                  到第一条\n"
	                "   End                   到最后一条\n"
	                "   Esc                   返回上一画面\n"
	                "   F1                    帮助（本页）\n"
	                "   Ctrl-L                重画屏幕\n"
	                "\n"
	                " —— 以下为各画面的全部按键 ——\n");
	/* Tab and F4 do nothing there, and the bar does not offer them */
	CONTAINS(&r, 1, " desk4s │ 维修工单 · 历史工单");
	HAS_LINE(&r, 1, "F1 帮助  Enter 打开  Esc 返回");
	run_free(&r);
}
END_TEST

/* Orders of past years carry their year: the history shows each opening
 * whole, a completion in another year than its opening by its date, and
 * the workshop list a time of another year than this one by its date. */
START_TEST(past_years_are_shown_with_their_year)
{
	struct run r;
	import("customers", legacy_csv);
	import("workorders", "工单号,开单时间,服务顾问,车牌号,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态,完工时间\n"
	                     "WO20240605-0001,2024-06-05,李工,浙A12345,LSVAB218XN2123456,10000,保养,保养,"
	                     "2024-06-05 17:00,已完工,2024-06-05\n"
	                     "WO20241230-0001,2024-12-30 16:00,李工,浙A12345,LSVAB218XN2123456,11000,一般维修,异响,"
	                     "2025-01-02 12:00,已完工,2025-01-02 10:00\n"
	                     "WO20241231-0001,2024-12-31 09:00,李工,浙A12345,LSVAB218XN2123456,11500,保养,保养,"
	                     "2024-12-31 17:00,在修,\n");
	run_keys(&r, "4<Dump><Enter><F7><Dump>", 80, 24);
	CONTAINS(&r, 0, "> WO20241231-0001 浙A12345  李四       保养     李工     2024-12-31  逾期");
	CONTAINS(&r, 1, "  工单号          开单时间         状态   作业类型 里程(km) 服务顾问 完工时间");
	CONTAINS(&r, 1, "> WO20241231-0001 2024-12-31 09:00 逾期   保养     11500    李工");
	CONTAINS(&r, 1, "  WO20241230-0001 2024-12-30 16:00 已完工 一般维修 11000    李工     2025-01-02");
	CONTAINS(&r, 1, "  WO20240605-0001 2024-06-05 不详  已完工 保养     10000    李工     06-05 不详");
	run_free(&r);
}
END_TEST

/* A shop's own order form (--forms) may have a field that applies by
 * condition: 油量 not for 钣喷 here.  Its value left there is asked about
 * at F5 in the words of completing, not of saving. */
START_TEST(a_stray_value_at_completion_is_asked_as_completing)
{
	struct run r;
	char cmd[1200];
	import("customers", legacy_csv);
	import("workorders", "工单号,开单时间,服务顾问,车牌号,VIN,行驶里程(km),作业类型,客户描述,维修项目,预计完工时间,状态,油量\n"
	                     "WO20250110-0001,2025-01-10 08:00,李工,浙A12345,LSVAB218XN2123456,12000,保养,保养,换机油,"
	                     "2025-01-10 17:00,在修,1/2\n");
	snprintf(cmd, sizeof cmd,
	         "cp -r ../../forms '%s/forms' && sed -i '2s/$/,applies_if/; 3,$s/$/,/; /^fuel,/s/,$/,work_type!=钣喷/' "
	         "'%s/forms/workorder.csv'",
	         dir, dir);
	ck_assert_int_eq(system(cmd), 0);
	make_accounts();
	char *script = ui_script(LOGIN_KEYS, "4<Enter><Tab><Tab><Tab><Tab><Tab>3<Enter><F5><Dump><Esc><Dump>");
	/* the database argument is quoted by ui_play: the forms go after it */
	int st = ui_play(script, 80, 24, "DESK4S_TODAY=2025-01-10 DESK4S_NOW='2025-01-10 09:00'", "ui.db' --forms 'forms");
	free(script);
	ui_screens(&r, st, LOGIN_WHO);
	CONTAINS(&r, 0, "作业类型为“钣喷”，以下项目不适用，完工时将清空：");
	CONTAINS(&r, 0, "Y 清空并完工");
	HAS_LINE(&r, 1, "未完工。作业类型为“钣喷”，不适用的项目仍有内容：油量");
	run_free(&r);
}
END_TEST

START_TEST(unknown_car_registers_owner)
{
	struct run r;
	/* nobody knows 浙B54321: F4 opens a new customer's sheet with the plate
	 * taken from what was typed; saved, the order sheet follows */
	run_keys(&r, "4<F4>浙B54321<Dump><F4>"
	         "1<Enter>1<Enter>3<Enter>张三<Tab>男"
	         "<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>13800138000"
	         "<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>"
	         "浙<Enter>杭<Enter>西湖<Enter>文三路100号<Tab><Tab><Tab>LSVAB218XN2123456<Dump><F2><Dump>",
	         80, 24);
	HAS_LINE(&r, 0, " 没有找到。F4 登记新客户和车辆（输入的手机号、车牌、VIN 或姓名会带过去）。");
	HAS_LINE(&r, 1, "│  车牌号          [浙B54321  ]           发动机号        [                ]   │");
	HAS_LINE(&r, 2, " desk4s │ 维修工单                                    新工单  张三（C00000001）");
	HAS_LINE(&r, 2, "│  车牌号       [浙B54321  ]             *VIN          [LSVAB218XN2123456]     │");
	run_free(&r);
}
END_TEST

/* An empty list: F5 (另一辆车) and Enter say why they do nothing, where
 * they were silent.  After 没有找到, F4 takes a typed mobile to the new
 * sheet as the customer lookup does, not only a plate or a VIN. */
START_TEST(finding_nobody_says_so_and_carries_the_mobile)
{
	struct run r;
	run_keys(&r, "4<F4><F5><Dump>13800138000<F5><Dump><Enter><Dump><F4><Dump>", 80, 24);
	CONTAINS(&r, 0, "列表中没有车主，无从登记另一辆车。请先输入车牌、VIN、手机号或姓名查找。");
	HAS_LINE(&r, 1, " 没有找到。F4 登记新客户和车辆（输入的手机号、车牌、VIN 或姓名会带过去）。");
	CONTAINS(&r, 1, "列表中没有车主，无从登记另一辆车。新客户按 F4 登记客户和车辆。");
	CONTAINS(&r, 2, "列表中没有车，无从开单。新客户按 F4 登记客户和车辆。");
	CONTAINS(&r, 3, "*手机号       [13800138000  ]");
	run_free(&r);
}
END_TEST

/* From 行驶里程 back to 车牌号, the car's plate erased and another typed,
 * then on to 行驶里程 again. */
#define REPLATE(p) "<S-Tab><S-Tab><End><BS><BS><BS><BS><BS><BS><BS><BS>" p "<Tab><Tab>"

/* The car came back re-registered: one question naming both plates; N goes
 * back to the plate, U gives the car's record the new plate (the car is
 * then found by it) and the order opens with it. */
START_TEST(new_plate_asks_whether_the_car_was_re_registered)
{
	struct run r;
	import("customers", legacy_csv);
	run_keys(&r, FIND FIX ADVISOR REPLATE("浙B67890") FILL "<F2><Dump>N<Dump><F2>U<Dump>S<Dump><Esc><F4>浙B6<Dump>",
	         80, 24);
	HAS_LINE(&r, 0, "│ * ┌─ 车牌与车辆档案不同 ─────────────────────────────────────────────────┐   │");
	HAS_LINE(&r, 0, "└───│ 工单上的车牌号：浙B67890                                             │───┘");
	HAS_LINE(&r, 0, "┌─  │ 车辆档案的车牌号：浙A12345（VIN LSVAB218XN2123456）                  │───┐");
	HAS_LINE(&r, 0, "│ * │ 车辆重新上牌了，就把车辆档案改为 浙B67890；填错了，就返回改正工单。  │   │");
	HAS_LINE(&r, 0, "│ ! │ U 车辆档案改为 浙B67890      N 返回改正车牌号                        │   │");
	HAS_LINE(&r, 1, "请改正车牌号：车辆档案登记的是 浙A12345。");
	LACKS(&r, 1, "已开单");
	/* U: the important prompt follows, drawn over the sheet */
	CONTAINS(&r, 2, "S 仍然开单");
	LACKS(&r, 2, "车牌与车辆档案不同");
	HAS_LINE(&r, 2, "车辆档案的车牌号已由 浙A12345 改为 浙B67890。");
	HAS_LINE(&r, 3, "│  车牌号       [浙B67890  ]             *VIN          [LSVAB218XN2123456]     │");
	HAS_LINE(&r, 3, "已开单：工单号 WO20250110-0001。车辆档案的车牌号已由 浙A12345 改为 浙B67890。");
	HAS_LINE(&r, 4, "> 浙B67890  123456              C00000001    李四         13912345678");
	run_free(&r);
}
END_TEST

/* A typing mistake: N puts the cursor on the plate, corrected there the
 * order opens and the car's record is left alone. */
START_TEST(mistyped_plate_is_corrected_on_the_order)
{
	struct run r;
	import("customers", legacy_csv);
	run_keys(&r, FIND FIX ADVISOR REPLATE("浙A12354") FILL "<F2>N<Dump><End><BS><BS>45<F2>S<Dump><Esc><F4>浙A1<Dump>",
	         80, 24);
	HAS_LINE(&r, 0, "│  车牌号       [浙A12354  ]             *VIN          [LSVAB218XN2123456]     │");
	HAS_LINE(&r, 0, "请改正车牌号：车辆档案登记的是 浙A12345。");
	HAS_LINE(&r, 1, "│  车牌号       [浙A12345  ]             *VIN          [LSVAB218XN2123456]     │");
	HAS_LINE(&r, 1, "已开单：工单号 WO20250110-0001。");
	CONTAINS(&r, 2, "> 浙A12345  123456");
	run_free(&r);
}
END_TEST

/* Another car's plate is not given to this one: said, and nothing stored. */
START_TEST(plate_of_another_car_is_refused_on_screen)
{
	struct run r;
	import("customers", "name,mobile,vin,plate\n李四,13912345678,LSVAB218XN2123456,浙A12345\n"
	                    "王五,13912345679,LSVAB2BM3HN654321,浙B54321\n");
	run_keys(&r, FIND FIX ADVISOR REPLATE("浙B54321") FILL "<F2>U<Dump>", 80, 24);
	HAS_LINE(&r, 0, "车牌号：浙B54321 已登记在另一辆车上（客户 C00000002，VIN LSVAB2BM3HN654321）。");
	HAS_LINE(&r, 0, "车辆档案未修改，请改正车牌号。");
	CONTAINS(&r, 0, "新工单  李四（C00000001）");
	HAS_LINE(&r, 0, "│  车牌号       [浙B54321  ]             *VIN          [LSVAB218XN2123456]     │");
	run_free(&r);
}
END_TEST

/* An order a file brought with another plate than its car's (the import
 * said so) is asked about when it is completed: here the car has none
 * yet, and takes the order's. */
START_TEST(imported_order_with_another_plate_asked_at_completion)
{
	struct run r;
	import("customers", "name,mobile,vin,plate\n李四,13912345678,LSVAB218XN2123456,\n");
	import("workorders", "工单号,开单时间,服务顾问,车牌号,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	                     "WO20250110-0001,2025-01-10 08:00,李工,浙A99999,LSVAB218XN2123456,12000,保养,保养,"
	                     "2025-01-10 17:00,在修\n");
	char path[600];
	snprintf(path, sizeof path, "%s/import.out", dir);
	char *out = tu_read(path);
	ck_assert_msg(strstr(out, "第2行（提示）车牌号：工单为 浙A99999，车辆档案（VIN LSVAB218XN2123456）还没有车牌；"
	                          "工单按文件保存，车辆档案未修改"), "%s", out);
	free(out);
	run_keys(&r, "4<Enter><F5><Dump>N<Dump><F5>U<Dump>S<Enter><Dump>", 80, 24);
	CONTAINS(&r, 0, "│ 工单上的车牌号：浙A99999");
	CONTAINS(&r, 0, "│ 车辆档案（VIN LSVAB218XN2123456）还没有车牌号。");
	CONTAINS(&r, 0, "U 记入车辆档案      N 返回改正车牌号");
	HAS_LINE(&r, 1, "请改正车牌号：车辆档案还没有车牌号。");
	CONTAINS(&r, 1, "■在修 □已完工"); /* not completed */
	HAS_LINE(&r, 2, "车辆档案的车牌号已记为 浙A99999。");
	CONTAINS(&r, 2, "S 仍然完工");
	HAS_LINE(&r, 3, "│  状态     □在修 ■已完工 □已取消         完工时间 [2025-01-10 09:00]          │");
	run_free(&r);
}
END_TEST

/* Completing asks 完工时间, now filled in: a car finished at 18:30
 * yesterday and completed this morning keeps 18:30, and its callback is
 * due 3 days after it.  A time before 开单时间 or still to come is refused
 * naming 完工时间, Esc leaves the order 在修, and Tab does not complete it;
 * the bar names Enter/F2 完工.  Ctrl-U empties the time filled in, to type another. */
#define CLEAR16 "<BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>"
START_TEST(completion_asks_when_the_car_was_finished)
{
	struct run r;
	import("customers", legacy_csv);
	import("workorders", "工单号,开单时间,服务顾问,车牌号,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	                     "WO20250109-0001,2025-01-09 08:00,李工,浙A12345,LSVAB218XN2123456,12000,保养,保养,"
	                     "2025-01-09 17:00,在修\n");
	char db[600];
	snprintf(db, sizeof db, "%s/ui.db", dir);
	run_keys(&r, "4<Enter><F5>S" CLEAR16 "昨天 07:00<Enter><Dump>" CLEAR16 "09:10<Enter><Dump><Esc><Dump>"
	         "<F5>S<Dump><C-u>昨天 18:30<Tab><Dump><Enter><Dump>", 80, 24);
	HAS_LINE(&r, 0, "│ *完工时间 [2025-01-09 07:00]                                                 │");
	/* the sheet completes, it does not save: its refusal says so */
	HAS_LINE(&r, 0, "未完工。有误：完工时间：不能早于开单时间（2025-01-09 08:00）。");
	LACKS(&r, 0, "未保存");
	HAS_LINE(&r, 1, "│ *完工时间 [2025-01-10 09:10]                                                 │");
	CONTAINS(&r, 1, "完工时间：2025-01-10 09:10 还没到：");
	CONTAINS(&r, 1, "不能晚于现在（2025-01-10 09:00）。");
	/* Esc: back on the order, still in the shop */
	HAS_LINE(&r, 2, "│  状态     ■在修 □已完工 □已取消         完工时间 [                ]          │");
	HAS_LINE(&r, 2, "未完工：工单 WO20250109-0001 仍在修。");
	/* asked again with now, not what was typed before */
	HAS_LINE(&r, 3, "│ *完工时间 [2025-01-10 09:00]                                                 │");
	/* its bar says what Enter and F2 do there, as the reason dialogs' do; it was empty */
	HAS_LINE(&r, 3, "Enter/F2 完工  Esc 返回  F1 帮助");
	/* Tab moves on as on any sheet: it does not complete the order */
	CONTAINS(&r, 4, "工单完工");
	CONTAINS(&r, 4, "[昨天 18:30");
	LACKS(&r, 4, "已完工：工单");
	HAS_LINE(&r, 5, "│  状态     □在修 ■已完工 □已取消         完工时间 [2025-01-09 18:30]          │");
	HAS_LINE(&r, 5, "已完工：工单 WO20250109-0001，完工时间 2025-01-09 18:30。");
	HAS_LINE(&r, 5, "维修回访任务 2025-01-12 到期（见“回访到期清单”）。");
	run_free(&r);
	ck_assert_str_eq(tu_sql_text(db, "SELECT status || ' ' || completed_at FROM workorders"), "已完工 2025-01-09 18:30");
	ck_assert_str_eq(tu_sql_text(db, "SELECT group_concat(detail, '|') FROM audit_log WHERE action = '工单完工'"),
	                 "工单 WO20250109-0001 完工，完工时间 2025-01-09 18:30（补记）");
	/* the due feed's callback: 3 days after yesterday, not after today */
	ck_assert_str_eq(tu_sql_text(db, "SELECT group_concat(due_date, '|') FROM due_feed WHERE kind = '维修回访'"),
	                 "2025-01-12");
}
END_TEST

/* An order a dealer's history brought with its opening day only (the
 * import kept the day, 时刻不详): it opens, saves and completes on
 * screen.  Some time that day, so a 完工时间 that day — even early in the
 * morning — is not before it; the day before is refused.  The lists say
 * 不详 for the unknown time. */
START_TEST(an_order_opened_on_a_day_only_completes)
{
	struct run r;
	char db[600];
	snprintf(db, sizeof db, "%s/ui.db", dir);
	import("customers", legacy_csv);
	import("workorders", "工单号,开单时间,服务顾问,车牌号,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	                     "WO20250109-0001,2025-01-09,李工,浙A12345,LSVAB218XN2123456,12000,保养,保养,"
	                     "2025-01-09 17:00,在修\n");
	ck_assert_str_eq(tu_sql_text(db, "SELECT opened_at FROM workorders"), "2025-01-09");
	run_keys(&r, "4<Dump><Enter><End><C-u><F5><Dump>李工<F5>S<C-u>2025-01-08 18:30<Enter><Dump>"
	         "<C-u>2025-01-09 07:00<Enter><Dump>", 100, 24);
	/* the list: the day, its time unknown */
	CONTAINS(&r, 0, "01-09 不详");
	/* F5 refused on the order sheet says it did not complete, naming
	 * the empty field, and not the day-only 开单时间 */
	HAS_LINE(&r, 1, "未完工。必填项未填：服务顾问。");
	/* the order sheet let it through to the time sheet; the day before is not that day */
	CONTAINS(&r, 2, "工单完工");
	CONTAINS(&r, 2, "[2025-01-09      ]");
	HAS_LINE(&r, 2, "未完工。有误：完工时间：不能早于开单时间（2025-01-09）。");
	CONTAINS(&r, 3, "□在修 ■已完工 □已取消");
	CONTAINS(&r, 3, "完工时间 [2025-01-09 07:00]");
	HAS_LINE(&r, 3, "已完工：工单 WO20250109-0001，完工时间 2025-01-09 07:00。");
	CONTAINS(&r, 3, "维修回访任务 2025-01-12 到期");
	run_free(&r);
	ck_assert_str_eq(tu_sql_text(db, "SELECT status || ' ' || opened_at || ' ' || completed_at FROM workorders"),
	                 "已完工 2025-01-09 2025-01-09 07:00");
	ck_assert_str_eq(tu_sql_text(db, "SELECT group_concat(due_date, '|') FROM due_feed WHERE kind = '维修回访'"),
	                 "2025-01-12");
}
END_TEST

/* An order completed today that its file kept by the day only (结算日期):
 * listed among today's, its time unknown, and its note can be saved —
 * the day on the read-only 开单时间 and 完工时间 is not asked to be a time. */
START_TEST(an_order_completed_on_a_day_only_keeps_its_note)
{
	struct run r;
	char db[600];
	snprintf(db, sizeof db, "%s/ui.db", dir);
	import("customers", legacy_csv);
	import("workorders", "工单号,开单时间,服务顾问,车牌号,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态,完工时间\n"
	                     "WO20250110-0001,2025-01-10,李工,浙A12345,LSVAB218XN2123456,12000,保养,保养,"
	                     "2025-01-10 17:00,已完工,2025-01-10\n");
	run_keys(&r, "4<Tab><Dump><Enter>已电话通知取车<F2><Dump>", 80, 24);
	CONTAINS(&r, 0, "共 1 张");
	CONTAINS(&r, 0, "01-10 不详");
	HAS_LINE(&r, 1, "已保存备注。");
	run_free(&r);
	ck_assert_str_eq(tu_sql_text(db, "SELECT note || ' ' || completed_at FROM workorders"), "已电话通知取车 2025-01-10");
}
END_TEST

/* An open order whose file kept its 预计完工时间 by the day only (the
 * import's, 时刻不详): left as it came, it stands — the order is saved and
 * completed without an hour made up for it; a day typed at the desk is
 * still asked for its time. */
START_TEST(an_order_promised_on_a_day_only_saves_and_completes)
{
	struct run r;
	char db[600];
	snprintf(db, sizeof db, "%s/ui.db", dir);
	import("customers", legacy_csv);
	import("workorders", "工单号,开单时间,服务顾问,车牌号,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	                     "WO20250110-0001,2025-01-10 08:00,李工,浙A12345,LSVAB218XN2123456,12000,保养,保养,"
	                     "2025-01-10,在修\n");
	ck_assert_str_eq(tu_sql_text(db, "SELECT promised_at FROM workorders"), "2025-01-10");
	run_keys(&r, "4<Enter><F2>S<Dump>"
	         "<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><C-u>2025-01-11<F2><Dump>"
	         "<C-u>2025-01-10<F5>S<Enter><Dump>", 80, 24);
	HAS_LINE(&r, 0, "已保存工单 WO20250110-0001。");
	CONTAINS(&r, 1, "未保存。有误：预计完工时间：只有日期，缺少时间：请补上时:分，");
	CONTAINS(&r, 1, "[2025-01-11      ]");
	CONTAINS(&r, 2, "已完工：工单 WO20250110-0001，完工时间 2025-01-10 09:00。");
	run_free(&r);
	ck_assert_str_eq(tu_sql_text(db, "SELECT status || ' ' || promised_at || ' ' || completed_at FROM workorders"),
	                 "已完工 2025-01-10 2025-01-10 09:00");
}
END_TEST

/* The cells of the workorders table's page (a leaf: a few orders) partly
 * overwritten behind the program's back, as the tester's `dd
 * conv=notrunc` did: n bytes from where the cells start. */
static void damage_workorders(int n)
{
	char db[600];
	snprintf(db, sizeof db, "%s/ui.db", dir);
	tu_sql_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	long long page = tu_sql_int(db, "SELECT rootpage FROM sqlite_master WHERE name='workorders'");
	long long size = tu_sql_int(db, "PRAGMA page_size");
	FILE *f = fopen(db, "r+b");
	ck_assert_ptr_nonnull(f);
	unsigned char hdr[8], junk[512];
	ck_assert_int_eq(fseek(f, (long)((page - 1) * size), SEEK_SET), 0);
	ck_assert_int_eq(fread(hdr, 1, sizeof hdr, f), sizeof hdr);
	ck_assert_int_eq(hdr[0], 13); /* a table's leaf: the rows themselves */
	memset(junk, 0xA5, sizeof junk);
	ck_assert_int_le(n, (int)sizeof junk);
	ck_assert_int_eq(fseek(f, (long)((page - 1) * size) + ((long)hdr[5] << 8 | hdr[6]), SEEK_SET), 0);
	ck_assert_int_eq(fwrite(junk, 1, (size_t)n, f), (size_t)n);
	ck_assert_int_eq(fclose(f), 0);
}

/* A damaged file is said where the orders are read: the workshop list is
 * not "no orders in the shop", and a new order does not start as the
 * car's first (it stops, saying why).  Both used to look like an empty
 * database while an order was open. */
START_TEST(a_damaged_file_is_said_not_shown_empty)
{
	struct run r;
	import("customers", legacy_csv);
	import("workorders", "工单号,开单时间,服务顾问,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	                     "WO20250110-0001,2025-01-10 08:00,李工,LSVAB218XN2123456,12000,保养,保养,2025-01-10 17:00,在修\n"
	                     "WO20250110-0002,2025-01-10 08:10,李工,LSVAB218XN2123456,12000,保养,保养,2025-01-10 17:00,在修\n"
	                     "WO20250110-0003,2025-01-10 08:20,李工,LSVAB218XN2123456,12000,保养,保养,2025-01-10 17:00,在修\n");
	damage_workorders(100);
	run_keys(&r, "4<Dump><Down><Dump><F4>浙A1<Enter><Dump>", 80, 24);
	HAS_LINE(&r, 0, " desk4s │ 维修工单 · 在修                                              读取出错");
	HAS_LINE(&r, 0, " 工单未能读取，列表不全（原因见下方）。");
	HAS_LINE(&r, 0, "读取工单失败：文件 ui.db 已损坏或不是 desk4s 数据库");
	LACKS(&r, 0, "没有在修的工单");
	/* still said after a key */
	HAS_LINE(&r, 1, "读取工单失败：文件 ui.db 已损坏或不是 desk4s 数据库");
	/* the car's earlier orders cannot be read: no sheet for a "first" order */
	HAS_LINE(&r, 2, "未开工单：读取工单失败：文件 ui.db 已损坏或不是 desk4s 数据库");
	CONTAINS(&r, 2, "找车：[浙A1");
	LACKS(&r, 2, "该车第一次开工单");
	run_free(&r);
}
END_TEST

/* F5 (另一辆车) with a VIN another customer's car has: said in Chinese,
 * naming that customer and the car's plate, as the import does — not the
 * schema's "UNIQUE constraint failed: vehicles.vin". */
START_TEST(another_car_with_a_vin_on_file_names_its_owner)
{
	struct run r;
	import("customers", "name,mobile,vin,plate\n李四,13912345678,LSVAB218XN2123456,浙A12345\n"
	                    "王五,13912345679,LSVAB2BM3HN654321,浙B54321\n");
	run_keys(&r, "4<F4>浙A1<F5><Dump>LSVAB2BM3HN654321<F2><Dump>", 120, 24);
	CONTAINS(&r, 0, "车辆底盘号(VIN)必填。填好后按 F2 登记，随后开工单；Esc 返回。");
	HAS_LINE(&r, 1, "未登记：车辆底盘号(VIN)：LSVAB2BM3HN654321 已属于客户 C00000002 王五（车牌 浙B54321），不能重复登记");
	LACKS(&r, 1, "UNIQUE");
	char db[600];
	snprintf(db, sizeof db, "%s/ui.db", dir);
	ck_assert_int_eq(tu_sql_int(db, "SELECT count(*) FROM vehicles"), 2);
	run_free(&r);
}
END_TEST

/* A car already in the shop: its open order is offered before a second
 * is begun beside it. */
START_TEST(a_car_in_the_shop_offers_its_open_order)
{
	struct run r;
	import("customers", legacy_csv);
	import("workorders", "工单号,开单时间,服务顾问,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态\n"
	                     "WO20250110-0001,2025-01-10 08:00,李工,LSVAB218XN2123456,12000,保养,保养,2025-01-10 17:00,在修\n");
	run_keys(&r, "4<F4>浙A1<Enter><Dump>O<Dump><Esc><Esc><F4>浙A1<Enter><Esc><Dump>", 80, 24);
	CONTAINS(&r, 0, "车辆 浙A12345 已有在修工单 WO20250110-0001（2025-01-10 08:00 开单，");
	CONTAINS(&r, 0, "O 打开在修工单      N 再开一张      Esc 返回");
	CONTAINS(&r, 1, "WO20250110-0001");
	LACKS(&r, 1, "已有在修工单");
	LACKS(&r, 2, "已有在修工单");
	run_free(&r);
	char db[600];
	snprintf(db, sizeof db, "%s/ui.db", dir);
	ck_assert_str_eq(tu_sql_text(db, "SELECT count(*) FROM workorders"), "1");
}
END_TEST

/* A cancelled order taken back while the car has another in the shop (most
 * often opened in its place): asked first, naming that order; N leaves
 * both as they were. */
START_TEST(reviving_beside_an_open_order_asks_first)
{
	struct run r;
	import("customers", legacy_csv);
	import("workorders", "工单号,开单时间,服务顾问,VIN,行驶里程(km),作业类型,客户描述,预计完工时间,状态,取消原因\n"
	                     "WO20250109-0001,2025-01-09 08:00,李工,LSVAB218XN2123456,11000,保养,保养,2025-01-09 17:00,已取消,客户改期\n"
	                     "WO20250110-0001,2025-01-10 08:00,李工,LSVAB218XN2123456,12000,保养,保养,2025-01-10 17:00,在修,\n");
	run_keys(&r, "4<F4>浙A1<Enter>O<F7><Down><Enter><F8><Dump>N<Dump><F8>Y<Dump>改期取消有误<F2><Dump>", 80, 24);
	CONTAINS(&r, 0, "该车已有在修工单 WO20250110-0001（2025-01-10 08:00 开单，");
	CONTAINS(&r, 0, "服务顾问 李工）。");
	CONTAINS(&r, 0, "仍要把工单 WO20250109-0001 恢复为在修吗？");
	CONTAINS(&r, 0, "Y 仍然恢复      N 返回");
	HAS_LINE(&r, 1, "未恢复：该车已有在修工单 WO20250110-0001。");
	CONTAINS(&r, 2, "写明恢复原因后按 Enter 或 F2 恢复为在修；Esc 返回。");
	HAS_LINE(&r, 3, "已恢复为在修：工单 WO20250109-0001（改期取消有误）。");
	run_free(&r);
	char db[600];
	snprintf(db, sizeof db, "%s/ui.db", dir);
	ck_assert_str_eq(tu_sql_text(db, "SELECT group_concat(wo_no || '=' || status, ' ') FROM (SELECT * FROM workorders ORDER BY id)"),
	                 "WO20250109-0001=在修 WO20250110-0001=在修");
}
END_TEST

Suite *ui_workorder_suite(void)
{
	Suite *s = suite_create("ui_workorder");
	TCase *tc = tcase_create("screens");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, workshop_empty_80x24);
	tcase_add_test(tc, enter_on_an_empty_list_says_why);
	tcase_add_test(tc, imported_customer_blocked_until_filled);
	tcase_add_test(tc, important_prompt_on_open_and_completion);
	tcase_add_test(tc, second_car_is_completed_on_itself);
	tcase_add_test(tc, fill_now_goes_to_the_fields);
	tcase_add_test(tc, new_order_names_the_advisor);
	tcase_add_test(tc, finding_a_fleet_s_car_cuts_the_owner_with_an_ellipsis);
	tcase_add_test(tc, an_owner_without_a_car_is_not_counted_as_a_car);
	tcase_add_test(tc, a_wrapped_message_keeps_a_plate_whole);
	tcase_add_test(tc, enter_on_many_cars_opens_only_a_chosen_one);
	tcase_add_test(tc, more_cars_than_listed_are_said_as_more);
	tcase_add_test(tc, a_long_owner_name_is_cut_not_dropped_from_the_title);
	tcase_add_test(tc, late_orders_marked_120x40);
	tcase_add_test(tc, home_and_end_in_the_order_list);
	tcase_add_test(tc, the_list_shows_another_terminal_s_order_while_idle);
	tcase_add_test(tc, an_order_completed_at_another_terminal_meanwhile_is_said_so);
	tcase_add_test(tc, a_long_name_in_the_list_is_cut_with_an_ellipsis);
	tcase_add_test(tc, a_promised_time_already_past_is_refused_at_opening);
	tcase_add_test(tc, lower_mileage_needs_confirmation);
	tcase_add_test(tc, completed_read_only_but_note_cancel_keeps_reason);
	tcase_add_test(tc, an_order_after_a_cancelled_one_is_not_the_first);
	tcase_add_test(tc, history_of_the_car);
	tcase_add_test(tc, a_car_s_history_help_names_its_keys);
	tcase_add_test(tc, f2_says_what_it_does_on_each_order);
	tcase_add_test(tc, f1_on_questions_and_dialogs_says_their_keys);
	tcase_add_test(tc, unknown_car_registers_owner);
	tcase_add_test(tc, finding_nobody_says_so_and_carries_the_mobile);
	tcase_add_test(tc, new_plate_asks_whether_the_car_was_re_registered);
	tcase_add_test(tc, mistyped_plate_is_corrected_on_the_order);
	tcase_add_test(tc, plate_of_another_car_is_refused_on_screen);
	tcase_add_test(tc, imported_order_with_another_plate_asked_at_completion);
	tcase_add_test(tc, a_damaged_file_is_said_not_shown_empty);
	tcase_add_test(tc, a_car_in_the_shop_offers_its_open_order);
	tcase_add_test(tc, reviving_beside_an_open_order_asks_first);
	tcase_add_test(tc, another_car_with_a_vin_on_file_names_its_owner);
	tcase_add_test(tc, completion_asks_when_the_car_was_finished);
	tcase_add_test(tc, an_order_opened_on_a_day_only_completes);
	tcase_add_test(tc, an_order_completed_on_a_day_only_keeps_its_note);
	tcase_add_test(tc, an_order_promised_on_a_day_only_saves_and_completes);
	tcase_add_test(tc, past_years_are_shown_with_their_year);
	tcase_add_test(tc, a_stray_value_at_completion_is_asked_as_completing);
	suite_add_tcase(s, tc);
	return s;
}
