/* ui_audit — the usage log and the permissions table.  The log screen only
 * reads through audit_query, which checks 查看使用日志 and logs the read
 * itself; there is no key that changes an entry, and the store refuses
 * updates and deletes anyway.  A page is one query (the newest page is not
 * guessed: the log is read oldest first, as audit_query returns it), so
 * the log shows every page a manager looked at. */
#include "desk4s/ui_audit.h"

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk4s/audit.h"
#include "desk4s/auth.h"
#include "desk4s/staff.h"
#include "desk4s/text.h"
#include "desk4s/ui_field.h"
#include "desk4s/ui_screen.h"
#include "desk4s/validate.h"

/* ---- the usage log ---------------------------------------------------- */

enum { LF_FROM, LF_TO, LF_STAFF, LF_CUST, LF_LIST, LF_N };
#define MAX_ROWS 256

struct ent {
	int64_t id;
	char at[24], staff[40], action[64], cust[32], detail[512];
};

struct lv {
	struct uif_edit f[LF_CUST + 1];
	int focus;
	struct ent rows[MAX_ROWS];
	int n, more, size; /* rows of this page; a next page exists; rows asked for */
	int64_t *starts;   /* after_id of each page seen, for PgUp */
	int page, cap;
	int sel, first;
	int done;          /* a query ran and succeeded */
};

static int add_row(void *ctx, const struct audit_entry *e)
{
	struct lv *v = ctx;
	if (v->n >= v->size) {
		v->more = 1; /* one more than a page was asked for: there is a next page */
		return 1;
	}
	struct ent *r = &v->rows[v->n++];
	r->id = e->id;
	snprintf(r->at, sizeof r->at, "%s", e->at);
	snprintf(r->staff, sizeof r->staff, "%s", e->staff);
	snprintf(r->action, sizeof r->action, "%s", e->action);
	snprintf(r->cust, sizeof r->cust, "%s", e->customer_no);
	snprintf(r->detail, sizeof r->detail, "%s", e->detail);
	return 0;
}

static const char *opt(const struct uif_edit *e) { return e->len ? e->buf : NULL; }

/* Read page v->page (its first id is after starts[page]). */
static void query(struct uia *a, struct lv *v)
{
	char err[512];
	v->n = v->more = v->sel = v->first = 0;
	v->done = 0;
	/* a page as tall as the list on this screen; resizing later scrolls within it */
	v->size = LINES - 8;
	if (v->size < 5) v->size = 5;
	if (v->size > MAX_ROWS) v->size = MAX_ROWS;
	if (!uia_require(a, AUTH_READ_LOG)) return;
	struct audit_filter f = {opt(&v->f[LF_FROM]), opt(&v->f[LF_TO]), opt(&v->f[LF_STAFF]),
	                         opt(&v->f[LF_CUST]), v->starts[v->page], v->size + 1};
	if (audit_query(a->db, &a->me, &f, add_row, v, err, sizeof err) != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "%s", err);
		v->n = v->more = 0;
		return;
	}
	v->done = 1;
}

static int grow(struct lv *v)
{
	if (v->page + 1 < v->cap) return 0;
	int cap = v->cap * 2;
	int64_t *p = realloc(v->starts, (size_t)cap * sizeof *p);
	if (!p) return -1;
	v->starts = p;
	v->cap = cap;
	return 0;
}

/* One list row: columns in cells, each cut without splitting a character
 * and marked "…" where cut (a detail cut mid-sentence read as whole; Enter
 * shows it all). */
static void log_row(int y, const char *at, const char *staff, const char *action, const char *cust,
                    const char *detail, attr_t attr)
{
	/* 14: an A-card's number (A20261207-0001) whole, which an A-card's
	 * entries hold there; cut to A20261207-… every card of a day read alike */
	static const int w[] = {19, 12, 12, 14, 0};
	const char *v[] = {at, staff, action, cust, detail};
	char line[1400] = "";
	size_t len = 0;
	int used = 0;
	for (int i = 0; i < 5; i++) {
		int cols = w[i] ? w[i] : COLS - 2 - used;
		if (cols < 1) break;
		len += txt_cell(line + len, sizeof line - len, v[i], cols, w[i] != 0);
		used += w[i] + 1;
		if (w[i] && len + 1 < sizeof line) line[len++] = ' ', line[len] = 0;
	}
	uis_putpad(y, 1, COLS - 2, line, attr);
}

