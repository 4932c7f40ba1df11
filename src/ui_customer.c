/* ui_customer — the customer sheet.  The order of a save is fixed: the rules
 * (refusal or the important prompt), then the duplicate check, then the
 * store, which commits before we say "saved". */
#include "desk4s/ui_customer.h"

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk4s/acard.h"
#include "desk4s/customer.h"
#include "desk4s/fdef.h"
#include "desk4s/record.h"
#include "desk4s/region.h"
#include "desk4s/rules.h"
#include "desk4s/text.h"
#include "desk4s/ui_form.h"
#include "desk4s/ui_screen.h"
#include "desk4s/ui_visit.h"
#include "desk4s/validate.h"

static const char lock_name_msg[] =
	"姓名不能直接修改：请按 F3 提交姓名修改申请（过户 / 工作失误，需写明原因和批准人）";
/* for a role F3 would only refuse (its bar does not offer it): who may */
static const char lock_name_ask_msg[] =
	"姓名不能直接修改：须请有“批准改名”权限的员工按 F3 提交姓名修改申请";

struct sheet {
	struct uia *a;
	struct rec *r;
	struct uifm *uf;
	char prospect_seen[64]; /* last 潜客编号 looked at, so the hook runs once per number */
	int64_t declined;       /* duplicate the user chose not to open: not offered again on leaving a field */
	int64_t shares_with;    /* the customer whose mobile the user said this one shares (a family's, a fleet's) */
	int for_order;          /* opened for a repair order: its one important prompt comes later */
	int64_t car;            /* the car shown: CUST_FIRST_CAR, or another of the customer's (F7, an order's) */
	int car_at, ncars;      /* its place among the customer's cars (0: the first), and how many */
	/* region codes a save read off the address, said once it stores them
	 * (a refusal takes the line meanwhile), while they stay as read */
	char region_note[256];
	char region_read[3][8];
};

static void lock_name(struct sheet *s)
{
	uifm_lock(s->uf, fdef_index(s->r->form, "name"), s->r->id != 0,
	          auth_can(s->a->me.role, AUTH_APPROVE_RENAME) ? lock_name_msg : lock_name_ask_msg);
}

static int load(struct sheet *s, int64_t id)
{
	char err[512];
	if (cust_load_car(s->a->db, id, s->car, s->r, err, sizeof err) != ST_OK) {
		uia_set_msg(s->a, UIA_ERROR, "无法打开客户：%s", err);
		return -1;
	}
	s->r->id = id;
	uifm_reload(s->uf);
	uifm_mark_clean(s->uf);
	lock_name(s);
	s->region_note[0] = 0;
	snprintf(s->prospect_seen, sizeof s->prospect_seen, "%s", rec_get(s->r, "prospect_no"));
	return 0;
}

/* A car as a line names it: its plate, else the end of its VIN; its model. */
static void car_named(const struct cust_car *c, char *out, size_t outsz)
{
	size_t vl = strlen(c->vin);
	char tail[32] = "";
	if (!*c->plate && vl)
		snprintf(tail, sizeof tail, "%sVIN尾号%s", *c->model ? " " : "", vl > 6 ? c->vin + vl - 6 : c->vin);
	snprintf(out, outsz, "%s%s%s%s", c->plate, *c->plate && *c->model ? " " : "", c->model, tail);
}

/* The cars read at once to say where the car shown stands and to name
 * the others when the sheet opens; F7 goes on past them (cust_next_car). */
enum { CARS_READ = 16 };

/* The customer's cars (up to max into cars) and where the car shown
 * stands among them (s->car_at, s->ncars): how many there are, -1 with the
 * message. */
static int car_place(struct sheet *s, struct cust_car *cars, int max)
{
	char err[256];
	int n = cust_cars(s->a->db, s->r->id, cars, max, err, sizeof err);
	if (n < 0) {
		uia_set_msg(s->a, UIA_ERROR, "无法读取客户的车辆：%s", err);
		return -1;
	}
	s->ncars = n;
	s->car_at = 0;
	int found = 0;
	for (int i = 0; i < n && i < max; i++)
		if (cars[i].id == s->car)
			s->car_at = i, found = 1;
	if (!found && s->car != CUST_FIRST_CAR && n > max) {
		int k = cust_car_index(s->a->db, s->r->id, s->car); /* a car past those read (a fleet's) */
		if (k > 0)
			s->car_at = k;
	}
	return n;
}

