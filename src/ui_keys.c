/* ui_keys — one table of bindings, and where keys come from.
 * The table is the single truth: dispatch, the hint line under each screen
 * and the F1 help screen are all generated from it, so they cannot drift. */
#include "desk4s/ui_keys.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "desk4s/auth.h"
#include "desk4s/text.h"
#include "desk4s/ui_screen.h"

#define CH OK
#define FK KEY_CODE_YES

/* the largest screen a key script may ask for (<Resize WxH>) */
enum { UIK_MAX_COLS = 480, UIK_MAX_LINES = 160 };

/* A row's text that is the dialog's own word (uik_set_act): 完工, 改期… */
#define ACT "\001"

/* request, scopes, kind, key, name shown (NULL: a silent alias), what it
 * does (help screen), the short form for the hint line (NULL: not there). */
#define UIK_BINDINGS(X) \
	/* a dialog of one field: first, so its Enter is its act, not a \
	 * sheet's 下一项; ACT is the dialog's own word (uik_set_act) */ \
	X(UIR_SAVE,   UIK_DLG1, CH, '\r',          "Enter",      ACT, ACT) \
	X(UIR_SAVE,   UIK_DLG1, FK, KEY_F(2),      "F2",         ACT, ACT) \
	X(UIR_SAVE,   UIK_DLG1, CH, 19,            "Ctrl-S",     ACT, NULL) \
	X(UIR_SAVE,   UIK_DLG1, CH, '\n',          NULL,         NULL, NULL) \
	X(UIR_SAVE,   UIK_DLG1, FK, KEY_ENTER,     NULL,         NULL, NULL) \
	X(UIR_BACK,   UIK_DLG1, CH, 27,            "Esc",        "取消：关闭本框返回，什么也不改（不询问）", "返回") \
	X(UIR_NEXT,   UIK_FORM, CH, '\t',          "Tab",        "下一项", "下一项") \
	X(UIR_NEXT,   UIK_FORM, CH, '\r',          "Enter",      "下一项", "下一项") \
	X(UIR_NEXT,   UIK_FORM, CH, '\n',          NULL,         NULL, NULL) \
	X(UIR_NEXT,   UIK_FORM, FK, KEY_ENTER,     NULL,         NULL, NULL) \
	X(UIR_PREV,   UIK_FORM, FK, KEY_BTAB,      "Shift-Tab",  "上一项", "上一项") \
	/* a read-only sheet moves between its fields as any sheet does (the \
	 * rows above dispatch there): its bar and F1 say so too */ \
	X(UIR_NEXT,   UIK_RONLY, CH, '\t',         "Tab",        "下一项", "下一项") \
	X(UIR_NEXT,   UIK_RONLY, CH, '\r',         "Enter",      "下一项", "下一项") \
	X(UIR_PREV,   UIK_RONLY, FK, KEY_BTAB,     "Shift-Tab",  "上一项", "上一项") \
	/* a small sheet of several fields: F2 does its act, Esc asks nothing */ \
	X(UIR_SAVE,   UIK_DLG,  FK, KEY_F(2),      "F2",         ACT, ACT) \
	X(UIR_SAVE,   UIK_DLG,  CH, 19,            "Ctrl-S",     ACT, ACT) \
	X(UIR_BACK,   UIK_DLG,  CH, 27,            "Esc",        "取消：关闭本框返回，什么也不改（不询问）", "返回") \
	/* a completed or cancelled order: only 备注 takes typing (the other \
	 * fields beep and say so); before the sheet's rows, which say more */ \
	X(UIR_CHOOSE, UIK_WODONE | UIK_WOVOID, CH, ' ', "Space",    "备注中：空格；其余各项不能修改", NULL) \
	X(UIR_LEFT,   UIK_WODONE | UIK_WOVOID, FK, KEY_LEFT,  "←",  "备注中：光标左移一个字", NULL) \
	X(UIR_RIGHT,  UIK_WODONE | UIK_WOVOID, FK, KEY_RIGHT, "→",  "备注中：光标右移一个字", NULL) \
	X(UIR_HOME,   UIK_WODONE | UIK_WOVOID, FK, KEY_HOME,  "Home", "备注中：到行首", NULL) \
	X(UIR_END,    UIK_WODONE | UIK_WOVOID, FK, KEY_END,   "End", "备注中：到行尾", NULL) \
	X(UIR_BS,     UIK_WODONE | UIK_WOVOID, FK, KEY_BACKSPACE, "Backspace", "备注中：删除前一个字", NULL) \
	X(UIR_DEL,    UIK_WODONE | UIK_WOVOID, FK, KEY_DC,    "Del", "备注中：删除光标处的字", NULL) \
	X(UIR_KILL,   UIK_WODONE | UIK_WOVOID, CH, 21,        "Ctrl-U", "备注中：删除光标前的全部内容（在行尾即清空备注）", NULL) \
	X(UIR_SAVE,   UIK_FORM, FK, KEY_F(2),      "F2",         "保存", "保存") \
	X(UIR_SAVE,   UIK_FORM, CH, 19,            "Ctrl-S",     "保存", "保存") \
	X(UIR_CHOOSE, UIK_FORM, CH, ' ',           "Space",      "勾选 / 打开选择列表（也可直接输入）", NULL) \
	X(UIR_RENAME, UIK_CUST, FK, KEY_F(3),      "F3",         "姓名修改申请（过户 / 工作失误）", "改名") \
	X(UIR_NEXTCAR, UIK_CUST, FK, KEY_F(7),     "F7",         "下一辆车（客户有多辆车时，本表依次显示各辆）", NULL) \
	/* a pick list, the lookup and 找车 before the keys all lists share: \
	 * their own word for a shared key is the one dispatched and said */ \
	X(UIR_OPEN,   UIK_PICK, CH, '\r',          "Enter",      "选定", "选定") \
	X(UIR_NEXT,   UIK_PICK, CH, '\t',          "Tab",        "已输入筛选或移动过选择：选定（登记表上并到下一项）；否则不选，到下一项", NULL) \
	X(UIR_BACK,   UIK_PICK, CH, 27,            "Esc",        "取消：关闭列表，本项不变", "取消") \
	X(UIR_BS,     UIK_PICK, FK, KEY_BACKSPACE, "Backspace",  "删除筛选的前一个字；筛选已空时关闭列表（省市区：回到上一级）", NULL) \
	X(UIR_SAVE,   UIK_PICKFORM, FK, KEY_F(2),  "F2",         "不保存：先 Enter 选定或 Esc 取消，再保存登记表", NULL) \
	X(UIR_SAVE,   UIK_PICKFORM, CH, 19,        "Ctrl-S",     "不保存：先 Enter 选定或 Esc 取消，再保存登记表", NULL) \
	/* over the due list: there is no sheet to save */ \
	X(UIR_SAVE,   UIK_PICK, FK, KEY_F(2),      "F2",         "不起作用：先 Enter 选定或 Esc 取消", NULL) \
	X(UIR_SAVE,   UIK_PICK, CH, 19,            "Ctrl-S",     "不起作用：先 Enter 选定或 Esc 取消", NULL) \
	/* the filter is what it edits, not a field */ \
	X(UIR_KILL,   UIK_PICK, CH, 21,            "Ctrl-U",     "清空筛选（光标不在末尾时：删除光标前的部分）", NULL) \
	X(UIR_OPEN,   UIK_LOOKPICK, CH, '\r',      "Enter",      "选定该客户", "选定") \
	X(UIR_NEW,    UIK_LOOKPICK, FK, KEY_F(4),  "F4",         "新建客户，保存后即选定（没有找到时，输入的内容带过去）", "新建客户") \
	X(UIR_OPEN,   UIK_LOOKUP, CH, '\r',        "Enter",      "打开客户档案", "打开") \
	X(UIR_NEW,    UIK_LOOKUP, FK, KEY_F(4),    "F4",         "新建客户（没有找到时，输入的内容带过去）", "新建客户") \
	X(UIR_OPEN,   UIK_CAR,  CH, '\r',          "Enter",      "为选中的车开单（车主还没有登记车辆的：先登记车辆）", "开单") \
	X(UIR_NEW,    UIK_CAR,  FK, KEY_F(4),      "F4",         "新客户：登记客户和车辆后开单（没有找到时，输入的内容带过去）", "新建客户") \
	X(UIR_OPEN,   UIK_MENU | UIK_LIST, CH, '\r', "Enter",    "打开 / 选定", "打开") \
	X(UIR_OPEN,   UIK_MENU | UIK_LIST, CH, '\n', NULL,       NULL, NULL) \
	X(UIR_OPEN,   UIK_MENU | UIK_LIST, FK, KEY_ENTER, NULL,  NULL, NULL) \
	X(UIR_UP,     UIK_MENU | UIK_FORM | UIK_LIST | UIK_RONLY, FK, KEY_UP,   "↑",  "上移", NULL) \
	X(UIR_DOWN,   UIK_MENU | UIK_FORM | UIK_LIST | UIK_RONLY, FK, KEY_DOWN, "↓",  "下移", NULL) \
	X(UIR_PGUP,   UIK_FORM | UIK_LIST | UIK_RONLY, FK, KEY_PPAGE, "PgUp",  "上一页", NULL) \
	X(UIR_PGDN,   UIK_FORM | UIK_LIST | UIK_RONLY, FK, KEY_NPAGE, "PgDn",  "下一页", NULL) \
	X(UIR_LEFT,   UIK_FORM | UIK_LIST | UIK_DLG1, FK, KEY_LEFT,  "←",     "光标左移一个字", NULL) \
	X(UIR_RIGHT,  UIK_FORM | UIK_LIST | UIK_DLG1, FK, KEY_RIGHT, "→",     "光标右移一个字", NULL) \
	X(UIR_HOME,   UIK_FORM | UIK_LIST | UIK_DLG1, FK, KEY_HOME,  "Home",  "到行首", NULL) \
	X(UIR_HOME,   UIK_FORM | UIK_LIST | UIK_DLG1, CH, 1,         NULL,    NULL, NULL) \
	X(UIR_END,    UIK_FORM | UIK_LIST | UIK_DLG1, FK, KEY_END,   "End",   "到行尾", NULL) \
	X(UIR_END,    UIK_FORM | UIK_LIST | UIK_DLG1, CH, 5,         NULL,    NULL, NULL) \
	X(UIR_BS,     UIK_FORM | UIK_LIST | UIK_DLG1, FK, KEY_BACKSPACE, "Backspace", "删除前一个字", NULL) \
	X(UIR_BS,     UIK_FORM | UIK_LIST | UIK_DLG1, CH, 127,       NULL,    NULL, NULL) \
	X(UIR_BS,     UIK_FORM | UIK_LIST | UIK_DLG1, CH, 8,         NULL,    NULL, NULL) \
	X(UIR_DEL,    UIK_FORM | UIK_LIST | UIK_DLG1, FK, KEY_DC,    "Del",   "删除光标处的字", NULL) \
	X(UIR_KILL,   UIK_FORM | UIK_LIST | UIK_DLG1, CH, 21,        "Ctrl-U", "删除光标前的全部内容（在行尾即清空本项）", NULL) \
	X(UIR_BACK,   UIK_FORM | UIK_LIST, CH, 27,        "Esc",   "返回上一画面（有未保存的修改时先询问）", "返回") \
	/* the visit log and A-cards: their own rows, so each screen's hint line \
	 * names its own keys and stays within 80 columns */ \
	/* before the lists' Enter, so the overview's help says what it does \
	 * on the grid (the rows after it dispatch the same request) */ \
	X(UIR_OPEN,   UIK_AGRID, CH, '\r',          "Enter",      "统计表中：到该格的 A卡列表；列表中：打开 A卡", "打开") \
	X(UIR_OPEN,   UIK_VLIST | UIK_ALIST | UIK_CLIST, CH, '\r', "Enter",  "打开", "打开") \
	X(UIR_OPEN,   UIK_VLIST | UIK_ALIST | UIK_CLIST, CH, '\n', NULL,     NULL, NULL) \
	X(UIR_OPEN,   UIK_VLIST | UIK_ALIST | UIK_CLIST, FK, KEY_ENTER, NULL, NULL, NULL) \
	X(UIR_SAVE,   UIK_VSHEET | UIK_ASHEET | UIK_CSHEET, FK, KEY_F(2), "F2", "保存", "保存") \
	X(UIR_CHOOSE, UIK_VSHEET, CH, ' ',         "Space",      "勾选（来电或到店、试驾与否）/ 打开选择列表（信息来源、销售顾问）", "选择") \
	X(UIR_NEW,    UIK_VLIST, FK, KEY_F(4),     "F4",         "新的来店 / 来电登记", "新登记") \
	X(UIR_NEW,    UIK_ALIST, FK, KEY_F(4),     "F4",         "新建 A卡", "新建A卡") \
	X(UIR_NEW,    UIK_CLIST, FK, KEY_F(4),     "F4",         "登记新投诉（先找客户）", "新投诉") \
	X(UIR_COMPLETE, UIK_CSHEET, FK, KEY_F(5),  "F5",         "处理完毕：记下处理人、处理时间、处理结果（7 天内回访）", "处理完毕") \
	/* on a call's sheet F5 ends the call: the row before is the one shown */ \
	X(UIR_LEAVE,  UIK_VCALL, FK, KEY_F(5),    "F5",         "结束：记下来电结束时间（现在）", "结束") \
	X(UIR_LEAVE,  UIK_VLIST | UIK_VSHEET, FK, KEY_F(5), "F5", "离店：记下离店时间（现在）", "离店") \
	X(UIR_TOCARD, UIK_VLIST | UIK_VSHEET, FK, KEY_F(6), "F6", "转为 A卡（带出登记的内容）", "转A卡") \
	X(UIR_LEFT,   UIK_VLIST, FK, KEY_LEFT,     "←",          "前一天的登记", "前一天") \
	X(UIR_RIGHT,  UIK_VLIST, FK, KEY_RIGHT,    "→",          "后一天的登记（最多到今天）", "后一天") \
	X(UIR_FOLLOWUP, UIK_ASHEET, FK, KEY_F(5),  "F5",         "添加访问记录", "访问记录") \
	X(UIR_WON,    UIK_ASHEET, FK, KEY_F(6),    "F6",         "成交：结束 A卡，建客户档案（经潜客编号带出资料）", "成交") \
	X(UIR_LOST,   UIK_ASHEET, FK, KEY_F(7),    "F7",         "战败（须写明原因）；已战败的 A卡：客户又有意向时重新激活", "战败") \
	X(UIR_WON,    UIK_AWON, FK, KEY_F(6),      "F6",         "打开这张 A卡成交后建的客户档案（交车时补全建档）", "客户档案") \
	X(UIR_LOST,   UIK_ALOST, FK, KEY_F(7),     "F7",         "重新激活：客户又有购车意向时继续跟进（须写明原因）", "重新激活") \
	X(UIR_REVIEW, UIK_AREVIEW, FK, KEY_F(8), "F8", "主管审核签字", "审核") \
	X(UIR_NEXT,   UIK_AGRID, CH, '\t',         "Tab",        "切换：统计表 / A卡列表", "切换") \
	X(UIR_LEFT,   UIK_AGRID, FK, KEY_LEFT,     "←",          "统计表：上一个意向级别", NULL) \
	X(UIR_RIGHT,  UIK_AGRID, FK, KEY_RIGHT,    "→",          "统计表：下一个意向级别", NULL) \
	/* on the grid ↑ ↓ Home End go from consultant to consultant (its \
	 * first row is 全部); on the list under it they move as on any list */ \
	X(UIR_UP,     UIK_AGRID, FK, KEY_UP,       "↑",          "统计表中：上一位销售顾问；列表中：上移", NULL) \
	X(UIR_DOWN,   UIK_AGRID, FK, KEY_DOWN,     "↓",          "统计表中：下一位销售顾问；列表中：下移", NULL) \
	X(UIR_HOME,   UIK_AGRID, FK, KEY_HOME,     "Home",       "统计表中：到第一行（全部）；列表中：到第一条", NULL) \
	X(UIR_END,    UIK_AGRID, FK, KEY_END,      "End",        "统计表中：到最后一位销售顾问；列表中：到最后一条", NULL) \
	X(UIR_PGUP,   UIK_AGRID, FK, KEY_PPAGE,    "PgUp",       "统计表中：上一页销售顾问；列表中：上一页", NULL) \
	X(UIR_PGDN,   UIK_AGRID, FK, KEY_NPAGE,    "PgDn",       "统计表中：下一页销售顾问；列表中：下一页", NULL) \
	/* before the toggles' first words: in the view they lead to, the way back */ \
	X(UIR_AWAITING, UIK_AWAIT, FK, KEY_F(7),   "F7",         "回到全部 A卡", "全部A卡") \
	X(UIR_CLOSED, UIK_AENDED, FK, KEY_F(8),    "F8",         "回到跟进中的 A卡", "跟进中") \
	X(UIR_AWAITING, UIK_AMGR, FK, KEY_F(7),    "F7",         "待审核的 A卡 / 全部 A卡", "待审核") \
	X(UIR_CLOSED, UIK_ALIST, FK, KEY_F(8),     "F8",         "切换：已结束的 A卡（成交、战败）/ 跟进中的 A卡", "已结束") \
	X(UIR_UP,     UIK_VLIST | UIK_ALIST | UIK_CLIST, FK, KEY_UP,    "↑",    "上移", NULL) \
	X(UIR_DOWN,   UIK_VLIST | UIK_ALIST | UIK_CLIST, FK, KEY_DOWN,  "↓",    "下移", NULL) \
	X(UIR_PGUP,   UIK_VLIST | UIK_ALIST | UIK_CLIST, FK, KEY_PPAGE, "PgUp", "上一页", NULL) \
	X(UIR_PGDN,   UIK_VLIST | UIK_ALIST | UIK_CLIST, FK, KEY_NPAGE, "PgDn", "下一页", NULL) \
	X(UIR_HOME,   UIK_VLIST | UIK_ALIST | UIK_CLIST, FK, KEY_HOME,  "Home", "到第一条", NULL) \
	X(UIR_END,    UIK_VLIST | UIK_ALIST | UIK_CLIST, FK, KEY_END,   "End",  "到最后一条", NULL) \
	X(UIR_BACK,   UIK_VLIST | UIK_ALIST | UIK_VSHEET | UIK_ASHEET | UIK_AWON | UIK_ALOST | UIK_CLIST | UIK_CSHEET | UIK_CDONE | UIK_RONLY, CH, 27, "Esc", "返回上一画面", "返回") \
	/* the login screen, the usage log and the permissions table */ \
	X(UIR_NEXT,   UIK_LOGIN | UIK_AUDIT, CH, '\t', "Tab",      "下一项", "下一项") \
	/* on the login screen ↑ ↓ move between its fields as Tab does */ \
	X(UIR_NEXT,   UIK_LOGIN, FK, KEY_DOWN,     "↓",          "下一项", NULL) \
	X(UIR_PREV,   UIK_LOGIN | UIK_AUDIT, FK, KEY_BTAB, "Shift-Tab", "上一项", NULL) \
	X(UIR_PREV,   UIK_LOGIN, FK, KEY_UP,       "↑",          "上一项", NULL) \
	/* the first start creates the first 管理员 account (and logs it in) */ \
	X(UIR_OPEN,   UIK_FIRST, CH, '\r',         "Enter",      "首次启动，在最后一项：创建管理员账号并登录；否则到下一项", "创建账号") \
	X(UIR_OPEN,   UIK_LOGIN, CH, '\r',         "Enter",      "在最后一项：登录；否则到下一项", "登录") \
	X(UIR_OPEN,   UIK_LOGIN, CH, '\n',         NULL,         NULL, NULL) \
	X(UIR_OPEN,   UIK_LOGIN, FK, KEY_ENTER,    NULL,         NULL, NULL) \
	X(UIR_QUIT,   UIK_LOGIN, FK, KEY_F(10),    "F10",        "退出程序", "退出") \
	X(UIR_OPEN,   UIK_AUDIT, CH, '\r',         "Enter",      "在筛选项：查询；在列表：显示整条记录", "查询/详情") \
	X(UIR_OPEN,   UIK_AUDIT, CH, '\n',         NULL,         NULL, NULL) \
	X(UIR_OPEN,   UIK_AUDIT, FK, KEY_ENTER,    NULL,         NULL, NULL) \
	X(UIR_PGUP,   UIK_AUDIT, FK, KEY_PPAGE,    "PgUp",       "上一页", "上页") \
	X(UIR_PGDN,   UIK_AUDIT, FK, KEY_NPAGE,    "PgDn",       "下一页", "下页") \
	X(UIR_UP,     UIK_AUDIT | UIK_PERMS, FK, KEY_UP,   "↑", "上移", NULL) \
	X(UIR_DOWN,   UIK_AUDIT | UIK_PERMS, FK, KEY_DOWN, "↓", "下移", NULL) \
	X(UIR_BACK,   UIK_AUDIT | UIK_PERMS, CH, 27, "Esc",      "返回上一画面", "返回") \
	/* the entries of the login screen and the log's filter: they edit \
	 * with the lookup's keys (uik_request with UIK_LIST), said here so \
	 * that their bar and help name them */ \
	X(UIR_LEFT,   UIK_LOGIN | UIK_AUDIT, FK, KEY_LEFT,  "←",     "光标左移一个字", NULL) \
	X(UIR_RIGHT,  UIK_LOGIN | UIK_AUDIT, FK, KEY_RIGHT, "→",     "光标右移一个字", NULL) \
	X(UIR_HOME,   UIK_LOGIN | UIK_AUDIT, FK, KEY_HOME,  "Home",  "到行首", NULL) \
	X(UIR_END,    UIK_LOGIN | UIK_AUDIT, FK, KEY_END,   "End",   "到行尾", NULL) \
	X(UIR_BS,     UIK_LOGIN | UIK_AUDIT, FK, KEY_BACKSPACE, "Backspace", "删除前一个字", NULL) \
	X(UIR_DEL,    UIK_LOGIN | UIK_AUDIT, FK, KEY_DC,    "Del",   "删除光标处的字", NULL) \
	X(UIR_KILL,   UIK_LOGIN | UIK_AUDIT, CH, 21,        "Ctrl-U", "删除光标前的全部内容（在行尾即清空本项）", NULL) \
	X(UIR_QUIT,   UIK_MENU, CH, 'q',           "q",          "退出程序", "退出") \
	X(UIR_QUIT,   UIK_MENU, FK, KEY_F(10),     "F10",        "退出程序", "退出") \
	/* a question's answers are its own letters (uik_ask_help_lines) */ \
	X(UIR_BACK,   UIK_ASK,  CH, 27,            "Esc",        "不作选择，关闭问题（问题框未写明 Esc 的：同 N）", NULL) \
	X(UIR_HELP,   UIK_ALL,  FK, KEY_F(1),      "F1",         "帮助（本页）", "帮助") \
	X(UIR_REDRAW, UIK_ALL,  CH, 12,            "Ctrl-L",     "重画屏幕", NULL) \
	X(UIR_OPEN,   UIK_WO | UIK_WOHIST, CH, '\r', "Enter",    "打开工单", "打开") \
	X(UIR_OPEN,   UIK_WO | UIK_WOHIST, CH, '\n', NULL,       NULL, NULL) \
	X(UIR_OPEN,   UIK_WO | UIK_WOHIST, FK, KEY_ENTER, NULL,  NULL, NULL) \
	X(UIR_NEW,    UIK_WO,   FK, KEY_F(4),      "F4",         "开新工单（按车牌、VIN、手机或姓名找车）", "开单") \
	X(UIR_NEXT,   UIK_WO,   CH, '\t',          "Tab",        "切换：在修 / 今日完工", "切换") \
	X(UIR_ADDCAR, UIK_CAR,  FK, KEY_F(5),      "F5",         "为选中的车主登记另一辆车", "另一辆车") \
	/* what F2 (and Ctrl-S, a sheet's) does on the order as it stands: a \
	 * completed or cancelled one keeps only its note */ \
	X(UIR_SAVE,   UIK_WONEW, FK, KEY_F(2),     "F2",         "开单（新工单）", "开单") \
	X(UIR_SAVE,   UIK_WONEW, CH, 19,           "Ctrl-S",     "开单（新工单）", NULL) \
	X(UIR_SAVE,   UIK_WOOPEN, FK, KEY_F(2),    "F2",         "保存修改（在修的工单）", "保存") \
	X(UIR_SAVE,   UIK_WOOPEN, CH, 19,          "Ctrl-S",     "保存修改（在修的工单）", NULL) \
	X(UIR_SAVE,   UIK_WODONE | UIK_WOVOID, FK, KEY_F(2), "F2", "保存备注（已完工、已取消的工单只能改备注）", "保存备注") \
	X(UIR_SAVE,   UIK_WODONE | UIK_WOVOID, CH, 19, "Ctrl-S",   "保存备注（已完工、已取消的工单只能改备注）", NULL) \
	X(UIR_COMPLETE, UIK_WOOPEN, FK, KEY_F(5),  "F5",         "完工（先提醒仍为空的重要项目）", "完工") \
	X(UIR_CANCEL, UIK_WOOPEN, FK, KEY_F(6),    "F6",         "取消工单（须写明原因）", "取消工单") \
	X(UIR_HISTORY, UIK_WOSHEET, FK, KEY_F(7),  "F7",         "该车的历史工单", "历史") \
	X(UIR_REOPEN, UIK_WODONE, FK, KEY_F(8),    "F8",         "重新打开已完工的工单（返修），须写明返修原因", "返修") \
	X(UIR_REOPEN, UIK_WOVOID, FK, KEY_F(8),    "F8",         "取消错了：恢复为在修，须写明恢复原因", "恢复在修") \
	X(UIR_BACK,   UIK_WOSHEET, CH, 27,         "Esc",        "返回（有未保存的修改时先询问）", "返回") \
	X(UIR_NEXT,   UIK_DUE,  CH, '\t',          "Tab",        "下一个筛选项 / 清单", "筛选") \
	X(UIR_PREV,   UIK_DUE,  FK, KEY_BTAB,      "Shift-Tab",  "上一个筛选项", NULL) \
	X(UIR_OPEN,   UIK_DUETASK, CH, '\r',       "Enter",      "清单中：记录回访结果（已联系 / 未接通 / 拒绝）；筛选项上：到清单，类型、负责人：打开选择列表", "处理") \
	X(UIR_OPEN,   UIK_DUETASK, CH, '\n',       NULL,         NULL, NULL) \
	X(UIR_OPEN,   UIK_DUETASK, FK, KEY_ENTER,  NULL,         NULL, NULL) \
	X(UIR_RESCHEDULE, UIK_DUETASK, FK, KEY_F(5), "F5",         "改期", "改期") \
	X(UIR_STOP,   UIK_DUETASK, FK, KEY_F(6),   "F6",         "不再提醒该客户此类回访（须写明原因）", "停止提醒") \
	X(UIR_CHOOSE, UIK_DUE,  CH, ' ',           "Space",      "选择类型 / 负责人", NULL) \
	/* Enter where the session may not work the task (the bar without \
	 * UIK_DUETASK): on a filter it still goes to the list */ \
	X(UIR_OPEN,   UIK_DUE,  CH, '\r',          "Enter",      "筛选项上：到清单，类型、负责人：打开选择列表（别人负责的回访不能处理）", NULL) \
	/* the filter's dates edit as a sheet's fields do (ui_due asks \
	 * UIK_FORM); on 类型 and 负责人 the deleting keys set 全部 again */ \
	X(UIR_LEFT,   UIK_DUE,  FK, KEY_LEFT,      "←",          "日期栏：光标左移一个字", NULL) \
	X(UIR_RIGHT,  UIK_DUE,  FK, KEY_RIGHT,     "→",          "日期栏：光标右移一个字", NULL) \
	X(UIR_BS,     UIK_DUE,  FK, KEY_BACKSPACE, "Backspace",  "日期栏：删除前一个字；类型、负责人：改回“全部”", NULL) \
	X(UIR_DEL,    UIK_DUE,  FK, KEY_DC,        "Del",        "日期栏：删除光标处的字；类型、负责人：改回“全部”", NULL) \
	X(UIR_KILL,   UIK_DUE,  CH, 21,            "Ctrl-U",     "日期栏：删除光标前的全部内容；类型、负责人：改回“全部”", NULL) \
	/* on a filter ↑ goes back a filter (from 从 round to the list) and ↓ \
	 * into the list, as Shift-Tab and Enter do (ui_due filter_key) */ \
	X(UIR_UP,     UIK_DUE,  FK, KEY_UP,        "↑",          "清单中：上移；筛选项上：到上一个筛选项（在“从”上：到清单）", NULL) \
	X(UIR_DOWN,   UIK_DUE,  FK, KEY_DOWN,      "↓",          "清单中：下移；筛选项上：到清单", NULL) \
	X(UIR_UP,     UIK_WO | UIK_WOHIST, FK, KEY_UP,   "↑",     "上移", NULL) \
	X(UIR_DOWN,   UIK_WO | UIK_WOHIST, FK, KEY_DOWN, "↓",     "下移", NULL) \
	X(UIR_PGUP,   UIK_WO | UIK_WOHIST | UIK_DUE, FK, KEY_PPAGE, "PgUp", "上一页", NULL) \
	X(UIR_PGDN,   UIK_WO | UIK_WOHIST | UIK_DUE, FK, KEY_NPAGE, "PgDn", "下一页", NULL) \
	X(UIR_HOME,   UIK_WO | UIK_WOHIST, FK, KEY_HOME, "Home",  "到第一条", NULL) \
	X(UIR_END,    UIK_WO | UIK_WOHIST, FK, KEY_END,  "End",   "到最后一条", NULL) \
	X(UIR_HOME,   UIK_DUE,  FK, KEY_HOME,      "Home",       "清单中：到第一条；日期栏：到行首", NULL) \
	X(UIR_END,    UIK_DUE,  FK, KEY_END,       "End",        "清单中：到最后一条；日期栏：到行尾", NULL) \
	X(UIR_BACK,   UIK_WO | UIK_WOHIST | UIK_DUE, CH, 27, "Esc", "返回上一画面", "返回") \
	X(UIR_OPEN,   UIK_DRAFTS, CH, '\r',         "Enter",      "恢复：打开登记表，核对后按 F2 保存", "恢复") \
	X(UIR_OPEN,   UIK_DRAFTS, CH, '\n',         NULL,         NULL, NULL) \
	X(UIR_OPEN,   UIK_DRAFTS, FK, KEY_ENTER,    NULL,         NULL, NULL) \
	X(UIR_DEL,    UIK_DRAFTS, FK, KEY_DC,       "Del",        "放弃这份草稿（先询问）", "放弃") \
	X(UIR_BACK,   UIK_DRAFTS, CH, 27,           "Esc",        "稍后处理：进入主菜单，下次登录再提示", "稍后") \
	X(UIR_UP,     UIK_DRAFTS, FK, KEY_UP,       "↑",          "上移", NULL) \
	X(UIR_DOWN,   UIK_DRAFTS, FK, KEY_DOWN,     "↓",          "下移", NULL)

