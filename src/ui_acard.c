/* ui_acard — A-cards on screen.  The store keeps the rules of the card
 * (numbering, what a level implies, who may change what); this module
 * shows the card with its 访问记录, suggests the next date a level implies
 * while the consultant types, and pages the lists through acard_list so
 * that no list is ever loaded whole. */
#include "desk4s/ui_acard.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk4s/acard.h"
#include "desk4s/auth.h"
#include "desk4s/clock.h"
#include "desk4s/customer.h"
#include "desk4s/staff.h"
#include "desk4s/text.h"
#include "desk4s/ui_customer.h"
#include "desk4s/ui_form.h"
#include "desk4s/ui_screen.h"
#include "desk4s/ui_visit.h"
#include "desk4s/validate.h"
#include "desk4s/visit.h"

#define MAX_FU 60      /* 访问记录 shown under a card: the newest */
#define PAGE 256       /* list rows held at once, around what is on screen */
#define MAX_TALLY 4096
#define MAX_LEVELS FDEF_MAX_CHOICES

static int active(const char *status)
{
	return strcmp(status, "跟进中") == 0 || strcmp(status, "已订车") == 0;
}

/* Who may sign a card as supervisor: the role's 审核A卡 (uia_require sets
 * the refusal message, or ends a disabled account's session). */
static int may_review(struct uia *a) { return uia_require(a, AUTH_REVIEW_ACARD); }

/* The form with the shop's intent levels as its choices (brands differ). */
static struct fdef_form *load_form(struct uia *a, const char *name)
{
	char err[512];
	struct fdef_form *f = fdef_load(name, a->forms_dir, err, sizeof err);
	if (f && acard_levels_apply(a->db, f, err, sizeof err) != ST_OK) {
		fdef_free(f);
		f = NULL;
	}
	if (!f) uia_set_msg(a, UIA_ERROR, "%s", err);
	return f;
}

static int ask_discard(struct uia *a)
{
	return uia_ask(a, "未保存", "有未保存的修改。放弃这些修改并返回吗？",
	               "Y 放弃修改并返回      N 继续编辑", "YN") == 'Y';
}

/* ---- the next date a level suggests ---- */

/* Follows the level (and the date it counts from) while the consultant
 * types; a date typed by hand is left alone. */
struct suggest {
	int f_level, f_from, f_next; /* f_from < 0: counts from today */
	char level[8], from[16], last[11];
};

static void suggest_init(struct suggest *sg, const struct rec *r, const char *level, const char *from,
                         const char *next)
{
	sg->f_level = fdef_index(r->form, level);
	sg->f_from = from ? fdef_index(r->form, from) : -1;
	sg->f_next = fdef_index(r->form, next);
	snprintf(sg->level, sizeof sg->level, "%s", r->val[sg->f_level]);
	snprintf(sg->from, sizeof sg->from, "%s", sg->f_from >= 0 ? r->val[sg->f_from] : "");
	sg->last[0] = 0;
}

static void suggest_step(struct uia *a, struct uifm *uf, struct suggest *sg)
{
	struct rec *r = uf->r;
	const char *lv = r->val[sg->f_level], *from = sg->f_from >= 0 ? r->val[sg->f_from] : "";
	if (strcmp(lv, sg->level) == 0 && strcmp(from, sg->from) == 0) return;
	snprintf(sg->level, sizeof sg->level, "%s", lv);
	snprintf(sg->from, sizeof sg->from, "%s", from);
	const char *next = r->val[sg->f_next];
	if (*next && strcmp(next, sg->last) != 0) return; /* typed by hand */
	char d[11], out[11] = "", err[256];
	if (strlen(from) == 10) snprintf(d, sizeof d, "%s", from);
	else val_today_iso(d);
	if (!*lv || acard_suggest_next(a->db, lv, d, out, sizeof out, err, sizeof err) != ST_OK)
		out[0] = 0;
	rec_set_at(r, sg->f_next, out);
	snprintf(sg->last, sizeof sg->last, "%s", out);
	uifm_reload(uf);
}

/* ---- small sheets: a follow-up record, the review, 战败 ---- */

struct dialog {
	const char *right;
	const char *intro;
	struct suggest *sg;  /* NULL: no date follows a level */
	enum st_status (*commit)(struct uia *a, struct rec *r, void *ctx, char *err, size_t errsz);
	void *ctx;
	const char *done;    /* the message once stored ("%s" gets the error-free detail) */
};

/* Run the sheet for r until it is stored (1) or left (0).  The rules run
 * first, as on every sheet. */
static int dialog_run(struct uia *a, struct rec *r, const char *locked, const struct dialog *d)
{
	struct uifm *uf = uifm_new(a, r);
	if (!uf) return 0;
	int lf = locked ? fdef_index(r->form, locked) : -1;
	if (lf >= 0) uifm_lock(uf, lf, 1, "此项由系统带入，不能修改");
	/* start where typing is needed: the first empty field */
	for (int i = 0; i < r->form->nfields; i++)
		if (i != lf && !*r->val[i] && !(r->form->fields[i].flags & (FF_READONLY | FF_HIDDEN))) {
			uifm_focus(uf, i);
			break;
		}
	char saved_msg[sizeof a->msg];
	enum uia_msg saved_kind = a->msg_kind;
	memcpy(saved_msg, a->msg, sizeof saved_msg);
	uia_set_msg(a, UIA_INFO, "%s", d->intro);
	int done = 0, stored = 0;
	if (d->sg) {
		suggest_step(a, uf, d->sg);
		/* the date suggested on opening is the program's, not a change:
		 * Esc on a sheet nobody typed on asks nothing */
		uifm_mark_clean(uf);
	}
	while (!done && !a->quit) {
		int top, h;
		if (uia_frame(a, r->form->title ? r->form->title : r->form->name, d->right, UIK_FORM, &top,
		              &h) == 0)
			uifm_draw(uf, top, h);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		switch (uifm_key(uf, &k, 0, NULL)) {
		case UIFM_SAVE: {
			if (!uifm_presave(uf)) break;
			char err[512] = "";
			if (d->commit(a, r, d->ctx, err, sizeof err) != ST_OK) {
				uia_set_msg(a, UIA_ERROR, "未保存：%s", err);
				break;
			}
			done = stored = 1;
			break;
		}
		case UIFM_BACK:
			if (!uifm_dirty(uf) || ask_discard(a)) done = 1;
			break;
		default: break;
		}
		if (d->sg) suggest_step(a, uf, d->sg);
	}
	if (!stored) {
		memcpy(a->msg, saved_msg, sizeof saved_msg);
		a->msg_kind = saved_kind;
	}
	uifm_free(uf);
	return stored;
}

/* The commits check the account first: a refusal is already in the
 * message line, so the error only repeats it. */
static enum st_status refused(char *err, size_t errsz, const struct uia *a)
{
	snprintf(err, errsz, "%s", a->msg);
	return ST_CONSTRAINT;
}

static enum st_status commit_followup(struct uia *a, struct rec *r, void *ctx, char *err, size_t errsz)
{
	(void)ctx;
	if (!uia_require(a, AUTH_CREATE)) return refused(err, errsz, a);
	return acard_add_followup(a->db, r, a->staff, err, errsz);
}

struct card;
struct card_ctx { const char *card_no; struct card *card; };
static enum st_status review_card(struct card *c, const struct rec *r, char *err, size_t errsz);