/* Which of the customer's cars the sheet shows (s->car_at of s->ncars),
 * named from the sheet itself, past the cars F7 goes through too. */
static void car_said(struct sheet *s)
{
	struct cust_car c = {.id = s->car};
	snprintf(c.plate, sizeof c.plate, "%s", rec_get(s->r, "plate"));
	snprintf(c.model, sizeof c.model, "%s", rec_get(s->r, "model"));
	snprintf(c.vin, sizeof c.vin, "%s", rec_get(s->r, "vin"));
	char name[128];
	car_named(&c, name, sizeof name);
	uia_set_msg(s->a, UIA_INFO, "第 %d/%d 辆车：%s（F7 看下一辆）", s->car_at + 1, s->ncars, name);
}

/* F7: the customer's next car on the sheet (the first after the last). */
static void next_car(struct sheet *s)
{
	struct cust_car cars[CARS_READ];
	int n = car_place(s, cars, CARS_READ);
	if (n < 0)
		return;
	if (n <= 1) {
		uia_set_msg(s->a, UIA_INFO, n ? "该客户只有这一辆车。" : "该客户还没有登记车辆。");
		return;
	}
	if (uifm_dirty(s->uf) &&
	    uia_ask(s->a, "未保存", "有未保存的修改。放弃这些修改，看下一辆车吗？", "Y 放弃修改      N 继续编辑", "YN") != 'Y')
		return;
	char err[256];
	int64_t was = s->car, next = cust_next_car(s->a->db, s->r->id, s->car, err, sizeof err);
	if (next < 0) {
		uia_set_msg(s->a, UIA_ERROR, "无法读取客户的车辆：%s", err);
		return;
	}
	int at = next == CUST_FIRST_CAR ? 0 : (s->car_at + 1) % n;
	s->car = next;
	if (load(s, s->r->id) != 0) {
		s->car = was;
		return;
	}
	s->car_at = at;
	s->uf->link = s->car; /* a draft of it goes back to this car */
	car_said(s);
}

/* The sheet opens on the customer's first car: the others (n cars in all,
 * as car_place read them) are said, so nobody takes the first car for the
 * only one. */
static void other_cars_said(struct sheet *s, const struct cust_car *cars, int n)
{
	char list[320] = "";
	size_t len = 0;
	for (int i = 1; i < n && i <= 3 && len < sizeof list; i++) {
		char name[128];
		car_named(&cars[i], name, sizeof name);
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i > 1 ? "、" : "", name);
	}
	uia_set_msg(s->a, UIA_INFO, "该客户另有 %d 辆车：%s%s（按 F7 查看）", n - 1, list, n > 4 ? " 等" : "");
}

/* uicu_run_said: what the message line says as the sheet opens. */
static const char *pending_said;
/* uicu_run_prospect: the card a new sheet starts from (one sheet at a time). */
static const char *pending_prospect;
static void prospect_hook(struct sheet *s);
static void link_prospect(struct sheet *s);
static int prospect_taken(struct sheet *s, const char *doing);

/* uicu_run_new_from, _new_pick and _for_order: what was typed into the
 * lookup, or 找车, that found nobody. */
static const char *pending_typed;

/* The lookup's text on the new sheet, in the field it is: a mobile, a
 * plate, a VIN, a landline, else (no digit in it, and not the start of a
 * plate: 浙A) a name. */
static void typed_into(struct sheet *s, const char *typed)
{
	char v[64];
	struct val_result vr;
	uint32_t cp;
	size_t first = (unsigned char)typed[0] >= 0x80 ? txt_decode(typed, strlen(typed), &cp) : 0;
	int plate_begun = first && isalpha((unsigned char)typed[first]); /* 浙A…: nobody's name */
	const char *key = val_mobile(typed, v, sizeof v, &vr) != VAL_ERROR     ? "mobile"
	                  : val_plate(typed, v, sizeof v, &vr) != VAL_ERROR    ? "plate"
	                  : val_vin(typed, v, sizeof v, &vr) != VAL_ERROR      ? "vin"
	                  : val_landline(typed, v, sizeof v, &vr) != VAL_ERROR ? "phone1"
	                  : !strpbrk(typed, "0123456789") && !plate_begun       ? "name"
	                                                                        : NULL;
	if (key) rec_set(s->r, key, strcmp(key, "name") == 0 ? typed : v);
}

