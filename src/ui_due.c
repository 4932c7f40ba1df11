/* ui_due — the due list on screen.  The list is derived by the store on
 * every read (due.h), so after each action it is simply read again: a
 * closed task drops off, a rescheduled one moves, a stopped customer's go.
 * The filter's dates and every dialog go through the rules engine like any
 * sheet. */
#include "desk4s/auth.h"
#include "desk4s/ui_due.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk4s/clock.h"
#include "desk4s/customer.h"
#include "desk4s/due.h"
#include "desk4s/rules.h"
#include "desk4s/text.h"
#include "desk4s/ui_acard.h"
#include "desk4s/ui_field.h"
#include "desk4s/ui_form.h"
#include "desk4s/ui_pick.h"
#include "desk4s/ui_screen.h"
#include "desk4s/validate.h"

#define MAX_STAFF 64
/* the 负责人 filter of a consultant's own view: their tasks and nobody's */
#define MINE_AND_NOBODY "本人及未分配"

/* Lists show mobiles as the role may see them (auth.h decides). */
void uidu_mobile_shown(const struct uia *a, const char *mobile, char *out, size_t outsz)
{
	auth_show_mobile(a->me.role, mobile, out, outsz);
}

/* the due list's column widths in cells (columns() says how they are used; a
 * short date, "11-20", is under the heading 应回访, 6 cells) */
enum { REASON_MIN = 20, REASON_WHOLE = 22, NAME_LEAST = 6, NAME_MIN = 8, NAME_CAP = 40, STAFF_CAP = 12,
       DATE_SHORT = 6, DATE_FULL = 10, KIND_SHORT = 4, KIND_FULL = 8 };

/* ---- small sheets (the filter's dates, a result, a date, a reason) ---- */

struct mini { struct fdef_form *f; struct rec *r; };

static int mini_new(struct uia *a, struct mini *m, const char *name, const char *csv)
{
	char err[512];
	m->f = fdef_parse(name, csv, strlen(csv), err, sizeof err);
	m->r = m->f ? rec_new(m->f) : NULL;
	if (!m->r) {
		uia_set_msg(a, UIA_ERROR, "%s", m->f ? "内存不足" : err);
		if (m->f) fdef_free(m->f);
		m->f = NULL;
		return -1;
	}
	return 0;
}

static void mini_free(struct mini *m)
{
	if (m->r) rec_free(m->r);
	if (m->f) fdef_free(m->f);
	m->r = NULL;
	m->f = NULL;
}

#define HEAD "key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
static const char filter_csv[] = "#title,回访筛选\n" HEAD
	"from,开始日期,筛选,followup_tasks.from_date,date,10,required,,date,,,\n"
	"to,结束日期,筛选,followup_tasks.to_date,date,10,required,,date,,,\n";
static const char close_csv[] = "#title,记录回访结果\n" HEAD
	"task,回访任务,回访,followup_tasks.task,text,50,general,,,,,readonly\n"
	"reason,事由,回访,followup_tasks.reason,text,50,general,,,,,readonly\n"
	"customer,客户,回访,followup_tasks.customer,text,40,general,,,,,readonly\n"
	"result,回访结果,回访,followup_tasks.result,choice,8,required,,,已联系|未接通|拒绝,,\n"
	"said,沟通内容,回访,followup_tasks.said,text,50,required,result!=未接通,,,,multiline\n";
/* An archive is not a call: what is recorded is that it went into DCS.
 * One that could not go in (DCS down) stays open, on the list until its
 * deadline and then overdue, rather than closed as failed for good. */
static const char archive_close_csv[] = "#title,记录档案上传\n" HEAD
	"task,任务,档案上传,followup_tasks.task,text,50,general,,,,,readonly\n"
	"reason,事由,档案上传,followup_tasks.reason,text,50,general,,,,,readonly\n"
	"customer,客户,档案上传,followup_tasks.customer,text,40,general,,,,,readonly\n"
	"result,上传结果,档案上传,followup_tasks.result,choice,8,required,,,已上传,,\n"
	"said,备注,档案上传,followup_tasks.said,text,50,general,,,,,multiline\n";
static const char resched_csv[] = "#title,回访改期\n" HEAD
	"task,回访任务,改期,followup_tasks.task,text,50,general,,,,,readonly\n"
	"customer,客户,改期,followup_tasks.customer,text,40,general,,,,,readonly\n"
	"new_date,改到,改期,followup_tasks.due_date,date,10,required,,date,,,\n";
static const char stop_csv[] = "#title,停止提醒\n" HEAD
	"kind,回访类型,停止提醒,followup_stops.kind,text,12,general,,,,,readonly\n"
	"customer,客户,停止提醒,followup_stops.customer,text,40,general,,,,,readonly\n"
	"reason,原因,停止提醒,followup_stops.reason,text,50,required,,,,,\n";

/* ---- the screen ---- */

enum { F_FROM, F_TO, F_KIND, F_STAFF, F_LIST, F_N };
/* the list's columns */
enum { D_MARK, D_DUE, D_LATE, D_KIND, D_NAME, D_MOBILE, D_PLATE, D_STAFF, D_REASON, D_N };