static enum st_status commit_review(struct uia *a, struct rec *r, void *ctx, char *err, size_t errsz)
{
	const struct card_ctx *c = ctx;
	if (!may_review(a)) return refused(err, errsz, a);
	return review_card(c->card, r, err, errsz);
}

static enum st_status commit_lost(struct uia *a, struct rec *r, void *ctx, char *err, size_t errsz)
{
	const struct card_ctx *c = ctx;
	if (!uia_require(a, AUTH_CHANGE)) return refused(err, errsz, a);
	return acard_close_lost(a->db, c->card_no, rec_get(r, "lost_reason"), a->staff, err, errsz);
}

static enum st_status commit_reopen(struct uia *a, struct rec *r, void *ctx, char *err, size_t errsz)
{
	const struct card_ctx *c = ctx;
	if (!uia_require(a, AUTH_CHANGE)) return refused(err, errsz, a);
	return acard_reopen(a->db, c->card_no, rec_get(r, "next_date"), rec_get(r, "why"), a->staff, err, errsz);
}

/* why is no column of the card: the usage log keeps it */
static const char reopen_csv[] =
	"#title,A卡重新激活\n"
	"key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
	"card_no,A卡编号,重新激活,acards.card_no,text,14,general,,,,,readonly\n"
	"next_date,下次回访计划,重新激活,acards.next_date,date,10,required,,date,,,\n"
	"why,激活原因,重新激活,acards.why,text,40,required,,,,,\n";

static const char review_csv[] =
	"#title,A卡主管审核\n"
	"key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
	"card_no,A卡编号,主管审核,acards.card_no,text,14,general,,,,,readonly\n"
	"review_by,主管审核签字,主管审核,acards.review_by,text,10,required,,,,,\n"
	"review_comment,审核意见,主管审核,acards.review_comment,text,40,required,,,,,multiline\n";

static const char lost_csv[] =
	"#title,A卡战败\n"
	"key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
	"card_no,A卡编号,战败,acards.card_no,text,14,general,,,,,readonly\n"
	"lost_reason,战败原因,战败,acards.lost_reason,text,40,required,,,,,\n";

/* ---- the card ---- */

struct card {
	struct uia *a;
	struct fdef_form *ff; /* the follow-up form */
	struct rec *r;
	struct uifm *uf;
	int64_t visit_id;     /* a new card from this entry */
	struct suggest sg;
	struct acard_fu_row fu[MAX_FU];
	int nfu;
	char now_cons[64];    /* whose the stored card is now: an ended card's through a rename */
	int signed_now;       /* reviewed, and nothing recorded or closed since (not 待审核) */
};

/* A stored card is its consultant's work, and the manager's who reviews
 * the cards (审核A卡).  Others — the front desk sees every card, to tell a
 * walk-in whose prospect they are — may look, but not record a call, end
 * the card or change it: whose sale it is, is what a 撞单 is fought over. */
static int works_on(const struct uia *a, const char *consultant)
{
	return auth_can(a->me.role, AUTH_REVIEW_ACARD) ||
	       txt_same_folded(consultant, staff_sheet_name(&a->me)); /* typed or imported as written */
}

/* The stored card is one the session only reads (another consultant's):
 * whose it is as stored, not as typed on the sheet. */
/* Whose the stored card is: an ended card's through a rename since it
 * closed (the person who had the name then, under the name they have
 * now, not whoever took the name later), else the name it holds. */
static const char *owner(const struct card *c)
{
	const char *cons = rec_get(c->uf->orig, "consultant");
	return !active(rec_get(c->uf->orig, "status")) && *c->now_cons ? c->now_cons : cons;
}

static int only_reads(const struct card *c)
{
	return c->r->id && !works_on(c->a, owner(c));
}

/* An ended card, and another consultant's, is only read: every field
 * locked, saying why, so that nothing is typed only to be refused at F2. */
static void lock_closed(struct card *c)
{
	int closed = c->r->id && !active(rec_get(c->r, "status")), theirs = only_reads(c);
	static char msg[256];
	if (theirs)
		snprintf(msg, sizeof msg, "只读：A卡 %s 由 %s 跟进，只有该顾问或经理（%s）可以修改",
		         rec_get(c->r, "card_no"), owner(c), auth_perm_name(AUTH_REVIEW_ACARD));
	else
		snprintf(msg, sizeof msg, "A卡已%s，不能修改", rec_get(c->r, "status"));
	int lock = closed || theirs;
	for (int i = 0; i < c->r->form->nfields; i++) uifm_lock(c->uf, i, lock, lock ? msg : NULL);
}

static int card_load(struct card *c, int64_t id)
{
	char err[512];
	if (acard_load(c->a->db, id, c->r, err, sizeof err) != ST_OK) {
		uia_set_msg(c->a, UIA_ERROR, "无法打开 A卡：%s", err);
		return -1;
	}
	c->r->id = id;
	if (acard_consultant_now(c->a->db, id, c->now_cons, sizeof c->now_cons, err, sizeof err) != 0) {
		uia_set_msg(c->a, UIA_ERROR, "无法打开 A卡：%s", err);
		return -1;
	}
	int awaits = acard_awaits_review(c->a->db, id, err, sizeof err);
	if (awaits < 0) {
		uia_set_msg(c->a, UIA_ERROR, "无法打开 A卡：%s", err);
		return -1;
	}
	c->signed_now = !awaits;
	uifm_reload(c->uf);
	uifm_mark_clean(c->uf);
	lock_closed(c);
	suggest_init(&c->sg, c->r, "level", NULL, "next_date");
	c->nfu = acard_followups(c->a->db, rec_get(c->r, "card_no"), c->fu, MAX_FU, err, sizeof err);
	if (c->nfu < 0) {
		uia_set_msg(c->a, UIA_ERROR, "读取访问记录失败：%s", err);
		c->nfu = 0;
	}
	return 0;
}

/* A prospect carded twice is a dispute over the sale (撞单): a new card for
 * a mobile another active card has is saved only when confirmed. */
static int second_card_confirmed(struct card *c)
{
	char no[32] = "", who[64] = "", err[512] = "";
	const char *mobile = rec_get(c->r, "mobile");
	int64_t held = *mobile ? acard_active_for(c->a->db, mobile, no, sizeof no, who, sizeof who, err, sizeof err) : 0;
	if (held < 0) {
		/* the cards unread: a 撞单 cannot be ruled out, so nothing is saved */
		uia_set_msg(c->a, UIA_ERROR, "保存失败：%s", err);
		return 0;
	}
	if (!held) return 1;
	char text[320];
	snprintf(text, sizeof text, "手机号 %s 已有跟进中的 A卡：\n%s（销售顾问 %s）\n同一客户建两张 A卡会撞单。仍要新建吗？",
	         mobile, no, who);
	if (uia_ask(c->a, "已有 A卡", text, "Y 仍然新建      N 返回", "YN") == 'Y') return 1;
	uia_set_msg(c->a, UIA_INFO, "未保存：手机号 %s 已有 A卡 %s（销售顾问 %s）", mobile, no, who);
	return 0;
}

/* The stored card c, if the session works on it; else said (`what` is
 * not theirs to do), and 0. */
static int may_work_on(struct card *c, const char *what)
{
	struct uia *a = c->a;
	const char *cons = owner(c);
	if (!only_reads(c)) return 1;
	uia_set_msg(a, UIA_ERROR, "未%s：A卡 %s 由 %s 跟进，只有该顾问或经理可以办理", what,
	            rec_get(c->r, "card_no"), cons);
	return 0;
}