static void new_defaults(struct sheet *s)
{
	/* 首次交易日期 defaults to the day the record is made (SHEETS.md) */
	char d[11];
	val_today_iso(d);
	rec_set(s->r, "first_deal_date", d);
	uifm_reload(s->uf);
	uifm_mark_clean(s->uf);
	if (pending_typed) { /* typed: leaving unsaved asks first */
		typed_into(s, pending_typed);
		pending_typed = NULL;
		uifm_reload(s->uf);
	}
	if (pending_prospect) { /* filled after mark_clean: leaving unsaved asks first */
		rec_set(s->r, "prospect_no", pending_prospect);
		pending_prospect = NULL;
		prospect_hook(s);
	}
}

/* Another record already holds this mobile / ID number / VIN: offer it.
 * Also run on leaving one of those fields, so staff learn of it before
 * typing the rest.  A mobile may be shared — a family's one phone, a
 * fleet's office — so for a mobile the user may say so and go on (S); an
 * ID number, a VIN or a plate is one customer's.  Returns 1 when a save
 * must not go on. */
static int offer_duplicate(struct sheet *s, int on_leave)
{
	char err[512] = "";
	const char *which = NULL;
	int64_t other = cust_find_duplicate(s->a->db, s->r, 1, &which, err, sizeof err);
	int mobile = other > 0 && which && strcmp(which, "mobile") == 0;
	if (mobile && other == s->shares_with)
		other = cust_find_duplicate(s->a->db, s->r, 0, &which, err, sizeof err), mobile = 0;
	if (other < 0) {
		uia_set_msg(s->a, UIA_ERROR, "查重失败，未保存：%s", err);
		return 1;
	}
	if (other == 0 || other == s->r->id) return 0;
	if (on_leave && other == s->declined) return 0;
	struct rec *o = rec_new(s->r->form);
	char who[400] = "", whose[200] = "", said[400] = "";
	if (o && cust_load(s->a->db, other, o, err, sizeof err) == ST_OK) {
		snprintf(who, sizeof who, "客户编号 %s  %s  手机 %s", rec_get(o, "cust_no"),
		         rec_get(o, "name"), rec_get(o, "mobile"));
		snprintf(whose, sizeof whose, "%s %s", rec_get(o, "cust_no"), rec_get(o, "name"));
		/* the message line's sentence: not the dialog's spaced-out row
		 * in brackets ("（客户编号 C00000001  李四  手机 …）") */
		if (*rec_get(o, "mobile"))
			snprintf(said, sizeof said, "%s（手机 %s）", whose, rec_get(o, "mobile"));
		else
			snprintf(said, sizeof said, "%s ", whose);
	}
	if (o) rec_free(o);
	int wi = which ? fdef_index(s->r->form, which) : -1;
	const char *label = wi >= 0 ? s->r->form->fields[wi].label : "手机号、身份证号码、VIN或车牌号";
	const char *advice = mobile ? (s->r->id ? "是同一人请打开该客户的档案；家人、同事或车队共用这个号码时，可仍然保存。"
	                                        : "是同一人请打开该客户的档案，而不是新建；家人、同事或车队共用这个号码时，"
	                                          "可仍然保存为新客户。")
	                            : s->r->id ? "请核对这一项，或打开那位客户的档案。"
	                                       : "为避免重复建档，请打开该客户的档案，而不是新建。";
	char text[1024];
	snprintf(text, sizeof text, "%s与已有客户相同：\n%s\n%s", label, who, advice);
	const char *keys = !mobile ? "O 打开该客户档案（本页不保存）   Esc 返回修改"
	                 : on_leave ? "O 打开该客户档案（本页不保存）   S 共用号码，继续填写   Esc 返回"
	                            : "O 打开该客户档案（本页不保存）   S 共用号码，仍然保存   Esc 返回修改";
	int c = uia_ask(s->a, "可能重复", text, keys, mobile ? "OS" : "O");
	if (c == 'O') {
		s->car = CUST_FIRST_CAR; /* that customer's sheet, from its first car */
		s->ncars = s->car_at = 0;
		s->uf->link = 0;
		if (load(s, other) == 0)
			uia_set_msg(s->a, UIA_INFO, "已打开已有客户 %s（刚才输入的内容未保存）",
			            rec_get(s->r, "cust_no"));
	} else if (c == 'S') {
		/* said once for this customer: the save goes on to the other keys */
		s->shares_with = other;
		uia_set_msg(s->a, UIA_INFO, "手机号与客户 %s 共用", whose);
		return on_leave ? 1 : offer_duplicate(s, 0);
	} else {
		s->declined = other;
		if (on_leave) {
			uia_set_msg(s->a, UIA_ERROR, "注意：%s与已有客户 %s相同", label, said);
		} else {
			uia_set_msg(s->a, UIA_ERROR, "未保存：%s与已有客户 %s相同", label, said);
			uifm_focus(s->uf, wi);
		}
		uifm_said_about(s->uf, wi); /* it goes once that value is changed */
	}
	return 1;
}

