/* ui_visit — the walk-in and call log.  The receptionist's speed decides
 * the design: the list opens on today (← → go through earlier days: an
 * entry to complete, a day imported), F4 gives a sheet with the arrival
 * already stamped and the cursor on the first field, the required fields
 * are only 信息来源 and 销售顾问 (contact details may stay empty), and the
 * store does the linking, so the screen only shows what it found. */
#include "desk4s/ui_visit.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk4s/acard.h"
#include "desk4s/auth.h"
#include "desk4s/clock.h"
#include "desk4s/text.h"
#include "desk4s/ui_acard.h"
#include "desk4s/ui_pick.h"
#include "desk4s/ui_screen.h"
#include "desk4s/validate.h"
#include "desk4s/visit.h"

#define MAX_ROWS 2000   /* entries of one day: far more than any showroom sees */
#define MAX_CONS 200

/* ---- consultants ---- */

int uivs_consultants(struct uia *a, char (*out)[64], int max)
{
	/* the enabled 销售顾问 accounts, then names typed on cards and entries */
	char err[256];
	int n = visit_consultants(a->db, out, max, err, sizeof err);
	return n < 0 ? 0 : n;
}

int uivs_pick_consultant(struct uifm *uf, int field)
{
	struct uia *a = uf->a;
	static char names[MAX_CONS][64];
	struct uipk_item items[MAX_CONS];
	int n = uivs_consultants(a, names, MAX_CONS), sel = -1;
	if (n == 0) {
		uia_set_msg(a, UIA_INFO, "还没有销售顾问名单：请直接输入姓名");
		return 0;
	}
	for (int i = 0; i < n; i++) {
		items[i] = (struct uipk_item){.label = names[i]};
		if (strcmp(names[i], uf->r->val[field]) == 0) sel = i;
	}
	int k = uipk_run(a, "销售顾问", items, n, "", sel);
	if (k < 0) return k == UIPK_NEXT;
	rec_set_at(uf->r, field, names[k]);
	uifm_reload(uf);
	return 1;
}

/* ---- the sheet of one entry ---- */

struct vsheet {
	struct uia *a;
	struct rec *r;
	struct uifm *uf;
	int f_mobile, f_phone, f_cons;
	char looked[64];          /* the mobile last looked up */
	struct visit_owner owner; /* what it belongs to */
	int found;
};

/* A mobile that is none (a landline: 057188886666; ten digits) said as
 * the save would say it, when it is left or has its eleven digits.  1 when
 * said. */
static int mobile_refused(struct vsheet *s, const char *m)
{
	char norm[64];
	struct val_result vr;
	if (!*m || val_mobile(m, norm, sizeof norm, &vr) != VAL_ERROR) return 0;
	uia_set_msg(s->a, UIA_ERROR, "手机号：%s%s", vr.msg,
	            strcmp(vr.code, "mobile.landline") == 0 ? "；固定电话请填在“固定电话”栏" : "");
	return 1;
}

/* The owner of the mobile as typed, in the message line: the receptionist
 * sees at once whose customer or card this is. */
static void show_owner(struct vsheet *s)
{
	const char *m = s->r->val[s->f_mobile];
	if (strcmp(m, s->looked) == 0) return;
	snprintf(s->looked, sizeof s->looked, "%s", m);
	char norm[64], err[256];
	txt_normalize(m, norm, sizeof norm);
	s->found = 0;
	memset(&s->owner, 0, sizeof s->owner);
	size_t digits = 0;
	for (const char *p = norm; *p; p++) digits += *p >= '0' && *p <= '9';
	if (digits < 11) return;
	if (mobile_refused(s, m)) return; /* not "no customer yet" for a number that is none */
	s->found = visit_lookup_mobile(s->a->db, m, &s->owner, err, sizeof err);
	if (s->found < 0) {
		uia_set_msg(s->a, UIA_ERROR, "查询手机号失败：%s", err);
		s->found = 0;
		return;
	}
	char cust[256] = "", card[400] = "";
	if (s->found & VISIT_CUSTOMER)
		snprintf(cust, sizeof cust, "客户 %s %s", s->owner.cust_no, s->owner.cust_name);
	if (s->found & VISIT_ACARD)
		snprintf(card, sizeof card, "A卡 %s %s（销售顾问 %s，%s）", s->owner.card_no,
		         s->owner.card_name, s->owner.card_consultant, s->owner.card_status);
	if (!s->found)
		uia_set_msg(s->a, UIA_INFO, "手机号 %s：还没有客户档案或 A卡", norm);
	else
		uia_set_msg(s->a, UIA_INFO, "手机号 %s 属于：%s%s%s", norm, cust, *cust && *card ? "；" : "",
		            card);
}

