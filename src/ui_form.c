/* ui_form — a sheet drawn from its form definition.  The layout is
 * recomputed whenever the width changes, so resizing never needs special
 * care; entries narrower than their text scroll (ui_field). */
#include "desk4s/ui_form.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk4s/draft.h"
#include "desk4s/rules.h"
#include "desk4s/text.h"
#include "desk4s/ui_pick.h"
#include "desk4s/ui_region.h"
#include "desk4s/ui_screen.h"

#define MAX_LABEL 18   /* cells kept for a label: longer ones are cut */
#define BOXES_MAX 34   /* wider choice boxes become a pick list */
#define REGION_NAME 16 /* cells for the name beside a region code */
/* A free text the form gives this many cells or more (详细地址, 沟通概况,
 * 客户描述) is a long one: it has a row of its own at 80 columns, and keeps
 * it on a wider terminal, its entry one cell wider for every column beyond
 * 80 (to the sheet's edge at most), so that an address or what was said
 * reads whole where there is room; at 80 columns the sheet is as the form
 * says.  Shorter ones (有利条件, a reason of 30) still pair up there. */
#define WIDE_TEXT 40
#define BASE_COLS 80

static struct uifm *g_live; /* every sheet between uifm_new and uifm_free, newest first */

/* Drawn on the sheet: not hidden by the form, and applying to the record
 * as it now is (a 单位 has no 身份证号码). */
static int shown(const struct uifm *uf, int i)
{
	return !(uf->f->fields[i].flags & FF_HIDDEN) && rules_applies(uf->r, i);
}

static int focusable(const struct uifm *uf, int i)
{
	return shown(uf, i) && !(uf->f->fields[i].flags & FF_READONLY);
}

struct uifm *uifm_new(struct uia *a, struct rec *r)
{
	struct uifm *uf = calloc(1, sizeof *uf);
	if (!uf) return NULL;
	int n = r->form->nfields;
	uf->a = a;
	uf->f = r->form;
	uf->r = r;
	uf->orig = rec_new(r->form);
	uf->ed = calloc((size_t)n, sizeof *uf->ed);
	uf->bad = calloc((size_t)n, 1);
	uf->locked = calloc((size_t)n, 1);
	uf->it = calloc((size_t)n, sizeof *uf->it);
	uf->named = calloc((size_t)n, 1);
	uf->bad_at = calloc((size_t)n, sizeof *uf->bad_at);
	uf->laid_applies = calloc((size_t)n, 1);
	uf->label = calloc((size_t)n, sizeof *uf->label);
	uf->scratch = rec_new(r->form);
	uf->said_lock = -1;
	uf->prose = -1;
	uf->said_field = -1;
	uf->chooser_field = -1;
	uf->bad_left = -1;
	if (!uf->orig || !uf->ed || !uf->bad || !uf->locked || !uf->it || !uf->named || !uf->scratch ||
	    !uf->laid_applies || !uf->label || !uf->bad_at) {
		uifm_free(uf);
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		const struct fdef_field *fd = &uf->f->fields[i];
		/* codes and numbers take ASCII only; free text keeps Chinese punctuation */
		int coded = fdef_is_coded(fd);
		uif_init(&uf->ed[i], rules_max_bytes(fd), coded ? UIF_FOLD_ALL : UIF_FOLD_ALNUM);
	}
	uf->focus = -1;
	for (int i = 0; i < n && uf->focus < 0; i++)
		if (focusable(uf, i)) uf->focus = i;
	uifm_reload(uf);
	uifm_mark_clean(uf);
	uf->live = g_live;
	g_live = uf;
	return uf;
}

void uifm_free(struct uifm *uf)
{
	if (!uf) return;
	uis_behind_forget(uf);
	uia_forget_sheet(uf);
	for (struct uifm **p = &g_live; *p; p = &(*p)->live)
		if (*p == uf) {
			*p = uf->live;
			break;
		}
	if (uf->orig) rec_free(uf->orig);
	if (uf->scratch) rec_free(uf->scratch);
	free(uf->named);
	free(uf->bad_at);
	free(uf->laid_applies);
	free(uf->label);
	free(uf->said_was);
	free(uf->ed);
	free(uf->bad);
	free(uf->locked);
	free(uf->it);
	free(uf->only);
	free(uf);
}

void uifm_changed_elsewhere(struct uifm *uf, const char *err)
{
	/* nothing typed is lost: a second F2 then means "mine" knowingly */
	uifm_reload(uf);
	uia_set_msg(uf->a, UIA_ERROR, "未保存：%s。本页所填仍在，其余各项已更新为最新内容；核对后再按 F2，"
	            "即以本页为准保存。", err);
}

void uifm_reload(struct uifm *uf)
{
	for (int i = 0; i < uf->f->nfields; i++) {
		size_t cur = uf->ed[i].cur, len = uf->ed[i].len;
		int same = strcmp(uf->ed[i].buf, uf->r->val[i]) == 0;
		uif_set(&uf->ed[i], uf->r->val[i]);
		if (same && cur <= len) uf->ed[i].cur = cur; /* keep the cursor where it was */
	}
}

int uifm_dirty(const struct uifm *uf) { return !rec_equal(uf->r, uf->orig); }

static void drop_draft(struct uifm *uf, int discarded);

void uifm_mark_clean(struct uifm *uf)
{
	rec_copy(uf->orig, uf->r);
	if (uf->restored) drop_draft(uf, 0);
}

void uifm_focus(struct uifm *uf, int field)
{
	if (field >= 0 && field < uf->f->nfields && focusable(uf, field)) {
		uf->focus = field;
		uf->ed[field].cur = uf->ed[field].len;
	}
}

void uifm_chooser(struct uifm *uf, int field, int (*chooser)(struct uifm *uf, int field))
{
	uf->chooser_field = field;
	uf->chooser = chooser;
}

void uifm_label(struct uifm *uf, int field, const char *label)
{
	if (field >= 0 && field < uf->f->nfields) uf->label[field] = label;
}

static const char *label_of(const struct uifm *uf, int field)
{
	return uf->label[field] ? uf->label[field] : uf->f->fields[field].label;
}

/* The problems as this sheet calls its fields: each its own label, and
 * its message's leading label too. */
static void relabel(const struct uifm *uf, struct rule_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct rule_problem *p = &l->v[i];
		if (!uf->label[p->field]) continue;
		size_t n = strlen(p->label);
		if (strncmp(p->msg, p->label, n) == 0) {
			char rest[sizeof p->msg];
			snprintf(rest, sizeof rest, "%s", p->msg + n);
			snprintf(p->msg, sizeof p->msg, "%s%s", uf->label[p->field], rest);
		}
		p->label = uf->label[p->field];
	}
}

void uifm_lock(struct uifm *uf, int field, int locked, const char *msg)
{
	if (field < 0 || field >= uf->f->nfields) return;
	uf->locked[field] = (unsigned char)locked;
	uf->lock_msg = msg;
}

/* ---- layout ---- */

static int boxes_width(const struct fdef_field *fd)
{
	int w = 0;
	for (int c = 0; c < fd->nchoices; c++) w += (c ? 1 : 0) + 1 + txt_width(fd->choices[c]);
	return w;
}

static int list_width(const struct fdef_field *fd)
{
	int w = fd->width;
	for (int c = 0; c < fd->nchoices; c++)
		if (txt_width(fd->choices[c]) > w) w = txt_width(fd->choices[c]);
	return w;
}

/* Cells an entry takes after its label, brackets and extras included. */
static int entry_cells(const struct uifm_item *it, const struct fdef_field *fd)
{
	if (it->boxes) return it->ew;
	return it->ew + 2 + (fd->type == FT_REGION ? 1 + REGION_NAME : 0);
}