/* The province, city and district fields, in form order (-1: none). */
static void region_idx(const struct sheet *s, int idx[3])
{
	int n = 0;
	idx[0] = idx[1] = idx[2] = -1;
	for (int i = 0; i < s->r->form->nfields && n < 3; i++)
		if (s->r->form->fields[i].type == FT_REGION) idx[n++] = i;
}

/* 省/市/区 empty under a 详细地址 that starts with a region (浙江省杭州市
 * 西湖区文三路100号): the codes read off it as an import reads them, shown
 * with their names at once, and the words for the message line into note
 * (naming what was read, so a wrong reading is corrected there and then).
 * A province picked (or a province and its city) that the address agrees
 * with is completed from it; codes typed or picked are never changed, and
 * one the address disagrees with leaves all as it is, said in note with
 * *clash set.  The field the note is about (the last one filled, or the
 * last code there when they clash), or -1 when there is nothing to say. */
static int region_from_address(struct sheet *s, char *note, size_t notesz, int *clash)
{
	char shown[160];
	int idx[3];
	region_idx(s, idx);
	*clash = 0;
	int n = rules_region_fill(s->r, shown, sizeof shown, note, notesz);
	if (n < 0) {
		*clash = 1;
		int last = -1;
		for (int k = 0; k < 3; k++)
			if (idx[k] >= 0 && *s->r->val[idx[k]]) last = idx[k];
		return last;
	}
	if (n == 0) return -1;
	for (int k = 0; k < 3; k++)
		if (idx[k] >= 0) s->uf->bad[idx[k]] = 0; /* filled: no longer named */
	uifm_reload(s->uf);
	int city = idx[1] >= 0 ? atoi(s->r->val[idx[1]]) : 0;
	/* 浙江省杭州市文三路: the city's district is still to choose (东莞 has none) */
	int district_left = n == 2 && idx[2] >= 0 && !reg_is_leaf_city(city);
	snprintf(note, notesz, "已按详细地址填入 %s，不对请改%s", shown,
	         district_left ? "；区域编号未能从地址读出，请选择" : "");
	return idx[n - 1];
}

