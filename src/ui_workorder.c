/* ui_workorder — repair orders on screen.  The order of an opening is fixed
 * by the regulation (SHEETS.md rule 2 and §4): find the car, complete the
 * owner's required fields, fill in the order, then one prompt for every
 * empty important field — the owner's and the order's together — before
 * wo_open.  Completing asks that prompt again.  Before it, at every save of
 * an open order, a plate other than the car's record is asked about (the
 * car re-registered, or a typing mistake).  Every check is the rules
 * engine's; the store keeps the numbers, times and the callback task. */
#include "desk4s/ui_workorder.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk4s/clock.h"
#include "desk4s/customer.h"
#include "desk4s/rules.h"
#include "desk4s/staff.h"
#include "desk4s/text.h"
#include "desk4s/ui_customer.h"
#include "desk4s/ui_field.h"
#include "desk4s/ui_form.h"
#include "desk4s/ui_screen.h"
#include "desk4s/vehicle.h"
#include "desk4s/workorder.h"

#define MAX_ROWS 1000 /* a list longer than this says so */
#define MAX_CARS 100

/* ---- tables ---- */

struct col { const char *head; int w; };

/* One line of a table: every value cut and padded to its column by display
 * width, so Chinese and ASCII line up. */
static void table_line(int y, const struct col *c, int n, const char *const *v, attr_t at)
{
	char line[1200];
	size_t len = 0;
	line[0] = 0;
	for (int i = 0; i < n && len + 1 < sizeof line; i++) {
		len += txt_cell(line + len, sizeof line - len, v[i], c[i].w, 1);
		if (i + 1 < n && len + 1 < sizeof line) line[len++] = ' ', line[len] = 0;
	}
	uis_putpad(y, 0, COLS, line, at);
}

/* A time in a list's 11 cells: "2025-01-10 17:00" as "01-10 17:00" when
 * it is of the year given (the current one; on a car's history the
 * order's opening year, shown beside it), else its date whole, "2024-01-10",
 * since a month and day alone would pass for this year's and there is no
 * room for the time too.  A day alone (an import's, 时刻不详) says its
 * time is unknown rather than pass for a time of another width. */
static const char *short_time(const char *t, const char *year, char *buf, size_t bufsz)
{
	if (strlen(t) < 10) return t;
	if (strncmp(t, year, 4) != 0) {
		snprintf(buf, bufsz, "%.10s", t);
		return buf;
	}
	if (strlen(t) == 10) {
		snprintf(buf, bufsz, "%.5s 不详", t + 5);
		return buf;
	}
	return t + 5;
}

/* The opening on a car's history, whole: its orders span years. */
static const char *whole_time(const char *t, char *buf, size_t bufsz)
{
	if (strlen(t) != 10) return t;
	snprintf(buf, bufsz, "%.10s 不详", t);
	return buf;
}

static void clamp(int *sel, int *first, int n)
{
	if (*sel >= n) *sel = n - 1;
	if (*sel < 0) *sel = 0;
	if (*first > *sel) *first = *sel;
	if (*first < 0) *first = 0;
}

/* Scroll so that sel is inside rows lines starting at *first. */
static void scroll_to(int sel, int *first, int rows)
{
	if (rows < 1) rows = 1;
	if (sel < *first) *first = sel;
	if (sel >= *first + rows) *first = sel - rows + 1;
	if (*first < 0) *first = 0;
}

/* ---- small sheets of their own (a reason, a car) ---- */

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
}

static const char car_csv[] =
	"#title,登记车辆\n"
	"key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
	"owner,车主,车辆,vehicles.owner,text,30,general,,,,,readonly\n"
	"vin,车辆底盘号(VIN),车辆,vehicles.vin,text,17,required,,vin,,,\n"
	"plate,车牌号,车辆,vehicles.plate,text,10,general,,plate,,,\n"
	"model,车辆型号,车辆,vehicles.model,text,16,general,,,,,\n";

static const char cancel_csv[] =
	"#title,取消工单\n"
	"key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
	"wo_no,工单号,取消工单,workorders.wo_no,text,16,general,,,,,readonly\n"
	"reason,取消原因,取消工单,workorders.cancel_reason,text,40,required,,,,,\n";

static const char reopen_csv[] =
	"#title,重新打开工单（返修）\n"
	"key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
	"wo_no,工单号,返修,workorders.wo_no,text,16,general,,,,,readonly\n"
	"reason,返修原因,返修,workorders.note,text,40,required,,,,,\n";

static const char revive_csv[] =
	"#title,恢复已取消的工单\n"
	"key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
	"wo_no,工单号,恢复,workorders.wo_no,text,16,general,,,,,readonly\n"
	"reason,恢复原因,恢复,workorders.note,text,40,required,,,,,\n";

/* 完工时间 on its own small sheet: the order's opening (the earliest it
 * can be) and the time, now filled in.  Checked by the rules as any time
 * typed at the desk (昨天 18:30, 下午6点半; not later than now, not before
 * 开单时间: the time-order pair of the two fields). */
static const char done_csv[] =
	"#title,工单完工\n"
	"key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
	"wo_no,工单号,完工,workorders.wo_no,text,16,general,,,,,readonly\n"
	"opened_at,开单时间,完工,workorders.opened_at,datetime,16,general,,past_datetime,,,readonly\n"
	"completed_at,完工时间,完工,workorders.completed_at,datetime,16,required,,past_datetime,,,\n";

/* A known customer's further car (or a customer with none yet).  Fills v
 * with the car as registered; returns 1 when registered. */
static int add_car(struct uia *a, int64_t cid, const char *owner, struct wo_vehicle *v)
{
	struct mini m;
	if (mini_new(a, &m, "car", car_csv) != 0) return 0;
	rec_set(m.r, "owner", owner);
	char msg[640] = "车辆底盘号(VIN)必填。填好后按 F2 登记，随后开工单；Esc 返回。";
	int done = 0;
	while (!done && uifm_dialog(a, m.r, "登记车辆", "已有客户的车辆", msg)) {
		char err[512];
		int64_t vid = 0;
		if (!uia_require(a, AUTH_CREATE))
			break;
		if (wo_add_vehicle(a->db, cid, rec_get(m.r, "vin"), rec_get(m.r, "plate"),
		                   rec_get(m.r, "model"), &vid, err, sizeof err) != ST_OK) {
			snprintf(msg, sizeof msg, "未登记：%s", err); /* shown on the sheet again */
			continue;
		}
		memset(v, 0, sizeof *v);
		v->vehicle_id = vid;
		v->customer_id = cid;
		snprintf(v->vin, sizeof v->vin, "%s", rec_get(m.r, "vin"));
		snprintf(v->plate, sizeof v->plate, "%s", rec_get(m.r, "plate"));
		snprintf(v->model, sizeof v->model, "%s", rec_get(m.r, "model"));
		snprintf(v->name, sizeof v->name, "%s", owner);
		done = 1;
	}
	mini_free(&m);
	return done;
}

/* ---- the owner ---- */

/* rules_check on the owner's record with the order's car (a customer's
 * second car is not the first's) at a save point.  Returns the number of
 * blocking problems, or -1 (message set).  who: "张三（C…）". */
static int owner_check(struct uia *a, int64_t cid, int64_t car, enum rule_point pt, struct rule_list *l,
                       char *who, size_t whosz)
{
	char err[512];
	struct rec *c = rec_new(a->customer);
	if (!c || cust_load_car(a->db, cid, car, c, err, sizeof err) != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "无法读取客户档案：%s", c ? err : "内存不足");
		if (c) rec_free(c);
		return -1;
	}
	int blocking = rules_check(c, pt, l);
	if (who) snprintf(who, whosz, "%s（%s）", rec_get(c, "name"), rec_get(c, "cust_no"));
	rec_free(c);
	return blocking;
}

/* The fields of the problems of the given kinds (bit per rule_kind), each
 * once, and their labels joined with "、". */
static int problem_fields(const struct rule_list *l, unsigned kinds, int *idx, int max,
                          char *labels, size_t lsz)
{
	int n = 0;
	size_t at = 0;
	labels[0] = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (!(kinds & (1u << l->v[i].kind))) continue;
		int seen = 0;
		for (int j = 0; j < n; j++) seen |= idx[j] == l->v[i].field;
		if (seen || n >= max) continue;
		idx[n++] = l->v[i].field;
		if (at < lsz)
			at += (size_t)snprintf(labels + at, lsz - at, "%s%s", at ? "、" : "", l->v[i].label);
	}
	return n;
}

/* SHEETS.md rule 2: a legacy or imported owner gets the required fields
 * still empty before an order opens — the sheet opens on exactly those.
 * Returns 1 when the owner passes. */
