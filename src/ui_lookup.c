/* ui_lookup — search as one types; every key runs cust_search again (the
 * store keeps it fast with indexes), so the list always matches the box. */
#include "desk4s/ui_lookup.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "desk4s/auth.h"
#include "desk4s/customer.h"
#include "desk4s/text.h"
#include "desk4s/ui_customer.h"
#include "desk4s/ui_field.h"
#include "desk4s/ui_screen.h"

#define MAX_HITS 200

struct look {
	struct uif_edit q;
	struct cust_hit hits[MAX_HITS];
	int n, sel, first;
	char err[512];
};

static void search(struct uia *a, struct look *l)
{
	l->err[0] = 0;
	l->n = 0;
	/* every search reads customers: the account is checked each time */
	if (l->q.len > 0 && uia_require(a, AUTH_VIEW)) {
		l->n = cust_search(a->db, l->q.buf, l->hits, MAX_HITS, l->err, sizeof l->err);
		if (l->n < 0) l->n = 0;
	}
	if (l->sel >= l->n) l->sel = l->n - 1;
	if (l->sel < 0) l->sel = 0;
}

/* One row of the list; widths in cells, each cut without splitting a character
 * (a cut name ends with "…": two 杭州万通房地产… must not look alike).
 * At 80 columns the row is 77 cells, so the 18-character ID number fits whole
 * in the 78 the frame leaves; a wider screen gives the name the rest. */
static void row(int y, int vinw, int namew, const char *mark, const char *no, const char *name,
                const char *phone, const char *plate, const char *vin, const char *id,
                attr_t at)
{
	/* a plate is 9 cells: a new-energy plate (浙AD12345) cut to 8 reads
	 * as another car's; the customer number (C00000001) needs 9 of its 11 */
	static const int w[] = {2, 11, 0, 11, 9, 0, 18};
	const char *v[] = {mark, no, name, phone, plate, vin, id};
	char line[768] = "";
	size_t len = 0;
	for (int i = 0; i < 7; i++) {
		int cw = i == 5 ? vinw : i == 2 ? namew : w[i];
		len += (i == 2 ? txt_cell : txt_pad)(line + len, sizeof line - len, v[i], cw, i < 6);
		if (i > 0 && i < 6 && len + 1 < sizeof line) line[len++] = ' ', line[len] = 0;
	}
	uis_putpad(y, 1, COLS - 2, line, at);
}

/* One or two digits find nobody (a mobile is looked up from 3): "not
 * found" there would invite a new sheet for a customer on file. */
static int few_digits(const char *q)
{
	int n = 0;
	for (; *q; q++) {
		if (*q >= '0' && *q <= '9') n++;
		else if (*q != ' ') return 0;
	}
	return n > 0 && n < 3;
}

/* The lookup's keys: Enter and F4 choose the customer when it picks one. */
static uik_scopes look_keys(int pick) { return UIK_LIST | UIK_LOOKUP | (pick ? UIK_LOOKPICK : 0); }

/* title: the screen's; pick: Enter chooses rather than opens */
static void draw(struct uia *a, struct look *l, const char *title, int pick)
{
	int top, h;
	if (uia_frame(a, title, "", look_keys(pick), &top, &h) != 0) return;
	int x = 1 + uis_put(top, 1, -1, "查找：", A_BOLD);
	int cx = uif_draw(&l->q, top, x, 30, 1, A_UNDERLINE);
	uis_put(top + 1, 1, COLS - 2, "手机号任意几位 / 姓名开头 / 车牌 / VIN后6位 / 身份证号 / 客户编号 / 固定电话",
	        uis_attr(UIS_HINT));
	int vinw = COLS >= 100 ? 17 : 8;
	/* 13 at 80 columns; what a wider screen has beyond the row, up to 40 */
	int namew = 13 + (COLS - 3 - 77 - (vinw - 8));
	namew = namew < 13 ? 13 : namew > 40 ? 40 : namew;
	int landlines = 0;
	for (int i = 0; i < l->n; i++)
		landlines |= l->hits[i].landline[0] != 0;
	row(top + 3, vinw, namew, "", "客户编号", "姓名/单位", landlines ? "电话" : "手机号", "车牌号",
	    COLS >= 100 ? "VIN" : "VIN后6位", "身份证号", A_BOLD);
	int rows = h - 5;
	if (l->sel < l->first) l->first = l->sel;
	if (l->sel >= l->first + rows) l->first = l->sel - rows + 1;
	for (int i = 0; i < rows && l->first + i < l->n; i++) {
		const struct cust_hit *c = &l->hits[l->first + i];
		int on = l->first + i == l->sel;
		size_t vl = strlen(c->vin);
		const char *vin = COLS >= 100 || vl <= 6 ? c->vin : c->vin + vl - 6;
		char name[160], phone[sizeof c->landline], idno[sizeof c->id_no];
		snprintf(name, sizeof name, "%s%s", c->name, c->incomplete ? "(未完整)" : "");
		/* the landline a landline typed found it by (what was typed names
		 * the area), else the mobile; masked for roles that may not see
		 * them whole (138****5678) */
		if (*c->landline)
			uia_show_landline(a, c->landline, phone, sizeof phone);
		else
			auth_show_mobile(a->me.role, c->mobile, phone, sizeof phone);
		auth_show_idno(a->me.role, c->id_no, idno, sizeof idno);
		row(top + 4 + i, vinw, namew, on ? ">" : "", c->cust_no, name, phone, c->plate, vin, idno,
		    on ? uis_attr(UIS_SELECT) : A_NORMAL);
	}
	char foot[640];
	if (l->err[0]) snprintf(foot, sizeof foot, "查找出错：%s", l->err);
	else if (l->q.len == 0) snprintf(foot, sizeof foot, "请输入查找内容。F4 新建客户。");
	else if (l->n == 0 && few_digits(l->q.buf))
		snprintf(foot, sizeof foot, "数字请至少输入 3 位（手机尾号输 4 位）。");
	else if (l->n == 0) snprintf(foot, sizeof foot, "没有找到。F4 新建客户。");
	else snprintf(foot, sizeof foot, "找到 %d 位客户%s。↑↓ 选择，Enter %s。", l->n,
	              l->n == MAX_HITS ? "（只列出前面部分，请输入更多内容）" : "", pick ? "选定" : "打开");
	uis_put(top + h - 1, 1, COLS - 2, foot, l->err[0] ? uis_attr(UIS_ERROR) : A_NORMAL);
	move(top, cx);
	curs_set(1);
}