struct binding {
	enum uik_req req;
	uik_scopes scopes;
	int kind;
	wint_t key;
	const char *name, *desc, *hint;
};

#define ROW(r, s, k, c, n, d, h) {r, s, k, (wint_t)(c), n, d, h},
static const struct binding bindings[] = { UIK_BINDINGS(ROW) };
#undef ROW
#define NB (sizeof bindings / sizeof bindings[0])

static const char *g_act; /* the dialog in front's word; NULL: 保存 */

const char *uik_set_act(const char *word)
{
	const char *was = g_act;
	g_act = word;
	return was;
}

/* A row's text as said on the screen in front: ACT is its dialog's word. */
static const char *said(const char *s)
{
	return s && strcmp(s, ACT) == 0 ? (g_act ? g_act : "保存") : s;
}

/* The same in the list of every screen's keys, where no one dialog is in front. */
static const char *said_all(const char *s)
{
	return s && strcmp(s, ACT) == 0 ? "确认：本框的提示行写明做什么（完工、改期、保存……）" : s;
}

/* The requests whose action not every role that opens the screen may
 * take: the permission the screen checks when the key is pressed
 * (uia_require, which refuses naming it).  Keyed by request, not by key:
 * the permission belongs to the action, whichever key asks for it.  The
 * rest need only what opening their screen needed (查看, 新建, 修改: every
 * desk role holds them). */