enum { LONG_TEXT_ROWS = 6 };

/* A focused free text that may be long (FF_MULTILINE) and no longer fits
 * its entry of ew cells is shown whole while it is written: wrapped over
 * the width from its entry to the sheet's edge (into *w), up to
 * LONG_TEXT_ROWS rows, the rows below moved down.  Returns the rows: 1 for
 * an entry as it is. */
static int long_text_rows(const struct uifm *uf, int field, int vx, int lw, int ew, int *w)
{
	const struct fdef_field *fd = &uf->f->fields[field];
	*w = 0;
	if (!(fd->flags & FF_MULTILINE) || fd->type != FT_TEXT) return 1;
	const struct uif_edit *e = &uf->ed[field];
	if (txt_width(e->buf) <= ew && !strchr(e->buf, '\n')) return 1;
	*w = COLS - 2 - (vx + 1 + lw + 1) - 2; /* its brackets and a blank before the frame */
	if (*w < ew) *w = ew;
	int n = uif_rows(e, *w);
	return n < 1 ? 1 : n > LONG_TEXT_ROWS ? LONG_TEXT_ROWS : n;
}

static void layout(struct uifm *uf)
{
	const struct fdef_form *f = uf->f;
	int avail = COLS - 4; /* inside the box, one blank each side */
	int half = (avail - 2) / 2;
	int x1 = 2, x2 = 2 + half + 2;
	int vy = 1; /* row 0: the sheet's title */
	int i = 0;
	uf->nit = 0;
	for (int k = 0; k < f->nfields; k++) uf->laid_applies[k] = (unsigned char)rules_applies(uf->r, k);
	while (i < f->nfields) {
		const char *sec = f->fields[i].section;
		int j = i, lw = 0, any = 0;
		while (j < f->nfields && strcmp(f->fields[j].section, sec) == 0) {
			/* labels keep their width when fields come and go with
			 * 客户性质, so the entries do not jump sideways */
			if (!(f->fields[j].flags & FF_HIDDEN)) {
				int w = txt_width(f->fields[j].label);
				if (w > lw) lw = w;
			}
			any |= shown(uf, j);
			j++;
		}
		if (lw > MAX_LABEL) lw = MAX_LABEL;
		if (!any) { /* no field of the section applies: no empty box */
			i = j;
			continue;
		}
		int top = vy++; /* the box's top edge */
		int right_free = 0;
		(void)top;
		for (int k = i; k < j; k++) {
			const struct fdef_field *fd = &f->fields[k];
			if (!shown(uf, k)) continue;
			struct uifm_item *it = &uf->it[uf->nit++];
			it->field = k;
			it->lw = lw;
			it->boxes = 0;
			it->rows = 1;
			it->wide = 0;
			if (fd->type == FT_CHOICE && boxes_width(fd) <= BOXES_MAX) {
				it->boxes = 1;
				it->ew = boxes_width(fd);
			} else if (fd->type == FT_CHOICE) {
				it->ew = list_width(fd);
			} else {
				it->ew = fd->width;
			}
			int grows = !fdef_is_coded(fd) && fd->width >= WIDE_TEXT;
			if (grows && COLS > BASE_COLS) it->ew += COLS - BASE_COLS; /* cut at the edge below */
			int cw = 1 + lw + 1 + entry_cells(it, fd);
			if (cw <= half && !grows) {
				if (right_free) {
					it->vx = x2;
					it->vy = vy - 1;
					right_free = 0;
				} else {
					it->vx = x1;
					it->vy = vy++;
					right_free = 1;
				}
			} else {
				it->vx = x1;
				it->vy = vy++;
				right_free = 0;
				if (cw > avail) {
					if (it->boxes) { /* too wide for boxes: use the pick list */
						it->boxes = 0;
						it->ew = list_width(fd);
					}
					int over = 1 + lw + 1 + entry_cells(it, fd) - avail;
					if (over > 0) it->ew -= over;
					if (it->ew < 4) it->ew = 4;
				}
			}
			if (k == uf->focus) {
				int w, rows = long_text_rows(uf, k, it->vx, lw, it->ew, &w);
				if (w) { /* to the edge, alone on its rows */
					it->rows = rows;
					it->wide = w;
					vy = it->vy + rows;
					right_free = 0;
				}
			}
		}
		vy++; /* bottom edge */
		i = j;
	}
	uf->vh = vy;
	uf->laid_cols = COLS;
}

static struct uifm_item *item_of(struct uifm *uf, int field)
{
	for (int i = 0; i < uf->nit; i++)
		if (uf->it[i].field == field) return &uf->it[i];
	return NULL;
}

/* ---- drawing ---- */

static void draw_sections(struct uifm *uf, int top, int height)
{
	const struct fdef_form *f = uf->f;
	int k = 0;
	while (k < uf->nit) {
		const char *sec = f->fields[uf->it[k].field].section;
		int first = uf->it[k].vy, last = first;
		while (k < uf->nit && strcmp(f->fields[uf->it[k].field].section, sec) == 0) {
			if (uf->it[k].vy + uf->it[k].rows - 1 > last) last = uf->it[k].vy + uf->it[k].rows - 1;
			k++;
		}
		int y0 = first - 1, y1 = last + 1;
		for (int vy = y0; vy <= y1; vy++) {
			int sy = top + vy - uf->top;
			if (sy < top || sy >= top + height) continue;
			if (vy == y0 || vy == y1) {
				uis_put(sy, 0, 1, vy == y0 ? "┌" : "└", A_NORMAL);
				uis_hline(sy, 1, COLS - 2, A_NORMAL);
				uis_put(sy, COLS - 1, 1, vy == y0 ? "┐" : "┘", A_NORMAL);
				if (vy == y0) {
					char t[128];
					snprintf(t, sizeof t, " %s ", sec);
					uis_put(sy, 2, COLS - 4, t, A_BOLD);
				}
			} else {
				uis_put(sy, 0, 1, "│", A_NORMAL);
				uis_put(sy, COLS - 1, 1, "│", A_NORMAL);
			}
		}
	}
}

static int draw_choice(struct uifm *uf, const struct uifm_item *it, int y, int x, int focused)
{
	const struct fdef_field *fd = &uf->f->fields[it->field];
	const char *v = uf->r->val[it->field];
	int cx = x;
	if (!it->boxes) {
		char shown[256];
		txt_pad(shown, sizeof shown, v, it->ew, 1);
		uis_put(y, x, 1, "[", A_NORMAL);
		uis_put(y, x + 1, it->ew, shown, focused ? A_UNDERLINE : A_NORMAL);
		uis_put(y, x + 1 + it->ew, 1, "]", A_NORMAL);
		return x + 1;
	}
	int at = x;
	for (int c = 0; c < fd->nchoices; c++) {
		int on = strcmp(v, fd->choices[c]) == 0;
		if (on || c == 0) cx = at;
		at += uis_put(y, at, -1, on ? "■" : "□", on ? A_BOLD : A_NORMAL);
		at += uis_put(y, at, -1, fd->choices[c], on ? A_BOLD : A_NORMAL);
		at += 1;
	}
	return cx;
}