static int owner_complete(struct uia *a, int64_t cid, int64_t car)
{
	int nf = a->customer->nfields;
	int *idx = malloc(sizeof *idx * (size_t)(nf > 0 ? nf : 1));
	if (!idx) return 0;
	int ok = 0;
	while (!a->quit) {
		struct rule_list l = {0};
		char who[200] = "", labels[800], msg[1024];
		int blocking = owner_check(a, cid, car, RP_WO_OPEN, &l, who, sizeof who);
		int n = blocking > 0 ? problem_fields(&l, 1u << RK_REQUIRED | 1u << RK_INVALID, idx, nf,
		                                      labels, sizeof labels)
		                     : 0;
		rules_list_free(&l);
		if (blocking <= 0) {
			ok = blocking == 0;
			break;
		}
		snprintf(msg, sizeof msg,
		         "开工单前须补全客户档案（旧档案或导入的客户）：%s。填好后按 F2 保存，随后继续开单；Esc 放弃。",
		         labels);
		if (!uicu_run_for_order(a, cid, car, idx, n, NULL, msg)) {
			uia_set_msg(a, UIA_ERROR, "未开工单：客户%s的必填项尚未补全（%s）。", who, labels);
			break;
		}
	}
	free(idx);
	return ok;
}

/* The owner's car with this VIN: 1, 0 when none, -1 with err when the
 * cars cannot be read (a damaged file is not a customer without a car). */
static int owner_car(struct uia *a, int64_t cid, const char *vin, struct wo_vehicle *v, char *err, size_t errsz)
{
	struct wo_vehicle cars[8];
	if (!*vin) return 0;
	int n = wo_find_vehicles(a->db, vin, cars, 8, err, errsz);
	if (n < 0) return -1;
	for (int i = 0; i < n; i++)
		if (cars[i].customer_id == cid && strcmp(cars[i].vin, vin) == 0) {
			*v = cars[i];
			return 1;
		}
	return 0;
}

/* The VIN of the car on the owner's sheet (car, or the first), into vin.
 * 0, or -1 with the message set. */
static int sheet_vin(struct uia *a, int64_t cid, int64_t car, char *vin, size_t vinsz, char *who, size_t whosz)
{
	char err[512];
	struct rec *c = rec_new(a->customer);
	vin[0] = who[0] = 0;
	int ok = c && cust_load_car(a->db, cid, car, c, err, sizeof err) == ST_OK;
	if (ok) {
		snprintf(vin, vinsz, "%s", rec_get(c, "vin"));
		snprintf(who, whosz, "%s", rec_get(c, "name"));
	} else {
		uia_set_msg(a, UIA_ERROR, "未开工单：无法读取客户档案：%s", c ? err : "内存不足");
	}
	if (c) rec_free(c);
	return ok ? 0 : -1;
}

/* ---- the order sheet ---- */

struct order {
	struct uia *a;
	struct fdef_form *f;
	struct rec *r;
	struct uifm *uf;
	int64_t vehicle_id, customer_id;
	char who[200];     /* the owner, for the title row */
	long last_mileage; /* of the car's earlier orders */
	char replated[256]; /* the car's record took the order's plate: said on success */
};

static int field(const struct order *o, const char *key) { return fdef_index(o->f, key); }

static int is_open(const struct order *o)
{
	const char *st = rec_get(o->r, "status");
	return !*st || strcmp(st, "在修") == 0;
}

/* What the sheet lets staff change: an open order all but the VIN (it names
 * the car) and the cancel reason (F6 asks for it); a completed or cancelled
 * one only its note.  The plate stays open: a car comes in re-registered,
 * and plate_check asks whether its record or the order is wrong. */
static void apply_locks(struct order *o)
{
	int open = is_open(o);
	const char *st = rec_get(o->r, "status");
	const char *msg = open ? "VIN 来自车辆档案，这里不能修改；取消工单请按 F6 并写明原因"
	                  : strcmp(st, "已完工") == 0 ? "已完工的工单只能修改备注（返修请按 F8 重新打开）"
	                                              : "已取消的工单只能修改备注（取消错了请按 F8 恢复为在修）";
	for (int i = 0; i < o->f->nfields; i++) {
		const char *key = o->f->fields[i].key;
		int lock = open ? strcmp(key, "vin") == 0 || strcmp(key, "cancel_reason") == 0
		                : strcmp(key, "note") != 0;
		uifm_lock(o->uf, i, lock, msg);
	}
	if (!open) uifm_focus(o->uf, field(o, "note"));
}

static int order_load(struct order *o, int64_t id)
{
	char err[512];
	if (wo_load(o->a->db, id, o->r, &o->vehicle_id, &o->customer_id, err, sizeof err) != ST_OK) {
		uia_set_msg(o->a, UIA_ERROR, "无法打开工单：%s", err);
		return -1;
	}
	uifm_reload(o->uf);
	uifm_mark_clean(o->uf);
	apply_locks(o);
	struct rule_list l = {0};
	if (owner_check(o->a, o->customer_id, o->vehicle_id, RP_SAVE, &l, o->who, sizeof o->who) < 0)
		return -1; /* said; the next message would hide it */
	rules_list_free(&l);
	/* the lower-mileage question rests on it */
	o->last_mileage = wo_car_mileage(o->a->db, o->vehicle_id, err, sizeof err);
	if (o->last_mileage < 0) {
		uia_set_msg(o->a, UIA_ERROR, "%s", err);
		return -1;
	}
	return 0;
}

/* The one important prompt of an opening or a completion: the owner's
 * empty important fields and the order's together.  Returns 1 to go on;
 * 0 after taking staff to the fields ("fill now"), or back where they were
 * (Esc). */
static int important_prompt(struct order *o, const struct rule_list *l, enum rule_point pt,
                            const char *go, const char *again)
{
	struct uia *a = o->a;
	struct rule_list cl = {0};
	int nf = a->customer->nfields;
	int *idx = malloc(sizeof *idx * (size_t)(nf > 0 ? nf : 1));
	if (!idx || owner_check(a, o->customer_id, o->vehicle_id, pt, &cl, NULL, 0) < 0) {
		free(idx);
		rules_list_free(&cl);
		return 0;
	}
	char cust[800], ord[400], text[1300];
	int n = problem_fields(&cl, 1u << RK_IMPORTANT, idx, nf, cust, sizeof cust);
	rules_join_labels(l, RK_IMPORTANT, ord, sizeof ord);
	rules_list_free(&cl);
	if (!n && !*ord) {
		free(idx);
		return 1;
	}
	snprintf(text, sizeof text, "%s%s%s%s%s", n ? "客户档案：" : "", n ? cust : "", n && *ord ? "\n" : "",
	         *ord ? "工单：" : "", ord);
	int ans = uifm_ask_important(a, text, go);
	if (ans == 1) {
		free(idx);
		return 1;
	}
	if (ans < 0) { /* Esc: back to the order as it was, no sheet opened */
		free(idx);
		uia_set_msg(a, UIA_INFO, "未%s：重要项目尚未填写，可补填后再按 %s。", pt == RP_WO_COMPLETE ? "完工" : "开单",
		            again);
		return 0;
	}
	if (n) {
		char msg[1024];
		snprintf(msg, sizeof msg, "请补填客户的重要项目：%s。按 F2 保存后回到工单；Esc 不保存返回。", cust);
		uicu_run_for_order(a, o->customer_id, o->vehicle_id, idx, n, NULL, msg);
	}
	free(idx);
	int first = -1;
	for (size_t i = 0; i < l->n && first < 0; i++)
		if (l->v[i].kind == RK_IMPORTANT) first = l->v[i].field;
	if (first >= 0) uifm_focus(o->uf, first);
	uia_set_msg(a, UIA_INFO, "%s%s%s补填后再按 %s。", *ord ? "请补填工单的重要项目：" : "", ord,
	            *ord ? "。" : "", again);
	return 0;
}

/* The keys an order's status leaves useful: its bar and F1 say only those
 * (F5 and F6 on a completed order or one not yet opened were refusals
 * waiting to happen, and F8 was in no bar), and what F2 does on it — 开单,
 * 保存, or 保存备注 on a closed order (save_order) — while every key still
 * reaches its refusal (SHEET_KEYS). */
static uik_scopes order_scopes(const struct order *o)
{
	if (!o->r->id) return UIK_WOSHEET | UIK_WONEW;
	if (is_open(o)) return UIK_WOSHEET | UIK_WOOPEN;
	return UIK_WOSHEET | (strcmp(rec_get(o->r, "status"), "已完工") == 0 ? UIK_WODONE : UIK_WOVOID);
}
#define SHEET_KEYS (UIK_WOSHEET | UIK_WONEW | UIK_WOOPEN | UIK_WODONE | UIK_WOVOID)