struct due_ui {
	struct uia *a;
	struct uif_edit date[2];   /* from, to as typed */
	char ok[2][11];            /* from, to as last accepted */
	char kind[16];             /* "" = every kind */
	char staff[64];            /* "" = everybody */
	int with_unassigned;       /* and the tasks of nobody (a consultant's own view) */
	int focus;
	struct due_task *t;
	size_t n, cap;
	size_t total;           /* tasks in the filter; beyond SCREEN_MAX only counted */
	int sel, first, overdue;
	int need[D_N];             /* widest cell of each column in the list */
	int need_whole_reason;     /* widest reason of at most REASON_WHOLE cells */
	int other_year;            /* a date in the list is not in the year of ok[1] */
	char err[512];
	struct mini filter;        /* the dates, checked by the rules */
	struct fdef_form *archive; /* what an 档案上传 task's archive is checked by (NULL: not checked) */
	int archive_unread;        /* the shop's archive form could not be read */
	int archives;              /* the list holds 档案上传 tasks (listed before they fall due) */
	struct uia_watch w;        /* others' handling shows while the list stands idle */
};

/* A screen shows what staff can work through; a month of a large shop
 * (270,000 tasks) is for the batch command's file or paper, and held here
 * whole it would cost over 100 MB.  The totals stay exact. */
enum { SCREEN_MAX = 20000 };

/* Under the heading 逾期: "108天" fits the column, "逾期108天" did not. */
static void late_text(const struct due_task *t, char *out, size_t outsz)
{
	out[0] = 0;
	if (t->overdue_days > 0) snprintf(out, outsz, "%d天", t->overdue_days);
}

/* A task nobody is named for is anyone's to take; a consultant, whose
 * own view holds such tasks beside their own, sees them marked so (a
 * blank cell read as an oversight).  The desk and the manager, who work
 * every task, see the list as before.  Cut to 未分配 in a narrow column. */
static const char *staff_text(const struct uia *a, const struct due_task *t, int cells)
{
	if (*t->staff || auth_any_followup(a->me.role)) return t->staff;
	return cells >= txt_width("（未分配）") ? "（未分配）" : "未分配";
}

static int collect(const struct due_task *t, void *ctx)
{
	struct due_ui *d = ctx;
	d->total++;
	d->overdue += t->overdue_days > 0;
	if (d->n >= SCREEN_MAX)
		return 0;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 128;
		struct due_task *v = realloc(d->t, cap * sizeof *v);
		if (!v) {
			snprintf(d->err, sizeof d->err, "内存不足，清单不完整");
			return 1;
		}
		d->t = v;
		d->cap = cap;
	}
	d->t[d->n++] = *t;
	d->archives |= strcmp(t->kind, "档案上传") == 0;
	char late[32];
	late_text(t, late, sizeof late);
	const char *v[D_N] = {[D_LATE] = late, [D_NAME] = t->name, [D_PLATE] = t->plate,
	                      [D_STAFF] = staff_text(d->a, t, STAFF_CAP), [D_REASON] = t->reason};
	for (int i = 0; i < D_N; i++)
		if (v[i] && txt_width(v[i]) > d->need[i]) d->need[i] = txt_width(v[i]);
	int rw = txt_width(t->reason);
	if (rw <= REASON_WHOLE && rw > d->need_whole_reason) d->need_whole_reason = rw;
	d->other_year |= strncmp(t->due_date, d->ok[1], 5) != 0;
	return 0;
}

/* A role without 查看全部A卡 sees its own prospects' calls only. */
static const char *acards_of(const struct uia *a)
{
	return auth_can(a->me.role, AUTH_ALL_ACARDS) ? NULL : staff_sheet_name(&a->me);
}

/* A task is its 负责人's to close, move or stop: a consultant or an
 * advisor may look at another's (the filter is theirs to widen) but not
 * act on it; one nobody is named for (a birthday, a car without an
 * advisor or consultant) is anyone's to take, or nobody would.  The name is
 * compared as the A-card's consultant is (typed or imported as written). */
static int works_on(const struct uia *a, const struct due_task *t)
{
	return auth_any_followup(a->me.role) || !*t->staff || txt_same_folded(t->staff, staff_sheet_name(&a->me));
}

/* The selected task, when the list has one and it is somebody else's. */
static const struct due_task *others_selected(const struct due_ui *d)
{
	if (d->n == 0 || d->sel < 0 || d->sel >= (int)d->n) return NULL;
	return works_on(d->a, &d->t[d->sel]) ? NULL : &d->t[d->sel];
}

/* What every listing of this screen shares: whose A-cards, whether the
 * archives are this role's work, and the form they are checked by. */
static void filter_for(const struct due_ui *d, struct due_filter *f)
{
	f->acards_of = acards_of(d->a);
	f->no_archives = !auth_archive_duty(d->a->me.role);
	f->archive = d->archive;
	f->archive_unread = d->archive_unread;
}

static void fetch(struct due_ui *d)
{
	struct due_filter f = {.kind = *d->kind ? d->kind : NULL, .staff = *d->staff ? d->staff : NULL,
	                       .with_unassigned = d->with_unassigned};
	filter_for(d, &f);
	snprintf(f.from, sizeof f.from, "%s", d->ok[0]);
	snprintf(f.to, sizeof f.to, "%s", d->ok[1]);
	uia_watch_read(&d->w, d->a);
	d->n = 0;
	d->total = 0;
	d->overdue = 0;
	memset(d->need, 0, sizeof d->need);
	d->need_whole_reason = 0;
	d->other_year = 0;
	d->archives = 0;
	d->err[0] = 0;
	char err[512];
	if (due_list(d->a->db, &f, collect, d, err, sizeof err) < 0) {
		snprintf(d->err, sizeof d->err, "%s", err);
		d->w.quiet = 1;
		d->n = d->total = 0;
		d->overdue = 0;
	}
	if (d->sel >= (int)d->n) d->sel = (int)d->n - 1;
	if (d->sel < 0) d->sel = 0;
}