/* room: the rows of the body from y down */
static void draw_item(struct uifm *uf, struct uifm_item *it, int y, int room, int *cy, int *cx)
{
	const struct fdef_field *fd = &uf->f->fields[it->field];
	int focused = it->field == uf->focus;
	enum fdef_level lv = rules_level(uf->r, it->field);
	if (fd->flags & FF_READONLY) lv = FL_GENERAL;
	const char *mark = lv == FL_REQUIRED ? "*" : lv == FL_IMPORTANT ? "!" : " ";
	uis_put(y, it->vx, 1, mark, uis_attr(lv == FL_REQUIRED ? UIS_REQUIRED : UIS_IMPORTANT));
	attr_t la = uf->bad[it->field] ? uis_attr(UIS_ERROR) | A_UNDERLINE
	            : focused           ? A_BOLD
	                                : A_NORMAL;
	uis_putpad(y, it->vx + 1, it->lw, label_of(uf, it->field), la);
	int ex = it->vx + 1 + it->lw + 1, x;
	if (it->wide && focused) {
		int cyy = y;
		uif_draw_rows(&uf->ed[it->field], y, ex, it->wide, it->rows < room ? it->rows : room, A_UNDERLINE, &cyy, &x);
		y = cyy;
	} else if (fd->type == FT_CHOICE) {
		x = draw_choice(uf, it, y, ex, focused);
	} else {
		x = uif_draw(&uf->ed[it->field], y, ex, it->ew, focused, focused ? A_UNDERLINE : A_NORMAL);
		if (fd->type == FT_REGION)
			uis_put(y, ex + it->ew + 3, REGION_NAME, uirg_name(uf->r->val[it->field]), A_NORMAL);
	}
	if (focused) {
		*cy = y;
		*cx = x;
	}
}

static void draw_behind(void *uf, int top, int height) { uifm_draw(uf, top, height); }
static void move_focus(struct uifm *uf, int dir, int steps);

void uifm_draw(struct uifm *uf, int top, int height)
{
	uis_behind_body(draw_behind, uf, top, height); /* a pick list over it redraws it */
	uia_frame_sheet(uf);                           /* F1 starts with its field */
	/* the layout follows the width and, at once, the fields that apply
	 * (客户性质 changed from 个人 to 单位) */
	int relay = uf->laid_cols != COLS;
	for (int i = 0; i < uf->f->nfields && !relay; i++)
		relay = uf->laid_applies[i] != rules_applies(uf->r, i);
	/* a long text grows and shrinks as it is written, and folds back to
	 * one row when the cursor leaves it */
	for (int i = 0; i < uf->nit && !relay; i++) {
		const struct uifm_item *it = &uf->it[i];
		int w = 0, rows = it->field == uf->focus ? long_text_rows(uf, it->field, it->vx, it->lw, it->ew, &w) : 1;
		relay = rows != it->rows || w != it->wide;
	}
	if (relay) layout(uf);
	if (uf->focus >= 0 && !focusable(uf, uf->focus)) move_focus(uf, 1, 1);
	struct uifm_item *fit = item_of(uf, uf->focus);
	if (fit) {
		/* keep the focused row in view (a long text's rows too), with its
		 * section's edge when it is near */
		int last = fit->vy + fit->rows - 1;
		if (fit->vy - 1 < uf->top) uf->top = fit->vy - 1 <= 1 ? 0 : fit->vy - 1;
		if (last + 1 >= uf->top + height) uf->top = last + 2 - height;
	}
	if (uf->top > uf->vh - height) uf->top = uf->vh - height;
	if (uf->top < 0) uf->top = 0;

	if (uf->top == 0) {
		char t[256];
		snprintf(t, sizeof t, "%s", uf->f->title ? uf->f->title : uf->f->name);
		int w = txt_width(t);
		uis_put(top, (COLS - w) / 2, -1, t, A_BOLD);
		uis_put(top, COLS - 20, 1, "*", uis_attr(UIS_REQUIRED));
		uis_put(top, COLS - 19, -1, "必填  ", A_NORMAL);
		uis_put(top, COLS - 13, 1, "!", uis_attr(UIS_IMPORTANT));
		uis_put(top, COLS - 12, -1, "重要", A_NORMAL);
	}
	draw_sections(uf, top, height);
	int cy = -1, cx = 0;
	for (int i = 0; i < uf->nit; i++) {
		int sy = top + uf->it[i].vy - uf->top;
		if (sy < top || sy >= top + height) continue;
		draw_item(uf, &uf->it[i], sy, top + height - sy, &cy, &cx);
	}
	/* more of the sheet above or below: say so in the title row */
	int up = uf->top > 0, down = uf->top + height < uf->vh;
	if ((up || down) && top > 0)
		uis_put(top - 1, COLS / 2 - 2, -1, up && down ? "↑↓ 上下还有" : up ? "↑ 上面还有" : "↓ 下面还有",
		        uis_attr(UIS_TITLE));
	if (cy >= 0) {
		move(cy, cx);
		curs_set(1);
	} else {
		curs_set(0);
	}
}

/* ---- F1: what the field under the cursor takes ---- */

static int help_line(char **lines, int *hang, int n, int max, int h, const char *head, const char *text)
{
	char buf[1024];
	if (n >= max || !*text) return n;
	snprintf(buf, sizeof buf, "  %.32s%.960s", head, text);
	lines[n] = strdup(buf);
	if (!lines[n]) return n;
	hang[n] = h;
	return n + 1;
}

int uifm_help_lines(const struct uifm *uf, char **lines, int *hang, int max)
{
	int f = uf->focus, n = 0;
	if (f < 0 || f >= uf->f->nfields || max < 4) return 0;
	const struct fdef_field *fd = &uf->f->fields[f];
	char buf[1024], cond[256], accepts[512], typing[512], keys[256] = "";
	snprintf(buf, sizeof buf, "【当前项：%s】", label_of(uf, f));
	if ((lines[n] = strdup(buf)) != NULL) hang[n++] = 0;
	/* the level as the form gives it, and what it is in this record now
	 * (仅个人 on a 单位's sheet is general) */
	enum fdef_level now = rules_level(uf->r, f);
	fdef_cond_words(uf->f, fd, cond, sizeof cond);
	if (*cond)
		snprintf(buf, sizeof buf, "%s（%s，其余为一般）；本表现为%s", fdef_level_label(fd->level), cond,
		         fdef_level_label(now));
	else
		snprintf(buf, sizeof buf, "%s", fdef_level_label(fd->level));
	n = help_line(lines, hang, n, max, 8, "级别：", buf);
	rules_field_words(uf->f, f, accepts, sizeof accepts, typing, sizeof typing);
	n = help_line(lines, hang, n, max, 8, "填写：", accepts);
	if (!uf->locked[f]) n = help_line(lines, hang, n, max, 8, "输入：", typing);
	/* how this sheet takes it: the keys of ui_form's own handling below */
	const struct uifm_item *it = NULL;
	for (int i = 0; i < uf->nit; i++)
		if (uf->it[i].field == f) it = &uf->it[i];
	if (fd->type == FT_CHOICE && it && it->boxes)
		snprintf(keys, sizeof keys, "Space 依次勾选各项；或输入选项的首字、序号（1–%d）；Backspace 清空", fd->nchoices);
	else if (fd->type == FT_CHOICE)
		snprintf(keys, sizeof keys, "Space 打开选择列表；输入文字即在列表中筛选；Backspace 清空");
	else if (fd->type == FT_REGION)
		snprintf(keys, sizeof keys, "输入代码或名称即打开地区列表筛选，也可输入市、区县名或整段地址（杭州市萧山区）；Space 打开列表；Backspace 清空省、市、区县");
	else if (it && (fd->flags & FF_MULTILINE))
		snprintf(keys, sizeof keys, "输入栏宽%d格（一个汉字占2格），更长的内容输入时折行显示全文（最多%d行，"
		         "再多则随光标上下滚动）；Ctrl-U 删除光标前的内容", it->ew, LONG_TEXT_ROWS);
	else if (it)
		snprintf(keys, sizeof keys, "输入栏宽%d格（一个汉字占2格），更长的内容左右滚动；Ctrl-U 删除光标前的内容",
		         it->ew);
	if (!uf->locked[f]) n = help_line(lines, hang, n, max, 8, "按键：", keys); /* nothing to type there */
	if (uf->locked[f])
		n = help_line(lines, hang, n, max, 8, "注意：", uf->lock_msg ? uf->lock_msg : "此项不能修改");
	return n;
}