static int card_save(struct card *c)
{
	struct uia *a = c->a;
	if (!uia_require(a, c->r->id ? AUTH_CHANGE : AUTH_CREATE)) return 0;
	if (!may_work_on(c, "修改")) return 0;
	const char *was = rec_get(c->uf->orig, "consultant"), *now = rec_get(c->r, "consultant");
	if (c->r->id && strcmp(was, now) != 0 && !auth_can(a->me.role, AUTH_REVIEW_ACARD)) {
		uia_set_msg(a, UIA_ERROR, "未保存：销售顾问：A卡从 %s 转给 %s 须由经理办理", was, now);
		return 0;
	}
	if (!uifm_presave(c->uf)) return 0;
	char err[512] = "";
	int was_new = c->r->id == 0;
	if (was_new && !second_card_confirmed(c)) return 0;
	enum st_status st = !was_new      ? acard_update(a->db, c->r, c->uf->orig, a->staff, err, sizeof err)
	                    : c->visit_id ? visit_to_acard(a->db, c->visit_id, c->r, a->staff, err, sizeof err)
	                                  : acard_create(a->db, c->r, a->staff, err, sizeof err);
	if (st == ST_CHANGED) {
		uifm_changed_elsewhere(c->uf, err);
		return 0;
	}
	if (st != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "保存失败：%s", err);
		return 0;
	}
	char warn[sizeof c->uf->warn];
	snprintf(warn, sizeof warn, "%s", c->uf->warn);
	card_load(c, c->r->id);
	uia_set_msg(a, UIA_OK, "%s A卡 %s（%s），下次回访 %s%s%s", was_new ? "已建" : "已保存",
	            rec_get(c->r, "card_no"), rec_get(c->r, "status"), rec_get(c->r, "next_date"),
	            *warn ? "。提示：" : "", warn);
	return 1;
}

/* Stored and unchanged, saving first when needed. */
static int card_stored(struct card *c)
{
	if (c->r->id && !uifm_dirty(c->uf)) return 1;
	return card_save(c);
}

/* 1 when a record was saved. */
static int card_followup(struct card *c)
{
	struct uia *a = c->a;
	if (!may_work_on(c, "记录访问")) return 0;
	if (!card_stored(c)) return 0;
	if (!active(rec_get(c->r, "status"))) {
		uia_set_msg(a, UIA_ERROR, "A卡已%s，不能再添加访问记录", rec_get(c->r, "status"));
		return 0;
	}
	struct rec *f = rec_new(c->ff);
	if (!f) return 0;
	char d[11];
	val_today_iso(d);
	rec_set(f, "card_no", rec_get(c->r, "card_no"));
	rec_set(f, "fu_date", d);
	rec_set(f, "level_after", rec_get(c->r, "level"));
	rec_set(f, "staff", staff_sheet_name(&a->me));
	struct suggest sg;
	suggest_init(&sg, f, "level_after", "fu_date", "next_date");
	sg.level[0] = 0; /* suggest at once from the card's level */
	char right[160];
	snprintf(right, sizeof right, "A卡 %s  %s", rec_get(c->r, "card_no"), rec_get(c->r, "name"));
	struct dialog dl = {
		.right = right,
		.intro = "写明这次说了什么（空的访问记录不能保存）。意向级别决定下次回访日期，也可改。",
		.sg = &sg,
		.commit = commit_followup,
	};
	int saved = dialog_run(a, f, "card_no", &dl);
	if (saved) {
		char date[11];
		snprintf(date, sizeof date, "%s", rec_get(f, "fu_date"));
		card_load(c, c->r->id);
		uia_set_msg(a, UIA_OK, "已添加 %s 的访问记录；意向级别 %s，下次回访 %s", date,
		            rec_get(c->r, "level"), rec_get(c->r, "next_date"));
	}
	rec_free(f);
	return saved;
}

/* The review and 战败 sheets: one small form each, same loop. */
static int card_small(struct card *c, const char *csv, size_t len, const char *intro,
                      enum st_status (*commit)(struct uia *, struct rec *, void *, char *, size_t),
                      const char *prefill_key, const char *prefill)
{
	struct uia *a = c->a;
	char err[512];
	struct fdef_form *f = fdef_parse("acard_small", csv, len, err, sizeof err);
	if (!f) {
		uia_set_msg(a, UIA_ERROR, "%s", err);
		return 0;
	}
	struct rec *r = rec_new(f);
	int ok = 0;
	if (r) {
		char no[32], right[160];
		snprintf(no, sizeof no, "%s", rec_get(c->r, "card_no"));
		rec_set(r, "card_no", no);
		if (prefill_key) rec_set(r, prefill_key, prefill);
		snprintf(right, sizeof right, "A卡 %s  %s", no, rec_get(c->r, "name"));
		struct card_ctx cc = {no, c};
		struct dialog dl = {.right = right, .intro = intro, .commit = commit, .ctx = &cc};
		ok = dialog_run(a, r, NULL, &dl);
		rec_free(r);
	}
	fdef_free(f);
	return ok;
}

/* Signed on what the card showed: a 访问记录 added or the card saved at
 * another terminal since is refused (acard_review_seen) and the card read
 * again under the dialog, so the comment stays typed and a second F2 signs
 * what is now stored.  The review used to cover a record nobody read and
 * take the card off 待审核. */
static enum st_status review_card(struct card *c, const struct rec *r, char *err, size_t errsz)
{
	struct uia *a = c->a;
	/* signed at another terminal meanwhile: the card read again would
	 * count as what this review covers, and its F2 sign over the other */
	int awaits = acard_awaits_review(a->db, c->r->id, err, errsz);
	if (awaits < 0) return ST_ERROR;
	if (!awaits) {
		if (card_load(c, c->r->id) != 0) {
			snprintf(err, errsz, "%s", a->msg);
			return ST_ERROR;
		}
		snprintf(err, errsz, "A卡已由 %s 于 %s 在其他终端审核，未再审核（Esc 返回）",
		         rec_get(c->r, "review_by"), rec_get(c->r, "review_at"));
		return ST_CONSTRAINT;
	}
	int64_t last = 0;
	for (int i = 0; i < c->nfu; i++)
		if (c->fu[i].id > last) last = c->fu[i].id;
	enum st_status st = acard_review_seen(a->db, rec_get(c->r, "card_no"), c->uf->orig, last,
	                                      rec_get(r, "review_by"), rec_get(r, "review_comment"), a->staff, err,
	                                      errsz);
	if (st == ST_CHANGED && card_load(c, c->r->id) == 0) {
		size_t n = strlen(err);
		snprintf(err + n, errsz - n, "。A卡已重新读取：Esc 返回查看；再按 F2 即按现在的内容签字");
	}
	return st;
}

/* The card bears a supervisor's signature covering what it holds: F8 is
 * not offered, and says whose.  A card recorded or closed since its review
 * is 待审核 again and is signed anew. */
static int reviewed(const struct card *c) { return c->r->id && c->signed_now; }