/* The customer of the landline typed, when the field is left and the
 * mobile names none: a fleet's office calling is known at once. */
static void show_phone_owner(struct vsheet *s)
{
	const char *p = s->r->val[s->f_phone];
	char norm[64], err[256];
	if (!*p || (s->found & VISIT_CUSTOMER) || val_landline(p, norm, sizeof norm, NULL) == VAL_ERROR)
		return;
	struct visit_owner o = {0};
	int found = visit_lookup_phone(s->a->db, p, rec_get(s->r, "cust_name"), &o, err, sizeof err);
	if (found < 0)
		uia_set_msg(s->a, UIA_ERROR, "查询固定电话失败：%s", err);
	else if (found)
		uia_set_msg(s->a, UIA_INFO, "固定电话 %s 属于：客户 %s %s", norm, o.cust_no, o.cust_name);
	else
		uia_set_msg(s->a, UIA_INFO, "固定电话 %s：没有对应的客户档案（或几位客户共用这个号码）", norm);
}

/* A repeat visitor goes to the consultant already handling them. */
static void owner_consultant(struct vsheet *s)
{
	if ((s->found & VISIT_ACARD) && !*s->r->val[s->f_cons] &&
	    (strcmp(s->owner.card_status, "跟进中") == 0 || strcmp(s->owner.card_status, "已订车") == 0)) {
		rec_set_at(s->r, s->f_cons, s->owner.card_consultant);
		uifm_reload(s->uf);
	}
}

static int vsave(struct vsheet *s)
{
	if (!uia_require(s->a, s->r->id ? AUTH_CHANGE : AUTH_CREATE)) return 0;
	if (!uifm_presave(s->uf)) return 0;
	char err[512] = "";
	enum st_status st = visit_save(s->a->db, s->r, s->uf->orig, s->a->staff, err, sizeof err);
	if (st == ST_CHANGED) {
		uifm_changed_elsewhere(s->uf, err);
		return 0;
	}
	if (st != ST_OK) {
		uia_set_msg(s->a, UIA_ERROR, "保存失败：%s", err);
		return 0;
	}
	uifm_reload(s->uf);
	uifm_mark_clean(s->uf);
	const char *card = rec_get(s->r, "acard_no");
	uia_set_msg(s->a, UIA_OK, "已保存：%s %s%s%s%s%s", rec_get(s->r, "visit_kind"),
	            rec_get(s->r, "arrive_at"), *card ? "，归入 A卡 " : "", card,
	            s->uf->warn[0] ? "。提示：" : "", s->uf->warn);
	return 1;
}

/* Stored and unchanged, saving first when needed: 离店 and 转A卡 act on
 * the stored entry. */
static int stored(struct vsheet *s)
{
	if (s->r->id && !uifm_dirty(s->uf)) return 1;
	return vsave(s);
}

static void reload(struct vsheet *s)
{
	char err[512];
	if (visit_load(s->a->db, s->r->id, s->r, err, sizeof err) != ST_OK) {
		uia_set_msg(s->a, UIA_ERROR, "%s", err);
		return;
	}
	uifm_reload(s->uf);
	uifm_mark_clean(s->uf);
}

