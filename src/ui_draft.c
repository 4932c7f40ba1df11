/* ui_draft — the drafts offered after login.  The list is read again after
 * every restore or discard: a sheet deletes its draft itself once saved or
 * discarded, and another terminal of the same staff member may have acted. */
#include "desk4s/ui_draft.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk4s/auth.h"
#include "desk4s/draft.h"
#include "desk4s/text.h"
#include "desk4s/ui_acard.h"
#include "desk4s/ui_complaint.h"
#include "desk4s/ui_customer.h"
#include "desk4s/ui_screen.h"
#include "desk4s/ui_visit.h"
#include "desk4s/ui_workorder.h"

#define MAX_DRAFTS 32 /* one per sheet and staff member: a handful */

/* The sheets that keep drafts, by form name, and how each reopens one. */
static const struct kind {
	const char *form;
	const char *name; /* as the menu and the paper call it */
	void (*restore)(struct uia *a, const struct draft *d);
} kinds[] = {
	{"customer", "客户档案登记表", uicu_run_draft},
	{"visit", "来店(电)登记表", uivs_run_draft},
	{"acard", "A卡", uiac_run_draft},
	{"workorder", "维修工单", uiwo_run_draft},
	{"complaint", "客户投诉记录", uicp_run_draft},
};

static const struct kind *kind_of(const char *form)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].form, form) == 0) return &kinds[i];
	return NULL;
}

static const char *name_of(const struct draft *d)
{
	const struct kind *k = kind_of(d->form);
	return k ? k->name : *d->title ? d->title : d->form;
}

static int fetch(struct uia *a, struct draft *d)
{
	char err[512];
	int n = draft_list(a->db, a->staff, d, MAX_DRAFTS, err, sizeof err);
	if (n < 0) uia_set_notice(a, "无法读取草稿：%s", err);
	return n < 0 ? 0 : n;
}

static void draw(struct uia *a, const struct draft *d, int n, int sel)
{
	int top, h;
	char right[64];
	snprintf(right, sizeof right, "共 %d 份", n);
	if (uia_frame(a, "未保存的草稿", right, UIK_DRAFTS, &top, &h) != 0) return;
	char intro[4][256], says[512];
	/* the cause each draft recorded: a hang-up, or the account disabled
	 * while its sheets were open (its session ended keeping them) */
	int off = 0;
	for (int i = 0; i < n; i++) off += d[i].account_disabled;
	snprintf(says, sizeof says, "%s时，以下登记表有未保存的内容，已保留为草稿。"
	         "恢复：打开登记表，核对后按 F2 保存，照常检查必填项；放弃：删除草稿。",
	         off == 0 ? "上次会话中断（如网络断线）" : off == n ? "账号被停用、会话结束"
	                                                           : "会话中断（如网络断线）或账号被停用");
	int ni = uia_wrap(says, COLS - 4, intro, 4);
	for (int i = 0; i < ni; i++) uis_put(top + 1 + i, 2, COLS - 4, intro[i], A_NORMAL);
	int y = top + 2 + ni;
	char line[1024], c1[64], c2[32], c3[32];
	txt_pad(c1, sizeof c1, "登记表", 16, 1);
	txt_pad(c2, sizeof c2, "记录", 4, 1);
	txt_pad(c3, sizeof c3, "保留时间", 16, 1);
	snprintf(line, sizeof line, "  %s %s %s %s", c1, c2, c3, "内容");
	uis_put(y++, 1, COLS - 2, line, A_BOLD);
	for (int i = 0; i < n && y < top + h; i++, y++) {
		txt_pad(c1, sizeof c1, name_of(&d[i]), 16, 1);
		txt_pad(c2, sizeof c2, d[i].record_id ? "修改" : "新建", 4, 1);
		snprintf(line, sizeof line, "%s %s %s %-16.16s %s", i == sel ? ">" : " ", c1, c2, d[i].saved_at,
		         *d[i].summary ? d[i].summary : "（未填姓名）");
		uis_putpad(y, 1, COLS - 2, line, i == sel ? uis_attr(UIS_SELECT) : A_NORMAL);
	}
	curs_set(0);
}

static void restore(struct uia *a, const struct draft *d)
{
	const struct kind *k = kind_of(d->form);
	if (!k) {
		uia_set_msg(a, UIA_ERROR, "“%s”的草稿本版本无法打开，只能放弃（Del）", name_of(d));
		return;
	}
	/* a draft holds customer data: the same permission as opening a sheet */
	if (!uia_require(a, AUTH_VIEW)) return;
	k->restore(a, d);
}

static void discard(struct uia *a, const struct draft *d)
{
	char text[600], err[512];
	/* throwing the shop's typing away is an action like any: not for an
	 * account disabled since it logged in */
	if (!uia_require(a, AUTH_VIEW)) return;
	snprintf(text, sizeof text, "放弃这份草稿吗？\n%s  %s\n其中未保存的内容将被删除，无法找回。", name_of(d),
	         *d->summary ? d->summary : "（未填姓名）");
	if (uia_ask(a, "放弃草稿", text, "Y 放弃      N 保留", "YN") != 'Y') return;
	if (draft_delete(a->db, a->staff, d->id, 1, err, sizeof err) != ST_OK)
		uia_set_msg(a, UIA_ERROR, "未能放弃草稿：%s", err);
	else
		uia_set_msg(a, UIA_OK, "已放弃草稿：%s", name_of(d));
}

void uidr_offer(struct uia *a)
{
	char err[512];
	/* drafts a hang-up had to leave in files (the database was held):
	 * into the table first, whoever's they are, so that they are listed,
	 * backed up and forgotten with their customer as every draft is */
	if (draft_take_files(a->db, err, sizeof err) < 0)
		uia_set_notice(a, "有草稿文件未能转入：%s", err);
	struct draft *d = calloc(MAX_DRAFTS, sizeof *d);
	if (!d) return;
	int n = fetch(a, d), sel = 0, handled = 0;
	while (n > 0 && !a->quit) {
		draw(a, d, n, sel);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		enum uik_req r = uik_request(UIK_DRAFTS, &k);
		if (r == UIR_BACK) {
			a->msg[0] = 0;
			uia_set_notice(a, "草稿已保留，下次登录时再提示");
			break;
		}
		if (r != UIR_NONE && !(k.kind == KEY_CODE_YES && k.ch == KEY_RESIZE)) a->msg[0] = 0;
		switch (r) {
		case UIR_UP: sel--; break;
		case UIR_DOWN: sel++; break;
		case UIR_OPEN:
			restore(a, &d[sel]);
			handled = 1;
			n = fetch(a, d);
			break;
		case UIR_DEL:
			discard(a, &d[sel]);
			handled = 1;
			n = fetch(a, d);
			break;
		default: break;
		}
		if (sel >= n) sel = n - 1;
		if (sel < 0) sel = 0;
	}
	if (n == 0 && handled && !a->quit && !a->msg[0]) uia_set_msg(a, UIA_OK, "草稿已全部处理。");
	free(d);
}