/* ---- the message about the sheet's fields ---- */

static void forget_said(struct uifm *uf)
{
	uf->said[0] = 0;
	uf->said_lock = -1;
	uf->said_field = -1;
	uf->said_bad = 0;
	free(uf->said_was);
	uf->said_was = NULL;
	memset(uf->named, 0, (size_t)uf->f->nfields);
}

/* Set the message line to msg, as this sheet's word about its fields. */
static void say(struct uifm *uf, enum uia_msg kind, const char *msg)
{
	forget_said(uf);
	uia_set_msg(uf->a, kind, "%s", msg);
	snprintf(uf->said, sizeof uf->said, "%s", uf->a->msg);
}

void uifm_said_about(struct uifm *uf, int field)
{
	forget_said(uf);
	if (field < 0 || field >= uf->f->nfields || !uf->a->msg[0]) return;
	uf->said_was = strdup(uf->r->val[field]);
	if (!uf->said_was) return; /* out of memory: the message stays until replaced */
	uf->said_field = field;
	snprintf(uf->said, sizeof uf->said, "%s", uf->a->msg);
}

#define BLOCKING ((1u << RK_INVALID) | (1u << RK_REQUIRED))

/* The record as the store holds it, for the rules to tell a value left as
 * it came (an import's day-only time) from one typed; NULL for a new one,
 * whose orig holds only what the screen filled in. */
static const struct rec *stored(const struct uifm *uf)
{
	return uf->r->id > 0 ? uf->orig : NULL;
}

/* What a refusal at pt begins with: the act refused, since opening or
 * completing an order is not "saving" to the one doing it. */
static const char *refusal_word(const struct uifm *uf, enum rule_point pt)
{
	if (uf->refused) return uf->refused;
	return pt == RP_WO_OPEN ? "未开单" : pt == RP_WO_COMPLETE ? "未完工" : "未保存";
}

/* The one refusal message: "未保存。必填项未填：…。有误：…。" (word: 未保存)
 * from the problems of l whose field and kind named holds (every blocking
 * one when named is NULL). */
static void refusal_text(const char *word, const struct rule_list *l, const unsigned char *named, char *msg,
                         size_t msgsz)
{
	char req[600];
	rules_join_labels_of(l, RK_REQUIRED, named, req, sizeof req);
	size_t at = (size_t)snprintf(msg, msgsz, "%s。", word);
	if (*req && at < msgsz) at += (size_t)snprintf(msg + at, msgsz - at, "必填项未填：%s。", req);
	int any = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct rule_problem *p = &l->v[i];
		if (p->kind != RK_INVALID || (named && !(named[p->field] & (1u << RK_INVALID)))) continue;
		if (at < msgsz)
			at += (size_t)snprintf(msg + at, msgsz - at, "%s%s", any ? "；" : "有误：", p->msg);
		any = 1;
	}
	if (any && at < msgsz) snprintf(msg + at, msgsz - at, "。");
}

static void important_text(const struct rule_list *l, const unsigned char *named, char *msg,
                           size_t msgsz)
{
	char labels[600];
	rules_join_labels_of(l, RK_IMPORTANT, named, labels, sizeof labels);
	snprintf(msg, msgsz, "请补填重要项目：%s", labels);
}

/* After a key: the message about the sheet's fields keeps up with them
 * (the malformed fields' word is follow_malformed's).  A named field drops
 * out once its problem of the kind named is gone (filled, or no longer
 * malformed; a malformed one is described as it is now), and the message
 * goes with the last one, so it never outlives its cause and never goes
 * while a cause stands.  A locked field's message goes when the cursor
 * leaves that field.  Someone else's message since (uia_set_msg) is not
 * ours to touch. */
static void follow_said(struct uifm *uf)
{
	struct uia *a = uf->a;
	if (!uf->said[0]) return;
	if (strcmp(a->msg, uf->said) != 0) {
		forget_said(uf);
		return;
	}
	if (uf->said_bad) return; /* follow_malformed's */
	if (uf->said_lock >= 0) {
		if (uf->focus != uf->said_lock) {
			a->msg[0] = 0;
			forget_said(uf);
		}
		return;
	}
	if (uf->said_field >= 0) {
		if (strcmp(uf->r->val[uf->said_field], uf->said_was) != 0) {
			a->msg[0] = 0;
			forget_said(uf);
		}
		return;
	}
	rec_copy(uf->scratch, uf->r);
	struct rule_list l = {0};
	if (rules_check_edit(uf->scratch, stored(uf), uf->said_pt, &l) < 0) {
		rules_list_free(&l); /* out of memory: the message stays as it is */
		return;
	}
	relabel(uf, &l);
	int left = 0;
	unsigned kinds = 0;
	for (int f = 0; f < uf->f->nfields; f++) {
		if (!uf->named[f]) continue;
		unsigned still = 0;
		for (size_t i = 0; i < l.n; i++)
			if (l.v[i].field == f) still |= uf->named[f] & (1u << l.v[i].kind);
		uf->named[f] = (unsigned char)still;
		uf->bad[f] = (still & BLOCKING) != 0; /* the label is red while named */
		left += still != 0;
		kinds |= still;
	}
	if (!left) {
		a->msg[0] = 0;
		forget_said(uf);
	} else {
		char msg[sizeof uf->said];
		if (kinds & BLOCKING) refusal_text(refusal_word(uf, uf->said_pt), &l, uf->named, msg, sizeof msg);
		else important_text(&l, uf->named, msg, sizeof msg);
		snprintf(a->msg, sizeof a->msg, "%s", msg);
		snprintf(uf->said, sizeof uf->said, "%s", a->msg);
	}
	rules_list_free(&l);
}

/* ---- keys ---- */

static void move_focus(struct uifm *uf, int dir, int steps)
{
	int n = uf->f->nfields, f = uf->focus;
	int page = steps > 1; /* page moves stop at the ends, on their last step too */
	if (f < 0) return;
	while (steps-- > 0) {
		int g = f;
		do g = (g + dir + n) % n;
		while (g != f && (!focusable(uf, g) || (uf->only && !uf->only[g])));
		if (dir > 0 && g < f && page) break;
		if (dir < 0 && g > f && page) break;
		f = g;
	}
	uf->focus = f;
}

static void set_value(struct uifm *uf, int field, const char *v)
{
	rec_set_at(uf->r, field, v);
	uif_set(&uf->ed[field], v);
	uf->bad[field] = 0;
}

/* The choice the system sets (整车销售) is not staff's to pick; one the
 * record already holds stays in view, so moving off it is a choice too. */
static int offered(const struct uifm *uf, int field, int c)
{
	const struct fdef_field *fd = &uf->f->fields[field];
	return c + 1 != fd->auto_choice || strcmp(uf->r->val[field], fd->choices[c]) == 0;
}

