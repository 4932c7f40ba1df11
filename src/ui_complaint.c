/* ui_complaint — the complaint list and sheet.  A complaint taken at the
 * desk must reach the due list like an imported one: the sheet records it
 * for a customer on file (found first, as everywhere), and 处理完毕 goes
 * through cmp_handle_at, whose handling time starts the 7-day callback.
 * What is handled is not changed afterwards: the callback is under way. */
#include "desk4s/ui_complaint.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk4s/auth.h"
#include "desk4s/clock.h"
#include "desk4s/complaint.h"
#include "desk4s/customer.h"
#include "desk4s/text.h"
#include "desk4s/ui_form.h"
#include "desk4s/ui_lookup.h"
#include "desk4s/ui_screen.h"

#define MAX_ROWS 2000 /* open and lately handled: far more than a shop has */
#define RECENT_DAYS 30

/* ---- the sheet of one complaint ---- */

enum { F_CUST, F_RECV_AT, F_RECV_BY, F_CONTENT, F_HANDLER, F_HANDLED_AT, F_RESULT, NF };
static const char *const keys[NF] = {"cust_no", "received_at", "received_by", "content",
                                     "handler", "handled_at", "result"};

struct csheet {
	struct uia *a;
	struct rec *r;
	struct uifm *uf;
	int f[NF];
	char name[128];   /* the customer's, for the title and the messages */
	char lock[160];   /* what a locked field says */
	char done_at[24]; /* when it was handled, as stored ("" while open) */
};

static const char *val(const struct csheet *s, int k) { return s->r->val[s->f[k]]; }

/* the sheet's 处理时间 is only offered (now) until it is stored */
static int handled(const struct csheet *s) { return s->done_at[0] != 0; }

/* What may be typed where: the customer never changes; the 处理 fields
 * open once the complaint is on file; a handled complaint is read-only. */
static void apply_state(struct csheet *s)
{
	int h = handled(s);
	if (h)
		snprintf(s->lock, sizeof s->lock, "该投诉已于 %s 处理完毕，不能再修改", s->done_at);
	else if (!s->r->id)
		snprintf(s->lock, sizeof s->lock, "客户编号不能更改（换客户请按 Esc 返回重新查找）；处理：先按 F2 登记投诉");
	else
		snprintf(s->lock, sizeof s->lock, "客户编号：登记后不能更改");
	for (int k = 0; k < NF; k++) {
		int locked = h || k == F_CUST || (!s->r->id && k >= F_HANDLER);
		uifm_lock(s->uf, s->f[k], locked, s->lock);
	}
}

/* An open complaint on file offers who handles it and when: whoever has
 * the sheet open, now.  Shown as stored (not unsaved). */
static void handling_defaults(struct csheet *s)
{
	if (!s->r->id || handled(s)) return;
	if (!*val(s, F_HANDLER)) rec_set_at(s->r, s->f[F_HANDLER], staff_sheet_name(&s->a->me));
	if (!*val(s, F_HANDLED_AT)) {
		char at[20];
		clk_now_minute(at);
		rec_set_at(s->r, s->f[F_HANDLED_AT], at);
	}
}

/* From the store, with the state and defaults that follow from it. */
static int reload(struct csheet *s)
{
	char err[512];
	if (cmp_load(s->a->db, s->r->id, s->r, err, sizeof err) != ST_OK) {
		uia_set_msg(s->a, UIA_ERROR, "%s", err);
		return 0;
	}
	snprintf(s->done_at, sizeof s->done_at, "%s", val(s, F_HANDLED_AT));
	apply_state(s);
	uifm_reload(s->uf);
	if (!handled(s)) {
		/* the defaults are not a change: marked clean first, the
		 * handling fields then compared with what is stored by F5 */
		handling_defaults(s);
		uifm_reload(s->uf);
	}
	uifm_mark_clean(s->uf);
	return 1;
}

/* The 投诉 part differs from what is stored (uf->orig). */
static int complaint_changed(const struct csheet *s)
{
	for (int k = F_RECV_AT; k <= F_CONTENT; k++)
		if (strcmp(val(s, k), s->uf->orig->val[s->f[k]]) != 0) return 1;
	return 0;
}