static void card_review(struct card *c)
{
	struct uia *a = c->a;
	if (!may_review(a)) return;
	if (!card_stored(c)) return;
	if (reviewed(c)) {
		/* as stored now: a call recorded at another terminal since the
		 * card was read makes it 待审核 again */
		char err[512];
		int awaits = acard_awaits_review(a->db, c->r->id, err, sizeof err);
		if (awaits < 0) {
			uia_set_msg(a, UIA_ERROR, "未审核：%s", err);
			return;
		}
		if (!awaits) {
			/* signed once: a second signature replaced the first
			 * reviewer's name, time and comment */
			uia_set_msg(a, UIA_INFO, "已审核：%s %s，未再审核（审核意见见本卡“审核”栏）。",
			            rec_get(c->r, "review_by"), rec_get(c->r, "review_at"));
			return;
		}
		/* the review signs only what the card shows (review_card) */
		c->signed_now = 0;
	}
	if (card_small(c, review_csv, sizeof review_csv - 1,
	               "核对首次接待概况、下次回访计划和访问记录后签字。审核意见必填。", commit_review,
	               "review_by", staff_sheet_name(&a->me))) {
		card_load(c, c->r->id);
		uia_set_msg(a, UIA_OK, "已审核：%s %s", rec_get(c->r, "review_by"), rec_get(c->r, "review_at"));
	}
}

/* F7 on a lost card: the prospect has come back (a visit, a call) and
 * the card follows on, rather than a second card for the same person. */
static void card_reopen(struct card *c)
{
	struct uia *a = c->a;
	if (!may_work_on(c, "重新激活")) return;
	char text[800];
	snprintf(text, sizeof text, "A卡 %s（%s）已战败：%s\n客户又有购车意向时，可重新激活这张 A卡继续跟进。",
	         rec_get(c->r, "card_no"), rec_get(c->r, "name"), rec_get(c->r, "lost_reason"));
	txt_drop_partial(text);
	if (uia_ask(a, "重新激活", text, "Y 重新激活      N 返回", "YN") != 'Y') return;
	char next[16] = "", d[11], err[512];
	val_today_iso(d);
	if (acard_suggest_next(a->db, rec_get(c->r, "level"), d, next, sizeof next, err, sizeof err) != ST_OK)
		next[0] = 0; /* no level: the dialog asks for it */
	char was[64];
	snprintf(was, sizeof was, "%s", rec_get(c->uf->orig, "consultant"));
	if (card_small(c, reopen_csv, sizeof reopen_csv - 1, "写明下次回访计划和重新激活的原因（如：客户再次来店）。",
	               commit_reopen, "next_date", next)) {
		card_load(c, c->r->id);
		/* closed under a name its consultant has given up: the store moved it to the name now */
		const char *now = rec_get(c->r, "consultant");
		char moved[256] = "";
		if (strcmp(was, now) != 0)
			snprintf(moved, sizeof moved, "；销售顾问 %s → %s（已改名）", was, now);
		uia_set_msg(a, UIA_OK, "A卡 %s 已重新激活，下次回访 %s%s", rec_get(c->r, "card_no"),
		            rec_get(c->r, "next_date"), moved);
	}
}

static void card_lost(struct card *c)
{
	struct uia *a = c->a;
	if (!card_stored(c)) return;
	if (strcmp(rec_get(c->r, "status"), "战败") == 0) {
		card_reopen(c);
		return;
	}
	if (!may_work_on(c, "记为战败")) return;
	if (!active(rec_get(c->r, "status"))) {
		uia_set_msg(a, UIA_ERROR, "A卡已%s", rec_get(c->r, "status"));
		return;
	}
	if (card_small(c, lost_csv, sizeof lost_csv - 1, "写明战败原因（如：已购竞品、预算不足）。",
	               commit_lost, NULL, NULL)) {
		card_load(c, c->r->id);
		uia_set_msg(a, UIA_OK, "A卡 %s 已记为战败：%s", rec_get(c->r, "card_no"),
		            rec_get(c->r, "lost_reason"));
	}
}

/* The card's mobile is one customer's on file — an owner buying again, as
 * a card opened from their visit is: 成交 links the card to that customer
 * and ends it (Y), then opens their sheet to look over; N registers a new
 * customer (a family's one phone).  A new sheet from the card had been the
 * only way, its save refused as a duplicate of the owner, and the owner's
 * sheet opened from there left the card unlinked.  Returns 'N' for the new
 * sheet, else 'Y' (done or said) or 27 (back). */
static int won_by_known(struct card *c, const char *no, int64_t cust)
{
	struct uia *a = c->a;
	char err[512] = "", who[200] = "", text[768];
	struct fdef_form *f = fdef_load("customer", NULL, err, sizeof err);
	struct rec *r = f ? rec_new(f) : NULL;
	enum st_status st = r ? cust_load(a->db, cust, r, err, sizeof err) : ST_ERROR;
	if (st == ST_OK)
		snprintf(who, sizeof who, "%s %s", rec_get(r, "cust_no"), rec_get(r, "name"));
	if (r) rec_free(r);
	if (f) fdef_free(f);
	if (st != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "未记成交：无法读取客户档案：%s", *err ? err : "内存不足");
		return 'Y';
	}
	snprintf(text, sizeof text,
	         "A卡 %s（%s）记为成交？\n手机号 %s 已是客户 %s 的档案。\n"
	         "同一人再购车：A卡关联到这份档案并成交，随后打开档案核对。\n不是同一人（如家人共用手机）：按 N 新建客户档案。",
	         no, rec_get(c->r, "name"), rec_get(c->r, "mobile"), who);
	int k = uia_ask(a, "成交", text, "Y 关联已有客户并成交   N 新建客户档案   Esc 返回", "YN");
	if (k == 27 || !uia_require(a, AUTH_CHANGE)) return 27;
	if (k == 'N') return 'N';
	if (acard_close_won_by(a->db, no, cust, a->staff, err, sizeof err) != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "未记成交：%s", err);
		return 'Y';
	}
	char said[320];
	snprintf(said, sizeof said, "A卡 %s 已成交，关联到本客户；新车交车时在这份档案中登记这辆车", no);
	uicu_run_said(a, cust, said);
	card_load(c, c->r->id);
	uia_set_msg(a, UIA_OK, "A卡 %s 已成交，关联客户 %s", no, who);
	return 'Y';
}

/* 成交 ends the card once its customer is on file: the card's data fills
 * the customer registration through 潜客编号, and that sheet's save links
 * the customer to the card; then the card is closed.  Left unsaved (or a
 * customer already on file opened instead), the card stays as it was
 * unless the user says to end it anyway — a card closed with no customer
 * sheet behind it dropped out of every list with the archive still owed.
 * On a card already 成交 the same key opens the customer it became; a new
 * registration from the card again would be a second customer of the same
 * sale (the shared-mobile prompt lets it through).  Only a card ended with
 * no customer behind it opens the registration again, the archive still
 * owed. */
