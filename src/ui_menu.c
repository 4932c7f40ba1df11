/* ui_menu — the main menu.  Entries without a screen yet (later issues)
 * stay visible and say so on the status line when chosen. */
#include "desk4s/ui_menu.h"

#include <curses.h>
#include <stdio.h>

#include "desk4s/text.h"
#include "desk4s/auth.h"
#include "desk4s/ui_acard.h"
#include "desk4s/ui_audit.h"
#include "desk4s/ui_complaint.h"
#include "desk4s/ui_customer.h"
#include "desk4s/ui_due.h"
#include "desk4s/ui_lookup.h"
#include "desk4s/ui_screen.h"
#include "desk4s/ui_visit.h"
#include "desk4s/ui_workorder.h"

static void new_customer(struct uia *a) { uicu_run(a, 0); }

static const struct entry {
	char key;
	const char *label;
	const char *what;
	void (*run)(struct uia *a); /* NULL: not in this version yet */
} entries[] = {
	{'1', "客户登记", "新建客户档案（客户档案登记表）", new_customer},
	{'2', "来店来电登记", "来店(电)客户信息登记表", uivs_run},
	{'3', "A卡跟进", "客户信息资料卡 / 预购客户管理卡", uiac_run_mine},
	{'4', "维修工单", "开单、完工", uiwo_run},
	{'5', "回访到期清单", "今天到期和逾期的回访", uidu_run},
	{'6', "A卡总览", "前台、经理：各顾问各级别的 A卡、待审核", uiac_run_manager},
	{'7', "客户投诉", "登记投诉、处理结果；处理后 7 天内回访", uicp_run},
	{'8', "使用日志", "经理、管理员：谁在何时查看、修改了哪位客户", uiau_run_log},
	{'9', "权限表", "各角色能做什么（查看、修改、导出……）", uiau_run_perms},
	{'0', "查找客户", "按电话、姓名、车牌、VIN、证件号或客户编号查找", uilk_run},
};
#define NENTRIES ((int)(sizeof entries / sizeof entries[0]))

/* The permission an entry needs: 查看 unless listed here (every other
 * screen shows customer data); the permissions table needs none, since it
 * only explains the rules everyone works under. */
static const struct {
	void (*run)(struct uia *a);
	int need; /* an enum auth_perm, or -1 */
} needs[] = {
	{new_customer, AUTH_CREATE},
	{uiau_run_log, AUTH_READ_LOG},
	{uiac_run_manager, AUTH_ALL_ACARDS}, /* as the overview asks: dimmed for a consultant */
	{uiau_run_perms, -1},
};

static int need_of(const struct entry *e)
{
	for (size_t i = 0; i < sizeof needs / sizeof needs[0]; i++)
		if (needs[i].run == e->run) return needs[i].need;
	return AUTH_VIEW;
}

/* Shown dimmed when the role lacks the permission: still listed, so staff
 * learn the entry exists, and choosing it names what is missing. */
static int allowed(const struct uia *a, const struct entry *e)
{
	int p = need_of(e);
	return p < 0 || auth_can(a->me.role, (enum auth_perm)p);
}

static void draw(struct uia *a, int sel)
{
	int top, h;
	if (uia_frame(a, "主菜单", "", UIK_MENU, &top, &h) != 0) return;
	int w = 0;
	for (int i = 0; i < NENTRIES; i++) {
		int lw = 5 + 14 + txt_width(entries[i].what);
		if (lw > w) w = lw;
	}
	if (w > COLS - 4) w = COLS - 4;
	int x = (COLS - w) / 2, y = top + 1;
	uis_put(y, x, w, "请选择：按数字键，或用 ↑↓ 选中后按 Enter", A_BOLD);
	y += 2;
	/* a blank row between entries while they fit, none when they would not */
	int step = y + NENTRIES * 2 - 1 <= top + h ? 2 : 1;
	for (int i = 0; i < NENTRIES && y + i * step < top + h; i++) {
		char line[400], lab[64];
		txt_pad(lab, sizeof lab, entries[i].label, 14, 1);
		snprintf(line, sizeof line, "%s %c  %s%s", i == sel ? ">" : " ", entries[i].key, lab,
		         entries[i].what);
		uis_putpad(y + i * step, x, w, line,
		           i == sel ? uis_attr(UIS_SELECT) : allowed(a, &entries[i]) ? A_NORMAL : A_DIM);
	}
	curs_set(0);
}

/* A dimmed entry chosen: the permission it needs, the roles that hold it
 * and whom to ask, so staff know what to do rather than only "no". */
static void refuse(struct uia *a, const struct entry *e, enum auth_perm p)
{
	char holders[160] = "";
	size_t at = 0;
	for (int r = 0; r < AUTH_NROLES; r++) {
		if (!auth_can((enum auth_role)r, p)) continue;
		at += (size_t)snprintf(holders + at, sizeof holders - at, "%s%s", at ? "、" : "",
		                       auth_role_name((enum auth_role)r));
		if (at >= sizeof holders) break;
	}
	/* the administrator sets roles: one cannot ask oneself for a new one */
	uia_set_msg(a, UIA_ERROR, "权限不足：打开“%s”需要“%s”权限，%s没有。有此权限的是%s，请他们办理%s", e->label,
	            auth_perm_name(p), auth_role_name(a->me.role), holders,
	            a->me.role == AUTH_ADMIN ? "" : "；如确需此权限，请管理员更改您的角色");
}

static void choose(struct uia *a, int i)
{
	if (!entries[i].run) {
		uia_set_notice(a, "“%s”在本版本中尚未提供", entries[i].label);
		return;
	}
	/* the account is read again: a disabled one ends here, a refusal names the permission */
	int p = need_of(&entries[i]);
	if (p >= 0 && !uia_require(a, (enum auth_perm)p)) {
		if (!a->quit && !auth_can(a->me.role, (enum auth_perm)p)) refuse(a, &entries[i], (enum auth_perm)p);
		return;
	}
	entries[i].run(a);
}

void uimn_run(struct uia *a)
{
	int sel = 0;
	while (!a->quit) {
		draw(a, sel);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		/* cleared after the key, so a refusal or a message from the login
		 * stays on screen until the next key */
		if (!(k.kind == KEY_CODE_YES && k.ch == KEY_RESIZE)) a->msg[0] = 0;
		switch (uik_request(UIK_MENU, &k)) {
		case UIR_QUIT: a->quit = 1; break;
		case UIR_UP: sel = (sel + NENTRIES - 1) % NENTRIES; break;
		case UIR_DOWN: sel = (sel + 1) % NENTRIES; break;
		case UIR_OPEN: choose(a, sel); break;
		default:
			if (k.kind == OK)
				for (int i = 0; i < NENTRIES; i++)
					if ((uint32_t)entries[i].key == txt_halfwidth((uint32_t)k.ch)) {
						sel = i;
						choose(a, i);
					}
			break;
		}
	}
}