static int csave(struct csheet *s)
{
	struct uia *a = s->a;
	if (handled(s)) {
		uia_set_msg(a, UIA_ERROR, "%s", s->lock);
		return 0;
	}
	if (!uia_require(a, s->r->id ? AUTH_CHANGE : AUTH_CREATE)) return 0;
	if (s->r->id && !complaint_changed(s)) {
		uia_set_msg(a, UIA_INFO, "投诉部分没有修改。处理后填写处理结果，按 F5 处理完毕。");
		return 1;
	}
	if (!uifm_presave(s->uf)) return 0;
	char err[512] = "";
	int fresh = !s->r->id;
	enum st_status st = fresh ? cmp_save(a->db, s->r, a->staff, err, sizeof err)
	                          : cmp_change(a->db, s->r, s->uf->orig, a->staff, err, sizeof err);
	if (st == ST_CHANGED) {
		uifm_changed_elsewhere(s->uf, err);
		return 0;
	}
	if (st != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "保存失败：%s", err);
		return 0;
	}
	if (!reload(s)) return 0;
	if (fresh) {
		uifm_focus(s->uf, s->f[F_RESULT]);
		uia_set_msg(a, UIA_OK, "已登记投诉：客户 %s（%s）。处理后填写处理结果，按 F5 处理完毕。", s->name,
		            val(s, F_CUST));
	} else {
		uia_set_msg(a, UIA_OK, "已保存修改：%s 受理的投诉", val(s, F_RECV_AT));
	}
	return 1;
}

/* A field F5 needs, said as the sheet says a refusal: 1 when empty. */
static int missing(struct csheet *s, int k, const char *what)
{
	if (*val(s, k)) return 0;
	uifm_focus(s->uf, s->f[k]);
	uia_set_msg(s->a, UIA_ERROR, "%s：处理完毕前必须填写%s", s->r->form->fields[s->f[k]].label, what);
	uifm_said_about(s->uf, s->f[k]);
	return 1;
}

/* F5 处理完毕 */
static void chandle(struct csheet *s)
{
	struct uia *a = s->a;
	if (handled(s)) {
		uia_set_msg(a, UIA_ERROR, "该投诉已于 %s 处理完毕", s->done_at);
		return;
	}
	if (!s->r->id) {
		/* on file first: the 处理 fields open then */
		if (csave(s))
			uia_set_msg(a, UIA_OK, "已登记投诉：客户 %s（%s）。请填写处理结果，再按 F5 处理完毕。", s->name,
			            val(s, F_CUST));
		return;
	}
	if (!uia_require(a, AUTH_CHANGE)) return;
	if (!uifm_presave(s->uf)) return; /* 处理时间 before 受理时间 too (the rules' time order) */
	if (missing(s, F_HANDLER, "（谁处理的）") || missing(s, F_HANDLED_AT, "") ||
	    missing(s, F_RESULT, "（如何处理、客户是否接受）"))
		return;
	char due[11], text[400];
	clk_add_days(val(s, F_HANDLED_AT), 7, due, sizeof due);
	snprintf(text, sizeof text, "处理完毕后这条投诉不能再修改。\n投诉回访记入回访到期清单：%s 到期，回访客户 %s。", due,
	         s->name);
	if (uia_ask(a, "处理完毕", text, "Y 处理完毕    N 暂不", "YN") != 'Y') {
		uia_set_msg(a, UIA_INFO, "未处理：可继续填写，按 F5 处理完毕");
		return;
	}
	char err[512] = "";
	enum st_status cst = complaint_changed(s) ? cmp_change(a->db, s->r, s->uf->orig, a->staff, err, sizeof err)
	                                          : ST_OK;
	if (cst == ST_CHANGED) {
		uifm_changed_elsewhere(s->uf, err);
		return;
	}
	if (cst != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "保存失败：%s", err);
		return;
	}
	if (cmp_handle_at(a->db, s->r->id, val(s, F_HANDLER), val(s, F_HANDLED_AT), val(s, F_RESULT), a->staff,
	                  err, sizeof err) != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "未处理：%s", err);
		return;
	}
	if (!reload(s)) return;
	uia_set_msg(a, UIA_OK, "已处理完毕（%s）。投诉回访已记入回访到期清单，%s 到期。", val(s, F_HANDLED_AT), due);
}

/* The sheet of complaint id (0: a new one for customer cust_no).  d:
 * opened from a draft (NULL: not).  Returns the complaint's id once on
 * file, else 0. */