static const struct { enum uik_req req; enum auth_perm perm; } needs[] = {
	{UIR_RENAME, AUTH_APPROVE_RENAME}, /* F3 改名 on the customer sheet */
	{UIR_REVIEW, AUTH_REVIEW_ACARD},   /* F8 审核 on an A-card */
};

/* The permission r needs, or -1. */
static int need_of(enum uik_req r)
{
	for (size_t i = 0; i < sizeof needs / sizeof needs[0]; i++)
		if (needs[i].req == r) return (int)needs[i].perm;
	return -1;
}

int uik_may(enum uik_req r, int role)
{
	int p = need_of(r);
	return role == UIK_NOBODY || p < 0 || auth_can((enum auth_role)role, (enum auth_perm)p);
}

enum uik_req uik_request(uik_scopes scopes, const struct uik_key *k)
{
	scopes |= UIK_ALL;
	for (size_t i = 0; i < NB; i++)
		if ((bindings[i].scopes & scopes) && bindings[i].kind == k->kind &&
		    bindings[i].key == k->ch)
			return bindings[i].req;
	return UIR_NONE;
}

/* Append "name1/name2 desc" for each request in scope, joining the names of
 * consecutive bindings of one request. */
static size_t append(char *out, size_t outsz, size_t at, const char *s)
{
	size_t n = strlen(s);
	if (at + n + 1 > outsz) return at;
	memcpy(out + at, s, n + 1);
	return at + n;
}