static void order_draw(struct order *o)
{
	int top, h;
	char right[300];
	if (o->r->id) snprintf(right, sizeof right, "%s  %s", rec_get(o->r, "status"), o->who);
	else snprintf(right, sizeof right, "新工单  %s", o->who);
	if (uia_frame(o->a, o->f->title ? o->f->title : "维修工单", right, order_scopes(o), &top, &h) == 0)
		uifm_draw(o->uf, top, h);
}

/* The plate on the order against the car's record, after the rules have
 * checked and normalised it: the same (or none: the store takes the car's)
 * goes on.  Otherwise one question naming both plates — the car was
 * re-registered (its record takes the order's plate, logged, refused when
 * another car has it) or the order is wrong (back to the plate).  Asked
 * before the mileage: a wrong plate may be the wrong car.  Returns 1 to go
 * on. */
static int plate_check(struct order *o)
{
	struct uia *a = o->a;
	const char *plate = rec_get(o->r, "plate"), *vin = rec_get(o->r, "vin");
	char car[64], text[600], answers[200], err[512];
	int differs = wo_plate_differs(a->db, vin, plate, car, sizeof car);
	if (differs == 0) return 1;
	uifm_focus(o->uf, field(o, "plate"));
	if (differs < 0) {
		uia_set_msg(a, UIA_ERROR, "无法读取车辆档案（VIN %s），未保存。", vin);
		return 0;
	}
	if (*car) {
		snprintf(text, sizeof text,
		         "工单上的车牌号：%s\n车辆档案的车牌号：%s（VIN %s）\n"
		         "车辆重新上牌了，就把车辆档案改为 %s；填错了，就返回改正工单。", plate, car, vin, plate);
		snprintf(answers, sizeof answers, "U 车辆档案改为 %s      N 返回改正车牌号", plate);
	} else {
		snprintf(text, sizeof text,
		         "工单上的车牌号：%s\n车辆档案（VIN %s）还没有车牌号。\n"
		         "车辆已上牌，就把 %s 记入车辆档案；填错了，就返回改正工单。", plate, vin, plate);
		snprintf(answers, sizeof answers, "U 记入车辆档案      N 返回改正车牌号");
	}
	if (uia_ask(a, "车牌与车辆档案不同", text, answers, "UN") != 'U') {
		if (*car) uia_set_msg(a, UIA_INFO, "请改正车牌号：车辆档案登记的是 %s。", car);
		else uia_set_msg(a, UIA_INFO, "请改正车牌号：车辆档案还没有车牌号。");
		return 0;
	}
	if (!uia_require(a, AUTH_CHANGE)) return 0;
	if (veh_set_plate(a->db, o->vehicle_id, plate, a->staff, err, sizeof err) != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "%s。车辆档案未修改，请改正车牌号。", err);
		return 0;
	}
	if (*car) snprintf(o->replated, sizeof o->replated, "车辆档案的车牌号已由 %s 改为 %s。", car, plate);
	else snprintf(o->replated, sizeof o->replated, "车辆档案的车牌号已记为 %s。", plate);
	uia_set_msg(a, UIA_OK, "%s", o->replated);
	/* the next question (mileage, important fields) over the sheet, not
	 * over this one: shown first, so the box is drawn as over a plain sheet */
	order_draw(o);
	refresh();
	return 1;
}

static void open_order(struct order *o)
{
	struct uia *a = o->a;
	struct rule_list l = {0};
	/* the order opens now (wo_open sets it again): the rules compare the
	 * promised time with it, so a time already past is refused here and
	 * not on the next save of an order already open */
	char now[24];
	clk_now(now, sizeof now);
	now[16] = 0;
	rec_set(o->r, "opened_at", now);
	if (!uifm_refuse(o->uf, RP_WO_OPEN, &l)) return;
	if (!plate_check(o)) {
		rules_list_free(&l);
		return;
	}
	long m = atol(rec_get(o->r, "mileage"));
	if (o->last_mileage > 0 && m < o->last_mileage) {
		char text[400];
		snprintf(text, sizeof text,
		         "本次行驶里程 %ld km 低于该车上次工单的 %ld km。\n确认读数无误（例如换过仪表）吗？", m,
		         o->last_mileage);
		if (uia_ask(a, "里程低于上次", text, "Y 确认无误      N 返回修改", "YN") != 'Y') {
			uifm_focus(o->uf, field(o, "mileage"));
			uia_set_msg(a, UIA_INFO, "请核对行驶里程（该车上次 %ld km）。", o->last_mileage);
			rules_list_free(&l);
			return;
		}
	}
	int go = important_prompt(o, &l, RP_WO_OPEN, "仍然开单", "F2 开单");
	rules_list_free(&l);
	if (!go) return;
	char err[512], warn[sizeof o->uf->warn];
	snprintf(warn, sizeof warn, "%s", o->uf->warn);
	if (!uia_require(a, AUTH_CREATE))
		return;
	if (wo_open(a->db, o->r, o->vehicle_id, a->staff, err, sizeof err) != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "未开单：%s", err);
		return;
	}
	if (order_load(o, o->r->id) != 0) return;
	uia_set_msg(a, UIA_OK, "已开单：工单号 %s。%s%s%s", rec_get(o->r, "wo_no"), o->replated, *warn ? "提示：" : "",
	            warn);
	o->replated[0] = 0;
}

/* wo_update found the order completed or cancelled at another terminal
 * and moved the sheet on to it (a note typed here kept): shown locked as
 * such, saying what was not saved and that the note still can be.
 * Returns 0 when the order is still open (a field both changed). */
static int closed_elsewhere(struct order *o, const char *failed, const char *err)
{
	if (is_open(o)) return 0;
	uifm_reload(o->uf);
	apply_locks(o);
	uia_set_msg(o->a, UIA_ERROR, "%s：%s。%s", failed, err,
	            uifm_dirty(o->uf) ? "本页所填备注仍在，按 F2 保存备注。" : "本页已更新为现在的内容。");
	return 1;
}

/* A completion, cancellation or reopening refused because another
 * terminal changed the order's status meanwhile: a sheet with nothing
 * typed on it is shown as the order now is, so it stops offering what
 * the order no longer allows. */
static void status_since(struct order *o)
{
	if (!o->r->id || uifm_dirty(o->uf)) return;
	char msg[sizeof o->a->msg];
	enum uia_msg kind = o->a->msg_kind;
	snprintf(msg, sizeof msg, "%s", o->a->msg);
	if (order_load(o, o->r->id) == 0) uia_set_msg(o->a, kind, "%s", msg);
}

static void save_order(struct order *o)
{
	struct uia *a = o->a;
	char err[512];
	if (!o->r->id) {
		open_order(o);
		return;
	}
	if (!uia_require(a, AUTH_CHANGE))
		return;
	struct rule_list l = {0};
	if (is_open(o)) {
		/* the plate (checked by the rules first) is asked about before the
		 * important prompt, as when the order opens */
		if (!uifm_refuse(o->uf, RP_SAVE, &l)) return;
		rules_list_free(&l);
		if (!plate_check(o) || !uifm_presave(o->uf)) return;
		enum st_status st = wo_update(a->db, o->r, o->uf->orig, a->staff, err, sizeof err);
		if (st == ST_CHANGED && closed_elsewhere(o, "未保存", err))
			return;
		if (st == ST_CHANGED) {
			uifm_changed_elsewhere(o->uf, err);
			return;
		}
		if (st != ST_OK) {
			uia_set_msg(a, UIA_ERROR, "未保存：%s", err);
			return;
		}
		if (order_load(o, o->r->id) == 0)
			uia_set_msg(a, UIA_OK, "已保存工单 %s。%s", rec_get(o->r, "wo_no"), o->replated);
		o->replated[0] = 0;
		return;
	}
	if (!uifm_refuse(o->uf, RP_SAVE, &l)) return;
	rules_list_free(&l);
	enum st_status st = wo_set_note(a->db, o->r->id, rec_get(o->r, "note"), o->uf->orig, a->staff, err, sizeof err);
	if (st == ST_CHANGED) {
		/* only the note is written on a closed order: nothing else moved */
		uia_set_msg(a, UIA_ERROR, "备注未保存：%s。本页所填仍在；核对后再按 F2，即以本页为准保存。", err);
		return;
	}
	if (st != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "备注未保存：%s", err);
		return;
	}
	if (order_load(o, o->r->id) == 0) uia_set_msg(a, UIA_OK, "已保存备注。");
}

/* Asks 完工时间 (the confirmation of the completion too): the car may
 * have been finished last night and the order completed this morning.
 * Returns 1 with when "" (the time left as filled in: now, stamped at
 * completion) or the time as the rules normalised it; 0 for Esc. */