/* 1 when the sheet moves on: a choice made, or the list passed over with Tab */
static int pick_choice(struct uifm *uf, int field, const char *filter)
{
	const struct fdef_field *fd = &uf->f->fields[field];
	struct uipk_item items[FDEF_MAX_CHOICES] = {{0}};
	char nums[FDEF_MAX_CHOICES][12];
	int which[FDEF_MAX_CHOICES], n = 0, sel = -1;
	for (int c = 0; c < fd->nchoices; c++) {
		if (!offered(uf, field, c)) continue;
		snprintf(nums[n], sizeof nums[n], "%d", n + 1);
		items[n].code = nums[n];
		items[n].label = fd->choices[c];
		if (strcmp(uf->r->val[field], fd->choices[c]) == 0) sel = n;
		which[n++] = c;
	}
	int k = uipk_run(uf->a, fd->label, items, n, filter, sel);
	if (k >= 0 && k < n) set_value(uf, field, fd->choices[which[k]]);
	return (k >= 0 && k < n) || k == UIPK_NEXT;
}

/* Typing into choice boxes: a digit picks by number, a character picks the
 * (next) choice that starts with it. */
static int type_choice(struct uifm *uf, int field, uint32_t ch)
{
	const struct fdef_field *fd = &uf->f->fields[field];
	uint32_t h = txt_halfwidth(ch);
	if (h >= '1' && h <= '9' && (int)(h - '0') <= fd->nchoices && offered(uf, field, (int)(h - '1'))) {
		set_value(uf, field, fd->choices[h - '1']);
		return 1;
	}
	int cur = -1;
	for (int c = 0; c < fd->nchoices; c++)
		if (strcmp(uf->r->val[field], fd->choices[c]) == 0) cur = c;
	for (int s = 1; s <= fd->nchoices; s++) {
		int c = (cur + s + fd->nchoices) % fd->nchoices;
		if (!offered(uf, field, c)) continue;
		uint32_t first;
		txt_decode(fd->choices[c], strlen(fd->choices[c]), &first);
		if (first == ch || first == h) {
			set_value(uf, field, fd->choices[c]);
			return 1;
		}
	}
	return 0;
}

static void region_fields(const struct uifm *uf, int idx[3])
{
	int n = 0;
	idx[0] = idx[1] = idx[2] = -1;
	for (int i = 0; i < uf->f->nfields && n < 3; i++)
		if (uf->f->fields[i].type == FT_REGION) idx[n++] = i;
}

/* 1 when the district was chosen: the sheet goes on past the three
 * region fields (their cascade filled them all), as after any other
 * choice; a pick left at the province or city stays for the rest. */
static int pick_region(struct uifm *uf, const char *filter)
{
	int idx[3];
	char codes[3][8];
	region_fields(uf, idx);
	int from = 0;
	for (int k = 0; k < 3; k++) {
		snprintf(codes[k], sizeof codes[k], "%s", idx[k] >= 0 ? uf->r->val[idx[k]] : "");
		if (idx[k] == uf->focus) from = k;
	}
	if (!uirg_pick(uf->a, codes, filter, from)) return 0;
	for (int k = 0; k < 3; k++)
		if (idx[k] >= 0) set_value(uf, idx[k], codes[k]);
	int last = idx[2] >= 0 ? idx[2] : idx[1] >= 0 ? idx[1] : idx[0];
	if (!*codes[2] || last < 0) return 0;
	uf->focus = last; /* the caller moves on from here */
	return 1;
}

static void clear_region(struct uifm *uf)
{
	int idx[3];
	region_fields(uf, idx);
	for (int k = 0; k < 3; k++)
		if (idx[k] >= 0) set_value(uf, idx[k], "");
}

/* A character that starts no choice: a beep alone lost what was typed
 * without a word (text meant for the next field, typed a field early); the
 * message names the field and what it takes, and goes when the cursor does. */
static void no_such_choice(struct uifm *uf, int f, uint32_t ch)
{
	const struct fdef_field *fd = &uf->f->fields[f];
	char typed[8] = "", list[512] = "", msg[1024];
	if (ch < 0x20 || ch == 0x7f) { /* a control key: nothing to name */
		beep();
		return;
	}
	typed[txt_encode(ch, typed)] = 0;
	size_t at = 0;
	int n = 0;
	for (int c = 0; c < fd->nchoices && at < sizeof list; c++) {
		if (!offered(uf, f, c)) continue;
		at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", n++ ? "、" : "", fd->choices[c]);
	}
	/* the malformed fields it takes the line from are not forgotten:
	 * counted here, and said again once it goes (follow_malformed) */
	int bad = 0;
	for (int i = 0; i < uf->f->nfields; i++) bad += uf->bad_at[i] != 0;
	char more[64] = "";
	if (bad) snprintf(more, sizeof more, "；另有%d项有误", bad);
	beep();
	snprintf(msg, sizeof msg, "%s：没有以“%s”开头的选项；可选：%s（输入首字或序号，Space 依次勾选）%s",
	         fd->label, typed, list, more);
	say(uf, UIA_ERROR, msg);
	uf->said_lock = f;
}

/* A choice field: Backspace/Del empties it, Space cycles the boxes or opens
 * the pick list, a typed character picks (boxes) or opens the list filtered.
 * 1 when the list was left for the next field (pick_choice). */
static int choice_key(struct uifm *uf, int f, enum uik_req req, uint32_t ch)
{
	const struct fdef_field *fd = &uf->f->fields[f];
	struct uifm_item *it = item_of(uf, f);
	int boxes = it && it->boxes;
	if (req != UIR_NONE) uf->prose = -1; /* a choice key: meant for this field */
	if (req == UIR_BS || req == UIR_DEL || req == UIR_KILL) {
		set_value(uf, f, "");
	} else if (req == UIR_CHOOSE && boxes) {
		int cur = -1;
		for (int c = 0; c < fd->nchoices; c++)
			if (strcmp(uf->r->val[f], fd->choices[c]) == 0) cur = c;
		/* cycle through the choices and back to empty */
		int next = cur + 1;
		while (next < fd->nchoices && !offered(uf, f, next)) next++;
		set_value(uf, f, next < fd->nchoices ? fd->choices[next] : "");
	} else if (req == UIR_CHOOSE) {
		return pick_choice(uf, f, "");
	} else if (req == UIR_NONE && boxes && uf->prose == f) {
		/* after a character no choice starts comes the rest of a sentence
		 * meant for another field (客户说已在…): its 已 ticked 已联系 over
		 * 拒绝 without a word.  The first character's message stays. */
		beep();
	} else if (req == UIR_NONE && boxes) {
		if (!type_choice(uf, f, ch)) {
			no_such_choice(uf, f, ch);
			if (ch >= 0x20 && ch != 0x7f) uf->prose = f;
		} else if (uf->said_lock == f && strcmp(uf->a->msg, uf->said) == 0) {
			/* a choice made here: the word about the character it did
			 * not take is over, not left until the cursor leaves */
			uf->a->msg[0] = 0;
			forget_said(uf);
		}
	} else if (req == UIR_NONE) {
		char s[8] = "";
		s[txt_encode(txt_halfwidth(ch), s)] = 0;
		return pick_choice(uf, f, s);
	}
	return 0;
}

/* A region field: any typing opens the picker filtered by it; Backspace/Del
 * clears the whole triple, since a city means nothing without its province.
 * 1 when the pick went down to the district (pick_region). */
static int region_key(struct uifm *uf, enum uik_req req, uint32_t ch)
{
	if (req == UIR_BS || req == UIR_DEL || req == UIR_KILL) {
		clear_region(uf);
	} else if (req == UIR_CHOOSE) {
		return pick_region(uf, "");
	} else if (req == UIR_NONE) {
		char s[8] = "";
		s[txt_encode(txt_halfwidth(ch), s)] = 0;
		return pick_region(uf, s);
	}
	return 0;
}