/* A binding an earlier one in scope takes the key from: uik_request never
 * reaches it, so the hints leave it out. */
static int shadowed(size_t i, uik_scopes scopes)
{
	for (size_t j = 0; j < i; j++)
		if ((bindings[j].scopes & scopes) && bindings[j].kind == bindings[i].kind &&
		    bindings[j].key == bindings[i].key)
			return 1;
	return 0;
}

/* Binding i is in the hint line for the scopes and the role. */
static int hinted(size_t i, uik_scopes scopes, int role)
{
	const struct binding *b = &bindings[i];
	return b->hint && b->name && (b->scopes & scopes) && !shadowed(i, scopes) && uik_may(b->req, role);
}

void uik_hints(uik_scopes scopes, int role, char *out, size_t outsz)
{
	size_t at = 0;
	out[0] = 0;
	scopes |= UIK_ALL;
	for (size_t i = 0; i < NB; i++) {
		const struct binding *b = &bindings[i];
		if (!hinted(i, scopes, role)) continue;
		int joined = i > 0 && bindings[i - 1].req == b->req && hinted(i - 1, scopes, role);
		if (joined) {
			/* rewrite "prev desc" as "prev/this desc" */
			char *sp = strrchr(out, ' ');
			if (sp) at = (size_t)(sp - out), out[at] = 0;
			at = append(out, outsz, at, "/");
		} else if (at) {
			at = append(out, outsz, at, "  ");
		}
		at = append(out, outsz, at, b->name);
		at = append(out, outsz, at, " ");
		at = append(out, outsz, at, said(b->hint));
	}
}