/* A customer saved from the new sheet, as the list would show it */
static int64_t picked_new(struct uia *a, int64_t id, struct cust_hit *out)
{
	char err[512];
	struct rec *r = id > 0 ? rec_new(a->customer) : NULL;
	if (!r) return 0;
	int64_t got = 0;
	if (cust_load(a->db, id, r, err, sizeof err) == ST_OK) {
		memset(out, 0, sizeof *out);
		out->id = got = id;
		snprintf(out->cust_no, sizeof out->cust_no, "%s", rec_get(r, "cust_no"));
		snprintf(out->name, sizeof out->name, "%s", rec_get(r, "name"));
		snprintf(out->mobile, sizeof out->mobile, "%s", rec_get(r, "mobile"));
	} else {
		uia_set_msg(a, UIA_ERROR, "%s", err);
	}
	rec_free(r);
	return got;
}

static int64_t look_run(struct uia *a, const char *title, struct cust_hit *pick)
{
	static struct look l; /* large; one lookup screen at a time */
	memset(&l, 0, sizeof l);
	uif_init(&l.q, 64, UIF_FOLD_ALNUM);
	a->msg[0] = 0;
	while (!a->quit) {
		draw(a, &l, title, pick != NULL);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		if (!(k.kind == KEY_CODE_YES && k.ch == KEY_RESIZE)) a->msg[0] = 0; /* a refusal stays until the next key */
		enum uik_req r = uik_request(look_keys(pick != NULL), &k);
		if (r == UIR_BACK) break;
		switch (r) {
		case UIR_UP: l.sel--; break;
		case UIR_DOWN: l.sel++; break;
		case UIR_PGUP: l.sel -= 10; break;
		case UIR_PGDN: l.sel += 10; break;
		case UIR_OPEN:
			if (l.n > 0 && pick) {
				*pick = l.hits[l.sel];
				return pick->id;
			}
			/* the sheet checks 查看 and writes the 查看客户 entry */
			if (l.n > 0) {
				uicu_run_car(a, l.hits[l.sel].id, l.hits[l.sel].car); /* on the car found */
				search(a, &l); /* it may have changed */
			}
			break;
		case UIR_NEW:
			if (!uia_require(a, AUTH_CREATE)) break;
			if (pick) {
				/* the new customer is the one chosen once saved; what
				 * was typed is theirs, as in the lookup of its own */
				int64_t id = uicu_run_new_pick(a, l.n == 0 ? l.q.buf : "", "新客户：保存后即选定该客户。");
				if (id > 0 && picked_new(a, id, pick)) return id;
				search(a, &l);
				break;
			}
			/* nobody found: what was typed is the new customer's */
			uicu_run_new_from(a, l.n == 0 ? l.q.buf : "");
			search(a, &l);
			break;
		default:
			if (r == UIR_NONE && k.kind != OK) break;
			if (uif_key(&l.q, r, (uint32_t)k.ch) > 0) {
				l.sel = l.first = 0;
				search(a, &l);
			}
			break;
		}
		if (l.sel >= l.n) l.sel = l.n - 1;
		if (l.sel < 0) l.sel = 0;
	}
	return 0;
}

void uilk_run(struct uia *a) { look_run(a, "查找客户", NULL); }

int64_t uilk_pick(struct uia *a, const char *title, struct cust_hit *out) { return look_run(a, title, out); }