/* Read again after another terminal wrote: the filters as they are, the
 * cursor on the task it was on (one handled there above it would move it
 * to another customer), else on the same row, which the next task takes. */
static void refetch(struct due_ui *d)
{
	struct due_task on;
	int had = d->sel >= 0 && d->sel < (int)d->n;
	if (had) on = d->t[d->sel];
	fetch(d);
	for (size_t i = 0; had && i < d->n; i++)
		if (d->t[i].source_id == on.source_id && strcmp(d->t[i].kind, on.kind) == 0 &&
		    strcmp(d->t[i].cycle, on.cycle) == 0) {
			d->sel = (int)i;
			break;
		}
}

/* Leaving a date of the filter: the rules check (and normalise) both
 * dates; a refusal keeps the list as it was and the cursor where it is. */
static int apply_dates(struct due_ui *d)
{
	struct rec *r = d->filter.r;
	rec_set(r, "from", d->date[0].buf);
	rec_set(r, "to", d->date[1].buf);
	struct rule_list l = {0};
	int blocking = rules_check(r, RP_SAVE, &l);
	if (blocking != 0) {
		char msg[900];
		size_t at = 0;
		msg[0] = 0;
		for (size_t i = 0; i < l.n && at < sizeof msg; i++)
			if (l.v[i].kind == RK_INVALID || l.v[i].kind == RK_REQUIRED)
				at += (size_t)snprintf(msg + at, sizeof msg - at, "%s%s", at ? "；" : "", l.v[i].msg);
		uia_set_msg(d->a, UIA_ERROR, "日期不对，清单未更新：%s。", msg);
		rules_list_free(&l);
		return 0;
	}
	rules_list_free(&l);
	if (strcmp(rec_get(r, "from"), rec_get(r, "to")) > 0) {
		uia_set_msg(d->a, UIA_ERROR, "开始日期 %s 晚于结束日期 %s，清单未更新。", rec_get(r, "from"),
		            rec_get(r, "to"));
		return 0;
	}
	for (int i = 0; i < 2; i++) {
		snprintf(d->ok[i], sizeof d->ok[i], "%s", rec_get(r, i ? "to" : "from"));
		uif_set(&d->date[i], d->ok[i]);
	}
	d->sel = d->first = 0;
	fetch(d);
	return 1;
}

/* Column widths in cells.  At 80 columns a row keeps what a call needs:
 * the date, how late, who, the mobile, and a reason that can be read (20
 * cells: "保险到期 2026-12-20" is 19; it was cut to "保险到期 2"), or whole
 * when the list has short reasons a little wider (a birthday's
 * "生日祝福（1990-12-03）" is 22: its day was cut off).  How late
 * and the plate are never cut: they are as wide as the list's widest.  The
 * rest starts at its most compact -- the kind said short (维修, 保险: the
 * reason says the rest), the date without its year when every date is in
 * the year the filter ends, a name cut to 6 cells ending with "…" -- and
 * gets back, as the width allows: the name its 8 cells, the date its year,
 * the kind its full name, the staff theirs; then the name and the reason
 * what their cells want, the name at most half of what is left while the
 * reason wants more. */

static int imax(int a, int b) { return a > b ? a : b; }
static int imin(int a, int b) { return a < b ? a : b; }

/* Widen *w towards `to` by what *extra has left. */
static void grow(int *w, int to, int *extra)
{
	int g = imax(0, imin(*extra, to - *w));
	*w += g;
	*extra -= g;
}

static void columns(const struct due_ui *d, int *w)
{
	const int *need = d->need;
	const int compact[D_N] = {1, d->other_year ? DATE_FULL : DATE_SHORT, imax(4, need[D_LATE]), KIND_SHORT,
	                          NAME_LEAST, 11, imax(4, need[D_PLATE]), 6,
	                          imax(4, imin(need[D_REASON], imax(REASON_MIN, d->need_whole_reason)))};
	int extra = COLS - (D_N - 1); /* less the blanks between columns */
	for (int i = 0; i < D_N; i++) {
		w[i] = compact[i];
		extra -= w[i];
	}
	grow(&w[D_NAME], NAME_MIN, &extra);
	/* the date and the kind are whole or short, never cut */
	if (extra >= DATE_FULL - w[D_DUE]) grow(&w[D_DUE], DATE_FULL, &extra);
	if (extra >= KIND_FULL - w[D_KIND]) grow(&w[D_KIND], KIND_FULL, &extra);
	grow(&w[D_STAFF], imin(need[D_STAFF], STAFF_CAP), &extra);
	int name_share = imax(extra / 2, extra - imax(0, need[D_REASON] - w[D_REASON]));
	grow(&w[D_NAME], imin(imin(need[D_NAME], NAME_CAP), w[D_NAME] + name_share), &extra);
	/* the reason ends the row: it has what is left */
	w[D_REASON] = imax(4, w[D_REASON] + extra);
}