static int ask_done_time(struct order *o, char *when, size_t whensz)
{
	struct uia *a = o->a;
	struct mini m;
	if (mini_new(a, &m, "complete", done_csv) != 0) return 0;
	char now[17];
	clk_now_minute(now);
	rec_set(m.r, "wo_no", rec_get(o->r, "wo_no"));
	rec_set(m.r, "opened_at", rec_get(o->r, "opened_at"));
	rec_set(m.r, "completed_at", now);
	/* its bar names Enter/F2 as the reason dialogs' do (it had none) */
	int done = uifm_dialog_act(a, m.r, "工单完工", o->who,
	                           "完工时间已填为现在；早些完工的，Ctrl-U 清空再输入（如“昨天 18:30”）。"
	                           "Enter 完工（之后只能改备注），Esc 不完工。",
	                           "completed_at", "未完工", "完工");
	const char *v = rec_get(m.r, "completed_at");
	snprintf(when, whensz, "%s", strcmp(v, now) == 0 ? "" : v);
	if (!done && !a->quit) uia_set_msg(a, UIA_INFO, "未完工：工单 %s 仍在修。", rec_get(o->r, "wo_no"));
	mini_free(&m);
	return done;
}

static void complete_order(struct order *o)
{
	struct uia *a = o->a;
	char err[512];
	if (!o->r->id) {
		uia_set_msg(a, UIA_ERROR, "工单还没有开：请先按 F2 开单。");
		return;
	}
	if (!is_open(o)) {
		uia_set_msg(a, UIA_ERROR, "工单 %s 已是“%s”，不能完工。", rec_get(o->r, "wo_no"),
		            rec_get(o->r, "status"));
		return;
	}
	struct rule_list l = {0};
	if (!uifm_refuse(o->uf, RP_WO_COMPLETE, &l)) return;
	/* an order brought in by a file may carry another plate than its car */
	if (!plate_check(o)) {
		rules_list_free(&l);
		return;
	}
	/* what is on screen is what gets completed */
	if (uifm_dirty(o->uf)) {
		enum st_status st = wo_update(a->db, o->r, o->uf->orig, a->staff, err, sizeof err);
		if (st == ST_CHANGED && closed_elsewhere(o, "未完工", err)) {
			rules_list_free(&l);
			return;
		}
		if (st == ST_CHANGED) uifm_reload(o->uf);
		if (st != ST_OK) {
			uia_set_msg(a, UIA_ERROR, "未完工：修改未能保存：%s%s", err,
			            st == ST_CHANGED ? "。本页所填仍在；核对后再按 F5" : "");
			rules_list_free(&l);
			return;
		}
		uifm_mark_clean(o->uf);
	}
	int go = important_prompt(o, &l, RP_WO_COMPLETE, "仍然完工", "F5 完工");
	rules_list_free(&l);
	if (!go) return;
	char when[64];
	if (!ask_done_time(o, when, sizeof when)) return;
	if (!uia_require(a, AUTH_CHANGE))
		return;
	if (wo_complete_at(a->db, o->r->id, when, a->staff, err, sizeof err) != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "未完工：%s", err);
		status_since(o);
		/* another terminal closed it while 完工时间 was asked: said as
		 * such, with what that terminal stored, not as a rule broken here */
		if (!is_open(o) && !uifm_dirty(o->uf)) {
			int done = strcmp(rec_get(o->r, "status"), "已完工") == 0;
			uia_set_msg(a, UIA_ERROR, "未完工：工单 %s 已在另一处%s（%s%s），本页已更新为现在的内容。",
			            rec_get(o->r, "wo_no"), done ? "完工" : "取消", done ? "完工时间 " : "取消原因：",
			            rec_get(o->r, done ? "completed_at" : "cancel_reason"));
		}
		return;
	}
	if (order_load(o, o->r->id) != 0) return;
	char due[11];
	clk_add_days(rec_get(o->r, "completed_at"), 3, due, sizeof due);
	/* two lines already: a new plate was said when the car's record took it */
	uia_set_msg(a, UIA_OK, "已完工：工单 %s，完工时间 %s。维修回访任务 %s 到期（见“回访到期清单”）。",
	            rec_get(o->r, "wo_no"), rec_get(o->r, "completed_at"), due);
	o->replated[0] = 0;
}

/* Cancel (F6), reopen a completed order and take a cancelled one back (F8)
 * each ask for a reason on a small sheet. */
enum reason_act { RA_CANCEL, RA_REOPEN, RA_REVIVE };

/* The car's order in the shop other than except (0: any), among its latest
 * eight (the history's newest first; an order in the shop is a recent one).
 * Returns 1 and fills *h, 0 for none, -1 with err. */
static int in_shop(struct st_db *db, int64_t vehicle_id, int64_t except, struct wo_row *h, char *err, size_t errsz)
{
	struct wo_row rows[8];
	int n = wo_list(db, WO_HISTORY, vehicle_id, rows, 8, err, errsz);
	for (int i = 0; i < n; i++)
		if (rows[i].id != except && strcmp(rows[i].status, "在修") == 0) {
			*h = rows[i];
			return 1;
		}
	return n < 0 ? -1 : 0;
}

static const struct {
	const char *name, *csv, *title, *hint, *failed, *done, *verb; /* verb: what Enter and F2 do */
	enum st_status (*act)(struct st_db *, int64_t, const char *, const char *, char *, size_t);
} reason_acts[] = {
	[RA_CANCEL] = { "cancel", cancel_csv, "取消工单", "写明取消原因后按 Enter 或 F2 取消工单；Esc 返回。", "未取消",
	                "已取消", "取消工单", wo_cancel },
	[RA_REOPEN] = { "reopen", reopen_csv, "重新打开工单（返修）", "写明返修原因后按 Enter 或 F2 重新打开；Esc 返回。",
	                "未重新打开", "已重新打开", "重新打开", wo_reopen },
	[RA_REVIVE] = { "revive", revive_csv, "恢复已取消的工单",
	                "写明恢复原因后按 Enter 或 F2 恢复为在修；Esc 返回。", "未恢复", "已恢复为在修", "恢复为在修",
	                wo_revive },
};

static void reason_action(struct order *o, enum uik_req req)
{
	struct uia *a = o->a;
	char err[512];
	const char *status = rec_get(o->r, "status");
	const char *refusal = NULL;
	enum reason_act k = RA_CANCEL;
	if (!o->r->id)
		refusal = "工单还没有开，无需取消：按 Esc 返回即可。";
	else if (req == UIR_CANCEL && !is_open(o))
		refusal = "只有在修的工单可以取消。";
	else if (req == UIR_REOPEN && strcmp(status, "已完工") == 0)
		k = RA_REOPEN;
	else if (req == UIR_REOPEN && strcmp(status, "已取消") == 0)
		k = RA_REVIVE;
	else if (req == UIR_REOPEN)
		refusal = "在修的工单无需重新打开：F8 重新打开已完工的工单，或恢复已取消的工单。";
	if (refusal) {
		uia_set_msg(a, UIA_ERROR, "%s", refusal);
		return;
	}
	/* back in the shop beside the car's other open order: most often that
	 * one was opened in its place, so asked before the reason is typed */
	struct wo_row h;
	int in = k == RA_CANCEL ? 0 : in_shop(a->db, o->vehicle_id, o->r->id, &h, err, sizeof err);
	if (in < 0) {
		uia_set_msg(a, UIA_ERROR, "%s：%s", reason_acts[k].failed, err);
		return;
	}
	if (in) {
		char text[600], answers[160];
		snprintf(text, sizeof text, "该车已有在修工单 %s（%s 开单，服务顾问 %s）。\n仍要把工单 %s %s吗？", h.wo_no,
		         h.opened_at, h.advisor, rec_get(o->r, "wo_no"), k == RA_REOPEN ? "重新打开" : "恢复为在修");
		snprintf(answers, sizeof answers, "Y 仍然%s      N 返回", k == RA_REOPEN ? "重新打开" : "恢复");
		if (uia_ask(a, "已有在修工单", text, answers, "YN") != 'Y') {
			uia_set_msg(a, UIA_INFO, "%s：该车已有在修工单 %s。", reason_acts[k].failed, h.wo_no);
			return;
		}
	}
	struct mini m;
	if (mini_new(a, &m, reason_acts[k].name, reason_acts[k].csv) != 0) return;
	rec_set(m.r, "wo_no", rec_get(o->r, "wo_no"));
	/* Enter acts, as in the completion dialog; the bar says what F2 does */
	if (uifm_dialog_act(a, m.r, reason_acts[k].title, o->who, reason_acts[k].hint, "reason", reason_acts[k].failed,
	                    reason_acts[k].verb)) {
		const char *reason = rec_get(m.r, "reason");
		if (!uia_require(a, AUTH_CHANGE)) {
			mini_free(&m);
			return;
		}
		if (reason_acts[k].act(a->db, o->r->id, reason, a->staff, err, sizeof err) != ST_OK) {
			uia_set_msg(a, UIA_ERROR, "%s：%s", reason_acts[k].failed, err);
			status_since(o);
		} else if (order_load(o, o->r->id) == 0)
			uia_set_msg(a, UIA_OK, "%s：工单 %s（%s）。", reason_acts[k].done, rec_get(o->r, "wo_no"), reason);
	}
	mini_free(&m);
}