/* Editing keys on the focused field (req is UIR_NONE for a typed
 * character).  1 when a pick list was left for the next field. */
static int edit_key(struct uifm *uf, int f, enum uik_req req, uint32_t ch)
{
	const struct fdef_field *fd = &uf->f->fields[f];
	int edits = req == UIR_NONE || req == UIR_BS || req == UIR_DEL || req == UIR_KILL || req == UIR_CHOOSE;
	if (uf->locked[f] && edits) {
		beep();
		say(uf, UIA_ERROR, uf->lock_msg ? uf->lock_msg : "此项不能修改");
		uf->said_lock = f;
		return 0;
	}
	if (fd->type == FT_CHOICE) return choice_key(uf, f, req, ch);
	if (fd->type == FT_REGION) return region_key(uf, req, ch);
	if (req == UIR_CHOOSE && f == uf->chooser_field && uf->chooser) return uf->chooser(uf, f);
	if (req == UIR_CHOOSE) req = UIR_NONE, ch = ' '; /* Space is just a space in text */
	int r = uif_key(&uf->ed[f], req, ch);
	if (r < 0) beep();
	if (r > 0) {
		rec_set_at(uf->r, f, uf->ed[f].buf);
		uf->bad[f] = 0;
	}
	return 0;
}

/* The fields said malformed and still so (bad_at), in one line: the
 * newest one's problems from l, then how many more remain, so leaving a
 * second malformed field does not make the first forgotten.  One row of
 * the message line, cut with "…" (never the count): a wrapped word pushes
 * the sheet up, and each field's whole word is F1's and the save's.  ""
 * when none is left. */
static void malformed_line(const struct uifm *uf, const struct rule_list *l, char *out, size_t outsz)
{
	int newest = -1, others = 0;
	for (int f = 0; f < uf->f->nfields; f++) {
		if (!uf->bad_at[f]) continue;
		if (newest >= 0) others++;
		if (newest < 0 || uf->bad_at[f] > uf->bad_at[newest]) newest = f;
	}
	out[0] = 0;
	if (newest < 0) return;
	char head[sizeof uf->said - 40], tail[32] = ""; /* both fit in out whole */
	size_t at = 0;
	head[0] = 0;
	for (size_t i = 0; i < l->n && at < sizeof head; i++)
		if (l->v[i].field == newest && l->v[i].kind == RK_INVALID)
			at += (size_t)snprintf(head + at, sizeof head - at, "%s%s", at ? "；" : "有误：", l->v[i].msg);
	if (others) snprintf(tail, sizeof tail, "；另有%d项有误", others);
	int room = COLS - 1 - txt_width(tail); /* the message line's width (uia_frame) */
	if (txt_width(head) > room && room > 1)
		snprintf(out, outsz, "%.*s…%s", (int)txt_fit(head, room - 1), head, tail);
	else
		snprintf(out, outsz, "%s%s", head, tail);
}

/* 1 when l has a malformed-value problem of field. */
static int malformed(const struct rule_list *l, int field)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].field == field && l->v[i].kind == RK_INVALID) return 1;
	return 0;
}

/* A value left malformed is said as the cursor leaves its field (Chinese
 * typed into 手机号 by an input method, a digit short in an ID number),
 * not only at the save after the whole sheet is typed.  Every field so
 * said stays counted until mended (malformed_line); the word follows them
 * after each key and goes with the last.  A refusal in force is not
 * replaced (it already names the fields and keeps up with them), nor
 * another's word; the word comes back when the line is free again (a
 * choice typed wrong, said until its field is left). */
static void follow_malformed(struct uifm *uf)
{
	struct uia *a = uf->a;
	int left = uf->bad_left, any = 0;
	uf->bad_left = -1;
	if (left >= 0 && (!*uf->r->val[left] || uf->locked[left])) left = -1;
	for (int f = 0; f < uf->f->nfields && !any; f++) any = uf->bad_at[f] != 0;
	int ours = uf->said[0] && uf->said_bad && strcmp(a->msg, uf->said) == 0;
	if (!any && left < 0) {
		if (ours) {
			a->msg[0] = 0;
			forget_said(uf);
		}
		return;
	}
	rec_copy(uf->scratch, uf->r);
	struct rule_list l = {0};
	if (rules_check_edit(uf->scratch, stored(uf), RP_SAVE, &l) < 0) {
		rules_list_free(&l); /* out of memory: the save says it */
		return;
	}
	relabel(uf, &l);
	int fresh = left >= 0 && malformed(&l, left);
	if (fresh) uf->bad_at[left] = ++uf->bad_n;
	for (int f = 0; f < uf->f->nfields; f++)
		if (uf->bad_at[f] && !malformed(&l, f)) uf->bad_at[f] = 0;
	char line[sizeof uf->said];
	malformed_line(uf, &l, line, sizeof line);
	rules_list_free(&l);
	int refusal = uf->said[0] && !uf->said_bad && uf->said_lock < 0 && uf->said_field < 0 &&
	              strcmp(a->msg, uf->said) == 0;
	if (fresh && refusal && !(uf->named[left] & (1u << RK_INVALID))) {
		/* the refusal named the fields of its moment: one made malformed
		 * since joins it, and drops out with it once mended (follow_said) */
		uf->named[left] |= 1u << RK_INVALID;
		follow_said(uf);
	} else if (ours && !line[0]) {
		a->msg[0] = 0;
		forget_said(uf);
	} else if (line[0] && (ours || (fresh && !refusal) || !a->msg[0])) {
		forget_said(uf);
		uia_set_msg(a, UIA_ERROR, "%s", line);
		snprintf(uf->said, sizeof uf->said, "%s", a->msg);
		uf->said_bad = 1;
	}
}

/* After a key: the messages about the sheet's fields keep up with them. */
static void follow_fixes(struct uifm *uf)
{
	if (uf->prose != uf->focus) uf->prose = -1; /* the cursor moved on: choices again */
	follow_said(uf);
	follow_malformed(uf);
}

static enum uifm_act key(struct uifm *uf, const struct uik_key *k, uik_scopes extra_scopes,
                         enum uik_req *reqp)
{
	/* a dialog of one field takes only its own keys: nothing to move to */
	enum uik_req req = uik_request(extra_scopes & UIK_DLG1 ? extra_scopes : UIK_FORM | extra_scopes, k);
	int before = uf->focus;
	if (reqp) *reqp = req;
	if (before < 0) return req == UIR_BACK ? UIFM_BACK : UIFM_NONE;
	switch (req) {
	case UIR_SAVE: return UIFM_SAVE;
	case UIR_BACK: return UIFM_BACK;
	case UIR_NEXT:
	case UIR_DOWN: move_focus(uf, 1, 1); break;
	case UIR_PREV:
	case UIR_UP: move_focus(uf, -1, 1); break;
	case UIR_PGDN: move_focus(uf, 1, 8); break;
	case UIR_PGUP: move_focus(uf, -1, 8); break;
	case UIR_NONE:
		if (k->kind != OK) {
			/* a function key this sheet does not take: said, where it
			 * did nothing without a word (F5 on a new customer sheet) */
			if (k->kind == KEY_CODE_YES && k->ch >= KEY_F(1) && k->ch <= KEY_F(12)) {
				char msg[160];
				snprintf(msg, sizeof msg, "F%d 在这张表上没有用处；可用的按键见下方提示行，F1 列出全部。",
				         (int)(k->ch - KEY_F(0)));
				say(uf, UIA_INFO, msg);
				uf->said_lock = before; /* gone when the cursor moves on */
			}
			return UIFM_NONE;
		}
		/* fall through */
	case UIR_CHOOSE:
	case UIR_LEFT:
	case UIR_RIGHT:
	case UIR_HOME:
	case UIR_END:
	case UIR_BS:
	case UIR_DEL:
	case UIR_KILL:
		if (!edit_key(uf, before, req, (uint32_t)k->ch)) return UIFM_NONE;
		/* picked from a list: on to the next field, as Enter does
		 * elsewhere, so what is typed next is not the list's filter */
		move_focus(uf, 1, 1);
		break;
	default: return UIFM_OTHER;
	}
	if (uf->focus != before) {
		uf->left_field = before;
		uf->bad_left = before; /* said after the key (follow_malformed) */
		return UIFM_MOVED;
	}
	return UIFM_NONE;
}