/* What opening a screen needs, by the scope its keys carry: 查看 unless
 * listed (every other screen shows customer data), as the main menu and
 * the screens ask (ui_menu.c, uiac_run_manager, uiau_run_log).  The
 * all-keys list leaves out what the role cannot open: a 管理员 reads no
 * sheet's keys, a 销售顾问 not the overview's. */
static const struct { uik_scopes scopes; int perm; } opens[] = {
	{UIK_ALL | UIK_MENU | UIK_LOGIN | UIK_FIRST | UIK_PERMS | UIK_ASK, -1},
	{UIK_AUDIT, AUTH_READ_LOG},
	{UIK_AMGR | UIK_AGRID | UIK_AWAIT, AUTH_ALL_ACARDS},
};

/* The permission opening the screen of scope bit needs, or -1. */
static int open_need(uik_scopes bit)
{
	for (size_t i = 0; i < sizeof opens / sizeof opens[0]; i++)
		if (opens[i].scopes & bit) return opens[i].perm;
	return AUTH_VIEW;
}

/* The scope bits of the screens role may open (all before a login). */
static uik_scopes openable(int role)
{
	uik_scopes m = 0;
	for (uik_scopes bit = 1; bit; bit <<= 1) {
		int p = open_need(bit);
		if (role == UIK_NOBODY || p < 0 || auth_can((enum auth_role)role, (enum auth_perm)p)) m |= bit;
	}
	return m;
}

/* title: the group's heading; screen: what the main menu calls the screen
 * (NULL for keys that belong to no one screen), to say which are left out. */
static const struct { uik_scopes scope; const char *title, *screen; } groups[] = {
	{UIK_ALL, "【所有画面】", NULL},
	{UIK_MENU, "【主菜单】  也可直接按菜单项前的数字", NULL},
	{UIK_FORM, "【登记表】  选择项：Space 切换，或输入选项的首字 / 序号", NULL},
	{UIK_CUST, "【客户档案登记表】", "客户档案"},
	{UIK_LIST, "【查找列表与选择列表】  输入汉字或数字即时筛选", "查找客户"},
	{UIK_LOOKUP, "【查找客户】  也可用查找列表的按键", "查找客户"},
	{UIK_LOOKPICK, "【查找并选定客户（如登记投诉时）】  其余同查找客户", "查找客户"},
	{UIK_PICK | UIK_PICKFORM, "【选择列表】  登记表的选择项、省市区、销售顾问，回访清单的类型、负责人；也可用查找列表的按键", NULL},
	{UIK_VLIST, "【来店(电)登记：一天的列表，打开时为今天】", "来店来电登记"},
	{UIK_VSHEET, "【来店(电)登记表】  也可用登记表的按键", "来店来电登记"},
	{UIK_VCALL, "【来电的登记表】  其余同来店(电)登记表", "来店来电登记"},
	{UIK_ALIST, "【A卡列表】", "A卡跟进"},
	{UIK_AMGR, "【A卡总览（经理）】  也可用 A卡列表的按键", "A卡总览"},
	{UIK_AGRID, "【A卡总览的统计表】  待审核、已结束的列表中没有统计表", "A卡总览"},
	{UIK_AWAIT | UIK_AENDED, "【A卡列表：待审核、已结束】  其余同 A卡列表", "A卡跟进"},
	{UIK_ASHEET | UIK_AREVIEW, "【A卡】  也可用登记表的按键", "A卡跟进"},
	{UIK_AWON | UIK_AREVIEW, "【已成交的 A卡】  只读", "A卡跟进"},
	{UIK_ALOST | UIK_AREVIEW, "【已战败的 A卡】  只读", "A卡跟进"},
	{UIK_RONLY, "【只读的登记表】  已结束的 A卡、别人跟进的 A卡、处理完毕的投诉：只能查看", NULL},
	{UIK_CLIST, "【客户投诉】  未处理的在前（最早受理的在上），其后为近 30 天处理完毕的", "客户投诉"},
	{UIK_CSHEET, "【客户投诉记录】  也可用登记表的按键；处理完毕后 7 天内回访，记入回访到期清单", "客户投诉"},
	{UIK_WO, "【维修工单列表】", "维修工单"},
	{UIK_WOHIST, "【该车的历史工单】  维修工单上按 F7", "维修工单"},
	{UIK_CAR, "【找车开单】  也可用查找列表的按键", "维修工单"},
	{UIK_WOSHEET | UIK_WONEW | UIK_WOOPEN, "【维修工单】  也可用登记表的按键", "维修工单"},
	{UIK_WODONE, "【已完工的工单】  只能修改备注", "维修工单"},
	{UIK_WOVOID, "【已取消的工单】  只能修改备注", "维修工单"},
	{UIK_DUE | UIK_DUETASK, "【回访到期清单】  日期栏可直接输入；顾问只能处理自己负责的回访", "回访到期清单"},
	{UIK_LOGIN | UIK_FIRST, "【登录】  密码只显示为 *；首次启动时创建管理员账号", NULL},
	{UIK_DLG1, "【一项的小窗口】  写原因、完工时间、改期日期：Enter 即确认", NULL},
	{UIK_DLG, "【多项的小窗口】  如记录回访结果、停止提醒；也可用登记表的按键", NULL},
	{UIK_ASK, "【问题框】  按框底行列出的字母键作答，大小写均可；Enter 不起作用", NULL},
	{UIK_AUDIT, "【使用日志】  筛选栏可直接输入，只能查看，不能修改", "使用日志"},
	{UIK_PERMS, "【权限表】", "权限表"},
	{UIK_DRAFTS, "【未保存的草稿】  上次断线时未保存的登记表，登录后列出", "未保存的草稿"},
};

/* A group's heading when the role opens only the part sc of its screens,
 * so that it names none left out (a 销售顾问 has 已结束, not the
 * overview's 待审核). */
static const struct { uik_scopes scope; const char *title; } parts[] = {
	{UIK_AENDED, "【A卡列表：已结束】  其余同 A卡列表"},
};

static const char *group_title(size_t g, uik_scopes sc)
{
	if (sc != groups[g].scope)
		for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
			if (parts[i].scope == sc) return parts[i].title;
	return groups[g].title;
}

/* One line naming the keys the role may not use (hidden), each with the
 * permission it needs, after lead: a professional at the desk should know
 * the key exists and who may press it, not find it silently missing.
 * NULL when none is hidden. */
static char *left_out_line(const char *lead, const unsigned char *hidden)
{
	char buf[512];
	size_t at = append(buf, sizeof buf, 0, lead);
	int any = 0;
	for (size_t i = 0; i < NB; i++) {
		const struct binding *b = &bindings[i];
		if (!hidden[i] || !b->name) continue;
		char item[160];
		snprintf(item, sizeof item, "%s%s %s，需“%s”权限", any ? "；" : "", b->name, b->hint ? b->hint : b->desc,
		         auth_perm_name((enum auth_perm)need_of(b->req)));
		at = append(buf, sizeof buf, at, item);
		any = 1;
	}
	append(buf, sizeof buf, at, "）");
	return any ? strdup(buf) : NULL;
}

/* One line naming the screens the role may not open, by the permission
 * each needs, after lead: their keys are left out of the list, and staff
 * should know why a screen's keys are missing.  NULL when none is. */
static char *closed_line(const char *lead, int role, uik_scopes may_open)
{
	char buf[1024];
	const char *named[sizeof groups / sizeof groups[0]];
	size_t nnamed = 0, at = append(buf, sizeof buf, 0, lead);
	if (role == UIK_NOBODY) return NULL;
	for (int p = 0; p < AUTH_NPERMS; p++) {
		if (auth_can((enum auth_role)role, (enum auth_perm)p)) continue;
		int any = 0;
		for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
			uik_scopes sc = groups[g].scope;
			if (!groups[g].screen || (sc & may_open)) continue; /* no screen of its own, or listed */
			int wants = 0;
			for (uik_scopes bit = 1; bit; bit <<= 1) wants |= (sc & bit) && open_need(bit) == p;
			int said = 0;
			for (size_t k = 0; k < nnamed; k++) said |= strcmp(named[k], groups[g].screen) == 0;
			if (!wants || said) continue;
			at = append(buf, sizeof buf, at, any ? "、" : nnamed ? "；" : "");
			at = append(buf, sizeof buf, at, groups[g].screen);
			named[nnamed++] = groups[g].screen;
			any = 1;
		}
		if (!any) continue;
		char item[96];
		snprintf(item, sizeof item, "，需“%s”权限", auth_perm_name((enum auth_perm)p));
		at = append(buf, sizeof buf, at, item);
	}
	append(buf, sizeof buf, at, "）");
	return nnamed ? strdup(buf) : NULL;
}