static void history(struct uia *a, struct fdef_form *f, int64_t vehicle_id, const char *car);

static void order_loop(struct order *o)
{
	struct uia *a = o->a;
	while (!a->quit) {
		order_draw(o);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		enum uik_req req = UIR_NONE;
		enum uifm_act act = uifm_key(o->uf, &k, SHEET_KEYS, &req);
		if (act == UIFM_SAVE) {
			save_order(o);
		} else if (act == UIFM_BACK) {
			if (uifm_ask_leave(o->uf)) break;
		} else if (act == UIFM_OTHER && req == UIR_COMPLETE) {
			complete_order(o);
		} else if (act == UIFM_OTHER && (req == UIR_CANCEL || req == UIR_REOPEN)) {
			reason_action(o, req);
		} else if (act == UIFM_OTHER && req == UIR_HISTORY) {
			char car[400];
			snprintf(car, sizeof car, "车牌 %s  VIN %s  车主 %s", rec_get(o->r, "plate"),
			         rec_get(o->r, "vin"), o->who);
			history(a, o->f, o->vehicle_id, car);
			/* an order opened from the history may have changed this one */
			if (o->r->id && !uifm_dirty(o->uf)) order_load(o, o->r->id);
		}
	}
	a->msg[0] = 0;
}

static int order_new(struct order *o, struct uia *a, struct fdef_form *f)
{
	memset(o, 0, sizeof *o);
	o->a = a;
	o->f = f;
	o->r = rec_new(f);
	o->uf = o->r ? uifm_new(a, o->r) : NULL;
	if (!o->uf) {
		if (o->r) rec_free(o->r);
		uia_set_msg(a, UIA_ERROR, "内存不足");
		return -1;
	}
	return 0;
}

static void order_free(struct order *o)
{
	uifm_free(o->uf);
	rec_free(o->r);
}

/* A draft restored onto its order: an order completed or cancelled since
 * the draft was kept takes only its note, so the draft's other changes are
 * put back to the order as stored, and named, rather than shown on locked
 * fields and dropped unsaid at F2 (which said only 已保存备注). */
static void draft_on_closed(struct order *o)
{
	apply_locks(o);
	if (is_open(o)) return;
	char lost[400] = "";
	size_t n = 0;
	for (int i = 0; i < o->f->nfields; i++) {
		if (strcmp(o->f->fields[i].key, "note") == 0 || strcmp(o->r->val[i], o->uf->orig->val[i]) == 0)
			continue;
		if (n < sizeof lost)
			n += (size_t)snprintf(lost + n, sizeof lost - n, "%s%s", n ? "、" : "", o->f->fields[i].label);
		rec_set_at(o->r, i, o->uf->orig->val[i]);
	}
	if (!*lost) return;
	uifm_reload(o->uf);
	apply_locks(o);
	uia_set_msg(o->a, UIA_ERROR, "工单 %s 在草稿保留后已%s，只能修改备注：草稿中 %s 的修改不能再保存，已显示为现在的内容。%s",
	            rec_get(o->r, "wo_no"), strcmp(rec_get(o->r, "status"), "已完工") == 0 ? "完工" : "取消", lost,
	            uifm_dirty(o->uf) ? "草稿的备注仍在，核对后按 F2 保存；Esc 放弃。" : "按 Esc 放弃草稿。");
}

/* An existing order (from a list, or d: from a draft). */
static void order_run(struct uia *a, struct fdef_form *f, int64_t id, const struct draft *d)
{
	struct order o;
	if (order_new(&o, a, f) != 0) return;
	a->msg[0] = 0;
	uifm_keep_on_hangup(o.uf, 0);
	if (order_load(&o, id) == 0 && (!d || uifm_restore_draft(o.uf, d))) {
		if (d) draft_on_closed(&o);
		order_loop(&o);
	}
	order_free(&o);
}

/* A new order for the car v: the owner first (rule 2), then the sheet.
 * Returns 1 when an order was opened. */
static int start_order(struct uia *a, struct fdef_form *f, const struct wo_vehicle *car,
                       const struct draft *d)
{
	struct wo_vehicle v = *car;
	char err[512];
	/* a car in the shop already: most often its order is to be found,
	 * not a second one opened beside it (a draft is an order begun) */
	if (!d) {
		struct wo_row h;
		int in = in_shop(a->db, v.vehicle_id, 0, &h, err, sizeof err);
		if (in < 0) {
			uia_set_msg(a, UIA_ERROR, "未开工单：%s", err);
			return 0;
		}
		if (in) {
			char text[512];
			snprintf(text, sizeof text, "车辆 %s 已有在修工单 %s（%s 开单，服务顾问 %s）。\n打开它，还是再开一张新工单？",
			         *v.plate ? v.plate : v.vin, h.wo_no, h.opened_at, h.advisor);
			int c = uia_ask(a, "已有在修工单", text, "O 打开在修工单      N 再开一张      Esc 返回", "ON");
			if (c == 'O') order_run(a, f, h.id, NULL);
			if (c != 'N') return 0;
		}
	}
	if (!owner_complete(a, v.customer_id, v.vehicle_id)) return 0;
	if (!*v.vin) {
		/* a car registered without its VIN (old records): the order needs it */
		int vi = fdef_index(a->customer, "vin");
		char vin[32], who[128];
		if (!uicu_run_for_order(a, v.customer_id, v.vehicle_id, &vi, 1, NULL,
		                        "该车档案没有车辆底盘号(VIN)，工单必须记录 VIN：请补录后按 F2 保存。"))
			return 0;
		if (sheet_vin(a, v.customer_id, v.vehicle_id, vin, sizeof vin, who, sizeof who) < 0) return 0;
		int got = owner_car(a, v.customer_id, vin, &v, err, sizeof err);
		if (got < 0) {
			uia_set_msg(a, UIA_ERROR, "未开工单：%s", err);
			return 0;
		}
		if (!got) {
			uia_set_msg(a, UIA_ERROR, "未开工单：该车仍没有 VIN。");
			return 0;
		}
	}
	struct order o;
	if (order_new(&o, a, f) != 0) return 0;
	o.vehicle_id = v.vehicle_id;
	o.customer_id = v.customer_id;
	uifm_keep_on_hangup(o.uf, v.vehicle_id);
	struct rule_list l = {0};
	if (owner_check(a, v.customer_id, v.vehicle_id, RP_SAVE, &l, o.who, sizeof o.who) < 0) {
		order_free(&o);
		return 0;
	}
	rules_list_free(&l);
	/* the sheet names the advisor as the shop writes it, not by login */
	rec_set(o.r, "advisor", staff_sheet_name(&a->me));
	rec_set(o.r, "vin", v.vin);
	rec_set(o.r, "plate", v.plate);
	uifm_reload(o.uf);
	uifm_mark_clean(o.uf);
	apply_locks(&o);
	uifm_focus(o.uf, field(&o, "mileage"));
	o.last_mileage = wo_car_mileage(a->db, v.vehicle_id, err, sizeof err);
	if (o.last_mileage < 0) {
		/* not "the car's first order": no sheet on what cannot be read */
		uia_set_msg(a, UIA_ERROR, "未开工单：%s", err);
		order_free(&o);
		return 0;
	}
	/* "first" only when F7 历史 lists nothing: a cancelled order counts
	 * there, though not for the mileage check */
	long cancelled = 0, orders = o.last_mileage > 0 ? 1 : wo_car_orders(a->db, v.vehicle_id, &cancelled, err, sizeof err);
	if (orders < 0) {
		uia_set_msg(a, UIA_ERROR, "未开工单：%s", err);
		order_free(&o);
		return 0;
	}
	if (o.last_mileage > 0)
		uia_set_msg(a, UIA_INFO, "该车上次里程 %ld km。填好后按 F2 开单；Esc 不开单返回。", o.last_mileage);
	else if (orders == 0)
		uia_set_msg(a, UIA_INFO, "该车第一次开工单。填好后按 F2 开单；Esc 不开单返回。");
	else if (cancelled == orders)
		uia_set_msg(a, UIA_INFO, "该车以往 %ld 张工单已取消（见 F7 历史）。填好后按 F2 开单；Esc 不开单返回。",
		            orders);
	else
		uia_set_msg(a, UIA_INFO, "该车以往的工单未记里程（见 F7 历史）。填好后按 F2 开单；Esc 不开单返回。");
	if (d && !uifm_restore_draft(o.uf, d)) {
		order_free(&o);
		return 0;
	}
	if (d) apply_locks(&o);
	order_loop(&o);
	int opened = o.r->id != 0;
	order_free(&o);
	return opened;
}