/* 来电或到店 says a call: nobody came to the shop */
static int is_call(const char *visit_kind)
{
	return strcmp(visit_kind, "来电") == 0;
}

/* F5: 离店, or on a call its end */
static void vleave(struct vsheet *s)
{
	if (!stored(s) || !uia_require(s->a, AUTH_CHANGE)) return;
	const char *what = is_call(rec_get(s->r, "visit_kind")) ? "结束" : "离店";
	char err[512];
	if (visit_leave(s->a->db, s->r->id, s->a->staff, err, sizeof err) != ST_OK) {
		uia_set_msg(s->a, UIA_ERROR, "未记%s：%s", what, err);
		return;
	}
	reload(s);
	uia_set_msg(s->a, UIA_OK, "已记%s：%s", what, rec_get(s->r, "leave_at"));
}

/* What a new entry's sheet says first; it follows 来电或到店 while shown. */
static const char *intro(int call)
{
	return call ? "来电时间已填为现在。必填：信息来源、销售顾问；没留联系方式也可登记。"
	            : "到店时间已填为现在。必填：信息来源、销售顾问；没留联系方式也可登记。";
}

/* The entry's mobile is a lost prospect's (an A-card 战败): that card has
 * the history, so F6 offers to open it (F7 there reopens it) before a
 * second card; reopened, the entry goes with it.  1 when the card was
 * offered and not declined (nothing more to do), 0 to go on making a new
 * card. */
static int lost_card_instead(struct uia *a, int64_t visit_id, const char *mobile)
{
	struct visit_owner o;
	char err[256], m[64], text[600];
	if (!*mobile || visit_lookup_mobile(a->db, mobile, &o, err, sizeof err) <= 0 || !*o.card_no ||
	    strcmp(o.card_status, "战败") != 0)
		return 0;
	txt_normalize(mobile, m, sizeof m);
	snprintf(text, sizeof text, "手机号 %s 的 A卡 %s（%s，销售顾问 %s）已战败。\n"
	         "客户又有购车意向时，由该顾问或经理在那张 A卡上按 F7 重新激活，可接着它的跟进记录。",
	         m, o.card_no, o.card_name, o.card_consultant);
	txt_drop_partial(text);
	int c = uia_ask(a, "转为 A卡", text, "R 打开那张 A卡   N 仍然新建 A卡   Esc 返回", "RN");
	if (c == 'N') return 0;
	if (c != 'R') return 1;
	int64_t id = acard_exists(a->db, o.card_no, err, sizeof err);
	if (id <= 0) {
		uia_set_msg(a, UIA_ERROR, "未能打开 A卡 %s：%s", o.card_no, id < 0 ? err : "找不到");
		return 1;
	}
	uiac_card(a, id, 0);
	char no[24];
	if (visit_link_card(a->db, visit_id, a->staff, no, sizeof no, err, sizeof err) != ST_OK)
		uia_set_msg(a, UIA_ERROR, "未能把本次登记归入 A卡：%s", err);
	else if (*no)
		uia_set_msg(a, UIA_OK, "本次登记已归入重新激活的 A卡 %s", no);
	return 1;
}

static void vtocard(struct vsheet *s)
{
	if (*rec_get(s->r, "acard_no")) {
		uia_set_msg(s->a, UIA_ERROR, "该登记已属于 A卡 %s", rec_get(s->r, "acard_no"));
		return;
	}
	if (!stored(s)) return;
	if (lost_card_instead(s->a, s->r->id, s->r->val[s->f_mobile])) {
		reload(s);
		return;
	}
	int64_t card = uiac_card(s->a, 0, s->r->id);
	reload(s);
	if (card) uia_set_msg(s->a, UIA_OK, "已转为 A卡 %s", rec_get(s->r, "acard_no"));
}