/* Returns 1 once stored. */
static int save(struct sheet *s)
{
	struct rule_list l = {0};
	char note[256];
	int clash;
	if (region_from_address(s, note, sizeof note, &clash) >= 0 && !clash) {
		int idx[3];
		region_idx(s, idx);
		snprintf(s->region_note, sizeof s->region_note, "%s", note);
		for (int k = 0; k < 3; k++)
			snprintf(s->region_read[k], sizeof s->region_read[k], "%s", idx[k] >= 0 ? s->r->val[idx[k]] : "");
	}
	/* the class as typed: the rules may set the system's (sale_class) */
	int ci = fdef_index(s->r->form, "category");
	char typed[64] = "";
	if (ci >= 0) snprintf(typed, sizeof typed, "%s", s->r->val[ci]);
	if (s->for_order) {
		/* the order lists the empty important fields, the owner's with its
		 * own, in one prompt when it opens or completes */
		if (!uifm_refuse(s->uf, RP_SAVE, &l)) return 0;
		rules_list_free(&l);
	} else if (!uifm_presave(s->uf)) {
		return 0;
	}
	if (offer_duplicate(s, 0) || prospect_taken(s, "未保存：")) return 0;
	char err[512] = "";
	int was_new = s->r->id == 0;
	if (!uia_require(s->a, was_new ? AUTH_CREATE : AUTH_CHANGE)) return 0;
	enum st_status st = was_new ? cust_insert(s->a->db, s->r, 0, s->a->staff, err, sizeof err)
	                            : cust_update_car(s->a->db, s->r, s->uf->orig, s->car, 0, s->a->staff, err, sizeof err);
	if (st == ST_CHANGED) {
		uifm_changed_elsewhere(s->uf, err);
		return 0;
	}
	if (st != ST_OK) {
		uia_set_msg(s->a, UIA_ERROR, "保存失败：%s", err);
		return 0;
	}
	link_prospect(s);
	/* the rules gave the class the system sets (a delivered new-car sale),
	 * or kept it where 个人 was picked over it: said, since nobody typed it */
	const char *sys = ci >= 0 ? fdef_auto_choice(&s->r->form->fields[ci]) : NULL;
	int classed = sys && strcmp(s->r->val[ci], sys) == 0 && strcmp(typed, sys) != 0;
	uifm_reload(s->uf);
	uifm_mark_clean(s->uf);
	lock_name(s);
	char car[48] = "", cls[96] = "", region[sizeof s->region_note + 8] = "";
	if (s->ncars > 1)
		snprintf(car, sizeof car, "（第 %d/%d 辆车）", s->car_at + 1, s->ncars);
	if (classed)
		snprintf(cls, sizeof cls, "。新车已交车，客户分类由系统设为%s（不可手选）", sys);
	if (s->region_note[0]) {
		/* stored as read: said now (changed since, they are the person's) */
		int idx[3], same = 1;
		region_idx(s, idx);
		for (int k = 0; k < 3; k++)
			same &= strcmp(idx[k] >= 0 ? s->r->val[idx[k]] : "", s->region_read[k]) == 0;
		if (same) snprintf(region, sizeof region, "。%s", s->region_note);
		s->region_note[0] = 0;
	}
	uia_set_msg(s->a, UIA_OK, "已保存：客户编号 %s%s%s%s%s%s", rec_get(s->r, "cust_no"), car, cls, region,
	            s->uf->warn[0] ? "。提示：" : "", s->uf->warn);
	return 1;
}

/* A 潜客编号 new on this sheet whose card became another customer: said
 * (on leaving the field, and refusing the save), since linking this one
 * would take the card from the first — one card, one customer.  Returns 1
 * when said. */
static int prospect_taken(struct sheet *s, const char *doing)
{
	const char *no = rec_get(s->r, "prospect_no");
	if (!*no || strcmp(no, rec_get(s->uf->orig, "prospect_no")) == 0) return 0;
	char who[200], err[512];
	int held = acard_held_by(s->a->db, no, s->r->id, who, sizeof who, err, sizeof err);
	if (held == 0) return 0;
	if (held < 0)
		uia_set_msg(s->a, UIA_ERROR, "%s%s", doing, err);
	else
		uia_set_msg(s->a, UIA_ERROR, "%s潜客编号：A卡 %s 已建客户档案（%s），一张 A卡只对应一位客户；"
		            "是同一人请打开那份档案。", doing, no, who);
	uifm_focus(s->uf, fdef_index(s->r->form, "prospect_no"));
	uifm_said_about(s->uf, fdef_index(s->r->form, "prospect_no")); /* gone once the number is changed */
	return 1;
}

/* 潜客编号 entered: the A-card's data should fill the sheet for review. */
static void prospect_hook(struct sheet *s)
{
	const char *no = rec_get(s->r, "prospect_no");
	if (!*no || strcmp(no, s->prospect_seen) == 0) return;
	snprintf(s->prospect_seen, sizeof s->prospect_seen, "%s", no);
	if (prospect_taken(s, "")) return;
	/* only empty fields are filled: what staff typed is never overwritten */
	char err[512];
	if (acard_prefill_customer(s->a->db, no, s->r, err, sizeof err) != ST_OK) {
		uia_set_msg(s->a, UIA_ERROR, "%s", err);
		/* a number corrected or emptied no longer has this problem */
		uifm_said_about(s->uf, fdef_index(s->r->form, "prospect_no"));
		return;
	}
	uifm_reload(s->uf);
	uia_set_msg(s->a, UIA_INFO, "已从 A卡 %s 带出资料，请核对、补全后保存。", no);
}