enum uifm_act uifm_key(struct uifm *uf, const struct uik_key *k, uik_scopes extra_scopes,
                       enum uik_req *reqp)
{
	int was_clean = uf->a->msg_kind == UIA_OK && !uifm_dirty(uf);
	enum uifm_act act = key(uf, k, extra_scopes, reqp);
	follow_fixes(uf);
	/* "已保存" under a sheet changed since would say the change is kept */
	if (was_clean && uf->a->msg_kind == UIA_OK && uifm_dirty(uf)) uf->a->msg[0] = 0;
	return act;
}

/* ---- save checks ---- */

void uifm_only(struct uifm *uf, const int *fields, int n)
{
	free(uf->only);
	uf->only = NULL;
	if (n <= 0 || !(uf->only = calloc((size_t)uf->f->nfields, 1))) return;
	for (int i = 0; i < n; i++)
		if (fields[i] >= 0 && fields[i] < uf->f->nfields) uf->only[fields[i]] = 1;
}

int uifm_ask_important(struct uia *a, const char *labels, const char *go)
{
	char text[1024], answers[128];
	snprintf(text, sizeof text, "以下重要项目尚未填写：\n%s", labels);
	snprintf(answers, sizeof answers, "F 现在填写      S %s      Esc 返回", go);
	int c = uia_ask(a, "重要项目未填", text, answers, "FS");
	return c == 'S' ? 1 : c == 'F' ? 0 : -1;
}

/* A value in a field that does not apply, which this sheet put there or
 * made not apply.  One the stored record already held where it did not
 * apply (an old system's 单位 with an ID number) is kept as it came:
 * changing that customer's address does not force a decision about it. */
static int stray(const struct uifm *uf, int i)
{
	if (!*uf->r->val[i] || rules_applies(uf->r, i))
		return 0;
	return !(uf->r->id > 0 && uf->orig && !rules_applies(uf->orig, i) &&
	         strcmp(uf->orig->val[i], uf->r->val[i]) == 0);
}

/* Values left in fields that no longer apply (客户性质 changed to 单位 after
 * the person's ID number was typed): kept on the sheet while it is open, so
 * changing back brings them back, but never saved unseen.  Asks once,
 * naming them; 1 when there are none or they were emptied, 0 to go back.
 * Worded with the act at pt (开单, 完工: a shop's own order form may have
 * fields that apply by condition), as the refusal is. */
static int drop_stray(struct uifm *uf, enum rule_point pt)
{
	const struct fdef_form *f = uf->f;
	char labels[800] = "", why[200] = "";
	size_t at = 0;
	for (int i = 0; i < f->nfields; i++) {
		if (!stray(uf, i)) continue;
		at += (size_t)snprintf(labels + at, at < sizeof labels ? sizeof labels - at : 0, "%s%s",
		                       at ? "、" : "", label_of(uf, i));
		if (at >= sizeof labels) at = sizeof labels - 1;
		for (int c = 0; c < f->fields[i].napp && !why[0]; c++) {
			const struct fdef_cond *cd = &f->fields[i].app[c];
			if ((strcmp(uf->r->val[cd->field], cd->value) == 0) == cd->negate)
				snprintf(why, sizeof why, "%s为“%s”", f->fields[cd->field].label,
				         uf->r->val[cd->field]);
		}
	}
	if (!labels[0]) return 1;
	/* every refusal word is 未 and the act */
	const char *word = refusal_word(uf, pt);
	const char *act = strncmp(word, "未", strlen("未")) == 0 ? word + strlen("未") : "保存";
	char text[1200], answers[64];
	snprintf(text, sizeof text, "%s，以下项目不适用，%s时将清空：\n%s\n（不清空请按 Esc，改回后这些内容仍在。）",
	         why, act, labels);
	snprintf(answers, sizeof answers, "Y 清空并%s      Esc 返回", act);
	if (uia_ask(uf->a, "不适用的项目有内容", text, answers, "Y") != 'Y') {
		char msg[sizeof labels + sizeof why + 64];
		snprintf(msg, sizeof msg, "%s。%s，不适用的项目仍有内容：%s", word, why, labels);
		uia_set_msg(uf->a, UIA_INFO, "%s", msg);
		return 0;
	}
	for (int i = 0; i < f->nfields; i++)
		if (stray(uf, i)) set_value(uf, i, "");
	return 1;
}

int uifm_refuse(struct uifm *uf, enum rule_point pt, struct rule_list *out)
{
	struct rule_list l = {0};
	int blocking = rules_check_edit(uf->r, stored(uf), pt, &l);
	relabel(uf, &l);
	uifm_reload(uf); /* show the values as normalised */
	memset(uf->bad, 0, (size_t)uf->f->nfields);
	uf->warn[0] = 0;
	if (blocking < 0) {
		uia_set_msg(uf->a, UIA_ERROR, "内存不足，%s", refusal_word(uf, pt));
		rules_list_free(&l);
		return 0;
	}
	if (blocking > 0) {
		char msg[sizeof uf->said];
		refusal_text(refusal_word(uf, pt), &l, NULL, msg, sizeof msg);
		say(uf, UIA_ERROR, msg);
		uf->said_pt = pt;
		int first = -1;
		for (size_t i = 0; i < l.n; i++) {
			struct rule_problem *p = &l.v[i];
			if (p->kind != RK_INVALID && p->kind != RK_REQUIRED) continue;
			uf->bad[p->field] = 1;
			uf->named[p->field] |= (unsigned char)(1u << p->kind);
			if (first < 0) first = p->field;
		}
		if (uf->only)
			for (int i = 0; i < uf->f->nfields; i++) uf->only[i] |= uf->bad[i];
		uifm_focus(uf, first);
		rules_list_free(&l);
		return 0;
	}
	if (uf->said[0] && strcmp(uf->a->msg, uf->said) == 0) uf->a->msg[0] = 0; /* its causes are gone */
	forget_said(uf);
	memset(uf->bad_at, 0, (size_t)uf->f->nfields * sizeof *uf->bad_at); /* none is malformed */
	if (!drop_stray(uf, pt)) {
		rules_list_free(&l);
		return 0;
	}
	size_t at = 0;
	for (size_t i = 0; i < l.n && at < sizeof uf->warn; i++)
		if (l.v[i].kind == RK_WARNING)
			at += (size_t)snprintf(uf->warn + at, sizeof uf->warn - at, "%s%s", at ? "；" : "",
			                       l.v[i].msg);
	*out = l;
	return 1;
}