/* d: opened from a draft (NULL: not). */
static void vsheet_run(struct uia *a, const struct fdef_form *vf, int64_t id, const struct draft *d)
{
	struct vsheet s = {.a = a};
	s.r = rec_new(vf);
	s.uf = s.r ? uifm_new(a, s.r) : NULL;
	if (!s.uf) {
		uia_set_notice(a, "内存不足");
		if (s.r) rec_free(s.r);
		return;
	}
	s.f_mobile = fdef_index(vf, "mobile");
	s.f_phone = fdef_index(vf, "phone");
	s.f_cons = fdef_index(vf, "consultant");
	uifm_chooser(s.uf, s.f_cons, uivs_pick_consultant);
	a->msg[0] = 0;
	uifm_keep_on_hangup(s.uf, 0);
	if (id) {
		s.r->id = id;
		reload(&s);
		if (d && a->msg[0]) goto out; /* not found: the draft stays, to be thrown away */
		snprintf(s.looked, sizeof s.looked, "%s", s.r->val[s.f_mobile]);
	} else {
		visit_defaults(s.r);
		uifm_reload(s.uf);
		uifm_mark_clean(s.uf);
		/* the arrival is stamped: start on who came */
		uifm_focus(s.uf, fdef_index(vf, "cust_name"));
		uia_set_msg(a, UIA_INFO, "%s", intro(0));
	}
	if (d && !uifm_restore_draft(s.uf, d)) goto out;
	int f_arrive = fdef_index(vf, "arrive_at"), f_leave = fdef_index(vf, "leave_at");
	while (!a->quit) {
		int top, h;
		char right[96];
		/* nobody comes to the shop on a call: its times read as a call's
		 * (the stored columns and the CSV headers stay 到店/离店时间) */
		int call = is_call(rec_get(s.r, "visit_kind"));
		uifm_label(s.uf, f_arrive, call ? "来电时间" : NULL);
		uifm_label(s.uf, f_leave, call ? "结束时间" : NULL);
		if (a->msg_kind == UIA_INFO && strcmp(a->msg, intro(!call)) == 0)
			uia_set_msg(a, UIA_INFO, "%s", intro(call));
		if (s.r->id) snprintf(right, sizeof right, "修改  %s %s", rec_get(s.r, "visit_kind"),
		                      rec_get(s.r, "arrive_at"));
		else snprintf(right, sizeof right, "新登记");
		if (uia_frame(a, vf->title ? vf->title : "来店(电)登记", right, UIK_VSHEET | (call ? UIK_VCALL : 0), &top, &h) == 0)
			uifm_draw(s.uf, top, h);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		enum uik_req req = UIR_NONE;
		enum uifm_act act = uifm_key(s.uf, &k, UIK_VSHEET, &req);
		if (act == UIFM_SAVE) {
			vsave(&s);
		} else if (act == UIFM_BACK) {
			if (uifm_ask_leave(s.uf)) break;
		} else if (act == UIFM_OTHER && req == UIR_LEAVE) {
			vleave(&s);
		} else if (act == UIFM_OTHER && req == UIR_TOCARD) {
			vtocard(&s);
		} else if (act == UIFM_MOVED) {
			if (s.uf->left_field == s.f_mobile && !mobile_refused(&s, s.r->val[s.f_mobile])) owner_consultant(&s);
			if (s.uf->left_field == s.f_phone) show_phone_owner(&s);
			if (s.uf->focus == s.f_cons && !*s.r->val[s.f_cons] && !a->msg[0])
				uia_set_msg(a, UIA_INFO, "销售顾问：按 Space 从名单中选择，也可直接输入姓名");
		}
		show_owner(&s);
	}
	a->msg[0] = 0;
out:
	uifm_free(s.uf);
	rec_free(s.r);
}

/* ---- the day's list ---- */

struct vlist {
	struct visit_row *rows;
	int n, open, sel, first;
	char day[11], today[11];
	struct uia_watch w; /* others' entries appear while the list stands idle */
};