static int64_t csheet_run(struct uia *a, const struct fdef_form *f, int64_t id, const char *cust_no,
                          const char *name, const struct draft *d)
{
	struct csheet s = {.a = a};
	s.r = rec_new(f);
	s.uf = s.r ? uifm_new(a, s.r) : NULL;
	if (!s.uf) {
		uia_set_notice(a, "内存不足");
		if (s.r) rec_free(s.r);
		return 0;
	}
	for (int k = 0; k < NF; k++) s.f[k] = fdef_index(f, keys[k]);
	snprintf(s.name, sizeof s.name, "%s", name);
	a->msg[0] = 0;
	int64_t out = 0;
	/* what a caller said is as much work as a customer sheet: kept on a hang-up */
	uifm_keep_on_hangup(s.uf, 0);
	if (id) {
		s.r->id = id;
		if (!reload(&s)) goto out; /* the draft stays, to be thrown away */
		if (handled(&s) && d) {
			/* handled meanwhile: nothing on it may change any more */
			uia_set_msg(a, UIA_ERROR, "无法恢复草稿：该投诉已于 %s 处理完毕，不能再修改，只能放弃草稿（Del）",
			            s.done_at);
			goto out;
		}
		if (handled(&s))
			uia_set_msg(a, UIA_INFO, "该投诉已于 %s 处理完毕，只能查看。", s.done_at);
		else
			uifm_focus(s.uf, s.f[F_RESULT]);
	} else {
		char at[20];
		clk_now_minute(at);
		rec_set_at(s.r, s.f[F_CUST], cust_no);
		rec_set_at(s.r, s.f[F_RECV_AT], at);
		rec_set_at(s.r, s.f[F_RECV_BY], staff_sheet_name(&a->me));
		apply_state(&s);
		uifm_reload(s.uf);
		uifm_mark_clean(s.uf);
		uifm_focus(s.uf, s.f[F_CONTENT]);
		uia_set_msg(a, UIA_INFO, "客户 %s（%s）。受理时间已填为现在。必填：投诉内容。", name, cust_no);
	}
	if (d && !uifm_restore_draft(s.uf, d)) goto out;
	while (!a->quit) {
		int top, h;
		char right[200];
		snprintf(right, sizeof right, "%s %s  %s", s.name, val(&s, F_CUST),
		         !s.r->id ? "新投诉" : handled(&s) ? "已处理" : "待处理");
		/* a handled complaint is only read: its bar offers no save or 处理完毕 */
		if (uia_frame(a, f->title ? f->title : "客户投诉记录", right, handled(&s) ? UIK_CDONE | UIK_RONLY : UIK_CSHEET,
		              &top, &h) == 0)
			uifm_draw(s.uf, top, h);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		enum uik_req req = UIR_NONE;
		enum uifm_act act = uifm_key(s.uf, &k, UIK_CSHEET, &req);
		if (act == UIFM_SAVE) {
			csave(&s);
		} else if (act == UIFM_BACK) {
			if (uifm_ask_leave(s.uf)) break;
		} else if (act == UIFM_OTHER && req == UIR_COMPLETE) {
			chandle(&s);
		}
	}
	out = s.r->id;
	a->msg[0] = 0;
out:
	uifm_free(s.uf);
	rec_free(s.r);
	return out;
}

/* ---- the list ---- */

struct clist {
	struct cmp_row *rows;
	int n, open, sel, first;
	char today[11], since[11];
	struct uia_watch w; /* others' complaints appear while the list stands idle */
};

/* Read the list again; the cursor stays on the complaint it was on (one
 * taken or handled elsewhere moves the others), else on the same row
 * number. */
static void fetch(struct uia *a, struct clist *l)
{
	char now[24], err[512];
	int64_t on = l->sel >= 0 && l->sel < l->n ? l->rows[l->sel].id : 0;
	clk_now(now, sizeof now);
	snprintf(l->today, sizeof l->today, "%.10s", now);
	clk_add_days(l->today, -RECENT_DAYS, l->since, sizeof l->since);
	uia_watch_read(&l->w, a);
	l->n = cmp_list(a->db, l->since, l->rows, MAX_ROWS, err, sizeof err);
	if (l->n < 0) {
		uia_set_msg(a, UIA_ERROR, "读取投诉失败：%s", err);
		l->n = 0;
		l->w.quiet = 1;
	}
	l->open = 0;
	for (int i = 0; i < l->n; i++) {
		l->open += !*l->rows[i].handled_at;
		if (on && l->rows[i].id == on) l->sel = i;
	}
	if (l->sel >= l->n) l->sel = l->n - 1;
	if (l->sel < 0) l->sel = 0;
}

/* A time of this year without its year (01-08 09:30), an older one as its
 * day: at 80 columns the cell has 11. */