static void draw_log(struct uia *a, struct lv *v)
{
	int top, h;
	if (uia_frame(a, "使用日志", "只读", UIK_AUDIT, &top, &h) != 0) return;
	static const char *const labels[] = {"从：", " 到：", " 员工：", " 客户编号："};
	static const int widths[] = {10, 10, 10, 12};
	int x = 1, cy = top, cx = 1;
	for (int i = LF_FROM; i <= LF_CUST; i++) {
		x += uis_put(top, x, -1, labels[i], A_BOLD);
		int c = uif_draw(&v->f[i], top, x, widths[i], v->focus == i, A_UNDERLINE);
		if (v->focus == i) cx = c;
		x += widths[i] + 2;
	}
	uis_put(top + 1, 1, COLS - 2,
	        "日期 YYYY-MM-DD，留空不限；员工填登录名。Enter 查询；每次查询也记入使用日志。",
	        uis_attr(UIS_HINT));
	log_row(top + 2, "时间", "员工", "操作", "客户/A卡编号", "详情", A_BOLD);
	int rows = h - 4;
	if (v->sel >= v->n) v->sel = v->n - 1;
	if (v->sel < 0) v->sel = 0;
	if (v->sel < v->first) v->first = v->sel;
	if (v->sel >= v->first + rows) v->first = v->sel - rows + 1;
	for (int i = 0; i < rows && v->first + i < v->n; i++) {
		const struct ent *e = &v->rows[v->first + i];
		int on = v->first + i == v->sel && v->focus == LF_LIST;
		log_row(top + 3 + i, e->at, e->staff, e->action, e->cust, e->detail,
		        on ? uis_attr(UIS_SELECT) : A_NORMAL);
	}
	char foot[256] = "";
	if (!v->done) {
		foot[0] = 0;
	} else if (v->n == 0) {
		snprintf(foot, sizeof foot, "%s", v->page ? "没有更多记录。PgUp 上一页" : "没有符合条件的记录。");
	} else {
		/* entries are numbered within this query, pages being equal in size */
		long from = (long)v->page * v->size + 1;
		snprintf(foot, sizeof foot, "第 %d 页，第 %ld–%ld 条%s%s", v->page + 1, from, from + v->n - 1,
		         v->more ? "。PgDn 下一页" : "。已是最后一页", v->page ? "，PgUp 上一页" : "");
	}
	uis_put(top + h - 1, 1, COLS - 2, foot, A_NORMAL);
	if (v->focus == LF_LIST) {
		curs_set(0);
	} else {
		move(cy, cx);
		curs_set(1);
	}
}

/* The whole entry in a box (the list cuts the detail), with the staff
 * member's name. */
static void show_entry(struct uia *a, const struct ent *e)
{
	char text[1400], err[256], who[200];
	struct staff_info s;
	if (staff_get(a->db, e->staff, &s, err, sizeof err) == ST_OK)
		snprintf(who, sizeof who, "%s（%s，%s）", e->staff, s.name, auth_role_name(s.role));
	else
		snprintf(who, sizeof who, "%s", e->staff);
	/* an A-card's entries are filed under the card's number (A…-…) */
	int card = e->cust[0] == 'A' && strchr(e->cust, '-');
	snprintf(text, sizeof text, "时间：%s\n员工：%s\n操作：%s\n%s：%s\n详情：%s", e->at, who,
	         e->action, card ? "A卡编号" : "客户编号", e->cust[0] ? e->cust : "—", e->detail[0] ? e->detail : "—");
	char title[64];
	snprintf(title, sizeof title, "使用日志 第 %lld 条", (long long)e->id);
	uia_ask(a, title, text, "Enter / Esc 返回", "\r");
}

static void edit_filter(struct lv *v, const struct uik_key *k)
{
	if (v->focus == LF_LIST) return;
	struct uif_edit *e = &v->f[v->focus];
	enum uik_req r = uik_request(UIK_LIST, k); /* the editing keys every entry has */
	switch (r) {
	case UIR_LEFT: case UIR_RIGHT: case UIR_HOME: case UIR_END: case UIR_BS: case UIR_DEL: case UIR_KILL:
		uif_key(e, r, 0);
		break;
	case UIR_NONE:
		if (k->kind == OK && uif_key(e, UIR_NONE, (uint32_t)k->ch) < 0) beep();
		break;
	default: break;
	}
}