/* 维修回访 → 维修, 保险到期 → 保险, 档案上传 → 档案 (the kind column at 80). */
static const char *kind_short(const char *kind, char *out, size_t outsz)
{
	static const char *const tails[] = {"回访", "到期", "上传"};
	size_t n = strlen(kind);
	for (int i = 0; i < 3; i++) {
		size_t k = strlen(tails[i]);
		if (n > k && strcmp(kind + n - k, tails[i]) == 0) {
			n -= k;
			break;
		}
	}
	snprintf(out, outsz, "%.*s", (int)n, kind);
	return out;
}

static void table_line(int y, const int *w, const char *const *v, attr_t at)
{
	char line[2400];
	size_t len = 0;
	line[0] = 0;
	for (int i = 0; i < D_N && len + 1 < sizeof line; i++) {
		len += txt_cell(line + len, sizeof line - len, v[i], w[i], 1);
		if (i + 1 < D_N && len + 1 < sizeof line) line[len++] = ' ', line[len] = 0;
	}
	uis_putpad(y, 0, COLS, line, at);
}

/* "[全部    ]": a choice of the filter line; returns the cells drawn. */
static int draw_choice(int y, int x, int w, const char *v, int focused)
{
	char shown[128];
	txt_pad(shown, sizeof shown, *v ? v : "全部", w, 1);
	uis_put(y, x, 1, "[", A_NORMAL);
	uis_put(y, x + 1, w, shown, focused ? uis_attr(UIS_SELECT) : A_UNDERLINE);
	uis_put(y, x + 1 + w, 1, "]", A_NORMAL);
	return w + 2;
}

static void draw_body(struct due_ui *d, int top, int h);

/* A pick list over the list draws it anew after a resize. */
static void body_behind(void *ctx, int top, int h) { draw_body(ctx, top, h); }

static void draw(struct due_ui *d)
{
	int top, h;
	char right[96];
	snprintf(right, sizeof right, "共 %zu 条  逾期 %d 条", d->total, d->overdue);
	/* the task keys are offered only on a task the session may work */
	uik_scopes bar = UIK_DUE | (others_selected(d) ? 0 : UIK_DUETASK);
	char title[160];
	/* whose tasks, when not only one person's or everybody's */
	if (d->with_unassigned) snprintf(title, sizeof title, "回访到期清单 · %s及未分配", d->staff);
	else snprintf(title, sizeof title, "回访到期清单");
	if (uia_frame(d->a, title, right, bar, &top, &h) != 0) return;
	uis_behind_body(body_behind, d, top, h);
	draw_body(d, top, h);
}

static void draw_body(struct due_ui *d, int top, int h)
{
	struct uia *a = d->a;
	int x = 1, cy = -1, cx = 0;
	static const char *const lab[] = {"从 ", "  到 ", "  类型 ", "  负责人 "};
	for (int i = 0; i < 4; i++) {
		x += uis_put(top, x, -1, lab[i], d->focus == i ? A_BOLD : A_NORMAL);
		if (i < 2) {
			int c = uif_draw(&d->date[i], top, x, 10, d->focus == i, A_UNDERLINE);
			if (d->focus == i) cy = top, cx = c;
			x += 12;
		} else {
			const char *v = i == F_KIND ? d->kind : d->with_unassigned ? MINE_AND_NOBODY : d->staff;
			x += draw_choice(top, x, i == F_STAFF && d->with_unassigned ? txt_width(v) : 8, v, d->focus == i);
		}
	}
	char sum[200], td[11], upto[16];
	/* the day lateness is counted to, as due.c counts it: today, kept
	 * within the list's days (it said the first day, which it is only for
	 * a list that starts after today) */
	val_today_iso(td);
	if (strcmp(td, d->ok[0]) < 0 || strcmp(td, d->ok[1]) > 0)
		snprintf(upto, sizeof upto, " %s", strcmp(td, d->ok[0]) < 0 ? d->ok[0] : d->ok[1]);
	else
		snprintf(upto, sizeof upto, "今天");
	/* The date is the day the call falls due, which for 保险到期 and
	 * 年审到期 is a month before the date the kind is named after (the
	 * reason keeps that one): headed 到期日, a row of the expiry day read
	 * "逾期30天" beside "保险到期 12-06", as if the policy had lapsed a
	 * month ago.  Archives are listed from their delivery, before they
	 * fall due; their day is the upload deadline (80 columns hold no more). */
	if (d->archives)
		snprintf(sum, sizeof sum, "应回访日不晚于 %s 的回访及待上传的档案；逾期天数算到%s。", d->ok[1], upto);
	else
		snprintf(sum, sizeof sum, "应回访日不晚于 %s、尚未处理的回访；逾期天数自应回访日算到%s。", d->ok[1],
		         upto);
	uis_put(top + 1, 1, COLS - 2, sum, uis_attr(UIS_HINT));
	int w[D_N];
	columns(d, w);
	int short_date = w[D_DUE] < DATE_FULL;
	const char *heads[D_N] = {"", short_date ? "应回访" : "应回访日", "逾期", "类型", "客户", "手机", "车牌",
	                          "负责人", "事由"};
	table_line(top + 2, w, heads, A_BOLD);
	int rows = h - 4;
	if (rows < 1) rows = 1;
	if (d->sel < d->first) d->first = d->sel;
	if (d->sel >= d->first + rows) d->first = d->sel - rows + 1;
	if (d->first < 0) d->first = 0;
	for (int i = 0; i < rows && d->first + i < (int)d->n; i++) {
		const struct due_task *t = &d->t[d->first + i];
		int on = d->first + i == d->sel && d->focus == F_LIST;
		char late[32], mobile[32], kind[sizeof t->kind];
		late_text(t, late, sizeof late);
		uidu_mobile_shown(a, t->mobile, mobile, sizeof mobile);
		/* "11-20": the year is the filter's (columns() checked) */
		const char *v[D_N] = {d->first + i == d->sel ? ">" : "", t->due_date + (short_date ? 5 : 0), late,
		                      w[D_KIND] < KIND_FULL ? kind_short(t->kind, kind, sizeof kind) : t->kind,
		                      t->name, mobile, t->plate, staff_text(a, t, w[D_STAFF]), t->reason};
		table_line(top + 3 + i, w, v,
		           on ? uis_attr(UIS_SELECT) : t->overdue_days > 0 ? uis_attr(UIS_ERROR) : A_NORMAL);
	}
	/* the selected task's reason in full (the column is narrow at 80), or
	 * what the filter field under the cursor takes */
	char foot[700];
	if (d->err[0]) snprintf(foot, sizeof foot, "清单出错：%s", d->err);
	else if (d->focus < F_KIND) snprintf(foot, sizeof foot, "输入日期（如 2025-01-10），Tab 或 Enter 应用。");
	else if (d->focus < F_LIST) snprintf(foot, sizeof foot, "Space 或 Enter 选择，Backspace 恢复为“全部”。");
	else if (d->n == 0) snprintf(foot, sizeof foot, "没有到期的回访。");
	else if (d->total > d->n && d->sel == (int)d->n - 1)
		snprintf(foot, sizeof foot, "只列出前 %zu 条（共 %zu 条）：请缩小范围，或用 desk4s due 导出/打印全部",
		         d->n, d->total);
	else
		snprintf(foot, sizeof foot, "%d/%zu  %s%s%s%s（%s）：%s", d->sel + 1, d->n, others_selected(d) ? "（" : "",
		         others_selected(d) ? d->t[d->sel].staff : "", others_selected(d) ? "负责，只能查看）" : "",
		         d->t[d->sel].name, d->t[d->sel].cust_no, d->t[d->sel].reason);
	uis_put(top + h - 1, 1, COLS - 2, foot, d->err[0] ? uis_attr(UIS_ERROR) : A_NORMAL);
	if (cy >= 0) {
		move(cy, cx);
		curs_set(1);
	} else {
		curs_set(0);
	}
}