/* An earlier day's entry without its leave time has not "left" since: it
 * was never noted. */
static int past(const struct vlist *l)
{
	return strcmp(l->day, l->today) < 0;
}

/* Read again at each fetch: a list left open past midnight */
static void set_today(struct vlist *l)
{
	char now[24];
	clk_now(now, sizeof now);
	snprintf(l->today, sizeof l->today, "%.10s", now);
}

/* A list showing today, left open past midnight, shows the new today
 * when it reads again by itself: the first walk-in of the morning is not
 * logged under a list of yesterday's. */
static void follow_today(struct vlist *l)
{
	char was[sizeof l->today];
	memcpy(was, l->today, sizeof was);
	set_today(l);
	if (strcmp(l->day, was) == 0 && strcmp(l->today, was) != 0) {
		snprintf(l->day, sizeof l->day, "%s", l->today);
		l->sel = l->first = 0;
	}
}

/* Read the day again; the cursor stays on the entry it was on (one
 * logged or moved above it would move it to another visitor), else on
 * the same row number. */
static void fetch(struct uia *a, struct vlist *l)
{
	char err[512];
	int64_t on = l->sel >= 0 && l->sel < l->n ? l->rows[l->sel].id : 0;
	set_today(l);
	uia_watch_read(&l->w, a);
	l->n = visit_list(a->db, l->day, l->rows, MAX_ROWS, err, sizeof err);
	if (l->n < 0) {
		uia_set_msg(a, UIA_ERROR, "读取来店登记失败：%s", err);
		l->n = 0;
		l->w.quiet = 1;
	}
	l->open = 0;
	/* in the shop now: a call without its end time is 未结, not a visitor */
	for (int i = 0; i < l->n; i++) {
		l->open += l->rows[i].open && strcmp(l->rows[i].visit_kind, "来电") != 0;
		if (on && l->rows[i].id == on) l->sel = i;
	}
	if (l->sel >= l->n) l->sel = l->n - 1;
	if (l->sel < 0) l->sel = 0;
}

/* One line: cells cut to their widths, never splitting a character, a cut
 * one ending in "…" (阿卜杜拉· was read as a whole name, a landline's
 * extension 123 as 12). */
static void vrow(int y, const char *const *v, const int *w, int n, attr_t at)
{
	char line[1024] = "";
	size_t len = 0;
	for (int i = 0; i < n; i++) {
		len += txt_cell(line + len, sizeof line - len, v[i], w[i], 1);
		if (len + 1 < sizeof line) line[len++] = ' ', line[len] = 0;
	}
	uis_putpad(y, 1, COLS - 2, line, at);
}

/* The time of day of a list's arrival or leave: an entry imported from a
 * log that kept only the day has none (时刻不详). */
static const char *clock_of(const char *at)
{
	return strlen(at) >= 16 ? at + 11 : strlen(at) == 10 ? "不详" : at;
}