static const char *when(const struct clist *l, const char *at, int wide, char *buf, size_t bufsz)
{
	if (wide) return at;
	if (strncmp(at, l->today, 4) == 0 && strlen(at) > 5) return at + 5;
	snprintf(buf, bufsz, "%.10s", at);
	return buf;
}

/* A content typed on several lines, listed on one: a run of line breaks
 * is a space between Latin words, nothing next to a Chinese character
 * ("异响，" then "服务…" is one sentence, not "异响， 服务"); a Tab a space. */
static void one_line(char *out, size_t outsz, const char *s)
{
	size_t o = 0, n = strlen(s), i = 0;
	uint32_t before = 0;
	while (i < n && o + 1 < outsz) {
		if (s[i] == '\n' || s[i] == '\r') {
			while (i < n && (s[i] == '\n' || s[i] == '\r')) i++;
			uint32_t after = 0;
			if (i < n) txt_decode(s + i, n - i, &after);
			if (before && after && txt_wcwidth(before) != 2 && txt_wcwidth(after) != 2) out[o++] = ' ';
			continue;
		}
		uint32_t cp;
		size_t k = txt_decode(s + i, n - i, &cp);
		if (o + k + 1 > outsz) break;
		if (cp == '\t') out[o++] = ' ';
		else memcpy(out + o, s + i, k), o += k;
		before = cp;
		i += k;
	}
	out[o] = 0;
}

static void crow(int y, const char *const *v, const int *w, int n, attr_t at)
{
	char line[2048] = "";
	size_t len = 0;
	for (int i = 0; i < n; i++) {
		len += txt_cell(line + len, sizeof line - len, v[i], w[i], 1);
		if (len + 1 < sizeof line) line[len++] = ' ', line[len] = 0;
	}
	uis_putpad(y, 1, COLS - 2, line, at);
}

static void clist_draw(struct uia *a, struct clist *l)
{
	int top, h;
	char right[96];
	snprintf(right, sizeof right, "待处理 %d 条  近%d天已处理 %d 条", l->open, RECENT_DAYS, l->n - l->open);
	if (uia_frame(a, "客户投诉", right, UIK_CLIST, &top, &h) != 0) return;
	/* the content takes what the screen has beyond 80 columns, the customer a little */
	int wide = COLS >= 100, extra = COLS - 80;
	int w[] = {1, wide ? 16 : 11, 18 + (wide ? extra / 6 : 0), 0, 6 + (wide ? 4 : 0), wide ? 17 : 12};
	int used = 0;
	for (int i = 0; i < 6; i++) used += i == 3 ? 0 : w[i] + 1;
	w[3] = COLS - 2 - used - 1;
	const char *head[] = {"", "受理时间", "客户", "投诉内容", "受理人", "状态"};
	crow(top, head, w, 6, A_BOLD);
	int rows = h - 1;
	if (l->sel < l->first) l->first = l->sel;
	if (l->sel >= l->first + rows) l->first = l->sel - rows + 1;
	if (l->n == 0)
		uis_put(top + 2, 3, COLS - 4, "没有待处理的投诉，近 30 天也没有处理完毕的。按 F4 登记新投诉（先找客户）。",
		        A_NORMAL);
	for (int i = 0; i < rows && l->first + i < l->n; i++) {
		const struct cmp_row *c = &l->rows[l->first + i];
		int on = l->first + i == l->sel, open = !*c->handled_at;
		char who[200], content[sizeof c->content], state[48];
		/* a long name is cut, not the customer number after it, which
		 * names the customer (阿卜杜拉·买买提 C000… said nothing) */
		int nw = w[2] - txt_width(c->cust_no) - 1;
		size_t wl = 0;
		if (txt_width(c->name) > nw && nw >= 3) wl = txt_cell(who, sizeof who, c->name, nw, 0);
		else wl = (size_t)snprintf(who, sizeof who, "%s", c->name);
		if (wl < sizeof who) snprintf(who + wl, sizeof who - wl, " %s", c->cust_no);
		one_line(content, sizeof content, c->content);
		if (open) snprintf(state, sizeof state, "待处理");
		else snprintf(state, sizeof state, "已处理 %.*s", wide ? 10 : 5, wide ? c->handled_at : c->handled_at + 5);
		char day[16];
		const char *cells[] = {on ? ">" : "", when(l, c->received_at, wide, day, sizeof day), who, content, c->received_by, state};
		crow(top + 1 + i, cells, w, 6, on ? uis_attr(UIS_SELECT) : open ? A_BOLD : A_NORMAL);
	}
	curs_set(0);
}