int uik_help_lines(int role, char **lines, int max)
{
	int n = 0;
	char buf[256];
	uik_scopes may_open = openable(role);
	unsigned char hidden[NB] = {0};
	/* a key on no screen the role opens is not its to be told about */
	for (size_t i = 0; i < NB; i++)
		hidden[i] = bindings[i].name && (bindings[i].scopes & may_open) && !uik_may(bindings[i].req, role);
	char *closed = closed_line("（本角色无权打开的画面，以下未列出：", role, may_open);
	if (closed && n < max) lines[n++] = closed;
	else free(closed);
	char *note = left_out_line("（本角色无权使用，以下未列出：", hidden);
	if (note && n < max) lines[n++] = note;
	else free(note);
	for (size_t g = 0; g < sizeof groups / sizeof groups[0] && n < max; g++) {
		/* the part of the group the role may open (待审核 of the
		 * 待审核 / 已结束 views is the overview's) */
		uik_scopes sc = groups[g].scope & may_open;
		if (!sc) continue;
		if (n && n < max) lines[n++] = strdup("");
		if (n < max) lines[n++] = strdup(group_title(g, sc));
		for (size_t i = 0; i < NB && n < max; i++) {
			const struct binding *b = &bindings[i];
			if (!b->name || !(b->scopes & sc) || hidden[i]) continue;
			/* keys of one request join only when they do the same: a
			 * new order's F2 开单 is not an open one's F2 保存 */
			if (i > 0 && bindings[i - 1].req == b->req && bindings[i - 1].name &&
			    (bindings[i - 1].scopes & sc) && !hidden[i - 1] && strcmp(bindings[i - 1].desc, b->desc) == 0)
				continue; /* already listed with the first of its keys */
			char names[96] = "";
			size_t at = 0;
			for (size_t j = i; j < NB && bindings[j].req == b->req; j++) {
				if (!bindings[j].name || !(bindings[j].scopes & sc) || hidden[j]) continue;
				if (strcmp(bindings[j].desc, b->desc) != 0) break;
				if (at) at = append(names, sizeof names, at, " / ");
				at = append(names, sizeof names, at, bindings[j].name);
			}
			char padded[128];
			txt_pad(padded, sizeof padded, names, 22, 1);
			snprintf(buf, sizeof buf, "  %s%s", padded, said_all(b->desc));
			lines[n++] = strdup(buf);
		}
	}
	return n;
}

/* What a screen's help says besides its bindings: keys no row of the
 * table holds (the menu's digits), a key that does nothing there though
 * it works elsewhere (Esc at the login), and what a dimmed entry means. */
static const struct { uik_scopes scope; const char *key, *text; } notes[] = {
	{UIK_MENU, "0–9", "直接打开菜单项前的数字对应的画面"},
	{UIK_MENU, "灰色的菜单项", "本角色无权打开：仍可选中，选中时说明缺少哪项权限、哪些角色有此权限、找谁办理"},
	{UIK_LOGIN, "Esc", "不起作用：登录画面没有上一画面；退出请按 F10"},
	{UIK_AUDIT, "筛选栏", "直接输入；光标键和删除键只作用于筛选栏。↑ ↓ 选择列表中的记录，在筛选栏按 ↓ 到列表"},
};

/* A key an earlier line of the screen's list took: dispatch finds that
 * binding first (or the screen's own word for it), so this one is not said. */
static int key_listed(const unsigned char *listed, size_t i)
{
	for (size_t j = 0; j < NB; j++)
		if (listed[j] && bindings[j].kind == bindings[i].kind && bindings[j].key == bindings[i].key)
			return 1;
	return 0;
}

/* One line of a screen's help: the key names padded, then the text. */
static char *key_line(const char *names, const char *text)
{
	char padded[128], buf[512];
	txt_pad(padded, sizeof padded, names, 22, 1);
	snprintf(buf, sizeof buf, "  %s%s", padded, text);
	return strdup(buf);
}

/* The answers line's parts, two spaces or more apart: the keys (what
 * comes before the first Chinese character), then what they do.  Calls
 * fn(ctx, keys, text) for each; what Esc does is returned in esc (its own
 * part, or "同 N：…" — uia_ask gives Esc to its caller as none of the
 * answers, and every question that does not name it takes it as its N). */
static void ask_parts(const char *answers, void (*fn)(void *, const char *, const char *), void *ctx,
                      int *has_esc, int *has_enter, char *esc, size_t escsz)
{
	char no[256] = "";
	*has_esc = *has_enter = 0;
	snprintf(esc, escsz, "不作选择，关闭问题");
	for (const char *p = answers; *p;) {
		while (*p == ' ') p++;
		const char *end = p;
		while (*end && !(end[0] == ' ' && end[1] == ' ')) end++;
		const char *w = p;
		while (w < end && (unsigned char)*w < 0x80) w++;
		int kl = (int)(w - p);
		while (kl > 0 && p[kl - 1] == ' ') kl--;
		if (kl > 0 && w < end) {
			char k[64], text[256];
			snprintf(k, sizeof k, "%.*s", kl, p);
			snprintf(text, sizeof text, "%.*s", (int)(end - w), w);
			if (fn) fn(ctx, k, text);
			if (strstr(k, "Esc")) *has_esc = 1, snprintf(esc, escsz, "%s", text);
			*has_enter |= strstr(k, "Enter") != NULL;
			if (strcmp(k, "N") == 0) snprintf(no, sizeof no, "%s", text);
		}
		p = end;
	}
	if (!*has_esc && *no) snprintf(esc, escsz, "同 N：%s", no);
}

struct ask_lines { char **lines; int n, max; };

static void ask_line(void *ctx, const char *k, const char *text)
{
	struct ask_lines *l = ctx;
	if (l->n < l->max - 5) l->lines[l->n++] = key_line(k, text);
}

int uik_ask_help_lines(const char *answers, const char *keys, int role, char **lines, int max)
{
	int esc, enter;
	char esc_text[300];
	if (max < 8) return 0;
	struct ask_lines l = { lines, 0, max };
	lines[l.n++] = strdup("【本问题的按键】");
	ask_parts(answers, ask_line, &l, &esc, &enter, esc_text, sizeof esc_text);
	int n = l.n;
	if (!esc) lines[n++] = key_line("Esc", esc_text);
	if (!enter && !strchr(keys, '\r')) lines[n++] = key_line("Enter", "不起作用：请按上面列出的键作答");
	for (const char *k = keys; *k && n < max - 2; k++)
		if (*k >= 'A' && *k <= 'Z') {
			lines[n++] = key_line("字母键", "大小写均可");
			break;
		}
	/* then what every screen has (F1, Ctrl-L) */
	for (size_t i = 0; i < NB && n < max; i++)
		if (bindings[i].name && (bindings[i].scopes & UIK_ALL) && uik_may(bindings[i].req, role))
			lines[n++] = key_line(bindings[i].name, bindings[i].desc);
	return n;
}

struct ask_bar { char *out; size_t outsz, at; };

static void ask_hint(void *ctx, const char *k, const char *text)
{
	struct ask_bar *b = ctx;
	if (b->at) b->at = append(b->out, b->outsz, b->at, "  ");
	b->at = append(b->out, b->outsz, b->at, k);
	b->at = append(b->out, b->outsz, b->at, " ");
	b->at = append(b->out, b->outsz, b->at, text);
}

void uik_ask_hints(const char *answers, int role, char *out, size_t outsz)
{
	int esc, enter;
	char esc_text[300], all[256];
	struct ask_bar b = { out, outsz, 0 };
	out[0] = 0;
	ask_parts(answers, ask_hint, &b, &esc, &enter, esc_text, sizeof esc_text);
	/* Esc's N by its letter alone: the N's words are just before it */
	if (!esc) ask_hint(&b, "Esc", strncmp(esc_text, "同 N", strlen("同 N")) == 0 ? "同 N" : "关闭问题");
	uik_hints(UIK_ALL, role, all, sizeof all);
	if (*all) ask_hint(&b, all, "");
	if (b.at && out[b.at - 1] == ' ') out[--b.at] = 0;
}

void uik_ask_esc(const char *answers, char *out, size_t outsz)
{
	int esc, enter;
	ask_parts(answers, NULL, NULL, &esc, &enter, out, outsz);
}