/* ---- picking the kind and the staff member ---- */

struct names { char v[MAX_STAFF][64]; int n; };

static int collect_staff(const struct due_task *t, void *ctx)
{
	struct names *s = ctx;
	if (!*t->staff) return 0;
	/* one entry a person, as the filter matches them (小王 and 小王　) */
	for (int i = 0; i < s->n; i++)
		if (txt_same_folded(s->v[i], t->staff)) return 0;
	if (s->n < MAX_STAFF) snprintf(s->v[s->n++], sizeof s->v[0], "%s", t->staff);
	return 0;
}

static void pick(struct due_ui *d, const char *filter)
{
	struct uipk_item items[MAX_STAFF + 1];
	memset(items, 0, sizeof items);
	int n = 0, sel = 0, mine_at = -1;
	items[n++].label = "全部";
	struct names *s = NULL;
	if (d->focus == F_KIND) {
		int archives = auth_archive_duty(d->a->me.role);
		for (const char *const *k = due_kinds(); *k; k++) {
			/* a kind this role's list never holds is not offered */
			if (!archives && strcmp(*k, "档案上传") == 0) continue;
			if (strcmp(*k, d->kind) == 0) sel = n;
			items[n++].label = *k;
		}
	} else {
		/* the people with tasks in this range and kind */
		s = calloc(1, sizeof *s);
		if (!s) return;
		struct due_filter f = {.kind = *d->kind ? d->kind : NULL};
		filter_for(d, &f);
		snprintf(f.from, sizeof f.from, "%s", d->ok[0]);
		snprintf(f.to, sizeof f.to, "%s", d->ok[1]);
		char err[512];
		due_list(d->a->db, &f, collect_staff, s, err, sizeof err);
		/* a consultant's way back to their own view (the desk and the
		 * manager have no tasks they may not work) */
		if (!auth_any_followup(d->a->me.role)) {
			if (d->with_unassigned) sel = n;
			mine_at = n;
			items[n++].label = MINE_AND_NOBODY;
		}
		for (int i = 0; i < s->n; i++) {
			if (!d->with_unassigned && txt_same_folded(s->v[i], d->staff)) sel = n;
			items[n++].label = s->v[i];
		}
	}
	int k = uipk_run(d->a, d->focus == F_KIND ? "回访类型" : "负责人", items, n, filter, sel);
	if (k >= 0) {
		char *dst = d->focus == F_KIND ? d->kind : d->staff;
		size_t dsz = d->focus == F_KIND ? sizeof d->kind : sizeof d->staff;
		int mine = d->focus == F_STAFF && k == mine_at;
		snprintf(dst, dsz, "%s", k == 0 ? "" : mine ? staff_sheet_name(&d->a->me) : items[k].label);
		if (d->focus == F_STAFF) d->with_unassigned = mine;
		d->sel = d->first = 0;
		fetch(d);
	} else if (k == UIPK_NEXT) {
		d->focus++; /* Tab over the list with nothing typed: on, as Tab goes on from the field */
	}
	free(s);
}