/* ---- lists: 在修, 今日完工, a car's history ---- */

enum { C_MARK, C_NO, C_PLATE, C_NAME, C_TYPE, C_ADV, C_PROMISED, C_OPENED, C_DONE, C_MILE, C_VIN,
       C_STATUS, C_N };
static const struct col wo_cols[C_N] = {
	[C_MARK] = {"", 1},          [C_NO] = {"工单号", 15},      [C_PLATE] = {"车牌", 9},
	[C_NAME] = {"客户", 10},     [C_TYPE] = {"作业类型", 8},   [C_ADV] = {"服务顾问", 8},
	[C_PROMISED] = {"预计完工", 11}, [C_OPENED] = {"开单时间", 11}, [C_DONE] = {"完工时间", 11},
	[C_MILE] = {"里程(km)", 8},  [C_VIN] = {"VIN", 17},        [C_STATUS] = {"状态", 6},
};

/* Columns by list and width: the essentials at 80 columns, more when wider. */
static int wo_layout(enum wo_list_kind kind, int *ids)
{
	int n = 0;
	ids[n++] = C_MARK;
	ids[n++] = C_NO;
	if (kind == WO_HISTORY) {
		static const int h[] = {C_OPENED, C_STATUS, C_TYPE, C_MILE, C_ADV, C_DONE};
		for (size_t i = 0; i < sizeof h / sizeof h[0]; i++) ids[n++] = h[i];
		if (COLS >= 100) ids[n++] = C_PLATE;
		return n;
	}
	ids[n++] = C_PLATE;
	ids[n++] = C_NAME;
	ids[n++] = C_TYPE;
	ids[n++] = C_ADV;
	ids[n++] = kind == WO_IN_SHOP ? C_PROMISED : C_DONE;
	if (COLS >= 100) {
		ids[n++] = C_OPENED;
		ids[n++] = C_MILE;
	}
	if (COLS >= 118) ids[n++] = C_VIN;
	ids[n++] = C_STATUS;
	return n;
}

/* The history's 开单时间 is shown whole, so wider. */
static struct col wo_col(enum wo_list_kind kind, int id)
{
	struct col c = wo_cols[id];
	if (kind == WO_HISTORY && id == C_OPENED) c.w = 16;
	return c;
}

/* year: the current one, for the times of the workshop lists. */
static const char *wo_value(enum wo_list_kind kind, const char *year, const struct wo_row *w, int id, char *buf,
                            size_t bufsz)
{
	char opened[8];
	if (kind == WO_HISTORY) {
		snprintf(opened, sizeof opened, "%.4s", w->opened_at);
		year = opened;
	}
	switch (id) {
	case C_NO: return w->wo_no;
	case C_PLATE: return w->plate;
	case C_NAME: return w->name;
	case C_TYPE: return w->work_type;
	case C_ADV: return w->advisor;
	case C_PROMISED: return short_time(w->promised_at, year, buf, bufsz);
	case C_OPENED: return kind == WO_HISTORY ? whole_time(w->opened_at, buf, bufsz)
	                                         : short_time(w->opened_at, year, buf, bufsz);
	case C_DONE: return short_time(w->completed_at, year, buf, bufsz);
	case C_MILE: snprintf(buf, bufsz, "%ld", w->mileage); return buf;
	case C_VIN: return w->vin;
	case C_STATUS: return w->late ? "逾期" : w->status;
	default: return "";
	}
}

struct wolist {
	enum wo_list_kind kind;
	int64_t vehicle_id;
	const char *car;      /* history: the car it is of */
	struct wo_row *rows;
	int n, sel, first, late;
	char err[512];
	struct uia_watch w;   /* others' orders appear while the list stands idle */
};

/* Read the list again; the cursor stays on the order it was on (a row
 * added or gone above it would move it to another car), else on the
 * same row number. */
static void list_fetch(struct uia *a, struct wolist *l)
{
	int64_t on = l->sel >= 0 && l->sel < l->n ? l->rows[l->sel].id : 0;
	l->err[0] = 0;
	uia_watch_read(&l->w, a);
	l->n = wo_list(a->db, l->kind, l->vehicle_id, l->rows, MAX_ROWS, l->err, sizeof l->err);
	if (l->n < 0) {
		l->n = 0;
		l->w.quiet = 1;
	}
	l->late = 0;
	for (int i = 0; i < l->n; i++) {
		l->late += l->rows[i].late;
		if (on && l->rows[i].id == on) l->sel = i;
	}
	clamp(&l->sel, &l->first, l->n);
}

/* The workshop's lists switch views and open new orders; a car's history
 * only opens its orders. */
static uik_scopes list_keys(const struct wolist *l) { return l->kind == WO_HISTORY ? UIK_WOHIST : UIK_WO; }

static void list_draw(struct uia *a, struct wolist *l)
{
	int workshop = l->kind != WO_HISTORY, top, h;
	char title[96], right[96];
	snprintf(title, sizeof title, "维修工单 · %s",
	         l->kind == WO_IN_SHOP ? "在修" : l->kind == WO_DONE_TODAY ? "今日完工" : "历史工单");
	if (l->err[0]) snprintf(right, sizeof right, "读取出错");
	else if (l->kind == WO_IN_SHOP) snprintf(right, sizeof right, "在修 %d 张  逾期 %d 张", l->n, l->late);
	else snprintf(right, sizeof right, "共 %d 张", l->n);
	/* on the message line, which wraps (a path does not fit the footer),
	 * again after each key for as long as the list stands unread */
	if (l->err[0]) uia_set_msg(a, UIA_ERROR, "%s", l->err);
	if (uia_frame(a, title, right, list_keys(l), &top, &h) != 0) return;
	if (workshop) {
		int x = 1;
		x += uis_put(top, x, -1, " 在修 ", l->kind == WO_IN_SHOP ? uis_attr(UIS_SELECT) : A_NORMAL);
		x += 2;
		x += uis_put(top, x, -1, " 今日完工 ", l->kind == WO_DONE_TODAY ? uis_attr(UIS_SELECT) : A_NORMAL);
		uis_put(top, x + 2, -1, "Tab 切换", uis_attr(UIS_HINT));
	} else {
		uis_put(top, 1, COLS - 2, l->car, A_BOLD);
	}
	int ids[C_N], n = wo_layout(l->kind, ids);
	struct col c[C_N];
	const char *v[C_N];
	for (int i = 0; i < n; i++) c[i] = wo_col(l->kind, ids[i]), v[i] = c[i].head;
	table_line(top + 1, c, n, v, A_BOLD);
	int rows = h - 3;
	scroll_to(l->sel, &l->first, rows);
	char bufs[C_N][24], year[24];
	clk_now(year, sizeof year);
	year[4] = 0;
	for (int i = 0; i < rows && l->first + i < l->n; i++) {
		const struct wo_row *w = &l->rows[l->first + i];
		int on = l->first + i == l->sel;
		for (int j = 0; j < n; j++)
			v[j] = ids[j] == C_MARK ? (on ? ">" : "") : wo_value(l->kind, year, w, ids[j], bufs[j], sizeof bufs[j]);
		table_line(top + 2 + i, c, n, v,
		           on ? uis_attr(UIS_SELECT) : w->late ? uis_attr(UIS_ERROR) : A_NORMAL);
	}
	char foot[700];
	int below = l->n - l->first - rows;
	if (l->err[0]) snprintf(foot, sizeof foot, "工单未能读取，列表不全（原因见下方）。");
	else if (l->n == 0)
		snprintf(foot, sizeof foot, "%s",
		         l->kind == WO_IN_SHOP      ? "没有在修的工单。F4 开新工单。"
		         : l->kind == WO_DONE_TODAY ? "今天还没有完工的工单。"
		                                    : "该车没有工单。");
	else
		snprintf(foot, sizeof foot, "第 %d/%d 张%s%s。Enter 打开工单。", l->sel + 1, l->n,
		         l->n == MAX_ROWS ? "（只列出前面部分）" : "", below > 0 ? "，↓ 下面还有" : "");
	uis_put(top + h - 1, 1, COLS - 2, foot, l->err[0] ? uis_attr(UIS_ERROR) : A_NORMAL);
	curs_set(0);
}