int uik_screen_help_lines(uik_scopes scopes, int role, char **lines, int max)
{
	unsigned char listed[NB] = {0}, hidden[NB] = {0};
	/* the screen's own bindings before the sheet's and everyone's, so its
	 * word wins where it names a shared key (F2 开单 / 保存修改) */
	const uik_scopes passes[] = { scopes & ~(UIK_FORM | UIK_ALL), scopes & UIK_FORM, UIK_ALL };
	int n = 0;
	char buf[256];
	if (!(scopes & ~UIK_ALL) || max < 2) return 0;
	lines[n++] = strdup("【本画面的按键】");
	for (size_t p = 0; p < sizeof passes / sizeof passes[0]; p++) {
		if (!passes[p]) continue;
		for (size_t i = 0; i < NB && n < max; i++) {
			const struct binding *b = &bindings[i];
			if (!b->name || !(b->scopes & passes[p]) || listed[i] || key_listed(listed, i)) continue;
			if (!uik_may(b->req, role)) {
				/* left out, but its key stays taken: dispatch finds
				 * this binding first, so no later one is said */
				listed[i] = hidden[i] = 1;
				continue;
			}
			char names[96] = "";
			size_t at = append(names, sizeof names, 0, b->name);
			listed[i] = 1;
			for (size_t j = i + 1; j < NB; j++) {
				const struct binding *o = &bindings[j];
				/* the same word from a wider pass joins it (F2 / Ctrl-S 保存) */
				if (!o->name || !(o->scopes & (passes[0] | passes[1] | passes[2])) || listed[j] || o->req != b->req ||
				    strcmp(o->desc, b->desc) != 0 || key_listed(listed, j))
					continue;
				listed[j] = 1;
				at = append(names, sizeof names, at, " / ");
				at = append(names, sizeof names, at, o->name);
			}
			char padded[128];
			txt_pad(padded, sizeof padded, names, 22, 1);
			snprintf(buf, sizeof buf, "  %s%s", padded, said(b->desc));
			lines[n++] = strdup(buf);
		}
	}
	for (size_t i = 0; i < sizeof notes / sizeof notes[0] && n < max; i++) {
		if (!(notes[i].scope & scopes)) continue;
		char padded[128];
		txt_pad(padded, sizeof padded, notes[i].key, 22, 1);
		snprintf(buf, sizeof buf, "  %s%s", padded, notes[i].text);
		lines[n++] = strdup(buf);
	}
	char *note = left_out_line("（本角色无权使用：", hidden);
	if (note && n < max) lines[n++] = note;
	else free(note);
	return n;
}

void uik_free_lines(char **lines, int n)
{
	for (int i = 0; i < n; i++) free(lines[i]);
}

/* ---- key source ---- */

static char *g_script;
static size_t g_len, g_pos;
static int g_scripted;
static volatile sig_atomic_t g_hangup;

void uik_hangup_signal(int sig)
{
	/* repeats are ignored: the kernel and then the shell both send SIGHUP
	 * when a connection drops */
	if (!g_hangup) g_hangup = sig;
}

int uik_hangup(void) { return (int)g_hangup; }

int uik_scripted(void) { return g_scripted; }

int uik_open_script(const char *path, char *err, size_t errsz)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errsz, "无法读取按键脚本 %s", path);
		return -1;
	}
	size_t cap = 4096, n = 0;
	char *s = malloc(cap);
	size_t got;
	while (s && (got = fread(s + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n - 1 == 0) {
			char *t = realloc(s, cap * 2);
			if (!t) {
				free(s);
				s = NULL;
				break;
			}
			s = t;
			cap *= 2;
		}
	}
	fclose(f);
	if (!s) {
		snprintf(err, errsz, "内存不足");
		return -1;
	}
	s[n] = 0;
	g_script = s;
	g_len = n;
	g_pos = 0;
	g_scripted = 1;
	return 0;
}

void uik_close_script(void)
{
	free(g_script);
	g_script = NULL;
	g_len = g_pos = 0;
}

static const struct { const char *name; int kind; int code; } tokens[] = {
	{"Tab", CH, '\t'}, {"S-Tab", FK, KEY_BTAB}, {"Enter", CH, '\r'}, {"Esc", CH, 27},
	{"F1", FK, KEY_F(1)}, {"F2", FK, KEY_F(2)}, {"F3", FK, KEY_F(3)}, {"F4", FK, KEY_F(4)},
	{"F5", FK, KEY_F(5)}, {"F6", FK, KEY_F(6)}, {"F7", FK, KEY_F(7)}, {"F8", FK, KEY_F(8)},
	{"F10", FK, KEY_F(10)}, {"C-s", CH, 19}, {"C-l", CH, 12}, {"C-u", CH, 21}, {"C-c", CH, 3},
	{"C-z", CH, 26}, {"C-\\", CH, 28}, {"Up", FK, KEY_UP},
	{"Down", FK, KEY_DOWN}, {"Left", FK, KEY_LEFT}, {"Right", FK, KEY_RIGHT},
	{"Home", FK, KEY_HOME}, {"End", FK, KEY_END}, {"BS", FK, KEY_BACKSPACE},
	{"Del", FK, KEY_DC}, {"Space", CH, ' '}, {"PgUp", FK, KEY_PPAGE},
	{"PgDn", FK, KEY_NPAGE}, {"lt", CH, '<'}, {"Paste", FK, UIK_PASTE_BEGIN}, {"/Paste", FK, UIK_PASTE_END},
};

static int (*g_poll)(void *);
static void *g_poll_ctx;

void uik_set_poll(int (*fn)(void *), void *ctx)
{
	g_poll = fn;
	g_poll_ctx = ctx;
}

/* <Idle>: the pause a person makes; with $DESK4S_IDLE_SYNC, the test's
 * other terminal acts in it (uik_set_poll).  1 when the poll found a change. */
static int script_idle(void)
{
	const char *sync = getenv("DESK4S_IDLE_SYNC");
	if (sync && *sync) {
		char idle[512], go[512];
		snprintf(idle, sizeof idle, "%s.idle", sync);
		snprintf(go, sizeof go, "%s.go", sync);
		FILE *f = fopen(idle, "w");
		if (f) fclose(f);
		for (int i = 0; i < 3000 && access(go, F_OK) != 0; i++) {
			struct timespec t = {0, 10 * 1000 * 1000};
			nanosleep(&t, NULL);
		}
		unlink(go);
		unlink(idle);
	}
	return g_poll && g_poll(g_poll_ctx) == 1;
}

/* "<Name>" at g_pos: fills k and advances, returns 1; 0 when not a token. */
static int script_token(struct uik_key *k)
{
	const char *s = g_script + g_pos + 1;
	const char *end = strchr(s, '>');
	if (!end || end - s > 24) return 0;
	size_t n = (size_t)(end - s);
	for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++) {
		if (strlen(tokens[i].name) == n && strncmp(tokens[i].name, s, n) == 0) {
			k->kind = tokens[i].kind;
			k->ch = (wint_t)tokens[i].code;
			g_pos += n + 2;
			return 1;
		}
	}
	if (n == 3 && strncmp(s, "Hup", 3) == 0) {
		/* only under ui_main's handler: elsewhere (the fuzzer) SIGHUP
		 * would simply kill the process */
		struct sigaction cur;
		if (sigaction(SIGHUP, NULL, &cur) == 0 && cur.sa_handler == uik_hangup_signal) raise(SIGHUP);
		g_pos += n + 2;
		k->kind = ERR;
		return 1;
	}
	if (n == 4 && strncmp(s, "Idle", 4) == 0) {
		g_pos += n + 2;
		k->kind = script_idle() ? KEY_CODE_YES : ERR;
		k->ch = UIK_CHANGED;
		return 1;
	}
	if (n > 4 && strncmp(s, "Now ", 4) == 0) {
		/* the clock moved on (a list left open past midnight): the
		 * script's day and time from here on, as the test fixes them */
		char now[32], today[11];
		snprintf(now, sizeof now, "%.*s", (int)(n - 4), s + 4);
		snprintf(today, sizeof today, "%.10s", now);
		setenv("DESK4S_NOW", now, 1);
		setenv("DESK4S_TODAY", today, 1);
		g_pos += n + 2;
		k->kind = ERR;
		return 1;
	}
	if (n == 4 && strncmp(s, "Dump", 4) == 0) {
		refresh();
		uis_dump(getenv("DESK4S_DUMP"));
		g_pos += n + 2;
		k->kind = ERR;
		return 1;
	}
	if (n == 6 && strncmp(s, "Cursor", 6) == 0) {
		refresh();
		uis_dump_cursor(getenv("DESK4S_DUMP"));
		g_pos += n + 2;
		k->kind = ERR;
		return 1;
	}
	int w, h;
	/* bounded by what a terminal window can be (a 4K screen in a small
	 * font): beyond, curses allocates gigabytes and a <Dump> of 800×993
	 * cells takes most of a second under the sanitizers (both found by
	 * the fuzzer) */
	if (n > 7 && strncmp(s, "Resize ", 7) == 0 && sscanf(s + 7, "%dx%d", &w, &h) == 2 &&
	    w > 0 && h > 0 && w <= UIK_MAX_COLS && h <= UIK_MAX_LINES) {
		resizeterm(h, w);
		g_pos += n + 2;
		k->kind = KEY_CODE_YES;
		k->ch = KEY_RESIZE;
		return 1;
	}
	return 0;
}