static void vlist_draw(struct uia *a, struct vlist *l)
{
	int top, h;
	char title[64], right[96];
	snprintf(title, sizeof title, "来店(电)登记  %s%s", l->day, past(l) ? "" : "（今天）");
	snprintf(right, sizeof right, "共 %d 条  %s %d 条", l->n, past(l) ? "未记离店" : "未离店", l->open);
	if (uia_frame(a, title, right, UIK_VLIST, &top, &h) != 0) return;
	/* 客户名称 and 意向车型 take what the screen has beyond 80 columns */
	int extra = COLS - 80, wide = COLS >= 100;
	/* 电话 has a mobile's 11 cells, and on a wide screen room for a
	 * landline's longer extension (88886666-1234) */
	int w[] = {2, 5, 5, 4, 10 + (wide ? extra / 3 : 0), wide ? 14 : 11, 9 + (wide ? extra / 3 : 0), 8, 8, 4, 0};
	int nc = wide ? 11 : 10;
	int used = 0;
	for (int i = 0; i < nc - 1; i++) used += w[i] + 1;
	if (!wide) { /* no 试驾 column: A卡 comes after 销售顾问 */
		used -= w[9] + 1;
		w[9] = COLS - 3 - used;
	} else {
		w[10] = COLS - 3 - used;
	}
	/* a call has no 到店/离店: the columns say so when the day has calls */
	int calls = 0;
	for (int i = 0; i < l->n; i++) calls += is_call(l->rows[i].visit_kind);
	const char *head[] = {"", !calls ? "到店" : calls == l->n ? "来电" : "时间", !calls ? "离店" : "结束", "方式", "客户名称", "电话", "意向车型", "信息来源",
	                      "销售顾问", wide ? "试驾" : "A卡", "A卡"};
	vrow(top, head, w, nc, A_BOLD);
	int rows = h - 1;
	if (l->sel < l->first) l->first = l->sel;
	if (l->sel >= l->first + rows) l->first = l->sel - rows + 1;
	if (l->n == 0)
		uis_put(top + 2, 3, COLS - 4,
		        past(l) ? "这一天没有登记。← → 换日期；F4 登记今天来店或来电的客户。"
		                : "今天还没有登记。按 F4 登记来店或来电的客户；← 查看前一天。",
		        A_NORMAL);
	for (int i = 0; i < rows && l->first + i < l->n; i++) {
		const struct visit_row *v = &l->rows[l->first + i];
		int on = l->first + i == l->sel;
		const char *left = !v->open ? clock_of(v->leave_at)
		                   : is_call(v->visit_kind) ? "未结" : past(l) ? "未记" : "在店";
		char card[32];
		int cw = wide ? w[10] : w[9];
		snprintf(card, sizeof card, "%s", !*v->acard_no ? "" : cw >= 14 ? v->acard_no : "已建");
		const char *arr = clock_of(v->arrive_at);
		/* said whole, not cut to "（未留姓名" in the 80-column list */
		const char *name = *v->cust_name ? v->cust_name : w[4] >= 12 ? "（未留姓名）" : "（未留名）";
		char mobile[32]; /* a caller who left a landline only is listed with it */
		if (!*v->mobile && *v->phone)
			uia_show_landline(a, v->phone, mobile, sizeof mobile);
		else
			auth_show_mobile(a->me.role, v->mobile, mobile, sizeof mobile);
		const char *cells[] = {on ? ">" : (v->open ? "*" : ""), arr, left, v->visit_kind, name,
		                       mobile, v->intent_model, v->info_source, v->consultant,
		                       wide ? v->test_drive : card, card};
		vrow(top + 1 + i, cells, w, nc, on ? uis_attr(UIS_SELECT) : v->open ? A_BOLD : A_NORMAL);
	}
	curs_set(0);
}

/* Enter, F5 and F6 of the list act on an entry: on a day with none they
 * say so, where they did nothing at all, and how to log one. */
static void say_no_entry(struct uia *a, const struct vlist *l, const char *what)
{
	uia_set_msg(a, UIA_INFO, "%s，没有可%s的登记。按 F4 新登记。",
	            past(l) ? "这一天没有登记" : "今天还没有登记", what);
}