static void find_and_open(struct uia *a, struct fdef_form *f);

static void list_run(struct uia *a, struct fdef_form *f, struct wolist *l)
{
	l->rows = calloc(MAX_ROWS, sizeof *l->rows);
	if (!l->rows) {
		uia_set_msg(a, UIA_ERROR, "内存不足");
		return;
	}
	list_fetch(a, l);
	while (!a->quit) {
		list_draw(a, l);
		struct uik_key k;
		if (uia_watch_key(&l->w, AUTH_VIEW, &k)) {
			list_fetch(a, l);
			continue;
		}
		if (a->quit) break;
		enum uik_req r = uik_request(list_keys(l), &k);
		if (r == UIR_BACK) break;
		if (k.kind == KEY_CODE_YES && k.ch == KEY_RESIZE) continue;
		a->msg[0] = 0;
		int page = LINES - 8 > 1 ? LINES - 8 : 1;
		switch (r) {
		case UIR_UP: l->sel--; break;
		case UIR_DOWN: l->sel++; break;
		case UIR_PGUP: l->sel -= page; break;
		case UIR_PGDN: l->sel += page; break;
		case UIR_HOME: l->sel = 0; break;
		case UIR_END: l->sel = l->n - 1; break;
		case UIR_NEXT: /* the workshop's lists only: a history takes no Tab or F4 (list_keys) */
			l->kind = l->kind == WO_IN_SHOP ? WO_DONE_TODAY : WO_IN_SHOP;
			l->sel = l->first = 0;
			list_fetch(a, l);
			break;
		case UIR_OPEN:
			if (l->n > 0) {
				order_run(a, f, l->rows[l->sel].id, NULL);
				list_fetch(a, l);
			} else if (!l->err[0]) { /* the bar offers Enter 打开: say why it does nothing */
				uia_set_msg(a, UIA_INFO, "%s",
				            l->kind == WO_IN_SHOP      ? "列表中没有工单，没有可打开的。按 F4 开新工单。"
				            : l->kind == WO_DONE_TODAY ? "今天还没有完工的工单，没有可打开的。"
				                                         "在修的工单按 Tab 查看，F4 开新工单。"
				                                       : "该车没有工单，没有可打开的。");
			}
			break;
		case UIR_NEW:
			find_and_open(a, f);
			list_fetch(a, l);
			break;
		default: break;
		}
		clamp(&l->sel, &l->first, l->n);
	}
	free(l->rows);
	l->rows = NULL;
}

static void history(struct uia *a, struct fdef_form *f, int64_t vehicle_id, const char *car)
{
	char saved[sizeof a->msg];
	memcpy(saved, a->msg, sizeof saved);
	a->msg[0] = 0;
	struct wolist l = {.kind = WO_HISTORY, .vehicle_id = vehicle_id, .car = car};
	list_run(a, f, &l);
	memcpy(a->msg, saved, sizeof saved);
}

/* ---- finding the car ---- */

struct finder {
	struct uif_edit q;
	/* one more than is listed, to know there are more */
	struct wo_vehicle cars[MAX_CARS + 1]; /* vehicle_id 0: an owner with no car found */
	int n, sel, first;
	int more;   /* more match than the MAX_CARS listed */
	int chosen; /* the cursor moved onto a row since the filter last changed */
	char err[512];
};

/* The row Enter and F5 act on: one the user moved onto, or the only one.
 * A short filter (浙A) lists many, and Enter on it opened an order for
 * whichever car sorted first. */
static int finder_picked(const struct finder *fd) { return fd->n == 1 || (fd->n > 1 && fd->chosen); }

/* "2 辆", "100 多辆", "1 辆车和 1 位车主" (one without a car): what the filter found */
static void finder_found(const struct finder *fd, char *out, size_t outsz)
{
	int nocar = 0;
	for (int i = 0; i < fd->n; i++) nocar += !fd->cars[i].vehicle_id;
	const char *many = fd->more ? " 多" : " ";
	if (nocar == fd->n) snprintf(out, outsz, "%d%s位车主", nocar, many);
	else if (nocar) snprintf(out, outsz, "%d%s辆车和 %d 位车主", fd->n - nocar, many, nocar);
	else snprintf(out, outsz, "%d%s辆", fd->n, many);
}

/* 找车's own Enter, F4 and F5, then the keys every list with a filter shares */
#define FIND_KEYS (UIK_CAR | UIK_LIST)

static void finder_search(struct uia *a, struct finder *fd)
{
	fd->err[0] = 0;
	fd->n = 0;
	fd->more = 0;
	if (fd->q.len == 0) return;
	int n = wo_find_vehicles(a->db, fd->q.buf, fd->cars, MAX_CARS + 1, fd->err, sizeof fd->err);
	if (n < 0) return;
	fd->more = n > MAX_CARS;
	fd->n = fd->more ? MAX_CARS : n;
	/* the owner search reaches what the car search does not: a customer
	 * with no car yet, or one found by ID number or customer number */
	struct cust_hit hits[32];
	int nh = cust_search(a->db, fd->q.buf, hits, 32, fd->err, sizeof fd->err);
	for (int i = 0; i < nh && fd->n < MAX_CARS; i++) {
		int seen = 0;
		for (int j = 0; j < fd->n; j++) seen |= fd->cars[j].customer_id == hits[i].id;
		if (seen) continue;
		struct wo_vehicle v;
		int got = owner_car(a, hits[i].id, hits[i].vin, &v, fd->err, sizeof fd->err);
		if (got < 0) break; /* not listed as an owner without a car */
		if (got) {
			fd->cars[fd->n++] = v;
			continue;
		}
		struct wo_vehicle *o = &fd->cars[fd->n++];
		memset(o, 0, sizeof *o);
		o->customer_id = hits[i].id;
		snprintf(o->cust_no, sizeof o->cust_no, "%s", hits[i].cust_no);
		snprintf(o->name, sizeof o->name, "%s", hits[i].name);
		snprintf(o->mobile, sizeof o->mobile, "%s", hits[i].mobile);
		o->incomplete = hits[i].incomplete;
	}
	clamp(&fd->sel, &fd->first, fd->n);
}

static void finder_draw(struct uia *a, struct finder *fd)
{
	int top, h;
	if (fd->err[0]) uia_set_msg(a, UIA_ERROR, "%s", fd->err); /* as the list's */
	if (uia_frame(a, "维修工单 · 开新工单", "找车", FIND_KEYS, &top, &h) != 0) return;
	int x = 1 + uis_put(top, 1, -1, "找车：", A_BOLD);
	int cx = uif_draw(&fd->q, top, x, 30, 1, A_UNDERLINE);
	uis_put(top + 1, 1, COLS - 2, "车牌 / VIN 或后6位 / 车主手机号 / 车主姓名", uis_attr(UIS_HINT));
	int wide = COLS >= 100;
	/* 80 columns hold the row exactly; a wider screen gives the owner
	 * (a fleet's company name) what is left, up to 30 */
	int ownw = 12 + (wide ? COLS - 89 : 0);
	ownw = ownw > 30 ? 30 : ownw < 12 ? 12 : ownw;
	struct col c[] = {{"", 1}, {"车牌", 9}, {wide ? "VIN" : "VIN后6位", wide ? 17 : 8}, {"车型", 10},
	                  {"客户编号", 12}, {"车主", ownw}, {"手机号", 11}, {"", 10}};
	int nc = (int)(sizeof c / sizeof c[0]);
	const char *v[8];
	for (int i = 0; i < nc; i++) v[i] = c[i].head;
	table_line(top + 3, c, nc, v, A_BOLD);
	int rows = h - 5;
	scroll_to(fd->sel, &fd->first, rows);
	for (int i = 0; i < rows && fd->first + i < fd->n; i++) {
		const struct wo_vehicle *w = &fd->cars[fd->first + i];
		int on = fd->first + i == fd->sel && finder_picked(fd);
		size_t vl = strlen(w->vin);
		v[0] = on ? ">" : "";
		v[1] = w->plate;
		v[2] = wide || vl <= 6 ? w->vin : w->vin + vl - 6;
		/* table_line cuts with "…": two companies 杭州万通房地… and
		 * 杭州万通机械… read as two, a cut name not taken for a whole one */
		v[3] = w->model;
		v[4] = w->cust_no;
		v[5] = w->name;
		v[6] = w->mobile;
		v[7] = !w->vehicle_id ? "未登记车辆" : w->incomplete ? "档案不全" : "";
		table_line(top + 4 + i, c, nc, v, on ? uis_attr(UIS_SELECT) : A_NORMAL);
	}
	char foot[700];
	if (fd->err[0]) snprintf(foot, sizeof foot, "查找未能完成，结果不全（原因见下方）。");
	else if (fd->q.len == 0) snprintf(foot, sizeof foot, "请输入车牌、VIN、手机号或姓名。车主是新客户时按 F4。");
	else if (fd->n == 0)
		snprintf(foot, sizeof foot, "没有找到。F4 登记新客户和车辆（输入的手机号、车牌、VIN 或姓名会带过去）。");
	else if (!finder_picked(fd)) {
		char found[96];
		finder_found(fd, found, sizeof found);
		snprintf(foot, sizeof foot, "找到 %s。继续输入车牌/VIN 缩小范围，或按 ↓ 选定；F4 新客户。", found);
	} else {
		/* an owner found without a car is no car found: "找到 1 辆" over a
		 * row of 未登记车辆 had the advisor look for the car */
		int nocar = 0;
		for (int i = 0; i < fd->n; i++) nocar += !fd->cars[i].vehicle_id;
		if (nocar == fd->n)
			snprintf(foot, sizeof foot, "找到 %d 位车主，尚未登记车辆。Enter 为选中的车主登记车辆并开单；F4 新客户。",
			         nocar);
		else if (nocar)
			snprintf(foot, sizeof foot, "找到 %d 辆，%d 位车主未登记车辆。Enter 开单或登记车辆；F4 新客户。",
			         fd->n - nocar, nocar);
		else
			snprintf(foot, sizeof foot, "找到 %d%s辆。Enter 为选中的车开单；F5 为该车主登记另一辆车；F4 新客户。",
			         fd->n, fd->more ? " 多" : " ");
	}
	uis_put(top + h - 1, 1, COLS - 2, foot, fd->err[0] ? uis_attr(UIS_ERROR) : A_NORMAL);
	move(top, cx);
	curs_set(1);
}