static void script_get(struct uik_key *k)
{
	for (;;) {
		if (g_pos >= g_len) {
			k->kind = UIK_EOF;
			k->ch = 0;
			return;
		}
		char c = g_script[g_pos];
		/* line breaks only lay the script out; "#" at a line start is a comment */
		if (c == '\n' || c == '\r') {
			g_pos++;
			if (g_pos < g_len && g_script[g_pos] == '#')
				while (g_pos < g_len && g_script[g_pos] != '\n') g_pos++;
			continue;
		}
		if (g_pos == 0 && c == '#') {
			while (g_pos < g_len && g_script[g_pos] != '\n') g_pos++;
			continue;
		}
		if (c == '<' && script_token(k)) {
			if (k->kind == ERR && g_hangup) return; /* <Hup> */
			if (k->kind == ERR) continue;           /* <Dump>, <Cursor>, <Idle> unchanged: not keys */
			return;
		}
		uint32_t cp;
		g_pos += txt_decode(g_script + g_pos, g_len - g_pos, &cp);
		k->kind = OK;
		k->ch = (wint_t)cp;
		return;
	}
}

static void (*g_idle)(void *);
static void *g_idle_ctx;

void uik_set_idle(void (*fn)(void *), void *ctx)
{
	g_idle = fn;
	g_idle_ctx = ctx;
}

/* After an Esc: the rest of a key's escape sequence that curses did not
 * know (a client's key under a TERM that does not describe it, ESC[25~)
 * is read and dropped, 1; it would otherwise be Esc — "discard changes?" —
 * and then "[25~" typed into the field.  Esc alone, Esc followed by a key
 * (Esc then a letter), and Esc then "[" or "O" with nothing after them, are
 * left as they are, 0.  A sequence's bytes come together from the terminal
 * (curses waited ESCDELAY for them before giving the Esc). */
static int unknown_sequence(void)
{
	wint_t c, intro;
	nodelay(stdscr, TRUE);
	int dropped = 0, r = wget_wch(stdscr, &intro);
	if (r == OK && (intro == '[' || intro == 'O')) {
		/* parameters and intermediates (0x20–0x3F, and the Linux
		 * console's second '['), up to the final byte (0x40–0x7E) */
		int n = 0;
		while ((r = wget_wch(stdscr, &c)) == OK && n < 16 && ((c >= 0x20 && c < 0x40) || (c == '[' && n == 0)))
			n++;
		if (r == OK && c >= 0x40 && c <= 0x7E) {
			dropped = 1; /* the whole sequence read */
		} else if (r == ERR && n == 0) {
			unget_wch((wchar_t)intro); /* Esc, then "[" typed */
		} else {
			dropped = 1; /* a broken sequence: what ended it is a key of its own */
			if (r == OK)
				unget_wch((wchar_t)c);
			else if (r == KEY_CODE_YES)
				ungetch((int)c);
		}
	} else if (r == OK) {
		unget_wch((wchar_t)intro);
	} else if (r == KEY_CODE_YES) {
		ungetch((int)intro);
	}
	nodelay(stdscr, FALSE);
	return dropped;
}

/* Inside a paste (a mark opened it, g_paste: 1, and 2 once it gave a
 * key: breaks before its text add nothing); a line break read in it
 * and not yet given (g_brk: a space if more text follows, the Enter
 * itself at the paste's end); a key read ahead behind that space. */
static int g_paste, g_brk, g_held;
static struct uik_key g_ahead;
/* the last character the paste gave: a break after Chinese needs no space */
static wint_t g_last;

/* A terminal sends a paste in one go; this long without a byte inside one
 * means its end mark was lost (split over a slow link and taken apart as
 * an unknown sequence), and the paste is over: Enter and Tab, spaces
 * inside a paste, would otherwise stay dead for the rest of the session. */
#define PASTE_GAP_MS 1000

static void term_get(struct uik_key *k)
{
	wint_t ch = 0;
	int r, errs = 0;
	/* the screen first (the read would draw it anyway), then housekeeping
	 * while the user reads it: a checkpoint never delays what they see */
	if (g_idle) {
		wrefresh(stdscr);
		g_idle(g_idle_ctx);
	}
	/* A blocking read fails when a signal interrupts it (we install ours
	 * without SA_RESTART) or when the terminal is gone.  Gone without a
	 * signal (the hang-up went to a shell that passed nothing on) is a
	 * hang-up all the same.  A hang-up signalled in the instant before the
	 * read began is seen at the next key, or at once on a dead terminal. */
	for (;;) {
		if (g_paste) {
			wtimeout(stdscr, PASTE_GAP_MS);
			r = wget_wch(stdscr, &ch);
			wtimeout(stdscr, -1);
			if (r == ERR && !g_hangup) {
				/* the end mark, as if it had come (a dead terminal's
				 * error is seen by the blocking read next) */
				k->kind = KEY_CODE_YES;
				k->ch = UIK_PASTE_END;
				return;
			}
			if (r != ERR && !(r == OK && ch == 27 && unknown_sequence())) break;
			if (g_hangup) return;
			continue;
		}
		for (;;) {
			struct timespec t0, t1;
			clock_gettime(CLOCK_MONOTONIC, &t0);
			if (g_poll) wtimeout(stdscr, UIK_POLL_MS);
			r = wget_wch(stdscr, &ch);
			if (g_poll) wtimeout(stdscr, -1);
			if (r != ERR) break;
			if (g_hangup) return;
			clock_gettime(CLOCK_MONOTONIC, &t1);
			long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
			if (g_poll && ms >= UIK_POLL_MS / 2) {
				/* the pause waited out, not a failing read: a dead
				 * terminal fails at once */
				errs = 0;
				if (g_poll(g_poll_ctx) == 1) {
					k->kind = KEY_CODE_YES;
					k->ch = UIK_CHANGED;
					return;
				}
				continue;
			}
			if (++errs > 100) {
				g_hangup = SIGHUP;
				return;
			}
		}
		if (!(r == OK && ch == 27 && unknown_sequence()))
			break;
	}
	k->kind = r;
	k->ch = ch;
}

static void raw_key(struct uik_key *k)
{
	if (g_held) {
		*k = g_ahead;
		g_held = 0;
	} else if (g_scripted) {
		script_get(k);
	} else {
		term_get(k);
	}
}

/* A pasted paragraph: a line break would move to the next field and spill
 * the rest of the text there, so inside a paste a run of line breaks is
 * one space (none next to a Chinese character) and a Tab a space.  A break that ends the paste stays Enter:
 * a password or a mobile copied with its line goes on as typed. */
static void next_key(struct uik_key *k)
{
	for (;;) {
		raw_key(k);
		if (g_hangup) return;
		if (k->kind == KEY_CODE_YES && k->ch == UIK_PASTE_BEGIN) {
			g_paste = 1;
			continue;
		}
		if (k->kind == KEY_CODE_YES && k->ch == UIK_PASTE_END) {
			g_paste = 0;
			if (!g_brk) continue;
			g_brk = 0;
			k->kind = OK;
			k->ch = '\r';
			return;
		}
		if (!g_paste) return;
		int brk = k->kind == OK && (k->ch == '\r' || k->ch == '\n');
		if (brk) {
			g_brk = g_paste == 2; /* none before the text: no leading space */
			continue;
		}
		if (g_paste == 1) g_last = 0;
		g_paste = 2;
		wint_t last = g_last;
		if (k->kind == OK) g_last = k->ch;
		/* Chinese text broken over lines is one run: a space there
		 * ("异响， 服务") is one nobody typed; Latin words keep theirs */
		if (g_brk && k->kind == OK &&
		    (txt_wcwidth((uint32_t)last) == 2 || txt_wcwidth((uint32_t)k->ch) == 2))
			g_brk = 0;
		if (g_brk) {
			/* more text after the break: the space first, this key next */
			g_brk = 0;
			g_ahead = *k;
			g_held = 1;
			k->kind = OK;
			k->ch = ' ';
			return;
		}
		if (k->kind == OK && k->ch == '\t') k->ch = ' ';
		return;
	}
}

void uik_get(struct uik_key *k)
{
	if (!g_hangup) next_key(k);
	if (g_hangup) {
		k->kind = UIK_HANGUP;
		k->ch = 0;
	}
}