void uivs_run(struct uia *a)
{
	char err[512];
	struct fdef_form *vf = fdef_load("visit", a->forms_dir, err, sizeof err);
	if (!vf) {
		uia_set_notice(a, "%s", err);
		return;
	}
	struct vlist l = {0};
	l.rows = calloc(MAX_ROWS, sizeof *l.rows);
	if (!l.rows) {
		fdef_free(vf);
		uia_set_notice(a, "内存不足");
		return;
	}
	set_today(&l);
	snprintf(l.day, sizeof l.day, "%s", l.today);
	a->msg[0] = 0;
	fetch(a, &l);
	while (!a->quit) {
		vlist_draw(a, &l);
		struct uik_key k;
		if (uia_watch_key(&l.w, AUTH_VIEW, &k)) {
			follow_today(&l);
			fetch(a, &l);
			continue;
		}
		if (a->quit) break;
		enum uik_req r = uik_request(UIK_VLIST, &k);
		if (r == UIR_BACK) break;
		if (r != UIR_NONE && !(k.kind == KEY_CODE_YES && k.ch == KEY_RESIZE)) a->msg[0] = 0;
		const struct visit_row *v = l.n > 0 ? &l.rows[l.sel] : NULL;
		switch (r) {
		case UIR_UP: l.sel--; break;
		case UIR_DOWN: l.sel++; break;
		case UIR_PGUP: l.sel -= 10; break;
		case UIR_PGDN: l.sel += 10; break;
		case UIR_HOME: l.sel = 0; break;
		case UIR_END: l.sel = l.n - 1; break;
		case UIR_LEFT:
		case UIR_RIGHT: {
			char day[11];
			set_today(&l);
			clk_add_days(l.day, r == UIR_LEFT ? -1 : 1, day, sizeof day);
			if (strcmp(day, l.today) > 0) {
				uia_set_msg(a, UIA_INFO, "已是今天");
				break;
			}
			snprintf(l.day, sizeof l.day, "%s", day);
			l.sel = l.first = 0;
			fetch(a, &l);
			break;
		}
		case UIR_NEW:
			vsheet_run(a, vf, 0, NULL);
			set_today(&l);
			snprintf(l.day, sizeof l.day, "%s", l.today); /* the new entry is today's */
			fetch(a, &l);
			l.sel = l.n - 1; /* the new entry arrived last */
			break;
		case UIR_OPEN:
			if (!v) say_no_entry(a, &l, "打开");
			if (v) {
				vsheet_run(a, vf, v->id, NULL);
				fetch(a, &l);
			}
			break;
		case UIR_LEAVE:
			if (!v) say_no_entry(a, &l, "记离店");
			if (!v || !uia_require(a, AUTH_CHANGE)) break;
			const char *what = is_call(v->visit_kind) ? "结束" : "离店";
			if (visit_leave(a->db, v->id, a->staff, err, sizeof err) != ST_OK) {
				uia_set_msg(a, UIA_ERROR, "未记%s：%s", what, err);
			} else {
				char who[160];
				snprintf(who, sizeof who, "%s", *v->cust_name ? v->cust_name : "（未留姓名）");
				fetch(a, &l);
				uia_set_msg(a, UIA_OK, "已记%s：%s %s", what, who, l.rows[l.sel].leave_at);
			}
			break;
		case UIR_TOCARD:
			if (!v) {
				say_no_entry(a, &l, "转为 A卡");
				break;
			}
			if (*v->acard_no) {
				uia_set_msg(a, UIA_ERROR, "该登记已属于 A卡 %s", v->acard_no);
			} else if (lost_card_instead(a, v->id, v->mobile)) {
				fetch(a, &l);
			} else {
				int64_t card = uiac_card(a, 0, v->id);
				fetch(a, &l);
				if (card) uia_set_msg(a, UIA_OK, "已转为 A卡 %s", l.rows[l.sel].acard_no);
			}
			break;
		default: break;
		}
		if (l.sel >= l.n) l.sel = l.n - 1;
		if (l.sel < 0) l.sel = 0;
	}
	a->msg[0] = 0;
	free(l.rows);
	fdef_free(vf);
}

void uivs_run_draft(struct uia *a, const struct draft *d)
{
	char err[512];
	struct fdef_form *vf = fdef_load("visit", a->forms_dir, err, sizeof err);
	if (!vf) {
		uia_set_msg(a, UIA_ERROR, "%s", err);
		return;
	}
	vsheet_run(a, vf, d->record_id, d);
	fdef_free(vf);
}