int uifm_presave(struct uifm *uf)
{
	struct rule_list l = {0};
	if (!uifm_refuse(uf, RP_SAVE, &l)) return 0;
	if (rules_count(&l, RK_IMPORTANT) > 0) {
		char labels[800];
		rules_join_labels(&l, RK_IMPORTANT, labels, sizeof labels);
		if (uifm_ask_important(uf->a, labels, "仍然保存") != 1) {
			int first = -1;
			for (size_t i = 0; i < l.n && first < 0; i++)
				if (l.v[i].kind == RK_IMPORTANT) first = l.v[i].field;
			uifm_focus(uf, first);
			char msg[sizeof uf->said];
			important_text(&l, NULL, msg, sizeof msg);
			say(uf, UIA_INFO, msg);
			uf->said_pt = RP_SAVE;
			for (size_t i = 0; i < l.n; i++)
				if (l.v[i].kind == RK_IMPORTANT)
					uf->named[l.v[i].field] |= (unsigned char)(1u << RK_IMPORTANT);
			rules_list_free(&l);
			return 0;
		}
	}
	rules_list_free(&l);
	return 1;
}

/* uifm_dialog, and uifm_dialog_act with the field `one` (-1: none);
 * act: what its Enter or F2 does, said in its bar and F1. */
static int dialog(struct uia *a, struct rec *r, const char *title, const char *right, const char *msg, int one,
                  const char *refused, const char *act)
{
	struct uifm *uf = uifm_new(a, r);
	if (!uf) return 0;
	/* the dialog's keys, not the sheet's behind it: one field's Enter
	 * passes it as F2 does; several fields' Enter moves on */
	uik_scopes keys = one >= 0 ? UIK_DLG1 : UIK_DLG;
	const char *was = uik_set_act(act);
	uf->refused = refused;
	if (one >= 0) uifm_focus(uf, one);
	char saved[sizeof a->msg];
	enum uia_msg saved_kind = a->msg_kind;
	memcpy(saved, a->msg, sizeof saved);
	uia_set_msg(a, UIA_INFO, "%s", msg ? msg : "");
	int done = -1;
	while (done < 0 && !a->quit) {
		int top, h;
		if (uia_frame(a, title, right, one >= 0 ? keys : UIK_FORM | keys, &top, &h) == 0)
			uifm_draw(uf, top, h);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		enum uifm_act got = uifm_key(uf, &k, keys, NULL);
		if (got == UIFM_SAVE && uifm_presave(uf)) done = 1;
		else if (got == UIFM_BACK) done = 0; /* a few words typed: no question */
	}
	uik_set_act(was);
	memcpy(a->msg, saved, sizeof saved);
	a->msg_kind = saved_kind;
	uifm_free(uf);
	return done == 1;
}

int uifm_dialog(struct uia *a, struct rec *r, const char *title, const char *right,
                const char *msg)
{
	return dialog(a, r, title, right, msg, -1, NULL, "保存");
}

int uifm_dialog_act(struct uia *a, struct rec *r, const char *title, const char *right, const char *msg,
                    const char *key, const char *refused, const char *act)
{
	int one = fdef_index(r->form, key);
	return one >= 0 && dialog(a, r, title, right, msg, one, refused, act);
}

/* ---- drafts ---- */

void uifm_keep_on_hangup(struct uifm *uf, int64_t link)
{
	uf->keep = 1;
	uf->link = link;
}

/* Whom or what the sheet is about, to recognise the draft in the list:
 * up to three of these the sheet has filled (no mobile: the list is shown
 * before anything else, and a name or a plate is enough). */
static void describe(const struct uifm *uf, char *out, size_t outsz)
{
	static const char *const keys[] = {"cust_no", "card_no", "wo_no", "name", "cust_name",
	                                   "plate", "arrive_at", "received_at"};
	size_t at = 0;
	int n = 0;
	out[0] = 0;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0] && n < 3; i++) {
		const char *v = rec_get(uf->r, keys[i]);
		if (!*v || at >= outsz) continue;
		/* a cut never leaves half a character */
		char part[96];
		txt_pad(part, sizeof part, v, 30, 0);
		at += (size_t)snprintf(out + at, outsz - at, "%s%s", n ? "  " : "", part);
		n++;
	}
}

int uifm_keep_drafts(struct uia *a, int *in_files, char *err, size_t errsz)
{
	int kept = 0, failed = 0, to_file = 0;
	*in_files = 0;
	for (struct uifm *uf = g_live; uf; uf = uf->live) {
		if (!uf->keep || uf->a != a || !uifm_dirty(uf)) continue;
		/* every sheet with changes, one behind another of the same form
		 * too; one restored from a draft replaces that draft */
		struct draft d;
		memset(&d, 0, sizeof d);
		d.id = uf->restored;
		snprintf(d.form, sizeof d.form, "%s", uf->f->name);
		snprintf(d.title, sizeof d.title, "%s", uf->f->title ? uf->f->title : uf->f->name);
		d.link_id = uf->link;
		snprintf(d.customer_no, sizeof d.customer_no, "%s", rec_get(uf->r, "cust_no"));
		describe(uf, d.summary, sizeof d.summary);
		char e[512], path[4400];
		const struct rec *base = uf->r->id ? uf->orig : NULL;
		/* a stored record keeps only what was changed; a new one all it has */
		if (!to_file && draft_save(a->db, a->staff, &d, uf->r, base, e, sizeof e) == ST_OK) {
			kept++;
			continue;
		}
		/* the database did not take it (held by another terminal past the
		 * wait): a file of its own, which the next login takes in; the
		 * sheets after it go there straight, without waiting again */
		to_file = 1;
		if (draft_save_file(a->db, a->staff, &d, uf->r, base, path, sizeof path, e, sizeof e) == ST_OK) {
			kept++;
			(*in_files)++;
		} else if (!failed) {
			snprintf(err, errsz, "%s", e);
			failed = 1;
		}
	}
	return failed ? -1 : kept;
}

int uifm_restore_draft(struct uifm *uf, const struct draft *d)
{
	struct uia *a = uf->a;
	char err[512];
	struct draft got;
	enum st_status st = draft_load(a->db, a->staff, d->id, &got, uf->r, err, sizeof err);
	if (st == ST_OK && draft_restored(a->db, a->staff, &got, err, sizeof err) != ST_OK) {
		/* a restore that cannot be traced is not shown, like a view */
		uia_set_msg(a, UIA_ERROR, "无法记入使用日志，未恢复草稿：%s", err);
		st = ST_ERROR;
	} else if (st != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "无法恢复草稿：%s", err);
	}
	if (st != ST_OK) {
		rec_copy(uf->r, uf->orig); /* nothing half applied */
		uifm_reload(uf);
		return 0;
	}
	uifm_reload(uf);
	uf->restored = got.id;
	uia_set_msg(a, UIA_INFO, "已恢复 %.16s 保留的草稿，尚未保存：核对后按 F2 保存；Esc 放弃。", got.saved_at);
	return 1;
}

static void drop_draft(struct uifm *uf, int discarded)
{
	char err[512];
	int64_t id = uf->restored;
	uf->restored = 0;
	if (draft_delete(uf->a->db, uf->a->staff, id, discarded, err, sizeof err) != ST_OK)
		uia_set_notice(uf->a, "未能删除草稿：%s", err);
}

int uifm_ask_leave(struct uifm *uf)
{
	if (uifm_dirty(uf)) {
		const char *text = uf->restored ? "有未保存的修改（恢复的草稿）。放弃这些修改并返回吗？草稿随之删除。"
		                                : "有未保存的修改。放弃这些修改并返回吗？";
		if (uia_ask(uf->a, "未保存", text, "Y 放弃修改并返回      N 继续编辑", "YN") != 'Y') return 0;
	}
	if (uf->restored) drop_draft(uf, 1);
	return 1;
}