static void select_id(struct clist *l, int64_t id)
{
	for (int i = 0; i < l->n; i++)
		if (l->rows[i].id == id) l->sel = i;
}

void uicp_run(struct uia *a)
{
	char err[512];
	struct fdef_form *f = fdef_load("complaint", a->forms_dir, err, sizeof err);
	if (!f) {
		uia_set_notice(a, "%s", err);
		return;
	}
	struct clist l = {0};
	l.rows = calloc(MAX_ROWS, sizeof *l.rows);
	if (!l.rows) {
		fdef_free(f);
		uia_set_notice(a, "内存不足");
		return;
	}
	a->msg[0] = 0;
	fetch(a, &l);
	while (!a->quit) {
		clist_draw(a, &l);
		struct uik_key k;
		if (uia_watch_key(&l.w, AUTH_VIEW, &k)) {
			fetch(a, &l);
			continue;
		}
		if (a->quit) break;
		enum uik_req r = uik_request(UIK_CLIST, &k);
		if (r == UIR_BACK) break;
		if (r != UIR_NONE && !(k.kind == KEY_CODE_YES && k.ch == KEY_RESIZE)) a->msg[0] = 0;
		switch (r) {
		case UIR_UP: l.sel--; break;
		case UIR_DOWN: l.sel++; break;
		case UIR_PGUP: l.sel -= 10; break;
		case UIR_PGDN: l.sel += 10; break;
		case UIR_HOME: l.sel = 0; break;
		case UIR_END: l.sel = l.n - 1; break;
		case UIR_NEW: {
			if (!uia_require(a, AUTH_CREATE)) break;
			struct cust_hit c;
			if (!uilk_pick(a, "客户投诉 · 找客户", &c)) {
				fetch(a, &l);
				break;
			}
			int64_t id = csheet_run(a, f, 0, c.cust_no, c.name, NULL);
			fetch(a, &l);
			select_id(&l, id);
			break;
		}
		case UIR_OPEN:
			if (l.n > 0) {
				struct cmp_row c = l.rows[l.sel];
				/* the sheet shows whose complaint it is: a view of the customer */
				if (!uia_view_customer(a, c.cust_no)) break;
				csheet_run(a, f, c.id, c.cust_no, c.name, NULL);
				fetch(a, &l);
				select_id(&l, c.id);
			} else { /* the bar offers Enter 打开: say why it does nothing */
				uia_set_msg(a, UIA_INFO, "列表中没有投诉，没有可打开的。按 F4 登记新投诉（先找客户）。");
			}
			break;
		default: break;
		}
		if (l.sel >= l.n) l.sel = l.n - 1;
		if (l.sel < 0) l.sel = 0;
	}
	a->msg[0] = 0;
	free(l.rows);
	fdef_free(f);
}

/* The customer's name, for the sheet: the draft holds only the number. */
static int name_of(struct uia *a, const char *cust_no, char *name, size_t namesz)
{
	char err[512] = "";
	int64_t id = cust_id_of(a->db, cust_no, err, sizeof err);
	struct rec *r = id > 0 ? rec_new(a->customer) : NULL;
	int ok = r && cust_load(a->db, id, r, err, sizeof err) == ST_OK;
	if (ok) snprintf(name, namesz, "%s", rec_get(r, "name"));
	else if (id == 0) uia_set_msg(a, UIA_ERROR, "无法恢复草稿：客户 %s 已不在客户档案中，只能放弃草稿（Del）", cust_no);
	else uia_set_msg(a, UIA_ERROR, "无法恢复草稿：%s", r || id < 0 ? err : "内存不足");
	if (r) rec_free(r);
	return ok;
}

void uicp_run_draft(struct uia *a, const struct draft *d)
{
	char err[512], name[128];
	if (!*d->customer_no) {
		uia_set_msg(a, UIA_ERROR, "无法恢复草稿：草稿中没有客户编号，只能放弃草稿（Del）");
		return;
	}
	if (!name_of(a, d->customer_no, name, sizeof name)) return;
	/* a stored complaint is a view of its customer, as from the list */
	if (d->record_id && !uia_view_customer(a, d->customer_no)) return;
	struct fdef_form *f = fdef_load("complaint", a->forms_dir, err, sizeof err);
	if (!f) {
		uia_set_msg(a, UIA_ERROR, "无法恢复草稿：%s", err);
		return;
	}
	csheet_run(a, f, d->record_id, d->customer_no, name, d);
	fdef_free(f);
}