/* ---- acting on a task ---- */

static void task_text(const struct due_ui *d, const struct due_task *t, char *task, size_t tsz,
                      char *cust, size_t csz)
{
	char mobile[32];
	uidu_mobile_shown(d->a, t->mobile, mobile, sizeof mobile);
	char late[32] = "";
	if (t->overdue_days > 0) snprintf(late, sizeof late, "  已逾期%d天", t->overdue_days);
	/* the call's day, not the event's (a 保险到期 task is due a month
	 * before the expiry its reason names) */
	snprintf(task, tsz, "%s  %s %s%s", t->kind, strcmp(t->kind, "档案上传") == 0 ? "应上传日" : "应回访日",
	         t->due_date, late);
	snprintf(cust, csz, "%s  %s  %s  %s", t->name, t->cust_no, mobile, t->plate);
}

static void reschedule(struct due_ui *d, const struct due_task *t)
{
	struct uia *a = d->a;
	/* said before the new date is typed (a card's plan is the card's to allow) */
	if (strcmp(t->kind, "A卡回访") != 0 && !uia_require(a, AUTH_CHANGE)) return;
	struct mini m;
	if (mini_new(a, &m, "reschedule", resched_csv) != 0) return;
	char task[200], cust[300], tomorrow[11], err[512];
	task_text(d, t, task, sizeof task, cust, sizeof cust);
	char td[11];
	val_today_iso(td);
	clk_add_days(td, 1, tomorrow, sizeof tomorrow);
	rec_set(m.r, "task", task);
	rec_set(m.r, "customer", cust);
	rec_set(m.r, "new_date", tomorrow);
	const char *hint = "填写新的回访日期后按 F2 改期；Esc 返回。";
	char again[sizeof err + 64];
	while (uifm_dialog_act(a, m.r, "回访改期", t->name, hint, "new_date", "未改期", "改期")) {
		const char *nd = rec_get(m.r, "new_date");
		/* a day already past: asked again with the date as typed, which
		 * closing the dialog lost (the card allows a plan already past, a
		 * 改期 does not) */
		if (due_new_date_ok(nd, err, sizeof err) != 0) {
			snprintf(again, sizeof again, "未改期：%s。改好后按 F2；Esc 返回。", err);
			hint = again;
			continue;
		}
		if (strcmp(t->kind, "A卡回访") == 0) {
			/* the plan is the card's: moved there, not beside it */
			if (uiac_reschedule(a, t->source_id, nd))
				uia_set_msg(a, UIA_OK, "已改期：%s的A卡下次回访改到 %s（A卡上已更新）。", t->name, nd);
		} else if (due_reschedule(a->db, t->kind, t->source_id, t->cycle, nd, a->staff, err, sizeof err) != ST_OK) {
			uia_set_msg(a, UIA_ERROR, "未改期：%s", err);
		} else {
			uia_set_msg(a, UIA_OK, "已改期：%s的%s改到 %s。", t->name, t->kind, nd);
		}
		break;
	}
	mini_free(&m);
}

/* A close not saved: why, and — the task answered at another terminal —
 * what was typed here, on the screen to be written down elsewhere rather
 * than gone unsaid. */
static void say_not_saved(struct uia *a, enum st_status st, const char *err, const char *said)
{
	size_t keep = txt_cut_len(said, 120);
	if (st == ST_CHANGED && *said)
		uia_set_msg(a, UIA_ERROR, "未保存：%s。你写的是：“%.*s%s”", err, (int)keep, said, said[keep] ? "…" : "");
	else
		uia_set_msg(a, UIA_ERROR, "未保存：%s", err);
}