/* After a save: a 潜客编号 new on this sheet links the card to the customer. */
static void link_prospect(struct sheet *s)
{
	const char *no = rec_get(s->r, "prospect_no");
	if (!*no || strcmp(no, rec_get(s->uf->orig, "prospect_no")) == 0) return;
	char err[512];
	if (acard_link_customer(s->a->db, no, s->r->id, s->a->staff, err, sizeof err) != ST_OK)
		uia_set_notice(s->a, "未能关联 A卡：%s", err);
}

/* The name-change request: its own small sheet, checked by the same rules. */
static const char rename_csv[] =
	"#title,客户姓名修改申请\n"
	"key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
	"old_name,原姓名,姓名修改申请,name_changes.old_name,text,24,general,,,,,readonly\n"
	"new_name,新姓名,姓名修改申请,name_changes.new_name,text,24,required,,,,,\n"
	"kind,修改类别,姓名修改申请,name_changes.kind,choice,8,required,,,过户|工作失误,,\n"
	"reason,修改原因,姓名修改申请,name_changes.reason,text,40,required,,,,,\n"
	"approver,批准人,姓名修改申请,name_changes.approver,text,12,required,,,,,\n";

static int ask_discard(struct uia *a)
{
	return uia_ask(a, "未保存", "有未保存的修改。放弃这些修改并返回吗？",
	               "Y 放弃修改并返回      N 继续编辑", "YN") == 'Y';
}

static void rename_dialog(struct sheet *s)
{
	struct uia *a = s->a;
	/* said before the form is typed, not after (SHEETS.md §1: a manager
	 * approves; the request is made in their session) */
	if (!uia_require(a, AUTH_APPROVE_RENAME)) return;
	char err[512];
	struct fdef_form *f = fdef_parse("rename", rename_csv, sizeof rename_csv - 1, err, sizeof err);
	if (!f) {
		uia_set_msg(a, UIA_ERROR, "%s", err);
		return;
	}
	struct rec *r = rec_new(f);
	struct uifm *uf = r ? uifm_new(a, r) : NULL;
	if (!uf) {
		if (r) rec_free(r);
		fdef_free(f);
		return;
	}
	rec_set(r, "old_name", rec_get(s->r, "name"));
	uifm_reload(uf);
	uifm_mark_clean(uf);
	char saved_msg[sizeof a->msg];
	enum uia_msg saved_kind = a->msg_kind;
	memcpy(saved_msg, a->msg, sizeof saved_msg);
	uia_set_msg(a, UIA_INFO, "原姓名会保留在修改记录中。填好后按 F2 提交。");
	int done = 0;
	while (!done && !a->quit) {
		int top, h;
		char right[64];
		snprintf(right, sizeof right, "客户编号 %s", rec_get(s->r, "cust_no"));
		if (uia_frame(a, f->title, right, UIK_FORM, &top, &h) == 0) uifm_draw(uf, top, h);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		switch (uifm_key(uf, &k, 0, NULL)) {
		case UIFM_SAVE:
			if (!uifm_presave(uf)) break;
			/* only a manager approves a name change (SHEETS.md §1) */
			if (!uia_require(a, AUTH_APPROVE_RENAME)) break;
			if (cust_rename(a->db, s->r->id, rec_get(r, "new_name"), rec_get(r, "kind"),
			                rec_get(r, "reason"), rec_get(r, "approver"), a->staff, err,
			                sizeof err) != ST_OK) {
				uia_set_msg(a, UIA_ERROR, "提交失败：%s", err);
				break;
			}
			{
				char note[600];
				snprintf(note, sizeof note, "姓名已由“%s”改为“%s”（%s，批准人 %s）。",
				         rec_get(r, "old_name"), rec_get(r, "new_name"), rec_get(r, "kind"),
				         rec_get(r, "approver"));
				/* keep unsaved edits of the sheet: only the name comes from the store */
				rec_set(s->r, "name", rec_get(r, "new_name"));
				rec_set(s->uf->orig, "name", rec_get(r, "new_name"));
				uifm_reload(s->uf);
				snprintf(saved_msg, sizeof saved_msg, "%s", note);
				saved_kind = UIA_OK;
			}
			done = 1;
			break;
		case UIFM_BACK:
			if (!uifm_dirty(uf) || ask_discard(a)) done = 1;
			break;
		default: break;
		}
	}
	memcpy(a->msg, saved_msg, sizeof saved_msg);
	a->msg_kind = saved_kind;
	uifm_free(uf);
	rec_free(r);
	fdef_free(f);
}