/* A car nobody knows: its owner is registered on the spot, then the car. */
static int new_owner(struct uia *a, struct fdef_form *f, const char *q)
{
	char vin[64], who[128];
	/* what was typed goes in its field, as from the customer lookup */
	int64_t cid = uicu_run_for_order(
		a, 0, CUST_FIRST_CAR, NULL, 0, q,
		"新客户：填好客户档案并在“车辆与购车”中填车辆底盘号(VIN)，按 F2 保存后继续开工单。");
	if (!cid) {
		uia_set_msg(a, UIA_INFO, "没有保存新客户，未开工单。");
		return 0;
	}
	struct wo_vehicle v;
	if (sheet_vin(a, cid, CUST_FIRST_CAR, vin, sizeof vin, who, sizeof who) < 0) return 0;
	char err[512];
	int got = owner_car(a, cid, vin, &v, err, sizeof err);
	if (got < 0) {
		uia_set_msg(a, UIA_ERROR, "客户已保存，未开工单：%s", err);
		return 0;
	}
	if (!got && !add_car(a, cid, who, &v)) {
		uia_set_msg(a, UIA_INFO, "客户已保存，但没有登记车辆，未开工单。");
		return 0;
	}
	return start_order(a, f, &v, NULL);
}

/* Enter on a row: that car, or for an owner without one, the car first. */
static int open_for(struct uia *a, struct fdef_form *f, const struct wo_vehicle *row, int another)
{
	struct wo_vehicle v = *row;
	if (!row->vehicle_id || another) {
		char who[200];
		snprintf(who, sizeof who, "%s（%s）", row->name, row->cust_no);
		if (!add_car(a, row->customer_id, who, &v)) return 0;
		snprintf(v.cust_no, sizeof v.cust_no, "%s", row->cust_no);
		snprintf(v.name, sizeof v.name, "%s", row->name);
	}
	return start_order(a, f, &v, NULL);
}

/* Enter and F5 act on a row: with none listed they say so, where they
 * were silent, and how to go on. */
static void say_no_car(struct uia *a, const struct finder *fd, const char *what)
{
	uia_set_msg(a, UIA_INFO, "%s%s", what,
	            fd->q.len ? "新客户按 F4 登记客户和车辆。" : "请先输入车牌、VIN、手机号或姓名查找。");
}

static void find_and_open(struct uia *a, struct fdef_form *f)
{
	struct finder *fd = calloc(1, sizeof *fd);
	if (!fd) {
		uia_set_msg(a, UIA_ERROR, "内存不足");
		return;
	}
	uif_init(&fd->q, 64, UIF_FOLD_ALNUM);
	a->msg[0] = 0;
	while (!a->quit) {
		finder_draw(a, fd);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		enum uik_req r = uik_request(FIND_KEYS, &k);
		if (r == UIR_BACK) break;
		if (k.kind == KEY_CODE_YES && k.ch == KEY_RESIZE) continue;
		a->msg[0] = 0;
		int opened = 0, acted = 1;
		/* the first ↓ onto a list nobody has chosen in lands on its first row */
		int first_move = fd->n > 1 && !fd->chosen;
		if (r == UIR_UP || r == UIR_DOWN || r == UIR_PGUP || r == UIR_PGDN) fd->chosen = 1;
		switch (r) {
		case UIR_UP: fd->sel--; acted = 0; break;
		case UIR_DOWN: fd->sel += !first_move; acted = 0; break;
		case UIR_PGUP: fd->sel -= 10; acted = 0; break;
		case UIR_PGDN: fd->sel += 10; acted = 0; break;
		case UIR_OPEN:
		case UIR_ADDCAR:
			if (fd->n > 0 && !finder_picked(fd)) {
				/* many found and none chosen: nothing opened on a guess */
				char found[96];
				finder_found(fd, found, sizeof found);
				uia_set_msg(a, UIA_INFO, "找到 %s，%s：继续输入车牌/VIN 缩小到一辆，或按 ↓ 选定后再按 %s。",
				            found, r == UIR_OPEN ? "未开单" : "未登记", r == UIR_OPEN ? "Enter" : "F5");
				acted = 0;
			} else if (fd->n > 0) {
				opened = open_for(a, f, &fd->cars[fd->sel], r == UIR_ADDCAR);
			} else {
				acted = 0;
			}
			if (!fd->n && !fd->err[0])
				say_no_car(a, fd, r == UIR_OPEN ? "列表中没有车，无从开单。" : "列表中没有车主，无从登记另一辆车。");
			break;
		case UIR_NEW: opened = new_owner(a, f, fd->q.buf); break;
		default:
			acted = 0;
			if (r == UIR_NONE && k.kind != OK) break;
			if (uif_key(&fd->q, r, (uint32_t)k.ch) > 0) {
				fd->sel = fd->first = 0;
				fd->chosen = 0; /* another list: nothing in it chosen yet */
				finder_search(a, fd);
			}
			break;
		}
		if (opened) break;
		if (acted) finder_search(a, fd); /* a car or a customer may have been added */
		clamp(&fd->sel, &fd->first, fd->n);
	}
	free(fd);
}

void uiwo_run(struct uia *a)
{
	char err[512];
	struct fdef_form *f = fdef_load("workorder", a->forms_dir, err, sizeof err);
	if (!f) {
		uia_set_notice(a, "无法打开维修工单：%s", err);
		return;
	}
	a->msg[0] = 0;
	struct wolist l = {.kind = WO_IN_SHOP};
	list_run(a, f, &l);
	a->msg[0] = 0;
	fdef_free(f);
}

/* A new order's draft names its car (the link) and holds its VIN: the
 * order starts again from that car, owner checks first, as from the list. */
void uiwo_run_draft(struct uia *a, const struct draft *d)
{
	char err[512];
	struct fdef_form *f = fdef_load("workorder", a->forms_dir, err, sizeof err);
	if (!f) {
		uia_set_msg(a, UIA_ERROR, "无法打开维修工单：%s", err);
		return;
	}
	if (d->record_id) {
		order_run(a, f, d->record_id, d);
		fdef_free(f);
		return;
	}
	struct rec *r = rec_new(f);
	struct draft got;
	struct wo_vehicle cars[8];
	int n = -1;
	if (r && draft_load(a->db, a->staff, d->id, &got, r, err, sizeof err) == ST_OK)
		n = wo_find_vehicles(a->db, rec_get(r, "vin"), cars, 8, err, sizeof err);
	int i = 0;
	while (i < n && cars[i].vehicle_id != d->link_id) i++;
	if (n < 0) uia_set_msg(a, UIA_ERROR, "无法恢复草稿：%s", r ? err : "内存不足");
	else if (i == n || !d->link_id)
		uia_set_msg(a, UIA_ERROR, "无法恢复草稿：草稿中的车辆（VIN %s）已不在车辆档案中，只能放弃（Del）",
		            rec_get(r, "vin"));
	else
		start_order(a, f, &cars[i], d);
	if (r) rec_free(r);
	fdef_free(f);
}