void uiau_run_log(struct uia *a)
{
	static struct lv v; /* large; one log screen at a time */
	memset(&v, 0, sizeof v);
	v.cap = 16;
	v.starts = calloc((size_t)v.cap, sizeof *v.starts);
	if (!v.starts) {
		uia_set_notice(a, "内存不足");
		return;
	}
	char today[11];
	val_today_iso(today);
	uif_init(&v.f[LF_FROM], 10, UIF_FOLD_ALL);
	uif_init(&v.f[LF_TO], 10, UIF_FOLD_ALL);
	uif_init(&v.f[LF_STAFF], STAFF_LOGIN_MAX, UIF_FOLD_ALL);
	uif_init(&v.f[LF_CUST], 20, UIF_FOLD_ALL);
	/* today's entries first: what a manager checks at the end of a day */
	uif_set(&v.f[LF_FROM], today);
	uif_set(&v.f[LF_TO], today);
	a->msg[0] = 0;
	query(a, &v);
	while (!a->quit) {
		draw_log(a, &v);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		a->msg[0] = 0;
		enum uik_req r = uik_request(UIK_AUDIT, &k);
		if (r == UIR_BACK) break;
		switch (r) {
		case UIR_NEXT: v.focus = (v.focus + 1) % LF_N; break;
		case UIR_PREV: v.focus = (v.focus + LF_N - 1) % LF_N; break;
		/* on a filter ↓ goes to the list, as in the due list: moving a
		 * selection nobody sees (it shows only on the list) did nothing visible */
		case UIR_UP:
			if (v.focus == LF_LIST) v.sel--;
			break;
		case UIR_DOWN:
			if (v.focus == LF_LIST) v.sel++;
			else v.focus = LF_LIST;
			break;
		case UIR_OPEN:
			if (v.focus != LF_LIST) {
				v.page = 0;
				query(a, &v);
			} else if (v.n > 0) {
				show_entry(a, &v.rows[v.sel]);
			}
			break;
		case UIR_PGDN:
			if (v.more && v.n > 0 && grow(&v) == 0) {
				v.starts[v.page + 1] = v.rows[v.n - 1].id;
				v.page++;
				query(a, &v);
			}
			break;
		case UIR_PGUP:
			if (v.page > 0) {
				v.page--;
				query(a, &v);
			}
			break;
		default: edit_filter(&v, &k); break;
		}
		if (v.sel >= v.n) v.sel = v.n - 1;
		if (v.sel < 0) v.sel = 0;
	}
	free(v.starts);
	v.starts = NULL;
	a->msg[0] = 0;
}

/* ---- the permissions table -------------------------------------------- */

enum { PERM_W = 14, ROLE_W = 9 };

/* A table row: the permission, one centred cell per role, the help text. */
static void perm_row(int y, const char *name, const char *const cells[AUTH_NROLES],
                     const char *help, attr_t attr)
{
	char line[1024] = "";
	size_t len = txt_pad(line, sizeof line, name, PERM_W, 1);
	for (int r = 0; r < AUTH_NROLES; r++) {
		int cw = txt_width(cells[r]), lpad = (ROLE_W - cw) / 2;
		char cell[64];
		snprintf(cell, sizeof cell, "%*s%s", lpad, "", cells[r]);
		len += txt_pad(line + len, sizeof line - len, cell, ROLE_W, 1);
	}
	if (len + 1 < sizeof line) line[len++] = ' ', line[len] = 0;
	/* cut with "…" to what is left of the row: the line under the table
	 * gives the selected one whole */
	int left = COLS - 2 - (PERM_W + AUTH_NROLES * ROLE_W + 1);
	if (left > 0) txt_cell(line + len, sizeof line - len, help, left, 0);
	uis_putpad(y, 1, COLS - 2, line, attr);
}

static void draw_perms(struct uia *a, int sel)
{
	int top, h;
	char right[96];
	snprintf(right, sizeof right, "您的角色：%s", auth_role_name(a->me.role));
	if (uia_frame(a, "权限表", right, UIK_PERMS, &top, &h) != 0) return;
	const char *heads[AUTH_NROLES];
	for (int r = 0; r < AUTH_NROLES; r++) heads[r] = auth_role_name((enum auth_role)r);
	uis_put(top, 1, COLS - 2, "每个角色能做什么：✓ 有此权限，— 没有。程序在每次操作前按此表检查。",
	        A_NORMAL);
	perm_row(top + 2, "权限", heads, "说明", A_BOLD);
	uis_hline(top + 3, 1, COLS - 2, A_NORMAL);
	int y = top + 4;
	for (int p = 0; p < AUTH_NPERMS && y < top + h - 3; p++, y++) {
		const char *cells[AUTH_NROLES];
		for (int r = 0; r < AUTH_NROLES; r++)
			cells[r] = auth_can((enum auth_role)r, (enum auth_perm)p) ? "✓" : "—";
		perm_row(y, auth_perm_name((enum auth_perm)p), cells, auth_perm_help((enum auth_perm)p),
		         p == sel ? uis_attr(UIS_SELECT) : A_NORMAL);
	}
	/* the help column is cut on a narrow screen: the chosen row's in full */
	char text[512], lines[2][256];
	snprintf(text, sizeof text, "%s：%s", auth_perm_name((enum auth_perm)sel),
	         auth_perm_help((enum auth_perm)sel));
	int n = uia_wrap(text, COLS - 2, lines, 2);
	for (int i = 0; i < n; i++) uis_put(top + h - 2 + i, 1, COLS - 2, lines[i], A_BOLD);
	curs_set(0);
}

void uiau_run_perms(struct uia *a)
{
	int sel = 0;
	a->msg[0] = 0;
	while (!a->quit) {
		draw_perms(a, sel);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		enum uik_req r = uik_request(UIK_PERMS, &k);
		if (r == UIR_BACK) break;
		if (r == UIR_UP) sel = (sel + AUTH_NPERMS - 1) % AUTH_NPERMS;
		else if (r == UIR_DOWN) sel = (sel + 1) % AUTH_NPERMS;
	}
}