static void card_won(struct card *c)
{
	struct uia *a = c->a;
	if (!may_work_on(c, "记为成交")) return;
	if (!card_stored(c)) return;
	char no[32], err[512];
	snprintf(no, sizeof no, "%s", rec_get(c->r, "card_no"));
	const char *st = rec_get(c->r, "status");
	if (strcmp(st, "战败") == 0) {
		uia_set_msg(a, UIA_ERROR, "A卡已战败，不能记为成交");
		return;
	}
	if (!active(st)) {
		int64_t cust = acard_customer_of(a->db, no, err, sizeof err);
		if (cust < 0) {
			uia_set_msg(a, UIA_ERROR, "无法打开客户档案：%s", err);
			return;
		}
		if (cust > 0) uicu_run(a, cust);
		else uicu_run_prospect(a, no);
		card_load(c, c->r->id);
		return;
	}
	int64_t known = cust_unique_mobile(a->db, rec_get(c->r, "mobile"), err, sizeof err);
	if (known < 0) {
		uia_set_msg(a, UIA_ERROR, "未记成交：%s", err);
		return;
	}
	if (known > 0) {
		if (won_by_known(c, no, known) != 'N') return;
	} else {
		char text[512];
		snprintf(text, sizeof text,
		         "A卡 %s（%s）记为成交？\n接着打开客户档案登记表，资料经潜客编号从 A卡带出；客户档案保存后 A卡随即结束。",
		         no, rec_get(c->r, "name"));
		if (uia_ask(a, "成交", text, "Y 建客户档案并成交      N 返回", "YN") != 'Y') return;
		if (!uia_require(a, AUTH_CHANGE)) return;
	}
	uicu_run_prospect(a, no);
	int64_t cust = acard_customer_of(a->db, no, err, sizeof err);
	if (cust < 0) {
		uia_set_msg(a, UIA_ERROR, "未记成交：%s", err);
		return;
	}
	/* a sheet saved whose link to the card failed said so as a notice */
	if (cust == 0 &&
	    uia_ask(a, "成交", "客户档案没有保存（或没有关联到这张 A卡），A卡还未记成交。\n老客户再购车时，请在其档案中登记这辆车；仍把这张 A卡记为成交吗？",
	            "Y 仍记为成交      N 暂不（A卡保持原状）", "YN") != 'Y') {
		card_load(c, c->r->id);
		uia_set_msg(a, UIA_INFO, "A卡 %s 未记成交：客户档案没有保存", no);
		return;
	}
	if (acard_close_won(a->db, no, a->staff, err, sizeof err) != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "未记成交：%s", err);
		return;
	}
	card_load(c, c->r->id);
	uia_set_msg(a, UIA_OK, "A卡 %s 已成交", no);
}

/* The 访问记录 under the sheet, newest first. */
static void draw_followups(struct card *c, int y, int h)
{
	char head[160];
	snprintf(head, sizeof head, " 访问记录（%d 条%s） ", c->nfu, c->nfu == MAX_FU ? "，只列最近的" : "");
	uis_hline(y, 0, COLS, A_NORMAL);
	uis_put(y, 2, COLS - 4, head, A_BOLD);
	if (c->nfu == 0) {
		uis_put(y + 1, 1, COLS - 2,
		        active(rec_get(c->r, "status")) && !only_reads(c) ? "还没有访问记录。按 F5 添加。" : "没有访问记录。",
		        A_NORMAL);
		return;
	}
	for (int i = 0; i < c->nfu && i < h - 1; i++) {
		const struct acard_fu_row *w = &c->fu[i];
		char line[1200];
		snprintf(line, sizeof line, "%s %-4s %-2s 下次%s %s%s%s", w->fu_date, w->method, w->level_after,
		         *w->next_date ? w->next_date + 5 : "--", w->content, *w->objection ? "｜异议：" : "",
		         w->objection);
		uis_put(y + 1 + i, 1, COLS - 2, line, A_NORMAL);
	}
}

/* d: opened from a draft (NULL: not).  wrote: not NULL for a stored card
 * opened on its 访问记录 sheet (the due list's A卡回访); once one is saved
 * the call is done, *wrote is 1 and the card closes — Esc on the record
 * leaves the card open, to read what was said before. */
static int64_t card_run(struct uia *a, int64_t id, int64_t visit_id, const struct draft *d, int *wrote)
{
	struct card c = {.a = a, .visit_id = visit_id};
	struct fdef_form *af = load_form(a, "acard");
	c.ff = af ? load_form(a, "followup") : NULL;
	c.r = c.ff ? rec_new(af) : NULL;
	c.uf = c.r ? uifm_new(a, c.r) : NULL;
	int64_t stored = 0;
	int opened = 0;
	if (!c.uf) goto out;
	uifm_chooser(c.uf, fdef_index(af, "consultant"), uivs_pick_consultant);
	a->msg[0] = 0;
	/* a new card from a walk-in entry goes on from that entry */
	uifm_keep_on_hangup(c.uf, id ? 0 : visit_id);
	if (id) {
		if (card_load(&c, id) != 0) goto out;
		if (only_reads(&c))
			uia_set_msg(a, UIA_INFO, "%s", c.uf->lock_msg); /* lock_closed's, said at once */
		else if (strcmp(rec_get(c.r, "status"), "战败") == 0)
			uia_set_msg(a, UIA_INFO, "A卡已战败：%s。客户又有购车意向时，按 F7 重新激活", rec_get(c.r, "lost_reason"));
	} else {
		char err[512], who[200] = "";
		if (visit_id && visit_fill_acard(a->db, visit_id, c.r, who, sizeof who, err, sizeof err) != ST_OK) {
			uia_set_msg(a, UIA_ERROR, "不能转为 A卡：%s", err);
			goto out;
		}
		acard_defaults(c.r);
		/* the sheet carries the consultant's name, as a walk-in entry does */
		if (!*rec_get(c.r, "consultant")) rec_set(c.r, "consultant", staff_sheet_name(&a->me));
		uifm_reload(c.uf);
		uifm_mark_clean(c.uf);
		suggest_init(&c.sg, c.r, "level", NULL, "next_date");
		uifm_focus(c.uf, fdef_index(af, visit_id ? "sex" : "name"));
		/* said where the values came from: a customer's age nobody typed */
		uia_set_msg(a, UIA_INFO, "%s%s%s%s意向级别决定下次回访计划。F2 保存后编号。",
		            visit_id ? "已带出来店登记" : "", *who ? "和客户 " : "", who,
		            visit_id ? (*who ? " 档案的内容，请核对、补全。" : "的内容，请补全。") : "");
	}
	if (d) {
		if (!uifm_restore_draft(c.uf, d)) goto out;
		lock_closed(&c);
		/* what the draft holds counts as typed: a date in it is not redone */
		suggest_init(&c.sg, c.r, "level", NULL, "next_date");
	}
	opened = 1;
	if (wrote && c.r->id && card_followup(&c)) {
		*wrote = 1;
		stored = c.r->id;
		goto out;
	}
	while (!a->quit) {
		int top, h;
		char right[160];
		if (c.r->id) snprintf(right, sizeof right, "A卡 %s  %s", rec_get(c.r, "card_no"),
		                      rec_get(c.r, "status"));
		else snprintf(right, sizeof right, visit_id ? "新建A卡（来自来店登记）" : "新建A卡");
		/* an ended card, and another consultant's, is read-only: its bar
		 * offers only what still works (F5, F2 and the endings are
		 * refused there; on another's card even the ended card's keys) */
		const char *st = rec_get(c.r, "status");
		uik_scopes bar = only_reads(&c)             ? UIK_RONLY
		                 : !c.r->id || active(st)   ? UIK_ASHEET
		                 : strcmp(st, "战败") == 0 ? UIK_ALOST | UIK_RONLY
		                                             : UIK_AWON | UIK_RONLY;
		if (!only_reads(&c) && !reviewed(&c)) bar |= UIK_AREVIEW;
		if (uia_frame(a, af->title ? af->title : "A卡", right, bar, &top, &h) == 0) {
			/* the records take the lower part of a stored card */
			int ph = !c.r->id ? 0 : h >= 30 ? 10 : 6;
			uifm_draw(c.uf, top, h - ph);
			if (ph) {
				int cy, cx;
				getyx(stdscr, cy, cx);
				draw_followups(&c, top + h - ph, ph);
				move(cy, cx);
			}
		}
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		enum uik_req req = UIR_NONE;
		/* F8 on a card reviewed already still comes, to say by whom */
		enum uifm_act act = uifm_key(c.uf, &k, UIK_ASHEET | UIK_AREVIEW, &req);
		if (act == UIFM_SAVE) {
			if (c.r->id && !active(rec_get(c.r, "status")))
				uia_set_msg(a, UIA_ERROR, "A卡已%s，不能修改", rec_get(c.r, "status"));
			else
				card_save(&c);
		} else if (act == UIFM_BACK) {
			if (uifm_ask_leave(c.uf)) break;
		} else if (act == UIFM_MOVED && !c.r->id && c.uf->left_field == fdef_index(af, "mobile")) {
			/* a prospect another consultant follows, said before the rest
			 * of the card is typed (the save asks again) */
			char no[32] = "", who[64] = "", m[32], err[512] = "";
			struct val_result vr;
			int64_t held = val_mobile(rec_get(c.r, "mobile"), m, sizeof m, &vr) != VAL_ERROR
			                   ? acard_active_for(a->db, m, no, sizeof no, who, sizeof who, err, sizeof err)
			                   : 0;
			if (held < 0) {
				uia_set_msg(a, UIA_ERROR, "%s", err);
			} else if (held) {
				if (txt_same_folded(who, staff_sheet_name(&a->me)))
					uia_set_msg(a, UIA_INFO, "注意：%s 已有您跟进中的 A卡 %s，请在那张卡上记录", m, no);
				else
					uia_set_msg(a, UIA_ERROR, "注意：%s 已有跟进中的 A卡 %s（销售顾问 %s），再建会撞单", m, no, who);
			}
		} else if (act == UIFM_OTHER) {
			switch (req) {
			case UIR_FOLLOWUP: card_followup(&c); break;
			case UIR_WON: card_won(&c); break;
			case UIR_LOST: card_lost(&c); break;
			case UIR_REVIEW: card_review(&c); break;
			default: break;
			}
		}
		if (!c.r->id || active(rec_get(c.r, "status"))) suggest_step(a, c.uf, &c.sg);
	}
	stored = c.r ? c.r->id : 0;
out:
	/* a draft that could not be opened: the list behind says why */
	if (!d || opened) a->msg[0] = 0;
	uifm_free(c.uf);
	if (c.r) rec_free(c.r);
	fdef_free(c.ff);
	fdef_free(af);
	return stored;
}