/* What a repair order asks of the sheet (NULL: plain registration). */
struct for_order {
	int64_t car;
	const int *fields;
	int n;
	const char *msg;
	int later; /* the order asks for the empty important fields itself */
};

/* d: opened from a draft (NULL: not). */
static int64_t run_sheet(struct uia *a, int64_t id, int64_t car, const struct for_order *o, const struct draft *d)
{
	/* the car shown: the order's, the one a draft was typed on, or the
	 * one the lookup found */
	struct sheet s = {.a = a, .car = o ? o->car : d ? d->link_id : car};
	int64_t saved = 0;
	int opened = 0;
	s.r = rec_new(a->customer);
	s.uf = s.r ? uifm_new(a, s.r) : NULL;
	if (!s.uf) {
		uia_set_notice(a, "内存不足");
		if (s.r) rec_free(s.r);
		return 0;
	}
	a->msg[0] = 0;
	uifm_keep_on_hangup(s.uf, s.car);
	if (id) {
		if (load(&s, id) != 0) goto out;
		/* every way in (the lookup, a repair order) is one 查看客户 entry */
		if (!uia_view_customer(a, rec_get(s.r, "cust_no"))) goto out;
		struct cust_car cars[CARS_READ];
		int n = car_place(&s, cars, CARS_READ);
		if (s.car == CUST_FIRST_CAR && n > 1)
			other_cars_said(&s, cars, n);
		else if (!o && !d && n > 1)
			car_said(&s);
	} else {
		new_defaults(&s);
	}
	if (d) {
		if (!uifm_restore_draft(s.uf, d)) goto out;
		lock_name(&s);
		/* the A-card was read when the draft was typed: not again */
		snprintf(s.prospect_seen, sizeof s.prospect_seen, "%s", rec_get(s.r, "prospect_no"));
	}
	opened = 1;
	if (pending_said) { /* why the sheet opened, before what its car said */
		char said[sizeof a->msg + 400];
		snprintf(said, sizeof said, "%s%s%s", pending_said, a->msg[0] ? "。" : "", a->msg);
		txt_drop_partial(said);
		uia_set_msg(a, UIA_OK, "%s", said);
		pending_said = NULL;
	}
	if (o) {
		s.for_order = o->later;
		uifm_reload(s.uf);
		uifm_only(s.uf, o->fields, o->n);
		for (int i = 0; i < o->n; i++) s.uf->bad[o->fields[i]] = 1;
		if (o->n > 0) uifm_focus(s.uf, o->fields[0]);
		if (o->msg) uia_set_msg(a, UIA_INFO, "%s", o->msg);
	}
	int f_cons = fdef_index(s.r->form, "consultant");
	/* the car's 销售顾问 from the staff list, as on a visit and a card:
	 * the same spelling everywhere, so 我的A卡 and the lists find it */
	uifm_chooser(s.uf, f_cons, uivs_pick_consultant);
	while (!a->quit) {
		int top, h;
		char right[96];
		/* within the half of 80 columns the scroll mark leaves */
		if (s.r->id && s.ncars > 1)
			snprintf(right, sizeof right, "客户编号 %s  车辆 %d/%d", rec_get(s.r, "cust_no"), s.car_at + 1, s.ncars);
		else if (s.r->id)
			snprintf(right, sizeof right, "修改  客户编号 %s", rec_get(s.r, "cust_no"));
		else snprintf(right, sizeof right, "新建客户");
		uik_scopes scopes = UIK_FORM | (s.r->id ? UIK_CUST : 0);
		if (uia_frame(a, a->customer->title ? a->customer->title : "客户档案登记表", right, scopes,
		              &top, &h) == 0)
			uifm_draw(s.uf, top, h);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		enum uik_req req = UIR_NONE;
		enum uifm_act act = uifm_key(s.uf, &k, s.r->id ? UIK_CUST : 0, &req);
		if (act == UIFM_SAVE) {
			if (save(&s) && o) {
				saved = s.r->id; /* the order goes on at once */
				break;
			}
		} else if (act == UIFM_BACK) {
			if (uifm_ask_leave(s.uf)) break;
		} else if (act == UIFM_MOVED) {
			if (s.uf->focus == f_cons && !*s.r->val[f_cons] && !a->msg[0])
				uia_set_msg(a, UIA_INFO, "销售顾问：按 Space 从名单中选择，也可直接输入姓名");
			const char *left = s.r->form->fields[s.uf->left_field].key;
			char note[256];
			int about, clash;
			if (strcmp(left, "prospect_no") == 0) prospect_hook(&s);
			else if ((strcmp(left, "mobile") == 0 || strcmp(left, "id_no") == 0 ||
			          strcmp(left, "vin") == 0 || strcmp(left, "plate") == 0) && *s.r->val[s.uf->left_field])
				offer_duplicate(&s, 1);
			else if (strcmp(left, "address") == 0 &&
			         (about = region_from_address(&s, note, sizeof note, &clash)) >= 0) {
				uia_set_msg(a, clash ? UIA_ERROR : UIA_INFO, "%s", note);
				uifm_said_about(s.uf, about); /* goes once that code is changed */
			}
		} else if (act == UIFM_OTHER && req == UIR_RENAME && s.r->id) {
			rename_dialog(&s);
		} else if (act == UIFM_OTHER && req == UIR_NEXTCAR && s.r->id && !o) {
			next_car(&s); /* an order's sheet stays on the order's car */
		}
	}
out:
	/* a draft that could not be opened: the list behind says why */
	if (!d || opened) a->msg[0] = 0;
	uifm_free(s.uf);
	rec_free(s.r);
	return saved;
}