static void close_task(struct due_ui *d, const struct due_task *t)
{
	struct uia *a = d->a;
	/* an A-card's call is written on the card: its 访问记录 moves the
	 * card's level and next date, which a result kept here would not (the
	 * card stayed overdue, its history without the call) */
	if (strcmp(t->kind, "A卡回访") == 0) {
		if (uiac_card_followup(a, t->source_id))
			uia_set_msg(a, UIA_OK, "已记录：%s的A卡回访，访问记录已写在 A卡上。", t->name);
		return;
	}
	/* said before anything is typed, not after */
	if (!uia_require(a, AUTH_CHANGE)) return;
	int archive = strcmp(t->kind, "档案上传") == 0;
	struct mini m;
	if (mini_new(a, &m, "close", archive ? archive_close_csv : close_csv) != 0) return;
	char task[200], cust[300], err[512];
	task_text(d, t, task, sizeof task, cust, sizeof cust);
	rec_set(m.r, "task", task);
	rec_set(m.r, "reason", t->reason);
	rec_set(m.r, "customer", cust);
	if (archive) rec_set(m.r, "result", "已上传");
	if (archive && uifm_dialog(a, m.r, "记录档案上传", t->name,
	                           "已录入 DCS 的按 F2 记为已上传（备注可不写）；未能上传的按 Esc，任务留在清单上。")) {
		/* closed as a task done: the note is what is kept with it (the
		 * log puts 已上传 before it), else the word itself */
		const char *res = rec_get(m.r, "result"), *note = rec_get(m.r, "said");
		enum st_status st = due_close(a->db, t->kind, t->source_id, t->cycle, DUE_REACHED, *note ? note : res,
		                              a->staff, err, sizeof err);
		if (st != ST_OK)
			say_not_saved(a, st, err, note);
		else
			uia_set_msg(a, UIA_OK, "已记录：%s的档案上传 — %s。", t->name, res);
	} else if (!archive && uifm_dialog(a, m.r, "记录回访结果", t->name,
	                "选择结果并写下沟通内容（未接通可不写），按 F2 保存；Esc 返回。")) {
		const char *res = rec_get(m.r, "result");
		enum due_result r = strcmp(res, "已联系") == 0   ? DUE_REACHED
		                    : strcmp(res, "未接通") == 0 ? DUE_NOT_REACHED
		                                                  : DUE_REFUSED;
		enum st_status st = due_close(a->db, t->kind, t->source_id, t->cycle, r, rec_get(m.r, "said"), a->staff,
		                              err, sizeof err);
		if (st != ST_OK) {
			say_not_saved(a, st, err, rec_get(m.r, "said"));
		} else {
			uia_set_msg(a, UIA_OK, "已记录：%s的%s — %s。", t->name, t->kind, res);
			/* an unreached customer is usually called again another day */
			if (r == DUE_NOT_REACHED &&
			    uia_ask(a, "未接通", "未接通。改个日期再联系吗？", "Y 改期      N 不用", "YN") == 'Y')
				reschedule(d, t);
		}
	}
	mini_free(&m);
}

static void stop_reminding(struct due_ui *d, const struct due_task *t)
{
	struct uia *a = d->a;
	char err[512], no[32];
	int64_t cid;
	if (strcmp(t->kind, "A卡回访") == 0) {
		uia_set_msg(a, UIA_ERROR, "A卡回访不能在这里停止：请在 A卡 上结束跟进（成交或战败）。");
		return;
	}
	/* the task names its customer by number; birthdays are the customer itself */
	cid = strcmp(t->kind, "生日") == 0 ? t->source_id
	                                    : cust_owner(a->db, "cust_no", t->cust_no, 0, no, sizeof no, err,
	                                                 sizeof err);
	if (cid <= 0) {
		uia_set_msg(a, UIA_ERROR, "找不到客户 %s%s%s", t->cust_no, cid < 0 ? "：" : "", cid < 0 ? err : "");
		return;
	}
	struct mini m;
	/* said before the reason is typed */
	if (!uia_require(a, AUTH_CHANGE)) return;
	if (mini_new(a, &m, "stop", stop_csv) != 0) return;
	char task[200], cust[300];
	task_text(d, t, task, sizeof task, cust, sizeof cust);
	rec_set(m.r, "kind", t->kind);
	rec_set(m.r, "customer", cust);
	char msg[300];
	snprintf(msg, sizeof msg, "以后不再提醒该客户的%s（不同于关闭这一条）。写明原因后按 Enter 或 F2 停止提醒；Esc 返回。",
	         t->kind);
	/* 原因 is its one field to fill: Enter stops, as F2 does, where the
	 * bar offered a sheet's Tab/Enter 下一项 that went nowhere */
	if (uifm_dialog_act(a, m.r, "停止提醒", t->name, msg, "reason", "未停止提醒", "停止提醒")) {
		const char *reason = rec_get(m.r, "reason");
		if (due_stop(a->db, cid, t->kind, reason, a->staff, err, sizeof err) != ST_OK)
			uia_set_msg(a, UIA_ERROR, "未停止提醒：%s", err);
		else
			uia_set_msg(a, UIA_OK, "已停止提醒：%s（%s）的%s。原因：%s", t->name, t->cust_no, t->kind, reason);
	}
	mini_free(&m);
}

/* ---- keys ---- */

/* A key while a filter field has the cursor; returns 1 to leave the screen. */
static int filter_key(struct due_ui *d, const struct uik_key *k)
{
	enum uik_req r = uik_request(UIK_DUE | UIK_DUETASK, k);
	int f = d->focus;
	if (r == UIR_BACK) return 1;
	if (r == UIR_RESCHEDULE || r == UIR_STOP) {
		/* a task's keys, pressed on a filter: which task is not chosen */
		uia_set_msg(d->a, UIA_INFO, "%s 对清单中选中的一条：先按 Enter 或 ↓ 到清单中选定。",
		            r == UIR_RESCHEDULE ? "F5 改期" : "F6 停止提醒");
		return 0;
	}
	if (r == UIR_NEXT || r == UIR_PREV || r == UIR_OPEN || r == UIR_DOWN || r == UIR_UP) {
		if (f < F_KIND && !apply_dates(d)) return 0;
		if ((r == UIR_OPEN || r == UIR_CHOOSE) && f >= F_KIND) {
			pick(d, "");
			return 0;
		}
		d->focus = r == UIR_PREV || r == UIR_UP ? (f + F_N - 1) % F_N
		           : r == UIR_OPEN || r == UIR_DOWN ? F_LIST
		                                             : (f + 1) % F_N;
		return 0;
	}
	if (f >= F_KIND) {
		enum uik_req e = uik_request(UIK_FORM, k);
		if (e == UIR_BS || e == UIR_DEL || e == UIR_KILL) {
			(f == F_KIND ? d->kind : d->staff)[0] = 0;
			if (f == F_STAFF) d->with_unassigned = 0;
			d->sel = d->first = 0;
			fetch(d);
		} else if (r == UIR_CHOOSE) {
			pick(d, "");
		} else if (k->kind == OK && k->ch >= ' ') {
			char s[8] = "";
			s[txt_encode(txt_halfwidth((uint32_t)k->ch), s)] = 0;
			pick(d, s);
		}
		return 0;
	}
	if (r == UIR_CHOOSE) return 0; /* no spaces in a date */
	enum uik_req e = uik_request(UIK_FORM, k);
	if (e == UIR_NONE && k->kind != OK) return 0;
	if (e != UIR_NONE && e != UIR_LEFT && e != UIR_RIGHT && e != UIR_HOME && e != UIR_END &&
	    e != UIR_BS && e != UIR_DEL && e != UIR_KILL)
		return 0;
	if (uif_key(&d->date[f], e, (uint32_t)k->ch) < 0) {
		beep();
		/* a full date takes nothing more: said, not only beeped */
		uia_set_msg(d->a, UIA_INFO, "日期已填满：先用 Backspace 或 Ctrl-U 删去，再输入新的日期。");
	}
	return 0;
}