int64_t uiac_card(struct uia *a, int64_t id, int64_t visit_id) { return card_run(a, id, visit_id, NULL, NULL); }

int uiac_reschedule(struct uia *a, int64_t id, const char *date)
{
	char err[512];
	struct fdef_form *af = load_form(a, "acard");
	struct rec *r = af ? rec_new(af) : NULL;
	int done = 0;
	if (!r) goto out;
	if (acard_load(a->db, id, r, err, sizeof err) != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "未改期：%s", err);
		goto out;
	}
	r->id = id;
	const char *cons = rec_get(r, "consultant");
	if (!works_on(a, cons)) {
		uia_set_msg(a, UIA_ERROR, "未改期：A卡 %s 由 %s 跟进，只有该顾问或经理可以办理", rec_get(r, "card_no"), cons);
		goto out;
	}
	if (!uia_require(a, AUTH_CHANGE)) goto out;
	rec_set(r, "next_date", date);
	struct rule_list l = { 0 };
	rules_check(r, RP_SAVE, &l);
	char bad[600] = "";
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].kind == RK_INVALID && strcmp(l.v[i].key, "next_date") == 0)
			snprintf(bad, sizeof bad, "%s", l.v[i].msg);
	rules_list_free(&l);
	if (*bad) {
		uia_set_msg(a, UIA_ERROR, "未改期：%s", bad);
		goto out;
	}
	if (acard_update(a->db, r, NULL, a->staff, err, sizeof err) != ST_OK) { /* r read just now */
		uia_set_msg(a, UIA_ERROR, "未改期：%s", err);
		goto out;
	}
	done = 1;
out:
	if (r) rec_free(r);
	fdef_free(af);
	return done;
}

int uiac_card_followup(struct uia *a, int64_t id)
{
	int wrote = 0;
	card_run(a, id, 0, NULL, &wrote);
	return wrote;
}

void uiac_run_draft(struct uia *a, const struct draft *d)
{
	card_run(a, d->record_id, d->record_id ? 0 : d->link_id, d, NULL);
}

/* ---- lists ---- */

/* One list of cards, held PAGE rows at a time around what is shown. */
struct clist {
	int mgr;            /* the manager's overview */
	int awaiting;       /* cards awaiting review instead of the filter */
	int closed;         /* ended cards (成交, 战败) instead: a lost prospect calling again */
	char cons[64], level[8];
	long total, sel, first;
	long off;
	int n;              /* rows held: [off, off + n); n < 0: refetch */
	struct acard_row rows[PAGE];
	/* the manager's grid */
	struct acard_tally tl[MAX_TALLY];
	int ntl;
	struct acard_level lv[MAX_LEVELS];
	int nlv;
	char (*names)[64];  /* consultants of the grid, in order */
	int nnames;
	int grow, gcol, gfirst, grid_focus;
	int gpage;          /* the grid's consultant rows shown: PgUp / PgDn's step */
	struct uia_watch w;  /* others' cards change while the list stands idle */
};

static void clist_tally(struct uia *a, struct clist *l);

/* The list's count, and the overview's grid with it while the grid shows:
 * a cell must not say 3 over a list of 4 because a card was saved at
 * another terminal since the grid was last counted. */
static void clist_count(struct uia *a, struct clist *l)
{
	char err[512];
	if (l->mgr && !l->awaiting && !l->closed) clist_tally(a, l);
	struct acard_filter f = {l->cons, l->level};
	/* the manager's ended cards are everyone's; a consultant's, their own */
	l->total = l->awaiting ? acard_awaiting_count(a->db, err, sizeof err)
	           : l->closed ? acard_closed_count(a->db, l->mgr ? NULL : l->cons, err, sizeof err)
	                       : acard_count(a->db, &f, err, sizeof err);
	if (l->total < 0) {
		uia_set_msg(a, UIA_ERROR, "读取A卡失败：%s", err);
		l->total = 0;
		l->w.quiet = 1;
	}
	l->n = -1;
	if (l->sel >= l->total) l->sel = l->total - 1;
	if (l->sel < 0) l->sel = 0;
}

/* The page of rows from off (off < 0: from the first). */
static void clist_page(struct uia *a, struct clist *l, long off)
{
	if (off < 0) off = 0;
	char err[512];
	struct acard_filter f = {l->cons, l->level};
	l->off = off;
	l->n = l->awaiting ? acard_awaiting_review(a->db, off, l->rows, PAGE, err, sizeof err)
	       : l->closed ? acard_closed_list(a->db, l->mgr ? NULL : l->cons, off, l->rows, PAGE, err, sizeof err)
	                   : acard_list(a->db, &f, off, l->rows, PAGE, err, sizeof err);
	if (l->n < 0) {
		uia_set_msg(a, UIA_ERROR, "读取A卡失败：%s", err);
		l->n = 0;
		l->w.quiet = 1;
	}
}

/* Rows [first, first + rows) held, fetching a page around them if not. */
static void clist_hold(struct uia *a, struct clist *l, int rows)
{
	long want_end = l->first + rows < l->total ? l->first + rows : l->total;
	if (l->n >= 0 && l->first >= l->off && want_end <= l->off + l->n) return;
	clist_page(a, l, l->first - (PAGE - rows) / 2);
}