void uicu_run(struct uia *a, int64_t id) { run_sheet(a, id, CUST_FIRST_CAR, NULL, NULL); }

void uicu_run_car(struct uia *a, int64_t id, int64_t car) { run_sheet(a, id, car, NULL, NULL); }

void uicu_run_draft(struct uia *a, const struct draft *d) { run_sheet(a, d->record_id, CUST_FIRST_CAR, NULL, d); }

int64_t uicu_run_for_order(struct uia *a, int64_t id, int64_t car, const int *fields, int n, const char *typed,
                           const char *msg)
{
	struct for_order o = {car, fields, n, msg, 1};
	/* typed to find the car: placed as the lookup's text is (new_defaults) */
	pending_typed = !id && typed && *typed ? typed : NULL;
	int64_t got = run_sheet(a, id, car, &o, NULL);
	pending_typed = NULL;
	return got;
}

int64_t uicu_run_new_pick(struct uia *a, const char *typed, const char *msg)
{
	/* nothing asks for the important fields later: the save does */
	struct for_order o = {CUST_FIRST_CAR, NULL, 0, msg, 0};
	pending_typed = *typed ? typed : NULL;
	int64_t id = run_sheet(a, 0, CUST_FIRST_CAR, &o, NULL);
	pending_typed = NULL;
	return id;
}

void uicu_run_new_from(struct uia *a, const char *typed)
{
	pending_typed = *typed ? typed : NULL;
	run_sheet(a, 0, CUST_FIRST_CAR, NULL, NULL);
	pending_typed = NULL;
}

void uicu_run_said(struct uia *a, int64_t id, const char *said)
{
	pending_said = said;
	run_sheet(a, id, CUST_FIRST_CAR, NULL, NULL);
	pending_said = NULL;
}

void uicu_run_prospect(struct uia *a, const char *card_no)
{
	pending_prospect = card_no;
	run_sheet(a, 0, CUST_FIRST_CAR, NULL, NULL);
	pending_prospect = NULL;
}