static int list_key(struct due_ui *d, const struct uik_key *k)
{
	enum uik_req r = uik_request(UIK_DUE | UIK_DUETASK, k);
	int page = LINES - 10 > 1 ? LINES - 10 : 1;
	struct due_task t;
	int have = d->n > 0;
	if (have) t = d->t[d->sel]; /* the list is read again after an action */
	switch (r) {
	case UIR_BACK: return 1;
	case UIR_UP: d->sel--; break;
	case UIR_DOWN: d->sel++; break;
	case UIR_PGUP: d->sel -= page; break;
	case UIR_PGDN: d->sel += page; break;
	case UIR_HOME: d->sel = 0; break;
	case UIR_END: d->sel = (int)d->n - 1; break;
	case UIR_NEXT: d->focus = F_FROM; break;
	case UIR_PREV: d->focus = F_STAFF; break;
	case UIR_OPEN:
	case UIR_RESCHEDULE:
	case UIR_STOP:
		if (!have) break;
		if (!works_on(d->a, &t)) {
			/* said before any dialog, naming whose it is */
			uia_set_msg(d->a, UIA_ERROR, "不能%s：%s的%s，负责人是 %s；%s只能处理自己负责的回访，请 %s、前台或经理办理。",
			            r == UIR_OPEN ? "处理" : r == UIR_RESCHEDULE ? "改期" : "停止提醒", t.name, t.kind, t.staff,
			            auth_role_name(d->a->me.role), t.staff);
			break;
		}
		if (r == UIR_OPEN) close_task(d, &t);
		else if (r == UIR_RESCHEDULE) reschedule(d, &t);
		else stop_reminding(d, &t);
		fetch(d);
		break;
	default: break;
	}
	if (d->sel >= (int)d->n) d->sel = (int)d->n - 1;
	if (d->sel < 0) d->sel = 0;
	return 0;
}

void uidu_run(struct uia *a)
{
	struct due_ui *d = calloc(1, sizeof *d);
	if (!d) {
		uia_set_notice(a, "内存不足");
		return;
	}
	d->a = a;
	char ferr[512];
	/* without its form an archive is still listed, only not checked */
	d->archive = fdef_load("archive", a->forms_dir, ferr, sizeof ferr);
	d->archive_unread = !d->archive;
	if (mini_new(a, &d->filter, "duefilter", filter_csv) != 0) {
		if (d->archive) fdef_free(d->archive);
		uia_set_notice(a, "%s", a->msg);
		free(d);
		return;
	}
	val_today_iso(d->ok[0]);
	snprintf(d->ok[1], sizeof d->ok[1], "%s", d->ok[0]);
	/* a consultant's list opens on their own calls and on those nobody is
	 * named for, which are theirs to take too (left out, nobody saw
	 * them); another's they may look at, choosing 负责人, but not work */
	if (!auth_any_followup(a->me.role)) {
		snprintf(d->staff, sizeof d->staff, "%s", staff_sheet_name(&a->me));
		d->with_unassigned = 1;
	}
	for (int i = 0; i < 2; i++) {
		uif_init(&d->date[i], 10, UIF_FOLD_ALL);
		uif_set(&d->date[i], d->ok[i]);
	}
	d->focus = F_LIST;
	a->msg[0] = 0;
	fetch(d);
	while (!a->quit) {
		draw(d);
		struct uik_key k;
		/* tasks handled, moved or stopped at another terminal go or move
		 * while the list stands idle */
		if (uia_watch_key(&d->w, AUTH_VIEW, &k)) {
			refetch(d);
			continue;
		}
		if (a->quit) break;
		if (k.kind == KEY_CODE_YES && k.ch == KEY_RESIZE) continue;
		a->msg[0] = 0;
		if (d->focus == F_LIST ? list_key(d, &k) : filter_key(d, &k)) break;
	}
	a->msg[0] = 0;
	uis_behind_forget(d);
	mini_free(&d->filter);
	if (d->archive) fdef_free(d->archive);
	free(d->t);
	free(d);
}