static void clist_tally(struct uia *a, struct clist *l)
{
	char err[512];
	l->nlv = acard_levels(a->db, l->lv, MAX_LEVELS, err, sizeof err);
	if (l->nlv < 0) l->nlv = 0;
	l->ntl = acard_tallies(a->db, l->tl, MAX_TALLY, err, sizeof err);
	if (l->ntl < 0) {
		uia_set_msg(a, UIA_ERROR, "统计A卡失败：%s", err);
		l->ntl = 0;
		l->w.quiet = 1;
	}
	l->nnames = 0;
	for (int i = 0; i < l->ntl; i++)
		if (l->nnames == 0 || strcmp(l->names[l->nnames - 1], l->tl[i].consultant) != 0)
			snprintf(l->names[l->nnames++], 64, "%s", l->tl[i].consultant);
	/* the cell listed below stays the one marked, by name and level: a
	 * consultant added above moves its row; one whose last card ended
	 * stays listed, with its noughts, while their cards are the filter */
	int row = 0;
	if (*l->cons) {
		int at = 0;
		while (at < l->nnames && strcmp(l->names[at], l->cons) < 0) at++;
		if ((at == l->nnames || strcmp(l->names[at], l->cons) != 0) && l->nnames < MAX_TALLY) {
			memmove(l->names[at + 1], l->names[at], (size_t)(l->nnames - at) * sizeof l->names[0]);
			snprintf(l->names[at], sizeof l->names[at], "%s", l->cons);
			l->nnames++;
		}
		if (at < l->nnames && strcmp(l->names[at], l->cons) == 0) row = at + 1;
	}
	l->grow = row;
	for (int i = 0; i < l->nlv; i++)
		if (*l->level && strcmp(l->lv[i].code, l->level) == 0) l->gcol = i + 1;
	if (l->gcol > l->nlv) l->gcol = l->nlv;
}

/* The grid's count for row (0: everyone) and column (0: every level;
 * nlv + 1: overdue). */
static long tally_of(const struct clist *l, int row, int col)
{
	long n = 0;
	for (int i = 0; i < l->ntl; i++) {
		const struct acard_tally *t = &l->tl[i];
		if (row > 0 && strcmp(t->consultant, l->names[row - 1]) != 0) continue;
		if (col == l->nlv + 1) n += t->overdue;
		else if (col == 0 || strcmp(t->level, l->lv[col - 1].code) == 0) n += t->cards;
	}
	return n;
}

/* The filter follows the grid's selected cell. */
static void grid_filter(struct uia *a, struct clist *l)
{
	snprintf(l->cons, sizeof l->cons, "%s", l->grow > 0 ? l->names[l->grow - 1] : "");
	snprintf(l->level, sizeof l->level, "%s", l->gcol > 0 && l->gcol <= l->nlv ? l->lv[l->gcol - 1].code : "");
	l->sel = l->first = 0;
	clist_count(a, l);
}

/* Draws the grid into rows [y, y + h); returns the rows used. */
static int draw_grid(struct clist *l, int y, int h)
{
	int rows = l->nnames + 2, shown = rows < h ? rows : h;
	int body = shown - 1; /* below the header */
	l->gpage = body > 1 ? body : 1;
	if (l->grow < l->gfirst) l->gfirst = l->grow;
	if (l->grow >= l->gfirst + body) l->gfirst = l->grow - body + 1;
	char cell[64];
	int x = 1;
	uis_putpad(y, x, 12, "销售顾问", A_BOLD);
	x += 12;
	for (int c = 0; c <= l->nlv + 1; c++) {
		/* right-aligned over the counts, which are " %5ld " */
		const char *name = c == 0 ? "合计" : c <= l->nlv ? l->lv[c - 1].code : "逾期";
		int w = txt_width(name);
		uis_put(y, x + c * 7 + (w < 6 ? 6 - w : 0), 6, name, A_BOLD);
	}
	for (int i = 0; i < body; i++) {
		int row = l->gfirst + i;
		if (row > l->nnames) break;
		int yy = y + 1 + i;
		char name[80];
		snprintf(name, sizeof name, "%s%s", row == l->grow ? ">" : " ", row == 0 ? "全部" : l->names[row - 1]);
		uis_putpad(yy, 0, 13, name, row == l->grow ? A_BOLD : A_NORMAL);
		for (int c = 0; c <= l->nlv + 1; c++) {
			int on = row == l->grow && c == l->gcol && c <= l->nlv;
			/* brackets mark the cell whose cards are listed below */
			snprintf(cell, sizeof cell, on ? "[%5ld]" : " %5ld ", tally_of(l, row, c));
			attr_t at = on ? (l->grid_focus ? uis_attr(UIS_SELECT) : A_BOLD | A_UNDERLINE)
			            : c == l->nlv + 1 && tally_of(l, row, c) > 0 ? uis_attr(UIS_ERROR)
			                                                         : A_NORMAL;
			uis_put(yy, x + c * 7 - 1, 7, cell, at);
		}
	}
	return shown;
}

/* v: 逾期, number, name, mobile, level, next date, status, consultant, review */
static void card_line(int y, const char *const *v, int mgr, attr_t at, int wide)
{
	char line[1024];
	char cols[9][160];
	static const int wn[] = {5, 14, 10, 11, 4, 10, 6, 8, 16};
	size_t len = 0;
	for (int i = 0; i < 9; i++) {
		if (i == 7 && !mgr && !wide) continue;
		if (i == 8 && !wide) continue;
		txt_cell(cols[i], sizeof cols[i], v[i], wn[i], 1); /* cut with …, as the other lists */
		len += (size_t)snprintf(line + len, sizeof line - len, "%s ", cols[i]);
		if (len >= sizeof line) break;
	}
	uis_putpad(y, 1, COLS - 2, line, at);
}

/* again: recorded or closed since its review, so 待审核 again; its
 * signature's time alone read as a card reviewed and done. */
static void card_row(int y, const struct acard_row *w, int mgr, int on, int wide, int again,
                     enum auth_role role)
{
	char mobile[32], review[40];
	auth_show_mobile(role, w->mobile, mobile, sizeof mobile);
	/* the cursor shows in a dump too, not only as a colour */
	const char *mark = on ? (w->overdue ? ">逾期" : ">") : w->overdue ? " 逾期" : "";
	if (!*w->review_at) snprintf(review, sizeof review, "未审");
	else if (again) snprintf(review, sizeof review, "待再审（%.5s）", w->review_at + 5);
	else snprintf(review, sizeof review, "%s", w->review_at);
	const char *v[] = {mark, w->card_no, w->name, mobile, w->level, w->next_date,
	                   w->status, w->consultant, review};
	card_line(y, v, mgr, on ? uis_attr(UIS_SELECT) : w->overdue ? uis_attr(UIS_ERROR) : A_NORMAL, wide);
}

static uik_scopes clist_scopes(const struct clist *l)
{
	return UIK_ALIST | (l->mgr ? UIK_AMGR : 0) | (l->mgr && !l->awaiting && !l->closed ? UIK_AGRID : 0) |
	       (l->awaiting ? UIK_AWAIT : 0) | (l->closed ? UIK_AENDED : 0);
}

