/* ui_menu — the main menu.  Entries without a screen yet (later issues)
 * stay visible and say so on the status line when chosen. */
#include "desk4s/ui_menu.h"

#include <curses.h>
#include <stdio.h>

#include "desk4s/text.h"
#include "desk4s/ui_customer.h"
#include "desk4s/ui_lookup.h"
#include "desk4s/ui_screen.h"

static void new_customer(struct uia *a) { uicu_run(a, 0); }

static const struct entry {
	char key;
	const char *label;
	const char *what;
	void (*run)(struct uia *a); /* NULL: not in this version yet */
} entries[] = {
	{'1', "客户登记", "新建客户档案（客户档案登记表）", new_customer},
	{'2', "来店来电登记", "来店(电)客户信息登记表", NULL},
	{'3', "A卡跟进", "客户信息资料卡 / 预购客户管理卡", NULL},
	{'4', "维修工单", "开单、完工", NULL},
	{'5', "回访到期清单", "今天到期和逾期的回访", NULL},
	{'0', "查找客户", "按手机、姓名、车牌、VIN、证件号或客户编号查找", uilk_run},
};
#define NENTRIES ((int)(sizeof entries / sizeof entries[0]))

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
	for (int i = 0; i < NENTRIES && y + i * 2 < top + h; i++) {
		char line[400], lab[64];
		txt_pad(lab, sizeof lab, entries[i].label, 14, 1);
		snprintf(line, sizeof line, "%s %c  %s%s", i == sel ? ">" : " ", entries[i].key, lab,
		         entries[i].what);
		uis_putpad(y + i * 2, x, w, line, i == sel ? uis_attr(UIS_SELECT) : A_NORMAL);
	}
	curs_set(0);
}

static void choose(struct uia *a, int i)
{
	if (!entries[i].run) {
		uia_set_notice(a, "“%s”在本版本中尚未提供", entries[i].label);
		return;
	}
	entries[i].run(a);
}

void uimn_run(struct uia *a)
{
	int sel = 0;
	while (!a->quit) {
		a->msg[0] = 0;
		draw(a, sel);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
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