static void clist_draw(struct uia *a, struct clist *l)
{
	int top, h;
	char title[160], right[96];
	const char *view = l->awaiting ? "：待审核" : l->closed ? "：已结束" : "";
	if (l->mgr) snprintf(title, sizeof title, "A卡总览（经理）%s", view);
	else snprintf(title, sizeof title, "我的A卡（%s %s）%s", auth_role_name(a->me.role), staff_sheet_name(&a->me),
	              view);
	snprintf(right, sizeof right, l->total ? "第 %ld/%ld 张" : "共 %ld 张", l->total ? l->sel + 1 : 0,
	         l->total);
	uik_scopes scopes = clist_scopes(l);
	if (uia_frame(a, title, right, scopes, &top, &h) != 0) return;
	int y = top;
	if (l->mgr && !l->awaiting && !l->closed) {
		y += draw_grid(l, y, h / 3 > 4 ? h / 3 : 4);
		uis_hline(y++, 0, COLS, A_NORMAL);
	}
	int wide = COLS >= 100;
	static const char *const head[] = {"", "A卡编号", "姓名", "联系电话", "级别", "下次回访", "状态",
	                                   "销售顾问", "审核"};
	static const char *const head_closed[] = {"", "A卡编号", "姓名", "联系电话", "级别", "结束日期", "状态",
	                                          "销售顾问", "审核"};
	card_line(y++, l->closed ? head_closed : head, l->mgr, A_BOLD, wide);
	int rows = top + h - y;
	if (rows < 1) return;
	if (l->sel < l->first) l->first = l->sel;
	if (l->sel >= l->first + rows) l->first = l->sel - rows + 1;
	if (l->first < 0) l->first = 0;
	clist_hold(a, l, rows);
	if (l->total == 0)
		uis_put(y + 1, 3, COLS - 4,
		        l->awaiting ? "没有待审核的 A卡。"
		        : l->closed ? "没有已结束的 A卡。"
		        : l->mgr    ? "没有跟进中的 A卡。"
		                    : "您还没有跟进中的 A卡。按 F4 新建。",
		        A_NORMAL);
	for (int i = 0; i < rows && l->first + i < l->total; i++) {
		long at = l->first + i - l->off;
		if (at < 0 || at >= l->n) break;
		int on = l->first + i == l->sel && !(l->mgr && l->grid_focus && !l->awaiting && !l->closed);
		const struct acard_row *w = &l->rows[at];
		char err[256];
		/* the 待审核 list holds only such cards; elsewhere each shown is asked */
		int again = wide && *w->review_at && strlen(w->review_at) >= 10 &&
		            (l->awaiting || acard_awaits_review(a->db, w->id, err, sizeof err) == 1);
		card_row(y + i, w, l->mgr, on, wide, again, a->me.role);
	}
	curs_set(0);
}

/* Another set of cards (待审核, 已结束, or the active ones), from its top. */
static void clist_view(struct uia *a, struct clist *l, int awaiting, int closed)
{
	l->awaiting = awaiting;
	l->closed = closed;
	l->sel = l->first = 0;
	if (awaiting || closed) l->grid_focus = 0;
	clist_count(a, l);
}

static const struct acard_row *clist_current(struct clist *l)
{
	long at = l->sel - l->off;
	return l->n > 0 && at >= 0 && at < l->n ? &l->rows[at] : NULL;
}

/* Read the cards again, and the overview's grid; the cursor stays on the
 * card it was on while that card is in the page read around it (a card
 * saved elsewhere moves by its 下次回访, a row or a few), else on the
 * same row number.  The filter and the view stay. */
static void clist_reread(struct uia *a, struct clist *l)
{
	const struct acard_row *cur = clist_current(l);
	int64_t on = cur ? cur->id : 0;
	uia_watch_read(&l->w, a);
	clist_count(a, l); /* the grid's counts too */
	if (!on || l->total == 0 || l->w.quiet) return;
	clist_page(a, l, l->sel - PAGE / 2);
	for (int i = 0; i < l->n; i++)
		if (l->rows[i].id == on) {
			l->sel = l->off + i;
			break;
		}
}

static void clist_run(struct uia *a, int mgr)
{
	struct clist *l = calloc(1, sizeof *l);
	char (*names)[64] = mgr ? calloc(MAX_TALLY, 64) : NULL;
	if (!l || (mgr && !names)) {
		free(l);
		free(names);
		uia_set_notice(a, "内存不足");
		return;
	}
	l->mgr = mgr;
	l->names = names;
	l->grid_focus = mgr;
	if (!mgr) snprintf(l->cons, sizeof l->cons, "%s", staff_sheet_name(&a->me));
	a->msg[0] = 0;
	clist_reread(a, l);
	while (!a->quit) {
		clist_draw(a, l);
		struct uik_key k;
		/* the overview is 查看全部A卡's, as on opening it */
		if (uia_watch_key(&l->w, mgr ? AUTH_ALL_ACARDS : AUTH_VIEW, &k)) {
			clist_reread(a, l);
			continue;
		}
		if (a->quit) break;
		/* the grid's keys (Tab, ←, →) only while it shows */
		enum uik_req r = uik_request(clist_scopes(l), &k);
		if (r == UIR_BACK) break;
		if (r != UIR_NONE) a->msg[0] = 0;
		int grid = mgr && l->grid_focus && !l->awaiting && !l->closed;
		/* PgUp / PgDn too: they moved the card list under the grid */
		if (grid && (r == UIR_UP || r == UIR_DOWN || r == UIR_LEFT || r == UIR_RIGHT ||
		             r == UIR_HOME || r == UIR_END || r == UIR_PGUP || r == UIR_PGDN)) {
			if (r == UIR_UP && l->grow > 0) l->grow--;
			if (r == UIR_DOWN && l->grow < l->nnames) l->grow++;
			if (r == UIR_PGUP) l->grow = l->grow > l->gpage ? l->grow - l->gpage : 0;
			if (r == UIR_PGDN) l->grow = l->grow + l->gpage < l->nnames ? l->grow + l->gpage : l->nnames;
			if (r == UIR_HOME) l->grow = 0;
			if (r == UIR_END) l->grow = l->nnames;
			if (r == UIR_LEFT) l->gcol = (l->gcol + l->nlv) % (l->nlv + 1);
			if (r == UIR_RIGHT) l->gcol = (l->gcol + 1) % (l->nlv + 1);
			grid_filter(a, l);
			continue;
		}
		const struct acard_row *cur = clist_current(l);
		switch (r) {
		case UIR_UP: l->sel--; break;
		case UIR_DOWN: l->sel++; break;
		case UIR_PGUP: l->sel -= 10; break;
		case UIR_PGDN: l->sel += 10; break;
		case UIR_HOME: l->sel = 0; break;
		case UIR_END: l->sel = l->total - 1; break;
		case UIR_NEXT: l->grid_focus = !l->grid_focus; break;
		case UIR_AWAITING: clist_view(a, l, !l->awaiting, 0); break;
		case UIR_CLOSED: clist_view(a, l, 0, !l->closed); break;
		case UIR_OPEN:
			if (grid) {
				l->grid_focus = 0; /* Enter on a cell: go to its cards */
				break;
			}
			if (cur) {
				uiac_card(a, cur->id, 0);
				clist_reread(a, l);
			}
			break;
		case UIR_NEW:
			uiac_card(a, 0, 0);
			clist_reread(a, l);
			break;
		default: break;
		}
		if (l->sel >= l->total) l->sel = l->total - 1;
		if (l->sel < 0) l->sel = 0;
	}
	a->msg[0] = 0;
	free(names);
	free(l);
}

void uiac_run_mine(struct uia *a) { clist_run(a, 0); }
/* Where the role check plugs in for the overview: 查看全部A卡. */
void uiac_run_manager(struct uia *a)
{
	if (!uia_require(a, AUTH_ALL_ACARDS)) {
		uia_set_notice(a, "%s", a->msg); /* the menu clears its message line */
		a->msg[0] = 0;
		return;
	}
	clist_run(a, 1);
}
